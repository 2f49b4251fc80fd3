//! Editing one item through the staff forms, on both backends: a target's assessment by its own department
//! and an action's progress by a strategy editor. Bad input comes back with its errors and changes nothing; a
//! stale form gets a conflict page with both versions and overwrites nothing; another department's target is
//! refused however the request is crafted; every save is in the audit log with before, after and reason, and
//! the public sees it at once.

mod common;

use common::browser::{account, signed_in, Browser};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use tarina::domain::access::policy::is_within;
use tarina::domain::access::Role;

/// The hidden revision of the form in `html`.
fn revision(html: &str) -> String {
    let at = html.find("name=\"revision\" value=\"").expect("a revision") + 23;
    html[at..at + html[at..].find('"').unwrap()].to_owned()
}

async fn form_revision(browser: &mut Browser, app: &TestApp, path: &str) -> String {
    let page = browser.get(app, path).await;
    assert_eq!(page.status(), StatusCode::OK, "{path}");
    revision(&page.text().await.unwrap())
}

async fn audit_entries(app: &TestApp) -> Vec<tarina::store::AuditEntry> {
    let store = app.db.store().await;
    store
        .audit_entries(&tarina::store::AuditFilter::default(), 100, 0)
        .await
        .unwrap()
}

async fn assessments_by_their_department(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let store = app.db.store().await;
    let strategy = store.current_strategy().await.unwrap().unwrap();
    let outline = store.cascade_outline(strategy.city.slug.as_str()).await.unwrap();
    let own = outline.targets.first().expect("a target").clone();
    let foreign = outline
        .targets
        .iter()
        .find(|t| !is_within(&t.organisation, &own.organisation, &outline.organisations))
        .expect("a target of another organisation")
        .id;
    account(
        &app,
        "osasto@espoo.fi",
        Role::DepartmentEditor,
        Some(own.organisation.as_str()),
    )
    .await;
    account(
        &app,
        "toinen@espoo.fi",
        Role::DepartmentEditor,
        Some(own.organisation.as_str()),
    )
    .await;
    let mut editor = signed_in(&app, "osasto@espoo.fi").await;
    let mut colleague = signed_in(&app, "toinen@espoo.fi").await;

    let list = editor.get(&app, "/staff/fi/targets").await.text().await.unwrap();
    assert!(list.contains(&format!("/staff/fi/targets/{}/assessment\"", own.id)));
    assert!(!list.contains(&format!("/staff/fi/targets/{foreign}/assessment\"")));

    let path = format!("/staff/en/targets/{}/assessment", own.id);
    let drawn = form_revision(&mut editor, &app, &path).await;
    let colleague_drawn = form_revision(&mut colleague, &app, &path).await;
    assert_eq!(drawn, colleague_drawn);

    // Every problem at once, next to its field, what was typed kept, nothing written.
    let too_long = "x".repeat(5001);
    let bad = editor
        .submit(
            &app,
            &path,
            &[
                ("grade", "excellent"),
                ("justification_fi", ""),
                ("justification_sv", &too_long),
                ("justification_en", "kept <b>as typed</b>"),
                ("reason", ""),
                ("revision", &drawn),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = bad.text().await.unwrap();
    for message in [
        "Choose a grade from the list.",
        "Write the text in Finnish first",
        "The text is too long",
        "Give a reason",
    ] {
        assert!(page.contains(message), "{message}");
    }
    assert!(
        page.contains("kept &lt;b&gt;as typed&lt;/b&gt;"),
        "what was typed is kept, as text"
    );
    assert_eq!(
        form_revision(&mut editor, &app, &path).await,
        drawn,
        "nothing was written"
    );

    // A good save: redirected with a confirmation, logged with before and after, public at once.
    let justification = "Tavoite saavutettiin <script>alert(1)</script>";
    let saved = editor
        .submit(
            &app,
            &path,
            &[
                ("grade", "achieved"),
                ("justification_fi", justification),
                ("justification_sv", "Målet uppnåddes"),
                ("justification_en", ""),
                ("reason", "tilinpäätös 2018"),
                ("revision", &drawn),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let after = editor.get(&app, &format!("{path}?saved=1")).await.text().await.unwrap();
    assert!(after.contains("The changes were saved."));
    assert!(
        after.contains("translation missing"),
        "the English justification is flagged as missing"
    );
    assert!(after.contains("&lt;script&gt;") && !after.contains("<script>alert"));
    let entry = audit_entries(&app)
        .await
        .into_iter()
        .find(|e| e.action == "target.assessment")
        .expect("an audit entry");
    assert_eq!(entry.subject, format!("target:{}", own.id));
    assert_eq!(entry.reason, "tilinpäätös 2018");
    assert!(entry.actor.starts_with("user:"));
    assert!(entry.after_json.as_deref().unwrap().contains("\"grade\":\"achieved\""));
    assert!(entry.before_json.is_some());
    let public = app.json("/api/v1/targets").await.to_string();
    assert!(
        public.contains("Tavoite saavutettiin"),
        "the public API serves the assessment at once"
    );

    // The colleague's form is stale now: a conflict page with both versions, nothing overwritten.
    let stale = colleague
        .submit(
            &app,
            &path,
            &[
                ("grade", "not_achieved"),
                ("justification_fi", "Ei saavutettu"),
                ("justification_sv", ""),
                ("justification_en", ""),
                ("reason", "oma arvio"),
                ("revision", &colleague_drawn),
            ],
        )
        .await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let conflict = stale.text().await.unwrap();
    assert!(conflict.contains("Someone saved this item after you opened the form"));
    assert!(
        conflict.contains("Målet uppnåddes") && conflict.contains("Ei saavutettu"),
        "both versions"
    );
    let current = form_revision(&mut editor, &app, &path).await;
    assert_ne!(current, drawn);
    assert_eq!(
        revision(&conflict),
        current,
        "the conflict page's form carries the current revision"
    );
    // Saving the conflict page's form is a deliberate overwrite.
    let overwrite = colleague
        .submit(
            &app,
            &path,
            &[
                ("grade", "not_achieved"),
                ("justification_fi", "Ei saavutettu"),
                ("justification_sv", ""),
                ("justification_en", ""),
                ("reason", "oma arvio"),
                ("revision", &current),
            ],
        )
        .await;
    assert_eq!(overwrite.status(), StatusCode::SEE_OTHER);

    // Another department's target: refused to look at and to write; a target that does not exist is 404.
    let foreign_path = format!("/staff/fi/targets/{foreign}/assessment");
    assert_eq!(editor.get(&app, &foreign_path).await.status(), StatusCode::FORBIDDEN);
    let crafted = [
        ("grade", "achieved"),
        ("justification_fi", "x"),
        ("reason", "x"),
        ("revision", ""),
    ];
    assert_eq!(
        editor.submit(&app, &foreign_path, &crafted).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        editor.get(&app, "/staff/fi/targets/999999/assessment").await.status(),
        StatusCode::NOT_FOUND
    );
    // Without the form token nothing is written.
    let before = audit_entries(&app).await.len();
    let no_token = editor.post(&app, &path, &crafted).await;
    assert_eq!(no_token.status(), StatusCode::FORBIDDEN);
    assert_eq!(audit_entries(&app).await.len(), before);
}

on_both_backends!(assessments_by_their_department);

async fn progress_reported_once_per_save(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let store = app.db.store().await;
    let strategy = store.current_strategy().await.unwrap().unwrap();
    let action = strategy.actions().next().expect("an action").id;
    account(&app, "strategia@espoo.fi", Role::StrategyEditor, None).await;
    account(&app, "lukija@espoo.fi", Role::Viewer, None).await;
    let mut editor = signed_in(&app, "strategia@espoo.fi").await;
    let path = format!("/staff/sv/actions/{action}/progress");
    let list = editor.get(&app, "/staff/sv/actions").await.text().await.unwrap();
    assert!(list.contains(&format!("/staff/sv/actions/{action}/progress\"")));
    let drawn = form_revision(&mut editor, &app, &path).await;

    let bad = editor
        .submit(
            &app,
            &path,
            &[
                ("state", "finished"),
                ("percent", "101"),
                ("as_of", "31.12.2018"),
                ("note_fi", ""),
                ("note_sv", "bara svenska"),
                ("note_en", ""),
                ("reason", "uppföljning"),
                ("revision", &drawn),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = bad.text().await.unwrap();
    for message in [
        "Välj ett läge",
        "Ange ett heltal",
        "ÅÅÅÅ-MM-DD",
        "Skriv texten först på finska",
    ] {
        assert!(page.contains(message), "{message}");
    }

    let form = [
        ("state", "delayed"),
        ("percent", "40"),
        ("as_of", "2019-06-30"),
        ("note_fi", "Rahoitus viivästyi"),
        ("note_sv", ""),
        ("note_en", "Funding was delayed"),
        ("reason", "seuranta kesäkuu"),
        ("revision", &drawn),
    ];
    assert_eq!(editor.submit(&app, &path, &form).await.status(), StatusCode::SEE_OTHER);
    let logged = audit_entries(&app).await.len();
    // The same save again changes nothing, so it logs nothing: it is not a conflict either.
    assert_eq!(editor.submit(&app, &path, &form).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(audit_entries(&app).await.len(), logged);
    let public = app.html(&format!("/en/goals/{}", goal_of(&strategy, action))).await;
    assert!(
        public.contains("delayed, 40 %, 30 June 2019"),
        "the public goal page shows the report"
    );

    // A viewer reports nothing.
    let mut viewer = signed_in(&app, "lukija@espoo.fi").await;
    assert_eq!(viewer.get(&app, "/staff/fi/actions").await.status(), StatusCode::OK);
    assert_eq!(viewer.get(&app, &path).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(viewer.submit(&app, &path, &form).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(audit_entries(&app).await.len(), logged);
}

fn goal_of(strategy: &tarina::domain::Strategy, action: tarina::domain::ActionId) -> String {
    strategy
        .goals()
        .find(|(_, goal)| goal.actions.iter().any(|a| a.id == action))
        .map(|(_, goal)| goal.slug.to_string())
        .unwrap()
}

on_both_backends!(progress_reported_once_per_save);

/// Two people save one item at the same moment from the same form: one wins, the other gets the conflict
/// page, and the audit log has exactly one entry.
async fn concurrent_editors_never_overwrite_silently(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let store = app.db.store().await;
    let strategy = store.current_strategy().await.unwrap().unwrap();
    let action = strategy.actions().nth(1).expect("an action").id;
    account(&app, "a@espoo.fi", Role::StrategyEditor, None).await;
    account(&app, "b@espoo.fi", Role::StrategyEditor, None).await;
    let mut a = signed_in(&app, "a@espoo.fi").await;
    let mut b = signed_in(&app, "b@espoo.fi").await;
    let path = format!("/staff/fi/actions/{action}/progress");
    let drawn = form_revision(&mut a, &app, &path).await;
    let form = |percent: &'static str| {
        [
            ("state", "in_progress"),
            ("percent", percent),
            ("as_of", "2019-03-31"),
            ("note_fi", ""),
            ("note_sv", ""),
            ("note_en", ""),
            ("reason", "samaan aikaan"),
        ]
    };
    let (form_a, form_b) = (form("10"), form("20"));
    let mut with_a = form_a.to_vec();
    with_a.push(("revision", &drawn));
    let mut with_b = form_b.to_vec();
    with_b.push(("revision", &drawn));
    let before = audit_entries(&app).await.len();
    let (ra, rb) = tokio::join!(a.submit(&app, &path, &with_a), b.submit(&app, &path, &with_b));
    let mut statuses = [ra.status(), rb.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    assert_eq!(audit_entries(&app).await.len(), before + 1);
}

on_both_backends!(concurrent_editors_never_overwrite_silently);

/// Servers are stateless over one database: a person signed in on one server is signed in on the other, and
/// an assessment saved through one server's form is served by the other's public API within its refresh.
async fn an_edit_through_one_server_is_served_by_the_other(backend: Backend) {
    let Some(db) = common::TestDb::new(backend).await else {
        return;
    };
    let db = std::sync::Arc::new(db);
    let first = common::spawn_on(db.clone()).await;
    let second = common::spawn_on(db.clone()).await;
    account(&first, "strategia@espoo.fi", Role::StrategyEditor, None).await;
    let mut editor = signed_in(&first, "strategia@espoo.fi").await;
    let store = db.store().await;
    let strategy = store.current_strategy().await.unwrap().unwrap();
    let target = store
        .cascade_outline(strategy.city.slug.as_str())
        .await
        .unwrap()
        .targets[0]
        .id;
    let path = format!("/staff/fi/targets/{target}/assessment");
    // The form is drawn by the second server from the session made on the first, and saved through the first.
    let drawn = form_revision(&mut editor, &second, &path).await;
    let form = [
        ("grade", "not_assessable"),
        ("justification_fi", "Kahden palvelimen perustelu"),
        ("justification_sv", ""),
        ("justification_en", ""),
        ("reason", "kaksi palvelinta"),
        ("revision", drawn.as_str()),
    ];
    assert_eq!(
        editor.submit(&first, &path, &form).await.status(),
        StatusCode::SEE_OTHER
    );
    assert!(
        second
            .eventually_contains("/api/v1/targets", "Kahden palvelimen perustelu")
            .await
    );
}

on_both_backends!(an_edit_through_one_server_is_served_by_the_other);
