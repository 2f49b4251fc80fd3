//! Reading a JSON-stat 2.0 dataset as it streams in, keeping only the cells an indicator takes: a table of
//! ten million cells costs the memory of the few it keeps. The `value` array is visited cell by cell; when a
//! source sends `value` before `id`, `size` and `dimension` (JSON objects are unordered), the numbers are
//! held compactly until the layout is known.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::select::{Dimension, Layout, Selector, Unit};
use super::{Extracted, Observation, MISSING_SYMBOLS};
use crate::domain::connector::ConnectorSettings;

/// Reads a dataset from `reader` and takes the cells `settings` select.
pub fn read(reader: impl Read, settings: &ConnectorSettings, decimals: u8) -> Result<Extracted, String> {
    let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 16, reader));
    let dataset = DatasetSeed { settings, decimals }
        .deserialize(&mut de)
        .map_err(|e| format!("not a JSON-stat 2.0 dataset: {e}"))?;
    de.end().map_err(|e| format!("not a JSON-stat 2.0 dataset: {e}"))?;
    dataset.finish()
}

const LACKS_LAYOUT: &str = "not a JSON-stat 2.0 dataset: it lacks id, size or dimension";

struct DatasetSeed<'a> {
    settings: &'a ConnectorSettings,
    decimals: u8,
}

#[derive(Default)]
struct Dataset {
    class: Option<String>,
    source: Option<String>,
    updated: Option<String>,
    id: Option<Vec<String>>,
    size: Option<Vec<usize>>,
    dimension: Option<HashMap<String, RawDimension>>,
    role: Option<Role>,
    values: Option<Values>,
    status: Status,
    /// Why the layout could not be matched while the values streamed past; reported after the parse.
    selector: Option<Result<Selector, String>>,
}

enum Values {
    /// Streamed against the selector: the kept cells by position, and how many cells there were.
    Kept {
        cells: Vec<(usize, Option<f64>)>,
        count: usize,
        sparse: bool,
    },
    /// Arrived before the layout: every cell.
    Held(Vec<Option<f64>>),
    HeldSparse(Vec<(usize, Option<f64>)>),
}

#[derive(Default, Deserialize)]
struct Role {
    #[serde(default)]
    time: Vec<String>,
    #[serde(default)]
    metric: Vec<String>,
}

#[derive(Deserialize)]
struct RawDimension {
    #[serde(default)]
    label: Option<String>,
    category: RawCategory,
}

#[derive(Deserialize)]
struct RawCategory {
    #[serde(default)]
    index: Option<Index>,
    #[serde(default)]
    label: Option<indexmap_lite::OrderedMap>,
    #[serde(default)]
    unit: Option<HashMap<String, Unit>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Index {
    Codes(Vec<String>),
    Positions(HashMap<String, usize>),
}

/// Status per cell: one for all, or by position. Only the kept cells' statuses matter.
#[derive(Default)]
enum Status {
    #[default]
    None,
    All(String),
    Each(HashMap<usize, String>),
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            One(String),
            List(Vec<Option<String>>),
            ByPosition(HashMap<String, Option<String>>),
        }
        Ok(match Raw::deserialize(d)? {
            Raw::One(s) => Status::All(s),
            Raw::List(list) if list.len() == 1 => list.into_iter().flatten().next().map_or(Status::None, Status::All),
            Raw::List(list) => Status::Each(
                list.into_iter()
                    .enumerate()
                    .filter_map(|(i, s)| Some((i, s?)))
                    .collect(),
            ),
            Raw::ByPosition(map) => {
                let mut each = HashMap::new();
                for (key, status) in map {
                    let at = key
                        .parse()
                        .map_err(|_| de::Error::custom(format!("status key {key:?} is not a position")))?;
                    if let Some(status) = status {
                        each.insert(at, status);
                    }
                }
                Status::Each(each)
            }
        })
    }
}

impl Status {
    fn of(&self, at: usize) -> Option<&str> {
        match self {
            Status::None => None,
            Status::All(s) => Some(s),
            Status::Each(map) => map.get(&at).map(String::as_str),
        }
    }
}

/// A category label map that keeps the document's order, which is the category order when `index` is
/// absent (a dimension of one category may give only its label).
mod indexmap_lite {
    use serde::de::{MapAccess, Visitor};

    pub struct OrderedMap(pub Vec<(String, String)>);

    impl<'de> serde::Deserialize<'de> for OrderedMap {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = OrderedMap;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("an object of category labels")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OrderedMap, A::Error> {
                    let mut entries = Vec::new();
                    while let Some(entry) = map.next_entry::<String, String>()? {
                        entries.push(entry);
                    }
                    Ok(OrderedMap(entries))
                }
            }
            d.deserialize_map(V)
        }
    }
}

/// One cell: a number, or missing (null, or a string such as `..` that is no number).
struct Cell(Option<f64>);

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Cell;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, null or a status symbol")
            }
            fn visit_f64<E>(self, v: f64) -> Result<Cell, E> {
                Ok(Cell(Some(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Cell, E> {
                Ok(Cell(Some(v as f64)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Cell, E> {
                Ok(Cell(Some(v as f64)))
            }
            fn visit_unit<E>(self) -> Result<Cell, E> {
                Ok(Cell(None))
            }
            fn visit_str<E>(self, v: &str) -> Result<Cell, E> {
                Ok(Cell(v.trim().parse::<f64>().ok().filter(|n| n.is_finite())))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> DeserializeSeed<'de> for DatasetSeed<'_> {
    type Value = Dataset;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Dataset, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DatasetSeed<'_> {
    type Value = Dataset;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON-stat 2.0 dataset object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Dataset, A::Error> {
        let mut ds = Dataset::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "class" => ds.class = Some(map.next_value()?),
                "source" => ds.source = map.next_value()?,
                "updated" => ds.updated = map.next_value()?,
                "id" => ds.id = Some(map.next_value()?),
                "size" => ds.size = Some(map.next_value()?),
                "dimension" => ds.dimension = Some(map.next_value()?),
                "role" => ds.role = Some(map.next_value()?),
                "status" => ds.status = map.next_value()?,
                "value" => {
                    // The roles may name the time dimension, so they must have arrived too, unless the
                    // settings name it.
                    let roles_known = ds.role.is_some() || self.settings.time.is_some();
                    if ds.selector.is_none() && roles_known && ds.layout_known() {
                        ds.selector = Some(
                            ds.layout()
                                .and_then(|l| Selector::new(&l, self.settings, self.decimals)),
                        );
                    }
                    ds.values = Some(match &ds.selector {
                        Some(Ok(selector)) => map.next_value_seed(KeptSeed(selector))?,
                        Some(Err(_)) => {
                            map.next_value::<IgnoredAny>()?;
                            Values::Kept {
                                cells: Vec::new(),
                                count: 0,
                                sparse: false,
                            }
                        }
                        None => map.next_value_seed(HeldSeed)?,
                    });
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if ds.selector.is_none() && ds.layout_known() {
            ds.selector = Some(
                ds.layout()
                    .and_then(|l| Selector::new(&l, self.settings, self.decimals)),
            );
        }
        Ok(ds)
    }
}

impl Dataset {
    fn layout_known(&self) -> bool {
        self.id.is_some() && self.size.is_some() && self.dimension.is_some()
    }

    fn layout(&self) -> Result<Layout, String> {
        let (Some(ids), Some(sizes), Some(dims)) = (&self.id, &self.size, &self.dimension) else {
            return Err(LACKS_LAYOUT.into());
        };
        if ids.len() != sizes.len() {
            return Err(format!(
                "the dataset names {} dimensions in id but {} sizes",
                ids.len(),
                sizes.len()
            ));
        }
        let mut dimensions = Vec::with_capacity(ids.len());
        for (id, &size) in ids.iter().zip(sizes) {
            let raw = dims
                .get(id)
                .ok_or_else(|| format!("the dimension {id:?} in id is not described"))?;
            let mut codes: Vec<String> = match (&raw.category.index, &raw.category.label) {
                (Some(Index::Codes(codes)), _) => codes.clone(),
                (Some(Index::Positions(positions)), _) => {
                    let mut codes = vec![String::new(); positions.len()];
                    for (code, &at) in positions {
                        *codes
                            .get_mut(at)
                            .ok_or_else(|| format!("{id:?}: the index position {at} is out of range"))? = code.clone();
                    }
                    codes
                }
                (None, Some(labels)) => labels.0.iter().map(|(code, _)| code.clone()).collect(),
                (None, None) => Vec::new(),
            };
            if codes.len() != size {
                return Err(format!(
                    "the dimension {id:?} has {} categories but its size is {size}",
                    codes.len()
                ));
            }
            codes.shrink_to_fit();
            dimensions.push(Dimension {
                id: id.clone(),
                label: raw.label.clone(),
                codes,
                units: raw.category.unit.clone().unwrap_or_default(),
            });
        }
        let role = self.role.as_ref();
        Ok(Layout {
            dimensions,
            time_roles: role.map(|r| r.time.clone()).unwrap_or_default(),
            metric_roles: role.map(|r| r.metric.clone()).unwrap_or_default(),
        })
    }

    fn finish(self) -> Result<Extracted, String> {
        if let Some(class) = &self.class {
            if class != "dataset" {
                return Err(format!("the answer is a JSON-stat {class:?}, not a dataset"));
            }
        }
        let selector = self.selector.as_ref().ok_or(LACKS_LAYOUT)?.as_ref()?;
        let values = self.values.as_ref().ok_or("the dataset has no value")?;
        let (kept, count, sparse): (Vec<(usize, Option<f64>)>, usize, bool) = match values {
            Values::Kept { cells, count, sparse } => (cells.clone(), *count, *sparse),
            Values::Held(all) => (
                all.iter()
                    .enumerate()
                    .filter(|(at, _)| selector.locate(*at).is_some())
                    .map(|(at, v)| (at, *v))
                    .collect(),
                all.len(),
                false,
            ),
            Values::HeldSparse(cells) => (
                cells
                    .iter()
                    .filter(|(at, _)| selector.locate(*at).is_some())
                    .copied()
                    .collect(),
                0,
                true,
            ),
        };
        if !sparse && count != selector.cells {
            return Err(format!(
                "the dataset is truncated or malformed: it has {count} values where its size makes {} cells",
                selector.cells
            ));
        }
        let mut extracted = Extracted {
            source: self.source.clone(),
            updated: self.updated.clone(),
            ..Extracted::default()
        };
        for (at, value) in kept {
            let Some((region, time)) = selector.locate(at) else {
                continue;
            };
            let status = self.status.of(at);
            match value {
                Some(value) if !status.is_some_and(|s| MISSING_SYMBOLS.contains(&s.trim())) => {
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
}

/// Streams `value` against a known layout, keeping only the selected cells.
struct KeptSeed<'a>(&'a Selector);

impl<'de> DeserializeSeed<'de> for KeptSeed<'_> {
    type Value = Values;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Values, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeptSeed<'_> {
    type Value = Values;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array or object of values")
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Values, S::Error> {
        let (mut cells, mut count) = (Vec::new(), 0usize);
        while let Some(Cell(value)) = seq.next_element()? {
            if self.0.locate(count).is_some() {
                cells.push((count, value));
            }
            count += 1;
        }
        Ok(Values::Kept {
            cells,
            count,
            sparse: false,
        })
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Values, M::Error> {
        let mut cells = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let Cell(value) = map.next_value()?;
            let at: usize = key
                .parse()
                .map_err(|_| de::Error::custom(format!("value key {key:?} is not a position")))?;
            if self.0.locate(at).is_some() {
                cells.push((at, value));
            }
        }
        Ok(Values::Kept {
            cells,
            count: 0,
            sparse: true,
        })
    }
}

/// Holds `value` that came before the layout.
struct HeldSeed;

impl<'de> DeserializeSeed<'de> for HeldSeed {
    type Value = Values;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Values, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for HeldSeed {
    type Value = Values;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array or object of values")
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Values, S::Error> {
        let mut all = Vec::new();
        while let Some(Cell(value)) = seq.next_element()? {
            all.push(value);
        }
        Ok(Values::Held(all))
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Values, M::Error> {
        let mut cells = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let Cell(value) = map.next_value()?;
            let at = key
                .parse()
                .map_err(|_| de::Error::custom(format!("value key {key:?} is not a position")))?;
            cells.push((at, value));
        }
        Ok(Values::HeldSparse(cells))
    }
}
