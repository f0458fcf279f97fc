//! The container the sealed package and the result bundle share: a format line, a
//! 4-byte big-endian length `L`, the `L` bytes of a signed manifest, then every
//! entry's bytes back to back, and nothing after the last one. The manifest's
//! `entry: NAME SIZE SHA256` lines are the only source of names, sizes and offsets.

use std::io::{Read, Seek, SeekFrom, Write};

use sha2::{Digest, Sha256};

use crate::names::check_entry_names;
use crate::text::Lines;
use crate::FormatError;

/// "1 ≤ `L` ≤ 1,048,576"
pub const MAX_MANIFEST: u64 = 1_048_576;
/// "2 ≤ `N` ≤ 4,096"
pub const MAX_ENTRIES: u64 = 4096;

/// One `entry: NAME SIZE SHA256` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestEntry {
    /// The entry's name: a key, never a path.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256.
    pub sha256: [u8; 32],
}

pub(crate) fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// The layout of one kind of container: only the format line differs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Layout {
    /// The first line, without its LF (`reviewdesk-package/1`).
    pub format_line: &'static str,
}

impl Layout {
    /// The format line, its LF and the 4 bytes of `L`: where the manifest starts.
    pub fn head_len(self) -> u64 {
        self.format_line.len() as u64 + 1 + 4
    }

    /// Reads the format line and `L`, checks `L` against its limit and that the file
    /// holds `L` more bytes, and returns the signed manifest (not yet verified) and
    /// the file's length.
    pub fn read_manifest<R: Read + Seek>(
        self,
        reader: &mut R,
    ) -> Result<(Vec<u8>, u64), FormatError> {
        let head_len = self.head_len();
        let len = reader.seek(SeekFrom::End(0))?;
        reader.seek(SeekFrom::Start(0))?;
        let mut head = Vec::with_capacity(head_len as usize);
        (&mut *reader).take(head_len).read_to_end(&mut head)?;
        let l = self.manifest_len(&head)?;
        if len < head_len + l {
            return Err(FormatError::Truncated {
                what: "the signed manifest".into(),
            });
        }
        let mut signed = vec![0u8; l as usize];
        read_exact_or_truncated(reader, &mut signed, "the signed manifest")?;
        Ok((signed, len))
    }

    /// Checks the head — the format line (`wrong_format`…) and `L` (the head cut
    /// short: `truncated`; 0: `malformed`; over 1 MiB: `too_large`) — and returns
    /// `L`, the signed manifest's length.
    pub fn manifest_len(self, head: &[u8]) -> Result<u64, FormatError> {
        let head_len = self.head_len();
        crate::text::check_format_line(head, self.format_line)?;
        if (head.len() as u64) < head_len {
            return Err(FormatError::Truncated {
                what: "the manifest length".into(),
            });
        }
        let at = head_len as usize - 4;
        let l = u64::from(u32::from_be_bytes([
            head[at],
            head[at + 1],
            head[at + 2],
            head[at + 3],
        ]));
        if l == 0 {
            return Err(FormatError::malformed(
                0,
                "the manifest length L is 0: there is no signed manifest",
            ));
        }
        if l > MAX_MANIFEST {
            return Err(FormatError::TooLarge {
                what: "the signed manifest".into(),
                found: l,
                limit: MAX_MANIFEST,
            });
        }
        Ok(l)
    }

    /// Where each entry starts, checking that the file is exactly `head + L + Σ
    /// size` bytes long (`truncated` if shorter, `trailing_data` if longer).
    pub fn offsets(
        self,
        l: u64,
        entries: &[ManifestEntry],
        file_len: u64,
    ) -> Result<Vec<u64>, FormatError> {
        let mut offsets = Vec::with_capacity(entries.len());
        let mut at = self.head_len() + l;
        for e in entries {
            offsets.push(at);
            at += e.size;
        }
        if file_len < at {
            return Err(FormatError::Truncated {
                what: format!(
                    "the entries (the file has {file_len} bytes, the manifest declares {at})"
                ),
            });
        }
        if file_len > at {
            return Err(FormatError::TrailingData {
                what: "the last entry".into(),
            });
        }
        Ok(offsets)
    }

    /// Writes the format line, `L` and the signed manifest.
    pub fn write_head<W: Write>(self, out: &mut W, signed: &[u8]) -> Result<(), FormatError> {
        let l = u32::try_from(signed.len())
            .ok()
            .filter(|&l| u64::from(l) <= MAX_MANIFEST)
            .ok_or_else(|| FormatError::Unwritable("the signed manifest is over 1 MiB".into()))?;
        out.write_all(self.format_line.as_bytes())?;
        out.write_all(b"\n")?;
        out.write_all(&l.to_be_bytes())?;
        out.write_all(signed)?;
        Ok(())
    }
}

/// `read_exact`, with an early end of file reported as `truncated`.
pub(crate) fn read_exact_or_truncated<R: Read>(
    r: &mut R,
    buf: &mut [u8],
    what: &str,
) -> Result<(), FormatError> {
    r.read_exact(buf).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => FormatError::Truncated {
            what: what.to_string(),
        },
        _ => FormatError::Io(e),
    })
}

/// Reads one entry at `at` and checks it against the manifest's SHA-256
/// (`hash_mismatch`, naming the entry).
pub(crate) fn read_entry<R: Read + Seek>(
    reader: &mut R,
    at: u64,
    entry: &ManifestEntry,
) -> Result<Vec<u8>, FormatError> {
    reader.seek(SeekFrom::Start(at))?;
    let mut buf = vec![0u8; entry.size as usize];
    read_exact_or_truncated(reader, &mut buf, &format!("entry {:?}", entry.name))?;
    if sha256(&buf) != entry.sha256 {
        return Err(FormatError::HashMismatch {
            name: entry.name.clone(),
            what: "SHA-256",
        });
    }
    Ok(buf)
}

/// The `COUNT: N` line and the `N` `entry: NAME SIZE SHA256` lines after it: at
/// most [`MAX_ENTRIES`] (`too_large`), each size 1 to `max_size` (`too_large`;
/// 0 is `malformed`), names checked (`bad_name`, `duplicate_entry`).
pub(crate) fn entry_lines(
    lines: &mut Lines<'_>,
    count_key: &str,
    max_size: u64,
) -> Result<Vec<ManifestEntry>, FormatError> {
    let n = lines.value(count_key)?;
    let n = lines.number(n, MAX_ENTRIES, count_key)?;
    let mut entries = Vec::with_capacity(n as usize);
    for _ in 0..n {
        let v = lines.value("entry")?;
        let mut parts = v.split(' ');
        let (Some(name), Some(size), Some(hash), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(lines.error("expected `entry: NAME SIZE SHA256`"));
        };
        check_entry_names([name])?;
        let size = lines.number(size, max_size, &format!("entry {name:?} size"))?;
        if size == 0 {
            return Err(lines.error(format!("entry {name:?} is empty")));
        }
        entries.push(ManifestEntry {
            name: name.to_string(),
            size,
            sha256: lines.sha256(hash)?,
        });
    }
    check_entry_names(entries.iter().map(|e| e.name.as_str()))?;
    Ok(entries)
}

/// The `entry` lines as a writer writes them.
pub(crate) fn write_entry_lines(s: &mut String, entries: &[ManifestEntry]) {
    for e in entries {
        s.push_str(&format!(
            "entry: {} {} {}\n",
            e.name,
            e.size,
            crate::text::hex(&e.sha256)
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    const LAYOUT: Layout = Layout {
        format_line: "reviewdesk-test/1",
    };

    fn entry(name: &str, bytes: &[u8]) -> ManifestEntry {
        ManifestEntry {
            name: name.into(),
            size: bytes.len() as u64,
            sha256: sha256(bytes),
        }
    }

    #[test]
    fn the_layout_is_exact_about_lengths() {
        let mut file = Vec::new();
        LAYOUT.write_head(&mut file, b"signed\n").unwrap();
        file.extend_from_slice(b"abcde");
        let (signed, len) = LAYOUT.read_manifest(&mut Cursor::new(&file)).unwrap();
        assert_eq!(signed, b"signed\n");
        let entries = [entry("a", b"ab"), entry("b", b"cde")];
        let offsets = LAYOUT.offsets(7, &entries, len).unwrap();
        assert_eq!(offsets, [LAYOUT.head_len() + 7, LAYOUT.head_len() + 9]);
        let mut c = Cursor::new(&file);
        assert_eq!(read_entry(&mut c, offsets[1], &entries[1]).unwrap(), b"cde");
        let code = |r: Result<Vec<u64>, FormatError>| r.unwrap_err().code();
        assert_eq!(code(LAYOUT.offsets(7, &entries, len - 1)), "truncated");
        assert_eq!(code(LAYOUT.offsets(7, &entries, len + 1)), "trailing_data");
        let wrong = entry("b", b"cdX");
        assert_eq!(
            read_entry(&mut c, offsets[1], &wrong).unwrap_err().code(),
            "hash_mismatch"
        );
        // L over the limit, L beyond the end, and another kind of file.
        let mut huge = file.clone();
        let at = LAYOUT.head_len() as usize - 4;
        huge[at..at + 4].copy_from_slice(&0x0010_0001u32.to_be_bytes());
        let read = |f: &[u8]| {
            LAYOUT
                .read_manifest(&mut Cursor::new(f))
                .map(|_| ())
                .unwrap_err()
                .code()
        };
        assert_eq!(read(&huge), "too_large");
        assert_eq!(read(&file[..LAYOUT.head_len() as usize + 3]), "truncated");
        assert_eq!(read(&file[..17]), "unsupported_version");
        assert_eq!(read(b"reviewdesk-package/1\n"), "bad_magic");
    }
}
