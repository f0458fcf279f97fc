//! `reviewdesk key new|list|card|allowed-signers|backup|restore`: identities in the
//! system keyring (`reviewdesk-keys`), key cards and `allowed_signers` files
//! (`reviewdesk-formats`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use reviewdesk_core::Lang;
use reviewdesk_formats::KeyCard;
use reviewdesk_keys::{Identity, Keystore, Role, SecretString, MAX_BACKUP};

use crate::cli::RoleArg;
use crate::error::CliError;
use crate::messages::{key_labels, KeyLabels};

/// Key cards are at most 4,096 bytes; anything much larger is not read whole.
const MAX_CARD_READ: u64 = 65_536;
/// A passphrase file is read up to this many bytes.
const MAX_PASSPHRASE_FILE: u64 = 4096;

fn role(r: RoleArg) -> Role {
    match r {
        RoleArg::Expert => Role::Expert,
        RoleArg::Chair => Role::Chair,
        RoleArg::Organizer => Role::Organizer,
    }
}

fn role_label(l: &KeyLabels, r: Role) -> &'static str {
    match r {
        Role::Chair => l.chair,
        Role::Organizer => l.organizer,
        _ => l.expert,
    }
}

/// Reads at most `limit` bytes of `path`; more is an error naming the limit.
fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, CliError> {
    let err = |source| CliError::File {
        path: path.to_path_buf(),
        source,
    };
    let mut out = Vec::new();
    std::fs::File::open(path)
        .map_err(err)?
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(err)?;
    if out.len() as u64 > limit {
        return Err(err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than {limit} bytes"),
        )));
    }
    Ok(out)
}

/// Writes `bytes` to `path`; `private` files (backups) are readable by the owner only.
fn write_file(path: &Path, bytes: &[u8], private: bool) -> Result<(), CliError> {
    let err = |source| CliError::File {
        path: path.to_path_buf(),
        source,
    };
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut f = opts.open(path).map_err(err)?;
    f.write_all(bytes).map_err(err)?;
    f.sync_all().map_err(err)
}

/// The passphrase: the first line of `file` (without its line end), or asked on the
/// terminal without echo — twice when `confirm`.
fn passphrase(file: Option<&Path>, confirm: bool, l: &KeyLabels) -> Result<SecretString, CliError> {
    let text = match file {
        Some(path) => {
            let bytes = read_bounded(path, MAX_PASSPHRASE_FILE)?;
            let text = String::from_utf8(bytes).map_err(|_| CliError::Passphrase {
                message: format!("{}: the passphrase file is not UTF-8", path.display()),
            })?;
            text.lines().next().unwrap_or("").to_string()
        }
        None => {
            let ask = |prompt: &str| {
                rpassword::prompt_password(prompt).map_err(|e| CliError::Passphrase {
                    message: format!(
                        "cannot read a passphrase from the terminal ({e}); \
                         give one with --passphrase-file FILE"
                    ),
                })
            };
            let first = ask(l.passphrase)?;
            if confirm && ask(l.passphrase_again)? != first {
                return Err(CliError::Passphrase {
                    message: "the two passphrases differ; nothing was written".into(),
                });
            }
            first
        }
    };
    if text.is_empty() {
        return Err(reviewdesk_keys::KeyError::EmptyPassphrase.into());
    }
    Ok(SecretString::from(text))
}

/// `key new`: creates the identity in the keyring; the fingerprint is the last line.
pub fn new(name: &str, r: RoleArg, lang: Lang) -> Result<(), CliError> {
    let l = key_labels(lang);
    let s = Keystore::open()?.create(name, role(r))?;
    println!("{} {} ({})", l.created, s.name, role_label(l, s.role));
    println!("{}", l.in_keyring);
    println!("{}", l.compare);
    println!("{}", s.fingerprint);
    Ok(())
}

/// `key list`: the index, as a table.
pub fn list(lang: Lang) -> Result<(), CliError> {
    let l = key_labels(lang);
    let entries = Keystore::open()?.list()?;
    if entries.is_empty() {
        println!("{}", l.no_identities);
        return Ok(());
    }
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(vec![l.name, l.role, l.fingerprint]);
    for e in entries {
        t.add_row(vec![
            e.name.clone(),
            role_label(l, e.role).to_string(),
            e.fingerprint.to_string(),
        ]);
    }
    println!("{t}");
    Ok(())
}

/// `key card`: the self-signed key card of an identity in the keyring.
pub fn card(name: &str, output: &Path, lang: Lang) -> Result<(), CliError> {
    let l = key_labels(lang);
    let id = Keystore::open()?.load(name)?;
    write_file(output, &id.key_card()?, false)?;
    println!(
        "{}: {} ({}) {} → {}",
        l.card_written,
        id.name(),
        role_label(l, id.role()),
        id.fingerprint(),
        output.display()
    );
    Ok(())
}

/// `key allowed-signers`: verifies every card, then writes one line per key.
pub fn allowed_signers(cards: &[PathBuf], output: &Path, lang: Lang) -> Result<(), CliError> {
    let l = key_labels(lang);
    let mut lines: Vec<String> = Vec::new();
    for path in cards {
        let bytes = read_bounded(path, MAX_CARD_READ)?;
        let card_err = |source| CliError::Card {
            path: path.clone(),
            source,
        };
        let card = KeyCard::read(&bytes).map_err(card_err)?;
        let line = card.allowed_signers_line().map_err(card_err)?;
        println!(
            "{}: {} ({}) {}",
            l.card_verified,
            card.name,
            role_label(l, card.role),
            card.fingerprint()
        );
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    write_file(output, lines.concat().as_bytes(), false)?;
    println!("{} → {}", l.signers_written, output.display());
    Ok(())
}

/// `key backup`: the identity encrypted with a passphrase (age scrypt).
pub fn backup(
    name: &str,
    output: &Path,
    passphrase_file: Option<&Path>,
    lang: Lang,
) -> Result<(), CliError> {
    let l = key_labels(lang);
    let id = Keystore::open()?.load(name)?;
    let pass = passphrase(passphrase_file, true, l)?;
    write_file(output, &id.backup(&pass)?, true)?;
    println!(
        "{}: {} {} → {}",
        l.backup_written,
        id.name(),
        id.fingerprint(),
        output.display()
    );
    println!("{}", l.keep_passphrase);
    Ok(())
}

/// `key restore`: opens a backup and puts the identity into the keyring; the
/// fingerprint is the last line.
pub fn restore(file: &Path, passphrase_file: Option<&Path>, lang: Lang) -> Result<(), CliError> {
    let l = key_labels(lang);
    let bytes = read_bounded(file, MAX_BACKUP as u64)?;
    let store = Keystore::open()?;
    let pass = passphrase(passphrase_file, false, l)?;
    let id = Identity::restore(&bytes, &pass)?;
    let s = store.restore(&id)?;
    println!("{} {} ({})", l.restored, s.name, role_label(l, s.role));
    println!("{}", l.compare);
    println!("{}", s.fingerprint);
    Ok(())
}
