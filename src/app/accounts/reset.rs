//! Resetting a forgotten password by an emailed link. Asking gives the same answer, after the same work,
//! whether or not the address has an account: the request only queues a job, and the job decides whether
//! there is anyone to email. The link carries a random token of which only a hash is kept; it works once,
//! for an hour, and using it ends every session of the account.

use chrono::{DateTime, Duration, Utc};

use super::password::{Busy, PasswordHasher};
use super::tokens::{random_token, token_hash};
use crate::app::mail::new_message_id;
use crate::domain::access::{Account, Email, Password, Throttle};
use crate::domain::change::Change;
use crate::domain::mail::{message_id_host, MailPurpose, NewMail};
use crate::i18n::I18n;
use crate::store::{Store, StoreError};

/// How long an emailed link works.
pub const LINK_LIFETIME: Duration = Duration::hours(1);

#[derive(Debug, thiserror::Error)]
pub enum ResetError {
    /// Too many requests lately for this address or from this client.
    #[error("too many password reset attempts; try again later")]
    Locked,
    /// The link is unknown, used, expired, or its account may no longer sign in with a password.
    #[error("the link is no longer valid")]
    Invalid,
    #[error(transparent)]
    Busy(#[from] Busy),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Someone asks for a link; `address` is the client's, for throttling only.
pub struct ResetRequest<'a> {
    pub email: &'a str,
    pub address: &'a str,
    /// Where the site is reached, for the link: `https://tarina.example`.
    pub link_base: &'a str,
    pub now: DateTime<Utc>,
}

async fn throttled(
    store: &dyn Store,
    throttle: Throttle,
    keys: &[(String, i64)],
    now: DateTime<Utc>,
) -> Result<(), ResetError> {
    for (key, limit) in keys {
        if store.failures_since(key, now - throttle.window).await? >= *limit {
            return Err(ResetError::Locked);
        }
    }
    Ok(())
}

/// Counts the request against the address asked for and the client, as failed sign-ins are counted, then
/// queues the job that emails the link if there is an account to email.
pub async fn request_reset(store: &dyn Store, throttle: Throttle, request: ResetRequest<'_>) -> Result<(), ResetError> {
    let keys = [
        (
            format!("reset:account:{}", request.email.trim().to_lowercase()),
            throttle.per_account,
        ),
        (format!("reset:address:{}", request.address), throttle.per_address),
    ];
    throttled(store, throttle, &keys, request.now).await?;
    let names: Vec<String> = keys.into_iter().map(|(key, _)| key).collect();
    store
        .record_failure(&names, request.now, request.now - throttle.window)
        .await?;
    let job = crate::jobs::EmailResetLink {
        email: request.email.trim().to_owned(),
        link_base: request.link_base.trim_end_matches('/').to_owned(),
    };
    crate::jobs::enqueue(store, &job).await?;
    Ok(())
}

/// The job's work: a token and its email, in the account's language, for an active account with a local
/// password; nothing for any other address.
pub async fn email_reset_link(
    store: &dyn Store,
    i18n: &I18n,
    email: &str,
    link_base: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let Ok(email) = Email::parse(email) else {
        return Ok(false);
    };
    let Some((account, Some(_))) = store.credentials(&email).await? else {
        return Ok(false);
    };
    if !account.active {
        return Ok(false);
    }
    let token = random_token();
    let lang = account.language;
    let link = format!("{link_base}/staff/{lang}/reset-password?token={token}");
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("name", account.display_name.clone());
    args.set("link", link);
    args.set("minutes", LINK_LIFETIME.num_minutes());
    let mail = NewMail {
        message_id: new_message_id(&message_id_host(link_base)),
        purpose: MailPurpose::PasswordReset,
        recipient: account.email.clone(),
        language: lang,
        subject: i18n.text(lang, "mail-reset-subject"),
        body_text: i18n.message(lang, "mail-reset-body", Some(&args)),
    };
    let change = Change::new(
        "public:password-reset",
        "a password reset link was asked for on the sign-in page",
    );
    store
        .begin_password_reset(
            account.id,
            &token_hash(&token),
            now + LINK_LIFETIME,
            &mail,
            &change,
            now,
        )
        .await?;
    Ok(true)
}

fn token_key(address: &str) -> String {
    format!("reset:link:{address}")
}

/// The account a link would reset, if it still works; a link that does not counts against the client.
pub async fn account_of_link(
    store: &dyn Store,
    throttle: Throttle,
    token: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Account, ResetError> {
    let key = token_key(address);
    throttled(store, throttle, &[(key.clone(), throttle.per_address)], now).await?;
    match store.password_reset_account(&token_hash(token), now).await? {
        Some(account) => Ok(account),
        None => {
            store.record_failure(&[key], now, now - throttle.window).await?;
            Err(ResetError::Invalid)
        }
    }
}

/// Sets the new password through the link, ending the account's sessions; the account, to sign in again.
pub async fn reset_password(
    store: &dyn Store,
    hasher: &PasswordHasher,
    throttle: Throttle,
    token: &str,
    password: &Password,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Account, ResetError> {
    let account = account_of_link(store, throttle, token, address, now).await?;
    let hash = hasher.hash(password).await?.map_err(StoreError::Other)?;
    let change = Change::new(
        format!("user:{}", account.id),
        "password reset by a link emailed to the account's address",
    );
    store
        .finish_password_reset(&token_hash(token), &hash, &change, now)
        .await?
        .ok_or(ResetError::Invalid)
}

#[cfg(test)]
mod tests {
    use crate::domain::Lang;

    /// Mail programs make a link clickable when it stands alone on its line; the paragraphs stay apart.
    #[test]
    fn the_email_puts_the_link_on_a_line_of_its_own_in_every_language() {
        let i18n = crate::i18n::I18n::load().unwrap();
        for lang in Lang::ALL {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("name", "Maija");
            args.set("link", "https://tarina.example/staff/fi/reset-password?token=abc");
            args.set("minutes", super::LINK_LIFETIME.num_minutes());
            let body = i18n.message(lang, "mail-reset-body", Some(&args));
            assert!(
                body.contains("\n\nhttps://tarina.example/staff/fi/reset-password?token=abc\n\n"),
                "{lang}: {body}"
            );
            assert!(body.contains("Maija") && body.contains("60"), "{lang}: {body}");
            assert!(!i18n.text(lang, "mail-reset-subject").contains('\n'));
        }
    }
}
