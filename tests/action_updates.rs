//! Status updates of actions, on both backends: an action owner posts them through the progress page and
//! through the write API; the owner of another action is refused and nothing changes; bad input (a per cent
//! over 100, a date in another form, a `javascript:` link, a narrative too long) comes back with its errors at
//! their fields and changes nothing; a form drawn before someone else posted is a conflict; script in a
//! narrative or a link title is shown as text on the staff page and the public page and kept as data in the
//! JSON; the public action page shows the latest update and the history in Finnish, Swedish and English.

mod common;

use common::browser::{account, signed_in, Browser};
use common::tokens::{account_id, create_token, problem};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tarina::domain::access::Role;
use tarina::domain::ActionId;

const PAYLOAD: &str = "<script>alert('x')</script><img src=x onerror=alert(1)>";

/// An action owner assigned `action` by an admin through the account form.
async fn owner_of(app: &TestApp, admin: &mut Browser, email: &str, action: ActionId) -> Browser {
    account(app, email, Role::ActionOwner, None).await;
    let id = account_id(app, email).await;
    let action = action.to_string();
    let assign = [
        ("role", "action_owner"),
        ("organisation", ""),
        ("active", "on"),
        ("actions", action.as_str()),
        ("indicators", ""),
        ("reason", "vastuunjako"),
    ];
    let path = format!("/staff/en/accounts/{id}");
    assert_eq!(admin.submit(app, &path, &assign).await.status(), StatusCode::SEE_OTHER);
    signed_in(app, email).await
}

fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = html.find(&marker).unwrap_or_else(|| panic!("no {name}")) + marker.len();
    html[at..at + html[at..].find('"').unwrap()].to_owned()
}

async fn audit_count(app: &TestApp) -> usize {
    let store = app.db.store().await;
    store.audit_entries(&Default::default(), 1000, 0).await.unwrap().len()
}

async fn updates_of(app: &TestApp, action: ActionId) -> Value {
    app.json(&format!("/api/v1/actions/{action}")).await
}

/// Two actions: the first two of the strategy.
async fn two_actions(app: &TestApp) -> (ActionId, ActionId, String) {
    let store = app.db.store().await;
    let strategy = store.current_strategy().await.unwrap().unwrap();
    let mut actions = strategy.actions().map(|a| a.id);
    let (own, other) = (actions.next().unwrap(), actions.next().unwrap());
    let goal = strategy
        .goals()
        .find(|(_, goal)| goal.actions.iter().any(|a| a.id == own))
        .map(|(_, goal)| goal.slug.to_string())
        .unwrap();
    (own, other, goal)
}

async fn owners_post_updates_through_the_form(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let (own, other, goal) = two_actions(&app).await;
    account(&app, "admin@espoo.fi", Role::Admin, None).await;
    let mut admin = signed_in(&app, "admin@espoo.fi").await;
    let mut owner = owner_of(&app, &mut admin, "omistaja@espoo.fi", own).await;
    let mut stranger = owner_of(&app, &mut admin, "toinen@espoo.fi", other).await;
    let page_path = format!("/staff/fi/actions/{own}/progress");
    let post_path = format!("/staff/fi/actions/{own}/updates");

    let page = owner.get(&app, &page_path).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Julkaise tilannepäivitys"),
        "the form is on the progress page"
    );
    assert!(html.contains("<legend>Linkki 1</legend>"), "evidence rows are grouped");
    assert!(
        html.contains("ei ole vielä julkaistu tilannepäivityksiä"),
        "no history yet"
    );
    let drawn = hidden(&html, "update_revision");
    let logged = audit_count(&app).await;

    // Every mistake at once, each next to its field in Finnish, what was typed kept; nothing changes.
    let long = "x".repeat(5001);
    let bad = [
        ("update_state", "in_progress"),
        ("update_percent", "120"),
        ("update_as_of", "31.12.2030"),
        ("narrative_fi", long.as_str()),
        ("narrative_sv", PAYLOAD),
        ("evidence_title_1", "Päätös"),
        ("evidence_url_1", "javascript:alert(1)"),
        ("update_reason", ""),
        ("update_revision", drawn.as_str()),
    ];
    let refused = owner.submit(&app, &post_path, &bad).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    for (field, message) in [
        ("update_percent", "Anna kokonaisluku 0–100"),
        ("update_as_of", "VVVV-KK-PP"),
        ("narrative_fi", "enintään 5000 merkkiä"),
        ("evidence_url_1", "https://"),
        ("update_reason", "Kirjoita syy"),
    ] {
        let error = format!("<span class=\"field-error-text\" id=\"{field}-error\">");
        let at = html.find(&error).unwrap_or_else(|| panic!("no error at {field}"));
        let near: String = html[at..].chars().take(300).collect();
        assert!(near.contains(message), "{field}: {message}");
        assert!(
            html.contains(&format!("<a href=\"#{field}\">")),
            "{field} in the summary"
        );
    }
    assert!(html.contains("value=\"120\"") && html.contains("value=\"31.12.2030\""));
    assert!(
        html.contains("value=\"javascript:alert(1)\""),
        "the address typed is kept"
    );
    assert!(html.contains("&lt;script&gt;alert("), "the typed script is text");
    assert!(!html.contains("<script>alert("), "and never markup");
    assert_eq!(audit_count(&app).await, logged);
    assert_eq!(updates_of(&app, own).await["updates"], json!([]));

    // A good update: posted, audited, the current progress at once.
    let narrative_fi = format!("**Hanke** etenee aikataulussa. {PAYLOAD}");
    let first = [
        ("update_state", "in_progress"),
        ("update_percent", "40"),
        ("update_as_of", "2030-03-31"),
        ("narrative_fi", narrative_fi.as_str()),
        ("narrative_sv", "Projektet framskrider enligt tidtabellen."),
        ("narrative_en", ""),
        ("evidence_title_1", "Päätös <b>12.3.</b>"),
        ("evidence_url_1", "https://www.espoo.fi/paatos?a=1&b=2"),
        ("evidence_title_2", ""),
        ("evidence_url_2", "https://www.espoo.fi/raportti"),
        ("update_reason", "neljännesvuosiraportti"),
        ("update_revision", drawn.as_str()),
    ];
    let posted = owner.submit(&app, &post_path, &first).await;
    assert_eq!(posted.status(), StatusCode::SEE_OTHER);
    assert_eq!(posted.headers()["location"], format!("{page_path}?posted=1").as_str());
    let store = app.db.store().await;
    let entry = store.audit_entries(&Default::default(), 1, 0).await.unwrap().remove(0);
    assert_eq!(
        (entry.action.as_str(), entry.reason.as_str(), entry.subject.as_str()),
        (
            "action.update",
            "neljännesvuosiraportti",
            format!("action:{own}").as_str()
        )
    );
    assert_eq!(
        entry.actor,
        format!("user:{}", account_id(&app, "omistaja@espoo.fi").await)
    );
    assert!(entry.after_json.unwrap().contains("https://www.espoo.fi/raportti"));
    let logged = audit_count(&app).await;
    // The same form sent again posts nothing.
    assert_eq!(
        owner.submit(&app, &post_path, &first).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(audit_count(&app).await, logged);
    let goal_page = app.html(&format!("/en/goals/{goal}")).await;
    assert!(
        goal_page.contains("in progress, 40 %, 31 March 2030"),
        "the goal page follows the update"
    );

    // A form drawn before that update is stale: both versions side by side, nothing posted.
    let stale = [
        ("update_state", "delayed"),
        ("update_percent", "30"),
        ("update_as_of", "2030-04-30"),
        ("update_reason", "myöhässä"),
        ("update_revision", drawn.as_str()),
    ];
    let conflict = owner.submit(&app, &post_path, &stale).await;
    assert_eq!(conflict.status(), StatusCode::CONFLICT);
    let html = conflict.text().await.unwrap();
    assert!(html.contains("id=\"conflict-title\"") && html.contains("value=\"2030-04-30\""));
    assert_eq!(audit_count(&app).await, logged);

    // An update dated before the current situation is refused at its date.
    let html = owner.get(&app, &page_path).await.text().await.unwrap();
    let fresh = hidden(&html, "update_revision");
    let older = [
        ("update_state", "in_progress"),
        ("update_as_of", "2030-01-31"),
        ("update_reason", "vanha"),
        ("update_revision", fresh.as_str()),
    ];
    let refused = owner.submit(&app, &post_path, &older).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("id=\"update_as_of-error\""));

    // A second update, Finnish only; the staff page lists both, newest first, the script as text.
    let second = [
        ("update_state", "completed"),
        ("update_percent", "100"),
        ("update_as_of", "2030-06-30"),
        ("narrative_fi", "Valmis."),
        ("update_reason", "valmistui"),
        ("update_revision", fresh.as_str()),
    ];
    assert_eq!(
        owner.submit(&app, &post_path, &second).await.status(),
        StatusCode::SEE_OTHER
    );
    let html = owner
        .get(&app, &format!("{page_path}?posted=1"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Tilannepäivitys julkaistiin."));
    let (newer, older) = (
        html.find("<p>Valmis.</p>").unwrap(),
        html.find("<strong>Hanke</strong>").unwrap(),
    );
    assert!(newer < older, "newest first");
    assert!(html.contains("&lt;script&gt;") && !html.contains("<script>alert("));
    assert!(html.contains("Päätös &lt;b&gt;12.3.&lt;/b&gt;"));

    // The owner of another action reaches neither the page nor the form; nothing changes.
    let logged = audit_count(&app).await;
    let before = updates_of(&app, own).await;
    assert_eq!(stranger.get(&app, &page_path).await.status(), StatusCode::FORBIDDEN);
    let mut forged = second.to_vec();
    forged.retain(|(k, _)| *k != "update_revision");
    forged.push(("update_revision", ""));
    forged[0] = ("update_state", "delayed");
    assert_eq!(
        stranger.submit(&app, &post_path, &forged).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(audit_count(&app).await, logged);
    assert_eq!(updates_of(&app, own).await, before);
    // Without the session's form token nothing is posted either.
    assert_eq!(
        owner.post(&app, &post_path, &forged).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(audit_count(&app).await, logged);

    public_pages_show_latest_and_history(&app, own).await;
}

/// The public page in three languages and the JSON, after the form test's two updates.
async fn public_pages_show_latest_and_history(app: &TestApp, own: ActionId) {
    let fi = app.html(&format!("/fi/toimenpiteet/{own}")).await;
    let latest = fi.find("id=\"latest-heading\"").unwrap();
    let history = fi.find("id=\"history-heading\"").unwrap();
    let done = fi.find("<p>Valmis.</p>").unwrap();
    assert!(latest < done && done < history, "the latest update comes first");
    assert!(fi[latest..history].contains("100 %") && fi[latest..history].contains("30.6.2030"));
    let earlier = &fi[history..];
    assert!(earlier.contains("40 %") && earlier.contains("<strong>Hanke</strong> etenee"));
    assert!(earlier.contains("&lt;script&gt;alert(") && !fi.contains("<script>alert("));
    assert!(!fi.contains("<img src=x"), "no live markup from a narrative");
    assert!(earlier.contains(
        "<a href=\"https://www.espoo.fi/paatos?a=1&amp;b=2\" rel=\"noopener noreferrer\">Päätös &lt;b&gt;12.3.&lt;/b&gt;</a>"
    ));
    assert!(
        earlier.contains("(https://www.espoo.fi/paatos?a=1&amp;b=2)"),
        "the address is visible"
    );
    assert!(
        earlier.contains(">https://www.espoo.fi/raportti</a>"),
        "an untitled link shows its address"
    );

    let sv = app.html(&format!("/sv/atgarder/{own}")).await;
    assert!(
        sv.contains("Projektet framskrider enligt tidtabellen."),
        "the Swedish narrative"
    );
    assert!(
        sv.contains("<div class=\"markdown\" lang=\"fi\"><p>Valmis.</p>"),
        "Finnish fallback marked"
    );
    assert!(sv.contains("Senaste läget") && sv.contains("klar"));
    let en = app.html(&format!("/en/actions/{own}")).await;
    assert!(
        en.contains("<div class=\"markdown\" lang=\"fi\"><p><strong>Hanke</strong>"),
        "Finnish fallback"
    );
    assert!(en.contains("Earlier status updates") && en.contains("30 June 2030"));
    assert!(en.contains("lang=\"fi\""), "the fallback notice's marking");

    let response = app.get(&format!("/api/v1/actions/{own}")).await;
    assert_eq!(response.headers()["content-type"], "application/json");
    let json: Value = response.json().await.unwrap();
    assert_eq!(json["latest_update"]["state"], "completed");
    assert_eq!(json["progress"]["percent"], 100);
    assert_eq!(json["progress"]["example"], false);
    assert_eq!(json["updates"].as_array().unwrap().len(), 2);
    let first = &json["updates"][1];
    assert!(
        first["narrative"]["fi"].as_str().unwrap().ends_with(PAYLOAD),
        "data, kept as written"
    );
    assert_eq!(first["narrative"]["en"], Value::Null);
    assert_eq!(first["evidence"][0]["url"], "https://www.espoo.fi/paatos?a=1&b=2");
    assert_eq!(first["evidence"][1]["title"], Value::Null);
    assert_eq!(json["url"]["sv"], format!("/sv/atgarder/{own}"));
    let missing = app.get("/api/v1/actions/999999").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.get("/fi/toimenpiteet/999999").await.status(), StatusCode::NOT_FOUND);
}

async fn post(app: &TestApp, token: &str, action: ActionId, if_match: Option<&str>, body: &Value) -> reqwest::Response {
    let path = format!("/api/v1/staff/actions/{action}/updates");
    let mut request = app.client.post(app.url(&path)).bearer_auth(token).json(body);
    if let Some(tag) = if_match {
        request = request.header("if-match", tag);
    }
    request.send().await.unwrap()
}

async fn etag(app: &TestApp, token: &str, action: ActionId) -> String {
    let path = format!("/api/v1/staff/actions/{action}/updates");
    let response = app.client.get(app.url(&path)).bearer_auth(token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.headers()["etag"].to_str().unwrap().to_owned()
}

async fn owners_post_updates_through_the_api(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let (own, other, _) = two_actions(&app).await;
    account(&app, "admin@espoo.fi", Role::Admin, None).await;
    let mut admin = signed_in(&app, "admin@espoo.fi").await;
    owner_of(&app, &mut admin, "omistaja@espoo.fi", own).await;
    owner_of(&app, &mut admin, "toinen@espoo.fi", other).await;
    let owner_id = account_id(&app, "omistaja@espoo.fi").await;
    let other_id = account_id(&app, "toinen@espoo.fi").await;
    let (own_text, other_text) = (own.to_string(), other.to_string());
    let owned = [
        ("account", owner_id.as_str()),
        ("role", "action_owner"),
        ("actions", own_text.as_str()),
    ];
    let token = create_token(&app, &mut admin, &owned).await;
    let foreign = [
        ("account", other_id.as_str()),
        ("role", "action_owner"),
        ("actions", other_text.as_str()),
    ];
    let stranger = create_token(&app, &mut admin, &foreign).await;

    let tag = etag(&app, &token, own).await;
    let good = json!({
        "reason": "Tilastokeskuksen tuonti",
        "update": {
            "state": "in_progress",
            "percent": 55,
            "as_of": "2030-09-30",
            "narrative": {"fi": format!("Etenee. {PAYLOAD}"), "sv": "Framskrider."},
            "evidence": [{"title": "Raportti", "url": "https://www.espoo.fi/raportti.pdf"}]
        }
    });
    let logged = audit_count(&app).await;
    assert_eq!(
        post(&app, &token, own, None, &good).await.status(),
        StatusCode::PRECONDITION_REQUIRED
    );
    let anonymous = app
        .client
        .post(app.url(&format!("/api/v1/staff/actions/{own}/updates")))
        .json(&good)
        .send()
        .await
        .unwrap();
    problem(anonymous, StatusCode::UNAUTHORIZED).await;

    // Every mistake at its place in one 422; nothing changes.
    let long = "x".repeat(5001);
    let bad = json!({
        "reason": " ",
        "update": {
            "state": "in_progress",
            "percent": 120,
            "as_of": "2030/09/30",
            "narrative": {"fi": long},
            "evidence": [{"url": "javascript:alert(1)"}, {"title": "x", "url": "http://www.espoo.fi/"}]
        }
    });
    let refused = problem(
        post(&app, &token, own, Some(&tag), &bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let pointers: Vec<&str> = refused["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    for place in [
        "/reason",
        "/update/percent",
        "/update/as_of",
        "/update/narrative/fi",
        "/update/evidence/0/url",
        "/update/evidence/1/url",
    ] {
        assert!(pointers.contains(&place), "{place} in {pointers:?}");
    }
    let too_many = json!({"reason": "x", "update": {"state": "in_progress", "as_of": "2030-09-30",
        "evidence": [{"url": "https://a.fi"}, {"url": "https://b.fi"}, {"url": "https://c.fi"}, {"url": "https://d.fi"}]}});
    let refused = problem(
        post(&app, &token, own, Some(&tag), &too_many).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused["errors"][0]["pointer"], "/update/evidence");
    assert_eq!(audit_count(&app).await, logged);
    assert_eq!(etag(&app, &token, own).await, tag, "nothing changed");

    // The other action's owner is refused, whatever the ETag.
    problem(
        post(&app, &stranger, own, Some("*"), &good).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(audit_count(&app).await, logged);

    // Posted: 201 with the new state; the same update again is not posted twice.
    let created = post(&app, &token, own, Some(&tag), &good).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    assert_eq!(created.headers()["location"], format!("/api/v1/actions/{own}").as_str());
    let new_tag = created.headers()["etag"].to_str().unwrap().to_owned();
    let body: Value = created.json().await.unwrap();
    assert_eq!(body["updates"][0]["percent"], 55);
    assert_eq!(body["updates"][0]["author"], "omistaja@espoo.fi");
    assert_eq!(body["current"]["state"], "in_progress");
    let again = post(&app, &token, own, Some(&new_tag), &good).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(audit_count(&app).await, logged + 1);
    let entry = app
        .db
        .store()
        .await
        .audit_entries(&Default::default(), 1, 0)
        .await
        .unwrap()
        .remove(0);
    assert!(entry.actor.starts_with(&format!("user:{owner_id}/token:")));

    // The old ETag is stale; an update dated before the current one conflicts.
    let mut next = good.clone();
    next["update"]["as_of"] = json!("2030-12-31");
    problem(
        post(&app, &token, own, Some(&tag), &next).await,
        StatusCode::PRECONDITION_FAILED,
    )
    .await;
    let mut older = good.clone();
    older["update"]["as_of"] = json!("2030-01-01");
    problem(
        post(&app, &token, own, Some(&new_tag), &older).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(audit_count(&app).await, logged + 1);

    // The public side at once: JSON and page, the script as text.
    let public = updates_of(&app, own).await;
    assert_eq!(public["latest_update"]["percent"], 55);
    assert_eq!(public["latest_update"]["evidence"][0]["title"], "Raportti");
    let page = app.html(&format!("/fi/toimenpiteet/{own}")).await;
    assert!(page.contains("55 %") && page.contains("&lt;script&gt;") && !page.contains("<script>alert("));

    // The progress PUT still works: a correction becomes the current state and the update goes to the history.
    let progress = format!("/api/v1/staff/actions/{own}/progress");
    let response = app
        .client
        .get(app.url(&progress))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let progress_tag = response.headers()["etag"].to_str().unwrap().to_owned();
    let correction =
        json!({"reason": "korjaus", "report": {"state": "in_progress", "percent": 50, "as_of": "2030-09-30"}});
    let corrected = app
        .client
        .put(app.url(&progress))
        .bearer_auth(&token)
        .header("if-match", progress_tag)
        .json(&correction)
        .send()
        .await
        .unwrap();
    assert_eq!(corrected.status(), StatusCode::OK);
    let public = updates_of(&app, own).await;
    assert_eq!(public["progress"]["percent"], 50);
    assert_eq!(public["latest_update"]["percent"], 55);
    let page = app.html(&format!("/en/actions/{own}")).await;
    let history = page.find("id=\"history-heading\"").unwrap();
    assert!(page[..history].contains("50 %") && page[history..].contains("55 %"));
    // The correction changed the log, so the ETag of the updates moved on too.
    problem(
        post(&app, &token, own, Some(&new_tag), &next).await,
        StatusCode::PRECONDITION_FAILED,
    )
    .await;

    // The export keeps the updates, and an import into an empty database brings them back in their order.
    let export = app.db.store().await.export().await.unwrap();
    assert_eq!(export.format_version, 6);
    assert_eq!(export.cascades[0].action_updates.len(), 1);
    let copy = common::TestDb::new(backend).await.unwrap();
    let target = copy.store().await;
    target.import(&export).await.unwrap();
    let log = target.update_log(&export.cascades[0].city_slug, own).await.unwrap();
    assert_eq!(log.updates.len(), 1);
    assert_eq!(log.updates[0].content.percent, Some(55));
    assert_eq!(log.updates[0].author, None, "accounts are not exported");
    assert_eq!(target.export().await.unwrap().cascades, export.cascades);

    // Both operations are in the OpenAPI document.
    let document = app.json("/api/v1/openapi.json").await;
    assert!(document["paths"]["/api/v1/staff/actions/{id}/updates"]["post"].is_object());
    assert!(document["paths"]["/api/v1/staff/actions/{id}/updates"]["get"].is_object());
    assert!(document["paths"]["/api/v1/actions/{id}"]["get"].is_object());
}

on_both_backends!(
    owners_post_updates_through_the_form,
    owners_post_updates_through_the_api
);
