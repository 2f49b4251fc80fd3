//! Surveys residents answer: the list of open surveys, a survey's form page by page, its sending, and its
//! results. Everything is read from the store per request (surveys are not part of the strategy snapshot),
//! and sending an answer writes only the answer and its counts: no data version, no change feed entry, so
//! answers never make the servers reload or drop a cached page.

mod bars;
mod form;
pub(super) mod guard;
mod results;

use std::net::SocketAddr;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::header::{ALLOW, CACHE_CONTROL};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use chrono::Utc;
use serde::Serialize;

use super::parts::{date, Resolver};
use super::view::{render_framed, Frame};
use crate::domain::cascade::RegionKind;
use crate::domain::survey::{Availability, Survey};
use crate::domain::{Lang, LocalizedText};
use crate::http::cache::respond_once;
use crate::http::error::page_with_status;
use crate::http::routes::Page;
use crate::http::{AppError, AppState};
use form::{Draw, FormView, Posted, RegionChoice};
use guard::Refusal;

pub(super) use results::page as results_page;

/// A survey post is a few answers; anything larger is no resident's.
const MAX_POST_BYTES: usize = 64 * 1024;

/// The city whose surveys the site shows: the current strategy's.
fn city(state: &AppState) -> String {
    state.snapshot().strategy.city.slug.to_string()
}

/// The regions a region question offers: the city's parts, not the whole city.
fn regions(state: &AppState) -> Vec<(String, LocalizedText)> {
    (state.snapshot().published.regions.iter())
        .filter(|r| r.kind != RegionKind::City)
        .map(|r| (r.slug.to_string(), r.name.clone()))
        .collect()
}

async fn find(state: &AppState, slug: &str) -> Result<Survey, AppError> {
    state
        .store
        .survey(&city(state), slug)
        .await?
        .ok_or_else(|| AppError::not_found("problem-detail-no-page", ""))
}

/// The frame of a survey's pages: the survey's title, under the list of surveys.
fn frame<'a>(state: &AppState, r: &Resolver, page: &'a Page, title: String) -> Frame<'a> {
    let t = &state.templates;
    Frame {
        lang: r.lang,
        page,
        site_name: r.plain(&state.snapshot().strategy.title),
        description: t.message(r.lang, "surveys-description"),
        trail: if *page == Page::Surveys {
            vec![]
        } else {
            vec![(t.message(r.lang, "surveys-title"), Page::Surveys)]
        },
        title,
    }
}

/// A page no cache may keep: forms carry their own start time, and answers are nobody else's.
fn private(status: StatusCode, html: String) -> Response {
    let mut response = page_with_status(status, html);
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[derive(Serialize)]
struct SurveyItem {
    href: String,
    title: super::parts::Loc,
    closes: Option<String>,
    results_href: Option<String>,
}

/// The surveys open now, `/fi/kyselyt`.
pub(super) async fn list(state: &AppState, lang: Lang, headers: &HeaderMap) -> Result<Response, AppError> {
    let surveys = state.store.surveys(&city(state)).await?;
    let r = Resolver::new(lang);
    let now = Utc::now();
    let items: Vec<SurveyItem> = surveys
        .iter()
        .filter(|s| s.availability(now) == Availability::Open)
        .map(|s| SurveyItem {
            href: Page::Survey(s.slug.to_string()).path(lang),
            title: r.loc(&s.title),
            closes: s.closes.map(|c| date(c.date_naive(), lang)),
            results_href: results::public(s).then(|| Page::SurveyResults(s.slug.to_string()).path(lang)),
        })
        .collect();
    let page = Page::Surveys;
    let title = state.templates.message(lang, "surveys-title");
    let frame = frame(state, &r, &page, title);
    let html = render_framed(
        &state.templates,
        &r,
        frame,
        "surveys.html",
        serde_json::json!({ "surveys": items }),
    )?;
    Ok(respond_once(
        html.into_bytes(),
        "text/html; charset=utf-8",
        headers,
        "no-cache",
        state.snapshot().cache.compresses(),
    ))
}

/// The first page of a survey's form, `GET /fi/kyselyt/{slug}`.
pub(super) async fn form_page(state: &AppState, lang: Lang, slug: &str) -> Result<Response, AppError> {
    let survey = find(state, slug).await?;
    if let Some(refusal) = unavailable(state, lang, &survey) {
        return Ok(refusal);
    }
    let stamp = state
        .survey_guard
        .stamp(survey.slug.as_str(), Utc::now().timestamp_millis());
    let draw = Draw {
        survey: &survey,
        index: 0,
        submitted: &Default::default(),
        problems: &[],
        notice: None,
        stamp,
        action: String::new(),
        regions: &[],
    };
    render_form(state, lang, draw, StatusCode::OK)
}

/// The closed page (410) or the not-yet-open one (404) when the survey takes no answers now.
fn unavailable(state: &AppState, lang: Lang, survey: &Survey) -> Option<Response> {
    let (status, key, when) = match survey.availability(Utc::now()) {
        Availability::Open => return None,
        Availability::Closed(at) => (StatusCode::GONE, "survey-closed", at),
        Availability::Upcoming(at) => (StatusCode::NOT_FOUND, "survey-upcoming", at),
    };
    let r = Resolver::new(lang);
    let message = state.i18n.with_arg(lang, key, "date", date(when.date_naive(), lang));
    let page = Page::Survey(survey.slug.to_string());
    let frame = frame(state, &r, &page, r.plain(&survey.title));
    let body = serde_json::json!({
        "title": r.loc(&survey.title),
        "message": message,
        "results_href": results::public(survey).then(|| Page::SurveyResults(survey.slug.to_string()).path(lang)),
        "surveys_href": Page::Surveys.path(lang),
    });
    Some(
        match render_framed(&state.templates, &r, frame, "survey_closed.html", body) {
            Ok(html) => private(status, html),
            Err(error) => error.into_response(),
        },
    )
}

/// Draws a page of the form; `draw.action` and `draw.regions` are filled in here.
fn render_form(state: &AppState, lang: Lang, draw: Draw<'_>, status: StatusCode) -> Result<Response, AppError> {
    let r = Resolver::new(lang);
    let survey = draw.survey;
    let owned = regions(state);
    let choices: Vec<RegionChoice<'_>> = owned.iter().map(|(slug, name)| (slug.as_str(), name)).collect();
    let page = Page::Survey(survey.slug.to_string());
    let view = FormView::new(
        state,
        &r,
        Draw {
            action: page.path(lang),
            regions: &choices,
            ..draw
        },
    );
    let body = serde_json::json!({
        "title": r.loc(&survey.title),
        "intro": r.paragraphs(&survey.intro),
        "privacy": r.paragraphs(&survey.privacy),
        "form": view,
        "fields": { "page": form::PAGE, "stamp": form::STAMP, "trap": form::TRAP },
        "results_href": results::public(survey).then(|| Page::SurveyResults(survey.slug.to_string()).path(lang)),
    });
    let frame = frame(state, &r, &page, r.plain(&survey.title));
    let html = render_framed(&state.templates, &r, frame, "survey.html", body)?;
    Ok(private(status, html))
}

/// `POST /fi/kyselyt/{slug}` (and the other languages' addresses): one page of the form, or the whole
/// survey from a form that sends everything at once. Each post takes one of its address's allowance first.
pub(in crate::http::public) async fn submit(
    State(state): State<AppState>,
    Path((lang, segment, slug)): Path<(String, String, String)>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    body: Bytes,
) -> Result<Response, AppError> {
    let lang = super::parse_lang(&lang)?;
    if !matches!(Page::parse(lang, &segment, Some(&slug)), Some(Page::Survey(_))) {
        // Every other page of the site is read-only.
        let mut refused = StatusCode::METHOD_NOT_ALLOWED.into_response();
        refused
            .headers_mut()
            .insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
        return Ok(refused);
    }
    if let Some(Extension(ConnectInfo(peer))) = peer {
        state
            .survey_guard
            .admit(peer.ip(), Instant::now())
            .map_err(|seconds| AppError::TooManyRequests {
                detail: "problem-detail-survey-rate",
                retry_after: seconds,
            })?;
    }
    let survey = find(&state, &slug).await?;
    if let Some(refusal) = unavailable(&state, lang, &survey) {
        return Ok(refusal);
    }
    if body.len() > MAX_POST_BYTES {
        return Ok(StatusCode::PAYLOAD_TOO_LARGE.into_response());
    }
    // The decoder replaces bytes that are no UTF-8 rather than failing: such a post is malformed all the same.
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body)
        .ok()
        .filter(|pairs: &Vec<(String, String)>| {
            !pairs
                .iter()
                .any(|(n, v)| n.contains('\u{fffd}') || v.contains('\u{fffd}'))
        })
        .ok_or_else(|| AppError::bad_request("problem-detail-survey-malformed", ""))?;
    let posted = Posted::from_pairs(pairs);
    step(&state, lang, &survey, posted).await
}

/// What a post leads to: the same page with its problems, the next page, or the answers kept and thanks.
async fn step(state: &AppState, lang: Lang, survey: &Survey, posted: Posted) -> Result<Response, AppError> {
    let now = Utc::now();
    let pages = survey.pages.len();
    let sent = posted.page.unwrap_or(pages).clamp(1, pages);
    let draw = |index: usize, stamp: String| Draw {
        survey,
        index,
        submitted: &posted.submitted,
        problems: &[],
        notice: None,
        stamp,
        action: String::new(),
        regions: &[],
    };
    let fresh = || state.survey_guard.stamp(survey.slug.as_str(), now.timestamp_millis());
    let checked = match (&posted.stamp, survey.external_posts) {
        (Some(stamp), _) => state
            .survey_guard
            .check_stamp(survey.slug.as_str(), stamp, now.timestamp_millis()),
        (None, true) => Ok(()),
        (None, false) => Err(Refusal::Expired),
    };
    // A valid start time goes on to the next page, so the minimum counts from the first page.
    let stamp = match (&checked, &posted.stamp) {
        (Ok(()), Some(stamp)) => stamp.clone(),
        _ => fresh(),
    };
    if !posted.trap.is_empty() {
        let refused = Draw {
            notice: Some("survey-notice-trap"),
            ..draw(sent - 1, stamp)
        };
        return render_form(state, lang, refused, StatusCode::BAD_REQUEST);
    }
    if posted.back {
        return render_form(state, lang, draw(sent.saturating_sub(2), stamp), StatusCode::OK);
    }
    if let Err(refusal) = checked {
        let notice = match refusal {
            Refusal::TooFast => "survey-notice-too-fast",
            Refusal::Expired => "survey-notice-expired",
        };
        let refused = Draw {
            notice: Some(notice),
            ..draw(sent - 1, stamp)
        };
        return render_form(state, lang, refused, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let region_slugs: Vec<String> = regions(state).into_iter().map(|(slug, _)| slug).collect();
    let answers = match crate::domain::survey::answer::check(survey, &posted.submitted, sent, &region_slugs) {
        Ok(answers) => answers,
        Err(problems) => {
            // The first page with a problem, all of whose problems are shown.
            let index = (survey.pages.iter())
                .position(|p| {
                    p.questions
                        .iter()
                        .any(|q| problems.iter().any(|e| e.question == q.key.as_str()))
                })
                .unwrap_or(0);
            let again = Draw {
                problems: &problems,
                ..draw(index, stamp)
            };
            return render_form(state, lang, again, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    if let Some(next) = survey.next_page(sent, &answers) {
        return render_form(state, lang, draw(next, stamp), StatusCode::OK);
    }
    let receipt = crate::app::surveys::submit(
        state.store.as_ref(),
        &city(state),
        survey.slug.as_str(),
        lang,
        &answers,
        now,
    )
    .await?;
    let r = Resolver::new(lang);
    let page = Page::Survey(survey.slug.to_string());
    let frame = frame(state, &r, &page, state.templates.message(lang, "survey-thanks-title"));
    let body = serde_json::json!({
        "title": r.loc(&survey.title),
        "receipt": receipt.to_string(),
        "results_href": results::public(survey).then(|| Page::SurveyResults(survey.slug.to_string()).path(lang)),
        "surveys_href": Page::Surveys.path(lang),
    });
    let html = render_framed(&state.templates, &r, frame, "survey_thanks.html", body)?;
    Ok(private(StatusCode::OK, html))
}
