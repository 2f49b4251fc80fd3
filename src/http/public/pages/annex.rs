//! The budget annex (talousarvion liite) of a year: the printable page and its XLSX and CSV downloads, in the
//! page's language, all built from the same rows.

use axum::extract::{Path, State};
use axum::http::header::CONTENT_DISPOSITION;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;

use serde_json::json;

use super::parts::{date, status_key, target_view, CascadePage, Link, Loc, Resolver};
use super::templates::Templates;
use crate::domain::cascade::{Cascade, Indicator};
use crate::domain::indicator::Status;
use crate::domain::situation;
use crate::domain::Strategy;
use crate::formats::annex::{self, Annex, AnnexRow, COLUMN_KEYS};
use crate::http::cache::{respond_once, PUBLIC_CACHE};
use crate::http::routes::Page;
use crate::http::{AppError, AppState};

pub const XLSX_FILE: &str = "annex.xlsx";
pub const CSV_FILE: &str = "annex.csv";

pub async fn download(
    State(state): State<AppState>,
    Path((lang, segment, year, file)): Path<(String, String, String, String)>,
    request_headers: HeaderMap,
) -> Result<Response, AppError> {
    let not_found = || AppError::not_found("problem-detail-no-page", "");
    let lang = super::parse_lang(&lang)?;
    let Some(Page::Annex(year)) = Page::parse(lang, &segment, Some(&year)) else {
        return Err(not_found());
    };
    let snapshot = state.snapshot();
    let cascade = &snapshot.published;
    if !cascade.years().contains(&year) {
        return Err(not_found());
    }
    let t = &state.templates;
    let r = Resolver::new(lang);
    let texts = AnnexTexts::new(&r, t, cascade, year);
    let headers: Vec<String> = COLUMN_KEYS
        .iter()
        .map(|key| t.message(lang, &format!("annex-col-{key}")))
        .collect();
    let title = format!("{} {year}", t.message(lang, "annex-title"));
    let (yes, no) = (t.message(lang, "yes"), t.message(lang, "no"));
    let document = Annex {
        title: &title,
        headers: std::array::from_fn(|i| headers[i].as_str()),
        yes: &yes,
        no: &no,
        rows: annex_rows(cascade, &texts, year),
    };
    let (bytes, content_type, extension) = match file.as_str() {
        XLSX_FILE => (
            annex::to_xlsx(&document)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        CSV_FILE => (annex::to_csv(&document)?, "text/csv; charset=utf-8", "csv"),
        _ => return Err(not_found()),
    };
    let name = format!(
        "{}-{year}.{extension}",
        Page::Annexes.path(lang).rsplit('/').next().unwrap_or("annex")
    );
    // Rendered per request: the CSV is compressed on the fly, the XLSX (a ZIP file already) never.
    let mut response = respond_once(
        bytes,
        content_type,
        &request_headers,
        PUBLIC_CACHE,
        state.site.compression,
    );
    let disposition =
        HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")).map_err(|e| AppError::Internal(e.into()))?;
    response.headers_mut().insert(CONTENT_DISPOSITION, disposition);
    Ok(response)
}

/// The budget annex as rows, shared by the page and the downloads: one row per target and indicator (or one
/// row for a target without indicators), grouped by organisation in the cascade's order.
pub(super) fn annex_rows<'a>(cascade: &'a Cascade, texts: &'a AnnexTexts, year: i32) -> Vec<AnnexRow<'a>> {
    let mut rows = Vec::new();
    for (org_index, org) in cascade.organisations.iter().enumerate() {
        for (target_index, target) in cascade
            .targets_of_year(year)
            .enumerate()
            .filter(|(_, g)| g.organisation == org.slug)
        {
            let tt = &texts.targets[target_index];
            let indicators: Vec<Option<&Indicator>> = if target.indicators.is_empty() {
                vec![None]
            } else {
                target.indicators.iter().map(|id| cascade.indicator(*id)).collect()
            };
            for indicator in indicators {
                let it = indicator
                    .and_then(|i| texts.indicators.iter().find(|(id, _)| *id == i.id))
                    .map(|(_, text)| text);
                let judged = indicator.map(situation::judge);
                rows.push(AnnexRow {
                    organisation: &texts.organisations[org_index],
                    target_id: target.id.get(),
                    target: &tt.title,
                    binding: target.binding,
                    goals: &tt.goals,
                    responsible: &tt.responsible,
                    indicator: it.map(|i| i.name.as_str()),
                    unit: it.map_or("", |i| i.unit.as_str()),
                    baseline: indicator.and_then(|i| i.baseline.as_ref()).map(|b| (b.value, b.date)),
                    target_value: indicator.and_then(|i| i.target.as_ref()).map(|b| (b.value, b.date)),
                    latest: judged.and_then(|j| j.latest).map(|m| (m.value, m.date)),
                    status: judged.map_or("", |j| texts.statuses[j.status as usize].as_str()),
                    assessment: &tt.assessment,
                    example: target.example || judged.and_then(|j| j.latest).is_some_and(|m| m.provenance.example),
                    justification: &tt.justification,
                    decimals: indicator.map_or(0, |i| i.decimals),
                });
            }
        }
    }
    rows
}

/// The localised texts the annex rows borrow.
#[derive(Default)]
pub(super) struct AnnexTexts {
    organisations: Vec<String>,
    targets: Vec<TargetTexts>,
    indicators: Vec<(crate::domain::IndicatorId, IndicatorTexts)>,
    statuses: Vec<String>,
}

struct TargetTexts {
    title: String,
    goals: String,
    responsible: String,
    assessment: String,
    /// The justification as typed (Markdown source): the downloads are data.
    justification: String,
}

struct IndicatorTexts {
    name: String,
    unit: String,
}

impl AnnexTexts {
    pub(super) fn new(r: &Resolver, t: &Templates, cascade: &Cascade, year: i32) -> AnnexTexts {
        let mut texts = AnnexTexts::default();
        texts.fill(r, t, cascade, year);
        texts
    }

    fn fill(&mut self, r: &Resolver, t: &Templates, cascade: &Cascade, year: i32) {
        let org_name = |slug: &crate::domain::Slug| {
            cascade
                .organisation(slug)
                .map_or_else(|| slug.to_string(), |o| r.plain(&o.name))
        };
        self.organisations = cascade.organisations.iter().map(|o| r.plain(&o.name)).collect();
        self.targets = cascade
            .targets_of_year(year)
            .map(|g| TargetTexts {
                title: r.plain(&g.title),
                goals: g.goals.iter().map(|id| id.to_string()).collect::<Vec<_>>().join(", "),
                responsible: org_name(&g.responsible),
                assessment: g
                    .assessment
                    .as_ref()
                    .map(|a| t.message(r.lang, &format!("grade-{}", a.grade.as_str())))
                    .unwrap_or_default(),
                justification: g
                    .assessment
                    .as_ref()
                    .map(|a| r.plain(&a.justification))
                    .unwrap_or_default(),
            })
            .collect();
        self.indicators = cascade
            .targets_of_year(year)
            .flat_map(|g| g.indicators.iter())
            .filter_map(|id| cascade.indicator(*id))
            .map(|i| {
                (
                    i.id,
                    IndicatorTexts {
                        name: r.plain(&i.name),
                        unit: r.plain(&i.unit),
                    },
                )
            })
            .collect();
        self.statuses = [Status::OnTrack, Status::AtRisk, Status::OffTrack, Status::NoData]
            .into_iter()
            .map(|s| t.message(r.lang, &format!("status-{}", status_key(s))))
            .collect();
    }
}

pub(super) fn annex_body(
    r: &Resolver,
    t: &Templates,
    strategy: &Strategy,
    cascade: &Cascade,
    year: i32,
) -> CascadePage {
    let lang = r.lang;
    let organisations: Vec<serde_json::Value> = cascade
        .organisations
        .iter()
        .filter_map(|org| {
            let targets: Vec<serde_json::Value> = cascade
                .targets_of_year(year)
                .filter(|g| g.organisation == org.slug)
                .map(|g| target_view(r, t, strategy, cascade, g))
                .collect();
            // When the organisation existed under its name, so a reader of a past year's annex sees why a
            // department's name differs from today's.
            (!targets.is_empty()).then(|| {
                json!({
                    "name": r.loc(&org.name),
                    "valid_from": org.valid_from.map(|d| date(d, lang)),
                    "valid_to": org.valid_to.map(|d| date(d, lang)),
                    "targets": targets,
                })
            })
        })
        .collect();
    let path = Page::Annex(year).path(lang);
    let years = cascade.years();
    CascadePage {
        template: "annex.html",
        title: format!("{} {year}", t.message(lang, "annex-title")),
        description: t.message(lang, "annex-description"),
        trail: vec![(t.message(lang, "situation-title"), Page::Situation)],
        body: json!({
            "year": year,
            "organisations": organisations,
            "xlsx_href": format!("{path}/{}", XLSX_FILE),
            "csv_href": format!("{path}/{}", CSV_FILE),
            "years": years.iter().rev().map(|y| Link {
                href: Page::Annex(*y).path(lang),
                label: Loc { text: y.to_string(), fallback: false },
            }).collect::<Vec<_>>(),
            "has_examples": cascade.targets_of_year(year).any(|g| g.example),
            // The public sees that the council approved the targets despite the lint, and why.
            "lint_override": cascade.approval_of(year).and_then(|a| a.lint_override.as_ref().map(|reason| json!({
                "reason": reason,
                "overridden": a.overridden,
            }))),
        }),
    }
}
