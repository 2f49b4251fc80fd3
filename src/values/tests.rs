//! Reading a values file: what is accepted, and every problem of every row reported with its line.

use chrono::NaiveDate;

use super::fields::parse_date;
use super::*;

fn cascade() -> Cascade {
    crate::data::bundled_dataset().expect("the bundled data loads").cascade
}

fn errors(text: &str) -> Vec<RowError> {
    parse_csv(text, &cascade()).expect_err("the file is refused")
}

/// The errors as `LINE column: reason` lines, for readable assertions.
fn lines(text: &str) -> Vec<String> {
    errors(text)
        .iter()
        .map(|e| format!("{} {}: {}", e.line, e.column.as_deref().unwrap_or("-"), e.reason))
        .collect()
}

fn one_error(text: &str) -> RowError {
    let mut errors = errors(text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors.remove(0)
}

const HEADER: &str = "indicator,region,date,value,source\n";

fn row(fields: &str) -> String {
    format!("{HEADER}{fields}\n")
}

#[test]
fn the_example_column_of_a_download_is_read_and_ignored() {
    let text = "indicator,region,date,value,source,example\n1,espoo,2022-12-31,71.5,Tilastokeskus,true\n";
    let values = parse_csv(text, &cascade()).unwrap().values;
    assert_eq!(values.len(), 1);
    assert_eq!(values[0].value, 71.5);
}

#[test]
fn reads_ids_and_slugs_points_and_commas_in_any_column_order() {
    let cascade = cascade();
    let text = "\u{feff}source;value;date;region;indicator\r\n\
                Tilastokeskus;71,5;2022-12-31;espoo;tyollisyysaste\r\n\
                \"TEM; työnvälitystilasto\";-0.25;2022-12-31;tapiola;2\r\n\
                ;;;;\r\n\
                \r\n\
                Tilastokeskus 2023;1234567;2023-12-31;espoo;4\r\n";
    let values = parse_csv(text, &cascade).unwrap().values;
    let summary: Vec<(u32, &str, String, f64, &str)> = values
        .iter()
        .map(|v| {
            (
                v.indicator.get(),
                v.region.as_str(),
                v.date.to_string(),
                v.value,
                v.source.as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (1, "espoo", "2022-12-31".into(), 71.5, "Tilastokeskus"),
            (2, "tapiola", "2022-12-31".into(), -0.25, "TEM; työnvälitystilasto"),
            (4, "espoo", "2023-12-31".into(), 1234567.0, "Tilastokeskus 2023"),
        ]
    );
    let comma = "indicator,region,date,value,source\n 1 , espoo ,2022-12-31,\"71,5\",Tilastokeskus\n";
    assert_eq!(parse_csv(comma, &cascade).unwrap().values[0].value, 71.5);
    assert_eq!(parse_file(comma.as_bytes(), &cascade).unwrap().values.len(), 1);
}

#[test]
fn an_empty_file_or_one_without_values_is_refused() {
    for text in ["", "\u{feff}", "\n\n  \n"] {
        assert!(
            one_error(text).reason.to_string().contains("the file is empty"),
            "{text:?}"
        );
    }
    let e = one_error("indicator;region;date;value;source\n;;;;\n");
    assert_eq!((e.line, e.reason), (1, Reason::NoValues));
}

#[test]
fn the_file_is_utf8_or_unambiguous_windows_1252() {
    let read = parse_file(
        b"indicator,region,date,value,source\n1,espoo,2022-12-31,1,L\xe4hde\n",
        &cascade(),
    )
    .unwrap();
    assert_eq!(
        (read.values[0].source.as_str(), read.format.encoding),
        ("Lähde", Encoding::Windows1252)
    );
    let e = parse_file(
        b"indicator,region,date,value,source\n1,espoo,2022-12-31,1,L\x8ahde\n",
        &cascade(),
    )
    .unwrap_err();
    assert_eq!((e.len(), e[0].line), (1, 2));
    assert!(
        e[0].reason.to_string().contains("byte 0x8A means different letters"),
        "{e:?}"
    );
    let utf16 = parse_file(b"\xff\xfei\x00n\x00", &cascade()).unwrap_err();
    assert_eq!(utf16[0].reason, Reason::Utf16);
}

#[test]
fn header_problems_are_all_reported_and_stop_the_rows_being_read() {
    assert_eq!(
        lines("indicator,Region,date,date,amount,\n1,espoo,2022-12-31,2022-12-31,1,\n"),
        [
            "1 Region: unknown column; the columns are indicator, region, date, value, source; column names are lowercase: \"region\"",
            "1 date: the column appears twice (fields 3 and 4)",
            "1 amount: unknown column; the columns are indicator, region, date, value, source",
            "1 -: field 6 of the header is empty (a delimiter too many at the end of the line?)",
            "1 value: the column is missing from the header",
            "1 source: the column is missing from the header",
        ]
    );
    let e = one_error("1,espoo,2022-12-31,71.5,Tilastokeskus\n");
    assert!(
        e.reason.to_string().starts_with("the first line must name the columns"),
        "{e:?}"
    );
}

#[test]
fn rows_with_the_wrong_number_of_fields() {
    assert_eq!(
        lines(&row("1,espoo,2022-12-31,71,5,Tilastokeskus\n1,espoo,2022-12-31")),
        [
            "2 -: the row has 6 field(s) but the header has 5; in a comma-separated file a decimal comma must be quoted (\"71,5\") or written as a point (71.5)",
            "3 -: the row has 3 field(s) but the header has 5",
        ]
    );
}

#[test]
fn unknown_indicators() {
    assert_eq!(
        lines(&row(
            "42,espoo,2022-12-31,1,L\n0,espoo,2022-12-31,1,L\nmittari,espoo,2022-12-31,1,L\n,espoo,2022-12-31,1,L"
        )),
        [
            "2 indicator: no indicator has the id 42",
            "3 indicator: \"0\" is not an indicator id (a whole number from 1)",
            "4 indicator: no indicator has the slug \"mittari\"",
            "5 indicator: is empty: give the indicator's id or slug",
        ]
    );
}

#[test]
fn regions_must_be_reported_for_the_indicator() {
    assert_eq!(
        lines(&row("1,tapiola,2022-12-31,1,L\n2,atlantis,2022-12-31,1,L\n99,atlantis,2022-12-31,1,L\n1,,2022-12-31,1,L")),
        [
            "2 region: indicator 1 (tyollisyysaste) is not reported for \"tapiola\"; its regions are espoo",
            "3 region: unknown region; indicator 2 (tyottomyysaste) is not reported for \"atlantis\"; its regions are espoo, leppavaara, tapiola, matinkyla-olari, espoonlahti, espoon-keskus",
            "4 indicator: no indicator has the id 99",
            "4 region: no region has the slug \"atlantis\"",
            "5 region: is empty: give the region's slug, e.g. espoo",
        ]
    );
}

#[test]
fn dates_must_be_real_and_written_year_first() {
    assert_eq!(
        lines(&row(
            "1,espoo,31.12.2022,1,L\n1,espoo,2022-02-30,1,L\n1,espoo,2022-1-31,1,L\n1,espoo,2918-12-31,1,L\n1,espoo,,1,L\n1,espoo,2022-12-31T00:00,1,L"
        )),
        [
            "2 date: \"31.12.2022\" is written day first, which only a semicolon-separated file (as Finnish Excel saves) may do: write YYYY-MM-DD, e.g. 2018-12-31",
            "3 date: 2022-02-30 is not a date in the calendar",
            "4 date: \"2022-1-31\" is not a date in the form YYYY-MM-DD, e.g. 2018-12-31",
            "5 date: the year of 2918-12-31 is not from 1900 to 2100; a typo?",
            "6 date: is empty: give the date as YYYY-MM-DD, e.g. 2018-12-31",
            "7 date: \"2022-12-31T00:00\" is not a date in the form YYYY-MM-DD, e.g. 2018-12-31",
        ]
    );
    assert_eq!(
        parse_date("2024-02-29", false),
        Ok(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
    );
}

#[test]
fn values_are_plain_finite_numbers() {
    for (text, value) in [
        ("71.5", 71.5),
        ("71,5", 71.5),
        ("-3", -3.0),
        ("+3", 3.0),
        ("\u{2212}0,5", -0.5),
        ("1,234", 1.234),
        ("0", 0.0),
        ("007", 7.0),
    ] {
        assert_eq!(parse_value(text), Ok(value), "{text}");
    }
    for (text, reason) in [
        ("", "is empty: give a number, e.g. 71.5 or 71,5"),
        ("1 234", "\"1 234\" has a thousands separator: write the number without one, e.g. 1234567"),
        ("1\u{a0}234,5", "\"1\\u{a0}234,5\" has a thousands separator: write the number without one, e.g. 1234567"),
        ("1.234,5", "\"1.234,5\" has both a point and a comma: write one decimal separator and no thousands separators, e.g. 1234.5"),
        ("1,234,567", "\"1,234,567\" has more than one ',': write one decimal separator and no thousands separators, e.g. 1234567"),
        ("71,5 %", "\"71,5 %\" has a unit or other text (\"%\"): write only the number"),
        ("280M€", "\"280M€\" has a unit or other text (\"M€\"): write only the number"),
        ("1,23E+05", "\"1,23E+05\" is in scientific notation: write the number out in full"),
        ("NaN", "\"NaN\" is not a finite number"),
        ("-inf", "\"-inf\" is not a finite number"),
        ("abc", "\"abc\" is not a number"),
        ("-", "\"-\" is not a number"),
        ("5.", "\"5.\" needs digits on both sides of its decimal separator, e.g. 0.5"),
        (",5", "\",5\" needs digits on both sides of its decimal separator, e.g. 0.5"),
    ] {
        assert_eq!(parse_value(text).map_err(|r| r.to_string()), Err(reason.to_owned()), "{text}");
    }
    let huge = format!("1{}", "0".repeat(400));
    assert!(parse_value(&huge).unwrap_err().to_string().ends_with("is too large"));
}

#[test]
fn a_value_without_a_source_is_refused() {
    let e = one_error(&row("1,espoo,2022-12-31,1,  "));
    assert_eq!((e.line, e.column.as_deref()), (2, Some("source")));
    assert_eq!(e.reason, Reason::SourceEmpty);
}

#[test]
fn the_same_indicator_region_and_date_twice_names_the_first_line() {
    assert_eq!(
        lines(&row(
            "1,espoo,2022-12-31,1,L\n2,espoo,2022-12-31,1,L\ntyollisyysaste,espoo,2022-12-31,2,M\n1,espoo,2022-12-31,1,L"
        )),
        [
            "4 -: the value of indicator 1 (tyollisyysaste) for espoo on 2022-12-31 is already given on line 2",
            "5 -: the value of indicator 1 (tyollisyysaste) for espoo on 2022-12-31 is already given on line 2",
        ]
    );
}

#[test]
fn every_problem_of_every_row_is_reported_with_its_line() {
    let text = "indicator;region;date;value;source\n\
                1;espoo;2022-12-31;72,5;Tilastokeskus\n\
                99;espoo;2022-12-31;1;\"Lähde\nkahdella rivillä\"\n\
                77;espoo;31.13.2022;1 000;\n";
    assert_eq!(
        lines(text),
        [
            "3 indicator: no indicator has the id 99",
            "5 indicator: no indicator has the id 77",
            "5 date: 31.13.2022 is not a date in the calendar",
            "5 value: \"1 000\" has a thousands separator: write the number without one, e.g. 1234567",
            "5 source: is empty: say where the value comes from, e.g. \"Tilastokeskus, työssäkäyntitilasto\"",
        ]
    );
    let shown = CsvErrors {
        file: "arvot.csv".into(),
        errors: errors(text),
    }
    .to_string();
    assert!(
        shown.starts_with("arvot.csv has 5 problem(s); nothing was imported:\n"),
        "{shown}"
    );
    assert!(
        shown.contains("\n  arvot.csv:5: column value: \"1 000\" has a thousands separator"),
        "{shown}"
    );
}

#[test]
fn reasons_read_in_the_language_of_the_page() {
    let i18n = crate::i18n::I18n::load().unwrap();
    let errors = errors(&row("42,espoo,2022-12-31,71.5 %,L"));
    let in_lang = |lang| -> Vec<String> { errors.iter().map(|e| e.reason.message(&i18n, lang)).collect() };
    assert_eq!(
        in_lang(crate::domain::Lang::Sv),
        [
            "ingen mätare har id 42",
            "\"71.5 %\" har en enhet eller annan text (\"%\"): skriv bara talet"
        ]
    );
    assert_eq!(
        in_lang(crate::domain::Lang::Fi),
        [
            "millään mittarilla ei ole tunnistetta 42",
            "luvussa \"71.5 %\" on yksikkö tai muuta tekstiä (\"%\"): kirjoita pelkkä luku"
        ]
    );
}

#[test]
fn a_workbook_travels_as_csv_that_reads_back_the_same() {
    let cascade = cascade();
    let text = "indicator;region;date;value;source\n1;espoo;31.12.2022;71,5;\"Lähde, \"\"A\"\"\"\n4;espoo;2023-12-31;-0,25;B\n";
    let values = parse_csv(text, &cascade).unwrap().values;
    assert_eq!(parse_csv(&to_csv(&values), &cascade).unwrap().values, values);
}
