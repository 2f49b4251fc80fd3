//! A performance target's own content as staff edit it (title, organisations, goals, indicators, binding), the
//! checks a typed form passes before it becomes one, and the steps a budget year's targets take towards the
//! council's approval.

use serde_json::{json, Value};

use super::{localized_from_input, text_json, FieldErrors};
use crate::domain::cascade::{Cascade, Target, TargetStatus, YEARS};
use crate::domain::{GoalId, IndicatorId, LocalizedText, Slug, Strategy};

/// The longest title of a target, in characters: a title is a sentence, the reasoning goes elsewhere.
pub const TITLE_LIMIT: usize = 500;

/// The most goals or indicators one target may name: more is a typo in a list, not a plan.
pub const LINK_LIMIT: usize = 50;

/// What a target form edits, and its status, which a form keeps as it found it: an edit of a target that was
/// approved meanwhile is then stale rather than silently changing what the council approved.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetItem {
    pub year: i32,
    pub status: TargetStatus,
    pub organisation: Slug,
    pub responsible: Slug,
    pub title: LocalizedText,
    pub goals: Vec<GoalId>,
    pub indicators: Vec<IndicatorId>,
    pub binding: bool,
}

impl TargetItem {
    pub fn of(target: &Target) -> TargetItem {
        TargetItem {
            year: target.year,
            status: target.status,
            organisation: target.organisation.clone(),
            responsible: target.responsible.clone(),
            title: target.title.clone(),
            goals: target.goals.clone(),
            indicators: target.indicators.clone(),
            binding: target.binding,
        }
    }

    pub(super) fn to_json(&self) -> Value {
        json!({
            "year": self.year,
            "status": self.status.as_str(),
            "organisation": self.organisation.as_str(),
            "responsible": self.responsible.as_str(),
            "title": text_json(&self.title),
            "goals": self.goals.iter().map(|g| g.get()).collect::<Vec<_>>(),
            "indicators": self.indicators.iter().map(|i| i.get()).collect::<Vec<_>>(),
            "binding": self.binding,
        })
    }
}

/// A target form as typed.
#[derive(Debug, Clone, Copy)]
pub struct TargetInput<'a> {
    pub organisation: &'a str,
    pub responsible: &'a str,
    pub title: [&'a str; 3],
    pub goals: &'a [String],
    /// Indicator ids separated by commas or spaces.
    pub indicators: &'a str,
    pub binding: bool,
}

/// Checks a typed target of budget year `year` against the strategy's goals and the cascade's organisations
/// and indicators. `before` is the target as it stands (for a new one, `None`): its status is kept and its
/// translations keep their reviewed flags.
pub fn target_from_input(
    year: i32,
    input: TargetInput<'_>,
    before: Option<&TargetItem>,
    strategy: &Strategy,
    cascade: &Cascade,
) -> Result<TargetItem, FieldErrors> {
    let mut errors = FieldErrors::new();
    if !YEARS.contains(&year) {
        errors.insert("year", "staff-error-year");
    }
    let mut organisation_of = |field: &'static str, typed: &str| {
        let found = Slug::parse(typed.trim())
            .ok()
            .and_then(|slug| cascade.organisation(&slug))
            .filter(|o| o.existed_in(year))
            .map(|o| o.slug.clone());
        if found.is_none() {
            errors.insert(field, "staff-error-organisation");
        }
        found
    };
    let organisation = organisation_of("organisation", input.organisation);
    let responsible = match input.responsible.trim() {
        "" => organisation.clone(),
        typed => organisation_of("responsible", typed),
    };
    for (lang, text) in crate::domain::Lang::ALL.iter().zip(input.title) {
        if text.chars().count() > TITLE_LIMIT {
            errors.insert(super::field_in("title", *lang), "staff-error-too-long");
        }
    }
    let title = localized_from_input("title", input.title, before.map(|b| &b.title), true, &mut errors);
    let mut goals = Vec::new();
    for typed in input.goals {
        match typed.trim().parse::<GoalId>() {
            Ok(id) if strategy.goals().any(|(_, g)| g.id == id) => {
                if !goals.contains(&id) {
                    goals.push(id);
                }
            }
            _ => {
                errors.insert("goals", "staff-error-goals");
            }
        }
    }
    if goals.is_empty() || goals.len() > LINK_LIMIT {
        errors.insert("goals", "staff-error-goals");
    }
    let mut indicators = Vec::new();
    for typed in input
        .indicators
        .split([',', ' ', ';', '\n', '\r', '\t'])
        .filter(|t| !t.is_empty())
    {
        match typed.parse::<IndicatorId>() {
            Ok(id) if cascade.indicator(id).is_some() => {
                if !indicators.contains(&id) {
                    indicators.push(id);
                }
            }
            _ => {
                errors.insert("indicators", "staff-error-indicators");
            }
        }
    }
    if indicators.len() > LINK_LIMIT {
        errors.insert("indicators", "staff-error-indicators");
    }
    match (organisation, responsible, title) {
        (Some(organisation), Some(responsible), Some(title)) if errors.is_empty() => Ok(TargetItem {
            year,
            status: before.map_or(TargetStatus::Draft, |b| b.status),
            organisation,
            responsible,
            title,
            goals,
            indicators,
            binding: input.binding,
        }),
        _ => Err(errors),
    }
}

/// A step of a budget year's targets towards approval, or back when the plan must be reworked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearStep {
    /// Drafts go with the budget proposal.
    Propose,
    /// Proposed targets go back to preparation.
    Withdraw,
    /// The council approved the budget with its proposed targets.
    Approve,
    /// An approved target must be corrected: it leaves the public pages until approved again.
    Reopen,
}

impl YearStep {
    pub const ALL: [YearStep; 4] = [
        YearStep::Propose,
        YearStep::Withdraw,
        YearStep::Approve,
        YearStep::Reopen,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            YearStep::Propose => "propose",
            YearStep::Withdraw => "withdraw",
            YearStep::Approve => "approve",
            YearStep::Reopen => "reopen",
        }
    }

    pub fn parse(text: &str) -> Option<YearStep> {
        YearStep::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The status the step takes targets from, and the one it leaves them in.
    pub fn statuses(self) -> (TargetStatus, TargetStatus) {
        use TargetStatus::*;
        match self {
            YearStep::Propose => (Draft, Proposed),
            YearStep::Withdraw => (Proposed, Draft),
            YearStep::Approve => (Proposed, Approved),
            YearStep::Reopen => (Approved, Proposed),
        }
    }
}
