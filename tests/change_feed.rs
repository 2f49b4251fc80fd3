//! The change feed: a server that applies the feed holds exactly what a full read gives, a small write is
//! applied in place rather than by reading everything, and what the public never reads never moves the
//! snapshot.

mod common;

use common::{Backend, TestDb};
use tarina::domain::cascade::Cascade;
use tarina::domain::change::{Change, NewValue};
use tarina::domain::{IndicatorId, Slug};
use tarina::store::{Changes, Store};

fn change(reason: &str) -> Change {
    Change::new("test", reason)
}

/// The first bundled indicator's id and headline region.
fn target_of(cascade: &Cascade) -> (IndicatorId, Slug) {
    let indicator = &cascade.indicators[0];
    (indicator.id, indicator.regions[0].clone())
}

fn value(indicator: IndicatorId, region: &Slug, date: &str, value: f64, source: &str) -> NewValue {
    NewValue {
        indicator,
        region: region.clone(),
        date: date.parse().unwrap(),
        value,
        source: source.into(),
    }
}

async fn seeded(backend: Backend) -> Option<(TestDb, std::sync::Arc<dyn Store>, String)> {
    let db = TestDb::new(backend).await?;
    let store = db.store().await;
    tarina::app::seed::seed_what_is_missing(store.as_ref()).await.unwrap();
    let city = store.current_strategy().await.unwrap().unwrap().city.slug.to_string();
    Some((db, store, city))
}

/// Applies the feed since `version` to `held` and returns the version reached.
async fn catch_up(store: &dyn Store, city: &str, version: i64, held: &mut Cascade) -> i64 {
    match store.changes_since(city, version).await.unwrap() {
        Changes::Unchanged => version,
        Changes::Reload => panic!("a few small writes must not need a full read"),
        Changes::Apply { version, deltas } => {
            for delta in deltas {
                held.apply(delta);
            }
            version
        }
    }
}

async fn applying_the_feed_gives_what_a_full_read_gives(backend: Backend) {
    let Some((_db, store, city)) = seeded(backend).await else {
        return;
    };
    let mut held = store.cascade(&city).await.unwrap();
    let mut version = store.data_version().await.unwrap();
    let (indicator, region) = target_of(&held);
    // New values, then a correction of one of them, then one sent again unchanged, then a copied year.
    let writes: Vec<Vec<NewValue>> = vec![
        vec![
            value(indicator, &region, "2031-01-01", 1.0, "feed test"),
            value(indicator, &region, "2032-01-01", 2.0, "feed test"),
        ],
        vec![value(indicator, &region, "2031-01-01", 1.5, "feed test, corrected")],
        vec![value(indicator, &region, "2032-01-01", 2.0, "feed test")],
    ];
    for batch in &writes {
        store.record_values(&city, batch, &change("feed test")).await.unwrap();
        version = catch_up(store.as_ref(), &city, version, &mut held).await;
        assert_eq!(held, store.cascade(&city).await.unwrap(), "after recording {batch:?}");
    }
    let latest = *held.years().last().unwrap();
    store
        .copy_targets(&city, latest, latest + 1, &change("feed test"))
        .await
        .unwrap();
    version = catch_up(store.as_ref(), &city, version, &mut held).await;
    assert_eq!(held, store.cascade(&city).await.unwrap(), "after copying targets");
    // Several writes caught up at once give the same.
    store
        .record_values(
            &city,
            &[value(indicator, &region, "2033-01-01", 3.0, "a")],
            &change("x"),
        )
        .await
        .unwrap();
    store
        .record_values(
            &city,
            &[value(indicator, &region, "2033-01-01", 4.0, "b")],
            &change("y"),
        )
        .await
        .unwrap();
    version = catch_up(store.as_ref(), &city, version, &mut held).await;
    assert_eq!(held, store.cascade(&city).await.unwrap(), "after two writes at once");
    assert_eq!(version, store.data_version().await.unwrap());
    assert_eq!(store.changes_since(&city, version).await.unwrap(), Changes::Unchanged);
}

async fn a_replacement_or_a_pruned_feed_means_reading_everything(backend: Backend) {
    let Some((_db, store, city)) = seeded(backend).await else {
        return;
    };
    let held = store.cascade(&city).await.unwrap();
    let (indicator, region) = target_of(&held);
    let before = store.data_version().await.unwrap();
    store
        .record_values(
            &city,
            &[value(indicator, &region, "2031-01-01", 1.0, "s")],
            &change("x"),
        )
        .await
        .unwrap();
    assert!(matches!(
        store.changes_since(&city, before).await.unwrap(),
        Changes::Apply { .. }
    ));
    // The feed is pruned past the version held: the way there is gone.
    let pruned = store
        .prune_feed(chrono::Utc::now() + chrono::Duration::hours(1), 0)
        .await
        .unwrap();
    assert!(pruned >= 1);
    assert_eq!(store.changes_since(&city, before).await.unwrap(), Changes::Reload);
    // A server that was current needs nothing.
    let now = store.data_version().await.unwrap();
    assert_eq!(store.changes_since(&city, now).await.unwrap(), Changes::Unchanged);
    // A whole replacement is read whole.
    let dataset = tarina::data::bundled_dataset().unwrap();
    store
        .save_dataset(
            &dataset,
            tarina::domain::change::OnExisting::Replace,
            &change("replace"),
        )
        .await
        .unwrap();
    assert_eq!(store.changes_since(&city, now).await.unwrap(), Changes::Reload);
}

async fn a_job_enqueued_moves_nothing_the_public_reads(backend: Backend) {
    let Some((_db, store, city)) = seeded(backend).await else {
        return;
    };
    let version = store.data_version().await.unwrap();
    tarina::jobs::enqueue(store.as_ref(), &tarina::jobs::PruneChangeFeed::default())
        .await
        .unwrap();
    assert_eq!(store.data_version().await.unwrap(), version);
    assert_eq!(store.changes_since(&city, version).await.unwrap(), Changes::Unchanged);
}

async fn snapshot_figures(app: &common::TestApp) -> serde_json::Value {
    app.json("/healthz").await["snapshot"].clone()
}

/// Through a running server: a write is served after the next catch-up, applied in place, and a
/// replacement is read whole.
async fn a_server_applies_small_writes_in_place(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let store = app.db.store().await;
    let city = store.current_strategy().await.unwrap().unwrap().city.slug.to_string();
    let outline = store.cascade_outline(&city).await.unwrap();
    let (indicator, region) = target_of(&outline);
    let before = snapshot_figures(&app).await;
    let api = format!("/api/v1/indicators/{indicator}");
    let page = format!("/fi/mittarit/{indicator}-{}", outline.indicators[0].slug);
    let etag = |response: reqwest::Response| response.headers()["etag"].to_str().unwrap().to_owned();
    // The document and the page are cached now; the write must still reach them.
    let old_page = etag(app.get(&page).await);
    let first = app.json(&api).await;
    assert!(!first.to_string().contains("2031-05-05"));
    store
        .record_values(
            &city,
            &[value(indicator, &region, "2031-05-05", 4242.5, "served test")],
            &change("x"),
        )
        .await
        .unwrap();
    assert!(app.eventually_contains(&api, "2031-05-05").await);
    assert_ne!(
        etag(app.get(&page).await),
        old_page,
        "the indicator's page shows the new value"
    );
    let after = snapshot_figures(&app).await;
    assert_eq!(after["full_reloads"], before["full_reloads"], "{before} → {after}");
    assert!(after["changes_applied"].as_u64() > before["changes_applied"].as_u64());
    assert_eq!(after["data_version"], store.data_version().await.unwrap());
    // A job enqueued is no change at all.
    tarina::jobs::enqueue(store.as_ref(), &tarina::jobs::PruneChangeFeed::default())
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(snapshot_figures(&app).await, after);
    // A replacement is read whole.
    let output = common::tarina(&app.db.url, &["seed", "--force"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    for _ in 0..500 {
        if snapshot_figures(&app).await["full_reloads"].as_u64() > after["full_reloads"].as_u64() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("the server never read the replaced data");
}

on_both_backends!(
    applying_the_feed_gives_what_a_full_read_gives,
    a_replacement_or_a_pruned_feed_means_reading_everything,
    a_job_enqueued_moves_nothing_the_public_reads,
    a_server_applies_small_writes_in_place,
);
