//! Files on disk: reading keys handed in as files, and writing outputs atomically
//! (a temporary file in the target's folder, renamed into place), so an error never
//! leaves a half-written package, sheet or export behind.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use reviewdesk_formats::{FormatError, Identity, Signer};
use sha2::{Digest, Sha256};

use crate::DeskError;

/// Reads a file, naming it in the error.
pub fn read(path: &Path) -> Result<Vec<u8>, DeskError> {
    std::fs::read(path).map_err(|source| DeskError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// A file that crosses between people, read whole only within its size limit
/// (`docs/formats.md`: "limits are checked before anything is allocated").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limited {
    /// A key card: at most 4,096 bytes.
    KeyCard,
    /// A score sheet: an age file of at most 16 MiB of plaintext.
    Sheet,
    /// A result bundle: an age file of at most 48 MiB of plaintext.
    Bundle,
    /// An age file not yet known to be a sheet or a bundle: the larger limit.
    Encrypted,
    /// A calendar year file (`reviewdesk-calendar-year/1`): at most 65,536 bytes.
    CalendarYear,
    /// A re-check request: an age file of at most 1 MiB of plaintext.
    Recheck,
    /// An objection's evidence file: at most 64 MiB (`MAX_EVIDENCE`).
    Evidence,
}

impl Limited {
    /// The most bytes the file may have.
    pub fn limit(self) -> u64 {
        match self {
            Self::KeyCard => reviewdesk_formats::MAX_CARD as u64,
            Self::Sheet => reviewdesk_formats::MAX_SHEET_FILE,
            Self::Bundle | Self::Encrypted => reviewdesk_formats::MAX_BUNDLE_FILE,
            Self::CalendarYear => 65_536,
            Self::Recheck => reviewdesk_formats::MAX_RECHECK_FILE,
            Self::Evidence => crate::publication::MAX_EVIDENCE,
        }
    }

    /// The part an error names.
    fn part(self) -> &'static str {
        match self {
            Self::KeyCard => "key card",
            Self::Sheet => "sheet",
            Self::Bundle => "bundle",
            Self::Encrypted => "encrypted file",
            Self::CalendarYear => "calendar year",
            Self::Recheck => "re-check request",
            Self::Evidence => "evidence file",
        }
    }
}

/// A file that crosses between people, opened once its size (taken before
/// reading) is within its kind's limit, and read as a stream: every byte read is
/// counted (in case the file grows) and hashed, so the bytes checked are the
/// bytes hashed, and nothing larger than a read buffer is held on its account.
pub struct LimitedFile {
    path: PathBuf,
    kind: Limited,
    size: u64,
    reader: std::io::Take<std::io::BufReader<std::fs::File>>,
    sha256: Sha256,
    read: u64,
}

impl LimitedFile {
    /// Opens `path`: a file over the kind's limit is `too_large` at the cost of one
    /// `stat`; an empty one is `empty_file`.
    pub fn open(path: &Path, kind: Limited) -> Result<Self, DeskError> {
        let file = std::fs::File::open(path).map_err(|source| DeskError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let size = file
            .metadata()
            .map_err(|source| DeskError::Read {
                path: path.to_path_buf(),
                source,
            })?
            .len();
        let opened = Self {
            path: path.to_path_buf(),
            kind,
            size,
            reader: std::io::BufReader::new(file).take(kind.limit() + 1),
            sha256: Sha256::new(),
            read: 0,
        };
        if size == 0 {
            return Err(DeskError::EmptyFile);
        }
        if size > kind.limit() {
            return Err(opened.too_large(size));
        }
        Ok(opened)
    }

    /// The file's size when it was opened.
    pub fn size(&self) -> u64 {
        self.size
    }

    fn too_large(&self, found: u64) -> DeskError {
        DeskError::Format {
            part: self.kind.part().into(),
            source: FormatError::TooLarge {
                what: format!("the file {}", self.path.display()),
                found,
                limit: self.kind.limit(),
            },
        }
    }

    fn io(&self, source: std::io::Error) -> DeskError {
        DeskError::Read {
            path: self.path.clone(),
            source,
        }
    }

    /// Reads the rest of the file and returns the SHA-256 of all its bytes
    /// (`too_large` when it grew past the limit while being read).
    pub fn finish(mut self) -> Result<[u8; 32], DeskError> {
        std::io::copy(&mut self, &mut std::io::sink()).map_err(|e| self.io(e))?;
        if self.read > self.kind.limit() {
            return Err(self.too_large(self.read));
        }
        Ok(self.sha256.finalize().into())
    }

    /// Reads the whole file (within the limit).
    pub fn read_whole(mut self) -> Result<Vec<u8>, DeskError> {
        let mut out = Vec::with_capacity(self.size as usize);
        self.read_to_end(&mut out).map_err(|e| self.io(e))?;
        if out.len() as u64 > self.kind.limit() {
            return Err(self.too_large(out.len() as u64));
        }
        Ok(out)
    }

    /// Reads the file's first `n` bytes at most (a prefix enough to tell what an
    /// age file holds, without reading the rest).
    pub fn read_prefix(self, n: u64) -> Result<Vec<u8>, DeskError> {
        let mut out = Vec::new();
        let path = self.path.clone();
        self.take(n)
            .read_to_end(&mut out)
            .map_err(|source| DeskError::Read { path, source })?;
        Ok(out)
    }
}

impl Read for LimitedFile {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.reader.read(buf)?;
        self.sha256.update(&buf[..n]);
        self.read += n as u64;
        Ok(n)
    }
}

/// Reads a key card, sheet or bundle file whole, but only when its size (taken
/// before reading, and again while reading, in case it grows) is within the
/// kind's limit: a larger file is `too_large` at the cost of one `stat`; an empty
/// one is `empty_file`.
pub fn read_limited(path: &Path, kind: Limited) -> Result<Vec<u8>, DeskError> {
    LimitedFile::open(path, kind)?.read_whole()
}

/// The SHA-256 of a file within its kind's limit, read as a stream.
pub fn sha256_limited(path: &Path, kind: Limited) -> Result<[u8; 32], DeskError> {
    LimitedFile::open(path, kind)?.finish()
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

    /// Issue 17, item 4: a 2 GB file (sparse: nothing is written) is refused by
    /// its size, before anything is read or allocated.
    #[test]
    fn a_file_over_its_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        for (name, kind) in [
            ("big.card", Limited::KeyCard),
            ("big.rdsheet", Limited::Sheet),
            ("big.rdbundle", Limited::Bundle),
            ("big.age", Limited::Encrypted),
        ] {
            let p = dir.path().join(name);
            let f = std::fs::File::create(&p).unwrap();
            f.set_len(2 << 30).unwrap();
            let started = std::time::Instant::now();
            let err = read_limited(&p, kind).unwrap_err();
            assert_eq!(err.code().as_str(), "too_large", "{name}: {err}");
            assert!(started.elapsed() < std::time::Duration::from_secs(1));
            assert!(err.to_string().contains(&kind.limit().to_string()), "{err}");
            // At the limit it is read (not tried for 256 MiB here).
            if kind.limit() < 1 << 25 {
                f.set_len(kind.limit()).unwrap();
                assert_eq!(read_limited(&p, kind).unwrap().len() as u64, kind.limit());
            }
        }
        assert_eq!(Limited::Sheet.limit(), 16_846_880);
        assert_eq!(Limited::Bundle.limit(), 50_409_504);
    }

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
