//! Sends 10,000 queued emails to a local SMTP server and kills the sending server midway (BENCHMARKS.md,
//! "Email"): the emails are queued through the use-case layer, `tarina serve` sends them to the SMTP server
//! of the tests (`tests/common/smtp.rs`), is killed with SIGKILL while it sends, and is started again; then
//! the arrivals are counted by Message-ID against the outbox. Talks only to 127.0.0.1.
//!
//! `cargo build --release --bin tarina --example mail_bench && target/release/examples/mail_bench [COUNT] [KILLS] [DATABASE_URL]`
//!
//! Without a database URL a new SQLite file in a temporary folder is used; a PostgreSQL URL must name an
//! empty database.

#[path = "../tests/common/smtp.rs"]
mod smtp;

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tarina::domain::access::Email;
use tarina::domain::change::Change;
use tarina::domain::mail::MailState;

fn serve(binary: &std::path::Path, database: &str, smtp_port: u16) -> Child {
    Command::new(binary)
        .args(["serve", "--database", database, "--addr", "127.0.0.1:0"])
        .args([
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            &smtp_port.to_string(),
            "--smtp-tls",
            "none",
        ])
        .args([
            "--mail-from",
            "Tarina <tarina@bench.test>",
            "--sync-connectors",
            "false",
        ])
        // A short lease, so the emails a killed server had claimed are sent by the next one soon.
        .args(["--job-lease-ms", "2000", "--job-poll-ms", "50"])
        .env_remove("TARINA_DATABASE_URL")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("tarina starts")
}

/// How many different Message-IDs arrived.
fn distinct(arrivals: &[smtp::Received]) -> usize {
    arrivals
        .iter()
        .map(smtp::Received::message_id)
        .collect::<std::collections::HashSet<_>>()
        .len()
}

/// SIGKILL, as a crash or an out-of-memory killer would end it, then reaped. A server that already
/// exited has nothing left to kill.
fn sigkill(server: &mut Child) -> std::io::Result<()> {
    let _ = server.kill();
    server.wait().map(drop)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let count: usize = args.get(1).map_or(Ok(10_000), |a| a.parse())?;
    let kills: usize = args.get(2).map_or(Ok(1), |a| a.parse())?;
    let folder = tempfile::tempdir()?;
    let database = args
        .get(3)
        .cloned()
        .unwrap_or_else(|| format!("sqlite://{}", folder.path().join("bench.db").display()));
    let binary = std::env::current_exe()?
        .parent()
        .and_then(|examples| examples.parent())
        .map(|dir| dir.join("tarina"))
        .filter(|path| path.exists())
        .ok_or_else(|| anyhow::anyhow!("build the server first: cargo build --release --bin tarina"))?;

    let store = tarina::store::connect(&database.parse()?).await?;
    let recipients = (0..count)
        .map(|n| Email::parse(&format!("person{n}@bench.test")))
        .collect::<Result<Vec<_>, _>>()?;
    let started = Instant::now();
    let change = Change::new("bench:mail", "the delivery benchmark");
    tarina::app::mail::queue_test_mail(store.as_ref(), &recipients, "bench.test", &change, chrono::Utc::now()).await?;
    println!("queued {count} emails in {:.2} s", started.elapsed().as_secs_f64());

    let sink = smtp::SmtpSink::start().await;
    let started = Instant::now();
    let mut server = serve(&binary, &database, sink.port());
    for kill in 1..=kills {
        let at = count * kill / (kills + 1);
        while sink.received_count() < at {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        sigkill(&mut server)?;
        let arrived = sink.received_count();
        let marked = store.mail_counts().await?;
        let sent = marked
            .iter()
            .find(|(s, _)| *s == MailState::Sent)
            .map_or(0, |(_, n)| *n);
        // An email that arrived but is not marked sent was being handed over when the server died: the
        // next server sends it again.
        println!(
            "kill {kill}: SIGKILL after {:.2} s with {arrived} arrivals ({} distinct) and {sent} marked sent",
            started.elapsed().as_secs_f64(),
            distinct(&sink.received()),
        );
        server = serve(&binary, &database, sink.port());
    }
    loop {
        let counts = store.mail_counts().await?;
        if counts.iter().all(|(state, n)| *state != MailState::Queued || *n == 0) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let elapsed = started.elapsed().as_secs_f64();
    sigkill(&mut server)?;

    let outbox = store.mail_in(&MailState::ALL, (count * 2) as i64).await?;
    let mut arrivals: HashMap<String, usize> = HashMap::new();
    for message in sink.received() {
        *arrivals.entry(message.message_id()).or_default() += 1;
    }
    let lost = outbox.iter().filter(|m| !arrivals.contains_key(&m.message_id)).count();
    let duplicated: usize = arrivals.values().filter(|&&n| n > 1).map(|n| n - 1).sum();
    let queued: std::collections::HashSet<&str> = outbox.iter().map(|m| m.message_id.as_str()).collect();
    let strangers = arrivals.keys().filter(|id| !queued.contains(id.as_str())).count();
    let not_sent = outbox.iter().filter(|m| m.state != MailState::Sent).count();
    println!(
        "{} emails in the outbox, {} arrivals: {} distinct, {duplicated} sent twice, {lost} lost, {strangers} unknown, {not_sent} not marked sent",
        outbox.len(),
        sink.received_count(),
        arrivals.len()
    );
    println!(
        "all sent in {elapsed:.2} s with {kills} kill(s): {:.0} emails/s",
        count as f64 / elapsed
    );
    anyhow::ensure!(lost == 0 && strangers == 0 && not_sent == 0, "emails were lost");
    Ok(())
}
