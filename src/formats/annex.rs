//! The budget annex (talousarvion liite): strategy targets and their indicators by organisation, as CSV and XLSX.
//!
//! Both formats have the same [`COLUMNS`] columns in the order of [`COLUMN_KEYS`]:
//!
//! | # | key | content |
//! |---|-----|---------|
//! | 0 | `organisation` | organisation (text) |
//! | 1 | `target_id` | target id (whole number) |
//! | 2 | `target` | target (text, wrapped in XLSX) |
//! | 3 | `binding` | binding: [`Annex::yes`] / [`Annex::no`] |
//! | 4 | `goals` | goals, already joined (text) |
//! | 5 | `responsible` | responsible (text) |
//! | 6 | `indicator` | indicator (text, wrapped in XLSX; empty when the target has none) |
//! | 7 | `unit` | unit (text) |
//! | 8 | `baseline` | baseline value (number) |
//! | 9 | `baseline_date` | baseline date (date) |
//! | 10 | `target_value` | target value (number) |
//! | 11 | `target_date` | target date (date) |
//! | 12 | `latest` | latest value (number) |
//! | 13 | `latest_date` | latest value's date (date) |
//! | 14 | `status` | status (text) |
//! | 15 | `assessment` | assessment (text, may be empty) |
//! | 16 | `example` | example values: [`Annex::yes`] / [`Annex::no`] |
//! | 17 | `justification` | the assessment's justification as its writer typed it, Markdown source (text, wrapped in XLSX, may be empty) |
//!
//! `justification` comes last so that the columns before it keep the positions they had before it was added.
//!
//! Numbers are shown with the row's `decimals` (at most [`MAX_DECIMALS`]); a missing or non-finite number, and
//! the date of a missing value, are empty cells.
//!
//! CSV (RFC 4180, via the `csv` crate): UTF-8 with a byte order mark, so that Excel in Finland opens it as UTF-8
//! instead of the Windows code page; comma separators and CRLF line ends; fields quoted only when needed; one
//! header row and then the rows (the title is not written: a CSV file is one table); numbers with a `.` decimal
//! point and no thousands separators; dates as ISO 8601 (`2017-12-31`).
//!
//! CSV injection: a spreadsheet that opens a CSV file runs any cell starting with `=`, `+`, `-` or `@` as a
//! formula (a tab or carriage return in front of them is skipped), and a formula can fetch URLs, leak other cells
//! or, in old versions, start programs. Targets and indicators are free text typed by many people, so every text
//! cell starting with one of those six characters gets a leading apostrophe, which Excel shows as text and does
//! not evaluate (the mitigation OWASP recommends). Number and date cells are written by this module and only
//! hold digits, a sign and `.` or `-`, so they are left alone: `-3.5` stays a number.
//!
//! XLSX (via `rust_xlsxwriter`): one worksheet named after the title (see [`sheet_name`]); a bold title row, a
//! bold header row frozen with the title above it, an autofilter on the header row, numbers as numbers with a
//! number format of the row's decimals, dates as real Excel dates shown as `yyyy-mm-dd`, widths that fit the
//! content within limits, and the target and indicator columns wrapped. Text in XLSX is stored as strings, which
//! Excel never evaluates, so no apostrophe is needed there.

use std::borrow::Cow;

use anyhow::Context;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

/// The number of columns.
pub const COLUMNS: usize = 18;

/// Stable keys of the columns, in column order (for looking up localised headers).
pub const COLUMN_KEYS: [&str; COLUMNS] = [
    "organisation",
    "target_id",
    "target",
    "binding",
    "goals",
    "responsible",
    "indicator",
    "unit",
    "baseline",
    "baseline_date",
    "target_value",
    "target_date",
    "latest",
    "latest_date",
    "status",
    "assessment",
    "example",
    "justification",
];

/// Numbers are never shown with more decimals than this (an `f64` holds about 15 significant digits).
pub const MAX_DECIMALS: u8 = 15;

/// The longest text Excel keeps in a cell; longer text is cut in XLSX (CSV keeps it whole).
const EXCEL_MAX_CHARS: usize = 32_767;

const TARGET_COLUMN: usize = 2;
const INDICATOR_COLUMN: usize = 6;
const JUSTIFICATION_COLUMN: usize = 17;

/// One row: a target with one of its indicators, or with `indicator: None` when it has none.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnexRow<'a> {
    pub organisation: &'a str,
    pub target_id: u32,
    pub target: &'a str,
    pub binding: bool,
    /// Already joined, e.g. `"14, 15"`.
    pub goals: &'a str,
    pub responsible: &'a str,
    /// `None` when the target has no indicator.
    pub indicator: Option<&'a str>,
    pub unit: &'a str,
    /// Value and date.
    pub baseline: Option<(f64, NaiveDate)>,
    pub target_value: Option<(f64, NaiveDate)>,
    pub latest: Option<(f64, NaiveDate)>,
    /// Localised status word.
    pub status: &'a str,
    /// Localised assessment grade, or `""`.
    pub assessment: &'a str,
    /// Whether the values are example values rather than official statistics.
    pub example: bool,
    /// The assessment's justification as typed (Markdown source), or `""`.
    pub justification: &'a str,
    /// Decimals for this row's numbers (capped at [`MAX_DECIMALS`]).
    pub decimals: u8,
}

/// The whole annex.
#[derive(Debug, Clone, PartialEq)]
pub struct Annex<'a> {
    /// E.g. `"Talousarvio 2018: strategiset tavoitteet ja mittarit"`; the XLSX title row and document title.
    pub title: &'a str,
    /// Localised column headers in the order of [`COLUMN_KEYS`].
    pub headers: [&'a str; COLUMNS],
    /// Localised "yes" for `binding` and `example`.
    pub yes: &'a str,
    /// Localised "no" for `binding` and `example`.
    pub no: &'a str,
    pub rows: Vec<AnnexRow<'a>>,
}

/// The annex as CSV bytes (see the module documentation for the format).
pub fn to_csv(annex: &Annex) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(256 + annex.rows.len() * 256);
    out.extend_from_slice(b"\xEF\xBB\xBF");
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(annex.headers.iter().map(|header| guard_formula(header).into_owned()))?;
    for row in &annex.rows {
        let cells = cells(annex, row);
        let fields: Vec<Cow<'_, str>> = cells.iter().map(Cell::csv).collect();
        writer.write_record(fields.iter().map(|field| field.as_bytes()))?;
    }
    let out = writer
        .into_inner()
        .map_err(|e| anyhow::anyhow!("finishing the CSV: {}", e.error()))?;
    Ok(out)
}

/// The annex as XLSX bytes (see the module documentation for the layout).
pub fn to_xlsx(annex: &Annex) -> anyhow::Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&DocProperties::new().set_title(annex.title));
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name(annex.title))?;
    write_sheet(sheet, annex).context("writing the annex worksheet")?;
    workbook.save_to_buffer().context("saving the annex workbook")
}

fn write_sheet(sheet: &mut Worksheet, annex: &Annex) -> anyhow::Result<()> {
    const TITLE_ROW: u32 = 0;
    const HEADER_ROW: u32 = 1;
    const LAST_COLUMN: u16 = COLUMNS as u16 - 1;

    let title = Format::new().set_bold().set_font_size(14);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border_bottom(FormatBorder::Thin);
    let text = Format::new().set_align(FormatAlign::Top);
    let wrapped = Format::new().set_align(FormatAlign::Top).set_text_wrap();
    let date = Format::new().set_align(FormatAlign::Top).set_num_format("yyyy-mm-dd");
    let numbers: Vec<Format> = (0..=MAX_DECIMALS)
        .map(|decimals| {
            Format::new()
                .set_align(FormatAlign::Top)
                .set_num_format(number_format(decimals))
        })
        .collect();

    sheet.write_string_with_format(TITLE_ROW, 0, excel_text(annex.title), &title)?;
    let mut widths = [0usize; COLUMNS];
    for (column, text) in annex.headers.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, column as u16, excel_text(text), &header)?;
        // Headers wrap, so a long one needs not widen its column much.
        widths[column] = text.chars().count().min(14);
    }

    let mut last_row = HEADER_ROW;
    for (index, row) in annex.rows.iter().enumerate() {
        last_row = u32::try_from(index)
            .ok()
            .and_then(|i| i.checked_add(HEADER_ROW + 1))
            .context("too many rows for a worksheet")?;
        for (column, cell) in cells(annex, row).iter().enumerate() {
            let col = column as u16;
            widths[column] = widths[column].max(cell.display_len());
            match cell {
                Cell::Empty => {}
                Cell::Text(value) => {
                    let format = if matches!(column, TARGET_COLUMN | INDICATOR_COLUMN | JUSTIFICATION_COLUMN) {
                        &wrapped
                    } else {
                        &text
                    };
                    sheet.write_string_with_format(last_row, col, excel_text(value), format)?;
                }
                Cell::Whole(value) => {
                    sheet.write_number_with_format(last_row, col, f64::from(*value), &numbers[0])?;
                }
                Cell::Number(value, decimals) => {
                    let format = &numbers[usize::from((*decimals).min(MAX_DECIMALS))];
                    sheet.write_number_with_format(last_row, col, *value, format)?;
                }
                Cell::Date(day) => match excel_date(*day) {
                    Some(excel) => {
                        sheet.write_datetime_with_format(last_row, col, excel, &date)?;
                    }
                    // Outside Excel's calendar (before 1900 or after 9999): keep the ISO text.
                    None => {
                        sheet.write_string_with_format(last_row, col, day.to_string(), &text)?;
                    }
                },
            }
        }
    }

    for (column, width) in widths.iter().enumerate() {
        let (min, max) = match column {
            TARGET_COLUMN | JUSTIFICATION_COLUMN => (30, 60),
            INDICATOR_COLUMN => (20, 45),
            _ => (6, 30),
        };
        // Width in characters, plus room for the autofilter's drop-down button.
        sheet.set_column_width(column as u16, (*width + 3).clamp(min, max) as f64)?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.autofilter(HEADER_ROW, 0, last_row, LAST_COLUMN)?;
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    Ok(())
}

/// The worksheet name: the title's part before its first `:` (the whole title when that part is empty), with
/// the characters Excel forbids in sheet names (`[ ] : * ? / \` and control characters) turned into spaces,
/// runs of spaces collapsed, cut to Excel's 31 characters, and without leading or trailing apostrophes.
/// `"Annex"` when nothing is left (or the name would be Excel's reserved `History`).
pub fn sheet_name(title: &str) -> String {
    let head = title.split(':').next().unwrap_or_default();
    let base = if head.trim().is_empty() { title } else { head };
    let cleaned: String = base
        .chars()
        .map(|c| {
            if "[]:*?/\\".contains(c) || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = collapsed.chars().take(31).collect();
    let name = cut.trim().trim_matches('\'').trim();
    if name.is_empty() || name.eq_ignore_ascii_case("history") {
        "Annex".to_owned()
    } else {
        name.to_owned()
    }
}

/// A text cell for CSV: with a leading apostrophe when a spreadsheet would take it as a formula. Shared by
/// every CSV Tarina writes whose text cells come from people or imported files.
pub fn guard_formula(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The Excel number format for a number of decimals: `0`, `0.0`, `0.00`, …
fn number_format(decimals: u8) -> String {
    let decimals = usize::from(decimals.min(MAX_DECIMALS));
    if decimals == 0 {
        "0".to_owned()
    } else {
        format!("0.{}", "0".repeat(decimals))
    }
}

/// A number with a fixed count of decimals, `.` as the decimal point, no thousands separators and no `-0`.
fn format_number(value: f64, decimals: u8) -> String {
    let decimals = usize::from(decimals.min(MAX_DECIMALS));
    let text = format!("{value:.decimals$}");
    match text.strip_prefix('-') {
        Some(magnitude) if magnitude.chars().all(|c| c == '0' || c == '.') => magnitude.to_owned(),
        _ => text,
    }
}

fn excel_date(day: NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(day.year()).ok()?;
    ExcelDateTime::from_ymd(year, day.month() as u8, day.day() as u8).ok()
}

/// Text cut to what an Excel cell holds.
fn excel_text(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(EXCEL_MAX_CHARS) {
        Some((end, _)) => Cow::Owned(text[..end].to_owned()),
        None => Cow::Borrowed(text),
    }
}

/// One cell of a row, before it is written in either format.
enum Cell<'a> {
    Empty,
    Text(&'a str),
    Whole(u32),
    /// A finite number and its decimals.
    Number(f64, u8),
    Date(NaiveDate),
}

impl Cell<'_> {
    fn csv(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(text) => guard_formula(text),
            Cell::Whole(value) => Cow::Owned(value.to_string()),
            Cell::Number(value, decimals) => Cow::Owned(format_number(*value, *decimals)),
            Cell::Date(day) => Cow::Owned(day.to_string()),
        }
    }

    /// Roughly how many characters wide the cell shows, for column widths.
    fn display_len(&self) -> usize {
        match self {
            Cell::Text(text) => text.chars().count(),
            Cell::Date(_) => 10,
            other => other.csv().len(),
        }
    }
}

fn cells<'a>(annex: &Annex<'a>, row: &AnnexRow<'a>) -> [Cell<'a>; COLUMNS] {
    let yes_no = |flag: bool| Cell::Text(if flag { annex.yes } else { annex.no });
    let value = |pair: Option<(f64, NaiveDate)>| match pair {
        Some((value, _)) if value.is_finite() => Cell::Number(value, row.decimals),
        _ => Cell::Empty,
    };
    let date = |pair: Option<(f64, NaiveDate)>| match pair {
        Some((_, day)) => Cell::Date(day),
        None => Cell::Empty,
    };
    [
        Cell::Text(row.organisation),
        Cell::Whole(row.target_id),
        Cell::Text(row.target),
        yes_no(row.binding),
        Cell::Text(row.goals),
        Cell::Text(row.responsible),
        row.indicator.map_or(Cell::Empty, Cell::Text),
        Cell::Text(row.unit),
        value(row.baseline),
        date(row.baseline),
        value(row.target_value),
        date(row.target_value),
        value(row.latest),
        date(row.latest),
        Cell::Text(row.status),
        Cell::Text(row.assessment),
        yes_no(row.example),
        Cell::Text(row.justification),
    ]
}

#[cfg(test)]
mod tests;
