//! Indicator charts as accessible inline SVG.
//!
//! Hand-written rather than drawn with the `plotters` crate: we need `role="img"` with a `<title>` and `<desc>`
//! referenced by `aria-labelledby`, real `<text>` elements carrying our own localised number formatting, a point
//! shape and dash pattern per line (so colour is never the only cue), no inline styles (CSP `style-src 'self'`)
//! and no font machinery. The output is a pure, deterministic function of the input.
//!
//! An SVG scales with its box, text included, so one drawing cannot keep its text at least 12 CSS px from a
//! 320 px phone to a desktop. Each chart is therefore drawn in two [`Layout`]s: a wide one shown from
//! 42rem (672 px) up and never narrower than its 640 units (so its 13-unit text is at least 13 px), and a narrow
//! one for phones, 320 units wide with 15-unit text and never narrower than 17rem (272 px), so its text is at
//! least 12.75 px at 320 px. The stylesheet (`.chart-wide`, `.chart-narrow`) picks one; the data table next to
//! the chart carries the same figures for anyone the drawing does not serve.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use super::chart_scale::{c, date_of, day, downsample, esc, extent, finite, fmt_num, nice_ticks, on, padded, year_of};

/// One line of the chart (a region's series). Points are sorted by date.
pub struct Line<'a> {
    pub label: &'a str,
    pub points: &'a [(NaiveDate, f64)],
}

/// A labelled reference point drawn as a marker: baseline, milestone, target or projection.
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
    /// The source's estimates (not targets), drawn as a dotted path from `projection_from` through each of
    /// them, with hollow circles: visibly neither a measured value nor a goal.
    pub projections: Vec<Marker<'a>>,
    /// Where the dotted path of the projections starts (the baseline or the first value).
    pub projection_from: Option<(NaiveDate, f64)>,
    /// Optional forecast (date, value, low, high): a dashed line from the last point of the first line to (date,
    /// value), with a low–high interval bar at that date.
    pub forecast: Option<(NaiveDate, f64, f64, f64)>,
    pub forecast_label: &'a str,
    /// ',' for fi/sv, '.' for en.
    pub decimal_separator: char,
}

/// The size of one drawing of a chart, in SVG units, and what fits in it.
#[derive(Debug, Clone, Copy)]
struct Layout {
    /// `chart-wide` or `chart-narrow`: the stylesheet shows one of them.
    class: &'static str,
    /// Appended to the chart's id, so both drawings on one page have unique element ids.
    id_suffix: &'static str,
    width: f64,
    height: f64,
    font: f64,
    legend_columns: usize,
    /// At most this many year labels on the x axis.
    max_years: i32,
}

impl Layout {
    const WIDE: Layout = Layout {
        class: "chart-wide",
        id_suffix: "",
        width: 640.0,
        height: 320.0,
        font: 13.0,
        legend_columns: 2,
        max_years: 12,
    };
    const NARROW: Layout = Layout {
        class: "chart-narrow",
        id_suffix: "-narrow",
        width: 320.0,
        height: 340.0,
        font: 15.0,
        legend_columns: 1,
        max_years: 5,
    };

    /// Roughly how wide `chars` characters of chart text are, in SVG units.
    fn text_width(self, chars: usize) -> f64 {
        chars as f64 * self.font * 0.58
    }

    fn line_height(self) -> f64 {
        self.font * 1.5
    }
}

/// Both drawings of a chart, wide first.
pub fn render_both(chart: &Chart) -> String {
    render(chart, Layout::WIDE) + &render(chart, Layout::NARROW)
}

const MAX_LINES: usize = 8;
/// Lines with more points get a shape only at their last point.
const SHAPES_UP_TO: usize = 60;
const AXIS_COLOUR: &str = r##" fill="#595959""##;
const FORECAST: &str = r##"<g class="chart-forecast" fill="none" stroke="#1a5fb4" stroke-width="2">"##;
const MARKERS: &str = r##"<g class="chart-markers" fill="#ffffff" stroke="#1f1f1f" stroke-width="2">"##;
const PROJECTIONS: &str = r##"<g class="chart-projections" fill="#ffffff" stroke="#3d3d3d" stroke-width="2">"##;
const MIDDLE: &str = r#" stroke="none" text-anchor="middle""#;
const LEGEND_TEXT: &str = r##" fill="#333333" stroke="none""##;
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
/// Projections are hollow circles on a dotted path.
const PROJECTION_SHAPE: usize = 0;

macro_rules! put {
    ($o:expr, $($t:tt)*) => {
        let _ = write!($o, $($t)*);
    };
}

fn render(chart: &Chart, layout: Layout) -> String {
    let (w, h, font) = (layout.width, layout.height, layout.font);
    let series: Vec<Vec<(f64, f64)>> = chart.lines.iter().take(MAX_LINES).map(|l| finite(l.points)).collect();
    let markers: Vec<&Marker> = chart.markers.iter().filter(|m| m.value.is_finite()).collect();
    let projections: Vec<&Marker> = chart.projections.iter().filter(|m| m.value.is_finite()).collect();
    let projection_from = chart
        .projection_from
        .filter(|p| p.1.is_finite() && !projections.is_empty());
    let forecast = chart.forecast.filter(|f| [f.1, f.2, f.3].iter().all(|v| v.is_finite()));
    let mut extra: Vec<(f64, f64)> = markers
        .iter()
        .chain(&projections)
        .map(|m| (day(m.date), m.value))
        .collect();
    extra.extend(projection_from.map(|(d, v)| (day(d), v)));
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

    let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(1);
    let (left, right, top) = ((layout.text_width(widest) + 14.0).clamp(40.0, w / 4.0), w - 16.0, 16.0);
    let legend_rows = series.len().div_ceil(layout.legend_columns) as f64;
    let bottom = h - font * 2.5 - legend_rows * layout.line_height();
    let sx = |d: f64| left + (d - x0) / (x1 - x0) * (right - left);
    let sy = |v: f64| bottom - (v - y_lo) / (y_hi - y_lo) * (bottom - top);
    let notes = Notes {
        layout,
        mid: (left + right) / 2.0,
    };

    let id = esc(&format!("{}{}", chart.id, layout.id_suffix));
    let mut o = String::with_capacity(8192);
    put!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img""#
    );
    put!(
        o,
        r#" aria-labelledby="{id}-title {id}-desc" class="chart {}""#,
        layout.class
    );
    o.push_str(r#" preserveAspectRatio="xMidYMid meet">"#);
    put!(o, r#"<title id="{id}-title">{}</title>"#, esc(chart.title));
    put!(o, r#"<desc id="{id}-desc">{}</desc>"#, esc(chart.description));
    o.push_str(r##"<g class="chart-grid" stroke="#d9d9d9" stroke-width="1">"##);
    for &t in &ticks {
        line(&mut o, (left, sy(t)), (right, sy(t)), "");
    }
    put!(
        o,
        r#"</g><g class="chart-axis chart-axis-y"{AXIS_COLOUR} font-size="{font}" text-anchor="end">"#
    );
    for (&t, label) in ticks.iter().zip(&labels) {
        text(&mut o, (left - 6.0, sy(t) + font / 3.0), "", label);
    }
    put!(
        o,
        r##"</g><g class="chart-axis chart-axis-x"{AXIS_COLOUR} stroke="#595959" font-size="{font}">"##
    );
    line(&mut o, (left, bottom), (right, bottom), "");
    if let Some((first, last)) = years {
        let n = last - first + 1;
        let steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
        let most = layout.max_years;
        let step = steps
            .into_iter()
            .find(|s| (n + s - 1) / s <= most)
            .unwrap_or(n / most + 1);
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
            text(&mut o, ((a + b) / 2.0, bottom + 5.0 + font), MIDDLE, &year.to_string());
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

    let mut labels_out = String::new();
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
        notes.add(&mut labels_out, (fx, yh), chart.forecast_label);
    }
    if !projections.is_empty() {
        o.push_str(PROJECTIONS);
        let mut path: Vec<(f64, f64)> = projection_from.map(|(d, v)| (sx(day(d)), sy(v))).into_iter().collect();
        path.extend(projections.iter().map(|p| (sx(day(p.date)), sy(p.value))));
        path.sort_by(|a, b| a.0.total_cmp(&b.0));
        if path.len() > 1 {
            o.push_str(r#"<polyline class="chart-projection-line" fill="none" stroke-dasharray="2 4" points=""#);
            for (k, &(x, y)) in path.iter().enumerate() {
                put!(o, "{}{},{}", if k == 0 { "" } else { " " }, c(x), c(y));
            }
            o.push_str(r#""/>"#);
        }
        for p in &projections {
            let at = (sx(day(p.date)), sy(p.value));
            shape(&mut o, PROJECTION_SHAPE, at, true);
            notes.add(&mut labels_out, at, p.label);
        }
        o.push_str("</g>");
    }
    if !markers.is_empty() {
        o.push_str(MARKERS);
        for (j, m) in markers.iter().enumerate() {
            let at = (sx(day(m.date)), sy(m.value));
            shape(&mut o, MARKER_SHAPES[j % MARKER_SHAPES.len()], at, true);
            notes.add(&mut labels_out, at, m.label);
        }
        o.push_str("</g>");
    }
    if !labels_out.is_empty() {
        // Labels get a white halo so they stay readable where they cross a line.
        put!(o, r##"<g class="chart-labels" fill="#333333" font-size="{font}""##);
        put!(
            o,
            r##" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">{labels_out}</g>"##
        );
    }

    if !series.is_empty() {
        put!(o, r#"<g class="chart-legend" font-size="{font}">"#);
        let column_width = (w - 12.0) / layout.legend_columns as f64;
        let room = ((column_width - 44.0) / layout.text_width(1)).floor().max(4.0) as usize;
        for (i, l) in chart.lines.iter().take(MAX_LINES).enumerate() {
            let (column, row) = (i % layout.legend_columns, i / layout.legend_columns);
            let (x, y) = (
                12.0 + column as f64 * column_width,
                bottom + font * 2.5 + row as f64 * layout.line_height(),
            );
            group(&mut o, "chart-legend-item", i);
            let sample = format!(r#" stroke-width="2" stroke-dasharray="{}""#, DASHES[i]);
            line(&mut o, (x, y - font / 3.0), (x + 28.0, y - font / 3.0), &sample);
            shape(&mut o, i, (x + 14.0, y - font / 3.0), false);
            text(&mut o, (x + 36.0, y), LEGEND_TEXT, &shortened(l.label, room));
            o.push_str("</g>");
        }
        o.push_str("</g>");
    }
    o.push_str("</svg>");
    o
}

/// At most `room` characters, the last an ellipsis when cut.
fn shortened(label: &str, room: usize) -> String {
    if label.chars().count() <= room {
        return label.to_owned();
    }
    let mut cut: String = label.chars().take(room.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Labels next to markers, kept inside the drawing.
struct Notes {
    layout: Layout,
    mid: f64,
}

impl Notes {
    /// A label on the side of its marker that faces the middle of the plot, moved back inside the drawing
    /// when it would run off an edge (the narrow layout has little room).
    fn add(&self, o: &mut String, (x, y): (f64, f64), content: &str) {
        if content.is_empty() {
            return;
        }
        let width = self.layout.text_width(content.chars().count());
        let (edge, room) = (4.0, self.layout.width - 8.0);
        let (x, anchor) = if x > self.mid {
            ((x - 9.0).clamp(edge + width.min(room), self.layout.width - edge), "end")
        } else {
            (
                (x + 9.0).clamp(edge, (self.layout.width - edge - width).max(edge)),
                "start",
            )
        };
        let attrs = format!(r#" text-anchor="{anchor}""#);
        text(o, (x, (y - 8.0).max(self.layout.font)), &attrs, content);
    }
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

#[cfg(test)]
mod tests;
