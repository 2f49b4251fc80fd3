//! The cascade's commands as a city's staff run them: `tarina indicators import FILE.csv`,
//! `tarina targets copy --from YEAR --to YEAR` and `tarina lint`, each against a real database.

mod common;

use std::path::PathBuf;
use std::process::Output;

use chrono::NaiveDate;
use common::{Backend, TestDb};
use tarina::domain::cascade::{Cascade, Target, TargetStatus};
use tarina::domain::change::{Change, OnExisting};
use tarina::domain::{GoalId, IndicatorId, LocalizedText, Slug, TargetId, Translation};

/// A fresh database of `backend` seeded with the bundled strategy; `None` when the backend is not configured.
async fn seeded(backend: Backend) -> Option<TestDb> {
    let db = TestDb::new(backend).await?;
    let output = common::tarina(&db.url, &["seed"]);
    assert!(output.status.success(), "{output:?}");
    Some(db)
}

fn write(db: &TestDb, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let file = db.dir().join(name);
    std::fs::write(&file, content).unwrap();
    file
}

fn import(db: &TestDb, file: &std::path::Path) -> Output {
    common::tarina(&db.url, &["indicators", "import", file.to_str().unwrap()])
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

async fn cascade(db: &TestDb) -> Cascade {
    db.store().await.cascade("espoo").await.unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// The value an indicator has in a region on a date, and the source it came from.
fn value_of(cascade: &Cascade, indicator: u32, region: &str, date: &str) -> Option<(f64, String)> {
    let indicator = cascade.indicator(IndicatorId::new(indicator).unwrap())?;
    let series = indicator.series(&Slug::parse(region).unwrap())?;
    let m = series.values.iter().find(|m| m.date == day(date))?;
    Some((m.value, m.provenance.source.fi.clone()))
}

async fn good_files_in_either_spreadsheet_dialect_record_their_values(backend: Backend) {
    let Some(db) = seeded(backend).await else { return };
    let before = cascade(&db).await;
    assert_eq!(value_of(&before, 2, "espoo", "2023-12-31"), None);

    // As a script or an English spreadsheet writes it: commas, decimal points, ids.
    let comma = write(
        &db,
        "arvot.csv",
        "indicator,region,date,value,source\n\
         2,espoo,2023-12-31,6.8,\"TEM, työnvälitystilasto\"\n\
         2,tapiola,2023-12-31,5.9,\"TEM, työnvälitystilasto\"\n",
    );
    let output = import(&db, &comma);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        stdout(&output).trim(),
        format!(
            "{0}: read as UTF-8, comma-separated, decimal points, dates as 2018-12-31\n\
             {0}: 2 value(s) read; 2 added, 0 corrected (the old values are kept in the history), 0 unchanged",
            comma.display()
        )
    );

    // As Finnish Excel saves "CSV UTF-8": a byte order mark, semicolons, decimal commas, CRLF; slugs, and
    // the columns in another order.
    let semicolon = write(
        &db,
        "excel.csv",
        "\u{feff}date;indicator;region;value;source\r\n\
         2023-12-31;tyollisyysaste;espoo;74,6;Tilastokeskus, työssäkäyntitilasto\r\n\
         2023-12-31;vakiluku;leppavaara;71234;Tilastokeskus, väestörakenne\r\n\
         ;;;;\r\n",
    );
    let output = import(&db, &semicolon);
    assert!(output.status.success(), "{output:?}");
    assert!(stdout(&output).contains("2 value(s) read; 2 added"), "{output:?}");
    assert!(
        stdout(&output)
            .contains("read as UTF-8 with a byte order mark, semicolon-separated, decimal commas, dates as 2018-12-31"),
        "{output:?}"
    );

    let after = cascade(&db).await;
    let tem = "TEM, työnvälitystilasto".to_owned();
    assert_eq!(value_of(&after, 2, "espoo", "2023-12-31"), Some((6.8, tem.clone())));
    assert_eq!(value_of(&after, 2, "tapiola", "2023-12-31"), Some((5.9, tem)));
    assert_eq!(
        value_of(&after, 1, "espoo", "2023-12-31"),
        Some((74.6, "Tilastokeskus, työssäkäyntitilasto".into()))
    );
    assert_eq!(
        value_of(&after, 4, "leppavaara", "2023-12-31"),
        Some((71234.0, "Tilastokeskus, väestörakenne".into()))
    );
    let count = |c: &Cascade| c.indicators.iter().map(|i| i.value_count()).sum::<usize>();
    assert_eq!(count(&after), count(&before) + 4);
    let entered_by = &after.indicator(IndicatorId::new(1).unwrap()).unwrap().series[0]
        .values
        .iter()
        .find(|m| m.date == day("2023-12-31"))
        .unwrap()
        .provenance
        .entered_by;
    assert_eq!(entered_by, "cli:indicators-import");
}

async fn a_corrected_value_keeps_the_old_one_with_its_provenance(backend: Backend) {
    let Some(db) = seeded(backend).await else { return };
    let first = write(
        &db,
        "ennakko.csv",
        "indicator;region;date;value;source\n1;espoo;2022-12-31;74,2;Tilastokeskus, ennakkotieto\n",
    );
    assert!(import(&db, &first).status.success());
    let corrected = write(
        &db,
        "lopullinen.csv",
        "indicator;region;date;value;source\n1;espoo;2022-12-31;74,5;Tilastokeskus, lopullinen\n",
    );
    let output = import(&db, &corrected);
    assert!(output.status.success(), "{output:?}");
    assert!(
        stdout(&output).contains("0 added, 1 corrected (the old values are kept in the history), 0 unchanged"),
        "{output:?}"
    );

    let after = cascade(&db).await;
    assert_eq!(
        value_of(&after, 1, "espoo", "2022-12-31"),
        Some((74.5, "Tilastokeskus, lopullinen".into()))
    );
    let indicator = after.indicator(IndicatorId::new(1).unwrap()).unwrap();
    assert_eq!(indicator.corrections.len(), 1, "{:?}", indicator.corrections);
    let old = &indicator.corrections[0];
    assert_eq!(
        (old.region.as_str(), old.date, old.value),
        ("espoo", day("2022-12-31"), 74.2)
    );
    assert_eq!(old.provenance.source.fi, "Tilastokeskus, ennakkotieto");
    assert_eq!(old.provenance.entered_by, "cli:indicators-import");
    assert_eq!(old.replaced_by, "cli:indicators-import");

    let log = db.store().await.export().await.unwrap().change_log;
    let last = log.last().unwrap();
    assert_eq!(last.actor, "cli:indicators-import");
    assert_eq!(last.reason, format!("tarina indicators import {}", corrected.display()));
    assert!(last.summary.contains("0 added, 1 corrected"), "{last:?}");
}

async fn imports_run_at_once_take_turns_and_lose_nothing(backend: Backend) {
    let Some(db) = seeded(backend).await else { return };
    let first = write(
        &db,
        "alku.csv",
        "indicator,region,date,value,source\n2,espoo,2023-12-31,6.0,TEM\n",
    );
    assert!(import(&db, &first).status.success());
    // Several staff members import at the same moment: each adds a value of its own and corrects the same one.
    const IMPORTS: usize = 4;
    let files: Vec<PathBuf> = (1..=IMPORTS)
        .map(|k| {
            let body = format!(
                "indicator,region,date,value,source\n2,espoo,2023-12-31,6.{k},TEM {k}\n2,espoo,{}-12-31,5.{k},TEM {k}\n",
                2030 + k
            );
            write(&db, &format!("arvot-{k}.csv"), body)
        })
        .collect();
    let commands: Vec<Vec<&str>> = files
        .iter()
        .map(|file| vec!["indicators", "import", file.to_str().unwrap()])
        .collect();
    for output in common::tarina_at_once(&db.url, &commands) {
        assert!(output.status.success(), "{output:?}");
    }

    let after = cascade(&db).await;
    for k in 1..=IMPORTS {
        let date = format!("{}-12-31", 2030 + k);
        assert_eq!(
            value_of(&after, 2, "espoo", &date),
            Some((5.0 + k as f64 / 10.0, format!("TEM {k}")))
        );
    }
    let (last, source) = value_of(&after, 2, "espoo", "2023-12-31").unwrap();
    assert_eq!(
        source,
        format!("TEM {}", (last * 10.0).round() as i64 - 60),
        "one import's value wins whole"
    );
    let indicator = after.indicator(IndicatorId::new(2).unwrap()).unwrap();
    let replaced: Vec<f64> = indicator.corrections.iter().map(|c| c.value).collect();
    assert_eq!(replaced.len(), IMPORTS, "every replaced value is kept: {replaced:?}");
    assert_eq!(
        replaced[0], 6.0,
        "the first correction replaced the value before the imports"
    );
}

async fn the_outline_is_the_cascade_without_its_values(backend: Backend) {
    let Some(db) = seeded(backend).await else { return };
    let file = write(
        &db,
        "arvot.csv",
        "indicator,region,date,value,source\n2,espoo,2023-12-31,6.8,TEM\n",
    );
    assert!(import(&db, &file).status.success());
    let corrected = write(
        &db,
        "korjaus.csv",
        "indicator,region,date,value,source\n2,espoo,2023-12-31,6.9,TEM\n",
    );
    assert!(import(&db, &corrected).status.success());
    let mut expected = cascade(&db).await;
    assert!(expected.indicators.iter().any(|i| !i.corrections.is_empty()));
    for indicator in &mut expected.indicators {
        let indicator = std::sync::Arc::make_mut(indicator);
        indicator.series.clear();
        indicator.corrections.clear();
    }
    assert_eq!(db.store().await.cascade_outline("espoo").await.unwrap(), expected);
    assert_eq!(
        db.store().await.cascade_outline("nowhere").await.unwrap(),
        Cascade::default()
    );
}

async fn importing_the_same_rows_again_changes_nothing(backend: Backend) {
    let Some(db) = seeded(backend).await else { return };
    let file = write(
        &db,
        "arvot.csv",
        "indicator,region,date,value,source\n2,espoo,2023-12-31,6.8,TEM\n2,tapiola,2023-12-31,5.9,TEM\n",
    );
    assert!(import(&db, &file).status.success());
    let store = db.store().await;
    let (version, cascade_before, log) = (
        store.data_version().await.unwrap(),
        cascade(&db).await,
        store.export().await.unwrap().change_log.len(),
    );
    let output = import(&db, &file);
    assert!(output.status.success(), "{output:?}");
    assert!(
        stdout(&output)
            .contains("2 value(s) read; 0 added, 0 corrected (the old values are kept in the history), 2 unchanged"),
        "{output:?}"
    );
    assert_eq!(store.data_version().await.unwrap(), version, "no write, so no reload");
    assert_eq!(cascade(&db).await, cascade_before);
    assert_eq!(store.export().await.unwrap().change_log.len(), log, "nothing to log");
}

async fn a_bad_file_reports_every_bad_row_and_writes_nothing(backend: Backend) {
    let Some(db) = seeded(backend).await else { return };
    let store = db.store().await;
    let (version, before) = (store.data_version().await.unwrap(), cascade(&db).await);
    let file = write(
        &db,
        "virheet.csv",
        "indicator;region;date;value;source\n\
         1;espoo;2022-12-31;74,2;Tilastokeskus\n\
         tyottomyysaste;kauklahti;2022-12-31;6,1;TEM\n\
         42;espoo;2022-12-31;1;TEM\n\
         1;espoo;2022-02-30;1;Tilastokeskus\n\
         1;espoo;2021-12-31;1 234,5;Tilastokeskus\n\
         1;espoo;2020-12-31;71,5;\n\
         1;espoo;2022-12-31;75;Tilastokeskus\n\
         1;espoo;2019-12-31\n\
         2;espoo;2022-12-31;inf;TEM\n",
    );
    let output = import(&db, &file);
    assert!(!output.status.success(), "{output:?}");
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr(&output);
    let f = file.display();
    for expected in [
        format!("tarina: {f} has 8 problem(s); nothing was imported:"),
        format!("{f}:3: column region: indicator 2 (tyottomyysaste) is not reported for \"kauklahti\"; its regions are espoo, leppavaara, tapiola, matinkyla-olari, espoonlahti, espoon-keskus"),
        format!("{f}:4: column indicator: no indicator has the id 42"),
        format!("{f}:5: column date: 2022-02-30 is not a date in the calendar"),
        format!("{f}:6: column value: \"1 234,5\" has a thousands separator"),
        format!("{f}:7: column source: is empty"),
        format!("{f}:8: the value of indicator 1 (tyollisyysaste) for espoo on 2022-12-31 is already given on line 2"),
        format!("{f}:9: the row has 3 field(s) but the header has 5"),
        format!("{f}:10: column value: \"inf\" is not a finite number"),
    ] {
        assert!(stderr.contains(&expected), "missing {expected:?} in:\n{stderr}");
    }
    assert!(!stderr.contains(&format!("{f}:2:")), "line 2 is good:\n{stderr}");
    assert_eq!(cascade(&db).await, before, "nothing written, not even the good row");
    assert_eq!(store.data_version().await.unwrap(), version);
}

async fn files_the_import_cannot_use_are_refused_with_a_reason(backend: Backend) {
    let Some(db) = seeded(backend).await else { return };
    let before = cascade(&db).await;
    // Mac Roman writes ö as 0x9A, which Windows-1252 reads as š: which one the file is cannot be told.
    let mac = write(
        &db,
        "mac.csv",
        b"indicator;region;date;value;source\n1;espoo;2022-12-31;74,2;Ty\x9allisyystilasto\n",
    );
    let cases = [
        (write(&db, "tyhja.csv", ""), ":1: the file is empty".to_owned()),
        (
            mac,
            ":2: the file is not UTF-8, and byte 0x9A means different letters in Windows-1252".to_owned(),
        ),
        (
            write(
                &db,
                "otsikko.csv",
                "mittari;alue;pvm;arvo;lähde\n1;espoo;2022-12-31;74,2;TK\n",
            ),
            ":1: the first line must name the columns indicator, region, date, value, source".to_owned(),
        ),
        (db.dir().join("puuttuu.csv"), "cannot read".to_owned()),
    ];
    for (file, expected) in cases {
        let output = import(&db, &file);
        assert!(!output.status.success());
        assert!(stderr(&output).contains(&expected), "{expected:?}: {output:?}");
    }
    assert_eq!(cascade(&db).await, before);

    // A database without a strategy has nothing to check the values against.
    let Some(empty) = TestDb::new(backend).await else {
        return;
    };
    let file = write(
        &empty,
        "arvot.csv",
        "indicator,region,date,value,source\n1,espoo,2022-12-31,1,TK\n",
    );
    let output = import(&empty, &file);
    assert!(
        stderr(&output).contains("the database holds no approved strategy"),
        "{output:?}"
    );
}

async fn targets_copy_copies_a_year_and_refuses_what_would_mix_plans(backend: Backend) {
    let Some(db) = seeded(backend).await else { return };
    let copy = |from: &str, to: &str| common::tarina(&db.url, &["targets", "copy", "--from", from, "--to", to]);

    let output = copy("2018", "2019");
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        stdout(&output).trim(),
        "copied 12 target(s) of 2018 to 2019, without their assessments"
    );
    let after = cascade(&db).await;
    let copies: Vec<&Target> = after.targets_of_year(2019).collect();
    assert_eq!(copies.len(), 12);
    for copy in &copies {
        let original = after
            .targets
            .iter()
            .find(|t| Some(t.id) == copy.copied_from)
            .expect("copied from a target");
        assert_eq!(original.year, 2018);
        assert_eq!(
            (&copy.title, &copy.goals, &copy.indicators),
            (&original.title, &original.goals, &original.indicators)
        );
        assert_eq!(copy.assessment, None);
    }
    let log = db.store().await.export().await.unwrap().change_log;
    assert_eq!(
        (log.last().unwrap().actor.as_str(), log.last().unwrap().reason.as_str()),
        ("cli:targets-copy", "tarina targets copy --from 2018 --to 2019")
    );

    for (from, to, code, expected) in [
        (
            "2018",
            "2019",
            1,
            "tarina: 2019 already has 12 target(s); copying would mix two plans",
        ),
        ("2017", "2020", 1, "tarina: there are no targets for 2017 to copy"),
        (
            "2018",
            "2018",
            1,
            "tarina: the years to copy from and to are the same (2018)",
        ),
        (
            "2018",
            "20019",
            2,
            "invalid value '20019' for '--to <YEAR>': a budget year is a year from 2000 to 2100",
        ),
        (
            "1999",
            "2020",
            2,
            "invalid value '1999' for '--from <YEAR>': a budget year is a year from 2000 to 2100",
        ),
    ] {
        let output = copy(from, to);
        assert_eq!(output.status.code(), Some(code), "{output:?}");
        assert!(stderr(&output).contains(expected), "{expected:?}: {output:?}");
    }
    assert_eq!(cascade(&db).await, after, "a refused copy changes nothing");
}

async fn lint_lists_what_the_bundled_data_lacks(backend: Backend) {
    let Some(db) = seeded(backend).await else { return };
    let output = common::tarina(&db.url, &["lint"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let report = stdout(&output);
    let lines: Vec<&str> = report.lines().collect();
    for expected in [
        "error: council goal 2 “Espoon oppimistulokset ovat Suomen parhaat.” has no target for 2018",
        "error: council goal 41 “Espoo on digitaalisten palvelujen ja älykkään kaupungin…” has no target for 2018",
        "error: target 4 (2018) “Varhaiskasvatuksen osallistumisaste nousee edellisestä…” has no indicators",
        "error: target 7 (2018) “Kiireettömälle lääkärin vastaanotolle pääsee kaikilla…” has no indicators",
        "error: indicator 8 “Koulujen ja päiväkotien sisäilmakohteet” has no licence stated",
        "warning: indicator 4 “Väkiluku” has only projections (the source's estimates), so it has no status",
        "warning: 682 translations are not reviewed by the city (sv 341, en 341); the site marks them as unreviewed",
    ] {
        assert!(lines.contains(&expected), "missing {expected:?} in:\n{report}");
    }
    // Goal 1 has a 2018 target (target 4), even if that target has no indicator yet.
    assert!(!report.contains("council goal 1 "), "{report}");
    assert_eq!(
        lines.last().copied(),
        Some("36 error(s), 3 warning(s) in version 1.1 of the espoo strategy (council goals checked against the targets of 2018)")
    );
    assert!(lines[..lines.len() - 1]
        .iter()
        .all(|l| l.starts_with("error: ") || l.starts_with("warning: ")));
    assert!(
        stderr(&output).contains("tarina: the lint found 36 error(s)"),
        "{output:?}"
    );

    // Against a year without targets, every goal is missing one.
    let output = common::tarina(&db.url, &["lint", "--year", "2019"]);
    assert_eq!(output.status.code(), Some(1));
    let goals = tarina::data::bundled().unwrap().goals().count();
    assert_eq!(stdout(&output).matches("has no target for 2019").count(), goals);
}

/// The bundled data completed: a 2018 target for every goal, an indicator for every target and a licence the
/// city has stated for every indicator.
fn completed() -> tarina::data::Dataset {
    let mut dataset = tarina::data::bundled_dataset().unwrap();
    let (strategy, cascade) = (&dataset.strategy, &mut dataset.cascade);
    for indicator in &mut cascade.indicators {
        std::sync::Arc::make_mut(indicator)
            .licence
            .get_or_insert_with(|| "CC BY 4.0".into());
    }
    let indicator = IndicatorId::new(1).unwrap();
    for target in &mut cascade.targets {
        if target.indicators.is_empty() {
            target.indicators.push(indicator);
        }
    }
    let mut next = cascade.targets.iter().map(|t| t.id.get()).max().unwrap();
    let translated = |text: &str| {
        Some(Translation {
            text: text.into(),
            reviewed: true,
        })
    };
    let uncovered: Vec<GoalId> = strategy
        .goals()
        .map(|(_, g)| g.id)
        .filter(|id| !cascade.targets.iter().any(|t| t.year == 2018 && t.goals.contains(id)))
        .collect();
    for goal in uncovered {
        next += 1;
        cascade.targets.push(Target {
            id: TargetId::new(next).unwrap(),
            year: 2018,
            organisation: Slug::parse("konsernihallinto").unwrap(),
            responsible: Slug::parse("konsernihallinto").unwrap(),
            title: LocalizedText {
                fi: format!("Tavoitteen {goal} tulostavoite"),
                sv: translated("Resultatmål"),
                en: translated("Performance target"),
            },
            goals: vec![goal],
            binding: false,
            indicators: vec![indicator],
            assessment: None,
            copied_from: None,
            example: true,
            status: TargetStatus::Approved,
        });
    }
    dataset
}

async fn lint_passes_a_complete_strategy(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else { return };
    let change = Change {
        actor: "test".into(),
        reason: "a strategy with nothing missing".into(),
    };
    db.store()
        .await
        .save_dataset(&completed(), OnExisting::Refuse, &change)
        .await
        .unwrap();
    let output = common::tarina(&db.url, &["lint"]);
    assert!(output.status.success(), "{output:?}");
    let report = stdout(&output);
    assert!(!report.contains("error:"), "{report}");
    assert!(
        report.trim_end().ends_with(
            "0 error(s), 3 warning(s) in version 1.1 of the espoo strategy (council goals checked against the targets of 2018)"
        ),
        "{report}"
    );
}

on_both_backends!(
    good_files_in_either_spreadsheet_dialect_record_their_values,
    a_corrected_value_keeps_the_old_one_with_its_provenance,
    importing_the_same_rows_again_changes_nothing,
    imports_run_at_once_take_turns_and_lose_nothing,
    the_outline_is_the_cascade_without_its_values,
    a_bad_file_reports_every_bad_row_and_writes_nothing,
    files_the_import_cannot_use_are_refused_with_a_reason,
    targets_copy_copies_a_year_and_refuses_what_would_mix_plans,
    lint_lists_what_the_bundled_data_lacks,
    lint_passes_a_complete_strategy,
);
