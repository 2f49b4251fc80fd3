//! The public site: every page type in every language, with the structure accessibility needs.

mod common;

use common::Backend;

use std::time::Duration;

use tarina::domain::change::OnExisting;
use tarina::domain::Lang;

const LANGS: [&str; 3] = ["fi", "sv", "en"];

/// Paths of one page of every type, per language.
fn page_paths(lang: &str) -> Vec<String> {
    let localised = |fi: &str, sv: &str, en: &str| match lang {
        "fi" => fi.to_owned(),
        "sv" => sv.to_owned(),
        _ => en.to_owned(),
    };
    let areas = localised("osa-alueet", "omraden", "areas");
    let goals = localised("tavoitteet", "mal", "goals");
    let programmes = localised("kehitysohjelmat", "utvecklingsprogram", "programmes");
    vec![
        format!("/{lang}/"),
        format!("/{lang}/{areas}"),
        format!("/{lang}/{areas}/ymparisto-rakentaminen-ja-liikenne"),
        format!("/{lang}/{goals}/koulut-kuntoon"),
        format!("/{lang}/{programmes}"),
        format!("/{lang}/{programmes}/osallistuva-espoo"),
        format!("/{lang}/{}", localised("tarina", "berattelsen", "story")),
        format!("/{lang}/{}", localised("valmistelu", "beredning", "preparation")),
        format!(
            "/{lang}/{}",
            localised("saavutettavuusseloste", "tillganglighetsutlatande", "accessibility")
        ),
        format!("/{lang}/api"),
        format!("/{lang}/{}", localised("mittarit", "matare", "indicators")),
        format!("/{lang}/{}/4-vakiluku", localised("mittarit", "matare", "indicators")),
        format!("/{lang}/{}", localised("tilannekuva", "lagesbild", "situation")),
        format!(
            "/{lang}/{}",
            localised("talousarvioliite", "budgetbilaga", "budget-annex")
        ),
        format!(
            "/{lang}/{}/2018",
            localised("talousarvioliite", "budgetbilaga", "budget-annex")
        ),
    ]
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

async fn root_sends_visitors_to_their_language(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    for (accept, target) in [
        (None, "/fi/"),
        (Some("sv-FI,sv;q=0.9,en;q=0.5"), "/sv/"),
        (Some("en-GB"), "/en/"),
        (Some("de"), "/fi/"),
    ] {
        let response = match accept {
            Some(value) => app.get_with("/", "accept-language", value).await,
            None => app.get("/").await,
        };
        assert_eq!(response.status(), 303);
        assert_eq!(response.headers()["location"], target);
        assert_eq!(response.headers()["vary"], "Accept-Language");
    }
    let response = app.get("/sv").await;
    assert_eq!(response.status(), 308);
    assert_eq!(response.headers()["location"], "/sv/");
}

async fn every_page_type_has_the_accessible_structure_in_every_language(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    for lang in LANGS {
        let paths = page_paths(lang);
        let others: Vec<Vec<String>> = LANGS.iter().filter(|l| **l != lang).map(|l| page_paths(l)).collect();
        for (i, path) in paths.iter().enumerate() {
            let html = app.html(path).await;
            assert!(
                html.starts_with("<!DOCTYPE html>\n<html lang=\"") && html.contains(&format!("<html lang=\"{lang}\">")),
                "{path}: html lang"
            );
            assert_eq!(count(&html, "<h1"), 1, "{path}: exactly one h1");
            assert!(
                html.contains("<a class=\"skip-link\" href=\"#main\">"),
                "{path}: skip link"
            );
            assert!(html.contains("<main id=\"main\""), "{path}: main landmark");
            assert!(
                html.contains("<header") && html.contains("<footer") && html.contains("<nav class=\"main-nav\""),
                "{path}: landmarks"
            );
            assert!(
                html.contains(&format!("hreflang=\"{lang}\" href=\"{path}\"")),
                "{path}: hreflang to itself"
            );
            for other in &others {
                // The language switcher and the alternates lead to the same page in the other languages.
                let twin = &other[i];
                assert!(html.contains(&format!("href=\"{twin}\"")), "{path}: link to {twin}");
            }
            if i > 0 {
                assert!(html.contains("<nav class=\"breadcrumb"), "{path}: breadcrumb");
                assert!(
                    html.contains("<span aria-current=\"page\">"),
                    "{path}: breadcrumb marks the page"
                );
            }
            assert!(
                html.contains("<title>") && html.contains("<meta name=\"description\" content=\""),
                "{path}: head"
            );
        }
    }
}

async fn goal_pages_show_the_goal_its_actions_and_its_area(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let strategy = tarina::data::bundled().unwrap();
    let mut actions_seen = 0;
    for (area, goal) in strategy.goals() {
        for (lang, segment) in [(Lang::Fi, "tavoitteet"), (Lang::Sv, "mal"), (Lang::En, "goals")] {
            let path = format!("/{lang}/{segment}/{}", goal.slug);
            let html = app.html(&path).await;
            let escape = |s: &str| {
                s.replace('&', "&amp;")
                    .replace('"', "&quot;")
                    .replace('\'', "&#39;")
                    .replace('<', "&lt;")
            };
            assert!(html.contains(&escape(goal.title.get(lang).unwrap())), "{path}: title");
            assert!(html.contains(&escape(area.name.get(lang).unwrap())), "{path}: area");
            for action in &goal.actions {
                assert!(
                    html.contains(&escape(action.title.get(lang).unwrap())),
                    "{path}: action {}",
                    action.id
                );
            }
            let list = html
                .split("<ol class=\"actions\">")
                .nth(1)
                .unwrap()
                .split("</ol>")
                .next()
                .unwrap();
            assert_eq!(count(list, "<li>"), goal.actions.len(), "{path}");
            if lang == Lang::Fi {
                actions_seen += goal.actions.len();
            }
        }
    }
    assert_eq!(actions_seen, 113);
}

async fn the_areas_page_lists_all_42_goals(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    for (lang, segment) in [("fi", "tavoitteet"), ("sv", "mal"), ("en", "goals")] {
        let path = page_paths(lang)[1].clone();
        let html = app.html(&path).await;
        assert_eq!(count(&html, &format!("href=\"/{lang}/{segment}/")), 42, "{path}");
    }
}

async fn narrative_timeline_and_statement_have_their_content(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let narrative = app.html("/fi/tarina").await;
    for heading in [
        "Mistä olemme tulossa?",
        "Missä olemme?",
        "Minne olemme menossa?",
        "Kaikkien Espoo",
        "Avoin ja toimiva demokratia",
    ] {
        assert!(narrative.contains(heading), "{heading}");
    }
    assert!(narrative.contains("Espoo täyttää 560 vuotta kesällä 2018."));
    let english = app.html("/en/story").await;
    assert!(english.contains("Where do we come from?"));

    let timeline = app.html("/fi/valmistelu").await;
    assert!(timeline.contains("<time datetime=\"2016-08-27\">27.8.–31.10.2016</time>"));
    assert!(timeline.contains("<time datetime=\"2017-09-11\">"));
    assert_eq!(count(&timeline, "<li class=\"event\">"), 10);

    let statement = app.html("/sv/tillganglighetsutlatande").await;
    for part in [
        "WCAG 2.1",
        "306/2019",
        "mailto:kirjaamo@espoo.fi",
        "saavutettavuusvaatimukset.fi",
    ] {
        assert!(statement.contains(part), "{part}");
    }
}

async fn unreviewed_translations_are_announced_and_finnish_pages_are_not(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    assert!(!app
        .html("/fi/tavoitteet/koulut-kuntoon")
        .await
        .contains("class=\"notice\""));
    assert!(app
        .html("/sv/mal/koulut-kuntoon")
        .await
        .contains("har ännu inte granskats av Esbo stad"));
    assert!(app
        .html("/en/goals/koulut-kuntoon")
        .await
        .contains("has not yet been reviewed by the City of Espoo"));
}

async fn a_missing_translation_falls_back_to_finnish_marked_as_finnish(backend: Backend) {
    let mut strategy = tarina::data::bundled().unwrap();
    let goal = &mut strategy.areas[2].goals[0];
    goal.title.en = None;
    let (slug, finnish) = (goal.slug.to_string(), goal.title.fi.clone());
    let Some(app) = common::spawn_with(backend, &strategy).await else {
        return;
    };
    let html = app.html(&format!("/en/goals/{slug}")).await;
    assert!(
        html.contains(&format!("<h1><span lang=\"fi\">{finnish}</span></h1>")),
        "{html}"
    );
    assert!(html.contains("not yet available in English and is shown in Finnish"));
    let api = app.json("/api/v1/strategy").await;
    assert_eq!(api["translations"]["en"]["missing"], 1);
    assert!(api["areas"][2]["goals"][0]["title"]["en"].is_null());
}

async fn unknown_pages_are_404_in_the_right_language(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    for (path, lang, title) in [
        ("/fi/ei-ole-olemassa", "fi", "Sivua ei löytynyt"),
        ("/sv/mal/finns-inte", "sv", "Sidan hittades inte"),
        ("/en/goals/no-such-goal", "en", "Page not found"),
        ("/en/areas/no-such-area", "en", "Page not found"),
        ("/en/tavoitteet/koulut-kuntoon", "en", "Page not found"),
        ("/fi/tavoitteet", "fi", "Sivua ei löytynyt"),
        ("/fi/tavoitteet/koulut-kuntoon/extra", "fi", "Sivua ei löytynyt"),
        ("/sv/mal/koulut%2Fkuntoon", "sv", "Sidan hittades inte"),
        ("/en/goals/KOULUT-KUNTOON", "en", "Page not found"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(response.headers()["content-type"], "text/html; charset=utf-8", "{path}");
        let html = response.text().await.unwrap();
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{path}");
        assert!(html.contains(&format!("<h1>{title}</h1>")), "{path}");
        assert_eq!(count(&html, "<h1"), 1);
    }
    // Outside any language, the browser's language decides.
    let response = app.get_with("/de/", "accept-language", "sv").await;
    assert_eq!(response.status(), 404);
    assert!(response.text().await.unwrap().contains("<html lang=\"sv\">"));
}

async fn text_is_escaped_not_injected(backend: Backend) {
    let mut strategy = tarina::data::bundled().unwrap();
    strategy.areas[0].goals[0].title.fi = "<script>alert('x')</script> & \"lainaus\"".into();
    let Some(app) = common::spawn_with(backend, &strategy).await else {
        return;
    };
    let slug = strategy.areas[0].goals[0].slug.to_string();
    let html = app.html(&format!("/fi/tavoitteet/{slug}")).await;
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;lainaus&quot;"));
}

async fn a_change_written_by_another_process_is_served_without_a_restart(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let before = app.get("/api/v1/goals/1").await;
    let etag = before.headers()["etag"].to_str().unwrap().to_owned();

    let mut changed = tarina::data::bundled().unwrap();
    changed.areas[0].goals[0].title.fi = "Varhaiskasvatus on laadukasta (korjattu).".into();
    app.db.save(&changed, OnExisting::Replace).await;

    // The server polls the data version; wait a bounded time for it to notice.
    let mut seen = false;
    for _ in 0..500 {
        if app.html("/fi/tavoitteet/varhaiskasvatus").await.contains("(korjattu)") {
            seen = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(seen, "the new title is served");
    let after = app.get_with("/api/v1/goals/1", "if-none-match", &etag).await;
    assert_eq!(after.status(), 200, "the old ETag no longer matches");
    let body: serde_json::Value = after.json().await.unwrap();
    assert_eq!(body["title"]["fi"], "Varhaiskasvatus on laadukasta (korjattu).");
}

on_both_backends!(
    root_sends_visitors_to_their_language,
    every_page_type_has_the_accessible_structure_in_every_language,
    goal_pages_show_the_goal_its_actions_and_its_area,
    the_areas_page_lists_all_42_goals,
    narrative_timeline_and_statement_have_their_content,
    unreviewed_translations_are_announced_and_finnish_pages_are_not,
    a_missing_translation_falls_back_to_finnish_marked_as_finnish,
    unknown_pages_are_404_in_the_right_language,
    text_is_escaped_not_injected,
    a_change_written_by_another_process_is_served_without_a_restart,
);
