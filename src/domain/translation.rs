//! Translation review: which Swedish and English texts still need a translator, how a text is named outside
//! Tarina (an XLIFF unit's id), and the checks a translation passes before it is stored as reviewed.
//!
//! A text is named by where it is stored, not by a counter: `s:goal:12:title` is a text of the current
//! strategy version, `c:indicator:5:name` one of the city's cascade. The same name survives an export and
//! an import, and an id that names nothing is recognisable as such.

use super::edit::{has_control_characters, LONG_TEXT_LIMIT};
use super::Translation;

/// Where a text is stored: the current strategy version's texts or the city's cascade texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TextScope {
    Strategy,
    Cascade,
}

/// One translatable text's name: its scope and its row's owner and field.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextId {
    pub scope: TextScope,
    pub owner_kind: String,
    pub owner_key: String,
    pub field: String,
}

impl TextId {
    /// Reads an id as [`TextId`]'s `Display` writes it; anything else is `None`.
    pub fn parse(text: &str) -> Option<TextId> {
        let mut parts = text.split(':');
        let scope = match parts.next()? {
            "s" => TextScope::Strategy,
            "c" => TextScope::Cascade,
            _ => return None,
        };
        let (owner_kind, owner_key, field) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || owner_kind.is_empty() || field.is_empty() {
            return None;
        }
        Some(TextId {
            scope,
            owner_kind: owner_kind.to_owned(),
            owner_key: owner_key.to_owned(),
            field: field.to_owned(),
        })
    }
}

impl std::fmt::Display for TextId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let scope = match self.scope {
            TextScope::Strategy => "s",
            TextScope::Cascade => "c",
        };
        write!(f, "{scope}:{}:{}:{}", self.owner_kind, self.owner_key, self.field)
    }
}

/// A Finnish source text with its translation into one language, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translatable {
    pub id: TextId,
    pub source: String,
    pub target: Option<Translation>,
    /// Who reviewed the translation (`user:12`) and when (RFC 3339); `None` when not recorded.
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<String>,
}

/// A translation to store as reviewed. `source` is the Finnish text the translator saw: if it has changed
/// since, the translation is of a text that no longer exists and is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub id: TextId,
    pub source: String,
    pub text: String,
}

/// What is wrong with one translation or with a translation file, as a message key of the UI's language
/// files and the value it names (a language, an element, the parser's words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The unit (text id as the file gave it) the problem is in; `None` for the file as a whole.
    pub unit: Option<String>,
    pub key: &'static str,
    pub value: String,
}

impl Problem {
    pub fn new(unit: Option<&str>, key: &'static str, value: impl Into<String>) -> Problem {
        Problem {
            unit: unit.map(str::to_owned),
            key,
            value: value.into(),
        }
    }
}

/// Checks a translation as typed or as a file gives it: trimmed, not empty, at most [`LONG_TEXT_LIMIT`]
/// characters, no control characters but line breaks and tabs. Returns the text to store or the problem's
/// message key.
pub fn check_translation(text: &str) -> Result<String, &'static str> {
    let text = text.trim();
    if text.is_empty() {
        Err("translations-problem-empty")
    } else if text.chars().count() > LONG_TEXT_LIMIT {
        Err("translations-problem-too-long")
    } else if has_control_characters(text) {
        Err("translations-problem-control")
    } else {
        Ok(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_back_as_written_and_nothing_else_reads() {
        for text in ["s:goal:12:title", "c:indicator:5:name", "s:strategy::vision"] {
            assert_eq!(TextId::parse(text).unwrap().to_string(), text);
        }
        for text in [
            "",
            "x:goal:1:title",
            "s:goal:1",
            "s:goal:1:title:more",
            "s::1:title",
            "s:goal:1:",
        ] {
            assert_eq!(TextId::parse(text), None, "{text}");
        }
    }

    #[test]
    fn translations_are_trimmed_and_checked() {
        assert_eq!(check_translation(" Hej "), Ok("Hej".to_owned()));
        assert_eq!(check_translation("  "), Err("translations-problem-empty"));
        assert_eq!(check_translation("a\u{0}b"), Err("translations-problem-control"));
        let long = "a".repeat(LONG_TEXT_LIMIT + 1);
        assert_eq!(check_translation(&long), Err("translations-problem-too-long"));
    }
}
