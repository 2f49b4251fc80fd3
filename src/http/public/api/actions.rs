//! One action with its progress and status updates (`/api/v1/actions/{id}`). The updates are read from the
//! store on each request, not from the snapshot, which holds only the current progress; the answer still has an
//! ETag for revalidation.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Serialize;
use utoipa::ToSchema;

use super::dto::{TextDto, UrlsDto};
use super::{parse_id, respond, to_json, ProblemDto};
use crate::domain::cascade::ActionState;
use crate::domain::edit::{ActionUpdate, UpdateLog};
use crate::domain::ActionId;
use crate::http::routes::Page;
use crate::http::{AppError, AppState};

/// An action with where it stands and what its owners have said about it.
#[derive(Serialize, ToSchema)]
pub struct ActionDetailDto {
    #[schema(example = 12)]
    id: u32,
    title: TextDto,
    /// The goal the action serves.
    goal: ActionGoalDto,
    /// The current progress (what the situational picture counts), `null` when nobody has reported any. It is
    /// the latest update's unless someone corrected it since; progress reported before updates existed has no
    /// update at all.
    progress: Option<ProgressDto>,
    /// The newest update, `null` when none was posted.
    latest_update: Option<UpdateDto>,
    /// Every update, newest first (the latest included).
    updates: Vec<UpdateDto>,
    url: UrlsDto,
}

#[derive(Serialize, ToSchema)]
pub struct ActionGoalDto {
    id: u32,
    slug: String,
    title: TextDto,
    url: UrlsDto,
}

/// An action's current progress.
#[derive(Serialize, ToSchema)]
pub struct ProgressDto {
    #[schema(example = "in_progress")]
    state: ActionState,
    /// Per cent done, when given.
    #[schema(minimum = 0, maximum = 100, example = 40)]
    percent: Option<u8>,
    /// The day the progress describes.
    #[schema(format = Date, example = "2024-03-31")]
    as_of: String,
    /// A note in Markdown.
    note: Option<TextDto>,
    /// Illustrative data shipped with Tarina, not reported by the city.
    example: bool,
}

/// One status update, as its owner posted it.
#[derive(Serialize, ToSchema)]
pub struct UpdateDto {
    #[schema(example = 3)]
    id: i64,
    #[schema(example = "in_progress")]
    state: ActionState,
    #[schema(minimum = 0, maximum = 100, example = 40)]
    percent: Option<u8>,
    #[schema(format = Date, example = "2024-03-31")]
    as_of: String,
    /// What was done and what comes next, in Markdown; `null` when the update gives only its figures.
    narrative: Option<TextDto>,
    /// Links to evidence (decisions, reports), each an `https` address.
    evidence: Vec<EvidenceDto>,
    /// When the update was posted (RFC 3339, UTC).
    #[schema(format = DateTime, example = "2024-04-02T09:30:00Z")]
    posted_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct EvidenceDto {
    /// What the link is; `null` when only the address was given.
    title: Option<String>,
    #[schema(pattern = "^https://", example = "https://www.espoo.fi/fi/paatokset")]
    url: String,
}

impl From<&ActionUpdate> for UpdateDto {
    fn from(update: &ActionUpdate) -> Self {
        let content = &update.content;
        UpdateDto {
            id: update.id,
            state: content.state,
            percent: content.percent,
            as_of: content.as_of.to_string(),
            narrative: content.narrative.as_ref().map(TextDto::from),
            evidence: (content.evidence.iter())
                .map(|e| EvidenceDto {
                    title: e.title.clone(),
                    url: e.url.clone(),
                })
                .collect(),
            posted_at: update.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        }
    }
}

/// The progress of an action as the action page and the API show it, read from the store.
pub async fn read_log(state: &AppState, action: ActionId) -> Result<UpdateLog, AppError> {
    let city = state.snapshot().strategy.city.slug.to_string();
    Ok(state.store.update_log(&city, action).await?)
}

/// One action with its goal, current progress and status updates (newest first).
#[utoipa::path(
    get,
    path = "/api/v1/actions/{id}",
    tag = "strategy",
    params(("id" = u32, Path, description = "The action's id, a whole number from 1 to 999999", minimum = 1, maximum = 999999, example = 1)),
    responses(
        (status = 200, description = "The action", body = ActionDetailDto, headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag given in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 400, description = "The id is not a whole number from 1 to 999999", body = ProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String, description = "The language of title and detail"))),
        (status = 404, description = "No action has this id", body = ProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String, description = "The language of title and detail"))),
    )
)]
pub async fn action(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let id: ActionId = parse_id(&id)?;
    let snapshot = state.snapshot();
    let (goal, action) = snapshot
        .strategy
        .goals()
        .find_map(|(_, g)| g.actions.iter().find(|a| a.id == id).map(|a| (g, a)))
        .ok_or_else(|| AppError::not_found("problem-detail-no-action", id.to_string()))?;
    let log = read_log(&state, id).await?;
    let updates: Vec<UpdateDto> = log.updates.iter().map(UpdateDto::from).collect();
    let dto = ActionDetailDto {
        id: id.get(),
        title: (&action.title).into(),
        goal: ActionGoalDto {
            id: goal.id.get(),
            slug: goal.slug.to_string(),
            title: (&goal.title).into(),
            url: (&Page::Goal(goal.slug.to_string())).into(),
        },
        progress: log.current.as_ref().map(|p| ProgressDto {
            state: p.state,
            percent: p.percent,
            as_of: p.as_of.to_string(),
            note: p.note.as_ref().map(TextDto::from),
            example: p.example,
        }),
        latest_update: log.latest().map(UpdateDto::from),
        updates,
        url: (&Page::Action(id.to_string())).into(),
    };
    respond(&snapshot, None, "application/json", &headers, || to_json(&dto))
}
