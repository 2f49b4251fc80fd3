//! Turning change feed entries into the reads that answer them, and the rows read into domain deltas; plain
//! code shared by both backends.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::cascade_rows::{parse_date, parse_instant, slug, ProvenanceRow};
use super::feed::FeedEntry;
use crate::domain::cascade::{Correction, Measurement, Provenance};
use crate::domain::delta::CascadeDelta;
use crate::domain::IndicatorId;

/// What to read for a run of feed entries: overlapping spans merged, the first correction per indicator.
#[derive(Debug, Default, PartialEq)]
pub struct ReadPlan {
    pub outline: bool,
    /// (indicator, region) → (first date, last date).
    pub spans: BTreeMap<(i64, String), (String, String)>,
    /// indicator → first position.
    pub corrections: BTreeMap<i64, i64>,
}

impl ReadPlan {
    pub fn new(entries: Vec<FeedEntry>) -> ReadPlan {
        let mut plan = ReadPlan::default();
        for entry in entries {
            match entry {
                FeedEntry::Replace | FeedEntry::Outline => plan.outline = true,
                FeedEntry::Values {
                    indicator,
                    region,
                    from,
                    to,
                } => {
                    let span = plan
                        .spans
                        .entry((indicator, region))
                        .or_insert((from.clone(), to.clone()));
                    if from < span.0 {
                        span.0 = from;
                    }
                    if to > span.1 {
                        span.1 = to;
                    }
                }
                FeedEntry::Corrections {
                    indicator,
                    from_position,
                } => {
                    let first = plan.corrections.entry(indicator).or_insert(from_position);
                    *first = (*first).min(from_position);
                }
                FeedEntry::Internal => {}
            }
        }
        plan
    }
}

/// Provenances met while reading one batch of changes, so values of one import share one copy.
#[derive(Default)]
pub struct Provenances(HashMap<i64, Arc<Provenance>>);

impl Provenances {
    fn get(&mut self, row: &ProvenanceRow) -> anyhow::Result<Arc<Provenance>> {
        if let Some(held) = self.0.get(&row.id) {
            return Ok(held.clone());
        }
        let provenance = Arc::new(row.to_provenance()?);
        self.0.insert(row.id, provenance.clone());
        Ok(provenance)
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct SpanRow {
    pub on_date: String,
    pub value: f64,
    #[sqlx(flatten)]
    pub provenance: ProvenanceRow,
}

impl SpanRow {
    pub fn into_measurement(self, provenances: &mut Provenances) -> anyhow::Result<Measurement> {
        Ok(Measurement {
            date: parse_date(&self.on_date)?,
            value: self.value,
            provenance: provenances.get(&self.provenance)?,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct CorrectionSpanRow {
    pub region: String,
    pub on_date: String,
    pub value: f64,
    pub replaced_at: String,
    pub replaced_by: String,
    #[sqlx(flatten)]
    pub provenance: ProvenanceRow,
}

impl CorrectionSpanRow {
    pub fn into_correction(self, provenances: &mut Provenances) -> anyhow::Result<Correction> {
        Ok(Correction {
            region: slug(&self.region)?,
            date: parse_date(&self.on_date)?,
            value: self.value,
            provenance: provenances.get(&self.provenance)?,
            replaced_at: parse_instant(&self.replaced_at)?,
            replaced_by: self.replaced_by,
        })
    }
}

fn indicator_id(id: i64) -> anyhow::Result<IndicatorId> {
    u32::try_from(id)
        .ok()
        .and_then(|id| IndicatorId::new(id).ok())
        .ok_or_else(|| anyhow::anyhow!("the change feed names an invalid indicator id {id}"))
}

pub fn span_delta(
    indicator: i64,
    region: &str,
    from: &str,
    to: &str,
    values: Vec<Measurement>,
) -> anyhow::Result<CascadeDelta> {
    Ok(CascadeDelta::Span {
        indicator: indicator_id(indicator)?,
        region: slug(region)?,
        from: parse_date(from)?,
        to: parse_date(to)?,
        values,
    })
}

pub fn corrections_delta(
    indicator: i64,
    from_position: i64,
    corrections: Vec<Correction>,
) -> anyhow::Result<CascadeDelta> {
    Ok(CascadeDelta::Corrections {
        indicator: indicator_id(indicator)?,
        from_position: usize::try_from(from_position)?,
        corrections,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_spans_merge_and_the_first_correction_wins() {
        let values = |from: &str, to: &str| FeedEntry::Values {
            indicator: 1,
            region: "espoo".into(),
            from: from.into(),
            to: to.into(),
        };
        let plan = ReadPlan::new(vec![
            values("2020-01-01", "2020-06-30"),
            FeedEntry::Corrections {
                indicator: 1,
                from_position: 4,
            },
            values("2019-01-01", "2020-02-01"),
            FeedEntry::Corrections {
                indicator: 1,
                from_position: 2,
            },
        ]);
        assert!(!plan.outline);
        assert_eq!(
            plan.spans.get(&(1, "espoo".to_owned())),
            Some(&("2019-01-01".to_owned(), "2020-06-30".to_owned()))
        );
        assert_eq!(plan.corrections.get(&1), Some(&2));
    }
}
