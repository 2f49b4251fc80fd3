//! The record of connector runs: every sync, successful or not, with its counts or its error. Staff read it
//! (`tarina sync --status`), the schedule counts the next sync from it and the indicator page says when the
//! source was last checked. Runs are not published content: writing one takes no data version. The
//! statements are in the shared SQL folder (`sql/connectors.rs`), as every backend's are.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::cascade_rows::parse_instant;
use super::StoreResult;

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

    /// The latest run of each of a city's indicators, successful or not, by indicator id: what the staff's
    /// connectors page shows.
    async fn latest_runs(&self, city: &str) -> StoreResult<Vec<ConnectorRun>>;

    /// When each of a city's indicators was last checked with its source: the end of its latest successful
    /// run, by indicator id.
    async fn last_checks(&self, city: &str) -> StoreResult<LastChecks>;

    /// The id of the latest run recorded (0 before any): a server compares it with the one it last saw to
    /// learn cheaply, without a data version, that some connector has run since.
    async fn latest_run_id(&self) -> StoreResult<i64>;

    /// Like [`ConnectorRuns::last_checks`], counting only the runs after the run `after`: what a server that
    /// has read the times up to that run needs, read along the primary key however many runs came before.
    async fn checks_since(&self, city: &str, after: i64) -> StoreResult<LastChecks>;
}

/// The end of each indicator's latest successful run, by indicator id.
pub type LastChecks = std::collections::HashMap<i64, DateTime<Utc>>;

/// A run as stored: times as RFC 3339 text, the outcome as its name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RunRow {
    pub id: i64,
    pub city_slug: String,
    pub indicator_id: i64,
    pub connector: String,
    pub url: String,
    pub started_at: String,
    pub finished_at: String,
    pub outcome: String,
    pub read_count: i64,
    pub missing_count: i64,
    pub added_count: i64,
    pub corrected_count: i64,
    pub unchanged_count: i64,
    pub source_updated: Option<String>,
    pub error: Option<String>,
}

impl RunRow {
    pub fn into_run(self) -> anyhow::Result<ConnectorRun> {
        let outcome = match self.outcome.as_str() {
            "succeeded" => RunOutcome::Succeeded,
            "failed" => RunOutcome::Failed,
            other => anyhow::bail!("unknown run outcome {other:?}"),
        };
        Ok(ConnectorRun {
            id: self.id,
            city: self.city_slug,
            indicator: self.indicator_id,
            connector: self.connector,
            url: self.url,
            started_at: parse_instant(&self.started_at)?,
            finished_at: parse_instant(&self.finished_at)?,
            outcome,
            read: self.read_count,
            missing: self.missing_count,
            added: self.added_count,
            corrected: self.corrected_count,
            unchanged: self.unchanged_count,
            source_updated: self.source_updated,
            error: self.error,
        })
    }
}
