//! How small and how slow each brotli and gzip level is on real response bodies: the measurement behind the
//! levels in `src/http/compression.rs` (brotli 11, or 9 above 256 KiB, and gzip 9 once per snapshot; brotli 4
//! and gzip 5 per request). `bench/run.sh` saves the bodies with curl and runs this on them.
//!
//! `cargo run --release --example compression_levels -- FILE...`

use std::io::Write as _;
use std::time::{Duration, Instant};

/// The median of a few runs, so one descheduled run on a shared machine does not decide.
fn median_time(mut compress: impl FnMut() -> usize) -> (usize, Duration) {
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..5 {
        let started = Instant::now();
        size = compress();
        times.push(started.elapsed());
    }
    times.sort();
    (size, times[times.len() / 2])
}

fn brotli(body: &[u8], quality: i32) -> usize {
    let params = brotli::enc::BrotliEncoderParams {
        quality,
        size_hint: body.len(),
        // The smallest window that holds the body, as the server uses.
        lgwin: (body.len() + 16).next_power_of_two().trailing_zeros().clamp(10, 22) as i32,
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &body[..], &mut out, &params).expect("writing into a Vec cannot fail");
    out.len()
}

fn gzip(body: &[u8], level: u32) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
    encoder.write_all(body).expect("writing into a Vec cannot fail");
    encoder.finish().expect("writing into a Vec cannot fail").len()
}

fn main() -> std::io::Result<()> {
    println!("| body | coding | level | bytes | % of identity | time |");
    println!("|---|---|---:|---:|---:|---:|");
    for path in std::env::args().skip(1) {
        let body = std::fs::read(&path)?;
        let name = std::path::Path::new(&path)
            .file_name()
            .map_or(path.clone(), |n| n.to_string_lossy().into_owned());
        println!("| {name} | identity | – | {} | 100 % | – |", body.len());
        let row = |coding: &str, level: u32, (size, time): (usize, Duration)| {
            println!(
                "| {name} | {coding} | {level} | {size} | {:.1} % | {:.2} ms |",
                size as f64 * 100.0 / body.len() as f64,
                time.as_secs_f64() * 1000.0
            );
        };
        for quality in [4, 5, 6, 9, 10, 11] {
            row("br", quality, median_time(|| brotli(&body, quality as i32)));
        }
        for level in [1, 5, 6, 9] {
            row("gzip", level, median_time(|| gzip(&body, level)));
        }
    }
    Ok(())
}
