//! Email over HTTP and real SMTP, on both backends: a password reset from the request to signing in with the
//! new password (the email read from a small SMTP server the tests run themselves), links that are used or
//! expired, an address without an account, an SMTP server that is down and comes back, one that refuses for
//! good, and console mode.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::browser::{account, form_token, signed_in, try_sign_in, user_add, Browser, PASSWORD};
use common::smtp::{Answer, SmtpSink};
use common::{Backend, TestApp, TestDb};
use reqwest::header::LOCATION;
use reqwest::StatusCode;
use tarina::app::mail::{MailSettings, SmtpSettings, TlsMode};
use tarina::domain::access::Role;
use tarina::domain::mail::MailState;

const NEW_PASSWORD: &str = "neljä uutta porsasta";

/// A server that runs jobs and sends mail to `sink` (console mode without one), quickly, as tests need.
async fn mail_app(backend: Backend, sink: Option<&SmtpSink>) -> Option<TestApp> {
    let db = Arc::new(TestDb::new(backend).await?);
    let smtp = sink.map(|sink| SmtpSettings {
        host: "127.0.0.1".into(),
        port: sink.port(),
        tls: TlsMode::None,
        user: None,
        password: None,
        timeout: Duration::from_secs(5),
    });
    Some(
        common::spawn_configured(db, |config| {
            config.jobs = Some(tarina::jobs::JobSettings {
                lease: Duration::from_secs(5),
                poll: Duration::from_millis(20),
                retry_base: Duration::from_millis(100),
                ..tarina::jobs::JobSettings::default()
            });
            config.site.mail = MailSettings {
                smtp,
                from: "Tarina <tarina@espoo.fi>".into(),
            };
        })
        .await,
    )
}

/// Asks for a reset link on the form, as a person would; the page answered.
async fn ask_for_link(app: &TestApp, browser: &mut Browser, email: &str) -> reqwest::Response {
    let page = browser.get(app, "/staff/fi/forgot-password").await;
    assert_eq!(page.status(), 200);
    let token = form_token(&page.text().await.unwrap());
    browser
        .post(app, "/staff/fi/forgot-password", &[("email", email), ("csrf", &token)])
        .await
}

/// The path and query of the link in a reset email.
fn link_in(text: &str, app: &TestApp) -> String {
    let base = format!("http://{}", app.addr);
    let at = text
        .find(&base)
        .unwrap_or_else(|| panic!("no link to {base} in {text}"));
    let link = text[at..].split_whitespace().next().unwrap();
    link[base.len()..].to_owned()
}

/// Polls the outbox until an email is in `state`; the emails in it.
async fn until_in(app: &TestApp, state: MailState) -> Vec<tarina::domain::mail::OutboxMail> {
    let store = app.db.store().await;
    for _ in 0..500 {
        let found = store.mail_in(&[state], 100).await.unwrap();
        if !found.is_empty() {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("no email became {state:?}");
}

async fn set_password(app: &TestApp, link: &str, password: &str, again: &str) -> reqwest::Response {
    let mut browser = Browser::default();
    let page = browser.get(app, link).await;
    let status = page.status();
    let html = page.text().await.unwrap();
    assert_eq!(status, 200, "{html}");
    let csrf = form_token(&html);
    let token = link.split_once("token=").unwrap().1;
    browser
        .post(
            app,
            "/staff/sv/reset-password",
            &[
                ("token", token),
                ("password", password),
                ("password_again", again),
                ("csrf", &csrf),
            ],
        )
        .await
}

async fn password_reset_end_to_end(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = mail_app(backend, Some(&sink)).await else {
        return;
    };
    let created = user_add(
        &app,
        &[
            "--email",
            "maija@espoo.fi",
            "--role",
            "viewer",
            "--name",
            "Maija",
            "--language",
            "sv",
        ],
        PASSWORD,
    );
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    let mut old_session = signed_in(&app, "maija@espoo.fi").await;

    // The sign-in page offers the way, and the answer is the same whether or not the address has an account.
    let mut person = Browser::default();
    let sign_in = person.get(&app, "/staff/fi/sign-in").await.text().await.unwrap();
    assert!(sign_in.contains("href=\"/staff/fi/forgot-password\"") && sign_in.contains("Unohditko salasanasi?"));
    let known = ask_for_link(&app, &mut person, "Maija@Espoo.fi").await;
    assert_eq!(known.status(), 200);
    let known = known.text().await.unwrap();
    assert!(known.contains("Jos osoitteella on käyttäjätili"), "{known}");
    let unknown = ask_for_link(&app, &mut person, "nobody@espoo.fi").await;
    assert_eq!(unknown.status(), 200);
    assert_eq!(unknown.text().await.unwrap(), known);
    let bad = ask_for_link(&app, &mut person, "ei osoite").await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let forged = app
        .client
        .post(app.url("/staff/fi/forgot-password"))
        .form(&[("email", "maija@espoo.fi"), ("csrf", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);

    // One email, to the account, in its language, with the Message-ID the outbox keeps.
    let arrived = sink.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(arrived.len(), 1);
    let sent = until_in(&app, MailState::Sent).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.received_count(), 1, "no email for an address without an account");
    let email = &arrived[0];
    assert_eq!(email.to, ["maija@espoo.fi"]);
    assert_eq!(email.from, "tarina@espoo.fi");
    assert_eq!(email.message_id(), sent[0].message_id);
    assert_eq!(sent[0].attempts, 1);
    let text = email.text();
    assert!(text.contains("Hej Maija") && text.contains("60 minuter"), "{text}");
    let link = link_in(&text, &app);
    assert!(link.starts_with("/staff/sv/reset-password?token="), "{link}");

    // The new password follows the rules of `tarina user add`; the two must agree.
    let short = set_password(&app, &link, "lyhyt", "lyhyt").await;
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let short = short.text().await.unwrap();
    assert!(short.contains("aria-invalid=\"true\"") && !short.contains("lyhyt"));
    let differ = set_password(&app, &link, NEW_PASSWORD, "neljä uutta porsasta!").await;
    assert_eq!(differ.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(differ.text().await.unwrap().contains("Lösenorden är inte lika."));

    let done = set_password(&app, &link, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert_eq!(done.headers()[LOCATION], "/staff/sv/sign-in?reset=done");
    let notice = Browser::default()
        .get(&app, "/staff/sv/sign-in?reset=done")
        .await
        .text()
        .await
        .unwrap();
    assert!(notice.contains("Lösenordet har bytts."));

    // The old session has ended; the old password no longer signs in, the new one does.
    assert_eq!(
        old_session.get(&app, "/staff/fi/").await.status(),
        StatusCode::SEE_OTHER
    );
    let old = try_sign_in(&app, &mut Browser::default(), "maija@espoo.fi", PASSWORD).await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
    let new = try_sign_in(&app, &mut Browser::default(), "maija@espoo.fi", NEW_PASSWORD).await;
    assert_eq!(new.status(), StatusCode::SEE_OTHER);

    // A link works once.
    let again = Browser::default().get(&app, &link).await;
    assert_eq!(again.status(), StatusCode::GONE);
    assert!(again.text().await.unwrap().contains("Länken fungerar inte längre"));

    // An expired link is refused, and changes nothing.
    let store = app.db.store().await;
    let account = store
        .accounts()
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.email.as_str() == "maija@espoo.fi")
        .unwrap();
    let token = tarina::app::accounts::tokens::random_token();
    let now = chrono::Utc::now();
    let mail = tarina::domain::mail::NewMail {
        message_id: tarina::app::mail::new_message_id("test.invalid"),
        purpose: tarina::domain::mail::MailPurpose::PasswordReset,
        recipient: account.email.clone(),
        language: account.language,
        subject: "x".into(),
        body_text: "x".into(),
    };
    store
        .begin_password_reset(
            account.id,
            &tarina::app::accounts::tokens::token_hash(&token),
            now - chrono::Duration::minutes(1),
            &mail,
            &tarina::domain::change::Change::new("test", "an expired link"),
            now - chrono::Duration::hours(1),
        )
        .await
        .unwrap();
    let expired = Browser::default()
        .get(&app, &format!("/staff/sv/reset-password?token={token}"))
        .await;
    assert_eq!(expired.status(), StatusCode::GONE);
    let mut browser = Browser::default();
    let page = browser
        .get(&app, "/staff/sv/forgot-password")
        .await
        .text()
        .await
        .unwrap();
    let refused = browser
        .post(
            &app,
            "/staff/sv/reset-password",
            &[
                ("token", token.as_str()),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
                ("csrf", &form_token(&page)),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::GONE);
    let still = try_sign_in(&app, &mut Browser::default(), "maija@espoo.fi", NEW_PASSWORD).await;
    assert_eq!(still.status(), StatusCode::SEE_OTHER);

    // The request and the reset are in the audit log, with their actors and reasons and no link.
    let entries = store
        .audit_entries(&tarina::store::AuditFilter::default(), 100, 0)
        .await
        .unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"account.password-reset") && actions.contains(&"account.password-reset-link"));
    let reset = entries.iter().find(|e| e.action == "account.password-reset").unwrap();
    assert_eq!(reset.actor, format!("user:{}", account.id));
    assert!(!serde_json::to_string(&entries).unwrap().contains("token="));

    // Asking is throttled like signing in: the sixth request for one address within 15 minutes is refused.
    for _ in 0..5 {
        assert_eq!(ask_for_link(&app, &mut person, "toinen@espoo.fi").await.status(), 200);
    }
    let locked = ask_for_link(&app, &mut person, "toinen@espoo.fi").await;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(locked.headers().contains_key("retry-after"));
}

async fn smtp_down_then_back(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = mail_app(backend, Some(&sink)).await else {
        return;
    };
    account(&app, "maija@espoo.fi", Role::Viewer, None).await;
    sink.answer(Answer::Transient);
    assert_eq!(
        ask_for_link(&app, &mut Browser::default(), "maija@espoo.fi")
            .await
            .status(),
        200
    );
    // Refused for now, again and again: the email stays queued with the server's words.
    let store = app.db.store().await;
    let mut queued = Vec::new();
    for _ in 0..500 {
        queued = store.mail_in(&[MailState::Queued], 10).await.unwrap();
        if queued.first().is_some_and(|m| m.attempts >= 2) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(queued[0].attempts >= 2, "{queued:?}");
    assert!(queued[0].last_error.as_deref().unwrap_or_default().contains("451"));
    assert_eq!(sink.received_count(), 0);
    // The server comes back: the email arrives, once.
    sink.answer(Answer::Accept);
    let arrived = sink.wait_for(1, Duration::from_secs(20)).await;
    assert_eq!(arrived.len(), 1);
    let sent = until_in(&app, MailState::Sent).await;
    assert_eq!(sent[0].message_id, arrived[0].message_id());
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.received_count(), 1);
}

async fn bounces_are_listed_and_not_retried(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = mail_app(backend, Some(&sink)).await else {
        return;
    };
    account(&app, "poissa@espoo.fi", Role::Viewer, None).await;
    account(&app, "admin@espoo.fi", Role::Admin, None).await;
    account(&app, "toimisto@espoo.fi", Role::StrategyEditor, None).await;
    sink.answer(Answer::Permanent);
    assert_eq!(
        ask_for_link(&app, &mut Browser::default(), "poissa@espoo.fi")
            .await
            .status(),
        200
    );
    let bounced = until_in(&app, MailState::Bounced).await;
    assert_eq!(bounced[0].recipient, "poissa@espoo.fi");
    assert_eq!(bounced[0].attempts, 1);
    // Many retry waits later it has not been tried again.
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(sink.refused(), 1);
    let store = app.db.store().await;
    assert_eq!(store.mail_in(&[MailState::Bounced], 10).await.unwrap()[0].attempts, 1);
    assert!(store.mail_in(&[MailState::Queued], 10).await.unwrap().is_empty());

    // The strategy office and admins see it with the server's words; others may not look.
    for email in ["admin@espoo.fi", "toimisto@espoo.fi"] {
        let mut browser = signed_in(&app, email).await;
        let page = browser.get(&app, "/staff/en/mail").await;
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(
            html.contains("poissa@espoo.fi") && html.contains("bounced") && html.contains("550"),
            "{html}"
        );
        assert!(html.contains("href=\"/staff/en/mail\""), "in the menu");
    }
    let mut viewer = signed_in(&app, "poissa@espoo.fi").await;
    assert_eq!(viewer.get(&app, "/staff/en/mail").await.status(), StatusCode::FORBIDDEN);
}

async fn console_mode_writes_to_the_log(backend: Backend) {
    let Some(app) = mail_app(backend, None).await else {
        return;
    };
    account(&app, "maija@espoo.fi", Role::Viewer, None).await;
    assert_eq!(
        ask_for_link(&app, &mut Browser::default(), "maija@espoo.fi")
            .await
            .status(),
        200
    );
    // Without SMTP settings the email is logged and counts as sent: nothing waits for a server.
    let sent = until_in(&app, MailState::Sent).await;
    assert_eq!(sent[0].recipient, "maija@espoo.fi");
    assert!(sent[0].body_text.contains("/staff/fi/reset-password?token="));
}

on_both_backends!(
    password_reset_end_to_end,
    smtp_down_then_back,
    bounces_are_listed_and_not_retried,
    console_mode_writes_to_the_log,
);
