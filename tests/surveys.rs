//! Surveys on both backends, through the real server: the bundled building-permit survey answered in Finnish,
//! Swedish and English with a receipt code each time and the results (page and JSON) following at once; bad
//! answers coming back with their problems at their questions, everything typed kept and nothing stored; the
//! honeypot and a too-fast form refused; a plain HTML post from another site taken; a closed survey 410 and an
//! upcoming one 404 with a page saying so; a burst from one address 429 with Retry-After; script in free text
//! shown as text everywhere; a two-page survey with a conditional question carried page to page in hidden
//! fields; 200 answers sent at once all counted; answers taking no data version.

mod common;

use std::time::Duration;

use chrono::{TimeZone, Utc};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use serde_json::Value;
use tarina::config::SurveySettings;
use tarina::domain::survey::Survey;

const SLUG: &str = "rakennusvalvonta-asiakastyytyvaisyys";
const PAYLOAD: &str = "<script>alert('x')</script><img src=x onerror=alert(1)>";
const MIN_FILL: Duration = Duration::from_millis(300);

/// A server whose forms may be sent 300 ms after they are drawn, with a rate limit no test reaches unless it
/// sets its own.
async fn spawn(backend: Backend, burst: u32) -> Option<TestApp> {
    let db = common::TestDb::new(backend).await?;
    Some(
        common::spawn_configured(std::sync::Arc::new(db), |config| {
            config.site.surveys = SurveySettings {
                min_fill: MIN_FILL,
                burst,
                refill: Duration::from_secs(60),
            };
        })
        .await,
    )
}

fn form_path(lang: &str, slug: &str) -> String {
    let segment = match lang {
        "fi" => "kyselyt",
        "sv" => "enkater",
        _ => "surveys",
    };
    format!("/{lang}/{segment}/{slug}")
}

fn results_path(lang: &str, slug: &str) -> String {
    let word = match lang {
        "fi" => "tulokset",
        "sv" => "resultat",
        _ => "results",
    };
    format!("{}/{word}", form_path(lang, slug))
}

fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = html.find(&marker).unwrap_or_else(|| panic!("no {name} in {html}")) + marker.len();
    html[at..at + html[at..].find('"').unwrap()].to_owned()
}

/// Draws the form and waits until a person could have filled it in; its start time.
async fn drawn(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "GET {path}");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let stamp = hidden(&response.text().await.unwrap(), "started");
    tokio::time::sleep(MIN_FILL + Duration::from_millis(50)).await;
    stamp
}

async fn post(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .expect("request succeeds")
}

fn receipt_of(html: &str) -> String {
    let marker = "<strong class=\"receipt-code\">";
    let at = html.find(marker).expect("a receipt code") + marker.len();
    let code = html[at..at + html[at..].find('<').unwrap()].to_owned();
    assert_eq!(code.len(), 11, "{code}");
    assert!(code
        .chars()
        .all(|c| c == '-' || c.is_ascii_digit() || c.is_ascii_uppercase()));
    code
}

async fn results(app: &TestApp, slug: &str) -> Value {
    app.json(&format!("/api/v1/surveys/{slug}/results")).await
}

async fn responses(app: &TestApp, slug: &str) -> i64 {
    results(app, slug).await["responses"].as_i64().unwrap()
}

async fn add_survey(app: &TestApp, json: &str) -> Survey {
    let survey = Survey::from_json(json).expect("the test survey is valid");
    let store = app.db.store().await;
    assert!(store.add_survey("espoo", &survey, Utc::now()).await.unwrap());
    survey
}

async fn answering_the_bundled_survey_in_each_language(backend: Backend) {
    let Some(app) = spawn(backend, 10_000).await else {
        return;
    };
    assert!(
        app.html("/sv/").await.contains("href=\"/sv/enkater\""),
        "every page's footer links to the surveys"
    );
    let listed = app.html("/fi/kyselyt").await;
    assert!(listed.contains(&form_path("fi", SLUG)), "{listed}");
    assert!(app
        .html(&form_path("sv", SLUG))
        .await
        .contains("Kundnöjdhet: bygglov och byggnadstillsyn"));
    assert_eq!(responses(&app, SLUG).await, 0, "bundled without answers");
    let store = app.db.store().await;
    let version = store.data_version().await.unwrap();
    let mut receipts = Vec::new();
    for (lang, point, thanks) in [
        ("fi", "5", "Kiitos vastauksestasi"),
        ("sv", "4", "Tack för ditt svar"),
        ("en", "2", "Thank you for your answer"),
    ] {
        let path = form_path(lang, SLUG);
        let stamp = drawn(&app, &path).await;
        let response = post(
            &app,
            &path,
            &[
                ("started", &stamp),
                ("page", "1"),
                ("website", ""),
                ("q-tyytyvaisyys", point),
                ("q-palaute", "Selkeä ohjeistus"),
                ("q-alue", "tapiola"),
            ],
        )
        .await;
        assert_eq!(response.status(), 200, "{lang}");
        let html = response.text().await.unwrap();
        assert!(html.contains(thanks), "{lang}: {html}");
        receipts.push(receipt_of(&html));
    }
    receipts.dedup();
    assert_eq!(receipts.len(), 3, "a code of its own each time");
    let json = results(&app, SLUG).await;
    assert_eq!(json["responses"], 3);
    assert_eq!(json["example_responses"], 0);
    let satisfaction = &json["questions"][0];
    assert_eq!(satisfaction["key"], "tyytyvaisyys");
    let counts: Vec<i64> = (satisfaction["values"].as_array().unwrap().iter())
        .map(|v| v["count"].as_i64().unwrap())
        .collect();
    assert_eq!(counts, vec![0, 1, 0, 1, 1]);
    assert_eq!(satisfaction["csat"]["value"], 66.7);
    assert_eq!(satisfaction["csat"]["n"], 3);
    assert_eq!(json["questions"][1]["answered"], 3);
    assert!(
        json["questions"][1]["values"].as_array().unwrap().is_empty(),
        "free text stays out"
    );
    for language in json["by_language"].as_array().unwrap() {
        assert_eq!(language["responses"], 1, "{language}");
    }
    let tapiola = (json["by_region"].as_array().unwrap().iter())
        .find(|r| r["key"] == "tapiola")
        .unwrap();
    assert_eq!(tapiola["responses"], 3);
    let page = app.html(&results_path("en", SLUG)).await;
    assert!(page.contains("3 people have answered the survey."), "{page}");
    assert!(page.contains("Satisfied (4 or 5) 66.7 %"), "{page}");
    assert!(page.contains("<svg class=\"survey-chart\""));
    assert!(page.contains("<table>") && page.contains("Tapiola"));
    assert!(!page.contains("Selkeä ohjeistus"), "free texts wait for moderation");
    assert!(app
        .html(&results_path("fi", SLUG))
        .await
        .contains("Tyytyväisiä (4 tai 5) 66,7 %"));
    assert_eq!(
        store.data_version().await.unwrap(),
        version,
        "answers take no data version"
    );
}

async fn bad_answers_keep_what_was_typed_and_store_nothing(backend: Backend) {
    let Some(app) = spawn(backend, 10_000).await else {
        return;
    };
    let path = form_path("fi", SLUG);
    let stamp = drawn(&app, &path).await;
    let typed = "Käsittely kesti & kesti";
    let response = post(
        &app,
        &path,
        &[("started", &stamp), ("q-palaute", typed), ("q-alue", "leppavaara")],
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("class=\"error-summary\""), "{html}");
    assert!(
        html.contains("href=\"#q-tyytyvaisyys\""),
        "the summary links to the field"
    );
    assert!(
        html.contains("id=\"q-tyytyvaisyys-error\""),
        "the error is at the field"
    );
    assert!(html.contains("Vastaa tähän kysymykseen."));
    assert!(
        html.contains("Käsittely kesti &amp; kesti</textarea>"),
        "the text is kept"
    );
    assert!(html.contains("value=\"leppavaara\" selected"), "the region is kept");

    let response = post(
        &app,
        &path,
        &[("started", &stamp), ("q-tyytyvaisyys", "7"), ("q-palaute", typed)],
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Valitse jokin annetuista vaihtoehdoista."), "{html}");
    assert!(html.contains(typed.replace('&', "&amp;").as_str()));

    let response = post(
        &app,
        &form_path("en", SLUG),
        &[("started", &stamp), ("q-tyytyvaisyys", "3"), ("q-alue", "atlantis")],
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Please choose one of the options given."), "{html}");
    assert!(html.contains("value=\"3\" checked"), "the scale point is kept");

    let long = "a".repeat(2001);
    let response = post(
        &app,
        &path,
        &[("started", &stamp), ("q-tyytyvaisyys", "3"), ("q-palaute", &long)],
    )
    .await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("enintään 2000 merkkiä"));

    let huge = "a".repeat(70 * 1024);
    let response = post(&app, &path, &[("started", &stamp), ("q-palaute", &huge)]).await;
    assert_eq!(response.status(), 413);
    let malformed = app
        .client
        .post(app.url(&path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'q', b'-', b'a', b'=', 0xff, 0xfe])
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 400);
    assert!(malformed
        .text()
        .await
        .unwrap()
        .contains("Lomakkeen tietoja ei voitu lukea"));
    assert_eq!(responses(&app, SLUG).await, 0);
}

async fn robots_are_refused_and_other_sites_forms_taken(backend: Backend) {
    let Some(app) = spawn(backend, 10_000).await else {
        return;
    };
    let path = form_path("sv", SLUG);
    let response = app.get(&path).await;
    let html = response.text().await.unwrap();
    assert!(html.contains("class=\"survey-trap\""));
    let stamp = hidden(&html, "started");
    let too_fast = post(&app, &path, &[("started", &stamp), ("q-tyytyvaisyys", "5")]).await;
    assert_eq!(too_fast.status(), 422);
    let html = too_fast.text().await.unwrap();
    assert!(html.contains("skickades så snabbt"), "{html}");
    assert!(html.contains("value=\"5\" checked"), "the answer is kept");
    tokio::time::sleep(MIN_FILL + Duration::from_millis(50)).await;
    let trapped = post(
        &app,
        &path,
        &[
            ("started", &stamp),
            ("website", "http://spam.example"),
            ("q-tyytyvaisyys", "5"),
        ],
    )
    .await;
    assert_eq!(trapped.status(), 400);
    let forged = post(&app, &path, &[("started", "1.00"), ("q-tyytyvaisyys", "5")]).await;
    assert_eq!(forged.status(), 422);
    assert!(forged.text().await.unwrap().contains("Formuläret hade gått ut"));
    assert_eq!(responses(&app, SLUG).await, 0, "nothing stored");

    // A service's own page posts a plain form: no start time, no page number.
    let external = post(
        &app,
        &form_path("fi", SLUG),
        &[("q-tyytyvaisyys", "4"), ("q-palaute", "")],
    )
    .await;
    assert_eq!(external.status(), 200);
    receipt_of(&external.text().await.unwrap());
    assert_eq!(responses(&app, SLUG).await, 1);

    // A survey that does not take other sites' forms needs the start time.
    add_survey(&app, &single_question_survey("vain-taalla", "", "", false)).await;
    let refused = post(&app, &form_path("fi", "vain-taalla"), &[("q-arvio", "4")]).await;
    assert_eq!(refused.status(), 422);
    assert_eq!(responses(&app, "vain-taalla").await, 0);
}

/// A one-question survey (a 1–5 scale, `arvio`), open between `opens` and `closes` when given.
fn single_question_survey(slug: &str, opens: &str, closes: &str, external: bool) -> String {
    let when = |name: &str, at: &str| {
        if at.is_empty() {
            String::new()
        } else {
            format!("\"{name}\": \"{at}\",")
        }
    };
    format!(
        r#"{{"slug": "{slug}", "results": "public", "external_posts": {external}, {} {}
          "title": {{"fi": "Testikysely", "sv": "Testenkät", "en": "Test survey"}},
          "intro": {{"fi": "Johdanto"}}, "privacy": {{"fi": "Tietosuoja"}},
          "pages": [{{"questions": [{{"key": "arvio", "kind": "scale5", "required": true, "text": {{"fi": "Arvio"}}}}]}}]}}"#,
        when("opens", opens),
        when("closes", closes)
    )
}

async fn closed_surveys_are_gone_and_upcoming_ones_say_when(backend: Backend) {
    let Some(app) = spawn(backend, 10_000).await else {
        return;
    };
    add_survey(
        &app,
        &single_question_survey("suljettu", "2020-01-01T00:00:00Z", "2020-02-01T00:00:00Z", true),
    )
    .await;
    let response = app.get(&form_path("fi", "suljettu")).await;
    assert_eq!(response.status(), 410);
    assert!(response.text().await.unwrap().contains("sulkeutui 1.2.2020"));
    let response = post(&app, &form_path("en", "suljettu"), &[("q-arvio", "5")]).await;
    assert_eq!(response.status(), 410);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("This survey closed on 1 February 2020"));
    assert_eq!(responses(&app, "suljettu").await, 0);

    let opens = Utc.with_ymd_and_hms(2099, 3, 1, 12, 0, 0).unwrap().to_rfc3339();
    add_survey(&app, &single_question_survey("tuleva", &opens, "", true)).await;
    let response = app.get(&form_path("sv", "tuleva")).await;
    assert_eq!(response.status(), 404);
    assert!(response.text().await.unwrap().contains("öppnas för svar 1.3.2099"));
    let list = app.html("/fi/kyselyt").await;
    assert!(
        !list.contains("suljettu") && !list.contains("tuleva"),
        "only open surveys are listed"
    );
    assert_eq!(app.get(&form_path("fi", "ei-ole")).await.status(), 404);
}

async fn a_burst_from_one_address_gets_429(backend: Backend) {
    let Some(app) = spawn(backend, 3).await else {
        return;
    };
    let path = form_path("fi", SLUG);
    for _ in 0..3 {
        let response = post(&app, &path, &[("q-tyytyvaisyys", "3")]).await;
        assert_eq!(response.status(), 200);
    }
    let response = post(&app, &path, &[("q-tyytyvaisyys", "3")]).await;
    assert_eq!(response.status(), 429);
    let wait: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert!(response.text().await.unwrap().contains("liian monta vastausta"));
    assert_eq!(responses(&app, SLUG).await, 3);
}

async fn script_in_free_text_is_only_text(backend: Backend) {
    let Some(app) = spawn(backend, 10_000).await else {
        return;
    };
    let path = form_path("en", SLUG);
    let stamp = drawn(&app, &path).await;
    // Without the required answer the text comes back in the form: escaped.
    let response = post(&app, &path, &[("started", &stamp), ("q-palaute", PAYLOAD)]).await;
    let html = response.text().await.unwrap();
    assert!(
        !html.contains("<script>alert") && !html.contains("<img src=x"),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;alert("));
    let response = post(
        &app,
        &path,
        &[("started", &stamp), ("q-tyytyvaisyys", "1"), ("q-palaute", PAYLOAD)],
    )
    .await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(!html.contains("<script>alert"));
    for page in [results_path("en", SLUG), "/en/surveys".to_owned()] {
        let html = app.html(&page).await;
        assert!(
            !html.contains("<script>alert") && !html.contains("onerror=alert"),
            "{page}"
        );
    }
    let json = app
        .get(&format!("/api/v1/surveys/{SLUG}/results"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !json.contains("onerror"),
        "free texts are not published before moderation"
    );
}

async fn the_api_lists_surveys_and_their_results(backend: Backend) {
    let Some(app) = spawn(backend, 10_000).await else {
        return;
    };
    let list = app.json("/api/v1/surveys").await;
    let bundled = (list.as_array().unwrap().iter())
        .find(|s| s["slug"] == SLUG)
        .expect("the bundled survey");
    assert_eq!(bundled["status"], "open");
    assert_eq!(bundled["goals"], serde_json::json!([18]));
    assert_eq!(bundled["url"]["sv"], form_path("sv", SLUG));
    assert_eq!(bundled["results_url"]["en"], results_path("en", SLUG));
    let json = results(&app, SLUG).await;
    assert_eq!(
        json["title"]["en"],
        "Customer satisfaction: building permits and building control"
    );
    assert_eq!(json["questions"][0]["csat"], Value::Null);
    assert_eq!(json["questions"][2]["kind"], "region");
    assert_eq!(json["questions"][2]["values"][0]["label"]["sv"], "Alberga");
    let missing = app.get("/api/v1/surveys/ei-ole/results").await;
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.headers()["content-type"], "application/problem+json");
    let doc = app.json("/api/v1/openapi.json").await;
    for path in ["/api/v1/surveys", "/api/v1/surveys/{slug}/results"] {
        assert!(doc["paths"][path]["get"].is_object(), "{path} is documented");
    }
    assert!(doc["components"]["schemas"]["SurveyResultsDto"].is_object());
    assert!(app.html("/en/api").await.contains("GET /api/v1/surveys/{slug}/results"));
}

/// Two pages: whether the resident used the service, then (only if they did) how, and a rating.
const TWO_PAGES: &str = r#"{
  "slug": "kaksi-sivua", "results": "public",
  "title": {"fi": "Kaksi sivua", "sv": "Två sidor", "en": "Two pages"},
  "intro": {"fi": "Johdanto"}, "privacy": {"fi": "Tietosuoja"},
  "pages": [
    {"questions": [{"key": "kaytti", "kind": "single", "required": true, "text": {"fi": "Käytitkö palvelua?"},
      "choices": [{"key": "kylla", "label": {"fi": "Kyllä", "en": "Yes"}}, {"key": "ei", "label": {"fi": "Ei", "en": "No"}}]}]},
    {"questions": [
      {"key": "tapa", "kind": "multiple", "required": true, "text": {"fi": "Miten?", "en": "How?"},
       "show_if": {"question": "kaytti", "value": "kylla"},
       "choices": [{"key": "verkossa", "label": {"fi": "Verkossa", "en": "Online"}}, {"key": "paikan-paalla", "label": {"fi": "Paikan päällä", "en": "In person"}}]},
      {"key": "suosittelu", "kind": "nps", "required": true, "text": {"fi": "Suosittelisitko?", "en": "Would you recommend it?"}}
    ]}
  ]
}"#;

async fn a_two_page_survey_carries_answers_in_hidden_fields(backend: Backend) {
    let Some(app) = spawn(backend, 10_000).await else {
        return;
    };
    add_survey(&app, TWO_PAGES).await;
    let path = form_path("en", "kaksi-sivua");
    let stamp = drawn(&app, &path).await;
    let response = post(
        &app,
        &path,
        &[("started", &stamp), ("page", "1"), ("q-kaytti", "kylla")],
    )
    .await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("Page 2 of 2"), "{html}");
    assert!(html.contains("type=\"hidden\" name=\"q-kaytti\" value=\"kylla\""));
    assert!(html.contains("How?") && html.contains("Send your answers"));
    assert_eq!(hidden(&html, "started"), stamp, "the start time goes on");
    // Page 2 without its answers: its problems, page 1's answer still carried.
    let response = post(
        &app,
        &path,
        &[("started", &stamp), ("page", "2"), ("q-kaytti", "kylla")],
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("href=\"#q-tapa\"") && html.contains("href=\"#q-suosittelu\""),
        "{html}"
    );
    assert!(html.contains("name=\"q-kaytti\" value=\"kylla\""));
    // Back to page 1 keeps page 2's answers.
    let response = post(
        &app,
        &path,
        &[
            ("started", &stamp),
            ("page", "2"),
            ("back", "1"),
            ("q-kaytti", "kylla"),
            ("q-suosittelu", "9"),
        ],
    )
    .await;
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Page 1 of 2") && html.contains("name=\"q-suosittelu\" value=\"9\""),
        "{html}"
    );
    let response = post(
        &app,
        &path,
        &[
            ("started", &stamp),
            ("page", "2"),
            ("q-kaytti", "kylla"),
            ("q-tapa", "verkossa"),
            ("q-tapa", "paikan-paalla"),
            ("q-suosittelu", "9"),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);
    receipt_of(&response.text().await.unwrap());
    // "ei": the how-question is not asked, and what is sent for it is ignored.
    let response = post(
        &app,
        &path,
        &[
            ("started", &stamp),
            ("page", "2"),
            ("q-kaytti", "ei"),
            ("q-tapa", "bogus"),
            ("q-suosittelu", "3"),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);
    let json = results(&app, "kaksi-sivua").await;
    assert_eq!(json["responses"], 2);
    let how = &json["questions"][1];
    assert_eq!(how["answered"], 1);
    assert_eq!(how["values"][1]["count"], 1);
    let nps = &json["questions"][2]["nps"];
    assert_eq!((nps["value"].as_f64(), nps["n"].as_i64()), (Some(0.0), Some(2)));
}

async fn answers_sent_at_once_are_all_counted(backend: Backend) {
    let Some(app) = spawn(backend, 10_000).await else {
        return;
    };
    let path = form_path("fi", SLUG);
    let stamp = drawn(&app, &path).await;
    let app = std::sync::Arc::new(app);
    let sending: Vec<_> = (0..200)
        .map(|i| {
            let app = app.clone();
            let path = path.clone();
            let stamp = stamp.clone();
            tokio::spawn(async move {
                let point = (i % 5 + 1).to_string();
                let region = if i % 2 == 0 { "tapiola" } else { "" };
                let response = post(
                    &app,
                    &path,
                    &[("started", &stamp), ("q-tyytyvaisyys", &point), ("q-alue", region)],
                )
                .await;
                response.status()
            })
        })
        .collect();
    for task in sending {
        assert_eq!(task.await.unwrap(), StatusCode::OK);
    }
    let json = results(&app, SLUG).await;
    assert_eq!(json["responses"], 200);
    let counts: Vec<i64> = (json["questions"][0]["values"].as_array().unwrap().iter())
        .map(|v| v["count"].as_i64().unwrap())
        .collect();
    assert_eq!(counts, vec![40; 5]);
    let tapiola = (json["by_region"].as_array().unwrap().iter())
        .find(|r| r["key"] == "tapiola")
        .unwrap();
    assert_eq!(tapiola["responses"], 100);
}

on_both_backends!(
    answering_the_bundled_survey_in_each_language,
    bad_answers_keep_what_was_typed_and_store_nothing,
    robots_are_refused_and_other_sites_forms_taken,
    closed_surveys_are_gone_and_upcoming_ones_say_when,
    a_burst_from_one_address_gets_429,
    script_in_free_text_is_only_text,
    the_api_lists_surveys_and_their_results,
    a_two_page_survey_carries_answers_in_hidden_fields,
    answers_sent_at_once_are_all_counted,
);
