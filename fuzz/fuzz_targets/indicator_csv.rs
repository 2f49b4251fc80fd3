//! Fuzzes the reading of indicator value files (`tarina indicators import FILE`, the staff upload page):
//! `tarina::values::parse_file` and `parse_csv` against the bundled Espoo-tarina cascade.
//!
//! Bytes that begin as a ZIP archive go to the XLSX reader, and those of another known kind of file (PNG,
//! PDF, …) are refused as such; both are checked as below, their problems on any row of the sheet.
//!
//! The input is the file's bytes. `parse_file` must read them exactly as `parse_csv` reads the text `decode`
//! makes of them (UTF-8, or unambiguous Windows-1252), apart from the encoding it reports; bytes `decode`
//! refuses must be refused by `parse_file` with that one encoding problem, and their lossy UTF-8 text goes
//! to `parse_csv` too, so the fuzzer reaches the rows from either side.
//!
//! Checked: nothing panics. An `Ok` holds at least one value, and every value names an existing indicator
//! and one of that indicator's regions, a finite value, a date within `VALUE_YEARS` and a non-empty,
//! trimmed source, with no indicator, region and date twice; so the import can only ever write rows that
//! refer to what exists. An `Err` names at least one problem, each on a line of the file, with a reason,
//! and renders as the command line shows it.
#![no_main]

use std::collections::HashSet;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tarina::domain::cascade::Cascade;
use tarina::values::{decode, parse_csv, parse_file, CsvErrors, Read, Reason, RowError, VALUE_YEARS};

fn cascade() -> &'static Cascade {
    static CASCADE: OnceLock<Cascade> = OnceLock::new();
    CASCADE.get_or_init(|| tarina::data::bundled_dataset().expect("the bundled data loads").cascade)
}

/// Checks an outcome whose problems are on lines 1 to `lines`.
fn check(lines: usize, outcome: Result<Read, Vec<RowError>>) {
    match outcome.map(|read| read.values) {
        Ok(values) => {
            assert!(!values.is_empty(), "accepted a file without values");
            let mut seen = HashSet::new();
            for value in &values {
                let indicator = cascade()
                    .indicator(value.indicator)
                    .unwrap_or_else(|| panic!("accepted an unknown indicator: {value:?}"));
                assert!(
                    indicator.regions.contains(&value.region),
                    "accepted a region the indicator lacks: {value:?}"
                );
                assert!(
                    cascade().region(&value.region).is_some(),
                    "accepted an unknown region: {value:?}"
                );
                assert!(
                    value.value.is_finite(),
                    "accepted a value that is not finite: {value:?}"
                );
                assert!(
                    VALUE_YEARS.contains(&chrono::Datelike::year(&value.date)),
                    "accepted {value:?}"
                );
                assert!(
                    !value.source.is_empty() && value.source.trim() == value.source,
                    "source: {value:?}"
                );
                assert!(
                    seen.insert((value.indicator, value.region.clone(), value.date)),
                    "accepted the same indicator, region and date twice: {value:?}"
                );
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "refused a file without naming any problem");
            for error in &errors {
                assert!(
                    error.line >= 1 && error.line <= lines,
                    "line {} of {lines}: {error:?}",
                    error.line
                );
                assert!(
                    !error.reason.to_string().is_empty(),
                    "a problem without a reason: {error:?}"
                );
            }
            let shown = CsvErrors {
                file: "values.csv".into(),
                errors,
            }
            .to_string();
            assert!(shown.starts_with("values.csv has "), "{shown}");
        }
    }
}

/// The lines of a text: line breaks of any kind; the reader counts `\n`, and a lone `\r` at most adds lines.
fn lines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() + 1
}

fuzz_target!(|data: &[u8]| {
    let from_file = parse_file(data, cascade());
    let other_kind = matches!(
        from_file.as_ref().err().map(Vec::as_slice),
        Some([RowError {
            reason: Reason::NotAValuesFile { .. },
            ..
        }])
    );
    if data.starts_with(b"PK\x03\x04") || other_kind {
        check(usize::MAX, from_file);
        return;
    }
    match decode(data) {
        Ok((text, encoding)) => {
            let from_text = parse_csv(&text, cascade());
            let same = match (&from_file, &from_text) {
                (Ok(a), Ok(b)) => a.values == b.values && a.format.encoding == encoding,
                (a, b) => a.as_ref().err() == b.as_ref().err(),
            };
            assert!(same, "the bytes and the text of one file read differently");
            check(lines(text.as_bytes()), from_text);
        }
        Err(problem) => {
            assert_eq!(from_file.expect_err("bytes decode refuses are refused"), vec![problem]);
            let text = String::from_utf8_lossy(data);
            check(lines(text.as_bytes()), parse_csv(&text, cascade()));
        }
    }
});
