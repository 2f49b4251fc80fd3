//! Rebuilding the strategy from its rows, refusing rows that could not have come from valid data.

use anyhow::bail;

use super::*;
use crate::domain::draft::structure::{Lineage, LineageRelation};
use crate::domain::draft::OwnerKind;

impl StrategyRows {
    /// Rebuilds the domain model, checking the rows as strictly as the data loader checks files: a database
    /// edited by hand into an impossible state is reported, not served.
    pub fn into_strategy(mut self) -> anyhow::Result<Strategy> {
        let mut texts = Texts::new(std::mem::take(&mut self.texts))?;
        let version = self.version;
        self.areas.sort_by_key(|r| r.position);
        self.goals.sort_by_key(|r| (r.area_id, r.position));
        self.actions.sort_by_key(|r| (r.goal_id, r.position));
        self.programmes.sort_by_key(|r| r.position);
        self.values.sort_by_key(|r| r.position);
        self.headline_goals.sort();
        self.headline_links.sort_by_key(|r| (r.headline_position, r.position));
        self.chapters.sort_by_key(|r| r.position);
        self.sections.sort_by_key(|r| (r.chapter_slug.clone(), r.position));
        self.events.sort_by_key(|r| r.position);

        let mut areas = Vec::new();
        for a in &self.areas {
            let key = a.id.to_string();
            let mut goals = Vec::new();
            for g in self.goals.iter().filter(|g| g.area_id == a.id) {
                let gkey = g.id.to_string();
                let actions = self
                    .actions
                    .iter()
                    .filter(|x| x.goal_id == g.id)
                    .map(|x| {
                        Ok(Action {
                            id: ActionId::new(id(x.id)?)?,
                            title: texts.take("action", &x.id.to_string(), "title")?,
                        })
                    })
                    .collect::<anyhow::Result<_>>()?;
                goals.push(Goal {
                    id: GoalId::new(id(g.id)?)?,
                    slug: Slug::parse(&g.slug)?,
                    title: texts.take("goal", &gkey, "title")?,
                    actions,
                });
            }
            areas.push(Area {
                id: AreaId::new(id(a.id)?)?,
                slug: Slug::parse(&a.slug)?,
                name: texts.take("area", &key, "name")?,
                aim: texts.take("area", &key, "aim")?,
                goals,
            });
        }
        let programmes = self
            .programmes
            .iter()
            .map(|p| {
                let key = p.id.to_string();
                Ok(Programme {
                    id: ProgrammeId::new(id(p.id)?)?,
                    slug: Slug::parse(&p.slug)?,
                    name: texts.take("programme", &key, "name")?,
                    description: texts.take("programme", &key, "description")?,
                })
            })
            .collect::<anyhow::Result<_>>()?;
        let values = self
            .values
            .iter()
            .map(|v| {
                Ok(Value {
                    slug: Slug::parse(&v.slug)?,
                    name: texts.take("value", &v.slug, "name")?,
                    description: texts.take("value", &v.slug, "description")?,
                })
            })
            .collect::<anyhow::Result<_>>()?;
        let headline_goals: Vec<HeadlineGoal> = self
            .headline_goals
            .iter()
            .map(|&h| {
                let goals = self
                    .headline_links
                    .iter()
                    .filter(|l| l.headline_position == h)
                    .map(|l| Ok(GoalId::new(id(l.goal_id)?)?))
                    .collect::<anyhow::Result<_>>()?;
                Ok(HeadlineGoal {
                    text: texts.take("headline", &h.to_string(), "text")?,
                    goals,
                })
            })
            .collect::<anyhow::Result<_>>()?;
        let narrative: Vec<Chapter> = self
            .chapters
            .iter()
            .map(|c| {
                let sections = self
                    .sections
                    .iter()
                    .filter(|s| s.chapter_slug == c.slug)
                    .map(|s| {
                        Ok(Section {
                            slug: Slug::parse(&s.slug)?,
                            title: texts.take("section", &s.slug, "title")?,
                            body: texts.take("section", &s.slug, "body")?,
                        })
                    })
                    .collect::<anyhow::Result<_>>()?;
                Ok(Chapter {
                    slug: Slug::parse(&c.slug)?,
                    title: texts.take("chapter", &c.slug, "title")?,
                    body: texts.take_optional("chapter", &c.slug, "body"),
                    sections,
                })
            })
            .collect::<anyhow::Result<_>>()?;
        let timeline = self
            .events
            .iter()
            .map(|e| {
                Ok(TimelineEvent {
                    slug: Slug::parse(&e.slug)?,
                    kind: EventKind::parse(&e.kind).ok_or_else(|| anyhow!("unknown event kind {:?}", e.kind))?,
                    starts_on: date(e.starts_on.as_deref())?,
                    ends_on: date(e.ends_on.as_deref())?,
                    title: texts.take("event", &e.slug, "title")?,
                    when: texts.take("event", &e.slug, "when")?,
                })
            })
            .collect::<anyhow::Result<_>>()?;
        let placed = (
            areas.iter().map(|a| a.goals.len()).sum::<usize>(),
            areas
                .iter()
                .flat_map(|a| &a.goals)
                .map(|g| g.actions.len())
                .sum::<usize>(),
            narrative.iter().map(|c| c.sections.len()).sum::<usize>(),
            headline_goals.iter().map(|h| h.goals.len()).sum::<usize>(),
        );
        let stored = (
            self.goals.len(),
            self.actions.len(),
            self.sections.len(),
            self.headline_links.len(),
        );
        if placed != stored {
            bail!("the stored strategy has goals, actions, sections or headline links whose parent does not exist");
        }
        let strategy = Strategy {
            city: City {
                slug: Slug::parse(&version.city_slug)?,
                name: texts.take("city", "", "name")?,
            },
            version: version.label,
            status: VersionStatus::parse(&version.status)
                .ok_or_else(|| anyhow!("unknown status {:?}", version.status))?,
            approved_on: date(version.approved_on.as_deref())?,
            approved_by: texts.take("strategy", "", "approved_by")?,
            council_term: version.council_term,
            title: texts.take("strategy", "", "title")?,
            tagline: texts.take("strategy", "", "tagline")?,
            source: texts.take("strategy", "", "source")?,
            vision: texts.take("strategy", "", "vision")?,
            values,
            headline_goals,
            council_goals_intro: texts.take("strategy", "", "council_goals_intro")?,
            areas,
            programmes_intro: texts.take("strategy", "", "programmes_intro")?,
            programmes,
            narrative,
            timeline,
            lineage: self
                .lineage
                .iter()
                .map(|l| {
                    Ok(Lineage {
                        kind: OwnerKind::parse(&l.owner_kind)
                            .ok_or_else(|| anyhow!("unknown lineage kind {:?}", l.owner_kind))?,
                        key: l.owner_key.clone(),
                        relation: LineageRelation::parse(&l.relation)
                            .ok_or_else(|| anyhow!("unknown lineage relation {:?}", l.relation))?,
                        other: l.other_key.clone(),
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()?,
        };
        if let Some((kind, key, field)) = texts.0.keys().next() {
            bail!("the stored strategy has a {field} text for {kind} {key:?}, which does not exist");
        }
        Ok(strategy)
    }
}
