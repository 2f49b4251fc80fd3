//! `tarina indicators import` reads what spreadsheets in a Finnish locale save: Windows-1252 or UTF-8,
//! semicolons, decimal commas and dates as 31.12.2018, says which format it read, and refuses a file whose
//! format cannot be told, writing nothing. An Excel workbook is told by its content and read the same way.

mod common;

use std::path::PathBuf;
use std::process::Output;

use common::{Backend, TestDb};
use tarina::domain::cascade::Cascade;
use tarina::domain::{IndicatorId, Slug};

async fn seeded(backend: Backend) -> Option<TestDb> {
    let db = TestDb::new(backend).await?;
    let output = common::tarina(&db.url, &["seed"]);
    assert!(output.status.success(), "{output:?}");
    Some(db)
}

fn import(db: &TestDb, name: &str, bytes: &[u8]) -> (PathBuf, Output) {
    let file = db.dir().join(name);
    std::fs::write(&file, bytes).unwrap();
    let output = common::tarina(&db.url, &["indicators", "import", file.to_str().unwrap()]);
    (file, output)
}

async fn cascade(db: &TestDb) -> Cascade {
    db.store().await.cascade("espoo").await.unwrap()
}

fn value(cascade: &Cascade, indicator: u32, date: &str) -> Option<(f64, String)> {
    let series = cascade
        .indicator(IndicatorId::new(indicator).unwrap())?
        .series(&Slug::parse("espoo").unwrap())?;
    let m = series.values.iter().find(|m| m.date.to_string() == date)?;
    Some((m.value, m.provenance.source.fi.clone()))
}

async fn a_finnish_excel_file_in_windows_1252_is_read_and_its_format_reported(backend: Backend) {
    let Some(db) = seeded(backend).await else { return };
    // Excel's plain "CSV (semicolon-separated)" in a Finnish locale: Windows-1252 (ö = 0xF6, ä = 0xE4),
    // CRLF, decimal commas, dates day first.
    let (file, output) = import(
        &db,
        "excel-fi.csv",
        b"indicator;region;date;value;source\r\n\
          tyollisyysaste;espoo;31.12.2023;74,6;Tilastokeskus, ty\xf6ss\xe4k\xe4yntitilasto (ennakko)\r\n\
          2;espoo;1.6.2024;6,9;TEM\r\n\
          ;;;;\r\n",
    );
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let f = file.display();
    assert!(
        stdout.contains(&format!(
            "{f}: read as Windows-1252, semicolon-separated, decimal commas, dates as 31.12.2018"
        )),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("{f}: 2 value(s) read; 2 added")), "{stdout}");
    let after = cascade(&db).await;
    assert_eq!(
        value(&after, 1, "2023-12-31"),
        Some((74.6, "Tilastokeskus, työssäkäyntitilasto (ennakko)".into()))
    );
    assert_eq!(value(&after, 2, "2024-06-01"), Some((6.9, "TEM".into())));
}

async fn a_file_whose_format_cannot_be_told_is_refused_and_nothing_written(backend: Backend) {
    let Some(db) = seeded(backend).await else { return };
    let before = cascade(&db).await;
    let cases: [(&str, &[u8], &str); 5] = [
        // 0xA4 is € in ISO 8859-15 and ¤ in Windows-1252.
        (
            "euro.csv",
            b"indicator;region;date;value;source\n6;espoo;31.12.2023;280;Tilinp\xe4\xe4t\xf6s, \xa4\n",
            ":2: the file is not UTF-8, and byte 0xA4 means different letters",
        ),
        // Saved twice in two encodings: UTF-8 ä on line 2, a Windows-1252 ä on line 3.
        (
            "mixed.csv",
            b"indicator;region;date;value;source\n1;espoo;31.12.2023;74,6;L\xc3\xa4hde\n1;espoo;31.12.2022;74,2;L\xe4hde\n",
            ":3: the file mixes encodings: line 2 has UTF-8 letters",
        ),
        // 1.234 is a decimal only if the file writes decimals with points, and it writes them with commas.
        (
            "thousand.csv",
            b"indicator;region;date;value;source\n4;espoo;31.12.2023;330,5;TK\n4;espoo;31.12.2022;1.234;TK\n",
            ":3: column value: \"1.234\" could be a decimal or a thousand, because the file writes decimals with the other separator (line 2)",
        ),
        // Day first in a comma-separated file could come from anywhere: 03.04.2023 is March or April.
        (
            "us.csv",
            b"indicator,region,date,value,source\n1,espoo,03.04.2023,74.6,TK\n",
            ":2: column date: \"03.04.2023\" is written day first, which only a semicolon-separated file",
        ),
        (
            "both.csv",
            b"indicator;region,date;value;source\n1;espoo;31.12.2023;74,6;TK\n",
            ":1: the header has both semicolons and commas",
        ),
    ];
    for (name, bytes, expected) in cases {
        let (_, output) = import(&db, name, bytes);
        assert_eq!(output.status.code(), Some(1), "{name}: {output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{name}: missing {expected:?} in {stderr}");
    }
    assert_eq!(
        cascade(&db).await,
        before,
        "all or nothing: the good rows were not written either"
    );
}

async fn an_xlsx_workbook_is_read_whatever_its_name(backend: Backend) {
    let Some(db) = seeded(backend).await else { return };
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (column, name) in ["indicator", "region", "date", "value", "source"].iter().enumerate() {
        sheet.write_string(0, column as u16, *name).unwrap();
    }
    let day = rust_xlsxwriter::Format::new().set_num_format("d.m.yyyy");
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2023, 12, 31).unwrap();
    sheet.write_string(1, 0, "tyollisyysaste").unwrap();
    sheet.write_string(1, 1, "espoo").unwrap();
    sheet.write_datetime_with_format(1, 2, date, &day).unwrap();
    sheet.write_number(1, 3, 74.6).unwrap();
    sheet.write_string(1, 4, "Tilastokeskus").unwrap();
    sheet.write_number(2, 0, 2).unwrap();
    sheet.write_string(2, 1, "espoo").unwrap();
    sheet.write_string(2, 2, "1.6.2024").unwrap();
    sheet.write_string(2, 3, "6,9").unwrap();
    sheet.write_string(2, 4, "TEM").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let (file, output) = import(&db, "arvot.dat", &bytes);
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let f = file.display();
    assert!(
        stdout.contains(&format!(
            "{f}: read as an XLSX workbook, text cells with decimal commas and dates as 31.12.2018"
        )),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("{f}: 2 value(s) read; 2 added")), "{stdout}");
    let after = cascade(&db).await;
    assert_eq!(value(&after, 1, "2023-12-31"), Some((74.6, "Tilastokeskus".into())));
    assert_eq!(value(&after, 2, "2024-06-01"), Some((6.9, "TEM".into())));

    // A bad row names the row the sheet shows; nothing is written.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (column, name) in ["indicator", "region", "date", "value", "source"].iter().enumerate() {
        sheet.write_string(2, column as u16, *name).unwrap();
    }
    for (column, text) in ["1", "espoo", "2025-12-31", "1", "A"].iter().enumerate() {
        sheet.write_string(3, column as u16, *text).unwrap();
    }
    for (column, text) in ["1", "espoo", "2025-12-31", "abc", "B"].iter().enumerate() {
        sheet.write_string(4, column as u16, *text).unwrap();
    }
    let (_, output) = import(&db, "huono.xlsx", &book.save_to_buffer().unwrap());
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("huono.xlsx:5: column value: \"abc\" is not a number"),
        "{stderr}"
    );
    assert_eq!(cascade(&db).await, after, "all or nothing");
}

on_both_backends!(
    a_finnish_excel_file_in_windows_1252_is_read_and_its_format_reported,
    a_file_whose_format_cannot_be_told_is_refused_and_nothing_written,
    an_xlsx_workbook_is_read_whatever_its_name,
);
