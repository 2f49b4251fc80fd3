//! The cascade's tables: organisations, regions, indicators with their values and corrections, targets and
//! progress, read and written whole for a city. The writes that change part of a cascade are in [`values`]
//! and [`targets`]; edits of one item are in [`edits`].

mod connector;
mod edits;
mod targets;
mod values;

use anyhow::Context as _;

use super::{
    begin_read, city_id, exec, fetch, insert_all, instant, json_rows, json_rows_of, known_city, log_audited,
    log_change, Db, Tx, Writing,
};
use crate::domain::cascade::Cascade;
use crate::domain::change::{Change, OnExisting};
use crate::store::cascade_rows::{CascadeRows, LinkRow};
use crate::store::export::ChangeLogRow;
use crate::store::feed::FeedEntry;
use crate::store::rows::TextRow;
use crate::store::{StoreError, StoreResult};
pub(super) use connector::set_connector;
pub(super) use edits::{read_update_rows, write_update_rows};
pub(super) use targets::copy_targets;
use targets::write_targets;
pub(super) use values::{indicator_state, record_values};
use values::{write_corrections, write_values};

/// A city's cascade read in one snapshot, with its values when `whole`; empty when the city has none.
pub(super) async fn read(pool: &sqlx::Pool<Db>, city: &str, whole: bool) -> anyhow::Result<Cascade> {
    let mut tx = begin_read(pool).await?;
    let Some(city) = known_city(&mut tx, city).await? else {
        // Ended now, not on drop, for the reason `finish` gives.
        tx.rollback().await?;
        return Ok(Default::default());
    };
    let rows = if whole {
        read_rows(&mut tx, city).await?
    } else {
        read_outline_rows(&mut tx, city).await?
    };
    tx.commit().await?;
    rows.into_cascade()
}

/// Everything a city's cascade holds.
pub(super) async fn read_rows(tx: &mut Tx<'_>, city: i64) -> anyhow::Result<CascadeRows> {
    let mut rows = read_outline_rows(tx, city).await?;
    rows.provenances = fetch(
        tx,
        "SELECT id, source, entered_by, entered_at, example, source_sv, source_en, source_reviewed, origin \
         FROM provenances WHERE city_id = $1",
        city,
    )
    .await?;
    rows.values = fetch(
        tx,
        "SELECT indicator_id, region, on_date, value, provenance_id FROM indicator_values WHERE city_id = $1",
        city,
    )
    .await?;
    rows.corrections = fetch(
        tx,
        "SELECT indicator_id, region, on_date, value, provenance_id, replaced_at, replaced_by, position \
         FROM indicator_corrections WHERE city_id = $1",
        city,
    )
    .await?;
    Ok(rows)
}

/// Everything but the values, their corrections and provenances.
pub(super) async fn read_outline_rows(tx: &mut Tx<'_>, city: i64) -> anyhow::Result<CascadeRows> {
    Ok(CascadeRows {
        texts: fetch(
            tx,
            "SELECT owner_kind, owner_key, field, lang, body, reviewed FROM cascade_texts WHERE city_id = $1",
            city,
        )
        .await?,
        organisations: fetch(
            tx,
            "SELECT slug, kind, parent, position, valid_from, valid_to FROM organisations WHERE city_id = $1",
            city,
        )
        .await?,
        regions: fetch(tx, "SELECT slug, kind, position FROM regions WHERE city_id = $1", city).await?,
        indicators: fetch(
            tx,
            "SELECT id, slug, decimals, direction, band_low, band_high, frequency, licence, connector \
             FROM indicators WHERE city_id = $1",
            city,
        )
        .await?,
        references: fetch(
            tx,
            "SELECT indicator_id, role, position, on_date, value, example, approximate, date_assumed \
             FROM indicator_references WHERE city_id = $1",
            city,
        )
        .await?,
        indicator_regions: fetch(
            tx,
            "SELECT indicator_id, region, position FROM indicator_regions WHERE city_id = $1",
            city,
        )
        .await?,
        indicator_goals: fetch(
            tx,
            "SELECT indicator_id AS owner_id, goal_id AS linked_id, position FROM indicator_goals WHERE city_id = $1",
            city,
        )
        .await?,
        targets: fetch(
            tx,
            "SELECT id, year, organisation, responsible, binding, example, copied_from, grade, status \
             FROM targets WHERE city_id = $1",
            city,
        )
        .await?,
        target_goals: fetch(
            tx,
            "SELECT target_id AS owner_id, goal_id AS linked_id, position FROM target_goals WHERE city_id = $1",
            city,
        )
        .await?,
        target_indicators: fetch(
            tx,
            "SELECT target_id AS owner_id, indicator_id AS linked_id, position \
             FROM target_indicators WHERE city_id = $1",
            city,
        )
        .await?,
        progress: fetch(
            tx,
            "SELECT action_id, state, percent, as_of, example FROM action_progress WHERE city_id = $1",
            city,
        )
        .await?,
        year_approvals: fetch(
            tx,
            "SELECT year, approved_at, actor, lint_override, overridden FROM target_year_approvals \
             WHERE city_id = $1 ORDER BY year, id",
            city,
        )
        .await?,
        provenances: Vec::new(),
        values: Vec::new(),
        corrections: Vec::new(),
    })
}

/// Whether a city holds a cascade at all.
pub(super) async fn has_cascade(tx: &mut Tx<'_>, city: i64) -> anyhow::Result<bool> {
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organisations WHERE city_id = $1")
        .bind(city)
        .fetch_one(&mut **tx)
        .await?;
    let indicators: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM indicators WHERE city_id = $1")
        .bind(city)
        .fetch_one(&mut **tx)
        .await?;
    Ok(held + indicators > 0)
}

/// Removes a city's whole cascade, children before parents.
async fn delete(tx: &mut Tx<'_>, city: i64) -> anyhow::Result<()> {
    for table in [
        "target_year_approvals",
        "target_indicators",
        "target_goals",
        "targets",
        "indicator_corrections",
        "indicator_values",
        "provenances",
        "indicator_goals",
        "indicator_regions",
        "indicator_references",
        "indicators",
        "regions",
        "action_updates",
        "action_progress",
        "cascade_texts",
    ] {
        exec(
            tx,
            sqlx::query(&format!("DELETE FROM {table} WHERE city_id = $1")).bind(city),
        )
        .await?;
    }
    // Children first, so the parent references hold during the delete on every backend.
    loop {
        let deleted = sqlx::query(
            "DELETE FROM organisations WHERE city_id = $1 AND slug NOT IN \
             (SELECT parent FROM organisations WHERE city_id = $1 AND parent IS NOT NULL)",
        )
        .bind(city)
        .execute(&mut **tx)
        .await
        .context("cannot delete organisations")?;
        if deleted.rows_affected() == 0 {
            break;
        }
    }
    Ok(())
}

/// Inserts a whole cascade for a city that holds none.
pub(super) async fn write_rows(tx: &mut Tx<'_>, city: i64, rows: &CascadeRows) -> anyhow::Result<()> {
    write_texts(tx, city, &rows.texts).await?;
    // One at a time: a parent must exist before its children reference it.
    for o in &rows.organisations {
        exec(
            tx,
            sqlx::query(
                "INSERT INTO organisations (city_id, slug, kind, parent, position, valid_from, valid_to) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(city)
            .bind(&o.slug)
            .bind(&o.kind)
            .bind(&o.parent)
            .bind(o.position)
            .bind(&o.valid_from)
            .bind(&o.valid_to),
        )
        .await?;
    }
    insert_all(
        tx,
        "INSERT INTO regions (city_id, slug, kind, position) ",
        &rows.regions,
        |mut b, r| {
            b.push_bind(city)
                .push_bind(r.slug.clone())
                .push_bind(r.kind.clone())
                .push_bind(r.position);
        },
    )
    .await?;
    insert_all(
        tx,
        "INSERT INTO indicators \
         (city_id, id, slug, decimals, direction, band_low, band_high, frequency, licence, connector) ",
        &rows.indicators,
        |mut b, r| {
            b.push_bind(city)
                .push_bind(r.id)
                .push_bind(r.slug.clone())
                .push_bind(r.decimals)
                .push_bind(r.direction.clone())
                .push_bind(r.band_low)
                .push_bind(r.band_high)
                .push_bind(r.frequency.clone())
                .push_bind(r.licence.clone())
                .push_bind(r.connector.clone());
        },
    )
    .await?;
    insert_all(
        tx,
        "INSERT INTO indicator_references \
         (city_id, indicator_id, role, position, on_date, value, example, approximate, date_assumed) ",
        &rows.references,
        |mut b, r| {
            b.push_bind(city)
                .push_bind(r.indicator_id)
                .push_bind(r.role.clone())
                .push_bind(r.position)
                .push_bind(r.on_date.clone())
                .push_bind(r.value)
                .push_bind(r.example)
                .push_bind(r.approximate)
                .push_bind(r.date_assumed);
        },
    )
    .await?;
    insert_all(
        tx,
        "INSERT INTO indicator_regions (city_id, indicator_id, region, position) ",
        &rows.indicator_regions,
        |mut b, r| {
            b.push_bind(city)
                .push_bind(r.indicator_id)
                .push_bind(r.region.clone())
                .push_bind(r.position);
        },
    )
    .await?;
    write_links(
        tx,
        city,
        "INSERT INTO indicator_goals (city_id, indicator_id, goal_id, position) ",
        &rows.indicator_goals,
    )
    .await?;
    write_values(tx, city, &rows.provenances, &rows.values).await?;
    write_corrections(tx, city, &rows.corrections).await?;
    write_targets(tx, city, rows).await?;
    insert_all(
        tx,
        "INSERT INTO action_progress (city_id, action_id, state, percent, as_of, example) ",
        &rows.progress,
        |mut b, r| {
            b.push_bind(city)
                .push_bind(r.action_id)
                .push_bind(r.state.clone())
                .push_bind(r.percent)
                .push_bind(r.as_of.clone())
                .push_bind(r.example);
        },
    )
    .await?;
    insert_all(
        tx,
        "INSERT INTO target_year_approvals (city_id, year, approved_at, actor, lint_override, overridden) ",
        &rows.year_approvals,
        |mut b, r| {
            b.push_bind(city)
                .push_bind(r.year)
                .push_bind(r.approved_at.clone())
                .push_bind(r.actor.clone())
                .push_bind(r.lint_override.clone())
                .push_bind(r.overridden.clone());
        },
    )
    .await?;
    Ok(())
}

/// Inserts links (an indicator's or a target's goals, a target's indicators); `head` names the table.
async fn write_links(tx: &mut Tx<'_>, city: i64, head: &'static str, links: &[LinkRow]) -> anyhow::Result<()> {
    insert_all(tx, head, links, |mut b, r| {
        b.push_bind(city)
            .push_bind(r.owner_id)
            .push_bind(r.linked_id)
            .push_bind(r.position);
    })
    .await
}

async fn write_texts(tx: &mut Tx<'_>, city: i64, texts: &[TextRow]) -> anyhow::Result<()> {
    insert_all(
        tx,
        "INSERT INTO cascade_texts (city_id, owner_kind, owner_key, field, lang, body, reviewed) ",
        texts,
        |mut b, r| {
            b.push_bind(city)
                .push_bind(r.owner_kind.clone())
                .push_bind(r.owner_key.clone())
                .push_bind(r.field.clone())
                .push_bind(r.lang.clone())
                .push_bind(r.body.clone())
                .push_bind(r.reviewed);
        },
    )
    .await
}

/// Stores a city's whole cascade in a write, replacing the one held when told to.
pub(super) async fn store(
    writing: &mut Writing,
    city_slug: &str,
    cascade: &Cascade,
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
        delete(tx, city).await?;
    }
    write_rows(tx, city, &rows).await?;
    let summary = format!(
        "stored the cascade: {} organisations, {} regions, {} indicators with {} values, {} targets",
        rows.organisations.len(),
        rows.regions.len(),
        rows.indicators.len(),
        rows.values.len(),
        rows.targets.len()
    );
    log_change(tx, &change_log_row(change, city_slug, summary)).await?;
    Ok(())
}

/// The change log's entry for a change to a city's cascade.
fn change_log_row(change: &Change, city_slug: &str, summary: String) -> ChangeLogRow {
    ChangeLogRow {
        at: instant(chrono::Utc::now()),
        actor: change.actor.clone(),
        reason: change.reason.clone(),
        city_slug: city_slug.to_owned(),
        version_label: String::new(),
        summary,
    }
}

async fn city_or_not_found(tx: &mut Tx<'_>, city_slug: &str) -> StoreResult<i64> {
    known_city(tx, city_slug)
        .await?
        .ok_or_else(|| StoreError::not_found(format!("the database holds no city {city_slug:?}")))
}
