//! Identities in the OS keyring: list, create, restore a backup, choose, export
//! the key card.

use std::path::Path;

use reviewdesk_desk::write_bytes;
use reviewdesk_ipc::{IdentityView, IpcError, RoleView};
use reviewdesk_keys::{Identity, SecretString};

use crate::Session;

impl Session {
    /// The identities in the keyring's index.
    pub fn identities(&self) -> Result<Vec<IdentityView>, IpcError> {
        Ok(self
            .keystore()?
            .list()?
            .iter()
            .map(IdentityView::from)
            .collect())
    }

    /// Creates an identity with `role` (the role its key card states) in the
    /// keyring and chooses it.
    pub fn identity_create(
        &mut self,
        name: &str,
        role: RoleView,
    ) -> Result<IdentityView, IpcError> {
        let store = self.keystore()?;
        let summary = store.create(name, role.into())?;
        let identity = store.load(&summary.name)?;
        self.set_identity(identity);
        Ok(IdentityView::from(&summary))
    }

    /// Restores a passphrase-protected backup into the keyring and chooses it.
    pub fn identity_restore(
        &mut self,
        path: &Path,
        passphrase: String,
    ) -> Result<IdentityView, IpcError> {
        let bytes = reviewdesk_desk::read(path)?;
        let id = Identity::restore(&bytes, &SecretString::from(passphrase))?;
        let summary = self.keystore()?.restore(&id)?;
        self.set_identity(id);
        Ok(IdentityView::from(&summary))
    }

    /// Chooses an identity from the keyring for this session.
    pub fn identity_choose(&mut self, name: &str) -> Result<IdentityView, IpcError> {
        let identity = self.keystore()?.load(name)?;
        let view = IdentityView::from(&identity.summary());
        self.set_identity(identity);
        Ok(view)
    }

    /// Writes the chosen identity's key card (public, self-signed) to `path`.
    pub fn identity_export_card(&self, path: &Path) -> Result<String, IpcError> {
        let card = self.identity()?.key_card()?;
        write_bytes(path, &card)?;
        Ok(path.display().to_string())
    }
}
