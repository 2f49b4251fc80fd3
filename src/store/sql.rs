//! The SQL shared by the SQLite and PostgreSQL backends. Both accept the same statements for everything
//! Tarina does (`$n` placeholders, `RETURNING`, `ON CONFLICT`), so each backend invokes [`sql_store`] with its
//! own driver types instead of repeating them; connecting, migrating and backups stay backend-specific.

macro_rules! sql_store {
    ($store:ident, $db:ty) => {
        use anyhow::Context as _;

        use crate::domain::Strategy;
        use crate::store::export::{ChangeLogRow, Export, ExportedVersion, FORMAT, FORMAT_VERSION};
        use crate::store::rows::*;
        use crate::store::{Change, OnExisting, SaveError};

        type Tx<'c> = sqlx::Transaction<'c, $db>;
        type Query<'q> = sqlx::query::Query<'q, $db, <$db as sqlx::Database>::Arguments<'q>>;

        async fn fetch<T>(tx: &mut Tx<'_>, sql: &'static str, version_id: i64) -> anyhow::Result<Vec<T>>
        where
            T: for<'r> sqlx::FromRow<'r, <$db as sqlx::Database>::Row> + Send + Unpin,
        {
            sqlx::query_as::<_, T>(sql)
                .bind(version_id)
                .fetch_all(&mut **tx)
                .await
                .with_context(|| format!("query failed: {sql}"))
        }

        async fn exec(tx: &mut Tx<'_>, query: Query<'_>) -> anyhow::Result<()> {
            query.execute(&mut **tx).await.context("cannot write to the database")?;
            Ok(())
        }

        async fn read_rows(tx: &mut Tx<'_>, version_id: i64, version: VersionRow) -> anyhow::Result<StrategyRows> {
            let id = version_id;
            Ok(StrategyRows {
                version,
                texts: fetch(tx, "SELECT owner_kind, owner_key, field, lang, body, reviewed FROM texts WHERE version_id = $1", id).await?,
                areas: fetch(tx, "SELECT id, slug, position FROM areas WHERE version_id = $1", id).await?,
                goals: fetch(tx, "SELECT id, area_id, slug, position FROM goals WHERE version_id = $1", id).await?,
                actions: fetch(tx, "SELECT id, goal_id, position FROM actions WHERE version_id = $1", id).await?,
                programmes: fetch(tx, "SELECT id, slug, position FROM programmes WHERE version_id = $1", id).await?,
                values: fetch(tx, "SELECT slug, position FROM strategy_values WHERE version_id = $1", id).await?,
                headline_goals: sqlx::query_scalar::<_, i64>("SELECT position FROM headline_goals WHERE version_id = $1")
                    .bind(id)
                    .fetch_all(&mut **tx)
                    .await?,
                headline_links: fetch(tx, "SELECT headline_position, goal_id, position FROM headline_goal_links WHERE version_id = $1", id).await?,
                chapters: fetch(tx, "SELECT slug, position FROM narrative_chapters WHERE version_id = $1", id).await?,
                sections: fetch(tx, "SELECT chapter_slug, slug, position FROM narrative_sections WHERE version_id = $1", id).await?,
                events: fetch(tx, "SELECT slug, position, kind, starts_on, ends_on FROM timeline_events WHERE version_id = $1", id).await?,
            })
        }

        async fn city_id(tx: &mut Tx<'_>, slug: &str) -> anyhow::Result<i64> {
            exec(tx, sqlx::query("INSERT INTO cities (slug) VALUES ($1) ON CONFLICT (slug) DO NOTHING").bind(slug.to_owned())).await?;
            sqlx::query_scalar::<_, i64>("SELECT id FROM cities WHERE slug = $1")
                .bind(slug)
                .fetch_one(&mut **tx)
                .await
                .context("cannot read the city")
        }

        /// Inserts one version and everything in it; the caller owns the transaction.
        async fn write_rows(tx: &mut Tx<'_>, city_id: i64, rows: &StrategyRows, created_at: &str) -> anyhow::Result<()> {
            let v = &rows.version;
            let version_id: i64 = sqlx::query_scalar(
                "INSERT INTO strategy_versions (city_id, label, status, approved_on, council_term, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(city_id)
            .bind(&v.label)
            .bind(&v.status)
            .bind(&v.approved_on)
            .bind(&v.council_term)
            .bind(created_at)
            .fetch_one(&mut **tx)
            .await
            .context("cannot store the version")?;
            for t in &rows.texts {
                exec(tx, sqlx::query("INSERT INTO texts (version_id, owner_kind, owner_key, field, lang, body, reviewed) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                    .bind(version_id).bind(&t.owner_kind).bind(&t.owner_key).bind(&t.field).bind(&t.lang).bind(&t.body).bind(t.reviewed)).await?;
            }
            for a in &rows.areas {
                exec(tx, sqlx::query("INSERT INTO areas (version_id, id, slug, position) VALUES ($1, $2, $3, $4)")
                    .bind(version_id).bind(a.id).bind(&a.slug).bind(a.position)).await?;
            }
            for g in &rows.goals {
                exec(tx, sqlx::query("INSERT INTO goals (version_id, id, area_id, slug, position) VALUES ($1, $2, $3, $4, $5)")
                    .bind(version_id).bind(g.id).bind(g.area_id).bind(&g.slug).bind(g.position)).await?;
            }
            for a in &rows.actions {
                exec(tx, sqlx::query("INSERT INTO actions (version_id, id, goal_id, position) VALUES ($1, $2, $3, $4)")
                    .bind(version_id).bind(a.id).bind(a.goal_id).bind(a.position)).await?;
            }
            for p in &rows.programmes {
                exec(tx, sqlx::query("INSERT INTO programmes (version_id, id, slug, position) VALUES ($1, $2, $3, $4)")
                    .bind(version_id).bind(p.id).bind(&p.slug).bind(p.position)).await?;
            }
            for s in &rows.values {
                exec(tx, sqlx::query("INSERT INTO strategy_values (version_id, slug, position) VALUES ($1, $2, $3)")
                    .bind(version_id).bind(&s.slug).bind(s.position)).await?;
            }
            for h in &rows.headline_goals {
                exec(tx, sqlx::query("INSERT INTO headline_goals (version_id, position) VALUES ($1, $2)")
                    .bind(version_id).bind(*h)).await?;
            }
            for l in &rows.headline_links {
                exec(tx, sqlx::query("INSERT INTO headline_goal_links (version_id, headline_position, goal_id, position) VALUES ($1, $2, $3, $4)")
                    .bind(version_id).bind(l.headline_position).bind(l.goal_id).bind(l.position)).await?;
            }
            for c in &rows.chapters {
                exec(tx, sqlx::query("INSERT INTO narrative_chapters (version_id, slug, position) VALUES ($1, $2, $3)")
                    .bind(version_id).bind(&c.slug).bind(c.position)).await?;
            }
            for s in &rows.sections {
                exec(tx, sqlx::query("INSERT INTO narrative_sections (version_id, chapter_slug, slug, position) VALUES ($1, $2, $3, $4)")
                    .bind(version_id).bind(&s.chapter_slug).bind(&s.slug).bind(s.position)).await?;
            }
            for e in &rows.events {
                exec(tx, sqlx::query("INSERT INTO timeline_events (version_id, slug, position, kind, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5, $6)")
                    .bind(version_id).bind(&e.slug).bind(e.position).bind(&e.kind).bind(&e.starts_on).bind(&e.ends_on)).await?;
            }
            Ok(())
        }

        async fn log_change(tx: &mut Tx<'_>, row: &ChangeLogRow) -> anyhow::Result<()> {
            exec(tx, sqlx::query("INSERT INTO change_log (at, actor, reason, city_slug, version_label, summary) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(&row.at).bind(&row.actor).bind(&row.reason).bind(&row.city_slug).bind(&row.version_label).bind(&row.summary)).await
        }

        /// Tells every server sharing the database that its snapshot is stale.
        async fn bump_data_version(tx: &mut Tx<'_>) -> anyhow::Result<()> {
            exec(tx, sqlx::query("UPDATE data_version SET version = version + 1 WHERE id = 1")).await
        }

        #[async_trait::async_trait]
        impl crate::store::Store for $store {
            async fn ping(&self) -> anyhow::Result<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn data_version(&self) -> anyhow::Result<i64> {
                Ok(sqlx::query_scalar::<_, i64>("SELECT version FROM data_version WHERE id = 1")
                    .fetch_one(&self.pool)
                    .await?)
            }

            async fn current_strategy(&self) -> anyhow::Result<Option<Strategy>> {
                let mut tx = self.pool.begin().await?;
                let current: Option<(i64, String, String, String, Option<String>, String)> = sqlx::query_as(
                    "SELECT v.id, c.slug, v.label, v.status, v.approved_on, v.council_term \
                     FROM strategy_versions v JOIN cities c ON c.id = v.city_id \
                     WHERE v.status = 'approved' ORDER BY v.approved_on DESC, v.id DESC LIMIT 1",
                )
                .fetch_optional(&mut *tx)
                .await?;
                let Some((id, city_slug, label, status, approved_on, council_term)) = current else {
                    return Ok(None);
                };
                let version = VersionRow { city_slug, label, status, approved_on, council_term };
                let rows = read_rows(&mut tx, id, version).await?;
                tx.commit().await?;
                rows.into_strategy().map(Some)
            }

            async fn save_strategy(&self, strategy: &Strategy, on_existing: OnExisting, change: &Change) -> Result<(), SaveError> {
                let rows = StrategyRows::from_strategy(strategy);
                let v = &rows.version;
                let mut tx = self.pool.begin().await.context("cannot start a transaction")?;
                let city = city_id(&mut tx, &v.city_slug).await?;
                let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM strategy_versions WHERE city_id = $1 AND label = $2")
                    .bind(city)
                    .bind(&v.label)
                    .fetch_optional(&mut *tx)
                    .await
                    .context("cannot look for an existing version")?;
                if let Some(existing) = existing {
                    if on_existing == OnExisting::Refuse {
                        return Err(SaveError::VersionExists { city: v.city_slug.clone(), version: v.label.clone() });
                    }
                    exec(&mut tx, sqlx::query("DELETE FROM strategy_versions WHERE id = $1").bind(existing)).await?;
                }
                let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
                write_rows(&mut tx, city, &rows, &now).await?;
                bump_data_version(&mut tx).await?;
                let summary = format!(
                    "stored version {} with {} areas, {} goals, {} actions, {} texts",
                    v.label, rows.areas.len(), rows.goals.len(), rows.actions.len(), rows.texts.len()
                );
                let entry = ChangeLogRow {
                    at: now,
                    actor: change.actor.clone(),
                    reason: change.reason.clone(),
                    city_slug: v.city_slug.clone(),
                    version_label: v.label.clone(),
                    summary,
                };
                log_change(&mut tx, &entry).await?;
                tx.commit().await.context("cannot commit the strategy")?;
                Ok(())
            }

            async fn export(&self) -> anyhow::Result<Export> {
                let mut tx = self.pool.begin().await?;
                let listed: Vec<(i64, String, String, String, Option<String>, String, String)> = sqlx::query_as(
                    "SELECT v.id, c.slug, v.label, v.status, v.approved_on, v.council_term, v.created_at \
                     FROM strategy_versions v JOIN cities c ON c.id = v.city_id ORDER BY c.slug, v.label",
                )
                .fetch_all(&mut *tx)
                .await?;
                let mut versions = Vec::new();
                for (id, city_slug, label, status, approved_on, council_term, created_at) in listed {
                    let version = VersionRow { city_slug, label, status, approved_on, council_term };
                    let mut rows = read_rows(&mut tx, id, version).await?;
                    rows.canonicalize();
                    versions.push(ExportedVersion { created_at, rows });
                }
                let change_log: Vec<ChangeLogRow> = sqlx::query_as(
                    "SELECT at, actor, reason, city_slug, version_label, summary FROM change_log ORDER BY id",
                )
                .fetch_all(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(Export { format: FORMAT.into(), format_version: FORMAT_VERSION, versions, change_log })
            }

            async fn import(&self, export: &Export) -> anyhow::Result<()> {
                let mut tx = self.pool.begin().await.context("cannot start a transaction")?;
                let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM strategy_versions").fetch_one(&mut *tx).await?;
                anyhow::ensure!(held == 0, "the database already holds {held} strategy version(s); import into an empty database");
                for version in &export.versions {
                    let city = city_id(&mut tx, &version.rows.version.city_slug).await?;
                    write_rows(&mut tx, city, &version.rows, &version.created_at).await?;
                }
                for entry in &export.change_log {
                    log_change(&mut tx, entry).await?;
                }
                bump_data_version(&mut tx).await?;
                tx.commit().await.context("cannot commit the import")?;
                Ok(())
            }

            async fn backup(&self, target: &std::path::Path) -> anyhow::Result<()> {
                self.backup_to(target).await
            }
        }
    };
}

pub(crate) use sql_store;
