//! The steps of a version from its page: submit a draft for review, withdraw a version under review to a
//! draft, approve it with the city's decision. A step the status does not allow is the page with 409; a form
//! with mistakes (a missing reason, decision body, date or minutes, or lint errors without the grounds for
//! overriding them) is the page with 422, each error next to its field and what was typed kept; nothing is
//! written either way. Approving makes the version the public one at once.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::{Extension, Form};
use chrono::NaiveDate;

use super::page::{draw, refused, strategy, Drawn, StepForm};
use super::{actor, record, require_edit};
use crate::app::versions::{self, WorkflowError};
use crate::domain::change::Change;
use crate::domain::edit::FieldErrors;
use crate::domain::workflow::{ApprovalError, DecisionInput, Step};
use crate::domain::year_approval::override_problem;
use crate::domain::Lang;
use crate::http::staff::edits::messages;
use crate::http::staff::{parse_lang, see_other, Signed};
use crate::http::{AppError, AppState};
use crate::store::StoreError;

/// The person, the language and the version of a step's request, once the person may take steps and the
/// version exists and its status allows `step`; otherwise the answer to give.
async fn allowed(
    state: &AppState,
    signed: &Signed,
    lang: &str,
    label: &str,
    step: Step,
) -> Result<Result<Lang, Response>, AppError> {
    let lang = parse_lang(lang)?;
    require_edit(state, signed)?;
    let status = record(state, label).await?.status;
    Ok(match step.apply(status) {
        Ok(_) => Ok(lang),
        Err(_) => Err(refused(state, signed, lang, label, status).await?),
    })
}

fn done(lang: Lang, label: &str) -> Response {
    see_other(&format!("/staff/{lang}/versions/{label}?saved=1"))
}

/// Submits or withdraws: the store's conflict (someone stepped the version meanwhile) is the 409 page too.
async fn take(
    state: &AppState,
    signed: &Signed,
    (lang, label): (&str, &str),
    step: Step,
    form: StepForm,
) -> Result<Response, AppError> {
    let lang = match allowed(state, signed, lang, label, step).await? {
        Ok(lang) => lang,
        Err(answer) => return Ok(answer),
    };
    let (field, reason) = match step {
        Step::Withdraw => ("withdraw_reason", form.withdraw_reason.trim()),
        _ => ("reason", form.reason.trim()),
    };
    let mut errors = messages(state, lang, FieldErrors::new(), reason);
    if let Some(message) = errors.remove("reason") {
        errors.insert(field, message);
        let drawn = Drawn {
            errors,
            form,
            ..Drawn::default()
        };
        return draw(state, signed, lang, label, drawn).await;
    }
    let change = Change::new(actor(signed), reason);
    match versions::step(state.store.as_ref(), label, step, &change).await {
        Ok(_) => Ok(done(lang, label)),
        Err(WorkflowError::Store(StoreError::Conflict(_))) => {
            let status = record(state, label).await?.status;
            refused(state, signed, lang, label, status).await
        }
        Err(WorkflowError::Store(other)) => Err(other.into()),
        Err(other) => Err(AppError::Internal(other.into())),
    }
}

pub async fn submit(
    State(state): State<AppState>,
    Path((lang, label)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<StepForm>,
) -> Result<Response, AppError> {
    take(&state, &signed, (&lang, &label), Step::Submit, form).await
}

pub async fn withdraw(
    State(state): State<AppState>,
    Path((lang, label)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<StepForm>,
) -> Result<Response, AppError> {
    take(&state, &signed, (&lang, &label), Step::Withdraw, form).await
}

/// Each part an approval lacks at its field.
fn refusal(missing: &ApprovalError) -> (&'static str, &'static str) {
    match missing {
        ApprovalError::MissingBody => ("body_fi", "staff-version-error-body"),
        ApprovalError::MissingDate => ("date", "staff-version-error-date"),
        ApprovalError::MissingMinutes => ("minutes", "staff-version-error-minutes"),
        ApprovalError::LintErrors(_) => ("override_lint", "staff-version-error-lint-override-needed"),
    }
}

/// What the approval form asks the use case to approve with; a date that does not read is none.
fn decision(form: &StepForm) -> DecisionInput {
    DecisionInput {
        body_fi: Some(form.body_fi.clone()),
        body_sv: Some(form.body_sv.clone()),
        body_en: Some(form.body_en.clone()),
        date: NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d").ok(),
        minutes: Some(form.minutes.clone()),
        lint_override: Some(form.override_lint.clone()),
    }
}

/// Approves a version under review with the decision; the version approved before is superseded.
pub async fn approve(
    State(state): State<AppState>,
    Path((lang, label)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<StepForm>,
) -> Result<Response, AppError> {
    let lang = match allowed(&state, &signed, &lang, &label, Step::Approve).await? {
        Ok(lang) => lang,
        Err(answer) => return Ok(answer),
    };
    // Every mistake at once: the decision's parts as the use case checks them, against the lint's errors now.
    let lint_errors = versions::lint_errors(state.store.as_ref(), &strategy(&state, &label).await?).await?;
    let mut errors = FieldErrors::new();
    if let Err(missing) = decision(&form).check(&lint_errors) {
        errors.extend(missing.iter().map(refusal));
    }
    let typed_override = form.override_lint.trim();
    if !typed_override.is_empty() {
        if let Some(key) = override_problem(typed_override) {
            errors.insert("override_lint", key);
        }
    }
    let mut errors = messages(&state, lang, errors, &form.reason);
    if errors.is_empty() {
        let change = Change::new(actor(&signed), form.reason.trim());
        match versions::approve(state.store.as_ref(), &label, decision(&form), &change).await {
            Ok(_) => {
                state.refresh().await.map_err(AppError::Internal)?;
                return Ok(done(lang, &label));
            }
            // The version changed since the checks above: moved by someone, or its lint changed.
            Err(WorkflowError::Store(StoreError::Conflict(_))) => {
                let status = record(&state, &label).await?.status;
                return refused(&state, &signed, lang, &label, status).await;
            }
            Err(WorkflowError::Refused(missing)) => {
                for (field, key) in missing.iter().map(refusal) {
                    errors.insert(field, state.i18n.text(lang, key));
                }
            }
            Err(WorkflowError::Store(other)) => return Err(other.into()),
            Err(other) => return Err(AppError::Internal(other.into())),
        }
    }
    let drawn = Drawn {
        errors,
        form,
        ..Drawn::default()
    };
    draw(&state, &signed, lang, &label, drawn).await
}
