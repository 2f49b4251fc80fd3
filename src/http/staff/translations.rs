//! The translation queue: a language's missing and unreviewed texts with the Finnish source beside each,
//! a form per text to save its translation as reviewed, and the queue as an XLIFF 2.0 file for an agency
//! and its return, checked whole before anything is stored.

use std::sync::Arc;

use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use serde::{Deserialize, Serialize};

use super::view::StaffPage;
use super::{parse_lang, see_other, Signed};
use crate::app::translations::{self, Given, ReviewError};
use crate::domain::access::policy::Operation;
use crate::domain::change::Change;
use crate::domain::translation::Problem;
use crate::domain::Lang;
use crate::http::{AppError, AppState};

/// Texts to a page of the queue: each is a form of its own, and a translator works through a few at a time.
const PAGE: usize = 25;

#[derive(Deserialize)]
pub struct QueueQuery {
    target: Option<String>,
    page: Option<usize>,
    done: Option<usize>,
}

#[derive(Serialize)]
struct Row {
    id: String,
    source: String,
    text: String,
    missing: bool,
}

#[derive(Serialize)]
struct Listed {
    unit: String,
    message: String,
}

#[derive(Serialize)]
struct QueueView {
    target: &'static str,
    targets: [&'static str; 2],
    rows: Vec<Row>,
    total: usize,
    page: usize,
    pages: usize,
    done: Option<usize>,
    problems: Vec<Listed>,
    reason: String,
}

/// The staff page's language and the queue's: Swedish or English, Swedish when not given.
fn languages(lang: &str, target: Option<&str>) -> Result<(Lang, Lang), AppError> {
    let lang = parse_lang(lang)?;
    let target = match target.unwrap_or("sv") {
        "sv" => Lang::Sv,
        "en" => Lang::En,
        _ => return Err(AppError::not_found("problem-detail-no-page", "")),
    };
    Ok((lang, target))
}

fn may_review(state: &AppState, signed: &Signed) -> Result<(), AppError> {
    signed.require(state, Operation::ReviewTranslations)
}

fn city(state: &AppState) -> String {
    state.snapshot().strategy.city.slug.to_string()
}

/// Renders the queue's page `page`, with the problems of what was sent (422) or without (200).
async fn render(
    state: &AppState,
    signed: &Signed,
    (lang, target): (Lang, Lang),
    page: usize,
    done: Option<usize>,
    (problems, reason): (Vec<Problem>, String),
) -> Result<Response, AppError> {
    let snapshot = state.snapshot();
    let found = match snapshot.translation_queue.get(target, page) {
        Some(found) => found,
        None => {
            let found =
                Arc::new(translations::queue_page(state.store.as_ref(), &city(state), target, page, PAGE).await?);
            snapshot.translation_queue.keep(target, found.clone());
            found
        }
    };
    let (page, queue) = (found.0, &found.1);
    let total = queue.total;
    let pages = total.div_ceil(PAGE).max(1);
    let rows = queue
        .texts
        .iter()
        .map(|t| Row {
            id: t.id.to_string(),
            missing: t.target.is_none(),
            text: t.target.as_ref().map(|t| t.text.clone()).unwrap_or_default(),
            source: t.source.clone(),
        })
        .collect();
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let problems = problems
        .into_iter()
        .map(|p| Listed {
            unit: p.unit.unwrap_or_default(),
            message: state.i18n.with_arg(lang, p.key, "value", p.value),
        })
        .collect();
    let view = QueueView {
        target: target.code(),
        targets: ["sv", "en"],
        rows,
        total,
        page,
        pages,
        done,
        problems,
        reason,
    };
    let path = format!("/translations?target={target}");
    let frame = StaffPage {
        lang,
        path: &path,
        title_key: "staff-translations-title",
        signed: Some(signed),
    };
    frame.respond_with(state, status, "staff/translations.html", view)
}

pub async fn queue(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<QueueQuery>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let langs = languages(&lang, query.target.as_deref())?;
    may_review(&state, &signed)?;
    let page = query.page.unwrap_or(1);
    render(&state, &signed, langs, page, query.done, (Vec::new(), String::new())).await
}

#[derive(Deserialize)]
pub struct ReviewForm {
    id: String,
    source: String,
    text: String,
    reason: String,
}

/// The reason every write carries: required, at most 500 characters.
fn check_reason(reason: &str) -> Option<Problem> {
    let reason = reason.trim();
    (reason.is_empty() || reason.chars().count() > 500).then(|| Problem::new(None, "staff-error-reason", ""))
}

/// Where the queue is after a write that stored `done` translations.
fn done_address(lang: Lang, target: Lang, done: usize) -> String {
    format!("/staff/{lang}/translations?target={target}&done={done}")
}

/// Saves one text's translation as reviewed, from its row's form.
pub async fn review(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<QueueQuery>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<ReviewForm>,
) -> Result<Response, AppError> {
    let (lang, target) = languages(&lang, query.target.as_deref())?;
    may_review(&state, &signed)?;
    let given = [Given {
        id: &form.id,
        source: &form.source,
        text: &form.text,
    }];
    let store = state.store.clone();
    stored(
        &state,
        &signed,
        (lang, target),
        &form.reason,
        |change, city| async move { translations::review(store.as_ref(), &city, target, &given, &change).await },
    )
    .await
}

/// Runs a write with the person as actor and the reason, after checking the reason: on success the
/// server's snapshot is brought up to date and the person sent back to the queue; on problems the queue is
/// shown again with all of them and nothing was stored.
async fn stored<F, Fut>(
    state: &AppState,
    signed: &Signed,
    (lang, target): (Lang, Lang),
    reason: &str,
    write: F,
) -> Result<Response, AppError>
where
    F: FnOnce(Change, String) -> Fut,
    Fut: std::future::Future<Output = Result<usize, ReviewError>>,
{
    let reason_problem = check_reason(reason);
    let outcome = match reason_problem {
        Some(problem) => Err(ReviewError::Problems(vec![problem])),
        None => {
            let change = Change::new(format!("user:{}", signed.account.id), reason.trim());
            write(change, city(state)).await
        }
    };
    match outcome {
        Ok(done) => {
            // Pages read the snapshot: bring this server's up to date before the person looks.
            state.refresh().await.map_err(AppError::Internal)?;
            Ok(see_other(&done_address(lang, target, done)))
        }
        Err(ReviewError::Problems(problems)) => {
            render(state, signed, (lang, target), 1, None, (problems, reason.to_owned())).await
        }
        Err(ReviewError::Store(error)) => Err(error.into()),
    }
}

/// The queue (or, with `all=1`, every text) as an XLIFF 2.0 file.
pub async fn export(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<ExportQuery>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let (_, target) = languages(&lang, query.target.as_deref())?;
    may_review(&state, &signed)?;
    let all = query.all.as_deref() == Some("1");
    let body = translations::export(state.store.as_ref(), &city(&state), target, all).await?;
    let disposition = format!("attachment; filename=\"tarina-fi-{target}.xlf\"");
    Ok((
        [
            (CONTENT_TYPE, "application/xliff+xml; charset=utf-8".to_owned()),
            (CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct ExportQuery {
    target: Option<String>,
    all: Option<String>,
}

/// An agency's XLIFF file back: every translated unit stored as reviewed, or nothing with every problem.
pub async fn import(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<QueueQuery>,
    Extension(signed): Extension<Signed>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let (lang, target) = languages(&lang, query.target.as_deref())?;
    may_review(&state, &signed)?;
    let (file, reason) = match multipart {
        Ok(multipart) => read_form(multipart).await.unwrap_or_default(),
        Err(_) => Default::default(),
    };
    let Some(bytes) = file else {
        let problems = vec![Problem::new(None, "staff-upload-error-file", "")];
        return render(&state, &signed, (lang, target), 1, None, (problems, reason)).await;
    };
    let store = state.store.clone();
    stored(&state, &signed, (lang, target), &reason, |change, city| async move {
        translations::import_xliff(store.as_ref(), &city, target, &bytes, &change).await
    })
    .await
}

/// The file (`None` when none was chosen) and the reason of the import form; a body that is no multipart
/// form, or breaks off, is `None`.
async fn read_form(mut multipart: Multipart) -> Option<(Option<Vec<u8>>, String)> {
    let (mut file, mut reason) = (None, String::new());
    while let Some(field) = multipart.next_field().await.ok()? {
        match field.name() {
            Some("reason") => reason = field.text().await.ok()?,
            Some("file") => {
                let bytes = field.bytes().await.ok()?;
                if !bytes.is_empty() {
                    file = Some(bytes.to_vec());
                }
            }
            _ => {}
        }
    }
    Some((file, reason))
}
