//! Builds the synthetic cascade the benchmark in BENCHMARKS.md runs on: the bundled strategy with 10,000
//! indicators and 100 regions, where indicator 1 holds 1,000,000 values (100 regions × 10,000 days) and the
//! others ten yearly values each. Stores it into a database, then times deriving the status of every
//! indicator in-process (what the situational picture and `/api/v1/indicators` do on each render).
//!
//! `cargo run --release --example synthetic_cascade -- sqlite:///tmp/synthetic.db [INDICATORS [DAYS]]`: the
//! optional counts make smaller data of the same shape, as CI's check of the paged indicator list uses.

use std::sync::Arc;
use std::time::Instant;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use tarina::data::bundled_dataset;
use tarina::domain::cascade::*;
use tarina::domain::change::{Change, OnExisting};
use tarina::domain::indicator::Direction;
use tarina::domain::situation;
use tarina::domain::{GoalId, IndicatorId, LocalizedText, Slug};

const INDICATORS: u32 = 10_000;
const REGIONS: usize = 100;
const DAYS: i64 = 10_000;

/// The `n`th argument as a count, or `default` when not given.
fn count<T: std::str::FromStr>(n: usize, default: T) -> anyhow::Result<T> {
    match std::env::args().nth(n) {
        Some(text) => text
            .parse()
            .map_err(|_| anyhow::anyhow!("argument {n} should be a whole number, not {text:?}")),
        None => Ok(default),
    }
}

fn text(fi: String) -> LocalizedText {
    LocalizedText::finnish_only(fi)
}

fn reference(date: NaiveDate, value: f64) -> Reference {
    Reference {
        date,
        value,
        basis: text("synteettinen".into()),
        example: true,
        approximate: false,
        date_assumed: false,
    }
}

fn main() -> anyhow::Result<()> {
    let url = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "sqlite:///tmp/synthetic.db".into());
    let (indicators, days) = (count(2, INDICATORS)?, count(3, DAYS)?);
    let mut dataset = bundled_dataset()?;
    let provenance = Arc::new(Provenance {
        source: LocalizedText::finnish_only("synthetic benchmark data"),
        entered_by: "example:synthetic_cascade".into(),
        entered_at: Utc.with_ymd_and_hms(2026, 11, 27, 0, 0, 0).unwrap(),
        example: true,
    });
    let cascade = &mut dataset.cascade;
    let regions: Vec<Slug> = (0..REGIONS)
        .map(|i| Slug::parse(&format!("alue-{i:03}")).unwrap())
        .collect();
    cascade.regions.extend(regions.iter().skip(1).map(|slug| Region {
        slug: slug.clone(),
        kind: RegionKind::LocalCentre,
        name: text(format!("Alue {slug}")),
    }));
    let mut all_regions = vec![Slug::parse("espoo").unwrap()];
    all_regions.extend(regions.iter().skip(1).cloned());
    let start = NaiveDate::from_ymd_opt(1999, 1, 1).unwrap();
    let goals = 42u32;
    cascade.indicators = (1..=indicators)
        .map(|id| {
            let many = id == 1;
            let regions = if many {
                all_regions.clone()
            } else {
                vec![all_regions[0].clone()]
            };
            let series = regions
                .iter()
                .enumerate()
                .map(|(r, region)| {
                    let values = if many {
                        (0..days)
                            .map(|d| Measurement {
                                date: start + Duration::days(d),
                                value: 60.0 + (d as f64) / 1000.0 + (r as f64) / 10.0,
                                provenance: provenance.clone(),
                            })
                            .collect()
                    } else {
                        (0..10)
                            .map(|y| Measurement {
                                date: NaiveDate::from_ymd_opt(2010 + y, 12, 31).unwrap(),
                                value: f64::from(id % 97) + f64::from(y) * 0.7,
                                provenance: provenance.clone(),
                            })
                            .collect()
                    };
                    Series {
                        region: region.clone(),
                        values: Arc::new(values),
                    }
                })
                .collect();
            std::sync::Arc::new(Indicator {
                id: IndicatorId::new(id).unwrap(),
                slug: Slug::parse(&format!("mittari-{id}")).unwrap(),
                name: text(format!("Mittari {id}")),
                definition: text(format!("Synteettinen mittari {id}")),
                unit: text("%".into()),
                decimals: 1,
                direction: if id % 2 == 0 {
                    Direction::Increase
                } else {
                    Direction::Decrease
                },
                baseline: Some(reference(
                    NaiveDate::from_ymd_opt(2010, 12, 31).unwrap(),
                    f64::from(id % 97),
                )),
                target: Some(reference(
                    NaiveDate::from_ymd_opt(2030, 12, 31).unwrap(),
                    f64::from(id % 97) + 10.0,
                )),
                milestones: vec![],
                projections: vec![],
                source: text("synteettinen".into()),
                licence: Some("CC0".into()),
                frequency: Frequency::Annual,
                regions,
                goals: vec![GoalId::new(1 + id % goals).unwrap()],
                series,
                corrections: vec![],
                connector: None,
            })
        })
        .collect();

    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let store = tarina::store::connect(&url.parse()?).await?;
        let began = Instant::now();
        let change = Change {
            actor: "example:synthetic_cascade".into(),
            reason: "benchmark data".into(),
        };
        store.save_dataset(&dataset, OnExisting::Replace, &change).await?;
        println!(
            "stored {} indicators and {} values in {:.1?}",
            dataset.cascade.indicators.len(),
            dataset
                .cascade
                .indicators
                .iter()
                .map(|i| i.value_count())
                .sum::<usize>(),
            began.elapsed()
        );
        let began = Instant::now();
        let loaded = store.cascade("espoo").await?;
        println!("read the cascade back in {:.1?}", began.elapsed());
        for round in 1..=5 {
            let began = Instant::now();
            let statuses: Vec<_> = loaded.indicators.iter().map(|i| situation::judge(i).status).collect();
            let judged = began.elapsed();
            let began = Instant::now();
            let forecasts = loaded.indicators.iter().filter_map(|i| situation::forecast(i)).count();
            println!(
                "round {round}: status of {} indicators in {judged:.1?}; {forecasts} forecasts in {:.1?}",
                statuses.len(),
                began.elapsed()
            );
        }
        anyhow::Ok(())
    })
}
