//! Strategy versions in the open API: the list of versions the city decided on, any one of them whole, and
//! what changed between two. Drafts and versions under review are not public: asking for one is a 404, as
//! for a label that does not exist, so the API does not even tell that a draft exists.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use super::dto::{ProblemDto, StrategyDto, TextDto};
use super::{respond, to_json};
use crate::domain::diff::{
    diff_strategies, ChangeKind, FieldDiff, ItemDiff, ItemKind, LangDiff, SegmentKind, StrategyDiff, TextChange,
};
use crate::domain::draft::structure::LineageRelation;
use crate::domain::{Lang, Strategy, VersionStatus};
use crate::http::{AppError, AppState};
use crate::store::Audience;

/// A version the public may read.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionDto {
    #[schema(example = "1.1")]
    pub label: String,
    /// `approved`, or `superseded` once a later version was approved.
    pub status: VersionStatus,
    pub approved_on: Option<NaiveDate>,
    /// Where the approving decision is minuted; null for versions loaded as approved from their sources.
    #[schema(example = "Kvalt 11.9.2017 § 123")]
    pub minutes_ref: Option<String>,
    /// Why the version was approved although Tarina's checks found errors in it; null when they found none.
    pub lint_override_reason: Option<String>,
    /// Whether this is the version the site shows now.
    pub current: bool,
}

/// What changed between two versions; `items` is empty when they say the same.
#[derive(Debug, Serialize, ToSchema)]
pub struct DiffDto {
    #[schema(example = "1.0")]
    pub from: String,
    #[schema(example = "1.1")]
    pub to: String,
    pub items: Vec<DiffItemDto>,
}

/// One item that differs.
#[derive(Debug, Serialize, ToSchema)]
pub struct DiffItemDto {
    /// What sort of item this is.
    pub item: ItemKind,
    /// Its identity within its sort: the id of an area, goal, action or programme, the slug of a value,
    /// chapter, section or timeline event, the position (from 1) of a headline goal, `strategy` for the
    /// strategy's own texts.
    #[schema(example = "12")]
    pub key: String,
    /// Its title or name, from the newer version unless it was removed.
    pub label: TextDto,
    pub change: ChangeKind,
    /// Where it was and is, when it moved.
    pub moved: Option<MoveDto>,
    /// The text fields that differ, each language marked word by word.
    pub fields: Vec<DiffFieldDto>,
    /// Set when the newer version records that the item was split from another item of its sort (an added
    /// item) or merged into another (a removed item).
    pub lineage: Option<LineageDto>,
}

/// How an item comes from another of its sort: `split_from` the item `key` (which goes on under its own
/// key), or `merged_into` the item `key`.
#[derive(Debug, Serialize, ToSchema)]
pub struct LineageDto {
    pub relation: LineageRelation,
    #[schema(example = "15")]
    pub key: String,
}

/// Where a moved item stood and stands: its parent (the area's id for a goal, the goal's id for an action,
/// the chapter's slug for a section; `null` for items at the top) and its position among its siblings.
#[derive(Debug, Serialize, ToSchema)]
pub struct MoveDto {
    pub from_parent: Option<String>,
    pub to_parent: Option<String>,
    pub from_position: usize,
    pub to_position: usize,
}

/// One field that differs; a language that did not change is `null`.
#[derive(Debug, Serialize, ToSchema)]
pub struct DiffFieldDto {
    #[schema(example = "title")]
    pub field: String,
    pub fi: Option<DiffTextDto>,
    pub sv: Option<DiffTextDto>,
    pub en: Option<DiffTextDto>,
}

/// One language of a field: whether the text was added, removed or changed, and the text in runs that are
/// the same in both versions (`equal`), only in the newer (`inserted`) or only in the older (`deleted`).
#[derive(Debug, Serialize, ToSchema)]
pub struct DiffTextDto {
    pub change: TextChange,
    pub segments: Vec<SegmentDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SegmentDto {
    pub kind: SegmentKind,
    pub text: String,
}

impl From<&StrategyDiff> for DiffDto {
    fn from(diff: &StrategyDiff) -> Self {
        DiffDto {
            from: diff.from.clone(),
            to: diff.to.clone(),
            items: diff.items.iter().map(DiffItemDto::from).collect(),
        }
    }
}

impl From<&ItemDiff> for DiffItemDto {
    fn from(item: &ItemDiff) -> Self {
        DiffItemDto {
            item: item.item,
            key: item.key.clone(),
            label: (&item.label).into(),
            change: item.change,
            moved: item.moved.as_ref().map(|m| MoveDto {
                from_parent: m.from_parent.clone(),
                to_parent: m.to_parent.clone(),
                from_position: m.from_position,
                to_position: m.to_position,
            }),
            fields: item.fields.iter().map(DiffFieldDto::from).collect(),
            lineage: item.lineage.as_ref().map(|(relation, key)| LineageDto {
                relation: *relation,
                key: key.clone(),
            }),
        }
    }
}

impl From<&FieldDiff> for DiffFieldDto {
    fn from(field: &FieldDiff) -> Self {
        let lang = |lang: Lang| field.langs.iter().find(|l| l.lang == lang).map(DiffTextDto::from);
        DiffFieldDto {
            field: field.field.to_owned(),
            fi: lang(Lang::Fi),
            sv: lang(Lang::Sv),
            en: lang(Lang::En),
        }
    }
}

impl From<&LangDiff> for DiffTextDto {
    fn from(lang: &LangDiff) -> Self {
        DiffTextDto {
            change: lang.change,
            segments: (lang.segments.iter())
                .map(|s| SegmentDto {
                    kind: s.kind,
                    text: s.text.clone(),
                })
                .collect(),
        }
    }
}

/// A public version by its label, else 404. The label in the message is cut short: it comes from the URL.
async fn public_version(state: &AppState, label: &str) -> Result<Strategy, AppError> {
    let found = state.store.strategy_version(label, Audience::Public).await?;
    found.ok_or_else(|| AppError::not_found("problem-detail-no-version", label.chars().take(40).collect::<String>()))
}

/// The versions of the strategy the city has decided on, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/versions",
    tag = "versions",
    responses(
        (status = 200, description = "The approved and superseded versions", body = Vec<VersionDto>,
         headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag given in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
    )
)]
pub async fn versions(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let versions = state.store.versions(Audience::Public).await?;
    // The list is in approval order, so the current version (the one approved last) is its last approved one;
    // read from the same list rather than from this server's snapshot, which may not have caught up yet.
    let current = versions.iter().rposition(|v| v.status == VersionStatus::Approved);
    let dtos: Vec<VersionDto> = versions
        .into_iter()
        .enumerate()
        .map(|(i, v)| VersionDto {
            current: Some(i) == current,
            label: v.label,
            status: v.status,
            approved_on: v.approved_on,
            minutes_ref: v.minutes_ref,
            lint_override_reason: v.lint_override_reason,
        })
        .collect();
    respond(&state.snapshot(), None, "application/json", &headers, || to_json(&dtos))
}

/// One version of the strategy, whole, in the shape of `/api/v1/strategy`.
#[utoipa::path(
    get,
    path = "/api/v1/versions/{label}/strategy",
    tag = "versions",
    params(("label" = String, Path, description = "The version's label", example = "1.1")),
    responses(
        (status = 200, description = "The version", body = StrategyDto, headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag given in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 404, description = "No public version has this label", body = ProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String, description = "The language of title and detail"))),
    )
)]
pub async fn version_strategy(
    State(state): State<AppState>,
    Path(label): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let strategy = public_version(&state, &label).await?;
    let dto = StrategyDto::from(&strategy);
    respond(&state.snapshot(), None, "application/json", &headers, || to_json(&dto))
}

/// What changed from version `from` to version `to`, item by item and language by language, with the changed
/// words marked. Items are matched by identity, so a goal moved to another area is one `moved` item.
#[utoipa::path(
    get,
    path = "/api/v1/versions/{from}/diff/{to}",
    tag = "versions",
    params(
        ("from" = String, Path, description = "The older version's label", example = "1.0"),
        ("to" = String, Path, description = "The newer version's label", example = "1.1"),
    ),
    responses(
        (status = 200, description = "The differences", body = DiffDto, headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag given in If-None-Match", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 404, description = "No public version has one of the labels", body = ProblemDto, content_type = "application/problem+json",
         headers(("Content-Language" = String, description = "The language of title and detail"))),
    )
)]
pub async fn version_diff(
    State(state): State<AppState>,
    Path((from, to)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let old = public_version(&state, &from).await?;
    let new = public_version(&state, &to).await?;
    let dto = DiffDto::from(&diff_strategies(&old, &new));
    respond(&state.snapshot(), None, "application/json", &headers, || to_json(&dto))
}
