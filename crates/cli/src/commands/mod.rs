//! One module per subcommand; [`run`] is one flat `match`.

mod calendar;
mod compute;
mod demo;
mod template;

use crate::cli::{CalendarAction, Cli, Command, LangArg, TemplateAction};
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
        Command::Template {
            action: TemplateAction::Check { file },
        } => template::check(&file, lang),
        Command::Template {
            action: TemplateAction::List,
        } => template::list(lang),
        Command::Compute {
            template,
            input,
            table,
        } => compute::run(&template, &input, table, lang),
        Command::Calendar {
            action: CalendarAction::AddWorkingDays { date, n },
        } => calendar::add_working_days(&date, n),
    }
}
