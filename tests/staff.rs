//! The staff half over HTTP, on both backends: signing in and out, one answer whether or not an account
//! exists, lockout, form tokens and same-origin checks, sessions a person can see and end, accounts that
//! only admins manage (with the audit log written alongside), and every staff route walked with every role.

mod common;

use common::browser::{account, form_token, signed_in, try_sign_in, user_add, Browser, PASSWORD};
use common::Backend;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::StatusCode;
use tarina::domain::access::Role;

async fn signing_in_and_out(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    // Accounts and sessions are never published: none of this touches the data version the public reads.
    let data_version = app.json("/healthz").await["snapshot"]["data_version"].clone();
    let created = user_add(
        &app,
        &[
            "--email",
            "Kirjaamo@Espoo.fi",
            "--role",
            "admin",
            "--name",
            "Kaisa Kirjaamo",
        ],
        PASSWORD,
    );
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    let short = user_add(&app, &["--email", "toinen@espoo.fi", "--role", "viewer"], "lyhyt");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 12"));

    // A staff page without a session sends the person to sign in, and nothing staff is ever cached.
    let anonymous = app.get("/staff/fi/sessions").await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        anonymous.headers()[LOCATION],
        "/staff/fi/sign-in?next=%2Fstaff%2Ffi%2Fsessions"
    );
    assert_eq!(anonymous.headers()["cache-control"], "no-store");

    // A wrong password and an unknown address get the same answer.
    let mut stranger = Browser::default();
    let wrong = try_sign_in(&app, &mut stranger, "kirjaamo@espoo.fi", "väärä salasana tähän").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let wrong_page = wrong.text().await.unwrap();
    let unknown = try_sign_in(&app, &mut stranger, "nobody@espoo.fi", "väärä salasana tähän").await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    let unknown_page = unknown
        .text()
        .await
        .unwrap()
        .replace("nobody@espoo.fi", "kirjaamo@espoo.fi");
    assert_eq!(wrong_page, unknown_page);
    assert!(wrong_page.contains("Sähköpostiosoite tai salasana on väärin."));
    assert!(
        wrong_page.contains("value=\"kirjaamo@espoo.fi\""),
        "what was typed is kept"
    );

    // Empty fields are named next to their fields; a form without its token is refused.
    let empty = try_sign_in(&app, &mut stranger, "", "").await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = empty.text().await.unwrap();
    assert!(text.contains("Kirjoita sähköpostiosoite.") && text.contains("Kirjoita salasana."));
    let forged = app
        .client
        .post(app.url("/staff/fi/sign-in"))
        .form(&[("email", "kirjaamo@espoo.fi"), ("password", PASSWORD), ("csrf", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);

    let mut browser = Browser::default();
    let response = try_sign_in(&app, &mut browser, "KIRJAAMO@espoo.fi ", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[LOCATION], "/staff/fi/");
    let cookie = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect::<Vec<_>>();
    assert!(cookie
        .iter()
        .any(|c| c.starts_with("tarina-session=") && c.contains("HttpOnly") && c.contains("SameSite=Lax")));
    let home = browser.get(&app, "/staff/sv/").await;
    assert_eq!(home.status(), 200);
    assert_eq!(home.headers()["cache-control"], "no-store");
    let text = home.text().await.unwrap();
    assert!(text.contains("<html lang=\"sv\">") && text.contains("Kaisa Kirjaamo") && text.contains("huvudanvändare"));
    browser.csrf = form_token(&text);

    // Signing out needs the form token; afterwards the cookie no longer opens anything.
    let old_cookies = browser.clone();
    let refused = browser.post(&app, "/staff/fi/sign-out", &[]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(refused.headers()["content-type"], "text/html; charset=utf-8");
    let out = browser.submit(&app, "/staff/fi/sign-out", &[]).await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    let mut replay = old_cookies;
    assert_eq!(replay.get(&app, "/staff/fi/").await.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.json("/healthz").await["snapshot"]["data_version"], data_version);
}

async fn lockout_after_repeated_failures(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "maija@espoo.fi", Role::Viewer, None).await;
    account(&app, "matti@espoo.fi", Role::Viewer, None).await;
    let mut browser = Browser::default();
    for _ in 0..5 {
        let response = try_sign_in(&app, &mut browser, "maija@espoo.fi", "arvaus arvaus arvaus").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let locked = try_sign_in(&app, &mut browser, "maija@espoo.fi", PASSWORD).await;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(locked.headers().contains_key("retry-after"));
    assert!(locked
        .text()
        .await
        .unwrap()
        .contains("Liian monta epäonnistunutta kirjautumista."));
    // An address nobody has locks the same way, so lockout tells nothing either.
    for _ in 0..5 {
        try_sign_in(&app, &mut browser, "eiole@espoo.fi", "arvaus arvaus arvaus").await;
    }
    assert_eq!(
        try_sign_in(&app, &mut browser, "eiole@espoo.fi", PASSWORD)
            .await
            .status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another account from the same address still signs in.
    signed_in(&app, "matti@espoo.fi").await;
}

async fn sessions_are_seen_and_ended_by_their_owner(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "maija@espoo.fi", Role::Viewer, None).await;
    account(&app, "matti@espoo.fi", Role::Viewer, None).await;
    let mut laptop = signed_in(&app, "maija@espoo.fi").await;
    let mut phone = signed_in(&app, "maija@espoo.fi").await;
    let mut other = signed_in(&app, "matti@espoo.fi").await;
    let list = laptop.get(&app, "/staff/en/sessions").await.text().await.unwrap();
    assert_eq!(
        list.matches("/end\"").count(),
        1,
        "the other session can be ended, this one is marked"
    );
    assert!(list.contains("This browser"));
    let at = list.find("/staff/en/sessions/").unwrap() + "/staff/en/sessions/".len();
    let phone_id = list[at..].split('/').next().unwrap().to_owned();

    // Someone else's session is not found, and stays.
    let foreign = other
        .submit(&app, &format!("/staff/fi/sessions/{phone_id}/end"), &[])
        .await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
    assert_eq!(phone.get(&app, "/staff/fi/").await.status(), 200);

    let ended = laptop
        .submit(&app, &format!("/staff/en/sessions/{phone_id}/end"), &[])
        .await;
    assert_eq!(ended.status(), StatusCode::SEE_OTHER);
    assert_eq!(phone.get(&app, "/staff/fi/").await.status(), StatusCode::SEE_OTHER);
    assert_eq!(laptop.get(&app, "/staff/fi/").await.status(), 200);
}

async fn accounts_are_managed_by_admins_with_an_audit_trail(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "admin@espoo.fi", Role::Admin, None).await;
    account(&app, "lukija@espoo.fi", Role::Viewer, None).await;
    let mut admin = signed_in(&app, "admin@espoo.fi").await;
    let org = {
        let store = app.db.store().await;
        let strategy = store.current_strategy().await.unwrap().unwrap();
        let outline = store.cascade_outline(strategy.city.slug.as_str()).await.unwrap();
        outline
            .organisations
            .iter()
            .find(|o| o.parent.is_some())
            .unwrap()
            .slug
            .to_string()
    };

    // Every problem at once, next to its field, with what was typed kept (but never the password).
    let bad = admin
        .submit(
            &app,
            "/staff/fi/accounts",
            &[
                ("email", "ei osoite"),
                ("name", "Uusi"),
                ("role", "department_editor"),
                ("organisation", ""),
                ("language", "sv"),
                ("password", "lyhyt"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = bad.text().await.unwrap();
    for message in [
        "Salasanassa on oltava vähintään 12",
        "Kirjoita syy",
        "Korjaa nämä kohdat",
    ] {
        assert!(text.contains(message), "{message}");
    }
    assert!(text.contains("value=\"ei osoite\"") && !text.contains("lyhyt"));
    assert!(text.contains("aria-invalid=\"true\""));

    let good = [
        ("email", "Uusi@Espoo.fi"),
        ("name", "Uusi Ylläpitäjä"),
        ("role", "department_editor"),
        ("organisation", org.as_str()),
        ("language", "sv"),
        ("password", PASSWORD),
        ("reason", "uusi toimialan ylläpitäjä"),
    ];
    let created = admin.submit(&app, "/staff/fi/accounts", &good).await;
    assert_eq!(
        created.status(),
        StatusCode::SEE_OTHER,
        "{}",
        created.text().await.unwrap()
    );
    let list = admin
        .get(&app, "/staff/fi/accounts?created=uusi%40espoo.fi")
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains("Käyttäjätili uusi@espoo.fi luotiin.") && list.contains("Uusi Ylläpitäjä"));
    let again = admin.submit(&app, "/staff/fi/accounts", &good).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert!(again
        .text()
        .await
        .unwrap()
        .contains("Tällä sähköpostiosoitteella on jo käyttäjätili."));
    signed_in(&app, "uusi@espoo.fi").await;

    // The audit log has who, why, what and the details after, never a password.
    let export = app.db.store().await.export().await.unwrap();
    let json = serde_json::to_string(&export.change_log).unwrap();
    assert!(json.contains("uusi toimialan ylläpitäjä"), "{json}");

    // A viewer may look at nothing of it and change nothing.
    let mut viewer = signed_in(&app, "lukija@espoo.fi").await;
    assert_eq!(
        viewer.get(&app, "/staff/fi/accounts").await.status(),
        StatusCode::FORBIDDEN
    );
    let forbidden = viewer.submit(&app, "/staff/fi/accounts", &good).await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    assert!(!viewer
        .get(&app, "/staff/fi/")
        .await
        .text()
        .await
        .unwrap()
        .contains("/staff/fi/accounts"));
}

async fn cross_site_requests_are_refused(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "maija@espoo.fi", Role::Admin, None).await;
    let browser = signed_in(&app, "maija@espoo.fi").await;
    let response = app
        .client
        .post(app.url("/staff/fi/sign-out"))
        .header(COOKIE, browser.cookie_header())
        .header("origin", "https://evil.example")
        .form(&[("csrf", browser.csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let mut browser = browser;
    assert_eq!(browser.get(&app, "/staff/fi/").await.status(), 200, "still signed in");
}

/// The `<title>` is a page name of the staff site, never a page's own data: the frame's fields share one
/// namespace with the page's, and a page's `title` once replaced the frame's with a serialised form.
fn assert_page_title(html: &str, path: &str) {
    let title = html
        .split_once("<title>")
        .and_then(|(_, rest)| rest.split_once("</title>"))
        .map(|(title, _)| title)
        .unwrap_or_else(|| panic!("{path} has no <title>"));
    let name = title
        .strip_suffix(" – Tarina – henkilöstö")
        .unwrap_or_else(|| panic!("{path}: the title {title:?} does not end with the staff site's name"));
    assert!(
        !name.is_empty() && name.len() < 80 && !name.contains(['[', '{', '&', '"']),
        "{path}: the title {title:?} is not a page name"
    );
}

/// Every staff route with every role (and nobody): the answers follow the table in `domain::access::policy`.
async fn every_route_with_every_role(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    let (org, indicator, action, target, version) = {
        let store = app.db.store().await;
        let strategy = store.current_strategy().await.unwrap().unwrap();
        let outline = store.cascade_outline(strategy.city.slug.as_str()).await.unwrap();
        let indicator = outline
            .targets
            .iter()
            .find_map(|t| t.indicators.first().copied())
            .unwrap();
        let action = strategy.actions().next().unwrap().id;
        let target = outline.targets[0].id;
        let org = outline.organisations[0].slug.to_string();
        (
            org,
            indicator,
            action,
            target,
            (strategy.version.clone(), strategy.areas[0].goals[0].id),
        )
    };
    let mut browsers = Vec::new();
    for role in Role::ALL {
        let email = format!("{role}@espoo.fi");
        account(&app, &email, role, role.needs_organisation().then_some(org.as_str())).await;
        browsers.push((Some(role), signed_in(&app, &email).await));
    }
    browsers.push((None, Browser::default()));
    let some_account = app.db.store().await.accounts().await.unwrap()[0].id;
    let account_page = format!("/staff/fi/accounts/{some_account}");
    let admin_id = {
        let accounts = app.db.store().await.accounts().await.unwrap();
        let admin = accounts.iter().find(|a| a.role == Role::Admin).unwrap();
        admin.id.to_string()
    };
    for (role, mut browser) in browsers {
        let admin = role == Some(Role::Admin);
        let office = matches!(role, Some(Role::Admin | Role::StrategyEditor));
        let signed = role.is_some();
        // A department editor here acts for the city itself, so it reaches every indicator.
        let records = matches!(role, Some(Role::Admin | Role::StrategyEditor | Role::DepartmentEditor));
        let values = format!("/staff/fi/indicators/{indicator}/values");
        // The action owner here has no assignments, so it reaches no action.
        let reports = matches!(role, Some(Role::Admin | Role::StrategyEditor));
        let progress = format!("/staff/fi/actions/{action}/progress");
        // Posting a status update goes with reporting progress.
        let updates = format!("/staff/fi/actions/{action}/updates");
        let assessment = format!("/staff/fi/targets/{target}/assessment");
        let target_form = format!("/staff/fi/targets/{target}");
        let definition = format!("/staff/fi/indicators/{indicator}");
        // Who may edit an indicator's definition may edit its connector: here the same people as record.
        let connector = format!("/staff/fi/connectors/{indicator}");
        // An update interval: an action's is the strategy office's, an indicator's whoever edits its definition.
        let action_interval = format!("/staff/fi/reminders/action/{action}");
        let indicator_interval = format!("/staff/fi/reminders/indicator/{indicator}");
        // A version's texts (here the approved one, shown without edit links) and an item's: every role reads.
        let texts = format!("/staff/fi/versions/{}/texts", version.0);
        let text_item = format!("{texts}/goal/{}", version.1);
        // A version's structure and its forms (here the approved one, shown without changes): every role reads.
        let structure = format!("/staff/fi/versions/{}/structure", version.0);
        let structure_new = format!("{structure}/new/goal");
        let structure_split = format!("{structure}/goal/{}/split", version.1);
        let pages = vec![
            ("/staff/fi/", signed),
            (&texts, signed),
            (&text_item, signed),
            (&structure, signed),
            (&structure_new, signed),
            (&structure_split, signed),
            ("/staff/fi/sessions", signed),
            ("/staff/fi/connectors", signed),
            ("/staff/fi/accounts", admin),
            (&account_page, admin),
            ("/staff/fi/tokens", admin),
            ("/staff/fi/audit", admin),
            ("/staff/fi/audit.csv", admin),
            // The outbox's problems: the strategy office and admins.
            ("/staff/fi/mail", office),
            // The overdue list: the strategy office and admins.
            ("/staff/fi/reminders", office),
            (&action_interval, office),
            (&indicator_interval, records),
            // Translation review: the strategy office's, as the texts span every organisation.
            ("/staff/fi/translations", office),
            ("/staff/fi/translations?target=en", office),
            ("/staff/fi/translations.xlf", office),
            ("/staff/fi/indicators", records),
            ("/staff/fi/indicators/upload", records),
            (&values, records),
            ("/staff/fi/actions", signed),
            (&progress, reports),
            ("/staff/fi/targets", signed),
            // Strategy versions: everyone signed in sees them, drafts too; only the office takes steps.
            ("/staff/fi/versions", signed),
            ("/staff/fi/versions/1.1", signed),
            ("/staff/fi/versions/1.1/diff/1.1", signed),
            (&assessment, records),
            ("/staff/fi/targets/new", records),
            (&target_form, records),
            (&definition, records),
            (&connector, records),
        ];
        for (path, allowed) in pages {
            let answer = browser.get(&app, path).await;
            let status = answer.status();
            let expected = match (signed, allowed) {
                (false, _) => StatusCode::SEE_OTHER,
                (true, true) => StatusCode::OK,
                (true, false) => StatusCode::FORBIDDEN,
            };
            assert_eq!(status, expected, "{role:?} GET {path}");
            if status == StatusCode::OK && !path.ends_with(".csv") && !path.ends_with(".xlf") {
                let html = answer.text().await.unwrap();
                assert_page_title(&html, path);
            }
        }
        // Asking for a password reset link needs no session: the same page for everyone.
        let forgot = browser.get(&app, "/staff/fi/forgot-password").await;
        assert_eq!(
            forgot.status(),
            StatusCode::OK,
            "{role:?} GET /staff/fi/forgot-password"
        );
        assert_page_title(&forgot.text().await.unwrap(), "/staff/fi/forgot-password");
        let email = format!("new-{}@espoo.fi", role.map_or("nobody".into(), |r| r.to_string()));
        let form = [
            ("email", email.as_str()),
            ("name", "X"),
            ("role", "viewer"),
            ("organisation", ""),
            ("language", "fi"),
            ("password", ""),
            ("reason", "walk"),
        ];
        let status = browser.submit(&app, "/staff/fi/accounts", &form).await.status();
        let expected = match role {
            None => StatusCode::UNAUTHORIZED,
            Some(Role::Admin) => StatusCode::SEE_OTHER,
            Some(_) => StatusCode::FORBIDDEN,
        };
        assert_eq!(status, expected, "{role:?} POST /staff/fi/accounts");
        // A year's stage: only the strategy office moves it (here nothing of 2018 is proposed, so the step
        // is refused as bad input, having changed nothing).
        let step = [("step", "withdraw"), ("reason", "walk")];
        let status = browser
            .submit(&app, "/staff/fi/targets/years/2018", &step)
            .await
            .status();
        let expected = match role {
            None => StatusCode::UNAUTHORIZED,
            Some(Role::Admin | Role::StrategyEditor) => StatusCode::UNPROCESSABLE_ENTITY,
            Some(_) => StatusCode::FORBIDDEN,
        };
        assert_eq!(status, expected, "{role:?} POST /staff/fi/targets/years/2018");
        // Copying a year likewise (here onto itself, refused as bad input, having copied nothing).
        let copy = [("to", "2018"), ("copy_reason", "walk")];
        let status = browser
            .submit(&app, "/staff/fi/targets/years/2018/copy", &copy)
            .await
            .status();
        assert_eq!(status, expected, "{role:?} POST /staff/fi/targets/years/2018/copy");
        // Reminding an action's owners by hand: only the strategy office (here the action has no update
        // interval, so there is nothing to remind of and the office gets 404).
        let remind = format!("/staff/fi/reminders/action/{action}/remind");
        let status = browser.submit(&app, &remind, &[("reason", "walk")]).await.status();
        let expected = match role {
            None => StatusCode::UNAUTHORIZED,
            Some(Role::Admin | Role::StrategyEditor) => StatusCode::NOT_FOUND,
            Some(_) => StatusCode::FORBIDDEN,
        };
        assert_eq!(status, expected, "{role:?} POST {remind}");
        // Strategy versions: only the strategy office takes steps (here a label that cannot be used, refused as
        // bad input, and submitting the approved version, which its status does not allow).
        let draft = [("label", "a/b"), ("from", "1.1"), ("reason", "walk")];
        let status = browser.submit(&app, "/staff/fi/versions", &draft).await.status();
        let expected = match role {
            None => StatusCode::UNAUTHORIZED,
            Some(Role::Admin | Role::StrategyEditor) => StatusCode::UNPROCESSABLE_ENTITY,
            Some(_) => StatusCode::FORBIDDEN,
        };
        assert_eq!(status, expected, "{role:?} POST /staff/fi/versions");
        let submit = "/staff/fi/versions/1.1/submit";
        let status = browser.submit(&app, submit, &[("reason", "walk")]).await.status();
        let expected = match role {
            None => StatusCode::UNAUTHORIZED,
            Some(Role::Admin | Role::StrategyEditor) => StatusCode::CONFLICT,
            Some(_) => StatusCode::FORBIDDEN,
        };
        assert_eq!(status, expected, "{role:?} POST {submit}");
        // A version's texts: only the strategy office saves them (here the approved version, which is no draft,
        // so the office gets 409, having changed nothing).
        let text = [("title_fi", "walk"), ("reason", "walk"), ("revision", "walk")];
        let status = browser.submit(&app, &text_item, &text).await.status();
        let expected = match role {
            None => StatusCode::UNAUTHORIZED,
            Some(Role::Admin | Role::StrategyEditor) => StatusCode::CONFLICT,
            Some(_) => StatusCode::FORBIDDEN,
        };
        assert_eq!(status, expected, "{role:?} POST {text_item}");
        // A version's structure: only the strategy office changes it (here the approved version, 409).
        let reorder = [("op", "remove:area:1"), ("reason", "walk"), ("revision", "walk")];
        let status = browser.submit(&app, &structure, &reorder).await.status();
        assert_eq!(status, expected, "{role:?} POST {structure}");
        let add = [
            ("parent", "1"),
            ("title_fi", "walk"),
            ("reason", "walk"),
            ("revision", "walk"),
        ];
        let status = browser.submit(&app, &structure_new, &add).await.status();
        assert_eq!(status, expected, "{role:?} POST {structure_new}");
        // API tokens: an admin creates one for its own account (the page answers with the secret) and revokes
        // tokens; nobody else may do either, whatever the form says.
        let form = [
            ("account", admin_id.as_str()),
            ("name", "walk"),
            ("role", "viewer"),
            ("organisation", ""),
            ("indicators", ""),
            ("actions", ""),
            ("expires", ""),
            ("reason", "walk"),
        ];
        let status = browser.submit(&app, "/staff/fi/tokens", &form).await.status();
        let expected = match role {
            None => StatusCode::UNAUTHORIZED,
            Some(Role::Admin) => StatusCode::OK,
            Some(_) => StatusCode::FORBIDDEN,
        };
        assert_eq!(status, expected, "{role:?} POST /staff/fi/tokens");
        let revoke = "/staff/fi/tokens/999999/revoke";
        let status = browser.submit(&app, revoke, &[("reason", "walk")]).await.status();
        let expected = match role {
            None => StatusCode::UNAUTHORIZED,
            Some(Role::Admin) => StatusCode::NOT_FOUND,
            Some(_) => StatusCode::FORBIDDEN,
        };
        assert_eq!(status, expected, "{role:?} POST {revoke}");
        // An unknown region: refused as bad input by those who may record, as forbidden by the others.
        let form = [
            ("region", "ei-ole"),
            ("date", "2030-12-31"),
            ("value", "1"),
            ("source", "walk"),
            ("reason", "walk"),
        ];
        let status = browser.submit(&app, &values, &form).await.status();
        let expected = match role {
            None => StatusCode::UNAUTHORIZED,
            Some(_) if records => StatusCode::UNPROCESSABLE_ENTITY,
            Some(_) => StatusCode::FORBIDDEN,
        };
        assert_eq!(status, expected, "{role:?} POST {values}");
        // Settings that cannot work: refused as bad input by those who may edit, as forbidden by the others.
        let form = [("settings", "kind = \"csv\""), ("reason", "walk")];
        let status = browser.submit(&app, &connector, &form).await.status();
        assert_eq!(status, expected, "{role:?} POST {connector}");
        // Unknown keywords: bad input for those who may edit the item, forbidden for the others.
        let edits = [
            (
                &progress,
                reports,
                [("state", "ei-ole"), ("as_of", "2030-12-31"), ("reason", "walk")],
            ),
            (
                &updates,
                reports,
                [
                    ("update_state", "ei-ole"),
                    ("update_as_of", "2030-12-31"),
                    ("update_reason", "walk"),
                ],
            ),
            (
                &assessment,
                records,
                [("grade", "ei-ole"), ("justification_fi", "x"), ("reason", "walk")],
            ),
        ];
        for (path, allowed, form) in edits {
            let status = browser.submit(&app, path, &form).await.status();
            let expected = match role {
                None => StatusCode::UNAUTHORIZED,
                Some(_) if allowed => StatusCode::UNPROCESSABLE_ENTITY,
                Some(_) => StatusCode::FORBIDDEN,
            };
            assert_eq!(status, expected, "{role:?} POST {path}");
        }
    }
}

on_both_backends!(
    signing_in_and_out,
    lockout_after_repeated_failures,
    sessions_are_seen_and_ended_by_their_owner,
    accounts_are_managed_by_admins_with_an_audit_trail,
    cross_site_requests_are_refused,
    every_route_with_every_role,
);
