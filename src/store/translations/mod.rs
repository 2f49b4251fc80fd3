//! Translation review: the texts in review's reach with their Swedish or English translation, and storing
//! reviewed translations, many at once, all or none.
//!
//! The reach is the texts the public site shows that carry a reviewed flag: the current strategy version's
//! texts and the city's cascade texts (organisations, regions, indicators, targets, assessments, progress
//! notes). Texts of older or draft versions are not public and stay as they are.

use async_trait::async_trait;

use super::StoreResult;
use crate::domain::change::Change;
use crate::domain::translation::{Review, Translatable};
use crate::domain::Lang;

/// How storing reviews ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reviewed {
    /// Stored; how many translations were written (one already stored as given and reviewed is not).
    Stored(usize),
    /// These texts no longer exist, or their Finnish source is no longer the one the translator saw:
    /// nothing was written.
    Stale(Vec<String>),
}

/// A page of a translation queue.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueuePage {
    /// How many texts the whole queue holds.
    pub total: usize,
    pub texts: Vec<Translatable>,
}

#[async_trait]
pub trait Translations: Send + Sync + 'static {
    /// Every text in reach with its translation into `lang` (Swedish or English), in a stable order:
    /// strategy texts first, then cascade texts, each by owner and field.
    async fn translatable(&self, city: &str, lang: Lang) -> StoreResult<Vec<Translatable>>;

    /// One page of `lang`'s queue (the texts whose translation is missing or not reviewed): at most `limit`
    /// of them from `offset` on, in a stable order (strategy texts first, then the cascade's, each by owner
    /// and field), and how many the queue holds in all. Only the page's texts are read, so the page costs
    /// the same however many texts the city has.
    async fn translation_queue(&self, city: &str, lang: Lang, offset: usize, limit: usize) -> StoreResult<QueuePage>;

    /// Stores every review's text as the reviewed `lang` translation, reviewed by the change's actor now, in
    /// one transaction with an audit entry per text (before and after) and the change feed entries that
    /// bring every server's snapshot up to date.
    async fn review_translations(
        &self,
        city: &str,
        lang: Lang,
        reviews: &[Review],
        change: &Change,
    ) -> StoreResult<Reviewed>;
}
