use chrono::{DateTime, Duration, Utc};

/// A signed-in session as the person sees it in their list of sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: i64,
    pub account_id: i64,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// The absolute end, however active the session is.
    pub expires_at: DateTime<Utc>,
    pub user_agent: String,
    /// Compared with the token of every state-changing form of the session.
    pub csrf_token: String,
}

/// How long sessions last: ended after `idle` without a request, and after `absolute` in any case, so a
/// forgotten session on a shared computer does not stay open for ever.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionLimits {
    pub idle: Duration,
    pub absolute: Duration,
}

impl Default for SessionLimits {
    fn default() -> Self {
        SessionLimits {
            idle: Duration::minutes(60),
            absolute: Duration::hours(12),
        }
    }
}

impl Session {
    pub fn is_live(&self, now: DateTime<Utc>, limits: SessionLimits) -> bool {
        now < self.expires_at && now < self.last_seen_at + limits.idle
    }
}

/// Failed sign-ins tolerated before a temporary lockout, and for how long failures count. An address gets
/// more tries than an account because many staff may share one office address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    pub per_account: i64,
    pub per_address: i64,
    pub window: Duration,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            per_account: 5,
            per_address: 50,
            window: Duration::minutes(15),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_ends_when_idle_or_at_its_absolute_end() {
        let start = DateTime::parse_from_rfc3339("2026-12-01T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let limits = SessionLimits::default();
        let mut session = Session {
            id: 1,
            account_id: 1,
            created_at: start,
            last_seen_at: start,
            expires_at: start + limits.absolute,
            user_agent: String::new(),
            csrf_token: String::new(),
        };
        assert!(session.is_live(start + Duration::minutes(59), limits));
        assert!(!session.is_live(start + Duration::minutes(60), limits));
        session.last_seen_at = start + Duration::hours(11) + Duration::minutes(30);
        assert!(session.is_live(start + Duration::hours(11) + Duration::minutes(40), limits));
        assert!(!session.is_live(start + Duration::hours(12), limits));
    }
}
