//! Emailing a password reset link. Queued for every request, whatever the address, so that asking takes the
//! same time whether or not an account exists; the job alone finds out, and queues an email only for an
//! active account with a local password.

use std::sync::Arc;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::BackgroundJob;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmailResetLink {
    /// As typed on the form.
    pub email: String,
    /// Where the site is reached, for the link.
    pub link_base: String,
}

#[async_trait]
impl BackgroundJob for EmailResetLink {
    const KIND: &'static str = "email-password-reset-link";
    /// A link that arrives much later than asked for is of little use; the person asks again.
    const MAX_ATTEMPTS: u32 = 3;

    async fn run(self, store: Arc<dyn Store>) -> anyhow::Result<()> {
        let i18n = crate::i18n::I18n::load()?;
        let now = chrono::Utc::now();
        crate::app::accounts::reset::email_reset_link(store.as_ref(), &i18n, &self.email, &self.link_base, now).await?;
        Ok(())
    }
}
