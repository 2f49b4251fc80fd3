//! Translation review in the staff pages, on both backends: the queue per language, reviewing in place
//! (the public count of unreviewed texts drops at once), who may, and XLIFF 2.0 round trips and bad files
//! answered with 422, every problem named and nothing changed.

mod common;

use common::browser::{account, signed_in, Browser};
use common::{Backend, TestApp};
use reqwest::header::{CONTENT_TYPE, COOKIE};
use reqwest::StatusCode;
use tarina::domain::access::Role;

const BOUNDARY: &str = "----tarina-xliff-test";

fn multipart(csrf: &str, file: &[u8], reason: &str) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, filename, content) in [
        ("csrf", None, csrf.as_bytes()),
        ("file", Some("sv.xlf"), file),
        ("reason", None, reason.as_bytes()),
    ] {
        body.extend_from_slice(format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes());
        if let Some(filename) = filename {
            body.extend_from_slice(format!("; filename=\"{filename}\"").as_bytes());
        }
        body.extend_from_slice(b"\r\n\r\n");
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn import(app: &TestApp, browser: &Browser, target: &str, file: &[u8]) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/staff/en/translations/import?target={target}")))
        .header(COOKIE, browser.cookie_header())
        .header(CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(multipart(&browser.csrf, file, "käännöstoimisto"))
        .send()
        .await
        .unwrap()
}

/// The unit ids and sources of an exported file, in order.
fn units(xliff: &str) -> Vec<(String, String)> {
    xliff
        .split("<unit id=\"")
        .skip(1)
        .map(|rest| {
            let id = rest.split('"').next().unwrap().to_owned();
            let source = rest
                .split_once("<source xml:space=\"preserve\">")
                .and_then(|(_, s)| s.split_once("</source>"))
                .unwrap()
                .0
                .to_owned();
            (id, source)
        })
        .collect()
}

async fn unreviewed(app: &TestApp, lang: &str) -> u64 {
    app.json("/api/v1/strategy").await["translations"][lang]["unreviewed"]
        .as_u64()
        .unwrap_or(0)
}

async fn reviewing_translations(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "kaantaja@espoo.fi", Role::StrategyEditor, None).await;
    account(&app, "lukija@espoo.fi", Role::Viewer, None).await;
    let mut editor = signed_in(&app, "kaantaja@espoo.fi").await;
    let mut viewer = signed_in(&app, "lukija@espoo.fi").await;

    // Who may: the strategy office; a viewer gets neither the page, the file nor the forms.
    assert_eq!(
        viewer.get(&app, "/staff/fi/translations?target=sv").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        viewer.get(&app, "/staff/fi/translations.xlf?target=sv").await.status(),
        StatusCode::FORBIDDEN
    );
    let page = editor.get(&app, "/staff/fi/translations?target=sv").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(
        editor.get(&app, "/staff/fi/translations?target=fi").await.status(),
        StatusCode::NOT_FOUND
    );

    // The queue per language, as the export lists it.
    let exported = editor.get(&app, "/staff/fi/translations.xlf?target=sv").await;
    assert_eq!(exported.status(), StatusCode::OK);
    let sv = exported.text().await.unwrap();
    assert!(sv.contains("srcLang=\"fi\" trgLang=\"sv\""), "{sv}");
    let sv_units = units(&sv);
    assert!(!sv_units.is_empty(), "the seeded strategy has Swedish texts to review");
    let en = editor
        .get(&app, "/staff/fi/translations.xlf?target=en")
        .await
        .text()
        .await
        .unwrap();
    assert!(en.contains("trgLang=\"en\""));
    let before = unreviewed(&app, "sv").await;

    // The page shows the queue 25 texts at a time, in the export's order; a page past the end is the last.
    let ids_on = |html: &str| -> Vec<String> {
        html.split("name=\"id\" value=\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap().to_owned())
            .collect()
    };
    let first = page.text().await.unwrap();
    assert!(first.contains(&format!("({})", sv_units.len())), "the queue's size");
    let exported: Vec<String> = sv_units.iter().map(|(id, _)| id.replace("&amp;", "&")).collect();
    assert_eq!(ids_on(&first), exported[..25.min(exported.len())]);
    if exported.len() > 25 {
        let second = editor
            .get(&app, "/staff/fi/translations?target=sv&page=2")
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(ids_on(&second), exported[25..50.min(exported.len())]);
        let last = exported.len().div_ceil(25);
        let beyond = editor
            .get(&app, "/staff/fi/translations?target=sv&page=999")
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(ids_on(&beyond), exported[(last - 1) * 25..]);
        assert!(
            beyond.contains(&format!("page={last}\" aria-current=\"page\"")),
            "{beyond}"
        );
    }

    // Reviewing in place: the text leaves the queue, the public count drops at once.
    let (id, source) = sv_units[0].clone();
    let source = source
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'");
    let form = [
        ("id", id.as_str()),
        ("source", source.as_str()),
        ("text", "Granskad text"),
        ("reason", "granskning"),
    ];
    let viewer_post = viewer.submit(&app, "/staff/fi/translations?target=sv", &form).await;
    assert_eq!(viewer_post.status(), StatusCode::FORBIDDEN);
    let saved = editor.submit(&app, "/staff/fi/translations?target=sv", &form).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let after = editor
        .get(&app, "/staff/fi/translations.xlf?target=sv")
        .await
        .text()
        .await
        .unwrap();
    assert!(!after.contains(&format!("<unit id=\"{id}\"")), "{id} left the queue");
    if id.starts_with("s:") {
        let now = unreviewed(&app, "sv").await;
        assert!(now < before || before == 0, "unreviewed {before} -> {now}");
    }

    // Bad files: every problem named, 422, nothing changed.
    let (id2, source2) = sv_units[1].clone();
    let bad = [
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"fi\" trgLang=\"sv\"><file id=\"f\">\
         <unit id=\"s:goal:99999:title\"><segment><source>x</source><target>y</target></segment></unit></file></xliff>"
            .to_owned(),
        format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"fi\" trgLang=\"en\"><file id=\"f\">\
             <unit id=\"{id2}\"><segment><source>{source2}</source><target>y</target></segment></unit></file></xliff>"
        ),
        format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"fi\" trgLang=\"sv\"><file id=\"f\">\
             <unit id=\"{id2}\"><segment><source>{source2}</source><target>y</segment></unit></file></xliff>"
        ),
        format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"fi\" trgLang=\"sv\"><file id=\"f\">\
             <unit id=\"{id2}\"><segment><source>{source2}</source><target>a <pc id=\"1\">b</pc></target></segment></unit></file></xliff>"
        ),
    ];
    let expected = [
        "There is no text s:goal:99999:title",
        "trgLang) is en",
        "not well-formed XML",
        "contains markup (pc)",
    ];
    for (file, needle) in bad.iter().zip(expected) {
        let answer = import(&app, &editor, "sv", file.as_bytes()).await;
        assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY, "{needle}");
        let html = answer.text().await.unwrap();
        assert!(html.contains(needle), "{needle}: {html}");
    }
    let unchanged = editor
        .get(&app, "/staff/fi/translations.xlf?target=sv")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(unchanged, after, "a bad file changes nothing");
    // The export sent back as it was: unfinished translations (state "translated") and missing ones stay
    // in the queue.
    let answer = import(&app, &editor, "sv", after.as_bytes()).await;
    assert_eq!(answer.headers()["location"], "/staff/en/translations?target=sv&done=0");
    assert_eq!(
        editor
            .get(&app, "/staff/fi/translations.xlf?target=sv")
            .await
            .text()
            .await
            .unwrap(),
        after
    );

    // The round trip: the agency fills in one unit of the exported queue; it comes back reviewed, by the
    // importer, with the reason in the audit log.
    let file = with_target(&after, &id2, "Översatt &amp; granskad");
    let answer = import(&app, &editor, "sv", file.as_bytes()).await;
    assert_eq!(
        answer.status(),
        StatusCode::SEE_OTHER,
        "{}",
        answer.text().await.unwrap()
    );
    assert_eq!(
        answer.headers()["location"],
        "/staff/en/translations?target=sv&done=1",
        "only the filled-in unit is stored"
    );
    let later = editor
        .get(&app, "/staff/fi/translations.xlf?target=sv")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !later.contains(&format!("<unit id=\"{id2}\"")),
        "{id2} left the queue after the import"
    );
    let all = editor
        .get(&app, "/staff/fi/translations.xlf?target=sv&all=1")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        all.contains("Översatt &amp; granskad"),
        "stored, and escaped again on the way out"
    );
    let store = app.db.store().await;
    let entry = store.audit_entries(&Default::default(), 1, 0).await.unwrap().remove(0);
    assert_eq!(
        (entry.action.as_str(), entry.reason.as_str(), entry.subject.as_str()),
        (
            "translation.review",
            "käännöstoimisto",
            format!("text:{id2}:sv").as_str()
        )
    );
    assert!(entry.after_json.unwrap().contains("Översatt & granskad"));
}

/// `file` (an exported XLIFF document) with unit `id`'s target set to `target` (already escaped) and its
/// segment marked final, as a translator's tool marks a finished one.
fn with_target(file: &str, id: &str, target: &str) -> String {
    let open = format!("<unit id=\"{id}\">");
    let start = file.find(&open).unwrap();
    let end = start + file[start..].find("</unit>").unwrap();
    let source = start + file[start..end].find("<source").unwrap();
    let source_end = start + file[start..end].find("</source>").unwrap() + "</source>".len();
    format!(
        "{}{open}\n<segment state=\"final\">\n{}\n<target xml:space=\"preserve\">{target}</target>\n</segment>\n{}",
        &file[..start],
        &file[source..source_end],
        &file[end..]
    )
}

on_both_backends!(reviewing_translations);
