//! The sealed package (`reviewdesk-package/1`): the container layout, the signed
//! manifest of ciphertext hashes and the signed plaintext index inside.

use std::collections::{BTreeMap, BTreeSet};
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
    /// The package revision (1 for a round's first sealing, one more for each
    /// sealing again): a reader refuses a revision not above the one it holds.
    pub revision: u32,
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

/// A verified, parsed package index: the roster, the plaintext hashes and who
/// each material is encrypted to.
#[derive(Debug, Clone)]
pub struct Index {
    /// Who the package is sealed to.
    pub recipients: Vec<IndexRecipient>,
    /// Every entry but `index`, with its plaintext size and SHA-256.
    pub entries: Vec<ManifestEntry>,
    /// One per `material.<id>` entry, in entry order: the entry's name and the
    /// person ids it is encrypted to, in roster order (the `readers` lines).
    pub readers: Vec<(String, Vec<String>)>,
}

/// Who each `material.<id>` entry is encrypted to, for the writer: entry name →
/// person ids (recipients', the organizer among them; written in roster order).
/// Every material entry must be listed, and nothing else.
pub type Readers = BTreeMap<String, Vec<String>>;

/// Whether an entry is a material (encrypted to its readers only).
fn is_material(name: &str) -> bool {
    name.starts_with("material.")
}

impl Index {
    /// Who an entry is encrypted to: a material's readers, every recipient for any
    /// other entry (and for a name the index does not list).
    pub fn readers_of(&self, name: &str) -> Vec<&IndexRecipient> {
        match self.readers.iter().find(|(n, _)| n == name) {
            Some((_, people)) => self
                .recipients
                .iter()
                .filter(|r| people.contains(&r.person))
                .collect(),
            None => self.recipients.iter().collect(),
        }
    }

    /// How many `X25519` stanzas the entry's age header must have.
    pub fn stanzas_of(&self, name: &str) -> usize {
        self.readers_of(name).len()
    }

    /// Whether one of `identities` is among the entry's readers.
    pub fn is_reader(&self, name: &str, identities: &[Identity]) -> bool {
        let mine: BTreeSet<String> = identities
            .iter()
            .map(|i| i.to_public().to_string())
            .collect();
        self.readers_of(name)
            .iter()
            .any(|r| mine.contains(&r.age.to_string()))
    }

    /// `not_a_recipient` when none of `identities` is the entry's reader, so the
    /// reader never tries to decrypt what was not sealed to it.
    fn check_reader(&self, name: &str, identities: &[Identity]) -> Result<(), FormatError> {
        if self.is_reader(name, identities) {
            Ok(())
        } else {
            Err(FormatError::NotARecipient {
                name: name.to_string(),
            })
        }
    }

    /// The age header's `X25519` stanzas (`x`) against the entry's readers
    /// (`index_mismatch`).
    fn check_stanzas(&self, name: &str, x: usize) -> Result<(), FormatError> {
        let want = self.stanzas_of(name);
        if x == want {
            Ok(())
        } else {
            Err(FormatError::IndexMismatch(format!(
                "entry {name:?} has {x} X25519 stanzas for {want} readers"
            )))
        }
    }
}

/// Checks the writer's `readers` against the roster and the entry names, and gives
/// for every entry (in `names` order) the roster positions it is encrypted to.
fn resolve_readers(
    recipients: &[IndexRecipient],
    names: &[String],
    readers: &Readers,
) -> Result<Vec<Vec<usize>>, FormatError> {
    let bad = |m: String| Err(FormatError::Unwritable(m));
    if let Some(n) = readers
        .keys()
        .find(|n| !names.contains(n) || !is_material(n))
    {
        return bad(format!(
            "readers given for {n:?}, which is not a material entry"
        ));
    }
    let all: Vec<usize> = (0..recipients.len()).collect();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        if !is_material(name) {
            out.push(all.clone());
            continue;
        }
        let Some(people) = readers.get(name) else {
            return bad(format!("no readers for {name:?}"));
        };
        let mut at = Vec::with_capacity(people.len());
        for p in people {
            let Some(i) = recipients.iter().position(|r| &r.person == p) else {
                return bad(format!("{name:?}: reader {p:?} is not a recipient"));
            };
            if at.contains(&i) {
                return bad(format!("{name:?}: reader {p:?} twice"));
            }
            at.push(i);
        }
        at.sort_unstable();
        let organizers = recipients
            .iter()
            .enumerate()
            .filter(|(_, r)| r.role == Role::Organizer);
        if let Some((_, o)) = organizers.clone().find(|(i, _)| !at.contains(i)) {
            return bad(format!(
                "{name:?}: the organizer {:?} is not a reader",
                o.person
            ));
        }
        out.push(at);
    }
    Ok(out)
}

/// The `readers` lines of the index body, for the material entries among `names`;
/// `unwritable` when one is over the line limit.
fn readers_lines(
    recipients: &[IndexRecipient],
    names: &[String],
    at: &[Vec<usize>],
) -> Result<String, FormatError> {
    let mut s = String::new();
    for (name, at) in names.iter().zip(at).filter(|(n, _)| is_material(n)) {
        let mut line = format!("readers: {name}");
        for &i in at {
            line.push(' ');
            line.push_str(&recipients[i].person);
        }
        if line.len() > crate::text::MAX_LINE {
            return Err(FormatError::Unwritable(format!(
                "the readers line of {name:?} is over 1,024 bytes"
            )));
        }
        s.push_str(&line);
        s.push('\n');
    }
    Ok(s)
}

/// What `seal` needs: everything but the keys.
#[derive(Debug, Clone)]
pub struct SealInput<'a> {
    /// 128 random bits, chosen by the caller.
    pub package: PackageId,
    /// The round's id.
    pub round: &'a str,
    /// The package revision, 1 or more (the manifest's `revision`).
    pub revision: u32,
    /// Who can open the package (the panel and the organizer).
    pub recipients: Vec<IndexRecipient>,
    /// The plaintext entries after `index`: `round`, then optionally `template`,
    /// then `card.<id>` and `material.<id>`.
    pub entries: Vec<(String, &'a [u8])>,
    /// Who each `material.<id>` entry is encrypted to.
    pub readers: Readers,
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
/// optionally `template`, then optionally `family`, then optionally `decisions`,
/// then optionally `calendar`, then `card.<person id>` (one per recipient) and `material.<material id>`, in any
/// order (an unexpected name or order → `malformed`)." `names` excludes nothing; `first_line` is the line of the
/// first.
fn check_entry_order<'a>(
    names: impl Iterator<Item = &'a str>,
    with_index: bool,
    first_line: usize,
) -> Result<(), FormatError> {
    // The optional entries after `round`, in their order; each may appear once.
    const OPTIONAL: [&str; 4] = ["template", "family", "decisions", "calendar"];
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
                format!("entry `{name}` is not allowed here (index, round, template?, family?, decisions?, calendar?, card.ID…, material.ID…)"),
            ));
        }
    }
    Ok(())
}

impl Manifest {
    fn body(&self) -> String {
        let mut s = format!(
            "{MANIFEST_FORMAT_LINE}\npackage: {}\nround: {}\nrevision: {}\norganizer: {}\nentries: {}\n",
            self.package,
            self.round,
            self.revision,
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
        let (package, round, revision, organizer) = header_lines(&mut lines, signer, true)?;
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
            revision: revision.unwrap_or(1),
            organizer,
            entries,
        })
    }
}

/// `package`, `round`, (the manifest's `revision`,) `organizer`, shared by the
/// manifest and the index.
fn header_lines(
    lines: &mut Lines<'_>,
    signer: &PublicKey,
    with_revision: bool,
) -> Result<(PackageId, String, Option<u32>, Fingerprint), FormatError> {
    let v = lines.value("package")?;
    let package =
        PackageId::parse(v).ok_or_else(|| lines.error("package: 32 lowercase hex digits"))?;
    let round = lines.value("round")?;
    if !is_id(round) {
        return Err(lines.error("round: 1-48 of A-Z a-z 0-9 _ -"));
    }
    let revision = if with_revision {
        let v = lines.value("revision")?;
        let n = lines.number(v, u64::from(u32::MAX), "revision")?;
        if n == 0 {
            return Err(lines.error("revision: 1 or more"));
        }
        Some(n as u32)
    } else {
        None
    };
    let organizer = lines.value("organizer")?;
    let signed = Fingerprint::of(signer);
    if organizer != signed.as_str() {
        return Err(FormatError::SignerMismatch {
            named: organizer.chars().take(64).collect(),
            signed: signed.to_string(),
        });
    }
    Ok((package, round.to_string(), revision, signed))
}

impl Index {
    fn body(
        input: &SealInput<'_>,
        organizer: &Fingerprint,
        at: &[Vec<usize>],
    ) -> Result<String, FormatError> {
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
            at,
            organizer,
        )
    }

    /// The index body from plaintext sizes and hashes and the entries' readers
    /// (roster positions, as [`resolve_readers`] gives them).
    fn body_of(
        package: PackageId,
        round: &str,
        recipients: &[IndexRecipient],
        entries: &[ManifestEntry],
        at: &[Vec<usize>],
        organizer: &Fingerprint,
    ) -> Result<String, FormatError> {
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
        let names: Vec<String> = entries.iter().map(|e| e.name.clone()).collect();
        s.push_str(&readers_lines(recipients, &names, at)?);
        Ok(s)
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
        let (package, round, _, _) = header_lines(&mut lines, signer, false)?;
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
        let readers = readers_parse(&mut lines, &recipients, &entries)?;
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
            readers,
        })
    }
}

/// The `readers` lines: "exactly one `readers` line per `material.<id>` entry, in
/// the entries' order, and none for any other entry; the person ids are
/// recipients', separated by one space, each once, in the order of the `recipient`
/// lines, and they include every recipient with role `organizer`" (`malformed`).
fn readers_parse(
    lines: &mut Lines<'_>,
    recipients: &[IndexRecipient],
    entries: &[ManifestEntry],
) -> Result<Vec<(String, Vec<String>)>, FormatError> {
    let mut out = Vec::new();
    for e in entries.iter().filter(|e| is_material(&e.name)) {
        let v = lines.value("readers")?;
        let mut parts = v.split(' ');
        if parts.next() != Some(e.name.as_str()) {
            return Err(lines.error(format!("expected `readers: {} PERSON-ID…`", e.name)));
        }
        let mut people = Vec::new();
        let mut last: Option<usize> = None;
        for p in parts {
            let Some(i) = recipients.iter().position(|r| r.person == p) else {
                return Err(lines.error(format!(
                    "readers of {}: `{p}` is not a recipient (one space between ids)",
                    e.name
                )));
            };
            if last.is_some_and(|l| l >= i) {
                return Err(lines.error(format!(
                    "readers of {}: each recipient once, in the order of the recipient lines",
                    e.name
                )));
            }
            last = Some(i);
            people.push(p.to_string());
        }
        if people.is_empty() {
            return Err(lines.error(format!("readers of {}: at least one", e.name)));
        }
        if let Some(o) = recipients
            .iter()
            .find(|r| r.role == Role::Organizer && !people.contains(&r.person))
        {
            return Err(lines.error(format!(
                "readers of {}: the organizer {} must be a reader",
                e.name, o.person
            )));
        }
        out.push((e.name.clone(), people));
    }
    Ok(out)
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
    let names: Vec<String> = input.entries.iter().map(|(n, _)| n.clone()).collect();
    let at = resolve_readers(&input.recipients, &names, &input.readers)?;
    let index = organizer.sign_text(
        Namespace::PackageIndex,
        Index::body(input, &organizer.fingerprint(), &at)?.as_bytes(),
    )?;
    let total: u64 = input.entries.iter().map(|(_, b)| b.len() as u64).sum();
    let mut done = 0u64;
    let mut ciphertexts = vec![("index".to_string(), age_file::encrypt(&index, &recipients)?)];
    for ((name, bytes), at) in input.entries.iter().zip(&at) {
        let to: Vec<Recipient> = at.iter().map(|&i| recipients[i].clone()).collect();
        ciphertexts.push((name.clone(), age_file::encrypt(bytes, &to)?));
        done += bytes.len() as u64;
        progress(done, total);
    }
    let manifest = Manifest {
        package: input.package,
        round: input.round.to_string(),
        revision: input.revision,
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
    /// The package revision, 1 or more (the manifest's `revision`).
    pub revision: u32,
    /// Who can open the package (the panel and the organizer).
    pub recipients: Vec<IndexRecipient>,
    /// The names of the entries after `index`, in order (as for [`SealInput`]).
    pub names: Vec<String>,
    /// Who each `material.<id>` entry is encrypted to.
    pub readers: Readers,
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

/// The size of an age v1 payload for `n` plaintext bytes: 64 KiB chunks, each with
/// a 16-byte tag, and at least one chunk (the age header and nonce come before).
fn age_payload_len(n: u64) -> u64 {
    const CHUNK: u64 = 64 * 1024;
    n + 16 * n.div_ceil(CHUNK).max(1)
}

/// How much ciphertext a worker gathers before writing it at its place in `out`
/// (one seek and one write per MiB).
const WRITE_BLOCK: usize = 1 << 20;
/// How much plaintext a worker reads at once.
const READ_BLOCK: usize = 1 << 20;

/// Where one entry's ciphertext goes: it hashes and counts what age writes, keeps
/// the header (written by `wrap_output` before the entry's place is known) and then
/// writes blocks at `offset + len` into the shared output.
struct EntrySink<'o, W> {
    out: &'o std::sync::Mutex<W>,
    /// Set once every entry's place is known, before any payload is written.
    offset: std::sync::Arc<std::sync::OnceLock<u64>>,
    /// How many bytes `wrap_output` wrote (the header and nonce), set after it.
    head: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// Bytes not yet written to `out`, from `written` on.
    buf: Vec<u8>,
    written: u64,
    sha: Sha256,
    len: u64,
    /// The index entry: kept in memory, never written by the sink.
    keep: bool,
}

impl<W: Write + Seek> EntrySink<'_, W> {
    fn write_out(&mut self) -> std::io::Result<()> {
        if self.keep || self.buf.is_empty() {
            return Ok(());
        }
        let at = *self.offset.get().ok_or_else(|| {
            std::io::Error::other("an entry's payload came before its place was known")
        })?;
        let mut out = self
            .out
            .lock()
            .map_err(|_| std::io::Error::other("another sealing worker failed"))?;
        out.seek(SeekFrom::Start(at + self.written))?;
        out.write_all(&self.buf)?;
        drop(out);
        self.written += self.buf.len() as u64;
        self.buf.clear();
        Ok(())
    }
}

impl<W: Write + Seek> Write for EntrySink<'_, W> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.sha.update(data);
        self.len += data.len() as u64;
        if self.offset.get().is_none() {
            // Still the header and nonce `wrap_output` writes.
            self.head
                .store(self.len, std::sync::atomic::Ordering::Release);
        }
        self.buf.extend_from_slice(data);
        if self.buf.len() >= WRITE_BLOCK {
            self.write_out()?;
        }
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// One entry on its way through [`seal_streaming`]: its age writer (header already
/// written) and where its ciphertext will lie.
struct Pending<'o, W> {
    writer: age::stream::StreamWriter<EntrySink<'o, W>>,
    offset: std::sync::Arc<std::sync::OnceLock<u64>>,
    stored: u64,
}

/// An age writer to `to` whose header is held in its sink until the place is known.
fn pending<'o, W: Write + Seek>(
    to: &[Recipient],
    plaintext: u64,
    out: &'o std::sync::Mutex<W>,
    keep: bool,
) -> Result<Pending<'o, W>, FormatError> {
    let encryptor = age::Encryptor::with_recipients(to.iter().map(|r| r as &dyn age::Recipient))
        .map_err(|e| FormatError::Unwritable(e.to_string()))?;
    let offset = std::sync::Arc::new(std::sync::OnceLock::new());
    let head = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let sink = EntrySink {
        out,
        offset: offset.clone(),
        head: head.clone(),
        buf: Vec::new(),
        written: 0,
        sha: Sha256::new(),
        len: 0,
        keep,
    };
    let writer = encryptor.wrap_output(sink)?;
    // `wrap_output` wrote the header and nonce; the sink counted them.
    let header = head.load(std::sync::atomic::Ordering::Acquire);
    Ok(Pending {
        writer,
        offset,
        stored: header + age_payload_len(plaintext),
    })
}

/// An entry's plaintext and stored size and SHA-256.
type EntryHashes = (ManifestEntry, ManifestEntry);

/// Encrypts one entry: plaintext from `source` (exactly `size` bytes, hashed on
/// the way), ciphertext through the entry's sink; returns the plaintext's and the
/// stored bytes' size and SHA-256.
fn encrypt_entry<W: Write + Seek>(
    name: &str,
    size: u64,
    source: &mut dyn Read,
    mut writer: age::stream::StreamWriter<EntrySink<'_, W>>,
    buf: &mut [u8],
) -> Result<EntryHashes, FormatError> {
    let mut sha = Sha256::new();
    let mut left = size + 1;
    let mut read = 0u64;
    while left > 0 {
        let want = left.min(buf.len() as u64) as usize;
        let n = match source.read(&mut buf[..want]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        sha.update(&buf[..n]);
        writer.write_all(&buf[..n])?;
        read += n as u64;
        left -= n as u64;
    }
    if read != size {
        return Err(FormatError::Unwritable(format!(
            "entry {name:?} has {read} bytes, {size} were expected"
        )));
    }
    let mut sink = writer.finish()?;
    sink.write_out()?;
    Ok((
        ManifestEntry {
            name: name.to_string(),
            size,
            sha256: sha.finalize().into(),
        },
        ManifestEntry {
            name: name.to_string(),
            size: sink.len,
            sha256: sink.sha.finalize().into(),
        },
    ))
}

/// Seals a package like [`seal`] without holding the entries in memory, on every
/// core, writing each byte of the package once. Every entry's age header is made
/// first, which fixes its stored size (age's payload size follows from the
/// plaintext size), and so the manifest's and the index's lengths and every
/// entry's offset; then the entries are encrypted in parallel — entry *i*'s
/// plaintext read from `open(i)` on a worker thread, hashed and encrypted, its
/// ciphertext hashed and written at its offset in `out` 4 MiB at a time; last the
/// index is signed and encrypted, the manifest signed, and the head written at the
/// start of `out` (which is left at the end of the package). Memory stays at a few
/// MiB per worker whatever the package size. `progress(done, total)` gets plaintext
/// bytes, `total` being the sum of `sizes`, the expected plaintext sizes (a source
/// that yields another size is `unwritable`). On error `out` holds a partial file:
/// the caller discards it.
pub fn seal_streaming<W: Write + Seek + Send>(
    input: &StreamSealInput<'_>,
    organizer: &Signer,
    sizes: &[u64],
    open: &(dyn Fn(usize) -> std::io::Result<Box<dyn Read>> + Sync),
    out: W,
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
    let at = resolve_readers(&input.recipients, &input.names, &input.readers)?;
    let recipients: Vec<Recipient> = input.recipients.iter().map(|r| r.age.clone()).collect();
    let fingerprint = organizer.fingerprint();
    let out = std::sync::Mutex::new(out);

    // 1. Every header, and so every length. The signed index and manifest have the
    //    same length whatever their hashes (fixed-width hex, a fixed-size signature).
    let index_probe = Index::body_of(
        input.package,
        input.round,
        &input.recipients,
        &input
            .names
            .iter()
            .zip(sizes)
            .map(|(name, &size)| ManifestEntry {
                name: name.clone(),
                size,
                sha256: [0; 32],
            })
            .collect::<Vec<_>>(),
        &at,
        &fingerprint,
    )?;
    let index_len = organizer
        .sign_text(Namespace::PackageIndex, index_probe.as_bytes())?
        .len() as u64;
    let index = pending(&recipients, index_len, &out, true)?;
    let mut entries = Vec::with_capacity(input.names.len());
    for (i, at) in at.iter().enumerate() {
        let to: Vec<Recipient> = at.iter().map(|&r| recipients[r].clone()).collect();
        entries.push(pending(&to, sizes[i], &out, false)?);
    }
    let manifest_probe = Manifest {
        package: input.package,
        round: input.round.to_string(),
        revision: input.revision,
        organizer: fingerprint.clone(),
        entries: std::iter::once(("index", index.stored))
            .chain(
                input
                    .names
                    .iter()
                    .map(String::as_str)
                    .zip(entries.iter().map(|p| p.stored)),
            )
            .map(|(name, size)| ManifestEntry {
                name: name.to_string(),
                size,
                sha256: [0; 32],
            })
            .collect(),
    };
    let manifest_len = organizer
        .sign_text(Namespace::PackageManifest, manifest_probe.body().as_bytes())?
        .len() as u64;
    let start = LAYOUT.head_len() + manifest_len + index.stored;
    let mut offset = start;
    for p in &entries {
        // A fresh cell, set once: cannot fail.
        let _ = p.offset.set(offset);
        offset += p.stored;
    }
    let end = offset;

    // 2. The entries, on every core; the caller's thread reports progress.
    let total: u64 = sizes.iter().sum();
    let queue: std::sync::Mutex<Vec<(usize, Pending<'_, W>)>> =
        std::sync::Mutex::new(entries.into_iter().enumerate().rev().collect());
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(input.names.len());
    let failed = std::sync::atomic::AtomicBool::new(false);
    let (tx, rx) = std::sync::mpsc::channel::<u64>();
    let mut results: Vec<(usize, Result<EntryHashes, FormatError>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let (queue, failed, tx) = (&queue, &failed, tx.clone());
                s.spawn(move || {
                    let mut done = Vec::new();
                    let mut buf = vec![0u8; READ_BLOCK];
                    while !failed.load(std::sync::atomic::Ordering::Relaxed) {
                        let next = match queue.lock() {
                            Ok(mut q) => q.pop(),
                            Err(_) => None,
                        };
                        let Some((i, p)) = next else { break };
                        let r = open(i).map_err(FormatError::from).and_then(|mut source| {
                            encrypt_entry(
                                &input.names[i],
                                sizes[i],
                                &mut source,
                                p.writer,
                                &mut buf,
                            )
                        });
                        if r.is_err() {
                            failed.store(true, std::sync::atomic::Ordering::Relaxed);
                        }
                        let _ = tx.send(sizes[i]);
                        done.push((i, r));
                    }
                    done
                })
            })
            .collect();
        drop(tx);
        let mut sent = 0u64;
        for n in rx {
            sent += n;
            progress(sent.min(total), total);
        }
        handles
            .into_iter()
            .flat_map(|h| {
                h.join().unwrap_or_else(|_| {
                    vec![(
                        0,
                        Err(FormatError::Unwritable("a sealing worker panicked".into())),
                    )]
                })
            })
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    if let Some(pos) = results.iter().position(|(_, r)| r.is_err()) {
        let (_, r) = results.swap_remove(pos);
        return Err(r
            .err()
            .unwrap_or_else(|| FormatError::Unwritable("sealing failed".into())));
    }
    if results.len() != input.names.len() {
        return Err(FormatError::Unwritable("an entry was not sealed".into()));
    }
    let (mut plain, mut stored) = (Vec::new(), Vec::new());
    for ((_, r), p) in results
        .into_iter()
        .zip(manifest_probe.entries.iter().skip(1))
    {
        let (pl, st) = r?;
        if st.size != p.size {
            return Err(FormatError::Unwritable(format!(
                "entry {:?}: {} bytes stored, {} foreseen",
                st.name, st.size, p.size
            )));
        }
        plain.push(pl);
        stored.push(st);
    }

    // 3. The index, the manifest and the head, at the start of the file.
    let body = Index::body_of(
        input.package,
        input.round,
        &input.recipients,
        &plain,
        &at,
        &fingerprint,
    )?;
    let signed_index = organizer.sign_text(Namespace::PackageIndex, body.as_bytes())?;
    let mut writer = index.writer;
    writer.write_all(&signed_index)?;
    let sink = writer.finish()?;
    let index_stored = ManifestEntry {
        name: "index".into(),
        size: sink.len,
        sha256: sink.sha.finalize().into(),
    };
    let mut manifest = manifest_probe;
    manifest.entries = std::iter::once(index_stored).chain(stored).collect();
    let signed = organizer.sign_text(Namespace::PackageManifest, manifest.body().as_bytes())?;
    let mut head = Vec::with_capacity(start as usize);
    LAYOUT.write_head(&mut head, &signed)?;
    head.extend_from_slice(&sink.buf);
    if head.len() as u64 != start || signed_index.len() as u64 != index_len {
        return Err(FormatError::Unwritable(format!(
            "the head is {} bytes, {start} were foreseen",
            head.len()
        )));
    }
    let mut out = out
        .into_inner()
        .map_err(|_| FormatError::Unwritable("a sealing worker failed".into()))?;
    out.seek(SeekFrom::Start(0))?;
    out.write_all(&head)?;
    out.seek(SeekFrom::Start(end))?;
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
        index.check_reader(name, identities)?;
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
        index.check_stanzas(name, age_file::check_header(name, &head)?)?;
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
        index.check_reader(name, identities)?;
        let (at, size, head) = self.hash_entry(name)?;
        index.check_stanzas(name, age_file::check_header(name, &head)?)?;
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
        index.check_stanzas("index", age_file::check_header("index", &c)?)?;
        Ok((index, plain))
    }

    /// Decrypts one entry and checks its plaintext against the index: "a decrypted
    /// entry must have the listed size and hash (`hash_mismatch`)"; its age header
    /// must have exactly as many `X25519` stanzas as it has readers
    /// (`index_mismatch`). An entry the index does not seal to any of `identities`
    /// is `not_a_recipient` without being read.
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
        index.check_reader(name, identities)?;
        let c = self.entry_ciphertext(name)?;
        index.check_stanzas(name, age_file::check_header(name, &c)?)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, role: Role, seed: u8) -> IndexRecipient {
        IndexRecipient {
            person: id.into(),
            role,
            fingerprint: Signer::from_ed25519_seed(&[seed; 32]).fingerprint(),
            age: Identity::generate().to_public(),
        }
    }

    fn entry(name: &str, size: u64) -> ManifestEntry {
        ManifestEntry {
            name: name.into(),
            size,
            sha256: [size as u8; 32],
        }
    }

    #[test]
    fn the_optional_entries_come_after_round_in_their_order() {
        let check = |names: &[&str]| match check_entry_order(names.iter().copied(), true, 5) {
            Ok(()) => "ok".to_string(),
            Err(e) => format!("{} {}", e.code().as_str(), e),
        };
        let all = [
            "index",
            "round",
            "template",
            "family",
            "decisions",
            "calendar",
            "card.E01",
            "material.M01",
        ];
        assert_eq!(check(&all), "ok");
        assert_eq!(check(&["index", "round", "decisions", "card.E01"]), "ok");
        assert_eq!(check(&["index", "round", "template", "decisions"]), "ok");
        assert_eq!(
            check(&["index", "round", "decisions", "calendar", "card.E01"]),
            "ok"
        );
        assert_eq!(check(&["index", "round", "calendar"]), "ok");
        for bad in [
            &["index", "round", "calendar", "decisions"][..],
            &["index", "round", "decisions", "card.E01", "calendar"],
            &["index", "round", "calendar", "calendar"],
            &["index", "round", "decisions", "template", "card.E01"][..],
            &["index", "round", "decisions", "family"],
            &["index", "round", "decisions", "decisions"],
            &["index", "round", "card.E01", "decisions"],
            &["index", "decisions", "round"],
        ] {
            let got = check(bad);
            assert!(got.starts_with("malformed"), "{bad:?}: {got}");
            assert!(got.contains("decisions?"), "{got}");
        }
    }

    /// The manifest's `revision` (issue 17, item 3): written after `round`, read
    /// back, and refused when missing, zero, not canonical or over u32.
    #[test]
    fn the_manifest_revision_is_strict() {
        let org = Signer::from_ed25519_seed(&[1; 32]);
        let manifest = Manifest {
            package: PackageId([7; 16]),
            round: "gd-pool-2026-01".into(),
            revision: 7,
            organizer: org.fingerprint(),
            entries: vec![entry("index", 9), entry("round", 5)],
        };
        let body = manifest.body();
        assert!(body.contains("\nround: gd-pool-2026-01\nrevision: 7\norganizer: "));
        let parsed = Manifest::parse(body.as_bytes(), org.public_key()).expect("parses");
        assert_eq!(parsed.revision, 7);
        for (bad, code) in [
            ("revision: 0\n", "malformed"),
            ("revision: 07\n", "malformed"),
            ("revision: -1\n", "malformed"),
            ("revision: 4294967296\n", "too_large"),
            ("", "malformed"),
        ] {
            let b = body.replace("revision: 7\n", bad);
            let got = Manifest::parse(b.as_bytes(), org.public_key())
                .map(|_| ())
                .unwrap_err();
            assert_eq!(got.code().to_string(), code, "{bad:?}: {got}");
        }
        let max = body.replace("revision: 7\n", "revision: 4294967295\n");
        let parsed = Manifest::parse(max.as_bytes(), org.public_key()).expect("u32::MAX");
        assert_eq!(parsed.revision, u32::MAX);
    }

    /// The test vector of `docs/formats.md` ("Sealed package", `readers`).
    #[test]
    fn readers_lines_are_strict() {
        let org = Signer::from_ed25519_seed(&[1; 32]);
        let roster = vec![
            person("ORG", Role::Organizer, 1),
            person("C01", Role::Chair, 3),
            person("E01", Role::Expert, 2),
            person("E02", Role::Expert, 4),
        ];
        let entries = vec![
            entry("round", 5),
            entry("card.ORG", 4),
            entry("card.C01", 4),
            entry("card.E01", 4),
            entry("card.E02", 4),
            entry("material.M01", 3),
            entry("material.M02", 2),
        ];
        let names: Vec<String> = entries.iter().map(|e| e.name.clone()).collect();
        let readers: Readers = [
            (
                "material.M01".to_string(),
                vec!["E01".to_string(), "ORG".to_string()],
            ),
            ("material.M02".to_string(), vec!["ORG".to_string()]),
        ]
        .into();
        let at = resolve_readers(&roster, &names, &readers).expect("readers");
        let everyone = vec![0, 1, 2, 3];
        assert_eq!(at[..5], vec![everyone; 5]);
        assert_eq!(at[5..], [vec![0, 2], vec![0]]);
        let body = Index::body_of(
            PackageId([7; 16]),
            "gd-pool-2026-01",
            &roster,
            &entries,
            &at,
            &org.fingerprint(),
        )
        .expect("body");
        let tail = body.split_once("entries: 7\n").expect("entries").1;
        let lines: Vec<&str> = tail.lines().collect();
        assert_eq!(lines.len(), 9);
        assert!(lines[0].starts_with("entry: round 5 0505"));
        assert!(lines[6].starts_with("entry: material.M02 2 0202"));
        assert_eq!(lines[7], "readers: material.M01 ORG E01");
        assert_eq!(lines[8], "readers: material.M02 ORG");

        let manifest = Manifest {
            package: PackageId([7; 16]),
            round: "gd-pool-2026-01".into(),
            revision: 1,
            organizer: org.fingerprint(),
            entries: std::iter::once(entry("index", 9))
                .chain(entries.iter().cloned())
                .collect(),
        };
        let parse = |b: &str| Index::parse(b.as_bytes(), org.public_key(), &manifest);
        let index = parse(&body).expect("parse");
        assert_eq!(index.readers.len(), 2);
        assert_eq!(
            index
                .readers_of("material.M01")
                .iter()
                .map(|r| r.person.as_str())
                .collect::<Vec<_>>(),
            ["ORG", "E01"]
        );
        assert_eq!(index.stanzas_of("material.M02"), 1);
        assert_eq!(index.stanzas_of("round"), 4);
        assert_eq!(index.stanzas_of("index"), 4);

        let line = body
            .lines()
            .position(|l| l.starts_with("readers: "))
            .expect("line")
            + 1;
        let first = "readers: material.M01 ORG E01\n";
        for bad in [
            "readers: material.M01 ORG  E01\n",
            "readers: material.M01 ORG E01 \n",
            "readers: material.M01 E01 ORG\n",
            "readers: material.M01 ORG E09\n",
            "readers: material.M01 ORG E01 E01\n",
            "readers: material.M01 E01\n",
            "readers: material.M01\n",
            "readers: material.M02 ORG\n",
            "readers: round ORG\n",
            "reader: material.M01 ORG E01\n",
        ] {
            match parse(&body.replacen(first, bad, 1)) {
                Err(FormatError::Malformed { line: l, .. }) => assert_eq!(l, line, "{bad}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
        // A missing line, a third one.
        for (text, at) in [
            (body.replacen(first, "", 1), line),
            (body.clone() + "readers: material.M02 ORG\n", line + 2),
        ] {
            match parse(&text) {
                Err(FormatError::Malformed { line: l, .. }) => assert_eq!(l, at, "{text}"),
                other => panic!("{text}: {other:?}"),
            }
        }
        // The writer refuses a line over 1,024 bytes.
        let long: Vec<IndexRecipient> = (0..30u8)
            .map(|i| {
                let role = if i == 0 {
                    Role::Organizer
                } else {
                    Role::Expert
                };
                person(&format!("{i:0>48}"), role, i + 10)
            })
            .collect();
        let all: Readers = [(
            "material.M01".to_string(),
            long.iter().map(|r| r.person.clone()).collect(),
        )]
        .into();
        let names = vec!["material.M01".to_string()];
        let at = resolve_readers(&long, &names, &all).expect("readers");
        assert!(matches!(
            readers_lines(&long, &names, &at),
            Err(FormatError::Unwritable(_))
        ));
    }

    #[test]
    fn age_payload_sizes_follow_the_chunks() {
        let id = Identity::generate();
        for n in [1usize, 65_535, 65_536, 65_537, 131_072, 200_000] {
            let plain = vec![7u8; n];
            let c = age_file::encrypt(&plain, &[id.to_public()]).expect("encrypt");
            // The header ends at the `---` line; then a 16-byte nonce.
            let head = c.windows(4).position(|w| w == b"--- ").expect("mac line");
            let end = head + c[head..].iter().position(|&b| b == b'\n').expect("lf") + 1;
            assert_eq!(
                (c.len() - end - 16) as u64,
                age_payload_len(n as u64),
                "{n}"
            );
        }
    }
}
