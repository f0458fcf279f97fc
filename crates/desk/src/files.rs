//! Files on disk: reading keys handed in as files, and writing outputs atomically
//! (a temporary file in the target's folder, renamed into place), so an error never
//! leaves a half-written package, sheet or export behind.

use std::io::Write;
use std::path::{Path, PathBuf};

use reviewdesk_formats::{Identity, Signer};

use crate::DeskError;

/// Reads a file, naming it in the error.
pub fn read(path: &Path) -> Result<Vec<u8>, DeskError> {
    std::fs::read(path).map_err(|source| DeskError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads an unencrypted OpenSSH Ed25519 private key file (until the keyring
/// supplies keys by name).
pub fn read_signing_key(path: &Path) -> Result<Signer, DeskError> {
    let text = String::from_utf8_lossy(&read(path)?).into_owned();
    Signer::from_openssh(&text).map_err(|source| DeskError::Card {
        path: path.to_path_buf(),
        source,
    })
}

/// Parses an age identity file as `age-keygen` writes it: `AGE-SECRET-KEY-1…`
/// lines, `#` comments and empty lines.
pub fn parse_identities(path: &Path, text: &str) -> Result<Vec<Identity>, DeskError> {
    let bad = |message: String| DeskError::Identity {
        path: path.to_path_buf(),
        message,
    };
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let id: Identity = line
            .parse()
            .map_err(|_| bad(format!("line {}: not an age X25519 identity", i + 1)))?;
        out.push(id);
    }
    if out.is_empty() {
        return Err(bad("no AGE-SECRET-KEY-1… line".into()));
    }
    Ok(out)
}

/// Reads an age identity file.
pub fn read_identities(path: &Path) -> Result<Vec<Identity>, DeskError> {
    let text = String::from_utf8(read(path)?).map_err(|_| DeskError::Identity {
        path: path.to_path_buf(),
        message: "not UTF-8 text".into(),
    })?;
    parse_identities(path, &text)
}

/// Writes `path` through a temporary file in the same folder: `write` fills it, and
/// only when it succeeds is the file renamed into place.
pub fn write_atomically<T, E>(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<&mut std::fs::File>) -> Result<T, E>,
) -> Result<T, DeskError>
where
    DeskError: From<E>,
{
    let werr = |source| DeskError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".reviewdesk-")
        .suffix(".part")
        .tempfile_in(&dir)
        .map_err(werr)?;
    let value = {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        let value = write(&mut w)?;
        w.flush().map_err(werr)?;
        value
    };
    tmp.as_file().sync_all().map_err(werr)?;
    tmp.persist(path).map_err(|e| werr(e.error))?;
    Ok(value)
}

/// Writes `bytes` to `path` atomically.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<(), DeskError> {
    write_atomically(path, |w| {
        w.write_all(bytes).map_err(|source| DeskError::Write {
            path: path.to_path_buf(),
            source,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_files_are_read_as_age_keygen_writes_them() {
        let id = Identity::generate();
        let text = format!(
            "# created: 2026-01-01\n# public key: {}\n{}\n",
            id.to_public(),
            reviewdesk_formats_secret(&id)
        );
        let ids = parse_identities(Path::new("x.age"), &text).unwrap();
        assert_eq!(ids[0].to_public().to_string(), id.to_public().to_string());
        let err = parse_identities(Path::new("x.age"), "# nothing\n")
            .map(|_| ())
            .unwrap_err();
        assert_eq!(err.code(), "bad_identity");
        let err = parse_identities(Path::new("x.age"), "AGE-SECRET-KEY-1NOPE\n")
            .map(|_| ())
            .unwrap_err();
        assert!(err.to_string().contains("line 1"), "{err}");
    }

    fn reviewdesk_formats_secret(id: &Identity) -> String {
        use age::secrecy::ExposeSecret;
        id.to_string().expose_secret().to_string()
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.rdpkg");
        let r: Result<(), DeskError> = write_atomically(&p, |w| {
            w.write_all(b"half").unwrap();
            Err(DeskError::UnknownFileKind)
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        write_bytes(&p, b"whole").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"whole");
    }
}
