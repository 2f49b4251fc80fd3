//! PxWeb API v1: the query a connector sends, and the older `json` answer (columns and rows of strings) for
//! servers that answer in it. The JSON-stat 2.0 answer, which Tarina asks for, is read by [`super::jsonstat`].

use std::collections::HashMap;

use serde::Deserialize;

use super::select::{Dimension, Layout, Selector};
use super::{Extracted, Observation, MISSING_SYMBOLS};
use crate::domain::connector::{ConnectorSettings, Selection};

/// The body POSTed to a PxWeb v1 table: each dimension's selection, asking for JSON-stat 2.0.
pub fn query_body(settings: &ConnectorSettings) -> serde_json::Value {
    let query: Vec<serde_json::Value> = settings
        .query
        .iter()
        .map(|(code, selection)| {
            let (filter, values) = match selection {
                Selection::Items(values) => ("item", values),
                Selection::Filter { filter, values } => (filter.as_str(), values),
            };
            serde_json::json!({ "code": code, "selection": { "filter": filter, "values": values } })
        })
        .collect();
    serde_json::json!({ "query": query, "response": { "format": "json-stat2" } })
}

#[derive(Deserialize)]
struct Answer {
    columns: Vec<Column>,
    data: Vec<Row>,
    #[serde(default)]
    metadata: Vec<Metadata>,
}

#[derive(Deserialize)]
struct Column {
    code: String,
    text: Option<String>,
    /// `d` a dimension, `t` time, `c` a measure.
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    unit: Option<String>,
}

#[derive(Deserialize)]
struct Row {
    key: Vec<String>,
    values: Vec<String>,
}

#[derive(Deserialize)]
struct Metadata {
    #[serde(default)]
    updated: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

/// Whether a PxWeb answer is the `json` form rather than JSON-stat.
pub fn is_columns_answer(bytes: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Probe {
        columns: Option<serde::de::IgnoredAny>,
    }
    serde_json::from_slice::<Probe>(bytes).is_ok_and(|p| p.columns.is_some())
}

/// Reads a `json` answer and takes the cells `settings` select.
pub fn read_columns(bytes: &[u8], settings: &ConnectorSettings, decimals: u8) -> Result<Extracted, String> {
    let answer: Answer = serde_json::from_slice(bytes).map_err(|e| format!("not a PxWeb json answer: {e}"))?;
    let keys: Vec<&Column> = answer.columns.iter().filter(|c| c.kind != "c").collect();
    let measures: Vec<&Column> = answer.columns.iter().filter(|c| c.kind == "c").collect();
    let measure = match (&settings.value, measures.as_slice()) {
        (Some(code), _) => measures
            .iter()
            .position(|c| &c.code == code)
            .ok_or_else(|| format!("the answer has no measure column {code:?}"))?,
        (None, [_]) => 0,
        (None, _) => {
            return Err(format!(
                "the answer has {} measure columns; name one with `value`",
                measures.len()
            ))
        }
    };
    let mut dimensions: Vec<Dimension> = keys
        .iter()
        .map(|c| Dimension {
            id: c.code.clone(),
            label: c.text.clone(),
            ..Dimension::default()
        })
        .collect();
    let mut positions: Vec<HashMap<&str, usize>> = vec![HashMap::new(); keys.len()];
    let mut coords = Vec::with_capacity(answer.data.len());
    for (n, row) in answer.data.iter().enumerate() {
        if row.key.len() != keys.len() || row.values.len() != measures.len() {
            return Err(format!(
                "row {} does not have one key per dimension and one value per measure",
                n + 1
            ));
        }
        let mut at = Vec::with_capacity(keys.len());
        for (d, code) in row.key.iter().enumerate() {
            let next = positions[d].len();
            let index = *positions[d].entry(code.as_str()).or_insert_with(|| {
                dimensions[d].codes.push(code.clone());
                next
            });
            at.push(index);
        }
        coords.push(at);
    }
    let layout = Layout {
        dimensions,
        time_roles: keys.iter().filter(|c| c.kind == "t").map(|c| c.code.clone()).collect(),
        metric_roles: Vec::new(),
    };
    if let (Some(expected), Some(stated)) = (&settings.unit, &measures[measure].unit) {
        if expected != stated {
            return Err(format!(
                "the source states the unit {stated:?}; the connector expects {expected:?}"
            ));
        }
    }
    let selector = Selector::new(&layout, settings, decimals)?;
    let metadata = answer.metadata.first();
    let mut extracted = Extracted {
        source: metadata.and_then(|m| m.source.clone()),
        updated: metadata.and_then(|m| m.updated.clone()),
        ..Extracted::default()
    };
    for (row, at) in answer.data.iter().zip(&coords) {
        let Some((region, time)) = selector.locate_coords(at) else {
            continue;
        };
        let text = row.values[measure].trim();
        match text.parse::<f64>() {
            Ok(value) if value.is_finite() && !MISSING_SYMBOLS.contains(&text) => {
                extracted.observations.push(Observation {
                    region: selector.regions[region as usize].clone(),
                    date: selector.dates[time as usize],
                    value,
                })
            }
            _ => extracted.missing += 1,
        }
    }
    Ok(extracted)
}
