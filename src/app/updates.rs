//! Status updates of actions, by a signed-in person or an API token: who may read an action's log and post to
//! it is who may report its progress (the policy's `ReportActionProgress`: strategy editors and admins for every
//! action, an action owner for their own), judged against the strategy the server holds, then the store's own
//! check that nobody posted since the author read the log.

use super::edits::{EditError, Scope};
use crate::domain::access::Account;
use crate::domain::change::Change;
use crate::domain::edit::{ItemRef, NewUpdate, Revision, UpdateLog};
use crate::domain::ActionId;
use crate::store::{Posted, Store, StoreError};

/// The action's progress and updates as stored now, if `account` may report on it.
pub async fn log(
    store: &dyn Store,
    scope: Scope<'_>,
    account: &Account,
    action: ActionId,
) -> Result<UpdateLog, EditError> {
    scope.authorise(account, ItemRef::Progress(action))?;
    store
        .update_log(scope.strategy.city.slug.as_str(), action)
        .await
        .map_err(not_found)
}

/// Posts `update` as `account` if it may report on the action and the log is still at `expected`.
pub async fn post(
    store: &dyn Store,
    scope: Scope<'_>,
    account: &Account,
    update: &NewUpdate,
    expected: &Revision,
    change: &Change,
) -> Result<Posted, EditError> {
    scope.authorise(account, ItemRef::Progress(update.action))?;
    store
        .post_update(scope.strategy.city.slug.as_str(), update, account.id, expected, change)
        .await
        .map_err(not_found)
}

fn not_found(error: StoreError) -> EditError {
    match error {
        StoreError::NotFound(_) => EditError::NotFound,
        other => EditError::Store(other),
    }
}
