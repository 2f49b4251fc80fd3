//! The loop every server runs: claim a due job, keep its lease alive while it runs, record how it ended,
//! and schedule the periodic jobs.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;

use super::{BackgroundJob, PruneChangeFeed};
use crate::store::{Job, Outcome, Store};

type Run = fn(String, Arc<dyn Store>) -> Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send>>;

/// The job kinds a server knows how to run, by their `kind`.
#[derive(Default)]
pub struct Registry(HashMap<&'static str, Run>);

impl Registry {
    pub fn register<J: BackgroundJob>(&mut self) {
        self.0.insert(J::KIND, |payload, store| {
            Box::pin(async move {
                let job: J = serde_json::from_str(&payload)
                    .map_err(|e| anyhow::anyhow!("the {} job's payload does not parse: {e}", J::KIND))?;
                job.run(store).await
            })
        });
    }

    fn get(&self, kind: &str) -> Option<Run> {
        self.0.get(kind).copied()
    }
}

/// How a server runs jobs.
#[derive(Debug, Clone)]
pub struct JobSettings {
    /// How long a claimed job is a server's before others may take it; renewed while the job runs, so it
    /// only runs out when the server stops.
    pub lease: Duration,
    /// How long to wait before looking again when no job is due.
    pub poll: Duration,
    /// The wait before the second attempt; it doubles for each attempt after that, up to an hour.
    pub retry_base: Duration,
    /// How often this server offers the periodic jobs (one is queued at a time, whoever offers it).
    pub schedule_every: Duration,
    /// Sync indicators with their connectors on their intervals, fetching within these limits; `None`
    /// leaves syncing to `tarina sync`.
    pub sync: Option<crate::connectors::fetch::FetchPolicy>,
    /// Where the site is reached, for links in the reminders and digests this server's schedule queues; the
    /// server fills it in from `--public-url` (or the address it listens on).
    pub link_base: String,
}

impl Default for JobSettings {
    fn default() -> Self {
        JobSettings {
            lease: Duration::from_secs(60),
            poll: Duration::from_secs(1),
            retry_base: Duration::from_secs(5),
            schedule_every: Duration::from_secs(3600),
            sync: None,
            link_base: String::new(),
        }
    }
}

impl JobSettings {
    /// The wait after failed attempt `attempt` (1 for the first).
    pub fn backoff(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1).min(20));
        self.retry_base.saturating_mul(factor).min(Duration::from_secs(3600))
    }
}

pub struct Runner {
    store: Arc<dyn Store>,
    registry: Registry,
    settings: JobSettings,
    /// Who holds a lease: unique per process, so a restarted server never mistakes an old lease for its own.
    worker: String,
}

impl Runner {
    pub fn new(store: Arc<dyn Store>, registry: Registry, settings: JobSettings) -> Runner {
        let started = Utc::now().timestamp_nanos_opt().unwrap_or_default();
        Runner {
            store,
            registry,
            settings,
            worker: format!("tarina-{}-{started:x}", std::process::id()),
        }
    }

    /// Runs jobs for as long as the server runs.
    pub async fn run_forever(self) {
        let mut next_schedule = tokio::time::Instant::now();
        loop {
            if tokio::time::Instant::now() >= next_schedule {
                self.schedule().await;
                next_schedule = tokio::time::Instant::now() + self.settings.schedule_every;
            }
            match self.run_next().await {
                Ok(true) => {}
                Ok(false) => tokio::time::sleep(self.settings.poll).await,
                Err(error) => {
                    tracing::warn!("cannot run jobs: {error:#}");
                    tokio::time::sleep(self.settings.poll).await;
                }
            }
        }
    }

    async fn schedule(&self) {
        if let Err(error) = super::enqueue(self.store.as_ref(), &PruneChangeFeed::default()).await {
            tracing::warn!("cannot schedule the change feed's pruning: {error:#}");
        }
        let reminders = super::SendReminders {
            link_base: self.settings.link_base.clone(),
        };
        if let Err(error) = super::enqueue(self.store.as_ref(), &reminders).await {
            tracing::warn!("cannot schedule the reminders: {error:#}");
        }
        if let Some(policy) = &self.settings.sync {
            if let Err(error) = super::schedule_syncs(self.store.as_ref(), policy).await {
                tracing::warn!("cannot schedule the connectors' syncs: {error:#}");
            }
        }
    }

    /// Claims and runs one due job; `false` when none was due.
    pub async fn run_next(&self) -> anyhow::Result<bool> {
        let now = Utc::now();
        let Some(job) = self.store.claim(&self.worker, now, now + self.settings.lease).await? else {
            return Ok(false);
        };
        let outcome = self.attempt(&job).await;
        match &outcome {
            Outcome::Done => tracing::info!(job = job.id, kind = job.kind, "job done"),
            Outcome::Retry { at, error } => {
                tracing::warn!(job = job.id, kind = job.kind, attempt = job.attempts, %at, "job failed, will retry: {error}")
            }
            Outcome::Dead { error } => {
                tracing::error!(
                    job = job.id,
                    kind = job.kind,
                    attempt = job.attempts,
                    "job failed for the last time: {error}"
                )
            }
        }
        if !self
            .store
            .finish_job(job.id, &self.worker, &outcome, Utc::now())
            .await?
        {
            tracing::warn!(
                job = job.id,
                "lost the job's lease before it ended; another server may run it again"
            );
        }
        Ok(true)
    }

    /// Runs the job with its lease renewed meanwhile, and says how it ended.
    async fn attempt(&self, job: &Job) -> Outcome {
        let result = match self.registry.get(&job.kind) {
            None => Err(format!("this server has no job kind {:?}", job.kind)),
            Some(run) => {
                // A task of its own, so a panic in a job fails the job rather than the runner.
                let work = tokio::spawn(run(job.payload.clone(), self.store.clone()));
                let outcome = self.keep_lease(job.id, work).await;
                match outcome {
                    Ok(Ok(())) => Ok(()),
                    Ok(Err(error)) => Err(format!("{error:#}")),
                    Err(join) => Err(format!("the job panicked: {join}")),
                }
            }
        };
        match result {
            Ok(()) => Outcome::Done,
            Err(error) if job.attempts >= job.max_attempts => Outcome::Dead { error },
            Err(error) => {
                let wait = chrono::Duration::from_std(self.settings.backoff(job.attempts)).unwrap_or_default();
                Outcome::Retry {
                    at: Utc::now() + wait,
                    error,
                }
            }
        }
    }

    /// Waits for the work, renewing the lease a few times per lease period.
    async fn keep_lease<T>(&self, id: i64, mut work: tokio::task::JoinHandle<T>) -> Result<T, tokio::task::JoinError> {
        let mut renew = tokio::time::interval(self.settings.lease / 3);
        renew.tick().await;
        loop {
            tokio::select! {
                done = &mut work => return done,
                _ = renew.tick() => {
                    let until = Utc::now() + self.settings.lease;
                    match self.store.extend_lease(id, &self.worker, until).await {
                        Ok(true) => {}
                        Ok(false) => tracing::warn!(job = id, "the job's lease was taken over"),
                        Err(error) => tracing::warn!(job = id, "cannot renew the job's lease: {error:#}"),
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        let settings = JobSettings {
            retry_base: Duration::from_secs(5),
            ..JobSettings::default()
        };
        assert_eq!(settings.backoff(1), Duration::from_secs(5));
        assert_eq!(settings.backoff(2), Duration::from_secs(10));
        assert_eq!(settings.backoff(4), Duration::from_secs(40));
        assert_eq!(settings.backoff(40), Duration::from_secs(3600));
    }
}
