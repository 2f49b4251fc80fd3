use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

use super::{AppError, AppState};

pub fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(healthz))
}

/// 200 when the database answers, 503 when it does not; load balancers take a server out on 503.
async fn healthz(State(state): State<AppState>) -> Result<Json<serde_json::Value>, AppError> {
    state.store.ping().await.map_err(AppError::Unavailable)?;
    Ok(Json(json!({ "status": "ok" })))
}
