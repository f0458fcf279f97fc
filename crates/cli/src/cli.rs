//! The command-line grammar (clap). Parsing only: no work is done here.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// 评审台 ReviewDesk — offline expert review panels: seal, score, merge, verify.
#[derive(Debug, Parser)]
#[command(name = "reviewdesk", version, propagate_version = true)]
#[command(about = "评审台 ReviewDesk — offline expert review panels: seal, score, merge, verify.")]
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
    /// Review templates: check a template file, or list the built-in ones.
    Template {
        /// What to do with templates.
        #[command(subcommand)]
        action: TemplateAction,
    },
    /// Compute stage results, divergence flags, finals, grades, ranks, quotas and the draw.
    Compute {
        /// The template: a TOML file, or the id of a built-in template.
        #[arg(long, value_name = "FILE")]
        template: PathBuf,
        /// The scores and the rest of the input, as JSON (see docs/rules.md).
        #[arg(long, value_name = "FILE")]
        input: PathBuf,
        /// Print readable tables instead of JSON.
        #[arg(long)]
        table: bool,
    },
    /// The working-day calendar (official Chinese holidays and make-up working days).
    Calendar {
        /// What to compute.
        #[command(subcommand)]
        action: CalendarAction,
    },
}

/// `reviewdesk template …`
#[derive(Debug, Subcommand)]
pub enum TemplateAction {
    /// Parse and validate a template file; errors name the field.
    Check {
        /// The template file (TOML).
        file: PathBuf,
    },
    /// List the built-in templates.
    List,
}

/// `reviewdesk calendar …`
#[derive(Debug, Subcommand)]
pub enum CalendarAction {
    /// The N-th working day after DATE (YYYY-MM-DD).
    AddWorkingDays {
        /// The start date, YYYY-MM-DD.
        date: String,
        /// How many working days to add.
        n: u32,
    },
}
