//! The use cases: everything that changes what a city holds, and the reads the commands need. The command
//! line, HTTP handlers and background jobs call these same functions, each with the actor and the reason
//! of its [`Change`](crate::domain::change::Change), so a rule holds however a change arrives.

pub mod accounts;
pub mod drafts;
pub mod edits;
pub mod lint;
pub mod mail;
pub mod reminders;
pub mod seed;
pub mod surveys;
pub mod sync;
pub mod targets;
pub mod translations;
pub mod updates;
pub mod values;
pub mod versions;

use anyhow::Context as _;

use crate::domain::cascade::Cascade;
use crate::domain::Strategy;
use crate::store::Store;

/// The current strategy and the outline of its city's cascade (no values), which the cascade use cases
/// check their input against.
pub async fn current_outline(store: &dyn Store) -> anyhow::Result<(Strategy, Cascade)> {
    let strategy = store
        .current_strategy()
        .await?
        .context("the database holds no approved strategy; load one with `tarina seed`")?;
    let cascade = store.cascade_outline(strategy.city.slug.as_str()).await?;
    Ok((strategy, cascade))
}
