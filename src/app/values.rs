//! Recording indicator values from a file, for `tarina indicators import`, the background import job and,
//! later, staff uploads: every row is checked against the cascade first, then all are written in one
//! transaction, or none.

use crate::domain::cascade::Cascade;
use crate::domain::change::{Change, NewValue, RecordSummary};
use crate::domain::connector::ValueOrigin;
use crate::store::Store;
use crate::values::CsvErrors;

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportReport {
    /// Values read from the file.
    pub read: usize,
    /// How the file was written (encoding, separator, decimal mark, date form), as detected.
    pub format: crate::values::Format,
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
    let read = crate::values::parse_file(bytes, &cascade).map_err(|errors| CsvErrors {
        file: file.to_owned(),
        errors,
    })?;
    let summary = store.record_values(city, &read.values, change).await?;
    Ok(ImportReport {
        read: read.values.len(),
        format: read.format,
        summary,
    })
}

/// Records values already in typed form (a form, the write API, a benchmark), checked against `cascade`
/// (the outline is enough) by the same rules as a file's rows: the indicator exists, the region is one it
/// is reported for, the date's year is plausible and the value is a number.
pub async fn record_values(
    store: &dyn Store,
    city: &str,
    cascade: &Cascade,
    values: &[NewValue],
    change: &Change,
) -> anyhow::Result<RecordSummary> {
    check_values(cascade, values)?;
    Ok(store.record_values(city, values, change).await?)
}

/// Records values a connector fetched, checked like [`record_values`], keeping where they came from.
pub async fn record_fetched_values(
    store: &dyn Store,
    city: &str,
    cascade: &Cascade,
    values: &[NewValue],
    origin: &ValueOrigin,
    change: &Change,
) -> anyhow::Result<RecordSummary> {
    check_values(cascade, values)?;
    Ok(store.record_fetched_values(city, values, origin, change).await?)
}

fn check_values(cascade: &Cascade, values: &[NewValue]) -> anyhow::Result<()> {
    let problems: Vec<String> = values
        .iter()
        .filter_map(|value| check_value(cascade, value).err())
        .collect();
    anyhow::ensure!(problems.is_empty(), "nothing was recorded: {}", problems.join("; "));
    Ok(())
}

fn check_value(cascade: &Cascade, value: &NewValue) -> Result<(), String> {
    let indicator = cascade
        .indicator(value.indicator)
        .ok_or_else(|| format!("no indicator has the id {}", value.indicator))?;
    if !indicator.regions.contains(&value.region) {
        return Err(format!(
            "indicator {} is not reported for the region {}",
            value.indicator, value.region
        ));
    }
    if !crate::values::VALUE_YEARS.contains(&chrono::Datelike::year(&value.date)) {
        return Err(format!("{} is not a plausible date for a value", value.date));
    }
    if !value.value.is_finite() {
        return Err(format!("{} is not a number", value.value));
    }
    if value.source.trim().is_empty() {
        return Err("a value needs a source".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_values_are_checked_like_rows() {
        let cascade = crate::data::bundled_dataset().unwrap().cascade;
        let indicator = &cascade.indicators[0];
        let good = NewValue {
            indicator: indicator.id,
            region: indicator.regions[0].clone(),
            date: "2020-01-01".parse().unwrap(),
            value: 1.0,
            source: "test".into(),
        };
        assert_eq!(check_value(&cascade, &good), Ok(()));
        let wrong_region = NewValue {
            region: crate::domain::Slug::parse("nowhere").unwrap(),
            ..good.clone()
        };
        assert!(check_value(&cascade, &wrong_region)
            .unwrap_err()
            .contains("not reported for"));
        let implausible = NewValue {
            date: "2918-01-01".parse().unwrap(),
            ..good.clone()
        };
        assert!(check_value(&cascade, &implausible).is_err());
        let not_a_number = NewValue {
            value: f64::NAN,
            ..good.clone()
        };
        assert!(check_value(&cascade, &not_a_number).is_err());
        let unknown = NewValue {
            indicator: crate::domain::IndicatorId::new(999_999).unwrap(),
            ..good
        };
        assert!(check_value(&cascade, &unknown).is_err());
    }
}
