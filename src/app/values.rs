//! Recording indicator values from a file (`tarina indicators import`, the background import job, the staff
//! upload page) or already typed (the staff form, the write API, connectors): every value is checked against the
//! cascade first, then all are written in one transaction, or none.

use crate::domain::cascade::{Cascade, Indicator};
use crate::domain::change::{Change, NewValue, RecordSummary};
use crate::domain::connector::ValueOrigin;
use crate::domain::{IndicatorId, Slug};
use crate::store::Store;
use crate::values::CsvErrors;
use chrono::NaiveDate;

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportReport {
    /// Values read from the file.
    pub read: usize,
    /// How the file was written (encoding, separator, decimal mark, date form), as detected.
    pub format: crate::values::Format,
    pub summary: RecordSummary,
}

/// Checks every row of `bytes` (a CSV file or an XLSX workbook named `file` in messages) against the current
/// cascade and records the values. A file with any problem writes nothing and fails with every problem
/// listed ([`CsvErrors`]).
pub async fn import_values(
    store: &dyn Store,
    file: &str,
    bytes: &[u8],
    change: &Change,
) -> anyhow::Result<ImportReport> {
    import_permitted_values(store, file, bytes, change, &|_, _| true).await
}

/// [`import_values`] for someone who may record values only of the indicators `permitted` accepts (given
/// the cascade the file is checked against): a row of any other indicator is one more problem of the file.
pub async fn import_permitted_values(
    store: &dyn Store,
    file: &str,
    bytes: &[u8],
    change: &Change,
    permitted: &(dyn Fn(&Cascade, &Indicator) -> bool + Sync),
) -> anyhow::Result<ImportReport> {
    let (strategy, cascade) = super::current_outline(store).await?;
    let city = strategy.city.slug.as_str();
    anyhow::ensure!(
        !cascade.indicators.is_empty(),
        "the {city} cascade has no indicators to record values for; load one with `tarina seed`"
    );
    let read = crate::values::parse_upload(bytes, &cascade, &|indicator| permitted(&cascade, indicator)).map_err(
        |errors| CsvErrors {
            file: file.to_owned(),
            errors,
        },
    )?;
    let summary = store.record_values(city, &read.values, change).await?;
    Ok(ImportReport {
        read: read.values.len(),
        format: read.format,
        summary,
    })
}

/// Records values already in typed form (a form, the write API, a benchmark), checked against `cascade`
/// (the outline is enough) by the same rules as a file's rows: the indicator exists, the region is one it
/// is reported for, the date's year is plausible, the value is a number, the source is given and no
/// indicator, region and date comes twice. Any problem fails with every problem listed ([`ValueProblems`]).
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

/// Records values of one indicator checked like [`record_values`], provided its state still has the tag the
/// writer holds (`If-Match`); `None` records them whatever the state (`If-Match: *`). A state that moved on
/// fails with [`crate::store::StoreError::Stale`] and writes nothing. Returns the tag of the state left.
pub async fn record_values_if(
    store: &dyn Store,
    city: &str,
    cascade: &Cascade,
    indicator: IndicatorId,
    expected: Option<&str>,
    values: &[NewValue],
    change: &Change,
) -> anyhow::Result<(RecordSummary, String)> {
    check_values(cascade, values)?;
    Ok(store
        .record_values_if(city, indicator, expected, values, change)
        .await?)
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

/// What breaks a rule in one typed value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueProblem {
    UnknownIndicator(IndicatorId),
    /// The region is not one of `regions`, those the indicator is reported for.
    RegionNotReported {
        indicator: IndicatorId,
        region: Slug,
        regions: Vec<Slug>,
    },
    ImplausibleDate(NaiveDate),
    NotANumber,
    NoSource,
    /// The same indicator, region and date as the value at position `first`.
    Repeated {
        first: usize,
    },
}

impl ValueProblem {
    /// The field of the value the problem is in; `None` for the value as a whole.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            ValueProblem::UnknownIndicator(_) => Some("indicator"),
            ValueProblem::RegionNotReported { .. } => Some("region"),
            ValueProblem::ImplausibleDate(_) => Some("date"),
            ValueProblem::NotANumber => Some("value"),
            ValueProblem::NoSource => Some("source"),
            ValueProblem::Repeated { .. } => None,
        }
    }
}

impl std::fmt::Display for ValueProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ValueProblem::UnknownIndicator(id) => write!(f, "no indicator has the id {id}"),
            ValueProblem::RegionNotReported {
                indicator,
                region,
                regions,
            } => {
                let regions: Vec<&str> = regions.iter().map(Slug::as_str).collect();
                write!(
                    f,
                    "indicator {indicator} is not reported for the region {region}; its regions are {}",
                    regions.join(", ")
                )
            }
            ValueProblem::ImplausibleDate(date) => write!(f, "{date} is not a plausible date for a value"),
            ValueProblem::NotANumber => f.write_str("the value is not a number"),
            ValueProblem::NoSource => f.write_str("a value needs a source"),
            ValueProblem::Repeated { first } => {
                write!(
                    f,
                    "the same indicator, region and date as value {} (counting from 1)",
                    first + 1
                )
            }
        }
    }
}

/// Every problem of a batch of typed values, with the position of its value (from 0); nothing was recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("nothing was recorded: {}", self.0.iter().map(|(at, problem)| format!("value {}: {problem}", at + 1)).collect::<Vec<_>>().join("; "))]
pub struct ValueProblems(pub Vec<(usize, ValueProblem)>);

/// Checks typed values by the rules [`record_values`] applies, without writing: for callers that report the
/// problems of values they read along with their own.
pub fn check_values(cascade: &Cascade, values: &[NewValue]) -> Result<(), ValueProblems> {
    let mut seen = std::collections::HashMap::new();
    let mut problems = Vec::new();
    for (at, value) in values.iter().enumerate() {
        problems.extend(check_value(cascade, value).into_iter().map(|problem| (at, problem)));
        let key = (value.indicator, &value.region, value.date);
        if let Some(&first) = seen.get(&key) {
            problems.push((at, ValueProblem::Repeated { first }));
        } else {
            seen.insert(key, at);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ValueProblems(problems))
    }
}

fn check_value(cascade: &Cascade, value: &NewValue) -> Vec<ValueProblem> {
    let Some(indicator) = cascade.indicator(value.indicator) else {
        return vec![ValueProblem::UnknownIndicator(value.indicator)];
    };
    let mut problems = Vec::new();
    if !indicator.regions.contains(&value.region) {
        problems.push(ValueProblem::RegionNotReported {
            indicator: value.indicator,
            region: value.region.clone(),
            regions: indicator.regions.clone(),
        });
    }
    if !crate::values::VALUE_YEARS.contains(&chrono::Datelike::year(&value.date)) {
        problems.push(ValueProblem::ImplausibleDate(value.date));
    }
    if !value.value.is_finite() {
        problems.push(ValueProblem::NotANumber);
    }
    if value.source.trim().is_empty() {
        problems.push(ValueProblem::NoSource);
    }
    problems
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
        assert_eq!(check_value(&cascade, &good), vec![]);
        let wrong_region = NewValue {
            region: crate::domain::Slug::parse("nowhere").unwrap(),
            ..good.clone()
        };
        assert!(matches!(
            check_value(&cascade, &wrong_region)[..],
            [ValueProblem::RegionNotReported { .. }]
        ));
        let implausible = NewValue {
            date: "2918-01-01".parse().unwrap(),
            ..good.clone()
        };
        assert_eq!(check_value(&cascade, &implausible).len(), 1);
        let not_a_number = NewValue {
            value: f64::NAN,
            ..good.clone()
        };
        assert_eq!(check_value(&cascade, &not_a_number), vec![ValueProblem::NotANumber]);
        let unknown = NewValue {
            indicator: crate::domain::IndicatorId::new(999_999).unwrap(),
            ..good.clone()
        };
        assert_eq!(check_value(&cascade, &unknown).len(), 1);
        let ValueProblems(problems) = check_values(&cascade, &[good.clone(), implausible.clone(), good]).unwrap_err();
        assert_eq!(
            problems,
            vec![
                (1, ValueProblem::ImplausibleDate(implausible.date)),
                (2, ValueProblem::Repeated { first: 0 })
            ]
        );
    }
}
