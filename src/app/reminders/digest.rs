//! The weekly digest of an organisation: what of its items was updated in the last whole week and what is
//! late, to the organisation's accounts that have not said no to it. An organisation's items are the
//! indicators its targets (or its units') measure, as the access policy reckons them; actions belong to no
//! organisation, so they go to the city-wide organisations (those without a parent). A week with nothing to
//! say sends nothing. Each organisation gets one digest a week, however often the job runs. As with the
//! reminders, `now` decides which week is reported and what is late; what is written carries the clock's time.

use chrono::{DateTime, Days, Utc};

use super::{standings, Names};
use crate::app::mail::new_message_id;
use crate::domain::access::policy::{indicator_owners, is_within};
use crate::domain::access::{Account, Assignment};
use crate::domain::cascade::Organisation;
use crate::domain::change::Change;
use crate::domain::mail::{message_id_host, MailPurpose, NewMail};
use crate::domain::reminders::{digest_week, Standing};
use crate::domain::Lang;
use crate::i18n::I18n;
use crate::store::Store;

/// Whether `item` is one of `organisation`'s.
fn belongs(names: Names<'_>, organisation: &Organisation, item: Assignment) -> bool {
    let tree = &names.cascade.organisations;
    match item {
        Assignment::Action(_) => organisation.parent.is_none(),
        Assignment::Indicator(id) => indicator_owners(names.cascade, id)
            .iter()
            .any(|owner| is_within(owner, &organisation.slug, tree)),
    }
}

fn lines(items: &[(Assignment, String)], names: Names<'_>, i18n: &I18n, lang: Lang, key: &str) -> String {
    if items.is_empty() {
        return i18n.text(lang, "digest-nothing");
    }
    items
        .iter()
        .map(|(item, detail)| {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("item", names.name(*item, lang));
            args.set("kind", crate::domain::reminders::kind(*item));
            args.set("detail", detail.clone());
            format!("- {}", i18n.message(lang, key, Some(&args)))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The job's work: each organisation's digest of the last whole week before `now`, once. How many were sent.
pub async fn send_digests(
    store: &dyn Store,
    i18n: &I18n,
    link_base: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let Some(strategy) = store.current_strategy().await? else {
        return Ok(0);
    };
    let city = strategy.city.slug.as_str().to_owned();
    let cascade = store.cascade_outline(&city).await?;
    let names = Names {
        strategy: &strategy,
        cascade: &cascade,
    };
    let (week_of, week_end) = digest_week(now);
    let from = week_of.and_time(chrono::NaiveTime::MIN).and_utc();
    let to = week_end.and_time(chrono::NaiveTime::MIN).and_utc();
    let changes = store.changes_between(&city, from, to).await?;
    let late: Vec<_> = standings(store, names, now)
        .await?
        .into_iter()
        .filter(|i| i.standing == Standing::Late)
        .collect();
    let accounts = store.accounts().await?;
    let opted_out = store.digest_opt_outs().await?;
    let host = message_id_host(link_base);
    let change = Change::new("job:digest", "the weekly digest of the organisation's updates");
    let mut sent = 0;
    for organisation in &cascade.organisations {
        let recipients: Vec<&Account> = accounts
            .iter()
            .filter(|a| a.active && a.organisation.as_ref() == Some(&organisation.slug) && !opted_out.contains(&a.id))
            .collect();
        let changed: Vec<(Assignment, String)> = changes
            .iter()
            .filter(|c| belongs(names, organisation, c.item))
            .map(|c| (c.item, c.count.to_string()))
            .collect();
        let overdue: Vec<(Assignment, String)> = late
            .iter()
            .filter(|i| belongs(names, organisation, i.schedule.item))
            .map(|i| (i.schedule.item, i.due_on.format("%Y-%m-%d").to_string()))
            .collect();
        if recipients.is_empty() || (changed.is_empty() && overdue.is_empty()) {
            continue;
        }
        let last_day = week_end - Days::new(1);
        let mail: Vec<NewMail> = recipients
            .iter()
            .map(|account| {
                let lang = account.language;
                let org_name = organisation
                    .name
                    .get(lang)
                    .unwrap_or(organisation.name.fi.as_str())
                    .to_owned();
                let mut args = fluent_bundle::FluentArgs::new();
                args.set("name", account.display_name.clone());
                args.set("organisation", org_name.clone());
                args.set("from", week_of.format("%Y-%m-%d").to_string());
                args.set("to", last_day.format("%Y-%m-%d").to_string());
                args.set("changed", lines(&changed, names, i18n, lang, "digest-changed-line"));
                args.set("late", lines(&overdue, names, i18n, lang, "digest-late-line"));
                args.set("link", format!("{link_base}/staff/{lang}/"));
                let mut subject = fluent_bundle::FluentArgs::new();
                subject.set("organisation", org_name);
                subject.set("from", week_of.format("%Y-%m-%d").to_string());
                NewMail {
                    message_id: new_message_id(&host),
                    purpose: MailPurpose::Digest,
                    recipient: account.email.clone(),
                    language: lang,
                    subject: i18n.message(lang, "mail-digest-subject", Some(&subject)),
                    body_text: i18n.message(lang, "mail-digest-body", Some(&args)),
                }
            })
            .collect();
        if store
            .record_digest(organisation.slug.as_str(), week_of, &mail, &change, Utc::now())
            .await?
        {
            sent += 1;
        }
    }
    Ok(sent)
}
