//! An indicator's definition form: name, definition, unit and source in three languages side by side, decimals,
//! which way is better, frequency, licence, regions, and the baseline, target and milestones with where new
//! figures are stated.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::{Extension, Form};
use serde::{Deserialize, Serialize};

use super::{compare_text, finish, lang_inputs, messages, respond, scope, status_of, typed_text, Compared, Finished};
use super::{LangInput, Outcome, Saved};
use crate::domain::cascade::{Frequency, Reference};
use crate::domain::edit::{
    definition_from_input, direction_keyword, DefinitionInput, DefinitionItem, Edit, FieldErrors,
};
use crate::domain::edit::{Item, ItemRef, Revision};
use crate::domain::indicator::Direction;
use crate::domain::{IndicatorId, Lang};
use crate::http::staff::view::StaffPage;
use crate::http::staff::{parse_lang, Signed};
use crate::http::{AppError, AppState};

/// The form as posted, and as drawn from the saved definition.
#[derive(Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct DefinitionForm {
    name_fi: String,
    name_sv: String,
    name_en: String,
    definition_fi: String,
    definition_sv: String,
    definition_en: String,
    unit_fi: String,
    unit_sv: String,
    unit_en: String,
    source_fi: String,
    source_sv: String,
    source_en: String,
    decimals: String,
    direction: String,
    band_low: String,
    band_high: String,
    frequency: String,
    licence: String,
    regions: String,
    baseline_date: String,
    baseline_value: String,
    target_date: String,
    target_value: String,
    milestones: String,
    basis: String,
    reason: String,
    revision: String,
}

fn reference_fields(reference: Option<&Reference>) -> (String, String) {
    reference.map_or_else(Default::default, |r| (r.date.to_string(), r.value.to_string()))
}

impl DefinitionForm {
    fn input(&self) -> DefinitionInput<'_> {
        DefinitionInput {
            name: [&self.name_fi, &self.name_sv, &self.name_en],
            definition: [&self.definition_fi, &self.definition_sv, &self.definition_en],
            unit: [&self.unit_fi, &self.unit_sv, &self.unit_en],
            source: [&self.source_fi, &self.source_sv, &self.source_en],
            decimals: &self.decimals,
            direction: &self.direction,
            band_low: &self.band_low,
            band_high: &self.band_high,
            frequency: &self.frequency,
            licence: &self.licence,
            regions: &self.regions,
            baseline: (&self.baseline_date, &self.baseline_value),
            target: (&self.target_date, &self.target_value),
            milestones: &self.milestones,
            basis: &self.basis,
        }
    }

    fn from_item(item: &DefinitionItem) -> DefinitionForm {
        let [name_fi, name_sv, name_en] = typed_text(Some(&item.name));
        let [definition_fi, definition_sv, definition_en] = typed_text(Some(&item.definition));
        let [unit_fi, unit_sv, unit_en] = typed_text(Some(&item.unit));
        let [source_fi, source_sv, source_en] = typed_text(Some(&item.source));
        let (band_low, band_high) = match item.direction {
            Direction::Band { low, high } => (low.to_string(), high.to_string()),
            _ => Default::default(),
        };
        let (baseline_date, baseline_value) = reference_fields(item.baseline.as_ref());
        let (target_date, target_value) = reference_fields(item.target.as_ref());
        DefinitionForm {
            name_fi,
            name_sv,
            name_en,
            definition_fi,
            definition_sv,
            definition_en,
            unit_fi,
            unit_sv,
            unit_en,
            source_fi,
            source_sv,
            source_en,
            decimals: item.decimals.to_string(),
            direction: direction_keyword(item.direction).to_owned(),
            band_low,
            band_high,
            frequency: item.frequency.as_str().to_owned(),
            licence: item.licence.clone().unwrap_or_default(),
            regions: item.regions.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", "),
            baseline_date,
            baseline_value,
            target_date,
            target_value,
            milestones: item
                .milestones
                .iter()
                .map(|m| format!("{} {}", m.date, m.value))
                .collect::<Vec<_>>()
                .join("\n"),
            basis: String::new(),
            reason: String::new(),
            revision: Item::Definition(Box::new(item.clone())).revision().to_string(),
        }
    }
}

#[derive(Serialize)]
struct Choice {
    value: &'static str,
    label: String,
}

#[derive(Serialize)]
struct FormView {
    id: u32,
    name: String,
    directions: Vec<Choice>,
    frequencies: Vec<Choice>,
    /// The regions one may name, `slug: name`, for the hint.
    known_regions: String,
    texts: Vec<(&'static str, &'static str, Vec<LangInput>)>,
    form: DefinitionForm,
    #[serde(flatten)]
    outcome: Outcome,
}

fn indicator_id(id: &str) -> Result<IndicatorId, AppError> {
    id.parse()
        .map_err(|_| AppError::not_found("problem-detail-no-page", ""))
}

fn draw(
    state: &AppState,
    signed: &Signed,
    lang: Lang,
    id: IndicatorId,
    form: DefinitionForm,
    outcome: Outcome,
) -> Result<Response, AppError> {
    let snapshot = state.snapshot();
    let cascade = &snapshot.cascade;
    let path = format!("/indicators/{id}");
    let page = StaffPage {
        lang,
        path: &path,
        title_key: "staff-definition-title",
        signed: Some(signed),
    };
    let directions = ["increase", "decrease", "ceiling", "band"]
        .into_iter()
        .map(|value| Choice {
            value,
            label: state.i18n.text(lang, &format!("direction-{value}")),
        })
        .collect();
    let frequencies = Frequency::ALL
        .iter()
        .map(|f| Choice {
            value: f.as_str(),
            label: state.i18n.text(lang, &format!("frequency-{}", f.as_str())),
        })
        .collect();
    let known_regions = cascade
        .regions
        .iter()
        .map(|r| format!("{} ({})", r.slug, r.name.resolve(lang).text))
        .collect::<Vec<_>>()
        .join(", ");
    let texts = vec![
        (
            "name",
            "staff-definition-name",
            lang_inputs("name", [&form.name_fi, &form.name_sv, &form.name_en]),
        ),
        (
            "unit",
            "staff-unit",
            lang_inputs("unit", [&form.unit_fi, &form.unit_sv, &form.unit_en]),
        ),
        (
            "definition",
            "staff-definition-definition",
            lang_inputs(
                "definition",
                [&form.definition_fi, &form.definition_sv, &form.definition_en],
            ),
        ),
        (
            "source",
            "staff-definition-source",
            lang_inputs("source", [&form.source_fi, &form.source_sv, &form.source_en]),
        ),
    ];
    let view = FormView {
        id: id.get(),
        name: cascade
            .indicator(id)
            .map(|i| i.name.resolve(lang).text.to_owned())
            .unwrap_or_default(),
        directions,
        frequencies,
        known_regions,
        texts,
        form,
        outcome,
    };
    let status = status_of(&view.outcome);
    respond(&page, state, "staff/definition.html", status, view)
}

async fn read(state: &AppState, signed: &Signed, id: IndicatorId) -> Result<DefinitionItem, AppError> {
    let snapshot = state.snapshot();
    let item = ItemRef::Definition(id);
    match crate::app::edits::read(state.store.as_ref(), scope(&snapshot), &signed.account, item).await? {
        Item::Definition(definition) => Ok(*definition),
        _ => Err(crate::http::staff::edits::another_kind()),
    }
}

pub async fn form(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Query(query): Query<Saved>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let id = indicator_id(&id)?;
    let definition = read(&state, &signed, id).await?;
    let outcome = Outcome {
        saved: query.saved.is_some(),
        ..Outcome::default()
    };
    draw(
        &state,
        &signed,
        lang,
        id,
        DefinitionForm::from_item(&definition),
        outcome,
    )
}

pub async fn save(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<DefinitionForm>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let id = indicator_id(&id)?;
    let before = read(&state, &signed, id).await?;
    let snapshot = state.snapshot();
    let mut checked = definition_from_input(form.input(), &before, &snapshot.cascade);
    let dropped = |after: &DefinitionItem| {
        let indicator = snapshot.cascade.indicator(id);
        indicator.is_some_and(|indicator| after.drops_regions_with_values(indicator))
    };
    if matches!(&checked, Ok(after) if dropped(after)) {
        checked = Err(FieldErrors::from([("regions", "staff-error-regions-values")]));
    }
    let errors = messages(
        &state,
        lang,
        checked.as_ref().err().cloned().unwrap_or_default(),
        &form.reason,
    );
    let after = match checked {
        Ok(after) if errors.is_empty() => after,
        _ => {
            let outcome = Outcome {
                errors,
                ..Outcome::default()
            };
            return draw(&state, &signed, lang, id, form, outcome);
        }
    };
    let edit = Edit {
        item: ItemRef::Definition(id),
        after: Item::Definition(Box::new(after)),
    };
    let expected = Revision::from_client(&form.revision);
    let back = format!("/staff/{lang}/indicators/{id}");
    match finish(&state, &signed, &edit, &expected, &form.reason, &back).await? {
        Finished::Redirect(response) => Ok(response),
        Finished::Stale(current) => {
            let Item::Definition(current) = current else {
                return Err(crate::http::staff::edits::another_kind());
            };
            let saved = DefinitionForm::from_item(&current);
            let outcome = Outcome {
                conflict: compare(&state, lang, &saved, &form),
                ..Outcome::default()
            };
            let form = DefinitionForm {
                revision: saved.revision.clone(),
                ..form
            };
            draw(&state, &signed, lang, id, form, outcome)
        }
    }
}

/// Both versions, field by field, for the conflict page.
fn compare(state: &AppState, lang: Lang, saved: &DefinitionForm, yours: &DefinitionForm) -> Vec<Compared> {
    let mut rows = Vec::new();
    let texts = [
        (
            "staff-definition-name",
            [&saved.name_fi, &saved.name_sv, &saved.name_en],
            [&yours.name_fi, &yours.name_sv, &yours.name_en],
        ),
        (
            "staff-unit",
            [&saved.unit_fi, &saved.unit_sv, &saved.unit_en],
            [&yours.unit_fi, &yours.unit_sv, &yours.unit_en],
        ),
        (
            "staff-definition-definition",
            [&saved.definition_fi, &saved.definition_sv, &saved.definition_en],
            [&yours.definition_fi, &yours.definition_sv, &yours.definition_en],
        ),
        (
            "staff-definition-source",
            [&saved.source_fi, &saved.source_sv, &saved.source_en],
            [&yours.source_fi, &yours.source_sv, &yours.source_en],
        ),
    ];
    for (label, saved_text, yours_text) in texts {
        let saved_text = saved_text.map(|t| t.clone());
        rows.extend(compare_text(
            state,
            lang,
            label,
            saved_text,
            yours_text.map(String::as_str),
        ));
    }
    let plain: BTreeMap<&str, (&String, &String)> = BTreeMap::from([
        ("staff-definition-decimals", (&saved.decimals, &yours.decimals)),
        ("staff-definition-direction", (&saved.direction, &yours.direction)),
        ("staff-definition-frequency", (&saved.frequency, &yours.frequency)),
        ("staff-definition-licence", (&saved.licence, &yours.licence)),
        ("staff-definition-regions", (&saved.regions, &yours.regions)),
        (
            "staff-definition-baseline",
            (&saved.baseline_value, &yours.baseline_value),
        ),
        ("staff-definition-target", (&saved.target_value, &yours.target_value)),
        ("staff-definition-milestones", (&saved.milestones, &yours.milestones)),
    ]);
    rows.extend(plain.into_iter().map(|(label, (saved, yours))| Compared {
        label: state.i18n.text(lang, label),
        saved: saved.clone(),
        yours: yours.trim().to_owned(),
    }));
    rows
}
