//! Editing a draft version's texts as use cases: the version's items in strategy order, one item's texts, and
//! saving them, which only those who may edit the strategy may do, only to a draft, and only over the
//! revision the editor saw.

pub mod structure;

use std::collections::BTreeMap;

use crate::domain::access::policy::{permits, Operation, Subject};
use crate::domain::access::Account;
use crate::domain::cascade::Organisation;
use crate::domain::change::Change;
use crate::domain::draft::{check_texts, items, ItemKey, ItemTexts, TextErrors};
use crate::domain::VersionStatus;
use crate::store::{Audience, DraftSaved, Store, StoreError};

/// Why texts were not saved.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error("the account may not edit the strategy")]
    Forbidden,
    /// The texts broke a rule (each input named); nothing was stored.
    #[error("the texts are not valid")]
    Invalid(TextErrors),
    /// The version is not a draft: its texts are not edited.
    #[error("only a draft can be edited")]
    NotDraft,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Whether `account` may edit a version's texts.
pub fn may_edit(account: &Account, organisations: &[Organisation]) -> bool {
    permits(account, Operation::EditStrategy, Subject::Any, organisations)
}

/// Version `label`'s status and every item with texts, in strategy order; not found when there is no such
/// version.
pub async fn outline(store: &dyn Store, label: &str) -> Result<(VersionStatus, Vec<ItemTexts>), StoreError> {
    let strategy = store
        .strategy_version(label, Audience::Staff)
        .await?
        .ok_or_else(|| StoreError::not_found(format!("the database holds no strategy version {label:?}")))?;
    Ok((strategy.status, items(&strategy)))
}

/// One item's texts in version `label`, with the version's status.
pub async fn item(store: &dyn Store, label: &str, key: &ItemKey) -> Result<(VersionStatus, ItemTexts), StoreError> {
    store.draft_item(label, key).await
}

/// Checks the texts of item `key` of version `label` as a form gave them (`inputs`), without saving them:
/// the item's texts to store, or why not.
pub async fn check(
    store: &dyn Store,
    (account, organisations): (&Account, &[Organisation]),
    (label, key): (&str, &ItemKey),
    inputs: &BTreeMap<String, String>,
) -> Result<ItemTexts, DraftError> {
    if !may_edit(account, organisations) {
        return Err(DraftError::Forbidden);
    }
    let (status, before) = store.draft_item(label, key).await?;
    if status != VersionStatus::Draft {
        return Err(DraftError::NotDraft);
    }
    check_texts(&before, inputs).map_err(DraftError::Invalid)
}

/// Saves the texts of item `key` of draft `label` as a form gave them (`inputs`), over revision `expected`,
/// after [`check`]ing them.
pub async fn save(
    store: &dyn Store,
    who: (&Account, &[Organisation]),
    (label, key): (&str, &ItemKey),
    inputs: &BTreeMap<String, String>,
    expected: &str,
    change: &Change,
) -> Result<DraftSaved, DraftError> {
    let after = check(store, who, (label, key), inputs).await?;
    Ok(store.save_draft_item(label, &after, expected, change).await?)
}
