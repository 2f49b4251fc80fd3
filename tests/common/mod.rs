//! Starts the real server on an ephemeral port with a fresh temporary database, as a resident's browser
//! or an API client would meet it.
#![allow(dead_code)] // Each test binary uses its own subset of these helpers.

use std::net::SocketAddr;

use tarina::config::{Config, SiteConfig};
use tarina::startup::Application;
use tempfile::TempDir;
use tokio::sync::oneshot;

pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    pub database_url: String,
    _dir: TempDir,
    _shutdown: oneshot::Sender<()>,
}

/// A database URL for a new SQLite file in a new temporary folder.
pub fn temp_database() -> (TempDir, String) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}", dir.path().join("tarina.db").display());
    (dir, url)
}

pub async fn spawn() -> TestApp {
    let (dir, url) = temp_database();
    spawn_on(dir, url).await
}

/// Starts a server on an existing database (which it seeds only if empty).
pub async fn spawn_on(dir: TempDir, database_url: String) -> TestApp {
    let config = Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        database: database_url.parse().unwrap(),
        site: SiteConfig {
            refresh_interval: std::time::Duration::from_millis(20),
            ..SiteConfig::default()
        },
    };
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
        database_url,
        _dir: dir,
        _shutdown: shutdown,
    }
}

/// Starts a server on a database that already holds `strategy` (built by the test, not by the loader).
pub async fn spawn_with(strategy: &tarina::domain::Strategy) -> TestApp {
    let (dir, url) = temp_database();
    save(&url, strategy, tarina::store::OnExisting::Refuse).await;
    spawn_on(dir, url).await
}

/// Writes a strategy straight into a database, as another process would.
pub async fn save(url: &str, strategy: &tarina::domain::Strategy, on_existing: tarina::store::OnExisting) {
    use tarina::store::Store as _;
    let store = tarina::store::SqliteStore::connect(url)
        .await
        .expect("the database opens");
    let change = tarina::store::Change {
        actor: "test".into(),
        reason: "prepared by a test".into(),
    };
    store
        .save_strategy(strategy, on_existing, &change)
        .await
        .expect("the strategy is stored");
}

impl TestApp {
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
