//! Indicators (mittarit) and the rules that judge them: where a value stands against the path from
//! baseline to target, and where the trend leads by the target date. Pure functions over plain data, so the
//! same rule serves pages, the API and reports, and is computed on read rather than stored.

use chrono::NaiveDate;

/// Which way is better for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Direction {
    /// Higher values are better (employment rate).
    Increase,
    /// Lower values are better (unemployment, emissions).
    Decrease,
    /// The value should stay between `low` and `high` inclusive.
    Band { low: f64, high: f64 },
    /// The target is a ceiling ("enintään", "at most"): any value up to it is on track, however low, so
    /// no baseline or path is needed and lower is not in itself better.
    Ceiling,
}

/// A value at a date: a baseline, a target, a milestone or a measurement.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct Observation {
    pub date: NaiveDate,
    pub value: f64,
}

/// How an indicator stands. Colour is never the only carrier: pages show the word and a shape too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    OnTrack,
    AtRisk,
    OffTrack,
    NoData,
}

/// How far behind the expected path a value may fall, as a share of the whole planned change, and still be
/// on track; beyond `AT_RISK_SHARE` it is off track.
pub const ON_TRACK_SHARE: f64 = 0.05;
pub const AT_RISK_SHARE: f64 = 0.20;

/// Years between two dates, as a real number (for slopes and interpolation).
pub fn years_between(from: NaiveDate, to: NaiveDate) -> f64 {
    (to - from).num_days() as f64 / 365.2425
}

/// The value the plan expects at `date`: the straight line from baseline to target, held at the baseline
/// before it and at the target after it.
pub fn expected_at(baseline: Observation, target: Observation, date: NaiveDate) -> f64 {
    let span = years_between(baseline.date, target.date);
    if span <= 0.0 {
        return target.value;
    }
    let share = (years_between(baseline.date, date) / span).clamp(0.0, 1.0);
    baseline.value + share * (target.value - baseline.value)
}

/// The status rule.
///
/// - No measurement: `NoData`.
/// - Increase/Decrease: compare the latest value with the value expected on its date. The shortfall in the
///   better direction, as a share of the whole planned change (baseline → target), decides: up to 5 % on
///   track, up to 20 % at risk, more off track. A value at or beyond the target is always on track. When
///   baseline and target are equal (hold a level), the share is taken of the level itself.
/// - Band: inside the band on track; outside by up to 20 % of the band's width at risk; further off track.
/// - Ceiling: at or below the target on track; above it by up to 20 % of the target at risk; further off
///   track. The baseline plays no part.
pub fn status(direction: Direction, baseline: Observation, target: Observation, latest: Option<Observation>) -> Status {
    let Some(latest) = latest else {
        return Status::NoData;
    };
    if !latest.value.is_finite() {
        return Status::NoData;
    }
    let shortfall_share = match direction {
        Direction::Band { low, high } => {
            let width = (high - low).abs().max(f64::EPSILON);
            let outside = if latest.value < low {
                low - latest.value
            } else if latest.value > high {
                latest.value - high
            } else {
                0.0
            };
            if outside == 0.0 {
                return Status::OnTrack;
            }
            return if outside / width <= AT_RISK_SHARE {
                Status::AtRisk
            } else {
                Status::OffTrack
            };
        }
        Direction::Ceiling => {
            if latest.value <= target.value {
                return Status::OnTrack;
            }
            let over = (latest.value - target.value) / target.value.abs().max(f64::EPSILON);
            return if over <= AT_RISK_SHARE {
                Status::AtRisk
            } else {
                Status::OffTrack
            };
        }
        Direction::Increase | Direction::Decrease => {
            let better = if direction == Direction::Increase { 1.0 } else { -1.0 };
            if (latest.value - target.value) * better >= 0.0 {
                return Status::OnTrack;
            }
            let expected = expected_at(baseline, target, latest.date);
            let planned_change = (target.value - baseline.value).abs();
            let scale = if planned_change > f64::EPSILON {
                planned_change
            } else {
                baseline.value.abs().max(1.0)
            };
            ((expected - latest.value) * better / scale).max(0.0)
        }
    };
    if shortfall_share <= ON_TRACK_SHARE {
        Status::OnTrack
    } else if shortfall_share <= AT_RISK_SHARE {
        Status::AtRisk
    } else {
        Status::OffTrack
    }
}

/// Where the trend leads by a date.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct Forecast {
    pub date: NaiveDate,
    pub value: f64,
    /// The range the middle 80 % of pairwise trends give.
    pub low: f64,
    pub high: f64,
    /// Change per year of the robust trend.
    pub slope_per_year: f64,
    /// Measurements the trend rests on.
    pub points: usize,
}

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    let position = q * (sorted.len() - 1) as f64;
    let (below, above) = (position.floor() as usize, position.ceil() as usize);
    sorted[below] + (sorted[above] - sorted[below]) * (position - below as f64)
}

/// The Theil–Sen trend of the measurements extended to `date`: the median of the slopes between every pair
/// of measurements, through the median point. One outlier cannot swing it, unlike a least-squares line.
/// Needs at least three measurements on at least two dates.
pub fn forecast(points: &[Observation], date: NaiveDate) -> Option<Forecast> {
    let points: Vec<Observation> = points.iter().copied().filter(|p| p.value.is_finite()).collect();
    if points.len() < 3 {
        return None;
    }
    let origin = points.iter().map(|p| p.date).min()?;
    let xs: Vec<f64> = points.iter().map(|p| years_between(origin, p.date)).collect();
    let mut slopes = Vec::with_capacity(points.len() * (points.len() - 1) / 2);
    for i in 0..points.len() {
        for j in i + 1..points.len() {
            let dx = xs[j] - xs[i];
            if dx.abs() > 1e-9 {
                slopes.push((points[j].value - points[i].value) / dx);
            }
        }
    }
    if slopes.is_empty() {
        return None;
    }
    slopes.sort_by(f64::total_cmp);
    let slope = median(&slopes);
    let mut intercepts: Vec<f64> = points.iter().zip(&xs).map(|(p, x)| p.value - slope * x).collect();
    intercepts.sort_by(f64::total_cmp);
    let intercept = median(&intercepts);
    let mut centre_xs = xs.clone();
    centre_xs.sort_by(f64::total_cmp);
    let centre_x = median(&centre_xs);
    let centre_y = intercept + slope * centre_x;
    let x = years_between(origin, date);
    let at = |s: f64| centre_y + s * (x - centre_x);
    let (a, b) = (at(quantile(&slopes, 0.1)), at(quantile(&slopes, 0.9)));
    Some(Forecast {
        date,
        value: at(slope),
        low: a.min(b),
        high: a.max(b),
        slope_per_year: slope,
        points: points.len(),
    })
}

/// How statuses roll up to a goal or an area: no data at all gives `NoData`; otherwise the share of items
/// with data that are off track decides (half or more: off track), and any item at risk or off track makes
/// the whole at risk; only when every item with data is on track is the whole on track.
pub fn roll_up(statuses: impl IntoIterator<Item = Status>) -> Status {
    let (mut with_data, mut at_risk, mut off_track) = (0usize, 0usize, 0usize);
    for status in statuses {
        match status {
            Status::NoData => {}
            Status::OnTrack => with_data += 1,
            Status::AtRisk => {
                with_data += 1;
                at_risk += 1;
            }
            Status::OffTrack => {
                with_data += 1;
                off_track += 1;
            }
        }
    }
    if with_data == 0 {
        Status::NoData
    } else if off_track * 2 >= with_data {
        Status::OffTrack
    } else if at_risk + off_track > 0 {
        Status::AtRisk
    } else {
        Status::OnTrack
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn obs(y: i32, value: f64) -> Observation {
        Observation {
            date: day(y, 12, 31),
            value,
        }
    }

    #[test]
    fn employment_rate_on_and_off_the_path_to_75_percent() {
        let (baseline, target) = (obs(2016, 70.0), obs(2021, 75.0));
        // Expected at the end of 2018: 72 %.
        assert_eq!(
            status(Direction::Increase, baseline, target, Some(obs(2018, 72.1))),
            Status::OnTrack
        );
        assert_eq!(
            status(Direction::Increase, baseline, target, Some(obs(2018, 71.9))),
            Status::OnTrack
        );
        assert_eq!(
            status(Direction::Increase, baseline, target, Some(obs(2018, 71.3))),
            Status::AtRisk
        );
        assert_eq!(
            status(Direction::Increase, baseline, target, Some(obs(2018, 70.5))),
            Status::OffTrack
        );
        assert_eq!(
            status(Direction::Increase, baseline, target, Some(obs(2018, 76.0))),
            Status::OnTrack
        );
        assert_eq!(status(Direction::Increase, baseline, target, None), Status::NoData);
    }

    #[test]
    fn lower_is_better_and_bands() {
        let (baseline, target) = (obs(2016, 10.0), obs(2021, 5.0));
        assert_eq!(
            status(Direction::Decrease, baseline, target, Some(obs(2018, 8.0))),
            Status::OnTrack
        );
        assert_eq!(
            status(Direction::Decrease, baseline, target, Some(obs(2018, 9.5))),
            Status::OffTrack
        );
        let band = Direction::Band { low: 2.0, high: 4.0 };
        assert_eq!(status(band, baseline, target, Some(obs(2018, 3.0))), Status::OnTrack);
        assert_eq!(status(band, baseline, target, Some(obs(2018, 4.3))), Status::AtRisk);
        assert_eq!(status(band, baseline, target, Some(obs(2018, 5.0))), Status::OffTrack);
    }

    #[test]
    fn a_ceiling_is_met_by_any_value_up_to_it() {
        // Investments of at most 280 M€ a year: 100 M€ is as good as 280 M€; the baseline is irrelevant.
        let ceiling = obs(2021, 280.0);
        for (baseline, latest, expected) in [
            (obs(2016, 500.0), 280.0, Status::OnTrack),
            (obs(2016, 0.0), 100.0, Status::OnTrack),
            (ceiling, 300.0, Status::AtRisk),
            (ceiling, 336.0, Status::AtRisk),
            (ceiling, 337.0, Status::OffTrack),
        ] {
            assert_eq!(
                status(Direction::Ceiling, baseline, ceiling, Some(obs(2018, latest))),
                expected,
                "{latest}"
            );
        }
        assert_eq!(status(Direction::Ceiling, ceiling, ceiling, None), Status::NoData);
    }

    #[test]
    fn theil_sen_ignores_one_outlier() {
        let mut points: Vec<Observation> = (2012..=2020).map(|y| obs(y, 60.0 + f64::from(y - 2012))).collect();
        points[4].value = 200.0;
        let f = forecast(&points, day(2021, 12, 31)).unwrap();
        assert!((f.slope_per_year - 1.0).abs() < 0.01, "{f:?}");
        assert!((f.value - 69.0).abs() < 0.1, "{f:?}");
        assert!(f.low <= f.value && f.value <= f.high);
        assert!(forecast(&points[..2], day(2021, 1, 1)).is_none());
    }

    #[test]
    fn roll_up_rule() {
        use Status::*;
        assert_eq!(roll_up([]), NoData);
        assert_eq!(roll_up([NoData, NoData]), NoData);
        assert_eq!(roll_up([OnTrack, NoData]), OnTrack);
        assert_eq!(roll_up([OnTrack, AtRisk, OnTrack]), AtRisk);
        assert_eq!(roll_up([OnTrack, OffTrack, OnTrack]), AtRisk);
        assert_eq!(roll_up([OnTrack, OffTrack]), OffTrack);
    }
}
