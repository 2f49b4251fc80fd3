//! Indicator values as downloads: JSON-stat 2.0 datasets and CSV (which imports again unchanged), on the bundled
//! data and on a synthetic indicator with many values, paged and whole.

mod common;

use std::sync::Arc;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use common::{Backend, TestApp, TestDb};
use serde_json::Value;
use tarina::domain::cascade::{Correction, Frequency, Indicator, Measurement, Provenance, Reference, Region};
use tarina::domain::cascade::{RegionKind, Series};
use tarina::domain::change::{Change, OnExisting};
use tarina::domain::indicator::Direction;
use tarina::domain::{GoalId, IndicatorId, LocalizedText, Slug};

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
    jsonstat_datasets_are_valid,
    csv_has_the_import_columns_and_every_value,
    many_values_are_paged_and_downloads_are_whole,
);
