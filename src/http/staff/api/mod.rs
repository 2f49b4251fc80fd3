//! The write API for integrations (`/api/v1/staff/…`): JSON writes with an API token, in the same OpenAPI
//! document as the open API.
//!
//! - Every request is authenticated by `Authorization: Bearer <token>` alone ([`bearer`]); cookies are never
//!   read, so no other site can make a signed-in browser write, and no CSRF token is needed.
//! - Every write names the state it changes with `If-Match` ([`preconditions`]): 412 when it has moved on, 428
//!   without the header; mistakes in a body are listed at their places in one 422 ([`body`]).
//! - Nothing here is cached anywhere (`Cache-Control: no-store`, set by the staff router) nor goes through the
//!   public snapshot's cache; reads come from the database.
//!
//! One file a resource: to add one, write its handlers with their `#[utoipa::path]` in a file of this folder,
//! route them in [`router`] and name them in [`StaffApiDoc`]. Schemas are named apart from the open API's
//! (`TargetStateDto`, not `TargetDto`): two schemas of one name would be one in the document.

mod assessment;
mod bearer;
mod body;
mod definition;
mod items;
mod preconditions;
mod progress;
mod target_years;
mod targets;
mod updates;
mod values;
mod versions;

use axum::routing::{get, post};
use axum::Router;
use serde::Serialize;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::ParameterIn;
use utoipa::openapi::schema::{Object, ObjectBuilder, Schema, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, Ref, RefOr, Response, ResponseBuilder};
use utoipa::{Modify, OpenApi, ToSchema};

use crate::domain::cascade::Cascade;
use crate::http::AppState;

#[derive(OpenApi)]
#[openapi(
    paths(
        values::state,
        values::record,
        progress::get_progress,
        progress::put_progress,
        updates::get_updates,
        updates::post_update,
        assessment::get_assessment,
        assessment::put_assessment,
        targets::get_target,
        targets::put_target,
        targets::post_target,
        target_years::post_step,
        target_years::post_copy,
        definition::get_definition,
        definition::put_definition,
        versions::post_version,
        versions::post_step
    ),
    modifiers(&BearerScheme, &SharedRejections),
    tags((name = "staff", description = "Writes for integrations, with an API token that an administrator creates \
                                         in the staff pages: send it as Authorization: Bearer <token>. Each write \
                                         names the state it changes with If-Match (the ETag of a GET) and a \
                                         reason, and is recorded in the audit log with the token's account."))
)]
struct StaffApiDoc;

/// The scheme every staff operation names in its `security`.
struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("An API token, `tarina_…`, created by an administrator"))
                    .build(),
            ),
        );
    }
}

/// The answers every staff operation gives for the same reasons, added to each operation here rather than
/// listed again in every handler's `responses`: 401 to a request without a valid token, 413 and 415 to a body
/// too large or not JSON, 428 to a write without `If-Match`. A handler that lists one of them keeps its own.
struct SharedRejections;

impl SharedRejections {
    fn problem(description: &str, headers: &[(&str, &str)]) -> RefOr<Response> {
        let content = Content::new(Some(Ref::from_schema_name("WriteProblemDto")));
        let mut response = ResponseBuilder::new()
            .description(description)
            .content("application/problem+json", content);
        let mut headers = headers.to_vec();
        headers.push(("Content-Language", "The language of title and detail"));
        for (name, description) in headers {
            let header = HeaderBuilder::new()
                .schema(Object::with_type(Type::String))
                .description(Some(description))
                .build();
            response = response.header(name, header);
        }
        RefOr::T(response.build())
    }
}

impl Modify for SharedRejections {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let unauthorized = Self::problem(
            "No valid API token: none sent, or unknown, revoked or expired",
            &[("WWW-Authenticate", "Bearer")],
        );
        let too_large = Self::problem("The body is larger than 1 MiB", &[]);
        let not_json = Self::problem("The body is not sent as application/json", &[]);
        let no_if_match = Self::problem("If-Match is missing: nothing was written", &[]);
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for operation in operations.into_iter().flatten() {
                let writes_a_body = operation.request_body.is_some();
                let names_a_state = operation
                    .parameters
                    .iter()
                    .flatten()
                    .any(|p| p.name == "If-Match" && p.parameter_in == ParameterIn::Header);
                let responses = &mut operation.responses.responses;
                let mut add = |status: &str, response: &RefOr<Response>| {
                    responses.entry(status.to_owned()).or_insert_with(|| response.clone());
                };
                add("401", &unauthorized);
                if writes_a_body {
                    add("413", &too_large);
                    add("415", &not_json);
                }
                if names_a_state {
                    add("428", &no_if_match);
                }
            }
        }
    }
}

/// An error, as RFC 9457 problem details; a body with mistakes lists them in `errors`.
#[derive(Serialize, ToSchema)]
pub struct WriteProblemDto {
    #[serde(rename = "type")]
    #[schema(example = "about:blank")]
    problem_type: String,
    /// A short summary in the language the client asked for (Accept-Language).
    title: String,
    status: u16,
    /// What went wrong with this request, in the client's language.
    detail: String,
    /// The path that was requested.
    instance: String,
    /// The mistakes of a body (422 only), each at its place.
    #[schema(nullable = false)]
    errors: Option<Vec<FieldProblemDto>>,
}

/// One mistake in a request body.
#[derive(Serialize, ToSchema)]
pub struct FieldProblemDto {
    /// Where the mistake is, as a JSON Pointer (RFC 6901) into the body, e.g. `/values/0/date`.
    pointer: String,
    /// What is wrong, in the client's language.
    detail: String,
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/staff/indicators/{id}/values",
            get(values::state).post(values::record),
        )
        .route(
            "/api/v1/staff/actions/{id}/progress",
            get(progress::get_progress).put(progress::put_progress),
        )
        .route(
            "/api/v1/staff/actions/{id}/updates",
            get(updates::get_updates).post(updates::post_update),
        )
        .route(
            "/api/v1/staff/targets/{id}/assessment",
            get(assessment::get_assessment).put(assessment::put_assessment),
        )
        .route("/api/v1/staff/targets", post(targets::post_target))
        .route(
            "/api/v1/staff/targets/{id}",
            get(targets::get_target).put(targets::put_target),
        )
        .route("/api/v1/staff/target-years/{year}/steps", post(target_years::post_step))
        .route(
            "/api/v1/staff/target-years/{year}/copies",
            post(target_years::post_copy),
        )
        .route(
            "/api/v1/staff/indicators/{id}/definition",
            get(definition::get_definition).put(definition::put_definition),
        )
        .route("/api/v1/staff/versions", post(versions::post_version))
        .route("/api/v1/staff/versions/{label}/steps", post(versions::post_step))
}

/// The write API's part of the OpenAPI document. Like the open API's `region` parameters, a value's `region`
/// lists the city's regions as its only values, so a request the document allows is one the server reads.
pub fn document(cascade: &Cascade) -> utoipa::openapi::OpenApi {
    let mut doc = StaffApiDoc::openapi();
    if cascade.regions.is_empty() {
        return doc;
    }
    let slugs: Vec<String> = cascade.regions.iter().map(|r| r.slug.to_string()).collect();
    let value = doc
        .components
        .as_mut()
        .and_then(|components| components.schemas.get_mut("NewValueDto"));
    if let Some(RefOr::T(Schema::Object(value))) = value {
        let region: Object = ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(
                "The slug of a region the indicator is reported for (its state lists them)",
            ))
            .enum_values(Some(slugs))
            .build();
        value.properties.insert("region".into(), region.into());
    }
    doc
}
