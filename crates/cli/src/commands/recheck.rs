//! `reviewdesk recheck request|show`: the chair's re-check request (复核通知) to one
//! expert as a file (`reviewdesk-recheck/1`, `docs/formats.md`, "Re-check request"),
//! written from the divergence flags of the sheets given (the same checks as
//! `merge`), and shown after it is verified against the package's chair. Thin over
//! `reviewdesk_desk::{flags_of_sheets, request_flags, write_recheck, open_recheck}`.

use std::path::{Path, PathBuf};

use reviewdesk_core::rules::FlagCell;
use reviewdesk_core::Lang;
use reviewdesk_desk::{
    flags_of_sheets, open_for_member, open_recheck, request_flags, sheet_files_in, write_bytes,
    write_recheck, DeskError, RecheckCells,
};
use reviewdesk_formats::{Recheck, STAGE_TOTAL};

use crate::commands::keyarg;
use crate::error::CliError;
use crate::messages::{recheck_labels, recheck_refusal};

/// The arguments of `recheck request`.
pub struct RequestArgs<'a> {
    pub package: &'a Path,
    /// `--organizer FINGERPRINT`: the package must be signed by this key.
    pub organizer: Option<&'a str>,
    pub as_name: Option<&'a str>,
    pub key: Option<&'a Path>,
    pub identity: Option<&'a Path>,
    /// Sheet files, or folders of `*.rdsheet` files.
    pub sheets: &'a [PathBuf],
    pub expert: &'a str,
    /// `APPLICANT/STAGE[/INDICATOR]` cells; empty with `flagged`.
    pub entries: &'a [String],
    pub flagged: bool,
    pub note: &'a str,
    pub sequence: u32,
    pub output: &'a Path,
    pub lang: Lang,
}

/// `APPLICANT/STAGE` (the stage total) or `APPLICANT/STAGE/INDICATOR`.
pub fn parse_cell(text: &str) -> Result<FlagCell, CliError> {
    let parts: Vec<&str> = text.split('/').collect();
    let ok = |s: &str| !s.is_empty() && s != STAGE_TOTAL;
    match parts[..] {
        [a, s] if ok(a) && ok(s) => Ok(FlagCell {
            applicant: a.into(),
            stage: s.into(),
            indicator: None,
        }),
        [a, s, i] if ok(a) && ok(s) && ok(i) => Ok(FlagCell {
            applicant: a.into(),
            stage: s.into(),
            indicator: Some(i.into()),
        }),
        _ => Err(CliError::Usage(format!(
            "--entry {text:?}: give APPLICANT/STAGE/INDICATOR, or APPLICANT/STAGE for the stage total"
        ))),
    }
}

/// A desk error explained in the user's language where `messages` has words for it.
fn explained(e: DeskError, lang: Lang) -> CliError {
    match recheck_refusal(&e, lang) {
        Some(message) => CliError::Explained {
            code: e.code().as_str(),
            message,
        },
        None => e.into(),
    }
}

fn print_request(r: &Recheck, lang: Lang) {
    let l = recheck_labels(lang);
    println!("{}: {}", l.package, r.package);
    println!("{}: {}", l.round, r.round);
    println!("{}: {} ({})", l.chair, r.chair, l.signature_holds);
    println!("{}: {}", l.expert, r.expert);
    println!("{}: {}", l.sequence, r.sequence);
    println!("{}: {}", l.flags, r.flags.len());
    println!(
        "  {}\t{}\t{}\t{}\t{}\t{}\t{}",
        l.applicant, l.stage, l.indicator, l.value, l.mean_of_others, l.distance, l.note
    );
    for f in &r.flags {
        println!(
            "  {}\t{}\t{}\t{}\t{}\t{}\t{}",
            f.applicant,
            f.stage,
            f.indicator.as_deref().unwrap_or(l.stage_total),
            f.value,
            f.mean_of_others,
            f.distance,
            f.note
        );
    }
}

/// `recheck request`.
pub fn request(a: &RequestArgs<'_>) -> Result<(), CliError> {
    let (chair, ids) = keyarg::signer_and_identities(a.as_name, a.key, a.identity)?;
    let cells = a
        .entries
        .iter()
        .map(|e| parse_cell(e))
        .collect::<Result<Vec<_>, _>>()?;
    let trust = crate::commands::verify::fingerprint_arg(a.organizer)?;
    let mut pkg = open_for_member(a.package, trust.as_ref(), &ids)?;
    let mut files = Vec::new();
    for p in a.sheets {
        if p.is_dir() {
            files.extend(sheet_files_in(p)?);
        } else {
            files.push(p.clone());
        }
    }
    let flags = match flags_of_sheets(&mut pkg, &ids, &files) {
        Ok((flags, _)) => flags,
        Err(DeskError::SheetsRefused { reports }) => {
            print!("{}", crate::commands::merge::report_lines(&reports, a.lang));
            return Err(DeskError::SheetsRefused { reports }.into());
        }
        Err(e) => return Err(explained(e, a.lang)),
    };
    let which = if a.flagged {
        RecheckCells::Flagged
    } else {
        RecheckCells::These(&cells)
    };
    let chosen = request_flags(&flags, a.expert, which, &|_| a.note.to_owned())
        .map_err(|e| explained(e, a.lang))?;
    let written = write_recheck(&pkg, &chair, &ids, a.expert, a.sequence, &chosen)
        .map_err(|e| explained(e, a.lang))?;
    write_bytes(a.output, &written.file)?;
    print_request(&written.request, a.lang);
    println!("{}: {}", recheck_labels(a.lang).written, a.output.display());
    Ok(())
}

/// `recheck show`: verified against the package's chair, then printed.
pub fn show(
    file: &Path,
    package: &Path,
    as_name: Option<&str>,
    identity: Option<&Path>,
    lang: Lang,
) -> Result<(), CliError> {
    let ids = keyarg::required_identities(as_name, identity)?;
    let pkg = open_for_member(package, None, &ids)?;
    let request = open_recheck(file, &pkg, &ids).map_err(|e| explained(e, lang))?;
    print_request(&request, lang);
    Ok(())
}
