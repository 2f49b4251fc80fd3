//! The public strategy versions: `/fi/versiot` lists the current version and every earlier approved one with
//! its decision, and `/fi/versiot/{label}` shows one of them whole on one page, so a link to the strategy as
//! the council approved it in some year keeps working after the next update. Drafts and versions under review
//! are not public and answer 404 like a label nobody used. Like the diff page these read the store, not the
//! snapshot (which holds the current version only).

use axum::http::HeaderMap;
use axum::response::Response;
use serde::Serialize;

use super::parts::{date, Loc, Resolver};
use super::view::{render_framed, Frame};
use crate::domain::{Lang, Strategy, VersionStatus, VersionSummary};
use crate::http::cache::{respond_once, PUBLIC_CACHE};
use crate::http::routes::Page;
use crate::http::{AppError, AppState};
use crate::store::Audience;

/// A version as the list shows it.
#[derive(Serialize)]
struct VersionRow {
    label: String,
    href: String,
    current: bool,
    approved_on: Option<String>,
    approved_on_iso: Option<String>,
    minutes_ref: Option<String>,
    lint_override_reason: Option<String>,
    /// What changed from this version to the current one; none for the current one itself.
    diff_href: Option<String>,
}

/// The public versions in approval order, and which of them is the current one (the last approved).
async fn public_versions(state: &AppState) -> Result<(Vec<VersionSummary>, Option<usize>), AppError> {
    let versions = state.store.versions(Audience::Public).await?;
    let current = versions.iter().rposition(|v| v.status == VersionStatus::Approved);
    Ok((versions, current))
}

fn row(lang: Lang, version: &VersionSummary, current: Option<&VersionSummary>) -> VersionRow {
    let is_current = current.is_some_and(|c| c.label == version.label);
    VersionRow {
        href: Page::Version(version.label.clone()).path(lang),
        current: is_current,
        approved_on: version.approved_on.map(|d| date(d, lang)),
        approved_on_iso: version.approved_on.map(|d| d.to_string()),
        minutes_ref: version.minutes_ref.clone(),
        lint_override_reason: version.lint_override_reason.clone(),
        diff_href: current.filter(|_| !is_current).map(|c| {
            Page::VersionDiff {
                from: version.label.clone(),
                to: c.label.clone(),
            }
            .path(lang)
        }),
        label: version.label.clone(),
    }
}

/// Answers `/{lang}/versiot` and `/{lang}/versiot/{label}`.
pub(super) async fn render(
    state: &AppState,
    lang: Lang,
    page: Page,
    headers: &HeaderMap,
) -> Result<Response, AppError> {
    let (versions, current) = public_versions(state).await?;
    let current = current.map(|i| &versions[i]);
    let r = Resolver::new(lang);
    let t = &state.templates;
    let site_name = r.plain(&state.snapshot().strategy.title);
    let html = match &page {
        Page::Version(label) => {
            let short: String = label.chars().take(40).collect();
            let no_version = || AppError::not_found("problem-detail-no-version", short.clone());
            let summary = versions.iter().find(|v| &v.label == label).ok_or_else(no_version)?;
            let strategy = state
                .store
                .strategy_version(label, Audience::Public)
                .await?
                .ok_or_else(no_version)?;
            let heading = format!(
                "{}: {} {label}",
                r.plain(&strategy.title),
                t.message(lang, "versions-version")
            );
            let frame = Frame {
                lang,
                page: &page,
                site_name: r.plain(&strategy.title),
                title: heading.clone(),
                description: r.plain(&strategy.vision),
                trail: vec![(t.message(lang, "versions-title"), Page::Versions)],
            };
            let mut body = VersionView::of(&r, &strategy, row(lang, summary, current), current);
            body.heading = heading;
            render_framed(t, &r, frame, "version.html", body)?
        }
        _ => {
            let frame = Frame {
                lang,
                page: &page,
                site_name,
                title: t.message(lang, "versions-title"),
                description: t.message(lang, "versions-description"),
                trail: vec![],
            };
            let rows: Vec<VersionRow> = versions.iter().rev().map(|v| row(lang, v, current)).collect();
            render_framed(t, &r, frame, "versions.html", serde_json::json!({ "versions": rows }))?
        }
    };
    let compresses = state.snapshot().cache.compresses();
    Ok(respond_once(
        html.into_bytes(),
        "text/html; charset=utf-8",
        headers,
        PUBLIC_CACHE,
        compresses,
    ))
}

/// One version's whole strategy, in the order the strategy tells it.
#[derive(Serialize)]
struct VersionView {
    heading: String,
    version: VersionRow,
    current_label: Option<String>,
    current_href: Option<String>,
    title: Loc,
    approved_by: Loc,
    council_term: String,
    vision: Loc,
    values: Vec<(Loc, Loc)>,
    headline_goals: Vec<Loc>,
    council_goals_intro: Vec<Loc>,
    areas: Vec<AreaView>,
    programmes_intro: Vec<Loc>,
    programmes: Vec<(Loc, Vec<Loc>)>,
    chapters: Vec<ChapterView>,
    timeline: Vec<(Loc, Loc)>,
}

#[derive(Serialize)]
struct AreaView {
    number: u32,
    name: Loc,
    aim: Vec<Loc>,
    goals: Vec<GoalView>,
}

#[derive(Serialize)]
struct GoalView {
    number: u32,
    title: Loc,
    actions: Vec<Loc>,
}

#[derive(Serialize)]
struct ChapterView {
    title: Loc,
    body: Vec<Loc>,
    sections: Vec<(Loc, Vec<Loc>)>,
}

impl VersionView {
    fn of(r: &Resolver, s: &Strategy, version: VersionRow, current: Option<&VersionSummary>) -> VersionView {
        VersionView {
            heading: String::new(),
            current_label: current.map(|c| c.label.clone()),
            current_href: current.map(|c| Page::Version(c.label.clone()).path(r.lang)),
            version,
            title: r.loc(&s.title),
            approved_by: r.loc(&s.approved_by),
            council_term: s.council_term.clone(),
            vision: r.loc(&s.vision),
            values: s
                .values
                .iter()
                .map(|v| (r.loc(&v.name), r.loc(&v.description)))
                .collect(),
            headline_goals: s.headline_goals.iter().map(|h| r.loc(&h.text)).collect(),
            council_goals_intro: r.paragraphs(&s.council_goals_intro),
            areas: s
                .areas
                .iter()
                .map(|a| AreaView {
                    number: a.id.get(),
                    name: r.loc(&a.name),
                    aim: r.paragraphs(&a.aim),
                    goals: a
                        .goals
                        .iter()
                        .map(|g| GoalView {
                            number: g.id.get(),
                            title: r.loc(&g.title),
                            actions: g.actions.iter().map(|action| r.loc(&action.title)).collect(),
                        })
                        .collect(),
                })
                .collect(),
            programmes_intro: r.paragraphs(&s.programmes_intro),
            programmes: s
                .programmes
                .iter()
                .map(|p| (r.loc(&p.name), r.paragraphs(&p.description)))
                .collect(),
            chapters: s
                .narrative
                .iter()
                .map(|c| ChapterView {
                    title: r.loc(&c.title),
                    body: c.body.as_ref().map(|b| r.paragraphs(b)).unwrap_or_default(),
                    sections: c
                        .sections
                        .iter()
                        .map(|x| (r.loc(&x.title), r.paragraphs(&x.body)))
                        .collect(),
                })
                .collect(),
            timeline: s.timeline.iter().map(|e| (r.loc(&e.when), r.loc(&e.title))).collect(),
        }
    }
}
