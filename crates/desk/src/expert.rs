//! The expert desk's services (专家评审台): import a package into the workspace
//! (verified whole, organizer key pinned), then — on the package as imported —
//! the pledge, declarations, scores, materials decrypted in memory, and signed
//! sheets. The CLI and the desktop shell both call these; the rules are
//! `reviewdesk_core::ExpertReview`'s, the storage `reviewdesk_workspace`'s.

use std::fs::File;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use reviewdesk_core::rules::{
    check_justification, check_justifications, current_value, open_flags, Declaration, ExpertPart,
    FlagCell, Justification, OpenFlag, PartScore, PartVerdict, PartVeto,
};
use reviewdesk_core::{AuditEvent, Date, ExpertReview, Round, Template};
use reviewdesk_formats::{EntryStream, Fingerprint, Identity, Recheck, Role, Signer};
use reviewdesk_io::parse_round;
use reviewdesk_workspace::{PackageRecord, RecheckRecord, SheetRecord, StoredFlag, Workspace};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use crate::files::{read_limited, Limited};
use crate::package::{check_newer, hex, kept_revision, open_package, verify_arriving};
use crate::sheet::{open_for_member, open_sheet, sign_sheet, OpenPackage, SheetDraft};
use crate::DeskError;

/// The shell's clock, passed in so the services stay testable.
#[derive(Debug, Clone)]
pub struct Now {
    /// RFC 3339 UTC time for the audit log.
    pub at: String,
    /// Today's date where the user is, for deadlines and freshness.
    pub today: Date,
}

/// What the user has said about the organizer's key on this import.
#[derive(Debug, Clone, Copy)]
pub enum Trust<'a> {
    /// Nothing: only an already pinned key is accepted.
    Pinned,
    /// The user compared this fingerprint out of band and confirms it (pins it,
    /// or re-pins after a confirmed key change).
    Confirm(&'a Fingerprint),
}

/// What an import did.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The package as recorded.
    pub package: PackageRecord,
    /// Whether the organizer key was pinned by this import.
    pub pinned_now: bool,
    /// The earlier package of the same round this one supersedes.
    pub supersedes: Option<String>,
    /// Entries carried over from it (declarations, scores, verdicts, vetoes).
    pub carried: usize,
    /// Entries of it the new package no longer allows, with why.
    pub dropped: Vec<String>,
}

fn decrypt_text(pkg: &mut OpenPackage, name: &str, ids: &[Identity]) -> Result<String, DeskError> {
    let bytes = pkg
        .package
        .decrypt_entry(name, ids, &pkg.index)
        .map_err(DeskError::at(format!("entry {name}")))?;
    String::from_utf8(bytes).map_err(|_| DeskError::Malformed {
        part: format!("entry {name}"),
        message: "not UTF-8 text".into(),
    })
}

/// Reads the round and template a package carries (decrypted in memory).
fn round_of(pkg: &mut OpenPackage, ids: &[Identity]) -> Result<(Round, Template), DeskError> {
    let round = decrypt_text(pkg, "round", ids)?;
    let template = if pkg.index.entries.iter().any(|e| e.name == "template") {
        Some(decrypt_text(pkg, "template", ids)?)
    } else {
        None
    };
    parse_round(
        Path::new("entry round"),
        &round,
        template
            .as_deref()
            .map(|t| (Path::new("entry template"), t)),
    )
    .map_err(|e| DeskError::Malformed {
        part: "entry round".into(),
        message: e.to_string(),
    })
}

fn my_person(pkg: &OpenPackage, me: &Fingerprint) -> Result<String, DeskError> {
    pkg.index
        .recipients
        .iter()
        .find(|r| r.role == Role::Expert && &r.fingerprint == me)
        .map(|r| r.person.clone())
        .ok_or_else(|| DeskError::NotAnExpert {
            fingerprint: me.to_string(),
        })
}

/// Whether the organizer key `organizer` that signed a package of the organizer
/// named `organizer_name` may be used: pinned already (`false`), or confirmed now by
/// `trust` (`true`: pin it). A key that differs from the pin, or a first key not
/// confirmed, is refused with both fingerprints — for the expert's import and the
/// chair's open alike.
pub(crate) fn organizer_trusted(
    ws: &Workspace,
    organizer_name: &str,
    organizer: &Fingerprint,
    trust: Trust<'_>,
) -> Result<bool, DeskError> {
    let pinned = ws.organizer_pin(organizer_name)?;
    match (pinned.as_deref(), trust) {
        (Some(p), _) if p == organizer.to_string() => Ok(false),
        (_, Trust::Confirm(fp)) if fp == organizer => Ok(true),
        (_, Trust::Confirm(fp)) => Err(DeskError::TrustMismatch {
            confirmed: fp.to_string(),
            signer: organizer.to_string(),
        }),
        (Some(p), Trust::Pinned) => Err(DeskError::OrganizerChanged {
            organizer: organizer_name.to_owned(),
            pinned: p.to_owned(),
            presented: organizer.to_string(),
        }),
        (None, Trust::Pinned) => Err(DeskError::OrganizerNotPinned {
            organizer: organizer_name.to_owned(),
            fingerprint: organizer.to_string(),
        }),
    }
}

/// Imports a package for the expert whose keys are `signer` and `identities`:
/// verifies every signature, hash and plaintext first; checks the organizer key
/// against the pin (or the user's confirmation), the deadline, and that it is
/// new; then keeps the file (ciphertext) in the workspace and records it. A newer
/// package of the same round supersedes the older, carrying the work over.
/// Nothing is recorded unless every check passed.
pub fn import_package(
    ws: &mut Workspace,
    path: &Path,
    signer: &Signer,
    identities: &[Identity],
    trust: Trust<'_>,
    now: &Now,
) -> Result<Imported, DeskError> {
    import_package_with_progress(ws, path, signer, identities, trust, now, &|_, _| {
        ControlFlow::Continue(())
    })
}

/// [`import_package`], reporting `progress(done, total)` in bytes: the file is
/// read once, copied into the workspace under a temporary name (`total` counts
/// the copy and then the check), the copy — what will be kept — is verified on
/// every core from the page cache, and only then renamed into place and recorded.
/// A refusal or a failure removes the temporary copy. `progress` returning
/// `Break` stops the import ([`DeskError::Cancelled`]): during the copy at the next
/// 4 MiB, during the check when it ends; nothing is kept either way.
pub fn import_package_with_progress(
    ws: &mut Workspace,
    path: &Path,
    signer: &Signer,
    identities: &[Identity],
    trust: Trust<'_>,
    now: &Now,
    progress: &(dyn Fn(u64, u64) -> ControlFlow<()> + Sync),
) -> Result<Imported, DeskError> {
    // 0. One read of the file: copied next to where it will be kept, and the copy
    //    checked as it arrives (the manifest of the file given says where its
    //    index ends, so the check starts once that much is copied).
    // A sheet, bundle or card given to import is said to be one (issue 17, item 9).
    match crate::package::file_kind_of(path)? {
        crate::FileKind::Package => {}
        found => {
            return Err(DeskError::WrongFileKind {
                expected: crate::FileKind::Package,
                found,
            })
        }
    }
    let kept = ws.package_file("incoming");
    let dir = kept
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let size = std::fs::metadata(path)
        .map_err(|source| DeskError::Read {
            path: path.to_path_buf(),
            source,
        })?
        .len();
    let total = size.saturating_mul(2);
    let head_end = open_package(path, None)?
        .entry_span("index")
        .map_err(DeskError::at("manifest"))
        .map(|span| span.at.saturating_add(span.size))?;
    let werr = |source| DeskError::Write {
        path: dir.clone(),
        source,
    };
    let copy = tempfile::Builder::new()
        .prefix(".reviewdesk-import-")
        .suffix(".part")
        .tempfile_in(&dir)
        .map_err(werr)?;
    copy.as_file().set_len(size).map_err(werr)?;
    let target = copy.as_file().try_clone().map_err(werr)?;
    let original = path;
    let path = copy.path();

    // 1. Everything verifies: manifest signature, every ciphertext hash, the
    //    index, and with our identity every plaintext's size and hash — of the
    //    copy, the bytes that will be kept.
    let arrival = Arrival::default();
    let checked = AtomicU64::new(0);
    let copied = AtomicU64::new(0);
    let report = || {
        let done = copied.load(Ordering::Relaxed) + checked.load(Ordering::Relaxed);
        progress(done.min(total), total)
    };
    let (copy_result, verified) = std::thread::scope(|s| {
        let copier = s.spawn(|| {
            let r = copy_into(original, target, &|done| {
                copied.store(done, Ordering::Relaxed);
                arrival.advance(done) && report().is_continue()
            });
            arrival.finish(r.is_ok());
            r
        });
        let verified = verify_arriving(
            path,
            None,
            identities,
            &|bytes| {
                checked.fetch_add(bytes, Ordering::Relaxed);
                if report().is_break() {
                    arrival.abort();
                }
            },
            head_end,
            &|end| arrival.wait(end),
        )
        .map_err(|e| named_as(e, path, original));
        if verified.is_err() {
            arrival.abort();
        }
        let copy_result = copier
            .join()
            .unwrap_or_else(|_| Err(werr(std::io::Error::other("the copying thread panicked"))));
        (copy_result, verified)
    });
    let verification = match (copy_result, verified) {
        // The user stopped it, or the copy failed: that is why the check stopped.
        (Err(e), _) if !arrival.aborted() => return Err(e),
        (_, Err(e)) => return Err(e),
        (Err(e), Ok(_)) => return Err(e),
        (Ok(()), Ok(v)) => v,
    };
    if !verification.decrypted {
        return Err(DeskError::Format {
            part: "index".into(),
            source: reviewdesk_formats::FormatError::NotARecipient {
                name: "index".into(),
            },
        });
    }
    let mut pkg =
        open_for_member(path, None, identities).map_err(|e| named_as(e, path, original))?;
    let organizer = pkg.package.manifest.organizer.clone();
    let person = my_person(&pkg, &signer.fingerprint())?;
    let (round, _template) = round_of(&mut pkg, identities)?;
    let organizer_name = round.program.organizer.zh.clone();

    // 2. The organizer's key: pinned, or confirmed now.
    let pin_now = organizer_trusted(ws, &organizer_name, &organizer, trust)?;

    // 3. Not expired, not imported before.
    if let Some(deadline) = round.program.deadline {
        if now.today > deadline {
            return Err(DeskError::Expired {
                deadline: deadline.to_string(),
            });
        }
    }
    let id = pkg.binding.package.to_string();
    if ws.package(&id).is_ok() {
        return Err(DeskError::Workspace(
            reviewdesk_workspace::WorkspaceError::AlreadyImported(id),
        ));
    }
    // An older or equal revision never replaces a newer one (issue 17, item 3).
    let held = ws
        .packages()?
        .into_iter()
        .filter(|p| p.round == round.id)
        .map(|p| kept_revision(&ws.package_file(&p.id), &p.organizer))
        .collect::<Result<Vec<u32>, DeskError>>()?;
    check_newer(&round.id, pkg.package.manifest.revision, held)?;
    let previous = ws.current_package(&round.id)?;

    // 4. Keep the verified copy, then record it (a crash between leaves an
    //    unreferenced file that the next import of the same package overwrites).
    let dest = ws.package_file(&id);
    copy.persist(&dest).map_err(|e| DeskError::Write {
        path: dest.clone(),
        source: e.error,
    })?;
    let _ = progress(total, total);
    if pin_now {
        ws.pin_organizer(&organizer_name, &organizer.to_string(), &now.at)?;
    }
    let record = PackageRecord {
        id: id.clone(),
        round: round.id.clone(),
        manifest_sha256: hex(&pkg.binding.manifest_sha256),
        organizer: organizer.to_string(),
        organizer_name,
        person,
        fingerprint: signer.fingerprint().to_string(),
        imported_at: now.at.clone(),
        superseded_by: None,
    };
    ws.add_package(&record)?;

    let mut imported = Imported {
        package: record,
        pinned_now: pin_now,
        supersedes: None,
        carried: 0,
        dropped: Vec::new(),
    };
    if let Some(prev) = previous {
        carry_over(ws, &prev, &mut pkg, identities, &mut imported, now)?;
    }
    Ok(imported)
}

/// An error about the temporary copy, told about the file the user chose.
fn named_as(e: DeskError, copy: &Path, original: &Path) -> DeskError {
    match e {
        DeskError::Read { path, source } if path == copy => DeskError::Read {
            path: original.to_path_buf(),
            source,
        },
        other => other,
    }
}

/// Copies `from` into `to` (a file set to its final length) and syncs it to disk,
/// calling `go_on(bytes copied)` after every 4 MiB: `false` stops the copy
/// ([`DeskError::Cancelled`]).
fn copy_into(from: &Path, mut to: File, go_on: &dyn Fn(u64) -> bool) -> Result<(), DeskError> {
    use std::io::{Read, Write};
    let rerr = |source| DeskError::Read {
        path: from.to_path_buf(),
        source,
    };
    let werr = |source| DeskError::Write {
        path: from.to_path_buf(),
        source,
    };
    let mut src = File::open(from).map_err(rerr)?;
    let mut done = 0u64;
    loop {
        // File to file in the kernel where it can (copy_file_range), 4 MiB at a time.
        let n = std::io::copy(&mut (&mut src).take(4 << 20), &mut to).map_err(werr)?;
        if n == 0 {
            break;
        }
        done += n;
        if !go_on(done) {
            return Err(DeskError::Cancelled);
        }
    }
    to.flush().map_err(werr)?;
    to.sync_all().map_err(werr)
}

/// How far a copy being written has got, for the checks waiting on its bytes.
#[derive(Default)]
struct Arrival {
    state: std::sync::Mutex<ArrivalState>,
    moved: std::sync::Condvar,
}

#[derive(Default)]
struct ArrivalState {
    copied: u64,
    finished: bool,
    failed: bool,
    aborted: bool,
}

impl Arrival {
    fn lock(&self) -> std::sync::MutexGuard<'_, ArrivalState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The copy has `copied` bytes; `false` when the copy should stop.
    fn advance(&self, copied: u64) -> bool {
        let mut st = self.lock();
        st.copied = copied;
        self.moved.notify_all();
        !st.aborted
    }

    /// The copy ended, whole or not.
    fn finish(&self, ok: bool) {
        let mut st = self.lock();
        st.finished = true;
        st.failed = !ok;
        self.moved.notify_all();
    }

    /// Stop the copy: the check failed or the user asked.
    fn abort(&self) {
        self.lock().aborted = true;
        self.moved.notify_all();
    }

    fn aborted(&self) -> bool {
        self.lock().aborted
    }

    /// Waits until the first `end` bytes are copied (or the copy ended: a short
    /// file then fails its own checks); a failed copy stops the check.
    fn wait(&self, end: u64) -> Result<(), DeskError> {
        let mut st = self.lock();
        loop {
            if st.failed || st.aborted {
                return Err(DeskError::Cancelled);
            }
            if st.copied >= end || st.finished {
                return Ok(());
            }
            st = self.moved.wait(st).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// Replays the earlier package's work into the new one, each entry checked by
/// the new package's rules; what no longer fits is listed, not lost (the older
/// package keeps it).
fn carry_over(
    ws: &mut Workspace,
    prev: &PackageRecord,
    pkg: &mut OpenPackage,
    ids: &[Identity],
    imported: &mut Imported,
    now: &Now,
) -> Result<(), DeskError> {
    imported.supersedes = Some(prev.id.clone());
    let (round, template) = round_of(pkg, ids)?;
    let id = imported.package.id.clone();
    let review = ExpertReview::new(&template, &round, &imported.package.person)?;
    let old = ws.part(&prev.id)?;
    let mut pledged = false;
    if ws.pledged_at(&prev.id)?.is_some() {
        let sha = pledge_sha256(&review);
        ws.record(&id, &now.at, AuditEvent::Pledge { text_sha256: sha })?;
        pledged = true;
    }
    let mut part = ExpertPart {
        expert: imported.package.person.clone(),
        ..Default::default()
    };
    let mut events: Vec<(
        String,
        Result<(), reviewdesk_core::ReviewProblem>,
        AuditEvent,
    )> = Vec::new();
    for d in old.declarations {
        let r = review.check_declaration(pledged, &d);
        if r.is_ok() {
            part.declarations.push(d.clone());
        }
        events.push((
            format!("declaration {}", d.applicant),
            r,
            AuditEvent::Declare(d),
        ));
    }
    for s in old.scores {
        let r = review.check_score(pledged, &part, &s);
        let what = format!("score {} {} {}", s.applicant, s.stage, s.indicator);
        events.push((what, r, AuditEvent::Score(s)));
    }
    for v in old.verdicts {
        let r = review.check_verdict(pledged, &part, &v);
        events.push((
            format!("verdict {} {}", v.applicant, v.stage),
            r,
            AuditEvent::Verdict(v),
        ));
    }
    for v in old.vetoes {
        let r = review.check_veto(pledged, &part, &v);
        events.push((
            format!("veto {} {}", v.applicant, v.indicator),
            r,
            AuditEvent::Veto(v),
        ));
    }
    for (what, r, event) in events {
        match r {
            Ok(()) => {
                ws.record(&id, &now.at, event)?;
                imported.carried += 1;
            }
            Err(e) => imported.dropped.push(format!("{what}: {e}")),
        }
    }
    Ok(())
}

fn pledge_sha256(review: &ExpertReview<'_>) -> String {
    let p = review.pledge();
    let mut d = Sha256::new();
    d.update(p.zh.as_bytes());
    d.update(b"\n");
    d.update(p.en.as_bytes());
    hex(&d.finalize())
}

/// A signed sheet, as written.
#[derive(Debug, Clone)]
pub struct SignedSheet {
    /// The file's bytes (age-encrypted to chair, organizer and expert).
    pub file: Vec<u8>,
    /// Its record in the workspace.
    pub record: SheetRecord,
    /// The part it carries.
    pub part: ExpertPart,
}

/// One flag of an imported re-check request, as the expert desk lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct RecheckItem {
    /// The request's sequence.
    pub request: u32,
    /// The flag as the chair sent it.
    pub flag: StoredFlag,
    /// The expert's value for the cell now.
    pub current: Option<Decimal>,
    /// Whether it is the flag to answer (the latest request on its cell).
    pub open: bool,
    /// The justification given, if any.
    pub justification: Option<Justification>,
}

/// One imported package opened for the expert's work.
#[derive(Debug)]
pub struct ExpertDesk {
    /// The package's record.
    pub record: PackageRecord,
    /// The round it carries.
    pub round: Round,
    /// The rules.
    pub template: Template,
    pkg: OpenPackage,
    file: PathBuf,
    /// The material being read by range, if any (see [`ExpertDesk::open_material`]).
    reading: Option<Reading>,
    /// The materials whose opening this desk has logged (`open_material`, once per
    /// material while the package stays open).
    opened: std::collections::BTreeSet<String>,
}

/// A material open for reading by range, and the check of its stored bytes against
/// the manifest, running on its own thread and file handle.
#[derive(Debug)]
struct Reading {
    material: String,
    stream: EntryStream<File>,
    check: std::sync::mpsc::Receiver<Result<(), reviewdesk_formats::FormatError>>,
    verified: bool,
}

impl Reading {
    /// Whether the stored bytes have been hashed and match (`Ok(false)`: not yet).
    fn poll(&mut self) -> Result<bool, DeskError> {
        use std::sync::mpsc::TryRecvError;
        if self.verified {
            return Ok(true);
        }
        let name = format!("entry material.{}", self.material);
        match self.check.try_recv() {
            Ok(Ok(())) => {
                self.verified = true;
                Ok(true)
            }
            Ok(Err(e)) => Err(DeskError::Format {
                part: name,
                source: e,
            }),
            Err(TryRecvError::Empty) => Ok(false),
            Err(TryRecvError::Disconnected) => Err(DeskError::Malformed {
                part: name,
                message: "the check of its stored bytes stopped".into(),
            }),
        }
    }
}

impl ExpertDesk {
    /// Opens an imported package (its manifest checked against the organizer key
    /// recorded at import) with the expert's identities.
    pub fn open(ws: &Workspace, package: &str, identities: &[Identity]) -> Result<Self, DeskError> {
        let record = ws.package(package)?;
        let file = ws.package_file(package);
        let organizer =
            Fingerprint::parse(&record.organizer).ok_or_else(|| DeskError::Malformed {
                part: "workspace".into(),
                message: format!("bad organizer fingerprint {}", record.organizer),
            })?;
        let mut pkg = open_for_member(&file, Some(&organizer), identities)?;
        let (round, template) = round_of(&mut pkg, identities)?;
        Ok(Self {
            record,
            round,
            template,
            pkg,
            file,
            reading: None,
            opened: std::collections::BTreeSet::new(),
        })
    }

    /// The package file in the workspace.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The review rules for this expert.
    pub fn review(&self) -> ExpertReview<'_> {
        ExpertReview {
            template: &self.template,
            round: &self.round,
            expert: &self.record.person,
        }
    }

    fn pledged(&self, ws: &Workspace) -> Result<bool, DeskError> {
        Ok(ws.pledged_at(&self.record.id)?.is_some())
    }

    fn record(&self, ws: &mut Workspace, now: &Now, e: AuditEvent) -> Result<u64, DeskError> {
        Ok(ws.record(&self.record.id, &now.at, e)?.seq)
    }

    /// Accepts the pledge (once; again is a no-op that is not logged twice).
    pub fn accept_pledge(&self, ws: &mut Workspace, now: &Now) -> Result<(), DeskError> {
        if self.pledged(ws)? {
            return Ok(());
        }
        let sha = pledge_sha256(&self.review());
        self.record(ws, now, AuditEvent::Pledge { text_sha256: sha })?;
        Ok(())
    }

    /// Records a declaration for one applicant.
    pub fn declare(&self, ws: &mut Workspace, d: Declaration, now: &Now) -> Result<(), DeskError> {
        self.review().check_declaration(self.pledged(ws)?, &d)?;
        let part = ws.part(&self.record.id)?;
        let had_entries = part.scores.iter().any(|s| s.applicant == d.applicant)
            || part.verdicts.iter().any(|v| v.applicant == d.applicant);
        if d.recuse.is_some() && had_entries {
            return Err(DeskError::ScoredBeforeRecusal {
                applicant: d.applicant,
            });
        }
        // A recusal is final for this package: declaring it again the same is a
        // no-op, anything else (withdrawing it, another case or note) is refused.
        if let Some(before) = part
            .declarations
            .iter()
            .rev()
            .find(|x| x.applicant == d.applicant)
            .filter(|x| x.recuse.is_some())
        {
            if *before == d {
                return Ok(());
            }
            return Err(DeskError::RecusalFinal {
                applicant: d.applicant,
            });
        }
        self.record(ws, now, AuditEvent::Declare(d))?;
        Ok(())
    }

    /// Sets one score (checked against range, step and reason first).
    pub fn set_score(&self, ws: &mut Workspace, s: PartScore, now: &Now) -> Result<(), DeskError> {
        let part = ws.part(&self.record.id)?;
        self.review().check_score(self.pledged(ws)?, &part, &s)?;
        self.record(ws, now, AuditEvent::Score(s))?;
        Ok(())
    }

    /// Clears one score.
    pub fn clear_score(
        &self,
        ws: &mut Workspace,
        applicant: &str,
        stage: &str,
        indicator: &str,
        now: &Now,
    ) -> Result<(), DeskError> {
        let part = ws.part(&self.record.id)?;
        self.review()
            .check_open(self.pledged(ws)?, &part, applicant)?;
        self.record(
            ws,
            now,
            AuditEvent::ClearScore {
                applicant: applicant.into(),
                stage: stage.into(),
                indicator: indicator.into(),
            },
        )?;
        Ok(())
    }

    /// Sets a pass/fail verdict.
    pub fn set_verdict(
        &self,
        ws: &mut Workspace,
        v: PartVerdict,
        now: &Now,
    ) -> Result<(), DeskError> {
        let part = ws.part(&self.record.id)?;
        self.review().check_verdict(self.pledged(ws)?, &part, &v)?;
        self.record(ws, now, AuditEvent::Verdict(v))?;
        Ok(())
    }

    /// Marks a veto.
    pub fn set_veto(&self, ws: &mut Workspace, v: PartVeto, now: &Now) -> Result<(), DeskError> {
        let part = ws.part(&self.record.id)?;
        self.review().check_veto(self.pledged(ws)?, &part, &v)?;
        self.record(ws, now, AuditEvent::Veto(v))?;
        Ok(())
    }

    /// Withdraws a veto.
    pub fn clear_veto(
        &self,
        ws: &mut Workspace,
        applicant: &str,
        indicator: &str,
        now: &Now,
    ) -> Result<(), DeskError> {
        let part = ws.part(&self.record.id)?;
        self.review()
            .check_open(self.pledged(ws)?, &part, applicant)?;
        self.record(
            ws,
            now,
            AuditEvent::ClearVeto {
                applicant: applicant.into(),
                indicator: indicator.into(),
            },
        )?;
        Ok(())
    }

    /// One material's plaintext, decrypted in memory — only after the pledge and
    /// a "no conflict" declaration for its applicant, and once its opening is
    /// logged ([`ExpertDesk::open_material`]). Never written to disk.
    pub fn material(
        &mut self,
        ws: &mut Workspace,
        identities: &[Identity],
        material: &str,
        now: &Now,
    ) -> Result<Vec<u8>, DeskError> {
        let name = self.material_entry(ws, identities, material)?;
        self.log_open(ws, material, now)?;
        self.pkg
            .package
            .decrypt_entry(&name, identities, &self.pkg.index)
            .map_err(DeskError::at(format!("entry {name}")))
    }

    /// Opens a material to be read by range ([`ExpertDesk::material_range`]) under
    /// the same conditions as [`ExpertDesk::material`]; returns its plaintext length.
    /// Only the chunks a range touches are decrypted, in memory, each authenticated
    /// by age. The entry's stored bytes are hashed against the signed manifest on a
    /// thread of their own, so the first page does not wait for the whole file to be
    /// read ([`ExpertDesk::material_verified`]); a mismatch closes the material.
    ///
    /// The opening is logged (`open_material`, `docs/formats.md`, "Audit log")
    /// before anything is decrypted: the first time for each material while this
    /// desk is open, not again for pages read or a material opened again — so the
    /// log says which materials the expert opened and when first, and stays small.
    pub fn open_material(
        &mut self,
        ws: &mut Workspace,
        identities: &[Identity],
        material: &str,
        now: &Now,
    ) -> Result<u64, DeskError> {
        let name = self.material_entry(ws, identities, material)?;
        self.log_open(ws, material, now)?;
        self.reading = None;
        let open = || {
            File::open(&self.file).map_err(|source| DeskError::Read {
                path: self.file.clone(),
                source,
            })
        };
        let span = self
            .pkg
            .package
            .entry_span(&name)
            .map_err(DeskError::at(format!("entry {name}")))?;
        let stream = self
            .pkg
            .package
            .entry_stream(&name, identities, &self.pkg.index, open()?)
            .map_err(DeskError::at(format!("entry {name}")))?;
        let mut file = open()?;
        let (tx, check) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(span.check(&mut file));
        });
        let len = stream.len();
        self.reading = Some(Reading {
            material: material.to_string(),
            stream,
            check,
            verified: false,
        });
        Ok(len)
    }

    /// Whether the open material's stored bytes have been checked against the
    /// manifest: `Ok(true)` they match, `Ok(false)` not yet, an error (and the
    /// material closed) when they do not.
    pub fn material_verified(&mut self, material: &str) -> Result<bool, DeskError> {
        let reading = self.reading(material)?;
        let r = reading.poll();
        if r.is_err() {
            self.reading = None;
        }
        r
    }

    fn reading(&mut self, material: &str) -> Result<&mut Reading, DeskError> {
        self.reading
            .as_mut()
            .filter(|r| r.material == material)
            .ok_or_else(|| DeskError::Malformed {
                part: format!("material {material}"),
                message: "not open".into(),
            })
    }

    /// Plaintext bytes `begin..end` of the material opened by
    /// [`ExpertDesk::open_material`] (opened again when another one was open).
    /// The pledge and the declaration are checked on every call (a recusal made
    /// since closes the material), and so is the stored-bytes check.
    #[allow(clippy::too_many_arguments)]
    pub fn material_range(
        &mut self,
        ws: &mut Workspace,
        identities: &[Identity],
        material: &str,
        begin: u64,
        end: u64,
        now: &Now,
    ) -> Result<Vec<u8>, DeskError> {
        if let Err(e) = self.material_entry(ws, identities, material) {
            self.reading = None;
            return Err(e);
        }
        if self.reading(material).is_err() {
            self.open_material(ws, identities, material, now)?;
        }
        self.material_verified(material)?;
        let reading = self.reading(material)?;
        reading
            .stream
            .range(begin, end)
            .map_err(DeskError::at(format!("entry material.{material}")))
    }

    /// Logs the opening of `material` the first time this desk opens it.
    fn log_open(&mut self, ws: &mut Workspace, material: &str, now: &Now) -> Result<(), DeskError> {
        if self.opened.contains(material) {
            return Ok(());
        }
        self.record(
            ws,
            now,
            AuditEvent::OpenMaterial {
                material: material.to_owned(),
            },
        )?;
        self.opened.insert(material.to_owned());
        Ok(())
    }

    /// The entry name of a material the expert may read now: listed in the round,
    /// the pledge accepted, its applicant declared "no conflict", and sealed to
    /// this expert (the index names the expert among its readers; a recused or
    /// unassigned expert's identity is not a recipient of it: `not_a_recipient`,
    /// and nothing is decrypted).
    fn material_entry(
        &self,
        ws: &Workspace,
        identities: &[Identity],
        material: &str,
    ) -> Result<String, DeskError> {
        let m = self
            .round
            .materials
            .iter()
            .find(|m| m.id == material)
            .ok_or_else(|| DeskError::Format {
                part: format!("material {material}"),
                source: reviewdesk_formats::FormatError::NoSuchEntry {
                    name: material.chars().take(64).collect(),
                },
            })?;
        let part = ws.part(&self.record.id)?;
        self.review()
            .check_open(self.pledged(ws)?, &part, &m.applicant)?;
        let name = format!("material.{}", m.id);
        if !self.pkg.index.is_reader(&name, identities) {
            return Err(DeskError::Format {
                part: format!("entry {name}"),
                source: reviewdesk_formats::FormatError::NotARecipient { name },
            });
        }
        Ok(name)
    }

    /// Imports the chair's re-check request (复核通知): read within its limit,
    /// decrypted and verified against this package — signed by the package's chair
    /// (the roster in the index), bound to this package and round (`not_bound`) —
    /// then for this desk's expert (`recheck_other_expert`), newer than every
    /// request imported (`stale_recheck`), and flagging only cells this expert
    /// scores (`bad_content`). Kept in the workspace with its `import_recheck`
    /// audit line; nothing of a refused request is kept.
    pub fn import_recheck(
        &self,
        ws: &mut Workspace,
        identities: &[Identity],
        file: &Path,
        now: &Now,
    ) -> Result<Recheck, DeskError> {
        let bytes = read_limited(file, Limited::Recheck)?;
        let request = Recheck::open(&bytes, identities, &self.pkg.binding)
            .map_err(DeskError::at("re-check request"))?;
        if request.expert != self.record.person {
            return Err(DeskError::RecheckOtherExpert {
                expert: request.expert,
                you: self.record.person.clone(),
            });
        }
        let held = ws
            .rechecks(&self.record.id)?
            .iter()
            .map(|r| r.sequence)
            .max()
            .unwrap_or(0);
        if request.sequence <= held {
            return Err(DeskError::StaleRecheck {
                offered: request.sequence,
                held,
            });
        }
        let review = self.review();
        let assigned: Vec<&str> = review.assigned().iter().map(|a| a.id.as_str()).collect();
        let mut flags = Vec::with_capacity(request.flags.len());
        for f in &request.flags {
            let known_cell = assigned.contains(&f.applicant.as_str())
                && self.template.stage(&f.stage).is_some()
                && f.indicator
                    .as_deref()
                    .is_none_or(|i| self.template.scored_indicators(&f.stage).any(|x| x.id == i));
            if !known_cell {
                return Err(DeskError::Content {
                    part: "re-check request".into(),
                    message: format!(
                        "it flags {}/{}{}, which you do not score in this package",
                        f.applicant,
                        f.stage,
                        f.indicator
                            .as_deref()
                            .map(|i| format!("/{i}"))
                            .unwrap_or_default()
                    ),
                });
            }
            flags.push(StoredFlag {
                applicant: f.applicant.clone(),
                stage: f.stage.clone(),
                indicator: f.indicator.clone(),
                value: f.value.clone(),
                mean_of_others: f.mean_of_others.clone(),
                distance: f.distance.clone(),
                note: f.note.clone(),
            });
        }
        ws.import_recheck(
            &self.record.id,
            &RecheckRecord {
                sequence: request.sequence,
                sha256: hex(&request.sha256),
                file: bytes,
                imported_at: now.at.clone(),
                flags,
            },
        )?;
        Ok(request)
    }

    /// The flags still to answer: per cell the latest imported request's
    /// (`reviewdesk_core::rules::open_flags`).
    pub fn open_flags(&self, ws: &Workspace) -> Result<Vec<OpenFlag>, DeskError> {
        let mut requests = Vec::new();
        for r in ws.rechecks(&self.record.id)? {
            let mut flags = Vec::with_capacity(r.flags.len());
            for f in r.flags {
                let value: Decimal = f.value.parse().map_err(|_| DeskError::Malformed {
                    part: "workspace".into(),
                    message: format!("re-check request {}: value {:?}", r.sequence, f.value),
                })?;
                flags.push((
                    FlagCell {
                        applicant: f.applicant,
                        stage: f.stage,
                        indicator: f.indicator,
                    },
                    value,
                ));
            }
            requests.push((r.sequence, flags));
        }
        Ok(open_flags(&requests))
    }

    /// Every flag of the requests imported, as the desk lists them: the flag as
    /// the chair sent it, the value now, the justification given (if any) and
    /// whether it is the one to answer (the latest request on its cell).
    pub fn recheck_items(&self, ws: &Workspace) -> Result<Vec<RecheckItem>, DeskError> {
        let part = ws.part(&self.record.id)?;
        let open = self.open_flags(ws)?;
        let mut out = Vec::new();
        for r in ws.rechecks(&self.record.id)? {
            for flag in r.flags {
                let cell = FlagCell {
                    applicant: flag.applicant.clone(),
                    stage: flag.stage.clone(),
                    indicator: flag.indicator.clone(),
                };
                let justification = part
                    .justifications
                    .iter()
                    .find(|j| j.request == r.sequence && FlagCell::of_justification(j) == cell)
                    .cloned();
                out.push(RecheckItem {
                    request: r.sequence,
                    current: current_value(&part, &cell),
                    open: open
                        .iter()
                        .any(|o| o.cell == cell && o.request == r.sequence),
                    justification,
                    flag,
                });
            }
        }
        Ok(out)
    }

    /// Records the justification of one flagged cell, kept or changed
    /// (`reviewdesk_core::rules::check_justification`: the cell open under that
    /// request, a text, the answer fitting the value now), with its `justify`
    /// audit line.
    pub fn justify(
        &self,
        ws: &mut Workspace,
        j: Justification,
        now: &Now,
    ) -> Result<(), DeskError> {
        let open = self.open_flags(ws)?;
        let part = ws.part(&self.record.id)?;
        check_justification(&open, &part, &j)?;
        self.record(ws, now, AuditEvent::Justify(j))?;
        Ok(())
    }

    /// Signs the next revision of the sheet: every assigned applicant declared;
    /// the `sign` event is logged first so the sheet's audit head covers it.
    pub fn sign(
        &self,
        ws: &mut Workspace,
        signer: &Signer,
        identities: &[Identity],
        now: &Now,
    ) -> Result<SignedSheet, DeskError> {
        if signer.fingerprint().to_string() != self.record.fingerprint {
            return Err(DeskError::NotAnExpert {
                fingerprint: signer.fingerprint().to_string(),
            });
        }
        let part = ws.part(&self.record.id)?;
        self.review().check_ready(self.pledged(ws)?, &part)?;
        check_justifications(&self.open_flags(ws)?, &part)?;
        let revision = ws.next_revision(&self.record.id)?;
        self.record(ws, now, AuditEvent::Sign { revision })?;
        let (audit, head) = ws.audit_log(&self.record.id)?;
        let scores = serde_json::to_string(&part).map_err(|e| DeskError::Scores(e.to_string()))?;
        let file = sign_sheet(
            &self.pkg,
            signer,
            SheetDraft {
                scores: &scores,
                audit: &audit,
                revision,
            },
        )?;
        // Read back what was written, as the chair will.
        let sheet = open_sheet(&file, &self.pkg, identities)?;
        let record = SheetRecord {
            revision,
            sha256: hex(&sheet.sha256),
            audit_head: hex(&head),
            signed_at: now.at.clone(),
        };
        ws.record_sheet(&self.record.id, &record)?;
        Ok(SignedSheet { file, record, part })
    }
}
