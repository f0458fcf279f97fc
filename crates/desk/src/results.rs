//! The chair's result reports, made from a verified bundle: the 评分汇总表 (PDF,
//! XLSX, CSV), one opinion page per applicant and the public-notice draft list.
//! Only a bundle that verified (signatures, bindings, recomputation) is reported
//! on, so every figure printed is one the rules engine recomputed.

use reviewdesk_core::Lang;
use reviewdesk_reports::{DocumentDate, FontData};
use reviewdesk_results::{
    opinion_pages_pdf, public_notice_pdf, summary_csv, summary_pdf, summary_xlsx, ResultSet,
    ResultsError,
};

use crate::bundle::BundleVerification;
use crate::DeskError;

/// One report: its file name and bytes.
#[derive(Debug, Clone)]
pub struct ReportFile {
    /// The file name (`summary.pdf`, …), the same in every language.
    pub name: &'static str,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// The report files, in this order: `summary.pdf`, `summary.xlsx`, `summary.csv`,
/// `opinions.pdf`, `public-notice.pdf`. Every PDF page's footer carries the
/// SHA-256 of the bundle file as stored (`bundle_sha256`), so a printed page names
/// the signed result it came from.
pub fn result_reports(
    v: &BundleVerification,
    bundle_sha256: &[u8; 32],
    lang: Lang,
    date: DocumentDate,
) -> Result<Vec<ReportFile>, DeskError> {
    let hash = crate::package::hex(bundle_sha256);
    let footer = match lang {
        Lang::ZhCn => format!("结果包 SHA-256：{hash}"),
        Lang::En => format!("Result bundle SHA-256: {hash}"),
    };
    let justifications = v.justifications();
    let set = ResultSet {
        round: &v.round,
        template: &v.template,
        input: &v.input,
        result: &v.result,
        opinions: &v.opinions,
        draw: &v.draw,
        lang,
        date,
        footer: Some(footer),
        justifications: &justifications,
    };
    let font = FontData::bundled().map_err(|e| DeskError::Report {
        name: "font",
        source: ResultsError::Pdf(e),
    })?;
    let make = |name: &'static str, r: Result<Vec<u8>, ResultsError>| {
        r.map(|bytes| ReportFile { name, bytes })
            .map_err(|source| DeskError::Report { name, source })
    };
    Ok(vec![
        make("summary.pdf", summary_pdf(&set, &font))?,
        make("summary.xlsx", summary_xlsx(&set))?,
        make("summary.csv", summary_csv(&set))?,
        make("opinions.pdf", opinion_pages_pdf(&set, &font))?,
        make("public-notice.pdf", public_notice_pdf(&set, &font))?,
    ])
}

/// Verifies the result bundle `bundle` (signed by the organizer `organizer` when
/// given, read with `identities`) and writes every report into `out` (created if
/// missing), each file through a renamed temporary file; returns the files written.
pub fn write_result_reports(
    bundle: &std::path::Path,
    organizer: Option<&reviewdesk_formats::Fingerprint>,
    identities: &[reviewdesk_formats::Identity],
    out: &std::path::Path,
    lang: Lang,
    today: reviewdesk_core::Date,
) -> Result<Vec<(std::path::PathBuf, ReportFile)>, DeskError> {
    let (v, sha256) = crate::verify_bundle_file(bundle, organizer, identities)?;
    let date = DocumentDate::new(today.year() as u16, today.month() as u8, today.day() as u8)
        .map_err(|e| DeskError::Report {
            name: "date",
            source: ResultsError::Pdf(e),
        })?;
    let files = result_reports(&v, &sha256, lang, date)?;
    std::fs::create_dir_all(out).map_err(|source| DeskError::Write {
        path: out.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for f in files {
        let path = out.join(f.name);
        crate::files::write_bytes(&path, &f.bytes)?;
        written.push((path, f));
    }
    Ok(written)
}
