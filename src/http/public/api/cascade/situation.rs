//! The situational picture: every area and council goal with its status.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

use super::selection::*;
use super::situation_dto::*;
use crate::http::cache::Scope;
use crate::http::public::api::{respond, to_json};
use crate::http::{AppError, AppState};

/// The situational picture: every area and council goal with its status.
///
/// Statuses roll up from the indicators and the reported progress of actions; `rule` says how, and `counts`
/// sums them up.
#[utoipa::path(
    get,
    path = "/api/v1/situation",
    tag = "cascade",
    responses(
        (status = 200, description = "The situational picture", body = SituationDto, headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag given in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
    )
)]
pub async fn situation(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let snapshot = state.snapshot();
    respond(
        &snapshot,
        Some(("/api/v1/situation", Scope::Cascade)),
        JSON,
        &headers,
        || to_json(&SituationDto::new(&snapshot.strategy, &snapshot.published)),
    )
}
