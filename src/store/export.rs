//! The whole content of an instance as one versioned JSON document, for moving an instance between
//! backends (`tarina export` / `tarina import`). The same data always gives the same bytes.

use serde::{Deserialize, Serialize};

use super::cascade_rows::CascadeRows;
use super::rows::StrategyRows;

/// The value of `format` in every export file.
pub const FORMAT: &str = "tarina-export";
/// Raised whenever the layout changes; `import` refuses versions it does not know. Version 2 added the
/// cascade; version 3 added organisations' validity dates, the translations of values' sources, projections,
/// approximate figures and assumed dates, the ceiling direction and licences not stated; version 4 added
/// indicators' connector settings and the origin of fetched values; version 5 added the actions' status
/// updates; version 6 added the recorded approvals of budget years' targets (with any override of the lint).
/// Older files still import (what they lack is empty: not recorded).
pub const FORMAT_VERSION: u32 = 6;
const READABLE_VERSIONS: [u32; 6] = [1, 2, 3, 4, 5, 6];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    pub format: String,
    pub format_version: u32,
    /// Every strategy version of every city, ordered by city and version label.
    pub versions: Vec<ExportedVersion>,
    /// Each city's cascade (organisations, regions, indicators and values, targets), ordered by city.
    #[serde(default)]
    pub cascades: Vec<ExportedCascade>,
    /// The change log, oldest first.
    pub change_log: Vec<ChangeLogRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedCascade {
    pub city_slug: String,
    #[serde(flatten)]
    pub rows: CascadeRows,
    /// The actions' status updates, oldest first (none before version 5).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub action_updates: Vec<UpdateRow>,
}

/// One status update of an action as the export keeps it. Accounts are not exported, so an update keeps its
/// actor (`user:12`) but not the link to the account; an import numbers the updates anew in the same order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct UpdateRow {
    pub action_id: i64,
    pub state: String,
    pub percent: Option<i64>,
    pub as_of: String,
    pub narrative_fi: Option<String>,
    pub narrative_sv: Option<String>,
    pub narrative_en: Option<String>,
    /// The evidence links as stored: a JSON array of `{"title", "url"}`.
    pub evidence: String,
    pub actor: String,
    pub created_at: String,
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
            READABLE_VERSIONS.contains(&export.format_version),
            "export format version {} is not supported by this build (it reads versions 1 to {FORMAT_VERSION})",
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
        for cascade in &export.cascades {
            cascade
                .rows
                .clone()
                .into_cascade()
                .map_err(|e| anyhow::anyhow!("the cascade of {} in the export is invalid: {e:#}", cascade.city_slug))?;
        }
        Ok(Export {
            format_version: FORMAT_VERSION,
            ..export
        })
    }
}
