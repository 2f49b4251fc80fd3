//! The indicators, one indicator with a page of its values, and the regions values are reported for.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::dto::*;
use super::query::*;
use super::selection::*;
use crate::domain::cascade::Correction;
use crate::http::cache::Scope;
use crate::http::public::api::dto::ProblemDto;
use crate::http::public::api::{parse_id, respond, to_json};
use crate::http::{AppError, AppState};

/// Every indicator with its reference values, its newest value, status and forecast.
///
/// In id order, in pages of `limit` (1000 by default): when more follow, the `Link` header gives the next page.
#[utoipa::path(
    get,
    path = "/api/v1/indicators",
    tag = "cascade",
    params(ListQuery),
    responses(
        (status = 200, description = "A page of the indicators in id order", body = Vec<IndicatorSummaryDto>,
         headers(("ETag" = String, description = "Version of this response"), ("Cache-Control" = String),
                 ("Link" = String, description = "The next page, when more indicators follow"))),
        (status = 304, description = "Not modified since the ETag given in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 400, description = "`limit` or `offset` is malformed or out of bounds", body = ProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String, description = "The language of title and detail"))),
    )
)]
pub async fn indicators(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    const PATH: &str = "/api/v1/indicators";
    let query = ListQuery::parse(&pairs)?;
    let snapshot = state.snapshot();
    // The cascade keeps its indicators in id order.
    let all = &snapshot.published.indicators;
    let (page, next) = query.page(all.len(), PATH);
    let key = query.is_default().then_some(PATH);
    let response = respond(&snapshot, key.map(|k| (k, Scope::Cascade)), JSON, &headers, || {
        to_json(
            &all[page]
                .iter()
                .map(|i| IndicatorSummaryDto::new(i))
                .collect::<Vec<_>>(),
        )
    })?;
    Ok(with_next_link(response, next.as_deref()))
}

/// One indicator with its definition, source, status in each region, corrections and a page of its values.
///
/// The values can be narrowed by region and date. A page holds at most `limit` values (10000 by default,
/// 100000 at most); `page.next` is the address of the next page, `null` on the last.
#[utoipa::path(
    get,
    path = "/api/v1/indicators/{id}",
    tag = "cascade",
    params(
        ("id" = u32, Path, description = "The indicator's id, a whole number from 1 to 999999", minimum = 1, maximum = 999999, example = 4),
        ValuesQuery,
    ),
    responses(
        (status = 200, description = "The indicator", body = IndicatorDetailDto, headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag given in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 400, description = "The id is not a whole number from 1 to 999999, or a query parameter is malformed \
                                      or names a region the city does not have", body = ProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String, description = "The language of title and detail"))),
        (status = 404, description = "No indicator has this id", body = ProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String, description = "The language of title and detail"))),
    )
)]
pub async fn indicator(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let id = parse_id(&id)?;
    let snapshot = state.snapshot();
    let query = ValuesQuery::parse(&pairs, &snapshot.published)?;
    let indicator = find_indicator(&snapshot.published, id)?;
    let key = query.is_default().then(|| indicator_api_url(indicator.id));
    let scope = Scope::Indicator(indicator.id);
    respond(&snapshot, key.as_deref().map(|k| (k, scope)), JSON, &headers, || {
        let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
        let selection = Selection::new(indicator, &query);
        let values = selection.page(query.offset, limit);
        let next = selection
            .next_offset(query.offset, values.len())
            .map(|offset| query.page_url(&indicator_api_url(indicator.id), limit, offset, None));
        let corrections: Vec<&Correction> = indicator
            .corrections
            .iter()
            .filter(|c| query.selects(&c.region, c.date))
            .collect();
        let recent = &corrections[corrections.len().saturating_sub(limit)..];
        let page = PageDto {
            offset: query.offset,
            limit,
            total: selection.total,
            next,
        };
        to_json(&IndicatorDetailDto::new(
            indicator,
            recent,
            corrections.len(),
            &values,
            page,
        ))
    })
}

/// The regions indicators are reported for: the whole city and its centres.
#[utoipa::path(
    get,
    path = "/api/v1/regions",
    tag = "cascade",
    responses(
        (status = 200, description = "Every region", body = Vec<RegionDto>, headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag given in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
    )
)]
pub async fn regions(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let snapshot = state.snapshot();
    respond(
        &snapshot,
        Some(("/api/v1/regions", Scope::Cascade)),
        JSON,
        &headers,
        || {
            to_json(
                &snapshot
                    .published
                    .regions
                    .iter()
                    .map(RegionDto::from)
                    .collect::<Vec<_>>(),
            )
        },
    )
}
