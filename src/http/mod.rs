//! The HTTP interface: public pages, the JSON API and health, each resource in its own module.

mod api;
mod assets;
mod cache;
mod compression;
mod error;
mod headers;
mod health;
mod pages;
pub mod routes;
pub mod server;

use std::sync::{Arc, RwLock};
use std::time::Duration;

use anyhow::Context as _;
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::config::SiteConfig;
use crate::domain::cascade::Cascade;
use crate::domain::Strategy;
use crate::i18n::I18n;
use crate::store::Store;

pub use error::AppError;

/// Everything a handler needs, cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub store: Arc<dyn Store>,
    pub i18n: Arc<I18n>,
    pub templates: pages::Templates,
    pub site: SiteConfig,
    pub openapi: cache::Cached,
    snapshot: RwLock<Arc<Snapshot>>,
}

/// The strategy the public sees, with every page and document rendered from it so far. Replacing the
/// snapshot (when the data changes) drops the cache with it, so nothing stale can be served.
pub struct Snapshot {
    /// The store's data version this snapshot was read at.
    data_version: i64,
    pub strategy: Strategy,
    /// The city's yearly cascade (organisations, regions, indicators with values, targets); statuses and
    /// forecasts are derived from it per request, never stored.
    pub cascade: Cascade,
    pub cache: cache::ResponseCache,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub async fn new(store: Arc<dyn Store>, site: SiteConfig) -> anyhow::Result<AppState> {
        let snapshot = read_snapshot(store.as_ref(), site.compression).await?;
        let i18n = Arc::new(I18n::load()?);
        let templates = pages::Templates::new(i18n.clone())?;
        let openapi = cache::Cached::new(api::openapi_json()?, "application/json", site.compression);
        Ok(AppState(Arc::new(Inner {
            store,
            i18n,
            templates,
            site,
            openapi,
            snapshot: RwLock::new(Arc::new(snapshot)),
        })))
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        // A poisoned lock only means another request panicked while swapping; the Arc inside is whole.
        self.snapshot.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Reloads the snapshot when the store's data version moved. Returns whether it did.
    pub async fn refresh(&self) -> anyhow::Result<bool> {
        let current = self.snapshot().data_version;
        if self.store.data_version().await? == current {
            return Ok(false);
        }
        let fresh = Arc::new(read_snapshot(self.store.as_ref(), self.site.compression).await?);
        tracing::info!(
            data_version = fresh.data_version,
            "the data changed; serving the new version"
        );
        *self.snapshot.write().unwrap_or_else(|e| e.into_inner()) = fresh;
        Ok(true)
    }

    /// Polls for changes made by other processes (the command line, other servers) for as long as the
    /// server runs. Polling one integer is cheap and works the same on every backend.
    pub async fn keep_fresh(self) {
        let mut ticks = tokio::time::interval(self.site.refresh_interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if let Err(error) = self.refresh().await {
                tracing::warn!("cannot check the data for changes: {error:#}");
            }
        }
    }
}

/// Reads the version first: a write landing between the two reads only causes one extra reload later.
async fn read_snapshot(store: &dyn Store, compress: bool) -> anyhow::Result<Snapshot> {
    let data_version = store.data_version().await?;
    let strategy = store
        .current_strategy()
        .await?
        .context("the database holds no approved strategy; run `tarina seed`")?;
    let cascade = store.cascade(strategy.city.slug.as_str()).await?;
    Ok(Snapshot {
        data_version,
        strategy,
        cascade,
        cache: cache::ResponseCache::new(compress),
    })
}

/// Slow clients may not hold a request open longer than this.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// No public endpoint takes a body yet; keep what a client can send small.
const BODY_LIMIT: usize = 1024 * 1024;

pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(health::router())
        .merge(api::router())
        .merge(assets::router())
        .merge(pages::router())
        .fallback(error::not_found)
        // Innermost first: limits produce bare error statuses that finish_errors then completes.
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            error::finish_errors,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            headers::security_headers,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
