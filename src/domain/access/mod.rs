//! Who may do what. Roles are Tarina's own whatever signs a person in; [`policy`] holds the one table of
//! what each role may do and how far (everything, its own organisation and units, its own assignments);
//! an API token ([`ApiToken`]) narrows its account's reach to a scope of its own.

mod account;
pub mod policy;
mod role;
mod session;
mod token;

pub use account::{Account, AccountChanges, AccountError, Assignment, Email, NewAccount, Password};
pub use policy::{Operation, Reach, Subject};
pub use role::Role;
pub use session::{Session, SessionLimits, Throttle};
pub use token::{ApiToken, NewApiToken, TokenError, TokenScope, TokenState};
