//! The scales of the indicator charts: numbers written the reader's way, tick values, the date axis and
//! the downsampling of long series. Pure functions, shared by every layout of [`super::chart`].

use chrono::{Datelike, NaiveDate};

/// Pixel columns for downsampling: a long line keeps the lowest and highest point of each.
pub(super) const BUCKETS: usize = 300;

/// Escapes text content and attribute values; drops the control characters XML 1.0 does not allow.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c < ' ' && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Formats with `decimals`, the given separator, no-break spaces between thousands, a real minus sign and the unit.
pub(super) fn fmt_num(v: f64, decimals: usize, sep: char, unit: &str) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = String::new();
    if v < 0.0 && s.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('\u{2212}');
    }
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('\u{a0}');
        }
        out.push(ch);
    }
    if !frac.is_empty() {
        out.push(sep);
        out.push_str(frac);
    }
    if !unit.is_empty() {
        out.push('\u{a0}');
        out.push_str(unit);
    }
    out
}

/// Ticks 1, 2, 2.5 or 5 × 10ⁿ apart (at most six) covering `lo..hi`, and the decimals the step needs; never a step
/// finer than `max_dec` decimals can show. Expects `lo < hi`, both finite.
pub(super) fn nice_ticks((lo, hi): (f64, f64), max_dec: usize) -> (Vec<f64>, usize) {
    let span = hi - lo;
    if !span.is_finite() || span <= 0.0 {
        return (vec![lo, hi], max_dec);
    }
    let start = ((span / 6.0).log10().floor() as i32 - 1).max(-(max_dec as i32));
    for e in start..start + 40 {
        for (m, extra) in [(1.0, 0), (2.0, 0), (2.5, 1), (5.0, 0)] {
            let dec = (extra - e).max(0) as usize;
            let step = m * 10f64.powi(e);
            let a = (lo / step + 1e-9).floor();
            let b = (hi / step - 1e-9).ceil().max(a + 1.0);
            if dec <= max_dec && b - a <= 5.0 {
                // Dividing by a power of ten keeps 0.6 from coming out as 0.6000000000000001.
                let at = |k: i64| k as f64 * m * 10f64.powi(e.max(0)) / 10f64.powi((-e).max(0));
                return ((a as i64..=b as i64).map(at).collect(), dec);
            }
        }
    }
    (vec![lo, hi], max_dec)
}

pub(super) fn extent(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)))
}

/// Gives an empty or single-valued range some height.
pub(super) fn padded((lo, hi): (f64, f64)) -> (f64, f64) {
    if lo > hi {
        (0.0, 1.0)
    } else if hi - lo <= hi.abs().max(lo.abs()) * 1e-9 {
        let pad = if hi == 0.0 { 1.0 } else { hi.abs() * 0.1 };
        (lo - pad, hi + pad)
    } else {
        (lo, hi)
    }
}

pub(super) fn finite(points: &[(NaiveDate, f64)]) -> Vec<(f64, f64)> {
    points
        .iter()
        .filter(|p| p.1.is_finite())
        .map(|&(d, v)| (day(d), v))
        .collect()
}

/// Keeps the first and last point and the lowest and highest point of each of `BUCKETS` columns.
pub(super) fn downsample(pts: &[(f64, f64)], x0: f64, x1: f64) -> Vec<(f64, f64)> {
    if pts.len() <= 2 * BUCKETS {
        return pts.to_vec();
    }
    let mut extremes = vec![(usize::MAX, usize::MAX); BUCKETS];
    for (i, &(d, v)) in pts.iter().enumerate() {
        let (lo, hi) = &mut extremes[(((d - x0) / (x1 - x0) * BUCKETS as f64) as usize).min(BUCKETS - 1)];
        if *lo == usize::MAX || v < pts[*lo].1 {
            *lo = i;
        }
        if *hi == usize::MAX || v > pts[*hi].1 {
            *hi = i;
        }
    }
    let mut keep: Vec<usize> = extremes.into_iter().flat_map(|(a, b)| [a, b]).collect();
    keep.extend([0, pts.len() - 1]);
    keep.sort_unstable();
    keep.dedup();
    keep.into_iter().filter(|&i| i < pts.len()).map(|i| pts[i]).collect()
}

/// A coordinate rounded to one decimal, without a trailing ".0" or a "-0".
pub(super) fn c(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0 + 0.0;
    if r.is_finite() {
        r.to_string()
    } else {
        "0".into()
    }
}

pub(super) fn day(d: NaiveDate) -> f64 {
    f64::from(d.num_days_from_ce())
}

pub(super) fn date_of(day: f64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day as i32)
}

pub(super) fn year_of(day: f64) -> i32 {
    date_of(day).map_or(0, |d| d.year())
}

/// The day number of a month and day in `year`.
pub(super) fn on(year: i32, (month, day_of_month): (u32, u32)) -> f64 {
    NaiveDate::from_ymd_opt(year, month, day_of_month).map_or(f64::from(year) * 365.2425, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_tick_values() {
        assert_eq!(nice_ticks((0.0, 75.0), 1), (vec![0.0, 20.0, 40.0, 60.0, 80.0], 0));
        let (t, dec) = nice_ticks((280_000.0, 325_716.0), 1);
        assert_eq!((t[0], t[t.len() - 1], t.len(), dec), (280_000.0, 330_000.0, 6, 0));
        assert_eq!(nice_ticks((0.0, 1.0), 2), (vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0], 1));
        assert_eq!(nice_ticks((0.05, 1.2), 2), (vec![0.0, 0.25, 0.5, 0.75, 1.0, 1.25], 2));
        assert_eq!(
            nice_ticks((0.9, 1.1), 0),
            (vec![0.0, 1.0, 2.0], 0),
            "never finer than the decimals"
        );
        for r in [
            0.0, 1e9, -3.0, 7.0, 0.1, 0.3, 99.0, 101.0, -1e-3, 1e-3, 17.3, 18.9, 1.0, 1e6, 0.0, 1.0,
        ]
        .chunks(2)
        {
            let (t, dec) = nice_ticks((r[0], r[1]), 4);
            let ok = (4..=6).contains(&t.len()) && t[0] <= r[0] && t[t.len() - 1] >= r[1] && dec <= 4;
            assert!(ok, "{r:?} {t:?}");
        }
    }
}
