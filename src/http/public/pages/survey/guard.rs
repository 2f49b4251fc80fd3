//! What keeps robots out of survey forms without knowing who anyone is: a signed start time in every form
//! (a form sent sooner than a person could fill it in is refused), a honeypot field people never see, and a
//! per-address rate limit held only in this server's memory. Nothing here is stored: no address, no cookie.
//!
//! There is no CSRF token. A cross-site request forgery makes someone's browser act with their session, and
//! answering a survey uses no session: a forged submission is no more than anyone could send from their own
//! browser, and the rate limit treats both alike. Services may even post to a survey from a plain HTML form on
//! a site of their own (a survey's `external_posts`).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::config::SurveySettings;

/// A form older than this is refused as expired, its answers kept for sending again.
const MAX_FORM_AGE_MS: i64 = 7 * 24 * 3600 * 1000;
/// Addresses remembered before the ones whose bucket has refilled are forgotten.
const REMEMBERED: usize = 10_000;

/// Why a form's start time was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Sent sooner after it was drawn than a person could have filled it in.
    TooFast,
    /// Missing, forged, from another survey, or too old.
    Expired,
}

pub struct SurveyGuard {
    key: Vec<u8>,
    settings: SurveySettings,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl SurveyGuard {
    /// `key` is the secret every server shares (see `Surveys::survey_form_key`).
    pub fn new(key: &str, settings: SurveySettings) -> SurveyGuard {
        SurveyGuard {
            key: key.as_bytes().to_vec(),
            settings,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    fn mac(&self, survey: &str, millis: i64) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes a key of any length");
        mac.update(format!("survey-form\n{survey}\n{millis}").as_bytes());
        mac
    }

    /// The start time of a form of `survey` drawn at `now` (Unix milliseconds), signed: `<millis>.<hex>`.
    pub fn stamp(&self, survey: &str, now: i64) -> String {
        let tag = self.mac(survey, now).finalize().into_bytes();
        let hex: String = tag.iter().map(|b| format!("{b:02x}")).collect();
        format!("{now}.{hex}")
    }

    /// Checks a form's stamp for `survey` at `now` (Unix milliseconds).
    pub fn check_stamp(&self, survey: &str, stamp: &str, now: i64) -> Result<(), Refusal> {
        let (millis, hex) = stamp.split_once('.').ok_or(Refusal::Expired)?;
        let millis: i64 = millis.parse().map_err(|_| Refusal::Expired)?;
        let tag = decode_hex(hex).ok_or(Refusal::Expired)?;
        self.mac(survey, millis)
            .verify_slice(&tag)
            .map_err(|_| Refusal::Expired)?;
        // A minute's leeway for the clocks of servers sharing the database.
        let age = now.saturating_sub(millis);
        if !(-60_000..=MAX_FORM_AGE_MS).contains(&age) {
            return Err(Refusal::Expired);
        }
        let min = i64::try_from(self.settings.min_fill.as_millis()).unwrap_or(i64::MAX);
        if age < min {
            return Err(Refusal::TooFast);
        }
        Ok(())
    }

    /// Takes one submission from `address`'s allowance; `Err(seconds)` until the next one when it has none.
    pub fn admit(&self, address: IpAddr, now: Instant) -> Result<(), u64> {
        let address = network_of(address);
        let burst = f64::from(self.settings.burst.max(1));
        let refill = self.settings.refill.as_secs_f64().max(0.001);
        let Ok(mut buckets) = self.buckets.lock() else {
            // A panic while holding the lock: letting answers in beats refusing every one.
            return Ok(());
        };
        if buckets.len() >= REMEMBERED {
            buckets.retain(|_, b| level(*b, now, burst, refill) < burst);
        }
        let bucket = buckets.entry(address).or_insert(Bucket { tokens: burst, at: now });
        let tokens = level(*bucket, now, burst, refill);
        // A hair under one counts as one: the refill is computed in floating point.
        if tokens >= 1.0 - 1e-9 {
            *bucket = Bucket {
                tokens: (tokens - 1.0).max(0.0),
                at: now,
            };
            Ok(())
        } else {
            *bucket = Bucket { tokens, at: now };
            // Whole seconds, rounded up, as Retry-After gives them.
            let wait = ((1.0 - tokens) * refill - 1e-6).ceil().max(1.0);
            Err(wait as u64)
        }
    }
}

/// A bucket's tokens at `now`.
fn level(bucket: Bucket, now: Instant, burst: f64, refill: f64) -> f64 {
    let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
    (bucket.tokens + elapsed / refill).min(burst)
}

/// The unit a rate limit applies to: an IPv4 address, or the /64 network of an IPv6 one, since one
/// household or machine is given a whole /64 and could otherwise change address at will.
fn network_of(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut segments = v6.segments();
                segments[4..].fill(0);
                IpAddr::V6(segments.into())
            }
        },
    }
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    if hex.len() != 64 || !hex.is_ascii() {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn guard() -> SurveyGuard {
        SurveyGuard::new(
            "secret",
            SurveySettings {
                min_fill: Duration::from_secs(3),
                burst: 2,
                refill: Duration::from_secs(10),
            },
        )
    }

    #[test]
    fn stamps_are_checked_for_survey_signature_and_age() {
        let g = guard();
        let stamp = g.stamp("kysely", 1_000_000);
        assert_eq!(g.check_stamp("kysely", &stamp, 1_002_999), Err(Refusal::TooFast));
        assert_eq!(g.check_stamp("kysely", &stamp, 1_003_000), Ok(()));
        assert_eq!(g.check_stamp("muu", &stamp, 1_003_000), Err(Refusal::Expired));
        let forged = stamp.replace("1000000.", "900000.");
        assert_eq!(g.check_stamp("kysely", &forged, 1_003_000), Err(Refusal::Expired));
        let late = 1_000_000 + MAX_FORM_AGE_MS + 1;
        assert_eq!(g.check_stamp("kysely", &stamp, late), Err(Refusal::Expired));
        assert_eq!(g.check_stamp("kysely", "garbage", 1_003_000), Err(Refusal::Expired));
        let other = SurveyGuard::new("another", SurveySettings::default());
        assert_eq!(other.check_stamp("kysely", &stamp, 1_003_000), Err(Refusal::Expired));
    }

    #[test]
    fn an_address_gets_a_burst_then_waits() {
        let g = guard();
        let start = Instant::now();
        let home: IpAddr = "2001:db8:1:2:3:4:5:6".parse().unwrap();
        let same_network: IpAddr = "2001:db8:1:2:ffff::1".parse().unwrap();
        assert_eq!(g.admit(home, start), Ok(()));
        assert_eq!(g.admit(same_network, start), Ok(()));
        assert_eq!(g.admit(home, start), Err(10));
        assert_eq!(g.admit("192.0.2.1".parse().unwrap(), start), Ok(()), "another address");
        assert_eq!(g.admit(home, start + Duration::from_secs(4)), Err(6));
        assert_eq!(g.admit(home, start + Duration::from_secs(10)), Ok(()));
    }
}
