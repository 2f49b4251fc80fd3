//! What the current strategy and its cascade lack, for `tarina lint` and, later, the strategy office's pages.

use crate::lint::Finding;
use crate::store::Store;

/// The findings about the current strategy, with the strategy's label and the budget year checked.
pub struct LintReport {
    pub findings: Vec<Finding>,
    pub version: String,
    pub city: String,
    /// The budget year whose targets the council goals were checked against, if any year has targets.
    pub year: Option<i32>,
}

pub async fn lint(store: &dyn Store, year: Option<i32>) -> anyhow::Result<LintReport> {
    let (strategy, cascade) = super::current_outline(store).await?;
    Ok(LintReport {
        findings: crate::lint::lint(&strategy, &cascade, year),
        version: strategy.version.to_string(),
        city: strategy.city.slug.to_string(),
        year: crate::lint::checked_year(&cascade, year),
    })
}
