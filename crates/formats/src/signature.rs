//! Signed texts: a body followed by an armored OpenSSH signature (SSHSIG), signed and
//! verified in the order `docs/formats.md` ("Signed text") prescribes.

use ssh_key::{private::Ed25519Keypair, Algorithm, HashAlg, LineEnding, PrivateKey, SshSig};

use crate::FormatError;

pub use ssh_key::PublicKey;

const BEGIN: &[u8] = b"-----BEGIN SSH SIGNATURE-----\n";
const END: &[u8] = b"-----END SSH SIGNATURE-----\n";
/// "The armor is at most 2,048 bytes (`too_large`)."
pub const MAX_ARMOR: usize = 2048;

/// The signature namespace of each signed thing: "one per signed thing, so a
/// signature on one kind of file never passes as another."
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Namespace {
    /// `reviewdesk-keycard@v1`
    KeyCard,
    /// `reviewdesk-package-manifest@v1`
    PackageManifest,
    /// `reviewdesk-package-index@v1`
    PackageIndex,
    /// `reviewdesk-sheet@v1`
    Sheet,
    /// `reviewdesk-bundle-manifest@v1`
    BundleManifest,
    /// `reviewdesk-notice@v1`: a public notice's PDF and CSV (detached).
    Notice,
    /// `reviewdesk-final-list@v1`: the final list's PDF and CSV (detached).
    FinalList,
    /// `reviewdesk-archive-manifest@v1`: a publication archive's manifest.
    ArchiveManifest,
    /// `reviewdesk-register-checkpoint@v1`: the register's yearly checkpoint.
    RegisterCheckpoint,
    /// `reviewdesk-recheck@v1`: the chair's re-check request to one expert.
    Recheck,
}

impl Namespace {
    /// The namespace string, as `ssh-keygen -n` takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::KeyCard => "reviewdesk-keycard@v1",
            Self::PackageManifest => "reviewdesk-package-manifest@v1",
            Self::PackageIndex => "reviewdesk-package-index@v1",
            Self::Sheet => "reviewdesk-sheet@v1",
            Self::BundleManifest => "reviewdesk-bundle-manifest@v1",
            Self::Notice => "reviewdesk-notice@v1",
            Self::FinalList => "reviewdesk-final-list@v1",
            Self::ArchiveManifest => "reviewdesk-archive-manifest@v1",
            Self::RegisterCheckpoint => "reviewdesk-register-checkpoint@v1",
            Self::Recheck => "reviewdesk-recheck@v1",
        }
    }
}

/// A person's fingerprint: `SHA256:` and 43 characters of unpadded base64, as
/// `ssh-keygen -l` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(String);

impl Fingerprint {
    /// The fingerprint of an Ed25519 public key.
    pub fn of(key: &PublicKey) -> Self {
        Self(key.fingerprint(HashAlg::Sha256).to_string())
    }

    /// Parses the text form: `SHA256:` and 43 characters of unpadded base64.
    pub fn parse(text: &str) -> Option<Self> {
        let b64 = text.strip_prefix("SHA256:")?;
        (b64.len() == 43
            && b64
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/'))
        .then(|| Self(text.to_string()))
    }

    /// The text form, `SHA256:…`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An Ed25519 signing key, handed in by the caller (the keyring lives elsewhere).
#[derive(Clone)]
pub struct Signer {
    key: PrivateKey,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Signer({})", self.fingerprint())
    }
}

impl Signer {
    /// The key whose 32-byte Ed25519 seed (RFC 8032 private key) this is.
    pub fn from_ed25519_seed(seed: &[u8; 32]) -> Self {
        Self {
            key: PrivateKey::from(Ed25519Keypair::from_seed(seed)),
        }
    }

    /// A key from an unencrypted OpenSSH private key file's text; Ed25519 only.
    pub fn from_openssh(text: &str) -> Result<Self, FormatError> {
        let key = PrivateKey::from_openssh(text)
            .map_err(|e| FormatError::UnsupportedKey(format!("not an OpenSSH private key: {e}")))?;
        if key.algorithm() != Algorithm::Ed25519 || key.is_encrypted() {
            return Err(FormatError::UnsupportedKey(
                "only unencrypted ssh-ed25519 keys can sign".into(),
            ));
        }
        Ok(Self { key })
    }

    /// The public half.
    pub fn public_key(&self) -> &PublicKey {
        self.key.public_key()
    }

    /// The public key's fingerprint.
    pub fn fingerprint(&self) -> Fingerprint {
        Fingerprint::of(self.key.public_key())
    }

    /// The private key as an OpenSSH private key file (for throwaway test keys and
    /// the keyring; never written to disk in the clear by this crate).
    pub fn to_openssh(&self) -> Result<String, FormatError> {
        self.key
            .to_openssh(LineEnding::LF)
            .map(|s| s.to_string())
            .map_err(|e| FormatError::Unwritable(e.to_string()))
    }

    /// The armored SSHSIG over `msg` in `namespace` (SHA-512), exactly as
    /// `ssh-keygen -Y sign` would write it.
    pub fn sign_armor(&self, namespace: Namespace, msg: &[u8]) -> Result<String, FormatError> {
        let sig = self
            .key
            .sign(namespace.as_str(), HashAlg::Sha512, msg)
            .map_err(|e| FormatError::Unwritable(e.to_string()))?;
        sig.to_pem(LineEnding::LF)
            .map_err(|e| FormatError::Unwritable(e.to_string()))
    }

    /// `body` followed by its armored signature: a signed text.
    pub fn sign_text(&self, namespace: Namespace, body: &[u8]) -> Result<Vec<u8>, FormatError> {
        if !body.ends_with(b"\n") {
            return Err(FormatError::Unwritable(
                "a signed body must end in LF".into(),
            ));
        }
        let armor = self.sign_armor(namespace, body)?;
        let mut out = Vec::with_capacity(body.len() + armor.len());
        out.extend_from_slice(body);
        out.extend_from_slice(armor.as_bytes());
        Ok(out)
    }
}

/// Which signing keys a reader accepts.
#[derive(Debug, Clone, Copy)]
pub enum Trusted<'a> {
    /// Only these keys (e.g. the pinned organizer, the roster).
    Keys(&'a [PublicKey]),
    /// Any key: for self-signed key cards and for `inspect`, where the caller
    /// reports the fingerprint instead of trusting it.
    AnyKey,
    /// Only keys with these fingerprints (e.g. a package index's roster, which names
    /// people by fingerprint).
    Fingerprints(&'a [Fingerprint]),
}

/// A signed text whose signature has been checked; its body is not yet parsed.
#[derive(Debug, Clone)]
pub struct Verified<'a> {
    /// The signed bytes.
    pub body: &'a [u8],
    /// The armor as found.
    pub armor: &'a [u8],
    /// The key that signed.
    pub signer: PublicKey,
}

impl Verified<'_> {
    /// The signer's fingerprint.
    pub fn fingerprint(&self) -> Fingerprint {
        Fingerprint::of(&self.signer)
    }
}

/// Splits a signed text into body and armor. "The armor starts at the last
/// `-----BEGIN SSH SIGNATURE-----` + LF in the file that is at the start of a line;
/// it runs to `-----END SSH SIGNATURE-----` + LF, which must be the end of the file
/// (`trailing_data` otherwise); no armor → `missing_signature`. The armor is at most
/// 2,048 bytes (`too_large`)."
pub fn split_signed_text(file: &[u8]) -> Result<(&[u8], &[u8]), FormatError> {
    let start = (0..=file.len().saturating_sub(BEGIN.len()))
        .rev()
        .find(|&i| file[i..].starts_with(BEGIN) && (i == 0 || file[i - 1] == b'\n'))
        .ok_or(FormatError::MissingSignature)?;
    let armor = &file[start..];
    let end = armor
        .windows(END.len())
        .position(|w| w == END)
        .map(|p| p + END.len())
        .ok_or_else(|| FormatError::Truncated {
            what: "the SSH signature (no END line)".into(),
        })?;
    if end != armor.len() {
        return Err(FormatError::TrailingData {
            what: "the SSH signature".into(),
        });
    }
    if armor.len() > MAX_ARMOR {
        return Err(FormatError::TooLarge {
            what: "the SSH signature".into(),
            found: armor.len() as u64,
            limit: MAX_ARMOR as u64,
        });
    }
    Ok((&file[..start], armor))
}

/// Checks a signed text, in the order of `docs/formats.md`: "decode the armor
/// (`bad_signature_encoding`), key type and hash (`unsupported_key`), the namespace
/// equals the one this file type requires (`wrong_namespace`, showing both), the
/// signing key is one the caller trusts (`unknown_signer`, showing its
/// fingerprint), the Ed25519 signature holds over namespace and body
/// (`bad_signature`). Only then is the body parsed."
pub fn verify_signed_text<'a>(
    file: &'a [u8],
    namespace: Namespace,
    trusted: Trusted<'_>,
) -> Result<Verified<'a>, FormatError> {
    let (body, armor) = split_signed_text(file)?;
    let signer = check_armor(body, armor, namespace, trusted)?;
    Ok(Verified {
        body,
        armor,
        signer,
    })
}

/// The checks after the split, shared by signed texts and detached signatures.
fn check_armor(
    message: &[u8],
    armor: &[u8],
    namespace: Namespace,
    trusted: Trusted<'_>,
) -> Result<PublicKey, FormatError> {
    let sig = decode_armor(armor)?;
    if sig.algorithm() != Algorithm::Ed25519 {
        return Err(FormatError::UnsupportedKey(format!(
            "{} signature; only ssh-ed25519 is accepted",
            sig.algorithm()
        )));
    }
    if !matches!(sig.hash_alg(), HashAlg::Sha512 | HashAlg::Sha256) {
        return Err(FormatError::UnsupportedKey(format!(
            "hash {}",
            sig.hash_alg()
        )));
    }
    if sig.namespace() != namespace.as_str() {
        return Err(FormatError::WrongNamespace {
            expected: namespace.as_str(),
            found: sig.namespace().chars().take(64).collect(),
        });
    }
    let signer = PublicKey::from(sig.public_key().clone());
    let trusted_ok = match trusted {
        Trusted::Keys(keys) => keys.iter().any(|k| k.key_data() == signer.key_data()),
        Trusted::Fingerprints(fps) => fps.contains(&Fingerprint::of(&signer)),
        Trusted::AnyKey => true,
    };
    if !trusted_ok {
        return Err(FormatError::UnknownSigner {
            fingerprint: Fingerprint::of(&signer).0,
        });
    }
    signer
        .verify(namespace.as_str(), message, &sig)
        .map_err(|_| FormatError::BadSignature)?;
    Ok(signer)
}

/// Checks a detached signature (`FILE.sig` beside `FILE`, as `ssh-keygen -Y sign`
/// writes it): the armor `armor` over the bytes `message`, in the same order and
/// with the same codes as [`verify_signed_text`]; returns the signer.
pub fn verify_detached(
    message: &[u8],
    armor: &[u8],
    namespace: Namespace,
    trusted: Trusted<'_>,
) -> Result<PublicKey, FormatError> {
    if armor.len() > MAX_ARMOR {
        return Err(FormatError::TooLarge {
            what: "the SSH signature".into(),
            found: armor.len() as u64,
            limit: MAX_ARMOR as u64,
        });
    }
    if !armor.starts_with(BEGIN) {
        return Err(FormatError::MissingSignature);
    }
    let mut file = Vec::with_capacity(armor.len() + 1);
    // A one-line body so the armor splits where it starts; the body is not used.
    file.extend_from_slice(b"\n");
    file.extend_from_slice(armor);
    let (_, armor) = split_signed_text(&file)?;
    check_armor(message, armor, namespace, trusted)
}

/// Decodes an armor strictly: "the armor must be exactly what `ssh-keygen -Y sign`
/// writes for the SSHSIG it holds — version 1, every length prefix exact, nothing
/// after the signature, base64 with padding and zero unused bits in lines of 70
/// characters, LF line ends, no blank line; decoding it and encoding it again gives
/// the same bytes (`bad_signature_encoding` otherwise)." So a signed text has one
/// encoding, and a file's bytes (and hashes over them) change only with what was
/// signed.
fn decode_armor(armor: &[u8]) -> Result<SshSig, FormatError> {
    if let Some(problem) = layout_problem(armor) {
        return Err(FormatError::BadSignatureEncoding(problem.into()));
    }
    // The decoder of `ssh-key` takes a length prefix as an upper bound and accepts
    // version 0; re-encoding and comparing closes both, and every other
    // non-canonical form, at once.
    let sig =
        SshSig::from_pem(armor).map_err(|e| FormatError::BadSignatureEncoding(e.to_string()))?;
    if sig.version() != 1 {
        return Err(FormatError::BadSignatureEncoding(format!(
            "SSHSIG version {}; only version 1 is read",
            sig.version()
        )));
    }
    let canonical = sig
        .to_pem(LineEnding::LF)
        .map_err(|e| FormatError::BadSignatureEncoding(e.to_string()))?;
    if canonical.as_bytes() != armor {
        return Err(FormatError::BadSignatureEncoding(
            "the SSHSIG is not in its one canonical encoding (a length prefix, trailing \
             bytes, the padding or the last base64 character differs from what \
             ssh-keygen writes)"
                .into(),
        ));
    }
    Ok(sig)
}

/// How the armor's lines differ from what ssh-keygen writes, if they do: CR, a
/// blank line, base64 lines not of 70 characters (the last one 1–70).
fn layout_problem(armor: &[u8]) -> Option<&'static str> {
    let inner = armor
        .strip_prefix(BEGIN)
        .and_then(|a| a.strip_suffix(END))?;
    let lines: Vec<&[u8]> = inner.split(|&b| b == b'\n').collect();
    // `inner` ends in LF, so the last piece is empty; the one before is the last
    // base64 line.
    let (_, b64) = lines.split_last()?;
    if armor.contains(&b'\r') {
        Some("the armor has CR line ends; only LF is read")
    } else if b64.iter().any(|l| l.is_empty()) {
        Some("the armor has a blank line")
    } else if b64
        .split_last()
        .is_some_and(|(last, full)| last.len() > 70 || full.iter().any(|l| l.len() != 70))
    {
        Some("the armor's base64 is not in lines of 70 characters")
    } else {
        None
    }
}

/// One line of an OpenSSH `allowed_signers` file: "the principal (`-I`) is the
/// fingerprint, and the key is allowed exactly the namespaces of its role".
pub fn allowed_signers_line(
    key: &PublicKey,
    namespaces: &[Namespace],
) -> Result<String, FormatError> {
    let ns: Vec<&str> = namespaces.iter().map(|n| n.as_str()).collect();
    Ok(format!(
        "{} namespaces=\"{}\" {}\n",
        Fingerprint::of(key),
        ns.join(","),
        crate::keycard::openssh_no_comment(key)?
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code<T>(r: Result<T, FormatError>) -> &'static str {
        r.map(|_| ()).map_or_else(|e| e.code().as_str(), |()| "ok")
    }

    #[test]
    fn the_armor_is_the_last_begin_line_at_a_line_start() {
        let s = Signer::from_ed25519_seed(&[7; 32]);
        // A BEGIN line inside a value (not at a line start) is body.
        let body = b"x: -----BEGIN SSH SIGNATURE-----\n";
        let signed = s.sign_text(Namespace::Sheet, body).expect("sign");
        let (b, _) = split_signed_text(&signed).expect("split");
        assert_eq!(b, body);
        assert_eq!(code(split_signed_text(b"no armor\n")), "missing_signature");
        let mut big = b"-----BEGIN SSH SIGNATURE-----\n".to_vec();
        big.extend(std::iter::repeat_n(b'A', 3000));
        big.extend_from_slice(b"\n-----END SSH SIGNATURE-----\n");
        assert_eq!(code(split_signed_text(&big)), "too_large");
        let garbage = b"body\n-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n";
        assert_eq!(
            code(verify_signed_text(
                garbage,
                Namespace::Sheet,
                Trusted::AnyKey
            )),
            "bad_signature_encoding"
        );
    }

    #[test]
    fn only_the_canonical_armor_verifies_and_the_refusal_names_the_rule() {
        let s = Signer::from_ed25519_seed(&[7; 32]);
        let signed = s.sign_text(Namespace::Sheet, b"body\n").expect("sign");
        assert!(verify_signed_text(&signed, Namespace::Sheet, Trusted::AnyKey).is_ok());
        let text = String::from_utf8(signed).expect("ascii");
        let (body, armor) = text.split_at(5);
        let lines: Vec<&str> = armor.lines().collect();
        let b64: String = lines[1..lines.len() - 1].concat();
        let one_line = format!("{body}{}\n{b64}\n{}\n", lines[0], lines[lines.len() - 1]);
        let blank = text.replace("\n-----END", "\n\n-----END");
        let cr = format!("{body}{}\n{}", lines[0], lines[1..].join("\r\n") + "\n");
        for (file, says) in [
            (one_line, "70 characters"),
            (blank, "blank line"),
            (cr, "CR line ends"),
        ] {
            let err = verify_signed_text(file.as_bytes(), Namespace::Sheet, Trusted::AnyKey)
                .expect_err(says);
            assert_eq!(err.code().as_str(), "bad_signature_encoding", "{says}");
            assert!(err.to_string().contains(says), "{err}");
        }
    }

    #[test]
    fn trust_is_checked_before_the_signature() {
        let s = Signer::from_ed25519_seed(&[7; 32]);
        let other = Signer::from_ed25519_seed(&[8; 32]);
        let signed = s.sign_text(Namespace::Sheet, b"body\n").expect("sign");
        let only_other = [other.public_key().clone()];
        let err =
            verify_signed_text(&signed, Namespace::Sheet, Trusted::Keys(&only_other)).unwrap_err();
        assert!(
            matches!(&err, FormatError::UnknownSigner { fingerprint } if *fingerprint == s.fingerprint().to_string())
        );
        assert_eq!(
            code(s.sign_text(Namespace::Sheet, b"no final LF")),
            "unwritable"
        );
    }

    #[test]
    fn fingerprints_parse_as_ssh_keygen_prints_them() {
        let s = Signer::from_ed25519_seed(&[7; 32]);
        let fp = s.fingerprint();
        assert_eq!(Fingerprint::parse(fp.as_str()), Some(fp.clone()));
        assert!(fp.as_str().starts_with("SHA256:") && fp.as_str().len() == 50);
        assert_eq!(Fingerprint::parse("SHA256:short"), None);
        assert_eq!(
            Fingerprint::parse(&fp.as_str().replace("SHA256", "MD5")),
            None
        );
    }
}
