//! API tokens in the staff pages, on both backends: admins create them (the secret shown once, on the answer
//! to the form) and revoke them, both audited with the admin and the reason; nobody else manages them. A
//! missing, unknown, revoked or expired token gets 401, and a signed-in browser's cookie opens nothing.
//! `tarina token add` prints a working secret alone on standard output, and refuses a scope that does not fit.

mod common;

use common::browser::{account, signed_in};
use common::tokens::{account_id, create_token, get_state, own_and_foreign, path, problem};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use serde_json::json;
use tarina::domain::access::Role;
use tarina::store::AuditFilter;

async fn tokens_are_created_shown_once_and_revoked(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "admin@espoo.fi", Role::Admin, None).await;
    account(&app, "integraatio@espoo.fi", Role::StrategyEditor, None).await;
    account(&app, "lukija@espoo.fi", Role::Viewer, None).await;
    let mut admin = signed_in(&app, "admin@espoo.fi").await;
    let integration = account_id(&app, "integraatio@espoo.fi").await;
    let (_, indicator, other, _) = own_and_foreign(&app).await;

    // Every problem at once, next to its field, what was typed kept.
    let bad = admin
        .submit(
            &app,
            "/staff/en/tokens",
            &[
                ("account", ""),
                ("name", " "),
                ("role", "department_editor"),
                ("organisation", ""),
                ("indicators", "kolme"),
                ("actions", ""),
                ("expires", "31.12.2030"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = bad.text().await.unwrap();
    for message in [
        "Choose an account from the list.",
        "Give indicator ids as whole numbers",
        "Give a day after today",
        "Give a reason",
        "A name has 1 to 100 characters.",
    ] {
        assert!(page.contains(message), "{message}: {page}");
    }
    assert!(page.contains("value=\"kolme\"") && page.contains("aria-invalid=\"true\""));

    // The secret is shown once, on the answer to the form, and it works.
    let secret = create_token(&app, &mut admin, &[("account", integration.as_str())]).await;
    assert!(secret.starts_with("tarina_") && secret.len() > 40, "{secret}");
    let list = admin.get(&app, "/staff/en/tokens").await;
    assert_eq!(list.headers()["cache-control"], "no-store");
    let list = list.text().await.unwrap();
    assert!(list.contains("tilastotuonti") && list.contains("integraatio@espoo.fi") && list.contains("active"));
    assert!(!list.contains(&secret), "the secret is not shown again");
    assert_eq!(get_state(&app, &secret, indicator).await.status(), StatusCode::OK);

    // An action owner's token reaches the indicators it names, and no others.
    let assigned = indicator.to_string();
    let owner = create_token(
        &app,
        &mut admin,
        &[
            ("account", integration.as_str()),
            ("name", "yksi mittari"),
            ("role", "action_owner"),
            ("indicators", assigned.as_str()),
        ],
    )
    .await;
    assert_eq!(get_state(&app, &owner, indicator).await.status(), StatusCode::OK);
    assert_eq!(get_state(&app, &owner, other).await.status(), StatusCode::FORBIDDEN);
    let list = admin.get(&app, "/staff/fi/tokens").await.text().await.unwrap();
    assert!(list.contains(&format!("mittari {indicator}")), "{list}");
    let unknown = admin
        .submit(
            &app,
            "/staff/en/tokens",
            &[
                ("account", integration.as_str()),
                ("name", "x"),
                ("role", "action_owner"),
                ("organisation", ""),
                ("indicators", "999999"),
                ("actions", ""),
                ("expires", ""),
                ("reason", "x"),
            ],
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown
        .text()
        .await
        .unwrap()
        .contains("There is no indicator with the id 999999."));

    // Revoking needs a reason; afterwards the token opens nothing.
    let id = {
        let tokens = app.db.store().await.api_tokens().await.unwrap();
        tokens.iter().find(|t| t.name == "tilastotuonti").unwrap().id
    };
    let revoke = format!("/staff/en/tokens/{id}/revoke");
    let refused = admin.submit(&app, &revoke, &[("reason", " ")]).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains(&format!("id=\"reason-{id}-error\"")));
    let revoked = admin.submit(&app, &revoke, &[("reason", "vuotanut lokiin")]).await;
    assert_eq!(revoked.status(), StatusCode::SEE_OTHER);
    let list = admin
        .get(&app, "/staff/en/tokens?revoked=1")
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains("The token was revoked.") && list.contains("revoked"));
    let gone = get_state(&app, &secret, indicator).await;
    assert_eq!(
        gone.headers()["www-authenticate"],
        "Bearer realm=\"tarina\", error=\"invalid_token\""
    );
    problem(gone, StatusCode::UNAUTHORIZED).await;
    assert_eq!(
        admin
            .submit(&app, &revoke, &[("reason", "toisen kerran")])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    // Both are in the audit log with the admin and the reason, never the secret.
    let store = app.db.store().await;
    let entries = store
        .audit_entries(
            &AuditFilter {
                text: Some("\"tilastotuonti\"".into()),
                ..AuditFilter::default()
            },
            10,
            0,
        )
        .await
        .unwrap();
    let admin_id = account_id(&app, "admin@espoo.fi").await;
    let actions: Vec<(&str, &str, &str)> = entries
        .iter()
        .map(|e| (e.action.as_str(), e.actor.as_str(), e.reason.as_str()))
        .collect();
    let actor = format!("user:{admin_id}");
    assert_eq!(
        actions,
        [
            ("api-token.revoke", actor.as_str(), "vuotanut lokiin"),
            ("api-token.create", actor.as_str(), "tilastojen tuonti"),
        ]
    );
    assert!(!serde_json::to_string(&entries).unwrap().contains(&secret));

    // Nobody else manages tokens.
    let mut viewer = signed_in(&app, "lukija@espoo.fi").await;
    assert_eq!(
        viewer.get(&app, "/staff/en/tokens").await.status(),
        StatusCode::FORBIDDEN
    );
}

async fn only_live_tokens_open_the_api(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "admin@espoo.fi", Role::Admin, None).await;
    let mut admin = signed_in(&app, "admin@espoo.fi").await;
    let me = account_id(&app, "admin@espoo.fi").await;
    let (_, indicator, _, _) = own_and_foreign(&app).await;

    // No token, a token of another scheme, an unknown token: 401 as problem details.
    let none = app.get(&path(indicator)).await;
    assert_eq!(none.headers()["www-authenticate"], "Bearer realm=\"tarina\"");
    assert_eq!(none.headers()["cache-control"], "no-store");
    let body = problem(none, StatusCode::UNAUTHORIZED).await;
    assert_eq!(body["status"], 401);
    let basic = app
        .get_with(&path(indicator), "authorization", "Basic YWRtaW46YWRtaW4=")
        .await;
    assert_eq!(basic.status(), StatusCode::UNAUTHORIZED);
    let unknown = get_state(&app, "tarina_not-a-token", indicator).await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);

    // A signed-in browser's session cookie opens nothing here, so no other site can make it write.
    let cookie = app
        .client
        .post(app.url(&path(indicator)))
        .header("cookie", admin.cookie_header())
        .header("if-match", "*")
        .json(&json!({"reason": "x", "values": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(cookie.status(), StatusCode::UNAUTHORIZED);

    // A token past its last day is refused, like a revoked one.
    let secret = create_token(&app, &mut admin, &[("account", me.as_str()), ("expires", "2099-12-31")]).await;
    assert_eq!(get_state(&app, &secret, indicator).await.status(), StatusCode::OK);
    expire_every_token(&app).await;
    let expired = get_state(&app, &secret, indicator).await;
    assert_eq!(expired.status(), StatusCode::UNAUTHORIZED);
    let list = admin.get(&app, "/staff/en/tokens").await.text().await.unwrap();
    assert!(list.contains("expired"));
}

/// Moves every token's end into the past, as time would.
async fn expire_every_token(app: &TestApp) {
    use sqlx::Connection as _;
    let sql = "UPDATE api_tokens SET expires_at = '2020-01-01T00:00:00.000000Z'";
    match app.db.backend {
        Backend::Sqlite => {
            let mut db = sqlx::SqliteConnection::connect(&app.db.url).await.unwrap();
            sqlx::query(sql).execute(&mut db).await.unwrap();
        }
        Backend::Postgres => {
            let mut db = sqlx::PgConnection::connect(&app.db.url).await.unwrap();
            sqlx::query(sql).execute(&mut db).await.unwrap();
        }
    }
}

/// `tarina token add`, as a deployment script or CI makes a token: the secret alone on standard output.
async fn tokens_from_the_command_line(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "integraatio@espoo.fi", Role::StrategyEditor, None).await;
    let (organisation, indicator, _, _) = own_and_foreign(&app).await;
    let add = |args: &[&str]| {
        let mut all = vec!["token", "add", "--email", "integraatio@espoo.fi", "--name", "ci"];
        all.extend_from_slice(args);
        common::tarina(&app.db.url, &all)
    };
    let made = add(&["--role", "department_editor", "--organisation", &organisation]);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let secret = String::from_utf8(made.stdout).unwrap().trim().to_owned();
    assert!(
        secret.starts_with("tarina_") && !secret.contains(char::is_whitespace),
        "{secret}"
    );
    assert!(String::from_utf8_lossy(&made.stderr).contains("shown only now"));
    assert_eq!(get_state(&app, &secret, indicator).await.status(), StatusCode::OK);

    for (args, message) in [
        (vec!["--role", "department_editor"], "needs an organisation"),
        (vec!["--role", "action_owner"], "names the indicators or actions"),
        (vec!["--role", "viewer", "--expires", "2001-01-01"], "after today"),
        (
            vec!["--role", "department_editor", "--organisation", "atlantis"],
            "no organisation atlantis",
        ),
    ] {
        let refused = add(&args);
        assert!(!refused.status.success() && refused.stdout.is_empty(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&refused.stderr).contains(message),
            "{args:?}: {}",
            String::from_utf8_lossy(&refused.stderr)
        );
    }
    let nobody = common::tarina(
        &app.db.url,
        &[
            "token",
            "add",
            "--email",
            "ei@espoo.fi",
            "--role",
            "viewer",
            "--name",
            "x",
        ],
    );
    assert!(String::from_utf8_lossy(&nobody.stderr).contains("there is no account ei@espoo.fi"));
}

on_both_backends!(
    tokens_are_created_shown_once_and_revoked,
    only_live_tokens_open_the_api,
    tokens_from_the_command_line,
);
