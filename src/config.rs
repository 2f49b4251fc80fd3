//! Settings for a running server, resolved once from the command line and environment.

use std::net::SocketAddr;
use std::time::Duration;

use crate::store::DatabaseUrl;

#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub database: DatabaseUrl,
    /// A client must send its request headers within this time, or it is disconnected.
    pub header_read_timeout: Duration,
    pub site: SiteConfig,
    /// `None` when this server runs no background jobs.
    pub jobs: Option<crate::jobs::JobSettings>,
}

/// Settings that change what pages and headers say.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub hsts: bool,
    pub accessibility_contact: String,
    /// How often to check whether the data changed (another process may have written it).
    pub refresh_interval: Duration,
    /// Compress responses (brotli, gzip) for clients that accept it; off when a proxy in front compresses.
    pub compression: bool,
    /// The city's OpenID provider for staff sign-in, if any.
    pub oidc: Option<crate::app::accounts::oidc::OidcSettings>,
    /// Where the public reaches the site (`https://tarina.espoo.fi`), for links in emails; `None` takes the
    /// address the server listens on, which suits development only. Never taken from a request's `Host`,
    /// which whoever asks for a reset link could set to a site of theirs.
    pub public_url: Option<String>,
    /// How emails are sent; console mode (to the log) unless an SMTP server is configured.
    pub mail: crate::app::mail::MailSettings,
    /// How survey forms keep robots out.
    pub surveys: SurveySettings,
}

/// What a survey submission must pass besides its answers. Not command-line flags yet: the defaults suit a
/// city's site, and tests set their own.
#[derive(Debug, Clone, Copy)]
pub struct SurveySettings {
    /// A form sent sooner after it was drawn than this is refused: people take longer, robots do not.
    pub min_fill: Duration,
    /// Submissions one address may send at once (each page of a form counts), then one per `refill`.
    pub burst: u32,
    pub refill: Duration,
}

impl Default for SurveySettings {
    fn default() -> Self {
        SurveySettings {
            min_fill: Duration::from_secs(3),
            burst: 20,
            refill: Duration::from_secs(6),
        }
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            hsts: false,
            accessibility_contact: "kirjaamo@espoo.fi".into(),
            refresh_interval: Duration::from_secs(1),
            compression: true,
            oidc: None,
            public_url: None,
            mail: crate::app::mail::MailSettings::default(),
            surveys: SurveySettings::default(),
        }
    }
}
