//! Reminders and the weekly digest: items' update intervals, when each was last updated, and the records of
//! reminders and digests sent. A record is written in the same transaction as its emails, and a reminder the
//! job sends is unique per item and due date (a digest per organisation and week), so two servers, or one
//! restarted, never send one twice. None of it is published, so none of it takes the data version.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use super::StoreResult;
use crate::domain::access::Assignment;
use crate::domain::change::Change;
use crate::domain::mail::NewMail;
use crate::domain::reminders::{Schedule, UpdateInterval};

/// Why a reminder is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// The job found the update due: at most once per item and due date.
    Due,
    /// A person pressed "remind now": as often as they do.
    Manual,
}

impl Cause {
    pub fn as_str(self) -> &'static str {
        match self {
            Cause::Due => "due",
            Cause::Manual => "manual",
        }
    }
}

/// A reminder to record with its emails.
#[derive(Debug, Clone)]
pub struct NewReminder<'a> {
    pub item: Assignment,
    pub cause: Cause,
    /// The due date it reminds of.
    pub due_on: NaiveDate,
    pub mail: &'a [NewMail],
}

/// What was updated in a week, for the digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekChange {
    pub item: Assignment,
    /// Status updates posted (an action) or values entered (an indicator).
    pub count: i64,
}

#[async_trait]
pub trait Reminders: Send + Sync + 'static {
    /// Every item with an interval, with its last update in `city`.
    async fn schedules(&self, city: &str) -> StoreResult<Vec<Schedule>>;

    /// Sets an item's interval (`None`: no reminders), audited; `false` when it was so already.
    async fn set_update_interval(
        &self,
        item: Assignment,
        interval: Option<UpdateInterval>,
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;

    /// Queues the reminder's emails with its record and an audit entry, in one transaction; `false` (and
    /// nothing written) when a reminder of [`Cause::Due`] for the same item and due date was sent already.
    async fn record_reminder(
        &self,
        reminder: &NewReminder<'_>,
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;

    /// When each item was last reminded of, by any cause.
    async fn last_reminders(&self) -> StoreResult<Vec<(Assignment, DateTime<Utc>)>>;

    /// What was updated in `city` from `from` (inclusive) to `to` (exclusive).
    async fn changes_between(&self, city: &str, from: DateTime<Utc>, to: DateTime<Utc>)
        -> StoreResult<Vec<WeekChange>>;

    /// Queues an organisation's digest for the week starting `week_of` with its record and an audit entry, in
    /// one transaction; `false` (and nothing written) when that week's digest was sent already.
    async fn record_digest(
        &self,
        organisation: &str,
        week_of: NaiveDate,
        mail: &[NewMail],
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;

    /// The accounts that said no to the digest.
    async fn digest_opt_outs(&self) -> StoreResult<Vec<i64>>;

    /// Says yes or no to the digest for one account, audited; `false` when it was so already.
    async fn set_digest_opt_out(
        &self,
        account_id: i64,
        opt_out: bool,
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
}
