//! What a server serves: the current strategy and cascade held in memory with the responses rendered from
//! them, kept current by applying the change feed. A change to one indicator copies that indicator and drops
//! the responses that show it; everything else is shared with the previous snapshot and stays cached.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use anyhow::Context as _;

use super::cache::{Cached, ResponseCache, Scope};
use crate::domain::cascade::Cascade;
use crate::domain::Strategy;
use crate::store::connectors::LastChecks;
use crate::store::{Changes, Store};

/// The strategy the public sees, with every page and document rendered from it so far.
pub struct Snapshot {
    /// The store's data version this snapshot holds.
    pub data_version: i64,
    pub strategy: Arc<Strategy>,
    /// The city's yearly cascade (organisations, regions, indicators with values, targets); statuses and
    /// forecasts are derived from it per request, never stored.
    pub cascade: Cascade,
    /// When each indicator with a connector was last checked with its source, as read with the cascade:
    /// an indicator's page shows it. A check that changes no value writes nothing that servers follow, so
    /// the time shown moves on with the indicator's next change (or the next whole read).
    pub checked: Arc<LastChecks>,
    pub cache: ResponseCache,
    /// The OpenAPI document, which lists the cascade's regions and so changes with the outline.
    pub openapi: Arc<Cached>,
}

/// How much work keeping the snapshot current has cost this server, for `/healthz` and benchmarks.
#[derive(Debug, Default)]
pub struct SnapshotStats {
    /// Batches of feed entries applied in place.
    pub changes_applied: AtomicU64,
    /// Deltas (indicator spans, corrections, outlines) applied within them.
    pub deltas_applied: AtomicU64,
    /// Whole re-reads: after a replacement, or when the feed no longer reached back far enough.
    pub full_reloads: AtomicU64,
}

/// The snapshot being served, swapped whole when the data changes.
pub struct Holder {
    current: RwLock<Arc<Snapshot>>,
    /// One catch-up at a time, so two cannot both build on the same snapshot and lose a change.
    refreshing: tokio::sync::Mutex<()>,
    pub stats: SnapshotStats,
}

/// What a catch-up did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refreshed {
    Unchanged,
    Applied,
    Reloaded,
}

impl Holder {
    /// Reads everything; `compress` is the server's `--compression` setting for what it renders.
    pub async fn load(store: &dyn Store, compress: bool) -> anyhow::Result<Holder> {
        Ok(Holder {
            current: RwLock::new(Arc::new(read_whole(store, compress).await?)),
            refreshing: tokio::sync::Mutex::new(()),
            stats: SnapshotStats::default(),
        })
    }

    pub fn get(&self) -> Arc<Snapshot> {
        // A poisoned lock only means another request panicked while swapping; the Arc inside is whole.
        self.current.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn replace(&self, fresh: Snapshot) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(fresh);
    }

    /// Brings the snapshot up to the store's data version: applies the feed's deltas when it can, reads
    /// everything when it must.
    pub async fn refresh(&self, store: &dyn Store) -> anyhow::Result<Refreshed> {
        let _turn = self.refreshing.lock().await;
        let held = self.get();
        let changes = store
            .changes_since(held.strategy.city.slug.as_str(), held.data_version)
            .await?;
        match changes {
            Changes::Unchanged => Ok(Refreshed::Unchanged),
            Changes::Reload => {
                let fresh = read_whole(store, held.cache.compresses()).await?;
                tracing::info!(
                    data_version = fresh.data_version,
                    "the data was replaced; serving it anew"
                );
                self.replace(fresh);
                self.stats.full_reloads.fetch_add(1, Ordering::Relaxed);
                Ok(Refreshed::Reloaded)
            }
            Changes::Apply { version, deltas } => {
                let count = deltas.len();
                let mut fresh = apply(&held, version, deltas)?;
                // A connector's new values come with a run: the pages those values drop show its time.
                fresh.checked = Arc::new(store.last_checks(held.strategy.city.slug.as_str()).await?);
                tracing::debug!(
                    data_version = version,
                    deltas = count,
                    cached = fresh.cache.len(),
                    "applied the changes"
                );
                self.replace(fresh);
                self.stats.changes_applied.fetch_add(1, Ordering::Relaxed);
                self.stats.deltas_applied.fetch_add(count as u64, Ordering::Relaxed);
                Ok(Refreshed::Applied)
            }
        }
    }
}

/// The next snapshot: the held one with the deltas applied and the responses they do not affect kept.
fn apply(held: &Snapshot, version: i64, deltas: Vec<crate::domain::delta::CascadeDelta>) -> anyhow::Result<Snapshot> {
    let mut cascade = held.cascade.clone();
    let mut touched = HashSet::new();
    let mut outline = false;
    for delta in deltas {
        match delta.indicator() {
            Some(id) => {
                touched.insert(id);
            }
            None => outline = true,
        }
        cascade.apply(delta);
    }
    let unaffected = touched.is_empty() && !outline;
    let cache = held.cache.carry_over(|scope| match scope {
        Scope::Strategy => true,
        Scope::Cascade => unaffected,
        Scope::Indicator(id) => !outline && !touched.contains(&id),
    });
    let openapi = if outline {
        openapi_of(&cascade, held.cache.compresses())?
    } else {
        held.openapi.clone()
    };
    Ok(Snapshot {
        data_version: version,
        strategy: held.strategy.clone(),
        cascade,
        checked: held.checked.clone(),
        cache,
        openapi,
    })
}

fn openapi_of(cascade: &Cascade, compress: bool) -> anyhow::Result<Arc<Cached>> {
    Ok(Arc::new(Cached::new(
        super::openapi_json(cascade)?,
        "application/json",
        compress,
    )))
}

/// Reads the version and then everything: a write landing between the reads only causes one more catch-up,
/// which re-reads what that write changed.
async fn read_whole(store: &dyn Store, compress: bool) -> anyhow::Result<Snapshot> {
    let data_version = store.data_version().await?;
    let strategy = store
        .current_strategy()
        .await?
        .context("the database holds no approved strategy; run `tarina seed`")?;
    let cascade = store.cascade(strategy.city.slug.as_str()).await?;
    let checked = Arc::new(store.last_checks(strategy.city.slug.as_str()).await?);
    Ok(Snapshot {
        data_version,
        checked,
        openapi: openapi_of(&cascade, compress)?,
        strategy: Arc::new(strategy),
        cascade,
        cache: ResponseCache::new(compress),
    })
}
