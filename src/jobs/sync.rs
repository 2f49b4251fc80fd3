//! Syncing one indicator with its published source in the background, on the schedule of its connector.
//! Every server offers the job; its unique key keeps one queued at a time, and a job that finds a newer
//! successful run than the one it was scheduled after does nothing, so servers sharing PostgreSQL sync
//! each connector once per interval.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::BackgroundJob;
use crate::connectors::fetch::FetchPolicy;
use crate::domain::cascade::Indicator;
use crate::store::connectors::{RunFilter, RunOutcome};
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncIndicator {
    pub city: String,
    pub indicator: u32,
    /// The latest successful run when the job was scheduled (0 for none).
    pub after_run: i64,
    pub policy: FetchPolicy,
}

#[async_trait]
impl BackgroundJob for SyncIndicator {
    const KIND: &'static str = "sync-indicator";
    /// A source that is down is tried again with backoff; the next interval tries anew.
    const MAX_ATTEMPTS: u32 = 4;

    async fn run(self, store: Arc<dyn Store>) -> anyhow::Result<()> {
        let indicator = i64::from(self.indicator);
        let latest = store.runs(&self.city, Some(indicator), RunFilter::Succeeded, 1).await?;
        if latest.first().is_some_and(|run| run.id > self.after_run) {
            tracing::info!(indicator, "another server synced the indicator meanwhile");
            return Ok(());
        }
        let cascade = store.cascade_outline(&self.city).await?;
        let Some(found) = cascade.indicators.iter().find(|i| i.id.get() == self.indicator) else {
            tracing::info!(indicator, "the indicator is gone; nothing to sync");
            return Ok(());
        };
        let run = crate::app::sync::sync_indicator(
            store.as_ref(),
            &self.city,
            &cascade,
            found,
            &self.policy,
            "scheduled sync",
        )
        .await?;
        match run.outcome {
            RunOutcome::Succeeded => {
                tracing::info!(indicator, added = run.added, corrected = run.corrected, "synced");
                Ok(())
            }
            RunOutcome::Failed => Err(anyhow::anyhow!(run.error.unwrap_or_default())),
        }
    }

    fn unique_key(&self) -> Option<String> {
        Some(format!("{}:{}:{}", Self::KIND, self.city, self.indicator))
    }
}

/// Queues the next sync of every indicator with a connector in the current strategy's city, due one
/// interval after its last run (now, for one never run).
pub async fn schedule_syncs(store: &dyn Store, policy: &FetchPolicy) -> anyhow::Result<()> {
    let Some(strategy) = store.current_strategy().await? else {
        return Ok(());
    };
    let city = strategy.city.slug.as_str();
    let cascade = store.cascade_outline(city).await?;
    for indicator in cascade.indicators.iter().filter(|i| i.connector.is_some()) {
        let (due, after_run) = next_sync(store, city, indicator).await?;
        let job = SyncIndicator {
            city: city.to_owned(),
            indicator: indicator.id.get(),
            after_run,
            policy: policy.clone(),
        };
        super::enqueue_at(store, &job, due).await?;
    }
    Ok(())
}

async fn next_sync(store: &dyn Store, city: &str, indicator: &Indicator) -> anyhow::Result<(DateTime<Utc>, i64)> {
    let id = i64::from(indicator.id.get());
    let interval = indicator
        .connector
        .as_ref()
        .map(|c| c.interval.duration())
        .unwrap_or_default();
    let last = store.runs(city, Some(id), RunFilter::All, 1).await?;
    let succeeded = store.runs(city, Some(id), RunFilter::Succeeded, 1).await?;
    let due = last.first().map_or_else(Utc::now, |run| {
        run.finished_at + chrono::Duration::from_std(interval).unwrap_or_default()
    });
    Ok((due, succeeded.first().map_or(0, |run| run.id)))
}
