//! The survey form, one page at a time, and what a post of it says.
//!
//! Without scripts a multi-page form has two ways to remember earlier pages: state on the server (a session,
//! which needs a cookie and storage for people who may never finish) or the answers themselves carried along
//! in hidden fields. Tarina carries them: nothing is kept about a resident until they send the last page, the
//! next page may be served by another server, and a service's own plain HTML form can post every answer at
//! once. The hidden answers need no signature, because the last post is checked whole, every page of it,
//! exactly as a one-page post would be.

use std::collections::BTreeMap;

use fluent_bundle::FluentArgs;
use serde::Serialize;

use super::super::parts::{Loc, Resolver};
use crate::domain::survey::answer::Submitted;
use crate::domain::survey::{Problem, ProblemKind, Question, QuestionKind, Survey};
use crate::domain::Lang;
use crate::http::AppState;

/// The prefix of a question's field name, `q-{key}`, which keeps questions apart from the form's own fields.
const QUESTION: &str = "q-";
/// The form's own fields: the page being sent (1-based), the signed start time, the honeypot, going back.
pub(super) const PAGE: &str = "page";
pub(super) const STAMP: &str = "started";
pub(super) const TRAP: &str = "website";
const BACK: &str = "back";

/// A post of the form, sorted out.
#[derive(Debug, Default)]
pub(super) struct Posted {
    /// What was typed, by question key.
    pub(super) submitted: Submitted,
    /// The page sent, 1-based; `None` from a form that sends the whole survey at once.
    pub(super) page: Option<usize>,
    pub(super) stamp: Option<String>,
    /// Whatever a robot typed into the field people never see.
    pub(super) trap: String,
    /// The resident asked for the previous page.
    pub(super) back: bool,
}

impl Posted {
    pub(super) fn from_pairs(pairs: Vec<(String, String)>) -> Posted {
        let mut posted = Posted::default();
        for (name, value) in pairs {
            if let Some(key) = name.strip_prefix(QUESTION) {
                posted.submitted.entry(key.to_owned()).or_default().push(value);
                continue;
            }
            match name.as_str() {
                PAGE => posted.page = value.trim().parse().ok(),
                STAMP => posted.stamp = Some(value),
                TRAP => posted.trap.push_str(value.trim()),
                BACK => posted.back = true,
                _ => {}
            }
        }
        posted
    }
}

/// One option of a choice, scale or region question.
#[derive(Serialize)]
struct OptionView {
    value: String,
    label: Loc,
    id: String,
    checked: bool,
}

#[derive(Serialize)]
struct QuestionView {
    name: String,
    id: String,
    kind: &'static str,
    text: Loc,
    help: Option<Loc>,
    required: bool,
    error: Option<String>,
    /// What was typed (the first value), for text, number and date fields.
    value: String,
    options: Vec<OptionView>,
    max_chars: Option<usize>,
}

/// A link in the error summary to the field in error.
#[derive(Serialize)]
struct SummaryItem {
    href: String,
    text: String,
}

/// What the form template shows: page `index` (0-based) of the survey with what was typed so far.
#[derive(Serialize)]
pub(super) struct FormView {
    action: String,
    page_number: usize,
    page_count: usize,
    is_last: bool,
    stamp: String,
    questions: Vec<QuestionView>,
    /// Answers of the other pages, carried along: (field name, value).
    hidden: Vec<(String, String)>,
    problems: Vec<SummaryItem>,
    /// A message about the whole form (sent too fast, expired).
    notice: Option<String>,
}

/// A region a region question offers: its slug and name.
pub(super) type RegionChoice<'a> = (&'a str, &'a crate::domain::LocalizedText);

pub(super) struct Draw<'a> {
    pub(super) survey: &'a Survey,
    pub(super) index: usize,
    pub(super) submitted: &'a Submitted,
    pub(super) problems: &'a [Problem],
    pub(super) notice: Option<&'static str>,
    pub(super) stamp: String,
    pub(super) action: String,
    pub(super) regions: &'a [RegionChoice<'a>],
}

impl FormView {
    pub(super) fn new(state: &AppState, r: &Resolver, draw: Draw<'_>) -> FormView {
        let Draw {
            survey,
            index,
            submitted,
            problems,
            notice,
            stamp,
            action,
            regions,
        } = draw;
        let lang = r.lang;
        let on_page: Vec<&Question> = survey.pages.get(index).into_iter().flat_map(|p| &p.questions).collect();
        let answers_so_far =
            crate::domain::survey::answer::check(survey, submitted, index, &region_slugs(regions)).unwrap_or_default();
        let errors: BTreeMap<&str, String> = problems
            .iter()
            .map(|p| (p.question.as_str(), problem_text(state, lang, &p.kind)))
            .collect();
        let questions: Vec<QuestionView> = on_page
            .iter()
            .filter(|q| survey.shown(q, &answers_so_far))
            .map(|q| question_view(r, q, submitted, errors.get(q.key.as_str()).cloned(), regions))
            .collect();
        let summary = questions
            .iter()
            .filter_map(|q| {
                q.error.as_ref().map(|e| SummaryItem {
                    href: format!("#{}", q.id),
                    text: format!("{}: {e}", q.text.text),
                })
            })
            .collect();
        let on_page_keys: Vec<&str> = on_page.iter().map(|q| q.key.as_str()).collect();
        let hidden = survey
            .questions()
            .filter(|q| !on_page_keys.contains(&q.key.as_str()))
            .flat_map(|q| {
                (submitted.get(q.key.as_str()).into_iter().flatten())
                    .filter(|v| !v.trim().is_empty())
                    .map(|v| (format!("{QUESTION}{}", q.key), v.clone()))
            })
            .collect();
        FormView {
            action,
            page_number: index + 1,
            page_count: survey.pages.len(),
            is_last: survey.next_page(index + 1, &answers_so_far).is_none(),
            stamp,
            questions,
            hidden,
            problems: summary,
            notice: notice.map(|key| state.i18n.text(lang, key)),
        }
    }
}

fn region_slugs(regions: &[RegionChoice<'_>]) -> Vec<String> {
    regions.iter().map(|(slug, _)| (*slug).to_owned()).collect()
}

fn question_view(
    r: &Resolver,
    q: &Question,
    submitted: &Submitted,
    error: Option<String>,
    regions: &[RegionChoice<'_>],
) -> QuestionView {
    let name = format!("{QUESTION}{}", q.key);
    let typed: Vec<&str> = submitted
        .get(q.key.as_str())
        .into_iter()
        .flatten()
        .map(|v| v.trim())
        .collect();
    let plain = |text: String| Loc { text, fallback: false };
    let choices: Vec<(String, Loc)> = match &q.kind {
        QuestionKind::Single(choices) | QuestionKind::Multiple(choices) => {
            choices.iter().map(|c| (c.key.to_string(), r.loc(&c.label))).collect()
        }
        QuestionKind::Scale5 => (1..=5).map(|n: u8| (n.to_string(), plain(n.to_string()))).collect(),
        QuestionKind::Nps => (0..=10).map(|n: u8| (n.to_string(), plain(n.to_string()))).collect(),
        QuestionKind::Region => regions
            .iter()
            .map(|(slug, name)| ((*slug).to_owned(), r.loc(name)))
            .collect(),
        QuestionKind::Number { .. } | QuestionKind::Date | QuestionKind::Text { .. } => Vec::new(),
    };
    let options = choices
        .into_iter()
        .enumerate()
        .map(|(i, (value, label))| OptionView {
            // The first option takes the question's id, so the error summary's link lands on it.
            id: if i == 0 { name.clone() } else { format!("{name}-{i}") },
            checked: typed.contains(&value.as_str()),
            value,
            label,
        })
        .collect();
    QuestionView {
        id: name.clone(),
        name,
        kind: q.kind.name(),
        text: r.loc(&q.text),
        help: q.help.as_ref().map(|h| r.loc(h)),
        required: q.required,
        error,
        value: typed.first().map(|v| (*v).to_owned()).unwrap_or_default(),
        options,
        max_chars: match q.kind {
            QuestionKind::Text { max_chars } => Some(max_chars),
            _ => None,
        },
    }
}

/// A problem in words, in the resident's language.
fn problem_text(state: &AppState, lang: Lang, kind: &ProblemKind) -> String {
    let mut args = FluentArgs::new();
    match kind {
        ProblemKind::TooLong { max } => args.set("max", *max),
        ProblemKind::OutOfRange { min, max } => {
            args.set("min", min.clone());
            args.set("max", max.clone());
        }
        _ => {}
    }
    state.i18n.message(lang, kind.message_key(), Some(&args))
}
