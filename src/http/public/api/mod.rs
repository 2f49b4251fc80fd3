//! The open JSON API (`/api/v1/…`) and its OpenAPI 3.1 document, generated from these handlers.

mod actions;
mod cascade;
mod dto;
mod surveys;
mod versions;

pub(in crate::http::public) use actions::read_log as actions_log;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde::Serialize;
use utoipa::OpenApi;

use crate::domain::GoalId;
use crate::http::cache::{respond_once, Scope, PUBLIC_CACHE};
use crate::http::{AppError, AppState, Snapshot};
use dto::*;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tarina API",
        version = "1",
        description = "The city strategy as open data: every text in Finnish (the source), Swedish and English. \
                       Responses carry an ETag; send it back in If-None-Match to get 304 Not Modified. \
                       Errors are RFC 9457 problem details in the language asked for with Accept-Language.",
        license(name = "CC BY 4.0", url = "https://creativecommons.org/licenses/by/4.0/")
    ),
    paths(
        strategy,
        areas,
        goal,
        actions::action,
        programmes,
        cascade::indicators,
        cascade::indicator,
        cascade::indicator_jsonstat,
        cascade::indicator_csv,
        cascade::targets,
        cascade::organisations,
        cascade::regions,
        cascade::situation,
        versions::versions,
        versions::version_strategy,
        versions::version_diff,
        surveys::surveys,
        surveys::results,
        openapi_document
    ),
    tags(
        (name = "strategy", description = "The current approved strategy"),
        (name = "cascade", description = "The yearly cascade: indicators with their values, annual performance \
                                          targets, organisations, regions and the situational picture. Statuses \
                                          and forecasts are derived from the values on every request."),
        (name = "versions", description = "The versions of the strategy the city has decided on, and what changed \
                                           between two of them"),
        (name = "surveys", description = "Surveys residents answer, and their live results computed from counts \
                                          kept up to date with every answer"),
        (name = "meta", description = "About the API")
    )
)]
struct ApiDoc;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/strategy", get(strategy))
        .route("/api/v1/areas", get(areas))
        .route("/api/v1/goals/{id}", get(goal))
        .route("/api/v1/actions/{id}", get(actions::action))
        .route("/api/v1/programmes", get(programmes))
        .route("/api/v1/indicators", get(cascade::indicators))
        .route("/api/v1/indicators/{id}", get(cascade::indicator))
        .route("/api/v1/indicators/{id}/jsonstat", get(cascade::indicator_jsonstat))
        .route("/api/v1/indicators/{id}/values.csv", get(cascade::indicator_csv))
        .route("/api/v1/targets", get(cascade::targets))
        .route("/api/v1/organisations", get(cascade::organisations))
        .route("/api/v1/regions", get(cascade::regions))
        .route("/api/v1/situation", get(cascade::situation))
        .route("/api/v1/versions", get(versions::versions))
        .route("/api/v1/versions/{label}/strategy", get(versions::version_strategy))
        .route("/api/v1/versions/{from}/diff/{to}", get(versions::version_diff))
        .route("/api/v1/surveys", get(surveys::surveys))
        .route("/api/v1/surveys/{slug}/results", get(surveys::results))
        .route("/api/v1/openapi.json", get(openapi_document))
}

/// The open API's part of the OpenAPI document, built with every snapshot of the data: the `region` filters
/// list the city's regions, so a request the document allows is one the server accepts.
pub fn document(cascade: &crate::domain::cascade::Cascade) -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    cascade::document_regions(&mut doc, cascade);
    doc
}

/// Serves a body with an ETag, from the snapshot's cache under `key` when there is one (rendering and
/// compressing it on first use). Without a key the body is rendered for this request only: requests with query
/// parameters have unbounded combinations, and keeping each would let clients fill the memory. They still get
/// an ETag, so a revalidation saves the transfer if not the rendering, and are compressed on the fly.
fn respond(
    snapshot: &Snapshot,
    key: Option<(&str, Scope)>,
    content_type: &'static str,
    headers: &HeaderMap,
    render: impl FnOnce() -> Result<Vec<u8>, AppError>,
) -> Result<Response, AppError> {
    Ok(match key {
        Some((key, scope)) => snapshot
            .cache
            .get_or_render(key, scope, content_type, render)?
            .respond(headers, PUBLIC_CACHE),
        None => respond_once(
            render()?,
            content_type,
            headers,
            PUBLIC_CACHE,
            snapshot.cache.compresses(),
        ),
    })
}

fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, AppError> {
    serde_json::to_vec(value).map_err(|e| AppError::Internal(e.into()))
}

/// Serves a JSON document from the snapshot's cache, rendering it on first use.
fn cached_json<T: Serialize>(
    state: &AppState,
    key: &str,
    headers: &HeaderMap,
    make: impl FnOnce(&crate::domain::Strategy) -> Result<T, AppError>,
) -> Result<Response, AppError> {
    let snapshot = state.snapshot();
    // These documents show the strategy alone, so cascade changes keep them.
    respond(
        &snapshot,
        Some((key, Scope::Strategy)),
        "application/json",
        headers,
        || to_json(&make(&snapshot.strategy)?),
    )
}

/// An id from a path: a canonical whole number from 1 to 999999, else 400.
fn parse_id<T: std::str::FromStr>(id: &str) -> Result<T, AppError> {
    id.parse()
        .map_err(|_| AppError::bad_request("problem-detail-malformed-id", id))
}

/// The whole current strategy: vision, values, headline goals, areas with their goals and actions,
/// programmes, narrative and preparation timeline.
#[utoipa::path(
    get,
    path = "/api/v1/strategy",
    tag = "strategy",
    responses(
        (status = 200, description = "The current approved strategy", body = StrategyDto,
         headers(("ETag" = String, description = "Version of this response"), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag given in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
    )
)]
async fn strategy(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    cached_json(&state, "/api/v1/strategy", &headers, |s| Ok(StrategyDto::from(s)))
}

/// The areas of the strategy, each with its aim, goals and actions.
#[utoipa::path(
    get,
    path = "/api/v1/areas",
    tag = "strategy",
    responses(
        (status = 200, description = "All areas in order", body = Vec<AreaDto>, headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag given in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
    )
)]
async fn areas(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    cached_json(&state, "/api/v1/areas", &headers, |s| {
        Ok(s.areas.iter().map(AreaDto::from).collect::<Vec<_>>())
    })
}

/// One council-term goal with its actions and its area.
#[utoipa::path(
    get,
    path = "/api/v1/goals/{id}",
    tag = "strategy",
    params(("id" = u32, Path, description = "The goal's id, a whole number from 1 to 999999", minimum = 1, maximum = 999999, example = 20)),
    responses(
        (status = 200, description = "The goal", body = GoalDetailDto, headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag given in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 400, description = "The id is not a whole number from 1 to 999999", body = ProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String, description = "The language of title and detail"))),
        (status = 404, description = "No goal has this id", body = ProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String, description = "The language of title and detail"))),
    )
)]
async fn goal(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Result<Response, AppError> {
    let goal_id: GoalId = parse_id(&id)?;
    let key = format!("/api/v1/goals/{goal_id}");
    cached_json(&state, &key, &headers, |s| {
        let (area, goal) = s
            .goal(goal_id)
            .ok_or_else(|| AppError::not_found("problem-detail-no-goal", goal_id.to_string()))?;
        Ok(GoalDetailDto::new(area, goal))
    })
}

/// The cross-administrative development programmes.
#[utoipa::path(
    get,
    path = "/api/v1/programmes",
    tag = "strategy",
    responses(
        (status = 200, description = "All programmes in order", body = Vec<ProgrammeDto>, headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag given in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
    )
)]
async fn programmes(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    cached_json(&state, "/api/v1/programmes", &headers, |s| {
        Ok(s.programmes.iter().map(ProgrammeDto::from).collect::<Vec<_>>())
    })
}

/// This document: the OpenAPI 3.1 description of the API.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    responses(
        (status = 200, description = "The OpenAPI document", content_type = "application/json", body = Object,
         headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag given in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
    )
)]
async fn openapi_document(State(state): State<AppState>, headers: HeaderMap) -> Response {
    state.snapshot().openapi.respond(&headers, PUBLIC_CACHE)
}

/// One operation of the OpenAPI document, flattened for the human-readable API page.
#[derive(Debug, Serialize)]
pub struct Operation {
    method: String,
    path: String,
    summary: String,
    description: String,
    parameters: Vec<(String, String)>,
    responses: Vec<(String, String)>,
}

/// Reads the operations out of the generated document, so the API page can never disagree with it.
pub fn operations(document: &serde_json::Value) -> Vec<Operation> {
    let text = |v: &serde_json::Value, key: &str| v.get(key).and_then(|s| s.as_str()).unwrap_or_default().to_owned();
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            operations.push(Operation {
                method: method.to_uppercase(),
                path: path.clone(),
                summary: text(op, "summary"),
                description: text(op, "description"),
                parameters: op["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|p| (text(p, "name"), text(p, "description")))
                    .collect(),
                responses: op["responses"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(status, r)| (status.clone(), text(r, "description")))
                    .collect(),
            });
        }
    }
    operations
}
