//! Recording many indicator values from an uploaded file: a CSV file or an XLSX workbook, read by the same
//! parser and written by the same use case as `tarina indicators import`, all rows or none. A row of an
//! indicator the person may not record is one more problem of the file; every problem is listed with its
//! line and column, in the person's language.

use std::collections::BTreeMap;

use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use serde::{Deserialize, Serialize};

use super::values::{may_record, may_record_some};
use super::view::StaffPage;
use super::{parse_lang, see_other, Signed};
use crate::domain::cascade::{Cascade, Indicator};
use crate::domain::change::{Change, RecordSummary};
use crate::domain::Lang;
use crate::http::{AppError, AppState};
use crate::values::{CsvErrors, RowError};

/// The largest file the page takes (20 MiB, some hundred thousand rows): larger files are for
/// `tarina indicators import`, which can leave the writing to a background job.
pub const FILE_LIMIT: usize = 20 * 1024 * 1024;

const PATH: &str = "/indicators/upload";

/// What the last upload recorded, carried in the address the person is sent to afterwards.
#[derive(Serialize, Clone, Copy)]
struct Done {
    added: usize,
    changed: usize,
    unchanged: usize,
}

#[derive(Deserialize)]
pub struct DoneQuery {
    added: Option<usize>,
    changed: Option<usize>,
    unchanged: Option<usize>,
}

/// One problem of the file, as the page lists it.
#[derive(Serialize)]
struct Problem {
    line: usize,
    column: Option<String>,
    reason: String,
}

#[derive(Serialize)]
struct UploadView {
    reason: String,
    errors: BTreeMap<&'static str, String>,
    problems: Vec<Problem>,
    done: Option<Done>,
}

fn respond(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    status: StatusCode,
    view: UploadView,
) -> Result<Response, AppError> {
    let page = StaffPage {
        lang,
        path: PATH,
        title_key: "staff-upload-title",
        signed: Some(signed),
    };
    page.respond_with(state, status, "staff/upload.html", view)
}

pub async fn form(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<DoneQuery>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    may_record_some(&signed, &state.snapshot().cascade)?;
    let done = match (query.added, query.changed, query.unchanged) {
        (Some(added), Some(changed), Some(unchanged)) => Some(Done {
            added,
            changed,
            unchanged,
        }),
        _ => None,
    };
    let view = UploadView {
        reason: String::new(),
        errors: BTreeMap::new(),
        problems: Vec::new(),
        done,
    };
    respond(&state, lang, &signed, StatusCode::OK, view)
}

/// The form as sent: the file's name and bytes (`None` when none was chosen), the reason, and whether the
/// file was over [`FILE_LIMIT`] (then only that much of it was read).
#[derive(Default)]
struct Sent {
    file: Option<(String, Vec<u8>)>,
    reason: String,
    too_large: bool,
}

/// Reads the form's fields. A body that is no multipart form, or breaks off, is `None`.
async fn read_form(mut multipart: Multipart) -> Option<Sent> {
    let mut sent = Sent::default();
    while let Some(mut field) = multipart.next_field().await.ok()? {
        let name = field.name().map(str::to_owned);
        match name.as_deref() {
            Some("reason") => sent.reason = field.text().await.ok()?,
            Some("file") => {
                let file_name = field.file_name().unwrap_or_default().to_owned();
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.ok()? {
                    if bytes.len() + chunk.len() > FILE_LIMIT {
                        sent.too_large = true;
                        return Some(sent);
                    }
                    bytes.extend_from_slice(&chunk);
                }
                if !file_name.is_empty() || !bytes.is_empty() {
                    sent.file = Some((file_name, bytes));
                }
            }
            _ => {}
        }
    }
    Some(sent)
}

pub async fn upload(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Extension(signed): Extension<Signed>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    may_record_some(&signed, &state.snapshot().cascade)?;
    let message = |key: &str| state.i18n.text(lang, key);
    let sent = match multipart {
        Ok(multipart) => read_form(multipart).await,
        Err(_) => None,
    };
    let mut errors = BTreeMap::new();
    let Some(sent) = sent else {
        errors.insert("file", message("staff-upload-error-form"));
        let view = UploadView {
            reason: String::new(),
            errors,
            problems: Vec::new(),
            done: None,
        };
        return respond(&state, lang, &signed, StatusCode::UNPROCESSABLE_ENTITY, view);
    };
    let reason = sent.reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        errors.insert("reason", message("staff-error-reason"));
    }
    if sent.too_large {
        errors.insert("file", message("staff-upload-error-too-large"));
    } else if sent.file.is_none() {
        errors.insert("file", message("staff-upload-error-file"));
    }
    let mut problems = Vec::new();
    if let Some((name, bytes)) = sent.file.filter(|_| !sent.too_large) {
        let change = Change::new(format!("user:{}", signed.account.id), reason);
        let permitted = |cascade: &Cascade, indicator: &Indicator| may_record(&signed, cascade, indicator);
        if errors.is_empty() {
            match crate::app::values::import_permitted_values(state.store.as_ref(), &name, &bytes, &change, &permitted)
                .await
            {
                Ok(report) => {
                    // Pages read the snapshot: bring this server's up to date before the person looks.
                    state.refresh().await.map_err(AppError::Internal)?;
                    return Ok(see_other(&done_address(lang, report.summary)));
                }
                Err(error) => match error.downcast::<CsvErrors>() {
                    Ok(file) => problems = listed(&state, lang, file.errors),
                    Err(error) => return Err(AppError::Internal(error)),
                },
            }
        } else {
            // The form has a mistake too: the file's problems are listed with it, and nothing is written.
            let snapshot = state.snapshot();
            let cascade = &snapshot.cascade;
            if let Err(rows) = crate::values::parse_upload(&bytes, cascade, &|indicator| permitted(cascade, indicator))
            {
                problems = listed(&state, lang, rows);
            }
        }
    }
    let view = UploadView {
        reason: sent.reason,
        errors,
        problems,
        done: None,
    };
    respond(&state, lang, &signed, StatusCode::UNPROCESSABLE_ENTITY, view)
}

fn listed(state: &AppState, lang: Lang, errors: Vec<RowError>) -> Vec<Problem> {
    errors
        .into_iter()
        .map(|error| Problem {
            line: error.line,
            column: error.column,
            reason: error.reason.message(&state.i18n, lang),
        })
        .collect()
}

fn done_address(lang: Lang, summary: RecordSummary) -> String {
    let done = Done {
        added: summary.added,
        changed: summary.corrected,
        unchanged: summary.unchanged,
    };
    let query = serde_urlencoded::to_string(done).unwrap_or_default();
    format!("/staff/{lang}{PATH}?{query}")
}
