//! The yearly cascade: the organisations and regions a city reports for, the annual performance targets
//! (tulostavoitteet) derived from the council goals, the indicators (mittarit) that measure them with their
//! time series, and the progress of actions. Only stored facts live here; statuses, forecasts and roll-ups
//! are derived on read by [`super::situation`], so they can never drift from the facts.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

use super::indicator::{Direction, Observation};
use super::{ActionId, GoalId, IndicatorId, LocalizedText, Slug, TargetId};

/// Everything of the cascade a city holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cascade {
    pub organisations: Vec<Organisation>,
    pub regions: Vec<Region>,
    /// Sorted by id. Each indicator is shared between snapshots until a change copies it, so applying a
    /// change to one indicator does not copy the values of all the others.
    pub indicators: Vec<Arc<Indicator>>,
    /// Sorted by budget year, then id.
    pub targets: Vec<Target>,
    pub action_progress: Vec<ActionProgress>,
    /// The recorded approvals of budget years' targets, by year and then oldest first.
    pub year_approvals: Vec<super::year_approval::YearApproval>,
}

macro_rules! keyword_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The accepted keywords, for error messages.
            pub fn keywords() -> String {
                [$($text),+].join(", ")
            }
        }
    };
}

keyword_enum!(
    /// Where an organisation sits in the city's structure.
    OrgKind { City = "city", Department = "department", Enterprise = "enterprise", Unit = "unit" }
);

keyword_enum!(
    /// The kind of place a region is in the city structure of the strategy.
    RegionKind { City = "city", CityCentre = "city_centre", LocalCentre = "local_centre", PlannedCentre = "planned_centre" }
);

keyword_enum!(
    /// How often new values of an indicator are expected.
    Frequency { Monthly = "monthly", Quarterly = "quarterly", Annual = "annual", Irregular = "irregular" }
);

keyword_enum!(
    /// The audit committee's four grades for a target after its year.
    Grade { Achieved = "achieved", PartlyAchieved = "partly_achieved", NotAchieved = "not_achieved", NotAssessable = "not_assessable" }
);

keyword_enum!(
    /// Where a performance target stands on its way to the council: prepared by the organisation, proposed
    /// with the budget, approved by the council. Only approved targets are published.
    TargetStatus { Draft = "draft", Proposed = "proposed", Approved = "approved" }
);

keyword_enum!(
    /// Where an action stands, as its owner reports it.
    ActionState { NotStarted = "not_started", InProgress = "in_progress", Delayed = "delayed", Completed = "completed" }
);

#[derive(Debug, Clone, PartialEq)]
pub struct Organisation {
    pub slug: Slug,
    pub kind: OrgKind,
    /// `None` only for the city itself.
    pub parent: Option<Slug>,
    pub name: LocalizedText,
    /// The first day the organisation existed under this name, when a source dates it. A reorganisation is
    /// recorded as new organisations and an end date on the old ones, so targets of earlier years keep the
    /// names they were set under.
    pub valid_from: Option<NaiveDate>,
    /// The last day, when known; `None` means not recorded, not "for ever".
    pub valid_to: Option<NaiveDate>,
}

impl Organisation {
    /// Whether the organisation existed on some day of a budget year, as far as its recorded dates tell.
    pub fn existed_in(&self, year: i32) -> bool {
        let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            return false;
        };
        self.valid_from.is_none_or(|from| from <= last) && self.valid_to.is_none_or(|to| to >= first)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub slug: Slug,
    pub kind: RegionKind,
    pub name: LocalizedText,
}

/// A reference value of an indicator (baseline, target, milestone) and where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub date: NaiveDate,
    pub value: f64,
    /// Where the figure is stated, e.g. the strategy itself.
    pub basis: LocalizedText,
    /// An illustrative figure nobody has confirmed; shown as such everywhere.
    pub example: bool,
    /// The source gives the figure only roughly ("lähes 280 000", "yli 42 000").
    pub approximate: bool,
    /// The source gives no date for the figure; the date is Tarina's assumption (e.g. the start of the year
    /// the strategy was approved).
    pub date_assumed: bool,
}

impl Reference {
    pub fn observation(&self) -> Observation {
        Observation {
            date: self.date,
            value: self.value,
        }
    }
}

/// Who or what entered a value, when and from which source. Shared between the values of one import, so a
/// million values do not carry a million copies.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    /// Where the values come from, in three languages like every other text. A source typed into an import
    /// file is kept as typed, in the Finnish slot (the source language), without translations.
    pub source: LocalizedText,
    /// `data:<folder>`, `cli:import`, later `user:<id>` or `connector:<name>`.
    pub entered_by: String,
    pub entered_at: DateTime<Utc>,
    pub example: bool,
}

/// One value of an indicator in one region at one date.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    pub date: NaiveDate,
    pub value: f64,
    pub provenance: Arc<Provenance>,
}

/// A value that a later import replaced; kept so a correction never loses what was published before.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    pub region: Slug,
    pub date: NaiveDate,
    pub value: f64,
    pub provenance: Arc<Provenance>,
    pub replaced_at: DateTime<Utc>,
    pub replaced_by: String,
}

/// The values of an indicator in one region, oldest first, one per date.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub region: Slug,
    /// Shared between snapshots until a change copies it: a write to one region of an indicator with a
    /// million values copies that region's values, not all of them.
    pub values: Arc<Vec<Measurement>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub id: IndicatorId,
    pub slug: Slug,
    pub name: LocalizedText,
    pub definition: LocalizedText,
    pub unit: LocalizedText,
    /// Decimals shown when the value is written out.
    pub decimals: u8,
    pub direction: Direction,
    pub baseline: Option<Reference>,
    pub target: Option<Reference>,
    pub milestones: Vec<Reference>,
    /// Figures the source states as estimates or forecasts (the population passing 300,000 in 2022), not as
    /// goals: drawn on the chart, never judged against and never counted in the situational picture.
    pub projections: Vec<Reference>,
    pub source: LocalizedText,
    /// Under which terms the data may be reused, e.g. `CC BY 4.0`; `None` while the publisher has stated
    /// none (the city's internal follow-up), shown as "licence not stated" rather than claiming one.
    pub licence: Option<String>,
    pub frequency: Frequency,
    /// The regions it is reported for; the first is the headline (normally the whole city).
    pub regions: Vec<Slug>,
    /// The council goals it measures directly.
    pub goals: Vec<GoalId>,
    /// One series per region that has values, in the order of `regions`.
    pub series: Vec<Series>,
    /// Replaced values, oldest replacement first.
    pub corrections: Vec<Correction>,
    /// Where `tarina sync` fetches its values from, when they are published.
    pub connector: Option<super::connector::ConnectorSettings>,
}

impl Indicator {
    pub fn series(&self, region: &Slug) -> Option<&Series> {
        self.series.iter().find(|s| &s.region == region)
    }

    /// The series status and forecasts are judged on: the headline region's.
    pub fn headline_series(&self) -> Option<&Series> {
        self.regions.first().and_then(|r| self.series(r))
    }

    pub fn value_count(&self) -> usize {
        self.series.iter().map(|s| s.values.len()).sum()
    }
}

/// A target's grade after its year, with the reasons.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub grade: Grade,
    pub justification: LocalizedText,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub id: TargetId,
    pub year: i32,
    /// The organisation whose budget the target belongs to.
    pub organisation: Slug,
    /// The organisation answerable for reaching it (often the same).
    pub responsible: Slug,
    pub title: LocalizedText,
    pub goals: Vec<GoalId>,
    /// A binding target (sitova tavoite) set by the council.
    pub binding: bool,
    pub indicators: Vec<IndicatorId>,
    pub assessment: Option<Assessment>,
    /// The target this one was copied from, when a year was copied forward.
    pub copied_from: Option<TargetId>,
    pub example: bool,
    pub status: TargetStatus,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActionProgress {
    pub action: ActionId,
    pub state: ActionState,
    /// Per cent done, 0–100, when the owner gives one.
    pub percent: Option<u8>,
    pub as_of: NaiveDate,
    pub note: Option<LocalizedText>,
    pub example: bool,
}

/// Whether `text` has the one date form Tarina reads, `YYYY-MM-DD` with four, two and two digits (RFC 3339
/// `full-date`): it cannot be misread as 03.04.2018 can, and chrono alone would also accept `+2018-1-5`.
/// Whether the digits make a calendar date is the caller's next question.
pub fn has_full_date_shape(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// The earliest and latest budget years a target may have: guards against typos such as 20018.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

impl Cascade {
    /// Indicators are kept in id order (the loader and the store both sort them), so a lookup is a binary
    /// search: the situational picture looks up every indicator of every goal.
    pub fn indicator(&self, id: IndicatorId) -> Option<&Indicator> {
        self.indicators
            .binary_search_by_key(&id, |i| i.id)
            .ok()
            .map(|index| &*self.indicators[index])
    }

    pub fn region(&self, slug: &Slug) -> Option<&Region> {
        self.regions.iter().find(|r| &r.slug == slug)
    }

    pub fn organisation(&self, slug: &Slug) -> Option<&Organisation> {
        self.organisations.iter().find(|o| &o.slug == slug)
    }

    /// The budget years that have targets, oldest first.
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.targets.iter().map(|t| t.year).collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    pub fn targets_of_year(&self, year: i32) -> impl Iterator<Item = &Target> {
        self.targets.iter().filter(move |t| t.year == year)
    }

    /// The cascade as the public may see it: targets not yet approved by the council are left out. Indicators
    /// are shared, not copied, so this costs a few pointer copies per indicator.
    pub fn published(&self) -> Cascade {
        Cascade {
            organisations: self.organisations.clone(),
            regions: self.regions.clone(),
            indicators: self.indicators.clone(),
            targets: self
                .targets
                .iter()
                .filter(|t| t.status == TargetStatus::Approved)
                .cloned()
                .collect(),
            action_progress: self.action_progress.clone(),
            // Public: an override of the lint is shown with its reason wherever the year's targets are.
            year_approvals: self.year_approvals.clone(),
        }
    }

    /// The approval in force for `year`: its latest recorded one, while any of its targets stands approved.
    pub fn approval_of(&self, year: i32) -> Option<&super::year_approval::YearApproval> {
        let approved = self.targets_of_year(year).any(|t| t.status == TargetStatus::Approved);
        approved
            .then(|| self.year_approvals.iter().rev().find(|a| a.year == year))
            .flatten()
    }

    pub fn target(&self, id: TargetId) -> Option<&Target> {
        self.targets.iter().find(|t| t.id == id)
    }

    pub fn progress_of(&self, action: ActionId) -> Option<&ActionProgress> {
        self.action_progress.iter().find(|p| p.action == action)
    }
}

#[cfg(test)]
mod tests {
    use super::has_full_date_shape;

    #[test]
    fn only_four_two_two_digits_have_the_date_shape() {
        for good in ["2018-12-31", "2018-02-30", "0000-00-00"] {
            assert!(has_full_date_shape(good), "{good}");
        }
        for bad in [
            "",
            "2018-1-5",
            "+2018-01-05",
            "31.12.2018",
            "2018/12/31",
            "2018-12-31 ",
            "２018-12-31",
            "20181231",
        ] {
            assert!(!has_full_date_shape(bad), "{bad:?}");
        }
    }
}
