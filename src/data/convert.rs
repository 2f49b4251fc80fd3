//! Turns the raw data files into the domain model, collecting every problem with its position.

mod cascade;
mod indicator;

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use toml::value::Datetime;
use toml::Spanned;

use super::{raw, DataFile, Dataset, LoadError, LoadErrors};
use crate::domain::*;

const TOP_LEVEL_FILES: [&str; 3] = ["strategy.toml", "programmes.toml", "timeline.toml"];

pub use cascade::DATA_FILE_ACTOR;

pub fn build(files: &[DataFile]) -> Result<Dataset, LoadErrors> {
    let mut checker = Checker::default();
    for file in files {
        let known = TOP_LEVEL_FILES.contains(&file.path.as_str())
            || file.path.starts_with("cascade/")
            || (file.path.starts_with("areas/") || file.path.starts_with("narrative/")) && file.path.ends_with(".toml");
        if !known {
            checker.error_at_start(file, "this file is not part of a strategy folder; expected strategy.toml, programmes.toml, timeline.toml, areas/*.toml or narrative/*.toml");
        }
    }
    let strategy = checker.required::<raw::StrategyFile>(files, "strategy.toml");
    let programmes = checker.required::<raw::ProgrammesFile>(files, "programmes.toml");
    let timeline = checker.required::<raw::TimelineFile>(files, "timeline.toml");
    let area_files = files.iter().filter(|f| f.path.starts_with("areas/")).count();
    let areas: Vec<_> = files
        .iter()
        .filter(|f| f.path.starts_with("areas/"))
        .filter_map(|f| checker.parse::<raw::AreaFile>(f).map(|raw| (f, raw)))
        .collect();
    // References into an area file that did not parse would only repeat its error.
    let areas_complete = areas.len() == area_files;
    if !files.iter().any(|f| f.path.starts_with("areas/")) {
        checker.errors.push(LoadError {
            file: "areas/".into(),
            line: 1,
            column: 1,
            message: "a strategy needs at least one area file in areas/".into(),
        });
    }
    let chapters: Vec<_> = files
        .iter()
        .filter(|f| f.path.starts_with("narrative/"))
        .filter_map(|f| checker.parse::<raw::ChapterFile>(f).map(|raw| (f, raw)))
        .collect();

    let areas = checker.areas(areas);
    let narrative = checker.narrative(chapters);
    let programmes = programmes.map(|(file, raw)| checker.programmes(file, raw));
    let timeline = timeline.map(|(file, raw)| checker.timeline(file, raw));
    let strategy = strategy.and_then(|(file, raw)| checker.strategy(file, raw, areas_complete.then_some(&areas[..])));

    let strategy = match (strategy, programmes, timeline) {
        (Some(mut strategy), Some((programmes_intro, programmes)), Some(timeline)) => {
            strategy.areas = areas;
            strategy.programmes_intro = programmes_intro;
            strategy.programmes = programmes;
            strategy.narrative = narrative;
            strategy.timeline = timeline;
            Some(strategy)
        }
        _ => None,
    };
    let strategy_valid = checker.errors.is_empty();
    let cascade = checker.cascade(files, strategy.as_ref().filter(|_| strategy_valid));
    match strategy {
        Some(strategy) if checker.errors.is_empty() => Ok(Dataset { strategy, cascade }),
        _ => Err(LoadErrors(checker.errors)),
    }
}

/// Where an id or slug was first seen, to report duplicates.
type Seen<K> = HashMap<K, String>;

#[derive(Default)]
struct Checker {
    errors: Vec<LoadError>,
    area_ids: Seen<u32>,
    goal_ids: Seen<u32>,
    action_ids: Seen<u32>,
    programme_ids: Seen<u32>,
    indicator_ids: Seen<u32>,
    slugs: Seen<(&'static str, String)>,
}

fn position(src: &str, offset: usize) -> (usize, usize) {
    let before = &src[..offset.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
    (line, column)
}

impl Checker {
    fn error(&mut self, file: &DataFile, span: Range<usize>, message: impl Into<String>) {
        let (line, column) = position(&file.text, span.start);
        self.errors.push(LoadError {
            file: file.path.clone(),
            line,
            column,
            message: message.into(),
        });
    }

    fn error_at_start(&mut self, file: &DataFile, message: &str) {
        self.error(file, 0..0, message);
    }

    fn parse<T: DeserializeOwned>(&mut self, file: &DataFile) -> Option<T> {
        match toml::from_str::<T>(&file.text) {
            Ok(value) => Some(value),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                self.error(file, span, e.message().trim().to_owned());
                None
            }
        }
    }

    fn required<'f, T: DeserializeOwned>(&mut self, files: &'f [DataFile], name: &str) -> Option<(&'f DataFile, T)> {
        match files.iter().find(|f| f.path == name) {
            Some(file) => self.parse(file).map(|raw| (file, raw)),
            None => {
                self.errors.push(LoadError {
                    file: name.into(),
                    line: 1,
                    column: 1,
                    message: "this required file is missing".into(),
                });
                None
            }
        }
    }

    fn text(&mut self, file: &DataFile, raw: raw::Text) -> LocalizedText {
        let mut reviewed = Vec::new();
        for lang in raw.reviewed {
            match lang.get_ref().as_str() {
                "sv" | "en" => reviewed.push(lang.into_inner()),
                other => self.error(
                    file,
                    lang.span(),
                    format!("`reviewed` lists translations (sv, en), not {other:?}"),
                ),
            }
        }
        if raw.fi.get_ref().trim().is_empty() {
            self.error(
                file,
                raw.fi.span(),
                "the Finnish text is empty; Finnish is the source and is required",
            );
        }
        let mut translation = |text: Option<Spanned<String>>, code: &str| {
            let text = text?;
            if text.get_ref().trim().is_empty() {
                self.error(
                    file,
                    text.span(),
                    format!("the {code} translation is empty; leave it out to mark it missing"),
                );
            }
            Some(Translation {
                text: text.into_inner(),
                reviewed: reviewed.iter().any(|r| r == code),
            })
        };
        let sv = translation(raw.sv, "sv");
        let en = translation(raw.en, "en");
        LocalizedText {
            fi: raw.fi.into_inner(),
            sv,
            en,
        }
    }

    fn slug(&mut self, file: &DataFile, kind: &'static str, raw: Spanned<String>) -> Option<Slug> {
        let span = raw.span();
        match Slug::parse(raw.get_ref()) {
            Ok(slug) => {
                let here = format!("{}:{}", file.path, position(&file.text, span.start).0);
                if let Some(first) = self.slugs.insert((kind, slug.as_str().to_owned()), here) {
                    self.error(
                        file,
                        span,
                        format!("the {kind} slug {:?} is already used at {first}", slug.as_str()),
                    );
                }
                Some(slug)
            }
            Err(e) => {
                self.error(file, span, e.to_string());
                None
            }
        }
    }

    fn id<T>(
        &mut self,
        file: &DataFile,
        kind: &str,
        raw: &Spanned<u32>,
        make: fn(u32) -> Result<T, IdError>,
    ) -> Option<T> {
        let value = *raw.get_ref();
        let here = format!("{}:{}", file.path, position(&file.text, raw.span().start).0);
        let seen = match kind {
            "area" => &mut self.area_ids,
            "goal" => &mut self.goal_ids,
            "action" => &mut self.action_ids,
            "indicator" => &mut self.indicator_ids,
            _ => &mut self.programme_ids,
        };
        let duplicate = seen.insert(value, here);
        match (make(value), duplicate) {
            (Err(e), _) => {
                self.error(file, raw.span(), format!("{kind} id: {e}"));
                None
            }
            (Ok(_), Some(first)) => {
                self.error(
                    file,
                    raw.span(),
                    format!("the {kind} id {value} is already used at {first}"),
                );
                None
            }
            (Ok(id), None) => Some(id),
        }
    }

    fn date(&mut self, file: &DataFile, raw: Option<Spanned<Datetime>>) -> Option<NaiveDate> {
        let raw = raw?;
        let datetime = raw.get_ref();
        let date = match (datetime.date, datetime.time, datetime.offset) {
            (Some(d), None, None) => NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day)),
            _ => None,
        };
        if date.is_none() {
            self.error(file, raw.span(), "expected a plain date such as 2017-09-11");
        }
        date
    }

    /// `areas` is `None` when an area file failed to parse, so goal references cannot be checked.
    fn strategy(&mut self, file: &DataFile, raw: raw::StrategyFile, areas: Option<&[Area]>) -> Option<Strategy> {
        let status = match &raw.status {
            None => Some(VersionStatus::Approved),
            Some(s) => {
                let status = VersionStatus::parse(s.get_ref());
                if status.is_none() {
                    self.error(file, s.span(), "status must be draft, review, approved or superseded");
                }
                status
            }
        };
        if raw.version.get_ref().trim().is_empty() {
            self.error(file, raw.version.span(), "the version label is empty");
        }
        let approved_on = self.date(file, raw.approved_on);
        let city_slug = self.slug(file, "city", raw.city.slug);
        let city_name = self.text(file, raw.city.name);
        let values = raw
            .values
            .into_iter()
            .filter_map(|v| {
                let slug = self.slug(file, "value", v.slug);
                let name = self.text(file, v.name);
                let description = self.text(file, v.description);
                Some(Value {
                    slug: slug?,
                    name,
                    description,
                })
            })
            .collect();
        let known_goals: Option<Vec<GoalId>> =
            areas.map(|areas| areas.iter().flat_map(|a| a.goals.iter().map(|g| g.id)).collect());
        let headline_goals = raw
            .headline_goals
            .into_iter()
            .map(|h| {
                let goals = h
                    .goals
                    .iter()
                    .filter_map(|g| {
                        let id = GoalId::new(*g.get_ref())
                            .ok()
                            .filter(|id| known_goals.as_ref().is_none_or(|known| known.contains(id)));
                        if id.is_none() {
                            self.error(file, g.span(), format!("no council goal has the id {}", g.get_ref()));
                        }
                        id
                    })
                    .collect();
                HeadlineGoal {
                    text: self.text(file, h.text),
                    goals,
                }
            })
            .collect();
        Some(Strategy {
            city: City {
                slug: city_slug?,
                name: city_name,
            },
            version: raw.version.into_inner(),
            status: status?,
            approved_on,
            approved_by: self.text(file, raw.approved_by),
            council_term: raw.council_term.into_inner(),
            title: self.text(file, raw.title),
            tagline: self.text(file, raw.tagline),
            source: self.text(file, raw.source),
            vision: self.text(file, raw.vision),
            values,
            headline_goals,
            council_goals_intro: self.text(file, raw.council_goals_intro),
            areas: Vec::new(),
            programmes_intro: LocalizedText::finnish_only(String::new()),
            programmes: Vec::new(),
            narrative: Vec::new(),
            timeline: Vec::new(),
            lineage: Vec::new(),
        })
    }

    fn areas(&mut self, files: Vec<(&DataFile, raw::AreaFile)>) -> Vec<Area> {
        let mut areas: Vec<Area> = files
            .into_iter()
            .filter_map(|(file, raw)| {
                let id = self.id(file, "area", &raw.id, AreaId::new);
                let slug = self.slug(file, "area", raw.slug);
                let name = self.text(file, raw.name);
                let aim = self.text(file, raw.aim);
                let goals = raw.goals.into_iter().filter_map(|g| self.goal(file, g)).collect();
                Some(Area {
                    id: id?,
                    slug: slug?,
                    name,
                    aim,
                    goals,
                })
            })
            .collect();
        areas.sort_by_key(|a| a.id);
        areas
    }

    fn goal(&mut self, file: &DataFile, raw: raw::Goal) -> Option<Goal> {
        let id = self.id(file, "goal", &raw.id, GoalId::new);
        let slug = self.slug(file, "goal", raw.slug);
        let title = self.text(file, raw.title);
        let actions = raw
            .actions
            .into_iter()
            .filter_map(|a| {
                let id = self.id(file, "action", &a.id, ActionId::new);
                let title = self.text(file, a.title);
                Some(Action { id: id?, title })
            })
            .collect();
        Some(Goal {
            id: id?,
            slug: slug?,
            title,
            actions,
        })
    }

    fn programmes(&mut self, file: &DataFile, raw: raw::ProgrammesFile) -> (LocalizedText, Vec<Programme>) {
        let intro = self.text(file, raw.intro);
        let programmes = raw
            .programmes
            .into_iter()
            .filter_map(|p| {
                let id = self.id(file, "programme", &p.id, ProgrammeId::new);
                let slug = self.slug(file, "programme", p.slug);
                let name = self.text(file, p.name);
                let description = self.text(file, p.description);
                Some(Programme {
                    id: id?,
                    slug: slug?,
                    name,
                    description,
                })
            })
            .collect();
        (intro, programmes)
    }

    fn timeline(&mut self, file: &DataFile, raw: raw::TimelineFile) -> Vec<TimelineEvent> {
        raw.events
            .into_iter()
            .filter_map(|e| {
                let slug = self.slug(file, "timeline event", e.slug);
                let kind = EventKind::parse(e.kind.get_ref());
                if kind.is_none() {
                    self.error(
                        file,
                        e.kind.span(),
                        "kind must be participation, council, review or approval",
                    );
                }
                let ends_span = e.ends_on.as_ref().map(|d| d.span());
                let starts_on = self.date(file, e.starts_on);
                let ends_on = self.date(file, e.ends_on);
                if let (Some(start), Some(end), Some(span)) = (starts_on, ends_on, ends_span.clone()) {
                    if end < start {
                        self.error(file, span, "ends_on is before starts_on");
                    }
                }
                if let (None, Some(span)) = (starts_on, ends_span) {
                    self.error(file, span, "ends_on needs starts_on");
                }
                let title = self.text(file, e.title);
                let when = self.text(file, e.when);
                Some(TimelineEvent {
                    slug: slug?,
                    kind: kind?,
                    starts_on,
                    ends_on,
                    title,
                    when,
                })
            })
            .collect()
    }

    fn narrative(&mut self, files: Vec<(&DataFile, raw::ChapterFile)>) -> Vec<Chapter> {
        let mut positions: Seen<u32> = HashMap::new();
        let mut chapters: Vec<(u32, Chapter)> = files
            .into_iter()
            .filter_map(|(file, raw)| {
                let position_value = *raw.position.get_ref();
                let here = format!("{}:{}", file.path, position(&file.text, raw.position.span().start).0);
                if let Some(first) = positions.insert(position_value, here) {
                    self.error(
                        file,
                        raw.position.span(),
                        format!("chapter position {position_value} is already used at {first}"),
                    );
                }
                let slug = self.slug(file, "narrative", raw.slug);
                let title = self.text(file, raw.title);
                let body = raw.body.map(|b| self.text(file, b));
                let sections = raw
                    .sections
                    .into_iter()
                    .filter_map(|s| {
                        let slug = self.slug(file, "narrative", s.slug);
                        let title = self.text(file, s.title);
                        let body = self.text(file, s.body);
                        Some(Section {
                            slug: slug?,
                            title,
                            body,
                        })
                    })
                    .collect();
                Some((
                    position_value,
                    Chapter {
                        slug: slug?,
                        title,
                        body,
                        sections,
                    },
                ))
            })
            .collect();
        chapters.sort_by_key(|(position, _)| *position);
        chapters.into_iter().map(|(_, chapter)| chapter).collect()
    }
}
