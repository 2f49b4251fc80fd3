//! Indicator charts as accessible inline SVG.
//!
//! Hand-written rather than drawn with the `plotters` crate: we need `role="img"` with a `<title>` and `<desc>`
//! referenced by `aria-labelledby`, real `<text>` elements carrying our own localised number formatting, a point
//! shape and dash pattern per line (so colour is never the only cue), no inline styles (CSP `style-src 'self'`)
//! and no font machinery. The output is a pure, deterministic function of the input.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

/// One line of the chart (a region's series). Points are sorted by date.
pub struct Line<'a> {
    pub label: &'a str,
    pub points: &'a [(NaiveDate, f64)],
}

/// A labelled reference point drawn as a marker: baseline, milestone or target.
pub struct Marker<'a> {
    /// E.g. "Tavoite 75 %", already localised by the caller.
    pub label: &'a str,
    pub date: NaiveDate,
    pub value: f64,
}

pub struct Chart<'a> {
    /// Unique id prefix for the svg's element ids (ascii), e.g. "indicator-1".
    pub id: &'a str,
    /// Accessible name, already localised.
    pub title: &'a str,
    /// Longer text, already localised (e.g. "Latest 72.1 % in 2021; on track").
    pub description: &'a str,
    /// Appended to the y axis labels after a no-break space, e.g. "%".
    pub unit: &'a str,
    pub decimals: u8,
    /// The first line is the headline series (drawn boldest). At most eight are drawn.
    pub lines: Vec<Line<'a>>,
    pub markers: Vec<Marker<'a>>,
    /// Optional forecast (date, value, low, high): a dashed line from the last point of the first line to (date,
    /// value), with a low–high interval bar at that date.
    pub forecast: Option<(NaiveDate, f64, f64, f64)>,
    pub forecast_label: &'a str,
    /// ',' for fi/sv, '.' for en.
    pub decimal_separator: char,
}

const W: f64 = 640.0;
const H: f64 = 320.0;
const MAX_LINES: usize = 8;
/// Pixel columns for downsampling: a long line keeps the lowest and highest point of each.
const BUCKETS: usize = 300;
/// Lines with more points get a shape only at their last point.
const SHAPES_UP_TO: usize = 60;
const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 320" role="img""#;
const Y_AXIS: &str = r##"</g><g class="chart-axis chart-axis-y" fill="#595959" font-size="12" text-anchor="end">"##;
const X_AXIS: &str = r##"</g><g class="chart-axis chart-axis-x" fill="#595959" stroke="#595959" font-size="12">"##;
const FORECAST: &str = r##"<g class="chart-forecast" fill="none" stroke="#1a5fb4" stroke-width="2">"##;
const MARKERS: &str = r##"<g class="chart-markers" fill="#ffffff" stroke="#1f1f1f" stroke-width="2">"##;
const MIDDLE: &str = r#" stroke="none" text-anchor="middle""#;
const LEGEND_TEXT: &str = r##" fill="#333333" stroke="none""##;
/// Labels get a white halo so they stay readable where they cross a line.
const NOTES: &str = concat!(
    r##"<g class="chart-labels" fill="#333333" font-size="12""##,
    r##" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">"##
);
const COLOURS: [&str; MAX_LINES] = [
    "#1a5fb4", "#a51d2d", "#26734d", "#5e3c99", "#8f4700", "#0f6a75", "#b0136e", "#3d3d3d",
];
const DASHES: [&str; MAX_LINES] = [
    "none",
    "8 4",
    "2 3",
    "10 3 2 3",
    "14 5",
    "5 2 1 2",
    "1 5",
    "10 2 2 2 2 2",
];
/// Circle, square, triangle, diamond, downward triangle, plus, cross and star, about 10 units across.
const SHAPES: [&str; 8] = [
    "M-4,0a4,4 0 1,0 8,0a4,4 0 1,0 -8,0Z",
    "M-4,-4h8v8h-8Z",
    "M0,-5.2L4.8,3.6H-4.8Z",
    "M0,-5.6L5.6,0L0,5.6L-5.6,0Z",
    "M0,5.2L4.8,-3.6H-4.8Z",
    "M-1.4,-5h2.8v3.6h3.6v2.8h-3.6v3.6h-2.8v-3.6h-3.6v-2.8h3.6Z",
    "M2.5,-4.5L4.5,-2.5L2,0L4.5,2.5L2.5,4.5L0,2L-2.5,4.5L-4.5,2.5L-2,0L-4.5,-2.5L-2.5,-4.5L0,-2Z",
    "M0,-6L1.5,-2.1L5.7,-1.9L2.5,0.8L3.5,4.9L0,2.6L-3.5,4.9L-2.5,0.8L-5.7,-1.9L-1.5,-2.1Z",
];
/// Reference markers are hollow, dark and larger: star, diamond, square, triangles, circle.
const MARKER_SHAPES: [usize; 6] = [7, 3, 1, 2, 4, 0];

macro_rules! put {
    ($o:expr, $($t:tt)*) => {
        let _ = write!($o, $($t)*);
    };
}

pub fn render(chart: &Chart) -> String {
    let series: Vec<Vec<(f64, f64)>> = chart.lines.iter().take(MAX_LINES).map(|l| finite(l.points)).collect();
    let markers: Vec<&Marker> = chart.markers.iter().filter(|m| m.value.is_finite()).collect();
    let forecast = chart.forecast.filter(|f| [f.1, f.2, f.3].iter().all(|v| v.is_finite()));
    let mut extra: Vec<(f64, f64)> = markers.iter().map(|m| (day(m.date), m.value)).collect();
    if let Some((date, value, low, high)) = forecast {
        extra.extend([(day(date), value), (day(date), low), (day(date), high)]);
    }
    let all = || series.iter().flatten().chain(&extra);

    let (ticks, dec) = nice_ticks(padded(extent(all().map(|p| p.1))), usize::from(chart.decimals).min(12));
    let (y_lo, y_hi) = (ticks[0], ticks[ticks.len() - 1]);
    let number = |t: &f64| fmt_num(*t, dec, chart.decimal_separator, chart.unit);
    let labels: Vec<String> = ticks.iter().map(number).collect();
    let (d_lo, d_hi) = extent(all().map(|p| p.0));
    let years = (d_lo <= d_hi).then(|| (year_of(d_lo), year_of(d_hi)));
    // Annual data (every date on the same day of the year) is labelled at that day, with a quarter year to spare on
    // either side; anything else gets its year labels in the middle of each year.
    let day_of_year = |d: f64| date_of(d).map(|d| (d.month(), d.day()));
    let annual = day_of_year(d_lo).filter(|&md| md != (2, 29) && all().all(|p| day_of_year(p.0) == Some(md)));
    let at = |year: i32| on(year, annual.unwrap_or((1, 1)));
    let (x0, x1) = match (years, annual) {
        (None, _) => (0.0, 1.0),
        (Some((a, b)), Some(_)) => (at(a) - 91.0, at(b) + 91.0),
        (Some((a, b)), None) => (at(a), at(b + 1)),
    };

    let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(1) as f64;
    let (left, right, top) = ((widest * 7.0 + 14.0).clamp(40.0, 160.0), W - 16.0, 16.0);
    let bottom = H - 30.0 - series.len().div_ceil(2) as f64 * 18.0;
    let sx = |d: f64| left + (d - x0) / (x1 - x0) * (right - left);
    let sy = |v: f64| bottom - (v - y_lo) / (y_hi - y_lo) * (bottom - top);
    let mid = (left + right) / 2.0;

    let (id, mut o) = (esc(chart.id), String::with_capacity(8192));
    put!(o, r#"{SVG} aria-labelledby="{id}-title {id}-desc" class="chart""#);
    o.push_str(r#" preserveAspectRatio="xMidYMid meet">"#);
    put!(o, r#"<title id="{id}-title">{}</title>"#, esc(chart.title));
    put!(o, r#"<desc id="{id}-desc">{}</desc>"#, esc(chart.description));
    o.push_str(r##"<g class="chart-grid" stroke="#d9d9d9" stroke-width="1">"##);
    for &t in &ticks {
        line(&mut o, (left, sy(t)), (right, sy(t)), "");
    }
    o.push_str(Y_AXIS);
    for (&t, label) in ticks.iter().zip(&labels) {
        text(&mut o, (left - 6.0, sy(t) + 4.0), "", label);
    }
    o.push_str(X_AXIS);
    line(&mut o, (left, bottom), (right, bottom), "");
    if let Some((first, last)) = years {
        let n = last - first + 1;
        let steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
        let step = steps.into_iter().find(|s| (n + s - 1) / s <= 12).unwrap_or(n / 12 + 1);
        for year in (first..=last).filter(|y| y.rem_euclid(step) == 0) {
            let (a, b) = (
                sx(at(year)),
                if annual.is_some() {
                    sx(at(year))
                } else {
                    sx(at(year + 1))
                },
            );
            line(&mut o, (a, bottom), (a, bottom + 5.0), "");
            text(&mut o, ((a + b) / 2.0, bottom + 18.0), MIDDLE, &year.to_string());
        }
    }
    o.push_str("</g>");

    for (i, pts) in series.iter().enumerate().rev() {
        group(&mut o, "chart-series", i);
        let drawn = downsample(pts, x0, x1);
        if drawn.len() > 1 {
            let (width, dash) = (if i == 0 { 3 } else { 2 }, DASHES[i]);
            put!(
                o,
                r#"<polyline class="chart-line chart-line-{i}" fill="none" stroke-width="{width}""#
            );
            put!(o, r#" stroke-dasharray="{dash}" stroke-linejoin="round" points=""#);
            for (k, &(d, v)) in drawn.iter().enumerate() {
                put!(o, "{}{},{}", if k == 0 { "" } else { " " }, c(sx(d)), c(sy(v)));
            }
            o.push_str(r#""/>"#);
        }
        let first = if pts.len() > SHAPES_UP_TO { pts.len() - 1 } else { 0 };
        for &(d, v) in &pts[first..] {
            shape(&mut o, i, (sx(d), sy(v)), false);
        }
        o.push_str("</g>");
    }

    let mut notes = String::new();
    if let Some((date, value, low, high)) = forecast {
        let (fx, fy, yl, yh) = (sx(day(date)), sy(value), sy(low.min(high)), sy(low.max(high)));
        o.push_str(FORECAST);
        if let Some(&(d, v)) = series.first().and_then(|s| s.last()) {
            let dashed = r#" class="chart-forecast-line" stroke-dasharray="6 4""#;
            line(&mut o, (sx(d), sy(v)), (fx, fy), dashed);
        }
        o.push_str(r#"<g class="chart-forecast-interval">"#);
        line(&mut o, (fx, yl), (fx, yh), "");
        line(&mut o, (fx - 5.0, yl), (fx + 5.0, yl), "");
        line(&mut o, (fx - 5.0, yh), (fx + 5.0, yh), "");
        let (cx, cy) = (c(fx), c(fy));
        put!(o, r##"</g><circle cx="{cx}" cy="{cy}" r="4" fill="#ffffff"/></g>"##);
        note(&mut notes, (fx, yh), chart.forecast_label, mid);
    }
    if !markers.is_empty() {
        o.push_str(MARKERS);
        for (j, m) in markers.iter().enumerate() {
            let at = (sx(day(m.date)), sy(m.value));
            shape(&mut o, MARKER_SHAPES[j % MARKER_SHAPES.len()], at, true);
            note(&mut notes, at, m.label, mid);
        }
        o.push_str("</g>");
    }
    if !notes.is_empty() {
        put!(o, "{NOTES}{notes}</g>");
    }

    if !series.is_empty() {
        o.push_str(r#"<g class="chart-legend" font-size="12">"#);
        for (i, l) in chart.lines.iter().take(MAX_LINES).enumerate() {
            let (x, y) = (12.0 + (i % 2) as f64 * 310.0, bottom + 40.0 + (i / 2) as f64 * 18.0);
            group(&mut o, "chart-legend-item", i);
            let sample = format!(r#" stroke-width="2" stroke-dasharray="{}""#, DASHES[i]);
            line(&mut o, (x, y - 4.0), (x + 28.0, y - 4.0), &sample);
            shape(&mut o, i, (x + 14.0, y - 4.0), false);
            let mut label: String = l.label.chars().take(36).collect();
            if label.len() < l.label.len() {
                label.pop();
                label.push('…');
            }
            text(&mut o, (x + 36.0, y), LEGEND_TEXT, &label);
            o.push_str("</g>");
        }
        o.push_str("</g>");
    }
    o.push_str("</svg>");
    o
}

/// Escapes text content and attribute values; drops the control characters XML 1.0 does not allow.
fn esc(s: &str) -> String {
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
fn fmt_num(v: f64, decimals: usize, sep: char, unit: &str) -> String {
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
fn nice_ticks((lo, hi): (f64, f64), max_dec: usize) -> (Vec<f64>, usize) {
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

fn extent(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)))
}

/// Gives an empty or single-valued range some height.
fn padded((lo, hi): (f64, f64)) -> (f64, f64) {
    if lo > hi {
        (0.0, 1.0)
    } else if hi - lo <= hi.abs().max(lo.abs()) * 1e-9 {
        let pad = if hi == 0.0 { 1.0 } else { hi.abs() * 0.1 };
        (lo - pad, hi + pad)
    } else {
        (lo, hi)
    }
}

fn finite(points: &[(NaiveDate, f64)]) -> Vec<(f64, f64)> {
    points
        .iter()
        .filter(|p| p.1.is_finite())
        .map(|&(d, v)| (day(d), v))
        .collect()
}

/// Keeps the first and last point and the lowest and highest point of each of `BUCKETS` columns.
fn downsample(pts: &[(f64, f64)], x0: f64, x1: f64) -> Vec<(f64, f64)> {
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

/// Opens `<g class="{class} {class}-{i}">` painted in the colour of line `i`.
fn group(o: &mut String, class: &str, i: usize) {
    let colour = COLOURS[i];
    put!(
        o,
        r#"<g class="{class} {class}-{i}" fill="{colour}" stroke="{colour}">"#
    );
}

fn line(o: &mut String, (x1, y1): (f64, f64), (x2, y2): (f64, f64), attrs: &str) {
    let [x1, y1, x2, y2] = [x1, y1, x2, y2].map(c);
    put!(o, r#"<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"{attrs}/>"#);
}

fn text(o: &mut String, (x, y): (f64, f64), attrs: &str, content: &str) {
    put!(o, r#"<text x="{}" y="{}"{attrs}>{}</text>"#, c(x), c(y), esc(content));
}

fn shape(o: &mut String, kind: usize, (x, y): (f64, f64), big: bool) {
    let (x, y, d, scale) = (
        c(x),
        c(y),
        SHAPES[kind % SHAPES.len()],
        if big { " scale(1.25)" } else { "" },
    );
    put!(o, r#"<path transform="translate({x} {y}){scale}" d="{d}"/>"#);
}

/// A label next to a marker, on the side facing the middle of the plot.
fn note(o: &mut String, (x, y): (f64, f64), content: &str, mid: f64) {
    if !content.is_empty() {
        let (x, anchor) = if x > mid { (x - 9.0, "end") } else { (x + 9.0, "start") };
        let attrs = format!(r#" text-anchor="{anchor}""#);
        text(o, (x, (y - 8.0).max(12.0)), &attrs, content);
    }
}

/// A coordinate rounded to one decimal, without a trailing ".0" or a "-0".
fn c(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0 + 0.0;
    if r.is_finite() {
        r.to_string()
    } else {
        "0".into()
    }
}

fn day(d: NaiveDate) -> f64 {
    f64::from(d.num_days_from_ce())
}

fn date_of(day: f64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day as i32)
}

fn year_of(day: f64) -> i32 {
    date_of(day).map_or(0, |d| d.year())
}

/// The day number of a month and day in `year`.
fn on(year: i32, (month, day_of_month): (u32, u32)) -> f64 {
    NaiveDate::from_ymd_opt(year, month, day_of_month).map_or(f64::from(year) * 365.2425, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, 1, 1).unwrap()
    }

    fn chart<'a>(points: &'a [(NaiveDate, f64)], count: usize) -> Chart<'a> {
        Chart {
            id: "indicator-1",
            title: "Työllisyysaste",
            description: "Viimeisin 72,1 % vuonna 2021",
            unit: "%",
            decimals: 1,
            lines: (0..count).map(|_| Line { label: "Espoo", points }).collect(),
            markers: vec![],
            forecast: None,
            forecast_label: "",
            decimal_separator: ',',
        }
    }

    /// Renders, checks well-formedness (balanced tags, quoted attributes, known entities, one root) and returns
    /// the SVG with the texts of its y axis.
    fn checked(chart: &Chart) -> (String, Vec<String>) {
        let svg = render(chart);
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>") && !svg.contains("NaN") && !svg.contains("inf"));
        for (i, _) in svg.match_indices('&') {
            let ok = ["amp;", "lt;", "gt;", "quot;", "apos;"]
                .iter()
                .any(|e| svg[i + 1..].starts_with(e));
            assert!(ok, "bare & at {i}");
        }
        let (mut stack, mut rest) = (Vec::new(), svg.as_str());
        while let Some(start) = rest.find('<') {
            assert!(!rest[..start].contains('>'), "stray > in text");
            let end = start + rest[start..].find('>').expect("unclosed tag");
            let tag = &rest[start + 1..end];
            assert!(!tag.contains('<') && tag.matches('"').count() % 2 == 0, "bad tag {tag}");
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop(), Some(name), "mismatched close");
                assert!(!stack.is_empty() || end + 1 == rest.len(), "content after the root");
            } else if !tag.ends_with('/') {
                stack.push(tag.split_whitespace().next().unwrap());
            }
            rest = &rest[end + 1..];
        }
        assert!(stack.is_empty(), "unclosed {stack:?}");
        let texts = texts(&svg, "chart-axis-y");
        (svg, texts)
    }

    /// The texts in the first group with the given class.
    fn texts(svg: &str, class: &str) -> Vec<String> {
        let group = &svg[svg.find(class).unwrap()..];
        let group = &group[..group.find("</g>").unwrap()];
        group
            .split("<text ")
            .skip(1)
            .map(|t| t[t.find('>').unwrap() + 1..t.find('<').unwrap()].into())
            .collect()
    }

    #[test]
    fn escapes_hostile_labels() {
        let evil = "</text><script>alert(1)</script>&\"'\u{1}";
        assert_eq!(
            esc(evil),
            "&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&apos;"
        );
        let pts = [(d(2020), 1.0), (d(2021), 2.0)];
        let mut ch = chart(&pts, 1);
        (ch.title, ch.description, ch.id, ch.unit, ch.forecast_label) = (evil, evil, evil, evil, evil);
        ch.lines[0].label = evil;
        ch.markers = vec![Marker {
            label: evil,
            date: d(2021),
            value: 3.0,
        }];
        ch.forecast = Some((d(2023), 4.0, 3.0, 5.0));
        let (svg, _) = checked(&ch);
        assert!(!svg.contains("<script") && svg.contains("&lt;script&gt;"));
    }

    #[test]
    fn accessible_frame_without_styles() {
        let pts = [(d(2020), 70.0), (d(2021), 72.1)];
        let (svg, _) = checked(&chart(&pts, 1));
        let start = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 320" role="img" "#;
        assert!(svg.starts_with(start), "{svg}");
        assert!(svg.contains(r#" aria-labelledby="indicator-1-title indicator-1-desc" class="chart""#));
        let names = r#"><title id="indicator-1-title">Työllisyysaste</title><desc id="indicator-1-desc">Viimeisin"#;
        assert!(svg.contains(names));
        assert!(!svg.contains("style") && !svg.contains(" width=") && !svg.contains(" height="));
        assert!(svg.contains(r#"class="chart-line chart-line-0""#) && svg.contains(">Espoo</text>"));
        assert_eq!(svg, render(&chart(&pts, 1)), "deterministic");
    }

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

    #[test]
    fn numbers_are_localised() {
        assert_eq!(fmt_num(300_000.0, 0, ',', ""), "300\u{a0}000");
        assert_eq!(fmt_num(-1234.56, 1, ',', "€"), "\u{2212}1\u{a0}234,6\u{a0}€");
        assert_eq!(fmt_num(-0.01, 1, '.', ""), "0.0");
        let pts = [(d(2020), 0.5), (d(2021), 0.75)];
        let (_, labels) = checked(&chart(&pts, 1));
        assert!(
            labels.iter().any(|l| l.contains(',') && l.ends_with("\u{a0}%")),
            "{labels:?}"
        );
    }

    #[test]
    fn empty_single_equal_and_negative() {
        let (svg, labels) = checked(&chart(&[], 0));
        assert!(labels.len() >= 2 && !svg.contains("chart-series") && !svg.contains("chart-legend"));
        checked(&chart(&[], 1));
        let (svg, _) = checked(&chart(&[(d(2021), 42.0)], 1));
        assert!(!svg.contains("<polyline") && svg.contains("<path") && svg.contains(">2021</text>"));
        let (_, labels) = checked(&chart(&[(d(2019), 5.0), (d(2020), 5.0), (d(2021), 5.0)], 1));
        assert!(labels.len() >= 2);
        checked(&chart(&[(d(2020), 0.0), (d(2020), 0.0)], 1));
        let (_, labels) = checked(&chart(&[(d(2019), -12.5), (d(2020), 3.0), (d(2021), f64::NAN)], 1));
        assert!(labels.iter().any(|l| l.starts_with('\u{2212}')), "{labels:?}");
        checked(&chart(&[(NaiveDate::MIN, -1e300), (NaiveDate::MAX, 1e300)], 1));
    }

    #[test]
    fn huge_ranges_many_years_markers_forecast_many_lines_and_contrast() {
        let pts: Vec<_> = (1980..2021).map(|y| (d(y), f64::from(y - 1980) * 2.5e7)).collect();
        let mut ch = chart(&pts, 10);
        ch.markers = vec![Marker {
            label: "Tavoite",
            date: d(2030),
            value: 1.2e9,
        }];
        (ch.forecast, ch.forecast_label) = (Some((d(2025), 1.1e9, 1.0e9, 1.3e9)), "Ennuste 2025");
        let (svg, labels) = checked(&ch);
        assert!(svg.contains("chart-series-7") && !svg.contains("chart-series-8"));
        assert!(svg.contains("chart-forecast-interval") && svg.contains(">Ennuste 2025</text>"));
        assert!(svg.contains(">Tavoite</text>") && svg.contains("chart-markers"));
        let years = texts(&svg, "chart-axis-x");
        assert!((4..=12).contains(&years.len()) && years.iter().all(|y| y.parse::<i32>().unwrap() % 5 == 0));
        assert!(
            (4..=6).contains(&labels.len()) && labels.iter().any(|l| l.contains("000\u{a0}000")),
            "{labels:?}"
        );
        // Every colour but white fills and the decorative grid needs 3:1 (graphics); these even reach 4.5:1 (text).
        for hex in svg
            .split("=\"#")
            .skip(1)
            .map(|s| &s[..6])
            .filter(|h| !["ffffff", "d9d9d9"].contains(h))
        {
            let channel = |i: usize| {
                let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
                ((v + 0.055) / 1.055).powf(2.4).max(v / 12.92) // never below the sRGB curve: conservative
            };
            let luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
            assert!(1.05 / (luminance + 0.05) >= 4.5, "#{hex}");
        }
    }

    #[test]
    fn downsamples_large_series() {
        let pts: Vec<_> = (0..100_000)
            .map(|i| (d(1900) + chrono::Days::new(i), (i % 97) as f64))
            .collect();
        let (svg, _) = checked(&chart(&pts, 2));
        assert!(svg.len() < 100_000, "{} bytes", svg.len());
        let points = svg.split(r#"points=""#).nth(1).unwrap().split('"').next().unwrap();
        assert!(points.split(' ').count() <= 2 * BUCKETS + 2);
    }
}
