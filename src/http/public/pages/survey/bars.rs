//! A survey question's distribution as an accessible inline SVG bar chart: `role="img"` named by its title and
//! description, each bar's label above it and its count and share after it as real text, no inline styles
//! (the stylesheet colours `.survey-chart`). The data table beside it carries the same figures.

use std::fmt::Write;

use super::super::chart_scale::esc;

/// One bar: its label, count and share (already written as readers of the page's language write numbers).
pub(super) struct Bar<'a> {
    pub(super) label: &'a str,
    pub(super) count: i64,
    pub(super) share: &'a str,
}

const WIDTH: f64 = 320.0;
const ROW: f64 = 40.0;
const BAR_HEIGHT: f64 = 16.0;
/// Room after the longest bar for its count and share.
const TEXT_ROOM: f64 = 96.0;

/// Horizontal bars, longest for the largest count; `id` makes the element ids unique on the page.
pub(super) fn render(id: &str, title: &str, description: &str, bars: &[Bar<'_>]) -> String {
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let height = ROW * bars.len() as f64 + 8.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"survey-chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        esc(title),
        esc(description)
    );
    for (i, bar) in bars.iter().enumerate() {
        let top = ROW * i as f64;
        let length = (WIDTH - TEXT_ROOM) * bar.count as f64 / max;
        let _ = write!(
            svg,
            "<text class=\"label\" x=\"0\" y=\"{:.1}\">{}</text>\
             <rect class=\"bar\" x=\"0\" y=\"{:.1}\" width=\"{length:.1}\" height=\"{BAR_HEIGHT}\"/>\
             <text class=\"value\" x=\"{:.1}\" y=\"{:.1}\">{} ({})</text>",
            top + 14.0,
            esc(bar.label),
            top + 19.0,
            length + 4.0,
            top + 32.0,
            bar.count,
            esc(bar.share)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_escape_their_labels() {
        let svg = render(
            "q1",
            "Tyytyväisyys",
            "<script>",
            &[
                Bar {
                    label: "<b>1</b>",
                    count: 2,
                    share: "50 %",
                },
                Bar {
                    label: "5",
                    count: 4,
                    share: "100 %",
                },
            ],
        );
        assert!(svg.contains("width=\"112.0\""), "{svg}");
        assert!(svg.contains("width=\"224.0\""), "{svg}");
        assert!(svg.contains("&lt;b&gt;1&lt;/b&gt;") && svg.contains("&lt;script&gt;"));
        assert!(!svg.contains("<b>") && !svg.contains("style="));
    }
}
