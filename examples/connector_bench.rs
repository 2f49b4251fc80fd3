//! Measures a sync of a ten-million-cell JSON-stat answer (BENCHMARKS.md, "Connectors"): a local HTTP server
//! generates the document as it sends it (1,000 regions × 100 years × 100 measures, about 70 MB), and
//! `tarina::app::sync::sync_indicator` fetches, parses and records it into a fresh SQLite database seeded
//! with the bundled strategy, taking one measure for the six regions of the population indicator. The
//! second run finds every value unchanged. Peak memory comes from /proc/self/status (VmHWM).
//!
//! `cargo run --release --example connector_bench`

use std::io::Write as _;
use std::time::Instant;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

const REGIONS: usize = 1000;
const YEARS: usize = 100;
const MEASURES: usize = 100;

/// The document in pieces, each small: the header, then rows of values, then the end.
fn header() -> String {
    let regions: Vec<String> = (0..REGIONS).map(|r| format!("\"KU{r:03}\"")).collect();
    let years: Vec<String> = (0..YEARS).map(|y| format!("\"{}\"", 1926 + y)).collect();
    let measures: Vec<String> = (0..MEASURES).map(|m| format!("\"m{m}\"")).collect();
    format!(
        "{{\"version\":\"2.0\",\"class\":\"dataset\",\"source\":\"Generated\",\"updated\":\"2026-01-01T00:00:00Z\",\
         \"id\":[\"alue\",\"vuosi\",\"tiedot\"],\"size\":[{REGIONS},{YEARS},{MEASURES}],\"role\":{{\"time\":[\"vuosi\"]}},\
         \"dimension\":{{\"alue\":{{\"label\":\"Alue\",\"category\":{{\"index\":[{}]}}}},\
         \"vuosi\":{{\"label\":\"Vuosi\",\"category\":{{\"index\":[{}]}}}},\
         \"tiedot\":{{\"label\":\"Tiedot\",\"category\":{{\"index\":[{}]}}}}}},\"value\":[",
        regions.join(","),
        years.join(","),
        measures.join(",")
    )
}

fn region_rows(region: usize, out: &mut Vec<u8>) {
    out.clear();
    for year in 0..YEARS {
        for measure in 0..MEASURES {
            let first = region == 0 && year == 0 && measure == 0;
            let value = 100_000 + (region * 7919 + year * 104_729 + measure * 13) % 900_000;
            write!(out, "{}{value}", if first { "" } else { "," }).unwrap();
        }
    }
}

async fn serve(listener: tokio::net::TcpListener) {
    loop {
        let Ok((mut socket, _)) = listener.accept().await else {
            return;
        };
        tokio::spawn(async move {
            let mut request = vec![0u8; 8192];
            let _ = socket.read(&mut request).await;
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";
            socket.write_all(head.as_bytes()).await.unwrap();
            socket.write_all(header().as_bytes()).await.unwrap();
            let mut rows = Vec::new();
            for region in 0..REGIONS {
                region_rows(region, &mut rows);
                if socket.write_all(&rows).await.is_err() {
                    return;
                }
            }
            let _ = socket.write_all(b"]}").await;
        });
    }
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(serve(listener));
    let dir = tempfile::tempdir()?;
    let store = tarina::store::connect(&format!("sqlite://{}", dir.path().join("bench.db").display()).parse()?).await?;
    tarina::app::seed::seed_what_is_missing(store.as_ref()).await?;
    let (strategy, cascade) = tarina::app::current_outline(store.as_ref()).await?;
    let mut indicator = (**cascade
        .indicators
        .iter()
        .find(|i| i.slug.as_str() == "vakiluku")
        .unwrap())
    .clone();
    let settings = format!(
        r#"
        name = "bench"
        kind = "jsonstat"
        url = "http://{addr}/data.json"
        time = "Vuosi"
        value = "m7"
        interval = "P1M"
        [region]
        dimension = "Alue"
        map = {{ KU049 = "espoo", KU100 = "leppavaara", KU200 = "tapiola", KU300 = "matinkyla-olari", KU400 = "espoonlahti", KU500 = "espoon-keskus" }}
        "#
    );
    indicator.connector = Some(toml::from_str(&settings)?);
    let policy = tarina::connectors::fetch::FetchPolicy {
        allow_http: true,
        ..Default::default()
    };
    let cells = REGIONS * YEARS * MEASURES;
    println!("cells in the answer: {cells}; kept: {}", 6 * YEARS);
    println!("peak memory before: {:.1} MB", peak_rss_mb());
    for attempt in ["first run (all added)", "second run (all unchanged)"] {
        let started = Instant::now();
        let city = strategy.city.slug.as_str();
        let run =
            tarina::app::sync::sync_indicator(store.as_ref(), city, &cascade, &indicator, &policy, "benchmark").await?;
        anyhow::ensure!(run.error.is_none(), "{:?}", run.error);
        println!(
            "{attempt}: {:.2} s; {} read, {} added, {} corrected, {} unchanged; peak memory {:.1} MB",
            started.elapsed().as_secs_f64(),
            run.read,
            run.added,
            run.corrected,
            run.unchanged,
            peak_rss_mb()
        );
    }
    Ok(())
}
