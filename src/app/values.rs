//! Recording indicator values from a file, for `tarina indicators import`, the background import job and,
//! later, staff uploads: every row is checked against the cascade first, then all are written in one
//! transaction, or none.

use crate::domain::change::{Change, RecordSummary};
use crate::store::Store;
use crate::values::CsvErrors;

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportReport {
    /// Values read from the file.
    pub read: usize,
    pub summary: RecordSummary,
}

/// Checks every row of `bytes` (a CSV file named `file` in messages) against the current cascade and
/// records the values. A file with any problem writes nothing and fails with every problem listed
/// ([`CsvErrors`]).
pub async fn import_values(
    store: &dyn Store,
    file: &str,
    bytes: &[u8],
    change: &Change,
) -> anyhow::Result<ImportReport> {
    let (strategy, cascade) = super::current_outline(store).await?;
    let city = strategy.city.slug.as_str();
    anyhow::ensure!(
        !cascade.indicators.is_empty(),
        "the {city} cascade has no indicators to record values for; load one with `tarina seed`"
    );
    let values = crate::values::parse_file(bytes, &cascade).map_err(|errors| CsvErrors {
        file: file.to_owned(),
        errors,
    })?;
    let summary = store.record_values(city, &values, change).await?;
    Ok(ImportReport {
        read: values.len(),
        summary,
    })
}
