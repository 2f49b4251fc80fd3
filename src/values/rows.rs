//! Checking the rows of a values file, whether they came from CSV text or a workbook's sheet: the header
//! names the columns, and each row's fields are checked against the cascade, every problem reported.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use chrono::NaiveDate;

use super::fields::{parse_date, parse_value, Separators};
use super::{shown, Reason, RowError, COLUMNS, IGNORED_COLUMNS};
use crate::domain::cascade::{has_full_date_shape, Cascade, Indicator};
use crate::domain::change::NewValue;
use crate::domain::IndicatorId;

/// One row as read: its line (or the sheet's row number) and its fields' text.
pub(super) struct RawRow {
    pub line: usize,
    pub fields: Vec<String>,
    /// The value came as a number (a workbook's numeric cell), so its text says nothing about the file's
    /// decimal separator.
    pub typed_value: bool,
}

/// What the kind of file allows.
#[derive(Clone, Copy)]
pub(super) struct Dialect {
    /// Dates may be written `D.M.YYYY`, as a Finnish spreadsheet shows them.
    pub day_first_allowed: bool,
    /// Commas separate the fields, so an unquoted decimal comma splits a field in two.
    pub comma_separated: bool,
}

/// The values of rows that passed every check, and what their texts showed of the file's dialect.
pub(super) struct Checked {
    pub values: Vec<NewValue>,
    pub decimal_comma: bool,
    pub day_first_dates: bool,
}

/// Where each column is in the rows.
struct Positions([usize; COLUMNS.len()]);

impl Positions {
    fn field<'r>(&self, row: &'r RawRow, column: usize) -> &'r str {
        row.fields.get(self.0[column]).map_or("", String::as_str)
    }
}

/// Checks a header and its rows against the cascade, and that every row's indicator is `permitted`: every
/// value, or every problem of every row.
pub(super) fn check(
    cascade: &Cascade,
    permitted: &dyn Fn(&Indicator) -> bool,
    header_line: usize,
    header: &[String],
    rows: impl Iterator<Item = Result<RawRow, RowError>>,
    dialect: Dialect,
) -> Result<Checked, Vec<RowError>> {
    let positions = header_positions(header, header_line)?;
    let mut errors = Vec::new();
    let mut values = Vec::new();
    let mut seen: HashMap<(IndicatorId, String, NaiveDate), usize> = HashMap::new();
    let mut separators = Separators::default();
    let mut day_first_dates = false;
    for row in rows {
        let row = match row {
            Ok(row) => row,
            Err(error) => {
                errors.push(error);
                continue;
            }
        };
        let line = row.line;
        if row.fields.iter().all(String::is_empty) {
            continue;
        }
        if row.fields.len() != header.len() {
            errors.push(RowError::new(
                line,
                None,
                Reason::FieldCount {
                    found: row.fields.len(),
                    expected: header.len(),
                    decimal_comma_hint: dialect.comma_separated && row.fields.len() > header.len(),
                },
            ));
            continue;
        }
        let before = errors.len();
        let mut fail = |column: usize, reason: Reason| errors.push(RowError::new(line, Some(COLUMNS[column]), reason));
        let indicator = find_indicator(cascade, positions.field(&row, 0))
            .map_err(|r| fail(0, r))
            .ok();
        if let Some(indicator) = indicator.filter(|i| !permitted(i)) {
            fail(
                0,
                Reason::NotPermitted {
                    indicator: indicator.id.get(),
                },
            );
        }
        let region = check_region(cascade, indicator, positions.field(&row, 1))
            .map_err(|r| fail(1, r))
            .ok();
        let date_text = positions.field(&row, 2);
        let date = parse_date(date_text, dialect.day_first_allowed)
            .map_err(|r| fail(2, r))
            .ok();
        let value_text = positions.field(&row, 3);
        let value = parse_value(value_text).map_err(|r| fail(3, r)).ok();
        let source = positions.field(&row, 4);
        if source.is_empty() {
            fail(4, Reason::SourceEmpty);
        }
        let (Some(indicator), Some(region), Some(date), Some(value)) = (indicator, region, date, value) else {
            continue;
        };
        if errors.len() > before {
            continue;
        }
        // Keyed on the indicator's id, so its id and its slug are the same indicator.
        match seen.entry((indicator.id, region.to_owned(), date)) {
            Entry::Occupied(first) => {
                errors.push(RowError::new(
                    line,
                    None,
                    Reason::Repeated {
                        indicator: indicator.id.get(),
                        slug: indicator.slug.to_string(),
                        region: region.to_owned(),
                        date: date.to_string(),
                        first: *first.get(),
                    },
                ));
                continue;
            }
            Entry::Vacant(vacant) => {
                vacant.insert(line);
            }
        }
        if !row.typed_value {
            separators.note(value_text, line);
        }
        day_first_dates |= !has_full_date_shape(date_text);
        values.push(NewValue {
            indicator: indicator.id,
            region: indicator
                .regions
                .iter()
                .find(|r| r.as_str() == region)
                .cloned()
                .expect("the region was checked against the indicator's regions"),
            date,
            value,
            source: source.to_owned(),
        });
    }
    errors.extend(separators.ambiguous());
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(errors);
    }
    if values.is_empty() {
        return Err(vec![RowError::new(header_line, None, Reason::NoValues)]);
    }
    Ok(Checked {
        values,
        decimal_comma: separators.comma.is_some(),
        day_first_dates,
    })
}

/// The header's columns, or every problem with them. The rows are not checked when the header is wrong:
/// without knowing which column is which, their problems would be guesses.
fn header_positions(header: &[String], line: usize) -> Result<Positions, Vec<RowError>> {
    if !header
        .iter()
        .any(|name| COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(name)))
    {
        let found: Vec<String> = header.iter().take(COLUMNS.len()).map(|name| shown(name)).collect();
        return Err(vec![RowError::new(
            line,
            None,
            Reason::NoColumnNames {
                found: found.join(", "),
            },
        )]);
    }
    let mut errors = Vec::new();
    let mut positions: [Option<usize>; COLUMNS.len()] = [None; COLUMNS.len()];
    for (index, name) in header.iter().enumerate() {
        let name = name.as_str();
        match COLUMNS.iter().position(|c| *c == name) {
            Some(column) => match positions[column] {
                Some(first) => errors.push(RowError::new(
                    line,
                    Some(name),
                    Reason::ColumnTwice {
                        first: first + 1,
                        second: index + 1,
                    },
                )),
                None => positions[column] = Some(index),
            },
            None if IGNORED_COLUMNS.contains(&name) => {}
            None if name.is_empty() => {
                errors.push(RowError::new(line, None, Reason::HeaderFieldEmpty { field: index + 1 }))
            }
            None => errors.push(RowError::new(
                line,
                Some(name),
                Reason::UnknownColumn {
                    lowercase: COLUMNS.iter().find(|c| c.eq_ignore_ascii_case(name)).copied(),
                },
            )),
        }
    }
    for (column, position) in COLUMNS.iter().zip(&positions) {
        if position.is_none()
            && !errors
                .iter()
                .any(|e| e.column.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(column)))
        {
            errors.push(RowError::new(line, Some(column), Reason::ColumnMissing));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Positions(positions.map(|p| p.expect("every column was found"))))
}

fn find_indicator<'c>(cascade: &'c Cascade, text: &str) -> Result<&'c Indicator, Reason> {
    if text.is_empty() {
        return Err(Reason::IndicatorEmpty);
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        let id: IndicatorId = text
            .parse()
            .map_err(|_| Reason::NotAnIndicatorId { text: shown(text) })?;
        cascade.indicator(id).ok_or(Reason::NoIndicatorId { id: id.get() })
    } else {
        cascade
            .indicators
            .iter()
            .find(|i| i.slug.as_str() == text)
            .map(|i| &**i)
            .ok_or_else(|| Reason::NoIndicatorSlug { text: shown(text) })
    }
}

/// Checks a region against the indicator's regions (or, when the indicator is unknown, against the
/// cascade's), naming the regions that would do.
fn check_region<'t>(cascade: &Cascade, indicator: Option<&Indicator>, text: &'t str) -> Result<&'t str, Reason> {
    if text.is_empty() {
        return Err(Reason::RegionEmpty {
            example: cascade.regions.first().map(|r| r.slug.to_string()),
        });
    }
    let known = cascade.regions.iter().any(|r| r.slug.as_str() == text);
    match indicator {
        Some(indicator) if indicator.regions.iter().any(|r| r.as_str() == text) => Ok(text),
        Some(indicator) => {
            let regions: Vec<&str> = indicator.regions.iter().map(|r| r.as_str()).collect();
            Err(Reason::RegionNotReported {
                known,
                indicator: indicator.id.get(),
                slug: indicator.slug.to_string(),
                text: shown(text),
                regions: regions.join(", "),
            })
        }
        None if known => Ok(text),
        None => Err(Reason::NoRegionSlug { text: shown(text) }),
    }
}
