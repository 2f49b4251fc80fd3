#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;
use tarina::cli::{Cli, Command};

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
