//! Surveys and their answers. An answer is one row, written in the same transaction as the counts it adds to
//! ([`crate::domain::survey::results::Count`]), so the results read counts and never the answers. None of this
//! takes a data version or adds to the change feed: answers are no published content, and a burst of them must
//! cost the servers' snapshots nothing.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::StoreResult;
use crate::domain::survey::results::Count;
use crate::domain::survey::{Answer, Answers, ReceiptCode, Survey};
use crate::domain::Lang;

/// One submission to keep.
#[derive(Debug, Clone)]
pub struct NewAnswer<'a> {
    pub survey: &'a str,
    pub receipt: &'a ReceiptCode,
    pub lang: Lang,
    pub answers: &'a Answers,
    /// A sample answer loaded by command, never a resident's.
    pub example: bool,
    pub at: DateTime<Utc>,
}

#[async_trait]
pub trait Surveys: Send + Sync + 'static {
    /// Adds `survey` unless the city already has one with its slug; whether it was added. The bundled surveys
    /// are added so on every start, which leaves a survey staff have since changed alone.
    async fn add_survey(&self, city: &str, survey: &Survey, now: DateTime<Utc>) -> StoreResult<bool>;

    /// The city's surveys, by slug.
    async fn surveys(&self, city: &str) -> StoreResult<Vec<Survey>>;

    /// One survey by its slug; `None` when the city has none.
    async fn survey(&self, city: &str, slug: &str) -> StoreResult<Option<Survey>>;

    /// Keeps a submission and adds it to its survey's counts, all in one transaction: once this returns, the
    /// answer is committed. `NotFound` when the survey does not exist; `Conflict` when the receipt code is taken.
    async fn record_answer(&self, city: &str, answer: &NewAnswer<'_>) -> StoreResult<()>;

    /// Every count of a survey (empty when it has no answers yet); `NotFound` when the survey does not exist.
    async fn survey_counts(&self, city: &str, slug: &str) -> StoreResult<Vec<Count>>;

    /// The key that signs survey forms, shared by every server: the stored one, or `candidate` stored now
    /// when there is none yet.
    async fn survey_form_key(&self, candidate: &str) -> StoreResult<String>;
}

/// Answers as stored: `{question key: value}`, each value in the plainest JSON (a choice's key, a list of keys,
/// a number, a day as `YYYY-MM-DD`, a text). The survey's definition says which is which.
pub fn answers_json(answers: &Answers) -> String {
    let object: serde_json::Map<String, Value> = answers
        .iter()
        .map(|(key, answer)| {
            let value = match answer {
                Answer::Choice(k) | Answer::Region(k) | Answer::Text(k) => json!(k),
                Answer::Choices(keys) => json!(keys),
                Answer::Scale(n) => json!(n),
                Answer::Number(n) => json!(n),
                Answer::Date(day) => json!(day.to_string()),
            };
            (key.clone(), value)
        })
        .collect();
    Value::Object(object).to_string()
}

/// The counts an answer adds to, merged so that each key appears once (PostgreSQL refuses to update one row
/// twice in a statement) and sorted, so that concurrent writers lock the rows of a survey in the same order.
pub fn merged(mut counts: Vec<Count>) -> Vec<Count> {
    counts.sort_by(|a, b| {
        (&a.question, &a.value, a.lang, &a.region, a.example).cmp(&(
            &b.question,
            &b.value,
            b.lang,
            &b.region,
            b.example,
        ))
    });
    counts.dedup_by(|later, kept| {
        let same = later.question == kept.question
            && later.value == kept.value
            && later.lang == kept.lang
            && later.region == kept.region
            && later.example == kept.example;
        if same {
            kept.count += later.count;
        }
        same
    });
    counts
}
