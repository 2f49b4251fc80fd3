//! Reading published statistics: the answers of PxWeb, JSON-stat 2.0 and Sotkanet services, and CSV and XLSX
//! files, turned into an indicator's values, by the connector settings of the indicator. Reading is pure (bytes or a reader in,
//! values out); [`fetch`] does the network.

pub mod fetch;
mod jsonstat;
mod period;
mod pxweb;
mod select;
mod sotkanet;
mod spreadsheet;

use chrono::NaiveDate;

use crate::domain::connector::{ConnectorKind, ConnectorSettings};

pub use period::period_end;
pub use pxweb::query_body;

/// Status symbols statistics offices use for a cell without a figure: not available (`..`), logically
/// impossible (`.`), nil or too small to show (`-`), confidential (`...`). Such a cell stays missing; it is
/// never read as zero.
pub const MISSING_SYMBOLS: &[&str] = &["..", ".", "-", "...", ":"];

/// One value taken from an answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// The region's slug, as the settings map the source's code.
    pub region: String,
    pub date: NaiveDate,
    pub value: f64,
}

/// What an answer gave for an indicator.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    pub observations: Vec<Observation>,
    /// Selected cells without a figure.
    pub missing: usize,
    /// The answer's own source text and last update, when it states them.
    pub source: Option<String>,
    pub updated: Option<String>,
}

/// Reads an answer held in memory (PxWeb and Sotkanet answers, small by their servers' limits; CSV and XLSX
/// files, within the fetch's size limit).
pub fn read_answer(bytes: &[u8], settings: &ConnectorSettings, decimals: u8) -> Result<Extracted, String> {
    match settings.kind {
        ConnectorKind::Pxweb if pxweb::is_columns_answer(bytes) => pxweb::read_columns(bytes, settings, decimals),
        ConnectorKind::Pxweb | ConnectorKind::Jsonstat => jsonstat::read(bytes, settings, decimals),
        ConnectorKind::Sotkanet => sotkanet::read(bytes, settings, decimals),
        ConnectorKind::Csv | ConnectorKind::Xlsx => spreadsheet::read(bytes, settings, decimals),
    }
}

/// Reads a JSON-stat 2.0 answer as it arrives, keeping only the selected cells.
pub fn read_jsonstat(
    reader: impl std::io::Read,
    settings: &ConnectorSettings,
    decimals: u8,
) -> Result<Extracted, String> {
    jsonstat::read(reader, settings, decimals)
}

#[cfg(test)]
mod tests;
