//! What each command of the command line does: parse its arguments into a use case's input, call the use
//! case in `crate::app` with the command's actor and reason, and print the outcome.

use std::path::Path;

use anyhow::Context as _;

use super::{
    Command, IndicatorsCommand, JobsArgs, LintArgs, SeedArgs, ServeArgs, TargetsCommand, TokenCommand, UserCommand,
};
use crate::config::{Config, SiteConfig};
use crate::domain::change::{Change, OnExisting};
use crate::startup::{shutdown_signal, Application};
use crate::store::{self, DatabaseUrl, Export, JobState};

/// Runs one command of the command line.
pub async fn run_command(database: &str, command: Command, args: ServeArgs) -> anyhow::Result<()> {
    let database: DatabaseUrl = database.parse()?;
    match command {
        Command::Serve => {
            let config = serve_config(database, args);
            Application::build(config).await?.run_until(shutdown_signal()).await
        }
        Command::Migrate => {
            store::connect(&database).await?;
            println!("the database schema is up to date");
            Ok(())
        }
        Command::Seed(args) => seed(&database, args).await,
        Command::Export { file } => {
            let export = store::connect(&database).await?.export().await?;
            std::fs::write(&file, export.to_json()?).with_context(|| format!("cannot write {}", file.display()))?;
            println!(
                "exported {} strategy version(s) to {}",
                export.versions.len(),
                file.display()
            );
            Ok(())
        }
        Command::Import { file } => {
            let text = std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let export = Export::from_json(&text).with_context(|| format!("cannot import {}", file.display()))?;
            store::connect(&database).await?.import(&export).await?;
            println!(
                "imported {} strategy version(s) from {}",
                export.versions.len(),
                file.display()
            );
            Ok(())
        }
        Command::Backup { file } => {
            store::connect(&database).await?.backup(&file).await?;
            println!("backed up the database to {}", file.display());
            Ok(())
        }
        Command::Indicators {
            command: IndicatorsCommand::Import { file, in_background },
        } => import_values(&database, &file, in_background).await,
        Command::Targets {
            command: TargetsCommand::Copy { from, to },
        } => {
            let store = store::connect(&database).await?;
            let change = Change::new(
                "cli:targets-copy",
                format!("tarina targets copy --from {from} --to {to}"),
            );
            let copied = crate::app::targets::copy_targets(store.as_ref(), from, to, &change).await?;
            println!("copied {copied} target(s) of {from} to {to}, without their assessments");
            Ok(())
        }
        Command::Lint(args) => lint(&database, args).await,
        Command::Diff { from, to } => super::diff::diff(&database, &from, &to).await,
        Command::Version { command } => super::version::run(&database, command).await,
        Command::Jobs(args) => list_jobs(&database, args).await,
        Command::Sync(args) => super::sync::sync(&database, args).await,
        Command::User {
            command: UserCommand::Add(args),
        } => super::user::add(&database, args).await,
        Command::Token {
            command: TokenCommand::Add(args),
        } => super::token::add(&database, args).await,
    }
}

fn serve_config(database: DatabaseUrl, args: ServeArgs) -> Config {
    use std::time::Duration;
    Config {
        addr: args.addr,
        database,
        header_read_timeout: Duration::from_millis(args.header_read_timeout_ms),
        site: SiteConfig {
            hsts: args.hsts,
            accessibility_contact: args.accessibility_contact,
            refresh_interval: Duration::from_millis(args.refresh_interval_ms),
            compression: args.compression,
            oidc: args.oidc_issuer.map(|issuer| crate::app::accounts::oidc::OidcSettings {
                issuer,
                client_id: args.oidc_client_id.unwrap_or_default(),
                client_secret: args.oidc_client_secret,
                redirect_url: format!(
                    "{}/staff/oidc/callback",
                    args.public_url.as_deref().unwrap_or_default().trim_end_matches('/')
                ),
            }),
            public_url: args.public_url.map(|url| url.trim_end_matches('/').to_owned()),
            mail: crate::app::mail::MailSettings {
                smtp: args.smtp_host.map(|host| crate::app::mail::SmtpSettings {
                    host,
                    port: args.smtp_port.unwrap_or(args.smtp_tls.default_port()),
                    tls: args.smtp_tls,
                    user: args.smtp_user,
                    password: args.smtp_password.map(crate::app::mail::Secret),
                    timeout: Duration::from_secs(30),
                }),
                from: args.mail_from,
            },
            surveys: crate::config::SurveySettings::default(),
        },
        jobs: args.run_jobs.then(|| crate::jobs::JobSettings {
            lease: Duration::from_millis(args.job_lease_ms),
            poll: Duration::from_millis(args.job_poll_ms),
            retry_base: Duration::from_millis(args.job_retry_ms),
            sync: args
                .sync_connectors
                .then(crate::connectors::fetch::FetchPolicy::default),
            ..crate::jobs::JobSettings::default()
        }),
    }
}

async fn import_values(database: &DatabaseUrl, file: &Path, in_background: bool) -> anyhow::Result<()> {
    let bytes = read_capped(file, crate::values::MAX_FILE_BYTES)?;
    let store = store::connect(database).await?;
    let change = Change::new(
        "cli:indicators-import",
        format!("tarina indicators import {}", file.display()),
    );
    let name = file.display().to_string();
    if in_background {
        // Checked now, so a bad file is reported here rather than in a job's last error.
        let (_, cascade) = crate::app::current_outline(store.as_ref()).await?;
        let read = crate::values::parse_file(&bytes, &cascade).map_err(|errors| crate::values::CsvErrors {
            file: name.clone(),
            errors,
        })?;
        println!("{}: read as {}", file.display(), read.format);
        // The job carries the file as text, decoded the way it was just read; a workbook as the CSV of its
        // values.
        let csv = if read.format.encoding == crate::values::Encoding::Xlsx {
            crate::values::to_csv(&read.values)
        } else {
            crate::values::decode(&bytes)
                .map_err(|error| anyhow::anyhow!("{}: {}", file.display(), error.reason))?
                .0
                .into_owned()
        };
        let job = crate::jobs::ImportValues {
            file: name,
            csv,
            actor: change.actor,
            reason: change.reason,
        };
        let id = crate::jobs::enqueue(store.as_ref(), &job).await?;
        println!(
            "{}: {} value(s) checked; queued as job {}; a running server imports them (see `tarina jobs`)",
            file.display(),
            read.values.len(),
            id.map_or_else(|| "?".to_owned(), |id| id.to_string())
        );
        return Ok(());
    }
    let report = crate::app::values::import_values(store.as_ref(), &name, &bytes, &change).await?;
    println!("{}: read as {}", file.display(), report.format);
    println!(
        "{}: {} value(s) read; {} added, {} corrected (the old values are kept in the history), {} unchanged",
        file.display(),
        report.read,
        report.summary.added,
        report.summary.corrected,
        report.summary.unchanged
    );
    Ok(())
}

/// Reads a whole file, refusing one larger than `limit` without reading more than that.
fn read_capped(file: &Path, limit: u64) -> anyhow::Result<Vec<u8>> {
    use std::io::Read as _;
    let cannot_read = || format!("cannot read {}", file.display());
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .with_context(cannot_read)?
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .with_context(cannot_read)?;
    anyhow::ensure!(
        bytes.len() as u64 <= limit,
        "{} is larger than {} MB, the most one import reads; split it into several files",
        file.display(),
        limit / (1024 * 1024)
    );
    Ok(bytes)
}

/// Prints every finding and a count; fails (exit code 1) when any finding is an error.
async fn lint(database: &DatabaseUrl, args: LintArgs) -> anyhow::Result<()> {
    use crate::lint::Severity;
    let store = store::connect(database).await?;
    let report = crate::app::lint::lint(store.as_ref(), args.year).await?;
    for finding in &report.findings {
        println!("{finding}");
    }
    let errors = report.findings.iter().filter(|f| f.severity == Severity::Error).count();
    let year = match report.year {
        Some(year) => format!("council goals checked against the targets of {year}"),
        None => "no targets to check council goals against".into(),
    };
    println!(
        "{errors} error(s), {} warning(s) in version {} of the {} strategy ({year})",
        report.findings.len() - errors,
        report.version,
        report.city
    );
    anyhow::ensure!(errors == 0, "the lint found {errors} error(s)");
    Ok(())
}

async fn seed(database: &DatabaseUrl, args: SeedArgs) -> anyhow::Result<()> {
    // Check the data completely before touching the database, so a bad file changes nothing.
    let dataset = match &args.data {
        Some(dir) => crate::data::load_dataset(&crate::data::read_dir(dir)?)?,
        None => crate::data::bundled_dataset()?,
    };
    let store = store::connect(database).await?;
    let on_existing = if args.force {
        OnExisting::Replace
    } else {
        OnExisting::Refuse
    };
    let change = Change::new(
        "cli:seed",
        match &args.data {
            Some(dir) => format!("tarina seed --data {}", dir.display()),
            None => "tarina seed (bundled strategy)".into(),
        },
    );
    crate::app::seed::seed(store.as_ref(), &dataset, on_existing, &change).await?;
    let (strategy, cascade) = (&dataset.strategy, &dataset.cascade);
    println!(
        "stored version {} of the {} strategy: {} areas, {} goals, {} actions; {} indicators, {} targets",
        strategy.version,
        strategy.city.slug,
        strategy.areas.len(),
        strategy.goals().count(),
        strategy.actions().count(),
        cascade.indicators.len(),
        cascade.targets.len()
    );
    Ok(())
}

/// One line a job: id, kind, state, attempts, times and the last error.
async fn list_jobs(database: &DatabaseUrl, args: JobsArgs) -> anyhow::Result<()> {
    let store = store::connect(database).await?;
    let state = args.state.as_deref().and_then(JobState::parse);
    let jobs = store.jobs(state, args.limit).await?;
    if jobs.is_empty() {
        println!("no jobs");
    }
    for job in &jobs {
        let when = match (job.state, job.finished_at, job.leased_until) {
            (_, Some(finished), _) => format!("finished {}", finished.format("%Y-%m-%d %H:%M:%S")),
            (JobState::Running, _, Some(until)) => {
                format!(
                    "leased by {} until {}",
                    job.leased_by.as_deref().unwrap_or("?"),
                    until.format("%H:%M:%S")
                )
            }
            _ => format!("due {}", job.run_after.format("%Y-%m-%d %H:%M:%S")),
        };
        println!(
            "{:>6}  {:<18} {:<8} attempt {}/{}  {when}",
            job.id,
            job.kind,
            job.state.as_str(),
            job.attempts,
            job.max_attempts
        );
        if let Some(error) = &job.last_error {
            println!("        last error: {error}");
        }
    }
    Ok(())
}
