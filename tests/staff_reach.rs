//! An admin changes what an account reaches, on both backends: assigns actions to an action owner, who then
//! reports on those and no others; deactivates an account, whose sessions end at once; bad input comes back
//! with its errors and changes nothing; an admin cannot lock themselves out; every change is audited with
//! before and after.

mod common;

use common::browser::{account, signed_in, try_sign_in, Browser, PASSWORD};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use tarina::domain::access::Role;

async fn account_id(app: &TestApp, email: &str) -> i64 {
    let store = app.db.store().await;
    store
        .accounts()
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.email.as_str() == email)
        .unwrap()
        .id
}

async fn admins_assign_and_deactivate(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let store = app.db.store().await;
    let strategy = store.current_strategy().await.unwrap().unwrap();
    let mut actions = strategy.actions().map(|a| a.id);
    let (own, other) = (actions.next().unwrap(), actions.next().unwrap());
    account(&app, "admin@espoo.fi", Role::Admin, None).await;
    account(&app, "omistaja@espoo.fi", Role::ActionOwner, None).await;
    let mut admin = signed_in(&app, "admin@espoo.fi").await;
    let mut owner = signed_in(&app, "omistaja@espoo.fi").await;
    let owner_id = account_id(&app, "omistaja@espoo.fi").await;
    let admin_id = account_id(&app, "admin@espoo.fi").await;
    let path = format!("/staff/en/accounts/{owner_id}");
    let progress = |action| format!("/staff/fi/actions/{action}/progress");
    assert_eq!(owner.get(&app, &progress(own)).await.status(), StatusCode::FORBIDDEN);

    let list = admin.get(&app, "/staff/en/accounts").await.text().await.unwrap();
    assert!(list.contains(&format!("/staff/en/accounts/{owner_id}\"")));
    let logged = store.audit_entries(&Default::default(), 100, 0).await.unwrap().len();

    // Every problem at once; nothing changes.
    let bad = admin
        .submit(
            &app,
            &path,
            &[
                ("role", "viewer"),
                ("organisation", "ei-ole"),
                ("active", "on"),
                ("actions", "1, 99999"),
                ("indicators", "x"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = bad.text().await.unwrap();
    for message in [
        "Choose an organisation",
        "numbers of actions",
        "numbers of existing indicators",
        "Give a reason",
    ] {
        assert!(page.contains(message), "{message}");
    }
    assert!(page.contains("value=\"1, 99999\""), "what was typed is kept");
    let bad = admin
        .submit(
            &app,
            &path,
            &[
                ("role", "viewer"),
                ("organisation", ""),
                ("active", "on"),
                ("actions", &own.to_string()),
                ("reason", "x"),
            ],
        )
        .await;
    assert_eq!(
        bad.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "only an action owner owns actions"
    );
    assert_eq!(
        store.audit_entries(&Default::default(), 100, 0).await.unwrap().len(),
        logged
    );

    // Assigned one action, the owner reports on it and on no other.
    let own_text = own.to_string();
    let assign = [
        ("role", "action_owner"),
        ("organisation", ""),
        ("active", "on"),
        ("actions", own_text.as_str()),
        ("indicators", ""),
        ("reason", "vastuunjako 2019"),
    ];
    assert_eq!(admin.submit(&app, &path, &assign).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(owner.get(&app, &progress(own)).await.status(), StatusCode::OK);
    assert_eq!(owner.get(&app, &progress(other)).await.status(), StatusCode::FORBIDDEN);
    let list = owner.get(&app, "/staff/fi/actions").await.text().await.unwrap();
    assert!(list.contains(&format!("/staff/fi/actions/{own}/progress\"")));
    assert!(!list.contains(&format!("/staff/fi/actions/{other}/progress\"")));
    let entry = store.audit_entries(&Default::default(), 1, 0).await.unwrap().remove(0);
    assert_eq!(
        (entry.action.as_str(), entry.reason.as_str()),
        ("account.update", "vastuunjako 2019")
    );
    assert!(entry.after_json.unwrap().contains(&format!("\"actions\":[\"{own}\"]")));
    assert!(entry.before_json.unwrap().contains("\"actions\":[]"));

    // An admin cannot take away their own role or sign-in.
    let own_page = format!("/staff/en/accounts/{admin_id}");
    let demote = [
        ("role", "viewer"),
        ("organisation", ""),
        ("active", "on"),
        ("reason", "x"),
    ];
    assert_eq!(
        admin.submit(&app, &own_page, &demote).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // Deactivated: the owner's session ends at once and signing in is refused.
    let deactivate = [
        ("role", "action_owner"),
        ("organisation", ""),
        ("actions", own_text.as_str()),
        ("reason", "lähti"),
    ];
    assert_eq!(
        admin.submit(&app, &path, &deactivate).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        owner.get(&app, &progress(own)).await.status(),
        StatusCode::SEE_OTHER,
        "sent to sign in"
    );
    let refused = try_sign_in(&app, &mut Browser::default(), "omistaja@espoo.fi", PASSWORD).await;
    assert_ne!(refused.status(), StatusCode::SEE_OTHER);

    // Others may not look at or change accounts.
    account(&app, "strategia@espoo.fi", Role::StrategyEditor, None).await;
    let mut editor = signed_in(&app, "strategia@espoo.fi").await;
    assert_eq!(editor.get(&app, &path).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        editor.submit(&app, &path, &assign).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        admin.get(&app, "/staff/en/accounts/999999").await.status(),
        StatusCode::NOT_FOUND
    );
}

on_both_backends!(admins_assign_and_deactivate);
