//! Password hashing with argon2id, off the async runtime and bounded: hashing is made to be slow, so a flood of
//! sign-ins must queue for a few hashing threads and be turned away beyond that, never starve the server.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::Argon2;
use tokio::sync::Semaphore;

use crate::domain::access::Password;

/// Too many sign-ins are being checked at once; the caller answers "busy, try again".
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("too many sign-ins are being checked at once")]
pub struct Busy;

pub struct PasswordHasher {
    running: Arc<Semaphore>,
    queued: AtomicUsize,
    max_queued: usize,
    /// Checked against when an account does not exist or has no password, so that the answer takes as
    /// long as for a real account and does not tell which addresses have accounts.
    decoy: String,
}

impl PasswordHasher {
    /// `threads` hashes run at once; up to `max_queued` more wait.
    pub fn new(threads: usize, max_queued: usize) -> anyhow::Result<PasswordHasher> {
        let decoy = hash_now("a password nobody has, for timing only")?;
        Ok(PasswordHasher {
            running: Arc::new(Semaphore::new(threads.max(1))),
            queued: AtomicUsize::new(0),
            max_queued,
            decoy,
        })
    }

    /// As many hashing threads as the machine has cores, less one for serving.
    pub fn for_this_machine() -> anyhow::Result<PasswordHasher> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let threads = cores.saturating_sub(1).max(1);
        PasswordHasher::new(threads, threads * 16)
    }

    pub async fn hash(&self, password: &Password) -> Result<anyhow::Result<String>, Busy> {
        let password = password.expose().to_owned();
        self.run(move || hash_now(&password)).await
    }

    /// Whether `password` matches `stored`; with no stored hash, the decoy is checked and the answer is no.
    pub async fn verify(&self, password: &str, stored: Option<&str>) -> Result<bool, Busy> {
        let (hash, real) = match stored {
            Some(hash) => (hash.to_owned(), true),
            None => (self.decoy.clone(), false),
        };
        let password = password.to_owned();
        let matched = self
            .run(move || {
                PasswordHash::new(&hash)
                    .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
                    .unwrap_or(false)
            })
            .await?;
        Ok(real && matched)
    }

    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, Busy> {
        if self.queued.fetch_add(1, Ordering::SeqCst) >= self.max_queued + self.running.available_permits() {
            self.queued.fetch_sub(1, Ordering::SeqCst);
            return Err(Busy);
        }
        let permit = self.running.clone().acquire_owned().await;
        self.queued.fetch_sub(1, Ordering::SeqCst);
        let permit = permit.map_err(|_| Busy)?;
        let outcome = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await;
        outcome.map_err(|_| Busy)
    }
}

fn hash_now(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| anyhow::anyhow!("cannot hash the password: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hasher = PasswordHasher::new(1, 4).unwrap();
        let password = Password::new("correct horse battery".into()).unwrap();
        let hash = hasher.hash(&password).await.unwrap().unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(hasher.verify("correct horse battery", Some(&hash)).await.unwrap());
        assert!(!hasher.verify("correct horse batterY", Some(&hash)).await.unwrap());
        assert!(!hasher.verify("correct horse battery", None).await.unwrap());
        assert!(!hasher.verify("x", Some("not a hash")).await.unwrap());
    }

    #[tokio::test]
    async fn a_flood_beyond_the_queue_is_turned_away() {
        let hasher = Arc::new(PasswordHasher::new(1, 2).unwrap());
        let attempts: Vec<_> = (0..12)
            .map(|_| {
                let hasher = hasher.clone();
                tokio::spawn(async move { hasher.verify("guess guess guess", None).await })
            })
            .collect();
        let mut busy = 0;
        for attempt in attempts {
            if attempt.await.unwrap() == Err(Busy) {
                busy += 1;
            }
        }
        assert!(busy >= 9, "{busy} of 12 turned away");
    }
}
