//! Account and session rows as both backends return them, and their conversion to the domain.

use chrono::{DateTime, Utc};

use crate::domain::access::{Account, Assignment, Email, Role, Session};
use crate::domain::{ActionId, IndicatorId, Lang, Slug};

#[derive(Debug, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub organisation: Option<String>,
    pub language: String,
    pub active: bool,
    pub password_hash: Option<String>,
}

#[derive(Debug, sqlx::FromRow)]
pub struct AssignmentRow {
    pub account_id: i64,
    pub kind: String,
    pub key: String,
}

#[derive(Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub id: i64,
    pub account_id: i64,
    pub created_at: String,
    pub last_seen_at: String,
    pub expires_at: String,
    pub user_agent: String,
    pub csrf_token: String,
}

/// A session with its account and one of the account's assignments (none: `kind` and `key` are null), as
/// one statement reads them for every signed-in request: one round trip instead of a transaction of three
/// queries, and a single statement sees the three tables at one moment on both backends.
#[derive(Debug, sqlx::FromRow)]
pub struct LiveSessionRow {
    #[sqlx(flatten)]
    pub session: SessionRow,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub organisation: Option<String>,
    pub language: String,
    pub active: bool,
    pub password_hash: Option<String>,
    pub kind: Option<String>,
    pub key: Option<String>,
}

impl LiveSessionRow {
    /// The session and its account from the rows of one session (one row per assignment, at least one).
    pub fn into_session(rows: Vec<LiveSessionRow>) -> anyhow::Result<Option<(Session, Account)>> {
        let assignments: Vec<AssignmentRow> = rows
            .iter()
            .filter_map(|row| {
                Some(AssignmentRow {
                    account_id: row.session.account_id,
                    kind: row.kind.clone()?,
                    key: row.key.clone()?,
                })
            })
            .collect();
        let Some(first) = rows.into_iter().next() else {
            return Ok(None);
        };
        let account = AccountRow {
            id: first.session.account_id,
            email: first.email,
            display_name: first.display_name,
            role: first.role,
            organisation: first.organisation,
            language: first.language,
            active: first.active,
            password_hash: first.password_hash,
        };
        let (account, _) = account.into_account(&assignments)?;
        Ok(Some((first.session.into_session()?, account)))
    }
}

pub fn corrupt(what: &str, value: &str) -> anyhow::Error {
    anyhow::anyhow!("the database holds an invalid {what}: {value:?}")
}

pub fn time(text: &str) -> anyhow::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| corrupt("time", text))
}

pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

impl AccountRow {
    pub fn into_account(self, assignments: &[AssignmentRow]) -> anyhow::Result<(Account, Option<String>)> {
        let mut owned = Vec::new();
        for row in assignments.iter().filter(|a| a.account_id == self.id) {
            owned.push(match row.kind.as_str() {
                "action" => Assignment::Action(row.key.parse::<ActionId>().map_err(|_| corrupt("action", &row.key))?),
                "indicator" => Assignment::Indicator(
                    row.key
                        .parse::<IndicatorId>()
                        .map_err(|_| corrupt("indicator", &row.key))?,
                ),
                other => return Err(corrupt("assignment kind", other)),
            });
        }
        let account = Account {
            id: self.id,
            email: Email::parse(&self.email).map_err(|_| corrupt("email address", &self.email))?,
            display_name: self.display_name,
            role: self.role.parse::<Role>().map_err(|_| corrupt("role", &self.role))?,
            organisation: self
                .organisation
                .map(|o| Slug::parse(&o).map_err(|_| corrupt("organisation", &o)))
                .transpose()?,
            language: self
                .language
                .parse::<Lang>()
                .map_err(|_| corrupt("language", &self.language))?,
            active: self.active,
            assignments: owned,
        };
        Ok((account, self.password_hash))
    }
}

impl SessionRow {
    pub fn into_session(self) -> anyhow::Result<Session> {
        Ok(Session {
            id: self.id,
            account_id: self.account_id,
            created_at: time(&self.created_at)?,
            last_seen_at: time(&self.last_seen_at)?,
            expires_at: time(&self.expires_at)?,
            user_agent: self.user_agent,
            csrf_token: self.csrf_token,
        })
    }
}
