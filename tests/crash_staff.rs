//! Crash safety of staff writes through HTTP: a server process is killed with SIGKILL while people submit
//! value forms. Afterwards every submission the server acknowledged (its redirect arrived) is stored, and every
//! submission is either wholly there (the value and its audit entry) or wholly absent.

mod common;

use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use common::browser::{form_token, try_sign_in, user_add, Browser, PASSWORD};
use common::{Backend, TestApp, TestDb};
use reqwest::StatusCode;

/// Submissions each writer sends at most before the server dies.
const SUBMISSIONS: usize = 400;
const WRITERS: usize = 4;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn raw_count(db: &TestDb, sql: &str) -> i64 {
    let store_url = &db.url;
    match db.backend {
        Backend::Sqlite => {
            let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(store_url)
                .await
                .unwrap();
            sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
        }
        Backend::Postgres => {
            let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(store_url)
                .await
                .unwrap();
            sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
        }
    }
}

async fn value_forms_survive_a_killed_server(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let db = Arc::new(db);
    // Seeded by a server in this process, which then stops; the account is made as the first admin is.
    let (indicator, region) = {
        let seeding = common::spawn_on(db.clone()).await;
        let output = user_add(
            &seeding,
            &["--email", "kirjaaja@espoo.fi", "--role", "strategy_editor"],
            PASSWORD,
        );
        assert!(output.status.success(), "{output:?}");
        let store = db.store().await;
        let strategy = store.current_strategy().await.unwrap().unwrap();
        let outline = store.cascade_outline(strategy.city.slug.as_str()).await.unwrap();
        let indicator = &outline.indicators[0];
        (indicator.id, indicator.regions[0].to_string())
    };
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tarina"))
        .args(["--database", &db.url, "serve", "--addr", &format!("127.0.0.1:{port}")])
        .env_remove("TARINA_DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Arc::new(TestApp::external(
        format!("127.0.0.1:{port}").parse().unwrap(),
        db.clone(),
    ));
    let mut ready = false;
    for _ in 0..200 {
        if matches!(server.client.get(server.url("/healthz")).send().await, Ok(r) if r.status() == StatusCode::OK) {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(ready, "the server process answers");
    let mut browser = Browser::default();
    let signed = try_sign_in(&server, &mut browser, "kirjaaja@espoo.fi", PASSWORD).await;
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
    browser.csrf = form_token(&browser.get(&server, "/staff/fi/").await.text().await.unwrap());

    // Each submission has a day and a reason of its own; the writers go on until the server is gone.
    let path = format!("/staff/fi/indicators/{indicator}/values");
    let first = chrono::NaiveDate::from_ymd_opt(1950, 1, 1).unwrap();
    let mut writers = Vec::new();
    for writer in 0..WRITERS {
        let (server, path, region) = (server.clone(), path.clone(), region.clone());
        let (cookies, csrf) = (browser.cookie_header(), browser.csrf.clone());
        writers.push(tokio::spawn(async move {
            let mut acknowledged = Vec::new();
            for n in 0..SUBMISSIONS {
                let i = writer * SUBMISSIONS + n;
                let date = (first + chrono::Days::new(i as u64)).to_string();
                let reason = format!("kaatuminen {i}");
                let value = format!("{i},5");
                let form = [
                    ("region", region.as_str()),
                    ("date", date.as_str()),
                    ("value", value.as_str()),
                    ("source", "Kaatumistesti"),
                    ("reason", reason.as_str()),
                ];
                // Sent by hand rather than by `Browser::submit`, which treats a lost connection as a failed test.
                let sent = server
                    .client
                    .post(server.url(&path))
                    .header(reqwest::header::COOKIE, cookies.clone())
                    .form(&[&form[..], &[("csrf", csrf.as_str())]].concat())
                    .timeout(Duration::from_secs(5))
                    .send()
                    .await;
                match sent {
                    Ok(response) if response.status() == StatusCode::SEE_OTHER => acknowledged.push(i),
                    _ => break,
                }
            }
            acknowledged
        }));
    }
    tokio::time::sleep(Duration::from_millis(700)).await;
    child.kill().unwrap();
    child.wait().unwrap();
    let mut acknowledged = Vec::new();
    for writer in writers {
        acknowledged.extend(writer.await.unwrap_or_default());
    }
    assert!(
        !acknowledged.is_empty(),
        "some submissions were acknowledged before the kill"
    );

    // Whatever the moment of the kill: the value and its audit entry are there together or not at all.
    let values = raw_count(
        &db,
        "SELECT COUNT(*) FROM indicator_values WHERE on_date < '1960-01-01'",
    )
    .await;
    let entries = raw_count(&db, "SELECT COUNT(*) FROM change_log WHERE reason LIKE 'kaatuminen %'").await;
    assert_eq!(values, entries, "no submission is half-applied");
    assert!(
        values as usize >= acknowledged.len(),
        "every acknowledged submission is stored"
    );
    let restarted = common::spawn_on(db.clone()).await;
    for i in acknowledged {
        let date = first + chrono::Days::new(i as u64);
        let served = restarted
            .json(&format!(
                "/api/v1/indicators/{indicator}?from={date}&to={date}&region={region}"
            ))
            .await;
        assert_eq!(
            served["values"][0]["value"],
            serde_json::json!(i as f64 + 0.5),
            "{date}: {served}"
        );
    }
}

on_both_backends!(value_forms_survive_a_killed_server);
