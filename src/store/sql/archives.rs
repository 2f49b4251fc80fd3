//! Whole-database copies: everything in the export format, read in one snapshot or loaded in one write.

use super::{begin_read, begin_write, cascade, city_id, finish, log_change, versions, Backend, Writing};
use crate::store::export::{ChangeLogRow, Export, ExportedCascade, ExportedVersion, FORMAT, FORMAT_VERSION};
use crate::store::feed::FeedEntry;
use crate::store::{StoreError, StoreResult};

#[async_trait::async_trait]
impl crate::store::Archives for Backend {
    async fn export(&self) -> StoreResult<Export> {
        let mut tx = begin_read(&self.pool).await?;
        let listed: Vec<(i64, String, String, String, Option<String>, String, String)> = sqlx::query_as(
            "SELECT v.id, c.slug, v.label, v.status, v.approved_on, v.council_term, v.created_at \
             FROM strategy_versions v JOIN cities c ON c.id = v.city_id ORDER BY c.slug, v.label",
        )
        .fetch_all(&mut *tx)
        .await?;
        let mut exported_versions = Vec::new();
        for (id, city_slug, label, status, approved_on, council_term, created_at) in listed {
            let version = (id, city_slug, label, status, approved_on, council_term);
            let mut rows = versions::read_rows(&mut tx, version).await?;
            rows.canonicalize();
            exported_versions.push(ExportedVersion { created_at, rows });
        }
        let cities: Vec<(i64, String)> = sqlx::query_as("SELECT id, slug FROM cities ORDER BY slug")
            .fetch_all(&mut *tx)
            .await?;
        let mut cascades = Vec::new();
        for (city, city_slug) in cities {
            if cascade::has_cascade(&mut tx, city).await? {
                let mut rows = cascade::read_rows(&mut tx, city).await?;
                rows.canonicalize();
                let action_updates = cascade::read_update_rows(&mut tx, city).await?;
                cascades.push(ExportedCascade {
                    city_slug,
                    rows,
                    action_updates,
                });
            }
        }
        let change_log: Vec<ChangeLogRow> =
            sqlx::query_as("SELECT at, actor, reason, city_slug, version_label, summary FROM change_log ORDER BY id")
                .fetch_all(&mut *tx)
                .await?;
        tx.commit().await?;
        Ok(Export {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            versions: exported_versions,
            cascades,
            change_log,
        })
    }

    async fn import(&self, export: &Export) -> StoreResult<()> {
        let mut writing = begin_write(&self.pool).await?;
        let imported = import_in(&mut writing, export).await;
        finish(writing, imported).await
    }

    async fn backup(&self, target: &std::path::Path) -> StoreResult<()> {
        Ok(self.backup_to(target).await?)
    }
}

async fn import_in(writing: &mut Writing, export: &Export) -> StoreResult<()> {
    writing.record("", FeedEntry::Replace);
    let tx = &mut writing.tx;
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM strategy_versions")
        .fetch_one(&mut **tx)
        .await?;
    if held != 0 {
        return Err(StoreError::conflict(format!(
            "the database already holds {held} strategy version(s); import into an empty database"
        )));
    }
    for version in &export.versions {
        let city = city_id(tx, &version.rows.version.city_slug).await?;
        versions::write_rows(tx, city, &version.rows, &version.created_at).await?;
    }
    for cascade in &export.cascades {
        let city = city_id(tx, &cascade.city_slug).await?;
        cascade::write_rows(tx, city, &cascade.rows).await?;
        cascade::write_update_rows(tx, city, &cascade.action_updates).await?;
    }
    for entry in &export.change_log {
        log_change(tx, entry).await?;
    }
    Ok(())
}
