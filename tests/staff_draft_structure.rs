//! Changing a draft's structure in the staff pages, on both backends: a strategy editor adds a goal (a new id
//! never used in the city), reorders areas, moves the goal to another area, splits a goal and merges two;
//! removals that something depends on are refused, a stale form gets 409, bad input 422, a version that is
//! not a draft 409, and other roles 403, each changing nothing; every change is audited; the draft never
//! shows on the public site, and once approved the diff reports the split and the merge from the lineage.

mod common;

use common::browser::{account, signed_in, Browser};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use tarina::domain::access::Role;
use tarina::domain::change::Change;
use tarina::domain::draft::{ItemKey, OwnerKind};
use tarina::domain::Strategy;
use tarina::store::Audience;

const DRAFT: &str = "1.2-rakenne";
const PAGE: &str = "/staff/en/versions/1.2-rakenne/structure";

fn revision(html: &str) -> String {
    let at = html
        .find("name=\"revision\" value=\"")
        .unwrap_or_else(|| panic!("a revision: {html}"))
        + 23;
    html[at..at + html[at..].find('"').unwrap()].to_owned()
}

async fn draft(app: &TestApp) -> Strategy {
    let store = app.db.store().await;
    store.strategy_version(DRAFT, Audience::Staff).await.unwrap().unwrap()
}

fn goal_ids(s: &Strategy) -> Vec<u32> {
    s.goals().map(|(_, g)| g.id.get()).collect()
}

async fn structure_audits(app: &TestApp) -> Vec<tarina::store::AuditEntry> {
    let store = app.db.store().await;
    let entries = store
        .audit_entries(&tarina::store::AuditFilter::default(), 500, 0)
        .await
        .unwrap();
    entries
        .into_iter()
        .filter(|e| e.action == "strategy.structure")
        .collect()
}

async fn fresh_revision(browser: &mut Browser, app: &TestApp) -> String {
    let page = browser.get(app, PAGE).await;
    assert_eq!(page.status(), StatusCode::OK);
    revision(&page.text().await.unwrap())
}

/// A draft copied from the approved version, with a strategy editor signed in.
async fn with_draft(backend: Backend) -> Option<(TestApp, Strategy, Browser)> {
    let app = common::spawn(backend).await?;
    let approved = app.db.store().await.current_strategy().await.unwrap().unwrap();
    let change = Change::new("user:1", "luonnos");
    app.db
        .store()
        .await
        .new_draft(&approved.version, DRAFT, &change)
        .await
        .unwrap();
    account(&app, "strategia@espoo.fi", Role::StrategyEditor, None).await;
    let editor = signed_in(&app, "strategia@espoo.fi").await;
    Some((app, approved, editor))
}

async fn changing_a_drafts_structure(backend: Backend) {
    let Some((app, approved, mut editor)) = with_draft(backend).await else {
        return;
    };
    let (referenced, highest) = {
        let store = app.db.store().await;
        let (_, around) = store.draft_structure(DRAFT).await.unwrap();
        (around.referenced, around.highest[&OwnerKind::Goal])
    };
    let area = |i: usize| approved.areas[i].id.to_string();

    // The page: items by kind with their buttons, and a link to add each kind.
    let page = editor.get(&app, PAGE).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains(&format!("href=\"{PAGE}/new/goal\"")));
    assert!(html.contains(&format!("value=\"down:area:{}\"", area(0))));
    assert!(
        !html.contains(&format!("value=\"up:area:{}\"", area(0))),
        "the first has no up"
    );
    let rev = revision(&html);

    // Adding a goal: a new id above every id the city used, its texts in three languages (sv, en optional).
    let form = editor.get(&app, &format!("{PAGE}/new/goal")).await;
    assert_eq!(form.status(), StatusCode::OK);
    let added = [
        ("parent", area(0)),
        ("title_fi", "Uusi tavoite".to_owned()),
        ("title_sv", "Nytt mål".to_owned()),
        ("title_en", String::new()),
        ("reason", "uusi tavoite".to_owned()),
        ("revision", rev.clone()),
    ];
    let added: Vec<(&str, &str)> = added.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let answer = editor.submit(&app, &format!("{PAGE}/new/goal"), &added).await;
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    let new_goal = highest + 1;
    assert!(answer.headers()["location"]
        .to_str()
        .unwrap()
        .ends_with(&format!("#item-goal-{new_goal}")));
    let after = draft(&app).await;
    let goal = after
        .goals()
        .find(|(_, g)| g.id.get() == new_goal)
        .expect("the new goal")
        .1;
    assert_eq!(goal.title.fi, "Uusi tavoite");
    assert_eq!(goal.title.sv.as_ref().map(|t| t.text.as_str()), Some("Nytt mål"));
    assert!(goal.title.en.is_none(), "English is missing, flagged on the texts page");
    let texts = editor
        .get(&app, &format!("/staff/en/versions/{DRAFT}/texts"))
        .await
        .text()
        .await
        .unwrap();
    assert!(texts.contains(&format!("Goal {new_goal}")) && texts.contains("en missing"));
    // The approved version and the public site do not change.
    let current = app.db.store().await.current_strategy().await.unwrap().unwrap();
    assert_eq!(goal_ids(&current), goal_ids(&approved));
    let public = app.json("/api/v1/strategy").await.to_string();
    assert!(!public.contains("Uusi tavoite"));
    assert_eq!(
        app.get(&format!("/api/v1/versions/{DRAFT}/strategy")).await.status(),
        StatusCode::NOT_FOUND
    );
    let audits = structure_audits(&app).await;
    assert_eq!(audits.len(), 1);
    assert_eq!(audits[0].subject, format!("structure:{DRAFT}:goal:{new_goal}"));
    assert_eq!(audits[0].reason, "uusi tavoite");
    assert!(audits[0].after_json.as_deref().unwrap().contains("Uusi tavoite"));

    // The same form again is stale: 409, nothing added.
    let stale = editor.submit(&app, &format!("{PAGE}/new/goal"), &added).await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    assert!(stale
        .text()
        .await
        .unwrap()
        .contains("The draft changed after you opened this page"));
    assert_eq!(goal_ids(&draft(&app).await).len(), goal_ids(&after).len());

    // Bad input: 422 with the error next to its field and what was typed kept; nothing changes.
    let rev = fresh_revision(&mut editor, &app).await;
    let long = "a".repeat(5001);
    for (title, parent, error) in [
        ("  ", area(0), "Write the text in Finnish first"),
        (long.as_str(), area(0), "The text is too long"),
        ("ohjaus\u{1}merkki", area(0), "control characters"),
        ("Tavoite", "999999".to_owned(), "Choose where the item goes"),
    ] {
        let form = [
            ("parent", parent.as_str()),
            ("title_fi", title),
            ("title_sv", "Behålls"),
            ("title_en", ""),
            ("reason", "huono"),
            ("revision", rev.as_str()),
        ];
        let answer = editor.submit(&app, &format!("{PAGE}/new/goal"), &form).await;
        assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY, "{error}");
        let html = answer.text().await.unwrap();
        assert!(html.contains(error), "{error}: {html}");
        assert!(html.contains(">Behålls</textarea>"), "what was typed is kept");
    }
    let no_reason = [
        ("parent", area(0)),
        ("title_fi", "Tavoite".to_owned()),
        ("reason", " ".to_owned()),
    ];
    let no_reason: Vec<(&str, &str)> = no_reason.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let answer = editor.submit(&app, &format!("{PAGE}/new/goal"), &no_reason).await;
    assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.text().await.unwrap().contains("href=\"#reason\""));
    assert_eq!(goal_ids(&draft(&app).await).len(), goal_ids(&after).len());
    assert_eq!(structure_audits(&app).await.len(), 1);

    // Removing an area that still has goals, or a goal the cascade refers to: refused, nothing changed.
    let remove_area = format!("remove:area:{}", area(0));
    let form = [
        ("op", remove_area.as_str()),
        ("reason", "pois"),
        ("revision", rev.as_str()),
    ];
    let refused = editor.submit(&app, PAGE, &form).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(html.contains("items are still under it"), "{html}");
    assert!(html.contains(&format!("href=\"#item-area-{}\"", area(0))));
    let targeted = referenced
        .iter()
        .find(|k| k.kind == OwnerKind::Goal)
        .expect("the test data has targets for goals");
    let remove_goal = format!("remove:goal:{}", targeted.key);
    let form = [
        ("op", remove_goal.as_str()),
        ("reason", "pois"),
        ("revision", rev.as_str()),
    ];
    let refused = editor.submit(&app, PAGE, &form).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("performance targets"));
    assert_eq!(draft(&app).await.areas.len(), approved.areas.len());

    // Reordering: the first area one down.
    let down = format!("down:area:{}", area(0));
    let form = [
        ("op", down.as_str()),
        ("reason", "järjestys"),
        ("revision", rev.as_str()),
    ];
    assert_eq!(editor.submit(&app, PAGE, &form).await.status(), StatusCode::SEE_OTHER);
    let after = draft(&app).await;
    assert_eq!(after.areas[1].id, approved.areas[0].id);
    assert_eq!(after.areas[0].id, approved.areas[1].id);

    // Moving the new goal to another area.
    let rev = fresh_revision(&mut editor, &app).await;
    let move_path = format!("{PAGE}/goal/{new_goal}/move");
    assert_eq!(editor.get(&app, &move_path).await.status(), StatusCode::OK);
    let form = [("parent", area(1)), ("reason", "siirto".to_owned()), ("revision", rev)];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        editor.submit(&app, &move_path, &form).await.status(),
        StatusCode::SEE_OTHER
    );
    let after = draft(&app).await;
    let (in_area, _) = after.goals().find(|(_, g)| g.id.get() == new_goal).unwrap();
    assert_eq!(in_area.id.to_string(), area(1));

    // Removing the new goal, then adding another: the removed id is not reused.
    let rev = fresh_revision(&mut editor, &app).await;
    let remove_new = format!("remove:goal:{new_goal}");
    let form = [
        ("op", remove_new.as_str()),
        ("reason", "turha"),
        ("revision", rev.as_str()),
    ];
    assert_eq!(editor.submit(&app, PAGE, &form).await.status(), StatusCode::SEE_OTHER);
    assert!(!goal_ids(&draft(&app).await).contains(&new_goal));

    // Splitting a goal: the new part gets the next id and records where it comes from.
    let (_, original) = approved.goals().next().unwrap();
    let rev = fresh_revision(&mut editor, &app).await;
    let split_path = format!("{PAGE}/goal/{}/split", original.id);
    assert_eq!(editor.get(&app, &split_path).await.status(), StatusCode::OK);
    let form = [
        ("title_fi", "Erotettu tavoite"),
        ("title_sv", ""),
        ("title_en", ""),
        ("reason", "jako"),
        ("revision", rev.as_str()),
    ];
    assert_eq!(
        editor.submit(&app, &split_path, &form).await.status(),
        StatusCode::SEE_OTHER
    );
    let split_id = new_goal + 1;
    let after = draft(&app).await;
    assert!(
        goal_ids(&after).contains(&split_id),
        "not {new_goal}, which was removed"
    );
    assert!(after.lineage.iter().any(|l| l.key == split_id.to_string()
        && l.other == original.id.to_string()
        && l.relation.as_str() == "split_from"));

    // Merging a goal nothing refers to into another of its area.
    let (absorbed, kept) = approved
        .areas
        .iter()
        .find_map(|a| {
            let free = a.goals.iter().find(|g| {
                !referenced.contains(&ItemKey {
                    kind: OwnerKind::Goal,
                    key: g.id.to_string(),
                })
            })?;
            let other = a.goals.iter().find(|g| g.id != free.id)?;
            Some((free.id, other.id))
        })
        .expect("a goal without targets beside another");
    let rev = fresh_revision(&mut editor, &app).await;
    let merge_path = format!("{PAGE}/goal/{kept}/merge");
    let itself = kept.to_string();
    let form = [
        ("absorbed", itself.as_str()),
        ("reason", "yhdistys"),
        ("revision", rev.as_str()),
    ];
    let refused = editor.submit(&app, &merge_path, &form).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let absorbed_key = absorbed.to_string();
    let form = [
        ("absorbed", absorbed_key.as_str()),
        ("reason", "yhdistys"),
        ("revision", rev.as_str()),
    ];
    assert_eq!(
        editor.submit(&app, &merge_path, &form).await.status(),
        StatusCode::SEE_OTHER
    );
    let after = draft(&app).await;
    assert!(!goal_ids(&after).contains(&absorbed.get()));
    assert_eq!(structure_audits(&app).await.len(), 6);

    // The staff diff shows the lineage; the lint lists the split-off goal without a target.
    let diff = editor
        .get(&app, &format!("/staff/en/versions/{}/diff/{DRAFT}", approved.version))
        .await;
    let html = diff.text().await.unwrap();
    assert!(html.contains(&format!("Split from: Goal {}", original.id)), "{html}");
    assert!(html.contains(&format!("Merged into: Goal {kept}")));
    let version_page = editor
        .get(&app, &format!("/staff/en/versions/{DRAFT}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        version_page.contains(&format!("council goal {split_id} ")),
        "{version_page}"
    );

    // Approved (the lint overridden), the public diff reports the split and the merge.
    let submit = editor
        .submit(
            &app,
            &format!("/staff/en/versions/{DRAFT}/submit"),
            &[("reason", "valmis")],
        )
        .await;
    assert_eq!(submit.status(), StatusCode::SEE_OTHER);
    let decision = [
        ("body_fi", "Testivaltuusto"),
        ("body_sv", ""),
        ("body_en", ""),
        ("date", "2030-01-31"),
        ("minutes", "Testipöytäkirja § 1"),
        ("override_lint", ""),
        ("reason", "testihyväksyntä"),
    ];
    let approve = format!("/staff/en/versions/{DRAFT}/approve");
    let refused = editor.submit(&app, &approve, &decision).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "the lint blocks");
    let mut decision = decision.to_vec();
    decision[5] = ("override_lint", "testin ohitus, ei kaupungin päätös");
    assert_eq!(
        editor.submit(&app, &approve, &decision).await.status(),
        StatusCode::SEE_OTHER
    );
    let diff = app
        .json(&format!("/api/v1/versions/{}/diff/{DRAFT}", approved.version))
        .await;
    let items = diff["items"].as_array().unwrap();
    let of = |key: String| items.iter().find(|i| i["item"] == "goal" && i["key"] == key).unwrap();
    let split = of(split_id.to_string());
    assert_eq!(split["change"], "added");
    assert_eq!(split["lineage"]["relation"], "split_from");
    assert_eq!(split["lineage"]["key"], original.id.to_string());
    let merged = of(absorbed.to_string());
    assert_eq!(merged["change"], "removed");
    assert_eq!(merged["lineage"]["relation"], "merged_into");
    assert_eq!(merged["lineage"]["key"], kept.to_string());
    let doc = app.json("/api/v1/openapi.json").await;
    assert!(doc["components"]["schemas"]["LineageDto"].is_object());

    // An approved version is not changed: the page offers no change, a post is 409 and changes nothing.
    let page = editor.get(&app, PAGE).await.text().await.unwrap();
    assert!(page.contains("Only a draft can be edited") && !page.contains("name=\"revision\""));
    let form = [
        ("op", down.as_str()),
        ("reason", "myöhässä"),
        ("revision", rev.as_str()),
    ];
    let refused = editor.submit(&app, PAGE, &form).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert!(refused.text().await.unwrap().contains("1.2-rakenne"));
    assert_eq!(structure_audits(&app).await.len(), 6);
}

async fn only_the_strategy_office_changes_the_structure(backend: Backend) {
    let Some((app, approved, mut editor)) = with_draft(backend).await else {
        return;
    };
    let org = {
        let store = app.db.store().await;
        let outline = store.cascade_outline(approved.city.slug.as_str()).await.unwrap();
        outline.organisations[0].slug.to_string()
    };
    account(&app, "toimiala@espoo.fi", Role::DepartmentEditor, Some(&org)).await;
    account(&app, "vastaava@espoo.fi", Role::ActionOwner, None).await;
    let rev = fresh_revision(&mut editor, &app).await;
    let down = format!("down:area:{}", approved.areas[0].id);
    let reorder = [
        ("op", down.as_str()),
        ("reason", "järjestys"),
        ("revision", rev.as_str()),
    ];
    let add = [
        ("title_fi", "Uusi arvo"),
        ("description_fi", "Kuvaus"),
        ("reason", "lisäys"),
        ("revision", rev.as_str()),
    ];
    let add_path = format!("{PAGE}/new/value");
    for email in ["toimiala@espoo.fi", "vastaava@espoo.fi"] {
        let mut other = signed_in(&app, email).await;
        assert_eq!(other.get(&app, PAGE).await.status(), StatusCode::OK, "{email} reads");
        assert_eq!(other.submit(&app, PAGE, &reorder).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(
            other.submit(&app, &add_path, &add).await.status(),
            StatusCode::FORBIDDEN
        );
    }
    // Signed out: the page sends to the sign-in, a post is 401.
    let mut nobody = Browser::default();
    assert_eq!(nobody.get(&app, PAGE).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        nobody.post(&app, PAGE, &reorder).await.status(),
        StatusCode::UNAUTHORIZED
    );
    // The editor without the form token, or with a wrong one: 403.
    assert_eq!(editor.post(&app, PAGE, &reorder).await.status(), StatusCode::FORBIDDEN);
    let mut wrong = reorder.to_vec();
    wrong.push(("csrf", "väärä"));
    assert_eq!(editor.post(&app, PAGE, &wrong).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(draft(&app).await.areas[0].id, approved.areas[0].id, "nothing changed");
    assert!(structure_audits(&app).await.is_empty());
    // Unknown kinds, items and operations are no page.
    for missing in [
        format!("{PAGE}/new/strategy"),
        format!("{PAGE}/new/nothing"),
        format!("{PAGE}/goal/999999/split"),
        format!("{PAGE}/area/{}/move", approved.areas[0].id),
        "/staff/en/versions/9.9/structure".to_owned(),
    ] {
        assert_eq!(
            editor.get(&app, &missing).await.status(),
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
    // With the token, the editor's reorder is made.
    assert_eq!(
        editor.submit(&app, PAGE, &reorder).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(draft(&app).await.areas[1].id, approved.areas[0].id);
}

on_both_backends!(
    changing_a_drafts_structure,
    only_the_strategy_office_changes_the_structure
);
