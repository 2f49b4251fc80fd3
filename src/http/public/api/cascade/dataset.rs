//! An indicator's values as a JSON-stat 2.0 dataset (region × time).

use std::collections::HashSet;

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::NaiveDate;
use serde_json::{json, Map, Value};

use super::dto::*;
use super::query::*;
use super::selection::*;
use crate::domain::cascade::{Cascade, Indicator, Measurement};
use crate::domain::{Lang, Slug};
use crate::formats::jsonstat;
use crate::http::cache::Scope;
use crate::http::public::api::dto::ProblemDto;
use crate::http::public::api::{parse_id, respond, to_json};
use crate::http::{AppError, AppState};

/// The most region × time cells of one JSON-stat dataset. Sparse values (each region on different dates)
/// would otherwise make a grid of up to regions × `limit` mostly empty cells.
const MAX_CELLS: usize = 1_000_000;

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
    let JsonStatQuery { values: query, lang } = JsonStatQuery::parse(&pairs, &snapshot.published)?;
    let indicator = find_indicator(&snapshot.published, id)?;
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
            &snapshot.published,
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
