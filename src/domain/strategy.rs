use chrono::NaiveDate;

use super::{ActionId, AreaId, GoalId, LocalizedText, ProgrammeId, Slug};

/// The city a strategy belongs to. One installation serves one city today; the city is still the root of
/// the model so that serving several is an addition later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct City {
    pub slug: Slug,
    pub name: LocalizedText,
}

/// Where a strategy version stands in its life cycle. Only approved versions are public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum VersionStatus {
    Draft,
    Review,
    Approved,
    Superseded,
}

impl VersionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            VersionStatus::Draft => "draft",
            VersionStatus::Review => "review",
            VersionStatus::Approved => "approved",
            VersionStatus::Superseded => "superseded",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Draft, Self::Review, Self::Approved, Self::Superseded]
            .into_iter()
            .find(|status| status.as_str() == s)
    }

    /// Whether residents may read a version in this state: decisions of the city (approved, and approved
    /// once but since replaced), never drafts or versions under review.
    pub fn is_public(self) -> bool {
        matches!(self, VersionStatus::Approved | VersionStatus::Superseded)
    }
}

/// A stored version as a list of versions names it, without its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionSummary {
    pub label: String,
    pub status: VersionStatus,
    pub approved_on: Option<NaiveDate>,
    /// Where the approving decision is minuted, for versions approved through the workflow.
    pub minutes_ref: Option<String>,
    /// Why the version was approved although the lint found errors, if it was.
    pub lint_override_reason: Option<String>,
}

/// One version of a city's strategy with everything it says.
#[derive(Debug, Clone, PartialEq)]
pub struct Strategy {
    pub city: City,
    /// The version label, such as "1.1".
    pub version: String,
    pub status: VersionStatus,
    pub approved_on: Option<NaiveDate>,
    pub approved_by: LocalizedText,
    /// The council term the goals are set for, such as "2017-2021".
    pub council_term: String,
    pub title: LocalizedText,
    pub tagline: LocalizedText,
    pub source: LocalizedText,
    pub vision: LocalizedText,
    pub values: Vec<Value>,
    pub headline_goals: Vec<HeadlineGoal>,
    pub council_goals_intro: LocalizedText,
    pub areas: Vec<Area>,
    pub programmes_intro: LocalizedText,
    pub programmes: Vec<Programme>,
    pub narrative: Vec<Chapter>,
    pub timeline: Vec<TimelineEvent>,
    /// The items of this version split from or merged into others since the version it was copied from
    /// (empty for versions loaded from files), so a diff can tell a split from an unrelated new item.
    pub lineage: Vec<crate::domain::draft::structure::Lineage>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub slug: Slug,
    pub name: LocalizedText,
    pub description: LocalizedText,
}

/// One of the headline goals of the council term, pointing at the council goals that carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadlineGoal {
    pub text: LocalizedText,
    pub goals: Vec<GoalId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    pub id: AreaId,
    pub slug: Slug,
    pub name: LocalizedText,
    /// The area's aim (päämäärä).
    pub aim: LocalizedText,
    pub goals: Vec<Goal>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    pub id: GoalId,
    pub slug: Slug,
    pub title: LocalizedText,
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub id: ActionId,
    pub title: LocalizedText,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Programme {
    pub id: ProgrammeId,
    pub slug: Slug,
    pub name: LocalizedText,
    pub description: LocalizedText,
}

/// A chapter of the narrative; its body and sections hold paragraphs separated by blank lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    pub slug: Slug,
    pub title: LocalizedText,
    pub body: Option<LocalizedText>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub slug: Slug,
    pub title: LocalizedText,
    pub body: LocalizedText,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Participation,
    Council,
    Review,
    Approval,
}

impl EventKind {
    pub const ALL: [EventKind; 4] = [
        EventKind::Participation,
        EventKind::Council,
        EventKind::Review,
        EventKind::Approval,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Participation => "participation",
            EventKind::Council => "council",
            EventKind::Review => "review",
            EventKind::Approval => "approval",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == s)
    }
}

/// A step of the process that prepared the strategy. Dates are given only where the source names them;
/// `when` always says in words when it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEvent {
    pub slug: Slug,
    pub kind: EventKind,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub title: LocalizedText,
    pub when: LocalizedText,
}

/// Splits a stored body into its paragraphs.
pub fn paragraphs(body: &str) -> impl Iterator<Item = &str> {
    body.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
}

impl Strategy {
    pub fn goals(&self) -> impl Iterator<Item = (&Area, &Goal)> {
        self.areas
            .iter()
            .flat_map(|area| area.goals.iter().map(move |goal| (area, goal)))
    }

    pub fn actions(&self) -> impl Iterator<Item = &Action> {
        self.goals().flat_map(|(_, goal)| goal.actions.iter())
    }

    pub fn goal(&self, id: GoalId) -> Option<(&Area, &Goal)> {
        self.goals().find(|(_, goal)| goal.id == id)
    }

    pub fn goal_by_slug(&self, slug: &str) -> Option<(&Area, &Goal)> {
        self.goals().find(|(_, goal)| goal.slug.as_str() == slug)
    }

    pub fn area_by_slug(&self, slug: &str) -> Option<&Area> {
        self.areas.iter().find(|area| area.slug.as_str() == slug)
    }

    pub fn programme_by_slug(&self, slug: &str) -> Option<&Programme> {
        self.programmes.iter().find(|p| p.slug.as_str() == slug)
    }

    /// Every piece of content of the strategy, for translation statistics.
    pub fn texts(&self) -> Vec<&LocalizedText> {
        let mut texts = vec![
            &self.city.name,
            &self.approved_by,
            &self.title,
            &self.tagline,
            &self.source,
            &self.vision,
            &self.council_goals_intro,
            &self.programmes_intro,
        ];
        for value in &self.values {
            texts.extend([&value.name, &value.description]);
        }
        texts.extend(self.headline_goals.iter().map(|h| &h.text));
        for area in &self.areas {
            texts.extend([&area.name, &area.aim]);
            for goal in &area.goals {
                texts.push(&goal.title);
                texts.extend(goal.actions.iter().map(|a| &a.title));
            }
        }
        for programme in &self.programmes {
            texts.extend([&programme.name, &programme.description]);
        }
        for chapter in &self.narrative {
            texts.push(&chapter.title);
            texts.extend(chapter.body.iter());
            for section in &chapter.sections {
                texts.extend([&section.title, &section.body]);
            }
        }
        for event in &self.timeline {
            texts.extend([&event.title, &event.when]);
        }
        texts
    }
}
