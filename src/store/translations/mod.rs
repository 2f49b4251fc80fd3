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

#[async_trait]
pub trait Translations: Send + Sync + 'static {
    /// Every text in reach with its translation into `lang` (Swedish or English), in a stable order:
    /// strategy texts first, then cascade texts, each by owner and field.
    async fn translatable(&self, city: &str, lang: Lang) -> StoreResult<Vec<Translatable>>;

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
