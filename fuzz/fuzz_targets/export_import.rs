//! Fuzzes the reading of export files (`tarina import FILE`): `tarina::store::Export::from_json`.
//!
//! The input is the file's text (lossy UTF-8). Checked: `from_json` never panics, and an export it accepts
//! writes back (`to_json`) to a text that it accepts again as the same export, as `export` then `import`
//! on another backend relies on.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tarina::store::Export;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(export) = Export::from_json(&text) else {
        return;
    };
    let written = export.to_json().expect("an accepted export serialises");
    let again = Export::from_json(&written).expect("a written export is accepted again");
    assert_eq!(again, export, "export -> import -> export changed the data");
});
