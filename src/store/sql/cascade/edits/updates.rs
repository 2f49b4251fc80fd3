//! Status updates of actions: posting one appends a row to `action_updates` and replaces the action's current
//! progress with what the update says, after checking (in the write's turn) that nobody posted or corrected
//! anything since the author read the log; the audit log keeps the progress before and the update after.

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};

use super::super::super::{begin_read, instant};
use super::{change_log_row, city_or_not_found, log_audited, read_progress, write_progress, Tx};
use crate::domain::cascade::ActionState;
use crate::domain::change::Change;
use crate::domain::edit::{ActionUpdate, Evidence, Item, NewUpdate, Revision, UpdateLog};
use crate::domain::{ActionId, LocalizedText, Translation};
use crate::store::audit::AuditDetail;
use crate::store::cascade_rows::iso_date;
use crate::store::export::UpdateRow;
use crate::store::feed::FeedEntry;
use crate::store::updates::{ActionUpdates, Posted};
use crate::store::{StoreError, StoreResult};

#[async_trait::async_trait]
impl ActionUpdates for super::super::super::Backend {
    async fn update_log(&self, city_slug: &str, action: ActionId) -> StoreResult<UpdateLog> {
        let mut tx = begin_read(&self.pool).await?;
        let city = self.cities.find(&mut *tx, city_slug).await?;
        let log = read_log(&mut tx, city, action).await;
        tx.rollback().await.context("cannot end the transaction")?;
        log
    }

    async fn post_update(
        &self,
        city_slug: &str,
        update: &NewUpdate,
        author: i64,
        expected: &Revision,
        change: &Change,
    ) -> StoreResult<Posted> {
        let mut writing = super::super::super::begin_write(&self.pool).await?;
        match post(&mut writing.tx, city_slug, update, author, expected, change).await {
            Ok(Posted::Saved(log)) => {
                writing.record(city_slug, FeedEntry::Outline);
                writing.commit().await?;
                Ok(Posted::Saved(log))
            }
            // Nothing was written: give the write turn back without a feed entry.
            other => {
                writing.rollback().await?;
                other
            }
        }
    }
}

async fn post(
    tx: &mut Tx<'static>,
    city_slug: &str,
    update: &NewUpdate,
    author: i64,
    expected: &Revision,
    change: &Change,
) -> StoreResult<Posted> {
    let city = city_or_not_found(tx, city_slug).await?;
    let before = read_log(tx, city, update.action).await?;
    if before.repeats(update) {
        return Ok(Posted::Unchanged(before));
    }
    if &before.revision() != expected {
        return Ok(Posted::Stale(before));
    }
    let text = |lang: fn(&LocalizedText) -> Option<&str>| update.narrative.as_ref().and_then(lang);
    let evidence = serde_json::to_string(&update.evidence).context("cannot write the evidence as JSON")?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO action_updates (city_id, action_id, state, percent, as_of, narrative_fi, narrative_sv, \
         narrative_en, evidence, author_id, actor, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(city)
    .bind(i64::from(update.action.get()))
    .bind(update.state.as_str())
    .bind(update.percent.map(i64::from))
    .bind(iso_date(update.as_of))
    .bind(text(|t| Some(t.fi.as_str())))
    .bind(text(|t| t.sv.as_ref().map(|s| s.text.as_str())))
    .bind(text(|t| t.en.as_ref().map(|s| s.text.as_str())))
    .bind(evidence)
    .bind(author)
    .bind(&change.actor)
    .bind(instant(Utc::now()))
    .fetch_one(&mut **tx)
    .await
    .context("cannot append the update")?;
    let progress = update.progress();
    write_progress(tx, city, update.action, Some(&progress)).await?;
    let subject = format!("action:{}", update.action);
    let mut after = update.to_json();
    after["id"] = id.into();
    let detail = AuditDetail {
        action: "action.update",
        subject: subject.clone(),
        before: Some(Item::Progress(before.current).to_json().to_string()),
        after: Some(after.to_string()),
    };
    let summary = format!("action.update of {subject}");
    log_audited(tx, &change_log_row(change, city_slug, summary), &detail).await?;
    Ok(Posted::Saved(read_log(tx, city, update.action).await?))
}

type StoredRow = (
    i64,
    String,
    Option<i64>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    String,
);

async fn read_log(tx: &mut Tx<'_>, city: i64, action: ActionId) -> StoreResult<UpdateLog> {
    let current = read_progress(&mut **tx, city, action).await?;
    let rows: Vec<StoredRow> = sqlx::query_as(
        "SELECT u.id, u.state, u.percent, u.as_of, u.narrative_fi, u.narrative_sv, u.narrative_en, u.evidence, \
         a.display_name, u.created_at \
         FROM action_updates u LEFT JOIN accounts a ON a.id = u.author_id \
         WHERE u.city_id = $1 AND u.action_id = $2 ORDER BY u.id DESC",
    )
    .bind(city)
    .bind(i64::from(action.get()))
    .fetch_all(&mut **tx)
    .await
    .context("cannot read the action's updates")?;
    let updates = rows
        .into_iter()
        .map(|row| update_of(action, row))
        .collect::<Result<_, _>>()?;
    Ok(UpdateLog { current, updates })
}

fn update_of(action: ActionId, row: StoredRow) -> StoreResult<ActionUpdate> {
    let (id, state, percent, as_of, fi, sv, en, evidence, author, created_at) = row;
    let broken = |what: &str| StoreError::Other(anyhow::anyhow!("update {id} of action {action} has {what}"));
    // Every translation was written by a person of the city, so it counts as reviewed.
    let translation = |text: Option<String>| text.map(|text| Translation { text, reviewed: true });
    let narrative = fi.map(|fi| LocalizedText {
        fi,
        sv: translation(sv),
        en: translation(en),
    });
    Ok(ActionUpdate {
        id,
        content: NewUpdate {
            action,
            state: ActionState::parse(&state).ok_or_else(|| broken("an unknown state"))?,
            percent: percent
                .map(u8::try_from)
                .transpose()
                .map_err(|_| broken("a percent out of range"))?,
            as_of: NaiveDate::parse_from_str(&as_of, "%Y-%m-%d").map_err(|_| broken("a malformed date"))?,
            narrative,
            evidence: serde_json::from_str::<Vec<Evidence>>(&evidence).map_err(|_| broken("malformed evidence"))?,
        },
        author,
        created_at: DateTime::parse_from_rfc3339(&created_at)
            .map_err(|_| broken("a malformed creation time"))?
            .with_timezone(&Utc),
    })
}

/// A city's status updates, oldest first, for the export.
pub(crate) async fn read_update_rows(tx: &mut Tx<'_>, city: i64) -> anyhow::Result<Vec<UpdateRow>> {
    sqlx::query_as(
        "SELECT action_id, state, percent, as_of, narrative_fi, narrative_sv, narrative_en, evidence, actor, \
         created_at FROM action_updates WHERE city_id = $1 ORDER BY id",
    )
    .bind(city)
    .fetch_all(&mut **tx)
    .await
    .context("cannot read the status updates")
}

/// Inserts an export's status updates in their order, which the new ids keep.
pub(crate) async fn write_update_rows(tx: &mut Tx<'_>, city: i64, rows: &[UpdateRow]) -> anyhow::Result<()> {
    for row in rows {
        sqlx::query(
            "INSERT INTO action_updates (city_id, action_id, state, percent, as_of, narrative_fi, narrative_sv, \
             narrative_en, evidence, author_id, actor, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10, $11)",
        )
        .bind(city)
        .bind(row.action_id)
        .bind(&row.state)
        .bind(row.percent)
        .bind(&row.as_of)
        .bind(&row.narrative_fi)
        .bind(&row.narrative_sv)
        .bind(&row.narrative_en)
        .bind(&row.evidence)
        .bind(&row.actor)
        .bind(&row.created_at)
        .execute(&mut **tx)
        .await
        .context("cannot write a status update")?;
    }
    Ok(())
}
