//! What people see of connector runs: staff see each connector's last run with its result or its error,
//! and the public indicator page says when the source was last checked, on every server, even after a run
//! that changed nothing. On SQLite and, with `TARINA_TEST_DATABASE_URL`, on PostgreSQL.

mod common;
#[path = "support/statistics_server.rs"]
mod statistics_server;

use std::sync::Arc;

use common::browser::{account, signed_in};
use common::{Backend, TestDb};
use statistics_server::{set_connector, StatisticsServer};
use tarina::connectors::fetch::FetchPolicy;
use tarina::domain::access::Role;
use tarina::domain::IndicatorId;
use tarina::store::connectors::{ConnectorRun, RunOutcome};
use tarina::store::Store;

const POPULATION: u32 = 4;
const PAGE: &str = "/fi/mittarit/4-vakiluku";

fn policy() -> FetchPolicy {
    FetchPolicy {
        allow_http: true,
        timeout_ms: 1500,
        max_bytes: 1 << 20,
    }
}

/// A seeded database whose population indicator reads StatFin 11re from the local server.
async fn prepare(backend: Backend, server: &StatisticsServer) -> Option<(Arc<TestDb>, Arc<dyn Store>)> {
    let db = TestDb::new(backend).await?;
    let store = db.store().await;
    tarina::app::seed::seed_what_is_missing(store.as_ref()).await.unwrap();
    let settings = format!(
        r#"
        name = "test-11re"
        kind = "jsonstat"
        url = "{}"
        table = "11re"
        region = {{ dimension = "Alue", map = {{ KU049 = "espoo" }} }}
        time = "Vuosi"
        value = "vaerak-vaesto"
        interval = "P1D"
        "#,
        server.url("/file/api-query-three-cities.json")
    );
    set_connector(store.as_ref(), POPULATION, &settings).await;
    Some((Arc::new(db), store))
}

async fn sync(store: &dyn Store) -> ConnectorRun {
    let cascade = store.cascade_outline("espoo").await.unwrap();
    let indicator = cascade.indicator(IndicatorId::new(POPULATION).unwrap()).unwrap();
    let run = tarina::app::sync::sync_indicator(store, "espoo", &cascade, indicator, &policy(), "test")
        .await
        .unwrap();
    assert_eq!(run.outcome, RunOutcome::Succeeded, "{:?}", run.error);
    run
}

/// Moves every recorded run to 1 January 2026, as if the last sync had been long ago.
async fn age_runs(db: &TestDb) {
    use sqlx::Connection as _;
    let sql = "UPDATE connector_runs SET started_at = '2026-01-01T09:30:00.000000Z', \
               finished_at = '2026-01-01T09:30:00.000000Z'";
    match db.backend {
        Backend::Sqlite => {
            let mut connection = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
            sqlx::query(sql).execute(&mut connection).await.unwrap();
        }
        Backend::Postgres => {
            let mut connection = sqlx::PgConnection::connect(&db.url).await.unwrap();
            sqlx::query(sql).execute(&mut connection).await.unwrap();
        }
    }
}

fn checked_text(at: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "Tarkistettu lähteestä viimeksi {}, {} UTC.",
        at.format("%-d.%-m.%Y"),
        at.format("%H:%M")
    )
}

on_both_backends!(
    a_check_that_changes_nothing_shows_on_every_server_without_snapshot_work,
    staff_see_each_connectors_last_run_and_its_error_as_text,
);

async fn a_check_that_changes_nothing_shows_on_every_server_without_snapshot_work(backend: Backend) {
    let server = StatisticsServer::start().await;
    let Some((db, store)) = prepare(backend, &server).await else {
        return;
    };
    let first = sync(store.as_ref()).await;
    assert_eq!(first.corrected, 1, "the first sync changes a value");
    age_runs(&db).await;
    let servers = [common::spawn_on(db.clone()).await, common::spawn_on(db.clone()).await];
    let aged = "Tarkistettu lähteestä viimeksi 1.1.2026, 09:30 UTC.";
    let mut before = Vec::new();
    for app in &servers {
        assert!(app.html(PAGE).await.contains(aged));
        let json = app.get("/api/v1/indicators/4").await;
        let etag = json.headers()["etag"].clone();
        before.push((app.json("/healthz").await["snapshot"].clone(), etag));
    }

    let version = store.data_version().await.unwrap();
    let again = sync(store.as_ref()).await;
    assert_eq!((again.added, again.corrected, again.unchanged), (0, 0, 1));
    assert_eq!(store.data_version().await.unwrap(), version, "nothing written");
    let fresh = checked_text(again.finished_at);
    for (app, (snapshot, etag)) in servers.iter().zip(&before) {
        assert!(app.eventually_contains(PAGE, &fresh).await, "{fresh}");
        let after = &app.json("/healthz").await["snapshot"];
        for unchanged in ["data_version", "changes_applied", "deltas_applied", "full_reloads"] {
            assert_eq!(after[unchanged], snapshot[unchanged], "{unchanged}: no snapshot work");
        }
        assert_eq!(
            after["checks_applied"].as_u64(),
            snapshot["checks_applied"].as_u64().map(|n| n + 1),
            "one check taken in"
        );
        let json = app.get("/api/v1/indicators/4").await;
        assert_eq!(&json.headers()["etag"], etag, "the API document was not touched");
    }

    // A failed run is no check: the time stays.
    let mut failed = again.clone();
    failed.outcome = RunOutcome::Failed;
    failed.finished_at = again.finished_at + chrono::Duration::days(1);
    failed.error = Some("connector test-11re: the server answered HTTP 500".into());
    store.record_run(&failed).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    for app in &servers {
        assert!(app.html(PAGE).await.contains(&fresh));
        let snapshot = &app.json("/healthz").await["snapshot"];
        assert_eq!(snapshot["checks_applied"], 1);
    }
}

async fn staff_see_each_connectors_last_run_and_its_error_as_text(backend: Backend) {
    let server = StatisticsServer::start().await;
    let Some((db, store)) = prepare(backend, &server).await else {
        return;
    };
    let app = common::spawn_on(db.clone()).await;
    account(&app, "lukija@espoo.fi", Role::Viewer, None).await;
    let mut viewer = signed_in(&app, "lukija@espoo.fi").await;
    let page = viewer.get(&app, "/staff/fi/connectors").await;
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["cache-control"], "no-store");
    let page = page.text().await.unwrap();
    assert!(
        page.contains("href=\"/staff/fi/connectors\" aria-current=\"page\""),
        "in the menu"
    );
    assert!(
        page.contains("<a href=\"/fi/mittarit/4-vakiluku\">Väkiluku</a>"),
        "{page}"
    );
    assert!(page.contains("test-11re<br>JSON-stat 2.0 -osoite"), "{page}");
    assert!(page.contains("taulukko 11re"), "{page}");
    assert!(
        page.contains(&server.url("/file/api-query-three-cities.json")),
        "{page}"
    );
    assert!(page.contains("<code>P1D</code>"), "{page}");
    assert!(
        page.contains("Ei vielä ajettu") && page.contains("Ei vielä tarkistettu"),
        "{page}"
    );

    let run = sync(store.as_ref()).await;
    let page = viewer.get(&app, "/staff/en/connectors").await.text().await.unwrap();
    assert!(
        page.contains("Succeeded: 1 read, 0 missing; 0 added, 1 corrected, 0 unchanged."),
        "{page}"
    );
    assert!(page.contains("Source updated 2026-04-01T05:00:00Z."), "{page}");
    let at = run.finished_at.format("%Y-%m-%d %H:%M UTC").to_string();
    assert_eq!(page.matches(&at).count(), 2, "last run and last check: {page}");

    // A failure quotes what the remote server sent: shown as text, never as markup.
    let mut failed = run.clone();
    failed.outcome = RunOutcome::Failed;
    failed.finished_at = run.finished_at + chrono::Duration::days(1);
    failed.error = Some("connector test-11re: not JSON: <script>alert(1)</script>".into());
    store.record_run(&failed).await.unwrap();
    let page = viewer.get(&app, "/staff/sv/connectors").await.text().await.unwrap();
    assert!(page.contains("<strong>Misslyckades:</strong>"), "{page}");
    assert!(
        page.contains("not JSON: &lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>"),
        "{page}"
    );
    let failed_at = failed.finished_at.format("%Y-%m-%d %H:%M UTC").to_string();
    assert!(
        page.contains(&failed_at) && page.contains(&at),
        "the last run and the last success: {page}"
    );
}
