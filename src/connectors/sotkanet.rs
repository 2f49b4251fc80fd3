//! THL's Sotkanet REST API (`https://sotkanet.fi/rest/1.1/json?indicator=…&years=…&genders=…`): an array of
//! `{indicator, region, year, gender, value}` objects. Its dimensions are named `region` (Sotkanet's own
//! region id), `year` and `gender` (`total`, `male`, `female`).

use std::collections::HashMap;

use serde::Deserialize;

use super::select::{Dimension, Layout, Selector};
use super::{Extracted, Observation};
use crate::domain::connector::ConnectorSettings;

#[derive(Deserialize)]
struct Row {
    region: serde_json::Value,
    year: serde_json::Value,
    #[serde(default)]
    gender: Option<String>,
    #[serde(default)]
    value: Option<f64>,
}

fn code(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub fn read(bytes: &[u8], settings: &ConnectorSettings, decimals: u8) -> Result<Extracted, String> {
    let rows: Vec<Row> = serde_json::from_slice(bytes).map_err(|e| format!("not a Sotkanet answer: {e}"))?;
    let names = ["region", "year", "gender"];
    let mut dimensions: Vec<Dimension> = names
        .iter()
        .map(|id| Dimension {
            id: (*id).to_owned(),
            ..Dimension::default()
        })
        .collect();
    let mut positions: Vec<HashMap<String, usize>> = vec![HashMap::new(); names.len()];
    let mut coords = Vec::with_capacity(rows.len());
    for row in &rows {
        let codes = [
            code(&row.region),
            code(&row.year),
            row.gender.clone().unwrap_or_else(|| "total".into()),
        ];
        let at: Vec<usize> = codes
            .into_iter()
            .enumerate()
            .map(|(d, c)| {
                let next = positions[d].len();
                *positions[d].entry(c.clone()).or_insert_with(|| {
                    dimensions[d].codes.push(c);
                    next
                })
            })
            .collect();
        coords.push(at);
    }
    let layout = Layout {
        dimensions,
        time_roles: vec!["year".into()],
        metric_roles: Vec::new(),
    };
    let selector = Selector::new(&layout, settings, decimals)?;
    let mut extracted = Extracted::default();
    for (row, at) in rows.iter().zip(&coords) {
        let Some((region, time)) = selector.locate_coords(at) else {
            continue;
        };
        match row.value.filter(|v| v.is_finite()) {
            Some(value) => extracted.observations.push(Observation {
                region: selector.regions[region as usize].clone(),
                date: selector.dates[time as usize],
                value,
            }),
            None => extracted.missing += 1,
        }
    }
    Ok(extracted)
}
