//! The OpenAPI document's `region` filter lists exactly the regions the server accepts.

mod common;

use common::Backend;
use serde_json::Value;

async fn the_documented_regions_are_the_accepted_ones(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let regions: Vec<Value> = app
        .json("/api/v1/regions")
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["slug"].clone())
        .collect();
    let doc = app.json("/api/v1/openapi.json").await;
    for path in [
        "/api/v1/indicators/{id}",
        "/api/v1/indicators/{id}/jsonstat",
        "/api/v1/indicators/{id}/values.csv",
    ] {
        let region = doc["paths"][path]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "region")
            .unwrap()
            .clone();
        assert_eq!(region["schema"]["items"]["enum"].as_array(), Some(&regions), "{path}");
    }
    for slug in &regions {
        let response = app
            .get(&format!("/api/v1/indicators/1?region={}", slug.as_str().unwrap()))
            .await;
        assert_eq!(response.status(), 200, "{slug} is documented and accepted");
    }
    let response = app.get("/api/v1/indicators/1?region=atlantis").await;
    assert_eq!(response.status(), 400, "a region outside the document is refused");
}

on_both_backends!(the_documented_regions_are_the_accepted_ones);
