//! Action progress and target assessments through the write API, on both backends: read with an ETag, replaced
//! with If-Match (428 without, 412 when someone saved in between, whether through a form or the API), every
//! mistake of a body listed at its place in one 422 that changes nothing, a target of another organisation
//! refused, and a good write on the public pages at once with the token's account in the audit log.

mod common;

use common::browser::{account, signed_in};
use common::tokens::{account_id, create_token, problem};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tarina::domain::access::Role;

async fn put(app: &TestApp, token: &str, path: &str, if_match: Option<&str>, body: &Value) -> reqwest::Response {
    let mut request = app.client.put(app.url(path)).bearer_auth(token).json(body);
    if let Some(tag) = if_match {
        request = request.header("if-match", tag);
    }
    request.send().await.unwrap()
}

async fn get(app: &TestApp, token: &str, path: &str) -> (String, Value) {
    let response = app.client.get(app.url(path)).bearer_auth(token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let tag = response.headers()["etag"].to_str().unwrap().to_owned();
    (tag, response.json().await.unwrap())
}

async fn progress_and_assessments_through_the_api(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "admin@espoo.fi", Role::Admin, None).await;
    account(&app, "sivistys@espoo.fi", Role::DepartmentEditor, Some("sivistystoimi")).await;
    let mut admin = signed_in(&app, "admin@espoo.fi").await;
    let editor = account_id(&app, "sivistys@espoo.fi").await;
    let department = create_token(
        &app,
        &mut admin,
        &[
            ("account", editor.as_str()),
            ("role", "department_editor"),
            ("organisation", "sivistystoimi"),
        ],
    )
    .await;
    let admin_id = account_id(&app, "admin@espoo.fi").await;
    let office = create_token(&app, &mut admin, &[("account", admin_id.as_str())]).await;

    // Target 4 is the education department's, target 1 the group administration's.
    let own = "/api/v1/staff/targets/4/assessment";
    let (tag, body) = get(&app, &department, own).await;
    assert_eq!(body["target"], 4);
    let foreign = "/api/v1/staff/targets/1/assessment";
    let refused = app
        .client
        .get(app.url(foreign))
        .bearer_auth(&department)
        .send()
        .await
        .unwrap();
    problem(refused, StatusCode::FORBIDDEN).await;
    let good = json!({
        "reason": "tarkastuslautakunnan arvio",
        "grade": "partly_achieved",
        "justification": {"fi": "Osittain **toteutui** <script>alert(1)</script>", "sv": "Delvis"}
    });
    problem(
        put(&app, &department, foreign, Some("*"), &good).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    problem(
        put(&app, &department, own, None, &good).await,
        StatusCode::PRECONDITION_REQUIRED,
    )
    .await;

    // Every mistake at its place, nothing written.
    let bad = json!({"reason": " ", "grade": "achieved", "justification": {"fi": "", "en": "x".repeat(5001)}});
    let invalid = problem(
        put(&app, &department, own, Some(&tag), &bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let pointers: Vec<&str> = invalid["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    for pointer in ["/reason", "/justification/fi", "/justification/en"] {
        assert!(pointers.contains(&pointer), "{pointer} in {pointers:?}");
    }
    let shape = json!({"reason": "x", "grade": "excellent"});
    let invalid = problem(
        put(&app, &department, own, Some(&tag), &shape).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(invalid["errors"][0]["pointer"], "/grade");
    assert_eq!(get(&app, &department, own).await.0, tag, "nothing was written");

    // Saved: the new ETag, the public annex at once, the audit log with the token's account.
    let saved = put(&app, &department, own, Some(&tag), &good).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let new_tag = saved.headers()["etag"].to_str().unwrap().to_owned();
    assert_ne!(new_tag, tag);
    let annex = app
        .client
        .get(app.url("/fi/talousarvioliite/2018"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(annex.contains("Osittain"));
    assert!(!annex.contains("<script>alert(1)"));
    // The old ETag is stale now: 412, nothing written.
    let again = json!({"reason": "toinen arvio", "grade": "achieved", "justification": {"fi": "Toteutui"}});
    problem(
        put(&app, &department, own, Some(&tag), &again).await,
        StatusCode::PRECONDITION_FAILED,
    )
    .await;
    let store = app.db.store().await;
    let entries = store
        .audit_entries(&tarina::store::AuditFilter::default(), 20, 0)
        .await
        .unwrap();
    let entry = entries
        .iter()
        .find(|e| e.action == "target.assessment")
        .expect("audited");
    assert!(
        entry.actor.starts_with(&format!("user:{editor}/token:")),
        "{}",
        entry.actor
    );
    assert_eq!(entry.reason, "tarkastuslautakunnan arvio");

    // Progress: a department token reports on no action; the office's does.
    let progress = "/api/v1/staff/actions/1/progress";
    let refused = app
        .client
        .get(app.url(progress))
        .bearer_auth(&department)
        .send()
        .await
        .unwrap();
    problem(refused, StatusCode::FORBIDDEN).await;
    let (tag, body) = get(&app, &office, progress).await;
    assert_eq!(body["action"], 1);
    let report = json!({
        "reason": "neljännesvuosiraportti",
        "report": {"state": "in_progress", "percent": 40, "as_of": "2019-03-31", "note": {"fi": "Etenee"}}
    });
    let bad = json!({"reason": "x", "report": {"state": "in_progress", "percent": 140, "as_of": "31.3.2019"}});
    let invalid = problem(
        put(&app, &office, progress, Some(&tag), &bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let pointers: Vec<&str> = invalid["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(pointers, ["/report/as_of", "/report/percent"]);
    // Someone saves through the staff form in between: the API write is stale.
    let path = "/staff/fi/actions/1/progress";
    let page = admin.get(&app, path).await.text().await.unwrap();
    let at = page.find("name=\"revision\" value=\"").unwrap() + 23;
    let revision = page[at..at + page[at..].find('"').unwrap()].to_owned();
    let form = [
        ("state", "delayed"),
        ("percent", ""),
        ("as_of", "2019-02-28"),
        ("note_fi", ""),
        ("note_sv", ""),
        ("note_en", ""),
        ("reason", "lomakkeelta"),
        ("revision", revision.as_str()),
    ];
    assert_eq!(admin.submit(&app, path, &form).await.status(), StatusCode::SEE_OTHER);
    problem(
        put(&app, &office, progress, Some(&tag), &report).await,
        StatusCode::PRECONDITION_FAILED,
    )
    .await;
    let (tag, body) = get(&app, &office, progress).await;
    assert_eq!(body["report"]["state"], "delayed");
    let saved = put(&app, &office, progress, Some(&tag), &report).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let body: Value = saved.json().await.unwrap();
    assert_eq!(body["report"]["percent"], 40);

    // Both resources are in the OpenAPI document with the bearer scheme.
    let document: Value = app
        .client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in [
        "/api/v1/staff/actions/{id}/progress",
        "/api/v1/staff/targets/{id}/assessment",
    ] {
        assert_eq!(
            document["paths"][path]["put"]["security"][0]["bearer"],
            json!([]),
            "{path}"
        );
    }
    // Each under a name of its own: a schema named like one of the open API's would replace it in the document.
    let schemas = &document["components"]["schemas"];
    assert!(schemas["AssessmentStateDto"]["properties"]["target"].is_object());
    assert!(schemas["ProgressStateDto"]["properties"]["action"].is_object());
}

on_both_backends!(progress_and_assessments_through_the_api);
