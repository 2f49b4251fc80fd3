//! The public pages of strategy versions: the list of approved versions with their decisions, and each one
//! whole at its own address in three languages. Drafts and versions under review answer 404 like labels nobody
//! used; an earlier version says so and links to the current one and to what changed since.

mod common;

use common::versions::{replace_once, seed, with_test_version, write_version, AREA_1};
use common::Backend;

async fn the_list_names_every_approved_version_newest_first(backend: Backend) {
    let Some(app) = with_test_version(backend).await else {
        return;
    };
    let html = app.html("/fi/versiot").await;
    assert!(html.contains("<h1>Strategian versiot</h1>"), "{html}");
    let newest = html.find(r#"<a href="/fi/versiot/1.2-test">1.2-test</a>"#);
    let older = html.find(r#"<a href="/fi/versiot/1.1">1.1</a>"#);
    assert!(
        newest.is_some() && older.is_some() && newest < older,
        "both listed, newest first: {html}"
    );
    assert!(
        html.contains(r#"<a href="/fi/versiot/1.1/ero/1.2-test">Mitä versiosta 1.1 on muuttunut</a>"#),
        "an earlier version links to its diff with the current one: {html}"
    );
    assert!(
        html.contains(r#"<time datetime="2017-09-11">11.9.2017</time>"#),
        "{html}"
    );
    assert_eq!(
        html.matches("<strong>Voimassa</strong>").count(),
        1,
        "one current version"
    );

    let swedish = app.html("/sv/versioner").await;
    assert!(swedish.contains("<h1>Strategins versioner</h1>"), "{swedish}");
    assert!(swedish.contains(r#"href="/sv/versioner/1.1""#), "{swedish}");
    let english = app.html("/en/versions").await;
    assert!(english.contains("<h1>Strategy versions</h1>"), "{english}");
    assert!(english.contains(r#"hreflang="fi" href="/fi/versiot""#), "{english}");

    let home = app.html("/fi/").await;
    assert!(
        home.contains(r#"<a href="/fi/versiot">Kaikki strategian versiot</a>"#),
        "the home page links to the versions"
    );
}

async fn an_earlier_version_reads_whole_at_its_own_address(backend: Backend) {
    let Some(app) = with_test_version(backend).await else {
        return;
    };
    let old = app.html("/fi/versiot/1.1").await;
    assert!(
        old.contains("Tämä on strategian aiempi versio, ei enää voimassa."),
        "{old}"
    );
    assert!(old.contains(r#"<a href="/fi/versiot/1.2-test">Lue voimassa oleva versio 1.2-test</a>"#));
    // Goal 2 is in area 1 of 1.1, and its old word is there; the test version moved it and changed the word.
    let area_1 = old.find(r#"<h3 id="area-1">"#).unwrap();
    let area_2 = old.find(r#"<h3 id="area-2">"#).unwrap();
    let goal_2 = old.find(r#"<h4 id="goal-2">Tavoite 2: "#).expect("goal 2 is shown");
    assert!(area_1 < goal_2 && goal_2 < area_2, "goal 2 under area 1 in 1.1");
    assert!(old.contains("osallistumisaste nousee"));
    assert!(!old.contains("Testitoimenpide"), "1.1 has no test action");

    let new = app.html("/fi/versiot/1.2-test").await;
    assert!(new.contains("Tämä on strategian voimassa oleva versio."), "{new}");
    assert!(new.contains("Testitoimenpide, ei kaupungin päätös."));
    let goal_2 = new.find(r#"<h4 id="goal-2">"#).unwrap();
    assert!(
        goal_2 > new.find(r#"<h3 id="area-2">"#).unwrap(),
        "goal 2 moved to area 2"
    );

    let swedish = app.html("/sv/versioner/1.1").await;
    assert!(
        swedish.contains("Det här är en tidigare version av strategin"),
        "{swedish}"
    );
    assert!(swedish.contains(r#"<h4 id="goal-2">Mål 2: "#), "{swedish}");
    let english = app.html("/en/versions/1.1").await;
    assert!(english.contains("<h2 id=\"vision\">Vision</h2>"), "{english}");
}

async fn drafts_and_unknown_labels_have_no_page(backend: Backend) {
    let Some(app) = with_test_version(backend).await else {
        return;
    };
    let label = "1.3-draft-test";
    let dir = app.db.dir().join(label);
    write_version(&dir, |path, text| match path {
        "strategy.toml" => replace_once(
            &text,
            "version = \"1.1\"\n",
            &format!("version = \"{label}\"\nstatus = \"draft\"\n"),
        ),
        AREA_1 => replace_once(
            &text,
            "title.fi = \"Espoon oppimistulokset",
            "title.fi = \"Espoon luonnostulokset",
        ),
        _ => text,
    });
    seed(&app, &dir);
    let list = app.html("/fi/versiot").await;
    assert!(!list.contains(label), "a draft is not listed");
    for path in [
        "/fi/versiot/1.3-draft-test",
        "/fi/versiot/9.9",
        "/sv/versiot/1.1",
        "/fi/versiot/%00",
        "/fi/versiot/1.1%27%3B%20DROP%20TABLE%20texts%3B--",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "GET {path}");
        let body = response.text().await.unwrap();
        assert!(
            !body.contains("luonnostulokset"),
            "GET {path}: nothing of the draft shows"
        );
    }
    // A label with a space and a slash is escaped in its address and read back from it.
    let odd = "2025 luonnos/ä";
    let dir = app.db.dir().join("odd");
    write_version(&dir, |path, text| match path {
        "strategy.toml" => replace_once(&text, "version = \"1.1\"\n", &format!("version = \"{odd}\"\n")),
        _ => text,
    });
    seed(&app, &dir);
    let list = app.html("/fi/versiot").await;
    let href = "/fi/versiot/2025%20luonnos%2F%C3%A4";
    assert!(list.contains(&format!(r#"<a href="{href}">"#)), "{list}");
    assert!(app
        .html(href)
        .await
        .contains("Tämä on strategian voimassa oleva versio."));
}

on_both_backends!(
    the_list_names_every_approved_version_newest_first,
    an_earlier_version_reads_whole_at_its_own_address,
    drafts_and_unknown_labels_have_no_page,
);
