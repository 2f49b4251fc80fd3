//! Staff sign-in through a real OpenID provider (npm `oidc-provider`, OpenID Certified) that the test starts,
//! on both backends: the first sign-in links the provider's subject to the account with that verified email
//! address, later ones find it by subject; an unverified or unknown address, a replayed answer and a refused
//! authorization sign nobody in.
//!
//! The provider needs Node.js and `npm ci` in `qa/oidc`; without them this test says "skipped", unless
//! `TARINA_TEST_OIDC=required` (set by CI) makes it fail instead.

mod common;

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use common::{Backend, TestApp, TestDb};
use reqwest::header::LOCATION;
use reqwest::StatusCode;
use tarina::app::accounts::oidc::OidcSettings;
use tarina::app::accounts::password::PasswordHasher;
use tarina::domain::access::{NewAccount, Role};
use tarina::domain::change::Change;
use tarina::domain::Lang;

/// The provider process, stopped when dropped.
struct Provider(Child);

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn provider_script() -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("qa/oidc");
    let installed = dir.join("node_modules/oidc-provider").exists()
        && Command::new("node")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
    if installed {
        return Some(dir.join("provider.mjs"));
    }
    assert!(
        std::env::var("TARINA_TEST_OIDC").as_deref() != Ok("required"),
        "the OpenID provider is required: install Node.js and run `npm ci` in qa/oidc"
    );
    eprintln!("skipped: no OpenID provider (install Node.js and run `npm ci` in qa/oidc)");
    None
}

fn start_provider(script: &std::path::Path, port: u16, redirect: &str) -> Provider {
    let mut child = Command::new("node")
        .arg(script)
        .arg(port.to_string())
        .arg(redirect)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("node starts");
    let mut output = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    output.read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "ready", "the provider starts");
    // Keep reading what it prints, or its next line would fail on a closed pipe and stop it.
    std::thread::spawn(move || std::io::copy(&mut output, &mut std::io::sink()));
    Provider(child)
}

async fn account(app: &TestApp, email: &str) {
    let store = app.db.store().await;
    let new = NewAccount::new(email, "Maija Meikäläinen", Role::Viewer, None, Lang::Fi).unwrap();
    let hasher = PasswordHasher::new(1, 0).unwrap();
    tarina::app::accounts::add_account(store.as_ref(), &hasher, &new, None, &Change::new("test", "test"))
        .await
        .unwrap();
}

fn attribute<'a>(html: &'a str, before: &str) -> &'a str {
    let at = html.find(before).unwrap_or_else(|| panic!("{before} in {html}")) + before.len();
    &html[at..at + html[at..].find('"').unwrap()]
}

/// Follows the provider's pages as a person would: types `login` at its sign-in page, confirms its consent
/// page, and returns the address it sends the browser back to.
async fn at_provider(browser: &reqwest::Client, provider: &str, start: &str, login: &str) -> String {
    let absolute = |location: &str| {
        if location.starts_with("http") {
            location.to_owned()
        } else {
            format!("{provider}{location}")
        }
    };
    let mut url = start.to_owned();
    for _ in 0..20 {
        if !url.starts_with(provider) {
            return url;
        }
        let response = browser.get(&url).send().await.unwrap();
        if response.status().is_redirection() {
            url = absolute(response.headers()[LOCATION].to_str().unwrap());
            continue;
        }
        let html = response.text().await.unwrap();
        let action = absolute(attribute(&html, "action=\""));
        let form: Vec<(&str, &str)> = if html.contains("name=\"login\"") {
            vec![("prompt", "login"), ("login", login), ("password", "any")]
        } else {
            vec![("prompt", "consent")]
        };
        let response = browser.post(&action).form(&form).send().await.unwrap();
        url = absolute(response.headers()[LOCATION].to_str().unwrap());
    }
    panic!("the provider never sent the browser back");
}

async fn signing_in_through_the_city_provider(backend: Backend) {
    let Some(script) = provider_script() else { return };
    let Some(db) = TestDb::new(backend).await else { return };
    let (provider_port, tarina_port) = (free_port(), free_port());
    let provider = format!("http://127.0.0.1:{provider_port}");
    let redirect = format!("http://127.0.0.1:{tarina_port}/staff/oidc/callback");
    let settings = OidcSettings {
        issuer: provider.clone(),
        client_id: "tarina".into(),
        client_secret: Some("tarina-test-secret".into()),
        redirect_url: redirect.clone(),
    };
    let app = common::spawn_configured(Arc::new(db), |config| {
        config.addr = format!("127.0.0.1:{tarina_port}").parse().unwrap();
        config.site.oidc = Some(settings);
    })
    .await;
    let _provider = start_provider(&script, provider_port, &redirect);
    account(&app, "maija@espoo.fi").await;
    account(&app, "matti@espoo.fi").await;

    let sign_in = |login: &'static str| {
        let app = &app;
        let provider = provider.clone();
        async move {
            let browser = reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap();
            let page = browser
                .get(app.url("/staff/fi/sign-in"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert!(
                page.contains("/staff/fi/sign-in/oidc?next="),
                "the sign-in page offers the city's account"
            );
            let start = browser
                .get(app.url("/staff/fi/sign-in/oidc?next=%2Fstaff%2Fsv%2Fsessions"))
                .send()
                .await
                .unwrap();
            assert_eq!(start.status(), StatusCode::SEE_OTHER);
            let to_provider = start.headers()[LOCATION].to_str().unwrap().to_owned();
            assert!(to_provider.starts_with(&provider) && to_provider.contains("code_challenge_method=S256"));
            assert!(to_provider.contains("nonce=") && to_provider.contains("state="));
            let back = at_provider(&browser, &provider, &to_provider, login).await;
            let response = browser.get(&back).send().await.unwrap();
            (browser, back, response)
        }
    };

    // First time: matched by the verified email address, and the subject linked.
    let (browser, back, response) = sign_in("maija@espoo.fi").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[LOCATION], "/staff/sv/sessions");
    let sessions = browser.get(app.url("/staff/sv/sessions")).send().await.unwrap();
    assert_eq!(sessions.status(), 200);
    assert!(sessions.text().await.unwrap().contains("Maija Meikäläinen"));
    let log = serde_json::to_string(&app.db.store().await.export().await.unwrap().change_log).unwrap();
    assert!(log.contains("linked to its OpenID Connect subject"), "{log}");

    // The provider's answer is used once: replayed, it signs nobody in.
    let replayed = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    assert_eq!(
        replayed.get(&back).send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );

    // Again: found by subject.
    let (_, _, again) = sign_in("maija@espoo.fi").await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);

    // Nobody without an account, and nobody by an address the provider has not verified.
    let (_, _, unknown) = sign_in("nobody@espoo.fi").await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    assert!(unknown
        .text()
        .await
        .unwrap()
        .contains("Kirjautuminen kaupungin tunnuksella ei onnistunut."));
    account(&app, "matti+unverified@espoo.fi").await;
    let (_, _, unverified) = sign_in("matti+unverified@espoo.fi").await;
    assert_eq!(unverified.status(), StatusCode::UNAUTHORIZED);

    // A person who refuses at the provider comes back with an error, not a session.
    let refused = reqwest::Client::new()
        .get(app.url("/staff/oidc/callback?error=access_denied&state=x"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
}

on_both_backends!(signing_in_through_the_city_provider);
