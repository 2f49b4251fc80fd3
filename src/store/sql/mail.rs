//! The mail outbox. Claiming is the jobs' way: PostgreSQL skips rows another server is claiming
//! (`SKIP_LOCKED`), SQLite has one writer at a time anyway. Each email's end is written on its own as soon as
//! its attempt ends, so a server that dies loses at most the one email it was handing over.

use std::sync::LazyLock;

use anyhow::Context as _;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{insert_all, instant, Backend, Db, Tx, SKIP_LOCKED};
use crate::domain::change::Change;
use crate::domain::mail::{Delivery, MailState, NewMail, OutboxMail};
use crate::store::mail::{MailOutbox, MailRow, MAIL_COLUMNS};
use crate::store::StoreResult;

static CLAIM: LazyLock<String> = LazyLock::new(|| {
    format!(
        "UPDATE mail_outbox SET leased_by = $1, leased_until = $2 WHERE id IN (SELECT id FROM mail_outbox \
         WHERE state = 'queued' AND next_attempt_at <= $3 AND (leased_until IS NULL OR leased_until < $3) \
         ORDER BY id LIMIT $4{SKIP_LOCKED}) RETURNING {MAIL_COLUMNS}"
    )
});

/// Adds emails to the outbox inside the caller's transaction, so they commit with their reason or not at all.
pub(super) async fn insert_mail(tx: &mut Tx<'_>, mail: &[NewMail], now: DateTime<Utc>) -> anyhow::Result<()> {
    let at = instant(now);
    insert_all(
        tx,
        "INSERT INTO mail_outbox (message_id, purpose, recipient, language, subject, body_text, state, attempts, \
         next_attempt_at, created_at) ",
        mail,
        |mut row, m| {
            row.push_bind(m.message_id.clone())
                .push_bind(m.purpose.as_str())
                .push_bind(m.recipient.as_str().to_owned())
                .push_bind(m.language.code())
                .push_bind(m.subject.clone())
                .push_bind(m.body_text.clone())
                .push_bind("queued")
                .push_bind(0_i64)
                .push_bind(at.clone())
                .push_bind(at.clone());
        },
    )
    .await
}

fn mails(rows: Vec<MailRow>) -> anyhow::Result<Vec<OutboxMail>> {
    rows.into_iter().map(MailRow::into_mail).collect()
}

#[async_trait]
impl MailOutbox for Backend {
    async fn queue_mail(&self, mail: &[NewMail], change: &Change, now: DateTime<Utc>) -> StoreResult<usize> {
        let mut tx = self.pool.begin_with(super::BEGIN_WRITE).await?;
        insert_mail(&mut tx, mail, now).await?;
        let purposes: std::collections::BTreeSet<&str> = mail.iter().map(|m| m.purpose.as_str()).collect();
        // The bodies stay out of the audit log: a reset email's body is a key to an account.
        let after = serde_json::json!({
            "emails": mail.len(),
            "purposes": purposes,
            "first_message_id": mail.first().map(|m| m.message_id.as_str()),
        });
        sqlx::query(
            "INSERT INTO change_log (at, actor, reason, city_slug, version_label, summary, action, subject, \
             after_json) VALUES ($1, $2, $3, '', '', $4, 'mail.queue', 'mail', $5)",
        )
        .bind(instant(now))
        .bind(&change.actor)
        .bind(&change.reason)
        .bind(format!("{} email(s) queued", mail.len()))
        .bind(after.to_string())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(mail.len())
    }

    async fn claim_mail(
        &self,
        worker: &str,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<OutboxMail>> {
        let rows: Vec<MailRow> = sqlx::query_as(CLAIM.as_str())
            .bind(worker)
            .bind(instant(lease_until))
            .bind(instant(now))
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .context("cannot claim emails to send")?;
        let mut claimed = mails(rows)?;
        claimed.sort_by_key(|m| m.id);
        Ok(claimed)
    }

    async fn extend_mail_lease(&self, worker: &str, lease_until: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query("UPDATE mail_outbox SET leased_until = $1 WHERE leased_by = $2 AND state = 'queued'")
            .bind(instant(lease_until))
            .bind(worker)
            .execute(&self.pool)
            .await
            .context("cannot extend the lease on emails being sent")?;
        Ok(())
    }

    async fn finish_mail(&self, id: i64, worker: &str, delivery: &Delivery, now: DateTime<Utc>) -> StoreResult<bool> {
        let at = instant(now);
        let (state, next, error, sent_at) = match delivery {
            Delivery::Sent => ("sent", None, None, Some(at.clone())),
            Delivery::Retry { at: next, error } => ("queued", Some(instant(*next)), Some(error.as_str()), None),
            Delivery::Failed { error } => ("failed", None, Some(error.as_str()), None),
            Delivery::Bounced { error } => ("bounced", None, Some(error.as_str()), None),
        };
        let updated = sqlx::query(
            "UPDATE mail_outbox SET state = $1, next_attempt_at = COALESCE($2, next_attempt_at), \
             last_error = COALESCE($3, last_error), sent_at = $4, attempted_at = $5, attempts = attempts + 1, \
             leased_by = NULL, leased_until = NULL WHERE id = $6 AND leased_by = $7 AND state = 'queued'",
        )
        .bind(state)
        .bind(next)
        .bind(error)
        .bind(sent_at)
        .bind(&at)
        .bind(id)
        .bind(worker)
        .execute(&self.pool)
        .await
        .context("cannot record how sending an email ended")?;
        Ok(updated.rows_affected() == 1)
    }

    async fn mail_in(&self, states: &[MailState], limit: i64) -> StoreResult<Vec<OutboxMail>> {
        if states.is_empty() {
            return Ok(Vec::new());
        }
        let mut query =
            sqlx::QueryBuilder::<Db>::new(format!("SELECT {MAIL_COLUMNS} FROM mail_outbox WHERE state IN ("));
        let mut list = query.separated(", ");
        for state in states {
            list.push_bind(state.as_str());
        }
        query.push(") ORDER BY id DESC LIMIT ").push_bind(limit);
        let rows: Vec<MailRow> = query
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .context("cannot list emails")?;
        Ok(mails(rows)?)
    }

    async fn mail_counts(&self) -> StoreResult<Vec<(MailState, i64)>> {
        let rows: Vec<(String, i64)> = sqlx::query_as("SELECT state, COUNT(*) FROM mail_outbox GROUP BY state")
            .fetch_all(&self.pool)
            .await
            .context("cannot count emails")?;
        Ok(rows
            .into_iter()
            .filter_map(|(state, count)| MailState::parse(&state).map(|s| (s, count)))
            .collect())
    }
}
