//! A version's structure: its items by kind in strategy order, each with its parent and buttons that move it
//! up or down among its siblings or remove it, and links to add, split, merge or move items. The buttons are
//! one form with one reason, so reordering works without JavaScript. Every signed-in person may read the
//! page; changing is for those who may edit the strategy, and only while the version is a draft.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Form};
use serde::{Deserialize, Serialize};

use super::save::reason_is_valid;
use super::{item_label, kind_heading, may_edit, may_view, only_a_draft, status_text, structure_path};
use crate::app::drafts::structure::StructureFailure;
use crate::domain::change::Change;
use crate::domain::draft::structure::{parent_of, Direction, StructureEdit, STRUCTURED};
use crate::domain::draft::{items, ItemKey, OwnerKind};
use crate::domain::{Lang, Strategy, VersionStatus};
use crate::http::staff::view::StaffPage;
use crate::http::staff::{parse_lang, see_other, Signed};
use crate::http::{AppError, AppState};

#[derive(Serialize)]
struct Row {
    /// The row's id, which the error summary links to: `item-goal-15`.
    id: String,
    label: String,
    parent: Option<String>,
    text: String,
    /// The buttons' values: `up:goal:15`, `down:goal:15`, `remove:goal:15`; no up (down) button for the
    /// first (last) of its siblings.
    up: Option<String>,
    down: Option<String>,
    remove: String,
    split_href: Option<String>,
    merge_href: Option<String>,
    move_href: Option<String>,
}

#[derive(Serialize)]
struct Group {
    heading_key: String,
    id: &'static str,
    add_href: String,
    add_key: String,
    rows: Vec<Row>,
}

#[derive(Serialize)]
struct PageView {
    version: String,
    status: String,
    editable: bool,
    may_edit: bool,
    texts_href: String,
    action: String,
    groups: Vec<Group>,
    reason: String,
    revision: String,
    errors: BTreeMap<String, String>,
    done: bool,
    stale: bool,
}

/// The address of an item's form for `operation` (`split`, `merge`, `move`).
pub(super) fn operation_path(label: &str, key: &ItemKey, operation: &str) -> String {
    format!(
        "{}/{}/{}/{operation}",
        structure_path(label),
        key.kind.as_str(),
        key.key
    )
}

/// The id of an item's row on the structure page.
pub(super) fn row_id(key: &ItemKey) -> String {
    format!("item-{}-{}", key.kind.as_str(), key.key)
}

/// What the structure page shows besides the draft.
#[derive(Default)]
struct Outcome {
    reason: String,
    errors: BTreeMap<String, String>,
    done: bool,
    stale: bool,
}

fn draw(
    state: &AppState,
    signed: &Signed,
    lang: Lang,
    (label, strategy, revision): (&str, &Strategy, String),
    outcome: Outcome,
) -> Result<Response, AppError> {
    let prefix = format!("/staff/{lang}");
    let all = items(strategy);
    let mut groups = Vec::new();
    for kind in STRUCTURED {
        let of_kind: Vec<_> = all.iter().filter(|i| i.key.kind == kind).collect();
        let parents: Vec<Option<String>> = of_kind.iter().map(|i| parent_of(strategy, &i.key)).collect();
        let rows = of_kind
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let key = &item.key;
                let value = |op: &str| format!("{op}:{}:{}", key.kind.as_str(), key.key);
                let first = i == 0 || parents[i - 1] != parents[i];
                let last = i + 1 == of_kind.len() || parents[i + 1] != parents[i];
                let identified = kind != OwnerKind::Headline;
                let href = |op: &str| format!("{prefix}{}", operation_path(label, key, op));
                Row {
                    id: row_id(key),
                    label: item_label(state, lang, key),
                    parent: parents[i].as_ref().zip(kind.parent_kind()).map(|(p, parent_kind)| {
                        let parent = ItemKey {
                            kind: parent_kind,
                            key: p.clone(),
                        };
                        item_label(state, lang, &parent)
                    }),
                    text: item.fields.first().map(|(_, t)| t.fi.clone()).unwrap_or_default(),
                    up: (!first).then(|| value("up")),
                    down: (!last).then(|| value("down")),
                    remove: value("remove"),
                    split_href: identified.then(|| href("split")),
                    merge_href: (identified && of_kind.len() > 1).then(|| href("merge")),
                    move_href: kind.parent_kind().map(|_| href("move")),
                }
            })
            .collect();
        groups.push(Group {
            heading_key: kind_heading(kind),
            id: kind.as_str(),
            add_href: format!("{prefix}{}/new/{}", structure_path(label), kind.as_str()),
            add_key: format!("structure-add-{}", kind.as_str()),
            rows,
        });
    }
    let path = structure_path(label);
    let page = StaffPage {
        lang,
        path: &path,
        title_key: "structure-title",
        signed: Some(signed),
    };
    let view = PageView {
        version: label.to_owned(),
        status: status_text(state, lang, strategy.status),
        editable: strategy.status == VersionStatus::Draft,
        may_edit: may_edit(state, signed),
        texts_href: format!("{prefix}{}", super::list_path(label)),
        action: format!("{prefix}{path}"),
        groups,
        reason: outcome.reason,
        revision,
        errors: outcome.errors,
        done: outcome.done,
        stale: outcome.stale,
    };
    let status = if view.stale {
        Some(StatusCode::CONFLICT)
    } else if !view.errors.is_empty() {
        Some(StatusCode::UNPROCESSABLE_ENTITY)
    } else {
        None
    };
    match status {
        Some(status) => page.respond_with(state, status, "staff/draft_structure.html", view),
        None => page.respond(state, "staff/draft_structure.html", view),
    }
}

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    Path((lang, label)): Path<(String, String)>,
    Query(query): Query<Done>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    may_view(&state, &signed)?;
    let (strategy, _, revision) = crate::app::drafts::structure::outline(state.store.as_ref(), &label).await?;
    let outcome = Outcome {
        done: query.done.is_some(),
        ..Outcome::default()
    };
    draw(&state, &signed, lang, (&label, &strategy, revision), outcome)
}

/// A button's value as an edit: `up:goal:15`, `down:goal:15`, `remove:goal:15`.
fn button_edit(value: &str) -> Option<StructureEdit> {
    let mut parts = value.splitn(3, ':');
    let (op, kind, key) = (parts.next()?, parts.next()?, parts.next()?);
    let key = ItemKey::from_path(kind, key).filter(|k| STRUCTURED.contains(&k.kind))?;
    Some(match op {
        "up" => StructureEdit::Shift(key, Direction::Up),
        "down" => StructureEdit::Shift(key, Direction::Down),
        "remove" => StructureEdit::Remove(key),
        _ => return None,
    })
}

/// The item a button names, for the error next to its row.
fn edited_item(edit: &StructureEdit) -> Option<&ItemKey> {
    match edit {
        StructureEdit::Shift(key, _) | StructureEdit::Remove(key) => Some(key),
        _ => None,
    }
}

pub async fn change(
    State(state): State<AppState>,
    Path((lang, label)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    if !may_edit(&state, &signed) {
        return Err(AppError::Forbidden {
            detail: "problem-detail-forbidden",
        });
    }
    let field = |name: &str| pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.trim().to_owned());
    let (reason, expected, op) = (
        field("reason").unwrap_or_default(),
        field("revision").unwrap_or_default(),
        field("op").unwrap_or_default(),
    );
    let edit = button_edit(&op);
    let mut errors = BTreeMap::new();
    if !reason_is_valid(&reason) {
        errors.insert("reason".to_owned(), state.i18n.text(lang, "staff-error-reason"));
    }
    if edit.is_none() {
        errors.insert(
            "structure".to_owned(),
            state.i18n.text(lang, "structure-error-unknown-item"),
        );
    }
    let back = format!("/staff/{lang}{}", structure_path(&label));
    let redraw = |outcome: Outcome| async {
        let (strategy, _, revision) = crate::app::drafts::structure::outline(state.store.as_ref(), &label).await?;
        if strategy.status != VersionStatus::Draft {
            return Err(only_a_draft(&label));
        }
        draw(&state, &signed, lang, (&label, &strategy, revision), outcome)
    };
    let Some(edit) = edit.filter(|_| errors.is_empty()) else {
        return redraw(Outcome {
            reason,
            errors,
            ..Outcome::default()
        })
        .await;
    };
    let snapshot = state.snapshot();
    let who = (&signed.account, snapshot.cascade.organisations.as_slice());
    let change = Change::new(format!("user:{}", signed.account.id), reason.clone());
    let store = state.store.as_ref();
    match crate::app::drafts::structure::change(store, who, (&label, &expected), &edit, &change).await {
        Ok(_) => {
            let anchor = edited_item(&edit).map(row_id).unwrap_or_default();
            Ok(see_other(&format!("{back}?done=1#{anchor}")))
        }
        Err(StructureFailure::NotDraft) => Err(only_a_draft(&label)),
        Err(StructureFailure::Stale) => {
            redraw(Outcome {
                reason,
                stale: true,
                ..Outcome::default()
            })
            .await
        }
        Err(StructureFailure::Refused(refusal)) => {
            let at = edited_item(&edit).map_or_else(|| "structure".to_owned(), row_id);
            let count = match refusal {
                crate::domain::draft::structure::StructureError::HasChildren(n) => n,
                _ => 0,
            };
            let message = state
                .i18n
                .with_arg(lang, refusal.message_key(), "count", count.to_string());
            errors.insert(at, message);
            redraw(Outcome {
                reason,
                errors,
                ..Outcome::default()
            })
            .await
        }
        Err(StructureFailure::Invalid(_)) => {
            errors.insert(
                "structure".to_owned(),
                state.i18n.text(lang, "structure-error-unknown-item"),
            );
            redraw(Outcome {
                reason,
                errors,
                ..Outcome::default()
            })
            .await
        }
        Err(StructureFailure::Forbidden) => Err(AppError::Forbidden {
            detail: "problem-detail-forbidden",
        }),
        Err(StructureFailure::Store(error)) => Err(error.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_name_an_edit_of_an_item_with_a_place() {
        assert!(matches!(
            button_edit("up:goal:15"),
            Some(StructureEdit::Shift(_, Direction::Up))
        ));
        assert!(matches!(button_edit("remove:value:x"), Some(StructureEdit::Remove(_))));
        for bad in ["", "up", "up:goal", "up:strategy:-", "sideways:goal:15", "up:nothing:1"] {
            assert!(button_edit(bad).is_none(), "{bad}");
        }
    }
}
