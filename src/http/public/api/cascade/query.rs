//! The query strings of the cascade endpoints, parsed strictly: unknown parameters are ignored (cache
//! busters), a known one given twice or malformed is a 400 naming the culprit. Each query type also
//! documents itself for the OpenAPI document with the bounds its parser enforces.

use chrono::NaiveDate;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn, ParameterStyle};
use utoipa::openapi::schema::{ArrayBuilder, KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::Required;
use utoipa::IntoParams;

use crate::domain::cascade::{has_full_date_shape, Cascade, YEARS};
use crate::domain::{Lang, Slug};
use crate::http::AppError;

/// Values in a page of the JSON form when `limit` is not given: small enough to render quickly.
pub(super) const DEFAULT_LIMIT: usize = 10_000;
/// The most values one response holds (about 10 MB of CSV), and the default of the downloads, so that a
/// download normally holds the whole selection.
pub(super) const MAX_LIMIT: usize = 100_000;
/// The largest `offset` accepted; far beyond any series, but a bound the document can state.
pub(super) const MAX_OFFSET: usize = 1_000_000_000;

/// The characters of `region` in the static document: slugs and the commas between them. The document served
/// replaces it with the city's regions ([`document_regions`]); this shape is what remains for a city with none.
const REGION_PATTERN: &str = "^[a-z0-9,-]+$";

/// Bad input is echoed in the problem detail, cut to this many characters.
const SHOWN_CHARS: usize = 80;

pub(super) fn shown(text: &str) -> String {
    text.chars().take(SHOWN_CHARS).collect()
}

/// The value of a query parameter that may be given once.
pub(super) fn single<'a>(pairs: &'a [(String, String)], name: &str) -> Result<Option<&'a str>, AppError> {
    let mut values = pairs
        .iter()
        .filter(|(key, _)| key == name)
        .map(|(_, value)| value.as_str());
    let first = values.next();
    if values.next().is_some() {
        return Err(AppError::bad_request(
            "problem-detail-repeated-parameter",
            name.to_owned(),
        ));
    }
    Ok(first)
}

/// A whole number of digits only (no sign, point or exponent) within `range`.
fn whole_number(text: &str, range: std::ops::RangeInclusive<usize>) -> Option<usize> {
    let digits = !text.is_empty() && text.len() <= 12 && text.bytes().all(|b| b.is_ascii_digit());
    digits
        .then(|| text.parse().ok())
        .flatten()
        .filter(|n| range.contains(n))
}

/// The whole number a parameter gives, if given; `problem` says what is wrong with a bad one.
fn number(
    pairs: &[(String, String)],
    name: &str,
    range: std::ops::RangeInclusive<usize>,
    problem: &'static str,
) -> Result<Option<usize>, AppError> {
    single(pairs, name)?
        .map(|text| whole_number(text, range).ok_or_else(|| AppError::bad_request(problem, shown(text))))
        .transpose()
}

/// How many items to skip: 0 unless given.
fn offset(pairs: &[(String, String)]) -> Result<usize, AppError> {
    Ok(number(pairs, "offset", 0..=MAX_OFFSET, "problem-detail-malformed-offset")?.unwrap_or(0))
}

/// A date written `YYYY-MM-DD` exactly.
fn parse_date(text: &str) -> Option<NaiveDate> {
    has_full_date_shape(text)
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
}

/// Which values of an indicator a request asks for. The JSON, JSON-stat and CSV forms share it, so the same
/// query string selects the same values in each.
pub(super) struct ValuesQuery {
    /// Region slugs as asked, each once; empty for every region.
    pub(super) regions: Vec<String>,
    pub(super) from: Option<NaiveDate>,
    pub(super) to: Option<NaiveDate>,
    /// `None` when not given: each form has its own default.
    pub(super) limit: Option<usize>,
    pub(super) offset: usize,
}

impl ValuesQuery {
    /// Unknown parameters are ignored, as is usual for cache busters; a known one that is malformed is a 400
    /// naming the culprit, and so is a region the city does not have.
    pub(super) fn parse(pairs: &[(String, String)], cascade: &Cascade) -> Result<ValuesQuery, AppError> {
        let mut regions: Vec<String> = Vec::new();
        for slug in pairs
            .iter()
            .filter(|(key, _)| key == "region")
            .flat_map(|(_, v)| v.split(','))
        {
            if !cascade.regions.iter().any(|r| r.slug.as_str() == slug) {
                return Err(AppError::bad_request("problem-detail-unknown-region", shown(slug)));
            }
            if !regions.iter().any(|r| r == slug) {
                regions.push(slug.to_owned());
            }
        }
        let date = |name| -> Result<Option<NaiveDate>, AppError> {
            single(pairs, name)?
                .map(|text| {
                    parse_date(text).ok_or_else(|| AppError::bad_request("problem-detail-malformed-date", shown(text)))
                })
                .transpose()
        };
        let (from, to) = (date("from")?, date("to")?);
        if let (Some(from), Some(to)) = (from, to) {
            if from > to {
                return Err(AppError::bad_request(
                    "problem-detail-date-range",
                    format!("{from} > {to}"),
                ));
            }
        }
        let limit = number(pairs, "limit", 1..=MAX_LIMIT, "problem-detail-malformed-limit")?;
        let offset = offset(pairs)?;
        Ok(ValuesQuery {
            regions,
            from,
            to,
            limit,
            offset,
        })
    }

    /// Whether nothing narrows or pages the values, so the response is the same for every such request and
    /// can be kept in the snapshot's cache.
    pub(super) fn is_default(&self) -> bool {
        self.regions.is_empty() && self.from.is_none() && self.to.is_none() && self.limit.is_none() && self.offset == 0
    }

    pub(super) fn selects(&self, region: &Slug, date: NaiveDate) -> bool {
        (self.regions.is_empty() || self.regions.iter().any(|r| r == region.as_str()))
            && self.from.is_none_or(|from| from <= date)
            && self.to.is_none_or(|to| date <= to)
    }

    /// The address of the page at `offset` of the same selection.
    pub(super) fn page_url(&self, path: &str, limit: usize, offset: usize, lang: Option<Lang>) -> String {
        let mut query = Vec::new();
        if !self.regions.is_empty() {
            query.push(format!("region={}", self.regions.join(",")));
        }
        query.extend(self.from.map(|d| format!("from={d}")));
        query.extend(self.to.map(|d| format!("to={d}")));
        query.push(format!("limit={limit}"));
        query.push(format!("offset={offset}"));
        query.extend(lang.map(|l| format!("lang={l}")));
        format!("{path}?{}", query.join("&"))
    }
}

/// Documents the parameters [`ValuesQuery::parse`] reads, with the same bounds.
impl IntoParams for ValuesQuery {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let date = || {
            Schema::Object(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
                    .build(),
            )
        };
        let slugs = ArrayBuilder::new()
            .items(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .pattern(Some(REGION_PATTERN)),
            )
            .build();
        vec![
            param(
                "region",
                "Only these regions (slugs, see /api/v1/regions; the document lists them): repeat the parameter \
                 (slugs separated by commas in one value are read too). A region the city does not have is a 400."
                    .into(),
                Schema::Array(slugs),
            )
            .style(Some(ParameterStyle::Form))
            .explode(Some(true))
            .build(),
            param(
                "from",
                "Only values dated on or after this day (YYYY-MM-DD).".into(),
                date(),
            )
            .build(),
            param(
                "to",
                "Only values dated on or before this day (YYYY-MM-DD); not before `from`.".into(),
                date(),
            )
            .build(),
            param(
                "limit",
                format!(
                    "The most values in the response: at most {MAX_LIMIT}; by default {DEFAULT_LIMIT} in JSON and \
                     {MAX_LIMIT} in the JSON-stat and CSV downloads. When more values match, the response links \
                     to the next page."
                ),
                integer_schema(1, MAX_LIMIT),
            )
            .build(),
            param(
                "offset",
                "Matching values to skip, for the pages after the first: values are ordered by region (in the \
                 indicator's order) and then by date, oldest first."
                    .into(),
                integer_schema(0, MAX_OFFSET),
            )
            .build(),
        ]
    }
}

/// Lists the city's region slugs as the only values of every `region` parameter, so the document allows
/// exactly what [`ValuesQuery::parse`] accepts slug by slug (a region the city does not have is a 400).
/// A city without regions keeps the bare pattern: no value is valid then anyway.
pub fn document_regions(doc: &mut utoipa::openapi::OpenApi, cascade: &Cascade) {
    if cascade.regions.is_empty() {
        return;
    }
    let slugs: Vec<String> = cascade.regions.iter().map(|r| r.slug.to_string()).collect();
    let operations = doc.paths.paths.values_mut().flat_map(|item| {
        [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.head,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
    });
    for operation in operations {
        for parameter in operation.parameters.iter_mut().flatten().filter(|p| p.name == "region") {
            let items = ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(slugs.clone()));
            parameter.schema = Some(Schema::Array(ArrayBuilder::new().items(items).build()).into());
        }
    }
}

/// The query of the JSON-stat form: the values, and the language of the labels.
pub(super) struct JsonStatQuery {
    pub(super) values: ValuesQuery,
    /// `None` when not given: Finnish, the source language.
    pub(super) lang: Option<Lang>,
}

impl JsonStatQuery {
    pub(super) fn parse(pairs: &[(String, String)], cascade: &Cascade) -> Result<JsonStatQuery, AppError> {
        let values = ValuesQuery::parse(pairs, cascade)?;
        let lang = single(pairs, "lang")?
            .map(|text| {
                text.parse::<Lang>()
                    .map_err(|_| AppError::bad_request("problem-detail-malformed-lang", shown(text)))
            })
            .transpose()?;
        Ok(JsonStatQuery { values, lang })
    }
}

impl IntoParams for JsonStatQuery {
    fn into_params(parameter_in: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let mut params = ValuesQuery::into_params(parameter_in);
        let codes = ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(Lang::ALL.map(Lang::code)))
            .build();
        params.push(
            param(
                "lang",
                "The language of the labels: fi (the default), sv or en.".into(),
                Schema::Object(codes),
            )
            .build(),
        );
        params
    }
}

/// The budget year `year` names, if given: four digits, as in the annex pages' addresses (`02018` is no year).
pub(super) fn budget_year(pairs: &[(String, String)]) -> Result<Option<i32>, AppError> {
    single(pairs, "year")?
        .map(|text| {
            (text.len() == 4)
                .then(|| whole_number(text, 0..=9999))
                .flatten()
                .and_then(|y| i32::try_from(y).ok())
                .filter(|y| YEARS.contains(y))
                .ok_or_else(|| AppError::bad_request("problem-detail-malformed-year", shown(text)))
        })
        .transpose()
}

/// An optional query parameter.
fn param(name: &str, description: String, schema: Schema) -> ParameterBuilder {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Query)
        .required(Required::False)
        .description(Some(description))
        .schema(Some(schema))
}

fn integer_schema(min: usize, max: usize) -> Schema {
    Schema::Object(
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(min))
            .maximum(Some(max))
            .build(),
    )
}

/// Indicators in one page of the list when `limit` is not given: every indicator of a real city (tens to a
/// few hundred) in one response, while a list of tens of thousands comes in pages that render quickly.
pub(super) const LIST_DEFAULT_LIMIT: usize = 1_000;
/// The most indicators one list response holds.
pub(super) const LIST_MAX_LIMIT: usize = 10_000;

/// One page of a list: at most `limit` items after the first `offset`.
pub(super) struct ListQuery {
    limit: Option<usize>,
    offset: usize,
}

impl ListQuery {
    pub(super) fn parse(pairs: &[(String, String)]) -> Result<ListQuery, AppError> {
        Ok(ListQuery {
            limit: number(
                pairs,
                "limit",
                1..=LIST_MAX_LIMIT,
                "problem-detail-malformed-list-limit",
            )?,
            offset: offset(pairs)?,
        })
    }

    /// Whether the request asks for the first page of the default size, which every such request shares.
    pub(super) fn is_default(&self) -> bool {
        self.limit.is_none() && self.offset == 0
    }

    /// The positions of this page in a list of `len` items, and the address of the next page when items
    /// remain after it.
    pub(super) fn page(&self, len: usize, path: &str) -> (std::ops::Range<usize>, Option<String>) {
        let limit = self.limit.unwrap_or(LIST_DEFAULT_LIMIT);
        let start = self.offset.min(len);
        let end = start.saturating_add(limit).min(len);
        let next = (end < len).then(|| format!("{path}?limit={limit}&offset={end}"));
        (start..end, next)
    }
}

/// Documents the parameters [`ListQuery::parse`] reads, with the same bounds.
impl IntoParams for ListQuery {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            param(
                "limit",
                format!(
                    "The most items in the response: {LIST_DEFAULT_LIMIT} by default, at most {LIST_MAX_LIMIT}. \
                     When more follow, the `Link` header gives the next page."
                ),
                integer_schema(1, LIST_MAX_LIMIT),
            )
            .build(),
            param(
                "offset",
                "Items to skip, for the pages after the first.".into(),
                integer_schema(0, MAX_OFFSET),
            )
            .build(),
        ]
    }
}
