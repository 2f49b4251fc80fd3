//! Syncing indicators with their published sources (`tarina sync`, the `sync-indicator` job): fetch what the
//! connector selects, record it through the values use case in one transaction, and record the run, whether
//! it succeeded or not. A failed fetch writes no value; an unchanged answer writes none either.

use chrono::Utc;

use crate::connectors::fetch::{fetch, FetchPolicy};
use crate::domain::cascade::{Cascade, Indicator};
use crate::domain::change::{Change, NewValue, RecordSummary};
use crate::domain::connector::{ConnectorSettings, ValueOrigin};
use crate::domain::Slug;
use crate::store::connectors::{ConnectorRun, RunOutcome};
use crate::store::Store;

/// The change a connector's values carry: actor `connector:<name>`.
pub fn connector_change(settings: &ConnectorSettings, reason: &str) -> Change {
    Change::new(format!("connector:{}", settings.name), reason)
}

/// The indicators `wanted` names (ids or slugs; every indicator with a connector when empty), or an error
/// naming those that are unknown or have no connector.
pub fn chosen<'a>(cascade: &'a Cascade, wanted: &[String]) -> anyhow::Result<Vec<&'a Indicator>> {
    if wanted.is_empty() {
        return Ok(cascade
            .indicators
            .iter()
            .map(|i| &**i)
            .filter(|i| i.connector.is_some())
            .collect());
    }
    let mut chosen = Vec::new();
    let mut problems = Vec::new();
    for name in wanted {
        let found = cascade
            .indicators
            .iter()
            .find(|i| i.slug.as_str() == name || i.id.to_string() == *name);
        match found {
            Some(indicator) if indicator.connector.is_some() => chosen.push(&**indicator),
            Some(indicator) => problems.push(format!(
                "indicator {} ({}) has no connector",
                indicator.id, indicator.slug
            )),
            None => problems.push(format!("no indicator has the id or slug {name:?}")),
        }
    }
    anyhow::ensure!(problems.is_empty(), "{}", problems.join("; "));
    Ok(chosen)
}

/// Syncs one indicator of `city` and records the run. The run is returned whether the sync succeeded or
/// failed; an error is returned only when not even the run could be recorded.
pub async fn sync_indicator(
    store: &dyn Store,
    city: &str,
    cascade: &Cascade,
    indicator: &Indicator,
    policy: &FetchPolicy,
    reason: &str,
) -> anyhow::Result<ConnectorRun> {
    let settings = indicator
        .connector
        .as_ref()
        .ok_or_else(|| anyhow::anyhow!("indicator {} has no connector", indicator.id))?;
    let started_at = Utc::now();
    let mut run = ConnectorRun {
        id: 0,
        city: city.to_owned(),
        indicator: i64::from(indicator.id.get()),
        connector: settings.name.clone(),
        url: settings.url.clone(),
        started_at,
        finished_at: started_at,
        outcome: RunOutcome::Succeeded,
        read: 0,
        missing: 0,
        added: 0,
        corrected: 0,
        unchanged: 0,
        source_updated: None,
        error: None,
    };
    match fetch_and_record(store, city, cascade, indicator, settings, policy, reason, &mut run).await {
        Ok(summary) => {
            run.added = summary.added as i64;
            run.corrected = summary.corrected as i64;
            run.unchanged = summary.unchanged as i64;
        }
        Err(error) => {
            run.outcome = RunOutcome::Failed;
            run.error = Some(format!("{error:#}"));
        }
    }
    run.finished_at = Utc::now();
    run.id = store.record_run(&run).await?;
    Ok(run)
}

#[allow(clippy::too_many_arguments)]
async fn fetch_and_record(
    store: &dyn Store,
    city: &str,
    cascade: &Cascade,
    indicator: &Indicator,
    settings: &ConnectorSettings,
    policy: &FetchPolicy,
    reason: &str,
    run: &mut ConnectorRun,
) -> anyhow::Result<RecordSummary> {
    let fetched = fetch(settings, indicator.decimals, policy).await?;
    let extracted = fetched.extracted;
    run.read = extracted.observations.len() as i64;
    run.missing = extracted.missing as i64;
    run.source_updated.clone_from(&extracted.updated);
    let source = value_source(indicator, settings, extracted.source.as_deref());
    let values = extracted
        .observations
        .iter()
        .map(|o| {
            Ok(NewValue {
                indicator: indicator.id,
                region: Slug::parse(&o.region)?,
                date: o.date,
                value: o.value,
                source: source.clone(),
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let origin = ValueOrigin {
        connector: settings.name.clone(),
        url: settings.url.clone(),
        table: settings.table.clone(),
        query: settings.query.clone(),
        fetched_at: fetched.fetched_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        source_updated: extracted.updated,
    };
    let change = connector_change(settings, reason);
    super::values::record_fetched_values(store, city, cascade, &values, &origin, &change)
        .await
        .map_err(|e| anyhow::anyhow!("connector {}: {}: {e:#}", settings.name, settings.url))
}

/// The source a fetched value shows: the publisher's own name for it and the table. It stays the same from
/// one run to the next, so an unchanged figure is not a correction.
fn value_source(indicator: &Indicator, settings: &ConnectorSettings, stated: Option<&str>) -> String {
    let publisher = stated.unwrap_or(&indicator.source.fi);
    match &settings.table {
        Some(table) => format!("{publisher}, taulukko {table}"),
        None => publisher.to_owned(),
    }
}
