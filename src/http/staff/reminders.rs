//! The strategy office's overdue list (`/staff/{lang}/reminders`): every late item with its owners, due date
//! and last update, a "remind now" form on each (a reason, audited; the emails go through the outbox), and
//! below it every item with an interval and where it stands. The policy's `RemindOwners` decides who sees it.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Form};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::view::StaffPage;
use super::{parse_lang, see_other, Signed};
use crate::app::reminders::{id_of, remind_now, standings, Names, RemindError};
use crate::domain::access::policy::Operation;
use crate::domain::change::Change;
use crate::domain::reminders::{item, kind, Standing, GRACE_DAYS};
use crate::domain::Lang;
use crate::http::{AppError, AppState};

#[derive(Deserialize)]
pub struct Reminded {
    reminded: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct RemindForm {
    #[serde(default)]
    reason: String,
}

#[derive(Serialize, Clone)]
struct Line {
    kind: &'static str,
    id: u32,
    /// The form's reason field: one per line, so an error stands next to the right one.
    field: String,
    name: String,
    href: String,
    interval: String,
    standing: &'static str,
    due: String,
    last_update: String,
    last_reminded: String,
    owners: Vec<String>,
}

#[derive(Serialize)]
struct RemindersView {
    intro: String,
    late: Vec<Line>,
    all: Vec<Line>,
    reminded: bool,
    errors: BTreeMap<String, String>,
    reason: String,
}

fn day(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d").to_string()
}

fn require_office(state: &AppState, signed: &Signed) -> Result<(), AppError> {
    signed.require(state, Operation::RemindOwners)
}

async fn draw(
    state: &AppState,
    signed: &Signed,
    lang: Lang,
    reminded: bool,
    errors: BTreeMap<String, String>,
    reason: String,
) -> Result<Response, AppError> {
    let snapshot = state.snapshot();
    let names = Names {
        strategy: &snapshot.strategy,
        cascade: &snapshot.cascade,
    };
    let never = state.i18n.text(lang, "reminder-never");
    let lines: Vec<(Standing, Line)> = standings(state.store.as_ref(), names, Utc::now())
        .await?
        .into_iter()
        .map(|i| {
            let item = i.schedule.item;
            let line = Line {
                kind: kind(item),
                id: id_of(item),
                field: format!("reason-{}-{}", kind(item), id_of(item)),
                name: names.name(item, lang),
                href: format!("/staff/{lang}/reminders/{}/{}", kind(item), id_of(item)),
                interval: state
                    .i18n
                    .text(lang, &format!("interval-{}", i.schedule.interval.as_str())),
                standing: match i.standing {
                    Standing::Current => "current",
                    Standing::Due => "due",
                    Standing::Late => "late",
                },
                due: i.due_on.format("%Y-%m-%d").to_string(),
                last_update: i.schedule.last_update.map_or_else(|| never.clone(), day),
                last_reminded: i.last_reminded.map_or_else(|| never.clone(), day),
                owners: i
                    .owners
                    .iter()
                    .map(|a| format!("{} ({})", a.display_name, a.email))
                    .collect(),
            };
            (i.standing, line)
        })
        .collect();
    let mut late = Vec::new();
    let mut all = Vec::new();
    for (standing, line) in lines {
        if standing == Standing::Late {
            late.push(line.clone());
        }
        all.push(line);
    }
    let page = StaffPage {
        lang,
        path: "/reminders",
        title_key: "staff-reminders-title",
        signed: Some(signed),
    };
    let view = RemindersView {
        intro: state.i18n.with_arg(lang, "staff-reminders-intro", "grace", GRACE_DAYS),
        late,
        all,
        reminded,
        errors: errors.clone(),
        reason,
    };
    if errors.is_empty() {
        page.respond(state, "staff/reminders.html", view)
    } else {
        page.respond_with(state, StatusCode::UNPROCESSABLE_ENTITY, "staff/reminders.html", view)
    }
}

pub async fn page(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<Reminded>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    require_office(&state, &signed)?;
    draw(
        &state,
        &signed,
        lang,
        query.reminded.is_some(),
        BTreeMap::new(),
        String::new(),
    )
    .await
}

/// "Remind now": the item's owners get a reminder at once, whatever its standing, with the person as the
/// actor and their reason in the audit log.
pub async fn remind(
    State(state): State<AppState>,
    Path((lang, kind_text, id)): Path<(String, String, String)>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<RemindForm>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    require_office(&state, &signed)?;
    let found = item(&kind_text, &id).ok_or_else(|| AppError::not_found("problem-detail-no-page", ""))?;
    let reason = form.reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        let field = format!("reason-{}-{}", kind(found), id_of(found));
        let errors = BTreeMap::from([(field, state.i18n.text(lang, "staff-error-reason"))]);
        return draw(&state, &signed, lang, false, errors, form.reason).await;
    }
    let snapshot = state.snapshot();
    let names = Names {
        strategy: &snapshot.strategy,
        cascade: &snapshot.cascade,
    };
    let change = Change::new(format!("user:{}", signed.account.id), reason);
    let link_base = state.site.public_url.as_deref().unwrap_or_default();
    match remind_now(
        state.store.as_ref(),
        &state.i18n,
        names,
        link_base,
        found,
        &change,
        Utc::now(),
    )
    .await
    {
        Ok(_) => Ok(see_other(&format!("/staff/{lang}/reminders?reminded=1"))),
        Err(RemindError::NotScheduled) => Err(AppError::not_found("problem-detail-no-page", "")),
        Err(RemindError::NoOwners) => {
            let field = format!("reason-{}-{}", kind(found), id_of(found));
            let errors = BTreeMap::from([(field, state.i18n.text(lang, "staff-reminders-no-owner"))]);
            draw(&state, &signed, lang, false, errors, form.reason).await
        }
        Err(RemindError::Store(error)) => Err(error.into()),
    }
}
