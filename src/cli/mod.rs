//! The command line. Every flag can also come from the environment, as a container platform expects.

mod diff;
mod run;
mod sync;
mod token;
mod user;
mod version;

pub use run::run_command;
pub use version::VersionCommand;

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
    /// Indicator values: record them from a CSV file or an XLSX workbook.
    Indicators {
        #[command(subcommand)]
        command: IndicatorsCommand,
    },
    /// Annual performance targets: copy a budget year's targets to another year.
    Targets {
        #[command(subcommand)]
        command: TargetsCommand,
    },
    /// List what the current strategy and its cascade lack (exit code 1 when anything is an error).
    Lint(LintArgs),
    /// Show what changed from strategy version FROM to version TO (labels such as 1.1), item by item and
    /// language by language, changed words marked [-removed-]{+added+}. Drafts included.
    Diff { from: String, to: String },
    /// Strategy versions: new drafts, review, approval with the council's decision, and the list of versions.
    Version {
        #[command(subcommand)]
        command: VersionCommand,
    },
    /// Background jobs: list them, newest first (every server runs them).
    Jobs(JobsArgs),
    /// Fetch indicators' values from their published sources now (all with a connector, or those named),
    /// or list the last connector runs with --status.
    Sync(SyncArgs),
    /// Staff accounts: create the first admin here; admins then manage accounts in the staff pages.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// API tokens for integrations: create one here (e.g. in a deployment script); admins also manage them
    /// in the staff pages.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token for an account and print its secret on standard output, once: only its hash is
    /// stored.
    Add(TokenAddArgs),
}

#[derive(Debug, Clone, Args)]
pub struct TokenAddArgs {
    /// The account the token acts for; it never reaches further than this account.
    #[arg(long)]
    pub email: String,
    /// admin, strategy_editor, department_editor (needs --organisation), action_owner (needs --indicator or
    /// --action) or viewer.
    #[arg(long)]
    pub role: String,
    /// The organisation (slug) a department editor's token reaches, with its units.
    #[arg(long)]
    pub organisation: Option<String>,
    /// An indicator (id) whose values an action owner's token may record; repeat for more.
    #[arg(long = "indicator", value_name = "ID")]
    pub indicators: Vec<String>,
    /// An action (id) whose progress an action owner's token may report; repeat for more.
    #[arg(long = "action", value_name = "ID")]
    pub actions: Vec<String>,
    /// What the token is for, shown in the staff pages.
    #[arg(long)]
    pub name: String,
    /// The last day the token works (YYYY-MM-DD, until the end of the day UTC); by default it does not expire.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub expires: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, Args)]
pub struct SyncArgs {
    /// Indicator ids or slugs; every indicator with a connector when none is named.
    pub indicators: Vec<String>,
    /// List the last connector runs instead of syncing.
    #[arg(long)]
    pub status: bool,
    /// How many runs --status lists.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(i64).range(1..=10_000))]
    pub limit: i64,
    /// Accept http:// sources (a test server on this machine); public sources are https only.
    #[arg(long)]
    pub allow_http: bool,
    /// Give up on a source that has not answered completely within this time.
    #[arg(long, default_value_t = 120_000, value_parser = clap::value_parser!(u64).range(100..))]
    pub timeout_ms: u64,
    /// Refuse answers larger than this.
    #[arg(long, default_value_t = 512 << 20, value_parser = clap::value_parser!(u64).range(1024..))]
    pub max_bytes: u64,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account. Its password is read from standard input (one line), never from the command line,
    /// where other users of the machine could see it.
    Add(UserAddArgs),
}

#[derive(Debug, Clone, Args)]
pub struct UserAddArgs {
    #[arg(long)]
    pub email: String,
    /// admin, strategy_editor, department_editor (needs --organisation), action_owner or viewer.
    #[arg(long)]
    pub role: String,
    /// The organisation (slug, e.g. `sivistystoimi`) a department editor edits, with its units.
    #[arg(long)]
    pub organisation: Option<String>,
    /// The name shown in the staff pages and the audit log (default: the email address).
    #[arg(long)]
    pub name: Option<String>,
    /// The language of the staff pages and emails for this person.
    #[arg(long, default_value = "fi", value_parser = ["fi", "sv", "en"])]
    pub language: String,
    /// No local password: the person signs in only through the city's OpenID provider.
    #[arg(long)]
    pub no_password: bool,
}

#[derive(Debug, Clone, Args)]
pub struct JobsArgs {
    /// Only jobs in this state.
    #[arg(long, value_parser = ["queued", "running", "done", "dead"])]
    pub state: Option<String>,
    /// At most this many.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(i64).range(1..=10_000))]
    pub limit: i64,
}

#[derive(Debug, Subcommand)]
pub enum IndicatorsCommand {
    /// Record the values of a CSV file or an XLSX workbook (first sheet), all or nothing.
    ///
    /// Every row is checked first; if any is bad, each problem is listed (FILE:LINE: column COLUMN: reason) and
    /// nothing is written. A value that differs from the stored one replaces it, and the old value is kept in
    /// the indicator's history of corrections.
    Import {
        /// UTF-8 CSV, comma- or semicolon-separated, or an XLSX workbook (told by its content), whose header
        /// names the columns indicator (id or slug), region (slug), date (YYYY-MM-DD), value (71.5 or 71,5) and
        /// source, in any order.
        file: PathBuf,
        /// Check the file now, then leave the writing to a background job that a server runs (for large
        /// files); `tarina jobs` shows how it went.
        #[arg(long)]
        in_background: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TargetsCommand {
    /// Copy every target of one budget year to another that has none yet, without the assessments.
    Copy {
        /// The budget year to copy from.
        #[arg(long, value_name = "YEAR", value_parser = budget_year)]
        from: i32,
        /// The budget year to copy to; it must have no targets yet.
        #[arg(long, value_name = "YEAR", value_parser = budget_year)]
        to: i32,
    },
}

#[derive(Debug, Clone, Args)]
pub struct LintArgs {
    /// The budget year whose targets must cover every council goal (default: the latest year with targets).
    #[arg(long, value_name = "YEAR", value_parser = budget_year)]
    pub year: Option<i32>,
}

/// A budget year within [`crate::domain::cascade::YEARS`], checked here so a typo such as 20018 gets a
/// clear message before the database is opened.
fn budget_year(text: &str) -> Result<i32, String> {
    let years = crate::domain::cascade::YEARS;
    match text.parse::<i32>() {
        Ok(year) if years.contains(&year) => Ok(year),
        _ => Err(format!(
            "a budget year is a year from {} to {}",
            years.start(),
            years.end()
        )),
    }
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

    /// Run background jobs in this server (set false on servers that should only serve).
    #[arg(long, global = true, env = "TARINA_RUN_JOBS", default_value_t = true, action = clap::ArgAction::Set)]
    pub run_jobs: bool,

    /// Milliseconds a claimed job stays this server's before another may take it; renewed while it runs.
    #[arg(long, global = true, env = "TARINA_JOB_LEASE_MS", default_value_t = 60_000, value_parser = clap::value_parser!(u64).range(300..))]
    pub job_lease_ms: u64,

    /// Milliseconds between looks for due jobs when none is due.
    #[arg(long, global = true, env = "TARINA_JOB_POLL_MS", default_value_t = 1000, value_parser = clap::value_parser!(u64).range(10..))]
    pub job_poll_ms: u64,

    /// Milliseconds to wait before retrying a failed job; doubles with each attempt, up to an hour.
    #[arg(long, global = true, env = "TARINA_JOB_RETRY_MS", default_value_t = 5000, value_parser = clap::value_parser!(u64).range(10..))]
    pub job_retry_ms: u64,

    /// Compress responses with brotli or gzip for clients that accept it (on, the default); off
    /// (`--compression=off`) when a proxy in front of Tarina compresses instead.
    #[arg(long, global = true, env = "TARINA_COMPRESSION", default_value_t = true, action = clap::ArgAction::Set,
          num_args = 0..=1, require_equals = true, default_missing_value = "on",
          value_parser = clap::builder::BoolishValueParser::new())]
    pub compression: bool,

    /// Sync indicators with their connectors on their intervals (as background jobs).
    #[arg(long, global = true, env = "TARINA_SYNC_CONNECTORS", default_value_t = true, action = clap::ArgAction::Set)]
    pub sync_connectors: bool,

    /// The city's OpenID Connect issuer (e.g. `https://login.microsoftonline.com/TENANT/v2.0`); staff may then
    /// sign in through it. Needs --oidc-client-id and --public-url.
    #[arg(long, global = true, env = "TARINA_OIDC_ISSUER", requires_all = ["oidc_client_id", "public_url"])]
    pub oidc_issuer: Option<String>,

    /// Tarina's client id at the OpenID provider.
    #[arg(long, global = true, env = "TARINA_OIDC_CLIENT_ID")]
    pub oidc_client_id: Option<String>,

    /// Tarina's client secret at the OpenID provider; give it in the environment, not on the command line.
    #[arg(long, global = true, env = "TARINA_OIDC_CLIENT_SECRET", hide_env_values = true)]
    pub oidc_client_secret: Option<String>,

    /// The address the public reaches Tarina at (e.g. `https://tarina.espoo.fi`); the OpenID provider sends
    /// people back to `{public-url}/staff/oidc/callback`, which must be registered with it.
    #[arg(long, global = true, env = "TARINA_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// The SMTP server emails are sent through; without it emails are written to the log (console mode).
    #[arg(long, global = true, env = "TARINA_SMTP_HOST")]
    pub smtp_host: Option<String>,

    /// The SMTP server's port (default: 25 with --smtp-tls none, 587 with starttls, 465 with tls).
    #[arg(long, global = true, env = "TARINA_SMTP_PORT")]
    pub smtp_port: Option<u16>,

    /// How the SMTP connection is protected: none (a relay on this machine or network), starttls or tls.
    #[arg(long, global = true, env = "TARINA_SMTP_TLS", value_enum, default_value = "starttls")]
    pub smtp_tls: crate::app::mail::TlsMode,

    /// The user name for SMTP authentication, if the server asks for one.
    #[arg(long, global = true, env = "TARINA_SMTP_USER")]
    pub smtp_user: Option<String>,

    /// The SMTP password; give it in the environment, not on the command line. Never logged.
    #[arg(long, global = true, env = "TARINA_SMTP_PASSWORD", hide_env_values = true)]
    pub smtp_password: Option<String>,

    /// The From address of emails, e.g. `Tarina <tarina@espoo.fi>`.
    #[arg(
        long,
        global = true,
        env = "TARINA_MAIL_FROM",
        default_value = "Tarina <tarina@localhost>"
    )]
    pub mail_from: String,
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
