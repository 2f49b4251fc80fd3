//! What a write of indicator values or a copied year means in rows, decided in plain code so both backends
//! apply exactly the same rules: a value that changes keeps its old self as a correction, a value sent again
//! unchanged is not a change, and a copied target starts its new year without an assessment.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};

use super::cascade_rows::*;
use super::feed::FeedEntry;
use super::rows::TextRow;
use crate::domain::cascade::TargetStatus;
use crate::domain::change::{Change, NewValue, RecordSummary};

/// The writes that record a batch of values.
pub struct ValuePlan {
    pub provenances: Vec<ProvenanceRow>,
    pub inserts: Vec<ValueRow>,
    pub updates: Vec<ValueRow>,
    pub corrections: Vec<CorrectionRow>,
    pub summary: RecordSummary,
}

/// Per indicator and region, the first and last date (`YYYY-MM-DD`) of the values sent: the span of stored
/// values a batch can touch.
pub fn spans(values: &[NewValue]) -> BTreeMap<(i64, String), (String, String)> {
    let mut spans: BTreeMap<(i64, String), (String, String)> = BTreeMap::new();
    for v in values {
        let date = iso_date(v.date);
        let key = (i64::from(v.indicator.get()), v.region.as_str().to_owned());
        match spans.get_mut(&key) {
            Some((first, last)) => {
                if date < *first {
                    first.clone_from(&date);
                }
                if date > *last {
                    *last = date;
                }
            }
            None => {
                spans.insert(key, (date.clone(), date));
            }
        }
    }
    spans
}

/// At most this many values are listed before and after in one audit entry; an import of more says how many
/// it left out (the replaced values themselves stay in the corrections, the new ones in the values).
const AUDITED_VALUES: usize = 1000;

impl ValuePlan {
    /// The audit entry's details: the values replaced (before) and the values written (after), each as
    /// indicator, region, date and value; the subject is the indicator when the write touched only one.
    pub fn audit_detail(&self) -> super::audit::AuditDetail {
        fn listed<'a>(rows: impl Iterator<Item = (i64, &'a str, &'a str, f64)>) -> String {
            let mut listed = Vec::new();
            let mut left_out = 0usize;
            for (indicator, region, date, value) in rows {
                if listed.len() < AUDITED_VALUES {
                    listed.push(serde_json::json!({
                        "indicator": indicator, "region": region, "date": date, "value": value,
                    }));
                } else {
                    left_out += 1;
                }
            }
            serde_json::json!({ "values": listed, "not_listed": left_out }).to_string()
        }
        let written = || self.inserts.iter().chain(&self.updates);
        let mut indicators: Vec<i64> = written().map(|r| r.indicator_id).collect();
        indicators.sort_unstable();
        indicators.dedup();
        let subject = match indicators.as_slice() {
            [one] => format!("indicator:{one}"),
            _ => "indicators".to_owned(),
        };
        super::audit::AuditDetail {
            action: "values.record",
            subject,
            before: Some(listed(
                self.corrections
                    .iter()
                    .map(|r| (r.indicator_id, r.region.as_str(), r.on_date.as_str(), r.value)),
            )),
            after: Some(listed(
                written().map(|r| (r.indicator_id, r.region.as_str(), r.on_date.as_str(), r.value)),
            )),
        }
    }

    /// What the plan changes, for the change feed: per indicator and region the span of dates whose values
    /// were added or replaced, and per indicator the first correction added.
    pub fn feed_entries(&self) -> Vec<FeedEntry> {
        let mut spans: BTreeMap<(i64, &str), (&str, &str)> = BTreeMap::new();
        for row in self.inserts.iter().chain(&self.updates) {
            let span = spans
                .entry((row.indicator_id, row.region.as_str()))
                .or_insert((row.on_date.as_str(), row.on_date.as_str()));
            span.0 = span.0.min(row.on_date.as_str());
            span.1 = span.1.max(row.on_date.as_str());
        }
        let mut corrections: BTreeMap<i64, i64> = BTreeMap::new();
        for row in &self.corrections {
            let first = corrections.entry(row.indicator_id).or_insert(row.position);
            *first = (*first).min(row.position);
        }
        let values = spans
            .into_iter()
            .map(|((indicator, region), (from, to))| FeedEntry::Values {
                indicator,
                region: region.to_owned(),
                from: from.to_owned(),
                to: to.to_owned(),
            });
        let corrections = corrections
            .into_iter()
            .map(|(indicator, from_position)| FeedEntry::Corrections {
                indicator,
                from_position,
            });
        values.chain(corrections).collect()
    }
}

/// Stored values keyed by (indicator, region, date): value, provenance id and its source.
pub type Stored = HashMap<(i64, String, String), (f64, i64, String)>;

pub fn plan(
    values: &[NewValue],
    existing: &Stored,
    mut corrections_held: HashMap<i64, i64>,
    last_provenance: i64,
    origin: Option<String>,
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
                origin: origin.clone(),
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
            // A copy is next year's plan in preparation, whatever stage the year it came from reached.
            status: TargetStatus::Draft.as_str().to_owned(),
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
