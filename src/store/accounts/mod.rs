//! Staff accounts, their sessions, sign-in throttling and API tokens ([`tokens`]). None of it is published, so
//! none of it touches the data version or the change feed; each account change is written to the audit log in
//! the same transaction.

pub mod resets;
pub mod rows;
pub mod tokens;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;
use crate::domain::access::{Account, AccountChanges, Email, NewAccount, Session, SessionLimits};
use crate::domain::change::Change;

/// A new session: only the hash of its token is stored.
#[derive(Debug, Clone)]
pub struct NewSession<'a> {
    pub account_id: i64,
    pub token_hash: &'a str,
    pub csrf_token: &'a str,
    pub user_agent: &'a str,
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// An OpenID Connect sign-in under way, between sending the person to the provider and their return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcLogin {
    pub state_hash: String,
    pub verifier: String,
    pub nonce: String,
    /// Where to go once signed in.
    pub next: String,
    pub created_at: DateTime<Utc>,
}

#[async_trait]
pub trait Accounts: Send + Sync + 'static {
    /// Creates an account; [`super::StoreError::Conflict`] when its email address is taken.
    async fn create_account(
        &self,
        account: &NewAccount,
        password_hash: Option<&str>,
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<i64>;

    /// Every account, by email address.
    async fn accounts(&self) -> StoreResult<Vec<Account>>;

    /// The email addresses of the accounts among `ids` that exist, by id: one statement, for pages that name
    /// a few actors (the audit log) and should not read every account with its assignments to do it.
    async fn account_emails(&self, ids: &[i64]) -> StoreResult<std::collections::HashMap<i64, String>>;

    /// Changes an account's role, organisation, assignments and whether it may sign in, logged with before and
    /// after; a deactivated account's sessions end in the same transaction. Not found when there is no such
    /// account.
    async fn update_account(
        &self,
        id: i64,
        changes: &AccountChanges,
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<Account>;

    /// An account and its password hash (`None` when it signs in only through OpenID Connect).
    async fn credentials(&self, email: &Email) -> StoreResult<Option<(Account, Option<String>)>>;

    /// How many failed sign-ins `key` has had since `since`.
    async fn failures_since(&self, key: &str, since: DateTime<Utc>) -> StoreResult<i64>;

    /// Records a failed sign-in under each key, forgetting failures older than `forget_before`.
    async fn record_failure(&self, keys: &[String], at: DateTime<Utc>, forget_before: DateTime<Utc>)
        -> StoreResult<()>;

    /// Forgets the failures of `key`, after a successful sign-in.
    async fn clear_failures(&self, key: &str) -> StoreResult<()>;

    async fn start_session(&self, session: &NewSession<'_>) -> StoreResult<Session>;

    /// The live session with this token hash and its active account, marking it seen; an ended session is
    /// deleted and `None` returned.
    async fn live_session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
        limits: SessionLimits,
    ) -> StoreResult<Option<(Session, Account)>>;

    /// The sessions of one account, newest first.
    async fn sessions_of(&self, account_id: i64) -> StoreResult<Vec<Session>>;

    /// Ends one session of one account; `false` when it has no such session.
    async fn end_session(&self, account_id: i64, session_id: i64) -> StoreResult<bool>;

    /// Keeps an OpenID Connect sign-in under way, forgetting those begun before `forget_before`.
    async fn save_oidc_login(&self, login: &OidcLogin, forget_before: DateTime<Utc>) -> StoreResult<()>;

    /// Takes (and so uses up) the sign-in under way with this state, if begun after `not_before`.
    async fn take_oidc_login(&self, state_hash: &str, not_before: DateTime<Utc>) -> StoreResult<Option<OidcLogin>>;

    /// The account the OpenID provider's subject belongs to.
    async fn account_by_subject(&self, subject: &str) -> StoreResult<Option<Account>>;

    /// Links an account to the provider's subject, on its first sign-in by a verified email address.
    async fn link_subject(
        &self,
        account_id: i64,
        subject: &str,
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
}
