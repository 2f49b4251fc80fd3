//! Reading indicator values from a CSV file, as `tarina indicators import` does. Everything is checked
//! against the city's cascade before anything is written, and every problem of every row is reported at
//! once: whoever prepares the file in a spreadsheet fixes it in one round instead of one error per try.
//!
//! The format (documented for users in the README):
//! - UTF-8, with or without a byte order mark, or Windows-1252 as Excel saves plain "CSV" in a Finnish locale
//!   ([`format::decode`] tells them apart or refuses the file); comma- or semicolon-separated, decided by the
//!   header line, because Finnish Excel writes semicolons (and decimal commas and dates as 31.12.2018);
//! - a header row naming exactly the columns `indicator`, `region`, `date`, `value` and `source`, in any order;
//! - `indicator`: the indicator's id or slug; `region`: a region the indicator is reported for;
//!   `date`: `YYYY-MM-DD`, or in a semicolon-separated file also `D.M.YYYY`; `value`: a plain number, with a
//!   decimal point or a decimal comma (a file may not use both where `1.234` or `1,234` could be a thousand);
//!   `source`: where the value comes from, never empty;
//! - each indicator, region and date at most once; rows whose every field is empty are skipped, because
//!   spreadsheets leave such rows behind (`;;;;`).

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt;
use std::ops::RangeInclusive;

use chrono::NaiveDate;

use crate::domain::cascade::{has_full_date_shape, Cascade, Indicator};
use crate::domain::change::NewValue;
use crate::domain::IndicatorId;

mod fields;

mod format;

pub(crate) use fields::parse_value;
use fields::{parse_date, Separators};

pub use format::{decode, Encoding, Format};

/// The columns of the file, in the order the documentation and the checks use.
pub const COLUMNS: [&str; 5] = ["indicator", "region", "date", "value", "source"];

/// Columns the API's CSV download adds, read and ignored so that a download can be corrected and imported
/// again. An import cannot mark values as examples: what it records is never one.
pub const IGNORED_COLUMNS: [&str; 1] = ["example"];

/// The largest file the import reads (200 MB, a few million rows): the whole file and its rows are held
/// in memory and written in one transaction, so a bigger file is more likely a mistake than a batch.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;

/// The years a value's date may have. Catches typos such as 2918 or 0218 that are valid dates but not
/// plausible measurements of a city.
pub const VALUE_YEARS: RangeInclusive<i32> = 1900..=2100;

/// One problem at one line of the file. `column` names the column (as in the header) when the problem
/// is in one field; problems of the whole row (wrong field count, a repeated value, the file's encoding)
/// have none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub column: Option<String>,
    pub reason: String,
}

impl RowError {
    fn new(line: usize, column: Option<&str>, reason: impl Into<String>) -> RowError {
        RowError {
            line,
            column: column.map(str::to_owned),
            reason: reason.into(),
        }
    }
}

/// Every problem of one file, displayed one per line as `FILE:LINE: column COLUMN: reason`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct CsvErrors {
    pub file: String,
    pub errors: Vec<RowError>,
}

impl fmt::Display for CsvErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} has {} problem(s); nothing was imported:",
            self.file,
            self.errors.len()
        )?;
        for error in &self.errors {
            match &error.column {
                Some(column) => write!(f, "\n  {}:{}: column {column}: {}", self.file, error.line, error.reason)?,
                None => write!(f, "\n  {}:{}: {}", self.file, error.line, error.reason)?,
            }
        }
        Ok(())
    }
}

/// The values of a file and the format they were read in.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    pub values: Vec<NewValue>,
    pub format: Format,
}

/// Decodes the bytes of a file ([`decode`]) and parses them with [`parse_csv`].
pub fn parse_file(bytes: &[u8], cascade: &Cascade) -> Result<Read, Vec<RowError>> {
    let (text, encoding) = decode(bytes).map_err(|e| vec![e])?;
    let read = parse_csv(&text, cascade)?;
    Ok(Read {
        format: Format {
            encoding,
            ..read.format
        },
        ..read
    })
}

/// Where each column is in the rows.
struct Positions([usize; COLUMNS.len()]);

impl Positions {
    fn field<'r>(&self, record: &'r csv::StringRecord, column: usize) -> &'r str {
        record.get(self.0[column]).unwrap_or_default()
    }
}

/// Parses and checks a whole file against the cascade: every value, or every problem of every row.
pub fn parse_csv(text: &str, cascade: &Cascade) -> Result<Read, Vec<RowError>> {
    let encoding = if text.starts_with('\u{feff}') {
        Encoding::Utf8Bom
    } else {
        Encoding::Utf8
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(header_line) = text.lines().find(|l| !l.trim().is_empty()) else {
        return Err(vec![RowError::new(
            1,
            None,
            format!(
                "the file is empty; its first line must name the columns {}",
                COLUMNS.join(", ")
            ),
        )]);
    };
    if header_line.contains(';') && header_line.contains(',') {
        return Err(vec![RowError::new(
            text.lines().position(|l| l == header_line).map_or(1, |i| i + 1),
            None,
            "the header has both semicolons and commas, so which one separates the columns cannot be told",
        )]);
    }
    let semicolons = header_line.contains(';');
    let delimiter = if semicolons { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(e)) => return Err(vec![csv_error(&e)]),
        None => return Err(vec![RowError::new(1, None, "the file has no header line")]),
    };
    let header_line_number = line_of(&header);
    let positions = header_positions(&header, header_line_number)?;

    let mut errors = Vec::new();
    let mut values = Vec::new();
    let mut seen: HashMap<(IndicatorId, String, NaiveDate), usize> = HashMap::new();
    let mut separators = Separators::default();
    let mut day_first_dates = false;
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                errors.push(csv_error(&e));
                continue;
            }
        };
        let line = line_of(&record);
        if record.iter().all(str::is_empty) {
            continue;
        }
        if record.len() != header.len() {
            let hint = if delimiter == b',' && record.len() > header.len() {
                "; in a comma-separated file a decimal comma must be quoted (\"71,5\") or written as a point (71.5)"
            } else {
                ""
            };
            errors.push(RowError::new(
                line,
                None,
                format!(
                    "the row has {} field(s) but the header has {}{hint}",
                    record.len(),
                    header.len()
                ),
            ));
            continue;
        }
        let before = errors.len();
        let mut fail = |column: usize, reason: String| errors.push(RowError::new(line, Some(COLUMNS[column]), reason));
        let indicator = check(find_indicator(cascade, positions.field(&record, 0)), |r| fail(0, r));
        let region = check(check_region(cascade, indicator, positions.field(&record, 1)), |r| {
            fail(1, r)
        });
        let date_text = positions.field(&record, 2);
        let date = check(parse_date(date_text, semicolons), |r| fail(2, r));
        let value_text = positions.field(&record, 3);
        let value = check(parse_value(value_text), |r| fail(3, r));
        let source = positions.field(&record, 4);
        if source.is_empty() {
            fail(
                4,
                "is empty: say where the value comes from, e.g. \"Tilastokeskus, työssäkäyntitilasto\"".into(),
            );
        }
        let (Some(indicator), Some(region), Some(date), Some(value)) = (indicator, region, date, value) else {
            continue;
        };
        if errors.len() > before {
            continue;
        }
        // Keyed on the indicator's id, so its id and its slug are the same indicator.
        if let Entry::Occupied(first) = seen.entry((indicator.id, region.to_owned(), date)) {
            let first = *first.get();
            errors.push(RowError::new(
                line,
                None,
                format!(
                    "the value of indicator {} ({}) for {region} on {date} is already given on line {first}",
                    indicator.id, indicator.slug
                ),
            ));
            continue;
        }
        seen.insert((indicator.id, region.to_owned(), date), line);
        separators.note(value_text, line);
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
        return Err(vec![RowError::new(
            header_line_number,
            None,
            "the file has a header but no values",
        )]);
    }
    Ok(Read {
        values,
        format: Format {
            encoding,
            semicolons,
            decimal_comma: separators.comma.is_some(),
            day_first_dates,
        },
    })
}

/// Passes an outcome on, reporting its reason when it failed.
fn check<T>(outcome: Result<T, String>, mut report: impl FnMut(String)) -> Option<T> {
    outcome.map_err(&mut report).ok()
}

fn line_of(record: &csv::StringRecord) -> usize {
    record.position().map_or(1, |p| p.line() as usize)
}

/// A problem the CSV reader itself found; with text input and flexible rows it has hardly any left.
fn csv_error(error: &csv::Error) -> RowError {
    let line = error.position().map_or(1, |p| p.line() as usize);
    RowError::new(line, None, format!("cannot read the row: {error}"))
}

/// The header's columns, or every problem with them. The rows are not checked when the header is wrong:
/// without knowing which column is which, their problems would be guesses.
fn header_positions(header: &csv::StringRecord, line: usize) -> Result<Positions, Vec<RowError>> {
    if !header
        .iter()
        .any(|name| COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(name)))
    {
        let found: Vec<String> = header.iter().take(COLUMNS.len()).map(shown).collect();
        return Err(vec![RowError::new(
            line,
            None,
            format!(
                "the first line must name the columns {} (in any order), but it reads {}",
                COLUMNS.join(", "),
                found.join(", ")
            ),
        )]);
    }
    let mut errors = Vec::new();
    let mut positions: [Option<usize>; COLUMNS.len()] = [None; COLUMNS.len()];
    for (index, name) in header.iter().enumerate() {
        match COLUMNS.iter().position(|c| *c == name) {
            Some(column) => match positions[column] {
                Some(first) => errors.push(RowError::new(
                    line,
                    Some(name),
                    format!("the column appears twice (fields {} and {})", first + 1, index + 1),
                )),
                None => positions[column] = Some(index),
            },
            None if IGNORED_COLUMNS.contains(&name) => {}
            None if name.is_empty() => errors.push(RowError::new(
                line,
                None,
                format!(
                    "field {} of the header is empty (a delimiter too many at the end of the line?)",
                    index + 1
                ),
            )),
            None => {
                let hint = match COLUMNS.iter().find(|c| c.eq_ignore_ascii_case(name)) {
                    Some(known) => format!("; column names are lowercase: {known:?}"),
                    None => String::new(),
                };
                errors.push(RowError::new(
                    line,
                    Some(name),
                    format!("unknown column; the columns are {}{hint}", COLUMNS.join(", ")),
                ));
            }
        }
    }
    for (column, position) in COLUMNS.iter().zip(&positions) {
        if position.is_none()
            && !errors
                .iter()
                .any(|e| e.column.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(column)))
        {
            errors.push(RowError::new(
                line,
                Some(column),
                "the column is missing from the header",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Positions(positions.map(|p| p.expect("every column was found"))))
}

/// A field's text for a message: quoted, and cut short so one wild field cannot flood the report.
fn shown(text: &str) -> String {
    const LIMIT: usize = 40;
    if text.chars().count() > LIMIT {
        let cut: String = text.chars().take(LIMIT).collect();
        format!("{cut:?}…")
    } else {
        format!("{text:?}")
    }
}

fn find_indicator<'c>(cascade: &'c Cascade, text: &str) -> Result<&'c Indicator, String> {
    if text.is_empty() {
        return Err("is empty: give the indicator's id or slug".into());
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        let id: IndicatorId = text
            .parse()
            .map_err(|_| format!("{} is not an indicator id (a whole number from 1)", shown(text)))?;
        cascade
            .indicator(id)
            .ok_or_else(|| format!("no indicator has the id {id}"))
    } else {
        cascade
            .indicators
            .iter()
            .find(|i| i.slug.as_str() == text)
            .map(|i| &**i)
            .ok_or_else(|| format!("no indicator has the slug {}", shown(text)))
    }
}

/// Checks a region against the indicator's regions (or, when the indicator is unknown, against the
/// cascade's), naming the regions that would do.
fn check_region<'t>(cascade: &Cascade, indicator: Option<&Indicator>, text: &'t str) -> Result<&'t str, String> {
    if text.is_empty() {
        let example = cascade
            .regions
            .first()
            .map(|r| format!(", e.g. {}", r.slug))
            .unwrap_or_default();
        return Err(format!("is empty: give the region's slug{example}"));
    }
    let known = cascade.regions.iter().any(|r| r.slug.as_str() == text);
    match indicator {
        Some(indicator) if indicator.regions.iter().any(|r| r.as_str() == text) => Ok(text),
        Some(indicator) => {
            let regions: Vec<&str> = indicator.regions.iter().map(|r| r.as_str()).collect();
            let what = if known { "" } else { "unknown region; " };
            Err(format!(
                "{what}indicator {} ({}) is not reported for {}; its regions are {}",
                indicator.id,
                indicator.slug,
                shown(text),
                regions.join(", ")
            ))
        }
        None if known => Ok(text),
        None => Err(format!("no region has the slug {}", shown(text))),
    }
}

#[cfg(test)]
mod tests;
