//! Emails Tarina sends, as the outbox holds them: queued in the same transaction as their reason, then sent
//! by a server, at least once and, but for a server killed between the SMTP server's acceptance and the row's
//! update, exactly once. Plain data and rules, no I/O.

use chrono::{DateTime, Utc};

use super::access::Email;
use super::Lang;

/// Where an email stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MailState {
    /// Waiting for its next attempt (or being sent by a server holding its lease).
    Queued,
    /// Accepted by the SMTP server (or written to the log in console mode).
    Sent,
    /// Refused for a passing reason on every attempt; kept for people to read, never tried again.
    Failed,
    /// Refused for good by the SMTP server (a 5xx answer); retrying would only be refused again.
    Bounced,
}

impl MailState {
    pub const ALL: [MailState; 4] = [
        MailState::Queued,
        MailState::Sent,
        MailState::Failed,
        MailState::Bounced,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MailState::Queued => "queued",
            MailState::Sent => "sent",
            MailState::Failed => "failed",
            MailState::Bounced => "bounced",
        }
    }

    pub fn parse(text: &str) -> Option<MailState> {
        MailState::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// Why an email is sent; kept with it so the staff page can say what a bounced email was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailPurpose {
    PasswordReset,
    /// An action's status update or an indicator's value is due (or a person reminded its owners by hand).
    Reminder,
    /// The weekly digest of an organisation: what changed and what is late.
    Digest,
    /// A message an operator queued to check the mail settings (`examples/mail_bench.rs` queues these).
    Test,
}

impl MailPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            MailPurpose::PasswordReset => "password_reset",
            MailPurpose::Reminder => "reminder",
            MailPurpose::Digest => "digest",
            MailPurpose::Test => "test",
        }
    }

    pub fn parse(text: &str) -> Option<MailPurpose> {
        [
            MailPurpose::PasswordReset,
            MailPurpose::Reminder,
            MailPurpose::Digest,
            MailPurpose::Test,
        ]
        .into_iter()
        .find(|p| p.as_str() == text)
    }
}

/// An email to queue. Its Message-ID is chosen once, here, so that every attempt sends the same one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMail {
    /// Without angle brackets: `random@host`.
    pub message_id: String,
    pub purpose: MailPurpose,
    pub recipient: Email,
    pub language: Lang,
    pub subject: String,
    pub body_text: String,
}

/// An email as the outbox holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMail {
    pub id: i64,
    pub message_id: String,
    pub purpose: MailPurpose,
    pub recipient: String,
    pub language: Lang,
    pub subject: String,
    pub body_text: String,
    pub state: MailState,
    /// Attempts that have ended (a claim under way is not counted until it ends).
    pub attempts: u32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub attempted_at: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// How one attempt to send ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Sent,
    /// Refused for now (a 4xx answer, no connection, a time-out): try again at `at`.
    Retry {
        at: DateTime<Utc>,
        error: String,
    },
    /// Refused for now on its last attempt.
    Failed {
        error: String,
    },
    /// Refused for good.
    Bounced {
        error: String,
    },
}

/// How many attempts an email gets before it is marked failed. With the retry wait doubling from a few
/// seconds up to an hour, twenty attempts span about half a day: an SMTP server down for a morning loses
/// nothing.
pub const MAX_ATTEMPTS: u32 = 20;

/// What a failed attempt leads to: another attempt after `wait`, or, once attempts run out, failure.
pub fn after_failure(attempts_so_far: u32, now: DateTime<Utc>, wait: chrono::Duration, error: String) -> Delivery {
    if attempts_so_far + 1 >= MAX_ATTEMPTS {
        Delivery::Failed { error }
    } else {
        Delivery::Retry { at: now + wait, error }
    }
}

/// The host part of a Message-ID for a site at `public_url`: its host name, or `tarina.invalid` when the
/// address has none a Message-ID may carry.
pub fn message_id_host(public_url: &str) -> String {
    let rest = public_url.split_once("://").map_or(public_url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or_default();
    let valid = !host.is_empty()
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !host.contains("..")
        && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    if valid {
        host.to_ascii_lowercase()
    } else {
        "tarina.invalid".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_and_purposes_read_back() {
        for state in MailState::ALL {
            assert_eq!(MailState::parse(state.as_str()), Some(state));
        }
        assert_eq!(MailPurpose::parse("password_reset"), Some(MailPurpose::PasswordReset));
        assert_eq!(MailPurpose::parse("x"), None);
    }

    #[test]
    fn the_last_attempt_fails_instead_of_retrying() {
        let now = Utc::now();
        let wait = chrono::Duration::seconds(5);
        assert!(matches!(
            after_failure(0, now, wait, "x".into()),
            Delivery::Retry { .. }
        ));
        assert_eq!(
            after_failure(MAX_ATTEMPTS - 1, now, wait, "x".into()),
            Delivery::Failed { error: "x".into() }
        );
    }

    #[test]
    fn message_ids_use_the_sites_host() {
        assert_eq!(message_id_host("https://Tarina.Espoo.fi/"), "tarina.espoo.fi");
        assert_eq!(message_id_host("http://127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(message_id_host("http://[::1]:80"), "tarina.invalid");
        assert_eq!(message_id_host(""), "tarina.invalid");
    }
}
