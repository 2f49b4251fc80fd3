//! Editing a draft version's texts, one item at a time: read the item's texts with the version's status, and
//! replace them only while the version is a draft and the item still reads as the editor saw it.

pub mod structure;

use async_trait::async_trait;

use super::StoreResult;
use crate::domain::change::Change;
use crate::domain::draft::{ItemKey, ItemTexts};
use crate::domain::VersionStatus;

/// How saving an item's texts ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftSaved {
    /// Saved; the item's new revision.
    Saved(String),
    /// The texts were already as given: nothing was written or logged.
    Unchanged,
    /// Someone saved the item after the editor read it; nothing was written. The item as it stands now.
    Stale(ItemTexts),
    /// The version is no longer a draft (it went to review or was approved); nothing was written.
    NotDraft(VersionStatus),
}

#[async_trait]
pub trait DraftTexts: Send + Sync + 'static {
    /// The texts of item `key` in version `label`, with the version's status; not found when there is no
    /// such version or the version has no texts of that item.
    async fn draft_item(&self, label: &str, key: &ItemKey) -> StoreResult<(VersionStatus, ItemTexts)>;

    /// Replaces the texts of `after.key` in version `label` with `after` when the version is a draft and
    /// the item's revision is still `expected`, in one write with its audit entry (before and after) and
    /// the change feed entry every write of a version records.
    async fn save_draft_item(
        &self,
        label: &str,
        after: &ItemTexts,
        expected: &str,
        change: &Change,
    ) -> StoreResult<DraftSaved>;
}
