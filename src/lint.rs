//! `tarina lint`: what a strategy and its cascade still lack before the situational picture can be trusted.
//! Pure rules over the stored facts, so they can be shown anywhere (the command line now, an editor later):
//!
//! - every council goal has at least one annual target in the year checked (error); the year is the one
//!   asked for, else the latest budget year with targets; with no targets at all, one error says so;
//! - every annual target, of any year, is measured by at least one indicator (error), and by at least one
//!   whose data arrives before the financial statements (error): one that is published on a schedule
//!   (monthly, quarterly or annual), since an irregular one cannot be counted on when the year is judged;
//! - every indicator names its source (in Finnish) and states its licence, and has a target value (or, for one
//!   that only describes the operating environment, projections: a warning), without which
//!   no status can be judged (error each);
//! - every text of the strategy and the cascade is translated into Swedish and English (warning per text);
//! - translations not yet reviewed by the city are counted in one warning, since there are hundreds.

use std::fmt;

use crate::domain::cascade::{Cascade, Frequency, Reference, Target};
use crate::domain::{Lang, LocalizedText, Strategy};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One thing the strategy or the cascade lacks, named by id and Finnish name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.message)
    }
}

/// Runs every rule; the findings come rule by rule, each in the data's order.
pub fn lint(strategy: &Strategy, cascade: &Cascade, year: Option<i32>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut error = |message: String| {
        findings.push(Finding {
            severity: Severity::Error,
            message,
        })
    };

    match checked_year(cascade, year) {
        _ if cascade.targets.is_empty() => {
            error("there are no annual targets for any year, so no council goal has a target".into())
        }
        None => {}
        Some(year) => goals_without_targets(strategy, cascade, year).for_each(&mut error),
    }

    cascade
        .targets
        .iter()
        .filter_map(|target| unmeasured(cascade, target))
        .for_each(&mut error);

    let mut projections_only = Vec::new();
    for indicator in &cascade.indicators {
        let name = format!("indicator {} {}", indicator.id, quoted(&indicator.name.fi));
        if indicator.source.fi.trim().is_empty() {
            error(format!("{name} has no source"));
        }
        if indicator.licence.as_deref().is_none_or(|l| l.trim().is_empty()) {
            error(format!("{name} has no licence stated"));
        }
        match (&indicator.target, indicator.projections.is_empty()) {
            (Some(_), _) => {}
            (None, true) => error(format!("{name} has no target value, so no status can be judged")),
            // Describes the operating environment: the source's estimates are shown, never judged.
            (None, false) => projections_only.push(name),
        }
    }

    findings.extend(projections_only.into_iter().map(|name| Finding {
        severity: Severity::Warning,
        message: format!("{name} has only projections (the source's estimates), so it has no status"),
    }));

    let texts = texts(strategy, cascade);
    for text in &texts {
        let missing: Vec<&str> = Lang::TRANSLATIONS
            .iter()
            .filter(|lang| text.text.translation(**lang).is_none_or(|t| t.text.trim().is_empty()))
            .map(|lang| lang.code())
            .collect();
        if !missing.is_empty() && !text.text.fi.trim().is_empty() {
            findings.push(Finding {
                severity: Severity::Warning,
                message: format!(
                    "{}: the {} {} has no {} translation",
                    text.owner,
                    text.field,
                    quoted(&text.text.fi),
                    missing.join(" or ")
                ),
            });
        }
    }

    let unreviewed: Vec<(Lang, usize)> = Lang::TRANSLATIONS
        .iter()
        .map(|lang| {
            let count = texts
                .iter()
                .filter(|t| t.text.translation(*lang).is_some_and(|t| !t.reviewed))
                .count();
            (*lang, count)
        })
        .collect();
    let total: usize = unreviewed.iter().map(|(_, n)| n).sum();
    if total > 0 {
        let by_lang: Vec<String> = unreviewed.iter().map(|(lang, n)| format!("{lang} {n}")).collect();
        findings.push(Finding {
            severity: Severity::Warning,
            message: format!(
                "{total} translations are not reviewed by the city ({}); the site marks them as unreviewed",
                by_lang.join(", ")
            ),
        });
    }
    findings
}

/// The lint's errors in budget year `year`'s targets, which the approval gate of the year checks: every
/// council goal has a target that year, and every target of the year an indicator whose data arrives before
/// the financial statements. The lint's other errors (an indicator's licence, another year's targets) are not
/// the year's, so they do not hold its approval up.
pub fn year_errors(strategy: &Strategy, cascade: &Cascade, year: i32) -> Vec<String> {
    goals_without_targets(strategy, cascade, year)
        .chain(cascade.targets_of_year(year).filter_map(|t| unmeasured(cascade, t)))
        .collect()
}

/// A message for each council goal without a target in `year`.
fn goals_without_targets<'a>(
    strategy: &'a Strategy,
    cascade: &'a Cascade,
    year: i32,
) -> impl Iterator<Item = String> + 'a {
    strategy
        .goals()
        .filter(move |(_, goal)| !cascade.targets_of_year(year).any(|t| t.goals.contains(&goal.id)))
        .map(move |(_, goal)| {
            format!(
                "council goal {} {} has no target for {year}",
                goal.id,
                quoted(&goal.title.fi)
            )
        })
}

/// What keeps `target` from being judged in the financial statements: no indicator at all, or none whose
/// data arrives on a schedule (an irregular one may not have arrived when the year is judged).
fn unmeasured(cascade: &Cascade, target: &Target) -> Option<String> {
    let name = format!("target {} ({}) {}", target.id, target.year, quoted(&target.title.fi));
    if target.indicators.is_empty() {
        return Some(format!("{name} has no indicators"));
    }
    let timely = target.indicators.iter().any(|id| {
        cascade
            .indicators
            .iter()
            .any(|i| i.id == *id && i.frequency != Frequency::Irregular)
    });
    (!timely).then(|| {
        format!("{name} has no indicator whose data arrives before the financial statements (all are irregular)")
    })
}

/// The budget year whose targets must cover the council goals: the one asked for, else the latest with
/// targets (`None` when there are none).
pub fn checked_year(cascade: &Cascade, year: Option<i32>) -> Option<i32> {
    year.or_else(|| cascade.years().last().copied())
}

/// A text with what it belongs to, for messages.
pub struct Labelled<'a> {
    pub owner: String,
    pub field: &'static str,
    pub text: &'a LocalizedText,
}

/// Every text of the strategy (through [`Strategy::texts`], so the lint counts what the translation
/// statistics count) and of the cascade, values' translated sources included (once each). Public so
/// that checks of the content (e.g. the glossary's consistency table) run over exactly the same texts.
pub fn texts<'a>(strategy: &'a Strategy, cascade: &'a Cascade) -> Vec<Labelled<'a>> {
    let mut texts: Vec<Labelled<'a>> = strategy
        .texts()
        .into_iter()
        .map(|text| Labelled {
            owner: "strategy".into(),
            field: "text",
            text,
        })
        .collect();
    let mut add = |owner: &String, field: &'static str, text: &'a LocalizedText| {
        texts.push(Labelled {
            owner: owner.clone(),
            field,
            text,
        })
    };
    for organisation in &cascade.organisations {
        let owner = format!("organisation {}", organisation.slug);
        add(&owner, "name", &organisation.name);
    }
    for region in &cascade.regions {
        add(&format!("region {}", region.slug), "name", &region.name);
    }
    for indicator in &cascade.indicators {
        let owner = format!("indicator {} {}", indicator.id, quoted(&indicator.name.fi));
        add(&owner, "name", &indicator.name);
        add(&owner, "definition", &indicator.definition);
        add(&owner, "unit", &indicator.unit);
        add(&owner, "source", &indicator.source);
        let references: [(&'static str, Option<&'a Reference>); 2] = [
            ("baseline basis", indicator.baseline.as_ref()),
            ("target basis", indicator.target.as_ref()),
        ];
        for (field, reference) in references {
            if let Some(reference) = reference {
                add(&owner, field, &reference.basis);
            }
        }
        for milestone in &indicator.milestones {
            add(&owner, "milestone basis", &milestone.basis);
        }
        for projection in &indicator.projections {
            add(&owner, "projection basis", &projection.basis);
        }
        // A source typed into an import file has no translations by design: not a missing translation.
        let mut sources: Vec<&'a LocalizedText> = Vec::new();
        for m in indicator.series.iter().flat_map(|s| s.values.iter()) {
            let source = &m.provenance.source;
            let translated = source.sv.is_some() || source.en.is_some();
            if translated && !sources.contains(&source) {
                sources.push(source);
            }
        }
        for source in sources {
            add(&owner, "value source", source);
        }
    }
    for target in &cascade.targets {
        let owner = format!("target {} ({})", target.id, target.year);
        add(&owner, "title", &target.title);
        if let Some(assessment) = &target.assessment {
            add(&owner, "assessment justification", &assessment.justification);
        }
    }
    for progress in &cascade.action_progress {
        if let Some(note) = &progress.note {
            add(&format!("the progress of action {}", progress.action), "note", note);
        }
    }
    texts
}

/// A Finnish name or title in quotation marks, cut at a word after about 60 characters: targets and goals
/// are whole sentences, and the id already identifies them.
fn quoted(fi: &str) -> String {
    const LIMIT: usize = 60;
    if fi.chars().count() <= LIMIT {
        return format!("“{fi}”");
    }
    // One character more, so a word that ends exactly at the limit is kept whole.
    let cut: String = fi.chars().take(LIMIT + 1).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > 0 => cut[..space].to_owned(),
        _ => cut.chars().take(LIMIT).collect(),
    };
    format!("“{}…”", cut.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests;
