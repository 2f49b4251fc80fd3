//! Keeping the change feed short: servers only read it from the version they hold, so old entries serve
//! nobody. A server that was away longer than the feed reaches back reads everything once, which is safe.

use std::sync::Arc;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::BackgroundJob;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PruneChangeFeed {
    /// Entries older than this many hours go…
    pub older_than_hours: u32,
    /// …except the newest this many versions, however old.
    pub keep_versions: i64,
}

impl Default for PruneChangeFeed {
    fn default() -> Self {
        PruneChangeFeed {
            older_than_hours: 24,
            keep_versions: 1000,
        }
    }
}

#[async_trait]
impl BackgroundJob for PruneChangeFeed {
    const KIND: &'static str = "prune-change-feed";

    async fn run(self, store: Arc<dyn Store>) -> anyhow::Result<()> {
        let before = chrono::Utc::now() - chrono::Duration::hours(i64::from(self.older_than_hours));
        let pruned = store.prune_feed(before, self.keep_versions).await?;
        tracing::info!(pruned, "pruned the change feed");
        Ok(())
    }

    /// Every server schedules it; one queued at a time is enough.
    fn unique_key(&self) -> Option<String> {
        Some(Self::KIND.to_owned())
    }
}
