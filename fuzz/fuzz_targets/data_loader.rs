//! Fuzzes the strategy data loader (`tarina::data::load`) with near-valid strategy folders.
//!
//! Input layout: the first byte picks one of the bundled Espoo-tarina files (`BUNDLED_FILES`) and what to
//! do with it; the rest of the input (as lossy UTF-8) becomes that file's new text. Every other bundled file
//! is passed unchanged, so the fuzzer explores TOML that is one edit away from a valid strategy.
//!
//! - `selector % N` (N = number of bundled files) is the file;
//! - `selector / N < 20`: the rest replaces the file's text;
//! - otherwise: the rest is `PATH\nTEXT`, replacing the file's path as well as its text, so unknown,
//!   duplicated and missing files are reached too.
//!
//! Checked: `load` never panics, and an `Err` lists at least one problem, each with line >= 1, column >= 1,
//! a line that exists in the named file, and a file that was among the inputs or a required name.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tarina::data::{load, DataFile, BUNDLED_FILES};

/// File names an error may carry without being among the inputs: the required files and the `areas/`
/// folder (for "a strategy needs at least one area file").
const REQUIRED: [&str; 4] = ["strategy.toml", "programmes.toml", "timeline.toml", "areas/"];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let n = BUNDLED_FILES.len();
    let index = usize::from(selector) % n;
    let rename = usize::from(selector) / n >= 20;
    let rest = String::from_utf8_lossy(rest);

    let mut files: Vec<DataFile> = BUNDLED_FILES
        .iter()
        .map(|(path, text)| DataFile {
            path: (*path).to_owned(),
            text: (*text).to_owned(),
        })
        .collect();
    if rename {
        let (path, text) = rest.split_once('\n').unwrap_or((&rest, ""));
        files[index] = DataFile {
            path: path.to_owned(),
            text: text.to_owned(),
        };
    } else {
        files[index].text = rest.into_owned();
    }

    let Err(errors) = load(&files) else {
        return;
    };
    assert!(!errors.0.is_empty(), "load failed without naming any problem");
    for error in &errors.0 {
        assert!(error.line >= 1, "line must be 1-based: {error:?}");
        assert!(error.column >= 1, "column must be 1-based: {error:?}");
        let inputs: Vec<&DataFile> = files.iter().filter(|f| f.path == error.file).collect();
        assert!(
            !inputs.is_empty() || REQUIRED.contains(&error.file.as_str()),
            "error names a file that was neither an input nor a required file: {error:?}"
        );
        if !inputs.is_empty() {
            // The reported line must exist in (one of) the file(s) of that name.
            assert!(
                inputs.iter().any(|f| error.line <= f.text.matches('\n').count() + 1),
                "error points past the end of its file: {error:?}"
            );
        }
        // Rendering the messages is what the CLI does with them.
        let _ = error.to_string();
    }
    let _ = errors.to_string();
});
