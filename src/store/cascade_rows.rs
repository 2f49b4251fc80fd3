//! The cascade as flat table rows, shared by every backend (see [`super::rows`] for the strategy's).

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::{anyhow, Context as _};
use chrono::{DateTime, NaiveDate, Utc};

use super::rows::{id, position, push_text, TextRow, Texts};

mod read;
use crate::domain::cascade::*;
use crate::domain::indicator::Direction;
use crate::domain::*;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct OrganisationRow {
    pub slug: String,
    pub kind: String,
    pub parent: Option<String>,
    pub position: i64,
    // Absent from exports before format version 3.
    #[serde(default)]
    pub valid_from: Option<String>,
    #[serde(default)]
    pub valid_to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct RegionRow {
    pub slug: String,
    pub kind: String,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct IndicatorRow {
    pub id: i64,
    pub slug: String,
    pub decimals: i64,
    pub direction: String,
    pub band_low: Option<f64>,
    pub band_high: Option<f64>,
    pub frequency: String,
    /// `None` while the publisher has stated no licence.
    pub licence: Option<String>,
    /// The connector settings as JSON; absent from exports before format version 4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connector: Option<String>,
}

/// A baseline, target, milestone or projection; `position` orders milestones and projections (0 for the
/// others). The two flags are absent from exports before format version 3.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct ReferenceRow {
    pub indicator_id: i64,
    pub role: String,
    pub position: i64,
    pub on_date: String,
    pub value: f64,
    pub example: bool,
    #[serde(default)]
    pub approximate: bool,
    #[serde(default)]
    pub date_assumed: bool,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct IndicatorRegionRow {
    pub indicator_id: i64,
    pub region: String,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct LinkRow {
    pub owner_id: i64,
    pub linked_id: i64,
    pub position: i64,
}

/// `source` is the Finnish text; its translations sit beside it, `source_reviewed` lists the reviewed ones
/// (`"sv en"`). The three are absent from exports before format version 3.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct ProvenanceRow {
    pub id: i64,
    pub source: String,
    pub entered_by: String,
    pub entered_at: String,
    pub example: bool,
    #[serde(default)]
    pub source_sv: Option<String>,
    #[serde(default)]
    pub source_en: Option<String>,
    #[serde(default)]
    pub source_reviewed: String,
    /// Where a connector fetched the values (connector, table, query, fetch time, the source's own
    /// update time) as JSON; absent for other values and from exports before format version 4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

impl ProvenanceRow {
    pub fn to_provenance(&self) -> anyhow::Result<Provenance> {
        let translation = |text: &Option<String>, lang: &str| {
            text.clone().map(|text| Translation {
                text,
                reviewed: self.source_reviewed.split(' ').any(|r| r == lang),
            })
        };
        Ok(Provenance {
            source: LocalizedText {
                fi: self.source.clone(),
                sv: translation(&self.source_sv, "sv"),
                en: translation(&self.source_en, "en"),
            },
            entered_by: self.entered_by.clone(),
            entered_at: parse_instant(&self.entered_at)?,
            example: self.example,
        })
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct ValueRow {
    pub indicator_id: i64,
    pub region: String,
    pub on_date: String,
    pub value: f64,
    pub provenance_id: i64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct CorrectionRow {
    pub indicator_id: i64,
    pub region: String,
    pub on_date: String,
    pub value: f64,
    pub provenance_id: i64,
    pub replaced_at: String,
    pub replaced_by: String,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct TargetRow {
    pub id: i64,
    pub year: i64,
    pub organisation: String,
    pub responsible: String,
    pub binding: bool,
    pub example: bool,
    pub copied_from: Option<i64>,
    pub grade: Option<String>,
    /// Archives written before targets had a status hold approved budgets' targets.
    #[serde(default = "approved")]
    pub status: String,
}

fn approved() -> String {
    TargetStatus::Approved.as_str().to_owned()
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct ProgressRow {
    pub action_id: i64,
    pub state: String,
    pub percent: Option<i64>,
    pub as_of: String,
    pub example: bool,
}

/// One recorded approval of a budget year's targets. The approving account is not exported (accounts are
/// not), only the actor; absent from exports before format version 6.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct YearApprovalRow {
    pub year: i64,
    pub approved_at: String,
    pub actor: String,
    pub lint_override: Option<String>,
    /// The overridden error messages as a JSON array of strings.
    pub overridden: String,
}

/// Every row of one city's cascade.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CascadeRows {
    pub texts: Vec<TextRow>,
    pub organisations: Vec<OrganisationRow>,
    pub regions: Vec<RegionRow>,
    pub indicators: Vec<IndicatorRow>,
    pub references: Vec<ReferenceRow>,
    pub indicator_regions: Vec<IndicatorRegionRow>,
    pub indicator_goals: Vec<LinkRow>,
    pub provenances: Vec<ProvenanceRow>,
    pub values: Vec<ValueRow>,
    pub corrections: Vec<CorrectionRow>,
    pub targets: Vec<TargetRow>,
    pub target_goals: Vec<LinkRow>,
    pub target_indicators: Vec<LinkRow>,
    pub progress: Vec<ProgressRow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub year_approvals: Vec<YearApprovalRow>,
}

pub fn iso_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub fn iso_instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

pub(super) fn parse_date(text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").with_context(|| format!("stored date {text:?} is not YYYY-MM-DD"))
}

pub(super) fn parse_instant(text: &str) -> anyhow::Result<DateTime<Utc>> {
    Ok(DateTime::parse_from_rfc3339(text)
        .with_context(|| format!("stored time {text:?} is not RFC 3339"))?
        .to_utc())
}

pub(super) fn slug(text: &str) -> anyhow::Result<Slug> {
    Slug::parse(text).with_context(|| format!("stored slug {text:?} is invalid"))
}

fn keyword<T>(text: &str, parse: fn(&str) -> Option<T>) -> anyhow::Result<T> {
    parse(text).ok_or_else(|| anyhow!("stored keyword {text:?} is not known"))
}

/// Gives each distinct provenance one row id, in order of first use.
#[derive(Default)]
pub struct ProvenanceIds {
    ids: HashMap<*const Provenance, i64>,
    pub rows: Vec<ProvenanceRow>,
    next: i64,
}

impl ProvenanceIds {
    pub fn starting_at(next: i64) -> ProvenanceIds {
        ProvenanceIds {
            next,
            ..ProvenanceIds::default()
        }
    }

    pub fn id(&mut self, provenance: &Arc<Provenance>) -> i64 {
        if let Some(id) = self.ids.get(&Arc::as_ptr(provenance)) {
            return *id;
        }
        self.next += 1;
        let id = self.next;
        self.ids.insert(Arc::as_ptr(provenance), id);
        let source = &provenance.source;
        let reviewed: Vec<&str> = [("sv", &source.sv), ("en", &source.en)]
            .into_iter()
            .filter(|(_, t)| t.as_ref().is_some_and(|t| t.reviewed))
            .map(|(lang, _)| lang)
            .collect();
        self.rows.push(ProvenanceRow {
            id,
            source: source.fi.clone(),
            entered_by: provenance.entered_by.clone(),
            entered_at: iso_instant(provenance.entered_at),
            example: provenance.example,
            source_sv: source.sv.as_ref().map(|t| t.text.clone()),
            source_en: source.en.as_ref().map(|t| t.text.clone()),
            source_reviewed: reviewed.join(" "),
            origin: None,
        });
        id
    }
}

impl CascadeRows {
    pub fn from_cascade(c: &Cascade) -> CascadeRows {
        let mut rows = CascadeRows::default();
        let t = &mut rows.texts;
        for (i, o) in c.organisations.iter().enumerate() {
            push_text(t, "organisation", o.slug.as_str(), "name", &o.name);
            rows.organisations.push(OrganisationRow {
                slug: o.slug.as_str().into(),
                kind: o.kind.as_str().into(),
                parent: o.parent.as_ref().map(|p| p.as_str().into()),
                position: position(i),
                valid_from: o.valid_from.map(iso_date),
                valid_to: o.valid_to.map(iso_date),
            });
        }
        for (i, r) in c.regions.iter().enumerate() {
            push_text(t, "region", r.slug.as_str(), "name", &r.name);
            rows.regions.push(RegionRow {
                slug: r.slug.as_str().into(),
                kind: r.kind.as_str().into(),
                position: position(i),
            });
        }
        let mut provenances = ProvenanceIds::default();
        for ind in &c.indicators {
            let key = ind.id.to_string();
            for (field, text) in [
                ("name", &ind.name),
                ("definition", &ind.definition),
                ("unit", &ind.unit),
                ("source", &ind.source),
            ] {
                push_text(t, "indicator", &key, field, text);
            }
            let (direction, band_low, band_high) = match ind.direction {
                Direction::Increase => ("increase", None, None),
                Direction::Decrease => ("decrease", None, None),
                Direction::Band { low, high } => ("band", Some(low), Some(high)),
                Direction::Ceiling => ("ceiling", None, None),
            };
            let indicator_id = i64::from(ind.id.get());
            rows.indicators.push(IndicatorRow {
                id: indicator_id,
                slug: ind.slug.as_str().into(),
                decimals: i64::from(ind.decimals),
                direction: direction.into(),
                band_low,
                band_high,
                frequency: ind.frequency.as_str().into(),
                licence: ind.licence.clone(),
                connector: ind
                    .connector
                    .as_ref()
                    .map(|c| serde_json::to_string(c).expect("settings serialize")),
            });
            let references = ind
                .baseline
                .iter()
                .map(|r| ("baseline", 0, r))
                .chain(ind.target.iter().map(|r| ("target", 0, r)))
                .chain(ind.milestones.iter().enumerate().map(|(i, r)| ("milestone", i, r)))
                .chain(ind.projections.iter().enumerate().map(|(i, r)| ("projection", i, r)));
            for (role, index, r) in references {
                push_text(
                    t,
                    "indicator_reference",
                    &format!("{key}/{role}/{index}"),
                    "basis",
                    &r.basis,
                );
                rows.references.push(ReferenceRow {
                    indicator_id,
                    role: role.into(),
                    position: position(index),
                    on_date: iso_date(r.date),
                    value: r.value,
                    example: r.example,
                    approximate: r.approximate,
                    date_assumed: r.date_assumed,
                });
            }
            for (i, region) in ind.regions.iter().enumerate() {
                rows.indicator_regions.push(IndicatorRegionRow {
                    indicator_id,
                    region: region.as_str().into(),
                    position: position(i),
                });
            }
            for (i, goal) in ind.goals.iter().enumerate() {
                rows.indicator_goals.push(LinkRow {
                    owner_id: indicator_id,
                    linked_id: i64::from(goal.get()),
                    position: position(i),
                });
            }
            for series in &ind.series {
                for m in series.values.iter() {
                    rows.values.push(ValueRow {
                        indicator_id,
                        region: series.region.as_str().into(),
                        on_date: iso_date(m.date),
                        value: m.value,
                        provenance_id: provenances.id(&m.provenance),
                    });
                }
            }
            for (i, c) in ind.corrections.iter().enumerate() {
                rows.corrections.push(CorrectionRow {
                    indicator_id,
                    region: c.region.as_str().into(),
                    on_date: iso_date(c.date),
                    value: c.value,
                    provenance_id: provenances.id(&c.provenance),
                    replaced_at: iso_instant(c.replaced_at),
                    replaced_by: c.replaced_by.clone(),
                    position: position(i),
                });
            }
        }
        rows.provenances = provenances.rows;
        for target in &c.targets {
            let key = target.id.to_string();
            push_text(t, "target", &key, "title", &target.title);
            if let Some(a) = &target.assessment {
                push_text(t, "target", &key, "justification", &a.justification);
            }
            let target_id = i64::from(target.id.get());
            rows.targets.push(TargetRow {
                id: target_id,
                year: i64::from(target.year),
                organisation: target.organisation.as_str().into(),
                responsible: target.responsible.as_str().into(),
                binding: target.binding,
                example: target.example,
                copied_from: target.copied_from.map(|c| i64::from(c.get())),
                grade: target.assessment.as_ref().map(|a| a.grade.as_str().into()),
                status: target.status.as_str().into(),
            });
            for (i, goal) in target.goals.iter().enumerate() {
                rows.target_goals.push(LinkRow {
                    owner_id: target_id,
                    linked_id: i64::from(goal.get()),
                    position: position(i),
                });
            }
            for (i, indicator) in target.indicators.iter().enumerate() {
                rows.target_indicators.push(LinkRow {
                    owner_id: target_id,
                    linked_id: i64::from(indicator.get()),
                    position: position(i),
                });
            }
        }
        for p in &c.action_progress {
            if let Some(note) = &p.note {
                push_text(t, "action_progress", &p.action.to_string(), "note", note);
            }
            rows.progress.push(ProgressRow {
                action_id: i64::from(p.action.get()),
                state: p.state.as_str().into(),
                percent: p.percent.map(i64::from),
                as_of: iso_date(p.as_of),
                example: p.example,
            });
        }
        for a in &c.year_approvals {
            rows.year_approvals.push(YearApprovalRow {
                year: i64::from(a.year),
                approved_at: iso_instant(a.approved_at),
                actor: a.actor.clone(),
                lint_override: a.lint_override.clone(),
                overridden: serde_json::Value::from(a.overridden.clone()).to_string(),
            });
        }
        rows
    }

    /// Puts every list in a fixed order, so the same data always exports to the same bytes.
    pub fn canonicalize(&mut self) {
        self.texts.sort_by(|a, b| {
            (&a.owner_kind, &a.owner_key, &a.field, &a.lang).cmp(&(&b.owner_kind, &b.owner_key, &b.field, &b.lang))
        });
        self.organisations.sort_by_key(|r| r.position);
        self.regions.sort_by_key(|r| r.position);
        self.indicators.sort_by_key(|r| r.id);
        // Stable: two approvals of one year at one instant keep the order they were recorded in.
        self.year_approvals
            .sort_by(|a, b| (a.year, &a.approved_at).cmp(&(b.year, &b.approved_at)));
        self.references
            .sort_by(|a, b| (a.indicator_id, &a.role, a.position).cmp(&(b.indicator_id, &b.role, b.position)));
        self.indicator_regions.sort_by_key(|r| (r.indicator_id, r.position));
        self.indicator_goals.sort_by_key(|r| (r.owner_id, r.position));
        self.provenances.sort_by_key(|r| r.id);
        self.values
            .sort_by(|a, b| (a.indicator_id, &a.region, &a.on_date).cmp(&(b.indicator_id, &b.region, &b.on_date)));
        self.corrections.sort_by_key(|r| (r.indicator_id, r.position));
        self.targets.sort_by_key(|r| r.id);
        self.target_goals.sort_by_key(|r| (r.owner_id, r.position));
        self.target_indicators.sort_by_key(|r| (r.owner_id, r.position));
        self.progress.sort_by_key(|r| r.action_id);
    }
}
