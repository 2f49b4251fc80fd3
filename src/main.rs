#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;
use tarina::cli::{Cli, Command};

/// mimalloc rather than the C library's allocator: a page is built of many short-lived strings and values,
/// and with glibc's malloc about a sixth of a staff form's time went to allocating and freeing, in arenas
/// that also kept the server's memory high (BENCHMARKS.md, "Staff forms without template macros").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    tarina::telemetry::init();
    let cli = Cli::parse();
    let command = cli.command.unwrap_or(Command::Serve);
    match tarina::cli::run_command(&cli.database, command, cli.serve).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One readable line (with its causes), not a panic or a debug dump.
            eprintln!("tarina: {error:#}");
            ExitCode::FAILURE
        }
    }
}
