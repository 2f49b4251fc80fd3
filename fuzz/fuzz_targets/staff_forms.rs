//! Fuzzes the checks every staff edit form goes through before anything is written: an action's progress
//! report and a target's assessment, with their three-language texts.
//!
//! Input layout: fields separated by NUL bytes (lossy UTF-8), in the order state, percent, date, the three
//! notes, grade, the three justifications; missing fields are empty.
//!
//! Checked: nothing panics; an accepted report or assessment keeps every rule the form promises (per cent
//! 0–100, a date in the years Tarina keeps, Finnish text present when any text is, no text over the limit,
//! nothing but trimmed text stored); a refused one names at least one field; and an item's revision depends
//! on its state.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tarina::domain::cascade::YEARS;
use tarina::domain::edit::{assessment_from_input, progress_from_input, Item, LONG_TEXT_LIMIT};
use tarina::domain::{ActionId, LocalizedText};

fn check_text(text: &LocalizedText) {
    assert!(!text.fi.is_empty(), "a stored text has its Finnish source");
    for body in [Some(text.fi.as_str()), text.sv.as_ref().map(|t| t.text.as_str()), text.en.as_ref().map(|t| t.text.as_str())]
        .into_iter()
        .flatten()
    {
        assert!(body.chars().count() <= LONG_TEXT_LIMIT, "{} characters", body.chars().count());
        assert_eq!(body, body.trim(), "texts are stored trimmed");
        assert!(!body.is_empty(), "an empty translation is missing, not empty");
    }
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let mut fields = input.split('\0');
    let mut next = || fields.next().unwrap_or("");
    let (state, percent, date) = (next(), next(), next());
    let note = [next(), next(), next()];
    let grade = next();
    let justification = [next(), next(), next()];

    let action = ActionId::new(1).unwrap();
    match progress_from_input(action, state, percent, date, note, None) {
        Ok(report) => {
            assert!(report.percent.is_none_or(|p| p <= 100));
            assert!(YEARS.contains(&chrono::Datelike::year(&report.as_of)));
            assert!(!report.example, "what a person reports is not an example");
            if let Some(note) = &report.note {
                check_text(note);
            }
            let item = Item::Progress(Some(report));
            assert_ne!(item.revision(), Item::Progress(None).revision(), "a report is not its absence");
        }
        Err(errors) => assert!(!errors.is_empty(), "a refusal names a field"),
    }
    match assessment_from_input(grade, justification, None) {
        Ok(Some(assessment)) => check_text(&assessment.justification),
        Ok(None) => {
            assert!(grade.trim().is_empty());
            assert!(justification.iter().all(|t| t.trim().is_empty()), "text without a grade is refused");
        }
        Err(errors) => assert!(!errors.is_empty(), "a refusal names a field"),
    }
});
