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
