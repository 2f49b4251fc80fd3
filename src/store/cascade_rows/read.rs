//! Rebuilding the domain model from the cascade's rows, refusing rows that could not have come from valid data.

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::{anyhow, bail, Context as _};

use super::*;

impl CascadeRows {
    /// Rebuilds the domain model, refusing rows that could not have come from valid data.
    pub fn into_cascade(mut self) -> anyhow::Result<Cascade> {
        let mut texts = Texts::new(std::mem::take(&mut self.texts))?;
        self.organisations.sort_by_key(|r| r.position);
        self.regions.sort_by_key(|r| r.position);
        let organisations = self
            .organisations
            .iter()
            .map(|o| {
                Ok(Organisation {
                    slug: slug(&o.slug)?,
                    kind: keyword(&o.kind, OrgKind::parse)?,
                    parent: o.parent.as_deref().map(slug).transpose()?,
                    name: texts.take("organisation", &o.slug, "name")?,
                    valid_from: o.valid_from.as_deref().map(parse_date).transpose()?,
                    valid_to: o.valid_to.as_deref().map(parse_date).transpose()?,
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let regions = self
            .regions
            .iter()
            .map(|r| {
                Ok(Region {
                    slug: slug(&r.slug)?,
                    kind: keyword(&r.kind, RegionKind::parse)?,
                    name: texts.take("region", &r.slug, "name")?,
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let mut provenances = HashMap::new();
        for p in &self.provenances {
            provenances.insert(p.id, Arc::new(p.to_provenance()?));
        }
        let provenance = |id: i64| {
            provenances
                .get(&id)
                .cloned()
                .ok_or_else(|| anyhow!("provenance {id} is missing"))
        };
        self.indicators.sort_by_key(|r| r.id);
        self.references.sort_by_key(|r| (r.indicator_id, r.position));
        self.indicator_regions.sort_by_key(|r| (r.indicator_id, r.position));
        self.indicator_goals.sort_by_key(|r| (r.owner_id, r.position));
        self.values
            .sort_by(|a, b| (a.indicator_id, &a.on_date).cmp(&(b.indicator_id, &b.on_date)));
        self.corrections.sort_by_key(|r| (r.indicator_id, r.position));
        let mut values_by_indicator = group(&self.values, |v| v.indicator_id);
        let references = group(&self.references, |r| r.indicator_id);
        let indicator_regions = group(&self.indicator_regions, |r| r.indicator_id);
        let indicator_goals = group(&self.indicator_goals, |r| r.owner_id);
        let corrections = group(&self.corrections, |r| r.indicator_id);
        let mut indicators = Vec::new();
        for row in &self.indicators {
            let key = row.id.to_string();
            let direction = match (row.direction.as_str(), row.band_low, row.band_high) {
                ("increase", None, None) => Direction::Increase,
                ("decrease", None, None) => Direction::Decrease,
                ("band", Some(low), Some(high)) if low <= high => Direction::Band { low, high },
                ("ceiling", None, None) => Direction::Ceiling,
                _ => bail!("indicator {} has an invalid direction", row.id),
            };
            let mut reference = |r: &ReferenceRow| -> anyhow::Result<Reference> {
                Ok(Reference {
                    date: parse_date(&r.on_date)?,
                    value: r.value,
                    basis: texts.take(
                        "indicator_reference",
                        &format!("{key}/{}/{}", r.role, r.position),
                        "basis",
                    )?,
                    example: r.example,
                    approximate: r.approximate,
                    date_assumed: r.date_assumed,
                })
            };
            let mut baseline = None;
            let mut target = None;
            let mut milestones = Vec::new();
            let mut projections = Vec::new();
            for r in references.get(&row.id).into_iter().flatten() {
                match r.role.as_str() {
                    "baseline" => baseline = Some(reference(r)?),
                    "target" => target = Some(reference(r)?),
                    "milestone" => milestones.push(reference(r)?),
                    "projection" => projections.push(reference(r)?),
                    other => bail!("unknown reference role {other:?}"),
                }
            }
            let regions = indicator_regions
                .get(&row.id)
                .into_iter()
                .flatten()
                .map(|r| slug(&r.region))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let goals = indicator_goals
                .get(&row.id)
                .into_iter()
                .flatten()
                .map(|r| Ok(GoalId::new(id(r.linked_id)?)?))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let mut series: Vec<Series> = regions
                .iter()
                .map(|r| Series {
                    region: r.clone(),
                    values: Arc::default(),
                })
                .collect();
            for v in values_by_indicator.remove(&row.id).unwrap_or_default() {
                let Some(s) = series.iter_mut().find(|s| s.region.as_str() == v.region) else {
                    bail!(
                        "a value of indicator {} is for region {:?}, which it is not reported for",
                        row.id,
                        v.region
                    );
                };
                // Not shared yet, so this copies nothing.
                Arc::make_mut(&mut s.values).push(Measurement {
                    date: parse_date(&v.on_date)?,
                    value: v.value,
                    provenance: provenance(v.provenance_id)?,
                });
            }
            series.retain(|s| !s.values.is_empty());
            let corrections = corrections
                .get(&row.id)
                .into_iter()
                .flatten()
                .map(|c| {
                    Ok(Correction {
                        region: slug(&c.region)?,
                        date: parse_date(&c.on_date)?,
                        value: c.value,
                        provenance: provenance(c.provenance_id)?,
                        replaced_at: parse_instant(&c.replaced_at)?,
                        replaced_by: c.replaced_by.clone(),
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            indicators.push(Indicator {
                id: IndicatorId::new(id(row.id)?)?,
                slug: slug(&row.slug)?,
                name: texts.take("indicator", &key, "name")?,
                definition: texts.take("indicator", &key, "definition")?,
                unit: texts.take("indicator", &key, "unit")?,
                decimals: u8::try_from(row.decimals).context("decimals out of range")?,
                direction,
                baseline,
                target,
                milestones,
                projections,
                source: texts.take("indicator", &key, "source")?,
                licence: row.licence.clone(),
                frequency: keyword(&row.frequency, Frequency::parse)?,
                regions,
                goals,
                series,
                corrections,
                connector: row
                    .connector
                    .as_deref()
                    .map(serde_json::from_str)
                    .transpose()
                    .with_context(|| format!("the connector settings of indicator {} do not read", row.id))?,
            });
        }
        if let Some(orphan) = values_by_indicator.keys().next() {
            bail!("values are stored for indicator {orphan}, which does not exist");
        }
        self.targets.sort_by_key(|r| (r.year, r.id));
        let mut targets = Vec::new();
        for row in &self.targets {
            let key = row.id.to_string();
            let links = |rows: &[LinkRow]| -> Vec<i64> {
                let mut links: Vec<&LinkRow> = rows.iter().filter(|l| l.owner_id == row.id).collect();
                links.sort_by_key(|l| l.position);
                links.into_iter().map(|l| l.linked_id).collect()
            };
            let assessment = match &row.grade {
                Some(grade) => Some(Assessment {
                    grade: keyword(grade, Grade::parse)?,
                    justification: texts.take("target", &key, "justification")?,
                }),
                None => None,
            };
            targets.push(Target {
                id: TargetId::new(id(row.id)?)?,
                year: i32::try_from(row.year).context("year out of range")?,
                organisation: slug(&row.organisation)?,
                responsible: slug(&row.responsible)?,
                title: texts.take("target", &key, "title")?,
                goals: links(&self.target_goals)
                    .into_iter()
                    .map(|g| Ok(GoalId::new(id(g)?)?))
                    .collect::<anyhow::Result<_>>()?,
                binding: row.binding,
                indicators: links(&self.target_indicators)
                    .into_iter()
                    .map(|i| Ok(IndicatorId::new(id(i)?)?))
                    .collect::<anyhow::Result<_>>()?,
                assessment,
                copied_from: row
                    .copied_from
                    .map(|c| Ok::<_, anyhow::Error>(TargetId::new(id(c)?)?))
                    .transpose()?,
                example: row.example,
                status: keyword(&row.status, TargetStatus::parse)?,
            });
        }
        self.progress.sort_by_key(|r| r.action_id);
        let action_progress = self
            .progress
            .iter()
            .map(|p| {
                Ok(ActionProgress {
                    action: ActionId::new(id(p.action_id)?)?,
                    state: keyword(&p.state, ActionState::parse)?,
                    percent: p
                        .percent
                        .map(u8::try_from)
                        .transpose()
                        .context("percent out of range")?,
                    as_of: parse_date(&p.as_of)?,
                    note: texts.take_optional("action_progress", &p.action_id.to_string(), "note"),
                    example: p.example,
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let year_approvals = self
            .year_approvals
            .iter()
            .map(|a| {
                Ok(crate::domain::year_approval::YearApproval {
                    year: i32::try_from(a.year).context("year out of range")?,
                    approved_at: parse_instant(&a.approved_at)?,
                    actor: a.actor.clone(),
                    lint_override: a.lint_override.clone(),
                    overridden: serde_json::from_str(&a.overridden).context("overridden errors are not a JSON list")?,
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        if let Some((kind, key, field)) = texts.0.keys().next() {
            bail!("a stored text ({kind} {key:?} {field}) belongs to nothing in the cascade");
        }
        Ok(Cascade {
            organisations,
            regions,
            indicators: indicators.into_iter().map(Arc::new).collect(),
            targets,
            action_progress,
            year_approvals,
        })
    }
}

/// Rows grouped by their owner's id, keeping their order.
fn group<T>(rows: &[T], key: impl Fn(&T) -> i64) -> HashMap<i64, Vec<&T>> {
    let mut groups: HashMap<i64, Vec<&T>> = HashMap::new();
    for row in rows {
        groups.entry(key(row)).or_default().push(row);
    }
    groups
}
