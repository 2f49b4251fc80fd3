//! The cascade API beyond indicators: targets of a year, organisations and regions, the situational picture,
//! bad input as problems, conditional requests and the OpenAPI document.

mod common;

use std::collections::HashSet;

use common::Backend;
use serde_json::Value;

const STATUSES: [&str; 4] = ["on_track", "at_risk", "off_track", "no_data"];

async fn assert_problem(response: reqwest::Response, status: u16, path: &str) -> Value {
    assert_eq!(response.status(), status, "{path}");
    assert_eq!(response.headers()["content-type"], "application/problem+json", "{path}");
    assert!(response.headers().contains_key("content-language"), "{path}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], status, "{path}");
    assert_eq!(body["type"], "about:blank");
    let instance = path.split('?').next().unwrap();
    assert_eq!(body["instance"], instance, "{path}");
    assert!(!body["title"].as_str().unwrap().is_empty(), "{path}");
    assert!(!body["detail"].as_str().unwrap().is_empty(), "{path}");
    body
}

async fn targets_of_a_year(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let latest = app.json("/api/v1/targets").await;
    let year = app.json("/api/v1/targets?year=2018").await;
    assert_eq!(latest, year, "the latest year with targets by default");
    assert_eq!(year["year"], 2018);
    assert_eq!(year["years"], serde_json::json!([2018]));
    let targets = year["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 12);
    let indicators = app.json("/api/v1/indicators").await;
    for target in targets {
        for key in [
            "id",
            "year",
            "organisation",
            "responsible",
            "title",
            "goals",
            "binding",
            "indicators",
            "assessment",
            "copied_from",
            "example",
        ] {
            assert!(target.get(key).is_some(), "target {} has {key}", target["id"]);
        }
        assert_eq!(target["year"], 2018);
        assert_eq!(target["example"], true, "the bundled targets are illustrations");
        assert!(target["organisation"]["name"]["fi"].is_string());
        for indicator in target["indicators"].as_array().unwrap() {
            let listed = indicators
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["id"] == indicator["id"])
                .unwrap();
            assert_eq!(indicator["status"], listed["status"]);
        }
    }
    let first = &targets[0];
    assert_eq!(first["id"], 1);
    assert_eq!(first["organisation"]["slug"], "konsernihallinto");
    assert_eq!(first["organisation"]["name"]["en"], "Group Administration");
    assert_eq!(
        first["responsible"]["slug"], "konsernihallinto",
        "responsible defaults to the organisation"
    );
    assert_eq!(first["binding"], true);
    assert_eq!(first["goals"], serde_json::json!([15]));
    let ids: Vec<&Value> = first["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["id"])
        .collect();
    assert_eq!(ids, [1, 2]);
    assert_eq!(first["assessment"]["grade"], "achieved");
    assert!(first["assessment"]["justification"]["sv"].is_string());
    assert_eq!(first["copied_from"], Value::Null);
    assert_eq!(targets[3]["responsible"]["slug"], "suomenkielinen-varhaiskasvatus");

    let empty = app.json("/api/v1/targets?year=2019").await;
    assert_eq!(
        empty,
        serde_json::json!({"year": 2019, "years": [2018], "targets": [], "lint_override": null})
    );
}

async fn organisations_and_regions(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let organisations = app.json("/api/v1/organisations").await;
    let organisations = organisations.as_array().unwrap();
    assert_eq!(organisations[0]["slug"], "espoo");
    assert_eq!(organisations[0]["kind"], "city");
    assert_eq!(organisations[0]["parent"], Value::Null);
    let slugs: HashSet<&str> = organisations.iter().map(|o| o["slug"].as_str().unwrap()).collect();
    for organisation in &organisations[1..] {
        let parent = organisation["parent"]
            .as_str()
            .expect("everything but the city has a parent");
        assert!(slugs.contains(parent), "{parent} is listed");
        assert!(["department", "enterprise", "unit"].contains(&organisation["kind"].as_str().unwrap()));
        assert!(organisation["name"]["sv"].is_string());
    }
    let group = organisations.iter().find(|o| o["slug"] == "konsernihallinto").unwrap();
    assert_eq!(
        (group["kind"].as_str(), group["parent"].as_str()),
        (Some("department"), Some("espoo"))
    );

    let regions = app.json("/api/v1/regions").await;
    let regions = regions.as_array().unwrap();
    assert_eq!(regions[0]["slug"], "espoo");
    assert_eq!(regions[0]["kind"], "city");
    let slugs: HashSet<&str> = regions.iter().map(|r| r["slug"].as_str().unwrap()).collect();
    for centre in [
        "leppavaara",
        "tapiola",
        "matinkyla-olari",
        "espoonlahti",
        "espoon-keskus",
    ] {
        assert!(slugs.contains(centre), "{centre}");
    }
    assert!(regions
        .iter()
        .all(|r| r["name"]["fi"].is_string() && r["kind"].is_string()));
}

async fn situation_rolls_up_indicators_and_actions(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let picture = app.json("/api/v1/situation").await;
    assert!(picture["rule"].as_str().unwrap().contains("headline region"));
    let areas = picture["areas"].as_array().unwrap();
    assert_eq!(areas.len(), 4);
    let goals: Vec<&Value> = areas.iter().flat_map(|a| a["goals"].as_array().unwrap()).collect();
    assert_eq!(goals.len(), 42);
    let sum = |counts: &Value| STATUSES.iter().map(|s| counts[s].as_u64().unwrap()).sum::<u64>();
    assert_eq!(sum(&picture["counts"]["areas"]), 4);
    assert_eq!(sum(&picture["counts"]["goals"]), 42);
    assert_eq!(sum(&picture["counts"]["indicators"]), 10);
    for status in STATUSES {
        let goals_with = goals.iter().filter(|g| g["status"] == status).count() as u64;
        assert_eq!(picture["counts"]["goals"][status], goals_with, "{status}");
    }
    let indicators = app.json("/api/v1/indicators").await;
    for goal in &goals {
        assert!(goal["actions"].as_u64() >= goal["reported_actions"].as_u64());
        assert!(goal["url"]["fi"].as_str().unwrap().starts_with("/fi/tavoitteet/"));
        for indicator in goal["indicators"].as_array().unwrap() {
            let listed = indicators
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["id"] == indicator["id"])
                .unwrap();
            assert_eq!(indicator["status"], listed["status"]);
        }
        if goal["indicators"].as_array().unwrap().is_empty() && goal["reported_actions"] == 0 {
            assert_eq!(goal["status"], "no_data", "goal {} has nothing to roll up", goal["id"]);
        }
    }
    let employment_goal = goals.iter().find(|g| g["id"] == 15).unwrap();
    let ids: Vec<&Value> = employment_goal["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["id"])
        .collect();
    assert_eq!(ids, [1, 2], "directly (1) and through target 1 (1 and 2), each once");
    for area in areas {
        assert!(STATUSES.contains(&area["status"].as_str().unwrap()));
        assert!(area["name"]["en"].is_string());
    }
}

async fn bad_input_is_a_problem_not_a_crash(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let mut cases: Vec<(String, u16)> = Vec::new();
    for endpoint in ["", "/jsonstat", "/values.csv"] {
        for bad in ["abc", "0", "-1", "007", "1.5", "99999999999", "%20", "1e3"] {
            cases.push((format!("/api/v1/indicators/{bad}{endpoint}"), 400));
        }
        cases.push((format!("/api/v1/indicators/999{endpoint}"), 404));
        for query in [
            "region=nowhere",
            "region=espoo,nowhere",
            "region=",
            "region=ESPOO",
            "from=2018-13-01",
            "from=2018-1-1",
            "from=yesterday",
            "to=%2B2018-01-01",
            "to=2018-02-30",
            "from=2020-01-01&to=2019-12-31",
            "limit=0",
            "limit=100001",
            "limit=-1",
            "limit=1.5",
            "limit=",
            "limit=abc",
            "offset=-1",
            "offset=1000000001",
            "offset=x",
            "limit=1&limit=2",
            "from=2018-01-01&from=2019-01-01",
        ] {
            cases.push((format!("/api/v1/indicators/4{endpoint}?{query}"), 400));
        }
    }
    cases.push(("/api/v1/indicators/4/jsonstat?lang=de".into(), 400));
    cases.push(("/api/v1/indicators/4/jsonstat?lang=".into(), 400));
    for year in ["1999", "2101", "02018", "abc", "2018.0", "-2018", "", "99999999999999"] {
        cases.push((format!("/api/v1/targets?year={year}"), 400));
    }
    cases.push(("/api/v1/targets?year=2018&year=2019".into(), 400));
    for (path, status) in cases {
        assert_problem(app.get(&path).await, status, &path).await;
    }
    // The texts name what was wrong, so a client can see which value to fix.
    for (path, named) in [
        ("/api/v1/indicators/4?region=espoo,nowhere", "nowhere"),
        ("/api/v1/indicators/4?from=2018-1-1", "2018-1-1"),
        ("/api/v1/indicators/4?from=2020-01-01&to=2019-12-31", "2019-12-31"),
        ("/api/v1/indicators/4?limit=0", "100000"),
        ("/api/v1/indicators/4?offset=x", "\"x\""),
        ("/api/v1/indicators/4?limit=1&limit=2", "limit"),
        ("/api/v1/indicators?limit=0", "10000"),
        ("/api/v1/indicators?limit=10001", "10001"),
        ("/api/v1/indicators?offset=-1", "\"-1\""),
        ("/api/v1/indicators?offset=1&offset=2", "offset"),
        ("/api/v1/indicators/4/jsonstat?lang=de", "de"),
        ("/api/v1/indicators/999", "999"),
        ("/api/v1/targets?year=1999", "1999"),
    ] {
        let response = app.get_with(path, "accept-language", "en").await;
        let status = response.status().as_u16();
        let body = assert_problem(response, status, path).await;
        let detail = body["detail"].as_str().unwrap();
        assert!(
            detail.contains(named) && !detail.starts_with("problem-detail-"),
            "{path}: {detail}"
        );
    }
}

async fn conditional_requests_get_304(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    for path in [
        "/api/v1/indicators",
        "/api/v1/indicators?limit=3&offset=3",
        "/api/v1/indicators/4",
        "/api/v1/indicators/4?region=espoo&limit=2",
        "/api/v1/indicators/4/jsonstat",
        "/api/v1/indicators/4/jsonstat?lang=en",
        "/api/v1/indicators/4/values.csv",
        "/api/v1/indicators/4/values.csv?from=2020-01-01",
        "/api/v1/targets",
        "/api/v1/targets?year=2019",
        "/api/v1/organisations",
        "/api/v1/regions",
        "/api/v1/situation",
    ] {
        let first = app.get(path).await;
        assert_eq!(first.status(), 200, "{path}");
        let etag = first.headers()["etag"].to_str().unwrap().to_owned();
        assert!(
            etag.starts_with('"') && etag.ends_with('"'),
            "{path}: strong ETag {etag}"
        );
        assert!(
            first.headers()["cache-control"].to_str().unwrap().contains("max-age"),
            "{path}"
        );
        let body = first.bytes().await.unwrap();
        let again = app.get_with(path, "if-none-match", &etag).await;
        assert_eq!(again.status(), 304, "{path}");
        assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
        assert!(again.bytes().await.unwrap().is_empty());
        let other = app.get_with(path, "if-none-match", "\"something-else\"").await;
        assert_eq!(other.status(), 200, "{path}");
        assert_eq!(other.bytes().await.unwrap(), body, "{path}: the same representation");
    }
    let all = app.get("/api/v1/indicators/4").await.headers()["etag"].clone();
    let some = app.get("/api/v1/indicators/4?region=espoo").await.headers()["etag"].clone();
    assert_ne!(all, some, "a different selection is a different version");
}

async fn openapi_document_describes_the_cascade(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let doc = app.json("/api/v1/openapi.json").await;
    let paths = [
        "/api/v1/indicators",
        "/api/v1/indicators/{id}",
        "/api/v1/indicators/{id}/jsonstat",
        "/api/v1/indicators/{id}/values.csv",
        "/api/v1/targets",
        "/api/v1/organisations",
        "/api/v1/regions",
        "/api/v1/situation",
    ];
    for path in paths {
        let get = &doc["paths"][path]["get"];
        assert!(get.is_object(), "{path} is documented");
        assert_eq!(get["tags"], serde_json::json!(["cascade"]), "{path}");
        assert!(get["responses"]["304"].is_object(), "{path} documents 304");
    }
    for path in &paths[1..4] {
        let get = &doc["paths"][path]["get"];
        let names: Vec<&str> = get["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        for name in ["id", "region", "from", "to", "limit", "offset"] {
            assert!(names.contains(&name), "{path} documents {name}");
        }
        for status in ["200", "400", "404"] {
            assert!(get["responses"][status].is_object(), "{path} documents {status}");
        }
        let limit = get["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "limit")
            .unwrap();
        assert_eq!(limit["schema"]["maximum"], 100000);
    }
    assert!(
        doc["paths"]["/api/v1/indicators/{id}/values.csv"]["get"]["responses"]["200"]["content"]["text/csv"]
            .is_object()
    );
    assert!(doc["paths"]["/api/v1/targets"]["get"]["responses"]["400"].is_object());
    let list = &doc["paths"]["/api/v1/indicators"]["get"];
    let list_limit = list["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "limit")
        .unwrap();
    assert_eq!(list_limit["schema"]["maximum"], 10000);
    assert!(list["responses"]["200"]["headers"]["Link"].is_object());
    assert!(list["responses"]["400"].is_object());
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for schema in [
        "IndicatorSummaryDto",
        "IndicatorDetailDto",
        "TargetsDto",
        "SituationDto",
        "RegionDto",
        "OrganisationDto",
    ] {
        assert!(schemas.contains_key(schema), "{schema} is described");
    }
    assert!(doc["tags"].as_array().unwrap().iter().any(|t| t["name"] == "cascade"));
}

on_both_backends!(
    targets_of_a_year,
    organisations_and_regions,
    situation_rolls_up_indicators_and_actions,
    bad_input_is_a_problem_not_a_crash,
    conditional_requests_get_304,
    openapi_document_describes_the_cascade,
);
