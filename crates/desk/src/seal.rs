//! Sealing a round folder into a package: the whole round to the whole panel, or a
//! per-expert package holding only one expert's applicants, their materials and a
//! filtered `round.toml` that names nobody else's applicants.

use std::collections::BTreeSet;
use std::io::Write;

use reviewdesk_core::{Assignment, RecusalRuling, Round};
use reviewdesk_formats::{seal_with_progress, PackageId, SealInput, Sealed, Signer};
use reviewdesk_io::{templates::BUILTIN, LoadedRound};

use crate::cards::{PanelCards, PersonCard};
use crate::files::read;
use crate::DeskError;

/// Whose package to seal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// The whole round, to the whole panel and the organizer.
    Whole,
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
/// expert (every applicant when the round has no assignments), minus those whose
/// request that this expert recuse was upheld; the panel reduced to the chair and
/// this expert; only their assignments, recusal requests and materials. It is
/// validated against the template like any round.
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
        .filter(|a| {
            r.assignments.is_empty()
                || r.assignments
                    .iter()
                    .any(|x| x.expert == expert && x.applicant == *a)
        })
        .filter(|a| !recused.contains(a))
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
    out.materials
        .retain(|m| keep.contains(m.applicant.as_str()));
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

/// What a package holds, before encryption: names and plaintexts in entry order.
#[derive(Debug, Clone)]
pub struct Contents {
    /// The round's id.
    pub round: String,
    /// Who can open it.
    pub recipients: Vec<PersonCard>,
    /// `round`, `template`?, `card.<id>`…, `material.<id>`…, with their plaintexts.
    pub entries: Vec<(String, Vec<u8>)>,
}

/// Gathers a package's plaintexts from the round folder. The organizer's signing
/// key must be the organizer card's.
pub fn contents(
    loaded: &LoadedRound,
    cards: &PanelCards,
    organizer: &Signer,
    scope: Scope<'_>,
) -> Result<Contents, DeskError> {
    if organizer.fingerprint() != cards.organizer.card.fingerprint() {
        return Err(DeskError::OrganizerKey {
            person: cards.organizer.person.clone(),
            card: cards.organizer.card.fingerprint().to_string(),
            signer: organizer.fingerprint().to_string(),
        });
    }
    let (round_bytes, round) = match scope {
        Scope::Whole => (read(&loaded.dir.join("round.toml"))?, loaded.round.clone()),
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
    let mut entries = vec![("round".to_string(), round_bytes)];
    if let Some(t) = template_bytes(loaded)? {
        entries.push(("template".to_string(), t));
    }
    for c in &recipients {
        entries.push((format!("card.{}", c.person), c.bytes.clone()));
    }
    for m in &round.materials {
        // `load_round` checked the file name is plain and the file is there.
        let bytes = read(&loaded.dir.join("materials").join(&m.file))?;
        entries.push((format!("material.{}", m.id), bytes));
    }
    Ok(Contents {
        round: round.id,
        recipients,
        entries,
    })
}

/// Seals a round (or one expert's part of it) into `out`, signed by `organizer`,
/// encrypted to the recipients; `progress(done, total)` gets plaintext bytes.
pub fn seal_round<W: Write>(
    loaded: &LoadedRound,
    cards: &PanelCards,
    organizer: &Signer,
    scope: Scope<'_>,
    package: PackageId,
    out: W,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Sealed, DeskError> {
    let c = contents(loaded, cards, organizer, scope)?;
    let input = SealInput {
        package,
        round: &c.round,
        recipients: c.recipients.iter().map(PersonCard::recipient).collect(),
        entries: c
            .entries
            .iter()
            .map(|(n, b)| (n.clone(), b.as_slice()))
            .collect(),
    };
    seal_with_progress(&input, organizer, out, progress).map_err(DeskError::at("seal"))
}
