//! Edits of one cascade item at a time (an action's progress report, a target's assessment): read the item as
//! it stands, and replace it only if it still stands as the editor saw it.

use async_trait::async_trait;

use super::StoreResult;
use crate::domain::cascade::Cascade;
use crate::domain::change::Change;
use crate::domain::edit::{Edit, Item, ItemRef, Revision, TargetItem, YearStep};
use crate::domain::TargetId;

/// How an edit ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Applied {
    /// Saved; the item's new revision.
    Saved(Revision),
    /// The edit gave the item the state it already had: nothing was written, logged or published.
    Unchanged(Revision),
    /// The item changed since the editor read it (their revision is stale); nothing was written. Carries the
    /// item as it stands now, for the conflict page.
    Stale(Item),
}

#[async_trait]
pub trait ContentEdits: Send + Sync + 'static {
    /// The item as it stands; not found when its action or target does not exist.
    async fn item(&self, city: &str, item: ItemRef) -> StoreResult<Item>;

    /// Replaces the item with `edit.after` when its revision is still `expected`, in one write with its audit
    /// entry (before and after) and its change feed entry.
    async fn apply_edit(&self, city: &str, edit: &Edit, expected: &Revision, change: &Change) -> StoreResult<Applied>;

    /// Saves a new target with the next free id, audited with its content.
    async fn create_target(&self, city: &str, target: &TargetItem, change: &Change) -> StoreResult<TargetId>;

    /// Moves every target of `year` that stands where `step` starts to where it ends, audited with their ids;
    /// returns how many moved.
    async fn move_targets(&self, city: &str, year: i32, step: YearStep, change: &Change) -> StoreResult<usize>;

    /// Approves every proposed target of `year` as [`ContentEdits::move_targets`] does, and records the
    /// approval (with the lint's override, if any) in the same transaction as the move and its audit entry;
    /// returns how many moved (none moved: nothing recorded). `checked` is the cascade outline the approval
    /// gate linted: if the city's cascade is no longer that after taking the write turn (someone edited a
    /// target or an indicator meanwhile), nothing moves and the answer is a conflict, so a year is never
    /// approved in a state its lint did not see.
    async fn approve_targets(
        &self,
        city: &str,
        year: i32,
        checked: &Cascade,
        approval: &YearApprovalRecord,
        change: &Change,
    ) -> StoreResult<usize>;
}

/// What approving a year records besides the move: who approved, and the lint's errors overridden and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearApprovalRecord {
    /// The approving account.
    pub account: i64,
    /// `None` when the lint was clean.
    pub lint_override: Option<String>,
    /// The lint's error messages accepted; empty when clean.
    pub overridden: Vec<String>,
}
