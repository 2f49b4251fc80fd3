//! Surveys and their live results as open data (`/api/v1/surveys`, `/api/v1/surveys/{slug}/results`). Read
//! from the store on each request, not from the snapshot (answers never touch it), and sent with
//! `Cache-Control: no-cache`: an ETag still saves the transfer while nothing changed.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::Utc;
use serde::Serialize;
use utoipa::ToSchema;

use super::dto::{TextDto, UrlsDto};
use super::{to_json, ProblemDto};
use crate::domain::cascade::RegionKind;
use crate::domain::survey::results::{tally, Count, Estimate, Results};
use crate::domain::survey::{Availability, QuestionKind, ResultsAudience, Survey};
use crate::domain::Lang;
use crate::http::cache::respond_once;
use crate::http::routes::Page;
use crate::http::{AppError, AppState};

/// A survey residents can answer.
#[derive(Serialize, ToSchema)]
pub struct SurveyDto {
    #[schema(example = "rakennusvalvonta-asiakastyytyvaisyys")]
    slug: String,
    title: TextDto,
    /// Whether it takes answers now.
    #[schema(example = "open")]
    status: SurveyStatus,
    /// When it opens (RFC 3339), `null` when open from the start.
    #[schema(format = DateTime)]
    opens: Option<String>,
    /// When it closes (RFC 3339), `null` when open until further notice.
    #[schema(format = DateTime)]
    closes: Option<String>,
    /// Whether its results are public; staff-only results are not served here.
    results_public: bool,
    /// The ids of the strategy goals the survey informs.
    goals: Vec<u32>,
    /// The form's page in each language.
    url: UrlsDto,
    /// The results page in each language, `null` when the results are not public.
    results_url: Option<UrlsDto>,
    /// The results as JSON, `null` when they are not public.
    #[schema(example = "/api/v1/surveys/rakennusvalvonta-asiakastyytyvaisyys/results")]
    results_api: Option<String>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SurveyStatus {
    Upcoming,
    Open,
    Closed,
}

/// A survey's results, computed from counts kept up to date with every answer.
#[derive(Serialize, ToSchema)]
pub struct SurveyResultsDto {
    slug: String,
    title: TextDto,
    /// Submissions received.
    responses: i64,
    /// Of them, example answers loaded by command, never a resident's.
    example_responses: i64,
    questions: Vec<QuestionResultDto>,
    /// The same by the language the survey was answered in.
    by_language: Vec<SegmentDto>,
    /// The same by the region respondents gave (`""`: none given).
    by_region: Vec<SegmentDto>,
}

#[derive(Serialize, ToSchema)]
pub struct QuestionResultDto {
    #[schema(example = "tyytyvaisyys")]
    key: String,
    /// `single`, `multiple`, `scale5`, `nps`, `number`, `date`, `text` or `region`.
    #[schema(example = "scale5")]
    kind: String,
    text: TextDto,
    /// Respondents who answered it.
    answered: i64,
    /// Each value it can have and how many gave it; empty for numbers, days and free texts (which are
    /// published only after moderation).
    values: Vec<ValueCountDto>,
    /// For a 1–5 question: the share of 4s and 5s in per cent, with a 95 % Wilson interval.
    csat: Option<EstimateDto>,
    /// For a 0–10 question: promoters minus detractors in points, with a 95 % normal-approximation interval.
    nps: Option<EstimateDto>,
}

#[derive(Serialize, ToSchema)]
pub struct ValueCountDto {
    /// A choice's key, a scale point or a region's slug.
    #[schema(example = "5")]
    value: String,
    /// The choice's or region's name; `null` for scale points.
    label: Option<TextDto>,
    count: i64,
}

#[derive(Serialize, ToSchema)]
pub struct EstimateDto {
    #[schema(example = 80.0)]
    value: f64,
    #[schema(example = 49.0)]
    low: f64,
    #[schema(example = 94.3)]
    high: f64,
    /// The answers it is computed from.
    #[schema(example = 10)]
    n: i64,
}

/// One language's or region's part of the results: its respondents and the headline figure (the first 1–5 or
/// 0–10 question's).
#[derive(Serialize, ToSchema)]
pub struct SegmentDto {
    /// A language code or a region's slug (`""`: no region given).
    key: String,
    responses: i64,
    csat: Option<EstimateDto>,
    nps: Option<EstimateDto>,
}

impl From<Estimate> for EstimateDto {
    fn from(e: Estimate) -> Self {
        let round = |x: f64| (x * 10.0).round() / 10.0;
        EstimateDto {
            value: round(e.value),
            low: round(e.low),
            high: round(e.high),
            n: e.n,
        }
    }
}

fn city(state: &AppState) -> String {
    state.snapshot().strategy.city.slug.to_string()
}

fn live(state: &AppState, headers: &HeaderMap, body: Vec<u8>) -> Response {
    respond_once(
        body,
        "application/json",
        headers,
        "no-cache",
        state.snapshot().cache.compresses(),
    )
}

fn survey_dto(survey: &Survey) -> SurveyDto {
    let slug = survey.slug.to_string();
    let public = survey.results == ResultsAudience::Public;
    SurveyDto {
        status: match survey.availability(Utc::now()) {
            Availability::Upcoming(_) => SurveyStatus::Upcoming,
            Availability::Open => SurveyStatus::Open,
            Availability::Closed(_) => SurveyStatus::Closed,
        },
        title: (&survey.title).into(),
        opens: survey.opens.map(|t| t.to_rfc3339()),
        closes: survey.closes.map(|t| t.to_rfc3339()),
        results_public: public,
        goals: survey.goals.iter().map(|g| g.get()).collect(),
        url: (&Page::Survey(slug.clone())).into(),
        results_url: public.then(|| (&Page::SurveyResults(slug.clone())).into()),
        results_api: public.then(|| format!("/api/v1/surveys/{slug}/results")),
        slug,
    }
}

/// Every survey of the city, open, upcoming and closed, by slug.
#[utoipa::path(
    get,
    path = "/api/v1/surveys",
    tag = "surveys",
    responses(
        (status = 200, description = "The surveys", body = Vec<SurveyDto>, headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag given in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
    )
)]
pub async fn surveys(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let surveys = state.store.surveys(&city(&state)).await?;
    let list: Vec<SurveyDto> = surveys.iter().map(survey_dto).collect();
    Ok(live(&state, &headers, to_json(&list)?))
}

/// A survey's live results: counts per question and value, CSAT and NPS with 95 % intervals, by language and
/// by region. Free-text answers are not included.
#[utoipa::path(
    get,
    path = "/api/v1/surveys/{slug}/results",
    tag = "surveys",
    params(("slug" = String, Path, description = "The survey's slug", example = "rakennusvalvonta-asiakastyytyvaisyys")),
    responses(
        (status = 200, description = "The results", body = SurveyResultsDto, headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag given in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 404, description = "No survey has this slug, or its results are for staff only", body = ProblemDto,
         content_type = "application/problem+json",
         headers(("Content-Language" = String, description = "The language of title and detail"))),
    )
)]
pub async fn results(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let not_found = || AppError::not_found("problem-detail-no-survey", slug.clone());
    let city = city(&state);
    let survey = state
        .store
        .survey(&city, &slug)
        .await?
        .filter(|s| s.results == ResultsAudience::Public)
        .ok_or_else(not_found)?;
    let counts = state.store.survey_counts(&city, &slug).await?;
    let snapshot = state.snapshot();
    let regions: Vec<_> = (snapshot.published.regions.iter())
        .filter(|r| r.kind != RegionKind::City)
        .collect();
    let region_slugs: Vec<String> = regions.iter().map(|r| r.slug.to_string()).collect();
    let all = tally(&survey, &counts, &region_slugs, |_| true);
    let questions = survey
        .questions()
        .zip(&all.questions)
        .map(|(q, result)| QuestionResultDto {
            key: q.key.to_string(),
            kind: q.kind.name().to_owned(),
            text: (&q.text).into(),
            answered: result.answered,
            values: (result.values.iter())
                .map(|(value, count)| ValueCountDto {
                    label: match &q.kind {
                        QuestionKind::Single(choices) | QuestionKind::Multiple(choices) => choices
                            .iter()
                            .find(|c| c.key.as_str() == value)
                            .map(|c| (&c.label).into()),
                        QuestionKind::Region => regions
                            .iter()
                            .find(|r| r.slug.as_str() == value)
                            .map(|r| (&r.name).into()),
                        _ => None,
                    },
                    value: value.clone(),
                    count: *count,
                })
                .collect(),
            csat: result.csat.map(EstimateDto::from),
            nps: result.nps.map(EstimateDto::from),
        })
        .collect();
    let segment = |key: String, keep: &dyn Fn(&Count) -> bool| {
        let results = tally(&survey, &counts, &region_slugs, keep);
        let (csat, nps) = headline(&survey, &results);
        SegmentDto {
            key,
            responses: results.responses,
            csat,
            nps,
        }
    };
    let by_language = Lang::ALL
        .into_iter()
        .map(|l| segment(l.code().to_owned(), &|c: &Count| c.lang == l))
        .collect();
    let by_region = (region_slugs.iter())
        .chain(std::iter::once(&String::new()))
        .map(|slug| segment(slug.clone(), &|c: &Count| c.region == *slug))
        .collect();
    let dto = SurveyResultsDto {
        slug: survey.slug.to_string(),
        title: (&survey.title).into(),
        responses: all.responses,
        example_responses: all.example_responses,
        questions,
        by_language,
        by_region,
    };
    Ok(live(&state, &headers, to_json(&dto)?))
}

/// The CSAT or NPS of the survey's first 1–5 or 0–10 question.
fn headline(survey: &Survey, results: &Results) -> (Option<EstimateDto>, Option<EstimateDto>) {
    (survey.questions())
        .zip(&results.questions)
        .find(|(q, _)| matches!(q.kind, QuestionKind::Scale5 | QuestionKind::Nps))
        .map_or((None, None), |(_, r)| {
            (r.csat.map(EstimateDto::from), r.nps.map(EstimateDto::from))
        })
}
