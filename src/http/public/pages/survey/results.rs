//! A survey's live results, `/fi/kyselyt/{slug}/tulokset`: the responses, each question's distribution as a
//! bar chart with a data table, CSAT and NPS with their 95 % intervals, and the same by language and region.
//! Computed from the survey's counts on each request (a few hundred rows however many answers), so the page
//! is current the moment an answer commits. Free texts are never shown here: they wait for moderation.

use axum::http::HeaderMap;
use axum::response::Response;
use serde::Serialize;

use super::super::parts::{number, Loc, Resolver};
use super::super::view::render_framed;
use super::bars::{self, Bar};
use super::{city, find, frame, regions};
use crate::domain::survey::results::{tally, Count, Estimate, Results};
use crate::domain::survey::{QuestionKind, ResultsAudience, Survey};
use crate::domain::Lang;
use crate::http::cache::respond_once;
use crate::http::routes::Page;
use crate::http::{AppError, AppState};

/// Whether the public may see the survey's results.
pub(super) fn public(survey: &Survey) -> bool {
    survey.results == ResultsAudience::Public
}

#[derive(Serialize)]
struct Row {
    label: Loc,
    count: i64,
    share: String,
}

#[derive(Serialize)]
struct QuestionView {
    text: Loc,
    kind: &'static str,
    answered: i64,
    /// A sentence giving the CSAT or NPS with its interval, when the question has one.
    score: Option<String>,
    rows: Vec<Row>,
    chart: Option<String>,
}

#[derive(Serialize)]
struct Segment {
    label: Loc,
    responses: i64,
    score: String,
}

pub(in crate::http::public::pages) async fn page(
    state: &AppState,
    lang: Lang,
    slug: &str,
    headers: &HeaderMap,
) -> Result<Response, AppError> {
    let survey = find(state, slug).await?;
    if !public(&survey) {
        return Err(AppError::not_found("problem-detail-no-page", ""));
    }
    let counts = state.store.survey_counts(&city(state), slug).await?;
    let regions = regions(state);
    let region_slugs: Vec<String> = regions.iter().map(|(s, _)| s.clone()).collect();
    let all = tally(&survey, &counts, &region_slugs, |_| true);
    let r = Resolver::new(lang);
    let t = &state.templates;
    let questions: Vec<QuestionView> = survey
        .questions()
        .zip(&all.questions)
        .enumerate()
        .map(|(i, (q, result))| {
            let labels: Vec<Loc> = match &q.kind {
                QuestionKind::Single(choices) | QuestionKind::Multiple(choices) => {
                    choices.iter().map(|c| r.loc(&c.label)).collect()
                }
                QuestionKind::Region => regions.iter().map(|(_, name)| r.loc(name)).collect(),
                _ => (result.values.iter())
                    .map(|(v, _)| Loc {
                        text: v.clone(),
                        fallback: false,
                    })
                    .collect(),
            };
            let rows: Vec<Row> = labels
                .into_iter()
                .zip(&result.values)
                .map(|(label, (_, count))| Row {
                    label,
                    count: *count,
                    share: share(*count, result.answered, lang),
                })
                .collect();
            let text = r.loc(&q.text);
            let chart = (!rows.is_empty() && result.answered > 0).then(|| {
                let bars: Vec<Bar<'_>> = (rows.iter())
                    .map(|row| Bar {
                        label: &row.label.text,
                        count: row.count,
                        share: &row.share,
                    })
                    .collect();
                let description =
                    t.message_with(lang, "survey-results-answered", &[("count", result.answered as usize)]);
                bars::render(&format!("question-{}", i + 1), &text.text, &description, &bars)
            });
            QuestionView {
                score: score_text(state, lang, result.csat, result.nps),
                kind: q.kind.name(),
                answered: result.answered,
                rows,
                chart,
                text,
            }
        })
        .collect();
    let headline = |results: &Results| -> String {
        let first = (survey.questions())
            .zip(&results.questions)
            .find(|(q, _)| matches!(q.kind, QuestionKind::Scale5 | QuestionKind::Nps));
        first
            .and_then(|(_, result)| score_text(state, lang, result.csat, result.nps))
            .unwrap_or_else(|| "–".to_owned())
    };
    let segment = |label: Loc, keep: &dyn Fn(&Count) -> bool| {
        let results = tally(&survey, &counts, &region_slugs, keep);
        Segment {
            label,
            responses: results.responses,
            score: headline(&results),
        }
    };
    let by_language: Vec<Segment> = Lang::ALL
        .into_iter()
        .map(|l| {
            let label = Loc {
                text: t.message(lang, &format!("language-name-{l}")),
                fallback: false,
            };
            segment(label, &|c: &Count| c.lang == l)
        })
        .collect();
    let mut by_region: Vec<Segment> = regions
        .iter()
        .map(|(slug, name)| segment(r.loc(name), &|c: &Count| c.region == *slug))
        .collect();
    by_region.push(segment(
        Loc {
            text: t.message(lang, "survey-results-no-region"),
            fallback: false,
        },
        &|c: &Count| c.region.is_empty(),
    ));
    let page = Page::SurveyResults(slug.to_owned());
    let title = format!(
        "{} – {}",
        r.plain(&survey.title),
        t.message(lang, "survey-results-title")
    );
    let frame = frame(state, &r, &page, title);
    let body = serde_json::json!({
        "title": r.loc(&survey.title),
        "responses": all.responses,
        "example_responses": all.example_responses,
        "questions": questions,
        "by_language": by_language,
        "by_region": by_region,
        "survey_href": Page::Survey(slug.to_owned()).path(lang),
        "api_href": format!("/api/v1/surveys/{slug}/results"),
    });
    let html = render_framed(t, &r, frame, "survey_results.html", body)?;
    // Live: revalidated on every visit, answered with 304 while nothing changed.
    Ok(respond_once(
        html.into_bytes(),
        "text/html; charset=utf-8",
        headers,
        "no-cache",
        state.snapshot().cache.compresses(),
    ))
}

/// `count` of `of` in per cent, as readers of `lang` write it.
fn share(count: i64, of: i64, lang: Lang) -> String {
    if of <= 0 {
        return "–".to_owned();
    }
    format!("{}\u{a0}%", number(100.0 * count as f64 / of as f64, 1, lang))
}

/// "CSAT 80,0 % (95 % interval 49,0–94,3 %, n = 10)", or the same for the NPS.
fn score_text(state: &AppState, lang: Lang, csat: Option<Estimate>, nps: Option<Estimate>) -> Option<String> {
    let (key, e) = match (csat, nps) {
        (Some(e), _) => ("survey-results-csat", e),
        (None, Some(e)) => ("survey-results-nps", e),
        (None, None) => return None,
    };
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("value", number(e.value, 1, lang));
    args.set("low", number(e.low, 1, lang));
    args.set("high", number(e.high, 1, lang));
    args.set("n", e.n);
    Some(state.i18n.message(lang, key, Some(&args)))
}
