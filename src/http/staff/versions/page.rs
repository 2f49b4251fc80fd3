//! A version's page (`/staff/{lang}/versions/{label}`): its status and decision record, the lint's errors in
//! it, a link to what changed since the current version, and the forms of the steps its status allows; and
//! the changes between any two versions (`/staff/{lang}/versions/{a}/diff/{b}`), drafts included, laid out as
//! the public diff page lays out those between approved versions.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use serde::{Deserialize, Serialize};

use super::{may_edit, record, status_name};
use crate::domain::diff::diff_strategies;
use crate::domain::{Lang, Strategy, VersionStatus};
use crate::http::staff::edits::Saved;
use crate::http::staff::view::StaffPage;
use crate::http::staff::{parse_lang, Signed};
use crate::http::{AppError, AppState};
use crate::store::Audience;

/// The step forms as typed: a submission's or approval's `reason`, a withdrawal's `withdraw_reason` (both
/// forms are on the page of a version under review), and the decision.
#[derive(Deserialize, Serialize, Default)]
pub struct StepForm {
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub withdraw_reason: String,
    #[serde(default)]
    pub body_fi: String,
    #[serde(default)]
    pub body_sv: String,
    #[serde(default)]
    pub body_en: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub minutes: String,
    #[serde(default)]
    pub override_lint: String,
}

/// What the page shows besides the version: the form as typed, its errors, a step the status refused, and
/// whether a step was just taken.
#[derive(Default)]
pub struct Drawn {
    pub form: StepForm,
    pub errors: BTreeMap<&'static str, String>,
    pub refused: Option<String>,
    pub saved: bool,
}

#[derive(Serialize)]
struct VersionView {
    label: String,
    status: &'static str,
    approved_on: Option<String>,
    /// The decision body in the page's language (Finnish when it has no translation) and its language.
    body: Option<String>,
    body_lang: &'static str,
    minutes: Option<String>,
    lint_override: Option<String>,
    lint_errors: Vec<String>,
    /// The current version, to compare this one with; none on the current version's own page.
    diff_from: Option<String>,
    may_edit: bool,
    form: StepForm,
    errors: BTreeMap<&'static str, String>,
    refused: Option<String>,
    saved: bool,
}

/// The version as staff read it; 404 when there is none.
pub(super) async fn strategy(state: &AppState, label: &str) -> Result<Strategy, AppError> {
    state
        .store
        .strategy_version(label, Audience::Staff)
        .await?
        .ok_or_else(|| AppError::not_found("problem-detail-no-page", ""))
}

/// The version's page: 409 when a step was refused by its status, 422 when the form has errors, else 200.
pub(super) async fn draw(
    state: &AppState,
    signed: &Signed,
    lang: Lang,
    label: &str,
    drawn: Drawn,
) -> Result<Response, AppError> {
    let record = record(state, label).await?;
    let strategy = strategy(state, label).await?;
    let lint_errors = crate::app::versions::lint_errors(state.store.as_ref(), &strategy).await?;
    let decided = record.status.is_public();
    let body = strategy.approved_by.resolve(lang);
    let current = state.snapshot().strategy.version.clone();
    let view = VersionView {
        status: record.status.as_str(),
        approved_on: (record.approved_on)
            .filter(|_| decided)
            .map(|d| d.format("%Y-%m-%d").to_string()),
        body: Some(body.text.to_owned()).filter(|b| decided && !b.is_empty()),
        body_lang: body.lang.code(),
        minutes: record.minutes_ref,
        lint_override: record.lint_override_reason,
        lint_errors,
        diff_from: Some(current).filter(|c| c != label),
        may_edit: may_edit(state, signed),
        form: drawn.form,
        errors: drawn.errors,
        refused: drawn.refused,
        saved: drawn.saved,
        label: record.label,
    };
    let status = if view.refused.is_some() {
        StatusCode::CONFLICT
    } else if !view.errors.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let path = format!("/versions/{label}");
    let page = StaffPage {
        lang,
        path: &path,
        title_key: "staff-version-title",
        signed: Some(signed),
    };
    page.respond_with(state, status, "staff/version.html", view)
}

/// The answer to a step that the version's status does not allow: the page, with 409 and the reason.
pub(super) async fn refused(
    state: &AppState,
    signed: &Signed,
    lang: Lang,
    label: &str,
    status: VersionStatus,
) -> Result<Response, AppError> {
    let status = status_name(state, lang, status);
    let drawn = Drawn {
        refused: Some(state.i18n.with_arg(lang, "staff-version-error-step", "status", status)),
        ..Drawn::default()
    };
    draw(state, signed, lang, label, drawn).await
}

pub async fn page(
    State(state): State<AppState>,
    Path((lang, label)): Path<(String, String)>,
    Query(query): Query<Saved>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let drawn = Drawn {
        saved: query.saved.is_some(),
        ..Drawn::default()
    };
    draw(&state, &signed, lang, &label, drawn).await
}

/// What changed from version `from` to version `to`, whatever their status.
pub async fn diff(
    State(state): State<AppState>,
    Path((lang, from, to)): Path<(String, String, String)>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let (old, new) = (strategy(&state, &from).await?, strategy(&state, &to).await?);
    let mut view = crate::http::public::diff_view(&state.templates, lang, &diff_strategies(&old, &new));
    view["heading"] = format!("{} {from} → {to}", state.i18n.text(lang, "diff-title")).into();
    view["from"] = from.clone().into();
    view["to"] = to.clone().into();
    let path = format!("/versions/{from}/diff/{to}");
    let page = StaffPage {
        lang,
        path: &path,
        title_key: "staff-version-diff-title",
        signed: Some(&signed),
    };
    page.respond(&state, "staff/version_diff.html", view)
}
