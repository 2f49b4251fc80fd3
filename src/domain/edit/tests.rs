use super::*;

#[test]
fn a_progress_report_is_checked_field_by_field() {
    let action = ActionId::new(12).unwrap();
    let errors = progress_from_input(action, "finished", "101", "2018-02-30", ["", "text", ""], None).unwrap_err();
    assert_eq!(errors.get("state"), Some(&"staff-error-state"));
    assert_eq!(errors.get("percent"), Some(&"staff-error-percent"));
    assert_eq!(errors.get("as_of"), Some(&"staff-error-as-of"));
    assert_eq!(errors.get("note_fi"), Some(&"staff-error-finnish-required"));
    let report = progress_from_input(action, "delayed", "", "2018-06-30", ["Viivästyy", "", " "], None).unwrap();
    assert_eq!(report.state, ActionState::Delayed);
    assert_eq!(report.percent, None);
    let note = report.note.unwrap();
    assert_eq!(
        (note.fi.as_str(), note.sv.is_none(), note.en.is_none()),
        ("Viivästyy", true, true)
    );
}

#[test]
fn an_unchanged_translation_keeps_its_review_flag_and_a_typed_one_is_reviewed() {
    let before = LocalizedText {
        fi: "Teksti".into(),
        sv: Some(crate::domain::Translation {
            text: "Text".into(),
            reviewed: false,
        }),
        en: Some(crate::domain::Translation {
            text: "Old".into(),
            reviewed: false,
        }),
    };
    let mut errors = FieldErrors::new();
    let after = localized_from_input("note", ["Teksti", "Text", "New"], Some(&before), false, &mut errors).unwrap();
    assert!(errors.is_empty());
    assert!(!after.sv.unwrap().reviewed);
    assert!(after.en.unwrap().reviewed);
}

#[test]
fn a_grade_needs_a_justification_and_a_justification_needs_a_grade() {
    assert_eq!(assessment_from_input("", ["", "", ""], None), Ok(None));
    let errors = assessment_from_input("achieved", ["", "", ""], None).unwrap_err();
    assert_eq!(errors.get("justification_fi"), Some(&"staff-error-finnish-required"));
    let errors = assessment_from_input("", ["Perustelu", "", ""], None).unwrap_err();
    assert_eq!(errors.get("grade"), Some(&"staff-error-grade-needed"));
    let long = "x".repeat(LONG_TEXT_LIMIT + 1);
    let errors = assessment_from_input("achieved", ["ok", &long, ""], None).unwrap_err();
    assert_eq!(errors.get("justification_sv"), Some(&"staff-error-too-long"));
    let graded = assessment_from_input("partly_achieved", ["Osittain", "", ""], None)
        .unwrap()
        .unwrap();
    assert_eq!(graded.grade, Grade::PartlyAchieved);
}

#[test]
fn the_revision_follows_the_state_and_nothing_else() {
    let action = ActionId::new(3).unwrap();
    let report =
        |percent| progress_from_input(action, "in_progress", percent, "2019-01-31", ["", "", ""], None).unwrap();
    let a = Item::Progress(Some(report("40")));
    assert_eq!(a.revision(), Item::Progress(Some(report("40"))).revision());
    assert_ne!(a.revision(), Item::Progress(Some(report("41"))).revision());
    assert_ne!(a.revision(), Item::Progress(None).revision());
    assert_eq!(Revision::from_client(&format!("\"{}\"", a.revision())), a.revision());
}

mod targets {
    use super::super::{TargetInput, YearStep};
    use crate::domain::cascade::TargetStatus;

    #[test]
    fn each_year_step_starts_where_the_last_left_off() {
        for step in YearStep::ALL {
            assert_eq!(YearStep::parse(step.as_str()), Some(step));
        }
        assert_eq!(
            YearStep::Propose.statuses(),
            (TargetStatus::Draft, TargetStatus::Proposed)
        );
        assert_eq!(
            YearStep::Approve.statuses(),
            (TargetStatus::Proposed, TargetStatus::Approved)
        );
        assert_eq!(YearStep::parse("approved"), None);
    }

    #[test]
    fn a_target_input_names_only_what_exists() {
        let crate::domain::Dataset { strategy, cascade } = crate::data::bundled_dataset().unwrap();
        let goals = vec!["1".to_owned(), "1".to_owned(), "43".to_owned()];
        let input = TargetInput {
            organisation: "ei-ole",
            responsible: "",
            title: ["", "sv", ""],
            goals: &goals,
            indicators: "1, 999",
            binding: false,
        };
        let errors = super::super::target_from_input(1999, input, None, &strategy, &cascade).unwrap_err();
        for field in ["year", "organisation", "title_fi", "goals", "indicators"] {
            assert!(errors.contains_key(field), "{field}");
        }
        let goals = vec!["1".to_owned(), "1".to_owned()];
        let input = TargetInput {
            organisation: "sivistystoimi",
            title: ["Tavoite", "", ""],
            goals: &goals,
            indicators: "8 8, 5",
            ..input
        };
        let target = super::super::target_from_input(2019, input, None, &strategy, &cascade).unwrap();
        assert_eq!(target.status, TargetStatus::Draft);
        assert_eq!(
            target.responsible, target.organisation,
            "the budget's organisation answers by default"
        );
        assert_eq!(target.goals.len(), 1);
        assert_eq!(target.indicators.len(), 2);
    }
}
