//! An indicator's definition through the write API: `GET` gives it as stored with its `ETag`, `PUT` replaces it
//! with a reason provided `If-Match` still names that state. The body is checked by the staff form's own rules
//! (it is handed to them as the form would type it), so the two never disagree: a new or changed reference
//! value needs `basis`, a region that has values cannot be left out, a ceiling needs a target.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::bearer::Bearer;
use super::body::read_json;
use super::items::{field_problems, precondition, read, reason, text_pointers, write, TextsDto};
use super::WriteProblemDto;
use crate::domain::access::policy::{indicator_owners, Operation, Subject};
use crate::domain::cascade::{Frequency, Reference};
use crate::domain::edit::{definition_from_input, DefinitionInput, FieldErrors, Item, ItemRef};
use crate::domain::indicator::Direction;
use crate::domain::IndicatorId;
use crate::http::{AppError, AppState};

/// Which way is better: `increase`, `decrease`, `band` (between `band.low` and `band.high`) or `ceiling` (at
/// most the target).
#[derive(Serialize, Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum DefinitionDirection {
    Increase,
    Decrease,
    Band,
    Ceiling,
}

impl DefinitionDirection {
    fn of(direction: Direction) -> DefinitionDirection {
        match direction {
            Direction::Increase => DefinitionDirection::Increase,
            Direction::Decrease => DefinitionDirection::Decrease,
            Direction::Band { .. } => DefinitionDirection::Band,
            Direction::Ceiling => DefinitionDirection::Ceiling,
        }
    }

    fn keyword(self) -> &'static str {
        match self {
            DefinitionDirection::Increase => "increase",
            DefinitionDirection::Decrease => "decrease",
            DefinitionDirection::Band => "band",
            DefinitionDirection::Ceiling => "ceiling",
        }
    }
}

/// The good range of a `band` indicator.
#[derive(Serialize, Deserialize, ToSchema, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct DefinitionBandDto {
    low: f64,
    high: f64,
}

/// A reference value (baseline, target or milestone) as stored, with where it is stated.
#[derive(Serialize, ToSchema)]
pub struct DefinitionReferenceDto {
    #[schema(value_type = String, format = Date, example = "2017-01-01")]
    date: NaiveDate,
    value: f64,
    basis: TextsDto,
    /// An illustrative figure nobody has confirmed.
    example: bool,
}

impl DefinitionReferenceDto {
    fn of(reference: &Reference) -> DefinitionReferenceDto {
        DefinitionReferenceDto {
            date: reference.date,
            value: reference.value,
            basis: TextsDto::of(&reference.basis),
            example: reference.example,
        }
    }
}

/// A reference value to write: an unchanged date and value keep their basis, a new or changed one is stated in
/// the body's `basis`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReferenceDto {
    #[schema(value_type = String, format = Date, example = "2021-12-31")]
    date: NaiveDate,
    value: f64,
}

/// An indicator's definition.
#[derive(Serialize, ToSchema)]
pub struct DefinitionStateDto {
    #[schema(example = 1)]
    indicator: u32,
    name: TextsDto,
    definition: TextsDto,
    unit: TextsDto,
    source: TextsDto,
    #[schema(example = 1)]
    decimals: u8,
    direction: DefinitionDirection,
    /// For `band` only.
    band: Option<DefinitionBandDto>,
    frequency: Frequency,
    licence: Option<String>,
    /// Region slugs, the headline region first.
    regions: Vec<String>,
    baseline: Option<DefinitionReferenceDto>,
    target: Option<DefinitionReferenceDto>,
    milestones: Vec<DefinitionReferenceDto>,
}

/// A new definition, with the reason kept in the audit log. Values are not part of it.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DefinitionWriteDto {
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
        example = "Tilastokeskuksen määritelmä muuttui"
    )]
    reason: String,
    /// At most 500 characters a language; Finnish required.
    name: TextsDto,
    /// Finnish required.
    definition: TextsDto,
    /// At most 500 characters a language; Finnish required.
    unit: TextsDto,
    /// At most 500 characters a language; Finnish required.
    source: TextsDto,
    #[schema(minimum = 0, maximum = 6)]
    decimals: u8,
    direction: DefinitionDirection,
    /// Required for `band`, low at most high.
    #[serde(default)]
    band: Option<DefinitionBandDto>,
    frequency: Frequency,
    /// E.g. `CC BY 4.0`: at most 100 characters.
    #[serde(default)]
    #[schema(max_length = 100)]
    licence: Option<String>,
    /// Slugs of the city's regions, the headline region first; every region that has values stays.
    #[schema(min_items = 1, max_items = 200)]
    regions: Vec<String>,
    #[serde(default)]
    baseline: Option<NewReferenceDto>,
    /// Required for `ceiling`.
    #[serde(default)]
    target: Option<NewReferenceDto>,
    /// At most 50, each on a date of its own.
    #[serde(default)]
    #[schema(max_items = 50)]
    milestones: Vec<NewReferenceDto>,
    /// Where new or changed reference values are stated, in Finnish: at most 500 characters.
    #[serde(default)]
    #[schema(max_length = 500)]
    basis: Option<String>,
}

fn dto(indicator: IndicatorId, item: &Item) -> Result<serde_json::Value, AppError> {
    let Item::Definition(definition) = item else {
        return Err(crate::http::staff::edits::another_kind());
    };
    let band = match definition.direction {
        Direction::Band { low, high } => Some(DefinitionBandDto { low, high }),
        _ => None,
    };
    serde_json::to_value(DefinitionStateDto {
        indicator: indicator.get(),
        name: TextsDto::of(&definition.name),
        definition: TextsDto::of(&definition.definition),
        unit: TextsDto::of(&definition.unit),
        source: TextsDto::of(&definition.source),
        decimals: definition.decimals,
        direction: DefinitionDirection::of(definition.direction),
        band,
        frequency: definition.frequency,
        licence: definition.licence.clone(),
        regions: definition.regions.iter().map(ToString::to_string).collect(),
        baseline: definition.baseline.as_ref().map(DefinitionReferenceDto::of),
        target: definition.target.as_ref().map(DefinitionReferenceDto::of),
        milestones: definition.milestones.iter().map(DefinitionReferenceDto::of).collect(),
    })
    .map_err(|e| AppError::Internal(e.into()))
}

/// The indicator of the path if it exists and the token reaches it (400, 404, 403).
fn reachable(state: &AppState, bearer: &Bearer, id: &str) -> Result<IndicatorId, AppError> {
    let id: IndicatorId = id
        .parse()
        .map_err(|_| AppError::bad_request("problem-detail-malformed-id", id.chars().take(80).collect::<String>()))?;
    let snapshot = state.snapshot();
    if snapshot.cascade.indicator(id).is_none() {
        return Err(AppError::not_found("problem-detail-no-page", ""));
    }
    let owners = indicator_owners(&snapshot.cascade, id);
    let subject = Subject::Indicator {
        id,
        organisations: &owners,
    };
    bearer.require(
        Operation::EditIndicatorDefinition,
        subject,
        &snapshot.cascade.organisations,
    )?;
    Ok(id)
}

/// The body as the form would hold it: numbers and dates as text, regions and milestones as lists.
struct Typed {
    decimals: String,
    band: (String, String),
    regions: String,
    baseline: (String, String),
    target: (String, String),
    milestones: String,
}

impl Typed {
    fn of(body: &DefinitionWriteDto) -> Typed {
        let pair = |r: &Option<NewReferenceDto>| {
            r.as_ref()
                .map_or_else(Default::default, |r| (r.date.to_string(), r.value.to_string()))
        };
        Typed {
            decimals: body.decimals.to_string(),
            band: body
                .band
                .map_or_else(Default::default, |b| (b.low.to_string(), b.high.to_string())),
            regions: body.regions.join(","),
            baseline: pair(&body.baseline),
            target: pair(&body.target),
            milestones: body
                .milestones
                .iter()
                .map(|m| format!("{} {}", m.date, m.value))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// Where each of the form's fields is in the body.
fn pointers() -> BTreeMap<&'static str, &'static str> {
    let mut pointers = BTreeMap::from([
        ("decimals", "/decimals"),
        ("direction", "/direction"),
        ("band_low", "/band"),
        ("frequency", "/frequency"),
        ("licence", "/licence"),
        ("regions", "/regions"),
        ("baseline_date", "/baseline"),
        ("target_date", "/target"),
        ("milestones", "/milestones"),
        ("basis", "/basis"),
    ]);
    for (field, places) in [
        ("name", ["/name/fi", "/name/sv", "/name/en"]),
        ("definition", ["/definition/fi", "/definition/sv", "/definition/en"]),
        ("unit", ["/unit/fi", "/unit/sv", "/unit/en"]),
        ("source", ["/source/fi", "/source/sv", "/source/en"]),
    ] {
        text_pointers(field, &mut pointers, places);
    }
    pointers
}

/// An indicator's definition as stored now; its `ETag` is what `If-Match` names to replace it.
#[utoipa::path(
    get,
    path = "/api/v1/staff/indicators/{id}/definition",
    tag = "staff",
    security(("bearer" = [])),
    params(("id" = u32, Path, description = "The indicator's id", minimum = 1, maximum = 999999, example = 1)),
    responses(
        (status = 200, description = "The indicator's definition", body = DefinitionStateDto,
         headers(("ETag" = String, description = "The definition's version, for If-Match"), ("Cache-Control" = String))),
        (status = 304, description = "Still the state named in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 400, description = "The id is malformed", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 403, description = "The token (or its account) may not edit this indicator", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 404, description = "No indicator has this id", body = WriteProblemDto, content_type = "application/problem+json"),
    )
)]
pub async fn get_definition(
    bearer: Bearer,
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let id = reachable(&state, &bearer, &id)?;
    read(&state, &bearer, ItemRef::Definition(id), &headers, |item| dto(id, item)).await
}

/// Replaces an indicator's definition, with a reason.
///
/// `If-Match` must name the definition's current `ETag` (or be `*`). Every mistake is listed in the 422's
/// `errors`.
#[utoipa::path(
    put,
    path = "/api/v1/staff/indicators/{id}/definition",
    tag = "staff",
    security(("bearer" = [])),
    params(
        ("id" = u32, Path, description = "The indicator's id", minimum = 1, maximum = 999999, example = 1),
        ("If-Match" = String, Header, description = "The ETag of the definition replaced, or * for whatever it is",
         pattern = r#"^(\*|(W/)?"[^"]*"(\s*,\s*(W/)?"[^"]*")*)$"#),
    ),
    request_body = DefinitionWriteDto,
    responses(
        (status = 200, description = "Saved (or already so)", body = DefinitionStateDto,
         headers(("ETag" = String, description = "The version saved"), ("Cache-Control" = String))),
        (status = 400, description = "The id, If-Match or the body is malformed", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 403, description = "The token (or its account) may not edit this indicator", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 404, description = "No indicator has this id", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 412, description = "The definition changed since the ETag in If-Match: nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
        (status = 422, description = "The body has mistakes, listed in errors: nothing was written", body = WriteProblemDto, content_type = "application/problem+json"),
    )
)]
pub async fn put_definition(
    bearer: Bearer,
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let id = reachable(&state, &bearer, &id)?;
    let item = ItemRef::Definition(id);
    let snapshot = state.snapshot();
    let scope = crate::http::staff::edits::scope(&snapshot);
    let before = precondition(&state, scope, &bearer, item, &headers).await?;
    let Item::Definition(held) = &before else {
        return Err(crate::http::staff::edits::another_kind());
    };
    let body: DefinitionWriteDto = read_json(&headers, &body)?;
    let mut problems = Vec::new();
    let reason = reason(&body.reason, &mut problems);
    let typed = Typed::of(&body);
    let input = DefinitionInput {
        name: TextsDto::typed(Some(&body.name)),
        definition: TextsDto::typed(Some(&body.definition)),
        unit: TextsDto::typed(Some(&body.unit)),
        source: TextsDto::typed(Some(&body.source)),
        decimals: &typed.decimals,
        direction: body.direction.keyword(),
        band_low: &typed.band.0,
        band_high: &typed.band.1,
        frequency: body.frequency.as_str(),
        licence: body.licence.as_deref().unwrap_or_default(),
        regions: &typed.regions,
        baseline: (&typed.baseline.0, &typed.baseline.1),
        target: (&typed.target.0, &typed.target.1),
        milestones: &typed.milestones,
        basis: body.basis.as_deref().unwrap_or_default(),
    };
    let mut checked = definition_from_input(input, held, &snapshot.cascade);
    let indicator = snapshot.cascade.indicator(id);
    if matches!(&checked, Ok(after) if indicator.is_some_and(|i| after.drops_regions_with_values(i))) {
        checked = Err(FieldErrors::from([("regions", "staff-error-regions-values")]));
    }
    let definition = match checked {
        Ok(definition) => Some(definition),
        Err(errors) => {
            problems.extend(field_problems(errors, &pointers()));
            None
        }
    };
    let (Some(reason), Some(definition)) = (reason, definition) else {
        return Err(AppError::Invalid(problems));
    };
    write(
        &state,
        &bearer,
        (&before, Item::Definition(Box::new(definition))),
        item,
        reason,
        |item| dto(id, item),
    )
    .await
}
