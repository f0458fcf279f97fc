//! The crate's one error: what went wrong with an identity, the keyring, the index
//! or a backup, and — where the user can do something about it — how to fix it.

use std::path::PathBuf;

use reviewdesk_formats::{FormatCode, FormatError};

/// How to get a usable keyring on this OS; part of [`KeyError::NoKeyring`]'s message.
#[cfg(target_os = "linux")]
pub const KEYRING_HINT: &str = "ReviewDesk keeps private keys only in the system keyring \
(the Secret Service on D-Bus), never in a file. To fix: in a desktop session, unlock the \
keyring (GNOME: the \"Login\" keyring in Passwords and Keys); without a desktop, run \
`dbus-run-session -- bash`, in that shell `gnome-keyring-daemon --unlock --components=secrets` \
(type the keyring password, then Ctrl-D), and run reviewdesk again there";
/// How to get a usable keyring on this OS; part of [`KeyError::NoKeyring`]'s message.
#[cfg(target_os = "windows")]
pub const KEYRING_HINT: &str = "ReviewDesk keeps private keys only in the Windows Credential \
Manager, never in a file. To fix: sign in to Windows with your own user account (not a \
temporary or guest profile) and run ReviewDesk again";
/// How to get a usable keyring on this OS; part of [`KeyError::NoKeyring`]'s message.
#[cfg(target_os = "macos")]
pub const KEYRING_HINT: &str = "ReviewDesk keeps private keys only in the macOS Keychain, \
never in a file. To fix: unlock the login keychain (Keychain Access) and allow ReviewDesk \
access when macOS asks";
/// How to get a usable keyring on this OS; part of [`KeyError::NoKeyring`]'s message.
#[cfg(not(any(target_os = "linux", target_os = "windows", target_os = "macos")))]
pub const KEYRING_HINT: &str = "ReviewDesk keeps private keys only in an OS keyring and \
knows none on this operating system (it supports Linux, Windows and macOS); \
nothing was stored";

/// Anything the identity store can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// No Secret Service on the session bus, or its keyring is locked (Windows: no
    /// Credential Manager; macOS: the Keychain refused; another OS: no store at all):
    /// nothing was stored.
    #[error("no usable keyring: {reason}. {KEYRING_HINT}")]
    NoKeyring {
        /// What the platform said.
        reason: String,
    },
    /// The keyring answered but failed in another way (an ambiguous or invalid item).
    #[error("keyring error: {reason}")]
    Keyring {
        /// What the platform said.
        reason: String,
    },
    /// The index lists the identity but the keyring holds no private key for it.
    #[error(
        "the keyring holds no private key for '{name}' ({fingerprint}); \
         restore it from its backup with `reviewdesk key restore FILE`"
    )]
    NotInKeyring {
        /// The identity's name.
        name: String,
        /// Its fingerprint.
        fingerprint: String,
    },
    /// No identity by this name in the index.
    #[error("no identity named '{name}' on this computer (see `reviewdesk key list`)")]
    UnknownName {
        /// The name asked for.
        name: String,
    },
    /// An identity by this name already exists, with another key.
    #[error("an identity named '{name}' already exists ({fingerprint}); choose another name")]
    NameTaken {
        /// The name.
        name: String,
        /// The existing identity's fingerprint.
        fingerprint: String,
    },
    /// The name is not allowed on a key card.
    #[error(
        "name {name:?} is not allowed: 1-64 characters, no control characters, no surrounding spaces"
    )]
    BadName {
        /// The refused name.
        name: String,
    },
    /// A stored identity (keyring item or index line) is not what this crate wrote.
    #[error("{what} is damaged: {reason}")]
    Corrupt {
        /// Which thing.
        what: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The index file cannot be read or written.
    #[error("{}: {source}", path.display())]
    Index {
        /// The index file.
        path: PathBuf,
        /// The IO error.
        source: std::io::Error,
    },
    /// No home directory to put the index in.
    #[error("no home directory: cannot locate the identity index (set HOME)")]
    NoDataDir,
    /// The operating system's random number generator failed.
    #[error("no randomness from the operating system: {reason}")]
    Random {
        /// What the OS said.
        reason: String,
    },
    /// A backup that does not open with this passphrase.
    #[error("wrong passphrase for this backup (nothing was restored)")]
    WrongPassphrase,
    /// A file that is not a ReviewDesk identity backup, or a damaged one.
    #[error("not a ReviewDesk identity backup: {reason}")]
    NotABackup {
        /// What is wrong.
        reason: String,
    },
    /// A passphrase that is refused (empty).
    #[error("the passphrase must not be empty")]
    EmptyPassphrase,
    /// Writing a key card or a signature failed.
    #[error(transparent)]
    Format(#[from] FormatError),
}

/// The kind of a [`KeyError`], one per stable code; a format error keeps its
/// [`FormatCode`]. Deliberately exhaustive (not `#[non_exhaustive]`): a caller that
/// maps every code fails to compile when one is added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    /// `no_keyring`
    NoKeyring,
    /// `keyring`
    Keyring,
    /// `not_in_keyring`
    NotInKeyring,
    /// `unknown_name`
    UnknownName,
    /// `name_taken`
    NameTaken,
    /// `bad_name`
    BadName,
    /// `corrupt`
    Corrupt,
    /// `index`
    Index,
    /// `no_data_dir`
    NoDataDir,
    /// `random`
    Random,
    /// `wrong_passphrase`
    WrongPassphrase,
    /// `not_a_backup`
    NotABackup,
    /// `empty_passphrase`
    EmptyPassphrase,
    /// The format error's own code.
    Format(FormatCode),
}

impl KeyCode {
    /// The code's snake_case text (a format error's is the formats crate's).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NoKeyring => "no_keyring",
            Self::Keyring => "keyring",
            Self::NotInKeyring => "not_in_keyring",
            Self::UnknownName => "unknown_name",
            Self::NameTaken => "name_taken",
            Self::BadName => "bad_name",
            Self::Corrupt => "corrupt",
            Self::Index => "index",
            Self::NoDataDir => "no_data_dir",
            Self::Random => "random",
            Self::WrongPassphrase => "wrong_passphrase",
            Self::NotABackup => "not_a_backup",
            Self::EmptyPassphrase => "empty_passphrase",
            Self::Format(c) => c.as_str(),
        }
    }
}

impl std::fmt::Display for KeyCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for KeyCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl KeyError {
    /// A stable code for programs (the CLI's exit codes, the desktop's error codes);
    /// [`KeyCode::as_str`] is its snake_case text.
    pub fn code(&self) -> KeyCode {
        match self {
            Self::NoKeyring { .. } => KeyCode::NoKeyring,
            Self::Keyring { .. } => KeyCode::Keyring,
            Self::NotInKeyring { .. } => KeyCode::NotInKeyring,
            Self::UnknownName { .. } => KeyCode::UnknownName,
            Self::NameTaken { .. } => KeyCode::NameTaken,
            Self::BadName { .. } => KeyCode::BadName,
            Self::Corrupt { .. } => KeyCode::Corrupt,
            Self::Index { .. } => KeyCode::Index,
            Self::NoDataDir => KeyCode::NoDataDir,
            Self::Random { .. } => KeyCode::Random,
            Self::WrongPassphrase => KeyCode::WrongPassphrase,
            Self::NotABackup { .. } => KeyCode::NotABackup,
            Self::EmptyPassphrase => KeyCode::EmptyPassphrase,
            Self::Format(e) => KeyCode::Format(e.code()),
        }
    }
}
