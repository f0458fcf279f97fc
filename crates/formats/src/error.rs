//! The one error every reader and writer in this crate returns, with the stable
//! codes of `docs/formats.md` ("Reader error codes").

use reviewdesk_core::Lang;
use thiserror::Error;

use crate::message::part_name;

/// `TooLarge`'s English text: "over the limit" with the value, or without it when
/// the value did not even fit a number (`found` is then `u64::MAX`).
fn too_large(what: &str, found: u64, limit: u64) -> String {
    if found == u64::MAX {
        format!("{what} is over the limit of {limit}")
    } else {
        format!("{what} is {found}, over the limit of {limit}")
    }
}

/// What went wrong reading or writing a ReviewDesk file. `code()` is the stable
/// snake_case code from `docs/formats.md`; the message says what and where.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum FormatError {
    /// The file does not start with this kind's format line.
    #[error("not a {expected} file")]
    BadMagic {
        /// The format line that was expected, without its version.
        expected: &'static str,
    },
    /// The right kind of file in a version this reader does not know.
    #[error("unsupported version: found `{found}`, this reader knows `{expected}`")]
    UnsupportedVersion {
        /// The format line this reader knows.
        expected: &'static str,
        /// What the file has (lossily decoded, at most 64 bytes).
        found: String,
    },
    /// The file ends before its declared length.
    #[error("the file is truncated: it ends before {what}; it was not copied or downloaded whole, ask its sender for it again")]
    Truncated {
        /// What was being read when the file ended.
        what: String,
    },
    /// Bytes follow the declared end of the file.
    #[error("trailing data after {what}")]
    TrailingData {
        /// What should have been the last part.
        what: String,
    },
    /// A length, size or count is over its limit.
    #[error("{}", too_large(what, *found, *limit))]
    TooLarge {
        /// What was limited.
        what: String,
        /// The value found (or a lower bound of it).
        found: u64,
        /// The limit.
        limit: u64,
    },
    /// A body line is not what the format requires.
    #[error("line {line}: {message}")]
    Malformed {
        /// 1-based line number in the body (0: the body as a whole).
        line: usize,
        /// What was expected.
        message: String,
    },
    /// An entry name outside `[A-Za-z0-9][A-Za-z0-9._-]{0,63}`.
    #[error("entry name {name:?} is not allowed (1-64 of A-Z a-z 0-9 . _ -, starting with a letter or digit)")]
    BadName {
        /// The name as found (lossily decoded).
        name: String,
    },
    /// Two entry names equal after ASCII lowercasing.
    #[error("entry {name:?} appears twice (names are compared ignoring ASCII case)")]
    DuplicateEntry {
        /// The second of the two names.
        name: String,
    },
    /// No armored SSH signature where one is required.
    #[error("no SSH signature found")]
    MissingSignature,
    /// The armor or the SSHSIG structure inside it does not decode.
    #[error("the SSH signature does not decode: {0}")]
    BadSignatureEncoding(String),
    /// The signature is not Ed25519 or uses a hash other than SHA-512/SHA-256.
    #[error("unsupported signature: {0}")]
    UnsupportedKey(String),
    /// The signature was made for another file type.
    #[error("signature namespace is `{found}`, expected `{expected}`")]
    WrongNamespace {
        /// The namespace this file type requires.
        expected: &'static str,
        /// The namespace in the signature.
        found: String,
    },
    /// A signature by a key the reader does not trust.
    #[error("signed by {fingerprint}, which is not a trusted key")]
    UnknownSigner {
        /// The fingerprint of the key that signed.
        fingerprint: String,
    },
    /// The signature does not hold over these bytes.
    #[error("the signature does not match the signed bytes")]
    BadSignature,
    /// The body names a different key than the one that signed it.
    #[error("the body names {named} but was signed by {signed}")]
    SignerMismatch {
        /// The fingerprint the body names.
        named: String,
        /// The fingerprint of the key that signed.
        signed: String,
    },
    /// An entry's bytes do not match their declared SHA-256 or size.
    #[error("{}: its {what} does not match the signed manifest; the file is damaged or was tampered with, ask its sender for it again", part_name(name, Lang::En))]
    HashMismatch {
        /// The entry.
        name: String,
        /// `size` or `SHA-256`.
        what: &'static str,
    },
    /// The index disagrees with the manifest.
    #[error("the index disagrees with the manifest: {0}")]
    IndexMismatch(String),
    /// Not an age v1 file, or its header is malformed or over 64 KiB.
    #[error(
        "{}: the encryption header is damaged (not a valid age header: {message})",
        part_name(name, Lang::En)
    )]
    BadAgeHeader {
        /// The entry.
        name: String,
        /// What is wrong.
        message: String,
    },
    /// Too many (or no) recipient stanzas in an age header.
    #[error(
        "{}: {x25519} X25519 stanzas of {total} (allowed: 1-64 X25519, 66 in all)",
        part_name(name, Lang::En)
    )]
    TooManyStanzas {
        /// The entry.
        name: String,
        /// How many X25519 stanzas.
        x25519: usize,
        /// How many stanzas in all.
        total: usize,
    },
    /// None of the reader's identities opens the age file.
    #[error("{} cannot be opened with your key: it is not encrypted to this identity, or its encryption header is damaged; check the identity (--as or --identity), and if it is right, ask the sender for the file again", part_name(name, Lang::En))]
    NotARecipient {
        /// The entry.
        name: String,
    },
    /// The age payload does not authenticate.
    #[error("{}: the encrypted data is damaged, cut short or was tampered with (it does not authenticate: {message}); do not use this file, ask its sender for it again", part_name(name, Lang::En))]
    DecryptFailed {
        /// The entry.
        name: String,
        /// What the decryptor said.
        message: String,
    },
    /// A sheet bound to another package.
    #[error("the sheet is not for this package: it is bound to the package whose manifest SHA-256 is {found}, and this package's is {expected}; check it against the package it was signed for")]
    NotBound {
        /// This package's manifest SHA-256 (hex).
        expected: String,
        /// The sheet's `manifest` (hex).
        found: String,
    },
    /// A sheet revision not newer than one already accepted from the same expert.
    #[error(
        "expert {expert}: revision {found} is not newer than the accepted revision {accepted}"
    )]
    StaleRevision {
        /// The expert's person id.
        expert: String,
        /// The revision already accepted.
        accepted: u32,
        /// The revision presented.
        found: u32,
    },
    /// The audit log does not hash to the sheet's `audit-head`.
    #[error("the audit log does not hash to audit-head")]
    AuditMismatch,
    /// The caller asked for an entry the manifest does not list.
    #[error("no entry {name:?} in this package")]
    NoSuchEntry {
        /// The name asked for.
        name: String,
    },
    /// An error inside one entry of a container (a result bundle's sheet, its
    /// package index, …): the entry's name and the error; `code()` is the inner
    /// error's code.
    #[error("entry {name}: {source}")]
    Entry {
        /// The entry's name.
        name: String,
        /// What is wrong with it.
        source: Box<FormatError>,
    },
    /// A value to be written is not allowed by the format.
    #[error("cannot write: {0}")]
    Unwritable(String),
    /// What is to be written (`what`: a part, as `bundle`) is larger than the
    /// format allows; nothing is written (code `unwritable`).
    #[error("cannot write {what}: {found} bytes, over the format's limit of {limit} bytes")]
    TooLargeToWrite {
        /// The part, as errors name parts (`bundle`, `archive`).
        what: String,
        /// Its size in bytes.
        found: u64,
        /// The limit.
        limit: u64,
    },
    /// The file cannot be read or written.
    #[error("read or write failed: {0}")]
    Io(#[from] std::io::Error),
}

/// The names an age-level error gives a whole file rather than an entry.
const WHOLE_AGE_FILES: [&str; 4] = ["sheet", "bundle", "re-check request", "sheet or bundle"];

/// The stable codes of `docs/formats.md` ("Reader error codes"), one per kind of
/// [`FormatError`]. Deliberately exhaustive (not `#[non_exhaustive]`): a caller
/// that maps every code (the desktop's IPC error) fails to compile when one is
/// added here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormatCode {
    /// `bad_magic`
    BadMagic,
    /// `unsupported_version`
    UnsupportedVersion,
    /// `truncated`
    Truncated,
    /// `trailing_data`
    TrailingData,
    /// `too_large`
    TooLarge,
    /// `malformed`
    Malformed,
    /// `bad_name`
    BadName,
    /// `duplicate_entry`
    DuplicateEntry,
    /// `missing_signature`
    MissingSignature,
    /// `bad_signature_encoding`
    BadSignatureEncoding,
    /// `unsupported_key`
    UnsupportedKey,
    /// `wrong_namespace`
    WrongNamespace,
    /// `unknown_signer`
    UnknownSigner,
    /// `bad_signature`
    BadSignature,
    /// `signer_mismatch`
    SignerMismatch,
    /// `hash_mismatch`
    HashMismatch,
    /// `index_mismatch`
    IndexMismatch,
    /// `bad_age_header`
    BadAgeHeader,
    /// `too_many_stanzas`
    TooManyStanzas,
    /// `not_a_recipient`
    NotARecipient,
    /// `decrypt_failed`
    DecryptFailed,
    /// `not_bound`
    NotBound,
    /// `stale_revision`
    StaleRevision,
    /// `audit_mismatch`
    AuditMismatch,
    /// `no_such_entry`
    NoSuchEntry,
    /// `unwritable`
    Unwritable,
    /// `io`
    Io,
}

impl FormatCode {
    /// The code's snake_case text, as `docs/formats.md` and the test vectors spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BadMagic => "bad_magic",
            Self::UnsupportedVersion => "unsupported_version",
            Self::Truncated => "truncated",
            Self::TrailingData => "trailing_data",
            Self::TooLarge => "too_large",
            Self::Malformed => "malformed",
            Self::BadName => "bad_name",
            Self::DuplicateEntry => "duplicate_entry",
            Self::MissingSignature => "missing_signature",
            Self::BadSignatureEncoding => "bad_signature_encoding",
            Self::UnsupportedKey => "unsupported_key",
            Self::WrongNamespace => "wrong_namespace",
            Self::UnknownSigner => "unknown_signer",
            Self::BadSignature => "bad_signature",
            Self::SignerMismatch => "signer_mismatch",
            Self::HashMismatch => "hash_mismatch",
            Self::IndexMismatch => "index_mismatch",
            Self::BadAgeHeader => "bad_age_header",
            Self::TooManyStanzas => "too_many_stanzas",
            Self::NotARecipient => "not_a_recipient",
            Self::DecryptFailed => "decrypt_failed",
            Self::NotBound => "not_bound",
            Self::StaleRevision => "stale_revision",
            Self::AuditMismatch => "audit_mismatch",
            Self::NoSuchEntry => "no_such_entry",
            Self::Unwritable => "unwritable",
            Self::Io => "io",
        }
    }
}

impl std::fmt::Display for FormatCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for FormatCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl FormatError {
    /// The stable code of `docs/formats.md`, e.g. [`FormatCode::WrongNamespace`]
    /// (`wrong_namespace`); for [`FormatError::Entry`] the inner error's.
    pub fn code(&self) -> FormatCode {
        match self {
            Self::BadMagic { .. } => FormatCode::BadMagic,
            Self::UnsupportedVersion { .. } => FormatCode::UnsupportedVersion,
            Self::Truncated { .. } => FormatCode::Truncated,
            Self::TrailingData { .. } => FormatCode::TrailingData,
            Self::TooLarge { .. } => FormatCode::TooLarge,
            Self::Malformed { .. } => FormatCode::Malformed,
            Self::BadName { .. } => FormatCode::BadName,
            Self::DuplicateEntry { .. } => FormatCode::DuplicateEntry,
            Self::MissingSignature => FormatCode::MissingSignature,
            Self::BadSignatureEncoding(_) => FormatCode::BadSignatureEncoding,
            Self::UnsupportedKey(_) => FormatCode::UnsupportedKey,
            Self::WrongNamespace { .. } => FormatCode::WrongNamespace,
            Self::UnknownSigner { .. } => FormatCode::UnknownSigner,
            Self::BadSignature => FormatCode::BadSignature,
            Self::SignerMismatch { .. } => FormatCode::SignerMismatch,
            Self::HashMismatch { .. } => FormatCode::HashMismatch,
            Self::IndexMismatch(_) => FormatCode::IndexMismatch,
            Self::BadAgeHeader { .. } => FormatCode::BadAgeHeader,
            Self::TooManyStanzas { .. } => FormatCode::TooManyStanzas,
            Self::NotARecipient { .. } => FormatCode::NotARecipient,
            Self::DecryptFailed { .. } => FormatCode::DecryptFailed,
            Self::NotBound { .. } => FormatCode::NotBound,
            Self::StaleRevision { .. } => FormatCode::StaleRevision,
            Self::AuditMismatch => FormatCode::AuditMismatch,
            Self::NoSuchEntry { .. } => FormatCode::NoSuchEntry,
            Self::Entry { source, .. } => source.code(),
            Self::Unwritable(_) | Self::TooLargeToWrite { .. } => FormatCode::Unwritable,
            Self::Io(_) => FormatCode::Io,
        }
    }

    /// The entry the error was found in, when it names one: the outermost
    /// [`FormatError::Entry`]'s name, else the entry a variant names itself.
    pub fn entry(&self) -> Option<&str> {
        match self {
            Self::Entry { name, .. }
            | Self::BadName { name }
            | Self::DuplicateEntry { name }
            | Self::HashMismatch { name, .. }
            | Self::NoSuchEntry { name } => Some(name),
            // An age file's errors name the entry, or the whole file (a sheet, a
            // bundle, a re-check request), which is no entry.
            Self::BadAgeHeader { name, .. }
            | Self::TooManyStanzas { name, .. }
            | Self::NotARecipient { name }
            | Self::DecryptFailed { name, .. } => {
                Some(name.as_str()).filter(|n| !WHOLE_AGE_FILES.contains(n))
            }
            _ => None,
        }
    }

    /// The 1-based body line of a [`FormatError::Malformed`] (innermost), when it
    /// names one.
    pub fn line(&self) -> Option<usize> {
        match self.innermost() {
            Self::Malformed { line, .. } if *line > 0 => Some(*line),
            _ => None,
        }
    }

    /// Wraps an error found inside entry `name` (an error already naming an entry
    /// is wrapped once only).
    pub fn in_entry(name: impl Into<String>) -> impl FnOnce(FormatError) -> FormatError {
        let name = name.into();
        move |e| match e {
            e @ FormatError::Entry { .. } => e,
            e => FormatError::Entry {
                name,
                source: Box::new(e),
            },
        }
    }

    /// The innermost error: the one [`code`](Self::code) names.
    pub fn innermost(&self) -> &FormatError {
        match self {
            Self::Entry { source, .. } => source.innermost(),
            other => other,
        }
    }

    pub(crate) fn malformed(line: usize, message: impl Into<String>) -> Self {
        Self::Malformed {
            line,
            message: message.into(),
        }
    }
}
