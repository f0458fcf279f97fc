//! `reviewdesk import PKG --as NAME [--trust FINGERPRINT]` and `reviewdesk
//! workspace list`: the expert desk's import into the user's workspace
//! (`reviewdesk_desk::import_package`, the same service the desktop calls).

use std::path::Path;

use reviewdesk_core::Lang;
use reviewdesk_desk::{import_package, DeskError, Trust};
use reviewdesk_workspace::Workspace;

use crate::clock;
use crate::commands::keyarg;
use crate::commands::verify::fingerprint_from;
use crate::error::CliError;
use crate::messages::{expert_labels, explain_import_error, ImportContext};
use crate::render::{self, shell_path, shell_word};

/// The user's workspace (`$XDG_DATA_HOME/reviewdesk/workspace`).
fn open_workspace() -> Result<Workspace, CliError> {
    Workspace::open_default().map_err(|e| CliError::Desk(DeskError::Workspace(e)))
}

/// `import`: verifies the package whole, checks the organizer key against the pin
/// (or `--trust`), and records it; refusals say what happened and what to do.
pub fn import(
    package: &Path,
    as_name: &str,
    trust: Option<&str>,
    lang: Lang,
) -> Result<(), CliError> {
    let l = expert_labels(lang);
    let trust = trust.map(|t| fingerprint_from("--trust", t)).transpose()?;
    let id = keyarg::from_keyring(as_name)?;
    let mut ws = open_workspace()?;
    let trust = match &trust {
        Some(fp) => Trust::Confirm(fp),
        None => Trust::Pinned,
    };
    let imported = import_package(
        &mut ws,
        package,
        id.signer(),
        std::slice::from_ref(id.age_identity()),
        trust,
        &clock::now(),
    )
    .map_err(|e| {
        let fp = id.fingerprint().to_string();
        let cx = ImportContext {
            package: &shell_path(package),
            name: as_name,
            name_arg: &shell_word(as_name),
            fingerprint: &fp,
        };
        match explain_import_error(&e, &cx, lang) {
            Some(message) => CliError::Explained {
                code: e.code().as_str(),
                message,
            },
            None => e.into(),
        }
    })?;
    let p = &imported.package;
    println!("{}: {}", l.imported, p.id);
    println!("{}: {}", l.round, p.round);
    println!("{}: {} ({}, {})", l.me, p.person, id.name(), p.fingerprint);
    println!("{}: {}", l.organizer, p.organizer_name);
    println!(
        "{}: {} ({})",
        l.organizer_key,
        p.organizer,
        if imported.pinned_now {
            l.pinned_now
        } else {
            l.pinned_before
        }
    );
    if let Some(prev) = &imported.supersedes {
        println!("{}: {prev}", l.supersedes);
        println!("{}: {}", l.carried, imported.carried);
        if !imported.dropped.is_empty() {
            println!("{}:", l.dropped);
            for d in &imported.dropped {
                println!("  - {d}");
            }
        }
    }
    println!("{}: {}", l.workspace, ws.dir().display());
    Ok(())
}

/// `workspace list`: the packages (newest first, current or superseded) and the
/// pinned organizer keys. Needs no keyring.
pub fn list(lang: Lang) -> Result<(), CliError> {
    let l = expert_labels(lang);
    let ws = open_workspace()?;
    let werr = |e| CliError::Desk(DeskError::Workspace(e));
    println!("{}: {}", l.workspace, ws.dir().display());
    let packages = ws.packages().map_err(werr)?;
    if packages.is_empty() {
        println!("{}", l.empty);
    } else {
        let mut t = render::table(vec![
            l.package_id,
            l.round,
            l.person,
            l.organizer_key,
            l.imported_at,
            l.status,
            l.sheets,
        ]);
        for p in &packages {
            let status = match &p.superseded_by {
                None => l.current.to_owned(),
                Some(by) => format!("{}{by}", l.superseded_by),
            };
            let sheets = ws.sheets(&p.id).map_err(werr)?;
            let latest = sheets
                .first()
                .map(|s| s.revision.to_string())
                .unwrap_or_else(|| "-".into());
            t.add_row(vec![
                p.id.clone(),
                p.round.clone(),
                p.person.clone(),
                p.organizer.clone(),
                p.imported_at.clone(),
                status,
                latest,
            ]);
        }
        println!("{}: {}\n{t}", l.packages, packages.len());
    }
    let pins = ws.organizer_pins().map_err(werr)?;
    if pins.is_empty() {
        println!("{}", l.no_pins);
    } else {
        let mut t = render::table(vec![l.organizer, l.fingerprint, l.pinned_at]);
        for p in &pins {
            t.add_row(vec![
                p.organizer.clone(),
                p.fingerprint.clone(),
                p.pinned_at.clone(),
            ]);
        }
        println!("{}: {}\n{t}", l.pins, pins.len());
    }
    Ok(())
}
