//! The structure forms' input turned into edits, without a server.

use super::*;

fn typed(pairs: &[(&str, &str)]) -> Typed {
    Typed {
        inputs: pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
    }
}

#[test]
fn a_form_gives_an_edit_or_every_error() {
    let add = Operation::Add(OwnerKind::Goal);
    let errors = edit_of(&add, &typed(&[("title_fi", " ")])).unwrap_err();
    assert_eq!(errors.get("title_fi"), Some(&"staff-error-finnish-required"));
    assert_eq!(errors.get("parent"), Some(&"structure-error-parent"));
    let edit = edit_of(&add, &typed(&[("title_fi", "Uusi"), ("parent", "3")])).unwrap();
    assert!(matches!(edit, StructureEdit::Add { parent: Some(p), .. } if p == "3"));
    let event = edit_of(
        &Operation::Add(OwnerKind::Event),
        &typed(&[("title_fi", "a"), ("when_fi", "b")]),
    );
    assert!(event.unwrap_err().contains_key("event_kind"));
    assert!(Operation::from_path("area", "1", "move").is_err());
    assert!(Operation::from_path("headline", "0", "split").is_err());
    assert!(Operation::from_path("goal", "1", "move").is_ok());
}
