use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("an id is a whole number from 1 to 999999, not {0:?}")]
    Malformed(String),
}

/// Parses the textual form of an id: digits only, no sign, no leading zeros, 1..=999_999.
/// Ids are stable across strategy versions, so the same goal keeps its number in 1.0 and 1.1.
fn parse_id(s: &str) -> Result<u32, IdError> {
    let well_formed = !s.is_empty() && s.len() <= 6 && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0');
    if !well_formed {
        return Err(IdError::Malformed(s.chars().take(40).collect()));
    }
    s.parse().map_err(|_| IdError::Malformed(s.to_owned()))
}

macro_rules! numeric_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(u32);

        impl $name {
            pub fn new(value: u32) -> Result<Self, IdError> {
                if (1..=999_999).contains(&value) {
                    Ok($name(value))
                } else {
                    Err(IdError::Malformed(value.to_string()))
                }
            }
            pub fn get(self) -> u32 {
                self.0
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                parse_id(s).map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

numeric_id!(
    /// Identifies an area (osa-alue) of the strategy.
    AreaId
);
numeric_id!(
    /// Identifies a council-term goal (valtuustokauden tavoite).
    GoalId
);
numeric_id!(
    /// Identifies an action (toimenpide) under a goal.
    ActionId
);
numeric_id!(
    /// Identifies a cross-administrative development programme.
    ProgrammeId
);
numeric_id!(
    /// Identifies an indicator (mittari); stable, so addresses and imported CSV files keep working.
    IndicatorId
);
numeric_id!(
    /// Identifies an annual performance target (tulostavoite); a copy to the next year gets a new id.
    TargetId
);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("a slug must be 1 to 80 characters long")]
    Length,
    #[error("a slug may contain only a-z, 0-9 and single hyphens between them, not {0:?}")]
    Characters(String),
}

/// The readable, stable part of a page address, such as `koulut-kuntoon`. ASCII only, so that addresses
/// survive copying into e-mails and documents unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    pub fn parse(s: &str) -> Result<Slug, SlugError> {
        if s.is_empty() || s.len() > 80 {
            return Err(SlugError::Length);
        }
        let allowed = s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !allowed || s.starts_with('-') || s.ends_with('-') || s.contains("--") {
            return Err(SlugError::Characters(s.to_owned()));
        }
        Ok(Slug(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_accept_only_canonical_positive_numbers() {
        assert_eq!("42".parse::<GoalId>().map(GoalId::get), Ok(42));
        for bad in [
            "",
            "0",
            "007",
            "-1",
            "+1",
            "1.0",
            "abc",
            "1e3",
            "1000000",
            " 1",
            "99999999999999999999",
        ] {
            assert!(bad.parse::<GoalId>().is_err(), "{bad:?} should be rejected");
        }
        assert!(GoalId::new(0).is_err());
    }

    #[test]
    fn slugs_are_lowercase_ascii_words_joined_by_hyphens() {
        assert!(Slug::parse("koulut-kuntoon").is_ok());
        assert!(Slug::parse("hiilineutraali-2030").is_ok());
        for bad in [
            "",
            "Koulut",
            "koulut--kuntoon",
            "-a",
            "a-",
            "päiväkoti",
            "a b",
            "a/b",
            &"x".repeat(81),
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }
}
