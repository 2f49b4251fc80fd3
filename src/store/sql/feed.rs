//! The change feed: each content write's transaction with what it changed, and the reads that bring a server's
//! snapshot up to date from it.

use anyhow::Context as _;

use super::{begin_read, insert_all, instant, known_city, Backend, Tx, NOTIFY};
use crate::domain::cascade::{Correction, Measurement};
use crate::domain::delta::CascadeDelta;
use crate::store::feed::FeedEntry;
use crate::store::feed_rows::{self, CorrectionSpanRow, Provenances, ReadPlan, SpanRow};
use crate::store::{Changes, StoreResult};

/// A write transaction with the data version it took and what it changed so far.
pub(super) struct Writing {
    pub(super) tx: Tx<'static>,
    version: i64,
    entries: Vec<(String, FeedEntry)>,
}

impl Writing {
    pub(super) fn new(tx: Tx<'static>, version: i64) -> Writing {
        Writing {
            tx,
            version,
            entries: Vec::new(),
        }
    }

    pub(super) fn record(&mut self, city_slug: &str, entry: FeedEntry) {
        self.entries.push((city_slug.to_owned(), entry));
    }

    /// Records the feed entries under the version taken and commits. A write that named nothing it
    /// changed is recorded as a replacement, so a forgotten entry costs a full read, never a stale page.
    pub(super) async fn commit(mut self) -> anyhow::Result<()> {
        if self.entries.is_empty() {
            self.entries.push((String::new(), FeedEntry::Replace));
        }
        let at = instant(chrono::Utc::now());
        let version = self.version;
        let tx = &mut self.tx;
        let entries: Vec<(i64, &(String, FeedEntry))> = (0..).zip(self.entries.iter()).collect();
        insert_all(
            tx,
            "INSERT INTO change_feed (version, position, city_slug, kind, payload, recorded_at) ",
            &entries,
            |mut b, (position, (city_slug, entry))| {
                b.push_bind(version)
                    .push_bind(*position)
                    .push_bind(city_slug.clone())
                    .push_bind(entry.kind())
                    .push_bind(entry.to_payload())
                    .push_bind(at.clone());
            },
        )
        .await?;
        if let Some(notify) = NOTIFY {
            // Delivered when the transaction commits, and only then.
            sqlx::query(notify)
                .execute(&mut **tx)
                .await
                .context("cannot notify other servers")?;
        }
        self.tx.commit().await.context("cannot commit the change")?;
        Ok(())
    }

    /// Ends a write that failed or changed nothing now, not on drop (see [`super::finish`]).
    pub(super) async fn rollback(self) -> anyhow::Result<()> {
        self.tx.rollback().await.context("cannot end the transaction")
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
    provenances: &mut Provenances,
) -> anyhow::Result<Vec<Measurement>> {
    let rows: Vec<SpanRow> = sqlx::query_as(
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

/// The corrections of one indicator from a position on, with their provenance.
async fn read_corrections_from(
    tx: &mut Tx<'_>,
    city: i64,
    indicator: i64,
    from_position: i64,
    provenances: &mut Provenances,
) -> anyhow::Result<Vec<Correction>> {
    let rows: Vec<CorrectionSpanRow> = sqlx::query_as(
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

async fn changes_in(tx: &mut Tx<'_>, city_slug: &str, since: i64) -> anyhow::Result<Changes> {
    let version: i64 = sqlx::query_scalar("SELECT version FROM data_version WHERE id = 1")
        .fetch_one(&mut **tx)
        .await?;
    if version == since {
        return Ok(Changes::Unchanged);
    }
    if version < since {
        // The database was replaced by an older one (a restored backup): nothing held can be trusted.
        return Ok(Changes::Reload);
    }
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT version, city_slug, payload FROM change_feed \
         WHERE version > $1 AND version <= $2 ORDER BY version, position",
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
    let plan = ReadPlan::new(entries);
    let Some(city) = known_city(tx, city_slug).await? else {
        return Ok(Changes::Apply {
            version,
            deltas: Vec::new(),
        });
    };
    let mut deltas = Vec::new();
    if plan.outline {
        let outline = super::cascade::read_outline_rows(tx, city).await?.into_cascade()?;
        deltas.push(CascadeDelta::Outline(Box::new(outline)));
    }
    let mut provenances = Provenances::default();
    for ((indicator, region), (from, to)) in &plan.spans {
        let values = read_span(tx, city, *indicator, region, from, to, &mut provenances).await?;
        deltas.push(feed_rows::span_delta(*indicator, region, from, to, values)?);
    }
    for (indicator, from_position) in &plan.corrections {
        let corrections = read_corrections_from(tx, city, *indicator, *from_position, &mut provenances).await?;
        deltas.push(feed_rows::corrections_delta(*indicator, *from_position, corrections)?);
    }
    Ok(Changes::Apply { version, deltas })
}

#[async_trait::async_trait]
impl crate::store::ChangeFeed for Backend {
    async fn changes_since(&self, city_slug: &str, since: i64) -> StoreResult<Changes> {
        // The feed, the version and the rows it names, all read in one snapshot.
        let mut tx = begin_read(&self.pool).await?;
        let changes = changes_in(&mut tx, city_slug, since).await;
        tx.rollback().await.context("cannot end the transaction")?;
        Ok(changes?)
    }

    async fn prune_feed(&self, before: chrono::DateTime<chrono::Utc>, keep_at_least: i64) -> StoreResult<u64> {
        let deleted = sqlx::query(
            "DELETE FROM change_feed WHERE recorded_at < $1 \
             AND version <= (SELECT COALESCE(MAX(version), 0) FROM change_feed) - $2",
        )
        .bind(instant(before))
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
