//! Background work, run in-process by every server from the jobs table and claimed with leases, so that
//! several servers on one PostgreSQL database share it and each job runs once. A job kind is a type that
//! implements [`BackgroundJob`]: its fields are the payload, its `run` the work. The mail outbox has a loop of
//! its own ([`MailSender`]), claiming emails with leases the same way.

mod email_reset_link;
mod import_values;
mod prune_feed;
mod runner;
mod send_mail;
mod send_reminders;
mod sync;

use std::sync::Arc;

use async_trait::async_trait;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::store::{NewJob, Store, StoreResult};

pub use email_reset_link::EmailResetLink;
pub use import_values::ImportValues;
pub use prune_feed::PruneChangeFeed;
pub use runner::{JobSettings, Registry, Runner};
pub use send_mail::MailSender;
pub use send_reminders::SendReminders;
pub use sync::{schedule_syncs, SyncIndicator};

/// One kind of background work.
#[async_trait]
pub trait BackgroundJob: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The `kind` column of its rows; never change it once jobs of the kind may be queued.
    const KIND: &'static str;
    /// How many times it is tried before it is marked dead.
    const MAX_ATTEMPTS: u32 = 5;

    /// Does the work. An error is kept as the job's last error and the job is tried again later, until
    /// its attempts run out.
    async fn run(self, store: Arc<dyn Store>) -> anyhow::Result<()>;

    /// A key that keeps a second one from being queued while one is queued or running.
    fn unique_key(&self) -> Option<String> {
        None
    }
}

/// Adds a job to the queue, to run as soon as a server is free. `None` when an equal unique job is queued.
pub async fn enqueue<J: BackgroundJob>(store: &dyn Store, job: &J) -> StoreResult<Option<i64>> {
    enqueue_at(store, job, chrono::Utc::now()).await
}

/// Adds a job to run no earlier than `run_after`.
pub async fn enqueue_at<J: BackgroundJob>(
    store: &dyn Store,
    job: &J,
    run_after: chrono::DateTime<chrono::Utc>,
) -> StoreResult<Option<i64>> {
    let payload = serde_json::to_string(job).map_err(|e| crate::store::StoreError::Other(e.into()))?;
    store
        .enqueue(&NewJob {
            kind: J::KIND.to_owned(),
            payload,
            max_attempts: J::MAX_ATTEMPTS,
            run_after,
            unique_key: job.unique_key(),
        })
        .await
}

/// Every job kind this release runs.
pub fn registry() -> Registry {
    let mut registry = Registry::default();
    registry.register::<ImportValues>();
    registry.register::<PruneChangeFeed>();
    registry.register::<SyncIndicator>();
    registry.register::<EmailResetLink>();
    registry.register::<SendReminders>();
    registry
}
