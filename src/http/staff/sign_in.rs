//! The sign-in page. One answer for a wrong address and a wrong password; lockout and a busy server say so.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::header::{RETRY_AFTER, USER_AGENT};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use axum::{Extension, Form};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::view::StaffPage;
use super::{cookies, parse_lang, see_other};
use crate::app::accounts::sign_in::{sign_in, Attempt, SignInError};
use crate::app::accounts::tokens::{random_token, same_secret};
use crate::domain::Lang;
use crate::http::{AppError, AppState};

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
    /// `done` after a password was reset by an emailed link: the page says so.
    reset: Option<String>,
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    next: String,
}

#[derive(Serialize, Default)]
struct SignInView {
    form_token: String,
    next: String,
    email: String,
    errors: std::collections::BTreeMap<&'static str, String>,
    problem: Option<String>,
    /// A word on what just happened, e.g. that the password was changed.
    notice: Option<String>,
    /// Whether the city's OpenID provider is offered, and the query that brings `next` along to it.
    oidc: bool,
    oidc_query: String,
}

/// Where to go after signing in: a staff page of this site, never another site.
pub(super) fn safe_next(next: &str, lang: Lang) -> String {
    let local = next.starts_with("/staff/") && !next.contains("//") && !next.contains('\\') && !next.contains("..");
    if local {
        next.to_owned()
    } else {
        format!("/staff/{lang}/")
    }
}

pub async fn form(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<Next>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let names = &state.accounts.cookies;
    let token = cookies::read(&headers, names.form).unwrap_or_else(random_token);
    let view = SignInView {
        form_token: token.clone(),
        next: safe_next(query.next.as_deref().unwrap_or_default(), lang),
        oidc: state.accounts.oidc.is_some(),
        notice: (query.reset.as_deref() == Some("done")).then(|| state.i18n.text(lang, "staff-reset-done")),
        ..SignInView::default()
    };
    let view = SignInView {
        oidc_query: serde_urlencoded::to_string([("next", &view.next)]).unwrap_or_default(),
        ..view
    };
    let mut response = page(lang).respond(&state, "staff/sign_in.html", view)?;
    names.set(response.headers_mut(), names.form, &token);
    Ok(response)
}

fn page(lang: Lang) -> StaffPage<'static> {
    StaffPage {
        lang,
        path: "/sign-in",
        title_key: "staff-sign-in-title",
        signed: None,
    }
}

pub async fn submit(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let settings = &state.accounts;
    let expected = cookies::read(&headers, settings.cookies.form).unwrap_or_default();
    if expected.is_empty() || !same_secret(&form.csrf, &expected) {
        return Err(AppError::Forbidden {
            detail: "problem-detail-form-token",
        });
    }
    let mut view = SignInView {
        form_token: expected,
        next: safe_next(&form.next, lang),
        email: form.email.trim().chars().take(254).collect(),
        oidc: settings.oidc.is_some(),
        ..SignInView::default()
    };
    if form.email.trim().is_empty() {
        view.errors
            .insert("email", state.i18n.text(lang, "staff-error-email-missing"));
    }
    if form.password.is_empty() {
        view.errors
            .insert("password", state.i18n.text(lang, "staff-error-password-missing"));
    }
    if !view.errors.is_empty() {
        return page(lang).respond_with(&state, StatusCode::UNPROCESSABLE_ENTITY, "staff/sign_in.html", view);
    }
    let address = peer.map_or_else(
        || "unknown".to_owned(),
        |Extension(ConnectInfo(peer))| peer.ip().to_string(),
    );
    let user_agent = headers
        .get(USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let attempt = Attempt {
        email: &form.email,
        password: &form.password,
        address: &address,
        user_agent,
        now: Utc::now(),
    };
    let outcome = sign_in(
        state.store.as_ref(),
        &settings.hasher,
        settings.throttle,
        settings.limits,
        attempt,
    )
    .await;
    let (status, key, retry_after) = match outcome {
        Ok(signed_in) => {
            let mut response = see_other(&view.next);
            let names = &settings.cookies;
            names.set(response.headers_mut(), names.session, &signed_in.token);
            names.clear(response.headers_mut(), names.form);
            tracing::info!(account = signed_in.account.id, "signed in");
            return Ok(response);
        }
        Err(SignInError::Refused) => (StatusCode::UNAUTHORIZED, "staff-error-sign-in-refused", None),
        Err(SignInError::Locked) => (
            StatusCode::TOO_MANY_REQUESTS,
            "staff-error-sign-in-locked",
            Some(settings.throttle.window.num_seconds()),
        ),
        Err(SignInError::Busy(_)) => (StatusCode::SERVICE_UNAVAILABLE, "staff-error-sign-in-busy", Some(1)),
        Err(SignInError::Store(error)) => return Err(error.into()),
    };
    view.problem = Some(state.i18n.text(lang, key));
    let mut response = page(lang).respond_with(&state, status, "staff/sign_in.html", view)?;
    if let Some(seconds) = retry_after {
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(seconds.max(1)));
    }
    Ok(response)
}

/// The sign-in page again, saying why signing in did not work.
pub(super) fn refused_page(state: &AppState, lang: Lang, status: StatusCode, key: &str) -> Result<Response, AppError> {
    let token = random_token();
    let view = SignInView {
        form_token: token.clone(),
        next: format!("/staff/{lang}/"),
        problem: Some(state.i18n.text(lang, key)),
        oidc: state.accounts.oidc.is_some(),
        ..SignInView::default()
    };
    let mut response = page(lang).respond_with(state, status, "staff/sign_in.html", view)?;
    let names = &state.accounts.cookies;
    names.set(response.headers_mut(), names.form, &token);
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_staff_pages_of_this_site_are_places_to_return_to() {
        assert_eq!(safe_next("/staff/sv/sessions", Lang::Fi), "/staff/sv/sessions");
        for bad in [
            "https://evil.example/",
            "//evil.example/staff/",
            "/staff/..//x",
            "/fi/",
            "/staff/\\evil",
        ] {
            assert_eq!(safe_next(bad, Lang::En), "/staff/en/", "{bad}");
        }
    }
}
