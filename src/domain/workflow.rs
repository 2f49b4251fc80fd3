//! The life of a strategy version: a draft is prepared, submitted for review (and withdrawn to the draft when
//! it needs more work), approved by a decision of the city, and superseded when a later version is approved.
//! The rules are here, without I/O, so the command line, the staff API and the store apply the same ones.

use std::fmt;

use chrono::NaiveDate;

use super::{LocalizedText, VersionStatus};

/// A step a person takes with a version. Superseding is not one: it happens to the approved version when
/// another is approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// draft → review
    Submit,
    /// review → draft
    Withdraw,
    /// review → approved
    Approve,
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Submit => "submit",
            Step::Withdraw => "withdraw",
            Step::Approve => "approve",
        }
    }

    pub fn parse(text: &str) -> Option<Step> {
        [Step::Submit, Step::Withdraw, Step::Approve]
            .into_iter()
            .find(|step| step.as_str() == text)
    }

    /// Where the step takes a version standing at `from`, or why it cannot.
    pub fn apply(self, from: VersionStatus) -> Result<VersionStatus, IllegalStep> {
        match (self, from) {
            (Step::Submit, VersionStatus::Draft) => Ok(VersionStatus::Review),
            (Step::Withdraw, VersionStatus::Review) => Ok(VersionStatus::Draft),
            (Step::Approve, VersionStatus::Review) => Ok(VersionStatus::Approved),
            _ => Err(IllegalStep { step: self, from }),
        }
    }
}

/// A step that the version's status does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a version in status {} cannot be {}: {}", from.as_str(), past(*step), allowed(*from))]
pub struct IllegalStep {
    pub step: Step,
    pub from: VersionStatus,
}

fn past(step: Step) -> &'static str {
    match step {
        Step::Submit => "submitted",
        Step::Withdraw => "withdrawn",
        Step::Approve => "approved",
    }
}

fn allowed(from: VersionStatus) -> &'static str {
    match from {
        VersionStatus::Draft => "a draft can only be submitted for review",
        VersionStatus::Review => "a version under review can be approved or withdrawn to a draft",
        VersionStatus::Approved => {
            "an approved version is a decision of the city and is superseded only by approving another"
        }
        VersionStatus::Superseded => "a superseded version stays as it was decided",
    }
}

/// Whether `label` can name a new version: it appears in addresses (`/api/v1/versions/{label}`), so it is
/// kept to characters that need no escaping there.
pub fn is_label(label: &str) -> bool {
    (1..=40).contains(&label.len())
        && label
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// What an approval is asked with, as given: any part may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionInput {
    /// The decision body in Finnish, e.g. "Kaupunginvaltuusto"; required.
    pub body_fi: Option<String>,
    pub body_sv: Option<String>,
    pub body_en: Option<String>,
    pub date: Option<NaiveDate>,
    /// Where the decision is minuted, e.g. "Kvalt 11.9.2017 § 123".
    pub minutes: Option<String>,
    /// Approve although the lint finds errors, for this recorded reason.
    pub lint_override: Option<String>,
}

/// A complete approval: who decided, when, where it is minuted, and why lint errors were accepted, if any were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub body: LocalizedText,
    pub date: NaiveDate,
    pub minutes: String,
    /// Present only when the lint found errors and the approver overrode them.
    pub lint_override: Option<String>,
}

/// What an approval lacks; each variant names one missing thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApprovalError {
    MissingBody,
    MissingDate,
    MissingMinutes,
    /// The lint found these errors and no override reason was given.
    LintErrors(Vec<String>),
}

impl fmt::Display for ApprovalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApprovalError::MissingBody => f.write_str("the decision body (in Finnish) is missing"),
            ApprovalError::MissingDate => f.write_str("the decision date is missing"),
            ApprovalError::MissingMinutes => f.write_str("the reference to the minutes is missing"),
            ApprovalError::LintErrors(errors) => write!(
                f,
                "the lint finds {} error(s) in the version; fix them, or approve with a reason to override them",
                errors.len()
            ),
        }
    }
}

/// Text that is there and not only blanks, trimmed.
fn given(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

impl DecisionInput {
    /// The decision, or everything it lacks. `lint_errors` are the lint's errors in the version; an override
    /// reason given for a clean lint is not kept, since nothing was overridden.
    pub fn check(self, lint_errors: &[String]) -> Result<Decision, Vec<ApprovalError>> {
        let translation = |text: Option<String>| given(text).map(|text| super::Translation { text, reviewed: true });
        let body = given(self.body_fi).map(|fi| LocalizedText {
            fi,
            sv: translation(self.body_sv),
            en: translation(self.body_en),
        });
        let minutes = given(self.minutes);
        let lint_override = given(self.lint_override);
        let mut missing = Vec::new();
        if body.is_none() {
            missing.push(ApprovalError::MissingBody);
        }
        if self.date.is_none() {
            missing.push(ApprovalError::MissingDate);
        }
        if minutes.is_none() {
            missing.push(ApprovalError::MissingMinutes);
        }
        if !lint_errors.is_empty() && lint_override.is_none() {
            missing.push(ApprovalError::LintErrors(lint_errors.to_vec()));
        }
        match (body, self.date, minutes) {
            (Some(body), Some(date), Some(minutes)) if missing.is_empty() => Ok(Decision {
                body,
                date,
                minutes,
                lint_override: lint_override.filter(|_| !lint_errors.is_empty()),
            }),
            _ => Err(missing),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use VersionStatus::*;

    #[test]
    fn only_the_workflow_transitions_are_allowed() {
        let all = [Draft, Review, Approved, Superseded];
        let mut allowed = Vec::new();
        for step in [Step::Submit, Step::Withdraw, Step::Approve] {
            for from in all {
                if let Ok(to) = step.apply(from) {
                    allowed.push((from, step, to));
                }
            }
        }
        assert_eq!(
            allowed,
            [
                (Draft, Step::Submit, Review),
                (Review, Step::Withdraw, Draft),
                (Review, Step::Approve, Approved)
            ]
        );
    }

    #[test]
    fn nothing_leaves_superseded_and_the_refusal_says_why() {
        let error = Step::Submit.apply(Superseded).unwrap_err();
        assert_eq!(
            error.to_string(),
            "a version in status superseded cannot be submitted: a superseded version stays as it was decided"
        );
    }

    #[test]
    fn steps_parse_from_their_names() {
        assert_eq!(Step::parse("withdraw"), Some(Step::Withdraw));
        assert_eq!(Step::parse("supersede"), None);
    }

    #[test]
    fn labels_are_kept_to_address_safe_characters() {
        assert!(is_label("1.2-test"));
        assert!(!is_label(""));
        assert!(!is_label("1.2/test"));
        assert!(!is_label("1.2 test"));
        assert!(!is_label(&"1".repeat(41)));
    }

    fn complete() -> DecisionInput {
        DecisionInput {
            body_fi: Some("Kaupunginvaltuusto".into()),
            body_sv: Some("Stadsfullmäktige".into()),
            body_en: None,
            date: NaiveDate::from_ymd_opt(2030, 1, 31),
            minutes: Some("Kvalt 31.1.2030 § 1 (test)".into()),
            lint_override: None,
        }
    }

    #[test]
    fn a_complete_decision_with_a_clean_lint_is_accepted() {
        let decision = complete().check(&[]).unwrap();
        assert_eq!(decision.body.fi, "Kaupunginvaltuusto");
        assert_eq!(decision.body.sv.unwrap().text, "Stadsfullmäktige");
        assert_eq!(decision.body.en, None);
        assert_eq!(decision.minutes, "Kvalt 31.1.2030 § 1 (test)");
        assert_eq!(decision.lint_override, None);
    }

    #[test]
    fn every_missing_part_is_named() {
        let input = DecisionInput {
            body_fi: Some("  ".into()),
            body_sv: Some("Stadsfullmäktige".into()),
            ..DecisionInput::default()
        };
        assert_eq!(
            input.check(&[]).unwrap_err(),
            [
                ApprovalError::MissingBody,
                ApprovalError::MissingDate,
                ApprovalError::MissingMinutes
            ]
        );
    }

    #[test]
    fn lint_errors_need_an_override_reason_which_is_then_kept() {
        let errors = vec!["council goal 1 has no target for 2030".to_owned()];
        assert_eq!(
            complete().check(&errors).unwrap_err(),
            [ApprovalError::LintErrors(errors.clone())]
        );
        let overridden = DecisionInput {
            lint_override: Some("targets follow in the budget".into()),
            ..complete()
        };
        assert_eq!(
            overridden.clone().check(&errors).unwrap().lint_override.as_deref(),
            Some("targets follow in the budget")
        );
        assert_eq!(overridden.check(&[]).unwrap().lint_override, None);
    }
}
