//! An indicator's definition as staff edit it: names and texts in three languages, unit and decimals, the
//! direction that says which way is better, frequency, licence, regions, and the reference values (baseline,
//! target, milestones) with where each is stated. Values and projections are not part of it.

use chrono::NaiveDate;
use serde_json::{json, Value};

use super::{localized_from_input, parse_date, text_json, FieldErrors};
use crate::domain::cascade::{Cascade, Frequency, Indicator, Reference};
use crate::domain::indicator::Direction;
use crate::domain::{Lang, LocalizedText, Slug};

/// The longest name, unit or source, in characters.
pub const SHORT_TEXT_LIMIT: usize = 500;

/// The most milestones one indicator may have.
pub const MILESTONE_LIMIT: usize = 50;

#[derive(Debug, Clone, PartialEq)]
pub struct DefinitionItem {
    pub name: LocalizedText,
    pub definition: LocalizedText,
    pub unit: LocalizedText,
    pub source: LocalizedText,
    pub decimals: u8,
    pub direction: Direction,
    pub frequency: Frequency,
    pub licence: Option<String>,
    /// The first is the headline region.
    pub regions: Vec<Slug>,
    pub baseline: Option<Reference>,
    pub target: Option<Reference>,
    pub milestones: Vec<Reference>,
}

/// The keyword of a direction, as forms and the database write it.
pub fn direction_keyword(direction: Direction) -> &'static str {
    match direction {
        Direction::Increase => "increase",
        Direction::Decrease => "decrease",
        Direction::Band { .. } => "band",
        Direction::Ceiling => "ceiling",
    }
}

fn reference_json(reference: &Reference) -> Value {
    json!({
        "date": reference.date.to_string(),
        "value": reference.value,
        "basis": text_json(&reference.basis),
        "example": reference.example,
        "approximate": reference.approximate,
        "date_assumed": reference.date_assumed,
    })
}

impl DefinitionItem {
    pub fn of(indicator: &Indicator) -> DefinitionItem {
        DefinitionItem {
            name: indicator.name.clone(),
            definition: indicator.definition.clone(),
            unit: indicator.unit.clone(),
            source: indicator.source.clone(),
            decimals: indicator.decimals,
            direction: indicator.direction,
            frequency: indicator.frequency,
            licence: indicator.licence.clone(),
            regions: indicator.regions.clone(),
            baseline: indicator.baseline.clone(),
            target: indicator.target.clone(),
            milestones: indicator.milestones.clone(),
        }
    }

    /// Whether this definition leaves out a region in which `indicator` has values: values are never dropped
    /// with their region.
    pub fn drops_regions_with_values(&self, indicator: &Indicator) -> bool {
        indicator
            .series
            .iter()
            .any(|s| !s.values.is_empty() && !self.regions.contains(&s.region))
    }

    pub(super) fn to_json(&self) -> Value {
        let band = match self.direction {
            Direction::Band { low, high } => json!([low, high]),
            _ => Value::Null,
        };
        json!({
            "name": text_json(&self.name),
            "definition": text_json(&self.definition),
            "unit": text_json(&self.unit),
            "source": text_json(&self.source),
            "decimals": self.decimals,
            "direction": direction_keyword(self.direction),
            "band": band,
            "frequency": self.frequency.as_str(),
            "licence": self.licence,
            "regions": self.regions.iter().map(Slug::as_str).collect::<Vec<_>>(),
            "baseline": self.baseline.as_ref().map(reference_json),
            "target": self.target.as_ref().map(reference_json),
            "milestones": self.milestones.iter().map(reference_json).collect::<Vec<_>>(),
        })
    }
}

/// A definition form as typed: texts as `[fi, sv, en]`, references as a date and a value, milestones one
/// `YYYY-MM-DD value` per line.
#[derive(Debug, Clone, Copy)]
pub struct DefinitionInput<'a> {
    pub name: [&'a str; 3],
    pub definition: [&'a str; 3],
    pub unit: [&'a str; 3],
    pub source: [&'a str; 3],
    pub decimals: &'a str,
    pub direction: &'a str,
    pub band_low: &'a str,
    pub band_high: &'a str,
    pub frequency: &'a str,
    pub licence: &'a str,
    /// Region slugs separated by commas, the headline first.
    pub regions: &'a str,
    pub baseline: (&'a str, &'a str),
    pub target: (&'a str, &'a str),
    pub milestones: &'a str,
    /// Where new or changed reference values are stated, in Finnish.
    pub basis: &'a str,
}

/// A number as people type it: a decimal point or comma, no thousands separators.
fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim().replace(',', ".");
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Checks a typed definition against the cascade's regions. `before` is the definition as it stands: a
/// reference whose date and value are unchanged keeps its basis and flags; a new or changed one is stated by
/// the person, in `basis`, and is no longer an example, approximate or of an assumed date.
pub fn definition_from_input(
    input: DefinitionInput<'_>,
    before: &DefinitionItem,
    cascade: &Cascade,
) -> Result<DefinitionItem, FieldErrors> {
    let mut errors = FieldErrors::new();
    let short = |field: &'static str, typed: [&str; 3], before: &LocalizedText, errors: &mut FieldErrors| {
        for (lang, text) in Lang::ALL.iter().zip(typed) {
            if text.chars().count() > SHORT_TEXT_LIMIT {
                errors.insert(super::field_in(field, *lang), "staff-error-too-long-short");
            }
        }
        localized_from_input(field, typed, Some(before), true, errors)
    };
    let name = short("name", input.name, &before.name, &mut errors);
    let unit = short("unit", input.unit, &before.unit, &mut errors);
    let source = short("source", input.source, &before.source, &mut errors);
    let definition = localized_from_input(
        "definition",
        input.definition,
        Some(&before.definition),
        true,
        &mut errors,
    );
    let decimals = input.decimals.trim().parse::<u8>().ok().filter(|d| *d <= 6);
    if decimals.is_none() {
        errors.insert("decimals", "staff-error-decimals");
    }
    let direction = match input.direction.trim() {
        "increase" => Some(Direction::Increase),
        "decrease" => Some(Direction::Decrease),
        "ceiling" => Some(Direction::Ceiling),
        "band" => match (parse_number(input.band_low), parse_number(input.band_high)) {
            (Some(low), Some(high)) if low <= high => Some(Direction::Band { low, high }),
            _ => {
                errors.insert("band_low", "staff-error-band");
                None
            }
        },
        _ => {
            errors.insert("direction", "staff-error-direction");
            None
        }
    };
    let frequency = Frequency::parse(input.frequency.trim());
    if frequency.is_none() {
        errors.insert("frequency", "staff-error-frequency");
    }
    let licence = match input.licence.trim() {
        "" => None,
        text if text.chars().count() <= 100 && !text.contains(['<', '>']) && !super::has_control_characters(text) => {
            Some(text.to_owned())
        }
        _ => {
            errors.insert("licence", "staff-error-licence");
            None
        }
    };
    let mut regions: Vec<Slug> = Vec::new();
    for typed in input
        .regions
        .split([',', ' ', ';', '\n', '\r', '\t'])
        .filter(|t| !t.is_empty())
    {
        match Slug::parse(typed).ok().filter(|slug| cascade.region(slug).is_some()) {
            Some(slug) if !regions.contains(&slug) => regions.push(slug),
            Some(_) => {}
            None => {
                errors.insert("regions", "staff-error-regions");
            }
        }
    }
    if regions.is_empty() {
        errors.insert("regions", "staff-error-regions");
    }
    let basis = input.basis.trim();
    let stated = (!basis.is_empty()).then(|| LocalizedText {
        fi: basis.to_owned(),
        sv: None,
        en: None,
    });
    let held: Vec<&Reference> = before
        .baseline
        .iter()
        .chain(&before.target)
        .chain(&before.milestones)
        .collect();
    let mut needs_basis = false;
    let mut reference = |date: NaiveDate, value: f64| match held.iter().find(|r| r.date == date && r.value == value) {
        Some(kept) => Some((*kept).clone()),
        None => {
            needs_basis = true;
            stated.clone().map(|basis| Reference {
                date,
                value,
                basis,
                example: false,
                approximate: false,
                date_assumed: false,
            })
        }
    };
    let mut pair = |field: &'static str, (date, value): (&str, &str), errors: &mut FieldErrors| {
        if date.trim().is_empty() && value.trim().is_empty() {
            return None;
        }
        match (parse_date(date), parse_number(value)) {
            (Some(date), Some(value)) => reference(date, value),
            _ => {
                errors.insert(field, "staff-error-reference");
                None
            }
        }
    };
    let baseline = pair("baseline_date", input.baseline, &mut errors);
    let target = pair("target_date", input.target, &mut errors);
    let mut milestones = Vec::new();
    for line in input.milestones.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let parsed = line
            .split_once(char::is_whitespace)
            .and_then(|(date, value)| Some((parse_date(date)?, parse_number(value)?)));
        match parsed {
            Some((date, value)) => milestones.extend(reference(date, value)),
            None => {
                errors.insert("milestones", "staff-error-milestones");
            }
        }
    }
    milestones.sort_by_key(|m| m.date);
    if milestones.len() > MILESTONE_LIMIT || milestones.windows(2).any(|w| w[0].date == w[1].date) {
        errors.insert("milestones", "staff-error-milestones");
    }
    if needs_basis && stated.is_none() {
        errors.insert("basis", "staff-error-basis");
    }
    if basis.chars().count() > SHORT_TEXT_LIMIT {
        errors.insert("basis", "staff-error-too-long-short");
    } else if super::has_control_characters(basis) {
        errors.insert("basis", "staff-error-control");
    }
    if matches!(direction, Some(Direction::Ceiling)) && target.is_none() && !errors.contains_key("target_date") {
        errors.insert("target_date", "staff-error-ceiling-target");
    }
    match (name, definition, unit, source, decimals, direction, frequency) {
        (Some(name), Some(definition), Some(unit), Some(source), Some(decimals), Some(direction), Some(frequency))
            if errors.is_empty() =>
        {
            Ok(DefinitionItem {
                name,
                definition,
                unit,
                source,
                decimals,
                direction,
                frequency,
                licence,
                regions,
                baseline,
                target,
                milestones,
            })
        }
        _ => Err(errors),
    }
}
