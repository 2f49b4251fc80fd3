//! An indicator's values through the write API. `GET` gives what a writer works on (the regions the indicator
//! is reported for and its values, read from the database rather than this server's snapshot) with its `ETag`;
//! `POST` records a batch of values with a reason, all or none, provided `If-Match` still names that state.
//! The checks are those of `tarina indicators import` and the staff form ([`crate::app::values`]); the token's
//! account is the actor, and the audit entry is written in the write's own transaction.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header::ETAG;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{Datelike as _, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::bearer::Bearer;
use super::body::{plain_text, read_json};
use super::preconditions::{etag, not_modified, IfMatch};
use super::WriteProblemDto;
use crate::app::values::{check_values, ValueProblem, ValueProblems};
use crate::domain::access::policy::{indicator_owners, Operation, Subject};
use crate::domain::cascade::has_full_date_shape;
use crate::domain::change::{Change, NewValue, RecordSummary};
use crate::domain::revision::ValuesState;
use crate::domain::{IndicatorId, Slug};
use crate::http::error::FieldProblem;
use crate::http::{AppError, AppState, Snapshot};
use crate::store::StoreError;
use crate::values::VALUE_YEARS;

/// The longest source or reason, in characters, as in the staff forms.
const TEXT_CHARS: usize = 500;
/// The most values one request records; a larger series goes in several requests, or through a file import.
const MAX_VALUES: usize = 10_000;

/// What a writer of an indicator's values works on. Its `ETag` names this state; send it back in `If-Match`.
#[derive(Serialize, ToSchema)]
pub struct ValuesStateDto {
    #[schema(example = 1)]
    indicator: u32,
    /// The slugs of the regions the indicator is reported for, the headline region first: the only regions a
    /// value may have.
    regions: Vec<String>,
    /// Every value stored, by region and date.
    values: Vec<StoredValueDto>,
}

/// A stored value.
#[derive(Serialize, ToSchema)]
pub struct StoredValueDto {
    region: String,
    #[schema(format = Date)]
    date: String,
    value: f64,
    /// Where the value comes from, as entered (the Finnish text).
    source: String,
    /// An illustrative figure rather than a real one.
    example: bool,
}

impl ValuesStateDto {
    fn new(id: IndicatorId, state: &ValuesState) -> ValuesStateDto {
        ValuesStateDto {
            indicator: id.get(),
            regions: state.regions.iter().map(Slug::to_string).collect(),
            values: state
                .values
                .iter()
                .map(|v| StoredValueDto {
                    region: v.region.to_string(),
                    date: v.date.to_string(),
                    value: v.value,
                    source: v.source.clone(),
                    example: v.example,
                })
                .collect(),
        }
    }
}

/// Values to record, with the reason kept in the audit log. The patterns say what the server checks: a source
/// or a reason is some text that is not only spaces, without control characters (U+0000–U+001F,
/// U+007F–U+009F; see [`plain_text`]), and a date is a day from 1900 to 2100 written `YYYY-MM-DD`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ValuesBatchDto {
    /// Why the values are recorded: kept in the audit log with the token's account.
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
        example = "Tilastokeskus published the 2024 figures"
    )]
    reason: String,
    /// The values, each for a region and a date. A value for a region and date that has one replaces it, and
    /// the old value is kept in the indicator's correction history.
    #[schema(min_items = 1, max_items = 10000)]
    values: Vec<NewValueDto>,
}

/// One value to record.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewValueDto {
    /// The slug of a region the indicator is reported for (its state lists them).
    #[schema(example = "espoo", pattern = "^[a-z0-9]+(-[a-z0-9]+)*$")]
    region: String,
    /// The day the value describes, from 1900 to 2100.
    #[schema(format = Date, pattern = r"^(19[0-9]{2}|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", example = "2024-12-31")]
    date: String,
    #[schema(example = 74.6)]
    value: f64,
    /// Where the value comes from, e.g. a statistic or a report.
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
        example = "Tilastokeskus, työssäkäyntitilasto"
    )]
    source: String,
}

/// What a write did. Its `ETag` names the state it left, for the next write.
#[derive(Serialize, ToSchema)]
pub struct RecordedDto {
    /// Values for a region and date that had none.
    added: usize,
    /// Values that replaced another value or source, which is kept as a correction.
    corrected: usize,
    /// Values identical to those stored: not a change.
    unchanged: usize,
}

impl From<RecordSummary> for RecordedDto {
    fn from(summary: RecordSummary) -> RecordedDto {
        RecordedDto {
            added: summary.added,
            corrected: summary.corrected,
            unchanged: summary.unchanged,
        }
    }
}

fn no_indicator(id: impl ToString) -> AppError {
    AppError::not_found("problem-detail-no-indicator", id.to_string())
}

/// The indicator of the path if the token may record its values: 400 for a malformed id, 404 for an unknown
/// one, 403 for one beyond the token's or its account's reach.
fn reachable(state: &AppState, bearer: &Bearer, id: &str) -> Result<(Arc<Snapshot>, IndicatorId), AppError> {
    let id: IndicatorId = id
        .parse()
        .map_err(|_| AppError::bad_request("problem-detail-malformed-id", id.chars().take(80).collect::<String>()))?;
    let snapshot = state.snapshot();
    if snapshot.cascade.indicator(id).is_none() {
        return Err(no_indicator(id));
    }
    let owners = indicator_owners(&snapshot.cascade, id);
    let subject = Subject::Indicator {
        id,
        organisations: &owners,
    };
    bearer.require(Operation::RecordValues, subject, &snapshot.cascade.organisations)?;
    Ok((snapshot, id))
}

/// The indicator's state as stored now.
async fn current(state: &AppState, snapshot: &Snapshot, id: IndicatorId) -> Result<ValuesState, AppError> {
    state
        .store
        .indicator_state(snapshot.strategy.city.slug.as_str(), id)
        .await?
        .ok_or_else(|| no_indicator(id))
}

/// The regions and values of an indicator whose values the token may record, as stored now.
///
/// The `ETag` names this state: send it in `If-Match` to record values. Responses are never cached.
#[utoipa::path(
    get,
    path = "/api/v1/staff/indicators/{id}/values",
    tag = "staff",
    security(("bearer" = [])),
    params(("id" = u32, Path, description = "The indicator's id, a whole number from 1 to 999999", minimum = 1, maximum = 999999, example = 1)),
    responses(
        (status = 200, description = "The indicator's state", body = ValuesStateDto,
         headers(("ETag" = String, description = "The state's version, for If-Match"), ("Cache-Control" = String, description = "no-store"))),
        (status = 304, description = "The state is still the one named in If-None-Match",
         headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 400, description = "The id is not a whole number from 1 to 999999", body = WriteProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String, description = "The language of title and detail"))),
        (status = 403, description = "The token (or its account) may not record this indicator's values", body = WriteProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String))),
        (status = 404, description = "No indicator has this id", body = WriteProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String))),
    )
)]
pub async fn state(
    bearer: Bearer,
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (snapshot, id) = reachable(&state, &bearer, &id)?;
    let current = current(&state, &snapshot, id).await?;
    let tag = current.tag();
    if not_modified(&headers, &tag) {
        return Ok((StatusCode::NOT_MODIFIED, [(ETAG, etag(&tag))]).into_response());
    }
    Ok(([(ETAG, etag(&tag))], Json(ValuesStateDto::new(id, &current))).into_response())
}

/// Records values of an indicator, all or none, with a reason.
///
/// `If-Match` must name the indicator's current state (its `ETag`), or be `*` to write whatever the state.
/// Every mistake of the body is listed in the 422's `errors`, each with a JSON Pointer to its place.
/// The checks are those of `tarina indicators import`. The public API shows the values at once.
#[utoipa::path(
    post,
    path = "/api/v1/staff/indicators/{id}/values",
    tag = "staff",
    security(("bearer" = [])),
    params(
        ("id" = u32, Path, description = "The indicator's id, a whole number from 1 to 999999", minimum = 1, maximum = 999999, example = 1),
        ("If-Match" = String, Header, description = "The ETag of the state the values are written to, or * for whatever the state",
         pattern = r#"^(\*|(W/)?"[^"]*"(\s*,\s*(W/)?"[^"]*")*)$"#),
    ),
    request_body = ValuesBatchDto,
    responses(
        (status = 200, description = "The values were recorded (or were already so)", body = RecordedDto,
         headers(("ETag" = String, description = "The version of the state the write left"), ("Cache-Control" = String))),
        (status = 400, description = "The id, If-Match or the body is malformed (not JSON)", body = WriteProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String, description = "The language of title and detail"))),
        (status = 403, description = "The token (or its account) may not record this indicator's values", body = WriteProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String))),
        (status = 404, description = "No indicator has this id", body = WriteProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String))),
        (status = 412, description = "The state has changed since the ETag in If-Match: nothing was written", body = WriteProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String))),
        (status = 422, description = "The body has mistakes, listed in errors: nothing was written", body = WriteProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String))),
    )
)]
pub async fn record(
    bearer: Bearer,
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let (snapshot, id) = reachable(&state, &bearer, &id)?;
    // Preconditions are evaluated before the content is read (RFC 9110 13.2.1); the write checks again in its
    // own transaction, for a write that comes between.
    let if_match = IfMatch::from_headers(&headers)?;
    let current = current(&state, &snapshot, id).await?;
    let tag = current.tag();
    let expected = if_match.expect(&tag)?;
    let batch: ValuesBatchDto = read_json(&headers, &body)?;
    let (values, reason) = check(&snapshot, id, &batch)?;
    let change = Change::new(bearer.actor(), reason);
    let city = snapshot.strategy.city.slug.to_string();
    let recorded = crate::app::values::record_values_if(
        state.store.as_ref(),
        &city,
        &snapshot.cascade,
        id,
        expected,
        &values,
        &change,
    )
    .await;
    let (summary, left) = recorded.map_err(|error| match error.downcast::<ValueProblems>() {
        Ok(ValueProblems(problems)) => {
            AppError::Invalid(problems.iter().map(|(at, p)| field_problem(*at, p)).collect())
        }
        Err(error) => match error.downcast::<StoreError>() {
            Ok(error) => error.into(),
            Err(error) => AppError::Internal(error),
        },
    })?;
    // The public pages and API read the snapshot: bring this server's up to date before answering. The write
    // is committed whatever happens here, so a failure to catch up is left to the refresher, not reported.
    if let Err(error) = state.refresh().await {
        tracing::warn!("cannot catch up with the write just made: {error:#}");
    }
    Ok(([(ETAG, etag(&left))], Json(RecordedDto::from(summary))).into_response())
}

/// Reads every value of the batch and checks it by the rules of the data, listing every mistake at its place.
/// The fields are read and checked one by one here, so that a value with several mistakes shows them all;
/// what concerns values together (the same region and date twice) is checked by the use case's rules, which
/// the write applies again.
fn check(snapshot: &Snapshot, id: IndicatorId, batch: &ValuesBatchDto) -> Result<(Vec<NewValue>, String), AppError> {
    let mut problems = Vec::new();
    let reason = plain_text(&batch.reason, TEXT_CHARS);
    if reason.is_none() {
        problems.push(problem("/reason".into(), "api-error-reason", String::new()));
    }
    if !(1..=MAX_VALUES).contains(&batch.values.len()) {
        problems.push(problem("/values".into(), "api-error-values", String::new()));
    }
    let regions = snapshot
        .cascade
        .indicator(id)
        .map(|indicator| indicator.regions.as_slice())
        .unwrap_or_default();
    let listed = regions.iter().map(Slug::as_str).collect::<Vec<_>>().join(", ");
    let mut read = Vec::new();
    for (at, value) in batch.values.iter().enumerate() {
        let region = Slug::parse(value.region.trim()).ok().filter(|r| regions.contains(r));
        if region.is_none() {
            problems.push(problem(
                format!("/values/{at}/region"),
                "api-error-region",
                listed.clone(),
            ));
        }
        let date = Some(value.date.trim())
            .filter(|date| has_full_date_shape(date))
            .and_then(|date| date.parse::<NaiveDate>().ok())
            .filter(|date| VALUE_YEARS.contains(&date.year()));
        if date.is_none() {
            problems.push(problem(format!("/values/{at}/date"), "api-error-date", String::new()));
        }
        let source = plain_text(&value.source, TEXT_CHARS);
        if source.is_none() {
            problems.push(problem(
                format!("/values/{at}/source"),
                "api-error-source",
                String::new(),
            ));
        }
        if let (Some(region), Some(date), Some(source)) = (region, date, source) {
            let value = NewValue {
                indicator: id,
                region,
                date,
                value: value.value,
                source: source.to_owned(),
            };
            read.push((at, value));
        }
    }
    let (positions, values): (Vec<usize>, Vec<NewValue>) = read.into_iter().unzip();
    if let Err(ValueProblems(found)) = check_values(&snapshot.cascade, &values) {
        problems.extend(
            found
                .into_iter()
                .map(|(at, found)| field_problem(positions[at], &found)),
        );
    }
    match reason {
        Some(reason) if problems.is_empty() => Ok((values, reason.to_owned())),
        _ => Err(AppError::Invalid(problems)),
    }
}

fn problem(pointer: String, detail: &'static str, value: String) -> FieldProblem {
    FieldProblem { pointer, detail, value }
}

/// A rule of the data broken by the value at position `at` of the batch, at its place in the body.
fn field_problem(at: usize, found: &ValueProblem) -> FieldProblem {
    let pointer = match found.field() {
        Some(field) => format!("/values/{at}/{field}"),
        None => format!("/values/{at}"),
    };
    let (detail, value) = match found {
        ValueProblem::UnknownIndicator(id) => ("problem-detail-no-indicator", id.to_string()),
        ValueProblem::RegionNotReported { regions, .. } => (
            "api-error-region",
            regions.iter().map(Slug::as_str).collect::<Vec<_>>().join(", "),
        ),
        ValueProblem::ImplausibleDate(_) => ("api-error-date", String::new()),
        ValueProblem::NotANumber => ("api-error-value", String::new()),
        ValueProblem::NoSource => ("api-error-source", String::new()),
        ValueProblem::Repeated { first } => ("api-error-repeated", format!("/values/{first}")),
    };
    problem(pointer, detail, value)
}
