//! An action's progress report through the write API: `GET` gives it as stored with its `ETag`, `PUT` replaces
//! it (state, per cent done, date of the situation, note in three languages) with a reason, provided `If-Match`
//! still names the state it was read in. The checks are those of the staff form.

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
use super::WriteProblemDto;
use crate::domain::access::policy::{Operation, Subject};
use crate::domain::cascade::ActionState;
use crate::domain::edit::{progress_from_input, Item, ItemRef};
use crate::domain::ActionId;
use crate::http::{AppError, AppState};

/// An action's progress as its owner reports it; `null` fields are not reported.
#[derive(Serialize, ToSchema)]
pub struct ProgressStateDto {
    #[schema(example = 12)]
    action: u32,
    /// `null` when nobody has reported on the action yet.
    report: Option<ReportDto>,
}

/// One progress report.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportDto {
    #[schema(example = "in_progress")]
    state: ActionState,
    /// Per cent done, 0–100, when given.
    #[schema(minimum = 0, maximum = 100, example = 40)]
    #[serde(default)]
    percent: Option<u8>,
    /// The day the report describes, 2000–2100.
    #[schema(format = Date, pattern = r"^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", example = "2024-03-31")]
    as_of: String,
    /// A note in Markdown, Finnish first (at most 5,000 characters a language).
    #[serde(default)]
    note: Option<TextsDto>,
}

/// A new report, with the reason kept in the audit log.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressWriteDto {
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
        example = "Quarterly report"
    )]
    reason: String,
    report: ReportDto,
}

fn dto(action: ActionId, item: &Item) -> Result<serde_json::Value, AppError> {
    let Item::Progress(progress) = item else {
        return Err(crate::http::staff::edits::another_kind());
    };
    let report = progress.as_ref().map(|p| ReportDto {
        state: p.state,
        percent: p.percent,
        as_of: p.as_of.to_string(),
        note: p.note.as_ref().map(TextsDto::of),
    });
    serde_json::to_value(ProgressStateDto {
        action: action.get(),
        report,
    })
    .map_err(|e| AppError::Internal(e.into()))
}

/// The action of the path if the token reaches it (400, 403).
fn reachable(bearer: &Bearer, id: &str) -> Result<ActionId, AppError> {
    let id: ActionId = id
        .parse()
        .map_err(|_| AppError::bad_request("problem-detail-malformed-id", id.chars().take(80).collect::<String>()))?;
    bearer.require(Operation::ReportActionProgress, Subject::Action(id), &[])?;
    Ok(id)
}

/// An action's progress report as stored now; its `ETag` is what `If-Match` names to replace it.
#[utoipa::path(
    get,
    path = "/api/v1/staff/actions/{id}/progress",
    tag = "staff",
    security(("bearer" = [])),
    params(("id" = u32, Path, description = "The action's id", minimum = 1, maximum = 999999, example = 1)),
    responses(
        (status = 200, description = "The action's progress", body = ProgressStateDto,
         headers(("ETag" = String, description = "The report's version, for If-Match"), ("Cache-Control" = String))),
        (status = 304, description = "Still the state named in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 400, description = "The id is malformed", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 403, description = "The token (or its account) may not report on this action", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 404, description = "No action has this id", body = WriteProblemDto, content_type = "application/problem+json"),
    )
)]
pub async fn get_progress(
    bearer: Bearer,
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let action = reachable(&bearer, &id)?;
    read(&state, &bearer, ItemRef::Progress(action), &headers, |item| {
        dto(action, item)
    })
    .await
}

/// Replaces an action's progress report, with a reason.
///
/// `If-Match` must name the report's current `ETag` (or be `*`). Every mistake is listed in the 422's `errors`.
#[utoipa::path(
    put,
    path = "/api/v1/staff/actions/{id}/progress",
    tag = "staff",
    security(("bearer" = [])),
    params(
        ("id" = u32, Path, description = "The action's id", minimum = 1, maximum = 999999, example = 1),
        ("If-Match" = String, Header, description = "The ETag of the report replaced, or * for whatever it is",
         pattern = r#"^(\*|(W/)?"[^"]*"(\s*,\s*(W/)?"[^"]*")*)$"#),
    ),
    request_body = ProgressWriteDto,
    responses(
        (status = 200, description = "Saved (or already so)", body = ProgressStateDto,
         headers(("ETag" = String, description = "The version saved"), ("Cache-Control" = String))),
        (status = 400, description = "The id, If-Match or the body is malformed", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 403, description = "The token (or its account) may not report on this action", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 404, description = "No action has this id", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 412, description = "The report changed since the ETag in If-Match: nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 422, description = "The body has mistakes, listed in errors: nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
    )
)]
pub async fn put_progress(
    bearer: Bearer,
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let action = reachable(&bearer, &id)?;
    let item = ItemRef::Progress(action);
    let snapshot = state.snapshot();
    let scope = crate::http::staff::edits::scope(&snapshot);
    let before = precondition(&state, scope, &bearer, item, &headers).await?;
    let body: ProgressWriteDto = read_json(&headers, &body)?;
    let mut problems = Vec::new();
    let reason = reason(&body.reason, &mut problems);
    let Item::Progress(held) = &before else {
        return Err(crate::http::staff::edits::another_kind());
    };
    let report = &body.report;
    let percent = report.percent.map(|p| p.to_string()).unwrap_or_default();
    let checked = progress_from_input(
        action,
        report.state.as_str(),
        &percent,
        &report.as_of,
        TextsDto::typed(report.note.as_ref()),
        held.as_ref(),
    );
    let mut pointers = BTreeMap::from([
        ("state", "/report/state"),
        ("percent", "/report/percent"),
        ("as_of", "/report/as_of"),
    ]);
    text_pointers(
        "note",
        &mut pointers,
        ["/report/note/fi", "/report/note/sv", "/report/note/en"],
    );
    let progress = match checked {
        Ok(progress) => Some(progress),
        Err(errors) => {
            problems.extend(field_problems(errors, &pointers));
            None
        }
    };
    let (Some(reason), Some(progress)) = (reason, progress) else {
        return Err(AppError::Invalid(problems));
    };
    write(
        &state,
        &bearer,
        (&before, Item::Progress(Some(progress))),
        item,
        reason,
        |item| dto(action, item),
    )
    .await
}
