//! Rendered responses kept in memory with a strong ETag, so public GETs cost a hash lookup and
//! revalidations cost nothing but headers. Each coding is compressed once, on the first request for it (see
//! [`compression`]), so serving brotli costs no more than serving the plain body.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

use axum::body::Bytes;
use axum::http::header::{CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG, IF_NONE_MATCH, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::compression::{self, Effort, Encoding, ON_THE_FLY_THRESHOLD};
use super::AppError;
use crate::domain::IndicatorId;

/// Public content changes only when the strategy office publishes; a minute of caching with
/// revalidation keeps browsers and proxies fresh without hammering the server.
pub const PUBLIC_CACHE: &str = "public, max-age=60";

/// A rendered body in each coding it is served in, each with its own strong ETag: a cache or client that
/// revalidates a brotli copy must not be told that the identity copy is the same bytes. A compressed copy is
/// made on the first request that asks for it and kept: clients that take the plain body never pay for
/// compression, and no rendering waits for a coding nobody asked for yet.
pub struct Cached {
    content_type: HeaderValue,
    /// The ETag of the identity body, then of each coding of [`Encoding::COMPRESSED`] in that order, made
    /// once here rather than formatted anew for every request: a cached page is served so often that this
    /// allocation showed in its profile (BENCHMARKS.md, 2026-12-04).
    etags: [HeaderValue; 3],
    identity: Bytes,
    /// Whether the coding depends on Accept-Encoding: compression is on and the type is text.
    negotiable: bool,
    /// One per coding of [`Encoding::COMPRESSED`], in that order; `None` once made when it came out no smaller
    /// than the plain body, which is then served instead.
    compressed: [OnceLock<Option<Bytes>>; 2],
}

/// Shorter bodies are sent as they are: no coding makes a handful of bytes smaller.
const MIN_COMPRESSIBLE: usize = 128;

/// The ETag of the identity body with hash `hash` in `encoding`: `"<hash>"`, `"<hash>-br"`, `"<hash>-gzip"`.
fn etag(hash: u64, encoding: Encoding) -> HeaderValue {
    let etag = match encoding {
        Encoding::Identity => format!("\"{hash:016x}\""),
        _ => format!("\"{hash:016x}-{}\"", encoding.token()),
    };
    HeaderValue::from_str(&etag).expect("a hex ETag is a valid header value")
}

impl Cached {
    /// Hashes `body`; when `compress` is on and the type is text, its compressed copies are made on demand.
    pub fn new(body: impl Into<Bytes>, content_type: &'static str, compress: bool) -> Cached {
        let identity = body.into();
        let hash = xxhash_rust::xxh3::xxh3_64(&identity);
        let [brotli, gzip] = Encoding::COMPRESSED;
        Cached {
            content_type: HeaderValue::from_static(content_type),
            etags: [etag(hash, Encoding::Identity), etag(hash, brotli), etag(hash, gzip)],
            negotiable: compress && identity.len() >= MIN_COMPRESSIBLE && compression::compressible(content_type),
            identity,
            compressed: Default::default(),
        }
    }

    /// The identity body, as rendered.
    pub fn body(&self) -> &Bytes {
        &self.identity
    }

    /// The body in `encoding`, compressed now if this is the first request for it; `None` when the coding
    /// does not make it smaller.
    fn encoded(&self, encoding: Encoding) -> Option<Bytes> {
        let index = Encoding::COMPRESSED.iter().position(|e| *e == encoding)?;
        self.compressed[index]
            .get_or_init(|| {
                let encoded = encoding.encode(&self.identity, Effort::Once);
                (encoded.len() < self.identity.len()).then(|| encoded.into())
            })
            .clone()
    }

    /// The ETag of this body in `encoding`, as made by [`Cached::new`].
    fn etag(&self, encoding: Encoding) -> HeaderValue {
        let index = Encoding::COMPRESSED
            .iter()
            .position(|e| *e == encoding)
            .map_or(0, |i| i + 1);
        self.etags[index].clone()
    }

    /// The coding the client prefers: 304 when the client already holds that copy, else the whole response.
    pub fn respond(&self, request_headers: &HeaderMap, cache_control: &'static str) -> Response {
        // The codings still in play are the first `available` of `codings`: an array on the stack rather than
        // a vector, since this runs for every cached response.
        let mut codings = Encoding::COMPRESSED;
        let mut available = if self.negotiable { codings.len() } else { 0 };
        // A coding that does not make this body smaller is out; the client's next choice is asked for.
        let (encoding, body) = loop {
            let chosen = compression::negotiate(request_headers, &codings[..available]);
            if chosen == Encoding::Identity {
                break (chosen, self.identity.clone());
            }
            match self.encoded(chosen) {
                Some(body) => break (chosen, body),
                None => {
                    // negotiate() only looks at which codings are available, not at their order.
                    let at = codings[..available]
                        .iter()
                        .position(|e| *e == chosen)
                        .expect("negotiate chooses an available coding");
                    codings.swap(at, available - 1);
                    available -= 1;
                }
            }
        };
        reply(
            request_headers,
            Reply {
                etag: self.etag(encoding),
                encoding,
                negotiable: self.negotiable,
                content_type: self.content_type.clone(),
                cache_control,
            },
            || body,
        )
    }
}

/// Serves a body rendered for this request only. It gets an ETag like a cached one, so a revalidation saves
/// the transfer (if not the rendering), and above [`ON_THE_FLY_THRESHOLD`] it is compressed quickly in the
/// one coding the client prefers, after the ETag check, so a 304 costs no compression.
pub fn respond_once(
    body: Vec<u8>,
    content_type: &'static str,
    request_headers: &HeaderMap,
    cache_control: &'static str,
    compress: bool,
) -> Response {
    let hash = xxhash_rust::xxh3::xxh3_64(&body);
    let negotiable = compress && body.len() >= ON_THE_FLY_THRESHOLD && compression::compressible(content_type);
    let encoding = if negotiable {
        compression::negotiate(request_headers, &Encoding::COMPRESSED)
    } else {
        Encoding::Identity
    };
    reply(
        request_headers,
        Reply {
            etag: etag(hash, encoding),
            encoding,
            negotiable,
            content_type: HeaderValue::from_static(content_type),
            cache_control,
        },
        || match encoding {
            Encoding::Identity => Bytes::from(body),
            _ => encoding.encode(&body, Effort::PerRequest).into(),
        },
    )
}

/// The headers of one variant of a response.
struct Reply {
    etag: HeaderValue,
    encoding: Encoding,
    /// Whether the coding depends on Accept-Encoding, so caches must key on it (`Vary`), 304s included.
    negotiable: bool,
    content_type: HeaderValue,
    cache_control: &'static str,
}

fn reply(request_headers: &HeaderMap, reply: Reply, body: impl FnOnce() -> Bytes) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(ETAG, reply.etag);
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(reply.cache_control));
    if reply.negotiable {
        headers.insert(VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    if matches_etag(request_headers, &headers[ETAG]) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(CONTENT_TYPE, reply.content_type);
    if reply.encoding != Encoding::Identity {
        headers.insert(CONTENT_ENCODING, HeaderValue::from_static(reply.encoding.token()));
    }
    (headers, body()).into_response()
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
    /// One indicator's documents: dropped when its values or the outline change.
    Indicator(IndicatorId),
    /// One indicator's page: dropped as its documents are, and also when its connector's last check moves,
    /// which only the page shows.
    IndicatorPage(IndicatorId),
    /// Anything that shows several indicators, targets or definitions (lists, the situational picture, goal
    /// pages, the annex): dropped on every cascade change.
    Cascade,
}

/// Responses rendered from one snapshot, keyed by their canonical path.
pub struct ResponseCache {
    /// The server's `--compression` setting, for everything rendered from this snapshot.
    compress: bool,
    map: RwLock<HashMap<String, (Scope, Arc<Cached>)>>,
}

impl ResponseCache {
    pub fn new(compress: bool) -> ResponseCache {
        ResponseCache {
            compress,
            map: RwLock::default(),
        }
    }

    /// Whether this server compresses responses (`--compression`).
    pub fn compresses(&self) -> bool {
        self.compress
    }

    /// Returns the cached response for `key`, rendering (and compressing) it on first use. Only successful
    /// renders are kept, and keys are canonical paths of existing items, so the cache stays bounded.
    pub fn get_or_render(
        &self,
        key: &str,
        scope: Scope,
        content_type: &'static str,
        render: impl FnOnce() -> Result<Vec<u8>, AppError>,
    ) -> Result<Arc<Cached>, AppError> {
        if let Some((_, hit)) = self.map.read().unwrap_or_else(|e| e.into_inner()).get(key) {
            return Ok(hit.clone());
        }
        let fresh = Arc::new(Cached::new(render()?, content_type, self.compress));
        let mut map = self.map.write().unwrap_or_else(|e| e.into_inner());
        Ok(map.entry(key.to_owned()).or_insert((scope, fresh)).1.clone())
    }

    /// A cache for the next snapshot holding the responses that `keep` says are still true.
    pub fn carry_over(&self, keep: impl Fn(Scope) -> bool) -> ResponseCache {
        let map = self.map.read().unwrap_or_else(|e| e.into_inner());
        let kept = map
            .iter()
            .filter(|(_, (scope, _))| keep(*scope))
            .map(|(key, entry)| (key.clone(), entry.clone()))
            .collect();
        ResponseCache {
            compress: self.compress,
            map: RwLock::new(kept),
        }
    }

    /// How many responses are held, for logs.
    pub fn len(&self) -> usize {
        self.map.read().unwrap_or_else(|e| e.into_inner()).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header::ACCEPT_ENCODING;

    #[test]
    fn if_none_match_uses_weak_comparison_and_lists() {
        let cached = Cached::new("hello", "text/plain", false);
        let etag = cached.etag(Encoding::Identity);
        let mut headers = HeaderMap::new();
        assert!(!matches_etag(&headers, &etag));
        let text = etag.to_str().unwrap().to_owned();
        for value in [
            text.clone(),
            format!("W/{text}"),
            format!("\"other\", {text}"),
            "*".to_owned(),
        ] {
            headers.insert(IF_NONE_MATCH, HeaderValue::from_str(&value).unwrap());
            assert!(matches_etag(&headers, &etag), "{value}");
        }
        headers.insert(IF_NONE_MATCH, HeaderValue::from_static("\"other\""));
        assert!(!matches_etag(&headers, &etag));
    }

    fn request(accept_encoding: &str, if_none_match: Option<&HeaderValue>) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_ENCODING, HeaderValue::from_str(accept_encoding).unwrap());
        if let Some(etag) = if_none_match {
            headers.insert(IF_NONE_MATCH, etag.clone());
        }
        headers
    }

    #[test]
    fn each_coding_has_its_own_etag_and_304() {
        let cached = Cached::new("<p>Espoo</p>".repeat(100), "text/html; charset=utf-8", true);
        let mut etags = Vec::new();
        for (accept, coding) in [("br", Some("br")), ("gzip", Some("gzip")), ("identity", None)] {
            let response = cached.respond(&request(accept, None), PUBLIC_CACHE);
            assert_eq!(response.status(), StatusCode::OK);
            let headers = response.headers();
            assert_eq!(headers.get(CONTENT_ENCODING).map(|v| v.to_str().unwrap()), coding);
            assert_eq!(headers[VARY], "Accept-Encoding");
            let etag = headers[ETAG].clone();
            let again = cached.respond(&request(accept, Some(&etag)), PUBLIC_CACHE);
            assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{accept}");
            assert_eq!(again.headers()[VARY], "Accept-Encoding");
            etags.push(etag);
        }
        etags.dedup();
        assert_eq!(etags.len(), 3, "{etags:?}");
        let other = cached.respond(&request("br", Some(&etags[2])), PUBLIC_CACHE);
        assert_eq!(
            other.status(),
            StatusCode::OK,
            "the identity ETag does not match the brotli copy"
        );
    }

    #[test]
    fn tiny_bodies_and_the_setting_off_are_not_negotiated() {
        for cached in [
            Cached::new("{}", "application/json", true),
            Cached::new("<p>Espoo</p>".repeat(100), "text/html", false),
        ] {
            let response = cached.respond(&request("br, gzip", None), PUBLIC_CACHE);
            assert!(response.headers().get(CONTENT_ENCODING).is_none());
            assert!(response.headers().get(VARY).is_none());
        }
    }
}
