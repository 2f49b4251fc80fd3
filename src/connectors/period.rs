//! Statistical time codes as dates. A period is stored at its last day, as the cascade stores every value
//! (the population of 2025 at 2025-12-31), so a year, a quarter and a month of the same end line up.

use chrono::{Datelike, NaiveDate};

/// The last day of the period a code names: `2017` (a year), `2017Q1` (a quarter), `2017M03` (a month) or
/// `2017-03-31` (a day, itself). `None` for anything else.
pub fn period_end(code: &str) -> Option<NaiveDate> {
    let code = code.trim();
    if crate::domain::cascade::has_full_date_shape(code) {
        return code.parse().ok();
    }
    let (year, rest) = (code.get(..4)?, code.get(4..)?);
    if !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    let last_month = match rest.as_bytes() {
        [] => 12,
        [b'Q', q @ b'1'..=b'4'] => u32::from(q - b'0') * 3,
        [b'M', tens @ b'0'..=b'1', ones @ b'0'..=b'9'] => u32::from(tens - b'0') * 10 + u32::from(ones - b'0'),
        _ => return None,
    };
    last_day_of_month(year, last_month)
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    next.pred_opt().filter(|d| d.month() == month)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<NaiveDate> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn a_period_maps_to_its_last_day() {
        assert_eq!(period_end("2017"), date("2017-12-31"));
        assert_eq!(period_end("2017Q1"), date("2017-03-31"));
        assert_eq!(period_end("2017Q4"), date("2017-12-31"));
        assert_eq!(period_end("2017M03"), date("2017-03-31"));
        assert_eq!(period_end("2016M02"), date("2016-02-29"));
        assert_eq!(period_end("2017-03-31"), date("2017-03-31"));
        assert_eq!(period_end(" 2025 "), date("2025-12-31"));
    }

    #[test]
    fn anything_else_is_not_a_period() {
        for bad in [
            "",
            "17",
            "2017Q5",
            "2017Q0",
            "2017M13",
            "2017M00",
            "2017M3",
            "2017-02-30",
            "2017*",
            "vuosi",
        ] {
            assert_eq!(period_end(bad), None, "{bad}");
        }
    }
}
