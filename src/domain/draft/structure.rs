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
use crate::domain::{
    Action, ActionId, Area, AreaId, Chapter, EventKind, Goal, GoalId, HeadlineGoal, LocalizedText, Programme,
    ProgrammeId, Section, Slug, Strategy, TimelineEvent, Value,
};

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

/// A slug from a Finnish name: lower case ASCII letters, digits and single hyphens, at most 60 characters.
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'ä' | 'å' | 'á' | 'à' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if c == '-' && (slug.is_empty() || slug.ends_with('-')) {
            continue;
        }
        if slug.len() >= 60 {
            break;
        }
        slug.push(c);
    }
    slug.trim_end_matches('-').to_owned()
}

/// Every key of `kind` in `s`, and for numeric kinds their slugs too (prefixed so they never match a key).
fn keys_of(s: &Strategy, kind: OwnerKind) -> BTreeSet<String> {
    let goals = || s.areas.iter().flat_map(|a| &a.goals);
    match kind {
        OwnerKind::Value => s.values.iter().map(|v| v.slug.to_string()).collect(),
        OwnerKind::Headline => (0..s.headline_goals.len()).map(|i| i.to_string()).collect(),
        OwnerKind::Area => s.areas.iter().map(|a| a.id.to_string()).collect(),
        OwnerKind::Goal => goals().map(|g| g.id.to_string()).collect(),
        OwnerKind::Action => goals().flat_map(|g| &g.actions).map(|a| a.id.to_string()).collect(),
        OwnerKind::Programme => s.programmes.iter().map(|p| p.id.to_string()).collect(),
        OwnerKind::Chapter => s.narrative.iter().map(|c| c.slug.to_string()).collect(),
        OwnerKind::Section => s
            .narrative
            .iter()
            .flat_map(|c| &c.sections)
            .map(|x| x.slug.to_string())
            .collect(),
        OwnerKind::Event => s.timeline.iter().map(|e| e.slug.to_string()).collect(),
        OwnerKind::City | OwnerKind::Strategy => BTreeSet::new(),
    }
}

/// The slugs items of a numeric kind have in `s` (unique within a version).
fn slugs_of(s: &Strategy, kind: OwnerKind) -> BTreeSet<String> {
    match kind {
        OwnerKind::Area => s.areas.iter().map(|a| a.slug.to_string()).collect(),
        OwnerKind::Goal => s.goals().map(|(_, g)| g.slug.to_string()).collect(),
        OwnerKind::Programme => s.programmes.iter().map(|p| p.slug.to_string()).collect(),
        _ => BTreeSet::new(),
    }
}

fn exists(s: &Strategy, key: &ItemKey) -> bool {
    keys_of(s, key.kind).contains(&key.key)
}

/// The key a new item of `kind` takes: the next id never used in the city, a slug from its Finnish name
/// never used, or (a headline goal) the next place.
fn new_key(s: &Strategy, around: &Surroundings, kind: OwnerKind, fields: &Fields) -> Result<ItemKey, StructureError> {
    let key = if kind.has_numeric_id() {
        let in_draft = keys_of(s, kind).iter().filter_map(|k| k.parse::<u32>().ok()).max();
        let highest = around.highest.get(&kind).copied().max(in_draft).unwrap_or(0);
        let next = highest + 1;
        if next > 999_999 {
            return Err(StructureError::NoFreeId);
        }
        next.to_string()
    } else if kind == OwnerKind::Headline {
        s.headline_goals.len().to_string()
    } else {
        let taken = keys_of(s, kind);
        let name = fields.first().map(|(_, t)| t.fi.as_str()).unwrap_or_default();
        free_slug(&slugify(name), kind, |slug| {
            taken.contains(slug)
                || around.used.contains(&ItemKey {
                    kind,
                    key: slug.to_owned(),
                })
        })
    };
    Ok(ItemKey { kind, key })
}

/// `base` (or the kind's name when empty), with `-2`, `-3`… added until `taken` says no.
fn free_slug(base: &str, kind: OwnerKind, taken: impl Fn(&str) -> bool) -> String {
    let base = if base.is_empty() { kind.as_str() } else { base };
    let mut slug = base.to_owned();
    let mut n = 2;
    while taken(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

/// A slug for a numeric kind's new item, unique within the version.
fn item_slug(s: &Strategy, kind: OwnerKind, fields: &Fields) -> Result<Slug, StructureError> {
    let taken = slugs_of(s, kind);
    let name = fields.first().map(|(_, t)| t.fi.as_str()).unwrap_or_default();
    let slug = free_slug(&slugify(name), kind, |slug| taken.contains(slug));
    Slug::parse(&slug).map_err(|_| StructureError::NotSupported)
}

fn numeric<T>(key: &str, make: impl Fn(u32) -> Result<T, crate::domain::IdError>) -> Result<T, StructureError> {
    key.parse::<u32>()
        .ok()
        .and_then(|n| make(n).ok())
        .ok_or(StructureError::UnknownItem)
}

/// Puts `list`'s new `item` right after the sibling `after` matches, or last.
fn place<T>(list: &mut Vec<T>, item: T, after: Option<usize>) {
    match after {
        Some(index) => list.insert(index + 1, item),
        None => list.push(item),
    }
}

/// Adds the new item `key` under `parent`, right after the item keyed `after` or last.
fn insert(
    s: &mut Strategy,
    key: &ItemKey,
    parent: Option<&str>,
    after: Option<&str>,
    fields: &Fields,
    event_kind: Option<EventKind>,
) -> Result<(), StructureError> {
    let needs_parent = key.kind.parent_kind().is_some();
    if needs_parent != parent.is_some() {
        return Err(StructureError::UnknownParent);
    }
    let parent = parent.unwrap_or_default();
    let slug = |k: &str| Slug::parse(k).map_err(|_| StructureError::NotSupported);
    match key.kind {
        OwnerKind::Value => {
            let at = after.and_then(|a| s.values.iter().position(|v| v.slug.as_str() == a));
            let value = Value {
                slug: slug(&key.key)?,
                name: text(fields, "name"),
                description: text(fields, "description"),
            };
            place(&mut s.values, value, at);
        }
        OwnerKind::Headline => {
            let headline = HeadlineGoal {
                text: text(fields, "text"),
                goals: Vec::new(),
            };
            s.headline_goals.push(headline);
        }
        OwnerKind::Area => {
            let at = after.and_then(|a| s.areas.iter().position(|x| x.id.to_string() == a));
            let area = Area {
                id: numeric(&key.key, AreaId::new)?,
                slug: item_slug(s, key.kind, fields)?,
                name: text(fields, "name"),
                aim: text(fields, "aim"),
                goals: Vec::new(),
            };
            place(&mut s.areas, area, at);
        }
        OwnerKind::Goal => {
            let goal = Goal {
                id: numeric(&key.key, GoalId::new)?,
                slug: item_slug(s, key.kind, fields)?,
                title: text(fields, "title"),
                actions: Vec::new(),
            };
            let area = s
                .areas
                .iter_mut()
                .find(|a| a.id.to_string() == parent)
                .ok_or(StructureError::UnknownParent)?;
            let at = after.and_then(|a| area.goals.iter().position(|g| g.id.to_string() == a));
            place(&mut area.goals, goal, at);
        }
        OwnerKind::Action => {
            let action = Action {
                id: numeric(&key.key, ActionId::new)?,
                title: text(fields, "title"),
            };
            let goal = goals_mut(s)
                .find(|g| g.id.to_string() == parent)
                .ok_or(StructureError::UnknownParent)?;
            let at = after.and_then(|a| goal.actions.iter().position(|x| x.id.to_string() == a));
            place(&mut goal.actions, action, at);
        }
        OwnerKind::Programme => {
            let at = after.and_then(|a| s.programmes.iter().position(|p| p.id.to_string() == a));
            let programme = Programme {
                id: numeric(&key.key, ProgrammeId::new)?,
                slug: item_slug(s, key.kind, fields)?,
                name: text(fields, "name"),
                description: text(fields, "description"),
            };
            place(&mut s.programmes, programme, at);
        }
        OwnerKind::Chapter => {
            let at = after.and_then(|a| s.narrative.iter().position(|c| c.slug.as_str() == a));
            let chapter = Chapter {
                slug: slug(&key.key)?,
                title: text(fields, "title"),
                body: Some(text(fields, "body")).filter(|b| !b.fi.is_empty()),
                sections: Vec::new(),
            };
            place(&mut s.narrative, chapter, at);
        }
        OwnerKind::Section => {
            let section = Section {
                slug: slug(&key.key)?,
                title: text(fields, "title"),
                body: text(fields, "body"),
            };
            let chapter = s
                .narrative
                .iter_mut()
                .find(|c| c.slug.as_str() == parent)
                .ok_or(StructureError::UnknownParent)?;
            let at = after.and_then(|a| chapter.sections.iter().position(|x| x.slug.as_str() == a));
            place(&mut chapter.sections, section, at);
        }
        OwnerKind::Event => {
            let at = after.and_then(|a| s.timeline.iter().position(|e| e.slug.as_str() == a));
            let template = at.map(|i| s.timeline[i].kind);
            let event = TimelineEvent {
                slug: slug(&key.key)?,
                kind: event_kind.or(template).ok_or(StructureError::NotSupported)?,
                starts_on: None,
                ends_on: None,
                title: text(fields, "title"),
                when: text(fields, "when"),
            };
            place(&mut s.timeline, event, at);
        }
        OwnerKind::City | OwnerKind::Strategy => return Err(StructureError::NotSupported),
    }
    Ok(())
}

fn goals_mut(s: &mut Strategy) -> impl Iterator<Item = &mut Goal> {
    s.areas.iter_mut().flat_map(|a| a.goals.iter_mut())
}

/// The key of the item's parent, for kinds that have one.
pub fn parent_of(s: &Strategy, key: &ItemKey) -> Option<String> {
    match key.kind {
        OwnerKind::Goal => s
            .goals()
            .find(|(_, g)| g.id.to_string() == key.key)
            .map(|(a, _)| a.id.to_string()),
        OwnerKind::Action => s
            .goals()
            .find(|(_, g)| g.actions.iter().any(|a| a.id.to_string() == key.key))
            .map(|(_, g)| g.id.to_string()),
        OwnerKind::Section => s
            .narrative
            .iter()
            .find(|c| c.sections.iter().any(|x| x.slug.as_str() == key.key))
            .map(|c| c.slug.to_string()),
        _ => None,
    }
}

/// Whether key goals of the council term link to goal `key`.
fn linked_from_headline(s: &Strategy, key: &str) -> bool {
    s.headline_goals
        .iter()
        .any(|h| h.goals.iter().any(|g| g.to_string() == key))
}

/// Takes the item matching `matches` out of `list`; `None` when none does.
fn take<T>(list: &mut Vec<T>, matches: impl Fn(&T) -> bool) -> Option<T> {
    list.iter().position(matches).map(|i| list.remove(i))
}

/// Removes item `key`, unless something depends on it: items under it, the cascade, headline links.
fn remove(s: &mut Strategy, key: &ItemKey, around: &Surroundings) -> Result<(), StructureError> {
    if !exists(s, key) {
        return Err(StructureError::UnknownItem);
    }
    let is = |k: &dyn std::fmt::Display| k.to_string() == key.key;
    if around.referenced.contains(key) {
        return Err(StructureError::Referenced);
    }
    let children = children(s, key);
    if children > 0 {
        return Err(StructureError::HasChildren(children));
    }
    if key.kind == OwnerKind::Goal && linked_from_headline(s, &key.key) {
        return Err(StructureError::LinkedFromHeadline);
    }
    let gone = match key.kind {
        OwnerKind::Value => take(&mut s.values, |v| is(&v.slug)).is_some(),
        OwnerKind::Headline => {
            let index: usize = key.key.parse().map_err(|_| StructureError::UnknownItem)?;
            (index < s.headline_goals.len())
                .then(|| s.headline_goals.remove(index))
                .is_some()
        }
        OwnerKind::Area => take(&mut s.areas, |a| is(&a.id)).is_some(),
        OwnerKind::Goal => s.areas.iter_mut().any(|a| take(&mut a.goals, |g| is(&g.id)).is_some()),
        OwnerKind::Action => goals_mut(s).any(|g| take(&mut g.actions, |x| is(&x.id)).is_some()),
        OwnerKind::Programme => take(&mut s.programmes, |p| is(&p.id)).is_some(),
        OwnerKind::Chapter => take(&mut s.narrative, |c| is(&c.slug)).is_some(),
        OwnerKind::Section => s
            .narrative
            .iter_mut()
            .any(|c| take(&mut c.sections, |x| is(&x.slug)).is_some()),
        OwnerKind::Event => take(&mut s.timeline, |e| is(&e.slug)).is_some(),
        OwnerKind::City | OwnerKind::Strategy => return Err(StructureError::NotSupported),
    };
    if gone {
        Ok(())
    } else {
        Err(StructureError::UnknownItem)
    }
}

/// How many items sit directly under item `key`.
fn children(s: &Strategy, key: &ItemKey) -> usize {
    let is = |k: &dyn std::fmt::Display| k.to_string() == key.key;
    match key.kind {
        OwnerKind::Area => s.areas.iter().find(|a| is(&a.id)).map_or(0, |a| a.goals.len()),
        OwnerKind::Goal => s.goals().find(|(_, g)| is(&g.id)).map_or(0, |(_, g)| g.actions.len()),
        OwnerKind::Chapter => s.narrative.iter().find(|c| is(&c.slug)).map_or(0, |c| c.sections.len()),
        _ => 0,
    }
}

/// Swaps the item matching `matches` with its neighbour in `direction`; `None` when no item matches.
fn swap<T>(list: &mut [T], matches: impl Fn(&T) -> bool, direction: Direction) -> Option<Result<(), StructureError>> {
    let index = list.iter().position(matches)?;
    let other = match direction {
        Direction::Up => index.checked_sub(1),
        Direction::Down => Some(index + 1).filter(|&i| i < list.len()),
    };
    Some(match other {
        Some(other) => {
            list.swap(index, other);
            Ok(())
        }
        None => Err(StructureError::AtEdge),
    })
}

/// Moves item `key` one place up or down among its siblings.
fn shift(s: &mut Strategy, key: &ItemKey, direction: Direction) -> Result<(), StructureError> {
    let is = |k: &dyn std::fmt::Display| k.to_string() == key.key;
    let swapped = match key.kind {
        OwnerKind::Value => swap(&mut s.values, |v| is(&v.slug), direction),
        OwnerKind::Headline => {
            let index = key.key.parse::<usize>().ok();
            let mut indexed: Vec<usize> = (0..s.headline_goals.len()).collect();
            let result = swap(&mut indexed, |i| Some(*i) == index, direction);
            if let Some(Ok(())) = result {
                let mut old = std::mem::take(&mut s.headline_goals);
                let mut reordered = Vec::with_capacity(old.len());
                for i in indexed {
                    reordered.push(std::mem::replace(
                        &mut old[i],
                        HeadlineGoal {
                            text: LocalizedText::finnish_only(String::new()),
                            goals: Vec::new(),
                        },
                    ));
                }
                s.headline_goals = reordered;
            }
            result
        }
        OwnerKind::Area => swap(&mut s.areas, |a| is(&a.id), direction),
        OwnerKind::Goal => s
            .areas
            .iter_mut()
            .find_map(|a| swap(&mut a.goals, |g| is(&g.id), direction)),
        OwnerKind::Action => goals_mut(s).find_map(|g| swap(&mut g.actions, |x| is(&x.id), direction)),
        OwnerKind::Programme => swap(&mut s.programmes, |p| is(&p.id), direction),
        OwnerKind::Chapter => swap(&mut s.narrative, |c| is(&c.slug), direction),
        OwnerKind::Section => s
            .narrative
            .iter_mut()
            .find_map(|c| swap(&mut c.sections, |x| is(&x.slug), direction)),
        OwnerKind::Event => swap(&mut s.timeline, |e| is(&e.slug), direction),
        OwnerKind::City | OwnerKind::Strategy => Some(Err(StructureError::NotSupported)),
    };
    swapped.unwrap_or(Err(StructureError::UnknownItem))
}

/// Moves item `key` (a goal, an action, a section) last under another parent.
fn reparent(s: &mut Strategy, key: &ItemKey, parent: &str) -> Result<(), StructureError> {
    let Some(parent_kind) = key.kind.parent_kind() else {
        return Err(StructureError::NotSupported);
    };
    let current = parent_of(s, key).ok_or(StructureError::UnknownItem)?;
    if !exists(
        s,
        &ItemKey {
            kind: parent_kind,
            key: parent.to_owned(),
        },
    ) {
        return Err(StructureError::UnknownParent);
    }
    if current == parent {
        return Err(StructureError::SameParent);
    }
    let is = |k: &dyn std::fmt::Display| k.to_string() == key.key;
    match key.kind {
        OwnerKind::Goal => {
            let goal = s.areas.iter_mut().find_map(|a| take(&mut a.goals, |g| is(&g.id)));
            let area = s.areas.iter_mut().find(|a| a.id.to_string() == parent);
            area.zip(goal).map(|(a, g)| a.goals.push(g))
        }
        OwnerKind::Action => {
            let action = goals_mut(s).find_map(|g| take(&mut g.actions, |x| is(&x.id)));
            let goal = goals_mut(s).find(|g| g.id.to_string() == parent);
            goal.zip(action).map(|(g, x)| g.actions.push(x))
        }
        _ => {
            let section = s
                .narrative
                .iter_mut()
                .find_map(|c| take(&mut c.sections, |x| is(&x.slug)));
            let chapter = s.narrative.iter_mut().find(|c| c.slug.as_str() == parent);
            chapter.zip(section).map(|(c, x)| c.sections.push(x))
        }
    }
    .ok_or(StructureError::UnknownItem)
}

/// Merges item `absorbed` into `kept`: `absorbed`'s children go last under `kept`, headline links to a
/// merged goal point to the kept one, and `absorbed` goes. Refused when the cascade refers to `absorbed`.
fn merge(s: &mut Strategy, kept: &ItemKey, absorbed: &str, around: &Surroundings) -> Result<(), StructureError> {
    let absorbed_key = ItemKey {
        kind: kept.kind,
        key: absorbed.to_owned(),
    };
    if kept.kind == OwnerKind::Headline {
        return Err(StructureError::NotSupported);
    }
    if !exists(s, kept) || !exists(s, &absorbed_key) {
        return Err(StructureError::UnknownItem);
    }
    if kept.key == absorbed {
        return Err(StructureError::SameItem);
    }
    if around.referenced.contains(&absorbed_key) {
        return Err(StructureError::Referenced);
    }
    let is = |k: &dyn std::fmt::Display, key: &str| k.to_string() == key;
    match kept.kind {
        OwnerKind::Area => {
            let gone = take(&mut s.areas, |a| is(&a.id, absorbed)).ok_or(StructureError::UnknownItem)?;
            let into = s.areas.iter_mut().find(|a| is(&a.id, &kept.key));
            into.ok_or(StructureError::UnknownItem)?.goals.extend(gone.goals);
        }
        OwnerKind::Goal => {
            let gone = s
                .areas
                .iter_mut()
                .find_map(|a| take(&mut a.goals, |g| is(&g.id, absorbed)));
            let gone = gone.ok_or(StructureError::UnknownItem)?;
            let into = goals_mut(s).find(|g| is(&g.id, &kept.key));
            let into = into.ok_or(StructureError::UnknownItem)?;
            into.actions.extend(gone.actions);
            let kept_id = into.id;
            for headline in &mut s.headline_goals {
                for goal in &mut headline.goals {
                    if *goal == gone.id {
                        *goal = kept_id;
                    }
                }
                let mut seen = BTreeSet::new();
                headline.goals.retain(|g| seen.insert(*g));
            }
        }
        OwnerKind::Chapter => {
            let gone = take(&mut s.narrative, |c| is(&c.slug, absorbed)).ok_or(StructureError::UnknownItem)?;
            let into = s.narrative.iter_mut().find(|c| is(&c.slug, &kept.key));
            into.ok_or(StructureError::UnknownItem)?.sections.extend(gone.sections);
        }
        _ => remove(s, &absorbed_key, around)?,
    }
    Ok(())
}

#[cfg(test)]
#[path = "structure_tests.rs"]
mod tests;
