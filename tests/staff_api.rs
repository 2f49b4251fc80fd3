//! The write API with an API token, on both backends: a token reaches only its own organisation's indicators
//! (403 elsewhere, and never further than its account); writes need the state's ETag in If-Match (428
//! without, 412 when stale) and list every mistake of a bad body in one 422 that changes nothing; a good write
//! reaches the public API of the running server and the audit log with the token's account and the reason; the
//! operations are in the OpenAPI document with the bearer scheme.

mod common;

use common::browser::{account, signed_in};
use common::tokens::{account_id, create_token, etag, get_state, own_and_foreign, path, post_values, problem};
use common::Backend;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tarina::domain::access::Role;
use tarina::domain::IndicatorId;

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
    writes_need_reach_a_current_etag_and_good_values,
    the_write_api_is_in_the_openapi_document,
);
