//! Surveys that residents answer: a survey's definition (pages of questions in three languages, when it is
//! open, whether its results are public, the goals it informs), the checking of a submitted form into typed
//! answers ([`answer`]), receipt codes ([`receipt`]) and the results computed from counts alone ([`results`]).
//! Plain Rust without I/O: the clock and the random numbers are handed in.

pub mod answer;
pub mod definition;
pub mod receipt;
pub mod results;
#[cfg(test)]
mod tests;

use chrono::{DateTime, Utc};

use super::{GoalId, LocalizedText, Slug};

pub use answer::{Answer, Answers, Problem, ProblemKind};
pub use receipt::ReceiptCode;

/// A survey as staff defined it.
#[derive(Debug, Clone, PartialEq)]
pub struct Survey {
    /// Its address (`/fi/kyselyt/{slug}`), the same in every language.
    pub slug: Slug,
    pub title: LocalizedText,
    /// What the survey is for, shown above the first page.
    pub intro: LocalizedText,
    /// Who keeps the answers, for what and for how long: shown with the form.
    pub privacy: LocalizedText,
    /// At least one page; each at least one question.
    pub pages: Vec<Page>,
    /// Answers are taken from this moment on; `None`: from its creation.
    pub opens: Option<DateTime<Utc>>,
    /// No answers are taken from this moment on; `None`: open until staff close it.
    pub closes: Option<DateTime<Utc>>,
    pub results: ResultsAudience,
    /// The goals of the strategy whose follow-up the survey informs.
    pub goals: Vec<GoalId>,
    /// Whether a plain HTML form on another site (a service's own page) may post to it. Such a form cannot
    /// carry the signed start time this site's form has, so the minimum fill time cannot be checked for it;
    /// the honeypot and the per-address rate limit still are. Customer-satisfaction surveys want this on.
    pub external_posts: bool,
}

/// One page of the form; the resident moves page by page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Stable within the survey: answers and counts are kept by it.
    pub key: Slug,
    pub text: LocalizedText,
    /// A longer explanation under the question, if any.
    pub help: Option<LocalizedText>,
    pub kind: QuestionKind,
    pub required: bool,
    /// Shown (and its answer taken) only when an earlier page's question was answered so.
    pub show_if: Option<Condition>,
}

/// "Show this question if question `question` was answered `value`" (a choice key, a scale value, a
/// region): for a multiple-choice question, if `value` was among the choices made. The question must be on an
/// earlier page, so the form knows without scripts whether to show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub question: Slug,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum QuestionKind {
    /// One of the choices.
    Single(Vec<Choice>),
    /// Any of the choices.
    Multiple(Vec<Choice>),
    /// 1 (very dissatisfied) to 5 (very satisfied): customer satisfaction (CSAT).
    Scale5,
    /// 0 to 10, "how likely would you recommend": the Net Promoter Score.
    Nps,
    /// A number between the bounds, inclusive.
    Number { min: f64, max: f64 },
    /// A day (YYYY-MM-DD).
    Date,
    /// Free text of at most `max_chars` characters.
    Text { max_chars: usize },
    /// One of the city's regions (their slugs, from the cascade).
    Region,
}

impl QuestionKind {
    /// The kind as the definition and the API name it.
    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::Single(_) => "single",
            QuestionKind::Multiple(_) => "multiple",
            QuestionKind::Scale5 => "scale5",
            QuestionKind::Nps => "nps",
            QuestionKind::Number { .. } => "number",
            QuestionKind::Date => "date",
            QuestionKind::Text { .. } => "text",
            QuestionKind::Region => "region",
        }
    }
}

/// A choice with a key that stays when its wording is edited, so earlier answers keep their meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub key: Slug,
    pub label: LocalizedText,
}

/// Who may see a survey's results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsAudience {
    Public,
    Staff,
}

/// Whether a survey takes answers at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    /// Not yet: it opens then.
    Upcoming(DateTime<Utc>),
    Open,
    /// No longer: it closed then.
    Closed(DateTime<Utc>),
}

impl Survey {
    pub fn availability(&self, now: DateTime<Utc>) -> Availability {
        match (self.opens, self.closes) {
            (Some(opens), _) if now < opens => Availability::Upcoming(opens),
            (_, Some(closes)) if now >= closes => Availability::Closed(closes),
            _ => Availability::Open,
        }
    }

    /// Every question, page by page.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.pages.iter().flat_map(|p| p.questions.iter())
    }

    /// Whether `question` is shown, given the answers to earlier pages.
    pub fn shown(&self, question: &Question, answers: &Answers) -> bool {
        question.show_if.as_ref().is_none_or(|condition| {
            answers
                .get(condition.question.as_str())
                .is_some_and(|a| a.matches(&condition.value))
        })
    }

    /// The index of the first page from `from` on that shows at least one question, given the answers so far;
    /// `None` when no later page has anything to ask.
    pub fn next_page(&self, from: usize, answers: &Answers) -> Option<usize> {
        (from..self.pages.len()).find(|&i| self.pages[i].questions.iter().any(|q| self.shown(q, answers)))
    }
}
