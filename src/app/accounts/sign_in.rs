//! Signing in with a local password: throttled per account and per address across every server, with the
//! same answer whether or not an account exists.

use chrono::{DateTime, Utc};

use super::password::{Busy, PasswordHasher};
use super::tokens::{random_token, token_hash};
use crate::domain::access::{Account, Email, Session, SessionLimits, Throttle};
use crate::store::{NewSession, Store, StoreError};

/// Who is signing in, from where.
pub struct Attempt<'a> {
    pub email: &'a str,
    pub password: &'a str,
    /// The client's address, for throttling only; it is not kept with the session.
    pub address: &'a str,
    pub user_agent: &'a str,
    pub now: DateTime<Utc>,
}

/// A session begun: the token goes to the browser and nowhere else.
pub struct SignedIn {
    pub token: String,
    pub session: Session,
    pub account: Account,
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// Wrong address or password, or an account that is not active: one answer for all.
    #[error("the email address or the password is wrong")]
    Refused,
    /// Too many failures lately for this account or address.
    #[error("too many failed sign-ins; try again later")]
    Locked,
    #[error(transparent)]
    Busy(#[from] Busy),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn account_key(email: &str) -> String {
    format!("account:{}", email.trim().to_lowercase())
}

fn address_key(address: &str) -> String {
    format!("address:{address}")
}

pub async fn sign_in(
    store: &dyn Store,
    hasher: &PasswordHasher,
    throttle: Throttle,
    limits: SessionLimits,
    attempt: Attempt<'_>,
) -> Result<SignedIn, SignInError> {
    let (account_key, address_key) = (account_key(attempt.email), address_key(attempt.address));
    let since = attempt.now - throttle.window;
    if store.failures_since(&account_key, since).await? >= throttle.per_account
        || store.failures_since(&address_key, since).await? >= throttle.per_address
    {
        return Err(SignInError::Locked);
    }
    let found = match Email::parse(attempt.email) {
        Ok(email) => store.credentials(&email).await?,
        Err(_) => None,
    };
    let stored = found
        .as_ref()
        .filter(|(account, _)| account.active)
        .and_then(|(_, hash)| hash.as_deref());
    let matched = hasher.verify(attempt.password, stored).await?;
    let account = match found {
        Some((account, _)) if matched => account,
        _ => {
            store
                .record_failure(&[account_key, address_key], attempt.now, since)
                .await?;
            return Err(SignInError::Refused);
        }
    };
    store.clear_failures(&account_key).await?;
    Ok(start_session(store, account, attempt.user_agent, attempt.now, limits).await?)
}

/// Begins a session for an account whose person has proved who they are.
pub async fn start_session(
    store: &dyn Store,
    account: Account,
    user_agent: &str,
    now: DateTime<Utc>,
    limits: SessionLimits,
) -> Result<SignedIn, StoreError> {
    let token = random_token();
    let session = store
        .start_session(&NewSession {
            account_id: account.id,
            token_hash: &token_hash(&token),
            csrf_token: &random_token(),
            user_agent: &user_agent.chars().take(300).collect::<String>(),
            now,
            expires_at: now + limits.absolute,
        })
        .await?;
    Ok(SignedIn {
        token,
        session,
        account,
    })
}
