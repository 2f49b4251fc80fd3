//! The connectors of the city's indicators as staff see them: where each fetches its values, how often, and
//! how its last run went, with the error in full when it failed. Any staff role may look (it is internal,
//! not secret); `tarina sync --status` lists the same runs on the command line. Those who may edit an
//! indicator's definition find links to edit its connector here.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::connector_settings::may_edit;
use super::view::StaffPage;
use super::{parse_lang, Signed};
use crate::domain::access::policy::{permits, Operation, Subject};
use crate::domain::Lang;
use crate::http::routes::indicator_page;
use crate::http::{AppError, AppState};
use crate::store::connectors::{ConnectorRun, RunOutcome};

#[derive(Serialize)]
struct ConnectorLine {
    id: u32,
    name: String,
    /// The indicator's public page in the page's language.
    href: String,
    connector: String,
    kind: &'static str,
    table: Option<String>,
    url: String,
    interval: String,
    /// Whether the person may edit the settings (those who may edit the indicator's definition).
    editable: bool,
    last_run: Option<RunView>,
    /// The end of the latest successful run, which the public page shows as the last check.
    checked: Option<String>,
}

#[derive(Serialize)]
struct RunView {
    finished_at: String,
    succeeded: bool,
    read: i64,
    missing: i64,
    added: i64,
    corrected: i64,
    unchanged: i64,
    source_updated: Option<String>,
    /// Shown as text, however it reads: an error quotes what a remote server sent.
    error: Option<String>,
}

/// An indicator without a connector that the person may give one.
#[derive(Serialize)]
struct Unconnected {
    id: u32,
    name: String,
}

#[derive(Serialize)]
struct ConnectorsView {
    connectors: Vec<ConnectorLine>,
    unconnected: Vec<Unconnected>,
}

fn name(lang: Lang, indicator: &crate::domain::cascade::Indicator) -> String {
    indicator
        .name
        .get(lang)
        .or_else(|| indicator.name.get(Lang::Fi))
        .unwrap_or_default()
        .to_owned()
}

fn when(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn run_view(run: ConnectorRun) -> RunView {
    RunView {
        finished_at: when(run.finished_at),
        succeeded: run.outcome == RunOutcome::Succeeded,
        read: run.read,
        missing: run.missing,
        added: run.added,
        corrected: run.corrected,
        unchanged: run.unchanged,
        source_updated: run.source_updated,
        error: run.error,
    }
}

pub async fn list(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let snapshot = state.snapshot();
    if !permits(
        &signed.account,
        Operation::ViewInternal,
        Subject::Any,
        &snapshot.cascade.organisations,
    ) {
        return Err(AppError::Forbidden {
            detail: "problem-detail-forbidden",
        });
    }
    let city = snapshot.strategy.city.slug.as_str();
    let mut latest: HashMap<i64, ConnectorRun> = state
        .store
        .latest_runs(city)
        .await?
        .into_iter()
        .map(|run| (run.indicator, run))
        .collect();
    // Read now rather than from the snapshot, which may be a refresh interval behind the run just made.
    let checks = state.store.last_checks(city).await?;
    let connectors = snapshot
        .cascade
        .indicators
        .iter()
        .filter_map(|indicator| {
            let settings = indicator.connector.as_ref()?;
            let id = i64::from(indicator.id.get());
            Some(ConnectorLine {
                id: indicator.id.get(),
                name: name(lang, indicator),
                href: indicator_page(indicator).path(lang),
                connector: settings.name.clone(),
                kind: settings.kind.as_str(),
                table: settings.table.clone(),
                url: settings.url.clone(),
                interval: String::from(settings.interval.clone()),
                editable: may_edit(&signed, &snapshot.cascade, indicator),
                last_run: latest.remove(&id).map(run_view),
                checked: checks.get(&id).copied().map(when),
            })
        })
        .collect();
    let unconnected = snapshot
        .cascade
        .indicators
        .iter()
        .filter(|indicator| indicator.connector.is_none() && may_edit(&signed, &snapshot.cascade, indicator))
        .map(|indicator| Unconnected {
            id: indicator.id.get(),
            name: name(lang, indicator),
        })
        .collect();
    let page = StaffPage {
        lang,
        path: "/connectors",
        title_key: "staff-connectors-title",
        signed: Some(&signed),
    };
    page.respond(
        &state,
        "staff/connectors.html",
        ConnectorsView {
            connectors,
            unconnected,
        },
    )
}
