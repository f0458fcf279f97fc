//! One module per subcommand; [`run`] is one flat `match`.

mod demo;

use crate::cli::{Cli, Command, LangArg};
use crate::error::CliError;
use reviewdesk_core::Lang;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<(), CliError> {
    let lang = match cli.lang {
        LangArg::Zh => Lang::ZhCn,
        LangArg::En => Lang::En,
    };
    match cli.command {
        Command::Demo { round } => demo::run(round.as_deref(), lang),
    }
}
