//! Reminders of updates that are due, and the weekly digest: when an action's status update or an indicator's
//! new value is due and when it is late, and which week a digest reports. Plain rules on dates, no I/O; the
//! job and the pages pass the time in, so tests choose it.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};

use super::access::Assignment;

/// How often an item should be updated: a status update of an action, a new value of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UpdateInterval {
    Monthly,
    Quarterly,
    Yearly,
}

impl UpdateInterval {
    pub const ALL: [UpdateInterval; 3] = [
        UpdateInterval::Monthly,
        UpdateInterval::Quarterly,
        UpdateInterval::Yearly,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            UpdateInterval::Monthly => "monthly",
            UpdateInterval::Quarterly => "quarterly",
            UpdateInterval::Yearly => "yearly",
        }
    }

    pub fn parse(text: &str) -> Option<UpdateInterval> {
        UpdateInterval::ALL.into_iter().find(|i| i.as_str() == text)
    }

    fn months(self) -> u32 {
        match self {
            UpdateInterval::Monthly => 1,
            UpdateInterval::Quarterly => 3,
            UpdateInterval::Yearly => 12,
        }
    }
}

/// How long after its due date an item counts as late: time for a reminder to be read and acted on before the
/// strategy office sees the item on its overdue list.
pub const GRACE_DAYS: u64 = 14;

/// When the next update is due: one interval after the last update, or, for an item never updated, after the
/// interval was set. Calendar months, so a monthly item updated on 31 January is due on 28 (or 29) February.
pub fn due_on(since: DateTime<Utc>, interval: UpdateInterval) -> NaiveDate {
    let day = since.date_naive();
    day.checked_add_months(Months::new(interval.months()))
        .unwrap_or(NaiveDate::MAX)
}

/// The first day an item due on `due` is late.
pub fn late_from(due: NaiveDate) -> NaiveDate {
    due.checked_add_days(Days::new(GRACE_DAYS)).unwrap_or(NaiveDate::MAX)
}

/// Where an item stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    /// Updated within its interval.
    Current,
    /// The update is due (its owners are reminded once) but the grace period has not run out.
    Due,
    /// Past its due date and the grace period: on the overdue list.
    Late,
}

pub fn standing(due: NaiveDate, today: NaiveDate) -> Standing {
    if today >= late_from(due) {
        Standing::Late
    } else if today >= due {
        Standing::Due
    } else {
        Standing::Current
    }
}

/// One item with an interval, and what decides where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub item: Assignment,
    pub interval: UpdateInterval,
    /// When the interval was set: where the first period starts for an item never updated.
    pub set_at: DateTime<Utc>,
    /// The latest status update (an action) or the latest value entered (an indicator).
    pub last_update: Option<DateTime<Utc>>,
}

impl Schedule {
    /// The latest update counts, but never one from before the interval was set: setting an interval on an
    /// item left alone for years should not make it late that same day, only after one interval.
    pub fn due_on(&self) -> NaiveDate {
        let since = self.last_update.map_or(self.set_at, |last| last.max(self.set_at));
        due_on(since, self.interval)
    }

    pub fn standing(&self, now: DateTime<Utc>) -> Standing {
        standing(self.due_on(), now.date_naive())
    }
}

/// The week a digest sent at `now` reports: the last whole week (Monday to Sunday, UTC) before the one `now`
/// is in, as its Monday and the Monday after it.
pub fn digest_week(now: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
    let today = now.date_naive();
    let this_monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
    (this_monday - Days::new(7), this_monday)
}

/// What kind of item an assignment is, as the database and the addresses name it.
pub fn kind(item: Assignment) -> &'static str {
    match item {
        Assignment::Action(_) => "action",
        Assignment::Indicator(_) => "indicator",
    }
}

/// The item of `kind` and `id`, as [`kind`] names it.
pub fn item(kind: &str, id: &str) -> Option<Assignment> {
    match kind {
        "action" => id.parse().ok().map(Assignment::Action),
        "indicator" => id.parse().ok().map(Assignment::Indicator),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone as _;

    use super::*;
    use crate::domain::ActionId;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn an_interval_after_the_last_update_in_calendar_months() {
        assert_eq!(due_on(at(2024, 1, 31), UpdateInterval::Monthly), day(2024, 2, 29));
        assert_eq!(due_on(at(2024, 11, 15), UpdateInterval::Quarterly), day(2025, 2, 15));
        assert_eq!(due_on(at(2024, 2, 29), UpdateInterval::Yearly), day(2025, 2, 28));
    }

    #[test]
    fn due_on_the_day_and_late_after_the_grace() {
        let due = day(2024, 3, 1);
        assert_eq!(standing(due, day(2024, 2, 29)), Standing::Current);
        assert_eq!(standing(due, due), Standing::Due);
        assert_eq!(standing(due, day(2024, 3, 14)), Standing::Due);
        assert_eq!(standing(due, day(2024, 3, 15)), Standing::Late);
    }

    #[test]
    fn an_item_never_updated_counts_from_when_its_interval_was_set() {
        let mut schedule = Schedule {
            item: Assignment::Action(ActionId::new(1).unwrap()),
            interval: UpdateInterval::Monthly,
            set_at: at(2024, 5, 10),
            last_update: None,
        };
        assert_eq!(schedule.due_on(), day(2024, 6, 10));
        schedule.last_update = Some(at(2019, 1, 1));
        assert_eq!(
            schedule.due_on(),
            day(2024, 6, 10),
            "an old update does not make it late at once"
        );
        schedule.last_update = Some(at(2024, 6, 2));
        assert_eq!(schedule.due_on(), day(2024, 7, 2));
        assert_eq!(schedule.standing(at(2024, 7, 16)), Standing::Late);
    }

    #[test]
    fn the_digest_reports_the_last_whole_week() {
        // 2024-06-12 is a Wednesday; the week before began on Monday 3 June.
        assert_eq!(digest_week(at(2024, 6, 12)), (day(2024, 6, 3), day(2024, 6, 10)));
        assert_eq!(digest_week(at(2024, 6, 10)), (day(2024, 6, 3), day(2024, 6, 10)));
        assert_eq!(digest_week(at(2024, 6, 9)), (day(2024, 5, 27), day(2024, 6, 3)));
    }

    #[test]
    fn intervals_and_items_read_back() {
        for interval in UpdateInterval::ALL {
            assert_eq!(UpdateInterval::parse(interval.as_str()), Some(interval));
        }
        assert_eq!(UpdateInterval::parse("weekly"), None);
        let action = Assignment::Action(ActionId::new(7).unwrap());
        assert_eq!(item(kind(action), "7"), Some(action));
        assert_eq!(item("target", "7"), None);
        assert_eq!(item("action", "x"), None);
    }
}
