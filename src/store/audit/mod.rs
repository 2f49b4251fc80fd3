//! The audit log: every change with who made it, when, why, what it touched, and the details before and after.
//! Written by each write in its own transaction (the change log); read here by admins.

use async_trait::async_trait;

use super::StoreResult;

/// Which entries to read; every field narrows the list, and an empty one does not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Part of the actor, e.g. `user:12` or `connector:`.
    pub actor: Option<String>,
    /// Part of the summary, the reason or the subject, case-insensitive.
    pub text: Option<String>,
    /// From this day, inclusive (`YYYY-MM-DD`).
    pub from: Option<chrono::NaiveDate>,
    /// To this day, inclusive.
    pub to: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub reason: String,
    pub action: String,
    pub subject: String,
    pub summary: String,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

/// What a write adds to its change log entry for the audit log: the kind of change, what it touched, and the
/// details before and after (JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditDetail {
    pub action: &'static str,
    pub subject: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[async_trait]
pub trait AuditLog: Send + Sync + 'static {
    /// Entries matching `filter`, newest first.
    async fn audit_entries(&self, filter: &AuditFilter, limit: i64, offset: i64) -> StoreResult<Vec<AuditEntry>>;
}

/// `text` as a LIKE pattern that matches it anywhere, its own `%`, `_` and `\` taken literally.
pub fn contains_pattern(text: &str) -> String {
    let escaped: String = text
        .to_lowercase()
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("%{escaped}%")
}

#[cfg(test)]
mod tests {
    #[test]
    fn patterns_take_wildcards_literally() {
        assert_eq!(super::contains_pattern("User:1"), "%user:1%");
        assert_eq!(super::contains_pattern("50%_a\\"), "%50\\%\\_a\\\\%");
    }
}
