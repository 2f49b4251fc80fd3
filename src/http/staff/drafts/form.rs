//! An item's form: every field of the item in Finnish, Swedish and English side by side, a "reviewed" box
//! for each translation, a reason and the revision the form was drawn from. Drawn read-only for a version
//! that is not a draft and for people who may not edit the strategy.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use serde::Serialize;

use super::{field_label, item_key, item_label, item_path, list_path, may_edit, may_view, status_text};
use crate::domain::draft::{input_name, reviewed_name, ItemKey, ItemTexts};
use crate::domain::{Lang, VersionStatus};
use crate::http::staff::edits::{Compared, Saved};
use crate::http::staff::view::StaffPage;
use crate::http::staff::{parse_lang, Signed};
use crate::http::{AppError, AppState};

/// One language of a field, as the form holds it.
#[derive(Serialize)]
struct LangInput {
    name: String,
    lang: &'static str,
    value: String,
    missing: bool,
    /// The translation's "reviewed" box: its name, and whether it is ticked.
    reviewed_name: String,
    reviewed: bool,
}

#[derive(Serialize)]
struct FieldView {
    field: &'static str,
    label_key: String,
    inputs: Vec<LangInput>,
}

/// What a form page shows besides its fields.
#[derive(Default)]
pub struct Outcome {
    pub saved: bool,
    /// Both versions when someone saved the item after this form was drawn.
    pub conflict: Vec<Compared>,
    pub errors: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct FormView {
    version: String,
    item: String,
    list_href: String,
    action: String,
    status: String,
    /// Not a draft: shown, never saved.
    locked: bool,
    editable: bool,
    fields: Vec<FieldView>,
    reason: String,
    revision: String,
    saved: bool,
    conflict: Vec<Compared>,
    errors: BTreeMap<String, String>,
}

/// The form's inputs as typed: the texts by input name and the ticked boxes, with the reason and revision.
pub struct Typed {
    pub inputs: BTreeMap<String, String>,
    pub reason: String,
    pub revision: String,
}

impl Typed {
    /// The form as drawn from the item's saved texts.
    pub fn from_item(item: &ItemTexts) -> Typed {
        let mut inputs = BTreeMap::new();
        for (field, text) in &item.fields {
            for lang in Lang::ALL {
                inputs.insert(input_name(field, lang), text.get(lang).unwrap_or_default().to_owned());
                if text.translation(lang).is_some_and(|t| t.reviewed) {
                    inputs.insert(reviewed_name(field, lang), "1".to_owned());
                }
            }
        }
        Typed {
            inputs,
            reason: String::new(),
            revision: item.revision(),
        }
    }

    fn text(&self, field: &str, lang: Lang) -> &str {
        self.inputs.get(&input_name(field, lang)).map_or("", String::as_str)
    }
}

/// The comparison of the saved texts with the typed ones, field by field and language by language.
pub fn compare(state: &AppState, lang: Lang, current: &ItemTexts, typed: &Typed) -> Vec<Compared> {
    let saved = Typed::from_item(current);
    let mut rows = Vec::new();
    for (field, _) in &current.fields {
        for text_lang in Lang::ALL {
            rows.push(Compared {
                label: format!("{} ({})", state.i18n.text(lang, &field_label(field)), text_lang.code()),
                saved: saved.text(field, text_lang).to_owned(),
                yours: typed.text(field, text_lang).trim().to_owned(),
            });
        }
    }
    rows
}

/// Draws item `key`'s page of version `label` with its fields as `typed`.
pub fn draw(
    state: &AppState,
    signed: &Signed,
    lang: Lang,
    (label, status, item): (&str, VersionStatus, &ItemTexts),
    typed: Typed,
    outcome: Outcome,
) -> Result<Response, AppError> {
    let key: &ItemKey = &item.key;
    let fields = item
        .fields
        .iter()
        .map(|(field, _)| FieldView {
            field,
            label_key: field_label(field),
            inputs: Lang::ALL
                .iter()
                .map(|&text_lang| {
                    let value = typed.text(field, text_lang).to_owned();
                    let reviewed_name = reviewed_name(field, text_lang);
                    LangInput {
                        name: input_name(field, text_lang),
                        lang: text_lang.code(),
                        missing: text_lang != Lang::Fi && value.trim().is_empty(),
                        reviewed: typed.inputs.contains_key(&reviewed_name),
                        reviewed_name,
                        value,
                    }
                })
                .collect(),
        })
        .collect();
    let path = item_path(label, key);
    let page = StaffPage {
        lang,
        path: &path,
        title_key: "drafts-item-title",
        signed: Some(signed),
    };
    let locked = status != VersionStatus::Draft;
    let view = FormView {
        version: label.to_owned(),
        item: item_label(state, lang, key),
        list_href: format!("/staff/{lang}{}", list_path(label)),
        action: format!("/staff/{lang}{path}"),
        status: status_text(state, lang, status),
        locked,
        editable: !locked && may_edit(state, signed),
        fields,
        reason: typed.reason,
        revision: typed.revision,
        saved: outcome.saved,
        conflict: outcome.conflict,
        errors: outcome.errors,
    };
    let status = if !view.conflict.is_empty() {
        Some(StatusCode::CONFLICT)
    } else if !view.errors.is_empty() {
        Some(StatusCode::UNPROCESSABLE_ENTITY)
    } else {
        None
    };
    match status {
        Some(status) => page.respond_with(state, status, "staff/draft_item.html", view),
        None => page.respond(state, "staff/draft_item.html", view),
    }
}

pub async fn form(
    State(state): State<AppState>,
    Path((lang, label, kind, key)): Path<(String, String, String, String)>,
    Query(query): Query<Saved>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    may_view(&state, &signed)?;
    let key = item_key(&kind, &key)?;
    let (status, item) = crate::app::drafts::item(state.store.as_ref(), &label, &key).await?;
    let outcome = Outcome {
        saved: query.saved.is_some(),
        ..Outcome::default()
    };
    draw(
        &state,
        &signed,
        lang,
        (&label, status, &item),
        Typed::from_item(&item),
        outcome,
    )
}
