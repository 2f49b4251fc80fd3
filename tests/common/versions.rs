//! Strategy versions that the tests make from a copy of the bundled data, labelled as tests and never as a
//! decision of the city.

use std::path::Path;

use super::{tarina, Backend, TestApp};

pub const DATA_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/espoo-tarina-1.1");
pub const AREA_1: &str = "areas/1-sivistys-ja-hyvinvointi.toml";
pub const AREA_2: &str = "areas/2-elinvoima-kilpailukyky-ja-tyollisyys.toml";

/// The bundled data with `edit` applied to each file's text (by path), written to `dir`.
pub fn write_version(dir: &Path, edit: impl Fn(&str, String) -> String) {
    for file in tarina::data::read_dir(Path::new(DATA_DIR)).expect("the data folder reads") {
        let path = dir.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, edit(&file.path, file.text)).unwrap();
    }
}

pub fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} appears once");
    text.replacen(from, to, 1)
}

/// The second goal of area 1 (id 2, "oppimistulokset") with its actions, as its TOML block.
pub fn goal_2_block(area_1: &str) -> &str {
    let start = area_1.find("[[goals]]\nid = 2\n").expect("goal 2 is in area 1");
    let end = start + 1 + area_1[start + 1..].find("[[goals]]\n").expect("a goal follows goal 2");
    &area_1[start..end]
}

/// Version "1.2-test": a word changed in goal 1's Finnish title, an action added to goal 1, goal 2 moved
/// from area 1 to the end of area 2.
pub fn test_version(path: &str, text: String) -> String {
    match path {
        "strategy.toml" => replace_once(&text, "version = \"1.1\"", "version = \"1.2-test\""),
        AREA_1 => {
            let text = replace_once(&text, goal_2_block(&text), "");
            let text = replace_once(
                &text,
                "varhaiskasvatuksen osallistumisaste nousee.",
                "varhaiskasvatuksen osallistumisprosentti nousee.",
            );
            let action = "\n[[goals.actions]]\nid = 9001\ntitle.fi = \"Testitoimenpide, ei kaupungin päätös.\"\n";
            let after_action_4 = text.find("id = 4\n").unwrap();
            let insert_at = after_action_4 + text[after_action_4..].find("\n\n").unwrap();
            format!("{}\n{action}{}", &text[..insert_at], &text[insert_at..])
        }
        AREA_2 => {
            let original = std::fs::read_to_string(Path::new(DATA_DIR).join(AREA_1)).unwrap();
            format!("{text}\n{}", goal_2_block(&original))
        }
        _ => text,
    }
}

/// Stores a version from `dir` with `tarina seed --data DIR --force` (force: the cascade is the bundled one
/// again); panics with the command's output when it fails.
pub fn seed(app: &TestApp, dir: &Path) {
    let output = tarina(&app.db.url, &["seed", "--data", dir.to_str().unwrap(), "--force"]);
    assert!(
        output.status.success(),
        "seed failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

pub async fn with_test_version(backend: Backend) -> Option<TestApp> {
    let app = super::spawn(backend).await?;
    let dir = app.db.dir().join("version-1.2-test");
    write_version(&dir, test_version);
    seed(&app, &dir);
    assert!(
        app.eventually_contains("/api/v1/strategy", "\"version\":\"1.2-test\"")
            .await,
        "the server catches up with the new version"
    );
    Some(app)
}
