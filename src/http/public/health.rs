use std::sync::atomic::Ordering;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

use crate::http::{AppError, AppState};

pub fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(healthz))
}

/// 200 when the database answers, 503 when it does not; load balancers take a server out on 503. The
/// snapshot figures tell an operator (and the benchmarks) which data version this server serves and what
/// keeping it current has cost.
async fn healthz(State(state): State<AppState>) -> Result<Json<serde_json::Value>, AppError> {
    state.store.ping().await.map_err(|e| AppError::Unavailable(e.into()))?;
    let stats = state.snapshot_stats();
    Ok(Json(json!({
        "status": "ok",
        "snapshot": {
            "data_version": state.snapshot().data_version,
            "changes_applied": stats.changes_applied.load(Ordering::Relaxed),
            "deltas_applied": stats.deltas_applied.load(Ordering::Relaxed),
            "full_reloads": stats.full_reloads.load(Ordering::Relaxed),
            "checks_applied": stats.checks_applied.load(Ordering::Relaxed),
        }
    })))
}
