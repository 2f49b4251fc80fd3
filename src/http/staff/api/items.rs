//! What the write API's one-item resources (an action's progress, a target's assessment) share: the item's
//! state read from the database with its revision as the `ETag`, `If-Match` compared with it before the body
//! is read, and a save that the store checks again against that revision in its own transaction, so an edit
//! that comes between (from a form or another client) turns the write into a 412, never an overwrite.

use std::collections::BTreeMap;

use axum::http::header::ETAG;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::bearer::Bearer;
use super::body::plain_text;
use super::preconditions::{etag, not_modified, IfMatch};
use crate::app::edits::{EditError, Scope};
use crate::domain::change::Change;
use crate::domain::edit::{Edit, FieldErrors, Item, ItemRef, Revision};
use crate::domain::{Lang, LocalizedText, Translation};
use crate::http::error::FieldProblem;
use crate::http::{AppError, AppState};
use crate::store::Applied;

/// A text in Finnish (the source) and, when translated, Swedish and English: at most 5,000 characters each,
/// without control characters other than line breaks and tabs. A translation needs the Finnish text.
#[derive(Serialize, Deserialize, ToSchema, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct TextsDto {
    #[schema(
        example = "Hanke etenee aikataulussa.",
        max_length = 5000,
        pattern = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$"
    )]
    pub fi: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(
        max_length = 5000,
        pattern = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$"
    )]
    pub sv: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(
        max_length = 5000,
        pattern = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$"
    )]
    pub en: Option<String>,
}

impl TextsDto {
    pub fn of(text: &LocalizedText) -> TextsDto {
        let translation = |t: &Option<Translation>| t.as_ref().map(|t| t.text.clone());
        TextsDto {
            fi: text.fi.clone(),
            sv: translation(&text.sv),
            en: translation(&text.en),
        }
    }

    /// The three languages as a form would hold them.
    pub fn typed(text: Option<&TextsDto>) -> [&str; 3] {
        match text {
            Some(t) => [
                &t.fi,
                t.sv.as_deref().unwrap_or_default(),
                t.en.as_deref().unwrap_or_default(),
            ],
            None => ["", "", ""],
        }
    }
}

/// The longest reason, in characters, as in the staff forms.
const REASON_CHARS: usize = 500;

/// Answers a GET: the item's state with its revision as the `ETag`, or 304.
pub async fn read(
    state: &AppState,
    bearer: &Bearer,
    item: ItemRef,
    headers: &HeaderMap,
    dto: impl FnOnce(&Item) -> Result<serde_json::Value, AppError>,
) -> Result<Response, AppError> {
    let snapshot = state.snapshot();
    let scope = crate::http::staff::edits::scope(&snapshot);
    let current = crate::app::edits::read(state.store.as_ref(), scope, &bearer.account, item).await?;
    let tag = current.revision();
    if not_modified(headers, tag.as_str()) {
        return Ok((StatusCode::NOT_MODIFIED, [(ETAG, etag(tag.as_str()))]).into_response());
    }
    Ok(([(ETAG, etag(tag.as_str()))], Json(dto(&current)?)).into_response())
}

/// The item as stored now, if `If-Match` names it: 428 without the header, 412 when it names another state.
pub async fn precondition(
    state: &AppState,
    scope: Scope<'_>,
    bearer: &Bearer,
    item: ItemRef,
    headers: &HeaderMap,
) -> Result<Item, AppError> {
    let if_match = IfMatch::from_headers(headers)?;
    let current = crate::app::edits::read(state.store.as_ref(), scope, &bearer.account, item).await?;
    if_match.expect(current.revision().as_str())?;
    Ok(current)
}

/// The reason of a write body, or its problem.
pub fn reason(typed: &str, problems: &mut Vec<FieldProblem>) -> Option<String> {
    let reason = plain_text(typed, REASON_CHARS).map(str::to_owned);
    if reason.is_none() {
        problems.push(FieldProblem {
            pointer: "/reason".into(),
            detail: "api-error-reason",
            value: String::new(),
        });
    }
    reason
}

/// A form check's errors at their places in the body: `pointers` maps a form field to its JSON Pointer.
pub fn field_problems(errors: FieldErrors, pointers: &BTreeMap<&str, &str>) -> Vec<FieldProblem> {
    errors
        .into_iter()
        .map(|(field, detail)| FieldProblem {
            pointer: pointers
                .get(field)
                .map_or_else(|| format!("/{field}"), |p| (*p).to_owned()),
            detail,
            value: String::new(),
        })
        .collect()
}

/// The pointers of a three-language text `field` (e.g. `note_sv` is `/note/sv`).
pub fn text_pointers(
    field: &'static str,
    pointers: &mut BTreeMap<&'static str, &'static str>,
    places: [&'static str; 3],
) {
    for (lang, place) in Lang::ALL.iter().zip(places) {
        pointers.insert(crate::domain::edit::field_in(field, *lang), place);
    }
}

/// Saves `after` as the item's new state if it still stands at `before`'s revision: 200 with the new `ETag`
/// and `dto` of the saved state, 412 when someone saved it meanwhile.
pub async fn write(
    state: &AppState,
    bearer: &Bearer,
    (before, after): (&Item, Item),
    item: ItemRef,
    reason: String,
    dto: impl FnOnce(&Item) -> Result<serde_json::Value, AppError>,
) -> Result<Response, AppError> {
    let snapshot = state.snapshot();
    let scope = crate::http::staff::edits::scope(&snapshot);
    let edit = Edit { item, after };
    let change = Change::new(bearer.actor(), reason);
    let expected: Revision = before.revision();
    let applied = crate::app::edits::apply(state.store.as_ref(), scope, &bearer.account, &edit, &expected, &change)
        .await
        .map_err(|error| match error {
            EditError::Store(error) => AppError::from(error),
            other => AppError::from(other),
        })?;
    match applied {
        Applied::Saved(tag) | Applied::Unchanged(tag) => {
            if let Err(error) = state.refresh().await {
                tracing::warn!("cannot catch up with the write just made: {error:#}");
            }
            Ok(([(ETAG, etag(tag.as_str()))], Json(dto(&edit.after)?)).into_response())
        }
        Applied::Stale(_) => Err(AppError::PreconditionFailed),
    }
}
