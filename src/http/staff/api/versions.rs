//! Strategy versions through the write API, as `tarina version` does them: a new draft copied from a version,
//! and a step of a version (submit, withdraw, approve with the decision). Both are the strategy office's
//! (editing the strategy). Neither takes `If-Match`: a step names where it goes, and a version that is not
//! where the step starts answers 409, so a repeated request changes nothing twice.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::bearer::Bearer;
use super::body::read_json;
use super::items::reason;
use super::WriteProblemDto;
use crate::app::versions::{self, WorkflowError};
use crate::domain::access::policy::{Operation, Subject};
use crate::domain::change::Change;
use crate::domain::workflow::{is_label, ApprovalError, DecisionInput, Step};
use crate::http::error::FieldProblem;
use crate::http::{AppError, AppState};
use crate::store::StoreError;

/// A new draft: a copy of everything version `from` holds, labelled `label`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewVersionDto {
    #[schema(pattern = r"^[A-Za-z0-9._-]{1,40}$", example = "1.2-test")]
    label: String,
    /// The version copied, usually the current one.
    #[schema(example = "1.1")]
    from: String,
    #[schema(min_length = 1, max_length = 500, example = "Valtuustokauden tarkistus")]
    reason: String,
}

/// A version's status after a write.
#[derive(Serialize, ToSchema)]
pub struct VersionStateDto {
    #[schema(example = "1.2-test")]
    label: String,
    #[schema(example = "draft")]
    status: crate::domain::VersionStatus,
    /// The versions an approval superseded; empty for other steps.
    superseded: Vec<String>,
    /// The lint errors an approval accepted with `override_lint`; empty when there were none.
    overridden_lint_errors: Vec<String>,
}

/// A step of a version: `submit` (draft → review), `withdraw` (review → draft), `approve` (review → approved,
/// with the decision; the approved version before it is superseded).
#[derive(Serialize, Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum VersionStep {
    Submit,
    Withdraw,
    Approve,
}

/// A step with its reason; `approve` also needs the decision body (Finnish), date and minutes, and
/// `override_lint` when the lint finds errors in the version.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionStepDto {
    step: VersionStep,
    #[schema(min_length = 1, max_length = 500, example = "Valtuuston päätös")]
    reason: String,
    #[schema(example = "Kaupunginvaltuusto")]
    body_fi: Option<String>,
    body_sv: Option<String>,
    body_en: Option<String>,
    #[schema(value_type = Option<String>, format = Date, example = "2030-01-31")]
    date: Option<chrono::NaiveDate>,
    #[schema(example = "Kvalt 31.1.2030 § 1")]
    minutes: Option<String>,
    /// Why the version is approved although the lint finds errors; recorded and shown.
    override_lint: Option<String>,
}

/// The token may edit the strategy (403 otherwise).
fn require(state: &AppState, bearer: &Bearer) -> Result<(), AppError> {
    let snapshot = state.snapshot();
    bearer.require(Operation::EditStrategy, Subject::Any, &snapshot.cascade.organisations)
}

fn problem(pointer: &str, detail: &'static str, value: impl Into<String>) -> FieldProblem {
    FieldProblem {
        pointer: pointer.into(),
        detail,
        value: value.into(),
    }
}

/// Store conflicts and missing versions with their own words; anything else as the store's class says.
fn answer(error: WorkflowError) -> AppError {
    match error {
        WorkflowError::Refused(missing) => AppError::Invalid(missing.into_iter().flat_map(refusal).collect()),
        WorkflowError::BadLabel(label) => AppError::Invalid(vec![problem("/label", "api-error-version-label", label)]),
        WorkflowError::Store(StoreError::Conflict(message)) => {
            tracing::info!("conflict: {message}");
            AppError::Conflict {
                detail: "api-error-version-conflict",
                value: message,
            }
        }
        WorkflowError::Store(other) => other.into(),
    }
}

/// Each missing part of an approval at its place; each lint error at `/override_lint`.
fn refusal(missing: ApprovalError) -> Vec<FieldProblem> {
    match missing {
        ApprovalError::MissingBody => vec![problem("/body_fi", "api-error-decision-body", "")],
        ApprovalError::MissingDate => vec![problem("/date", "api-error-decision-date", "")],
        ApprovalError::MissingMinutes => vec![problem("/minutes", "api-error-decision-minutes", "")],
        ApprovalError::LintErrors(errors) => errors
            .into_iter()
            .map(|error| problem("/override_lint", "api-error-decision-lint", error))
            .collect(),
    }
}

async fn caught_up(state: &AppState) {
    if let Err(error) = state.refresh().await {
        tracing::warn!("cannot catch up with the write just made: {error:#}");
    }
}

/// Creates a draft as a copy of another version.
#[utoipa::path(
    post,
    path = "/api/v1/staff/versions",
    tag = "staff",
    security(("bearer" = [])),
    request_body = NewVersionDto,
    responses(
        (status = 201, description = "The draft was created", body = VersionStateDto, headers(("Cache-Control" = String))),
        (status = 400, description = "The body is not JSON", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 403, description = "The token (or its account) may not edit the strategy", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 409, description = "The label is taken: nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 422, description = "The body has mistakes (a label that cannot be used, a version to copy that does not exist), listed in errors: nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
    )
)]
pub async fn post_version(
    bearer: Bearer,
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    require(&state, &bearer)?;
    let body: NewVersionDto = read_json(&headers, &body)?;
    let mut problems = Vec::new();
    if !is_label(&body.label) {
        problems.push(problem("/label", "api-error-version-label", body.label.clone()));
    }
    let reason = reason(&body.reason, &mut problems);
    let (Some(reason), true) = (reason, problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    let change = Change::new(bearer.actor(), reason);
    match versions::new_draft(state.store.as_ref(), &body.from, &body.label, &change).await {
        Ok(()) => {}
        Err(WorkflowError::Store(StoreError::NotFound(_))) => {
            return Err(AppError::Invalid(vec![problem(
                "/from",
                "api-error-version-unknown",
                body.from,
            )]));
        }
        Err(error) => return Err(answer(error)),
    }
    caught_up(&state).await;
    let created = VersionStateDto {
        label: body.label,
        status: crate::domain::VersionStatus::Draft,
        superseded: Vec::new(),
        overridden_lint_errors: Vec::new(),
    };
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

/// Moves a version one step; approval records the decision.
#[utoipa::path(
    post,
    path = "/api/v1/staff/versions/{label}/steps",
    tag = "staff",
    security(("bearer" = [])),
    params(("label" = String, Path, description = "The version's label", example = "1.2-test")),
    request_body = VersionStepDto,
    responses(
        (status = 200, description = "The version moved", body = VersionStateDto, headers(("Cache-Control" = String))),
        (status = 400, description = "The body is not JSON", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 403, description = "The token (or its account) may not edit the strategy", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 404, description = "No version has this label", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 409, description = "The version's status does not allow the step: nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 422, description = "The body has mistakes, or the approval lacks part of the decision or an override of the lint's errors (each listed at /override_lint): nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
    )
)]
pub async fn post_step(
    bearer: Bearer,
    State(state): State<AppState>,
    Path(label): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    require(&state, &bearer)?;
    let body: VersionStepDto = read_json(&headers, &body)?;
    let mut problems = Vec::new();
    let Some(reason) = reason(&body.reason, &mut problems) else {
        return Err(AppError::Invalid(problems));
    };
    let change = Change::new(bearer.actor(), reason);
    let store = state.store.as_ref();
    let done = match body.step {
        VersionStep::Submit | VersionStep::Withdraw => {
            let step = if matches!(body.step, VersionStep::Submit) {
                Step::Submit
            } else {
                Step::Withdraw
            };
            let status = versions::step(store, &label, step, &change).await.map_err(answer)?;
            VersionStateDto {
                label,
                status,
                superseded: Vec::new(),
                overridden_lint_errors: Vec::new(),
            }
        }
        VersionStep::Approve => {
            let input = DecisionInput {
                body_fi: body.body_fi,
                body_sv: body.body_sv,
                body_en: body.body_en,
                date: body.date,
                minutes: body.minutes,
                lint_override: body.override_lint,
            };
            let approved = versions::approve(store, &label, input, &change).await.map_err(answer)?;
            VersionStateDto {
                label,
                status: crate::domain::VersionStatus::Approved,
                superseded: approved.superseded,
                overridden_lint_errors: approved.overridden,
            }
        }
    };
    caught_up(&state).await;
    Ok(Json(done).into_response())
}
