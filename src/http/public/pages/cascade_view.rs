//! What the cascade pages show: indicators with their charts and tables, the situational picture, the budget
//! annex, and the targets and indicators on a goal's page. Statuses and forecasts are derived here on render
//! (see `domain::situation`); the rendered page is cached until the data changes.

use serde_json::json;

use super::indicator_view::indicator_body;
use super::parts::{date, indicator_row, status_key, status_view, with_unit, CascadePage, IndicatorRow, Resolver};
use super::templates::Templates;
use crate::domain::cascade::Cascade;
use crate::domain::indicator::Status;
use crate::domain::situation;
use crate::domain::{Goal, Strategy};
use crate::http::routes::{indicator_page, Page};
use crate::store::connectors::LastChecks;

/// Indicators on one page of the list: a large city's few hundred fit on one (about 150 kB), while tens of
/// thousands come in pages that load quickly.
const INDICATORS_PER_PAGE: usize = 500;

/// The address of page `number` of the indicator list.
fn list_page(number: usize) -> Page {
    match u32::try_from(number) {
        Ok(n) if n > 1 => Page::IndicatorsPage(n),
        _ => Page::Indicators,
    }
}

/// Page `number` of the indicator list (1 is the first); `None` past the last page.
fn indicator_list(r: &Resolver, t: &Templates, cascade: &Cascade, number: u32) -> Option<CascadePage> {
    let lang = r.lang;
    let pages = cascade.indicators.len().div_ceil(INDICATORS_PER_PAGE).max(1);
    let current = usize::try_from(number).ok().filter(|n| (1..=pages).contains(n))?;
    let rows: Vec<IndicatorRow> = cascade
        .indicators
        .iter()
        .skip((current - 1) * INDICATORS_PER_PAGE)
        .take(INDICATORS_PER_PAGE)
        .map(|i| indicator_row(r, t, situation::judge(i)))
        .collect();
    let mut title = t.message(lang, "indicators-title");
    let pagination = (pages > 1).then(|| {
        title = t.message_with(lang, "indicators-title-page", &[("page", current), ("pages", pages)]);
        json!({
            "previous": (current > 1).then(|| list_page(current - 1).path(lang)),
            "next": (current < pages).then(|| list_page(current + 1).path(lang)),
            "pages": (1..=pages)
                .map(|n| json!({ "number": n, "href": list_page(n).path(lang), "current": n == current }))
                .collect::<Vec<_>>(),
        })
    });
    Some(CascadePage {
        template: "indicators.html",
        title: title.clone(),
        description: t.message(lang, "indicators-description"),
        trail: if current > 1 {
            vec![(t.message(lang, "indicators-title"), Page::Indicators)]
        } else {
            vec![]
        },
        body: json!({
            "heading": title,
            "indicators": rows,
            "pagination": pagination,
            "situation_href": Page::Situation.path(lang),
        }),
    })
}

pub(super) fn render(
    r: &Resolver,
    t: &Templates,
    strategy: &Strategy,
    cascade: &Cascade,
    checked: &LastChecks,
    page: &Page,
) -> Option<CascadePage> {
    let lang = r.lang;
    match page {
        Page::Indicators => indicator_list(r, t, cascade, 1),
        Page::IndicatorsPage(number) => indicator_list(r, t, cascade, *number),
        Page::Indicator(key) => {
            let indicator = cascade
                .indicators
                .iter()
                .find(|i| indicator_page(i) == Page::Indicator(key.clone()))?;
            Some(indicator_body(r, t, strategy, cascade, checked, indicator))
        }
        Page::Situation => Some(situation_body(r, t, strategy, cascade)),
        Page::Annexes => {
            let years = cascade.years();
            Some(CascadePage {
                template: "annexes.html",
                title: t.message(lang, "annex-index-title"),
                description: t.message(lang, "annex-description"),
                trail: vec![(t.message(lang, "situation-title"), Page::Situation)],
                body: json!({ "years": years.iter().rev().map(|y| json!({"year": y, "href": Page::Annex(*y).path(lang)})).collect::<Vec<_>>() }),
            })
        }
        Page::Annex(year) => {
            if !cascade.years().contains(year) {
                return None;
            }
            Some(super::annex::annex_body(r, t, strategy, cascade, *year))
        }
        _ => None,
    }
}

/// The targets and indicators shown on a goal's page.
pub(super) fn goal_cascade(r: &Resolver, cascade: &Cascade, goal: &Goal) -> serde_json::Value {
    let t_status = |status: Status| json!({ "key": status_key(status) });
    let picture = situation::goal_picture(cascade, goal);
    let indicators: Vec<serde_json::Value> = picture
        .indicators
        .iter()
        .filter_map(|(id, _)| cascade.indicator(*id))
        .map(|i| {
            let judged = situation::judge(i);
            json!({
                "href": indicator_page(i).path(r.lang),
                "name": r.loc(&i.name),
                "status": t_status(judged.status),
                "latest": judged.latest.map(|m| with_unit(m.value, i, r)),
                "example": judged.latest.is_some_and(|m| m.provenance.example),
            })
        })
        .collect();
    let targets: Vec<serde_json::Value> = cascade
        .targets
        .iter()
        .rev()
        .filter(|g| g.goals.contains(&goal.id))
        .map(|g| {
            let org = cascade
                .organisation(&g.organisation)
                .map_or_else(|| g.organisation.to_string(), |o| r.plain(&o.name));
            json!({
                "year": g.year,
                "title": r.loc(&g.title),
                "organisation": org,
                "binding": g.binding,
                "example": g.example,
                "annex_href": Page::Annex(g.year).path(r.lang),
                "grade_key": g.assessment.as_ref().map(|a| format!("grade-{}", a.grade.as_str())),
            })
        })
        .collect();
    let actions: Vec<serde_json::Value> = goal
        .actions
        .iter()
        .map(|a| {
            let progress = cascade.progress_of(a.id);
            json!({
                "state_key": progress.map(|p| format!("action-state-{}", p.state.as_str())),
                "percent": progress.and_then(|p| p.percent),
                "as_of": progress.map(|p| date(p.as_of, r.lang)),
                "example": progress.is_some_and(|p| p.example),
                "note": progress.and_then(|p| p.note.as_ref()).map(|n| r.loc(n)),
            })
        })
        .collect();
    json!({
        "status": t_status(picture.status),
        "indicators": indicators,
        "targets": targets,
        "actions": actions,
        "reported_actions": picture.reported_actions,
        "situation_href": Page::Situation.path(r.lang),
    })
}

fn situation_body(r: &Resolver, t: &Templates, strategy: &Strategy, cascade: &Cascade) -> CascadePage {
    let lang = r.lang;
    let picture = situation::picture(strategy, cascade);
    let mut counts = [0usize; 4];
    let areas: Vec<serde_json::Value> = strategy
        .areas
        .iter()
        .zip(&picture)
        .map(|(area, p)| {
            json!({
                "name": r.loc(&area.name),
                "href": Page::Area(area.slug.to_string()).path(lang),
                "status": status_view(p.status, t, lang),
                "goals": area.goals.iter().zip(&p.goals).map(|(goal, gp)| {
                    counts[gp.status as usize] += 1;
                    json!({
                        "id": goal.id.get(),
                        "href": Page::Goal(goal.slug.to_string()).path(lang),
                        "title": r.loc(&goal.title),
                        "status": status_view(gp.status, t, lang),
                        "indicators": gp.indicators.len(),
                        "reported_actions": gp.reported_actions,
                        "actions": gp.actions,
                    })
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    let summary: Vec<serde_json::Value> = [Status::OnTrack, Status::AtRisk, Status::OffTrack, Status::NoData]
        .into_iter()
        .map(|s| json!({ "status": status_view(s, t, lang), "count": counts[s as usize] }))
        .collect();
    let years = cascade.years();
    CascadePage {
        template: "situation.html",
        title: t.message(lang, "situation-title"),
        description: t.message(lang, "situation-description"),
        trail: vec![],
        body: json!({
            "areas": areas,
            "summary": summary,
            "council_term": strategy.council_term,
            "indicators_href": Page::Indicators.path(lang),
            "annex_href": years.last().map(|y| Page::Annex(*y).path(lang)),
        }),
    }
}
