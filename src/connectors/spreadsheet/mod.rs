//! A CSV file or an XLSX workbook at a URL, one value a row: the settings name the columns of the region, the
//! period and the value (`region.dimension`, `time`, `value`), and `select` keeps the rows whose other
//! columns hold given texts. A file declares no dimensions, roles or units, so everything that could make a
//! value mean something else is checked row by row instead: a period that is no time code, a value that is
//! no number or has more decimals than the indicator shows, another unit in the unit column, or two rows for
//! the same region and period. Each such row refuses the whole file, naming the row.

mod csv_file;
mod xlsx_file;

use std::collections::HashMap;

use chrono::NaiveDate;

use super::period::period_end;
use super::{Extracted, Observation, MISSING_SYMBOLS};
use crate::domain::connector::{ConnectorKind, ConnectorSettings};

/// A cell as the file holds it: CSV cells are all text, workbook cells may be numbers or dates.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    /// A workbook's formula error (`#N/A`, `#DIV/0!`): a broken formula, not a published status symbol, so
    /// it refuses the file where a value or a period is read.
    Error(String),
}

impl Cell {
    /// The cell as a code or a header: text trimmed, a whole number without a fraction (`2017`, `49`).
    fn code(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.trim().to_owned(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(date) => date.to_string(),
            Cell::Error(error) => error.clone(),
        }
    }
}

/// One row of the file: its number as a spreadsheet shows it (from 1) and its cells from the first column.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub number: u32,
    pub cells: Vec<Cell>,
}

impl Row {
    fn cell(&self, column: usize) -> &Cell {
        self.cells.get(column).unwrap_or(&Cell::Empty)
    }
}

/// Reads the file a CSV or XLSX connector fetched.
pub fn read(bytes: &[u8], settings: &ConnectorSettings, decimals: u8) -> Result<Extracted, String> {
    match settings.kind {
        ConnectorKind::Xlsx => xlsx_file::read(bytes, settings, decimals),
        _ => csv_file::read(bytes, settings, decimals),
    }
}

/// Where the settings' columns are, by the header row.
struct Columns {
    region: usize,
    time: usize,
    value: usize,
    unit: Option<(usize, String)>,
    select: Vec<(usize, String)>,
}

impl Columns {
    fn find(header: &Row, settings: &ConnectorSettings) -> Result<Columns, String> {
        let names: Vec<String> = header.cells.iter().map(Cell::code).collect();
        let find = |name: &str, what: &str| {
            let mut at = names.iter().enumerate().filter(|(_, n)| *n == name).map(|(i, _)| i);
            match (at.next(), at.next()) {
                (Some(i), None) => Ok(i),
                (Some(_), Some(_)) => Err(format!("the header row has two {what} columns {name:?}")),
                (None, _) => {
                    let listed: Vec<String> = names
                        .iter()
                        .filter(|n| !n.is_empty())
                        .map(|n| format!("{n:?}"))
                        .collect();
                    Err(format!(
                        "the header row (row {}) has no {what} column {name:?}; its columns are {}",
                        header.number,
                        listed.join(", ")
                    ))
                }
            }
        };
        fn required<'a>(name: &'a Option<String>, key: &str) -> Result<&'a str, String> {
            name.as_deref()
                .ok_or_else(|| format!("the settings name no {key} column"))
        }
        Ok(Columns {
            region: find(&settings.region.dimension, "region")?,
            time: find(required(&settings.time, "time")?, "time")?,
            value: find(required(&settings.value, "value")?, "value")?,
            unit: match (&settings.unit_column, &settings.unit) {
                (Some(column), Some(unit)) => Some((find(column, "unit")?, unit.clone())),
                _ => None,
            },
            select: settings
                .select
                .iter()
                .map(|(column, wanted)| Ok((find(column, "selected")?, wanted.clone())))
                .collect::<Result<_, String>>()?,
        })
    }
}

/// Takes the indicator's values from the rows of a file: the header row first (rows above it are skipped),
/// then one value a row.
pub fn take(
    rows: impl Iterator<Item = Result<Row, String>>,
    settings: &ConnectorSettings,
    decimals: u8,
) -> Result<Extracted, String> {
    let header_at = settings.header_row.unwrap_or(1);
    let mut rows = rows.skip_while(|row| matches!(row, Ok(row) if row.number < header_at));
    let header = match rows.next().transpose()? {
        Some(row) if row.number == header_at => row,
        _ => return Err(format!("the header row, row {header_at}, is empty or missing")),
    };
    let columns = Columns::find(&header, settings)?;
    let value_name = settings.value.as_deref().unwrap_or_default();
    let mut extracted = Extracted::default();
    let mut seen: HashMap<(String, NaiveDate), u32> = HashMap::new();
    let mut selected = 0usize;
    for row in rows {
        let row = row?;
        let at = |problem: String| format!("row {}: {problem}", row.number);
        if !columns
            .select
            .iter()
            .all(|(column, wanted)| row.cell(*column).code() == *wanted)
        {
            continue;
        }
        selected += 1;
        let Some(region) = settings.region.map.get(&row.cell(columns.region).code()) else {
            continue;
        };
        let date = period(row.cell(columns.time)).map_err(at)?;
        if let Some(first) = seen.insert((region.clone(), date), row.number) {
            return Err(at(format!(
                "a second value for {region} at {date} (the first is on row {first}); choose the rows with `select`"
            )));
        }
        if let Some((column, expected)) = &columns.unit {
            let stated = row.cell(*column).code();
            if stated != *expected {
                return Err(at(format!(
                    "the file states the unit {stated:?}; the connector expects {expected:?}"
                )));
            }
        }
        match number(row.cell(columns.value), value_name, decimals).map_err(at)? {
            Some(value) => extracted.observations.push(Observation {
                region: region.clone(),
                date,
                value,
            }),
            None => extracted.missing += 1,
        }
    }
    if seen.is_empty() {
        if selected == 0 && !columns.select.is_empty() {
            let wanted: Vec<String> = settings.select.iter().map(|(c, v)| format!("{c} = {v:?}")).collect();
            return Err(format!("no row of the file has {}", wanted.join(" and ")));
        }
        let codes: Vec<&str> = settings.region.map.keys().map(String::as_str).collect();
        return Err(format!(
            "none of the region codes {} is in the column {:?}",
            codes.join(", "),
            settings.region.dimension
        ));
    }
    Ok(extracted)
}

/// The last day of the period a time cell names: a code such as `2017`, `2017Q1`, `2017M03` or `2017-03-31`,
/// a year typed as a number, or a date cell.
fn period(cell: &Cell) -> Result<NaiveDate, String> {
    if let Cell::Date(date) = cell {
        return Ok(*date);
    }
    let code = cell.code();
    period_end(&code).ok_or_else(|| {
        format!("the time {code:?} is not a year, quarter (2017Q1), month (2017M03) or date (2017-03-31)")
    })
}

/// The value of a cell, `None` when it is empty or a status symbol (`..`, `.`, `-`): missing, never zero. A
/// number with more decimals than the indicator shows is refused, as a source stating too many decimals is:
/// in a file without units it is the sign of a changed unit (thousands where persons were).
fn number(cell: &Cell, column: &str, decimals: u8) -> Result<Option<f64>, String> {
    let value = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(n) => *n,
        Cell::Text(text) => {
            let text = text.trim();
            if text.is_empty() || MISSING_SYMBOLS.contains(&text) {
                return Ok(None);
            }
            crate::values::parse_value(text).map_err(|problem| format!("column {column:?}: {problem}"))?
        }
        Cell::Date(date) => return Err(format!("column {column:?} holds a date, {date}, not a value")),
        Cell::Error(error) => return Err(format!("column {column:?} holds the error {error}, not a value")),
    };
    if !value.is_finite() {
        return Err(format!("column {column:?} holds {value}, not a finite number"));
    }
    let scaled = value * 10f64.powi(i32::from(decimals));
    if (scaled - scaled.round()).abs() > 1e-6 * scaled.abs().max(1.0) {
        return Err(format!(
            "column {column:?} holds {value}, with more decimals than the indicator shows ({decimals})"
        ));
    }
    Ok(Some(value))
}

#[cfg(test)]
mod tests;
