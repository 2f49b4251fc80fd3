//! The version workflow through the write API, on both backends: the strategy office's token makes a draft
//! from 1.1 under a test-only label ("1.2-test", never a decision of the city), submits it and approves it
//! with a made-up decision; a department's token may do none of it; refusals are 409 or 422 and change nothing.

mod common;

use common::browser::{account, signed_in};
use common::tokens::{account_id, create_token, problem};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tarina::domain::access::Role;

async fn post(app: &TestApp, token: &str, path: &str, body: &Value) -> reqwest::Response {
    let request = app.client.post(app.url(path)).bearer_auth(token).json(body);
    request.send().await.unwrap()
}

/// The pointers of a 422's mistakes.
async fn pointers(response: reqwest::Response) -> Vec<String> {
    let body = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    let errors = body["errors"].as_array().unwrap().iter();
    errors.map(|e| e["pointer"].as_str().unwrap().to_owned()).collect()
}

/// The strategy office's token (an admin account) and an education department's token.
async fn tokens(app: &TestApp) -> (String, String) {
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
    (office, department)
}

async fn public_labels(app: &TestApp) -> Vec<(String, String)> {
    let versions = app.json("/api/v1/versions").await;
    let versions = versions.as_array().unwrap().iter();
    versions
        .map(|v| {
            (
                v["label"].as_str().unwrap().into(),
                v["status"].as_str().unwrap().into(),
            )
        })
        .collect()
}

fn pair(label: &str, status: &str) -> (String, String) {
    (label.into(), status.into())
}

async fn a_version_is_drafted_submitted_and_approved_through_the_api(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let (office, department) = tokens(&app).await;
    let new = json!({"label": "1.2-test", "from": "1.1", "reason": "testiluonnos"});
    problem(
        post(&app, &department, "/api/v1/staff/versions", &new).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let created = post(&app, &office, "/api/v1/staff/versions", &new).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().await.unwrap();
    assert_eq!(created["status"], "draft");
    problem(
        post(&app, &office, "/api/v1/staff/versions", &new).await,
        StatusCode::CONFLICT,
    )
    .await;
    let bad = json!({"label": "a/b", "from": "9.9", "reason": ""});
    assert_eq!(
        pointers(post(&app, &office, "/api/v1/staff/versions", &bad).await).await,
        ["/label", "/reason"]
    );
    let unknown = json!({"label": "1.3-test", "from": "9.9", "reason": "testi"});
    assert_eq!(
        pointers(post(&app, &office, "/api/v1/staff/versions", &unknown).await).await,
        ["/from"]
    );
    assert_eq!(public_labels(&app).await, [pair("1.1", "approved")]);

    let steps = "/api/v1/staff/versions/1.2-test/steps";
    let decision = json!({
        "step": "approve",
        "reason": "testihyväksyntä",
        "body_fi": "Testivaltuusto",
        "date": "2030-01-31",
        "minutes": "Testipöytäkirja 31.1.2030 § 1",
    });
    problem(post(&app, &office, steps, &decision).await, StatusCode::CONFLICT).await;
    let submit = json!({"step": "submit", "reason": "valmis tarkastettavaksi (testi)"});
    problem(post(&app, &department, steps, &submit).await, StatusCode::FORBIDDEN).await;
    let submitted: Value = post(&app, &office, steps, &submit).await.json().await.unwrap();
    assert_eq!(submitted["status"], "review");

    let incomplete = json!({"step": "approve", "reason": "testi", "minutes": "Testipöytäkirja § 1"});
    let mistakes = pointers(post(&app, &office, steps, &incomplete).await).await;
    assert_eq!(mistakes[..2], ["/body_fi", "/date"]);
    assert!(
        mistakes[2..].iter().all(|p| p == "/override_lint") && mistakes.len() > 2,
        "{mistakes:?}"
    );
    let lint_only = pointers(post(&app, &office, steps, &decision).await).await;
    assert!(
        !lint_only.is_empty() && lint_only.iter().all(|p| p == "/override_lint"),
        "{lint_only:?}"
    );
    assert_eq!(public_labels(&app).await, [pair("1.1", "approved")]);

    let mut overridden = decision.clone();
    overridden["override_lint"] = json!("testi: tavoitteet eivät kuulu tähän testiin");
    let approved = post(&app, &office, steps, &overridden).await;
    assert_eq!(approved.status(), StatusCode::OK);
    let approved: Value = approved.json().await.unwrap();
    assert_eq!(approved["status"], "approved");
    assert_eq!(approved["superseded"], json!(["1.1"]));
    assert_eq!(
        approved["overridden_lint_errors"].as_array().unwrap().len(),
        lint_only.len()
    );
    assert_eq!(
        public_labels(&app).await,
        [pair("1.1", "superseded"), pair("1.2-test", "approved")]
    );
    problem(post(&app, &office, steps, &submit).await, StatusCode::CONFLICT).await;
    let missing = post(&app, &office, "/api/v1/staff/versions/9.9/steps", &submit).await;
    problem(missing, StatusCode::NOT_FOUND).await;

    let store = app.db.store().await;
    let entries = store
        .audit_entries(&tarina::store::AuditFilter::default(), 100, 0)
        .await
        .unwrap();
    let approval = entries.iter().find(|e| e.action == "version.approve").expect("audited");
    assert_eq!(approval.reason, "testihyväksyntä");
    assert!(approval.actor.starts_with("user:"), "{}", approval.actor);
}

on_both_backends!(a_version_is_drafted_submitted_and_approved_through_the_api);
