use std::fmt;
use std::str::FromStr;

/// A staff member's role. The public has no role: it reads what is published and nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages accounts, roles and API tokens, reads the audit log, and may do everything an editor may.
    Admin,
    /// Keeps the strategy and the whole cascade.
    StrategyEditor,
    /// Keeps the targets, indicators and values of one organisation and its units.
    DepartmentEditor,
    /// Reports the progress of their own actions and the values of their own indicators.
    ActionOwner,
    /// Sees internal notes and unpublished items (a council member, say) and edits nothing.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::StrategyEditor,
        Role::DepartmentEditor,
        Role::ActionOwner,
        Role::Viewer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::StrategyEditor => "strategy_editor",
            Role::DepartmentEditor => "department_editor",
            Role::ActionOwner => "action_owner",
            Role::Viewer => "viewer",
        }
    }

    /// Whether the role acts for one organisation, which an account with it must then name.
    pub fn needs_organisation(self) -> bool {
        self == Role::DepartmentEditor
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?}: use admin, strategy_editor, department_editor, action_owner or viewer")]
pub struct UnknownRole(String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Role, UnknownRole> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == s.replace('-', "_"))
            .ok_or_else(|| UnknownRole(s.chars().take(40).collect()))
    }
}
