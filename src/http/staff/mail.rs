//! The outbox for the strategy office and admins: how many emails are in each state, and every email that
//! bounced or failed, with its address and the SMTP server's words, so someone can fix an address or tell
//! the person another way.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;
use serde::Serialize;

use super::view::StaffPage;
use super::{parse_lang, Signed};
use crate::domain::access::policy::{permits, Operation, Subject};
use crate::domain::mail::MailState;
use crate::http::{AppError, AppState};

/// The page lists at most this many emails, newest first.
const LIMIT: i64 = 500;

#[derive(Serialize)]
struct Count {
    state: &'static str,
    count: i64,
}

#[derive(Serialize)]
struct Line {
    id: i64,
    recipient: String,
    purpose: &'static str,
    subject: String,
    state: &'static str,
    attempts: u32,
    last_error: String,
    created_at: String,
    attempted_at: String,
    message_id: String,
}

#[derive(Serialize)]
struct MailView {
    counts: Vec<Count>,
    problems: Vec<Line>,
}

fn minute(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

pub async fn page(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    let organisations = &state.snapshot().cascade.organisations;
    if !permits(&signed.account, Operation::ReadMailOutbox, Subject::Any, organisations) {
        return Err(AppError::Forbidden {
            detail: "problem-detail-forbidden",
        });
    }
    let counted = state.store.mail_counts().await?;
    let counts = MailState::ALL
        .into_iter()
        .map(|mail_state| Count {
            state: mail_state.as_str(),
            count: counted
                .iter()
                .find(|(s, _)| *s == mail_state)
                .map_or(0, |(_, count)| *count),
        })
        .collect();
    let problems = state
        .store
        .mail_in(&[MailState::Bounced, MailState::Failed], LIMIT)
        .await?
        .into_iter()
        .map(|mail| Line {
            id: mail.id,
            recipient: mail.recipient,
            purpose: mail.purpose.as_str(),
            subject: mail.subject,
            state: mail.state.as_str(),
            attempts: mail.attempts,
            last_error: mail.last_error.unwrap_or_default(),
            created_at: minute(mail.created_at),
            attempted_at: mail.attempted_at.map(minute).unwrap_or_default(),
            message_id: mail.message_id,
        })
        .collect();
    let page = StaffPage {
        lang,
        path: "/mail",
        title_key: "staff-mail-title",
        signed: Some(&signed),
    };
    page.respond(&state, "staff/mail.html", MailView { counts, problems })
}
