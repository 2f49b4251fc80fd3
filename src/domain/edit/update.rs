//! Status updates that action owners post: the state, per cent done and date of the situation, a narrative in
//! up to three languages and links to evidence. An update is appended, never edited, and sets the action's
//! current progress, so the history keeps what was said when while everything that reads the current progress
//! follows the latest update.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{localized_from_input, text_json, FieldErrors, Item, Revision};
use crate::domain::cascade::{ActionProgress, ActionState};
use crate::domain::{ActionId, LocalizedText};

/// The most evidence links one update carries: a few, so the update stays readable.
pub const EVIDENCE_LIMIT: usize = 3;
/// The longest title of an evidence link, in characters.
pub const EVIDENCE_TITLE_LIMIT: usize = 200;
/// The longest address of an evidence link, in characters.
pub const EVIDENCE_URL_LIMIT: usize = 2000;

/// The form fields of the evidence links, by row: titles and addresses.
pub const EVIDENCE_TITLE_FIELDS: [&str; EVIDENCE_LIMIT] = ["evidence_title_1", "evidence_title_2", "evidence_title_3"];
pub const EVIDENCE_URL_FIELDS: [&str; EVIDENCE_LIMIT] = ["evidence_url_1", "evidence_url_2", "evidence_url_3"];

/// A link to what shows the update is true: a decision, a report, a published page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// What the link is; readers see the address itself when there is none.
    pub title: Option<String>,
    /// Always `https://`, so the link neither runs script nor leaks readers to an unencrypted site.
    pub url: String,
}

/// An update as its author posts it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewUpdate {
    pub action: ActionId,
    pub state: ActionState,
    pub percent: Option<u8>,
    pub as_of: NaiveDate,
    /// Markdown, Finnish first; `None` when the update says nothing beyond its figures.
    pub narrative: Option<LocalizedText>,
    pub evidence: Vec<Evidence>,
}

impl NewUpdate {
    /// The action's progress once this update is posted: a person reported it, so it is never an example.
    pub fn progress(&self) -> ActionProgress {
        ActionProgress {
            action: self.action,
            state: self.state,
            percent: self.percent,
            as_of: self.as_of,
            note: self.narrative.clone(),
            example: false,
        }
    }

    /// The update as the audit log keeps it.
    pub fn to_json(&self) -> Value {
        json!({
            "state": self.state.as_str(),
            "percent": self.percent,
            "as_of": self.as_of.to_string(),
            "narrative": self.narrative.as_ref().map(text_json),
            "evidence": self.evidence,
        })
    }
}

/// A posted update.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionUpdate {
    pub id: i64,
    pub content: NewUpdate,
    /// The display name of the account that posted it; `None` if that account no longer exists.
    pub author: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// An action's current progress and its updates, newest first: what the progress page, the public action page
/// and the write API show, and what a new update is checked against.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UpdateLog {
    pub current: Option<ActionProgress>,
    pub updates: Vec<ActionUpdate>,
}

impl UpdateLog {
    /// Changes with every posted update and every correction of the current progress, so a form or a client
    /// that read the log before either is told it is stale.
    pub fn revision(&self) -> Revision {
        let progress = Item::Progress(self.current.clone()).revision();
        let latest = self.updates.first().map_or(0, |u| u.id);
        Revision(format!("{progress}-{latest}"))
    }

    pub fn latest(&self) -> Option<&ActionUpdate> {
        self.updates.first()
    }

    /// The latest update, when the current progress is still the one it set (not corrected since).
    pub fn latest_if_current(&self) -> Option<&ActionUpdate> {
        self.latest()
            .filter(|u| self.current.as_ref() == Some(&u.content.progress()))
    }

    /// Whether `update` describes a day before the action's current progress: it would turn the current state
    /// (and the situational picture) back in time, so it is refused; mistakes are corrected, not posted. Example
    /// progress shipped with Tarina is no reported fact, so it never stands in the way.
    pub fn backdates(&self, update: &NewUpdate) -> bool {
        self.current
            .as_ref()
            .is_some_and(|p| !p.example && update.as_of < p.as_of)
    }

    /// Whether posting `update` would only repeat the latest one (a form sent twice): then nothing is posted.
    pub fn repeats(&self, update: &NewUpdate) -> bool {
        self.latest_if_current().is_some_and(|u| &u.content == update)
    }
}

/// The fields of an update as typed into the form or sent by an integration.
pub struct UpdateInput<'a> {
    pub state: &'a str,
    pub percent: &'a str,
    pub as_of: &'a str,
    pub narrative: [&'a str; 3],
    /// Title and address of each evidence row; rows left empty are skipped.
    pub evidence: Vec<(&'a str, &'a str)>,
}

/// An update checked field by field. Errors are keyed by the form's field names (`update_state`, …,
/// `evidence_url_2`), which the write API maps to places in its body.
pub fn update_from_input(action: ActionId, input: &UpdateInput<'_>) -> Result<NewUpdate, FieldErrors> {
    let mut errors = FieldErrors::new();
    let state = ActionState::parse(input.state.trim());
    if state.is_none() {
        errors.insert("update_state", "staff-error-state");
    }
    let percent = match input.percent.trim() {
        "" => Some(None),
        text => text.parse::<u8>().ok().filter(|p| *p <= 100).map(Some),
    };
    if percent.is_none() {
        errors.insert("update_percent", "staff-error-percent");
    }
    let as_of = super::parse_date(input.as_of);
    if as_of.is_none() {
        errors.insert("update_as_of", "staff-error-as-of");
    }
    let narrative = localized_from_input("narrative", input.narrative, None, false, &mut errors);
    if input.evidence.len() > EVIDENCE_LIMIT {
        errors.insert("evidence", "staff-error-evidence-count");
    }
    let mut evidence = Vec::new();
    for (row, (title, url)) in input.evidence.iter().enumerate().take(EVIDENCE_LIMIT) {
        let (title, url) = (title.trim(), url.trim());
        if title.is_empty() && url.is_empty() {
            continue;
        }
        let title_ok = title.chars().count() <= EVIDENCE_TITLE_LIMIT && !title.chars().any(char::is_control);
        if !title_ok {
            errors.insert(EVIDENCE_TITLE_FIELDS[row], "staff-error-evidence-title");
        }
        if !is_https_url(url) {
            errors.insert(EVIDENCE_URL_FIELDS[row], "staff-error-evidence-url");
        }
        evidence.push(Evidence {
            title: (!title.is_empty()).then(|| title.to_owned()),
            url: url.to_owned(),
        });
    }
    match (state, percent, as_of) {
        (Some(state), Some(percent), Some(as_of)) if errors.is_empty() => Ok(NewUpdate {
            action,
            state,
            percent,
            as_of,
            narrative,
            evidence,
        }),
        _ => Err(errors),
    }
}

/// Whether `url` is an absolute `https://` address with a host name and nothing a reader could be fooled by:
/// no user name or password before the host, no spaces, quotes, angle brackets or control characters. Other
/// schemes (`javascript:`, `data:`, `http:`) are refused outright rather than cleaned.
pub fn is_https_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let clean = url.chars().count() <= EVIDENCE_URL_LIMIT
        && !url
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`'));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let host_ok = !host.is_empty()
        && host.contains('.')
        && !host.starts_with(['.', '-'])
        && !host.ends_with(['.', '-'])
        && host.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    clean && host_ok && port_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(percent: &'a str, as_of: &'a str, url: &'a str) -> UpdateInput<'a> {
        UpdateInput {
            state: "in_progress",
            percent,
            as_of,
            narrative: ["Etenee", "", ""],
            evidence: vec![("Päätös", url)],
        }
    }

    #[test]
    fn an_update_is_checked_field_by_field() {
        let action = ActionId::new(3).unwrap();
        let update = update_from_input(action, &input("40", "2024-03-31", "https://espoo.fi/paatos")).unwrap();
        assert_eq!(update.percent, Some(40));
        assert_eq!(update.evidence[0].title.as_deref(), Some("Päätös"));
        let errors = update_from_input(action, &input("120", "31.3.2024", "javascript:alert(1)")).unwrap_err();
        assert_eq!(errors["update_percent"], "staff-error-percent");
        assert_eq!(errors["update_as_of"], "staff-error-as-of");
        assert_eq!(errors["evidence_url_1"], "staff-error-evidence-url");
        let long = "x".repeat(super::super::LONG_TEXT_LIMIT + 1);
        let mut too_long = input("", "2024-03-31", "");
        too_long.narrative = [&long, "", ""];
        too_long.evidence = vec![("", "")];
        let errors = update_from_input(action, &too_long).unwrap_err();
        assert_eq!(errors["narrative_fi"], "staff-error-too-long");
    }

    #[test]
    fn only_plain_https_addresses_are_evidence() {
        for good in [
            "https://espoo.fi",
            "https://www.espoo.fi/a?b=c#d",
            "https://espoo.fi:8443/x",
        ] {
            assert!(is_https_url(good), "{good}");
        }
        for bad in [
            "http://espoo.fi",
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,x",
            "https://",
            "https://user@espoo.fi",
            "https://espoo.fi/\"onmouseover=x",
            "https://espoo.fi/a b",
            "https://localhost/",
            "https://espoo.fi:/",
            "//espoo.fi",
        ] {
            assert!(!is_https_url(bad), "{bad}");
        }
    }

    #[test]
    fn a_repeated_update_is_recognised_and_corrections_make_the_latest_not_current() {
        let action = ActionId::new(3).unwrap();
        let update = update_from_input(action, &input("40", "2024-03-31", "https://espoo.fi/raportti")).unwrap();
        let mut log = UpdateLog {
            current: Some(update.progress()),
            updates: vec![ActionUpdate {
                id: 7,
                content: update.clone(),
                author: None,
                created_at: Utc::now(),
            }],
        };
        assert!(log.repeats(&update));
        let mut older = update.clone();
        older.as_of = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        assert!(log.backdates(&older) && !log.backdates(&update));
        let before = log.revision();
        log.current.as_mut().unwrap().percent = Some(50);
        assert!(log.latest_if_current().is_none());
        assert!(!log.repeats(&update));
        assert_ne!(log.revision(), before);
    }
}
