//! Strategy versions: the vision, values, areas, goals, actions, programmes, narrative and timeline of one
//! approved strategy, each version in its own rows.

use anyhow::Context as _;

use super::{city_id, exec, fetch, instant, log_change, Tx, Writing};
use crate::domain::change::{Change, OnExisting};
use crate::domain::{Strategy, VersionStatus, VersionSummary};
use crate::store::export::ChangeLogRow;
use crate::store::feed::FeedEntry;
use crate::store::rows::{StrategyRows, TextRow, VersionRow};
use crate::store::{Audience, StoreError, StoreResult};

/// A version as the queries that list versions read it: id, city slug, label, status, approval date and
/// council term.
pub(super) type Listed = (i64, String, String, String, Option<String>, String);

/// The approved version the public reads, `None` on an empty database.
pub(super) async fn read_current(tx: &mut Tx<'_>) -> anyhow::Result<Option<StrategyRows>> {
    let current: Option<Listed> = sqlx::query_as(
        "SELECT v.id, c.slug, v.label, v.status, v.approved_on, v.council_term \
         FROM strategy_versions v JOIN cities c ON c.id = v.city_id \
         WHERE v.status = 'approved' ORDER BY v.approved_on DESC, v.id DESC LIMIT 1",
    )
    .fetch_optional(&mut **tx)
    .await?;
    let Some(current) = current else {
        return Ok(None);
    };
    Ok(Some(read_rows(tx, current).await?))
}

/// The statuses `audience` may read, as an SQL list.
fn statuses(audience: Audience) -> &'static str {
    match audience {
        Audience::Public => "('approved', 'superseded')",
        Audience::Staff => "('draft', 'review', 'approved', 'superseded')",
    }
}

/// The versions `audience` may read: approved ones by approval date, then those without a date (drafts), each
/// in the order they were stored.
pub(super) async fn list(tx: &mut Tx<'_>, audience: Audience) -> anyhow::Result<Vec<VersionSummary>> {
    let sql = format!(
        "SELECT label, status, approved_on, minutes_ref, lint_override_reason FROM strategy_versions \
         WHERE status IN {} ORDER BY COALESCE(approved_on, '9999-12-31'), id",
        statuses(audience)
    );
    type Row = (String, String, Option<String>, Option<String>, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(&sql).fetch_all(&mut **tx).await?;
    rows.into_iter()
        .map(|(label, status, approved_on, minutes_ref, lint_override_reason)| {
            let status = VersionStatus::parse(&status).with_context(|| format!("version {label}: status {status}"))?;
            let approved_on = approved_on
                .map(|day| {
                    day.parse()
                        .with_context(|| format!("version {label}: approved on {day}"))
                })
                .transpose()?;
            Ok(VersionSummary {
                label,
                status,
                approved_on,
                minutes_ref,
                lint_override_reason,
            })
        })
        .collect()
}

/// The version labelled `label` that `audience` may read, `None` when there is none.
pub(super) async fn read_labelled(
    tx: &mut Tx<'_>,
    label: &str,
    audience: Audience,
) -> anyhow::Result<Option<StrategyRows>> {
    // PostgreSQL refuses a NUL in text, so no stored label holds one, and asking would be an error, not a miss.
    if label.contains('\0') {
        return Ok(None);
    }
    let sql = format!(
        "SELECT v.id, c.slug, v.label, v.status, v.approved_on, v.council_term \
         FROM strategy_versions v JOIN cities c ON c.id = v.city_id \
         WHERE v.label = $1 AND v.status IN {} ORDER BY v.id DESC LIMIT 1",
        statuses(audience)
    );
    let listed: Option<Listed> = sqlx::query_as(&sql).bind(label).fetch_optional(&mut **tx).await?;
    match listed {
        Some(listed) => Ok(Some(read_rows(tx, listed).await?)),
        None => Ok(None),
    }
}

/// Everything stored for one listed version.
pub(super) async fn read_rows(tx: &mut Tx<'_>, listed: Listed) -> anyhow::Result<StrategyRows> {
    let (id, city_slug, label, status, approved_on, council_term) = listed;
    let (minutes_ref, lint_override_reason): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT minutes_ref, lint_override_reason FROM strategy_versions WHERE id = $1")
            .bind(id)
            .fetch_one(&mut **tx)
            .await
            .context("cannot read the version's decision")?;
    let version = VersionRow {
        city_slug,
        label,
        status,
        approved_on,
        council_term,
        minutes_ref,
        lint_override_reason,
    };
    Ok(StrategyRows {
        version,
        texts: fetch(
            tx,
            "SELECT owner_kind, owner_key, field, lang, body, reviewed FROM texts WHERE version_id = $1",
            id,
        )
        .await?,
        areas: fetch(tx, "SELECT id, slug, position FROM areas WHERE version_id = $1", id).await?,
        goals: fetch(
            tx,
            "SELECT id, area_id, slug, position FROM goals WHERE version_id = $1",
            id,
        )
        .await?,
        actions: fetch(
            tx,
            "SELECT id, goal_id, position FROM actions WHERE version_id = $1",
            id,
        )
        .await?,
        programmes: fetch(
            tx,
            "SELECT id, slug, position FROM programmes WHERE version_id = $1",
            id,
        )
        .await?,
        values: fetch(
            tx,
            "SELECT slug, position FROM strategy_values WHERE version_id = $1",
            id,
        )
        .await?,
        headline_goals: sqlx::query_scalar::<_, i64>("SELECT position FROM headline_goals WHERE version_id = $1")
            .bind(id)
            .fetch_all(&mut **tx)
            .await?,
        headline_links: fetch(
            tx,
            "SELECT headline_position, goal_id, position FROM headline_goal_links WHERE version_id = $1",
            id,
        )
        .await?,
        chapters: fetch(
            tx,
            "SELECT slug, position FROM narrative_chapters WHERE version_id = $1",
            id,
        )
        .await?,
        sections: fetch(
            tx,
            "SELECT chapter_slug, slug, position FROM narrative_sections WHERE version_id = $1",
            id,
        )
        .await?,
        events: fetch(
            tx,
            "SELECT slug, position, kind, starts_on, ends_on FROM timeline_events WHERE version_id = $1",
            id,
        )
        .await?,
        lineage: fetch(
            tx,
            "SELECT owner_kind, owner_key, relation, other_key FROM item_lineage WHERE version_id = $1",
            id,
        )
        .await?,
    })
}

/// Inserts one version and everything in it; the caller owns the transaction.
pub(super) async fn write_rows(
    tx: &mut Tx<'_>,
    city_id: i64,
    rows: &StrategyRows,
    created_at: &str,
) -> anyhow::Result<()> {
    let v = &rows.version;
    let version_id: i64 = sqlx::query_scalar(
        "INSERT INTO strategy_versions (city_id, label, status, approved_on, council_term, created_at, \
         minutes_ref, lint_override_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(city_id)
    .bind(&v.label)
    .bind(&v.status)
    .bind(&v.approved_on)
    .bind(&v.council_term)
    .bind(created_at)
    .bind(&v.minutes_ref)
    .bind(&v.lint_override_reason)
    .fetch_one(&mut **tx)
    .await
    .context("cannot store the version")?;
    write_texts(tx, version_id, &rows.texts).await?;
    write_structure(tx, version_id, rows).await
}

/// Inserts text rows of version `version_id`.
pub(super) async fn write_texts(tx: &mut Tx<'_>, version_id: i64, texts: &[TextRow]) -> anyhow::Result<()> {
    for t in texts {
        let insert = "INSERT INTO texts (version_id, owner_kind, owner_key, field, lang, body, reviewed) \
                      VALUES ($1, $2, $3, $4, $5, $6, $7)";
        let query = sqlx::query(insert)
            .bind(version_id)
            .bind(&t.owner_kind)
            .bind(&t.owner_key)
            .bind(&t.field)
            .bind(&t.lang)
            .bind(&t.body)
            .bind(t.reviewed);
        exec(tx, query).await?;
    }
    Ok(())
}

/// Inserts everything of version `version_id` but its texts: the items, their places and their lineage.
pub(super) async fn write_structure(tx: &mut Tx<'_>, version_id: i64, rows: &StrategyRows) -> anyhow::Result<()> {
    for a in &rows.areas {
        let insert = "INSERT INTO areas (version_id, id, slug, position) VALUES ($1, $2, $3, $4)";
        exec(
            tx,
            sqlx::query(insert)
                .bind(version_id)
                .bind(a.id)
                .bind(&a.slug)
                .bind(a.position),
        )
        .await?;
    }
    for g in &rows.goals {
        let insert = "INSERT INTO goals (version_id, id, area_id, slug, position) VALUES ($1, $2, $3, $4, $5)";
        let query = sqlx::query(insert)
            .bind(version_id)
            .bind(g.id)
            .bind(g.area_id)
            .bind(&g.slug)
            .bind(g.position);
        exec(tx, query).await?;
    }
    for a in &rows.actions {
        let insert = "INSERT INTO actions (version_id, id, goal_id, position) VALUES ($1, $2, $3, $4)";
        exec(
            tx,
            sqlx::query(insert)
                .bind(version_id)
                .bind(a.id)
                .bind(a.goal_id)
                .bind(a.position),
        )
        .await?;
    }
    for p in &rows.programmes {
        let insert = "INSERT INTO programmes (version_id, id, slug, position) VALUES ($1, $2, $3, $4)";
        exec(
            tx,
            sqlx::query(insert)
                .bind(version_id)
                .bind(p.id)
                .bind(&p.slug)
                .bind(p.position),
        )
        .await?;
    }
    for s in &rows.values {
        let insert = "INSERT INTO strategy_values (version_id, slug, position) VALUES ($1, $2, $3)";
        exec(tx, sqlx::query(insert).bind(version_id).bind(&s.slug).bind(s.position)).await?;
    }
    for h in &rows.headline_goals {
        let insert = "INSERT INTO headline_goals (version_id, position) VALUES ($1, $2)";
        exec(tx, sqlx::query(insert).bind(version_id).bind(*h)).await?;
    }
    for l in &rows.headline_links {
        let insert = "INSERT INTO headline_goal_links (version_id, headline_position, goal_id, position) \
                      VALUES ($1, $2, $3, $4)";
        let query = sqlx::query(insert)
            .bind(version_id)
            .bind(l.headline_position)
            .bind(l.goal_id)
            .bind(l.position);
        exec(tx, query).await?;
    }
    for c in &rows.chapters {
        let insert = "INSERT INTO narrative_chapters (version_id, slug, position) VALUES ($1, $2, $3)";
        exec(tx, sqlx::query(insert).bind(version_id).bind(&c.slug).bind(c.position)).await?;
    }
    for s in &rows.sections {
        let insert =
            "INSERT INTO narrative_sections (version_id, chapter_slug, slug, position) VALUES ($1, $2, $3, $4)";
        let query = sqlx::query(insert)
            .bind(version_id)
            .bind(&s.chapter_slug)
            .bind(&s.slug)
            .bind(s.position);
        exec(tx, query).await?;
    }
    for e in &rows.events {
        let insert = "INSERT INTO timeline_events (version_id, slug, position, kind, starts_on, ends_on) \
                      VALUES ($1, $2, $3, $4, $5, $6)";
        let query = sqlx::query(insert)
            .bind(version_id)
            .bind(&e.slug)
            .bind(e.position)
            .bind(&e.kind)
            .bind(&e.starts_on)
            .bind(&e.ends_on);
        exec(tx, query).await?;
    }
    for l in &rows.lineage {
        let insert = "INSERT INTO item_lineage (version_id, owner_kind, owner_key, relation, other_key) \
                      VALUES ($1, $2, $3, $4, $5)";
        let query = sqlx::query(insert)
            .bind(version_id)
            .bind(&l.owner_kind)
            .bind(&l.owner_key)
            .bind(&l.relation)
            .bind(&l.other_key);
        exec(tx, query).await?;
    }
    Ok(())
}

/// Stores a whole strategy version in a write, replacing the one with the same label when told to.
pub(super) async fn store(
    writing: &mut Writing,
    strategy: &Strategy,
    on_existing: OnExisting,
    change: &Change,
) -> StoreResult<()> {
    writing.record(&strategy.city.slug.to_string(), FeedEntry::Replace);
    let tx = &mut writing.tx;
    let rows = StrategyRows::from_strategy(strategy);
    let v = &rows.version;
    let city = city_id(tx, &v.city_slug).await?;
    let existing: Option<(i64, String, Option<String>)> =
        sqlx::query_as("SELECT id, status, minutes_ref FROM strategy_versions WHERE city_id = $1 AND label = $2")
            .bind(city)
            .bind(&v.label)
            .fetch_optional(&mut **tx)
            .await
            .context("cannot look for an existing version")?;
    if let Some((existing, status, minutes_ref)) = existing {
        // A version approved through the workflow is a decision of the city, and a decision is not edited:
        // changes go into a new draft; nor does a superseded version come back. A version under review is
        // what the reviewers and the approval's lint saw, so it changes only once withdrawn to a draft.
        // Versions loaded as approved from their source files (no minutes reference) may still be reloaded
        // from corrected files.
        let next_step = match status.as_str() {
            "review" => Some("withdraw it to a draft with `tarina version withdraw` first"),
            "superseded" => Some("prepare a new draft with `tarina version new`"),
            _ if minutes_ref.is_some() => Some("prepare a new draft with `tarina version new`"),
            _ => None,
        };
        if let Some(next_step) = next_step {
            return Err(StoreError::conflict(format!(
                "version {} of the {} strategy is {status} and cannot be changed; {next_step}",
                v.label, v.city_slug
            )));
        }
        if on_existing == OnExisting::Refuse {
            return Err(StoreError::conflict(format!(
                "the database already holds version {} of the {} strategy; use --force to replace it",
                v.label, v.city_slug
            )));
        }
        exec(
            tx,
            sqlx::query("DELETE FROM strategy_versions WHERE id = $1").bind(existing),
        )
        .await?;
    }
    let now = instant(chrono::Utc::now());
    write_rows(tx, city, &rows, &now).await?;
    let summary = format!(
        "stored version {} with {} areas, {} goals, {} actions, {} texts",
        v.label,
        rows.areas.len(),
        rows.goals.len(),
        rows.actions.len(),
        rows.texts.len()
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
