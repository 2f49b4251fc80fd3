//! Fuzzes the small parsers that see raw HTTP input: the `Accept-Language` negotiation, ids and slugs
//! from paths, the language prefix of a path, and the localised page addresses.
//!
//! Input layout: the first byte picks the language for `Page::parse`; the rest (lossy UTF-8) is the
//! string handed to every parser. For `Page::parse` it is split at the first `\n` into the segment and
//! the slug (no `\n`: no slug).
//!
//! Checked: nothing panics; an accepted id or slug is canonical (it prints back to the same text); a
//! language found in a path is the path's first segment; and every page that parses round-trips through
//! `Page::path`, in every language (the language switcher depends on it).
#![no_main]

use libfuzzer_sys::fuzz_target;
use percent_encoding::percent_decode_str;
use tarina::domain::{GoalId, Lang, Slug};
use tarina::http::routes::{lang_of_path, Page};

/// Splits an address into the parts the router matches, `/{lang}/{segment}[/{slug}]`, and percent-decodes
/// the slug as the router's path extractor does (a version's label is escaped in its address).
fn reparse(lang: Lang, path: &str) -> Option<Page> {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    assert_eq!(
        parts.first().copied(),
        Some(lang.code()),
        "{path:?} starts with its language"
    );
    assert!(parts.len() <= 3, "{path:?} has more than /lang/segment/slug");
    let slug = parts.get(2).map(|s| percent_decode_str(s).decode_utf8_lossy());
    Page::parse(lang, parts.get(1)?, slug.as_deref())
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let lang = Lang::ALL[usize::from(selector) % Lang::ALL.len()];
    let input = String::from_utf8_lossy(rest);
    let input = input.as_ref();

    // Accept-Language: any header value gives one of the three languages.
    let negotiated = Lang::negotiate(Some(input));
    assert!(Lang::ALL.contains(&negotiated));

    // Ids: an accepted id is the canonical decimal form of a number in 1..=999999.
    if let Ok(id) = input.parse::<GoalId>() {
        assert!((1..=999_999).contains(&id.get()), "{input:?} gave {id:?}");
        assert_eq!(id.to_string(), input, "ids are canonical");
    }

    // Slugs: an accepted slug is kept as given and parses again.
    if let Ok(slug) = Slug::parse(input) {
        assert_eq!(slug.as_str(), input);
        assert_eq!(Slug::parse(&slug.to_string()).as_ref(), Ok(&slug));
    }

    // The language prefix of a path.
    if let Some(found) = lang_of_path(input) {
        let first = input.trim_start_matches('/').split('/').next();
        assert_eq!(first, Some(found.code()), "{input:?} gave {found}");
    }

    // Localised page addresses: whatever parses comes back from its own path, in every language.
    let (segment, slug) = match input.split_once('\n') {
        Some((segment, slug)) => (segment, Some(slug)),
        None => (input, None),
    };
    if let Some(page) = Page::parse(lang, segment, slug) {
        for other in Lang::ALL {
            let path = page.path(other);
            assert_eq!(lang_of_path(&path), Some(other), "{page:?} in {other}: {path:?}");
            assert_eq!(
                reparse(other, &path).as_ref(),
                Some(&page),
                "{page:?} parsed from {lang}/{segment:?}/{slug:?} does not come back from its {other} path {path:?}"
            );
        }
    }
});
