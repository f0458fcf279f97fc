//! The identity index parser (`reviewdesk-identities/1`). It is private to
//! `reviewdesk-keys`; its public entry point is `Keystore::list`, which reads the
//! index file (no keyring involved), so each input is written to a file first.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use reviewdesk_keys::Keystore;

fn path() -> &'static PathBuf {
    static P: OnceLock<PathBuf> = OnceLock::new();
    P.get_or_init(|| {
        std::env::temp_dir().join(format!("reviewdesk-fuzz-identities-{}", std::process::id()))
    })
}

fuzz_target!(|data: &[u8]| {
    if std::fs::write(path(), data).is_err() {
        return;
    }
    let _ = Keystore::with_index(path().clone()).list();
});
