//! The yearly round of performance targets: copying a year forward, creating and editing targets, and moving
//! a year's targets from draft to proposed to approved. Approving passes the approval gate: the lint's errors
//! in the year ([`crate::lint::year_errors`]) refuse it unless the approver overrides them with a reason,
//! which is recorded with the approval.

use super::edits::{EditError, Scope};
use crate::domain::access::policy::{indicator_owners, permits, Operation, Subject};
use crate::domain::access::Account;
use crate::domain::cascade::Cascade;
use crate::domain::cascade::TargetStatus;
use crate::domain::change::Change;
use crate::domain::edit::{Edit, FieldErrors, Item, ItemRef, Revision, TargetItem, YearStep};
use crate::domain::year_approval::Gate;
use crate::domain::TargetId;
use crate::store::{Applied, Store, StoreError, YearApprovalRecord};

/// Copies every target of budget year `from` to `to` (which must have none), without the assessments, as
/// drafts of the new year; returns how many were copied.
pub async fn copy_targets(store: &dyn Store, from: i32, to: i32, change: &Change) -> Result<usize, StoreError> {
    let (strategy, _) = super::current_outline(store).await.map_err(StoreError::Other)?;
    store.copy_targets(strategy.city.slug.as_str(), from, to, change).await
}

/// What stands in the way of copying budget year `from` to `to` (`None` when not a budget year) as `cascade`
/// holds them, as a message key; the store checks again in its transaction.
pub fn copy_obstacle(cascade: &Cascade, from: i32, to: Option<i32>) -> Option<&'static str> {
    if cascade.targets_of_year(from).next().is_none() {
        return Some("staff-error-copy-empty");
    }
    match to {
        None => Some("staff-error-year"),
        Some(to) if to == from || cascade.targets_of_year(to).next().is_some() => Some("staff-error-copy-held"),
        Some(_) => None,
    }
}

/// Why a target was not saved.
#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    #[error(transparent)]
    Edit(#[from] EditError),
    /// The council approved the target: it must be reopened before it can change.
    #[error("the target is approved")]
    Approved,
    /// Fields the account may not set (another organisation's indicator), as message keys.
    #[error("the account may not link these")]
    Fields(FieldErrors),
}

/// Whether `account` may give a target the organisations and indicators of `after`, having had `before`. An
/// organisation or an indicator already on the target stays allowed; a new one must be within the account's
/// reach, because linking an indicator to a department's target makes it that department's to report.
pub fn check_reach(
    scope: Scope<'_>,
    account: &Account,
    before: Option<&TargetItem>,
    after: &TargetItem,
) -> Result<(), TargetError> {
    let organisations = &scope.cascade.organisations;
    for organisation in [&after.organisation, &after.responsible] {
        let held = before.is_some_and(|b| &b.organisation == organisation || &b.responsible == organisation);
        if !held
            && !permits(
                account,
                Operation::EditTargets,
                Subject::Target { organisation },
                organisations,
            )
        {
            return Err(EditError::Forbidden.into());
        }
    }
    let foreign = after.indicators.iter().any(|&id| {
        let owners = indicator_owners(scope.cascade, id);
        let held = before.is_some_and(|b| b.indicators.contains(&id));
        let subject = Subject::Indicator {
            id,
            organisations: &owners,
        };
        !held && !owners.is_empty() && !permits(account, Operation::EditIndicatorDefinition, subject, organisations)
    });
    if foreign {
        return Err(TargetError::Fields(FieldErrors::from([(
            "indicators",
            "staff-error-indicators-reach",
        )])));
    }
    Ok(())
}

/// Saves a new target (a draft) if `account` may set targets for its organisation; returns its id.
pub async fn create_target(
    store: &dyn Store,
    scope: Scope<'_>,
    account: &Account,
    target: &TargetItem,
    change: &Change,
) -> Result<TargetId, TargetError> {
    check_reach(scope, account, None, target)?;
    let city = scope.strategy.city.slug.as_str();
    Ok(store
        .create_target(city, target, change)
        .await
        .map_err(EditError::from)?)
}

/// Saves an edited target if `account` may edit it and give it what it now names, it is not approved, and it
/// still stands as the form found it (`before`, read with [`super::edits::read`], at `expected`).
pub async fn edit_target(
    store: &dyn Store,
    scope: Scope<'_>,
    account: &Account,
    (id, before): (TargetId, &TargetItem),
    after: TargetItem,
    expected: &Revision,
    change: &Change,
) -> Result<Applied, TargetError> {
    if before.status == crate::domain::cascade::TargetStatus::Approved {
        return Err(TargetError::Approved);
    }
    check_reach(scope, account, Some(before), &after)?;
    let edit = Edit {
        item: ItemRef::Target(id),
        after: Item::Target(after),
    };
    Ok(super::edits::apply(store, scope, account, &edit, expected, change).await?)
}

/// Why a year's targets did not move.
#[derive(Debug, thiserror::Error)]
pub enum YearError {
    #[error(transparent)]
    Edit(#[from] EditError),
    /// The lint finds these errors in the year's targets and no reason overrode them.
    #[error("the lint finds {} error(s) in the year's targets; fix them, or approve with a reason to override them", .0.len())]
    Lint(Vec<String>),
}

/// Takes every target of `year` that `step` applies to on to its next status, if `account` may approve
/// targets; returns how many moved (none when no target of the year stands where the step starts). Approving
/// lints the year as the database holds it (not the snapshot, which may lag a write), and refuses while the
/// lint finds errors unless `lint_override` gives a reason; a reason given for a clean year is not kept.
pub async fn move_year(
    store: &dyn Store,
    scope: Scope<'_>,
    account: &Account,
    year: i32,
    step: YearStep,
    lint_override: Option<&str>,
    change: &Change,
) -> Result<usize, YearError> {
    if !permits(
        account,
        Operation::ApproveTargets,
        Subject::Any,
        &scope.cascade.organisations,
    ) {
        return Err(EditError::Forbidden.into());
    }
    let city = scope.strategy.city.slug.as_str();
    if step != YearStep::Approve {
        return Ok(store
            .move_targets(city, year, step, change)
            .await
            .map_err(EditError::from)?);
    }
    let cascade = store.cascade_outline(city).await.map_err(EditError::from)?;
    let proposed = cascade
        .targets_of_year(year)
        .any(|t| t.status == TargetStatus::Proposed);
    // Nothing to approve: the store says so (none moved) rather than the lint naming what is not the obstacle.
    let errors = if proposed {
        crate::lint::year_errors(scope.strategy, &cascade, year)
    } else {
        Vec::new()
    };
    let (lint_override, overridden) = match Gate::decide(errors, lint_override) {
        Gate::Pass {
            lint_override,
            overridden,
        } => (lint_override, overridden),
        Gate::Refused(errors) => return Err(YearError::Lint(errors)),
    };
    let record = YearApprovalRecord {
        account: account.id,
        lint_override,
        overridden,
    };
    Ok(store
        .approve_targets(city, year, &cascade, &record, change)
        .await
        .map_err(EditError::from)?)
}
