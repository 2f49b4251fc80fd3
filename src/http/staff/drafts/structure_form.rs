//! The forms that change a draft's structure one item at a time: adding an item of a kind (its parent, its
//! texts in Finnish, Swedish and English), splitting an item (the new part's texts), merging another item
//! into one, and moving a goal, an action or a section under another parent. Each carries a reason and the
//! draft's revision; a form drawn before the draft changed is answered 409, bad input 422 with every error
//! next to its field and what was typed kept.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Form};
use serde::Serialize;

use super::save::reason_is_valid;
use super::structure::row_id;
use super::{field_label, item_label, may_edit, may_view, only_a_draft, status_text, structure_path};
use crate::app::drafts::structure::StructureFailure;
use crate::domain::change::Change;
use crate::domain::draft::structure::{check_new_texts, StructureEdit, StructureError, STRUCTURED};
use crate::domain::draft::{input_name, items, ItemKey, OwnerKind};
use crate::domain::{EventKind, Lang, Strategy, VersionStatus};
use crate::http::staff::view::StaffPage;
use crate::http::staff::{parse_lang, see_other, Signed};
use crate::http::{AppError, AppState};

/// Which form: a new item of a kind, or an operation on an item.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Operation {
    Add(OwnerKind),
    Split(ItemKey),
    Merge(ItemKey),
    Move(ItemKey),
}

impl Operation {
    fn from_path(kind: &str, key: &str, operation: &str) -> Result<Operation, AppError> {
        let no_page = || AppError::not_found("problem-detail-no-page", "");
        let key = ItemKey::from_path(kind, key)
            .filter(|k| STRUCTURED.contains(&k.kind))
            .ok_or_else(no_page)?;
        match operation {
            "split" if key.kind != OwnerKind::Headline => Ok(Operation::Split(key)),
            "merge" if key.kind != OwnerKind::Headline => Ok(Operation::Merge(key)),
            "move" if key.kind.parent_kind().is_some() => Ok(Operation::Move(key)),
            _ => Err(no_page()),
        }
    }

    fn add(kind: &str) -> Result<Operation, AppError> {
        OwnerKind::parse(kind)
            .filter(|k| STRUCTURED.contains(k))
            .map(Operation::Add)
            .ok_or_else(|| AppError::not_found("problem-detail-no-page", ""))
    }

    fn kind(&self) -> OwnerKind {
        match self {
            Operation::Add(kind) => *kind,
            Operation::Split(key) | Operation::Merge(key) | Operation::Move(key) => key.kind,
        }
    }

    fn item(&self) -> Option<&ItemKey> {
        match self {
            Operation::Add(_) => None,
            Operation::Split(key) | Operation::Merge(key) | Operation::Move(key) => Some(key),
        }
    }

    /// Whether the form asks for a parent / for texts.
    fn asks_parent(&self) -> bool {
        match self {
            Operation::Add(kind) => kind.parent_kind().is_some(),
            Operation::Move(_) => true,
            _ => false,
        }
    }

    fn asks_texts(&self) -> bool {
        matches!(self, Operation::Add(_) | Operation::Split(_))
    }

    fn path(&self, label: &str) -> String {
        match self {
            Operation::Add(kind) => format!("{}/new/{}", structure_path(label), kind.as_str()),
            Operation::Split(key) => super::structure::operation_path(label, key, "split"),
            Operation::Merge(key) => super::structure::operation_path(label, key, "merge"),
            Operation::Move(key) => super::structure::operation_path(label, key, "move"),
        }
    }

    fn heading_key(&self) -> &'static str {
        match self {
            Operation::Add(_) => "structure-add-heading",
            Operation::Split(_) => "structure-split-heading",
            Operation::Merge(_) => "structure-merge-heading",
            Operation::Move(_) => "structure-move-heading",
        }
    }
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}

#[derive(Serialize)]
struct LangInput {
    name: String,
    lang: &'static str,
    value: String,
    missing: bool,
}

#[derive(Serialize)]
struct FieldView {
    field: &'static str,
    label_key: String,
    inputs: Vec<LangInput>,
}

#[derive(Serialize)]
struct FormView {
    version: String,
    heading: String,
    back_href: String,
    action: String,
    status: String,
    locked: bool,
    editable: bool,
    /// The parent's select (its label's message key), when the form asks for one.
    parent_label_key: Option<String>,
    parents: Vec<Choice>,
    parent: String,
    /// The items that may be merged into this one, for a merge.
    others: Vec<Choice>,
    absorbed: String,
    /// The kinds of preparation steps, for a new one.
    event_kinds: Vec<Choice>,
    event_kind: String,
    fields: Vec<FieldView>,
    reason: String,
    revision: String,
    errors: BTreeMap<String, String>,
    stale: bool,
}

/// The form's inputs as typed.
#[derive(Default)]
struct Typed {
    inputs: BTreeMap<String, String>,
}

impl Typed {
    fn get(&self, name: &str) -> &str {
        self.inputs.get(name).map_or("", String::as_str)
    }
}

/// The items of `kind` in `strategy` as a select's options: "Area 3 – Kestävä Espoo".
fn choices(
    state: &AppState,
    lang: Lang,
    strategy: &Strategy,
    kind: OwnerKind,
    except: Option<&ItemKey>,
) -> Vec<Choice> {
    items(strategy)
        .into_iter()
        .filter(|i| i.key.kind == kind && Some(&i.key) != except)
        .map(|i| Choice {
            label: format!(
                "{} – {}",
                item_label(state, lang, &i.key),
                i.fields.first().map_or("", |(_, t)| t.fi.as_str())
            ),
            value: i.key.key.clone(),
        })
        .collect()
}

fn draw(
    state: &AppState,
    signed: &Signed,
    lang: Lang,
    (label, strategy, revision): (&str, &Strategy, String),
    operation: &Operation,
    typed: &Typed,
    (errors, stale): (BTreeMap<String, String>, bool),
) -> Result<Response, AppError> {
    let kind = operation.kind();
    let item = operation.item().map(|key| item_label(state, lang, key));
    let kind_name = state.i18n.text(lang, &format!("drafts-item-{}", kind.as_str()));
    let heading = state
        .i18n
        .with_arg(lang, operation.heading_key(), "item", item.unwrap_or(kind_name));
    let parent_kind = kind.parent_kind().filter(|_| operation.asks_parent());
    let fields = if operation.asks_texts() {
        kind.fields()
            .iter()
            .map(|field| FieldView {
                field,
                label_key: field_label(field),
                inputs: Lang::ALL
                    .iter()
                    .map(|&text_lang| {
                        let name = input_name(field, text_lang);
                        let value = typed.get(&name).to_owned();
                        LangInput {
                            missing: text_lang != Lang::Fi && value.trim().is_empty(),
                            lang: text_lang.code(),
                            name,
                            value,
                        }
                    })
                    .collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let path = operation.path(label);
    let page = StaffPage {
        lang,
        path: &path,
        title_key: "structure-form-title",
        signed: Some(signed),
    };
    let locked = strategy.status != VersionStatus::Draft;
    let view = FormView {
        version: label.to_owned(),
        heading,
        back_href: format!("/staff/{lang}{}", structure_path(label)),
        action: format!("/staff/{lang}{path}"),
        status: status_text(state, lang, strategy.status),
        locked,
        editable: !locked && may_edit(state, signed),
        parent_label_key: parent_kind.map(|k| format!("structure-parent-{}", k.as_str())),
        parents: parent_kind.map_or_else(Vec::new, |k| choices(state, lang, strategy, k, None)),
        parent: typed.get("parent").to_owned(),
        others: match operation {
            Operation::Merge(key) => choices(state, lang, strategy, kind, Some(key)),
            _ => Vec::new(),
        },
        absorbed: typed.get("absorbed").to_owned(),
        event_kinds: match operation {
            Operation::Add(OwnerKind::Event) => EventKind::ALL
                .iter()
                .map(|k| Choice {
                    value: k.as_str().to_owned(),
                    label: state.i18n.text(lang, &format!("event-kind-{}", k.as_str())),
                })
                .collect(),
            _ => Vec::new(),
        },
        event_kind: typed.get("event_kind").to_owned(),
        fields,
        reason: typed.get("reason").to_owned(),
        revision,
        errors,
        stale,
    };
    let status = if view.stale {
        Some(StatusCode::CONFLICT)
    } else if !view.errors.is_empty() {
        Some(StatusCode::UNPROCESSABLE_ENTITY)
    } else {
        None
    };
    match status {
        Some(status) => page.respond_with(state, status, "staff/draft_structure_form.html", view),
        None => page.respond(state, "staff/draft_structure_form.html", view),
    }
}

/// Draws `operation`'s empty form; not found for an item the version does not have.
async fn show(
    state: AppState,
    signed: Signed,
    (lang, label): (String, String),
    operation: Operation,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    may_view(&state, &signed)?;
    let (strategy, _, revision) = crate::app::drafts::structure::outline(state.store.as_ref(), &label).await?;
    if let Some(key) = operation.item() {
        if !items(&strategy).iter().any(|i| i.key == *key) {
            return Err(AppError::not_found("problem-detail-no-page", ""));
        }
    }
    let typed = Typed::default();
    draw(
        &state,
        &signed,
        lang,
        (&label, &strategy, revision),
        &operation,
        &typed,
        (BTreeMap::new(), false),
    )
}

pub async fn new_form(
    State(state): State<AppState>,
    Path((lang, label, kind)): Path<(String, String, String)>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let operation = Operation::add(&kind)?;
    show(state, signed, (lang, label), operation).await
}

pub async fn item_form(
    State(state): State<AppState>,
    Path((lang, label, kind, key, operation)): Path<(String, String, String, String, String)>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let operation = Operation::from_path(&kind, &key, &operation)?;
    show(state, signed, (lang, label), operation).await
}

pub async fn create(
    State(state): State<AppState>,
    Path((lang, label, kind)): Path<(String, String, String)>,
    Extension(signed): Extension<Signed>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let operation = Operation::add(&kind)?;
    submit(state, signed, (lang, label), operation, pairs).await
}

pub async fn item_change(
    State(state): State<AppState>,
    Path((lang, label, kind, key, operation)): Path<(String, String, String, String, String)>,
    Extension(signed): Extension<Signed>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let operation = Operation::from_path(&kind, &key, &operation)?;
    submit(state, signed, (lang, label), operation, pairs).await
}

/// The input a refusal is about.
fn refused_input(refusal: &StructureError, operation: &Operation) -> &'static str {
    match (refusal, operation) {
        (StructureError::UnknownParent | StructureError::SameParent, _) => "parent",
        (_, Operation::Merge(_)) => "absorbed",
        _ => "reason",
    }
}

/// The edit the form asks for, or the errors of its inputs (by name, as message keys).
fn edit_of(operation: &Operation, typed: &Typed) -> Result<StructureEdit, BTreeMap<String, &'static str>> {
    let mut errors = BTreeMap::new();
    let fields = if operation.asks_texts() {
        match check_new_texts(operation.kind(), &typed.inputs) {
            Ok(fields) => fields,
            Err(text_errors) => {
                errors.extend(text_errors);
                Vec::new()
            }
        }
    } else {
        Vec::new()
    };
    let parent = typed.get("parent").trim().to_owned();
    if operation.asks_parent() && parent.is_empty() {
        errors.insert("parent".to_owned(), "structure-error-parent");
    }
    let event_kind = EventKind::parse(typed.get("event_kind").trim());
    if operation == &Operation::Add(OwnerKind::Event) && event_kind.is_none() {
        errors.insert("event_kind".to_owned(), "structure-error-event-kind");
    }
    let absorbed = typed.get("absorbed").trim().to_owned();
    if matches!(operation, Operation::Merge(_)) && absorbed.is_empty() {
        errors.insert("absorbed".to_owned(), "structure-error-absorbed");
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(match operation {
        Operation::Add(kind) => StructureEdit::Add {
            kind: *kind,
            parent: kind.parent_kind().map(|_| parent),
            fields,
            event_kind,
        },
        Operation::Split(item) => StructureEdit::Split {
            item: item.clone(),
            fields,
        },
        Operation::Merge(kept) => StructureEdit::Merge {
            kept: kept.clone(),
            absorbed,
        },
        Operation::Move(item) => StructureEdit::Move {
            item: item.clone(),
            parent,
        },
    })
}

/// The form again, as typed, with its errors or the news that the draft changed; a version no longer a
/// draft is refused instead.
async fn redraw(
    state: &AppState,
    signed: &Signed,
    (lang, label): (Lang, &str),
    (operation, typed): (&Operation, &Typed),
    outcome: (BTreeMap<String, String>, bool),
) -> Result<Response, AppError> {
    let (strategy, _, revision) = crate::app::drafts::structure::outline(state.store.as_ref(), label).await?;
    if strategy.status != VersionStatus::Draft {
        return Err(only_a_draft(label));
    }
    draw(
        state,
        signed,
        lang,
        (label, &strategy, revision),
        operation,
        typed,
        outcome,
    )
}

async fn submit(
    state: AppState,
    signed: Signed,
    (lang, label): (String, String),
    operation: Operation,
    pairs: Vec<(String, String)>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    if !may_edit(&state, &signed) {
        return Err(AppError::Forbidden {
            detail: "problem-detail-forbidden",
        });
    }
    let typed = Typed {
        inputs: pairs.into_iter().filter(|(name, _)| name != "csrf").collect(),
    };
    let reason = typed.get("reason").trim().to_owned();
    let expected = typed.get("revision").trim().to_owned();
    let edit = edit_of(&operation, &typed);
    let mut errors: BTreeMap<String, String> = match &edit {
        Ok(_) => BTreeMap::new(),
        Err(errors) => (errors.iter())
            .map(|(input, key)| (input.clone(), state.i18n.text(lang, key)))
            .collect(),
    };
    if !reason_is_valid(&reason) {
        errors.insert("reason".to_owned(), state.i18n.text(lang, "staff-error-reason"));
    }
    let redraw = |errors: BTreeMap<String, String>, stale: bool| {
        redraw(&state, &signed, (lang, &label), (&operation, &typed), (errors, stale))
    };
    let edit = match edit {
        Ok(edit) if errors.is_empty() => edit,
        _ => return redraw(errors, false).await,
    };
    let snapshot = state.snapshot();
    let who = (&signed.account, snapshot.cascade.organisations.as_slice());
    let change = Change::new(format!("user:{}", signed.account.id), reason.clone());
    let store = state.store.as_ref();
    match crate::app::drafts::structure::change(store, who, (&label, &expected), &edit, &change).await {
        Ok(created) => {
            let shown = created.as_ref().or(operation.item()).map(row_id).unwrap_or_default();
            let back = format!("/staff/{lang}{}", structure_path(&label));
            Ok(see_other(&format!("{back}?done=1#{shown}")))
        }
        Err(StructureFailure::NotDraft) => Err(only_a_draft(&label)),
        Err(StructureFailure::Stale) => redraw(BTreeMap::new(), true).await,
        Err(StructureFailure::Refused(refusal)) => {
            let count = match refusal {
                StructureError::HasChildren(n) => n,
                _ => 0,
            };
            let message = state
                .i18n
                .with_arg(lang, refusal.message_key(), "count", count.to_string());
            errors.insert(refused_input(&refusal, &operation).to_owned(), message);
            redraw(errors, false).await
        }
        Err(StructureFailure::Invalid(text_errors)) => {
            for (input, key) in text_errors {
                errors.insert(input, state.i18n.text(lang, key));
            }
            redraw(errors, false).await
        }
        Err(StructureFailure::Forbidden) => Err(AppError::Forbidden {
            detail: "problem-detail-forbidden",
        }),
        Err(StructureFailure::Store(error)) => Err(error.into()),
    }
}

#[cfg(test)]
#[path = "structure_form_tests.rs"]
mod tests;
