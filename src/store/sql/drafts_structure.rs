//! A draft version's structure: reading the draft with what surrounds it in its city (the keys ever used, the
//! goals and actions the cascade refers to), and replacing it with a changed copy after checking, inside the
//! write transaction, that the version is still a draft and still has the revision the editor saw.
//!
//! The items and their places are few rows, so they are rewritten whole; texts are rewritten only where they
//! differ, so an unchanged translation keeps who reviewed it and when.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Context as _;

use super::workflow::locate;
use super::{begin_read, begin_write, exec, instant, log_audited, versions, Backend, Tx, Writing};
use crate::domain::change::Change;
use crate::domain::draft::structure::{revision, Surroundings};
use crate::domain::draft::{ItemKey, OwnerKind};
use crate::domain::Strategy;
use crate::store::audit::AuditDetail;
use crate::store::export::ChangeLogRow;
use crate::store::feed::FeedEntry;
use crate::store::rows::{StrategyRows, TextRow};
use crate::store::{Audience, DraftStructure, StoreError, StoreResult, StructureNote, StructureSaved};

/// The version labelled `label` as rows, with its id; not found when there is none.
async fn read_version(tx: &mut Tx<'_>, label: &str) -> StoreResult<StrategyRows> {
    versions::read_labelled(tx, label, Audience::Staff)
        .await?
        .ok_or_else(|| StoreError::not_found(format!("the database holds no strategy version {label:?}")))
}

async fn city_of(tx: &mut Tx<'_>, slug: &str) -> StoreResult<i64> {
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM cities WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&mut **tx)
        .await
        .context("cannot read the city")?;
    id.ok_or_else(|| StoreError::not_found(format!("the database holds no city {slug:?}")))
}

/// Where each numeric kind's ids are found in a city: its items' tables, and the cascade's references.
const NUMERIC_IDS: [(OwnerKind, &str); 8] = [
    (
        OwnerKind::Area,
        "SELECT MAX(x.id) FROM areas x JOIN strategy_versions v ON v.id = x.version_id WHERE v.city_id = $1",
    ),
    (
        OwnerKind::Goal,
        "SELECT MAX(x.id) FROM goals x JOIN strategy_versions v ON v.id = x.version_id WHERE v.city_id = $1",
    ),
    (
        OwnerKind::Goal,
        "SELECT MAX(goal_id) FROM target_goals WHERE city_id = $1",
    ),
    (
        OwnerKind::Goal,
        "SELECT MAX(goal_id) FROM indicator_goals WHERE city_id = $1",
    ),
    (
        OwnerKind::Action,
        "SELECT MAX(x.id) FROM actions x JOIN strategy_versions v ON v.id = x.version_id WHERE v.city_id = $1",
    ),
    (
        OwnerKind::Action,
        "SELECT MAX(action_id) FROM action_progress WHERE city_id = $1",
    ),
    (
        OwnerKind::Action,
        "SELECT MAX(action_id) FROM action_updates WHERE city_id = $1",
    ),
    (
        OwnerKind::Programme,
        "SELECT MAX(x.id) FROM programmes x JOIN strategy_versions v ON v.id = x.version_id WHERE v.city_id = $1",
    ),
];

/// Where each slug-keyed kind's keys are found in a city.
const SLUGS: [(OwnerKind, &str); 4] = [
    (
        OwnerKind::Value,
        "SELECT DISTINCT x.slug FROM strategy_values x JOIN strategy_versions v ON v.id = x.version_id \
         WHERE v.city_id = $1",
    ),
    (
        OwnerKind::Chapter,
        "SELECT DISTINCT x.slug FROM narrative_chapters x JOIN strategy_versions v ON v.id = x.version_id \
         WHERE v.city_id = $1",
    ),
    (
        OwnerKind::Section,
        "SELECT DISTINCT x.slug FROM narrative_sections x JOIN strategy_versions v ON v.id = x.version_id \
         WHERE v.city_id = $1",
    ),
    (
        OwnerKind::Event,
        "SELECT DISTINCT x.slug FROM timeline_events x JOIN strategy_versions v ON v.id = x.version_id \
         WHERE v.city_id = $1",
    ),
];

/// The goals and actions the cascade refers to by id.
const REFERENCES: [(OwnerKind, &str); 4] = [
    (
        OwnerKind::Goal,
        "SELECT DISTINCT goal_id FROM target_goals WHERE city_id = $1",
    ),
    (
        OwnerKind::Goal,
        "SELECT DISTINCT goal_id FROM indicator_goals WHERE city_id = $1",
    ),
    (
        OwnerKind::Action,
        "SELECT DISTINCT action_id FROM action_progress WHERE city_id = $1",
    ),
    (
        OwnerKind::Action,
        "SELECT DISTINCT action_id FROM action_updates WHERE city_id = $1",
    ),
];

/// The keys structure edits issued or removed in city `city`.
async fn spent_keys(tx: &mut Tx<'_>, city: i64) -> anyhow::Result<BTreeSet<ItemKey>> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT owner_kind, owner_key FROM item_keys_used WHERE city_id = $1")
            .bind(city)
            .fetch_all(&mut **tx)
            .await
            .context("cannot read the keys used")?;
    Ok(rows
        .into_iter()
        .filter_map(|(kind, key)| OwnerKind::parse(&kind).map(|kind| ItemKey { kind, key }))
        .collect())
}

async fn surroundings(tx: &mut Tx<'_>, city: i64) -> anyhow::Result<Surroundings> {
    let mut around = Surroundings::default();
    for (kind, sql) in NUMERIC_IDS {
        let highest: Option<i64> = sqlx::query_scalar(sql)
            .bind(city)
            .fetch_one(&mut **tx)
            .await
            .with_context(|| format!("cannot read the highest {} id", kind.as_str()))?;
        let highest = highest.and_then(|h| u32::try_from(h).ok()).unwrap_or(0);
        let entry = around.highest.entry(kind).or_default();
        *entry = (*entry).max(highest);
    }
    for (kind, sql) in SLUGS {
        let slugs: Vec<String> = sqlx::query_scalar(sql).bind(city).fetch_all(&mut **tx).await?;
        around.used.extend(slugs.into_iter().map(|key| ItemKey { kind, key }));
    }
    for (kind, sql) in REFERENCES {
        let ids: Vec<i64> = sqlx::query_scalar(sql).bind(city).fetch_all(&mut **tx).await?;
        around.referenced.extend(ids.into_iter().map(|id| ItemKey {
            kind,
            key: id.to_string(),
        }));
    }
    for key in spent_keys(tx, city).await? {
        match key.key.parse::<u32>() {
            Ok(id) if key.kind.has_numeric_id() => {
                let entry = around.highest.entry(key.kind).or_default();
                *entry = (*entry).max(id);
            }
            _ => {
                around.used.insert(key);
            }
        }
    }
    Ok(around)
}

#[async_trait::async_trait]
impl DraftStructure for Backend {
    async fn draft_structure(&self, label: &str) -> StoreResult<(Strategy, Surroundings)> {
        let mut tx = begin_read(&self.pool).await?;
        let read = async {
            let rows = read_version(&mut tx, label).await?;
            let city = city_of(&mut tx, &rows.version.city_slug).await?;
            let around = surroundings(&mut tx, city).await?;
            Ok((rows.into_strategy()?, around))
        }
        .await;
        tx.rollback().await.context("cannot end the transaction")?;
        read
    }

    async fn save_structure(
        &self,
        label: &str,
        expected: &str,
        after: &Strategy,
        note: &StructureNote,
        change: &Change,
    ) -> StoreResult<StructureSaved> {
        let mut writing = begin_write(&self.pool).await?;
        match save(&mut writing, label, expected, after, note, change).await {
            Ok(StructureSaved::Saved) => {
                writing.commit().await?;
                Ok(StructureSaved::Saved)
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
    expected: &str,
    after: &Strategy,
    note: &StructureNote,
    change: &Change,
) -> StoreResult<StructureSaved> {
    let tx = &mut writing.tx;
    let version = locate(tx, label).await?;
    if version.status != crate::domain::VersionStatus::Draft {
        return Ok(StructureSaved::NotDraft(version.status));
    }
    let stored = read_version(tx, label).await?;
    let before = stored.clone().into_strategy()?;
    if revision(&before) != expected {
        return Ok(StructureSaved::Stale);
    }
    let city = city_of(tx, &version.city_slug).await?;
    // A key issued by another draft's edit since this one was computed is taken: the editor tries again.
    let spent = spent_keys(tx, city).await?;
    let issued_meanwhile = note.spent.iter().any(|k| spent.contains(k) && !is_in(&before, k));
    if issued_meanwhile {
        return Ok(StructureSaved::Stale);
    }
    let new_rows = StrategyRows::from_strategy(after);
    replace_structure(tx, version.id, &new_rows).await?;
    replace_texts(tx, version.id, &stored.texts, &new_rows.texts).await?;
    for key in &note.spent {
        let insert = "INSERT INTO item_keys_used (city_id, owner_kind, owner_key) VALUES ($1, $2, $3) \
                      ON CONFLICT (city_id, owner_kind, owner_key) DO NOTHING";
        exec(
            tx,
            sqlx::query(insert).bind(city).bind(key.kind.as_str()).bind(&key.key),
        )
        .await?;
    }
    let row = ChangeLogRow {
        at: instant(chrono::Utc::now()),
        actor: change.actor.clone(),
        reason: change.reason.clone(),
        city_slug: version.city_slug.clone(),
        version_label: label.to_owned(),
        summary: note.summary.clone(),
    };
    let detail = AuditDetail {
        action: "strategy.structure",
        subject: note.subject.clone(),
        before: Some(note.before.to_string()),
        after: Some(note.after.to_string()),
    };
    log_audited(tx, &row, &detail).await?;
    writing.record(&version.city_slug, FeedEntry::Internal);
    Ok(StructureSaved::Saved)
}

/// Whether `key` names an item of `strategy` (the edit removed it, rather than issued it).
fn is_in(strategy: &Strategy, key: &ItemKey) -> bool {
    crate::domain::draft::items(strategy)
        .iter()
        .any(|item| item.key == *key)
}

/// The tables of a version's items and places, children before parents so no foreign key is left dangling.
const STRUCTURE_TABLES: [&str; 11] = [
    "headline_goal_links",
    "headline_goals",
    "actions",
    "goals",
    "areas",
    "programmes",
    "strategy_values",
    "narrative_sections",
    "narrative_chapters",
    "timeline_events",
    "item_lineage",
];

async fn replace_structure(tx: &mut Tx<'_>, version: i64, rows: &StrategyRows) -> anyhow::Result<()> {
    for table in STRUCTURE_TABLES {
        let delete = format!("DELETE FROM {table} WHERE version_id = $1");
        sqlx::query(&delete)
            .bind(version)
            .execute(&mut **tx)
            .await
            .with_context(|| format!("cannot clear {table}"))?;
    }
    versions::write_structure(tx, version, rows).await
}

type TextPlace = (String, String, String, String);

fn place(row: &TextRow) -> TextPlace {
    (
        row.owner_kind.clone(),
        row.owner_key.clone(),
        row.field.clone(),
        row.lang.clone(),
    )
}

/// Writes the text rows that differ between `old` and `new`: removed items' rows go, new items' come, a row
/// whose text or reviewed flag changed (a headline goal that took another's place) is updated.
async fn replace_texts(tx: &mut Tx<'_>, version: i64, old: &[TextRow], new: &[TextRow]) -> anyhow::Result<()> {
    let before: BTreeMap<TextPlace, &TextRow> = old.iter().map(|r| (place(r), r)).collect();
    let after: BTreeMap<TextPlace, &TextRow> = new.iter().map(|r| (place(r), r)).collect();
    for (kind, key, field, lang) in before.keys().filter(|p| !after.contains_key(*p)) {
        let delete = "DELETE FROM texts WHERE version_id = $1 AND owner_kind = $2 AND owner_key = $3 \
                      AND field = $4 AND lang = $5";
        exec(
            tx,
            sqlx::query(delete)
                .bind(version)
                .bind(kind)
                .bind(key)
                .bind(field)
                .bind(lang),
        )
        .await?;
    }
    let mut added = Vec::new();
    for (at, row) in &after {
        match before.get(at) {
            None => added.push((*row).clone()),
            Some(was) if (&was.body, was.reviewed) != (&row.body, row.reviewed) => {
                let update = "UPDATE texts SET body = $6, reviewed = $7, reviewed_by = NULL, reviewed_at = NULL \
                              WHERE version_id = $1 AND owner_kind = $2 AND owner_key = $3 AND field = $4 \
                              AND lang = $5";
                let query = sqlx::query(update)
                    .bind(version)
                    .bind(&row.owner_kind)
                    .bind(&row.owner_key)
                    .bind(&row.field)
                    .bind(&row.lang)
                    .bind(&row.body)
                    .bind(row.reviewed);
                exec(tx, query).await?;
            }
            Some(_) => {}
        }
    }
    versions::write_texts(tx, version, &added).await
}
