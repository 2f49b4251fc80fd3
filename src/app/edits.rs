//! Edits of one item (an action's progress report, a target's assessment) by a signed-in person or, later, an
//! API token: whether the item exists and the person may edit it, judged against the strategy and cascade the
//! server holds, then the store's own check that nobody saved the item since the person read it.

use crate::domain::access::policy::{permits, Operation, Subject};
use crate::domain::access::Account;
use crate::domain::cascade::Cascade;
use crate::domain::change::Change;
use crate::domain::edit::{Edit, Item, ItemRef, Revision};
use crate::domain::Strategy;
use crate::store::{Applied, Store, StoreError};

/// Why an edit was not made.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("there is no such item")]
    NotFound,
    #[error("the account may not edit this item")]
    Forbidden,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What an edit is judged against: the current strategy (its actions) and cascade (targets, organisations).
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    pub strategy: &'a Strategy,
    pub cascade: &'a Cascade,
}

impl Scope<'_> {
    fn city(&self) -> &str {
        self.strategy.city.slug.as_str()
    }

    /// Whether `item` exists, and whether `account` may edit it.
    pub fn authorise(&self, account: &Account, item: ItemRef) -> Result<(), EditError> {
        let organisations = &self.cascade.organisations;
        let allowed = match item {
            ItemRef::Progress(action) => {
                if !self.strategy.actions().any(|a| a.id == action) {
                    return Err(EditError::NotFound);
                }
                permits(
                    account,
                    Operation::ReportActionProgress,
                    Subject::Action(action),
                    organisations,
                )
            }
            ItemRef::Definition(id) => {
                if self.cascade.indicator(id).is_none() {
                    return Err(EditError::NotFound);
                }
                let owners = crate::domain::access::policy::indicator_owners(self.cascade, id);
                let subject = Subject::Indicator {
                    id,
                    organisations: &owners,
                };
                permits(account, Operation::EditIndicatorDefinition, subject, organisations)
            }
            ItemRef::Assessment(target) | ItemRef::Target(target) => {
                let target = self
                    .cascade
                    .targets
                    .iter()
                    .find(|t| t.id == target)
                    .ok_or(EditError::NotFound)?;
                let subject = Subject::Target {
                    organisation: &target.organisation,
                };
                permits(account, Operation::EditTargets, subject, organisations)
            }
        };
        if allowed {
            Ok(())
        } else {
            Err(EditError::Forbidden)
        }
    }
}

/// The item as it stands in the database (not the snapshot, which may lag a write by the refresh interval),
/// for a form or the write API.
pub async fn read(store: &dyn Store, scope: Scope<'_>, account: &Account, item: ItemRef) -> Result<Item, EditError> {
    scope.authorise(account, item)?;
    store.item(scope.city(), item).await.map_err(not_found)
}

/// Saves `edit` if the account may make it and the item is still at `expected`.
pub async fn apply(
    store: &dyn Store,
    scope: Scope<'_>,
    account: &Account,
    edit: &Edit,
    expected: &Revision,
    change: &Change,
) -> Result<Applied, EditError> {
    scope.authorise(account, edit.item)?;
    store
        .apply_edit(scope.city(), edit, expected, change)
        .await
        .map_err(not_found)
}

fn not_found(error: StoreError) -> EditError {
    match error {
        StoreError::NotFound(_) => EditError::NotFound,
        other => EditError::Store(other),
    }
}
