//! The public half of the HTTP interface: anonymous GET requests for the pages, the JSON API, the static
//! assets and health, answered from the snapshot and cached by clients and proxies.

mod api;
mod assets;
mod health;
mod pages;

use axum::Router;

use super::AppState;

pub(super) use api::document as api_document;
pub(crate) use pages::diff_view;
pub(crate) use pages::SurveyGuard;
pub use pages::Templates;

/// Every public route.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(api::router())
        .merge(assets::router())
        .merge(pages::router())
}
