//! The register's yearly checkpoint (`docs/formats.md`, "Register checkpoint"):
//! the head hash and line count of every unit's ledger in one canonical JSON line,
//! signed by the organizer (namespace `reviewdesk-register-checkpoint@v1`), so
//! anyone holding it detects a later change to past events: a ledger whose line
//! *n* no longer hashes to the head the checkpoint recorded, or that has fewer
//! lines, names its unit.

use reviewdesk_core::register::ledger_line_hash;
use reviewdesk_core::Date;
use reviewdesk_core::Lang;
use reviewdesk_formats::{
    verify_signed_text, Fingerprint, FormatError, Namespace, Signer, Trusted,
};
use serde::{Deserialize, Serialize};

use super::{Register, RegisterError, Result};

/// The checkpoint's format tag.
pub const CHECKPOINT_FORMAT: &str = "reviewdesk-register-checkpoint/1";

/// Why a checkpoint cannot be made or does not hold (`bad_checkpoint`).
#[derive(Debug, thiserror::Error)]
pub enum CheckpointProblem {
    /// Its signature does not verify, or the file is not a signed text.
    #[error("[{code}] {0}", code = .0.code().as_str())]
    Signature(FormatError),
    /// It could not be signed.
    #[error("it could not be signed: {0}")]
    Unsigned(FormatError),
    /// The body is not a checkpoint (the parser's words).
    #[error("not a checkpoint: {0}")]
    NotACheckpoint(String),
    /// The body is not its one canonical line.
    #[error("not in canonical form (one compact JSON line and LF)")]
    NotCanonical,
    /// Another format.
    #[error("format {0} where {CHECKPOINT_FORMAT} was expected")]
    Format(String),
    /// Units out of order or listed twice.
    #[error("units are not in order, or one is listed twice")]
    UnitsOrder,
    /// A unit with no lines or a malformed head.
    #[error("unit {0}: lines from 1 and a 64-hex-digit head")]
    BadUnit(String),
    /// The organizer it names is not its signer.
    #[error("it names organizer {named} but {signer} signed it")]
    OtherSigner {
        /// The fingerprint the body names.
        named: String,
        /// The signer's.
        signer: String,
    },
}

impl CheckpointProblem {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::Signature(e) => format!(
                "签名未通过核验（[{}] {}）",
                e.code().as_str(),
                e.message(lang)
            ),
            Self::Unsigned(e) => format!("无法签名（{}）", e.message(lang)),
            Self::NotACheckpoint(_) => "不是名录核验点（JSON 无法按核验点读取）".into(),
            Self::NotCanonical => "不是规范编码（应为一行紧凑 JSON 加换行）".into(),
            Self::Format(f) => format!("格式为 {f}，应为 {CHECKPOINT_FORMAT}"),
            Self::UnitsOrder => "单位未按顺序排列，或有单位重复列出".into(),
            Self::BadUnit(u) => format!("单位 {u} 的行数须从 1 起、哈希须为 64 位十六进制"),
            Self::OtherSigner { named, signer } => {
                format!("文件写明的主办单位为 {named}，签名者却是 {signer}")
            }
        }
    }
}

/// A checkpoint's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    /// [`CHECKPOINT_FORMAT`].
    pub format: String,
    /// The year it closes.
    pub year: i32,
    /// The day it was made.
    pub on: Date,
    /// The organizer's fingerprint (the signer).
    pub organizer: String,
    /// Every ledger, by credit code.
    pub units: Vec<CheckpointUnit>,
}

/// One ledger in a checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckpointUnit {
    /// 统一社会信用代码.
    pub unit: String,
    /// Its number of lines.
    pub lines: u32,
    /// SHA-256 of its last line with LF.
    pub head: String,
}

/// A checkpoint held against the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckpointReport {
    /// The signer's fingerprint.
    pub organizer: String,
    /// The year.
    pub year: i32,
    /// The day it was made.
    pub on: Date,
    /// Ledgers it lists.
    pub units: usize,
    /// Ledgers unchanged up to the checkpoint (lines added since are allowed).
    pub unchanged: usize,
    /// Ledgers with lines added since: (unit, lines added).
    pub appended: Vec<(String, u32)>,
    /// Ledgers changed, shortened or missing: (unit, what).
    pub changed: Vec<(String, String)>,
    /// Units in the register the checkpoint does not list (new since).
    pub new_units: Vec<String>,
}

impl Checkpoint {
    /// The body's canonical text with its LF.
    pub fn to_text(&self) -> String {
        let mut s = serde_json::to_string(self).expect("checkpoints serialize");
        s.push('\n');
        s
    }

    /// Parses a body strictly: one canonical JSON line, the format, units in
    /// order and each once, heads of 64 lowercase hex digits.
    pub fn parse(body: &[u8]) -> std::result::Result<Checkpoint, CheckpointProblem> {
        let c: Checkpoint = serde_json::from_slice(body)
            .map_err(|e| CheckpointProblem::NotACheckpoint(e.to_string()))?;
        if c.to_text().as_bytes() != body {
            return Err(CheckpointProblem::NotCanonical);
        }
        if c.format != CHECKPOINT_FORMAT {
            return Err(CheckpointProblem::Format(crate::shortened(&c.format)));
        }
        if c.units.windows(2).any(|w| w[0].unit >= w[1].unit) {
            return Err(CheckpointProblem::UnitsOrder);
        }
        if let Some(u) = c.units.iter().find(|u| {
            u.lines == 0
                || u.head.len() != 64
                || !u
                    .head
                    .bytes()
                    .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        }) {
            return Err(CheckpointProblem::BadUnit(crate::shortened(&u.unit)));
        }
        Ok(c)
    }
}

impl<W: std::borrow::BorrowMut<reviewdesk_workspace::Workspace>> Register<W> {
    /// The signed checkpoint of every ledger now, for `year`, made on `on`.
    pub fn checkpoint(&self, signer: &Signer, year: i32, on: Date) -> Result<Vec<u8>> {
        let units = self
            .ledgers()?
            .into_iter()
            .filter(|l| !l.lines.is_empty())
            .map(|l| CheckpointUnit {
                lines: l.lines.len() as u32,
                unit: l.unit,
                head: l.head,
            })
            .collect();
        let c = Checkpoint {
            format: CHECKPOINT_FORMAT.into(),
            year,
            on,
            organizer: signer.fingerprint().to_string(),
            units,
        };
        signer
            .sign_text(Namespace::RegisterCheckpoint, c.to_text().as_bytes())
            .map_err(|e| RegisterError::BadCheckpoint(CheckpointProblem::Unsigned(e)))
    }

    /// Verifies a checkpoint (its signature, by any key, whose fingerprint the
    /// report names, and its body) and holds it against the register: every
    /// ledger it lists must still have its lines, the last of them hashing to the
    /// head it recorded.
    pub fn verify_checkpoint(&self, file: &[u8]) -> Result<CheckpointReport> {
        let v = verify_signed_text(file, Namespace::RegisterCheckpoint, Trusted::AnyKey)
            .map_err(|e| RegisterError::BadCheckpoint(CheckpointProblem::Signature(e)))?;
        let c = Checkpoint::parse(v.body).map_err(RegisterError::BadCheckpoint)?;
        let signer: Fingerprint = v.fingerprint();
        if c.organizer != signer.as_str() {
            return Err(RegisterError::BadCheckpoint(
                CheckpointProblem::OtherSigner {
                    named: crate::shortened(&c.organizer),
                    signer: signer.to_string(),
                },
            ));
        }
        let mut report = CheckpointReport {
            organizer: c.organizer.clone(),
            year: c.year,
            on: c.on,
            units: c.units.len(),
            unchanged: 0,
            appended: Vec::new(),
            changed: Vec::new(),
            new_units: Vec::new(),
        };
        for u in &c.units {
            let ledger = match self.ws.borrow().register_ledger(&u.unit) {
                Ok(l) => l,
                Err(e) => {
                    report.changed.push((u.unit.clone(), e.to_string()));
                    continue;
                }
            };
            let n = u.lines as usize;
            if ledger.lines.len() < n {
                report.changed.push((
                    u.unit.clone(),
                    format!(
                        "{} line(s) where the checkpoint recorded {n}: lines were removed",
                        ledger.lines.len()
                    ),
                ));
                continue;
            }
            if ledger_line_hash(ledger.lines[n - 1].to_line().as_bytes()) != u.head {
                report.changed.push((
                    u.unit.clone(),
                    format!("line {n} no longer hashes to the recorded head: a line up to {n} was changed"),
                ));
                continue;
            }
            report.unchanged += 1;
            if ledger.lines.len() > n {
                report
                    .appended
                    .push((u.unit.clone(), (ledger.lines.len() - n) as u32));
            }
        }
        for unit in self.ws.borrow().register_units()? {
            if c.units
                .binary_search_by(|u| u.unit.as_str().cmp(&unit))
                .is_err()
            {
                report.new_units.push(unit);
            }
        }
        Ok(report)
    }
}
