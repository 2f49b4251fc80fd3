//! Edits of one item: each reads only that item's rows, checks the editor's revision after taking the write
//! turn (so two editors of one item cannot both pass the check), replaces the rows and logs the item before
//! and after, all in one transaction.

use std::sync::LazyLock;

use anyhow::Context as _;
use chrono::NaiveDate;

mod definition;
mod target;
mod updates;

pub(crate) use updates::{read_update_rows, write_update_rows};

use super::super::{json_rows, json_rows_of, Db};
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
        // Each item is read by one statement: no transaction to begin and end (see `folded_text`).
        let city = self.cities.find(&self.pool, city_slug).await?;
        read_item(&self.pool, city, item).await
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
    let before = read_item(&mut **tx, city, edit.item).await?;
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

/// An item as one statement sees it: `executor` is a write's transaction, or the pool for a form.
async fn read_item<'e, E>(executor: E, city: i64, item: ItemRef) -> StoreResult<Item>
where
    E: sqlx::Executor<'e, Database = Db>,
{
    match item {
        ItemRef::Progress(action) => Ok(Item::Progress(read_progress(executor, city, action).await?)),
        ItemRef::Assessment(target) => Ok(Item::Assessment(read_assessment(executor, city, target).await?)),
        ItemRef::Target(id) => Ok(Item::Target(target::read_target(executor, city, id).await?)),
        ItemRef::Definition(id) => Ok(Item::Definition(Box::new(
            definition::read_definition(executor, city, id).await?,
        ))),
    }
}

/// A subquery giving one field's texts of one owner (kind and field as written, the key as the statement's
/// `$3`) folded into JSON, so an item's row and its texts are read by one statement: a form's read then needs
/// no transaction (one statement sees one state of the database on both backends) and makes one round trip.
fn folded_text(kind: &str, field: &str) -> String {
    format!(
        "(SELECT {} FROM cascade_texts WHERE city_id = $1 AND owner_kind = '{kind}' AND owner_key = $3 \
         AND field = '{field}')",
        json_rows_of("owner_kind, owner_key, field, lang, body, CASE WHEN reviewed THEN 1 ELSE 0 END")
    )
}

/// The texts of one owner folded by [`folded_text`] (or by a wider fold of the same columns).
fn unfold_texts(folded: Option<&str>) -> anyhow::Result<Texts> {
    let rows: Vec<(String, String, String, String, String, u8)> = json_rows(folded)?;
    Texts::new(
        rows.into_iter()
            .map(|(owner_kind, owner_key, field, lang, body, reviewed)| TextRow {
                owner_kind,
                owner_key,
                field,
                lang,
                body,
                reviewed: reviewed == 1,
            })
            .collect(),
    )
}

/// The one field [`folded_text`] folded, in three languages; `None` when it has no texts.
fn unfold_text(folded: Option<&str>, kind: &str, key: &str, field: &str) -> anyhow::Result<Option<LocalizedText>> {
    Ok(unfold_texts(folded)
        .context("cannot read the item's texts")?
        .take_optional(kind, key, field))
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

/// State, percent, date, example flag and the note folded into JSON.
type ProgressRow = (String, Option<i64>, String, bool, Option<String>);

static PROGRESS_SQL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT state, percent, as_of, example, {} FROM action_progress WHERE city_id = $1 AND action_id = $2",
        folded_text(PROGRESS_TEXTS, "note")
    )
});

async fn read_progress<'e, E>(executor: E, city: i64, action: ActionId) -> StoreResult<Option<ActionProgress>>
where
    E: sqlx::Executor<'e, Database = Db>,
{
    let key = action.to_string();
    let row: Option<ProgressRow> = sqlx::query_as(PROGRESS_SQL.as_str())
        .bind(city)
        .bind(i64::from(action.get()))
        .bind(&key)
        .fetch_optional(executor)
        .await?;
    let Some((state, percent, as_of, example, note)) = row else {
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
        note: unfold_text(note.as_deref(), PROGRESS_TEXTS, &key, "note")?,
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

static ASSESSMENT_SQL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT grade, {} FROM targets WHERE city_id = $1 AND id = $2",
        folded_text(TARGET_TEXTS, "justification")
    )
});

async fn read_assessment<'e, E>(executor: E, city: i64, target: TargetId) -> StoreResult<Option<Assessment>>
where
    E: sqlx::Executor<'e, Database = Db>,
{
    let key = target.to_string();
    let row: Option<(Option<String>, Option<String>)> = sqlx::query_as(ASSESSMENT_SQL.as_str())
        .bind(city)
        .bind(i64::from(target.get()))
        .bind(&key)
        .fetch_optional(executor)
        .await?;
    let Some((grade, justification)) = row else {
        return Err(StoreError::not_found(format!("there is no target {target}")));
    };
    let Some(grade) = grade else {
        return Ok(None);
    };
    let grade = Grade::parse(&grade)
        .ok_or_else(|| StoreError::Other(anyhow::anyhow!("target {target} has an unknown grade {grade:?}")))?;
    let justification = unfold_text(justification.as_deref(), TARGET_TEXTS, &key, "justification")?
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
