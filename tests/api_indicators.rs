//! The indicators API: the list with status and links, paged; one indicator with its values, provenance and
//! status by region, filtered by region and dates and paged.

mod common;

use std::collections::HashSet;

use common::Backend;
use serde_json::Value;

const STATUSES: [&str; 4] = ["on_track", "at_risk", "off_track", "no_data"];

fn numbers(values: &Value, key: &str) -> Vec<f64> {
    values
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v[key].as_f64().unwrap())
        .collect()
}

async fn indicator_list_has_every_indicator_with_status_and_links(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let list = app.json("/api/v1/indicators").await;
    let list = list.as_array().unwrap();
    let ids: Vec<u64> = list.iter().map(|i| i["id"].as_u64().unwrap()).collect();
    assert_eq!(
        ids,
        (1..=10).collect::<Vec<u64>>(),
        "the ten bundled indicators in id order"
    );
    for item in list {
        for key in [
            "slug",
            "name",
            "unit",
            "direction",
            "decimals",
            "baseline",
            "target",
            "milestones",
            "latest",
            "status",
            "forecast",
            "goals",
            "regions",
            "example",
            "url",
            "api_url",
        ] {
            assert!(item.get(key).is_some(), "indicator {} has {key}", item["id"]);
        }
        assert!(STATUSES.contains(&item["status"].as_str().unwrap()));
        assert_eq!(item["api_url"], format!("/api/v1/indicators/{}", item["id"]));
        assert_eq!(
            item["url"]["fi"],
            format!("/fi/mittarit/{}-{}", item["id"], item["slug"].as_str().unwrap())
        );
        assert_eq!(
            item["url"]["sv"],
            format!("/sv/matare/{}-{}", item["id"], item["slug"].as_str().unwrap())
        );
        assert_eq!(
            item["latest"]["region"], item["regions"][0],
            "latest is the headline region's"
        );
        if let Some(forecast) = item["forecast"].as_object() {
            for key in ["date", "value", "low", "high", "slope_per_year", "points"] {
                assert!(forecast.contains_key(key), "forecast has {key}");
            }
            assert!(forecast["low"].as_f64() <= forecast["high"].as_f64());
        }
    }
    let employment = &list[0];
    assert_eq!(employment["slug"], "tyollisyysaste");
    assert_eq!(employment["name"]["en"], "Employment rate");
    assert_eq!(employment["direction"]["kind"], "increase");
    assert_eq!(employment["target"]["value"], 75.0);
    assert_eq!(employment["example"], true, "its baseline and values are examples");
    assert_eq!(employment["goals"], serde_json::json!([15]));

    let population = &list[3];
    assert_eq!(population["slug"], "vakiluku");
    assert_eq!(population["latest"]["value"], 325716.0);
    assert_eq!(population["latest"]["date"], "2025-12-31");
    assert_eq!(population["latest"]["example"], false);
    assert!(population["latest"]["source"]["fi"]
        .as_str()
        .unwrap()
        .starts_with("Tilastokeskus, väestörakenne"));
    assert!(
        population["latest"]["source"]["en"]
            .as_str()
            .unwrap()
            .starts_with("Statistics Finland, population structure"),
        "values' sources are in three languages"
    );
    assert_eq!(population["baseline"]["example"], false);
    assert_eq!(
        population["example"], false,
        "the headline figures are Statistics Finland's"
    );
    assert_eq!(population["regions"].as_array().unwrap().len(), 6);
}

async fn indicator_detail_has_values_with_provenance_and_status_by_region(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let list = app.json("/api/v1/indicators").await;
    let population = app.json("/api/v1/indicators/4").await;
    for key in ["status", "latest", "baseline", "target", "url", "regions", "forecast"] {
        assert_eq!(population[key], list[3][key], "the detail repeats the summary's {key}");
    }
    assert_eq!(population["licence"], "CC BY 4.0");
    assert_eq!(population["frequency"], "annual");
    assert!(population["definition"]["fi"]
        .as_str()
        .unwrap()
        .starts_with("Espoossa vakinaisesti"));
    assert_eq!(population["source"]["sv"], "Statistikcentralen, befolkningsstruktur");
    let values = population["values"].as_array().unwrap();
    assert_eq!(values.len(), 15);
    assert_eq!(population["page"]["total"], 15);
    assert_eq!(population["page"]["next"], Value::Null);
    assert_eq!(population["corrections"], serde_json::json!([]));
    for official in [320931.0, 325716.0] {
        let value = values
            .iter()
            .find(|v| v["value"] == official)
            .expect("the Statistics Finland value is listed");
        assert_eq!(value["region"], "espoo");
        assert_eq!(value["example"], false);
        assert!(value["source"]["fi"].as_str().unwrap().starts_with("Tilastokeskus, "));
        assert!(value["source"]["sv"]
            .as_str()
            .unwrap()
            .starts_with("Statistikcentralen, "));
        assert!(value["entered_by"].as_str().unwrap().contains("04-vakiluku"));
        assert!(value["entered_at"].as_str().unwrap().ends_with('Z'));
    }
    assert!(values
        .iter()
        .filter(|v| v["region"] != "espoo")
        .all(|v| v["example"] == true));
    assert_eq!(
        population["example"], true,
        "the listed city-centre values are examples"
    );
    // Ordered by region as the indicator lists them, then by date.
    let order: Vec<(String, String)> = values
        .iter()
        .map(|v| (v["region"].as_str().unwrap().into(), v["date"].as_str().unwrap().into()))
        .collect();
    let regions: Vec<&str> = population["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    let mut sorted = order.clone();
    sorted.sort_by_key(|(r, d)| (regions.iter().position(|x| x == r), d.clone()));
    assert_eq!(order, sorted);
    let by_region = population["region_status"].as_array().unwrap();
    assert_eq!(by_region.len(), regions.len());
    for (row, region) in by_region.iter().zip(&regions) {
        assert_eq!(row["region"], *region);
        assert!(STATUSES.contains(&row["status"].as_str().unwrap()));
    }
    assert_eq!(
        by_region[0]["status"], population["status"],
        "the headline region's status is the indicator's"
    );
    assert_eq!(by_region[1]["latest"]["value"], 73000.0);

    let employment = app.json("/api/v1/indicators/1").await;
    assert_eq!(employment["example"], true);
    assert!(employment["values"]
        .as_array()
        .unwrap()
        .iter()
        .all(|v| v["example"] == true));
    assert_eq!(numbers(&employment["values"], "value"), [72.4, 73.5, 74.1, 72.6, 73.8]);
}

async fn values_are_filtered_by_region_and_dates(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let comma = app.json("/api/v1/indicators/4?region=tapiola,leppavaara").await;
    let repeated = app
        .json("/api/v1/indicators/4?region=tapiola&region=leppavaara&region=tapiola")
        .await;
    assert_eq!(comma["values"], repeated["values"]);
    let regions: HashSet<&str> = comma["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["region"].as_str().unwrap())
        .collect();
    assert_eq!(regions, HashSet::from(["tapiola", "leppavaara"]));
    assert_eq!(comma["page"]["total"], 4);
    assert_eq!(
        comma["values"][0]["region"], "leppavaara",
        "in the indicator's order, not the query's"
    );
    assert_eq!(
        comma["region_status"].as_array().unwrap().len(),
        6,
        "the status of every region stays"
    );

    let from = app.json("/api/v1/indicators/4?region=espoo&from=2022-12-31").await;
    assert_eq!(
        numbers(&from["values"], "value"),
        [305000.0, 320931.0, 325716.0],
        "from is inclusive"
    );
    let to = app.json("/api/v1/indicators/4?region=espoo&to=2022-12-31").await;
    assert_eq!(
        numbers(&to["values"], "value"),
        [284000.0, 293000.0, 305000.0],
        "to is inclusive"
    );
    let day = app.json("/api/v1/indicators/4?from=2024-12-31&to=2024-12-31").await;
    assert_eq!(numbers(&day["values"], "value"), [320931.0]);
    let between = app.json("/api/v1/indicators/4?from=2019-01-01&to=2021-06-30").await;
    assert_eq!(numbers(&between["values"], "value"), [293000.0]);
    let none = app.json("/api/v1/indicators/4?from=2030-01-01").await;
    assert_eq!(none["values"], serde_json::json!([]));
    assert_eq!(none["page"]["total"], 0);
    // A region of the city that this indicator is not reported for has no values, and that is no error.
    let elsewhere = app.json("/api/v1/indicators/1?region=tapiola").await;
    assert_eq!(elsewhere["page"]["total"], 0);
    // Unknown parameters are ignored.
    let busted = app.json("/api/v1/indicators/4?_=12345").await;
    assert_eq!(busted["values"], app.json("/api/v1/indicators/4").await["values"]);
}

async fn values_are_paged_with_links_to_the_next_page(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let all = app.json("/api/v1/indicators/4").await;
    assert_eq!(all["page"]["limit"], 10000, "the default page");
    let mut collected = Vec::new();
    let mut next = Some("/api/v1/indicators/4?limit=4".to_owned());
    let mut pages = 0;
    while let Some(path) = next {
        let page = app.json(&path).await;
        assert_eq!(page["page"]["total"], 15);
        assert_eq!(page["page"]["limit"], 4);
        assert_eq!(page["page"]["offset"], pages * 4);
        collected.extend(page["values"].as_array().unwrap().iter().cloned());
        next = page["page"]["next"].as_str().map(str::to_owned);
        pages += 1;
    }
    assert_eq!(pages, 4);
    assert_eq!(Value::Array(collected), all["values"]);

    let filtered = app
        .json("/api/v1/indicators/4?region=espoo&from=2019-01-01&limit=2")
        .await;
    assert_eq!(
        filtered["page"]["next"], "/api/v1/indicators/4?region=espoo&from=2019-01-01&limit=2&offset=2",
        "the next page keeps the filters"
    );
    let beyond = app.json("/api/v1/indicators/4?offset=100").await;
    assert_eq!(beyond["values"], serde_json::json!([]));
    assert_eq!(
        (beyond["page"]["total"].clone(), beyond["page"]["next"].clone()),
        (15.into(), Value::Null)
    );

    let csv = app.get("/api/v1/indicators/4/values.csv?limit=10").await;
    assert_eq!(
        csv.headers()["link"],
        "</api/v1/indicators/4/values.csv?limit=10&offset=10>; rel=\"next\""
    );
    assert_eq!(csv.text().await.unwrap().lines().count(), 11);
    let last = app.get("/api/v1/indicators/4/values.csv?limit=10&offset=10").await;
    assert!(!last.headers().contains_key("link"), "no next page after the last");
    let stat = app.get("/api/v1/indicators/4/jsonstat?limit=10&lang=sv").await;
    assert_eq!(
        stat.headers()["link"],
        "</api/v1/indicators/4/jsonstat?limit=10&offset=10&lang=sv>; rel=\"next\""
    );
    let stat: Value = stat.json().await.unwrap();
    assert_eq!(
        stat["link"]["next"][0]["href"],
        "/api/v1/indicators/4/jsonstat?limit=10&offset=10&lang=sv"
    );
}

/// Checks the JSON-stat 2.0 structure: sizes, indices and the value array agree.
async fn the_indicator_list_is_paged_with_links(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let whole = app.get("/api/v1/indicators").await;
    assert!(
        !whole.headers().contains_key("link"),
        "ten indicators fit the default page"
    );
    let whole: Value = whole.json().await.unwrap();

    let mut collected = Vec::new();
    let mut next = Some("/api/v1/indicators?limit=4".to_owned());
    let mut links = Vec::new();
    while let Some(path) = next {
        let page = app.get(&path).await;
        assert_eq!(page.status(), 200, "{path}");
        next = page.headers().get("link").map(|link| {
            let link = link.to_str().unwrap();
            let url = link
                .strip_prefix('<')
                .and_then(|l| l.strip_suffix(">; rel=\"next\""))
                .unwrap();
            url.to_owned()
        });
        links.extend(next.clone());
        let items: Value = page.json().await.unwrap();
        assert!(items.as_array().unwrap().len() <= 4, "{path}");
        collected.extend(items.as_array().unwrap().iter().cloned());
    }
    assert_eq!(
        links,
        [
            "/api/v1/indicators?limit=4&offset=4",
            "/api/v1/indicators?limit=4&offset=8"
        ]
    );
    assert_eq!(
        Value::Array(collected),
        whole,
        "the pages together are the whole list, in order"
    );

    let beyond = app.get("/api/v1/indicators?offset=10").await;
    assert!(!beyond.headers().contains_key("link"));
    assert_eq!(beyond.json::<Value>().await.unwrap(), serde_json::json!([]));
    let page = app.json("/api/v1/indicators?offset=9&limit=10000").await;
    assert_eq!(page.as_array().unwrap().len(), 1);
    assert_eq!(page[0]["id"], 10);
}

on_both_backends!(
    indicator_list_has_every_indicator_with_status_and_links,
    indicator_detail_has_values_with_provenance_and_status_by_region,
    values_are_filtered_by_region_and_dates,
    values_are_paged_with_links_to_the_next_page,
    the_indicator_list_is_paged_with_links,
);
