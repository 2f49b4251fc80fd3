//! `If-Match` on writes (RFC 9110 13.1.1): a write names the state it changes by that state's ETag, and is
//! refused with 412 when the state has moved on, so two integrations (or a person and an integration) never
//! silently overwrite each other. A write without `If-Match` is refused with 428 (RFC 6585) rather than
//! allowed: a client that really means to write whatever the state says so with `If-Match: *`.

use axum::http::header::{IF_MATCH, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue};

use crate::http::AppError;

/// What a write's `If-Match` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IfMatch {
    /// `*`: whatever the current state.
    Any,
    /// The opaque parts of the strong tags listed; weak ones never match a write (strong comparison).
    Tags(Vec<String>),
}

impl IfMatch {
    /// 428 without the header, 400 when it is not `*` or a list of entity tags.
    pub fn from_headers(headers: &HeaderMap) -> Result<IfMatch, AppError> {
        let mut fields = headers.get_all(IF_MATCH).iter().peekable();
        if fields.peek().is_none() {
            return Err(AppError::PreconditionRequired);
        }
        let malformed = || AppError::bad_request("problem-detail-malformed-if-match", "");
        let mut tags = Vec::new();
        for field in fields {
            let text = field.to_str().map_err(|_| malformed())?.trim();
            if text == "*" {
                return Ok(IfMatch::Any);
            }
            let listed = entity_tags(text).ok_or_else(malformed)?;
            tags.extend(
                listed
                    .into_iter()
                    .filter(|(weak, _)| !weak)
                    .map(|(_, opaque)| opaque.to_owned()),
            );
        }
        Ok(IfMatch::Tags(tags))
    }

    /// The tag the write must still find when its turn comes, `None` for `*`; 412 when no tag listed is
    /// `current`.
    pub fn expect<'a>(&self, current: &'a str) -> Result<Option<&'a str>, AppError> {
        match self {
            IfMatch::Any => Ok(None),
            IfMatch::Tags(tags) if tags.iter().any(|tag| tag == current) => Ok(Some(current)),
            IfMatch::Tags(_) => Err(AppError::PreconditionFailed),
        }
    }
}

/// `"a", W/"b"`: one or more entity tags (RFC 9110 8.8.3), each with whether it is weak, separated by commas;
/// `None` for anything else, an empty list included.
fn entity_tags(text: &str) -> Option<Vec<(bool, &str)>> {
    let mut tags = Vec::new();
    let mut rest = text;
    loop {
        let (weak, quoted) = match rest.strip_prefix("W/") {
            Some(tag) => (true, tag),
            None => (false, rest),
        };
        let opaque = quoted.strip_prefix('"')?;
        let end = opaque.find('"')?;
        tags.push((weak, &opaque[..end]));
        rest = opaque[end + 1..].trim_start();
        if rest.is_empty() {
            return Some(tags);
        }
        rest = rest.strip_prefix(',')?.trim_start();
    }
}

/// A state's tag as an `ETag` header value.
pub fn etag(tag: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{tag}\"")).unwrap_or_else(|_| HeaderValue::from_static("\"\""))
}

/// Whether a GET's `If-None-Match` already holds the state of `tag` (weak comparison, RFC 9110 13.1.2).
pub fn not_modified(headers: &HeaderMap, tag: &str) -> bool {
    headers
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|field| field.to_str().ok())
        .flat_map(|field| field.split(','))
        .map(|item| item.trim().trim_start_matches("W/"))
        .any(|item| item == "*" || item.strip_prefix('"').and_then(|t| t.strip_suffix('"')) == Some(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(name: axum::http::HeaderName, values: &[&'static str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(name.clone(), HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn if_match_is_required_and_compared_strongly() {
        assert!(matches!(
            IfMatch::from_headers(&HeaderMap::new()),
            Err(AppError::PreconditionRequired)
        ));
        assert_eq!(IfMatch::from_headers(&headers(IF_MATCH, &["*"])).unwrap(), IfMatch::Any);
        let listed = IfMatch::from_headers(&headers(IF_MATCH, &["\"a\", W/\"b\"", "\"c\""])).unwrap();
        assert_eq!(listed, IfMatch::Tags(vec!["a".into(), "c".into()]));
        assert_eq!(listed.expect("c").unwrap(), Some("c"));
        assert!(matches!(listed.expect("b"), Err(AppError::PreconditionFailed)));
        assert_eq!(IfMatch::Any.expect("x").unwrap(), None);
        for bad in ["abc", "\"a", "W/abc", "\"a\"b\"", "", ",", "\"a\",", "\"a\" \"b\""] {
            assert!(
                matches!(
                    IfMatch::from_headers(&headers(IF_MATCH, &[bad])),
                    Err(AppError::BadRequest { .. })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn if_none_match_is_compared_weakly() {
        assert!(not_modified(&headers(IF_NONE_MATCH, &["W/\"a\", \"b\""]), "a"));
        assert!(not_modified(&headers(IF_NONE_MATCH, &["*"]), "a"));
        assert!(!not_modified(&headers(IF_NONE_MATCH, &["\"b\""]), "a"));
        assert!(!not_modified(&HeaderMap::new(), "a"));
        assert_eq!(etag("a"), "\"a\"");
    }
}
