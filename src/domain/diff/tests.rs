//! The diff of two versions, on copies of the bundled strategy changed the way an editor would.

use super::*;
use crate::domain::{Action, ActionId, Strategy, Translation};

fn bundled() -> Strategy {
    crate::data::bundled().expect("the bundled strategy loads")
}

fn next_version(old: &Strategy) -> Strategy {
    let mut new = old.clone();
    new.version = "1.2-test".into();
    new
}

fn segments(pairs: &[(SegmentKind, &str)]) -> Vec<Segment> {
    pairs
        .iter()
        .map(|(kind, text)| Segment {
            kind: *kind,
            text: (*text).to_owned(),
        })
        .collect()
}

#[test]
fn tokens_keep_compound_and_hyphenated_words_whole_and_lose_nothing() {
    let text = "Espoo-tarina: varhaiskasvatuksen  osallistumisaste nousee (5 %).";
    let tokens = tokens(text);
    assert_eq!(tokens.concat(), text);
    assert_eq!(
        tokens,
        [
            "Espoo-tarina",
            ":",
            " ",
            "varhaiskasvatuksen",
            "  ",
            "osallistumisaste",
            " ",
            "nousee",
            " ",
            "(",
            "5",
            " ",
            "%",
            ")",
            "."
        ]
    );
}

#[test]
fn identical_versions_have_no_changes() {
    let old = bundled();
    let diff = diff_strategies(&old, &next_version(&old));
    assert_eq!((diff.from.as_str(), diff.to.as_str()), ("1.1", "1.2-test"));
    assert_eq!(diff.items, []);
}

#[test]
fn a_changed_finnish_compound_is_one_changed_word() {
    let old = bundled();
    let mut new = next_version(&old);
    let goal = &mut new.areas[0].goals[0];
    assert!(goal.title.fi.contains("osallistumisaste"), "{}", goal.title.fi);
    goal.title.fi = goal.title.fi.replace("osallistumisaste", "osallistumisprosentti");
    let diff = diff_strategies(&old, &new);
    assert_eq!(diff.items.len(), 1, "{:#?}", diff.items);
    let item = &diff.items[0];
    assert_eq!(
        (item.item, item.key.as_str(), item.change),
        (ItemKind::Goal, "1", ChangeKind::Changed)
    );
    assert_eq!(item.moved, None);
    assert_eq!(item.fields.len(), 1);
    assert_eq!(item.fields[0].field, "title");
    let langs = &item.fields[0].langs;
    assert_eq!(langs.len(), 1, "only Finnish changed");
    assert_eq!((langs[0].lang, langs[0].change), (Lang::Fi, TextChange::Changed));
    assert_eq!(
        langs[0].segments,
        segments(&[
            (
                SegmentKind::Equal,
                "Varhaiskasvatus on laadukasta ja varhaiskasvatuksen "
            ),
            (SegmentKind::Deleted, "osallistumisaste"),
            (SegmentKind::Inserted, "osallistumisprosentti"),
            (SegmentKind::Equal, " nousee."),
        ])
    );
}

#[test]
fn neighbouring_changed_words_read_as_one_replacement() {
    assert_eq!(
        diff_words("Espoo on hyvä kaupunki.", "Espoo on paras kotikaupunki."),
        segments(&[
            (SegmentKind::Equal, "Espoo on "),
            (SegmentKind::Deleted, "hyvä kaupunki"),
            (SegmentKind::Inserted, "paras kotikaupunki"),
            (SegmentKind::Equal, "."),
        ])
    );
}

#[test]
fn a_translation_added_in_swedish_only_is_reported_for_swedish_only() {
    let mut old = bundled();
    old.programmes[0].description.sv = None;
    let mut new = next_version(&old);
    new.programmes[0].description.sv = Some(Translation {
        text: "Ny beskrivning.".into(),
        reviewed: false,
    });
    let diff = diff_strategies(&old, &new);
    assert_eq!(diff.items.len(), 1, "{:#?}", diff.items);
    let item = &diff.items[0];
    assert_eq!((item.item, item.change), (ItemKind::Programme, ChangeKind::Changed));
    assert_eq!(item.key, old.programmes[0].id.to_string());
    assert_eq!(item.fields[0].field, "description");
    assert_eq!(
        item.fields[0].langs,
        [LangDiff {
            lang: Lang::Sv,
            change: TextChange::Added,
            segments: segments(&[(SegmentKind::Inserted, "Ny beskrivning.")]),
        }]
    );
}

#[test]
fn a_goal_moved_to_another_area_is_one_move_and_its_old_siblings_do_not_move() {
    let old = bundled();
    let mut new = next_version(&old);
    let goal = new.areas[0].goals.remove(0);
    let goal_id = goal.id.to_string();
    new.areas[1].goals.push(goal);
    let diff = diff_strategies(&old, &new);
    assert_eq!(diff.items.len(), 1, "{:#?}", diff.items);
    let item = &diff.items[0];
    assert_eq!(
        (item.item, item.key.as_str(), item.change),
        (ItemKind::Goal, goal_id.as_str(), ChangeKind::Moved)
    );
    assert_eq!(
        item.moved,
        Some(Move {
            from_parent: Some(old.areas[0].id.to_string()),
            to_parent: Some(old.areas[1].id.to_string()),
            from_position: 1,
            to_position: old.areas[1].goals.len() + 1,
        })
    );
    assert_eq!(item.fields, [], "its texts are the same");
}

#[test]
fn a_goal_moved_within_its_area_is_the_only_move() {
    let old = bundled();
    let mut new = next_version(&old);
    let goals = &mut new.areas[2].goals;
    let last = goals.pop().unwrap();
    goals.insert(0, last);
    let diff = diff_strategies(&old, &new);
    let moved: Vec<_> = diff.items.iter().map(|i| (i.item, i.change, i.key.clone())).collect();
    let last_id = old.areas[2].goals.last().unwrap().id.to_string();
    assert_eq!(moved, [(ItemKind::Goal, ChangeKind::Moved, last_id)]);
}

#[test]
fn an_added_and_a_removed_action_are_reported_with_all_their_text() {
    let old = bundled();
    let mut new = next_version(&old);
    let removed = new.areas[0].goals[1].actions.remove(0);
    new.areas[0].goals[0].actions.push(Action {
        id: ActionId::new(9001).unwrap(),
        title: LocalizedText::finnish_only("Kokeillaan uutta."),
    });
    let diff = diff_strategies(&old, &new);
    let summary: Vec<_> = diff.items.iter().map(|i| (i.item, i.change, i.key.clone())).collect();
    assert_eq!(
        summary,
        [
            (ItemKind::Action, ChangeKind::Added, "9001".to_owned()),
            (ItemKind::Action, ChangeKind::Removed, removed.id.to_string()),
        ]
    );
    let added = &diff.items[0].fields[0];
    assert_eq!(added.field, "title");
    assert_eq!(added.langs.len(), 1, "the new action is in Finnish only");
    assert_eq!(
        added.langs[0].segments,
        segments(&[(SegmentKind::Inserted, "Kokeillaan uutta.")])
    );
    let gone = &diff.items[1].fields[0];
    let langs: Vec<_> = gone.langs.iter().map(|l| (l.lang, l.change)).collect();
    assert_eq!(
        langs,
        [
            (Lang::Fi, TextChange::Removed),
            (Lang::Sv, TextChange::Removed),
            (Lang::En, TextChange::Removed)
        ]
    );
    assert_eq!(
        gone.langs[0].segments,
        segments(&[(SegmentKind::Deleted, &removed.title.fi)])
    );
}

#[test]
fn a_long_rewrite_stays_correct() {
    let old: String = (0..3000).map(|i| format!("sana{i} ")).collect();
    let new: String = (0..3000).map(|i| format!("ord{i} ")).collect();
    let diff = diff_words(&old, &new);
    let rebuilt = |skip: SegmentKind| -> String {
        diff.iter()
            .filter(|s| s.kind != skip)
            .map(|s| s.text.as_str())
            .collect()
    };
    assert_eq!(rebuilt(SegmentKind::Inserted), old);
    assert_eq!(rebuilt(SegmentKind::Deleted), new);
}
