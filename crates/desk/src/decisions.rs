//! The organizer's decisions a package carries (`decisions`, `docs/formats.md`,
//! "What a package holds"): read strictly and checked against the round and
//! template they were built from, when a package is verified or merged and when a
//! result bundle is verified.

use reviewdesk_core::{organizer_decisions, Date, Decisions, Round, Template};
use reviewdesk_formats::{FormatError, Identity, Index, OpenedPackage};

use crate::DeskError;

/// The entry's name, in a package and in a result bundle.
pub const DECISIONS_ENTRY: &str = "decisions";

/// The `decisions` plaintext of `round` under `template`, sealed on `sealed_on`.
pub fn decisions_bytes(round: &Round, template: &Template, sealed_on: Date) -> Vec<u8> {
    organizer_decisions(round, template, sealed_on).to_text()
}

/// Reads a `decisions` plaintext strictly (`bad_content` naming the entry, the
/// reader's own code in the message).
pub fn read_decisions(bytes: &[u8]) -> Result<Decisions, DeskError> {
    Decisions::parse(bytes).map_err(|e| DeskError::Content {
        part: DECISIONS_ENTRY.into(),
        message: format!("[{}] {e}", e.code()),
    })
}

/// The JSON line of a decisions text (after its format line).
fn json_of(text: &[u8]) -> &[u8] {
    text.iter()
        .position(|b| *b == b'\n')
        .map_or(text, |i| &text[i + 1..])
}

/// Reads `bytes` strictly and compares them, byte for byte, with the decisions
/// recomputed from `round` and `template` on the day they state: a difference is
/// `recompute_mismatch` naming the first JSON path that differs.
pub(crate) fn recompute_decisions(
    bytes: &[u8],
    round: &Round,
    template: &Template,
) -> Result<Decisions, DeskError> {
    let read = read_decisions(bytes)?;
    let again = decisions_bytes(round, template, read.sealed_on);
    crate::bundle::same_json(DECISIONS_ENTRY, json_of(bytes), json_of(&again))?;
    Ok(read)
}

/// [`recompute_decisions`] for a package: the same checks, a difference reported
/// as `bad_content` (the organizer signed decisions its own round does not give).
pub fn check_decisions(
    bytes: &[u8],
    round: &Round,
    template: &Template,
) -> Result<Decisions, DeskError> {
    recompute_decisions(bytes, round, template).map_err(|e| match e {
        DeskError::Recompute {
            path,
            found,
            expected,
            ..
        } => DeskError::Content {
            part: DECISIONS_ENTRY.into(),
            message: format!(
                "not the decisions of the package's round: at {path}, the package has {found}, the round gives {expected}"
            ),
        },
        other => other,
    })
}

/// A package without a `decisions` entry (sealed before they were recorded):
/// `no_such_entry`.
pub(crate) fn require_listed<'a>(
    mut names: impl Iterator<Item = &'a str>,
) -> Result<(), DeskError> {
    if names.any(|n| n == DECISIONS_ENTRY) {
        Ok(())
    } else {
        Err(DeskError::at("package")(FormatError::NoSuchEntry {
            name: DECISIONS_ENTRY.into(),
        }))
    }
}

/// Decrypts a package's `round`, `template` and `decisions` with `identities`
/// and checks the decisions ([`check_decisions`]); returns their bytes and value.
pub(crate) fn package_decisions<R: std::io::Read + std::io::Seek>(
    pkg: &mut OpenedPackage<R>,
    identities: &[Identity],
    index: &Index,
) -> Result<(Vec<u8>, Decisions), DeskError> {
    require_listed(index.entries.iter().map(|e| e.name.as_str()))?;
    let mut entry = |name: &str| {
        if !index.entries.iter().any(|e| e.name == name) {
            return Err(DeskError::at("package")(FormatError::NoSuchEntry {
                name: name.into(),
            }));
        }
        pkg.decrypt_entry(name, identities, index)
            .map_err(DeskError::at(format!("entry {name}")))
    };
    let round = entry("round")?;
    let template = entry("template")?;
    let bytes = entry(DECISIONS_ENTRY)?;
    let (round, template) = crate::merge::parse_rules(&round, &template)?;
    let decisions = check_decisions(&bytes, &round, &template)?;
    Ok((bytes, decisions))
}
