//! The public JSON shapes. They are separate from the domain model so that the API stays stable while
//! the model grows, and so that nothing internal can leak into a response by accident.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::*;
use crate::http::routes::Page;

/// A text in Finnish (the source) and its Swedish and English translations; `null` when a translation
/// is missing.
#[derive(Debug, Serialize, ToSchema)]
pub struct TextDto {
    pub fi: String,
    pub sv: Option<String>,
    pub en: Option<String>,
}

impl From<&LocalizedText> for TextDto {
    fn from(text: &LocalizedText) -> Self {
        TextDto {
            fi: text.fi.clone(),
            sv: text.get(Lang::Sv).map(str::to_owned),
            en: text.get(Lang::En).map(str::to_owned),
        }
    }
}

/// The public page of an item in each language, as a path on this server.
#[derive(Debug, Serialize, ToSchema)]
pub struct UrlsDto {
    #[schema(example = "/fi/tavoitteet/koulut-kuntoon")]
    pub fi: String,
    pub sv: String,
    pub en: String,
}

impl From<&Page> for UrlsDto {
    fn from(page: &Page) -> Self {
        UrlsDto {
            fi: page.path(Lang::Fi),
            sv: page.path(Lang::Sv),
            en: page.path(Lang::En),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CityDto {
    pub slug: String,
    pub name: TextDto,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ValueDto {
    pub slug: String,
    pub name: TextDto,
    pub description: TextDto,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HeadlineGoalDto {
    pub text: TextDto,
    /// Ids of the council-term goals that carry this headline goal.
    pub goal_ids: Vec<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ActionDto {
    pub id: u32,
    pub title: TextDto,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GoalDto {
    pub id: u32,
    pub slug: String,
    pub title: TextDto,
    pub url: UrlsDto,
    pub actions: Vec<ActionDto>,
}

impl From<&Goal> for GoalDto {
    fn from(goal: &Goal) -> Self {
        GoalDto {
            id: goal.id.get(),
            slug: goal.slug.to_string(),
            title: (&goal.title).into(),
            url: (&Page::Goal(goal.slug.to_string())).into(),
            actions: goal
                .actions
                .iter()
                .map(|a| ActionDto {
                    id: a.id.get(),
                    title: (&a.title).into(),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AreaDto {
    pub id: u32,
    pub slug: String,
    pub name: TextDto,
    /// The area's aim (päämäärä).
    pub aim: TextDto,
    pub url: UrlsDto,
    pub goals: Vec<GoalDto>,
}

impl From<&Area> for AreaDto {
    fn from(area: &Area) -> Self {
        AreaDto {
            id: area.id.get(),
            slug: area.slug.to_string(),
            name: (&area.name).into(),
            aim: (&area.aim).into(),
            url: (&Page::Area(area.slug.to_string())).into(),
            goals: area.goals.iter().map(GoalDto::from).collect(),
        }
    }
}

/// The area a goal belongs to, without the area's other goals.
#[derive(Debug, Serialize, ToSchema)]
pub struct AreaRefDto {
    pub id: u32,
    pub slug: String,
    pub name: TextDto,
    pub url: UrlsDto,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GoalDetailDto {
    #[serde(flatten)]
    pub goal: GoalDto,
    pub area: AreaRefDto,
}

impl GoalDetailDto {
    pub fn new(area: &Area, goal: &Goal) -> Self {
        GoalDetailDto {
            goal: goal.into(),
            area: AreaRefDto {
                id: area.id.get(),
                slug: area.slug.to_string(),
                name: (&area.name).into(),
                url: (&Page::Area(area.slug.to_string())).into(),
            },
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeDto {
    pub id: u32,
    pub slug: String,
    pub name: TextDto,
    pub description: TextDto,
    pub url: UrlsDto,
}

impl From<&Programme> for ProgrammeDto {
    fn from(p: &Programme) -> Self {
        ProgrammeDto {
            id: p.id.get(),
            slug: p.slug.to_string(),
            name: (&p.name).into(),
            description: (&p.description).into(),
            url: (&Page::Programme(p.slug.to_string())).into(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SectionDto {
    pub slug: String,
    pub title: TextDto,
    /// Paragraphs separated by blank lines.
    pub body: TextDto,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChapterDto {
    pub slug: String,
    pub title: TextDto,
    /// Paragraphs separated by blank lines; `null` for a chapter made only of sections.
    pub body: Option<TextDto>,
    pub sections: Vec<SectionDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EventDto {
    pub slug: String,
    pub kind: EventKind,
    /// Given only where the source names a date.
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub title: TextDto,
    /// When it happened, in words.
    pub when: TextDto,
}

/// How complete the Swedish and English translations are. Finnish is the source and always complete.
#[derive(Debug, Serialize, ToSchema)]
pub struct TranslationsDto {
    pub sv: TranslationStats,
    pub en: TranslationStats,
}

/// The whole current strategy.
#[derive(Debug, Serialize, ToSchema)]
pub struct StrategyDto {
    pub city: CityDto,
    #[schema(example = "1.1")]
    pub version: String,
    pub status: VersionStatus,
    pub approved_on: Option<NaiveDate>,
    pub approved_by: TextDto,
    #[schema(example = "2017-2021")]
    pub council_term: String,
    pub title: TextDto,
    pub tagline: TextDto,
    pub source: TextDto,
    pub vision: TextDto,
    pub values: Vec<ValueDto>,
    pub headline_goals: Vec<HeadlineGoalDto>,
    pub council_goals_intro: TextDto,
    pub areas: Vec<AreaDto>,
    pub programmes_intro: TextDto,
    pub programmes: Vec<ProgrammeDto>,
    pub narrative: Vec<ChapterDto>,
    pub timeline: Vec<EventDto>,
    pub translations: TranslationsDto,
    pub url: UrlsDto,
}

impl From<&Strategy> for StrategyDto {
    fn from(s: &Strategy) -> Self {
        let texts = s.texts();
        StrategyDto {
            city: CityDto {
                slug: s.city.slug.to_string(),
                name: (&s.city.name).into(),
            },
            version: s.version.clone(),
            status: s.status,
            approved_on: s.approved_on,
            approved_by: (&s.approved_by).into(),
            council_term: s.council_term.clone(),
            title: (&s.title).into(),
            tagline: (&s.tagline).into(),
            source: (&s.source).into(),
            vision: (&s.vision).into(),
            values: s
                .values
                .iter()
                .map(|v| ValueDto {
                    slug: v.slug.to_string(),
                    name: (&v.name).into(),
                    description: (&v.description).into(),
                })
                .collect(),
            headline_goals: s
                .headline_goals
                .iter()
                .map(|h| HeadlineGoalDto {
                    text: (&h.text).into(),
                    goal_ids: h.goals.iter().map(|g| g.get()).collect(),
                })
                .collect(),
            council_goals_intro: (&s.council_goals_intro).into(),
            areas: s.areas.iter().map(AreaDto::from).collect(),
            programmes_intro: (&s.programmes_intro).into(),
            programmes: s.programmes.iter().map(ProgrammeDto::from).collect(),
            narrative: s
                .narrative
                .iter()
                .map(|c| ChapterDto {
                    slug: c.slug.to_string(),
                    title: (&c.title).into(),
                    body: c.body.as_ref().map(TextDto::from),
                    sections: c
                        .sections
                        .iter()
                        .map(|sec| SectionDto {
                            slug: sec.slug.to_string(),
                            title: (&sec.title).into(),
                            body: (&sec.body).into(),
                        })
                        .collect(),
                })
                .collect(),
            timeline: s
                .timeline
                .iter()
                .map(|e| EventDto {
                    slug: e.slug.to_string(),
                    kind: e.kind,
                    starts_on: e.starts_on,
                    ends_on: e.ends_on,
                    title: (&e.title).into(),
                    when: (&e.when).into(),
                })
                .collect(),
            translations: TranslationsDto {
                sv: TranslationStats::count(Lang::Sv, texts.iter().copied()),
                en: TranslationStats::count(Lang::En, texts.iter().copied()),
            },
            url: (&Page::Home).into(),
        }
    }
}

/// An error, as RFC 9457 problem details.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemDto {
    #[serde(rename = "type")]
    #[schema(example = "about:blank")]
    pub problem_type: String,
    /// A short summary in the language the client asked for (Accept-Language).
    pub title: String,
    pub status: u16,
    /// What went wrong with this request, in the client's language.
    pub detail: String,
    /// The path that was requested.
    pub instance: String,
}
