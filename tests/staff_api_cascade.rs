//! Performance targets, their budget years and indicator definitions through the write API, on both backends:
//! a department's token creates and edits only its own drafts and links only indicators within its reach; the
//! strategy office's token moves a year to approved, after which its targets are locked (409), and copies it;
//! a definition is replaced by the staff form's own rules; every mistake of a body is listed at its place in one
//! 422 that changes nothing; a stale or missing `If-Match` writes nothing; the token's account is audited.

mod common;

use common::browser::{account, signed_in};
use common::tokens::{account_id, create_token, problem};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tarina::domain::access::Role;

async fn send(
    app: &TestApp,
    method: reqwest::Method,
    (token, path): (&str, &str),
    if_match: Option<&str>,
    body: &Value,
) -> reqwest::Response {
    let mut request = app.client.request(method, app.url(path)).bearer_auth(token).json(body);
    if let Some(tag) = if_match {
        request = request.header("if-match", tag);
    }
    request.send().await.unwrap()
}

async fn post(app: &TestApp, token: &str, path: &str, body: &Value) -> reqwest::Response {
    send(app, reqwest::Method::POST, (token, path), None, body).await
}

async fn put(app: &TestApp, token: &str, path: &str, if_match: Option<&str>, body: &Value) -> reqwest::Response {
    send(app, reqwest::Method::PUT, (token, path), if_match, body).await
}

async fn get(app: &TestApp, token: &str, path: &str) -> (String, Value) {
    let response = app.client.get(app.url(path)).bearer_auth(token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let tag = response.headers()["etag"].to_str().unwrap().to_owned();
    (tag, response.json().await.unwrap())
}

/// The pointers of a 422's mistakes.
async fn pointers(response: reqwest::Response) -> Vec<String> {
    let body = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap().to_owned())
        .collect()
}

/// The one mistake of a 422 for a body of another shape than the document's.
async fn shape_mistake(response: reqwest::Response) -> String {
    let body = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["errors"].as_array().unwrap().len(), 1, "{body}");
    body["errors"][0]["detail"].as_str().unwrap().to_owned()
}

async fn audit(app: &TestApp) -> Vec<tarina::store::AuditEntry> {
    let store = app.db.store().await;
    store
        .audit_entries(&tarina::store::AuditFilter::default(), 100, 0)
        .await
        .unwrap()
}

/// A strategy office token (on an admin account), an education department token, the department account's
/// id, and a token of the admin account that its scope narrows to the education department.
async fn tokens(app: &TestApp) -> (String, String, String, String) {
    account(app, "admin@espoo.fi", Role::Admin, None).await;
    account(app, "sivistys@espoo.fi", Role::DepartmentEditor, Some("sivistystoimi")).await;
    let mut admin = signed_in(app, "admin@espoo.fi").await;
    let editor = account_id(app, "sivistys@espoo.fi").await;
    let department = create_token(
        app,
        &mut admin,
        &[
            ("account", editor.as_str()),
            ("role", "department_editor"),
            ("organisation", "sivistystoimi"),
        ],
    )
    .await;
    let admin_id = account_id(app, "admin@espoo.fi").await;
    let office = create_token(app, &mut admin, &[("account", admin_id.as_str())]).await;
    let narrowed = create_token(
        app,
        &mut admin,
        &[
            ("account", admin_id.as_str()),
            ("role", "department_editor"),
            ("organisation", "sivistystoimi"),
        ],
    )
    .await;
    (office, department, editor, narrowed)
}

async fn targets_and_their_years_through_the_api(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let (office, department, editor, narrowed) = tokens(&app).await;
    let good = json!({
        "reason": "vuoden 2019 talousarvio",
        "year": 2019,
        "organisation": "sivistystoimi",
        "title": {"fi": "Oppimistulokset paranevat <script>alert(1)</script>"},
        "goals": [1, 7],
        "indicators": [8],
        "binding": true
    });

    // Another organisation's target, a foreign indicator: refused, nothing written.
    let mut foreign = good.clone();
    foreign["organisation"] = json!("konsernihallinto");
    problem(
        post(&app, &department, "/api/v1/staff/targets", &foreign).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    // A token reaches no further than its scope, though its account (an admin's) would.
    problem(
        post(&app, &narrowed, "/api/v1/staff/targets", &foreign).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let mut linked = good.clone();
    linked["indicators"] = json!([1]);
    assert_eq!(
        pointers(post(&app, &department, "/api/v1/staff/targets", &linked).await).await,
        ["/indicators"]
    );
    // Every mistake at its place.
    let bad = json!({
        "reason": " ",
        "year": 2019,
        "organisation": "atlantis",
        "title": {"fi": "", "en": "x".repeat(501)},
        "goals": [999],
        "indicators": [0]
    });
    let mistakes = pointers(post(&app, &office, "/api/v1/staff/targets", &bad).await).await;
    for pointer in [
        "/reason",
        "/organisation",
        "/title/fi",
        "/title/en",
        "/goals",
        "/indicators",
    ] {
        assert!(mistakes.iter().any(|p| p == pointer), "{pointer} in {mistakes:?}");
    }
    let mut yearless = good.clone();
    yearless.as_object_mut().unwrap().remove("year");
    let refused = post(&app, &office, "/api/v1/staff/targets", &yearless).await;
    assert!(shape_mistake(refused).await.contains("missing field `year`"));
    assert!(!audit(&app).await.iter().any(|e| e.action == "target.create"));

    // Created as a draft: 201 with its address and version, not on the public pages.
    let created = post(&app, &department, "/api/v1/staff/targets", &good).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let tag = created.headers()["etag"].to_str().unwrap().to_owned();
    let body: Value = created.json().await.unwrap();
    assert_eq!(body["status"], "draft");
    assert_eq!(location, format!("/api/v1/staff/targets/{}", body["id"]));
    let (read_tag, read) = get(&app, &department, &location).await;
    assert_eq!(read_tag, tag, "the version created is the version stored");
    assert_eq!(read["goals"], json!([1, 7]));
    assert_eq!(read["responsible"], "sivistystoimi");
    let public = app.client.get(app.url("/api/v1/targets")).send().await.unwrap();
    assert!(!public.text().await.unwrap().contains("Oppimistulokset paranevat"));

    // Edited: If-Match required and compared; the year stays.
    let mut edit = good.clone();
    edit["title"] = json!({"fi": "Oppimistulokset paranevat", "sv": "Inlärningsresultaten förbättras"});
    edit.as_object_mut().unwrap().remove("year");
    problem(
        put(&app, &department, &location, None, &edit).await,
        StatusCode::PRECONDITION_REQUIRED,
    )
    .await;
    let mut moved = edit.clone();
    moved["year"] = json!(2020);
    let refused = put(&app, &department, &location, Some(&tag), &moved).await;
    assert!(shape_mistake(refused).await.contains("unknown field `year`"));
    let saved = put(&app, &department, &location, Some(&tag), &edit).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let new_tag = saved.headers()["etag"].to_str().unwrap().to_owned();
    assert_ne!(new_tag, tag);
    assert_eq!(get(&app, &department, &location).await.0, new_tag);
    problem(
        put(&app, &department, &location, Some(&tag), &edit).await,
        StatusCode::PRECONDITION_FAILED,
    )
    .await;
    // Another department's target is out of reach, read or write.
    let other = "/api/v1/staff/targets/1";
    let refused = app
        .client
        .get(app.url(other))
        .bearer_auth(&department)
        .send()
        .await
        .unwrap();
    problem(refused, StatusCode::FORBIDDEN).await;
    problem(
        put(&app, &department, other, Some("*"), &edit).await,
        StatusCode::FORBIDDEN,
    )
    .await;

    // The year: only the strategy office moves it; a step that finds nothing to move is a conflict.
    let steps = "/api/v1/staff/target-years/2019/steps";
    let propose = json!({"step": "propose", "reason": "talousarvioehdotus"});
    problem(post(&app, &department, steps, &propose).await, StatusCode::FORBIDDEN).await;
    let proposed = post(&app, &office, steps, &propose).await;
    assert_eq!(proposed.status(), StatusCode::OK);
    let proposed: Value = proposed.json().await.unwrap();
    assert_eq!(proposed["moved"], 1);
    problem(post(&app, &office, steps, &propose).await, StatusCode::CONFLICT).await;
    // One target does not cover the council goals: the approval gate asks for a reason to override the lint.
    let approve = json!({"step": "approve", "reason": "valtuuston talousarviopäätös"});
    problem(
        post(&app, &office, steps, &approve).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let approve = json!({"step": "approve", "reason": "valtuuston talousarviopäätös", "override_lint": "muut tavoitteet myöhemmin"});
    assert_eq!(post(&app, &office, steps, &approve).await.status(), StatusCode::OK);
    let public = app.client.get(app.url("/api/v1/targets")).send().await.unwrap();
    assert!(public.text().await.unwrap().contains("Oppimistulokset paranevat"));
    // Approved is locked.
    let (approved_tag, _) = get(&app, &department, &location).await;
    let mut late = edit.clone();
    late["binding"] = json!(false);
    problem(
        put(&app, &department, &location, Some(&approved_tag), &late).await,
        StatusCode::CONFLICT,
    )
    .await;

    // A copy goes to a year without targets, once.
    let copies = "/api/v1/staff/target-years/2019/copies";
    let copy = json!({"to": 2020, "reason": "pohja vuodelle 2020"});
    problem(post(&app, &department, copies, &copy).await, StatusCode::FORBIDDEN).await;
    let copied = post(&app, &office, copies, &copy).await;
    assert_eq!(copied.status(), StatusCode::CREATED);
    let copied: Value = copied.json().await.unwrap();
    assert_eq!(copied["copied"], 1);
    problem(post(&app, &office, copies, &copy).await, StatusCode::CONFLICT).await;
    let mistakes = pointers(post(&app, &office, copies, &json!({"to": 20201, "reason": ""})).await).await;
    assert_eq!(mistakes, ["/to", "/reason"]);
    let missing = post(&app, &office, "/api/v1/staff/target-years/1999/copies", &copy).await;
    problem(missing, StatusCode::NOT_FOUND).await;

    let entries = audit(&app).await;
    for action in ["target.create", "target.edit", "targets.status", "targets.copy"] {
        let entry = entries
            .iter()
            .find(|e| e.action == action)
            .unwrap_or_else(|| panic!("{action} audited"));
        assert!(entry.actor.contains("/token:"), "{action}: {}", entry.actor);
    }
    let created = entries.iter().find(|e| e.action == "target.create").unwrap();
    assert!(created.actor.starts_with(&format!("user:{editor}/token:")));
}

on_both_backends!(targets_and_their_years_through_the_api);

async fn definitions_through_the_api(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let (office, department, _, _) = tokens(&app).await;
    // Indicator 8 is measured by the education department's targets, indicator 1 by others'.
    let own = "/api/v1/staff/indicators/8/definition";
    assert_eq!(get(&app, &department, own).await.1["indicator"], 8);
    let refused = app
        .client
        .get(app.url("/api/v1/staff/indicators/1/definition"))
        .bearer_auth(&department)
        .send()
        .await
        .unwrap();
    problem(refused, StatusCode::FORBIDDEN).await;

    let path = "/api/v1/staff/indicators/1/definition";
    let (tag, state) = get(&app, &office, path).await;
    assert!(state["baseline"]["example"].as_bool().unwrap());
    // The state as a body: references as date and value, without the fields a write does not take.
    let reference = |r: &Value| json!({"date": r["date"], "value": r["value"]});
    let mut body = json!({
        "reason": "valtuuston uusi tavoite",
        "name": state["name"],
        "definition": state["definition"],
        "unit": state["unit"],
        "source": state["source"],
        "decimals": state["decimals"],
        "direction": state["direction"],
        "frequency": state["frequency"],
        "regions": state["regions"],
        "milestones": state["milestones"].as_array().unwrap().iter().map(reference).collect::<Vec<_>>(),
    });
    for field in ["baseline", "target"] {
        if !state[field].is_null() {
            body[field] = reference(&state[field]);
        }
    }
    if !state["licence"].is_null() {
        body["licence"] = state["licence"].clone();
    }

    // A new target value without its basis, an unknown region, a band without its range.
    let mut bad = body.clone();
    bad["target"] = json!({"date": "2021-12-31", "value": 76.5});
    bad["regions"] = json!(["espoo", "atlantis"]);
    bad["direction"] = json!("band");
    bad["name"] = json!({"fi": ""});
    let mistakes = pointers(put(&app, &office, path, Some(&tag), &bad).await).await;
    for pointer in ["/basis", "/regions", "/band", "/name/fi"] {
        assert!(mistakes.iter().any(|p| p == pointer), "{pointer} in {mistakes:?}");
    }
    // A region that has values stays.
    let mut dropped = body.clone();
    dropped["regions"] = json!(["leppavaara"]);
    assert_eq!(
        pointers(put(&app, &office, path, Some(&tag), &dropped).await).await,
        ["/regions"]
    );
    problem(
        put(&app, &office, path, None, &body).await,
        StatusCode::PRECONDITION_REQUIRED,
    )
    .await;
    assert_eq!(get(&app, &office, path).await.0, tag, "nothing was written");

    let mut good = body.clone();
    good["target"] = json!({"date": "2021-12-31", "value": 76.5});
    good["basis"] = json!("Talousarvio 2019");
    good["name"]["en"] = json!("Employment rate <script>alert(1)</script>");
    let saved = put(&app, &office, path, Some(&tag), &good).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let saved_tag = saved.headers()["etag"].to_str().unwrap().to_owned();
    let saved: Value = saved.json().await.unwrap();
    assert_eq!(saved["target"]["value"], 76.5);
    assert_eq!(saved["target"]["basis"]["fi"], "Talousarvio 2019");
    assert_eq!(saved["target"]["example"], false);
    assert_eq!(
        saved["baseline"], state["baseline"],
        "an unchanged figure keeps its basis"
    );
    assert_eq!(get(&app, &office, path).await.0, saved_tag);
    problem(
        put(&app, &office, path, Some(&tag), &good).await,
        StatusCode::PRECONDITION_FAILED,
    )
    .await;
    let public = app
        .client
        .get(app.url("/en/indicators/1-tyollisyysaste"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(public.contains("Employment rate &lt;script&gt;"));
    let entry = audit(&app)
        .await
        .into_iter()
        .find(|e| e.action == "indicator.definition")
        .expect("audited");
    assert_eq!(entry.subject, "indicator:1");
    assert!(entry.actor.contains("/token:"));

    // Every resource is in the OpenAPI document with the bearer scheme, under names of its own.
    let document: Value = app
        .client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for (path, method) in [
        ("/api/v1/staff/targets", "post"),
        ("/api/v1/staff/targets/{id}", "put"),
        ("/api/v1/staff/target-years/{year}/steps", "post"),
        ("/api/v1/staff/target-years/{year}/copies", "post"),
        ("/api/v1/staff/indicators/{id}/definition", "put"),
    ] {
        assert_eq!(
            document["paths"][path][method]["security"][0]["bearer"],
            json!([]),
            "{path}"
        );
    }
    let schemas = &document["components"]["schemas"];
    assert!(schemas["TargetStateDto"]["properties"]["status"].is_object());
    assert!(schemas["DefinitionStateDto"]["properties"]["indicator"].is_object());
    assert!(schemas["TargetDto"].is_object(), "the open API's own target stays");
}

on_both_backends!(definitions_through_the_api);
