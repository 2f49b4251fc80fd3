//! The SQL shared by the SQLite and PostgreSQL backends. Both accept the same statements for everything
//! Tarina does (`$n` placeholders, `RETURNING`, `ON CONFLICT`), so this folder holds them once and each backend
//! compiles it as a module of its own, with its driver as `Db`, its store as `Backend` and the few clauses that
//! differ as constants (`BEGIN_READ`, `BEGIN_WRITE`, `NOTIFY`, `SKIP_LOCKED`, `JSON_ROWS`, `EXACT_REAL`); connecting, migrating, listening and backups
//! stay in the backend's file.
//!
//! One module a capability: [`versions`] (strategy versions), [`cascade`] (organisations, indicators, values,
//! targets), [`feed`] (the change feed), [`jobs`], [`archives`], [`accounts`], [`tokens`] (API tokens) and
//! [`connectors`] (the connector runs), [`mail`] (the outbox), [`resets`] (password reset links), [`reminders`]
//! (update intervals, reminders and digests), [`workflow`] (drafts, review and approval of versions), [`drafts`]
//! (editing a draft's texts), [`drafts_structure`] (changing a draft's structure), [`surveys`] (surveys, their
//! answers and counts); the published reads and content writes
//! that combine them are in [`reads`] and [`writes`].

mod accounts;
mod archives;
mod audit;
mod cascade;
mod connectors;
mod drafts;
mod drafts_structure;
mod feed;
mod jobs;
mod mail;
mod reads;
mod reminders;
mod resets;
mod surveys;
mod tokens;
mod translations;
mod versions;
mod workflow;
mod writes;

use anyhow::Context as _;

use super::{Backend, Db, BEGIN_READ, BEGIN_WRITE, EXACT_REAL, JSON_ROWS, NOTIFY, SKIP_LOCKED};
use crate::store::export::ChangeLogRow;
use feed::Writing;

type Tx<'c> = sqlx::Transaction<'c, Db>;
type Query<'q> = sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments<'q>>;
/// One row's values being pushed into a multi-row INSERT.
type Binder<'qb> = sqlx::query_builder::Separated<'qb, 'static, Db, &'static str>;

/// Rows per multi-row INSERT: well under both backends' limits on bound parameters.
const BATCH: usize = 1000;

/// The rows of one table whose `key` column (the version or the city) is `key`.
async fn fetch<T>(tx: &mut Tx<'_>, sql: &'static str, key: i64) -> anyhow::Result<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, <Db as sqlx::Database>::Row> + Send + Unpin,
{
    sqlx::query_as::<_, T>(sql)
        .bind(key)
        .fetch_all(&mut **tx)
        .await
        .with_context(|| format!("query failed: {sql}"))
}

/// `columns` of a query's rows folded into one JSON text, read back with [`json_rows`]. A read of many small
/// rows costs SQLite's driver a hop between threads for each; folded, they cost one.
fn json_rows_of(columns: &str) -> String {
    format!("{}{columns}{}", JSON_ROWS.0, JSON_ROWS.1)
}

/// `column` (a REAL) as text that parses back to the very same number, for rows folded into JSON, where a
/// number would be rounded.
fn exact_real(column: &str) -> String {
    format!("{}{column}{}", EXACT_REAL.0, EXACT_REAL.1)
}

/// The rows [`json_rows_of`] folded, each as a tuple of its columns; none when the text is NULL.
fn json_rows<T: serde::de::DeserializeOwned>(folded: Option<&str>) -> anyhow::Result<Vec<T>> {
    folded.map_or(Ok(Vec::new()), |text| {
        serde_json::from_str(text).context("cannot read rows folded into JSON")
    })
}

async fn exec(tx: &mut Tx<'_>, query: Query<'_>) -> anyhow::Result<()> {
    query.execute(&mut **tx).await.context("cannot write to the database")?;
    Ok(())
}

/// Inserts rows in batches of [`BATCH`]: `head` names the table and columns, `bind` pushes one row's values.
async fn insert_all<R>(
    tx: &mut Tx<'_>,
    head: &'static str,
    rows: &[R],
    mut bind: impl FnMut(Binder<'_>, &R) + Send,
) -> anyhow::Result<()>
where
    R: Sync,
{
    for chunk in rows.chunks(BATCH) {
        let mut query = sqlx::QueryBuilder::<Db>::new(head);
        query.push_values(chunk, &mut bind);
        query
            .build()
            .execute(&mut **tx)
            .await
            .with_context(|| format!("cannot write: {head}"))?;
    }
    Ok(())
}

/// The current time as stored: RFC 3339 with microseconds, in UTC.
fn instant(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// Starts a transaction that reads several tables as they were at one moment, so a write committing
/// meanwhile cannot leave it with values whose provenance it did not see.
async fn begin_read(pool: &sqlx::Pool<Db>) -> anyhow::Result<Tx<'static>> {
    pool.begin_with(BEGIN_READ).await.context("cannot start a transaction")
}

/// Starts a transaction that writes published content. Its first statement takes the next data version,
/// which tells every server sharing the database that its snapshot is stale and, because it locks that
/// one row (a row lock on PostgreSQL, the write lock on SQLite), makes writers take turns: each one's
/// checks see what the one before committed, so two writers cannot both pass a check only one may pass,
/// and versions commit in the order they were taken.
async fn begin_write(pool: &sqlx::Pool<Db>) -> anyhow::Result<Writing> {
    let mut tx = pool
        .begin_with(BEGIN_WRITE)
        .await
        .context("cannot start a transaction")?;
    let version: i64 =
        sqlx::query_scalar("UPDATE data_version SET version = version + 1 WHERE id = 1 RETURNING version")
            .fetch_one(&mut *tx)
            .await
            .context("cannot take the write turn")?;
    Ok(Writing::new(tx, version))
}

/// Commits a write that succeeded, with its change feed entries; rolls back one that failed now rather
/// than on drop. sqlx only queues a dropped transaction's ROLLBACK until its connection is next touched,
/// and until then the transaction would keep the write turn (the data version's row lock) from every
/// other writer.
async fn finish<T>(writing: Writing, stored: crate::store::StoreResult<T>) -> crate::store::StoreResult<T> {
    match stored {
        Ok(value) => {
            writing.commit().await?;
            Ok(value)
        }
        Err(error) => {
            writing.rollback().await?;
            Err(error)
        }
    }
}

/// The id of a city, added when the database does not hold it yet.
async fn city_id(tx: &mut Tx<'_>, slug: &str) -> anyhow::Result<i64> {
    exec(
        tx,
        sqlx::query("INSERT INTO cities (slug) VALUES ($1) ON CONFLICT (slug) DO NOTHING").bind(slug.to_owned()),
    )
    .await?;
    sqlx::query_scalar::<_, i64>("SELECT id FROM cities WHERE slug = $1")
        .bind(slug)
        .fetch_one(&mut **tx)
        .await
        .context("cannot read the city")
}

/// Cities' ids by slug, kept once read: a city's row is never deleted or renumbered (nothing deletes from
/// `cities`), so an id found stays right for the life of the database, and each read of a staff form
/// saves the statement that would look it up again.
#[derive(Default)]
pub(super) struct CityIds(std::sync::RwLock<std::collections::HashMap<String, i64>>);

impl CityIds {
    /// The id of the city `slug`, from memory or else from the database; not found when it holds no such city.
    async fn find<'e, E>(&self, executor: E, slug: &str) -> crate::store::StoreResult<i64>
    where
        E: sqlx::Executor<'e, Database = Db>,
    {
        let known = self.0.read().ok().and_then(|ids| ids.get(slug).copied());
        if let Some(id) = known {
            return Ok(id);
        }
        let id: i64 = sqlx::query_scalar("SELECT id FROM cities WHERE slug = $1")
            .bind(slug)
            .fetch_optional(executor)
            .await?
            .ok_or_else(|| crate::store::StoreError::not_found(format!("the database holds no city {slug:?}")))?;
        if let Ok(mut ids) = self.0.write() {
            ids.insert(slug.to_owned(), id);
        }
        Ok(id)
    }
}

/// The id of a city, `None` when the database does not hold it.
async fn known_city(tx: &mut Tx<'_>, slug: &str) -> anyhow::Result<Option<i64>> {
    Ok(sqlx::query_scalar::<_, i64>("SELECT id FROM cities WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&mut **tx)
        .await?)
}

/// Logs a change with its audit details (what it touched, before and after).
async fn log_audited(
    tx: &mut Tx<'_>,
    row: &ChangeLogRow,
    detail: &crate::store::audit::AuditDetail,
) -> anyhow::Result<()> {
    exec(
        tx,
        sqlx::query(
            "INSERT INTO change_log (at, actor, reason, city_slug, version_label, summary, action, subject, \
             before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&row.at)
        .bind(&row.actor)
        .bind(&row.reason)
        .bind(&row.city_slug)
        .bind(&row.version_label)
        .bind(&row.summary)
        .bind(detail.action)
        .bind(&detail.subject)
        .bind(&detail.before)
        .bind(&detail.after),
    )
    .await
}

async fn log_change(tx: &mut Tx<'_>, row: &ChangeLogRow) -> anyhow::Result<()> {
    exec(
        tx,
        sqlx::query(
            "INSERT INTO change_log (at, actor, reason, city_slug, version_label, summary) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&row.at)
        .bind(&row.actor)
        .bind(&row.reason)
        .bind(&row.city_slug)
        .bind(&row.version_label)
        .bind(&row.summary),
    )
    .await
}
