//! The mail sender every server that runs jobs also runs: it claims due emails from the outbox with a
//! lease, hands them to SMTP one by one and marks each sent the moment the server has accepted it, so a
//! server killed midway leaves at most the one email it was handing over to be sent again (with its same
//! Message-ID). A refusal for now (4xx, no connection) is tried again later with a doubling wait; a refusal
//! for good (5xx) marks the email bounced and is never retried.

use std::sync::Arc;

use chrono::Utc;

use super::JobSettings;
use crate::app::mail::Mailer;
use crate::domain::mail::{after_failure, Delivery};
use crate::store::Store;

/// How many emails one claim takes: enough that claiming costs little per email, few enough that another
/// server finds work while this one sends.
const BATCH: i64 = 20;

pub struct MailSender {
    store: Arc<dyn Store>,
    mailer: Mailer,
    settings: JobSettings,
    /// Unique per process, so a restarted server never mistakes an old lease for its own.
    worker: String,
}

impl MailSender {
    pub fn new(store: Arc<dyn Store>, mailer: Mailer, settings: JobSettings) -> MailSender {
        let started = Utc::now().timestamp_nanos_opt().unwrap_or_default();
        MailSender {
            store,
            mailer,
            settings,
            worker: format!("mail-{}-{started:x}", std::process::id()),
        }
    }

    /// Sends for as long as the server runs.
    pub async fn run_forever(self) {
        loop {
            match self.send_due().await {
                Ok(0) => tokio::time::sleep(self.settings.poll).await,
                Ok(_) => {}
                Err(error) => {
                    tracing::warn!("cannot send emails: {error:#}");
                    tokio::time::sleep(self.settings.poll).await;
                }
            }
        }
    }

    /// Claims one batch of due emails and tries each; how many were claimed.
    pub async fn send_due(&self) -> anyhow::Result<usize> {
        let lease = chrono::Duration::from_std(self.settings.lease)?;
        let now = Utc::now();
        let batch = self.store.claim_mail(&self.worker, now, now + lease, BATCH).await?;
        let mut renewed = now;
        let mut unreachable: Option<String> = None;
        for mail in &batch {
            // A slow server must not let the lease run out under the emails still waiting in this batch.
            if Utc::now() - renewed > lease / 3 {
                renewed = Utc::now();
                self.store.extend_mail_lease(&self.worker, renewed + lease).await?;
            }
            let outcome = match &unreachable {
                // No answer for the last one: the rest of the batch waits for the next try without knocking.
                Some(error) => Err((error.clone(), false)),
                None => self.mailer.send(mail).await.map_err(|error| {
                    if error.unreachable {
                        unreachable = Some(error.message.clone());
                    }
                    (error.message, error.permanent)
                }),
            };
            let now = Utc::now();
            let delivery = match outcome {
                Ok(()) => Delivery::Sent,
                Err((error, true)) => Delivery::Bounced { error },
                Err((error, false)) => {
                    let wait = chrono::Duration::from_std(self.settings.backoff(mail.attempts + 1))?;
                    after_failure(mail.attempts, now, wait, error)
                }
            };
            match &delivery {
                Delivery::Sent => tracing::debug!(mail = mail.id, message_id = mail.message_id, "email sent"),
                Delivery::Retry { at, error } => {
                    tracing::warn!(mail = mail.id, attempt = mail.attempts + 1, %at, "email not sent, will retry: {error}")
                }
                Delivery::Failed { error } => {
                    tracing::error!(
                        mail = mail.id,
                        attempt = mail.attempts + 1,
                        "email not sent, giving up: {error}"
                    )
                }
                Delivery::Bounced { error } => tracing::error!(mail = mail.id, "email refused for good: {error}"),
            }
            if !self.store.finish_mail(mail.id, &self.worker, &delivery, now).await? {
                tracing::warn!(
                    mail = mail.id,
                    "lost the email's lease before its attempt ended; another server may send it again"
                );
            }
        }
        Ok(batch.len())
    }
}
