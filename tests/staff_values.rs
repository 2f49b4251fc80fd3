//! Recording indicator values in the staff pages, on both backends: a department editor records a value of
//! its own organisation's indicator and the public sees it at once; another organisation's indicator is
//! refused however the request is crafted; bad input comes back with every error next to its field, what was
//! typed kept, and nothing written; the write is in the audit log with its person and reason.

mod common;

use common::browser::{account, signed_in};
use common::Backend;
use reqwest::StatusCode;
use tarina::domain::access::policy::{indicator_owners, is_within};
use tarina::domain::access::Role;

async fn values_recorded_by_those_who_own_them(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let store = app.db.store().await;
    let strategy = store.current_strategy().await.unwrap().unwrap();
    let outline = store.cascade_outline(strategy.city.slug.as_str()).await.unwrap();
    // An organisation with an indicator of its own, and an indicator that belongs to none of its units.
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
        .expect("an indicator of another organisation")
        .id;
    let region = outline.indicator(own).unwrap().regions[0].to_string();
    account(
        &app,
        "osasto@espoo.fi",
        Role::DepartmentEditor,
        Some(organisation.as_str()),
    )
    .await;
    account(&app, "lukija@espoo.fi", Role::Viewer, None).await;
    let mut editor = signed_in(&app, "osasto@espoo.fi").await;

    let list = editor.get(&app, "/staff/fi/indicators").await;
    assert_eq!(list.status(), 200);
    let list = list.text().await.unwrap();
    assert!(list.contains(&format!("/staff/fi/indicators/{own}/values\"")));
    assert!(!list.contains(&format!("/staff/fi/indicators/{foreign}/values\"")));

    // Every problem at once, next to its field; what was typed is kept; nothing is written.
    let bad = editor
        .submit(
            &app,
            &format!("/staff/sv/indicators/{own}/values"),
            &[
                ("region", "atlantis"),
                ("date", "2017-13-40"),
                ("value", "noin 70"),
                ("source", ""),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = bad.text().await.unwrap();
    for message in [
        "Välj ett område i listan.",
        "Ange datumet",
        "Skriv ett tal",
        "Ange källan",
        "Skriv en orsak",
    ] {
        assert!(page.contains(message), "{message}");
    }
    assert!(page.contains("value=\"noin 70\"") && page.contains("value=\"2017-13-40\""));

    let path = format!("/staff/fi/indicators/{own}/values");
    let form = [
        ("region", region.as_str()),
        ("date", "2024-12-31"),
        ("value", "1234,5"),
        ("source", "Tilastokeskus <script>alert(1)</script>"),
        ("reason", "vuoden 2024 luku"),
    ];
    let recorded = editor.submit(&app, &path, &form).await;
    assert_eq!(recorded.status(), StatusCode::SEE_OTHER);
    let after = editor
        .get(&app, &format!("{path}?recorded=1"))
        .await
        .text()
        .await
        .unwrap();
    assert!(after.contains("Arvo kirjattiin.") && after.contains("1234.5"));
    assert!(
        after.contains("&lt;script&gt;") && !after.contains("<script>alert"),
        "markup is shown as text"
    );
    let public = app
        .json(&format!("/api/v1/indicators/{own}?from=2024-12-31&to=2024-12-31"))
        .await;
    assert_eq!(public["values"][0]["value"], 1234.5, "{public}");
    let entry = store.audit_entries(&Default::default(), 1, 0).await.unwrap().remove(0);
    assert_eq!(
        (entry.action.as_str(), entry.subject),
        ("values.record", format!("indicator:{own}"))
    );
    assert!(
        entry.after_json.unwrap().contains("\"value\":1234.5"),
        "the audit entry lists the value after"
    );
    assert!(
        entry.before_json.unwrap().contains("\"values\":[]"),
        "it replaced nothing"
    );
    let log = serde_json::to_string(&store.export().await.unwrap().change_log).unwrap();
    assert!(
        log.contains("vuoden 2024 luku") && log.contains("\"actor\":\"user:"),
        "{log}"
    );

    // Another organisation's indicator: refused to look at and to write, however the request is made.
    let foreign_path = format!("/staff/fi/indicators/{foreign}/values");
    assert_eq!(editor.get(&app, &foreign_path).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        editor.submit(&app, &foreign_path, &form).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        editor.get(&app, "/staff/fi/indicators/999999/values").await.status(),
        StatusCode::NOT_FOUND
    );

    // A viewer records nothing.
    let mut viewer = signed_in(&app, "lukija@espoo.fi").await;
    assert_eq!(
        viewer.get(&app, "/staff/fi/indicators").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(viewer.submit(&app, &path, &form).await.status(), StatusCode::FORBIDDEN);
}

on_both_backends!(values_recorded_by_those_who_own_them);
