//! Password reset links: a hashed single-use token with an expiry, created with its email in one transaction
//! and used up with the new password in another, both audited.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::domain::access::Account;
use crate::domain::change::Change;
use crate::domain::mail::NewMail;
use crate::store::StoreResult;

#[async_trait]
pub trait PasswordResets: Send + Sync + 'static {
    /// Keeps a reset token's hash for `account_id` until `expires_at` and queues its email, with the audit
    /// entry, in one transaction.
    async fn begin_password_reset(
        &self,
        account_id: i64,
        token_hash: &str,
        expires_at: DateTime<Utc>,
        mail: &NewMail,
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// The active account with a local password whose unused, unexpired token has this hash.
    async fn password_reset_account(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<Account>>;

    /// Uses up the token (and every other open token of its account), sets the new password hash, ends the
    /// account's sessions and forgets its failed sign-ins, in one audited transaction. `None`, having changed
    /// nothing, when the token is unknown, used, expired, or its account may no longer sign in with a password.
    async fn finish_password_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Account>>;
}
