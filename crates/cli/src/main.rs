//! `reviewdesk`: the command line over ReviewDesk's library. `main` only turns
//! [`run`]'s result into an exit code; each subcommand lives in `commands/`.

#![deny(unsafe_code)]

mod cli;
mod clock;
mod commands;
mod error;
mod messages;
mod render;

use clap::Parser;
use std::process::ExitCode;

/// A closed pipe (`reviewdesk verify … | head -1`) ends the process quietly, as it
/// ends other Unix tools: Rust starts programs with SIGPIPE ignored, so the next
/// print would panic with "Broken pipe" and exit 101.
#[cfg(unix)]
#[allow(unsafe_code)]
fn default_sigpipe() {
    // SAFETY: the first thing `main` does, before any other thread exists;
    // `SIG_DFL` is a valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    #[cfg(unix)]
    default_sigpipe();
    let args = cli::Cli::parse();
    match commands::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("reviewdesk: error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
