//! ReviewDesk's files that cross between people — key cards, sealed packages, score
//! sheets, re-check requests and result bundles — as specified in `docs/formats.md`. The package and
//! the bundle share one container layout (format line, signed manifest, entries).
//!
//! Signatures are Ed25519 in OpenSSH's SSHSIG format, one namespace per file type,
//! so `ssh-keygen -Y verify` checks them; encryption is age v1 to X25519
//! recipients, so `age -d` opens it. Keys come in as arguments: this crate has no
//! keyring, never prompts, and writes no file.
//!
//! Every reader verifies before it parses: a signature is checked over the exact
//! bytes before the body is looked at, and a package's signed manifest is the only
//! source of entry names, sizes and offsets.
//!
//! ```
//! use reviewdesk_formats::{verify_signed_text, KeyCard, Namespace, Role, Signer, Trusted};
//!
//! // Throwaway keys; real ones come from the keyring.
//! let expert = Signer::from_ed25519_seed(&[2; 32]);
//! let age_id = reviewdesk_formats::Identity::generate();
//!
//! let card = KeyCard::write("王小明", Role::Expert, &expert, &age_id.to_public())?;
//! let read = KeyCard::read(&card)?;
//! assert_eq!(read.fingerprint(), expert.fingerprint());
//!
//! // A card's signature never passes as a sheet's.
//! let keys = [expert.public_key().clone()];
//! let err = verify_signed_text(&card, Namespace::Sheet, Trusted::Keys(&keys)).unwrap_err();
//! assert_eq!(err.code(), "wrong_namespace");
//! # Ok::<(), reviewdesk_formats::FormatError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod age_file;
mod archive;
mod bundle;
mod container;
mod error;
mod family;
mod keycard;
mod message;
mod names;
mod package;
mod recheck;
mod sheet;
mod signature;
mod text;

pub use age_file::{
    check_header as check_age_header, decrypt, decrypt_from, decrypt_head, encrypt, max_age_file,
    Identity, Recipient, MAX_HEADER as MAX_AGE_HEADER,
};
pub use archive::{
    entry_limit as archive_entry_limit, write_archive, ArchiveManifest, OpenedArchive,
    ARCHIVE_FORMAT_LINE, MAX_ARCHIVE, MAX_ARCHIVE_ENTRY, MAX_ARCHIVE_RECORD,
};
pub use bundle::{
    write_bundle, BundleContent, BundleManifest, OpenedBundle, BUNDLE_AUDIT_ENTRY,
    BUNDLE_CALENDAR_ENTRY, BUNDLE_DECISIONS_ENTRY, BUNDLE_FAMILY_ENTRY, BUNDLE_FORMAT_LINE,
    BUNDLE_HEAD_ENTRIES, BUNDLE_TAIL_ENTRIES, MAX_BUNDLE, MAX_BUNDLE_ENTRY, MAX_BUNDLE_FILE,
};
pub use container::{ManifestEntry, MAX_ENTRIES, MAX_MANIFEST};
pub use error::{FormatCode, FormatError};
pub use family::{Family, FamilyMember, FAMILY_FORMAT_LINE};
pub use keycard::{is_valid_name, KeyCard, Role, MAX_CARD};
pub use message::{every_format_error, io_reason, kind_name, part_name};
pub use names::check_entry_names;
pub use package::{
    seal, seal_streaming, seal_with_progress, EntrySpan, EntryStream, Index, IndexRecipient,
    Manifest, OpenedPackage, PackageId, Readers, SealInput, Sealed, StreamSealInput, MAX_RANGE,
    PACKAGE_FORMAT_LINE,
};
pub use recheck::{
    is_canonical_decimal, Recheck, RecheckContent, RecheckFlag, MAX_RECHECK, MAX_RECHECK_FILE,
    MAX_RECHECK_FLAGS, RECHECK_FORMAT_LINE, STAGE_TOTAL,
};
/// The user's language for messages (`reviewdesk_core::Lang`).
pub use reviewdesk_core::Lang;
pub use sheet::{
    audit_genesis, audit_head, audit_step, PackageBinding, Sheet, SheetContent, SheetLedger,
    MAX_SHEET, MAX_SHEET_FILE, SHEET_FORMAT_LINE,
};
pub use signature::{
    allowed_signers_line, split_signed_text, verify_detached, verify_signed_text, Fingerprint,
    Namespace, PublicKey, Signer, Trusted, Verified,
};
