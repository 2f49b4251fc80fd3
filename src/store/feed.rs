//! The change feed's entries as the store writes and reads them. Every write transaction takes the next data
//! version (which also makes writers take turns) and records what it changed under that version, in the same
//! transaction; so a version is in the feed exactly when its write committed, in commit order.

use serde::{Deserialize, Serialize};

use crate::domain::delta::CascadeDelta;

/// What one feed entry says. Entries name what changed, not the new data: a server reads the named rows
/// back in the same snapshot as the feed, so what it applies is exactly what that version holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FeedEntry {
    /// A whole strategy or cascade was stored or replaced: read everything anew.
    Replace,
    /// Definitions, targets or progress changed: read everything but the values anew.
    Outline,
    /// The values of one indicator in one region between two dates (inclusive, `YYYY-MM-DD`).
    Values {
        indicator: i64,
        region: String,
        from: String,
        to: String,
    },
    /// Corrections of one indicator were added from this position on.
    Corrections { indicator: i64, from_position: i64 },
    /// Nothing a server holds in memory changed (a draft version's texts or structure, a version's way to
    /// review): only the data version moves, so no server reads anything anew.
    Internal,
}

impl FeedEntry {
    /// The value of the `kind` column, which keeps the feed readable in SQL.
    pub fn kind(&self) -> &'static str {
        match self {
            FeedEntry::Replace => "replace",
            FeedEntry::Outline => "outline",
            FeedEntry::Values { .. } => "values",
            FeedEntry::Corrections { .. } => "corrections",
            FeedEntry::Internal => "internal",
        }
    }

    pub fn to_payload(&self) -> String {
        serde_json::to_string(self).expect("a feed entry always serialises")
    }

    pub fn from_payload(payload: &str) -> anyhow::Result<FeedEntry> {
        serde_json::from_str(payload).map_err(|e| anyhow::anyhow!("a change feed entry does not parse: {e}"))
    }
}

/// What a server must do to bring its snapshot from the version it holds to the store's current one.
#[derive(Debug, Clone, PartialEq)]
pub enum Changes {
    /// Nothing was written since.
    Unchanged,
    /// Read everything anew: something was replaced whole, or the feed no longer reaches back to the version
    /// held (it was pruned while the server was away).
    Reload,
    /// Apply these deltas in order; the snapshot is then at `version`. Empty when the writes since concern
    /// another city.
    Apply { version: i64, deltas: Vec<CascadeDelta> },
}
