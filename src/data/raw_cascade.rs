//! The cascade's data files exactly as written (`cascade/…`), with source positions kept for error messages.

use serde::Deserialize;
use toml::value::Datetime;
use toml::Spanned;

use super::raw::Text;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CascadeFile {
    /// When the files were compiled: the entry time of the values they hold, so loading is reproducible.
    pub recorded_at: Spanned<Datetime>,
    pub organisations: Vec<Organisation>,
    pub regions: Vec<Region>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub slug: Spanned<String>,
    pub kind: Spanned<String>,
    pub parent: Option<Spanned<String>>,
    pub valid_from: Option<Spanned<Datetime>>,
    pub valid_to: Option<Spanned<Datetime>>,
    pub name: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub slug: Spanned<String>,
    pub kind: Spanned<String>,
    pub name: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorFile {
    pub id: Spanned<u32>,
    pub slug: Spanned<String>,
    pub name: Text,
    pub definition: Text,
    pub unit: Text,
    pub decimals: Spanned<u8>,
    pub direction: Spanned<String>,
    pub band: Option<Spanned<Vec<f64>>>,
    pub frequency: Spanned<String>,
    pub source: Text,
    /// Absent while the publisher has stated no licence.
    pub licence: Option<Spanned<String>>,
    pub regions: Vec<Spanned<String>>,
    #[serde(default)]
    pub goals: Vec<Spanned<u32>>,
    pub baseline: Option<Reference>,
    pub target: Option<Reference>,
    #[serde(default)]
    pub milestones: Vec<Reference>,
    #[serde(default)]
    pub projections: Vec<Reference>,
    #[serde(default)]
    pub values: Vec<Value>,
    /// Where the values are published, for `tarina sync`.
    pub connector: Option<Spanned<crate::domain::connector::ConnectorSettings>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub date: Spanned<Datetime>,
    pub value: Spanned<f64>,
    pub basis: Text,
    #[serde(default)]
    pub example: bool,
    #[serde(default)]
    pub approximate: bool,
    #[serde(default)]
    pub date_assumed: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Value {
    pub region: Spanned<String>,
    pub date: Spanned<Datetime>,
    pub value: Spanned<f64>,
    pub source: Text,
    #[serde(default)]
    pub example: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetsFile {
    pub year: Spanned<i32>,
    /// Where the year's targets stand (`draft`, `proposed`, `approved`); a data file describes an approved
    /// budget unless it says otherwise.
    pub status: Option<Spanned<String>>,
    pub targets: Vec<Target>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub id: Spanned<u32>,
    pub organisation: Spanned<String>,
    pub responsible: Option<Spanned<String>>,
    #[serde(default)]
    pub binding: bool,
    #[serde(default)]
    pub example: bool,
    pub goals: Vec<Spanned<u32>>,
    #[serde(default)]
    pub indicators: Vec<Spanned<u32>>,
    pub title: Text,
    pub assessment: Option<Assessment>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub grade: Spanned<String>,
    pub justification: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionsFile {
    pub progress: Vec<Progress>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub action: Spanned<u32>,
    pub state: Spanned<String>,
    pub percent: Option<Spanned<u8>>,
    pub as_of: Spanned<Datetime>,
    #[serde(default)]
    pub example: bool,
    pub note: Option<Text>,
}
