//! The cascade API: indicators with their values as JSON, JSON-stat and CSV, targets, organisations, regions
//! and the situational picture, on the bundled data and on a synthetic indicator with many values.

mod common;

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use common::{Backend, TestApp, TestDb};
use serde_json::Value;
use tarina::domain::cascade::{Correction, Frequency, Indicator, Measurement, Provenance, Reference, Region};
use tarina::domain::cascade::{RegionKind, Series};
use tarina::domain::change::{Change, OnExisting};
use tarina::domain::indicator::Direction;
use tarina::domain::{GoalId, IndicatorId, LocalizedText, Slug};

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
fn assert_valid_jsonstat(doc: &Value) {
    assert_eq!(doc["version"], "2.0");
    assert_eq!(doc["class"], "dataset");
    assert_eq!(doc["id"], serde_json::json!(["region", "time"]));
    assert_eq!(doc["role"]["geo"], serde_json::json!(["region"]));
    assert_eq!(doc["role"]["time"], serde_json::json!(["time"]));
    let size: Vec<u64> = doc["size"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_u64().unwrap())
        .collect();
    assert_eq!(size.len(), 2);
    assert_eq!(
        doc["value"].as_array().unwrap().len() as u64,
        size.iter().product::<u64>()
    );
    for (dimension, size) in ["region", "time"].iter().zip(&size) {
        let category = &doc["dimension"][dimension]["category"];
        let index = category["index"].as_object().unwrap();
        assert_eq!(index.len() as u64, *size, "{dimension}");
        let mut positions: Vec<u64> = index.values().map(|p| p.as_u64().unwrap()).collect();
        positions.sort_unstable();
        assert_eq!(
            positions,
            (0..*size).collect::<Vec<_>>(),
            "{dimension} index is 0..size"
        );
        let labels = category["label"].as_object().unwrap();
        assert!(
            index.keys().all(|k| labels.contains_key(k)),
            "{dimension} labels every category"
        );
        assert!(!doc["dimension"][dimension]["label"].as_str().unwrap().is_empty());
    }
    if let Some(status) = doc.get("status").and_then(Value::as_object) {
        let cells = doc["value"].as_array().unwrap().len();
        for (cell, mark) in status {
            assert!(cell.parse::<usize>().unwrap() < cells);
            assert_eq!(mark, "example");
        }
    }
}

/// The value of a JSON-stat dataset at a region and a time.
fn cell(doc: &Value, region: &str, time: &str) -> Value {
    let r = doc["dimension"]["region"]["category"]["index"][region]
        .as_u64()
        .unwrap();
    let t = doc["dimension"]["time"]["category"]["index"][time].as_u64().unwrap();
    doc["value"][(r * doc["size"][1].as_u64().unwrap() + t) as usize].clone()
}

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

async fn jsonstat_datasets_are_valid(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    for id in 1..=10 {
        let response = app.get(&format!("/api/v1/indicators/{id}/jsonstat")).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "application/json");
        let doc: Value = response.json().await.unwrap();
        assert_valid_jsonstat(&doc);
        let detail = app.json(&format!("/api/v1/indicators/{id}")).await;
        let filled = doc["value"].as_array().unwrap().iter().filter(|v| !v.is_null()).count();
        assert_eq!(
            filled as u64,
            detail["page"]["total"].as_u64().unwrap(),
            "indicator {id}: every value once"
        );
    }
    let doc = app.json("/api/v1/indicators/4/jsonstat").await;
    assert_eq!(doc["label"], "Väkiluku");
    assert_eq!(doc["size"], serde_json::json!([6, 5]));
    assert_eq!(cell(&doc, "espoo", "2024-12-31"), 320931.0);
    assert_eq!(cell(&doc, "espoo", "2025-12-31"), 325716.0);
    assert_eq!(cell(&doc, "tapiola", "2024-12-31"), Value::Null);
    assert_eq!(doc["dimension"]["time"]["category"]["label"]["2024-12-31"], "2024");
    assert_eq!(doc["dimension"]["region"]["label"], "Alue");
    assert_eq!(doc["extension"]["unit"]["decimals"], 0);
    assert_eq!(doc["extension"]["indicator"]["id"], 4);
    assert_eq!(doc["note"].as_array().unwrap().len(), 1, "some values are examples");
    let official = doc["dimension"]["region"]["category"]["index"]["espoo"]
        .as_u64()
        .unwrap()
        * 5
        + 3;
    assert!(
        doc["status"].get(official.to_string()).is_none(),
        "Statistics Finland's value is no example"
    );
    assert_eq!(doc["status"]["0"], "example");

    let official_only = app
        .json("/api/v1/indicators/4/jsonstat?region=espoo&from=2024-01-01")
        .await;
    assert_valid_jsonstat(&official_only);
    assert_eq!(official_only["value"], serde_json::json!([320931.0, 325716.0]));
    assert!(official_only.get("note").is_none() && official_only.get("status").is_none());

    let swedish = app.json("/api/v1/indicators/4/jsonstat?lang=sv&region=tapiola").await;
    assert_valid_jsonstat(&swedish);
    assert_eq!(swedish["label"], "Folkmängd");
    assert_eq!(swedish["dimension"]["region"]["label"], "Område");
    assert_eq!(swedish["extension"]["unit"]["label"], "invånare");
    assert_eq!(swedish["size"], serde_json::json!([1, 2]));
    let english = app.json("/api/v1/indicators/1/jsonstat?lang=en").await;
    assert_eq!(english["label"], "Employment rate");
    assert!(english["note"][0].as_str().unwrap().contains("examples"));
}

fn csv_rows(body: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let body = body.strip_prefix('\u{feff}').expect("a byte order mark for Excel");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

async fn a_csv_download_imports_again_unchanged(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let body = app.get("/api/v1/indicators/4/values.csv").await.text().await.unwrap();
    let file = app.db.dir().join("download.csv");
    std::fs::write(&file, body).unwrap();
    let output = common::tarina(&app.db.url, &["indicators", "import", file.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{output:?}");
    assert!(stdout.contains("0 added, 0 corrected"), "{stdout}");
    assert!(stdout.contains("15 unchanged"), "{stdout}");
}

async fn csv_has_the_import_columns_and_every_value(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let response = app.get("/api/v1/indicators/4/values.csv").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(
        !response.headers().contains_key("link"),
        "everything fits in one download"
    );
    let body = response.text().await.unwrap();
    assert!(body.contains("\r\n"), "CRLF line ends");
    let (header, rows) = csv_rows(&body);
    assert_eq!(header, ["indicator", "region", "date", "value", "source", "example"]);
    assert_eq!(
        header[..5],
        tarina::values::COLUMNS,
        "the columns the import reads, then example"
    );
    assert_eq!(rows.len(), 15);
    assert!(rows.iter().all(|r| r[0] == "4"));
    let official: Vec<&Vec<String>> = rows.iter().filter(|r| r[5] == "false").collect();
    assert_eq!(official.len(), 2);
    assert_eq!(official[0][1..4], ["espoo", "2024-12-31", "320931"]);
    assert_eq!(official[1][1..4], ["espoo", "2025-12-31", "325716"]);
    assert!(official[1][4].starts_with("Tilastokeskus"));

    let employment = app
        .get("/api/v1/indicators/1/values.csv?from=2018-01-01&to=2019-12-31")
        .await;
    let (_, rows) = csv_rows(&employment.text().await.unwrap());
    assert_eq!(
        rows,
        [
            ["1", "espoo", "2018-12-31", "73.5", "Esimerkkiarvo", "true"],
            ["1", "espoo", "2019-12-31", "74.1", "Esimerkkiarvo", "true"],
        ]
    );
    let centres = app.get("/api/v1/indicators/4/values.csv?region=tapiola").await;
    let (_, rows) = csv_rows(&centres.text().await.unwrap());
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r[1] == "tapiola"));
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
    assert_eq!(empty, serde_json::json!({"year": 2019, "years": [2018], "targets": []}));
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

/// Regions `alue-00` … of the synthetic indicator.
const REGIONS: usize = 20;
/// Daily values per region: 20 × 1500 = 30000 values, three default JSON pages but one CSV download.
const DAYS: usize = 1500;

fn text(fi: &str) -> LocalizedText {
    LocalizedText::finnish_only(fi)
}

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap()
}

/// The bundled data with indicator 11 added: daily values in many regions, a source a spreadsheet would take
/// for a formula, negative values and two corrections.
async fn spawn_with_many_values(backend: Backend) -> Option<TestApp> {
    let db = TestDb::new(backend).await?;
    let mut dataset = tarina::data::bundled_dataset().unwrap();
    let provenance = |source: &str, example: bool| {
        Arc::new(Provenance {
            source: LocalizedText::finnish_only(source),
            entered_by: "test".into(),
            entered_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            example,
        })
    };
    let (plain, formula) = (provenance("Testilähde", false), provenance("=HYPERLINK(\"x\")", true));
    let regions: Vec<Slug> = (0..REGIONS)
        .map(|r| Slug::parse(&format!("alue-{r:02}")).unwrap())
        .collect();
    dataset.cascade.regions.extend(regions.iter().map(|slug| Region {
        slug: slug.clone(),
        kind: RegionKind::LocalCentre,
        name: text(&format!("Alue {slug}")),
    }));
    let series = regions
        .iter()
        .enumerate()
        .map(|(r, region)| Series {
            region: region.clone(),
            values: Arc::new(
                (0..DAYS)
                    .map(|d| Measurement {
                        date: start() + Duration::days(d as i64),
                        value: r as f64 - 3.5 + d as f64 / 100.0,
                        provenance: if r == 1 { formula.clone() } else { plain.clone() },
                    })
                    .collect(),
            ),
        })
        .collect();
    let correction = |region: usize, day: i64| Correction {
        region: regions[region].clone(),
        date: start() + Duration::days(day),
        value: -1.0,
        provenance: plain.clone(),
        replaced_at: Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap(),
        replaced_by: "cli:import".into(),
    };
    let reference = |date: NaiveDate, value: f64| Reference {
        date,
        value,
        basis: text("testi"),
        example: false,
        approximate: false,
        date_assumed: false,
    };
    dataset.cascade.indicators.push(Arc::new(Indicator {
        id: IndicatorId::new(11).unwrap(),
        slug: Slug::parse("synteettinen").unwrap(),
        name: text("Synteettinen"),
        definition: text("Testimittari"),
        unit: text("kpl"),
        decimals: 2,
        direction: Direction::Increase,
        baseline: Some(reference(start(), -3.5)),
        target: Some(reference(NaiveDate::from_ymd_opt(2030, 12, 31).unwrap(), 100.0)),
        milestones: vec![],
        projections: vec![],
        source: text("Testi"),
        licence: Some("CC0".into()),
        frequency: Frequency::Irregular,
        regions: regions.clone(),
        goals: vec![GoalId::new(1).unwrap()],
        series,
        corrections: vec![correction(0, 10), correction(2, 20)],
        connector: None,
    }));
    let change = Change {
        actor: "test".into(),
        reason: "many values".into(),
    };
    db.store()
        .await
        .save_dataset(&dataset, OnExisting::Refuse, &change)
        .await
        .unwrap();
    Some(common::spawn_on(Arc::new(db)).await)
}

async fn many_values_are_paged_and_downloads_are_whole(backend: Backend) {
    let Some(app) = spawn_with_many_values(backend).await else {
        return;
    };
    let total = REGIONS * DAYS;
    let summary = app.json("/api/v1/indicators").await;
    let synthetic = summary.as_array().unwrap().iter().find(|i| i["id"] == 11).unwrap();
    assert_eq!(synthetic["latest"]["region"], "alue-00");
    assert_eq!(synthetic["latest"]["value"], -3.5 + (DAYS - 1) as f64 / 100.0);
    assert_eq!(
        synthetic["forecast"]["points"], 20,
        "the forecast rests on the recent window only"
    );

    let mut next = Some("/api/v1/indicators/11".to_owned());
    let mut seen = 0;
    let mut pages = 0;
    while let Some(path) = next {
        let page = app.json(&path).await;
        assert_eq!(page["page"]["total"], total);
        let values = page["values"].as_array().unwrap();
        assert!(values.len() <= 10_000);
        if pages == 0 {
            assert_eq!(page["corrections_total"], 2);
            assert_eq!(page["corrections"][0]["value"], -1.0);
            assert_eq!(page["corrections"][0]["replaced_by"], "cli:import");
            assert_eq!(
                page["example"], true,
                "region alue-01 has example values on the first page"
            );
        }
        assert_eq!(values[0]["region"], format!("alue-{:02}", seen / DAYS));
        seen += values.len();
        next = page["page"]["next"].as_str().map(str::to_owned);
        pages += 1;
    }
    assert_eq!((seen, pages), (total, 3));

    let narrow = app
        .json("/api/v1/indicators/11?region=alue-02&from=2000-01-21&to=2000-01-21")
        .await;
    assert_eq!(narrow["page"]["total"], 1);
    assert_eq!(narrow["values"][0]["value"], 2.0 - 3.5 + 0.2);
    assert_eq!(
        narrow["corrections_total"], 1,
        "the correction of that day in that region"
    );
    assert_eq!(narrow["example"], false);

    let csv = app.get("/api/v1/indicators/11/values.csv").await;
    assert!(!csv.headers().contains_key("link"));
    let (_, rows) = csv_rows(&csv.text().await.unwrap());
    assert_eq!(rows.len(), total, "the download holds every value");
    assert_eq!(
        rows[0],
        ["11", "alue-00", "2000-01-01", "-3.5", "Testilähde", "false"],
        "a negative number stays a number"
    );
    assert_eq!(rows[DAYS][4], "'=HYPERLINK(\"x\")", "a formula is defused");
    assert_eq!(rows[DAYS][5], "true");

    let doc = app.json("/api/v1/indicators/11/jsonstat").await;
    assert_valid_jsonstat(&doc);
    assert_eq!(doc["size"], serde_json::json!([REGIONS, DAYS]));
    assert!(doc["value"].as_array().unwrap().iter().all(Value::is_number));
    assert_eq!(cell(&doc, "alue-03", "2000-01-02"), 3.0 - 3.5 + 0.01);
    assert_eq!(
        doc["status"].as_object().unwrap().len(),
        DAYS,
        "the examples of alue-01"
    );
    let paged = app
        .json("/api/v1/indicators/11/jsonstat?region=alue-05,alue-06&limit=1000&offset=1000")
        .await;
    assert_valid_jsonstat(&paged);
    assert_eq!(paged["size"], serde_json::json!([2, 1000]));
    assert_eq!(
        paged["link"]["next"][0]["href"],
        "/api/v1/indicators/11/jsonstat?region=alue-05,alue-06&limit=1000&offset=2000"
    );
}

on_both_backends!(
    a_csv_download_imports_again_unchanged,
    indicator_list_has_every_indicator_with_status_and_links,
    indicator_detail_has_values_with_provenance_and_status_by_region,
    values_are_filtered_by_region_and_dates,
    values_are_paged_with_links_to_the_next_page,
    the_indicator_list_is_paged_with_links,
    jsonstat_datasets_are_valid,
    csv_has_the_import_columns_and_every_value,
    targets_of_a_year,
    organisations_and_regions,
    situation_rolls_up_indicators_and_actions,
    bad_input_is_a_problem_not_a_crash,
    conditional_requests_get_304,
    openapi_document_describes_the_cascade,
    many_values_are_paged_and_downloads_are_whole,
);
