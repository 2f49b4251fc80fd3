//! The open-data and report formats: JSON-stat 2.0 datasets and the budget annex as CSV and XLSX.
//!
//! Everything here is a pure function from plain input structs (borrowed strings, numbers and dates, no
//! crate-internal types) to a document or its bytes, without I/O, so that the pages, the API and the CLI all
//! produce exactly the same files and each can be tested without a server or a database.

pub mod annex;
pub mod jsonstat;
pub mod xliff;
