//! Changing a draft version's structure as use cases: the draft with what surrounds it, and one structure
//! edit, which only those who may edit the strategy may make, only to a draft, and only over the revision
//! the editor saw. The rules are [`crate::domain::draft::structure`]'s; this adds who and when.

use serde_json::{json, Value};

use super::may_edit;
use crate::domain::access::Account;
use crate::domain::cascade::Organisation;
use crate::domain::change::Change;
use crate::domain::draft::structure::{apply, parent_of, revision, StructureEdit, StructureError, Surroundings};
use crate::domain::draft::{items, ItemKey, TextErrors};
use crate::domain::{Strategy, VersionStatus};
use crate::store::{Store, StoreError, StructureNote, StructureSaved};

/// Why a structure edit was not made; nothing changed.
#[derive(Debug, thiserror::Error)]
pub enum StructureFailure {
    #[error("the account may not edit the strategy")]
    Forbidden,
    #[error("only a draft can be edited")]
    NotDraft,
    /// The draft changed after the form was drawn.
    #[error("the draft changed meanwhile")]
    Stale,
    /// The new item's texts broke a rule (each input named).
    #[error("the texts are not valid")]
    Invalid(TextErrors),
    /// The edit breaks a structure rule.
    #[error(transparent)]
    Refused(#[from] StructureError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Version `label` (any status) with its city's surroundings and its revision.
pub async fn outline(store: &dyn Store, label: &str) -> Result<(Strategy, Surroundings, String), StoreError> {
    let (strategy, around) = store.draft_structure(label).await?;
    let revision = revision(&strategy);
    Ok((strategy, around, revision))
}

/// The edit's name in the audit log and the summary.
fn operation(edit: &StructureEdit) -> &'static str {
    match edit {
        StructureEdit::Add { .. } => "add",
        StructureEdit::Remove(_) => "remove",
        StructureEdit::Shift(..) => "reorder",
        StructureEdit::Move { .. } => "move",
        StructureEdit::Split { .. } => "split",
        StructureEdit::Merge { .. } => "merge",
    }
}

/// Item `key` in `strategy` as the audit log keeps it: its parent, the order of its kind, its texts.
fn state_of(strategy: &Strategy, key: &ItemKey) -> Value {
    let all = items(strategy);
    let order: Vec<&str> = (all.iter())
        .filter(|i| i.key.kind == key.kind)
        .map(|i| i.key.key.as_str())
        .collect();
    let texts = all.iter().find(|i| i.key == *key).map(|i| i.to_json());
    json!({ "parent": parent_of(strategy, key), "order": order, "texts": texts })
}

/// Makes `edit` in draft `label` over revision `expected`: the item it created, if any.
pub async fn change(
    store: &dyn Store,
    (account, organisations): (&Account, &[Organisation]),
    (label, expected): (&str, &str),
    edit: &StructureEdit,
    change: &Change,
) -> Result<Option<ItemKey>, StructureFailure> {
    if !may_edit(account, organisations) {
        return Err(StructureFailure::Forbidden);
    }
    let (before, around) = store.draft_structure(label).await?;
    if before.status != VersionStatus::Draft {
        return Err(StructureFailure::NotDraft);
    }
    if revision(&before) != expected {
        return Err(StructureFailure::Stale);
    }
    let done = apply(&before, edit, &around)?;
    let subject_key = match edit {
        StructureEdit::Remove(key) | StructureEdit::Shift(key, _) => key.clone(),
        StructureEdit::Move { item, .. } | StructureEdit::Split { item, .. } => item.clone(),
        StructureEdit::Merge { kept, .. } => kept.clone(),
        StructureEdit::Add { .. } => done.created.clone().unwrap_or_else(|| ItemKey {
            kind: crate::domain::draft::OwnerKind::Strategy,
            key: String::new(),
        }),
    };
    let op = operation(edit);
    let kind = subject_key.kind.as_str();
    let summary = match (edit, &done.created) {
        (StructureEdit::Merge { absorbed, .. }, _) => {
            format!(
                "merged {kind} {absorbed} into {kind} {} in version {label}",
                subject_key.key
            )
        }
        (StructureEdit::Split { .. }, Some(new)) => format!(
            "split {kind} {} from {kind} {} in version {label}",
            new.key, subject_key.key
        ),
        _ => format!("{op}: {kind} {} in version {label}", subject_key.key),
    };
    let note = StructureNote {
        subject: format!("structure:{label}:{kind}:{}", subject_key.key),
        summary,
        before: json!({ "operation": op, "item": state_of(&before, &subject_key) }),
        after: json!({
            "operation": op,
            "item": state_of(&done.strategy, &subject_key),
            "created": done.created.as_ref().map(|k| k.key.clone()),
            "created_item": done.created.as_ref().map(|k| state_of(&done.strategy, k)),
        }),
        spent: done.spent.clone(),
    };
    match store
        .save_structure(label, expected, &done.strategy, &note, change)
        .await?
    {
        StructureSaved::Saved => Ok(done.created),
        StructureSaved::Stale => Err(StructureFailure::Stale),
        StructureSaved::NotDraft(_) => Err(StructureFailure::NotDraft),
    }
}
