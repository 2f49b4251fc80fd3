//! `tarina sync [INDICATOR…]`: fetch indicators' published values now, or list the last runs (`--status`).

use crate::connectors::fetch::FetchPolicy;
use crate::store::connectors::{ConnectorRun, RunFilter, RunOutcome};
use crate::store::{self, DatabaseUrl};

use super::SyncArgs;

pub async fn sync(database: &DatabaseUrl, args: SyncArgs) -> anyhow::Result<()> {
    let store = store::connect(database).await?;
    let (strategy, cascade) = crate::app::current_outline(store.as_ref()).await?;
    let city = strategy.city.slug.as_str();
    if args.status {
        let runs = store.runs(city, None, RunFilter::All, args.limit).await?;
        if runs.is_empty() {
            println!("no connector has run yet");
        }
        for run in &runs {
            println!("{}", describe(run));
        }
        return Ok(());
    }
    let indicators = crate::app::sync::chosen(&cascade, &args.indicators)?;
    anyhow::ensure!(!indicators.is_empty(), "no indicator of {city} has a connector");
    let policy = FetchPolicy {
        allow_http: args.allow_http,
        timeout_ms: args.timeout_ms,
        max_bytes: args.max_bytes,
    };
    let mut failed = 0;
    for indicator in indicators {
        let run =
            crate::app::sync::sync_indicator(store.as_ref(), city, &cascade, indicator, &policy, "tarina sync").await?;
        if run.outcome == RunOutcome::Failed {
            failed += 1;
        }
        println!("{} ({}): {}", indicator.slug, indicator.id, describe(&run));
    }
    anyhow::ensure!(
        failed == 0,
        "{failed} connector(s) failed; nothing of theirs was recorded"
    );
    Ok(())
}

fn describe(run: &ConnectorRun) -> String {
    let when = run.finished_at.format("%Y-%m-%d %H:%M:%S");
    match run.outcome {
        RunOutcome::Succeeded => format!(
            "{when} {} indicator {} succeeded: {} read, {} missing; {} added, {} corrected, {} unchanged{}",
            run.connector,
            run.indicator,
            run.read,
            run.missing,
            run.added,
            run.corrected,
            run.unchanged,
            run.source_updated
                .as_ref()
                .map(|u| format!(" (source updated {u})"))
                .unwrap_or_default()
        ),
        RunOutcome::Failed => format!(
            "{when} {} indicator {} failed: {}",
            run.connector,
            run.indicator,
            run.error.as_deref().unwrap_or("no error recorded")
        ),
    }
}
