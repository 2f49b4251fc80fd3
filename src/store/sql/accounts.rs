//! Accounts, sessions, sign-in throttling and OpenID Connect sign-ins under way.

use anyhow::Context as _;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{Backend, Db};
use crate::domain::access::{Account, AccountChanges, Assignment, Email, NewAccount, Session, SessionLimits};
use crate::domain::change::Change;
use crate::store::accounts::rows::{time, timestamp, AccountRow, AssignmentRow, LiveSessionRow, SessionRow};
use crate::store::accounts::{Accounts, NewSession, OidcLogin};
use crate::store::{StoreError, StoreResult};

type Tx<'c> = sqlx::Transaction<'c, Db>;

const ACCOUNT_COLUMNS: &str =
    "SELECT id, email, display_name, role, organisation, language, active, password_hash FROM accounts";
const SESSION_COLUMNS: &str =
    "SELECT id, account_id, created_at, last_seen_at, expires_at, user_agent, csrf_token FROM sessions";

/// A session is marked seen at most this often, so that reading pages does not write on every request.
const SEEN_GRANULARITY: chrono::Duration = chrono::Duration::minutes(1);

/// Joins the accounts of `rows` to their assignments: a single account (every signed-in request) reads only
/// its own, a list reads them all at once rather than one query per account.
async fn with_assignments(tx: &mut Tx<'_>, rows: Vec<AccountRow>) -> anyhow::Result<Vec<(Account, Option<String>)>> {
    let assignments: Vec<AssignmentRow> = match rows.as_slice() {
        [] => Vec::new(),
        [only] => {
            sqlx::query_as("SELECT account_id, kind, key FROM assignments WHERE account_id = $1 ORDER BY kind, key")
                .bind(only.id)
                .fetch_all(&mut **tx)
                .await
                .context("cannot read assignments")?
        }
        _ => sqlx::query_as("SELECT account_id, kind, key FROM assignments ORDER BY account_id, kind, key")
            .fetch_all(&mut **tx)
            .await
            .context("cannot read assignments")?,
    };
    rows.into_iter().map(|row| row.into_account(&assignments)).collect()
}

/// What an admin may change of an account, as the audit log keeps it.
fn reach_json(account: &Account) -> serde_json::Value {
    let keys = |wanted: &str| -> Vec<String> {
        account
            .assignments
            .iter()
            .filter_map(|a| match (a, wanted) {
                (Assignment::Action(id), "action") => Some(id.to_string()),
                (Assignment::Indicator(id), "indicator") => Some(id.to_string()),
                _ => None,
            })
            .collect()
    };
    serde_json::json!({
        "role": account.role.as_str(),
        "organisation": account.organisation.as_ref().map(|o| o.as_str()),
        "active": account.active,
        "actions": keys("action"),
        "indicators": keys("indicator"),
    })
}

pub(super) async fn account_by_id(tx: &mut Tx<'_>, id: i64) -> anyhow::Result<Option<Account>> {
    let row: Option<AccountRow> = sqlx::query_as(&format!("{ACCOUNT_COLUMNS} WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
        .context("cannot read the account")?;
    let accounts = with_assignments(tx, row.into_iter().collect()).await?;
    Ok(accounts.into_iter().next().map(|(account, _)| account))
}

#[async_trait]
impl Accounts for Backend {
    async fn create_account(
        &self,
        account: &NewAccount,
        password_hash: Option<&str>,
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<i64> {
        let mut tx = self.pool.begin_with(super::BEGIN_WRITE).await?;
        let at = timestamp(now);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO accounts (email, display_name, role, organisation, language, password_hash, active, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
        )
        .bind(account.email.as_str())
        .bind(&account.display_name)
        .bind(account.role.as_str())
        .bind(account.organisation.as_ref().map(|o| o.as_str()))
        .bind(account.language.code())
        .bind(password_hash)
        .bind(true)
        .bind(&at)
        .fetch_one(&mut *tx)
        .await
        .map_err(|error| match StoreError::from(error) {
            StoreError::Conflict(_) => StoreError::conflict(format!("an account for {} exists", account.email)),
            other => other,
        })?;
        let after = serde_json::json!({
            "email": account.email.as_str(),
            "display_name": account.display_name,
            "role": account.role.as_str(),
            "organisation": account.organisation.as_ref().map(|o| o.as_str()),
            "language": account.language.code(),
            "password": password_hash.is_some(),
        });
        sqlx::query(
            "INSERT INTO change_log (at, actor, reason, city_slug, version_label, summary, action, subject, \
             after_json) VALUES ($1, $2, $3, '', '', $4, 'account.create', $5, $6)",
        )
        .bind(&at)
        .bind(&change.actor)
        .bind(&change.reason)
        .bind(format!("account {} created as {}", account.email, account.role))
        .bind(format!("account:{id}"))
        .bind(after.to_string())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn update_account(
        &self,
        id: i64,
        changes: &AccountChanges,
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<Account> {
        let mut tx = self.pool.begin_with(super::BEGIN_WRITE).await?;
        let before = account_by_id(&mut tx, id)
            .await?
            .ok_or_else(|| StoreError::not_found(format!("there is no account {id}")))?;
        let at = timestamp(now);
        sqlx::query("UPDATE accounts SET role = $2, organisation = $3, active = $4, updated_at = $5 WHERE id = $1")
            .bind(id)
            .bind(changes.role.as_str())
            .bind(changes.organisation.as_ref().map(|o| o.as_str()))
            .bind(changes.active)
            .bind(&at)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM assignments WHERE account_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for assignment in &changes.assignments {
            let (kind, key) = match assignment {
                Assignment::Action(action) => ("action", action.to_string()),
                Assignment::Indicator(indicator) => ("indicator", indicator.to_string()),
            };
            sqlx::query("INSERT INTO assignments (account_id, kind, key) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(kind)
                .bind(key)
                .execute(&mut *tx)
                .await?;
        }
        if !changes.active {
            sqlx::query("DELETE FROM sessions WHERE account_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        let after = account_by_id(&mut tx, id)
            .await?
            .ok_or_else(|| StoreError::not_found(format!("there is no account {id}")))?;
        sqlx::query(
            "INSERT INTO change_log (at, actor, reason, city_slug, version_label, summary, action, subject, \
             before_json, after_json) VALUES ($1, $2, $3, '', '', $4, 'account.update', $5, $6, $7)",
        )
        .bind(&at)
        .bind(&change.actor)
        .bind(&change.reason)
        .bind(format!("account {} changed", after.email))
        .bind(format!("account:{id}"))
        .bind(reach_json(&before).to_string())
        .bind(reach_json(&after).to_string())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn accounts(&self) -> StoreResult<Vec<Account>> {
        let mut tx = super::begin_read(&self.pool).await?;
        let rows: Vec<AccountRow> = sqlx::query_as(&format!("{ACCOUNT_COLUMNS} ORDER BY email"))
            .fetch_all(&mut *tx)
            .await?;
        let accounts = with_assignments(&mut tx, rows).await?;
        tx.commit().await?;
        Ok(accounts.into_iter().map(|(account, _)| account).collect())
    }

    async fn account_emails(&self, ids: &[i64]) -> StoreResult<std::collections::HashMap<i64, String>> {
        if ids.is_empty() {
            return Ok(std::collections::HashMap::new());
        }
        let mut query = sqlx::QueryBuilder::<Db>::new("SELECT id, email FROM accounts WHERE id IN (");
        let mut list = query.separated(", ");
        for id in ids {
            list.push_bind(*id);
        }
        query.push(")");
        let rows: Vec<(i64, String)> = query.build_query_as().fetch_all(&self.pool).await?;
        Ok(rows.into_iter().collect())
    }

    async fn credentials(&self, email: &Email) -> StoreResult<Option<(Account, Option<String>)>> {
        let mut tx = super::begin_read(&self.pool).await?;
        let row: Option<AccountRow> = sqlx::query_as(&format!("{ACCOUNT_COLUMNS} WHERE email = $1"))
            .bind(email.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        let found = with_assignments(&mut tx, row.into_iter().collect()).await?;
        tx.commit().await?;
        Ok(found.into_iter().next())
    }

    async fn failures_since(&self, key: &str, since: DateTime<Utc>) -> StoreResult<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM sign_in_failures WHERE key = $1 AND at >= $2")
                .bind(key)
                .bind(timestamp(since))
                .fetch_one(&self.pool)
                .await?,
        )
    }

    async fn record_failure(
        &self,
        keys: &[String],
        at: DateTime<Utc>,
        forget_before: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin_with(super::BEGIN_WRITE).await?;
        for key in keys {
            sqlx::query("DELETE FROM sign_in_failures WHERE key = $1 AND at < $2")
                .bind(key)
                .bind(timestamp(forget_before))
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO sign_in_failures (key, at) VALUES ($1, $2)")
                .bind(key)
                .bind(timestamp(at))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn clear_failures(&self, key: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM sign_in_failures WHERE key = $1")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn start_session(&self, session: &NewSession<'_>) -> StoreResult<Session> {
        let at = timestamp(session.now);
        let row: SessionRow = sqlx::query_as(
            "INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, last_seen_at, expires_at, \
             user_agent) VALUES ($1, $2, $3, $4, $4, $5, $6) \
             RETURNING id, account_id, created_at, last_seen_at, expires_at, user_agent, csrf_token",
        )
        .bind(session.token_hash)
        .bind(session.account_id)
        .bind(session.csrf_token)
        .bind(&at)
        .bind(timestamp(session.expires_at))
        .bind(session.user_agent)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.into_session()?)
    }

    async fn live_session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
        limits: SessionLimits,
    ) -> StoreResult<Option<(Session, Account)>> {
        // Every signed-in request comes here, so the read is one statement (a consistent view of the three
        // tables on both backends, and no write lock), and the rare write (ending a dead session, or noting
        // the session seen, once a minute) runs on its own afterwards. A transaction that reads and then
        // writes would, on SQLite, be refused the write whenever another connection had written since its read.
        let rows: Vec<LiveSessionRow> = sqlx::query_as(
            "SELECT s.id, s.account_id, s.created_at, s.last_seen_at, s.expires_at, s.user_agent, s.csrf_token, \
             a.email, a.display_name, a.role, a.organisation, a.language, a.active, a.password_hash, \
             g.kind, g.key FROM sessions s JOIN accounts a ON a.id = s.account_id \
             LEFT JOIN assignments g ON g.account_id = a.id WHERE s.token_hash = $1 ORDER BY g.kind, g.key",
        )
        .bind(token_hash)
        .fetch_all(&self.pool)
        .await?;
        let Some((mut session, account)) = LiveSessionRow::into_session(rows)? else {
            return Ok(None);
        };
        if !(account.active && session.is_live(now, limits)) {
            sqlx::query("DELETE FROM sessions WHERE id = $1")
                .bind(session.id)
                .execute(&self.pool)
                .await?;
            return Ok(None);
        }
        if now - session.last_seen_at >= SEEN_GRANULARITY {
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2")
                .bind(timestamp(now))
                .bind(session.id)
                .execute(&self.pool)
                .await?;
            session.last_seen_at = now;
        }
        Ok(Some((session, account)))
    }

    async fn sessions_of(&self, account_id: i64) -> StoreResult<Vec<Session>> {
        let rows: Vec<SessionRow> = sqlx::query_as(&format!(
            "{SESSION_COLUMNS} WHERE account_id = $1 ORDER BY created_at DESC, id DESC"
        ))
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(SessionRow::into_session)
            .collect::<anyhow::Result<_>>()?)
    }

    async fn end_session(&self, account_id: i64, session_id: i64) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM sessions WHERE id = $1 AND account_id = $2")
            .bind(session_id)
            .bind(account_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn save_oidc_login(&self, login: &OidcLogin, forget_before: DateTime<Utc>) -> StoreResult<()> {
        let mut tx = self.pool.begin_with(super::BEGIN_WRITE).await?;
        sqlx::query("DELETE FROM oidc_logins WHERE created_at < $1")
            .bind(timestamp(forget_before))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO oidc_logins (state_hash, verifier, nonce, next, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&login.state_hash)
        .bind(&login.verifier)
        .bind(&login.nonce)
        .bind(&login.next)
        .bind(timestamp(login.created_at))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn take_oidc_login(&self, state_hash: &str, not_before: DateTime<Utc>) -> StoreResult<Option<OidcLogin>> {
        let row: Option<(String, String, String, String, String)> = sqlx::query_as(
            "DELETE FROM oidc_logins WHERE state_hash = $1 RETURNING state_hash, verifier, nonce, next, created_at",
        )
        .bind(state_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some((state_hash, verifier, nonce, next, created_at)) = row else {
            return Ok(None);
        };
        let login = OidcLogin {
            state_hash,
            verifier,
            nonce,
            next,
            created_at: time(&created_at)?,
        };
        Ok((login.created_at >= not_before).then_some(login))
    }

    async fn account_by_subject(&self, subject: &str) -> StoreResult<Option<Account>> {
        let mut tx = super::begin_read(&self.pool).await?;
        let row: Option<AccountRow> = sqlx::query_as(&format!("{ACCOUNT_COLUMNS} WHERE oidc_subject = $1"))
            .bind(subject)
            .fetch_optional(&mut *tx)
            .await?;
        let found = with_assignments(&mut tx, row.into_iter().collect()).await?;
        tx.commit().await?;
        Ok(found.into_iter().next().map(|(account, _)| account))
    }

    async fn link_subject(
        &self,
        account_id: i64,
        subject: &str,
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin_with(super::BEGIN_WRITE).await?;
        let at = timestamp(now);
        let linked = sqlx::query(
            "UPDATE accounts SET oidc_subject = $1, updated_at = $2 WHERE id = $3 AND oidc_subject IS NULL",
        )
        .bind(subject)
        .bind(&at)
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
        if linked.rows_affected() == 0 {
            return Err(StoreError::conflict(format!(
                "account {account_id} is linked to another subject"
            )));
        }
        sqlx::query(
            "INSERT INTO change_log (at, actor, reason, city_slug, version_label, summary, action, subject, \
             after_json) VALUES ($1, $2, $3, '', '', $4, 'account.link-oidc', $5, $6)",
        )
        .bind(&at)
        .bind(&change.actor)
        .bind(&change.reason)
        .bind(format!("account {account_id} linked to its OpenID Connect subject"))
        .bind(format!("account:{account_id}"))
        .bind(serde_json::json!({ "oidc_subject": subject }).to_string())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
