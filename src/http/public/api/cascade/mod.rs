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

mod dataset;
mod dto;
mod indicators;
mod query;
mod situation;
mod situation_dto;
mod targets;
mod values_csv;

use dto::*;
use query::*;
use situation_dto::*;

pub use query::document_regions;
// Each handler with the OpenAPI path utoipa derives for it (`__path_…`), both named by `super::ApiDoc`.
pub use dataset::*;
pub use indicators::*;
pub use situation::*;
pub use targets::*;
pub use values_csv::*;

use super::dto::ProblemDto;
use super::{parse_id, respond, to_json};
use crate::domain::cascade::{Cascade, Correction, Indicator, Measurement, Series};
use crate::domain::{IndicatorId, Lang, Slug};
use crate::formats::jsonstat;
use crate::http::cache::Scope;
use crate::http::{AppError, AppState};

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
