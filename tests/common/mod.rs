//! Starts the real server on an ephemeral port with a fresh temporary database, as a resident's browser
//! or an API client would meet it. Every test runs on SQLite and, when `TARINA_TEST_DATABASE_URL` names a
//! PostgreSQL database, on PostgreSQL too, each in a schema of its own that is dropped afterwards.
#![allow(dead_code)] // Each test binary uses its own subset of these helpers.

pub mod browser;
pub mod smtp;
pub mod tokens;
pub mod versions;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};

use tarina::config::{Config, SiteConfig};
use tarina::domain::change::{Change, OnExisting};
use tarina::domain::Strategy;
use tarina::startup::Application;
use tarina::store::Store;
use tempfile::TempDir;
use tokio::sync::oneshot;

/// Generates one test per backend from an `async fn name(backend: Backend)`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name($crate::common::Backend::Sqlite).await
            }
            #[tokio::test]
            async fn postgres() {
                super::$name($crate::common::Backend::Postgres).await
            }
        }
    )*};
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A fresh, empty database that disappears with this value.
pub struct TestDb {
    pub url: String,
    pub backend: Backend,
    dir: TempDir,
    /// For PostgreSQL: the server URL and the schema to drop.
    schema: Option<(String, String)>,
}

/// Set by `.ci/run`, which makes the PostgreSQL half mandatory: unreachable means failed, not skipped.
pub const POSTGRES_URL_VAR: &str = "TARINA_TEST_DATABASE_URL";

impl TestDb {
    /// `None` only for PostgreSQL when no test database is configured.
    pub async fn new(backend: Backend) -> Option<TestDb> {
        let dir = tempfile::tempdir().expect("temporary folder");
        match backend {
            Backend::Sqlite => Some(TestDb {
                url: format!("sqlite://{}", dir.path().join("tarina.db").display()),
                backend,
                dir,
                schema: None,
            }),
            Backend::Postgres => {
                let Ok(server) = std::env::var(POSTGRES_URL_VAR) else {
                    eprintln!("skipped: set {POSTGRES_URL_VAR} to run this test on PostgreSQL");
                    return None;
                };
                static COUNTER: AtomicU32 = AtomicU32::new(0);
                let schema = format!(
                    "tarina_test_{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::Relaxed),
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .unwrap()
                        .as_nanos()
                        % 1_000_000
                );
                let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(&server)
                    .await
                    .unwrap_or_else(|e| panic!("{POSTGRES_URL_VAR} is set but PostgreSQL is not reachable: {e}"));
                sqlx::query(&format!("CREATE SCHEMA {schema}"))
                    .execute(&mut admin)
                    .await
                    .unwrap();
                let separator = if server.contains('?') { '&' } else { '?' };
                Some(TestDb {
                    // The application name lets the clean-up end this test's connections, whatever runtime
                    // they were left in.
                    url: format!("{server}{separator}options=-c%20search_path%3D{schema}&application_name={schema}"),
                    backend,
                    dir,
                    schema: Some((server, schema)),
                })
            }
        }
    }

    /// A folder for files the test writes (exports, backups), removed with the database.
    pub fn dir(&self) -> &std::path::Path {
        self.dir.path()
    }

    pub async fn store(&self) -> std::sync::Arc<dyn Store> {
        tarina::store::connect(&self.url.parse().unwrap())
            .await
            .expect("the database opens")
    }

    /// Writes a strategy straight into the database, as another process would.
    pub async fn save(&self, strategy: &Strategy, on_existing: OnExisting) {
        let change = Change {
            actor: "test".into(),
            reason: "prepared by a test".into(),
        };
        self.store()
            .await
            .save_strategy(strategy, on_existing, &change)
            .await
            .expect("the strategy is stored");
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((server, schema)) = self.schema.take() {
            // Drop runs inside the test's runtime, so the clean-up gets a thread and a runtime of its own.
            let cleanup = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                runtime.block_on(async {
                    if let Ok(mut admin) = <sqlx::PgConnection as sqlx::Connection>::connect(&server).await {
                        // The test's servers ran on the runtime this drop is blocking: a transaction they had
                        // open would keep its locks, and the schema, forever.
                        let _ = sqlx::query(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
                        )
                        .bind(&schema)
                        .execute(&mut admin)
                        .await;
                        let _ = sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
                            .execute(&mut admin)
                            .await;
                    }
                });
            });
            let _ = cleanup.join();
        }
    }
}

/// Short, so the slow-client test is quick; real servers default to ten seconds.
pub const HEADER_READ_TIMEOUT_MS: u64 = 1000;

pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    pub db: std::sync::Arc<TestDb>,
    _shutdown: oneshot::Sender<()>,
}

/// A server on a fresh database of `backend`; `None` when that backend is not configured.
pub async fn spawn(backend: Backend) -> Option<TestApp> {
    let db = TestDb::new(backend).await?;
    Some(spawn_on(std::sync::Arc::new(db)).await)
}

/// A server on a fresh database that already holds `strategy` (built by the test, not by the loader).
pub async fn spawn_with(backend: Backend, strategy: &Strategy) -> Option<TestApp> {
    let db = TestDb::new(backend).await?;
    db.save(strategy, OnExisting::Refuse).await;
    Some(spawn_on(std::sync::Arc::new(db)).await)
}

/// Starts a server on an existing database (seeding it only if empty). Several servers may share one.
pub async fn spawn_on(db: std::sync::Arc<TestDb>) -> TestApp {
    spawn_configured(db, |_| {}).await
}

/// Like [`spawn_on`], with the test's changes to the configuration.
pub async fn spawn_configured(db: std::sync::Arc<TestDb>, adjust: impl FnOnce(&mut Config)) -> TestApp {
    let mut config = Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        database: db.url.parse().unwrap(),
        header_read_timeout: std::time::Duration::from_millis(HEADER_READ_TIMEOUT_MS),
        site: SiteConfig {
            refresh_interval: std::time::Duration::from_millis(20),
            ..SiteConfig::default()
        },
        jobs: None,
    };
    adjust(&mut config);
    let app = Application::build(config).await.expect("the application builds");
    let addr = app.local_addr();
    let (shutdown, stopped) = oneshot::channel::<()>();
    tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    TestApp {
        addr,
        client,
        db,
        _shutdown: shutdown,
    }
}

impl TestApp {
    /// A server this test runs as a separate process (e.g. to kill it), reached at `addr`.
    pub fn external(addr: SocketAddr, db: std::sync::Arc<TestDb>) -> TestApp {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        TestApp {
            addr,
            client,
            db,
            _shutdown: oneshot::channel().0,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request succeeds")
    }

    pub async fn get_with(&self, path: &str, header: &str, value: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header(header, value)
            .send()
            .await
            .expect("request succeeds")
    }

    pub async fn json(&self, path: &str) -> serde_json::Value {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        response.json().await.expect("JSON body")
    }

    pub async fn html(&self, path: &str) -> String {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        let content_type = response.headers()["content-type"].to_str().unwrap().to_owned();
        assert_eq!(content_type, "text/html; charset=utf-8", "GET {path}");
        response.text().await.unwrap()
    }

    /// Polls `path` until its body contains `needle`, for a bounded time; whether it ever did.
    pub async fn eventually_contains(&self, path: &str, needle: &str) -> bool {
        for _ in 0..500 {
            if self.get(path).await.text().await.unwrap().contains(needle) {
                return true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        false
    }
}

fn tarina_command(database: &str, args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_tarina"));
    command
        .args(["--database", database])
        .args(args)
        .env_remove("TARINA_DATABASE_URL");
    command
}

/// Runs the `tarina` binary against a database.
pub fn tarina(database: &str, args: &[&str]) -> std::process::Output {
    tarina_command(database, args).output().expect("the binary runs")
}

/// Runs several `tarina` commands against a database at the same time; their outputs in the same order.
pub fn tarina_at_once(database: &str, commands: &[Vec<&str>]) -> Vec<std::process::Output> {
    use std::process::Stdio;
    let running: Vec<std::process::Child> = commands
        .iter()
        .map(|args| {
            tarina_command(database, args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("the binary starts")
        })
        .collect();
    running
        .into_iter()
        .map(|child| child.wait_with_output().expect("the binary runs"))
        .collect()
}

/// Every `url` object in an API document: `{"fi": "/fi/…", "sv": "/sv/…", "en": "/en/…"}`.
pub fn page_urls(value: &serde_json::Value, found: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(url) = map.get("url") {
                for lang in ["fi", "sv", "en"] {
                    let path = url[lang].as_str().expect("url has fi, sv and en");
                    assert!(path.starts_with(&format!("/{lang}/")), "{path}");
                    found.push(path.to_owned());
                }
            }
            map.values().for_each(|v| page_urls(v, found));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| page_urls(v, found)),
        _ => {}
    }
}
