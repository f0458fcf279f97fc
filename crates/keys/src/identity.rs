//! One person's identity — an Ed25519 signing key and an age X25519 identity, with
//! name and role — and its secret text (`reviewdesk-identity/1`), the form it takes
//! inside the keyring and inside a passphrase-protected backup (`docs/formats.md`,
//! "Identity").

use std::io::Read;

use age::secrecy::{ExposeSecret, SecretString};
use reviewdesk_formats::{is_valid_name, Fingerprint, KeyCard, Role, Signer};
use zeroize::Zeroizing;

use crate::KeyError;

/// The secret text's format line.
pub const SECRET_FORMAT_LINE: &str = "reviewdesk-identity/1";
/// The secret text: "UTF-8, LF line ends, at most 4,096 bytes."
pub const MAX_SECRET_TEXT: usize = 4096;
/// A backup: "At most 65,536 bytes."
pub const MAX_BACKUP: usize = 65_536;

/// The public part of an identity: what `key list` shows and the index holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentitySummary {
    /// The person's name, as on the key card.
    pub name: String,
    /// Their role.
    pub role: Role,
    /// The fingerprint of the signing key.
    pub fingerprint: Fingerprint,
}

/// A person's private identity. Never written to disk in the clear: it lives in the
/// keyring, or in a backup encrypted with a passphrase.
pub struct Identity {
    name: String,
    role: Role,
    signer: Signer,
    age: age::x25519::Identity,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Identity({} {} {})",
            self.name,
            self.role.as_str(),
            self.signer.fingerprint()
        )
    }
}

impl Identity {
    /// A fresh identity: a new Ed25519 key from the OS random number generator and a
    /// new age X25519 identity.
    pub fn generate(name: &str, role: Role) -> Result<Self, KeyError> {
        if !is_valid_name(name) {
            return Err(KeyError::BadName { name: name.into() });
        }
        let mut seed = Zeroizing::new([0u8; 32]);
        getrandom::fill(seed.as_mut()).map_err(|e| KeyError::Random {
            reason: e.to_string(),
        })?;
        Ok(Self {
            name: name.into(),
            role,
            signer: Signer::from_ed25519_seed(&seed),
            age: age::x25519::Identity::generate(),
        })
    }

    /// The person's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The person's role.
    pub fn role(&self) -> Role {
        self.role
    }

    /// The fingerprint of the signing key: how people know each other.
    pub fn fingerprint(&self) -> Fingerprint {
        self.signer.fingerprint()
    }

    /// The Ed25519 signing key, for `reviewdesk-formats`' writers.
    pub fn signer(&self) -> &Signer {
        &self.signer
    }

    /// The age X25519 identity that opens what is encrypted to this person.
    pub fn age_identity(&self) -> &age::x25519::Identity {
        &self.age
    }

    /// The age recipient others encrypt to.
    pub fn age_recipient(&self) -> age::x25519::Recipient {
        self.age.to_public()
    }

    /// Name, role and fingerprint.
    pub fn summary(&self) -> IdentitySummary {
        IdentitySummary {
            name: self.name.clone(),
            role: self.role,
            fingerprint: self.fingerprint(),
        }
    }

    /// The self-signed key card (`reviewdesk-keycard/1`).
    pub fn key_card(&self) -> Result<Vec<u8>, KeyError> {
        Ok(KeyCard::write(
            &self.name,
            self.role,
            &self.signer,
            &self.age_recipient(),
        )?)
    }

    /// The secret text: "The format line, then `name`, `role`, `fingerprint`,
    /// `age-identity` in this order, one empty line, and the signing key as an
    /// unencrypted OpenSSH private key (Ed25519)."
    pub fn to_secret_text(&self) -> Result<Zeroizing<String>, KeyError> {
        let ssh = Zeroizing::new(self.signer.to_openssh()?);
        let age = self.age.to_string();
        Ok(Zeroizing::new(format!(
            "{SECRET_FORMAT_LINE}\nname: {}\nrole: {}\nfingerprint: {}\nage-identity: {}\n\n{}",
            self.name,
            self.role.as_str(),
            self.fingerprint(),
            age.expose_secret(),
            ssh.as_str()
        )))
    }

    /// Reads a secret text; `what` names where it came from in errors. "`fingerprint`
    /// must be the fingerprint of the signing key."
    pub fn from_secret_text(text: &[u8], what: &str) -> Result<Self, KeyError> {
        let corrupt = |reason: &str| KeyError::Corrupt {
            what: what.into(),
            reason: reason.into(),
        };
        if text.len() > MAX_SECRET_TEXT {
            return Err(corrupt("over 4,096 bytes"));
        }
        let text = std::str::from_utf8(text).map_err(|_| corrupt("not UTF-8"))?;
        let (head, ssh) = text
            .split_once("\n\n")
            .ok_or_else(|| corrupt("no empty line before the signing key"))?;
        let mut lines = head.split('\n');
        if lines.next() != Some(SECRET_FORMAT_LINE) {
            return Err(corrupt("does not start with reviewdesk-identity/1"));
        }
        let mut field = |key: &str| {
            lines
                .next()
                .and_then(|l| l.strip_prefix(key))
                .and_then(|l| l.strip_prefix(": "))
                .ok_or_else(|| corrupt(&format!("expected the line `{key}: …`")))
        };
        let name = field("name")?;
        let role = field("role")?;
        let fingerprint = field("fingerprint")?;
        let age_text = field("age-identity")?;
        if lines.next().is_some() {
            return Err(corrupt("unexpected line after age-identity"));
        }
        if !is_valid_name(name) {
            return Err(corrupt("the name is not allowed on a key card"));
        }
        let role = Role::parse(role).ok_or_else(|| corrupt("unknown role"))?;
        let age: age::x25519::Identity = age_text
            .parse()
            .map_err(|_| corrupt("age-identity is not an age X25519 identity"))?;
        let signer = Signer::from_openssh(ssh)
            .map_err(|e| corrupt(&format!("the signing key does not load: {e}")))?;
        if signer.fingerprint().as_str() != fingerprint {
            return Err(corrupt("the fingerprint is not the signing key's"));
        }
        Ok(Self {
            name: name.into(),
            role,
            signer,
            age,
        })
    }

    /// A backup: "An age v1 file (binary, `age-encryption.org/v1`) with exactly one
    /// `scrypt` stanza — age's passphrase recipient, its work factor chosen by age for
    /// about a second on the machine that writes it — whose plaintext is the secret
    /// text."
    pub fn backup(&self, passphrase: &SecretString) -> Result<Vec<u8>, KeyError> {
        if passphrase.expose_secret().is_empty() {
            return Err(KeyError::EmptyPassphrase);
        }
        let recipient = age::scrypt::Recipient::new(passphrase.clone());
        let secret = self.to_secret_text()?;
        age::encrypt(&recipient, secret.as_bytes()).map_err(|e| {
            KeyError::Format(reviewdesk_formats::FormatError::Unwritable(e.to_string()))
        })
    }

    /// Opens a backup with its passphrase. A wrong passphrase is
    /// [`KeyError::WrongPassphrase`]; anything that is not a passphrase-encrypted age
    /// file holding a secret text is [`KeyError::NotABackup`].
    pub fn restore(file: &[u8], passphrase: &SecretString) -> Result<Self, KeyError> {
        let not_backup = |reason: String| KeyError::NotABackup { reason };
        if file.len() > MAX_BACKUP {
            return Err(not_backup(format!(
                "{} bytes, over the limit of {MAX_BACKUP}",
                file.len()
            )));
        }
        let decryptor =
            age::Decryptor::new(file).map_err(|e| not_backup(format!("not an age file: {e}")))?;
        if !decryptor.is_scrypt() {
            return Err(not_backup(
                "encrypted to keys, not with a passphrase".into(),
            ));
        }
        let identity = age::scrypt::Identity::new(passphrase.clone());
        let mut reader = decryptor
            .decrypt(std::iter::once(&identity as &dyn age::Identity))
            .map_err(|e| match e {
                age::DecryptError::DecryptionFailed
                | age::DecryptError::KeyDecryptionFailed
                | age::DecryptError::NoMatchingKeys => KeyError::WrongPassphrase,
                other => not_backup(other.to_string()),
            })?;
        let mut plain = Zeroizing::new(Vec::new());
        reader
            .by_ref()
            .take(MAX_SECRET_TEXT as u64 + 1)
            .read_to_end(&mut plain)
            .map_err(|e| not_backup(format!("damaged: {e}")))?;
        Self::from_secret_text(&plain, "the backup's identity")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pass(s: &str) -> SecretString {
        SecretString::from(s.to_string())
    }

    #[test]
    fn the_secret_text_round_trips() {
        let id = Identity::generate("王小明", Role::Expert).unwrap();
        let text = id.to_secret_text().unwrap();
        assert!(text.starts_with("reviewdesk-identity/1\nname: 王小明\nrole: expert\n"));
        let back = Identity::from_secret_text(text.as_bytes(), "t").unwrap();
        assert_eq!(back.summary(), id.summary());
        assert_eq!(
            back.age_recipient().to_string(),
            id.age_recipient().to_string()
        );
    }

    #[test]
    fn a_secret_text_whose_fingerprint_lies_is_corrupt() {
        let a = Identity::generate("A", Role::Chair).unwrap();
        let b = Identity::generate("B", Role::Chair).unwrap();
        let text = a
            .to_secret_text()
            .unwrap()
            .replace(a.fingerprint().as_str(), b.fingerprint().as_str());
        let e = Identity::from_secret_text(text.as_bytes(), "t").unwrap_err();
        assert_eq!(e.code(), "corrupt", "{e}");
        assert!(e.to_string().contains("fingerprint"), "{e}");
    }

    #[test]
    fn damaged_secret_texts_are_refused() {
        let id = Identity::generate("A", Role::Organizer).unwrap();
        let good = id.to_secret_text().unwrap();
        for bad in [
            good.replacen("reviewdesk-identity/1", "reviewdesk-identity/2", 1),
            good.replacen("role: organizer", "role: admin", 1),
            good.replacen("\n\n", "\n", 1),
            good.replacen("name: A", "name:  A", 1),
            good.replacen("AGE-SECRET-KEY-1", "AGE-SECRET-KEY-2", 1),
            good.replacen(
                "OPENSSH PRIVATE KEY-----\n",
                "OPENSSH PRIVATE KEY-----\nx",
                1,
            ),
            "x".repeat(5000),
        ] {
            let e = Identity::from_secret_text(bad.as_bytes(), "t").unwrap_err();
            assert_eq!(e.code(), "corrupt", "{bad}: {e}");
        }
    }

    #[test]
    fn names_follow_the_key_card() {
        for bad in ["", " A", "A ", "a\nb", &"长".repeat(65)] {
            let e = Identity::generate(bad, Role::Expert).unwrap_err();
            assert_eq!(e.code(), "bad_name");
        }
        assert!(Identity::generate(&"长".repeat(64), Role::Expert).is_ok());
    }

    #[test]
    fn the_key_card_is_self_signed_with_the_same_fingerprint() {
        let id = Identity::generate("李四", Role::Chair).unwrap();
        let card = KeyCard::read(&id.key_card().unwrap()).unwrap();
        assert_eq!(card.fingerprint(), id.fingerprint());
        assert_eq!(card.role, Role::Chair);
        assert_eq!(
            card.age_recipient.to_string(),
            id.age_recipient().to_string()
        );
    }

    #[test]
    fn a_backup_opens_with_its_passphrase_only() {
        let id = Identity::generate("王小明", Role::Expert).unwrap();
        let file = id.backup(&pass("correct horse")).unwrap();
        assert!(file.starts_with(b"age-encryption.org/v1\n-> scrypt "));
        let text = String::from_utf8_lossy(&file);
        assert!(!text.contains("AGE-SECRET-KEY") && !text.contains("PRIVATE KEY"));

        let back = Identity::restore(&file, &pass("correct horse")).unwrap();
        assert_eq!(back.summary(), id.summary());

        let e = Identity::restore(&file, &pass("wrong")).unwrap_err();
        assert_eq!(e.code(), "wrong_passphrase", "{e}");
    }

    #[test]
    fn not_a_backup() {
        let id = Identity::generate("A", Role::Expert).unwrap();
        let to_key = age::encrypt(&id.age_recipient(), b"x").unwrap();
        for file in [b"hello".to_vec(), to_key, vec![0; MAX_BACKUP + 1]] {
            let e = Identity::restore(&file, &pass("p")).unwrap_err();
            assert_eq!(e.code(), "not_a_backup", "{e}");
        }
        let e = id.backup(&pass("")).unwrap_err();
        assert_eq!(e.code(), "empty_passphrase");
    }
}
