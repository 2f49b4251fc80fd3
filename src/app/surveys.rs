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

#[cfg(test)]
mod tests {
    use crate::domain::survey::{QuestionKind, ResultsAudience};

    #[test]
    fn the_bundled_building_permit_survey_serves_goal_18_in_three_languages() {
        let surveys = super::bundled().expect("the bundled surveys load");
        let [survey] = surveys.as_slice() else {
            panic!("one bundled survey");
        };
        let strategy = crate::data::bundled().expect("the bundled strategy loads");
        let goal = survey.goals.first().copied().expect("a goal");
        assert_eq!(goal.get(), 18);
        let (_, found) = strategy.goal(goal).expect("goal 18 exists");
        assert_eq!(found.slug.as_str(), "helpoin-paikka-investoida");
        assert_eq!(survey.results, ResultsAudience::Public);
        assert!(survey.external_posts, "services may post to it from their own pages");
        let kinds: Vec<(&str, bool)> = survey.questions().map(|q| (q.kind.name(), q.required)).collect();
        assert_eq!(kinds, vec![("scale5", true), ("text", false), ("region", false)]);
        assert!(matches!(
            survey.questions().nth(1).map(|q| &q.kind),
            Some(QuestionKind::Text { max_chars: 2000 })
        ));
        for text in [&survey.title, &survey.intro, &survey.privacy] {
            for lang in crate::domain::Lang::TRANSLATIONS {
                assert!(text.get(lang).is_some_and(|t| !t.is_empty()), "{lang}: {}", text.fi);
            }
        }
        for q in survey.questions() {
            assert!(q.text.get(crate::domain::Lang::Sv).is_some() && q.text.get(crate::domain::Lang::En).is_some());
        }
    }
}
