//! A local statistics service for the connector tests: it serves the recorded answers in
//! `tests/fixtures/statistics` and misbehaves on request, as real services sometimes do.
//!
//! - `/file/NAME`: the file, with its Content-Length and a Last-Modified time;
//! - `/stream/NAME`: the file without a length, the end marked by closing the connection;
//! - `/slow/NAME`: the file after five seconds;
//! - `/status/500`: an HTTP 500;
//! - `/away/NAME`: a redirect to the same server under another host name (`localhost`).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tarina::domain::change::{Change, OnExisting};
use tarina::store::Store;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub struct StatisticsServer {
    pub addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl StatisticsServer {
    pub async fn start() -> StatisticsServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(answer(socket, addr));
            }
        });
        StatisticsServer { addr, task }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for StatisticsServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// When `/file/` answers say their file was last changed.
pub const LAST_MODIFIED: &str = "Wed, 01 Apr 2026 05:00:00 GMT";

/// Gives Espoo's indicator `id` the connector `settings` (TOML, as a data file's `[connector]`), saved as
/// the data files would save it.
pub async fn set_connector(store: &dyn Store, id: u32, settings: &str) {
    let mut cascade = store.cascade("espoo").await.unwrap();
    let at = cascade.indicators.iter().position(|i| i.id.get() == id).unwrap();
    let mut indicator = (*cascade.indicators[at]).clone();
    indicator.connector = Some(toml::from_str(settings).unwrap());
    cascade.indicators[at] = Arc::new(indicator);
    let change = Change::new("test", "point the connector at the local server");
    store
        .save_cascade("espoo", &cascade, OnExisting::Replace, &change)
        .await
        .unwrap();
}

fn fixture(name: &str) -> Option<Vec<u8>> {
    let path = format!("{}/tests/fixtures/statistics/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(path).ok()
}

async fn answer(mut socket: TcpStream, addr: SocketAddr) {
    let mut request = Vec::new();
    let mut buffer = [0u8; 4096];
    // The head, then as much of a POSTed body as has arrived: the answers do not depend on the body.
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buffer[..n]),
        }
    }
    let head = String::from_utf8_lossy(&request).into_owned();
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let (route, name) = path.trim_start_matches('/').split_once('/').unwrap_or(("", ""));
    let reply = match (route, fixture(name)) {
        ("file", Some(body)) => Some((length_head(body.len()), body)),
        ("stream", Some(body)) => Some(("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".to_owned(), body)),
        ("slow", Some(body)) => {
            tokio::time::sleep(Duration::from_secs(5)).await;
            Some((length_head(body.len()), body))
        }
        ("away", Some(_)) => Some((
            format!(
                "HTTP/1.1 302 Found\r\nLocation: http://localhost:{}/file/{name}\r\nContent-Length: 0\r\n\r\n",
                addr.port()
            ),
            Vec::new(),
        )),
        _ => None,
    };
    let (head, body) = reply.unwrap_or_else(|| {
        let status = if route == "status" { name } else { "404" };
        (
            format!("HTTP/1.1 {status} Problem\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
            Vec::new(),
        )
    });
    let _ = socket.write_all(head.as_bytes()).await;
    let _ = socket.write_all(&body).await;
    let _ = socket.shutdown().await;
}

fn length_head(length: usize) -> String {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\
         Last-Modified: {LAST_MODIFIED}\r\nConnection: close\r\n\r\n"
    )
}
