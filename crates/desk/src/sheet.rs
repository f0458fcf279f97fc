//! Score sheets from the command line and the expert desk: sign one expert's
//! scores against a package, and open a sheet back against its package.

use std::fs::File;
use std::path::Path;

use reviewdesk_formats::{
    decrypt, Family, Fingerprint, Identity, Index, OpenedPackage, PackageBinding, Role, Sheet,
    SheetContent, Signer, MAX_SHEET,
};

use crate::package::open_package;
use crate::DeskError;

/// A package opened with a panel member's identity: verified manifest, verified
/// index, and the binding sheets are written and checked against.
#[derive(Debug)]
pub struct OpenPackage {
    /// The package.
    pub package: OpenedPackage<File>,
    /// Its verified index (the roster).
    pub index: Index,
    /// The index's signed plaintext, as the organizer signed it.
    pub index_plaintext: Vec<u8>,
    /// What sheets bind to.
    pub binding: PackageBinding,
}

/// Opens a package for a panel member: the manifest (signed by `trust` when given)
/// and the index, decrypted with `identities`; with its `family` entry, when it has
/// one, in the binding (so sheets of the per-expert packages sealed with it check).
pub fn open_for_member(
    path: &Path,
    trust: Option<&Fingerprint>,
    identities: &[Identity],
) -> Result<OpenPackage, DeskError> {
    let mut package = open_package(path, trust)?;
    let (index, index_plaintext) = package
        .open_index_plaintext(identities)
        .map_err(DeskError::at("entry index"))?;
    let mut binding = package.binding(&index);
    if index.entries.iter().any(|e| e.name == "family") {
        let text = package
            .decrypt_entry("family", identities, &index)
            .map_err(DeskError::at("entry family"))?;
        binding.family = Family::parse(&text)
            .map_err(DeskError::at("entry family"))?
            .members;
    }
    Ok(OpenPackage {
        package,
        index,
        index_plaintext,
        binding,
    })
}

/// Checks that `scores` is one JSON object (without reading any number as floating
/// point) and returns it ending in LF, as a sheet's payload must.
pub fn check_scores(scores: &str) -> Result<String, DeskError> {
    use serde::de::IgnoredAny;
    let trimmed = scores.trim_end();
    if !trimmed.trim_start().starts_with('{') {
        return Err(DeskError::Scores("expected a JSON object `{…}`".into()));
    }
    serde_json::from_str::<IgnoredAny>(trimmed)
        .map_err(|e| DeskError::Scores(crate::error::shortened(&e.to_string())))?;
    Ok(format!("{trimmed}\n"))
}

/// What an expert signs.
#[derive(Debug, Clone, Copy)]
pub struct SheetDraft<'a> {
    /// This expert's part of the rules engine's input, JSON.
    pub scores: &'a str,
    /// The audit log, LF-terminated JSON lines (may be empty).
    pub audit: &'a str,
    /// The revision, higher than every earlier one of this expert.
    pub revision: u32,
}

/// Signs a sheet as `signer`, who must be an expert on the package's roster; the
/// result is the sheet file, encrypted to the chair, the organizer and the expert.
pub fn sign_sheet(
    pkg: &OpenPackage,
    signer: &Signer,
    draft: SheetDraft<'_>,
) -> Result<Vec<u8>, DeskError> {
    let fp = signer.fingerprint();
    let me = pkg
        .index
        .recipients
        .iter()
        .find(|r| r.role == Role::Expert && r.fingerprint == fp)
        .ok_or_else(|| DeskError::NotAnExpert {
            fingerprint: fp.to_string(),
        })?;
    let scores = check_scores(draft.scores)?;
    let content = SheetContent {
        expert: &me.person,
        revision: draft.revision,
        scores: &scores,
        audit: draft.audit,
    };
    Sheet::write(&content, &pkg.binding, signer).map_err(DeskError::at("sheet"))
}

/// Decrypts a sheet file and returns its signed plaintext, verified against the
/// package (binding, roster, signature, audit chain).
pub fn open_sheet_plaintext(
    file: &[u8],
    pkg: &OpenPackage,
    identities: &[Identity],
) -> Result<(Sheet, Vec<u8>), DeskError> {
    let plain = decrypt("sheet", file, identities, MAX_SHEET).map_err(DeskError::at("sheet"))?;
    let sheet = Sheet::verify(&plain, &pkg.binding).map_err(DeskError::at("sheet"))?;
    Ok((sheet, plain))
}

/// Opens a sheet file at `path` against its package, decrypting it as it is read
/// (its size checked first: only the plaintext is held, never the file as well).
pub fn open_sheet_file(
    path: &std::path::Path,
    pkg: &OpenPackage,
    identities: &[Identity],
) -> Result<Sheet, DeskError> {
    let file = crate::files::LimitedFile::open(path, crate::files::Limited::Sheet)?;
    let plain = reviewdesk_formats::decrypt_from("sheet", file, identities, MAX_SHEET)
        .map_err(DeskError::at("sheet"))?;
    Sheet::verify(&plain, &pkg.binding).map_err(DeskError::at("sheet"))
}

/// Opens a sheet file against its package.
pub fn open_sheet(
    file: &[u8],
    pkg: &OpenPackage,
    identities: &[Identity],
) -> Result<Sheet, DeskError> {
    open_sheet_plaintext(file, pkg, identities).map(|(s, _)| s)
}

/// What verifying a sheet with its package checked (issue 17, item 6: `verify`
/// runs what the merge runs).
#[derive(Debug, Clone)]
pub struct SheetVerification {
    /// The verified sheet.
    pub sheet: Sheet,
    /// Its payload, read as the expert's part.
    pub part: reviewdesk_core::rules::ExpertPart,
    /// Whether the template samples a stage: that stage's entries are checked
    /// against the template at the merge, once the draw is made.
    pub sampled_stage: Option<String>,
}

/// Verifies a sheet file against its package as the merge would take it: the
/// package's `round`, `template` and `decisions` read and checked
/// ([`crate::package_rules`]), the sheet decrypted and verified (binding, roster,
/// signature, audit chain), its payload one JSON object naming the expert who
/// signed (`bad_scores`, `part_expert_mismatch`) with nothing for an applicant the
/// expert is recused from (`recused_score`), and its entries run through the rules
/// engine with the round (`compute_refused`: unknown applicants, stages or
/// indicators, values off the scale) — for a sampled template without that
/// stage's entries, which the draw decides.
pub fn verify_sheet(
    file: &[u8],
    pkg: &mut OpenPackage,
    identities: &[Identity],
) -> Result<SheetVerification, DeskError> {
    let sheet = open_sheet(file, pkg, identities)?;
    verified_sheet(sheet, pkg, identities)
}

/// [`verify_sheet`] of the sheet file at `path`, decrypted as it is read
/// ([`open_sheet_file`]).
pub fn verify_sheet_file(
    path: &std::path::Path,
    pkg: &mut OpenPackage,
    identities: &[Identity],
) -> Result<SheetVerification, DeskError> {
    let sheet = open_sheet_file(path, pkg, identities)?;
    verified_sheet(sheet, pkg, identities)
}

fn verified_sheet(
    sheet: Sheet,
    pkg: &mut OpenPackage,
    identities: &[Identity],
) -> Result<SheetVerification, DeskError> {
    use reviewdesk_core::rules::{merge_parts, pre_draw_input, round_input};
    let rules = crate::merge::package_rules(pkg, identities)?;
    let base = round_input(&rules.round);
    let part = crate::merge::sheet_part(&sheet, &base)?;
    let mut input = pre_draw_input(
        &rules.template,
        &merge_parts(&base, std::slice::from_ref(&part)),
    );
    // A sampled template's engine needs a draw: one on a placeholder value, over
    // the input without the sampled stage (whose entries the real draw decides).
    if rules.template.sampled_stage().is_some() {
        crate::merge::set_draw(&rules.template, &rules.round, &mut input, Some("verify"))?;
    }
    crate::merge::run_compute(&rules.template, &input)?;
    Ok(SheetVerification {
        sheet,
        part,
        sampled_stage: rules.template.sampled_stage().map(|s| s.id.clone()),
    })
}
