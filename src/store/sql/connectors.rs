//! The connector runs: every sync, successful or not. Runs are not published content, so recording one takes
//! no data version and no server reloads anything for it.

use anyhow::Context as _;

use super::{instant, Backend};
use crate::store::cascade_rows::parse_instant;
use crate::store::connectors::{ConnectorRun, ConnectorRuns, LastChecks, RunFilter, RunOutcome, RunRow};
use crate::store::StoreResult;

/// The columns of a [`RunRow`].
const RUN_COLUMNS: &str = "id, city_slug, indicator_id, connector, url, started_at, finished_at, outcome, read_count, \
     missing_count, added_count, corrected_count, unchanged_count, source_updated, error";

#[async_trait::async_trait]
impl ConnectorRuns for Backend {
    async fn record_run(&self, run: &ConnectorRun) -> StoreResult<i64> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO connector_runs (city_slug, indicator_id, connector, url, started_at, finished_at, outcome, \
             read_count, missing_count, added_count, corrected_count, unchanged_count, source_updated, error) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        )
        .bind(&run.city)
        .bind(run.indicator)
        .bind(&run.connector)
        .bind(&run.url)
        .bind(instant(run.started_at))
        .bind(instant(run.finished_at))
        .bind(run.outcome.as_str())
        .bind(run.read)
        .bind(run.missing)
        .bind(run.added)
        .bind(run.corrected)
        .bind(run.unchanged)
        .bind(&run.source_updated)
        .bind(&run.error)
        .fetch_one(&self.pool)
        .await
        .context("cannot record the connector run")?;
        Ok(id)
    }

    async fn runs(
        &self,
        city: &str,
        indicator: Option<i64>,
        filter: RunFilter,
        limit: i64,
    ) -> StoreResult<Vec<ConnectorRun>> {
        let outcome = match filter {
            RunFilter::All => None,
            RunFilter::Succeeded => Some(RunOutcome::Succeeded.as_str()),
        };
        let rows: Vec<RunRow> = sqlx::query_as(&format!(
            "SELECT {RUN_COLUMNS} FROM connector_runs \
             WHERE city_slug = $1 AND ($2 IS NULL OR indicator_id = $2) AND ($3 IS NULL OR outcome = $3) \
             ORDER BY id DESC LIMIT $4",
        ))
        .bind(city)
        .bind(indicator)
        .bind(outcome)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .context("cannot read the connector runs")?;
        Ok(rows.into_iter().map(RunRow::into_run).collect::<anyhow::Result<_>>()?)
    }

    async fn latest_runs(&self, city: &str) -> StoreResult<Vec<ConnectorRun>> {
        let rows: Vec<RunRow> = sqlx::query_as(&format!(
            "SELECT {RUN_COLUMNS} FROM connector_runs WHERE id IN \
             (SELECT MAX(id) FROM connector_runs WHERE city_slug = $1 GROUP BY indicator_id) ORDER BY indicator_id",
        ))
        .bind(city)
        .fetch_all(&self.pool)
        .await
        .context("cannot read the latest connector runs")?;
        Ok(rows.into_iter().map(RunRow::into_run).collect::<anyhow::Result<_>>()?)
    }

    async fn latest_run_id(&self) -> StoreResult<i64> {
        // The primary key's greatest entry: one step down its index, however many runs there are.
        let id: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM connector_runs")
            .fetch_one(&self.pool)
            .await
            .context("cannot read the latest connector run")?;
        Ok(id.unwrap_or(0))
    }

    async fn last_checks(&self, city: &str) -> StoreResult<LastChecks> {
        // Times are stored in one format (UTC, microseconds), so the greatest text is the latest time.
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT indicator_id, MAX(finished_at) FROM connector_runs \
             WHERE city_slug = $1 AND outcome = 'succeeded' GROUP BY indicator_id",
        )
        .bind(city)
        .fetch_all(&self.pool)
        .await
        .context("cannot read when the connectors last ran")?;
        let checks = rows
            .into_iter()
            .map(|(indicator, at)| Ok((indicator, parse_instant(&at)?)))
            .collect::<anyhow::Result<_>>()?;
        Ok(checks)
    }

    async fn checks_since(&self, city: &str, after: i64) -> StoreResult<LastChecks> {
        // Only the id is in the condition, so both backends walk the primary key from `after` (with the city
        // in it too, SQLite prefers the index that starts with the city and reads every run of it); the few
        // runs found are sorted out here.
        let rows: Vec<(i64, String, String, String)> =
            sqlx::query_as("SELECT indicator_id, finished_at, city_slug, outcome FROM connector_runs WHERE id > $1")
                .bind(after)
                .fetch_all(&self.pool)
                .await
                .context("cannot read the latest connector runs")?;
        let mut checks = LastChecks::new();
        for (indicator, at, run_city, outcome) in rows {
            if run_city != city || outcome != RunOutcome::Succeeded.as_str() {
                continue;
            }
            let at = parse_instant(&at)?;
            let latest = checks.entry(indicator).or_insert(at);
            *latest = (*latest).max(at);
        }
        Ok(checks)
    }
}
