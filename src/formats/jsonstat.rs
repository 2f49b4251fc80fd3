//! JSON-stat 2.0 dataset writer (<https://json-stat.org/format/>).
//!
//! One indicator becomes one dataset with two dimensions, `region` (role `geo`) and `time` (role `time`), in
//! that order, so `value` is in row-major order: all times of the first region, then all times of the second,
//! and so on (the last dimension varies fastest, as the format requires).
//!
//! Category order is given by the numbers in each `category.index` object (the object form the format allows
//! and Statistics Finland's PxWeb API uses), so the document stays correct whether or not the JSON object keys
//! keep their insertion order.
//!
//! JSON-stat attaches units to the categories of a `metric` dimension. A dataset of a single indicator has no
//! such dimension, so the unit goes into the dataset's `extension` as `{"unit": {"label": …, "decimals": …}}`
//! instead, shaped like a JSON-stat unit object.

use std::collections::HashSet;
use std::hash::Hash;

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Utc};
use serde_json::{Map, Value};

/// The id of the region dimension in `id`, `role.geo` and `dimension`.
pub const REGION_ID: &str = "region";
/// The id of the time dimension in `id`, `role.time` and `dimension`.
pub const TIME_ID: &str = "time";

/// The value of one cell: `(region index, time index) -> value`, indices into [`Dataset::regions`] and
/// [`Dataset::times`]. `None` (or a value that is not finite) becomes JSON `null`.
pub type ValueFn<'a> = Box<dyn Fn(usize, usize) -> Option<f64> + 'a>;

/// One indicator's values by region and time, with everything needed to label them.
pub struct Dataset<'a> {
    /// The indicator's name in the requested language.
    pub label: &'a str,
    /// Where the figures come from.
    pub source: &'a str,
    /// When the figures were last updated; written as ISO 8601 in UTC (`2026-04-01T05:00:00Z`).
    pub updated: Option<DateTime<Utc>>,
    /// The unit's label, e.g. `"%"`; left out of the unit object when empty.
    pub unit_label: &'a str,
    /// How many decimals the figures are meant to be shown with.
    pub decimals: u8,
    /// `(code or slug, label)` in display order. Codes should be distinct; a repeated code is dropped with its
    /// values (a JSON object cannot hold the same key twice), so the document stays valid.
    pub regions: Vec<(&'a str, &'a str)>,
    /// Sorted distinct dates. A repeated date is dropped with its values, as for regions.
    pub times: Vec<NaiveDate>,
    /// The value at (region index, time index). See [`row_major`] to build it from a flat vector.
    pub value: ValueFn<'a>,
    /// Dataset notes, e.g. "Example values, not official statistics"; `note` is left out when empty.
    pub notes: Vec<&'a str>,
    /// The label of the region dimension in the requested language.
    pub region_dimension_label: &'a str,
    /// The label of the time dimension in the requested language.
    pub time_dimension_label: &'a str,
    /// More members for the dataset's `extension` object. An object's members are added to the generated one
    /// (and win over its `unit`); any other non-null value is put under the key `"value"`.
    pub extension: Option<Value>,
}

/// A [`ValueFn`] over a flat vector in row-major region × time order: the value at `(r, t)` is
/// `values[r * times + t]`. Indices past the end read as `None`.
pub fn row_major(values: &[Option<f64>], times: usize) -> ValueFn<'_> {
    Box::new(move |r, t| {
        if t >= times {
            return None;
        }
        r.checked_mul(times)
            .and_then(|i| i.checked_add(t))
            .and_then(|i| values.get(i).copied().flatten())
    })
}

/// The id of a time category: the ISO 8601 date, e.g. `2017-12-31`.
pub fn time_id(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The label of a time category: the year alone when the date is the 31st of December (the figure is for the
/// whole year, as statistics usually are), the ISO date otherwise.
pub fn time_label(date: NaiveDate) -> String {
    if date.month() == 12 && date.day() == 31 {
        date.year().to_string()
    } else {
        time_id(date)
    }
}

/// Writes the dataset as a JSON-stat 2.0 document.
///
/// Members, in this order: `version`, `class`, `label`, `source`, `updated` (when known), `note` (when there are
/// notes), `id`, `size`, `role`, `dimension`, `value`, `extension`. The `extension` always carries `unit`.
pub fn to_json(dataset: &Dataset) -> Value {
    // First occurrences only, so that every index object has exactly `size` distinct keys.
    let regions = first_occurrences(dataset.regions.iter().map(|(code, _)| *code));
    let times = first_occurrences(dataset.times.iter().copied());

    let region_category = category(regions.iter().map(|&r| {
        let (code, label) = dataset.regions[r];
        (code.to_owned(), label.to_owned())
    }));
    let time_category = category(times.iter().map(|&t| {
        let date = dataset.times[t];
        (time_id(date), time_label(date))
    }));

    let mut values = Vec::with_capacity(regions.len() * times.len());
    for &r in &regions {
        for &t in &times {
            let value = (dataset.value)(r, t).filter(|v| v.is_finite());
            values.push(value.map_or(Value::Null, Value::from));
        }
    }

    let mut doc = Map::new();
    doc.insert("version".into(), "2.0".into());
    doc.insert("class".into(), "dataset".into());
    doc.insert("label".into(), dataset.label.into());
    doc.insert("source".into(), dataset.source.into());
    if let Some(updated) = dataset.updated {
        doc.insert(
            "updated".into(),
            updated.to_rfc3339_opts(SecondsFormat::Secs, true).into(),
        );
    }
    if !dataset.notes.is_empty() {
        doc.insert("note".into(), dataset.notes.iter().map(|n| Value::from(*n)).collect());
    }
    doc.insert("id".into(), Value::Array(vec![REGION_ID.into(), TIME_ID.into()]));
    doc.insert(
        "size".into(),
        Value::Array(vec![regions.len().into(), times.len().into()]),
    );

    let mut role = Map::new();
    role.insert("geo".into(), Value::Array(vec![REGION_ID.into()]));
    role.insert("time".into(), Value::Array(vec![TIME_ID.into()]));
    doc.insert("role".into(), role.into());

    let mut dimension = Map::new();
    dimension.insert(
        REGION_ID.into(),
        dimension_object(dataset.region_dimension_label, region_category),
    );
    dimension.insert(
        TIME_ID.into(),
        dimension_object(dataset.time_dimension_label, time_category),
    );
    doc.insert("dimension".into(), dimension.into());
    doc.insert("value".into(), Value::Array(values));
    doc.insert("extension".into(), extension(dataset).into());
    Value::Object(doc)
}

/// Indices of the first occurrence of each distinct key, in order.
fn first_occurrences<K: Hash + Eq>(keys: impl Iterator<Item = K>) -> Vec<usize> {
    let mut seen = HashSet::new();
    keys.enumerate()
        .filter_map(|(i, key)| seen.insert(key).then_some(i))
        .collect()
}

/// `{"index": {id: position, …}, "label": {id: label, …}}` from `(id, label)` pairs in order.
fn category(entries: impl Iterator<Item = (String, String)>) -> Value {
    let mut index = Map::new();
    let mut label = Map::new();
    for (position, (id, text)) in entries.enumerate() {
        index.insert(id.clone(), position.into());
        label.insert(id, text.into());
    }
    let mut category = Map::new();
    category.insert("index".into(), index.into());
    category.insert("label".into(), label.into());
    category.into()
}

fn dimension_object(label: &str, category: Value) -> Value {
    let mut dimension = Map::new();
    dimension.insert("label".into(), label.into());
    dimension.insert("category".into(), category);
    dimension.into()
}

fn extension(dataset: &Dataset) -> Map<String, Value> {
    let mut unit = Map::new();
    if !dataset.unit_label.is_empty() {
        unit.insert("label".into(), dataset.unit_label.into());
    }
    unit.insert("decimals".into(), dataset.decimals.into());
    let mut extension = Map::new();
    extension.insert("unit".into(), unit.into());
    match &dataset.extension {
        None | Some(Value::Null) => {}
        Some(Value::Object(more)) => extension.extend(more.iter().map(|(k, v)| (k.clone(), v.clone()))),
        Some(other) => {
            extension.insert("value".into(), other.clone());
        }
    }
    extension
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn two_by_three(values: &[Option<f64>]) -> Dataset<'_> {
        Dataset {
            label: "Työllisyysaste",
            source: "Tilastokeskus",
            updated: Some(Utc.with_ymd_and_hms(2026, 4, 1, 5, 0, 0).unwrap()),
            unit_label: "%",
            decimals: 1,
            regions: vec![("espoo", "Espoo"), ("helsinki", "Helsinki")],
            times: vec![date(2017, 12, 31), date(2018, 12, 31), date(2019, 6, 30)],
            value: row_major(values, 3),
            notes: vec!["Esimerkkiarvoja, ei virallista tilastoa"],
            region_dimension_label: "Alue",
            time_dimension_label: "Aika",
            extension: Some(json!({"indicator": "tyollisyysaste"})),
        }
    }

    #[test]
    fn two_by_three_matches_a_hand_written_document() {
        let values = [Some(72.5), None, Some(74.0), Some(70.1), Some(71.0), None];
        let written = serde_json::to_string(&to_json(&two_by_three(&values))).unwrap();
        let parsed: Value = serde_json::from_str(&written).unwrap();
        let expected = json!({
            "version": "2.0",
            "class": "dataset",
            "label": "Työllisyysaste",
            "source": "Tilastokeskus",
            "updated": "2026-04-01T05:00:00Z",
            "note": ["Esimerkkiarvoja, ei virallista tilastoa"],
            "id": ["region", "time"],
            "size": [2, 3],
            "role": {"geo": ["region"], "time": ["time"]},
            "dimension": {
                "region": {
                    "label": "Alue",
                    "category": {
                        "index": {"espoo": 0, "helsinki": 1},
                        "label": {"espoo": "Espoo", "helsinki": "Helsinki"}
                    }
                },
                "time": {
                    "label": "Aika",
                    "category": {
                        "index": {"2017-12-31": 0, "2018-12-31": 1, "2019-06-30": 2},
                        "label": {"2017-12-31": "2017", "2018-12-31": "2018", "2019-06-30": "2019-06-30"}
                    }
                }
            },
            "value": [72.5, null, 74.0, 70.1, 71.0, null],
            "extension": {"unit": {"label": "%", "decimals": 1}, "indicator": "tyollisyysaste"}
        });
        assert_eq!(parsed, expected);
    }

    #[test]
    fn size_product_equals_value_length_and_indices_are_positions() {
        let values: Vec<Option<f64>> = (0..12).map(|i| Some(f64::from(i))).collect();
        let regions: Vec<(String, String)> = (0..4).map(|i| (format!("r{i}"), format!("Region {i}"))).collect();
        let dataset = Dataset {
            regions: regions.iter().map(|(c, l)| (c.as_str(), l.as_str())).collect(),
            value: row_major(&values, 3),
            ..two_by_three(&[])
        };
        let doc = to_json(&dataset);
        let size: Vec<u64> = doc["size"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        assert_eq!(size, [4, 3]);
        assert_eq!(
            doc["value"].as_array().unwrap().len() as u64,
            size.iter().product::<u64>()
        );
        for i in 0..4 {
            assert_eq!(
                doc["dimension"]["region"]["category"]["index"][format!("r{i}")],
                json!(i)
            );
        }
        // Last dimension fastest: (region 2, time 1) is at 2 * 3 + 1.
        assert_eq!(doc["value"][7], json!(7.0));
        assert_eq!(doc["dimension"]["time"]["category"]["index"]["2019-06-30"], json!(2));
    }

    #[test]
    fn missing_and_non_finite_values_are_null() {
        let values = [None, Some(f64::NAN), Some(f64::INFINITY), Some(-0.5), None, Some(0.0)];
        let doc = to_json(&two_by_three(&values));
        assert_eq!(doc["value"], json!([null, null, null, -0.5, null, 0.0]));
        // A short vector reads as missing values rather than failing.
        let doc = to_json(&two_by_three(&[Some(1.0)]));
        assert_eq!(doc["value"], json!([1.0, null, null, null, null, null]));
    }

    #[test]
    fn empty_dataset_is_valid() {
        let dataset = Dataset {
            regions: Vec::new(),
            ..two_by_three(&[])
        };
        let doc = to_json(&dataset);
        assert_eq!(doc["size"], json!([0, 3]));
        assert_eq!(doc["value"], json!([]));
        assert_eq!(doc["dimension"]["region"]["category"]["index"], json!({}));
        assert_eq!(
            doc["dimension"]["time"]["category"]["index"].as_object().unwrap().len(),
            3
        );
    }

    #[test]
    fn optional_members_are_left_out() {
        let dataset = Dataset {
            updated: None,
            notes: Vec::new(),
            extension: None,
            unit_label: "",
            decimals: 0,
            ..two_by_three(&[])
        };
        let doc = to_json(&dataset);
        let object = doc.as_object().unwrap();
        assert!(!object.contains_key("updated"));
        assert!(!object.contains_key("note"));
        assert_eq!(doc["extension"], json!({"unit": {"decimals": 0}}));
    }

    #[test]
    fn other_extension_values_are_kept() {
        let dataset = Dataset {
            extension: Some(json!([1, 2])),
            ..two_by_three(&[])
        };
        assert_eq!(to_json(&dataset)["extension"]["value"], json!([1, 2]));
        let dataset = Dataset {
            extension: Some(json!({"unit": {"label": "kpl"}})),
            ..two_by_three(&[])
        };
        assert_eq!(to_json(&dataset)["extension"]["unit"], json!({"label": "kpl"}));
    }

    #[test]
    fn repeated_codes_are_dropped_with_their_values() {
        let values = [
            Some(1.0),
            Some(2.0),
            Some(3.0),
            Some(4.0),
            Some(5.0),
            Some(6.0),
            Some(7.0),
            Some(8.0),
        ];
        let dataset = Dataset {
            regions: vec![("espoo", "Espoo"), ("espoo", "Esbo")],
            times: vec![date(2017, 12, 31), date(2017, 12, 31), date(2018, 12, 31)],
            value: row_major(&values, 3),
            ..two_by_three(&[])
        };
        let doc = to_json(&dataset);
        assert_eq!(doc["size"], json!([1, 2]));
        assert_eq!(doc["value"], json!([1.0, 3.0]));
        assert_eq!(
            doc["dimension"]["region"]["category"]["label"],
            json!({"espoo": "Espoo"})
        );
    }

    #[test]
    fn time_labels_are_years_for_year_ends() {
        assert_eq!(time_label(date(2017, 12, 31)), "2017");
        assert_eq!(time_label(date(2017, 12, 30)), "2017-12-30");
        assert_eq!(time_id(date(987, 1, 2)), "0987-01-02");
    }
}
