//! Reading packages: what kind of file something is, `inspect` (no private key
//! needed) and `verify` (every signature and hash; with an identity also every
//! plaintext), the entries checked on all cores.

use std::fs::File;
use std::path::Path;

use reviewdesk_core::Decisions;

use reviewdesk_formats::{
    check_age_header, Fingerprint, Identity, Index, IndexRecipient, KeyCard, OpenedPackage,
    PublicKey, Trusted, PACKAGE_FORMAT_LINE,
};

use crate::decisions::{package_decisions, read_decisions, require_listed, DECISIONS_ENTRY};
use crate::DeskError;

/// What kind of ReviewDesk file a file is, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A sealed package (`reviewdesk-package/1`).
    Package,
    /// An age file: a score sheet or a result bundle, encrypted; which one shows
    /// once it is decrypted ([`encrypted_kind`](crate::encrypted_kind)).
    Encrypted,
    /// A key card (`reviewdesk-keycard/1`).
    KeyCard,
}

/// The kind of file from its first bytes (no more than 32 are looked at); no
/// bytes at all is `empty_file`.
pub fn file_kind(head: &[u8]) -> Result<FileKind, DeskError> {
    if head.is_empty() {
        Err(DeskError::EmptyFile)
    } else if head.starts_with(format!("{PACKAGE_FORMAT_LINE}\n").as_bytes()) {
        Ok(FileKind::Package)
    } else if head.starts_with(b"age-encryption.org/v1\n") {
        Ok(FileKind::Encrypted)
    } else if head.starts_with(b"reviewdesk-keycard/1\n") {
        Ok(FileKind::KeyCard)
    } else {
        Err(DeskError::UnknownFileKind)
    }
}

/// The kind of the file at `path`.
pub fn file_kind_of(path: &Path) -> Result<FileKind, DeskError> {
    use std::io::Read;
    let mut head = Vec::with_capacity(32);
    File::open(path)
        .and_then(|f| f.take(32).read_to_end(&mut head))
        .map_err(|source| DeskError::Read {
            path: path.to_path_buf(),
            source,
        })?;
    file_kind(&head)
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Opens a package and verifies its manifest: signed by `trust` when given (the
/// pinned organizer), else by whichever key signed it, whose fingerprint the caller
/// shows for comparison out of band.
pub fn open_package(
    path: &Path,
    trust: Option<&Fingerprint>,
) -> Result<OpenedPackage<File>, DeskError> {
    let file = File::open(path).map_err(|source| DeskError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if file.metadata().is_ok_and(|m| m.len() == 0) {
        return Err(DeskError::EmptyFile);
    }
    let trusted = match trust {
        Some(fp) => Trusted::Fingerprints(std::slice::from_ref(fp)),
        None => Trusted::AnyKey,
    };
    OpenedPackage::open(file, trusted).map_err(|e| match (e, trust) {
        (reviewdesk_formats::FormatError::UnknownSigner { fingerprint }, Some(fp)) => {
            DeskError::UntrustedOrganizer {
                expected: fp.to_string(),
                found: fingerprint,
            }
        }
        (e, _) => DeskError::at("manifest")(e),
    })
}

/// The signed revision of a package kept earlier (its manifest checked against
/// the organizer key recorded then; nothing else is read).
pub fn kept_revision(path: &Path, organizer: &str) -> Result<u32, DeskError> {
    let fp = Fingerprint::parse(organizer).ok_or_else(|| DeskError::Malformed {
        part: "workspace".into(),
        message: format!("bad organizer fingerprint {organizer}"),
    })?;
    Ok(open_package(path, Some(&fp))?.manifest.revision)
}

/// Refuses a package of `round` at revision `offered` when one of `held` (the
/// revisions of the round's packages already kept) is as high or higher
/// (`stale_package`): an older sealing never replaces a newer one.
pub fn check_newer(
    round: &str,
    offered: u32,
    held: impl IntoIterator<Item = u32>,
) -> Result<(), DeskError> {
    match held.into_iter().max() {
        Some(held) if held >= offered => Err(DeskError::StalePackage {
            round: round.to_string(),
            offered,
            held,
        }),
        _ => Ok(()),
    }
}

/// Reopens a package already verified once, trusting exactly the key that signed.
fn reopen(path: &Path, key: &PublicKey) -> Result<OpenedPackage<File>, DeskError> {
    let file = File::open(path).map_err(|source| DeskError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    OpenedPackage::open(file, Trusted::Keys(std::slice::from_ref(key)))
        .map_err(DeskError::at("manifest"))
}

/// One entry as `inspect` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryInfo {
    /// The entry's name.
    pub name: String,
    /// Its stored (encrypted) size.
    pub size: u64,
    /// Its plaintext size, when the index could be read.
    pub plaintext_size: Option<u64>,
    /// Who it is encrypted to (person ids, roster order), when the index could be
    /// read: a material's readers, everyone for any other entry.
    pub readers: Option<Vec<String>>,
}

/// What `inspect` tells about a package.
#[derive(Debug, Clone)]
pub struct Inspection {
    /// The package id.
    pub package: String,
    /// The round's id.
    pub round: String,
    /// The signed package revision.
    pub revision: u32,
    /// Who signed the manifest (the signature holds; whether this is the right
    /// organizer is for the reader to compare).
    pub organizer: Fingerprint,
    /// SHA-256 of the signed manifest (what sheets bind to), hex.
    pub manifest_sha256: String,
    /// How many X25519 recipients the index is encrypted to.
    pub recipient_count: usize,
    /// The roster, when an identity opened the index.
    pub recipients: Option<Vec<IndexRecipient>>,
    /// Every entry in container order.
    pub entries: Vec<EntryInfo>,
    /// The file's size.
    pub file_size: u64,
    /// The organizer's decisions, when an identity that reads them was given and
    /// the package lists them (read strictly; `verify` also checks them against
    /// the round).
    pub decisions: Option<Decisions>,
    /// The round's calendar (`calendar` entry, read strictly), when an identity
    /// that reads it was given and the package carries one (`verify` only).
    pub calendar: Option<reviewdesk_core::WorkdayCalendar>,
}

fn inspection(
    pkg: &mut OpenedPackage<File>,
    index: Option<&Index>,
) -> Result<Inspection, DeskError> {
    let c = pkg
        .entry_ciphertext("index")
        .map_err(DeskError::at("entry index"))?;
    let recipient_count = check_age_header("index", &c).map_err(DeskError::at("entry index"))?;
    let m = &pkg.manifest;
    let entries = m
        .entries
        .iter()
        .map(|e| EntryInfo {
            name: e.name.clone(),
            size: e.size,
            plaintext_size: index
                .and_then(|i| i.entries.iter().find(|x| x.name == e.name))
                .map(|x| x.size),
            readers: index.map(|i| {
                i.readers_of(&e.name)
                    .iter()
                    .map(|r| r.person.clone())
                    .collect()
            }),
        })
        .collect();
    Ok(Inspection {
        package: m.package.to_string(),
        round: m.round.clone(),
        revision: m.revision,
        organizer: m.organizer.clone(),
        manifest_sha256: hex(&pkg.manifest_sha256()),
        recipient_count,
        recipients: index.map(|i| i.recipients.clone()),
        file_size: 25
            + pkg.signed_manifest.len() as u64
            + m.entries.iter().map(|e| e.size).sum::<u64>(),
        entries,
        decisions: None,
        calendar: None,
    })
}

/// Opens a package (signature checked, against `trust` when given) and, when
/// `identities` are given, its plaintext index.
fn open_with_index(
    path: &Path,
    trust: Option<&Fingerprint>,
    identities: &[Identity],
) -> Result<(OpenedPackage<File>, Option<Index>), DeskError> {
    let mut pkg = open_package(path, trust)?;
    let index = if identities.is_empty() {
        None
    } else {
        Some(
            pkg.open_index(identities)
                .map_err(DeskError::at("entry index"))?,
        )
    };
    Ok((pkg, index))
}

/// Inspects a package: the manifest's signature is checked (against any key: the
/// fingerprint is reported), nothing is decrypted unless `identities` are given, in
/// which case the index is opened for the roster and plaintext sizes, and the
/// organizer's decisions, when listed, are decrypted and read strictly.
pub fn inspect_package(path: &Path, identities: &[Identity]) -> Result<Inspection, DeskError> {
    let (mut pkg, index) = open_with_index(path, None, identities)?;
    let mut inspected = inspection(&mut pkg, index.as_ref())?;
    if let Some(i) = index.as_ref().filter(|i| {
        i.entries.iter().any(|e| e.name == DECISIONS_ENTRY)
            && i.is_reader(DECISIONS_ENTRY, identities)
    }) {
        let bytes = pkg
            .decrypt_entry(DECISIONS_ENTRY, identities, i)
            .map_err(DeskError::at(format!("entry {DECISIONS_ENTRY}")))?;
        inspected.decisions = Some(read_decisions(&bytes)?);
    }
    Ok(inspected)
}

/// What `verify` checked.
#[derive(Debug, Clone)]
pub struct Verification {
    /// The package as `inspect` shows it.
    pub inspection: Inspection,
    /// Entries whose stored bytes matched the manifest.
    pub entries_checked: usize,
    /// Whether every entry the identities may read was also decrypted and
    /// matched the index.
    pub decrypted: bool,
    /// With identities: the entries the index seals to other people only (a
    /// recused or unassigned expert's materials; every material, for the chair),
    /// checked by hash and stanza count, not decrypted.
    pub not_readable: Vec<String>,
}

/// Checks one entry: its stored bytes against the manifest and its age header;
/// with the index also its plaintext (when the identities are among its readers),
/// and for a card that it is the roster's. Without the index, a material may have
/// fewer stanzas than the index (its readers are not known), never more.
fn check_entry(
    pkg: &mut OpenedPackage<File>,
    name: &str,
    opened: Option<(&[Identity], &Index)>,
    recipients: usize,
) -> Result<(), DeskError> {
    let part = format!("entry {name}");
    let stanzas = |x: usize, want: usize| {
        DeskError::at(part.clone())(reviewdesk_formats::FormatError::IndexMismatch(format!(
            "{x} X25519 stanzas, the index has {want} readers"
        )))
    };
    match opened {
        None => {
            let x = pkg.check_entry(name).map_err(DeskError::at(part.clone()))?;
            let fits = if name.starts_with("material.") {
                x <= recipients
            } else {
                x == recipients
            };
            if !fits {
                return Err(stanzas(x, recipients));
            }
        }
        // The index itself was decrypted and verified by `open_index`.
        Some(_) if name == "index" => {}
        // Sealed to others only: the hash and the stanza count, nothing decrypted.
        Some((ids, index)) if !index.is_reader(name, ids) => {
            let x = pkg.check_entry(name).map_err(DeskError::at(part.clone()))?;
            if x != index.stanzas_of(name) {
                return Err(stanzas(x, index.stanzas_of(name)));
            }
        }
        // Materials stream through (64 KiB at a time); nothing is kept.
        Some((ids, index)) if !name.starts_with("card.") => {
            pkg.decrypt_entry_to(name, ids, index, &mut std::io::sink())
                .map_err(DeskError::at(part))?;
        }
        Some((ids, index)) => {
            let plain = pkg
                .decrypt_entry(name, ids, index)
                .map_err(DeskError::at(part.clone()))?;
            if let Some(person) = name.strip_prefix("card.") {
                let card = KeyCard::read(&plain).map_err(DeskError::at(part))?;
                let listed = index.recipients.iter().find(|r| r.person == person);
                let same = listed.is_some_and(|r| {
                    r.fingerprint == card.fingerprint()
                        && r.role == card.role
                        && r.age.to_string() == card.age_recipient.to_string()
                });
                if !same {
                    return Err(DeskError::CardMismatch {
                        person: person.to_string(),
                    });
                }
            }
        }
    }
    Ok(())
}

/// Verifies a package: the manifest's signature (by `trust` when given), every
/// entry's SHA-256 and age header, and that it lists the organizer's decisions
/// (`no_such_entry`); with `identities`, also the index's signature, every
/// plaintext against the index, every key card against the roster, and the
/// decisions read strictly and equal to their recomputation from the package's
/// round and template (`bad_content`), and the round's calendar, when it carries
/// one, read strictly (`bad_content`). The
/// entries are checked on all cores, each worker reading its own file handle; the
/// first failing entry in container order is reported. `progress(bytes)` is called
/// with the stored bytes of each entry checked.
pub fn verify_package(
    path: &Path,
    trust: Option<&Fingerprint>,
    identities: &[Identity],
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Verification, DeskError> {
    verify_arriving(path, trust, identities, progress, 0, &|_| Ok(()))
}

/// Waits until the file's first `end` bytes are there (a copy still being
/// written), or says why they never will be.
pub(crate) type Arrival<'a> = &'a (dyn Fn(u64) -> Result<(), DeskError> + Sync);

/// [`verify_package`] of a file still being written: `arrived(head_end)` before
/// the manifest and index are read (`head_end`: where the index entry ends), and
/// `arrived(end)` before each entry whose bytes end at `end`, so the check runs
/// beside the copy instead of after it.
pub(crate) fn verify_arriving(
    path: &Path,
    trust: Option<&Fingerprint>,
    identities: &[Identity],
    progress: &(dyn Fn(u64) + Sync),
    head_end: u64,
    arrived: Arrival<'_>,
) -> Result<Verification, DeskError> {
    arrived(head_end)?;
    let (mut pkg, index) = open_with_index(path, trust, identities)?;
    let inspection = inspection(&mut pkg, index.as_ref())?;
    let key = pkg.organizer_key.clone();
    let entries: Vec<(String, u64)> = pkg
        .manifest
        .entries
        .iter()
        .map(|e| (e.name.clone(), e.size))
        .collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
        .min(entries.len());
    let opened = index.as_ref().map(|i| (identities, i));
    let recipients = inspection.recipient_count;
    let mut results: Vec<(usize, Result<(), DeskError>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let (entries, key) = (&entries, &key);
                s.spawn(move || {
                    let mut out = Vec::new();
                    let mut pkg = match reopen(path, key) {
                        Ok(p) => p,
                        Err(e) => return vec![(0, Err(e))],
                    };
                    for (i, (name, size)) in entries.iter().enumerate().skip(w).step_by(workers) {
                        let r = pkg
                            .entry_span(name)
                            .map_err(DeskError::at(format!("entry {name}")))
                            .and_then(|span| arrived(span.at.saturating_add(span.size)))
                            .and_then(|()| check_entry(&mut pkg, name, opened, recipients));
                        progress(*size);
                        let failed = r.is_err();
                        out.push((i, r));
                        if failed {
                            break;
                        }
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join().unwrap_or_else(|_| {
                    vec![(
                        0,
                        Err(DeskError::Read {
                            path: path.to_path_buf(),
                            source: std::io::Error::other("a verify worker panicked"),
                        }),
                    )]
                })
            })
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    let mut checked = 0;
    for (_, r) in results {
        r?;
        checked += 1;
    }
    // The organizer's decisions: listed in every package sealed now; with an
    // identity that reads them, read strictly and checked against the round.
    require_listed(entries.iter().map(|(n, _)| n.as_str()))?;
    let mut inspection = inspection;
    if let Some(i) = index
        .as_ref()
        .filter(|i| i.is_reader(DECISIONS_ENTRY, identities))
    {
        inspection.decisions = Some(package_decisions(&mut pkg, identities, i)?.1);
    }
    // The round's calendar, when the package carries one: read strictly.
    if let Some(i) = index
        .as_ref()
        .filter(|i| i.is_reader(crate::calendar::CALENDAR_ENTRY, identities))
    {
        inspection.calendar =
            crate::calendar::package_calendar(&mut pkg, identities, i)?.map(|(_, c)| c);
    }
    let not_readable = match &index {
        Some(i) => entries
            .iter()
            .filter(|(name, _)| name != "index" && !i.is_reader(name, identities))
            .map(|(name, _)| name.clone())
            .collect(),
        None => Vec::new(),
    };
    Ok(Verification {
        inspection,
        entries_checked: checked,
        decrypted: index.is_some(),
        not_readable,
    })
}
