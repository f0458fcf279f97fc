//! `reviewdesk report BUNDLE -o DIR`: the chair's reports from a result bundle —
//! verified first (signatures, bindings, the results recomputed), then the
//! 评分汇总表 as PDF, XLSX and CSV, the opinion pages and the public-notice draft.

use std::path::Path;

use reviewdesk_core::Lang;
use reviewdesk_desk::ReportFile;

use crate::clock;
use crate::commands::keyarg;
use crate::commands::verify::fingerprint_arg;
use crate::error::CliError;

/// Writes every report into `out` (created if missing); returns the files.
pub fn write_reports(
    bundle: &Path,
    organizer: Option<&str>,
    identities: &[reviewdesk_formats::Identity],
    out: &Path,
    lang: Lang,
) -> Result<Vec<(std::path::PathBuf, ReportFile)>, CliError> {
    let trust = fingerprint_arg(organizer)?;
    Ok(reviewdesk_desk::write_result_reports(
        bundle,
        trust.as_ref(),
        identities,
        out,
        lang,
        clock::now().today,
    )?)
}

/// Runs the subcommand: one line per file written.
pub fn run(
    bundle: &Path,
    organizer: Option<&str>,
    as_name: Option<&str>,
    identity: Option<&Path>,
    out: &Path,
    lang: Lang,
) -> Result<(), CliError> {
    let ids = keyarg::required_identities(as_name, identity)?;
    for (path, f) in write_reports(bundle, organizer, &ids, out, lang)? {
        println!("{}  {} B", path.display(), f.bytes.len());
    }
    Ok(())
}
