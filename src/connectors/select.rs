//! Which cells of a statistical table an indicator takes: the connector's settings matched against the
//! dimensions the answer declares. Everything that could make a value mean something else (a dimension
//! renamed, a category gone, a second measure, another unit) is refused here, before any value is read.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::period::period_end;
use crate::domain::connector::ConnectorSettings;

/// A dimension as the answer declares it.
#[derive(Debug, Clone, Default)]
pub struct Dimension {
    pub id: String,
    pub label: Option<String>,
    /// Category codes in the table's order.
    pub codes: Vec<String>,
    /// The unit of a category (a measure), when the source states one.
    pub units: HashMap<String, Unit>,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
pub struct Unit {
    #[serde(default)]
    pub base: Option<String>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub decimals: Option<u32>,
}

impl Dimension {
    fn is_named(&self, name: &str) -> bool {
        self.id == name || self.label.as_deref() == Some(name)
    }

    fn shown(&self) -> String {
        match &self.label {
            Some(label) if *label != self.id => format!("{} ({label})", self.id),
            _ => self.id.clone(),
        }
    }
}

/// The dimensions of an answer with the roles the source gives them.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub dimensions: Vec<Dimension>,
    /// The ids `role.time` names (JSON-stat) or the time column (PxWeb).
    pub time_roles: Vec<String>,
    pub metric_roles: Vec<String>,
}

#[derive(Debug, Clone)]
enum Axis {
    /// Category index → index into `regions`, for the codes the settings map.
    Region(Vec<Option<u32>>),
    /// Category index → index into `dates`.
    Time(Vec<u32>),
    /// Only this category is taken.
    Fixed(usize),
}

/// Picks the cells an indicator takes, by their coordinates.
#[derive(Debug, Clone)]
pub struct Selector {
    axes: Vec<Axis>,
    sizes: Vec<usize>,
    /// Row-major: the last dimension changes fastest, as JSON-stat orders its values.
    strides: Vec<usize>,
    pub regions: Vec<String>,
    pub dates: Vec<NaiveDate>,
    /// How many cells the table has.
    pub cells: usize,
}

impl Selector {
    /// Matches the settings to the layout; `decimals` are the indicator's, which the source's must not exceed.
    pub fn new(layout: &Layout, settings: &ConnectorSettings, decimals: u8) -> Result<Selector, String> {
        let dims = &layout.dimensions;
        let listed = || dims.iter().map(Dimension::shown).collect::<Vec<_>>().join(", ");
        let find = |name: &str, what: &str| {
            dims.iter().position(|d| d.is_named(name)).ok_or_else(|| {
                format!(
                    "the answer has no {what} dimension {name:?}; its dimensions are {}",
                    listed()
                )
            })
        };
        let region_at = find(&settings.region.dimension, "region")?;
        let time_at = match &settings.time {
            Some(name) => find(name, "time")?,
            None => dims
                .iter()
                .position(|d| layout.time_roles.contains(&d.id))
                .ok_or_else(|| {
                    format!(
                        "the answer names no time dimension; name one with `time` among {}",
                        listed()
                    )
                })?,
        };
        if time_at == region_at {
            return Err(format!(
                "{} cannot be both the region and the time",
                dims[time_at].shown()
            ));
        }
        let mut fixed: HashMap<usize, usize> = HashMap::new();
        for (name, code) in &settings.select {
            let at = find(name, "selected")?;
            fixed.insert(at, category(&dims[at], code)?);
        }
        if let Some(measure) = &settings.value {
            let mut holders: Vec<usize> = (0..dims.len())
                .filter(|&d| d != region_at && d != time_at && dims[d].codes.contains(measure))
                .collect();
            holders.sort_by_key(|&d| !layout.metric_roles.contains(&dims[d].id));
            let at = *holders.first().ok_or_else(|| {
                format!(
                    "no dimension of the answer has the measure {measure:?}; its dimensions are {}",
                    listed()
                )
            })?;
            fixed.insert(at, category(&dims[at], measure)?);
        }
        let mut regions: Vec<String> = Vec::new();
        let region_axis: Vec<Option<u32>> = dims[region_at]
            .codes
            .iter()
            .map(|code| {
                settings.region.map.get(code).map(|slug| {
                    let at = regions.iter().position(|r| r == slug).unwrap_or_else(|| {
                        regions.push(slug.clone());
                        regions.len() - 1
                    });
                    at as u32
                })
            })
            .collect();
        if regions.is_empty() {
            let wanted: Vec<&str> = settings.region.map.keys().map(String::as_str).collect();
            return Err(format!(
                "none of the region codes {} is in the answer's dimension {}",
                wanted.join(", "),
                dims[region_at].shown()
            ));
        }
        let mut dates = Vec::new();
        for code in &dims[time_at].codes {
            dates.push(period_end(code).ok_or_else(|| {
                format!(
                    "the time code {code:?} of {} is not a year, quarter (2017Q1), month (2017M03) or date",
                    dims[time_at].shown()
                )
            })?);
        }
        let mut axes = Vec::with_capacity(dims.len());
        for (at, dim) in dims.iter().enumerate() {
            axes.push(if at == region_at {
                Axis::Region(region_axis.clone())
            } else if at == time_at {
                Axis::Time((0..dim.codes.len() as u32).collect())
            } else if let Some(&index) = fixed.get(&at) {
                Axis::Fixed(index)
            } else if dim.codes.len() == 1 {
                Axis::Fixed(0)
            } else {
                return Err(format!(
                    "the dimension {} has {} categories; choose one with `select` (or `value` for the measure)",
                    dim.shown(),
                    dim.codes.len()
                ));
            });
        }
        for (at, axis) in axes.iter().enumerate() {
            if let Axis::Fixed(index) = axis {
                check_unit(&dims[at], &dims[at].codes[*index], settings, decimals)?;
            }
        }
        let sizes: Vec<usize> = dims.iter().map(|d| d.codes.len()).collect();
        let mut strides = vec![1usize; sizes.len()];
        for at in (0..sizes.len().saturating_sub(1)).rev() {
            strides[at] = strides[at + 1].saturating_mul(sizes[at + 1]);
        }
        let cells = sizes
            .iter()
            .try_fold(1usize, |n, s| n.checked_mul(*s))
            .ok_or("the table's size overflows")?;
        Ok(Selector {
            axes,
            sizes,
            strides,
            regions,
            dates,
            cells,
        })
    }

    /// The region and date of the cell at row-major position `flat`, when the indicator takes it.
    pub fn locate(&self, flat: usize) -> Option<(u32, u32)> {
        self.pick(|at| (flat / self.strides[at]) % self.sizes[at])
    }

    /// The same by the cell's category index in each dimension.
    pub fn locate_coords(&self, coords: &[usize]) -> Option<(u32, u32)> {
        self.pick(|at| coords[at])
    }

    fn pick(&self, coordinate: impl Fn(usize) -> usize) -> Option<(u32, u32)> {
        let (mut region, mut time) = (None, None);
        for (at, axis) in self.axes.iter().enumerate() {
            let c = coordinate(at);
            match axis {
                Axis::Fixed(index) if *index != c => return None,
                Axis::Fixed(_) => {}
                Axis::Region(map) => region = Some((*map.get(c)?)?),
                Axis::Time(map) => time = Some(*map.get(c)?),
            }
        }
        Some((region?, time?))
    }
}

fn category(dim: &Dimension, code: &str) -> Result<usize, String> {
    dim.codes.iter().position(|c| c == code).ok_or_else(|| {
        let shown: Vec<&str> = dim.codes.iter().take(20).map(String::as_str).collect();
        format!(
            "the dimension {} has no category {code:?}; it has {}",
            dim.shown(),
            shown.join(", ")
        )
    })
}

fn check_unit(dim: &Dimension, code: &str, settings: &ConnectorSettings, decimals: u8) -> Result<(), String> {
    let Some(unit) = dim.units.get(code) else {
        return Ok(());
    };
    if let Some(expected) = &settings.unit {
        let stated = [&unit.base, &unit.label];
        if !stated.iter().any(|s| s.as_deref() == Some(expected.as_str())) {
            let shown = unit.base.as_deref().or(unit.label.as_deref()).unwrap_or("none");
            return Err(format!(
                "the source states the unit {shown:?} for {code:?}; the connector expects {expected:?}"
            ));
        }
    }
    match unit.decimals {
        Some(given) if given > u32::from(decimals) => Err(format!(
            "the source gives {code:?} with {given} decimals; the indicator shows {decimals}"
        )),
        _ => Ok(()),
    }
}
