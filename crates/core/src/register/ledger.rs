//! The unit ledger (台账): one append-only, hash-chained list of dated events per
//! unit (by 统一社会信用代码), as canonical JSON lines (`docs/formats.md`,
//! "Register ledger line"). Nothing is updated in place: a correction is a new
//! line whose `corrects` names the line it replaces.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::calendar::Date;
use crate::credit_code::CreditCode;
use crate::publication::hex;

/// The domain of every ledger's genesis.
pub const LEDGER_DOMAIN: &str = "reviewdesk-register-ledger@v1";

/// The longest text (note, name, cause, period) a line may carry, in characters.
pub const MAX_LEDGER_TEXT: usize = 2_000;

/// A unit's ledger's first `prev`: SHA-256 of `reviewdesk-register-ledger@v1` LF,
/// the credit code, LF — so a line cannot be moved to another unit's ledger.
pub fn ledger_genesis(unit: &str) -> String {
    let mut h = Sha256::new();
    h.update(LEDGER_DOMAIN.as_bytes());
    h.update(b"\n");
    h.update(unit.as_bytes());
    h.update(b"\n");
    hex(&h.finalize())
}

/// The SHA-256 of one ledger line with its LF: the next line's `prev`.
pub fn ledger_line_hash(line_with_lf: &[u8]) -> String {
    hex(&Sha256::digest(line_with_lf))
}

/// Where an event came from when it was not typed by the organizer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventSource {
    /// `archive` (a verified publication archive) or `bundle` (a verified result bundle).
    pub file: SourceFile,
    /// The file's SHA-256.
    pub sha256: String,
    /// The round's id.
    pub round: String,
}

/// The kind of file an event came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFile {
    /// A publication archive (`.rdarchive`).
    Archive,
    /// A result bundle (`.rdbundle`).
    Bundle,
}

/// One event (`event` of a line); `kind` is its snake_case name. Written by
/// serde (`kind` first); read by [`Event`]'s own `Deserialize`, which needs `kind`
/// first (as the canonical form has it) and so reads the fields in one pass, with
/// no buffering — the register reads every line of every ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// 申报: the unit applied (optionally in a named round).
    Applied {
        /// The name it applied under.
        name: String,
    },
    /// 入选/入库: admitted.
    Admitted {
        /// The name it was admitted under.
        name: String,
    },
    /// 年度评价/考核结果: a yearly grade (the template's grade id).
    Graded {
        /// The year assessed.
        year: i32,
        /// The grade id (e.g. `unqualified`).
        grade: String,
    },
    /// A report's due date set by the organizer (beside the rules' own).
    ReportDue {
        /// The period: `2026Q1` or `2025`.
        period: String,
        /// The day it is due.
        due: Date,
    },
    /// A report filed.
    ReportFiled {
        /// The period.
        period: String,
    },
    /// A report recorded as late.
    ReportLate {
        /// The period.
        period: String,
    },
    /// 预警: a warning with the day rectification is checked.
    Warned {
        /// The deadline (on and after it, an unrectified warning is proposed for removal).
        deadline: Date,
    },
    /// 整改完成: the warning or reorganisation is over.
    Rectified,
    /// 重组: the managing unit reorganises it after a failing grade.
    Reorganising,
    /// 清退/移出: removed, for a cause of the program file.
    Removed {
        /// The cause id.
        cause: String,
    },
    /// 撤销: the title revoked, for a cause of the program file.
    Revoked {
        /// The cause id.
        cause: String,
    },
    /// 禁止申报: may not apply (or be recommended) until a day.
    Banned {
        /// The first day it may apply again.
        until: Date,
        /// The cause id.
        cause: String,
    },
    /// 主动退出: a voluntary exit.
    Exited,
    /// 变更申报: a name, ownership or business change filed.
    ChangeFiled,
    /// 变更核准: the change approved, with the new name if the name changed.
    ChangeApproved {
        /// The new registered name, if it changed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
    /// 投诉经核实: a complaint verified.
    ComplaintVerified,
    /// The organizer rejected a proposal (the reason is the line's `note`).
    ProposalRejected {
        /// The proposal's id.
        proposal: String,
    },
    /// Only with `corrects`: the corrected line is void.
    Annulled,
}

/// The fields an event may have, read in one pass.
#[derive(Default)]
struct EventFields {
    name: Option<String>,
    year: Option<i32>,
    grade: Option<String>,
    period: Option<String>,
    due: Option<Date>,
    deadline: Option<Date>,
    cause: Option<String>,
    until: Option<Date>,
    proposal: Option<String>,
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Event;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an event object with \"kind\" first")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Event, A::Error> {
                use serde::de::Error;
                let first: Option<std::borrow::Cow<'de, str>> = map.next_key()?;
                if first.as_deref() != Some("kind") {
                    return Err(A::Error::custom("an event's first field is \"kind\""));
                }
                let kind: std::borrow::Cow<'de, str> = map.next_value()?;
                let kind = EventKind::parse(&kind)
                    .ok_or_else(|| A::Error::custom(format!("unknown event kind {kind}")))?;
                let mut f = EventFields::default();
                let mut seen: Vec<&'static str> = Vec::new();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    let key: &'static str = match key.as_ref() {
                        "name" => {
                            f.name = Some(map.next_value()?);
                            "name"
                        }
                        "year" => {
                            f.year = Some(map.next_value()?);
                            "year"
                        }
                        "grade" => {
                            f.grade = Some(map.next_value()?);
                            "grade"
                        }
                        "period" => {
                            f.period = Some(map.next_value()?);
                            "period"
                        }
                        "due" => {
                            f.due = Some(map.next_value()?);
                            "due"
                        }
                        "deadline" => {
                            f.deadline = Some(map.next_value()?);
                            "deadline"
                        }
                        "cause" => {
                            f.cause = Some(map.next_value()?);
                            "cause"
                        }
                        "until" => {
                            f.until = Some(map.next_value()?);
                            "until"
                        }
                        "proposal" => {
                            f.proposal = Some(map.next_value()?);
                            "proposal"
                        }
                        other => {
                            return Err(A::Error::custom(format!(
                                "unknown field {other} in {}",
                                kind.as_str()
                            )))
                        }
                    };
                    if seen.contains(&key) {
                        return Err(A::Error::custom(format!("field {key} twice")));
                    }
                    seen.push(key);
                }
                let allowed: &[&str] = match kind {
                    EventKind::Applied | EventKind::Admitted | EventKind::ChangeApproved => {
                        &["name"]
                    }
                    EventKind::Graded => &["year", "grade"],
                    EventKind::ReportDue => &["period", "due"],
                    EventKind::ReportFiled | EventKind::ReportLate => &["period"],
                    EventKind::Warned => &["deadline"],
                    EventKind::Removed | EventKind::Revoked => &["cause"],
                    EventKind::Banned => &["until", "cause"],
                    EventKind::ProposalRejected => &["proposal"],
                    EventKind::Rectified
                    | EventKind::Reorganising
                    | EventKind::Exited
                    | EventKind::ChangeFiled
                    | EventKind::ComplaintVerified
                    | EventKind::Annulled => &[],
                };
                if let Some(extra) = seen.iter().find(|k| !allowed.contains(k)) {
                    return Err(A::Error::custom(format!(
                        "unknown field {extra} in {}",
                        kind.as_str()
                    )));
                }
                let need = |what: &'static str| A::Error::missing_field(what);
                Ok(match kind {
                    EventKind::Applied => Event::Applied {
                        name: f.name.ok_or_else(|| need("name"))?,
                    },
                    EventKind::Admitted => Event::Admitted {
                        name: f.name.ok_or_else(|| need("name"))?,
                    },
                    EventKind::Graded => Event::Graded {
                        year: f.year.ok_or_else(|| need("year"))?,
                        grade: f.grade.ok_or_else(|| need("grade"))?,
                    },
                    EventKind::ReportDue => Event::ReportDue {
                        period: f.period.ok_or_else(|| need("period"))?,
                        due: f.due.ok_or_else(|| need("due"))?,
                    },
                    EventKind::ReportFiled => Event::ReportFiled {
                        period: f.period.ok_or_else(|| need("period"))?,
                    },
                    EventKind::ReportLate => Event::ReportLate {
                        period: f.period.ok_or_else(|| need("period"))?,
                    },
                    EventKind::Warned => Event::Warned {
                        deadline: f.deadline.ok_or_else(|| need("deadline"))?,
                    },
                    EventKind::Rectified => Event::Rectified,
                    EventKind::Reorganising => Event::Reorganising,
                    EventKind::Removed => Event::Removed {
                        cause: f.cause.ok_or_else(|| need("cause"))?,
                    },
                    EventKind::Revoked => Event::Revoked {
                        cause: f.cause.ok_or_else(|| need("cause"))?,
                    },
                    EventKind::Banned => Event::Banned {
                        until: f.until.ok_or_else(|| need("until"))?,
                        cause: f.cause.ok_or_else(|| need("cause"))?,
                    },
                    EventKind::Exited => Event::Exited,
                    EventKind::ChangeFiled => Event::ChangeFiled,
                    EventKind::ChangeApproved => Event::ChangeApproved { name: f.name },
                    EventKind::ComplaintVerified => Event::ComplaintVerified,
                    EventKind::ProposalRejected => Event::ProposalRejected {
                        proposal: f.proposal.ok_or_else(|| need("proposal"))?,
                    },
                    EventKind::Annulled => Event::Annulled,
                })
            }
        }
        d.deserialize_map(V)
    }
}

/// The kinds of [`Event`], as the CLI's `--event` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// [`Event::Applied`]
    Applied,
    /// [`Event::Admitted`]
    Admitted,
    /// [`Event::Graded`]
    Graded,
    /// [`Event::ReportDue`]
    ReportDue,
    /// [`Event::ReportFiled`]
    ReportFiled,
    /// [`Event::ReportLate`]
    ReportLate,
    /// [`Event::Warned`]
    Warned,
    /// [`Event::Rectified`]
    Rectified,
    /// [`Event::Reorganising`]
    Reorganising,
    /// [`Event::Removed`]
    Removed,
    /// [`Event::Revoked`]
    Revoked,
    /// [`Event::Banned`]
    Banned,
    /// [`Event::Exited`]
    Exited,
    /// [`Event::ChangeFiled`]
    ChangeFiled,
    /// [`Event::ChangeApproved`]
    ChangeApproved,
    /// [`Event::ComplaintVerified`]
    ComplaintVerified,
    /// [`Event::ProposalRejected`]
    ProposalRejected,
    /// [`Event::Annulled`]
    Annulled,
}

impl EventKind {
    /// Every kind.
    pub const ALL: [EventKind; 18] = [
        Self::Applied,
        Self::Admitted,
        Self::Graded,
        Self::ReportDue,
        Self::ReportFiled,
        Self::ReportLate,
        Self::Warned,
        Self::Rectified,
        Self::Reorganising,
        Self::Removed,
        Self::Revoked,
        Self::Banned,
        Self::Exited,
        Self::ChangeFiled,
        Self::ChangeApproved,
        Self::ComplaintVerified,
        Self::ProposalRejected,
        Self::Annulled,
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Applied => "applied",
            Self::Admitted => "admitted",
            Self::Graded => "graded",
            Self::ReportDue => "report_due",
            Self::ReportFiled => "report_filed",
            Self::ReportLate => "report_late",
            Self::Warned => "warned",
            Self::Rectified => "rectified",
            Self::Reorganising => "reorganising",
            Self::Removed => "removed",
            Self::Revoked => "revoked",
            Self::Banned => "banned",
            Self::Exited => "exited",
            Self::ChangeFiled => "change_filed",
            Self::ChangeApproved => "change_approved",
            Self::ComplaintVerified => "complaint_verified",
            Self::ProposalRejected => "proposal_rejected",
            Self::Annulled => "annulled",
        }
    }

    /// The kind named `s`.
    pub fn parse(s: &str) -> Option<EventKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Self::Applied => "申报",
            Self::Admitted => "入选",
            Self::Graded => "年度评价",
            Self::ReportDue => "报告应交",
            Self::ReportFiled => "报告已交",
            Self::ReportLate => "报告逾期",
            Self::Warned => "预警",
            Self::Rectified => "整改完成",
            Self::Reorganising => "重组",
            Self::Removed => "移出",
            Self::Revoked => "撤销",
            Self::Banned => "禁止申报",
            Self::Exited => "主动退出",
            Self::ChangeFiled => "变更申报",
            Self::ChangeApproved => "变更核准",
            Self::ComplaintVerified => "投诉经核实",
            Self::ProposalRejected => "驳回建议",
            Self::Annulled => "作废",
        }
    }
}

impl Event {
    /// The event's fields (every one but `kind`) as name and text, in its
    /// canonical order: what a history line shows beside the kind.
    pub fn fields(&self) -> Vec<(String, String)> {
        let v = serde_json::to_value(self).expect("events serialize");
        v.as_object()
            .into_iter()
            .flatten()
            .filter(|(k, _)| *k != "kind")
            .map(|(k, v)| {
                let text = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
                (k.clone(), text)
            })
            .collect()
    }

    /// The event's kind.
    pub fn kind(&self) -> EventKind {
        match self {
            Self::Applied { .. } => EventKind::Applied,
            Self::Admitted { .. } => EventKind::Admitted,
            Self::Graded { .. } => EventKind::Graded,
            Self::ReportDue { .. } => EventKind::ReportDue,
            Self::ReportFiled { .. } => EventKind::ReportFiled,
            Self::ReportLate { .. } => EventKind::ReportLate,
            Self::Warned { .. } => EventKind::Warned,
            Self::Rectified => EventKind::Rectified,
            Self::Reorganising => EventKind::Reorganising,
            Self::Removed { .. } => EventKind::Removed,
            Self::Revoked { .. } => EventKind::Revoked,
            Self::Banned { .. } => EventKind::Banned,
            Self::Exited => EventKind::Exited,
            Self::ChangeFiled => EventKind::ChangeFiled,
            Self::ChangeApproved { .. } => EventKind::ChangeApproved,
            Self::ComplaintVerified => EventKind::ComplaintVerified,
            Self::ProposalRejected { .. } => EventKind::ProposalRejected,
            Self::Annulled => EventKind::Annulled,
        }
    }

    /// The name the event records for the unit, if any.
    pub fn name(&self) -> Option<&str> {
        match self {
            Self::Applied { name } | Self::Admitted { name } => Some(name),
            Self::ChangeApproved { name } => name.as_deref(),
            _ => None,
        }
    }

    fn texts(&self) -> Vec<&str> {
        match self {
            Self::Applied { name } | Self::Admitted { name } => vec![name],
            Self::Graded { grade, .. } => vec![grade],
            Self::ReportDue { period, .. }
            | Self::ReportFiled { period }
            | Self::ReportLate { period } => vec![period],
            Self::Removed { cause } | Self::Revoked { cause } | Self::Banned { cause, .. } => {
                vec![cause]
            }
            Self::ChangeApproved { name } => name.iter().map(String::as_str).collect(),
            Self::ProposalRejected { proposal } => vec![proposal],
            _ => vec![],
        }
    }
}

/// The parts of a line the caller chooses; `seq` and `prev` come from the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    /// The program's id (its program file).
    pub program: String,
    /// The event's date.
    pub on: Date,
    /// The event.
    pub event: Event,
    /// The line this one corrects.
    pub corrects: Option<u32>,
    /// The proposal this event confirms.
    pub proposal: Option<String>,
    /// The archive or bundle it came from.
    pub source: Option<EventSource>,
    /// The round it came from (admissions, grades, applications).
    pub round: Option<String>,
    /// A note or, for a proposal's confirmation or rejection, the reason.
    pub note: Option<String>,
}

/// One line of a unit's ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LedgerLine {
    /// From 1.
    pub seq: u32,
    /// SHA-256 of the previous line, or [`ledger_genesis`].
    pub prev: String,
    /// The unit's 统一社会信用代码.
    pub unit: String,
    /// The program's id.
    pub program: String,
    /// The event's date.
    pub on: Date,
    /// The event.
    pub event: Event,
    /// The earlier line (by `seq`) this one replaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrects: Option<u32>,
    /// The proposal this event confirms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal: Option<String>,
    /// The round the event came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<String>,
    /// The verified file the event came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<EventSource>,
    /// A note; for a confirmation or rejection, the organizer's reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl LedgerLine {
    /// The line's canonical text with its LF.
    pub fn to_line(&self) -> String {
        let mut s = serde_json::to_string(self).expect("ledger lines serialize");
        s.push('\n');
        s
    }

    /// The next line of a ledger whose last line is `last` (or none), checked as a
    /// reader would check it.
    pub fn next(
        unit: &CreditCode,
        last: Option<(&LedgerLine, &str)>,
        entry: NewEntry,
    ) -> Result<LedgerLine, LedgerError> {
        let (seq, prev) = match last {
            Some((l, hash)) => (l.seq + 1, hash.to_owned()),
            None => (1, ledger_genesis(unit.as_str())),
        };
        let line = LedgerLine {
            seq,
            prev,
            unit: unit.as_str().to_owned(),
            program: entry.program,
            on: entry.on,
            event: entry.event,
            corrects: entry.corrects,
            proposal: entry.proposal,
            round: entry.round,
            source: entry.source,
            note: entry.note,
        };
        line.check_fields().map_err(|what| LedgerError {
            line: seq as usize,
            what,
        })?;
        Ok(line)
    }

    fn check_fields(&self) -> Result<(), LedgerProblem> {
        CreditCode::parse(&self.unit).map_err(|e| LedgerProblem::BadUnit {
            unit: self.unit.chars().take(64).collect(),
            reason: e.to_string(),
        })?;
        if !is_program_id(&self.program) {
            return Err(LedgerProblem::BadProgram(
                self.program.chars().take(64).collect(),
            ));
        }
        let mut texts = self.event.texts();
        texts.extend(self.note.as_deref());
        texts.extend(self.round.as_deref());
        texts.extend(self.proposal.as_deref());
        for t in texts {
            if t.trim().is_empty() {
                return Err(LedgerProblem::EmptyText);
            }
            if t.chars().count() > MAX_LEDGER_TEXT {
                return Err(LedgerProblem::TextTooLong);
            }
        }
        match (&self.event, self.corrects) {
            (Event::Annulled, None) => return Err(LedgerProblem::AnnulledWithoutCorrects),
            (_, Some(c)) if c == 0 || c >= self.seq => {
                return Err(LedgerProblem::CorrectsNotEarlier(c));
            }
            _ => {}
        }
        if let Some(s) = &self.source {
            if s.sha256.len() != 64
                || !s
                    .sha256
                    .bytes()
                    .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
            {
                return Err(LedgerProblem::BadSourceHash);
            }
        }
        Ok(())
    }
}

/// Whether `s` is a program or cause id: non-empty, ASCII letters, digits, `-`, `_`.
pub fn is_program_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// What is wrong with a ledger line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerProblem {
    /// Not the JSON of a ledger line (the parser's words).
    #[error("not a ledger line: {0}")]
    NotALine(String),
    /// Another encoding than the line's one canonical text.
    #[error("not in canonical form")]
    NotCanonical,
    /// `seq` is not the line's number.
    #[error("seq {found} where {expected} was expected")]
    Seq {
        /// The `seq` found.
        found: u32,
        /// The line's number.
        expected: usize,
    },
    /// `prev` is not the hash of the line before.
    #[error("prev is not the SHA-256 of the line before (a line was edited, removed or moved)")]
    Prev,
    /// The line names another unit than its ledger's.
    #[error("unit {found} in the ledger of {unit}")]
    OtherUnit {
        /// The unit the line names.
        found: String,
        /// The ledger's unit.
        unit: String,
    },
    /// The unit is not a valid credit code.
    #[error("unit {unit}: {reason}")]
    BadUnit {
        /// The unit as written (at most 64 characters).
        unit: String,
        /// Why it is not a credit code.
        reason: String,
    },
    /// The program is not an id.
    #[error("program '{0}' is not an id")]
    BadProgram(String),
    /// A text field is empty.
    #[error("an empty text")]
    EmptyText,
    /// A text field is too long.
    #[error("a text longer than {MAX_LEDGER_TEXT} characters")]
    TextTooLong,
    /// An annulment that names no line.
    #[error("annulled without corrects")]
    AnnulledWithoutCorrects,
    /// `corrects` names no earlier line.
    #[error("corrects {0}, not an earlier line")]
    CorrectsNotEarlier(u32),
    /// `source.sha256` is not a SHA-256 in hex.
    #[error("source.sha256 is not 64 lowercase hex digits")]
    BadSourceHash,
}

impl LedgerProblem {
    /// What is wrong, in `lang` (the English one is the `Display`).
    pub fn message(&self, lang: crate::text::Lang) -> String {
        if lang == crate::text::Lang::En {
            return self.to_string();
        }
        match self {
            Self::NotALine(_) => "不是名录记录行（JSON 无法按记录行读取）".into(),
            Self::NotCanonical => "不是该记录的规范编码".into(),
            Self::Seq { found, expected } => format!("序号为 {found}，应为 {expected}"),
            Self::Prev => "与上一行的哈希不相接（有记录行被改动、删除或移动）".into(),
            Self::OtherUnit { found, unit } => {
                format!("记录的单位为 {found}，却在 {unit} 的名录中")
            }
            Self::BadUnit { unit, reason } => {
                format!("单位 {unit} 不是有效的统一社会信用代码（{reason}）")
            }
            Self::BadProgram(p) => format!("项目标识 `{p}` 无效"),
            Self::EmptyText => "有文字字段为空".into(),
            Self::TextTooLong => format!("有文字字段超过 {MAX_LEDGER_TEXT} 个字符"),
            Self::AnnulledWithoutCorrects => "撤销记录没有指明所撤销的行".into(),
            Self::CorrectsNotEarlier(c) => format!("所更正的第 {c} 行不是此前的记录行"),
            Self::BadSourceHash => "来源文件的 SHA-256 不是 64 位小写十六进制".into(),
        }
    }
}

/// Why a ledger does not read (`ledger_broken`): the 1-based line and what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("ledger of {unit}, line {line}: {what}")]
pub struct LedgerBroken {
    /// The unit.
    pub unit: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub what: LedgerProblem,
}

/// A line that does not fit its ledger (before the unit is known).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {what}")]
pub struct LedgerError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub what: LedgerProblem,
}

/// Reads a unit's ledger from its lines (each without LF), checking every one:
/// parse, canonical form, `seq` from 1, `prev` chaining from the unit's genesis,
/// `unit` equal to the ledger's, `corrects` naming an earlier line. Returns the
/// lines and the head (the hash the next line's `prev` must be).
pub fn read_ledger<'a>(
    unit: &str,
    lines: impl IntoIterator<Item = &'a str>,
) -> Result<(Vec<LedgerLine>, String), LedgerBroken> {
    let mut prev = ledger_genesis(unit);
    let mut out: Vec<LedgerLine> = Vec::new();
    for (i, raw) in lines.into_iter().enumerate() {
        let n = i + 1;
        let err = |what: LedgerProblem| LedgerBroken {
            unit: unit.to_owned(),
            line: n,
            what,
        };
        let line: LedgerLine =
            serde_json::from_str(raw).map_err(|e| err(LedgerProblem::NotALine(e.to_string())))?;
        let mut again = line.to_line();
        again.pop();
        if again != raw {
            return Err(err(LedgerProblem::NotCanonical));
        }
        if line.seq as usize != n {
            return Err(err(LedgerProblem::Seq {
                found: line.seq,
                expected: n,
            }));
        }
        if line.prev != prev {
            return Err(err(LedgerProblem::Prev));
        }
        if line.unit != unit {
            return Err(err(LedgerProblem::OtherUnit {
                found: line.unit.chars().take(64).collect(),
                unit: unit.to_owned(),
            }));
        }
        line.check_fields().map_err(err)?;
        let mut with_lf = again.into_bytes();
        with_lf.push(b'\n');
        prev = ledger_line_hash(&with_lf);
        out.push(line);
    }
    Ok((out, prev))
}

/// The lines in force on `date`, in order of date then `seq`: those dated on or
/// before it, less the lines a correction dated on or before it replaced (a
/// correction stands in its own place; `annulled` stands for nothing).
pub fn in_force(lines: &[LedgerLine], date: Date) -> Vec<&LedgerLine> {
    let corrected: std::collections::HashSet<u32> = lines
        .iter()
        .filter(|l| l.on <= date)
        .filter_map(|l| l.corrects)
        .collect();
    let mut out: Vec<&LedgerLine> = lines
        .iter()
        .filter(|l| l.on <= date && !corrected.contains(&l.seq))
        .filter(|l| !matches!(l.event, Event::Annulled))
        .collect();
    out.sort_by_key(|l| (l.on, l.seq));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE: &str = "91440101MA5AGYGLU6";

    fn entry(on: &str, event: Event) -> NewEntry {
        NewEntry {
            program: "gd-supplier".into(),
            on: on.parse().unwrap(),
            event,
            corrects: None,
            proposal: None,
            source: None,
            round: None,
            note: None,
        }
    }

    fn chain(entries: Vec<NewEntry>) -> (Vec<LedgerLine>, Vec<String>) {
        let code = CreditCode::parse(CODE).unwrap();
        let mut lines: Vec<LedgerLine> = Vec::new();
        let mut texts: Vec<String> = Vec::new();
        let mut head = String::new();
        for e in entries {
            let l = LedgerLine::next(&code, lines.last().map(|l| (l, head.as_str())), e).unwrap();
            let t = l.to_line();
            head = ledger_line_hash(t.as_bytes());
            texts.push(t.trim_end_matches('\n').to_owned());
            lines.push(l);
        }
        (lines, texts)
    }

    #[test]
    fn a_ledger_reads_back_and_an_edit_names_its_line() {
        let (lines, texts) = chain(vec![
            entry(
                "2024-03-01",
                Event::Admitted {
                    name: "甲公司".into(),
                },
            ),
            entry(
                "2025-03-01",
                Event::Graded {
                    year: 2024,
                    grade: "qualified".into(),
                },
            ),
            entry(
                "2026-03-01",
                Event::Graded {
                    year: 2025,
                    grade: "unqualified".into(),
                },
            ),
        ]);
        let (read, head) = read_ledger(CODE, texts.iter().map(String::as_str)).unwrap();
        assert_eq!(read, lines);
        assert_eq!(head, ledger_line_hash(format!("{}\n", texts[2]).as_bytes()));
        let mut edited = texts.clone();
        edited[1] = edited[1].replace("qualified", "excellent");
        let e = read_ledger(CODE, edited.iter().map(String::as_str)).unwrap_err();
        // Line 2 still chains to line 1, so the break shows at line 3.
        assert_eq!(e.line, 3);
        let e = read_ledger("91350100M000100Y43", texts.iter().map(String::as_str)).unwrap_err();
        assert_eq!(e.line, 1);
    }

    /// The vector of `docs/formats.md` ("Register ledger line").
    #[test]
    fn the_documented_vector_holds() {
        let unit = "91360100MA38KX4C2X";
        let code = CreditCode::parse(unit).unwrap();
        let g = ledger_genesis(unit);
        assert_eq!(
            g,
            "8e3b115f774f3d078ac25d783d6eac8ef16b1fd9fb92439245fbbf488bd2a739"
        );
        let mut e1 = entry(
            "2023-12-20",
            Event::Admitted {
                name: "南昌数字化转型促进中心".into(),
            },
        );
        e1.program = "jx-dx-center".into();
        let l1 = LedgerLine::next(&code, None, e1).unwrap();
        assert_eq!(
            l1.to_line(),
            format!("{{\"seq\":1,\"prev\":\"{g}\",\"unit\":\"{unit}\",\"program\":\"jx-dx-center\",\"on\":\"2023-12-20\",\"event\":{{\"kind\":\"admitted\",\"name\":\"南昌数字化转型促进中心\"}}}}\n")
        );
        let h1 = ledger_line_hash(l1.to_line().as_bytes());
        assert_eq!(
            h1,
            "6cd3817592fd572304860563e7d72f7f1e544fa97f27037d78e119d33213cdf3"
        );
        let mut e2 = entry(
            "2025-03-20",
            Event::Graded {
                year: 2024,
                grade: "unqualified".into(),
            },
        );
        e2.program = "jx-dx-center".into();
        e2.note = Some("运行评价结果".into());
        let l2 = LedgerLine::next(&code, Some((&l1, &h1)), e2).unwrap();
        assert_eq!(
            l2.to_line(),
            format!("{{\"seq\":2,\"prev\":\"{h1}\",\"unit\":\"{unit}\",\"program\":\"jx-dx-center\",\"on\":\"2025-03-20\",\"event\":{{\"kind\":\"graded\",\"year\":2024,\"grade\":\"unqualified\"}},\"note\":\"运行评价结果\"}}\n")
        );
        assert_eq!(
            ledger_line_hash(l2.to_line().as_bytes()),
            "f9cde0cb9e0ea68e5ba1792403c7ed14823493568a78ef92d144e9845e69f20f"
        );
    }

    #[test]
    fn the_genesis_is_per_unit_and_domain_separated() {
        assert_ne!(ledger_genesis(CODE), ledger_genesis("91350100M000100Y43"));
        assert_eq!(
            ledger_genesis(CODE),
            hex(&Sha256::digest(
                format!("{LEDGER_DOMAIN}\n{CODE}\n").as_bytes()
            ))
        );
    }

    #[test]
    fn a_non_canonical_line_is_refused() {
        let (_, texts) = chain(vec![entry("2024-03-01", Event::Rectified)]);
        let spaced = texts[0].replacen(':', ": ", 1);
        let e = read_ledger(CODE, [spaced.as_str()]).unwrap_err();
        assert_eq!(e.what, LedgerProblem::NotCanonical, "{e}");
    }

    #[test]
    fn a_correction_replaces_its_line_from_its_own_date() {
        let mut c = entry(
            "2026-04-01",
            Event::Graded {
                year: 2025,
                grade: "qualified".into(),
            },
        );
        c.corrects = Some(1);
        let (lines, _) = chain(vec![
            entry(
                "2026-03-01",
                Event::Graded {
                    year: 2025,
                    grade: "unqualified".into(),
                },
            ),
            c,
        ]);
        let before: Vec<u32> = in_force(&lines, "2026-03-15".parse().unwrap())
            .iter()
            .map(|l| l.seq)
            .collect();
        let after: Vec<u32> = in_force(&lines, "2026-04-01".parse().unwrap())
            .iter()
            .map(|l| l.seq)
            .collect();
        assert_eq!(before, vec![1]);
        assert_eq!(after, vec![2]);
    }

    #[test]
    fn corrects_must_name_an_earlier_line_and_annulled_needs_it() {
        let code = CreditCode::parse(CODE).unwrap();
        let mut e = entry("2026-04-01", Event::Rectified);
        e.corrects = Some(1);
        assert!(LedgerLine::next(&code, None, e).is_err());
        assert!(LedgerLine::next(&code, None, entry("2026-04-01", Event::Annulled)).is_err());
    }

    #[test]
    fn events_read_strictly_kind_first_and_only_their_fields() {
        let ok: Event =
            serde_json::from_str(r#"{"kind":"banned","until":"2028-03-18","cause":"closure"}"#)
                .unwrap();
        assert_eq!(
            ok,
            Event::Banned {
                until: "2028-03-18".parse().unwrap(),
                cause: "closure".into()
            }
        );
        for bad in [
            r#"{"until":"2028-03-18","kind":"banned","cause":"closure"}"#,
            r#"{"kind":"banned","until":"2028-03-18"}"#,
            r#"{"kind":"banned","until":"2028-03-18","cause":"closure","name":"x"}"#,
            r#"{"kind":"rectified","cause":"x"}"#,
            r#"{"kind":"graded","year":2024,"grade":"a","grade":"b"}"#,
            r#"{"kind":"promoted"}"#,
        ] {
            assert!(serde_json::from_str::<Event>(bad).is_err(), "{bad}");
        }
        let e = Event::ChangeApproved { name: None };
        assert_eq!(
            serde_json::from_str::<Event>(&serde_json::to_string(&e).unwrap()).unwrap(),
            e
        );
    }

    #[test]
    fn every_kind_round_trips_its_name() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(EventKind::parse("promoted"), None);
    }
}
