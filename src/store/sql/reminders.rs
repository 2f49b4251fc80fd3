//! Reminders and the weekly digest. "Sent once" rests on the database: a due reminder's record is unique per
//! item and due date, a digest's per organisation and week, and each is inserted with `ON CONFLICT DO NOTHING`
//! in the transaction that queues its emails. Whoever inserts second (another server, or the same job run
//! again) inserts nothing and queues nothing; on PostgreSQL it waits for the first to commit to find out.

use anyhow::Context as _;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use super::{instant, Backend, Tx};
use crate::domain::access::Assignment;
use crate::domain::change::Change;
use crate::domain::mail::NewMail;
use crate::domain::reminders::{item, kind, Schedule, UpdateInterval};
use crate::store::accounts::rows::{corrupt, time};
use crate::store::reminders::{NewReminder, Reminders, WeekChange};
use crate::store::StoreResult;

/// An audit entry of this capability; `subject` names the item (`action:12`) or the account.
struct Audit<'a> {
    summary: String,
    action: &'static str,
    subject: String,
    before: Option<serde_json::Value>,
    after: serde_json::Value,
    change: &'a Change,
    now: DateTime<Utc>,
}

async fn audit(tx: &mut Tx<'_>, entry: Audit<'_>) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO change_log (at, actor, reason, city_slug, version_label, summary, action, subject, \
         before_json, after_json) VALUES ($1, $2, $3, '', '', $4, $5, $6, $7, $8)",
    )
    .bind(instant(entry.now))
    .bind(&entry.change.actor)
    .bind(&entry.change.reason)
    .bind(entry.summary)
    .bind(entry.action)
    .bind(entry.subject)
    .bind(entry.before.map(|b| b.to_string()))
    .bind(entry.after.to_string())
    .execute(&mut **tx)
    .await
    .context("cannot write the audit entry")?;
    Ok(())
}

fn subject(item: Assignment) -> String {
    format!("{}:{}", kind(item), key(item))
}

fn key(item: Assignment) -> String {
    match item {
        Assignment::Action(id) => id.to_string(),
        Assignment::Indicator(id) => id.to_string(),
    }
}

fn stored_item(kind: &str, key: &str) -> anyhow::Result<Assignment> {
    item(kind, key).ok_or_else(|| corrupt("reminder item", &format!("{kind}:{key}")))
}

/// The latest status update of each action and the latest value entered for each indicator of `city`.
async fn last_updates(tx: &mut Tx<'_>, city: &str) -> anyhow::Result<Vec<(Assignment, DateTime<Utc>)>> {
    let actions: Vec<(i64, String)> = sqlx::query_as(
        "SELECT u.action_id, MAX(u.created_at) FROM action_updates u JOIN cities c ON c.id = u.city_id \
         WHERE c.slug = $1 GROUP BY u.action_id",
    )
    .bind(city)
    .fetch_all(&mut **tx)
    .await
    .context("cannot read the latest status updates")?;
    let indicators: Vec<(i64, String)> = sqlx::query_as(
        "SELECT v.indicator_id, MAX(p.entered_at) FROM indicator_values v \
         JOIN provenances p ON p.city_id = v.city_id AND p.id = v.provenance_id \
         JOIN cities c ON c.id = v.city_id WHERE c.slug = $1 GROUP BY v.indicator_id",
    )
    .bind(city)
    .fetch_all(&mut **tx)
    .await
    .context("cannot read the latest values")?;
    let mut last = Vec::with_capacity(actions.len() + indicators.len());
    for (kind, rows) in [("action", actions), ("indicator", indicators)] {
        for (id, at) in rows {
            last.push((stored_item(kind, &id.to_string())?, time(&at)?));
        }
    }
    Ok(last)
}

#[async_trait]
impl Reminders for Backend {
    async fn schedules(&self, city: &str) -> StoreResult<Vec<Schedule>> {
        let mut tx = super::begin_read(&self.pool).await?;
        let rows: Vec<(String, String, String, String)> =
            sqlx::query_as("SELECT kind, key, every, set_at FROM update_intervals ORDER BY kind, key")
                .fetch_all(&mut *tx)
                .await
                .context("cannot read the update intervals")?;
        let last = last_updates(&mut tx, city).await?;
        tx.commit().await?;
        let mut schedules = Vec::with_capacity(rows.len());
        for (kind, key, every, set_at) in rows {
            let item = stored_item(&kind, &key)?;
            schedules.push(Schedule {
                item,
                interval: UpdateInterval::parse(&every).ok_or_else(|| corrupt("update interval", &every))?,
                set_at: time(&set_at)?,
                last_update: last.iter().find(|(i, _)| *i == item).map(|(_, at)| *at),
            });
        }
        Ok(schedules)
    }

    async fn set_update_interval(
        &self,
        item: Assignment,
        interval: Option<UpdateInterval>,
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let mut tx = self.pool.begin_with(super::BEGIN_WRITE).await?;
        let before: Option<String> =
            sqlx::query_scalar("SELECT every FROM update_intervals WHERE kind = $1 AND key = $2")
                .bind(kind(item))
                .bind(key(item))
                .fetch_optional(&mut *tx)
                .await?;
        let after = interval.map(UpdateInterval::as_str);
        if before.as_deref() == after {
            tx.rollback().await?;
            return Ok(false);
        }
        match after {
            None => {
                sqlx::query("DELETE FROM update_intervals WHERE kind = $1 AND key = $2")
                    .bind(kind(item))
                    .bind(key(item))
                    .execute(&mut *tx)
                    .await?;
            }
            Some(every) => {
                sqlx::query(
                    "INSERT INTO update_intervals (kind, key, every, set_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (kind, key) DO UPDATE SET every = excluded.every, set_at = excluded.set_at",
                )
                .bind(kind(item))
                .bind(key(item))
                .bind(every)
                .bind(instant(now))
                .execute(&mut *tx)
                .await?;
            }
        }
        audit(
            &mut tx,
            Audit {
                summary: format!(
                    "the update interval of {} was set to {}",
                    subject(item),
                    after.unwrap_or("none")
                ),
                action: "reminders.interval",
                subject: subject(item),
                before: Some(serde_json::json!({ "interval": before })),
                after: serde_json::json!({ "interval": after }),
                change,
                now,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn record_reminder(
        &self,
        reminder: &NewReminder<'_>,
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let mut tx = self.pool.begin_with(super::BEGIN_WRITE).await?;
        let due_on = reminder.due_on.format("%Y-%m-%d").to_string();
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO reminders_sent (kind, key, cause, due_on, recipients, actor, sent_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(kind(reminder.item))
        .bind(key(reminder.item))
        .bind(reminder.cause.as_str())
        .bind(&due_on)
        .bind(i64::try_from(reminder.mail.len()).unwrap_or(i64::MAX))
        .bind(&change.actor)
        .bind(instant(now))
        .fetch_optional(&mut *tx)
        .await
        .context("cannot record the reminder")?;
        if inserted.is_none() {
            tx.rollback().await?;
            return Ok(false);
        }
        super::mail::insert_mail(&mut tx, reminder.mail, now).await?;
        let recipients: Vec<&str> = reminder.mail.iter().map(|m| m.recipient.as_str()).collect();
        audit(
            &mut tx,
            Audit {
                summary: format!(
                    "{} reminder(s) of {} (due {due_on}) queued",
                    reminder.mail.len(),
                    subject(reminder.item)
                ),
                action: "reminders.remind",
                subject: subject(reminder.item),
                before: None,
                after: serde_json::json!({
                    "cause": reminder.cause.as_str(),
                    "due_on": due_on,
                    "recipients": recipients,
                }),
                change,
                now,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn last_reminders(&self) -> StoreResult<Vec<(Assignment, DateTime<Utc>)>> {
        let rows: Vec<(String, String, String)> =
            sqlx::query_as("SELECT kind, key, MAX(sent_at) FROM reminders_sent GROUP BY kind, key")
                .fetch_all(&self.pool)
                .await
                .context("cannot read the reminders sent")?;
        let mut last = Vec::with_capacity(rows.len());
        for (kind, key, at) in rows {
            last.push((stored_item(&kind, &key)?, time(&at)?));
        }
        Ok(last)
    }

    async fn changes_between(
        &self,
        city: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<WeekChange>> {
        let mut tx = super::begin_read(&self.pool).await?;
        let actions: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT u.action_id, COUNT(*) FROM action_updates u JOIN cities c ON c.id = u.city_id \
             WHERE c.slug = $1 AND u.created_at >= $2 AND u.created_at < $3 GROUP BY u.action_id ORDER BY u.action_id",
        )
        .bind(city)
        .bind(instant(from))
        .bind(instant(to))
        .fetch_all(&mut *tx)
        .await
        .context("cannot read the week's status updates")?;
        let indicators: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT v.indicator_id, COUNT(*) FROM indicator_values v \
             JOIN provenances p ON p.city_id = v.city_id AND p.id = v.provenance_id \
             JOIN cities c ON c.id = v.city_id WHERE c.slug = $1 AND p.entered_at >= $2 AND p.entered_at < $3 \
             GROUP BY v.indicator_id ORDER BY v.indicator_id",
        )
        .bind(city)
        .bind(instant(from))
        .bind(instant(to))
        .fetch_all(&mut *tx)
        .await
        .context("cannot read the week's values")?;
        tx.commit().await?;
        let mut changes = Vec::with_capacity(actions.len() + indicators.len());
        for (kind, rows) in [("action", actions), ("indicator", indicators)] {
            for (id, count) in rows {
                changes.push(WeekChange {
                    item: stored_item(kind, &id.to_string())?,
                    count,
                });
            }
        }
        Ok(changes)
    }

    async fn record_digest(
        &self,
        organisation: &str,
        week_of: NaiveDate,
        mail: &[NewMail],
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let mut tx = self.pool.begin_with(super::BEGIN_WRITE).await?;
        let week = week_of.format("%Y-%m-%d").to_string();
        let inserted: Option<String> = sqlx::query_scalar(
            "INSERT INTO digests_sent (organisation, week_of, recipients, sent_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT DO NOTHING RETURNING organisation",
        )
        .bind(organisation)
        .bind(&week)
        .bind(i64::try_from(mail.len()).unwrap_or(i64::MAX))
        .bind(instant(now))
        .fetch_optional(&mut *tx)
        .await
        .context("cannot record the digest")?;
        if inserted.is_none() {
            tx.rollback().await?;
            return Ok(false);
        }
        super::mail::insert_mail(&mut tx, mail, now).await?;
        let recipients: Vec<&str> = mail.iter().map(|m| m.recipient.as_str()).collect();
        audit(
            &mut tx,
            Audit {
                summary: format!("the weekly digest of {organisation} for the week of {week} queued"),
                action: "reminders.digest",
                subject: format!("organisation:{organisation}"),
                before: None,
                after: serde_json::json!({ "week_of": week, "recipients": recipients }),
                change,
                now,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn digest_opt_outs(&self) -> StoreResult<Vec<i64>> {
        Ok(
            sqlx::query_scalar("SELECT id FROM accounts WHERE digest_opt_out ORDER BY id")
                .fetch_all(&self.pool)
                .await
                .context("cannot read who said no to the digest")?,
        )
    }

    async fn set_digest_opt_out(
        &self,
        account_id: i64,
        opt_out: bool,
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let mut tx = self.pool.begin_with(super::BEGIN_WRITE).await?;
        let updated = sqlx::query("UPDATE accounts SET digest_opt_out = $1 WHERE id = $2 AND digest_opt_out <> $1")
            .bind(opt_out)
            .bind(account_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if updated == 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        audit(
            &mut tx,
            Audit {
                summary: format!(
                    "account {account_id} {} the weekly digest",
                    if opt_out { "said no to" } else { "subscribed to" }
                ),
                action: "account.digest",
                subject: format!("account:{account_id}"),
                before: Some(serde_json::json!({ "digest": opt_out })),
                after: serde_json::json!({ "digest": !opt_out }),
                change,
                now,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}
