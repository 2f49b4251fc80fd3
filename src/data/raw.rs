//! The data files exactly as written, with source positions kept for error messages.

use serde::Deserialize;
use toml::value::Datetime;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub fi: Spanned<String>,
    pub sv: Option<Spanned<String>>,
    pub en: Option<Spanned<String>>,
    /// The translations the city has reviewed, e.g. `["sv"]`; absent means none has been.
    #[serde(default)]
    pub reviewed: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StrategyFile {
    pub version: Spanned<String>,
    #[serde(default)]
    pub status: Option<Spanned<String>>,
    pub approved_on: Option<Spanned<Datetime>>,
    pub council_term: Spanned<String>,
    pub city: City,
    pub title: Text,
    pub tagline: Text,
    pub approved_by: Text,
    pub source: Text,
    pub vision: Text,
    pub council_goals_intro: Text,
    pub values: Vec<Value>,
    pub headline_goals: Vec<HeadlineGoal>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct City {
    pub slug: Spanned<String>,
    pub name: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Value {
    pub slug: Spanned<String>,
    pub name: Text,
    pub description: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadlineGoal {
    pub text: Text,
    #[serde(default)]
    pub goals: Vec<Spanned<u32>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammesFile {
    pub intro: Text,
    pub programmes: Vec<Programme>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    pub id: Spanned<u32>,
    pub slug: Spanned<String>,
    pub name: Text,
    pub description: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineFile {
    pub events: Vec<Event>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub slug: Spanned<String>,
    pub kind: Spanned<String>,
    pub starts_on: Option<Spanned<Datetime>>,
    pub ends_on: Option<Spanned<Datetime>>,
    pub title: Text,
    pub when: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaFile {
    pub id: Spanned<u32>,
    pub slug: Spanned<String>,
    pub name: Text,
    pub aim: Text,
    pub goals: Vec<Goal>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub id: Spanned<u32>,
    pub slug: Spanned<String>,
    pub title: Text,
    pub actions: Vec<Action>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: Spanned<u32>,
    pub title: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChapterFile {
    pub position: Spanned<u32>,
    pub slug: Spanned<String>,
    pub title: Text,
    pub body: Option<Text>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub slug: Spanned<String>,
    pub title: Text,
    pub body: Text,
}
