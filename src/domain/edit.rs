//! Edits of one cascade item at a time, as staff make them through forms and integrations through the write
//! API: what an edit changes, the item's state before and after (for the audit log and the conflict page),
//! and the revision that tells a stale form from a fresh one.
//!
//! An item's revision is a hash of its canonical JSON, not a counter kept beside it: any write that changes the
//! item (a form, the API, an import, a replacement of the whole cascade) changes its revision without having to
//! remember to bump one, and a write that changes nothing leaves it as it was.

use chrono::NaiveDate;
use serde_json::{json, Map, Value};

use super::cascade::{ActionProgress, ActionState, Assessment, Grade};
use super::{ActionId, IndicatorId, Lang, LocalizedText, TargetId};

/// The longest text a person may give for a note or a justification, in characters.
pub const LONG_TEXT_LIMIT: usize = 5000;

/// Which item an edit concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemRef {
    /// The progress report of an action.
    Progress(ActionId),
    /// The assessment of a performance target after its year.
    Assessment(TargetId),
    /// A performance target's own content: title, organisations, goals, indicators, binding.
    Target(TargetId),
    /// An indicator's definition: texts, unit, direction, frequency, licence, regions, reference values.
    Definition(IndicatorId),
}

impl ItemRef {
    /// The item as the audit log names it, e.g. `action:12`.
    pub fn subject(self) -> String {
        match self {
            ItemRef::Progress(id) => format!("action:{id}"),
            ItemRef::Assessment(id) | ItemRef::Target(id) => format!("target:{id}"),
            ItemRef::Definition(id) => format!("indicator:{id}"),
        }
    }

    /// What the audit log calls an edit of this item.
    pub fn operation(self) -> &'static str {
        match self {
            ItemRef::Progress(_) => "action.progress",
            ItemRef::Assessment(_) => "target.assessment",
            ItemRef::Target(_) => "target.edit",
            ItemRef::Definition(_) => "indicator.definition",
        }
    }
}

/// The state of one item: what a form shows and what an edit replaces. `None` when it has none yet (an
/// action nobody has reported on, a target not yet assessed).
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Progress(Option<ActionProgress>),
    Assessment(Option<Assessment>),
    Target(TargetItem),
    Definition(Box<DefinitionItem>),
}

/// One edit: the item and its whole new state.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub item: ItemRef,
    pub after: Item,
}

/// The state an item had when a form was drawn or an API client read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision(String);

impl Revision {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A revision as a form or an `If-Match` header carried it back; anything that is not one of ours is
    /// simply a revision no item has, so it reads as stale rather than as an error.
    pub fn from_client(text: &str) -> Revision {
        Revision(text.trim().trim_matches('"').to_owned())
    }
}

impl std::fmt::Display for Revision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Item {
    /// The item as the audit log keeps it: a JSON object (or null), its keys in a fixed order.
    pub fn to_json(&self) -> Value {
        match self {
            Item::Progress(None) | Item::Assessment(None) => Value::Null,
            Item::Progress(Some(p)) => json!({
                "state": p.state.as_str(),
                "percent": p.percent,
                "as_of": p.as_of.to_string(),
                "note": p.note.as_ref().map(text_json),
                "example": p.example,
            }),
            Item::Assessment(Some(a)) => json!({
                "grade": a.grade.as_str(),
                "justification": text_json(&a.justification),
            }),
            Item::Target(target) => target.to_json(),
            Item::Definition(definition) => definition.to_json(),
        }
    }

    pub fn revision(&self) -> Revision {
        let canonical = self.to_json().to_string();
        Revision(format!("{:016x}", xxhash_rust::xxh3::xxh3_64(canonical.as_bytes())))
    }
}

fn text_json(text: &LocalizedText) -> Value {
    let mut object = Map::new();
    object.insert("fi".into(), Value::String(text.fi.clone()));
    for lang in Lang::TRANSLATIONS {
        if let Some(t) = text.translation(lang) {
            object.insert(lang.code().into(), json!({ "text": t.text, "reviewed": t.reviewed }));
        }
    }
    Value::Object(object)
}

/// What was wrong with one field of an edit, as a message key of the UI's language files.
pub type FieldErrors = std::collections::BTreeMap<&'static str, &'static str>;

/// An edit's long text in three languages as a person typed it: Finnish is the source and may be required;
/// a translation left empty is missing. A translation that is unchanged keeps its reviewed flag; one a
/// person wrote is reviewed, because a person of the city wrote it.
pub fn localized_from_input(
    field: &'static str,
    typed: [&str; 3],
    before: Option<&LocalizedText>,
    required: bool,
    errors: &mut FieldErrors,
) -> Option<LocalizedText> {
    let [fi, sv, en] = typed.map(str::trim);
    for (lang, text) in [(Lang::Fi, fi), (Lang::Sv, sv), (Lang::En, en)] {
        if text.chars().count() > LONG_TEXT_LIMIT {
            errors.insert(field_in(field, lang), "staff-error-too-long");
        } else if has_control_characters(text) {
            errors.insert(field_in(field, lang), "staff-error-control");
        }
    }
    if fi.is_empty() {
        if required || !sv.is_empty() || !en.is_empty() {
            errors.insert(field_in(field, Lang::Fi), "staff-error-finnish-required");
        }
        return None;
    }
    let translation = |lang: Lang, text: &str| {
        (!text.is_empty()).then(|| super::Translation {
            text: text.to_owned(),
            reviewed: before
                .and_then(|b| b.translation(lang))
                .is_none_or(|old| old.text != text || old.reviewed),
        })
    };
    Some(LocalizedText {
        fi: fi.to_owned(),
        sv: translation(Lang::Sv, sv),
        en: translation(Lang::En, en),
    })
}

/// Whether a typed text holds characters nobody types and the database may refuse (NUL): control characters
/// other than line breaks and tabs.
pub fn has_control_characters(text: &str) -> bool {
    text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// The form field of one language of a three-language field, e.g. `note_sv`.
pub fn field_in(field: &'static str, lang: Lang) -> &'static str {
    match (field, lang) {
        ("note", Lang::Fi) => "note_fi",
        ("note", Lang::Sv) => "note_sv",
        ("note", Lang::En) => "note_en",
        ("justification", Lang::Fi) => "justification_fi",
        ("justification", Lang::Sv) => "justification_sv",
        ("justification", Lang::En) => "justification_en",
        ("title", Lang::Fi) => "title_fi",
        ("title", Lang::Sv) => "title_sv",
        ("title", Lang::En) => "title_en",
        ("name", Lang::Fi) => "name_fi",
        ("name", Lang::Sv) => "name_sv",
        ("name", Lang::En) => "name_en",
        ("definition", Lang::Fi) => "definition_fi",
        ("definition", Lang::Sv) => "definition_sv",
        ("definition", Lang::En) => "definition_en",
        ("unit", Lang::Fi) => "unit_fi",
        ("unit", Lang::Sv) => "unit_sv",
        ("unit", Lang::En) => "unit_en",
        ("source", Lang::Fi) => "source_fi",
        ("source", Lang::Sv) => "source_sv",
        ("source", Lang::En) => "source_en",
        ("narrative", Lang::Fi) => "narrative_fi",
        ("narrative", Lang::Sv) => "narrative_sv",
        ("narrative", Lang::En) => "narrative_en",
        _ => field,
    }
}

/// A progress report checked field by field; `before` keeps translations' reviewed flags.
pub fn progress_from_input(
    action: ActionId,
    state: &str,
    percent: &str,
    as_of: &str,
    note: [&str; 3],
    before: Option<&ActionProgress>,
) -> Result<ActionProgress, FieldErrors> {
    let mut errors = FieldErrors::new();
    let state = ActionState::parse(state.trim());
    if state.is_none() {
        errors.insert("state", "staff-error-state");
    }
    let percent = match percent.trim() {
        "" => Some(None),
        text => text.parse::<u8>().ok().filter(|p| *p <= 100).map(Some),
    };
    if percent.is_none() {
        errors.insert("percent", "staff-error-percent");
    }
    let as_of = parse_date(as_of);
    if as_of.is_none() {
        errors.insert("as_of", "staff-error-as-of");
    }
    let note = localized_from_input("note", note, before.and_then(|b| b.note.as_ref()), false, &mut errors);
    match (state, percent, as_of) {
        (Some(state), Some(percent), Some(as_of)) if errors.is_empty() => Ok(ActionProgress {
            action,
            state,
            percent,
            as_of,
            note,
            example: false,
        }),
        _ => Err(errors),
    }
}

/// An assessment checked field by field: no grade means the target is not assessed (and then no
/// justification may be given); a grade needs a Finnish justification.
pub fn assessment_from_input(
    grade: &str,
    justification: [&str; 3],
    before: Option<&Assessment>,
) -> Result<Option<Assessment>, FieldErrors> {
    let mut errors = FieldErrors::new();
    let grade = match grade.trim() {
        "" => Some(None),
        text => Grade::parse(text).map(Some),
    };
    if grade.is_none() {
        errors.insert("grade", "staff-error-grade");
    }
    let graded = matches!(grade, Some(Some(_)));
    let justification = localized_from_input(
        "justification",
        justification,
        before.map(|b| &b.justification),
        graded,
        &mut errors,
    );
    if matches!(grade, Some(None)) && justification.is_some() {
        errors.insert("grade", "staff-error-grade-needed");
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(match (grade.flatten(), justification) {
        (Some(grade), Some(justification)) => Some(Assessment { grade, justification }),
        _ => None,
    })
}

/// A date as forms give it: `YYYY-MM-DD`, within the years Tarina keeps.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if !super::cascade::has_full_date_shape(text) {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|d| super::cascade::YEARS.contains(&chrono::Datelike::year(d)))
}

mod definition;
mod target;
mod update;

pub use definition::{definition_from_input, direction_keyword, DefinitionInput, DefinitionItem};
pub use target::{target_from_input, TargetInput, TargetItem, YearStep, LINK_LIMIT, TITLE_LIMIT};
pub use update::{
    is_https_url, update_from_input, ActionUpdate, Evidence, NewUpdate, UpdateInput, UpdateLog, EVIDENCE_LIMIT,
    EVIDENCE_TITLE_FIELDS, EVIDENCE_TITLE_LIMIT, EVIDENCE_URL_FIELDS, EVIDENCE_URL_LIMIT,
};

#[cfg(test)]
mod tests;
