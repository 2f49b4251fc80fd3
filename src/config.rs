//! Settings for a running server, resolved once from the command line and environment.

use std::net::SocketAddr;

use crate::store::DatabaseUrl;

#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub database: DatabaseUrl,
    pub site: SiteConfig,
}

/// Settings that change what pages and headers say.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub hsts: bool,
    pub accessibility_contact: String,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            hsts: false,
            accessibility_contact: "kirjaamo@espoo.fi".into(),
        }
    }
}
