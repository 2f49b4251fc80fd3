//! Uploading a file of indicator values in the staff pages, on both backends: CSV (comma or semicolon with
//! decimal commas) and XLSX read by the same parser as `tarina indicators import`, all rows or none; every
//! problem listed in the page's language with its line and column, markup shown as text; another
//! organisation's indicator refused row by row; viewers and requests without the form token refused; the
//! values on the public pages afterwards and the write in the audit log with its reason.

mod common;

use common::browser::{account, signed_in, Browser};
use common::{Backend, TestApp};
use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION};
use reqwest::StatusCode;
use tarina::domain::access::policy::{indicator_owners, is_within};
use tarina::domain::access::Role;

const BOUNDARY: &str = "----tarina-upload-test";

/// A multipart form body as a browser sends it: the fields in order, the file with its name.
fn multipart(csrf: Option<&str>, file: Option<(&str, &[u8])>, reason: &str) -> Vec<u8> {
    let mut body = Vec::new();
    let mut part = |name: &str, filename: Option<&str>, content: &[u8]| {
        body.extend_from_slice(format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes());
        if let Some(filename) = filename {
            body.extend_from_slice(
                format!("; filename=\"{filename}\"\r\nContent-Type: application/octet-stream").as_bytes(),
            );
        }
        body.extend_from_slice(b"\r\n\r\n");
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    };
    if let Some(csrf) = csrf {
        part("csrf", None, csrf.as_bytes());
    }
    match file {
        Some((name, bytes)) => part("file", Some(name), bytes),
        // No file chosen: browsers send an empty part without a name.
        None => part("file", Some(""), b""),
    }
    part("reason", None, reason.as_bytes());
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn send(app: &TestApp, browser: &Browser, lang: &str, body: Vec<u8>) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/staff/{lang}/indicators/upload")))
        .header(COOKIE, browser.cookie_header())
        .header(CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn upload(
    app: &TestApp,
    browser: &Browser,
    lang: &str,
    name: &str,
    bytes: &[u8],
    reason: &str,
) -> reqwest::Response {
    send(
        app,
        browser,
        lang,
        multipart(Some(&browser.csrf), Some((name, bytes)), reason),
    )
    .await
}

/// A workbook like one a person saves from Excel: typed numbers and dates, a text source.
fn workbook(indicator: u32, region: &str, value: f64) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (column, name) in ["indicator", "region", "date", "value", "source"].iter().enumerate() {
        sheet.write_string(0, column as u16, *name).unwrap();
    }
    let date = rust_xlsxwriter::Format::new().set_num_format("d.m.yyyy");
    sheet.write_number(1, 0, indicator).unwrap();
    sheet.write_string(1, 1, region).unwrap();
    sheet
        .write_datetime_with_format(
            1,
            2,
            rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 12, 31).unwrap(),
            &date,
        )
        .unwrap();
    sheet.write_number(1, 3, value).unwrap();
    sheet.write_string(1, 4, "Tilastokeskus, Excel").unwrap();
    book.save_to_buffer().unwrap()
}

async fn uploads_recorded_all_or_nothing(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let store = app.db.store().await;
    let strategy = store.current_strategy().await.unwrap().unwrap();
    let outline = store.cascade_outline(strategy.city.slug.as_str()).await.unwrap();
    let (organisation, own) = outline
        .targets
        .iter()
        .find_map(|t| t.indicators.first().map(|i| (t.organisation.clone(), *i)))
        .expect("a target with an indicator");
    let foreign = outline
        .indicators
        .iter()
        .find(|i| {
            let owners = indicator_owners(&outline, i.id);
            !owners.is_empty()
                && !owners
                    .iter()
                    .any(|o| is_within(o, &organisation, &outline.organisations))
        })
        .expect("an indicator of another organisation");
    let (foreign, foreign_region) = (foreign.id, foreign.regions[0].to_string());
    let indicator = outline.indicator(own).unwrap();
    let (region, slug) = (indicator.regions[0].to_string(), indicator.slug.to_string());
    account(
        &app,
        "osasto@espoo.fi",
        Role::DepartmentEditor,
        Some(organisation.as_str()),
    )
    .await;
    account(&app, "lukija@espoo.fi", Role::Viewer, None).await;
    let mut editor = signed_in(&app, "osasto@espoo.fi").await;

    let list = editor.get(&app, "/staff/fi/indicators").await.text().await.unwrap();
    assert!(
        list.contains("href=\"/staff/fi/indicators/upload\""),
        "the list links to the upload page"
    );
    let form = editor.get(&app, "/staff/sv/indicators/upload").await;
    assert_eq!(form.status(), StatusCode::OK);
    let form = form.text().await.unwrap();
    assert!(form.contains("enctype=\"multipart/form-data\"") && form.contains("type=\"file\""));

    // UTF-8, comma-separated; markup in a field is kept as text.
    let csv = format!("indicator,region,date,value,source\n{own},{region},2024-12-31,1234.5,Lataus <b>lähde</b>\n");
    let recorded = upload(&app, &editor, "fi", "arvot.csv", csv.as_bytes(), "vuoden 2024 luvut").await;
    assert_eq!(recorded.status(), StatusCode::SEE_OTHER);
    let done = recorded.headers()[LOCATION].to_str().unwrap().to_owned();
    assert_eq!(done, "/staff/fi/indicators/upload?added=1&changed=0&unchanged=0");
    let page = editor.get(&app, &done).await.text().await.unwrap();
    assert!(
        page.contains("Tiedosto kirjattiin: 1 arvo(a) lisättiin, 0 muuttui, 0 ennallaan."),
        "{page}"
    );
    let api = format!("/api/v1/indicators/{own}?from=2024-12-31&to=2024-12-31");
    assert_eq!(app.json(&api).await["values"][0]["value"], 1234.5);
    let public = app
        .get(&format!("/fi/mittarit/{own}-{slug}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        public.contains("Lataus &lt;b&gt;lähde&lt;/b&gt;"),
        "the value is on the public page"
    );
    let entry = store.audit_entries(&Default::default(), 1, 0).await.unwrap().remove(0);
    assert_eq!(
        (entry.action.as_str(), entry.subject.clone(), entry.reason.as_str()),
        ("values.record", format!("indicator:{own}"), "vuoden 2024 luvut")
    );
    assert!(entry.actor.starts_with("user:"), "{}", entry.actor);

    // Semicolons, decimal commas and day-first dates, as a Finnish Excel saves: one new, one the same.
    let csv = format!(
        "\u{feff}indicator;region;date;value;source\r\n{own};{region};31.12.2023;71,5;TEM\r\n\
         {own};{region};2024-12-31;1234,5;Lataus <b>lähde</b>\r\n"
    );
    let recorded = upload(&app, &editor, "fi", "arvot.csv", csv.as_bytes(), "korjaus").await;
    assert_eq!(
        recorded.headers()[LOCATION],
        "/staff/fi/indicators/upload?added=1&changed=0&unchanged=1"
    );

    // A workbook: typed numbers and a date cell; its value replaces the one recorded before.
    let recorded = upload(
        &app,
        &editor,
        "en",
        "arvot.xlsx",
        &workbook(own.get(), &region, 99.25),
        "Excel",
    )
    .await;
    assert_eq!(
        recorded.headers()[LOCATION],
        "/staff/en/indicators/upload?added=0&changed=1&unchanged=0"
    );
    assert_eq!(app.json(&api).await["values"][0]["value"], 99.25);

    // Every problem of every row, in Swedish; another organisation's indicator is one of them; nothing written.
    let bad = format!(
        "indicator;region;date;value;source\n\
         {own};{region};2025-12-31;1;ok\n\
         999999;{region};2025-13-01;71,5 %;<script>alert(1)</script>\n\
         {foreign};{foreign_region};2025-12-31;2;x\n\
         {own};<img src=x>;2025-12-31;3;\n"
    );
    let refused = upload(&app, &editor, "sv", "fel.csv", bad.as_bytes(), "försök").await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = refused.text().await.unwrap();
    for expected in [
        "Filen har 6 problem. Ingenting registrerades.",
        "ingen mätare har id 999999",
        "2025-13-01 är inte ett datum i kalendern",
        "&quot;71,5 %&quot; har en enhet eller annan text",
        &format!("du får inte registrera värden för mätare {foreign}"),
        "okänt område; mätare",
        "&lt;img src=x&gt;",
        "är tomt: ange varifrån värdet kommer",
        "value=\"försök\"",
    ] {
        assert!(page.contains(expected), "{expected} in {page}");
    }
    assert!(
        !page.contains("<img src=x>") && !page.contains("<script>alert"),
        "markup is shown as text"
    );
    assert!(page.contains("<td>3</td><td>indicator</td>") && page.contains("<td>5</td><td>source</td>"));
    let none = format!("/api/v1/indicators/{own}?from=2025-01-01&to=2025-12-31");
    assert_eq!(
        app.json(&none).await["values"],
        serde_json::json!([]),
        "nothing was written"
    );

    // Files that are no values file at all, an empty one, none, and a form without a reason.
    for (lang, name, bytes, expected) in [
        ("fi", "tyhja.csv", &b""[..], "tiedosto on tyhjä"),
        (
            "fi",
            "kuva.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            "tiedosto on PNG-tiedosto eikä CSV tai XLSX",
        ),
        (
            "en",
            "scan.pdf",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
            "the file is a PDF file, not CSV or XLSX",
        ),
        (
            "sv",
            "rikki.xlsx",
            b"PK\x03\x04\x14\0\0\0",
            "filen är inte en läsbar Excel-arbetsbok",
        ),
    ] {
        let response = upload(&app, &editor, lang, name, bytes, "syy").await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        let page = response.text().await.unwrap();
        assert!(page.contains(expected), "{expected} in {page}");
    }
    let nothing = send(&app, &editor, "fi", multipart(Some(&editor.csrf), None, "")).await;
    assert_eq!(nothing.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = nothing.text().await.unwrap();
    assert!(page.contains("Valitse ladattava CSV- tai XLSX-tiedosto.") && page.contains("Kirjoita syy"));
    let no_reason = upload(&app, &editor, "fi", "arvot.csv", bad.as_bytes(), " ").await;
    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = no_reason.text().await.unwrap();
    assert!(page.contains("Kirjoita syy") && page.contains("millään mittarilla ei ole tunnistetta 999999"));

    // Larger than the page takes: a clear message, nothing read.
    let huge = vec![b'x'; 20 * 1024 * 1024 + 1];
    let too_large = upload(&app, &editor, "en", "huge.csv", &huge, "big").await;
    assert_eq!(too_large.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(too_large
        .text()
        .await
        .unwrap()
        .contains("The file is larger than 20 MiB."));
    let way_too_large = upload(&app, &editor, "en", "huge.csv", &vec![b'x'; 22 * 1024 * 1024], "big").await;
    assert_eq!(way_too_large.status(), StatusCode::PAYLOAD_TOO_LARGE);

    // Without the form token, or with another's, nothing is read.
    let csv = format!("indicator,region,date,value,source\n{own},{region},2026-12-31,1,x\n");
    let file = Some(("arvot.csv", csv.as_bytes()));
    assert_eq!(
        send(&app, &editor, "fi", multipart(None, file, "syy")).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&app, &editor, "fi", multipart(Some("väärä"), file, "syy"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    // A viewer records nothing, and does not get the page.
    let viewer = signed_in(&app, "lukija@espoo.fi").await;
    let mut viewer_browser = viewer.clone();
    assert_eq!(
        viewer_browser.get(&app, "/staff/fi/indicators/upload").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        upload(&app, &viewer, "fi", "arvot.csv", csv.as_bytes(), "syy")
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let later = format!("/api/v1/indicators/{own}?from=2026-01-01&to=2026-12-31");
    assert_eq!(app.json(&later).await["values"], serde_json::json!([]));
}

on_both_backends!(uploads_recorded_all_or_nothing);
