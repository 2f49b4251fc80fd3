//! API tokens, part of the accounts capability: created and revoked with an audit entry in the same
//! transaction, and found by the hash of their secret. Like accounts they are never published, so none of it
//! touches the data version.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::rows::{corrupt, time};
use crate::domain::access::{Account, ApiToken, Assignment, NewApiToken, Role, TokenScope};
use crate::domain::change::Change;
use crate::domain::{ActionId, IndicatorId, Slug};
use crate::store::StoreResult;

#[async_trait]
pub trait ApiTokens: Send + Sync + 'static {
    /// Stores a token for `account_id` under the hash of its secret; [`crate::store::StoreError::NotFound`]
    /// when there is no such account.
    async fn create_api_token(
        &self,
        account_id: i64,
        token: &NewApiToken,
        token_hash: &str,
        change: &Change,
        now: DateTime<Utc>,
    ) -> StoreResult<i64>;

    /// Every token, revoked and expired ones too, newest first.
    async fn api_tokens(&self) -> StoreResult<Vec<ApiToken>>;

    /// Revokes a token that is not revoked yet; `false` when there is no such token or it is revoked already.
    async fn revoke_api_token(&self, id: i64, change: &Change, now: DateTime<Utc>) -> StoreResult<bool>;

    /// The token with this hash of its secret and its account, whatever their state.
    async fn api_token_by_hash(&self, token_hash: &str) -> StoreResult<Option<(ApiToken, Account)>>;
}

#[derive(Debug, sqlx::FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub account_id: i64,
    pub name: String,
    pub role: String,
    pub organisation: Option<String>,
    pub created_at: String,
    pub created_by: String,
    pub expires_at: Option<String>,
    pub revoked_at: Option<String>,
}

#[derive(Debug, sqlx::FromRow)]
pub struct TokenAssignmentRow {
    pub token_id: i64,
    pub kind: String,
    pub key: String,
}

impl TokenRow {
    pub fn into_token(self, assignments: &[TokenAssignmentRow]) -> anyhow::Result<ApiToken> {
        let mut owned = Vec::new();
        for row in assignments.iter().filter(|a| a.token_id == self.id) {
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
        let optional_time = |text: Option<String>| text.as_deref().map(time).transpose();
        Ok(ApiToken {
            id: self.id,
            account_id: self.account_id,
            name: self.name,
            scope: TokenScope {
                role: self.role.parse::<Role>().map_err(|_| corrupt("role", &self.role))?,
                organisation: self
                    .organisation
                    .map(|o| Slug::parse(&o).map_err(|_| corrupt("organisation", &o)))
                    .transpose()?,
                assignments: owned,
            },
            created_at: time(&self.created_at)?,
            created_by: self.created_by,
            expires_at: optional_time(self.expires_at)?,
            revoked_at: optional_time(self.revoked_at)?,
        })
    }
}

/// An assignment as its row's kind and key.
pub fn assignment_key(assignment: &Assignment) -> (&'static str, String) {
    match assignment {
        Assignment::Action(id) => ("action", id.to_string()),
        Assignment::Indicator(id) => ("indicator", id.to_string()),
    }
}
