//! `reviewdesk inspect`: what a file is, who signed it and what it holds, without
//! any private key (with `--identity`, also the roster and plaintext sizes).

use std::path::Path;

use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use reviewdesk_core::Lang;
use reviewdesk_desk::{file_kind_of, inspect_package, read, FileKind, Inspection};
use reviewdesk_formats::{check_age_header, KeyCard};

use crate::commands::keyarg;
use crate::error::CliError;
use crate::messages::package_labels;

/// Renders a package inspection.
pub fn render(i: &Inspection, lang: Lang) -> String {
    let l = package_labels(lang);
    let mut out = format!("{}: {}\n", l.kind, l.package);
    out += &format!("{}: {}\n", l.package_id, i.package);
    out += &format!("{}: {}\n", l.round, i.round);
    out += &format!(
        "{}: {} ({}; {})\n",
        l.signer, i.organizer, l.signature_holds, l.compare_fingerprint
    );
    out += &format!("{}: {}\n", l.manifest_hash, i.manifest_sha256);
    out += &format!("{}: {}\n", l.file_size, i.file_size);
    match &i.recipients {
        Some(rs) => {
            let mut t = Table::new();
            t.load_preset(UTF8_FULL_CONDENSED)
                .set_header(vec![l.person, l.role, l.fingerprint]);
            for r in rs {
                t.add_row(vec![
                    r.person.clone(),
                    r.role.as_str().to_string(),
                    r.fingerprint.to_string(),
                ]);
            }
            out += &format!("{}: {}\n{t}\n", l.recipients, rs.len());
        }
        None => {
            out += &format!(
                "{}: {} {}\n",
                l.recipients, i.recipient_count, l.recipients_need_key
            )
        }
    }
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_header(vec![l.entry, l.stored, l.plaintext]);
    for e in &i.entries {
        t.add_row(vec![
            e.name.clone(),
            e.size.to_string(),
            e.plaintext_size.map(|s| s.to_string()).unwrap_or_default(),
        ]);
    }
    out += &format!("{}: {}\n{t}\n", l.entries, i.entries.len());
    out
}

/// Runs the subcommand; the identity is the keyring's `as_name` or the file
/// `identity` (or neither).
pub fn run(
    file: &Path,
    as_name: Option<&str>,
    identity: Option<&Path>,
    lang: Lang,
) -> Result<(), CliError> {
    let l = package_labels(lang);
    let ids = keyarg::identities(as_name, identity)?;
    match file_kind_of(file)? {
        FileKind::Package => print!("{}", render(&inspect_package(file, &ids)?, lang)),
        FileKind::Sheet => {
            let bytes = read(file)?;
            let n = check_age_header("sheet", &bytes).map_err(|e| {
                reviewdesk_desk::DeskError::Format {
                    part: "sheet".into(),
                    source: e,
                }
            })?;
            println!("{}: {} (age)", l.kind, l.sheet);
            println!("{}: {n}", l.recipients);
            println!("{}: {}", l.file_size, bytes.len());
        }
        FileKind::KeyCard => {
            let card =
                KeyCard::read(&read(file)?).map_err(|e| reviewdesk_desk::DeskError::Format {
                    part: "key card".into(),
                    source: e,
                })?;
            println!("{}: {}", l.kind, l.card);
            println!("{}: {}", l.name, card.name);
            println!("{}: {}", l.role, card.role.as_str());
            println!(
                "{}: {} ({}; {})",
                l.fingerprint,
                card.fingerprint(),
                l.signature_holds,
                l.compare_fingerprint
            );
        }
    }
    Ok(())
}
