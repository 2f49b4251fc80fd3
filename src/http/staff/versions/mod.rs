//! Strategy versions in the staff pages (`/staff/{lang}/versions`): every version of the city with its status
//! and decision record, a new draft copied from another version, each version's page with its lint errors,
//! its changes against the current version and the steps its status allows (submit for review, withdraw to a
//! draft, approve with the city's decision). Everyone signed in sees them; only those who may edit the strategy
//! take the steps. Every step goes through [`crate::app::versions`], one transaction with its audit entry.

mod list;
mod page;
mod steps;

pub use list::{create, list};
pub use page::{diff, page};
pub use steps::{approve, submit, withdraw};

use crate::domain::access::policy::Operation;
use crate::domain::{Lang, VersionStatus};
use crate::http::staff::Signed;
use crate::http::{AppError, AppState};
use crate::store::VersionRecord;

/// Whether the person may take the workflow's steps: editing the strategy, as the write API requires.
fn may_edit(state: &AppState, signed: &Signed) -> bool {
    signed.may(state, Operation::EditStrategy)
}

/// A step is refused before its form is even read when the person may not edit the strategy.
fn require_edit(state: &AppState, signed: &Signed) -> Result<(), AppError> {
    signed.require(state, Operation::EditStrategy)
}

/// The audit log's name for the person.
fn actor(signed: &Signed) -> String {
    format!("user:{}", signed.account.id)
}

fn status_name(state: &AppState, lang: Lang, status: VersionStatus) -> String {
    state
        .i18n
        .text(lang, &format!("staff-version-status-{}", status.as_str()))
}

/// Every version the database holds, as the people who prepare versions see them.
async fn records(state: &AppState) -> Result<Vec<VersionRecord>, AppError> {
    Ok(state.store.version_records().await?)
}

/// The version labelled `label`; 404 when there is none.
async fn record(state: &AppState, label: &str) -> Result<VersionRecord, AppError> {
    records(state)
        .await?
        .into_iter()
        .find(|r| r.label == label)
        .ok_or_else(|| AppError::not_found("problem-detail-no-page", ""))
}
