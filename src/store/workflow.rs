//! The strategy version workflow in the store: a new draft copied from a version, the steps between draft and
//! review, and approval, each one transaction with its audit entry. The rules of which step is allowed are
//! [`crate::domain::workflow`]'s; the store applies them to the status it reads inside the transaction, so
//! two people stepping the same version cannot both pass.

use async_trait::async_trait;
use chrono::NaiveDate;

use super::StoreResult;
use crate::domain::change::Change;
use crate::domain::workflow::{Decision, Step};
use crate::domain::{Strategy, VersionStatus};

/// A version with its decision record, as `tarina version list` shows it to the people who prepare versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionRecord {
    pub label: String,
    pub status: VersionStatus,
    pub approved_on: Option<NaiveDate>,
    /// The decision body in Finnish; for a draft, what the version it was copied from says.
    pub approved_by: String,
    /// `None` for versions approved before the workflow (loaded from their source files) and for drafts.
    pub minutes_ref: Option<String>,
    /// Why the version was approved although the lint found errors; `None` when it found none.
    pub lint_override_reason: Option<String>,
}

#[async_trait]
pub trait VersionWorkflow: Send + Sync + 'static {
    /// Stores a draft labelled `label` with everything version `from` holds. Not found when there is no
    /// version `from`; a conflict when `label` is taken.
    async fn new_draft(&self, from: &str, label: &str, change: &Change) -> StoreResult<()>;

    /// Submits or withdraws version `label`; returns its new status. A conflict when its status does not
    /// allow the step; approving is [`VersionWorkflow::approve`], since it needs a decision.
    async fn step_version(&self, label: &str, step: Step, change: &Change) -> StoreResult<VersionStatus>;

    /// Approves version `label` (under review) with `decision`, superseding the city's approved version in
    /// the same transaction; returns the labels of the versions superseded (one, or none for a city's first).
    /// `checked` is the version as the approver's checks (the lint) read it: a conflict, and nothing written,
    /// when the version no longer reads so, since it is those contents the decision approves.
    async fn approve(
        &self,
        label: &str,
        checked: &Strategy,
        decision: &Decision,
        change: &Change,
    ) -> StoreResult<Vec<String>>;

    /// Every version with its decision record, in the order [`super::PublishedReads::versions`] lists them.
    async fn version_records(&self) -> StoreResult<Vec<VersionRecord>>;
}
