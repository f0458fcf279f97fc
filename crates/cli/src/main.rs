//! `reviewdesk`: the command line over ReviewDesk's library. `main` only turns
//! [`run`]'s result into an exit code; each subcommand lives in `commands/`.

#![forbid(unsafe_code)]

mod cli;
mod clock;
mod commands;
mod error;
mod messages;
mod render;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match commands::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("reviewdesk: error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
