//! Keys as the commands take them: an identity in the system keyring by name
//! (`--as NAME`, `seal --organizer NAME`), or — for scripts and tests — key files
//! (`--signing-key FILE`, `--identity FILE`). Exactly one form; clap refuses both or
//! neither, and these functions refuse them again for any other caller. A key from
//! the keyring stays in memory: nothing here writes a file.

use std::path::Path;

use reviewdesk_desk::{read_identities, read_signing_key};
use reviewdesk_formats::{Identity, Signer};
use reviewdesk_keys::Keystore;

use crate::error::CliError;

/// The identity called `name`, from the system keyring (exit 5 without a usable one).
pub fn from_keyring(name: &str) -> Result<reviewdesk_keys::Identity, CliError> {
    Ok(Keystore::open()?.load(name)?)
}

/// Age identities from `--as NAME` or `--identity FILE`; none when neither is given.
pub fn identities(name: Option<&str>, file: Option<&Path>) -> Result<Vec<Identity>, CliError> {
    match (name, file) {
        (Some(_), Some(_)) => Err(CliError::Usage(
            "give --as NAME or --identity FILE, not both".into(),
        )),
        (Some(name), None) => Ok(vec![from_keyring(name)?.age_identity().clone()]),
        (None, Some(file)) => Ok(read_identities(file)?),
        (None, None) => Ok(Vec::new()),
    }
}

/// Age identities that must be given (`--as NAME` or `--identity FILE`).
pub fn required_identities(
    name: Option<&str>,
    file: Option<&Path>,
) -> Result<Vec<Identity>, CliError> {
    if name.is_none() && file.is_none() {
        return Err(CliError::Usage("give --as NAME or --identity FILE".into()));
    }
    identities(name, file)
}

/// A signing key and the age identities of the same person: `--as NAME`, or
/// `--signing-key FILE` with `--identity FILE`.
pub fn signer_and_identities(
    name: Option<&str>,
    signing_key: Option<&Path>,
    identity: Option<&Path>,
) -> Result<(Signer, Vec<Identity>), CliError> {
    match (name, signing_key, identity) {
        (Some(name), None, None) => {
            let id = from_keyring(name)?;
            Ok((id.signer().clone(), vec![id.age_identity().clone()]))
        }
        (None, Some(key), Some(file)) => Ok((read_signing_key(key)?, read_identities(file)?)),
        _ => Err(CliError::Usage(
            "give --as NAME, or --signing-key FILE with --identity FILE (not both forms)".into(),
        )),
    }
}

/// A signing key alone: the keyring identity `name`, or `--signing-key FILE`.
pub fn signer(name: Option<&str>, signing_key: Option<&Path>) -> Result<Signer, CliError> {
    match (name, signing_key) {
        (Some(name), None) => Ok(from_keyring(name)?.signer().clone()),
        (None, Some(key)) => Ok(read_signing_key(key)?),
        _ => Err(CliError::Usage(
            "give --organizer NAME or --signing-key FILE (exactly one)".into(),
        )),
    }
}
