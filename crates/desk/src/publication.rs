//! The organizer's publication (公示 → 异议 → 更正 → 正式公布), one function per
//! step, over the publication folder of `docs/formats.md` ("Publication"): the
//! chair's bundle verified and recomputed, the notice's PDF and CSV signed with a
//! detached SSH signature, the objection register as a hash-chained log, the
//! amendments rerun through the rules engine, the final list and the archive that
//! anyone verifies and recomputes. The rules are `reviewdesk_core::publication`
//! (rule 17 of `docs/rules.md`); days come in as arguments (no clock here).

use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use reviewdesk_core::publication::{
    amended_result, is_material, line_hash, log_genesis, notice_period, notice_rows,
    objection_refusals, read_log, reply_due, result_diff, AmendError, AmendmentChanges, Cause,
    Change, DiffRow, Event, LogError, LogLine, NamedFile, NoticePeriod, NoticeRow, ObjectionState,
    Objector, Outcome, Register, MAX_TEXT,
};
use reviewdesk_core::rules::ComputeResult;
use reviewdesk_core::{CalendarError, Date, Lang, NoticeOrder, PeriodUnit};
use reviewdesk_formats::{
    allowed_signers_line, verify_detached, write_archive, Fingerprint, FormatError, Identity,
    Namespace, OpenedArchive, OpenedBundle, Signer, Trusted,
};
use reviewdesk_reports::{DocumentDate, FontData};
use reviewdesk_results::{notice_csv, notice_pdf, ListKind, NoticeDoc, ResultsError};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::bundle::{recompute_bundle, BundleVerification};
use crate::error::DeskCode;
use crate::files::{sha256_limited, write_atomically, write_bytes, Limited, LimitedFile};
use crate::merge::canonical_json;
use crate::package::hex;
use crate::DeskError;

/// The register's file name in the publication folder.
pub const LOG_FILE: &str = "log.jsonl";
/// The bundle's copy in the publication folder.
pub const BUNDLE_FILE: &str = "bundle.rdbundle";
/// The evidence folder.
pub const EVIDENCE_DIR: &str = "evidence";
/// The final list's folder.
pub const FINAL_DIR: &str = "final";
const NOTICE_FORMAT: &str = "reviewdesk-notice/1";
const FINAL_FORMAT: &str = "reviewdesk-final-list/1";
const AMENDMENT_FORMAT: &str = "reviewdesk-amendment/1";
/// The largest evidence file, 64 MiB.
pub const MAX_EVIDENCE: u64 = 67_108_864;

/// The publication's stable codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicationCode {
    /// `log_broken`: the register does not chain or parse.
    LogBroken,
    /// `bad_input`: a text missing, too long, or an argument that does not fit.
    BadInput,
    /// `unknown_applicant`: not an applicant of the round.
    UnknownApplicant,
    /// `unknown_objection`: no such objection.
    UnknownObjection,
    /// `not_admitted`: a refused objection takes no note or ruling.
    NotAdmitted,
    /// `already_ruled`: the objection has its ruling.
    AlreadyRuled,
    /// `no_notice`: no notice has been published.
    NoNotice,
    /// `notice_running`: the notice period is not over.
    NoticeRunning,
    /// `objections_open`: admitted objections without a ruling.
    ObjectionsOpen,
    /// `new_notice_required`: an amendment changed the list since the last notice.
    NewNoticeRequired,
    /// `already_published`: the final list exists.
    AlreadyPublished,
    /// `not_the_organizer`: the key is not the publication's organizer.
    NotTheOrganizer,
    /// `bundle_mismatch`: another bundle than the publication's.
    BundleMismatch,
    /// `amend_refused`: the amendment cannot be applied.
    AmendRefused,
    /// `bad_archive`: an archive's entries are not those of the format.
    BadArchive,
    /// `calendar`: a date the calendar cannot count.
    Calendar,
    /// `recompute_mismatch`: a record or file is not its recomputation, or does
    /// not hash to its register line.
    RecomputeMismatch,
    /// A desk (or formats) code.
    Desk(DeskCode),
}

impl PublicationCode {
    /// The snake_case text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::LogBroken => "log_broken",
            Self::BadInput => "bad_input",
            Self::UnknownApplicant => "unknown_applicant",
            Self::UnknownObjection => "unknown_objection",
            Self::NotAdmitted => "not_admitted",
            Self::AlreadyRuled => "already_ruled",
            Self::NoNotice => "no_notice",
            Self::NoticeRunning => "notice_running",
            Self::ObjectionsOpen => "objections_open",
            Self::NewNoticeRequired => "new_notice_required",
            Self::AlreadyPublished => "already_published",
            Self::NotTheOrganizer => "not_the_organizer",
            Self::BundleMismatch => "bundle_mismatch",
            Self::AmendRefused => "amend_refused",
            Self::BadArchive => "bad_archive",
            Self::Calendar => "calendar",
            Self::RecomputeMismatch => "recompute_mismatch",
            Self::Desk(d) => d.as_str(),
        }
    }
}

/// Why a publication step failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PublicationError {
    /// A desk or format check failed (the bundle, a signature, a file).
    #[error(transparent)]
    Desk(#[from] DeskError),
    /// The register does not read.
    #[error("{path}: {source}")]
    Log {
        /// The register (or archive entry).
        path: String,
        /// Which line and what.
        source: LogError,
    },
    /// An input that does not fit.
    #[error("{0}")]
    BadInput(String),
    /// An objection's evidence file over [`MAX_EVIDENCE`] (code `bad_input`).
    #[error("{path}: {found} bytes; an evidence file is at most 64 MiB (67,108,864 bytes): compress or split it")]
    EvidenceTooLarge {
        /// The file.
        path: String,
        /// Its size.
        found: u64,
    },
    /// Not an applicant of the round.
    #[error("'{0}' is not an applicant of the round")]
    UnknownApplicant(String),
    /// No such objection.
    #[error("no objection '{0}' in the register")]
    UnknownObjection(String),
    /// The objection was refused.
    #[error("objection {0} was not admitted: it takes no note or ruling")]
    NotAdmitted(String),
    /// The objection has its ruling.
    #[error("objection {0} is already ruled")]
    AlreadyRuled(String),
    /// No notice yet.
    #[error("no notice has been published yet (reviewdesk notice new)")]
    NoNotice,
    /// The period is not over.
    #[error(
        "the notice period runs until {end}; the final list can be published from the day after"
    )]
    NoticeRunning {
        /// Its last day.
        end: Date,
    },
    /// Objections without ruling.
    #[error("admitted objections without a ruling: {}", .0.join(", "))]
    ObjectionsOpen(Vec<String>),
    /// A material amendment since the last notice.
    #[error("an amendment changed the list after the last notice: publish a new notice first")]
    NewNoticeRequired,
    /// The final list exists.
    #[error("the final list is already published")]
    AlreadyPublished,
    /// Not the organizer.
    #[error("the key {found} is not the organizer {expected} of this publication")]
    NotTheOrganizer {
        /// The organizer.
        expected: String,
        /// The key given.
        found: String,
    },
    /// Another bundle.
    #[error("{0}")]
    BundleMismatch(String),
    /// The amendment cannot be applied.
    #[error(transparent)]
    Amend(#[from] AmendError),
    /// An archive's entries do not fit the format.
    #[error("archive: {0}")]
    BadArchive(String),
    /// A date the calendar cannot count.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// A record, file or hash is not what it recomputes to.
    #[error("{what}: {detail}")]
    Mismatch {
        /// The file or entry.
        what: String,
        /// What differs.
        detail: String,
    },
}

impl PublicationError {
    /// The stable code.
    pub fn code(&self) -> PublicationCode {
        match self {
            Self::Desk(d) => PublicationCode::Desk(d.code()),
            Self::Log { .. } => PublicationCode::LogBroken,
            Self::BadInput(_) | Self::EvidenceTooLarge { .. } => PublicationCode::BadInput,
            Self::UnknownApplicant(_) => PublicationCode::UnknownApplicant,
            Self::UnknownObjection(_) => PublicationCode::UnknownObjection,
            Self::NotAdmitted(_) => PublicationCode::NotAdmitted,
            Self::AlreadyRuled(_) => PublicationCode::AlreadyRuled,
            Self::NoNotice => PublicationCode::NoNotice,
            Self::NoticeRunning { .. } => PublicationCode::NoticeRunning,
            Self::ObjectionsOpen(_) => PublicationCode::ObjectionsOpen,
            Self::NewNoticeRequired => PublicationCode::NewNoticeRequired,
            Self::AlreadyPublished => PublicationCode::AlreadyPublished,
            Self::NotTheOrganizer { .. } => PublicationCode::NotTheOrganizer,
            Self::BundleMismatch(_) => PublicationCode::BundleMismatch,
            Self::Amend(_) => PublicationCode::AmendRefused,
            Self::BadArchive(_) => PublicationCode::BadArchive,
            Self::Calendar(_) => PublicationCode::Calendar,
            Self::Mismatch { .. } => PublicationCode::RecomputeMismatch,
        }
    }
}

impl PublicationError {
    /// What is wrong and what to do, in `lang` (English: the `Display` text).
    pub fn message(&self, lang: reviewdesk_core::Lang) -> String {
        use reviewdesk_core::publication::AmendError as A;
        match self {
            Self::Desk(e) => return e.message(lang),
            Self::Calendar(e) => return e.message(lang),
            _ if lang == reviewdesk_core::Lang::En => return self.to_string(),
            _ => {}
        }
        match self {
            Self::Desk(_) | Self::Calendar(_) => unreachable!("answered above"),
            Self::Log { path, source } => format!(
                "登记簿 {path} 第 {} 行不符合其格式或断链：登记簿已损坏或被改动",
                source.line
            ),
            Self::BadInput(_) => "输入的内容不符合要求，请检查各项参数".to_string(),
            Self::EvidenceTooLarge { path, found } => format!(
                "证据文件 {path} 有 {found} 字节，超过 64 MiB（67,108,864 字节）的上限。请压缩或拆分后再附上"
            ),
            Self::UnknownApplicant(a) => format!("`{a}` 不是本批次的申报单位"),
            Self::UnknownObjection(o) => format!("登记簿中没有异议 `{o}`"),
            Self::NotAdmitted(o) => format!("异议 {o} 未予受理：不能再加说明或作出处理决定"),
            Self::AlreadyRuled(o) => format!("异议 {o} 已经处理过"),
            Self::NoNotice => "还没有发布公示（`reviewdesk notice new`）".to_string(),
            Self::NoticeRunning { end } => {
                format!("公示期到 {end} 为止：从次日起才能发布最终名单")
            }
            Self::ObjectionsOpen(list) => {
                format!("以下已受理的异议尚未处理：{}", list.join("、"))
            }
            Self::NewNoticeRequired => {
                "上次公示后有修正改变了名单：请先发布新的公示".to_string()
            }
            Self::AlreadyPublished => "最终名单已经发布".to_string(),
            Self::NotTheOrganizer { expected, found } => format!(
                "密钥 {found} 不是此次公示的主办单位 {expected}：请用主办单位的身份"
            ),
            Self::BundleMismatch(_) => {
                "结果包与此次公示的记录不符：请使用公示所依据的结果包".to_string()
            }
            Self::Amend(A::UnknownApplicant { number, applicant }) => {
                format!("修正 {number}：没有申报单位 `{applicant}`")
            }
            Self::Amend(A::NoSuchScore {
                number,
                expert,
                applicant,
                indicator,
            }) => format!(
                "修正 {number}：没有专家 {expert} 对 {applicant} 在指标 `{indicator}` 上的评分可更正"
            ),
            Self::Amend(A::Compute { number, .. }) => {
                format!("修正 {number}：评分规则拒绝了修正后的评分")
            }
            Self::BadArchive(_) => "归档文件不符合格式或内容不一致：请勿使用".to_string(),
            Self::Mismatch { what, .. } => format!(
                "`{what}` 与按签名内容重新计算的结果不符：文件不可信"
            ),
        }
    }
}

/// Every [`PublicationError`] variant once (a new variant fails to compile in
/// the match until listed), for the message tests.
#[doc(hidden)]
pub fn every_publication_error() -> Vec<PublicationError> {
    use reviewdesk_core::publication::AmendError as A;
    let english = || "the value is not what was expected".to_string();
    let all = vec![
        PublicationError::Desk(DeskError::NoSheets),
        PublicationError::Log {
            path: "register.jsonl".into(),
            source: LogError {
                line: 3,
                what: english(),
            },
        },
        PublicationError::BadInput(english()),
        PublicationError::EvidenceTooLarge {
            path: "evidence.pdf".into(),
            found: 67_108_865,
        },
        PublicationError::UnknownApplicant("A09".into()),
        PublicationError::UnknownObjection("O9".into()),
        PublicationError::NotAdmitted("O1".into()),
        PublicationError::AlreadyRuled("O1".into()),
        PublicationError::NoNotice,
        PublicationError::NoticeRunning {
            end: Date::new(2026, 6, 1).expect("a date"),
        },
        PublicationError::ObjectionsOpen(vec!["O1".into()]),
        PublicationError::NewNoticeRequired,
        PublicationError::AlreadyPublished,
        PublicationError::NotTheOrganizer {
            expected: "SHA256:abc".into(),
            found: "SHA256:def".into(),
        },
        PublicationError::BundleMismatch(english()),
        PublicationError::Amend(A::UnknownApplicant {
            number: 1,
            applicant: "A09".into(),
        }),
        PublicationError::Amend(A::NoSuchScore {
            number: 1,
            expert: "E01".into(),
            applicant: "A01".into(),
            indicator: "w_basic".into(),
        }),
        PublicationError::BadArchive(english()),
        PublicationError::Calendar(CalendarError::YearNotCovered {
            year: 2099,
            covered: "2024, 2025, 2026".into(),
        }),
        PublicationError::Calendar(CalendarError::BadDate("2026-13-01".into())),
        PublicationError::Mismatch {
            what: "notice".into(),
            detail: english(),
        },
    ];
    for e in &all {
        match e {
            PublicationError::Desk(_)
            | PublicationError::Log { .. }
            | PublicationError::BadInput(_)
            | PublicationError::EvidenceTooLarge { .. }
            | PublicationError::UnknownApplicant(_)
            | PublicationError::UnknownObjection(_)
            | PublicationError::NotAdmitted(_)
            | PublicationError::AlreadyRuled(_)
            | PublicationError::NoNotice
            | PublicationError::NoticeRunning { .. }
            | PublicationError::ObjectionsOpen(_)
            | PublicationError::NewNoticeRequired
            | PublicationError::AlreadyPublished
            | PublicationError::NotTheOrganizer { .. }
            | PublicationError::BundleMismatch(_)
            | PublicationError::Amend(_)
            | PublicationError::BadArchive(_)
            | PublicationError::Calendar(_)
            | PublicationError::Mismatch { .. } => {}
        }
    }
    all
}

fn mismatch(what: &str, detail: impl Into<String>) -> PublicationError {
    PublicationError::Mismatch {
        what: what.to_string(),
        detail: detail.into(),
    }
}

fn fmt_err(part: &str) -> impl FnOnce(FormatError) -> PublicationError + '_ {
    move |source| {
        PublicationError::Desk(DeskError::Format {
            part: part.to_string(),
            source,
        })
    }
}

fn sha_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A notice (or the final list) as recorded: `notice.json` / `final.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeRecord {
    /// `reviewdesk-notice/1` or `reviewdesk-final-list/1`.
    pub format: String,
    /// The notice's number (the final list: the last notice's).
    pub number: u32,
    /// The round id.
    pub round: String,
    /// SHA-256 of the bundle file.
    pub bundle: String,
    /// How many amendments the list includes.
    pub amendments: u32,
    /// First day of the period.
    pub start: Date,
    /// Last day.
    pub end: Date,
    /// Length.
    pub days: u32,
    /// Unit.
    pub unit: PeriodUnit,
    /// The length is an assumption.
    pub assumed: bool,
    /// The article the period comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// The list's order.
    pub order: NoticeOrder,
    /// Where and how to object.
    pub channel: String,
    /// The contact line.
    pub contact: String,
    /// `zh` or `en`: the language of the PDF and CSV.
    pub lang: String,
    /// The rows.
    pub rows: Vec<NoticeRow>,
}

impl NoticeRecord {
    fn period(&self) -> NoticePeriod {
        NoticePeriod {
            start: self.start,
            end: self.end,
            days: self.days,
            unit: self.unit,
        }
    }

    fn language(&self) -> Lang {
        if self.lang == "en" {
            Lang::En
        } else {
            Lang::ZhCn
        }
    }
}

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::ZhCn => "zh",
        Lang::En => "en",
    }
}

/// An amendment as recorded: `amendment-<n>.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmendmentRecord {
    /// `reviewdesk-amendment/1`.
    pub format: String,
    /// From 1.
    pub number: u32,
    /// SHA-256 of the bundle file.
    pub bundle: String,
    /// The cause (rule 17.5).
    pub cause: Cause,
    /// The upheld objection (cause `upheld_objection` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objection: Option<String>,
    /// The applicants concerned.
    pub applicants: Vec<String>,
    /// The reason.
    pub reason: String,
    /// The changes.
    pub changes: Vec<Change>,
    /// Applicants whose standing changed (recomputed).
    pub diff: Vec<DiffRow>,
    /// Whether the notice list changed (recomputed).
    pub material: bool,
}

/// A publication folder opened: the bundle verified and recomputed, the register
/// read and checked, the amendments read.
pub struct Publication {
    dir: PathBuf,
    /// The bundle, verified and recomputed.
    pub bundle: BundleVerification,
    /// SHA-256 of the bundle file.
    pub bundle_sha256: String,
    /// The register's lines.
    pub lines: Vec<LogLine>,
    /// The register folded.
    pub register: Register,
    /// The amendment records, in order.
    pub amendments: Vec<AmendmentRecord>,
    next_prev: String,
    organizer: Fingerprint,
}

fn check_text(what: &str, text: &str, required: bool) -> Result<(), PublicationError> {
    if required && text.trim().is_empty() {
        return Err(PublicationError::BadInput(format!("{what} is empty")));
    }
    if text.chars().count() > MAX_TEXT {
        return Err(PublicationError::BadInput(format!(
            "{what} is longer than {MAX_TEXT} characters"
        )));
    }
    Ok(())
}

fn read_file(path: &Path) -> Result<Vec<u8>, PublicationError> {
    std::fs::read(path).map_err(|source| {
        PublicationError::Desk(DeskError::Read {
            path: path.to_path_buf(),
            source,
        })
    })
}

/// A bundle file verified and recomputed (its package signed by `organizer`), with
/// its SHA-256: the file read once, as a stream.
struct VerifiedFile {
    verification: BundleVerification,
    sha256: String,
}

fn verify_bundle_file(
    path: &Path,
    organizer: &Fingerprint,
    identities: &[Identity],
) -> Result<VerifiedFile, PublicationError> {
    let (verification, sha256) =
        crate::bundle::verify_bundle_file(path, Some(organizer), identities)?;
    Ok(VerifiedFile {
        verification,
        sha256: hex(&sha256),
    })
}

/// Copies the bundle file `from` (verified, hashing to `sha256`) to `to`,
/// streaming; a copy whose bytes do not hash as verified (the file changed in
/// between) is removed and refused.
fn copy_bundle(from: &Path, to: &Path, sha256: &str) -> Result<(), PublicationError> {
    let mut file = LimitedFile::open(from, Limited::Bundle)?;
    let copied = write_atomically(to, |w| {
        std::io::copy(&mut file, w).map_err(|source| DeskError::Read {
            path: from.to_path_buf(),
            source,
        })?;
        file.finish()
    })?;
    if hex(&copied) != sha256 {
        let _ = std::fs::remove_file(to);
        return Err(PublicationError::BundleMismatch(format!(
            "{} changed while it was copied",
            from.display()
        )));
    }
    Ok(())
}

/// The amendment records `register` names, read from the publication folder
/// `dir`; each must hash to its register line.
pub fn read_amendments(
    dir: &Path,
    register: &Register,
) -> Result<Vec<AmendmentRecord>, PublicationError> {
    let mut amendments = Vec::new();
    for (number, hash, _, _) in &register.amendments {
        let path = dir.join(format!("amendment-{number}.json"));
        let bytes = read_file(&path)?;
        if sha_hex(&bytes) != *hash {
            return Err(mismatch(
                &path.display().to_string(),
                "the file does not hash to its register line",
            ));
        }
        amendments.push(parse_json::<AmendmentRecord>(
            &path.display().to_string(),
            &bytes,
        )?);
    }
    Ok(amendments)
}

impl Publication {
    /// Opens `dir` (a publication folder with its register) for the organizer
    /// `signer`: the register checked, its organizer must be `signer`, the bundle
    /// copy must hash to line 1 and verify (with `identities`), every amendment
    /// record must hash to its register line.
    pub fn open(
        dir: &Path,
        signer: &Signer,
        identities: &[Identity],
    ) -> Result<Publication, PublicationError> {
        Self::open_with(dir, signer, identities, None)
    }

    /// [`Publication::open`]; `verified`, when given, is the folder's bundle copy as
    /// this same step verified it a moment ago (when it started the folder): it
    /// must still hash to line 1, and is not verified and recomputed a second time.
    fn open_with(
        dir: &Path,
        signer: &Signer,
        identities: &[Identity],
        verified: Option<VerifiedFile>,
    ) -> Result<Publication, PublicationError> {
        let log_path = dir.join(LOG_FILE);
        let text = read_file(&log_path)?;
        let (lines, next_prev) = read_log(&text).map_err(|source| PublicationError::Log {
            path: log_path.display().to_string(),
            source,
        })?;
        let first = lines.first().ok_or_else(|| PublicationError::Log {
            path: log_path.display().to_string(),
            source: LogError {
                line: 1,
                what: "the register is empty".into(),
            },
        })?;
        let organizer = signer.fingerprint();
        if first.by != organizer.as_str() {
            return Err(PublicationError::NotTheOrganizer {
                expected: first.by.clone(),
                found: organizer.to_string(),
            });
        }
        let register = Register::of(&lines);
        let (sha, _) = register
            .bundle
            .clone()
            .ok_or_else(|| PublicationError::Log {
                path: log_path.display().to_string(),
                source: LogError {
                    line: 1,
                    what: "line 1 is not the bundle".into(),
                },
            })?;
        let copy = dir.join(BUNDLE_FILE);
        let (bundle, found) = match verified {
            Some(v) => (
                v.verification,
                hex(&sha256_limited(&copy, Limited::Bundle)?),
            ),
            None => {
                let v = verify_bundle_file(&copy, &organizer, identities)?;
                (v.verification, v.sha256)
            }
        };
        if found != sha {
            return Err(PublicationError::BundleMismatch(format!(
                "{} has SHA-256 {found}, the register names {sha}",
                dir.join(BUNDLE_FILE).display()
            )));
        }
        let amendments = read_amendments(dir, &register)?;
        Ok(Publication {
            dir: dir.to_path_buf(),
            bundle,
            bundle_sha256: sha,
            lines,
            register,
            amendments,
            next_prev,
            organizer,
        })
    }

    fn append(&mut self, on: Date, event: Event) -> Result<(), PublicationError> {
        let line = LogLine {
            seq: self.lines.len() as u32 + 1,
            prev: self.next_prev.clone(),
            on,
            by: self.organizer.to_string(),
            event,
        };
        let text = line.to_line();
        append_line(&self.dir.join(LOG_FILE), text.as_bytes())?;
        self.next_prev = line_hash(text.as_bytes());
        self.lines.push(line);
        self.register = Register::of(&self.lines);
        Ok(())
    }

    /// The result with the first `k` amendments.
    pub fn result_after(&self, k: usize) -> Result<ComputeResult, PublicationError> {
        result_with(&self.bundle, &self.amendments[..k])
    }

    /// The round's folder-independent facts, for a screen: the current result
    /// (every amendment applied).
    pub fn current_result(&self) -> Result<ComputeResult, PublicationError> {
        self.result_after(self.amendments.len())
    }
}

fn parse_json<T: for<'de> Deserialize<'de> + Serialize>(
    what: &str,
    bytes: &[u8],
) -> Result<T, PublicationError> {
    let v: T = serde_json::from_slice(bytes)
        .map_err(|e| mismatch(what, format!("not a valid record: {e}")))?;
    if canonical_json(&v) != bytes {
        return Err(mismatch(what, "the JSON is not in canonical form"));
    }
    Ok(v)
}

fn append_line(path: &Path, line: &[u8]) -> Result<(), PublicationError> {
    use std::io::Write;
    let werr = |source| {
        PublicationError::Desk(DeskError::Write {
            path: path.to_path_buf(),
            source,
        })
    };
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .map_err(werr)?;
    f.write_all(line).map_err(werr)?;
    f.sync_all().map_err(werr)
}

fn result_with(
    v: &BundleVerification,
    amendments: &[AmendmentRecord],
) -> Result<ComputeResult, PublicationError> {
    let changes: Vec<AmendmentChanges<'_>> = amendments
        .iter()
        .map(|a| AmendmentChanges {
            number: a.number,
            reason: &a.reason,
            changes: &a.changes,
        })
        .collect();
    Ok(amended_result(
        &v.template,
        &v.input,
        &v.result,
        &changes,
        v.template.notice_rules().substitution,
    )?)
}

/// What a notice step produced.
#[derive(Debug, Clone)]
pub struct NoticeOutcome {
    /// The notice's number.
    pub number: u32,
    /// Its folder.
    pub dir: PathBuf,
    /// The period.
    pub period: NoticePeriod,
    /// The period's length is an assumption.
    pub assumed: bool,
    /// How many applicants are listed.
    pub rows: usize,
    /// The PDF and the CSV (path, SHA-256).
    pub files: Vec<(PathBuf, String)>,
    /// The `allowed_signers` line.
    pub allowed_signers: String,
    /// The `ssh-keygen -Y verify` command for the PDF.
    pub verify_command: String,
}

/// What the organizer gives for a notice.
#[derive(Debug, Clone)]
pub struct NoticeRequest<'a> {
    /// The bundle: required for the first notice, else it must be the same file.
    pub bundle: Option<&'a Path>,
    /// The first day.
    pub start: Date,
    /// Where and how to object (1–400 characters).
    pub channel: &'a str,
    /// The contact line (1–400 characters).
    pub contact: &'a str,
    /// The documents' language.
    pub lang: Lang,
    /// The day of the step.
    pub today: Date,
}

/// Starts a publication folder from a bundle, if it has none: the bundle verified
/// (its package signed by `signer`), copied in, line 1 written.
/// Returns the bundle as verified, for the step to go on with.
fn start_folder(
    dir: &Path,
    bundle: &Path,
    signer: &Signer,
    identities: &[Identity],
    today: Date,
) -> Result<VerifiedFile, PublicationError> {
    let organizer = signer.fingerprint();
    let v = verify_bundle_file(bundle, &organizer, identities)?;
    std::fs::create_dir_all(dir).map_err(|source| DeskError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    copy_bundle(bundle, &dir.join(BUNDLE_FILE), &v.sha256)?;
    let line = LogLine {
        seq: 1,
        prev: log_genesis(),
        on: today,
        by: organizer.to_string(),
        event: Event::Bundle {
            sha256: v.sha256.clone(),
            round: v.verification.round.id.clone(),
        },
    };
    write_bytes(&dir.join(LOG_FILE), line.to_line().as_bytes())?;
    Ok(v)
}

/// The files of a notice or the final list, signed.
struct SignedList {
    record: Vec<u8>,
    /// The record's own detached signature: `notice verify` prints the record, so
    /// it is signed like the PDF and CSV made from it.
    record_sig: String,
    pdf: Vec<u8>,
    csv: Vec<u8>,
    pdf_sig: String,
    csv_sig: String,
}

fn document_date(d: Date) -> Result<DocumentDate, PublicationError> {
    DocumentDate::new(d.year() as u16, d.month() as u8, d.day() as u8).map_err(|e| {
        PublicationError::Desk(DeskError::Report {
            name: "date",
            source: ResultsError::Pdf(e),
        })
    })
}

fn list_doc<'a>(
    v: &'a BundleVerification,
    rec: &'a NoticeRecord,
    kind: ListKind,
    date: DocumentDate,
    bundle_sha: &str,
) -> NoticeDoc<'a> {
    let lang = rec.language();
    let footer = match lang {
        Lang::ZhCn => format!("结果包 SHA-256：{bundle_sha}"),
        Lang::En => format!("Result bundle SHA-256: {bundle_sha}"),
    };
    NoticeDoc {
        kind,
        round: &v.round,
        template: &v.template,
        rows: &rec.rows,
        period: rec.period(),
        assumed: rec.assumed,
        order: rec.order,
        basis: rec.basis.as_deref(),
        channel: &rec.channel,
        contact: &rec.contact,
        lang,
        date,
        footer: Some(footer),
    }
}

fn render_signed(
    v: &BundleVerification,
    rec: &NoticeRecord,
    kind: ListKind,
    on: Date,
    signer: &Signer,
) -> Result<SignedList, PublicationError> {
    let doc = list_doc(v, rec, kind, document_date(on)?, &rec.bundle);
    let font = FontData::bundled().map_err(|e| DeskError::Report {
        name: "font",
        source: ResultsError::Pdf(e),
    })?;
    let name = match kind {
        ListKind::Notice => "notice",
        ListKind::FinalList => "final-list",
    };
    let pdf = notice_pdf(&doc, &font).map_err(|source| DeskError::Report { name, source })?;
    let csv = notice_csv(&doc).map_err(|source| DeskError::Report { name, source })?;
    let ns = namespace(kind);
    let pdf_sig = signer.sign_armor(ns, &pdf).map_err(fmt_err(name))?;
    let csv_sig = signer.sign_armor(ns, &csv).map_err(fmt_err(name))?;
    let record = canonical_json(rec);
    let record_sig = signer.sign_armor(ns, &record).map_err(fmt_err(name))?;
    Ok(SignedList {
        record,
        record_sig,
        pdf,
        csv,
        pdf_sig,
        csv_sig,
    })
}

fn namespace(kind: ListKind) -> Namespace {
    match kind {
        ListKind::Notice => Namespace::Notice,
        ListKind::FinalList => Namespace::FinalList,
    }
}

/// Writes the signed list's files into `out` (created); returns the PDF's and
/// CSV's (name, hash), the allowed_signers line and the verify command.
fn write_list(
    out: &Path,
    stem: &str,
    json_name: &str,
    list: &SignedList,
    signer: &Signer,
    kind: ListKind,
) -> Result<(Vec<NamedFile>, String, String), PublicationError> {
    std::fs::create_dir_all(out).map_err(|source| DeskError::Write {
        path: out.to_path_buf(),
        source,
    })?;
    let (pdf, csv) = (format!("{stem}.pdf"), format!("{stem}.csv"));
    write_bytes(&out.join(json_name), &list.record)?;
    write_bytes(
        &out.join(format!("{json_name}.sig")),
        list.record_sig.as_bytes(),
    )?;
    write_bytes(&out.join(&pdf), &list.pdf)?;
    write_bytes(&out.join(format!("{pdf}.sig")), list.pdf_sig.as_bytes())?;
    write_bytes(&out.join(&csv), &list.csv)?;
    write_bytes(&out.join(format!("{csv}.sig")), list.csv_sig.as_bytes())?;
    let allowed = allowed_signers_line(
        signer.public_key(),
        &[Namespace::Notice, Namespace::FinalList],
    )
    .map_err(fmt_err("allowed_signers"))?;
    write_bytes(&out.join("allowed_signers"), allowed.as_bytes())?;
    let files = vec![
        NamedFile {
            name: pdf.clone(),
            sha256: sha_hex(&list.pdf),
        },
        NamedFile {
            name: csv.clone(),
            sha256: sha_hex(&list.csv),
        },
    ];
    let mut sums: String = files
        .iter()
        .map(|f| format!("{}  {}\n", f.sha256, f.name))
        .collect();
    sums.push_str(&format!("{}  {json_name}\n", sha_hex(&list.record)));
    write_bytes(&out.join("SHA256SUMS"), sums.as_bytes())?;
    let command = format!(
        "ssh-keygen -Y verify -f {} -I {} -n {} -s {} < {}",
        out.join("allowed_signers").display(),
        signer.fingerprint(),
        namespace(kind).as_str(),
        out.join(format!("{pdf}.sig")).display(),
        out.join(&pdf).display()
    );
    Ok((files, allowed, command))
}

#[allow(clippy::too_many_arguments)]
fn notice_record(
    v: &BundleVerification,
    bundle_sha: &str,
    number: u32,
    amendments: u32,
    result: &ComputeResult,
    period: NoticePeriod,
    channel: &str,
    contact: &str,
    lang: Lang,
) -> NoticeRecord {
    let rules = v.template.notice_rules();
    NoticeRecord {
        format: NOTICE_FORMAT.into(),
        number,
        round: v.round.id.clone(),
        bundle: bundle_sha.to_owned(),
        amendments,
        start: period.start,
        end: period.end,
        days: period.days,
        unit: period.unit,
        assumed: rules.assumed,
        basis: rules.basis.clone(),
        order: rules.order,
        channel: channel.to_owned(),
        contact: contact.to_owned(),
        lang: lang_code(lang).into(),
        rows: notice_rows(&v.round, result, rules.order),
    }
}

fn check_short(what: &str, text: &str) -> Result<(), PublicationError> {
    if text.trim().is_empty() || text.chars().count() > 400 {
        return Err(PublicationError::BadInput(format!(
            "{what} must be 1 to 400 characters"
        )));
    }
    Ok(())
}

/// Publishes a notice (公示, rule 17.1–17.2) into `dir`: on the first one the
/// folder is started from `req.bundle`; the period computed from the template's
/// `[notice]`, the list from the current result (every amendment so far), the PDF
/// and CSV signed (detached, `reviewdesk-notice@v1`) into `dir/notice-<n>/`, the
/// register appended.
pub fn publish_notice(
    dir: &Path,
    signer: &Signer,
    identities: &[Identity],
    req: &NoticeRequest<'_>,
) -> Result<NoticeOutcome, PublicationError> {
    check_short("the objection channel", req.channel)?;
    check_short("the contact line", req.contact)?;
    let started = if dir.join(LOG_FILE).exists() {
        None
    } else {
        let bundle = req.bundle.ok_or_else(|| {
            PublicationError::BadInput(format!(
                "{} has no publication yet: give the result bundle",
                dir.display()
            ))
        })?;
        Some(start_folder(dir, bundle, signer, identities, req.today)?)
    };
    let fresh = started.is_some();
    let mut p = Publication::open_with(dir, signer, identities, started)?;
    if let Some(b) = req.bundle.filter(|_| !fresh) {
        let sha = hex(&sha256_limited(b, Limited::Bundle)?);
        if sha != p.bundle_sha256 {
            return Err(PublicationError::BundleMismatch(format!(
                "{} is not the bundle of this publication ({})",
                b.display(),
                p.bundle_sha256
            )));
        }
    }
    if p.register.final_list.is_some() {
        return Err(PublicationError::AlreadyPublished);
    }
    let rules = p.bundle.template.notice_rules();
    let period = notice_period(&p.bundle.calendar, req.start, rules.days, rules.unit)?;
    let number = p.register.notices.len() as u32 + 1;
    let result = p.current_result()?;
    let rec = notice_record(
        &p.bundle,
        &p.bundle_sha256,
        number,
        p.amendments.len() as u32,
        &result,
        period,
        req.channel,
        req.contact,
        req.lang,
    );
    let list = render_signed(&p.bundle, &rec, ListKind::Notice, req.today, signer)?;
    let out = dir.join(format!("notice-{number}"));
    let (files, allowed, command) = write_list(
        &out,
        "notice",
        "notice.json",
        &list,
        signer,
        ListKind::Notice,
    )?;
    p.append(
        req.today,
        Event::Notice {
            number,
            sha256: sha_hex(&list.record),
            start: period.start,
            end: period.end,
            files: files.clone(),
        },
    )?;
    Ok(NoticeOutcome {
        number,
        dir: out.clone(),
        period,
        assumed: rec.assumed,
        rows: rec.rows.len(),
        files: files
            .into_iter()
            .map(|f| (out.join(f.name), f.sha256))
            .collect(),
        allowed_signers: allowed,
        verify_command: command,
    })
}

/// An objection as the organizer registers it.
#[derive(Debug, Clone)]
pub struct ObjectionRequest<'a> {
    /// Who.
    pub objector: Objector,
    /// The contested applicant's id.
    pub applicant: &'a str,
    /// The grounds.
    pub grounds: &'a str,
    /// The evidence files (copied into the folder by their SHA-256).
    pub evidence: &'a [PathBuf],
    /// The day received.
    pub received: Date,
    /// The day of the step.
    pub today: Date,
}

fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().chars().take(200).collect())
        .unwrap_or_default()
}

/// Registers an objection (rule 17.3): admitted, or refused with every reason;
/// evidence files copied to `dir/evidence/<sha256>` (never modified).
pub fn add_objection(
    dir: &Path,
    signer: &Signer,
    identities: &[Identity],
    req: &ObjectionRequest<'_>,
) -> Result<ObjectionState, PublicationError> {
    let mut p = Publication::open(dir, signer, identities)?;
    if p.register.final_list.is_some() {
        return Err(PublicationError::AlreadyPublished);
    }
    let (_, start, end) = p.register.last_period().ok_or(PublicationError::NoNotice)?;
    if !p
        .bundle
        .round
        .applicants
        .iter()
        .any(|a| a.id == req.applicant)
    {
        return Err(PublicationError::UnknownApplicant(req.applicant.to_owned()));
    }
    for (what, t) in [
        ("the objector's name", &req.objector.name),
        ("the organisation", &req.objector.organisation),
        ("the credit code or ID", &req.objector.id_code),
        ("the contact", &req.objector.contact),
    ] {
        check_text(what, t, false)?;
    }
    check_text("the grounds", req.grounds, false)?;
    let mut evidence = Vec::new();
    let ev_dir = dir.join(EVIDENCE_DIR);
    // Every file's size checked before any is copied.
    let mut opened = Vec::with_capacity(req.evidence.len());
    for path in req.evidence {
        opened.push(match LimitedFile::open(path, Limited::Evidence) {
            Err(DeskError::Format { source, .. })
                if source.code() == reviewdesk_formats::FormatCode::TooLarge =>
            {
                return Err(PublicationError::EvidenceTooLarge {
                    path: path.display().to_string(),
                    found: std::fs::metadata(path).map_or(0, |m| m.len()),
                })
            }
            other => (path, other?),
        });
    }
    for (path, mut file) in opened {
        // Streamed: hashed as it is copied into the folder, never held whole.
        std::fs::create_dir_all(&ev_dir).map_err(|source| DeskError::Write {
            path: ev_dir.clone(),
            source,
        })?;
        let werr = |source| DeskError::Write {
            path: ev_dir.clone(),
            source,
        };
        let mut tmp = tempfile::Builder::new()
            .prefix(".evidence-")
            .suffix(".part")
            .tempfile_in(&ev_dir)
            .map_err(werr)?;
        std::io::copy(&mut file, tmp.as_file_mut()).map_err(|source| DeskError::Read {
            path: path.clone(),
            source,
        })?;
        tmp.as_file().sync_all().map_err(werr)?;
        let sha = hex(&file.finish()?);
        let target = ev_dir.join(&sha);
        if !target.exists() {
            tmp.persist(&target).map_err(|e| werr(e.error))?;
        }
        evidence.push(NamedFile {
            name: file_label(path),
            sha256: sha,
        });
    }
    let rules = p.bundle.template.notice_rules();
    let period = NoticePeriod {
        start,
        end,
        days: rules.days,
        unit: rules.unit,
    };
    let refused = objection_refusals(
        &req.objector,
        req.grounds,
        evidence.len(),
        req.received,
        &period,
    );
    let admitted = refused.is_empty();
    let due = if admitted {
        Some(reply_due(
            &p.bundle.calendar,
            req.received,
            rules.reply_days,
        )?)
    } else {
        None
    };
    let id = format!("O{}", p.register.objections.len() + 1);
    p.append(
        req.today,
        Event::Objection {
            id: id.clone(),
            objector: req.objector.clone(),
            applicant: req.applicant.to_owned(),
            grounds: req.grounds.to_owned(),
            evidence,
            received: req.received,
            admitted,
            refused,
            reply_due: due,
        },
    )?;
    Ok(p.register.objection(&id).cloned().expect("just added"))
}

fn admitted_objection<'a>(
    p: &'a Publication,
    id: &str,
) -> Result<&'a ObjectionState, PublicationError> {
    let o = p
        .register
        .objection(id)
        .ok_or_else(|| PublicationError::UnknownObjection(id.to_owned()))?;
    if !o.admitted {
        return Err(PublicationError::NotAdmitted(id.to_owned()));
    }
    Ok(o)
}

/// Adds an investigation note to an admitted objection.
pub fn note_objection(
    dir: &Path,
    signer: &Signer,
    identities: &[Identity],
    id: &str,
    text: &str,
    today: Date,
) -> Result<ObjectionState, PublicationError> {
    let mut p = Publication::open(dir, signer, identities)?;
    check_text("the note", text, true)?;
    admitted_objection(&p, id)?;
    p.append(
        today,
        Event::Note {
            objection: id.to_owned(),
            text: text.to_owned(),
        },
    )?;
    Ok(p.register.objection(id).cloned().expect("exists"))
}

/// Rules on an admitted objection (upheld or rejected, with reasons).
pub fn rule_objection(
    dir: &Path,
    signer: &Signer,
    identities: &[Identity],
    id: &str,
    outcome: Outcome,
    reasons: &str,
    today: Date,
) -> Result<ObjectionState, PublicationError> {
    let mut p = Publication::open(dir, signer, identities)?;
    check_text("the reasons", reasons, true)?;
    if admitted_objection(&p, id)?.ruling.is_some() {
        return Err(PublicationError::AlreadyRuled(id.to_owned()));
    }
    p.append(
        today,
        Event::Ruling {
            objection: id.to_owned(),
            outcome,
            reasons: reasons.to_owned(),
        },
    )?;
    Ok(p.register.objection(id).cloned().expect("exists"))
}

/// The register read without a key: its lines checked and folded (for `objection
/// list` and a screen's read-only view).
pub fn read_register(dir: &Path) -> Result<Register, PublicationError> {
    let path = dir.join(LOG_FILE);
    let text = read_file(&path)?;
    let (lines, _) = read_log(&text).map_err(|source| PublicationError::Log {
        path: path.display().to_string(),
        source,
    })?;
    Ok(Register::of(&lines))
}

/// An amendment as the organizer asks for it.
#[derive(Debug, Clone)]
pub struct AmendRequest<'a> {
    /// The cause.
    pub cause: Cause,
    /// The upheld objection (cause `upheld_objection`).
    pub objection: Option<&'a str>,
    /// The reason.
    pub reason: &'a str,
    /// The changes.
    pub changes: Vec<Change>,
    /// The day of the step.
    pub today: Date,
}

/// What an amendment did.
#[derive(Debug, Clone)]
pub struct AmendOutcome {
    /// The record written.
    pub record: AmendmentRecord,
    /// Its file.
    pub path: PathBuf,
}

/// What the organizer states in an amendment; the record adds what it recomputes.
struct AmendmentDraft {
    number: u32,
    cause: Cause,
    objection: Option<String>,
    reason: String,
    changes: Vec<Change>,
}

fn amendment_record(
    v: &BundleVerification,
    bundle_sha: &str,
    earlier: &[AmendmentRecord],
    draft: AmendmentDraft,
) -> Result<AmendmentRecord, PublicationError> {
    let AmendmentDraft {
        number,
        cause,
        objection,
        reason,
        changes,
    } = draft;
    let mut applicants: Vec<String> = Vec::new();
    for c in &changes {
        let a = match c {
            Change::Score { applicant, .. } | Change::Strike { applicant } => applicant,
        };
        if !applicants.contains(a) {
            applicants.push(a.clone());
        }
    }
    let mut rec = AmendmentRecord {
        format: AMENDMENT_FORMAT.into(),
        number,
        bundle: bundle_sha.to_owned(),
        cause,
        objection,
        applicants,
        reason,
        changes,
        diff: Vec::new(),
        material: false,
    };
    let before = result_with(v, earlier)?;
    let mut all = earlier.to_vec();
    all.push(rec.clone());
    let after = result_with(v, &all)?;
    let order = v.template.notice_rules().order;
    rec.diff = result_diff(&before, &after);
    rec.material = is_material(
        &notice_rows(&v.round, &before, order),
        &notice_rows(&v.round, &after, order),
    );
    Ok(rec)
}

/// Records an amendment (rule 17.5): the cause checked (an upheld objection must
/// name one ruled upheld), the result rerun with it, the before/after and whether
/// the list changed recorded in `dir/amendment-<n>.json`, the register appended.
pub fn amend(
    dir: &Path,
    signer: &Signer,
    identities: &[Identity],
    req: &AmendRequest<'_>,
) -> Result<AmendOutcome, PublicationError> {
    let mut p = Publication::open(dir, signer, identities)?;
    if p.register.final_list.is_some() {
        return Err(PublicationError::AlreadyPublished);
    }
    check_text("the reason", req.reason, true)?;
    if req.changes.is_empty() {
        return Err(PublicationError::BadInput(
            "an amendment needs at least one change".into(),
        ));
    }
    match (req.cause, req.objection) {
        (Cause::UpheldObjection, Some(id)) => {
            let o = p
                .register
                .objection(id)
                .ok_or_else(|| PublicationError::UnknownObjection(id.to_owned()))?;
            if !matches!(o.ruling, Some((_, Outcome::Upheld, _))) {
                return Err(PublicationError::BadInput(format!(
                    "objection {id} is not ruled upheld"
                )));
            }
        }
        (Cause::UpheldObjection, None) => {
            return Err(PublicationError::BadInput(
                "the cause upheld_objection needs the objection it follows".into(),
            ))
        }
        (_, Some(_)) => {
            return Err(PublicationError::BadInput(
                "only the cause upheld_objection names an objection".into(),
            ))
        }
        (_, None) => {}
    }
    let number = p.amendments.len() as u32 + 1;
    let rec = amendment_record(
        &p.bundle,
        &p.bundle_sha256,
        &p.amendments,
        AmendmentDraft {
            number,
            cause: req.cause,
            objection: req.objection.map(str::to_owned),
            reason: req.reason.to_owned(),
            changes: req.changes.clone(),
        },
    )?;
    let bytes = canonical_json(&rec);
    let path = dir.join(format!("amendment-{number}.json"));
    write_bytes(&path, &bytes)?;
    p.append(
        req.today,
        Event::Amendment {
            number,
            sha256: sha_hex(&bytes),
            material: rec.material,
        },
    )?;
    Ok(AmendOutcome { record: rec, path })
}

/// What the final publication produced.
#[derive(Debug, Clone)]
pub struct PublishOutcome {
    /// The final list's folder.
    pub dir: PathBuf,
    /// How many applicants are listed.
    pub rows: usize,
    /// The PDF and CSV (path, SHA-256).
    pub files: Vec<(PathBuf, String)>,
    /// The `ssh-keygen -Y verify` command for the PDF.
    pub verify_command: String,
    /// The archive written, and its SHA-256.
    pub archive: (PathBuf, String),
}

/// Publishes the final list (rule 17.4) into `dir/final/` and writes the archive
/// to `archive`: refused while the last notice runs (`today` ≤ its end), with
/// admitted objections unruled, or after a material amendment since that notice.
pub fn publish_final(
    dir: &Path,
    signer: &Signer,
    identities: &[Identity],
    archive: &Path,
    lang: Lang,
    today: Date,
) -> Result<PublishOutcome, PublicationError> {
    let mut p = Publication::open(dir, signer, identities)?;
    if p.register.final_list.is_some() {
        return Err(PublicationError::AlreadyPublished);
    }
    let (number, _, end) = p.register.last_period().ok_or(PublicationError::NoNotice)?;
    if today <= end {
        return Err(PublicationError::NoticeRunning { end });
    }
    let open: Vec<String> = p
        .register
        .objections
        .iter()
        .filter(|o| o.admitted && o.ruling.is_none())
        .map(|o| o.id.clone())
        .collect();
    if !open.is_empty() {
        return Err(PublicationError::ObjectionsOpen(open));
    }
    if p.register.needs_new_notice() {
        return Err(PublicationError::NewNoticeRequired);
    }
    let last = read_notice(dir, number, &p.register)?;
    let rec = final_record(
        &p.bundle,
        &last,
        &p.current_result()?,
        p.amendments.len(),
        lang,
    );
    let list = render_signed(&p.bundle, &rec, ListKind::FinalList, today, signer)?;
    let out = dir.join(FINAL_DIR);
    let (files, _, command) = write_list(
        &out,
        "final-list",
        "final.json",
        &list,
        signer,
        ListKind::FinalList,
    )?;
    p.append(
        today,
        Event::Final {
            sha256: sha_hex(&list.record),
            files: files.clone(),
        },
    )?;
    let bytes = archive_bytes(&p, signer)?;
    write_bytes(archive, &bytes)?;
    Ok(PublishOutcome {
        dir: out.clone(),
        rows: rec.rows.len(),
        files: files
            .into_iter()
            .map(|f| (out.join(f.name), f.sha256))
            .collect(),
        verify_command: command,
        archive: (archive.to_path_buf(), sha_hex(&bytes)),
    })
}

fn final_record(
    v: &BundleVerification,
    last: &NoticeRecord,
    result: &ComputeResult,
    amendments: usize,
    lang: Lang,
) -> NoticeRecord {
    NoticeRecord {
        format: FINAL_FORMAT.into(),
        amendments: amendments as u32,
        lang: lang_code(lang).into(),
        rows: notice_rows(&v.round, result, last.order),
        ..last.clone()
    }
}

fn read_notice(dir: &Path, number: u32, reg: &Register) -> Result<NoticeRecord, PublicationError> {
    let path = dir.join(format!("notice-{number}")).join("notice.json");
    let bytes = read_file(&path)?;
    let want = &reg
        .notices
        .iter()
        .find(|n| n.0 == number)
        .ok_or(PublicationError::NoNotice)?
        .1;
    if sha_hex(&bytes) != *want {
        return Err(mismatch(
            &path.display().to_string(),
            "the file does not hash to its register line",
        ));
    }
    parse_json(&path.display().to_string(), &bytes)
}

/// The evidence files' archive entries: `evidence-<k>` (k from 1) for each distinct
/// SHA-256 in register order, with that hash.
fn evidence_entries(reg: &Register) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for o in &reg.objections {
        for e in &o.evidence {
            if !out.iter().any(|(_, h)| h == &e.sha256) {
                out.push((format!("evidence-{}", out.len() + 1), e.sha256.clone()));
            }
        }
    }
    out
}

/// The archive's entry names, in order, for a register (`docs/formats.md`, "Archive").
fn archive_names(reg: &Register) -> Vec<String> {
    let mut names: Vec<String> = vec!["bundle".into(), "bundle-file-sha256".into(), "log".into()];
    for n in &reg.notices {
        for ext in ["json", "pdf", "pdf.sig", "csv", "csv.sig"] {
            names.push(format!("notice-{}.{ext}", n.0));
        }
    }
    names.extend(evidence_entries(reg).into_iter().map(|(n, _)| n));
    names.extend(
        reg.amendments
            .iter()
            .map(|a| format!("amendment-{}.json", a.0)),
    );
    for f in [
        "final.json",
        "final-list.pdf",
        "final-list.pdf.sig",
        "final-list.csv",
        "final-list.csv.sig",
    ] {
        names.push(f.into());
    }
    names
}

/// The archive's entries from a publication folder whose final list is published.
fn archive_bytes(p: &Publication, signer: &Signer) -> Result<Vec<u8>, PublicationError> {
    let dir = &p.dir;
    let mut entries: Vec<(String, Vec<u8>)> = vec![
        ("bundle".into(), p.bundle.bundle.container().to_vec()),
        (
            "bundle-file-sha256".into(),
            format!("{}\n", p.bundle_sha256).into_bytes(),
        ),
        ("log".into(), read_file(&dir.join(LOG_FILE))?),
    ];
    for (n, _, _, _, _) in &p.register.notices {
        let nd = dir.join(format!("notice-{n}"));
        entries.push((
            format!("notice-{n}.json"),
            read_file(&nd.join("notice.json"))?,
        ));
        for f in [
            "notice.pdf",
            "notice.pdf.sig",
            "notice.csv",
            "notice.csv.sig",
        ] {
            entries.push((format!("notice-{n}.{}", &f[7..]), read_file(&nd.join(f))?));
        }
    }
    for (name, sha) in evidence_entries(&p.register) {
        entries.push((name, read_file(&dir.join(EVIDENCE_DIR).join(&sha))?));
    }
    for a in &p.amendments {
        let name = format!("amendment-{}.json", a.number);
        entries.push((name.clone(), read_file(&dir.join(&name))?));
    }
    let fd = dir.join(FINAL_DIR);
    for f in [
        "final.json",
        "final-list.pdf",
        "final-list.pdf.sig",
        "final-list.csv",
        "final-list.csv.sig",
    ] {
        entries.push((f.into(), read_file(&fd.join(f))?));
    }
    let refs: Vec<(String, &[u8])> = entries
        .iter()
        .map(|(n, b)| (n.clone(), b.as_slice()))
        .collect();
    write_archive(&p.bundle.round.id, &refs, signer).map_err(fmt_err("archive"))
}

/// What an archive holds, verified and recomputed.
#[derive(Debug, Clone)]
pub struct ArchiveReport {
    /// The round id.
    pub round: String,
    /// The organizer's fingerprint.
    pub organizer: String,
    /// Notices published.
    pub notices: usize,
    /// Objections registered, admitted, upheld.
    pub objections: (usize, usize, usize),
    /// Amendments.
    pub amendments: usize,
    /// The final list's rows.
    pub rows: Vec<NoticeRow>,
    /// The template's id (what the register's program files name).
    pub template: String,
    /// The day of the final list (the register's date for what it records).
    pub published: Date,
    /// Every applicant's final result (after the amendments), in the round's
    /// order: what the register records from the archive.
    pub results: Vec<FinalResult>,
    /// The SHA-256 of the archive file (64 hex), taken as it was verified.
    pub sha256: String,
}

/// One applicant's final result in an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinalResult {
    /// The applicant's id in the round.
    pub applicant: String,
    /// 单位名称, as registered.
    pub name: String,
    /// 统一社会信用代码.
    pub credit_code: String,
    /// The grade id, when graded.
    pub grade: Option<String>,
    /// On the final list.
    pub selected: bool,
}

/// Every applicant's result joined to the round's names and codes.
pub(crate) fn final_results(
    round: &reviewdesk_core::Round,
    result: &ComputeResult,
) -> Vec<FinalResult> {
    round
        .applicants
        .iter()
        .filter_map(|a| {
            let r = result.applicants.iter().find(|r| r.id == a.id)?;
            Some(FinalResult {
                applicant: a.id.clone(),
                name: a.name.clone(),
                credit_code: a.credit_code.to_string(),
                grade: r.grade.clone(),
                selected: r.selected,
            })
        })
        .collect()
}

/// The archive entry `name`, read again from the file (and checked against its
/// hash), one at a time.
fn entry<R: Read + Seek>(
    a: &mut OpenedArchive<R>,
    name: &str,
) -> Result<Vec<u8>, PublicationError> {
    a.read(name)
        .map_err(fmt_err("archive"))?
        .ok_or_else(|| PublicationError::BadArchive(format!("no entry {name}")))
}

fn check_list_files<R: Read + Seek>(
    a: &mut OpenedArchive<R>,
    prefix: &str,
    kind: ListKind,
    files: &[NamedFile],
    v: &BundleVerification,
    rec: &NoticeRecord,
) -> Result<(), PublicationError> {
    let key = [a.organizer.clone()];
    for (ext, f) in ["pdf", "csv"].iter().zip(files) {
        let name = format!("{prefix}.{ext}");
        let bytes = entry(a, &name)?;
        if sha_hex(&bytes) != f.sha256 {
            return Err(mismatch(&name, "does not hash to its register line"));
        }
        let sig = entry(a, &format!("{name}.sig"))?;
        verify_detached(&bytes, &sig, namespace(kind), Trusted::Keys(&key))
            .map_err(fmt_err(&name))?;
    }
    let date = document_date(rec.start)?;
    let csv = notice_csv(&list_doc(v, rec, kind, date, &rec.bundle)).map_err(|source| {
        DeskError::Report {
            name: "csv",
            source,
        }
    })?;
    if entry(a, &format!("{prefix}.csv"))? != csv.as_slice() {
        return Err(mismatch(
            &format!("{prefix}.csv"),
            "is not the CSV of its record",
        ));
    }
    Ok(())
}

/// Verifies an archive (`reviewdesk archive verify`): its signature and hashes,
/// the bundle inside verified and recomputed with the package signed by the same
/// organizer, the register's chain, and every notice, objection, amendment and the
/// final list recomputed from them (`docs/formats.md`, "Archive").
pub fn verify_archive(file: &[u8]) -> Result<ArchiveReport, PublicationError> {
    verify_opened_archive(OpenedArchive::open(file).map_err(fmt_err("archive"))?)
}

fn verify_opened_archive<R: Read + Seek>(
    mut a: OpenedArchive<R>,
) -> Result<ArchiveReport, PublicationError> {
    let key = [a.organizer.clone()];
    let bundle = OpenedBundle::open_container(entry(&mut a, "bundle")?, Trusted::Keys(&key))
        .map_err(fmt_err("archive entry bundle"))?;
    let v = recompute_bundle(bundle)?;
    if v.round.id != a.manifest.round {
        return Err(PublicationError::BadArchive(format!(
            "the manifest names round {}, the bundle is of {}",
            a.manifest.round, v.round.id
        )));
    }
    let file_sha = entry(&mut a, "bundle-file-sha256")?;
    let file_sha = std::str::from_utf8(&file_sha)
        .ok()
        .and_then(|s| s.strip_suffix('\n'))
        .filter(|s| s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
        .ok_or_else(|| PublicationError::BadArchive("bundle-file-sha256: 64 hex digits".into()))?
        .to_owned();
    let (lines, _) = read_log(&entry(&mut a, "log")?).map_err(|source| PublicationError::Log {
        path: "archive entry log".into(),
        source,
    })?;
    let organizer = Fingerprint::of(&a.organizer);
    if lines.first().map(|l| l.by.as_str()) != Some(organizer.as_str()) {
        return Err(PublicationError::BadArchive(
            "the register's organizer is not the archive's signer".into(),
        ));
    }
    let reg = Register::of(&lines);
    let want = archive_names(&reg);
    let evidence_names = evidence_entries(&reg);
    if !a.names().eq(want.iter().map(String::as_str)) {
        return Err(PublicationError::BadArchive(format!(
            "the entries are not those the register calls for, in order: {}",
            want.join(", ")
        )));
    }
    if reg.bundle != Some((file_sha.clone(), v.round.id.clone())) {
        return Err(PublicationError::BadArchive(
            "the register's line 1 does not name this bundle".into(),
        ));
    }
    let rules = v.template.notice_rules();
    let cal = &v.calendar;
    // Amendment records, in register order.
    let mut amendments: Vec<AmendmentRecord> = Vec::new();
    for (n, hash, material, _) in &reg.amendments {
        let name = format!("amendment-{n}.json");
        let bytes = entry(&mut a, &name)?;
        if sha_hex(&bytes) != *hash {
            return Err(mismatch(&name, "does not hash to its register line"));
        }
        let rec: AmendmentRecord = parse_json(&name, &bytes)?;
        let again = amendment_record(
            &v,
            &file_sha,
            &amendments,
            AmendmentDraft {
                number: *n,
                cause: rec.cause,
                objection: rec.objection.clone(),
                reason: rec.reason.clone(),
                changes: rec.changes.clone(),
            },
        )?;
        if again != rec || rec.material != *material {
            return Err(mismatch(&name, "is not its recomputation"));
        }
        amendments.push(rec);
    }
    // Replay: notices, objections, amendments' objections, in register order.
    let mut notices_seen = 0usize;
    let mut amendments_seen = 0usize;
    let mut last_notice: Option<NoticeRecord> = None;
    let mut objections: Vec<ObjectionState> = Vec::new();
    let mut ruled: Vec<String> = Vec::new();
    for l in &lines {
        match &l.event {
            Event::Notice {
                number,
                sha256,
                start,
                end,
                files,
            } => {
                notices_seen += 1;
                let name = format!("notice-{number}.json");
                if *number as usize != notices_seen {
                    return Err(mismatch(&name, "notices are numbered from 1 in order"));
                }
                let bytes = entry(&mut a, &name)?;
                if sha_hex(&bytes) != *sha256 {
                    return Err(mismatch(&name, "does not hash to its register line"));
                }
                let rec: NoticeRecord = parse_json(&name, &bytes)?;
                let period = notice_period(cal, *start, rules.days, rules.unit)?;
                if period.end != *end {
                    return Err(mismatch(&name, "the period's end is not its recomputation"));
                }
                let result = result_with(&v, &amendments[..amendments_seen])?;
                let again = notice_record(
                    &v,
                    &file_sha,
                    *number,
                    amendments_seen as u32,
                    &result,
                    period,
                    &rec.channel,
                    &rec.contact,
                    rec.language(),
                );
                if again != rec {
                    return Err(mismatch(&name, "is not its recomputation from the bundle"));
                }
                check_list_files(
                    &mut a,
                    &format!("notice-{number}"),
                    ListKind::Notice,
                    files,
                    &v,
                    &rec,
                )?;
                last_notice = Some(rec);
            }
            Event::Objection {
                id,
                objector,
                applicant,
                grounds,
                evidence,
                received,
                admitted,
                refused,
                reply_due: due,
            } => {
                let rec = last_notice
                    .as_ref()
                    .ok_or_else(|| mismatch("log", format!("objection {id} before any notice")))?;
                if *id != format!("O{}", objections.len() + 1) {
                    return Err(mismatch("log", format!("objection {id} out of order")));
                }
                if !v.round.applicants.iter().any(|x| &x.id == applicant) {
                    return Err(mismatch(
                        "log",
                        format!("objection {id}: unknown applicant"),
                    ));
                }
                for e in evidence {
                    let (name, _) = evidence_names
                        .iter()
                        .find(|(_, h)| h == &e.sha256)
                        .expect("every evidence hash has its entry");
                    // Hashed as it streamed past when the archive was opened;
                    // never held in memory.
                    if a.entry_sha256(name).map(|h| hex(h)) != Some(e.sha256.clone()) {
                        return Err(mismatch(name, "does not hash to the register's SHA-256"));
                    }
                }
                let want =
                    objection_refusals(objector, grounds, evidence.len(), *received, &rec.period());
                let want_due = if want.is_empty() {
                    Some(reply_due(cal, *received, rules.reply_days)?)
                } else {
                    None
                };
                if want != *refused || want.is_empty() != *admitted || want_due != *due {
                    return Err(mismatch(
                        "log",
                        format!("objection {id}: its admission is not its recomputation"),
                    ));
                }
                objections.push(reg.objection(id).cloned().expect("folded"));
            }
            Event::Amendment { .. } => amendments_seen += 1,
            Event::Note { objection, .. } | Event::Ruling { objection, .. } => {
                let ruling = matches!(l.event, Event::Ruling { .. });
                let (admitted, already) = objections
                    .iter()
                    .find(|o| &o.id == objection)
                    .map(|o| (o.admitted, ruled.contains(objection)))
                    .ok_or_else(|| {
                        mismatch("log", format!("line {}: no objection {objection}", l.seq))
                    })?;
                if !admitted || already {
                    return Err(mismatch(
                        "log",
                        format!(
                            "line {}: {objection} is not admitted, or already ruled",
                            l.seq
                        ),
                    ));
                }
                if ruling {
                    ruled.push(objection.clone());
                }
            }
            Event::Final { .. } | Event::Bundle { .. } => {}
        }
    }
    for am in &amendments {
        if let Some(id) = &am.objection {
            let upheld = matches!(
                reg.objection(id).and_then(|o| o.ruling.as_ref()),
                Some((_, Outcome::Upheld, _))
            );
            if am.cause != Cause::UpheldObjection || !upheld {
                return Err(mismatch(
                    &format!("amendment-{}.json", am.number),
                    format!("objection {id} is not ruled upheld"),
                ));
            }
        } else if am.cause == Cause::UpheldObjection {
            return Err(mismatch(
                &format!("amendment-{}.json", am.number),
                "upheld_objection without its objection",
            ));
        }
    }
    let (final_sha, final_files) = reg
        .final_list
        .clone()
        .ok_or_else(|| PublicationError::BadArchive("the register has no final list".into()))?;
    // The final list is the register's last step, taken as rule 17.4 allows.
    let last = lines.last().expect("line 1 exists");
    if !matches!(last.event, Event::Final { .. }) {
        return Err(mismatch(
            "log",
            "the final list is not the register's last line",
        ));
    }
    let (_, _, end) = reg.last_period().ok_or(PublicationError::NoNotice)?;
    if last.on <= end
        || reg
            .objections
            .iter()
            .any(|o| o.admitted && o.ruling.is_none())
        || reg.needs_new_notice()
    {
        return Err(mismatch(
            "log",
            "the final list was published while the notice ran, with objections unruled, or after a material amendment without a new notice",
        ));
    }
    let bytes = entry(&mut a, "final.json")?;
    if sha_hex(&bytes) != final_sha {
        return Err(mismatch("final.json", "does not hash to its register line"));
    }
    let rec: NoticeRecord = parse_json("final.json", &bytes)?;
    let published = last.on;
    let last = last_notice.ok_or(PublicationError::NoNotice)?;
    let final_result = result_with(&v, &amendments)?;
    let again = final_record(&v, &last, &final_result, amendments.len(), rec.language());
    if again != rec {
        return Err(mismatch(
            "final.json",
            "is not the final list recomputed from the bundle and the amendments",
        ));
    }
    check_list_files(
        &mut a,
        "final-list",
        ListKind::FinalList,
        &final_files,
        &v,
        &rec,
    )?;
    let admitted = reg.objections.iter().filter(|o| o.admitted).count();
    let upheld = reg
        .objections
        .iter()
        .filter(|o| matches!(o.ruling, Some((_, Outcome::Upheld, _))))
        .count();
    Ok(ArchiveReport {
        round: v.round.id.clone(),
        organizer: organizer.to_string(),
        notices: reg.notices.len(),
        objections: (reg.objections.len(), admitted, upheld),
        amendments: amendments.len(),
        rows: rec.rows,
        template: v.template.id.clone(),
        published,
        results: final_results(&v.round, &final_result),
        sha256: hex(&a.file_sha256),
    })
}

/// Reads an archive file (at most 1 GiB) and verifies it ([`verify_archive`]).
pub fn verify_archive_file(path: &Path) -> Result<ArchiveReport, PublicationError> {
    let meta = std::fs::metadata(path).map_err(|source| DeskError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if meta.len() > reviewdesk_formats::MAX_ARCHIVE {
        return Err(fmt_err("archive")(FormatError::TooLarge {
            what: format!("the file {}", path.display()),
            found: meta.len(),
            limit: reviewdesk_formats::MAX_ARCHIVE,
        }));
    }
    let file = std::fs::File::open(path).map_err(|source| DeskError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let opened =
        OpenedArchive::open_from(std::io::BufReader::new(file)).map_err(fmt_err("archive"))?;
    verify_opened_archive(opened)
}

/// Verifies a notice folder (`reviewdesk notice verify`): the record
/// (`notice.json` or `final.json`) by its detached signature before it is parsed
/// (strictly: canonical, its `format` the one of its name), then the detached
/// signatures of its PDF and CSV by the same key, the one its `allowed_signers`
/// names (printed for comparison), and the hashes of `SHA256SUMS`.
pub fn verify_notice_dir(dir: &Path) -> Result<(Fingerprint, NoticeRecord), PublicationError> {
    let (json, format, stem, kind) = if dir.join("final.json").exists() {
        (
            "final.json",
            FINAL_FORMAT,
            "final-list",
            ListKind::FinalList,
        )
    } else {
        ("notice.json", NOTICE_FORMAT, "notice", ListKind::Notice)
    };
    let record_bytes = read_file(&dir.join(json))?;
    let record_sig = read_file(&dir.join(format!("{json}.sig")))?;
    let key = verify_detached(&record_bytes, &record_sig, namespace(kind), Trusted::AnyKey)
        .map_err(fmt_err(json))?;
    let signer = Fingerprint::of(&key);
    let rec: NoticeRecord = parse_json(json, &record_bytes)?;
    if rec.format != format {
        return Err(mismatch(
            json,
            format!(
                "its format is {:?}, not {format:?}",
                crate::shortened(&rec.format)
            ),
        ));
    }
    let allowed = String::from_utf8(read_file(&dir.join("allowed_signers"))?)
        .map_err(|_| PublicationError::BadInput("allowed_signers is not UTF-8".into()))?;
    let sums = String::from_utf8(read_file(&dir.join("SHA256SUMS"))?)
        .map_err(|_| PublicationError::BadInput("SHA256SUMS is not UTF-8".into()))?;
    for ext in ["pdf", "csv"] {
        let name = format!("{stem}.{ext}");
        let bytes = read_file(&dir.join(&name))?;
        let sig = read_file(&dir.join(format!("{name}.sig")))?;
        let key = verify_detached(&bytes, &sig, namespace(kind), Trusted::AnyKey)
            .map_err(fmt_err(&name))?;
        if Fingerprint::of(&key) != signer {
            return Err(PublicationError::BadInput(format!(
                "{name} is signed by another key than {json}"
            )));
        }
        let line = format!("{}  {name}", sha_hex(&bytes));
        if !sums.lines().any(|l| l == line) {
            return Err(mismatch(&name, "its SHA-256 is not the one in SHA256SUMS"));
        }
    }
    if !sums
        .lines()
        .any(|l| l == format!("{}  {json}", sha_hex(&record_bytes)))
    {
        return Err(mismatch(json, "its SHA-256 is not the one in SHA256SUMS"));
    }
    if allowed.split(' ').next() != Some(signer.as_str()) {
        return Err(PublicationError::BadInput(format!(
            "allowed_signers does not name the signer {signer}"
        )));
    }
    Ok((signer, rec))
}

#[cfg(test)]
mod message_tests {
    use super::*;
    use reviewdesk_core::{en_message_problem, zh_message_problem};

    #[test]
    fn every_publication_error_reads_in_both_languages() {
        for e in every_publication_error() {
            let (zh, en) = (e.message(Lang::ZhCn), e.message(Lang::En));
            assert!(
                zh_message_problem(&zh).is_none(),
                "{:?}",
                zh_message_problem(&zh)
            );
            assert!(en_message_problem(&en).is_none(), "{en}");
        }
    }
}
