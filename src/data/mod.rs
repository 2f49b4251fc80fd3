//! Loads a strategy from its human-readable data files (TOML), checking everything before anything is
//! written: a bad file gives errors that name the file and the line, and the caller stores nothing.
//!
//! Layout of a strategy folder:
//! - `strategy.toml`: version, approval, city, vision, values, headline goals;
//! - `programmes.toml`: the cross-administrative development programmes;
//! - `timeline.toml`: how the strategy was prepared;
//! - `areas/*.toml`: one file per area with its aim, goals and actions;
//! - `narrative/*.toml`: one file per chapter of the narrative;
//! - `cascade/` (optional): `cascade.toml` (organisations, regions), `indicators/*.toml` (one indicator with its
//!   values per file), `targets/*.toml` (one budget year per file), `actions.toml` (reported action progress).

mod bundled;
mod convert;
mod raw;
mod raw_cascade;

use std::fmt;
use std::path::Path;

use anyhow::Context as _;

use crate::domain::Strategy;

pub use bundled::{BUNDLED_FILES, BUNDLED_SURVEYS};
pub use convert::DATA_FILE_ACTOR;

pub use crate::domain::Dataset;

/// A data file's path relative to the strategy folder, and its text.
#[derive(Debug, Clone)]
pub struct DataFile {
    pub path: String,
    pub text: String,
}

/// One problem in one data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

/// Every problem found in a strategy folder; loading fails as a whole when there is any.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadErrors(pub Vec<LoadError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "the strategy data has {} problem(s):", self.0.len())?;
        for error in &self.0 {
            writeln!(f, "  {error}")?;
        }
        Ok(())
    }
}

/// The strategy that ships inside the binary: Espoo-tarina 1.1.
pub fn bundled() -> Result<Strategy, LoadErrors> {
    bundled_dataset().map(|d| d.strategy)
}

/// The strategy and cascade that ship inside the binary.
pub fn bundled_dataset() -> Result<Dataset, LoadErrors> {
    let files = BUNDLED_FILES
        .iter()
        .map(|(path, text)| DataFile {
            path: (*path).to_owned(),
            text: (*text).to_owned(),
        })
        .collect::<Vec<_>>();
    load_dataset(&files)
}

/// Reads every `.toml` file of a strategy folder (and its `areas/` and `narrative/` subfolders).
pub fn read_dir(dir: &Path) -> anyhow::Result<Vec<DataFile>> {
    let mut files = Vec::new();
    for sub in [
        "",
        "areas",
        "narrative",
        "cascade",
        "cascade/indicators",
        "cascade/targets",
    ] {
        let folder = dir.join(sub);
        if sub.is_empty() || folder.is_dir() {
            let entries =
                std::fs::read_dir(&folder).with_context(|| format!("cannot read the folder {}", folder.display()))?;
            for entry in entries {
                let path = entry?.path();
                if path.extension().is_some_and(|e| e == "toml") {
                    let text =
                        std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
                    let relative = if sub.is_empty() {
                        file_name(&path)
                    } else {
                        format!("{sub}/{}", file_name(&path))
                    };
                    files.push(DataFile { path: relative, text });
                }
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Parses and checks a whole strategy folder.
pub fn load(files: &[DataFile]) -> Result<Strategy, LoadErrors> {
    load_dataset(files).map(|d| d.strategy)
}

/// Parses and checks a whole data folder, cascade included.
pub fn load_dataset(files: &[DataFile]) -> Result<Dataset, LoadErrors> {
    convert::build(files)
}
