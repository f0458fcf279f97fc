//! The command-line grammar (clap). Parsing only: no work is done here.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// 评审台 ReviewDesk — offline expert review panels: seal, score, merge, verify.
#[derive(Debug, Parser)]
#[command(name = "reviewdesk", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Language of the output.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Output language.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// 简体中文 (default)
    Zh,
    /// English
    En,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load the bundled demo round (or another round folder) and print its overview.
    Demo {
        /// A round folder to show instead of the bundled demo round.
        #[arg(long, value_name = "DIR")]
        round: Option<PathBuf>,
    },
}
