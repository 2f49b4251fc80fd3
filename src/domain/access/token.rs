//! API tokens, with which integrations write through the API. A token acts for one account and never reaches
//! further than it: a request is allowed only when both the token's own scope and its account permit it. So a
//! token can only narrow what its account may do, and an account that is deactivated or given a lesser role
//! takes its tokens down with it, without anyone having to remember them.

use chrono::{DateTime, Days, NaiveDate, Utc};

use super::policy::{permits, Operation, Subject};
use super::{Account, Assignment, Role};
use crate::domain::cascade::Organisation;
use crate::domain::Slug;

/// How far a token reaches, in the terms of the policy table: a role, the organisation of a department editor,
/// the assignments of an action owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenScope {
    pub role: Role,
    pub organisation: Option<Slug>,
    pub assignments: Vec<Assignment>,
}

impl TokenScope {
    /// The account as the policy table sees it when it acts through this scope.
    pub fn narrow(&self, account: &Account) -> Account {
        Account {
            role: self.role,
            organisation: self.organisation.clone(),
            assignments: self.assignments.clone(),
            ..account.clone()
        }
    }
}

/// A stored token. Its secret is not here: only its hash is stored, and the secret is shown once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: i64,
    pub account_id: i64,
    pub name: String,
    pub scope: TokenScope,
    pub created_at: DateTime<Utc>,
    /// The actor that created it.
    pub created_by: String,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Whether a token still opens anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenState {
    Active,
    Expired,
    Revoked,
}

impl TokenState {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenState::Active => "active",
            TokenState::Expired => "expired",
            TokenState::Revoked => "revoked",
        }
    }
}

impl ApiToken {
    pub fn state(&self, now: DateTime<Utc>) -> TokenState {
        if self.revoked_at.is_some() {
            TokenState::Revoked
        } else if self.expires_at.is_some_and(|end| now >= end) {
            TokenState::Expired
        } else {
            TokenState::Active
        }
    }

    /// Whether a request with this token may do `operation` on `subject` for `account`, the token's own.
    pub fn permits(
        &self,
        account: &Account,
        operation: Operation,
        subject: Subject<'_>,
        organisations: &[Organisation],
    ) -> bool {
        self.account_id == account.id
            && permits(account, operation, subject, organisations)
            && permits(&self.scope.narrow(account), operation, subject, organisations)
    }
}

/// A token to create, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiToken {
    pub name: String,
    pub scope: TokenScope,
    pub expires_at: Option<DateTime<Utc>>,
}

impl NewApiToken {
    /// A name says what the token is for; `expires_on` is the last day it works (through the end of that day,
    /// UTC), after `today`.
    pub fn new(
        name: &str,
        scope: TokenScope,
        expires_on: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<NewApiToken, TokenError> {
        let name = NewApiToken::checked_name(name)?;
        if scope.role.needs_organisation() != scope.organisation.is_some() {
            return Err(TokenError::Organisation(scope.role));
        }
        if (scope.role == Role::ActionOwner) == scope.assignments.is_empty() {
            return Err(TokenError::Assignments);
        }
        let expires_at = match expires_on {
            None => None,
            Some(day) if day > today && chrono::Datelike::year(&day) <= 2100 => {
                let end = day.checked_add_days(Days::new(1)).ok_or(TokenError::Expiry)?;
                Some(end.and_time(chrono::NaiveTime::MIN).and_utc())
            }
            Some(_) => return Err(TokenError::Expiry),
        };
        Ok(NewApiToken {
            name: name.to_owned(),
            scope,
            expires_at,
        })
    }

    /// A name trimmed: 1 to 100 characters without control characters.
    pub fn checked_name(name: &str) -> Result<&str, TokenError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
            Err(TokenError::Name)
        } else {
            Ok(name)
        }
    }
}

/// Why token details were refused. Each has a message id for the pages, in every language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("a token's name is 1 to 100 characters without control characters")]
    Name,
    #[error("the role {0} needs an organisation, and only it")]
    Organisation(Role),
    #[error("an action owner's token names the indicators or actions it reaches, and only it")]
    Assignments,
    #[error("a token expires on a day after today, at the latest in 2100")]
    Expiry,
}

impl TokenError {
    pub fn message_id(&self) -> &'static str {
        match self {
            TokenError::Name => "token-error-name",
            TokenError::Organisation(_) => "token-error-organisation",
            TokenError::Assignments => "token-error-assignments",
            TokenError::Expiry => "token-error-expiry",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{IndicatorId, Lang};

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn account(role: Role) -> Account {
        Account {
            id: 7,
            email: super::super::Email::parse("integraatio@espoo.fi").unwrap(),
            display_name: "Integraatio".into(),
            role,
            organisation: None,
            language: Lang::Fi,
            active: true,
            assignments: vec![],
        }
    }

    fn token(scope: TokenScope) -> ApiToken {
        ApiToken {
            id: 1,
            account_id: 7,
            name: "tilastot".into(),
            scope,
            created_at: day("2026-01-01").and_time(chrono::NaiveTime::MIN).and_utc(),
            created_by: "user:1".into(),
            expires_at: None,
            revoked_at: None,
        }
    }

    #[test]
    fn a_token_only_narrows_what_its_account_may_do() {
        let indicator = IndicatorId::new(3).unwrap();
        let owned = Subject::Indicator {
            id: indicator,
            organisations: &[],
        };
        let other = Subject::Indicator {
            id: IndicatorId::new(4).unwrap(),
            organisations: &[],
        };
        let narrow = token(TokenScope {
            role: Role::ActionOwner,
            organisation: None,
            assignments: vec![Assignment::Indicator(indicator)],
        });
        let editor = account(Role::StrategyEditor);
        assert!(narrow.permits(&editor, Operation::RecordValues, owned, &[]));
        assert!(!narrow.permits(&editor, Operation::RecordValues, other, &[]));
        // An admin's token given to a viewer's account reaches no further than the viewer.
        let wide = token(TokenScope {
            role: Role::Admin,
            organisation: None,
            assignments: vec![],
        });
        assert!(!wide.permits(&account(Role::Viewer), Operation::RecordValues, owned, &[]));
        let mut inactive = editor.clone();
        inactive.active = false;
        assert!(!wide.permits(&inactive, Operation::RecordValues, owned, &[]));
        let stranger = Account { id: 8, ..editor };
        assert!(!wide.permits(&stranger, Operation::RecordValues, owned, &[]));
    }

    #[test]
    fn tokens_expire_at_the_end_of_their_day_and_revoked_ones_stay_revoked() {
        let scope = TokenScope {
            role: Role::StrategyEditor,
            organisation: None,
            assignments: vec![],
        };
        let today = day("2026-03-01");
        let new = NewApiToken::new(" tilastot ", scope.clone(), Some(day("2026-03-02")), today).unwrap();
        assert_eq!(new.name, "tilastot");
        let mut stored = token(scope.clone());
        stored.expires_at = new.expires_at;
        let at = |text: &str| DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc);
        assert_eq!(stored.state(at("2026-03-02T23:59:59Z")), TokenState::Active);
        assert_eq!(stored.state(at("2026-03-03T00:00:00Z")), TokenState::Expired);
        stored.revoked_at = Some(at("2026-03-02T12:00:00Z"));
        assert_eq!(stored.state(at("2026-03-02T13:00:00Z")), TokenState::Revoked);
        assert_eq!(
            NewApiToken::new("x", scope.clone(), Some(today), today),
            Err(TokenError::Expiry)
        );
        assert_eq!(
            NewApiToken::new("x", scope.clone(), Some(day("2101-01-01")), today),
            Err(TokenError::Expiry)
        );
        assert_eq!(NewApiToken::new(" ", scope, None, today), Err(TokenError::Name));
    }

    #[test]
    fn organisations_and_assignments_go_with_their_roles_only() {
        let today = day("2026-03-01");
        let org = Slug::parse("sivistystoimi").ok();
        let scope = |role, organisation: Option<Slug>, assignments: Vec<Assignment>| TokenScope {
            role,
            organisation,
            assignments,
        };
        let assigned = vec![Assignment::Indicator(IndicatorId::new(3).unwrap())];
        assert!(NewApiToken::new("x", scope(Role::DepartmentEditor, org.clone(), vec![]), None, today).is_ok());
        assert_eq!(
            NewApiToken::new("x", scope(Role::DepartmentEditor, None, vec![]), None, today),
            Err(TokenError::Organisation(Role::DepartmentEditor))
        );
        assert!(NewApiToken::new("x", scope(Role::Viewer, org, vec![]), None, today).is_err());
        assert!(NewApiToken::new("x", scope(Role::ActionOwner, None, assigned.clone()), None, today).is_ok());
        assert_eq!(
            NewApiToken::new("x", scope(Role::ActionOwner, None, vec![]), None, today),
            Err(TokenError::Assignments)
        );
        assert_eq!(
            NewApiToken::new("x", scope(Role::Admin, None, assigned), None, today),
            Err(TokenError::Assignments)
        );
    }
}
