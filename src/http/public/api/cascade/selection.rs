//! Where a request's values are in an indicator's series, and what every cascade response shares.

use std::ops::Range;

use axum::http::header::LINK;
use axum::http::HeaderValue;
use axum::response::Response;

use super::query::*;
use crate::domain::cascade::{Cascade, Indicator, Measurement, Series};
use crate::domain::{IndicatorId, Slug};
use crate::http::AppError;

pub(super) const JSON: &str = "application/json";
pub(super) const CSV: &str = "text/csv; charset=utf-8";

/// Where the values a query selects are: per series, the index range within `from`–`to`. Only indices are
/// kept, so selecting from a million values costs one binary search per region.
pub(super) struct Selection<'a> {
    pub(super) ranges: Vec<(&'a Series, Range<usize>)>,
    pub(super) total: usize,
}

impl<'a> Selection<'a> {
    pub(super) fn new(indicator: &'a Indicator, query: &ValuesQuery) -> Selection<'a> {
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
    pub(super) fn page_len(&self, offset: usize, limit: usize) -> usize {
        limit.min(self.total.saturating_sub(offset))
    }

    /// At most `limit` values after the first `offset`, in order, as references into the series.
    pub(super) fn page(&self, offset: usize, limit: usize) -> Vec<(&'a Slug, &'a Measurement)> {
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
    pub(super) fn next_offset(&self, offset: usize, shown: usize) -> Option<usize> {
        let next = offset + shown;
        (shown > 0 && next < self.total).then_some(next)
    }
}

pub(super) fn find_indicator(cascade: &Cascade, id: IndicatorId) -> Result<&Indicator, AppError> {
    cascade
        .indicator(id)
        .ok_or_else(|| AppError::not_found("problem-detail-no-indicator", id.to_string()))
}

/// Adds `Link: <next>; rel="next"` (RFC 8288) when there is a next page.
pub(super) fn with_next_link(mut response: Response, next: Option<&str>) -> Response {
    if let Some(value) = next.and_then(|url| HeaderValue::from_str(&format!("<{url}>; rel=\"next\"")).ok()) {
        response.headers_mut().insert(LINK, value);
    }
    response
}
