//! Exports for outside tools: a signed payload with its detached SSH signature and
//! the exact `ssh-keygen -Y verify` command, and the raw age ciphertext of one
//! entry for `age -d`.

use std::path::{Path, PathBuf};

use reviewdesk_formats::{
    allowed_signers_line, split_signed_text, Fingerprint, Identity, KeyCard, Namespace, PublicKey,
    Role,
};

use crate::files::write_bytes;
use crate::package::open_package;
use crate::sheet::{open_sheet_plaintext, OpenPackage};
use crate::DeskError;

/// A signed payload and its detached signature, ready for `ssh-keygen -Y verify`.
#[derive(Debug, Clone)]
pub struct SignatureExport {
    /// The payload's file name (the signature is this + `.sig`).
    pub stem: &'static str,
    /// The signed bytes, exactly.
    pub payload: Vec<u8>,
    /// The armored SSHSIG.
    pub signature: Vec<u8>,
    /// The namespace it was signed in.
    pub namespace: Namespace,
    /// The signer (verified).
    pub signer: PublicKey,
    /// An `allowed_signers` line for the signer: principal = fingerprint, the
    /// namespaces of the signer's role.
    pub allowed_signers: String,
}

/// Where [`SignatureExport::write_to`] put the files.
#[derive(Debug, Clone)]
pub struct ExportedFiles {
    /// The signed payload.
    pub payload: PathBuf,
    /// The detached signature.
    pub signature: PathBuf,
    /// The `allowed_signers` file.
    pub allowed_signers: PathBuf,
}

fn quote(p: &Path) -> String {
    let s = p.display().to_string();
    if s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"/._-+:@".contains(&b))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

impl SignatureExport {
    fn new(
        stem: &'static str,
        signed: &[u8],
        namespace: Namespace,
        signer: PublicKey,
        role: Role,
    ) -> Result<Self, DeskError> {
        let (body, armor) = split_signed_text(signed).map_err(DeskError::at(stem))?;
        let allowed_signers =
            allowed_signers_line(&signer, role.namespaces()).map_err(DeskError::at(stem))?;
        Ok(Self {
            stem,
            payload: body.to_vec(),
            signature: armor.to_vec(),
            namespace,
            signer,
            allowed_signers,
        })
    }

    /// The signer's fingerprint: the `-I` principal.
    pub fn fingerprint(&self) -> Fingerprint {
        Fingerprint::of(&self.signer)
    }

    /// Writes the payload, `<payload>.sig` and `allowed_signers` into `dir`.
    pub fn write_to(&self, dir: &Path) -> Result<ExportedFiles, DeskError> {
        std::fs::create_dir_all(dir).map_err(|source| DeskError::Write {
            path: dir.to_path_buf(),
            source,
        })?;
        let files = ExportedFiles {
            payload: dir.join(self.stem),
            signature: dir.join(format!("{}.sig", self.stem)),
            allowed_signers: dir.join("allowed_signers"),
        };
        write_bytes(&files.payload, &self.payload)?;
        write_bytes(&files.signature, &self.signature)?;
        write_bytes(&files.allowed_signers, self.allowed_signers.as_bytes())?;
        Ok(files)
    }

    /// The exact command that checks the exported files.
    pub fn verify_command(&self, files: &ExportedFiles) -> String {
        format!(
            "ssh-keygen -Y verify -f {} -I {} -n {} -s {} < {}",
            quote(&files.allowed_signers),
            self.fingerprint(),
            self.namespace.as_str(),
            quote(&files.signature),
            quote(&files.payload)
        )
    }
}

/// A package's signed manifest (verified first, by `trust` when given).
pub fn package_signature(
    path: &Path,
    trust: Option<&Fingerprint>,
) -> Result<SignatureExport, DeskError> {
    let pkg = open_package(path, trust)?;
    SignatureExport::new(
        "package-manifest",
        &pkg.signed_manifest,
        Namespace::PackageManifest,
        pkg.organizer_key.clone(),
        Role::Organizer,
    )
}

/// A sheet's signed plaintext (decrypted and verified against its package first).
pub fn sheet_signature(
    file: &[u8],
    pkg: &OpenPackage,
    identities: &[Identity],
) -> Result<SignatureExport, DeskError> {
    let (_, plain) = open_sheet_plaintext(file, pkg, identities)?;
    let verified = reviewdesk_formats::verify_signed_text(
        &plain,
        Namespace::Sheet,
        reviewdesk_formats::Trusted::AnyKey,
    )
    .map_err(DeskError::at("sheet"))?;
    let signer = verified.signer.clone();
    SignatureExport::new("sheet", &plain, Namespace::Sheet, signer, Role::Expert)
}

/// A result bundle's signed manifest (the bundle decrypted with `identities` and
/// its whole chain verified first; the package's organizer pinned by `trust` when
/// given).
pub fn bundle_signature(
    path: &Path,
    trust: Option<&Fingerprint>,
    identities: &[Identity],
) -> Result<SignatureExport, DeskError> {
    let bundle = crate::bundle::open_bundle(path, trust, identities)?;
    SignatureExport::new(
        "bundle-manifest",
        &bundle.signed_manifest,
        Namespace::BundleManifest,
        bundle.chair_key.clone(),
        Role::Chair,
    )
}

/// A key card's self-signature (verified first).
pub fn card_signature(file: &[u8]) -> Result<SignatureExport, DeskError> {
    let card = KeyCard::read(file).map_err(DeskError::at("key card"))?;
    SignatureExport::new(
        "keycard",
        file,
        Namespace::KeyCard,
        card.signing_key.clone(),
        card.role,
    )
}

/// The raw age ciphertext of one entry — `material` is a material id (`M01`) or an
/// entry name (`material.M01`, `round`, `card.E01`) — after the manifest's
/// signature and the entry's SHA-256 have been checked, so `age -d -i IDENTITY`
/// gives the original bytes back.
pub fn encrypted_entry(
    path: &Path,
    trust: Option<&Fingerprint>,
    material: &str,
) -> Result<(String, Vec<u8>), DeskError> {
    let mut pkg = open_package(path, trust)?;
    let name = resolve(&pkg.manifest, material)?;
    let mut c = Vec::new();
    pkg.copy_entry_ciphertext(&name, &mut c)
        .map_err(DeskError::at(format!("entry {name}")))?;
    Ok((name, c))
}

/// [`encrypted_entry`] written to the file `out` (through a temporary file, renamed
/// only when the entry's hash held), streaming: memory stays small whatever the
/// material's size. Returns the entry's name.
pub fn write_encrypted_entry(
    path: &Path,
    trust: Option<&Fingerprint>,
    material: &str,
    out: &Path,
) -> Result<String, DeskError> {
    let mut pkg = open_package(path, trust)?;
    let name = resolve(&pkg.manifest, material)?;
    crate::files::write_atomically(out, |w| {
        pkg.copy_entry_ciphertext(&name, w)
            .map_err(DeskError::at(format!("entry {name}")))
    })?;
    Ok(name)
}

/// A material id or entry name → the manifest's entry name.
fn resolve(manifest: &reviewdesk_formats::Manifest, material: &str) -> Result<String, DeskError> {
    let listed = |n: &str| manifest.entries.iter().any(|e| e.name == n);
    let name = if listed(material) {
        material.to_string()
    } else {
        format!("material.{material}")
    };
    if listed(&name) {
        Ok(name)
    } else {
        Err(DeskError::at("package")(
            reviewdesk_formats::FormatError::NoSuchEntry {
                name: material.chars().take(64).collect(),
            },
        ))
    }
}
