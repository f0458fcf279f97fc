//! The key card (`reviewdesk-keycard/1`): a person's name, role, Ed25519 signing
//! key and age recipient, self-signed.

use std::str::FromStr;

use crate::signature::{verify_signed_text, Fingerprint, Namespace, PublicKey, Signer, Trusted};
use crate::text::Lines;
use crate::FormatError;

/// The format line.
pub const FORMAT_LINE: &str = "reviewdesk-keycard/1";
/// "A person's public identity … at most 4,096 bytes."
pub const MAX_CARD: usize = 4096;

/// "`role`: `expert` | `chair` | `organizer`" — a closed set (a new role is a new
/// card format), so callers match it exhaustively.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 评审专家, scores applicants.
    Expert,
    /// 评审组长, merges the sheets into the result.
    Chair,
    /// 组织方, seals packages and publishes results.
    Organizer,
}

impl Role {
    /// The word on the card.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Expert => "expert",
            Self::Chair => "chair",
            Self::Organizer => "organizer",
        }
    }

    /// The word on the card, parsed.
    pub fn parse(v: &str) -> Option<Self> {
        match v {
            "expert" => Some(Self::Expert),
            "chair" => Some(Self::Chair),
            "organizer" => Some(Self::Organizer),
            _ => None,
        }
    }

    /// The namespaces a key of this role may sign ("all people: key card, sheet;
    /// chair: also bundle manifest and re-check request; organizer: also package manifest and index, notice,
    /// final list, archive manifest and register checkpoint").
    pub fn namespaces(self) -> &'static [Namespace] {
        match self {
            Self::Expert => &[Namespace::KeyCard, Namespace::Sheet],
            Self::Chair => &[
                Namespace::KeyCard,
                Namespace::Sheet,
                Namespace::BundleManifest,
                Namespace::Recheck,
            ],
            Self::Organizer => &[
                Namespace::KeyCard,
                Namespace::Sheet,
                Namespace::PackageManifest,
                Namespace::PackageIndex,
                Namespace::Notice,
                Namespace::FinalList,
                Namespace::ArchiveManifest,
                Namespace::RegisterCheckpoint,
            ],
        }
    }
}

/// A verified key card.
#[derive(Debug, Clone)]
pub struct KeyCard {
    /// "1–64 Unicode scalar values; no control characters; no leading or trailing
    /// white space"
    pub name: String,
    /// The person's role.
    pub role: Role,
    /// The Ed25519 signing key.
    pub signing_key: PublicKey,
    /// The age X25519 recipient.
    pub age_recipient: age::x25519::Recipient,
}

/// Whether a person's name is allowed on a card.
pub fn is_valid_name(name: &str) -> bool {
    let n = name.chars().count();
    (1..=64).contains(&n) && !name.chars().any(char::is_control) && name.trim() == name
}

impl KeyCard {
    /// The fingerprint of the signing key.
    pub fn fingerprint(&self) -> Fingerprint {
        Fingerprint::of(&self.signing_key)
    }

    /// The card's `allowed_signers` line.
    pub fn allowed_signers_line(&self) -> Result<String, FormatError> {
        crate::signature::allowed_signers_line(&self.signing_key, self.role.namespaces())
    }

    /// Writes the self-signed card of `signer` with this name, role and recipient.
    pub fn write(
        name: &str,
        role: Role,
        signer: &Signer,
        age_recipient: &age::x25519::Recipient,
    ) -> Result<Vec<u8>, FormatError> {
        if !is_valid_name(name) {
            return Err(FormatError::Unwritable(format!(
                "name {name:?}: 1-64 characters, no control characters, no surrounding spaces"
            )));
        }
        let key = openssh_no_comment(signer.public_key())?;
        let body = format!(
            "{FORMAT_LINE}\nname: {name}\nrole: {}\nsigning-key: {key}\nage-recipient: {age_recipient}\nfingerprint: {}\n",
            role.as_str(),
            signer.fingerprint()
        );
        signer.sign_text(Namespace::KeyCard, body.as_bytes())
    }

    /// Reads and verifies a card. "The card is checked like any signed text; the
    /// trusted key is the one the card signs for (self-signature) … `signing-key`
    /// must be the key in the signature (`signer_mismatch`)."
    pub fn read(file: &[u8]) -> Result<Self, FormatError> {
        if file.len() > MAX_CARD {
            return Err(FormatError::TooLarge {
                what: "key card".into(),
                found: file.len() as u64,
                limit: MAX_CARD as u64,
            });
        }
        crate::text::check_format_line(file, FORMAT_LINE)?;
        let verified = verify_signed_text(file, Namespace::KeyCard, Trusted::AnyKey)?;
        let mut lines = Lines::new(verified.body, FORMAT_LINE)?;
        let name = lines.value("name")?;
        if !is_valid_name(name) {
            return Err(
                lines.error("name: 1-64 characters, no control characters, no surrounding spaces")
            );
        }
        let role_text = lines.value("role")?;
        let role = Role::parse(role_text)
            .ok_or_else(|| lines.error("role must be expert, chair or organizer"))?;
        let key_text = lines.value("signing-key")?;
        let signing_key = parse_ed25519_public(key_text).ok_or_else(|| {
            lines.error("signing-key must be `ssh-ed25519 BASE64` without a comment")
        })?;
        let recipient_text = lines.value("age-recipient")?;
        let age_recipient = age::x25519::Recipient::from_str(recipient_text)
            .ok()
            .filter(|r| r.to_string() == recipient_text)
            .ok_or_else(|| lines.error("age-recipient must be an X25519 recipient `age1…`"))?;
        let fp_text = lines.value("fingerprint")?;
        if fp_text != Fingerprint::of(&signing_key).as_str() {
            return Err(lines.error("fingerprint is not the fingerprint of signing-key"));
        }
        lines.finish()?;
        if signing_key.key_data() != verified.signer.key_data() {
            return Err(FormatError::SignerMismatch {
                named: fp_text.to_string(),
                signed: verified.fingerprint().to_string(),
            });
        }
        Ok(Self {
            name: name.to_string(),
            role,
            signing_key,
            age_recipient,
        })
    }
}

/// `ssh-ed25519 BASE64` without a comment.
pub(crate) fn openssh_no_comment(key: &PublicKey) -> Result<String, FormatError> {
    PublicKey::new(key.key_data().clone(), "")
        .to_openssh()
        .map(|s| s.trim_end().to_string())
        .map_err(|e| FormatError::Unwritable(e.to_string()))
}

/// `ssh-ed25519 BASE64` (no comment) → the key, if it is exactly that.
pub(crate) fn parse_ed25519_public(text: &str) -> Option<PublicKey> {
    if !text.starts_with("ssh-ed25519 ") || text.matches(' ').count() != 1 {
        return None;
    }
    let key = PublicKey::from_openssh(text).ok()?;
    (key.algorithm() == ssh_key::Algorithm::Ed25519
        && openssh_no_comment(&key).ok()?.as_str() == text)
        .then_some(key)
}
