//! Editing an indicator's connector in the staff pages, on both backends: the settings as TOML, checked as
//! the loader checks them, refused with the checks' own words, saved with the person and the reason in the
//! audit log, shown at once on the public page; the same settings again write nothing.

mod common;

use common::browser::{account, signed_in};
use common::Backend;
use reqwest::StatusCode;
use tarina::domain::access::Role;

const FORM: &str = "/staff/en/connectors/4";

async fn staff_who_edit_definitions_edit_connectors_with_a_reason(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "admin@espoo.fi", Role::Admin, None).await;
    account(&app, "lukija@espoo.fi", Role::Viewer, None).await;
    let mut admin = signed_in(&app, "admin@espoo.fi").await;
    let list = admin.get(&app, "/staff/en/connectors").await.text().await.unwrap();
    assert!(
        list.contains("<a href=\"/staff/en/connectors/4\">Edit settings</a>"),
        "{list}"
    );
    assert!(
        list.contains("<li><a href=\"/staff/en/connectors/1\">"),
        "indicators without a connector can be given one: {list}"
    );
    let form = admin.get(&app, FORM).await.text().await.unwrap();
    assert!(
        form.contains("name = &quot;statfin-11re-vaesto&quot;"),
        "the bundled settings: {form}"
    );

    let broken = admin
        .submit(&app, FORM, &[("settings", "kind = <csv>"), ("reason", "")])
        .await;
    assert_eq!(broken.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = broken.text().await.unwrap();
    assert!(page.contains("The settings cannot be used:"), "{page}");
    assert!(
        page.contains("kind = &lt;csv&gt;"),
        "what was typed is kept, as text: {page}"
    );
    assert!(page.contains("Give a reason"), "{page}");
    let unusable = "name = \"vaesto-csv\"\nkind = \"csv\"\nurl = \"https://example.org/vaesto.csv\"\n\
                    region = { column = \"Alue\", map = { Espoo = \"espoo\" } }\ninterval = \"P7D\"\n";
    let page = admin
        .submit(&app, FORM, &[("settings", unusable), ("reason", "CSV")])
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("a csv connector needs time"), "{page}");
    assert!(page.contains("a csv connector needs value"), "{page}");

    let usable = format!("{unusable}time = \"Vuosi\"\nvalue = \"Väestö\"\n");
    let saved = admin
        .submit(&app, FORM, &[("settings", &usable), ("reason", "the city's own file")])
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    assert_eq!(saved.headers()["location"], "/staff/en/connectors/4?saved=1");
    let page = admin
        .get(&app, "/staff/en/connectors/4?saved=1")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("The settings were saved."), "{page}");
    let public = app.html("/en/indicators/4-vakiluku").await;
    assert!(
        public.contains("vaesto-csv. Not yet checked with the source."),
        "{public}"
    );
    let audit = admin.get(&app, "/staff/en/audit").await.text().await.unwrap();
    assert!(
        audit.contains("indicator 4 fetches its values with the csv connector vaesto-csv (indicator:4)"),
        "{audit}"
    );
    assert!(audit.contains("the city&#39;s own file"), "{audit}");
    assert!(
        audit.contains("statfin-11re-vaesto") && audit.contains("vaesto-csv"),
        "before and after: {audit}"
    );

    let store = app.db.store().await;
    let version = store.data_version().await.unwrap();
    let again = admin
        .submit(&app, FORM, &[("settings", &usable), ("reason", "again")])
        .await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        store.data_version().await.unwrap(),
        version,
        "the same settings write nothing"
    );

    let removed = admin
        .submit(&app, FORM, &[("settings", "  "), ("reason", "no longer published")])
        .await;
    assert_eq!(removed.status(), StatusCode::SEE_OTHER);
    let public = app.html("/en/indicators/4-vakiluku").await;
    assert!(!public.contains("vaesto-csv"), "{public}");

    let mut viewer = signed_in(&app, "lukija@espoo.fi").await;
    assert_eq!(viewer.get(&app, FORM).await.status(), StatusCode::FORBIDDEN);
    let list = viewer.get(&app, "/staff/en/connectors").await.text().await.unwrap();
    assert!(
        !list.contains("Edit settings") && !list.contains("/staff/en/connectors/1"),
        "{list}"
    );
}

on_both_backends!(staff_who_edit_definitions_edit_connectors_with_a_reason);
