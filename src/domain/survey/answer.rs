//! A submitted form checked against its survey: typed answers, or every problem at its question. The form's
//! own shape (field names, hidden fields, the honeypot) is the HTTP side's; this sees the values per question.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Question, QuestionKind, Survey};

/// The answers of one submission by question key. Questions left empty or hidden have none.
pub type Answers = BTreeMap<String, Answer>;

/// What a resident typed, per question key, as the form sent it (a multiple-choice question sends several).
pub type Submitted = BTreeMap<String, Vec<String>>;

/// One question's answer, checked.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Choice(String),
    Choices(Vec<String>),
    /// 1–5, or 0–10 for the NPS question.
    Scale(u8),
    Number(f64),
    Date(NaiveDate),
    Text(String),
    /// A region's slug.
    Region(String),
}

impl Answer {
    /// Whether a condition naming `value` holds for this answer.
    pub fn matches(&self, value: &str) -> bool {
        match self {
            Answer::Choice(key) | Answer::Region(key) => key == value,
            Answer::Choices(keys) => keys.iter().any(|k| k == value),
            Answer::Scale(n) => n.to_string() == value,
            Answer::Number(_) | Answer::Date(_) | Answer::Text(_) => false,
        }
    }

    /// The values the results count for this answer: the choice, the scale point, the region. Numbers, days and
    /// free texts are counted as answered only (the value `""`): their distributions are not counts. A
    /// multiple-choice answer counts each choice made and also `""`, since its choices do not add up to the
    /// number of residents who answered.
    pub fn counted(&self) -> Vec<String> {
        match self {
            Answer::Choice(key) | Answer::Region(key) => vec![key.clone()],
            Answer::Choices(keys) => keys.iter().cloned().chain([String::new()]).collect(),
            Answer::Scale(n) => vec![n.to_string()],
            Answer::Number(_) | Answer::Date(_) | Answer::Text(_) => vec![String::new()],
        }
    }
}

/// Why a question's answer was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub question: String,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// A required question was left empty.
    Required,
    /// A value the question does not offer (a choice, a scale point, a region).
    UnknownChoice,
    /// Several values for a question that takes one.
    OneOnly,
    NotANumber,
    /// A number outside the question's bounds.
    OutOfRange {
        min: String,
        max: String,
    },
    NotADate,
    /// Longer than the question takes, in characters.
    TooLong {
        max: usize,
    },
    /// Characters that are no text (control characters other than line breaks and tabs).
    ControlCharacters,
}

impl ProblemKind {
    /// The UI message that explains it (`survey-problem-…`).
    pub fn message_key(&self) -> &'static str {
        match self {
            ProblemKind::Required => "survey-problem-required",
            ProblemKind::UnknownChoice => "survey-problem-unknown-choice",
            ProblemKind::OneOnly => "survey-problem-one-only",
            ProblemKind::NotANumber => "survey-problem-not-a-number",
            ProblemKind::OutOfRange { .. } => "survey-problem-out-of-range",
            ProblemKind::NotADate => "survey-problem-not-a-date",
            ProblemKind::TooLong { .. } => "survey-problem-too-long",
            ProblemKind::ControlCharacters => "survey-problem-control-characters",
        }
    }
}

/// No value of any question may be longer than this many bytes, whatever the question allows: it bounds the
/// work a crafted post can cause before the question's own limit is checked.
pub const MAX_VALUE_BYTES: usize = 16 * 1024;

/// Checks the questions of the first `pages` pages against what was submitted: the answers of the questions
/// shown, or every problem found. A question is shown unless its condition on an earlier page's answer fails;
/// what was sent for a hidden question is ignored. `regions` are the slugs a region question accepts.
pub fn check(
    survey: &Survey,
    submitted: &Submitted,
    pages: usize,
    regions: &[String],
) -> Result<Answers, Vec<Problem>> {
    let mut answers = Answers::new();
    let mut problems = Vec::new();
    for page in survey.pages.iter().take(pages) {
        for question in &page.questions {
            if !survey.shown(question, &answers) {
                continue;
            }
            let values: Vec<&str> = submitted
                .get(question.key.as_str())
                .into_iter()
                .flatten()
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .collect();
            match check_one(question, &values, regions) {
                Ok(Some(answer)) => {
                    answers.insert(question.key.to_string(), answer);
                }
                Ok(None) if question.required => problems.push(problem(question, ProblemKind::Required)),
                Ok(None) => {}
                Err(kind) => problems.push(problem(question, kind)),
            }
        }
    }
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(problems)
    }
}

fn problem(question: &Question, kind: ProblemKind) -> Problem {
    Problem {
        question: question.key.to_string(),
        kind,
    }
}

/// One question's values (trimmed, empty ones dropped): its answer, `None` when there is none.
fn check_one(question: &Question, values: &[&str], regions: &[String]) -> Result<Option<Answer>, ProblemKind> {
    if let Some(max) = values.iter().map(|v| v.len()).max() {
        if max > MAX_VALUE_BYTES {
            return Err(ProblemKind::TooLong {
                max: match question.kind {
                    QuestionKind::Text { max_chars } => max_chars,
                    _ => MAX_VALUE_BYTES,
                },
            });
        }
    }
    if let QuestionKind::Multiple(choices) = &question.kind {
        let mut keys: Vec<String> = Vec::new();
        for value in values {
            if !choices.iter().any(|c| c.key.as_str() == *value) {
                return Err(ProblemKind::UnknownChoice);
            }
            if !keys.iter().any(|k| k == value) {
                keys.push((*value).to_owned());
            }
        }
        // In the order the survey lists them, so the same choices are always stored alike.
        keys.sort_by_key(|k| choices.iter().position(|c| c.key.as_str() == k));
        return Ok((!keys.is_empty()).then_some(Answer::Choices(keys)));
    }
    let value = match values {
        [] => return Ok(None),
        [one] => *one,
        _ => return Err(ProblemKind::OneOnly),
    };
    let answer = match &question.kind {
        QuestionKind::Single(choices) => {
            choices
                .iter()
                .find(|c| c.key.as_str() == value)
                .ok_or(ProblemKind::UnknownChoice)?;
            Answer::Choice(value.to_owned())
        }
        QuestionKind::Multiple(_) => unreachable!("handled above"),
        QuestionKind::Scale5 => Answer::Scale(scale(value, 1..=5)?),
        QuestionKind::Nps => Answer::Scale(scale(value, 0..=10)?),
        QuestionKind::Number { min, max } => {
            let number = number(value).ok_or(ProblemKind::NotANumber)?;
            if number < *min || number > *max {
                return Err(ProblemKind::OutOfRange {
                    min: min.to_string(),
                    max: max.to_string(),
                });
            }
            Answer::Number(number)
        }
        QuestionKind::Date => Answer::Date(day(value).ok_or(ProblemKind::NotADate)?),
        QuestionKind::Text { max_chars } => Answer::Text(text(value, *max_chars)?),
        QuestionKind::Region => {
            if !regions.iter().any(|r| r == value) {
                return Err(ProblemKind::UnknownChoice);
            }
            Answer::Region(value.to_owned())
        }
    };
    Ok(Some(answer))
}

/// A point of a scale, written as a plain whole number.
fn scale(value: &str, range: std::ops::RangeInclusive<u8>) -> Result<u8, ProblemKind> {
    let plain = value.len() <= 2 && value.bytes().all(|b| b.is_ascii_digit());
    plain
        .then(|| value.parse::<u8>().ok())
        .flatten()
        .filter(|n| range.contains(n))
        .ok_or(ProblemKind::UnknownChoice)
}

/// A number as residents write it: a comma or a point for decimals, spaces (also no-break ones) between
/// digit groups, a minus or the typographic minus sign.
fn number(value: &str) -> Option<f64> {
    let cleaned: String = value
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| match c {
            ',' => '.',
            '−' => '-',
            other => other,
        })
        .collect();
    let plain = !cleaned.is_empty()
        && cleaned.len() <= 32
        && cleaned.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
    plain
        .then(|| cleaned.parse::<f64>().ok())
        .flatten()
        .filter(|n| n.is_finite())
}

/// A day as `2026-03-31` (what a date input sends) or `31.3.2026` (as Finns and Swedes write it by hand).
fn day(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(value, "%d.%m.%Y"))
        .ok()
}

/// Free text with Windows line breaks made plain; control characters other than line breaks and tabs refused.
fn text(value: &str, max_chars: usize) -> Result<String, ProblemKind> {
    let text = value.replace("\r\n", "\n").replace('\r', "\n");
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(ProblemKind::ControlCharacters);
    }
    if text.chars().count() > max_chars {
        return Err(ProblemKind::TooLong { max: max_chars });
    }
    Ok(text)
}
