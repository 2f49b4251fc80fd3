//! Checks the cascade files (`cascade/…`) against each other and against the strategy's goals and actions.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use toml::value::Datetime;
use toml::Spanned;

use super::{position, Checker};
use crate::data::{raw_cascade as raw, DataFile};
use crate::domain::cascade::*;
use crate::domain::*;

/// Who entered values that come from data files.
pub const DATA_FILE_ACTOR: &str = "data-files";

impl Checker {
    /// `strategy` is `None` when the strategy files had errors: references cannot be checked then.
    pub(super) fn cascade(&mut self, files: &[DataFile], strategy: Option<&Strategy>) -> Cascade {
        let in_cascade: Vec<&DataFile> = files.iter().filter(|f| f.path.starts_with("cascade/")).collect();
        if in_cascade.is_empty() {
            return Cascade::default();
        }
        for file in &in_cascade {
            let known = file.path == "cascade/cascade.toml"
                || file.path == "cascade/actions.toml"
                || (file.path.starts_with("cascade/indicators/") || file.path.starts_with("cascade/targets/"))
                    && file.path.ends_with(".toml");
            if !known {
                self.error_at_start(file, "this file is not part of the cascade; expected cascade/cascade.toml, cascade/actions.toml, cascade/indicators/*.toml or cascade/targets/*.toml");
            }
        }
        let Some((file, main)) = self.required::<raw::CascadeFile>(files, "cascade/cascade.toml") else {
            return Cascade::default();
        };
        let recorded_at = self.instant(file, &main.recorded_at);
        let organisations = self.organisations(file, main.organisations);
        let regions = self.regions(file, main.regions);
        let known = Known::new(strategy, &organisations, &regions);
        let mut indicators: Vec<Indicator> = files
            .iter()
            .filter(|f| f.path.starts_with("cascade/indicators/"))
            .filter_map(|f| {
                let raw = self.parse::<raw::IndicatorFile>(f)?;
                self.indicator(f, raw, &known, recorded_at)
            })
            .collect();
        indicators.sort_by_key(|i| i.id);
        let indicator_ids: HashSet<IndicatorId> = indicators.iter().map(|i| i.id).collect();
        let mut targets = Vec::new();
        let mut target_ids: HashMap<u32, String> = HashMap::new();
        for f in files.iter().filter(|f| f.path.starts_with("cascade/targets/")) {
            if let Some(raw) = self.parse::<raw::TargetsFile>(f) {
                targets.extend(self.targets(f, raw, &known, &indicator_ids, &mut target_ids));
            }
        }
        targets.sort_by_key(|t: &Target| (t.year, t.id));
        let action_progress = match files.iter().find(|f| f.path == "cascade/actions.toml") {
            Some(f) => self
                .parse::<raw::ActionsFile>(f)
                .map(|raw| self.progress(f, raw, &known))
                .unwrap_or_default(),
            None => Vec::new(),
        };
        Cascade {
            organisations,
            regions,
            indicators: indicators.into_iter().map(std::sync::Arc::new).collect(),
            targets,
            action_progress,
            // Approvals are recorded as the council decides, in the database; data files hold none.
            year_approvals: Vec::new(),
        }
    }

    pub(super) fn keyword<T>(
        &mut self,
        file: &DataFile,
        raw: &Spanned<String>,
        what: &str,
        parse: fn(&str) -> Option<T>,
        keywords: String,
    ) -> Option<T> {
        let parsed = parse(raw.get_ref());
        if parsed.is_none() {
            self.error(
                file,
                raw.span(),
                format!("{what} must be one of {keywords}, not {:?}", raw.get_ref()),
            );
        }
        parsed
    }

    fn instant(&mut self, file: &DataFile, raw: &Spanned<Datetime>) -> Option<DateTime<Utc>> {
        let parsed = DateTime::parse_from_rfc3339(&raw.get_ref().to_string())
            .ok()
            .map(|d| d.with_timezone(&Utc));
        if parsed.is_none() {
            self.error(
                file,
                raw.span(),
                "expected a date and time with an offset, such as 2026-11-27T00:00:00Z",
            );
        }
        parsed
    }

    pub(super) fn required_date(&mut self, file: &DataFile, raw: Spanned<Datetime>) -> Option<NaiveDate> {
        self.date(file, Some(raw))
    }

    pub(super) fn reference_of(
        &mut self,
        file: &DataFile,
        kind: &str,
        slug: &Spanned<String>,
        known: &HashSet<String>,
    ) -> Option<Slug> {
        let found = known.contains(slug.get_ref().as_str());
        if !found {
            self.error(
                file,
                slug.span(),
                format!("no {kind} has the slug {:?}", slug.get_ref()),
            );
            return None;
        }
        Slug::parse(slug.get_ref()).ok()
    }

    fn organisations(&mut self, file: &DataFile, raws: Vec<raw::Organisation>) -> Vec<Organisation> {
        let mut seen = HashSet::new();
        let mut organisations = Vec::new();
        for raw in raws {
            let kind = self.keyword(file, &raw.kind, "kind", OrgKind::parse, OrgKind::keywords());
            let parent = match (&raw.parent, kind) {
                (None, Some(OrgKind::City)) => None,
                (Some(p), Some(OrgKind::City)) => {
                    self.error(file, p.span(), "the city is the root and has no parent");
                    None
                }
                (None, Some(_)) => {
                    self.error(file, raw.slug.span(), "every organisation but the city needs a parent");
                    None
                }
                (Some(p), _) => self.reference_of(file, "organisation listed earlier", p, &seen),
                (None, None) => None,
            };
            let name = self.text(file, raw.name);
            let to_span = raw.valid_to.as_ref().map(|d| d.span());
            let valid_from = self.date(file, raw.valid_from);
            let valid_to = self.date(file, raw.valid_to);
            if let (Some(from), Some(to), Some(span)) = (valid_from, valid_to, to_span) {
                if to < from {
                    self.error(file, span, format!("valid_to {to} is before valid_from {from}"));
                }
            }
            if let Some(slug) = self.slug(file, "organisation", raw.slug) {
                seen.insert(slug.as_str().to_owned());
                if let Some(kind) = kind {
                    organisations.push(Organisation {
                        slug,
                        kind,
                        parent,
                        name,
                        valid_from,
                        valid_to,
                    });
                }
            }
        }
        if organisations.iter().filter(|o| o.kind == OrgKind::City).count() > 1 {
            self.error_at_start(file, "only one organisation can be the city");
        }
        organisations
    }

    fn regions(&mut self, file: &DataFile, raws: Vec<raw::Region>) -> Vec<Region> {
        raws.into_iter()
            .filter_map(|raw| {
                let kind = self.keyword(file, &raw.kind, "kind", RegionKind::parse, RegionKind::keywords());
                let name = self.text(file, raw.name);
                let slug = self.slug(file, "region", raw.slug);
                Some(Region {
                    slug: slug?,
                    kind: kind?,
                    name,
                })
            })
            .collect()
    }

    pub(super) fn goal_refs(&mut self, file: &DataFile, raws: &[Spanned<u32>], known: &Known) -> Vec<GoalId> {
        raws.iter()
            .filter_map(|g| {
                let id = GoalId::new(*g.get_ref())
                    .ok()
                    .filter(|id| known.goals.as_ref().is_none_or(|k| k.contains(id)));
                if id.is_none() {
                    self.error(file, g.span(), format!("no council goal has the id {}", g.get_ref()));
                }
                id
            })
            .collect()
    }

    fn targets(
        &mut self,
        file: &DataFile,
        raw: raw::TargetsFile,
        known: &Known,
        indicators: &HashSet<IndicatorId>,
        ids: &mut HashMap<u32, String>,
    ) -> Vec<Target> {
        let year = *raw.year.get_ref();
        if !YEARS.contains(&year) {
            self.error(
                file,
                raw.year.span(),
                format!("the budget year must be from {} to {}", YEARS.start(), YEARS.end()),
            );
        }
        let status = match &raw.status {
            Some(status) => self.keyword(file, status, "status", TargetStatus::parse, TargetStatus::keywords()),
            None => Some(TargetStatus::Approved),
        }
        .unwrap_or(TargetStatus::Approved);
        raw.targets
            .into_iter()
            .filter_map(|t| {
                let here = format!("{}:{}", file.path, position(&file.text, t.id.span().start).0);
                let id = TargetId::new(*t.id.get_ref());
                if id.is_err() {
                    self.error(file, t.id.span(), "a target id is a whole number from 1 to 999999");
                }
                if let Some(first) = ids.insert(*t.id.get_ref(), here) {
                    self.error(
                        file,
                        t.id.span(),
                        format!("the target id {} is already used at {first}", t.id.get_ref()),
                    );
                }
                let organisation = self.organisation_of_year(file, &t.organisation, year, known);
                let responsible = match &t.responsible {
                    Some(r) => self.organisation_of_year(file, r, year, known),
                    None => organisation.clone(),
                };
                if t.goals.is_empty() {
                    self.error(file, t.id.span(), "a target must name at least one council goal");
                }
                let goals = self.goal_refs(file, &t.goals, known);
                let linked: Vec<IndicatorId> = t
                    .indicators
                    .iter()
                    .filter_map(|i| {
                        let id = IndicatorId::new(*i.get_ref()).ok().filter(|id| indicators.contains(id));
                        if id.is_none() {
                            self.error(file, i.span(), format!("no indicator has the id {}", i.get_ref()));
                        }
                        id
                    })
                    .collect();
                let title = self.text(file, t.title);
                let assessment = t.assessment.and_then(|a| {
                    let grade = self.keyword(file, &a.grade, "grade", Grade::parse, Grade::keywords());
                    let justification = self.text(file, a.justification);
                    Some(Assessment {
                        grade: grade?,
                        justification,
                    })
                });
                Some(Target {
                    id: id.ok()?,
                    year,
                    organisation: organisation?,
                    responsible: responsible?,
                    title,
                    goals,
                    binding: t.binding,
                    indicators: linked,
                    assessment,
                    copied_from: None,
                    example: t.example,
                    status,
                })
            })
            .collect()
    }

    /// An organisation a target of `year` names: it must exist, and must have existed in that year, so a
    /// target is never filed under a name from a later (or earlier) organisation.
    fn organisation_of_year(
        &mut self,
        file: &DataFile,
        slug: &Spanned<String>,
        year: i32,
        known: &Known,
    ) -> Option<Slug> {
        let Some(organisation) = known.organisations.get(slug.get_ref().as_str()) else {
            self.error(
                file,
                slug.span(),
                format!("no organisation has the slug {:?}", slug.get_ref()),
            );
            return None;
        };
        if !organisation.existed_in(year) {
            self.error(
                file,
                slug.span(),
                format!(
                    "the organisation {:?} did not exist in {year} (see its valid_from and valid_to)",
                    slug.get_ref()
                ),
            );
        }
        Some(organisation.slug.clone())
    }

    fn progress(&mut self, file: &DataFile, raw: raw::ActionsFile, known: &Known) -> Vec<ActionProgress> {
        let mut seen = HashSet::new();
        let mut progress: Vec<ActionProgress> = raw
            .progress
            .into_iter()
            .filter_map(|p| {
                let action = ActionId::new(*p.action.get_ref())
                    .ok()
                    .filter(|id| known.actions.as_ref().is_none_or(|k| k.contains(id)));
                if action.is_none() {
                    self.error(
                        file,
                        p.action.span(),
                        format!("no action has the id {}", p.action.get_ref()),
                    );
                } else if !seen.insert(*p.action.get_ref()) {
                    self.error(
                        file,
                        p.action.span(),
                        format!("progress for action {} is already given", p.action.get_ref()),
                    );
                }
                let state = self.keyword(file, &p.state, "state", ActionState::parse, ActionState::keywords());
                let percent = p.percent.as_ref().map(|v| *v.get_ref());
                if let (Some(v), Some(span)) = (percent, p.percent.as_ref().map(|v| v.span())) {
                    if v > 100 {
                        self.error(file, span, "percent must be from 0 to 100");
                    }
                }
                let as_of = self.required_date(file, p.as_of);
                let note = p.note.map(|n| self.text(file, n));
                Some(ActionProgress {
                    action: action?,
                    state: state?,
                    percent,
                    as_of: as_of?,
                    note,
                    example: p.example,
                })
            })
            .collect();
        progress.sort_by_key(|p| p.action);
        progress
    }
}

/// What cascade files may refer to.
pub(super) struct Known {
    pub(super) goals: Option<HashSet<GoalId>>,
    actions: Option<HashSet<ActionId>>,
    organisations: HashMap<String, Organisation>,
    pub(super) regions: HashSet<String>,
}

impl Known {
    fn new(strategy: Option<&Strategy>, organisations: &[Organisation], regions: &[Region]) -> Known {
        Known {
            goals: strategy.map(|s| s.areas.iter().flat_map(|a| a.goals.iter().map(|g| g.id)).collect()),
            actions: strategy.map(|s| {
                s.areas
                    .iter()
                    .flat_map(|a| a.goals.iter())
                    .flat_map(|g| g.actions.iter().map(|a| a.id))
                    .collect()
            }),
            organisations: organisations
                .iter()
                .map(|o| (o.slug.as_str().to_owned(), o.clone()))
                .collect(),
            regions: regions.iter().map(|r| r.slug.as_str().to_owned()).collect(),
        }
    }
}
