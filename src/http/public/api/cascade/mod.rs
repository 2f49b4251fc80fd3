//! The cascade endpoints: indicators with their values (as JSON, JSON-stat 2.0 and CSV), annual performance
//! targets, organisations, regions and the situational picture.
//!
//! An indicator may hold a million values, so nothing here copies a series: a request's values are located by a
//! binary search on each region's series (kept oldest first) and only the page that is sent is read. Every value
//! response is bounded by `limit` and continues with `offset`; the next page's address is given in the body
//! (JSON: `page.next`; JSON-stat: `link.next`) and, for the JSON-stat and CSV downloads, in a `Link` header.

mod dataset;
mod dto;
mod indicators;
mod query;
mod selection;
mod situation;
mod situation_dto;
mod targets;
mod values_csv;

pub use query::document_regions;
// Each handler with the OpenAPI path utoipa derives for it (`__path_…`), both named by `super::ApiDoc`.
pub use dataset::*;
pub use indicators::*;
pub use situation::*;
pub use targets::*;
pub use values_csv::*;
