//! Matching the items of two versions by identity and comparing each pair.

use std::collections::{HashMap, HashSet};

use super::myers::{self, Edit};
use super::{diff_text, ChangeKind, FieldDiff, ItemDiff, ItemKind, Move, StrategyDiff};
use crate::domain::{LocalizedText, Strategy};

/// One item as the comparison sees it: identity, parent, the text that names it and its text fields.
struct Entry<'a> {
    key: String,
    parent: Option<String>,
    label: &'a LocalizedText,
    fields: Vec<(&'static str, Option<&'a LocalizedText>)>,
}

impl<'a> Entry<'a> {
    fn new(key: impl ToString, parent: Option<String>, label: &'a LocalizedText) -> Self {
        Entry {
            key: key.to_string(),
            parent,
            label,
            fields: Vec::new(),
        }
    }

    fn field(mut self, name: &'static str, text: impl Into<Option<&'a LocalizedText>>) -> Self {
        self.fields.push((name, text.into()));
        self
    }
}

/// Everything `old` and `new` say differently, item by item, in the order of [`ItemKind`] and, within a
/// kind, in the new version's order followed by the removed items in the old one's.
pub fn diff_strategies(old: &Strategy, new: &Strategy) -> StrategyDiff {
    let (before, after) = (entries(old), entries(new));
    let mut items: Vec<ItemDiff> = before
        .into_iter()
        .zip(after)
        .flat_map(|((kind, old), (_, new))| diff_kind(kind, &old, &new))
        .collect();
    // A split-off item is an added one, a merged one a removed one: the new version's lineage says which.
    for item in &mut items {
        item.lineage = new
            .lineage
            .iter()
            .find(|l| ItemKind::of_owner(l.kind) == Some(item.item) && l.key == item.key)
            .map(|l| (l.relation, l.other.clone()));
    }
    StrategyDiff {
        from: old.version.clone(),
        to: new.version.clone(),
        items,
    }
}

/// A version's items, grouped by kind in the order of [`ItemKind`].
fn entries(s: &Strategy) -> Vec<(ItemKind, Vec<Entry<'_>>)> {
    let top = Entry::new("strategy", None, &s.title)
        .field("title", &s.title)
        .field("tagline", &s.tagline)
        .field("vision", &s.vision)
        .field("council_goals_intro", &s.council_goals_intro)
        .field("programmes_intro", &s.programmes_intro)
        .field("approved_by", &s.approved_by)
        .field("source", &s.source);
    let values = s.values.iter().map(|v| {
        Entry::new(&v.slug, None, &v.name)
            .field("name", &v.name)
            .field("description", &v.description)
    });
    let headline_goals =
        (s.headline_goals.iter().enumerate()).map(|(i, h)| Entry::new(i + 1, None, &h.text).field("text", &h.text));
    let areas = s.areas.iter().map(|a| {
        Entry::new(a.id, None, &a.name)
            .field("name", &a.name)
            .field("aim", &a.aim)
    });
    let goals = s
        .goals()
        .map(|(area, g)| Entry::new(g.id, Some(area.id.to_string()), &g.title).field("title", &g.title));
    let actions = s.goals().flat_map(|(_, g)| {
        g.actions
            .iter()
            .map(|a| Entry::new(a.id, Some(g.id.to_string()), &a.title).field("title", &a.title))
    });
    let programmes = s.programmes.iter().map(|p| {
        Entry::new(p.id, None, &p.name)
            .field("name", &p.name)
            .field("description", &p.description)
    });
    let chapters = s.narrative.iter().map(|c| {
        Entry::new(&c.slug, None, &c.title)
            .field("title", &c.title)
            .field("body", c.body.as_ref())
    });
    let sections = s.narrative.iter().flat_map(|c| {
        c.sections.iter().map(|sec| {
            Entry::new(&sec.slug, Some(c.slug.to_string()), &sec.title)
                .field("title", &sec.title)
                .field("body", &sec.body)
        })
    });
    let timeline = s.timeline.iter().map(|e| {
        Entry::new(&e.slug, None, &e.title)
            .field("title", &e.title)
            .field("when", &e.when)
    });
    vec![
        (ItemKind::Strategy, vec![top]),
        (ItemKind::Value, values.collect()),
        (ItemKind::HeadlineGoal, headline_goals.collect()),
        (ItemKind::Area, areas.collect()),
        (ItemKind::Goal, goals.collect()),
        (ItemKind::Action, actions.collect()),
        (ItemKind::Programme, programmes.collect()),
        (ItemKind::Chapter, chapters.collect()),
        (ItemKind::Section, sections.collect()),
        (ItemKind::TimelineEvent, timeline.collect()),
    ]
}

/// Each entry's place among the entries of the same parent, counted from 1.
fn positions(entries: &[Entry<'_>]) -> HashMap<String, usize> {
    let mut counts: HashMap<Option<&str>, usize> = HashMap::new();
    entries
        .iter()
        .map(|e| {
            let count = counts.entry(e.parent.as_deref()).or_default();
            *count += 1;
            (e.key.clone(), *count)
        })
        .collect()
}

/// The items that kept their parent but not their order among the siblings that also stayed. Siblings
/// shifted by an insertion or a removal keep their relative order and are not moves; of those that
/// changed order, the fewest that explain it (those outside a longest common order) are.
fn reordered(old: &[Entry<'_>], new: &[Entry<'_>]) -> HashSet<String> {
    let parent_in = |entries: &[Entry<'_>]| -> HashMap<String, Option<String>> {
        entries.iter().map(|e| (e.key.clone(), e.parent.clone())).collect()
    };
    let (old_parents, new_parents) = (parent_in(old), parent_in(new));
    let stayed = |e: &Entry<'_>, other: &HashMap<String, Option<String>>| other.get(&e.key) == Some(&e.parent);
    let mut parents: Vec<Option<&str>> = new.iter().map(|e| e.parent.as_deref()).collect();
    parents.dedup();
    let mut moved = HashSet::new();
    for parent in parents {
        let siblings = |entries: &[Entry<'_>], other| -> Vec<String> {
            let in_parent = entries.iter().filter(|e| e.parent.as_deref() == parent);
            in_parent.filter(|e| stayed(e, other)).map(|e| e.key.clone()).collect()
        };
        let (before, after) = (siblings(old, &new_parents), siblings(new, &old_parents));
        for edit in myers::diff(&before, &after) {
            if let Edit::Delete(i) = edit {
                moved.insert(before[i].clone());
            }
        }
    }
    moved
}

fn diff_kind(kind: ItemKind, old: &[Entry<'_>], new: &[Entry<'_>]) -> Vec<ItemDiff> {
    let old_by_key: HashMap<&str, &Entry<'_>> = old.iter().map(|e| (e.key.as_str(), e)).collect();
    let new_keys: HashSet<&str> = new.iter().map(|e| e.key.as_str()).collect();
    let (old_positions, new_positions) = (positions(old), positions(new));
    let reordered = reordered(old, new);
    let mut items = Vec::new();
    for entry in new {
        let Some(before) = old_by_key.get(entry.key.as_str()) else {
            items.push(whole(kind, entry, ChangeKind::Added));
            continue;
        };
        let fields = compare_fields(before, entry);
        let moved = (before.parent != entry.parent || reordered.contains(&entry.key)).then(|| Move {
            from_parent: before.parent.clone(),
            to_parent: entry.parent.clone(),
            from_position: old_positions[&entry.key],
            to_position: new_positions[&entry.key],
        });
        let change = match (&moved, fields.is_empty()) {
            (Some(_), _) => ChangeKind::Moved,
            (None, false) => ChangeKind::Changed,
            (None, true) => continue,
        };
        items.push(ItemDiff {
            item: kind,
            key: entry.key.clone(),
            label: entry.label.clone(),
            change,
            moved,
            fields,
            lineage: None,
        });
    }
    let removed = old.iter().filter(|e| !new_keys.contains(e.key.as_str()));
    items.extend(removed.map(|entry| whole(kind, entry, ChangeKind::Removed)));
    items
}

/// The fields of a pair of entries that differ; both list the same fields, their kind being the same.
fn compare_fields(old: &Entry<'_>, new: &Entry<'_>) -> Vec<FieldDiff> {
    old.fields
        .iter()
        .zip(&new.fields)
        .filter_map(|((field, before), (_, after))| {
            let langs = diff_text(*before, *after);
            (!langs.is_empty()).then_some(FieldDiff { field, langs })
        })
        .collect()
}

/// An item only one version has: all its text inserted or deleted.
fn whole(kind: ItemKind, entry: &Entry<'_>, change: ChangeKind) -> ItemDiff {
    let fields = entry
        .fields
        .iter()
        .filter_map(|(field, text)| {
            let langs = match change {
                ChangeKind::Added => diff_text(None, *text),
                _ => diff_text(*text, None),
            };
            (!langs.is_empty()).then_some(FieldDiff { field, langs })
        })
        .collect();
    ItemDiff {
        item: kind,
        key: entry.key.clone(),
        label: entry.label.clone(),
        change,
        moved: None,
        fields,
        lineage: None,
    }
}
