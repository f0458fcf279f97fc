//! The sealed package (`reviewdesk-package/1`): the container layout, the signed
//! manifest of ciphertext hashes and the signed plaintext index inside.

use std::collections::BTreeSet;
use std::io::{Read, Seek, SeekFrom, Write};

use sha2::{Digest, Sha256};

use crate::age_file::{self, Identity, Recipient};
pub use crate::container::ManifestEntry;
use crate::container::{
    entry_lines, read_entry, read_exact_or_truncated, sha256, write_entry_lines, Layout,
    MAX_ENTRIES,
};
use crate::keycard::Role;
use crate::names::check_entry_names;
use crate::signature::{verify_signed_text, Fingerprint, Namespace, PublicKey, Signer, Trusted};
use crate::text::{hex, is_id, Lines};
use crate::FormatError;

/// "`reviewdesk-package/1` + LF" (21 bytes).
pub const PACKAGE_FORMAT_LINE: &str = "reviewdesk-package/1";
const LAYOUT: Layout = Layout {
    format_line: PACKAGE_FORMAT_LINE,
};
const MANIFEST_FORMAT_LINE: &str = "reviewdesk-package-manifest/1";
const INDEX_FORMAT_LINE: &str = "reviewdesk-package-index/1";
/// "Sizes are 1 to 210,763,776 bytes (201 MiB …)"
pub const MAX_ENTRY_SIZE: u64 = 210_763_776;
/// The largest material plaintext (the round folder's limit, 200 MiB).
pub const MAX_PLAINTEXT: u64 = 200 * 1024 * 1024;
/// "Index (plaintext of entry `index`; at most 1,048,576 bytes)"
pub const MAX_INDEX: u64 = 1_048_576;
/// "1 ≤ `recipients` ≤ 64"
pub const MAX_RECIPIENTS: u64 = 64;

/// A package id: "32 lowercase hex digits (128 random bits chosen at sealing)".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PackageId(pub [u8; 16]);

impl std::fmt::Display for PackageId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&hex(&self.0))
    }
}

impl PackageId {
    pub(crate) fn parse(v: &str) -> Option<Self> {
        if v.len() != 32 || !v.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return None;
        }
        let mut out = [0u8; 16];
        for (i, o) in out.iter_mut().enumerate() {
            *o = u8::from_str_radix(&v[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(Self(out))
    }
}

/// A verified, parsed package manifest.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// The package id.
    pub package: PackageId,
    /// The round's id.
    pub round: String,
    /// The organizer's fingerprint (the key that signed).
    pub organizer: Fingerprint,
    /// The entries, in container order; the first is `index`, the second `round`.
    pub entries: Vec<ManifestEntry>,
}

/// One `recipient: PERSON-ID ROLE FINGERPRINT AGE-RECIPIENT` line of the index.
#[derive(Debug, Clone)]
pub struct IndexRecipient {
    /// The person's id in the round.
    pub person: String,
    /// Their role.
    pub role: Role,
    /// Their signing key's fingerprint.
    pub fingerprint: Fingerprint,
    /// Their age recipient.
    pub age: Recipient,
}

/// A verified, parsed package index: the roster and the plaintext hashes.
#[derive(Debug, Clone)]
pub struct Index {
    /// Who the package is sealed to.
    pub recipients: Vec<IndexRecipient>,
    /// Every entry but `index`, with its plaintext size and SHA-256.
    pub entries: Vec<ManifestEntry>,
}

/// What `seal` needs: everything but the keys.
#[derive(Debug, Clone)]
pub struct SealInput<'a> {
    /// 128 random bits, chosen by the caller.
    pub package: PackageId,
    /// The round's id.
    pub round: &'a str,
    /// Who can open the package (the panel and the organizer).
    pub recipients: Vec<IndexRecipient>,
    /// The plaintext entries after `index`: `round`, then optionally `template`,
    /// then `card.<id>` and `material.<id>`.
    pub entries: Vec<(String, &'a [u8])>,
}

/// What `seal` wrote.
#[derive(Debug, Clone)]
pub struct Sealed {
    /// The manifest as signed.
    pub manifest: Manifest,
    /// SHA-256 of the `L` signed-manifest bytes: what sheets bind to.
    pub manifest_sha256: [u8; 32],
}

/// Checks the order rule: "The first entry is `index`, the second `round`, then
/// optionally `template`, then optionally `family`, then `card.<person id>` (one per
/// recipient) and `material.<material id>`, in any order (an unexpected name or
/// order → `malformed`)." `names` excludes nothing; `first_line` is the line of the
/// first.
fn check_entry_order<'a>(
    names: impl Iterator<Item = &'a str>,
    with_index: bool,
    first_line: usize,
) -> Result<(), FormatError> {
    // The optional entries after `round`, in their order; each may appear once.
    const OPTIONAL: [&str; 2] = ["template", "family"];
    let mut next = 0;
    for (i, name) in names.enumerate() {
        let pos = if with_index { i } else { i + 1 };
        let ok = match pos {
            0 => name == "index",
            1 => name == "round",
            _ if OPTIONAL[next..].contains(&name) => {
                next = OPTIONAL.iter().position(|o| *o == name).unwrap_or(0) + 1;
                true
            }
            _ => {
                next = OPTIONAL.len();
                name.strip_prefix("card.")
                    .or_else(|| name.strip_prefix("material."))
                    .is_some_and(is_id)
            }
        };
        if !ok {
            return Err(FormatError::malformed(
                first_line + i,
                format!("entry `{name}` is not allowed here (index, round, template?, family?, card.ID…, material.ID…)"),
            ));
        }
    }
    Ok(())
}

impl Manifest {
    fn body(&self) -> String {
        let mut s = format!(
            "{MANIFEST_FORMAT_LINE}\npackage: {}\nround: {}\norganizer: {}\nentries: {}\n",
            self.package,
            self.round,
            self.organizer,
            self.entries.len()
        );
        write_entry_lines(&mut s, &self.entries);
        s
    }

    /// Parses a manifest body whose signature has been verified. "`package` the
    /// package id; `round` the round's id; `organizer` the organizer's fingerprint;
    /// must be the key that signed (`signer_mismatch`); `entries` `N`, 2 ≤ `N` ≤
    /// 4,096 (over: `too_large`; under: `malformed`); exactly `N` `entry` lines follow (`malformed`); `entry`
    /// `NAME SIZE SHA256` of the entry's bytes as stored (the age ciphertext)."
    pub(crate) fn parse(body: &[u8], signer: &PublicKey) -> Result<Self, FormatError> {
        let mut lines = Lines::new(body, MANIFEST_FORMAT_LINE)?;
        let (package, round, organizer) = header_lines(&mut lines, signer)?;
        let first = lines.line_number() + 2;
        let entries = entry_lines(&mut lines, "entries", MAX_ENTRY_SIZE)?;
        lines.finish()?;
        if entries.len() < 2 {
            return Err(FormatError::malformed(
                first - 1,
                "a package has at least `index` and `round`",
            ));
        }
        check_entry_order(entries.iter().map(|e| e.name.as_str()), true, first)?;
        Ok(Self {
            package,
            round,
            organizer,
            entries,
        })
    }
}

/// `package`, `round`, `organizer`, shared by the manifest and the index.
fn header_lines(
    lines: &mut Lines<'_>,
    signer: &PublicKey,
) -> Result<(PackageId, String, Fingerprint), FormatError> {
    let v = lines.value("package")?;
    let package =
        PackageId::parse(v).ok_or_else(|| lines.error("package: 32 lowercase hex digits"))?;
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
    Ok((package, round.to_string(), signed))
}

impl Index {
    fn body(input: &SealInput<'_>, organizer: &Fingerprint) -> String {
        let entries: Vec<ManifestEntry> = input
            .entries
            .iter()
            .map(|(name, bytes)| ManifestEntry {
                name: name.clone(),
                size: bytes.len() as u64,
                sha256: sha256(bytes),
            })
            .collect();
        Self::body_of(
            input.package,
            input.round,
            &input.recipients,
            &entries,
            organizer,
        )
    }

    /// The index body from plaintext sizes and hashes.
    fn body_of(
        package: PackageId,
        round: &str,
        recipients: &[IndexRecipient],
        entries: &[ManifestEntry],
        organizer: &Fingerprint,
    ) -> String {
        let mut s = format!(
            "{INDEX_FORMAT_LINE}\npackage: {package}\nround: {round}\norganizer: {organizer}\nrecipients: {}\n",
            recipients.len()
        );
        for r in recipients {
            s.push_str(&format!(
                "recipient: {} {} {} {}\n",
                r.person,
                r.role.as_str(),
                r.fingerprint,
                r.age
            ));
        }
        s.push_str(&format!("entries: {}\n", entries.len()));
        write_entry_lines(&mut s, entries);
        s
    }

    /// Parses an index body whose signature has been verified, and checks it against
    /// the manifest: "`package`, `round`, `organizer` and the entry names must equal
    /// the manifest's (`index_mismatch`)".
    pub(crate) fn parse(
        body: &[u8],
        signer: &PublicKey,
        manifest: &Manifest,
    ) -> Result<Self, FormatError> {
        let mut lines = Lines::new(body, INDEX_FORMAT_LINE)?;
        let (package, round, _) = header_lines(&mut lines, signer)?;
        if package != manifest.package || round != manifest.round {
            return Err(FormatError::IndexMismatch(
                "package or round differs from the manifest's".into(),
            ));
        }
        let n = lines.value("recipients")?;
        let n = lines.number(n, MAX_RECIPIENTS, "recipients")?;
        if n == 0 {
            return Err(lines.error("at least one recipient"));
        }
        let mut recipients = Vec::with_capacity(n as usize);
        let (mut ids, mut fps) = (BTreeSet::new(), BTreeSet::new());
        for _ in 0..n {
            let v = lines.value("recipient")?;
            let mut parts = v.split(' ');
            let (Some(person), Some(role), Some(fp), Some(age), None) = (
                parts.next(),
                parts.next(),
                parts.next(),
                parts.next(),
                parts.next(),
            ) else {
                return Err(
                    lines.error("expected `recipient: PERSON-ID ROLE FINGERPRINT AGE-RECIPIENT`")
                );
            };
            let role =
                Role::parse(role).ok_or_else(|| lines.error("role: expert, chair or organizer"))?;
            let age: Recipient = age
                .parse()
                .ok()
                .filter(|r: &Recipient| r.to_string() == age)
                .ok_or_else(|| lines.error("not an age X25519 recipient"))?;
            let fingerprint = Fingerprint::parse(fp)
                .filter(|_| is_id(person))
                .ok_or_else(|| lines.error("bad person id or fingerprint"))?;
            if !ids.insert(person.to_string()) || !fps.insert(fp.to_string()) {
                return Err(lines.error("person id or fingerprint listed twice"));
            }
            recipients.push(IndexRecipient {
                person: person.to_string(),
                role,
                fingerprint,
                age,
            });
        }
        let entries = entry_lines(&mut lines, "entries", MAX_PLAINTEXT)?;
        lines.finish()?;
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        let expected: Vec<&str> = manifest.entries[1..]
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        if names != expected {
            return Err(FormatError::IndexMismatch(
                "the entry names differ from the manifest's".into(),
            ));
        }
        let cards: BTreeSet<String> = names
            .iter()
            .filter_map(|n| n.strip_prefix("card."))
            .map(str::to_string)
            .collect();
        if cards != ids {
            return Err(FormatError::IndexMismatch(
                "the key cards differ from the recipients".into(),
            ));
        }
        Ok(Self {
            recipients,
            entries,
        })
    }
}

/// Seals a package: signs the index, encrypts it and every entry to the recipients,
/// signs the manifest of ciphertext hashes, and writes the container to `out`.
/// (The ciphertexts are held in memory until the manifest is written.)
pub fn seal<W: Write>(
    input: &SealInput<'_>,
    organizer: &Signer,
    out: W,
) -> Result<Sealed, FormatError> {
    seal_with_progress(input, organizer, out, &mut |_, _| {})
}

/// [`seal`], calling `progress(done, total)` with plaintext bytes encrypted so far
/// after each entry, so a front end can show a progress bar for large rounds.
pub fn seal_with_progress<W: Write>(
    input: &SealInput<'_>,
    organizer: &Signer,
    mut out: W,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Sealed, FormatError> {
    let names = std::iter::once("index").chain(input.entries.iter().map(|(n, _)| n.as_str()));
    check_entry_names(names.clone()).map_err(|e| FormatError::Unwritable(e.to_string()))?;
    check_entry_order(names, true, 0).map_err(|e| FormatError::Unwritable(e.to_string()))?;
    if input.entries.len() as u64 + 1 > MAX_ENTRIES || !is_id(input.round) {
        return Err(FormatError::Unwritable(
            "too many entries or a bad round id".into(),
        ));
    }
    if let Some((n, _)) = input
        .entries
        .iter()
        .find(|(_, b)| b.len() as u64 > MAX_PLAINTEXT)
    {
        return Err(FormatError::Unwritable(format!(
            "entry {n:?} is over 200 MiB"
        )));
    }
    let recipients: Vec<Recipient> = input.recipients.iter().map(|r| r.age.clone()).collect();
    let index = organizer.sign_text(
        Namespace::PackageIndex,
        Index::body(input, &organizer.fingerprint()).as_bytes(),
    )?;
    let total: u64 = input.entries.iter().map(|(_, b)| b.len() as u64).sum();
    let mut done = 0u64;
    let mut ciphertexts = vec![("index".to_string(), age_file::encrypt(&index, &recipients)?)];
    for (name, bytes) in &input.entries {
        ciphertexts.push((name.clone(), age_file::encrypt(bytes, &recipients)?));
        done += bytes.len() as u64;
        progress(done, total);
    }
    let manifest = Manifest {
        package: input.package,
        round: input.round.to_string(),
        organizer: organizer.fingerprint(),
        entries: ciphertexts
            .iter()
            .map(|(name, c)| ManifestEntry {
                name: name.clone(),
                size: c.len() as u64,
                sha256: sha256(c),
            })
            .collect(),
    };
    let signed = organizer.sign_text(Namespace::PackageManifest, manifest.body().as_bytes())?;
    LAYOUT.write_head(&mut out, &signed)?;
    for (_, c) in &ciphertexts {
        out.write_all(c)?;
    }
    out.flush()?;
    Ok(Sealed {
        manifest,
        manifest_sha256: sha256(&signed),
    })
}

/// What [`seal_streaming`] needs: everything but the keys and the plaintexts, which
/// it reads one at a time.
#[derive(Debug, Clone)]
pub struct StreamSealInput<'a> {
    /// 128 random bits, chosen by the caller.
    pub package: PackageId,
    /// The round's id.
    pub round: &'a str,
    /// Who can open the package (the panel and the organizer).
    pub recipients: Vec<IndexRecipient>,
    /// The names of the entries after `index`, in order (as for [`SealInput`]).
    pub names: Vec<String>,
}

/// Counts and hashes what passes through.
struct Hashing<T> {
    inner: T,
    sha: Sha256,
    len: u64,
}

impl<T: Read> Read for Hashing<T> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.sha.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }
}

impl<T: Write> Write for Hashing<T> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.sha.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Seals a package like [`seal`] without holding the entries in memory: entry *i*'s
/// plaintext is read from `open(i)` and encrypted, chunk by chunk, into `spool` (a
/// scratch file the caller provides, e.g. a temporary file next to the output) while
/// both hashes are computed; then the index is signed and encrypted, the manifest
/// signed, and the container written to `out` with the spooled entries copied after
/// it. Memory stays at a few age chunks whatever the package size. `progress(done,
/// total)` gets plaintext bytes, `total` being the sum of `sizes`, the expected
/// plaintext sizes (a source that yields another size is `unwritable`).
pub fn seal_streaming<W: Write, S: Read + Write + Seek>(
    input: &StreamSealInput<'_>,
    organizer: &Signer,
    sizes: &[u64],
    open: &mut dyn FnMut(usize) -> std::io::Result<Box<dyn Read>>,
    mut spool: S,
    mut out: W,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Sealed, FormatError> {
    let names = std::iter::once("index").chain(input.names.iter().map(String::as_str));
    check_entry_names(names.clone()).map_err(|e| FormatError::Unwritable(e.to_string()))?;
    check_entry_order(names, true, 0).map_err(|e| FormatError::Unwritable(e.to_string()))?;
    if input.names.len() as u64 + 1 > MAX_ENTRIES
        || !is_id(input.round)
        || sizes.len() != input.names.len()
    {
        return Err(FormatError::Unwritable(
            "too many entries, a bad round id, or sizes that do not match the names".into(),
        ));
    }
    if let Some(i) = sizes.iter().position(|&s| s > MAX_PLAINTEXT || s == 0) {
        return Err(FormatError::Unwritable(format!(
            "entry {:?} is empty or over 200 MiB",
            input.names[i]
        )));
    }
    if input.recipients.is_empty() || input.recipients.len() > age_file::MAX_X25519_STANZAS {
        return Err(FormatError::Unwritable(format!(
            "{} recipients (1-64 allowed)",
            input.recipients.len()
        )));
    }
    let recipients: Vec<Recipient> = input.recipients.iter().map(|r| r.age.clone()).collect();
    let total: u64 = sizes.iter().sum();
    let (mut plain, mut stored) = (Vec::new(), Vec::new());
    let mut done = 0u64;
    spool.seek(SeekFrom::Start(0))?;
    for (i, name) in input.names.iter().enumerate() {
        let encryptor =
            age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
                .map_err(|e| FormatError::Unwritable(e.to_string()))?;
        let mut sink = Hashing {
            inner: &mut spool,
            sha: Sha256::new(),
            len: 0,
        };
        let mut source = Hashing {
            inner: open(i)?.take(sizes[i] + 1),
            sha: Sha256::new(),
            len: 0,
        };
        let mut writer = encryptor.wrap_output(&mut sink)?;
        std::io::copy(&mut source, &mut writer)?;
        writer.finish()?;
        if source.len != sizes[i] {
            return Err(FormatError::Unwritable(format!(
                "entry {name:?} has {} bytes, {} were expected",
                source.len, sizes[i]
            )));
        }
        plain.push(ManifestEntry {
            name: name.clone(),
            size: source.len,
            sha256: source.sha.finalize().into(),
        });
        stored.push(ManifestEntry {
            name: name.clone(),
            size: sink.len,
            sha256: sink.sha.finalize().into(),
        });
        done += sizes[i];
        progress(done, total);
    }
    let body = Index::body_of(
        input.package,
        input.round,
        &input.recipients,
        &plain,
        &organizer.fingerprint(),
    );
    let index = organizer.sign_text(Namespace::PackageIndex, body.as_bytes())?;
    let index = age_file::encrypt(&index, &recipients)?;
    let mut entries = vec![ManifestEntry {
        name: "index".into(),
        size: index.len() as u64,
        sha256: sha256(&index),
    }];
    entries.extend(stored);
    let manifest = Manifest {
        package: input.package,
        round: input.round.to_string(),
        organizer: organizer.fingerprint(),
        entries,
    };
    let signed = organizer.sign_text(Namespace::PackageManifest, manifest.body().as_bytes())?;
    LAYOUT.write_head(&mut out, &signed)?;
    out.write_all(&index)?;
    let spooled: u64 = manifest.entries[1..].iter().map(|e| e.size).sum();
    spool.flush()?;
    spool.seek(SeekFrom::Start(0))?;
    let copied = std::io::copy(&mut (&mut spool).take(spooled), &mut out)?;
    if copied != spooled {
        return Err(FormatError::Truncated {
            what: "the spooled entries".into(),
        });
    }
    out.flush()?;
    Ok(Sealed {
        manifest,
        manifest_sha256: sha256(&signed),
    })
}

/// A package whose manifest signature and length have been checked.
#[derive(Debug)]
pub struct OpenedPackage<R> {
    reader: R,
    /// The verified manifest.
    pub manifest: Manifest,
    /// The `L` signed-manifest bytes, as stored.
    pub signed_manifest: Vec<u8>,
    /// The key that signed the manifest.
    pub organizer_key: PublicKey,
    offsets: Vec<u64>,
}

impl<R: Read + Seek> OpenedPackage<R> {
    /// Opens a package: "A reader checks that the file holds the `L` bytes, then the
    /// manifest's signature against the organizer's key (the caller's trusted key:
    /// pinned at first import), then parses the manifest, then checks the file's
    /// length against `25 + L + Σ size` before it reads any entry; **the manifest is
    /// the only source of names, sizes and offsets**." The file must be "exactly `25 + L + Σ size`
    /// bytes long (`truncated` if shorter, `trailing_data` if longer)".
    pub fn open(mut reader: R, trusted: Trusted<'_>) -> Result<Self, FormatError> {
        let (signed, len) = LAYOUT.read_manifest(&mut reader)?;
        let verified = verify_signed_text(&signed, Namespace::PackageManifest, trusted)?;
        let manifest = Manifest::parse(verified.body, &verified.signer)?;
        let organizer_key = verified.signer.clone();
        let offsets = LAYOUT.offsets(signed.len() as u64, &manifest.entries, len)?;
        Ok(Self {
            reader,
            manifest,
            signed_manifest: signed,
            organizer_key,
            offsets,
        })
    }

    /// SHA-256 of the signed manifest: what sheets bind to.
    pub fn manifest_sha256(&self) -> [u8; 32] {
        sha256(&self.signed_manifest)
    }

    /// What a sheet for this package is checked against.
    pub fn binding(&self, index: &Index) -> crate::PackageBinding {
        crate::PackageBinding {
            package: self.manifest.package,
            manifest_sha256: self.manifest_sha256(),
            round: self.manifest.round.clone(),
            roster: index.recipients.clone(),
            family: Vec::new(),
        }
    }

    /// One entry's stored bytes (the age ciphertext), read at the offset the
    /// manifest gives and checked against its SHA-256 (`hash_mismatch`).
    pub fn entry_ciphertext(&mut self, name: &str) -> Result<Vec<u8>, FormatError> {
        let i = self.position(name)?;
        read_entry(&mut self.reader, self.offsets[i], &self.manifest.entries[i])
    }

    /// Where the manifest lists an entry (`no_such_entry`).
    fn position(&self, name: &str) -> Result<usize, FormatError> {
        self.manifest
            .entries
            .iter()
            .position(|e| e.name == name)
            .ok_or_else(|| FormatError::NoSuchEntry {
                name: name.chars().take(64).collect(),
            })
    }

    /// Checks one entry's stored bytes against the manifest's SHA-256 without
    /// holding them in memory (64 KiB at a time); returns the entry's offset, size
    /// and its first bytes (up to 64 KiB: the age header).
    fn hash_entry(&mut self, name: &str) -> Result<(u64, u64, Vec<u8>), FormatError> {
        let span = self.entry_span(name)?;
        self.reader.seek(SeekFrom::Start(span.at))?;
        let head = hash_stored(&mut self.reader, name, span.size, &span.sha256)?;
        Ok((span.at, span.size, head))
    }

    /// Where an entry's stored bytes lie and what they must hash to, to check them
    /// apart from this package handle ([`EntrySpan::check`]).
    pub fn entry_span(&self, name: &str) -> Result<EntrySpan, FormatError> {
        let i = self.position(name)?;
        Ok(EntrySpan {
            name: name.to_string(),
            at: self.offsets[i],
            size: self.manifest.entries[i].size,
            sha256: self.manifest.entries[i].sha256,
        })
    }

    /// One entry's plaintext, readable by range without decrypting the rest
    /// ([`EntryStream`]). `file` is this package's file opened again. The age
    /// header is checked against the index first (`index_mismatch`), and the
    /// plaintext length the last chunk gives against the index's size; every 64 KiB
    /// chunk a range touches is authenticated by age. The stored bytes as a whole
    /// are *not* hashed here (that reads the entire entry): the caller checks them
    /// with [`EntrySpan::check`], for a large entry while the first ranges are read.
    pub fn entry_stream<F: Read + Seek>(
        &self,
        name: &str,
        identities: &[Identity],
        index: &Index,
        file: F,
    ) -> Result<EntryStream<F>, FormatError> {
        let listed = index
            .entries
            .iter()
            .find(|e| e.name == name)
            .ok_or_else(|| FormatError::IndexMismatch(format!("no entry {name:?} in the index")))?;
        let span = self.entry_span(name)?;
        let mut window = Window {
            inner: file,
            start: span.at,
            len: span.size,
            pos: 0,
        };
        window.seek(SeekFrom::Start(0))?;
        let mut head = vec![0u8; (span.size.min(age_file::MAX_HEADER as u64)) as usize];
        read_exact_or_truncated(&mut window, &mut head, &format!("entry {name:?}"))?;
        let x = age_file::check_header(name, &head)?;
        if x != index.recipients.len() {
            return Err(FormatError::IndexMismatch(format!(
                "entry {name:?} has {x} X25519 stanzas for {} recipients",
                index.recipients.len()
            )));
        }
        window.seek(SeekFrom::Start(0))?;
        let mut reader = age_file::open_reader(name, window, identities)?;
        let failed = |e: std::io::Error| FormatError::DecryptFailed {
            name: name.to_string(),
            message: e.to_string(),
        };
        // The plaintext length the chunks give must be the one the index lists.
        let len = reader.seek(SeekFrom::End(0)).map_err(failed)?;
        if len != listed.size {
            return Err(FormatError::HashMismatch {
                name: name.to_string(),
                what: "size",
            });
        }
        Ok(EntryStream {
            name: name.to_string(),
            reader,
            len,
        })
    }

    /// Checks one entry's stored bytes against the manifest (SHA-256, streaming)
    /// and its age header; returns the number of `X25519` stanzas.
    pub fn check_entry(&mut self, name: &str) -> Result<usize, FormatError> {
        let (_, _, head) = self.hash_entry(name)?;
        age_file::check_header(name, &head)
    }

    /// Copies one entry's stored bytes (the age file) to `out` after checking them
    /// against the manifest's SHA-256; memory stays at 64 KiB whatever the size.
    pub fn copy_entry_ciphertext(
        &mut self,
        name: &str,
        out: &mut dyn Write,
    ) -> Result<u64, FormatError> {
        let (at, size, head) = self.hash_entry(name)?;
        age_file::check_header(name, &head)?;
        self.reader.seek(SeekFrom::Start(at))?;
        let copied = std::io::copy(&mut (&mut self.reader).take(size), out)?;
        if copied != size {
            return Err(FormatError::Truncated {
                what: format!("entry {name:?}"),
            });
        }
        Ok(size)
    }

    /// [`decrypt_entry`](Self::decrypt_entry) streaming into `out`: the stored bytes
    /// are hashed first (one pass), then decrypted chunk by chunk (a second pass)
    /// while the plaintext is hashed; the plaintext's size and SHA-256 are checked
    /// against the index at the end. On error `out` may hold part of the plaintext:
    /// the caller discards it (e.g. writes to a temporary file it keeps only on
    /// success).
    pub fn decrypt_entry_to(
        &mut self,
        name: &str,
        identities: &[Identity],
        index: &Index,
        out: &mut dyn Write,
    ) -> Result<(), FormatError> {
        let listed = index
            .entries
            .iter()
            .find(|e| e.name == name)
            .ok_or_else(|| FormatError::IndexMismatch(format!("no entry {name:?} in the index")))?
            .clone();
        let (at, size, head) = self.hash_entry(name)?;
        let x = age_file::check_header(name, &head)?;
        if x != index.recipients.len() {
            return Err(FormatError::IndexMismatch(format!(
                "entry {name:?} has {x} X25519 stanzas for {} recipients",
                index.recipients.len()
            )));
        }
        self.reader.seek(SeekFrom::Start(at))?;
        let mut sink = Hashing {
            inner: out,
            sha: Sha256::new(),
            len: 0,
        };
        let n = age_file::decrypt_to(
            name,
            &head,
            (&mut self.reader).take(size),
            identities,
            listed.size,
            &mut sink,
        )
        .map_err(|e| match e {
            FormatError::TooLarge { .. } => FormatError::HashMismatch {
                name: name.to_string(),
                what: "size",
            },
            other => other,
        })?;
        if n != listed.size {
            return Err(FormatError::HashMismatch {
                name: name.to_string(),
                what: "size",
            });
        }
        if <[u8; 32]>::from(sink.sha.finalize()) != listed.sha256 {
            return Err(FormatError::HashMismatch {
                name: name.to_string(),
                what: "SHA-256",
            });
        }
        Ok(())
    }

    /// Decrypts and verifies the index: signed by the same organizer key as the
    /// manifest, agreeing with the manifest.
    pub fn open_index(&mut self, identities: &[Identity]) -> Result<Index, FormatError> {
        self.open_index_plaintext(identities)
            .map(|(index, _)| index)
    }

    /// [`open_index`](Self::open_index), also returning the index's signed
    /// plaintext (what a result bundle carries as `package-index`).
    pub fn open_index_plaintext(
        &mut self,
        identities: &[Identity],
    ) -> Result<(Index, Vec<u8>), FormatError> {
        let c = self.entry_ciphertext("index")?;
        let plain = age_file::decrypt("index", &c, identities, MAX_INDEX)?;
        let organizer = std::slice::from_ref(&self.organizer_key);
        let verified =
            verify_signed_text(&plain, Namespace::PackageIndex, Trusted::Keys(organizer)).map_err(
                |e| match e {
                    FormatError::UnknownSigner { fingerprint } => FormatError::SignerMismatch {
                        named: self.manifest.organizer.to_string(),
                        signed: fingerprint,
                    },
                    other => other,
                },
            )?;
        let index = Index::parse(verified.body, &verified.signer, &self.manifest)?;
        let x = age_file::check_header("index", &c)?;
        if x != index.recipients.len() {
            return Err(FormatError::IndexMismatch(format!(
                "entry \"index\" has {x} X25519 stanzas for {} recipients",
                index.recipients.len()
            )));
        }
        Ok((index, plain))
    }

    /// Decrypts one entry and checks its plaintext against the index: "a decrypted
    /// entry must have the listed size and hash (`hash_mismatch`); every age header
    /// must have exactly `recipients` `X25519` stanzas (`index_mismatch`)".
    pub fn decrypt_entry(
        &mut self,
        name: &str,
        identities: &[Identity],
        index: &Index,
    ) -> Result<Vec<u8>, FormatError> {
        let listed = index
            .entries
            .iter()
            .find(|e| e.name == name)
            .ok_or_else(|| FormatError::IndexMismatch(format!("no entry {name:?} in the index")))?
            .clone();
        let c = self.entry_ciphertext(name)?;
        let x = age_file::check_header(name, &c)?;
        if x != index.recipients.len() {
            return Err(FormatError::IndexMismatch(format!(
                "entry {name:?} has {x} X25519 stanzas for {} recipients",
                index.recipients.len()
            )));
        }
        let plain = age_file::decrypt(name, &c, identities, listed.size).map_err(|e| match e {
            FormatError::TooLarge { .. } => FormatError::HashMismatch {
                name: name.to_string(),
                what: "size",
            },
            other => other,
        })?;
        if plain.len() as u64 != listed.size {
            return Err(FormatError::HashMismatch {
                name: name.to_string(),
                what: "size",
            });
        }
        if sha256(&plain) != listed.sha256 {
            return Err(FormatError::HashMismatch {
                name: name.to_string(),
                what: "SHA-256",
            });
        }
        Ok(plain)
    }
}

/// Hashes `size` stored bytes from `reader` against `want` (`hash_mismatch`, naming
/// the entry), 64 KiB at a time; returns their first bytes (up to 64 KiB: the age
/// header).
fn hash_stored<R: Read>(
    reader: &mut R,
    name: &str,
    size: u64,
    want: &[u8; 32],
) -> Result<Vec<u8>, FormatError> {
    let mut sha = Sha256::new();
    let mut head = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut left = size;
    while left > 0 {
        let n = left.min(buf.len() as u64) as usize;
        read_exact_or_truncated(reader, &mut buf[..n], &format!("entry {name:?}"))?;
        if head.len() < age_file::MAX_HEADER {
            let k = n.min(age_file::MAX_HEADER - head.len());
            head.extend_from_slice(&buf[..k]);
        }
        sha.update(&buf[..n]);
        left -= n as u64;
    }
    if <[u8; 32]>::from(sha.finalize()) != *want {
        return Err(FormatError::HashMismatch {
            name: name.to_string(),
            what: "SHA-256",
        });
    }
    Ok(head)
}

/// Where one entry's stored bytes lie in a package file, and their SHA-256 from the
/// signed manifest (see [`OpenedPackage::entry_span`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntrySpan {
    /// The entry's name.
    pub name: String,
    /// Its offset in the file.
    pub at: u64,
    /// Its stored size.
    pub size: u64,
    /// The SHA-256 of its stored bytes, as the manifest lists it.
    pub sha256: [u8; 32],
}

impl EntrySpan {
    /// Hashes the entry's stored bytes in `file` (the package file) against the
    /// manifest (`hash_mismatch`; `truncated` when the file is short), 64 KiB at a
    /// time.
    pub fn check<F: Read + Seek>(&self, file: &mut F) -> Result<(), FormatError> {
        file.seek(SeekFrom::Start(self.at))?;
        hash_stored(file, &self.name, self.size, &self.sha256).map(|_| ())
    }
}

/// `len` bytes of `inner` from `start`, seen as a file of their own.
#[derive(Debug)]
struct Window<F> {
    inner: F,
    start: u64,
    len: u64,
    pos: u64,
}

impl<F: Read + Seek> Read for Window<F> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.len.saturating_sub(self.pos);
        let n = (buf.len() as u64).min(left) as usize;
        if n == 0 {
            return Ok(0);
        }
        let got = self.inner.read(&mut buf[..n])?;
        self.pos += got as u64;
        Ok(got)
    }
}

impl<F: Read + Seek> Seek for Window<F> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let target = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        }
        .ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "seek before the start")
        })?;
        self.inner.seek(SeekFrom::Start(self.start + target))?;
        self.pos = target;
        Ok(target)
    }
}

/// One entry's plaintext, decrypted a range at a time (see
/// [`OpenedPackage::entry_stream`]): only the age chunks a range touches are read
/// and authenticated; nothing is written anywhere.
pub struct EntryStream<F> {
    name: String,
    reader: age::stream::StreamReader<std::io::BufReader<Window<F>>>,
    len: u64,
}

impl<F> std::fmt::Debug for EntryStream<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EntryStream")
            .field("name", &self.name)
            .field("len", &self.len)
            .finish_non_exhaustive()
    }
}

impl<F: Read + Seek> EntryStream<F> {
    /// The plaintext's length (the index's size for the entry).
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the plaintext is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The plaintext bytes `begin..end`, `end` clamped to the length; at most
    /// `MAX_RANGE` bytes at once (`too_large`).
    pub fn range(&mut self, begin: u64, end: u64) -> Result<Vec<u8>, FormatError> {
        let end = end.min(self.len);
        if begin >= end {
            return Ok(Vec::new());
        }
        if end - begin > MAX_RANGE {
            return Err(FormatError::TooLarge {
                what: format!("range of entry {:?}", self.name),
                found: end - begin,
                limit: MAX_RANGE,
            });
        }
        let failed = |e: std::io::Error| FormatError::DecryptFailed {
            name: self.name.clone(),
            message: e.to_string(),
        };
        self.reader.seek(SeekFrom::Start(begin)).map_err(failed)?;
        let mut out = vec![0u8; (end - begin) as usize];
        self.reader.read_exact(&mut out).map_err(failed)?;
        Ok(out)
    }
}

/// The most plaintext [`EntryStream::range`] gives at once: 16 MiB.
pub const MAX_RANGE: u64 = 16 << 20;
