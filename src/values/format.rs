//! What kind of file an import is: its encoding and its spreadsheet dialect, detected from the file itself and
//! reported back, never guessed. Excel in a Finnish locale saves "CSV (semicolon-separated)" in Windows-1252,
//! with decimal commas and dates as 31.12.2018; "CSV UTF-8" is the same dialect in UTF-8. A file whose bytes
//! could mean different letters in different encodings is refused with a reason, because a wrong guess would
//! store wrong sources without anybody noticing.

use std::borrow::Cow;
use std::fmt;

use super::{Reason, RowError};

/// How the file's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 with a byte order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// Excel's plain "CSV" in a Finnish or Swedish locale.
    Windows1252,
    /// An Excel workbook: cells rather than text, so neither an encoding nor a separator to tell.
    Xlsx,
}

/// What an import read, for its report: the encoding and the dialect the rows turned out to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    pub encoding: Encoding,
    /// Columns separated by semicolons (as a Finnish spreadsheet saves) rather than commas.
    pub semicolons: bool,
    /// Some value has a decimal comma (`71,5`).
    pub decimal_comma: bool,
    /// Some date is written day first (`31.12.2018`).
    pub day_first_dates: bool,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let encoding = match self.encoding {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with a byte order mark",
            Encoding::Windows1252 => "Windows-1252",
            Encoding::Xlsx => "an XLSX workbook",
        };
        let separator = if self.semicolons { "semicolon" } else { "comma" };
        let decimals = if self.decimal_comma {
            "decimal commas"
        } else {
            "decimal points"
        };
        let dates = if self.day_first_dates {
            "dates as 31.12.2018"
        } else {
            "dates as 2018-12-31"
        };
        if self.encoding == Encoding::Xlsx {
            // Typed numbers and dates have no written form; these say how the text cells were written.
            return write!(f, "{encoding}, text cells with {decimals} and {dates}");
        }
        write!(f, "{encoding}, {separator}-separated, {decimals}, {dates}")
    }
}

/// The bytes Windows-1252 shares with ISO 8859-1 and 8859-15: ASCII and the Latin-1 letters and signs
/// (ä, ö, å, é, ü, …), each the character of the same number. Bytes 0x80–0x9F (€, quotes and dashes in
/// Windows-1252, but Ä, Ö, ä, å and ö in Mac Roman) and those ISO 8859-15 reads otherwise (€ Š š Ž ž Œ œ Ÿ in
/// place of ¤ ¦ ¨ ´ ¸ ¼ ½ ¾) have no one meaning, so they make a file ambiguous.
fn windows_1252(byte: u8) -> Option<char> {
    match byte {
        0x80..=0x9F | 0xA4 | 0xA6 | 0xA8 | 0xB4 | 0xB8 | 0xBC..=0xBE => None,
        _ => Some(char::from(byte)),
    }
}

/// ä, ö, å, Ä, Ö and Å as Windows-1252 (and Latin-1) write them. A file that is not UTF-8 is read as
/// Windows-1252 only when it has one of them: then it is Finnish or Swedish text in that encoding, and not,
/// say, Mac Roman, where these bytes are ‰ ˆ Â ƒ ÷ ≈ and a dash would have been read as Ð.
const NORDIC_LETTERS: [u8; 6] = [0xE4, 0xF6, 0xE5, 0xC4, 0xD6, 0xC5];

/// The line of the file a byte offset is on.
fn line_at(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The text of a file and how it was read: UTF-8 when the bytes are UTF-8 (a spreadsheet's Windows-1252
/// letters never form valid UTF-8 by accident in real text), else Windows-1252 when every byte has its one
/// meaning there and an ä, ö or å shows the file is Nordic Latin-1 text; anything else is refused with how
/// to save the file instead.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), RowError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(RowError::new(1, None, Reason::Utf16));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        let encoding = if text.starts_with('\u{feff}') {
            Encoding::Utf8Bom
        } else {
            Encoding::Utf8
        };
        return Ok((Cow::Borrowed(text), encoding));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(RowError::new(line_at(bytes, at), None, Reason::NulBytes));
    }
    let first_invalid = std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to());
    if let Some(at) = utf8_sequence(bytes) {
        return Err(RowError::new(
            line_at(bytes, first_invalid),
            None,
            Reason::MixedEncodings {
                utf8_line: line_at(bytes, at),
                byte: bytes[first_invalid],
            },
        ));
    }
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    for (offset, &byte) in bytes.iter().enumerate() {
        match windows_1252(byte) {
            Some(ch) => text.push(ch),
            None => {
                return Err(RowError::new(
                    line_at(bytes, offset),
                    None,
                    Reason::AmbiguousByte { byte },
                ));
            }
        }
    }
    if !bytes.iter().any(|b| NORDIC_LETTERS.contains(b)) {
        let at = bytes.iter().position(|&b| b >= 0x80).unwrap_or(0);
        return Err(RowError::new(
            line_at(bytes, at),
            None,
            Reason::NoNordicLetters { byte: bytes[at] },
        ));
    }
    Ok((Cow::Owned(text), Encoding::Windows1252))
}

/// Where the first multi-byte UTF-8 sequence of a file that is not UTF-8 as a whole starts, if it has one:
/// such a file was edited in two encodings, and no single reading of it is right.
fn utf8_sequence(bytes: &[u8]) -> Option<usize> {
    let mut rest = bytes;
    let mut offset = 0;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(valid) => return valid.bytes().position(|b| b >= 0x80).map(|p| offset + p),
            Err(e) => {
                let valid = &rest[..e.valid_up_to()];
                if let Some(p) = valid.iter().position(|&b| b >= 0x80) {
                    return Some(offset + p);
                }
                let skip = e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                offset += skip;
                rest = &rest[skip..];
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(bytes: &[u8]) -> String {
        decode(bytes).unwrap_err().reason.to_string()
    }

    #[test]
    fn utf8_first_then_windows_1252() {
        assert_eq!(
            decode("Lähde".as_bytes()).unwrap(),
            (Cow::Borrowed("Lähde"), Encoding::Utf8)
        );
        assert_eq!(decode("\u{feff}a".as_bytes()).unwrap().1, Encoding::Utf8Bom);
        let (text, encoding) = decode(b"Ty\xf6ss\xe4k\xe4ynti \xc5bo, caf\xe9 \xa7 2 \xb0C").unwrap();
        assert_eq!(
            (text.as_ref(), encoding),
            ("Työssäkäynti Åbo, café § 2 °C", Encoding::Windows1252)
        );
    }

    #[test]
    fn ambiguous_bytes_are_refused_with_a_reason() {
        // Mac Roman writes ö as 0x9A (š in Windows-1252) and – as 0xD0 (Ð); ISO 8859-15 writes € as 0xA4 (¤ in
        // Windows-1252); Windows-1252's own dash 0x96 is ñ in Mac Roman.
        for (bytes, byte) in [
            (&b"ty\x9assa"[..], "0x9A"),
            (b"\xe4 100 \xa4", "0xA4"),
            (b"a\x81", "0x81"),
            (b"T\xe4m\xe4 \x96 tuo", "0x96"),
            (b"TEM \xd0 ennakko", "0xD0"),
        ] {
            let reason = reason(bytes);
            assert!(reason.contains(byte) && reason.contains("cannot be told"), "{reason}");
        }
        let mixed = reason(
            "Lähde\nL\u{e4}hde"
                .as_bytes()
                .iter()
                .copied()
                .chain(*b"\n\xe4")
                .collect::<Vec<_>>()
                .as_slice(),
        );
        assert!(mixed.contains("mixes encodings: line 1 has UTF-8 letters"), "{mixed}");
        assert!(reason(b"\xff\xfei\x00").contains("UTF-16"));
        assert!(reason(b"i\x00n\x00\xe4\x00").contains("NUL bytes"));
    }

    #[test]
    fn the_format_says_what_was_read() {
        let format = Format {
            encoding: Encoding::Windows1252,
            semicolons: true,
            decimal_comma: true,
            day_first_dates: true,
        };
        assert_eq!(
            format.to_string(),
            "Windows-1252, semicolon-separated, decimal commas, dates as 31.12.2018"
        );
    }
}
