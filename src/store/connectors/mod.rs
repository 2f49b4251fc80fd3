//! The record of connector runs: every sync, successful or not, with its counts or its error. Staff read it
//! (`tarina sync --status`), the schedule counts the next sync from it and the indicator page says when the
//! source was last checked. Runs are not published content: writing one takes no data version.

mod sql;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{PgStore, SqliteStore, StoreResult};

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RunOutcome {
    Succeeded,
    Failed,
}

impl RunOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            RunOutcome::Succeeded => "succeeded",
            RunOutcome::Failed => "failed",
        }
    }
}

/// One sync of one indicator's connector.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectorRun {
    /// Given by the store; 0 for a run not yet recorded.
    pub id: i64,
    pub city: String,
    pub indicator: i64,
    pub connector: String,
    pub url: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub outcome: RunOutcome,
    pub read: i64,
    pub missing: i64,
    pub added: i64,
    pub corrected: i64,
    pub unchanged: i64,
    /// When the source says it updated the table.
    pub source_updated: Option<String>,
    pub error: Option<String>,
}

/// Which runs to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunFilter {
    All,
    Succeeded,
}

#[async_trait]
pub trait ConnectorRuns: Send + Sync + 'static {
    /// Records a finished run; returns its id.
    async fn record_run(&self, run: &ConnectorRun) -> StoreResult<i64>;

    /// A city's runs, newest first; of one indicator when given.
    async fn runs(
        &self,
        city: &str,
        indicator: Option<i64>,
        filter: RunFilter,
        limit: i64,
    ) -> StoreResult<Vec<ConnectorRun>>;
}

#[async_trait]
impl ConnectorRuns for SqliteStore {
    async fn record_run(&self, run: &ConnectorRun) -> StoreResult<i64> {
        sql::insert(self.pool(), run).await
    }

    async fn runs(
        &self,
        city: &str,
        indicator: Option<i64>,
        filter: RunFilter,
        limit: i64,
    ) -> StoreResult<Vec<ConnectorRun>> {
        sql::select(self.pool(), city, indicator, filter, limit).await
    }
}

#[async_trait]
impl ConnectorRuns for PgStore {
    async fn record_run(&self, run: &ConnectorRun) -> StoreResult<i64> {
        sql::insert(self.pool(), run).await
    }

    async fn runs(
        &self,
        city: &str,
        indicator: Option<i64>,
        filter: RunFilter,
        limit: i64,
    ) -> StoreResult<Vec<ConnectorRun>> {
        sql::select(self.pool(), city, indicator, filter, limit).await
    }
}
