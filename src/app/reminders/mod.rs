//! Reminders of due updates, alike for the job, the overdue list and "remind now": where each item with an
//! update interval stands, and the emails to its owners, each in the owner's language. The owners are the
//! existing owner relation: active action owners with the item among their assignments. `now` is passed in
//! and decides what is due, so tests choose the day; what is written (the record, and the emails, which the
//! outbox sends once their time has come) carries the clock's time, so a test's day in the future does not
//! hold the emails back until then.

pub mod digest;

use chrono::{DateTime, NaiveDate, Utc};

use crate::app::mail::new_message_id;
use crate::domain::access::{Account, Assignment, Role};
use crate::domain::cascade::Cascade;
use crate::domain::change::Change;
use crate::domain::mail::{message_id_host, MailPurpose, NewMail};
use crate::domain::reminders::{Schedule, Standing};
use crate::domain::{Lang, Strategy};
use crate::i18n::I18n;
use crate::store::reminders::{Cause, NewReminder};
use crate::store::{Store, StoreResult};

/// Where the names of items come from: the strategy (actions) and its cascade (indicators).
#[derive(Clone, Copy)]
pub struct Names<'a> {
    pub strategy: &'a Strategy,
    pub cascade: &'a Cascade,
}

impl Names<'_> {
    /// The item's name in `lang`, Finnish when it has no translation; its number when it no longer exists.
    pub fn name(&self, item: Assignment, lang: Lang) -> String {
        let text = match item {
            Assignment::Action(id) => self.strategy.actions().find(|a| a.id == id).map(|a| &a.title),
            Assignment::Indicator(id) => self.cascade.indicators.iter().find(|i| i.id == id).map(|i| &i.name),
        };
        match text {
            Some(text) => text.get(lang).unwrap_or(text.fi.as_str()).to_owned(),
            None => format!("#{}", id_of(item)),
        }
    }

    /// Whether the item is in the strategy (an action) or its cascade (an indicator).
    pub fn exists(&self, item: Assignment) -> bool {
        match item {
            Assignment::Action(id) => self.strategy.actions().any(|a| a.id == id),
            Assignment::Indicator(id) => self.cascade.indicators.iter().any(|i| i.id == id),
        }
    }
}

pub fn id_of(item: Assignment) -> u32 {
    match item {
        Assignment::Action(id) => id.get(),
        Assignment::Indicator(id) => id.get(),
    }
}

/// The staff page where the owner makes the update: an action's progress, an indicator's values.
pub fn update_path(item: Assignment, lang: Lang) -> String {
    match item {
        Assignment::Action(id) => format!("/staff/{lang}/actions/{id}/progress"),
        Assignment::Indicator(id) => format!("/staff/{lang}/indicators/{id}/values"),
    }
}

/// One item with an interval, where it stands, and who answers for it.
#[derive(Debug, Clone)]
pub struct ItemStanding {
    pub schedule: Schedule,
    pub due_on: NaiveDate,
    pub standing: Standing,
    pub owners: Vec<Account>,
    pub last_reminded: Option<DateTime<Utc>>,
}

/// The active action owners of `item`.
pub fn owners_of(accounts: &[Account], item: Assignment) -> Vec<Account> {
    accounts
        .iter()
        .filter(|a| a.active && a.role == Role::ActionOwner && a.assignments.contains(&item))
        .cloned()
        .collect()
}

/// Every item of the strategy with an interval, as it stands at `now`, most overdue first.
pub async fn standings(store: &dyn Store, names: Names<'_>, now: DateTime<Utc>) -> StoreResult<Vec<ItemStanding>> {
    let schedules = store.schedules(names.strategy.city.slug.as_str()).await?;
    // Nothing has an interval (as in a city that does not use reminders): no owners or reminders to look up.
    if schedules.is_empty() {
        return Ok(Vec::new());
    }
    let accounts = store.accounts().await?;
    let reminded = store.last_reminders().await?;
    let mut items: Vec<ItemStanding> = schedules
        .into_iter()
        .filter(|schedule| names.exists(schedule.item))
        .map(|schedule| ItemStanding {
            due_on: schedule.due_on(),
            standing: schedule.standing(now),
            owners: owners_of(&accounts, schedule.item),
            last_reminded: reminded
                .iter()
                .find(|(item, _)| *item == schedule.item)
                .map(|(_, at)| *at),
            schedule,
        })
        .collect();
    items.sort_by_key(|i| (std::cmp::Reverse(i.standing), i.due_on));
    Ok(items)
}

/// The reminder emails of one item, one per owner in the owner's language.
fn reminder_mail(i18n: &I18n, names: Names<'_>, link_base: &str, item: &ItemStanding, cause: Cause) -> Vec<NewMail> {
    let host = message_id_host(link_base);
    item.owners
        .iter()
        .map(|owner| {
            let lang = owner.language;
            let name = names.name(item.schedule.item, lang);
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("name", owner.display_name.clone());
            args.set("item", name.clone());
            args.set("kind", crate::domain::reminders::kind(item.schedule.item));
            args.set("due", item.due_on.format("%Y-%m-%d").to_string());
            args.set(
                "last",
                item.schedule.last_update.map_or_else(
                    || i18n.text(lang, "reminder-never"),
                    |at| at.format("%Y-%m-%d").to_string(),
                ),
            );
            args.set(
                "interval",
                i18n.text(lang, &format!("interval-{}", item.schedule.interval.as_str())),
            );
            args.set("link", format!("{link_base}{}", update_path(item.schedule.item, lang)));
            args.set("late", if item.standing == Standing::Late { "yes" } else { "no" });
            args.set("manual", if cause == Cause::Manual { "yes" } else { "no" });
            let subject_args = {
                let mut a = fluent_bundle::FluentArgs::new();
                a.set("item", name);
                a
            };
            NewMail {
                message_id: new_message_id(&host),
                purpose: MailPurpose::Reminder,
                recipient: owner.email.clone(),
                language: lang,
                subject: i18n.message(lang, "mail-reminder-subject", Some(&subject_args)),
                body_text: i18n.message(lang, "mail-reminder-body", Some(&args)),
            }
        })
        .collect()
}

/// The job's work: every item whose update is due (or late) gets one reminder per due date, to each owner.
/// The record and the emails are one transaction, so running this again, on any server, sends nothing more.
/// How many items were reminded of.
pub async fn remind_due(store: &dyn Store, i18n: &I18n, link_base: &str, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let Some(strategy) = store.current_strategy().await? else {
        return Ok(0);
    };
    let cascade = store.cascade_outline(strategy.city.slug.as_str()).await?;
    let names = Names {
        strategy: &strategy,
        cascade: &cascade,
    };
    let change = Change::new("job:reminders", "an update of the item is due by its update interval");
    let mut reminded = 0;
    for item in standings(store, names, now).await? {
        if item.standing == Standing::Current || item.owners.is_empty() {
            continue;
        }
        let mail = reminder_mail(i18n, names, link_base, &item, Cause::Due);
        let reminder = NewReminder {
            item: item.schedule.item,
            cause: Cause::Due,
            due_on: item.due_on,
            mail: &mail,
        };
        if store.record_reminder(&reminder, &change, Utc::now()).await? {
            reminded += 1;
        }
    }
    Ok(reminded)
}

/// Why reminding by hand did not happen.
#[derive(Debug, thiserror::Error)]
pub enum RemindError {
    /// The item has no interval, or no longer exists.
    #[error("the item has no update interval")]
    NotScheduled,
    /// Nobody answers for it: there is nobody to email.
    #[error("the item has no owner")]
    NoOwners,
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// A person reminds an item's owners now, whatever its standing; how many emails were queued.
pub async fn remind_now(
    store: &dyn Store,
    i18n: &I18n,
    names: Names<'_>,
    link_base: &str,
    item: Assignment,
    change: &Change,
    now: DateTime<Utc>,
) -> Result<usize, RemindError> {
    let found = standings(store, names, now)
        .await?
        .into_iter()
        .find(|i| i.schedule.item == item)
        .ok_or(RemindError::NotScheduled)?;
    if found.owners.is_empty() {
        return Err(RemindError::NoOwners);
    }
    let mail = reminder_mail(i18n, names, link_base, &found, Cause::Manual);
    let reminder = NewReminder {
        item,
        cause: Cause::Manual,
        due_on: found.due_on,
        mail: &mail,
    };
    store.record_reminder(&reminder, change, Utc::now()).await?;
    Ok(mail.len())
}

/// Sets how often `item` should be updated (`None`: no reminders); `false` when it was so already. Who may is
/// the caller's to check, against the policy's `ScheduleUpdates`.
pub async fn set_interval(
    store: &dyn Store,
    item: Assignment,
    interval: Option<crate::domain::reminders::UpdateInterval>,
    change: &Change,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    store.set_update_interval(item, interval, change, now).await
}

/// A person says yes (`receive`) or no to the weekly digest for themselves.
pub async fn set_digest(store: &dyn Store, account: &Account, receive: bool, now: DateTime<Utc>) -> StoreResult<bool> {
    let change = Change::new(
        format!("user:{}", account.id),
        if receive {
            "the person asked for the weekly digest on their own page"
        } else {
            "the person said no to the weekly digest on their own page"
        },
    );
    store.set_digest_opt_out(account.id, !receive, &change, now).await
}

#[cfg(test)]
mod tests {
    use crate::domain::Lang;

    /// Every variant of the reminder reads as a message in every language: the link alone on its line, so mail
    /// programs make it clickable, and no placeholder left unfilled.
    #[test]
    fn the_reminder_reads_in_every_language_and_variant() {
        let i18n = crate::i18n::I18n::load().unwrap();
        for lang in Lang::ALL {
            for (kind, late, manual) in [("action", "yes", "no"), ("indicator", "no", "yes")] {
                let mut args = fluent_bundle::FluentArgs::new();
                args.set("name", "Maija");
                args.set("item", "Koulut kuntoon");
                args.set("kind", kind);
                args.set("due", "2024-03-01");
                args.set("last", "2024-02-01");
                args.set("interval", i18n.text(lang, "interval-monthly"));
                args.set("link", "https://tarina.example/staff/fi/actions/3/progress");
                args.set("late", late);
                args.set("manual", manual);
                let body = i18n.message(lang, "mail-reminder-body", Some(&args));
                assert!(
                    body.contains("\n\nhttps://tarina.example/staff/fi/actions/3/progress\n\n"),
                    "{lang}: {body}"
                );
                assert!(body.contains("Maija") && body.contains("2024-03-01"), "{lang}: {body}");
                assert!(!body.contains('{') && !body.contains("  "), "{lang}: {body}");
                let after_due = body.split("2024-03-01").nth(1).and_then(|rest| rest.chars().next());
                assert!(matches!(after_due, Some(' ' | ';')), "{lang}: {body}");
            }
        }
    }
}
