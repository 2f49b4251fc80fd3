//! Indicator definitions through the staff form, on both backends: a strategy editor changes names, unit,
//! direction and reference values; a changed figure needs to say where it is stated, an unchanged one keeps
//! its source; bad input changes nothing and keeps what was typed; a region with values is never dropped;
//! another department's indicator is refused; markup stays text on the public pages and in the API; two
//! editors never overwrite each other.

mod common;

use common::browser::{account, signed_in};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use tarina::domain::access::Role;
use tarina::domain::edit::{Item, ItemRef};
use tarina::domain::IndicatorId;

fn revision(html: &str) -> String {
    let at = html.find("name=\"revision\" value=\"").expect("a revision") + 23;
    html[at..at + html[at..].find('"').unwrap()].to_owned()
}

/// The form of indicator 1 as drawn, with `changes` applied, as pairs to post.
fn form(drawn: &str, changes: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let value = |name: &str| -> String {
        for (open, close) in [
            (format!("name=\"{name}\" type=\"text\" value=\""), "\""),
            (format!("name=\"{name}\" lang="), "</textarea>"),
        ] {
            if let Some(at) = drawn.find(&open) {
                let rest = &drawn[at + open.len()..];
                let rest = if close == "</textarea>" {
                    &rest[rest.find('>').unwrap() + 1..]
                } else {
                    rest
                };
                let raw = &rest[..rest.find(close).unwrap()];
                return raw
                    .replace("&amp;", "&")
                    .replace("&quot;", "\"")
                    .replace("&#x27;", "'")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">");
            }
        }
        String::new()
    };
    let mut pairs: Vec<(&'static str, String)> = [
        "name_fi",
        "name_sv",
        "name_en",
        "definition_fi",
        "definition_sv",
        "definition_en",
        "unit_fi",
        "unit_sv",
        "unit_en",
        "source_fi",
        "source_sv",
        "source_en",
        "band_low",
        "band_high",
        "licence",
        "regions",
        "baseline_date",
        "baseline_value",
        "target_date",
        "target_value",
    ]
    .into_iter()
    .map(|name| (name, value(name)))
    .collect();
    pairs.extend([
        ("decimals", "1".to_owned()),
        ("direction", "increase".to_owned()),
        ("frequency", "annual".to_owned()),
        ("milestones", String::new()),
        ("basis", String::new()),
        ("reason", "tarkennus".to_owned()),
        ("revision", revision(drawn)),
    ]);
    for (name, changed) in changes {
        let slot = pairs.iter_mut().find(|(n, _)| n == name).expect("a field of the form");
        slot.1 = (*changed).to_owned();
    }
    pairs
}

async fn post(
    browser: &mut common::browser::Browser,
    app: &TestApp,
    path: &str,
    pairs: &[(&'static str, String)],
) -> reqwest::Response {
    let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (*n, v.as_str())).collect();
    browser.submit(app, path, &borrowed).await
}

async fn a_definition_is_edited_with_its_sources(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "strategia@espoo.fi", Role::StrategyEditor, None).await;
    let mut editor = signed_in(&app, "strategia@espoo.fi").await;
    let path = "/staff/en/indicators/1";
    let drawn = editor.get(&app, path).await.text().await.unwrap();
    assert!(drawn.contains("Employment rate"));

    // A new target value without saying where it is stated, and more: every problem, nothing written.
    let bad = form(
        &drawn,
        &[
            ("name_fi", ""),
            ("decimals", "9"),
            ("direction", "sideways"),
            ("regions", "espoo, atlantis"),
            ("target_value", "76,5"),
            ("milestones", "2019-12-31 73\nhuomenna 74"),
            ("reason", ""),
        ],
    );
    let refused = post(&mut editor, &app, path, &bad).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = refused.text().await.unwrap();
    for message in [
        "Write the text in Finnish first",
        "Give the number of decimals",
        "Choose a direction from the list.",
        "Give at least one region",
        "Write each milestone on a line of its own",
        "Say where the new or changed figures are stated.",
        "Give a reason",
    ] {
        assert!(page.contains(message), "{message}");
    }
    assert!(page.contains("huomenna 74"), "what was typed is kept");

    // Dropping a region that has values is refused.
    let dropped = post(&mut editor, &app, path, &form(&drawn, &[("regions", "leppavaara")])).await;
    assert_eq!(dropped.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(dropped
        .text()
        .await
        .unwrap()
        .contains("A region that has values cannot be removed"));

    let good = form(
        &drawn,
        &[
            ("name_en", "Employment rate <script>alert(1)</script>"),
            ("target_value", "76,5"),
            ("milestones", "2019-12-31 73.5"),
            ("regions", "espoo, leppavaara"),
            ("basis", "Talousarvio 2019"),
            ("reason", "valtuuston uusi tavoite"),
        ],
    );
    let saved = post(&mut editor, &app, path, &good).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let store = app.db.store().await;
    let cascade = store.cascade("espoo").await.unwrap();
    let indicator = cascade.indicators.iter().find(|i| i.id.get() == 1).unwrap();
    let target = indicator.target.as_ref().unwrap();
    assert_eq!(target.value, 76.5);
    assert_eq!(
        target.basis.fi, "Talousarvio 2019",
        "a changed figure says where it is stated"
    );
    let baseline = indicator.baseline.as_ref().unwrap();
    assert!(
        baseline.example,
        "an unchanged figure keeps its source and its example flag"
    );
    assert_eq!(indicator.milestones.len(), 1);
    assert_eq!(indicator.regions.len(), 2);
    assert_eq!(indicator.value_count(), indicator.series[0].values.len(), "values kept");

    let public = app
        .client
        .get(app.url("/en/indicators/1-tyollisyysaste"))
        .send()
        .await
        .unwrap();
    let html = public.text().await.unwrap();
    assert!(html.contains("Employment rate &lt;script&gt;"), "markup shown as text");
    assert!(!html.contains("<script>alert(1)"));
    let api = app.client.get(app.url("/api/v1/indicators/1")).send().await.unwrap();
    assert!(
        api.text()
            .await
            .unwrap()
            .contains("Employment rate <script>alert(1)</script>"),
        "JSON carries the text as text"
    );

    let entries = store
        .audit_entries(&tarina::store::AuditFilter::default(), 10, 0)
        .await
        .unwrap();
    let entry = entries
        .iter()
        .find(|e| e.action == "indicator.definition")
        .expect("audited");
    assert_eq!(entry.subject, "indicator:1");
    assert_eq!(entry.reason, "valtuuston uusi tavoite");
}

on_both_backends!(a_definition_is_edited_with_its_sources);

async fn only_those_who_reach_it_define_it(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    // Indicator 8 is measured by targets of the education department and of the premises enterprise.
    account(&app, "sivistys@espoo.fi", Role::DepartmentEditor, Some("sivistystoimi")).await;
    account(&app, "omistaja@espoo.fi", Role::ActionOwner, None).await;
    let mut department = signed_in(&app, "sivistys@espoo.fi").await;
    let mut owner = signed_in(&app, "omistaja@espoo.fi").await;
    assert_eq!(
        department.get(&app, "/staff/fi/indicators/1").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        owner.get(&app, "/staff/fi/indicators/8").await.status(),
        StatusCode::FORBIDDEN
    );
    let own = department.get(&app, "/staff/fi/indicators/8").await;
    assert_eq!(own.status(), StatusCode::OK);
    let drawn = own.text().await.unwrap();
    // A crafted post to another department's indicator changes nothing.
    let crafted = post(
        &mut department,
        &app,
        "/staff/fi/indicators/1",
        &form(&drawn, &[("name_fi", "Kaapattu")]),
    )
    .await;
    assert_eq!(crafted.status(), StatusCode::FORBIDDEN);

    // Two editors of one definition: one wins, the other sees both versions.
    account(&app, "kollega@espoo.fi", Role::DepartmentEditor, Some("sivistystoimi")).await;
    let mut colleague = signed_in(&app, "kollega@espoo.fi").await;
    let a = form(&drawn, &[("name_fi", "Ensimmäinen nimi")]);
    let b = form(&drawn, &[("name_fi", "Toinen nimi")]);
    let (ra, rb) = tokio::join!(
        post(&mut department, &app, "/staff/fi/indicators/8", &a),
        post(&mut colleague, &app, "/staff/fi/indicators/8", &b)
    );
    let mut statuses = [ra.status(), rb.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    let loser = if ra.status() == StatusCode::CONFLICT { ra } else { rb };
    let page = loser.text().await.unwrap();
    assert!(page.contains("Ensimmäinen nimi") && page.contains("Toinen nimi"));
    let store = app.db.store().await;
    let outline = store.cascade_outline("espoo").await.unwrap();
    assert_ne!(
        outline.indicators.iter().find(|i| i.id.get() == 1).unwrap().name.fi,
        "Kaapattu"
    );
}

on_both_backends!(only_those_who_reach_it_define_it);

/// A figure that takes all 17 significant digits to tell apart from its neighbours reads back exactly as
/// saved: the form's read folds the references into JSON, where a number would be rounded, so their values
/// travel as exact text. Saving the same figures again then writes nothing, as the read equals them.
async fn figures_read_back_exactly(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "strategia@espoo.fi", Role::StrategyEditor, None).await;
    let mut editor = signed_in(&app, "strategia@espoo.fi").await;
    let path = "/staff/en/indicators/1";
    let drawn = editor.get(&app, path).await.text().await.unwrap();
    let figures = [
        ("target_value", "76.50000000000001"),
        ("milestones", "2019-12-31 0.30000000000000004\n2020-12-31 1e-300"),
        ("basis", "Talousarvio 2019"),
    ];
    let exact = form(&drawn, &[&figures[..], &[("reason", "tarkat luvut")]].concat());
    let saved = post(&mut editor, &app, path, &exact).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let store = app.db.store().await;
    let read = store
        .item("espoo", ItemRef::Definition(IndicatorId::new(1).unwrap()))
        .await
        .unwrap();
    let Item::Definition(definition) = read else {
        panic!("a definition, not {read:?}");
    };
    assert_eq!(definition.target.as_ref().unwrap().value, 76.50000000000001);
    let milestones: Vec<f64> = definition.milestones.iter().map(|m| m.value).collect();
    assert_eq!(milestones, [0.1 + 0.2, 1e-300]);

    let again = editor.get(&app, path).await.text().await.unwrap();
    let same = form(&again, &[&figures[..], &[("reason", "sama uudelleen")]].concat());
    let unchanged = post(&mut editor, &app, path, &same).await;
    assert_eq!(unchanged.status(), StatusCode::SEE_OTHER);
    let entries = store
        .audit_entries(&tarina::store::AuditFilter::default(), 10, 0)
        .await
        .unwrap();
    let saves = entries.iter().filter(|e| e.action == "indicator.definition").count();
    assert_eq!(saves, 1, "the unchanged form wrote nothing");
}

on_both_backends!(figures_read_back_exactly);
