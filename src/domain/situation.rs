//! The situational picture (tilannekuva), derived on every read from the stored facts: an indicator's status
//! and forecast, an action's status from its reported progress, and the roll-up to goals and areas.
//!
//! The roll-up rule, shown to readers on the situational picture page:
//! - An **indicator** is judged on its headline region (the first region, normally the whole city): its
//!   latest value against the straight path from baseline to target ([`indicator::status`]). Without a
//!   declared baseline the first value serves; without a target (or values) there is no status. Other
//!   regions are judged against the same relative change from their own first value. A ceiling or a band
//!   holds for every region alike. Projections (the source's estimates) are never judged against.
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
    values.iter().map(|m| Observation {
        date: m.date,
        value: m.value,
    })
}

/// The status of an indicator in one region. The headline region is judged against the declared baseline
/// and target; another region against the same relative change starting from its own first value, because
/// the city's figures (say 300,000 residents) mean nothing for one centre.
pub fn region_status(indicator: &Indicator, region: &Slug) -> Status {
    let Some(series) = indicator.series(region) else {
        return Status::NoData;
    };
    let latest = series.values.last().map(|m| Observation {
        date: m.date,
        value: m.value,
    });
    let first = observations(&series.values).next();
    if let Direction::Band { .. } = indicator.direction {
        return latest.map_or(Status::NoData, |l| {
            indicator::status(indicator.direction, l, l, Some(l))
        });
    }
    let Some(target) = indicator.target.as_ref().map(|t| t.observation()) else {
        return Status::NoData;
    };
    // A ceiling holds for every region alike, as a band does, and needs no baseline.
    if indicator.direction == Direction::Ceiling {
        return indicator::status(indicator.direction, target, target, latest);
    }
    let declared = indicator.baseline.as_ref().map(|b| b.observation());
    let (baseline, target) = if indicator.regions.first() == Some(region) {
        match declared.or(first) {
            Some(baseline) => (baseline, target),
            None => return Status::NoData,
        }
    } else {
        match (declared.or(first), first) {
            (Some(city), Some(own)) if city.value.abs() > f64::EPSILON => {
                let scaled = Observation {
                    date: target.date,
                    value: own.value * target.value / city.value,
                };
                (own, scaled)
            }
            _ => return Status::NoData,
        }
    };
    indicator::status(indicator.direction, baseline, target, latest)
}

pub fn judge(indicator: &Indicator) -> Judged<'_> {
    let latest = indicator.headline_series().and_then(|s| s.values.last());
    let status = indicator
        .regions
        .first()
        .map_or(Status::NoData, |r| region_status(indicator, r));
    Judged {
        indicator,
        latest,
        status,
    }
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
    let direct = cascade
        .indicators
        .iter()
        .filter(|i| i.goals.contains(&goal))
        .map(|i| i.id);
    let through_targets = cascade
        .targets
        .iter()
        .filter(|t| t.goals.contains(&goal))
        .flat_map(|t| t.indicators.iter().copied());
    direct.chain(through_targets).collect()
}

pub fn goal_picture(cascade: &Cascade, goal: &Goal) -> GoalPicture {
    let indicators: Vec<(IndicatorId, Status)> = goal_indicators(cascade, goal.id)
        .into_iter()
        .filter_map(|id| cascade.indicator(id).map(|i| (id, judge(i).status)))
        .collect();
    let progress: Vec<Option<&ActionProgress>> = goal.actions.iter().map(|a| cascade.progress_of(a.id)).collect();
    let status = indicator::roll_up(
        indicators
            .iter()
            .map(|(_, s)| *s)
            .chain(progress.iter().map(|p| action_status(*p))),
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
    AreaPicture {
        status: indicator::roll_up(goals.iter().map(|g| g.status)),
        goals,
    }
}

/// Every area of the strategy with its goals, in the strategy's order.
pub fn picture(strategy: &Strategy, cascade: &Cascade) -> Vec<AreaPicture> {
    strategy.areas.iter().map(|a| area_picture(cascade, a)).collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::{NaiveDate, TimeZone, Utc};

    use super::*;
    use crate::domain::cascade::*;
    use crate::domain::{Action, ActionId, LocalizedText};

    fn day(year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, 12, 31).unwrap()
    }

    fn slug(s: &str) -> Slug {
        Slug::parse(s).unwrap()
    }

    fn reference(year: i32, value: f64) -> Reference {
        Reference {
            date: day(year),
            value,
            basis: LocalizedText::finnish_only("x"),
            example: false,
            approximate: false,
            date_assumed: false,
        }
    }

    fn series(region: &str, values: &[(i32, f64)]) -> Series {
        let provenance = Arc::new(Provenance {
            source: LocalizedText::finnish_only("test"),
            entered_by: "test".into(),
            entered_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            example: false,
        });
        Series {
            region: slug(region),
            values: Arc::new(
                values
                    .iter()
                    .map(|(y, v)| Measurement {
                        date: day(*y),
                        value: *v,
                        provenance: provenance.clone(),
                    })
                    .collect(),
            ),
        }
    }

    fn employment(series_list: Vec<Series>) -> Indicator {
        Indicator {
            id: IndicatorId::new(1).unwrap(),
            slug: slug("employment"),
            name: LocalizedText::finnish_only("Työllisyysaste"),
            definition: LocalizedText::finnish_only("d"),
            unit: LocalizedText::finnish_only("%"),
            decimals: 1,
            direction: Direction::Increase,
            baseline: Some(reference(2016, 70.0)),
            target: Some(reference(2021, 75.0)),
            milestones: vec![],
            projections: vec![],
            source: LocalizedText::finnish_only("s"),
            licence: Some("CC BY 4.0".into()),
            frequency: Frequency::Annual,
            regions: vec![slug("espoo"), slug("tapiola")],
            goals: vec![GoalId::new(15).unwrap()],
            series: series_list,
            corrections: vec![],
            connector: None,
        }
    }

    #[test]
    fn the_headline_is_judged_against_the_declared_path() {
        let on_path = employment(vec![series("espoo", &[(2017, 71.0), (2018, 72.0)])]);
        assert_eq!(judge(&on_path).status, Status::OnTrack);
        let behind = employment(vec![series("espoo", &[(2017, 70.0), (2018, 70.2)])]);
        assert_eq!(
            judge(&behind).status,
            Status::OffTrack,
            "expected 72 in 2018, 1.8 of a 5-point change behind"
        );
        assert_eq!(judge(&employment(vec![])).status, Status::NoData);
    }

    #[test]
    fn other_regions_are_judged_by_the_same_relative_change_from_their_own_start() {
        // Tapiola starts at 140 (twice the city's baseline), so its path leads to 150 by 2021.
        let indicator = employment(vec![
            series("espoo", &[(2016, 70.0)]),
            series("tapiola", &[(2016, 140.0), (2021, 150.0)]),
        ]);
        assert_eq!(region_status(&indicator, &slug("tapiola")), Status::OnTrack);
        let lagging = employment(vec![series("tapiola", &[(2016, 140.0), (2021, 141.0)])]);
        assert_eq!(region_status(&lagging, &slug("tapiola")), Status::OffTrack);
        assert_eq!(
            region_status(&lagging, &slug("leppavaara")),
            Status::NoData,
            "no series"
        );
    }

    #[test]
    fn a_forecast_looks_ahead_over_the_recent_window_only() {
        let old_then_steady: Vec<(i32, f64)> = (1990..2000)
            .map(|y| (y, 0.0))
            .chain((2000..2020).map(|y| (y, 50.0 + f64::from(y - 2000))))
            .collect();
        let mut indicator = employment(vec![series("espoo", &old_then_steady)]);
        indicator.target = Some(reference(2025, 75.0));
        let forecast = forecast(&indicator).expect("enough points");
        assert_eq!(forecast.points, FORECAST_WINDOW);
        assert!(
            (forecast.slope_per_year - 1.0).abs() < 0.01,
            "the flat start is outside the window"
        );
        indicator.target = Some(reference(2019, 75.0));
        assert!(super::forecast(&indicator).is_none(), "the target date has passed");
    }

    #[test]
    fn goals_roll_up_indicators_and_reported_actions() {
        let goal = Goal {
            id: GoalId::new(15).unwrap(),
            slug: slug("employment"),
            title: LocalizedText::finnish_only("g"),
            actions: vec![
                Action {
                    id: ActionId::new(1).unwrap(),
                    title: LocalizedText::finnish_only("a"),
                },
                Action {
                    id: ActionId::new(2).unwrap(),
                    title: LocalizedText::finnish_only("b"),
                },
            ],
        };
        let mut cascade = Cascade {
            indicators: vec![Arc::new(employment(vec![series("espoo", &[(2017, 71.0)])]))],
            ..Cascade::default()
        };
        assert_eq!(goal_picture(&cascade, &goal).status, Status::OnTrack);
        cascade.action_progress.push(ActionProgress {
            action: ActionId::new(2).unwrap(),
            state: ActionState::Delayed,
            percent: None,
            as_of: day(2018),
            note: None,
            example: false,
        });
        let picture = goal_picture(&cascade, &goal);
        assert_eq!(
            picture.status,
            Status::AtRisk,
            "one delayed action makes the goal at risk"
        );
        assert_eq!((picture.reported_actions, picture.actions), (1, 2));
        assert_eq!(action_status(None), Status::NoData);
    }

    #[test]
    fn a_projection_is_never_judged_against() {
        // The population passing 300,000 in 2022 is the strategy's estimate: without a target, no status and
        // no forecast, however far the values are from it.
        let mut population = employment(vec![series("espoo", &[(2017, 71.0), (2018, 72.0), (2019, 73.0)])]);
        population.projections = vec![reference(2022, 300_000.0)];
        population.target = None;
        assert_eq!(judge(&population).status, Status::NoData);
        assert_eq!(forecast(&population), None);
        population.direction = Direction::Ceiling;
        assert_eq!(region_status(&population, &slug("tapiola")), Status::NoData);
    }

    #[test]
    fn a_ceiling_holds_in_every_region_without_a_baseline() {
        let mut investments = employment(vec![
            series("espoo", &[(2017, 251.0), (2018, 287.0)]),
            series("tapiola", &[(2018, 20.0)]),
        ]);
        (investments.direction, investments.baseline) = (Direction::Ceiling, None);
        investments.target = Some(reference(2021, 280.0));
        assert_eq!(
            judge(&investments).status,
            Status::AtRisk,
            "287 is 2.5 % over the ceiling"
        );
        assert_eq!(region_status(&investments, &slug("tapiola")), Status::OnTrack);
    }
}
