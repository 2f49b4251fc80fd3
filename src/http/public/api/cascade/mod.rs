//! The cascade endpoints: indicators with their values (as JSON, JSON-stat 2.0 and CSV), annual performance
//! targets, organisations, regions and the situational picture.
//!
//! An indicator may hold a million values, so nothing here copies a series: a request's values are located by a
//! binary search on each region's series (kept oldest first) and only the page that is sent is read. Every value
//! response is bounded by `limit` and continues with `offset`; the next page's address is given in the body
//! (JSON: `page.next`; JSON-stat: `link.next`) and, for the JSON-stat and CSV downloads, in a `Link` header.

use std::collections::HashSet;
use std::ops::Range;

use axum::extract::{Path, Query, State};
use axum::http::header::LINK;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use chrono::NaiveDate;
use serde_json::{json, Map, Value};

mod dto;
mod query;
mod situation_dto;

use dto::*;
use query::*;
use situation_dto::*;

pub use query::document_regions;

use super::dto::ProblemDto;
use super::{parse_id, respond, to_json};
use crate::domain::cascade::{Cascade, Correction, Indicator, Measurement, Series};
use crate::domain::{IndicatorId, Lang, Slug};
use crate::formats::jsonstat;
use crate::http::cache::Scope;
use crate::http::{AppError, AppState};

/// The most region × time cells of one JSON-stat dataset. Sparse values (each region on different dates)
/// would otherwise make a grid of up to regions × `limit` mostly empty cells.
const MAX_CELLS: usize = 1_000_000;

const JSON: &str = "application/json";
const CSV: &str = "text/csv; charset=utf-8";

/// Where the values a query selects are: per series, the index range within `from`–`to`. Only indices are
/// kept, so selecting from a million values costs one binary search per region.
struct Selection<'a> {
    ranges: Vec<(&'a Series, Range<usize>)>,
    total: usize,
}

impl<'a> Selection<'a> {
    fn new(indicator: &'a Indicator, query: &ValuesQuery) -> Selection<'a> {
        let ranges: Vec<(&Series, Range<usize>)> = indicator
            .series
            .iter()
            .filter(|s| query.regions.is_empty() || query.regions.iter().any(|r| r == s.region.as_str()))
            .map(|s| {
                let start = query.from.map_or(0, |from| s.values.partition_point(|m| m.date < from));
                let end = query
                    .to
                    .map_or(s.values.len(), |to| s.values.partition_point(|m| m.date <= to));
                (s, start..end.max(start))
            })
            .collect();
        let total = ranges.iter().map(|(_, range)| range.len()).sum();
        Selection { ranges, total }
    }

    /// How many values [`Selection::page`] gives, without reading them.
    fn page_len(&self, offset: usize, limit: usize) -> usize {
        limit.min(self.total.saturating_sub(offset))
    }

    /// At most `limit` values after the first `offset`, in order, as references into the series.
    fn page(&self, offset: usize, limit: usize) -> Vec<(&'a Slug, &'a Measurement)> {
        let mut page = Vec::with_capacity(self.page_len(offset, limit));
        let mut skip = offset;
        for (series, range) in &self.ranges {
            if page.len() == limit {
                break;
            }
            if skip >= range.len() {
                skip -= range.len();
                continue;
            }
            let start = range.start + skip;
            skip = 0;
            let end = range.end.min(start + (limit - page.len()));
            page.extend(series.values[start..end].iter().map(|m| (&series.region, m)));
        }
        page
    }

    /// The offset of the page after one of `shown` values at `offset`, if any values remain.
    fn next_offset(&self, offset: usize, shown: usize) -> Option<usize> {
        let next = offset + shown;
        (shown > 0 && next < self.total).then_some(next)
    }
}

fn find_indicator(cascade: &Cascade, id: IndicatorId) -> Result<&Indicator, AppError> {
    cascade
        .indicator(id)
        .ok_or_else(|| AppError::not_found("problem-detail-no-indicator", id.to_string()))
}

/// Adds `Link: <next>; rel="next"` (RFC 8288) when there is a next page.
fn with_next_link(mut response: Response, next: Option<&str>) -> Response {
    if let Some(value) = next.and_then(|url| HeaderValue::from_str(&format!("<{url}>; rel=\"next\"")).ok()) {
        response.headers_mut().insert(LINK, value);
    }
    response
}

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
    let all = &snapshot.cascade.indicators;
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
    let query = ValuesQuery::parse(&pairs, &snapshot.cascade)?;
    let indicator = find_indicator(&snapshot.cascade, id)?;
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

/// An indicator's values as a JSON-stat 2.0 dataset.
///
/// The dimensions are `region` (role geo) and `time` (role time), in that order. Labels are in the language of `lang`.
/// When any value is an example, `note` says so and `status` marks each example value with `example`. The dataset holds
/// at most `limit` values (100000 by default) and at most 1000000 region × time cells; when more match, `link.next` and
/// the `Link` header give the next page.
#[utoipa::path(
    get,
    path = "/api/v1/indicators/{id}/jsonstat",
    tag = "cascade",
    params(
        ("id" = u32, Path, description = "The indicator's id, a whole number from 1 to 999999", minimum = 1, maximum = 999999, example = 4),
        JsonStatQuery,
    ),
    responses(
        (status = 200, description = "The dataset (https://json-stat.org/format/)", content_type = "application/json", body = Object,
         headers(("ETag" = String), ("Cache-Control" = String), ("Link" = String, description = "The next page, when more values match"))),
        (status = 304, description = "Not modified since the ETag given in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 400, description = "The id is not a whole number from 1 to 999999, or a query parameter is malformed \
                                      or names a region the city does not have", body = ProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String, description = "The language of title and detail"))),
        (status = 404, description = "No indicator has this id", body = ProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String, description = "The language of title and detail"))),
    )
)]
pub async fn indicator_jsonstat(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let id = parse_id(&id)?;
    let snapshot = state.snapshot();
    let JsonStatQuery { values: query, lang } = JsonStatQuery::parse(&pairs, &snapshot.cascade)?;
    let indicator = find_indicator(&snapshot.cascade, id)?;
    let limit = query.limit.unwrap_or(MAX_LIMIT);
    let selection = Selection::new(indicator, &query);
    let mut values = selection.page(query.offset, limit);
    values.truncate(fitting_grid(&values));
    let path = format!("{}/jsonstat", indicator_api_url(indicator.id));
    let next = selection
        .next_offset(query.offset, values.len())
        .map(|offset| query.page_url(&path, limit, offset, lang));
    let key = (query.is_default() && lang.is_none()).then_some((path.as_str(), Scope::Indicator(indicator.id)));
    let response = respond(&snapshot, key, JSON, &headers, || {
        let labels = Labels::new(&state, lang.unwrap_or(Lang::Fi));
        to_json(&dataset(
            &snapshot.cascade,
            indicator,
            &values,
            &labels,
            next.as_deref(),
        ))
    })?;
    Ok(with_next_link(response, next.as_deref()))
}

/// How many of `values` (grouped by region) fit in a grid of at most [`MAX_CELLS`]; at least one, so a
/// client paging through always moves on.
fn fitting_grid(values: &[(&Slug, &Measurement)]) -> usize {
    let mut times = HashSet::new();
    let mut regions = 0;
    for (i, (region, m)) in values.iter().enumerate() {
        let new_region = i == 0 || values[i - 1].0 != *region;
        let cells = (regions + usize::from(new_region)) * (times.len() + usize::from(!times.contains(&m.date)));
        if i > 0 && cells > MAX_CELLS {
            return i;
        }
        regions += usize::from(new_region);
        times.insert(m.date);
    }
    values.len()
}

/// The words of a JSON-stat dataset in one language.
struct Labels {
    lang: Lang,
    region: String,
    time: String,
    example_note: String,
}

impl Labels {
    /// The same messages as the indicator page, so the dataset and the page describe the values alike.
    fn new(state: &AppState, lang: Lang) -> Labels {
        Labels {
            lang,
            region: state.i18n.text(lang, "column-region"),
            time: state.i18n.text(lang, "column-date"),
            example_note: state.i18n.text(lang, "indicator-example-notice"),
        }
    }
}

/// The JSON-stat document of `values` (grouped by region, each region's oldest first).
fn dataset(
    cascade: &Cascade,
    indicator: &Indicator,
    values: &[(&Slug, &Measurement)],
    labels: &Labels,
    next: Option<&str>,
) -> Value {
    let lang = labels.lang;
    let mut regions: Vec<&Slug> = Vec::new();
    for (region, _) in values {
        if regions.last() != Some(region) {
            regions.push(region);
        }
    }
    let mut times: Vec<NaiveDate> = values.iter().map(|(_, m)| m.date).collect();
    times.sort_unstable();
    times.dedup();
    let columns = times.len();
    let mut cells = vec![None; regions.len() * columns];
    let mut examples = Map::new();
    let mut row = 0;
    for (i, (region, m)) in values.iter().enumerate() {
        if i > 0 && values[i - 1].0 != *region {
            row += 1;
        }
        let column = times.binary_search(&m.date).unwrap_or_default();
        let cell = row * columns + column;
        cells[cell] = Some(m.value);
        if m.provenance.example {
            examples.insert(cell.to_string(), "example".into());
        }
    }
    let data = jsonstat::Dataset {
        label: indicator.name.resolve(lang).text,
        source: indicator.source.resolve(lang).text,
        updated: values.iter().map(|(_, m)| m.provenance.entered_at).max(),
        unit_label: indicator.unit.resolve(lang).text,
        decimals: indicator.decimals,
        regions: regions
            .iter()
            .map(|slug| {
                let label = cascade
                    .region(slug)
                    .map_or(slug.as_str(), |r| r.name.resolve(lang).text);
                (slug.as_str(), label)
            })
            .collect(),
        times,
        value: jsonstat::row_major(&cells, columns),
        notes: if examples.is_empty() {
            Vec::new()
        } else {
            vec![labels.example_note.as_str()]
        },
        region_dimension_label: &labels.region,
        time_dimension_label: &labels.time,
        extension: Some(json!({
            "indicator": {"id": indicator.id, "slug": indicator.slug, "url": indicator_api_url(indicator.id)},
        })),
    };
    let mut document = jsonstat::to_json(&data);
    if let Value::Object(members) = &mut document {
        if !examples.is_empty() {
            members.insert("status".into(), Value::Object(examples));
        }
        if let Some(next) = next {
            members.insert("link".into(), json!({"next": [{"type": JSON, "href": next}]}));
        }
    }
    document
}

/// An indicator's values as CSV, to correct in a spreadsheet and import again.
///
/// The columns are those `tarina indicators import` reads, `indicator` (the id), `region`, `date` (YYYY-MM-DD), `value`
/// and `source`, and then `example` (`true` for an example value). UTF-8 with a byte order mark (for Excel), comma
/// separated, CRLF line ends. A text cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or
/// carriage return) gets a leading apostrophe. At most `limit` values (100000 by default); when more match, the `Link`
/// header gives the next page.
#[utoipa::path(
    get,
    path = "/api/v1/indicators/{id}/values.csv",
    tag = "cascade",
    params(
        ("id" = u32, Path, description = "The indicator's id, a whole number from 1 to 999999", minimum = 1, maximum = 999999, example = 4),
        ValuesQuery,
    ),
    responses(
        (status = 200, description = "The values, one per row", content_type = "text/csv", body = String,
         headers(("ETag" = String), ("Cache-Control" = String), ("Link" = String, description = "The next page, when more values match"))),
        (status = 304, description = "Not modified since the ETag given in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 400, description = "The id is not a whole number from 1 to 999999, or a query parameter is malformed \
                                      or names a region the city does not have", body = ProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String, description = "The language of title and detail"))),
        (status = 404, description = "No indicator has this id", body = ProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String, description = "The language of title and detail"))),
    )
)]
pub async fn indicator_csv(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let id = parse_id(&id)?;
    let snapshot = state.snapshot();
    let query = ValuesQuery::parse(&pairs, &snapshot.cascade)?;
    let indicator = find_indicator(&snapshot.cascade, id)?;
    let limit = query.limit.unwrap_or(MAX_LIMIT);
    let selection = Selection::new(indicator, &query);
    let path = format!("{}/values.csv", indicator_api_url(indicator.id));
    let next = selection
        .next_offset(query.offset, selection.page_len(query.offset, limit))
        .map(|offset| query.page_url(&path, limit, offset, None));
    let key = query
        .is_default()
        .then_some((path.as_str(), Scope::Indicator(indicator.id)));
    let response = respond(&snapshot, key, CSV, &headers, || {
        csv_values(indicator.id, &selection.page(query.offset, limit)).map_err(AppError::Internal)
    })?;
    Ok(with_next_link(response, next.as_deref()))
}

/// The import's columns and `example`.
const CSV_COLUMNS: [&str; 6] = ["indicator", "region", "date", "value", "source", "example"];

fn csv_values(id: IndicatorId, values: &[(&Slug, &Measurement)]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(64 + values.len() * 96);
    out.extend_from_slice(b"\xEF\xBB\xBF");
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(CSV_COLUMNS)?;
    let id = id.to_string();
    for (region, m) in values {
        let example = if m.provenance.example { "true" } else { "false" };
        writer.write_record([
            id.as_str(),
            region.as_str(),
            &m.date.to_string(),
            // Rust writes the shortest text that reads back as the same number, never with an exponent.
            &m.value.to_string(),
            // The Finnish source text: what an import reads back, so a download imports again unchanged.
            &crate::formats::annex::guard_formula(&m.provenance.source.fi),
            example,
        ])?;
    }
    writer
        .into_inner()
        .map_err(|e| anyhow::anyhow!("cannot finish the CSV: {e}"))
}

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
        let cascade = &snapshot.cascade;
        let years = cascade.years();
        let year = year.or(years.last().copied());
        let mut targets: Vec<TargetDto> = year
            .map(|y| cascade.targets_of_year(y).map(|t| TargetDto::new(cascade, t)).collect())
            .unwrap_or_default();
        targets.sort_by_key(|t| t.id);
        to_json(&TargetsDto { year, years, targets })
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
        || to_json(&snapshot.cascade.regions.iter().map(RegionDto::from).collect::<Vec<_>>()),
    )
}

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
        || to_json(&SituationDto::new(&snapshot.strategy, &snapshot.cascade)),
    )
}
