//! Reading the recorded answers in `tests/fixtures/statistics` (real Statistics Finland, Statistics Sweden
//! and json-stat.org files, and hand-made edge cases named `handmade-*`).

use super::*;
use crate::domain::connector::ConnectorSettings;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/statistics/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn settings(toml_text: &str) -> ConnectorSettings {
    let mut text = String::from("name = \"test\"\nurl = \"https://example.invalid/\"\ninterval = \"P1M\"\n");
    text.push_str(toml_text);
    toml::from_str(&text).unwrap()
}

fn statfin() -> ConnectorSettings {
    settings(
        r#"
        kind = "jsonstat"
        region = { dimension = "Alue", map = { KU049 = "espoo", KU092 = "vantaa" } }
        time = "Vuosi"
        value = "vaerak-vaesto"
        unit = "lukumäärä"
        "#,
    )
}

fn date(text: &str) -> chrono::NaiveDate {
    text.parse().unwrap()
}

fn obs(region: &str, on: &str, value: f64) -> Observation {
    Observation {
        region: region.into(),
        date: date(on),
        value,
    }
}

#[test]
fn statfin_json_stat_gives_espoo_and_vantaa_at_the_end_of_2025() {
    let read = read_answer(&fixture("api-query-three-cities.json"), &statfin(), 0).unwrap();
    assert_eq!(
        read.observations,
        [
            obs("espoo", "2025-12-31", 325716.0),
            obs("vantaa", "2025-12-31", 252956.0)
        ]
    );
    assert_eq!(read.source.as_deref(), Some("Tilastokeskus, väestörakenne"));
    assert_eq!(read.updated.as_deref(), Some("2026-04-01T05:00:00Z"));
}

#[test]
fn dimension_order_and_key_order_do_not_change_what_is_read() {
    let read = read_answer(&fixture("handmade-three-cities-reordered.json"), &statfin(), 0).unwrap();
    assert_eq!(
        read.observations,
        [
            obs("espoo", "2025-12-31", 325716.0),
            obs("vantaa", "2025-12-31", 252956.0)
        ]
    );
}

#[test]
fn a_multi_dimensional_table_is_read_row_major() {
    // Swedish StatFin answer 11rc: year × sex × age; take women aged 25–29.
    let s = settings(
        r#"
        kind = "jsonstat"
        region = { dimension = "Ålder", map = { "25-29" = "espoo" } }
        select = { "Kön" = "2" }
        unit = "Antal"
        "#,
    );
    let read = read_answer(&fixture("response_fi.json"), &s, 0).unwrap();
    let years: Vec<(chrono::NaiveDate, f64)> = read.observations.iter().map(|o| (o.date, o.value)).collect();
    let doc: serde_json::Value = serde_json::from_slice(&fixture("response_fi.json")).unwrap();
    let value = |at: usize| doc["value"][at].as_f64().unwrap();
    // Strides: Vuosi 30, Sukupuoli 10, Ikä 1; women are sex index 2, 25–29 age index 1.
    assert_eq!(
        years,
        [
            (date("2020-12-31"), value(21)),
            (date("2021-12-31"), value(51)),
            (date("2022-12-31"), value(81))
        ]
    );
}

#[test]
fn nulls_and_status_symbols_stay_missing_never_zero() {
    let read = read_answer(&fixture("handmade-three-cities-status-symbols.json"), &statfin(), 0).unwrap();
    assert_eq!(read.observations, []);
    assert_eq!(read.missing, 2);
    let quarterly = settings(
        r#"
        kind = "jsonstat"
        region = { dimension = "energialahde", map = { SSS = "espoo" } }
        "#,
    );
    let read = read_answer(&fixture("with-nulls.json"), &quarterly, 1).unwrap();
    assert_eq!(read.missing, 4, "2010 is null in every quarter");
    assert_eq!(read.observations.len(), 8);
    assert_eq!(read.observations[0].date, date("2011-03-31"));
    let single = settings(
        r#"
        kind = "jsonstat"
        region = { dimension = "alue", map = { "091" = "espoo" } }
        "#,
    );
    let read = read_answer(&fixture("key-figure-null.json"), &single, 0).unwrap();
    assert_eq!((read.observations.len(), read.missing), (0, 1));
}

#[test]
fn a_status_for_every_cell_and_a_sparse_status_are_read() {
    let canada = settings(
        r#"
        kind = "jsonstat"
        region = { dimension = "country", map = { CA = "espoo" } }
        select = { age = "T", sex = "T" }
        value = "POP"
        unit = "people"
        "#,
    );
    let read = read_answer(&fixture("canada.json"), &canada, 1).unwrap();
    assert_eq!(read.observations, [obs("espoo", "2012-12-31", 34880.5)]);
    let oecd = settings(
        r#"
        kind = "jsonstat"
        region = { dimension = "area", map = { FI = "espoo" } }
        "#,
    );
    let error = read_answer(&fixture("oecd.json"), &oecd, 1).unwrap_err();
    assert!(error.contains("with 9 decimals; the indicator shows 1"), "{error}");
    let read = read_answer(&fixture("oecd.json"), &oecd, 9).unwrap();
    assert_eq!(read.observations.len(), 12, "estimates (status e) are values");
}

#[test]
fn pxweb_v1_json_and_v2_json_stat_answers_are_read() {
    let v1 = settings(
        r#"
        kind = "pxweb"
        query = { Region = ["00"] }
        region = { dimension = "region", map = { "00" = "espoo" } }
        "#,
    );
    let read = read_answer(&fixture("BefolkningNy-b4ec21-POST.json"), &v1, 0).unwrap();
    assert_eq!(
        read.observations,
        [
            obs("espoo", "2016-12-31", 9995153.0),
            obs("espoo", "2017-12-31", 10120242.0)
        ]
    );
    let v2 = settings(
        r#"
        kind = "jsonstat"
        region = { dimension = "Region", map = { "00" = "espoo" } }
        unit = "antal personer"
        "#,
    );
    let read = read_answer(&fixture("data-35e0e2-5aec69-POST.json"), &v2, 0).unwrap();
    assert_eq!(read.observations, [obs("espoo", "2024-12-31", 50937.0)]);
}

#[test]
fn the_pxweb_query_asks_for_json_stat() {
    let s = settings(
        r#"
        kind = "pxweb"
        query = { Alue = ["KU049"], Vuosi = { filter = "top", values = ["5"] } }
        region = { dimension = "Alue", map = { KU049 = "espoo" } }
        "#,
    );
    assert_eq!(
        query_body(&s),
        serde_json::json!({
            "query": [
                { "code": "Alue", "selection": { "filter": "item", "values": ["KU049"] } },
                { "code": "Vuosi", "selection": { "filter": "top", "values": ["5"] } }
            ],
            "response": { "format": "json-stat2" }
        })
    );
}

#[test]
fn sotkanet_rows_are_read_by_region_year_and_gender() {
    let s = settings(
        r#"
        kind = "sotkanet"
        region = { dimension = "region", map = { "49" = "espoo" } }
        select = { gender = "total" }
        "#,
    );
    let read = read_answer(&fixture("handmade-sotkanet.json"), &s, 1).unwrap();
    assert_eq!(
        read.observations,
        [obs("espoo", "2021-12-31", 12.5), obs("espoo", "2022-12-31", 12.9)]
    );
    assert_eq!(read.missing, 1);
}

#[test]
fn answers_that_do_not_fit_are_refused_with_the_reason() {
    let cases = [
        (
            "handmade-three-cities-renamed-dimension.json",
            "no region dimension \"Alue\"",
        ),
        ("handmade-three-cities-wrong-unit.json", "unit \"tuhatta henkilöä\""),
        (
            "handmade-three-cities-short-value.json",
            "truncated or malformed: it has 2 values",
        ),
        (
            "handmade-three-cities-truncated.json",
            "not a JSON-stat 2.0 dataset: EOF",
        ),
        (
            "BefolkningNy-b4ec21-POST.json",
            "not a JSON-stat 2.0 dataset: it lacks id, size",
        ),
    ];
    for (file, expected) in cases {
        let error = read_answer(&fixture(file), &statfin(), 0).unwrap_err();
        assert!(error.contains(expected), "{file}: {error}");
    }
    let no_such_age = settings(
        r#"
        kind = "jsonstat"
        region = { dimension = "Alue", map = { KU049 = "espoo" } }
        select = { "Ikä" = "000" }
        "#,
    );
    let error = read_answer(&fixture("api-query-three-cities.json"), &no_such_age, 0).unwrap_err();
    assert!(error.contains("has no category \"000\"; it has SSS"), "{error}");
    let elsewhere = settings(
        r#"
        kind = "jsonstat"
        region = { dimension = "Alue", map = { KU235 = "espoo" } }
        "#,
    );
    let error = read_answer(&fixture("api-query-three-cities.json"), &elsewhere, 0).unwrap_err();
    assert!(error.contains("none of the region codes KU235"), "{error}");
    let two_measures = settings(
        r#"
        kind = "jsonstat"
        region = { dimension = "country", map = { CA = "espoo" } }
        select = { age = "T", sex = "T" }
        "#,
    );
    let error = read_answer(&fixture("canada.json"), &two_measures, 1).unwrap_err();
    assert!(error.contains("concept (concepts) has 2 categories"), "{error}");
}

#[test]
fn a_month_of_municipalities_is_read_by_streaming() {
    let s = settings(
        r#"
        kind = "jsonstat"
        region = { dimension = "alue", map = { KU049 = "espoo" } }
        "#,
    );
    let bytes = fixture("map-kunta-population.json");
    let read = read_jsonstat(std::io::Cursor::new(bytes), &s, 0).unwrap();
    assert_eq!(read.observations, [obs("espoo", "2024-12-31", 320931.0)]);
}
