//! The register's yearly checkpoint (`docs/formats.md`, "Register checkpoint"):
//! the head hash and line count of every unit's ledger in one canonical JSON line,
//! signed by the organizer (namespace `reviewdesk-register-checkpoint@v1`), so
//! anyone holding it detects a later change to past events: a ledger whose line
//! *n* no longer hashes to the head the checkpoint recorded, or that has fewer
//! lines, names its unit.

use reviewdesk_core::register::ledger_line_hash;
use reviewdesk_core::Date;
use reviewdesk_formats::{verify_signed_text, Fingerprint, Namespace, Signer, Trusted};
use serde::{Deserialize, Serialize};

use super::{Register, RegisterError, Result};

/// The checkpoint's format tag.
pub const CHECKPOINT_FORMAT: &str = "reviewdesk-register-checkpoint/1";

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
    pub fn parse(body: &[u8]) -> std::result::Result<Checkpoint, String> {
        let c: Checkpoint =
            serde_json::from_slice(body).map_err(|e| format!("not a checkpoint: {e}"))?;
        if c.to_text().as_bytes() != body {
            return Err("not in canonical form (one compact JSON line and LF)".into());
        }
        if c.format != CHECKPOINT_FORMAT {
            return Err(format!(
                "format {} where {CHECKPOINT_FORMAT} was expected",
                c.format
            ));
        }
        if c.units.windows(2).any(|w| w[0].unit >= w[1].unit) {
            return Err("units are not in order, or one is listed twice".into());
        }
        if let Some(u) = c.units.iter().find(|u| {
            u.lines == 0
                || u.head.len() != 64
                || !u
                    .head
                    .bytes()
                    .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        }) {
            return Err(format!(
                "unit {}: lines from 1 and a 64-hex-digit head",
                u.unit
            ));
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
            .map_err(|e| RegisterError::BadCheckpoint(e.to_string()))
    }

    /// Verifies a checkpoint (its signature, by any key, whose fingerprint the
    /// report names, and its body) and holds it against the register: every
    /// ledger it lists must still have its lines, the last of them hashing to the
    /// head it recorded.
    pub fn verify_checkpoint(&self, file: &[u8]) -> Result<CheckpointReport> {
        let v = verify_signed_text(file, Namespace::RegisterCheckpoint, Trusted::AnyKey)
            .map_err(|e| RegisterError::BadCheckpoint(format!("[{}] {e}", e.code().as_str())))?;
        let c = Checkpoint::parse(v.body).map_err(RegisterError::BadCheckpoint)?;
        let signer: Fingerprint = v.fingerprint();
        if c.organizer != signer.as_str() {
            return Err(RegisterError::BadCheckpoint(format!(
                "it names organizer {} but {signer} signed it",
                c.organizer
            )));
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
