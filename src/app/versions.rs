//! The strategy version workflow as use cases: a new draft, submitting and withdrawing, and approving, which
//! runs the lint on the version itself and refuses unless it is clean or the approver overrides it with a
//! reason. The command line calls these, and the staff API can call the same ones.

use crate::domain::change::Change;
use crate::domain::workflow::{is_label, ApprovalError, DecisionInput, Step};
use crate::domain::{Strategy, VersionStatus};
use crate::lint::Severity;
use crate::store::{Audience, Store, StoreError};

/// Why a workflow step was not taken.
#[derive(Debug, thiserror::Error)]
pub enum WorkflowError {
    /// The approval lacks something (each named), or the lint found errors and nothing overrode them.
    #[error("the version cannot be approved: {}", list(.0))]
    Refused(Vec<ApprovalError>),
    #[error("{0:?} is not a usable version label: use 1 to 40 letters, digits, dots, hyphens or underscores")]
    BadLabel(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn list(errors: &[ApprovalError]) -> String {
    errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

/// Stores a draft labelled `label` as a copy of version `from`.
pub async fn new_draft(store: &dyn Store, from: &str, label: &str, change: &Change) -> Result<(), WorkflowError> {
    if !is_label(label) {
        return Err(WorkflowError::BadLabel(label.to_owned()));
    }
    Ok(store.new_draft(from, label, change).await?)
}

/// Submits or withdraws version `label`; approving goes through [`approve`].
pub async fn step(store: &dyn Store, label: &str, step: Step, change: &Change) -> Result<VersionStatus, WorkflowError> {
    Ok(store.step_version(label, step, change).await?)
}

/// The `tarina lint` errors of `strategy` checked against its city's cascade: what approving it must either
/// see fixed or override with a reason.
pub async fn lint_errors(store: &dyn Store, strategy: &Strategy) -> Result<Vec<String>, StoreError> {
    let cascade = store.cascade_outline(strategy.city.slug.as_str()).await?;
    Ok(crate::lint::lint(strategy, &cascade, None)
        .into_iter()
        .filter(|finding| finding.severity == Severity::Error)
        .map(|finding| finding.message)
        .collect())
}

/// What an approval did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approved {
    /// The versions that were approved before and are now superseded.
    pub superseded: Vec<String>,
    /// The lint errors accepted with the override reason; empty when the lint was clean.
    pub overridden: Vec<String>,
}

/// Approves version `label` with the decision in `input`, after linting the version against its city's
/// cascade. A version that is not under review is refused before the lint runs, so the answer names the
/// real obstacle.
pub async fn approve(
    store: &dyn Store,
    label: &str,
    input: DecisionInput,
    change: &Change,
) -> Result<Approved, WorkflowError> {
    let strategy = store
        .strategy_version(label, Audience::Staff)
        .await?
        .ok_or_else(|| StoreError::not_found(format!("the database holds no strategy version {label:?}")))?;
    Step::Approve
        .apply(strategy.status)
        .map_err(|illegal| StoreError::conflict(format!("version {label}: {illegal}")))?;
    let errors = lint_errors(store, &strategy).await?;
    let decision = input.check(&errors).map_err(WorkflowError::Refused)?;
    let superseded = store.approve(label, &strategy, &decision, change).await?;
    Ok(Approved {
        superseded,
        overridden: if decision.lint_override.is_some() {
            errors
        } else {
            Vec::new()
        },
    })
}
