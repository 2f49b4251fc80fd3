//! Syncing an indicator with a CSV file or an XLSX workbook at a URL, offline: the local statistics server
//! answers with the hand-made files `tests/fixtures/statistics/handmade-population*` (not published
//! figures). On SQLite and, with `TARINA_TEST_DATABASE_URL`, on PostgreSQL.

mod common;
#[path = "support/statistics_server.rs"]
mod statistics_server;

use std::sync::Arc;

use common::{Backend, TestDb};
use statistics_server::{set_connector, StatisticsServer, LAST_MODIFIED};
use tarina::connectors::fetch::FetchPolicy;
use tarina::domain::IndicatorId;
use tarina::store::connectors::{ConnectorRun, RunOutcome};
use tarina::store::Store;

const POPULATION: u32 = 4;

fn policy() -> FetchPolicy {
    FetchPolicy {
        allow_http: true,
        timeout_ms: 1500,
        max_bytes: 1 << 20,
    }
}

/// The semicolon-separated Windows-1252 file at `path`: totals of Espoo, the unit checked.
fn csv_settings(server: &StatisticsServer, path: &str) -> String {
    format!(
        r#"
        name = "vaesto-csv"
        kind = "csv"
        url = "{}"
        delimiter = ";"
        region = {{ column = "Alue", map = {{ Espoo = "espoo" }} }}
        time = "Vuosi"
        value = "Väestö"
        select = {{ Sukupuoli = "Yhteensä" }}
        unit = "henkilöä"
        unit_column = "Yksikkö"
        interval = "P7D"
        "#,
        server.url(path)
    )
}

/// The workbook at `path`: its second sheet, whose header is on row 3 below a title.
fn xlsx_settings(server: &StatisticsServer, path: &str) -> String {
    format!(
        r#"
        name = "vaesto-xlsx"
        kind = "xlsx"
        url = "{}"
        sheet = "Väestö"
        header_row = 3
        region = {{ column = "Alue", map = {{ Espoo = "espoo" }} }}
        time = "Vuosi"
        value = "Väkiluku"
        interval = "P7D"
        "#,
        server.url(path)
    )
}

async fn prepare(backend: Backend) -> Option<(TestDb, Arc<dyn Store>)> {
    let db = TestDb::new(backend).await?;
    let store = db.store().await;
    tarina::app::seed::seed_what_is_missing(store.as_ref()).await.unwrap();
    Some((db, store))
}

async fn sync(store: &dyn Store, policy: &FetchPolicy) -> ConnectorRun {
    let cascade = store.cascade_outline("espoo").await.unwrap();
    let indicator = cascade.indicator(IndicatorId::new(POPULATION).unwrap()).unwrap();
    tarina::app::sync::sync_indicator(store, "espoo", &cascade, indicator, policy, "test")
        .await
        .unwrap()
}

/// Espoo's population by date, with who entered each value.
async fn espoo(store: &dyn Store) -> Vec<(String, f64, String)> {
    let cascade = store.cascade("espoo").await.unwrap();
    let indicator = cascade.indicator(IndicatorId::new(POPULATION).unwrap()).unwrap();
    let series = indicator
        .series(&tarina::domain::Slug::parse("espoo").unwrap())
        .unwrap();
    series
        .values
        .iter()
        .map(|m| (m.date.to_string(), m.value, m.provenance.entered_by.clone()))
        .collect()
}

fn value_on<'a>(values: &'a [(String, f64, String)], date: &str) -> Option<(f64, &'a str)> {
    values
        .iter()
        .find(|(d, ..)| d == date)
        .map(|(_, value, by)| (*value, by.as_str()))
}

on_both_backends!(
    a_csv_file_is_synced_once_and_its_missing_cells_stay_missing,
    a_workbook_sheet_is_synced_below_its_title_rows,
    a_bad_file_is_refused_with_the_connector_url_and_row_and_changes_nothing,
);

async fn a_csv_file_is_synced_once_and_its_missing_cells_stay_missing(backend: Backend) {
    let server = StatisticsServer::start().await;
    let Some((_db, store)) = prepare(backend).await else {
        return;
    };
    set_connector(
        store.as_ref(),
        POPULATION,
        &csv_settings(&server, "/file/handmade-population.csv"),
    )
    .await;
    let run = sync(store.as_ref(), &policy()).await;
    assert_eq!(run.outcome, RunOutcome::Succeeded, "{:?}", run.error);
    // 2023 and 2024 read; 2025 is `..` in the file.
    assert_eq!((run.read, run.missing), (2, 1));
    // 2024 held the same figure from another source: now it says the file gave it.
    assert_eq!((run.added, run.corrected, run.unchanged), (1, 1, 0));
    assert_eq!(
        run.source_updated.as_deref(),
        Some(LAST_MODIFIED),
        "the file's Last-Modified"
    );
    let values = espoo(store.as_ref()).await;
    assert_eq!(
        value_on(&values, "2023-12-31"),
        Some((314024.0, "connector:vaesto-csv"))
    );
    assert_eq!(
        value_on(&values, "2024-12-31"),
        Some((320931.0, "connector:vaesto-csv"))
    );
    let (kept, by) = value_on(&values, "2025-12-31").unwrap();
    assert_eq!(kept, 325716.0, "a missing cell replaces nothing, and is never zero");
    assert!(!by.starts_with("connector:"), "{by}");

    let version = store.data_version().await.unwrap();
    let again = sync(store.as_ref(), &policy()).await;
    assert_eq!((again.added, again.corrected, again.unchanged), (0, 0, 2));
    assert_eq!(store.data_version().await.unwrap(), version, "nothing written");
}

async fn a_workbook_sheet_is_synced_below_its_title_rows(backend: Backend) {
    let server = StatisticsServer::start().await;
    let Some((_db, store)) = prepare(backend).await else {
        return;
    };
    set_connector(
        store.as_ref(),
        POPULATION,
        &xlsx_settings(&server, "/stream/handmade-population.xlsx"),
    )
    .await;
    let run = sync(store.as_ref(), &policy()).await;
    assert_eq!(run.outcome, RunOutcome::Succeeded, "{:?}", run.error);
    assert_eq!((run.read, run.missing), (3, 1));
    // 2022 (a date cell) replaces the bundled example, 2023 is new, 2024 (text "2024") has another source.
    assert_eq!((run.added, run.corrected, run.unchanged), (1, 2, 0));
    assert_eq!(run.source_updated, None, "streamed without a Last-Modified");
    let values = espoo(store.as_ref()).await;
    for (date, value) in [
        ("2022-12-31", 305000.0),
        ("2023-12-31", 314024.0),
        ("2024-12-31", 320931.0),
    ] {
        assert_eq!(
            value_on(&values, date),
            Some((value, "connector:vaesto-xlsx")),
            "{date}"
        );
    }
}

async fn a_bad_file_is_refused_with_the_connector_url_and_row_and_changes_nothing(backend: Backend) {
    let server = StatisticsServer::start().await;
    let Some((_db, store)) = prepare(backend).await else {
        return;
    };
    let small = FetchPolicy {
        max_bytes: 2048,
        ..policy()
    };
    let csv = |path| csv_settings(&server, path);
    let xlsx = |path| xlsx_settings(&server, path);
    let cases: [(String, &str, FetchPolicy, &str); 7] = [
        (
            csv("/file/handmade-population-wrong-unit.csv"),
            "/file/handmade-population-wrong-unit.csv",
            policy(),
            "row 2: the file states the unit \"tuhatta henkilöä\"; the connector expects \"henkilöä\"",
        ),
        (
            csv("/file/handmade-population-thousands-separator.csv"),
            "/file/handmade-population-thousands-separator.csv",
            policy(),
            "row 4: column \"Väestö\": \"320 931\" has a thousands separator",
        ),
        (
            xlsx("/file/handmade-population-truncated.xlsx"),
            "/file/handmade-population-truncated.xlsx",
            policy(),
            "not an XLSX workbook",
        ),
        (
            xlsx("/file/handmade-population.csv"),
            "/file/handmade-population.csv",
            policy(),
            "not an XLSX workbook",
        ),
        (
            xlsx("/stream/handmade-population.xlsx"),
            "/stream/handmade-population.xlsx",
            small,
            "larger than the limit of 2048 bytes",
        ),
        (csv("/status/500"), "/status/500", policy(), "HTTP 500"),
        (
            csv("/file/handmade-population.csv"),
            "/file/handmade-population.csv",
            FetchPolicy {
                allow_http: false,
                ..policy()
            },
            "http:// is not allowed",
        ),
    ];
    let before = espoo(store.as_ref()).await;
    for (settings, path, policy, problem) in cases {
        set_connector(store.as_ref(), POPULATION, &settings).await;
        let version = store.data_version().await.unwrap();
        let run = sync(store.as_ref(), &policy).await;
        assert_eq!(run.outcome, RunOutcome::Failed, "{path}");
        let error = run.error.unwrap();
        let name = if settings.contains("kind = \"csv\"") {
            "vaesto-csv"
        } else {
            "vaesto-xlsx"
        };
        assert!(
            error.starts_with(&format!("connector {name}: {}: ", server.url(path))) && error.contains(problem),
            "{path}: {error}"
        );
        assert_eq!(store.data_version().await.unwrap(), version, "{path} wrote nothing");
    }
    assert_eq!(espoo(store.as_ref()).await, before);
}
