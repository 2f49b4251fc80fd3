//! Staff accounts and sessions: creating accounts, signing in and out, listing and ending one's sessions; API
//! tokens for integrations ([`api_tokens`]).

pub mod api_tokens;
pub mod oidc;
pub mod password;
pub mod reset;
pub mod sign_in;
pub mod tokens;

use chrono::{DateTime, Utc};

use crate::domain::access::{Account, AccountChanges, NewAccount, Password, Session, SessionLimits};
use crate::domain::change::Change;
use crate::store::{Store, StoreError};
use password::PasswordHasher;

/// Creates an account with a local password, or without one for people who sign in through OpenID Connect.
pub async fn add_account(
    store: &dyn Store,
    hasher: &PasswordHasher,
    account: &NewAccount,
    password: Option<&Password>,
    change: &Change,
) -> anyhow::Result<i64> {
    let hash = match password {
        Some(password) => Some(hasher.hash(password).await??),
        None => None,
    };
    Ok(store
        .create_account(account, hash.as_deref(), change, Utc::now())
        .await?)
}

/// Changes an account's role, organisation, assignments and whether it may sign in (checked by
/// [`AccountChanges::new`]); deactivating it ends its sessions.
pub async fn change_account(
    store: &dyn Store,
    id: i64,
    changes: &AccountChanges,
    change: &Change,
    now: DateTime<Utc>,
) -> Result<Account, StoreError> {
    store.update_account(id, changes, change, now).await
}

/// The live session a browser's token belongs to, with its account.
pub async fn current_session(
    store: &dyn Store,
    token: &str,
    now: DateTime<Utc>,
    limits: SessionLimits,
) -> Result<Option<(Session, Account)>, StoreError> {
    store.live_session(&tokens::token_hash(token), now, limits).await
}
