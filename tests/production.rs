//! Running in production: several servers on one database, moving an instance between backends,
//! backups, and migrations that fail without leaving anything half-done.

mod common;

use std::sync::Arc;

use common::{Backend, TestDb};
use sqlx::Connection as _;
use tarina::domain::change::OnExisting;

/// Runs one SQL statement on the test database directly, bypassing Tarina; returns the first column of
/// the first row as a number when there is one.
async fn raw_sql(db: &TestDb, sql: &str) -> Option<i64> {
    match db.backend {
        Backend::Sqlite => {
            let mut conn = sqlx::SqliteConnection::connect(&format!("{}?mode=rwc", db.url))
                .await
                .unwrap();
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_optional(&mut conn)
                .await
                .unwrap()
        }
        Backend::Postgres => {
            let mut conn = sqlx::PgConnection::connect(&db.url).await.unwrap();
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_optional(&mut conn)
                .await
                .unwrap()
        }
    }
}

async fn two_servers_on_one_database_see_each_others_changes(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else { return };
    let db = Arc::new(db);
    let first = common::spawn_on(db.clone()).await;
    let second = common::spawn_on(db.clone()).await;
    assert_eq!(
        first.json("/api/v1/strategy").await,
        second.json("/api/v1/strategy").await
    );

    // A write by a third party (here the store, as `tarina seed --force` would do it) reaches both.
    let mut changed = tarina::data::bundled().unwrap();
    changed.vision.fi = "Uusi visio, joka näkyy molemmilla palvelimilla.".into();
    db.save(&changed, OnExisting::Replace).await;
    for server in [&first, &second] {
        assert!(
            server
                .eventually_contains("/fi/", "Uusi visio, joka näkyy molemmilla palvelimilla.")
                .await
        );
        assert_eq!(
            server.json("/api/v1/strategy").await["vision"]["fi"],
            "Uusi visio, joka näkyy molemmilla palvelimilla."
        );
    }
}

async fn seeding_races_between_servers_are_harmless(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else { return };
    let db = Arc::new(db);
    // Both servers find the database empty and try to seed it at once; one wins, both serve.
    let (first, second) = tokio::join!(common::spawn_on(db.clone()), common::spawn_on(db.clone()));
    assert_eq!(
        first.json("/api/v1/strategy").await,
        second.json("/api/v1/strategy").await
    );
    assert_eq!(raw_sql(&db, "SELECT COUNT(*) FROM strategy_versions").await, Some(1));
}

async fn a_database_from_before_the_cascade_gets_the_bundled_one_on_start(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else { return };
    let db = Arc::new(db);
    // What the release before the cascade left behind: the bundled strategy and nothing else.
    db.save(&tarina::data::bundled().unwrap(), OnExisting::Refuse).await;
    assert_eq!(raw_sql(&db, "SELECT COUNT(*) FROM indicators").await, Some(0));

    // Two servers of the new release start on it at once; the cascade arrives once and both serve it.
    let (first, second) = tokio::join!(common::spawn_on(db.clone()), common::spawn_on(db.clone()));
    for server in [&first, &second] {
        assert!(server.eventually_contains("/api/v1/indicators", "tyollisyysaste").await);
    }
    let upgrades = "SELECT COUNT(*) FROM change_log WHERE actor = 'system:upgrade'";
    assert_eq!(raw_sql(&db, upgrades).await, Some(1));
    let version = raw_sql(&db, "SELECT version FROM data_version").await;

    // Later starts find the cascade and write nothing.
    drop(common::spawn_on(db.clone()).await);
    assert_eq!(raw_sql(&db, upgrades).await, Some(1));
    assert_eq!(raw_sql(&db, "SELECT version FROM data_version").await, version);
}

async fn a_database_holding_another_strategy_gets_no_bundled_cascade(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else { return };
    let db = Arc::new(db);
    let mut own = tarina::data::bundled().unwrap();
    own.version = "2.0".into();
    db.save(&own, OnExisting::Refuse).await;
    let server = common::spawn_on(db.clone()).await;
    assert_eq!(server.json("/api/v1/indicators").await, serde_json::json!([]));
    assert_eq!(raw_sql(&db, "SELECT COUNT(*) FROM organisations").await, Some(0));
}

async fn many_processes_migrating_a_new_database_at_once_all_succeed(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else { return };
    for output in common::tarina_at_once(&db.url, &vec![vec!["migrate"]; 6]) {
        assert!(output.status.success(), "{output:?}");
    }
    let migrations = raw_sql(&db, "SELECT COUNT(*) FROM _sqlx_migrations WHERE success").await;
    assert_eq!(
        migrations,
        Some(std::fs::read_dir("migrations/sqlite").unwrap().count() as i64)
    );
}

fn export(db: &TestDb, name: &str) -> String {
    let file = db.dir().join(name);
    let output = common::tarina(&db.url, &["export", file.to_str().unwrap()]);
    assert!(output.status.success(), "{output:?}");
    std::fs::read_to_string(file).unwrap()
}

fn import(db: &TestDb, text: &str) -> std::process::Output {
    let file = db.dir().join("import.json");
    std::fs::write(&file, text).unwrap();
    common::tarina(&db.url, &["import", file.to_str().unwrap()])
}

#[tokio::test]
async fn an_instance_moves_between_backends_losslessly() {
    let source = TestDb::new(Backend::Sqlite).await.unwrap();
    assert!(common::tarina(&source.url, &["seed"]).status.success());
    let mut changed = tarina::data::bundled().unwrap();
    changed.version = "1.2-luonnos".into();
    changed.status = tarina::domain::VersionStatus::Draft;
    changed.areas[0].goals[0].title.sv = None;
    source.save(&changed, OnExisting::Refuse).await;
    let first = export(&source, "first.json");
    let parsed: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(parsed["format"], "tarina-export");
    assert_eq!(parsed["format_version"], 6);
    assert_eq!(parsed["versions"].as_array().unwrap().len(), 2);
    // Seeding logs the strategy and the cascade; the draft is the third change.
    assert_eq!(parsed["change_log"].as_array().unwrap().len(), 3);
    let cascade = &parsed["cascades"][0];
    assert_eq!(cascade["city_slug"], "espoo");
    assert_eq!(cascade["indicators"].as_array().unwrap().len(), 10);
    assert!(cascade["values"].as_array().unwrap().len() > 50);

    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some(target) = TestDb::new(backend).await else {
            continue;
        };
        let output = import(&target, &first);
        assert!(output.status.success(), "{output:?}");
        assert_eq!(
            export(&target, "second.json"),
            first,
            "{backend:?}: the round trip is lossless"
        );
        assert_eq!(
            target.store().await.cascade("espoo").await.unwrap(),
            tarina::data::bundled_dataset().unwrap().cascade,
            "{backend:?}: the cascade survives the move"
        );
        let served = target.store().await.current_strategy().await.unwrap().unwrap();
        assert_eq!(
            served,
            tarina::data::bundled().unwrap(),
            "{backend:?}: the approved version is current"
        );
    }
}

async fn import_is_all_or_nothing(backend: Backend) {
    let Some(source) = TestDb::new(backend).await else {
        return;
    };
    assert!(common::tarina(&source.url, &["seed"]).status.success());
    let good = export(&source, "good.json");

    let Some(target) = TestDb::new(backend).await else {
        return;
    };
    assert!(common::tarina(&target.url, &["migrate"]).status.success());
    let mut broken: serde_json::Value = serde_json::from_str(&good).unwrap();
    broken["versions"][0]["goals"][3]["area_id"] = 99.into();
    let mut broken_cascade: serde_json::Value = serde_json::from_str(&good).unwrap();
    broken_cascade["cascades"][0]["values"][0]["region"] = "atlantis".into();
    let newer = good.replace("\"format_version\": 6", "\"format_version\": 99");
    for (text, expected) in [
        ("this is not json".to_owned(), "not a Tarina export file"),
        (newer, "format version 99 is not supported"),
        (broken.to_string(), "is invalid"),
        (
            broken_cascade.to_string(),
            "the cascade of espoo in the export is invalid",
        ),
    ] {
        let output = import(&target, &text);
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{stderr}");
        assert_eq!(
            raw_sql(&target, "SELECT COUNT(*) FROM strategy_versions").await,
            Some(0),
            "nothing written"
        );
    }
    // A database that holds data is never overwritten by an import.
    let output = import(&source, &good);
    assert!(String::from_utf8_lossy(&output.stderr).contains("import into an empty database"));
    assert!(import(&target, &good).status.success());
}

#[tokio::test]
async fn a_sqlite_backup_taken_while_serving_restores() {
    let Some(app) = common::spawn(Backend::Sqlite).await else {
        return;
    };
    let served = app.json("/api/v1/strategy").await;
    let file = app.db.dir().join("backup.db");
    let output = common::tarina(&app.db.url, &["backup", file.to_str().unwrap()]);
    assert!(output.status.success(), "{output:?}");
    let again = common::tarina(&app.db.url, &["backup", file.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("already exists"),
        "never overwrites"
    );

    // Restoring is serving (or copying) the backup file.
    let restored = TestDb::new(Backend::Sqlite).await.unwrap();
    let restored_path = restored.url.trim_start_matches("sqlite://").to_owned();
    std::fs::copy(&file, &restored_path).unwrap();
    let restored = common::spawn_on(Arc::new(restored)).await;
    assert_eq!(restored.json("/api/v1/strategy").await, served);
}

#[tokio::test]
async fn postgres_backups_point_to_pg_dump() {
    let Some(db) = TestDb::new(Backend::Postgres).await else {
        return;
    };
    let output = common::tarina(&db.url, &["backup", db.dir().join("x").to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("pg_dump"));
}

async fn a_failing_migration_leaves_the_database_as_it_was(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else { return };
    // A table in the way of the first migration, halfway through it.
    raw_sql(&db, "CREATE TABLE texts (unrelated INTEGER)").await;
    let output = common::tarina(&db.url, &["migrate"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("tarina: cannot migrate"), "{stderr}");
    let tables_before_texts = match backend {
        Backend::Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('cities', 'strategy_versions')",
        Backend::Postgres => "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('cities', 'strategy_versions')",
    };
    assert_eq!(
        raw_sql(&db, tables_before_texts).await,
        Some(0),
        "the migration was rolled back"
    );
}

on_both_backends!(
    two_servers_on_one_database_see_each_others_changes,
    seeding_races_between_servers_are_harmless,
    many_processes_migrating_a_new_database_at_once_all_succeed,
    a_database_from_before_the_cascade_gets_the_bundled_one_on_start,
    a_database_holding_another_strategy_gets_no_bundled_cascade,
    import_is_all_or_nothing,
    a_failing_migration_leaves_the_database_as_it_was,
);
