//! A bare axum server answering "hello" on every request: the ceiling that BENCHMARKS.md compares Tarina's
//! figures with, measured in the same run on the same machine.
//!
//! `cargo run --release --example hello -- 127.0.0.1:8091`

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:8091".into());
    let app = axum::Router::new().fallback(|| async { "hello" });
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    axum::serve(listener, app).await
}
