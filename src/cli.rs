//! The command line. Every flag can also come from the environment, as a container platform expects.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "tarina",
    version,
    about = "Tarina: a city's strategy as a trilingual public site and open API"
)]
pub struct Cli {
    /// Database URL: sqlite://PATH (created on first start) or postgres://USER@HOST/DATABASE.
    #[arg(
        long,
        env = "TARINA_DATABASE_URL",
        default_value = "sqlite://tarina.db",
        global = true
    )]
    pub database: String,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// The server's flags; global so that `tarina --addr X`, `tarina serve --addr X` and
    /// `tarina --addr X serve` all mean the same.
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the public site and the API (the default).
    Serve,
    /// Create or update the database schema, then exit.
    Migrate,
    /// Load a strategy into the database (the bundled Espoo-tarina 1.1 unless --data is given).
    Seed(SeedArgs),
    /// Write everything the database holds to FILE (versioned JSON), to move an instance between backends.
    Export { file: PathBuf },
    /// Load an export FILE into an empty database, all or nothing.
    Import { file: PathBuf },
    /// Write an online, consistent copy of a SQLite database to FILE (for PostgreSQL use pg_dump).
    Backup { file: PathBuf },
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, global = true, env = "TARINA_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Send Strict-Transport-Security; set this when Tarina is served over HTTPS (at the proxy).
    #[arg(long, global = true, env = "TARINA_HSTS", default_value_t = false)]
    pub hsts: bool,

    /// Where residents send accessibility feedback; shown in the accessibility statement.
    #[arg(
        long,
        global = true,
        env = "TARINA_ACCESSIBILITY_CONTACT",
        default_value = "kirjaamo@espoo.fi"
    )]
    pub accessibility_contact: String,

    /// Milliseconds a client may take to send its request headers (also while idle between requests).
    #[arg(long, global = true, env = "TARINA_HEADER_READ_TIMEOUT_MS", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(100..))]
    pub header_read_timeout_ms: u64,

    /// How often, in milliseconds, to check whether another process changed the data.
    #[arg(long, global = true, env = "TARINA_REFRESH_INTERVAL_MS", default_value_t = 1000, value_parser = clap::value_parser!(u64).range(10..))]
    pub refresh_interval_ms: u64,
}

#[derive(Debug, Clone, Args)]
pub struct SeedArgs {
    /// A strategy folder to load instead of the bundled one (see data/README.md for its layout).
    #[arg(long)]
    pub data: Option<PathBuf>,

    /// Replace the version if the database already holds it.
    #[arg(long)]
    pub force: bool,
}
