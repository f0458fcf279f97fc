//! `reviewdesk sheet sign|show`: an expert's score sheet from the command line,
//! the same file the expert desk writes.

use std::path::Path;

use reviewdesk_core::Lang;
use reviewdesk_desk::{
    open_for_member, open_sheet, read, read_limited, sign_sheet, write_bytes, DeskError, Limited,
    SheetDraft,
};

use crate::commands::keyarg;
use crate::error::CliError;
use crate::messages::package_labels;

/// The arguments of `sheet sign`: the expert's keys are the keyring identity
/// `as_name`, or the files `signing_key` and `identity`.
pub struct SignArgs<'a> {
    pub package: &'a Path,
    pub as_name: Option<&'a str>,
    pub signing_key: Option<&'a Path>,
    pub identity: Option<&'a Path>,
    pub input: &'a Path,
    pub audit: Option<&'a Path>,
    pub revision: u32,
    pub output: &'a Path,
}

fn text(path: &Path) -> Result<String, CliError> {
    String::from_utf8(read(path)?).map_err(|_| CliError::Input {
        path: path.to_path_buf(),
        message: "not UTF-8 text".into(),
    })
}

/// `sheet sign`.
pub fn sign(a: &SignArgs<'_>) -> Result<(), CliError> {
    let (signer, ids) = keyarg::signer_and_identities(a.as_name, a.signing_key, a.identity)?;
    let scores = text(a.input)?;
    let audit = a.audit.map(text).transpose()?.unwrap_or_default();
    let pkg = open_for_member(a.package, None, &ids)?;
    let sheet = sign_sheet(
        &pkg,
        &signer,
        SheetDraft {
            scores: &scores,
            audit: &audit,
            revision: a.revision,
        },
    )
    .map_err(|e| match e {
        DeskError::Scores(m) => CliError::Input {
            path: a.input.to_path_buf(),
            message: m,
        },
        other => other.into(),
    })?;
    write_bytes(a.output, &sheet)?;
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
