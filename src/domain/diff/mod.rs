//! What changed between two versions of a strategy, item by item and language by language, with the changed
//! words marked. Pure: the store reads the versions, the API, the pages and the command line show the result.
//!
//! Items are matched by their identity, not by their place, so a goal that moved to another area is one
//! moved goal rather than one removed and one added: areas, goals, actions and programmes by id; values,
//! narrative chapters and sections and timeline events by slug; headline goals by position (they have no
//! identity of their own).

mod items;
mod myers;
mod words;

#[cfg(test)]
mod tests;

pub use items::diff_strategies;
pub use words::{diff_words, tokens, Segment, SegmentKind};

use crate::domain::draft::structure::LineageRelation;
use crate::domain::draft::OwnerKind;
use crate::domain::{Lang, LocalizedText};

/// The sorts of items a strategy holds, in the order a diff lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// The strategy's own texts: title, tagline, vision, introductions.
    Strategy,
    Value,
    HeadlineGoal,
    Area,
    Goal,
    Action,
    Programme,
    Chapter,
    Section,
    TimelineEvent,
}

impl ItemKind {
    /// The kind as a draft's texts and lineage name it; `None` for the strategy's own texts.
    pub fn of_owner(kind: OwnerKind) -> Option<ItemKind> {
        Some(match kind {
            OwnerKind::City | OwnerKind::Strategy => return None,
            OwnerKind::Value => ItemKind::Value,
            OwnerKind::Headline => ItemKind::HeadlineGoal,
            OwnerKind::Area => ItemKind::Area,
            OwnerKind::Goal => ItemKind::Goal,
            OwnerKind::Action => ItemKind::Action,
            OwnerKind::Programme => ItemKind::Programme,
            OwnerKind::Chapter => ItemKind::Chapter,
            OwnerKind::Section => ItemKind::Section,
            OwnerKind::Event => ItemKind::TimelineEvent,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Strategy => "strategy",
            ItemKind::Value => "value",
            ItemKind::HeadlineGoal => "headline_goal",
            ItemKind::Area => "area",
            ItemKind::Goal => "goal",
            ItemKind::Action => "action",
            ItemKind::Programme => "programme",
            ItemKind::Chapter => "chapter",
            ItemKind::Section => "section",
            ItemKind::TimelineEvent => "timeline_event",
        }
    }
}

/// How an item differs between the versions. An item that moved and whose texts also changed is `Moved`,
/// with its changed fields listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
    Moved,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
            ChangeKind::Moved => "moved",
        }
    }
}

/// Where an item stood and stands: its parent (the area of a goal, the goal of an action, the chapter of a
/// section; `None` for items at the top) and its place among its siblings, counted from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub from_parent: Option<String>,
    pub to_parent: Option<String>,
    pub from_position: usize,
    pub to_position: usize,
}

/// How one language of a field differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TextChange {
    /// The text exists only in the new version (a translation made, or a new item).
    Added,
    /// The text exists only in the old version.
    Removed,
    Changed,
}

/// One language of one field that differs, with its words marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangDiff {
    pub lang: Lang,
    pub change: TextChange,
    pub segments: Vec<Segment>,
}

/// A text field of an item (title, description, body…) that differs in at least one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDiff {
    pub field: &'static str,
    pub langs: Vec<LangDiff>,
}

/// One item that differs between the versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemDiff {
    pub item: ItemKind,
    /// The item's identity: its id, slug or position, as text.
    pub key: String,
    /// What names the item for a reader (its title or name), from the new version unless it was removed.
    pub label: LocalizedText,
    pub change: ChangeKind,
    /// Set when the item moved.
    pub moved: Option<Move>,
    /// The fields that differ; for an added or removed item, every field, wholly inserted or deleted.
    pub fields: Vec<FieldDiff>,
    /// Set when the new version records that the item was split from another or merged into another: the
    /// relation and the other item's key.
    pub lineage: Option<(LineageRelation, String)>,
}

/// The difference between two strategy versions: empty when they say the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrategyDiff {
    pub from: String,
    pub to: String,
    pub items: Vec<ItemDiff>,
}

/// How one text differs between two versions, language by language; empty when it is the same.
pub fn diff_text(old: Option<&LocalizedText>, new: Option<&LocalizedText>) -> Vec<LangDiff> {
    Lang::ALL
        .into_iter()
        .filter_map(|lang| {
            let before = old.and_then(|t| t.get(lang)).filter(|t| !t.is_empty());
            let after = new.and_then(|t| t.get(lang)).filter(|t| !t.is_empty());
            let (change, segments) = match (before, after) {
                (None, None) => return None,
                (Some(a), Some(b)) if a == b => return None,
                (None, Some(b)) => (TextChange::Added, whole(SegmentKind::Inserted, b)),
                (Some(a), None) => (TextChange::Removed, whole(SegmentKind::Deleted, a)),
                (Some(a), Some(b)) => (TextChange::Changed, diff_words(a, b)),
            };
            Some(LangDiff { lang, change, segments })
        })
        .collect()
}

fn whole(kind: SegmentKind, text: &str) -> Vec<Segment> {
    vec![Segment {
        kind,
        text: text.to_owned(),
    }]
}
