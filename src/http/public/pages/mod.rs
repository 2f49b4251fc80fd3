//! The public, server-rendered site. Every page works without JavaScript.

mod action_page;
mod annex;
mod cascade_view;
mod chart;
mod chart_scale;
mod diff_page;
mod indicator_view;
mod parts;
mod survey;
mod templates;
mod versions_page;
mod view;

use axum::extract::{Path, Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, CACHE_CONTROL, LOCATION, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;

use crate::domain::Lang;
use crate::http::cache::{Scope, PUBLIC_CACHE};
use crate::http::routes::Page;
use crate::http::{AppError, AppState};

pub(crate) use diff_page::diff_view;
pub(crate) use survey::guard::SurveyGuard;
pub use templates::Templates;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(root))
        .route("/{lang}", get(language_root))
        .route("/{lang}/", get(home))
        .route("/{lang}/{segment}", get(section))
        .route("/{lang}/{segment}/{slug}", get(item).post(survey::submit))
        .route("/{lang}/{segment}/{slug}/{file}", get(item_part))
        .route("/{lang}/{segment}/{from}/{word}/{to}", get(diff_page::page))
}

pub(super) fn parse_lang(lang: &str) -> Result<Lang, AppError> {
    lang.parse()
        .map_err(|_| AppError::not_found("problem-detail-no-page", ""))
}

/// Sends the visitor to the home page in the language their browser prefers (Finnish by default).
async fn root(headers: HeaderMap) -> Response {
    let accept = headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    let target = Page::Home.path(Lang::negotiate(accept));
    let mut response = (StatusCode::SEE_OTHER, [(LOCATION, target)]).into_response();
    let headers = response.headers_mut();
    headers.insert(VARY, HeaderValue::from_static("Accept-Language"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

async fn language_root(Path(lang): Path<String>) -> Result<Redirect, AppError> {
    Ok(Redirect::permanent(&Page::Home.path(parse_lang(&lang)?)))
}

// The page handlers take the whole request (last) only to read its headers where they are: the `HeaderMap`
// extractor would copy every header of every request, which showed in the profile of a cached page
// (BENCHMARKS.md, 2026-12-04).

async fn home(State(state): State<AppState>, Path(lang): Path<String>, request: Request) -> Result<Response, AppError> {
    render(&state, parse_lang(&lang)?, Page::Home, request.headers())
}

async fn section(
    State(state): State<AppState>,
    Path((lang, segment)): Path<(String, String)>,
    request: Request,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let page = Page::parse(lang, &segment, None).ok_or_else(|| AppError::not_found("problem-detail-no-page", ""))?;
    match page {
        Page::Versions => versions_page::render(&state, lang, page, request.headers()).await,
        Page::Surveys => survey::list(&state, lang, request.headers()).await,
        _ => render(&state, lang, page, request.headers()),
    }
}

async fn item(
    State(state): State<AppState>,
    Path((lang, segment, slug)): Path<(String, String, String)>,
    request: Request,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let page =
        Page::parse(lang, &segment, Some(&slug)).ok_or_else(|| AppError::not_found("problem-detail-no-page", ""))?;
    if matches!(page, Page::Version(_)) {
        return versions_page::render(&state, lang, page, request.headers()).await;
    }
    match &page {
        Page::Action(id) => action_page::page(&state, lang, id, request.headers()).await,
        Page::Survey(slug) => survey::form_page(&state, lang, slug).await,
        _ => render(&state, lang, page, request.headers()),
    }
}

/// `/{lang}/{segment}/{slug}/{part}`: a survey's results, or a budget annex's download.
async fn item_part(
    State(state): State<AppState>,
    Path((lang, segment, slug, part)): Path<(String, String, String, String)>,
    request: Request,
) -> Result<Response, AppError> {
    let code = parse_lang(&lang)?;
    if let Some(Page::SurveyResults(slug)) = crate::http::routes::parse_survey_results(code, &segment, &slug, &part) {
        return survey::results_page(&state, code, &slug, request.headers()).await;
    }
    annex::download(
        State(state),
        Path((lang, segment, slug, part)),
        request.headers().clone(),
    )
    .await
}

fn render(state: &AppState, lang: Lang, page: Page, headers: &HeaderMap) -> Result<Response, AppError> {
    let snapshot = state.snapshot();
    let cached = snapshot
        .cache
        .get_or_render(&page.path(lang), scope(&page), "text/html; charset=utf-8", || {
            view::render_page(state, &snapshot, lang, &page).map(String::into_bytes)
        })?;
    Ok(cached.respond(headers, PUBLIC_CACHE))
}

/// What a page shows, for dropping it from the cache when that changes. Goal pages show their targets and
/// indicators, so they go with every cascade change; an indicator's page goes with its own values and its
/// connector's last check.
fn scope(page: &Page) -> Scope {
    match page {
        Page::Home
        | Page::Areas
        | Page::Area(_)
        | Page::Programmes
        | Page::Programme(_)
        | Page::Narrative
        | Page::Timeline
        | Page::Accessibility
        | Page::ApiDocs
        | Page::Versions
        | Page::Version(_)
        | Page::VersionDiff { .. } => Scope::Strategy,
        // Never cached: rendered per request from the store.
        Page::Surveys | Page::Survey(_) | Page::SurveyResults(_) => Scope::Strategy,
        Page::Action(_) => Scope::Cascade,
        Page::Indicator(id_slug) => id_slug
            .split_once('-')
            .and_then(|(id, _)| id.parse().ok())
            .map_or(Scope::Cascade, Scope::IndicatorPage),
        Page::Goal(_)
        | Page::Indicators
        | Page::IndicatorsPage(_)
        | Page::Situation
        | Page::Annexes
        | Page::Annex(_) => Scope::Cascade,
    }
}
