//! The PostgreSQL backend, for cities that run several stateless servers on one database.
//! Migrations come from `migrations/postgres`; each runs in its own transaction, so a failing one leaves
//! the schema as it was.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context as _;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

pub struct PgStore {
    pool: PgPool,
    cities: sql::CityIds,
}

impl PgStore {
    pub async fn connect(url: &str) -> anyhow::Result<PgStore> {
        let options = PgConnectOptions::from_str(url)
            .with_context(|| format!("{} is not a valid PostgreSQL URL", redact(url)))?;
        // Named in pg_stat_activity, by the URL's `application_name` when it gives one.
        let options = match options.get_application_name() {
            Some(_) => options,
            None => options.application_name("tarina"),
        };
        // One direct connection first: a pool would retry until its time-out and hide why it failed.
        let probe = <sqlx::PgConnection as sqlx::Connection>::connect_with(&options)
            .await
            .with_context(|| format!("cannot connect to the PostgreSQL database {}", redact(url)))?;
        sqlx::Connection::close(probe).await.ok();
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(5))
            .after_release(|connection, _| Box::pin(super::clean_after_use(connection)))
            .connect_with(options)
            .await
            .with_context(|| format!("cannot connect to the PostgreSQL database {}", redact(url)))?;
        MIGRATOR
            .run(&pool)
            .await
            .with_context(|| format!("cannot migrate the PostgreSQL database {}", redact(url)))?;
        Ok(PgStore {
            pool,
            cities: sql::CityIds::default(),
        })
    }

    /// PostgreSQL has its own tools for consistent online backups.
    async fn backup_to(&self, _target: &Path) -> anyhow::Result<()> {
        anyhow::bail!(
            "back up PostgreSQL with its own tools: pg_dump --format=custom --file=FILE DATABASE \
             (restore with pg_restore); see \"Running in production\" in the README"
        )
    }
}

/// The channel content writes notify on when they commit.
const CHANGES_CHANNEL: &str = "tarina_changes";

impl PgStore {
    /// A wake-up soon after any server's content write commits. The listener runs on a connection of its own
    /// and ends quietly if that connection fails; the caller keeps polling, so a lost notification only delays
    /// a change until the next poll.
    async fn listen(&self) -> anyhow::Result<Option<tokio::sync::mpsc::Receiver<()>>> {
        let mut listener = sqlx::postgres::PgListener::connect_with(&self.pool)
            .await
            .context("cannot listen for changes")?;
        listener
            .listen(CHANGES_CHANNEL)
            .await
            .context("cannot listen for changes")?;
        let (wake, woken) = tokio::sync::mpsc::channel(1);
        tokio::spawn(async move {
            loop {
                match listener.try_recv().await {
                    Ok(Some(_)) => {
                        // A full channel already holds a wake-up: one is enough.
                        if let Err(tokio::sync::mpsc::error::TrySendError::Closed(())) = wake.try_send(()) {
                            return;
                        }
                    }
                    // The connection was lost and is re-established on the next call; the poll covers the gap.
                    Ok(None) => {}
                    Err(error) => {
                        tracing::warn!("stopped listening for changes: {error}");
                        return;
                    }
                }
            }
        });
        Ok(Some(woken))
    }
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// The SQL shared with SQLite, compiled for PostgreSQL with the items below.
#[allow(
    clippy::duplicate_mod,
    reason = "the shared SQL is compiled once per backend, each time against that backend's driver"
)]
#[path = "sql/mod.rs"]
mod sql;

/// The driver the shared SQL runs on.
type Db = sqlx::Postgres;
/// The store the shared SQL gives its capabilities to.
type Backend = PgStore;
/// Reads need a snapshot: under the default READ COMMITTED each statement would see the latest commit.
const BEGIN_READ: &str = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
/// Writes run under READ COMMITTED; row locks make them take turns where they must.
const BEGIN_WRITE: &str = "BEGIN";
/// A content write wakes the other servers when it commits (see [`PgStore::listen`]).
const NOTIFY: Option<&str> = Some("SELECT pg_notify('tarina_changes', '')");
/// Servers claiming jobs at once skip each other's rows instead of waiting for them.
const SKIP_LOCKED: &str = " FOR UPDATE SKIP LOCKED";
/// Rows folded into one JSON text (`[[…], …]`, NULL when none), put around a column list.
const JSON_ROWS: (&str, &str) = ("CAST(json_agg(json_build_array(", ")) AS TEXT)");
/// A double precision as text that reads back as the very same number: PostgreSQL writes the shortest
/// text that does (with `extra_float_digits` above zero, the default since version 12).
const EXACT_REAL: (&str, &str) = ("CAST(", " AS TEXT)");

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(super::redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(super::redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(super::redact("postgres://h/db"), "postgres://h/db");
    }
}
