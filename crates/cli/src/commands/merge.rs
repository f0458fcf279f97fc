//! `reviewdesk merge`: the chair merges the experts' score sheets of one package
//! into a result bundle; one line per sheet file says whether it was used. The
//! chair's keys come from the keyring (`--as NAME`) or from key files (`--key FILE
//! --identity FILE`), as `commands/keyarg.rs` loads them.

use std::path::{Path, PathBuf};

use reviewdesk_core::rules::Opinions;
use reviewdesk_core::{AuditSummary, Lang};
use reviewdesk_desk::{
    merge_to_file, open_for_member, read, DeskError, MergeOptions, SheetOutcome, SheetReport,
};

use crate::commands::keyarg;
use crate::error::CliError;
use crate::messages::bundle_labels;

/// The arguments of `merge`.
pub struct MergeArgs<'a> {
    pub package: &'a Path,
    /// `--organizer FINGERPRINT`: the package must be signed by this key.
    pub organizer: Option<&'a str>,
    /// The chair's identity in the keyring (`--as NAME`), or else
    pub as_name: Option<&'a str>,
    /// the chair's signing key file (`--key`)
    pub key: Option<&'a Path>,
    /// and age identity file (`--identity`).
    pub identity: Option<&'a Path>,
    pub announced: Option<&'a str>,
    pub opinions: Option<&'a Path>,
    pub output: &'a Path,
    pub sheets: &'a [PathBuf],
    pub lang: Lang,
}

/// What an accepted sheet's audit log shows, in `lang`: pledge time,
/// declarations, edits, materials opened.
pub fn audit_line(a: &AuditSummary, lang: Lang) -> String {
    bundle_labels(lang)
        .audit_summary
        .replace("{pledged}", &a.pledged_at)
        .replace("{no_conflict}", &a.no_conflict.to_string())
        .replace("{recused}", &a.recused.to_string())
        .replace("{edits}", &a.edits.to_string())
        .replace("{opened}", &a.opened.to_string())
}

/// One line per sheet file: accepted (expert, revision, then what its audit log
/// shows) or refused (code, reason).
pub fn report_lines(reports: &[SheetReport], lang: Lang) -> String {
    let l = bundle_labels(lang);
    let mut out = String::new();
    for r in reports {
        let file = r.file.display();
        match &r.outcome {
            SheetOutcome::Accepted {
                expert,
                revision,
                audit,
            } => {
                let rev = l.revision_short.replace("{}", &revision.to_string());
                out += &format!(
                    "{}  {expert} {rev}  {file}\n    {}\n",
                    l.accepted,
                    audit_line(audit, lang)
                );
            }
            SheetOutcome::Refused(e) => {
                out += &format!(
                    "{}  {file}: [{}] {}\n",
                    l.refused,
                    e.code(),
                    e.message(lang)
                );
            }
        }
    }
    out
}

fn read_opinions(path: &Path) -> Result<Opinions, CliError> {
    let text = String::from_utf8(read(path)?).map_err(|_| CliError::Input {
        path: path.to_path_buf(),
        message: "not UTF-8 text".into(),
    })?;
    let de = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(de).map_err(|e| CliError::Input {
        path: path.to_path_buf(),
        message: format!("{}: {}", e.path(), e.inner()),
    })
}

/// The organizer key pinned in the user's workspace for `organizer` (the chair's
/// and expert's workspace the app and `import` pin into), when there is a
/// workspace; none is created.
fn workspace_pin(organizer: &str) -> Result<Option<String>, CliError> {
    let ws_err = |e| CliError::Desk(DeskError::Workspace(e));
    let dir = reviewdesk_workspace::default_dir().map_err(ws_err)?;
    if !dir.is_dir() {
        return Ok(None);
    }
    let ws = reviewdesk_workspace::Workspace::open(&dir).map_err(ws_err)?;
    ws.organizer_pin(organizer).map_err(ws_err)
}

/// Without `--organizer`, the package's signer must be the key pinned for its
/// organizer in the workspace (`organizer_changed` with both fingerprints
/// otherwise); with no pin either, the merge is refused (`organizer_not_pinned`)
/// showing the signer's fingerprint to compare and pass with `--organizer`.
fn check_pinned(
    pkg: &mut reviewdesk_desk::OpenPackage,
    ids: &[reviewdesk_formats::Identity],
    a: &MergeArgs<'_>,
) -> Result<(), CliError> {
    let signer = pkg.package.manifest.organizer.to_string();
    let rules = reviewdesk_desk::package_rules(pkg, ids)?;
    let organizer = rules.round.program.organizer.zh.clone();
    let pinned = workspace_pin(&organizer)?;
    if pinned.as_deref() == Some(signer.as_str()) {
        return Ok(());
    }
    let cx = crate::messages::MergePin {
        package: &a.package.display().to_string(),
        organizer: &organizer,
        signer: &signer,
        pinned: pinned.as_deref(),
    };
    Err(CliError::Explained {
        code: if pinned.is_some() {
            "organizer_changed"
        } else {
            "organizer_not_pinned"
        },
        message: crate::messages::merge_pin_refusal(&cx, a.lang),
    })
}

/// Runs the subcommand.
pub fn run(a: &MergeArgs<'_>) -> Result<(), CliError> {
    let l = bundle_labels(a.lang);
    let (chair, ids) = keyarg::signer_and_identities(a.as_name, a.key, a.identity)?;
    let opinions = a.opinions.map(read_opinions).transpose()?;
    let trust = crate::commands::verify::fingerprint_arg(a.organizer)?;
    let mut pkg = open_for_member(a.package, trust.as_ref(), &ids)?;
    if trust.is_none() {
        check_pinned(&mut pkg, &ids, a)?;
    }
    let options = MergeOptions {
        announced: a.announced,
        opinions: opinions.as_ref(),
        audit: None,
    };
    match merge_to_file(&mut pkg, &chair, &ids, a.sheets, options, a.output) {
        Ok(merged) => {
            print!("{}", report_lines(&merged.sheets, a.lang));
            println!("{}: {}", l.written, a.output.display());
            print!(
                "{}",
                crate::commands::compute::render(&merged.template, &merged.result, a.lang)
            );
            Ok(())
        }
        Err(DeskError::SheetsRefused { reports }) => {
            print!("{}", report_lines(&reports, a.lang));
            println!("{}", l.nothing_written);
            Err(DeskError::SheetsRefused { reports }.into())
        }
        Err(e) => Err(e.into()),
    }
}
