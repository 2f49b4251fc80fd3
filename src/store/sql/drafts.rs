//! A draft version's texts, one item at a time: reading an item's text rows, and replacing them after checking,
//! inside the write transaction, that the version is still a draft and the item still has the revision the
//! editor saw.

use anyhow::Context as _;

use super::workflow::locate;
use super::{begin_read, begin_write, exec, instant, log_audited, Backend, Tx, Writing};
use crate::domain::change::Change;
use crate::domain::draft::{ItemKey, ItemTexts, StoredText};
use crate::domain::{Lang, VersionStatus};
use crate::store::audit::AuditDetail;
use crate::store::export::ChangeLogRow;
use crate::store::feed::FeedEntry;
use crate::store::{DraftSaved, DraftTexts, StoreError, StoreResult};

/// The item's text rows in version `version`, as the item; not found when it has none.
async fn read_item(tx: &mut Tx<'_>, version: i64, key: &ItemKey) -> StoreResult<ItemTexts> {
    let rows: Vec<(String, String, String, bool)> = sqlx::query_as(
        "SELECT field, lang, body, reviewed FROM texts WHERE version_id = $1 AND owner_kind = $2 \
         AND owner_key = $3",
    )
    .bind(version)
    .bind(key.kind.as_str())
    .bind(&key.key)
    .fetch_all(&mut **tx)
    .await
    .context("cannot read the item's texts")?;
    let stored = rows
        .into_iter()
        .map(|(field, lang, body, reviewed)| {
            let lang = lang.parse::<Lang>()?;
            Ok(StoredText {
                field,
                lang,
                body,
                reviewed,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let item = ItemTexts::from_rows(key.clone(), &stored);
    if item.fields.is_empty() {
        return Err(StoreError::not_found(format!(
            "the version has no texts of {} {:?}",
            key.kind.as_str(),
            key.key
        )));
    }
    Ok(item)
}

#[async_trait::async_trait]
impl DraftTexts for Backend {
    async fn draft_item(&self, label: &str, key: &ItemKey) -> StoreResult<(VersionStatus, ItemTexts)> {
        let mut tx = begin_read(&self.pool).await?;
        let read = async {
            let version = locate(&mut tx, label).await?;
            Ok((version.status, read_item(&mut tx, version.id, key).await?))
        }
        .await;
        tx.rollback().await.context("cannot end the transaction")?;
        read
    }

    async fn save_draft_item(
        &self,
        label: &str,
        after: &ItemTexts,
        expected: &str,
        change: &Change,
    ) -> StoreResult<DraftSaved> {
        let mut writing = begin_write(&self.pool).await?;
        match save(&mut writing, label, after, expected, change).await {
            Ok(DraftSaved::Saved(revision)) => {
                writing.commit().await?;
                Ok(DraftSaved::Saved(revision))
            }
            // Nothing was written: give the write turn back without a feed entry.
            other => {
                writing.rollback().await?;
                other
            }
        }
    }
}

async fn save(
    writing: &mut Writing,
    label: &str,
    after: &ItemTexts,
    expected: &str,
    change: &Change,
) -> StoreResult<DraftSaved> {
    let tx = &mut writing.tx;
    let version = locate(tx, label).await?;
    if version.status != VersionStatus::Draft {
        return Ok(DraftSaved::NotDraft(version.status));
    }
    let before = read_item(tx, version.id, &after.key).await?;
    if before.revision() != expected {
        return Ok(DraftSaved::Stale(before));
    }
    if before == *after {
        return Ok(DraftSaved::Unchanged);
    }
    let at = instant(chrono::Utc::now());
    write_rows(tx, version.id, (&before, after), (&change.actor, &at)).await?;
    let key = &after.key;
    let row = ChangeLogRow {
        at,
        actor: change.actor.clone(),
        reason: change.reason.clone(),
        city_slug: version.city_slug.clone(),
        version_label: label.to_owned(),
        summary: format!(
            "edited the texts of {} {} in version {label}",
            key.kind.as_str(),
            key.key
        ),
    };
    let detail = AuditDetail {
        action: "strategy.text",
        subject: key.subject(label),
        before: Some(before.to_json().to_string()),
        after: Some(after.to_json().to_string()),
    };
    log_audited(tx, &row, &detail).await?;
    // A draft is no server's snapshot (that holds the approved version): nothing to read anew.
    writing.record(&version.city_slug, FeedEntry::Internal);
    Ok(DraftSaved::Saved(after.revision()))
}

/// Writes the rows that differ between `before` and `after`: a translation reviewed anew (a changed text,
/// or a box ticked) records the actor and the time as its reviewer; one not reviewed records none.
async fn write_rows(
    tx: &mut Tx<'_>,
    version: i64,
    (before, after): (&ItemTexts, &ItemTexts),
    (actor, at): (&str, &str),
) -> anyhow::Result<()> {
    let (old, new) = (before.rows(), after.rows());
    let key = &after.key;
    let same_place = |a: &StoredText, b: &StoredText| a.field == b.field && a.lang == b.lang;
    for gone in old.iter().filter(|o| !new.iter().any(|n| same_place(o, n))) {
        let delete = "DELETE FROM texts WHERE version_id = $1 AND owner_kind = $2 AND owner_key = $3 \
                      AND field = $4 AND lang = $5";
        let query = sqlx::query(delete)
            .bind(version)
            .bind(key.kind.as_str())
            .bind(&key.key)
            .bind(&gone.field)
            .bind(gone.lang.code());
        exec(tx, query).await?;
    }
    for row in &new {
        let was = old.iter().find(|o| same_place(o, row));
        if was == Some(row) {
            continue;
        }
        let reviewer = (row.lang != Lang::Fi && row.reviewed).then_some((actor, at));
        let sql = if was.is_some() {
            "UPDATE texts SET body = $6, reviewed = $7, reviewed_by = $8, reviewed_at = $9 WHERE version_id = $1 \
             AND owner_kind = $2 AND owner_key = $3 AND field = $4 AND lang = $5"
        } else {
            "INSERT INTO texts (version_id, owner_kind, owner_key, field, lang, body, reviewed, reviewed_by, \
             reviewed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        };
        let query = sqlx::query(sql)
            .bind(version)
            .bind(key.kind.as_str())
            .bind(&key.key)
            .bind(&row.field)
            .bind(row.lang.code())
            .bind(&row.body)
            .bind(row.reviewed)
            .bind(reviewer.map(|(by, _)| by))
            .bind(reviewer.map(|(_, when)| when));
        exec(tx, query).await?;
    }
    Ok(())
}
