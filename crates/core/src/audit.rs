//! The audit log replayed (审计日志回放): a sheet's log must prove the order of the
//! expert's work — the import of the package first, the pledge before the first
//! declaration, a declaration of an applicant before any of its materials is
//! opened or any entry made, nothing after a recusal — and its edits must give
//! exactly the values the sheet carries. `docs/formats.md`, "Score sheet", "Audit
//! log", is the specification; [`check_audit`] refuses with the first violation,
//! naming its line. Pure: the log is text, the round and the part values.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::review::{AuditEntry, AuditEvent};
use crate::round::Round;
use crate::rules::{Declaration, ExpertPart, Justification, PartScore, PartVerdict, PartVeto};
use crate::text::Lang;

/// What a sheet's log is checked against.
#[derive(Debug, Clone, Copy)]
pub struct AuditContext<'a> {
    /// The id of the package the sheet is bound to (its `package` line): the
    /// log's first line must be its import.
    pub package: &'a str,
    /// The round, for the applicant of each material opened (the whole round: a
    /// per-expert package's materials are among its materials).
    pub round: &'a Round,
    /// The sheet's revision: the log's last `sign` must name it.
    pub revision: u32,
    /// The sheet's part: what the log's edits must give.
    pub part: &'a ExpertPart,
}

/// What the chair is shown of a log that replays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditSummary {
    /// When the pledge was accepted (the `at` of its line, the desk's clock).
    pub pledged_at: String,
    /// Applicants declared with no conflict of interest.
    pub no_conflict: u32,
    /// Applicants the expert recused from.
    pub recused: u32,
    /// Edits: `declare`, `score`, `clear_score`, `verdict`, `veto` and
    /// `clear_veto` lines.
    pub edits: u32,
    /// Materials opened (`open_material` lines).
    pub opened: u32,
    /// Lines in all.
    pub lines: u64,
}

/// The first thing wrong with a sheet's log. Every variant but `Missing` names the
/// log's line (its `seq`), 1-based.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditViolation {
    /// The sheet carries no log.
    #[error("the sheet carries no audit log")]
    Missing,
    /// A line is not the JSON of an audit entry.
    #[error("audit log line {line}: not an audit entry ({message})")]
    NotAnEntry {
        /// The line.
        line: u64,
        /// The parser's words.
        message: String,
    },
    /// A line reads as an entry but is not its one compact encoding.
    #[error("audit log line {line}: not the entry's canonical JSON (another encoding, or a field the entry does not have)")]
    NotCanonical {
        /// The line.
        line: u64,
    },
    /// A line's `seq` is not its line number.
    #[error("audit log line {line}: its seq is {found}")]
    Seq {
        /// The line.
        line: u64,
        /// The `seq` it carries.
        found: u64,
    },
    /// An `open_material` names a material the round does not have.
    #[error("audit log line {line}: material {material} is not in the round")]
    UnknownMaterial {
        /// The line.
        line: u64,
        /// The material id.
        material: String,
    },
    /// The log begins with the import of another package.
    #[error("audit log line {line}: the import of package {found}, but the sheet is bound to package {expected}")]
    OtherPackage {
        /// The line.
        line: u64,
        /// The package the log imports.
        found: String,
        /// The package the sheet is bound to.
        expected: String,
    },
    /// The first line is not the package's import.
    #[error("audit log line {line}: `{event}`, but the log must begin with the package's import")]
    NotImportFirst {
        /// The line.
        line: u64,
        /// The event it has.
        event: &'static str,
    },
    /// An import after the first line.
    #[error("audit log line {line}: a second import")]
    ImportAgain {
        /// The line.
        line: u64,
    },
    /// A justification for a re-check request the log never imported.
    #[error("audit log line {line}: a justification for re-check request {request}, which the log never imported")]
    JustifyUnrequested {
        /// The line.
        line: u64,
        /// The request's sequence number.
        request: u32,
    },
    /// A second pledge.
    #[error("audit log line {line}: a second pledge")]
    PledgeAgain {
        /// The line.
        line: u64,
    },
    /// A declaration or a signing before the pledge.
    #[error("audit log line {line}: `{event}` before the pledge")]
    BeforePledge {
        /// The line.
        line: u64,
        /// `declare` or `sign`.
        event: &'static str,
    },
    /// A material opened or an entry made before the applicant was declared.
    #[error("audit log line {line}: `{event}` of applicant {applicant} before its declaration")]
    BeforeDeclaration {
        /// The line.
        line: u64,
        /// The event.
        event: &'static str,
        /// The applicant.
        applicant: String,
    },
    /// A material opened, an entry made or a declaration changed after a recusal.
    #[error("audit log line {line}: `{event}` of applicant {applicant} after the recusal from it")]
    AfterRecusal {
        /// The line.
        line: u64,
        /// The event.
        event: &'static str,
        /// The applicant.
        applicant: String,
    },
    /// A recusal while the applicant still had a score or a verdict.
    #[error("audit log line {line}: a recusal from applicant {applicant} while it has scores or a verdict")]
    RecusalWhileScored {
        /// The line.
        line: u64,
        /// The applicant.
        applicant: String,
    },
    /// A `sign` whose revision does not follow the previous one.
    #[error("audit log line {line}: signs revision {found}, expected {}", expected_revisions(*.previous))]
    SignRevision {
        /// The line.
        line: u64,
        /// The revision it names.
        found: u32,
        /// The previous `sign`'s revision, if any.
        previous: Option<u32>,
    },
    /// The last line is not a `sign`.
    #[error("audit log line {line}: the log ends with `{event}`, not with the signing")]
    NotSignedLast {
        /// The last line.
        line: u64,
        /// Its event.
        event: &'static str,
    },
    /// The last `sign` names another revision than the sheet's.
    #[error("audit log line {line}: signs revision {log}, but the sheet is revision {sheet}")]
    Revision {
        /// The line.
        line: u64,
        /// The log's revision.
        log: u32,
        /// The sheet's.
        sheet: u32,
    },
    /// An entry of the sheet differs from the log's last edit of it.
    #[error("{entry}: {}", differs_en(.line, .log, .sheet))]
    Differs {
        /// `declaration A01`, `score A01 written w_basic`, `verdict A01 site_visit`,
        /// `veto A01 v_false`.
        entry: String,
        /// The log's last line about it, if any.
        line: Option<u64>,
        /// The log's value (JSON, shortened); `None`: none, or cleared.
        log: Option<String>,
        /// The sheet's value (JSON, shortened); `None`: none.
        sheet: Option<String>,
    },
    /// The sheet lists an entry twice.
    #[error("{entry}: the sheet lists it twice")]
    Duplicate {
        /// The entry.
        entry: String,
    },
}

fn expected_revisions(previous: Option<u32>) -> String {
    match previous {
        None => "1".into(),
        Some(p) => format!("{p} or {}", p.saturating_add(1)),
    }
}

/// "the sheet has …, the log's last edit of it (line 5) gives …" in English.
fn differs_en(line: &Option<u64>, log: &Option<String>, sheet: &Option<String>) -> String {
    let sheet = match sheet {
        Some(v) => format!("the sheet has {v}"),
        None => "the sheet has none".into(),
    };
    let log = match (line, log) {
        (Some(l), Some(v)) => format!("the audit log's last edit of it (line {l}) gives {v}"),
        (Some(l), None) => format!("the audit log cleared it (line {l})"),
        (None, _) => "the audit log has none".into(),
    };
    format!("{sheet}, {log}")
}

/// The kind of an [`AuditViolation`], one per stable code. Deliberately
/// exhaustive: a caller that maps every code fails to compile when one is added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditCode {
    /// `audit_missing`
    Missing,
    /// `audit_malformed`
    Malformed,
    /// `audit_package`
    Package,
    /// `audit_order`
    Order,
    /// `audit_values`
    Values,
}

impl AuditCode {
    /// The code's snake_case text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Missing => "audit_missing",
            Self::Malformed => "audit_malformed",
            Self::Package => "audit_package",
            Self::Order => "audit_order",
            Self::Values => "audit_values",
        }
    }
}

impl std::fmt::Display for AuditCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for AuditCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// An event's name as its line spells it.
pub fn event_name(e: &AuditEvent) -> &'static str {
    match e {
        AuditEvent::Import { .. } => "import",
        AuditEvent::Pledge { .. } => "pledge",
        AuditEvent::Declare(_) => "declare",
        AuditEvent::OpenMaterial { .. } => "open_material",
        AuditEvent::Score(_) => "score",
        AuditEvent::ClearScore { .. } => "clear_score",
        AuditEvent::Verdict(_) => "verdict",
        AuditEvent::Veto(_) => "veto",
        AuditEvent::ClearVeto { .. } => "clear_veto",
        AuditEvent::Sign { .. } => "sign",
        AuditEvent::ImportRecheck { .. } => "import_recheck",
        AuditEvent::Justify(_) => "justify",
    }
}

/// An event's name in Chinese, for messages.
fn event_zh(name: &str) -> &'static str {
    match name {
        "import" => "导入评审包",
        "pledge" => "接受承诺",
        "declare" => "利益冲突声明",
        "open_material" => "打开材料",
        "score" => "评分",
        "clear_score" => "清除评分",
        "verdict" => "通过与否结论",
        "veto" => "一票否决",
        "clear_veto" => "撤销否决",
        "sign" => "签署",
        "import_recheck" => "导入复核请求",
        "justify" => "复核说明",
        _ => "未知事件",
    }
}

impl AuditViolation {
    /// The stable code.
    pub fn code(&self) -> AuditCode {
        match self {
            Self::Missing => AuditCode::Missing,
            Self::NotAnEntry { .. }
            | Self::NotCanonical { .. }
            | Self::Seq { .. }
            | Self::UnknownMaterial { .. } => AuditCode::Malformed,
            Self::OtherPackage { .. } => AuditCode::Package,
            Self::NotImportFirst { .. }
            | Self::ImportAgain { .. }
            | Self::JustifyUnrequested { .. }
            | Self::PledgeAgain { .. }
            | Self::BeforePledge { .. }
            | Self::BeforeDeclaration { .. }
            | Self::AfterRecusal { .. }
            | Self::RecusalWhileScored { .. }
            | Self::SignRevision { .. }
            | Self::NotSignedLast { .. } => AuditCode::Order,
            Self::Revision { .. } | Self::Differs { .. } | Self::Duplicate { .. } => {
                AuditCode::Values
            }
        }
    }

    /// The log's line the violation is on, when it names one.
    pub fn line(&self) -> Option<u64> {
        match self {
            Self::Missing | Self::Duplicate { .. } => None,
            Self::Differs { line, .. } => *line,
            Self::NotAnEntry { line, .. }
            | Self::NotCanonical { line }
            | Self::Seq { line, .. }
            | Self::UnknownMaterial { line, .. }
            | Self::OtherPackage { line, .. }
            | Self::NotImportFirst { line, .. }
            | Self::ImportAgain { line }
            | Self::JustifyUnrequested { line, .. }
            | Self::PledgeAgain { line }
            | Self::BeforePledge { line, .. }
            | Self::BeforeDeclaration { line, .. }
            | Self::AfterRecusal { line, .. }
            | Self::RecusalWhileScored { line, .. }
            | Self::SignRevision { line, .. }
            | Self::NotSignedLast { line, .. }
            | Self::Revision { line, .. } => Some(*line),
        }
    }

    /// What is wrong, where, and what to do, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            let what = self.to_string();
            return match self {
                Self::Missing => format!(
                    "{what}: ask the expert to sign the sheet at the expert desk (or with \
                     `reviewdesk sheet sign`), which logs the work"
                ),
                _ => format!(
                    "{what}: the sheet was not signed from the desk's record of the work, or \
                     was changed after signing; ask the expert for a sheet signed again at \
                     their desk"
                ),
            };
        }
        let at = |line: &u64| format!("审计日志第 {line} 行");
        let what = match self {
            Self::Missing => {
                return "该评分表没有审计日志：请专家在评审台（或用 `reviewdesk sheet sign`）\
                        重新签署，签署时会记录评审过程"
                    .into()
            }
            Self::NotAnEntry { line, message } => {
                format!("{}不是审计记录（{message}）", at(line))
            }
            Self::NotCanonical { line } => format!(
                "{}不是该记录的规范 JSON 编码（编码方式不同，或含记录没有的字段）",
                at(line)
            ),
            Self::Seq { line, found } => format!("{}的序号为 {found}", at(line)),
            Self::UnknownMaterial { line, material } => {
                format!("{}打开的材料 {material} 不在本轮评审中", at(line))
            }
            Self::OtherPackage {
                line,
                found,
                expected,
            } => format!(
                "{}导入的是评审包 {found}，而评分表绑定的是评审包 {expected}",
                at(line)
            ),
            Self::NotImportFirst { line, event } => format!(
                "{}为“{}”，日志必须以导入评审包开始",
                at(line),
                event_zh(event)
            ),
            Self::ImportAgain { line } => format!("{}再次导入评审包", at(line)),
            Self::JustifyUnrequested { line, request } => format!(
                "{}对第 {request} 次复核请求作了说明，但日志中没有导入该复核请求",
                at(line)
            ),
            Self::PledgeAgain { line } => format!("{}再次接受承诺", at(line)),
            Self::BeforePledge { line, event } => {
                format!("{}在接受承诺之前“{}”", at(line), event_zh(event))
            }
            Self::BeforeDeclaration {
                line,
                event,
                applicant,
            } => format!(
                "{}在对申报单位 {applicant} 作出声明之前“{}”",
                at(line),
                event_zh(event)
            ),
            Self::AfterRecusal {
                line,
                event,
                applicant,
            } => format!(
                "{}在回避申报单位 {applicant} 之后“{}”",
                at(line),
                event_zh(event)
            ),
            Self::RecusalWhileScored { line, applicant } => format!(
                "{}在申报单位 {applicant} 仍有评分或结论时声明回避",
                at(line)
            ),
            Self::SignRevision {
                line,
                found,
                previous,
            } => format!(
                "{}签署第 {found} 版，应为第 {} 版",
                at(line),
                match previous {
                    None => "1".to_string(),
                    Some(p) => format!("{p} 或 {}", p.saturating_add(1)),
                }
            ),
            Self::NotSignedLast { line, event } => format!(
                "{}（最后一行）为“{}”，日志应以签署结束",
                at(line),
                event_zh(event)
            ),
            Self::Revision { line, log, sheet } => {
                format!("{}签署的是第 {log} 版，而评分表为第 {sheet} 版", at(line))
            }
            Self::Differs {
                entry,
                line,
                log,
                sheet,
            } => {
                let entry = entry_zh(entry);
                let log = match (line, log) {
                    (Some(l), Some(v)) => format!("审计日志中最后一次修改（第 {l} 行）为 {v}"),
                    (Some(l), None) => format!("审计日志已将其清除（第 {l} 行）"),
                    (None, _) => "审计日志中没有".to_string(),
                };
                format!(
                    "{entry}：评分表为 {}，{log}",
                    sheet.as_deref().unwrap_or("无")
                )
            }
            Self::Duplicate { entry } => format!("{}：评分表中重复出现", entry_zh(entry)),
        };
        format!(
            "{what}。该评分表不是按评审台的操作记录签署的，或签署后被改动：请专家在评审台重新签署后提交"
        )
    }
}

/// An entry's name (`score A01 written w_basic`) in Chinese.
fn entry_zh(entry: &str) -> String {
    for (en, zh) in [
        ("declaration ", "利益冲突声明 "),
        ("score ", "评分 "),
        ("verdict ", "结论 "),
        ("veto ", "一票否决 "),
    ] {
        if let Some(rest) = entry.strip_prefix(en) {
            return format!("{zh}{rest}");
        }
    }
    entry.to_owned()
}

/// The most characters of a value a violation quotes.
const QUOTED: usize = 200;

fn quoted<T: Serialize>(v: &T) -> String {
    let text = serde_json::to_string(v).unwrap_or_default();
    match text.char_indices().nth(QUOTED) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// The state the log's edits give: per key the last value (`None`: cleared) and
/// the line that set it.
/// A justification's key: request, applicant, stage, indicator.
type JustifiedCell = (u32, String, String, Option<String>);

#[derive(Default)]
struct Replayed {
    declarations: BTreeMap<String, (Declaration, u64)>,
    scores: BTreeMap<(String, String, String), (Option<PartScore>, u64)>,
    verdicts: BTreeMap<(String, String), (PartVerdict, u64)>,
    vetoes: BTreeMap<(String, String), (Option<PartVeto>, u64)>,
    /// Re-check requests imported (their sequence numbers).
    requests: std::collections::BTreeSet<u32>,
    /// The last justification per request and cell, as the workspace keeps it.
    justifications: BTreeMap<JustifiedCell, (Justification, u64)>,
}

impl Replayed {
    /// Whether the applicant's materials may be opened and its entries made: a
    /// declaration of no conflict.
    fn gate(&self, line: u64, event: &'static str, applicant: &str) -> Result<(), AuditViolation> {
        match self.declarations.get(applicant) {
            None => Err(AuditViolation::BeforeDeclaration {
                line,
                event,
                applicant: applicant.to_owned(),
            }),
            Some((d, _)) if d.recuse.is_some() => Err(AuditViolation::AfterRecusal {
                line,
                event,
                applicant: applicant.to_owned(),
            }),
            Some(_) => Ok(()),
        }
    }

    fn has_entries(&self, applicant: &str) -> bool {
        self.scores
            .iter()
            .any(|((a, _, _), (s, _))| a == applicant && s.is_some())
            || self.verdicts.keys().any(|(a, _)| a == applicant)
    }
}

/// Reads the log's lines: each the canonical JSON of an entry whose `seq` is its
/// line number.
fn parse(log: &str) -> Result<Vec<AuditEntry>, AuditViolation> {
    if log.is_empty() {
        return Err(AuditViolation::Missing);
    }
    let mut entries = Vec::new();
    let body = log.strip_suffix('\n');
    let lines: Vec<&str> = body.unwrap_or(log).split('\n').collect();
    for (i, text) in lines.iter().enumerate() {
        let line = i as u64 + 1;
        if body.is_none() && i + 1 == lines.len() {
            return Err(AuditViolation::NotAnEntry {
                line,
                message: "the last line does not end in LF".into(),
            });
        }
        let entry: AuditEntry =
            serde_json::from_str(text).map_err(|e| AuditViolation::NotAnEntry {
                line,
                message: {
                    let m = e.to_string();
                    match m.char_indices().nth(QUOTED) {
                        Some((at, _)) => format!("{}…", &m[..at]),
                        None => m,
                    }
                },
            })?;
        if entry.to_line() != *text {
            return Err(AuditViolation::NotCanonical { line });
        }
        if entry.seq != line {
            return Err(AuditViolation::Seq {
                line,
                found: entry.seq,
            });
        }
        entries.push(entry);
    }
    Ok(entries)
}

/// Replays a sheet's audit log (`docs/formats.md`, "Audit log"): the first
/// violation of its order or of the sheet's values, else what the chair is shown.
pub fn check_audit(log: &str, cx: &AuditContext<'_>) -> Result<AuditSummary, AuditViolation> {
    use AuditViolation as V;
    let entries = parse(log)?;
    let mut state = Replayed::default();
    let mut pledged_at: Option<String> = None;
    let mut last_sign: Option<(u32, u64)> = None;
    let (mut edits, mut opened) = (0u32, 0u32);
    for e in &entries {
        let line = e.seq;
        let name = event_name(&e.event);
        if line == 1 {
            match &e.event {
                AuditEvent::Import { package, .. } if package == cx.package => continue,
                AuditEvent::Import { package, .. } => {
                    return Err(V::OtherPackage {
                        line,
                        found: package.chars().take(64).collect(),
                        expected: cx.package.to_owned(),
                    })
                }
                _ => return Err(V::NotImportFirst { line, event: name }),
            }
        }
        match &e.event {
            AuditEvent::Import { .. } => return Err(V::ImportAgain { line }),
            AuditEvent::Pledge { .. } => {
                if pledged_at.is_some() {
                    return Err(V::PledgeAgain { line });
                }
                pledged_at = Some(e.at.clone());
            }
            AuditEvent::Declare(d) => {
                if pledged_at.is_none() {
                    return Err(V::BeforePledge { line, event: name });
                }
                if let Some((before, _)) = state.declarations.get(&d.applicant) {
                    if before.recuse.is_some() {
                        return Err(V::AfterRecusal {
                            line,
                            event: name,
                            applicant: d.applicant.clone(),
                        });
                    }
                }
                if d.recuse.is_some() && state.has_entries(&d.applicant) {
                    return Err(V::RecusalWhileScored {
                        line,
                        applicant: d.applicant.clone(),
                    });
                }
                state
                    .declarations
                    .insert(d.applicant.clone(), (d.clone(), line));
                edits += 1;
            }
            AuditEvent::OpenMaterial { material } => {
                let m = cx
                    .round
                    .materials
                    .iter()
                    .find(|m| &m.id == material)
                    .ok_or_else(|| V::UnknownMaterial {
                        line,
                        material: material.chars().take(64).collect(),
                    })?;
                state.gate(line, name, &m.applicant)?;
                opened += 1;
            }
            AuditEvent::Score(s) => {
                state.gate(line, name, &s.applicant)?;
                let key = (s.applicant.clone(), s.stage.clone(), s.indicator.clone());
                state.scores.insert(key, (Some(s.clone()), line));
                edits += 1;
            }
            AuditEvent::ClearScore {
                applicant,
                stage,
                indicator,
            } => {
                state.gate(line, name, applicant)?;
                let key = (applicant.clone(), stage.clone(), indicator.clone());
                state.scores.insert(key, (None, line));
                edits += 1;
            }
            AuditEvent::Verdict(v) => {
                state.gate(line, name, &v.applicant)?;
                let key = (v.applicant.clone(), v.stage.clone());
                state.verdicts.insert(key, (v.clone(), line));
                edits += 1;
            }
            AuditEvent::Veto(v) => {
                state.gate(line, name, &v.applicant)?;
                let key = (v.applicant.clone(), v.indicator.clone());
                state.vetoes.insert(key, (Some(v.clone()), line));
                edits += 1;
            }
            AuditEvent::ClearVeto {
                applicant,
                indicator,
            } => {
                state.gate(line, name, applicant)?;
                let key = (applicant.clone(), indicator.clone());
                state.vetoes.insert(key, (None, line));
                edits += 1;
            }
            AuditEvent::ImportRecheck { sequence, .. } => {
                state.requests.insert(*sequence);
            }
            AuditEvent::Justify(j) => {
                if !state.requests.contains(&j.request) {
                    return Err(V::JustifyUnrequested {
                        line,
                        request: j.request,
                    });
                }
                state.gate(line, name, &j.applicant)?;
                let key = (
                    j.request,
                    j.applicant.clone(),
                    j.stage.clone(),
                    j.indicator.clone(),
                );
                state.justifications.insert(key, (j.clone(), line));
                edits += 1;
            }
            AuditEvent::Sign { revision } => {
                if pledged_at.is_none() {
                    return Err(V::BeforePledge { line, event: name });
                }
                let previous = last_sign.map(|(r, _)| r);
                let follows = match previous {
                    None => *revision == 1,
                    Some(p) => *revision == p || Some(*revision) == p.checked_add(1),
                };
                if !follows {
                    return Err(V::SignRevision {
                        line,
                        found: *revision,
                        previous,
                    });
                }
                last_sign = Some((*revision, line));
            }
        }
    }
    let last = entries.last().expect("parse returns at least one line");
    let Some((revision, sign_line)) = last_sign.filter(|(_, l)| *l == last.seq) else {
        return Err(V::NotSignedLast {
            line: last.seq,
            event: event_name(&last.event),
        });
    };
    if revision != cx.revision {
        return Err(V::Revision {
            line: sign_line,
            log: revision,
            sheet: cx.revision,
        });
    }
    compare(&state, cx.part)?;
    let (no_conflict, recused) =
        state
            .declarations
            .values()
            .fold((0u32, 0u32), |(n, r), (d, _)| match d.recuse {
                None => (n + 1, r),
                Some(_) => (n, r + 1),
            });
    Ok(AuditSummary {
        pledged_at: pledged_at.unwrap_or_default(),
        no_conflict,
        recused,
        edits,
        opened,
        lines: last.seq,
    })
}

/// Compares one kind of entry: the sheet's (in its order) against the log's
/// state, then what the log has that the sheet lacks.
fn compare_kind<K: Ord + Clone, T: PartialEq + Serialize>(
    sheet: &[T],
    key: impl Fn(&T) -> K,
    log: &BTreeMap<K, (Option<T>, u64)>,
    name: impl Fn(&K) -> String,
) -> Result<(), AuditViolation> {
    let mut seen: BTreeMap<K, ()> = BTreeMap::new();
    for entry in sheet {
        let k = key(entry);
        if seen.insert(k.clone(), ()).is_some() {
            return Err(AuditViolation::Duplicate { entry: name(&k) });
        }
        match log.get(&k) {
            Some((Some(v), _)) if v == entry => {}
            other => {
                return Err(AuditViolation::Differs {
                    entry: name(&k),
                    line: other.map(|(_, l)| *l),
                    log: other.and_then(|(v, _)| v.as_ref()).map(quoted),
                    sheet: Some(quoted(entry)),
                })
            }
        }
    }
    for (k, (v, line)) in log {
        if let (Some(v), false) = (v, seen.contains_key(k)) {
            return Err(AuditViolation::Differs {
                entry: name(k),
                line: Some(*line),
                log: Some(quoted(v)),
                sheet: None,
            });
        }
    }
    Ok(())
}

fn wrapped<K: Ord + Clone, T: Clone>(m: &BTreeMap<K, (T, u64)>) -> BTreeMap<K, (Option<T>, u64)> {
    m.iter()
        .map(|(k, (v, l))| (k.clone(), (Some(v.clone()), *l)))
        .collect()
}

fn compare(state: &Replayed, part: &ExpertPart) -> Result<(), AuditViolation> {
    let declarations = wrapped(&state.declarations);
    compare_kind(
        &part.declarations,
        |d| d.applicant.clone(),
        &declarations,
        |a| format!("declaration {a}"),
    )?;
    compare_kind(
        &part.scores,
        |s| (s.applicant.clone(), s.stage.clone(), s.indicator.clone()),
        &state.scores,
        |(a, s, i)| format!("score {a} {s} {i}"),
    )?;
    let verdicts = wrapped(&state.verdicts);
    compare_kind(
        &part.verdicts,
        |v| (v.applicant.clone(), v.stage.clone()),
        &verdicts,
        |(a, s)| format!("verdict {a} {s}"),
    )?;
    compare_kind(
        &part.vetoes,
        |v| (v.applicant.clone(), v.indicator.clone()),
        &state.vetoes,
        |(a, i)| format!("veto {a} {i}"),
    )?;
    let justifications = wrapped(&state.justifications);
    compare_kind(
        &part.justifications,
        |j| {
            (
                j.request,
                j.applicant.clone(),
                j.stage.clone(),
                j.indicator.clone(),
            )
        },
        &justifications,
        |(r, a, s, i)| format!("justification {r} {a} {s} {}", i.as_deref().unwrap_or("-")),
    )
}

/// The log's lines as text (each with its LF), for tests and tools that write a
/// log the way the workspace does.
pub fn log_text(entries: &[AuditEntry]) -> String {
    let mut out = String::new();
    for e in entries {
        let _ = writeln!(out, "{}", e.to_line());
    }
    out
}

/// The log an expert desk writes when each revision's part is entered whole (as
/// `reviewdesk sheet sign` enters a scores file): the package's import, the
/// pledge, the first part's declarations, then per revision its scores, verdicts
/// and vetoes and its signing — for benchmarks and tools that need logs of the
/// desk's shape without a workspace per expert.
pub fn entered_log(package: &str, organizer: &str, at: &str, revisions: &[ExpertPart]) -> String {
    let mut events = vec![
        AuditEvent::Import {
            package: package.to_owned(),
            organizer: organizer.to_owned(),
        },
        AuditEvent::Pledge {
            text_sha256: "00".repeat(32),
        },
    ];
    if let Some(first) = revisions.first() {
        events.extend(first.declarations.iter().cloned().map(AuditEvent::Declare));
    }
    for (r, part) in (1u32..).zip(revisions) {
        events.extend(part.scores.iter().cloned().map(AuditEvent::Score));
        events.extend(part.verdicts.iter().cloned().map(AuditEvent::Verdict));
        events.extend(part.vetoes.iter().cloned().map(AuditEvent::Veto));
        events.push(AuditEvent::Sign { revision: r });
    }
    let entries: Vec<AuditEntry> = (1u64..)
        .zip(events)
        .map(|(seq, event)| AuditEntry {
            seq,
            at: at.to_owned(),
            event,
        })
        .collect();
    log_text(&entries)
}

#[cfg(test)]
mod tests;
