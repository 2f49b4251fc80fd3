//! The structure rules on a copy of the bundled strategy, changed the way an editor would.

use super::keys::slugify;
use super::*;
use crate::domain::GoalId;

fn bundled() -> Strategy {
    crate::data::bundled().expect("the bundled strategy loads")
}

fn key(kind: OwnerKind, key: impl ToString) -> ItemKey {
    ItemKey {
        kind,
        key: key.to_string(),
    }
}

fn title(fi: &str) -> Fields {
    vec![("title", LocalizedText::finnish_only(fi))]
}

fn goal_ids(s: &Strategy) -> Vec<u32> {
    s.goals().map(|(_, g)| g.id.get()).collect()
}

/// The first goal, its actions taken away so that nothing under it keeps it from being removed.
fn bare_goal(s: &mut Strategy) -> String {
    s.areas[0].goals[0].actions.clear();
    s.areas[0].goals[0].id.to_string()
}

#[test]
fn a_new_goal_takes_an_id_never_used_in_the_city() {
    let s = bundled();
    let highest = goal_ids(&s).into_iter().max().unwrap();
    let area = s.areas[0].id.to_string();
    let add = StructureEdit::Add {
        kind: OwnerKind::Goal,
        parent: Some(area.clone()),
        fields: title("Uusi tavoite"),
        event_kind: None,
    };
    let done = apply(&s, &add, &Surroundings::default()).unwrap();
    assert_eq!(done.created, Some(key(OwnerKind::Goal, highest + 1)));
    assert_eq!(done.spent, vec![key(OwnerKind::Goal, highest + 1)]);
    let last = done.strategy.areas[0].goals.last().unwrap();
    assert_eq!((last.id.get(), last.title.fi.as_str()), (highest + 1, "Uusi tavoite"));
    assert_eq!(last.slug.as_str(), "uusi-tavoite");

    // An id used elsewhere in the city (another version, the cascade, a removed draft goal) is never reused.
    let mut around = Surroundings::default();
    around.highest.insert(OwnerKind::Goal, highest + 10);
    let done = apply(&s, &add, &around).unwrap();
    assert_eq!(done.created, Some(key(OwnerKind::Goal, highest + 11)));

    // An unknown area is refused.
    let nowhere = StructureEdit::Add {
        kind: OwnerKind::Goal,
        parent: Some("999999".into()),
        fields: title("x"),
        event_kind: None,
    };
    assert_eq!(apply(&s, &nowhere, &around), Err(StructureError::UnknownParent));
}

#[test]
fn slugs_of_new_items_are_fresh() {
    let s = bundled();
    assert_eq!(slugify("Ääni & Öljy – 2030!"), "aani-oljy-2030");
    assert_eq!(slugify("  "), "");
    let add = |name: &str| StructureEdit::Add {
        kind: OwnerKind::Value,
        parent: None,
        fields: vec![
            ("name", LocalizedText::finnish_only(name)),
            ("description", LocalizedText::finnish_only("Kuvaus")),
        ],
        event_kind: None,
    };
    let taken = s.values[0].slug.to_string();
    let mut around = Surroundings::default();
    around.used.insert(key(OwnerKind::Value, format!("{taken}-2")));
    let done = apply(&s, &add(&taken), &around).unwrap();
    assert_eq!(done.created, Some(key(OwnerKind::Value, format!("{taken}-3"))));
    let done = apply(&s, &add("!!"), &around).unwrap();
    assert_eq!(done.created, Some(key(OwnerKind::Value, "value")));
}

#[test]
fn removal_is_refused_while_something_depends_on_the_item() {
    let mut s = bundled();
    let goal = bare_goal(&mut s);
    let area = key(OwnerKind::Area, s.areas[0].id);
    let goals = s.areas[0].goals.len();
    let refused = apply(&s, &StructureEdit::Remove(area), &Surroundings::default());
    assert_eq!(refused, Err(StructureError::HasChildren(goals)));

    let goal = key(OwnerKind::Goal, goal);
    let mut around = Surroundings::default();
    around.referenced.insert(goal.clone());
    let refused = apply(&s, &StructureEdit::Remove(goal.clone()), &around);
    assert_eq!(refused, Err(StructureError::Referenced));

    let mut linked = s.clone();
    let id = goal.key.parse().unwrap();
    linked.headline_goals[0].goals.push(GoalId::new(id).unwrap());
    let refused = apply(&linked, &StructureEdit::Remove(goal.clone()), &Surroundings::default());
    assert_eq!(refused, Err(StructureError::LinkedFromHeadline));

    let done = apply(&s, &StructureEdit::Remove(goal.clone()), &Surroundings::default()).unwrap();
    assert!(!goal_ids(&done.strategy).contains(&id));
    assert_eq!(done.spent, vec![goal.clone()]);
    let again = apply(&done.strategy, &StructureEdit::Remove(goal), &Surroundings::default());
    assert_eq!(again, Err(StructureError::UnknownItem));
}

#[test]
fn reordering_swaps_neighbours_and_stops_at_the_ends() {
    let s = bundled();
    let first = key(OwnerKind::Area, s.areas[0].id);
    let down = apply(
        &s,
        &StructureEdit::Shift(first.clone(), Direction::Down),
        &Surroundings::default(),
    )
    .unwrap();
    assert_eq!(down.strategy.areas[1].id, s.areas[0].id);
    assert_eq!(down.strategy.areas[0].id, s.areas[1].id);
    let up = StructureEdit::Shift(first, Direction::Up);
    assert_eq!(apply(&s, &up, &Surroundings::default()), Err(StructureError::AtEdge));

    if s.headline_goals.len() > 1 {
        let shifted = StructureEdit::Shift(key(OwnerKind::Headline, 1), Direction::Up);
        let done = apply(&s, &shifted, &Surroundings::default()).unwrap();
        assert_eq!(done.strategy.headline_goals[0], s.headline_goals[1]);
        assert_eq!(done.strategy.headline_goals[1], s.headline_goals[0]);
    }
}

#[test]
fn a_goal_moves_to_another_area_last() {
    let s = bundled();
    let goal = s.areas[0].goals[0].id;
    let to = s.areas[1].id.to_string();
    let edit = StructureEdit::Move {
        item: key(OwnerKind::Goal, goal),
        parent: to.clone(),
    };
    let done = apply(&s, &edit, &Surroundings::default()).unwrap();
    assert_eq!(done.strategy.areas[1].goals.last().unwrap().id, goal);
    assert!(done.strategy.areas[0].goals.iter().all(|g| g.id != goal));
    // Its actions go with it.
    assert_eq!(
        done.strategy.areas[1].goals.last().unwrap().actions,
        s.areas[0].goals[0].actions
    );
    let same = StructureEdit::Move {
        item: key(OwnerKind::Goal, goal),
        parent: s.areas[0].id.to_string(),
    };
    assert_eq!(
        apply(&s, &same, &Surroundings::default()),
        Err(StructureError::SameParent)
    );
    let nowhere = StructureEdit::Move {
        item: key(OwnerKind::Goal, goal),
        parent: "999999".into(),
    };
    assert_eq!(
        apply(&s, &nowhere, &Surroundings::default()),
        Err(StructureError::UnknownParent)
    );
    let area = StructureEdit::Move {
        item: key(OwnerKind::Area, s.areas[0].id),
        parent: to,
    };
    assert_eq!(
        apply(&s, &area, &Surroundings::default()),
        Err(StructureError::NotSupported)
    );
}

#[test]
fn a_split_makes_a_new_item_after_the_original_that_records_it() {
    let s = bundled();
    let original = s.areas[0].goals[0].clone();
    let highest = goal_ids(&s).into_iter().max().unwrap();
    let edit = StructureEdit::Split {
        item: key(OwnerKind::Goal, original.id),
        fields: title("Erotettu osa"),
    };
    let done = apply(&s, &edit, &Surroundings::default()).unwrap();
    let new_id = (highest + 1).to_string();
    assert_eq!(done.created, Some(key(OwnerKind::Goal, &new_id)));
    let goals = &done.strategy.areas[0].goals;
    assert_eq!(goals[0], original, "the original keeps its id, texts and actions");
    assert_eq!(goals[1].id.to_string(), new_id);
    assert!(goals[1].actions.is_empty());
    assert_eq!(
        done.strategy.lineage,
        vec![Lineage {
            kind: OwnerKind::Goal,
            key: new_id.clone(),
            relation: LineageRelation::SplitFrom,
            other: original.id.to_string(),
        }]
    );
    // Removing the new item again forgets its lineage.
    let removed = apply(
        &done.strategy,
        &StructureEdit::Remove(key(OwnerKind::Goal, &new_id)),
        &Surroundings::default(),
    )
    .unwrap();
    assert!(removed.strategy.lineage.is_empty());
}

#[test]
fn a_merge_moves_children_and_links_to_the_kept_item() {
    let mut s = bundled();
    let kept = s.areas[0].goals[0].clone();
    let absorbed = s.areas[0].goals[1].clone();
    s.headline_goals[0].goals = vec![absorbed.id, kept.id];
    let edit = StructureEdit::Merge {
        kept: key(OwnerKind::Goal, kept.id),
        absorbed: absorbed.id.to_string(),
    };
    let done = apply(&s, &edit, &Surroundings::default()).unwrap();
    let merged = done.strategy.goals().find(|(_, g)| g.id == kept.id).unwrap().1;
    assert_eq!(merged.actions.len(), kept.actions.len() + absorbed.actions.len());
    assert!(!goal_ids(&done.strategy).contains(&absorbed.id.get()));
    assert_eq!(done.strategy.headline_goals[0].goals, vec![kept.id]);
    assert_eq!(
        done.strategy.lineage,
        vec![Lineage {
            kind: OwnerKind::Goal,
            key: absorbed.id.to_string(),
            relation: LineageRelation::MergedInto,
            other: kept.id.to_string(),
        }]
    );
    assert_eq!(done.spent, vec![key(OwnerKind::Goal, absorbed.id)]);

    let itself = StructureEdit::Merge {
        kept: key(OwnerKind::Goal, kept.id),
        absorbed: kept.id.to_string(),
    };
    assert_eq!(
        apply(&s, &itself, &Surroundings::default()),
        Err(StructureError::SameItem)
    );
    let mut around = Surroundings::default();
    around.referenced.insert(key(OwnerKind::Goal, absorbed.id));
    assert_eq!(apply(&s, &edit, &around), Err(StructureError::Referenced));
}

#[test]
fn every_kind_with_items_can_be_added_and_removed() {
    let s = bundled();
    let goal = s.areas[0].goals[0].id.to_string();
    let chapter = s.narrative.first().map(|c| c.slug.to_string());
    for kind in STRUCTURED {
        let parent = match kind.parent_kind() {
            Some(OwnerKind::Area) => Some(s.areas[0].id.to_string()),
            Some(OwnerKind::Goal) => Some(goal.clone()),
            Some(_) => chapter.clone(),
            None => None,
        };
        if kind.parent_kind().is_some() && parent.is_none() {
            continue;
        }
        let fields = kind
            .fields()
            .iter()
            .map(|f| (*f, LocalizedText::finnish_only(format!("Uusi {f}"))))
            .collect();
        let add = StructureEdit::Add {
            kind,
            parent,
            fields,
            event_kind: Some(EventKind::Council),
        };
        let done = apply(&s, &add, &Surroundings::default()).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        let created = done.created.clone().unwrap();
        assert_eq!(created.kind, kind);
        let removed = apply(
            &done.strategy,
            &StructureEdit::Remove(created),
            &Surroundings::default(),
        );
        assert_eq!(
            removed.unwrap().strategy,
            s,
            "{kind:?} removed leaves the draft as it was"
        );
    }
}
