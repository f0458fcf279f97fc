//! The score sheet (`reviewdesk-sheet/1`): one expert's scores and audit log, bound to
//! one package, signed by the expert, encrypted to the chair, the organizer and the
//! expert.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::age_file::{self, Identity, Recipient};
use crate::family::FamilyMember;
use crate::keycard::Role;
use crate::package::{IndexRecipient, PackageId};
use crate::signature::{verify_signed_text, Fingerprint, Namespace, Signer, Trusted};
use crate::text::{hex, is_id, Lines};
use crate::FormatError;

/// The format line.
pub const SHEET_FORMAT_LINE: &str = "reviewdesk-sheet/1";
/// "its plaintext is a signed text … at most 16,777,216 bytes"
pub const MAX_SHEET: u64 = 16_777_216;
/// The largest sheet file (age file of at most [`MAX_SHEET`] bytes), 16,846,880
/// bytes; a reader refuses a larger one before reading it (`too_large`).
pub const MAX_SHEET_FILE: u64 = age_file::max_age_file(MAX_SHEET);

/// What a sheet is checked against: the package it must be bound to and its roster.
#[derive(Debug, Clone)]
pub struct PackageBinding {
    /// The package id.
    pub package: PackageId,
    /// SHA-256 of the package's signed manifest.
    pub manifest_sha256: [u8; 32],
    /// The round's id.
    pub round: String,
    /// The package index's recipients.
    pub roster: Vec<IndexRecipient>,
    /// The per-expert packages sealed with this one (its `family` entry): a sheet
    /// bound to one of them is accepted from that member's expert only. Empty for a
    /// package without a family.
    pub family: Vec<FamilyMember>,
}

/// A verified score sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The package it is bound to (its `package` line): the package checked
    /// against, or the member of its family the expert signed against.
    pub package: String,
    /// The expert's person id.
    pub expert: String,
    /// The expert's fingerprint (the key that signed).
    pub signer: Fingerprint,
    /// The revision, 1 to 4,294,967,295.
    pub revision: u32,
    /// The audit log's chain head.
    pub audit_head: [u8; 32],
    /// This expert's part of the rules engine's input, JSON.
    pub scores: String,
    /// The audit log, one JSON object per line.
    pub audit: String,
    /// SHA-256 of the signed plaintext: what a result bundle lists.
    pub sha256: [u8; 32],
}

/// The audit chain's start: "`h0 = SHA-256("reviewdesk-audit@v1")`".
pub fn audit_genesis() -> [u8; 32] {
    Sha256::digest(b"reviewdesk-audit@v1").into()
}

/// One link of the audit chain: "`hᵢ = SHA-256(hᵢ₋₁ ‖ lineᵢ with its LF)`"
/// (`line` without its LF).
pub fn audit_step(prev: &[u8; 32], line: &str) -> [u8; 32] {
    let mut d = Sha256::new();
    d.update(prev);
    d.update(line.as_bytes());
    d.update(b"\n");
    d.finalize().into()
}

/// The audit chain's head over a whole log. `None` when the log is not
/// LF-terminated lines.
pub fn audit_head(audit: &str) -> Option<[u8; 32]> {
    let mut h = audit_genesis();
    if audit.is_empty() {
        return Some(h);
    }
    let body = audit.strip_suffix('\n')?;
    for line in body.split('\n') {
        h = audit_step(&h, line);
    }
    Some(h)
}

/// What an expert's desk puts in a sheet.
#[derive(Debug, Clone)]
pub struct SheetContent<'a> {
    /// The expert's person id.
    pub expert: &'a str,
    /// The revision: higher than every earlier one of this expert.
    pub revision: u32,
    /// The scores, JSON.
    pub scores: &'a str,
    /// The audit log, LF-terminated JSON lines.
    pub audit: &'a str,
}

impl Sheet {
    /// Signs `content` as `signer` and encrypts it to the package's chair, organizer
    /// and this expert: the sheet file as it goes on disk.
    pub fn write(
        content: &SheetContent<'_>,
        binding: &PackageBinding,
        signer: &Signer,
    ) -> Result<Vec<u8>, FormatError> {
        let head = audit_head(content.audit).ok_or_else(|| {
            FormatError::Unwritable("the audit log must be LF-terminated lines".into())
        })?;
        if content.revision == 0 || !is_id(content.expert) {
            return Err(FormatError::Unwritable(
                "revision 0 or a bad expert id".into(),
            ));
        }
        let body = format!(
            "{SHEET_FORMAT_LINE}\npackage: {}\nmanifest: {}\nround: {}\nexpert: {}\nsigner: {}\nrevision: {}\naudit-head: {}\nscores: {}\naudit: {}\n\n{}{}",
            binding.package,
            hex(&binding.manifest_sha256),
            binding.round,
            content.expert,
            signer.fingerprint(),
            content.revision,
            hex(&head),
            content.scores.len(),
            content.audit.len(),
            content.scores,
            content.audit,
        );
        let signed = signer.sign_text(Namespace::Sheet, body.as_bytes())?;
        if signed.len() as u64 > MAX_SHEET {
            return Err(FormatError::Unwritable("the sheet is over 16 MiB".into()));
        }
        let recipients: Vec<Recipient> = binding
            .roster
            .iter()
            .filter(|r| {
                matches!(r.role, Role::Chair | Role::Organizer)
                    || (r.person == content.expert && r.fingerprint == signer.fingerprint())
            })
            .map(|r| r.age.clone())
            .collect();
        age_file::encrypt(&signed, &recipients)
    }

    /// Decrypts a sheet file and verifies it against a package: "`manifest` must be
    /// that package's (`not_bound`); `expert` and `signer` must be a recipient with
    /// role `expert` (`unknown_signer`)"; the audit log must hash to `audit-head`
    /// (`audit_mismatch`).
    pub fn open(
        file: &[u8],
        identities: &[Identity],
        binding: &PackageBinding,
    ) -> Result<Self, FormatError> {
        if file.len() as u64 > MAX_SHEET_FILE {
            return Err(FormatError::TooLarge {
                what: "the sheet file".into(),
                found: file.len() as u64,
                limit: MAX_SHEET_FILE,
            });
        }
        let plain = age_file::decrypt("sheet", file, identities, MAX_SHEET)?;
        Self::verify(&plain, binding)
    }

    /// Verifies a sheet's signed plaintext against a package.
    pub fn verify(signed: &[u8], binding: &PackageBinding) -> Result<Self, FormatError> {
        let experts: Vec<Fingerprint> = binding
            .roster
            .iter()
            .filter(|r| r.role == Role::Expert)
            .map(|r| r.fingerprint.clone())
            .collect();
        crate::text::check_format_line(signed, SHEET_FORMAT_LINE)?;
        let verified =
            verify_signed_text(signed, Namespace::Sheet, Trusted::Fingerprints(&experts))?;
        let mut lines = Lines::new(verified.body, SHEET_FORMAT_LINE)?;
        // The package the sheet names: this one, or a per-expert package of its
        // family (whose expert alone may sign against it).
        let package = lines.value("package")?;
        let v = lines.value("manifest")?;
        let manifest = lines.sha256(v)?;
        let this = package == binding.package.to_string();
        let member = binding
            .family
            .iter()
            .find(|m| m.package.to_string() == package && m.manifest_sha256 == manifest);
        let family_expert = match member {
            _ if this && manifest == binding.manifest_sha256 => None,
            Some(m) => Some(m.expert.as_str()),
            None if this => {
                return Err(FormatError::NotBound {
                    expected: hex(&binding.manifest_sha256),
                    found: v.to_string(),
                })
            }
            None => {
                return Err(FormatError::NotBound {
                    expected: binding.package.to_string(),
                    found: package.chars().take(64).collect(),
                })
            }
        };
        let round = lines.value("round")?;
        if round != binding.round {
            return Err(lines.error("round differs from the package's"));
        }
        let expert = lines.value("expert")?;
        let signer = lines.value("signer")?;
        let signed_by = verified.fingerprint();
        if signer != signed_by.as_str() {
            return Err(FormatError::SignerMismatch {
                named: signer.chars().take(64).collect(),
                signed: signed_by.to_string(),
            });
        }
        if let Some(e) = family_expert.filter(|e| *e != expert) {
            return Err(FormatError::UnknownSigner {
                fingerprint: format!(
                    "{signed_by} (as expert {expert}, against package {package}, which was sealed for expert {e})"
                ),
            });
        }
        if !binding
            .roster
            .iter()
            .any(|r| r.role == Role::Expert && r.person == expert && r.fingerprint == signed_by)
        {
            return Err(FormatError::UnknownSigner {
                fingerprint: format!("{signed_by} (as expert {expert})"),
            });
        }
        let v = lines.value("revision")?;
        let revision = lines.number(v, u64::from(u32::MAX), "revision")? as u32;
        if revision == 0 {
            return Err(lines.error("revision starts at 1"));
        }
        let v = lines.value("audit-head")?;
        let head = lines.sha256(v)?;
        let v = lines.value("scores")?;
        let scores_len = lines.number(v, MAX_SHEET, "scores")? as usize;
        let v = lines.value("audit")?;
        let audit_len = lines.number(v, MAX_SHEET, "audit")? as usize;
        let line = lines.line_number() + 1;
        let payload = lines.payload()?;
        if payload.len() != scores_len + audit_len {
            return Err(FormatError::malformed(
                line,
                "the payload is not `scores` + `audit` bytes long",
            ));
        }
        let (scores, audit) = (payload.get(..scores_len), payload.get(scores_len..));
        let (Some(scores), Some(audit)) = (scores, audit) else {
            return Err(FormatError::malformed(
                line,
                "`scores` does not end on a character boundary",
            ));
        };
        if !scores.ends_with('\n') {
            return Err(FormatError::malformed(line, "the scores do not end in LF"));
        }
        if audit_head(audit) != Some(head) {
            return Err(FormatError::AuditMismatch);
        }
        Ok(Self {
            package: package.to_string(),
            expert: expert.to_string(),
            signer: signed_by,
            revision,
            audit_head: head,
            scores: scores.to_string(),
            audit: audit.to_string(),
            sha256: Sha256::digest(signed).into(),
        })
    }
}

/// The sheets accepted so far, one per expert: "a sheet whose revision is lower
/// than one already accepted from the same expert is refused (`stale_revision`),
/// the same revision with different bytes too (`stale_revision`)."
#[derive(Debug, Clone, Default)]
pub struct SheetLedger {
    accepted: BTreeMap<String, Sheet>,
}

impl SheetLedger {
    /// Accepts `sheet` if it is newer than the expert's accepted one (the same
    /// sheet again is a no-op).
    pub fn accept(&mut self, sheet: Sheet) -> Result<(), FormatError> {
        if let Some(old) = self.accepted.get(&sheet.expert) {
            if old.sha256 == sheet.sha256 {
                return Ok(());
            }
            if sheet.revision <= old.revision {
                return Err(FormatError::StaleRevision {
                    expert: sheet.expert,
                    accepted: old.revision,
                    found: sheet.revision,
                });
            }
        }
        self.accepted.insert(sheet.expert.clone(), sheet);
        Ok(())
    }

    /// The accepted sheet of an expert.
    pub fn get(&self, expert: &str) -> Option<&Sheet> {
        self.accepted.get(expert)
    }
}
