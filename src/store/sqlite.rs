//! The embedded SQLite backend: one file, WAL journal, migrations from `migrations/sqlite`.

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context as _;
use async_trait::async_trait;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};

use super::rows::*;
use super::{Change, OnExisting, SaveError, Store};
use crate::domain::Strategy;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    pub async fn connect(url: &str) -> anyhow::Result<SqliteStore> {
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| format!("{url:?} is not a valid SQLite database URL"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await
            .with_context(|| format!("cannot open the SQLite database {url}"))?;
        MIGRATOR
            .run(&pool)
            .await
            .with_context(|| format!("cannot migrate the SQLite database {url}"))?;
        Ok(SqliteStore { pool })
    }

    async fn read_version(&self, version_id: i64, version: VersionRow) -> anyhow::Result<Strategy> {
        let mut tx = self.pool.begin().await?;
        let rows = StrategyRows {
            version,
            texts: fetch(
                &mut tx,
                "SELECT owner_kind, owner_key, field, lang, body, reviewed FROM texts WHERE version_id = ?",
                version_id,
            )
            .await?,
            areas: fetch(
                &mut tx,
                "SELECT id, slug, position FROM areas WHERE version_id = ?",
                version_id,
            )
            .await?,
            goals: fetch(
                &mut tx,
                "SELECT id, area_id, slug, position FROM goals WHERE version_id = ?",
                version_id,
            )
            .await?,
            actions: fetch(
                &mut tx,
                "SELECT id, goal_id, position FROM actions WHERE version_id = ?",
                version_id,
            )
            .await?,
            programmes: fetch(
                &mut tx,
                "SELECT id, slug, position FROM programmes WHERE version_id = ?",
                version_id,
            )
            .await?,
            values: fetch(
                &mut tx,
                "SELECT slug, position FROM strategy_values WHERE version_id = ?",
                version_id,
            )
            .await?,
            headline_goals: sqlx::query_scalar("SELECT position FROM headline_goals WHERE version_id = ?")
                .bind(version_id)
                .fetch_all(&mut *tx)
                .await?,
            headline_links: fetch(
                &mut tx,
                "SELECT headline_position, goal_id, position FROM headline_goal_links WHERE version_id = ?",
                version_id,
            )
            .await?,
            chapters: fetch(
                &mut tx,
                "SELECT slug, position FROM narrative_chapters WHERE version_id = ?",
                version_id,
            )
            .await?,
            sections: fetch(
                &mut tx,
                "SELECT chapter_slug, slug, position FROM narrative_sections WHERE version_id = ?",
                version_id,
            )
            .await?,
            events: fetch(
                &mut tx,
                "SELECT slug, position, kind, starts_on, ends_on FROM timeline_events WHERE version_id = ?",
                version_id,
            )
            .await?,
        };
        tx.commit().await?;
        rows.into_strategy()
    }
}

async fn fetch<T>(tx: &mut Transaction<'_, Sqlite>, sql: &'static str, version_id: i64) -> anyhow::Result<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + Send + Unpin,
{
    sqlx::query_as::<_, T>(sql)
        .bind(version_id)
        .fetch_all(&mut **tx)
        .await
        .with_context(|| format!("query failed: {sql}"))
}

#[async_trait]
impl Store for SqliteStore {
    async fn ping(&self) -> anyhow::Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn data_version(&self) -> anyhow::Result<i64> {
        Ok(sqlx::query_scalar("SELECT version FROM data_version WHERE id = 1")
            .fetch_one(&self.pool)
            .await?)
    }

    async fn current_strategy(&self) -> anyhow::Result<Option<Strategy>> {
        let current: Option<(i64, String, String, String, Option<String>, String)> = sqlx::query_as(
            "SELECT v.id, c.slug, v.label, v.status, v.approved_on, v.council_term \
             FROM strategy_versions v JOIN cities c ON c.id = v.city_id \
             WHERE v.status = 'approved' ORDER BY v.approved_on DESC, v.id DESC LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        let Some((id, city_slug, label, status, approved_on, council_term)) = current else {
            return Ok(None);
        };
        let version = VersionRow {
            city_slug,
            label,
            status,
            approved_on,
            council_term,
        };
        self.read_version(id, version).await.map(Some)
    }

    async fn save_strategy(
        &self,
        strategy: &Strategy,
        on_existing: OnExisting,
        change: &Change,
    ) -> Result<(), SaveError> {
        let rows = StrategyRows::from_strategy(strategy);
        let mut tx = self.pool.begin().await.context("cannot start a transaction")?;
        write_rows(&mut tx, &rows, on_existing, change).await?;
        tx.commit().await.context("cannot commit the strategy")?;
        Ok(())
    }
}

async fn write_rows(
    tx: &mut Transaction<'_, Sqlite>,
    rows: &StrategyRows,
    on_existing: OnExisting,
    change: &Change,
) -> Result<(), SaveError> {
    let v = &rows.version;
    sqlx::query("INSERT INTO cities (slug) VALUES (?) ON CONFLICT (slug) DO NOTHING")
        .bind(&v.city_slug)
        .execute(&mut **tx)
        .await
        .context("cannot store the city")?;
    let city_id: i64 = sqlx::query_scalar("SELECT id FROM cities WHERE slug = ?")
        .bind(&v.city_slug)
        .fetch_one(&mut **tx)
        .await
        .context("cannot read the city")?;
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM strategy_versions WHERE city_id = ? AND label = ?")
        .bind(city_id)
        .bind(&v.label)
        .fetch_optional(&mut **tx)
        .await
        .context("cannot look for an existing version")?;
    if let Some(existing) = existing {
        if on_existing == OnExisting::Refuse {
            return Err(SaveError::VersionExists {
                city: v.city_slug.clone(),
                version: v.label.clone(),
            });
        }
        sqlx::query("DELETE FROM strategy_versions WHERE id = ?")
            .bind(existing)
            .execute(&mut **tx)
            .await
            .context("cannot remove the version being replaced")?;
    }
    let now = chrono::Utc::now().to_rfc3339();
    let version_id: i64 = sqlx::query_scalar(
        "INSERT INTO strategy_versions (city_id, label, status, approved_on, council_term, created_at) \
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(city_id)
    .bind(&v.label)
    .bind(&v.status)
    .bind(&v.approved_on)
    .bind(&v.council_term)
    .bind(&now)
    .fetch_one(&mut **tx)
    .await
    .context("cannot store the version")?;

    for t in &rows.texts {
        sqlx::query("INSERT INTO texts (version_id, owner_kind, owner_key, field, lang, body, reviewed) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .bind(version_id)
            .bind(&t.owner_kind)
            .bind(&t.owner_key)
            .bind(&t.field)
            .bind(&t.lang)
            .bind(&t.body)
            .bind(t.reviewed)
            .execute(&mut **tx)
            .await
            .context("cannot store a text")?;
    }
    for a in &rows.areas {
        exec(
            tx,
            sqlx::query("INSERT INTO areas (version_id, id, slug, position) VALUES (?, ?, ?, ?)")
                .bind(version_id)
                .bind(a.id)
                .bind(&a.slug)
                .bind(a.position),
        )
        .await?;
    }
    for g in &rows.goals {
        exec(
            tx,
            sqlx::query("INSERT INTO goals (version_id, id, area_id, slug, position) VALUES (?, ?, ?, ?, ?)")
                .bind(version_id)
                .bind(g.id)
                .bind(g.area_id)
                .bind(&g.slug)
                .bind(g.position),
        )
        .await?;
    }
    for a in &rows.actions {
        exec(
            tx,
            sqlx::query("INSERT INTO actions (version_id, id, goal_id, position) VALUES (?, ?, ?, ?)")
                .bind(version_id)
                .bind(a.id)
                .bind(a.goal_id)
                .bind(a.position),
        )
        .await?;
    }
    for p in &rows.programmes {
        exec(
            tx,
            sqlx::query("INSERT INTO programmes (version_id, id, slug, position) VALUES (?, ?, ?, ?)")
                .bind(version_id)
                .bind(p.id)
                .bind(&p.slug)
                .bind(p.position),
        )
        .await?;
    }
    for s in &rows.values {
        exec(
            tx,
            sqlx::query("INSERT INTO strategy_values (version_id, slug, position) VALUES (?, ?, ?)")
                .bind(version_id)
                .bind(&s.slug)
                .bind(s.position),
        )
        .await?;
    }
    for h in &rows.headline_goals {
        exec(
            tx,
            sqlx::query("INSERT INTO headline_goals (version_id, position) VALUES (?, ?)")
                .bind(version_id)
                .bind(h),
        )
        .await?;
    }
    for l in &rows.headline_links {
        exec(tx, sqlx::query("INSERT INTO headline_goal_links (version_id, headline_position, goal_id, position) VALUES (?, ?, ?, ?)").bind(version_id).bind(l.headline_position).bind(l.goal_id).bind(l.position)).await?;
    }
    for c in &rows.chapters {
        exec(
            tx,
            sqlx::query("INSERT INTO narrative_chapters (version_id, slug, position) VALUES (?, ?, ?)")
                .bind(version_id)
                .bind(&c.slug)
                .bind(c.position),
        )
        .await?;
    }
    for s in &rows.sections {
        exec(
            tx,
            sqlx::query(
                "INSERT INTO narrative_sections (version_id, chapter_slug, slug, position) VALUES (?, ?, ?, ?)",
            )
            .bind(version_id)
            .bind(&s.chapter_slug)
            .bind(&s.slug)
            .bind(s.position),
        )
        .await?;
    }
    for e in &rows.events {
        exec(tx, sqlx::query("INSERT INTO timeline_events (version_id, slug, position, kind, starts_on, ends_on) VALUES (?, ?, ?, ?, ?, ?)").bind(version_id).bind(&e.slug).bind(e.position).bind(&e.kind).bind(&e.starts_on).bind(&e.ends_on)).await?;
    }
    exec(
        tx,
        sqlx::query("UPDATE data_version SET version = version + 1 WHERE id = 1"),
    )
    .await?;
    let summary = format!(
        "stored version {} with {} areas, {} goals, {} actions, {} texts",
        v.label,
        rows.areas.len(),
        rows.goals.len(),
        rows.actions.len(),
        rows.texts.len()
    );
    exec(
        tx,
        sqlx::query(
            "INSERT INTO change_log (at, actor, reason, city_slug, version_label, summary) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(&now)
        .bind(&change.actor)
        .bind(&change.reason)
        .bind(&v.city_slug)
        .bind(&v.label)
        .bind(&summary),
    )
    .await?;
    Ok(())
}

async fn exec<'q>(
    tx: &mut Transaction<'_, Sqlite>,
    query: sqlx::query::Query<'q, Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
) -> Result<(), SaveError> {
    query.execute(&mut **tx).await.context("cannot store the strategy")?;
    Ok(())
}
