//! Surveys: bringing in the bundled ones, and keeping a resident's checked answers under a new receipt code.

use anyhow::Context as _;
use chrono::{DateTime, Utc};

use crate::domain::survey::{Answers, ReceiptCode, Survey};
use crate::domain::Lang;
use crate::store::{NewAnswer, Store, StoreError};

/// The surveys that ship with Tarina (`data/surveys/`), read and checked.
pub fn bundled() -> anyhow::Result<Vec<Survey>> {
    crate::data::BUNDLED_SURVEYS
        .iter()
        .map(|(name, text)| Survey::from_json(text).with_context(|| format!("the bundled survey {name}")))
        .collect()
}

/// Adds the bundled surveys `city` lacks (by slug), without answers; a survey with the same slug is left as it
/// is. Returns how many were added.
pub async fn add_bundled(store: &dyn Store, city: &str, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let mut added = 0;
    for survey in bundled()? {
        if store.add_survey(city, &survey, now).await? {
            tracing::info!(city, survey = %survey.slug, "added a bundled survey");
            added += 1;
        }
    }
    Ok(added)
}

/// Keeps a submission of `survey` in `lang` and returns its receipt code. The code is drawn anew in the rare
/// case that it is taken.
pub async fn submit(
    store: &dyn Store,
    city: &str,
    survey: &str,
    lang: Lang,
    answers: &Answers,
    now: DateTime<Utc>,
) -> Result<ReceiptCode, StoreError> {
    let mut attempts = 0;
    loop {
        let receipt = ReceiptCode::generate(&mut rand::thread_rng());
        let answer = NewAnswer {
            survey,
            receipt: &receipt,
            lang,
            answers,
            example: false,
            at: now,
        };
        match store.record_answer(city, &answer).await {
            Err(StoreError::Conflict(_)) if attempts < 3 => attempts += 1,
            Err(error) => return Err(error),
            Ok(()) => return Ok(receipt),
        }
    }
}
