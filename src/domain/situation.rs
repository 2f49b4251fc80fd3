//! The situational picture (tilannekuva), derived on every read from the stored facts: an indicator's status
//! and forecast, an action's status from its reported progress, and the roll-up to goals and areas.
//!
//! The roll-up rule, shown to readers on the situational picture page:
//! - An **indicator** is judged on its headline region (the first region, normally the whole city): its
//!   latest value against the straight path from baseline to target ([`indicator::status`]). Without a
//!   declared baseline the first value serves; without a target (or values) there is no status.
//! - An **action** is on track when in progress or completed, at risk when delayed, and has no status when
//!   not started or not reported.
//! - A **goal** rolls up ([`indicator::roll_up`]) the indicators linked to it directly or through its annual
//!   targets, and its actions with reported progress. Each indicator counts once.
//! - An **area** rolls up its goals.

use std::collections::BTreeSet;

use super::cascade::{ActionProgress, ActionState, Cascade, Indicator, Measurement};
use super::indicator::{self, Direction, Forecast, Observation, Status};
use super::{Area, Goal, GoalId, IndicatorId, Slug, Strategy};

/// How many of the latest values a forecast rests on. Theil–Sen compares every pair, so the window keeps the
/// cost bounded for long series (a million values) and the trend current.
pub const FORECAST_WINDOW: usize = 20;

/// An indicator with what is derived from it.
#[derive(Debug, Clone, Copy)]
pub struct Judged<'a> {
    pub indicator: &'a Indicator,
    pub latest: Option<&'a Measurement>,
    pub status: Status,
}

fn observations(values: &[Measurement]) -> impl Iterator<Item = Observation> + '_ {
    values.iter().map(|m| Observation { date: m.date, value: m.value })
}

/// The status of an indicator in one region.
pub fn region_status(indicator: &Indicator, region: &Slug) -> Status {
    let Some(series) = indicator.series(region) else {
        return Status::NoData;
    };
    let latest = series.values.last().map(|m| Observation { date: m.date, value: m.value });
    match indicator.direction {
        Direction::Band { .. } => match latest {
            Some(l) => indicator::status(indicator.direction, l, l, Some(l)),
            None => Status::NoData,
        },
        _ => {
            let baseline = indicator.baseline.as_ref().map(|b| b.observation()).or_else(|| observations(&series.values).next());
            match (baseline, indicator.target.as_ref()) {
                (Some(baseline), Some(target)) => indicator::status(indicator.direction, baseline, target.observation(), latest),
                _ => Status::NoData,
            }
        }
    }
}

pub fn judge(indicator: &Indicator) -> Judged<'_> {
    let latest = indicator.headline_series().and_then(|s| s.values.last());
    let status = indicator.regions.first().map_or(Status::NoData, |r| region_status(indicator, r));
    Judged { indicator, latest, status }
}

/// Where the recent trend of the headline series leads by the target date.
pub fn forecast(indicator: &Indicator) -> Option<Forecast> {
    let target = indicator.target.as_ref()?;
    let values = &indicator.headline_series()?.values;
    let recent = &values[values.len().saturating_sub(FORECAST_WINDOW)..];
    let points: Vec<Observation> = observations(recent).collect();
    // A forecast only makes sense looking ahead.
    if points.last().is_some_and(|p| p.date >= target.date) {
        return None;
    }
    indicator::forecast(&points, target.date)
}

pub fn action_status(progress: Option<&ActionProgress>) -> Status {
    match progress.map(|p| p.state) {
        Some(ActionState::InProgress | ActionState::Completed) => Status::OnTrack,
        Some(ActionState::Delayed) => Status::AtRisk,
        Some(ActionState::NotStarted) | None => Status::NoData,
    }
}

/// A goal with its derived status and what it rests on.
#[derive(Debug, Clone)]
pub struct GoalPicture {
    pub goal: GoalId,
    pub status: Status,
    pub indicators: Vec<(IndicatorId, Status)>,
    /// Actions with reported progress / all actions.
    pub reported_actions: usize,
    pub actions: usize,
}

#[derive(Debug, Clone)]
pub struct AreaPicture {
    pub status: Status,
    pub goals: Vec<GoalPicture>,
}

/// The indicators that measure a goal, directly or through any of its targets, in id order.
pub fn goal_indicators(cascade: &Cascade, goal: GoalId) -> BTreeSet<IndicatorId> {
    let direct = cascade.indicators.iter().filter(|i| i.goals.contains(&goal)).map(|i| i.id);
    let through_targets =
        cascade.targets.iter().filter(|t| t.goals.contains(&goal)).flat_map(|t| t.indicators.iter().copied());
    direct.chain(through_targets).collect()
}

pub fn goal_picture(cascade: &Cascade, goal: &Goal) -> GoalPicture {
    let indicators: Vec<(IndicatorId, Status)> = goal_indicators(cascade, goal.id)
        .into_iter()
        .filter_map(|id| cascade.indicator(id).map(|i| (id, judge(i).status)))
        .collect();
    let progress: Vec<Option<&ActionProgress>> = goal.actions.iter().map(|a| cascade.progress_of(a.id)).collect();
    let status = indicator::roll_up(
        indicators.iter().map(|(_, s)| *s).chain(progress.iter().map(|p| action_status(*p))),
    );
    GoalPicture {
        goal: goal.id,
        status,
        indicators,
        reported_actions: progress.iter().filter(|p| p.is_some()).count(),
        actions: goal.actions.len(),
    }
}

pub fn area_picture(cascade: &Cascade, area: &Area) -> AreaPicture {
    let goals: Vec<GoalPicture> = area.goals.iter().map(|g| goal_picture(cascade, g)).collect();
    AreaPicture { status: indicator::roll_up(goals.iter().map(|g| g.status)), goals }
}

/// Every area of the strategy with its goals, in the strategy's order.
pub fn picture(strategy: &Strategy, cascade: &Cascade) -> Vec<AreaPicture> {
    strategy.areas.iter().map(|a| area_picture(cascade, a)).collect()
}
