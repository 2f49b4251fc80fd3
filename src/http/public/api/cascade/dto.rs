//! The public JSON shapes of the cascade: indicators with their values, annual targets, organisations, regions
//! and the situational picture. Statuses and forecasts are derived on every render from the stored facts (see
//! [`crate::domain::situation`]), never stored, so the API cannot disagree with the pages.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::super::dto::{TextDto, UrlsDto};
use crate::domain::cascade::{
    Assessment, Cascade, Correction, Frequency, Grade, Indicator, Measurement, OrgKind, Organisation, Reference,
    Region, RegionKind, Target,
};
use crate::domain::indicator::{Direction, Forecast, Status};
use crate::domain::situation::{self, FORECAST_WINDOW};
use crate::domain::{IndicatorId, LocalizedText, Slug};
use crate::http::routes::indicator_page;

/// A baseline, target, milestone or projection of an indicator.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReferenceDto {
    pub date: NaiveDate,
    pub value: f64,
    /// An illustrative figure nobody has confirmed, not an official one.
    pub example: bool,
    /// The source gives the figure only roughly ("almost 280,000").
    pub approximate: bool,
    /// The source gives no date for the figure; `date` is assumed.
    pub date_assumed: bool,
    /// Where the figure is stated.
    pub basis: TextDto,
}

impl From<&Reference> for ReferenceDto {
    fn from(r: &Reference) -> Self {
        ReferenceDto {
            date: r.date,
            value: r.value,
            example: r.example,
            approximate: r.approximate,
            date_assumed: r.date_assumed,
            basis: (&r.basis).into(),
        }
    }
}

/// The newest value of an indicator in a region.
#[derive(Debug, Serialize, ToSchema)]
pub struct LatestDto {
    #[schema(example = "espoo")]
    pub region: String,
    pub date: NaiveDate,
    pub value: f64,
    /// An example value, not an official statistic.
    pub example: bool,
    /// Where the value comes from; a source typed into an import file has only its Finnish text.
    pub source: TextDto,
}

impl LatestDto {
    fn new(region: &Slug, m: &Measurement) -> Self {
        LatestDto {
            region: region.to_string(),
            date: m.date,
            value: m.value,
            example: m.provenance.example,
            source: (&m.provenance.source).into(),
        }
    }
}

/// An indicator with its reference values, its newest value and what is derived from them.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorSummaryDto {
    #[schema(example = 1)]
    pub id: u32,
    #[schema(example = "tyollisyysaste")]
    pub slug: String,
    pub name: TextDto,
    pub unit: TextDto,
    /// Which way is better; `ceiling` means any value up to the target is on track.
    pub direction: Direction,
    /// Decimals a value is shown with.
    pub decimals: u8,
    pub baseline: Option<ReferenceDto>,
    pub target: Option<ReferenceDto>,
    pub milestones: Vec<ReferenceDto>,
    /// Figures the source states as estimates or forecasts, not goals: never judged against, and an indicator
    /// with projections but no target has no status (`no_data`).
    pub projections: Vec<ReferenceDto>,
    /// The newest value in the headline region (the first of `regions`, normally the whole city).
    pub latest: Option<LatestDto>,
    /// The headline region's latest value against the straight path from baseline to target.
    pub status: Status,
    /// Where the trend of the headline region's recent values leads by the target date; `null` without a
    /// target, with fewer than three values, or once the target date has passed.
    pub forecast: Option<Forecast>,
    /// Ids of the council goals the indicator measures directly.
    pub goals: Vec<u32>,
    /// Slugs of the regions it is reported for; the first is the headline region.
    pub regions: Vec<String>,
    /// True when any value shown in this object is an example rather than an official figure.
    pub example: bool,
    /// The indicator's page.
    pub url: UrlsDto,
    #[schema(example = "/api/v1/indicators/1")]
    pub api_url: String,
}

impl IndicatorSummaryDto {
    /// Reads only the newest values of the headline series (the latest value and the forecast window), so
    /// the cost does not grow with the length of the series.
    pub fn new(indicator: &Indicator) -> Self {
        let judged = situation::judge(indicator);
        let headline = indicator.regions.first();
        let forecast = situation::forecast(indicator);
        let window_is_example = forecast.is_some()
            && indicator.headline_series().is_some_and(|s| {
                s.values[s.values.len().saturating_sub(FORECAST_WINDOW)..]
                    .iter()
                    .any(|m| m.provenance.example)
            });
        let mut references = indicator
            .baseline
            .iter()
            .chain(&indicator.target)
            .chain(&indicator.milestones)
            .chain(&indicator.projections);
        let example =
            references.any(|r| r.example) || judged.latest.is_some_and(|m| m.provenance.example) || window_is_example;
        IndicatorSummaryDto {
            id: indicator.id.get(),
            slug: indicator.slug.to_string(),
            name: (&indicator.name).into(),
            unit: (&indicator.unit).into(),
            direction: indicator.direction,
            decimals: indicator.decimals,
            baseline: indicator.baseline.as_ref().map(ReferenceDto::from),
            target: indicator.target.as_ref().map(ReferenceDto::from),
            milestones: indicator.milestones.iter().map(ReferenceDto::from).collect(),
            projections: indicator.projections.iter().map(ReferenceDto::from).collect(),
            latest: headline.zip(judged.latest).map(|(r, m)| LatestDto::new(r, m)),
            status: judged.status,
            forecast,
            goals: indicator.goals.iter().map(|g| g.get()).collect(),
            regions: indicator.regions.iter().map(Slug::to_string).collect(),
            example,
            url: (&indicator_page(indicator)).into(),
            api_url: indicator_api_url(indicator.id),
        }
    }
}

pub fn indicator_api_url(id: IndicatorId) -> String {
    format!("/api/v1/indicators/{id}")
}

/// How the indicator stands in one region.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegionStatusDto {
    pub region: String,
    /// The headline region is judged against the declared baseline and target, any other region against the
    /// same relative change from its own first value.
    pub status: Status,
    pub latest: Option<LatestDto>,
}

/// One value of an indicator, with who entered it, when and from which source.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeasurementDto {
    pub region: String,
    pub date: NaiveDate,
    pub value: f64,
    /// Where the value comes from; a source typed into an import file has only its Finnish text.
    pub source: TextDto,
    /// `data:<folder>`, `cli:import`, …
    pub entered_by: String,
    pub entered_at: DateTime<Utc>,
    pub example: bool,
}

impl MeasurementDto {
    pub fn new(region: &Slug, m: &Measurement) -> Self {
        MeasurementDto {
            region: region.to_string(),
            date: m.date,
            value: m.value,
            source: (&m.provenance.source).into(),
            entered_by: m.provenance.entered_by.clone(),
            entered_at: m.provenance.entered_at,
            example: m.provenance.example,
        }
    }
}

/// A value that a later import replaced, kept so a correction never hides what was published before.
#[derive(Debug, Serialize, ToSchema)]
pub struct CorrectionDto {
    pub region: String,
    pub date: NaiveDate,
    /// The value as it was before the correction.
    pub value: f64,
    /// Where the value comes from; a source typed into an import file has only its Finnish text.
    pub source: TextDto,
    pub entered_by: String,
    pub entered_at: DateTime<Utc>,
    pub example: bool,
    pub replaced_at: DateTime<Utc>,
    /// Who or what replaced it, e.g. `cli:import`.
    pub replaced_by: String,
}

impl From<&Correction> for CorrectionDto {
    fn from(c: &Correction) -> Self {
        CorrectionDto {
            region: c.region.to_string(),
            date: c.date,
            value: c.value,
            source: (&c.provenance.source).into(),
            entered_by: c.provenance.entered_by.clone(),
            entered_at: c.provenance.entered_at,
            example: c.provenance.example,
            replaced_at: c.replaced_at,
            replaced_by: c.replaced_by.clone(),
        }
    }
}

/// Where this page of values sits in the whole selection.
#[derive(Debug, Serialize, ToSchema)]
pub struct PageDto {
    /// Values of the selection skipped before this page.
    pub offset: usize,
    /// The most values a page holds.
    pub limit: usize,
    /// Values in the whole selection (all pages).
    pub total: usize,
    /// The address of the next page; `null` on the last page.
    #[schema(example = "/api/v1/indicators/4?limit=10000&offset=10000")]
    pub next: Option<String>,
}

/// An indicator with everything known about it and a page of its values. Its `example` also covers the listed
/// values and corrections.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorDetailDto {
    #[serde(flatten)]
    pub summary: IndicatorSummaryDto,
    pub definition: TextDto,
    /// Where the data comes from.
    pub source: TextDto,
    /// Under which terms the data may be reused; `null` while the publisher has stated none (the city's
    /// internal follow-up), which grants nothing.
    #[schema(example = "CC BY 4.0")]
    pub licence: Option<String>,
    pub frequency: Frequency,
    /// The status in each region the indicator is reported for, in the order of `regions`.
    pub region_status: Vec<RegionStatusDto>,
    /// Replaced values matching `region`, `from` and `to`, oldest replacement first; at most `limit` of them,
    /// the most recent.
    pub corrections: Vec<CorrectionDto>,
    /// All replaced values matching `region`, `from` and `to`.
    pub corrections_total: usize,
    /// The values matching `region`, `from` and `to`, by region (in the order of `regions`) and then by date,
    /// oldest first; one page of them (see `page`).
    pub values: Vec<MeasurementDto>,
    pub page: PageDto,
}

impl IndicatorDetailDto {
    pub fn new(
        indicator: &Indicator,
        corrections: &[&Correction],
        corrections_total: usize,
        values: &[(&Slug, &Measurement)],
        page: PageDto,
    ) -> Self {
        let mut summary = IndicatorSummaryDto::new(indicator);
        summary.example = summary.example
            || values.iter().any(|(_, m)| m.provenance.example)
            || corrections.iter().any(|c| c.provenance.example);
        IndicatorDetailDto {
            summary,
            definition: (&indicator.definition).into(),
            source: (&indicator.source).into(),
            licence: indicator.licence.clone(),
            frequency: indicator.frequency,
            region_status: indicator
                .regions
                .iter()
                .map(|region| RegionStatusDto {
                    region: region.to_string(),
                    status: situation::region_status(indicator, region),
                    latest: indicator
                        .series(region)
                        .and_then(|s| s.values.last())
                        .map(|m| LatestDto::new(region, m)),
                })
                .collect(),
            corrections: corrections.iter().map(|c| CorrectionDto::from(*c)).collect(),
            corrections_total,
            values: values.iter().map(|(r, m)| MeasurementDto::new(r, m)).collect(),
            page,
        }
    }
}

/// An organisation or region named by its slug.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationRefDto {
    #[schema(example = "konsernihallinto")]
    pub slug: String,
    pub name: TextDto,
}

impl OrganisationRefDto {
    /// The slug stands in for the name should the organisation be missing, which the store's checks prevent.
    fn new(cascade: &Cascade, slug: &Slug) -> Self {
        OrganisationRefDto {
            slug: slug.to_string(),
            name: cascade.organisation(slug).map_or_else(
                || TextDto::from(&LocalizedText::finnish_only(slug.as_str())),
                |o| (&o.name).into(),
            ),
        }
    }
}

/// An indicator and its current status.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorStatusDto {
    pub id: u32,
    pub status: Status,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentDto {
    pub grade: Grade,
    pub justification: TextDto,
}

impl From<&Assessment> for AssessmentDto {
    fn from(a: &Assessment) -> Self {
        AssessmentDto {
            grade: a.grade,
            justification: (&a.justification).into(),
        }
    }
}

/// An annual performance target (tulostavoite).
#[derive(Debug, Serialize, ToSchema)]
pub struct TargetDto {
    pub id: u32,
    #[schema(example = 2018)]
    pub year: i32,
    /// The organisation whose budget holds the target.
    pub organisation: OrganisationRefDto,
    /// The organisation answerable for reaching it (often the same).
    pub responsible: OrganisationRefDto,
    pub title: TextDto,
    /// Ids of the council goals it is derived from.
    pub goals: Vec<u32>,
    /// A binding target (sitova tavoite) set by the council.
    pub binding: bool,
    pub indicators: Vec<IndicatorStatusDto>,
    /// The grade after the year; `null` until assessed.
    pub assessment: Option<AssessmentDto>,
    /// The id of the target this one was copied from.
    pub copied_from: Option<u32>,
    /// An illustration, not a target the city has set.
    pub example: bool,
}

impl TargetDto {
    pub fn new(cascade: &Cascade, target: &Target) -> Self {
        TargetDto {
            id: target.id.get(),
            year: target.year,
            organisation: OrganisationRefDto::new(cascade, &target.organisation),
            responsible: OrganisationRefDto::new(cascade, &target.responsible),
            title: (&target.title).into(),
            goals: target.goals.iter().map(|g| g.get()).collect(),
            binding: target.binding,
            indicators: target
                .indicators
                .iter()
                .map(|&id| IndicatorStatusDto {
                    id: id.get(),
                    status: cascade
                        .indicator(id)
                        .map_or(Status::NoData, |i| situation::judge(i).status),
                })
                .collect(),
            assessment: target.assessment.as_ref().map(AssessmentDto::from),
            copied_from: target.copied_from.map(|t| t.get()),
            example: target.example,
        }
    }
}

/// The targets of one budget year.
#[derive(Debug, Serialize, ToSchema)]
pub struct TargetsDto {
    /// The year shown; `null` only when there are no targets at all and none was asked for.
    pub year: Option<i32>,
    /// Every budget year that has targets, oldest first.
    pub years: Vec<i32>,
    pub targets: Vec<TargetDto>,
    /// Present when the city council approved the year's targets although `tarina lint` found errors in
    /// them: why, and which errors; `null` otherwise.
    pub lint_override: Option<LintOverrideDto>,
}

/// Why the council approved a year's targets despite the lint's errors.
#[derive(Debug, Serialize, ToSchema)]
pub struct LintOverrideDto {
    /// The reason recorded with the approval, as written (plain text).
    #[schema(example = "Valtuusto hyväksyi tavoitteet talousarvion yhteydessä; puuttuvat mittarit lisätään keväällä")]
    pub reason: String,
    /// The lint's error messages (in English) that the approval overrode.
    pub overridden: Vec<String>,
}

impl LintOverrideDto {
    /// The override of `year`'s approval in force, if it overrode the lint.
    pub fn of(cascade: &Cascade, year: i32) -> Option<Self> {
        let approval = cascade.approval_of(year)?;
        Some(LintOverrideDto {
            reason: approval.lint_override.clone()?,
            overridden: approval.overridden.clone(),
        })
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationDto {
    #[schema(example = "konsernihallinto")]
    pub slug: String,
    pub kind: OrgKind,
    /// The slug of the organisation above; `null` only for the city itself.
    pub parent: Option<String>,
    pub name: TextDto,
    /// The first day the organisation existed under this name (YYYY-MM-DD); `null` when not recorded.
    pub valid_from: Option<NaiveDate>,
    /// The last day (YYYY-MM-DD); `null` when not recorded. Targets of a year name the organisations of that
    /// year, so a reorganisation adds organisations instead of renaming them.
    #[schema(example = "2021-05-31")]
    pub valid_to: Option<NaiveDate>,
}

impl From<&Organisation> for OrganisationDto {
    fn from(o: &Organisation) -> Self {
        OrganisationDto {
            slug: o.slug.to_string(),
            kind: o.kind,
            parent: o.parent.as_ref().map(Slug::to_string),
            name: (&o.name).into(),
            valid_from: o.valid_from,
            valid_to: o.valid_to,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegionDto {
    #[schema(example = "leppavaara")]
    pub slug: String,
    pub kind: RegionKind,
    pub name: TextDto,
}

impl From<&Region> for RegionDto {
    fn from(r: &Region) -> Self {
        RegionDto {
            slug: r.slug.to_string(),
            kind: r.kind,
            name: (&r.name).into(),
        }
    }
}
