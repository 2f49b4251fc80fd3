//! What the public side reads: the current strategy version and a city's cascade, each in one snapshot.

use super::{begin_read, cascade, versions, Backend};
use crate::domain::cascade::Cascade;
use crate::domain::revision::ValuesState;
use crate::domain::{IndicatorId, Strategy, VersionSummary};
use crate::store::{Audience, StoreResult};

#[async_trait::async_trait]
impl crate::store::PublishedReads for Backend {
    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn data_version(&self) -> StoreResult<i64> {
        Ok(
            sqlx::query_scalar::<_, i64>("SELECT version FROM data_version WHERE id = 1")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    async fn current_strategy(&self) -> StoreResult<Option<Strategy>> {
        let mut tx = begin_read(&self.pool).await?;
        let Some(rows) = versions::read_current(&mut tx).await? else {
            // Ended now, not on drop, for the reason `finish` gives.
            tx.rollback().await?;
            return Ok(None);
        };
        tx.commit().await?;
        Ok(Some(rows.into_strategy()?))
    }

    async fn versions(&self, audience: Audience) -> StoreResult<Vec<VersionSummary>> {
        let mut tx = begin_read(&self.pool).await?;
        let versions = versions::list(&mut tx, audience).await?;
        tx.commit().await?;
        Ok(versions)
    }

    async fn strategy_version(&self, label: &str, audience: Audience) -> StoreResult<Option<Strategy>> {
        let mut tx = begin_read(&self.pool).await?;
        let rows = versions::read_labelled(&mut tx, label, audience).await?;
        // Ended now, not on drop, for the reason `finish` gives.
        tx.commit().await?;
        Ok(rows.map(|rows| rows.into_strategy()).transpose()?)
    }

    async fn cascade(&self, city: &str) -> StoreResult<Cascade> {
        Ok(cascade::read(&self.pool, city, true).await?)
    }

    async fn cascade_outline(&self, city: &str) -> StoreResult<Cascade> {
        Ok(cascade::read(&self.pool, city, false).await?)
    }

    async fn indicator_state(&self, city: &str, indicator: IndicatorId) -> StoreResult<Option<ValuesState>> {
        let mut tx = begin_read(&self.pool).await?;
        let state = cascade::indicator_state(&mut tx, city, indicator).await?;
        tx.commit().await?;
        Ok(state)
    }
}
