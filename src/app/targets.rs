//! The yearly round of performance targets.

use crate::domain::change::Change;
use crate::store::Store;

/// Copies every target of budget year `from` to `to` (which must have none), without the assessments;
/// returns how many were copied.
pub async fn copy_targets(store: &dyn Store, from: i32, to: i32, change: &Change) -> anyhow::Result<usize> {
    let (strategy, _) = super::current_outline(store).await?;
    Ok(store
        .copy_targets(strategy.city.slug.as_str(), from, to, change)
        .await?)
}
