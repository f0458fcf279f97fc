//! What can be wrong with a round, each problem with the place it was found.

use std::fmt;

/// One problem found while validating a round, with the field path where it was
/// found (for example `assignment[3].expert`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundProblem {
    /// Where: a dotted path into the round file.
    pub path: String,
    /// What.
    pub kind: RoundProblemKind,
}

/// The kinds of problem a round can have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RoundProblemKind {
    /// The `format` tag is not one this version reads.
    #[error("unsupported format '{found}', expected '{expected}'")]
    Format {
        /// What the file says.
        found: String,
        /// What this version reads.
        expected: &'static str,
    },
    /// The round names another template than the one it was given.
    #[error("the round uses template '{wanted}' but template '{given}' was supplied")]
    TemplateMismatch {
        /// The template the round asks for.
        wanted: String,
        /// The template supplied.
        given: String,
    },
    /// An identifier is used twice.
    #[error("id '{0}' is used more than once")]
    DuplicateId(String),
    /// An identifier is empty or contains characters other than letters, digits, `-` and `_`.
    #[error("id '{0}' must be non-empty, use only letters, digits, '-' and '_', and not be a Windows device name (CON, NUL, COM1, …)")]
    BadId(String),
    /// A reference to an applicant that the round does not have.
    #[error("no applicant has id '{0}'")]
    UnknownApplicant(String),
    /// A reference to an expert that the panel does not have.
    #[error("no panel expert has id '{0}'")]
    UnknownExpert(String),
    /// A category the template does not define.
    #[error("the template defines no category '{0}'")]
    UnknownCategory(String),
    /// A text that must be given in Chinese and English lacks one.
    #[error("text must be given in both Chinese (zh) and English (en)")]
    IncompleteText,
    /// A required field is empty.
    #[error("must not be empty")]
    Empty,
    /// The same expert–applicant pair is listed twice.
    #[error("expert '{expert}' is assigned to applicant '{applicant}' more than once")]
    DuplicateAssignment {
        /// Expert id.
        expert: String,
        /// Applicant id.
        applicant: String,
    },
    /// A file name that could be read as a path or as anything but one plain file
    /// on some system (separators, `..`, hidden files, drive letters, Windows
    /// device names, a trailing dot or space: [`crate::check_file_name`]).
    #[error("file name '{0}' is not a plain file name: {reason}", reason = file_name_reason(.0, crate::Lang::En))]
    BadFileName(String),
    /// A sample for a stage the template does not sample.
    #[error("stage '{0}' is not a sampled stage of the template")]
    NotSampled(String),
    /// An advance list for a stage that is not a later, unsampled stage of the
    /// template (the first stage is open to every applicant; a sampled stage has
    /// its `[[sample]]`).
    #[error(
        "stage '{0}' is not a later, unsampled stage of the template: no advance list opens it"
    )]
    NotAdvanceable(String),
    /// Two advance lists for the same stage.
    #[error("stage '{0}' has more than one advance list")]
    DuplicateAdvance(String),
    /// `package_revision` is 0.
    #[error("package_revision must be 1 or more")]
    ZeroRevision,
    /// An eligibility record for an item the template's checklist does not have.
    #[error("the template has no eligibility item '{0}'")]
    UnknownEligibilityItem(String),
    /// Two eligibility records for the same applicant and item.
    #[error("eligibility item '{item}' is recorded more than once for applicant '{applicant}'")]
    DuplicateEligibility {
        /// Applicant id.
        applicant: String,
        /// Item id.
        item: String,
    },
    /// `ruling_reason`, `ruled_by` or `ruled_on` on a request still pending.
    #[error("only a ruled request (upheld or rejected) has a ruling's reason, author or date")]
    RulingDetailWhilePending,
    /// A recusal request ruled before the day it was received.
    #[error("the ruling ({on}) is dated before the request was received ({received})")]
    RuledBeforeReceived {
        /// `received`.
        received: crate::calendar::Date,
        /// `ruled_on`.
        on: crate::calendar::Date,
    },
    /// The same conflict is dismissed twice.
    #[error("the conflict of expert '{expert}' with applicant '{applicant}' is dismissed more than once")]
    DuplicateDismissal {
        /// Expert id.
        expert: String,
        /// Applicant id.
        applicant: String,
    },
}

/// Why `name` is not a plain file name, in `lang`.
pub(crate) fn file_name_reason(name: &str, lang: crate::Lang) -> &'static str {
    match crate::names::check_file_name(name) {
        Err(p) => p.message(lang),
        Ok(()) => "",
    }
}

impl RoundProblemKind {
    /// What is wrong, in `lang` (English: the `Display` text).
    pub fn message(&self, lang: crate::Lang) -> String {
        use RoundProblemKind as K;
        if lang == crate::Lang::En {
            return self.to_string();
        }
        match self {
            K::Format { found, expected } => {
                format!("格式标记为 `{found}`，本程序读取的是 `{expected}`")
            }
            K::TemplateMismatch { wanted, given } => {
                format!("评审批次使用模板 `{wanted}`，提供的却是模板 `{given}`")
            }
            K::DuplicateId(id) => format!("编号 `{id}` 重复使用"),
            K::BadId(id) => format!(
                "编号 `{id}` 不合规：不能为空，只能用字母、数字、“-”和“_”，且不能是 Windows 设备名（CON、NUL、COM1 等）"
            ),
            K::UnknownApplicant(id) => format!("没有编号为 `{id}` 的申报单位"),
            K::UnknownExpert(id) => format!("评审专家组中没有编号为 `{id}` 的专家"),
            K::UnknownCategory(c) => format!("模板中没有类别 `{c}`"),
            K::IncompleteText => "文字必须同时给出中文（zh）与英文（en）".to_string(),
            K::Empty => "不能为空".to_string(),
            K::DuplicateAssignment { expert, applicant } => {
                format!("专家 `{expert}` 被重复分配给申报单位 `{applicant}`")
            }
            K::BadFileName(name) => format!(
                "文件名 `{name}` 不是单纯的文件名：{}",
                file_name_reason(name, crate::Lang::ZhCn)
            ),
            K::NotSampled(stage) => format!("环节 `{stage}` 不是模板中的抽查环节"),
            K::NotAdvanceable(stage) => format!(
                "环节 `{stage}` 不是模板中其后的非抽查环节，不能用晋级名单开放"
            ),
            K::DuplicateAdvance(stage) => format!("环节 `{stage}` 有不止一份晋级名单"),
            K::ZeroRevision => "package_revision 必须为 1 或更大".to_string(),
            K::UnknownEligibilityItem(item) => format!("模板中没有形式审查项 `{item}`"),
            K::DuplicateEligibility { applicant, item } => {
                format!("申报单位 `{applicant}` 的形式审查项 `{item}` 记录了不止一次")
            }
            K::RulingDetailWhilePending => {
                "尚未裁定的回避申请不能有裁定理由、裁定人或裁定日期".to_string()
            }
            K::RuledBeforeReceived { received, on } => {
                format!("裁定日期 {on} 早于收到申请的日期 {received}")
            }
            K::DuplicateDismissal { expert, applicant } => {
                format!("专家 `{expert}` 与申报单位 `{applicant}` 的利益冲突被重复排除")
            }
        }
    }
}

impl RoundProblem {
    /// Where and what, in `lang`: `material[0].file: …`.
    pub fn message(&self, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::En => self.to_string(),
            crate::Lang::ZhCn => format!("`{}`：{}", self.path, self.kind.message(lang)),
        }
    }
}

impl fmt::Display for RoundProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}

impl std::error::Error for RoundProblem {}
