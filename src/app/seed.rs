//! Loading whole strategies: on first start, on upgrade and on `tarina seed`.

use anyhow::Context as _;

use crate::domain::change::{Change, OnExisting};
use crate::domain::Dataset;
use crate::store::{Store, StoreError};

/// Brings in the bundled data a database lacks: everything when nothing was ever written to it (every
/// write takes a new data version, so 0 means new), and the cascade alone when it holds exactly the
/// bundled strategy but no cascade, as a database seeded by a release without the cascade does. A database
/// whose strategy is the bundled city's also gets the bundled surveys it lacks.
pub async fn seed_what_is_missing(store: &dyn Store) -> anyhow::Result<()> {
    let dataset = crate::data::bundled_dataset().context("the bundled strategy does not load")?;
    strategy_and_cascade(store, &dataset).await?;
    bundled_surveys(store, &dataset).await
}

/// The bundled surveys, for a database that holds a strategy of the bundled city: they are about its goals.
async fn bundled_surveys(store: &dyn Store, dataset: &Dataset) -> anyhow::Result<()> {
    let city = &dataset.strategy.city.slug;
    if store.current_strategy().await?.is_some_and(|s| s.city.slug == *city) {
        crate::app::surveys::add_bundled(store, city.as_str(), chrono::Utc::now()).await?;
    }
    Ok(())
}

async fn strategy_and_cascade(store: &dyn Store, dataset: &Dataset) -> anyhow::Result<()> {
    if store.data_version().await? == 0 {
        let change = Change::new("system:first-start", "seed an empty database with the bundled strategy");
        return accept_existing(store.save_dataset(dataset, OnExisting::Refuse, &change).await);
    }
    if store.current_strategy().await?.as_ref() != Some(&dataset.strategy) {
        return Ok(());
    }
    let city = dataset.strategy.city.slug.as_str();
    let change = Change::new(
        "system:upgrade",
        "add the bundled cascade to a database seeded before the cascade existed",
    );
    // The store checks for a cascade inside the write, so this costs one short transaction when there is one.
    let saved = store
        .save_cascade(city, &dataset.cascade, OnExisting::Refuse, &change)
        .await;
    if saved.is_ok() {
        tracing::info!(city, "added the bundled cascade to a database that had none");
    }
    accept_existing(saved)
}

/// Another server sharing the database stored the same data first: that is fine.
fn accept_existing(saved: Result<(), StoreError>) -> anyhow::Result<()> {
    match saved {
        Ok(()) | Err(StoreError::Conflict(_)) => Ok(()),
        Err(error) => Err(error.into()),
    }
}

/// Stores a whole dataset (a strategy version and its cascade), checked completely before the store is
/// touched, so a bad folder changes nothing.
/// Stores `dataset`; when it is the bundled city's strategy, the bundled surveys about its goals come with it.
pub async fn seed(
    store: &dyn Store,
    dataset: &Dataset,
    on_existing: OnExisting,
    change: &Change,
) -> anyhow::Result<()> {
    store.save_dataset(dataset, on_existing, change).await?;
    let bundled = crate::data::bundled_dataset().context("the bundled strategy does not load")?;
    bundled_surveys(store, &bundled).await
}
