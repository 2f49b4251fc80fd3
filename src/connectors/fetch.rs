//! Fetching an answer from a statistics service: https only (unless allowed otherwise for a local test
//! server), a time-out for the whole exchange, a size limit counted while the body streams in, and no
//! redirect to another host. A JSON-stat answer is parsed as it arrives, so memory follows the cells kept.

use std::io::Read;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Extracted;
use crate::domain::connector::{ConnectorKind, ConnectorSettings};

/// The limits every fetch keeps.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FetchPolicy {
    /// Accept `http://` addresses: for a test server on the local machine, never for a public source.
    pub allow_http: bool,
    /// From connecting until the last byte.
    pub timeout_ms: u64,
    /// The largest answer read; a larger one is refused as it streams past the limit.
    pub max_bytes: u64,
}

impl Default for FetchPolicy {
    fn default() -> Self {
        FetchPolicy {
            allow_http: false,
            timeout_ms: 120_000,
            max_bytes: 512 << 20,
        }
    }
}

/// What a fetch read, and when.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub extracted: Extracted,
    pub fetched_at: DateTime<Utc>,
}

/// Fetches the connector's answer and reads the indicator's values from it. Every failure names the
/// connector, the URL and the problem.
pub async fn fetch(settings: &ConnectorSettings, decimals: u8, policy: &FetchPolicy) -> anyhow::Result<Fetched> {
    let fetched_at = Utc::now();
    let extracted = fetch_answer(settings, decimals, policy)
        .await
        .map_err(|problem| anyhow::anyhow!("connector {}: {}: {problem}", settings.name, settings.url))?;
    Ok(Fetched { extracted, fetched_at })
}

async fn fetch_answer(settings: &ConnectorSettings, decimals: u8, policy: &FetchPolicy) -> Result<Extracted, String> {
    let url = reqwest::Url::parse(&settings.url).map_err(|e| format!("not a valid URL: {e}"))?;
    match url.scheme() {
        "https" => {}
        "http" if policy.allow_http => {}
        scheme => return Err(format!("refused: {scheme}:// is not allowed, only https://")),
    }
    let host = url.host_str().unwrap_or_default().to_owned();
    let redirects = reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.url().host_str() != Some(host.as_str()) {
            let to = attempt.url().host_str().unwrap_or_default().to_owned();
            attempt.error(format!("refused a redirect to another host, {to}"))
        } else if attempt.previous().len() >= 5 {
            attempt.error("too many redirects")
        } else {
            attempt.follow()
        }
    });
    let client = reqwest::Client::builder()
        .timeout(Duration::from_millis(policy.timeout_ms))
        .redirect(redirects)
        .user_agent(concat!("tarina/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| format!("cannot make an HTTP client: {e}"))?;
    let request = match settings.kind {
        ConnectorKind::Pxweb => client.post(url).json(&super::query_body(settings)),
        ConnectorKind::Jsonstat | ConnectorKind::Sotkanet | ConnectorKind::Csv | ConnectorKind::Xlsx => client.get(url),
    };
    let mut response = request.send().await.map_err(describe)?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("the server answered HTTP {status}"));
    }
    if response.content_length().is_some_and(|n| n > policy.max_bytes) {
        return Err(too_large(policy));
    }
    if settings.kind == ConnectorKind::Jsonstat {
        return stream_jsonstat(response, settings, decimals, policy).await;
    }
    // A file says when it was last changed only in its Last-Modified header: the source's own update time.
    let modified = response
        .headers()
        .get(reqwest::header::LAST_MODIFIED)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(describe)? {
        if body.len() as u64 + chunk.len() as u64 > policy.max_bytes {
            return Err(too_large(policy));
        }
        body.extend_from_slice(&chunk);
    }
    if !settings.kind.is_spreadsheet() {
        return super::read_answer(&body, settings, decimals);
    }
    // A workbook of tens of megabytes takes a while to unpack: not on the server's request threads.
    let parser_settings = settings.clone();
    let mut extracted = tokio::task::spawn_blocking(move || super::read_answer(&body, &parser_settings, decimals))
        .await
        .map_err(|e| format!("the parser stopped: {e}"))??;
    extracted.updated = modified;
    Ok(extracted)
}

/// Parses on a blocking thread while the body arrives through a short channel.
async fn stream_jsonstat(
    mut response: reqwest::Response,
    settings: &ConnectorSettings,
    decimals: u8,
    policy: &FetchPolicy,
) -> Result<Extracted, String> {
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<bytes::Bytes, String>>(16);
    let parser_settings = settings.clone();
    let parser = tokio::task::spawn_blocking(move || {
        super::read_jsonstat(ChannelReader::new(receiver), &parser_settings, decimals)
    });
    let mut received = 0u64;
    let mut failure = None;
    loop {
        let next = match response.chunk().await {
            Ok(Some(chunk)) => {
                received += chunk.len() as u64;
                if received > policy.max_bytes {
                    Err(too_large(policy))
                } else {
                    Ok(chunk)
                }
            }
            Ok(None) => break,
            Err(error) => Err(describe(error)),
        };
        let failed = next.is_err();
        if let Err(problem) = &next {
            failure = Some(problem.clone());
        }
        // The parser stops reading once it has failed; its error is reported below.
        if sender.send(next).await.is_err() || failed {
            break;
        }
    }
    drop(sender);
    let parsed = parser.await.map_err(|e| format!("the parser stopped: {e}"))?;
    match failure {
        Some(problem) => Err(problem),
        None => parsed,
    }
}

/// The receiving end of the body, read synchronously by the parser.
struct ChannelReader {
    receiver: tokio::sync::mpsc::Receiver<Result<bytes::Bytes, String>>,
    current: bytes::Bytes,
    at: usize,
}

impl ChannelReader {
    fn new(receiver: tokio::sync::mpsc::Receiver<Result<bytes::Bytes, String>>) -> ChannelReader {
        ChannelReader {
            receiver,
            current: bytes::Bytes::new(),
            at: 0,
        }
    }
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.current.len() {
            match self.receiver.blocking_recv() {
                None => return Ok(0),
                Some(Ok(chunk)) => {
                    self.current = chunk;
                    self.at = 0;
                }
                Some(Err(problem)) => return Err(std::io::Error::other(problem)),
            }
        }
        let n = buf.len().min(self.current.len() - self.at);
        buf[..n].copy_from_slice(&self.current[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

fn too_large(policy: &FetchPolicy) -> String {
    format!("the answer is larger than the limit of {} bytes", policy.max_bytes)
}

/// A reqwest error in words, with its cause (a redirect refused, a time-out).
fn describe(error: reqwest::Error) -> String {
    let mut text = if error.is_timeout() {
        "no complete answer within the time-out".to_owned()
    } else if error.is_redirect() {
        "redirect refused".to_owned()
    } else {
        "the request failed".to_owned()
    };
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
