//! `reviewdesk export-signature` and `export-encrypted`: files for outside tools
//! (`ssh-keygen -Y verify`, `age -d`).

use std::path::Path;

use reviewdesk_desk::{
    bundle_signature, card_signature, encrypted_file_kind, file_kind_of, open_for_member,
    package_signature, read_limited, sheet_signature, write_encrypted_entry, DeskError,
    EncryptedKind, FileKind, Limited,
};

use crate::commands::keyarg;
use crate::error::CliError;

/// `export-signature FILE -o DIR`; a sheet needs its package and the keyring
/// identity `as_name` or the identity file `identity`.
pub fn signature(
    file: &Path,
    dir: &Path,
    package: Option<&Path>,
    as_name: Option<&str>,
    identity: Option<&Path>,
) -> Result<(), CliError> {
    let export = match file_kind_of(file)? {
        FileKind::Package => package_signature(file, None)?,
        FileKind::KeyCard => card_signature(&read_limited(file, Limited::KeyCard)?)?,
        FileKind::Encrypted => {
            if as_name.is_none() && identity.is_none() {
                return Err(DeskError::NeedsIdentity.into());
            }
            let ids = keyarg::identities(as_name, identity)?;
            match (encrypted_file_kind(file, &ids)?, package) {
                (EncryptedKind::Bundle, _) => bundle_signature(file, None, &ids)?,
                (EncryptedKind::Sheet, Some(pkg)) => {
                    let opened = open_for_member(pkg, None, &ids)?;
                    sheet_signature(&read_limited(file, Limited::Sheet)?, &opened, &ids)?
                }
                (EncryptedKind::Sheet, None) => return Err(DeskError::SheetNeedsPackage.into()),
            }
        }
    };
    let files = export.write_to(dir)?;
    println!("{}", files.payload.display());
    println!("{}", files.signature.display());
    println!("{}", files.allowed_signers.display());
    println!("{}", export.verify_command(&files));
    Ok(())
}

/// `export-encrypted PKG MATERIAL -o FILE`.
pub fn encrypted(package: &Path, material: &str, out: &Path) -> Result<(), CliError> {
    let name = write_encrypted_entry(package, None, material, out)?;
    println!("{name} -> {}", out.display());
    Ok(())
}
