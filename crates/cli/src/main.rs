//! `reviewdesk`: the command line over ReviewDesk's library. `main` only turns
//! [`run`]'s result into an exit code; each subcommand lives in `commands/`.

#![deny(unsafe_code)]

mod cli;
mod clock;
mod commands;
mod error;
mod messages;
mod render;
mod usage;

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
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let args = match cli::Cli::try_parse_from(&raw) {
        Ok(args) => args,
        Err(e) if !e.use_stderr() => e.exit(), // --help, --version: clap prints them
        Err(e) => {
            eprintln!("{}", usage::message(&e, usage::lang_of(&raw)));
            return ExitCode::from(2);
        }
    };
    let lang = args.lang.into();
    match commands::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}{e}", usage::error_prefix(lang));
            ExitCode::from(e.exit_code())
        }
    }
}
