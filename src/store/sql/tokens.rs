//! API tokens: created and revoked with their audit entries in the same transaction, found by their hash.

use anyhow::Context as _;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::accounts::account_by_id;
use super::{Backend, Db};
use crate::domain::access::{Account, ApiToken, NewApiToken};
use crate::domain::change::Change;
use crate::store::accounts::rows::timestamp;
use crate::store::accounts::tokens::{assignment_key, ApiTokens, TokenAssignmentRow, TokenRow};
use crate::store::{StoreError, StoreResult};

type Tx<'c> = sqlx::Transaction<'c, Db>;

const TOKEN_COLUMNS: &str =
    "SELECT id, account_id, name, role, organisation, created_at, created_by, expires_at, revoked_at FROM api_tokens";

/// The tokens of `rows` with their assignments.
async fn with_assignments(tx: &mut Tx<'_>, rows: Vec<TokenRow>) -> anyhow::Result<Vec<ApiToken>> {
    let assignments: Vec<TokenAssignmentRow> = if rows.is_empty() {
        Vec::new()
    } else {
        sqlx::query_as("SELECT token_id, kind, key FROM api_token_assignments ORDER BY token_id, kind, key")
            .fetch_all(&mut **tx)
            .await
            .context("cannot read the tokens' assignments")?
    };
    rows.into_iter().map(|row| row.into_token(&assignments)).collect()
}

/// One audit entry about a token.
struct TokenEntry<'a> {
    action: &'static str,
    id: i64,
    summary: String,
    before: Option<serde_json::Value>,
    after: serde_json::Value,
    change: &'a Change,
    at: &'a str,
}

async fn audit(tx: &mut Tx<'_>, entry: TokenEntry<'_>) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO change_log (at, actor, reason, city_slug, version_label, summary, action, subject, \
         before_json, after_json) VALUES ($1, $2, $3, '', '', $4, $5, $6, $7, $8)",
    )
    .bind(entry.at)
    .bind(&entry.change.actor)
    .bind(&entry.change.reason)
    .bind(entry.summary)
    .bind(entry.action)
    .bind(format!("api-token:{}", entry.id))
    .bind(entry.before.map(|before| before.to_string()))
    .bind(entry.after.to_string())
    .execute(&mut **tx)
    .await
    .context("cannot write the audit entry")?;
    Ok(())
}

#[async_trait]
impl ApiTokens for Backend {
    async fn create_api_token(
        &self,
        account_id: i64,
        token: &NewApiToken,
        token_hash: &str,
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<i64> {
        let mut tx = self.pool.begin_with(super::BEGIN_WRITE).await?;
        let account = account_by_id(&mut tx, account_id)
            .await?
            .ok_or_else(|| StoreError::not_found(format!("there is no account {account_id}")))?;
        let at = timestamp(now);
        let scope = &token.scope;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO api_tokens (account_id, name, token_hash, role, organisation, created_at, created_by, \
             expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(account_id)
        .bind(&token.name)
        .bind(token_hash)
        .bind(scope.role.as_str())
        .bind(scope.organisation.as_ref().map(|o| o.as_str()))
        .bind(&at)
        .bind(&change.actor)
        .bind(token.expires_at.map(timestamp))
        .fetch_one(&mut *tx)
        .await?;
        for assignment in &scope.assignments {
            let (kind, key) = assignment_key(assignment);
            sqlx::query("INSERT INTO api_token_assignments (token_id, kind, key) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(kind)
                .bind(key)
                .execute(&mut *tx)
                .await?;
        }
        let assignments: Vec<String> = scope
            .assignments
            .iter()
            .map(|a| {
                let (kind, key) = assignment_key(a);
                format!("{kind}:{key}")
            })
            .collect();
        let entry = TokenEntry {
            action: "api-token.create",
            id,
            summary: format!(
                "API token {:?} created for {} as {}",
                token.name, account.email, scope.role
            ),
            before: None,
            after: serde_json::json!({
                "name": token.name,
                "account": account.email.as_str(),
                "role": scope.role.as_str(),
                "organisation": scope.organisation.as_ref().map(|o| o.as_str()),
                "assignments": assignments,
                "expires_at": token.expires_at.map(timestamp),
            }),
            change,
            at: &at,
        };
        audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn api_tokens(&self) -> StoreResult<Vec<ApiToken>> {
        let mut tx = super::begin_read(&self.pool).await?;
        let rows: Vec<TokenRow> = sqlx::query_as(&format!("{TOKEN_COLUMNS} ORDER BY id DESC"))
            .fetch_all(&mut *tx)
            .await?;
        let tokens = with_assignments(&mut tx, rows).await?;
        tx.commit().await?;
        Ok(tokens)
    }

    async fn revoke_api_token(&self, id: i64, change: &Change, now: DateTime<Utc>) -> StoreResult<bool> {
        let mut tx = self.pool.begin_with(super::BEGIN_WRITE).await?;
        let at = timestamp(now);
        let revoked: Option<(String, i64)> = sqlx::query_as(
            "UPDATE api_tokens SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND revoked_at IS NULL \
             RETURNING name, account_id",
        )
        .bind(&at)
        .bind(&change.actor)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((name, account_id)) = revoked else {
            tx.rollback().await?;
            return Ok(false);
        };
        let email = account_by_id(&mut tx, account_id)
            .await?
            .map_or_else(|| format!("account {account_id}"), |a| a.email.to_string());
        let entry = TokenEntry {
            action: "api-token.revoke",
            id,
            summary: format!("API token {name:?} of {email} revoked"),
            before: Some(serde_json::json!({ "revoked_at": null })),
            after: serde_json::json!({ "revoked_at": at }),
            change,
            at: &at,
        };
        audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn api_token_by_hash(&self, token_hash: &str) -> StoreResult<Option<(ApiToken, Account)>> {
        let mut tx = super::begin_read(&self.pool).await?;
        let row: Option<TokenRow> = sqlx::query_as(&format!("{TOKEN_COLUMNS} WHERE token_hash = $1"))
            .bind(token_hash)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else {
            tx.rollback().await?;
            return Ok(None);
        };
        let token = with_assignments(&mut tx, vec![row]).await?.remove(0);
        let account = account_by_id(&mut tx, token.account_id).await?;
        tx.commit().await?;
        Ok(account.map(|account| (token, account)))
    }
}
