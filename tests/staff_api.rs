//! The write API with API tokens, on both backends: admins create tokens in the staff pages (the secret shown
//! once) and revoke them, both audited; a missing, unknown, revoked or expired token gets 401 and a signed-in
//! browser's cookie opens nothing; a token reaches only its own organisation's indicators (403 elsewhere);
//! writes need the state's ETag in If-Match (428 without, 412 when stale) and list every mistake of a bad body
//! in one 422 that changes nothing; a good write reaches the public API of the running server and the audit
//! log with the token's account and the reason.

mod common;

use common::browser::{account, signed_in, Browser};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tarina::domain::access::policy::{indicator_owners, is_within};
use tarina::domain::access::Role;
use tarina::domain::IndicatorId;
use tarina::store::AuditFilter;

/// An organisation with an indicator of its own, an indicator none of its units owns, and that indicator's
/// first region.
async fn own_and_foreign(app: &TestApp) -> (String, IndicatorId, IndicatorId, String) {
    let store = app.db.store().await;
    let strategy = store.current_strategy().await.unwrap().unwrap();
    let outline = store.cascade_outline(strategy.city.slug.as_str()).await.unwrap();
    let (organisation, own) = outline
        .targets
        .iter()
        .find_map(|t| t.indicators.first().map(|i| (t.organisation.clone(), *i)))
        .expect("a target with an indicator");
    let foreign = outline
        .indicators
        .iter()
        .find(|i| {
            let owners = indicator_owners(&outline, i.id);
            !owners.is_empty()
                && !owners
                    .iter()
                    .any(|o| is_within(o, &organisation, &outline.organisations))
        })
        .expect("an indicator of another organisation")
        .id;
    let region = outline.indicator(own).unwrap().regions[0].to_string();
    (organisation.to_string(), own, foreign, region)
}

async fn account_id(app: &TestApp, email: &str) -> String {
    let accounts = app.db.store().await.accounts().await.unwrap();
    accounts
        .iter()
        .find(|a| a.email.as_str() == email)
        .expect("the account exists")
        .id
        .to_string()
}

/// The secret on the page that answers a created token.
fn secret_of(page: &str) -> String {
    let at = page.find("id=\"secret\">").expect("the secret is shown") + "id=\"secret\">".len();
    page[at..at + page[at..].find('<').unwrap()].to_owned()
}

/// Creates a token through the staff page as `admin`; its secret.
async fn create_token(app: &TestApp, admin: &mut Browser, fields: &[(&str, &str)]) -> String {
    let mut form = vec![
        ("name", "tilastotuonti"),
        ("role", "strategy_editor"),
        ("organisation", ""),
        ("indicators", ""),
        ("actions", ""),
        ("expires", ""),
        ("reason", "tilastojen tuonti"),
    ];
    for (key, value) in fields {
        form.retain(|(k, _)| k != key);
        form.push((key, value));
    }
    let response = admin.submit(app, "/staff/en/tokens", &form).await;
    let status = response.status();
    let page = response.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{page}");
    secret_of(&page)
}

fn path(indicator: IndicatorId) -> String {
    format!("/api/v1/staff/indicators/{indicator}/values")
}

async fn get_state(app: &TestApp, token: &str, indicator: IndicatorId) -> reqwest::Response {
    app.client
        .get(app.url(&path(indicator)))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn post_values(
    app: &TestApp,
    token: &str,
    indicator: IndicatorId,
    if_match: Option<&str>,
    body: &Value,
) -> reqwest::Response {
    let mut request = app.client.post(app.url(&path(indicator))).bearer_auth(token).json(body);
    if let Some(tag) = if_match {
        request = request.header("if-match", tag);
    }
    request.send().await.unwrap()
}

/// The ETag of an indicator's state as the token sees it.
async fn etag(app: &TestApp, token: &str, indicator: IndicatorId) -> String {
    let response = get_state(app, token, indicator).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.headers()["etag"].to_str().unwrap().to_owned()
}

async fn problem(response: reqwest::Response, status: StatusCode) -> Value {
    assert_eq!(response.status(), status);
    assert_eq!(response.headers()["content-type"], "application/problem+json");
    response.json().await.unwrap()
}

async fn tokens_are_created_shown_once_and_revoked(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "admin@espoo.fi", Role::Admin, None).await;
    account(&app, "integraatio@espoo.fi", Role::StrategyEditor, None).await;
    account(&app, "lukija@espoo.fi", Role::Viewer, None).await;
    let mut admin = signed_in(&app, "admin@espoo.fi").await;
    let integration = account_id(&app, "integraatio@espoo.fi").await;
    let (_, indicator, _, _) = own_and_foreign(&app).await;

    // Every problem at once, next to its field, what was typed kept.
    let bad = admin
        .submit(
            &app,
            "/staff/en/tokens",
            &[
                ("account", ""),
                ("name", "x"),
                ("role", "department_editor"),
                ("organisation", ""),
                ("indicators", "kolme"),
                ("actions", ""),
                ("expires", "31.12.2030"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = bad.text().await.unwrap();
    for message in [
        "Choose an account from the list.",
        "Give indicator ids as whole numbers",
        "Give a day after today",
        "Give a reason",
    ] {
        assert!(page.contains(message), "{message}: {page}");
    }
    assert!(page.contains("value=\"kolme\"") && page.contains("aria-invalid=\"true\""));

    // The secret is shown once, on the answer to the form, and it works.
    let secret = create_token(&app, &mut admin, &[("account", integration.as_str())]).await;
    assert!(secret.starts_with("tarina_") && secret.len() > 40, "{secret}");
    let list = admin.get(&app, "/staff/en/tokens").await;
    assert_eq!(list.headers()["cache-control"], "no-store");
    let list = list.text().await.unwrap();
    assert!(list.contains("tilastotuonti") && list.contains("integraatio@espoo.fi") && list.contains("active"));
    assert!(!list.contains(&secret), "the secret is not shown again");
    assert_eq!(get_state(&app, &secret, indicator).await.status(), StatusCode::OK);

    // Revoking needs a reason; afterwards the token opens nothing.
    let id = {
        let tokens = app.db.store().await.api_tokens().await.unwrap();
        tokens[0].id
    };
    let revoke = format!("/staff/en/tokens/{id}/revoke");
    let refused = admin.submit(&app, &revoke, &[("reason", " ")]).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains(&format!("id=\"reason-{id}-error\"")));
    let revoked = admin.submit(&app, &revoke, &[("reason", "vuotanut lokiin")]).await;
    assert_eq!(revoked.status(), StatusCode::SEE_OTHER);
    let list = admin
        .get(&app, "/staff/en/tokens?revoked=1")
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains("The token was revoked.") && list.contains("revoked"));
    let gone = get_state(&app, &secret, indicator).await;
    assert_eq!(
        gone.headers()["www-authenticate"],
        "Bearer realm=\"tarina\", error=\"invalid_token\""
    );
    problem(gone, StatusCode::UNAUTHORIZED).await;
    assert_eq!(
        admin
            .submit(&app, &revoke, &[("reason", "toisen kerran")])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    // Both are in the audit log with the admin and the reason, never the secret.
    let store = app.db.store().await;
    let entries = store
        .audit_entries(
            &AuditFilter {
                text: Some("api token".into()),
                ..AuditFilter::default()
            },
            10,
            0,
        )
        .await
        .unwrap();
    let admin_id = account_id(&app, "admin@espoo.fi").await;
    let actions: Vec<(&str, &str, &str)> = entries
        .iter()
        .map(|e| (e.action.as_str(), e.actor.as_str(), e.reason.as_str()))
        .collect();
    let actor = format!("user:{admin_id}");
    assert_eq!(
        actions,
        [
            ("api-token.revoke", actor.as_str(), "vuotanut lokiin"),
            ("api-token.create", actor.as_str(), "tilastojen tuonti"),
        ]
    );
    assert!(!serde_json::to_string(&entries).unwrap().contains(&secret));

    // Nobody else manages tokens.
    let mut viewer = signed_in(&app, "lukija@espoo.fi").await;
    assert_eq!(
        viewer.get(&app, "/staff/en/tokens").await.status(),
        StatusCode::FORBIDDEN
    );
}

async fn only_live_tokens_open_the_api(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "admin@espoo.fi", Role::Admin, None).await;
    let mut admin = signed_in(&app, "admin@espoo.fi").await;
    let me = account_id(&app, "admin@espoo.fi").await;
    let (_, indicator, _, _) = own_and_foreign(&app).await;

    // No token, a token of another scheme, an unknown token: 401 as problem details.
    let none = app.get(&path(indicator)).await;
    assert_eq!(none.headers()["www-authenticate"], "Bearer realm=\"tarina\"");
    assert_eq!(none.headers()["cache-control"], "no-store");
    let body = problem(none, StatusCode::UNAUTHORIZED).await;
    assert_eq!(body["status"], 401);
    let basic = app
        .get_with(&path(indicator), "authorization", "Basic YWRtaW46YWRtaW4=")
        .await;
    assert_eq!(basic.status(), StatusCode::UNAUTHORIZED);
    let unknown = get_state(&app, "tarina_not-a-token", indicator).await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);

    // A signed-in browser's session cookie opens nothing here, so no other site can make it write.
    let cookie = app
        .client
        .post(app.url(&path(indicator)))
        .header("cookie", admin.cookie_header())
        .header("if-match", "*")
        .json(&json!({"reason": "x", "values": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(cookie.status(), StatusCode::UNAUTHORIZED);

    // A token past its last day is refused, like a revoked one.
    let secret = create_token(&app, &mut admin, &[("account", me.as_str()), ("expires", "2099-12-31")]).await;
    assert_eq!(get_state(&app, &secret, indicator).await.status(), StatusCode::OK);
    expire_every_token(&app).await;
    let expired = get_state(&app, &secret, indicator).await;
    assert_eq!(expired.status(), StatusCode::UNAUTHORIZED);
    let list = admin.get(&app, "/staff/en/tokens").await.text().await.unwrap();
    assert!(list.contains("expired"));
}

/// Moves every token's end into the past, as time would.
async fn expire_every_token(app: &TestApp) {
    use sqlx::Connection as _;
    let sql = "UPDATE api_tokens SET expires_at = '2020-01-01T00:00:00.000000Z'";
    match app.db.backend {
        Backend::Sqlite => {
            let mut db = sqlx::SqliteConnection::connect(&app.db.url).await.unwrap();
            sqlx::query(sql).execute(&mut db).await.unwrap();
        }
        Backend::Postgres => {
            let mut db = sqlx::PgConnection::connect(&app.db.url).await.unwrap();
            sqlx::query(sql).execute(&mut db).await.unwrap();
        }
    }
}

async fn writes_need_reach_a_current_etag_and_good_values(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let (organisation, own, foreign, region) = own_and_foreign(&app).await;
    account(&app, "admin@espoo.fi", Role::Admin, None).await;
    account(&app, "osasto@espoo.fi", Role::DepartmentEditor, Some(&organisation)).await;
    account(&app, "lukija@espoo.fi", Role::Viewer, None).await;
    let mut admin = signed_in(&app, "admin@espoo.fi").await;
    let editor = account_id(&app, "osasto@espoo.fi").await;
    let viewer = account_id(&app, "lukija@espoo.fi").await;
    let token = create_token(
        &app,
        &mut admin,
        &[
            ("account", editor.as_str()),
            ("role", "department_editor"),
            ("organisation", organisation.as_str()),
        ],
    )
    .await;

    // The state: the regions and values, with an ETag, never cached; the same ETag gets 304.
    let state = get_state(&app, &token, own).await;
    assert_eq!(state.headers()["cache-control"], "no-store");
    let tag = state.headers()["etag"].to_str().unwrap().to_owned();
    let body: Value = state.json().await.unwrap();
    assert_eq!(body["indicator"], own.get());
    assert_eq!(body["regions"][0], region.as_str());
    let again = app
        .client
        .get(app.url(&path(own)))
        .bearer_auth(&token)
        .header("if-none-match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    let good = json!({
        "reason": "vuoden 2024 luku",
        "values": [{"region": region, "date": "2024-12-31", "value": 1234.5, "source": "Tilastokeskus"}]
    });
    // Another organisation's indicator: refused, to read and to write.
    assert_eq!(get_state(&app, &token, foreign).await.status(), StatusCode::FORBIDDEN);
    let elsewhere = post_values(&app, &token, foreign, Some("*"), &good).await;
    problem(elsewhere, StatusCode::FORBIDDEN).await;
    assert_eq!(
        get_state(&app, &token, IndicatorId::new(999_999).unwrap())
            .await
            .status(),
        404
    );
    assert_eq!(
        app.client
            .get(app.url("/api/v1/staff/indicators/x/values"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::BAD_REQUEST
    );
    // An admin's token for a viewer's account reaches no further than the viewer.
    let wide = create_token(&app, &mut admin, &[("account", viewer.as_str()), ("role", "admin")]).await;
    assert_eq!(get_state(&app, &wide, own).await.status(), StatusCode::FORBIDDEN);

    // Without If-Match, with a stale one, with a malformed one: nothing is written.
    problem(
        post_values(&app, &token, own, None, &good).await,
        StatusCode::PRECONDITION_REQUIRED,
    )
    .await;
    let stale = post_values(&app, &token, own, Some("\"0123456789abcdef0123456789abcdef\""), &good).await;
    let stale = problem(stale, StatusCode::PRECONDITION_FAILED).await;
    assert_eq!(stale["instance"], path(own));
    problem(
        post_values(&app, &token, own, Some("abc"), &good).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(etag(&app, &token, own).await, tag, "nothing changed");

    // Every mistake of a bad body at its place, in the client's language; nothing is written.
    let bad = json!({
        "reason": " ",
        "values": [
            {"region": "atlantis", "date": "2024-02-30", "value": 1, "source": "Tilastokeskus"},
            {"region": region, "date": "1899-12-31", "value": 2, "source": "\u{0}"},
            {"region": region, "date": "2024-12-31", "value": 3, "source": "THL"},
            {"region": region, "date": "2024-12-31", "value": 4, "source": "THL"}
        ]
    });
    let response = app
        .client
        .post(app.url(&path(own)))
        .bearer_auth(&token)
        .header("if-match", &tag)
        .header("accept-language", "sv")
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-language"], "sv");
    let body = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    let mut pointers: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    pointers.sort_unstable();
    assert_eq!(
        pointers,
        [
            "/reason",
            "/values/0/date",
            "/values/0/region",
            "/values/1/date",
            "/values/1/source",
            "/values/3"
        ],
        "{body}"
    );
    assert!(
        body["errors"][0]["detail"].as_str().unwrap().contains("Ange orsaken"),
        "{body}"
    );
    let shape = post_values(
        &app,
        &token,
        own,
        Some(&tag),
        &json!({"reason": "x", "values": [{"region": region}]}),
    )
    .await;
    let shape = problem(shape, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(shape["errors"][0]["pointer"], "/values/0", "{shape}");
    let unknown_field = json!({"reason": "x", "values": [], "extra": 1});
    problem(
        post_values(&app, &token, own, Some(&tag), &unknown_field).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let not_json = app
        .client
        .post(app.url(&path(own)))
        .bearer_auth(&token)
        .header("if-match", &tag)
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    problem(not_json, StatusCode::BAD_REQUEST).await;
    let as_form = app
        .client
        .post(app.url(&path(own)))
        .bearer_auth(&token)
        .header("if-match", &tag)
        .form(&[("reason", "x")])
        .send()
        .await
        .unwrap();
    problem(as_form, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
    assert_eq!(etag(&app, &token, own).await, tag, "nothing changed");

    // A good write: recorded, its new ETag returned, on the public API at once, in the audit log.
    let written = post_values(&app, &token, own, Some(&tag), &good).await;
    assert_eq!(written.status(), StatusCode::OK);
    let new_tag = written.headers()["etag"].to_str().unwrap().to_owned();
    assert_ne!(new_tag, tag);
    let summary: Value = written.json().await.unwrap();
    assert_eq!(summary, json!({"added": 1, "corrected": 0, "unchanged": 0}));
    assert_eq!(etag(&app, &token, own).await, new_tag);
    let public = app
        .json(&format!("/api/v1/indicators/{own}?from=2024-12-31&to=2024-12-31"))
        .await;
    assert_eq!(public["values"][0]["value"], 1234.5, "{public}");
    let store = app.db.store().await;
    let log = serde_json::to_string(&store.export().await.unwrap().change_log).unwrap();
    let token_id = store.api_tokens().await.unwrap()[1].id;
    assert!(log.contains("vuoden 2024 luku"), "{log}");
    assert!(
        log.contains(&format!("\"actor\":\"user:{editor}/token:{token_id}\"")),
        "{log}"
    );
    let audit = admin.get(&app, "/staff/en/audit?q=vuoden").await.text().await.unwrap();
    assert!(
        audit.contains(&format!("osasto@espoo.fi (user:{editor}/token:{token_id})")),
        "{audit}"
    );

    // The old ETag is stale now; `*` writes whatever the state, and a repeat changes nothing.
    let late = post_values(&app, &token, own, Some(&tag), &good).await;
    problem(late, StatusCode::PRECONDITION_FAILED).await;
    let corrected = json!({
        "reason": "korjaus",
        "values": [{"region": region, "date": "2024-12-31", "value": 1235, "source": "Tilastokeskus"}]
    });
    let any = post_values(&app, &token, own, Some("*"), &corrected).await;
    assert_eq!(any.status(), StatusCode::OK);
    assert_eq!(any.json::<Value>().await.unwrap()["corrected"], 1);
    let listed = format!("\"nope\", {}", etag(&app, &token, own).await);
    let same = post_values(&app, &token, own, Some(&listed), &corrected).await;
    assert_eq!(same.status(), StatusCode::OK);
    assert_eq!(same.json::<Value>().await.unwrap()["unchanged"], 1);
}

async fn the_write_api_is_in_the_openapi_document(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let doc = app.json("/api/v1/openapi.json").await;
    let item = &doc["paths"]["/api/v1/staff/indicators/{id}/values"];
    for method in ["get", "post"] {
        assert_eq!(item[method]["security"], json!([{"bearer": []}]), "{method}");
        assert_eq!(item[method]["tags"], json!(["staff"]));
    }
    for status in ["200", "401", "403", "404", "412", "422", "428"] {
        assert!(item["post"]["responses"][status].is_object(), "POST documents {status}");
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer",
        "{}",
        doc["components"]["securitySchemes"]
    );
    let region = &doc["components"]["schemas"]["NewValueDto"]["properties"]["region"];
    assert!(region["enum"].as_array().unwrap().contains(&json!("espoo")), "{region}");
    assert!(
        doc["paths"]["/api/v1/strategy"]["get"]["security"].is_null(),
        "reads stay open"
    );
}

on_both_backends!(
    tokens_are_created_shown_once_and_revoked,
    only_live_tokens_open_the_api,
    writes_need_reach_a_current_etag_and_good_values,
    the_write_api_is_in_the_openapi_document,
);
