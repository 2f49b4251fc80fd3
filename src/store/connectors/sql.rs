//! The statements of the connector runs, written once for both backends: they accept the same SQL, so each
//! function is generic over the database.

use anyhow::Context as _;
use chrono::{DateTime, Utc};

use super::{ConnectorRun, RunFilter, RunOutcome};
use crate::store::{StoreError, StoreResult};

type Row = (
    i64,
    String,
    i64,
    String,
    String,
    String,
    String,
    String,
    (i64, i64, i64, i64, i64),
    Option<String>,
    Option<String>,
);

/// The bounds that make one statement work on SQLite and PostgreSQL alike.
pub trait Backend: sqlx::Database {}

impl Backend for sqlx::Sqlite {}
impl Backend for sqlx::Postgres {}

pub async fn insert<DB>(pool: &sqlx::Pool<DB>, run: &ConnectorRun) -> StoreResult<i64>
where
    DB: Backend,
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> Option<String>: sqlx::Encode<'q, DB>,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB> + sqlx::Decode<'q, DB>,
    for<'q> &'q str: sqlx::ColumnIndex<DB::Row>,
    usize: sqlx::ColumnIndex<DB::Row>,
{
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO connector_runs (city_slug, indicator_id, connector, url, started_at, finished_at, outcome, \
         read_count, missing_count, added_count, corrected_count, unchanged_count, source_updated, error) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(run.city.clone())
    .bind(run.indicator)
    .bind(run.connector.clone())
    .bind(run.url.clone())
    .bind(instant(run.started_at))
    .bind(instant(run.finished_at))
    .bind(run.outcome.as_str().to_owned())
    .bind(run.read)
    .bind(run.missing)
    .bind(run.added)
    .bind(run.corrected)
    .bind(run.unchanged)
    .bind(run.source_updated.clone())
    .bind(run.error.clone())
    .fetch_one(pool)
    .await
    .context("cannot record the connector run")?;
    Ok(id)
}

pub async fn select<DB>(
    pool: &sqlx::Pool<DB>,
    city: &str,
    indicator: Option<i64>,
    filter: RunFilter,
    limit: i64,
) -> StoreResult<Vec<ConnectorRun>>
where
    DB: Backend,
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB> + sqlx::Decode<'q, DB>,
    for<'q> Option<String>: sqlx::Encode<'q, DB> + sqlx::Decode<'q, DB>,
    for<'q> Option<i64>: sqlx::Encode<'q, DB>,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB> + sqlx::Decode<'q, DB>,
    usize: sqlx::ColumnIndex<DB::Row>,
{
    let outcome = match filter {
        RunFilter::All => None,
        RunFilter::Succeeded => Some(RunOutcome::Succeeded.as_str().to_owned()),
    };
    let rows = sqlx::query(
        "SELECT id, city_slug, indicator_id, connector, url, started_at, finished_at, outcome, read_count, \
         missing_count, added_count, corrected_count, unchanged_count, source_updated, error FROM connector_runs \
         WHERE city_slug = $1 AND ($2 IS NULL OR indicator_id = $2) AND ($3 IS NULL OR outcome = $3) \
         ORDER BY id DESC LIMIT $4",
    )
    .bind(city.to_owned())
    .bind(indicator)
    .bind(outcome)
    .bind(limit)
    .fetch_all(pool)
    .await
    .context("cannot read the connector runs")?;
    rows.iter().map(|row| run(read_row(row)?)).collect()
}

fn read_row<R: sqlx::Row>(row: &R) -> Result<Row, sqlx::Error>
where
    usize: sqlx::ColumnIndex<R>,
    for<'q> String: sqlx::Decode<'q, R::Database> + sqlx::Type<R::Database>,
    for<'q> Option<String>: sqlx::Decode<'q, R::Database>,
    for<'q> i64: sqlx::Decode<'q, R::Database> + sqlx::Type<R::Database>,
{
    Ok((
        row.try_get(0)?,
        row.try_get(1)?,
        row.try_get(2)?,
        row.try_get(3)?,
        row.try_get(4)?,
        row.try_get(5)?,
        row.try_get(6)?,
        row.try_get(7)?,
        (
            row.try_get(8)?,
            row.try_get(9)?,
            row.try_get(10)?,
            row.try_get(11)?,
            row.try_get(12)?,
        ),
        row.try_get(13)?,
        row.try_get(14)?,
    ))
}

fn run(row: Row) -> StoreResult<ConnectorRun> {
    let (id, city, indicator, connector, url, started, finished, outcome, counts, source_updated, error) = row;
    let (read, missing, added, corrected, unchanged) = counts;
    let outcome = match outcome.as_str() {
        "succeeded" => RunOutcome::Succeeded,
        "failed" => RunOutcome::Failed,
        other => return Err(StoreError::Other(anyhow::anyhow!("unknown run outcome {other:?}"))),
    };
    Ok(ConnectorRun {
        id,
        city,
        indicator,
        connector,
        url,
        started_at: parse_instant(&started)?,
        finished_at: parse_instant(&finished)?,
        outcome,
        read,
        missing,
        added,
        corrected,
        unchanged,
        source_updated,
        error,
    })
}

fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

fn parse_instant(text: &str) -> StoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Other(anyhow::anyhow!("the run time {text:?} does not read: {e}")))
}
