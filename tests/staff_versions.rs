//! The strategy version workflow in the staff pages, on both backends: the strategy office starts a draft from
//! the current version under a test-only label ("1.2-test", never a decision of the city), submits it and
//! approves it with a made-up decision, and the public site shows it at once; an approval without its decision
//! is refused with each missing field named and nothing changed; the lint's errors need the grounds for
//! overriding them; a step the status does not allow is 409; viewers and departments see the pages and
//! take no steps; an unknown label is 404.

mod common;

use common::browser::{account, signed_in, Browser};
use common::tokens::account_id;
use common::{Backend, TestApp};
use reqwest::header::LOCATION;
use reqwest::StatusCode;
use tarina::domain::access::Role;

const PAGE: &str = "/staff/fi/versions/1.2-test";
const OVERRIDE: &str = "Testi: tulostavoitteet eivät kuulu tähän testiin";

/// Every version's label and status, as the store holds them.
async fn statuses(app: &TestApp) -> Vec<(String, String)> {
    let records = app.db.store().await.version_records().await.unwrap();
    let mut found: Vec<(String, String)> = records
        .into_iter()
        .map(|r| (r.label, r.status.as_str().to_owned()))
        .collect();
    found.sort();
    found
}

fn pair(label: &str, status: &str) -> (String, String) {
    (label.into(), status.into())
}

/// The audit entries of version steps, as (actor, action, reason).
async fn version_entries(app: &TestApp) -> Vec<(String, String, String)> {
    let store = app.db.store().await;
    let entries = store
        .audit_entries(&tarina::store::AuditFilter::default(), 100, 0)
        .await
        .unwrap();
    let mut found: Vec<_> = entries
        .into_iter()
        .filter(|e| e.action.starts_with("version."))
        .map(|e| (e.actor, e.action, e.reason))
        .collect();
    found.reverse();
    found
}

async fn text(browser: &mut Browser, app: &TestApp, path: &str) -> String {
    let response = browser.get(app, path).await;
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    response.text().await.unwrap()
}

/// The strategy office's browser with draft 1.2-test of 1.1 submitted for review.
async fn under_review(app: &TestApp) -> Browser {
    account(app, "strategia@espoo.fi", Role::StrategyEditor, None).await;
    let mut office = signed_in(app, "strategia@espoo.fi").await;
    let new = [("label", "1.2-test"), ("from", "1.1"), ("reason", "testiluonnos")];
    let created = office.submit(app, "/staff/fi/versions", &new).await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let submit = [("reason", "valmis käsiteltäväksi (testi)")];
    let submitted = office.submit(app, &format!("{PAGE}/submit"), &submit).await;
    assert_eq!(submitted.status(), StatusCode::SEE_OTHER);
    office
}

fn decision(override_lint: &str) -> Vec<(&str, &str)> {
    vec![
        ("body_fi", "Testivaltuusto"),
        ("body_sv", "Testfullmäktige"),
        ("body_en", ""),
        ("date", "2030-01-31"),
        ("minutes", "Testipöytäkirja 31.1.2030 § 1"),
        ("override_lint", override_lint),
        ("reason", "testihyväksyntä"),
    ]
}

async fn a_draft_is_submitted_and_approved_in_the_staff_pages(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "strategia@espoo.fi", Role::StrategyEditor, None).await;
    let mut office = signed_in(&app, "strategia@espoo.fi").await;
    let list = text(&mut office, &app, "/staff/fi/versions").await;
    assert!(list.contains("href=\"/staff/fi/versions\""), "the menu links the list");
    assert!(list.contains("Hyväksytty, voimassa"), "{list}");
    assert!(
        list.contains("<option value=\"1.1\" selected>"),
        "the current version is copied by default"
    );

    let new = [("label", "1.2-test"), ("from", "1.1"), ("reason", "testiluonnos")];
    let created = office.submit(&app, "/staff/fi/versions", &new).await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    assert_eq!(created.headers()[LOCATION], "/staff/fi/versions/1.2-test?saved=1");
    let draft = text(&mut office, &app, PAGE).await;
    assert!(draft.contains("Luonnos"));
    assert!(draft.contains("action=\"/staff/fi/versions/1.2-test/submit\""));
    assert!(!draft.contains("/approve\""), "a draft is not approved");
    assert!(
        draft.contains("has no target for"),
        "the lint's errors are listed: {draft}"
    );
    assert!(draft.contains("href=\"/staff/fi/versions/1.1/diff/1.2-test\""));
    let diff = text(&mut office, &app, "/staff/en/versions/1.1/diff/1.2-test").await;
    assert!(diff.contains("The versions do not differ."), "a fresh copy: {diff}");
    assert!(statuses(&app).await.contains(&pair("1.2-test", "draft")));

    let submitted = office
        .submit(&app, &format!("{PAGE}/submit"), &[("reason", "valmis käsiteltäväksi")])
        .await;
    assert_eq!(submitted.status(), StatusCode::SEE_OTHER);
    let review = text(&mut office, &app, "/staff/sv/versions/1.2-test").await;
    assert!(review.contains("Under behandling"));
    assert!(review.contains("action=\"/staff/sv/versions/1.2-test/approve\""));
    assert!(review.contains("action=\"/staff/sv/versions/1.2-test/withdraw\""));
    assert!(review.contains("name=\"override_lint\""), "the lint finds errors");
    assert_eq!(
        app.get("/api/v1/versions/1.2-test").await.status(),
        StatusCode::NOT_FOUND,
        "a version under review is not public"
    );

    let approved = office
        .submit(&app, &format!("{PAGE}/approve"), &decision(OVERRIDE))
        .await;
    assert_eq!(approved.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        statuses(&app).await,
        [pair("1.1", "superseded"), pair("1.2-test", "approved")]
    );
    let page = text(&mut office, &app, "/staff/sv/versions/1.2-test").await;
    assert!(page.contains("Godkänd, gällande"));
    assert!(page.contains("Testfullmäktige"), "the body in the page's language");
    assert!(page.contains("Testipöytäkirja 31.1.2030 § 1"));
    assert!(page.contains(OVERRIDE));
    assert!(
        !page.contains("<form method=\"post\" action=\"/staff/sv/versions/1.2-test/"),
        "no step forms"
    );
    let earlier = text(&mut office, &app, "/staff/fi/versions/1.1").await;
    assert!(earlier.contains("Korvattu"));
    assert!(earlier.contains("href=\"/staff/fi/versions/1.2-test/diff/1.1\""));
    assert!(
        app.eventually_contains("/api/v1/strategy", "\"version\":\"1.2-test\"")
            .await,
        "the public site shows the new version"
    );
    assert!(app.html("/fi/versiot").await.contains("1.2-test"));
    let versions = app.json("/api/v1/versions").await;
    let approved = versions
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["label"] == "1.2-test")
        .unwrap();
    assert_eq!(approved["minutes_ref"], "Testipöytäkirja 31.1.2030 § 1");
    assert_eq!(approved["lint_override_reason"], OVERRIDE);

    let actor = format!("user:{}", account_id(&app, "strategia@espoo.fi").await);
    let entries = version_entries(&app).await;
    let expected = [
        ("version.create", "testiluonnos"),
        ("version.status", "valmis käsiteltäväksi"),
        ("version.approve", "testihyväksyntä"),
    ];
    assert_eq!(entries.len(), expected.len(), "{entries:?}");
    for ((who, action, reason), (want_action, want_reason)) in entries.iter().zip(expected) {
        assert_eq!(
            (who.as_str(), action.as_str(), reason.as_str()),
            (actor.as_str(), want_action, want_reason)
        );
    }
}

async fn an_approval_without_its_decision_is_refused_field_by_field(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let mut office = under_review(&app).await;
    let before = version_entries(&app).await;
    let incomplete = [
        ("body_fi", " "),
        ("body_sv", "Testfullmäktige"),
        ("body_en", ""),
        ("date", ""),
        ("minutes", "Testipöytäkirja § 7"),
        ("override_lint", ""),
        ("reason", ""),
    ];
    let refused = office.submit(&app, &format!("{PAGE}/approve"), &incomplete).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    for message in [
        "Anna päättäjä suomeksi.",
        "Anna päätöspäivä muodossa VVVV-KK-PP.",
        "Tarkistus löytää versiosta virheitä. Korjaa ne",
        "Kirjoita syy",
    ] {
        assert!(html.contains(message), "{message}: {html}");
    }
    assert!(!html.contains("Anna viittaus pöytäkirjaan."), "the minutes were given");
    for id in ["body_fi-error", "date-error", "override_lint-error", "reason-error"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id} next to its field");
    }
    assert!(html.contains("value=\"Testfullmäktige\"") && html.contains("value=\"Testipöytäkirja § 7\""));
    // In Swedish, and a date that does not read is as good as none.
    let mut no_minutes = decision(OVERRIDE);
    no_minutes[3] = ("date", "31.1.2030");
    no_minutes[4] = ("minutes", "");
    let refused = office
        .submit(&app, "/staff/sv/versions/1.2-test/approve", &no_minutes)
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(html.contains("Ange beslutsdatumet i formen ÅÅÅÅ-MM-DD."), "{html}");
    assert!(html.contains("Ange en hänvisning till protokollet."));
    assert!(html.contains("value=\"31.1.2030\""), "what was typed is kept");

    // The lint: complete but without the grounds, refused with its errors listed; with them, approved.
    let refused = office.submit(&app, &format!("{PAGE}/approve"), &decision("")).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(html.contains("id=\"override_lint-error\""));
    assert!(html.contains("has no target for"));
    assert!(html.contains("value=\"Testivaltuusto\""));
    let blank = office.submit(&app, &format!("{PAGE}/approve"), &decision("   ")).await;
    assert_eq!(blank.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Nothing changed.
    assert_eq!(
        statuses(&app).await,
        [pair("1.1", "approved"), pair("1.2-test", "review")]
    );
    assert_eq!(version_entries(&app).await, before);

    let approved = office
        .submit(&app, &format!("{PAGE}/approve"), &decision(OVERRIDE))
        .await;
    assert_eq!(approved.status(), StatusCode::SEE_OTHER);
    let records = app.db.store().await.version_records().await.unwrap();
    let record = records.iter().find(|r| r.label == "1.2-test").unwrap();
    assert_eq!(record.lint_override_reason.as_deref(), Some(OVERRIDE));
    let list = text(&mut office, &app, "/staff/en/versions").await;
    assert!(list.contains("approved despite the check"), "{list}");
}

async fn refused_steps_forbidden_writes_and_unknown_labels(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "strategia@espoo.fi", Role::StrategyEditor, None).await;
    account(&app, "katsoja@espoo.fi", Role::Viewer, None).await;
    account(&app, "sivistys@espoo.fi", Role::DepartmentEditor, Some("sivistystoimi")).await;
    account(&app, "vastuu@espoo.fi", Role::ActionOwner, None).await;
    let mut office = signed_in(&app, "strategia@espoo.fi").await;
    let new = [("label", "1.2-test"), ("from", "1.1"), ("reason", "testiluonnos")];
    assert_eq!(
        office.submit(&app, "/staff/fi/versions", &new).await.status(),
        StatusCode::SEE_OTHER
    );
    let before = version_entries(&app).await;

    // A step the status does not allow: the page with 409, nothing changed.
    let reason = [("reason", "testi"), ("withdraw_reason", "testi")];
    for path in [
        format!("{PAGE}/withdraw"),
        format!("{PAGE}/approve"),
        "/staff/fi/versions/1.1/submit".to_owned(),
        "/staff/fi/versions/1.1/approve".to_owned(),
    ] {
        let refused = office.submit(&app, &path, &reason).await;
        assert_eq!(refused.status(), StatusCode::CONFLICT, "{path}");
        let html = refused.text().await.unwrap();
        assert!(html.contains("Vaihetta ei voi tehdä"), "{path}: {html}");
    }
    // A taken or malformed label, or a version to copy that does not exist: the form with its errors.
    let taken = [("label", "1.1"), ("from", "1.1"), ("reason", "testi")];
    let refused = office.submit(&app, "/staff/fi/versions", &taken).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("Tällä tunnuksella on jo versio."));
    let malformed = [("label", "1.3 test/x"), ("from", "9.9"), ("reason", "testi")];
    let refused = office.submit(&app, "/staff/en/versions", &malformed).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(html.contains("id=\"label-error\"") && html.contains("id=\"from-error\""));
    assert!(html.contains("value=\"1.3 test/x\""), "what was typed is kept");
    assert_eq!(
        statuses(&app).await,
        [pair("1.1", "approved"), pair("1.2-test", "draft")]
    );
    assert_eq!(version_entries(&app).await, before);

    // Viewers, departments and action owners see the pages and take no step.
    for email in ["katsoja@espoo.fi", "sivistys@espoo.fi", "vastuu@espoo.fi"] {
        let mut browser = signed_in(&app, email).await;
        let list = text(&mut browser, &app, "/staff/fi/versions").await;
        assert!(list.contains("1.2-test") && !list.contains("name=\"label\""), "{email}");
        let page = text(&mut browser, &app, PAGE).await;
        assert!(!page.contains("/submit\""), "{email} sees no step forms");
        for path in [
            "/staff/fi/versions".to_owned(),
            format!("{PAGE}/submit"),
            format!("{PAGE}/approve"),
        ] {
            let form = [("label", "1.3-test"), ("from", "1.1"), ("reason", "testi")];
            let status = browser.submit(&app, &path, &form).await.status();
            assert_eq!(status, StatusCode::FORBIDDEN, "{email} POST {path}");
        }
    }
    assert_eq!(version_entries(&app).await, before);

    // An unknown label is 404; nobody signed in is sent to sign in.
    for path in [
        "/staff/fi/versions/9.9",
        "/staff/fi/versions/9.9/diff/1.1",
        "/staff/fi/versions/1.1/diff/9.9",
    ] {
        assert_eq!(office.get(&app, path).await.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let missing = office
        .submit(&app, "/staff/fi/versions/9.9/submit", &[("reason", "testi")])
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let mut nobody = Browser::default();
    let answer = nobody.get(&app, "/staff/fi/versions").await;
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    assert!(answer.headers()[LOCATION]
        .to_str()
        .unwrap()
        .starts_with("/staff/fi/sign-in"));
}

on_both_backends!(
    a_draft_is_submitted_and_approved_in_the_staff_pages,
    an_approval_without_its_decision_is_refused_field_by_field,
    refused_steps_forbidden_writes_and_unknown_labels,
);
