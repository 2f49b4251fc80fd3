//! A forgotten password: the form asking for the address (one answer whether or not it has an account), and
//! the form the emailed link opens to set a new password. Neither needs a session, so both guard their forms
//! as sign-in does, with a form token in a cookie that the form must echo.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use axum::{Extension, Form};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::view::StaffPage;
use super::{cookies, parse_lang, see_other};
use crate::app::accounts::reset::{self, ResetError, ResetRequest};
use crate::app::accounts::tokens::{random_token, same_secret};
use crate::domain::access::Password;
use crate::domain::Lang;
use crate::http::{AppError, AppState};

type Peer = Option<Extension<ConnectInfo<SocketAddr>>>;

/// The client's address, for throttling only.
fn address(peer: Peer) -> String {
    peer.map_or_else(
        || "unknown".to_owned(),
        |Extension(ConnectInfo(peer))| peer.ip().to_string(),
    )
}

/// The form token a page's form echoes: the one in the browser's cookie, or a new one.
fn form_token(state: &AppState, headers: &HeaderMap) -> String {
    cookies::read(headers, state.accounts.cookies.form).unwrap_or_else(random_token)
}

/// A form comes back with the token its page set in the cookie, or it is refused.
fn check_form_token(state: &AppState, headers: &HeaderMap, sent: &str) -> Result<String, AppError> {
    let expected = cookies::read(headers, state.accounts.cookies.form).unwrap_or_default();
    if expected.is_empty() || !same_secret(sent, &expected) {
        return Err(AppError::Forbidden {
            detail: "problem-detail-form-token",
        });
    }
    Ok(expected)
}

/// Renders a page and keeps its form token in the cookie.
fn respond(
    state: &AppState,
    page: StaffPage<'_>,
    status: StatusCode,
    template: &str,
    token: &str,
    view: impl Serialize,
) -> Result<Response, AppError> {
    let mut response = page.respond_with(state, status, template, view)?;
    let names = &state.accounts.cookies;
    names.set(response.headers_mut(), names.form, token);
    Ok(response)
}

fn with_retry_after(mut response: Response, seconds: i64) -> Response {
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from(seconds.max(1)));
    response
}

#[derive(Serialize, Default)]
struct ForgotView {
    form_token: String,
    email: String,
    errors: BTreeMap<&'static str, String>,
    problem: Option<String>,
    /// The request was taken: the page says what happens next instead of showing the form.
    sent: bool,
    /// How long an emailed link works.
    minutes: i64,
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    csrf: String,
}

fn forgot_page(lang: Lang) -> StaffPage<'static> {
    StaffPage {
        lang,
        path: "/forgot-password",
        title_key: "staff-forgot-title",
        signed: None,
    }
}

pub async fn forgot_form(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let token = form_token(&state, &headers);
    let view = ForgotView {
        form_token: token.clone(),
        ..ForgotView::default()
    };
    respond(
        &state,
        forgot_page(lang),
        StatusCode::OK,
        "staff/forgot_password.html",
        &token,
        view,
    )
}

pub async fn forgot_submit(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    peer: Peer,
    headers: HeaderMap,
    Form(form): Form<ForgotForm>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let token = check_form_token(&state, &headers, &form.csrf)?;
    let email = form.email.trim();
    let mut view = ForgotView {
        form_token: token.clone(),
        email: email.chars().take(254).collect(),
        ..ForgotView::default()
    };
    if email.is_empty() {
        view.errors
            .insert("email", state.i18n.text(lang, "staff-error-email-missing"));
    } else if crate::domain::access::Email::parse(email).is_err() {
        view.errors
            .insert("email", state.i18n.text(lang, "account-error-email"));
    }
    if !view.errors.is_empty() {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return respond(
            &state,
            forgot_page(lang),
            status,
            "staff/forgot_password.html",
            &token,
            view,
        );
    }
    let request = ResetRequest {
        email,
        address: &address(peer),
        link_base: state.site.public_url.as_deref().unwrap_or_default(),
        now: Utc::now(),
    };
    let throttle = state.accounts.throttle;
    match reset::request_reset(state.store.as_ref(), throttle, request).await {
        Ok(()) => {
            view.sent = true;
            view.minutes = reset::LINK_LIFETIME.num_minutes();
            respond(
                &state,
                forgot_page(lang),
                StatusCode::OK,
                "staff/forgot_password.html",
                &token,
                view,
            )
        }
        Err(ResetError::Locked) => {
            view.problem = Some(state.i18n.text(lang, "staff-error-reset-locked"));
            let status = StatusCode::TOO_MANY_REQUESTS;
            let response = respond(
                &state,
                forgot_page(lang),
                status,
                "staff/forgot_password.html",
                &token,
                view,
            )?;
            Ok(with_retry_after(response, throttle.window.num_seconds()))
        }
        Err(ResetError::Store(error)) => Err(error.into()),
        // Asking checks no link and hashes no password.
        Err(other @ (ResetError::Invalid | ResetError::Busy(_))) => {
            Err(crate::store::StoreError::Other(other.into()).into())
        }
    }
}

#[derive(Serialize, Default)]
struct ResetView {
    form_token: String,
    token: String,
    errors: BTreeMap<&'static str, String>,
    problem: Option<String>,
    /// The link no longer works: the page offers a new one instead of the form.
    dead: bool,
}

#[derive(Deserialize)]
pub struct LinkQuery {
    #[serde(default)]
    token: String,
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
    #[serde(default)]
    csrf: String,
}

fn reset_page(lang: Lang) -> StaffPage<'static> {
    StaffPage {
        lang,
        path: "/reset-password",
        title_key: "staff-reset-title",
        signed: None,
    }
}

/// The page for a link that no longer works, or for too many tries, or a busy server.
fn refused(state: &AppState, lang: Lang, token: &str, error: ResetError) -> Result<Response, AppError> {
    let throttle = state.accounts.throttle;
    let (status, key, retry) = match error {
        ResetError::Invalid => (StatusCode::GONE, "staff-error-reset-link", None),
        ResetError::Locked => (
            StatusCode::TOO_MANY_REQUESTS,
            "staff-error-reset-locked",
            Some(throttle.window.num_seconds()),
        ),
        ResetError::Busy(_) => (StatusCode::SERVICE_UNAVAILABLE, "staff-error-sign-in-busy", Some(1)),
        ResetError::Store(error) => return Err(error.into()),
    };
    let view = ResetView {
        form_token: token.to_owned(),
        problem: Some(state.i18n.text(lang, key)),
        dead: status == StatusCode::GONE,
        ..ResetView::default()
    };
    let response = respond(
        state,
        reset_page(lang),
        status,
        "staff/reset_password.html",
        token,
        view,
    )?;
    Ok(match retry {
        Some(seconds) => with_retry_after(response, seconds),
        None => response,
    })
}

pub async fn reset_form(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<LinkQuery>,
    peer: Peer,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let token = form_token(&state, &headers);
    let found = reset::account_of_link(
        state.store.as_ref(),
        state.accounts.throttle,
        &query.token,
        &address(peer),
        Utc::now(),
    )
    .await;
    if let Err(error) = found {
        return refused(&state, lang, &token, error);
    }
    let view = ResetView {
        form_token: token.clone(),
        token: query.token,
        ..ResetView::default()
    };
    respond(
        &state,
        reset_page(lang),
        StatusCode::OK,
        "staff/reset_password.html",
        &token,
        view,
    )
}

pub async fn reset_submit(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    peer: Peer,
    headers: HeaderMap,
    Form(form): Form<ResetForm>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let token = check_form_token(&state, &headers, &form.csrf)?;
    let mut view = ResetView {
        form_token: token.clone(),
        token: form.token.clone(),
        ..ResetView::default()
    };
    let password = Password::new(form.password);
    match &password {
        Err(error) => {
            view.errors
                .insert("password", state.i18n.text(lang, error.message_id()));
        }
        Ok(password) if password.expose() != form.password_again => {
            view.errors
                .insert("password_again", state.i18n.text(lang, "staff-error-passwords-differ"));
        }
        Ok(_) => {}
    }
    let password = match password {
        Ok(password) if view.errors.is_empty() => password,
        _ => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return respond(
                &state,
                reset_page(lang),
                status,
                "staff/reset_password.html",
                &token,
                view,
            );
        }
    };
    let outcome = reset::reset_password(
        state.store.as_ref(),
        &state.accounts.hasher,
        state.accounts.throttle,
        &form.token,
        &password,
        &address(peer),
        Utc::now(),
    )
    .await;
    match outcome {
        Ok(account) => {
            tracing::info!(account = account.id, "password reset by emailed link");
            let mut response = see_other(&format!("/staff/{}/sign-in?reset=done", account.language));
            let names = &state.accounts.cookies;
            names.clear(response.headers_mut(), names.form);
            Ok(response)
        }
        Err(error) => refused(&state, lang, &token, error),
    }
}
