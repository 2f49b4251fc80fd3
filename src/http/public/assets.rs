//! The static files (the stylesheet), compiled into the binary and compressed once, at first use. Pages link
//! them by a content-hashed name (`/static/site.<hash>.css`) that changes whenever the file does, so browsers
//! and proxies may keep them for a year without asking again.

use std::sync::LazyLock;

use axum::extract::{Path, State};
use axum::http::header::CACHE_CONTROL;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;

use crate::http::cache::Cached;
use crate::http::{AppError, AppState};

/// Name, media type and content of every static file.
const FILES: &[(&str, &str, &[u8])] = &[(
    "site.css",
    "text/css; charset=utf-8",
    include_bytes!("../../../static/site.css"),
)];

/// For the hashed name: a year is the longest freshness caches honour, and `immutable` spares even the
/// revalidation when a visitor reloads. The content at that name can never change.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For the plain name, which links from elsewhere (bookmarks, old copies of a page) may still use: its content
/// changes with each release, so it is kept only briefly.
const UNHASHED: &str = "public, max-age=3600";

struct Asset {
    name: &'static str,
    /// `name` with the content hash before its extension: `site.0123456789abcdef.css`.
    hashed_name: String,
    /// With its brotli and gzip copies, for `--compression=on`.
    compressed: Cached,
    /// Identity only, for `--compression=off`.
    plain: Cached,
}

impl Asset {
    /// Whether `file` names this asset with some other content hash: one from a page rendered before the
    /// file changed (a page cached during a release).
    fn is_other_version(&self, file: &str) -> bool {
        let (stem, extension) = self.name.rsplit_once('.').unwrap_or((self.name, ""));
        file.strip_prefix(stem)
            .and_then(|rest| rest.strip_prefix('.'))
            .and_then(|rest| rest.strip_suffix(extension))
            .and_then(|rest| rest.strip_suffix('.'))
            .is_some_and(|hash| hash.len() == HASH_DIGITS && hash.bytes().all(|b| b.is_ascii_hexdigit()))
    }
}

const HASH_DIGITS: usize = 16;

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|&(name, content_type, bytes)| {
            let hash = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes));
            let hashed_name = match name.rsplit_once('.') {
                Some((stem, extension)) => format!("{stem}.{hash}.{extension}"),
                None => format!("{name}.{hash}"),
            };
            Asset {
                name,
                hashed_name,
                compressed: Cached::new(bytes, content_type, true),
                plain: Cached::new(bytes, content_type, false),
            }
        })
        .collect()
});

/// The address pages link a static file by: its content-hashed name. `None` for a file that does not exist.
pub fn url(name: &str) -> Option<String> {
    ASSETS
        .iter()
        .find(|asset| asset.name == name)
        .map(|asset| format!("/static/{}", asset.hashed_name))
}

pub fn router() -> Router<AppState> {
    Router::new().route("/static/{file}", get(serve))
}

async fn serve(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    for asset in ASSETS.iter() {
        let cached = if state.site.compression {
            &asset.compressed
        } else {
            &asset.plain
        };
        if file == asset.hashed_name {
            return Ok(cached.respond(&headers, IMMUTABLE));
        }
        if file == asset.name {
            return Ok(cached.respond(&headers, UNHASHED));
        }
        if asset.is_other_version(&file) {
            // The current version rather than a 404, so a page from before a release keeps its styles; not
            // cacheable, so the old name never stands for the new content anywhere.
            let mut response = Redirect::temporary(&format!("/static/{}", asset.hashed_name)).into_response();
            response
                .headers_mut()
                .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            return Ok(response);
        }
    }
    Err(AppError::not_found("problem-detail-no-page", ""))
}
