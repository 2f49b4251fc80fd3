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
}

const SEGMENTS: [Segment; 7] = [
    Segment::Areas,
    Segment::Goals,
    Segment::Programmes,
    Segment::Narrative,
    Segment::Timeline,
    Segment::Accessibility,
    Segment::ApiDocs,
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
        }
    }

    /// Recognises `/{lang}/{segment}[/{slug}]`; `None` for anything else, which is then a 404. A slug must
    /// be a valid [`Slug`]: the router decodes `%2F`, so without this check `a%2Fb` would make a page whose
    /// address has an extra path segment.
    pub fn parse(lang: Lang, segment: &str, slug: Option<&str>) -> Option<Page> {
        if slug.is_some_and(|s| Slug::parse(s).is_err()) {
            return None;
        }
        let segment = SEGMENTS.into_iter().find(|s| segment_name(*s, lang) == segment)?;
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
            _ => return None,
        };
        Some(page)
    }
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
        assert_eq!(lang_of_path("/sv/mal/x"), Some(Lang::Sv));
        assert_eq!(lang_of_path("/de/"), None);
    }
}
