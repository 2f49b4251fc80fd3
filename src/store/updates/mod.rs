//! Status updates of actions: an action's log (its current progress and its updates, newest first), and the
//! posting of a new update, which appends it and sets the current progress in one write.

use async_trait::async_trait;

use super::StoreResult;
use crate::domain::change::Change;
use crate::domain::edit::{NewUpdate, Revision, UpdateLog};
use crate::domain::ActionId;

/// How posting an update ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Posted {
    /// Appended; the log as it stands after it.
    Saved(UpdateLog),
    /// The update only repeated the latest one (a form sent twice): nothing was written.
    Unchanged(UpdateLog),
    /// Someone posted an update or corrected the progress since the author read the log: nothing was written.
    /// Carries the log as it stands now, for the conflict page.
    Stale(UpdateLog),
}

#[async_trait]
pub trait ActionUpdates: Send + Sync + 'static {
    /// The action's current progress and its updates, newest first, as stored now.
    async fn update_log(&self, city: &str, action: ActionId) -> StoreResult<UpdateLog>;

    /// Appends `update` by the account `author` and sets the action's current progress to it, if the log is
    /// still at `expected`, in one write with its audit entry and its change feed entry.
    async fn post_update(
        &self,
        city: &str,
        update: &NewUpdate,
        author: i64,
        expected: &Revision,
        change: &Change,
    ) -> StoreResult<Posted>;
}
