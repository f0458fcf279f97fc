//! Writes the test vectors of `tests/vectors/formats/` (run from the repository
//! root: `cargo run -p reviewdesk-formats --example make_vectors`). Each vector
//! gets a `.expect` file with the error code it must produce; every vector is
//! checked before it is written. age encryption is randomized, so a fresh run
//! changes the package bytes but not what each vector tests.

#[path = "../tests/common/mod.rs"]
mod common;

use std::io::Write;

use common::*;
use reviewdesk_formats::{split_signed_text, write_bundle, KeyCard, Namespace, Role, Signer};

struct Writer {
    dir: std::path::PathBuf,
    count: usize,
}

impl Writer {
    fn put(&mut self, name: &str, bytes: &[u8], expect: &str) {
        let path = self.dir.join(name);
        std::fs::write(&path, bytes).expect("write vector");
        let got = match check_vector(&path) {
            Ok(()) => "ok".to_string(),
            Err(e) => e.code().to_string(),
        };
        assert_eq!(
            got, expect,
            "{name}: produced {got}, meant to produce {expect}"
        );
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        std::fs::write(
            self.dir.join(format!("{stem}.expect")),
            format!("{expect}\n"),
        )
        .expect("write expect");
        self.count += 1;
    }
}

/// Issue 17, item 1: the file `make` builds around `signed` with each non-canonical
/// armor of `armor_variants` in place of the signature, as `PREFIX-armor-NAME.EXT`.
fn armor_vectors(
    w: &mut Writer,
    prefix: &str,
    ext: &str,
    signed: &[u8],
    make: &dyn Fn(&[u8]) -> Vec<u8>,
) {
    let (_, armor) = split_signed_text(signed).expect("split");
    for (name, variant, code) in armor_variants(armor) {
        w.put(
            &format!("{prefix}-armor-{name}.{ext}"),
            &make(&with_armor(signed, &variant)),
            code,
        );
    }
}

/// A container (`magic` + 4-byte length + signed manifest + entries) with its
/// signed manifest replaced.
fn reframe(container: &[u8], magic: usize, signed: &[u8]) -> Vec<u8> {
    let at = magic + 4;
    let l = u32::from_be_bytes([
        container[magic],
        container[magic + 1],
        container[magic + 2],
        container[magic + 3],
    ]) as usize;
    [
        &container[..magic],
        &(signed.len() as u32).to_be_bytes()[..],
        signed,
        &container[at + l..],
    ]
    .concat()
}

fn flip(mut bytes: Vec<u8>, at: usize) -> Vec<u8> {
    bytes[at] ^= 0x01;
    bytes
}

fn main() {
    let dir = vectors_dir();
    std::fs::create_dir_all(&dir).expect("vectors dir");
    // The sheets are bound to package-valid.rdpkg: the one there is kept (it is
    // checked again below), so that added sheet vectors fit the files kept with it.
    let kept_pkg = std::fs::read(dir.join("package-valid.rdpkg")).ok();
    // The re-check requests are bound to package-panel.rdpkg: kept the same way.
    let kept_panel = std::fs::read(dir.join("package-panel.rdpkg")).ok();
    for e in std::fs::read_dir(&dir).expect("read dir") {
        let p = e.expect("entry").path();
        if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("card" | "rdpkg" | "rdsheet" | "bundle" | "rdrecheck" | "expect")
        ) {
            std::fs::remove_file(p).expect("remove old vector");
        }
    }
    let mut w = Writer { dir, count: 0 };

    // Key cards.
    let card = KeyCard::write(
        "王小明",
        Role::Expert,
        &expert(),
        &identity(EXPERT_AGE).to_public(),
    )
    .expect("card");
    let (body, armor) = split_signed_text(&card).expect("split");
    let body_s = std::str::from_utf8(body).expect("utf8").to_string();
    w.put("card-valid.card", &card, "ok");
    let tampered = body_s.replace("role: expert", "role: chair");
    w.put(
        "card-tampered-role.card",
        &[tampered.as_bytes(), armor].concat(),
        "bad_signature",
    );
    w.put(
        "card-flipped-signature.card",
        &flip(card.clone(), card.len() - 40),
        "bad_signature",
    );
    w.put(
        "card-sheet-namespace.card",
        &expert().sign_text(Namespace::Sheet, body).expect("sign"),
        "wrong_namespace",
    );
    w.put(
        "card-signed-by-another-key.card",
        &organizer()
            .sign_text(Namespace::KeyCard, body)
            .expect("sign"),
        "signer_mismatch",
    );
    let v2 = body_s.replace("reviewdesk-keycard/1", "reviewdesk-keycard/2");
    w.put(
        "card-version-2.card",
        &expert()
            .sign_text(Namespace::KeyCard, v2.as_bytes())
            .expect("sign"),
        "unsupported_version",
    );
    w.put(
        "card-bad-magic.card",
        &[b"ssh-ed25519 AAAA\n".as_slice(), &card].concat(),
        "bad_magic",
    );
    w.put("card-missing-signature.card", body, "missing_signature");
    w.put("card-truncated.card", &card[..card.len() - 10], "truncated");
    w.put(
        "card-trailing-data.card",
        &[card.as_slice(), b"x\n"].concat(),
        "trailing_data",
    );
    let wrong_fp = body_s.replace(
        expert().fingerprint().as_str(),
        organizer().fingerprint().as_str(),
    );
    w.put(
        "card-wrong-fingerprint.card",
        &expert()
            .sign_text(Namespace::KeyCard, wrong_fp.as_bytes())
            .expect("sign"),
        "malformed",
    );
    let crlf = body_s.replace('\n', "\r\n");
    w.put(
        "card-crlf.card",
        &expert()
            .sign_text(Namespace::KeyCard, crlf.as_bytes())
            .expect("sign"),
        "malformed",
    );
    let oversized = [vec![b'#'; 4097], card.clone()].concat();
    w.put("card-over-4096-bytes.card", &oversized, "too_large");
    armor_vectors(&mut w, "card", "card", &card, &|c| c.to_vec());

    // Packages.
    let plain = sample_plaintexts();
    let pkg = kept_pkg.unwrap_or_else(sample_package);
    w.put("package-valid.rdpkg", &pkg, "ok");
    let (signed, entries) = split_package(&pkg);
    let l = signed.len();
    let names: Vec<&str> = [
        "index",
        "round",
        "card.ORG",
        "card.E01",
        "material.M01",
        "material.M02",
    ]
    .to_vec();
    let start_m01 = 25 + l + entries[..4].iter().map(Vec::len).sum::<usize>();
    w.put(
        "package-flipped-ciphertext.rdpkg",
        &flip(pkg.clone(), start_m01 + entries[4].len() / 2),
        "hash_mismatch",
    );
    w.put(
        "package-flipped-manifest.rdpkg",
        &flip(pkg.clone(), 25 + 60),
        "bad_signature",
    );
    let (mbody, marmor) = split_signed_text(&signed).expect("split");
    armor_vectors(&mut w, "package", "rdpkg", &signed, &|s| {
        reframe(&pkg, 21, s)
    });
    w.put(
        "package-flipped-signature.rdpkg",
        &flip(pkg.clone(), 25 + mbody.len() + marmor.len() - 40),
        "bad_signature",
    );
    w.put(
        "package-truncated.rdpkg",
        &pkg[..pkg.len() - 1],
        "truncated",
    );
    w.put(
        "package-trailing-data.rdpkg",
        &[pkg.as_slice(), b"\0"].concat(),
        "trailing_data",
    );
    let pairs = |sel: &[usize]| -> Vec<(&str, &[u8])> {
        sel.iter()
            .map(|&i| (names[i], entries[i].as_slice()))
            .collect()
    };
    let bytes_of =
        |sel: &[usize]| -> Vec<Vec<u8>> { sel.iter().map(|&i| entries[i].clone()).collect() };
    let forge = |body: &str, sel: &[usize]| {
        assemble(
            body,
            &organizer(),
            Namespace::PackageManifest,
            &bytes_of(sel),
        )
    };

    // An index whose plaintext was changed after signing (re-encrypted, manifest re-signed).
    {
        let index_plain =
            reviewdesk_formats::decrypt("index", &entries[0], &[identity(ORG_AGE)], 1 << 20)
                .expect("index");
        let (ib, ia) = split_signed_text(&index_plain).expect("split");
        // One hex digit of the last entry's plaintext hash.
        let mut ib2 = ib.to_vec();
        let at = ib2.len() - 3;
        ib2[at] = if ib2[at] == b'0' { b'1' } else { b'0' };
        let index2 = [ib2.as_slice(), ia].concat();
        let recips: Vec<_> = sample_recipients().into_iter().map(|r| r.age).collect();
        let c = reviewdesk_formats::encrypt(&index2, &recips).expect("encrypt");
        let mut sel: Vec<(&str, &[u8])> = vec![("index", c.as_slice())];
        sel.extend(pairs(&[1, 2, 3, 4, 5]));
        let all = [vec![c.clone()], bytes_of(&[1, 2, 3, 4, 5])].concat();
        w.put(
            "package-flipped-index.rdpkg",
            &assemble(
                &manifest_body(&organizer(), &sel),
                &organizer(),
                Namespace::PackageManifest,
                &all,
            ),
            "bad_signature",
        );
        // The index signed by someone else.
        let index3 = outsider()
            .sign_text(Namespace::PackageIndex, ib)
            .expect("sign");
        let c3 = reviewdesk_formats::encrypt(&index3, &recips).expect("encrypt");
        let mut sel3: Vec<(&str, &[u8])> = vec![("index", c3.as_slice())];
        sel3.extend(pairs(&[1, 2, 3, 4, 5]));
        let all3 = [vec![c3.clone()], bytes_of(&[1, 2, 3, 4, 5])].concat();
        w.put(
            "package-index-signed-by-another-key.rdpkg",
            &assemble(
                &manifest_body(&organizer(), &sel3),
                &organizer(),
                Namespace::PackageManifest,
                &all3,
            ),
            "signer_mismatch",
        );
    }

    let extra = [
        pairs(&[0, 1, 2, 3, 4, 5]),
        vec![("material.M03", entries[5].as_slice())],
    ]
    .concat();
    w.put(
        "package-extra-entry.rdpkg",
        &assemble(
            &manifest_body(&organizer(), &extra),
            &organizer(),
            Namespace::PackageManifest,
            &[bytes_of(&[0, 1, 2, 3, 4, 5]), bytes_of(&[5])].concat(),
        ),
        "index_mismatch",
    );
    // The organizer's decisions: after round (template, family), before the cards.
    {
        let mut with = plain.clone();
        with.insert(1, ("decisions".into(), DECISIONS.to_vec()));
        w.put(
            "package-with-decisions.rdpkg",
            &seal_with(&with, sample_recipients()),
            "ok",
        );
        let late: Vec<(&str, &[u8])> = [0, 1, 2, 3, 4, 5]
            .iter()
            .map(|&i| {
                let name = if i == 4 { "decisions" } else { names[i] };
                (name, entries[i].as_slice())
            })
            .collect();
        w.put(
            "package-decisions-after-the-cards.rdpkg",
            &forge(&manifest_body(&organizer(), &late), &[0, 1, 2, 3, 4, 5]),
            "malformed",
        );
        // The round's calendar: after the decisions, before the cards.
        with.insert(2, ("calendar".into(), CALENDAR.to_vec()));
        w.put(
            "package-with-calendar.rdpkg",
            &seal_with(&with, sample_recipients()),
            "ok",
        );
        let late: Vec<(&str, &[u8])> = [0, 1, 2, 3, 4, 5]
            .iter()
            .map(|&i| {
                let name = if i == 4 { "calendar" } else { names[i] };
                (name, entries[i].as_slice())
            })
            .collect();
        w.put(
            "package-calendar-after-the-cards.rdpkg",
            &forge(&manifest_body(&organizer(), &late), &[0, 1, 2, 3, 4, 5]),
            "malformed",
        );
    }
    w.put(
        "package-missing-entry.rdpkg",
        &forge(
            &manifest_body(&organizer(), &pairs(&[0, 1, 2, 3, 4])),
            &[0, 1, 2, 3, 4],
        ),
        "index_mismatch",
    );
    let dup = [pairs(&[0, 1, 2, 3, 4]), pairs(&[4])].concat();
    w.put(
        "package-duplicate-entry.rdpkg",
        &forge(&manifest_body(&organizer(), &dup), &[0, 1, 2, 3, 4, 4]),
        "duplicate_entry",
    );
    let m01 = entries[4].as_slice();
    for (file, bad, code) in [
        ("package-dotdot-name.rdpkg", "..", "bad_name"),
        ("package-absolute-name.rdpkg", "/etc/passwd", "bad_name"),
        ("package-backslash-name.rdpkg", "material.a\\b", "bad_name"),
        // Issue 17, item 6: names Windows reads as a drive, a device or another
        // name (a trailing dot or space is dropped).
        ("package-dotdot-path-name.rdpkg", "../evil.pdf", "bad_name"),
        ("package-drive-letter-name.rdpkg", "C:evil.pdf", "bad_name"),
        ("package-device-name-con.rdpkg", "CON", "bad_name"),
        ("package-device-name-nul-pdf.rdpkg", "NUL.pdf", "bad_name"),
        ("package-device-name-com1.rdpkg", "COM1", "bad_name"),
        ("package-device-name-lpt9-txt.rdpkg", "LPT9.txt", "bad_name"),
        (
            "package-trailing-dot-name.rdpkg",
            "material.M01.",
            "bad_name",
        ),
        // A space splits the manifest's `entry` line: refused before the name is read.
        (
            "package-trailing-space-name.rdpkg",
            "material.M01 ",
            "malformed",
        ),
        (
            "package-case-folded-duplicate.rdpkg",
            "material.m01",
            "duplicate_entry",
        ),
    ] {
        let sel = [pairs(&[0, 1, 2, 3, 4]), vec![(bad, m01)]].concat();
        w.put(
            file,
            &forge(&manifest_body(&organizer(), &sel), &[0, 1, 2, 3, 4, 4]),
            code,
        );
    }
    let nfc = [
        pairs(&[0, 1]),
        vec![("material.\u{e9}", m01), ("material.e\u{301}", m01)],
    ]
    .concat();
    w.put(
        "package-unicode-normalisation.rdpkg",
        &forge(&manifest_body(&organizer(), &nfc), &[0, 1, 4, 4]),
        "bad_name",
    );
    let body = manifest_body(&organizer(), &pairs(&[0, 1, 2, 3, 4, 5]));
    let over = body.replacen(
        &format!("material.M02 {} ", entries[5].len()),
        "material.M02 210763777 ",
        1,
    );
    w.put(
        "package-size-over-limit.rdpkg",
        &forge(&over, &[0, 1, 2, 3, 4, 5]),
        "too_large",
    );
    let many = body.replacen("entries: 6", "entries: 4097", 1);
    w.put(
        "package-too-many-entries.rdpkg",
        &forge(&many, &[0, 1, 2, 3, 4, 5]),
        "too_large",
    );
    let v2 = body.replacen(
        "reviewdesk-package-manifest/1",
        "reviewdesk-package-manifest/2",
        1,
    );
    w.put(
        "package-manifest-version-2.rdpkg",
        &forge(&v2, &[0, 1, 2, 3, 4, 5]),
        "unsupported_version",
    );
    let named_other = body.replacen(
        organizer().fingerprint().as_str(),
        expert().fingerprint().as_str(),
        1,
    );
    w.put(
        "package-organizer-line-names-another-key.rdpkg",
        &forge(&named_other, &[0, 1, 2, 3, 4, 5]),
        "signer_mismatch",
    );
    w.put(
        "package-sheet-signature-as-manifest.rdpkg",
        &assemble(
            &body,
            &organizer(),
            Namespace::Sheet,
            &bytes_of(&[0, 1, 2, 3, 4, 5]),
        ),
        "wrong_namespace",
    );
    w.put(
        "package-version-2.rdpkg",
        &[b"reviewdesk-package/2\n".as_slice(), &pkg[21..]].concat(),
        "unsupported_version",
    );
    w.put(
        "package-bad-magic.rdpkg",
        &[b"age-encryption.org/v1\n".as_slice(), &pkg[21..]].concat(),
        "bad_magic",
    );
    let mut huge_l = pkg.clone();
    huge_l[21..25].copy_from_slice(&0x0010_0001u32.to_be_bytes());
    w.put(
        "package-manifest-length-over-limit.rdpkg",
        &huge_l,
        "too_large",
    );
    w.put(
        "package-unknown-signer.rdpkg",
        &seal_by(&outsider(), &plain, sample_recipients()),
        "unknown_signer",
    );
    let for_others = vec![
        recipient("ORG", Role::Organizer, &organizer(), ORG_AGE),
        recipient("X99", Role::Expert, &outsider(), OUTSIDER_AGE),
    ];
    let not_for_me = seal_with(
        &[
            plain[0].clone(),
            ("card.ORG".into(), plain[1].1.clone()),
            ("card.X99".into(), b"placeholder card".to_vec()),
            plain[3].clone(),
        ],
        for_others,
    );
    w.put(
        "package-not-encrypted-to-this-key.rdpkg",
        &not_for_me,
        "not_a_recipient",
    );
    // A material encrypted to 65 recipients.
    {
        let ids: Vec<age::x25519::Identity> =
            (0..65).map(|_| age::x25519::Identity::generate()).collect();
        let rs: Vec<age::x25519::Recipient> = ids.iter().map(|i| i.to_public()).collect();
        let enc = age::Encryptor::with_recipients(rs.iter().map(|r| r as &dyn age::Recipient))
            .expect("encryptor");
        let mut c = Vec::new();
        let mut wr = enc.wrap_output(&mut c).expect("wrap");
        wr.write_all(&plain[3].1).expect("write");
        wr.finish().expect("finish");
        let sel = [
            pairs(&[0, 1, 2, 3]),
            vec![
                ("material.M01", c.as_slice()),
                ("material.M02", entries[5].as_slice()),
            ],
        ]
        .concat();
        let all = [bytes_of(&[0, 1, 2, 3]), vec![c.clone()], bytes_of(&[5])].concat();
        w.put(
            "package-too-many-stanzas.rdpkg",
            &assemble(
                &manifest_body(&organizer(), &sel),
                &organizer(),
                Namespace::PackageManifest,
                &all,
            ),
            "too_many_stanzas",
        );
    }
    // A material the index seals to the organizer only: E01 is not its reader.
    {
        let mut readers = everyone_reads(&plain, &sample_recipients());
        readers.insert("material.M01".into(), vec!["ORG".into()]);
        let pkg = seal_readers(&organizer(), &plain, sample_recipients(), readers);
        w.put(
            "package-material-not-sealed-to-this-reader.rdpkg",
            &pkg,
            "not_a_recipient",
        );
    }
    // The index seals M01 to ORG and E01; its age header has E01's stanza only.
    {
        let c = reviewdesk_formats::encrypt(&plain[3].1, &[identity(EXPERT_AGE).to_public()])
            .expect("encrypt");
        let sel = [
            pairs(&[0, 1, 2, 3]),
            vec![
                ("material.M01", c.as_slice()),
                ("material.M02", entries[5].as_slice()),
            ],
        ]
        .concat();
        let all = [bytes_of(&[0, 1, 2, 3]), vec![c.clone()], bytes_of(&[5])].concat();
        w.put(
            "package-fewer-stanzas-than-readers.rdpkg",
            &assemble(
                &manifest_body(&organizer(), &sel),
                &organizer(),
                Namespace::PackageManifest,
                &all,
            ),
            "index_mismatch",
        );
    }

    // Score sheets, bound to package-valid.rdpkg, read by the organizer after
    // sheet-valid.rdsheet (revision 2) was accepted.
    let binding = binding_of(&pkg);
    let e = expert();
    let sheet = |rev: u32, scores: &str| {
        reviewdesk_formats::Sheet::write(
            &reviewdesk_formats::SheetContent {
                expert: "E01",
                revision: rev,
                scores,
                audit: AUDIT,
            },
            &binding,
            &e,
        )
        .expect("sheet")
    };
    w.put("sheet-valid.rdsheet", &sheet(2, SCORES), "ok");
    w.put("sheet-newer-revision.rdsheet", &sheet(3, SCORES), "ok");
    w.put(
        "sheet-older-revision.rdsheet",
        &sheet(1, SCORES),
        "stale_revision",
    );
    w.put(
        "sheet-same-revision-other-scores.rdsheet",
        &sheet(2, &SCORES.replace("8.5", "9")),
        "stale_revision",
    );
    let other_pkg = sample_package();
    let other_binding = binding_of(&other_pkg);
    let other = reviewdesk_formats::Sheet::write(
        &reviewdesk_formats::SheetContent {
            expert: "E01",
            revision: 4,
            scores: SCORES,
            audit: AUDIT,
        },
        &other_binding,
        &e,
    )
    .expect("sheet");
    w.put(
        "sheet-bound-to-another-package.rdsheet",
        &other,
        "not_bound",
    );
    let head: String = reviewdesk_formats::audit_head(AUDIT)
        .expect("head")
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mhex: String = binding
        .manifest_sha256
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let raw = |expert: &'static str, signer: &Signer, head: &str, scores_len: usize| RawSheet {
        manifest: mhex.clone(),
        expert,
        signer: signer.fingerprint().to_string(),
        revision: 5,
        audit_head: head.to_string(),
        scores: SCORES,
        audit: AUDIT,
        scores_len,
    };
    let org_and_e01: Vec<_> = binding.roster.iter().map(|r| r.age.clone()).collect();
    let seal_sheet = |signer: &Signer, ns: Namespace, body: &str| {
        let signed = signer.sign_text(ns, body.as_bytes()).expect("sign");
        reviewdesk_formats::encrypt(&signed, &org_and_e01).expect("encrypt")
    };
    let good = raw("E01", &e, &head, SCORES.len()).body();
    armor_vectors(
        &mut w,
        "sheet",
        "rdsheet",
        &e.sign_text(Namespace::Sheet, good.as_bytes())
            .expect("sign"),
        &|s| reviewdesk_formats::encrypt(s, &org_and_e01).expect("encrypt"),
    );
    w.put(
        "sheet-forged-valid-revision-5.rdsheet",
        &seal_sheet(&e, Namespace::Sheet, &good),
        "ok",
    );
    {
        let signed = e
            .sign_text(Namespace::Sheet, good.as_bytes())
            .expect("sign");
        let tampered = String::from_utf8(signed)
            .expect("utf8")
            .replacen("8.5", "9.5", 1);
        w.put(
            "sheet-tampered-score.rdsheet",
            &reviewdesk_formats::encrypt(tampered.as_bytes(), &org_and_e01).expect("encrypt"),
            "bad_signature",
        );
    }
    w.put(
        "sheet-signed-by-outsider.rdsheet",
        &seal_sheet(
            &outsider(),
            Namespace::Sheet,
            &raw("E01", &outsider(), &head, SCORES.len()).body(),
        ),
        "unknown_signer",
    );
    w.put(
        "sheet-signed-as-another-person.rdsheet",
        &seal_sheet(
            &e,
            Namespace::Sheet,
            &raw("ORG", &e, &head, SCORES.len()).body(),
        ),
        "unknown_signer",
    );
    w.put(
        "sheet-signer-line-names-another-key.rdsheet",
        &seal_sheet(
            &e,
            Namespace::Sheet,
            &raw("E01", &organizer(), &head, SCORES.len()).body(),
        ),
        "signer_mismatch",
    );
    w.put(
        "sheet-audit-head-mismatch.rdsheet",
        &seal_sheet(
            &e,
            Namespace::Sheet,
            &raw("E01", &e, &"0".repeat(64), SCORES.len()).body(),
        ),
        "audit_mismatch",
    );
    w.put(
        "sheet-payload-length-mismatch.rdsheet",
        &seal_sheet(
            &e,
            Namespace::Sheet,
            &raw("E01", &e, &head, SCORES.len() + 1).body(),
        ),
        "malformed",
    );
    w.put(
        "sheet-keycard-signature-as-sheet.rdsheet",
        &seal_sheet(&e, Namespace::KeyCard, &good),
        "wrong_namespace",
    );
    {
        let signed = e
            .sign_text(Namespace::Sheet, good.as_bytes())
            .expect("sign");
        let only_expert = [identity(EXPERT_AGE).to_public()];
        w.put(
            "sheet-not-encrypted-to-this-key.rdsheet",
            &reviewdesk_formats::encrypt(&signed, &only_expert).expect("encrypt"),
            "not_a_recipient",
        );
    }
    bundles(&mut w);
    recheck_vectors(&mut w, kept_panel);
    println!("wrote {} vectors", w.count);
}

/// A `decisions` plaintext for the vectors: the formats crate carries it as bytes
/// (bound by the package index's hash); what it says is `reviewdesk-desk`'s to check.
const DECISIONS: &[u8] = b"reviewdesk-decisions/1\n{\"round\":\"gd-pool-2026-01\"}\n";

/// A `calendar` plaintext for the vectors (the round's calendar, `docs/formats.md`
/// "Sealed package"): carried as bytes, read by `reviewdesk-desk`.
const CALENDAR: &[u8] = "reviewdesk-calendar/1\nyears 2027\n2027-01-01 holiday 元旦\n".as_bytes();

/// Result bundles, read by the organizer (ORG's age identity), trusting the test
/// organizer's key; the package is sealed to ORG, the chair C01 and the expert E01.
fn bundles(w: &mut Writer) {
    let org = [identity(ORG_AGE)];
    let pkg = panel_package();
    let parts = BundleParts::of(&pkg);
    let valid = write_bundle(&parts.content(), &chair()).expect("bundle");
    w.put("bundle-valid.bundle", &valid, "ok");
    let container = reviewdesk_formats::decrypt("bundle", &valid, &org, 1 << 28).expect("plain");
    {
        let l = u32::from_be_bytes([container[20], container[21], container[22], container[23]]);
        let signed = container[24..24 + l as usize].to_vec();
        armor_vectors(w, "bundle", "bundle", &signed, &|s| {
            encrypt_bundle(&reframe(&container, 20, s))
        });
    }
    let sheet = [("sheet.E01", parts.sheet.as_slice())];
    let entries = parts.entries(&sheet);
    let c = chair();
    let forge = |body: &str, entries: &[(&str, &[u8])]| {
        encrypt_bundle(&assemble_bundle(
            body,
            &c,
            Namespace::BundleManifest,
            entries,
        ))
    };
    let body = bundle_manifest_body(&c, &parts.package_manifest, &entries);
    assert_eq!(
        assemble_bundle(&body, &c, Namespace::BundleManifest, &entries),
        container,
        "the test helpers assemble what write_bundle writes"
    );

    // Flipped bytes: in the signed manifest, in a sheet entry, in the ciphertext.
    w.put(
        "bundle-flipped-manifest.bundle",
        &encrypt_bundle(&flip(container.clone(), 24 + 60)),
        "bad_signature",
    );
    let l = u32::from_be_bytes([container[20], container[21], container[22], container[23]]);
    let sheet_at = 24
        + l as usize
        + entries[..4].iter().map(|(_, b)| b.len()).sum::<usize>()
        + parts.sheet.len() / 2;
    w.put(
        "bundle-flipped-sheet.bundle",
        &encrypt_bundle(&flip(container.clone(), sheet_at)),
        "hash_mismatch",
    );
    w.put(
        "bundle-flipped-ciphertext.bundle",
        &flip(valid.clone(), valid.len() - 20),
        "decrypt_failed",
    );
    // A score changed in the sheet, the bundle manifest signed again over it: the
    // sheet's own signature fails.
    let tampered = String::from_utf8(parts.sheet.clone())
        .expect("utf8")
        .replacen("8.5", "9.5", 1)
        .into_bytes();
    let t = [("sheet.E01", tampered.as_slice())];
    let te = parts.entries(&t);
    w.put(
        "bundle-tampered-sheet-resigned-manifest.bundle",
        &forge(&bundle_manifest_body(&c, &parts.package_manifest, &te), &te),
        "bad_signature",
    );
    // A sheet bound to another package (same id and round, another manifest).
    {
        let other = BundleParts::of(&panel_package());
        let o = [("sheet.E01", other.sheet.as_slice())];
        let oe = parts.entries(&o);
        w.put(
            "bundle-sheet-bound-to-another-package.bundle",
            &forge(&bundle_manifest_body(&c, &parts.package_manifest, &oe), &oe),
            "not_bound",
        );
    }
    // E01's sheet filed as another person's.
    let renamed = [("sheet.C01", parts.sheet.as_slice())];
    let re = parts.entries(&renamed);
    w.put(
        "bundle-sheet-under-another-name.bundle",
        &forge(&bundle_manifest_body(&c, &parts.package_manifest, &re), &re),
        "signer_mismatch",
    );
    // Signed by someone who is not the package's chair.
    let x = outsider();
    w.put(
        "bundle-chair-not-in-roster.bundle",
        &encrypt_bundle(&assemble_bundle(
            &bundle_manifest_body(&x, &parts.package_manifest, &entries),
            &x,
            Namespace::BundleManifest,
            &entries,
        )),
        "unknown_signer",
    );
    w.put(
        "bundle-chair-line-names-another-key.bundle",
        &encrypt_bundle(&assemble_bundle(
            &body,
            &x,
            Namespace::BundleManifest,
            &entries,
        )),
        "signer_mismatch",
    );
    w.put(
        "bundle-sheet-signature-as-manifest.bundle",
        &encrypt_bundle(&assemble_bundle(&body, &c, Namespace::Sheet, &entries)),
        "wrong_namespace",
    );
    // Missing, extra and duplicate entries.
    let missing: Vec<(&str, &[u8])> = entries
        .iter()
        .copied()
        .filter(|(n, _)| *n != "opinions")
        .collect();
    w.put(
        "bundle-missing-entry.bundle",
        &forge(
            &bundle_manifest_body(&c, &parts.package_manifest, &missing),
            &missing,
        ),
        "malformed",
    );
    let extra = [entries.clone(), vec![("notes", b"x\n".as_slice())]].concat();
    w.put(
        "bundle-extra-entry.bundle",
        &forge(
            &bundle_manifest_body(&c, &parts.package_manifest, &extra),
            &extra,
        ),
        "malformed",
    );
    let twice = [sheet[0], sheet[0]];
    let dup = parts.entries(&twice);
    w.put(
        "bundle-duplicate-entry.bundle",
        &forge(
            &bundle_manifest_body(&c, &parts.package_manifest, &dup),
            &dup,
        ),
        "duplicate_entry",
    );
    // The container's length.
    w.put(
        "bundle-truncated.bundle",
        &encrypt_bundle(&container[..container.len() - 1]),
        "truncated",
    );
    w.put(
        "bundle-trailing-data.bundle",
        &encrypt_bundle(&[container.as_slice(), b"\0"].concat()),
        "trailing_data",
    );
    w.put(
        "bundle-version-2.bundle",
        &encrypt_bundle(&[b"reviewdesk-bundle/2\n".as_slice(), &container[20..]].concat()),
        "unsupported_version",
    );
    w.put(
        "bundle-a-package-inside.bundle",
        &encrypt_bundle(&pkg),
        "bad_magic",
    );
    // Who it is encrypted to.
    w.put(
        "bundle-not-encrypted-to-this-key.bundle",
        &reviewdesk_formats::encrypt(&container, &[identity(CHAIR_AGE).to_public()])
            .expect("encrypt"),
        "not_a_recipient",
    );
    w.put(
        "bundle-also-encrypted-to-an-outsider.bundle",
        &reviewdesk_formats::encrypt(
            &container,
            &[
                identity(ORG_AGE).to_public(),
                identity(CHAIR_AGE).to_public(),
                identity(OUTSIDER_AGE).to_public(),
            ],
        )
        .expect("encrypt"),
        "index_mismatch",
    );
    // The package's parts: a template that is not the package's, an index signed
    // by someone else, a package sealed by someone the reader does not trust.
    let mut other_template = parts.template.clone();
    other_template.extend_from_slice(b"decimals = 3\n");
    let mut ot = parts.entries(&sheet);
    ot[3] = ("template", other_template.as_slice());
    w.put(
        "bundle-template-not-the-packages.bundle",
        &forge(&bundle_manifest_body(&c, &parts.package_manifest, &ot), &ot),
        "hash_mismatch",
    );
    let (ib, _) = split_signed_text(&parts.package_index).expect("split");
    let index_by_x = x.sign_text(Namespace::PackageIndex, ib).expect("sign");
    let mut ix = parts.entries(&sheet);
    ix[1] = ("package-index", index_by_x.as_slice());
    w.put(
        "bundle-index-signed-by-another-key.bundle",
        &forge(&bundle_manifest_body(&c, &parts.package_manifest, &ix), &ix),
        "signer_mismatch",
    );
    // The organizer's decisions, carried after the template when the package
    // lists them: the package's bytes, or refused.
    {
        let mut plain = panel_plaintexts();
        let at = plain
            .iter()
            .position(|(n, _)| n == "template")
            .expect("template")
            + 1;
        plain.insert(at, ("decisions".into(), DECISIONS.to_vec()));
        let dp = BundleParts::of(&seal_with(&plain, panel_recipients()));
        let ds = [("sheet.E01", dp.sheet.as_slice())];
        let with = |d: Option<&[u8]>| {
            let mut e = dp.entries(&ds);
            if let Some(d) = d {
                e.insert(4, ("decisions", d));
            }
            forge(&bundle_manifest_body(&c, &dp.package_manifest, &e), &e)
        };
        w.put("bundle-with-decisions.bundle", &with(Some(DECISIONS)), "ok");
        let altered = String::from_utf8_lossy(DECISIONS)
            .replace("gd-pool", "gd-POOL")
            .into_bytes();
        w.put(
            "bundle-decisions-not-the-packages.bundle",
            &with(Some(&altered)),
            "hash_mismatch",
        );
        w.put(
            "bundle-decisions-left-out.bundle",
            &with(None),
            "index_mismatch",
        );
        let mut extra = parts.entries(&sheet);
        extra.insert(4, ("decisions", DECISIONS));
        w.put(
            "bundle-decisions-the-package-does-not-list.bundle",
            &forge(
                &bundle_manifest_body(&c, &parts.package_manifest, &extra),
                &extra,
            ),
            "index_mismatch",
        );
    }
    // The round's calendar, carried after the decisions when the package lists
    // it: the package's bytes, or refused.
    {
        let mut plain = panel_plaintexts();
        let at = plain
            .iter()
            .position(|(n, _)| n == "template")
            .expect("template")
            + 1;
        plain.insert(at, ("decisions".into(), DECISIONS.to_vec()));
        plain.insert(at + 1, ("calendar".into(), CALENDAR.to_vec()));
        let cp = BundleParts::of(&seal_with(&plain, panel_recipients()));
        let cs = [("sheet.E01", cp.sheet.as_slice())];
        let with = |cal: Option<&[u8]>| {
            let mut e = cp.entries(&cs);
            e.insert(4, ("decisions", DECISIONS));
            if let Some(cal) = cal {
                e.insert(5, ("calendar", cal));
            }
            forge(&bundle_manifest_body(&c, &cp.package_manifest, &e), &e)
        };
        w.put("bundle-with-calendar.bundle", &with(Some(CALENDAR)), "ok");
        let altered = String::from_utf8_lossy(CALENDAR)
            .replace("holiday", "workday")
            .into_bytes();
        w.put(
            "bundle-calendar-not-the-packages.bundle",
            &with(Some(&altered)),
            "hash_mismatch",
        );
        w.put(
            "bundle-calendar-left-out.bundle",
            &with(None),
            "index_mismatch",
        );
    }
    let foreign = BundleParts::of(&seal_by(&x, &panel_plaintexts(), panel_recipients()));
    w.put(
        "bundle-package-sealed-by-an-untrusted-key.bundle",
        &write_bundle(&foreign.content(), &c).expect("bundle"),
        "unknown_signer",
    );
}

/// Re-check requests (issue 18, part 4), bound to package-panel.rdpkg (roster ORG,
/// chair C01, E01), read by E01.
fn recheck_vectors(w: &mut Writer, kept_panel: Option<Vec<u8>>) {
    let panel = kept_panel.unwrap_or_else(panel_package);
    w.put("package-panel.rdpkg", &panel, "ok");
    let binding = binding_of(&panel);
    let c = chair();
    let flags = sample_flags();
    let valid = reviewdesk_formats::Recheck::write(
        &reviewdesk_formats::RecheckContent {
            expert: "E01",
            sequence: 1,
            flags: &flags,
        },
        &binding,
        &c,
    )
    .expect("request");
    w.put("recheck-valid.rdrecheck", &valid, "ok");
    let rest = "expert: E01\nsequence: 1\nflags: 2\n\
                flag: A01 written w1 9.5 6.25 3.25\nnote: 请核对案例部分的评分依据\n\
                flag: A03 defense * 78 61.5 16.5\n";
    let body = recheck_body(&binding, &c, rest);
    let ns = Namespace::Recheck;
    w.put(
        "recheck-forged-valid.rdrecheck",
        &recheck_file(&c, ns, &body),
        "ok",
    );
    w.put(
        "recheck-signed-by-the-expert.rdrecheck",
        &recheck_file(&expert(), ns, &recheck_body(&binding, &expert(), rest)),
        "unknown_signer",
    );
    w.put(
        "recheck-signed-by-an-outsider.rdrecheck",
        &recheck_file(&outsider(), ns, &recheck_body(&binding, &outsider(), rest)),
        "unknown_signer",
    );
    w.put(
        "recheck-sheet-namespace.rdrecheck",
        &recheck_file(&c, Namespace::Sheet, &body),
        "wrong_namespace",
    );
    let signed = c.sign_text(ns, body.as_bytes()).expect("sign");
    let tampered = String::from_utf8(signed)
        .expect("utf8")
        .replace("9.5 6.25 3.25", "9.0 6.25 2.75");
    w.put(
        "recheck-tampered-value.rdrecheck",
        &reviewdesk_formats::encrypt(
            tampered.as_bytes(),
            &[
                identity(CHAIR_AGE).to_public(),
                identity(EXPERT_AGE).to_public(),
            ],
        )
        .expect("encrypt"),
        "bad_signature",
    );
    let hexed: String = binding
        .manifest_sha256
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let other_manifest = body.replace(&hexed, &"ab".repeat(32));
    w.put(
        "recheck-bound-to-another-package.rdrecheck",
        &recheck_file(&c, ns, &other_manifest),
        "not_bound",
    );
    let other_round = body.replace(
        &format!("round: {}\n", binding.round),
        "round: another-round\n",
    );
    w.put(
        "recheck-other-round.rdrecheck",
        &recheck_file(&c, ns, &other_round),
        "not_bound",
    );
    let names_expert = body.replace(
        &format!("chair: {}", c.fingerprint()),
        &format!("chair: {}", expert().fingerprint()),
    );
    w.put(
        "recheck-chair-line-names-another-key.rdrecheck",
        &recheck_file(&c, ns, &names_expert),
        "signer_mismatch",
    );
    let forged = |name: &str, rest: &str, code: &str| {
        (
            name.to_owned(),
            recheck_file(&c, ns, &recheck_body(&binding, &c, rest)),
            code.to_owned(),
        )
    };
    for (name, bytes, code) in [
        forged(
            "recheck-expert-not-on-roster.rdrecheck",
            &rest.replace("expert: E01", "expert: X99"),
            "malformed",
        ),
        forged(
            "recheck-flags-out-of-order.rdrecheck",
            "expert: E01\nsequence: 1\nflags: 2\n\
             flag: A03 defense * 78 61.5 16.5\nflag: A01 written w1 9.5 6.25 3.25\n",
            "malformed",
        ),
        forged(
            "recheck-one-cell-twice.rdrecheck",
            "expert: E01\nsequence: 1\nflags: 2\n\
             flag: A01 written w1 9.5 6.25 3.25\nflag: A01 written w1 9.5 6.25 3.25\n",
            "malformed",
        ),
        forged(
            "recheck-decimal-not-normalized.rdrecheck",
            &rest.replace("9.5 6.25 3.25", "9.50 6.25 3.25"),
            "malformed",
        ),
        forged(
            "recheck-zero-flags.rdrecheck",
            "expert: E01\nsequence: 1\nflags: 0\n",
            "malformed",
        ),
        forged(
            "recheck-more-flag-lines-than-counted.rdrecheck",
            &rest.replace("flags: 2", "flags: 1"),
            "malformed",
        ),
        forged(
            "recheck-empty-note.rdrecheck",
            &rest.replace("note: 请核对案例部分的评分依据", "note: "),
            "malformed",
        ),
        forged(
            "recheck-sequence-0.rdrecheck",
            &rest.replace("sequence: 1", "sequence: 0"),
            "malformed",
        ),
        forged(
            "recheck-too-many-flags.rdrecheck",
            &rest.replace("flags: 2", "flags: 4097"),
            "too_large",
        ),
    ] {
        w.put(&name, &bytes, &code);
    }
    let v2 = body.replace("reviewdesk-recheck/1", "reviewdesk-recheck/2");
    w.put(
        "recheck-version-2.rdrecheck",
        &recheck_file(&c, ns, &v2),
        "unsupported_version",
    );
    let chair_only = reviewdesk_formats::encrypt(
        &c.sign_text(ns, body.as_bytes()).expect("sign"),
        &[identity(CHAIR_AGE).to_public()],
    )
    .expect("encrypt");
    w.put(
        "recheck-not-encrypted-to-this-key.rdrecheck",
        &chair_only,
        "not_a_recipient",
    );
}
