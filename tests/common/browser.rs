//! A staff member's browser for the staff tests: cookies kept by hand, so that each test sees exactly what is
//! sent, and sign-in through the real form.

use std::io::Write as _;
use std::process::{Command, Stdio};

use reqwest::header::{COOKIE, SET_COOKIE};
use reqwest::StatusCode;
use tarina::app::accounts::password::PasswordHasher;
use tarina::domain::access::{NewAccount, Password, Role};
use tarina::domain::change::Change;
use tarina::domain::{Lang, Slug};

use super::TestApp;

pub const PASSWORD: &str = "kolme pientä porsasta";

/// Creates an account through the command line, as the first admin is created; the password on stdin.
pub fn user_add(app: &TestApp, args: &[&str], password: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tarina"))
        .args(["--database", &app.db.url, "user", "add"])
        .args(args)
        .env_remove("TARINA_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// Creates an account straight through the use case, for tests that need many.
pub async fn account(app: &TestApp, email: &str, role: Role, organisation: Option<&str>) {
    let store = app.db.store().await;
    let new = NewAccount::new(
        email,
        email,
        role,
        organisation.map(|o| Slug::parse(o).unwrap()),
        Lang::Fi,
    )
    .unwrap();
    let hasher = PasswordHasher::new(1, 0).unwrap();
    let password = Password::new(PASSWORD.into()).unwrap();
    tarina::app::accounts::add_account(
        store.as_ref(),
        &hasher,
        &new,
        Some(&password),
        &Change::new("test", "test"),
    )
    .await
    .unwrap();
}

/// A browser's cookies for one person, kept by hand so that each test sees exactly what is sent.
#[derive(Default, Clone)]
pub struct Browser {
    pub cookies: Vec<(String, String)>,
    pub csrf: String,
}

impl Browser {
    pub fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep(&mut self, response: &reqwest::Response) {
        for value in response.headers().get_all(SET_COOKIE) {
            let text = value.to_str().unwrap();
            let (pair, _) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').unwrap();
            self.cookies.retain(|(k, _)| k != name);
            if !text.contains("Max-Age=0") {
                self.cookies.push((name.to_owned(), value.to_owned()));
            }
        }
    }

    pub async fn get(&mut self, app: &TestApp, path: &str) -> reqwest::Response {
        let response = app
            .client
            .get(app.url(path))
            .header(COOKIE, self.cookie_header())
            .send()
            .await
            .unwrap();
        self.keep(&response);
        response
    }

    pub async fn post(&mut self, app: &TestApp, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        let response = app
            .client
            .post(app.url(path))
            .header(COOKIE, self.cookie_header())
            .form(form)
            .send()
            .await
            .unwrap();
        self.keep(&response);
        response
    }

    /// Posts with the session's form token added.
    pub async fn submit(&mut self, app: &TestApp, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        let csrf = self.csrf.clone();
        let mut with_token = form.to_vec();
        with_token.push(("csrf", &csrf));
        self.post(app, path, &with_token).await
    }
}

/// The value of the hidden `csrf` field in a page.
pub fn form_token(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("a form token") + 19;
    html[at..at + html[at..].find('"').unwrap()].to_owned()
}

pub async fn try_sign_in(app: &TestApp, browser: &mut Browser, email: &str, password: &str) -> reqwest::Response {
    let page = browser.get(app, "/staff/fi/sign-in").await;
    assert_eq!(page.status(), 200);
    let token = form_token(&page.text().await.unwrap());
    browser
        .post(
            app,
            "/staff/fi/sign-in",
            &[("email", email), ("password", password), ("csrf", &token), ("next", "")],
        )
        .await
}

pub async fn signed_in(app: &TestApp, email: &str) -> Browser {
    let mut browser = Browser::default();
    let response = try_sign_in(app, &mut browser, email, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{email} signs in");
    let home = browser.get(app, "/staff/fi/").await;
    assert_eq!(home.status(), 200);
    browser.csrf = form_token(&home.text().await.unwrap());
    browser
}
