//! The register's errors: one enum, a stable snake_case code each, and the
//! message in Chinese or English (`message`), saying what is wrong, where, and
//! what to do.

use reviewdesk_core::Lang;

use crate::publication::PublicationError;
use crate::DeskError;

/// The register's stable codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterCode {
    /// `unknown_program`: no program file with this id.
    UnknownProgram,
    /// `no_program`: the archive's template feeds no program.
    NoProgram,
    /// `year_needed`: an assessment archive needs the year it grades.
    YearNeeded,
    /// `unknown_event`: not an event kind.
    UnknownEvent,
    /// `missing_field`: the event needs a field that was not given.
    MissingField,
    /// `unknown_cause`: not a cause of the program (with that action).
    UnknownCause,
    /// `unknown_grade`: not a grade of the program's template.
    UnknownGrade,
    /// `unknown_unit`: no ledger for this credit code.
    UnknownUnit,
    /// `unknown_proposal`: no open proposal with this id.
    UnknownProposal,
    /// `bad_input`: a text empty or too long, a bad credit code or correction.
    BadInput,
    /// `bad_checkpoint`: a checkpoint file that does not parse or verify.
    BadCheckpoint,
    /// The workspace's code (`ledger_broken`, `bad_register_entry`, …).
    Workspace(reviewdesk_workspace::WorkspaceCode),
    /// The publication's code (an archive that does not verify).
    Publication(crate::publication::PublicationCode),
    /// A desk code (a bundle, a file, a report).
    Desk(crate::DeskCode),
    /// A program or template file that does not load.
    Load(reviewdesk_io::LoadCode),
}

impl RegisterCode {
    /// The snake_case text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UnknownProgram => "unknown_program",
            Self::NoProgram => "no_program",
            Self::YearNeeded => "year_needed",
            Self::UnknownEvent => "unknown_event",
            Self::MissingField => "missing_field",
            Self::UnknownCause => "unknown_cause",
            Self::UnknownGrade => "unknown_grade",
            Self::UnknownUnit => "unknown_unit",
            Self::UnknownProposal => "unknown_proposal",
            Self::BadInput => "bad_input",
            Self::BadCheckpoint => "bad_checkpoint",
            Self::Workspace(c) => c.as_str(),
            Self::Publication(c) => c.as_str(),
            Self::Desk(c) => c.as_str(),
            Self::Load(c) => c.as_str(),
        }
    }
}

/// Why a register action failed. Deliberately exhaustive (not `#[non_exhaustive]`):
/// the IPC mapping names every variant, so a new one fails to compile there until
/// it is given its code.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    /// No program file with this id.
    #[error("no program {program} (programs: {})", known.join(", "))]
    UnknownProgram {
        /// The id given.
        program: String,
        /// The ids there are.
        known: Vec<String>,
    },
    /// The archive's template feeds no program.
    #[error("template {template} feeds no program of the register (assets/programs)")]
    NoProgram {
        /// The template.
        template: String,
    },
    /// An assessment archive needs `--year`.
    #[error("round {round} is an assessment: give the year it grades (--year)")]
    YearNeeded {
        /// The round.
        round: String,
    },
    /// Not an event kind.
    #[error("no event kind {0}")]
    UnknownEvent(String),
    /// A field the event needs.
    #[error("event {event} needs {what}")]
    Missing {
        /// The event's kind.
        event: &'static str,
        /// The option.
        what: &'static str,
    },
    /// Not a cause of the program.
    #[error("program {program} has no cause {cause} for this event (causes: {})", known.join(", "))]
    UnknownCause {
        /// The program.
        program: String,
        /// The cause given.
        cause: String,
        /// The causes that fit.
        known: Vec<String>,
    },
    /// Not a grade of the program.
    #[error("program {program} has no grade {grade}")]
    UnknownGrade {
        /// The program.
        program: String,
        /// The grade given.
        grade: String,
    },
    /// No ledger for this unit.
    #[error("no unit {0} in the register")]
    UnknownUnit(String),
    /// No open proposal with this id.
    #[error("no open proposal {0} (list them with `register proposals`)")]
    UnknownProposal(String),
    /// An input that does not fit.
    #[error("{0}")]
    BadInput(String),
    /// A checkpoint that does not parse or verify.
    #[error("checkpoint: {0}")]
    BadCheckpoint(super::checkpoint::CheckpointProblem),
    /// The workspace failed (a broken ledger names its unit and line).
    #[error(transparent)]
    Workspace(#[from] reviewdesk_workspace::WorkspaceError),
    /// The archive does not verify.
    #[error(transparent)]
    Publication(#[from] PublicationError),
    /// A desk step failed.
    #[error(transparent)]
    Desk(#[from] DeskError),
    /// A program or template file does not load.
    #[error(transparent)]
    Load(#[from] reviewdesk_io::LoadError),
}

impl RegisterError {
    /// The stable code.
    pub fn code(&self) -> RegisterCode {
        match self {
            Self::UnknownProgram { .. } => RegisterCode::UnknownProgram,
            Self::NoProgram { .. } => RegisterCode::NoProgram,
            Self::YearNeeded { .. } => RegisterCode::YearNeeded,
            Self::UnknownEvent(_) => RegisterCode::UnknownEvent,
            Self::Missing { .. } => RegisterCode::MissingField,
            Self::UnknownCause { .. } => RegisterCode::UnknownCause,
            Self::UnknownGrade { .. } => RegisterCode::UnknownGrade,
            Self::UnknownUnit(_) => RegisterCode::UnknownUnit,
            Self::UnknownProposal(_) => RegisterCode::UnknownProposal,
            Self::BadInput(_) => RegisterCode::BadInput,
            Self::BadCheckpoint(_) => RegisterCode::BadCheckpoint,
            Self::Workspace(e) => RegisterCode::Workspace(e.code()),
            Self::Publication(e) => RegisterCode::Publication(e.code()),
            Self::Desk(e) => RegisterCode::Desk(e.code()),
            Self::Load(e) => RegisterCode::Load(e.code()),
        }
    }

    /// What is wrong and what to do, in `lang` (the wrapped errors' own text
    /// after a Chinese lead-in).
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::UnknownProgram { program, known } => {
                format!("没有项目 {program}（可用：{}）。", known.join("、"))
            }
            Self::NoProgram { template } => {
                format!("模板 {template} 不对应动态管理台账中的任何项目（assets/programs）。")
            }
            Self::YearNeeded { round } => {
                format!("批次 {round} 是年度评价：请用 --year 给出评价的年度。")
            }
            Self::UnknownEvent(k) => format!("没有事件类型 {k}。"),
            Self::Missing { event, what } => format!("事件 {event} 需要 {what}。"),
            Self::UnknownCause {
                program,
                cause,
                known,
            } => format!(
                "项目 {program} 没有适用于该事件的原因 {cause}（可用：{}）。",
                known.join("、")
            ),
            Self::UnknownGrade { program, grade } => {
                format!("项目 {program} 的评价模板中没有等级 {grade}。")
            }
            Self::UnknownUnit(u) => format!("台账中没有单位 {u}。"),
            Self::UnknownProposal(id) => {
                format!("没有待处理的建议 {id}（用 `register proposals` 列出）。")
            }
            Self::BadInput(s) => format!("输入不合要求：{s}"),
            Self::BadCheckpoint(p) => format!("核验点文件无效：{}", p.message(lang)),
            Self::Workspace(e) => match e.code() {
                reviewdesk_workspace::WorkspaceCode::LedgerBroken => {
                    format!("台账链校验失败（记录被改动、删除或移动）：{e}")
                }
                _ => format!("工作区出错：{e}"),
            },
            Self::Publication(e) => format!("公布归档未通过核验，未记录任何内容：{e}"),
            Self::Desk(e) => format!("{e}"),
            Self::Load(e) => format!("项目或模板文件无法读取：{e}"),
        }
    }
}
