//! `reviewdesk inspect`: what a file is, who signed it and what it holds, without
//! any private key (with `--identity`, also the roster and plaintext sizes).

use std::path::Path;

use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use reviewdesk_core::Lang;
use reviewdesk_desk::{
    encrypted_file_kind, file_kind_of, inspect_package, open_bundle, read_decisions, read_limited,
    EncryptedKind, FileKind, Inspection, Limited, LimitedFile,
};
use reviewdesk_formats::{check_age_header, KeyCard, OpenedBundle};

use crate::commands::keyarg;
use crate::error::CliError;
use crate::messages::{bundle_labels, decisions_summary, package_labels};

/// Renders a package inspection.
pub fn render(i: &Inspection, lang: Lang) -> String {
    let l = package_labels(lang);
    let mut out = format!("{}: {}\n", l.kind, l.package);
    out += &format!("{}: {}\n", l.package_id, i.package);
    out += &format!("{}: {}\n", l.round, i.round);
    out += &format!("{}: {}\n", l.revision, i.revision);
    out += &format!(
        "{}: {} ({}; {})\n",
        l.signer, i.organizer, l.manifest_holds_entries_unchecked, l.compare_fingerprint
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
        .set_header(vec![l.entry, l.stored, l.plaintext, l.readers]);
    let everyone = i.recipients.as_ref().map_or(0, Vec::len);
    for e in &i.entries {
        // A material's readers by id; every other entry goes to every recipient.
        let readers = match &e.readers {
            Some(r) if r.len() == everyone && !e.name.starts_with("material.") => {
                l.everyone.to_string()
            }
            Some(r) => r.join(" "),
            None => String::new(),
        };
        t.add_row(vec![
            e.name.clone(),
            e.size.to_string(),
            e.plaintext_size.map(|s| s.to_string()).unwrap_or_default(),
            readers,
        ]);
    }
    out += &format!("{}: {}\n{t}\n", l.entries, i.entries.len());
    if let Some(d) = &i.decisions {
        out += &format!("{}: {}\n", l.decisions, decisions_summary(d, lang));
    }
    out
}

/// Renders an opened result bundle (its chain verified; nothing recomputed).
pub fn render_bundle(b: &OpenedBundle, file_size: usize, lang: Lang) -> String {
    let (l, bl) = (package_labels(lang), bundle_labels(lang));
    let mut out = format!("{}: {}\n", l.kind, bl.bundle);
    out += &format!("{}: {}\n", l.package_id, b.manifest.package);
    out += &format!("{}: {}\n", l.round, b.manifest.round);
    out += &format!(
        "{}: {} {} ({}; {})\n",
        bl.chair,
        b.chair.person,
        b.manifest.chair,
        l.bundle_holds_not_recomputed,
        l.compare_fingerprint
    );
    out += &format!("{}: {}\n", bl.organizer, b.package.organizer);
    out += &format!(
        "{}: {}\n",
        l.manifest_hash,
        b.manifest
            .manifest_sha256
            .iter()
            .map(|x| format!("{x:02x}"))
            .collect::<String>()
    );
    out += &format!("{}: {}\n", l.file_size, file_size);
    let to: Vec<String> = b
        .index
        .recipients
        .iter()
        .filter(|r| r.role.as_str() != "expert")
        .map(|r| format!("{} ({})", r.person, r.role.as_str()))
        .collect();
    out += &format!("{}: {}\n", bl.encrypted_to, to.join(", "));
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_header(vec![bl.expert, bl.revision, bl.signer]);
    for s in &b.sheets {
        t.add_row(vec![
            s.expert.clone(),
            s.revision.to_string(),
            s.signer.to_string(),
        ]);
    }
    out += &format!("{}: {}\n{t}\n", bl.sheets, b.sheets.len());
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_header(vec![l.entry, l.plaintext]);
    for e in &b.manifest.entries {
        t.add_row(vec![e.name.clone(), e.size.to_string()]);
    }
    out += &format!("{}: {}\n{t}\n", l.entries, b.manifest.entries.len());
    // Read strictly, not recomputed (that is `verify`'s).
    match b.decisions().map(read_decisions) {
        Some(Ok(d)) => out += &format!("{}: {}\n", l.decisions, decisions_summary(&d, lang)),
        Some(Err(e)) => out += &format!("{}: [{}] {}\n", l.decisions, e.code(), e.message(lang)),
        None => {}
    }
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
        FileKind::Encrypted
            if !ids.is_empty() && encrypted_file_kind(file, &ids)? == EncryptedKind::Bundle =>
        {
            let size = std::fs::metadata(file)
                .map(|m| m.len() as usize)
                .unwrap_or(0);
            print!(
                "{}",
                render_bundle(&open_bundle(file, None, &ids)?, size, lang)
            );
        }
        FileKind::Encrypted => {
            // The age header only: the file is not decrypted here.
            let opened = LimitedFile::open(file, Limited::Encrypted)?;
            let size = opened.size();
            let bytes = opened.read_prefix(reviewdesk_formats::MAX_AGE_HEADER as u64)?;
            let bl = bundle_labels(lang);
            let n = check_age_header("sheet", &bytes).map_err(|e| {
                reviewdesk_desk::DeskError::Format {
                    part: "sheet".into(),
                    source: e,
                }
            })?;
            if ids.is_empty() {
                println!(
                    "{}: {} (age; {})",
                    l.kind, bl.encrypted, bl.encrypted_need_key
                );
            } else {
                println!("{}: {} (age)", l.kind, l.sheet);
            }
            println!("{}: {n}", l.recipients);
            println!("{}: {}", l.file_size, size);
        }
        FileKind::KeyCard => {
            let card = KeyCard::read(&read_limited(file, Limited::KeyCard)?).map_err(|e| {
                reviewdesk_desk::DeskError::Format {
                    part: "key card".into(),
                    source: e,
                }
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
