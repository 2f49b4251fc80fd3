//! The staff front page, the person's own page (their sessions, and whether they get the weekly digest), and
//! signing out.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::{Extension, Form};
use serde::{Deserialize, Serialize};

use super::view::StaffPage;
use super::{parse_lang, see_other, Signed};
use crate::domain::access::policy::{permits, Operation, Subject};
use crate::http::{AppError, AppState};

#[derive(Serialize)]
struct HomeView {
    may: Vec<&'static str>,
}

fn operation_key(operation: Operation) -> &'static str {
    match operation {
        Operation::ViewInternal => "view-internal",
        Operation::ManageAccounts => "manage-accounts",
        Operation::ReadAuditLog => "read-audit-log",
        Operation::EditStrategy => "edit-strategy",
        Operation::EditIndicatorDefinition => "edit-indicator-definition",
        Operation::RecordValues => "record-values",
        Operation::EditTargets => "edit-targets",
        Operation::ApproveTargets => "approve-targets",
        Operation::ReportActionProgress => "report-action-progress",
        Operation::ReadMailOutbox => "read-mail-outbox",
        Operation::ScheduleUpdates => "schedule-updates",
        Operation::RemindOwners => "remind-owners",
        Operation::ReviewTranslations => "review-translations",
    }
}

pub async fn home(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let organisations = &state.snapshot().cascade.organisations;
    let may = Operation::ALL
        .into_iter()
        .filter(|&operation| permits(&signed.account, operation, Subject::Any, organisations))
        .map(operation_key)
        .collect();
    let page = StaffPage {
        lang,
        path: "/",
        title_key: "staff-home-title",
        signed: Some(&signed),
    };
    page.respond(&state, "staff/home.html", HomeView { may })
}

#[derive(Deserialize)]
pub struct Ended {
    ended: Option<String>,
    digest: Option<String>,
}

#[derive(Deserialize)]
pub struct DigestForm {
    /// A ticked box is sent as `on`; an unticked one is not sent at all.
    receive: Option<String>,
}

#[derive(Serialize)]
struct SessionLine {
    id: i64,
    started: String,
    seen: String,
    device: String,
    current: bool,
}

#[derive(Serialize)]
struct SessionsView {
    sessions: Vec<SessionLine>,
    ended: bool,
    receives_digest: bool,
    digest_saved: bool,
}

/// Times in the city's own zone would need a time-zone database; UTC said as such is unambiguous.
fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

pub async fn sessions(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<Ended>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let sessions = state
        .store
        .sessions_of(signed.account.id)
        .await?
        .into_iter()
        .map(|session| SessionLine {
            id: session.id,
            started: when(session.created_at),
            seen: when(session.last_seen_at),
            device: session.user_agent.clone(),
            current: session.id == signed.session.id,
        })
        .collect();
    let page = StaffPage {
        lang,
        path: "/sessions",
        title_key: "staff-sessions-title",
        signed: Some(&signed),
    };
    let opted_out = state.store.digest_opt_outs().await?;
    let view = SessionsView {
        sessions,
        ended: query.ended.is_some(),
        receives_digest: !opted_out.contains(&signed.account.id),
        digest_saved: query.digest.is_some(),
    };
    page.respond(&state, "staff/sessions.html", view)
}

/// Ends one of the person's own sessions; someone else's is not found.
pub async fn end_session(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::not_found("problem-detail-no-page", ""))?;
    if !state.store.end_session(signed.account.id, id).await? {
        return Err(AppError::not_found("problem-detail-no-page", ""));
    }
    Ok(see_other(&format!("/staff/{lang}/sessions?ended=1")))
}

/// Says yes or no to the weekly digest, for the signed-in person only.
pub async fn digest(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<DigestForm>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let receive = form.receive.is_some();
    crate::app::reminders::set_digest(state.store.as_ref(), &signed.account, receive, chrono::Utc::now()).await?;
    Ok(see_other(&format!("/staff/{lang}/sessions?digest=saved")))
}

pub async fn sign_out(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    state.store.end_session(signed.account.id, signed.session.id).await?;
    let mut response = see_other(&format!("/staff/{lang}/sign-in"));
    let names = &state.accounts.cookies;
    names.clear(response.headers_mut(), names.session);
    Ok(response)
}
