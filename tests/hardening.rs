//! HTTP hardening: slow clients cannot hold connections, bodies are bounded, and the security headers
//! follow the configuration.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{Backend, TestDb};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Reads until the server closes the connection; what it sent. Bounded, so a hanging server fails the test.
async fn read_until_closed(stream: &mut TcpStream) -> String {
    let mut received = Vec::new();
    let outcome = tokio::time::timeout(Duration::from_secs(20), stream.read_to_end(&mut received)).await;
    assert!(outcome.is_ok(), "the server kept the connection open");
    String::from_utf8_lossy(&received).into_owned()
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_disconnected() {
    let app = common::spawn(Backend::Sqlite).await.unwrap();
    let mut stream = TcpStream::connect(app.addr).await.unwrap();
    stream
        .write_all(b"GET /fi/ HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
        .await
        .unwrap();
    let answer = read_until_closed(&mut stream).await;
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 408"), "{answer}");
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed() {
    let app = common::spawn(Backend::Sqlite).await.unwrap();
    let mut stream = TcpStream::connect(app.addr).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    let answer = read_until_closed(&mut stream).await;
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "the request is answered first: {answer}"
    );
}

#[tokio::test]
async fn oversized_bodies_are_refused_with_413() {
    let app = common::spawn(Backend::Sqlite).await.unwrap();
    let body = vec![b'x'; 2 * 1024 * 1024];
    let response = app
        .client
        .post(app.url("/api/v1/strategy"))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert_eq!(response.headers()["content-type"], "application/problem+json");
    let problem: serde_json::Value = response.json().await.unwrap();
    assert_eq!(problem["status"], 413);
}

#[tokio::test]
async fn head_requests_get_headers_without_a_body() {
    let app = common::spawn(Backend::Sqlite).await.unwrap();
    let response = app
        .client
        .head(app.url("/fi/tavoitteet/koulut-kuntoon"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers().contains_key("etag"));
    assert!(response.bytes().await.unwrap().is_empty());
}

#[tokio::test]
async fn hsts_is_sent_only_when_configured() {
    let db = Arc::new(TestDb::new(Backend::Sqlite).await.unwrap());
    let app = common::spawn_configured(db, |config| config.site.hsts = true).await;
    for path in ["/fi/", "/api/v1/strategy", "/nope"] {
        let response = app.get(path).await;
        let hsts = response.headers()["strict-transport-security"].to_str().unwrap();
        assert!(hsts.starts_with("max-age=31536000"), "{path}: {hsts}");
    }
}
