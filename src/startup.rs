//! Building and running the application; shared by `main` and the integration tests.

use std::future::Future;
use std::net::SocketAddr;

use anyhow::Context as _;
use tokio::net::TcpListener;

use crate::cli::{Command, IndicatorsCommand, LintArgs, SeedArgs, ServeArgs, TargetsCommand};
use crate::config::{Config, SiteConfig};
use crate::domain::cascade::Cascade;
use crate::domain::Strategy;
use crate::http::AppState;
use crate::store::{self, Change, DatabaseUrl, Export, OnExisting, SaveError, Store};

/// A server bound to its port and ready to run.
pub struct Application {
    listener: TcpListener,
    state: AppState,
    header_read_timeout: std::time::Duration,
}

impl Application {
    /// Connects and migrates the database, seeds it with the bundled strategy on first start, loads the
    /// current strategy into memory and binds the listener (port 0 picks a free port, as tests do).
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        let store = store::connect(&config.database).await?;
        seed_what_is_missing(store.as_ref()).await?;
        let state = AppState::new(store, config.site).await?;
        let listener = TcpListener::bind(config.addr)
            .await
            .with_context(|| format!("cannot listen on {}", config.addr))?;
        Ok(Application {
            listener,
            state,
            header_read_timeout: config.header_read_timeout,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        tracing::info!(addr = %self.local_addr(), "Tarina is serving");
        let refresher = tokio::spawn(self.state.clone().keep_fresh());
        let app = crate::http::router(self.state);
        crate::http::server::serve(self.listener, app, self.header_read_timeout, shutdown).await;
        refresher.abort();
        Ok(())
    }
}

/// Brings in the bundled data a database lacks: everything when nothing was ever written to it (every
/// write bumps the data version, so 0 means new), and the cascade alone when it holds exactly the
/// bundled strategy but no cascade, as a database seeded by a release without the cascade does.
async fn seed_what_is_missing(store: &dyn Store) -> anyhow::Result<()> {
    let dataset = crate::data::bundled_dataset().context("the bundled strategy does not load")?;
    if store.data_version().await? == 0 {
        let change = Change {
            actor: "system:first-start".into(),
            reason: "seed an empty database with the bundled strategy".into(),
        };
        return accept_existing(store.save_dataset(&dataset, OnExisting::Refuse, &change).await);
    }
    if store.current_strategy().await?.as_ref() != Some(&dataset.strategy) {
        return Ok(());
    }
    let city = dataset.strategy.city.slug.as_str();
    let change = Change {
        actor: "system:upgrade".into(),
        reason: "add the bundled cascade to a database seeded before the cascade existed".into(),
    };
    // The store checks for a cascade inside the write, so this costs one short transaction when there is one.
    let saved = store
        .save_cascade(city, &dataset.cascade, OnExisting::Refuse, &change)
        .await;
    if saved.is_ok() {
        tracing::info!(city, "added the bundled cascade to a database that had none");
    }
    accept_existing(saved)
}

/// Another server sharing the database stored the same data first: that is fine.
fn accept_existing(saved: Result<(), SaveError>) -> anyhow::Result<()> {
    match saved {
        Ok(()) | Err(SaveError::VersionExists { .. } | SaveError::CascadeExists { .. }) => Ok(()),
        Err(SaveError::Other(e)) => Err(e),
    }
}

/// Runs one command of the command line.
pub async fn run_command(database: &str, command: Command, args: ServeArgs) -> anyhow::Result<()> {
    let database: DatabaseUrl = database.parse()?;
    match command {
        Command::Serve => {
            let config = Config {
                addr: args.addr,
                database,
                header_read_timeout: std::time::Duration::from_millis(args.header_read_timeout_ms),
                site: SiteConfig {
                    hsts: args.hsts,
                    accessibility_contact: args.accessibility_contact,
                    refresh_interval: std::time::Duration::from_millis(args.refresh_interval_ms),
                    compression: args.compression,
                },
            };
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
            command: IndicatorsCommand::Import { file },
        } => import_values(&database, &file).await,
        Command::Targets {
            command: TargetsCommand::Copy { from, to },
        } => copy_targets(&database, from, to).await,
        Command::Lint(args) => lint(&database, args).await,
    }
}

/// The current strategy and the outline of its city's cascade (no values), which the cascade commands work on.
async fn current(store: &dyn Store) -> anyhow::Result<(Strategy, Cascade)> {
    let strategy = store
        .current_strategy()
        .await?
        .context("the database holds no approved strategy; load one with `tarina seed`")?;
    let cascade = store.cascade_outline(strategy.city.slug.as_str()).await?;
    Ok((strategy, cascade))
}

async fn import_values(database: &DatabaseUrl, file: &std::path::Path) -> anyhow::Result<()> {
    let bytes = read_capped(file, crate::values::MAX_FILE_BYTES)?;
    let store = store::connect(database).await?;
    let (strategy, cascade) = current(store.as_ref()).await?;
    let city = strategy.city.slug.as_str();
    anyhow::ensure!(
        !cascade.indicators.is_empty(),
        "the {city} cascade has no indicators to record values for; load one with `tarina seed`"
    );
    // Every row is checked before the one transaction that writes them all.
    let values = crate::values::parse_file(&bytes, &cascade).map_err(|errors| crate::values::CsvErrors {
        file: file.display().to_string(),
        errors,
    })?;
    let change = Change {
        actor: "cli:indicators-import".into(),
        reason: format!("tarina indicators import {}", file.display()),
    };
    let summary = store.record_values(city, &values, &change).await?;
    println!(
        "{}: {} value(s) read; {} added, {} corrected (the old values are kept in the history), {} unchanged",
        file.display(),
        values.len(),
        summary.added,
        summary.corrected,
        summary.unchanged
    );
    Ok(())
}

/// Reads a whole file, refusing one larger than `limit` without reading more than that.
fn read_capped(file: &std::path::Path, limit: u64) -> anyhow::Result<Vec<u8>> {
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

async fn copy_targets(database: &DatabaseUrl, from: i32, to: i32) -> anyhow::Result<()> {
    let store = store::connect(database).await?;
    let (strategy, _) = current(store.as_ref()).await?;
    let change = Change {
        actor: "cli:targets-copy".into(),
        reason: format!("tarina targets copy --from {from} --to {to}"),
    };
    let copied = store
        .copy_targets(strategy.city.slug.as_str(), from, to, &change)
        .await?;
    println!("copied {copied} target(s) of {from} to {to}, without their assessments");
    Ok(())
}

/// Prints every finding and a count; fails (exit code 1) when any finding is an error.
async fn lint(database: &DatabaseUrl, args: LintArgs) -> anyhow::Result<()> {
    use crate::lint::Severity;
    let store = store::connect(database).await?;
    let (strategy, cascade) = current(store.as_ref()).await?;
    let findings = crate::lint::lint(&strategy, &cascade, args.year);
    for finding in &findings {
        println!("{finding}");
    }
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    let year = match crate::lint::checked_year(&cascade, args.year) {
        Some(year) => format!("council goals checked against the targets of {year}"),
        None => "no targets to check council goals against".into(),
    };
    println!(
        "{errors} error(s), {} warning(s) in version {} of the {} strategy ({year})",
        findings.len() - errors,
        strategy.version,
        strategy.city.slug
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
    let change = Change {
        actor: "cli:seed".into(),
        reason: match &args.data {
            Some(dir) => format!("tarina seed --data {}", dir.display()),
            None => "tarina seed (bundled strategy)".into(),
        },
    };
    store.save_dataset(&dataset, on_existing, &change).await?;
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

/// Completes on Ctrl-C (SIGINT) or SIGTERM, whichever comes first. The handlers are installed when this is
/// called, not when the future is first polled, so a signal that arrives while the server is still starting
/// already stops it gracefully.
pub fn shutdown_signal() -> impl Future<Output = ()> + Send {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            match (interrupt, terminate) {
                (Ok(mut interrupt), Ok(mut terminate)) => {
                    tokio::select! {
                        _ = interrupt.recv() => {},
                        _ = terminate.recv() => {},
                    }
                }
                (interrupt, terminate) => {
                    tracing::error!("cannot listen for signals: {:?} {:?}", interrupt.err(), terminate.err());
                    std::future::pending::<()>().await;
                }
            }
            tracing::info!("shutting down");
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down");
    }
}
