//! Password reset tokens. Using one is a single conditional UPDATE, so two uses of one link at the same
//! moment cannot both succeed.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::accounts::account_by_id;
use super::{instant, Backend};
use crate::domain::access::Account;
use crate::domain::change::Change;
use crate::domain::mail::NewMail;
use crate::store::accounts::resets::PasswordResets;
use crate::store::StoreResult;

#[async_trait]
impl PasswordResets for Backend {
    async fn begin_password_reset(
        &self,
        account_id: i64,
        token_hash: &str,
        expires_at: DateTime<Utc>,
        mail: &NewMail,
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin_with(super::BEGIN_WRITE).await?;
        let at = instant(now);
        sqlx::query(
            "INSERT INTO password_resets (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(account_id)
        .bind(&at)
        .bind(instant(expires_at))
        .execute(&mut *tx)
        .await?;
        super::mail::insert_mail(&mut tx, std::slice::from_ref(mail), now).await?;
        let after = serde_json::json!({
            "message_id": mail.message_id,
            "expires_at": instant(expires_at),
        });
        sqlx::query(
            "INSERT INTO change_log (at, actor, reason, city_slug, version_label, summary, action, subject, \
             after_json) VALUES ($1, $2, $3, '', '', $4, 'account.password-reset-link', $5, $6)",
        )
        .bind(&at)
        .bind(&change.actor)
        .bind(&change.reason)
        .bind(format!("a password reset link was emailed to {}", mail.recipient))
        .bind(format!("account:{account_id}"))
        .bind(after.to_string())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn password_reset_account(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<Account>> {
        let mut tx = super::begin_read(&self.pool).await?;
        let id: Option<i64> = sqlx::query_scalar(
            "SELECT r.account_id FROM password_resets r JOIN accounts a ON a.id = r.account_id \
             WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2 AND a.active \
             AND a.password_hash IS NOT NULL",
        )
        .bind(token_hash)
        .bind(instant(now))
        .fetch_optional(&mut *tx)
        .await?;
        let account = match id {
            Some(id) => account_by_id(&mut tx, id).await?,
            None => None,
        };
        tx.commit().await?;
        Ok(account)
    }

    async fn finish_password_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Account>> {
        let mut tx = self.pool.begin_with(super::BEGIN_WRITE).await?;
        let at = instant(now);
        let used: Option<i64> = sqlx::query_scalar(
            "UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 \
             AND account_id IN (SELECT id FROM accounts WHERE active AND password_hash IS NOT NULL) \
             RETURNING account_id",
        )
        .bind(&at)
        .bind(token_hash)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(account_id) = used else {
            tx.rollback().await?;
            return Ok(None);
        };
        sqlx::query("UPDATE password_resets SET used_at = $1 WHERE account_id = $2 AND used_at IS NULL")
            .bind(&at)
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE accounts SET password_hash = $1, updated_at = $2 WHERE id = $3")
            .bind(password_hash)
            .bind(&at)
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
        let ended = sqlx::query("DELETE FROM sessions WHERE account_id = $1")
            .bind(account_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let account = account_by_id(&mut tx, account_id)
            .await?
            .ok_or_else(|| crate::store::StoreError::not_found(format!("there is no account {account_id}")))?;
        // The lockout counts failures by address; a new password starts the account afresh.
        sqlx::query("DELETE FROM sign_in_failures WHERE key = $1")
            .bind(format!("account:{}", account.email))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO change_log (at, actor, reason, city_slug, version_label, summary, action, subject, \
             after_json) VALUES ($1, $2, $3, '', '', $4, 'account.password-reset', $5, $6)",
        )
        .bind(&at)
        .bind(&change.actor)
        .bind(&change.reason)
        .bind(format!("the password of {} was reset by emailed link", account.email))
        .bind(format!("account:{account_id}"))
        .bind(serde_json::json!({ "password": true, "sessions_ended": ended }).to_string())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(account))
    }
}
