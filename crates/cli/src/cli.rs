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
    /// Identities: signing and encryption keys kept in the system keyring, key cards, backups.
    Key {
        /// What to do with keys.
        #[command(subcommand)]
        action: KeyAction,
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

/// `reviewdesk key …`
#[derive(Debug, Subcommand)]
pub enum KeyAction {
    /// Create an identity (Ed25519 signing key + age X25519 key) in the system keyring;
    /// prints its fingerprint as the last line.
    New {
        /// The person's name, as it will appear on the key card.
        #[arg(long)]
        name: String,
        /// The person's role on the panel.
        #[arg(long, value_enum)]
        role: RoleArg,
    },
    /// List the identities on this computer (names, roles, fingerprints).
    List,
    /// Write an identity's public key card (self-signed) for the organizer.
    Card {
        /// The identity's name.
        #[arg(long)]
        name: String,
        /// The card file to write.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Verify key cards and write an OpenSSH allowed_signers file for `ssh-keygen -Y verify`.
    AllowedSigners {
        /// The key cards.
        #[arg(required = true, value_name = "CARD")]
        cards: Vec<PathBuf>,
        /// The allowed_signers file to write.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Write a passphrase-protected backup of an identity's private keys.
    Backup {
        /// The identity's name.
        #[arg(long)]
        name: String,
        /// The backup file to write.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// Read the passphrase from the first line of this file instead of the terminal.
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Put an identity from a backup back into the system keyring.
    Restore {
        /// The backup file.
        file: PathBuf,
        /// Read the passphrase from the first line of this file instead of the terminal.
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

/// A panel role.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    /// 评审专家
    Expert,
    /// 评审组长
    Chair,
    /// 组织方
    Organizer,
}
