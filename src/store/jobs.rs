//! Background jobs as rows: what to run, who holds it and until when, and how it ended. The runner in
//! `crate::jobs` claims them; these are the shapes it and `tarina jobs` read and write.

use chrono::{DateTime, Utc};

/// Where a job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Waiting for its `run_after` time, or for a server to take it again after a failed attempt.
    Queued,
    /// Leased by a server until `leased_until`; claimed again if that passes (the server died).
    Running,
    Done,
    /// Failed `max_attempts` times; `last_error` says why. Kept for people to read, never run again.
    Dead,
}

impl JobState {
    pub const ALL: [JobState; 4] = [JobState::Queued, JobState::Running, JobState::Done, JobState::Dead];

    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Done => "done",
            JobState::Dead => "dead",
        }
    }

    pub fn parse(text: &str) -> Option<JobState> {
        JobState::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// A job to add to the queue.
#[derive(Debug, Clone, PartialEq)]
pub struct NewJob {
    pub kind: String,
    /// The job's input as JSON; the handler of `kind` reads it.
    pub payload: String,
    pub max_attempts: u32,
    pub run_after: DateTime<Utc>,
    /// When set, the job is not added while another queued or running job has the same key: a schedule that
    /// every server follows enqueues one job, not one per server.
    pub unique_key: Option<String>,
}

/// A job as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub state: JobState,
    /// How many times a server has started it, this attempt included.
    pub attempts: u32,
    pub max_attempts: u32,
    pub run_after: DateTime<Utc>,
    pub leased_by: Option<String>,
    pub leased_until: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// How an attempt ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Done,
    /// Failed; run again after `at`.
    Retry {
        at: DateTime<Utc>,
        error: String,
    },
    /// Failed for the last time.
    Dead {
        error: String,
    },
}

/// A job row as the database gives it; times are RFC 3339 text on both backends.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct JobRow {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub state: String,
    pub attempts: i64,
    pub max_attempts: i64,
    pub run_after: String,
    pub leased_by: Option<String>,
    pub leased_until: Option<String>,
    pub last_error: Option<String>,
    pub created_at: String,
    pub finished_at: Option<String>,
}

impl JobRow {
    pub fn into_job(self) -> anyhow::Result<Job> {
        let instant = |text: &str| -> anyhow::Result<DateTime<Utc>> {
            Ok(DateTime::parse_from_rfc3339(text)?.with_timezone(&Utc))
        };
        let count = |n: i64| u32::try_from(n).map_err(|_| anyhow::anyhow!("job {} has a count out of range", self.id));
        Ok(Job {
            id: self.id,
            state: JobState::parse(&self.state)
                .ok_or_else(|| anyhow::anyhow!("job {} has an unknown state {:?}", self.id, self.state))?,
            attempts: count(self.attempts)?,
            max_attempts: count(self.max_attempts)?,
            run_after: instant(&self.run_after)?,
            leased_until: self.leased_until.as_deref().map(instant).transpose()?,
            created_at: instant(&self.created_at)?,
            finished_at: self.finished_at.as_deref().map(instant).transpose()?,
            kind: self.kind,
            payload: self.payload,
            leased_by: self.leased_by,
            last_error: self.last_error,
        })
    }
}
