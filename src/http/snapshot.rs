//! What a server serves: the current strategy and cascade held in memory with the responses rendered from
//! them, kept current by applying the change feed. A change to one indicator copies that indicator and drops
//! the responses that show it; everything else is shared with the previous snapshot and stays cached.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use anyhow::Context as _;

use super::cache::{Cached, ResponseCache, Scope};
use crate::domain::cascade::Cascade;
use crate::domain::{IndicatorId, Lang, Strategy};
use crate::store::connectors::LastChecks;
use crate::store::{Changes, QueuePage, Store};

/// The strategy the public sees, with every page and document rendered from it so far.
pub struct Snapshot {
    /// The store's data version this snapshot holds.
    pub data_version: i64,
    pub strategy: Arc<Strategy>,
    /// The city's yearly cascade (organisations, regions, indicators with values, targets); statuses and
    /// forecasts are derived from it per request, never stored.
    pub cascade: Cascade,
    /// The cascade as the public sees it ([`Cascade::published`]): every public page and API document reads
    /// this one, staff pages read [`Snapshot::cascade`].
    pub published: Cascade,
    /// When each indicator with a connector was last checked with its source: an indicator's page shows it.
    /// Read with the cascade, and again whenever a run is recorded (see [`Holder::refresh`]).
    pub checked: Arc<LastChecks>,
    pub cache: ResponseCache,
    /// The OpenAPI document, which lists the cascade's regions and so changes with the outline.
    pub openapi: Arc<Cached>,
    /// Pages of the translation queue read while this snapshot is served.
    pub translation_queue: QueuePages,
}

/// Pages of the translation queue by target language and page number, each with its page number (a page
/// past the end is the last one). The queue changes only when texts do, and a text changes only with the
/// data version, so the pages live and die with the snapshot that holds that version: a review on this
/// server refreshes the snapshot before the queue is shown again, and one on another server is seen within
/// the refresh interval, as every staff page sees the data. Finding the queue sorts every text's key, the
/// costliest read of any staff page; a page kept costs nothing to show again.
#[derive(Default)]
pub struct QueuePages(std::sync::Mutex<HashMap<(Lang, usize), FoundPage>>);

/// A queue page with the number it was found at.
type FoundPage = Arc<(usize, QueuePage)>;

impl QueuePages {
    pub fn get(&self, target: Lang, page: usize) -> Option<FoundPage> {
        self.0.lock().ok()?.get(&(target, page)).cloned()
    }

    /// Keeps a page under the number it was found at, never under a number asked for past the end, so
    /// what is kept is bounded by the queue's pages.
    pub fn keep(&self, target: Lang, found: FoundPage) {
        if let Ok(mut pages) = self.0.lock() {
            pages.insert((target, found.0), found);
        }
    }
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
    /// Connector runs that changed no value but moved an indicator's last-checked time: only that
    /// indicator's pages were dropped, nothing was read but the times.
    pub checks_applied: AtomicU64,
}

/// The snapshot being served, swapped whole when the data changes.
pub struct Holder {
    current: RwLock<Arc<Snapshot>>,
    /// One catch-up at a time, so two cannot both build on the same snapshot and lose a change.
    refreshing: tokio::sync::Mutex<()>,
    /// The latest connector run id when the held snapshot's last-checked times were read.
    runs_seen: AtomicI64,
    pub stats: SnapshotStats,
}

/// What a catch-up did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refreshed {
    Unchanged,
    Applied,
    Reloaded,
    /// Only last-checked times moved.
    Checked,
}

impl Holder {
    /// Reads everything; `compress` is the server's `--compression` setting for what it renders.
    pub async fn load(store: &dyn Store, compress: bool) -> anyhow::Result<Holder> {
        let (snapshot, runs_seen) = read_whole(store, compress).await?;
        Ok(Holder {
            current: RwLock::new(Arc::new(snapshot)),
            refreshing: tokio::sync::Mutex::new(()),
            runs_seen: AtomicI64::new(runs_seen),
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
            Changes::Unchanged => self.follow_checks(store, &held).await,
            Changes::Reload => {
                let (fresh, runs_seen) = read_whole(store, held.cache.compresses()).await?;
                self.runs_seen.store(runs_seen, Ordering::Relaxed);
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
                // A connector's new values come with a run: the pages those values drop show its time.
                let checks = self.newer_checks(store, &held).await?;
                let mut fresh = apply(&held, version, deltas, checks.as_ref().map(|c| &c.moved))?;
                if let Some(checks) = checks {
                    fresh.checked = Arc::new(checks.checked);
                    self.runs_seen.store(checks.runs_seen, Ordering::Relaxed);
                }
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

impl Holder {
    /// Takes in the last-checked times of connector runs that changed no value. Such a run writes no data
    /// version and no change-feed entry (a sync that changes nothing causes no snapshot work), yet the
    /// public page should say that the source was checked: only the pages of the indicators whose time
    /// moved are dropped, no value is read, the indicators are shared with the held snapshot (only the
    /// outline's lists are copied) and every other response stays cached, the indicator's API documents
    /// included, which show no such time.
    async fn follow_checks(&self, store: &dyn Store, held: &Snapshot) -> anyhow::Result<Refreshed> {
        let Some(NewerChecks {
            checked,
            moved,
            runs_seen,
        }) = self.newer_checks(store, held).await?
        else {
            return Ok(Refreshed::Unchanged);
        };
        if moved.is_empty() {
            // Failed runs, or another city's: nothing shown changed.
            self.runs_seen.store(runs_seen, Ordering::Relaxed);
            return Ok(Refreshed::Unchanged);
        }
        self.replace(Snapshot {
            data_version: held.data_version,
            strategy: held.strategy.clone(),
            cascade: held.cascade.clone(),
            published: held.published.clone(),
            checked: Arc::new(checked),
            cache: held.cache.carry_over(|scope| match scope {
                Scope::IndicatorPage(id) => !moved.contains(&id),
                _ => true,
            }),
            openapi: held.openapi.clone(),
            translation_queue: QueuePages::default(),
        });
        self.runs_seen.store(runs_seen, Ordering::Relaxed);
        self.stats.checks_applied.fetch_add(1, Ordering::Relaxed);
        Ok(Refreshed::Checked)
    }

    /// The held last-checked times with the runs recorded since, and the indicators whose time moved; `None`
    /// when no run has been recorded since, which costs one step down the runs' primary key. The runs since
    /// are read along the same key, however many came before. The caller notes `runs_seen` once the times
    /// are served.
    ///
    /// Reading the id before the runs means a run recorded in between is read again next time, which is
    /// harmless. On PostgreSQL a run whose id was taken before a later one's but which commits after it is
    /// passed over until the server next reads everything: a last-checked time, never a value, may lag.
    async fn newer_checks(&self, store: &dyn Store, held: &Snapshot) -> anyhow::Result<Option<NewerChecks>> {
        let seen = self.runs_seen.load(Ordering::Relaxed);
        let latest = store.latest_run_id().await?;
        if latest == seen {
            return Ok(None);
        }
        let newer = store.checks_since(held.strategy.city.slug.as_str(), seen).await?;
        let mut checked = (*held.checked).clone();
        let mut moved = HashSet::new();
        for (indicator, at) in newer {
            if checked.get(&indicator).is_some_and(|known| *known >= at) {
                continue;
            }
            checked.insert(indicator, at);
            if let Some(id) = u32::try_from(indicator).ok().and_then(|id| IndicatorId::new(id).ok()) {
                moved.insert(id);
            }
        }
        Ok(Some(NewerChecks {
            checked,
            moved,
            runs_seen: latest,
        }))
    }
}

/// Last-checked times brought up to the latest run.
struct NewerChecks {
    checked: LastChecks,
    /// The indicators whose time moved: their pages must be rendered anew.
    moved: HashSet<IndicatorId>,
    /// The latest run id, read before the runs.
    runs_seen: i64,
}

/// The next snapshot: the held one with the deltas applied and the responses they do not affect kept, but
/// for the pages of the indicators whose last check `moved`.
fn apply(
    held: &Snapshot,
    version: i64,
    deltas: Vec<crate::domain::delta::CascadeDelta>,
    moved: Option<&HashSet<IndicatorId>>,
) -> anyhow::Result<Snapshot> {
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
    let published = cascade.published();
    // An edit of a target not yet approved changes what staff see but nothing the public does: its pages stay.
    let outline = outline && !same_for_public(&published, &held.published);
    let unaffected = touched.is_empty() && !outline;
    let cache = held.cache.carry_over(|scope| match scope {
        Scope::Strategy => true,
        Scope::Cascade => unaffected,
        Scope::Indicator(id) => !outline && !touched.contains(&id),
        Scope::IndicatorPage(id) => !outline && !touched.contains(&id) && !moved.is_some_and(|m| m.contains(&id)),
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
        published,
        checked: held.checked.clone(),
        cache,
        openapi,
        translation_queue: QueuePages::default(),
    })
}

/// Whether two published cascades show the public the same thing, judged without comparing values: an
/// indicator counts as the same only when both hold the very same shared copy of it.
fn same_for_public(a: &Cascade, b: &Cascade) -> bool {
    a.indicators.len() == b.indicators.len()
        && a.indicators.iter().zip(&b.indicators).all(|(x, y)| Arc::ptr_eq(x, y))
        && a.targets == b.targets
        && a.organisations == b.organisations
        && a.regions == b.regions
        && a.action_progress == b.action_progress
}

fn openapi_of(cascade: &Cascade, compress: bool) -> anyhow::Result<Arc<Cached>> {
    Ok(Arc::new(Cached::new(
        super::openapi_json(cascade)?,
        "application/json",
        compress,
    )))
}

/// Reads the version and then everything: a write landing between the reads only causes one more catch-up,
/// which re-reads what that write changed. Returns the latest run id read before the last-checked times.
async fn read_whole(store: &dyn Store, compress: bool) -> anyhow::Result<(Snapshot, i64)> {
    let data_version = store.data_version().await?;
    let strategy = store
        .current_strategy()
        .await?
        .context("the database holds no approved strategy; run `tarina seed`")?;
    let cascade = store.cascade(strategy.city.slug.as_str()).await?;
    let runs_seen = store.latest_run_id().await?;
    let checked = Arc::new(store.last_checks(strategy.city.slug.as_str()).await?);
    let snapshot = Snapshot {
        data_version,
        checked,
        openapi: openapi_of(&cascade, compress)?,
        strategy: Arc::new(strategy),
        published: cascade.published(),
        cascade,
        cache: ResponseCache::new(compress),
        translation_queue: QueuePages::default(),
    };
    Ok((snapshot, runs_seen))
}
