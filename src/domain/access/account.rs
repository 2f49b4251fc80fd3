use std::fmt;

use super::Role;
use crate::domain::{ActionId, IndicatorId, Lang, Slug};

/// A staff member as Tarina knows them, whatever signed them in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    pub email: Email,
    pub display_name: String,
    pub role: Role,
    /// The organisation a department editor acts for; its units are included.
    pub organisation: Option<Slug>,
    /// The language of the staff pages and of any email sent to them.
    pub language: Lang,
    pub active: bool,
    /// What an action owner owns.
    pub assignments: Vec<Assignment>,
}

/// Something one person answers for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Assignment {
    Action(ActionId),
    Indicator(IndicatorId),
}

/// An account to create, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    pub email: Email,
    pub display_name: String,
    pub role: Role,
    pub organisation: Option<Slug>,
    pub language: Lang,
}

impl NewAccount {
    pub fn new(
        email: &str,
        display_name: &str,
        role: Role,
        organisation: Option<Slug>,
        language: Lang,
    ) -> Result<NewAccount, AccountError> {
        let email = Email::parse(email)?;
        let display_name = display_name.trim();
        if display_name.is_empty() || display_name.chars().count() > 200 || display_name.chars().any(char::is_control) {
            return Err(AccountError::DisplayName);
        }
        if role.needs_organisation() != organisation.is_some() {
            return Err(AccountError::Organisation(role));
        }
        Ok(NewAccount {
            email,
            display_name: display_name.to_owned(),
            role,
            organisation,
            language,
        })
    }
}

/// What an admin may change of an account after it exists: its role and reach, and whether it may sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountChanges {
    pub role: Role,
    pub organisation: Option<Slug>,
    pub active: bool,
    pub assignments: Vec<Assignment>,
}

impl AccountChanges {
    /// Checked by the same rule as a new account, and only an action owner owns assignments: another role
    /// would carry them unused and regain them silently if it ever became an action owner again.
    pub fn new(
        role: Role,
        organisation: Option<Slug>,
        active: bool,
        mut assignments: Vec<Assignment>,
    ) -> Result<AccountChanges, AccountError> {
        if role.needs_organisation() != organisation.is_some() {
            return Err(AccountError::Organisation(role));
        }
        if role != Role::ActionOwner && !assignments.is_empty() {
            return Err(AccountError::Assignments);
        }
        let mut seen = std::collections::HashSet::new();
        assignments.retain(|a| seen.insert(*a));
        Ok(AccountChanges {
            role,
            organisation,
            active,
            assignments,
        })
    }
}

/// Why account details were refused. Each has a message id for the pages, in every language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    #[error("an email address is one name, an @ and a domain, at most 254 characters, with no spaces")]
    Email,
    #[error("a name is 1 to 200 characters without control characters")]
    DisplayName,
    #[error("a password is at least {min} and at most {max} characters", min = Password::MIN_CHARS, max = Password::MAX_CHARS)]
    Password,
    #[error("the role {0} needs an organisation, and only it")]
    Organisation(Role),
    #[error("only an action owner has actions and indicators assigned")]
    Assignments,
}

impl AccountError {
    pub fn message_id(&self) -> &'static str {
        match self {
            AccountError::Email => "account-error-email",
            AccountError::DisplayName => "account-error-name",
            AccountError::Password => "account-error-password",
            AccountError::Organisation(_) => "account-error-organisation",
            AccountError::Assignments => "account-error-assignments",
        }
    }
}

/// An email address, trimmed and lower-cased, so that one address is one account however it is typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email(String);

impl Email {
    pub fn parse(text: &str) -> Result<Email, AccountError> {
        let email = text.trim().to_lowercase();
        let well_formed = email.len() <= 254
            && !email
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
            && matches!(email.split_once('@'), Some((local, domain))
                if !local.is_empty() && !domain.is_empty() && !domain.contains('@')
                    && !domain.starts_with('.') && !domain.ends_with('.'));
        if well_formed {
            Ok(Email(email))
        } else {
            Err(AccountError::Email)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password as typed, checked for length only: length is what makes a password strong, and rules about
/// character classes make people write them down (NIST SP 800-63B).
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 12;
    /// Hashing cost does not grow with the length, but there is no reason to accept a novel.
    pub const MAX_CHARS: usize = 256;

    pub fn new(text: String) -> Result<Password, AccountError> {
        let chars = text.chars().count();
        if (Password::MIN_CHARS..=Password::MAX_CHARS).contains(&chars) {
            Ok(Password(text))
        } else {
            Err(AccountError::Password)
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Never printed, not even in debug output.
impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_one_form_however_typed() {
        assert_eq!(
            Email::parse("  Maija.Meikalainen@Espoo.FI ").unwrap().as_str(),
            "maija.meikalainen@espoo.fi"
        );
        for bad in [
            "",
            "maija",
            "@espoo.fi",
            "maija@",
            "maija@@espoo.fi",
            "ma ija@espoo.fi",
            "m@.fi",
            "<m@x.fi>",
        ] {
            assert_eq!(Email::parse(bad), Err(AccountError::Email), "{bad:?}");
        }
        assert!(Email::parse(&format!("{}@espoo.fi", "a".repeat(250))).is_err());
    }

    #[test]
    fn a_department_editor_and_only_it_names_an_organisation() {
        let org = Slug::parse("sivistystoimi").ok();
        assert!(NewAccount::new("a@espoo.fi", "A", Role::DepartmentEditor, org.clone(), Lang::Fi).is_ok());
        assert_eq!(
            NewAccount::new("a@espoo.fi", "A", Role::DepartmentEditor, None, Lang::Fi),
            Err(AccountError::Organisation(Role::DepartmentEditor))
        );
        assert!(NewAccount::new("a@espoo.fi", "A", Role::Viewer, org, Lang::Fi).is_err());
        assert_eq!(
            NewAccount::new("a@espoo.fi", " \u{7} ", Role::Viewer, None, Lang::Fi),
            Err(AccountError::DisplayName)
        );
    }

    #[test]
    fn passwords_are_checked_for_length_in_characters() {
        assert!(Password::new("ä".repeat(12)).is_ok());
        assert!(Password::new("short".into()).is_err());
        assert!(Password::new("x".repeat(257)).is_err());
        assert_eq!(
            format!("{:?}", Password::new("secret-secret".into()).unwrap()),
            "Password(…)"
        );
    }
}
