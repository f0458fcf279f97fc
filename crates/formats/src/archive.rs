//! The publication archive (`reviewdesk-archive/1`): the organizer's record of a
//! round's publication — the bundle's container, the register, the notices, the
//! evidence, the amendments and the final list — in the package's container layout
//! with a manifest signed by the organizer (namespace
//! `reviewdesk-archive-manifest@v1`). Not encrypted.
//!
//! This crate checks the container, the signature and every entry's hash; what
//! the entries say (and that the final list is what they recompute to) is checked
//! by `reviewdesk-desk`.

use std::io::Cursor;

use crate::container::{
    entry_lines, read_entry, sha256, write_entry_lines, Layout, ManifestEntry, MAX_ENTRIES,
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
        Ok(Self {
            round: round.to_string(),
            organizer: signed,
            entries,
        })
    }
}

/// An archive whose signature and entry hashes hold.
#[derive(Debug, Clone)]
pub struct OpenedArchive {
    /// The manifest.
    pub manifest: ArchiveManifest,
    /// The organizer's key (the manifest's signer).
    pub organizer: PublicKey,
    entries: Vec<Vec<u8>>,
}

impl OpenedArchive {
    /// Reads an archive: the format line and `L`, the manifest's signature in its
    /// namespace (any Ed25519 key; its `organizer` line must name it:
    /// `signer_mismatch`), the container's length and every entry's SHA-256.
    pub fn open(file: &[u8]) -> Result<Self, FormatError> {
        if file.len() as u64 > MAX_ARCHIVE {
            return Err(FormatError::TooLarge {
                what: "the archive".into(),
                found: file.len() as u64,
                limit: MAX_ARCHIVE,
            });
        }
        let mut reader = Cursor::new(file);
        let (signed, len) = LAYOUT.read_manifest(&mut reader)?;
        let verified = verify_signed_text(&signed, Namespace::ArchiveManifest, Trusted::AnyKey)?;
        let manifest = ArchiveManifest::parse(verified.body, &verified.signer)?;
        let organizer = verified.signer.clone();
        let offsets = LAYOUT.offsets(signed.len() as u64, &manifest.entries, len)?;
        let mut entries = Vec::with_capacity(manifest.entries.len());
        for (e, &at) in manifest.entries.iter().zip(&offsets) {
            entries.push(read_entry(&mut reader, at, e)?);
        }
        Ok(Self {
            manifest,
            organizer,
            entries,
        })
    }

    /// The entry called `name`.
    pub fn entry(&self, name: &str) -> Option<&[u8]> {
        self.manifest
            .entries
            .iter()
            .position(|e| e.name == name)
            .map(|i| self.entries[i].as_slice())
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
        .find(|(_, b)| b.is_empty() || b.len() as u64 > MAX_ARCHIVE_ENTRY)
    {
        return Err(FormatError::Unwritable(format!(
            "entry {name:?} is empty or over 256 MiB"
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
        return Err(FormatError::Unwritable("the archive is over 1 GiB".into()));
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
        let opened = OpenedArchive::open(&file).unwrap();
        assert_eq!(opened.entry("x.json"), Some(b));
        assert_eq!(opened.manifest.organizer, s.fingerprint());
        for i in [0, 30, file.len() - 3] {
            let mut bad = file.clone();
            bad[i] ^= 1;
            assert!(OpenedArchive::open(&bad).is_err(), "byte {i}");
        }
    }
}
