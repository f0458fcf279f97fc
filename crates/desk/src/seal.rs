//! Sealing a round folder into a package: the whole round to the whole panel (each
//! material only to the organizer and the experts who may read it), or a
//! per-expert package holding only one expert's applicants, their materials and a
//! filtered `round.toml` that names nobody else's applicants.

use std::collections::BTreeSet;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use reviewdesk_core::{material_readers, Assignment, Date, RecusalRuling, Round};
use reviewdesk_formats::{
    seal_streaming, Family, FamilyMember, PackageId, Readers, Sealed, Signer, StreamSealInput,
};
use reviewdesk_io::{templates::BUILTIN, LoadedRound};

use crate::calendar::{calendar_bytes, CALENDAR_ENTRY};
use crate::cards::{PanelCards, PersonCard};
use crate::decisions::{decisions_bytes, DECISIONS_ENTRY};
use crate::files::read;
use crate::DeskError;
use crate::Now;

/// Whose package to seal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// The whole round, to the whole panel and the organizer.
    Whole,
    /// The whole round with a `family` entry naming the per-expert packages sealed
    /// with it, so the chair accepts sheets bound to them ([`seal_family`]).
    WholeWithFamily(&'a Family),
    /// Only this expert's applicants, to this expert, the chair and the organizer.
    Expert(&'a str),
}

/// A fresh package id: 128 bits from the operating system's random source.
pub fn new_package_id() -> Result<PackageId, DeskError> {
    let mut id = [0u8; 16];
    getrandom::fill(&mut id).map_err(|e| DeskError::Write {
        path: "package id".into(),
        source: std::io::Error::other(e.to_string()),
    })?;
    Ok(PackageId(id))
}

/// The round an expert's package carries: only the applicants assigned to this
/// expert (every applicant when the round has no assignments); the panel reduced
/// to the chair and this expert; only their assignments and recusal requests; and
/// only the materials of applicants this expert may read — an applicant whose
/// request that this expert recuse was upheld stays listed (the desk shows the
/// request and locks the recusal) but its materials are not in the package; only
/// this expert's conflict dismissals; a drawn sample names only this expert's
/// applicants. An applicant that failed the
/// eligibility check (形式审查) is in no expert's package: not listed, no
/// materials, no records. It is validated against the template like any round.
pub fn round_for_expert(loaded: &LoadedRound, expert: &str) -> Result<Round, DeskError> {
    let r = &loaded.round;
    let me = r
        .panel
        .experts
        .iter()
        .find(|e| e.id == expert)
        .ok_or_else(|| DeskError::UnknownExpert {
            expert: expert.to_string(),
        })?;
    let recused: BTreeSet<&str> = r
        .recusal_requests
        .iter()
        .filter(|q| q.expert == expert && q.ruling == RecusalRuling::Upheld)
        .map(|q| q.applicant.as_str())
        .collect();
    let keep: BTreeSet<&str> = r
        .applicants
        .iter()
        .map(|a| a.id.as_str())
        .filter(|a| !reviewdesk_core::eligibility::is_ineligible(r, a))
        .filter(|a| {
            r.assignments.is_empty()
                || r.assignments
                    .iter()
                    .any(|x| x.expert == expert && x.applicant == *a)
        })
        .collect();
    if keep.is_empty() {
        return Err(DeskError::PerExpert {
            expert: expert.to_string(),
            message: "no applicants are assigned to this expert".into(),
        });
    }
    let mut out = r.clone();
    out.applicants.retain(|a| keep.contains(a.id.as_str()));
    out.panel.experts = vec![me.clone()];
    out.assignments = out
        .applicants
        .iter()
        .map(|a| Assignment {
            expert: expert.to_string(),
            applicant: a.id.clone(),
        })
        .collect();
    out.recusal_requests
        .retain(|q| q.expert == expert && keep.contains(q.applicant.as_str()));
    // Only this expert's dismissed conflicts: another expert's are none of theirs
    // (and name an expert this round no longer has).
    out.conflict_dismissals
        .retain(|d| d.expert == expert && keep.contains(d.applicant.as_str()));
    out.materials
        .retain(|m| keep.contains(m.applicant.as_str()) && !recused.contains(m.applicant.as_str()));
    out.eligibility
        .retain(|c| keep.contains(c.applicant.as_str()));
    // The organizer's inputs to the assignment name other experts: not the
    // expert's business (their own assignment is explicit above).
    out.assignment_pins.clear();
    out.assignment_bans.clear();
    // The draw stays (so a stage reads "not drawn for you", not "not drawn yet"),
    // naming only this expert's applicants.
    for s in &mut out.samples {
        s.applicants.retain(|a| keep.contains(a.as_str()));
    }
    // Likewise who went on to a later stage.
    for s in &mut out.advances {
        s.applicants.retain(|a| keep.contains(a.as_str()));
    }
    out.validate(&loaded.template)
        .map_err(|problems| DeskError::PerExpert {
            expert: expert.to_string(),
            message: problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        })?;
    Ok(out)
}

/// The `round` entry of an expert's package: the filtered round as TOML.
pub fn round_toml_for_expert(loaded: &LoadedRound, expert: &str) -> Result<Vec<u8>, DeskError> {
    let round = round_for_expert(loaded, expert)?;
    let text = toml::to_string(&round).map_err(|e| DeskError::PerExpert {
        expert: expert.to_string(),
        message: e.to_string(),
    })?;
    Ok(
        format!(
            "# The round as sealed for expert {expert}: only this expert's applicants.\n{text}"
        )
        .into_bytes(),
    )
}

/// The template's TOML: the folder's `template.toml`, else the built-in one's
/// source, so the package carries the rules it was sealed under.
fn template_bytes(loaded: &LoadedRound) -> Result<Option<Vec<u8>>, DeskError> {
    let local = loaded.dir.join("template.toml");
    if local.is_file() {
        return read(&local).map(Some);
    }
    let file = format!("{}.toml", loaded.template.id);
    Ok(BUILTIN
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(_, text)| text.as_bytes().to_vec()))
}

/// Where an entry's plaintext comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// Bytes in memory (the round, the template, the cards).
    Bytes(Vec<u8>),
    /// A material file, read when it is encrypted, and its size when gathered.
    File(PathBuf, u64),
}

impl Source {
    /// The plaintext size.
    pub fn size(&self) -> u64 {
        match self {
            Self::Bytes(b) => b.len() as u64,
            Self::File(_, n) => *n,
        }
    }

    fn open(&self) -> std::io::Result<Box<dyn Read>> {
        Ok(match self {
            Self::Bytes(b) => Box::new(std::io::Cursor::new(b.clone())),
            Self::File(p, _) => Box::new(std::fs::File::open(p)?),
        })
    }
}

/// What a package holds, before encryption: names and plaintext sources in entry
/// order.
#[derive(Debug, Clone)]
pub struct Contents {
    /// The round's id.
    pub round: String,
    /// Who can open it.
    pub recipients: Vec<PersonCard>,
    /// `round`, `template`?, `family`?, `decisions`, `calendar`, `card.<id>`…, `material.<id>`…,
    /// with their sources.
    pub entries: Vec<(String, Source)>,
    /// Who each material is encrypted to: the organizer and the experts who may
    /// read it ([`reviewdesk_core::material_readers`] on the round the package
    /// carries), in recipient order. Every other entry goes to every recipient.
    pub readers: Readers,
}

/// Gathers a package's plaintexts from the round folder (materials stay on disk
/// until they are encrypted), with the organizer's decisions on the round the
/// package carries as of `sealed_on` and the round's calendar (`loaded.calendar`). The organizer's signing key must be the
/// organizer card's.
pub fn contents(
    loaded: &LoadedRound,
    cards: &PanelCards,
    organizer: &Signer,
    scope: Scope<'_>,
    sealed_on: Date,
) -> Result<Contents, DeskError> {
    if organizer.fingerprint() != cards.organizer.card.fingerprint() {
        return Err(DeskError::OrganizerKey {
            person: cards.organizer.person.clone(),
            card: cards.organizer.card.fingerprint().to_string(),
            signer: organizer.fingerprint().to_string(),
        });
    }
    let (round_bytes, round) = match scope {
        Scope::Whole | Scope::WholeWithFamily(_) => {
            (read(&loaded.dir.join("round.toml"))?, loaded.round.clone())
        }
        Scope::Expert(e) => (
            round_toml_for_expert(loaded, e)?,
            round_for_expert(loaded, e)?,
        ),
    };
    let mut recipients = vec![cards.organizer.clone()];
    for c in &cards.members {
        let on_panel = c.person == round.panel.chair.id
            || round.panel.experts.iter().any(|e| e.id == c.person);
        if on_panel {
            recipients.push(c.clone());
        }
    }
    let mut entries = vec![("round".to_string(), Source::Bytes(round_bytes))];
    if let Some(t) = template_bytes(loaded)? {
        entries.push(("template".to_string(), Source::Bytes(t)));
    }
    if let Scope::WholeWithFamily(family) = scope {
        entries.push((
            "family".to_string(),
            Source::Bytes(family.to_text().into_bytes()),
        ));
    }
    entries.push((
        DECISIONS_ENTRY.to_string(),
        Source::Bytes(decisions_bytes(&round, &loaded.template, sealed_on)),
    ));
    entries.push((
        CALENDAR_ENTRY.to_string(),
        Source::Bytes(calendar_bytes(&loaded.calendar)),
    ));
    for c in &recipients {
        entries.push((format!("card.{}", c.person), Source::Bytes(c.bytes.clone())));
    }
    let mut readers = Readers::new();
    for m in &round.materials {
        let may: Vec<&str> = material_readers(&round, m);
        let people = recipients
            .iter()
            .filter(|c| c.person == cards.organizer.person || may.contains(&c.person.as_str()))
            .map(|c| c.person.clone())
            .collect();
        readers.insert(format!("material.{}", m.id), people);
        // `load_round` checked the file name is plain and the file is there.
        let path = loaded.dir.join("materials").join(&m.file);
        let size = std::fs::metadata(&path)
            .map_err(|source| DeskError::Read {
                path: path.clone(),
                source,
            })?
            .len();
        entries.push((format!("material.{}", m.id), Source::File(path, size)));
    }
    Ok(Contents {
        round: round.id,
        recipients,
        entries,
        readers,
    })
}

/// Seals a round (or one expert's part of it) into `out` on the day `sealed_on`,
/// signed by `organizer`, each entry encrypted to its readers
/// ([`Contents::readers`]); `progress(done, total)` gets plaintext bytes. The entries are encrypted on every core and
/// written once, each at its place in `out` (memory stays small whatever the
/// round's size); on error `out` holds a partial file.
#[allow(clippy::too_many_arguments)]
pub fn seal_round<W: Write + Seek + Send>(
    loaded: &LoadedRound,
    cards: &PanelCards,
    organizer: &Signer,
    scope: Scope<'_>,
    sealed_on: Date,
    package: PackageId,
    out: W,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Sealed, DeskError> {
    let c = contents(loaded, cards, organizer, scope, sealed_on)?;
    let input = StreamSealInput {
        package,
        round: &c.round,
        // The revision the round records (`package_revision`, written by the
        // sealing services before they seal), or 1.
        revision: loaded.round.revision(),
        recipients: c.recipients.iter().map(PersonCard::recipient).collect(),
        names: c.entries.iter().map(|(n, _)| n.clone()).collect(),
        readers: c.readers.clone(),
    };
    let sizes: Vec<u64> = c.entries.iter().map(|(_, s)| s.size()).collect();
    let failed_open: Mutex<Option<(PathBuf, std::io::Error)>> = Mutex::new(None);
    let r = seal_streaming(
        &input,
        organizer,
        &sizes,
        &|i| {
            c.entries[i].1.open().inspect_err(|e| {
                if let (Source::File(p, _), Ok(mut failed)) = (&c.entries[i].1, failed_open.lock())
                {
                    failed.get_or_insert((p.clone(), std::io::Error::new(e.kind(), e.to_string())));
                }
            })
        },
        out,
        progress,
    );
    match (r, failed_open.into_inner().ok().flatten()) {
        (Err(_), Some((path, source))) => Err(DeskError::Read { path, source }),
        (r, _) => r.map_err(DeskError::at("seal")),
    }
}

/// [`seal_round_to_file_on`] today by the system clock ([`Now::system`], China
/// Standard Time). For callers that have no clock of their own to pass; the shells
/// pass theirs to [`seal_round_to_file_on`].
pub fn seal_round_to_file(
    loaded: &LoadedRound,
    cards: &PanelCards,
    organizer: &Signer,
    scope: Scope<'_>,
    path: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Sealed, DeskError> {
    let today = Now::system().today;
    seal_round_to_file_on(loaded, cards, organizer, scope, today, path, progress)
}

/// Seals into the file `path` on the day `sealed_on`, through a temporary file in
/// its folder renamed into place.
pub fn seal_round_to_file_on(
    loaded: &LoadedRound,
    cards: &PanelCards,
    organizer: &Signer,
    scope: Scope<'_>,
    sealed_on: Date,
    path: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Sealed, DeskError> {
    let package = new_package_id()?;
    crate::files::write_atomically(path, |w| {
        // The package is synced to disk before it is renamed into place. Syncing
        // while it is written lets the disk work beside the encrypting cores, so
        // the last sync has only the tail left.
        let early = w.get_ref().try_clone().ok();
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        std::thread::scope(|s| {
            if let Some(file) = early {
                s.spawn(move || {
                    while rx.recv().is_ok() {
                        rx.try_iter().for_each(drop);
                        // Only a head start: the sync that counts comes after.
                        let _ = file.sync_data();
                    }
                });
            }
            let mut synced = 0u64;
            let r = seal_round(
                loaded,
                cards,
                organizer,
                scope,
                sealed_on,
                package,
                w,
                &mut |d, t| {
                    if d >= synced + SYNC_EVERY {
                        synced = d;
                        let _ = tx.send(());
                    }
                    progress(d, t);
                },
            );
            drop(tx);
            r
        })
    })
}

/// Plaintext bytes sealed between two early syncs of the package file.
const SYNC_EVERY: u64 = 32 << 20;

/// [`seal_family_on`] today by the system clock ([`Now::system`], China Standard
/// Time). For callers that have no clock of their own to pass.
pub fn seal_family(
    loaded: &LoadedRound,
    cards: &PanelCards,
    organizer: &Signer,
    whole: &Path,
    per_expert_dir: &Path,
    progress: &mut dyn FnMut(&Path, u64, u64),
) -> Result<Vec<(PathBuf, Sealed)>, DeskError> {
    let today = Now::system().today;
    seal_family_on(
        loaded,
        cards,
        organizer,
        today,
        whole,
        per_expert_dir,
        progress,
    )
}

/// Seals a round on the day `sealed_on` for a panel that scores per expert: first
/// one package per expert, `per_expert_dir/<expert id>.rdpkg`, then the whole round to `whole` with a
/// `family` entry naming each of them (package id and manifest hash), so the chair,
/// who opens the whole package, accepts each expert's sheet bound to that expert's
/// own package. `progress(file, done, total)` as for [`seal_round_to_file_on`].
/// Returns every file written with what was sealed, the whole package last.
pub fn seal_family_on(
    loaded: &LoadedRound,
    cards: &PanelCards,
    organizer: &Signer,
    sealed_on: Date,
    whole: &Path,
    per_expert_dir: &Path,
    progress: &mut dyn FnMut(&Path, u64, u64),
) -> Result<Vec<(PathBuf, Sealed)>, DeskError> {
    seal_family_part_on(
        loaded,
        cards,
        organizer,
        sealed_on,
        whole,
        per_expert_dir,
        &Family::default(),
        progress,
    )
}

/// As [`seal_family_on`], but the experts `kept` names keep the packages they hold
/// (their members are copied into the new family: sheets signed against them stay
/// valid) and only the other experts get a new package — a substitute expert
/// added to the panel (`crate::add_substitute`). An empty `kept` seals everyone.
#[allow(clippy::too_many_arguments)]
pub fn seal_family_part_on(
    loaded: &LoadedRound,
    cards: &PanelCards,
    organizer: &Signer,
    sealed_on: Date,
    whole: &Path,
    per_expert_dir: &Path,
    kept: &Family,
    progress: &mut dyn FnMut(&Path, u64, u64),
) -> Result<Vec<(PathBuf, Sealed)>, DeskError> {
    std::fs::create_dir_all(per_expert_dir).map_err(|source| DeskError::Write {
        path: per_expert_dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    let mut family = Family::default();
    for e in &loaded.round.panel.experts {
        if let Some(m) = kept.members.iter().find(|m| m.expert == e.id) {
            family.members.push(m.clone());
            continue;
        }
        let out = per_expert_dir.join(format!("{}.rdpkg", e.id));
        let sealed = seal_round_to_file_on(
            loaded,
            cards,
            organizer,
            Scope::Expert(&e.id),
            sealed_on,
            &out,
            &mut |d, t| progress(&out, d, t),
        )?;
        family.members.push(FamilyMember {
            expert: e.id.clone(),
            package: sealed.manifest.package,
            manifest_sha256: sealed.manifest_sha256,
        });
        written.push((out, sealed));
    }
    let sealed = seal_round_to_file_on(
        loaded,
        cards,
        organizer,
        Scope::WholeWithFamily(&family),
        sealed_on,
        whole,
        &mut |d, t| progress(whole, d, t),
    )?;
    written.push((whole.to_path_buf(), sealed));
    Ok(written)
}
