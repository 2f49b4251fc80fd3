//! The staff half: pages for signed-in people, and the write API for integrations ([`api`]). Every response
//! is `Cache-Control: no-store`; every page but sign-in is behind one middleware that finds the session, and
//! every state-changing request must carry the session's form token and come from this site. The write API
//! reads no cookies and takes an API token instead.

mod account;
mod accounts;
pub mod api;
mod audit;
mod connector_settings;
mod connectors;
mod cookies;
mod drafts;
mod edits;
mod home;
mod intervals;
mod mail;
mod oidc;
mod reminders;
mod reset;
mod sign_in;
mod tokens;
mod translations;
mod upload;
mod values;
mod versions;
mod view;

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, CACHE_CONTROL, CONTENT_TYPE, HOST, LOCATION, ORIGIN};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::Utc;

use super::{AppError, AppState};
use crate::app::accounts::password::PasswordHasher;
use crate::app::accounts::tokens::same_secret;
use crate::domain::access::policy::{permits, Operation, Subject};
use crate::domain::access::{Account, Session, SessionLimits, Throttle};
use crate::domain::Lang;
pub use cookies::CookieNames;

/// How staff sign-in behaves; shared by every request.
pub struct AccountSettings {
    pub hasher: Arc<PasswordHasher>,
    /// The city's OpenID provider, when one is configured.
    pub oidc: Option<Arc<crate::app::accounts::oidc::Oidc>>,
    pub throttle: Throttle,
    pub limits: SessionLimits,
    pub cookies: CookieNames,
}

/// The signed-in person of a request, put there by [`require_sign_in`].
#[derive(Debug, Clone)]
pub struct Signed {
    pub session: Session,
    pub account: Account,
}

impl Signed {
    /// Whether the person may do `operation` on no item in particular (a list, a form for a new item), by the
    /// policy's one table.
    fn may(&self, state: &AppState, operation: Operation) -> bool {
        permits(
            &self.account,
            operation,
            Subject::Any,
            &state.snapshot().cascade.organisations,
        )
    }

    /// [`Signed::may`] as a refusal: 403 when the person may not.
    fn require(&self, state: &AppState, operation: Operation) -> Result<(), AppError> {
        if self.may(state, operation) {
            Ok(())
        } else {
            Err(AppError::Forbidden {
                detail: "problem-detail-forbidden",
            })
        }
    }
}

pub fn router(state: AppState) -> Router<AppState> {
    let signed_in = Router::new()
        .route("/staff/{lang}/", get(home::home))
        .route("/staff/{lang}/sessions", get(home::sessions))
        .route("/staff/{lang}/sessions/{id}/end", post(home::end_session))
        .route("/staff/{lang}/sign-out", post(home::sign_out))
        .route("/staff/{lang}/accounts", get(accounts::list).post(accounts::create))
        .route("/staff/{lang}/accounts/{id}", get(account::form).post(account::save))
        .route("/staff/{lang}/tokens", get(tokens::list).post(tokens::create))
        .route("/staff/{lang}/tokens/{id}/revoke", post(tokens::revoke))
        .route("/staff/{lang}/audit", get(audit::page))
        .route("/staff/{lang}/audit.csv", get(audit::csv))
        .route("/staff/{lang}/mail", get(mail::page))
        .route("/staff/{lang}/digest", post(home::digest))
        .route("/staff/{lang}/reminders", get(reminders::page))
        .route(
            "/staff/{lang}/reminders/{kind}/{id}",
            get(intervals::form).post(intervals::save),
        )
        .route("/staff/{lang}/reminders/{kind}/{id}/remind", post(reminders::remind))
        .route(
            "/staff/{lang}/translations",
            get(translations::queue).post(translations::review),
        )
        .route("/staff/{lang}/translations.xlf", get(translations::export))
        .route(
            "/staff/{lang}/translations/import",
            post(translations::import).layer(axum::extract::DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        )
        .route("/staff/{lang}/versions/{label}/texts", get(drafts::list::page))
        .route(
            "/staff/{lang}/versions/{label}/structure",
            get(drafts::structure::page).post(drafts::structure::change),
        )
        .route(
            "/staff/{lang}/versions/{label}/structure/new/{kind}",
            get(drafts::structure_form::new_form).post(drafts::structure_form::create),
        )
        .route(
            "/staff/{lang}/versions/{label}/structure/{kind}/{key}/{operation}",
            get(drafts::structure_form::item_form).post(drafts::structure_form::item_change),
        )
        .route(
            "/staff/{lang}/versions/{label}/texts/{kind}/{key}",
            get(drafts::form::form).post(drafts::save::save),
        )
        .route("/staff/{lang}/actions", get(edits::progress::list))
        .route(
            "/staff/{lang}/actions/{id}/progress",
            get(edits::progress::form).post(edits::progress::save),
        )
        .route("/staff/{lang}/actions/{id}/updates", post(edits::updates::post))
        .route("/staff/{lang}/targets", get(edits::targets::list))
        .route(
            "/staff/{lang}/targets/new",
            get(edits::target::new_form).post(edits::target::create),
        )
        .route(
            "/staff/{lang}/targets/{id}",
            get(edits::target::form).post(edits::target::save),
        )
        .route("/staff/{lang}/targets/years/{year}", post(edits::targets::step))
        .route("/staff/{lang}/targets/years/{year}/copy", post(edits::targets::copy))
        .route(
            "/staff/{lang}/targets/{id}/assessment",
            get(edits::assessment::form).post(edits::assessment::save),
        )
        .route("/staff/{lang}/versions", get(versions::list).post(versions::create))
        .route("/staff/{lang}/versions/{label}", get(versions::page))
        .route("/staff/{lang}/versions/{label}/submit", post(versions::submit))
        .route("/staff/{lang}/versions/{label}/withdraw", post(versions::withdraw))
        .route("/staff/{lang}/versions/{label}/approve", post(versions::approve))
        .route("/staff/{lang}/versions/{from}/diff/{to}", get(versions::diff))
        .route("/staff/{lang}/connectors", get(connectors::list))
        .route(
            "/staff/{lang}/connectors/{id}",
            get(connector_settings::form).post(connector_settings::save),
        )
        .route("/staff/{lang}/indicators", get(values::list))
        .route(
            "/staff/{lang}/indicators/{id}",
            get(edits::definition::form).post(edits::definition::save),
        )
        .route(
            "/staff/{lang}/indicators/upload",
            get(upload::form)
                .post(upload::upload)
                .layer(axum::extract::DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        )
        .route(
            "/staff/{lang}/indicators/{id}/values",
            get(values::form).post(values::record),
        )
        .layer(axum::middleware::from_fn_with_state(state.clone(), require_sign_in));
    Router::new()
        .route("/staff", get(staff_root))
        .route("/staff/", get(staff_root))
        .route("/staff/{lang}", get(language_root))
        .route("/staff/{lang}/sign-in", get(sign_in::form).post(sign_in::submit))
        .route("/staff/{lang}/sign-in/oidc", get(oidc::begin))
        .route(
            "/staff/{lang}/forgot-password",
            get(reset::forgot_form).post(reset::forgot_submit),
        )
        .route(
            "/staff/{lang}/reset-password",
            get(reset::reset_form).post(reset::reset_submit),
        )
        .route("/staff/oidc/callback", get(oidc::callback))
        .merge(signed_in)
        .layer(axum::middleware::from_fn(same_origin_only))
        .merge(api::router())
        .layer(axum::middleware::from_fn(no_store))
}

/// The largest request the upload page takes: its file ([`upload::FILE_LIMIT`]) with the form's other fields
/// and the multipart framing around it.
const UPLOAD_BODY_LIMIT: usize = upload::FILE_LIMIT + 64 * 1024;

/// The largest body a request to `path` may have, when it is larger than forms' ([`super::BODY_LIMIT`]).
pub(super) fn body_limit(path: &str) -> Option<usize> {
    let mut parts = path.split('/');
    let upload = matches!(
        (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next()
        ),
        (
            Some(""),
            Some("staff"),
            Some(_),
            Some("indicators"),
            Some("upload"),
            None
        )
    );
    upload.then_some(UPLOAD_BODY_LIMIT)
}

fn parse_lang(lang: &str) -> Result<Lang, AppError> {
    lang.parse()
        .map_err(|_| AppError::not_found("problem-detail-no-page", ""))
}

fn see_other(location: &str) -> Response {
    (StatusCode::SEE_OTHER, [(LOCATION, location.to_owned())]).into_response()
}

async fn staff_root(headers: HeaderMap) -> Response {
    let accept = headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    see_other(&format!("/staff/{}/", Lang::negotiate(accept)))
}

async fn language_root(axum::extract::Path(lang): axum::extract::Path<String>) -> Result<Response, AppError> {
    Ok(see_other(&format!("/staff/{}/", parse_lang(&lang)?)))
}

/// Nothing a staff page shows may be kept by a browser or a proxy.
async fn no_store(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A state-changing request whose `Origin` names another site is refused, whatever cookies it carries.
async fn same_origin_only(request: Request, next: Next) -> Result<Response, AppError> {
    if !is_safe(request.method()) {
        if let (Some(origin), Some(host)) = (request.headers().get(ORIGIN), request.headers().get(HOST)) {
            let origin = origin.to_str().unwrap_or_default();
            let origin_host = origin.split_once("://").map_or("", |(_, rest)| rest);
            if origin_host != host.to_str().unwrap_or_default() {
                return Err(AppError::Forbidden {
                    detail: "problem-detail-cross-site",
                });
            }
        }
    }
    Ok(next.run(request).await)
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Finds the session of the request's cookie; without one a page sends the person to sign in and comes
/// back afterwards. A state-changing request must also carry the session's form token.
async fn require_sign_in(State(state): State<AppState>, request: Request, next: Next) -> Result<Response, AppError> {
    let path = request.uri().path().to_owned();
    let lang = path
        .split('/')
        .nth(2)
        .and_then(|l| l.parse::<Lang>().ok())
        .unwrap_or(Lang::Fi);
    let settings = &state.accounts;
    let token = cookies::read(request.headers(), settings.cookies.session);
    let found = match token {
        Some(token) => {
            crate::app::accounts::current_session(state.store.as_ref(), &token, Utc::now(), settings.limits).await?
        }
        None => None,
    };
    let Some((session, account)) = found else {
        if is_safe(request.method()) {
            let next = utf8_percent_encode(&path);
            return Ok(see_other(&format!("/staff/{lang}/sign-in?next={next}")));
        }
        return Err(AppError::Unauthorized);
    };
    let (mut parts, body) = request.into_parts();
    let body = if is_safe(&parts.method) {
        body
    } else {
        let limit = body_limit(&path).unwrap_or(super::BODY_LIMIT);
        let bytes = axum::body::to_bytes(body, limit)
            .await
            .map_err(|_| AppError::bad_request("problem-detail-too-large", ""))?;
        if !form_token_matches(&parts.headers, &bytes, &session.csrf_token).await {
            return Err(AppError::Forbidden {
                detail: "problem-detail-form-token",
            });
        }
        Body::from(bytes)
    };
    parts.extensions.insert(Signed { session, account });
    Ok(next.run(Request::from_parts(parts, body)).await)
}

/// The token is the `csrf` field of a urlencoded or multipart form (a file upload), or the `X-CSRF-Token`
/// header.
async fn form_token_matches(headers: &HeaderMap, body: &axum::body::Bytes, expected: &str) -> bool {
    if let Some(header) = headers.get("x-csrf-token").and_then(|v| v.to_str().ok()) {
        return same_secret(header, expected);
    }
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if content_type.starts_with("multipart/form-data") {
        return multipart_token(content_type, body.clone())
            .await
            .is_some_and(|token| same_secret(&token, expected));
    }
    content_type.starts_with("application/x-www-form-urlencoded")
        && form_urlencoded_pairs(body)
            .into_iter()
            .any(|(key, value)| key == "csrf" && same_secret(&value, expected))
}

/// The `csrf` field of a multipart body, if it has one (forms put it first, so the file is not looked at).
async fn multipart_token(content_type: &str, body: axum::body::Bytes) -> Option<String> {
    let boundary = multer::parse_boundary(content_type).ok()?;
    let mut fields = multer::Multipart::new(Body::from(body).into_data_stream(), boundary);
    while let Some(field) = fields.next_field().await.ok()? {
        if field.name() == Some("csrf") {
            return field.text().await.ok();
        }
    }
    None
}

fn form_urlencoded_pairs(body: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).unwrap_or_default()
}

/// Only a path of this site is a place to come back to after signing in, never another site.
fn utf8_percent_encode(path: &str) -> String {
    serde_urlencoded::to_string([("", path)])
        .map(|encoded| encoded.trim_start_matches('=').to_owned())
        .unwrap_or_default()
}
