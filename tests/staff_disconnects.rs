//! Clients that go away mid-request, on both backends: a request dropped while it waits for the database
//! (its `BEGIN` under way, say) must not leave a pooled connection inside a transaction, or every later
//! request that gets that connection fails. Many signed-in requests are started and abandoned at varied
//! moments; then every request must still be answered.

mod common;

use std::time::Duration;

use common::browser::{account, signed_in};
use common::{Backend, TestApp};
use reqwest::header::COOKIE;
use reqwest::StatusCode;
use tarina::domain::access::Role;

/// Starts `count` signed-in requests to `path` and drops them all after `after`.
async fn abandon(app: &TestApp, cookie: &str, path: &str, count: usize, after: Duration) {
    let mut started = Vec::new();
    for _ in 0..count {
        let request = app.client.get(app.url(path)).header(COOKIE, cookie).send();
        started.push(tokio::spawn(request));
    }
    tokio::time::sleep(after).await;
    for request in started {
        request.abort();
    }
}

async fn abandoned_requests_leave_the_database_usable(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    account(&app, "admin@espoo.fi", Role::Admin, None).await;
    let browser = signed_in(&app, "admin@espoo.fi").await;
    let cookie = browser.cookie_header();
    for round in 0..40u64 {
        let path = [
            "/staff/fi/",
            "/staff/fi/targets/1",
            "/staff/fi/indicators/1",
            "/staff/fi/audit",
        ][round as usize % 4];
        abandon(&app, &cookie, path, 24, Duration::from_micros(200 * (round % 10))).await;
    }
    // Every connection the pool gives out now must work.
    for path in [
        "/staff/fi/",
        "/staff/fi/targets/1",
        "/staff/fi/indicators/1",
        "/staff/fi/audit",
    ] {
        for _ in 0..25 {
            let response = app
                .client
                .get(app.url(path))
                .header(COOKIE, &cookie)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{path}");
        }
    }
}

on_both_backends!(abandoned_requests_leave_the_database_usable);
