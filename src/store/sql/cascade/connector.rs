//! Setting an indicator's connector from the staff pages: the settings as JSON in the indicator's row, an
//! outline entry in the change feed (the indicator's page names its connector and table), and the change
//! log entry with the settings before and after, so the audit log shows who changed where values come from.

use super::{city_or_not_found, instant, Writing};
use crate::domain::change::Change;
use crate::domain::connector::ConnectorSettings;
use crate::domain::IndicatorId;
use crate::store::feed::FeedEntry;
use crate::store::{StoreError, StoreResult};

/// Whether anything changed: settings equal to those stored write nothing.
pub(in super::super) async fn set_connector(
    writing: &mut Writing,
    city_slug: &str,
    indicator: IndicatorId,
    settings: Option<&ConnectorSettings>,
    change: &Change,
) -> StoreResult<bool> {
    let tx = &mut writing.tx;
    let city = city_or_not_found(tx, city_slug).await?;
    let id = i64::from(indicator.get());
    let before: Option<String> =
        sqlx::query_scalar::<_, Option<String>>("SELECT connector FROM indicators WHERE city_id = $1 AND id = $2")
            .bind(city)
            .bind(id)
            .fetch_optional(&mut **tx)
            .await
            .map_err(anyhow::Error::from)?
            .ok_or_else(|| StoreError::not_found(format!("{city_slug} has no indicator {indicator}")))?;
    let after = settings
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StoreError::Other(e.into()))?;
    let parsed = |json: &Option<String>| {
        json.as_deref()
            .and_then(|j| serde_json::from_str::<ConnectorSettings>(j).ok())
    };
    if parsed(&before).as_ref() == settings {
        return Ok(false);
    }
    sqlx::query("UPDATE indicators SET connector = $3 WHERE city_id = $1 AND id = $2")
        .bind(city)
        .bind(id)
        .bind(&after)
        .execute(&mut **tx)
        .await
        .map_err(anyhow::Error::from)?;
    let summary = match settings {
        Some(settings) => format!(
            "indicator {indicator} fetches its values with the {} connector {}",
            settings.kind.as_str(),
            settings.name
        ),
        None => format!("indicator {indicator} no longer fetches its values"),
    };
    sqlx::query(
        "INSERT INTO change_log (at, actor, reason, city_slug, version_label, summary, action, subject, \
         before_json, after_json) VALUES ($1, $2, $3, $4, '', $5, 'indicator.connector', $6, $7, $8)",
    )
    .bind(instant(chrono::Utc::now()))
    .bind(&change.actor)
    .bind(&change.reason)
    .bind(city_slug)
    .bind(summary)
    .bind(format!("indicator:{indicator}"))
    .bind(before)
    .bind(after)
    .execute(&mut **tx)
    .await
    .map_err(anyhow::Error::from)?;
    writing.record(city_slug, FeedEntry::Outline);
    Ok(true)
}
