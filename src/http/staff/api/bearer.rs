//! The API token of a write request, from `Authorization: Bearer <token>` and from nothing else. Cookies are
//! never read here, so a page on another site cannot make a signed-in browser send a write on its session's
//! behalf: that is why the write API needs no CSRF token, unlike the staff forms.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use chrono::Utc;

use crate::domain::access::policy::{Operation, Subject};
use crate::domain::access::{Account, ApiToken};
use crate::domain::cascade::Organisation;
use crate::http::{AppError, AppState};

/// A live token and the active account it acts for; a request without one gets 401.
pub struct Bearer {
    pub token: ApiToken,
    pub account: Account,
}

impl Bearer {
    /// The actor of the writes made with this token: its account, and the token as the means, so the audit
    /// log tells integrations apart and an account filter (`user:12`) still finds them.
    pub fn actor(&self) -> String {
        format!("user:{}/token:{}", self.account.id, self.token.id)
    }

    /// The account as the token's scope narrows it: what the app layer's checks of reach must also allow
    /// when the token writes something new (a target's organisation, a linked indicator), beside the account.
    pub fn scoped(&self) -> Account {
        self.token.scope.narrow(&self.account)
    }

    /// 403 unless the token and its account both allow `operation` on `subject`.
    pub fn require(
        &self,
        operation: Operation,
        subject: Subject<'_>,
        organisations: &[Organisation],
    ) -> Result<(), AppError> {
        if self.token.permits(&self.account, operation, subject, organisations) {
            Ok(())
        } else {
            Err(AppError::Forbidden {
                detail: "problem-detail-token-scope",
            })
        }
    }
}

/// The token of an `Authorization` header: the scheme is case-insensitive (RFC 9110 11.1), the token is not.
fn bearer_token(header: &str) -> Option<&str> {
    let (scheme, token) = header.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

impl FromRequestParts<AppState> for Bearer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Bearer, AppError> {
        let Some(header) = parts.headers.get(AUTHORIZATION) else {
            return Err(AppError::NoValidToken { presented: false });
        };
        let secret = header
            .to_str()
            .ok()
            .and_then(bearer_token)
            .ok_or(AppError::NoValidToken { presented: false })?;
        let found = crate::app::accounts::api_tokens::authenticate(state.store.as_ref(), secret, Utc::now()).await?;
        let (token, account) = found.ok_or(AppError::NoValidToken { presented: true })?;
        Ok(Bearer { token, account })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_bearer_scheme_carries_a_token() {
        assert_eq!(super::bearer_token("Bearer tarina_abc"), Some("tarina_abc"));
        assert_eq!(super::bearer_token("bearer  tarina_abc "), Some("tarina_abc"));
        assert_eq!(super::bearer_token("Basic dXNlcjpwYXNz"), None);
        assert_eq!(super::bearer_token("Bearer "), None);
        assert_eq!(super::bearer_token("Bearer"), None);
    }
}
