//! Strategy versions and the differences between them, over HTTP and on the command line: a second version
//! made by the test from a copy of the bundled data (labelled as a test, never as a decision of the city) is
//! compared with the bundled 1.1; drafts stay out of the public API; unknown labels are 404.

mod common;

use common::tarina;
use common::versions::{replace_once, seed, with_test_version, write_version, AREA_1};
use common::Backend;
use serde_json::{json, Value};

/// The items of a diff as (item, key, change).
fn summary(diff: &Value) -> Vec<(String, String, String)> {
    let text = |v: &Value| v.as_str().unwrap().to_owned();
    diff["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (text(&i["item"]), text(&i["key"]), text(&i["change"])))
        .collect()
}

fn triple(item: &str, key: &str, change: &str) -> (String, String, String) {
    (item.into(), key.into(), change.into())
}

async fn the_diff_of_two_versions_marks_changed_words_moves_and_additions(backend: Backend) {
    let Some(app) = with_test_version(backend).await else {
        return;
    };
    let diff = app.json("/api/v1/versions/1.1/diff/1.2-test").await;
    assert_eq!(
        (diff["from"].as_str(), diff["to"].as_str()),
        (Some("1.1"), Some("1.2-test"))
    );
    assert_eq!(
        summary(&diff),
        [
            triple("goal", "1", "changed"),
            triple("goal", "2", "moved"),
            triple("action", "9001", "added")
        ]
    );
    let [changed, moved, added] = &diff["items"].as_array().unwrap()[..] else {
        unreachable!()
    };
    let title = &changed["fields"][0];
    assert_eq!(title["field"], "title");
    assert_eq!(
        (&title["sv"], &title["en"]),
        (&Value::Null, &Value::Null),
        "only Finnish changed"
    );
    assert_eq!(title["fi"]["change"], "changed");
    let marked: Vec<(&str, &str)> = title["fi"]["segments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] != "equal")
        .map(|s| (s["kind"].as_str().unwrap(), s["text"].as_str().unwrap()))
        .collect();
    assert_eq!(
        marked,
        [("deleted", "osallistumisaste"), ("inserted", "osallistumisprosentti")]
    );
    assert_eq!(
        moved["moved"],
        json!({"from_parent": "1", "to_parent": "2", "from_position": 2, "to_position": 6})
    );
    assert_eq!(moved["fields"], json!([]), "the moved goal's texts are the same");
    assert_eq!(added["fields"][0]["fi"]["change"], "added");
    assert_eq!(
        added["fields"][0]["fi"]["segments"],
        json!([{"kind": "inserted", "text": "Testitoimenpide, ei kaupungin päätös."}])
    );
    assert_eq!(added["fields"][0]["sv"], Value::Null);

    let back = app.json("/api/v1/versions/1.2-test/diff/1.1").await;
    assert_eq!(
        summary(&back),
        [
            triple("goal", "1", "changed"),
            triple("goal", "2", "moved"),
            triple("action", "9001", "removed")
        ]
    );
    let same = app.json("/api/v1/versions/1.1/diff/1.1").await;
    assert_eq!(same["items"], json!([]));

    let path = "/api/v1/versions/1.1/diff/1.2-test";
    let first = app.get(path).await;
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    let again = app.get_with(path, "If-None-Match", &etag).await;
    assert_eq!(again.status(), 304, "a client revalidates a diff with its ETag");
}

async fn versions_are_listed_and_each_is_readable_whole(backend: Backend) {
    let Some(app) = with_test_version(backend).await else {
        return;
    };
    let versions = app.json("/api/v1/versions").await;
    let listed: Vec<(&str, bool)> = versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["label"].as_str().unwrap(), v["current"].as_bool().unwrap()))
        .collect();
    // The test version is approved on the same day as 1.1 and stored later, so it is the current one.
    assert_eq!(listed, [("1.1", false), ("1.2-test", true)]);
    assert_eq!(versions[0]["approved_on"], "2017-09-11");
    assert_eq!(versions[0]["status"], "approved");

    let old = app.json("/api/v1/versions/1.1/strategy").await;
    let new = app.json("/api/v1/versions/1.2-test/strategy").await;
    assert_eq!(
        (old["version"].as_str(), new["version"].as_str()),
        (Some("1.1"), Some("1.2-test"))
    );
    let goal_ids = |s: &Value, area: usize| -> Vec<u64> {
        s["areas"][area]["goals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["id"].as_u64().unwrap())
            .collect()
    };
    assert!(goal_ids(&old, 0).contains(&2) && !goal_ids(&new, 0).contains(&2));
    assert_eq!(goal_ids(&new, 1).last(), Some(&2));
    let current = app.json("/api/v1/strategy").await;
    assert_eq!(
        current["areas"], new["areas"],
        "a version reads as the current strategy does"
    );
}

async fn unknown_and_malformed_labels_are_404_problems(backend: Backend) {
    let Some(app) = with_test_version(backend).await else {
        return;
    };
    let long = "9".repeat(300);
    for path in [
        "/api/v1/versions/9.9/strategy".to_owned(),
        "/api/v1/versions/9.9/diff/1.1".to_owned(),
        "/api/v1/versions/1.1/diff/9.9".to_owned(),
        "/api/v1/versions/1.1%27%3B%20DROP%20TABLE%20texts%3B--/strategy".to_owned(),
        "/api/v1/versions/%25/diff/_".to_owned(),
        "/api/v1/versions/%00/strategy".to_owned(),
        format!("/api/v1/versions/{long}/diff/1.1"),
    ] {
        let response = app.get_with(&path, "Accept-Language", "sv").await;
        assert_eq!(response.status(), 404, "GET {path}");
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json",
            "GET {path}"
        );
        let problem: Value = response.json().await.unwrap();
        let detail = problem["detail"].as_str().unwrap();
        assert!(detail.starts_with("Det finns ingen publicerad version"), "{detail}");
        assert!(detail.len() < 120, "the label is cut short in the message: {detail}");
    }
    for path in ["/api/v1/versions/1.1/diff", "/api/v1/versions/1.1/diff/1.2-test/extra"] {
        assert_eq!(app.get(path).await.status(), 404, "GET {path}");
    }
    // The store still answers: nothing above reached further than a lookup.
    assert_eq!(app.json("/api/v1/versions").await.as_array().unwrap().len(), 2);
}

async fn drafts_are_not_public_but_the_command_line_compares_them(backend: Backend) {
    let Some(app) = with_test_version(backend).await else {
        return;
    };
    for (label, status) in [
        ("1.3-draft-test", "draft"),
        ("1.3-review-test", "review"),
        ("1.0-superseded-test", "superseded"),
    ] {
        let dir = app.db.dir().join(label);
        write_version(&dir, |path, text| match path {
            "strategy.toml" => replace_once(
                &text,
                "version = \"1.1\"\n",
                &format!("version = \"{label}\"\nstatus = \"{status}\"\n"),
            ),
            AREA_1 => replace_once(
                &text,
                "title.fi = \"Espoon oppimistulokset",
                "title.fi = \"Espoon testitulokset",
            ),
            _ => text,
        });
        seed(&app, &dir);
    }
    let versions = app.json("/api/v1/versions").await;
    let listed: Vec<(&str, &str, bool)> = versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["label"].as_str().unwrap(),
                v["status"].as_str().unwrap(),
                v["current"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("1.1", "approved", false),
            ("1.2-test", "approved", true),
            ("1.0-superseded-test", "superseded", false)
        ],
        "a superseded version is public, drafts and versions under review are not"
    );
    assert_eq!(
        app.get("/api/v1/versions/1.0-superseded-test/strategy").await.status(),
        200
    );
    for path in [
        "/api/v1/versions/1.3-draft-test/strategy",
        "/api/v1/versions/1.1/diff/1.3-draft-test",
        "/api/v1/versions/1.3-draft-test/diff/1.1",
        "/api/v1/versions/1.3-review-test/strategy",
        "/api/v1/versions/1.3-review-test/diff/1.2-test",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "GET {path}");
        let body = response.text().await.unwrap();
        assert!(
            !body.contains("testitulokset"),
            "GET {path}: nothing of the draft shows"
        );
    }
    let current = app.db.store().await.current_strategy().await.unwrap().unwrap();
    assert_eq!(current.version, "1.2-test", "a draft never becomes current");

    let output = tarina(&app.db.url, &["diff", "1.1", "1.3-draft-test"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("goal 2 changed"), "{stdout}");
    assert!(
        stdout.contains("title [fi]: Espoon [-oppimistulokset-]{+testitulokset+}"),
        "{stdout}"
    );
}

async fn the_command_line_prints_the_diff_and_refuses_unknown_labels(backend: Backend) {
    let Some(app) = with_test_version(backend).await else {
        return;
    };
    let output = tarina(&app.db.url, &["diff", "1.1", "1.2-test"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "diff 1.1 → 1.2-test: 3 item(s) differ", "{stdout}");
    assert!(
        stdout.contains("\ngoal 1 changed: Varhaiskasvatus on laadukasta"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  title [fi]: Varhaiskasvatus on laadukasta ja varhaiskasvatuksen [-osallistumisaste-]{+osallistumisprosentti+} nousee.\n"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("title [sv]") && !stdout.contains("title [en]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\ngoal 2 moved: area 1, position 2 → area 2, position 6\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\naction 9001 added: Testitoimenpide, ei kaupungin päätös.\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  title [fi]: {+Testitoimenpide, ei kaupungin päätös.+}\n"),
        "{stdout}"
    );

    let same = tarina(&app.db.url, &["diff", "1.2-test", "1.2-test"]);
    assert!(same.status.success());
    assert_eq!(
        String::from_utf8(same.stdout).unwrap(),
        "diff 1.2-test → 1.2-test: no differences\n"
    );

    for args in [["diff", "1.1", "9.9"], ["diff", "", "1.1"]] {
        let output = tarina(&app.db.url, &args);
        assert!(!output.status.success(), "{args:?} must fail");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let label = if args[1].is_empty() { "\"\"" } else { "\"9.9\"" };
        assert!(
            stderr.contains(&format!("holds no strategy version {label}")),
            "{stderr}"
        );
        assert!(stderr.contains("it holds: 1.1, 1.2-test"), "{stderr}");
        assert!(output.stdout.is_empty(), "nothing is printed as a diff");
    }
    let missing_argument = tarina(&app.db.url, &["diff", "1.1"]);
    assert!(!missing_argument.status.success());
}

async fn the_openapi_document_describes_the_versions_api(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let doc = app.json("/api/v1/openapi.json").await;
    for path in [
        "/api/v1/versions",
        "/api/v1/versions/{label}/strategy",
        "/api/v1/versions/{from}/diff/{to}",
    ] {
        assert!(doc["paths"][path]["get"].is_object(), "{path} is documented");
    }
    let responses = &doc["paths"]["/api/v1/versions/{from}/diff/{to}"]["get"]["responses"];
    assert!(responses["404"].is_object(), "the diff documents its 404");
    assert!(doc["components"]["schemas"]["DiffDto"].is_object());
}

async fn the_diff_page_marks_words_for_every_reader(backend: Backend) {
    let Some(app) = with_test_version(backend).await else {
        return;
    };
    let html = app.html("/fi/versiot/1.1/ero/1.2-test").await;
    assert!(html.contains("<h1>Strategian muutokset 1.1 → 1.2-test</h1>"), "{html}");
    assert!(
        html.contains(concat!(
            r#"<del><span class="visually-hidden" lang="fi">poistettu: </span>osallistumisaste</del>"#,
            r#"<ins><span class="visually-hidden" lang="fi">lisätty: </span>osallistumisprosentti</ins>"#
        )),
        "{html}"
    );
    assert!(
        html.contains("Siirretty: Osa-alue 1, kohta 2 → Osa-alue 2, kohta 6"),
        "{html}"
    );
    assert!(
        html.contains("<h2 id=\"diff-3\">Toimenpide 9001: Testitoimenpide, ei kaupungin päätös.</h2>"),
        "{html}"
    );
    for (lang, path) in [
        ("sv", "/sv/versioner/1.1/skillnad/1.2-test"),
        ("en", "/en/versions/1.1/diff/1.2-test"),
    ] {
        assert!(
            html.contains(&format!(r#"hreflang="{lang}" href="{path}""#)),
            "{lang} alternate in {html}"
        );
    }
    let swedish = app.html("/sv/versioner/1.1/skillnad/1.2-test").await;
    assert!(swedish.contains(r#"<span class="visually-hidden" lang="sv">borttaget: </span>"#));
    assert!(
        swedish.contains(r#"<span class="diff-lang">Suomi:</span> <span lang="fi">"#),
        "the Finnish text is marked Finnish"
    );
    let english = app.html("/en/versions/1.2-test/diff/1.2-test").await;
    assert!(english.contains("The versions do not differ."));

    for path in [
        "/fi/versiot/1.1/ero/9.9",
        "/fi/versiot/9.9/ero/1.1",
        "/fi/versiot/1.1/diff/1.2-test",
        "/sv/versiot/1.1/ero/1.2-test",
        "/de/versions/1.1/diff/1.2-test",
        "/fi/tavoitteet/1.1/ero/1.2-test",
        "/fi/versiot/%00/ero/1.1",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "GET {path}");
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "GET {path}"
        );
    }
}

on_both_backends!(
    the_diff_page_marks_words_for_every_reader,
    the_diff_of_two_versions_marks_changed_words_moves_and_additions,
    versions_are_listed_and_each_is_readable_whole,
    unknown_and_malformed_labels_are_404_problems,
    drafts_are_not_public_but_the_command_line_compares_them,
    the_command_line_prints_the_diff_and_refuses_unknown_labels,
    the_openapi_document_describes_the_versions_api,
);
