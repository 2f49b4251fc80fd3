//! Checks an indicator file (`cascade/indicators/NN-slug.toml`): its reference values, projections, direction,
//! licence and series.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use toml::Spanned;

use super::cascade::{Known, DATA_FILE_ACTOR};
use super::{position, Checker};
use crate::data::{raw_cascade as raw, DataFile};
use crate::domain::cascade::*;
use crate::domain::indicator::Direction;
use crate::domain::*;

impl Checker {
    fn reference(&mut self, file: &DataFile, raw: raw::Reference) -> Option<Reference> {
        let value = self.finite(file, &raw.value);
        let date = self.required_date(file, raw.date);
        let basis = self.text(file, raw.basis);
        Some(Reference {
            date: date?,
            value: value?,
            basis,
            example: raw.example,
            approximate: raw.approximate,
            date_assumed: raw.date_assumed,
        })
    }

    pub(super) fn finite(&mut self, file: &DataFile, raw: &Spanned<f64>) -> Option<f64> {
        let value = *raw.get_ref();
        if !value.is_finite() {
            self.error(file, raw.span(), "a value must be a finite number");
            return None;
        }
        Some(value)
    }

    pub(super) fn indicator(
        &mut self,
        file: &DataFile,
        raw: raw::IndicatorFile,
        known: &Known,
        recorded_at: Option<DateTime<Utc>>,
    ) -> Option<Indicator> {
        let id = self.id(file, "indicator", &raw.id, IndicatorId::new);
        let slug_span = raw.slug.span();
        let slug = self.slug(file, "indicator", raw.slug);
        let name = self.text(file, raw.name);
        let definition = self.text(file, raw.definition);
        let unit = self.text(file, raw.unit);
        let source = self.text(file, raw.source);
        let decimals = *raw.decimals.get_ref();
        if decimals > 6 {
            self.error(file, raw.decimals.span(), "decimals must be from 0 to 6");
        }
        let direction = match (raw.direction.get_ref().as_str(), &raw.band) {
            ("increase", None) => Some(Direction::Increase),
            ("decrease", None) => Some(Direction::Decrease),
            ("ceiling", None) if raw.target.is_none() => {
                self.error(
                    file,
                    raw.direction.span(),
                    "a ceiling direction needs a [target]: the ceiling",
                );
                None
            }
            ("ceiling", None) => Some(Direction::Ceiling),
            ("band", Some(band)) => match band.get_ref()[..] {
                [low, high] if low.is_finite() && high.is_finite() && low <= high => {
                    Some(Direction::Band { low, high })
                }
                _ => {
                    self.error(file, band.span(), "band must be [low, high] with low ≤ high");
                    None
                }
            },
            ("band", None) => {
                self.error(file, raw.direction.span(), "a band direction needs band = [low, high]");
                None
            }
            ("increase" | "decrease" | "ceiling", Some(band)) => {
                self.error(file, band.span(), "band is only for direction = \"band\"");
                None
            }
            _ => {
                self.error(
                    file,
                    raw.direction.span(),
                    format!(
                        "direction must be increase, decrease, ceiling or band, not {:?}",
                        raw.direction.get_ref()
                    ),
                );
                None
            }
        };
        let frequency = self.keyword(
            file,
            &raw.frequency,
            "frequency",
            Frequency::parse,
            Frequency::keywords(),
        );
        if let Some(licence) = raw.licence.as_ref().filter(|l| l.get_ref().trim().is_empty()) {
            self.error(
                file,
                licence.span(),
                "the licence is empty; name the terms of reuse, e.g. CC BY 4.0, or leave the key out while none is stated",
            );
        }
        let mut regions: Vec<Slug> = Vec::new();
        for r in &raw.regions {
            if let Some(slug) = self.reference_of(file, "region", r, &known.regions) {
                if regions.contains(&slug) {
                    self.error(file, r.span(), format!("the region {:?} is listed twice", r.get_ref()));
                } else {
                    regions.push(slug);
                }
            }
        }
        if raw.regions.is_empty() {
            self.error(
                file,
                slug_span,
                "an indicator needs at least one region (the first is the headline)",
            );
        }
        let goals = self.goal_refs(file, &raw.goals, known);
        let baseline = raw.baseline.and_then(|r| self.reference(file, r));
        let target = raw.target.and_then(|r| self.reference(file, r));
        let milestones = raw
            .milestones
            .into_iter()
            .filter_map(|r| self.reference(file, r))
            .collect();
        let projections = raw
            .projections
            .into_iter()
            .filter_map(|r| self.reference(file, r))
            .collect();
        let series = self.series(file, raw.values, &regions, recorded_at);
        let connector = raw.connector.and_then(|settings| {
            let problems = settings.get_ref().problems(&regions);
            for problem in &problems {
                self.error(file, settings.span(), problem);
            }
            problems.is_empty().then(|| settings.into_inner())
        });
        Some(Indicator {
            id: id?,
            slug: slug?,
            name,
            definition,
            unit,
            decimals,
            direction: direction?,
            baseline,
            target,
            milestones,
            projections,
            source,
            licence: raw.licence.map(Spanned::into_inner),
            frequency: frequency?,
            regions,
            goals,
            series,
            corrections: Vec::new(),
            connector,
        })
    }

    fn series(
        &mut self,
        file: &DataFile,
        values: Vec<raw::Value>,
        regions: &[Slug],
        recorded_at: Option<DateTime<Utc>>,
    ) -> Vec<Series> {
        let mut provenances: Vec<Arc<Provenance>> = Vec::new();
        let mut by_region: Vec<Vec<Measurement>> = vec![Vec::new(); regions.len()];
        let mut seen: HashMap<(String, NaiveDate), usize> = HashMap::new();
        for v in values {
            let index = regions.iter().position(|r| r.as_str() == v.region.get_ref());
            if index.is_none() {
                self.error(
                    file,
                    v.region.span(),
                    format!("the region {:?} is not in this indicator's regions", v.region.get_ref()),
                );
            }
            let source = self.text(file, v.source);
            let value = self.finite(file, &v.value);
            let date_span = v.date.span();
            let date = self.required_date(file, v.date);
            let (Some(index), Some(value), Some(date), Some(at)) = (index, value, date, recorded_at) else {
                continue;
            };
            let line = position(&file.text, date_span.start).0;
            if let Some(first) = seen.insert((v.region.get_ref().clone(), date), line) {
                self.error(
                    file,
                    date_span,
                    format!(
                        "a value for {} on {date} is already given on line {first}",
                        v.region.get_ref()
                    ),
                );
                continue;
            }
            // Values with the same source share one provenance, as the values of one import do.
            let provenance = match provenances
                .iter()
                .find(|p| p.source == source && p.example == v.example)
            {
                Some(shared) => shared.clone(),
                None => {
                    let new = Arc::new(Provenance {
                        source,
                        entered_by: format!("{DATA_FILE_ACTOR}:{}", file.path),
                        entered_at: at,
                        example: v.example,
                    });
                    provenances.push(new.clone());
                    new
                }
            };
            by_region[index].push(Measurement {
                date,
                value,
                provenance,
            });
        }
        regions
            .iter()
            .zip(by_region)
            .filter(|(_, values)| !values.is_empty())
            .map(|(region, mut values)| {
                values.sort_by_key(|m| m.date);
                Series {
                    region: region.clone(),
                    values: std::sync::Arc::new(values),
                }
            })
            .collect()
    }
}
