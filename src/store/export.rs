//! The whole content of an instance as one versioned JSON document, for moving an instance between
//! backends (`tarina export` / `tarina import`). The same data always gives the same bytes.

use serde::{Deserialize, Serialize};

use super::rows::StrategyRows;

/// The value of `format` in every export file.
pub const FORMAT: &str = "tarina-export";
/// Raised whenever the layout changes; `import` refuses versions it does not know.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    pub format: String,
    pub format_version: u32,
    /// Every strategy version of every city, ordered by city and version label.
    pub versions: Vec<ExportedVersion>,
    /// The change log, oldest first.
    pub change_log: Vec<ChangeLogRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedVersion {
    pub created_at: String,
    #[serde(flatten)]
    pub rows: StrategyRows,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ChangeLogRow {
    pub at: String,
    pub actor: String,
    pub reason: String,
    pub city_slug: String,
    pub version_label: String,
    pub summary: String,
}

impl Export {
    pub fn to_json(&self) -> anyhow::Result<String> {
        Ok(serde_json::to_string_pretty(self)? + "\n")
    }

    /// Parses an export file, refusing formats this build does not understand.
    pub fn from_json(text: &str) -> anyhow::Result<Export> {
        let export: Export =
            serde_json::from_str(text).map_err(|e| anyhow::anyhow!("not a Tarina export file: {e}"))?;
        anyhow::ensure!(
            export.format == FORMAT,
            "not a Tarina export file (format {:?})",
            export.format
        );
        anyhow::ensure!(
            export.format_version == FORMAT_VERSION,
            "export format version {} is not supported by this build (it reads version {FORMAT_VERSION})",
            export.format_version
        );
        for version in &export.versions {
            // Check each version converts to a valid strategy before anything is written.
            version.rows.clone().into_strategy().map_err(|e| {
                anyhow::anyhow!(
                    "version {} of {} in the export is invalid: {e:#}",
                    version.rows.version.label,
                    version.rows.version.city_slug
                )
            })?;
        }
        Ok(export)
    }
}
