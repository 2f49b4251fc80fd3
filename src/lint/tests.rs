//! Tests of [`super`]: kept apart so that the module itself stays one idea.

use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::cascade::*;
use crate::domain::indicator::Direction;
use crate::domain::{GoalId, IndicatorId, Slug, TargetId, Translation};

fn text(fi: &str) -> LocalizedText {
    let reviewed = |t: &str| {
        Some(Translation {
            text: format!("{t} {fi}"),
            reviewed: true,
        })
    };
    LocalizedText {
        fi: fi.into(),
        sv: reviewed("sv"),
        en: reviewed("en"),
    }
}

fn slug(s: &str) -> Slug {
    Slug::parse(s).unwrap()
}

fn reference(value: f64) -> Reference {
    Reference {
        date: NaiveDate::from_ymd_opt(2021, 12, 31).unwrap(),
        value,
        basis: text("Strategia"),
        example: false,
        approximate: false,
        date_assumed: false,
    }
}

/// A strategy of one area with two goals, every text translated and reviewed.
fn strategy() -> Strategy {
    let mut strategy = crate::data::bundled().unwrap();
    strategy.areas.truncate(1);
    strategy.areas[0].goals.truncate(2);
    for goal in &mut strategy.areas[0].goals {
        goal.actions.clear();
    }
    strategy.values.clear();
    strategy.headline_goals.clear();
    strategy.programmes.clear();
    strategy.narrative.clear();
    strategy.timeline.clear();
    let s = &mut strategy;
    let area = &mut s.areas[0];
    for field in [
        &mut s.city.name,
        &mut s.approved_by,
        &mut s.title,
        &mut s.tagline,
        &mut s.source,
        &mut s.vision,
        &mut s.council_goals_intro,
        &mut s.programmes_intro,
        &mut area.name,
        &mut area.aim,
    ] {
        *field = text(&field.fi.clone());
    }
    for goal in &mut area.goals {
        goal.title = text(&goal.title.fi.clone());
    }
    strategy
}

/// A cascade that measures both goals of [`strategy`] in 2018: nothing to find.
fn cascade() -> Cascade {
    let provenance = Arc::new(Provenance {
        source: LocalizedText::finnish_only("Tilastokeskus"),
        entered_by: "test".into(),
        entered_at: Utc.with_ymd_and_hms(2019, 1, 1, 0, 0, 0).unwrap(),
        example: false,
    });
    let target = |id: u32, goal: u32| Target {
        id: TargetId::new(id).unwrap(),
        year: 2018,
        organisation: slug("espoo"),
        responsible: slug("espoo"),
        title: text(&format!("Tavoite {id}")),
        goals: vec![GoalId::new(goal).unwrap()],
        binding: false,
        indicators: vec![IndicatorId::new(1).unwrap()],
        assessment: None,
        copied_from: None,
        example: false,
        status: TargetStatus::Approved,
    };
    Cascade {
        organisations: vec![Organisation {
            slug: slug("espoo"),
            kind: OrgKind::City,
            parent: None,
            name: text("Espoon kaupunki"),
            valid_from: None,
            valid_to: None,
        }],
        regions: vec![Region {
            slug: slug("espoo"),
            kind: RegionKind::City,
            name: text("Espoo"),
        }],
        indicators: vec![Arc::new(Indicator {
            id: IndicatorId::new(1).unwrap(),
            slug: slug("tyollisyysaste"),
            name: text("Työllisyysaste"),
            definition: text("Työllisten osuus"),
            unit: text("%"),
            decimals: 1,
            direction: Direction::Increase,
            baseline: Some(reference(70.0)),
            target: Some(reference(75.0)),
            milestones: vec![],
            projections: vec![],
            source: text("Tilastokeskus"),
            licence: Some("CC BY 4.0".into()),
            frequency: Frequency::Annual,
            regions: vec![slug("espoo")],
            goals: vec![GoalId::new(1).unwrap()],
            series: vec![Series {
                region: slug("espoo"),
                values: Arc::new(vec![Measurement {
                    date: NaiveDate::from_ymd_opt(2018, 12, 31).unwrap(),
                    value: 72.0,
                    provenance,
                }]),
            }],
            corrections: vec![],
            connector: None,
        })],
        targets: vec![target(1, 1), target(2, 2)],
        action_progress: vec![],
        year_approvals: vec![],
    }
}

fn messages(findings: &[Finding]) -> Vec<String> {
    findings.iter().map(Finding::to_string).collect()
}

#[test]
fn a_complete_strategy_has_nothing_to_report() {
    let (strategy, cascade) = (strategy(), cascade());
    assert_eq!(strategy.goals().map(|(_, g)| g.id.get()).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(messages(&lint(&strategy, &cascade, None)), Vec::<String>::new());
    assert_eq!(messages(&lint(&strategy, &cascade, Some(2018))), Vec::<String>::new());
}

#[test]
fn goals_need_a_target_in_the_year_checked() {
    let strategy = strategy();
    let mut cascade = cascade();
    cascade.targets[1].year = 2019;
    // The latest year with targets is 2019, which has a target for goal 2 only.
    assert_eq!(
        messages(&lint(&strategy, &cascade, None)),
        ["error: council goal 1 “Varhaiskasvatus on laadukasta ja varhaiskasvatuksen…” has no target for 2019"]
    );
    assert_eq!(
        messages(&lint(&strategy, &cascade, Some(2018))),
        ["error: council goal 2 “Espoon oppimistulokset ovat Suomen parhaat.” has no target for 2018"]
    );
    assert_eq!(lint(&strategy, &cascade, Some(2030)).len(), 2);
    cascade.targets.clear();
    assert_eq!(
        messages(&lint(&strategy, &cascade, Some(2018))),
        ["error: there are no annual targets for any year, so no council goal has a target"]
    );
}

#[test]
fn targets_need_indicators() {
    let mut cascade = cascade();
    cascade.targets[1].indicators.clear();
    cascade.targets[1].year = 2017;
    cascade.targets[1].goals.push(GoalId::new(1).unwrap());
    // The 2017 target still counts for no goal in 2018, and its lack of indicators is reported.
    assert_eq!(
        messages(&lint(&strategy(), &cascade, None)),
        [
            "error: council goal 2 “Espoon oppimistulokset ovat Suomen parhaat.” has no target for 2018",
            "error: target 2 (2017) “Tavoite 2” has no indicators",
        ]
    );
}

#[test]
fn indicators_need_a_source_a_licence_and_a_target_value() {
    let mut cascade = cascade();
    let indicator = Arc::make_mut(&mut cascade.indicators[0]);
    indicator.source = LocalizedText::finnish_only(" ");
    indicator.licence = None;
    indicator.target = None;
    assert_eq!(
        messages(&lint(&strategy(), &cascade, None)),
        [
            "error: indicator 1 “Työllisyysaste” has no source",
            "error: indicator 1 “Työllisyysaste” has no licence stated",
            "error: indicator 1 “Työllisyysaste” has no target value, so no status can be judged",
        ]
    );
}

#[test]
fn missing_translations_are_warnings_and_unreviewed_ones_are_counted() {
    let mut strategy = strategy();
    strategy.vision.en = None;
    strategy.areas[0].goals[1].title.sv = None;
    strategy.areas[0].goals[1].title.en = None;
    let mut cascade = cascade();
    Arc::make_mut(&mut cascade.indicators[0]).unit.sv = None;
    cascade.targets[0].title.sv.as_mut().unwrap().reviewed = false;
    Arc::make_mut(&mut cascade.indicators[0])
        .name
        .en
        .as_mut()
        .unwrap()
        .reviewed = false;
    cascade.regions[0].name.en.as_mut().unwrap().reviewed = false;
    let findings = lint(&strategy, &cascade, None);
    assert!(findings.iter().all(|f| f.severity == Severity::Warning), "{findings:?}");
    let messages = messages(&findings);
    assert_eq!(messages.len(), 4, "{messages:?}");
    assert!(messages[0].starts_with("warning: strategy: the text “"), "{messages:?}");
    assert!(messages[0].ends_with("” has no en translation"), "{messages:?}");
    assert_eq!(
        messages[1..],
        [
            "warning: strategy: the text “Espoon oppimistulokset ovat Suomen parhaat.” has no sv or en translation",
            "warning: indicator 1 “Työllisyysaste”: the unit “%” has no sv translation",
            "warning: 3 translations are not reviewed by the city (sv 1, en 2); the site marks them as unreviewed",
        ]
    );
}

#[test]
fn long_names_are_cut_at_a_word() {
    assert_eq!(quoted("Lyhyt nimi"), "“Lyhyt nimi”");
    let long = "Investoinnit mitoitetaan valtuustokauden keskimääräiseen 280 M€:n vuositasoon, ja niin edelleen.";
    assert_eq!(
        quoted(long),
        "“Investoinnit mitoitetaan valtuustokauden keskimääräiseen 280…”"
    );
    assert_eq!(quoted(&"x".repeat(70)), format!("“{}…”", "x".repeat(60)));
}

#[test]
fn a_year_is_checked_for_its_own_goals_and_targets_only() {
    let strategy = strategy();
    let mut cascade = cascade();
    assert_eq!(year_errors(&strategy, &cascade, 2018), Vec::<String>::new());
    // Another year's target without indicators and an indicator without a licence are not the year's errors.
    let mut other = cascade.targets[0].clone();
    other.id = TargetId::new(3).unwrap();
    other.title = text("Tavoite 3");
    other.year = 2019;
    other.indicators.clear();
    cascade.targets.push(other);
    Arc::make_mut(&mut cascade.indicators[0]).licence = None;
    assert_eq!(year_errors(&strategy, &cascade, 2018), Vec::<String>::new());
    let errors = year_errors(&strategy, &cascade, 2019);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("council goal 2 ") && errors[0].ends_with("has no target for 2019"));
    assert!(errors[1].starts_with("target 3 (2019)") && errors[1].ends_with("has no indicators"));
}

#[test]
fn a_target_measured_only_irregularly_cannot_be_judged_in_time() {
    let strategy = strategy();
    let mut cascade = cascade();
    Arc::make_mut(&mut cascade.indicators[0]).frequency = Frequency::Irregular;
    let errors = year_errors(&strategy, &cascade, 2018);
    assert_eq!(
        errors.len(),
        2,
        "both targets are measured by the irregular indicator: {errors:?}"
    );
    assert!(errors.iter().all(
        |e| e.ends_with("has no indicator whose data arrives before the financial statements (all are irregular)")
    ));
    assert!(messages(&lint(&strategy, &cascade, Some(2018))).contains(&format!("error: {}", errors[0])));
}
