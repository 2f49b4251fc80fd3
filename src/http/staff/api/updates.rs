//! Status updates of an action through the write API: `GET` gives the action's current progress and its
//! updates (newest first) with an `ETag`, `POST` appends an update (state, per cent done, date, narrative in
//! three languages, evidence links) with a reason, provided `If-Match` still names the state it was read in.
//! The checks are those of the staff form; the update becomes the action's current progress.

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
use super::items::{field_problems, reason, text_pointers, TextsDto};
use super::preconditions::{etag, not_modified, IfMatch};
use super::WriteProblemDto;
use crate::app::edits::EditError;
use crate::domain::access::policy::{Operation, Subject};
use crate::domain::cascade::ActionState;
use crate::domain::change::Change;
use crate::domain::edit::{
    update_from_input, ActionUpdate, Revision, UpdateInput, UpdateLog, EVIDENCE_TITLE_FIELDS, EVIDENCE_URL_FIELDS,
};
use crate::domain::ActionId;
use crate::http::{AppError, AppState};
use crate::store::Posted;

/// An action's current progress and its status updates.
#[derive(Serialize, ToSchema)]
pub struct UpdatesStateDto {
    #[schema(example = 12)]
    action: u32,
    /// The current progress, `null` when nobody has reported on the action yet.
    current: Option<CurrentDto>,
    /// Every update, newest first.
    updates: Vec<PostedUpdateDto>,
}

/// The current progress as the updates (or an earlier report) left it.
#[derive(Serialize, ToSchema)]
pub struct CurrentDto {
    #[schema(example = "in_progress")]
    state: ActionState,
    #[schema(minimum = 0, maximum = 100, example = 40)]
    percent: Option<u8>,
    #[schema(format = Date, example = "2024-03-31")]
    as_of: String,
    /// Illustrative progress shipped with Tarina, not reported by the city.
    example: bool,
}

/// One posted update. Its fields are listed here rather than flattened from [`NewUpdateDto`]: that one
/// refuses unknown fields, so in the document it would refuse this one's `id`, `author` and `posted_at`.
#[derive(Serialize, ToSchema)]
pub struct PostedUpdateDto {
    #[schema(example = 3)]
    id: i64,
    #[schema(example = "in_progress")]
    state: ActionState,
    /// Per cent done, 0–100, when given.
    #[schema(minimum = 0, maximum = 100, example = 40)]
    percent: Option<u8>,
    /// The day the update describes.
    #[schema(format = Date, example = "2024-03-31")]
    as_of: String,
    /// What was done and what comes next, in Markdown.
    narrative: Option<TextsDto>,
    evidence: Vec<EvidenceLinkDto>,
    /// The display name of the account that posted it, `null` if it no longer exists.
    author: Option<String>,
    #[schema(format = DateTime, example = "2024-04-02T09:30:00Z")]
    posted_at: String,
}

/// A status update.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUpdateDto {
    #[schema(example = "in_progress")]
    state: ActionState,
    /// Per cent done, 0–100, when given.
    #[schema(minimum = 0, maximum = 100, example = 40)]
    #[serde(default)]
    percent: Option<u8>,
    /// The day the update describes, 2000–2100; not before the action's current progress.
    #[schema(format = Date, pattern = r"^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", example = "2024-03-31")]
    as_of: String,
    /// What was done and what comes next, in Markdown, Finnish first (at most 5,000 characters a language).
    #[serde(default)]
    narrative: Option<TextsDto>,
    /// At most three links to evidence.
    #[serde(default)]
    #[schema(max_items = 3)]
    evidence: Vec<EvidenceLinkDto>,
}

/// A link to evidence: an absolute `https://` address with a host name, and optionally what it is.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceLinkDto {
    #[serde(default)]
    #[schema(
        max_length = 200,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$",
        example = "Kaupunginhallituksen päätös 12.3.2024"
    )]
    title: Option<String>,
    /// A host name with at least one dot and an optional port, then anything but spaces, quotes, angle
    /// brackets, backslashes, backticks and control characters.
    #[schema(
        max_length = 2000,
        pattern = r#"^https://[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+(?::[0-9]{1,5})?(?:[/?#][^\s"'<>\\`\u0000-\u001f\u007f-\u009f]*)?$"#,
        example = "https://www.espoo.fi/fi/paatokset"
    )]
    url: String,
}

/// A new update, with the reason kept in the audit log.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateWriteDto {
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
        example = "Quarterly report"
    )]
    reason: String,
    update: NewUpdateDto,
}

fn posted_dto(update: &ActionUpdate) -> PostedUpdateDto {
    let content = &update.content;
    PostedUpdateDto {
        id: update.id,
        state: content.state,
        percent: content.percent,
        as_of: content.as_of.to_string(),
        narrative: content.narrative.as_ref().map(TextsDto::of),
        evidence: (content.evidence.iter())
            .map(|e| EvidenceLinkDto {
                title: e.title.clone(),
                url: e.url.clone(),
            })
            .collect(),
        author: update.author.clone(),
        posted_at: update.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    }
}

fn state_dto(action: ActionId, log: &UpdateLog) -> UpdatesStateDto {
    UpdatesStateDto {
        action: action.get(),
        current: log.current.as_ref().map(|p| CurrentDto {
            state: p.state,
            percent: p.percent,
            as_of: p.as_of.to_string(),
            example: p.example,
        }),
        updates: log.updates.iter().map(posted_dto).collect(),
    }
}

/// The action of the path if the token reaches it (400, 403), and its log as stored now (404).
async fn reachable(state: &AppState, bearer: &Bearer, id: &str) -> Result<(ActionId, UpdateLog), AppError> {
    let id: ActionId = id
        .parse()
        .map_err(|_| AppError::bad_request("problem-detail-malformed-id", id.chars().take(80).collect::<String>()))?;
    bearer.require(Operation::ReportActionProgress, Subject::Action(id), &[])?;
    let snapshot = state.snapshot();
    let scope = crate::http::staff::edits::scope(&snapshot);
    let log = crate::app::updates::log(state.store.as_ref(), scope, &bearer.account, id).await?;
    Ok((id, log))
}

/// An action's current progress and status updates, newest first; the `ETag` is what `If-Match` names to post.
#[utoipa::path(
    get,
    path = "/api/v1/staff/actions/{id}/updates",
    tag = "staff",
    security(("bearer" = [])),
    params(("id" = u32, Path, description = "The action's id", minimum = 1, maximum = 999999, example = 1)),
    responses(
        (status = 200, description = "The action's progress and updates", body = UpdatesStateDto,
         headers(("ETag" = String, description = "The state of the updates, for If-Match"), ("Cache-Control" = String))),
        (status = 304, description = "Still the state named in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 400, description = "The id is malformed", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 403, description = "The token (or its account) may not report on this action", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 404, description = "No action has this id", body = WriteProblemDto, content_type = "application/problem+json"),
    )
)]
pub async fn get_updates(
    bearer: Bearer,
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (action, log) = reachable(&state, &bearer, &id).await?;
    let tag = log.revision();
    if not_modified(&headers, tag.as_str()) {
        return Ok((StatusCode::NOT_MODIFIED, [(ETAG, etag(tag.as_str()))]).into_response());
    }
    Ok(([(ETAG, etag(tag.as_str()))], Json(state_dto(action, &log))).into_response())
}

/// Posts a status update of an action, with a reason; it becomes the action's current progress.
///
/// `If-Match` must name the updates' current `ETag` (or be `*`). Every mistake is listed in the 422's `errors`.
/// The same update sent again (a retry) is not posted twice: the answer is then 200 instead of 201.
#[utoipa::path(
    post,
    path = "/api/v1/staff/actions/{id}/updates",
    tag = "staff",
    security(("bearer" = [])),
    params(
        ("id" = u32, Path, description = "The action's id", minimum = 1, maximum = 999999, example = 1),
        ("If-Match" = String, Header, description = "The ETag of the updates read, or * for whatever they are",
         pattern = r#"^(\*|(W/)?"[^"]*"(\s*,\s*(W/)?"[^"]*")*)$"#),
    ),
    request_body = UpdateWriteDto,
    responses(
        (status = 201, description = "Posted", body = UpdatesStateDto,
         headers(("ETag" = String, description = "The state of the updates now"), ("Location" = String, description = "The action in the open API"))),
        (status = 200, description = "The same update was the latest already: nothing was posted", body = UpdatesStateDto,
         headers(("ETag" = String, description = "The state of the updates"))),
        (status = 400, description = "The id, If-Match or the body is malformed", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 403, description = "The token (or its account) may not report on this action", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 404, description = "No action has this id", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 409, description = "The update is dated before the action's current progress: nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 412, description = "An update was posted or the progress corrected since the ETag in If-Match: nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 422, description = "The body has mistakes, listed in errors: nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
    )
)]
pub async fn post_update(
    bearer: Bearer,
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let (action, log) = reachable(&state, &bearer, &id).await?;
    IfMatch::from_headers(&headers)?.expect(log.revision().as_str())?;
    let body: UpdateWriteDto = read_json(&headers, &body)?;
    let mut problems = Vec::new();
    let reason = reason(&body.reason, &mut problems);
    let sent = &body.update;
    let percent = sent.percent.map(|p| p.to_string()).unwrap_or_default();
    let input = UpdateInput {
        state: sent.state.as_str(),
        percent: &percent,
        as_of: &sent.as_of,
        narrative: TextsDto::typed(sent.narrative.as_ref()),
        evidence: (sent.evidence.iter())
            .map(|e| (e.title.as_deref().unwrap_or_default(), e.url.as_str()))
            .collect(),
    };
    let mut pointers = BTreeMap::from([
        ("update_state", "/update/state"),
        ("update_percent", "/update/percent"),
        ("update_as_of", "/update/as_of"),
        ("evidence", "/update/evidence"),
    ]);
    text_pointers(
        "narrative",
        &mut pointers,
        ["/update/narrative/fi", "/update/narrative/sv", "/update/narrative/en"],
    );
    const TITLES: [&str; 3] = [
        "/update/evidence/0/title",
        "/update/evidence/1/title",
        "/update/evidence/2/title",
    ];
    const URLS: [&str; 3] = [
        "/update/evidence/0/url",
        "/update/evidence/1/url",
        "/update/evidence/2/url",
    ];
    pointers.extend(EVIDENCE_TITLE_FIELDS.into_iter().zip(TITLES));
    pointers.extend(EVIDENCE_URL_FIELDS.into_iter().zip(URLS));
    let update = match update_from_input(action, &input) {
        Ok(update) => Some(update),
        Err(errors) => {
            problems.extend(field_problems(errors, &pointers));
            None
        }
    };
    let (Some(reason), Some(update)) = (reason, update) else {
        return Err(AppError::Invalid(problems));
    };
    if log.backdates(&update) {
        return Err(AppError::Conflict {
            detail: "problem-detail-update-backdated",
            value: update.as_of.to_string(),
        });
    }
    let snapshot = state.snapshot();
    let scope = crate::http::staff::edits::scope(&snapshot);
    let change = Change::new(bearer.actor(), reason);
    let expected: Revision = log.revision();
    let posted = crate::app::updates::post(
        state.store.as_ref(),
        scope,
        &bearer.account,
        &update,
        &expected,
        &change,
    )
    .await
    .map_err(|error| match error {
        EditError::Store(error) => AppError::from(error),
        other => AppError::from(other),
    })?;
    let (status, now) = match posted {
        Posted::Saved(now) => (StatusCode::CREATED, now),
        Posted::Unchanged(now) => (StatusCode::OK, now),
        Posted::Stale(_) => return Err(AppError::PreconditionFailed),
    };
    if let Err(error) = state.refresh().await {
        tracing::warn!("cannot catch up with the write just made: {error:#}");
    }
    let tag = now.revision();
    let location = format!("/api/v1/actions/{action}");
    Ok((
        status,
        [
            (ETAG, etag(tag.as_str())),
            (
                LOCATION,
                HeaderValue::from_str(&location).map_err(|e| AppError::Internal(e.into()))?,
            ),
        ],
        Json(state_dto(action, &now)),
    )
        .into_response())
}
