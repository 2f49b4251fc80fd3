//! The strategy data files: the bundled Espoo-tarina 1.1 is complete, and bad files give errors that
//! name the file and the line while nothing is written.

mod common;

use std::path::Path;

use common::Backend;
use tarina::data::{self, DataFile, LoadError};
use tarina::domain::change::{Change, OnExisting};
use tarina::domain::Lang;

const DATA_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/espoo-tarina-1.1");

fn files() -> Vec<DataFile> {
    data::read_dir(Path::new(DATA_DIR)).expect("the data folder reads")
}

/// Applies `edit` to one file's text and loads the result, expecting failure.
fn errors_after(path: &str, edit: impl FnOnce(&str) -> String) -> Vec<LoadError> {
    let mut files = files();
    let file = files.iter_mut().find(|f| f.path == path).expect("file exists");
    let edited = edit(&file.text);
    assert_ne!(edited, file.text, "the edit changed nothing");
    file.text = edited;
    data::load(&files).expect_err("the edited data must not load").0
}

fn line_of(path: &str, needle: &str) -> usize {
    let text = files().into_iter().find(|f| f.path == path).unwrap().text;
    let offset = text.find(needle).expect("needle in file");
    text[..offset].matches('\n').count() + 1
}

#[test]
fn the_bundled_strategy_is_complete_and_matches_the_data_folder() {
    let strategy = data::bundled().expect("bundled data loads");
    assert_eq!(
        strategy,
        data::load(&files()).expect("the folder loads"),
        "the binary bundles exactly the folder"
    );
    let bundled: Vec<&str> = data::BUNDLED_FILES.iter().map(|(p, _)| *p).collect();
    let mut on_disk: Vec<String> = files().into_iter().map(|f| f.path).collect();
    on_disk.sort();
    let mut bundled_sorted: Vec<String> = bundled.iter().map(|p| p.to_string()).collect();
    bundled_sorted.sort();
    assert_eq!(bundled_sorted, on_disk, "every data file is bundled");

    assert_eq!(strategy.version, "1.1");
    assert_eq!(strategy.approved_on.unwrap().to_string(), "2017-09-11");
    assert_eq!(strategy.values.len(), 3);
    assert_eq!(strategy.headline_goals.len(), 9);
    assert_eq!(strategy.areas.len(), 4);
    assert_eq!(strategy.goals().count(), 42);
    assert_eq!(strategy.actions().count(), 113);
    assert_eq!(strategy.programmes.len(), 4);
    assert_eq!(strategy.timeline.len(), 10);
    for text in strategy.texts() {
        for lang in Lang::TRANSLATIONS {
            let translation = text
                .translation(lang)
                .unwrap_or_else(|| panic!("{lang} missing for {:?}", text.fi));
            assert!(
                !translation.reviewed,
                "translations are marked as not yet reviewed by the city"
            );
        }
        // Obvious OCR slips of the seed are fixed.
        for slip in ["Espeen", "Esposseen", "Espossa", "tytyväisyy", "käänämme"] {
            assert!(!text.fi.contains(slip), "{slip:?} in {:?}", text.fi);
        }
    }
    let actions_per_area: Vec<usize> = strategy
        .areas
        .iter()
        .map(|a| a.goals.iter().map(|g| g.actions.len()).sum())
        .collect();
    assert_eq!(actions_per_area, vec![38, 14, 40, 21]);
}

#[test]
fn a_toml_syntax_error_names_file_and_line() {
    let path = "areas/2-elinvoima-kilpailukyky-ja-tyollisyys.toml";
    let line = line_of(path, "slug = \"helpoin-paikka-investoida\"");
    let errors = errors_after(path, |t| {
        t.replace(
            "slug = \"helpoin-paikka-investoida\"",
            "slug = \"helpoin-paikka-investoida",
        )
    });
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].file, path);
    assert_eq!(errors[0].line, line);
    assert!(errors[0].to_string().starts_with(&format!("{path}:{line}:")));
}

#[test]
fn duplicate_ids_and_slugs_are_reported_with_both_places() {
    let path = "areas/4-talous-henkilosto-ja-johtaminen.toml";
    let errors = errors_after(path, |t| t.replacen("id = 35\n", "id = 1\n", 1));
    assert!(
        errors.iter().any(|e| e.file == path
            && e.message
                .contains("goal id 1 is already used at areas/1-sivistys-ja-hyvinvointi.toml:")),
        "{errors:?}"
    );

    let errors = errors_after(path, |t| {
        t.replace("slug = \"kokeilukulttuuri\"", "slug = \"koulurauha\"")
    });
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("slug \"koulurauha\" is already used")),
        "{errors:?}"
    );
}

#[test]
fn bad_values_are_rejected_where_they_stand() {
    let path = "areas/3-ymparisto-rakentaminen-ja-liikenne.toml";
    let line = line_of(path, "slug = \"koulut-kuntoon\"");
    let errors = errors_after(path, |t| {
        t.replace("slug = \"koulut-kuntoon\"", "slug = \"Koulut kuntoon\"")
    });
    assert_eq!(
        (errors[0].line, errors[0].message.contains("a slug may contain only")),
        (line, true),
        "{errors:?}"
    );

    let errors = errors_after(path, |t| t.replacen("id = 20\n", "id = 0\n", 1));
    assert!(errors[0].message.contains("goal id"), "{errors:?}");

    let errors = errors_after(path, |t| {
        t.replacen("title.fi = \"Koulut kuntoon:", "titel.fi = \"Koulut kuntoon:", 1)
    });
    assert!(
        errors[0].message.contains("titel"),
        "an unknown key is named: {errors:?}"
    );

    let errors = errors_after("programmes.toml", |t| {
        t.replacen("name.fi = \"Osallistuva Espoo\"", "name.fi = \"  \"", 1)
    });
    assert!(errors[0].message.contains("Finnish text is empty"), "{errors:?}");

    let errors = errors_after("strategy.toml", |t| t.replacen("goals = [35]", "goals = [35, 999]", 1));
    assert!(
        errors[0].message.contains("no council goal has the id 999"),
        "{errors:?}"
    );

    let errors = errors_after("timeline.toml", |t| {
        t.replacen("ends_on = 2016-10-31", "ends_on = 2016-01-31", 1)
    });
    assert!(errors[0].message.contains("ends_on is before starts_on"), "{errors:?}");

    let errors = errors_after("timeline.toml", |t| {
        t.replacen("kind = \"council\"", "kind = \"party\"", 1)
    });
    assert!(errors[0].message.contains("kind must be"), "{errors:?}");

    let errors = errors_after("strategy.toml", |t| {
        t.replacen("approved_on = 2017-09-11", "approved_on = 2017-09-11T10:00:00", 1)
    });
    assert!(errors[0].message.contains("plain date"), "{errors:?}");

    let errors = errors_after("strategy.toml", |t| {
        t.replacen("vision.sv = ", "vision.reviewed = [\"de\"]\nvision.sv = ", 1)
    });
    assert!(
        errors[0].message.contains("`reviewed` lists translations"),
        "{errors:?}"
    );
}

#[test]
fn bad_connector_settings_are_reported_where_they_stand() {
    let path = "cascade/indicators/04-vakiluku.toml";
    let line = line_of(path, "[connector]");
    let errors = errors_after(path, |t| t.replace("KU049 = \"espoo\"", "KU049 = \"kauklahti\""));
    assert_eq!(errors[0].line, line, "{errors:?}");
    assert!(
        errors[0]
            .message
            .contains("maps \"KU049\" to \"kauklahti\", which is not one of the indicator's regions"),
        "{errors:?}"
    );
    let errors = errors_after(path, |t| t.replace("interval = \"P1M\"", "interval = \"monthly\""));
    assert!(errors[0].message.contains("is not an ISO 8601 duration"), "{errors:?}");
    let errors = errors_after(path, |t| t.replace("kind = \"pxweb\"", "kind = \"ftp\""));
    assert!(errors[0].message.contains("unknown variant `ftp`"), "{errors:?}");
    let errors = errors_after(path, |t| t.replace("time = \"Vuosi\"", "period = \"Vuosi\""));
    assert!(errors[0].message.contains("unknown field `period`"), "{errors:?}");
}

#[test]
fn missing_and_unexpected_files_are_reported() {
    let mut files = files();
    files.retain(|f| f.path != "strategy.toml");
    files.push(DataFile {
        path: "notes.toml".into(),
        text: String::new(),
    });
    let errors = data::load(&files).unwrap_err().0;
    assert!(errors
        .iter()
        .any(|e| e.file == "strategy.toml" && e.message.contains("missing")));
    assert!(errors
        .iter()
        .any(|e| e.file == "notes.toml" && e.message.contains("not part of a strategy folder")));
}

#[test]
fn several_problems_are_all_reported_at_once() {
    let mut files = files();
    for file in &mut files {
        if file.path.starts_with("areas/1") {
            file.text = file.text.replace("slug = \"lukiot\"", "slug = \"LUKIOT\"");
        }
        if file.path == "programmes.toml" {
            file.text = file.text.replace("id = 4", "id = 1");
        }
    }
    let errors = data::load(&files).unwrap_err();
    assert!(errors.0.len() >= 2, "{errors}");
    assert!(errors.to_string().contains("2 problem(s)") || errors.0.len() > 2);
}

async fn seed_refuses_to_overwrite_unless_forced_and_bad_data_writes_nothing(backend: Backend) {
    let Some(db) = common::TestDb::new(backend).await else {
        return;
    };
    let run = |args: &[&str]| common::tarina(&db.url, args);

    let migrate = run(&["migrate"]);
    assert!(migrate.status.success(), "{migrate:?}");
    let first = run(&["seed"]);
    assert!(first.status.success(), "{first:?}");
    assert!(String::from_utf8_lossy(&first.stdout).contains("42 goals, 113 actions"));

    let again = run(&["seed"]);
    assert!(!again.status.success());
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.contains("already holds version 1.1") && stderr.contains("--force"),
        "{stderr}"
    );

    // A folder with one broken file: the command names it and the database keeps what it had.
    let broken = db.dir().join("broken");
    for file in files() {
        let target = broken.join(&file.path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        let text = if file.path == "programmes.toml" {
            file.text.replace("id = 2", "id = \"two\"")
        } else {
            file.text
        };
        std::fs::write(target, text).unwrap();
    }
    let bad = run(&["seed", "--force", "--data", broken.to_str().unwrap()]);
    assert!(!bad.status.success());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("programmes.toml:"), "{stderr}");

    let stored = db.store().await.current_strategy().await.unwrap().unwrap();
    assert_eq!(stored, data::bundled().unwrap());

    let forced = run(&["seed", "--force"]);
    assert!(forced.status.success(), "{forced:?}");
}

async fn a_failed_replace_keeps_the_previous_version_whole(backend: Backend) {
    let Some(db) = common::TestDb::new(backend).await else {
        return;
    };
    let store = db.store().await;
    let change = Change {
        actor: "test".into(),
        reason: "first".into(),
    };
    let original = data::bundled().unwrap();
    store
        .save_strategy(&original, OnExisting::Refuse, &change)
        .await
        .unwrap();

    // Two goals with one slug pass no loader, but a caller could build them; the database refuses them
    // midway through the write, and the transaction must undo everything, including the delete.
    let mut broken = original.clone();
    broken.areas[3].goals[0].slug = broken.areas[0].goals[0].slug.clone();
    broken.areas[0].goals[0].title.fi = "changed".into();
    let result = store.save_strategy(&broken, OnExisting::Replace, &change).await;
    assert!(result.is_err());
    assert_eq!(store.current_strategy().await.unwrap().unwrap(), original);
}

#[test]
fn a_bad_database_url_is_one_clear_line() {
    for (url, expected) in [
        ("mysql://localhost/x", "unsupported database URL"),
        (
            "sqlite:///nonexistent-folder/deeper/tarina.db",
            "cannot open the SQLite database",
        ),
        (
            "postgres://tarina@127.0.0.1:1/tarina",
            "cannot connect to the PostgreSQL database",
        ),
        ("postgres://tarina:secret@[::1/tarina", "not a valid PostgreSQL URL"),
    ] {
        let output = common::tarina(url, &["migrate"]);
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with("tarina: ") && stderr.contains(expected), "{stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(!stderr.contains("panicked") && !stderr.contains("secret"), "{stderr}");
    }
}

on_both_backends!(
    seed_refuses_to_overwrite_unless_forced_and_bad_data_writes_nothing,
    a_failed_replace_keeps_the_previous_version_whole,
);

#[tokio::test]
async fn server_flags_work_before_and_after_serve_and_sigterm_stops_it() {
    let db = common::TestDb::new(Backend::Sqlite).await.unwrap();
    for args in [
        vec!["--addr", "127.0.0.1:0"],
        vec!["serve", "--addr", "127.0.0.1:0"],
        vec!["--addr", "127.0.0.1:0", "serve"],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tarina"))
            .args(["--database", &db.url])
            .args(&args)
            .env_remove("TARINA_ADDR")
            .env("NO_COLOR", "1")
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
        // Starting may log what it brought in first (a bundled survey on a new database, say).
        let mut line = String::new();
        for _ in 0..10 {
            line.clear();
            std::io::BufRead::read_line(&mut stderr, &mut line).unwrap();
            if line.contains("Tarina is serving") {
                break;
            }
        }
        assert!(
            line.contains("Tarina is serving") && !line.contains(":8080"),
            "{args:?}: {line}"
        );
        let terminated = std::process::Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(terminated.success());
        assert!(child.wait().unwrap().success(), "{args:?}: a graceful stop exits 0");
    }
}
