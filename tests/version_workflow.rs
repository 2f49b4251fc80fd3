//! The strategy version workflow on the command line, seen through the public API: a draft copied from the
//! bundled 1.1 under a test-only label ("1.2-test", never a decision of the city) stays internal until it
//! is approved with a complete decision; approval supersedes 1.1; refusals change nothing.

mod common;

use std::path::Path;

use common::{tarina, Backend, TestApp};
use serde_json::Value;
use tarina::domain::change::Change;
use tarina::domain::workflow::Decision;
use tarina::domain::LocalizedText;
use tarina::store::{Audience, AuditFilter, StoreError};

const DATA_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/espoo-tarina-1.1");
const LABEL: &str = "1.2-test";
/// The bundled cascade leaves council goals without targets, so the lint finds errors in any copy of 1.1.
const OVERRIDE: &str = "test only: the targets are not part of this test";

/// Runs `tarina` with `args`; its standard output, or a panic with its standard error.
fn ok(app: &TestApp, args: &[&str]) -> String {
    let output = tarina(&app.db.url, args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "tarina {args:?} failed: {stderr}");
    String::from_utf8(output.stdout).unwrap()
}

/// Runs `tarina` with `args`, which must fail; its standard error.
fn refused(app: &TestApp, args: &[&str]) -> String {
    let output = tarina(&app.db.url, args);
    assert!(!output.status.success(), "tarina {args:?} should have been refused");
    String::from_utf8(output.stderr).unwrap()
}

/// A draft copied from 1.1 and submitted for review.
async fn in_review(backend: Backend) -> Option<TestApp> {
    let app = common::spawn(backend).await?;
    ok(
        &app,
        &["version", "new", LABEL, "--from", "1.1", "--reason", "test draft"],
    );
    ok(
        &app,
        &["version", "submit", LABEL, "--reason", "ready for review (test)"],
    );
    Some(app)
}

/// Approval arguments with every part of the decision, made up for the test.
fn approval<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "version",
        "approve",
        LABEL,
        "--body-fi",
        "Testivaltuusto",
        "--body-sv",
        "Testfullmäktige",
        "--date",
        "2030-01-31",
        "--minutes",
        "Testipöytäkirja 31.1.2030 § 1",
        "--reason",
        "test approval",
    ];
    args.extend_from_slice(extra);
    args
}

/// The public list of versions as (label, status, current).
async fn public_versions(app: &TestApp) -> Vec<(String, String, bool)> {
    let versions = app.json("/api/v1/versions").await;
    versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["label"].as_str().unwrap().to_owned(),
                v["status"].as_str().unwrap().to_owned(),
                v["current"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn listed(label: &str, status: &str, current: bool) -> (String, String, bool) {
    (label.into(), status.into(), current)
}

/// The line `tarina version list` prints for `label`.
fn list_line(app: &TestApp, label: &str) -> String {
    let list = ok(app, &["version", "list"]);
    let prefix = format!("{label}\t");
    list.lines()
        .find(|line| line.starts_with(&prefix))
        .unwrap_or_else(|| panic!("{label} is listed in {list}"))
        .to_owned()
}

async fn a_draft_is_internal_until_approval_makes_it_current(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    ok(
        &app,
        &["version", "new", LABEL, "--from", "1.1", "--reason", "test draft"],
    );
    assert_eq!(public_versions(&app).await, [listed("1.1", "approved", true)]);
    let draft = app.get(&format!("/api/v1/versions/{LABEL}/strategy")).await;
    assert_eq!(draft.status(), 404, "the public cannot open a draft");
    assert_eq!(list_line(&app, LABEL), format!("{LABEL}\tdraft"));

    ok(
        &app,
        &["version", "submit", LABEL, "--reason", "ready for review (test)"],
    );
    let out = ok(&app, &approval(&["--override-lint", OVERRIDE]));
    assert!(out.contains("version 1.1 is now superseded"), "{out}");
    assert!(
        app.eventually_contains("/api/v1/strategy", &format!("\"version\":\"{LABEL}\""))
            .await,
        "the approved version becomes the current one"
    );
    assert_eq!(
        public_versions(&app).await,
        [listed("1.1", "superseded", false), listed(LABEL, "approved", true)]
    );
    let versions = app.json("/api/v1/versions").await;
    assert_eq!(versions[1]["minutes_ref"], "Testipöytäkirja 31.1.2030 § 1");
    assert_eq!(
        versions[1]["lint_override_reason"], OVERRIDE,
        "the override is shown publicly"
    );
    assert_eq!(
        versions[0]["minutes_ref"],
        Value::Null,
        "1.1 was loaded from its source files"
    );
    let old: Value = app.json("/api/v1/versions/1.1/strategy").await;
    let new: Value = app.json(&format!("/api/v1/versions/{LABEL}/strategy")).await;
    assert_eq!(
        old["areas"], new["areas"],
        "the draft is a copy of everything 1.1 holds"
    );
    assert_eq!(old["narrative"], new["narrative"]);
    assert_eq!(
        list_line(&app, LABEL),
        format!(
            "{LABEL}\tapproved\t2030-01-31\tTestivaltuusto\tTestipöytäkirja 31.1.2030 § 1\t\
             lint errors overridden: {OVERRIDE}"
        )
    );

    let filter = AuditFilter {
        actor: Some("cli:version-".into()),
        ..AuditFilter::default()
    };
    let entries = app.db.store().await.audit_entries(&filter, 10, 0).await.unwrap();
    let logged: Vec<(&str, &str, &str)> = entries
        .iter()
        .map(|e| (e.action.as_str(), e.subject.as_str(), e.reason.as_str()))
        .collect();
    let subject = format!("version:{LABEL}");
    assert_eq!(
        logged,
        [
            ("version.approve", subject.as_str(), "test approval"),
            ("version.status", subject.as_str(), "ready for review (test)"),
            ("version.create", subject.as_str(), "test draft"),
        ]
    );
    assert!(entries[0].after_json.as_deref().unwrap().contains(OVERRIDE));
}

async fn an_incomplete_approval_is_refused_and_changes_nothing(backend: Backend) {
    let Some(app) = in_review(backend).await else {
        return;
    };
    let stderr = refused(
        &app,
        &[
            "version",
            "approve",
            LABEL,
            "--minutes",
            "Testipöytäkirja § 1",
            "--override-lint",
            OVERRIDE,
            "--reason",
            "test",
        ],
    );
    assert!(stderr.contains("the decision body (in Finnish) is missing"), "{stderr}");
    assert!(stderr.contains("the decision date is missing"), "{stderr}");
    assert!(stderr.contains("nothing changed"), "{stderr}");
    assert_eq!(list_line(&app, LABEL), format!("{LABEL}\treview"));
    assert_eq!(public_versions(&app).await, [listed("1.1", "approved", true)]);
}

async fn lint_errors_refuse_an_approval_without_an_override(backend: Backend) {
    let Some(app) = in_review(backend).await else {
        return;
    };
    let stderr = refused(&app, &approval(&[]));
    assert!(stderr.contains("the lint finds"), "{stderr}");
    assert!(
        stderr.lines().any(|l| l.starts_with("  error: council goal")),
        "each lint error is listed: {stderr}"
    );
    assert_eq!(list_line(&app, LABEL), format!("{LABEL}\treview"));
    assert_eq!(public_versions(&app).await, [listed("1.1", "approved", true)]);
}

async fn steps_the_status_does_not_allow_are_refused(backend: Backend) {
    let Some(app) = common::spawn(backend).await else {
        return;
    };
    ok(
        &app,
        &["version", "new", LABEL, "--from", "1.1", "--reason", "test draft"],
    );
    let stderr = refused(&app, &approval(&["--override-lint", OVERRIDE]));
    assert!(
        stderr.contains("a version in status draft cannot be approved"),
        "{stderr}"
    );
    let stderr = refused(&app, &["version", "withdraw", LABEL, "--reason", "test"]);
    assert!(
        stderr.contains("a version in status draft cannot be withdrawn"),
        "{stderr}"
    );
    let stderr = refused(&app, &["version", "submit", "1.1", "--reason", "test"]);
    assert!(
        stderr.contains("a version in status approved cannot be submitted"),
        "{stderr}"
    );
    let stderr = refused(&app, &["version", "new", LABEL, "--from", "1.1", "--reason", "test"]);
    assert!(stderr.contains("already holds a strategy version"), "{stderr}");
    let stderr = refused(
        &app,
        &["version", "new", "9.9-test", "--from", "9.8", "--reason", "test"],
    );
    assert!(stderr.contains("no strategy version \"9.8\""), "{stderr}");
    let stderr = refused(&app, &["version", "new", "a/b", "--from", "1.1", "--reason", "test"]);
    assert!(stderr.contains("not a usable version label"), "{stderr}");

    ok(&app, &["version", "submit", LABEL, "--reason", "test"]);
    ok(
        &app,
        &["version", "withdraw", LABEL, "--reason", "needs more work (test)"],
    );
    assert_eq!(list_line(&app, LABEL), format!("{LABEL}\tdraft"));
    ok(&app, &["version", "submit", LABEL, "--reason", "test"]);
    ok(&app, &approval(&["--override-lint", OVERRIDE]));
    let stderr = refused(&app, &["version", "submit", "1.1", "--reason", "test"]);
    assert!(
        stderr.contains("a version in status superseded cannot be submitted"),
        "{stderr}"
    );
    let stderr = refused(&app, &approval(&["--override-lint", OVERRIDE]));
    assert!(
        stderr.contains("a version in status approved cannot be approved"),
        "{stderr}"
    );
}

/// The bundled data relabelled `label`, written to `dir`.
fn relabelled(dir: &Path, label: &str) {
    for file in tarina::data::read_dir(Path::new(DATA_DIR)).expect("the data folder reads") {
        let path = dir.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let text = match file.path.as_str() {
            "strategy.toml" => file
                .text
                .replacen("version = \"1.1\"", &format!("version = \"{label}\""), 1),
            _ => file.text,
        };
        std::fs::write(path, text).unwrap();
    }
}

async fn versions_under_review_or_decided_refuse_content_changes(backend: Backend) {
    let Some(app) = in_review(backend).await else {
        return;
    };
    let dir = app.db.dir().join("relabelled");
    relabelled(&dir, LABEL);
    let stderr = refused(&app, &["seed", "--data", dir.to_str().unwrap(), "--force"]);
    assert!(
        stderr.contains("is review and cannot be changed; withdraw it to a draft"),
        "what the approval lints is what was reviewed: {stderr}"
    );
    ok(&app, &approval(&["--override-lint", OVERRIDE]));
    let stderr = refused(&app, &["seed", "--data", dir.to_str().unwrap(), "--force"]);
    assert!(
        stderr.contains(&format!(
            "version {LABEL} of the espoo strategy is approved and cannot be changed"
        )),
        "{stderr}"
    );
    let stderr = refused(&app, &["seed", "--force"]);
    assert!(
        stderr.contains("version 1.1 of the espoo strategy is superseded and cannot be changed"),
        "{stderr}"
    );
    assert_eq!(
        public_versions(&app).await,
        [listed("1.1", "superseded", false), listed(LABEL, "approved", true)]
    );
    assert!(list_line(&app, LABEL).contains("Testipöytäkirja 31.1.2030 § 1"));
}

async fn the_decision_record_moves_with_an_export(backend: Backend) {
    let Some(app) = in_review(backend).await else {
        return;
    };
    ok(&app, &approval(&["--override-lint", OVERRIDE]));
    let file = app.db.dir().join("export.json");
    ok(&app, &["export", file.to_str().unwrap()]);
    let copy = common::TestDb::new(backend).await.expect("the backend is configured");
    let imported = tarina(&copy.url, &["import", file.to_str().unwrap()]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let listed = |url: &str| String::from_utf8(tarina(url, &["version", "list"]).stdout).unwrap();
    assert!(listed(&app.db.url).contains(OVERRIDE));
    assert_eq!(listed(&copy.url), listed(&app.db.url));
}

async fn an_approval_of_contents_other_than_those_checked_is_refused(backend: Backend) {
    let Some(app) = in_review(backend).await else {
        return;
    };
    let store = app.db.store().await;
    let mut checked = store.strategy_version(LABEL, Audience::Staff).await.unwrap().unwrap();
    checked.vision.fi.push_str(" (luettu ennen muutosta, testi)");
    let decision = Decision {
        body: LocalizedText::finnish_only("Testivaltuusto"),
        date: chrono::NaiveDate::from_ymd_opt(2030, 1, 31).unwrap(),
        minutes: "Testipöytäkirja § 1".into(),
        lint_override: Some(OVERRIDE.into()),
    };
    let change = Change::new("test", "approval of stale contents (test)");
    let refused = store.approve(LABEL, &checked, &decision, &change).await;
    assert!(
        matches!(&refused, Err(StoreError::Conflict(m)) if m.contains("changed while it was being checked")),
        "{refused:?}"
    );
    assert_eq!(list_line(&app, LABEL), format!("{LABEL}\treview"));
}

on_both_backends!(
    a_draft_is_internal_until_approval_makes_it_current,
    an_incomplete_approval_is_refused_and_changes_nothing,
    lint_errors_refuse_an_approval_without_an_override,
    steps_the_status_does_not_allow_are_refused,
    versions_under_review_or_decided_refuse_content_changes,
    the_decision_record_moves_with_an_export,
    an_approval_of_contents_other_than_those_checked_is_refused,
);
