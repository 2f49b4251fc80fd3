//! Editing an indicator's connector from the staff pages: the settings as TOML, as a data file's
//! `[connector]` table holds them, checked as the loader checks them, saved with the person and their reason
//! in the audit log. Who may edit an indicator's definition may edit where its values come from.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Form};
use serde::{Deserialize, Serialize};

use super::view::StaffPage;
use super::{parse_lang, see_other, Signed};
use crate::domain::access::policy::{indicator_owners, permits, Operation, Subject};
use crate::domain::cascade::{Cascade, Indicator};
use crate::domain::change::Change;
use crate::domain::connector::ConnectorSettings;
use crate::domain::{IndicatorId, Lang};
use crate::http::{AppError, AppState};

/// Whether `signed` may change where `indicator`'s values come from.
pub fn may_edit(signed: &Signed, cascade: &Cascade, indicator: &Indicator) -> bool {
    let owners = indicator_owners(cascade, indicator.id);
    let subject = Subject::Indicator {
        id: indicator.id,
        organisations: &owners,
    };
    permits(
        &signed.account,
        Operation::EditIndicatorDefinition,
        subject,
        &cascade.organisations,
    )
}

#[derive(Deserialize, Serialize, Default)]
pub struct SettingsForm {
    #[serde(default)]
    settings: String,
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
pub struct Saved {
    saved: Option<String>,
}

#[derive(Serialize)]
struct SettingsView {
    id: u32,
    name: String,
    form: SettingsForm,
    /// The field's message, and the checks' own words (technical, in English, as the loader reports them).
    settings_error: Option<String>,
    problems: Vec<String>,
    reason_error: Option<String>,
    saved: bool,
}

/// The indicator, if it exists and the person may edit it (404 and 403 otherwise).
fn reachable(
    state: &AppState,
    signed: &Signed,
    id: &str,
) -> Result<(std::sync::Arc<crate::http::Snapshot>, IndicatorId), AppError> {
    let not_found = || AppError::not_found("problem-detail-no-page", "");
    let id: IndicatorId = id.parse().map_err(|_| not_found())?;
    let snapshot = state.snapshot();
    let indicator = snapshot.cascade.indicator(id).ok_or_else(not_found)?;
    if !may_edit(signed, &snapshot.cascade, indicator) {
        return Err(AppError::Forbidden {
            detail: "problem-detail-forbidden",
        });
    }
    Ok((snapshot, id))
}

fn name(lang: Lang, indicator: &Indicator) -> String {
    indicator
        .name
        .get(lang)
        .or_else(|| indicator.name.get(Lang::Fi))
        .unwrap_or_default()
        .to_owned()
}

pub async fn form(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Query(query): Query<Saved>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let (snapshot, id) = reachable(&state, &signed, &id)?;
    let indicator = snapshot.cascade.indicator(id).expect("reachable");
    let settings = match &indicator.connector {
        Some(settings) => toml::to_string(settings).map_err(|e| AppError::Internal(e.into()))?,
        None => String::new(),
    };
    let view = SettingsView {
        id: id.get(),
        name: name(lang, indicator),
        form: SettingsForm {
            settings,
            reason: String::new(),
        },
        settings_error: None,
        problems: Vec::new(),
        reason_error: None,
        saved: query.saved.is_some(),
    };
    let path = format!("/connectors/{id}");
    page(lang, &signed, &path).respond(&state, "staff/connector.html", view)
}

fn page<'a>(lang: Lang, signed: &'a Signed, path: &'a str) -> StaffPage<'a> {
    StaffPage {
        lang,
        path,
        title_key: "staff-connector-title",
        signed: Some(signed),
    }
}

/// The settings typed, or the problems that keep them from working. Empty text removes the connector.
fn check(text: &str, indicator: &Indicator) -> Result<Option<ConnectorSettings>, Vec<String>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let settings: ConnectorSettings = toml::from_str(text).map_err(|e| vec![e.to_string()])?;
    let problems = settings.problems(&indicator.regions);
    if problems.is_empty() {
        Ok(Some(settings))
    } else {
        Err(problems)
    }
}

pub async fn save(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<SettingsForm>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let (snapshot, id) = reachable(&state, &signed, &id)?;
    let indicator = snapshot.cascade.indicator(id).expect("reachable");
    let checked = check(&form.settings, indicator);
    let reason = form.reason.trim();
    let reason_ok = !reason.is_empty() && reason.chars().count() <= 500;
    let settings = match (checked, reason_ok) {
        (Ok(settings), true) => settings,
        (checked, _) => {
            let problems = checked.err().unwrap_or_default();
            let view = SettingsView {
                id: id.get(),
                name: name(lang, indicator),
                settings_error: (!problems.is_empty()).then(|| state.i18n.text(lang, "staff-error-connector")),
                problems,
                reason_error: (!reason_ok).then(|| state.i18n.text(lang, "staff-error-reason")),
                form,
                saved: false,
            };
            let path = format!("/connectors/{id}");
            return page(lang, &signed, &path).respond_with(
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                "staff/connector.html",
                view,
            );
        }
    };
    let change = Change::new(format!("user:{}", signed.account.id), reason);
    let city = snapshot.strategy.city.slug.to_string();
    state.store.set_connector(&city, id, settings.as_ref(), &change).await?;
    // Pages read the snapshot: bring this server's up to date before the person sees the list again.
    state.refresh().await.map_err(AppError::Internal)?;
    Ok(see_other(&format!("/staff/{lang}/connectors/{id}?saved=1")))
}
