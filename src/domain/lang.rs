use std::fmt;
use std::str::FromStr;

/// The three languages Tarina serves. Finnish is the source language and the fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fi,
    Sv,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];
    /// The languages a translation is made into.
    pub const TRANSLATIONS: [Lang; 2] = [Lang::Sv, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// Picks the best language from an `Accept-Language` header value, honouring q-values;
    /// Finnish when nothing matches, because Finnish is the city's source language.
    pub fn negotiate(accept_language: Option<&str>) -> Lang {
        let Some(header) = accept_language else {
            return Lang::Fi;
        };
        let mut best: Option<(f32, usize, Lang)> = None;
        for (position, part) in header.split(',').enumerate() {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let quality = pieces
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if quality.is_nan() || quality <= 0.0 {
                continue;
            }
            let primary = tag.split('-').next().unwrap_or("");
            let lang = match primary {
                "fi" => Lang::Fi,
                "sv" => Lang::Sv,
                "en" => Lang::En,
                _ => continue,
            };
            // Higher quality wins; on a tie the earlier entry wins.
            let better = match best {
                None => true,
                Some((q, _, _)) => quality > q,
            };
            if better {
                best = Some((quality, position, lang));
            }
        }
        best.map(|(_, _, lang)| lang).unwrap_or(Lang::Fi)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?}; expected fi, sv or en")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "fi" => Ok(Lang::Fi),
            "sv" => Ok(Lang::Sv),
            "en" => Ok(Lang::En),
            other => Err(UnknownLang(other.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_follows_quality_and_falls_back_to_finnish() {
        assert_eq!(Lang::negotiate(None), Lang::Fi);
        assert_eq!(Lang::negotiate(Some("de-DE,de;q=0.9")), Lang::Fi);
        assert_eq!(Lang::negotiate(Some("sv-FI,sv;q=0.9,en;q=0.8")), Lang::Sv);
        assert_eq!(Lang::negotiate(Some("en;q=0.5, sv;q=0.7")), Lang::Sv);
        assert_eq!(Lang::negotiate(Some("de, en-GB;q=0.8, fi;q=0.8")), Lang::En);
        assert_eq!(Lang::negotiate(Some("sv;q=0, en")), Lang::En);
        assert_eq!(Lang::negotiate(Some(";;;,q=,")), Lang::Fi);
    }

    #[test]
    fn parses_only_the_three_codes() {
        assert_eq!("sv".parse::<Lang>(), Ok(Lang::Sv));
        assert!("SV".parse::<Lang>().is_err());
        assert!("de".parse::<Lang>().is_err());
    }
}
