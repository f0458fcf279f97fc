//! `reviewdesk sheet sign|show`: an expert's score sheet from the command line,
//! the same file the expert desk writes, made the same way: `sheet sign` imports
//! the package into the expert's workspace (or finds it there), enters the scores
//! file at the desk — pledge, declarations, scores, verdicts, vetoes, each logged
//! — and signs the next revision (`reviewdesk_desk::sign_scores`).

use std::path::Path;

use reviewdesk_core::rules::ExpertPart;
use reviewdesk_core::Lang;
use reviewdesk_desk::{
    open_for_member, open_sheet, read, read_limited, sign_scores, write_bytes, DeskError, Limited,
    Trust,
};
use reviewdesk_workspace::Workspace;

use crate::clock;
use crate::commands::keyarg;
use crate::commands::verify::fingerprint_from;
use crate::error::CliError;
use crate::messages::{explain_import_error, package_labels, ImportContext};
use crate::render::{shell_path, shell_word};

/// The arguments of `sheet sign`: the expert's keys are the keyring identity
/// `as_name`, or the files `signing_key` and `identity`.
pub struct SignArgs<'a> {
    pub package: &'a Path,
    pub as_name: Option<&'a str>,
    pub signing_key: Option<&'a Path>,
    pub identity: Option<&'a Path>,
    pub input: &'a Path,
    /// `--workspace DIR`; the user's workspace when absent.
    pub workspace: Option<&'a Path>,
    /// `--trust FINGERPRINT`: the organizer's key, confirmed, on the first import.
    pub trust: Option<&'a str>,
    pub output: &'a Path,
    pub lang: Lang,
}

/// Reads the scores file as the expert's part (strict: unknown fields refused,
/// the JSON path of the first problem named).
fn read_part(path: &Path) -> Result<ExpertPart, CliError> {
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

/// `sheet sign`.
pub fn sign(a: &SignArgs<'_>) -> Result<(), CliError> {
    let (signer, ids) = keyarg::signer_and_identities(a.as_name, a.signing_key, a.identity)?;
    let part = read_part(a.input)?;
    let trust = a
        .trust
        .map(|t| fingerprint_from("--trust", t))
        .transpose()?;
    let trust = match &trust {
        Some(fp) => Trust::Confirm(fp),
        None => Trust::Pinned,
    };
    let mut ws = match a.workspace {
        Some(dir) => Workspace::open(dir),
        None => Workspace::open_default(),
    }
    .map_err(|e| CliError::Desk(DeskError::Workspace(e)))?;
    let (_, signed) = sign_scores(
        &mut ws,
        a.package,
        &signer,
        &ids,
        trust,
        &part,
        &clock::now(),
    )
    .map_err(|e| match (e, a.as_name) {
        (DeskError::Scores(m), _) => CliError::Input {
            path: a.input.to_path_buf(),
            message: m,
        },
        // A refused import says what to do (as `reviewdesk import`); whose
        // package the workspace holds is the error's own message.
        (e @ DeskError::NotAnExpert { .. }, _) => e.into(),
        (e, Some(name)) => {
            let fp = signer.fingerprint().to_string();
            let cx = ImportContext {
                package: &shell_path(a.package),
                name,
                name_arg: &shell_word(name),
                fingerprint: &fp,
            };
            match explain_import_error(&e, &cx, a.lang) {
                Some(message) => CliError::Explained {
                    code: e.code().as_str(),
                    message,
                },
                None => e.into(),
            }
        }
        (e, None) => e.into(),
    })?;
    write_bytes(a.output, &signed.file)?;
    println!("{}", a.output.display());
    Ok(())
}

/// `sheet show`, with the keyring identity `as_name` or the identity file `identity`.
pub fn show(
    file: &Path,
    as_name: Option<&str>,
    identity: Option<&Path>,
    package: &Path,
    lang: Lang,
) -> Result<(), CliError> {
    let l = package_labels(lang);
    let ids = keyarg::required_identities(as_name, identity)?;
    let pkg = open_for_member(package, None, &ids)?;
    let sheet = open_sheet(&read_limited(file, Limited::Sheet)?, &pkg, &ids)?;
    println!("{}: {}", l.kind, l.sheet);
    println!("{}: {}", l.package_id, pkg.binding.package);
    println!("{}: {}", l.expert, sheet.expert);
    println!("{}: {} ({})", l.signer, sheet.signer, l.signature_holds);
    println!("{}: {}", l.revision, sheet.revision);
    println!("{}: {}", l.audit_lines, sheet.audit.lines().count());
    println!("{}:\n{}", l.scores, sheet.scores.trim_end());
    Ok(())
}
