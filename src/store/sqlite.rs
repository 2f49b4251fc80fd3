//! The embedded SQLite backend: one file, WAL journal, migrations from `migrations/sqlite`.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context as _;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

pub struct SqliteStore {
    pool: SqlitePool,
    cities: sql::CityIds,
}

impl SqliteStore {
    pub async fn connect(url: &str) -> anyhow::Result<SqliteStore> {
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| format!("{url:?} is not a valid SQLite database URL"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .acquire_timeout(Duration::from_secs(5))
            // A file the process itself opened cannot drop the connection the way a network can, so the
            // ping before every acquire (sqlx's default) would only add a round trip to the connection's
            // thread to every query: a signed-in page's session read cost two instead of one.
            .test_before_acquire(false)
            .after_release(|connection, _| Box::pin(super::clean_after_use(connection)))
            .connect_with(options)
            .await
            .with_context(|| format!("cannot open the SQLite database {url}"))?;
        migrate(&pool)
            .await
            .with_context(|| format!("cannot migrate the SQLite database {url}"))?;
        Ok(SqliteStore {
            pool,
            cities: sql::CityIds::default(),
        })
    }

    /// An online, consistent copy of the whole database in one new file (`VACUUM INTO`), taken while
    /// the server keeps serving.
    async fn backup_to(&self, target: &Path) -> anyhow::Result<()> {
        anyhow::ensure!(
            !target.exists(),
            "{} already exists; choose a new file",
            target.display()
        );
        let target = target.to_str().context("the backup path is not valid UTF-8")?;
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(&self.pool)
            .await
            .with_context(|| format!("cannot write the backup {target}"))?;
        Ok(())
    }
}

impl SqliteStore {
    /// Other processes' writes are found by polling the data version; SQLite cannot notify.
    async fn listen(&self) -> anyhow::Result<Option<tokio::sync::mpsc::Receiver<()>>> {
        Ok(None)
    }
}

/// SQLite has no advisory lock for the migrator: when several processes open a new database at once,
/// a slower one fails on tables a faster one has just created, and with several migrations it can
/// lose that race once per migration. Each new look finds more of them applied, so a few looks settle
/// it; a migration that is really broken fails every time and its error is the one reported.
async fn migrate(pool: &SqlitePool) -> Result<(), sqlx::migrate::MigrateError> {
    const LOOKS: u64 = 10;
    let mut look = 1;
    loop {
        match MIGRATOR.run(pool).await {
            Err(_) if look < LOOKS => {
                tokio::time::sleep(Duration::from_millis(20 * look)).await;
                look += 1;
            }
            outcome => return outcome,
        }
    }
}

/// The SQL shared with PostgreSQL, compiled for SQLite with the items below.
#[allow(
    clippy::duplicate_mod,
    reason = "the shared SQL is compiled once per backend, each time against that backend's driver"
)]
#[path = "sql/mod.rs"]
mod sql;

/// The driver the shared SQL runs on.
type Db = sqlx::Sqlite;
/// The store the shared SQL gives its capabilities to.
type Backend = SqliteStore;
/// A SQLite read transaction already sees one snapshot of the WAL.
const BEGIN_READ: &str = "BEGIN";
/// A transaction that writes takes SQLite's write lock at its start, waiting its turn (the busy timeout) there.
/// A deferred one that reads first and then writes cannot wait: if another connection wrote since its read,
/// SQLite refuses the write at once (SQLITE_BUSY_SNAPSHOT), and may have rolled the transaction back itself,
/// which leaves the pooled connection in a state the driver no longer tracks.
const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";
/// SQLite cannot notify: other servers find writes by polling the data version.
const NOTIFY: Option<&str> = None;
/// SQLite has one writer at a time, so claiming a job needs no row lock.
const SKIP_LOCKED: &str = "";
/// Rows folded into one JSON text (`[[…], …]`, `[]` when none), put around a column list.
const JSON_ROWS: (&str, &str) = ("json_group_array(json_array(", "))");
/// A REAL as text that reads back as the very same number: JSON would round it to 15 digits, and the default
/// `printf` to 16; 17 significant digits tell every double apart.
const EXACT_REAL: (&str, &str) = ("printf('%!.17g', ", ")");
