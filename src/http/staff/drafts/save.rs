//! Saving an item's texts: 403 without the right to edit the strategy, 409 for a version that is no longer a
//! draft, 422 with each error next to its field and what was typed kept, 409 with both versions when someone
//! saved the item meanwhile, else a redirect back to the form with a confirmation.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::response::Response;
use axum::{Extension, Form};

use super::form::{compare, draw, Outcome, Typed};
use super::{item_key, item_path, only_a_draft};
use crate::app::drafts::DraftError;
use crate::domain::change::Change;
use crate::domain::edit::has_control_characters;
use crate::domain::VersionStatus;
use crate::http::staff::{parse_lang, see_other, Signed};
use crate::http::{AppError, AppState};
use crate::store::DraftSaved;

/// The longest reason a person may give for a change, in characters (as the other forms).
const REASON_LIMIT: usize = 500;

fn typed(pairs: Vec<(String, String)>) -> Typed {
    let mut inputs = BTreeMap::new();
    let (mut reason, mut revision) = (String::new(), String::new());
    for (name, value) in pairs {
        match name.as_str() {
            "reason" => reason = value,
            "revision" => revision = value,
            "csrf" => {}
            _ => {
                inputs.insert(name, value);
            }
        }
    }
    Typed {
        inputs,
        reason,
        revision,
    }
}

pub(super) fn reason_is_valid(reason: &str) -> bool {
    let reason = reason.trim();
    !reason.is_empty() && reason.chars().count() <= REASON_LIMIT && !has_control_characters(reason)
}

pub async fn save(
    State(state): State<AppState>,
    Path((lang, label, kind, key)): Path<(String, String, String, String)>,
    Extension(signed): Extension<Signed>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let key = item_key(&kind, &key)?;
    let typed = typed(pairs);
    let snapshot = state.snapshot();
    let change = Change::new(format!("user:{}", signed.account.id), typed.reason.trim());
    let who = (&signed.account, snapshot.cascade.organisations.as_slice());
    let saved = if reason_is_valid(&typed.reason) {
        let expected = typed.revision.trim();
        crate::app::drafts::save(
            state.store.as_ref(),
            who,
            (&label, &key),
            &typed.inputs,
            expected,
            &change,
        )
        .await
    } else {
        // The texts are checked too, so the page lists every error at once; nothing is saved.
        match crate::app::drafts::check(state.store.as_ref(), who, (&label, &key), &typed.inputs).await {
            Ok(_) => Err(DraftError::Invalid(BTreeMap::new())),
            Err(error) => Err(error),
        }
    };
    let back = format!("/staff/{lang}{}", item_path(&label, &key));
    match saved {
        Ok(DraftSaved::Saved(_) | DraftSaved::Unchanged) => Ok(see_other(&format!("{back}?saved=1"))),
        Ok(DraftSaved::NotDraft(_)) | Err(DraftError::NotDraft) => Err(only_a_draft(&label)),
        Ok(DraftSaved::Stale(current)) => {
            let outcome = Outcome {
                conflict: compare(&state, lang, &current, &typed),
                ..Outcome::default()
            };
            let typed = Typed {
                revision: current.revision(),
                ..typed
            };
            draw(
                &state,
                &signed,
                lang,
                (&label, VersionStatus::Draft, &current),
                typed,
                outcome,
            )
        }
        Err(DraftError::Invalid(errors)) => {
            let mut messages: BTreeMap<String, String> = errors
                .into_iter()
                .map(|(field, message)| (field, state.i18n.text(lang, message)))
                .collect();
            if !reason_is_valid(&typed.reason) {
                messages.insert("reason".to_owned(), state.i18n.text(lang, "staff-error-reason"));
            }
            let (status, item) = crate::app::drafts::item(state.store.as_ref(), &label, &key).await?;
            let outcome = Outcome {
                errors: messages,
                ..Outcome::default()
            };
            draw(&state, &signed, lang, (&label, status, &item), typed, outcome)
        }
        Err(DraftError::Forbidden) => Err(AppError::Forbidden {
            detail: "problem-detail-forbidden",
        }),
        Err(DraftError::Store(error)) => Err(error.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_required_and_short() {
        assert!(reason_is_valid(" korjaus "));
        assert!(!reason_is_valid("  "));
        assert!(!reason_is_valid(&"a".repeat(REASON_LIMIT + 1)));
        assert!(!reason_is_valid("a\u{0}"));
        let typed = typed(vec![
            ("title_fi".into(), "Otsikko".into()),
            ("reason".into(), "syy".into()),
            ("csrf".into(), "x".into()),
        ]);
        assert_eq!(typed.inputs.len(), 1);
        assert_eq!(typed.reason, "syy");
    }
}
