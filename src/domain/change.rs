//! The commands that change what a city holds, as plain values: the CLI, HTTP handlers and background jobs
//! build them alike and hand them to the use cases in `crate::app`.

use super::{IndicatorId, Slug};

/// Who makes a change and why. Every write carries one, so the change log can answer "who did this".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// For example `cli:seed`, `system:first-start`, `job:import-values`, later `user:<id>` or
    /// `connector:<name>`.
    pub actor: String,
    pub reason: String,
}

impl Change {
    pub fn new(actor: impl Into<String>, reason: impl Into<String>) -> Change {
        Change {
            actor: actor.into(),
            reason: reason.into(),
        }
    }
}

/// What to do when the city already has a version with the same label, or already has a cascade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnExisting {
    Refuse,
    Replace,
}

/// One indicator value to record, already checked against the cascade.
#[derive(Debug, Clone, PartialEq)]
pub struct NewValue {
    pub indicator: IndicatorId,
    pub region: Slug,
    pub date: chrono::NaiveDate,
    pub value: f64,
    pub source: String,
}

/// What recording a batch of values did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RecordSummary {
    pub added: usize,
    /// Values that replaced a different stored value, which is kept as a correction.
    pub corrected: usize,
    /// Values identical to what was stored (same value and source): not a change.
    pub unchanged: usize,
}
