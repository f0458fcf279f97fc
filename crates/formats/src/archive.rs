//! The publication archive (`reviewdesk-archive/1`): the organizer's record of a
//! round's publication — the bundle's container, the register, the notices, the
//! evidence, the amendments and the final list — in the package's container layout
//! with a manifest signed by the organizer (namespace
//! `reviewdesk-archive-manifest@v1`). Not encrypted.
//!
//! This crate checks the container, the signature and every entry's hash; what
//! the entries say (and that the final list is what they recompute to) is checked
//! by `reviewdesk-desk`.

use std::io::{Cursor, Read, Seek, SeekFrom};

use sha2::{Digest, Sha256};

use crate::container::{
    entry_lines, read_entry, read_exact_or_truncated, sha256, write_entry_lines, Layout,
    ManifestEntry, MAX_ENTRIES,
};
use crate::signature::{verify_signed_text, Fingerprint, Namespace, PublicKey, Signer, Trusted};
use crate::text::{is_id, Lines};
use crate::FormatError;

/// "`reviewdesk-archive/1` + LF": the container's first line.
pub const ARCHIVE_FORMAT_LINE: &str = "reviewdesk-archive/1";
const MANIFEST_FORMAT_LINE: &str = "reviewdesk-archive-manifest/1";
/// "Each entry at most 268,435,456 bytes"
pub const MAX_ARCHIVE_ENTRY: u64 = 268_435_456;
/// "the whole file at most 1 GiB"
pub const MAX_ARCHIVE: u64 = 1_073_741_824;
/// "every other entry (the register, the records, the lists and their
/// signatures) at most 16,777,216 bytes": what a verifier reads whole.
pub const MAX_ARCHIVE_RECORD: u64 = 16_777_216;

/// The most bytes the entry `name` may have: the bundle's container as a bundle's
/// plaintext, an evidence file [`MAX_ARCHIVE_ENTRY`] (hashed as it streams, never
/// held), any other entry [`MAX_ARCHIVE_RECORD`].
pub fn entry_limit(name: &str) -> u64 {
    if name == "bundle" {
        crate::bundle::MAX_BUNDLE
    } else if name.starts_with("evidence-") {
        MAX_ARCHIVE_ENTRY
    } else {
        MAX_ARCHIVE_RECORD
    }
}
const LAYOUT: Layout = Layout {
    format_line: ARCHIVE_FORMAT_LINE,
};

/// A verified, parsed archive manifest.
#[derive(Debug, Clone)]
pub struct ArchiveManifest {
    /// The round's id.
    pub round: String,
    /// The organizer's fingerprint (the key that signed).
    pub organizer: Fingerprint,
    /// The entries, in container order.
    pub entries: Vec<ManifestEntry>,
}

impl ArchiveManifest {
    fn body(&self) -> String {
        let mut s = format!(
            "{MANIFEST_FORMAT_LINE}\nround: {}\norganizer: {}\nentries: {}\n",
            self.round,
            self.organizer,
            self.entries.len()
        );
        write_entry_lines(&mut s, &self.entries);
        s
    }

    fn parse(body: &[u8], signer: &PublicKey) -> Result<Self, FormatError> {
        let mut lines = Lines::new(body, MANIFEST_FORMAT_LINE)?;
        let round = lines.value("round")?;
        if !is_id(round) {
            return Err(lines.error("round: 1-48 of A-Z a-z 0-9 _ -"));
        }
        let organizer = lines.value("organizer")?;
        let signed = Fingerprint::of(signer);
        if organizer != signed.as_str() {
            return Err(FormatError::SignerMismatch {
                named: organizer.chars().take(64).collect(),
                signed: signed.to_string(),
            });
        }
        let entries = entry_lines(&mut lines, "entries", MAX_ARCHIVE_ENTRY)?;
        lines.finish()?;
        if let Some(e) = entries.iter().find(|e| e.size > entry_limit(&e.name)) {
            return Err(FormatError::TooLarge {
                what: format!("archive entry {:?}", e.name),
                found: e.size,
                limit: entry_limit(&e.name),
            });
        }
        Ok(Self {
            round: round.to_string(),
            organizer: signed,
            entries,
        })
    }
}

/// An archive whose signature and entry hashes hold, read from `R` as a stream:
/// no entry is held in memory unless asked for ([`read`](Self::read)), and one
/// asked for is read again and checked against its hash.
#[derive(Debug)]
pub struct OpenedArchive<R> {
    /// The manifest.
    pub manifest: ArchiveManifest,
    /// The organizer's key (the manifest's signer).
    pub organizer: PublicKey,
    /// The SHA-256 of the whole archive file, taken as it was read when opened.
    pub file_sha256: [u8; 32],
    offsets: Vec<u64>,
    reader: R,
}

impl<'a> OpenedArchive<Cursor<&'a [u8]>> {
    /// Reads an archive's bytes (as [`open_from`](OpenedArchive::open_from)).
    pub fn open(file: &'a [u8]) -> Result<Self, FormatError> {
        Self::open_from(Cursor::new(file))
    }
}

impl<R: Read + Seek> OpenedArchive<R> {
    /// Reads an archive: its size (at most [`MAX_ARCHIVE`], `too_large`, before
    /// anything is read), the format line and `L`, the manifest's signature in its
    /// namespace (any Ed25519 key; its `organizer` line must name it:
    /// `signer_mismatch`), the container's length and every entry's SHA-256 —
    /// each entry hashed as it streams past, none kept.
    pub fn open_from(mut reader: R) -> Result<Self, FormatError> {
        let size = reader.seek(SeekFrom::End(0))?;
        if size > MAX_ARCHIVE {
            return Err(FormatError::TooLarge {
                what: "the archive".into(),
                found: size,
                limit: MAX_ARCHIVE,
            });
        }
        let (signed, len) = LAYOUT.read_manifest(&mut reader)?;
        let verified = verify_signed_text(&signed, Namespace::ArchiveManifest, Trusted::AnyKey)?;
        let manifest = ArchiveManifest::parse(verified.body, &verified.signer)?;
        let organizer = verified.signer.clone();
        let offsets = LAYOUT.offsets(signed.len() as u64, &manifest.entries, len)?;
        let mut file = Sha256::new();
        let mut head = Vec::new();
        LAYOUT.write_head(&mut head, &signed)?;
        file.update(&head);
        let mut buf = vec![0u8; 64 * 1024];
        for (e, &at) in manifest.entries.iter().zip(&offsets) {
            reader.seek(SeekFrom::Start(at))?;
            let mut one = Sha256::new();
            let mut left = e.size;
            while left > 0 {
                let n = left.min(buf.len() as u64) as usize;
                read_exact_or_truncated(
                    &mut reader,
                    &mut buf[..n],
                    &format!("entry {:?}", e.name),
                )?;
                one.update(&buf[..n]);
                file.update(&buf[..n]);
                left -= n as u64;
            }
            if <[u8; 32]>::from(one.finalize()) != e.sha256 {
                return Err(FormatError::HashMismatch {
                    name: e.name.clone(),
                    what: "SHA-256",
                });
            }
        }
        Ok(Self {
            manifest,
            organizer,
            file_sha256: file.finalize().into(),
            offsets,
            reader,
        })
    }

    /// The entry called `name` (`None`: there is none), read again and checked
    /// against its SHA-256 (`hash_mismatch` if the file changed since it was opened).
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, FormatError> {
        let Some(i) = self.position(name) else {
            return Ok(None);
        };
        read_entry(&mut self.reader, self.offsets[i], &self.manifest.entries[i]).map(Some)
    }

    /// The SHA-256 of the entry called `name`, as the signed manifest gives it and
    /// as it was read.
    pub fn entry_sha256(&self, name: &str) -> Option<&[u8; 32]> {
        self.position(name)
            .map(|i| &self.manifest.entries[i].sha256)
    }

    fn position(&self, name: &str) -> Option<usize> {
        self.manifest.entries.iter().position(|e| e.name == name)
    }

    /// The entries' names, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.manifest.entries.iter().map(|e| e.name.as_str())
    }
}

/// Writes an archive of `entries` (name, bytes) for `round`, signed by `organizer`;
/// the result is read back before it is returned.
pub fn write_archive(
    round: &str,
    entries: &[(String, &[u8])],
    organizer: &Signer,
) -> Result<Vec<u8>, FormatError> {
    if entries.len() as u64 > MAX_ENTRIES {
        return Err(FormatError::Unwritable("too many archive entries".into()));
    }
    if let Some((name, _)) = entries
        .iter()
        .find(|(name, b)| b.is_empty() || b.len() as u64 > entry_limit(name))
    {
        return Err(FormatError::Unwritable(format!(
            "entry {name:?} is empty or over its limit ({} bytes)",
            entry_limit(name)
        )));
    }
    crate::names::check_entry_names(entries.iter().map(|(n, _)| n.as_str()))
        .map_err(|e| FormatError::Unwritable(e.to_string()))?;
    if !is_id(round) {
        return Err(FormatError::Unwritable(format!("round id {round:?}")));
    }
    let manifest = ArchiveManifest {
        round: round.to_string(),
        organizer: organizer.fingerprint(),
        entries: entries
            .iter()
            .map(|(name, b)| ManifestEntry {
                name: name.clone(),
                size: b.len() as u64,
                sha256: sha256(b),
            })
            .collect(),
    };
    let signed = organizer.sign_text(Namespace::ArchiveManifest, manifest.body().as_bytes())?;
    let total = LAYOUT.head_len() as usize
        + signed.len()
        + entries.iter().map(|(_, b)| b.len()).sum::<usize>();
    if total as u64 > MAX_ARCHIVE {
        return Err(FormatError::TooLargeToWrite {
            what: "archive".into(),
            found: total as u64,
            limit: MAX_ARCHIVE,
        });
    }
    let mut out = Vec::with_capacity(total);
    LAYOUT.write_head(&mut out, &signed)?;
    for (_, b) in entries {
        out.extend_from_slice(b);
    }
    OpenedArchive::open(&out).map_err(|e| FormatError::Unwritable(format!("archive: {e}")))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_archive_reads_back_and_a_flipped_byte_is_refused() {
        let s = Signer::from_ed25519_seed(&[9; 32]);
        let a: &[u8] = b"first";
        let b: &[u8] = b"second entry";
        let file = write_archive("r1", &[("log".into(), a), ("x.json".into(), b)], &s).unwrap();
        let mut opened = OpenedArchive::open(&file).unwrap();
        assert_eq!(opened.read("x.json").unwrap().as_deref(), Some(b));
        assert_eq!(opened.read("y.json").unwrap(), None);
        assert_eq!(opened.entry_sha256("log"), Some(&sha256(a)));
        assert_eq!(opened.file_sha256, sha256(&file));
        assert_eq!(opened.manifest.organizer, s.fingerprint());
        for i in [0, 30, file.len() - 3] {
            let mut bad = file.clone();
            bad[i] ^= 1;
            assert!(OpenedArchive::open(&bad).is_err(), "byte {i}");
        }
    }
}
