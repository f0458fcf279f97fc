//! ReviewDesk identities: a person's Ed25519 signing key and age X25519 identity,
//! with name and role, kept in the operating system's keyring (the Secret Service on
//! Linux) — `docs/formats.md`, "Identity".
//!
//! A private key is never written to disk in the clear: it is handed to the keyring,
//! or written into a backup encrypted with a passphrase (age's scrypt recipient). The
//! only file this crate keeps is the index of names, roles and fingerprints — public
//! data — so identities can be listed without unlocking anything.
//!
//! Key cards, signatures and fingerprints are `reviewdesk-formats`'; this crate only
//! holds the keys that make them.
//!
//! ```
//! use reviewdesk_keys::{Identity, Role};
//! use age::secrecy::SecretString;
//!
//! let id = Identity::generate("王小明", Role::Expert)?;
//! let card = id.key_card()?; // self-signed, for the organizer
//! let backup = id.backup(&SecretString::from("a long passphrase".to_string()))?;
//! let back = Identity::restore(&backup, &SecretString::from("a long passphrase".to_string()))?;
//! assert_eq!(back.fingerprint(), id.fingerprint());
//! # let _ = card;
//! # Ok::<(), reviewdesk_keys::KeyError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod error;
mod identity;
mod index;
mod store;

pub use age::secrecy::SecretString;
pub use error::{every_key_error, KeyCode, KeyError, KEYRING_HINT};
pub use identity::{Identity, IdentitySummary, MAX_BACKUP, MAX_SECRET_TEXT, SECRET_FORMAT_LINE};
pub use index::INDEX_FORMAT_LINE;
pub use reviewdesk_formats::Role;
pub use store::{Keystore, KEYRING_SERVICE};
