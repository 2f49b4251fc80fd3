//! The version workflow's writes: a draft copied from a version, submitting and withdrawing, approving. Each
//! takes the write turn, checks the version's status as it stands inside the transaction, and logs its
//! audit entry before committing.

use anyhow::Context as _;
use serde_json::json;

use super::{begin_read, begin_write, city_id, exec, finish, instant, log_audited, versions, Backend, Tx, Writing};
use crate::domain::change::Change;
use crate::domain::workflow::{Decision, Step};
use crate::domain::{Strategy, VersionStatus};
use crate::store::audit::AuditDetail;
use crate::store::export::ChangeLogRow;
use crate::store::feed::FeedEntry;
use crate::store::rows::{push_text, TextRow};
use crate::store::{Audience, StoreError, StoreResult, VersionRecord, VersionWorkflow};

#[async_trait::async_trait]
impl VersionWorkflow for Backend {
    async fn new_draft(&self, from: &str, label: &str, change: &Change) -> StoreResult<()> {
        let mut writing = begin_write(&self.pool).await?;
        let stored = new_draft(&mut writing, from, label, change).await;
        finish(writing, stored).await
    }

    async fn step_version(&self, label: &str, step: Step, change: &Change) -> StoreResult<VersionStatus> {
        let mut writing = begin_write(&self.pool).await?;
        let stepped = step_version(&mut writing, label, step, change).await;
        finish(writing, stepped).await
    }

    async fn approve(
        &self,
        label: &str,
        checked: &Strategy,
        decision: &Decision,
        change: &Change,
    ) -> StoreResult<Vec<String>> {
        let mut writing = begin_write(&self.pool).await?;
        let approved = approve(&mut writing, label, checked, decision, change).await;
        finish(writing, approved).await
    }

    async fn version_records(&self) -> StoreResult<Vec<VersionRecord>> {
        let mut tx = begin_read(&self.pool).await?;
        let rows: Vec<RecordRow> = sqlx::query_as(
            "SELECT v.label, v.status, v.approved_on, COALESCE(t.body, ''), v.minutes_ref, v.lint_override_reason \
             FROM strategy_versions v LEFT JOIN texts t ON t.version_id = v.id AND t.owner_kind = 'strategy' \
             AND t.owner_key = '' AND t.field = 'approved_by' AND t.lang = 'fi' \
             ORDER BY COALESCE(v.approved_on, '9999-12-31'), v.id",
        )
        .fetch_all(&mut *tx)
        .await
        .context("cannot list the versions")?;
        tx.commit().await?;
        rows.into_iter().map(record).collect()
    }
}

type RecordRow = (String, String, Option<String>, String, Option<String>, Option<String>);

fn record(row: RecordRow) -> StoreResult<VersionRecord> {
    let (label, status, approved_on, approved_by, minutes_ref, lint_override_reason) = row;
    let status = VersionStatus::parse(&status)
        .ok_or_else(|| StoreError::Other(anyhow::anyhow!("version {label}: unknown status {status:?}")))?;
    let approved_on = approved_on
        .map(|day| {
            day.parse()
                .with_context(|| format!("version {label}: approved on {day}"))
        })
        .transpose()?;
    Ok(VersionRecord {
        label,
        status,
        approved_on,
        approved_by,
        minutes_ref,
        lint_override_reason,
    })
}

/// A stored version as the workflow needs it: its id, city and status.
pub(super) struct Located {
    pub(super) id: i64,
    pub(super) city_slug: String,
    pub(super) status: VersionStatus,
}

/// The version labelled `label`; not found when there is none.
pub(super) async fn locate(tx: &mut Tx<'_>, label: &str) -> StoreResult<Located> {
    let row: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT v.id, c.slug, v.status FROM strategy_versions v JOIN cities c ON c.id = v.city_id \
         WHERE v.label = $1 ORDER BY v.id DESC LIMIT 1",
    )
    .bind(label)
    .fetch_optional(&mut **tx)
    .await
    .context("cannot read the version")?;
    let (id, city_slug, status) =
        row.ok_or_else(|| StoreError::not_found(format!("the database holds no strategy version {label:?}")))?;
    let status = VersionStatus::parse(&status)
        .ok_or_else(|| StoreError::Other(anyhow::anyhow!("version {label}: unknown status {status:?}")))?;
    Ok(Located { id, city_slug, status })
}

/// Logs one workflow change of version `label` with its status before and after.
async fn log(
    tx: &mut Tx<'_>,
    change: &Change,
    city_slug: &str,
    label: &str,
    (action, summary): (&'static str, String),
    (before, after): (Option<serde_json::Value>, serde_json::Value),
) -> anyhow::Result<()> {
    let row = ChangeLogRow {
        at: instant(chrono::Utc::now()),
        actor: change.actor.clone(),
        reason: change.reason.clone(),
        city_slug: city_slug.to_owned(),
        version_label: label.to_owned(),
        summary,
    };
    let detail = AuditDetail {
        action,
        subject: format!("version:{label}"),
        before: before.map(|b| b.to_string()),
        after: Some(after.to_string()),
    };
    log_audited(tx, &row, &detail).await
}

async fn new_draft(writing: &mut Writing, from: &str, label: &str, change: &Change) -> StoreResult<()> {
    let tx = &mut writing.tx;
    let mut rows = versions::read_labelled(tx, from, Audience::Staff)
        .await?
        .ok_or_else(|| StoreError::not_found(format!("the database holds no strategy version {from:?}")))?;
    let city_slug = rows.version.city_slug.clone();
    let city = city_id(tx, &city_slug).await?;
    let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM strategy_versions WHERE city_id = $1 AND label = $2")
        .bind(city)
        .bind(label)
        .fetch_optional(&mut **tx)
        .await
        .context("cannot look for an existing version")?;
    if taken.is_some() {
        return Err(StoreError::conflict(format!(
            "the database already holds a strategy version {label:?}; choose another label"
        )));
    }
    rows.version.label = label.to_owned();
    rows.version.status = VersionStatus::Draft.as_str().to_owned();
    rows.version.approved_on = None;
    rows.version.minutes_ref = None;
    rows.version.lint_override_reason = None;
    // The lineage says how the copied version came from the one before it; the new draft starts its own.
    rows.lineage.clear();
    versions::write_rows(tx, city, &rows, &instant(chrono::Utc::now())).await?;
    let summary = format!("new draft {label} copied from version {from}");
    let after = json!({ "status": "draft", "from": from });
    log(
        tx,
        change,
        &city_slug,
        label,
        ("version.create", summary),
        (None, after),
    )
    .await?;
    writing.record(&city_slug, FeedEntry::Internal);
    Ok(())
}

async fn step_version(writing: &mut Writing, label: &str, step: Step, change: &Change) -> StoreResult<VersionStatus> {
    if step == Step::Approve {
        return Err(StoreError::constraint(
            "approving a version needs a decision (body, date, minutes)",
        ));
    }
    let tx = &mut writing.tx;
    let version = locate(tx, label).await?;
    let to = step
        .apply(version.status)
        .map_err(|illegal| StoreError::conflict(format!("version {label}: {illegal}")))?;
    set_status(tx, version.id, to).await?;
    let summary = format!("version {label}: {} → {}", version.status.as_str(), to.as_str());
    let states = (
        Some(json!({ "status": version.status.as_str() })),
        json!({ "status": to.as_str() }),
    );
    log(
        tx,
        change,
        &version.city_slug,
        label,
        ("version.status", summary),
        states,
    )
    .await?;
    writing.record(&version.city_slug, FeedEntry::Internal);
    Ok(to)
}

async fn set_status(tx: &mut Tx<'_>, id: i64, status: VersionStatus) -> anyhow::Result<()> {
    exec(
        tx,
        sqlx::query("UPDATE strategy_versions SET status = $2 WHERE id = $1")
            .bind(id)
            .bind(status.as_str()),
    )
    .await
}

async fn approve(
    writing: &mut Writing,
    label: &str,
    checked: &Strategy,
    decision: &Decision,
    change: &Change,
) -> StoreResult<Vec<String>> {
    let tx = &mut writing.tx;
    let version = locate(tx, label).await?;
    Step::Approve
        .apply(version.status)
        .map_err(|illegal| StoreError::conflict(format!("version {label}: {illegal}")))?;
    let current = versions::read_labelled(tx, label, Audience::Staff).await?;
    if current.map(|rows| rows.into_strategy()).transpose()?.as_ref() != Some(checked) {
        return Err(StoreError::conflict(format!(
            "version {label} changed while it was being checked; approve it again"
        )));
    }
    let superseded: Vec<String> = sqlx::query_scalar(
        "UPDATE strategy_versions SET status = 'superseded' WHERE status = 'approved' \
         AND city_id = (SELECT city_id FROM strategy_versions WHERE id = $1) RETURNING label",
    )
    .bind(version.id)
    .fetch_all(&mut **tx)
    .await
    .context("cannot supersede the approved version")?;
    let update = "UPDATE strategy_versions SET status = 'approved', approved_on = $2, minutes_ref = $3, \
                  lint_override_reason = $4 WHERE id = $1";
    let query = sqlx::query(update)
        .bind(version.id)
        .bind(decision.date.to_string())
        .bind(&decision.minutes)
        .bind(&decision.lint_override);
    exec(tx, query).await?;
    write_decision_body(tx, version.id, decision).await?;
    let summary = match superseded.as_slice() {
        [] => format!("version {label} approved"),
        labels => format!("version {label} approved; {} superseded", labels.join(", ")),
    };
    let before = json!({ "status": version.status.as_str(), "superseded": superseded });
    let after = json!({
        "status": "approved",
        "approved_on": decision.date.to_string(),
        "approved_by": decision.body.fi,
        "minutes_ref": decision.minutes,
        "lint_override_reason": decision.lint_override,
    });
    log(
        tx,
        change,
        &version.city_slug,
        label,
        ("version.approve", summary),
        (Some(before), after),
    )
    .await?;
    writing.record(&version.city_slug, FeedEntry::Replace);
    Ok(superseded)
}

/// Replaces the version's `approved_by` text, in every language, with the decision body.
async fn write_decision_body(tx: &mut Tx<'_>, version_id: i64, decision: &Decision) -> anyhow::Result<()> {
    exec(
        tx,
        sqlx::query(
            "DELETE FROM texts WHERE version_id = $1 AND owner_kind = 'strategy' AND owner_key = '' \
             AND field = 'approved_by'",
        )
        .bind(version_id),
    )
    .await?;
    let mut texts: Vec<TextRow> = Vec::new();
    push_text(&mut texts, "strategy", "", "approved_by", &decision.body);
    for t in &texts {
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
