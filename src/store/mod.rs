//! Persistence behind one interface, so that each backend (SQLite now, PostgreSQL next) is an addition
//! rather than a rewrite. Backends move rows (see [`rows`]); the domain conversion is shared.

pub mod cascade_rows;
pub mod export;
mod postgres;
mod record;
pub mod rows;
mod sql;
mod sql_cascade;
mod sqlite;

use std::sync::Arc;

use async_trait::async_trait;

use crate::domain::cascade::Cascade;
use crate::domain::{IndicatorId, Slug, Strategy};

pub use export::Export;
pub use postgres::PgStore;
pub use sqlite::SqliteStore;

/// Who makes a change and why. Every write carries one, so the change log can answer "who did this".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// For example `cli:seed`, `system:first-start`, later `user:<id>` or `connector:<name>`.
    pub actor: String,
    pub reason: String,
}

/// What to do when the city already has a version with the same label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnExisting {
    Refuse,
    Replace,
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("the database already holds version {version} of the {city} strategy; use --force to replace it")]
    VersionExists { city: String, version: String },
    #[error("the database already holds the cascade (organisations, indicators, targets) of {city}; use --force to replace it")]
    CascadeExists { city: String },
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// One indicator value to record, already checked against the cascade (see `crate::values`).
#[derive(Debug, Clone, PartialEq)]
pub struct NewValue {
    pub indicator: IndicatorId,
    pub region: Slug,
    pub date: chrono::NaiveDate,
    pub value: f64,
    pub source: String,
}

/// What recording a batch of values did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecordSummary {
    pub added: usize,
    /// Values that replaced a different stored value, which is kept as a correction.
    pub corrected: usize,
    /// Values identical to what was stored (same value and source): not a change.
    pub unchanged: usize,
}

#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Answers whether the database can be reached.
    async fn ping(&self) -> anyhow::Result<()>;

    /// A number that changes whenever any write commits; servers poll it to know when to reload.
    async fn data_version(&self) -> anyhow::Result<i64>;

    /// The approved version the public reads: the one approved last. `None` on an empty database.
    async fn current_strategy(&self) -> anyhow::Result<Option<Strategy>>;

    /// Stores a whole strategy version in one transaction: either all of it is written or nothing is.
    async fn save_strategy(
        &self,
        strategy: &Strategy,
        on_existing: OnExisting,
        change: &Change,
    ) -> Result<(), SaveError>;

    /// Stores a strategy version and its city's cascade together in one transaction.
    async fn save_dataset(
        &self,
        dataset: &crate::data::Dataset,
        on_existing: OnExisting,
        change: &Change,
    ) -> Result<(), SaveError>;

    /// A city's cascade; empty when the city has none.
    async fn cascade(&self, city: &str) -> anyhow::Result<Cascade>;

    /// A city's cascade without indicator values and corrections: what checking an import or linting needs,
    /// read quickly however many values the city holds.
    async fn cascade_outline(&self, city: &str) -> anyhow::Result<Cascade>;

    /// Stores a city's whole cascade in one transaction, replacing the one held when told to.
    async fn save_cascade(
        &self,
        city: &str,
        cascade: &Cascade,
        on_existing: OnExisting,
        change: &Change,
    ) -> Result<(), SaveError>;

    /// Records indicator values in one transaction: all of them or none.
    async fn record_values(&self, city: &str, values: &[NewValue], change: &Change) -> anyhow::Result<RecordSummary>;

    /// Copies the targets of one budget year to the next in one transaction; returns how many.
    async fn copy_targets(&self, city: &str, from: i32, to: i32, change: &Change) -> anyhow::Result<usize>;

    /// Everything the database holds, in the versioned export format, read in one transaction.
    async fn export(&self) -> anyhow::Result<Export>;

    /// Loads an export into an empty database in one transaction.
    async fn import(&self, export: &Export) -> anyhow::Result<()>;

    /// Writes a consistent copy of the database while it stays online, where the backend can.
    async fn backup(&self, target: &std::path::Path) -> anyhow::Result<()>;
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
