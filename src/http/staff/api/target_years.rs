//! A budget year's targets as one through the write API, as on the staff targets page: a step towards the
//! council's approval (or back), and a copy of the year as the next one's drafts. Both are the strategy
//! office's. Neither takes `If-Match`: a step names the status it moves targets from, and a copy goes only to
//! a year without targets, so a repeated request moves or copies nothing twice: it meets a state where
//! there is nothing to do, 409. Approving passes the approval gate: while the lint finds errors in the year,
//! 422 lists each at `/override_lint`, unless that field gives a reason to override them.

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
use crate::app::targets::{copy_obstacle, copy_targets, move_year, YearError};
use crate::domain::access::policy::{Operation, Subject};
use crate::domain::cascade::YEARS;
use crate::domain::change::Change;
use crate::domain::edit::YearStep;
use crate::domain::year_approval::override_problem;
use crate::http::error::FieldProblem;
use crate::http::{AppError, AppState};

/// A step of a year's targets: `propose` takes drafts to proposed (with the budget proposal), `withdraw`
/// proposed back to drafts, `approve` proposed to approved (the council's decision), `reopen` approved back to
/// proposed for a correction.
#[derive(Serialize, Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum TargetYearStep {
    Propose,
    Withdraw,
    Approve,
    Reopen,
}

impl TargetYearStep {
    fn domain(self) -> YearStep {
        match self {
            TargetYearStep::Propose => YearStep::Propose,
            TargetYearStep::Withdraw => YearStep::Withdraw,
            TargetYearStep::Approve => YearStep::Approve,
            TargetYearStep::Reopen => YearStep::Reopen,
        }
    }
}

/// A step for every target of the year that stands where the step starts; the reason (for `approve`, the
/// council's decision) is kept in the audit log.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetYearStepDto {
    step: TargetYearStep,
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
        example = "Valtuuston talousarviopäätös"
    )]
    reason: String,
    /// For `approve`: why to approve although the lint finds errors in the year's targets. Recorded with the
    /// approval and shown with the year's targets; ignored when the lint finds none.
    #[serde(default)]
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
        example = "Valtuusto hyväksyi tavoitteet talousarvion yhteydessä; puuttuvat mittarit lisätään keväällä"
    )]
    override_lint: Option<String>,
}

/// What a step did.
#[derive(Serialize, ToSchema)]
pub struct TargetYearSteppedDto {
    #[schema(example = 2019)]
    year: i32,
    step: TargetYearStep,
    /// How many targets moved.
    #[schema(example = 12)]
    moved: usize,
}

/// A copy of the year's targets to `to` as drafts, without assessments.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetYearCopyDto {
    /// A budget year without targets.
    #[schema(minimum = 2000, maximum = 2100, example = 2020)]
    to: i32,
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
        example = "Vuoden 2020 talousarvion valmistelu"
    )]
    reason: String,
}

/// What a copy did.
#[derive(Serialize, ToSchema)]
pub struct TargetYearCopiedDto {
    #[schema(example = 2019)]
    from: i32,
    #[schema(example = 2020)]
    to: i32,
    /// How many targets were copied, each as a draft.
    #[schema(example = 12)]
    copied: usize,
}

/// The budget year of the path (404 for any other), if the token may move and copy years (403).
fn year_of(state: &AppState, bearer: &Bearer, year: &str) -> Result<i32, AppError> {
    let year = year
        .parse()
        .ok()
        .filter(|y| YEARS.contains(y))
        .ok_or_else(|| AppError::not_found("problem-detail-no-page", ""))?;
    let snapshot = state.snapshot();
    bearer.require(Operation::ApproveTargets, Subject::Any, &snapshot.cascade.organisations)?;
    Ok(year)
}

fn problem(pointer: &str, detail: &'static str) -> FieldProblem {
    FieldProblem {
        pointer: pointer.into(),
        detail,
        value: String::new(),
    }
}

/// Moves the year's targets one step.
#[utoipa::path(
    post,
    path = "/api/v1/staff/target-years/{year}/steps",
    tag = "staff",
    security(("bearer" = [])),
    params(("year" = i32, Path, description = "The budget year", minimum = 2000, maximum = 2100, example = 2018)),
    request_body = TargetYearStepDto,
    responses(
        (status = 200, description = "The targets moved", body = TargetYearSteppedDto, headers(("Cache-Control" = String))),
        (status = 400, description = "The body is not JSON", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 403, description = "The token (or its account) is not the strategy office's", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 404, description = "Not a budget year", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 409, description = "No target of the year stands where the step starts: nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 422, description = "The body has mistakes, or the lint finds errors in the year and no override_lint gives a reason (each error listed at /override_lint): nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
    )
)]
pub async fn post_step(
    bearer: Bearer,
    State(state): State<AppState>,
    Path(year): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let year = year_of(&state, &bearer, &year)?;
    let body: TargetYearStepDto = read_json(&headers, &body)?;
    let mut problems = Vec::new();
    let reason = reason(&body.reason, &mut problems);
    if let Some(detail) = body.override_lint.as_deref().and_then(override_problem) {
        problems.push(problem("/override_lint", detail));
    }
    let Some(reason) = reason.filter(|_| problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    let snapshot = state.snapshot();
    let scope = crate::http::staff::edits::scope(&snapshot);
    let change = Change::new(bearer.actor(), reason);
    let step = body.step.domain();
    let lint_override = body.override_lint.as_deref();
    let moved = match move_year(
        state.store.as_ref(),
        scope,
        &bearer.account,
        year,
        step,
        lint_override,
        &change,
    )
    .await
    {
        Ok(moved) => moved,
        Err(YearError::Edit(error)) => return Err(error.into()),
        Err(YearError::Lint(errors)) => {
            let each = |error| FieldProblem {
                pointer: "/override_lint".into(),
                detail: "api-error-target-year-lint",
                value: error,
            };
            return Err(AppError::Invalid(errors.into_iter().map(each).collect()));
        }
    };
    if moved == 0 {
        return Err(AppError::Conflict {
            detail: "staff-error-step-none",
            value: String::new(),
        });
    }
    if let Err(error) = state.refresh().await {
        tracing::warn!("cannot catch up with the write just made: {error:#}");
    }
    let done = TargetYearSteppedDto {
        year,
        step: body.step,
        moved,
    };
    Ok(Json(done).into_response())
}

/// Copies the year's targets to another budget year as drafts.
#[utoipa::path(
    post,
    path = "/api/v1/staff/target-years/{year}/copies",
    tag = "staff",
    security(("bearer" = [])),
    params(("year" = i32, Path, description = "The budget year copied", minimum = 2000, maximum = 2100, example = 2018)),
    request_body = TargetYearCopyDto,
    responses(
        (status = 201, description = "Copied", body = TargetYearCopiedDto, headers(("Cache-Control" = String))),
        (status = 400, description = "The body is not JSON", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 403, description = "The token (or its account) is not the strategy office's", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 404, description = "Not a budget year", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 409, description = "The year has no targets to copy, or the other year has some already: nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 422, description = "The body has mistakes, listed in errors: nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
    )
)]
pub async fn post_copy(
    bearer: Bearer,
    State(state): State<AppState>,
    Path(year): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let year = year_of(&state, &bearer, &year)?;
    let body: TargetYearCopyDto = read_json(&headers, &body)?;
    let mut problems = Vec::new();
    let to = Some(body.to).filter(|to| YEARS.contains(to));
    if to.is_none() {
        problems.push(problem("/to", "staff-error-year"));
    }
    let reason = reason(&body.reason, &mut problems);
    let (Some(to), Some(reason)) = (to, reason) else {
        return Err(AppError::Invalid(problems));
    };
    if let Some(key) = copy_obstacle(&state.snapshot().cascade, year, Some(to)) {
        return Err(AppError::Conflict {
            detail: key,
            value: String::new(),
        });
    }
    let change = Change::new(bearer.actor(), reason);
    let copied = copy_targets(state.store.as_ref(), year, to, &change).await?;
    if let Err(error) = state.refresh().await {
        tracing::warn!("cannot catch up with the write just made: {error:#}");
    }
    let done = TargetYearCopiedDto { from: year, to, copied };
    Ok((StatusCode::CREATED, Json(done)).into_response())
}
