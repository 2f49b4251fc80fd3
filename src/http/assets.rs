//! The stylesheet, compiled into the binary.

use std::sync::LazyLock;

use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::Router;

use super::cache::Cached;
use super::AppState;

static STYLESHEET: LazyLock<Cached> =
    LazyLock::new(|| Cached::new(include_str!("../../static/site.css"), "text/css; charset=utf-8"));

pub fn router() -> Router<AppState> {
    Router::new().route("/static/site.css", get(stylesheet))
}

async fn stylesheet(headers: HeaderMap) -> Response {
    STYLESHEET.respond(&headers, "public, max-age=3600")
}
