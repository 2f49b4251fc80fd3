use super::*;

fn goal() -> ItemTexts {
    ItemTexts {
        key: ItemKey {
            kind: OwnerKind::Goal,
            key: "15".into(),
        },
        fields: vec![(
            "title",
            LocalizedText {
                fi: "Otsikko".into(),
                sv: Some(Translation {
                    text: "Rubrik".into(),
                    reviewed: true,
                }),
                en: None,
            },
        )],
    }
}

fn title_of(item: &ItemTexts) -> &LocalizedText {
    item.fields.iter().find(|(f, _)| *f == "title").map(|(_, t)| t).unwrap()
}

fn form(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

#[test]
fn paths_name_items_and_nothing_else() {
    let strategy = ItemKey::from_path("strategy", NO_KEY).unwrap();
    assert_eq!(strategy.key, "");
    assert_eq!(strategy.path_key(), "-");
    assert_eq!(strategy.subject("1.2"), "text:1.2:strategy:");
    let goal = ItemKey::from_path("goal", "15").unwrap();
    assert_eq!(goal.subject("1.2"), "text:1.2:goal:15");
    for (kind, key) in [
        ("goal", "-"),
        ("goal", ""),
        ("strategy", "1"),
        ("nothing", "1"),
        ("city", ""),
    ] {
        assert_eq!(ItemKey::from_path(kind, key), None, "{kind}/{key}");
    }
}

#[test]
fn every_item_of_the_bundled_strategy_reads_back_from_its_rows() {
    let strategy = crate::data::bundled().unwrap();
    let rows = crate::store::rows::StrategyRows::from_strategy(&strategy);
    let all = items(&strategy);
    assert_eq!(all[0].key.kind, OwnerKind::City);
    assert_eq!(all[1].key.kind, OwnerKind::Strategy);
    let kinds: Vec<OwnerKind> = all.iter().map(|i| i.key.kind).collect();
    let mut sorted = kinds.clone();
    sorted.sort();
    assert_eq!(kinds, sorted, "items come grouped in strategy order");
    for item in &all {
        let stored: Vec<StoredText> = rows
            .texts
            .iter()
            .filter(|t| t.owner_kind == item.key.kind.as_str() && t.owner_key == item.key.key)
            .map(|t| StoredText {
                field: t.field.clone(),
                lang: t.lang.parse().unwrap(),
                body: t.body.clone(),
                reviewed: t.reviewed,
            })
            .collect();
        let read = ItemTexts::from_rows(item.key.clone(), &stored);
        assert_eq!(&read, item);
        assert_eq!(read.revision(), item.revision());
        // Saving the form as drawn passes the checks and changes nothing.
        let mut inputs = BTreeMap::new();
        for (field, text) in &item.fields {
            for lang in Lang::ALL {
                inputs.insert(input_name(field, lang), text.get(lang).unwrap_or_default().to_owned());
                if text.translation(lang).is_some_and(|t| t.reviewed) {
                    inputs.insert(reviewed_name(field, lang), "1".to_owned());
                }
            }
        }
        assert_eq!(check_texts(item, &inputs).as_ref(), Ok(item), "{:?}", item.key);
    }
}

#[test]
fn texts_are_checked_field_by_field() {
    let before = goal();
    let long = "a".repeat(LONG_TEXT_LIMIT + 1);
    let errors = check_texts(
        &before,
        &form(&[("title_fi", "  "), ("title_sv", &long), ("title_en", "a\u{0}b")]),
    )
    .unwrap_err();
    assert_eq!(errors["title_fi"], "staff-error-finnish-required");
    assert_eq!(errors["title_sv"], "staff-error-too-long");
    assert_eq!(errors["title_en"], "staff-error-control");
    let ok = check_texts(&before, &form(&[("title_fi", " Uusi\r\notsikko\t"), ("title_sv", "")])).unwrap();
    let title = title_of(&ok);
    assert_eq!(title.fi, "Uusi\notsikko");
    assert_eq!(title.sv, None, "an empty translation is missing");
    assert_ne!(ok.revision(), before.revision());
}

#[test]
fn a_translation_is_reviewed_only_when_its_box_is_ticked() {
    let before = goal();
    let changed = check_texts(
        &before,
        &form(&[
            ("title_fi", "Otsikko"),
            ("title_sv", "Ny rubrik"),
            ("title_en", "Title"),
        ]),
    )
    .unwrap();
    let title = title_of(&changed);
    assert!(!title.sv.as_ref().unwrap().reviewed);
    assert!(!title.en.as_ref().unwrap().reviewed);
    let ticked = check_texts(
        &before,
        &form(&[
            ("title_fi", "Otsikko"),
            ("title_sv", "Ny rubrik"),
            ("title_sv_reviewed", "1"),
            ("title_en", "Title"),
        ]),
    )
    .unwrap();
    assert!(title_of(&ticked).sv.as_ref().unwrap().reviewed);
}

#[test]
fn rows_carry_finnish_as_reviewed_and_only_the_translations_given() {
    let rows = goal().rows();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.field == "title"));
    assert!(rows[0].lang == Lang::Fi && rows[0].reviewed);
    let (missing, unreviewed) = goal().lacks(Lang::En);
    assert!(missing && !unreviewed);
}
