//! Signing in through the city's OpenID provider: a link on the sign-in page sends the person there, and the
//! provider sends them back to one fixed address, `/staff/oidc/callback`, registered with it.

use axum::extract::{Path, Query, State};
use axum::http::header::USER_AGENT;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::Utc;
use serde::Deserialize;

use super::sign_in::{refused_page, safe_next};
use super::{parse_lang, see_other};
use crate::app::accounts::sign_in::SignInError;
use crate::domain::Lang;
use crate::http::{AppError, AppState};

#[derive(Deserialize)]
pub struct Begin {
    next: Option<String>,
}

pub async fn begin(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<Begin>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let oidc = state
        .accounts
        .oidc
        .as_ref()
        .ok_or_else(|| AppError::not_found("problem-detail-no-page", ""))?;
    let next = safe_next(query.next.as_deref().unwrap_or_default(), lang);
    match oidc.begin(state.store.as_ref(), &next, Utc::now()).await {
        Ok(url) => Ok(see_other(&url)),
        Err(error) => {
            tracing::error!("cannot begin an OpenID Connect sign-in: {error:#}");
            refused_page(
                &state,
                lang,
                StatusCode::SERVICE_UNAVAILABLE,
                "staff-error-oidc-unavailable",
            )
        }
    }
}

#[derive(Deserialize)]
pub struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

pub async fn callback(
    State(state): State<AppState>,
    Query(query): Query<Callback>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let oidc = state
        .accounts
        .oidc
        .as_ref()
        .ok_or_else(|| AppError::not_found("problem-detail-no-page", ""))?;
    let lang = Lang::negotiate(
        headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let (Some(code), Some(returned_state), None) = (query.code, query.state, query.error) else {
        return refused_page(&state, lang, StatusCode::UNAUTHORIZED, "staff-error-oidc-refused");
    };
    let user_agent = headers
        .get(USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let settings = &state.accounts;
    match oidc
        .finish(
            state.store.as_ref(),
            &code,
            &returned_state,
            user_agent,
            Utc::now(),
            settings.limits,
        )
        .await
    {
        Ok((signed_in, next)) => {
            let mut response = see_other(&next);
            let names = &settings.cookies;
            names.set(response.headers_mut(), names.session, &signed_in.token);
            tracing::info!(account = signed_in.account.id, "signed in through OpenID Connect");
            Ok(response)
        }
        Err(SignInError::Store(error)) => Err(error.into()),
        Err(_) => refused_page(&state, lang, StatusCode::UNAUTHORIZED, "staff-error-oidc-refused"),
    }
}
