//! A small SMTP server for the tests and the mail benchmark: it speaks enough of the protocol for a real
//! client (EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT), keeps every message it accepts, and can
//! be told to answer 4xx (an outage) or 5xx (a refusal for good) instead.
#![allow(dead_code)] // Each test binary, and the benchmark, uses its own subset.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// How the server answers the next messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accept,
    /// `451` to MAIL FROM: come back later.
    Transient,
    /// `550` to RCPT TO: no such mailbox.
    Permanent,
}

/// One message as it arrived.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent after DATA, dot-stuffing undone.
    pub data: String,
}

impl Received {
    /// The first header of this name, unfolded.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or_default();
        let mut found: Option<String> = None;
        for line in head.split("\r\n") {
            if line.starts_with([' ', '\t']) {
                if let Some(value) = found.as_mut() {
                    value.push_str(line.trim_start());
                    continue;
                }
            } else if found.is_some() {
                break;
            }
            if let Some((key, value)) = line.split_once(':') {
                if key.eq_ignore_ascii_case(name) {
                    found = Some(value.trim().to_owned());
                }
            }
        }
        found
    }

    /// The Message-ID without its angle brackets.
    pub fn message_id(&self) -> String {
        self.header("Message-ID")
            .unwrap_or_default()
            .trim_matches(['<', '>'])
            .to_owned()
    }

    /// The body as text, its transfer encoding (quoted-printable or base64) undone.
    pub fn text(&self) -> String {
        let body = self.data.split_once("\r\n\r\n").map_or("", |(_, body)| body);
        let encoding = self
            .header("Content-Transfer-Encoding")
            .unwrap_or_default()
            .to_lowercase();
        let bytes = match encoding.as_str() {
            "base64" => base64::engine::general_purpose::STANDARD
                .decode(body.split_whitespace().collect::<String>())
                .unwrap_or_default(),
            "quoted-printable" => quoted_printable(body),
            _ => body.as_bytes().to_vec(),
        };
        String::from_utf8_lossy(&bytes).replace("\r\n", "\n")
    }
}

fn quoted_printable(body: &str) -> Vec<u8> {
    let joined = body.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

#[derive(Default)]
struct Shared {
    answer: AtomicU8,
    received: Mutex<Vec<Received>>,
    /// Messages refused with 4xx or 5xx.
    refused: AtomicUsize,
    arrived: tokio::sync::Notify,
}

pub struct SmtpSink {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl SmtpSink {
    /// Listens on a free port of this machine.
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Shared::default());
        let server = tokio::spawn({
            let shared = shared.clone();
            async move {
                while let Ok((stream, _)) = listener.accept().await {
                    tokio::spawn(session(stream, shared.clone()));
                }
            }
        });
        SmtpSink { addr, shared, server }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn answer(&self, answer: Answer) {
        let code = match answer {
            Answer::Accept => 0,
            Answer::Transient => 1,
            Answer::Permanent => 2,
        };
        self.shared.answer.store(code, Ordering::SeqCst);
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.received.lock().unwrap().clone()
    }

    pub fn received_count(&self) -> usize {
        self.shared.received.lock().unwrap().len()
    }

    /// Commands answered with 4xx or 5xx so far.
    pub fn refused(&self) -> usize {
        self.shared.refused.load(Ordering::SeqCst)
    }

    /// Waits until at least `count` messages have arrived, or `timeout` has passed; what arrived.
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let arrived = self.shared.arrived.notified();
            if self.received_count() >= count {
                break;
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                break;
            }
        }
        self.received()
    }
}

async fn session(stream: TcpStream, shared: Arc<Shared>) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 sink.test ESMTP ready\r\n").await?;
    let mut from = String::new();
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let verb = command
            .split([' ', ':'])
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let answer = shared.answer.load(Ordering::SeqCst);
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-sink.test\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n",
            "HELO" | "NOOP" => b"250 2.0.0 OK\r\n",
            "RSET" => {
                from.clear();
                to.clear();
                b"250 2.0.0 OK\r\n"
            }
            "MAIL" if answer == 1 => {
                shared.refused.fetch_add(1, Ordering::SeqCst);
                b"451 4.3.0 Mail server temporarily unavailable\r\n"
            }
            "MAIL" => {
                from = address_of(&command);
                to.clear();
                b"250 2.1.0 OK\r\n"
            }
            "RCPT" if answer == 2 => {
                shared.refused.fetch_add(1, Ordering::SeqCst);
                b"550 5.1.1 No such mailbox here\r\n"
            }
            "RCPT" => {
                to.push(address_of(&command));
                b"250 2.1.5 OK\r\n"
            }
            "DATA" if to.is_empty() => b"503 5.5.1 RCPT first\r\n",
            "DATA" => {
                write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await?;
                let mut data = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" {
                        break;
                    }
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                let message = Received {
                    from: std::mem::take(&mut from),
                    to: std::mem::take(&mut to),
                    data,
                };
                shared.received.lock().unwrap().push(message);
                shared.arrived.notify_waiters();
                b"250 2.0.0 Queued\r\n"
            }
            "QUIT" => {
                write.write_all(b"221 2.0.0 Bye\r\n").await?;
                return Ok(());
            }
            _ => b"502 5.5.2 Command not recognised\r\n",
        };
        write.write_all(reply).await?;
    }
}

/// `MAIL FROM:<a@b> SIZE=1` → `a@b`.
fn address_of(command: &str) -> String {
    command
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map_or_else(String::new, |(address, _)| address.to_owned())
}
