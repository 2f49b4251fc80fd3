//! The council's approval of a budget year's targets as recorded: the approval gate lets a year through only
//! when the lint finds no errors in it, or when the approver overrides them with a reason, and that reason is
//! kept and shown to staff and the public alike, because the council approved the targets despite the lint.

use chrono::{DateTime, Utc};

/// The longest override reason, as long as any other reason.
pub const OVERRIDE_LIMIT: usize = 500;

/// One recorded approval of a year's targets. A reopened year keeps its approvals: the latest one is the
/// year's approval while any of its targets stands approved, the earlier ones are history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearApproval {
    pub year: i32,
    pub approved_at: DateTime<Utc>,
    /// The actor as the audit log names it, e.g. `user:12`.
    pub actor: String,
    /// Why the lint's errors were accepted; `None` when the lint was clean.
    pub lint_override: Option<String>,
    /// The lint's error messages the override accepted; empty when the lint was clean.
    pub overridden: Vec<String>,
}

/// Why an override reason was refused, as a message key.
pub fn override_problem(typed: &str) -> Option<&'static str> {
    let reason = typed.trim();
    if reason.is_empty() {
        Some("staff-error-lint-override-blank")
    } else if reason.chars().count() > OVERRIDE_LIMIT || super::edit::has_control_characters(reason) {
        Some("staff-error-lint-override-long")
    } else {
        None
    }
}

/// What the gate decided for a year with `errors` (the lint's error messages about the year) and the
/// override reason given, if any (already checked with [`override_problem`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gate {
    /// Clean, or overridden: approve, recording the override (`None` when clean).
    Pass {
        lint_override: Option<String>,
        overridden: Vec<String>,
    },
    /// The lint found these errors and no reason overrode them.
    Refused(Vec<String>),
}

impl Gate {
    /// The gate's decision; a reason given for a clean year is not kept, since nothing was overridden.
    pub fn decide(errors: Vec<String>, lint_override: Option<&str>) -> Gate {
        let reason = lint_override.map(str::trim).filter(|r| !r.is_empty());
        match (errors.is_empty(), reason) {
            (true, _) => Gate::Pass {
                lint_override: None,
                overridden: Vec::new(),
            },
            (false, Some(reason)) => Gate::Pass {
                lint_override: Some(reason.to_owned()),
                overridden: errors,
            },
            (false, None) => Gate::Refused(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_pass_only_with_a_reason_and_a_clean_year_keeps_none() {
        let errors = vec!["council goal 1 has no target for 2019".to_owned()];
        assert_eq!(Gate::decide(errors.clone(), None), Gate::Refused(errors.clone()));
        assert_eq!(Gate::decide(errors.clone(), Some("  ")), Gate::Refused(errors.clone()));
        assert_eq!(
            Gate::decide(errors.clone(), Some(" budget decided anyway ")),
            Gate::Pass {
                lint_override: Some("budget decided anyway".into()),
                overridden: errors
            }
        );
        assert_eq!(
            Gate::decide(Vec::new(), Some("not needed")),
            Gate::Pass {
                lint_override: None,
                overridden: Vec::new()
            }
        );
    }

    #[test]
    fn a_blank_long_or_unreadable_reason_is_refused() {
        assert_eq!(override_problem(" \n "), Some("staff-error-lint-override-blank"));
        assert_eq!(
            override_problem(&"x".repeat(OVERRIDE_LIMIT + 1)),
            Some("staff-error-lint-override-long")
        );
        assert_eq!(override_problem("a\u{0}b"), Some("staff-error-lint-override-long"));
        assert_eq!(override_problem(&"x".repeat(OVERRIDE_LIMIT)), None);
    }
}
