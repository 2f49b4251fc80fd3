//! API tokens for integrations: created by admins (in the staff pages or with `tarina token add`) for an
//! account, the secret shown once and only its hash stored; revoked with a reason; and the token a request
//! presents, found by its hash. Creation and revocation are audited in the same transaction as the change.

use chrono::{DateTime, Utc};

use super::tokens::{random_token, token_hash};
use crate::domain::access::{Account, ApiToken, Assignment, NewApiToken, TokenState};
use crate::domain::change::Change;
use crate::domain::{ActionId, IndicatorId, Slug};
use crate::store::{Store, StoreError};

/// Every secret starts with this, so that people and secret scanners can tell a Tarina token when they see one.
pub const SECRET_PREFIX: &str = "tarina_";

/// A token just created. The secret goes to the person who created it, once; it is stored nowhere.
pub struct CreatedToken {
    pub id: i64,
    pub secret: String,
}

/// Why a token was not created.
#[derive(Debug, thiserror::Error)]
pub enum CreateTokenError {
    #[error("the city has no organisation {0}")]
    UnknownOrganisation(Slug),
    #[error("the city has no indicator {0}")]
    UnknownIndicator(IndicatorId),
    #[error("the strategy has no action {0}")]
    UnknownAction(ActionId),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// Creates a token for `account_id` after checking that what its scope names exists in the current strategy
/// and cascade. A scope that names nothing needs neither, so a token can be made before the first start seeds
/// the database (as CI does).
pub async fn create_token(
    store: &dyn Store,
    account_id: i64,
    token: &NewApiToken,
    change: &Change,
    now: DateTime<Utc>,
) -> Result<CreatedToken, CreateTokenError> {
    if token.scope.organisation.is_some() || !token.scope.assignments.is_empty() {
        check_scope(store, token).await?;
    }
    let secret = format!("{SECRET_PREFIX}{}", random_token());
    let id = store
        .create_api_token(account_id, token, &token_hash(&secret), change, now)
        .await?;
    Ok(CreatedToken { id, secret })
}

async fn check_scope(store: &dyn Store, token: &NewApiToken) -> Result<(), CreateTokenError> {
    let (strategy, cascade) = crate::app::current_outline(store).await?;
    if let Some(organisation) = &token.scope.organisation {
        if cascade.organisation(organisation).is_none() {
            return Err(CreateTokenError::UnknownOrganisation(organisation.clone()));
        }
    }
    for assignment in &token.scope.assignments {
        match *assignment {
            Assignment::Indicator(id) if cascade.indicator(id).is_none() => {
                return Err(CreateTokenError::UnknownIndicator(id));
            }
            Assignment::Action(id) if !strategy.actions().any(|action| action.id == id) => {
                return Err(CreateTokenError::UnknownAction(id));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Revokes a token at once, on every server; `false` when there is no such token or it is revoked already.
pub async fn revoke_token(store: &dyn Store, id: i64, change: &Change, now: DateTime<Utc>) -> Result<bool, StoreError> {
    store.revoke_api_token(id, change, now).await
}

/// The live token a request presents, with its active account: `None` for an unknown, revoked or expired
/// token and for one whose account is no longer active.
pub async fn authenticate(
    store: &dyn Store,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Option<(ApiToken, Account)>, StoreError> {
    let found = store.api_token_by_hash(&token_hash(secret)).await?;
    Ok(found.filter(|(token, account)| token.state(now) == TokenState::Active && account.active))
}
