//! An item's update interval (`/staff/{lang}/reminders/{kind}/{id}`, linked from the action's progress page
//! and the indicator's definition): how often it should be updated, with a reason, and who its owners are.
//! Who may set it is the policy's `ScheduleUpdates` on the item: the strategy office for every item, a
//! department editor for its organisation's indicators.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Form};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::view::StaffPage;
use super::{parse_lang, see_other, Signed};
use crate::app::reminders::{id_of, owners_of, Names};
use crate::domain::access::policy::{indicator_owners, permits, Operation, Subject};
use crate::domain::access::Assignment;
use crate::domain::change::Change;
use crate::domain::reminders::{item, kind, UpdateInterval, GRACE_DAYS};
use crate::domain::Lang;
use crate::http::{AppError, AppState};

#[derive(Deserialize, Serialize, Default)]
pub struct IntervalForm {
    #[serde(default)]
    interval: String,
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
pub struct Saved {
    saved: Option<String>,
}

#[derive(Serialize)]
struct Choice {
    value: &'static str,
    label: String,
}

#[derive(Serialize)]
struct Owner {
    name: String,
    email: String,
}

#[derive(Serialize)]
struct IntervalView {
    kind: &'static str,
    id: u32,
    name: String,
    back: String,
    intro: String,
    due: Option<String>,
    owners: Vec<Owner>,
    choices: Vec<Choice>,
    form: IntervalForm,
    errors: BTreeMap<&'static str, String>,
    saved: bool,
}

/// The item of the address, if it exists and the person may set its interval.
pub(super) fn authorised(state: &AppState, signed: &Signed, kind: &str, id: &str) -> Result<Assignment, AppError> {
    let snapshot = state.snapshot();
    let found = item(kind, id)
        .filter(|&i| {
            let names = Names {
                strategy: &snapshot.strategy,
                cascade: &snapshot.cascade,
            };
            names.exists(i)
        })
        .ok_or_else(|| AppError::not_found("problem-detail-no-page", ""))?;
    let organisations = &snapshot.cascade.organisations;
    let allowed = match found {
        Assignment::Action(id) => permits(
            &signed.account,
            Operation::ScheduleUpdates,
            Subject::Action(id),
            organisations,
        ),
        Assignment::Indicator(id) => {
            let owners = indicator_owners(&snapshot.cascade, id);
            let subject = Subject::Indicator {
                id,
                organisations: &owners,
            };
            permits(&signed.account, Operation::ScheduleUpdates, subject, organisations)
        }
    };
    if allowed {
        Ok(found)
    } else {
        Err(AppError::Forbidden {
            detail: "problem-detail-forbidden",
        })
    }
}

async fn draw(
    state: &AppState,
    signed: &Signed,
    lang: Lang,
    found: Assignment,
    form: Option<IntervalForm>,
    errors: BTreeMap<&'static str, String>,
    saved: bool,
) -> Result<Response, AppError> {
    let snapshot = state.snapshot();
    let names = Names {
        strategy: &snapshot.strategy,
        cascade: &snapshot.cascade,
    };
    let city = snapshot.strategy.city.slug.as_str();
    let schedule = state.store.schedules(city).await?.into_iter().find(|s| s.item == found);
    let accounts = state.store.accounts().await?;
    let form = form.unwrap_or_else(|| IntervalForm {
        interval: schedule.as_ref().map_or("", |s| s.interval.as_str()).to_owned(),
        reason: String::new(),
    });
    let mut choices = vec![Choice {
        value: "",
        label: state.i18n.text(lang, "interval-none"),
    }];
    choices.extend(UpdateInterval::ALL.into_iter().map(|i| Choice {
        value: i.as_str(),
        label: state.i18n.text(lang, &format!("interval-{}", i.as_str())),
    }));
    let back = match found {
        Assignment::Action(id) => format!("/staff/{lang}/actions/{id}/progress"),
        Assignment::Indicator(id) => format!("/staff/{lang}/indicators/{id}"),
    };
    let view = IntervalView {
        kind: kind(found),
        id: id_of(found),
        name: names.name(found, lang),
        back,
        intro: state.i18n.with_arg(lang, "staff-interval-intro", "grace", GRACE_DAYS),
        due: schedule.map(|s| {
            let due = s.due_on().format("%Y-%m-%d").to_string();
            state.i18n.with_arg(lang, "staff-interval-due", "due", due)
        }),
        owners: owners_of(&accounts, found)
            .into_iter()
            .map(|a| Owner {
                name: a.display_name,
                email: a.email.to_string(),
            })
            .collect(),
        choices,
        form,
        saved,
        errors: errors.clone(),
    };
    let path = format!("/reminders/{}/{}", kind(found), id_of(found));
    let page = StaffPage {
        lang,
        path: &path,
        title_key: "staff-interval-title",
        signed: Some(signed),
    };
    if errors.is_empty() {
        page.respond(state, "staff/interval.html", view)
    } else {
        page.respond_with(state, StatusCode::UNPROCESSABLE_ENTITY, "staff/interval.html", view)
    }
}

pub async fn form(
    State(state): State<AppState>,
    Path((lang, kind_text, id)): Path<(String, String, String)>,
    Query(query): Query<Saved>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let found = authorised(&state, &signed, &kind_text, &id)?;
    draw(
        &state,
        &signed,
        lang,
        found,
        None,
        BTreeMap::new(),
        query.saved.is_some(),
    )
    .await
}

pub async fn save(
    State(state): State<AppState>,
    Path((lang, kind_text, id)): Path<(String, String, String)>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<IntervalForm>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let found = authorised(&state, &signed, &kind_text, &id)?;
    let mut errors = BTreeMap::new();
    let interval = match form.interval.trim() {
        "" => Some(None),
        text => UpdateInterval::parse(text).map(Some),
    };
    if interval.is_none() {
        errors.insert("interval", state.i18n.text(lang, "staff-error-interval"));
    }
    let reason = form.reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        errors.insert("reason", state.i18n.text(lang, "staff-error-reason"));
    }
    let Some(interval) = interval.filter(|_| errors.is_empty()) else {
        return draw(&state, &signed, lang, found, Some(form), errors, false).await;
    };
    let change = Change::new(format!("user:{}", signed.account.id), reason);
    crate::app::reminders::set_interval(state.store.as_ref(), found, interval, &change, Utc::now()).await?;
    Ok(see_other(&format!(
        "/staff/{lang}/reminders/{}/{}?saved=1",
        kind(found),
        id_of(found)
    )))
}
