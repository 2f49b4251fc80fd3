//! The HTTP interface in two halves: the public one (pages, the JSON API, health; anonymous and cached) and
//! the staff one (signed in, never cached), each resource in its own module.

mod cache;
mod compression;
mod error;
mod form_fields;
mod headers;
mod markdown;
mod public;
pub mod routes;
pub mod server;
pub mod snapshot;
mod staff;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::config::SiteConfig;
use crate::i18n::I18n;
use crate::store::Store;

pub use snapshot::{Refreshed, Snapshot};

pub use error::AppError;

/// The one OpenAPI document (`/api/v1/openapi.json`): the open API's operations and the write API's, each
/// generated from its handlers, merged. Both list the city's regions, so it is rebuilt when they change.
fn openapi_json(cascade: &crate::domain::cascade::Cascade) -> anyhow::Result<String> {
    let mut doc = public::api_document(cascade);
    doc.merge(staff::api::document(cascade));
    Ok(doc.to_pretty_json()?)
}

/// Everything a handler needs, cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub store: Arc<dyn Store>,
    pub i18n: Arc<I18n>,
    pub templates: public::Templates,
    pub site: SiteConfig,
    /// Staff sign-in: password hashing, throttling, session limits, cookie names.
    pub accounts: staff::AccountSettings,
    /// Survey forms' start times, honeypot and per-address rate limit.
    pub(crate) survey_guard: public::SurveyGuard,
    snapshot: snapshot::Holder,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub async fn new(store: Arc<dyn Store>, site: SiteConfig) -> anyhow::Result<AppState> {
        let snapshot = snapshot::Holder::load(store.as_ref(), site.compression).await?;
        let i18n = Arc::new(I18n::load()?);
        let templates = public::Templates::new(i18n.clone())?;
        // Cookies are marked Secure when the site is served over TLS, which HSTS declares.
        let accounts = staff::AccountSettings {
            hasher: Arc::new(crate::app::accounts::password::PasswordHasher::for_this_machine()?),
            oidc: match &site.oidc {
                Some(settings) => Some(Arc::new(crate::app::accounts::oidc::Oidc::new(settings.clone())?)),
                None => None,
            },
            throttle: crate::domain::access::Throttle::default(),
            limits: crate::domain::access::SessionLimits::default(),
            cookies: staff::CookieNames::new(site.hsts),
        };
        // Every server signs forms with the one key the database holds, so any of them may take the next page.
        let candidate: String = (0..32).map(|_| format!("{:02x}", rand::random::<u8>())).collect();
        let survey_guard = public::SurveyGuard::new(&store.survey_form_key(&candidate).await?, site.surveys);
        Ok(AppState(Arc::new(Inner {
            survey_guard,
            store,
            i18n,
            templates,
            site,
            accounts,
            snapshot,
        })))
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot.get()
    }

    pub fn snapshot_stats(&self) -> &snapshot::SnapshotStats {
        &self.snapshot.stats
    }

    /// Catches up with writes made since the snapshot was taken.
    pub async fn refresh(&self) -> anyhow::Result<Refreshed> {
        self.snapshot.refresh(self.store.as_ref()).await
    }

    /// Catches up with changes made by other processes (the command line, other servers, jobs) for as long
    /// as the server runs: at every tick of the refresh interval, and at once when the store says a write
    /// committed (PostgreSQL). Polling one integer is cheap and works the same on every backend.
    pub async fn keep_fresh(self) {
        let mut woken = match self.store.subscribe().await {
            Ok(woken) => woken,
            Err(error) => {
                tracing::warn!("cannot listen for changes, polling only: {error:#}");
                None
            }
        };
        let mut ticks = tokio::time::interval(self.site.refresh_interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            match woken.as_mut() {
                Some(notifications) => {
                    tokio::select! {
                        _ = ticks.tick() => {}
                        wake = notifications.recv() => {
                            if wake.is_none() {
                                woken = None;
                            }
                        }
                    }
                }
                None => {
                    ticks.tick().await;
                }
            }
            if let Err(error) = self.refresh().await {
                tracing::warn!("cannot check the data for changes: {error:#}");
            }
        }
    }
}

/// Slow clients may not hold a request open longer than this.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Forms are small; the staff upload page has a limit of its own ([`staff::body_limit`]).
const BODY_LIMIT: usize = 1024 * 1024;

pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(public::router())
        .merge(staff::router(state.clone()))
        .fallback(error::not_found)
        // The time-out's bare 408 is completed by `finish` around it, like every other error status.
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(axum::middleware::from_fn_with_state(state.clone(), finish))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// What every response goes through, in this order: the body limit ([`limit_body`]), then the route, then
/// error finishing ([`error::finish_errors`]) and the security headers ([`headers::security_headers`]).
///
/// One middleware rather than three, because each `from_fn` layer costs every request a clone of the whole
/// service stack below it and three boxed futures, which made up a measurable part of what a cached public
/// page costs beyond a bare axum server (BENCHMARKS.md, 2026-12-04). What the three do, and in what order,
/// is unchanged: the body limit's 413 and the time-out's 408 are still finished, and every response, a
/// finished error included, still gets the security headers.
async fn finish(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    // Clones that share the request's bytes: no copy unless an error page needs them.
    let uri = request.uri().clone();
    let accept_language = request.headers().get(axum::http::header::ACCEPT_LANGUAGE).cloned();
    let response = match limit_body(request) {
        Ok(request) => next.run(request).await,
        Err(refused) => refused,
    };
    let accept_language = accept_language.as_ref().and_then(|v| v.to_str().ok());
    let mut response = error::finish_errors(&state, uri.path(), accept_language, response);
    headers::security_headers(&state, response.headers_mut());
    response
}

/// Refuses a request body larger than its route takes: [`BODY_LIMIT`], or the staff upload page's own limit
/// ([`staff::body_limit`]). A declared length over it is refused at once (a bare 413); a body that turns out
/// longer fails when read, as the extractors report.
// The refusal is a whole response, built only for a refused request; boxing it would cost every request.
#[allow(clippy::result_large_err)]
fn limit_body(request: axum::extract::Request) -> Result<axum::extract::Request, axum::response::Response> {
    use axum::response::IntoResponse;
    let limit = staff::body_limit(request.uri().path()).unwrap_or(BODY_LIMIT);
    let declared = request
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return Err(axum::http::StatusCode::PAYLOAD_TOO_LARGE.into_response());
    }
    Ok(request.map(|body| axum::body::Body::new(http_body_util::Limited::new(body, limit))))
}
