//! The public page addresses in each language. Path segments are localised (`/fi/tavoitteet/…`,
//! `/sv/mal/…`, `/en/goals/…`) while slugs stay the same, so the language switcher can map any page to
//! its counterpart.

use crate::domain::{Lang, Slug};

/// A public page, independent of its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Home,
    Areas,
    Area(String),
    Goal(String),
    Programmes,
    Programme(String),
    Narrative,
    Timeline,
    Accessibility,
    ApiDocs,
    Indicators,
    /// Page `n` (2 or more) of the indicator list, `/fi/mittarit/sivu-2`; page 1 is [`Page::Indicators`].
    IndicatorsPage(u32),
    /// `{id}-{slug}`: the id keeps old links working if a slug is ever edited.
    Indicator(String),
    Situation,
    /// The budget annex of the latest year with targets.
    Annexes,
    Annex(i32),
    /// The public strategy versions, `/fi/versiot`: the current one and every earlier approved one.
    Versions,
    /// One public version's whole strategy on one page, by its label: `/fi/versiot/1.1`.
    Version(String),
    /// One action by its id, with its progress and status updates: `/fi/toimenpiteet/12`.
    Action(String),
    /// What changed between two public strategy versions, by their labels:
    /// `/fi/versiot/{from}/ero/{to}`, `/sv/versioner/{from}/skillnad/{to}`, `/en/versions/{from}/diff/{to}`.
    VersionDiff {
        from: String,
        to: String,
    },
    /// The surveys open to residents: `/fi/kyselyt`, `/sv/enkater`, `/en/surveys`.
    Surveys,
    /// One survey's form by its slug: `/fi/kyselyt/{slug}` (GET to answer, POST to send).
    Survey(String),
    /// One survey's results: `/fi/kyselyt/{slug}/tulokset`, `/sv/enkater/{slug}/resultat`,
    /// `/en/surveys/{slug}/results`.
    SurveyResults(String),
}

/// The localised first path segment of each page kind that has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment {
    Areas,
    Goals,
    Programmes,
    Narrative,
    Timeline,
    Accessibility,
    ApiDocs,
    Indicators,
    Situation,
    Annex,
    Versions,
    Actions,
    Surveys,
}

const SEGMENTS: [Segment; 13] = [
    Segment::Areas,
    Segment::Goals,
    Segment::Programmes,
    Segment::Narrative,
    Segment::Timeline,
    Segment::Accessibility,
    Segment::ApiDocs,
    Segment::Indicators,
    Segment::Situation,
    Segment::Annex,
    Segment::Versions,
    Segment::Actions,
    Segment::Surveys,
];

fn segment_name(segment: Segment, lang: Lang) -> &'static str {
    use Segment::*;
    match (segment, lang) {
        (Areas, Lang::Fi) => "osa-alueet",
        (Areas, Lang::Sv) => "omraden",
        (Areas, Lang::En) => "areas",
        (Goals, Lang::Fi) => "tavoitteet",
        (Goals, Lang::Sv) => "mal",
        (Goals, Lang::En) => "goals",
        (Programmes, Lang::Fi) => "kehitysohjelmat",
        (Programmes, Lang::Sv) => "utvecklingsprogram",
        (Programmes, Lang::En) => "programmes",
        (Narrative, Lang::Fi) => "tarina",
        (Narrative, Lang::Sv) => "berattelsen",
        (Narrative, Lang::En) => "story",
        (Timeline, Lang::Fi) => "valmistelu",
        (Timeline, Lang::Sv) => "beredning",
        (Timeline, Lang::En) => "preparation",
        (Accessibility, Lang::Fi) => "saavutettavuusseloste",
        (Accessibility, Lang::Sv) => "tillganglighetsutlatande",
        (Accessibility, Lang::En) => "accessibility",
        (ApiDocs, _) => "api",
        (Indicators, Lang::Fi) => "mittarit",
        (Indicators, Lang::Sv) => "matare",
        (Indicators, Lang::En) => "indicators",
        (Situation, Lang::Fi) => "tilannekuva",
        (Situation, Lang::Sv) => "lagesbild",
        (Situation, Lang::En) => "situation",
        (Annex, Lang::Fi) => "talousarvioliite",
        (Annex, Lang::Sv) => "budgetbilaga",
        (Annex, Lang::En) => "budget-annex",
        (Versions, lang) => version_diff_words(lang).0,
        (Actions, Lang::Fi) => "toimenpiteet",
        (Actions, Lang::Sv) => "atgarder",
        (Actions, Lang::En) => "actions",
        (Surveys, Lang::Fi) => "kyselyt",
        (Surveys, Lang::Sv) => "enkater",
        (Surveys, Lang::En) => "surveys",
    }
}

impl Page {
    /// The page's address in `lang`.
    pub fn path(&self, lang: Lang) -> String {
        let seg = |s| segment_name(s, lang);
        match self {
            Page::Home => format!("/{lang}/"),
            Page::Areas => format!("/{lang}/{}", seg(Segment::Areas)),
            Page::Area(slug) => format!("/{lang}/{}/{slug}", seg(Segment::Areas)),
            Page::Goal(slug) => format!("/{lang}/{}/{slug}", seg(Segment::Goals)),
            Page::Programmes => format!("/{lang}/{}", seg(Segment::Programmes)),
            Page::Programme(slug) => format!("/{lang}/{}/{slug}", seg(Segment::Programmes)),
            Page::Narrative => format!("/{lang}/{}", seg(Segment::Narrative)),
            Page::Timeline => format!("/{lang}/{}", seg(Segment::Timeline)),
            Page::Accessibility => format!("/{lang}/{}", seg(Segment::Accessibility)),
            Page::ApiDocs => format!("/{lang}/{}", seg(Segment::ApiDocs)),
            Page::Indicators => format!("/{lang}/{}", seg(Segment::Indicators)),
            Page::IndicatorsPage(n) => format!("/{lang}/{}/{}-{n}", seg(Segment::Indicators), page_word(lang)),
            Page::Indicator(key) => format!("/{lang}/{}/{key}", seg(Segment::Indicators)),
            Page::Situation => format!("/{lang}/{}", seg(Segment::Situation)),
            Page::Annexes => format!("/{lang}/{}", seg(Segment::Annex)),
            Page::Annex(year) => format!("/{lang}/{}/{year}", seg(Segment::Annex)),
            Page::Versions => format!("/{lang}/{}", seg(Segment::Versions)),
            Page::Version(label) => format!("/{lang}/{}/{}", seg(Segment::Versions), escape(label)),
            Page::Action(id) => format!("/{lang}/{}/{id}", seg(Segment::Actions)),
            Page::VersionDiff { from, to } => {
                let (versions, diff) = version_diff_words(lang);
                format!("/{lang}/{versions}/{}/{diff}/{}", escape(from), escape(to))
            }
            Page::Surveys => format!("/{lang}/{}", seg(Segment::Surveys)),
            Page::Survey(slug) => format!("/{lang}/{}/{slug}", seg(Segment::Surveys)),
            Page::SurveyResults(slug) => {
                format!("/{lang}/{}/{slug}/{}", seg(Segment::Surveys), results_word(lang))
            }
        }
    }

    /// Recognises `/{lang}/{segment}[/{slug}]`; `None` for anything else, which is then a 404. A slug must
    /// be a valid [`Slug`]: the router decodes `%2F`, so without this check `a%2Fb` would make a page whose
    /// address has an extra path segment. A version's label is free text instead, escaped again in its path.
    pub fn parse(lang: Lang, segment: &str, slug: Option<&str>) -> Option<Page> {
        let segment = SEGMENTS.into_iter().find(|s| segment_name(*s, lang) == segment)?;
        if segment == Segment::Versions {
            return Some(slug.map_or(Page::Versions, |label| Page::Version(label.to_owned())));
        }
        if slug.is_some_and(|s| Slug::parse(s).is_err()) {
            return None;
        }
        let page = match (segment, slug) {
            (Segment::Areas, None) => Page::Areas,
            (Segment::Areas, Some(slug)) => Page::Area(slug.to_owned()),
            (Segment::Goals, Some(slug)) => Page::Goal(slug.to_owned()),
            (Segment::Programmes, None) => Page::Programmes,
            (Segment::Programmes, Some(slug)) => Page::Programme(slug.to_owned()),
            (Segment::Narrative, None) => Page::Narrative,
            (Segment::Timeline, None) => Page::Timeline,
            (Segment::Accessibility, None) => Page::Accessibility,
            (Segment::ApiDocs, None) => Page::ApiDocs,
            (Segment::Indicators, None) => Page::Indicators,
            (Segment::Indicators, Some(key)) => match list_page_number(lang, key) {
                Some(n) => Page::IndicatorsPage(n),
                None => Page::Indicator(key.to_owned()),
            },
            (Segment::Situation, None) => Page::Situation,
            (Segment::Annex, None) => Page::Annexes,
            (Segment::Annex, Some(year)) => Page::Annex(parse_year(year)?),
            (Segment::Actions, Some(id)) => Page::Action(id.to_owned()),
            (Segment::Surveys, None) => Page::Surveys,
            (Segment::Surveys, Some(slug)) => Page::Survey(slug.to_owned()),
            _ => return None,
        };
        Some(page)
    }
}

/// Recognises a survey's results, `/{lang}/{segment}/{slug}/{word}`; `None` for anything else.
pub fn parse_survey_results(lang: Lang, segment: &str, slug: &str, word: &str) -> Option<Page> {
    let matches = segment == segment_name(Segment::Surveys, lang) && word == results_word(lang);
    (matches && Slug::parse(slug).is_ok()).then(|| Page::SurveyResults(slug.to_owned()))
}

/// The last segment of a survey's results page in `lang`.
fn results_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Fi => "tulokset",
        Lang::Sv => "resultat",
        Lang::En => "results",
    }
}

/// The two fixed segments of a version diff's address in `lang`: the versions, and the word between the labels.
pub fn version_diff_words(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Fi => ("versiot", "ero"),
        Lang::Sv => ("versioner", "skillnad"),
        Lang::En => ("versions", "diff"),
    }
}

/// A version label as a path segment: labels are free text ("1.1", "2025 luonnos"), so everything but
/// letters, digits and `-._~` is percent-encoded.
fn escape(label: &str) -> String {
    label
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The word before the number in the address of a list's later pages.
fn page_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Fi => "sivu",
        Lang::Sv => "sida",
        Lang::En => "page",
    }
}

/// `sivu-2` and up: digits without a leading zero, so each page has one address (page 1 is the list's own).
/// Indicator keys start with their id's digits, so they never read as a page.
fn list_page_number(lang: Lang, key: &str) -> Option<u32> {
    let digits = key.strip_prefix(page_word(lang))?.strip_prefix('-')?;
    let plain = !digits.is_empty() && digits.len() <= 6 && !digits.starts_with('0');
    let number: u32 = plain.then(|| digits.parse().ok())??;
    (number >= 2).then_some(number)
}

/// A budget year in an address: four digits, nothing else (so `02018` or `+2018` is no page).
fn parse_year(text: &str) -> Option<i32> {
    let year = (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok())??;
    crate::domain::cascade::YEARS.contains(&year).then_some(year)
}

/// The address of an indicator's page.
pub fn indicator_page(indicator: &crate::domain::cascade::Indicator) -> Page {
    Page::Indicator(format!("{}-{}", indicator.id, indicator.slug))
}

/// The language a request's path starts with, if any (`/sv/...` → Swedish).
pub fn lang_of_path(path: &str) -> Option<Lang> {
    path.trim_start_matches('/').split('/').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_parses_back_from_its_path_in_every_language() {
        let pages = [
            Page::Home,
            Page::Areas,
            Page::Area("a".into()),
            Page::Goal("g".into()),
            Page::Programmes,
            Page::Programme("p".into()),
            Page::Narrative,
            Page::Timeline,
            Page::Accessibility,
            Page::ApiDocs,
            Page::Indicators,
            Page::IndicatorsPage(2),
            Page::IndicatorsPage(999_999),
            Page::Indicator("1-a".into()),
            Page::Situation,
            Page::Annexes,
            Page::Annex(2018),
            Page::Versions,
            Page::Version("1.1".into()),
            Page::Action("12".into()),
            Page::Surveys,
            Page::Survey("kysely".into()),
        ];
        for lang in Lang::ALL {
            for page in &pages {
                let path = page.path(lang);
                if *page == Page::Home {
                    continue;
                }
                let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
                assert_eq!(parts[0], lang.code());
                assert_eq!(
                    Page::parse(lang, parts[1], parts.get(2).copied()).as_ref(),
                    Some(page),
                    "{path}"
                );
            }
        }
        assert_eq!(
            Page::parse(Lang::Fi, "goals", Some("x")),
            None,
            "English segment under /fi/"
        );
        assert_eq!(Page::parse(Lang::En, "goals", None), None, "goals have no index page");
        assert_eq!(
            Page::parse(Lang::Sv, "mal", Some("a/b")),
            None,
            "a decoded %2F is no slug"
        );
        assert_eq!(Page::parse(Lang::Fi, "talousarvioliite", Some("02018")), None);
        assert_eq!(
            Page::parse(Lang::Fi, "talousarvioliite", Some("1999")),
            None,
            "before the first year"
        );
        for (lang, key) in [
            (Lang::Fi, "sivu-1"),
            (Lang::Fi, "sivu-02"),
            (Lang::Fi, "sivu-"),
            (Lang::Fi, "sivu-1000000"),
            (Lang::Fi, "page-2"),
            (Lang::Sv, "sivu-2"),
        ] {
            assert!(
                !matches!(
                    Page::parse(lang, segment_name(Segment::Indicators, lang), Some(key)),
                    Some(Page::IndicatorsPage(_))
                ),
                "{lang} {key}: no list page"
            );
        }
        assert_eq!(
            Page::parse(Lang::Sv, "matare", Some("sida-3")),
            Some(Page::IndicatorsPage(3))
        );
        let diff = Page::VersionDiff {
            from: "1.1".into(),
            to: "2025 luonnos/ä".into(),
        };
        assert_eq!(
            diff.path(Lang::Sv),
            "/sv/versioner/1.1/skillnad/2025%20luonnos%2F%C3%A4"
        );
        for lang in Lang::ALL {
            let path = Page::SurveyResults("kysely".into()).path(lang);
            let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
            assert_eq!(
                parse_survey_results(lang, parts[1], parts[2], parts[3]),
                Some(Page::SurveyResults("kysely".into()))
            );
        }
        assert_eq!(parse_survey_results(Lang::Fi, "kyselyt", "kysely", "results"), None);
        assert_eq!(lang_of_path("/sv/mal/x"), Some(Lang::Sv));
        assert_eq!(lang_of_path("/de/"), None);
    }
}
