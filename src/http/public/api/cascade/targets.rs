//! The annual performance targets of a budget year and the organisations that carry them.

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::dto::*;
use super::query::*;
use super::selection::*;
use crate::http::cache::Scope;
use crate::http::public::api::dto::ProblemDto;
use crate::http::public::api::{respond, to_json};
use crate::http::{AppError, AppState};

/// The annual performance targets of one budget year, with the status of their indicators.
///
/// Without `year`, the latest year that has targets. A year without targets gives an empty list; `years`
/// lists the years that have some.
#[utoipa::path(
    get,
    path = "/api/v1/targets",
    tag = "cascade",
    params(("year" = Option<i32>, Query, description = "The budget year, 2000 to 2100", minimum = 2000, maximum = 2100, example = 2018)),
    responses(
        (status = 200, description = "The targets of the year in id order", body = TargetsDto, headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag given in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 400, description = "The year is not a whole number from 2000 to 2100", body = ProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String, description = "The language of title and detail"))),
    )
)]
pub async fn targets(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let year = budget_year(&pairs)?;
    let snapshot = state.snapshot();
    // Every valid year has a key of its own, and there are only 101 of them.
    let key = year.map_or_else(|| "/api/v1/targets".to_owned(), |y| format!("/api/v1/targets?year={y}"));
    respond(&snapshot, Some((&key, Scope::Cascade)), JSON, &headers, || {
        let cascade = &snapshot.published;
        let years = cascade.years();
        let year = year.or(years.last().copied());
        let mut targets: Vec<TargetDto> = year
            .map(|y| cascade.targets_of_year(y).map(|t| TargetDto::new(cascade, t)).collect())
            .unwrap_or_default();
        targets.sort_by_key(|t| t.id);
        let lint_override = year.and_then(|y| LintOverrideDto::of(cascade, y));
        to_json(&TargetsDto {
            year,
            years,
            targets,
            lint_override,
        })
    })
}

/// The organisations whose budgets carry the targets, as a flat list in which each names its parent.
#[utoipa::path(
    get,
    path = "/api/v1/organisations",
    tag = "cascade",
    responses(
        (status = 200, description = "Every organisation, the city first", body = Vec<OrganisationDto>, headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag given in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
    )
)]
pub async fn organisations(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let snapshot = state.snapshot();
    respond(
        &snapshot,
        Some(("/api/v1/organisations", Scope::Cascade)),
        JSON,
        &headers,
        || {
            to_json(
                &snapshot
                    .cascade
                    .organisations
                    .iter()
                    .map(OrganisationDto::from)
                    .collect::<Vec<_>>(),
            )
        },
    )
}
