//! The CLI's error: what went wrong, and the exit code it maps to.

use reviewdesk_core::rules::ComputeError;
use reviewdesk_core::CalendarError;
use reviewdesk_desk::DeskError;
use reviewdesk_formats::FormatError;
use reviewdesk_io::LoadError;
use reviewdesk_keys::KeyError;
use std::path::PathBuf;

/// Anything a subcommand can fail with.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A round folder could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The compute input file is not readable, not JSON, or has a field of the wrong type.
    #[error("{path}: {message}")]
    Input {
        /// The input file.
        path: PathBuf,
        /// Field path and what is wrong.
        message: String,
    },
    /// The input has entries the rules refuse (each named).
    #[error("{path}: {source}")]
    Compute {
        /// The input file.
        path: PathBuf,
        /// The problems.
        source: ComputeError,
    },
    /// A date is malformed or outside the years the holiday data covers.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// An identity, the keyring, or a backup failed.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// A key card does not verify.
    #[error("{}: {source}", path.display())]
    Card {
        /// The card file.
        path: PathBuf,
        /// Why it was refused.
        source: FormatError,
    },
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// The IO error.
        source: std::io::Error,
    },
    /// No passphrase could be had, or the two entries differ.
    #[error("{message}")]
    Passphrase {
        /// What went wrong and what to do.
        message: String,
    },
    /// A package, sheet, card or key failed a check, or could not be written.
    #[error("[{code}] {0}", code = .0.code())]
    Desk(#[from] DeskError),
    /// An applicant spreadsheet could not be read or imported.
    #[error("[{code}] {0}", code = import_code(.0))]
    Applicants(#[from] reviewdesk_io::ImportError),
    /// A publication step (notice, objection, amendment, final list, archive) failed.
    #[error("[{code}] {0}", code = .0.code().as_str())]
    Publication(#[from] reviewdesk_desk::publication::PublicationError),
    /// A register action failed; the message is in the user's language.
    #[error("[{code}] {message}")]
    Register {
        /// The stable code.
        code: &'static str,
        /// What is wrong and what to do.
        message: String,
    },
    /// Arguments that parse but do not make sense together.
    #[error("{0}")]
    Usage(String),
    /// A date the calendar cannot count, explained in the user's language (a
    /// missing year says how to add it). Exit 4.
    #[error("[{code}] {message}")]
    CalendarExplained {
        /// The calendar error's code (`year_not_covered`, `bad_date`, …).
        code: &'static str,
        /// What is wrong and what to do.
        message: String,
    },
    /// A library error in the user's language (`--lang`): its stable code, its
    /// message (what, where, what to do) and the exit code of the error it came
    /// from. [`CliError::in_lang`] makes one of every library error.
    #[error("[{code}] {message}")]
    Localized {
        /// The library's stable code.
        code: &'static str,
        /// What is wrong, where and what to do.
        message: String,
        /// The exit code.
        exit: u8,
    },
    /// A check failed and the message, in the user's language, says what happened
    /// and what to do (`import`'s refusals).
    #[error("[{code}] {message}")]
    Explained {
        /// The stable code (`organizer_not_pinned`, `expired`, …).
        code: &'static str,
        /// What happened and what to do.
        message: String,
    },
}

impl CliError {
    /// Exit code: 2 is clap's for bad arguments; 1 for bad input files; 3 for
    /// input entries the rules refuse; 4 for dates the calendar cannot count; 5 when
    /// there is no usable keyring (fix the environment, then run the command again);
    /// 1 also for a package, sheet or card that fails a check, and for a package
    /// `import` refuses.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Key(KeyError::NoKeyring { .. }) => 5,
            CliError::Publication(reviewdesk_desk::publication::PublicationError::Calendar(_)) => 4,
            CliError::Publication(_) => 1,
            CliError::Load(_)
            | CliError::Input { .. }
            | CliError::Key(_)
            | CliError::Card { .. }
            | CliError::File { .. }
            | CliError::Passphrase { .. }
            | CliError::Desk(_)
            | CliError::Explained { .. }
            | CliError::Applicants(_)
            | CliError::Register { .. } => 1,
            CliError::Usage(_) => 2,
            CliError::Localized { exit, .. } => *exit,
            CliError::Compute { .. } => 3,
            CliError::Calendar(_) | CliError::CalendarExplained { .. } => 4,
        }
    }

    /// The error in `lang`: every library error (a round folder, a key, a card, a
    /// file, a package, sheet, bundle or workspace, an import, a publication step,
    /// a calendar date) as `[code] message` with the library's zh or en message
    /// (`message(lang)`), keeping its exit code; the CLI's own errors as they are.
    pub fn in_lang(self, lang: reviewdesk_core::Lang) -> CliError {
        use reviewdesk_desk::publication::PublicationError;
        let exit = self.exit_code();
        let (code, message) = match self {
            CliError::Calendar(e) | CliError::Publication(PublicationError::Calendar(e)) => {
                return CliError::CalendarExplained {
                    code: e.code(),
                    message: e.message(lang),
                }
            }
            CliError::Load(e) => (e.code().as_str(), e.message(lang)),
            CliError::Key(e) => (e.code().as_str(), e.message(lang)),
            CliError::Card { path, source } => (
                source.code().as_str(),
                match lang {
                    reviewdesk_core::Lang::ZhCn => format!(
                        "密钥卡 {} 未通过校验：{}",
                        path.display(),
                        source.message(lang)
                    ),
                    reviewdesk_core::Lang::En => {
                        format!("{}: {}", path.display(), source.message(lang))
                    }
                },
            ),
            CliError::File { path, source } => (
                "io",
                match lang {
                    reviewdesk_core::Lang::ZhCn => format!(
                        "无法读写 {}：{}。请检查路径与权限",
                        path.display(),
                        reviewdesk_formats::io_reason(&source, lang)
                    ),
                    reviewdesk_core::Lang::En => format!("{}: {source}", path.display()),
                },
            ),
            CliError::Desk(e) => (e.code().as_str(), e.message(lang)),
            // The parser's sentence is English: Chinese names the file and, when
            // the reader located it, the field.
            CliError::Input { path, message } if lang == reviewdesk_core::Lang::ZhCn => (
                "bad_input",
                match message.split_once(": ").map(|(field, _)| field) {
                    Some(field) if !field.is_empty() && field != "?" && !field.contains(' ') => {
                        format!(
                        "输入文件 {} 不是有效的 JSON，或字段 `{field}` 的类型不对。请检查该文件",
                        path.display()
                    )
                    }
                    _ => format!(
                        "输入文件 {} 不是有效的 JSON，或字段的类型不对。请检查该文件",
                        path.display()
                    ),
                },
            ),
            // Every refused entry by its path and the rule's code.
            CliError::Compute { path, source } if lang == reviewdesk_core::Lang::ZhCn => {
                use reviewdesk_core::rules::ComputeError as C;
                let listed = match &source {
                    C::Input(problems) => problems
                        .iter()
                        .map(|p| format!("`{}`（`{}`）", p.entry, p.kind.code()))
                        .collect::<Vec<_>>(),
                    C::Template(problems) => problems
                        .iter()
                        .map(|p| format!("`{}`（`{}`）", p.path, p.kind.code()))
                        .collect::<Vec<_>>(),
                    _ => Vec::new(),
                };
                (
                    "compute_refused",
                    format!(
                        "{} 中有评分规则拒绝的条目（条目与问题代码）：{}。请修改这些条目（英文说明见 --lang en）",
                        path.display(),
                        listed.join("；")
                    ),
                )
            }
            CliError::Compute { path, source } => {
                ("compute_refused", format!("{}: {source}", path.display()))
            }
            CliError::Input { path, message } => {
                ("bad_input", format!("{}: {message}", path.display()))
            }
            CliError::Applicants(e) => (import_code(&e), e.message(lang)),
            CliError::Publication(e) => (e.code().as_str(), e.message(lang)),
            other => return other,
        };
        CliError::Localized {
            code,
            message,
            exit,
        }
    }
}

fn import_code(e: &reviewdesk_io::ImportError) -> &'static str {
    use reviewdesk_io::ImportError as E;
    match e {
        E::Round(l) => l.code().as_str(),
        E::Sheet(s) => s.code().as_str(),
        E::HasErrors(_) => "sheet_has_errors",
        E::Edit { .. } => "round_edit",
        E::Assign(reviewdesk_core::assign::AssignError::Shortage(_)) => "assign_shortage",
        E::Assign(_) => "assign_input",
        E::Exists { .. } => "round_exists",
        E::Write { .. } => "write",
        E::Eligibility(e) => e.code(),
        E::Decision(d) => d.code(),
        _ => "import",
    }
}
