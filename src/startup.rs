//! Starting things: the server with its snapshot refresher and job runner, and the shutdown signal. What
//! the commands do lives in `crate::app`; the command line in `crate::cli`.

use std::future::Future;
use std::net::SocketAddr;

use anyhow::Context as _;
use tokio::net::TcpListener;

use crate::config::Config;
use crate::http::AppState;
use crate::store;

/// A server bound to its port and ready to run.
pub struct Application {
    listener: TcpListener,
    state: AppState,
    header_read_timeout: std::time::Duration,
    jobs: Option<crate::jobs::JobSettings>,
    mailer: crate::app::mail::Mailer,
}

impl Application {
    /// Connects and migrates the database, seeds it with the bundled strategy on first start, loads the
    /// current strategy into memory and binds the listener (port 0 picks a free port, as tests do).
    pub async fn build(mut config: Config) -> anyhow::Result<Application> {
        let store = store::connect(&config.database).await?;
        crate::app::seed::seed_what_is_missing(store.as_ref()).await?;
        let listener = TcpListener::bind(config.addr)
            .await
            .with_context(|| format!("cannot listen on {}", config.addr))?;
        if config.site.public_url.is_none() {
            config.site.public_url = Some(format!("http://{}", listener.local_addr()?));
        }
        // A mistake in the mail settings stops the start rather than the first email.
        let mailer = crate::app::mail::Mailer::new(&config.site.mail)?;
        let state = AppState::new(store, config.site).await?;
        Ok(Application {
            listener,
            state,
            header_read_timeout: config.header_read_timeout,
            jobs: config.jobs,
            mailer,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        tracing::info!(addr = %self.local_addr(), "Tarina is serving");
        let refresher = tokio::spawn(self.state.clone().keep_fresh());
        let link_base = self.state.site.public_url.clone().unwrap_or_default();
        let runner = self.jobs.clone().map(|mut settings| {
            settings.link_base = link_base;
            let runner = crate::jobs::Runner::new(self.state.store.clone(), crate::jobs::registry(), settings);
            tokio::spawn(runner.run_forever())
        });
        // Servers that run jobs send the outbox's emails too.
        let sender = self.jobs.map(|settings| {
            let sender = crate::jobs::MailSender::new(self.state.store.clone(), self.mailer, settings);
            tokio::spawn(sender.run_forever())
        });
        let app = crate::http::router(self.state);
        crate::http::server::serve(self.listener, app, self.header_read_timeout, shutdown).await;
        refresher.abort();
        // A job cut short here keeps its lease until it runs out; then another server runs it again.
        if let Some(runner) = runner {
            runner.abort();
        }
        // Likewise an email being handed over: its lease runs out and it is sent again, with its Message-ID.
        if let Some(sender) = sender {
            sender.abort();
        }
        Ok(())
    }
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
