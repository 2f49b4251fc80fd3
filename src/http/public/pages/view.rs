//! Builds what each page shows, in one language, from the strategy; the templates only lay it out.

use serde::Serialize;

use super::cascade_view;
use super::parts::{excerpt, CascadePage, Link, Loc, Resolver};
use super::templates::Templates;
use crate::domain::{Area, Goal, Lang, Strategy};
use crate::http::routes::Page;
use crate::http::snapshot::Snapshot;
use crate::http::{AppError, AppState};

#[derive(Serialize)]
struct Crumb {
    href: Option<String>,
    label: String,
}

#[derive(Serialize)]
struct Alternate {
    lang: &'static str,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct NavItem {
    href: String,
    label_key: &'static str,
    current: bool,
}

/// The frame every page shares: head metadata, navigation, language switcher, breadcrumb.
#[derive(Serialize)]
struct Layout {
    lang: &'static str,
    site_name: String,
    page_title: String,
    description: String,
    alternates: Vec<Alternate>,
    nav: Vec<NavItem>,
    breadcrumbs: Vec<Crumb>,
    home_href: String,
    accessibility_href: String,
    api_href: String,
    surveys_href: String,
    /// Shown on Swedish and English pages whose content is not all reviewed by the city.
    notice: Option<&'static str>,
}

#[derive(Serialize)]
struct View<T: Serialize> {
    #[serde(flatten)]
    layout: Layout,
    #[serde(flatten)]
    page: T,
}

/// The main navigation: message id and target page.
fn nav_items() -> [(&'static str, Page); 7] {
    [
        ("nav-home", Page::Home),
        ("nav-areas", Page::Areas),
        ("nav-situation", Page::Situation),
        ("nav-indicators", Page::Indicators),
        ("nav-programmes", Page::Programmes),
        ("nav-narrative", Page::Narrative),
        ("nav-timeline", Page::Timeline),
    ]
}

/// The navigation item a page belongs under.
fn nav_section(page: &Page) -> Option<Page> {
    match page {
        Page::Home => Some(Page::Home),
        Page::Areas | Page::Area(_) | Page::Goal(_) | Page::Action(_) => Some(Page::Areas),
        Page::Programmes | Page::Programme(_) => Some(Page::Programmes),
        Page::Narrative => Some(Page::Narrative),
        Page::Timeline => Some(Page::Timeline),
        Page::Indicators | Page::IndicatorsPage(_) | Page::Indicator(_) => Some(Page::Indicators),
        Page::Situation | Page::Annexes | Page::Annex(_) => Some(Page::Situation),
        Page::Accessibility
        | Page::ApiDocs
        | Page::Versions
        | Page::Version(_)
        | Page::VersionDiff { .. }
        | Page::Surveys
        | Page::Survey(_)
        | Page::SurveyResults(_) => None,
    }
}

pub(super) struct Frame<'a> {
    pub(super) lang: Lang,
    pub(super) page: &'a Page,
    pub(super) site_name: String,
    pub(super) title: String,
    pub(super) description: String,
    /// Between Home and the current page.
    pub(super) trail: Vec<(String, Page)>,
}

fn layout(frame: Frame<'_>, templates: &Templates, resolver: &Resolver) -> Layout {
    let Frame {
        lang,
        page,
        site_name,
        title,
        description,
        trail,
    } = frame;
    let section = nav_section(page);
    let mut breadcrumbs = vec![Crumb {
        href: Some(Page::Home.path(lang)),
        label: templates.message(lang, "nav-home"),
    }];
    breadcrumbs.extend(trail.into_iter().map(|(label, p)| Crumb {
        href: Some(p.path(lang)),
        label,
    }));
    if *page != Page::Home {
        breadcrumbs.push(Crumb {
            href: None,
            label: title.clone(),
        });
    }
    Layout {
        lang: lang.code(),
        page_title: if *page == Page::Home {
            site_name.clone()
        } else {
            format!("{title} – {site_name}")
        },
        site_name,
        description,
        alternates: Lang::ALL
            .into_iter()
            .map(|l| Alternate {
                lang: l.code(),
                href: page.path(l),
                current: l == lang,
            })
            .collect(),
        nav: nav_items()
            .into_iter()
            .map(|(key, target)| NavItem {
                href: target.path(lang),
                current: section.as_ref() == Some(&target),
                label_key: key,
            })
            .collect(),
        breadcrumbs,
        home_href: Page::Home.path(lang),
        accessibility_href: Page::Accessibility.path(lang),
        api_href: Page::ApiDocs.path(lang),
        surveys_href: Page::Surveys.path(lang),
        notice: resolver.notice(),
    }
}

#[derive(Serialize)]
struct GoalSummary {
    id: u32,
    href: String,
    title: Loc,
    action_count: usize,
}

fn goal_summary(r: &Resolver, goal: &Goal) -> GoalSummary {
    GoalSummary {
        id: goal.id.get(),
        href: Page::Goal(goal.slug.to_string()).path(r.lang),
        title: r.loc(&goal.title),
        action_count: goal.actions.len(),
    }
}

#[derive(Serialize)]
struct AreaSummary {
    href: String,
    name: Loc,
    aim: Loc,
    goals: Vec<GoalSummary>,
}

fn area_summary(r: &Resolver, area: &Area) -> AreaSummary {
    AreaSummary {
        href: Page::Area(area.slug.to_string()).path(r.lang),
        name: r.loc(&area.name),
        aim: r.loc(&area.aim),
        goals: area.goals.iter().map(|g| goal_summary(r, g)).collect(),
    }
}

/// Renders one public page; `NotFound` when the page's slug names nothing.
pub fn render_page(state: &AppState, snapshot: &Snapshot, lang: Lang, page: &Page) -> Result<String, AppError> {
    let strategy: &Strategy = &snapshot.strategy;
    let cascade = &snapshot.published;
    let r = Resolver::new(lang);
    let t = &state.templates;
    let site_name = r.plain(&strategy.title);
    let not_found = || AppError::not_found("problem-detail-no-page", "");
    let frame = |title: String, description: String, trail: Vec<(String, Page)>| Frame {
        lang,
        page,
        site_name: site_name.clone(),
        title,
        description,
        trail,
    };
    let areas_crumb = || (t.message(lang, "nav-areas"), Page::Areas);
    let (template, frame, body): (&str, Frame<'_>, serde_json::Value) = match page {
        Page::Home => {
            let body = serde_json::json!({
                "tagline": r.loc(&strategy.tagline),
                "version": strategy.version,
                "versions_href": Page::Versions.path(lang),
                "approved_on": strategy.approved_on.map(|d| d.format("%-d.%-m.%Y").to_string()),
                "approved_on_iso": strategy.approved_on.map(|d| d.to_string()),
                "approved_by": r.loc(&strategy.approved_by),
                "council_term": strategy.council_term,
                "vision": r.loc(&strategy.vision),
                "values": strategy.values.iter().map(|v| serde_json::json!({
                    "name": r.loc(&v.name), "description": r.loc(&v.description)
                })).collect::<Vec<_>>(),
                "headline_goals": strategy.headline_goals.iter().map(|h| serde_json::json!({
                    "text": r.loc(&h.text),
                    "goals": h.goals.iter().filter_map(|id| strategy.goal(*id)).map(|(_, g)| goal_summary(&r, g)).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "areas": strategy.areas.iter().map(|a| area_summary(&r, a)).collect::<Vec<_>>(),
                "programmes": strategy.programmes.iter().map(|p| Link {
                    href: Page::Programme(p.slug.to_string()).path(lang), label: r.loc(&p.name)
                }).collect::<Vec<_>>(),
                "narrative_href": Page::Narrative.path(lang),
                "timeline_href": Page::Timeline.path(lang),
                "source": r.loc(&strategy.source),
            });
            let description = r.plain(&strategy.vision);
            ("home.html", frame(site_name.clone(), description, vec![]), body)
        }
        Page::Areas => {
            let body = serde_json::json!({
                "intro": r.loc(&strategy.council_goals_intro),
                "council_term": strategy.council_term,
                "areas": strategy.areas.iter().map(|a| area_summary(&r, a)).collect::<Vec<_>>(),
            });
            let title = t.message(lang, "areas-title");
            (
                "areas.html",
                frame(title, excerpt(&r.plain(&strategy.council_goals_intro)), vec![]),
                body,
            )
        }
        Page::Area(slug) => {
            let area = strategy.area_by_slug(slug).ok_or_else(not_found)?;
            let body = serde_json::json!({ "area": area_summary(&r, area), "council_term": strategy.council_term });
            let title = r.plain(&area.name);
            (
                "area.html",
                frame(title, excerpt(&r.plain(&area.aim)), vec![areas_crumb()]),
                body,
            )
        }
        Page::Goal(slug) => {
            let (area, goal) = strategy.goal_by_slug(slug).ok_or_else(not_found)?;
            let goals: Vec<&Goal> = strategy.goals().map(|(_, g)| g).collect();
            let index = goals.iter().position(|g| g.id == goal.id).unwrap_or(0);
            let neighbour = |g: Option<&&Goal>| g.map(|g| goal_summary(&r, g));
            let body = serde_json::json!({
                "goal": goal_summary(&r, goal),
                "number": index + 1,
                "total": goals.len(),
                "actions": goal.actions.iter().map(|a| serde_json::json!({
                    "id": a.id.get(), "title": r.loc(&a.title), "href": Page::Action(a.id.to_string()).path(lang),
                })).collect::<Vec<_>>(),
                "area": Link { href: Page::Area(area.slug.to_string()).path(lang), label: r.loc(&area.name) },
                "cascade": cascade_view::goal_cascade(&r, cascade, goal),
                "previous": neighbour(index.checked_sub(1).and_then(|i| goals.get(i))),
                "next": neighbour(goals.get(index + 1)),
                "council_term": strategy.council_term,
            });
            let title = r.plain(&goal.title);
            let trail = vec![areas_crumb(), (r.plain(&area.name), Page::Area(area.slug.to_string()))];
            ("goal.html", frame(title.clone(), excerpt(&title), trail), body)
        }
        Page::Programmes => {
            let body = serde_json::json!({
                "intro": r.loc(&strategy.programmes_intro),
                "programmes": strategy.programmes.iter().map(|p| serde_json::json!({
                    "href": Page::Programme(p.slug.to_string()).path(lang),
                    "name": r.loc(&p.name),
                    "description": r.loc(&p.description),
                })).collect::<Vec<_>>(),
            });
            let title = t.message(lang, "programmes-title");
            (
                "programmes.html",
                frame(title, excerpt(&r.plain(&strategy.programmes_intro)), vec![]),
                body,
            )
        }
        Page::Programme(slug) => {
            let programme = strategy.programme_by_slug(slug).ok_or_else(not_found)?;
            let body = serde_json::json!({
                "name": r.loc(&programme.name),
                "description": r.paragraphs(&programme.description),
                "intro": r.loc(&strategy.programmes_intro),
            });
            let trail = vec![(t.message(lang, "programmes-title"), Page::Programmes)];
            let title = r.plain(&programme.name);
            (
                "programme.html",
                frame(title, excerpt(&r.plain(&programme.description)), trail),
                body,
            )
        }
        Page::Narrative => {
            let body = serde_json::json!({
                "chapters": strategy.narrative.iter().map(|c| serde_json::json!({
                    "slug": c.slug,
                    "title": r.loc(&c.title),
                    "body": c.body.as_ref().map(|b| r.paragraphs(b)).unwrap_or_default(),
                    "sections": c.sections.iter().map(|s| serde_json::json!({
                        "slug": s.slug, "title": r.loc(&s.title), "body": r.paragraphs(&s.body)
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            });
            let title = t.message(lang, "narrative-title");
            let description = t.message(lang, "narrative-description");
            ("narrative.html", frame(title, description, vec![]), body)
        }
        Page::Timeline => {
            let body = serde_json::json!({
                "events": strategy.timeline.iter().map(|e| serde_json::json!({
                    "title": r.loc(&e.title),
                    "when": r.loc(&e.when),
                    "datetime": e.starts_on.map(|d| d.to_string()),
                    "kind_key": format!("event-kind-{}", e.kind.as_str()),
                })).collect::<Vec<_>>(),
            });
            let title = t.message(lang, "timeline-title");
            let description = t.message(lang, "timeline-description");
            ("timeline.html", frame(title, description, vec![]), body)
        }
        Page::Accessibility => {
            let body = serde_json::json!({ "contact": state.site.accessibility_contact });
            let title = t.message(lang, "a11y-title");
            let description = t.message(lang, "a11y-description");
            ("accessibility.html", frame(title, description, vec![]), body)
        }
        Page::Indicators
        | Page::IndicatorsPage(_)
        | Page::Indicator(_)
        | Page::Situation
        | Page::Annexes
        | Page::Annex(_) => {
            let CascadePage {
                template,
                title,
                description,
                trail,
                body,
            } = cascade_view::render(&r, t, strategy, cascade, &snapshot.checked, page).ok_or_else(not_found)?;
            (template, frame(title, description, trail), body)
        }
        Page::ApiDocs => {
            let document: serde_json::Value =
                serde_json::from_slice(snapshot.openapi.body()).map_err(anyhow::Error::from)?;
            let body = serde_json::json!({ "operations": crate::http::public::api::operations(&document) });
            let title = t.message(lang, "api-title");
            let description = t.message(lang, "api-description");
            ("api.html", frame(title, description, vec![]), body)
        }
        // Read from the store, not the snapshot: see `diff_page`, `versions_page` and `action_page`.
        // Rendered per request by pages of their own, never from the snapshot.
        Page::Versions
        | Page::Version(_)
        | Page::VersionDiff { .. }
        | Page::Action(_)
        | Page::Surveys
        | Page::Survey(_)
        | Page::SurveyResults(_) => return Err(not_found()),
    };
    let layout = layout(frame, t, &r);
    Ok(t.render(template, View { layout, page: body })?)
}

/// Renders a page built outside this module in the shared frame; `r` is the resolver its texts came from,
/// so the frame says when some were missing or unreviewed.
pub(super) fn render_framed<T: Serialize>(
    t: &Templates,
    r: &Resolver,
    frame: Frame<'_>,
    template: &str,
    body: T,
) -> Result<String, AppError> {
    let layout = layout(frame, t, r);
    Ok(t.render(template, View { layout, page: body })?)
}

impl Templates {
    /// The friendly error page, in the language of the address that failed.
    pub fn error_page(&self, lang: Lang, status: u16, title: &str, detail: &str) -> anyhow::Result<String> {
        let r = Resolver::new(lang);
        let frame = Frame {
            lang,
            page: &Page::Home,
            site_name: self.message(lang, "site-name"),
            title: title.to_owned(),
            description: detail.to_owned(),
            trail: vec![],
        };
        let mut layout = layout(frame, self, &r);
        layout.page_title = format!("{title} – {}", layout.site_name);
        layout.breadcrumbs.clear();
        for item in &mut layout.nav {
            item.current = false;
        }
        let body = serde_json::json!({ "status": status, "title": title, "detail": detail });
        self.render("error.html", View { layout, page: body })
    }
}
