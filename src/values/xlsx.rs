//! Reading the first sheet of an Excel workbook (XLSX) into the same rows and checks as a CSV file. A typed
//! number is taken as it is stored (never as the sheet displays it, rounded); a date cell is its day; text
//! cells are read as CSV fields are, so `31.12.2018` or `71,5` typed as text work too. Rows are numbered as the
//! sheet shows them.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::rows::{self, RawRow};
use super::{Encoding, Format, Read, Reason, RowError, COLUMNS};
use crate::domain::cascade::{Cascade, Indicator};

/// How every ZIP archive, and so every XLSX workbook, begins.
pub(super) const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

pub(super) fn parse(
    bytes: &[u8],
    cascade: &Cascade,
    permitted: &dyn Fn(&Indicator) -> bool,
) -> Result<Read, Vec<RowError>> {
    let whole_file = |reason| vec![RowError::new(1, None, reason)];
    let unreadable = |detail: String| whole_file(Reason::UnreadableWorkbook { detail });
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| whole_file(Reason::NoSheet))?
        .map_err(|e| unreadable(e.to_string()))?;
    let Some((first_row, _)) = range.start() else {
        return Err(whole_file(Reason::EmptyFile));
    };
    // The sheet's rows as text, numbered as the sheet shows them (from 1).
    let mut sheet = range.rows().enumerate().map(|(index, cells)| {
        let line = first_row as usize + index + 1;
        (line, cells.iter().map(text).collect::<Vec<String>>(), cells)
    });
    let Some((header_line, mut header, _)) = sheet.find(|(_, fields, _)| fields.iter().any(|f| !f.is_empty())) else {
        return Err(whole_file(Reason::EmptyFile));
    };
    // A sheet is as wide as its widest row; the header ends at its last name.
    while header.last().is_some_and(String::is_empty) {
        header.pop();
    }
    let value_column = header.iter().position(|name| name == COLUMNS[3]);
    let width = header.len();
    let rows = sheet.map(|(line, mut fields, cells)| {
        if fields.get(width..).unwrap_or_default().iter().all(String::is_empty) {
            fields.truncate(width);
        }
        let typed_value = value_column
            .and_then(|column| cells.get(column))
            .is_some_and(|cell| matches!(cell, Data::Int(_) | Data::Float(_)));
        Ok(RawRow {
            line,
            fields,
            typed_value,
        })
    });
    let dialect = rows::Dialect {
        day_first_allowed: true,
        comma_separated: false,
    };
    let checked = rows::check(cascade, permitted, header_line, &header, rows, dialect)?;
    Ok(Read {
        values: checked.values,
        format: Format {
            encoding: Encoding::Xlsx,
            semicolons: false,
            decimal_comma: checked.decimal_comma,
            day_first_dates: checked.day_first_dates,
        },
    })
}

/// A cell as the text a CSV field would have: numbers in full, dates as `YYYY-MM-DD`, text trimmed, an
/// error cell as Excel shows it (`#DIV/0!`), which the checks then refuse.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DurationIso(text) => text.trim().to_owned(),
        Data::Int(n) => n.to_string(),
        Data::Float(n) => n.to_string(),
        Data::Bool(b) => b.to_string().to_uppercase(),
        Data::DateTime(at) if at.is_datetime() => {
            let (year, month, day, ..) = at.to_ymd_hms_milli();
            format!("{year:04}-{month:02}-{day:02}")
        }
        Data::DateTime(at) => at.as_f64().to_string(),
        Data::DateTimeIso(text) => text.get(..10).unwrap_or(text).to_owned(),
        Data::Error(error) => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};

    use super::super::{parse_file, parse_upload};
    use super::*;

    fn cascade() -> Cascade {
        crate::data::bundled_dataset().expect("the bundled data loads").cascade
    }

    /// A workbook whose first sheet holds `rows` of text cells from row `start` (from 0), with `typed` cells
    /// written over them.
    fn workbook(start: u32, rows: &[&[&str]], typed: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    sheet.write_string(start + r as u32, c as u16, *cell).unwrap();
                }
            }
        }
        typed(sheet);
        book.add_worksheet().write_string(0, 0, "ignored").unwrap();
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn typed_numbers_and_dates_and_text_cells_are_read() {
        let date = CellFormat::new().set_num_format("d.m.yyyy");
        let bytes = workbook(
            1,
            &[
                &["source", "example", "value", "date", "region", "indicator"],
                &["Tilastokeskus", "true", "", "", "espoo", "1"],
                &["TEM", "", "71,5", "31.12.2023", "tapiola", "tyottomyysaste"],
                &["", "", "", "", "", ""],
                &["Tilastokeskus", "", "", "2024-12-31", "espoo", ""],
            ],
            |sheet| {
                sheet.write_number(2, 2, 1234.5).unwrap();
                let day = ExcelDateTime::from_ymd(2022, 12, 31).unwrap();
                sheet.write_datetime_with_format(2, 3, day, &date).unwrap();
                sheet.write_number(5, 2, 1.234).unwrap();
                sheet.write_number(5, 5, 4).unwrap();
            },
        );
        let read = parse_file(&bytes, &cascade()).unwrap();
        let got: Vec<(u32, &str, String, f64, &str)> = read
            .values
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
            got,
            [
                (1, "espoo", "2022-12-31".into(), 1234.5, "Tilastokeskus"),
                (2, "tapiola", "2023-12-31".into(), 71.5, "TEM"),
                (4, "espoo", "2024-12-31".into(), 1.234, "Tilastokeskus"),
            ]
        );
        assert_eq!(read.format.encoding, Encoding::Xlsx);
        assert!(read.format.decimal_comma && read.format.day_first_dates);
    }

    #[test]
    fn problems_name_the_rows_the_sheet_shows() {
        let bytes = workbook(
            2,
            &[
                &["indicator", "region", "date", "value", "source"],
                &["1", "espoo", "2022-12-31", "71,5 %", "L"],
                &["42", "espoo", "2022-12-31", "", ""],
            ],
            |sheet| {
                sheet.write_string(3, 7, "stray").unwrap();
            },
        );
        let errors: Vec<String> = parse_upload(&bytes, &cascade(), &|i| i.id.get() != 1)
            .unwrap_err()
            .iter()
            .map(|e| format!("{} {}: {}", e.line, e.column.as_deref().unwrap_or("-"), e.reason))
            .collect();
        assert_eq!(
            errors,
            [
                "4 -: the row has 8 field(s) but the header has 5",
                "5 indicator: no indicator has the id 42",
                "5 value: is empty: give a number, e.g. 71.5 or 71,5",
                "5 source: is empty: say where the value comes from, e.g. \"Tilastokeskus, työssäkäyntitilasto\"",
            ]
        );
        let refused = workbook(
            0,
            &[
                &["indicator", "region", "date", "value", "source"],
                &["1", "espoo", "2022-12-31", "1", "L"],
            ],
            |_| {},
        );
        let errors = parse_upload(&refused, &cascade(), &|i| i.id.get() != 1).unwrap_err();
        assert_eq!(
            (errors[0].line, errors[0].reason.to_string()),
            (2, "you may not record values of indicator 1".to_owned())
        );
    }

    #[test]
    fn empty_or_broken_workbooks_and_other_files_are_refused() {
        let one = |bytes: &[u8]| {
            let errors = parse_file(bytes, &cascade()).unwrap_err();
            assert_eq!(errors.len(), 1, "{errors:?}");
            errors[0].reason.clone()
        };
        assert_eq!(one(&workbook(0, &[], |_| {})), Reason::EmptyFile);
        assert!(matches!(
            one(b"PK\x03\x04 not really"),
            Reason::UnreadableWorkbook { .. }
        ));
        assert_eq!(one(b"\x89PNG\r\n\x1a\n\0\0"), Reason::NotAValuesFile { kind: "PNG" });
        assert_eq!(one(b"%PDF-1.7\n%\xe2\xe3"), Reason::NotAValuesFile { kind: "PDF" });
        let header_only = workbook(0, &[&["indicator", "region", "date", "value", "source"]], |_| {});
        assert_eq!(one(&header_only), Reason::NoValues);
    }
}
