//! Changing a draft's structure: adding, removing, reordering, moving, splitting and merging items, as plain
//! rules on a [`Strategy`] value. The store reads the draft with what surrounds it ([`Surroundings`]: the
//! keys ever used in the city, the items the cascade refers to), [`apply`] gives the changed draft or says
//! why not, and the store writes the result only if the draft still reads as it did.
//!
//! Identity: an item keeps its key from version to version (goal 15 of 1.1 and of 1.2 are one goal), so a
//! new item takes a key never used in the city: the highest id its kind ever had, plus one, or a slug never
//! taken. Annual targets, indicators and progress reports name goals and actions by id alone, so an item
//! they refer to is never removed or merged away.

use std::collections::{BTreeMap, BTreeSet};

use super::{check_texts, ItemKey, ItemTexts, OwnerKind, TextErrors};
use crate::domain::{EventKind, LocalizedText, Strategy};

mod keys;
mod tree;

use keys::{exists, new_key};
pub use tree::parent_of;
use tree::{insert, merge, remove, reparent, shift};

/// How an item of a version comes from the version before it, besides keeping its own key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LineageRelation {
    /// A new item made from part of another, which goes on under its own key.
    SplitFrom,
    /// An item that is gone, its content now part of another.
    MergedInto,
}

impl LineageRelation {
    pub fn as_str(self) -> &'static str {
        match self {
            LineageRelation::SplitFrom => "split_from",
            LineageRelation::MergedInto => "merged_into",
        }
    }

    pub fn parse(text: &str) -> Option<LineageRelation> {
        [LineageRelation::SplitFrom, LineageRelation::MergedInto]
            .into_iter()
            .find(|r| r.as_str() == text)
    }
}

/// One item's lineage: goal `41` split from goal `15`; goal `15` merged into goal `12`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Lineage {
    pub kind: OwnerKind,
    pub key: String,
    pub relation: LineageRelation,
    pub other: String,
}

/// Which way a reorder moves an item among its siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// The kinds whose items are added, removed and reordered (the city and the strategy are one per version).
pub const STRUCTURED: [OwnerKind; 9] = [
    OwnerKind::Value,
    OwnerKind::Headline,
    OwnerKind::Area,
    OwnerKind::Goal,
    OwnerKind::Action,
    OwnerKind::Programme,
    OwnerKind::Chapter,
    OwnerKind::Section,
    OwnerKind::Event,
];

impl OwnerKind {
    /// The kind an item of this kind sits under: a goal in an area, an action under a goal, a section in a
    /// chapter; `None` for items at the top.
    pub fn parent_kind(self) -> Option<OwnerKind> {
        match self {
            OwnerKind::Goal => Some(OwnerKind::Area),
            OwnerKind::Action => Some(OwnerKind::Goal),
            OwnerKind::Section => Some(OwnerKind::Chapter),
            _ => None,
        }
    }

    /// Whether items of this kind are keyed by a number (else by a slug, or a headline goal's place).
    pub fn has_numeric_id(self) -> bool {
        matches!(
            self,
            OwnerKind::Area | OwnerKind::Goal | OwnerKind::Action | OwnerKind::Programme
        )
    }
}

/// What the rest of the city holds that a structure edit must respect.
#[derive(Debug, Clone, Default)]
pub struct Surroundings {
    /// The highest id of each numeric kind the city ever used: in any version, in the cascade, or issued and
    /// removed again in a draft.
    pub highest: BTreeMap<OwnerKind, u32>,
    /// The slugs of slug-keyed kinds the city ever used, as keys.
    pub used: BTreeSet<ItemKey>,
    /// Goals and actions the cascade (annual targets, indicators, progress, status updates) refers to.
    pub referenced: BTreeSet<ItemKey>,
}

/// An item's text fields as a form gives them, in its kind's order.
pub type Fields = Vec<(&'static str, LocalizedText)>;

/// One change of a draft's structure.
#[derive(Debug, Clone, PartialEq)]
pub enum StructureEdit {
    /// A new item of `kind` with its texts, last under `parent` (an area's id for a goal, a goal's for an
    /// action, a chapter's slug for a section; `None` for the other kinds). A preparation step also needs
    /// its kind.
    Add {
        kind: OwnerKind,
        parent: Option<String>,
        fields: Fields,
        event_kind: Option<EventKind>,
    },
    Remove(ItemKey),
    Shift(ItemKey, Direction),
    /// A goal to another area, an action to another goal, a section to another chapter: last there.
    Move {
        item: ItemKey,
        parent: String,
    },
    /// A new item with `fields` right after `item`, under the same parent; its children stay with `item`.
    Split {
        item: ItemKey,
        fields: Fields,
    },
    /// `absorbed` (of `kept`'s kind) goes; its children and headline links move to `kept`.
    Merge {
        kept: ItemKey,
        absorbed: String,
    },
}

/// A structure edit's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Restructured {
    pub strategy: Strategy,
    /// The item the edit made, for an addition or a split.
    pub created: Option<ItemKey>,
    /// Keys issued or removed by the edit: never to be issued again in the city.
    pub spent: Vec<ItemKey>,
}

/// Why a structure edit was refused; nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StructureError {
    #[error("the draft has no such item")]
    UnknownItem,
    #[error("the draft has no such parent")]
    UnknownParent,
    #[error("the item still has {0} items under it")]
    HasChildren(usize),
    #[error("the cascade refers to the item")]
    Referenced,
    #[error("key goals of the council term link to the goal")]
    LinkedFromHeadline,
    #[error("the item is already first or last")]
    AtEdge,
    #[error("the item is already there")]
    SameParent,
    #[error("items of this kind cannot be changed that way")]
    NotSupported,
    #[error("an item cannot be merged into itself")]
    SameItem,
    #[error("every id of this kind is used")]
    NoFreeId,
}

impl StructureError {
    /// The UI message that explains the refusal (its `count` argument is the number of children).
    pub fn message_key(&self) -> &'static str {
        match self {
            StructureError::UnknownItem => "structure-error-unknown-item",
            StructureError::UnknownParent => "structure-error-parent",
            StructureError::HasChildren(_) => "structure-error-children",
            StructureError::Referenced => "structure-error-referenced",
            StructureError::LinkedFromHeadline => "structure-error-headline",
            StructureError::AtEdge => "structure-error-edge",
            StructureError::SameParent => "structure-error-same-parent",
            StructureError::NotSupported => "structure-error-not-supported",
            StructureError::SameItem => "structure-error-same-item",
            StructureError::NoFreeId => "structure-error-no-id",
        }
    }
}

/// `strategy` with `edit` made, or why not.
pub fn apply(strategy: &Strategy, edit: &StructureEdit, around: &Surroundings) -> Result<Restructured, StructureError> {
    let mut s = strategy.clone();
    let mut spent = Vec::new();
    let created = match edit {
        StructureEdit::Add {
            kind,
            parent,
            fields,
            event_kind,
        } => {
            let key = new_key(&s, around, *kind, fields)?;
            insert(&mut s, &key, parent.as_deref(), None, fields, *event_kind)?;
            spent.push(key.clone());
            Some(key)
        }
        StructureEdit::Remove(key) => {
            remove(&mut s, key, around)?;
            s.lineage.retain(|l| !(l.kind == key.kind && l.key == key.key));
            spent.push(key.clone());
            None
        }
        StructureEdit::Shift(key, direction) => {
            shift(&mut s, key, *direction)?;
            None
        }
        StructureEdit::Move { item, parent } => {
            reparent(&mut s, item, parent)?;
            None
        }
        StructureEdit::Split { item, fields } => {
            if item.kind == OwnerKind::Headline || !exists(&s, item) {
                return Err(if exists(&s, item) {
                    StructureError::NotSupported
                } else {
                    StructureError::UnknownItem
                });
            }
            let key = new_key(&s, around, item.kind, fields)?;
            let parent = parent_of(&s, item);
            insert(&mut s, &key, parent.as_deref(), Some(&item.key), fields, None)?;
            s.lineage.push(Lineage {
                kind: key.kind,
                key: key.key.clone(),
                relation: LineageRelation::SplitFrom,
                other: item.key.clone(),
            });
            spent.push(key.clone());
            Some(key)
        }
        StructureEdit::Merge { kept, absorbed } => {
            merge(&mut s, kept, absorbed, around)?;
            s.lineage.push(Lineage {
                kind: kept.kind,
                key: absorbed.clone(),
                relation: LineageRelation::MergedInto,
                other: kept.key.clone(),
            });
            spent.push(ItemKey {
                kind: kept.kind,
                key: absorbed.clone(),
            });
            None
        }
    };
    s.lineage.sort();
    s.lineage.dedup();
    Ok(Restructured {
        strategy: s,
        created,
        spent,
    })
}

/// The text of `field` among `fields`; empty when the form had none.
fn text(fields: &Fields, field: &str) -> LocalizedText {
    fields
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, t)| t.clone())
        .unwrap_or_else(|| LocalizedText::finnish_only(String::new()))
}

/// The texts of a new item of `kind` as a form gives them (`inputs` by [`super::input_name`]), checked as
/// an item's texts are: Finnish required in every field, translations optional.
pub fn check_new_texts(kind: OwnerKind, inputs: &BTreeMap<String, String>) -> Result<Fields, TextErrors> {
    let blank = ItemTexts {
        key: ItemKey {
            kind,
            key: String::new(),
        },
        fields: (kind.fields().iter())
            .map(|f| (*f, LocalizedText::finnish_only(String::new())))
            .collect(),
    };
    check_texts(&blank, inputs).map(|texts| texts.fields)
}

/// A hash of everything version `strategy` holds: another change of it (its structure, its texts, its
/// lineage) gives another revision, so a form drawn before the change is told from a fresh one. `Debug`
/// prints every field in order, which is all a revision needs.
pub fn revision(strategy: &Strategy) -> String {
    format!(
        "{:016x}",
        xxhash_rust::xxh3::xxh3_64(format!("{strategy:?}").as_bytes())
    )
}

#[cfg(test)]
mod tests;
