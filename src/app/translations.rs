//! Translation review as staff do it, through the queue page or a file from a translation agency: every
//! translation is checked first, and stored only if all pass, as reviewed by the person who sent it.
//!
//! An agency's file is stored as reviewed by the importer: the city commissioned and accepted the
//! translation by importing it, as a person who types a translation into a form does; a translation that
//! should be looked at again can be in the queue's form afterwards.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::change::Change;
use crate::domain::translation::{check_translation, Problem, Review, TextId, Translatable};
use crate::domain::Lang;
use crate::formats::xliff;
use crate::store::{QueuePage, Reviewed, Store, StoreError};

/// Why nothing was stored.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error("the translations have problems")]
    Problems(Vec<Problem>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The texts whose `lang` translation is missing or not reviewed.
pub async fn queue(store: &dyn Store, city: &str, lang: Lang) -> Result<Vec<Translatable>, StoreError> {
    Ok(store.translation_queue(city, lang, 0, usize::MAX >> 1).await?.texts)
}

/// Page `page` (from 1) of `lang`'s queue, `per_page` texts to a page, with the page's number: a page past
/// the end (the queue shrank as texts were reviewed) gives the last page instead.
pub async fn queue_page(
    store: &dyn Store,
    city: &str,
    lang: Lang,
    page: usize,
    per_page: usize,
) -> Result<(usize, QueuePage), StoreError> {
    let page = page.max(1);
    let found = store
        .translation_queue(city, lang, (page - 1) * per_page, per_page)
        .await?;
    if !found.texts.is_empty() || page == 1 {
        return Ok((page, found));
    }
    // The total comes only with rows: ask for the first page to learn it, then for the last.
    let first = store.translation_queue(city, lang, 0, per_page).await?;
    let last = first.total.div_ceil(per_page).max(1);
    if last == 1 {
        return Ok((1, first));
    }
    let found = store
        .translation_queue(city, lang, (last - 1) * per_page, per_page)
        .await?;
    Ok((last, found))
}

/// A translation as a person or a file gives it: the text's id as written, the Finnish source it was made
/// from and the translation.
pub struct Given<'a> {
    pub id: &'a str,
    pub source: &'a str,
    pub text: &'a str,
}

/// Checks every translation against the texts held and stores them all, or none with every problem named.
pub async fn review(
    store: &dyn Store,
    city: &str,
    lang: Lang,
    given: &[Given<'_>],
    change: &Change,
) -> Result<usize, ReviewError> {
    let held: BTreeMap<TextId, Translatable> = store
        .translatable(city, lang)
        .await?
        .into_iter()
        .map(|t| (t.id.clone(), t))
        .collect();
    let mut problems = Vec::new();
    let mut reviews = Vec::new();
    let mut seen = BTreeSet::new();
    for g in given {
        let unit = Some(g.id);
        let Some(text) = TextId::parse(g.id).and_then(|id| held.get(&id)) else {
            problems.push(Problem::new(unit, "translations-problem-unknown-id", g.id));
            continue;
        };
        if !seen.insert(g.id) {
            problems.push(Problem::new(unit, "translations-problem-duplicate", g.id));
            continue;
        }
        if text.source.trim() != g.source.trim() {
            problems.push(Problem::new(unit, "translations-problem-source-changed", ""));
            continue;
        }
        match check_translation(g.text) {
            Ok(checked) => reviews.push(Review {
                id: text.id.clone(),
                source: text.source.clone(),
                text: checked,
            }),
            Err(key) => problems.push(Problem::new(unit, key, "")),
        }
    }
    if !problems.is_empty() {
        return Err(ReviewError::Problems(problems));
    }
    match store.review_translations(city, lang, &reviews, change).await? {
        Reviewed::Stored(written) => Ok(written),
        Reviewed::Stale(ids) => Err(ReviewError::Problems(
            ids.iter()
                .map(|id| Problem::new(Some(id), "translations-problem-source-changed", ""))
                .collect(),
        )),
    }
}

/// The texts of `lang`'s queue (or every text when `all`) as an XLIFF 2.0 file for an agency.
pub async fn export(store: &dyn Store, city: &str, lang: Lang, all: bool) -> Result<String, StoreError> {
    let texts = if all {
        store.translatable(city, lang).await?
    } else {
        queue(store, city, lang).await?
    };
    let document = xliff::Document {
        src_lang: Lang::Fi.code().to_owned(),
        trg_lang: lang.code().to_owned(),
        units: texts
            .into_iter()
            .map(|t| xliff::Unit {
                id: t.id.to_string(),
                source: t.source,
                state: t.target.as_ref().map(|t| {
                    if t.reviewed {
                        xliff::State::Reviewed
                    } else {
                        xliff::State::Translated
                    }
                }),
                target: t.target.map(|t| t.text),
            })
            .collect(),
    };
    Ok(xliff::write(&document, city))
}

/// Reads an agency's XLIFF 2.0 file for `lang` and stores every translated unit as reviewed, all or none:
/// a file that does not parse, is for other languages, names texts that do not exist, holds markup or
/// texts that fail the checks changes nothing and names every problem. Units without a target (or with an
/// empty one) are not translated, and units whose segment says the translation is unfinished (`initial`,
/// `translated`: as exported, not yet reviewed) are not done: both are left alone.
pub async fn import_xliff(
    store: &dyn Store,
    city: &str,
    lang: Lang,
    bytes: &[u8],
    change: &Change,
) -> Result<usize, ReviewError> {
    let document = xliff::read(bytes).map_err(ReviewError::Problems)?;
    let mut problems = Vec::new();
    if document.src_lang != Lang::Fi.code() {
        problems.push(Problem::new(
            None,
            "translations-problem-source-language",
            &document.src_lang,
        ));
    }
    if document.trg_lang != lang.code() {
        problems.push(Problem::new(
            None,
            "translations-problem-target-language",
            &document.trg_lang,
        ));
    }
    let given: Vec<Given<'_>> = document
        .units
        .iter()
        .filter_map(|u| {
            if !xliff::State::finished(u.state) {
                return None;
            }
            let target = u.target.as_deref().filter(|t| !t.trim().is_empty())?;
            Some(Given {
                id: &u.id,
                source: &u.source,
                text: target,
            })
        })
        .collect();
    if !problems.is_empty() {
        // The units are still checked, so the person sees everything that is wrong at once.
        if let Err(ReviewError::Problems(more)) = check_only(store, city, lang, &given).await {
            problems.extend(more);
        }
        return Err(ReviewError::Problems(problems));
    }
    review(store, city, lang, &given, change).await
}

/// [`review`]'s checks without storing anything.
async fn check_only(store: &dyn Store, city: &str, lang: Lang, given: &[Given<'_>]) -> Result<(), ReviewError> {
    let held: BTreeSet<TextId> = store
        .translatable(city, lang)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
    let problems: Vec<Problem> = given
        .iter()
        .filter_map(|g| {
            let known = TextId::parse(g.id).is_some_and(|id| held.contains(&id));
            if !known {
                return Some(Problem::new(Some(g.id), "translations-problem-unknown-id", g.id));
            }
            check_translation(g.text)
                .err()
                .map(|key| Problem::new(Some(g.id), key, ""))
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ReviewError::Problems(problems))
    }
}
