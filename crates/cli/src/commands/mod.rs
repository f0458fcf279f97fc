//! One module per subcommand; [`run`] is one flat `match`.

pub(crate) mod calendar;
mod compute;
mod demo;
mod demo_author;
mod demo_out;
mod demo_publish;
mod draw;
mod export;
mod import;
mod inspect;
mod key;
mod keyarg;
mod merge;
mod publication;
mod recheck;
mod register;
mod report;
mod round;
mod seal;
mod sheet;
mod stages;
mod template;
mod verify;

use crate::cli::{
    ArchiveAction, CalendarAction, Cli, Command, DrawAction, KeyAction, NoticeAction,
    ObjectionAction, RecheckAction, RoundCommand, SheetAction, TemplateAction, WorkspaceAction,
};
use crate::error::CliError;
use reviewdesk_core::Lang;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<(), CliError> {
    let lang = cli.lang.into();
    run_in(cli, lang).map_err(|e| e.in_lang(lang))
}

fn run_in(cli: Cli, lang: Lang) -> Result<(), CliError> {
    match cli.command {
        Command::Demo { round, out: None } => demo::run(round.as_deref(), lang),
        Command::Demo {
            round,
            out: Some(out),
        } => demo_out::run(round.as_deref(), &out, lang),
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
        Command::Calendar {
            action: CalendarAction::Import { file, replace },
        } => calendar::import(&file, replace, lang),
        Command::Calendar {
            action: CalendarAction::List,
        } => calendar::list(lang),
        Command::Key { action } => match action {
            KeyAction::New { name, role } => key::new(&name, role, lang),
            KeyAction::List => key::list(lang),
            KeyAction::Card { name, output } => key::card(&name, &output, lang),
            KeyAction::AllowedSigners { cards, output } => {
                key::allowed_signers(&cards, &output, lang)
            }
            KeyAction::Backup {
                name,
                output,
                passphrase_file,
            } => key::backup(&name, &output, passphrase_file.as_deref(), lang),
            KeyAction::Restore {
                file,
                passphrase_file,
            } => key::restore(&file, passphrase_file.as_deref(), lang),
        },
        Command::Seal {
            round,
            organizer,
            signing_key,
            output: _,
            per_expert: _,
            handout: Some(dir),
        } => seal::handout(
            &round,
            organizer.as_deref(),
            signing_key.as_deref(),
            &dir,
            lang,
        ),
        Command::Seal {
            round,
            organizer,
            signing_key,
            output,
            per_expert,
            handout: None,
        } => seal::run(
            &round,
            organizer.as_deref(),
            signing_key.as_deref(),
            output.as_deref(),
            per_expert.as_deref(),
            lang,
        ),
        Command::Inspect {
            file,
            as_name,
            identity,
        } => inspect::run(&file, as_name.as_deref(), identity.as_deref(), lang),
        Command::Verify {
            file,
            organizer,
            as_name,
            identity,
            package,
        } => verify::run(
            &file,
            organizer.as_deref(),
            as_name.as_deref(),
            identity.as_deref(),
            package.as_deref(),
            lang,
        ),
        Command::Sheet {
            action:
                SheetAction::Sign {
                    package,
                    as_name,
                    signing_key,
                    identity,
                    input,
                    workspace,
                    trust,
                    output,
                },
        } => sheet::sign(&sheet::SignArgs {
            package: &package,
            as_name: as_name.as_deref(),
            signing_key: signing_key.as_deref(),
            identity: identity.as_deref(),
            input: &input,
            workspace: workspace.as_deref(),
            trust: trust.as_deref(),
            output: &output,
            lang,
        }),
        Command::Sheet {
            action:
                SheetAction::Show {
                    file,
                    as_name,
                    identity,
                    package,
                },
        } => sheet::show(
            &file,
            as_name.as_deref(),
            identity.as_deref(),
            &package,
            lang,
        ),
        Command::Recheck {
            action:
                RecheckAction::Request {
                    package,
                    organizer,
                    as_name,
                    key,
                    identity,
                    sheets,
                    expert,
                    entries,
                    flagged,
                    note,
                    sequence,
                    output,
                },
        } => recheck::request(&recheck::RequestArgs {
            package: &package,
            organizer: organizer.as_deref(),
            as_name: as_name.as_deref(),
            key: key.as_deref(),
            identity: identity.as_deref(),
            sheets: &sheets,
            expert: &expert,
            entries: &entries,
            flagged,
            note: &note,
            sequence,
            output: &output,
            lang,
        }),
        Command::Recheck {
            action:
                RecheckAction::Show {
                    file,
                    package,
                    as_name,
                    identity,
                },
        } => recheck::show(
            &file,
            &package,
            as_name.as_deref(),
            identity.as_deref(),
            lang,
        ),
        Command::Merge {
            package,
            organizer,
            as_name,
            key,
            identity,
            announced,
            opinions,
            output,
            sheets,
        } => merge::run(&merge::MergeArgs {
            package: &package,
            organizer: organizer.as_deref(),
            as_name: as_name.as_deref(),
            key: key.as_deref(),
            identity: identity.as_deref(),
            announced: announced.as_deref(),
            opinions: opinions.as_deref(),
            output: &output,
            sheets: &sheets,
            lang,
        }),
        Command::Notice {
            action:
                NoticeAction::New {
                    bundle,
                    start,
                    output,
                    channel,
                    contact,
                    on,
                    key,
                },
        } => publication::notice_new(
            &bundle,
            &start,
            &output,
            &channel,
            &contact,
            on.as_deref(),
            &key,
            lang,
        ),
        Command::Notice {
            action: NoticeAction::Verify { dir },
        } => publication::notice_verify(&dir, lang),
        Command::Objection { action } => match action {
            ObjectionAction::Add {
                dir,
                applicant,
                name,
                organisation,
                id_code,
                contact,
                grounds,
                evidence,
                received,
                on,
                key,
            } => publication::objection_add(
                &dir,
                &applicant,
                reviewdesk_core::publication::Objector {
                    name,
                    organisation,
                    id_code,
                    contact,
                },
                &grounds,
                &evidence,
                &received,
                on.as_deref(),
                &key,
                lang,
            ),
            ObjectionAction::Note {
                dir,
                id,
                text,
                on,
                key,
            } => publication::objection_note(&dir, &id, &text, on.as_deref(), &key, lang),
            ObjectionAction::Rule {
                dir,
                id,
                outcome,
                reasons,
                on,
                key,
            } => {
                publication::objection_rule(&dir, &id, outcome, &reasons, on.as_deref(), &key, lang)
            }
            ObjectionAction::List { dir, on } => {
                publication::objection_list(&dir, on.as_deref(), lang)
            }
        },
        Command::Amend {
            dir,
            cause,
            objection,
            reason,
            strike,
            score,
            on,
            key,
        } => publication::amend_run(
            &dir,
            cause,
            objection.as_deref(),
            &reason,
            &strike,
            &score,
            on.as_deref(),
            &key,
            lang,
        ),
        Command::Publish {
            dir,
            output,
            on,
            key,
        } => publication::publish(&dir, &output, on.as_deref(), &key, lang),
        Command::Register { action } => register::run(action, lang),
        Command::Archive {
            action: ArchiveAction::Verify { file },
        } => publication::archive_verify(&file, lang),
        Command::Draw {
            action:
                DrawAction::Verify {
                    bundle,
                    organizer,
                    as_name,
                    identity,
                },
        } => draw::verify(
            &bundle,
            organizer.as_deref(),
            as_name.as_deref(),
            identity.as_deref(),
            lang,
        ),
        Command::Report {
            bundle,
            organizer,
            as_name,
            identity,
            output,
        } => report::run(
            &bundle,
            organizer.as_deref(),
            as_name.as_deref(),
            identity.as_deref(),
            &output,
            lang,
        ),
        Command::ExportSignature {
            file,
            output,
            package,
            as_name,
            identity,
        } => export::signature(
            &file,
            &output,
            package.as_deref(),
            as_name.as_deref(),
            identity.as_deref(),
        ),
        Command::ExportEncrypted {
            package,
            material,
            output,
        } => export::encrypted(&package, &material, &output),
        Command::Import {
            package,
            as_name,
            trust,
        } => import::import(&package, &as_name, trust.as_deref(), lang),
        Command::Workspace {
            action: WorkspaceAction::List,
        } => import::list(lang),
        Command::Round {
            action: RoundCommand::Applicants { dir, file, sheet },
        } => round::applicants(&dir, &file, sheet.as_deref(), lang),
        Command::Round {
            action:
                RoundCommand::Eligibility {
                    dir,
                    applicant,
                    met,
                    all_met,
                    not_met,
                    note,
                    by,
                    on,
                },
        } => match applicant {
            None => round::eligibility_status(&dir, lang),
            Some(applicant) => {
                let checked = match (not_met, all_met) {
                    (Some(item), _) => reviewdesk_io::Checked::NotMet {
                        item,
                        note: note.unwrap_or_default(),
                    },
                    (None, true) => reviewdesk_io::Checked::AllMet,
                    (None, false) => reviewdesk_io::Checked::Met(met),
                };
                let by = by.unwrap_or_default();
                round::eligibility_record(&dir, &applicant, &checked, &by, on.as_deref(), lang)
            }
        },
        Command::Round {
            action: RoundCommand::Materials { dir, folder },
        } => round::materials(&dir, &folder, lang),
        Command::Round {
            action:
                RoundCommand::MaterialReason {
                    dir,
                    material,
                    text,
                },
        } => round::material_reason(&dir, &material, &text, lang),
        Command::Round {
            action: RoundCommand::Check { dir },
        } => round::check(&dir, lang),
        Command::Round {
            action:
                RoundCommand::Assign {
                    dir,
                    seed,
                    dry_run,
                    per_applicant,
                    max_load,
                    pin,
                    ban,
                    no_pins,
                    no_bans,
                },
        } => round::assign(
            &dir,
            round::AssignArgs {
                seed,
                dry_run,
                per_applicant,
                max_load,
                pins: round::manual_pairs(pin, no_pins),
                bans: round::manual_pairs(ban, no_bans),
            },
            lang,
        ),
        Command::Round {
            action:
                RoundCommand::Panel {
                    dir,
                    experts,
                    sheet,
                    cards,
                },
        } => round::panel(&dir, &experts, sheet.as_deref(), &cards, lang),
        Command::Round {
            action: RoundCommand::Conflicts { dir },
        } => round::conflicts(&dir, lang),
        Command::Round {
            action:
                RoundCommand::Dismiss {
                    dir,
                    expert,
                    applicant,
                    reason,
                    by,
                },
        } => round::dismiss(&dir, &applicant, &expert, &reason, &by, lang),
        Command::Round {
            action:
                RoundCommand::Recusal {
                    dir,
                    applicant,
                    expert,
                    reason,
                    received,
                },
        } => round::recusal(
            &dir,
            &applicant,
            &expert,
            &reason,
            received.as_deref(),
            lang,
        ),
        Command::Round {
            action:
                RoundCommand::Rule {
                    dir,
                    applicant,
                    expert,
                    upheld,
                    rejected: _,
                    reason,
                    by,
                    on,
                },
        } => round::rule(
            &dir,
            &applicant,
            &expert,
            upheld,
            &reason,
            &by,
            on.as_deref(),
            lang,
        ),
        Command::Round {
            action:
                RoundCommand::Advance {
                    dir,
                    bundle,
                    stage,
                    list_only,
                    as_name,
                    signing_key,
                    identity,
                    output,
                },
        } => stages::advance(
            &dir,
            &bundle,
            &stages::OrganizerKeys {
                as_name: as_name.as_deref(),
                signing_key: signing_key.as_deref(),
                identity: identity.as_deref(),
            },
            stage.as_deref(),
            &output,
            list_only,
            lang,
        ),
        Command::Round {
            action:
                RoundCommand::Sample {
                    dir,
                    bundle,
                    as_name,
                    signing_key,
                    identity,
                    output,
                },
        } => stages::sample(
            &dir,
            &bundle,
            &stages::OrganizerKeys {
                as_name: as_name.as_deref(),
                signing_key: signing_key.as_deref(),
                identity: identity.as_deref(),
            },
            &output,
            lang,
        ),
        Command::Round {
            action:
                RoundCommand::Substitute {
                    dir,
                    card,
                    applicants,
                    affiliation,
                    affiliation_code,
                    field_zh,
                    field_en,
                    previous,
                    as_name,
                    signing_key,
                    identity,
                    output,
                },
        } => stages::substitute(
            &dir,
            &stages::SubstituteArgs {
                card: &card,
                affiliation: &affiliation,
                affiliation_code: affiliation_code.as_deref(),
                field_zh: &field_zh,
                field_en: &field_en,
                applicants: &applicants,
                previous: &previous,
            },
            &stages::OrganizerKeys {
                as_name: as_name.as_deref(),
                signing_key: signing_key.as_deref(),
                identity: identity.as_deref(),
            },
            &output,
            lang,
        ),
        Command::Round {
            action:
                RoundCommand::New {
                    dir,
                    template,
                    title,
                    organizer,
                    deadline,
                    application_deadline,
                },
        } => round::new(
            &dir,
            reviewdesk_io::NewRound {
                template,
                title,
                organizer,
                deadline: round::date_arg("--deadline", deadline.as_deref(), lang)?,
                application_deadline: round::date_arg(
                    "--application-deadline",
                    application_deadline.as_deref(),
                    lang,
                )?,
            },
            lang,
        ),
    }
}

/// The bundled demo round: `$REVIEWDESK_RESOURCES/demo`, else `demo/` beside the
/// binary or in an installed package's resource folder (`../lib/ReviewDesk`), else —
/// in a development build only — the source tree's `assets/demo`.
fn demo_round() -> Result<std::path::PathBuf, CliError> {
    let mut dirs: Vec<std::path::PathBuf> = std::env::var_os("REVIEWDESK_RESOURCES")
        .map(std::path::PathBuf::from)
        .into_iter()
        .collect();
    if let Some(bin) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(std::path::Path::to_path_buf))
    {
        dirs.push(bin.join("../lib/ReviewDesk"));
        dirs.push(bin);
    }
    reviewdesk_io::find_demo_round(&dirs).ok_or_else(|| {
        CliError::Usage(
            "the bundled demo round was not found (set REVIEWDESK_RESOURCES to the folder holding demo/, or pass --round DIR)".into(),
        )
    })
}
