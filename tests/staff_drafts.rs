//! Editing a draft version's texts in the staff pages, on both backends: a strategy editor edits a goal's
//! title in three languages and reads it back in the draft while the approved version and the public site
//! stay as they were; a stale form gets 409 with both versions, empty Finnish 422 with the typed text kept,
//! a viewer's post 403, an approved version 409, unknown versions and items 404; markup stays text; every
//! save is audited with before and after, and an unchanged form writes nothing.

mod common;

use common::browser::{account, signed_in, Browser};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use tarina::domain::access::Role;
use tarina::domain::change::Change;
use tarina::domain::{GoalId, Strategy};
use tarina::store::Audience;

const DRAFT: &str = "1.2-luonnos";

fn revision(html: &str) -> String {
    let at = html.find("name=\"revision\" value=\"").expect("a revision") + 23;
    html[at..at + html[at..].find('"').unwrap()].to_owned()
}

async fn audit_entries(app: &TestApp) -> Vec<tarina::store::AuditEntry> {
    let store = app.db.store().await;
    store
        .audit_entries(&tarina::store::AuditFilter::default(), 100, 0)
        .await
        .unwrap()
}

async fn version(app: &TestApp, label: &str) -> Strategy {
    let store = app.db.store().await;
    store.strategy_version(label, Audience::Staff).await.unwrap().unwrap()
}

fn goal_title(strategy: &Strategy, id: GoalId) -> tarina::domain::LocalizedText {
    let goal = strategy.areas.iter().flat_map(|a| &a.goals).find(|g| g.id == id);
    goal.unwrap().title.clone()
}

async fn page(browser: &mut Browser, app: &TestApp, path: &str) -> (StatusCode, String) {
    let answer = browser.get(app, path).await;
    (answer.status(), answer.text().await.unwrap())
}

async fn editing_a_drafts_texts(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let approved = app.db.store().await.current_strategy().await.unwrap().unwrap();
    let approved_label = approved.version.clone();
    app.db
        .store()
        .await
        .new_draft(&approved_label, DRAFT, &Change::new("user:1", "luonnos"))
        .await
        .unwrap();
    account(&app, "strategia@espoo.fi", Role::StrategyEditor, None).await;
    account(&app, "lukija@espoo.fi", Role::Viewer, None).await;
    let mut editor = signed_in(&app, "strategia@espoo.fi").await;
    let mut viewer = signed_in(&app, "lukija@espoo.fi").await;
    let goal = approved.areas[0].goals[0].id;
    let list = format!("/staff/en/versions/{DRAFT}/texts");
    let path = format!("{list}/goal/{goal}");

    // The list: items by kind with links to their forms, for viewers too.
    let (status, html) = page(&mut viewer, &app, &list).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("href=\"{path}\"")), "the goal links to its form");
    assert!(html.contains("id=\"kind-strategy\"") && html.contains("id=\"kind-event\""));
    let (status, viewed) = page(&mut viewer, &app, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !viewed.contains("<form method=\"post\" action=\"/staff/en/versions"),
        "read-only for a viewer"
    );
    let (status, strategy_form) = page(&mut editor, &app, &format!("{list}/strategy/-")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(strategy_form.contains("name=\"vision_fi\" lang=\"fi\""));

    // A viewer's post is refused and changes nothing.
    let (_, drawn) = page(&mut editor, &app, &path).await;
    let rev = revision(&drawn);
    let edit = [
        ("title_fi", "Uusi tavoite"),
        ("title_sv", "Nytt mål"),
        ("title_sv_reviewed", "1"),
        ("title_en", "New goal"),
        ("reason", "luonnoksen korjaus"),
        ("revision", rev.as_str()),
    ];
    assert_eq!(viewer.submit(&app, &path, &edit).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        goal_title(&version(&app, DRAFT).await, goal),
        goal_title(&approved, goal)
    );

    // The editor saves three languages: the draft holds them, the approved version and the public do not.
    let reloads_before = app.json("/healthz").await["snapshot"]["full_reloads"].clone();
    let saved = editor.submit(&app, &path, &edit).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    // No server holds a draft in memory: the write moves the data version and makes none read anything anew.
    let written = app.db.store().await.data_version().await.unwrap();
    let mut figures = serde_json::Value::Null;
    for _ in 0..500 {
        figures = app.json("/healthz").await["snapshot"].clone();
        if figures["data_version"] == written {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(figures["data_version"], written, "the server caught up: {figures}");
    assert_eq!(figures["full_reloads"], reloads_before, "{figures}");
    let title = goal_title(&version(&app, DRAFT).await, goal);
    assert_eq!(title.fi, "Uusi tavoite");
    assert_eq!(
        title.sv.as_ref().map(|t| (t.text.as_str(), t.reviewed)),
        Some(("Nytt mål", true))
    );
    assert_eq!(
        title.en.as_ref().map(|t| (t.text.as_str(), t.reviewed)),
        Some(("New goal", false))
    );
    assert_eq!(
        goal_title(&version(&app, &approved_label).await, goal),
        goal_title(&approved, goal)
    );
    let public = app.json("/api/v1/strategy").await.to_string();
    assert!(!public.contains("Uusi tavoite") && !public.contains("Nytt mål"));
    let entries = audit_entries(&app).await;
    let entry = entries
        .iter()
        .find(|e| e.action == "strategy.text")
        .expect("an audit entry");
    assert_eq!(entry.subject, format!("text:{DRAFT}:goal:{goal}"));
    assert_eq!(entry.reason, "luonnoksen korjaus");
    assert!(entry.actor.starts_with("user:"));
    assert!(entry
        .before_json
        .as_deref()
        .unwrap()
        .contains(&goal_title(&approved, goal).fi));
    assert!(entry.after_json.as_deref().unwrap().contains("Uusi tavoite"));
    let (_, after) = page(&mut editor, &app, &format!("{path}?saved=1")).await;
    assert!(after.contains("The changes were saved."));

    // The same form again changes nothing and logs nothing.
    let logged = audit_entries(&app).await.len();
    let fresh = revision(&after);
    let same = [
        ("title_fi", "Uusi tavoite"),
        ("title_sv", "Nytt mål"),
        ("title_sv_reviewed", "1"),
        ("title_en", "New goal"),
        ("reason", "sama"),
        ("revision", fresh.as_str()),
    ];
    assert_eq!(editor.submit(&app, &path, &same).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(audit_entries(&app).await.len(), logged);

    // A stale form: 409 with both versions, nothing changed.
    let stale = [
        ("title_fi", "Toisen muokkaajan tavoite"),
        ("title_sv", ""),
        ("title_en", ""),
        ("reason", "myöhässä"),
        ("revision", rev.as_str()),
    ];
    let conflict = editor.submit(&app, &path, &stale).await;
    assert_eq!(conflict.status(), StatusCode::CONFLICT);
    let html = conflict.text().await.unwrap();
    assert!(html.contains("Uusi tavoite") && html.contains("Toisen muokkaajan tavoite"));
    assert!(
        html.contains(&format!("name=\"revision\" value=\"{fresh}\"")),
        "the form carries the new revision"
    );
    assert_eq!(goal_title(&version(&app, DRAFT).await, goal).fi, "Uusi tavoite");
    assert_eq!(audit_entries(&app).await.len(), logged);

    // Empty Finnish: 422, the error next to its field and in the summary, what was typed kept.
    let empty = [
        ("title_fi", "  "),
        ("title_sv", "Kvar"),
        ("title_en", ""),
        ("reason", "tyhjä"),
        ("revision", fresh.as_str()),
    ];
    let refused = editor.submit(&app, &path, &empty).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(html.contains("href=\"#title_fi\"") && html.contains("id=\"title_fi-error\""));
    assert!(html.contains("Write the text in Finnish first"));
    assert!(html.contains(">Kvar</textarea>"));
    assert_eq!(goal_title(&version(&app, DRAFT).await, goal).fi, "Uusi tavoite");

    // Markup is text on the form and on the list.
    let xss = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let markup = [
        ("title_fi", xss),
        ("title_sv", ""),
        ("title_en", ""),
        ("reason", "merkintä"),
        ("revision", fresh.as_str()),
    ];
    assert_eq!(
        editor.submit(&app, &path, &markup).await.status(),
        StatusCode::SEE_OTHER
    );
    for shown in [
        page(&mut editor, &app, &path).await.1,
        page(&mut editor, &app, &list).await.1,
    ] {
        assert!(shown.contains("&lt;script&gt;alert(1)"), "{shown}");
        assert!(!shown.contains("<script>alert") && !shown.contains("<img src=x"));
    }
}

async fn only_drafts_and_known_items(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let approved = app.db.store().await.current_strategy().await.unwrap().unwrap();
    let label = approved.version.clone();
    app.db
        .store()
        .await
        .new_draft(&label, DRAFT, &Change::new("user:1", "luonnos"))
        .await
        .unwrap();
    account(&app, "strategia@espoo.fi", Role::StrategyEditor, None).await;
    let mut editor = signed_in(&app, "strategia@espoo.fi").await;
    let goal = approved.areas[0].goals[0].id;

    // An approved version: shown as not editable, without edit links; a post is 409 and changes nothing.
    let list = format!("/staff/en/versions/{label}/texts");
    let (status, html) = page(&mut editor, &app, &list).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Only a draft can be edited"));
    assert!(!html.contains(&format!("{list}/goal/")), "no edit links");
    let path = format!("{list}/goal/{goal}");
    let (status, html) = page(&mut editor, &app, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("name=\"revision\""), "no form for an approved version");
    let post = [
        ("title_fi", "Muutettu"),
        ("title_sv", ""),
        ("title_en", ""),
        ("reason", "yritys"),
        ("revision", "x"),
    ];
    let refused = editor.submit(&app, &path, &post).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let html = refused.text().await.unwrap();
    // The error page speaks the language the person's browser asks for (Finnish by default).
    assert!(html.contains("Vain luonnosta voi muokata"), "{html}");
    assert_eq!(
        goal_title(&version(&app, &label).await, goal),
        goal_title(&approved, goal)
    );

    // Unknown versions, kinds and items are no page; the city and the strategy have no key.
    for missing in [
        "/staff/en/versions/9.9/texts".to_owned(),
        "/staff/en/versions/9.9/texts/goal/1".to_owned(),
        format!("/staff/en/versions/{DRAFT}/texts/goal/99999"),
        format!("/staff/en/versions/{DRAFT}/texts/nothing/1"),
        format!("/staff/en/versions/{DRAFT}/texts/strategy/1"),
        format!("/staff/en/versions/{DRAFT}/texts/goal/-"),
    ] {
        assert_eq!(
            page(&mut editor, &app, &missing).await.0,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
    let (status, _) = page(&mut editor, &app, &format!("/staff/en/versions/{DRAFT}/texts/city/-")).await;
    assert_eq!(status, StatusCode::OK);

    // Signed out: to the sign-in page.
    let mut nobody = Browser::default();
    let answer = nobody.get(&app, &format!("/staff/en/versions/{DRAFT}/texts")).await;
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
}

on_both_backends!(editing_a_drafts_texts, only_drafts_and_known_items);
