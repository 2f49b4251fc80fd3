//! Reading CSV files and XLSX workbooks: the hand-made files in `tests/fixtures/statistics`
//! (`handmade-population*`) and small CSV texts made here.

use super::*;
use crate::connectors::read_answer;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/statistics/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn settings(toml_text: &str) -> ConnectorSettings {
    let mut text = String::from("name = \"test\"\nurl = \"https://example.invalid/\"\ninterval = \"P1M\"\n");
    text.push_str(toml_text);
    toml::from_str(&text).unwrap()
}

/// The semicolon-separated population file, totals only, its unit checked.
fn csv_settings() -> ConnectorSettings {
    settings(
        r#"
        kind = "csv"
        delimiter = ";"
        region = { column = "Alue", map = { Espoo = "espoo", Vantaa = "vantaa" } }
        time = "Vuosi"
        value = "Väestö"
        select = { Sukupuoli = "Yhteensä" }
        unit = "henkilöä"
        unit_column = "Yksikkö"
        "#,
    )
}

fn xlsx_settings() -> ConnectorSettings {
    settings(
        r#"
        kind = "xlsx"
        sheet = "Väestö"
        header_row = 3
        region = { column = "Alue", map = { Espoo = "espoo" } }
        time = "Vuosi"
        value = "Väkiluku"
        "#,
    )
}

fn obs(region: &str, on: &str, value: f64) -> Observation {
    Observation {
        region: region.into(),
        date: on.parse().unwrap(),
        value,
    }
}

fn csv(text: &str, settings: &ConnectorSettings, decimals: u8) -> Result<Extracted, String> {
    read_answer(text.as_bytes(), settings, decimals)
}

#[test]
fn a_windows_1252_csv_file_gives_the_selected_rows_and_keeps_symbols_missing() {
    let read = read_answer(&fixture("handmade-population.csv"), &csv_settings(), 0).unwrap();
    assert_eq!(
        read.observations,
        vec![
            obs("espoo", "2023-12-31", 314024.0),
            obs("espoo", "2024-12-31", 320931.0)
        ]
    );
    // Espoo 2025 `..` and Vantaa 2024 `-`: missing, never zero.
    assert_eq!(read.missing, 2);
}

#[test]
fn a_workbook_sheet_is_read_below_its_header_row_with_typed_cells() {
    let read = read_answer(&fixture("handmade-population.xlsx"), &xlsx_settings(), 0).unwrap();
    assert_eq!(
        read.observations,
        vec![
            obs("espoo", "2022-12-31", 305000.0),
            obs("espoo", "2023-12-31", 314024.0),
            obs("espoo", "2024-12-31", 320931.0),
        ]
    );
    assert_eq!(read.missing, 1, "2025 is `..`");
    // The error in the notes column is nobody's value; read as one, it refuses the file.
    let notes = ConnectorSettings {
        value: Some("Huomautus".into()),
        ..xlsx_settings()
    };
    let error = read_answer(&fixture("handmade-population.xlsx"), &notes, 0).unwrap_err();
    assert_eq!(
        error,
        "row 5: column \"Huomautus\" holds the error #DIV/0!, not a value"
    );
}

#[test]
fn a_workbook_refuses_what_it_cannot_be_read_as() {
    let error = read_answer(&fixture("handmade-population-truncated.xlsx"), &xlsx_settings(), 0).unwrap_err();
    assert!(error.starts_with("not an XLSX workbook: "), "{error}");
    let error = read_answer(&fixture("handmade-population.csv"), &xlsx_settings(), 0).unwrap_err();
    assert!(error.starts_with("not an XLSX workbook: "), "{error}");
    let other_sheet = ConnectorSettings {
        sheet: Some("Taulukko1".into()),
        ..xlsx_settings()
    };
    let error = read_answer(&fixture("handmade-population.xlsx"), &other_sheet, 0).unwrap_err();
    assert_eq!(
        error,
        "the workbook has no sheet \"Taulukko1\"; its sheets are \"Tiedot\", \"Väestö\""
    );
    let first_sheet = ConnectorSettings {
        sheet: None,
        ..xlsx_settings()
    };
    let error = read_answer(&fixture("handmade-population.xlsx"), &first_sheet, 0).unwrap_err();
    assert_eq!(error, "the header row, row 3, is empty or missing");
}

#[test]
fn a_file_of_another_unit_or_more_decimals_is_refused_at_its_row() {
    let error = read_answer(&fixture("handmade-population-wrong-unit.csv"), &csv_settings(), 0).unwrap_err();
    assert_eq!(
        error,
        "row 2: the file states the unit \"tuhatta henkilöä\"; the connector expects \"henkilöä\""
    );
    // Without a unit column only the decimals can tell that the figures are in thousands.
    let unchecked = ConnectorSettings {
        unit: None,
        unit_column: None,
        ..csv_settings()
    };
    let error = read_answer(&fixture("handmade-population-wrong-unit.csv"), &unchecked, 0).unwrap_err();
    assert_eq!(
        error,
        "row 4: column \"Väestö\" holds 320.9, with more decimals than the indicator shows (0)"
    );
    let read = read_answer(&fixture("handmade-population-wrong-unit.csv"), &unchecked, 1).unwrap();
    assert_eq!(read.observations[0], obs("espoo", "2023-12-31", 314.0));
}

#[test]
fn malformed_rows_and_settings_that_do_not_fit_name_the_row_or_the_columns() {
    let error = read_answer(
        &fixture("handmade-population-thousands-separator.csv"),
        &csv_settings(),
        0,
    )
    .unwrap_err();
    assert!(
        error.starts_with("row 4: column \"Väestö\": \"320 931\" has a thousands separator"),
        "{error}"
    );
    let both_sexes = ConnectorSettings {
        select: Default::default(),
        ..csv_settings()
    };
    let error = read_answer(&fixture("handmade-population.csv"), &both_sexes, 0).unwrap_err();
    assert_eq!(
        error,
        "row 3: a second value for espoo at 2023-12-31 (the first is on row 2); choose the rows with `select`"
    );
    let renamed = ConnectorSettings {
        time: Some("Vuosi ".into()),
        ..csv_settings()
    };
    let error = read_answer(&fixture("handmade-population.csv"), &renamed, 0).unwrap_err();
    assert_eq!(
        error,
        "the header row (row 1) has no time column \"Vuosi \"; its columns are \"Alue\", \"Vuosi\", \"Sukupuoli\", \"Väestö\", \"Yksikkö\""
    );
    let women = ConnectorSettings {
        select: [("Sukupuoli".to_owned(), "Naiset".to_owned())].into(),
        ..csv_settings()
    };
    let error = read_answer(&fixture("handmade-population.csv"), &women, 0).unwrap_err();
    assert_eq!(error, "no row of the file has Sukupuoli = \"Naiset\"");
    let elsewhere = settings(
        r#"
        kind = "csv"
        region = { column = "Alue", map = { Turku = "espoo" } }
        time = "Vuosi"
        value = "Arvo"
        "#,
    );
    let error = csv("Alue,Vuosi,Arvo\nEspoo,2024,1\n", &elsewhere, 0).unwrap_err();
    assert_eq!(error, "none of the region codes Turku is in the column \"Alue\"");
    let error = csv("Alue,Vuosi,Arvo\nTurku,2024/25,1\n", &elsewhere, 0).unwrap_err();
    assert!(
        error.starts_with("row 2: the time \"2024/25\" is not a year"),
        "{error}"
    );
    let error = csv("", &elsewhere, 0).unwrap_err();
    assert_eq!(error, "the header row, row 1, is empty or missing");
    let error = read_answer(b"Alue,Vuosi,Arvo\n\x81\n", &elsewhere, 0).unwrap_err();
    assert!(error.starts_with("line 2: the file is not UTF-8"), "{error}");
}

#[test]
fn time_codes_and_decimal_commas_read_as_elsewhere() {
    let quarterly = settings(
        r#"
        kind = "csv"
        region = { column = "Alue", map = { "049" = "espoo" } }
        time = "Aika"
        value = "Arvo"
        "#,
    );
    let text = "Alue,Aika,Arvo\n049,2017Q1,\"71,5\"\n049,2017M05,72.25\n049,2017-06-30,\n049,2017,.\n";
    let read = csv(text, &quarterly, 2).unwrap();
    assert_eq!(
        read.observations,
        vec![obs("espoo", "2017-03-31", 71.5), obs("espoo", "2017-05-31", 72.25)]
    );
    assert_eq!(read.missing, 2, "an empty cell and `.` stay missing");
}
