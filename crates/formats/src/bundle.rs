//! The result bundle (`reviewdesk-bundle/1`): the chair's result — the package's
//! signed manifest and index, its round and template, every sheet used, the merge
//! input and output, the opinions and the draw — in the package's container layout
//! with a manifest signed by the chair, the whole encrypted to the organizer and
//! the chair.
//!
//! This crate checks the chain of signatures and bindings; what the JSON entries
//! say (and whether the output is what the rules engine computes from the input)
//! is checked by `reviewdesk-desk`.

use std::io::{Cursor, Read};

use crate::age_file::{self, Identity, Recipient};
use crate::container::{
    entry_lines, sha256, write_entry_lines, Layout, ManifestEntry, MAX_ENTRIES,
};
use crate::family::Family;
use crate::keycard::Role;
use crate::package::{Index, IndexRecipient, Manifest, PackageId};
use crate::sheet::{PackageBinding, Sheet};
use crate::signature::{verify_signed_text, Fingerprint, Namespace, PublicKey, Signer, Trusted};
use crate::text::{hex, is_id, Lines};
use crate::FormatError;

/// "`reviewdesk-bundle/1` + LF" (20 bytes): the container's first line.
pub const BUNDLE_FORMAT_LINE: &str = "reviewdesk-bundle/1";
const MANIFEST_FORMAT_LINE: &str = "reviewdesk-bundle-manifest/1";
/// "each entry at most 16,777,216 bytes"
pub const MAX_BUNDLE_ENTRY: u64 = 16_777_216;
/// "the container (the age file's plaintext) is at most 50,331,648 bytes" (48 MiB:
/// with the plaintext held whole, a reader's peak memory stays under 64 MB; a round
/// of 5,000 applicants makes a bundle of a few MiB).
pub const MAX_BUNDLE: u64 = 50_331_648;
/// The largest bundle file (age file of at most [`MAX_BUNDLE`] bytes), 50,409,504
/// bytes; a reader refuses a larger one before reading it (`too_large`).
pub const MAX_BUNDLE_FILE: u64 = age_file::max_age_file(MAX_BUNDLE);
const LAYOUT: Layout = Layout {
    format_line: BUNDLE_FORMAT_LINE,
};

/// The entries before the sheets, in order.
pub const BUNDLE_HEAD_ENTRIES: [&str; 4] =
    ["package-manifest", "package-index", "round", "template"];
/// The entries after the sheets, in order.
pub const BUNDLE_TAIL_ENTRIES: [&str; 4] = ["merge-input", "merge-output", "opinions", "draw"];
/// The package's `family` entry, after `template`, when the package has one.
pub const BUNDLE_FAMILY_ENTRY: &str = "family";
/// The package's `decisions` entry (the organizer's decisions), after `template`
/// and `family`, when the package has one.
pub const BUNDLE_DECISIONS_ENTRY: &str = "decisions";
/// The package's `calendar` entry (the round's working-day calendar), after
/// `decisions`, when the package has one.
pub const BUNDLE_CALENDAR_ENTRY: &str = "calendar";
/// The chair's audit log, the last entry, when the chair's desk kept one.
pub const BUNDLE_AUDIT_ENTRY: &str = "audit";

/// A verified, parsed bundle manifest.
#[derive(Debug, Clone)]
pub struct BundleManifest {
    /// The package id.
    pub package: PackageId,
    /// SHA-256 of the package's signed manifest: what the bundle (and every sheet
    /// in it) is bound to.
    pub manifest_sha256: [u8; 32],
    /// The round's id.
    pub round: String,
    /// The chair's fingerprint (the key that signed).
    pub chair: Fingerprint,
    /// The entries, in container order.
    pub entries: Vec<ManifestEntry>,
}

/// "The first four entries are `package-manifest`, `package-index`, `round`,
/// `template`; then `family` when the package has one; then `decisions` when the
/// package has one; then `calendar` when the package has one; then one `sheet.<expert id>` or more, by expert id ascending
/// (byte-wise); then `merge-input`, `merge-output`, `opinions`, `draw`; then
/// optionally `audit` (a missing, unexpected or misplaced name → `malformed`)."
fn check_order(names: &[&str], first_line: usize) -> Result<(), FormatError> {
    const ALLOWED: &str = "package-manifest, package-index, round, template, family?, decisions?, calendar?, sheet.ID…, merge-input, merge-output, opinions, draw, audit?";
    let mut h = BUNDLE_HEAD_ENTRIES.len();
    for optional in [
        BUNDLE_FAMILY_ENTRY,
        BUNDLE_DECISIONS_ENTRY,
        BUNDLE_CALENDAR_ENTRY,
    ] {
        h += usize::from(names.get(h) == Some(&optional));
    }
    let t = BUNDLE_TAIL_ENTRIES.len() + usize::from(names.last() == Some(&BUNDLE_AUDIT_ENTRY));
    let n = names.len();
    if n < h + 1 + t {
        return Err(FormatError::malformed(
            first_line.saturating_sub(1),
            format!("a bundle has the entries {ALLOWED}, with at least one sheet"),
        ));
    }
    let bad = |i: usize, why: String| {
        FormatError::malformed(
            first_line + i,
            format!("entry `{}`: {why} ({ALLOWED})", names[i]),
        )
    };
    for (i, want) in BUNDLE_HEAD_ENTRIES.iter().enumerate() {
        if names[i] != *want {
            return Err(bad(i, format!("expected `{want}`")));
        }
    }
    let mut previous: Option<&str> = None;
    for (i, name) in names.iter().enumerate().take(n - t).skip(h) {
        let id = name
            .strip_prefix("sheet.")
            .filter(|id| is_id(id))
            .ok_or_else(|| bad(i, "expected `sheet.<expert id>`".into()))?;
        if previous.is_some_and(|p| p >= id) {
            return Err(bad(i, "sheets are listed by expert id, ascending".into()));
        }
        previous = Some(id);
    }
    for (k, want) in BUNDLE_TAIL_ENTRIES.iter().enumerate() {
        let i = n - t + k;
        if names[i] != *want {
            return Err(bad(i, format!("expected `{want}`")));
        }
    }
    Ok(())
}

impl BundleManifest {
    fn body(&self) -> String {
        let mut s = format!(
            "{MANIFEST_FORMAT_LINE}\npackage: {}\nmanifest: {}\nround: {}\nchair: {}\nentries: {}\n",
            self.package,
            hex(&self.manifest_sha256),
            self.round,
            self.chair,
            self.entries.len()
        );
        write_entry_lines(&mut s, &self.entries);
        s
    }

    /// Parses a manifest body whose signature has been verified; `chair` must be
    /// the key that signed (`signer_mismatch`).
    fn parse(body: &[u8], signer: &PublicKey) -> Result<Self, FormatError> {
        let mut lines = Lines::new(body, MANIFEST_FORMAT_LINE)?;
        let v = lines.value("package")?;
        let package =
            PackageId::parse(v).ok_or_else(|| lines.error("package: 32 lowercase hex digits"))?;
        let v = lines.value("manifest")?;
        let manifest_sha256 = lines.sha256(v)?;
        let round = lines.value("round")?;
        if !is_id(round) {
            return Err(lines.error("round: 1-48 of A-Z a-z 0-9 _ -"));
        }
        let chair = lines.value("chair")?;
        let signed = Fingerprint::of(signer);
        if chair != signed.as_str() {
            return Err(FormatError::SignerMismatch {
                named: chair.chars().take(64).collect(),
                signed: signed.to_string(),
            });
        }
        let first = lines.line_number() + 2;
        let entries = entry_lines(&mut lines, "entries", MAX_BUNDLE_ENTRY)?;
        lines.finish()?;
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        check_order(&names, first)?;
        Ok(Self {
            package,
            manifest_sha256,
            round: round.to_string(),
            chair: signed,
            entries,
        })
    }
}

/// What the chair's desk puts in a bundle. Every part is as the bundle stores it;
/// the sheets' entry names come from the sheets themselves.
#[derive(Debug, Clone)]
pub struct BundleContent<'a> {
    /// The package's `L` signed-manifest bytes.
    pub package_manifest: &'a [u8],
    /// The package index's signed plaintext.
    pub package_index: &'a [u8],
    /// The package's `round` plaintext.
    pub round: &'a [u8],
    /// The package's `template` plaintext.
    pub template: &'a [u8],
    /// Each sheet's signed plaintext, one per expert, in any order.
    pub sheets: Vec<&'a [u8]>,
    /// The merge input, JSON.
    pub merge_input: &'a [u8],
    /// The merge output, JSON.
    pub merge_output: &'a [u8],
    /// The opinions, JSON.
    pub opinions: &'a [u8],
    /// The site-visit draw, JSON.
    pub draw: &'a [u8],
    /// The package's `family` plaintext, when its index lists one (required then).
    pub family: Option<&'a [u8]>,
    /// The package's `decisions` plaintext, when its index lists one (required then).
    pub decisions: Option<&'a [u8]>,
    /// The package's `calendar` plaintext, when its index lists one (required then).
    pub calendar: Option<&'a [u8]>,
    /// The chair's audit log, one JSON object per line, when kept.
    pub audit: Option<&'a [u8]>,
}

/// A result bundle whose whole chain has been checked.
#[derive(Debug, Clone)]
pub struct OpenedBundle {
    /// The verified bundle manifest.
    pub manifest: BundleManifest,
    /// The `L` signed bundle-manifest bytes, as stored.
    pub signed_manifest: Vec<u8>,
    /// The key that signed the bundle manifest: the package's chair.
    pub chair_key: PublicKey,
    /// The chair, as the package index lists them.
    pub chair: IndexRecipient,
    /// The package's verified manifest.
    pub package: Manifest,
    /// The key that signed the package manifest and index.
    pub organizer_key: PublicKey,
    /// The package's verified index (the roster).
    pub index: Index,
    /// What the sheets are bound to.
    pub binding: PackageBinding,
    /// The verified sheets, by expert id.
    pub sheets: Vec<Sheet>,
    /// How many `X25519` stanzas the bundle file's age header has (0 when a bare
    /// container was opened).
    pub recipient_count: usize,
    container: Vec<u8>,
    offsets: Vec<u64>,
}

fn index_entry<'a>(index: &'a Index, name: &str) -> Result<&'a ManifestEntry, FormatError> {
    index
        .entries
        .iter()
        .find(|e| e.name == name)
        .ok_or_else(|| {
            FormatError::IndexMismatch(format!(
                "the package index lists no `{name}`: a bundle needs the package's {name}"
            ))
        })
}

/// A package entry the bundle carries is the one the index lists: its plaintext
/// size and SHA-256 (`hash_mismatch`).
fn check_package_entry(index: &Index, name: &str, bytes: &[u8]) -> Result<(), FormatError> {
    let listed = index_entry(index, name)?;
    if bytes.len() as u64 != listed.size {
        return Err(FormatError::HashMismatch {
            name: name.into(),
            what: "size",
        });
    }
    if sha256(bytes) != listed.sha256 {
        return Err(FormatError::HashMismatch {
            name: name.into(),
            what: "SHA-256",
        });
    }
    Ok(())
}

/// Reads `n` more plaintext bytes onto `out` (fewer: `truncated`, naming `what`).
fn read_more(
    plain: &mut impl Read,
    out: &mut Vec<u8>,
    n: u64,
    what: &str,
) -> Result<(), FormatError> {
    let got = plain
        .take(n)
        .read_to_end(out)
        .map_err(|e| age_file::read_failed("bundle", e))?;
    if (got as u64) < n {
        return Err(FormatError::Truncated { what: what.into() });
    }
    Ok(())
}

/// Reads a bundle's container from its decrypting stream, holding only what has
/// been trusted so far: the head and the signed manifest (verified, any key: its
/// entries' sizes give the container's length, at most [`MAX_BUNDLE`]); then the
/// first entry, the package's manifest, checked against its hash and signed by
/// `organizer` — only then the rest, exactly as long as the manifest says
/// (`truncated`, `trailing_data`). A file not from `organizer`'s round is refused
/// having cost at most the manifest and one entry. Everything is checked again,
/// in full, by [`OpenedBundle::open_container`].
fn read_trusted_container(
    plain: &mut impl Read,
    organizer: Trusted<'_>,
) -> Result<Vec<u8>, FormatError> {
    let head_len = LAYOUT.head_len();
    let mut container = Vec::new();
    plain
        .take(head_len)
        .read_to_end(&mut container)
        .map_err(|e| age_file::read_failed("bundle", e))?;
    let l = LAYOUT.manifest_len(&container)?;
    read_more(plain, &mut container, l, "the signed manifest")?;
    let signed = &container[head_len as usize..];
    let verified = verify_signed_text(signed, Namespace::BundleManifest, Trusted::AnyKey)?;
    let manifest = BundleManifest::parse(verified.body, &verified.signer)?;
    let total = head_len + l + manifest.entries.iter().map(|e| e.size).sum::<u64>();
    if total > MAX_BUNDLE {
        return Err(FormatError::TooLarge {
            what: "the bundle's plaintext".into(),
            found: total,
            limit: MAX_BUNDLE,
        });
    }
    // The order check puts the package's manifest first.
    let pm = &manifest.entries[0];
    read_more(plain, &mut container, pm.size, "the entries")?;
    let bytes = &container[(head_len + l) as usize..];
    if sha256(bytes) != pm.sha256 {
        return Err(FormatError::HashMismatch {
            name: pm.name.clone(),
            what: "SHA-256",
        });
    }
    verify_signed_text(bytes, Namespace::PackageManifest, organizer)
        .map_err(FormatError::in_entry("package-manifest"))?;
    let rest = total - container.len() as u64;
    container.reserve_exact(rest as usize);
    read_more(plain, &mut container, rest, "the entries")?;
    let mut one = [0u8; 1];
    if plain
        .read(&mut one)
        .map_err(|e| age_file::read_failed("bundle", e))?
        > 0
    {
        return Err(FormatError::TrailingData {
            what: "the last entry".into(),
        });
    }
    Ok(container)
}

impl OpenedBundle {
    /// Opens a bundle file's bytes: as [`open_from`](Self::open_from) reading them.
    pub fn open(
        file: &[u8],
        identities: &[Identity],
        organizer: Trusted<'_>,
    ) -> Result<Self, FormatError> {
        Self::open_from(file.len() as u64, file, identities, organizer)
    }

    /// Opens a bundle file of `size` bytes read from `file` as a stream, so only
    /// the plaintext is ever held in memory (never the file as well): refuses a
    /// `size` over [`MAX_BUNDLE_FILE`] before reading anything (`too_large`);
    /// checks the age header in the first 64 KiB; decrypts with `identities`,
    /// holding only what is trusted so far (the signed manifest, then the package's
    /// manifest signed by `organizer`, then the rest: at most [`MAX_BUNDLE`]
    /// bytes); then reads the container as [`open_container`](Self::open_container)
    /// does, and finally checks that the file is encrypted to exactly the package's
    /// organizer and chair — as many `X25519` stanzas as the index has recipients
    /// with those roles (`index_mismatch`).
    pub fn open_from<R: Read>(
        size: u64,
        mut file: R,
        identities: &[Identity],
        organizer: Trusted<'_>,
    ) -> Result<Self, FormatError> {
        if size > MAX_BUNDLE_FILE {
            return Err(FormatError::TooLarge {
                what: "the bundle file".into(),
                found: size,
                limit: MAX_BUNDLE_FILE,
            });
        }
        let head = age_file::read_head("bundle", &mut file)?;
        let x = age_file::check_header("bundle", &head)?;
        let mut plain = age_file::open_reader(
            "bundle",
            Cursor::new(head.as_slice()).chain(file),
            identities,
        )?;
        let mut bundle = Self::open_container_from(&mut plain, organizer)?;
        let want = bundle
            .index
            .recipients
            .iter()
            .filter(|r| matches!(r.role, Role::Organizer | Role::Chair))
            .count();
        if x != want {
            return Err(FormatError::IndexMismatch(format!(
                "the bundle has {x} X25519 stanzas; the package has {want} organizer and chair recipients"
            )));
        }
        bundle.recipient_count = x;
        Ok(bundle)
    }

    /// Reads a container from a stream as [`open_from`](Self::open_from) reads the
    /// decrypted one — holding only what is trusted so far: the signed manifest,
    /// then the package's manifest by `organizer`, then the rest — and then opens
    /// it as [`open_container`](Self::open_container) does. Accepts exactly what
    /// `open_container` accepts.
    pub fn open_container_from<R: Read>(
        mut plain: R,
        organizer: Trusted<'_>,
    ) -> Result<Self, FormatError> {
        let container = read_trusted_container(&mut plain, organizer)?;
        Self::open_container(container, organizer)
    }

    /// Reads a bundle's plaintext container, in this order, parsing nothing that
    /// has not been verified: the format line and `L`; the bundle manifest's
    /// signature (namespace `reviewdesk-bundle-manifest@v1`, any key: who the chair
    /// is comes from the package index below) and its `chair` line
    /// (`signer_mismatch`); the container's length; every entry's SHA-256; the
    /// package manifest's signature against `organizer` and its hash against
    /// `manifest`, its package id and round against the bundle's (`not_bound`); the
    /// index, signed by the same organizer key (`signer_mismatch`) and agreeing with
    /// the package manifest; the signer of the bundle is the index's recipient with
    /// role chair (`unknown_signer`); `round` and `template` are the package's (the
    /// index's plaintext size and SHA-256, `hash_mismatch`); every sheet verifies
    /// against the roster, bound to this package (`not_bound`), and is the sheet
    /// of the expert its entry names (`signer_mismatch`). Errors inside an entry
    /// name the entry ([`FormatError::Entry`]).
    pub fn open_container(container: Vec<u8>, organizer: Trusted<'_>) -> Result<Self, FormatError> {
        let mut reader = Cursor::new(container.as_slice());
        let (signed, len) = LAYOUT.read_manifest(&mut reader)?;
        let verified = verify_signed_text(&signed, Namespace::BundleManifest, Trusted::AnyKey)?;
        let manifest = BundleManifest::parse(verified.body, &verified.signer)?;
        let chair_key = verified.signer.clone();
        let offsets = LAYOUT.offsets(signed.len() as u64, &manifest.entries, len)?;
        // The container is in memory (its length checked against the entries'
        // sizes by `offsets`): each entry is hashed where it lies, not copied.
        for (e, &at) in manifest.entries.iter().zip(&offsets) {
            let bytes = &container[at as usize..(at + e.size) as usize];
            if sha256(bytes) != e.sha256 {
                return Err(FormatError::HashMismatch {
                    name: e.name.clone(),
                    what: "SHA-256",
                });
            }
        }
        let entry = |name: &str| -> &[u8] {
            let i = manifest
                .entries
                .iter()
                .position(|e| e.name == name)
                .expect("the order check guarantees every fixed entry");
            let at = offsets[i] as usize;
            &container[at..at + manifest.entries[i].size as usize]
        };

        // The package manifest: the organizer's signature, then the binding.
        let pm = entry("package-manifest");
        let in_pm = FormatError::in_entry("package-manifest");
        let v = verify_signed_text(pm, Namespace::PackageManifest, organizer).map_err(in_pm)?;
        let package = Manifest::parse(v.body, &v.signer)
            .map_err(FormatError::in_entry("package-manifest"))?;
        let organizer_key = v.signer.clone();
        let pm_sha = sha256(pm);
        if pm_sha != manifest.manifest_sha256 {
            return Err(FormatError::NotBound {
                expected: hex(&manifest.manifest_sha256),
                found: hex(&pm_sha),
            });
        }
        if package.package != manifest.package || package.round != manifest.round {
            return Err(FormatError::NotBound {
                expected: format!("package {} round {}", manifest.package, manifest.round),
                found: format!("package {} round {}", package.package, package.round),
            });
        }

        // The index: the same organizer key, agreeing with the package manifest.
        let pi = entry("package-index");
        let keys = std::slice::from_ref(&organizer_key);
        let v = verify_signed_text(pi, Namespace::PackageIndex, Trusted::Keys(keys))
            .map_err(|e| match e {
                FormatError::UnknownSigner { fingerprint } => FormatError::SignerMismatch {
                    named: package.organizer.to_string(),
                    signed: fingerprint,
                },
                other => other,
            })
            .map_err(FormatError::in_entry("package-index"))?;
        let index = Index::parse(v.body, &v.signer, &package)
            .map_err(FormatError::in_entry("package-index"))?;

        // The chair: the one the package names.
        let chair = index
            .recipients
            .iter()
            .find(|r| r.role == Role::Chair && r.fingerprint == manifest.chair)
            .cloned()
            .ok_or_else(|| FormatError::UnknownSigner {
                fingerprint: format!("{} (not the package's chair)", manifest.chair),
            })?;

        // The round and template the package carried.
        for name in ["round", "template"] {
            check_package_entry(&index, name, entry(name))?;
        }

        // The family and the organizer's decisions, when the package has them:
        // the package's, like the round.
        let carried = |name: &str| -> Result<bool, FormatError> {
            match (
                index.entries.iter().any(|e| e.name == name),
                manifest.entries.iter().any(|e| e.name == name),
            ) {
                (false, false) => Ok(false),
                (true, true) => check_package_entry(&index, name, entry(name)).map(|()| true),
                (listed, _) => Err(FormatError::IndexMismatch(if listed {
                    format!("the package has a `{name}` entry and the bundle does not carry it")
                } else {
                    format!("the bundle carries a `{name}` entry the package index does not list")
                })),
            }
        };
        let family = if carried(BUNDLE_FAMILY_ENTRY)? {
            Family::parse(entry(BUNDLE_FAMILY_ENTRY))
                .map_err(FormatError::in_entry(BUNDLE_FAMILY_ENTRY))?
                .members
        } else {
            Vec::new()
        };
        carried(BUNDLE_DECISIONS_ENTRY)?;
        carried(BUNDLE_CALENDAR_ENTRY)?;

        // Every sheet, against the roster and bound to this package or one of its
        // family.
        let binding = PackageBinding {
            package: package.package,
            manifest_sha256: pm_sha,
            round: package.round.clone(),
            roster: index.recipients.clone(),
            family,
        };
        let mut sheets = Vec::new();
        for (e, &at) in manifest.entries.iter().zip(&offsets) {
            let Some(expert) = e.name.strip_prefix("sheet.") else {
                continue;
            };
            let bytes = &container[at as usize..(at + e.size) as usize];
            let sheet =
                Sheet::verify(bytes, &binding).map_err(FormatError::in_entry(e.name.clone()))?;
            if sheet.expert != expert {
                return Err(FormatError::in_entry(e.name.clone())(
                    FormatError::SignerMismatch {
                        named: format!("expert {expert}"),
                        signed: format!("{} (expert {})", sheet.signer, sheet.expert),
                    },
                ));
            }
            sheets.push(sheet);
        }
        Ok(Self {
            manifest,
            signed_manifest: signed,
            chair_key,
            chair,
            package,
            organizer_key,
            index,
            binding,
            sheets,
            recipient_count: 0,
            container,
            offsets,
        })
    }

    /// An entry's bytes (verified against the bundle manifest when the bundle was
    /// opened).
    pub fn entry(&self, name: &str) -> Option<&[u8]> {
        let i = self.manifest.entries.iter().position(|e| e.name == name)?;
        let at = self.offsets[i] as usize;
        Some(&self.container[at..at + self.manifest.entries[i].size as usize])
    }

    /// A fixed entry's bytes (`merge-input`, `round`, …), which every opened bundle has.
    fn fixed(&self, name: &str) -> &[u8] {
        self.entry(name).unwrap_or_default()
    }

    /// The `round` entry: the package's `round.toml`.
    pub fn round(&self) -> &[u8] {
        self.fixed("round")
    }

    /// The `template` entry: the package's `template.toml`.
    pub fn template(&self) -> &[u8] {
        self.fixed("template")
    }

    /// The `merge-input` entry.
    pub fn merge_input(&self) -> &[u8] {
        self.fixed("merge-input")
    }

    /// The `merge-output` entry.
    pub fn merge_output(&self) -> &[u8] {
        self.fixed("merge-output")
    }

    /// The `opinions` entry.
    pub fn opinions(&self) -> &[u8] {
        self.fixed("opinions")
    }

    /// The `draw` entry.
    pub fn draw(&self) -> &[u8] {
        self.fixed("draw")
    }

    /// The plaintext container, as signed and stored inside the age file.
    pub fn container(&self) -> &[u8] {
        &self.container
    }

    /// The content the bundle was written from (to write it again, changed).
    pub fn content(&self) -> BundleContent<'_> {
        BundleContent {
            package_manifest: self.fixed("package-manifest"),
            package_index: self.fixed("package-index"),
            round: self.round(),
            template: self.template(),
            sheets: self
                .manifest
                .entries
                .iter()
                .filter(|e| e.name.starts_with("sheet."))
                .filter_map(|e| self.entry(&e.name))
                .collect(),
            merge_input: self.merge_input(),
            merge_output: self.merge_output(),
            opinions: self.opinions(),
            draw: self.draw(),
            family: self.entry(BUNDLE_FAMILY_ENTRY),
            decisions: self.decisions(),
            calendar: self.calendar(),
            audit: self.audit(),
        }
    }

    /// The `decisions` entry: the package's organizer's decisions, byte for byte,
    /// when the package has them (checked against the package index's hash).
    pub fn decisions(&self) -> Option<&[u8]> {
        self.entry(BUNDLE_DECISIONS_ENTRY)
    }

    /// The `calendar` entry: the package's calendar, byte for byte, when the
    /// package has one (checked against the package index's hash).
    pub fn calendar(&self) -> Option<&[u8]> {
        self.entry(BUNDLE_CALENDAR_ENTRY)
    }

    /// The `audit` entry: the chair's audit log, when the bundle carries one.
    pub fn audit(&self) -> Option<&[u8]> {
        self.entry(BUNDLE_AUDIT_ENTRY)
    }
}

/// Writes a bundle as `chair`: checks the package manifest and index (whoever
/// signed them), every sheet against them, builds the container with the sheets by
/// expert id, signs its manifest, reads the container back as a reader would, and
/// encrypts it to the package's organizer and chair. Anything a reader would refuse
/// is `unwritable`.
pub fn write_bundle(content: &BundleContent<'_>, chair: &Signer) -> Result<Vec<u8>, FormatError> {
    let unwritable = |what: &str| {
        let what = what.to_string();
        move |e: FormatError| FormatError::Unwritable(format!("{what}: {e}"))
    };
    let v = verify_signed_text(
        content.package_manifest,
        Namespace::PackageManifest,
        Trusted::AnyKey,
    )
    .map_err(unwritable("package-manifest"))?;
    let package = Manifest::parse(v.body, &v.signer).map_err(unwritable("package-manifest"))?;
    let organizer_key = v.signer.clone();
    let keys = std::slice::from_ref(&organizer_key);
    let v = verify_signed_text(
        content.package_index,
        Namespace::PackageIndex,
        Trusted::Keys(keys),
    )
    .map_err(unwritable("package-index"))?;
    let index = Index::parse(v.body, &v.signer, &package).map_err(unwritable("package-index"))?;
    let family = match content.family {
        Some(f) => Family::parse(f).map_err(unwritable("family"))?.members,
        None => Vec::new(),
    };
    let binding = PackageBinding {
        package: package.package,
        manifest_sha256: sha256(content.package_manifest),
        round: package.round.clone(),
        roster: index.recipients.clone(),
        family,
    };
    let mut sheets = Vec::with_capacity(content.sheets.len());
    for bytes in &content.sheets {
        let sheet = Sheet::verify(bytes, &binding).map_err(unwritable("sheet"))?;
        sheets.push((sheet.expert, *bytes));
    }
    sheets.sort_by(|a, b| a.0.cmp(&b.0));
    if sheets.windows(2).any(|w| w[0].0 == w[1].0) {
        return Err(FormatError::Unwritable(
            "two sheets of the same expert".into(),
        ));
    }
    let mut parts: Vec<(String, &[u8])> = vec![
        ("package-manifest".into(), content.package_manifest),
        ("package-index".into(), content.package_index),
        ("round".into(), content.round),
        ("template".into(), content.template),
    ];
    parts.extend(content.family.map(|f| (BUNDLE_FAMILY_ENTRY.into(), f)));
    parts.extend(
        content
            .decisions
            .map(|d| (BUNDLE_DECISIONS_ENTRY.into(), d)),
    );
    parts.extend(content.calendar.map(|c| (BUNDLE_CALENDAR_ENTRY.into(), c)));
    parts.extend(sheets.iter().map(|(e, b)| (format!("sheet.{e}"), *b)));
    parts.extend([
        ("merge-input".into(), content.merge_input),
        ("merge-output".into(), content.merge_output),
        ("opinions".into(), content.opinions),
        ("draw".into(), content.draw),
    ]);
    parts.extend(content.audit.map(|a| (BUNDLE_AUDIT_ENTRY.into(), a)));
    if parts.len() as u64 > MAX_ENTRIES {
        return Err(FormatError::Unwritable("too many sheets".into()));
    }
    if let Some((name, _)) = parts
        .iter()
        .find(|(_, b)| b.is_empty() || b.len() as u64 > MAX_BUNDLE_ENTRY)
    {
        return Err(FormatError::Unwritable(format!(
            "entry {name:?} is empty or over 16 MiB"
        )));
    }
    let manifest = BundleManifest {
        package: package.package,
        manifest_sha256: binding.manifest_sha256,
        round: package.round.clone(),
        chair: chair.fingerprint(),
        entries: parts
            .iter()
            .map(|(name, b)| ManifestEntry {
                name: name.clone(),
                size: b.len() as u64,
                sha256: sha256(b),
            })
            .collect(),
    };
    let signed = chair.sign_text(Namespace::BundleManifest, manifest.body().as_bytes())?;
    let total = LAYOUT.head_len() as usize
        + signed.len()
        + parts.iter().map(|(_, b)| b.len()).sum::<usize>();
    if total as u64 > MAX_BUNDLE {
        return Err(FormatError::TooLargeToWrite {
            what: "bundle".into(),
            found: total as u64,
            limit: MAX_BUNDLE,
        });
    }
    let mut container = Vec::with_capacity(total);
    LAYOUT.write_head(&mut container, &signed)?;
    for (_, b) in &parts {
        container.extend_from_slice(b);
    }
    let opened = OpenedBundle::open_container(container, Trusted::Keys(keys))
        .map_err(unwritable("bundle"))?;
    let recipients: Vec<Recipient> = opened
        .index
        .recipients
        .iter()
        .filter(|r| matches!(r.role, Role::Organizer | Role::Chair))
        .map(|r| r.age.clone())
        .collect();
    age_file::encrypt(&opened.container, &recipients)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> &'static str {
        match check_order(v, 7) {
            Ok(()) => "ok",
            Err(e) => e.code().as_str(),
        }
    }

    #[test]
    fn the_entries_come_in_one_order() {
        let mut v = vec!["package-manifest", "package-index", "round", "template"];
        v.extend(["sheet.E01", "sheet.E02"]);
        v.extend(BUNDLE_TAIL_ENTRIES);
        assert_eq!(names(&v), "ok");
        let mut swapped = v.clone();
        swapped.swap(4, 5);
        assert_eq!(names(&swapped), "malformed");
        let mut no_sheet = v.clone();
        no_sheet.drain(4..6);
        assert_eq!(names(&no_sheet), "malformed");
        let mut extra = v.clone();
        extra.push("notes");
        assert_eq!(names(&extra), "malformed");
        let mut missing = v.clone();
        missing.retain(|n| *n != "opinions");
        assert_eq!(names(&missing), "malformed");
        let mut misplaced = v.clone();
        misplaced.swap(2, 3);
        assert_eq!(names(&misplaced), "malformed");
        let mut not_a_sheet = v.clone();
        not_a_sheet[5] = "card.E02";
        assert_eq!(names(&not_a_sheet), "malformed");
        let mut with_family_and_audit = v.clone();
        with_family_and_audit.insert(4, "family");
        with_family_and_audit.push("audit");
        assert_eq!(names(&with_family_and_audit), "ok");
        let mut family_late = v.clone();
        family_late.insert(5, "family");
        assert_eq!(names(&family_late), "malformed");
        let mut with_decisions = v.clone();
        with_decisions.insert(4, "decisions");
        assert_eq!(names(&with_decisions), "ok");
        let mut both = v.clone();
        both.splice(4..4, ["family", "decisions"]);
        assert_eq!(names(&both), "ok");
        let mut swapped_optional = v.clone();
        swapped_optional.splice(4..4, ["decisions", "family"]);
        assert_eq!(names(&swapped_optional), "malformed");
        let mut decisions_late = v.clone();
        decisions_late.insert(5, "decisions");
        assert_eq!(names(&decisions_late), "malformed");
        let mut decisions_twice = v.clone();
        decisions_twice.splice(4..4, ["decisions", "decisions"]);
        assert_eq!(names(&decisions_twice), "malformed");
        let mut all_three = v.clone();
        all_three.splice(4..4, ["family", "decisions", "calendar"]);
        assert_eq!(names(&all_three), "ok");
        let mut calendar_first = v.clone();
        calendar_first.splice(4..4, ["calendar", "decisions"]);
        assert_eq!(names(&calendar_first), "malformed");
        let mut calendar_late = v.clone();
        calendar_late.insert(5, "calendar");
        assert_eq!(names(&calendar_late), "malformed");
        let mut audit_early = v.clone();
        audit_early.insert(4, "audit");
        assert_eq!(names(&audit_early), "malformed");
        let mut two_audits = v.clone();
        two_audits.extend(["audit", "audit"]);
        assert_eq!(names(&two_audits), "malformed");
    }
}
