//! Shared helpers for the formats tests and the vector generator: throwaway test
//! keys (never used for anything real) and a sample package.
#![allow(dead_code)]

use reviewdesk_formats::{
    seal, Identity, IndexRecipient, KeyCard, PackageId, Readers, Role, SealInput, Signer,
};

/// Throwaway age identity of the test organizer.
pub const ORG_AGE: &str =
    "AGE-SECRET-KEY-1W8DP59AA8K87R0LUY4QW7QASPPA040FWR0F2V4RZCJVHHASXUEHQD0RXDZ";
/// Throwaway age identity of the test expert E01.
pub const EXPERT_AGE: &str =
    "AGE-SECRET-KEY-1LQX2QY2LNS8Z0K88E2UYUQL4FY343KRLETUEYQJ80SGJ38QZ6NLSLQYEKL";
/// Throwaway age identity of someone outside the panel.
pub const OUTSIDER_AGE: &str =
    "AGE-SECRET-KEY-17JTYXDF4ZUW088WD50PWD0SWTYWMV0EQ4ZCZ4N87FZ76CP70CV9Q2S7KN2";

/// Throwaway age identity of the test chair C01.
pub const CHAIR_AGE: &str =
    "AGE-SECRET-KEY-1VG5V3V700UUWCXUMM4JDWPS30EN2GSUQ2MKL2R44WL2LJGRWXZPQLC4SJJ";

/// The test organizer's signing key (Ed25519 seed 01…01).
pub fn organizer() -> Signer {
    Signer::from_ed25519_seed(&[1; 32])
}

/// The test expert's signing key (seed 02…02).
pub fn expert() -> Signer {
    Signer::from_ed25519_seed(&[2; 32])
}

/// The test chair's signing key (seed 03…03).
pub fn chair() -> Signer {
    Signer::from_ed25519_seed(&[3; 32])
}

/// An outsider's signing key (seed 09…09).
pub fn outsider() -> Signer {
    Signer::from_ed25519_seed(&[9; 32])
}

/// An age identity from its secret-key string.
pub fn identity(s: &str) -> Identity {
    s.parse().expect("test identity")
}

/// A roster entry for a test person.
pub fn recipient(person: &str, role: Role, signer: &Signer, age: &str) -> IndexRecipient {
    IndexRecipient {
        person: person.to_string(),
        role,
        fingerprint: signer.fingerprint(),
        age: identity(age).to_public(),
    }
}

/// The sample package's plaintexts: round, two cards, two materials.
pub fn sample_plaintexts() -> Vec<(String, Vec<u8>)> {
    let org_card = KeyCard::write(
        "广东省工业互联网产业联盟",
        Role::Organizer,
        &organizer(),
        &identity(ORG_AGE).to_public(),
    )
    .expect("card");
    let exp_card = KeyCard::write(
        "王小明",
        Role::Expert,
        &expert(),
        &identity(EXPERT_AGE).to_public(),
    )
    .expect("card");
    vec![
        (
            "round".into(),
            b"format = \"reviewdesk-round/1\"\nid = \"gd-pool-2026-01\"\n".to_vec(),
        ),
        ("card.ORG".into(), org_card),
        ("card.E01".into(), exp_card),
        (
            "material.M01".into(),
            "申报书：广州云擎工业软件有限公司\n".repeat(40).into_bytes(),
        ),
        (
            "material.M02".into(),
            (0..=255u8).cycle().take(3_000).collect(),
        ),
    ]
}

/// Seals `plaintexts` for `recipients`, signed by the organizer.
pub fn seal_with(plaintexts: &[(String, Vec<u8>)], recipients: Vec<IndexRecipient>) -> Vec<u8> {
    seal_by(&organizer(), plaintexts, recipients)
}

/// Every material of `plaintexts` read by every recipient.
pub fn everyone_reads(plaintexts: &[(String, Vec<u8>)], recipients: &[IndexRecipient]) -> Readers {
    plaintexts
        .iter()
        .filter(|(n, _)| n.starts_with("material."))
        .map(|(n, _)| {
            (
                n.clone(),
                recipients.iter().map(|r| r.person.clone()).collect(),
            )
        })
        .collect()
}

/// Seals `plaintexts` for `recipients`, signed by `signer`, every material read by
/// every recipient.
pub fn seal_by(
    signer: &Signer,
    plaintexts: &[(String, Vec<u8>)],
    recipients: Vec<IndexRecipient>,
) -> Vec<u8> {
    let readers = everyone_reads(plaintexts, &recipients);
    seal_readers(signer, plaintexts, recipients, readers)
}

/// Seals `plaintexts` for `recipients`, signed by `signer`, each material read by
/// the `readers` given.
pub fn seal_readers(
    signer: &Signer,
    plaintexts: &[(String, Vec<u8>)],
    recipients: Vec<IndexRecipient>,
    readers: Readers,
) -> Vec<u8> {
    let input = SealInput {
        package: PackageId([0x3f; 16]),
        round: "gd-pool-2026-01",
        revision: 1,
        recipients,
        entries: plaintexts
            .iter()
            .map(|(n, b)| (n.clone(), b.as_slice()))
            .collect(),
        readers,
    };
    let mut out = Vec::new();
    seal(&input, signer, &mut out).expect("seal");
    out
}

/// The roster of the sample package.
pub fn sample_recipients() -> Vec<IndexRecipient> {
    vec![
        recipient("ORG", Role::Organizer, &organizer(), ORG_AGE),
        recipient("E01", Role::Expert, &expert(), EXPERT_AGE),
    ]
}

/// The sample package.
pub fn sample_package() -> Vec<u8> {
    seal_with(&sample_plaintexts(), sample_recipients())
}

/// Splits a package into (signed manifest, entry bytes in order), trusting it.
pub fn split_package(pkg: &[u8]) -> (Vec<u8>, Vec<Vec<u8>>) {
    let l = u32::from_be_bytes([pkg[21], pkg[22], pkg[23], pkg[24]]) as usize;
    let signed = pkg[25..25 + l].to_vec();
    let opened = reviewdesk_formats::OpenedPackage::open(
        std::io::Cursor::new(pkg),
        reviewdesk_formats::Trusted::AnyKey,
    )
    .expect("open");
    let mut at = 25 + l;
    let mut entries = Vec::new();
    for e in &opened.manifest.entries {
        entries.push(pkg[at..at + e.size as usize].to_vec());
        at += e.size as usize;
    }
    (signed, entries)
}

/// Assembles a package from a manifest body (signed here by `signer` in
/// `namespace`) and entry bytes, computing nothing else: for forged vectors.
pub fn assemble(
    manifest_body: &str,
    signer: &Signer,
    namespace: reviewdesk_formats::Namespace,
    entries: &[Vec<u8>],
) -> Vec<u8> {
    let signed = signer
        .sign_text(namespace, manifest_body.as_bytes())
        .expect("sign");
    let mut out = b"reviewdesk-package/1\n".to_vec();
    out.extend_from_slice(&(signed.len() as u32).to_be_bytes());
    out.extend_from_slice(&signed);
    for e in entries {
        out.extend_from_slice(e);
    }
    out
}

/// `entry: NAME SIZE SHA256` for these bytes.
pub fn entry_line(name: &str, bytes: &[u8]) -> String {
    use sha2::Digest;
    let h: String = sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("entry: {name} {} {h}\n", bytes.len())
}

/// A manifest body for the sample package id and round, organizer as signer.
pub fn manifest_body(signer: &Signer, entries: &[(&str, &[u8])]) -> String {
    let mut s = format!(
        "reviewdesk-package-manifest/1\npackage: {}\nround: gd-pool-2026-01\nrevision: 1\norganizer: {}\nentries: {}\n",
        "3f".repeat(16),
        signer.fingerprint(),
        entries.len()
    );
    for (n, b) in entries {
        s.push_str(&entry_line(n, b));
    }
    s
}

/// Opens a package as an expert would: trusting the organizer, with E01's identity,
/// decrypting every entry. Returns the plaintexts in manifest order after `index`.
pub fn open_fully(
    pkg: &[u8],
    identities: &[Identity],
) -> Result<Vec<(String, Vec<u8>)>, reviewdesk_formats::FormatError> {
    let trusted = [organizer().public_key().clone()];
    let mut opened = reviewdesk_formats::OpenedPackage::open(
        std::io::Cursor::new(pkg),
        reviewdesk_formats::Trusted::Keys(&trusted),
    )?;
    let index = opened.open_index(identities)?;
    let names: Vec<String> = opened.manifest.entries[1..]
        .iter()
        .map(|e| e.name.clone())
        .collect();
    let mut out = Vec::new();
    for n in names {
        let p = opened.decrypt_entry(&n, identities, &index)?;
        out.push((n, p));
    }
    Ok(out)
}

/// Reads a vector file the way its extension says: `.card` as a key card, `.rdpkg`
/// as a package opened by expert E01 who trusts the test organizer.
pub fn check_vector(path: &std::path::Path) -> Result<(), reviewdesk_formats::FormatError> {
    let bytes = std::fs::read(path).expect("vector file");
    match path.extension().and_then(|e| e.to_str()) {
        Some("card") => KeyCard::read(&bytes).map(|_| ()),
        Some("rdpkg") => open_fully(&bytes, &[identity(EXPERT_AGE)]).map(|_| ()),
        Some("bundle") => {
            let trusted = [organizer().public_key().clone()];
            reviewdesk_formats::OpenedBundle::open(
                &bytes,
                &[identity(ORG_AGE)],
                reviewdesk_formats::Trusted::Keys(&trusted),
            )
            .map(|_| ())
        }
        Some("rdsheet") => {
            let pkg =
                std::fs::read(vectors_dir().join("package-valid.rdpkg")).expect("package-valid");
            let binding = binding_of(&pkg);
            let org = [identity(ORG_AGE)];
            let first =
                std::fs::read(vectors_dir().join("sheet-valid.rdsheet")).expect("sheet-valid");
            let mut ledger = reviewdesk_formats::SheetLedger::default();
            ledger
                .accept(
                    reviewdesk_formats::Sheet::open(&first, &org, &binding)
                        .expect("sheet-valid opens"),
                )
                .expect("first sheet");
            let sheet = reviewdesk_formats::Sheet::open(&bytes, &org, &binding)?;
            ledger.accept(sheet)
        }
        Some("rdrecheck") => {
            let pkg =
                std::fs::read(vectors_dir().join("package-panel.rdpkg")).expect("package-panel");
            let binding = binding_of(&pkg);
            reviewdesk_formats::Recheck::open(&bytes, &[identity(EXPERT_AGE)], &binding).map(|_| ())
        }
        other => panic!("unknown vector type {other:?}"),
    }
}

/// The directory of the committed vectors.
pub fn vectors_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/formats")
}

/// The binding of a package, opened by the organizer.
pub fn binding_of(pkg: &[u8]) -> reviewdesk_formats::PackageBinding {
    let mut opened = reviewdesk_formats::OpenedPackage::open(
        std::io::Cursor::new(pkg),
        reviewdesk_formats::Trusted::AnyKey,
    )
    .expect("open");
    let index = opened.open_index(&[identity(ORG_AGE)]).expect("index");
    opened.binding(&index)
}

/// A sheet body with every field given, for forged vectors.
pub struct RawSheet<'a> {
    pub manifest: String,
    pub expert: &'a str,
    pub signer: String,
    pub revision: u32,
    pub audit_head: String,
    pub scores: &'a str,
    pub audit: &'a str,
    pub scores_len: usize,
}

impl RawSheet<'_> {
    pub fn body(&self) -> String {
        format!(
            "reviewdesk-sheet/1\npackage: {}\nmanifest: {}\nround: gd-pool-2026-01\nexpert: {}\nsigner: {}\nrevision: {}\naudit-head: {}\nscores: {}\naudit: {}\n\n{}{}",
            "3f".repeat(16),
            self.manifest,
            self.expert,
            self.signer,
            self.revision,
            self.audit_head,
            self.scores_len,
            self.audit.len(),
            self.scores,
            self.audit
        )
    }
}

/// Sample scores and audit log of expert E01.
pub const SCORES: &str = "{\"expert\":\"E01\",\"scores\":[{\"applicant\":\"A01\",\"indicator\":\"tech\",\"score\":\"8.5\"}]}\n";
/// Sample audit log.
pub const AUDIT: &str =
    "{\"at\":1,\"event\":\"opened\"}\n{\"at\":2,\"event\":\"scored\",\"applicant\":\"A01\"}\n";

/// The panel package's roster: the organizer, the chair C01 and the expert E01.
pub fn panel_recipients() -> Vec<IndexRecipient> {
    vec![
        recipient("ORG", Role::Organizer, &organizer(), ORG_AGE),
        recipient("C01", Role::Chair, &chair(), CHAIR_AGE),
        recipient("E01", Role::Expert, &expert(), EXPERT_AGE),
    ]
}

/// The panel package's plaintexts: round, template, three cards, one material.
pub fn panel_plaintexts() -> Vec<(String, Vec<u8>)> {
    let plain = sample_plaintexts();
    let chair_card = KeyCard::write(
        "郑国平",
        Role::Chair,
        &chair(),
        &identity(CHAIR_AGE).to_public(),
    )
    .expect("card");
    vec![
        plain[0].clone(),
        (
            "template".into(),
            b"format = \"reviewdesk-template/1\"\nid = \"test\"\n".to_vec(),
        ),
        plain[1].clone(),
        ("card.C01".into(), chair_card),
        plain[2].clone(),
        plain[3].clone(),
    ]
}

/// A package sealed to the panel (organizer, chair, expert), with a template.
pub fn panel_package() -> Vec<u8> {
    seal_with(&panel_plaintexts(), panel_recipients())
}

/// What goes into a bundle of `pkg` (a panel package): the package's signed
/// manifest and index plaintext, its round and template, E01's sheet (revision 2)
/// and placeholder JSON for the rest (this crate does not read the JSON).
pub struct BundleParts {
    pub package_manifest: Vec<u8>,
    pub package_index: Vec<u8>,
    pub round: Vec<u8>,
    pub template: Vec<u8>,
    pub sheet: Vec<u8>,
    pub merge_input: Vec<u8>,
    pub merge_output: Vec<u8>,
    pub opinions: Vec<u8>,
    pub draw: Vec<u8>,
}

impl BundleParts {
    pub fn of(pkg: &[u8]) -> Self {
        let org = [identity(ORG_AGE)];
        let mut opened = reviewdesk_formats::OpenedPackage::open(
            std::io::Cursor::new(pkg),
            reviewdesk_formats::Trusted::AnyKey,
        )
        .expect("open");
        let index = opened.open_index(&org).expect("index");
        let c = opened.entry_ciphertext("index").expect("index entry");
        let package_index =
            reviewdesk_formats::decrypt("index", &c, &org, 1 << 20).expect("index plaintext");
        let round = opened.decrypt_entry("round", &org, &index).expect("round");
        let template = opened
            .decrypt_entry("template", &org, &index)
            .expect("template");
        let binding = opened.binding(&index);
        let file = reviewdesk_formats::Sheet::write(
            &reviewdesk_formats::SheetContent {
                expert: "E01",
                revision: 2,
                scores: SCORES,
                audit: AUDIT,
            },
            &binding,
            &expert(),
        )
        .expect("sheet");
        let sheet = reviewdesk_formats::decrypt("sheet", &file, &org, 1 << 24).expect("sheet");
        Self {
            package_manifest: opened.signed_manifest.clone(),
            package_index,
            round,
            template,
            sheet,
            merge_input: b"{\"applicants\":[]}\n".to_vec(),
            merge_output: b"{\"applicants\":[]}\n".to_vec(),
            opinions: b"{\"applicants\":[]}\n".to_vec(),
            draw: b"{\"method\":\"reviewdesk/site-visit/v1\"}\n".to_vec(),
        }
    }

    /// The entries in container order, with `sheets` in place of the sheet.
    pub fn entries<'a>(&'a self, sheets: &[(&'a str, &'a [u8])]) -> Vec<(&'a str, &'a [u8])> {
        let mut v: Vec<(&str, &[u8])> = vec![
            ("package-manifest", &self.package_manifest),
            ("package-index", &self.package_index),
            ("round", &self.round),
            ("template", &self.template),
        ];
        v.extend_from_slice(sheets);
        v.extend([
            ("merge-input", self.merge_input.as_slice()),
            ("merge-output", self.merge_output.as_slice()),
            ("opinions", self.opinions.as_slice()),
            ("draw", self.draw.as_slice()),
        ]);
        v
    }

    /// The content for `write_bundle`.
    pub fn content(&self) -> reviewdesk_formats::BundleContent<'_> {
        reviewdesk_formats::BundleContent {
            package_manifest: &self.package_manifest,
            package_index: &self.package_index,
            round: &self.round,
            template: &self.template,
            sheets: vec![&self.sheet],
            merge_input: &self.merge_input,
            merge_output: &self.merge_output,
            opinions: &self.opinions,
            draw: &self.draw,
            family: None,
            decisions: None,
            calendar: None,
            audit: None,
        }
    }
}

/// A bundle manifest body for `entries`, bound to the package manifest `pm`.
pub fn bundle_manifest_body(signer: &Signer, pm: &[u8], entries: &[(&str, &[u8])]) -> String {
    use sha2::Digest;
    let h: String = sha2::Sha256::digest(pm)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut s = format!(
        "reviewdesk-bundle-manifest/1\npackage: {}\nmanifest: {h}\nround: gd-pool-2026-01\nchair: {}\nentries: {}\n",
        "3f".repeat(16),
        signer.fingerprint(),
        entries.len()
    );
    for (n, b) in entries {
        s.push_str(&entry_line(n, b));
    }
    s
}

/// A bundle container from a manifest body (signed here by `signer` in
/// `namespace`) and entry bytes, computing nothing else: for forged vectors.
pub fn assemble_bundle(
    manifest_body: &str,
    signer: &Signer,
    namespace: reviewdesk_formats::Namespace,
    entries: &[(&str, &[u8])],
) -> Vec<u8> {
    let signed = signer
        .sign_text(namespace, manifest_body.as_bytes())
        .expect("sign");
    let mut out = b"reviewdesk-bundle/1\n".to_vec();
    out.extend_from_slice(&(signed.len() as u32).to_be_bytes());
    out.extend_from_slice(&signed);
    for (_, e) in entries {
        out.extend_from_slice(e);
    }
    out
}

/// A bundle container encrypted to the panel package's organizer and chair.
pub fn encrypt_bundle(container: &[u8]) -> Vec<u8> {
    reviewdesk_formats::encrypt(
        container,
        &[
            identity(ORG_AGE).to_public(),
            identity(CHAIR_AGE).to_public(),
        ],
    )
    .expect("encrypt")
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn b64_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Standard base64, padding and white space ignored (test input only).
pub fn b64_decode(text: &str) -> Vec<u8> {
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for ch in text
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && *b != b'=')
    {
        let v = B64.iter().position(|&c| c == ch).expect("base64") as u32;
        bits = (bits << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    out
}

/// The armor around a base64 text, wrapped at `width` with `eol` line ends.
fn armor_of(b64: &str, width: usize, eol: &str) -> Vec<u8> {
    let mut s = format!("-----BEGIN SSH SIGNATURE-----{eol}");
    for line in b64.as_bytes().chunks(width) {
        s.push_str(std::str::from_utf8(line).expect("ascii"));
        s.push_str(eol);
    }
    s.push_str(&format!("-----END SSH SIGNATURE-----{eol}"));
    s.into_bytes()
}

/// Every non-canonical form of a (canonical, Ed25519) armor that issue 17 lists,
/// named for the vectors, with the code each must be refused with
/// (`bad_signature_encoding`, but `missing_signature` for an armor whose BEGIN line
/// ends in CRLF: the armor starts at a BEGIN line ending in LF).
/// `missing-padding` and `noncanonical-tail` exist only when the blob's length is
/// not a multiple of 3 (not so for the sheet namespace).
pub fn armor_variants(armor: &[u8]) -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let text = std::str::from_utf8(armor).expect("ascii armor");
    let b64: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    let blob = b64_decode(&b64);
    assert_eq!(&blob[..6], b"SSHSIG");
    assert_eq!(
        armor_of(&b64_encode(&blob), 70, "\n"),
        armor,
        "canonical input"
    );
    let ns_len = u32::from_be_bytes([blob[65], blob[66], blob[67], blob[68]]) as usize;
    // magic 6, version 4, public key 4+51, namespace 4+ns, reserved 4+0,
    // hash 4+6, then the signature's length prefix.
    let sig_len_at = 6 + 4 + 55 + 4 + ns_len + 4 + 10;
    let blob_variant = |f: &dyn Fn(&mut Vec<u8>)| {
        let mut b = blob.clone();
        f(&mut b);
        armor_of(&b64_encode(&b), 70, "\n")
    };
    let mut v = vec![
        ("pubkey-length-too-big", blob_variant(&|b| b[13] ^= 0x04)),
        ("inner-key-length-too-big", blob_variant(&|b| b[32] ^= 0x01)),
        (
            "signature-length-too-big",
            blob_variant(&|b| b[sig_len_at + 3] ^= 0x04),
        ),
        ("version-0", blob_variant(&|b| b[9] = 0)),
        ("version-2", blob_variant(&|b| b[9] = 2)),
        ("trailing-blob-bytes", blob_variant(&|b| b.push(0))),
        ("crlf", armor_of(&b64, 70, "\r\n")),
        ("crlf-in-base64", {
            let a = armor_of(&b64, 70, "\r\n");
            let n = a.len();
            // BEGIN and END lines with LF, the base64 lines with CRLF.
            [
                b"-----BEGIN SSH SIGNATURE-----\n".as_slice(),
                &a[31..n - 29],
                b"-----END SSH SIGNATURE-----\n",
            ]
            .concat()
        }),
        ("blank-line", {
            let mut a = armor_of(&b64, 70, "\n");
            let end = a.len() - b"-----END SSH SIGNATURE-----\n".len();
            a.insert(end, b'\n');
            a
        }),
        ("one-line", armor_of(&b64, b64.len(), "\n")),
        ("rewrapped-64", armor_of(&b64, 64, "\n")),
    ];
    if b64.ends_with('=') {
        v.push((
            "missing-padding",
            armor_of(b64.trim_end_matches('='), 70, "\n"),
        ));
        let mut t = b64.trim_end_matches('=').as_bytes().to_vec();
        let pads = b64.len() - t.len();
        let last = t.len() - 1;
        let val = B64.iter().position(|&c| c == t[last]).expect("b64");
        // The lowest unused bit of the last character set: 2 unused bits with one
        // `=`, 4 with two; decoders that ignore them give the same blob.
        t[last] = B64[val ^ 1];
        let mut s = String::from_utf8(t).expect("ascii");
        s.push_str(&"=".repeat(pads));
        v.push(("noncanonical-tail", armor_of(&s, 70, "\n")));
    }
    v.into_iter()
        .map(|(name, a)| {
            let code = if name == "crlf" {
                "missing_signature"
            } else {
                "bad_signature_encoding"
            };
            (name, a, code)
        })
        .collect()
}

/// A signed text with its armor replaced.
pub fn with_armor(signed: &[u8], armor: &[u8]) -> Vec<u8> {
    let (body, _) = reviewdesk_formats::split_signed_text(signed).expect("split");
    [body, armor].concat()
}

/// The flags of the sample re-check request: one indicator flag with a note, one
/// stage-total flag without.
pub fn sample_flags() -> Vec<reviewdesk_formats::RecheckFlag> {
    vec![
        reviewdesk_formats::RecheckFlag {
            applicant: "A01".into(),
            stage: "written".into(),
            indicator: Some("w1".into()),
            value: "9.5".into(),
            mean_of_others: "6.25".into(),
            distance: "3.25".into(),
            note: "请核对案例部分的评分依据".into(),
        },
        reviewdesk_formats::RecheckFlag {
            applicant: "A03".into(),
            stage: "defense".into(),
            indicator: None,
            value: "78".into(),
            mean_of_others: "61.5".into(),
            distance: "16.5".into(),
            note: String::new(),
        },
    ]
}

/// A re-check request body with every line given, for forged vectors.
pub fn recheck_body(
    binding: &reviewdesk_formats::PackageBinding,
    signer: &Signer,
    rest: &str,
) -> String {
    format!(
        "reviewdesk-recheck/1\npackage: {}\nmanifest: {}\nround: {}\nchair: {}\n{rest}",
        binding.package,
        binding
            .manifest_sha256
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>(),
        binding.round,
        signer.fingerprint(),
    )
}

/// Signs `body` as a re-check request and encrypts it to the chair and E01.
pub fn recheck_file(signer: &Signer, ns: reviewdesk_formats::Namespace, body: &str) -> Vec<u8> {
    let signed = signer.sign_text(ns, body.as_bytes()).expect("sign");
    reviewdesk_formats::encrypt(
        &signed,
        &[
            identity(CHAIR_AGE).to_public(),
            identity(EXPERT_AGE).to_public(),
        ],
    )
    .expect("encrypt")
}
