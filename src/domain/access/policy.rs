//! The one table of who may do what, and how far each role reaches. Every staff route and API write asks
//! [`permits`] before it changes anything; the tests walk every route with every role against this table.

use super::{Account, Assignment, Role};
use crate::domain::cascade::{Cascade, Organisation};
use crate::domain::{ActionId, IndicatorId, Slug};

/// What a signed-in person asks to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// Staff pages, their own sessions and internal notes and unpublished items.
    ViewInternal,
    ManageAccounts,
    ReadAuditLog,
    EditStrategy,
    EditIndicatorDefinition,
    RecordValues,
    EditTargets,
    /// Moves a budget year's targets on towards approval.
    ApproveTargets,
    /// Posts status updates of an action and corrects its current progress: one operation, because an update
    /// is how progress is reported and whoever reports it may also put a mistake right.
    ReportActionProgress,
    /// The outbox's emails that bounced or failed, with their addresses and errors.
    ReadMailOutbox,
    /// Sets how often an action or an indicator should be updated, which decides when its owners are
    /// reminded: whoever answers for the item's content (a department editor for its organisation's
    /// indicators; actions belong to no organisation, so only the strategy office).
    ScheduleUpdates,
    /// The overdue list, and reminding owners by hand: the strategy office's follow-up.
    RemindOwners,
    /// Reviews Swedish and English translations, in place or from an agency's file: the strategy office's
    /// work, as the texts span every organisation.
    ReviewTranslations,
}

impl Operation {
    pub const ALL: [Operation; 13] = [
        Operation::ViewInternal,
        Operation::ManageAccounts,
        Operation::ReadAuditLog,
        Operation::EditStrategy,
        Operation::EditIndicatorDefinition,
        Operation::RecordValues,
        Operation::EditTargets,
        Operation::ApproveTargets,
        Operation::ReportActionProgress,
        Operation::ReadMailOutbox,
        Operation::ScheduleUpdates,
        Operation::RemindOwners,
        Operation::ReviewTranslations,
    ];
}

/// How far a role may do an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    Everything,
    /// Items of the account's organisation and of its units.
    OwnOrganisation,
    /// Items assigned to the account.
    OwnAssignments,
    Nothing,
}

/// The table itself.
pub const fn reach(role: Role, operation: Operation) -> Reach {
    use Operation::*;
    use Reach::*;
    match (role, operation) {
        (_, ViewInternal) => Everything,
        (Role::Admin, _) => Everything,
        (_, ManageAccounts | ReadAuditLog) => Nothing,
        (Role::StrategyEditor, _) => Everything,
        (Role::DepartmentEditor, EditIndicatorDefinition | RecordValues | EditTargets | ScheduleUpdates) => {
            OwnOrganisation
        }
        (Role::ActionOwner, RecordValues | ReportActionProgress) => OwnAssignments,
        (Role::DepartmentEditor | Role::ActionOwner | Role::Viewer, _) => Nothing,
    }
}

/// The item an operation touches, with what decides who owns it.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    /// No one item: a list, a form for a new item of any organisation, accounts.
    Any,
    /// An indicator belongs to the organisations whose targets measure it.
    Indicator {
        id: IndicatorId,
        organisations: &'a [Slug],
    },
    Target {
        organisation: &'a Slug,
    },
    Action(ActionId),
}

/// Whether `account` may do `operation` on `subject`, where `organisations` is the city's organisation tree.
pub fn permits(account: &Account, operation: Operation, subject: Subject<'_>, organisations: &[Organisation]) -> bool {
    if !account.active {
        return false;
    }
    match reach(account.role, operation) {
        Reach::Everything => true,
        Reach::Nothing => false,
        Reach::OwnOrganisation => {
            let Some(own) = account.organisation.as_ref() else {
                return false;
            };
            match subject {
                Subject::Any => true,
                Subject::Indicator {
                    organisations: owners, ..
                } => owners.iter().any(|owner| is_within(owner, own, organisations)),
                Subject::Target { organisation } => is_within(organisation, own, organisations),
                Subject::Action(_) => false,
            }
        }
        Reach::OwnAssignments => match subject {
            Subject::Any => !account.assignments.is_empty(),
            Subject::Indicator { id, .. } => account.assignments.contains(&Assignment::Indicator(id)),
            Subject::Action(id) => account.assignments.contains(&Assignment::Action(id)),
            Subject::Target { .. } => false,
        },
    }
}

/// The organisations an indicator belongs to: those whose targets (of any year) measure it, as the budget's
/// owner or as the one answerable for reaching it.
pub fn indicator_owners(cascade: &Cascade, id: IndicatorId) -> Vec<Slug> {
    let mut owners: Vec<Slug> = cascade
        .targets
        .iter()
        .filter(|target| target.indicators.contains(&id))
        .flat_map(|target| [target.organisation.clone(), target.responsible.clone()])
        .collect();
    owners.sort();
    owners.dedup();
    owners
}

/// Whether `organisation` is `ancestor` or one of its units, however deep. A loop in the data ends the walk.
pub fn is_within(organisation: &Slug, ancestor: &Slug, organisations: &[Organisation]) -> bool {
    let mut current = Some(organisation);
    for _ in 0..=organisations.len() {
        match current {
            Some(slug) if slug == ancestor => return true,
            Some(slug) => {
                current = organisations
                    .iter()
                    .find(|o| &o.slug == slug)
                    .and_then(|o| o.parent.as_ref());
            }
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cascade::OrgKind;
    use crate::domain::{Lang, LocalizedText};

    fn org(slug: &str, parent: Option<&str>) -> Organisation {
        Organisation {
            slug: Slug::parse(slug).unwrap(),
            kind: OrgKind::Department,
            parent: parent.map(|p| Slug::parse(p).unwrap()),
            name: LocalizedText::finnish_only(slug),
            valid_from: None,
            valid_to: None,
        }
    }

    fn account(role: Role, organisation: Option<&str>, assignments: Vec<Assignment>) -> Account {
        Account {
            id: 1,
            email: super::super::Email::parse("a@espoo.fi").unwrap(),
            display_name: "A".into(),
            role,
            organisation: organisation.map(|o| Slug::parse(o).unwrap()),
            language: Lang::Fi,
            active: true,
            assignments,
        }
    }

    #[test]
    fn a_department_editor_reaches_its_units_and_nothing_else() {
        let tree = [
            org("espoo", None),
            org("sivistys", Some("espoo")),
            org("koulut", Some("sivistys")),
            org("tekninen", Some("espoo")),
        ];
        let editor = account(Role::DepartmentEditor, Some("sivistys"), vec![]);
        let slug = |s: &str| Slug::parse(s).unwrap();
        let unit = slug("koulut");
        let other = slug("tekninen");
        assert!(permits(
            &editor,
            Operation::EditTargets,
            Subject::Target { organisation: &unit },
            &tree
        ));
        assert!(!permits(
            &editor,
            Operation::EditTargets,
            Subject::Target { organisation: &other },
            &tree
        ));
        let id = IndicatorId::new(3).unwrap();
        let shared = [other.clone(), unit.clone()];
        assert!(permits(
            &editor,
            Operation::RecordValues,
            Subject::Indicator {
                id,
                organisations: &shared
            },
            &tree
        ));
        assert!(!permits(
            &editor,
            Operation::RecordValues,
            Subject::Indicator {
                id,
                organisations: &[other]
            },
            &tree
        ));
        assert!(!permits(&editor, Operation::ApproveTargets, Subject::Any, &tree));
        assert!(!permits(&editor, Operation::ManageAccounts, Subject::Any, &tree));
    }

    #[test]
    fn an_action_owner_reaches_what_is_assigned_and_a_viewer_edits_nothing() {
        let id = IndicatorId::new(3).unwrap();
        let action = ActionId::new(32).unwrap();
        let owner = account(
            Role::ActionOwner,
            None,
            vec![Assignment::Indicator(id), Assignment::Action(action)],
        );
        assert!(permits(
            &owner,
            Operation::RecordValues,
            Subject::Indicator { id, organisations: &[] },
            &[]
        ));
        let other = IndicatorId::new(4).unwrap();
        assert!(!permits(
            &owner,
            Operation::RecordValues,
            Subject::Indicator {
                id: other,
                organisations: &[]
            },
            &[]
        ));
        assert!(permits(
            &owner,
            Operation::ReportActionProgress,
            Subject::Action(action),
            &[]
        ));
        assert!(!permits(
            &owner,
            Operation::EditIndicatorDefinition,
            Subject::Indicator { id, organisations: &[] },
            &[]
        ));
        let viewer = account(Role::Viewer, None, vec![]);
        for operation in Operation::ALL {
            assert_eq!(
                permits(&viewer, operation, Subject::Any, &[]),
                operation == Operation::ViewInternal
            );
        }
    }

    #[test]
    fn an_inactive_account_may_do_nothing_and_a_loop_in_the_tree_ends() {
        let mut admin = account(Role::Admin, None, vec![]);
        assert!(permits(&admin, Operation::ManageAccounts, Subject::Any, &[]));
        admin.active = false;
        assert!(!permits(&admin, Operation::ViewInternal, Subject::Any, &[]));
        let tree = [org("a", Some("b")), org("b", Some("a"))];
        assert!(!is_within(
            &Slug::parse("a").unwrap(),
            &Slug::parse("c").unwrap(),
            &tree
        ));
    }
}
