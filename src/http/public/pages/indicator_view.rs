//! An indicator's page: its status, definition and reference values, the chart with its data table, the
//! regions compared, its targets and corrections.

use chrono::NaiveDate;
use serde_json::json;

use super::chart;
use super::parts::{date, excerpt, goal_link, status_view, target_view, with_unit, CascadePage, Resolver};
use super::templates::Templates;
use crate::domain::cascade::{Cascade, Indicator, Reference};
use crate::domain::indicator::Direction;
use crate::domain::situation;
use crate::domain::{Lang, Strategy};
use crate::http::routes::Page;
use crate::store::connectors::LastChecks;

/// Rows of an indicator's data table on its page; the rest is in the CSV download.
const TABLE_ROWS: usize = 100;

/// A reference figure as written out, "noin 280 000 asukasta" when the source gives it only roughly.
fn figure(r: &Resolver, t: &Templates, indicator: &Indicator, reference: &Reference) -> String {
    let value = with_unit(reference.value, indicator, r);
    if reference.approximate {
        format!("{} {value}", t.message(r.lang, "reference-approximate"))
    } else {
        value
    }
}

fn reference(r: &Resolver, t: &Templates, indicator: &Indicator, reference: &Reference) -> serde_json::Value {
    json!({
        "value": figure(r, t, indicator, reference),
        "date": date(reference.date, r.lang),
        "iso": reference.date.to_string(),
        "basis": r.loc(&reference.basis),
        "example": reference.example,
        "date_assumed": reference.date_assumed,
    })
}

fn as_markers(texts: &[(String, NaiveDate, f64)]) -> Vec<chart::Marker<'_>> {
    texts
        .iter()
        .map(|(label, date, value)| chart::Marker {
            label,
            date: *date,
            value: *value,
        })
        .collect()
}

pub(super) fn indicator_body(
    r: &Resolver,
    t: &Templates,
    strategy: &Strategy,
    cascade: &Cascade,
    checked: &LastChecks,
    indicator: &Indicator,
) -> CascadePage {
    let lang = r.lang;
    let judged = situation::judge(indicator);
    let forecast = situation::forecast(indicator);
    let name = r.plain(&indicator.name);
    let region_name = |slug: &crate::domain::Slug| {
        cascade
            .region(slug)
            .map_or_else(|| slug.to_string(), |reg| r.plain(&reg.name))
    };
    let headline = indicator.headline_series();

    let points: Vec<(String, Vec<(NaiveDate, f64)>)> = indicator
        .series
        .iter()
        .take(8)
        .map(|s| {
            (
                region_name(&s.region),
                s.values.iter().map(|m| (m.date, m.value)).collect(),
            )
        })
        .collect();
    let label = |key: &str, reference: &Reference| {
        let text = format!("{} {}", t.message(lang, key), figure(r, t, indicator, reference));
        (text, reference.date, reference.value)
    };
    let marker_texts: Vec<(String, NaiveDate, f64)> = indicator
        .baseline
        .iter()
        .map(|b| label("chart-baseline", b))
        .chain(indicator.milestones.iter().map(|m| label("chart-milestone", m)))
        .chain(indicator.target.iter().map(|g| label("chart-target", g)))
        .collect();
    let projection_texts: Vec<(String, NaiveDate, f64)> = indicator
        .projections
        .iter()
        .map(|p| label("chart-projection", p))
        .collect();
    // A projection is drawn from the baseline (or the first value) it was made from.
    let projection_from = indicator
        .baseline
        .as_ref()
        .map(|b| (b.date, b.value))
        .or_else(|| headline.and_then(|s| s.values.first()).map(|m| (m.date, m.value)));
    let status_text = status_view(judged.status, t, lang);
    let forecast_label = t.message(lang, "chart-forecast");
    let description = match (judged.latest, &forecast) {
        (Some(latest), _) => format!(
            "{}: {} ({}). {}: {}.",
            t.message(lang, "indicator-latest"),
            with_unit(latest.value, indicator, r),
            date(latest.date, lang),
            t.message(lang, "status-heading"),
            status_text.label
        ),
        (None, _) => t.message(lang, "indicator-no-values"),
    };
    let unit = r.plain(&indicator.unit);
    let svg = chart::render_both(&chart::Chart {
        id: &format!("indicator-{}", indicator.id),
        title: &name,
        description: &description,
        unit: &unit,
        decimals: indicator.decimals,
        lines: points
            .iter()
            .map(|(label, p)| chart::Line { label, points: p })
            .collect(),
        markers: as_markers(&marker_texts),
        projections: as_markers(&projection_texts),
        projection_from,
        forecast: forecast.map(|f| (f.date, f.value, f.low, f.high)),
        forecast_label: &forecast_label,
        decimal_separator: if lang == Lang::En { '.' } else { ',' },
    });

    let table: Vec<serde_json::Value> = headline
        .map(|s| {
            s.values
                .iter()
                .rev()
                .take(TABLE_ROWS)
                .map(|m| {
                    json!({
                        "date": date(m.date, lang),
                        "iso": m.date.to_string(),
                        "value": with_unit(m.value, indicator, r),
                        "source": r.loc(&m.provenance.source),
                        "example": m.provenance.example,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let regions: Vec<serde_json::Value> = indicator
        .regions
        .iter()
        .map(|slug| {
            let latest = indicator.series(slug).and_then(|s| s.values.last());
            json!({
                "name": region_name(slug),
                "latest": latest.map(|m| with_unit(m.value, indicator, r)),
                "date": latest.map(|m| date(m.date, lang)),
                "example": latest.is_some_and(|m| m.provenance.example),
                "status": status_view(situation::region_status(indicator, slug), t, lang),
            })
        })
        .collect();
    let corrections: Vec<serde_json::Value> = indicator
        .corrections
        .iter()
        .rev()
        .map(|c| {
            json!({
                "region": region_name(&c.region),
                "date": date(c.date, lang),
                "value": with_unit(c.value, indicator, r),
                "source": r.loc(&c.provenance.source),
                "replaced_at": c.replaced_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                "replaced_by": c.replaced_by,
            })
        })
        .collect();
    let targets: Vec<serde_json::Value> = cascade
        .targets
        .iter()
        .filter(|g| g.indicators.contains(&indicator.id))
        .map(|g| target_view(r, t, strategy, cascade, g))
        .collect();
    let direction_key = match indicator.direction {
        Direction::Increase => "direction-increase".to_owned(),
        Direction::Decrease => "direction-decrease".to_owned(),
        Direction::Band { .. } => "direction-band".to_owned(),
        Direction::Ceiling => "direction-ceiling".to_owned(),
    };
    let band = match indicator.direction {
        Direction::Band { low, high } => Some(format!(
            "{} – {}",
            with_unit(low, indicator, r),
            with_unit(high, indicator, r)
        )),
        _ => None,
    };
    let api = format!("/api/v1/indicators/{}", indicator.id);
    let body = json!({
        "name": r.loc(&indicator.name),
        "definition": r.paragraphs(&indicator.definition),
        "status": status_text,
        "latest": judged.latest.map(|m| json!({
            "value": with_unit(m.value, indicator, r),
            "date": date(m.date, lang),
            "example": m.provenance.example,
            "source": r.loc(&m.provenance.source),
        })),
        "forecast": forecast.map(|f| json!({
            "value": with_unit(f.value, indicator, r),
            "low": with_unit(f.low, indicator, r),
            "high": with_unit(f.high, indicator, r),
            "year": f.date.format("%Y").to_string(),
            "points": f.points,
        })),
        "target": indicator.target.as_ref().map(|g| reference(r, t, indicator, g)),
        "baseline": indicator.baseline.as_ref().map(|b| reference(r, t, indicator, b)),
        "milestones": indicator.milestones.iter().map(|m| reference(r, t, indicator, m)).collect::<Vec<_>>(),
        "projections": indicator.projections.iter().map(|p| reference(r, t, indicator, p)).collect::<Vec<_>>(),
        "unit": r.loc(&indicator.unit),
        "direction_key": direction_key,
        "band": band,
        "frequency_key": format!("frequency-{}", indicator.frequency.as_str()),
        "source": r.loc(&indicator.source),
        "connector": indicator.connector.as_ref().map(|c| json!({
            "name": c.name,
            "table": c.table,
            "checked": checked.get(&i64::from(indicator.id.get())).map(|at| format!(
                "{}, {} UTC",
                date(at.date_naive(), lang),
                at.format("%H:%M")
            )),
        })),
        "licence": indicator.licence.clone().unwrap_or_else(|| t.message(lang, "licence-not-stated")),
        "headline_region": indicator.regions.first().map(&region_name),
        "goals": indicator.goals.iter().filter_map(|g| goal_link(r, strategy, *g)).collect::<Vec<_>>(),
        "targets": targets,
        "chart": svg,
        "table": table,
        "table_total": headline.map_or(0, |s| s.values.len()),
        "table_limit": TABLE_ROWS,
        "regions": regions,
        "corrections": corrections,
        "has_examples": indicator.series.iter().any(|s| s.values.iter().any(|m| m.provenance.example))
            || indicator.baseline.iter().chain(&indicator.target).chain(&indicator.projections).any(|b| b.example),
        "downloads": {
            "csv": format!("{api}/values.csv"),
            "jsonstat": format!("{api}/jsonstat"),
            "json": api,
        },
        "indicators_href": Page::Indicators.path(lang),
    });
    CascadePage {
        template: "indicator.html",
        title: name,
        description: excerpt(&r.plain(&indicator.definition)),
        trail: vec![(t.message(lang, "indicators-title"), Page::Indicators)],
        body,
    }
}
