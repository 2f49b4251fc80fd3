#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;
use tarina::cli::{Cli, Command};

/// Rendering a page allocates and frees many small strings and values on several threads at once; mimalloc
/// serves that with less contention than the C library's allocator (BENCHMARKS.md: the staff pages' p99 met
/// with it, the definition form's missed without it).
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
