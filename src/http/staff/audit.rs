//! The audit log for admins: filtered by who, what and when, newest first, and downloadable as CSV with the
//! same filters. Spreadsheet formulas in any field are neutralised so that opening the file runs nothing.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::view::StaffPage;
use super::{parse_lang, Signed};
use crate::domain::access::policy::Operation;
use crate::domain::Lang;
use crate::http::{AppError, AppState};
use crate::store::{AuditEntry, AuditFilter};

const PAGE_SIZE: i64 = 100;
/// A download holds at most this many entries; narrow the filters for more.
const CSV_LIMIT: i64 = 100_000;

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct AuditQuery {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    page: Option<u32>,
}

impl AuditQuery {
    /// The filter, or the field whose text is not a date.
    fn filter(&self) -> Result<AuditFilter, &'static str> {
        let date = |text: &str, field| match text.trim() {
            "" => Ok(None),
            day => NaiveDate::parse_from_str(day, "%Y-%m-%d").map(Some).map_err(|_| field),
        };
        let text = |value: &str| Some(value.trim().to_owned()).filter(|v| !v.is_empty() && v.chars().count() <= 200);
        Ok(AuditFilter {
            actor: text(&self.actor),
            text: text(&self.q),
            from: date(&self.from, "from")?,
            to: date(&self.to, "to")?,
        })
    }
}

fn require_auditor(state: &AppState, signed: &Signed) -> Result<(), AppError> {
    signed.require(state, Operation::ReadAuditLog)
}

/// The account id an actor names: `user:12`, or `user:12/token:3` for a write through one of its API tokens.
fn account_of(actor: &str) -> Option<i64> {
    actor.split('/').next()?.strip_prefix("user:")?.parse().ok()
}

/// The addresses of the accounts that `entries` name, which admins may see: only those, in one statement.
async fn actor_emails(state: &AppState, entries: &[AuditEntry]) -> Result<HashMap<i64, String>, AppError> {
    let mut ids: Vec<i64> = entries.iter().filter_map(|e| account_of(&e.actor)).collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(state.store.account_emails(&ids).await?)
}

#[derive(Serialize)]
struct Line {
    at: String,
    actor: String,
    reason: String,
    action: String,
    subject: String,
    summary: String,
    before: Option<String>,
    after: Option<String>,
}

/// The actor with its account's address; a write through an API token (`user:12/token:3`) names its account.
fn line(entry: AuditEntry, emails: &HashMap<i64, String>) -> Line {
    let actor = match account_of(&entry.actor).and_then(|id| emails.get(&id)) {
        Some(email) => format!("{email} ({})", entry.actor),
        None => entry.actor,
    };
    Line {
        at: entry.at,
        actor,
        reason: entry.reason,
        action: entry.action,
        subject: entry.subject,
        summary: entry.summary,
        before: entry.before_json,
        after: entry.after_json,
    }
}

#[derive(Serialize)]
struct AuditView {
    entries: Vec<Line>,
    query: AuditQuery,
    error: Option<String>,
    csv_query: String,
    next_page: Option<String>,
    previous_page: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<AuditQuery>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let lang = parse_lang(&lang)?;
    require_auditor(&state, &signed)?;
    let number = i64::from(query.page.unwrap_or(1).clamp(1, 10_000));
    let (entries, error) = match query.filter() {
        Ok(filter) => {
            let found = state
                .store
                .audit_entries(&filter, PAGE_SIZE + 1, (number - 1) * PAGE_SIZE)
                .await?;
            (found, None)
        }
        Err(_) => (Vec::new(), Some(state.i18n.text(lang, "staff-error-date"))),
    };
    let more = entries.len() as i64 > PAGE_SIZE;
    let mut entries = entries;
    entries.truncate(PAGE_SIZE as usize);
    let emails = actor_emails(&state, &entries).await?;
    let with_page = |n: i64| {
        let mut q = query.clone();
        q.page = Some(n as u32);
        serde_urlencoded::to_string(&q).unwrap_or_default()
    };
    let view = AuditView {
        entries: entries.into_iter().map(|e| line(e, &emails)).collect(),
        csv_query: serde_urlencoded::to_string(AuditQuery {
            page: None,
            ..query.clone()
        })
        .unwrap_or_default(),
        next_page: more.then(|| with_page(number + 1)),
        previous_page: (number > 1).then(|| with_page(number - 1)),
        query,
        error,
    };
    let page = StaffPage {
        lang,
        path: "/audit",
        title_key: "staff-audit-title",
        signed: Some(&signed),
    };
    if view.error.is_some() {
        return page.respond_with(
            &state,
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "staff/audit.html",
            view,
        );
    }
    page.respond(&state, "staff/audit.html", view)
}

/// A cell that a spreadsheet would read as a formula starts with an apostrophe instead (OWASP CSV injection).
fn neutralised(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

pub async fn csv(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<AuditQuery>,
    Extension(signed): Extension<Signed>,
) -> Result<Response, AppError> {
    let _lang: Lang = parse_lang(&lang)?;
    require_auditor(&state, &signed)?;
    let filter = query.filter().map_err(|field| AppError::Unprocessable {
        detail: "problem-detail-malformed-date",
        value: field.to_owned(),
    })?;
    let entries = state.store.audit_entries(&filter, CSV_LIMIT, 0).await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "at", "actor", "reason", "action", "subject", "summary", "before", "after",
    ];
    writer.write_record(header).map_err(anyhow::Error::from)?;
    for entry in entries {
        let record = [
            entry.at,
            entry.actor,
            entry.reason,
            entry.action,
            entry.subject,
            entry.summary,
            entry.before_json.unwrap_or_default(),
            entry.after_json.unwrap_or_default(),
        ];
        writer
            .write_record(record.iter().map(|field| neutralised(field)))
            .map_err(anyhow::Error::from)?;
    }
    let body = writer.into_inner().map_err(|error| anyhow::anyhow!("{error}"))?;
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (CONTENT_DISPOSITION, "attachment; filename=\"tarina-audit-log.csv\""),
        ],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(super::neutralised("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(super::neutralised("-1+1"), "'-1+1");
        assert_eq!(super::neutralised("user:1"), "user:1");
    }

    #[test]
    fn actors_name_their_accounts() {
        assert_eq!(super::account_of("user:12"), Some(12));
        assert_eq!(super::account_of("user:12/token:3"), Some(12));
        assert_eq!(super::account_of("connector:statfin"), None);
        assert_eq!(super::account_of("user:x"), None);
    }
}
