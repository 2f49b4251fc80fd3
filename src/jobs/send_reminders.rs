//! Reminders of due updates and the weekly digests. Every server that runs jobs offers this job on its
//! schedule; one is queued at a time and claimed with a lease like any job. That alone could still run it
//! twice (a server killed after queuing the emails, before the job's end is recorded), so "once" rests on the
//! records the emails are queued with: a reminder per item and due date, a digest per organisation and week.

use std::sync::Arc;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::BackgroundJob;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SendReminders {
    /// Where the site is reached, for the links in the emails.
    pub link_base: String,
}

#[async_trait]
impl BackgroundJob for SendReminders {
    const KIND: &'static str = "send-reminders";

    async fn run(self, store: Arc<dyn Store>) -> anyhow::Result<()> {
        let i18n = crate::i18n::I18n::load()?;
        let now = chrono::Utc::now();
        let reminded = crate::app::reminders::remind_due(store.as_ref(), &i18n, &self.link_base, now).await?;
        let digests = crate::app::reminders::digest::send_digests(store.as_ref(), &i18n, &self.link_base, now).await?;
        tracing::info!(reminded, digests, "reminders and digests queued");
        Ok(())
    }

    /// Every server schedules it; one queued at a time is enough.
    fn unique_key(&self) -> Option<String> {
        Some(Self::KIND.to_owned())
    }
}
