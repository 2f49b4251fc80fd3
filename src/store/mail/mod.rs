//! The mail outbox: emails queued with their reason's transaction and claimed by servers with leases, as the
//! jobs are. Nothing here is published, so none of it takes the data version.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;
use crate::domain::change::Change;
use crate::domain::mail::{Delivery, MailPurpose, MailState, NewMail, OutboxMail};
use crate::domain::Lang;

#[async_trait]
pub trait MailOutbox: Send + Sync + 'static {
    /// Queues emails in one transaction with one audit entry naming `change`'s actor and reason; how many.
    async fn queue_mail(&self, mail: &[NewMail], change: &Change, now: DateTime<Utc>) -> StoreResult<usize>;

    /// Takes up to `limit` queued emails that are due (or whose lease ran out) for `worker` until
    /// `lease_until`, oldest first. PostgreSQL skips rows another server is claiming.
    async fn claim_mail(
        &self,
        worker: &str,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<OutboxMail>>;

    /// Extends the lease on the queued emails `worker` holds.
    async fn extend_mail_lease(&self, worker: &str, lease_until: DateTime<Utc>) -> StoreResult<()>;

    /// Records how an attempt ended, if `worker` still holds the email; `false` when it lost the lease.
    async fn finish_mail(&self, id: i64, worker: &str, delivery: &Delivery, now: DateTime<Utc>) -> StoreResult<bool>;

    /// Emails in any of `states`, newest first.
    async fn mail_in(&self, states: &[MailState], limit: i64) -> StoreResult<Vec<OutboxMail>>;

    /// How many emails are in each state (states with none left out).
    async fn mail_counts(&self) -> StoreResult<Vec<(MailState, i64)>>;
}

/// An outbox row as the database gives it; times are RFC 3339 text on both backends.
#[derive(Debug, sqlx::FromRow)]
pub struct MailRow {
    pub id: i64,
    pub message_id: String,
    pub purpose: String,
    pub recipient: String,
    pub language: String,
    pub subject: String,
    pub body_text: String,
    pub state: String,
    pub attempts: i64,
    pub next_attempt_at: String,
    pub last_error: Option<String>,
    pub created_at: String,
    pub attempted_at: Option<String>,
    pub sent_at: Option<String>,
}

/// The columns of [`MailRow`], in a SELECT or RETURNING list.
pub const MAIL_COLUMNS: &str = "id, message_id, purpose, recipient, language, subject, body_text, state, attempts, \
     next_attempt_at, last_error, created_at, attempted_at, sent_at";

impl MailRow {
    pub fn into_mail(self) -> anyhow::Result<OutboxMail> {
        let instant = |text: &str| -> anyhow::Result<DateTime<Utc>> {
            Ok(DateTime::parse_from_rfc3339(text)?.with_timezone(&Utc))
        };
        let id = self.id;
        Ok(OutboxMail {
            id,
            purpose: MailPurpose::parse(&self.purpose)
                .ok_or_else(|| anyhow::anyhow!("email {id} has an unknown purpose {:?}", self.purpose))?,
            language: self
                .language
                .parse::<Lang>()
                .map_err(|_| anyhow::anyhow!("email {id} has an unknown language {:?}", self.language))?,
            state: MailState::parse(&self.state)
                .ok_or_else(|| anyhow::anyhow!("email {id} has an unknown state {:?}", self.state))?,
            attempts: u32::try_from(self.attempts)?,
            next_attempt_at: instant(&self.next_attempt_at)?,
            created_at: instant(&self.created_at)?,
            attempted_at: self.attempted_at.as_deref().map(instant).transpose()?,
            sent_at: self.sent_at.as_deref().map(instant).transpose()?,
            message_id: self.message_id,
            recipient: self.recipient,
            subject: self.subject,
            body_text: self.body_text,
            last_error: self.last_error,
        })
    }
}
