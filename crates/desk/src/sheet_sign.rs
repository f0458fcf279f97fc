//! A score sheet signed from an expert's part given whole (a scores file, JSON):
//! `reviewdesk sheet sign` and the tests that need real sheets. There is no
//! unlogged path: the package is imported into the expert's workspace
//! ([`import_package`], or found there when this expert imported it before), the
//! part is entered at the desk as the expert would enter it — the pledge, each
//! declaration, score, verdict and veto that differs from what the workspace holds,
//! scores and vetoes no longer in the part cleared — each through the same
//! [`ExpertDesk`] service and rules as the desktop, each with its audit line, and
//! the sheet is signed with [`ExpertDesk::sign`] (the next revision).

use std::path::Path;

use reviewdesk_core::rules::ExpertPart;
use reviewdesk_formats::{Identity, Signer};
use reviewdesk_workspace::{PackageRecord, Workspace, WorkspaceError};

use crate::expert::{import_package, ExpertDesk, Now, SignedSheet, Trust};
use crate::package::open_package;
use crate::DeskError;

/// What [`sign_scores`] did before signing.
#[derive(Debug, Clone)]
pub struct Entered {
    /// The package as the workspace records it.
    pub package: PackageRecord,
    /// Whether it was imported now (else this expert imported it before).
    pub imported: bool,
    /// How many changes were entered (each one audit line).
    pub changes: usize,
}

impl ExpertDesk {
    /// Enters `part` at the desk: the pledge (once), then what the workspace's part
    /// has that `part` has not — scores and vetoes cleared (a declaration or a
    /// verdict given cannot be withdrawn at the desk: `bad_scores`) — then every
    /// declaration, score, verdict and veto of `part` that differs from the
    /// workspace's, in that order, each checked by the desk's rules. Returns the
    /// number of changes. A refusal stops at that change; what was entered before
    /// it stays (saved, as at the desk).
    pub fn enter_part(
        &self,
        ws: &mut Workspace,
        part: &ExpertPart,
        now: &Now,
    ) -> Result<usize, DeskError> {
        if part.expert != self.record.person {
            return Err(DeskError::PartExpert {
                sheet: self.record.person.clone(),
                part: part.expert.clone(),
            });
        }
        self.accept_pledge(ws, now)?;
        let held = ws.part(&self.record.id)?;
        let mut changes = 0;
        for d in &held.declarations {
            if !part.declarations.iter().any(|x| x.applicant == d.applicant) {
                return Err(DeskError::Scores(format!(
                    "declarations: applicant {} was declared at the desk and a declaration \
                     cannot be withdrawn; keep it in the scores file",
                    d.applicant
                )));
            }
        }
        for v in &held.verdicts {
            if !part
                .verdicts
                .iter()
                .any(|x| x.applicant == v.applicant && x.stage == v.stage)
            {
                return Err(DeskError::Scores(format!(
                    "verdicts: the verdict on applicant {} in stage {} was given at the desk \
                     and cannot be withdrawn; keep it (or change it) in the scores file",
                    v.applicant, v.stage
                )));
            }
        }
        for s in &held.scores {
            if !part.scores.iter().any(|x| {
                x.applicant == s.applicant && x.stage == s.stage && x.indicator == s.indicator
            }) {
                self.clear_score(ws, &s.applicant, &s.stage, &s.indicator, now)?;
                changes += 1;
            }
        }
        for v in &held.vetoes {
            if !part
                .vetoes
                .iter()
                .any(|x| x.applicant == v.applicant && x.indicator == v.indicator)
            {
                self.clear_veto(ws, &v.applicant, &v.indicator, now)?;
                changes += 1;
            }
        }
        for d in &part.declarations {
            if !held.declarations.contains(d) {
                self.declare(ws, d.clone(), now)?;
                changes += 1;
            }
        }
        for s in &part.scores {
            if !held.scores.contains(s) {
                self.set_score(ws, s.clone(), now)?;
                changes += 1;
            }
        }
        for v in &part.verdicts {
            if !held.verdicts.contains(v) {
                self.set_verdict(ws, v.clone(), now)?;
                changes += 1;
            }
        }
        for v in &part.vetoes {
            if !held.vetoes.contains(v) {
                self.set_veto(ws, v.clone(), now)?;
                changes += 1;
            }
        }
        Ok(changes)
    }
}

/// Signs the next revision of the expert's sheet for the package at `path` with
/// `part` entered first ([`ExpertDesk::enter_part`]): the package is the one this
/// expert imported into `ws` before, or is imported now (verified whole, the
/// organizer's key pinned or confirmed by `trust`: [`import_package`]'s rules). A
/// workspace that holds the package for another person refuses (`not_an_expert`).
#[allow(clippy::too_many_arguments)]
pub fn sign_scores(
    ws: &mut Workspace,
    path: &Path,
    signer: &Signer,
    identities: &[Identity],
    trust: Trust<'_>,
    part: &ExpertPart,
    now: &Now,
) -> Result<(Entered, SignedSheet), DeskError> {
    let id = open_package(path, None)?.manifest.package.to_string();
    let (record, imported) = match ws.package(&id) {
        Ok(r) => (r, false),
        Err(WorkspaceError::UnknownPackage(_)) => (
            import_package(ws, path, signer, identities, trust, now)?.package,
            true,
        ),
        Err(e) => return Err(e.into()),
    };
    if record.fingerprint != signer.fingerprint().to_string() {
        return Err(DeskError::NotAnExpert {
            fingerprint: format!(
                "{} (this workspace holds package {} for {}, {})",
                signer.fingerprint(),
                record.id,
                record.person,
                record.fingerprint
            ),
        });
    }
    let desk = ExpertDesk::open(ws, &record.id, identities)?;
    let changes = desk.enter_part(ws, part, now)?;
    let signed = desk.sign(ws, signer, identities, now)?;
    Ok((
        Entered {
            package: record,
            imported,
            changes,
        },
        signed,
    ))
}
