//! A performance target's assessment through the write API: `GET` gives the grade and its justification as
//! stored with its `ETag`, `PUT` replaces them with a reason, provided `If-Match` still names that state. The
//! checks are those of the staff form: a grade needs a Finnish justification, no grade means not assessed.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::bearer::Bearer;
use super::body::read_json;
use super::items::{field_problems, precondition, read, reason, text_pointers, write, TextsDto};
use super::targets::reachable;
use super::WriteProblemDto;
use crate::domain::cascade::Grade;
use crate::domain::edit::{assessment_from_input, Item, ItemRef};
use crate::domain::TargetId;
use crate::http::{AppError, AppState};

/// A target's assessment after its year; both `null` while it is not assessed.
#[derive(Serialize, ToSchema)]
pub struct AssessmentStateDto {
    #[schema(example = 1)]
    target: u32,
    #[schema(example = "partly_achieved")]
    grade: Option<Grade>,
    /// Why the grade, in Markdown, Finnish first.
    justification: Option<TextsDto>,
}

/// A new assessment, with the reason kept in the audit log. Leave out `grade` and `justification` to mark the
/// target not assessed.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentWriteDto {
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
        example = "Audit committee's evaluation report"
    )]
    reason: String,
    #[serde(default)]
    grade: Option<Grade>,
    /// At most 5,000 characters a language; Finnish required with a grade.
    #[serde(default)]
    justification: Option<TextsDto>,
}

fn dto(target: TargetId, item: &Item) -> Result<serde_json::Value, AppError> {
    let Item::Assessment(assessment) = item else {
        return Err(crate::http::staff::edits::another_kind());
    };
    serde_json::to_value(AssessmentStateDto {
        target: target.get(),
        grade: assessment.as_ref().map(|a| a.grade),
        justification: assessment.as_ref().map(|a| TextsDto::of(&a.justification)),
    })
    .map_err(|e| AppError::Internal(e.into()))
}

/// A target's assessment as stored now; its `ETag` is what `If-Match` names to replace it.
#[utoipa::path(
    get,
    path = "/api/v1/staff/targets/{id}/assessment",
    tag = "staff",
    security(("bearer" = [])),
    params(("id" = u32, Path, description = "The target's id", minimum = 1, maximum = 999999, example = 1)),
    responses(
        (status = 200, description = "The target's assessment", body = AssessmentStateDto,
         headers(("ETag" = String, description = "The assessment's version, for If-Match"), ("Cache-Control" = String))),
        (status = 304, description = "Still the state named in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 400, description = "The id is malformed", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 403, description = "The token (or its account) may not assess this target", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 404, description = "No target has this id", body = WriteProblemDto, content_type = "application/problem+json"),
    )
)]
pub async fn get_assessment(
    bearer: Bearer,
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let target = reachable(&state, &bearer, &id)?;
    read(&state, &bearer, ItemRef::Assessment(target), &headers, |item| {
        dto(target, item)
    })
    .await
}

/// Replaces a target's assessment, with a reason.
///
/// `If-Match` must name the assessment's current `ETag` (or be `*`). Every mistake is listed in the 422's
/// `errors`.
#[utoipa::path(
    put,
    path = "/api/v1/staff/targets/{id}/assessment",
    tag = "staff",
    security(("bearer" = [])),
    params(
        ("id" = u32, Path, description = "The target's id", minimum = 1, maximum = 999999, example = 1),
        ("If-Match" = String, Header, description = "The ETag of the assessment replaced, or * for whatever it is",
         pattern = r#"^(\*|(W/)?"[^"]*"(\s*,\s*(W/)?"[^"]*")*)$"#),
    ),
    request_body = AssessmentWriteDto,
    responses(
        (status = 200, description = "Saved (or already so)", body = AssessmentStateDto,
         headers(("ETag" = String, description = "The version saved"), ("Cache-Control" = String))),
        (status = 400, description = "The id, If-Match or the body is malformed", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 403, description = "The token (or its account) may not assess this target", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 404, description = "No target has this id", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 412, description = "The assessment changed since the ETag in If-Match: nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 422, description = "The body has mistakes, listed in errors: nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
    )
)]
pub async fn put_assessment(
    bearer: Bearer,
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let target = reachable(&state, &bearer, &id)?;
    let item = ItemRef::Assessment(target);
    let snapshot = state.snapshot();
    let scope = crate::http::staff::edits::scope(&snapshot);
    let before = precondition(&state, scope, &bearer, item, &headers).await?;
    let body: AssessmentWriteDto = read_json(&headers, &body)?;
    let mut problems = Vec::new();
    let reason = reason(&body.reason, &mut problems);
    let Item::Assessment(held) = &before else {
        return Err(crate::http::staff::edits::another_kind());
    };
    let grade = body.grade.map(Grade::as_str).unwrap_or_default();
    let checked = assessment_from_input(grade, TextsDto::typed(body.justification.as_ref()), held.as_ref());
    let mut pointers = BTreeMap::from([("grade", "/grade")]);
    text_pointers(
        "justification",
        &mut pointers,
        ["/justification/fi", "/justification/sv", "/justification/en"],
    );
    let assessment = match checked {
        Ok(assessment) => Some(assessment),
        Err(errors) => {
            problems.extend(field_problems(errors, &pointers));
            None
        }
    };
    let (Some(reason), Some(assessment)) = (reason, assessment) else {
        return Err(AppError::Invalid(problems));
    };
    write(
        &state,
        &bearer,
        (&before, Item::Assessment(assessment)),
        item,
        reason,
        |item| dto(target, item),
    )
    .await
}
