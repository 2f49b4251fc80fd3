//! The SQL shared by the SQLite and PostgreSQL backends. Both accept the same statements for everything
//! Tarina does (`$n` placeholders, `RETURNING`, `ON CONFLICT`), so each backend invokes [`sql_store`] with its
//! own driver types instead of repeating them; connecting, migrating and backups stay backend-specific.

macro_rules! sql_store {
    ($store:ident, $db:ty, begin_read = $begin_read:literal, notify = $notify:literal, skip_locked = $skip_locked:literal) => {
        use anyhow::Context as _;

        use crate::domain::change::{Change, OnExisting};
        use crate::domain::Strategy;
        use crate::store::export::{ChangeLogRow, Export, ExportedVersion, FORMAT, FORMAT_VERSION};
        use crate::store::feed::FeedEntry;
        use crate::store::rows::*;
        use crate::store::{StoreError, StoreResult};

        type Tx<'c> = sqlx::Transaction<'c, $db>;

        crate::store::sql_cascade::sql_cascade!($db);
        crate::store::sql_feed::sql_feed!($store, $db, notify = $notify);
        crate::store::sql_jobs::sql_jobs!($store, $db, skip_locked = $skip_locked);
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

        /// Starts a transaction that reads several tables as they were at one moment, so a write committing
        /// meanwhile cannot leave it with values whose provenance it did not see.
        async fn begin_read(pool: &sqlx::Pool<$db>) -> anyhow::Result<Tx<'static>> {
            pool.begin_with($begin_read).await.context("cannot start a transaction")
        }

        /// Commits a write that succeeded, with its change feed entries; rolls back one that failed now rather
        /// than on drop. sqlx only queues a dropped transaction's ROLLBACK until its connection is next touched,
        /// and until then the transaction would keep the write turn (the data version's row lock) from every
        /// other writer.
        async fn finish<T>(writing: Writing, stored: StoreResult<T>) -> StoreResult<T> {
            match stored {
                Ok(value) => {
                    writing.commit().await?;
                    Ok(value)
                }
                Err(error) => {
                    writing.tx.rollback().await.context("cannot end the transaction")?;
                    Err(error)
                }
            }
        }

        /// A city's cascade read in one snapshot, with its values when `whole`; empty when the city has none.
        async fn read_cascade(pool: &sqlx::Pool<$db>, city: &str, whole: bool) -> anyhow::Result<crate::domain::cascade::Cascade> {
            let mut tx = begin_read(pool).await?;
            let Some(city) = known_city(&mut tx, city).await? else {
                // Ended now, not on drop, for the reason `finish` gives.
                tx.rollback().await?;
                return Ok(Default::default());
            };
            let rows = if whole {
                read_cascade_rows(&mut tx, city).await?
            } else {
                read_cascade_outline_rows(&mut tx, city).await?
            };
            tx.commit().await?;
            rows.into_cascade()
        }

        /// Starts a transaction that writes published content. Its first statement takes the next data version,
        /// which tells every server sharing the database that its snapshot is stale and, because it locks that
        /// one row (a row lock on PostgreSQL, the write lock on SQLite), makes writers take turns: each one's
        /// checks see what the one before committed, so two writers cannot both pass a check only one may pass,
        /// and versions commit in the order they were taken.
        async fn begin_write(pool: &sqlx::Pool<$db>) -> anyhow::Result<Writing> {
            let mut tx = pool.begin().await.context("cannot start a transaction")?;
            let version: i64 = sqlx::query_scalar("UPDATE data_version SET version = version + 1 WHERE id = 1 RETURNING version")
                .fetch_one(&mut *tx)
                .await
                .context("cannot take the write turn")?;
            Ok(Writing { tx, version, entries: Vec::new() })
        }

        async fn store_strategy(writing: &mut Writing, strategy: &Strategy, on_existing: OnExisting, change: &Change) -> StoreResult<()> {
            writing.record(&strategy.city.slug.to_string(), FeedEntry::Replace);
            let tx = &mut writing.tx;
            let rows = StrategyRows::from_strategy(strategy);
            let v = &rows.version;
            let city = city_id(tx, &v.city_slug).await?;
            let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM strategy_versions WHERE city_id = $1 AND label = $2")
                .bind(city)
                .bind(&v.label)
                .fetch_optional(&mut **tx)
                .await
                .context("cannot look for an existing version")?;
            if let Some(existing) = existing {
                if on_existing == OnExisting::Refuse {
                    return Err(StoreError::conflict(format!(
                        "the database already holds version {} of the {} strategy; use --force to replace it",
                        v.label, v.city_slug
                    )));
                }
                exec(tx, sqlx::query("DELETE FROM strategy_versions WHERE id = $1").bind(existing)).await?;
            }
            let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
            write_rows(tx, city, &rows, &now).await?;
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
            log_change(tx, &entry).await?;
            Ok(())
        }

        async fn store_cascade(
            writing: &mut Writing,
            city_slug: &str,
            cascade: &crate::domain::cascade::Cascade,
            on_existing: OnExisting,
            change: &Change,
        ) -> StoreResult<()> {
            writing.record(city_slug, FeedEntry::Replace);
            let tx = &mut writing.tx;
            let rows = CascadeRows::from_cascade(cascade);
            let city = city_id(tx, city_slug).await?;
            if has_cascade(tx, city).await? {
                if on_existing == OnExisting::Refuse {
                    return Err(StoreError::conflict(format!(
                        "the database already holds the cascade (organisations, indicators, targets) of {city_slug}; \
                         use --force to replace it"
                    )));
                }
                delete_cascade(tx, city).await?;
            }
            write_cascade_rows(tx, city, &rows).await?;
            let summary = format!(
                "stored the cascade: {} organisations, {} regions, {} indicators with {} values, {} targets",
                rows.organisations.len(), rows.regions.len(), rows.indicators.len(), rows.values.len(), rows.targets.len()
            );
            log_change(tx, &cascade_change(change, city_slug, summary)).await?;
            Ok(())
        }

        fn cascade_change(change: &Change, city_slug: &str, summary: String) -> ChangeLogRow {
            ChangeLogRow {
                at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
                actor: change.actor.clone(),
                reason: change.reason.clone(),
                city_slug: city_slug.to_owned(),
                version_label: String::new(),
                summary,
            }
        }

        async fn write_copied_targets(tx: &mut Tx<'_>, city: i64, copy: &CascadeRows) -> anyhow::Result<()> {
            insert_all!(tx, "INSERT INTO cascade_texts (city_id, owner_kind, owner_key, field, lang, body, reviewed) ", copy.texts, |b, r| b
                .push_bind(city).push_bind(r.owner_kind.clone()).push_bind(r.owner_key.clone()).push_bind(r.field.clone())
                .push_bind(r.lang.clone()).push_bind(r.body.clone()).push_bind(r.reviewed));
            insert_all!(tx, "INSERT INTO targets (city_id, id, year, organisation, responsible, binding, example, copied_from, grade) ", copy.targets, |b, r| b
                .push_bind(city).push_bind(r.id).push_bind(r.year).push_bind(r.organisation.clone()).push_bind(r.responsible.clone())
                .push_bind(r.binding).push_bind(r.example).push_bind(r.copied_from).push_bind(r.grade.clone()));
            insert_all!(tx, "INSERT INTO target_goals (city_id, target_id, goal_id, position) ", copy.target_goals, |b, r| b
                .push_bind(city).push_bind(r.owner_id).push_bind(r.linked_id).push_bind(r.position));
            insert_all!(tx, "INSERT INTO target_indicators (city_id, target_id, indicator_id, position) ", copy.target_indicators, |b, r| b
                .push_bind(city).push_bind(r.owner_id).push_bind(r.linked_id).push_bind(r.position));
            Ok(())
        }

        #[async_trait::async_trait]
        impl crate::store::PublishedReads for $store {
            async fn ping(&self) -> StoreResult<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn data_version(&self) -> StoreResult<i64> {
                Ok(sqlx::query_scalar::<_, i64>("SELECT version FROM data_version WHERE id = 1")
                    .fetch_one(&self.pool)
                    .await?)
            }

            async fn current_strategy(&self) -> StoreResult<Option<Strategy>> {
                let mut tx = begin_read(&self.pool).await?;
                let current: Option<(i64, String, String, String, Option<String>, String)> = sqlx::query_as(
                    "SELECT v.id, c.slug, v.label, v.status, v.approved_on, v.council_term \
                     FROM strategy_versions v JOIN cities c ON c.id = v.city_id \
                     WHERE v.status = 'approved' ORDER BY v.approved_on DESC, v.id DESC LIMIT 1",
                )
                .fetch_optional(&mut *tx)
                .await?;
                let Some((id, city_slug, label, status, approved_on, council_term)) = current else {
                    tx.rollback().await?;
                    return Ok(None);
                };
                let version = VersionRow { city_slug, label, status, approved_on, council_term };
                let rows = read_rows(&mut tx, id, version).await?;
                tx.commit().await?;
                Ok(Some(rows.into_strategy()?))
            }

            async fn cascade(&self, city: &str) -> StoreResult<crate::domain::cascade::Cascade> {
                Ok(read_cascade(&self.pool, city, true).await?)
            }

            async fn cascade_outline(&self, city: &str) -> StoreResult<crate::domain::cascade::Cascade> {
                Ok(read_cascade(&self.pool, city, false).await?)
            }
        }

        #[async_trait::async_trait]
        impl crate::store::ContentWrites for $store {
            async fn save_strategy(&self, strategy: &Strategy, on_existing: OnExisting, change: &Change) -> StoreResult<()> {
                let mut writing = begin_write(&self.pool).await?;
                let stored = store_strategy(&mut writing, strategy, on_existing, change).await;
                finish(writing, stored).await
            }

            async fn save_dataset(&self, dataset: &crate::domain::Dataset, on_existing: OnExisting, change: &Change) -> StoreResult<()> {
                let mut writing = begin_write(&self.pool).await?;
                let mut stored = store_strategy(&mut writing, &dataset.strategy, on_existing, change).await;
                if stored.is_ok() {
                    stored = store_cascade(&mut writing, dataset.strategy.city.slug.as_str(), &dataset.cascade, on_existing, change).await;
                }
                finish(writing, stored).await
            }

            async fn save_cascade(
                &self,
                city_slug: &str,
                cascade: &crate::domain::cascade::Cascade,
                on_existing: OnExisting,
                change: &Change,
            ) -> StoreResult<()> {
                let mut writing = begin_write(&self.pool).await?;
                let stored = store_cascade(&mut writing, city_slug, cascade, on_existing, change).await;
                finish(writing, stored).await
            }

            async fn record_values(
                &self,
                city_slug: &str,
                values: &[crate::domain::change::NewValue],
                change: &Change,
            ) -> StoreResult<crate::domain::change::RecordSummary> {
                self.record_values_from(city_slug, values, None, change).await
            }

            async fn record_fetched_values(
                &self,
                city_slug: &str,
                values: &[crate::domain::change::NewValue],
                origin: &crate::domain::connector::ValueOrigin,
                change: &Change,
            ) -> StoreResult<crate::domain::change::RecordSummary> {
                let origin = serde_json::to_string(origin).map_err(|e| StoreError::Other(e.into()))?;
                self.record_values_from(city_slug, values, Some(origin), change).await
            }

            async fn copy_targets(&self, city_slug: &str, from: i32, to: i32, change: &Change) -> StoreResult<usize> {
                if !crate::domain::cascade::YEARS.contains(&to) {
                    return Err(StoreError::constraint(format!("the budget year must be from 2000 to 2100, not {to}")));
                }
                let mut writing = begin_write(&self.pool).await?;
                let copied = copy_targets_in(&mut writing, city_slug, from, to, change).await;
                finish(writing, copied).await
            }
        }

        #[async_trait::async_trait]
        impl crate::store::Archives for $store {
            async fn export(&self) -> StoreResult<Export> {
                let mut tx = begin_read(&self.pool).await?;
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
                let cities: Vec<(i64, String)> = sqlx::query_as("SELECT id, slug FROM cities ORDER BY slug").fetch_all(&mut *tx).await?;
                let mut cascades = Vec::new();
                for (city, city_slug) in cities {
                    if has_cascade(&mut tx, city).await? {
                        let mut rows = read_cascade_rows(&mut tx, city).await?;
                        rows.canonicalize();
                        cascades.push(crate::store::export::ExportedCascade { city_slug, rows });
                    }
                }
                let change_log: Vec<ChangeLogRow> = sqlx::query_as(
                    "SELECT at, actor, reason, city_slug, version_label, summary FROM change_log ORDER BY id",
                )
                .fetch_all(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(Export { format: FORMAT.into(), format_version: FORMAT_VERSION, versions, cascades, change_log })
            }

            async fn import(&self, export: &Export) -> StoreResult<()> {
                let mut writing = begin_write(&self.pool).await?;
                let imported = import_in(&mut writing, export).await;
                finish(writing, imported).await
            }

            async fn backup(&self, target: &std::path::Path) -> StoreResult<()> {
                Ok(self.backup_to(target).await?)
            }
        }

        async fn import_in(writing: &mut Writing, export: &Export) -> StoreResult<()> {
            writing.record("", FeedEntry::Replace);
            let tx = &mut writing.tx;
            let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM strategy_versions").fetch_one(&mut **tx).await?;
            if held != 0 {
                return Err(StoreError::conflict(format!(
                    "the database already holds {held} strategy version(s); import into an empty database"
                )));
            }
            for version in &export.versions {
                let city = city_id(tx, &version.rows.version.city_slug).await?;
                write_rows(tx, city, &version.rows, &version.created_at).await?;
            }
            for cascade in &export.cascades {
                let city = city_id(tx, &cascade.city_slug).await?;
                write_cascade_rows(tx, city, &cascade.rows).await?;
            }
            for entry in &export.change_log {
                log_change(tx, entry).await?;
            }
            Ok(())
        }

        async fn city_or_not_found(tx: &mut Tx<'_>, city_slug: &str) -> StoreResult<i64> {
            known_city(tx, city_slug)
                .await?
                .ok_or_else(|| StoreError::not_found(format!("the database holds no city {city_slug:?}")))
        }

        impl $store {
            async fn record_values_from(
                &self,
                city_slug: &str,
                values: &[crate::domain::change::NewValue],
                origin: Option<String>,
                change: &Change,
            ) -> StoreResult<crate::domain::change::RecordSummary> {
                let mut writing = begin_write(&self.pool).await?;
                let recorded = record_values_in(&mut writing, city_slug, values, origin, change).await;
                match recorded {
                    // Nothing changes: undo the data version's bump so no server looks for changes for nothing.
                    Ok(summary) if summary.added + summary.corrected == 0 => {
                        writing.tx.rollback().await.context("cannot end the transaction")?;
                        Ok(summary)
                    }
                    recorded => finish(writing, recorded).await,
                }
            }
        }

        async fn record_values_in(
            writing: &mut Writing,
            city_slug: &str,
            values: &[crate::domain::change::NewValue],
            origin: Option<String>,
            change: &Change,
        ) -> StoreResult<crate::domain::change::RecordSummary> {
            let tx = &mut writing.tx;
            let city = city_or_not_found(tx, city_slug).await?;
            let now = chrono::Utc::now();
            let plan = {
                // Only the stored values the file could replace: per indicator and region, those between the
                // file's first and last date there (a primary-key range), not a whole series of millions.
                let mut existing = std::collections::HashMap::new();
                for ((indicator, region), (first, last)) in crate::store::record::spans(values) {
                    let stored: Vec<(String, f64, i64, String)> = sqlx::query_as(
                        "SELECT v.on_date, v.value, v.provenance_id, p.source FROM indicator_values v \
                         JOIN provenances p ON p.city_id = v.city_id AND p.id = v.provenance_id \
                         WHERE v.city_id = $1 AND v.indicator_id = $2 AND v.region = $3 AND v.on_date BETWEEN $4 AND $5",
                    )
                    .bind(city)
                    .bind(indicator)
                    .bind(&region)
                    .bind(&first)
                    .bind(&last)
                    .fetch_all(&mut **tx)
                    .await
                    .context("cannot read the stored values")?;
                    for (on_date, value, provenance, source) in stored {
                        existing.insert((indicator, region.clone(), on_date), (value, provenance, source));
                    }
                }
                let mut corrections_held = std::collections::HashMap::new();
                for v in values {
                    let indicator = i64::from(v.indicator.get());
                    if let std::collections::hash_map::Entry::Vacant(entry) = corrections_held.entry(indicator) {
                        let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM indicator_corrections WHERE city_id = $1 AND indicator_id = $2")
                            .bind(city).bind(indicator).fetch_one(&mut **tx).await?;
                        entry.insert(held);
                    }
                }
                let next_provenance: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM provenances WHERE city_id = $1")
                    .bind(city).fetch_one(&mut **tx).await?;
                crate::store::record::plan(values, &existing, corrections_held, next_provenance, origin, change, now)
            };
            let summary = plan.summary;
            if summary.added + summary.corrected == 0 {
                return Ok(summary);
            }
            write_values(tx, city, &plan.provenances, &plan.inserts).await?;
            for update in &plan.updates {
                exec(tx, sqlx::query("UPDATE indicator_values SET value = $1, provenance_id = $2 WHERE city_id = $3 AND indicator_id = $4 AND region = $5 AND on_date = $6")
                    .bind(update.value).bind(update.provenance_id).bind(city).bind(update.indicator_id).bind(&update.region).bind(&update.on_date)).await?;
            }
            write_corrections(tx, city, &plan.corrections).await?;
            let text = format!("recorded indicator values: {} added, {} corrected, {} unchanged", summary.added, summary.corrected, summary.unchanged);
            log_change(tx, &cascade_change(change, city_slug, text)).await?;
            for entry in plan.feed_entries() {
                writing.record(city_slug, entry);
            }
            Ok(summary)
        }

        async fn copy_targets_in(writing: &mut Writing, city_slug: &str, from: i32, to: i32, change: &Change) -> StoreResult<usize> {
            let tx = &mut writing.tx;
            let city = city_or_not_found(tx, city_slug).await?;
            // The outline holds every target; the values are not needed and may be millions.
            let rows = read_cascade_outline_rows(tx, city).await?;
            let copy = crate::store::record::copy_year(&rows, from, to).map_err(|e| StoreError::constraint(format!("{e:#}")))?;
            write_copied_targets(tx, city, &copy).await?;
            let text = format!("copied {} targets from {from} to {to}", copy.targets.len());
            log_change(tx, &cascade_change(change, city_slug, text)).await?;
            writing.record(city_slug, FeedEntry::Outline);
            Ok(copy.targets.len())
        }
    };
}

pub(crate) use sql_store;
