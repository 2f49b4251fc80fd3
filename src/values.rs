//! Reading indicator values from a CSV file, as `tarina indicators import` does. Everything is checked
//! against the city's cascade before anything is written, and every problem of every row is reported at
//! once: whoever prepares the file in a spreadsheet fixes it in one round instead of one error per try.
//!
//! The format (documented for users in the README):
//! - UTF-8, with or without a byte order mark; comma- or semicolon-separated, decided by the header line,
//!   because Finnish Excel writes semicolons (and decimal commas);
//! - a header row naming exactly the columns `indicator`, `region`, `date`, `value` and `source`, in any order;
//! - `indicator`: the indicator's id or slug; `region`: a region the indicator is reported for;
//!   `date`: `YYYY-MM-DD`; `value`: a plain number, with a decimal point or a decimal comma;
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

/// Decodes the bytes of a file and parses them with [`parse_csv`].
pub fn parse_file(bytes: &[u8], cascade: &Cascade) -> Result<Vec<NewValue>, Vec<RowError>> {
    let text = decode(bytes).map_err(|e| vec![e])?;
    parse_csv(text, cascade)
}

/// The text of a file that must be UTF-8. A spreadsheet's other encodings get a reason that says how to
/// save the file instead.
fn decode(bytes: &[u8]) -> Result<&str, RowError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(RowError::new(
            1,
            None,
            "the file is UTF-16, not UTF-8: save it as \"CSV UTF-8\"",
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        RowError::new(
            line,
            None,
            format!(
                "the file is not UTF-8 (byte 0x{:02X}); save it as \"CSV UTF-8\"",
                bytes[e.valid_up_to()]
            ),
        )
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
pub fn parse_csv(text: &str, cascade: &Cascade) -> Result<Vec<NewValue>, Vec<RowError>> {
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
    let delimiter = if header_line.contains(';') { b';' } else { b',' };
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
        let date = check(parse_date(positions.field(&record, 2)), |r| fail(2, r));
        let value = check(parse_value(positions.field(&record, 3)), |r| fail(3, r));
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
    if !errors.is_empty() {
        return Err(errors);
    }
    if values.is_empty() {
        return Err(vec![RowError::new(
            header_line_number,
            None,
            "the file has a header but no values",
        )]);
    }
    Ok(values)
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

/// A date written `YYYY-MM-DD`, the one form that cannot be misread (is 03.04.2018 March or April?).
fn parse_date(text: &str) -> Result<NaiveDate, String> {
    if text.is_empty() {
        return Err("is empty: give the date as YYYY-MM-DD, e.g. 2018-12-31".into());
    }
    if !has_full_date_shape(text) {
        return Err(format!(
            "{} is not a date in the form YYYY-MM-DD, e.g. 2018-12-31",
            shown(text)
        ));
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().expect("checked to be digits");
    let (year, month, day) = (number(0..4) as i32, number(5..7), number(8..10));
    let date =
        NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| format!("{text} is not a date in the calendar"))?;
    if !VALUE_YEARS.contains(&year) {
        return Err(format!(
            "the year of {text} is not from {} to {}; a typo?",
            VALUE_YEARS.start(),
            VALUE_YEARS.end()
        ));
    }
    Ok(date)
}

/// Characters that spreadsheets put between groups of thousands: space, no-break space, narrow
/// no-break space, apostrophe.
const GROUP_SEPARATORS: [char; 4] = [' ', '\u{a0}', '\u{202f}', '\''];

/// A plain number: an optional sign, digits, and at most one decimal separator (a point or a comma) with
/// digits on both sides. Thousands separators, units and scientific notation are refused rather than
/// guessed at: `1.234` means 1234 to some and 1,234 to others, and a spreadsheet that shows `1,23E+05`
/// has already rounded the value.
fn parse_value(text: &str) -> Result<f64, String> {
    if text.is_empty() {
        return Err("is empty: give a number, e.g. 71.5 or 71,5".into());
    }
    let body = text.strip_prefix(['-', '+', '\u{2212}']).unwrap_or(text);
    let negative = text.starts_with(['-', '\u{2212}']);
    let numeric = |c: char| c.is_ascii_digit() || c == '.' || c == ',' || GROUP_SEPARATORS.contains(&c);
    if let Some(at) = body.find(|c: char| !numeric(c)) {
        let rest = &body[at..];
        let digits_before = body[..at].chars().any(|c| c.is_ascii_digit());
        let scientific = digits_before
            && rest.starts_with(['e', 'E'])
            && rest[1..]
                .trim_start_matches(['+', '-'])
                .bytes()
                .all(|b| b.is_ascii_digit())
            && rest.len() > 1;
        return Err(if scientific {
            format!(
                "{} is in scientific notation: write the number out in full",
                shown(text)
            )
        } else if digits_before {
            format!(
                "{} has a unit or other text ({}): write only the number",
                shown(text),
                shown(rest.trim())
            )
        } else if ["nan", "inf", "infinity"].contains(&body.to_ascii_lowercase().as_str()) {
            format!("{} is not a finite number", shown(text))
        } else {
            format!("{} is not a number", shown(text))
        });
    }
    if body.contains(GROUP_SEPARATORS) {
        return Err(format!(
            "{} has a thousands separator: write the number without one, e.g. 1234567",
            shown(text)
        ));
    }
    let separators: Vec<char> = body.chars().filter(|c| *c == '.' || *c == ',').collect();
    match separators.as_slice() {
        [] => {}
        [_] => {
            let (whole, fraction) = body.split_once(['.', ',']).expect("one separator");
            if whole.is_empty() || fraction.is_empty() {
                return Err(format!(
                    "{} needs digits on both sides of its decimal separator, e.g. 0.5",
                    shown(text)
                ));
            }
        }
        [first, ..] if separators.iter().any(|c| c != first) => {
            return Err(format!(
                "{} has both a point and a comma: write one decimal separator and no thousands separators, e.g. 1234.5",
                shown(text)
            ));
        }
        [first, ..] => {
            return Err(format!(
                "{} has more than one {first:?}: write one decimal separator and no thousands separators, e.g. 1234567",
                shown(text)
            ));
        }
    }
    if body.is_empty() {
        return Err(format!("{} is not a number", shown(text)));
    }
    let magnitude: f64 = body
        .replace(',', ".")
        .parse()
        .map_err(|_| format!("{} is not a number", shown(text)))?;
    if !magnitude.is_finite() {
        return Err(format!("{} is too large", shown(text)));
    }
    Ok(if negative { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cascade() -> Cascade {
        crate::data::bundled_dataset().expect("the bundled data loads").cascade
    }

    fn errors(text: &str) -> Vec<RowError> {
        parse_csv(text, &cascade()).expect_err("the file is refused")
    }

    /// The errors as `LINE column: reason` lines, for readable assertions.
    fn lines(text: &str) -> Vec<String> {
        errors(text)
            .iter()
            .map(|e| format!("{} {}: {}", e.line, e.column.as_deref().unwrap_or("-"), e.reason))
            .collect()
    }

    fn one_error(text: &str) -> RowError {
        let mut errors = errors(text);
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors.remove(0)
    }

    const HEADER: &str = "indicator,region,date,value,source\n";

    fn row(fields: &str) -> String {
        format!("{HEADER}{fields}\n")
    }

    #[test]
    fn the_example_column_of_a_download_is_read_and_ignored() {
        let text = "indicator,region,date,value,source,example\n1,espoo,2022-12-31,71.5,Tilastokeskus,true\n";
        let values = parse_csv(text, &cascade()).unwrap();
        assert_eq!(values.len(), 1);
        assert_eq!(values[0].value, 71.5);
    }

    #[test]
    fn reads_ids_and_slugs_points_and_commas_in_any_column_order() {
        let cascade = cascade();
        let text = "\u{feff}source;value;date;region;indicator\r\n\
                    Tilastokeskus;71,5;2022-12-31;espoo;tyollisyysaste\r\n\
                    \"TEM; työnvälitystilasto\";-0.25;2022-12-31;tapiola;2\r\n\
                    ;;;;\r\n\
                    \r\n\
                    Tilastokeskus 2023;1234567;2023-12-31;espoo;4\r\n";
        let values = parse_csv(text, &cascade).unwrap();
        let summary: Vec<(u32, &str, String, f64, &str)> = values
            .iter()
            .map(|v| {
                (
                    v.indicator.get(),
                    v.region.as_str(),
                    v.date.to_string(),
                    v.value,
                    v.source.as_str(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (1, "espoo", "2022-12-31".into(), 71.5, "Tilastokeskus"),
                (2, "tapiola", "2022-12-31".into(), -0.25, "TEM; työnvälitystilasto"),
                (4, "espoo", "2023-12-31".into(), 1234567.0, "Tilastokeskus 2023"),
            ]
        );
        let comma = "indicator,region,date,value,source\n 1 , espoo ,2022-12-31,\"71,5\",Tilastokeskus\n";
        assert_eq!(parse_csv(comma, &cascade).unwrap()[0].value, 71.5);
        assert_eq!(parse_file(comma.as_bytes(), &cascade).unwrap().len(), 1);
    }

    #[test]
    fn an_empty_file_or_one_without_values_is_refused() {
        for text in ["", "\u{feff}", "\n\n  \n"] {
            assert!(one_error(text).reason.contains("the file is empty"), "{text:?}");
        }
        let e = one_error("indicator;region;date;value;source\n;;;;\n");
        assert_eq!((e.line, e.reason.as_str()), (1, "the file has a header but no values"));
    }

    #[test]
    fn the_file_must_be_utf8() {
        let e = parse_file(
            b"indicator,region,date,value,source\n1,espoo,2022-12-31,1,L\xe4hde\n",
            &cascade(),
        )
        .unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 2);
        assert!(e[0].reason.contains("not UTF-8 (byte 0xE4)"), "{e:?}");
        let utf16 = parse_file(b"\xff\xfei\x00n\x00", &cascade()).unwrap_err();
        assert!(utf16[0].reason.contains("UTF-16"), "{utf16:?}");
    }

    #[test]
    fn header_problems_are_all_reported_and_stop_the_rows_being_read() {
        assert_eq!(
            lines("indicator,Region,date,date,amount,\n1,espoo,2022-12-31,2022-12-31,1,\n"),
            [
                "1 Region: unknown column; the columns are indicator, region, date, value, source; column names are lowercase: \"region\"",
                "1 date: the column appears twice (fields 3 and 4)",
                "1 amount: unknown column; the columns are indicator, region, date, value, source",
                "1 -: field 6 of the header is empty (a delimiter too many at the end of the line?)",
                "1 value: the column is missing from the header",
                "1 source: the column is missing from the header",
            ]
        );
        let e = one_error("1,espoo,2022-12-31,71.5,Tilastokeskus\n");
        assert!(e.reason.starts_with("the first line must name the columns"), "{e:?}");
    }

    #[test]
    fn rows_with_the_wrong_number_of_fields() {
        assert_eq!(
            lines(&row("1,espoo,2022-12-31,71,5,Tilastokeskus\n1,espoo,2022-12-31")),
            [
                "2 -: the row has 6 field(s) but the header has 5; in a comma-separated file a decimal comma must be quoted (\"71,5\") or written as a point (71.5)",
                "3 -: the row has 3 field(s) but the header has 5",
            ]
        );
    }

    #[test]
    fn unknown_indicators() {
        assert_eq!(
            lines(&row(
                "42,espoo,2022-12-31,1,L\n0,espoo,2022-12-31,1,L\nmittari,espoo,2022-12-31,1,L\n,espoo,2022-12-31,1,L"
            )),
            [
                "2 indicator: no indicator has the id 42",
                "3 indicator: \"0\" is not an indicator id (a whole number from 1)",
                "4 indicator: no indicator has the slug \"mittari\"",
                "5 indicator: is empty: give the indicator's id or slug",
            ]
        );
    }

    #[test]
    fn regions_must_be_reported_for_the_indicator() {
        assert_eq!(
            lines(&row("1,tapiola,2022-12-31,1,L\n2,atlantis,2022-12-31,1,L\n99,atlantis,2022-12-31,1,L\n1,,2022-12-31,1,L")),
            [
                "2 region: indicator 1 (tyollisyysaste) is not reported for \"tapiola\"; its regions are espoo",
                "3 region: unknown region; indicator 2 (tyottomyysaste) is not reported for \"atlantis\"; its regions are espoo, leppavaara, tapiola, matinkyla-olari, espoonlahti, espoon-keskus",
                "4 indicator: no indicator has the id 99",
                "4 region: no region has the slug \"atlantis\"",
                "5 region: is empty: give the region's slug, e.g. espoo",
            ]
        );
    }

    #[test]
    fn dates_must_be_real_and_written_year_first() {
        assert_eq!(
            lines(&row(
                "1,espoo,31.12.2022,1,L\n1,espoo,2022-02-30,1,L\n1,espoo,2022-1-31,1,L\n1,espoo,2918-12-31,1,L\n1,espoo,,1,L\n1,espoo,2022-12-31T00:00,1,L"
            )),
            [
                "2 date: \"31.12.2022\" is not a date in the form YYYY-MM-DD, e.g. 2018-12-31",
                "3 date: 2022-02-30 is not a date in the calendar",
                "4 date: \"2022-1-31\" is not a date in the form YYYY-MM-DD, e.g. 2018-12-31",
                "5 date: the year of 2918-12-31 is not from 1900 to 2100; a typo?",
                "6 date: is empty: give the date as YYYY-MM-DD, e.g. 2018-12-31",
                "7 date: \"2022-12-31T00:00\" is not a date in the form YYYY-MM-DD, e.g. 2018-12-31",
            ]
        );
        assert_eq!(
            parse_date("2024-02-29"),
            Ok(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
        );
    }

    #[test]
    fn values_are_plain_finite_numbers() {
        for (text, value) in [
            ("71.5", 71.5),
            ("71,5", 71.5),
            ("-3", -3.0),
            ("+3", 3.0),
            ("\u{2212}0,5", -0.5),
            ("1,234", 1.234),
            ("0", 0.0),
            ("007", 7.0),
        ] {
            assert_eq!(parse_value(text), Ok(value), "{text}");
        }
        for (text, reason) in [
            ("", "is empty: give a number, e.g. 71.5 or 71,5"),
            ("1 234", "\"1 234\" has a thousands separator: write the number without one, e.g. 1234567"),
            ("1\u{a0}234,5", "\"1\\u{a0}234,5\" has a thousands separator: write the number without one, e.g. 1234567"),
            ("1.234,5", "\"1.234,5\" has both a point and a comma: write one decimal separator and no thousands separators, e.g. 1234.5"),
            ("1,234,567", "\"1,234,567\" has more than one ',': write one decimal separator and no thousands separators, e.g. 1234567"),
            ("71,5 %", "\"71,5 %\" has a unit or other text (\"%\"): write only the number"),
            ("280M€", "\"280M€\" has a unit or other text (\"M€\"): write only the number"),
            ("1,23E+05", "\"1,23E+05\" is in scientific notation: write the number out in full"),
            ("NaN", "\"NaN\" is not a finite number"),
            ("-inf", "\"-inf\" is not a finite number"),
            ("abc", "\"abc\" is not a number"),
            ("-", "\"-\" is not a number"),
            ("5.", "\"5.\" needs digits on both sides of its decimal separator, e.g. 0.5"),
            (",5", "\",5\" needs digits on both sides of its decimal separator, e.g. 0.5"),
        ] {
            assert_eq!(parse_value(text), Err(reason.to_owned()), "{text}");
        }
        let huge = format!("1{}", "0".repeat(400));
        assert!(parse_value(&huge).unwrap_err().ends_with("is too large"));
    }

    #[test]
    fn a_value_without_a_source_is_refused() {
        let e = one_error(&row("1,espoo,2022-12-31,1,  "));
        assert_eq!((e.line, e.column.as_deref()), (2, Some("source")));
        assert!(e.reason.starts_with("is empty: say where the value comes from"));
    }

    #[test]
    fn the_same_indicator_region_and_date_twice_names_the_first_line() {
        assert_eq!(
            lines(&row(
                "1,espoo,2022-12-31,1,L\n2,espoo,2022-12-31,1,L\ntyollisyysaste,espoo,2022-12-31,2,M\n1,espoo,2022-12-31,1,L"
            )),
            [
                "4 -: the value of indicator 1 (tyollisyysaste) for espoo on 2022-12-31 is already given on line 2",
                "5 -: the value of indicator 1 (tyollisyysaste) for espoo on 2022-12-31 is already given on line 2",
            ]
        );
    }

    #[test]
    fn every_problem_of_every_row_is_reported_with_its_line() {
        let text = "indicator;region;date;value;source\n\
                    1;espoo;2022-12-31;72,5;Tilastokeskus\n\
                    99;espoo;2022-12-31;1;\"Lähde\nkahdella rivillä\"\n\
                    77;espoo;31.12.2022;1 000;\n";
        assert_eq!(
            lines(text),
            [
                "3 indicator: no indicator has the id 99",
                "5 indicator: no indicator has the id 77",
                "5 date: \"31.12.2022\" is not a date in the form YYYY-MM-DD, e.g. 2018-12-31",
                "5 value: \"1 000\" has a thousands separator: write the number without one, e.g. 1234567",
                "5 source: is empty: say where the value comes from, e.g. \"Tilastokeskus, työssäkäyntitilasto\"",
            ]
        );
        let shown = CsvErrors {
            file: "arvot.csv".into(),
            errors: errors(text),
        }
        .to_string();
        assert!(
            shown.starts_with("arvot.csv has 5 problem(s); nothing was imported:\n"),
            "{shown}"
        );
        assert!(
            shown.contains("\n  arvot.csv:5: column value: \"1 000\" has a thousands separator"),
            "{shown}"
        );
    }
}
