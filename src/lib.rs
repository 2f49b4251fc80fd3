//! Tarina: a strategy platform for cities.
//!
//! The library holds everything; `main.rs` only parses the command line and calls in here, so that the
//! integration tests can start the very same server on an ephemeral port.
#![forbid(unsafe_code)]

pub mod app;
pub mod cli;
pub mod config;
pub mod connectors;
pub mod data;
pub mod domain;
pub mod formats;
pub mod http;
pub mod i18n;
pub mod jobs;
pub mod lint;
pub mod startup;
pub mod store;
pub mod telemetry;
pub mod values;
