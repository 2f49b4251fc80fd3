//! Syncing an indicator with a statistics service, offline: a local server answers with the recorded
//! answers in `tests/fixtures/statistics` (see its README) and misbehaves on request. On SQLite and, with
//! `TARINA_TEST_DATABASE_URL`, on PostgreSQL.

mod common;
#[path = "support/statistics_server.rs"]
mod statistics_server;

use std::sync::Arc;
use std::time::Duration;

use common::{Backend, TestDb};
use statistics_server::StatisticsServer;
use tarina::connectors::fetch::FetchPolicy;
use tarina::domain::IndicatorId;
use tarina::store::connectors::{ConnectorRun, RunFilter, RunOutcome};
use tarina::store::Store;

const CITY: &str = "espoo";
const POPULATION: u32 = 4;

fn policy() -> FetchPolicy {
    FetchPolicy {
        allow_http: true,
        timeout_ms: 1500,
        max_bytes: 1 << 20,
    }
}

/// A seeded database whose population indicator reads StatFin 11re from the local server at `path`.
async fn prepare(backend: Backend, server: &StatisticsServer, path: &str) -> Option<(TestDb, Arc<dyn Store>)> {
    let db = TestDb::new(backend).await?;
    let store = db.store().await;
    tarina::app::seed::seed_what_is_missing(store.as_ref()).await.unwrap();
    point_at(store.as_ref(), server, path).await;
    Some((db, store))
}

/// Points the population indicator's connector at `path` on the local server.
async fn point_at(store: &dyn Store, server: &StatisticsServer, path: &str) {
    let settings = format!(
        r#"
        name = "test-11re"
        kind = "jsonstat"
        url = "{}"
        table = "11re"
        region = {{ dimension = "Alue", map = {{ KU049 = "espoo" }} }}
        time = "Vuosi"
        value = "vaerak-vaesto"
        unit = "lukumäärä"
        interval = "P1D"
        "#,
        server.url(path)
    );
    statistics_server::set_connector(store, POPULATION, &settings).await;
}

async fn sync(store: &dyn Store, policy: &FetchPolicy) -> ConnectorRun {
    let cascade = store.cascade_outline(CITY).await.unwrap();
    let indicator = cascade.indicator(IndicatorId::new(POPULATION).unwrap()).unwrap();
    tarina::app::sync::sync_indicator(store, CITY, &cascade, indicator, policy, "test")
        .await
        .unwrap()
}

/// Espoo's population at the end of 2025, with who entered it.
async fn espoo_2025(store: &dyn Store) -> (f64, String, usize) {
    let cascade = store.cascade(CITY).await.unwrap();
    let indicator = cascade.indicator(IndicatorId::new(POPULATION).unwrap()).unwrap();
    let series = indicator
        .series(&tarina::domain::Slug::parse("espoo").unwrap())
        .unwrap();
    let value = series
        .values
        .iter()
        .find(|m| m.date.to_string() == "2025-12-31")
        .unwrap();
    (
        value.value,
        value.provenance.entered_by.clone(),
        indicator.corrections.len(),
    )
}

on_both_backends!(
    a_sync_records_the_published_value_once_and_a_revision_as_a_correction,
    every_bad_answer_is_refused_with_the_connector_url_and_reason_and_changes_nothing,
    the_scheduled_sync_runs_once_when_two_servers_share_the_database,
    the_sync_command_reports_each_indicator_and_lists_the_runs,
    the_indicator_page_shows_the_connector_and_when_it_last_checked,
);

/// Runs the `tarina` binary without blocking the local statistics server, which shares the test's thread.
async fn tarina(database: &str, args: &[&str]) -> std::process::Output {
    let (database, args) = (
        database.to_owned(),
        args.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
    );
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        common::tarina(&database, &args)
    })
    .await
    .unwrap()
}

async fn the_sync_command_reports_each_indicator_and_lists_the_runs(backend: Backend) {
    let server = StatisticsServer::start().await;
    let Some((db, _store)) = prepare(backend, &server, "/file/api-query-three-cities.json").await else {
        return;
    };
    let synced = tarina(&db.url, &["sync", "--allow-http", "vakiluku"]).await;
    let stdout = String::from_utf8_lossy(&synced.stdout);
    assert!(
        synced.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&synced.stderr)
    );
    assert!(stdout.contains("vakiluku (4): "), "{stdout}");
    assert!(
        stdout.contains("test-11re indicator 4 succeeded: 1 read, 0 missing; 0 added, 1 corrected"),
        "{stdout}"
    );
    let refused = tarina(&db.url, &["sync", "vakiluku"]).await;
    assert!(!refused.status.success());
    let stdout = String::from_utf8_lossy(&refused.stdout);
    assert!(stdout.contains("failed: connector test-11re: http://"), "{stdout}");
    let status = tarina(&db.url, &["sync", "--status"]).await;
    let listed = String::from_utf8_lossy(&status.stdout);
    assert_eq!(listed.lines().count(), 2, "{listed}");
    assert!(
        listed.lines().next().unwrap().contains("failed: connector test-11re"),
        "{listed}"
    );
    let unknown = tarina(&db.url, &["sync", "nope", "tyollisyysaste"]).await;
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(!unknown.status.success());
    assert!(stderr.contains("no indicator has the id or slug \"nope\""), "{stderr}");
    assert!(
        stderr.contains("indicator 1 (tyollisyysaste) has no connector"),
        "{stderr}"
    );
}

async fn a_sync_records_the_published_value_once_and_a_revision_as_a_correction(backend: Backend) {
    let server = StatisticsServer::start().await;
    let Some((_db, store)) = prepare(backend, &server, "/file/api-query-three-cities.json").await else {
        return;
    };
    let (_, entered_by, corrections_before) = espoo_2025(store.as_ref()).await;
    assert!(entered_by.starts_with("data-files:"), "{entered_by}");

    let run = sync(store.as_ref(), &policy()).await;
    assert_eq!(run.outcome, RunOutcome::Succeeded, "{:?}", run.error);
    assert_eq!((run.read, run.missing), (1, 0));
    // The data file held the same figure with another source: it now says the connector fetched it.
    assert_eq!((run.added, run.corrected, run.unchanged), (0, 1, 0));
    assert_eq!(run.source_updated.as_deref(), Some("2026-04-01T05:00:00Z"));
    let (value, entered_by, corrections) = espoo_2025(store.as_ref()).await;
    assert_eq!((value, entered_by.as_str()), (325716.0, "connector:test-11re"));
    assert_eq!(corrections, corrections_before + 1);
    let export = store.export().await.unwrap().to_json().unwrap();
    for kept in [
        "\\\"connector\\\":\\\"test-11re\\\"",
        "\\\"table\\\":\\\"11re\\\"",
        "\\\"source_updated\\\":\\\"2026-04-01T05:00:00Z\\\"",
        "\\\"fetched_at\\\"",
    ] {
        assert!(export.contains(kept), "the export keeps the value's origin: {kept}");
    }

    let version = store.data_version().await.unwrap();
    let again = sync(store.as_ref(), &policy()).await;
    assert_eq!((again.added, again.corrected, again.unchanged), (0, 0, 1));
    assert_eq!(
        store.data_version().await.unwrap(),
        version,
        "an unchanged answer takes no data version"
    );
    assert!(
        matches!(
            store.changes_since(CITY, version).await.unwrap(),
            tarina::store::Changes::Unchanged
        ),
        "and no change-feed entry"
    );

    point_at(store.as_ref(), &server, "/file/handmade-three-cities-revised.json").await;
    let revised = sync(store.as_ref(), &policy()).await;
    assert_eq!((revised.added, revised.corrected), (0, 1));
    let (value, _, corrections) = espoo_2025(store.as_ref()).await;
    assert_eq!((value, corrections), (325720.0, corrections_before + 2));
    let cascade = store.cascade(CITY).await.unwrap();
    let history = &cascade
        .indicator(IndicatorId::new(POPULATION).unwrap())
        .unwrap()
        .corrections;
    let last = history.last().unwrap();
    assert_eq!(
        (last.value, last.replaced_by.as_str()),
        (325716.0, "connector:test-11re")
    );

    let runs = store
        .runs(CITY, Some(i64::from(POPULATION)), RunFilter::All, 10)
        .await
        .unwrap();
    assert_eq!(runs.len(), 3);
    assert!(runs.iter().all(|r| r.outcome == RunOutcome::Succeeded));
}

async fn every_bad_answer_is_refused_with_the_connector_url_and_reason_and_changes_nothing(backend: Backend) {
    let server = StatisticsServer::start().await;
    let Some((_db, store)) = prepare(backend, &server, "/file/api-query-three-cities.json").await else {
        return;
    };
    let small = FetchPolicy {
        max_bytes: 2048,
        ..policy()
    };
    let cases: [(&str, FetchPolicy, &str); 10] = [
        (
            "/file/handmade-three-cities-truncated.json",
            policy(),
            "not a JSON-stat 2.0 dataset: EOF",
        ),
        (
            "/file/handmade-three-cities-short-value.json",
            policy(),
            "truncated or malformed",
        ),
        (
            "/file/handmade-three-cities-renamed-dimension.json",
            policy(),
            "no region dimension \"Alue\"",
        ),
        (
            "/file/handmade-three-cities-wrong-unit.json",
            policy(),
            "unit \"tuhatta henkilöä\"",
        ),
        ("/status/500", policy(), "HTTP 500"),
        ("/slow/api-query-three-cities.json", policy(), "within the time-out"),
        (
            "/file/api-query-three-cities.json",
            small.clone(),
            "larger than the limit of 2048 bytes",
        ),
        (
            "/stream/api-query-three-cities.json",
            small,
            "larger than the limit of 2048 bytes",
        ),
        (
            "/away/api-query-three-cities.json",
            policy(),
            "redirect to another host, localhost",
        ),
        (
            "/file/api-query-three-cities.json",
            FetchPolicy {
                allow_http: false,
                ..policy()
            },
            "http:// is not allowed",
        ),
    ];
    let before = espoo_2025(store.as_ref()).await;
    for (path, policy, problem) in cases {
        point_at(store.as_ref(), &server, path).await;
        let version = store.data_version().await.unwrap();
        let run = sync(store.as_ref(), &policy).await;
        assert_eq!(run.outcome, RunOutcome::Failed, "{path}");
        let error = run.error.unwrap();
        let url = server.url(path);
        assert!(
            error.starts_with(&format!("connector test-11re: {url}: ")) && error.contains(problem),
            "{path}: {error}"
        );
        assert_eq!(store.data_version().await.unwrap(), version, "{path} wrote nothing");
    }
    assert_eq!(espoo_2025(store.as_ref()).await, before);
    let reordered = {
        point_at(store.as_ref(), &server, "/stream/handmade-three-cities-reordered.json").await;
        sync(store.as_ref(), &policy()).await
    };
    assert_eq!(
        (reordered.outcome, reordered.read),
        (RunOutcome::Succeeded, 1),
        "{:?}",
        reordered.error
    );
    assert_eq!(
        espoo_2025(store.as_ref()).await.0,
        325716.0,
        "a reordered answer reads the same"
    );
}

async fn the_scheduled_sync_runs_once_when_two_servers_share_the_database(backend: Backend) {
    let server = StatisticsServer::start().await;
    let Some((db, store)) = prepare(backend, &server, "/file/api-query-three-cities.json").await else {
        return;
    };
    let db = Arc::new(db);
    let jobs = tarina::jobs::JobSettings {
        poll: Duration::from_millis(20),
        retry_base: Duration::from_millis(20),
        schedule_every: Duration::from_millis(50),
        sync: Some(policy()),
        ..tarina::jobs::JobSettings::default()
    };
    let mut servers = Vec::new();
    for _ in 0..2 {
        let jobs = jobs.clone();
        servers.push(common::spawn_configured(db.clone(), move |config| config.jobs = Some(jobs)).await);
    }
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    let runs = loop {
        let runs = store.runs(CITY, None, RunFilter::All, 10).await.unwrap();
        if !runs.is_empty() || tokio::time::Instant::now() > deadline {
            break runs;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(runs.len(), 1, "the scheduled sync ran");
    // Both servers keep offering the job many times over; the next is due a day later.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let runs = store.runs(CITY, None, RunFilter::All, 10).await.unwrap();
    assert_eq!(runs.len(), 1, "{runs:#?}");
    assert_eq!(runs[0].outcome, RunOutcome::Succeeded, "{:?}", runs[0].error);
    assert_eq!(espoo_2025(store.as_ref()).await.1, "connector:test-11re");
    drop(servers);
}

async fn the_indicator_page_shows_the_connector_and_when_it_last_checked(backend: Backend) {
    let server = StatisticsServer::start().await;
    let Some((db, store)) = prepare(backend, &server, "/file/api-query-three-cities.json").await else {
        return;
    };
    let db = Arc::new(db);
    let before = common::spawn_on(db.clone()).await;
    let page = before.html("/fi/mittarit/4-vakiluku").await;
    assert!(page.contains("<dt>Automaattinen haku</dt>"), "{page}");
    assert!(
        page.contains("test-11re, taulukko 11re. Lähteestä ei ole vielä tarkistettu."),
        "{page}"
    );
    let run = sync(store.as_ref(), &policy()).await;
    assert_eq!(run.outcome, RunOutcome::Succeeded, "{:?}", run.error);
    // A server reading the data after the run shows it; a failed run is not a check.
    let mut failing = run.clone();
    failing.outcome = RunOutcome::Failed;
    failing.finished_at = run.finished_at + chrono::Duration::days(1);
    store.record_run(&failing).await.unwrap();
    let after = common::spawn_on(db.clone()).await;
    let at = run.finished_at;
    let time = at.format("%H:%M");
    for (path, expected) in [
        (
            "/fi/mittarit/4-vakiluku",
            format!(
                "test-11re, taulukko 11re. Tarkistettu lähteestä viimeksi {}, {time} UTC.",
                at.format("%-d.%-m.%Y")
            ),
        ),
        (
            "/sv/matare/4-vakiluku",
            format!(
                "test-11re, tabell 11re. Senast kontrollerad mot källan {}, {time} UTC.",
                at.format("%-d.%-m.%Y")
            ),
        ),
        (
            "/en/indicators/4-vakiluku",
            format!(
                "test-11re, table 11re. Last checked with the source {}, {time} UTC.",
                at.format("%-d %B %Y")
            ),
        ),
    ] {
        let page = after.html(path).await;
        assert!(page.contains(&expected), "{path}: {expected}\n{page}");
    }
    // An indicator without a connector says nothing of one.
    let page = after.html("/fi/mittarit/1-tyollisyysaste").await;
    assert!(!page.contains("Automaattinen haku"), "{page}");
}
