//! `reviewdesk report BUNDLE -o DIR`: the chair's reports from a result bundle —
//! verified first (signatures, bindings, the results recomputed), then the
//! 评分汇总表 as PDF, XLSX and CSV, the opinion pages and the public-notice draft.

use std::path::Path;

use reviewdesk_core::Lang;
use reviewdesk_desk::{
    read_limited, result_reports, verify_bundle, write_bytes, Limited, ReportFile,
};
use reviewdesk_reports::DocumentDate;

use crate::clock;
use crate::commands::keyarg;
use crate::commands::verify::fingerprint_arg;
use crate::error::CliError;

/// Today's date (China Standard Time) for the reports' date lines.
pub fn today() -> Result<DocumentDate, CliError> {
    let d = clock::now().today;
    DocumentDate::new(d.year() as u16, d.month() as u8, d.day() as u8)
        .map_err(|e| CliError::Usage(format!("today's date: {e}")))
}

/// Writes every report into `out` (created if missing); returns the files.
pub fn write_reports(
    bundle: &Path,
    organizer: Option<&str>,
    identities: &[reviewdesk_formats::Identity],
    out: &Path,
    lang: Lang,
) -> Result<Vec<(std::path::PathBuf, ReportFile)>, CliError> {
    let trust = fingerprint_arg(organizer)?;
    let v = verify_bundle(bundle, trust.as_ref(), identities)?;
    let files = result_reports(&v, &read_limited(bundle, Limited::Bundle)?, lang, today()?)?;
    std::fs::create_dir_all(out).map_err(|source| CliError::File {
        path: out.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for f in files {
        let path = out.join(f.name);
        write_bytes(&path, &f.bytes)?;
        written.push((path, f));
    }
    Ok(written)
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
