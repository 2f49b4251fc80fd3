//! Reminders by email and the weekly digest, on both backends, through a real SMTP server the tests start:
//! an item whose update is due reminds its owner once, in the owner's language, however often the job runs;
//! the strategy office's overdue list shows late items with their owners and reminds them by hand (a reason,
//! audited), and nobody else may see it; who may set an interval; the weekly digest goes once a week to an
//! organisation's accounts, but not to one that said no. Time is chosen by passing `now` to the use cases, or
//! by moving an interval's start into the past, never by waiting.

mod common;

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use common::browser::{account, signed_in, Browser, PASSWORD};
use common::smtp::SmtpSink;
use common::{Backend, TestApp, TestDb};
use reqwest::StatusCode;
use tarina::app::accounts::password::PasswordHasher;
use tarina::app::mail::{MailSettings, SmtpSettings, TlsMode};
use tarina::domain::access::{AccountChanges, Assignment, NewAccount, Password, Role};
use tarina::domain::change::{Change, NewValue};
use tarina::domain::{ActionId, IndicatorId, Lang, Slug};
use tarina::i18n::I18n;

/// A server that runs jobs and sends mail to `sink`.
async fn mail_app(backend: Backend, sink: &SmtpSink) -> Option<TestApp> {
    let db = Arc::new(TestDb::new(backend).await?);
    let smtp = SmtpSettings {
        host: "127.0.0.1".into(),
        port: sink.port(),
        tls: TlsMode::None,
        user: None,
        password: None,
        timeout: Duration::from_secs(5),
    };
    Some(
        common::spawn_configured(db, |config| {
            config.jobs = Some(tarina::jobs::JobSettings {
                lease: Duration::from_secs(5),
                poll: Duration::from_millis(20),
                retry_base: Duration::from_millis(100),
                ..tarina::jobs::JobSettings::default()
            });
            config.site.mail = MailSettings {
                smtp: Some(smtp),
                from: "Tarina <tarina@espoo.fi>".into(),
            };
        })
        .await,
    )
}

/// An account in `lang`, owning `items` when it is an action owner; its id.
async fn person(
    app: &TestApp,
    email: &str,
    role: Role,
    organisation: Option<&str>,
    lang: Lang,
    items: Vec<Assignment>,
) -> i64 {
    let store = app.db.store().await;
    let organisation = organisation.map(|o| Slug::parse(o).unwrap());
    let new = NewAccount::new(email, email, role, organisation.clone(), lang).unwrap();
    let hasher = PasswordHasher::new(1, 0).unwrap();
    let password = Password::new(PASSWORD.into()).unwrap();
    let change = Change::new("test", "test");
    let id = tarina::app::accounts::add_account(store.as_ref(), &hasher, &new, Some(&password), &change)
        .await
        .unwrap();
    if !items.is_empty() {
        let changes = AccountChanges::new(role, organisation, true, items).unwrap();
        store.update_account(id, &changes, &change, Utc::now()).await.unwrap();
    }
    id
}

/// The first action and the first indicator of the bundled strategy, and the city-wide organisation.
async fn items(app: &TestApp) -> (ActionId, IndicatorId, String) {
    let store = app.db.store().await;
    let strategy = store.current_strategy().await.unwrap().unwrap();
    let outline = store.cascade_outline(strategy.city.slug.as_str()).await.unwrap();
    let action = strategy.actions().next().unwrap().id;
    let root = outline.organisations.iter().find(|o| o.parent.is_none()).unwrap();
    (action, outline.indicators[0].id, root.slug.to_string())
}

async fn set_interval(app: &TestApp, browser: &mut Browser, kind: &str, id: &str, interval: &str) -> reqwest::Response {
    let path = format!("/staff/en/reminders/{kind}/{id}");
    browser
        .submit(app, &path, &[("interval", interval), ("reason", "seuranta")])
        .await
}

/// Moves the start of every interval and the entry of every value years back, as if the intervals had been set
/// and the values entered long ago.
async fn backdate(db: &TestDb) {
    for sql in [
        "UPDATE update_intervals SET set_at = '2020-01-01T00:00:00.000000Z'",
        "UPDATE provenances SET entered_at = '2019-06-01T00:00:00.000000Z'",
    ] {
        match db.backend {
            Backend::Sqlite => {
                let mut c = <sqlx::SqliteConnection as sqlx::Connection>::connect(&db.url)
                    .await
                    .unwrap();
                sqlx::query(sql).execute(&mut c).await.unwrap();
            }
            Backend::Postgres => {
                let mut c = <sqlx::PgConnection as sqlx::Connection>::connect(&db.url)
                    .await
                    .unwrap();
                sqlx::query(sql).execute(&mut c).await.unwrap();
            }
        }
    }
}

/// Waits until `count` emails have reached the owner in the second test; those emails, oldest first.
async fn owner_mail(sink: &SmtpSink, count: usize) -> Vec<common::smtp::Received> {
    for _ in 0..500 {
        let found: Vec<_> = sink
            .received()
            .into_iter()
            .filter(|m| m.to == ["omistaja@espoo.fi"])
            .collect();
        if found.len() >= count {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the owner did not get {count} emails");
}

fn base(app: &TestApp) -> String {
    format!("http://{}", app.addr)
}

async fn due_items_remind_their_owners_once(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = mail_app(backend, &sink).await else {
        return;
    };
    let (action, indicator, _) = items(&app).await;
    account(&app, "admin@espoo.fi", Role::Admin, None).await;
    let mut admin = signed_in(&app, "admin@espoo.fi").await;
    person(
        &app,
        "agneta@espoo.fi",
        Role::ActionOwner,
        None,
        Lang::Sv,
        vec![Assignment::Action(action)],
    )
    .await;
    person(
        &app,
        "emma@espoo.fi",
        Role::ActionOwner,
        None,
        Lang::En,
        vec![Assignment::Indicator(indicator)],
    )
    .await;

    // The action's progress page and the indicator's definition link to the interval's form.
    let progress = admin.get(&app, &format!("/staff/en/actions/{action}/progress")).await;
    assert!(progress
        .text()
        .await
        .unwrap()
        .contains(&format!("href=\"/staff/en/reminders/action/{action}\"")));
    let form = admin.get(&app, &format!("/staff/en/reminders/action/{action}")).await;
    assert_eq!(form.status(), StatusCode::OK);
    assert!(
        form.text().await.unwrap().contains("agneta@espoo.fi"),
        "the owner is listed"
    );

    // A missing reason or an unknown interval comes back with its errors; a good form is saved and audited.
    let bad = admin
        .submit(
            &app,
            &format!("/staff/en/reminders/action/{action}"),
            &[("interval", "weekly"), ("reason", "")],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let bad = bad.text().await.unwrap();
    assert!(
        bad.contains("Choose an interval from the list.") && bad.contains("Give a reason"),
        "{bad}"
    );
    let saved = set_interval(&app, &mut admin, "action", &action.to_string(), "monthly").await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let saved = set_interval(&app, &mut admin, "indicator", &indicator.to_string(), "quarterly").await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let store = app.db.store().await;
    let audit = store.audit_entries(&Default::default(), 1000, 0).await.unwrap();
    assert_eq!(audit.iter().filter(|e| e.action == "reminders.interval").count(), 2);

    // Nothing is due yet.
    let i18n = I18n::load().unwrap();
    let now = Utc::now();
    let sent = tarina::app::reminders::remind_due(store.as_ref(), &i18n, &base(&app), now)
        .await
        .unwrap();
    assert_eq!(sent, 0);

    // Forty days on the monthly action is due: one email to its owner, in Swedish.
    let later = now + chrono::Duration::days(40);
    let sent = tarina::app::reminders::remind_due(store.as_ref(), &i18n, &base(&app), later)
        .await
        .unwrap();
    assert_eq!(sent, 1);
    let arrived = sink.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(arrived[0].to, ["agneta@espoo.fi"]);
    let text = arrived[0].text();
    assert!(
        text.contains("Hej agneta@espoo.fi") && text.contains("lägesuppdatering"),
        "{text}"
    );
    assert!(
        text.contains(&format!("{}/staff/sv/actions/{action}/progress", base(&app))),
        "{text}"
    );

    // Running the job again, the same day or later in the same period, sends nothing more.
    for days in [40, 45, 50] {
        let at = now + chrono::Duration::days(days);
        let sent = tarina::app::reminders::remind_due(store.as_ref(), &i18n, &base(&app), at)
            .await
            .unwrap();
        assert_eq!(sent, 0, "day {days}");
    }

    // A hundred days on the quarterly indicator is due too: its owner is reminded in English, the action's owner
    // not again (its due date has not moved, as nothing was updated).
    let much_later = now + chrono::Duration::days(100);
    let sent = tarina::app::reminders::remind_due(store.as_ref(), &i18n, &base(&app), much_later)
        .await
        .unwrap();
    assert_eq!(sent, 1);
    let arrived = sink.wait_for(2, Duration::from_secs(10)).await;
    assert_eq!(arrived[1].to, ["emma@espoo.fi"]);
    let text = arrived[1].text();
    assert!(text.contains("Record a new value here:"), "{text}");
    assert!(arrived[1].header("Subject").unwrap().contains("Update due"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.received_count(), 2);
}

async fn the_overdue_list_reminds_by_hand_and_only_the_office_sees_it(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = mail_app(backend, &sink).await else {
        return;
    };
    let (action, indicator, root) = items(&app).await;
    account(&app, "strategia@espoo.fi", Role::StrategyEditor, None).await;
    let mut office = signed_in(&app, "strategia@espoo.fi").await;
    person(
        &app,
        "omistaja@espoo.fi",
        Role::ActionOwner,
        None,
        Lang::Fi,
        vec![Assignment::Action(action)],
    )
    .await;
    let mut owner = signed_in(&app, "omistaja@espoo.fi").await;
    account(&app, "osasto@espoo.fi", Role::DepartmentEditor, Some(&root)).await;
    let mut department = signed_in(&app, "osasto@espoo.fi").await;
    account(&app, "katsoja@espoo.fi", Role::Viewer, None).await;
    let mut viewer = signed_in(&app, "katsoja@espoo.fi").await;

    // Who may set intervals: the office for actions; a department editor for its organisation's indicators
    // only, since actions belong to no organisation; an owner and a viewer for nothing.
    let (a, i) = (action.to_string(), indicator.to_string());
    assert_eq!(
        set_interval(&app, &mut department, "action", &a, "monthly")
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        set_interval(&app, &mut owner, "action", &a, "monthly").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        set_interval(&app, &mut viewer, "indicator", &i, "monthly")
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        set_interval(&app, &mut department, "indicator", &i, "yearly")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        set_interval(&app, &mut office, "action", &a, "monthly").await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        set_interval(&app, &mut office, "action", "999999", "monthly")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    // Nothing is late yet.
    let page = office.get(&app, "/staff/en/reminders").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("Nothing is late."));

    // The intervals were set long ago and nothing was updated since: both items are late. The job, run by the
    // server, reminds the action's owner (the indicator has none).
    backdate(&app.db).await;
    let store = app.db.store().await;
    let job = tarina::jobs::SendReminders { link_base: base(&app) };
    tarina::jobs::enqueue(store.as_ref(), &job).await.unwrap();
    let to_owner = owner_mail(&sink, 1).await;
    assert!(
        to_owner[0].text().contains("ja on nyt myöhässä"),
        "{}",
        to_owner[0].text()
    );
    // The same run sends the department's digest of last week, which lists the late items.
    let digest = sink.wait_for(2, Duration::from_secs(10)).await;
    let digest = digest.iter().find(|m| m.to == ["osasto@espoo.fi"]).expect("the digest");
    assert!(digest.text().contains("Myöhässä:"), "{}", digest.text());

    let page = office.get(&app, "/staff/en/reminders").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("omistaja@espoo.fi") && html.contains("2020-02-01"),
        "{html}"
    );
    assert!(
        html.contains("No owner: give the item"),
        "the indicator has no owner: {html}"
    );
    assert!(html.contains(&format!("/staff/en/reminders/action/{action}/remind")));
    assert!(!html.contains(&format!("/staff/en/reminders/indicator/{indicator}/remind")));

    // Nobody but the office sees it or reminds.
    for (who, browser) in [
        ("owner", &mut owner),
        ("department", &mut department),
        ("viewer", &mut viewer),
    ] {
        assert_eq!(
            browser.get(&app, "/staff/en/reminders").await.status(),
            StatusCode::FORBIDDEN,
            "{who}"
        );
        let remind = browser
            .submit(
                &app,
                &format!("/staff/en/reminders/action/{action}/remind"),
                &[("reason", "x")],
            )
            .await;
        assert_eq!(remind.status(), StatusCode::FORBIDDEN, "{who}");
    }
    assert_eq!(
        Browser::default().get(&app, "/staff/en/reminders").await.status(),
        StatusCode::SEE_OTHER
    );
    let forged = app
        .client
        .post(app.url(&format!("/staff/en/reminders/action/{action}/remind")))
        .header("cookie", office.cookie_header())
        .form(&[("reason", "x"), ("csrf", "wrong")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);

    // Reminding by hand needs a reason; then the owner gets another email at once, audited with the person.
    let path = format!("/staff/en/reminders/action/{action}/remind");
    let empty = office.submit(&app, &path, &[("reason", " ")]).await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.text().await.unwrap().contains("aria-invalid=\"true\""));
    let reminded = office
        .submit(&app, &path, &[("reason", "kuukausiraportti puuttuu")])
        .await;
    assert_eq!(reminded.status(), StatusCode::SEE_OTHER);
    let to_owner = owner_mail(&sink, 2).await;
    assert!(
        to_owner[1].text().contains("Strategiayksikkö muistuttaa"),
        "{}",
        to_owner[1].text()
    );
    let audit = store.audit_entries(&Default::default(), 1000, 0).await.unwrap();
    let manual = audit
        .iter()
        .find(|e| e.action == "reminders.remind" && e.reason == "kuukausiraportti puuttuu")
        .expect("the reminder is audited");
    assert!(manual.actor.starts_with("user:"), "{}", manual.actor);
    let page = office
        .get(&app, "/staff/en/reminders?reminded=1")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("The owners were reminded"));
}

async fn the_weekly_digest_goes_once_to_those_who_want_it(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = mail_app(backend, &sink).await else {
        return;
    };
    let (_, indicator, root) = items(&app).await;
    person(
        &app,
        "outi@espoo.fi",
        Role::DepartmentEditor,
        Some(&root),
        Lang::Fi,
        vec![],
    )
    .await;
    person(
        &app,
        "sven@espoo.fi",
        Role::DepartmentEditor,
        Some(&root),
        Lang::Sv,
        vec![],
    )
    .await;

    // Sven says no to the digest on his own page; the box was ticked.
    let mut sven = signed_in(&app, "sven@espoo.fi").await;
    let own = sven.get(&app, "/staff/sv/sessions").await.text().await.unwrap();
    assert!(
        own.contains("name=\"receive\" type=\"checkbox\" value=\"on\" checked"),
        "{own}"
    );
    let saved = sven.submit(&app, "/staff/sv/digest", &[]).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let own = sven
        .get(&app, "/staff/sv/sessions?digest=saved")
        .await
        .text()
        .await
        .unwrap();
    assert!(!own.contains("value=\"on\" checked") && own.contains("Inställningen för sammandraget sparades."));

    // A value recorded this week.
    let store = app.db.store().await;
    let strategy = store.current_strategy().await.unwrap().unwrap();
    let outline = store.cascade_outline(strategy.city.slug.as_str()).await.unwrap();
    let measured = outline.indicators.iter().find(|i| i.id == indicator).unwrap();
    let value = NewValue {
        indicator,
        region: measured.regions[0].clone(),
        date: chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
        value: 42.0,
        source: "testi".into(),
    };
    store
        .record_values(
            strategy.city.slug.as_str(),
            &[value],
            &Change::new("test", "a new value"),
        )
        .await
        .unwrap();
    let name = measured.name.fi.clone();

    // Next week the digest of this week goes to Outi, in Finnish, and not to Sven; once, however often it runs.
    // (The server's own job may meanwhile send the digest of last week, when the bundled data's values were
    // entered then: only this week's digests are counted.)
    let i18n = I18n::load().unwrap();
    let next_week = Utc::now() + chrono::Duration::days(7);
    let monday = Utc::now()
        .date_naive()
        .week(chrono::Weekday::Mon)
        .first_day()
        .to_string();
    let this_week = |sink: &SmtpSink| -> Vec<_> {
        sink.received()
            .into_iter()
            .filter(|m| m.text().contains(&monday))
            .collect()
    };
    let sent = tarina::app::reminders::digest::send_digests(store.as_ref(), &i18n, &base(&app), next_week)
        .await
        .unwrap();
    assert_eq!(sent, 1);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while this_week(&sink).is_empty() && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let arrived = this_week(&sink);
    assert_eq!(arrived.len(), 1);
    assert_eq!(arrived[0].to, ["outi@espoo.fi"]);
    let text = arrived[0].text();
    assert!(text.contains("Päivitetty:") && text.contains(&name), "{text}");
    let again = tarina::app::reminders::digest::send_digests(store.as_ref(), &i18n, &base(&app), next_week)
        .await
        .unwrap();
    assert_eq!(again, 0);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(this_week(&sink).len(), 1);
    assert!(sink.received().iter().all(|m| m.to != ["sven@espoo.fi"]));
}

on_both_backends!(
    due_items_remind_their_owners_once,
    the_overdue_list_reminds_by_hand_and_only_the_office_sees_it,
    the_weekly_digest_goes_once_to_those_who_want_it,
);
