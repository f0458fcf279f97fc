//! `reviewdesk verify`: every check the later steps run on a package (import),
//! sheet (merge), result bundle or key card that needs no workspace; exit 0 only
//! when all hold, otherwise an error naming the failing part. The output lists
//! exactly what was checked and what was not.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use reviewdesk_core::Lang;
use reviewdesk_desk::{
    encrypted_file_kind, file_kind_of, open_for_member, read_limited, verify_bundle,
    verify_package, verify_sheet_file, DeskError, EncryptedKind, FileKind, Limited,
};
use reviewdesk_formats::{Fingerprint, KeyCard};

use crate::commands::keyarg;
use crate::commands::seal::byte_bar;
use crate::error::CliError;
use crate::messages::{
    bundle_labels, card_checks, decisions_summary, package_checks, package_labels, sheet_checks,
};

/// Parses a fingerprint given as option `flag` (`SHA256:…`).
pub fn fingerprint_from(flag: &str, text: &str) -> Result<Fingerprint, CliError> {
    Fingerprint::parse(text).ok_or_else(|| {
        CliError::Usage(format!(
            "{flag} {text:?}: expected SHA256: and 43 characters, as ssh-keygen -l prints"
        ))
    })
}

/// Parses `--organizer SHA256:…`.
pub fn fingerprint_arg(text: Option<&str>) -> Result<Option<Fingerprint>, CliError> {
    text.map(|t| fingerprint_from("--organizer", t)).transpose()
}

/// Runs the subcommand; the identity is the keyring's `as_name` or the file
/// `identity` (or neither).
pub fn run(
    file: &Path,
    organizer: Option<&str>,
    as_name: Option<&str>,
    identity: Option<&Path>,
    package: Option<&Path>,
    lang: Lang,
) -> Result<(), CliError> {
    let l = package_labels(lang);
    let trust = fingerprint_arg(organizer)?;
    let ids = keyarg::identities(as_name, identity)?;
    match file_kind_of(file)? {
        FileKind::Package => {
            let bar = byte_bar(file.display().to_string());
            let total = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
            bar.set_length(total);
            let done = AtomicU64::new(0);
            let r = verify_package(file, trust.as_ref(), &ids, &|n| {
                bar.set_position(done.fetch_add(n, Ordering::Relaxed) + n);
            });
            bar.finish_and_clear();
            let v = r?;
            let i = &v.inspection;
            println!(
                "{}",
                if v.decrypted {
                    l.verified
                } else {
                    l.verified_encrypted_only
                }
            );
            println!("{}: {}  {}: {}", l.package_id, i.package, l.round, i.round);
            println!("{}: {}", l.signer, i.organizer);
            println!("{}: {}", l.entries, v.entries_checked);
            if let Some(d) = &i.decisions {
                println!("{}: {}", l.decisions, decisions_summary(d, lang));
            }
            if let Some(c) = &i.calendar {
                println!("{}: {}", l.calendar, calendar_years_text(c));
            }
            if !v.not_readable.is_empty() {
                println!(
                    "{} ({}): {}",
                    l.not_readable,
                    v.not_readable.len(),
                    v.not_readable.join(" ")
                );
            }
            for line in package_checks(&v, trust.is_some(), lang) {
                println!("{line}");
            }
        }
        FileKind::Encrypted if ids.is_empty() => {
            return Err(DeskError::NeedsIdentity.into());
        }
        FileKind::Encrypted if encrypted_file_kind(file, &ids)? == EncryptedKind::Bundle => {
            let v = verify_bundle(file, trust.as_ref(), &ids)?;
            let b = bundle_labels(lang);
            let bundle = &v.bundle;
            println!("{}", b.verified);
            println!(
                "{}: {}  {}: {}",
                l.package_id, bundle.manifest.package, l.round, bundle.manifest.round
            );
            println!(
                "{}: {} ({})  {}: {} ({})",
                b.chair,
                bundle.chair.person,
                bundle.manifest.chair,
                b.organizer,
                bundle.package.organizer,
                b.compare_fingerprints
            );
            let sheets: Vec<String> = bundle
                .sheets
                .iter()
                .map(|s| {
                    format!(
                        "{} {}",
                        s.expert,
                        b.revision_short.replace("{}", &s.revision.to_string())
                    )
                })
                .collect();
            println!("{}: {}", b.sheets, sheets.join(", "));
            println!("{}: {}", l.decisions, decisions_summary(&v.decisions, lang));
            println!("{}: {}", l.calendar, calendar_years_text(&v.calendar));
            match &v.draw.drawn {
                Some(d) => println!(
                    "{}: {} {}  {}: {}",
                    b.draw,
                    b.announced,
                    d.announced,
                    b.sample,
                    d.sample.join(", ")
                ),
                None => println!("{}: {}", b.draw, b.no_draw),
            }
            println!("{}: {}", b.opinions, v.opinions.applicants.len());
            print!(
                "{}",
                crate::commands::compute::render(&v.template, &v.result, lang)
            );
        }
        FileKind::Encrypted => {
            let Some(pkg) = package else {
                return Err(DeskError::SheetNeedsPackage.into());
            };
            let mut opened = open_for_member(pkg, trust.as_ref(), &ids)?;
            let v = verify_sheet_file(file, &mut opened, &ids)?;
            let sheet = &v.sheet;
            println!("{}", l.verified);
            println!(
                "{}: {}  {}: {}  {}: {}",
                l.expert,
                sheet.expert,
                l.revision,
                sheet.revision,
                l.package_id,
                opened.binding.package
            );
            println!("{}: {}", l.signer, sheet.signer);
            for line in sheet_checks(&v, lang) {
                println!("{line}");
            }
        }
        FileKind::KeyCard => {
            let card = KeyCard::read(&read_limited(file, Limited::KeyCard)?).map_err(|e| {
                DeskError::Format {
                    part: "key card".into(),
                    source: e,
                }
            })?;
            println!("{}", l.verified);
            println!(
                "{}: {}  {}: {}",
                l.name,
                card.name,
                l.role,
                card.role.as_str()
            );
            println!(
                "{}: {} ({})",
                l.fingerprint,
                card.fingerprint(),
                l.compare_fingerprint
            );
            for line in card_checks(lang) {
                println!("{line}");
            }
        }
    }
    Ok(())
}

/// The years a round's calendar covers, `2024, 2025, 2026`.
fn calendar_years_text(c: &reviewdesk_core::WorkdayCalendar) -> String {
    c.years()
        .map(|y| y.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
