//! What a write of indicator values or a copied year means in rows, decided in plain code so both backends
//! apply exactly the same rules: a value that changes keeps its old self as a correction, a value sent again
//! unchanged is not a change, and a copied target starts its new year without an assessment.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::cascade_rows::*;
use super::rows::TextRow;
use super::{Change, NewValue, RecordSummary};

/// The writes that record a batch of values.
pub struct ValuePlan {
    pub provenances: Vec<ProvenanceRow>,
    pub inserts: Vec<ValueRow>,
    pub updates: Vec<ValueRow>,
    pub corrections: Vec<CorrectionRow>,
    pub summary: RecordSummary,
}

/// Stored values keyed by (indicator, region, date): value, provenance id and its source.
pub type Stored = HashMap<(i64, String, String), (f64, i64, String)>;

pub fn plan(
    values: &[NewValue],
    existing: &Stored,
    mut corrections_held: HashMap<i64, i64>,
    last_provenance: i64,
    change: &Change,
    now: DateTime<Utc>,
) -> ValuePlan {
    let mut provenance_ids: HashMap<&str, i64> = HashMap::new();
    let mut plan = ValuePlan {
        provenances: Vec::new(),
        inserts: Vec::new(),
        updates: Vec::new(),
        corrections: Vec::new(),
        summary: RecordSummary::default(),
    };
    let mut next = last_provenance;
    for v in values {
        let indicator_id = i64::from(v.indicator.get());
        let region = v.region.as_str().to_owned();
        let on_date = iso_date(v.date);
        let key = (indicator_id, region.clone(), on_date.clone());
        let previous = existing.get(&key);
        if previous.is_some_and(|(value, _, source)| *value == v.value && *source == v.source) {
            plan.summary.unchanged += 1;
            continue;
        }
        let provenance_id = *provenance_ids.entry(v.source.as_str()).or_insert_with(|| {
            next += 1;
            plan.provenances.push(ProvenanceRow {
                id: next,
                source: v.source.clone(),
                entered_by: change.actor.clone(),
                entered_at: iso_instant(now),
                example: false,
                source_sv: None,
                source_en: None,
                source_reviewed: String::new(),
            });
            next
        });
        let row = ValueRow {
            indicator_id,
            region: region.clone(),
            on_date: on_date.clone(),
            value: v.value,
            provenance_id,
        };
        match previous {
            None => {
                plan.summary.added += 1;
                plan.inserts.push(row);
            }
            Some((old_value, old_provenance, _)) => {
                plan.summary.corrected += 1;
                let held = corrections_held.entry(indicator_id).or_insert(0);
                plan.corrections.push(CorrectionRow {
                    indicator_id,
                    region,
                    on_date,
                    value: *old_value,
                    provenance_id: *old_provenance,
                    replaced_at: iso_instant(now),
                    replaced_by: change.actor.clone(),
                    position: *held,
                });
                *held += 1;
                plan.updates.push(row);
            }
        }
    }
    plan
}

/// The rows that copy year `from`'s targets to year `to`: new ids after the highest in use, the same
/// organisations, goals, indicators and title, no assessment.
pub fn copy_year(rows: &CascadeRows, from: i32, to: i32) -> anyhow::Result<CascadeRows> {
    let (from64, to64) = (i64::from(from), i64::from(to));
    anyhow::ensure!(from != to, "the years to copy from and to are the same ({from})");
    let sources: Vec<&TargetRow> = rows.targets.iter().filter(|t| t.year == from64).collect();
    anyhow::ensure!(!sources.is_empty(), "there are no targets for {from} to copy");
    let held = rows.targets.iter().filter(|t| t.year == to64).count();
    anyhow::ensure!(
        held == 0,
        "{to} already has {held} target(s); copying would mix two plans"
    );
    let mut next = rows.targets.iter().map(|t| t.id).max().unwrap_or(0);
    let mut copy = CascadeRows::default();
    for source in sources {
        next += 1;
        copy.targets.push(TargetRow {
            id: next,
            year: to64,
            copied_from: Some(source.id),
            grade: None,
            ..source.clone()
        });
        let (old_key, new_key) = (source.id.to_string(), next.to_string());
        copy.texts.extend(
            rows.texts
                .iter()
                .filter(|t| t.owner_kind == "target" && t.owner_key == old_key && t.field == "title")
                .map(|t| TextRow {
                    owner_key: new_key.clone(),
                    ..t.clone()
                }),
        );
        for (links, into) in [
            (&rows.target_goals, &mut copy.target_goals),
            (&rows.target_indicators, &mut copy.target_indicators),
        ] {
            into.extend(links.iter().filter(|l| l.owner_id == source.id).map(|l| LinkRow {
                owner_id: next,
                ..l.clone()
            }));
        }
    }
    Ok(copy)
}
