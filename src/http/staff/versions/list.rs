//! The list of versions and the form that starts a new draft as a copy of another version (by default the
//! current one). A label that cannot be used or is taken, an unknown version to copy and a missing reason come
//! back as the form with its errors (422), what was typed kept.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Form};
use serde::{Deserialize, Serialize};

use super::{actor, may_edit, records, require_edit};
use crate::app::versions::{self, WorkflowError};
use crate::domain::change::Change;
use crate::domain::workflow::is_label;
use crate::domain::Lang;
use crate::http::staff::edits::messages;
use crate::http::staff::view::StaffPage;
use crate::http::staff::{parse_lang, see_other, Signed};
use crate::http::{AppError, AppState};
use crate::store::{StoreError, VersionRecord};

/// The new draft's form as typed.
#[derive(Deserialize, Serialize, Default)]
pub struct NewForm {
    #[serde(default)]
    label: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    reason: String,
}

#[derive(Serialize)]
struct VersionLine {
    label: String,
    status: &'static str,
    approved_on: Option<String>,
    /// The decision body in Finnish, for a version that has been approved.
    body: Option<String>,
    minutes: Option<String>,
    overridden: bool,
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}

#[derive(Serialize)]
struct ListView {
    versions: Vec<VersionLine>,
    may_edit: bool,
    choices: Vec<Choice>,
    form: NewForm,
    errors: BTreeMap<&'static str, String>,
}

fn line(record: VersionRecord) -> VersionLine {
    let decided = record.status.is_public();
    VersionLine {
        status: record.status.as_str(),
        approved_on: record
            .approved_on
            .filter(|_| decided)
            .map(|d| d.format("%Y-%m-%d").to_string()),
        body: Some(record.approved_by).filter(|b| decided && !b.is_empty()),
        minutes: record.minutes_ref,
        overridden: record.lint_override_reason.is_some(),
        label: record.label,
    }
}

async fn draw(
    state: &AppState,
    signed: &Signed,
    lang: Lang,
    form: Option<NewForm>,
    errors: BTreeMap<&'static str, String>,
) -> Result<Response, AppError> {
    let records = records(state).await?;
    let form = form.unwrap_or_else(|| NewForm {
        from: state.snapshot().strategy.version.clone(),
        ..NewForm::default()
    });
    let choices = records
        .iter()
        .map(|r| Choice {
            value: r.label.clone(),
            label: format!("{} ({})", r.label, super::status_name(state, lang, r.status)),
        })
        .collect();
    let view = ListView {
        versions: records.into_iter().map(line).collect(),
        may_edit: may_edit(state, signed),
        choices,
        form,
        errors,
    };
    let page = StaffPage {
        lang,
        path: "/versions",
        title_key: "staff-versions-title",
        signed: Some(signed),
    };
    if view.errors.is_empty() {
        page.respond(state, "staff/versions.html", view)
    } else {
        page.respond_with(state, StatusCode::UNPROCESSABLE_ENTITY, "staff/versions.html", view)
    }
}

pub async fn list(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    draw(&state, &signed, lang, None, BTreeMap::new()).await
}

/// Starts a draft labelled `label` as a copy of version `from`, and goes to its page.
pub async fn create(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<NewForm>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    require_edit(&state, &signed)?;
    let labels: Vec<String> = records(&state).await?.into_iter().map(|r| r.label).collect();
    let label = form.label.trim();
    let from = form.from.trim();
    let mut errors = crate::domain::edit::FieldErrors::new();
    if !is_label(label) {
        errors.insert("label", "staff-version-error-label");
    } else if labels.iter().any(|l| l == label) {
        errors.insert("label", "staff-version-error-taken");
    }
    if !labels.iter().any(|l| l == from) {
        errors.insert("from", "staff-version-error-from");
    }
    let mut errors = messages(&state, lang, errors, &form.reason);
    if errors.is_empty() {
        let change = Change::new(actor(&signed), form.reason.trim());
        let field = match versions::new_draft(state.store.as_ref(), from, label, &change).await {
            Ok(()) => return Ok(see_other(&format!("/staff/{lang}/versions/{label}?saved=1"))),
            Err(WorkflowError::BadLabel(_)) => ("label", "staff-version-error-label"),
            // Someone took the label, or removed the version to copy, since the checks above.
            Err(WorkflowError::Store(StoreError::Conflict(_))) => ("label", "staff-version-error-taken"),
            Err(WorkflowError::Store(StoreError::NotFound(_))) => ("from", "staff-version-error-from"),
            Err(WorkflowError::Store(other)) => return Err(other.into()),
            Err(WorkflowError::Refused(_)) => {
                return Err(AppError::Internal(anyhow::anyhow!("a draft is not approved")))
            }
        };
        errors.insert(field.0, state.i18n.text(lang, field.1));
    }
    draw(&state, &signed, lang, Some(form), errors).await
}
