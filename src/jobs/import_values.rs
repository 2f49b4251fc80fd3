//! Importing a values file in the background: for files too large to wait for, and for uploads that should
//! not hold a request open. The file travels in the job, so any server can run it.

use std::sync::Arc;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::BackgroundJob;
use crate::domain::change::Change;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportValues {
    /// The file's name, for messages.
    pub file: String,
    /// The file's text (UTF-8).
    pub csv: String,
    /// Who asked for the import and why; the values and the change log carry them.
    pub actor: String,
    pub reason: String,
}

#[async_trait]
impl BackgroundJob for ImportValues {
    const KIND: &'static str = "import-values";
    /// A file that is wrong stays wrong; a few tries cover a database that was briefly away.
    const MAX_ATTEMPTS: u32 = 3;

    async fn run(self, store: Arc<dyn Store>) -> anyhow::Result<()> {
        let change = Change::new(self.actor, self.reason);
        let report =
            crate::app::values::import_values(store.as_ref(), &self.file, self.csv.as_bytes(), &change).await?;
        tracing::info!(
            file = self.file,
            read = report.read,
            added = report.summary.added,
            corrected = report.summary.corrected,
            "imported values in the background"
        );
        Ok(())
    }
}
