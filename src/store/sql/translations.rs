//! Translation review: reads the current version's and the cascade's texts with one language's
//! translations, and writes reviewed translations with who reviewed them and when.

use std::collections::BTreeMap;

use anyhow::Context as _;
use serde_json::json;

use super::feed::Writing;
use super::{begin_read, exec, instant, json_rows, json_rows_of, known_city, log_audited, Backend, Tx};
use crate::domain::change::Change;
use crate::domain::translation::{Review, TextId, TextScope, Translatable};
use crate::domain::{Lang, Translation};
use crate::store::audit::AuditDetail;
use crate::store::export::ChangeLogRow;
use crate::store::feed::FeedEntry;
use crate::store::translations::{Reviewed, Translations};
use crate::store::{StoreError, StoreResult};

/// A text row folded into JSON: owner kind and key, field, language, body, reviewed as 0 or 1 (the one form
/// both backends' booleans take), who reviewed it and when.
type Row = (
    String,
    String,
    String,
    String,
    String,
    u8,
    Option<String>,
    Option<String>,
);

/// The current (approved) strategy version of a city, whose texts the public site shows.
async fn current_version(tx: &mut Tx<'_>, city: i64) -> anyhow::Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM strategy_versions WHERE city_id = $1 AND status = 'approved' \
         ORDER BY approved_on DESC, id DESC LIMIT 1",
    )
    .bind(city)
    .fetch_optional(&mut **tx)
    .await?)
}

fn table(scope: TextScope) -> (&'static str, &'static str) {
    match scope {
        TextScope::Strategy => ("texts", "version_id"),
        TextScope::Cascade => ("cascade_texts", "city_id"),
    }
}

/// The Finnish rows of one table and the `lang` rows beside them, as translatables in owner order.
async fn read_scope(tx: &mut Tx<'_>, scope: TextScope, key: i64, lang: Lang) -> anyhow::Result<Vec<Translatable>> {
    let (table, column) = table(scope);
    // Folded into one JSON row: the queue reads every text of the strategy and the cascade, and SQLite's
    // driver would hop between threads once a row.
    let folded = json_rows_of(
        "owner_kind, owner_key, field, lang, body, CASE WHEN reviewed THEN 1 ELSE 0 END, reviewed_by, reviewed_at",
    );
    let sql = format!("SELECT {folded} FROM {table} WHERE {column} = $1 AND lang IN ('fi', $2)");
    let folded: Option<String> = sqlx::query_scalar(&sql)
        .bind(key)
        .bind(lang.code())
        .fetch_one(&mut **tx)
        .await
        .context("cannot read the texts")?;
    let rows: Vec<Row> = json_rows(folded.as_deref())?;
    let mut sources = BTreeMap::new();
    let mut targets = BTreeMap::new();
    for (kind, owner, field, row_lang, body, reviewed, by, at) in rows {
        // Numeric keys in numeric order, so goal 2 comes before goal 10.
        let order = (kind.clone(), owner.parse::<u64>().ok(), owner.clone(), field.clone());
        let id = TextId {
            scope,
            owner_kind: kind,
            owner_key: owner,
            field,
        };
        if row_lang == "fi" {
            sources.insert(order, (id, body));
        } else {
            targets.insert(
                order,
                (
                    Translation {
                        text: body,
                        reviewed: reviewed == 1,
                    },
                    by,
                    at,
                ),
            );
        }
    }
    Ok(sources
        .into_iter()
        .map(|(order, (id, source))| {
            let (target, reviewed_by, reviewed_at) = match targets.remove(&order) {
                Some((t, by, at)) => (Some(t), by, at),
                None => (None, None, None),
            };
            Translatable {
                id,
                source,
                target,
                reviewed_by,
                reviewed_at,
            }
        })
        .collect())
}

async fn read_all(tx: &mut Tx<'_>, city: i64, lang: Lang) -> anyhow::Result<Vec<Translatable>> {
    let mut all = match current_version(tx, city).await? {
        Some(version) => read_scope(tx, TextScope::Strategy, version, lang).await?,
        None => Vec::new(),
    };
    all.extend(read_scope(tx, TextScope::Cascade, city, lang).await?);
    Ok(all)
}

#[async_trait::async_trait]
impl Translations for Backend {
    async fn translatable(&self, city_slug: &str, lang: Lang) -> StoreResult<Vec<Translatable>> {
        let mut tx = begin_read(&self.pool).await?;
        let Some(city) = known_city(&mut tx, city_slug).await? else {
            return Err(StoreError::not_found(format!(
                "the database holds no city {city_slug:?}"
            )));
        };
        let all = read_all(&mut tx, city, lang).await;
        tx.rollback().await.context("cannot end the transaction")?;
        Ok(all?)
    }

    async fn review_translations(
        &self,
        city_slug: &str,
        lang: Lang,
        reviews: &[Review],
        change: &Change,
    ) -> StoreResult<Reviewed> {
        let mut writing = super::begin_write(&self.pool).await?;
        match write_reviews(&mut writing, city_slug, lang, reviews, change).await {
            Ok(Reviewed::Stored(written)) if written > 0 => {
                writing.commit().await?;
                Ok(Reviewed::Stored(written))
            }
            // Nothing was written: give the write turn back without a feed entry.
            other => {
                writing.rollback().await?;
                other
            }
        }
    }
}

async fn write_reviews(
    writing: &mut Writing,
    city_slug: &str,
    lang: Lang,
    reviews: &[Review],
    change: &Change,
) -> StoreResult<Reviewed> {
    let tx = &mut writing.tx;
    let Some(city) = known_city(tx, city_slug).await? else {
        return Err(StoreError::not_found(format!(
            "the database holds no city {city_slug:?}"
        )));
    };
    let version = current_version(tx, city).await?;
    // Checked against the texts as this transaction sees them, after taking the write turn: a source edited
    // since the translator read it refuses the whole batch.
    let held: BTreeMap<TextId, Translatable> = read_all(tx, city, lang)
        .await?
        .into_iter()
        .map(|t| (t.id.clone(), t))
        .collect();
    let stale: Vec<String> = reviews
        .iter()
        .filter(|r| held.get(&r.id).is_none_or(|t| t.source != r.source))
        .map(|r| r.id.to_string())
        .collect();
    if !stale.is_empty() {
        return Ok(Reviewed::Stale(stale));
    }
    let at = instant(chrono::Utc::now());
    let (mut strategy, mut cascade, mut written) = (false, false, 0);
    for review in reviews {
        let before = &held[&review.id];
        if before
            .target
            .as_ref()
            .is_some_and(|t| t.reviewed && t.text == review.text)
        {
            continue;
        }
        let (table, column) = table(review.id.scope);
        let key = match review.id.scope {
            TextScope::Strategy => {
                strategy = true;
                version.ok_or_else(|| StoreError::not_found("the city has no current strategy version"))?
            }
            TextScope::Cascade => {
                cascade = true;
                city
            }
        };
        let delete = format!(
            "DELETE FROM {table} WHERE {column} = $1 AND owner_kind = $2 AND owner_key = $3 AND field = $4 \
             AND lang = $5"
        );
        let id = &review.id;
        exec(
            tx,
            sqlx::query(&delete)
                .bind(key)
                .bind(&id.owner_kind)
                .bind(&id.owner_key)
                .bind(&id.field)
                .bind(lang.code()),
        )
        .await?;
        let insert = format!(
            "INSERT INTO {table} ({column}, owner_kind, owner_key, field, lang, body, reviewed, reviewed_by, \
             reviewed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        );
        exec(
            tx,
            sqlx::query(&insert)
                .bind(key)
                .bind(&id.owner_kind)
                .bind(&id.owner_key)
                .bind(&id.field)
                .bind(lang.code())
                .bind(&review.text)
                .bind(true)
                .bind(&change.actor)
                .bind(&at),
        )
        .await?;
        let subject = format!("text:{id}:{lang}");
        let row = ChangeLogRow {
            at: at.clone(),
            actor: change.actor.clone(),
            reason: change.reason.clone(),
            city_slug: city_slug.to_owned(),
            version_label: String::new(),
            summary: format!("reviewed the {lang} translation of {id}"),
        };
        let target_json = |t: &Translation| json!({ "text": t.text, "reviewed": t.reviewed });
        let detail = AuditDetail {
            action: "translation.review",
            subject,
            before: Some(
                before
                    .target
                    .as_ref()
                    .map_or(serde_json::Value::Null, target_json)
                    .to_string(),
            ),
            after: Some(json!({ "text": review.text, "reviewed": true }).to_string()),
        };
        log_audited(tx, &row, &detail).await?;
        written += 1;
    }
    // The strategy's texts are read whole by every server; the cascade's with its outline.
    if strategy {
        writing.record(city_slug, FeedEntry::Replace);
    }
    if cascade {
        writing.record(city_slug, FeedEntry::Outline);
    }
    Ok(Reviewed::Stored(written))
}
