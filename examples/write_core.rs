//! Measures what a write costs the servers that serve the data (BENCHMARKS.md, "Writes"): values are written
//! one transaction at a time through the use-case layer, and every server's `/healthz` says when it serves
//! the new data version; its CPU time and resident memory come from /proc. Run by `bench/write_core.sh`,
//! which starts the servers; talks only to 127.0.0.1.
//!
//! `write_core DATABASE_URL INDICATOR WRITES SERVER_URL:PID [SERVER_URL:PID…]`

use std::time::{Duration, Instant};

use tarina::domain::change::{Change, NewValue};
use tarina::domain::IndicatorId;

struct Server {
    url: String,
    pid: u32,
}

impl Server {
    /// User + system CPU time in seconds, from /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s).
    fn cpu_seconds(&self) -> f64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).unwrap_or_default();
        let after_name = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or_default();
        let fields: Vec<&str> = after_name.split_whitespace().collect();
        let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
        (ticks(11) + ticks(12)) / 100.0
    }

    fn rss_mb(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid)).unwrap_or_default();
        status
            .lines()
            .find(|l| l.starts_with("VmRSS:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    }

    async fn health(&self, client: &reqwest::Client) -> serde_json::Value {
        client
            .get(format!("{}/healthz", self.url))
            .send()
            .await
            .expect("the server answers")
            .json()
            .await
            .expect("healthz is JSON")
    }

    /// Polls until the server serves data version `version`; how long after `since` it did, and the highest
    /// resident memory seen meanwhile.
    async fn until_serving(&self, client: &reqwest::Client, version: i64, since: Instant) -> (Duration, f64) {
        let mut peak = self.rss_mb();
        loop {
            let health = self.health(client).await;
            peak = peak.max(self.rss_mb());
            if health["snapshot"]["data_version"].as_i64().unwrap_or(0) >= version {
                return (since.elapsed(), peak);
            }
            assert!(
                since.elapsed() < Duration::from_secs(60),
                "{} never served version {version}",
                self.url
            );
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }
}

fn arg(n: usize) -> String {
    std::env::args()
        .nth(n)
        .unwrap_or_else(|| panic!("usage: write_core DATABASE_URL INDICATOR WRITES SERVER_URL:PID…"))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let database: tarina::store::DatabaseUrl = arg(1).parse()?;
    let indicator = IndicatorId::new(arg(2).parse()?)?;
    let writes: u32 = arg(3).parse()?;
    let servers: Vec<Server> = std::env::args()
        .skip(4)
        .map(|s| {
            let (url, pid) = s.rsplit_once(':').expect("SERVER_URL:PID");
            Server {
                url: url.to_owned(),
                pid: pid.parse().expect("a process id"),
            }
        })
        .collect();
    let client = reqwest::Client::new();
    let store = tarina::store::connect(&database).await?;
    let (strategy, outline) = tarina::app::current_outline(store.as_ref()).await?;
    let city = strategy.city.slug.to_string();
    let region = outline.indicator(indicator).expect("the indicator exists").regions[0].clone();
    let change = Change::new("bench:write-core", "benchmark of writes");
    let mut day = chrono::NaiveDate::from_ymd_opt(2060, 1, 1).unwrap();
    let mut next_value = || {
        day += chrono::Duration::days(1);
        vec![NewValue {
            indicator,
            region: region.clone(),
            date: day,
            value: 1.5,
            source: "write benchmark".into(),
        }]
    };

    println!("## One value");
    for server in &servers {
        println!("{}: resident memory before {:.1} MB", server.url, server.rss_mb());
    }
    let started = Instant::now();
    tarina::app::values::record_values(store.as_ref(), &city, &outline, &next_value(), &change).await?;
    let written = started.elapsed();
    let version = store.data_version().await?;
    for server in &servers {
        let (after, peak) = server.until_serving(&client, version, started).await;
        println!(
            "{}: serving it {:.0} ms after the write began (the write took {:.1} ms); resident memory at most {:.1} MB meanwhile",
            server.url,
            after.as_secs_f64() * 1000.0,
            written.as_secs_f64() * 1000.0,
            peak
        );
    }

    println!("## {writes} values, one transaction each");
    let cpu_before: Vec<f64> = servers.iter().map(Server::cpu_seconds).collect();
    let rss_before: Vec<f64> = servers.iter().map(Server::rss_mb).collect();
    let started = Instant::now();
    for _ in 0..writes {
        tarina::app::values::record_values(store.as_ref(), &city, &outline, &next_value(), &change).await?;
    }
    let last_written = Instant::now();
    println!("written in {:.2} s", started.elapsed().as_secs_f64());
    let version = store.data_version().await?;
    for (i, server) in servers.iter().enumerate() {
        let (after, peak) = server.until_serving(&client, version, last_written).await;
        let health = server.health(&client).await;
        println!(
            "{}: serving the last {:.0} ms after it was written; CPU {:.2} s during the writes; resident memory {:.1} → at most {:.1} MB; {}",
            server.url,
            after.as_secs_f64() * 1000.0,
            server.cpu_seconds() - cpu_before[i],
            rss_before[i],
            peak,
            health["snapshot"]
        );
    }

    println!("## A job enqueued");
    let before: Vec<serde_json::Value> = health_of_all(&servers, &client).await;
    tarina::jobs::enqueue_at(
        store.as_ref(),
        &tarina::jobs::PruneChangeFeed::default(),
        chrono::Utc::now() + chrono::Duration::days(1),
    )
    .await?;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let after: Vec<serde_json::Value> = health_of_all(&servers, &client).await;
    for (i, server) in servers.iter().enumerate() {
        let work = |h: &serde_json::Value| {
            (
                h["snapshot"]["changes_applied"].as_u64().unwrap_or(0),
                h["snapshot"]["full_reloads"].as_u64().unwrap_or(0),
            )
        };
        let (applied, reloads) = work(&after[i]);
        let (applied_before, reloads_before) = work(&before[i]);
        println!(
            "{}: snapshot work caused: {} changes applied, {} full reloads",
            server.url,
            applied - applied_before,
            reloads - reloads_before
        );
    }
    Ok(())
}

async fn health_of_all(servers: &[Server], client: &reqwest::Client) -> Vec<serde_json::Value> {
    let mut all = Vec::new();
    for server in servers {
        all.push(server.health(client).await);
    }
    all
}
