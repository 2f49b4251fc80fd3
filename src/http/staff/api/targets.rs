//! Performance targets through the write API: `GET` gives a target as stored with its `ETag`, `PUT` replaces
//! its content with a reason provided `If-Match` still names that state, `POST` creates a new draft. The checks
//! are those of the staff form: organisations that existed in the target's year, goals of the strategy,
//! indicators that exist, and reach (an integration of a department sets only that department's targets and
//! links only indicators it follows, or ones nobody follows yet). Approved targets are locked: 409.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header::{ETAG, LOCATION};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::bearer::Bearer;
use super::body::read_json;
use super::items::{field_problems, precondition, read, reason, text_pointers, TextsDto};
use super::preconditions::etag;
use super::WriteProblemDto;
use crate::app::targets::{check_reach, create_target, edit_target, TargetError};
use crate::domain::access::policy::{Operation, Subject};
use crate::domain::cascade::TargetStatus;
use crate::domain::change::Change;
use crate::domain::edit::{target_from_input, Item, ItemRef, TargetInput, TargetItem};
use crate::domain::TargetId;
use crate::http::{AppError, AppState};
use crate::store::Applied;

/// A performance target of a budget year.
#[derive(Serialize, ToSchema)]
pub struct TargetStateDto {
    #[schema(example = 4)]
    id: u32,
    #[schema(example = 2018)]
    year: i32,
    /// Only approved targets are public; approved ones are locked until the strategy office reopens the year.
    status: TargetStatus,
    /// The slug of the organisation whose budget holds the target.
    #[schema(example = "sivistystoimi")]
    organisation: String,
    /// The slug of the organisation answerable for reaching it.
    #[schema(example = "sivistystoimi")]
    responsible: String,
    title: TextsDto,
    /// The council goals it serves.
    goals: Vec<u32>,
    /// The indicators that measure it.
    indicators: Vec<u32>,
    /// Whether the council binds the organisation to it.
    binding: bool,
}

/// A target's new content, with the reason kept in the audit log. A target keeps its budget year: to plan
/// another year, copy the year.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetWriteDto {
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
        example = "Talousarvioehdotuksen valmistelu"
    )]
    reason: String,
    /// The slug of an organisation that existed in the target's year.
    #[schema(example = "sivistystoimi", max_length = 100)]
    organisation: String,
    /// The organisation answerable for it, when not the same one.
    #[serde(default)]
    #[schema(max_length = 100)]
    responsible: Option<String>,
    /// At most 500 characters a language; Finnish required.
    title: TextsDto,
    /// One to 50 council goals.
    #[schema(min_items = 1, max_items = 50, example = json!([15]))]
    goals: Vec<u32>,
    /// At most 50 indicators.
    #[serde(default)]
    #[schema(max_items = 50)]
    indicators: Vec<u32>,
    #[serde(default)]
    binding: bool,
}

/// A new target of a budget year, with the reason kept in the audit log.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTargetDto {
    /// The budget year.
    #[schema(minimum = 2000, maximum = 2100, example = 2019)]
    year: i32,
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
        example = "Talousarvioehdotuksen valmistelu"
    )]
    reason: String,
    /// The slug of an organisation that existed in the target's year.
    #[schema(example = "sivistystoimi", max_length = 100)]
    organisation: String,
    /// The organisation answerable for it, when not the same one.
    #[serde(default)]
    #[schema(max_length = 100)]
    responsible: Option<String>,
    /// At most 500 characters a language; Finnish required.
    title: TextsDto,
    /// One to 50 council goals.
    #[schema(min_items = 1, max_items = 50, example = json!([15]))]
    goals: Vec<u32>,
    /// At most 50 indicators.
    #[serde(default)]
    #[schema(max_items = 50)]
    indicators: Vec<u32>,
    #[serde(default)]
    binding: bool,
}

impl NewTargetDto {
    /// The year, and the content as an edit has it.
    fn split(self) -> (i32, TargetWriteDto) {
        let content = TargetWriteDto {
            reason: self.reason,
            organisation: self.organisation,
            responsible: self.responsible,
            title: self.title,
            goals: self.goals,
            indicators: self.indicators,
            binding: self.binding,
        };
        (self.year, content)
    }
}

fn dto(id: TargetId, item: &Item) -> Result<serde_json::Value, AppError> {
    let Item::Target(target) = item else {
        return Err(crate::http::staff::edits::another_kind());
    };
    serde_json::to_value(TargetStateDto {
        id: id.get(),
        year: target.year,
        status: target.status,
        organisation: target.organisation.to_string(),
        responsible: target.responsible.to_string(),
        title: TextsDto::of(&target.title),
        goals: target.goals.iter().map(|g| g.get()).collect(),
        indicators: target.indicators.iter().map(|i| i.get()).collect(),
        binding: target.binding,
    })
    .map_err(|e| AppError::Internal(e.into()))
}

/// The target of the path if it exists and the token reaches it (400, 404, 403).
pub fn reachable(state: &AppState, bearer: &Bearer, id: &str) -> Result<TargetId, AppError> {
    let id: TargetId = id
        .parse()
        .map_err(|_| AppError::bad_request("problem-detail-malformed-id", id.chars().take(80).collect::<String>()))?;
    let snapshot = state.snapshot();
    let target = snapshot
        .cascade
        .target(id)
        .ok_or_else(|| AppError::not_found("problem-detail-no-page", ""))?;
    let subject = Subject::Target {
        organisation: &target.organisation,
    };
    bearer.require(Operation::EditTargets, subject, &snapshot.cascade.organisations)?;
    Ok(id)
}

/// The body checked as the form checks a typed target of `year`, against `before` when there is one; every
/// mistake with its place.
fn checked(
    state: &AppState,
    bearer: &Bearer,
    (year, before): (i32, Option<&TargetItem>),
    body: &TargetWriteDto,
) -> Result<(TargetItem, String), AppError> {
    let snapshot = state.snapshot();
    let mut problems = Vec::new();
    let reason = reason(&body.reason, &mut problems);
    let goals: Vec<String> = body.goals.iter().map(ToString::to_string).collect();
    let indicators: Vec<String> = body.indicators.iter().map(ToString::to_string).collect();
    let indicators = indicators.join(",");
    let input = TargetInput {
        organisation: &body.organisation,
        responsible: body.responsible.as_deref().unwrap_or_default(),
        title: TextsDto::typed(Some(&body.title)),
        goals: &goals,
        indicators: &indicators,
        binding: body.binding,
    };
    let mut pointers = BTreeMap::from([
        ("year", "/year"),
        ("organisation", "/organisation"),
        ("responsible", "/responsible"),
        ("goals", "/goals"),
        ("indicators", "/indicators"),
    ]);
    text_pointers("title", &mut pointers, ["/title/fi", "/title/sv", "/title/en"]);
    let target = match target_from_input(year, input, before, &snapshot.strategy, &snapshot.cascade) {
        Ok(target) => Some(target),
        Err(errors) => {
            problems.extend(field_problems(errors, &pointers));
            None
        }
    };
    let (Some(reason), Some(target), true) = (reason, target, problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    // The token's scope may be narrower than its account's role: the new content must be within both.
    let scope = crate::http::staff::edits::scope(&snapshot);
    check_reach(scope, &bearer.scoped(), before, &target).map_err(|e| refused(e, &pointers))?;
    Ok((target, reason))
}

/// A refusal of the app layer as the API answers it.
fn refused(error: TargetError, pointers: &BTreeMap<&str, &str>) -> AppError {
    match error {
        TargetError::Edit(error) => error.into(),
        TargetError::Approved => AppError::Conflict {
            detail: "problem-detail-target-approved",
            value: String::new(),
        },
        TargetError::Fields(errors) => AppError::Invalid(field_problems(errors, pointers)),
    }
}

/// A target as stored now; its `ETag` is what `If-Match` names to replace it.
#[utoipa::path(
    get,
    path = "/api/v1/staff/targets/{id}",
    tag = "staff",
    security(("bearer" = [])),
    params(("id" = u32, Path, description = "The target's id", minimum = 1, maximum = 999999, example = 4)),
    responses(
        (status = 200, description = "The target, whatever its status", body = TargetStateDto,
         headers(("ETag" = String, description = "The target's version, for If-Match"), ("Cache-Control" = String))),
        (status = 304, description = "Still the state named in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 400, description = "The id is malformed", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 403, description = "The token (or its account) may not edit this target", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 404, description = "No target has this id", body = WriteProblemDto, content_type = "application/problem+json"),
    )
)]
pub async fn get_target(
    bearer: Bearer,
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let id = reachable(&state, &bearer, &id)?;
    read(&state, &bearer, ItemRef::Target(id), &headers, |item| dto(id, item)).await
}

/// Replaces a target's content, with a reason.
///
/// `If-Match` must name the target's current `ETag` (or be `*`). An approved target is locked (409) until the
/// strategy office reopens its year. Every mistake is listed in the 422's `errors`.
#[utoipa::path(
    put,
    path = "/api/v1/staff/targets/{id}",
    tag = "staff",
    security(("bearer" = [])),
    params(
        ("id" = u32, Path, description = "The target's id", minimum = 1, maximum = 999999, example = 4),
        ("If-Match" = String, Header, description = "The ETag of the target replaced, or * for whatever it is",
         pattern = r#"^(\*|(W/)?"[^"]*"(\s*,\s*(W/)?"[^"]*")*)$"#),
    ),
    request_body = TargetWriteDto,
    responses(
        (status = 200, description = "Saved (or already so)", body = TargetStateDto,
         headers(("ETag" = String, description = "The version saved"), ("Cache-Control" = String))),
        (status = 400, description = "The id, If-Match or the body is malformed", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 403, description = "The token (or its account) may not edit this target or give it this organisation", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 404, description = "No target has this id", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 409, description = "The target is approved: nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 412, description = "The target changed since the ETag in If-Match: nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 422, description = "The body has mistakes, listed in errors: nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
    )
)]
pub async fn put_target(
    bearer: Bearer,
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let id = reachable(&state, &bearer, &id)?;
    let snapshot = state.snapshot();
    let scope = crate::http::staff::edits::scope(&snapshot);
    let before = precondition(&state, scope, &bearer, ItemRef::Target(id), &headers).await?;
    let Item::Target(held) = &before else {
        return Err(crate::http::staff::edits::another_kind());
    };
    let body: TargetWriteDto = read_json(&headers, &body)?;
    let (after, reason) = checked(&state, &bearer, (held.year, Some(held)), &body)?;
    let change = Change::new(bearer.actor(), reason);
    let expected = before.revision();
    let applied = edit_target(
        state.store.as_ref(),
        scope,
        &bearer.account,
        (id, held),
        after.clone(),
        &expected,
        &change,
    )
    .await
    .map_err(|error| refused(error, &BTreeMap::from([("indicators", "/indicators")])))?;
    match applied {
        Applied::Saved(tag) | Applied::Unchanged(tag) => {
            if let Err(error) = state.refresh().await {
                tracing::warn!("cannot catch up with the write just made: {error:#}");
            }
            Ok(([(ETAG, etag(tag.as_str()))], Json(dto(id, &Item::Target(after))?)).into_response())
        }
        Applied::Stale(_) => Err(AppError::PreconditionFailed),
    }
}

/// Creates a target as a draft of its budget year, with a reason.
///
/// The answer's `Location` is the new target's address, its `ETag` the version to
/// name in a later `PUT`. Every mistake is listed in the 422's `errors`.
#[utoipa::path(
    post,
    path = "/api/v1/staff/targets",
    tag = "staff",
    security(("bearer" = [])),
    request_body = NewTargetDto,
    responses(
        (status = 201, description = "Created as a draft", body = TargetStateDto,
         headers(("Location" = String, description = "The new target's address in this API"),
                 ("ETag" = String, description = "The version created"), ("Cache-Control" = String))),
        (status = 400, description = "The body is not JSON", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 403, description = "The token (or its account) may not set targets, or not for this organisation", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 422, description = "The body has mistakes, listed in errors: nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
    )
)]
pub async fn post_target(
    bearer: Bearer,
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let snapshot = state.snapshot();
    bearer.require(Operation::EditTargets, Subject::Any, &snapshot.cascade.organisations)?;
    let body: NewTargetDto = read_json(&headers, &body)?;
    let (year, body) = body.split();
    let (target, reason) = checked(&state, &bearer, (year, None), &body)?;
    let change = Change::new(bearer.actor(), reason);
    let scope = crate::http::staff::edits::scope(&snapshot);
    let id = create_target(state.store.as_ref(), scope, &bearer.account, &target, &change)
        .await
        .map_err(|error| refused(error, &BTreeMap::from([("indicators", "/indicators")])))?;
    if let Err(error) = state.refresh().await {
        tracing::warn!("cannot catch up with the write just made: {error:#}");
    }
    let item = Item::Target(target);
    let tag = item.revision();
    let location =
        HeaderValue::from_str(&format!("/api/v1/staff/targets/{id}")).map_err(|e| AppError::Internal(e.into()))?;
    Ok((
        StatusCode::CREATED,
        [(LOCATION, location), (ETAG, etag(tag.as_str()))],
        Json(dto(id, &item)?),
    )
        .into_response())
}
