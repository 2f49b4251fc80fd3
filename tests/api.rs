//! The read API: its shape, the complete strategy, errors as problem+json, and conditional requests.

mod common;

use common::Backend;

use std::collections::HashSet;

use serde_json::Value;

/// Every text object (`{"fi": …}`) must also carry non-empty Swedish and English.
fn assert_trilingual(value: &Value, path: &str) {
    match value {
        Value::Object(map) if map.contains_key("fi") && !map.contains_key("url") && map.len() <= 3 => {
            for lang in ["fi", "sv", "en"] {
                let text = map.get(lang).and_then(Value::as_str).unwrap_or_default();
                assert!(!text.trim().is_empty(), "{path}.{lang} is missing");
            }
        }
        Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| assert_trilingual(v, &format!("{path}.{k}"))),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| assert_trilingual(v, &format!("{path}[{i}]"))),
        _ => {}
    }
}

async fn strategy_has_the_whole_espoo_tarina_in_three_languages(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let s = app.json("/api/v1/strategy").await;
    assert_eq!(s["version"], "1.1");
    assert_eq!(s["status"], "approved");
    assert_eq!(s["approved_on"], "2017-09-11");
    assert_eq!(s["council_term"], "2017-2021");
    assert_eq!(s["city"]["slug"], "espoo");
    assert_eq!(s["city"]["name"]["sv"], "Esbo");
    assert!(s["vision"]["fi"]
        .as_str()
        .unwrap()
        .starts_with("Verkostomainen viiden kaupunkikeskuksen Espoo"));
    assert_eq!(s["values"].as_array().unwrap().len(), 3);
    assert_eq!(s["headline_goals"].as_array().unwrap().len(), 9);
    assert_eq!(s["programmes"].as_array().unwrap().len(), 4);
    assert_eq!(s["narrative"].as_array().unwrap().len(), 3);
    assert_eq!(s["narrative"][2]["sections"].as_array().unwrap().len(), 6);

    let areas = s["areas"].as_array().unwrap();
    assert_eq!(areas.len(), 4);
    let goals: Vec<&Value> = areas.iter().flat_map(|a| a["goals"].as_array().unwrap()).collect();
    assert_eq!(goals.len(), 42, "42 council-term goals");
    let actions: Vec<&Value> = goals.iter().flat_map(|g| g["actions"].as_array().unwrap()).collect();
    assert_eq!(actions.len(), 113, "113 actions");
    let goal_ids: HashSet<u64> = goals.iter().map(|g| g["id"].as_u64().unwrap()).collect();
    assert_eq!(goal_ids.len(), 42, "goal ids are unique");
    let action_ids: HashSet<u64> = actions.iter().map(|a| a["id"].as_u64().unwrap()).collect();
    assert_eq!(action_ids.len(), 113, "action ids are unique");
    for area in areas {
        for key in ["id", "slug", "name", "aim", "url", "goals"] {
            assert!(!area[key].is_null(), "area has {key}");
        }
    }
    for goal in &goals {
        for key in ["id", "slug", "title", "url", "actions"] {
            assert!(!goal[key].is_null(), "goal has {key}");
        }
    }
    // The text of the seed, with the OCR slip "Espeen" fixed.
    let goal22 = goals.iter().find(|g| g["id"] == 22).unwrap();
    assert!(goal22["title"]["fi"]
        .as_str()
        .unwrap()
        .starts_with("Espoon viidestä kaupunkikeskuksesta"));
    for headline in s["headline_goals"].as_array().unwrap() {
        for id in headline["goal_ids"].as_array().unwrap() {
            assert!(goal_ids.contains(&id.as_u64().unwrap()));
        }
    }

    let timeline = s["timeline"].as_array().unwrap();
    let dates: Vec<(&str, &str)> = timeline
        .iter()
        .filter_map(|e| Some((e["slug"].as_str()?, e["starts_on"].as_str()?)))
        .collect();
    for expected in [
        ("mun-espoo-on-kysely", "2016-08-27"),
        ("valtuustoseminaari-helmikuu-2017", "2017-02-15"),
        ("esimiesareena", "2017-05-16"),
        ("henkiloston-osallistaminen", "2017-05-18"),
        ("valtuustoseminaari-kesakuu-2017", "2017-06-14"),
        ("iltakoulu", "2017-08-16"),
        ("hyvaksyminen", "2017-09-11"),
    ] {
        assert!(dates.contains(&expected), "timeline has {expected:?}");
    }
    assert_eq!(timeline[0]["ends_on"], "2016-10-31");

    assert_trilingual(&s, "strategy");
    // The translations exist but the city has not reviewed them; the API says so.
    for lang in ["sv", "en"] {
        let stats = &s["translations"][lang];
        assert_eq!(stats["missing"], 0);
        assert_eq!(stats["unreviewed"], stats["total"]);
        // 8 strategy-level texts, 6 of values, 9 headline goals, 8 of areas, 42 goals, 113 actions,
        // 8 of programmes, 17 of the narrative and 20 of the timeline.
        assert_eq!(stats["total"], 231);
    }
}

async fn every_url_in_the_api_is_a_working_page(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let s = app.json("/api/v1/strategy").await;
    let mut urls = Vec::new();
    common::page_urls(&s, &mut urls);
    assert_eq!(
        urls.len(),
        3 * (1 + 4 + 42 + 4),
        "home, areas, goals and programmes in three languages"
    );
    for url in urls {
        let html = app.html(&url).await;
        let lang = &url[1..3];
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{url}");
    }
}

async fn collections_and_single_goals_match_the_whole_strategy(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let s = app.json("/api/v1/strategy").await;
    assert_eq!(app.json("/api/v1/areas").await, s["areas"]);
    assert_eq!(app.json("/api/v1/programmes").await, s["programmes"]);
    for area in s["areas"].as_array().unwrap() {
        for goal in area["goals"].as_array().unwrap() {
            let detail = app.json(&format!("/api/v1/goals/{}", goal["id"])).await;
            assert_eq!(detail["title"], goal["title"]);
            assert_eq!(detail["actions"], goal["actions"]);
            assert_eq!(detail["area"]["id"], area["id"]);
            assert_eq!(detail["area"]["url"], area["url"]);
        }
    }
}

async fn assert_problem(app: &common::TestApp, response: reqwest::Response, status: u16, path: &str) -> Value {
    assert_eq!(response.status(), status, "{path}");
    assert_eq!(response.headers()["content-type"], "application/problem+json", "{path}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], status);
    assert_eq!(body["type"], "about:blank");
    assert_eq!(body["instance"], path);
    assert!(!body["title"].as_str().unwrap().is_empty());
    assert!(!body["detail"].as_str().unwrap().is_empty());
    let _ = app;
    body
}

async fn bad_ids_are_400_and_unknown_ones_404_as_problem_details(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    for bad in ["abc", "0", "-1", "007", "1.5", "99999999999", "%20", "1e3"] {
        let path = format!("/api/v1/goals/{bad}");
        let body = assert_problem(&app, app.get(&path).await, 400, &path).await;
        assert!(body["detail"].as_str().unwrap().contains("1–999999"), "{body}");
    }
    let body = assert_problem(&app, app.get("/api/v1/goals/999").await, 404, "/api/v1/goals/999").await;
    assert_eq!(body["detail"], "Tavoitetta tunnisteella 999 ei ole.");
    assert_problem(&app, app.get("/api/v1/nothing-here").await, 404, "/api/v1/nothing-here").await;
    assert_problem(&app, app.get("/api/v2/strategy").await, 404, "/api/v2/strategy").await;
}

async fn problem_details_speak_the_clients_language(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let response = app
        .get_with("/api/v1/goals/999", "accept-language", "sv-FI,sv;q=0.9")
        .await;
    assert_eq!(response.headers()["content-language"], "sv");
    let body = assert_problem(&app, response, 404, "/api/v1/goals/999").await;
    assert_eq!(body["title"], "Sidan hittades inte");
    assert_eq!(body["detail"], "Det finns inget mål med identifieraren 999.");

    let response = app.get_with("/api/v1/goals/x", "accept-language", "en").await;
    let body = assert_problem(&app, response, 400, "/api/v1/goals/x").await;
    assert_eq!(body["title"], "Bad request");
}

async fn writes_to_read_only_resources_are_405_with_allow(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let response = app
        .client
        .post(app.url("/api/v1/strategy"))
        .body("{}")
        .send()
        .await
        .unwrap();
    let allow = response.headers().get("allow").map(|v| v.to_str().unwrap().to_owned());
    assert_problem(&app, response, 405, "/api/v1/strategy").await;
    assert!(allow.unwrap_or_default().contains("GET"));
}

async fn conditional_requests_get_304(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    for path in [
        "/api/v1/strategy",
        "/api/v1/areas",
        "/api/v1/goals/7",
        "/api/v1/programmes",
        "/api/v1/openapi.json",
        "/fi/",
        "/sv/mal/koulut-kuntoon",
        "/static/site.css",
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

        let weak = app.get_with(path, "if-none-match", &format!("W/{etag}")).await;
        assert_eq!(weak.status(), 304, "{path}: weak comparison");

        let other = app.get_with(path, "if-none-match", "\"something-else\"").await;
        assert_eq!(other.status(), 200, "{path}");
        assert_eq!(other.bytes().await.unwrap(), body, "{path}: the same representation");
    }
}

async fn openapi_document_describes_every_endpoint(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let doc = app.json("/api/v1/openapi.json").await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/api/v1/strategy",
        "/api/v1/areas",
        "/api/v1/goals/{id}",
        "/api/v1/programmes",
        "/api/v1/openapi.json",
    ] {
        assert!(doc["paths"][path]["get"].is_object(), "{path} is documented");
    }
    let goal = &doc["paths"]["/api/v1/goals/{id}"]["get"]["responses"];
    for status in ["200", "304", "400", "404"] {
        assert!(goal[status].is_object(), "goal documents {status}");
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for schema in [
        "StrategyDto",
        "AreaDto",
        "GoalDto",
        "GoalDetailDto",
        "ProgrammeDto",
        "TextDto",
        "ProblemDto",
    ] {
        assert!(schemas.contains_key(schema), "{schema} is described");
    }
    let html = app.html("/en/api").await;
    assert!(html.contains("GET /api/v1/goals/{id}"));
}

async fn health_and_security_headers(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    assert_eq!(app.json("/healthz").await["status"], "ok");
    for path in ["/healthz", "/fi/", "/api/v1/strategy", "/nope"] {
        let response = app.get(path).await;
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
            "{path}"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert!(headers.contains_key("referrer-policy"));
        assert!(
            !headers.contains_key("strict-transport-security"),
            "no HSTS unless configured"
        );
    }
}

on_both_backends!(
    strategy_has_the_whole_espoo_tarina_in_three_languages,
    every_url_in_the_api_is_a_working_page,
    collections_and_single_goals_match_the_whole_strategy,
    bad_ids_are_400_and_unknown_ones_404_as_problem_details,
    problem_details_speak_the_clients_language,
    writes_to_read_only_resources_are_405_with_allow,
    conditional_requests_get_304,
    openapi_document_describes_every_endpoint,
    health_and_security_headers,
);
