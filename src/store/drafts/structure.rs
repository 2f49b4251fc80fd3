//! Changing a draft version's structure: read the draft with what surrounds it in its city, and replace it
//! with a changed copy only while it is a draft and still reads as the editor saw it.

use async_trait::async_trait;

use crate::domain::change::Change;
use crate::domain::draft::structure::Surroundings;
use crate::domain::draft::ItemKey;
use crate::domain::{Strategy, VersionStatus};
use crate::store::StoreResult;

/// How saving a changed structure ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StructureSaved {
    Saved,
    /// The draft changed after the editor read it (or a key the edit issued was taken meanwhile); nothing
    /// was written.
    Stale,
    /// The version is no longer a draft; nothing was written.
    NotDraft(VersionStatus),
}

/// What a structure edit leaves in the audit log, besides the actor and the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct StructureNote {
    /// E.g. `structure:1.2:goal:41`.
    pub subject: String,
    /// E.g. `added goal 41 in version 1.2`.
    pub summary: String,
    /// The edit and the item's place before and after, as JSON objects.
    pub before: serde_json::Value,
    pub after: serde_json::Value,
    /// Keys the edit issued or removed: recorded so the city never issues them again.
    pub spent: Vec<ItemKey>,
}

#[async_trait]
pub trait DraftStructure: Send + Sync + 'static {
    /// Version `label` as stored (any status), with the keys its city ever used and the items its cascade
    /// refers to; not found when there is no such version.
    async fn draft_structure(&self, label: &str) -> StoreResult<(Strategy, Surroundings)>;

    /// Replaces what draft `label` holds with `after` when the version is a draft whose
    /// [revision](crate::domain::draft::structure::revision) is still `expected`, in one write with its audit
    /// entry (`strategy.structure`) and the change feed entry every write of a version records.
    async fn save_structure(
        &self,
        label: &str,
        expected: &str,
        after: &Strategy,
        note: &StructureNote,
        change: &Change,
    ) -> StoreResult<StructureSaved>;
}
