//! Performance targets through the staff forms, on both backends: a new target is a draft the public does not
//! see; the strategy office moves the year to proposed and then approved, and only then does it reach the
//! public pages and the API; an approved target cannot be edited; a department sets targets only for itself
//! and links only indicators within its reach; bad input changes nothing and keeps what was typed; two
//! editors of one target never overwrite each other; a year is copied as next year's drafts.

mod common;

use common::browser::{account, signed_in, Browser};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use tarina::domain::access::Role;

/// The hidden revision of the form in `html`.
fn revision(html: &str) -> String {
    let at = html.find("name=\"revision\" value=\"").expect("a revision") + 23;
    html[at..at + html[at..].find('"').unwrap()].to_owned()
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    let store = app.db.store().await;
    let entries = store
        .audit_entries(&tarina::store::AuditFilter::default(), 100, 0)
        .await
        .unwrap();
    entries
        .into_iter()
        .map(|e| format!("{} {} {}", e.action, e.subject, e.reason))
        .collect()
}

async fn public_text(app: &TestApp, path: &str) -> (StatusCode, String) {
    let response = app.client.get(app.url(path)).send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

/// Creates a target of 2019 through the form as `browser`; returns the response.
async fn create(
    browser: &mut Browser,
    app: &TestApp,
    organisation: &str,
    title: &str,
    indicators: &str,
) -> reqwest::Response {
    browser
        .submit(
            app,
            "/staff/fi/targets/new",
            &[
                ("year", "2019"),
                ("organisation", organisation),
                ("responsible", ""),
                ("title_fi", title),
                ("title_sv", ""),
                ("title_en", ""),
                ("goals", "1"),
                ("goals", "7"),
                ("indicators", indicators),
                ("binding", "1"),
                ("reason", "vuoden 2019 talousarvio"),
            ],
        )
        .await
}

async fn a_year_goes_from_draft_to_approved(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "strategia@espoo.fi", Role::StrategyEditor, None).await;
    account(&app, "valtuutettu@espoo.fi", Role::Viewer, None).await;
    let mut office = signed_in(&app, "strategia@espoo.fi").await;
    let mut viewer = signed_in(&app, "valtuutettu@espoo.fi").await;

    let title = "Asukastyytyväisyys kasvaa <script>alert(1)</script>";
    let created = create(&mut office, &app, "konsernihallinto", title, "1, 5").await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let at = location(&created);
    assert!(at.ends_with("?saved=1"), "{at}");
    let page = office.get(&app, &at).await.text().await.unwrap();
    assert!(page.contains("Luonnos"), "a new target is a draft");
    assert!(
        page.contains("Asukastyytyväisyys kasvaa &lt;script&gt;"),
        "markup kept as text"
    );
    assert!(!page.contains("<script>alert(1)"));

    // A draft is nobody's business but the staff's.
    let (status, _) = public_text(&app, "/fi/talousarvioliite/2019").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, api) = public_text(&app, "/api/v1/targets").await;
    assert!(!api.contains("Asukastyytyväisyys kasvaa"));
    let viewer_list = viewer
        .get(&app, "/staff/fi/targets?year=2019")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        viewer_list.contains("Asukastyytyväisyys kasvaa"),
        "a viewer sees unpublished items"
    );

    // A viewer moves nothing; a step without a reason moves nothing.
    let refused = viewer
        .submit(
            &app,
            "/staff/fi/targets/years/2019",
            &[("step", "propose"), ("reason", "ei saa")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let no_reason = office
        .submit(
            &app,
            "/staff/sv/targets/years/2019",
            &[("step", "propose"), ("reason", " ")],
        )
        .await;
    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.text().await.unwrap().contains("Skriv en orsak"));
    let wrong_step = office
        .submit(
            &app,
            "/staff/fi/targets/years/2019",
            &[("step", "approve"), ("reason", "liian aikaisin")],
        )
        .await;
    assert_eq!(
        wrong_step.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "nothing proposed yet"
    );

    // One target does not cover every council goal, so the approval overrides the lint with a reason.
    for (step, reason) in [
        ("propose", "talousarvioehdotus 2019"),
        ("approve", "Kaupunginvaltuusto 10.12.2018 § 123"),
    ] {
        let moved = office
            .submit(
                &app,
                "/staff/fi/targets/years/2019",
                &[
                    ("step", step),
                    ("reason", reason),
                    ("override_lint", "muut tavoitteet myöhemmin"),
                ],
            )
            .await;
        assert_eq!(moved.status(), StatusCode::SEE_OTHER, "{step}");
    }
    let (status, annex) = public_text(&app, "/fi/talousarvioliite/2019").await;
    assert_eq!(status, StatusCode::OK);
    assert!(annex.contains("Asukastyytyväisyys kasvaa &lt;script&gt;"));
    let (_, api) = public_text(&app, "/api/v1/targets").await;
    assert!(api.contains("Asukastyytyväisyys kasvaa"));
    let actions = audit_actions(&app).await;
    assert!(actions
        .iter()
        .any(|a| a.starts_with("target.create target:") && a.ends_with("vuoden 2019 talousarvio")));
    assert!(actions
        .iter()
        .any(|a| a == "targets.status targets:2019 Kaupunginvaltuusto 10.12.2018 § 123"));

    // What the council approved is not edited: the form is gone and a crafted post is refused.
    let id = at
        .trim_start_matches("/staff/fi/targets/")
        .trim_end_matches("?saved=1")
        .to_owned();
    let path = format!("/staff/fi/targets/{id}");
    let page = office.get(&app, &path).await.text().await.unwrap();
    assert!(!page.contains("name=\"revision\""));
    let crafted = office
        .submit(
            &app,
            &path,
            &[
                ("organisation", "konsernihallinto"),
                ("title_fi", "Muutettu"),
                ("goals", "1"),
                ("reason", "yritys"),
                ("revision", "x"),
            ],
        )
        .await;
    assert_eq!(crafted.status(), StatusCode::CONFLICT);

    // Reopened, it leaves the public pages until approved again.
    let reopened = office
        .submit(
            &app,
            "/staff/fi/targets/years/2019",
            &[("step", "reopen"), ("reason", "korjaus")],
        )
        .await;
    assert_eq!(reopened.status(), StatusCode::SEE_OTHER);
    let (status, _) = public_text(&app, "/fi/talousarvioliite/2019").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

on_both_backends!(a_year_goes_from_draft_to_approved);

async fn a_department_sets_its_own_targets(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "sivistys@espoo.fi", Role::DepartmentEditor, Some("sivistystoimi")).await;
    let mut editor = signed_in(&app, "sivistys@espoo.fi").await;

    let foreign = create(&mut editor, &app, "konsernihallinto", "Toisen tavoite", "").await;
    assert_eq!(foreign.status(), StatusCode::FORBIDDEN, "another department's budget");
    // Indicator 1 belongs to the group administration's targets; 5 to nobody's; 8 to the department's own.
    let reach = editor
        .submit(
            &app,
            "/staff/sv/targets/new",
            &[
                ("year", "2019"),
                ("organisation", "sivistystoimi"),
                ("title_fi", "Oppimistulokset paranevat"),
                ("goals", "7"),
                ("indicators", "1, 8"),
                ("reason", "talousarvio"),
            ],
        )
        .await;
    assert_eq!(reach.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = reach.text().await.unwrap();
    assert!(
        page.contains("Du kan bara koppla mätare"),
        "the error in the page's language"
    );
    assert!(page.contains("Oppimistulokset paranevat"), "what was typed is kept");

    let bad = editor
        .submit(
            &app,
            "/staff/en/targets/new",
            &[
                ("year", "20019"),
                ("organisation", "ei-ole"),
                ("title_fi", ""),
                ("title_sv", "bara svenska"),
                ("goals", "999"),
                ("indicators", "1; abc"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = bad.text().await.unwrap();
    for message in [
        "Give a year from 2000 to 2100.",
        "Choose an organisation that existed",
        "Write the text in Finnish first",
        "Choose at least one",
        "Give the numbers of existing indicators",
        "Give a reason",
    ] {
        assert!(page.contains(message), "{message}");
    }
    assert!(page.contains("bara svenska"));
    let store = app.db.store().await;
    let outline = store.cascade_outline("espoo").await.unwrap();
    assert!(outline.targets.iter().all(|t| t.year == 2018), "nothing was written");

    let created = create(&mut editor, &app, "sivistystoimi", "Oppimistulokset paranevat", "5, 8").await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let path = location(&created).trim_end_matches("?saved=1").to_owned();

    // Two editors save the same form: one wins, the other sees both versions and overwrites nothing.
    account(&app, "kollega@espoo.fi", Role::DepartmentEditor, Some("sivistystoimi")).await;
    let mut colleague = signed_in(&app, "kollega@espoo.fi").await;
    let drawn = revision(&editor.get(&app, &path).await.text().await.unwrap());
    let form = |title: &'static str| {
        vec![
            ("organisation", "sivistystoimi"),
            ("title_fi", title),
            ("goals", "7"),
            ("indicators", "8"),
            ("reason", "tarkennus"),
        ]
    };
    let (mut a, mut b) = (form("Ensimmäinen versio"), form("Toinen versio"));
    a.push(("revision", &drawn));
    b.push(("revision", &drawn));
    let (ra, rb) = tokio::join!(editor.submit(&app, &path, &a), colleague.submit(&app, &path, &b));
    let mut statuses = [ra.status(), rb.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    let loser = if ra.status() == StatusCode::CONFLICT { ra } else { rb };
    let page = loser.text().await.unwrap();
    assert!(
        page.contains("Ensimmäinen versio") && page.contains("Toinen versio"),
        "both versions shown"
    );

    // A department does not move the year on.
    let step = editor
        .submit(
            &app,
            "/staff/fi/targets/years/2019",
            &[("step", "propose"), ("reason", "valmis")],
        )
        .await;
    assert_eq!(step.status(), StatusCode::FORBIDDEN);
}

on_both_backends!(a_department_sets_its_own_targets);

async fn a_year_is_copied_as_drafts(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "strategia@espoo.fi", Role::StrategyEditor, None).await;
    let mut office = signed_in(&app, "strategia@espoo.fi").await;
    let held = office
        .submit(
            &app,
            "/staff/fi/targets/years/2018/copy",
            &[("to", "2018"), ("copy_reason", "x")],
        )
        .await;
    assert_eq!(held.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let copied = office
        .submit(
            &app,
            "/staff/fi/targets/years/2018/copy",
            &[("to", "2020"), ("copy_reason", "pohja vuodelle 2020")],
        )
        .await;
    assert_eq!(copied.status(), StatusCode::SEE_OTHER);
    let list = office
        .get(&app, "/staff/en/targets?year=2020")
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains("Drafts 12,"), "every target of 2018 copied as a draft");
    let (status, _) = public_text(&app, "/en/budget-annex/2020").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "drafts are not published");
    let (status, _) = public_text(&app, "/en/budget-annex/2018").await;
    assert_eq!(status, StatusCode::OK);
    let actions = audit_actions(&app).await;
    assert!(actions
        .iter()
        .any(|a| a == "targets.copy targets:2020 pohja vuodelle 2020"));
}

on_both_backends!(a_year_is_copied_as_drafts);
