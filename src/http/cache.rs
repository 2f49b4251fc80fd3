//! Rendered responses kept in memory with a strong ETag, so public GETs cost a hash lookup and
//! revalidations cost nothing but headers.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use axum::body::Bytes;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::AppError;
use crate::domain::IndicatorId;

/// Public content changes only when the strategy office publishes; a minute of caching with
/// revalidation keeps browsers and proxies fresh without hammering the server.
pub const PUBLIC_CACHE: &str = "public, max-age=60";

pub struct Cached {
    body: Bytes,
    etag: HeaderValue,
    content_type: HeaderValue,
}

impl Cached {
    pub fn new(body: impl Into<Bytes>, content_type: &'static str) -> Cached {
        let body = body.into();
        let etag = format!("\"{:016x}\"", xxhash_rust::xxh3::xxh3_64(&body));
        Cached {
            body,
            etag: HeaderValue::from_str(&etag).expect("a hex ETag is a valid header value"),
            content_type: HeaderValue::from_static(content_type),
        }
    }

    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// 304 when the client already holds this version, else the whole response.
    pub fn respond(&self, request_headers: &HeaderMap, cache_control: &'static str) -> Response {
        let mut headers = HeaderMap::new();
        headers.insert(ETAG, self.etag.clone());
        headers.insert(CACHE_CONTROL, HeaderValue::from_static(cache_control));
        if matches_etag(request_headers, &self.etag) {
            return (StatusCode::NOT_MODIFIED, headers).into_response();
        }
        headers.insert(CONTENT_TYPE, self.content_type.clone());
        (headers, self.body.clone()).into_response()
    }
}

/// If-None-Match uses the weak comparison: `W/"x"` matches `"x"`, and `*` matches anything.
fn matches_etag(request_headers: &HeaderMap, etag: &HeaderValue) -> bool {
    let ours = etag.to_str().unwrap_or_default();
    request_headers.get_all(IF_NONE_MATCH).iter().any(|value| {
        value
            .to_str()
            .unwrap_or_default()
            .split(',')
            .map(|tag| tag.trim().trim_start_matches("W/"))
            .any(|tag| tag == "*" || tag == ours)
    })
}

/// What a cached response was rendered from, so that a change drops only the responses it affects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Only the strategy text: changes to the cascade never touch it.
    Strategy,
    /// One indicator (its page and documents): dropped when its values or the outline change.
    Indicator(IndicatorId),
    /// Anything that shows several indicators, targets or definitions (lists, the situational picture, goal
    /// pages, the annex): dropped on every cascade change.
    Cascade,
}

/// Responses rendered from one snapshot, keyed by their canonical path.
#[derive(Default)]
pub struct ResponseCache(RwLock<HashMap<String, (Scope, Arc<Cached>)>>);

impl ResponseCache {
    /// Returns the cached response for `key`, rendering and remembering it on first use. Only successful
    /// renders are kept, and keys are canonical paths of existing items, so the cache stays bounded.
    pub fn get_or_render(
        &self,
        key: &str,
        scope: Scope,
        content_type: &'static str,
        render: impl FnOnce() -> Result<Vec<u8>, AppError>,
    ) -> Result<Arc<Cached>, AppError> {
        if let Some((_, hit)) = self.0.read().unwrap_or_else(|e| e.into_inner()).get(key) {
            return Ok(hit.clone());
        }
        let fresh = Arc::new(Cached::new(render()?, content_type));
        let mut map = self.0.write().unwrap_or_else(|e| e.into_inner());
        Ok(map.entry(key.to_owned()).or_insert((scope, fresh)).1.clone())
    }

    /// A cache for the next snapshot holding the responses that `keep` says are still true.
    pub fn carry_over(&self, keep: impl Fn(Scope) -> bool) -> ResponseCache {
        let map = self.0.read().unwrap_or_else(|e| e.into_inner());
        let kept = map
            .iter()
            .filter(|(_, (scope, _))| keep(*scope))
            .map(|(key, entry)| (key.clone(), entry.clone()))
            .collect();
        ResponseCache(RwLock::new(kept))
    }

    /// How many responses are held, for logs.
    pub fn len(&self) -> usize {
        self.0.read().unwrap_or_else(|e| e.into_inner()).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_uses_weak_comparison_and_lists() {
        let cached = Cached::new("hello", "text/plain");
        let etag = cached.etag.to_str().unwrap().to_owned();
        let mut headers = HeaderMap::new();
        assert!(!matches_etag(&headers, &cached.etag));
        for value in [
            etag.clone(),
            format!("W/{etag}"),
            format!("\"other\", {etag}"),
            "*".to_owned(),
        ] {
            headers.insert(IF_NONE_MATCH, HeaderValue::from_str(&value).unwrap());
            assert!(matches_etag(&headers, &cached.etag), "{value}");
        }
        headers.insert(IF_NONE_MATCH, HeaderValue::from_static("\"other\""));
        assert!(!matches_etag(&headers, &cached.etag));
    }
}
