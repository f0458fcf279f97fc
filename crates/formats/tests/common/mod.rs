//! Shared helpers for the formats tests and the vector generator: throwaway test
//! keys (never used for anything real) and a sample package.
#![allow(dead_code)]

use reviewdesk_formats::{
    seal, Identity, IndexRecipient, KeyCard, PackageId, Role, SealInput, Signer,
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

/// The test organizer's signing key (Ed25519 seed 01…01).
pub fn organizer() -> Signer {
    Signer::from_ed25519_seed(&[1; 32])
}

/// The test expert's signing key (seed 02…02).
pub fn expert() -> Signer {
    Signer::from_ed25519_seed(&[2; 32])
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

/// Seals `plaintexts` for `recipients`, signed by `signer`.
pub fn seal_by(
    signer: &Signer,
    plaintexts: &[(String, Vec<u8>)],
    recipients: Vec<IndexRecipient>,
) -> Vec<u8> {
    let input = SealInput {
        package: PackageId([0x3f; 16]),
        round: "gd-pool-2026-01",
        recipients,
        entries: plaintexts
            .iter()
            .map(|(n, b)| (n.clone(), b.as_slice()))
            .collect(),
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
        "reviewdesk-package-manifest/1\npackage: {}\nround: gd-pool-2026-01\norganizer: {}\nentries: {}\n",
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
        Some("sheet") => {
            let pkg =
                std::fs::read(vectors_dir().join("package-valid.rdpkg")).expect("package-valid");
            let binding = binding_of(&pkg);
            let org = [identity(ORG_AGE)];
            let first =
                std::fs::read(vectors_dir().join("sheet-valid.sheet")).expect("sheet-valid");
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
