//! Crash safety: writers are killed with SIGKILL at arbitrary moments. Afterwards every acknowledged write
//! is there, nothing half-applied is visible, and the database is consistent.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{Backend, TestDb};
use tarina::domain::Strategy;

/// A strategy folder whose vision carries `marker`, so each write is recognisable as a whole.
fn variant(root: &Path, marker: usize) -> PathBuf {
    let dir = root.join(format!("variant-{marker}"));
    for (path, text) in tarina::data::BUNDLED_FILES {
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        let text = if *path == "strategy.toml" {
            text.replacen("vision.fi = \"", &format!("vision.fi = \"Kaatumistesti {marker}: "), 1)
        } else {
            text.to_string()
        };
        std::fs::write(target, text).unwrap();
    }
    dir
}

/// A connection to the test's SQLite file, after asserting that SQLite finds the file intact.
async fn sqlite_with_integrity(db: &TestDb) -> sqlx::SqliteConnection {
    let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(&db.url)
        .await
        .unwrap();
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(integrity, "ok");
    conn
}

fn marker_of(strategy: &Strategy) -> Option<usize> {
    let rest = strategy.vision.fi.strip_prefix("Kaatumistesti ")?;
    rest.split(':').next()?.parse().ok()
}

/// Deterministic delays, so a failure can be reproduced.
struct Delays(u64);

impl Delays {
    fn next(&mut self, max_ms: u64) -> Duration {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        Duration::from_millis((self.0 >> 33) % max_ms)
    }
}

async fn seed_killed_at_random_moments_loses_nothing_acknowledged(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else { return };
    assert!(common::tarina(&db.url, &["seed"]).status.success());
    let mut acknowledged: Option<usize> = None;
    let mut delays = Delays(0x5eed);
    let (mut killed, mut completed) = (0, 0);
    for marker in 1..=24 {
        let dir = variant(db.dir(), marker);
        let mut child = Command::new(env!("CARGO_BIN_EXE_tarina"))
            .args([
                "--database",
                &db.url,
                "seed",
                "--force",
                "--data",
                dir.to_str().unwrap(),
            ])
            .env_remove("TARINA_DATABASE_URL")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        tokio::time::sleep(delays.next(250)).await;
        child.kill().ok(); // SIGKILL; a no-op when it has already finished.
        let output = child.wait_with_output().unwrap();
        if output.status.success() && String::from_utf8_lossy(&output.stdout).contains("stored version") {
            acknowledged = Some(marker);
            completed += 1;
        } else {
            killed += 1;
        }

        // Whatever the moment of the kill, the database holds exactly one whole version 1.1: the last
        // acknowledged write, or a later one that was killed after its commit but before it could say so
        // (this one or an earlier killed one).
        let store = db.store().await;
        let current = store
            .current_strategy()
            .await
            .expect("the stored strategy is whole")
            .expect("a version");
        let seen = marker_of(&current);
        match (seen, acknowledged) {
            (Some(seen), acked) => assert!(
                acked.unwrap_or(1) <= seen && seen <= marker,
                "saw {seen}, acknowledged {acked:?}, last tried {marker}"
            ),
            (None, None) => assert_eq!(current, tarina::data::bundled().unwrap()),
            (None, Some(acked)) => panic!("write {acked} was acknowledged but the original is back"),
        }
        let mut expected = tarina::data::bundled().unwrap();
        expected.vision = current.vision.clone();
        assert_eq!(
            current, expected,
            "nothing but the vision differs: no half-applied write"
        );
        assert_eq!(store.export().await.unwrap().versions.len(), 1);
    }
    eprintln!("{killed} writers killed, {completed} completed");
    assert!(killed > 0, "some kills must land during a write");
    // A writer that is left alone is acknowledged and then served.
    let last = variant(db.dir(), 99);
    let output = common::tarina(&db.url, &["seed", "--force", "--data", last.to_str().unwrap()]);
    assert!(output.status.success(), "{output:?}");
    let current = db.store().await.current_strategy().await.unwrap().unwrap();
    assert_eq!(marker_of(&current), Some(99));
    if backend == Backend::Sqlite {
        let mut conn = sqlite_with_integrity(&db).await;
        let broken_keys: Vec<(String,)> = sqlx::query_as("PRAGMA foreign_key_check")
            .fetch_all(&mut conn)
            .await
            .unwrap();
        assert!(broken_keys.is_empty(), "{broken_keys:?}");
    }
}

async fn a_server_killed_while_seeding_starts_cleanly_afterwards(backend: Backend) {
    let mut delays = Delays(0xdead);
    for _ in 0..6 {
        let Some(db) = TestDb::new(backend).await else { return };
        let mut child = Command::new(env!("CARGO_BIN_EXE_tarina"))
            .args(["--database", &db.url, "serve", "--addr", "127.0.0.1:0"])
            .env_remove("TARINA_DATABASE_URL")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        tokio::time::sleep(delays.next(200)).await;
        child.kill().ok();
        child.wait().unwrap();
        // The next start finds either nothing (and seeds) or the whole bundled strategy.
        let db = std::sync::Arc::new(db);
        let app = common::spawn_on(db.clone()).await;
        let stored = db.store().await.current_strategy().await.unwrap().unwrap();
        assert_eq!(stored, tarina::data::bundled().unwrap());
        assert_eq!(app.json("/api/v1/strategy").await["version"], "1.1");
    }
}

/// Rows of the indicator value file below: enough that the write takes a while on either backend.
const IMPORT_ROWS: usize = 50_000;

/// A CSV file of `IMPORT_ROWS` values the bundled data does not have: the two indicators reported for six
/// regions, one value per region and day from 1950 on (about eleven years), long before any bundled value.
fn value_file(root: &Path) -> PathBuf {
    use std::fmt::Write as _;
    let regions = [
        "espoo",
        "leppavaara",
        "tapiola",
        "matinkyla-olari",
        "espoonlahti",
        "espoon-keskus",
    ];
    let first = chrono::NaiveDate::from_ymd_opt(1950, 1, 1).unwrap();
    let mut text = String::from("indicator;region;date;value;source\n");
    for row in 0..IMPORT_ROWS {
        let (day, series) = (row / 12, row % 12);
        let indicator = if series < 6 { "tyottomyysaste" } else { "vakiluku" };
        let date = first + chrono::Days::new(day as u64);
        writeln!(
            text,
            "{indicator};{};{date};{},5;Kaatumistesti",
            regions[series % 6],
            row % 1000
        )
        .unwrap();
    }
    let file = root.join("values.csv");
    std::fs::write(&file, text).unwrap();
    file
}

/// Counts the rows of `indicator_values` directly, bypassing Tarina.
async fn stored_values(db: &TestDb) -> i64 {
    let sql = "SELECT COUNT(*) FROM indicator_values";
    match db.backend {
        Backend::Sqlite => {
            let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(&db.url)
                .await
                .unwrap();
            sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
        }
        Backend::Postgres => {
            let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&db.url)
                .await
                .unwrap();
            sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
        }
    }
}

async fn an_import_killed_at_any_moment_writes_all_of_its_values_or_none(backend: Backend) {
    let files = tempfile::tempdir().unwrap();
    let file = value_file(files.path());
    let rows = IMPORT_ROWS as i64;
    let spawn = |db: &TestDb| {
        Command::new(env!("CARGO_BIN_EXE_tarina"))
            .args(["--database", &db.url, "indicators", "import", file.to_str().unwrap()])
            .env_remove("TARINA_DATABASE_URL")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // Every attempt starts from the same freshly seeded database, so each takes as long as the first.
    let seeded = || async {
        let db = TestDb::new(backend).await?;
        assert!(common::tarina(&db.url, &["seed"]).status.success());
        let before = stored_values(&db).await;
        Some((db, before))
    };

    // An import left alone, timed so the kills below land across a whole import on this machine.
    let Some((db, before)) = seeded().await else { return };
    let started = std::time::Instant::now();
    let output = spawn(&db).wait_with_output().unwrap();
    let whole = started.elapsed();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(stored_values(&db).await, before + rows);

    let (mut none, mut all) = (0, 0);
    for percent in [10u32, 25, 40, 55, 70, 85, 100, 125] {
        let (db, before) = seeded().await.unwrap();
        let mut child = spawn(&db);
        tokio::time::sleep(whole * percent / 100).await;
        child.kill().ok(); // SIGKILL; a no-op when it has already finished.
        let output = child.wait_with_output().unwrap();
        let acknowledged = output.status.success() && String::from_utf8_lossy(&output.stdout).contains("added");
        let after = stored_values(&db).await;
        if after == before {
            assert!(!acknowledged, "an acknowledged import is missing");
            none += 1;
        } else {
            assert_eq!(
                after,
                before + rows,
                "part of an import is visible (killed at {percent} %)"
            );
            all += 1;
        }
        // The store reads back what is there as a whole cascade.
        let cascade = db.store().await.cascade("espoo").await.expect("the cascade reads");
        let held: usize = cascade.indicators.iter().map(|i| i.value_count()).sum();
        assert_eq!(held as i64, after);
        if backend == Backend::Sqlite {
            sqlite_with_integrity(&db).await;
        }
    }
    eprintln!("{none} imports left nothing, {all} wrote everything (a whole import took {whole:?})");
    assert!(none > 0, "some kills must land before the import commits");
}

on_both_backends!(
    seed_killed_at_random_moments_loses_nothing_acknowledged,
    a_server_killed_while_seeding_starts_cleanly_afterwards,
    an_import_killed_at_any_moment_writes_all_of_its_values_or_none,
);
