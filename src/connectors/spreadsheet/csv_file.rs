//! A CSV file: UTF-8 (with or without a byte order mark) or Windows-1252, as the values import reads them,
//! separated by the settings' delimiter. Every cell is text; numbers take a decimal point or comma.

use super::{take, Cell, Row};
use crate::connectors::Extracted;
use crate::domain::connector::ConnectorSettings;

pub fn read(bytes: &[u8], settings: &ConnectorSettings, decimals: u8) -> Result<Extracted, String> {
    let (text, _) = crate::values::decode(bytes).map_err(|e| format!("line {}: {}", e.line, e.reason))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let delimiter = settings
        .delimiter_byte()
        .ok_or_else(|| format!("the delimiter {:?} is not one character", settings.delimiter))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    // A row is numbered by the line it starts on, as a spreadsheet program shows it (blank lines count).
    // The reader's own line count is one short after a CRLF, so lines are counted here up to where the row's
    // text starts.
    let bytes = text.as_bytes();
    let (mut counted_to, mut line) = (0usize, 1u32);
    let rows = reader.records().map(move |record| {
        let record = record.map_err(|e| format!("not CSV: {e}"))?;
        let mut start = record
            .position()
            .map_or(counted_to, |p| p.byte() as usize)
            .min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start > counted_to {
            line += bytes[counted_to..start].iter().filter(|&&b| b == b'\n').count() as u32;
            counted_to = start;
        }
        let number = line;
        let cells = record
            .iter()
            .map(|field| match field.trim() {
                "" => Cell::Empty,
                text => Cell::Text(text.to_owned()),
            })
            .collect();
        Ok(Row { number, cells })
    });
    take(rows, settings, decimals)
}
