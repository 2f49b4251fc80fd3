//! Translation review: reads the current version's and the cascade's texts with one language's
//! translations, and writes reviewed translations with who reviewed them and when.

use std::collections::BTreeMap;
use std::sync::LazyLock;

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
use crate::store::translations::{QueuePage, Reviewed, Translations};
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
        // Keys by length first, so numeric keys come in numeric order (goal 2 before goal 10), as in the queue.
        let order = (kind.clone(), owner.len(), owner.clone(), field.clone());
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

/// A queued text folded into JSON: 0 for the strategy's texts and 1 for the cascade's, owner kind and key,
/// field, the Finnish source and the translation if there is one (then unreviewed).
type QueuedRow = (u8, String, String, String, String, Option<String>);

/// One page of a language's queue with the queue's size, in one statement and one row, with the city's id
/// (NULL for an unknown city). One statement sees one state of the database on both backends, so the page
/// needs no transaction, and finding the city and its current version inside it saves the round trips
/// that SQLite's driver makes on a thread of its own. The queue is found
/// and ordered by its keys alone (each scope's Finnish texts whose translation is missing or unreviewed), from
/// an index that holds the keys and the reviewed flag (migration 0015);
/// only the page's texts are then read whole, so sorting never moves the texts themselves. Keys are ordered
/// by length first, so numeric keys come in numeric order (goal 2 before goal 10).
static QUEUE_SQL: LazyLock<String> = LazyLock::new(|| {
    let folded = json_rows_of("scope, owner_kind, owner_key, field, source, target");
    // With no current version there are no strategy texts (version ids start at 1).
    let version = "(SELECT COALESCE((SELECT id FROM version), 0))";
    let city = "(SELECT id FROM city)";
    let queued = |scope: u8, table: &str, column: &str, key: &str| {
        format!(
            "SELECT {scope} AS scope, f.owner_kind, f.owner_key, f.field \
             FROM {table} f LEFT JOIN {table} t ON t.{column} = f.{column} AND t.owner_kind = f.owner_kind \
             AND t.owner_key = f.owner_key AND t.field = f.field AND t.lang = $2 \
             WHERE f.{column} = {key} AND f.lang = 'fi' AND (t.reviewed IS NULL OR NOT t.reviewed)"
        )
    };
    let texts = |scope: u8, table: &str, column: &str, key: &str| {
        let same = |alias: &str, lang: &str| {
            format!(
                "{alias}.{column} = {key} AND {alias}.owner_kind = p.owner_kind AND {alias}.owner_key = p.owner_key \
                 AND {alias}.field = p.field AND {alias}.lang = {lang}"
            )
        };
        format!(
            "SELECT p.scope, p.owner_kind, p.owner_key, p.field, f.body AS source, t.body AS target FROM page p \
             JOIN {table} f ON p.scope = {scope} AND {} LEFT JOIN {table} t ON {}",
            same("f", "'fi'"),
            same("t", "$2"),
        )
    };
    format!(
        "WITH city AS (SELECT id FROM cities WHERE slug = $1), \
         version AS (SELECT id FROM strategy_versions WHERE city_id = {city} AND status = 'approved' \
         ORDER BY approved_on DESC, id DESC LIMIT 1), \
         queue AS ({} UNION ALL {}), \
         page AS (SELECT scope, owner_kind, owner_key, field FROM queue \
         ORDER BY scope, owner_kind, length(owner_key), owner_key, field LIMIT $3 OFFSET $4) \
         SELECT {city}, (SELECT {folded} FROM ({} UNION ALL {}) AS page_texts), (SELECT COUNT(*) FROM queue)",
        queued(0, "texts", "version_id", version),
        queued(1, "cascade_texts", "city_id", city),
        texts(0, "texts", "version_id", version),
        texts(1, "cascade_texts", "city_id", city),
    )
});

/// The page, or `None` for an unknown city.
async fn read_queue(
    pool: &sqlx::Pool<super::Db>,
    city_slug: &str,
    lang: Lang,
    offset: usize,
    limit: usize,
) -> anyhow::Result<Option<QueuePage>> {
    let (city, folded, total): (Option<i64>, Option<String>, Option<i64>) = sqlx::query_as(QUEUE_SQL.as_str())
        .bind(city_slug)
        .bind(lang.code())
        .bind(i64::try_from(limit).context("page too long")?)
        .bind(i64::try_from(offset).context("page too far")?)
        .fetch_one(pool)
        .await
        .context("cannot read the translation queue")?;
    if city.is_none() {
        return Ok(None);
    }
    let mut rows: Vec<QueuedRow> = json_rows(folded.as_deref())?;
    // The page's rows in the statement's order, which an aggregate need not keep.
    rows.sort_by(|a, b| (a.0, &a.1, a.2.len(), &a.2, &a.3).cmp(&(b.0, &b.1, b.2.len(), &b.2, &b.3)));
    let texts = rows
        .into_iter()
        .map(|(scope, owner_kind, owner_key, field, source, target)| Translatable {
            id: TextId {
                scope: if scope == 0 {
                    TextScope::Strategy
                } else {
                    TextScope::Cascade
                },
                owner_kind,
                owner_key,
                field,
            },
            source,
            target: target.map(|text| Translation { text, reviewed: false }),
            reviewed_by: None,
            reviewed_at: None,
        })
        .collect();
    Ok(Some(QueuePage {
        total: usize::try_from(total.unwrap_or(0)).context("a negative count")?,
        texts,
    }))
}

#[async_trait::async_trait]
impl Translations for Backend {
    async fn translation_queue(
        &self,
        city_slug: &str,
        lang: Lang,
        offset: usize,
        limit: usize,
    ) -> StoreResult<QueuePage> {
        read_queue(&self.pool, city_slug, lang, offset, limit)
            .await?
            .ok_or_else(|| StoreError::not_found(format!("the database holds no city {city_slug:?}")))
    }

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
