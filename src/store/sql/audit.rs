//! Reading the audit log, filtered; the filters become bound parameters, never SQL text.

use async_trait::async_trait;
use sqlx::QueryBuilder;

use super::{Backend, Db};
use crate::store::audit::{contains_pattern, AuditEntry, AuditFilter, AuditLog};
use crate::store::StoreResult;

#[async_trait]
impl AuditLog for Backend {
    async fn audit_entries(&self, filter: &AuditFilter, limit: i64, offset: i64) -> StoreResult<Vec<AuditEntry>> {
        let mut query: QueryBuilder<'_, Db> = QueryBuilder::new(
            "SELECT id, at, actor, reason, action, subject, summary, before_json, after_json FROM change_log WHERE 1 = 1",
        );
        if let Some(actor) = &filter.actor {
            query
                .push(" AND LOWER(actor) LIKE ")
                .push_bind(contains_pattern(actor))
                .push(" ESCAPE '\\'");
        }
        if let Some(text) = &filter.text {
            let pattern = contains_pattern(text);
            query
                .push(" AND (LOWER(summary) LIKE ")
                .push_bind(pattern.clone())
                .push(" ESCAPE '\\' OR LOWER(reason) LIKE ")
                .push_bind(pattern.clone())
                .push(" ESCAPE '\\' OR LOWER(subject) LIKE ")
                .push_bind(pattern)
                .push(" ESCAPE '\\')");
        }
        // Times are stored as RFC 3339 in UTC, which sort as text.
        if let Some(from) = filter.from {
            query.push(" AND at >= ").push_bind(format!("{from}T00:00:00"));
        }
        if let Some(to) = filter.to {
            query
                .push(" AND at < ")
                .push_bind(format!("{}T00:00:00", to.succ_opt().unwrap_or(to)));
        }
        query
            .push(" ORDER BY id DESC LIMIT ")
            .push_bind(limit)
            .push(" OFFSET ")
            .push_bind(offset);
        Ok(query.build_query_as::<AuditEntry>().fetch_all(&self.pool).await?)
    }
}
