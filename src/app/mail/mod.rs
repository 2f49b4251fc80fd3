//! Sending the outbox's emails: over SMTP with `lettre` (rustls for TLS), or, in console mode, to the log.
//! Console mode is the default when no SMTP server is configured, so development needs no mail server and
//! production cannot silently drop mail by forgetting a setting: the log says where each email went.

mod smtp;

use chrono::{DateTime, Utc};

use crate::domain::change::Change;
use crate::domain::mail::{MailPurpose, NewMail, OutboxMail};
use crate::domain::Lang;
use crate::store::{Store, StoreResult};
pub use smtp::Smtp;

/// How an SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TlsMode {
    /// Plain text: only for a relay on the same machine or a private network.
    None,
    /// Plain connection upgraded with STARTTLS, required (usually port 587).
    Starttls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

impl TlsMode {
    pub fn default_port(self) -> u16 {
        match self {
            TlsMode::None => 25,
            TlsMode::Starttls => 587,
            TlsMode::Tls => 465,
        }
    }
}

/// A password that never shows in logs or debug output.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
    pub user: Option<String>,
    pub password: Option<Secret>,
    /// How long one SMTP exchange may take before the attempt counts as failed.
    pub timeout: std::time::Duration,
}

/// Where emails go, and from whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSettings {
    /// `None`: console mode, every email written to the log.
    pub smtp: Option<SmtpSettings>,
    /// The From address, e.g. `Tarina <tarina@espoo.fi>`.
    pub from: String,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            smtp: None,
            from: "Tarina <tarina@localhost>".into(),
        }
    }
}

/// Why one attempt did not hand the email over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError {
    pub message: String,
    /// The SMTP server refused it for good (5xx): trying again would be refused again.
    pub permanent: bool,
    /// The server could not be reached or talked to at all: the next emails would fare the same now.
    pub unreachable: bool,
}

/// Sends one email at a time the configured way.
pub enum Mailer {
    Console,
    Smtp(Box<Smtp>),
}

impl Mailer {
    pub fn new(settings: &MailSettings) -> anyhow::Result<Mailer> {
        match &settings.smtp {
            None => Ok(Mailer::Console),
            Some(smtp) => Ok(Mailer::Smtp(Box::new(Smtp::new(smtp, &settings.from)?))),
        }
    }

    pub async fn send(&self, mail: &OutboxMail) -> Result<(), SendError> {
        match self {
            Mailer::Console => {
                tracing::info!(
                    message_id = mail.message_id,
                    to = mail.recipient,
                    subject = mail.subject,
                    purpose = mail.purpose.as_str(),
                    "console mode, email not sent:\n{}",
                    mail.body_text
                );
                Ok(())
            }
            Mailer::Smtp(smtp) => smtp.send(mail).await,
        }
    }
}

/// A new Message-ID on `host`: 128 random bits, so that no two emails share one.
pub fn new_message_id(host: &str) -> String {
    use rand::RngCore as _;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}@{host}")
}

/// Queues test emails, audited as `change`: how an operator checks the settings, and what the delivery
/// benchmark sends.
pub async fn queue_test_mail(
    store: &dyn Store,
    recipients: &[crate::domain::access::Email],
    host: &str,
    change: &Change,
    now: DateTime<Utc>,
) -> StoreResult<usize> {
    let mail: Vec<NewMail> = recipients
        .iter()
        .enumerate()
        .map(|(n, recipient)| NewMail {
            message_id: new_message_id(host),
            purpose: MailPurpose::Test,
            recipient: recipient.clone(),
            language: Lang::En,
            subject: format!("Tarina test message {}", n + 1),
            body_text: format!("This is test message {} from Tarina.\n", n + 1),
        })
        .collect();
    store.queue_mail(&mail, change, now).await
}
