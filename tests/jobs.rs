//! Background jobs: claimed with leases by every server sharing the database, each run once; a job whose
//! server dies runs again once the lease runs out; a job that keeps failing ends dead with its error.

mod common;

use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use common::{Backend, TestDb};
use tarina::jobs::{ImportValues, JobSettings};
use tarina::store::{Job, JobState, Store};

fn fast_jobs() -> JobSettings {
    JobSettings {
        lease: Duration::from_secs(10),
        poll: Duration::from_millis(20),
        retry_base: Duration::from_millis(20),
        ..JobSettings::default()
    }
}

/// The first bundled indicator's slug and headline region, which a values file names.
async fn csv_target(store: &dyn Store) -> (String, String) {
    let strategy = store.current_strategy().await.unwrap().unwrap();
    let outline = store.cascade_outline(strategy.city.slug.as_str()).await.unwrap();
    let indicator = &outline.indicators[0];
    (indicator.slug.to_string(), indicator.regions[0].to_string())
}

/// The job with `id`, among the newest few.
async fn job_with_id(store: &dyn Store, id: i64) -> Job {
    let jobs = store.jobs(None, 10).await.unwrap();
    jobs.into_iter().find(|j| j.id == id).expect("the job is listed")
}

/// How many values of the first indicator's headline series came from `source`.
async fn values_from(store: &dyn Store, source: &str) -> usize {
    let strategy = store.current_strategy().await.unwrap().unwrap();
    let cascade = store.cascade(strategy.city.slug.as_str()).await.unwrap();
    let series = cascade.indicators[0].series(&cascade.indicators[0].regions[0]).unwrap();
    series
        .values
        .iter()
        .filter(|m| m.provenance.source.fi == source)
        .count()
}

fn import_job(csv: String, n: usize) -> ImportValues {
    ImportValues {
        file: format!("job-{n}.csv"),
        csv,
        actor: "test:jobs".into(),
        reason: format!("job test {n}"),
    }
}

/// Waits until `expected` import jobs have ended (done or dead); the jobs then, newest first. (Servers also
/// schedule their periodic jobs, which are not counted.)
async fn until_all_ended(store: &dyn Store, expected: usize, within: Duration) -> Vec<Job> {
    let started = std::time::Instant::now();
    loop {
        let jobs = store.jobs(None, 10_000).await.unwrap();
        let ended = jobs
            .iter()
            .filter(|j| j.kind == "import-values" && matches!(j.state, JobState::Done | JobState::Dead))
            .count();
        if ended >= expected {
            return jobs;
        }
        assert!(
            started.elapsed() < within,
            "{ended} of {expected} jobs ended within {within:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn two_servers_run_200_jobs_each_exactly_once(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else { return };
    let db = Arc::new(db);
    let first = common::spawn_configured(db.clone(), |c| c.jobs = Some(fast_jobs())).await;
    let second = common::spawn_configured(db.clone(), |c| c.jobs = Some(fast_jobs())).await;
    let store = db.store().await;
    let (indicator, region) = csv_target(store.as_ref()).await;
    for n in 0..200 {
        let date = chrono::NaiveDate::from_ymd_opt(2040, 1, 1).unwrap() + chrono::Duration::days(n);
        let csv = format!("indicator,region,date,value,source\n{indicator},{region},{date},{n},job test\n");
        tarina::jobs::enqueue(store.as_ref(), &import_job(csv, n as usize))
            .await
            .unwrap()
            .expect("a job without a unique key is always queued");
    }
    let jobs = until_all_ended(store.as_ref(), 200, Duration::from_secs(120)).await;
    let imports: Vec<&Job> = jobs.iter().filter(|j| j.kind == "import-values").collect();
    assert_eq!(imports.len(), 200);
    for job in &imports {
        assert_eq!(job.state, JobState::Done, "{job:?}");
        assert_eq!(job.attempts, 1, "claimed once: {job:?}");
        assert!(job.leased_by.is_none() && job.finished_at.is_some());
    }
    // Every import wrote its value, once: 200 entries in the change log, 200 values.
    let log = store.export().await.unwrap().change_log;
    let recorded = log.iter().filter(|e| e.actor == "test:jobs").count();
    assert_eq!(recorded, 200);
    assert_eq!(values_from(store.as_ref(), "job test").await, 200);
    drop((first, second));
}

async fn a_job_that_always_fails_ends_dead_with_its_error(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else { return };
    let app = common::spawn_configured(Arc::new(db), |c| c.jobs = Some(fast_jobs())).await;
    let store = app.db.store().await;
    let csv = "indicator,region,date,value,source\nno-such-indicator,espoo,2020-01-01,1,test\n".to_owned();
    let id = tarina::jobs::enqueue(store.as_ref(), &import_job(csv, 1))
        .await
        .unwrap()
        .unwrap();
    let jobs = until_all_ended(store.as_ref(), 1, Duration::from_secs(60)).await;
    let job = jobs.iter().find(|j| j.id == id).unwrap();
    assert_eq!(job.state, JobState::Dead);
    assert_eq!(job.attempts, 3, "ImportValues is tried three times");
    let error = job.last_error.as_deref().unwrap();
    assert!(error.contains("no indicator has the slug"), "{error}");
    // `tarina jobs` shows it with its error.
    let output = common::tarina(&app.db.url, &["jobs", "--state", "dead"]);
    let listed = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    assert!(
        listed.contains("import-values") && listed.contains("dead") && listed.contains("attempt 3/3"),
        "{listed}"
    );
    assert!(listed.contains("no indicator has the slug"), "{listed}");
}

async fn a_scheduled_job_is_queued_once(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else { return };
    let store = db.store().await;
    let job = tarina::jobs::PruneChangeFeed::default();
    assert!(tarina::jobs::enqueue(store.as_ref(), &job).await.unwrap().is_some());
    assert!(tarina::jobs::enqueue(store.as_ref(), &job).await.unwrap().is_none());
    assert_eq!(store.jobs(Some(JobState::Queued), 10).await.unwrap().len(), 1);
}

/// A server is killed with SIGKILL while it runs a long import; another server takes the job over when the
/// lease runs out, and the values are there once.
async fn a_job_whose_server_was_killed_runs_again_after_its_lease(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else { return };
    let store = db.store().await;
    tarina::app::seed::seed_what_is_missing(store.as_ref()).await.unwrap();
    let (indicator, region) = csv_target(store.as_ref()).await;
    let mut csv = String::from("indicator,region,date,value,source\n");
    let first = chrono::NaiveDate::from_ymd_opt(1950, 1, 1).unwrap();
    const ROWS: i64 = 50_000;
    for n in 0..ROWS {
        csv.push_str(&format!(
            "{indicator},{region},{},{n},lease test\n",
            first + chrono::Duration::days(n)
        ));
    }
    let id = tarina::jobs::enqueue(store.as_ref(), &import_job(csv, 1))
        .await
        .unwrap()
        .unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_tarina"))
        .args(["--database", &db.url, "--addr", "127.0.0.1:0"])
        .args(["--job-lease-ms", "1000", "--job-poll-ms", "20"])
        .env_remove("TARINA_DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Killed as soon as it holds the job.
    let started = std::time::Instant::now();
    loop {
        let job = job_with_id(store.as_ref(), id).await;
        if job.state == JobState::Running {
            break;
        }
        assert_eq!(
            job.state,
            JobState::Queued,
            "the job ended before the server could be killed: {job:?}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the server never claimed the job"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill().unwrap();
    server.wait().unwrap();
    let held = job_with_id(store.as_ref(), id).await;
    assert_eq!(
        held.state,
        JobState::Running,
        "a dead server's job stays leased until the lease runs out"
    );
    // Another server takes it over once the lease has run out.
    let app = common::spawn_configured(Arc::new(db), |c| c.jobs = Some(fast_jobs())).await;
    let jobs = until_all_ended(store.as_ref(), 1, Duration::from_secs(120)).await;
    let job = jobs.iter().find(|j| j.id == id).unwrap();
    assert_eq!(job.state, JobState::Done, "{job:?}");
    assert_eq!(job.attempts, 2, "run again once: {job:?}");
    let imported = values_from(store.as_ref(), "lease test").await;
    assert_eq!(imported as i64, ROWS, "every value once, none half-written");
    drop(app);
}

on_both_backends!(
    two_servers_run_200_jobs_each_exactly_once,
    a_job_that_always_fails_ends_dead_with_its_error,
    a_scheduled_job_is_queued_once,
    a_job_whose_server_was_killed_runs_again_after_its_lease,
);
