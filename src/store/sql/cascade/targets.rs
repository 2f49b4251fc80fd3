//! Performance targets: copying a budget year's targets forward, and the target rows' inserts shared with
//! whole cascade writes.

use super::{
    change_log_row, city_or_not_found, insert_all, log_audited, read_outline_rows, write_links, write_texts, Tx,
    Writing,
};
use crate::domain::change::Change;
use crate::store::audit::AuditDetail;
use crate::store::cascade_rows::CascadeRows;
use crate::store::feed::FeedEntry;
use crate::store::{StoreError, StoreResult};

/// Inserts targets with their links to goals and indicators.
pub(super) async fn write_targets(tx: &mut Tx<'_>, city: i64, rows: &CascadeRows) -> anyhow::Result<()> {
    insert_all(
        tx,
        "INSERT INTO targets (city_id, id, year, organisation, responsible, binding, example, copied_from, grade, status) ",
        &rows.targets,
        |mut b, r| {
            b.push_bind(city)
                .push_bind(r.id)
                .push_bind(r.year)
                .push_bind(r.organisation.clone())
                .push_bind(r.responsible.clone())
                .push_bind(r.binding)
                .push_bind(r.example)
                .push_bind(r.copied_from)
                .push_bind(r.grade.clone())
                .push_bind(r.status.clone());
        },
    )
    .await?;
    write_links(
        tx,
        city,
        "INSERT INTO target_goals (city_id, target_id, goal_id, position) ",
        &rows.target_goals,
    )
    .await?;
    write_links(
        tx,
        city,
        "INSERT INTO target_indicators (city_id, target_id, indicator_id, position) ",
        &rows.target_indicators,
    )
    .await
}

/// Copies the targets of one budget year to another in a write; returns how many.
pub(in super::super) async fn copy_targets(
    writing: &mut Writing,
    city_slug: &str,
    from: i32,
    to: i32,
    change: &Change,
) -> StoreResult<usize> {
    let tx = &mut writing.tx;
    let city = city_or_not_found(tx, city_slug).await?;
    // The outline holds every target; the values are not needed and may be millions.
    let rows = read_outline_rows(tx, city).await?;
    let copy =
        crate::store::record::copy_year(&rows, from, to).map_err(|e| StoreError::constraint(format!("{e:#}")))?;
    // The copy holds only the new targets, their links and texts.
    write_texts(tx, city, &copy.texts).await?;
    write_targets(tx, city, &copy).await?;
    let text = format!("copied {} targets from {from} to {to}", copy.targets.len());
    let copied: Vec<serde_json::Value> = copy
        .targets
        .iter()
        .map(|t| serde_json::json!({ "target": t.id, "copied_from": t.copied_from }))
        .collect();
    let detail = AuditDetail {
        action: "targets.copy",
        subject: format!("targets:{to}"),
        before: None,
        after: Some(serde_json::json!({ "from": from, "status": "draft", "targets": copied }).to_string()),
    };
    log_audited(tx, &change_log_row(change, city_slug, text), &detail).await?;
    writing.record(city_slug, FeedEntry::Outline);
    Ok(copy.targets.len())
}
