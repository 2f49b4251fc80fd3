//! An Excel workbook (XLSX): one sheet read cell by cell as it is unpacked, so memory follows the rows
//! kept rather than the sheet. Numbers and dates come as typed cells; text cells are read as CSV cells are.

use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};
use chrono::NaiveDate;

use super::{take, Cell, Row};
use crate::connectors::Extracted;
use crate::domain::connector::ConnectorSettings;

pub fn read(bytes: &[u8], settings: &ConnectorSettings, decimals: u8) -> Result<Extracted, String> {
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("not an XLSX workbook: {e}"))?;
    let names = workbook.sheet_names();
    let sheet = match &settings.sheet {
        Some(wanted) => names.iter().find(|name| *name == wanted).cloned().ok_or_else(|| {
            let listed: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
            format!(
                "the workbook has no sheet {wanted:?}; its sheets are {}",
                listed.join(", ")
            )
        })?,
        None => names.first().cloned().ok_or("the workbook has no sheets")?,
    };
    let mut cells = workbook
        .worksheet_cells_reader(&sheet)
        .map_err(|e| format!("cannot read the sheet {sheet:?}: {e}"))?;
    let next_cell = move || {
        let Some(cell) = cells.next_cell().map_err(|e| format!("the sheet is malformed: {e}"))? else {
            return Ok(None);
        };
        let (row, column) = cell.get_position();
        Ok(Some((row, column, typed(cell.get_value()))))
    };
    take(
        SheetRows {
            next_cell,
            pending: None,
            done: false,
        },
        settings,
        decimals,
    )
}

/// A sheet's next cell: its row and column (from 0) and its content.
type NextCell = Result<Option<(u32, u32, Cell)>, String>;

/// The rows of a sheet, gathered from its cells (which come row by row, left to right).
struct SheetRows<F: FnMut() -> NextCell> {
    next_cell: F,
    /// The first cell of the next row, read while ending the previous one.
    pending: Option<(u32, u32, Cell)>,
    done: bool,
}

impl<F: FnMut() -> NextCell> SheetRows<F> {
    fn next_cell(&mut self) -> NextCell {
        match self.pending.take() {
            Some(pending) => Ok(Some(pending)),
            None => (self.next_cell)(),
        }
    }
}

impl<F: FnMut() -> NextCell> Iterator for SheetRows<F> {
    type Item = Result<Row, String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut row: Option<Row> = None;
        loop {
            match self.next_cell() {
                Err(problem) => {
                    self.done = true;
                    return Some(Err(problem));
                }
                Ok(None) => {
                    self.done = true;
                    return row.map(Ok);
                }
                Ok(Some((number, column, cell))) => {
                    let current = row.get_or_insert_with(|| Row {
                        number: number + 1,
                        cells: Vec::new(),
                    });
                    if current.number != number + 1 {
                        self.pending = Some((number, column, cell));
                        return row.map(Ok);
                    }
                    let column = column as usize;
                    if current.cells.len() <= column {
                        current.cells.resize(column + 1, Cell::Empty);
                    }
                    current.cells[column] = cell;
                }
            }
        }
    }
}

/// A workbook cell as Tarina reads it.
fn typed(value: &DataRef<'_>) -> Cell {
    match value {
        DataRef::Empty => Cell::Empty,
        DataRef::DateTimeIso(text) => match text.get(..10).and_then(|day| day.parse().ok()) {
            Some(date) => Cell::Date(date),
            None => Cell::Text(text.clone()),
        },
        DataRef::String(text) | DataRef::DurationIso(text) => Cell::Text(text.clone()),
        DataRef::SharedString(text) => Cell::Text((*text).to_owned()),
        DataRef::Int(n) => Cell::Number(*n as f64),
        DataRef::Float(n) => Cell::Number(*n),
        DataRef::Bool(b) => Cell::Text(b.to_string()),
        DataRef::DateTime(at) => {
            let (year, month, day, ..) = at.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day))
                .map_or_else(|| Cell::Number(at.as_f64()), Cell::Date)
        }
        DataRef::Error(error) => Cell::Error(error.to_string()),
    }
}
