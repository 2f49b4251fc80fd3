//! Editing the texts of a draft strategy version: which items carry texts and in what order a strategy lists
//! them, the fields of each, the checks a form's texts pass, and the revision that tells a stale form from a
//! fresh one.
//!
//! An item is named by where its texts are stored (`goal` `15`, `strategy` with no key), the same name in a
//! draft as in the version it was copied from. Texts are edited here; adding, removing, moving, splitting and
//! merging items is [`structure`].

pub mod structure;

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::edit::{has_control_characters, LONG_TEXT_LIMIT};
use super::{Lang, LocalizedText, Strategy, Translation};

/// The kinds of items with texts, in the order a strategy presents them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OwnerKind {
    City,
    Strategy,
    Value,
    Headline,
    Area,
    Goal,
    Action,
    Programme,
    Chapter,
    Section,
    Event,
}

impl OwnerKind {
    pub const ALL: [OwnerKind; 11] = [
        OwnerKind::City,
        OwnerKind::Strategy,
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

    /// The kind as the `texts` table's `owner_kind` names it.
    pub fn as_str(self) -> &'static str {
        match self {
            OwnerKind::City => "city",
            OwnerKind::Strategy => "strategy",
            OwnerKind::Value => "value",
            OwnerKind::Headline => "headline",
            OwnerKind::Area => "area",
            OwnerKind::Goal => "goal",
            OwnerKind::Action => "action",
            OwnerKind::Programme => "programme",
            OwnerKind::Chapter => "chapter",
            OwnerKind::Section => "section",
            OwnerKind::Event => "event",
        }
    }

    pub fn parse(text: &str) -> Option<OwnerKind> {
        OwnerKind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    /// The fields an item of this kind may have, in the order a form shows them. The strategy's decision
    /// body (`approved_by`) is not among them: approving the version sets it.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            OwnerKind::City => &["name"],
            OwnerKind::Strategy => &[
                "title",
                "tagline",
                "vision",
                "council_goals_intro",
                "programmes_intro",
                "source",
            ],
            OwnerKind::Value | OwnerKind::Programme => &["name", "description"],
            OwnerKind::Headline => &["text"],
            OwnerKind::Area => &["name", "aim"],
            OwnerKind::Goal | OwnerKind::Action => &["title"],
            OwnerKind::Chapter | OwnerKind::Section => &["title", "body"],
            OwnerKind::Event => &["title", "when"],
        }
    }

    /// Whether items of this kind have no key of their own (one per version).
    pub fn is_single(self) -> bool {
        matches!(self, OwnerKind::City | OwnerKind::Strategy)
    }
}

/// Which item: its kind and its key (empty for the city and the strategy).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemKey {
    pub kind: OwnerKind,
    pub key: String,
}

/// How an empty key is written in a path, where an empty segment would not do.
pub const NO_KEY: &str = "-";

impl ItemKey {
    /// An item as a path names it (`goal`, `15`; `strategy`, `-`); `None` for anything else.
    pub fn from_path(kind: &str, key: &str) -> Option<ItemKey> {
        let kind = OwnerKind::parse(kind)?;
        let key = match (kind.is_single(), key) {
            (true, NO_KEY) => String::new(),
            (false, key) if !key.is_empty() && key != NO_KEY => key.to_owned(),
            _ => return None,
        };
        Some(ItemKey { kind, key })
    }

    /// The key as a path writes it.
    pub fn path_key(&self) -> &str {
        if self.key.is_empty() {
            NO_KEY
        } else {
            &self.key
        }
    }

    /// The item as the audit log names it, e.g. `text:1.2:goal:15`.
    pub fn subject(&self, label: &str) -> String {
        format!("text:{label}:{}:{}", self.kind.as_str(), self.key)
    }
}

/// One stored text row of an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredText {
    pub field: String,
    pub lang: Lang,
    pub body: String,
    pub reviewed: bool,
}

/// An item's texts: each of its fields, in its kind's order, in three languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemTexts {
    pub key: ItemKey,
    pub fields: Vec<(&'static str, LocalizedText)>,
}

impl ItemTexts {
    /// The item from its stored rows. Only the kind's fields that have a Finnish text are kept, so a row of
    /// another field (the decision body) is neither shown nor written.
    pub fn from_rows(key: ItemKey, rows: &[StoredText]) -> ItemTexts {
        let fields = key
            .kind
            .fields()
            .iter()
            .filter_map(|&field| {
                let of = |lang: Lang| rows.iter().find(|r| r.field == field && r.lang == lang);
                let fi = of(Lang::Fi)?;
                let translation = |lang| {
                    of(lang).map(|r| Translation {
                        text: r.body.clone(),
                        reviewed: r.reviewed,
                    })
                };
                let text = LocalizedText {
                    fi: fi.body.clone(),
                    sv: translation(Lang::Sv),
                    en: translation(Lang::En),
                };
                Some((field, text))
            })
            .collect();
        ItemTexts { key, fields }
    }

    /// The item's text rows: Finnish (reviewed, as every Finnish row is) and the translations it has.
    pub fn rows(&self) -> Vec<StoredText> {
        let mut rows = Vec::new();
        for (field, text) in &self.fields {
            let mut push = |lang, body: &str, reviewed| {
                rows.push(StoredText {
                    field: (*field).to_owned(),
                    lang,
                    body: body.to_owned(),
                    reviewed,
                })
            };
            push(Lang::Fi, &text.fi, true);
            for lang in Lang::TRANSLATIONS {
                if let Some(t) = text.translation(lang) {
                    push(lang, &t.text, t.reviewed);
                }
            }
        }
        rows
    }

    /// The texts as the audit log keeps them: a JSON object of fields, each with its languages.
    pub fn to_json(&self) -> Value {
        let mut object = Map::new();
        for (field, text) in &self.fields {
            let mut languages = Map::new();
            languages.insert("fi".into(), Value::String(text.fi.clone()));
            for lang in Lang::TRANSLATIONS {
                if let Some(t) = text.translation(lang) {
                    languages.insert(lang.code().into(), json!({ "text": t.text, "reviewed": t.reviewed }));
                }
            }
            object.insert((*field).to_owned(), Value::Object(languages));
        }
        Value::Object(object)
    }

    /// A hash of the item's texts as stored: another save of any of them gives another revision.
    pub fn revision(&self) -> String {
        format!(
            "{:016x}",
            xxhash_rust::xxh3::xxh3_64(self.to_json().to_string().as_bytes())
        )
    }

    /// Whether any translation of the item is missing or not reviewed, in `lang`.
    pub fn lacks(&self, lang: Lang) -> (bool, bool) {
        let missing = self.fields.iter().any(|(_, t)| t.translation(lang).is_none());
        let unreviewed = self
            .fields
            .iter()
            .any(|(_, t)| t.translation(lang).is_some_and(|t| !t.reviewed));
        (missing, unreviewed)
    }
}

/// Every item of a version with texts, in the order the strategy presents them: the city, the strategy's
/// own texts, values, headline goals, areas, goals, actions, programmes, chapters, sections, events.
pub fn items(s: &Strategy) -> Vec<ItemTexts> {
    let item = |kind: OwnerKind, key: String, fields: Vec<(&'static str, &LocalizedText)>| ItemTexts {
        key: ItemKey { kind, key },
        fields: fields.into_iter().map(|(f, t)| (f, t.clone())).collect(),
    };
    let mut all = vec![
        item(OwnerKind::City, String::new(), vec![("name", &s.city.name)]),
        item(
            OwnerKind::Strategy,
            String::new(),
            vec![
                ("title", &s.title),
                ("tagline", &s.tagline),
                ("vision", &s.vision),
                ("council_goals_intro", &s.council_goals_intro),
                ("programmes_intro", &s.programmes_intro),
                ("source", &s.source),
            ],
        ),
    ];
    for v in &s.values {
        let fields = vec![("name", &v.name), ("description", &v.description)];
        all.push(item(OwnerKind::Value, v.slug.to_string(), fields));
    }
    for (i, h) in s.headline_goals.iter().enumerate() {
        all.push(item(OwnerKind::Headline, i.to_string(), vec![("text", &h.text)]));
    }
    for a in &s.areas {
        let fields = vec![("name", &a.name), ("aim", &a.aim)];
        all.push(item(OwnerKind::Area, a.id.to_string(), fields));
    }
    let goals = s.areas.iter().flat_map(|a| &a.goals);
    for g in goals.clone() {
        all.push(item(OwnerKind::Goal, g.id.to_string(), vec![("title", &g.title)]));
    }
    for action in goals.flat_map(|g| &g.actions) {
        all.push(item(
            OwnerKind::Action,
            action.id.to_string(),
            vec![("title", &action.title)],
        ));
    }
    for p in &s.programmes {
        let fields = vec![("name", &p.name), ("description", &p.description)];
        all.push(item(OwnerKind::Programme, p.id.to_string(), fields));
    }
    for c in &s.narrative {
        let mut fields = vec![("title", &c.title)];
        fields.extend(c.body.as_ref().map(|b| ("body", b)));
        all.push(item(OwnerKind::Chapter, c.slug.to_string(), fields));
    }
    for sec in s.narrative.iter().flat_map(|c| &c.sections) {
        let fields = vec![("title", &sec.title), ("body", &sec.body)];
        all.push(item(OwnerKind::Section, sec.slug.to_string(), fields));
    }
    for e in &s.timeline {
        let fields = vec![("title", &e.title), ("when", &e.when)];
        all.push(item(OwnerKind::Event, e.slug.to_string(), fields));
    }
    all
}

/// The form field of one language of an item's field, e.g. `title_sv`; its reviewed box adds `_reviewed`.
pub fn input_name(field: &str, lang: Lang) -> String {
    format!("{field}_{}", lang.code())
}

pub fn reviewed_name(field: &str, lang: Lang) -> String {
    format!("{}_reviewed", input_name(field, lang))
}

/// What was wrong with the form's texts: the input's name and a message key of the UI's language files.
pub type TextErrors = BTreeMap<String, &'static str>;

/// The item's texts as a form gives them (`inputs` by [`input_name`] and [`reviewed_name`]), checked:
/// every field `before` has keeps a Finnish text, trimmed (unless only the whitespace around it changed), not
/// empty; every text at most
/// [`LONG_TEXT_LIMIT`] characters without control characters but line breaks and tabs; an empty
/// translation is missing; a translation is reviewed only when its box is ticked. Line breaks are stored as
/// `\n`, whatever the browser sent.
pub fn check_texts(before: &ItemTexts, inputs: &BTreeMap<String, String>) -> Result<ItemTexts, TextErrors> {
    let mut errors = TextErrors::new();
    let mut fields = Vec::new();
    for (field, stored) in &before.fields {
        let mut typed = |lang: Lang| {
            let name = input_name(field, lang);
            let text = inputs.get(&name).map_or("", String::as_str).replace("\r\n", "\n");
            // A text that differs from the stored one only around it (a data file's final line break) stays
            // as stored, so a form saved as drawn changes nothing.
            let text = match stored.get(lang) {
                Some(old) if old.trim() == text.trim() => old.to_owned(),
                _ => text.trim().to_owned(),
            };
            if lang == Lang::Fi && text.trim().is_empty() {
                errors.insert(name, "staff-error-finnish-required");
            } else if text.chars().count() > LONG_TEXT_LIMIT {
                errors.insert(name, "staff-error-too-long");
            } else if has_control_characters(&text) {
                errors.insert(name, "staff-error-control");
            }
            text
        };
        let fi = typed(Lang::Fi);
        let [sv, en] = [Lang::Sv, Lang::En].map(|lang| {
            let text = typed(lang);
            let reviewed = inputs.contains_key(&reviewed_name(field, lang));
            (!text.is_empty()).then_some(Translation { text, reviewed })
        });
        fields.push((*field, LocalizedText { fi, sv, en }));
    }
    if errors.is_empty() {
        Ok(ItemTexts {
            key: before.key.clone(),
            fields,
        })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests;
