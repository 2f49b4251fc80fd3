//! One error type for every handler. Handlers return it; a middleware then writes it for the client in
//! the client's language: RFC 9457 problem+json under `/api/` and `/healthz`, a friendly page elsewhere.
//! Internal details are logged, never sent.

use axum::http::header::{CONTENT_LANGUAGE, CONTENT_TYPE, RETRY_AFTER, VARY, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use serde_json::json;

use super::routes::lang_of_path;
use super::AppState;
use crate::domain::Lang;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Nothing at this address. `detail` is a message id; `value` fills its `$value`.
    #[error("not found: {detail} {value}")]
    NotFound { detail: &'static str, value: String },
    /// The request is malformed, e.g. an id that is not a number.
    #[error("bad request: {detail} {value}")]
    BadRequest { detail: &'static str, value: String },
    /// Signing in is needed (pages redirect to the sign-in page instead).
    #[error("unauthorized")]
    Unauthorized,
    /// A write API request without a live API token; `presented` when it sent one (unknown, revoked, expired).
    #[error("no valid API token")]
    NoValidToken { presented: bool },
    /// Signed in, but the role does not reach this item.
    #[error("forbidden: {detail}")]
    Forbidden { detail: &'static str },
    /// The change collides with what is stored (a taken address, a newer version of the item).
    #[error("conflict: {detail} {value}")]
    Conflict { detail: &'static str, value: String },
    /// An `If-Match` that no longer matches: someone else changed the item first.
    #[error("precondition failed")]
    PreconditionFailed,
    /// A write that must say which version it changes (`If-Match`) and did not.
    #[error("precondition required")]
    PreconditionRequired,
    /// Well-formed, but breaking a rule of the data.
    #[error("unprocessable: {detail} {value}")]
    Unprocessable { detail: &'static str, value: String },
    /// A body in a format the request does not take (the write API takes JSON).
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// A JSON body with mistakes, each at its place: every one is listed, and nothing was saved.
    #[error("invalid: {} problem(s)", .0.len())]
    Invalid(Vec<FieldProblem>),
    /// Too many attempts; try again after this many seconds.
    #[error("too many requests: {detail}")]
    TooManyRequests { detail: &'static str, retry_after: u64 },
    /// A dependency (the database) does not answer.
    #[error("unavailable: {0:#}")]
    Unavailable(anyhow::Error),
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    pub fn not_found(detail: &'static str, value: impl Into<String>) -> AppError {
        AppError::NotFound {
            detail,
            value: value.into(),
        }
    }

    pub fn bad_request(detail: &'static str, value: impl Into<String>) -> AppError {
        AppError::BadRequest {
            detail,
            value: value.into(),
        }
    }
}

/// One mistake in a JSON request body: where (a JSON Pointer, RFC 6901, into the body), and what, as a
/// message id whose `$value` is `value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub pointer: String,
    pub detail: &'static str,
    pub value: String,
}

/// What went wrong, carried from the handler to [`finish_errors`] as a response extension.
#[derive(Debug, Clone)]
pub struct Problem {
    pub status: StatusCode,
    pub detail: &'static str,
    pub value: String,
    /// The mistakes of a JSON body, sent as the problem's `errors` member.
    pub errors: Vec<FieldProblem>,
}

impl Problem {
    fn new(status: StatusCode, detail: &'static str, value: String) -> Problem {
        Problem {
            status,
            detail,
            value,
            errors: Vec::new(),
        }
    }

    /// For error responses made by the framework itself (unknown method, oversized body, time-out).
    fn from_status(status: StatusCode) -> Problem {
        let detail = match status.as_u16() {
            401 => "problem-detail-unauthorized",
            404 => "problem-detail-no-page",
            405 => "problem-detail-method",
            408 => "problem-detail-timeout",
            412 => "problem-detail-precondition",
            428 => "problem-detail-precondition-required",
            413 => "problem-detail-too-large",
            415 => "problem-detail-media-type",
            422 => "problem-detail-unprocessable",
            503 => "problem-detail-unavailable",
            400..=499 => "problem-detail-bad-request",
            _ => "problem-detail-internal",
        };
        Problem::new(status, detail, String::new())
    }
}

/// Store errors by their class: a missing row is 404, a collision 409, a broken rule 422.
impl From<StoreError> for AppError {
    fn from(error: StoreError) -> AppError {
        match error {
            StoreError::NotFound(message) => {
                tracing::debug!("not found: {message}");
                AppError::not_found("problem-detail-no-page", "")
            }
            StoreError::Conflict(message) => {
                tracing::info!("conflict: {message}");
                AppError::Conflict {
                    detail: "problem-detail-conflict",
                    value: String::new(),
                }
            }
            StoreError::Constraint(message) => {
                tracing::info!("refused by a rule of the data: {message}");
                AppError::Unprocessable {
                    detail: "problem-detail-unprocessable",
                    value: String::new(),
                }
            }
            StoreError::Stale(message) => {
                tracing::info!("precondition failed: {message}");
                AppError::PreconditionFailed
            }
            StoreError::Unavailable(error) => AppError::Unavailable(error),
            StoreError::Other(error) => AppError::Internal(error),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut retry_after = None;
        let mut challenge = None;
        let problem = match self {
            AppError::NotFound { detail, value } => Problem::new(StatusCode::NOT_FOUND, detail, value),
            AppError::BadRequest { detail, value } => Problem::new(StatusCode::BAD_REQUEST, detail, value),
            AppError::Unauthorized => Problem::from_status(StatusCode::UNAUTHORIZED),
            AppError::NoValidToken { presented } => {
                // RFC 6750: the scheme to use, and whether the token sent was the trouble.
                challenge = Some(if presented {
                    "Bearer realm=\"tarina\", error=\"invalid_token\""
                } else {
                    "Bearer realm=\"tarina\""
                });
                Problem::new(StatusCode::UNAUTHORIZED, "problem-detail-token", String::new())
            }
            AppError::Forbidden { detail } => Problem::new(StatusCode::FORBIDDEN, detail, String::new()),
            AppError::Conflict { detail, value } => Problem::new(StatusCode::CONFLICT, detail, value),
            AppError::PreconditionFailed => Problem::from_status(StatusCode::PRECONDITION_FAILED),
            AppError::PreconditionRequired => Problem::from_status(StatusCode::PRECONDITION_REQUIRED),
            AppError::Unprocessable { detail, value } => Problem::new(StatusCode::UNPROCESSABLE_ENTITY, detail, value),
            AppError::UnsupportedMediaType => Problem::from_status(StatusCode::UNSUPPORTED_MEDIA_TYPE),
            AppError::Invalid(errors) => Problem {
                errors,
                ..Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "problem-detail-invalid",
                    String::new(),
                )
            },
            AppError::TooManyRequests {
                detail,
                retry_after: seconds,
            } => {
                retry_after = Some(seconds);
                Problem::new(StatusCode::TOO_MANY_REQUESTS, detail, String::new())
            }
            AppError::Unavailable(error) => {
                tracing::error!("service unavailable: {error:#}");
                Problem::from_status(StatusCode::SERVICE_UNAVAILABLE)
            }
            AppError::Internal(error) => {
                tracing::error!("internal error: {error:#}");
                Problem::from_status(StatusCode::INTERNAL_SERVER_ERROR)
            }
        };
        let mut response = problem.status.into_response();
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        if let Some(challenge) = challenge {
            response
                .headers_mut()
                .insert(WWW_AUTHENTICATE, HeaderValue::from_static(challenge));
        }
        response.extensions_mut().insert(problem);
        response
    }
}

/// Marks an error response whose body the handler made itself and that must reach the client as it is:
/// a form returned with 422 and its field errors, a conflict page showing both versions.
#[derive(Debug, Clone, Copy)]
pub struct OwnBody;

/// A complete HTML page sent with an error status, kept as it is by [`finish_errors`].
pub fn page_with_status(status: StatusCode, html: String) -> Response {
    let mut response = (status, Html(html)).into_response();
    response.extensions_mut().insert(OwnBody);
    response
}

/// The fallback for addresses no route knows.
pub async fn not_found() -> AppError {
    AppError::not_found("problem-detail-no-page", "")
}

fn wants_problem_json(path: &str) -> bool {
    path.starts_with("/api/") || path == "/api" || path == "/healthz"
}

/// Turns every error response into a complete one in the client's language: `path` and `accept` (its
/// `Accept-Language`) are the request's. Called by the one middleware every response goes through
/// ([`super::finish`]); a successful response passes untouched.
pub fn finish_errors(state: &AppState, path: &str, accept: Option<&str>, response: Response) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || response.extensions().get::<OwnBody>().is_some() {
        return response;
    }
    let problem = response
        .extensions()
        .get::<Problem>()
        .cloned()
        .unwrap_or_else(|| Problem::from_status(status));
    let (mut finished, lang) = if wants_problem_json(path) {
        let lang = Lang::negotiate(accept);
        (problem_json(state, &problem, lang, path), lang)
    } else {
        let lang = lang_of_path(path).unwrap_or_else(|| Lang::negotiate(accept));
        (error_page(state, &problem, lang), lang)
    };
    let headers = finished.headers_mut();
    headers.insert(CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
    headers.insert(VARY, HeaderValue::from_static("Accept-Language"));
    // Keep headers the framework set for this status, such as Allow on 405.
    for (name, value) in response.headers() {
        if name != CONTENT_TYPE && name != axum::http::header::CONTENT_LENGTH {
            finished.headers_mut().entry(name).or_insert(value.clone());
        }
    }
    finished
}

fn title_key(status: StatusCode) -> &'static str {
    match status.as_u16() {
        401 => "problem-title-401",
        403 => "problem-title-403",
        404 => "problem-title-404",
        405 => "problem-title-405",
        408 => "problem-title-408",
        409 => "problem-title-409",
        412 => "problem-title-412",
        428 => "problem-title-428",
        413 => "problem-title-413",
        415 => "problem-title-415",
        422 => "problem-title-422",
        429 => "problem-title-429",
        503 => "problem-title-503",
        400..=499 => "problem-title-400",
        _ => "problem-title-500",
    }
}

fn problem_json(state: &AppState, problem: &Problem, lang: Lang, instance: &str) -> Response {
    let mut body = json!({
        "type": "about:blank",
        "title": state.i18n.text(lang, title_key(problem.status)),
        "status": problem.status.as_u16(),
        "detail": state.i18n.with_arg(lang, problem.detail, "value", problem.value.clone()),
        "instance": instance,
    });
    if !problem.errors.is_empty() {
        body["errors"] = problem
            .errors
            .iter()
            .map(|error| {
                json!({
                    "pointer": error.pointer,
                    "detail": state.i18n.with_arg(lang, error.detail, "value", error.value.clone()),
                })
            })
            .collect();
    }
    let mut response = (problem.status, body.to_string()).into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
    response
}

fn error_page(state: &AppState, problem: &Problem, lang: Lang) -> Response {
    let title = state.i18n.text(lang, title_key(problem.status));
    let detail = state
        .i18n
        .with_arg(lang, problem.detail, "value", problem.value.clone());
    match state
        .templates
        .error_page(lang, problem.status.as_u16(), &title, &detail)
    {
        Ok(html) => (problem.status, Html(html)).into_response(),
        Err(error) => {
            tracing::error!("cannot render the error page: {error:#}");
            (problem.status, title).into_response()
        }
    }
}
