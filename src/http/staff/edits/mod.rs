//! Forms that edit one cascade item: an action's progress ([`progress`]) and a target's assessment
//! ([`assessment`]). They share how a form answers: 422 with the errors next to their fields and what was
//! typed kept; 409 with both versions side by side when someone saved the item after the form was drawn; a
//! redirect to the form with a confirmation when saved.

pub mod assessment;
pub mod definition;
pub mod progress;
pub mod target;
pub mod targets;
pub mod updates;

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

use super::view::StaffPage;
use super::{see_other, Signed};
use crate::app::edits::{EditError, Scope};
use crate::domain::edit::{field_in, Edit, FieldErrors, Item, Revision};
use crate::domain::{Lang, LocalizedText};
use crate::http::{AppError, AppState, Snapshot};
use crate::store::Applied;

/// The longest reason a person may give for a change, in characters.
const REASON_LIMIT: usize = 500;

impl From<EditError> for AppError {
    fn from(error: EditError) -> AppError {
        match error {
            EditError::NotFound => AppError::not_found("problem-detail-no-page", ""),
            EditError::Forbidden => AppError::Forbidden {
                detail: "problem-detail-forbidden",
            },
            EditError::Store(error) => error.into(),
        }
    }
}

/// The store answered a read of one kind of item with another: a defect, not the person's mistake.
pub fn another_kind() -> AppError {
    AppError::Internal(anyhow::anyhow!("the store answered with another kind of item"))
}

pub fn scope(snapshot: &Snapshot) -> Scope<'_> {
    Scope {
        strategy: &snapshot.strategy,
        cascade: &snapshot.cascade,
    }
}

/// One field of the comparison a conflict page shows: what is saved now and what the person typed.
#[derive(Serialize, PartialEq)]
pub struct Compared {
    pub label: String,
    pub saved: String,
    pub yours: String,
}

/// One language of a three-language text field, for the form's side-by-side inputs.
#[derive(Serialize)]
pub struct LangInput {
    pub name: &'static str,
    pub lang: &'static str,
    pub value: String,
    /// A translation not given yet, flagged so staff see what is left to do.
    pub missing: bool,
}

/// The three inputs of a text field `field` (e.g. `note`), holding `typed`.
pub fn lang_inputs(field: &'static str, typed: [&str; 3]) -> Vec<LangInput> {
    Lang::ALL
        .iter()
        .zip(typed)
        .map(|(&lang, value)| LangInput {
            name: field_in(field, lang),
            lang: lang.code(),
            value: value.to_owned(),
            missing: lang != Lang::Fi && value.trim().is_empty(),
        })
        .collect()
}

/// A three-language text as the form's three inputs hold it.
pub fn typed_text(text: Option<&LocalizedText>) -> [String; 3] {
    let get = |lang| text.and_then(|t| t.get(lang)).unwrap_or_default().to_owned();
    [get(Lang::Fi), get(Lang::Sv), get(Lang::En)]
}

/// The messages of `errors` in the person's language, plus the reason's own check.
pub fn messages(state: &AppState, lang: Lang, errors: FieldErrors, reason: &str) -> BTreeMap<&'static str, String> {
    let mut messages: BTreeMap<&'static str, String> = errors
        .into_iter()
        .map(|(field, key)| (field, state.i18n.text(lang, key)))
        .collect();
    let reason = reason.trim();
    let unreadable = crate::domain::edit::has_control_characters(reason);
    if reason.is_empty() || reason.chars().count() > REASON_LIMIT || unreadable {
        messages.insert("reason", state.i18n.text(lang, "staff-error-reason"));
    }
    messages
}

/// The query of a form drawn again after a save.
#[derive(serde::Deserialize)]
pub struct Saved {
    pub saved: Option<String>,
}

/// What a form page shows besides its own fields.
#[derive(Serialize, Default)]
pub struct Outcome {
    pub saved: bool,
    /// Both versions when someone saved the item after this form was drawn.
    pub conflict: Vec<Compared>,
    pub errors: BTreeMap<&'static str, String>,
}

/// How a submitted edit ended.
pub enum Finished {
    /// Saved, or it changed nothing: back to the form with a confirmation.
    Redirect(Response),
    /// Someone saved the item after this form was drawn: the item as it stands now.
    Stale(Item),
}

/// Saves a checked edit as `signed`, with their reason; `back` is the form's address.
pub async fn finish(
    state: &AppState,
    signed: &Signed,
    edit: &Edit,
    expected: &Revision,
    reason: &str,
    back: &str,
) -> Result<Finished, AppError> {
    let snapshot = state.snapshot();
    let change = crate::domain::change::Change::new(format!("user:{}", signed.account.id), reason.trim());
    let applied = crate::app::edits::apply(
        state.store.as_ref(),
        scope(&snapshot),
        &signed.account,
        edit,
        expected,
        &change,
    )
    .await?;
    match applied {
        Applied::Saved(_) | Applied::Unchanged(_) => {
            // Pages read the snapshot: bring this server's up to date before the person sees the item again.
            state.refresh().await.map_err(AppError::Internal)?;
            Ok(Finished::Redirect(see_other(&format!("{back}?saved=1"))))
        }
        Applied::Stale(current) => Ok(Finished::Stale(current)),
    }
}

/// Renders a form page with the status its outcome calls for.
pub fn respond(
    page: &StaffPage<'_>,
    state: &AppState,
    template: &str,
    outcome_status: Option<StatusCode>,
    view: impl Serialize,
) -> Result<Response, AppError> {
    match outcome_status {
        Some(status) => page.respond_with(state, status, template, view),
        None => page.respond(state, template, view),
    }
}

/// The status of a form page drawn with `outcome`.
pub fn status_of(outcome: &Outcome) -> Option<StatusCode> {
    if !outcome.conflict.is_empty() {
        Some(StatusCode::CONFLICT)
    } else if !outcome.errors.is_empty() {
        Some(StatusCode::UNPROCESSABLE_ENTITY)
    } else {
        None
    }
}

/// The comparison rows of a three-language text.
pub fn compare_text(
    state: &AppState,
    lang: Lang,
    label_key: &str,
    saved: [String; 3],
    yours: [&str; 3],
) -> Vec<Compared> {
    Lang::ALL
        .iter()
        .zip(saved.into_iter().zip(yours))
        .map(|(&text_lang, (saved, yours))| Compared {
            label: format!("{} ({})", state.i18n.text(lang, label_key), text_lang.code()),
            saved,
            yours: yours.trim().to_owned(),
        })
        .collect()
}
