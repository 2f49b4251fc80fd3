//! The jobs table: background jobs claimed with leases. Claiming differs between backends only in the lock
//! (`SKIP_LOCKED`): PostgreSQL skips rows another server is claiming (`FOR UPDATE SKIP LOCKED`), SQLite has one
//! writer at a time anyway. Job writes never take the data version: the public never reads jobs.

use std::sync::LazyLock;

use anyhow::Context as _;

use super::{instant, Backend, SKIP_LOCKED};
use crate::store::jobs::JobRow;
use crate::store::{Job, JobState, NewJob, Outcome, StoreResult};

/// Takes the next job that is due, or whose lease ran out, with this backend's lock clause.
static CLAIM: LazyLock<String> = LazyLock::new(|| {
    format!(
        "UPDATE jobs SET state = 'running', attempts = attempts + 1, leased_by = $1, leased_until = $2 \
         WHERE id = (SELECT id FROM jobs \
         WHERE (state = 'queued' AND run_after <= $3) OR (state = 'running' AND leased_until < $3) \
         ORDER BY run_after, id LIMIT 1{SKIP_LOCKED}) RETURNING id, kind, payload, state, attempts, max_attempts, \
         run_after, leased_by, leased_until, last_error, created_at, finished_at"
    )
});

fn jobs_of(rows: Vec<JobRow>) -> anyhow::Result<Vec<Job>> {
    rows.into_iter().map(JobRow::into_job).collect()
}

#[async_trait::async_trait]
impl crate::store::Jobs for Backend {
    async fn enqueue(&self, job: &NewJob) -> StoreResult<Option<i64>> {
        let now = instant(chrono::Utc::now());
        // The partial unique index refuses a second pending job with the same key; that is the
        // "already queued" answer, not an error.
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO jobs (kind, payload, state, attempts, max_attempts, run_after, unique_key, created_at) \
             VALUES ($1, $2, 'queued', 0, $3, $4, $5, $6) \
             ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND state IN ('queued', 'running') DO NOTHING \
             RETURNING id",
        )
        .bind(&job.kind)
        .bind(&job.payload)
        .bind(i64::from(job.max_attempts))
        .bind(instant(job.run_after))
        .bind(&job.unique_key)
        .bind(now)
        .fetch_optional(&self.pool)
        .await
        .context("cannot enqueue the job")?;
        Ok(inserted)
    }

    async fn claim(
        &self,
        worker: &str,
        now: chrono::DateTime<chrono::Utc>,
        lease_until: chrono::DateTime<chrono::Utc>,
    ) -> StoreResult<Option<Job>> {
        let now = instant(now);
        // A job whose server died on its last attempt is not run again.
        sqlx::query(
            "UPDATE jobs SET state = 'dead', finished_at = $1, leased_by = NULL, leased_until = NULL, \
             last_error = COALESCE(last_error || '; ', '') || 'the server running attempt ' || attempts \
             || ' stopped before it ended' \
             WHERE state = 'running' AND leased_until < $1 AND attempts >= max_attempts",
        )
        .bind(&now)
        .execute(&self.pool)
        .await
        .context("cannot retire abandoned jobs")?;
        let row: Option<JobRow> = sqlx::query_as(CLAIM.as_str())
            .bind(worker)
            .bind(instant(lease_until))
            .bind(&now)
            .fetch_optional(&self.pool)
            .await
            .context("cannot claim a job")?;
        Ok(row.map(JobRow::into_job).transpose()?)
    }

    async fn extend_lease(
        &self,
        id: i64,
        worker: &str,
        lease_until: chrono::DateTime<chrono::Utc>,
    ) -> StoreResult<bool> {
        let updated =
            sqlx::query("UPDATE jobs SET leased_until = $1 WHERE id = $2 AND leased_by = $3 AND state = 'running'")
                .bind(instant(lease_until))
                .bind(id)
                .bind(worker)
                .execute(&self.pool)
                .await
                .context("cannot extend the job's lease")?;
        Ok(updated.rows_affected() == 1)
    }

    async fn finish_job(
        &self,
        id: i64,
        worker: &str,
        outcome: &Outcome,
        now: chrono::DateTime<chrono::Utc>,
    ) -> StoreResult<bool> {
        let (state, run_after, error) = match outcome {
            Outcome::Done => ("done", None, None),
            Outcome::Retry { at, error } => ("queued", Some(instant(*at)), Some(error.as_str())),
            Outcome::Dead { error } => ("dead", None, Some(error.as_str())),
        };
        let finished_at = (state != "queued").then(|| instant(now));
        let updated = sqlx::query(
            "UPDATE jobs SET state = $1, run_after = COALESCE($2, run_after), last_error = COALESCE($3, last_error), \
             finished_at = $4, leased_by = NULL, leased_until = NULL \
             WHERE id = $5 AND leased_by = $6 AND state = 'running'",
        )
        .bind(state)
        .bind(run_after)
        .bind(error)
        .bind(finished_at)
        .bind(id)
        .bind(worker)
        .execute(&self.pool)
        .await
        .context("cannot record how the job ended")?;
        Ok(updated.rows_affected() == 1)
    }

    async fn jobs(&self, state: Option<JobState>, limit: i64) -> StoreResult<Vec<Job>> {
        let rows: Vec<JobRow> = sqlx::query_as(
            "SELECT id, kind, payload, state, attempts, max_attempts, run_after, leased_by, leased_until, \
             last_error, created_at, finished_at FROM jobs WHERE ($1 IS NULL OR state = $1) ORDER BY id DESC LIMIT $2",
        )
        .bind(state.map(JobState::as_str))
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .context("cannot list the jobs")?;
        Ok(jobs_of(rows)?)
    }
}
