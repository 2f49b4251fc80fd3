//! An indicator's values as CSV, in the columns `tarina indicators import` reads.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::dto::*;
use super::query::*;
use super::selection::*;
use crate::domain::cascade::Measurement;
use crate::domain::{IndicatorId, Slug};
use crate::http::cache::Scope;
use crate::http::public::api::dto::ProblemDto;
use crate::http::public::api::{parse_id, respond};
use crate::http::{AppError, AppState};

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
    let query = ValuesQuery::parse(&pairs, &snapshot.published)?;
    let indicator = find_indicator(&snapshot.published, id)?;
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
