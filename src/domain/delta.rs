//! What a write changed in a city's cascade, in a form a server can apply to the cascade it holds in memory.
//! A server that applies every delta of the change feed in order holds exactly what a full read would give,
//! at a cost proportional to the change: only the indicators a write touched are copied, everything else is
//! shared with the previous snapshot.

use std::sync::Arc;

use chrono::NaiveDate;

use super::cascade::{Cascade, Correction, Indicator, Measurement, Series};
use super::{IndicatorId, Slug};

/// One change to a cascade held in memory.
#[derive(Debug, Clone, PartialEq)]
pub enum CascadeDelta {
    /// The values of one indicator in one region between two dates (inclusive), as they now stand: every
    /// value held in the span is replaced by these.
    Span {
        indicator: IndicatorId,
        region: Slug,
        from: NaiveDate,
        to: NaiveDate,
        values: Vec<Measurement>,
    },
    /// The corrections of one indicator from a position on, as they now stand.
    Corrections {
        indicator: IndicatorId,
        from_position: usize,
        corrections: Vec<Correction>,
    },
    /// Everything but values and corrections (organisations, regions, indicator definitions, targets, action
    /// progress), read anew; the values and corrections held are kept for indicators that remain.
    Outline(Box<Cascade>),
}

impl CascadeDelta {
    /// The indicator whose values this delta changes; `None` when it changes the outline (and with it
    /// possibly every page that shows targets or definitions).
    pub fn indicator(&self) -> Option<IndicatorId> {
        match self {
            CascadeDelta::Span { indicator, .. } | CascadeDelta::Corrections { indicator, .. } => Some(*indicator),
            CascadeDelta::Outline(_) => None,
        }
    }
}

impl Cascade {
    /// Applies one delta. A delta about an indicator the cascade does not hold (deleted meanwhile) is
    /// skipped: the outline delta that removed it comes in the same batch.
    pub fn apply(&mut self, delta: CascadeDelta) {
        match delta {
            CascadeDelta::Span {
                indicator,
                region,
                from,
                to,
                values,
            } => {
                if let Some(indicator) = self.indicator_mut(indicator) {
                    indicator.replace_span(region, from, to, values);
                }
            }
            CascadeDelta::Corrections {
                indicator,
                from_position,
                corrections,
            } => {
                if let Some(indicator) = self.indicator_mut(indicator) {
                    indicator.corrections.truncate(from_position);
                    indicator.corrections.extend(corrections);
                }
            }
            CascadeDelta::Outline(outline) => self.replace_outline(*outline),
        }
    }

    /// The indicator with `id`, copied first if another snapshot still shares it.
    fn indicator_mut(&mut self, id: IndicatorId) -> Option<&mut Indicator> {
        let index = self.indicators.binary_search_by_key(&id, |i| i.id).ok()?;
        Some(Arc::make_mut(&mut self.indicators[index]))
    }

    /// Takes everything from `outline` but the values and corrections, which stay as held.
    fn replace_outline(&mut self, mut outline: Cascade) {
        for indicator in &mut outline.indicators {
            let held_at = self.indicators.binary_search_by_key(&indicator.id, |i| i.id).ok();
            if let Some(held) = held_at.map(|index| &self.indicators[index]) {
                // An indicator whose definition did not change stays the very same shared copy, so pages that
                // depend on it can tell nothing about it moved.
                if held.same_definition(indicator) {
                    *indicator = Arc::clone(held);
                    continue;
                }
                let fresh = Arc::make_mut(indicator);
                fresh.series = held.series.clone();
                fresh.corrections = held.corrections.clone();
                // A region dropped from the indicator takes its values with it, as a full read would.
                fresh.series.retain(|s| fresh.regions.contains(&s.region));
                let order = |s: &Series| fresh.regions.iter().position(|r| r == &s.region);
                fresh.series.sort_by_key(order);
            }
        }
        *self = outline;
    }
}

impl Indicator {
    /// Whether two indicators have the same definition, whatever their values and corrections. Written out
    /// field by field so that a new field cannot be forgotten here.
    fn same_definition(&self, other: &Indicator) -> bool {
        let Indicator {
            id,
            slug,
            name,
            definition,
            unit,
            decimals,
            direction,
            baseline,
            target,
            milestones,
            projections,
            source,
            licence,
            frequency,
            regions,
            goals,
            series: _,
            corrections: _,
            connector,
        } = self;
        *id == other.id
            && *slug == other.slug
            && *name == other.name
            && *definition == other.definition
            && *unit == other.unit
            && *decimals == other.decimals
            && *direction == other.direction
            && *baseline == other.baseline
            && *target == other.target
            && *milestones == other.milestones
            && *projections == other.projections
            && *source == other.source
            && *licence == other.licence
            && *frequency == other.frequency
            && *regions == other.regions
            && *goals == other.goals
            && *connector == other.connector
    }

    fn replace_span(&mut self, region: Slug, from: NaiveDate, to: NaiveDate, values: Vec<Measurement>) {
        let index = match self.series.iter().position(|s| s.region == region) {
            Some(index) => index,
            None => {
                // Series follow the order of the indicator's regions.
                let rank = |r: &Slug| self.regions.iter().position(|x| x == r);
                let new_rank = rank(&region);
                let at = self
                    .series
                    .iter()
                    .position(|s| rank(&s.region) > new_rank)
                    .unwrap_or(self.series.len());
                self.series.insert(
                    at,
                    Series {
                        region,
                        values: Arc::default(),
                    },
                );
                at
            }
        };
        let series = Arc::make_mut(&mut self.series[index].values);
        let start = series.partition_point(|m| m.date < from);
        let end = series.partition_point(|m| m.date <= to);
        series.splice(start..end, values);
        if series.is_empty() {
            self.series.remove(index);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cascade::Provenance;

    fn cascade() -> Cascade {
        crate::data::bundled_dataset().unwrap().cascade
    }

    fn measurement(date: &str, value: f64) -> Measurement {
        Measurement {
            date: date.parse().unwrap(),
            value,
            provenance: Arc::new(Provenance {
                source: crate::domain::LocalizedText::finnish_only("test"),
                entered_by: "test".into(),
                entered_at: chrono::Utc::now(),
                example: false,
            }),
        }
    }

    #[test]
    fn a_span_replaces_exactly_the_values_between_its_dates() {
        let mut c = cascade();
        let before = c.clone();
        let indicator = c.indicators[0].id;
        let region = c.indicators[0].regions[0].clone();
        let held = c.indicators[0].series(&region).unwrap().values.clone();
        assert!(held.len() >= 2, "the first bundled indicator has a series to test on");
        let (first, last) = (held[0].date, held[held.len() - 1].date);
        let new = measurement(&last.to_string(), 123.0);
        c.apply(CascadeDelta::Span {
            indicator,
            region: region.clone(),
            from: last,
            to: last,
            values: vec![new.clone()],
        });
        let after = &c.indicators[0].series(&region).unwrap().values;
        assert_eq!(after.len(), held.len());
        assert_eq!(after.last(), Some(&new));
        assert_eq!(after[0], held[0], "values outside the span stay");
        // The snapshot that was cloned before is untouched: the indicator was copied, not shared.
        assert_eq!(before.indicators[0].series(&region).unwrap().values, held);
        // Other indicators are still shared with the old snapshot.
        assert!(Arc::ptr_eq(&before.indicators[1], &c.indicators[1]));
        // An empty span removes the values it covers.
        c.apply(CascadeDelta::Span {
            indicator,
            region: region.clone(),
            from: first,
            to: last,
            values: Vec::new(),
        });
        assert!(c.indicators[0].series(&region).is_none());
    }

    #[test]
    fn a_new_region_series_takes_its_place_in_the_region_order() {
        let mut c = cascade();
        let Some(index) = c.indicators.iter().position(|i| i.regions.len() >= 2) else {
            return;
        };
        let indicator = c.indicators[index].id;
        let second = c.indicators[index].regions[1].clone();
        Arc::make_mut(&mut c.indicators[index]).series.clear();
        let first = c.indicators[index].regions[0].clone();
        for region in [second.clone(), first.clone()] {
            c.apply(CascadeDelta::Span {
                indicator,
                region,
                from: "2020-01-01".parse().unwrap(),
                to: "2020-01-01".parse().unwrap(),
                values: vec![measurement("2020-01-01", 1.0)],
            });
        }
        let order: Vec<&Slug> = c.indicators[index].series.iter().map(|s| &s.region).collect();
        assert_eq!(order, vec![&first, &second]);
    }

    #[test]
    fn an_outline_keeps_the_values_held() {
        let mut c = cascade();
        let full = c.clone();
        let mut outline = c.clone();
        for indicator in &mut outline.indicators {
            let indicator = Arc::make_mut(indicator);
            indicator.series.clear();
            indicator.corrections.clear();
        }
        outline.targets.clear();
        c.apply(CascadeDelta::Outline(Box::new(outline)));
        assert!(c.targets.is_empty());
        assert_eq!(c.indicators, full.indicators);
    }

    #[test]
    fn an_outline_shares_every_indicator_whose_definition_stayed() {
        let mut c = cascade();
        let held = c.clone();
        let mut outline = c.clone();
        for indicator in &mut outline.indicators {
            let indicator = Arc::make_mut(indicator);
            indicator.series.clear();
        }
        Arc::make_mut(&mut outline.indicators[0]).decimals += 1;
        c.apply(CascadeDelta::Outline(Box::new(outline)));
        assert!(
            !Arc::ptr_eq(&c.indicators[0], &held.indicators[0]),
            "the changed one is new"
        );
        assert_eq!(c.indicators[0].series, held.indicators[0].series, "with its values");
        for (now, before) in c.indicators.iter().zip(&held.indicators).skip(1) {
            assert!(
                Arc::ptr_eq(now, before),
                "indicator {} is still the shared copy",
                now.id
            );
        }
    }
}
