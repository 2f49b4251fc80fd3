//! The situational picture's JSON shape: areas → goals with their status, indicator statuses and action
//! counts, and the roll-up rule in words. Derived on every render from the stored facts.

use serde::Serialize;
use utoipa::ToSchema;

use super::super::dto::{TextDto, UrlsDto};
use super::dto::*;
use crate::domain::cascade::Cascade;
use crate::domain::indicator::{Status, AT_RISK_SHARE, ON_TRACK_SHARE};
use crate::domain::situation::{self, AreaPicture, GoalPicture};
use crate::domain::{Area, Goal, Strategy};
use crate::http::routes::Page;

/// How many items have each status.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct StatusCountsDto {
    pub on_track: usize,
    pub at_risk: usize,
    pub off_track: usize,
    pub no_data: usize,
}

impl FromIterator<Status> for StatusCountsDto {
    fn from_iter<I: IntoIterator<Item = Status>>(statuses: I) -> Self {
        let mut counts = StatusCountsDto::default();
        for status in statuses {
            *match status {
                Status::OnTrack => &mut counts.on_track,
                Status::AtRisk => &mut counts.at_risk,
                Status::OffTrack => &mut counts.off_track,
                Status::NoData => &mut counts.no_data,
            } += 1;
        }
        counts
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SituationCountsDto {
    pub areas: StatusCountsDto,
    pub goals: StatusCountsDto,
    /// Every indicator of the city, each once, whether or not a goal links to it.
    pub indicators: StatusCountsDto,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SituationGoalDto {
    pub id: u32,
    pub slug: String,
    pub title: TextDto,
    pub status: Status,
    pub url: UrlsDto,
    /// The indicators linked to the goal directly or through its annual targets, in id order.
    pub indicators: Vec<IndicatorStatusDto>,
    /// Actions with reported progress.
    pub reported_actions: usize,
    /// All actions of the goal.
    pub actions: usize,
}

impl SituationGoalDto {
    fn new(goal: &Goal, picture: &GoalPicture) -> Self {
        SituationGoalDto {
            id: goal.id.get(),
            slug: goal.slug.to_string(),
            title: (&goal.title).into(),
            status: picture.status,
            url: (&Page::Goal(goal.slug.to_string())).into(),
            indicators: picture
                .indicators
                .iter()
                .map(|(id, status)| IndicatorStatusDto {
                    id: id.get(),
                    status: *status,
                })
                .collect(),
            reported_actions: picture.reported_actions,
            actions: picture.actions,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SituationAreaDto {
    pub id: u32,
    pub slug: String,
    pub name: TextDto,
    pub status: Status,
    pub url: UrlsDto,
    pub goals: Vec<SituationGoalDto>,
}

impl SituationAreaDto {
    fn new(area: &Area, picture: &AreaPicture) -> Self {
        SituationAreaDto {
            id: area.id.get(),
            slug: area.slug.to_string(),
            name: (&area.name).into(),
            status: picture.status,
            url: (&Page::Area(area.slug.to_string())).into(),
            goals: area
                .goals
                .iter()
                .zip(&picture.goals)
                .map(|(goal, p)| SituationGoalDto::new(goal, p))
                .collect(),
        }
    }
}

/// The situational picture (tilannekuva): every area and goal with its status, rolled up from indicators and
/// actions.
#[derive(Debug, Serialize, ToSchema)]
pub struct SituationDto {
    /// How the statuses are worked out, in English.
    pub rule: String,
    pub counts: SituationCountsDto,
    pub areas: Vec<SituationAreaDto>,
}

impl SituationDto {
    pub fn new(strategy: &Strategy, cascade: &Cascade) -> Self {
        let pictures = situation::picture(strategy, cascade);
        SituationDto {
            rule: rule(),
            counts: SituationCountsDto {
                areas: pictures.iter().map(|p| p.status).collect(),
                goals: pictures.iter().flat_map(|p| &p.goals).map(|g| g.status).collect(),
                indicators: cascade.indicators.iter().map(|i| situation::judge(i).status).collect(),
            },
            areas: strategy
                .areas
                .iter()
                .zip(&pictures)
                .map(|(area, picture)| SituationAreaDto::new(area, picture))
                .collect(),
        }
    }
}

/// The roll-up rule of [`crate::domain::situation`] in words, with the thresholds taken from the code that
/// applies them so the text cannot fall behind a change of threshold.
fn rule() -> String {
    let on_track = ON_TRACK_SHARE * 100.0;
    let at_risk = AT_RISK_SHARE * 100.0;
    format!(
        "An indicator is judged on its headline region (normally the whole city): its latest value against the \
         straight path from baseline to target. Up to {on_track} % of the planned change behind the path is \
         on_track, up to {at_risk} % at_risk, more off_track; without a target or values it is no_data. Other \
         regions follow the same relative change from their own first value. An action in progress or completed \
         is on_track, a delayed one at_risk, one not started or not reported no_data. A goal rolls up its \
         indicators (direct or through its annual targets, each once) and actions; an area rolls up its goals: \
         no data at all is no_data, half or more of those with data off_track is off_track, any at_risk or \
         off_track is at_risk, else on_track."
    )
}
