//! The page of one action, `/fi/toimenpiteet/{id}` and its Swedish and English counterparts: where the action
//! stands (its latest status update, or the progress reported before updates existed) and the earlier updates,
//! newest first. Like the version diff it reads the store (the snapshot holds only the current progress), so it
//! is rendered per request.

use axum::http::HeaderMap;
use axum::response::Response;
use serde::Serialize;

use super::parts::{date, Link, Loc, Resolver};
use super::view::{render_framed, Frame};
use crate::domain::cascade::ActionProgress;
use crate::domain::edit::{ActionUpdate, Evidence};
use crate::domain::ActionId;
use crate::http::cache::{respond_once, PUBLIC_CACHE};
use crate::http::routes::Page;
use crate::http::{AppError, AppState};

/// Where an action stood at one time, as one update (or the progress before updates) says.
#[derive(Serialize)]
struct Standing {
    state_key: String,
    percent: Option<u8>,
    as_of: String,
    as_of_iso: String,
    /// When the update was posted; `None` for progress reported before updates existed.
    posted: Option<String>,
    posted_iso: Option<String>,
    narrative: Option<Loc>,
    evidence: Vec<Evidence>,
    example: bool,
}

fn from_update(r: &Resolver, update: &ActionUpdate) -> Standing {
    let content = &update.content;
    let posted = update.created_at.date_naive();
    Standing {
        state_key: format!("action-state-{}", content.state.as_str()),
        percent: content.percent,
        as_of: date(content.as_of, r.lang),
        as_of_iso: content.as_of.to_string(),
        posted: Some(date(posted, r.lang)),
        posted_iso: Some(update.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        narrative: content.narrative.as_ref().map(|n| r.loc(n)),
        evidence: content.evidence.clone(),
        example: false,
    }
}

/// Progress without an update of its own: reported before updates existed, corrected since the latest update,
/// or an example shipped with Tarina (which says so).
fn from_progress(r: &Resolver, progress: &ActionProgress) -> Standing {
    Standing {
        state_key: format!("action-state-{}", progress.state.as_str()),
        percent: progress.percent,
        as_of: date(progress.as_of, r.lang),
        as_of_iso: progress.as_of.to_string(),
        posted: None,
        posted_iso: None,
        narrative: progress.note.as_ref().map(|n| r.loc(n)),
        evidence: Vec::new(),
        example: progress.example,
    }
}

pub(super) async fn page(
    state: &AppState,
    lang: crate::domain::Lang,
    id: &str,
    headers: &HeaderMap,
) -> Result<Response, AppError> {
    let not_found = || AppError::not_found("problem-detail-no-page", "");
    let id: ActionId = id.parse().map_err(|_| not_found())?;
    let snapshot = state.snapshot();
    let strategy = &snapshot.strategy;
    let (area, goal, action) = strategy
        .goals()
        .find_map(|(area, goal)| goal.actions.iter().find(|a| a.id == id).map(|a| (area, goal, a)))
        .ok_or_else(not_found)?;
    let log = super::super::api::actions_log(state, id).await?;
    let t = &state.templates;
    let r = Resolver::new(lang);
    // The latest update stands for the action while the current progress is the one it set; a correction made
    // since (or progress from before updates) is shown as it is, and every update then goes to the history.
    let (latest, earlier) = match log.latest_if_current() {
        Some(update) => (Some(from_update(&r, update)), &log.updates[1..]),
        None => (log.current.as_ref().map(|p| from_progress(&r, p)), &log.updates[..]),
    };
    let history: Vec<Standing> = earlier.iter().map(|u| from_update(&r, u)).collect();
    let title = r.plain(&action.title);
    let page = Page::Action(id.to_string());
    let goal_page = Page::Goal(goal.slug.to_string());
    let trail = vec![
        (t.message(lang, "nav-areas"), Page::Areas),
        (r.plain(&area.name), Page::Area(area.slug.to_string())),
        (r.plain(&goal.title), goal_page.clone()),
    ];
    let frame = Frame {
        lang,
        page: &page,
        site_name: r.plain(&strategy.title),
        title: title.clone(),
        description: t.message(lang, "action-description"),
        trail,
    };
    let body = serde_json::json!({
        "id": id.get(),
        "action_title": r.loc(&action.title),
        "goal": Link { href: goal_page.path(lang), label: r.loc(&goal.title) },
        "latest": latest,
        "history": history,
        "api_href": format!("/api/v1/actions/{id}"),
    });
    let html = render_framed(t, &r, frame, "action.html", body)?;
    Ok(respond_once(
        html.into_bytes(),
        "text/html; charset=utf-8",
        headers,
        PUBLIC_CACHE,
        snapshot.cache.compresses(),
    ))
}
