//! Migrations keep what a database already holds. SQLite cannot alter a CHECK or a NOT NULL, so migration 3
//! rebuilds `indicators` (the parent of five tables) and `indicator_references` under their own names; this
//! runs it on a database written by the schema before it and checks that every row and reference survived.

use std::borrow::Cow;
use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::Row as _;

/// Rows of every table that refers to an indicator, as the schema of migrations 1 and 2 holds them.
const BEFORE: &str = "
INSERT INTO cities (id, slug) VALUES (1, 'espoo');
INSERT INTO organisations (city_id, slug, kind, parent, position) VALUES (1, 'espoo', 'city', NULL, 0);
INSERT INTO regions (city_id, slug, kind, position) VALUES (1, 'espoo', 'city', 0);
INSERT INTO indicators (city_id, id, slug, decimals, direction, band_low, band_high, frequency, licence)
    VALUES (1, 1, 'tyollisyysaste', 1, 'increase', NULL, NULL, 'annual', 'CC BY 4.0'),
           (1, 2, 'kaista', 0, 'band', 2.0, 4.0, 'annual', 'CC0');
INSERT INTO indicator_references (city_id, indicator_id, role, position, on_date, value, example)
    VALUES (1, 1, 'baseline', 0, '2016-12-31', 70.0, 1), (1, 1, 'target', 0, '2021-12-31', 75.0, 0);
INSERT INTO indicator_regions (city_id, indicator_id, region, position) VALUES (1, 1, 'espoo', 0);
INSERT INTO indicator_goals (city_id, indicator_id, goal_id, position) VALUES (1, 1, 15, 0);
INSERT INTO provenances (city_id, id, source, entered_by, entered_at, example)
    VALUES (1, 1, 'Tilastokeskus', 'cli:import', '2026-01-01T00:00:00Z', 0);
INSERT INTO indicator_values (city_id, indicator_id, region, on_date, value, provenance_id)
    VALUES (1, 1, 'espoo', '2018-12-31', 72.0, 1);
INSERT INTO indicator_corrections (city_id, indicator_id, region, on_date, value, provenance_id, replaced_at, replaced_by, position)
    VALUES (1, 1, 'espoo', '2017-12-31', 71.0, 1, '2026-01-02T00:00:00Z', 'cli:import', 0);
INSERT INTO targets (city_id, id, year, organisation, responsible, binding, example, copied_from, grade)
    VALUES (1, 1, 2018, 'espoo', 'espoo', 0, 1, NULL, NULL);
INSERT INTO target_indicators (city_id, target_id, indicator_id, position) VALUES (1, 1, 1, 0);
";

#[tokio::test]
async fn rebuilding_the_indicator_tables_keeps_every_row_and_reference() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("old.db").display());
    let options = SqliteConnectOptions::from_str(&url)
        .unwrap()
        .create_if_missing(true)
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .unwrap();
    let all = sqlx::migrate!("./migrations/sqlite");
    let before_rebuild = sqlx::migrate::Migrator {
        migrations: Cow::Owned(all.iter().filter(|m| m.version < 3).cloned().collect()),
        ..sqlx::migrate::Migrator::DEFAULT
    };
    before_rebuild.run(&pool).await.unwrap();
    sqlx::raw_sql(BEFORE).execute(&pool).await.unwrap();

    all.run(&pool).await.expect("migration 3 runs on a database with data");

    let count = |table: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    for (table, rows) in [
        ("indicators", 2),
        ("indicator_references", 2),
        ("indicator_regions", 1),
        ("indicator_goals", 1),
        ("indicator_values", 1),
        ("indicator_corrections", 1),
        ("target_indicators", 1),
    ] {
        assert_eq!(count(table).await, rows, "{table}");
    }
    let violations = sqlx::query("PRAGMA foreign_key_check").fetch_all(&pool).await.unwrap();
    assert!(violations.is_empty(), "every reference still finds its row");
    let band = sqlx::query("SELECT direction, band_low, band_high, licence FROM indicators WHERE id = 2")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(band.get::<String, _>(0), "band");
    assert_eq!((band.get::<f64, _>(1), band.get::<f64, _>(2)), (2.0, 4.0));
    let flags =
        sqlx::query("SELECT approximate, date_assumed, example FROM indicator_references WHERE role = 'baseline'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        (
            flags.get::<bool, _>(0),
            flags.get::<bool, _>(1),
            flags.get::<bool, _>(2)
        ),
        (false, false, true)
    );

    // What the new schema allows, and the references it still enforces.
    sqlx::raw_sql(
        "INSERT INTO indicators (city_id, id, slug, decimals, direction, frequency, licence)
             VALUES (1, 3, 'investoinnit', 0, 'ceiling', 'annual', NULL);
         INSERT INTO indicator_references (city_id, indicator_id, role, position, on_date, value, example, approximate)
             VALUES (1, 3, 'projection', 0, '2022-12-31', 300000.0, 0, 1);",
    )
    .execute(&pool)
    .await
    .unwrap();
    let orphan =
        sqlx::query("INSERT INTO indicator_goals (city_id, indicator_id, goal_id, position) VALUES (1, 99, 1, 0)")
            .execute(&pool)
            .await;
    assert!(
        orphan.is_err(),
        "the rebuilt parent is still referenced by its children"
    );
    let unknown = sqlx::query(
        "INSERT INTO indicator_references (city_id, indicator_id, role, position, on_date, value, example) \
         VALUES (1, 3, 'guess', 0, '2022-12-31', 1.0, 0)",
    )
    .execute(&pool)
    .await;
    assert!(unknown.is_err(), "roles are still checked");
}
