//! Writes of published content: each takes the write turn, records what it changed in the change feed and
//! the change log, and commits all of it or nothing.

use super::{begin_write, cascade, finish, versions, Backend, Writing};
use crate::domain::cascade::{Cascade, YEARS};
use crate::domain::change::{Change, NewValue, OnExisting, RecordSummary};
use crate::domain::connector::{ConnectorSettings, ValueOrigin};
use crate::domain::{Dataset, IndicatorId, Strategy};
use crate::store::{StoreError, StoreResult};

#[async_trait::async_trait]
impl crate::store::ContentWrites for Backend {
    async fn save_strategy(&self, strategy: &Strategy, on_existing: OnExisting, change: &Change) -> StoreResult<()> {
        let mut writing = begin_write(&self.pool).await?;
        let stored = versions::store(&mut writing, strategy, on_existing, change).await;
        finish(writing, stored).await
    }

    async fn save_dataset(&self, dataset: &Dataset, on_existing: OnExisting, change: &Change) -> StoreResult<()> {
        let mut writing = begin_write(&self.pool).await?;
        let mut stored = versions::store(&mut writing, &dataset.strategy, on_existing, change).await;
        if stored.is_ok() {
            let city = dataset.strategy.city.slug.as_str();
            stored = cascade::store(&mut writing, city, &dataset.cascade, on_existing, change).await;
        }
        finish(writing, stored).await
    }

    async fn save_cascade(
        &self,
        city_slug: &str,
        cascade: &Cascade,
        on_existing: OnExisting,
        change: &Change,
    ) -> StoreResult<()> {
        let mut writing = begin_write(&self.pool).await?;
        let stored = cascade::store(&mut writing, city_slug, cascade, on_existing, change).await;
        finish(writing, stored).await
    }

    async fn record_values(&self, city_slug: &str, values: &[NewValue], change: &Change) -> StoreResult<RecordSummary> {
        self.record_values_from(city_slug, values, None, change).await
    }

    async fn record_values_if(
        &self,
        city_slug: &str,
        indicator: IndicatorId,
        expected: Option<&str>,
        values: &[NewValue],
        change: &Change,
    ) -> StoreResult<(RecordSummary, String)> {
        if values.iter().any(|v| v.indicator != indicator) {
            return Err(StoreError::constraint(format!(
                "a conditional write records values of indicator {indicator} only"
            )));
        }
        let mut writing = begin_write(&self.pool).await?;
        let written = record_if(&mut writing, city_slug, indicator, expected, values, change).await;
        match written {
            // Nothing changes: undo the data version's bump so no server looks for changes for nothing.
            Ok((summary, tag)) if summary.added + summary.corrected == 0 => {
                writing.rollback().await?;
                Ok((summary, tag))
            }
            written => finish(writing, written).await,
        }
    }

    async fn record_fetched_values(
        &self,
        city_slug: &str,
        values: &[NewValue],
        origin: &ValueOrigin,
        change: &Change,
    ) -> StoreResult<RecordSummary> {
        let origin = serde_json::to_string(origin).map_err(|e| StoreError::Other(e.into()))?;
        self.record_values_from(city_slug, values, Some(origin), change).await
    }

    async fn copy_targets(&self, city_slug: &str, from: i32, to: i32, change: &Change) -> StoreResult<usize> {
        if !YEARS.contains(&to) {
            return Err(StoreError::constraint(format!(
                "the budget year must be from 2000 to 2100, not {to}"
            )));
        }
        let mut writing = begin_write(&self.pool).await?;
        let copied = cascade::copy_targets(&mut writing, city_slug, from, to, change).await;
        finish(writing, copied).await
    }

    async fn set_connector(
        &self,
        city_slug: &str,
        indicator: IndicatorId,
        settings: Option<&ConnectorSettings>,
        change: &Change,
    ) -> StoreResult<bool> {
        let mut writing = begin_write(&self.pool).await?;
        match cascade::set_connector(&mut writing, city_slug, indicator, settings, change).await {
            // Nothing changes: undo the data version's bump so no server looks for changes for nothing.
            Ok(false) => {
                writing.rollback().await?;
                Ok(false)
            }
            set => finish(writing, set).await,
        }
    }
}

impl Backend {
    /// Records values, their new provenance keeping `origin` (a connector's, as JSON) when given.
    async fn record_values_from(
        &self,
        city_slug: &str,
        values: &[NewValue],
        origin: Option<String>,
        change: &Change,
    ) -> StoreResult<RecordSummary> {
        let mut writing = begin_write(&self.pool).await?;
        let recorded = cascade::record_values(&mut writing, city_slug, values, origin, change).await;
        match recorded {
            // Nothing changes: undo the data version's bump so no server looks for changes for nothing.
            Ok(summary) if summary.added + summary.corrected == 0 => {
                writing.rollback().await?;
                Ok(summary)
            }
            recorded => finish(writing, recorded).await,
        }
    }
}

/// Records values of `indicator` in a write whose turn is taken, so that no other write can come between the
/// check of `expected` and the values written; the tag of the state left, read in the same transaction.
async fn record_if(
    writing: &mut Writing,
    city_slug: &str,
    indicator: IndicatorId,
    expected: Option<&str>,
    values: &[NewValue],
    change: &Change,
) -> StoreResult<(RecordSummary, String)> {
    let missing = || StoreError::not_found(format!("there is no indicator {indicator}"));
    let before = cascade::indicator_state(&mut writing.tx, city_slug, indicator)
        .await?
        .ok_or_else(missing)?;
    if expected.is_some_and(|tag| tag != before.tag()) {
        return Err(StoreError::Stale(format!(
            "the values of indicator {indicator} have changed since they were read"
        )));
    }
    let summary = cascade::record_values(writing, city_slug, values, None, change).await?;
    let after = cascade::indicator_state(&mut writing.tx, city_slug, indicator)
        .await?
        .ok_or_else(missing)?;
    Ok((summary, after.tag()))
}
