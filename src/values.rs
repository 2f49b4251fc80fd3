//! Reading indicator values from a CSV file or an Excel workbook, as `tarina indicators import` and the staff
//! upload page do. Everything is checked
//! against the city's cascade before anything is written, and every problem of every row is reported at
//! once: whoever prepares the file in a spreadsheet fixes it in one round instead of one error per try.
//!
//! The format (documented for users in the README):
//! - an Excel workbook (XLSX, told by its content, not its name), whose first sheet holds the rows below
//!   ([`xlsx`]): numbers and dates may be typed cells or text, and rows are numbered as the sheet shows them;
//! - or a CSV file in UTF-8, with or without a byte order mark, or Windows-1252 as Excel saves plain "CSV" in a Finnish locale
//!   ([`format::decode`] tells them apart or refuses the file); comma- or semicolon-separated, decided by the
//!   header line, because Finnish Excel writes semicolons (and decimal commas and dates as 31.12.2018);
//! - a header row naming exactly the columns `indicator`, `region`, `date`, `value` and `source`, in any order;
//! - `indicator`: the indicator's id or slug; `region`: a region the indicator is reported for;
//!   `date`: `YYYY-MM-DD`, or in a semicolon-separated file also `D.M.YYYY`; `value`: a plain number, with a
//!   decimal point or a decimal comma (a file may not use both where `1.234` or `1,234` could be a thousand);
//!   `source`: where the value comes from, never empty;
//! - each indicator, region and date at most once; rows whose every field is empty are skipped, because
//!   spreadsheets leave such rows behind (`;;;;`).

use std::fmt;
use std::ops::RangeInclusive;

use crate::domain::cascade::{Cascade, Indicator};
use crate::domain::change::NewValue;

mod fields;
mod format;
mod reason;
mod rows;
mod xlsx;

pub(crate) use fields::parse_value;

pub use format::{decode, Encoding, Format};
pub use reason::Reason;
use rows::RawRow;

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
    pub reason: Reason,
}

impl RowError {
    fn new(line: usize, column: Option<&str>, reason: Reason) -> RowError {
        RowError {
            line,
            column: column.map(str::to_owned),
            reason,
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

/// Reads a file's bytes: an XLSX workbook ([`xlsx`]) when they are a ZIP archive, else text ([`decode`])
/// parsed with [`parse_csv`].
pub fn parse_file(bytes: &[u8], cascade: &Cascade) -> Result<Read, Vec<RowError>> {
    parse_upload(bytes, cascade, &|_| true)
}

/// [`parse_file`] for a person who may record values only of the indicators `permitted` accepts: a row of
/// any other indicator is one more problem of the file.
pub fn parse_upload(
    bytes: &[u8],
    cascade: &Cascade,
    permitted: &dyn Fn(&Indicator) -> bool,
) -> Result<Read, Vec<RowError>> {
    if let Some(kind) = other_kind(bytes) {
        return Err(vec![RowError::new(1, None, Reason::NotAValuesFile { kind })]);
    }
    if bytes.starts_with(xlsx::ZIP_MAGIC) {
        return xlsx::parse(bytes, cascade, permitted);
    }
    let (text, encoding) = decode(bytes).map_err(|e| vec![e])?;
    let read = parse_text(&text, cascade, permitted)?;
    Ok(Read {
        format: Format {
            encoding,
            ..read.format
        },
        ..read
    })
}

/// The name of a kind of file people pick by mistake, told by its first bytes: neither text nor a workbook,
/// so reading it as either would only list nonsense.
fn other_kind(bytes: &[u8]) -> Option<&'static str> {
    const KINDS: [(&[u8], &str); 6] = [
        (b"%PDF-", "PDF"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\xff\xd8\xff", "JPEG"),
        (b"GIF8", "GIF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "XLS (Excel 97–2003)"),
        (b"PK\x05\x06", "ZIP"),
    ];
    KINDS
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

/// The values as a comma-separated file with dates as `YYYY-MM-DD` and decimal points, which [`parse_csv`]
/// reads back to the same values: how a workbook's rows travel in a background job.
pub fn to_csv(values: &[NewValue]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let write = |writer: &mut csv::Writer<Vec<u8>>| -> csv::Result<()> {
        writer.write_record(COLUMNS)?;
        for value in values {
            writer.write_record([
                value.indicator.to_string(),
                value.region.to_string(),
                value.date.to_string(),
                value.value.to_string(),
                value.source.clone(),
            ])?;
        }
        writer.flush()?;
        Ok(())
    };
    write(&mut writer).expect("writing to memory does not fail");
    String::from_utf8(writer.into_inner().expect("flushed")).expect("the fields are text")
}

/// Parses and checks a whole CSV text against the cascade: every value, or every problem of every row.
pub fn parse_csv(text: &str, cascade: &Cascade) -> Result<Read, Vec<RowError>> {
    parse_text(text, cascade, &|_| true)
}

fn parse_text(text: &str, cascade: &Cascade, permitted: &dyn Fn(&Indicator) -> bool) -> Result<Read, Vec<RowError>> {
    let encoding = if text.starts_with('\u{feff}') {
        Encoding::Utf8Bom
    } else {
        Encoding::Utf8
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(header_line) = text.lines().find(|l| !l.trim().is_empty()) else {
        return Err(vec![RowError::new(1, None, Reason::EmptyFile)]);
    };
    if header_line.contains(';') && header_line.contains(',') {
        return Err(vec![RowError::new(
            text.lines().position(|l| l == header_line).map_or(1, |i| i + 1),
            None,
            Reason::HeaderMixedSeparators,
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
        None => return Err(vec![RowError::new(1, None, Reason::NoHeader)]),
    };
    let header_line_number = line_of(&header);
    let header: Vec<String> = header.iter().map(str::to_owned).collect();
    let rows = records.map(|record| {
        let record = record.map_err(|e| csv_error(&e))?;
        Ok(RawRow {
            line: line_of(&record),
            fields: record.iter().map(str::to_owned).collect(),
            typed_value: false,
        })
    });
    let dialect = rows::Dialect {
        day_first_allowed: semicolons,
        comma_separated: !semicolons,
    };
    let checked = rows::check(cascade, permitted, header_line_number, &header, rows, dialect)?;
    Ok(Read {
        values: checked.values,
        format: Format {
            encoding,
            semicolons,
            decimal_comma: checked.decimal_comma,
            day_first_dates: checked.day_first_dates,
        },
    })
}

fn line_of(record: &csv::StringRecord) -> usize {
    record.position().map_or(1, |p| p.line() as usize)
}

/// A problem the CSV reader itself found; with text input and flexible rows it has hardly any left.
fn csv_error(error: &csv::Error) -> RowError {
    let line = error.position().map_or(1, |p| p.line() as usize);
    RowError::new(
        line,
        None,
        Reason::CannotRead {
            detail: error.to_string(),
        },
    )
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

#[cfg(test)]
mod tests;
