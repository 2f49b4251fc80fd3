//! Recording indicator values: new ones added, changed ones corrected with what they replaced kept, equal ones
//! left alone; and the value rows' inserts shared with whole cascade writes.

use anyhow::Context as _;

use super::{change_log_row, city_or_not_found, exec, insert_all, known_city, log_audited, Tx, Writing};
use crate::domain::change::{Change, NewValue, RecordSummary};
use crate::domain::revision::{StoredValue, ValuesState};
use crate::domain::{IndicatorId, Slug};
use crate::store::cascade_rows::{CorrectionRow, ProvenanceRow, ValueRow};
use crate::store::StoreResult;

pub(super) async fn write_values(
    tx: &mut Tx<'_>,
    city: i64,
    provenances: &[ProvenanceRow],
    values: &[ValueRow],
) -> anyhow::Result<()> {
    insert_all(
        tx,
        "INSERT INTO provenances \
         (city_id, id, source, entered_by, entered_at, example, source_sv, source_en, source_reviewed, origin) ",
        provenances,
        |mut b, r| {
            b.push_bind(city)
                .push_bind(r.id)
                .push_bind(r.source.clone())
                .push_bind(r.entered_by.clone())
                .push_bind(r.entered_at.clone())
                .push_bind(r.example)
                .push_bind(r.source_sv.clone())
                .push_bind(r.source_en.clone())
                .push_bind(r.source_reviewed.clone())
                .push_bind(r.origin.clone());
        },
    )
    .await?;
    insert_all(
        tx,
        "INSERT INTO indicator_values (city_id, indicator_id, region, on_date, value, provenance_id) ",
        values,
        |mut b, r| {
            b.push_bind(city)
                .push_bind(r.indicator_id)
                .push_bind(r.region.clone())
                .push_bind(r.on_date.clone())
                .push_bind(r.value)
                .push_bind(r.provenance_id);
        },
    )
    .await
}

pub(super) async fn write_corrections(tx: &mut Tx<'_>, city: i64, corrections: &[CorrectionRow]) -> anyhow::Result<()> {
    insert_all(
        tx,
        "INSERT INTO indicator_corrections \
         (city_id, indicator_id, region, on_date, value, provenance_id, replaced_at, replaced_by, position) ",
        corrections,
        |mut b, r| {
            b.push_bind(city)
                .push_bind(r.indicator_id)
                .push_bind(r.region.clone())
                .push_bind(r.on_date.clone())
                .push_bind(r.value)
                .push_bind(r.provenance_id)
                .push_bind(r.replaced_at.clone())
                .push_bind(r.replaced_by.clone())
                .push_bind(r.position);
        },
    )
    .await
}

/// Records indicator values in a write: adds new ones, corrects changed ones (keeping what they replaced) and
/// leaves equal ones alone. New provenances keep `origin`, where a connector fetched the values (JSON).
pub(in super::super) async fn record_values(
    writing: &mut Writing,
    city_slug: &str,
    values: &[NewValue],
    origin: Option<String>,
    change: &Change,
) -> StoreResult<RecordSummary> {
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
                let held: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM indicator_corrections WHERE city_id = $1 AND indicator_id = $2",
                )
                .bind(city)
                .bind(indicator)
                .fetch_one(&mut **tx)
                .await?;
                entry.insert(held);
            }
        }
        let next_provenance: i64 =
            sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM provenances WHERE city_id = $1")
                .bind(city)
                .fetch_one(&mut **tx)
                .await?;
        crate::store::record::plan(
            values,
            &existing,
            corrections_held,
            next_provenance,
            origin,
            change,
            now,
        )
    };
    let summary = plan.summary;
    if summary.added + summary.corrected == 0 {
        return Ok(summary);
    }
    write_values(tx, city, &plan.provenances, &plan.inserts).await?;
    for update in &plan.updates {
        exec(
            tx,
            sqlx::query(
                "UPDATE indicator_values SET value = $1, provenance_id = $2 \
                 WHERE city_id = $3 AND indicator_id = $4 AND region = $5 AND on_date = $6",
            )
            .bind(update.value)
            .bind(update.provenance_id)
            .bind(city)
            .bind(update.indicator_id)
            .bind(&update.region)
            .bind(&update.on_date),
        )
        .await?;
    }
    write_corrections(tx, city, &plan.corrections).await?;
    let text = format!(
        "recorded indicator values: {} added, {} corrected, {} unchanged",
        summary.added, summary.corrected, summary.unchanged
    );
    log_audited(tx, &change_log_row(change, city_slug, text), &plan.audit_detail()).await?;
    for entry in plan.feed_entries() {
        writing.record(city_slug, entry);
    }
    Ok(summary)
}

/// One indicator's regions and values (by region and date, with their sources) as stored now; `None` when the
/// city has no such indicator.
pub(in super::super) async fn indicator_state(
    tx: &mut Tx<'_>,
    city_slug: &str,
    indicator: IndicatorId,
) -> anyhow::Result<Option<ValuesState>> {
    let Some(city) = known_city(tx, city_slug).await? else {
        return Ok(None);
    };
    let id = i64::from(indicator.get());
    let known: Option<i64> = sqlx::query_scalar("SELECT id FROM indicators WHERE city_id = $1 AND id = $2")
        .bind(city)
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
        .context("cannot read the indicator")?;
    if known.is_none() {
        return Ok(None);
    }
    let regions: Vec<String> = sqlx::query_scalar(
        "SELECT region FROM indicator_regions WHERE city_id = $1 AND indicator_id = $2 ORDER BY position",
    )
    .bind(city)
    .bind(id)
    .fetch_all(&mut **tx)
    .await
    .context("cannot read the indicator's regions")?;
    let slug = |text: &str| Slug::parse(text).with_context(|| format!("the database holds a bad region {text:?}"));
    let rows: Vec<(String, String, f64, String, bool)> = sqlx::query_as(
        "SELECT v.region, v.on_date, v.value, p.source, p.example FROM indicator_values v \
         JOIN provenances p ON p.city_id = v.city_id AND p.id = v.provenance_id \
         WHERE v.city_id = $1 AND v.indicator_id = $2 ORDER BY v.region, v.on_date",
    )
    .bind(city)
    .bind(id)
    .fetch_all(&mut **tx)
    .await
    .context("cannot read the indicator's values")?;
    let values = rows
        .into_iter()
        .map(|(region, date, value, source, example)| {
            Ok(StoredValue {
                region: slug(&region)?,
                date: date
                    .parse()
                    .with_context(|| format!("the database holds a bad date {date:?}"))?,
                value,
                source,
                example,
            })
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(Some(ValuesState {
        regions: regions.iter().map(|r| slug(r)).collect::<anyhow::Result<_>>()?,
        values,
    }))
}
