//! A performance target as one editable item (its row, title and links), new targets, and a budget year's
//! targets moved on towards approval: each in the write turn, audited with what it was and became.

use std::sync::LazyLock;

use anyhow::Context as _;
use serde_json::json;

use super::super::super::{json_rows, json_rows_of, Db};
use super::super::{change_log_row, city_or_not_found, exec, log_audited, write_targets, Tx, Writing};
use super::{folded_text, replace_text, unfold_text, TARGET_TEXTS};
use crate::domain::cascade::TargetStatus;
use crate::domain::change::Change;
use crate::domain::edit::{Item, TargetItem, YearStep};
use crate::domain::{GoalId, IndicatorId, Slug, TargetId};
use crate::store::audit::AuditDetail;
use crate::store::cascade_rows::{CascadeRows, LinkRow, TargetRow};
use crate::store::edits::YearApprovalRecord;
use crate::store::feed::FeedEntry;
use crate::store::rows::push_text;
use crate::store::{StoreError, StoreResult};

/// A target's goals (kind 0) and indicators (kind 1), each in its order.
const LINKS: &str = "SELECT CAST(0 AS BIGINT) AS kind, goal_id AS id, position FROM target_goals WHERE city_id = $1 AND target_id = $2 \
     UNION ALL SELECT CAST(1 AS BIGINT), indicator_id, position FROM target_indicators WHERE city_id = $1 AND target_id = $2 \
     ORDER BY kind, position";

/// A target's row with its goals and indicators (kind 0 and 1, each with its position) and its title, each
/// folded into JSON: one statement (see `folded_text`).
static TARGET_SQL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT year, status, organisation, responsible, binding, \
         (SELECT {} FROM ({LINKS}) AS links), {} FROM targets WHERE city_id = $1 AND id = $2",
        json_rows_of("kind, id, position"),
        folded_text(TARGET_TEXTS, "title")
    )
});

type TargetRowRead = (i64, String, String, String, bool, Option<String>, Option<String>);

pub(super) async fn read_target<'e, E>(executor: E, city: i64, id: TargetId) -> StoreResult<TargetItem>
where
    E: sqlx::Executor<'e, Database = Db>,
{
    let key = id.to_string();
    let row: Option<TargetRowRead> = sqlx::query_as(TARGET_SQL.as_str())
        .bind(city)
        .bind(i64::from(id.get()))
        .bind(&key)
        .fetch_optional(executor)
        .await?;
    let Some((year, status, organisation, responsible, binding, links, title)) = row else {
        return Err(StoreError::not_found(format!("there is no target {id}")));
    };
    let broken = |what: &str| StoreError::Other(anyhow::anyhow!("the stored target {id} has {what}"));
    let mut links: Vec<(i64, i64, i64)> = json_rows(links.as_deref()).context("cannot read the target's links")?;
    // Each kind in its order, which an aggregate need not keep.
    links.sort_by_key(|&(kind, _, position)| (kind, position));
    let ids = |kind: i64| -> Option<Vec<u32>> {
        links
            .iter()
            .filter(|(k, _, _)| *k == kind)
            .map(|(_, id, _)| u32::try_from(*id).ok())
            .collect()
    };
    let (goals, indicators) = ids(0).zip(ids(1)).ok_or_else(|| broken("a link out of range"))?;
    Ok(TargetItem {
        year: i32::try_from(year).map_err(|_| broken("a year out of range"))?,
        status: TargetStatus::parse(&status).ok_or_else(|| broken("an unknown status"))?,
        organisation: Slug::parse(&organisation).map_err(|_| broken("a malformed organisation"))?,
        responsible: Slug::parse(&responsible).map_err(|_| broken("a malformed organisation"))?,
        title: unfold_text(title.as_deref(), TARGET_TEXTS, &key, "title")?.ok_or_else(|| broken("no title"))?,
        goals: goals
            .into_iter()
            .map(GoalId::new)
            .collect::<Result<_, _>>()
            .map_err(|_| broken("a goal id out of range"))?,
        indicators: indicators
            .into_iter()
            .map(IndicatorId::new)
            .collect::<Result<_, _>>()
            .map_err(|_| broken("an indicator id out of range"))?,
        binding,
    })
}

/// Replaces a target's content; its year and status are not a form's to change.
pub(super) async fn write_target(
    tx: &mut Tx<'_>,
    city: i64,
    id: TargetId,
    before: &Item,
    after: &TargetItem,
) -> StoreResult<()> {
    if !matches!(before, Item::Target(b) if b.year == after.year && b.status == after.status) {
        return Err(StoreError::constraint(
            "an edit may not change a target's year or status",
        ));
    }
    let key = i64::from(id.get());
    exec(
        tx,
        sqlx::query(
            "UPDATE targets SET organisation = $3, responsible = $4, binding = $5 WHERE city_id = $1 AND id = $2",
        )
        .bind(city)
        .bind(key)
        .bind(after.organisation.as_str())
        .bind(after.responsible.as_str())
        .bind(after.binding),
    )
    .await?;
    replace_text(tx, city, (TARGET_TEXTS, &id.to_string(), "title"), Some(&after.title)).await?;
    for delete in [
        "DELETE FROM target_goals WHERE city_id = $1 AND target_id = $2",
        "DELETE FROM target_indicators WHERE city_id = $1 AND target_id = $2",
    ] {
        exec(tx, sqlx::query(delete).bind(city).bind(key)).await?;
    }
    let rows = rows_of(key, after);
    let links = [
        (
            "INSERT INTO target_goals (city_id, target_id, goal_id, position) ",
            &rows.target_goals,
        ),
        (
            "INSERT INTO target_indicators (city_id, target_id, indicator_id, position) ",
            &rows.target_indicators,
        ),
    ];
    for (head, links) in links {
        super::super::write_links(tx, city, head, links).await?;
    }
    Ok(())
}

/// The rows of a target, for a new one or new links.
fn rows_of(id: i64, target: &TargetItem) -> CascadeRows {
    let link = |(position, linked_id): (usize, i64)| LinkRow {
        owner_id: id,
        linked_id,
        position: i64::try_from(position).unwrap_or(i64::MAX),
    };
    let mut rows = CascadeRows {
        targets: vec![TargetRow {
            id,
            year: i64::from(target.year),
            organisation: target.organisation.as_str().to_owned(),
            responsible: target.responsible.as_str().to_owned(),
            binding: target.binding,
            example: false,
            copied_from: None,
            grade: None,
            status: target.status.as_str().to_owned(),
        }],
        target_goals: target
            .goals
            .iter()
            .map(|g| i64::from(g.get()))
            .enumerate()
            .map(link)
            .collect(),
        target_indicators: target
            .indicators
            .iter()
            .map(|i| i64::from(i.get()))
            .enumerate()
            .map(link)
            .collect(),
        ..CascadeRows::default()
    };
    push_text(&mut rows.texts, TARGET_TEXTS, &id.to_string(), "title", &target.title);
    rows
}

pub(super) async fn create_target(
    writing: &mut Writing,
    city_slug: &str,
    target: &TargetItem,
    change: &Change,
) -> StoreResult<TargetId> {
    let tx = &mut writing.tx;
    let city = city_or_not_found(tx, city_slug).await?;
    // The write turn is held, so no other write can take the same id between this read and the insert.
    let next: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM targets WHERE city_id = $1")
        .bind(city)
        .fetch_one(&mut **tx)
        .await
        .context("cannot read the targets' ids")?;
    let id = u32::try_from(next)
        .ok()
        .and_then(|n| TargetId::new(n).ok())
        .ok_or_else(|| StoreError::constraint("the targets' ids are used up"))?;
    let rows = rows_of(next, target);
    super::super::write_texts(tx, city, &rows.texts).await?;
    write_targets(tx, city, &rows).await?;
    let subject = format!("target:{id}");
    let detail = AuditDetail {
        action: "target.create",
        subject: subject.clone(),
        before: None,
        after: Some(Item::Target(target.clone()).to_json().to_string()),
    };
    log_audited(
        tx,
        &change_log_row(change, city_slug, format!("created {subject}")),
        &detail,
    )
    .await?;
    writing.record(city_slug, FeedEntry::Outline);
    Ok(id)
}

/// Moves the year's targets that stand where `step` starts; an approval, when given, is recorded with the
/// move and named in its audit entry, so the log shows an overridden lint with its reason.
pub(super) async fn move_targets(
    writing: &mut Writing,
    city_slug: &str,
    year: i32,
    step: YearStep,
    approval: Option<&YearApprovalRecord>,
    change: &Change,
) -> StoreResult<usize> {
    let (from, to) = step.statuses();
    let tx = &mut writing.tx;
    let city = city_or_not_found(tx, city_slug).await?;
    let moved: Vec<i64> = sqlx::query_scalar(
        "UPDATE targets SET status = $4 WHERE city_id = $1 AND year = $2 AND status = $3 RETURNING id",
    )
    .bind(city)
    .bind(i64::from(year))
    .bind(from.as_str())
    .bind(to.as_str())
    .fetch_all(&mut **tx)
    .await
    .context("cannot move the year's targets")?;
    if moved.is_empty() {
        return Ok(0);
    }
    let mut moved = moved;
    moved.sort_unstable();
    let mut after = json!({ "status": to.as_str(), "targets": moved });
    if let Some(approval) = approval {
        record_approval(tx, city, year, approval, change).await?;
        after["lint_override"] = json!(approval.lint_override);
        after["overridden"] = json!(approval.overridden);
    }
    let detail = AuditDetail {
        action: "targets.status",
        subject: format!("targets:{year}"),
        before: Some(json!({ "status": from.as_str(), "targets": moved }).to_string()),
        after: Some(after.to_string()),
    };
    let summary = format!("{} targets of {year}: {} → {}", moved.len(), from.as_str(), to.as_str());
    log_audited(tx, &change_log_row(change, city_slug, summary), &detail).await?;
    writing.record(city_slug, FeedEntry::Outline);
    Ok(moved.len())
}

async fn record_approval(
    tx: &mut Tx<'_>,
    city: i64,
    year: i32,
    approval: &YearApprovalRecord,
    change: &Change,
) -> StoreResult<()> {
    exec(
        tx,
        sqlx::query(
            "INSERT INTO target_year_approvals \
             (city_id, year, approved_at, approved_by, actor, lint_override, overridden) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(city)
        .bind(i64::from(year))
        .bind(crate::store::cascade_rows::iso_instant(chrono::Utc::now()))
        .bind(approval.account)
        .bind(&change.actor)
        .bind(&approval.lint_override)
        .bind(json!(approval.overridden).to_string()),
    )
    .await?;
    Ok(())
}
