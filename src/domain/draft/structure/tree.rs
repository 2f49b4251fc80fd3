//! The changes themselves, on a [`Strategy`] value: an item put in its place, taken out, moved among its
//! siblings or under another parent, or merged into another.

use std::collections::BTreeSet;

use super::keys::{exists, item_slug, numeric};
use super::{text, Direction, Fields, StructureError, Surroundings};
use crate::domain::draft::{ItemKey, OwnerKind};
use crate::domain::{
    Action, ActionId, Area, AreaId, Chapter, EventKind, Goal, GoalId, HeadlineGoal, LocalizedText, Programme,
    ProgrammeId, Section, Slug, Strategy, TimelineEvent, Value,
};

/// Puts `list`'s new `item` right after the sibling `after` matches, or last.
fn place<T>(list: &mut Vec<T>, item: T, after: Option<usize>) {
    match after {
        Some(index) => list.insert(index + 1, item),
        None => list.push(item),
    }
}

/// Adds the new item `key` under `parent`, right after the item keyed `after` or last.
pub(super) fn insert(
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
pub(super) fn remove(s: &mut Strategy, key: &ItemKey, around: &Surroundings) -> Result<(), StructureError> {
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
pub(super) fn children(s: &Strategy, key: &ItemKey) -> usize {
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
pub(super) fn shift(s: &mut Strategy, key: &ItemKey, direction: Direction) -> Result<(), StructureError> {
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
pub(super) fn reparent(s: &mut Strategy, key: &ItemKey, parent: &str) -> Result<(), StructureError> {
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
pub(super) fn merge(
    s: &mut Strategy,
    kept: &ItemKey,
    absorbed: &str,
    around: &Surroundings,
) -> Result<(), StructureError> {
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
