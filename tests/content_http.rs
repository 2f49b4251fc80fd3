//! The bundled content as the API and the pages show it: organisations with their validity, values' sources in
//! the reader's language, projections that are never targets, licences nobody granted left unstated, and an
//! OpenAPI document whose `region` filter lists exactly the regions the server accepts.

mod common;

use common::Backend;
use serde_json::Value;

async fn organisations_carry_their_validity(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let organisations = app.json("/api/v1/organisations").await;
    let find = |slug: &str| {
        organisations
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["slug"] == slug)
            .unwrap_or_else(|| panic!("{slug}"))
            .clone()
    };
    let education = find("sivistystoimi");
    assert_eq!(education["name"]["en"], "Education and Cultural Services");
    assert_eq!(
        (education["valid_from"].clone(), education["valid_to"].clone()),
        (Value::Null, "2021-05-31".into())
    );
    assert_eq!(find("espoo")["valid_to"], Value::Null, "not recorded is null");
    let targets = app.json("/api/v1/targets?year=2018").await;
    let organisations: Vec<&str> = targets["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["organisation"]["slug"].as_str().unwrap())
        .collect();
    assert!(
        organisations.contains(&"sivistystoimi") && organisations.contains(&"tilakeskus"),
        "{organisations:?}"
    );
    let html = app.html("/sv/budgetbilaga/2018").await;
    assert!(html.contains("Bildningssektorn") && !html.contains("toimiala"));
    assert!(
        html.contains("Verkade under detta namn till och med 31.5.2021."),
        "the annex dates the names"
    );
    let html = app.html("/fi/talousarvioliite/2018").await;
    assert!(html.contains("Toimi tällä nimellä 31.5.2021 asti."));
}

async fn values_sources_are_in_the_readers_language(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let employment = app.json("/api/v1/indicators/1").await;
    let source = &employment["values"][0]["source"];
    assert_eq!(
        (source["fi"].as_str(), source["sv"].as_str(), source["en"].as_str()),
        (Some("Esimerkkiarvo"), Some("Exempelvärde"), Some("Example value"))
    );
    assert_eq!(employment["latest"]["source"]["en"], "Example value");
    for (path, word) in [
        ("/sv/matare/1-tyollisyysaste", "Exempelvärde"),
        ("/en/indicators/1-tyollisyysaste", "Example value"),
    ] {
        let html = app.html(path).await;
        assert!(html.contains(word) && !html.contains("Esimerkkiarvo"), "{path}");
    }
    let csv = app.get("/api/v1/indicators/1/values.csv").await.text().await.unwrap();
    assert!(
        csv.contains(",Esimerkkiarvo,"),
        "the download keeps the text an import reads back"
    );
}

async fn projections_are_drawn_but_never_judged(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let population = app.json("/api/v1/indicators/4").await;
    assert_eq!(
        population["target"],
        Value::Null,
        "300,000 in 2022 is the strategy's estimate, not a goal"
    );
    assert_eq!(population["status"], "no_data");
    assert_eq!(population["forecast"], Value::Null);
    let projection = &population["projections"][0];
    assert_eq!(
        (projection["value"].as_f64(), projection["date"].as_str()),
        (Some(300_000.0), Some("2022-12-31"))
    );
    let baseline = &population["baseline"];
    assert_eq!(
        (baseline["approximate"].as_bool(), baseline["date_assumed"].as_bool()),
        (Some(true), Some(true))
    );
    let foreign = app.json("/api/v1/indicators/5").await;
    assert_eq!(
        (foreign["target"].clone(), foreign["projections"][0]["value"].as_f64()),
        (Value::Null, Some(84_000.0))
    );
    assert_eq!(foreign["status"], "no_data");

    let investments = app.json("/api/v1/indicators/6").await;
    assert_eq!(
        investments["baseline"],
        Value::Null,
        "a planned average level is not a measured baseline"
    );
    assert_eq!(investments["direction"]["kind"], "ceiling");
    assert_eq!(investments["target"]["value"], 280.0);

    // The situational picture counts neither projection as a target: the goals they measure rest on the rest.
    let situation = app.json("/api/v1/situation").await;
    let statuses: Vec<(u64, String)> = situation["areas"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["goals"].as_array().unwrap().clone())
        .flat_map(|g| g["indicators"].as_array().unwrap().clone())
        .map(|i| (i["id"].as_u64().unwrap(), i["status"].as_str().unwrap().to_owned()))
        .collect();
    assert!(
        statuses
            .iter()
            .filter(|(id, _)| [4, 5].contains(id))
            .all(|(_, s)| s == "no_data"),
        "{statuses:?}"
    );

    let html = app.html("/fi/mittarit/4-vakiluku").await;
    assert!(
        html.contains("chart-projections") && html.contains("chart-projection-line"),
        "drawn as a projection"
    );
    assert!(html.contains("Strategian arvio") && html.contains("Mittarilla ei ole tavoitetta"));
    assert!(html.contains("noin 280\u{a0}000\u{a0}asukasta") && html.contains("päivämäärä oletettu"));
    assert!(!html.contains("<dt>Tavoite</dt>") && !html.contains("Suurempi on parempi"));
    let html = app.html("/en/indicators/6-investoinnit").await;
    assert!(html.contains("At most the target value"));
}

async fn internal_follow_up_states_no_licence(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    for id in [8, 9, 10] {
        let indicator = app.json(&format!("/api/v1/indicators/{id}")).await;
        assert_eq!(indicator["licence"], Value::Null, "indicator {id}");
    }
    assert_eq!(app.json("/api/v1/indicators/4").await["licence"], "CC BY 4.0");
    for (path, words) in [
        ("/fi/mittarit/8-sisailmakohteet", "Käyttöehtoja ei ole ilmoitettu"),
        ("/sv/matare/9-hatavaistot", "Användningsvillkor har inte angetts"),
        ("/en/indicators/10-palvelut-englanniksi", "Licence not stated"),
    ] {
        let html = app.html(path).await;
        assert!(html.contains(words) && !html.contains("CC BY 4.0"), "{path}");
    }
}

async fn the_documented_regions_are_the_accepted_ones(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let regions: Vec<Value> = app
        .json("/api/v1/regions")
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["slug"].clone())
        .collect();
    let doc = app.json("/api/v1/openapi.json").await;
    for path in [
        "/api/v1/indicators/{id}",
        "/api/v1/indicators/{id}/jsonstat",
        "/api/v1/indicators/{id}/values.csv",
    ] {
        let region = doc["paths"][path]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "region")
            .unwrap()
            .clone();
        assert_eq!(region["schema"]["items"]["enum"].as_array(), Some(&regions), "{path}");
    }
    for slug in &regions {
        let response = app
            .get(&format!("/api/v1/indicators/1?region={}", slug.as_str().unwrap()))
            .await;
        assert_eq!(response.status(), 200, "{slug} is documented and accepted");
    }
    let response = app.get("/api/v1/indicators/1?region=atlantis").await;
    assert_eq!(response.status(), 400, "a region outside the document is refused");
}

on_both_backends!(
    organisations_carry_their_validity,
    values_sources_are_in_the_readers_language,
    projections_are_drawn_but_never_judged,
    internal_follow_up_states_no_licence,
    the_documented_regions_are_the_accepted_ones,
);
