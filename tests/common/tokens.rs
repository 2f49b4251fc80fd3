//! API tokens and the write API for the tests: tokens made through the staff page as an admin would, and
//! requests with them.

use reqwest::StatusCode;
use serde_json::Value;
use tarina::domain::access::policy::{indicator_owners, is_within};
use tarina::domain::IndicatorId;

use super::browser::Browser;
use super::TestApp;

/// An organisation with an indicator of its own, an indicator none of its units owns, and that indicator's
/// first region.
pub async fn own_and_foreign(app: &TestApp) -> (String, IndicatorId, IndicatorId, String) {
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

pub async fn account_id(app: &TestApp, email: &str) -> String {
    let accounts = app.db.store().await.accounts().await.unwrap();
    accounts
        .iter()
        .find(|a| a.email.as_str() == email)
        .expect("the account exists")
        .id
        .to_string()
}

/// The secret on the page that answers a created token.
pub fn secret_of(page: &str) -> String {
    let at = page.find("id=\"secret\">").expect("the secret is shown") + "id=\"secret\">".len();
    page[at..at + page[at..].find('<').unwrap()].to_owned()
}

/// Creates a token through the staff page as `admin`; its secret.
pub async fn create_token(app: &TestApp, admin: &mut Browser, fields: &[(&str, &str)]) -> String {
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

pub fn path(indicator: IndicatorId) -> String {
    format!("/api/v1/staff/indicators/{indicator}/values")
}

pub async fn get_state(app: &TestApp, token: &str, indicator: IndicatorId) -> reqwest::Response {
    app.client
        .get(app.url(&path(indicator)))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

pub async fn post_values(
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
pub async fn etag(app: &TestApp, token: &str, indicator: IndicatorId) -> String {
    let response = get_state(app, token, indicator).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.headers()["etag"].to_str().unwrap().to_owned()
}

pub async fn problem(response: reqwest::Response, status: StatusCode) -> Value {
    assert_eq!(response.status(), status);
    assert_eq!(response.headers()["content-type"], "application/problem+json");
    response.json().await.unwrap()
}
