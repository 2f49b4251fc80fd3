//! The audit log in the staff pages, on both backends: every change made through them is there with who,
//! why and what; admins filter it and download it as CSV, where a formula typed into a reason cannot run;
//! nobody else sees it.

mod common;

use common::browser::{account, signed_in};
use common::Backend;
use reqwest::StatusCode;
use tarina::domain::access::Role;

async fn admins_read_and_download_the_audit_log(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "admin@espoo.fi", Role::Admin, None).await;
    account(&app, "lukija@espoo.fi", Role::Viewer, None).await;
    let mut admin = signed_in(&app, "admin@espoo.fi").await;
    let form = [
        ("email", "uusi@espoo.fi"),
        ("name", "Uusi"),
        ("role", "viewer"),
        ("organisation", ""),
        ("language", "fi"),
        ("password", ""),
        ("reason", "=HYPERLINK(\"http://evil.example\")"),
    ];
    assert_eq!(
        admin.submit(&app, "/staff/fi/accounts", &form).await.status(),
        StatusCode::SEE_OTHER
    );

    let page = admin.get(&app, "/staff/en/audit").await;
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["cache-control"], "no-store");
    let page = page.text().await.unwrap();
    assert!(page.contains("account uusi@espoo.fi created as viewer"), "{page}");
    assert!(page.contains("admin@espoo.fi (user:"), "the person is named");
    assert!(
        page.contains("&quot;role&quot;:&quot;viewer&quot;"),
        "the details after are shown, as text"
    );

    // Filters narrow the list; a wildcard typed is taken literally.
    let none = admin
        .get(&app, "/staff/en/audit?actor=connector%3A")
        .await
        .text()
        .await
        .unwrap();
    assert!(!none.contains("uusi@espoo.fi created") && none.contains("No entries with these filters."));
    let by_text = admin
        .get(&app, "/staff/en/audit?q=UUSI%40espoo")
        .await
        .text()
        .await
        .unwrap();
    assert!(by_text.contains("uusi@espoo.fi created"));
    let literal = admin.get(&app, "/staff/en/audit?q=%25").await.text().await.unwrap();
    assert!(literal.contains("No entries with these filters."));
    let future = admin
        .get(&app, "/staff/en/audit?from=2999-01-01")
        .await
        .text()
        .await
        .unwrap();
    assert!(future.contains("No entries with these filters."));
    let bad = admin.get(&app, "/staff/en/audit?from=eilen").await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().await.unwrap().contains("value=\"eilen\""));

    let csv = admin.get(&app, "/staff/fi/audit.csv?q=uusi").await;
    assert_eq!(csv.status(), 200);
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = csv.text().await.unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("at,actor,reason,action,subject,summary,before,after")
    );
    let row = lines.next().expect("one entry");
    assert!(
        row.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\")\",account.create,account:"),
        "{row}"
    );
    assert_eq!(lines.next(), None);

    let mut viewer = signed_in(&app, "lukija@espoo.fi").await;
    assert_eq!(
        viewer.get(&app, "/staff/fi/audit").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        viewer.get(&app, "/staff/fi/audit.csv").await.status(),
        StatusCode::FORBIDDEN
    );
}

on_both_backends!(admins_read_and_download_the_audit_log);
