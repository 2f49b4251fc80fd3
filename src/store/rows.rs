//! The strategy as flat table rows, shared by every backend: each backend only moves these rows in and
//! out of its tables, and the conversion to and from the domain model lives here once.

use std::collections::HashMap;

use anyhow::{anyhow, bail, Context as _};
use chrono::NaiveDate;

use crate::domain::*;

mod read;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct VersionRow {
    pub city_slug: String,
    pub label: String,
    pub status: String,
    pub approved_on: Option<String>,
    pub council_term: String,
    /// The decision record of a version approved through the workflow ([`crate::store::VersionWorkflow`]),
    /// kept in exports so moving an instance keeps it; absent for drafts and versions loaded from files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_ref: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lint_override_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct TextRow {
    pub owner_kind: String,
    pub owner_key: String,
    pub field: String,
    pub lang: String,
    pub body: String,
    pub reviewed: bool,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct AreaRow {
    pub id: i64,
    pub slug: String,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct GoalRow {
    pub id: i64,
    pub area_id: i64,
    pub slug: String,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct ActionRow {
    pub id: i64,
    pub goal_id: i64,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct ProgrammeRow {
    pub id: i64,
    pub slug: String,
    pub position: i64,
}

/// A row keyed by slug with a position: values and narrative chapters.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct SlugRow {
    pub slug: String,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct HeadlineLinkRow {
    pub headline_position: i64,
    pub goal_id: i64,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct SectionRow {
    pub chapter_slug: String,
    pub slug: String,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct EventRow {
    pub slug: String,
    pub position: i64,
    pub kind: String,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
}

/// One item's lineage ([`crate::domain::draft::structure::Lineage`]) as `item_lineage` stores it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, sqlx::FromRow)]
pub struct LineageRow {
    pub owner_kind: String,
    pub owner_key: String,
    pub relation: String,
    pub other_key: String,
}

/// Everything stored for one strategy version.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StrategyRows {
    pub version: VersionRow,
    pub texts: Vec<TextRow>,
    pub areas: Vec<AreaRow>,
    pub goals: Vec<GoalRow>,
    pub actions: Vec<ActionRow>,
    pub programmes: Vec<ProgrammeRow>,
    pub values: Vec<SlugRow>,
    /// Positions of the headline goals; their texts are in `texts`.
    pub headline_goals: Vec<i64>,
    pub headline_links: Vec<HeadlineLinkRow>,
    pub chapters: Vec<SlugRow>,
    pub sections: Vec<SectionRow>,
    pub events: Vec<EventRow>,
    /// Absent from exports made before structure editing, and from versions without splits or merges.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lineage: Vec<LineageRow>,
}

pub(super) fn position(index: usize) -> i64 {
    i64::try_from(index).unwrap_or(i64::MAX)
}

pub(super) fn push_text(texts: &mut Vec<TextRow>, kind: &str, key: &str, field: &str, text: &LocalizedText) {
    let mut push = |lang: Lang, body: &str, reviewed: bool| {
        texts.push(TextRow {
            owner_kind: kind.to_owned(),
            owner_key: key.to_owned(),
            field: field.to_owned(),
            lang: lang.code().to_owned(),
            body: body.to_owned(),
            reviewed,
        })
    };
    push(Lang::Fi, &text.fi, true);
    for lang in Lang::TRANSLATIONS {
        if let Some(t) = text.translation(lang) {
            push(lang, &t.text, t.reviewed);
        }
    }
}

impl StrategyRows {
    pub fn from_strategy(s: &Strategy) -> StrategyRows {
        let mut texts = Vec::new();
        let t = &mut texts;
        push_text(t, "city", "", "name", &s.city.name);
        for (field, text) in [
            ("approved_by", &s.approved_by),
            ("title", &s.title),
            ("tagline", &s.tagline),
            ("source", &s.source),
            ("vision", &s.vision),
            ("council_goals_intro", &s.council_goals_intro),
            ("programmes_intro", &s.programmes_intro),
        ] {
            push_text(t, "strategy", "", field, text);
        }
        for v in &s.values {
            push_text(t, "value", v.slug.as_str(), "name", &v.name);
            push_text(t, "value", v.slug.as_str(), "description", &v.description);
        }
        let mut headline_links = Vec::new();
        for (i, h) in s.headline_goals.iter().enumerate() {
            push_text(t, "headline", &i.to_string(), "text", &h.text);
            headline_links.extend(h.goals.iter().enumerate().map(|(j, g)| HeadlineLinkRow {
                headline_position: position(i),
                goal_id: i64::from(g.get()),
                position: position(j),
            }));
        }
        let (mut goals, mut actions) = (Vec::new(), Vec::new());
        for a in &s.areas {
            push_text(t, "area", &a.id.to_string(), "name", &a.name);
            push_text(t, "area", &a.id.to_string(), "aim", &a.aim);
            for (i, g) in a.goals.iter().enumerate() {
                push_text(t, "goal", &g.id.to_string(), "title", &g.title);
                goals.push(GoalRow {
                    id: i64::from(g.id.get()),
                    area_id: i64::from(a.id.get()),
                    slug: g.slug.to_string(),
                    position: position(i),
                });
                for (j, action) in g.actions.iter().enumerate() {
                    push_text(t, "action", &action.id.to_string(), "title", &action.title);
                    actions.push(ActionRow {
                        id: i64::from(action.id.get()),
                        goal_id: i64::from(g.id.get()),
                        position: position(j),
                    });
                }
            }
        }
        for p in &s.programmes {
            push_text(t, "programme", &p.id.to_string(), "name", &p.name);
            push_text(t, "programme", &p.id.to_string(), "description", &p.description);
        }
        let mut sections = Vec::new();
        for c in &s.narrative {
            push_text(t, "chapter", c.slug.as_str(), "title", &c.title);
            if let Some(body) = &c.body {
                push_text(t, "chapter", c.slug.as_str(), "body", body);
            }
            for (i, sec) in c.sections.iter().enumerate() {
                push_text(t, "section", sec.slug.as_str(), "title", &sec.title);
                push_text(t, "section", sec.slug.as_str(), "body", &sec.body);
                sections.push(SectionRow {
                    chapter_slug: c.slug.to_string(),
                    slug: sec.slug.to_string(),
                    position: position(i),
                });
            }
        }
        for e in &s.timeline {
            push_text(t, "event", e.slug.as_str(), "title", &e.title);
            push_text(t, "event", e.slug.as_str(), "when", &e.when);
        }
        StrategyRows {
            version: VersionRow {
                city_slug: s.city.slug.to_string(),
                label: s.version.clone(),
                status: s.status.as_str().to_owned(),
                approved_on: s.approved_on.map(|d| d.to_string()),
                council_term: s.council_term.clone(),
                minutes_ref: None,
                lint_override_reason: None,
            },
            texts,
            areas: s
                .areas
                .iter()
                .enumerate()
                .map(|(i, a)| AreaRow {
                    id: i64::from(a.id.get()),
                    slug: a.slug.to_string(),
                    position: position(i),
                })
                .collect(),
            goals,
            actions,
            programmes: s
                .programmes
                .iter()
                .enumerate()
                .map(|(i, p)| ProgrammeRow {
                    id: i64::from(p.id.get()),
                    slug: p.slug.to_string(),
                    position: position(i),
                })
                .collect(),
            values: slug_rows(s.values.iter().map(|v| &v.slug)),
            headline_goals: (0..s.headline_goals.len()).map(position).collect(),
            headline_links,
            chapters: slug_rows(s.narrative.iter().map(|c| &c.slug)),
            sections,
            events: s
                .timeline
                .iter()
                .enumerate()
                .map(|(i, e)| EventRow {
                    slug: e.slug.to_string(),
                    position: position(i),
                    kind: e.kind.as_str().to_owned(),
                    starts_on: e.starts_on.map(|d| d.to_string()),
                    ends_on: e.ends_on.map(|d| d.to_string()),
                })
                .collect(),
            lineage: s
                .lineage
                .iter()
                .map(|l| LineageRow {
                    owner_kind: l.kind.as_str().to_owned(),
                    owner_key: l.key.clone(),
                    relation: l.relation.as_str().to_owned(),
                    other_key: l.other.clone(),
                })
                .collect(),
        }
    }

    /// Puts every list in a fixed order, so that the same data always exports to the same bytes.
    pub fn canonicalize(&mut self) {
        self.texts.sort_by(|a, b| {
            (&a.owner_kind, &a.owner_key, &a.field, &a.lang).cmp(&(&b.owner_kind, &b.owner_key, &b.field, &b.lang))
        });
        self.areas.sort_by_key(|r| r.id);
        self.goals.sort_by_key(|r| r.id);
        self.actions.sort_by_key(|r| r.id);
        self.programmes.sort_by_key(|r| r.id);
        self.values.sort_by_key(|r| r.position);
        self.headline_goals.sort();
        self.headline_links.sort_by_key(|r| (r.headline_position, r.position));
        self.chapters.sort_by_key(|r| r.position);
        self.sections
            .sort_by(|a, b| (&a.chapter_slug, a.position).cmp(&(&b.chapter_slug, b.position)));
        self.events.sort_by_key(|r| r.position);
        self.lineage.sort_by(|a, b| {
            (&a.owner_kind, &a.owner_key, &a.relation).cmp(&(&b.owner_kind, &b.owner_key, &b.relation))
        });
    }
}

fn slug_rows<'a>(slugs: impl Iterator<Item = &'a Slug>) -> Vec<SlugRow> {
    slugs
        .enumerate()
        .map(|(i, slug)| SlugRow {
            slug: slug.to_string(),
            position: position(i),
        })
        .collect()
}

pub(super) fn id(value: i64) -> anyhow::Result<u32> {
    u32::try_from(value).with_context(|| format!("stored id {value} is out of range"))
}

pub(super) fn date(value: Option<&str>) -> anyhow::Result<Option<NaiveDate>> {
    value
        .map(|v| {
            NaiveDate::parse_from_str(v, "%Y-%m-%d").with_context(|| format!("stored date {v:?} is not YYYY-MM-DD"))
        })
        .transpose()
}

/// The texts of a version, indexed by owner and field.
pub(super) struct Texts(pub(super) HashMap<(String, String, String), LocalizedText>);

impl Texts {
    pub(super) fn new(rows: Vec<TextRow>) -> anyhow::Result<Texts> {
        let mut finnish = HashMap::new();
        let mut translations = Vec::new();
        for row in rows {
            let key = (row.owner_kind, row.owner_key, row.field);
            match row.lang.parse::<Lang>()? {
                Lang::Fi => {
                    finnish.insert(key, LocalizedText::finnish_only(row.body));
                }
                lang => translations.push((key, lang, row.body, row.reviewed)),
            }
        }
        for (key, lang, text, reviewed) in translations {
            let Some(target) = finnish.get_mut(&key) else {
                bail!(
                    "a {lang} text of {} {:?} field {} has no Finnish source",
                    key.0,
                    key.1,
                    key.2
                );
            };
            let translation = Some(Translation { text, reviewed });
            match lang {
                Lang::Sv => target.sv = translation,
                _ => target.en = translation,
            }
        }
        Ok(Texts(finnish))
    }

    pub(super) fn take_optional(&mut self, kind: &str, key: &str, field: &str) -> Option<LocalizedText> {
        self.0.remove(&(kind.to_owned(), key.to_owned(), field.to_owned()))
    }

    pub(super) fn take(&mut self, kind: &str, key: &str, field: &str) -> anyhow::Result<LocalizedText> {
        self.take_optional(kind, key, field)
            .ok_or_else(|| anyhow!("the stored strategy has no Finnish {field} for {kind} {key:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip_the_bundled_strategy() {
        let strategy = crate::data::bundled().expect("bundled data loads");
        let rows = StrategyRows::from_strategy(&strategy);
        assert_eq!(rows.clone().into_strategy().expect("rows convert back"), strategy);
    }

    #[test]
    fn rows_without_a_parent_are_rejected_not_dropped() {
        let strategy = crate::data::bundled().expect("bundled data loads");
        let mut orphan_goal = StrategyRows::from_strategy(&strategy);
        orphan_goal.goals[0].area_id = 99;
        assert!(orphan_goal.into_strategy().is_err());
        let mut orphan_text = StrategyRows::from_strategy(&strategy);
        let mut extra = orphan_text.texts[0].clone();
        extra.owner_key = "nobody".into();
        orphan_text.texts.push(extra);
        let error = orphan_text.into_strategy().unwrap_err().to_string();
        assert!(error.contains("\"nobody\""), "{error}");
    }

    #[test]
    fn a_translation_without_finnish_source_is_rejected() {
        let strategy = crate::data::bundled().expect("bundled data loads");
        let mut rows = StrategyRows::from_strategy(&strategy);
        rows.texts
            .retain(|t| !(t.owner_kind == "goal" && t.owner_key == "5" && t.lang == "fi"));
        let error = rows.into_strategy().unwrap_err().to_string();
        assert!(error.contains("goal") && error.contains("\"5\""), "{error}");
    }
}
