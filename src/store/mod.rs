//! Persistence behind a few traits by capability (published reads, content writes, the change feed, jobs,
//! archives), each with one typed error, so that each backend (SQLite, PostgreSQL) is an addition rather than
//! a rewrite. Backends move rows (see [`rows`]); the domain conversion is shared.

pub mod accounts;
pub mod audit;
pub mod cascade_rows;
pub mod connectors;
pub mod drafts;
pub mod edits;
mod error;
pub mod export;
pub mod feed;
mod feed_rows;
pub mod jobs;
pub mod mail;
mod postgres;
mod record;
pub mod reminders;
pub mod rows;
mod sqlite;
pub mod surveys;
pub mod translations;
pub mod updates;
pub mod workflow;

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::domain::cascade::Cascade;
use crate::domain::change::{Change, NewValue, OnExisting, RecordSummary};
use crate::domain::revision::ValuesState;
use crate::domain::{Dataset, IndicatorId, Strategy, VersionSummary};

pub use accounts::resets::PasswordResets;
pub use accounts::tokens::ApiTokens;
pub use accounts::{Accounts, NewSession, OidcLogin};
pub use audit::{AuditEntry, AuditFilter, AuditLog};
pub use connectors::ConnectorRuns;
pub use drafts::structure::{DraftStructure, StructureNote, StructureSaved};
pub use drafts::{DraftSaved, DraftTexts};
pub use edits::{Applied, ContentEdits, YearApprovalRecord};
pub use error::StoreError;
pub use export::Export;
pub use feed::Changes;
pub use jobs::{Job, JobState, NewJob, Outcome};
pub use mail::MailOutbox;
pub use postgres::PgStore;
pub use reminders::Reminders;
pub use sqlite::SqliteStore;
pub use surveys::{NewAnswer, Surveys};
pub use translations::{QueuePage, Reviewed, Translations};
pub use updates::{ActionUpdates, Posted};
pub use workflow::{VersionRecord, VersionWorkflow};

pub type StoreResult<T> = Result<T, StoreError>;

/// What the public side reads: the current strategy and its cascade.
#[async_trait]
pub trait PublishedReads: Send + Sync + 'static {
    /// Answers whether the database can be reached.
    async fn ping(&self) -> StoreResult<()>;

    /// A number that grows with every committed content write; servers poll it to know when to catch up.
    async fn data_version(&self) -> StoreResult<i64>;

    /// The approved version the public reads: the one approved last. `None` on an empty database.
    async fn current_strategy(&self) -> StoreResult<Option<Strategy>>;

    /// The strategy versions `audience` may read, approved ones by approval date, then those without one.
    async fn versions(&self, audience: Audience) -> StoreResult<Vec<VersionSummary>>;

    /// The version labelled `label`; `None` when there is none, or when `audience` may not read it.
    async fn strategy_version(&self, label: &str, audience: Audience) -> StoreResult<Option<Strategy>>;

    /// A city's cascade; empty when the city has none.
    async fn cascade(&self, city: &str) -> StoreResult<Cascade>;

    /// A city's cascade without indicator values and corrections: what checking an import or linting needs,
    /// read quickly however many values the city holds.
    async fn cascade_outline(&self, city: &str) -> StoreResult<Cascade>;

    /// One indicator's regions and values as stored now, not as a server's snapshot holds them: the state a
    /// writer's `If-Match` is checked against. `None` when the city has no such indicator.
    async fn indicator_state(&self, city: &str, indicator: IndicatorId) -> StoreResult<Option<ValuesState>>;
}

/// Who reads strategy versions, which decides which versions they see: the public only versions the city
/// decided on ([`crate::domain::VersionStatus::is_public`]); staff and the command line every version, drafts
/// included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Public,
    Staff,
}

/// Writes of published content. Each is one transaction that also records what it changed in the change feed
/// and in the change log, with the actor and reason of its [`Change`].
#[async_trait]
pub trait ContentWrites: Send + Sync + 'static {
    /// Stores a whole strategy version: either all of it is written or nothing is.
    async fn save_strategy(&self, strategy: &Strategy, on_existing: OnExisting, change: &Change) -> StoreResult<()>;

    /// Stores a strategy version and its city's cascade together.
    async fn save_dataset(&self, dataset: &Dataset, on_existing: OnExisting, change: &Change) -> StoreResult<()>;

    /// Stores a city's whole cascade, replacing the one held when told to.
    async fn save_cascade(
        &self,
        city: &str,
        cascade: &Cascade,
        on_existing: OnExisting,
        change: &Change,
    ) -> StoreResult<()>;

    /// Records indicator values: all of them or none.
    async fn record_values(&self, city: &str, values: &[NewValue], change: &Change) -> StoreResult<RecordSummary>;

    /// Records values of one indicator as [`ContentWrites::record_values`] does, provided that when the write's
    /// turn comes the indicator's state still has the tag `expected` ([`ValuesState::tag`]; `None`: whatever
    /// the state); otherwise [`StoreError::Stale`], and nothing is written. Returns the tag of the state the
    /// write left, read in the same transaction, so the writer can go on from it.
    async fn record_values_if(
        &self,
        city: &str,
        indicator: IndicatorId,
        expected: Option<&str>,
        values: &[NewValue],
        change: &Change,
    ) -> StoreResult<(RecordSummary, String)>;

    /// Records values a connector fetched, all or none, their provenance keeping `origin`. Values identical
    /// to those stored are not a change: nothing is written and no data version is taken.
    async fn record_fetched_values(
        &self,
        city: &str,
        values: &[NewValue],
        origin: &crate::domain::connector::ValueOrigin,
        change: &Change,
    ) -> StoreResult<RecordSummary>;

    /// Copies the targets of one budget year to another; returns how many.
    async fn copy_targets(&self, city: &str, from: i32, to: i32, change: &Change) -> StoreResult<usize>;

    /// Sets an indicator's connector settings, or removes them (`None`); the change log keeps them before
    /// and after. Returns whether they changed: the same settings again write nothing.
    async fn set_connector(
        &self,
        city: &str,
        indicator: crate::domain::IndicatorId,
        settings: Option<&crate::domain::connector::ConnectorSettings>,
        change: &Change,
    ) -> StoreResult<bool>;
}

/// The change feed: what each content write changed, for servers to apply to what they hold.
#[async_trait]
pub trait ChangeFeed: Send + Sync + 'static {
    /// What changed in `city` since data version `since`, read in one snapshot with the rows it names.
    async fn changes_since(&self, city: &str, since: i64) -> StoreResult<Changes>;

    /// Removes entries recorded before `before`, keeping the newest `keep_at_least`; returns how many went.
    /// A server whose version is older than what remains reads everything anew.
    async fn prune_feed(&self, before: DateTime<Utc>, keep_at_least: i64) -> StoreResult<u64>;

    /// Wakes the receiver soon after any server commits a content write, where the backend can tell
    /// (PostgreSQL's LISTEN/NOTIFY); `None` where polling is the only way.
    async fn subscribe(&self) -> StoreResult<Option<tokio::sync::mpsc::Receiver<()>>>;
}

/// Background jobs claimed with leases. Job writes never touch the data version: the public never reads them.
#[async_trait]
pub trait Jobs: Send + Sync + 'static {
    /// Adds a job; `None` when a queued or running job already has its unique key.
    async fn enqueue(&self, job: &NewJob) -> StoreResult<Option<i64>>;

    /// Takes the next job that is due (or whose lease ran out) for `worker` until `lease_until`, counting
    /// the attempt. A job whose lease ran out on its last attempt is marked dead instead.
    async fn claim(&self, worker: &str, now: DateTime<Utc>, lease_until: DateTime<Utc>) -> StoreResult<Option<Job>>;

    /// Extends the lease of a job `worker` still holds; `false` when it lost the lease.
    async fn extend_lease(&self, id: i64, worker: &str, lease_until: DateTime<Utc>) -> StoreResult<bool>;

    /// Records how an attempt ended, if `worker` still holds the job; `false` when it lost the lease.
    async fn finish_job(&self, id: i64, worker: &str, outcome: &Outcome, now: DateTime<Utc>) -> StoreResult<bool>;

    /// Jobs newest first, in one state or all.
    async fn jobs(&self, state: Option<JobState>, limit: i64) -> StoreResult<Vec<Job>>;
}

/// Whole-database copies: the export format and backups.
#[async_trait]
pub trait Archives: Send + Sync + 'static {
    /// Everything the database holds, in the versioned export format, read in one transaction.
    async fn export(&self) -> StoreResult<Export>;

    /// Loads an export into an empty database in one transaction.
    async fn import(&self, export: &Export) -> StoreResult<()>;

    /// Writes a consistent copy of the database while it stays online, where the backend can.
    async fn backup(&self, target: &std::path::Path) -> StoreResult<()>;
}

/// Every capability at once, as one backend provides them.
pub trait Store:
    PublishedReads
    + ContentWrites
    + ContentEdits
    + ChangeFeed
    + Jobs
    + Archives
    + Accounts
    + ApiTokens
    + AuditLog
    + ConnectorRuns
    + VersionWorkflow
    + ActionUpdates
    + MailOutbox
    + PasswordResets
    + Reminders
    + Translations
    + DraftTexts
    + DraftStructure
    + Surveys
{
}

impl<T> Store for T where
    T: PublishedReads
        + ContentWrites
        + ContentEdits
        + ChangeFeed
        + Jobs
        + Archives
        + Accounts
        + ApiTokens
        + AuditLog
        + ConnectorRuns
        + VersionWorkflow
        + ActionUpdates
        + MailOutbox
        + PasswordResets
        + Reminders
        + Translations
        + DraftTexts
        + DraftStructure
        + Surveys
{
}

/// A database address, parsed once from the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(String),
    Postgres(String),
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("unsupported database URL {0:?}: use sqlite://PATH (for example sqlite://tarina.db) or postgres://USER@HOST/DATABASE")]
pub struct UnsupportedUrl(String);

impl std::str::FromStr for DatabaseUrl {
    type Err = UnsupportedUrl;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.starts_with("sqlite:") {
            Ok(DatabaseUrl::Sqlite(s.to_owned()))
        } else if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            Ok(DatabaseUrl::Postgres(s.to_owned()))
        } else {
            Err(UnsupportedUrl(s.to_owned()))
        }
    }
}

/// Connects to the database and brings its schema up to date.
pub async fn connect(url: &DatabaseUrl) -> anyhow::Result<Arc<dyn Store>> {
    match url {
        DatabaseUrl::Sqlite(url) => Ok(Arc::new(SqliteStore::connect(url).await?)),
        DatabaseUrl::Postgres(url) => Ok(Arc::new(PgStore::connect(url).await?)),
    }
}

/// Whether a connection given back to the pool may serve again: not if it is still inside a transaction.
///
/// A request whose client goes away is dropped wherever it waits, and one dropped while its `BEGIN` was
/// under way leaves the connection inside a transaction that nothing will end (there is no transaction object
/// yet to roll it back when dropped). Given out again, that connection would fail every later transaction
/// (`begin_with at non-zero transaction depth`), or, nested as a savepoint, never commit and hold SQLite's
/// write lock; under load a few disconnects made most signed-in pages answer 500 (BENCHMARKS.md,
/// 2026-12-04). Closing it costs one new connection. A transaction dropped on an error path is also closed
/// here when its rollback has not run yet, which is rare and as cheap.
async fn clean_after_use<C: sqlx::Connection>(connection: &mut C) -> Result<bool, sqlx::Error> {
    let in_transaction = connection.is_in_transaction();
    if in_transaction {
        // Not a warning: a client going away, or any failed transaction, may bring it about.
        tracing::debug!("a database connection came back inside a transaction; it is closed");
    }
    Ok(!in_transaction)
}
