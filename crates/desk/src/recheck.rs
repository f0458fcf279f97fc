//! Re-checks (复核) between the chair and an expert: the chair writes a request file
//! for one expert from the divergence flags of the sheets in force
//! (`reviewdesk-recheck/1`, `docs/formats.md`, "Re-check request"); the CLI's
//! `recheck request` and `recheck show`, and the chair desk's export, call these.
//! The expert's side (import, justify, sign) is [`ExpertDesk`](crate::ExpertDesk)'s.

use std::path::{Path, PathBuf};

use reviewdesk_core::rules::{
    merge_parts, recheck_flags, round_input, DivergenceFlag, ExpertPart, FlagCell,
};
use reviewdesk_core::ReviewProblem;
use reviewdesk_formats::{Identity, Recheck, RecheckContent, RecheckFlag, Signer};

use crate::files::{read_limited, Limited};
use crate::merge::{check_chair, check_sheets, package_rules, run_compute, SheetReport};
use crate::sheet::OpenPackage;
use crate::DeskError;

/// Which cells a request flags.
#[derive(Debug, Clone, Copy)]
pub enum RecheckCells<'a> {
    /// Every divergence flag of the expert.
    Flagged,
    /// Exactly these cells, each of which must carry a flag of the expert
    /// (`not_flagged` naming those that do not).
    These(&'a [FlagCell]),
}

/// A request written: the file's bytes and what it says.
#[derive(Debug, Clone)]
pub struct WrittenRecheck {
    /// The file (age-encrypted to the expert and the chair).
    pub file: Vec<u8>,
    /// The request as the expert will read it.
    pub request: Recheck,
}

/// "line breaks in the chair's note are written as spaces": the note as one line
/// of at most 1,000 bytes, cut on a character boundary.
fn one_line(note: &str) -> String {
    let flat: String = note
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut out = flat.trim().to_owned();
    while out.len() > 1000 {
        out.pop();
    }
    out.trim_end().to_owned()
}

/// The cells of `flags` for `expert` chosen by `cells`, in the format's terms,
/// each with the note `note_of` gives it.
pub fn request_flags(
    flags: &[DivergenceFlag],
    expert: &str,
    cells: RecheckCells<'_>,
    note_of: &dyn Fn(&FlagCell) -> String,
) -> Result<Vec<RecheckFlag>, DeskError> {
    let chosen = match cells {
        RecheckCells::Flagged => recheck_flags(flags, expert, None),
        RecheckCells::These(c) => recheck_flags(flags, expert, Some(c)),
    }
    .map_err(|missing| {
        DeskError::Review(ReviewProblem::NotFlagged(crate::error::listed(
            missing.iter().map(|c| format!("{c} (expert {expert})")),
            ", ",
        )))
    })?;
    if chosen.is_empty() {
        return Err(DeskError::NoRechecks {
            expert: expert.to_owned(),
        });
    }
    Ok(chosen
        .iter()
        .map(|f| RecheckFlag {
            applicant: f.applicant.clone(),
            stage: f.stage.clone(),
            indicator: f.indicator.clone(),
            value: f.value.normalize().to_string(),
            mean_of_others: f.mean_of_others.normalize().to_string(),
            distance: f.d.normalize().to_string(),
            note: one_line(&note_of(&FlagCell::of(f))),
        })
        .collect())
}

/// Signs a request as the package's chair (`not_the_chair` for anyone else) and
/// reads it back as the expert will.
pub fn write_recheck(
    pkg: &OpenPackage,
    chair: &Signer,
    identities: &[Identity],
    expert: &str,
    sequence: u32,
    flags: &[RecheckFlag],
) -> Result<WrittenRecheck, DeskError> {
    check_chair(pkg, chair)?;
    let content = RecheckContent {
        expert,
        sequence,
        flags,
    };
    let file =
        Recheck::write(&content, &pkg.binding, chair).map_err(DeskError::at("re-check request"))?;
    let request = Recheck::open(&file, identities, &pkg.binding)
        .map_err(DeskError::at("re-check request"))?;
    Ok(WrittenRecheck { file, request })
}

/// The divergence flags of sheet files checked against the chair's package (the
/// same checks as the merge; a refused file stops it, `sheets_refused`). Before the
/// draw of a template that samples a stage, the flags are those without it.
pub fn flags_of_sheets(
    pkg: &mut OpenPackage,
    identities: &[Identity],
    sheets: &[PathBuf],
) -> Result<(Vec<DivergenceFlag>, Vec<SheetReport>), DeskError> {
    let rules = package_rules(pkg, identities)?;
    let base = round_input(&rules.round);
    let items = sheets
        .iter()
        .map(|f| (f.clone(), read_limited(f, Limited::Sheet)))
        .collect();
    let checks = check_sheets(pkg, identities, &rules.round, &base, items);
    if checks.reports.iter().any(SheetReport::is_blocking) {
        return Err(DeskError::SheetsRefused {
            reports: checks.reports,
        });
    }
    if checks.accepted.is_empty() {
        return Err(DeskError::NoSheets);
    }
    let parts: Vec<ExpertPart> = checks.accepted.iter().map(|c| c.part.clone()).collect();
    let input = merge_parts(&base, &parts);
    let t = &rules.template;
    let result = if t.sampled_stage().is_some() {
        let (t2, i2) = crate::chair::without_sampled_stage(t, &input);
        run_compute(&t2, &i2)?
    } else {
        run_compute(t, &input)?
    };
    Ok((result.divergence, checks.reports))
}

/// Reads a request file (within its limit) and verifies it against a package.
pub fn open_recheck(
    path: &Path,
    pkg: &OpenPackage,
    identities: &[Identity],
) -> Result<Recheck, DeskError> {
    let bytes = read_limited(path, Limited::Recheck)?;
    Recheck::open(&bytes, identities, &pkg.binding).map_err(DeskError::at("re-check request"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_is_written_as_one_line_within_the_limit() {
        assert_eq!(one_line(" 请核对\n第 3 页 "), "请核对 第 3 页");
        let long = one_line(&"评".repeat(600));
        assert!(long.len() <= 1000 && long.chars().all(|c| c == '评'));
        assert_eq!(one_line(""), "");
    }
}
