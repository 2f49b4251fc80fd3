//! The strategy model and its rules, as plain Rust without I/O.
//!
//! Values are parsed once at the edge (data files, database rows, URL paths) into the newtypes here, so the
//! rest of the program never re-checks them.

pub mod access;
pub mod cascade;
pub mod change;
pub mod connector;
pub mod delta;
pub mod diff;
pub mod draft;
pub mod edit;
pub mod ids;
pub mod indicator;
pub mod lang;
pub mod mail;
pub mod reminders;
pub mod revision;
pub mod situation;
pub mod strategy;
pub mod survey;
pub mod text;
pub mod translation;
pub mod workflow;
pub mod year_approval;

pub use ids::{ActionId, AreaId, GoalId, IdError, IndicatorId, ProgrammeId, Slug, SlugError, TargetId};
pub use lang::Lang;
pub use strategy::*;
pub use text::{LocalizedText, Translation, TranslationStats};

/// A city's whole data: the strategy and its yearly cascade, as a data folder or an export holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub strategy: Strategy,
    pub cascade: cascade::Cascade,
}
