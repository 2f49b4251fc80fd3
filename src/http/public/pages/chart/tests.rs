//! The chart drawings: well-formed, accessible, deterministic, and readable in both layouts.

use super::*;
use crate::http::public::pages::chart_scale::{fmt_num, BUCKETS};

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
        projections: vec![],
        projection_from: None,
        forecast: None,
        forecast_label: "",
        decimal_separator: ',',
    }
}

/// Renders, checks well-formedness (balanced tags, quoted attributes, known entities, one root) and returns
/// the SVG with the texts of its y axis.
fn checked(chart: &Chart) -> (String, Vec<String>) {
    checked_in(chart, Layout::WIDE)
}

fn checked_in(chart: &Chart, layout: Layout) -> (String, Vec<String>) {
    let svg = render(chart, layout);
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
    assert!(svg.contains(r#" aria-labelledby="indicator-1-title indicator-1-desc" class="chart chart-wide""#));
    let names = r#"><title id="indicator-1-title">Työllisyysaste</title><desc id="indicator-1-desc">Viimeisin"#;
    assert!(svg.contains(names));
    assert!(!svg.contains("style") && !svg.contains(" width=") && !svg.contains(" height="));
    assert!(svg.contains(r#"class="chart-line chart-line-0""#) && svg.contains(">Espoo</text>"));
    assert_eq!(svg, render(&chart(&pts, 1), Layout::WIDE), "deterministic");
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

/// The font size of every text group, and the x extent each label may reach, by a rough width estimate.
fn fonts(svg: &str) -> Vec<f64> {
    svg.split(r#"font-size=""#)
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect()
}

#[test]
fn both_layouts_keep_their_text_size_and_unique_ids() {
    let pts: Vec<_> = (2017..2031)
        .map(|y| (d(y), 280_000.0 + f64::from(y - 2017) * 4500.0))
        .collect();
    let mut ch = chart(&pts, 3);
    ch.markers = vec![Marker {
        label: "Lähtötaso noin 280 000 asukasta",
        date: d(2017),
        value: 280_000.0,
    }];
    let both = render_both(&ch);
    let (wide, _) = checked_in(&ch, Layout::WIDE);
    let (narrow, _) = checked_in(&ch, Layout::NARROW);
    assert_eq!(both, wide.clone() + &narrow);
    assert!(wide.contains(r#"viewBox="0 0 640 320""#) && wide.contains(r#"id="indicator-1-title""#));
    assert!(narrow.contains(r#"viewBox="0 0 320 340""#) && narrow.contains(r#"id="indicator-1-narrow-title""#));
    assert!(narrow.contains(r#"class="chart chart-narrow""#));
    assert!(fonts(&wide).iter().all(|f| *f == 13.0), "{:?}", fonts(&wide));
    assert!(fonts(&narrow).iter().all(|f| *f == 15.0), "{:?}", fonts(&narrow));
    // Few enough year labels for the narrow width, and the marker's label inside the drawing.
    assert!(texts(&narrow, "chart-axis-x").len() <= 5);
    let label = narrow.split(r#"<g class="chart-labels""#).nth(1).unwrap();
    let x: f64 = label
        .split(r#"<text x=""#)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let width = Layout::NARROW.text_width("Lähtötaso noin 280 000 asukasta".chars().count());
    assert!(
        label.contains(r#"text-anchor="start""#) && x >= 4.0 && x + width <= 316.0,
        "{x} + {width}"
    );
}

#[test]
fn projections_are_a_dotted_path_of_hollow_circles_never_a_target() {
    let pts = [(d(2018), 284_000.0), (d(2020), 293_000.0)];
    let mut ch = chart(&pts, 1);
    ch.projections = vec![Marker {
        label: "Arvio 300 000",
        date: d(2022),
        value: 300_000.0,
    }];
    ch.projection_from = Some((d(2017), 280_000.0));
    let (svg, _) = checked(&ch);
    let group = &svg[svg.find("chart-projections").unwrap()..];
    let group = &group[..group.find("</g>").unwrap()];
    assert!(group.contains(r#"stroke-dasharray="2 4""#) && group.contains(SHAPES[PROJECTION_SHAPE]));
    assert_eq!(
        group
            .split(r#"points=""#)
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .split(' ')
            .count(),
        2
    );
    assert!(svg.contains(">Arvio 300 000</text>") && !svg.contains("chart-markers"));
    ch.projection_from = None;
    let (svg, _) = checked(&ch);
    assert!(
        !svg.contains("chart-projection-line") && svg.contains("chart-projections"),
        "one point, no path"
    );
}
