//! [`Keystore`]: identities in the OS keyring, one item per identity, found through
//! the public index. The private half is only ever handed to the keyring.

use std::path::{Path, PathBuf};

use reviewdesk_formats::Role;
use zeroize::Zeroizing;

use crate::identity::Identity;
use crate::{index, IdentitySummary, KeyError};

/// The keyring service every ReviewDesk item is stored under; the item's user is the
/// identity's fingerprint (Secret Service attributes `service` and `username`).
pub const KEYRING_SERVICE: &str = "reviewdesk";

/// Where credentials go: the OS keyring, or (unit tests only) keyring's mock store.
enum Backend {
    Os,
    #[cfg(test)]
    Mock(mock::Store),
}

/// The identities of this computer's user.
pub struct Keystore {
    service: String,
    index_path: PathBuf,
    backend: Backend,
}

impl std::fmt::Debug for Keystore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Keystore({}, {})",
            self.service,
            self.index_path.display()
        )
    }
}

/// The OS's keyring store, as named in error messages.
#[cfg(target_os = "linux")]
const STORE: &str = "the Secret Service on the D-Bus session bus";
#[cfg(target_os = "windows")]
const STORE: &str = "the Windows Credential Manager";
#[cfg(target_os = "macos")]
const STORE: &str = "the macOS Keychain";
#[cfg(not(any(target_os = "linux", target_os = "windows", target_os = "macos")))]
const STORE: &str = "an OS keyring";

/// Whether this build has a native keyring store (Cargo.toml picks one per target OS);
/// without one every keyring call is refused rather than kept in memory.
const HAS_NATIVE_STORE: bool = cfg!(any(
    target_os = "linux",
    target_os = "windows",
    target_os = "macos"
));

/// The platform's keyring error, in this crate's terms.
fn keyring_error(e: keyring::Error) -> KeyError {
    match e {
        keyring::Error::NoStorageAccess(e) => KeyError::NoKeyring {
            reason: format!("the keyring is locked or refuses access ({e})"),
        },
        keyring::Error::PlatformFailure(e) => KeyError::NoKeyring {
            reason: format!("cannot reach {STORE} ({e})"),
        },
        keyring::Error::BadEncoding(_) => KeyError::Corrupt {
            what: "the keyring item".into(),
            reason: "not UTF-8".into(),
        },
        other => KeyError::Keyring {
            reason: other.to_string(),
        },
    }
}

/// The refusal on an OS with no native store.
fn no_native_store() -> keyring::Error {
    keyring::Error::PlatformFailure(
        "this build of ReviewDesk has no keyring store for this operating system".into(),
    )
}

impl Keystore {
    /// The user's keystore: the OS keyring, and the index `identities` in the user's
    /// data directory (`$XDG_DATA_HOME/reviewdesk/` on Linux).
    pub fn open() -> Result<Self, KeyError> {
        let dirs =
            directories::ProjectDirs::from("", "", "reviewdesk").ok_or(KeyError::NoDataDir)?;
        Ok(Self::with_index(dirs.data_dir().join("identities")))
    }

    /// The OS keyring, with the index at `index_path`.
    pub fn with_index(index_path: PathBuf) -> Self {
        Self {
            service: KEYRING_SERVICE.into(),
            index_path,
            backend: Backend::Os,
        }
    }

    /// The index file.
    pub fn index_path(&self) -> &Path {
        &self.index_path
    }

    fn with_entry<T>(
        &self,
        user: &str,
        f: impl FnOnce(&keyring::Entry) -> keyring::Result<T>,
    ) -> keyring::Result<T> {
        match &self.backend {
            Backend::Os if !HAS_NATIVE_STORE => Err(no_native_store()),
            Backend::Os => f(&keyring::Entry::new(&self.service, user)?),
            #[cfg(test)]
            Backend::Mock(store) => store.with_entry(user, f),
        }
    }

    /// The identities, in the order they were added (public data; no keyring needed).
    pub fn list(&self) -> Result<Vec<IdentitySummary>, KeyError> {
        index::read(&self.index_path)
    }

    /// Creates a new identity and stores it. The keyring is written first: without a
    /// usable keyring this fails with [`KeyError::NoKeyring`] and writes nothing.
    pub fn create(&self, name: &str, role: Role) -> Result<IdentitySummary, KeyError> {
        let mut entries = self.list()?;
        if let Some(e) = entries.iter().find(|e| e.name == name) {
            return Err(KeyError::NameTaken {
                name: name.into(),
                fingerprint: e.fingerprint.to_string(),
            });
        }
        let identity = Identity::generate(name, role)?;
        let summary = identity.summary();
        self.put_secret(&identity)?;
        entries.push(summary.clone());
        if let Err(e) = index::write(&self.index_path, &entries) {
            // Not listed, so not usable: take it out of the keyring again.
            let _ = self.with_entry(summary.fingerprint.as_str(), |en| en.delete_credential());
            return Err(e);
        }
        Ok(summary)
    }

    /// Stores an identity read from a backup. The same name with the same key is
    /// stored again (a keyring that lost it gets it back); the same name with another
    /// key is [`KeyError::NameTaken`].
    pub fn restore(&self, identity: &Identity) -> Result<IdentitySummary, KeyError> {
        let mut entries = self.list()?;
        let summary = identity.summary();
        let listed = match entries.iter().find(|e| e.name == summary.name) {
            Some(e) if e.fingerprint != summary.fingerprint => {
                return Err(KeyError::NameTaken {
                    name: summary.name,
                    fingerprint: e.fingerprint.to_string(),
                })
            }
            Some(e) if e.role != summary.role => {
                return Err(KeyError::Corrupt {
                    what: format!("the index entry for '{}'", summary.name),
                    reason: "its role differs from the backup's".into(),
                })
            }
            Some(_) => true,
            None => false,
        };
        self.put_secret(identity)?;
        if !listed {
            entries.push(summary.clone());
            index::write(&self.index_path, &entries)?;
        }
        Ok(summary)
    }

    /// Loads the identity called `name` from the keyring.
    pub fn load(&self, name: &str) -> Result<Identity, KeyError> {
        let listed = self
            .list()?
            .into_iter()
            .find(|e| e.name == name)
            .ok_or_else(|| KeyError::UnknownName { name: name.into() })?;
        let secret = match self.with_entry(listed.fingerprint.as_str(), |e| e.get_secret()) {
            Ok(s) => Zeroizing::new(s),
            Err(keyring::Error::NoEntry) => {
                return Err(KeyError::NotInKeyring {
                    name: name.into(),
                    fingerprint: listed.fingerprint.to_string(),
                })
            }
            Err(e) => return Err(keyring_error(e)),
        };
        let what = format!("the keyring item for '{name}'");
        let identity = Identity::from_secret_text(&secret, &what)?;
        if identity.summary() != listed {
            return Err(KeyError::Corrupt {
                what,
                reason: "its name, role or fingerprint differs from the index".into(),
            });
        }
        Ok(identity)
    }

    fn put_secret(&self, identity: &Identity) -> Result<(), KeyError> {
        let text = identity.to_secret_text()?;
        self.with_entry(identity.fingerprint().as_str(), |e| {
            e.set_secret(text.as_bytes())
        })
        .map_err(keyring_error)
    }
}

#[cfg(test)]
mod mock {
    //! keyring's mock store, shared per user name (its entries keep their own
    //! credential, so the store keeps the entries).

    use std::collections::HashMap;
    use std::sync::Mutex;

    use keyring::mock::MockCredential;

    pub struct Store {
        pub entries: Mutex<HashMap<String, keyring::Entry>>,
        /// An error every new entry's first call returns.
        pub fail: Option<fn() -> keyring::Error>,
    }

    impl Store {
        pub fn with_entry<T>(
            &self,
            user: &str,
            f: impl FnOnce(&keyring::Entry) -> keyring::Result<T>,
        ) -> keyring::Result<T> {
            let mut entries = self.entries.lock().expect("mock store");
            let entry = entries.entry(user.into()).or_insert_with(|| {
                let e = keyring::Entry::new_with_credential(Box::new(MockCredential::default()));
                if let Some(fail) = self.fail {
                    if let Some(m) = e.get_credential().downcast_ref::<MockCredential>() {
                        m.set_error(fail());
                    }
                }
                e
            });
            f(entry)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::sync::Mutex;

    fn store(dir: &Path, fail: Option<fn() -> keyring::Error>) -> Keystore {
        Keystore {
            service: KEYRING_SERVICE.into(),
            index_path: dir.join("data/identities"),
            backend: Backend::Mock(mock::Store {
                entries: Mutex::new(HashMap::new()),
                fail,
            }),
        }
    }

    #[test]
    fn create_list_load() {
        let dir = tempfile::tempdir().unwrap();
        let ks = store(dir.path(), None);
        let a = ks.create("王小明", Role::Expert).unwrap();
        let b = ks.create("组织方", Role::Organizer).unwrap();
        assert_eq!(ks.list().unwrap(), vec![a.clone(), b]);
        let loaded = ks.load("王小明").unwrap();
        assert_eq!(loaded.summary(), a);
        assert_eq!(ks.load("nobody").unwrap_err().code(), "unknown_name");
        let e = ks.create("王小明", Role::Chair).unwrap_err();
        assert_eq!(e.code(), "name_taken");
    }

    #[test]
    fn the_index_holds_no_private_key() {
        let dir = tempfile::tempdir().unwrap();
        let ks = store(dir.path(), None);
        ks.create("A", Role::Chair).unwrap();
        let text = std::fs::read_to_string(ks.index_path()).unwrap();
        assert!(
            !text.contains("SECRET") && !text.contains("PRIVATE"),
            "{text}"
        );
    }

    #[test]
    fn a_locked_keyring_is_no_keyring_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let locked: fn() -> keyring::Error =
            || keyring::Error::NoStorageAccess("collection is locked".into());
        let ks = store(dir.path(), Some(locked));
        let e = ks.create("A", Role::Expert).unwrap_err();
        assert_eq!(e.code(), "no_keyring");
        let msg = e.to_string();
        assert!(
            msg.contains("locked") && msg.contains("gnome-keyring-daemon"),
            "{msg}"
        );
        assert!(!dir.path().join("data").exists());
    }

    #[test]
    fn an_os_without_a_native_store_is_no_keyring_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let e = store(dir.path(), Some(no_native_store))
            .create("A", Role::Expert)
            .unwrap_err();
        assert_eq!(e.code(), "no_keyring");
        assert!(
            e.to_string()
                .contains("no keyring store for this operating system"),
            "{e}"
        );
        assert!(!dir.path().join("data").exists());
        // This (Linux) build has its store.
        const { assert!(HAS_NATIVE_STORE) };
    }

    #[test]
    fn no_secret_service_is_no_keyring() {
        let dir = tempfile::tempdir().unwrap();
        let absent: fn() -> keyring::Error =
            || keyring::Error::PlatformFailure("org.freedesktop.DBus.Error.NoServer".into());
        let e = store(dir.path(), Some(absent))
            .create("A", Role::Expert)
            .unwrap_err();
        assert_eq!(e.code(), "no_keyring");
        assert!(e.to_string().contains("Secret Service"), "{e}");
        assert!(!dir.path().join("data").exists());
    }

    #[test]
    fn a_key_missing_from_the_keyring_says_restore() {
        let dir = tempfile::tempdir().unwrap();
        let ks = store(dir.path(), None);
        let a = ks.create("A", Role::Expert).unwrap();
        let Backend::Mock(m) = &ks.backend else {
            unreachable!("a mock store")
        };
        m.entries.lock().unwrap().clear();
        let e = ks.load("A").unwrap_err();
        assert_eq!(e.code(), "not_in_keyring");
        assert!(e.to_string().contains("key restore"), "{e}");
        assert!(e.to_string().contains(a.fingerprint.as_str()), "{e}");
    }

    #[test]
    fn restore_puts_back_the_same_identity_and_refuses_another_key_by_that_name() {
        let dir = tempfile::tempdir().unwrap();
        let ks = store(dir.path(), None);
        let a = ks.create("A", Role::Expert).unwrap();
        let id = ks.load("A").unwrap();
        let Backend::Mock(m) = &ks.backend else {
            unreachable!("a mock store")
        };
        m.entries.lock().unwrap().clear();
        assert_eq!(ks.restore(&id).unwrap(), a);
        assert_eq!(ks.load("A").unwrap().summary(), a);
        assert_eq!(ks.list().unwrap(), vec![a]);

        let other = Identity::generate("A", Role::Expert).unwrap();
        assert_eq!(ks.restore(&other).unwrap_err().code(), "name_taken");
    }
}
