//! The cascade on the public site: indicator pages with charts and tables, the situational picture, the
//! budget annex with its downloads, and goal pages with their targets and indicators.

mod common;

use chrono::NaiveDate;
use common::Backend;
use tarina::domain::change::{Change, NewValue};
use tarina::domain::{IndicatorId, Slug};

async fn an_indicator_page_has_an_accessible_chart_a_data_table_and_regions(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let html = app.html("/fi/mittarit/4-vakiluku").await;
    assert_eq!(html.matches("<h1>").count(), 1);
    assert!(
        html.contains(r#"role="img" aria-labelledby="indicator-4-title indicator-4-desc""#),
        "labelled chart"
    );
    assert!(html.contains(r#"<title id="indicator-4-title">Väkiluku</title>"#));
    assert!(
        html.contains("<caption>Arvot: Koko Espoo, uusin ensin</caption>"),
        "a data table alternative"
    );
    assert!(
        html.contains("325\u{a0}716\u{a0}asukasta"),
        "Statistics Finland's 2025 figure, Finnish number format"
    );
    assert!(
        html.contains("Tilastokeskus, väestörakenne, taulukko 11re"),
        "with its source"
    );
    let english = app.html("/en/indicators/4-vakiluku").await;
    assert!(
        english.contains("Statistics Finland, population structure, table 11re") && !english.contains("Esimerkkiarvo"),
        "values' sources in the page's language"
    );
    assert!(english.contains("Example value"));
    assert!(
        html.contains(r#"<span class="status-shape" aria-hidden="true">"#),
        "status as a shape"
    );
    assert!(
        html.contains("Ei tietoa") && html.contains("Mittarilla ei ole tavoitetta"),
        "and a word: the population has projections, no target, so no status"
    );
    assert!(
        html.contains("<caption>Viimeisin arvo ja tilanne alueittain</caption>"),
        "regions compared"
    );
    assert!(
        html.contains(r#"<span class="example">esimerkki</span>"#),
        "example values are marked"
    );
    assert!(html.contains("/api/v1/indicators/4/values.csv"));
    assert!(!html.contains(" style="), "no inline styles: the CSP forbids them");

    let english = app.html("/en/indicators/3-kasvihuonekaasupaastot").await;
    assert!(
        english.contains("At this pace the value will be"),
        "the forecast in words"
    );
    assert!(
        english.contains("in 2030") && english.contains("the target is 0\u{a0}kt CO₂e"),
        "English number format with the target"
    );
    let swedish = app.html("/sv/matare/3-kasvihuonekaasupaastot").await;
    assert!(swedish.contains("I nuvarande takt"));
    let projected = app.html("/en/indicators/5-vieraskieliset-asukkaat").await;
    assert!(!projected.contains("At this pace"), "no forecast towards a projection");
    let past_target = app.html("/en/indicators/1-tyollisyysaste").await;
    assert!(
        !past_target.contains("At this pace"),
        "no forecast once the target date has passed"
    );

    for missing in [
        "/fi/mittarit/4-vaara-nimi",
        "/fi/mittarit/999-x",
        "/fi/talousarvioliite/2017",
        "/fi/talousarvioliite/02018",
    ] {
        assert_eq!(app.get(missing).await.status(), 404, "{missing}");
    }
}

async fn the_situational_picture_lists_every_goal_by_area_with_the_rule(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let html = app.html("/fi/tilannekuva").await;
    assert_eq!(
        html.matches("<caption>Tavoitteet ja niiden tilanne</caption>").count(),
        4,
        "one table per area"
    );
    assert_eq!(
        html.matches(r#"<tr><th scope="row"><a href="/fi/tavoitteet/"#).count(),
        42,
        "every goal"
    );
    assert!(html.contains("Miten tilanne lasketaan"));
    assert!(html.contains("/fi/talousarvioliite/2018"));
    let english = app.html("/en/situation").await;
    assert!(english.contains("How the status is worked out"));
}

async fn the_budget_annex_is_a_page_and_two_downloads(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let html = app.html("/fi/talousarvioliite/2018").await;
    assert!(
        html.contains("<h2 id=\"org-1\">Konsernihallinto</h2>"),
        "grouped by organisation"
    );
    assert_eq!(
        html.matches(r#"<article class="target">"#).count(),
        12,
        "all targets of 2018"
    );
    assert!(
        html.contains("esimerkkejä"),
        "the seeded targets are said to be examples"
    );

    let xlsx = app.get("/fi/talousarvioliite/2018/annex.xlsx").await;
    assert_eq!(xlsx.status(), 200);
    assert_eq!(
        xlsx.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(xlsx.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("talousarvioliite-2018.xlsx"));
    assert!(xlsx.bytes().await.unwrap().starts_with(b"PK\x03\x04"));

    let csv = app.get("/sv/budgetbilaga/2018/annex.csv").await;
    assert_eq!(csv.status(), 200);
    let text = csv.text().await.unwrap();
    assert!(text.starts_with('\u{feff}'), "a BOM so Excel reads UTF-8");
    let mut reader = csv_reader(&text);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header[0], "Sektor", "Swedish column names");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let targets: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.get(1).unwrap()).collect();
    assert_eq!(targets.len(), 12, "every target appears");
    for bad in [
        "/fi/talousarvioliite/2018/annex.pdf",
        "/fi/talousarvioliite/2019/annex.csv",
        "/fi/mittarit/2018/annex.csv",
    ] {
        assert_eq!(app.get(bad).await.status(), 404, "{bad}");
    }
}

fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes())
}

async fn a_goal_page_shows_its_targets_indicators_and_action_progress(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let html = app.html("/fi/tavoitteet/tyollisyysaste-ja-tyottomyys").await;
    assert!(html.contains(r#"<h2 id="indicators-heading">Mittarit</h2>"#));
    assert!(html.contains("/fi/mittarit/1-tyollisyysaste"));
    assert!(html.contains(r#"<h2 id="targets-heading">Tulostavoitteet</h2>"#));
    assert!(html.contains(r#"<a href="/fi/talousarvioliite/2018">2018</a>"#));
}

async fn recorded_values_and_corrections_reach_the_page(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let store = app.db.store().await;
    let value = |v: f64, source: &str| NewValue {
        indicator: IndicatorId::new(1).unwrap(),
        region: Slug::parse("espoo").unwrap(),
        date: NaiveDate::from_ymd_opt(2023, 12, 31).unwrap(),
        value: v,
        source: source.into(),
    };
    let change = Change {
        actor: "test".into(),
        reason: "a test records values".into(),
    };
    store
        .record_values("espoo", &[value(73.4, "Tilastokeskus")], &change)
        .await
        .unwrap();
    assert!(
        app.eventually_contains("/fi/mittarit/1-tyollisyysaste", "73,4\u{a0}%")
            .await
    );
    store
        .record_values("espoo", &[value(73.6, "Tilastokeskus, korjattu")], &change)
        .await
        .unwrap();
    assert!(
        app.eventually_contains("/fi/mittarit/1-tyollisyysaste", "73,6\u{a0}%")
            .await
    );
    let html = app.html("/fi/mittarit/1-tyollisyysaste").await;
    assert!(html.contains("<h2 id=\"corrections-heading\">Korjaushistoria</h2>"));
    assert!(
        html.contains("<td>73,4\u{a0}%</td><td>Tilastokeskus</td>"),
        "the old value and its source are kept"
    );
}

async fn a_long_indicator_list_comes_in_pages(backend: Backend) {
    let Some(small) = common::spawn(backend).await else {
        return;
    };
    let html = small.html("/fi/mittarit").await;
    assert!(
        html.contains("<h1>Mittarit</h1>") && !html.contains("pagination"),
        "ten indicators: one page"
    );
    assert_eq!(small.get("/fi/mittarit/sivu-2").await.status(), 404);

    // A city with 1,234 indicators: pages of 500, 500 and 234.
    let db = std::sync::Arc::new(common::TestDb::new(backend).await.unwrap());
    let mut dataset = tarina::data::bundled_dataset().unwrap();
    let model = (*dataset.cascade.indicators[0]).clone();
    for id in 11..=1_234 {
        let mut copy = model.clone();
        copy.id = IndicatorId::new(id).unwrap();
        copy.slug = Slug::parse(&format!("mittari-{id}")).unwrap();
        dataset.cascade.indicators.push(std::sync::Arc::new(copy));
    }
    let change = Change {
        actor: "test".into(),
        reason: "a long list".into(),
    };
    let store = db.store().await;
    store
        .save_dataset(&dataset, tarina::domain::change::OnExisting::Refuse, &change)
        .await
        .unwrap();
    let app = common::spawn_on(db.clone()).await;
    let rows = |html: &str| html.matches("<tr><th scope=\"row\">").count();

    let first = app.html("/fi/mittarit").await;
    assert!(first.contains("<h1>Mittarit, sivu 1/3</h1>"));
    assert_eq!(rows(&first), 500);
    assert!(first.contains(r#"<nav class="pagination" aria-label="Mittarilistan sivut">"#));
    assert!(
        first.contains(r#"<a href="/fi/mittarit" aria-current="page"><span class="visually-hidden">Sivu </span>1</a>"#)
    );
    assert!(first.contains(r#"<a href="/fi/mittarit/sivu-2" rel="next">Seuraava sivu</a>"#));
    assert!(!first.contains(r#"rel="prev""#));

    let last = app.html("/fi/mittarit/sivu-3").await;
    assert!(last.contains("<h1>Mittarit, sivu 3/3</h1>"));
    assert_eq!(rows(&last), 234);
    assert!(last.contains(r#"<a href="/fi/mittarit/sivu-2" rel="prev">Edellinen sivu</a>"#));
    assert!(!last.contains(r#"rel="next""#));
    assert!(
        last.contains(r#"href="/fi/mittarit/1234-mittari-1234""#),
        "the last indicator is on the last page"
    );
    assert!(
        last.contains(r#"hreflang="sv" href="/sv/matare/sida-3""#),
        "the other languages' same page"
    );

    let swedish = app.html("/sv/matare/sida-2").await;
    assert!(swedish.contains("<h1>Mätare, sida 2/3</h1>"));
    assert_eq!(rows(&swedish), 500);
    assert!(app
        .html("/en/indicators/page-2")
        .await
        .contains("<h1>Indicators, page 2 of 3</h1>"));

    for missing in [
        "/fi/mittarit/sivu-4",
        "/fi/mittarit/sivu-1",
        "/fi/mittarit/sivu-02",
        "/fi/mittarit/page-2",
    ] {
        assert_eq!(app.get(missing).await.status(), 404, "{missing}");
    }
}

on_both_backends!(
    an_indicator_page_has_an_accessible_chart_a_data_table_and_regions,
    the_situational_picture_lists_every_goal_by_area_with_the_rule,
    the_budget_annex_is_a_page_and_two_downloads,
    a_goal_page_shows_its_targets_indicators_and_action_progress,
    recorded_values_and_corrections_reach_the_page,
    a_long_indicator_list_comes_in_pages,
);
