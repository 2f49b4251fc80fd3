//! The parts several views build pages from: texts in the page's language, links, numbers and dates as
//! readers write them, statuses, indicator rows and targets, and the body a cascade page hands to the layout.
//! It uses none of the views, so each view can use it.

use std::cell::Cell;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;

use super::templates::Templates;
use crate::domain::cascade::{Cascade, Indicator, Target};
use crate::domain::indicator::Status;
use crate::domain::situation::{self, Judged};
use crate::domain::{paragraphs, Lang, LocalizedText, Strategy};
use crate::http::routes::{indicator_page, Page};

/// A text in the page's language, or in Finnish (`fallback`) when the translation is missing; the
/// template then marks the Finnish part with `lang="fi"` so screen readers pronounce it right.
#[derive(Debug, Serialize)]
pub(super) struct Loc {
    pub(super) text: String,
    pub(super) fallback: bool,
}

#[derive(Serialize)]
pub(super) struct Link {
    pub(super) href: String,
    pub(super) label: Loc,
}

/// Resolves texts for one page and remembers whether any was missing or unreviewed.
pub(super) struct Resolver {
    pub(super) lang: Lang,
    missing: Cell<bool>,
    unreviewed: Cell<bool>,
}

impl Resolver {
    pub(super) fn new(lang: Lang) -> Resolver {
        Resolver {
            lang,
            missing: Cell::new(false),
            unreviewed: Cell::new(false),
        }
    }

    pub(super) fn loc(&self, text: &LocalizedText) -> Loc {
        let resolved = text.resolve(self.lang);
        self.missing.set(self.missing.get() || resolved.missing);
        self.unreviewed.set(self.unreviewed.get() || resolved.unreviewed);
        Loc {
            text: resolved.text.to_owned(),
            fallback: resolved.lang != self.lang,
        }
    }

    pub(super) fn paragraphs(&self, text: &LocalizedText) -> Vec<Loc> {
        let whole = self.loc(text);
        paragraphs(&whole.text)
            .map(|p| Loc {
                text: p.to_owned(),
                fallback: whole.fallback,
            })
            .collect()
    }

    pub(super) fn plain(&self, text: &LocalizedText) -> String {
        self.loc(text).text
    }

    pub(super) fn notice(&self) -> Option<&'static str> {
        if self.missing.get() {
            Some("missing")
        } else if self.unreviewed.get() {
            Some("unreviewed")
        } else {
            None
        }
    }
}

pub(super) fn excerpt(text: &str) -> String {
    const LIMIT: usize = 200;
    if text.chars().count() <= LIMIT {
        return text.to_owned();
    }
    let cut: String = text.chars().take(LIMIT).collect();
    let cut = cut.rsplit_once(' ').map(|(head, _)| head).unwrap_or(&cut);
    format!("{cut}…")
}

/// What a cascade page hands to the layout: its template, title, breadcrumb trail and body.
pub(super) struct CascadePage {
    pub template: &'static str,
    pub title: String,
    pub description: String,
    pub trail: Vec<(String, Page)>,
    pub body: serde_json::Value,
}

/// A number as readers of `lang` write it: `300 000,5` in Finnish and Swedish, `300,000.5` in English, with a
/// real minus sign.
pub(super) fn number(value: f64, decimals: u8, lang: Lang) -> String {
    let fixed = format!("{:.*}", usize::from(decimals), value.abs());
    let (whole, fraction) = fixed
        .split_once('.')
        .map_or((fixed.as_str(), None), |(w, f)| (w, Some(f)));
    let (group, point) = match lang {
        Lang::En => (',', '.'),
        _ => ('\u{a0}', ','),
    };
    let mut out = String::new();
    if value < 0.0 && fixed.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('−');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(digit);
    }
    if let Some(fraction) = fraction {
        out.push(point);
        out.push_str(fraction);
    }
    out
}

pub(super) fn date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => date.format("%-d %B %Y").to_string(),
        _ => date.format("%-d.%-m.%Y").to_string(),
    }
}

pub(super) fn with_unit(value: f64, indicator: &Indicator, r: &Resolver) -> String {
    let unit = r.plain(&indicator.unit);
    let spaced = if unit == "%" {
        "\u{a0}%".to_owned()
    } else {
        format!("\u{a0}{unit}")
    };
    format!("{}{spaced}", number(value, indicator.decimals, r.lang))
}

#[derive(Serialize)]
pub(super) struct StatusView {
    key: &'static str,
    shape: &'static str,
    pub(super) label: String,
}

pub(super) fn status_key(status: Status) -> &'static str {
    match status {
        Status::OnTrack => "on_track",
        Status::AtRisk => "at_risk",
        Status::OffTrack => "off_track",
        Status::NoData => "no_data",
    }
}

/// The word and a shape, so status never rests on colour alone.
pub(super) fn status_view(status: Status, t: &Templates, lang: Lang) -> StatusView {
    let key = status_key(status);
    let shape = match status {
        Status::OnTrack => "●",
        Status::AtRisk => "▲",
        Status::OffTrack => "■",
        Status::NoData => "○",
    };
    StatusView {
        key,
        shape,
        label: t.message(lang, &format!("status-{key}")),
    }
}
#[derive(Serialize)]
pub(super) struct IndicatorRow {
    href: String,
    name: Loc,
    status: StatusView,
    latest: Option<String>,
    latest_date: Option<String>,
    example: bool,
    target: Option<String>,
}

pub(super) fn indicator_row(r: &Resolver, t: &Templates, judged: Judged<'_>) -> IndicatorRow {
    let indicator = judged.indicator;
    IndicatorRow {
        href: indicator_page(indicator).path(r.lang),
        name: r.loc(&indicator.name),
        status: status_view(judged.status, t, r.lang),
        latest: judged.latest.map(|m| with_unit(m.value, indicator, r)),
        latest_date: judged.latest.map(|m| date(m.date, r.lang)),
        example: judged.latest.is_some_and(|m| m.provenance.example),
        target: indicator
            .target
            .as_ref()
            .map(|g| format!("{} ({})", with_unit(g.value, indicator, r), g.date.format("%Y"))),
    }
}

pub(super) fn target_view(
    r: &Resolver,
    t: &Templates,
    strategy: &Strategy,
    cascade: &Cascade,
    target: &Target,
) -> serde_json::Value {
    let lang = r.lang;
    let org_name = |slug: &crate::domain::Slug| {
        cascade
            .organisation(slug)
            .map_or_else(|| slug.to_string(), |o| r.plain(&o.name))
    };
    json!({
        "id": target.id.get(),
        "year": target.year,
        "title": r.loc(&target.title),
        "organisation": org_name(&target.organisation),
        "responsible": org_name(&target.responsible),
        "binding": target.binding,
        "example": target.example,
        "annex_href": Page::Annex(target.year).path(lang),
        "goals": target.goals.iter().filter_map(|g| goal_link(r, strategy, *g)).collect::<Vec<_>>(),
        "indicators": target.indicators.iter().filter_map(|id| cascade.indicator(*id)).map(|i| indicator_row(r, t, situation::judge(i))).collect::<Vec<_>>(),
        "assessment": target.assessment.as_ref().map(|a| json!({
            "grade_key": format!("grade-{}", a.grade.as_str()),
            "justification": r.loc(&a.justification),
        })),
    })
}

pub(super) fn goal_link(r: &Resolver, strategy: &Strategy, goal: crate::domain::GoalId) -> Option<serde_json::Value> {
    let (_, g) = strategy.goal(goal)?;
    Some(json!({ "id": goal.get(), "href": Page::Goal(g.slug.to_string()).path(r.lang), "title": r.loc(&g.title) }))
}
