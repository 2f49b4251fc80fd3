//! A survey's definition as JSON: how the bundled surveys are written (`data/surveys/`), how the store keeps
//! them and, later, what the staff survey builder edits. Reading one checks every rule of a survey, so a
//! [`Survey`] in memory is always a valid one.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Choice, Condition, Page, Question, QuestionKind, ResultsAudience, Survey};
use crate::domain::{GoalId, Lang, LocalizedText, Slug, Translation};

/// The longest free text a question may allow, in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("the survey definition is not valid: {0}")]
pub struct DefinitionError(String);

fn invalid(message: impl Into<String>) -> DefinitionError {
    DefinitionError(message.into())
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SurveyJson {
    slug: String,
    title: TextJson,
    intro: TextJson,
    privacy: TextJson,
    #[serde(default)]
    opens: Option<DateTime<Utc>>,
    #[serde(default)]
    closes: Option<DateTime<Utc>>,
    results: AudienceJson,
    #[serde(default)]
    goals: Vec<u32>,
    #[serde(default)]
    external_posts: bool,
    pages: Vec<PageJson>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum AudienceJson {
    Public,
    Staff,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PageJson {
    questions: Vec<QuestionJson>,
}

#[derive(Serialize, Deserialize)]
struct QuestionJson {
    key: String,
    text: TextJson,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    help: Option<TextJson>,
    #[serde(flatten)]
    kind: KindJson,
    #[serde(default)]
    required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    show_if: Option<ConditionJson>,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum KindJson {
    Single { choices: Vec<ChoiceJson> },
    Multiple { choices: Vec<ChoiceJson> },
    Scale5,
    Nps,
    Number { min: f64, max: f64 },
    Date,
    Text { max_chars: usize },
    Region,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChoiceJson {
    key: String,
    label: TextJson,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConditionJson {
    question: String,
    value: String,
}

/// A text in three languages; `reviewed` says whether the city has reviewed the translations.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TextJson {
    fi: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sv: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    en: Option<String>,
    #[serde(default)]
    reviewed: bool,
}

impl Survey {
    /// Reads and checks a definition.
    pub fn from_json(text: &str) -> Result<Survey, DefinitionError> {
        let json: SurveyJson = serde_json::from_str(text).map_err(|e| invalid(e.to_string()))?;
        let survey = Survey {
            slug: slug(&json.slug, "the survey's slug")?,
            title: text_of(json.title, "title")?,
            intro: text_of(json.intro, "intro")?,
            privacy: text_of(json.privacy, "privacy")?,
            opens: json.opens,
            closes: json.closes,
            results: match json.results {
                AudienceJson::Public => ResultsAudience::Public,
                AudienceJson::Staff => ResultsAudience::Staff,
            },
            goals: (json.goals.into_iter())
                .map(|id| GoalId::new(id).map_err(|_| invalid(format!("{id} is no goal id"))))
                .collect::<Result<_, _>>()?,
            external_posts: json.external_posts,
            pages: (json.pages.into_iter())
                .map(|p| {
                    Ok(Page {
                        questions: p.questions.into_iter().map(question).collect::<Result<_, _>>()?,
                    })
                })
                .collect::<Result<_, DefinitionError>>()?,
        };
        check(&survey)?;
        Ok(survey)
    }

    /// The definition as JSON, read back by [`Survey::from_json`].
    pub fn to_json(&self) -> String {
        let json = SurveyJson {
            slug: self.slug.to_string(),
            title: text_json(&self.title),
            intro: text_json(&self.intro),
            privacy: text_json(&self.privacy),
            opens: self.opens,
            closes: self.closes,
            results: match self.results {
                ResultsAudience::Public => AudienceJson::Public,
                ResultsAudience::Staff => AudienceJson::Staff,
            },
            goals: self.goals.iter().map(|g| g.get()).collect(),
            external_posts: self.external_posts,
            pages: (self.pages.iter())
                .map(|p| PageJson {
                    questions: p.questions.iter().map(question_json).collect(),
                })
                .collect(),
        };
        serde_json::to_string(&json).expect("a survey definition serialises")
    }
}

fn slug(text: &str, what: &str) -> Result<Slug, DefinitionError> {
    Slug::parse(text).map_err(|_| invalid(format!("{what} {text:?} is not a slug (a-z, 0-9 and single dashes)")))
}

fn text_of(json: TextJson, what: &str) -> Result<LocalizedText, DefinitionError> {
    if json.fi.trim().is_empty() {
        return Err(invalid(format!("the {what} needs a Finnish text")));
    }
    let translation = |text: Option<String>| {
        (text.filter(|t| !t.trim().is_empty())).map(|text| Translation {
            text,
            reviewed: json.reviewed,
        })
    };
    Ok(LocalizedText {
        sv: translation(json.sv),
        en: translation(json.en),
        fi: json.fi,
    })
}

fn text_json(text: &LocalizedText) -> TextJson {
    TextJson {
        fi: text.fi.clone(),
        sv: text.get(Lang::Sv).map(str::to_owned),
        en: text.get(Lang::En).map(str::to_owned),
        reviewed: Lang::TRANSLATIONS
            .into_iter()
            .filter_map(|l| text.translation(l))
            .all(|t| t.reviewed),
    }
}

fn question(json: QuestionJson) -> Result<Question, DefinitionError> {
    let key = slug(&json.key, "a question's key")?;
    let choices = |list: Vec<ChoiceJson>| -> Result<Vec<Choice>, DefinitionError> {
        list.into_iter()
            .map(|c| {
                Ok(Choice {
                    key: slug(&c.key, "a choice's key")?,
                    label: text_of(c.label, "choice")?,
                })
            })
            .collect()
    };
    let kind = match json.kind {
        KindJson::Single { choices: list } => QuestionKind::Single(choices(list)?),
        KindJson::Multiple { choices: list } => QuestionKind::Multiple(choices(list)?),
        KindJson::Scale5 => QuestionKind::Scale5,
        KindJson::Nps => QuestionKind::Nps,
        KindJson::Number { min, max } => QuestionKind::Number { min, max },
        KindJson::Date => QuestionKind::Date,
        KindJson::Text { max_chars } => QuestionKind::Text { max_chars },
        KindJson::Region => QuestionKind::Region,
    };
    Ok(Question {
        text: text_of(json.text, &format!("question {key}"))?,
        help: json.help.map(|h| text_of(h, "help")).transpose()?,
        kind,
        required: json.required,
        show_if: (json.show_if)
            .map(|c| {
                Ok::<_, DefinitionError>(Condition {
                    question: slug(&c.question, "a condition's question")?,
                    value: c.value,
                })
            })
            .transpose()?,
        key,
    })
}

fn question_json(question: &Question) -> QuestionJson {
    let choices = |list: &[Choice]| {
        list.iter()
            .map(|c| ChoiceJson {
                key: c.key.to_string(),
                label: text_json(&c.label),
            })
            .collect()
    };
    QuestionJson {
        key: question.key.to_string(),
        text: text_json(&question.text),
        help: question.help.as_ref().map(text_json),
        kind: match &question.kind {
            QuestionKind::Single(list) => KindJson::Single { choices: choices(list) },
            QuestionKind::Multiple(list) => KindJson::Multiple { choices: choices(list) },
            QuestionKind::Scale5 => KindJson::Scale5,
            QuestionKind::Nps => KindJson::Nps,
            QuestionKind::Number { min, max } => KindJson::Number { min: *min, max: *max },
            QuestionKind::Date => KindJson::Date,
            QuestionKind::Text { max_chars } => KindJson::Text { max_chars: *max_chars },
            QuestionKind::Region => KindJson::Region,
        },
        required: question.required,
        show_if: question.show_if.as_ref().map(|c| ConditionJson {
            question: c.question.to_string(),
            value: c.value.clone(),
        }),
    }
}

/// The rules a survey keeps: pages with questions, keys unique, choices to choose from, sensible bounds, and
/// conditions on an earlier page's question with a value it can have.
fn check(survey: &Survey) -> Result<(), DefinitionError> {
    if survey.pages.is_empty() || survey.pages.iter().any(|p| p.questions.is_empty()) {
        return Err(invalid("a survey needs pages, and every page a question"));
    }
    if let (Some(opens), Some(closes)) = (survey.opens, survey.closes) {
        if opens >= closes {
            return Err(invalid("a survey must open before it closes"));
        }
    }
    let mut earlier: Vec<&Question> = Vec::new();
    let mut keys = BTreeSet::new();
    for page in &survey.pages {
        for q in &page.questions {
            if !keys.insert(q.key.as_str()) {
                return Err(invalid(format!("two questions have the key {}", q.key)));
            }
            check_kind(q)?;
            if let Some(condition) = &q.show_if {
                let target = (earlier.iter())
                    .find(|e| e.key == condition.question)
                    .ok_or_else(|| invalid(format!("question {} depends on no question of an earlier page", q.key)))?;
                if !possible(target, &condition.value) {
                    return Err(invalid(format!(
                        "question {} depends on {} being {:?}, which it cannot be",
                        q.key, target.key, condition.value
                    )));
                }
            }
        }
        earlier.extend(page.questions.iter());
    }
    Ok(())
}

fn check_kind(q: &Question) -> Result<(), DefinitionError> {
    match &q.kind {
        QuestionKind::Single(choices) | QuestionKind::Multiple(choices) => {
            let unique: BTreeSet<&str> = choices.iter().map(|c| c.key.as_str()).collect();
            if choices.len() < 2 || unique.len() != choices.len() {
                return Err(invalid(format!(
                    "question {} needs two or more choices with unique keys",
                    q.key
                )));
            }
        }
        QuestionKind::Number { min, max } if !(min.is_finite() && max.is_finite() && min <= max) => {
            return Err(invalid(format!(
                "question {} needs finite bounds, the lower first",
                q.key
            )));
        }
        QuestionKind::Text { max_chars } if !(1..=MAX_TEXT_CHARS).contains(max_chars) => {
            return Err(invalid(format!(
                "question {} may allow 1 to {MAX_TEXT_CHARS} characters",
                q.key
            )));
        }
        _ => {}
    }
    Ok(())
}

/// Whether an answer to `question` can be `value`, as a condition names it.
fn possible(question: &Question, value: &str) -> bool {
    match &question.kind {
        QuestionKind::Single(choices) | QuestionKind::Multiple(choices) => {
            choices.iter().any(|c| c.key.as_str() == value)
        }
        QuestionKind::Scale5 => matches!(value.parse::<u8>(), Ok(1..=5)),
        QuestionKind::Nps => matches!(value.parse::<u8>(), Ok(0..=10)),
        QuestionKind::Region => Slug::parse(value).is_ok(),
        QuestionKind::Number { .. } | QuestionKind::Date | QuestionKind::Text { .. } => false,
    }
}
