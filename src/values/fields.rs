//! Reading one field of a values file: a date (`YYYY-MM-DD`, or day first where a Finnish spreadsheet writes
//! it) and a plain number, and whether the file's numbers agree on their decimal separator.

use chrono::NaiveDate;

use super::{shown, Reason, RowError, VALUE_YEARS};
use crate::domain::cascade::has_full_date_shape;

/// The decimal separators a file's values use, to tell whether `1.234` is a decimal or a thousand.
#[derive(Default)]
pub(super) struct Separators {
    /// The first line with a decimal point and the first with a decimal comma.
    point: Option<usize>,
    pub(super) comma: Option<usize>,
    /// Lines whose value has one separator followed by exactly three digits (`1.234`, `12,500`): a decimal in a
    /// file that uses that separator for decimals, a thousands separator in a file that uses the other.
    could_be_thousands: Vec<(usize, char, String)>,
}

impl Separators {
    pub(super) fn note(&mut self, value: &str, line: usize) {
        let Some(at) = value.find(['.', ',']) else { return };
        let separator = if value[at..].starts_with('.') { '.' } else { ',' };
        let whole = value[..at].trim_start_matches(['-', '+', '\u{2212}']);
        if value.len() - at - 1 == 3 && !whole.starts_with('0') && whole.len() <= 3 {
            self.could_be_thousands.push((line, separator, value.to_owned()));
        } else if separator == '.' {
            self.point.get_or_insert(line);
        } else {
            self.comma.get_or_insert(line);
        }
    }

    /// Values that could be a thousand: in a file whose other values write decimals with the other separator,
    /// or, when no value settles it, in a file where such values use both separators.
    pub(super) fn ambiguous(&mut self) -> Vec<RowError> {
        let kinds = |c: char| self.could_be_thousands.iter().any(|(_, s, _)| *s == c);
        let undecided = self.point.is_none() && self.comma.is_none() && kinds('.') && kinds(',');
        let (point, comma) = (self.point, self.comma);
        let mut errors = Vec::new();
        for (line, separator, value) in std::mem::take(&mut self.could_be_thousands) {
            let other = if separator == '.' { comma } else { point };
            if other.is_some() || undecided {
                errors.push(RowError::new(
                    line,
                    Some("value"),
                    Reason::ThousandOrDecimal {
                        text: shown(&value),
                        other_line: other,
                    },
                ));
            } else if separator == '.' {
                self.point.get_or_insert(line);
            } else {
                self.comma.get_or_insert(line);
            }
        }
        errors
    }
}

/// The day, month and year of `D.M.YYYY` (one or two digits of day and month, four of year), as Excel writes a
/// date in a Finnish locale.
fn day_first(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.split('.');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some() || !digits(day, 1..=2) || !digits(month, 1..=2) || !digits(year, 4..=4) {
        return None;
    }
    Some((year.parse().ok()?, month.parse().ok()?, day.parse().ok()?))
}

/// A date written `YYYY-MM-DD`, the one form that cannot be misread, or in a semicolon-separated file (what a
/// Finnish spreadsheet saves, where dates are written day first) `D.M.YYYY`. In a comma-separated file
/// `03.04.2018` could come from anywhere and is refused rather than guessed.
pub(super) fn parse_date(text: &str, day_first_allowed: bool) -> Result<NaiveDate, Reason> {
    if text.is_empty() {
        return Err(Reason::DateEmpty);
    }
    let (year, month, day) = if has_full_date_shape(text) {
        let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().expect("checked to be digits");
        (number(0..4) as i32, number(5..7), number(8..10))
    } else {
        match day_first(text) {
            Some(parts) if day_first_allowed => parts,
            Some(_) => return Err(Reason::DayFirstNotAllowed { text: shown(text) }),
            None => {
                return Err(Reason::NotADate {
                    text: shown(text),
                    day_first_allowed,
                })
            }
        }
    };
    let date =
        NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| Reason::NotInCalendar { text: text.to_owned() })?;
    if !VALUE_YEARS.contains(&year) {
        return Err(Reason::ImplausibleYear { text: text.to_owned() });
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
pub(crate) fn parse_value(text: &str) -> Result<f64, Reason> {
    if text.is_empty() {
        return Err(Reason::ValueEmpty);
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
        let text = shown(text);
        return Err(if scientific {
            Reason::Scientific { text }
        } else if digits_before {
            Reason::HasUnit {
                text,
                unit: shown(rest.trim()),
            }
        } else if ["nan", "inf", "infinity"].contains(&body.to_ascii_lowercase().as_str()) {
            Reason::NotFinite { text }
        } else {
            Reason::NotANumber { text }
        });
    }
    if body.contains(GROUP_SEPARATORS) {
        return Err(Reason::ThousandsSeparator { text: shown(text) });
    }
    let separators: Vec<char> = body.chars().filter(|c| *c == '.' || *c == ',').collect();
    match separators.as_slice() {
        [] => {}
        [_] => {
            let (whole, fraction) = body.split_once(['.', ',']).expect("one separator");
            if whole.is_empty() || fraction.is_empty() {
                return Err(Reason::NeedsDigits { text: shown(text) });
            }
        }
        [first, ..] if separators.iter().any(|c| c != first) => {
            return Err(Reason::PointAndComma { text: shown(text) });
        }
        [first, ..] => {
            return Err(Reason::MoreThanOne {
                text: shown(text),
                separator: *first,
            });
        }
    }
    if body.is_empty() {
        return Err(Reason::NotANumber { text: shown(text) });
    }
    let magnitude: f64 = body
        .replace(',', ".")
        .parse()
        .map_err(|_| Reason::NotANumber { text: shown(text) })?;
    if !magnitude.is_finite() {
        return Err(Reason::TooLarge { text: shown(text) });
    }
    Ok(if negative { -magnitude } else { magnitude })
}
