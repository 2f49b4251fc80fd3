//! One error type for every store operation, classified so that callers (HTTP handlers above all) can answer
//! 404, 409, 412, 422 or 503 without reading messages.

/// What went wrong in the store. The message says it in words for logs and the command line.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The thing asked for does not exist (a city, a job, a row).
    #[error("{0}")]
    NotFound(String),
    /// The write collides with what is stored: the version or cascade exists, a unique key is taken.
    #[error("{0}")]
    Conflict(String),
    /// A conditional write found the item changed since the writer read it: its `If-Match` no longer matches.
    #[error("{0}")]
    Stale(String),
    /// The write breaks a rule of the data: a reference to nothing, a value out of range.
    #[error("{0}")]
    Constraint(String),
    /// The database cannot be reached or answered too slowly; trying again later may work.
    #[error("the database is unavailable: {0:#}")]
    Unavailable(anyhow::Error),
    #[error(transparent)]
    Other(anyhow::Error),
}

impl StoreError {
    pub fn not_found(message: impl Into<String>) -> StoreError {
        StoreError::NotFound(message.into())
    }

    pub fn conflict(message: impl Into<String>) -> StoreError {
        StoreError::Conflict(message.into())
    }

    pub fn constraint(message: impl Into<String>) -> StoreError {
        StoreError::Constraint(message.into())
    }
}

/// The class of a driver error, by what the database said rather than by its message.
fn classify(error: &sqlx::Error) -> Option<fn(String) -> StoreError> {
    use sqlx::error::ErrorKind;
    match error {
        sqlx::Error::RowNotFound => Some(StoreError::NotFound),
        sqlx::Error::Database(db) => match db.kind() {
            ErrorKind::UniqueViolation => Some(StoreError::Conflict),
            ErrorKind::ForeignKeyViolation | ErrorKind::NotNullViolation | ErrorKind::CheckViolation => {
                Some(StoreError::Constraint)
            }
            _ => None,
        },
        _ => None,
    }
}

fn unavailable(error: &sqlx::Error) -> bool {
    matches!(
        error,
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) | sqlx::Error::Tls(_)
    )
}

/// Errors with context keep their words; the first driver error in the chain decides the class.
impl From<anyhow::Error> for StoreError {
    fn from(error: anyhow::Error) -> StoreError {
        if let Some(store_error) = error.downcast_ref::<StoreError>() {
            return match store_error {
                StoreError::NotFound(m) => StoreError::NotFound(m.clone()),
                StoreError::Conflict(m) => StoreError::Conflict(m.clone()),
                StoreError::Constraint(m) => StoreError::Constraint(m.clone()),
                StoreError::Stale(m) => StoreError::Stale(m.clone()),
                StoreError::Unavailable(_) | StoreError::Other(_) => StoreError::Other(error),
            };
        }
        match error.chain().find_map(|cause| cause.downcast_ref::<sqlx::Error>()) {
            Some(driver) if unavailable(driver) => StoreError::Unavailable(error),
            Some(driver) => match classify(driver) {
                Some(class) => class(format!("{error:#}")),
                None => StoreError::Other(error),
            },
            None => StoreError::Other(error),
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> StoreError {
        StoreError::from(anyhow::Error::new(error))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context as _;

    #[test]
    fn driver_errors_keep_their_class_under_context() {
        let missing: Result<(), sqlx::Error> = Err(sqlx::Error::RowNotFound);
        let error = StoreError::from(missing.context("cannot read the job").unwrap_err());
        assert!(matches!(&error, StoreError::NotFound(m) if m.starts_with("cannot read the job")));
        let timed_out: Result<(), sqlx::Error> = Err(sqlx::Error::PoolTimedOut);
        let error = StoreError::from(timed_out.context("cannot start a transaction").unwrap_err());
        assert!(matches!(error, StoreError::Unavailable(_)));
        assert!(matches!(
            StoreError::from(anyhow::anyhow!("plain")),
            StoreError::Other(_)
        ));
    }
}
