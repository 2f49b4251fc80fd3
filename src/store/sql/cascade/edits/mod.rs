//! Edits of one item: each reads only that item's rows, checks the editor's revision after taking the write
//! turn (so two editors of one item cannot both pass the check), replaces the rows and logs the item before
//! and after, all in one transaction.

use anyhow::Context as _;
use chrono::NaiveDate;

mod definition;
mod target;
mod updates;

pub(crate) use updates::{read_update_rows, write_update_rows};

use super::{change_log_row, city_or_not_found, exec, log_audited, write_texts, Tx};
use crate::domain::cascade::{ActionProgress, ActionState, Assessment, Cascade, Grade};
use crate::domain::change::Change;
use crate::domain::edit::{Edit, Item, ItemRef, Revision, TargetItem, YearStep};
use crate::domain::{ActionId, LocalizedText, TargetId};
use crate::store::audit::AuditDetail;
use crate::store::cascade_rows::iso_date;
use crate::store::edits::{Applied, ContentEdits, YearApprovalRecord};
use crate::store::feed::FeedEntry;
use crate::store::rows::{push_text, TextRow, Texts};
use crate::store::{StoreError, StoreResult};

const PROGRESS_TEXTS: &str = "action_progress";
const TARGET_TEXTS: &str = "target";

#[async_trait::async_trait]
impl ContentEdits for super::super::Backend {
    async fn item(&self, city_slug: &str, item: ItemRef) -> StoreResult<Item> {
        let mut tx = super::begin_read(&self.pool).await?;
        let city = self.cities.find(&mut tx, city_slug).await?;
        let found = read_item(&mut tx, city, item).await;
        tx.rollback().await.context("cannot end the transaction")?;
        found
    }

    async fn apply_edit(
        &self,
        city_slug: &str,
        edit: &Edit,
        expected: &Revision,
        change: &Change,
    ) -> StoreResult<Applied> {
        let mut writing = super::super::begin_write(&self.pool).await?;
        let applied = apply(&mut writing.tx, city_slug, edit, expected, change).await;
        match applied {
            Ok(Applied::Saved(revision)) => {
                writing.record(city_slug, FeedEntry::Outline);
                writing.commit().await?;
                Ok(Applied::Saved(revision))
            }
            // Nothing was written: give the write turn back without a feed entry, so no server does any work.
            other => {
                writing.rollback().await?;
                other
            }
        }
    }

    async fn create_target(&self, city_slug: &str, item: &TargetItem, change: &Change) -> StoreResult<TargetId> {
        let mut writing = super::super::begin_write(&self.pool).await?;
        match target::create_target(&mut writing, city_slug, item, change).await {
            Ok(id) => {
                writing.commit().await?;
                Ok(id)
            }
            Err(error) => {
                writing.rollback().await?;
                Err(error)
            }
        }
    }

    async fn move_targets(&self, city_slug: &str, year: i32, step: YearStep, change: &Change) -> StoreResult<usize> {
        let mut writing = super::super::begin_write(&self.pool).await?;
        let moved = target::move_targets(&mut writing, city_slug, year, step, None, change).await;
        finish_move(writing, moved).await
    }

    async fn approve_targets(
        &self,
        city_slug: &str,
        year: i32,
        checked: &Cascade,
        approval: &YearApprovalRecord,
        change: &Change,
    ) -> StoreResult<usize> {
        let mut writing = super::super::begin_write(&self.pool).await?;
        let moved = match unchanged_since_lint(&mut writing.tx, city_slug, year, checked).await {
            Ok(()) => {
                target::move_targets(&mut writing, city_slug, year, YearStep::Approve, Some(approval), change).await
            }
            Err(error) => Err(error),
        };
        finish_move(writing, moved).await
    }
}

/// Whether the city's cascade outline is still `checked`, as this write transaction sees it.
async fn unchanged_since_lint(tx: &mut Tx<'static>, city_slug: &str, year: i32, checked: &Cascade) -> StoreResult<()> {
    let city = city_or_not_found(tx, city_slug).await?;
    let now = super::read_outline_rows(tx, city).await?.into_cascade()?;
    if &now == checked {
        Ok(())
    } else {
        Err(StoreError::conflict(format!(
            "the targets of {year} or their indicators changed while they were being checked; approve them again"
        )))
    }
}

/// Commits a move of a year's targets that moved some; gives the write turn back otherwise.
async fn finish_move(writing: super::super::Writing, moved: StoreResult<usize>) -> StoreResult<usize> {
    match moved {
        Ok(moved) if moved > 0 => {
            writing.commit().await?;
            Ok(moved)
        }
        other => {
            writing.rollback().await?;
            other
        }
    }
}

async fn apply(
    tx: &mut Tx<'static>,
    city_slug: &str,
    edit: &Edit,
    expected: &Revision,
    change: &Change,
) -> StoreResult<Applied> {
    let city = city_or_not_found(tx, city_slug).await?;
    let before = read_item(tx, city, edit.item).await?;
    // Two people who save the same thing do not conflict: the second one's edit is already there.
    if before == edit.after {
        return Ok(Applied::Unchanged(before.revision()));
    }
    if &before.revision() != expected {
        return Ok(Applied::Stale(before));
    }
    match (&edit.item, &edit.after) {
        (ItemRef::Progress(action), Item::Progress(progress)) => {
            write_progress(tx, city, *action, progress.as_ref()).await?
        }
        (ItemRef::Assessment(target), Item::Assessment(assessment)) => {
            write_assessment(tx, city, *target, assessment.as_ref()).await?
        }
        (ItemRef::Target(id), Item::Target(after)) => target::write_target(tx, city, *id, &before, after).await?,
        (ItemRef::Definition(id), Item::Definition(after)) => {
            definition::write_definition(tx, city, *id, after).await?
        }
        _ => return Err(StoreError::constraint("the edit's new state is not of its item's kind")),
    }
    let summary = format!("{} of {}", edit.item.operation(), edit.item.subject());
    let detail = AuditDetail {
        action: edit.item.operation(),
        subject: edit.item.subject(),
        before: Some(before.to_json().to_string()),
        after: Some(edit.after.to_json().to_string()),
    };
    log_audited(tx, &change_log_row(change, city_slug, summary), &detail).await?;
    Ok(Applied::Saved(edit.after.revision()))
}

async fn read_item(tx: &mut Tx<'_>, city: i64, item: ItemRef) -> StoreResult<Item> {
    match item {
        ItemRef::Progress(action) => Ok(Item::Progress(read_progress(tx, city, action).await?)),
        ItemRef::Assessment(target) => Ok(Item::Assessment(read_assessment(tx, city, target).await?)),
        ItemRef::Target(id) => Ok(Item::Target(target::read_target(tx, city, id).await?)),
        ItemRef::Definition(id) => Ok(Item::Definition(Box::new(
            definition::read_definition(tx, city, id).await?,
        ))),
    }
}

/// One field's texts of one owner, in three languages.
async fn read_text(
    tx: &mut Tx<'_>,
    city: i64,
    kind: &str,
    key: &str,
    field: &str,
) -> anyhow::Result<Option<LocalizedText>> {
    let rows: Vec<TextRow> = sqlx::query_as(
        "SELECT owner_kind, owner_key, field, lang, body, reviewed FROM cascade_texts \
         WHERE city_id = $1 AND owner_kind = $2 AND owner_key = $3 AND field = $4",
    )
    .bind(city)
    .bind(kind)
    .bind(key)
    .bind(field)
    .fetch_all(&mut **tx)
    .await
    .context("cannot read the item's texts")?;
    Ok(Texts::new(rows)?.take_optional(kind, key, field))
}

async fn replace_text(
    tx: &mut Tx<'_>,
    city: i64,
    (kind, key, field): (&str, &str, &str),
    text: Option<&LocalizedText>,
) -> anyhow::Result<()> {
    exec(
        tx,
        sqlx::query(
            "DELETE FROM cascade_texts WHERE city_id = $1 AND owner_kind = $2 AND owner_key = $3 AND field = $4",
        )
        .bind(city)
        .bind(kind.to_owned())
        .bind(key.to_owned())
        .bind(field.to_owned()),
    )
    .await?;
    if let Some(text) = text {
        let mut rows = Vec::new();
        push_text(&mut rows, kind, key, field, text);
        write_texts(tx, city, &rows).await?;
    }
    Ok(())
}

async fn read_progress(tx: &mut Tx<'_>, city: i64, action: ActionId) -> StoreResult<Option<ActionProgress>> {
    let row: Option<(String, Option<i64>, String, bool)> = sqlx::query_as(
        "SELECT state, percent, as_of, example FROM action_progress WHERE city_id = $1 AND action_id = $2",
    )
    .bind(city)
    .bind(i64::from(action.get()))
    .fetch_optional(&mut **tx)
    .await?;
    let Some((state, percent, as_of, example)) = row else {
        return Ok(None);
    };
    let broken = |what: &str| StoreError::Other(anyhow::anyhow!("the stored progress of action {action} has {what}"));
    Ok(Some(ActionProgress {
        action,
        state: ActionState::parse(&state).ok_or_else(|| broken("an unknown state"))?,
        percent: percent
            .map(u8::try_from)
            .transpose()
            .map_err(|_| broken("a percent out of range"))?,
        as_of: NaiveDate::parse_from_str(&as_of, "%Y-%m-%d").map_err(|_| broken("a malformed date"))?,
        note: read_text(tx, city, PROGRESS_TEXTS, &action.to_string(), "note").await?,
        example,
    }))
}

async fn write_progress(
    tx: &mut Tx<'_>,
    city: i64,
    action: ActionId,
    progress: Option<&ActionProgress>,
) -> StoreResult<()> {
    let id = i64::from(action.get());
    exec(
        tx,
        sqlx::query("DELETE FROM action_progress WHERE city_id = $1 AND action_id = $2")
            .bind(city)
            .bind(id),
    )
    .await?;
    if let Some(p) = progress {
        exec(
            tx,
            sqlx::query(
                "INSERT INTO action_progress (city_id, action_id, state, percent, as_of, example) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(city)
            .bind(id)
            .bind(p.state.as_str())
            .bind(p.percent.map(i64::from))
            .bind(iso_date(p.as_of))
            .bind(p.example),
        )
        .await?;
    }
    let key = action.to_string();
    let note = progress.and_then(|p| p.note.as_ref());
    replace_text(tx, city, (PROGRESS_TEXTS, &key, "note"), note).await?;
    Ok(())
}

async fn read_assessment(tx: &mut Tx<'_>, city: i64, target: TargetId) -> StoreResult<Option<Assessment>> {
    let grade: Option<Option<String>> = sqlx::query_scalar("SELECT grade FROM targets WHERE city_id = $1 AND id = $2")
        .bind(city)
        .bind(i64::from(target.get()))
        .fetch_optional(&mut **tx)
        .await?;
    let Some(grade) = grade else {
        return Err(StoreError::not_found(format!("there is no target {target}")));
    };
    let Some(grade) = grade else {
        return Ok(None);
    };
    let grade = Grade::parse(&grade)
        .ok_or_else(|| StoreError::Other(anyhow::anyhow!("target {target} has an unknown grade {grade:?}")))?;
    let justification = read_text(tx, city, TARGET_TEXTS, &target.to_string(), "justification")
        .await?
        .ok_or_else(|| StoreError::Other(anyhow::anyhow!("target {target} has a grade but no justification")))?;
    Ok(Some(Assessment { grade, justification }))
}

async fn write_assessment(
    tx: &mut Tx<'_>,
    city: i64,
    target: TargetId,
    assessment: Option<&Assessment>,
) -> StoreResult<()> {
    exec(
        tx,
        sqlx::query("UPDATE targets SET grade = $3 WHERE city_id = $1 AND id = $2")
            .bind(city)
            .bind(i64::from(target.get()))
            .bind(assessment.map(|a| a.grade.as_str())),
    )
    .await?;
    let key = target.to_string();
    let justification = assessment.map(|a| &a.justification);
    replace_text(tx, city, (TARGET_TEXTS, &key, "justification"), justification).await?;
    Ok(())
}
