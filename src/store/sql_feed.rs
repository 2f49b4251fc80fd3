//! The change feed's SQL, shared by both backends like [`super::sql`]: invoked inside `sql_store!` so it sees
//! that macro's `Tx`, `begin_read` and cascade helpers.

macro_rules! sql_feed {
    ($store:ident, $db:ty, notify = $notify:literal) => {
        /// A write transaction with the data version it took and what it changed so far.
        struct Writing {
            tx: Tx<'static>,
            version: i64,
            entries: Vec<(String, FeedEntry)>,
        }

        impl Writing {
            fn record(&mut self, city_slug: &str, entry: FeedEntry) {
                self.entries.push((city_slug.to_owned(), entry));
            }

            /// Records the feed entries under the version taken and commits. A write that named nothing it
            /// changed is recorded as a replacement, so a forgotten entry costs a full read, never a stale page.
            async fn commit(mut self) -> anyhow::Result<()> {
                if self.entries.is_empty() {
                    self.entries.push((String::new(), FeedEntry::Replace));
                }
                let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
                let version = self.version;
                let tx = &mut self.tx;
                let entries: Vec<(i64, &(String, FeedEntry))> = (0..).zip(self.entries.iter()).collect();
                insert_all!(tx, "INSERT INTO change_feed (version, position, city_slug, kind, payload, recorded_at) ", entries, |b, r| b
                    .push_bind(version).push_bind(r.0).push_bind(r.1 .0.clone()).push_bind(r.1 .1.kind())
                    .push_bind(r.1 .1.to_payload()).push_bind(at.clone()));
                if !$notify.is_empty() {
                    // Delivered when the transaction commits, and only then.
                    sqlx::query($notify).execute(&mut **tx).await.context("cannot notify other servers")?;
                }
                self.tx.commit().await.context("cannot commit the change")?;
                Ok(())
            }
        }

        /// The values of one indicator in one region between two dates, with their provenance.
        async fn read_span(
            tx: &mut Tx<'_>,
            city: i64,
            indicator: i64,
            region: &str,
            from: &str,
            to: &str,
            provenances: &mut crate::store::feed_rows::Provenances,
        ) -> anyhow::Result<Vec<crate::domain::cascade::Measurement>> {
            let rows: Vec<crate::store::feed_rows::SpanRow> = sqlx::query_as(
                "SELECT v.on_date, v.value, p.id, p.source, p.entered_by, p.entered_at, p.example, \
                 p.source_sv, p.source_en, p.source_reviewed, p.origin \
                 FROM indicator_values v JOIN provenances p ON p.city_id = v.city_id AND p.id = v.provenance_id \
                 WHERE v.city_id = $1 AND v.indicator_id = $2 AND v.region = $3 AND v.on_date BETWEEN $4 AND $5 \
                 ORDER BY v.on_date",
            )
            .bind(city)
            .bind(indicator)
            .bind(region)
            .bind(from)
            .bind(to)
            .fetch_all(&mut **tx)
            .await
            .context("cannot read changed values")?;
            rows.into_iter().map(|row| row.into_measurement(provenances)).collect()
        }

        async fn read_corrections_from(
            tx: &mut Tx<'_>,
            city: i64,
            indicator: i64,
            from_position: i64,
            provenances: &mut crate::store::feed_rows::Provenances,
        ) -> anyhow::Result<Vec<crate::domain::cascade::Correction>> {
            let rows: Vec<crate::store::feed_rows::CorrectionSpanRow> = sqlx::query_as(
                "SELECT c.region, c.on_date, c.value, c.replaced_at, c.replaced_by, p.id, \
                 p.source, p.entered_by, p.entered_at, p.example, p.source_sv, p.source_en, p.source_reviewed, p.origin \
                 FROM indicator_corrections c JOIN provenances p ON p.city_id = c.city_id AND p.id = c.provenance_id \
                 WHERE c.city_id = $1 AND c.indicator_id = $2 AND c.position >= $3 ORDER BY c.position",
            )
            .bind(city)
            .bind(indicator)
            .bind(from_position)
            .fetch_all(&mut **tx)
            .await
            .context("cannot read added corrections")?;
            rows.into_iter().map(|row| row.into_correction(provenances)).collect()
        }

        async fn changes_in(tx: &mut Tx<'_>, city_slug: &str, since: i64) -> anyhow::Result<crate::store::Changes> {
            use crate::store::Changes;
            let version: i64 = sqlx::query_scalar("SELECT version FROM data_version WHERE id = 1").fetch_one(&mut **tx).await?;
            if version == since {
                return Ok(Changes::Unchanged);
            }
            if version < since {
                // The database was replaced by an older one (a restored backup): nothing held can be trusted.
                return Ok(Changes::Reload);
            }
            let rows: Vec<(i64, String, String)> = sqlx::query_as(
                "SELECT version, city_slug, payload FROM change_feed WHERE version > $1 AND version <= $2 ORDER BY version, position",
            )
            .bind(since)
            .bind(version)
            .fetch_all(&mut **tx)
            .await
            .context("cannot read the change feed")?;
            let mut entries = Vec::with_capacity(rows.len());
            let mut versions_seen = 0;
            let mut last_version = since;
            for (entry_version, entry_city, payload) in rows {
                if entry_version != last_version {
                    versions_seen += 1;
                    last_version = entry_version;
                }
                let entry = FeedEntry::from_payload(&payload)?;
                if entry == FeedEntry::Replace {
                    return Ok(Changes::Reload);
                }
                if entry_city == city_slug {
                    entries.push(entry);
                }
            }
            if versions_seen != version - since {
                // Part of the way is no longer in the feed (pruned): read everything.
                return Ok(Changes::Reload);
            }
            let plan = crate::store::feed_rows::ReadPlan::new(entries);
            let Some(city) = known_city(tx, city_slug).await? else {
                return Ok(Changes::Apply { version, deltas: Vec::new() });
            };
            let mut deltas = Vec::new();
            if plan.outline {
                let outline = read_cascade_outline_rows(tx, city).await?.into_cascade()?;
                deltas.push(crate::domain::delta::CascadeDelta::Outline(Box::new(outline)));
            }
            let mut provenances = crate::store::feed_rows::Provenances::default();
            for ((indicator, region), (from, to)) in &plan.spans {
                let values = read_span(tx, city, *indicator, region, from, to, &mut provenances).await?;
                deltas.push(crate::store::feed_rows::span_delta(*indicator, region, from, to, values)?);
            }
            for (indicator, from_position) in &plan.corrections {
                let corrections = read_corrections_from(tx, city, *indicator, *from_position, &mut provenances).await?;
                deltas.push(crate::store::feed_rows::corrections_delta(*indicator, *from_position, corrections)?);
            }
            Ok(Changes::Apply { version, deltas })
        }

        #[async_trait::async_trait]
        impl crate::store::ChangeFeed for $store {
            async fn changes_since(&self, city_slug: &str, since: i64) -> StoreResult<crate::store::Changes> {
                // The feed, the version and the rows it names, all read in one snapshot.
                let mut tx = begin_read(&self.pool).await?;
                let changes = changes_in(&mut tx, city_slug, since).await;
                tx.rollback().await.context("cannot end the transaction")?;
                Ok(changes?)
            }

            async fn prune_feed(&self, before: chrono::DateTime<chrono::Utc>, keep_at_least: i64) -> StoreResult<u64> {
                let before = before.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
                let deleted = sqlx::query(
                    "DELETE FROM change_feed WHERE recorded_at < $1 \
                     AND version <= (SELECT COALESCE(MAX(version), 0) FROM change_feed) - $2",
                )
                .bind(before)
                .bind(keep_at_least)
                .execute(&self.pool)
                .await
                .context("cannot prune the change feed")?;
                Ok(deleted.rows_affected())
            }

            async fn subscribe(&self) -> StoreResult<Option<tokio::sync::mpsc::Receiver<()>>> {
                Ok(self.listen().await?)
            }
        }
    };
}

pub(crate) use sql_feed;
