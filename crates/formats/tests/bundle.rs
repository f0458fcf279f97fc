//! Result bundles: written by the chair, read back by the organizer and the chair,
//! refused when written by anyone else, and what the reader hands out.

mod common;

use common::*;
use reviewdesk_formats::{write_bundle, FormatError, OpenedBundle, Trusted};

fn code<T>(r: Result<T, FormatError>) -> &'static str {
    r.map_or_else(|e| e.code().as_str(), |_| "ok")
}

#[test]
fn a_bundle_reads_back_for_the_organizer_and_the_chair() {
    let parts = BundleParts::of(&panel_package());
    let file = write_bundle(&parts.content(), &chair()).expect("bundle");
    let org = [organizer().public_key().clone()];
    for who in [ORG_AGE, CHAIR_AGE] {
        let b = OpenedBundle::open(&file, &[identity(who)], Trusted::Keys(&org)).expect("opens");
        assert_eq!(b.chair.person, "C01");
        assert_eq!(b.manifest.chair, chair().fingerprint());
        assert_eq!(b.recipient_count, 2);
        assert_eq!(b.sheets.len(), 1);
        assert_eq!(b.sheets[0].expert, "E01");
        assert_eq!(b.sheets[0].revision, 2);
        assert_eq!(b.round(), parts.round.as_slice());
        assert_eq!(b.template(), parts.template.as_slice());
        assert_eq!(b.merge_input(), parts.merge_input.as_slice());
        assert_eq!(b.draw(), parts.draw.as_slice());
        assert_eq!(b.entry("sheet.E01"), Some(parts.sheet.as_slice()));
        assert_eq!(b.entry("sheet.E02"), None);
        let names: Vec<&str> = b.manifest.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "package-manifest",
                "package-index",
                "round",
                "template",
                "sheet.E01",
                "merge-input",
                "merge-output",
                "opinions",
                "draw"
            ]
        );
        // Written again from what was read: the same container.
        let again = write_bundle(&b.content(), &chair()).expect("again");
        let b2 = OpenedBundle::open(&again, &[identity(who)], Trusted::AnyKey).expect("opens");
        assert_eq!(b2.container(), b.container());
    }
    assert_eq!(
        code(OpenedBundle::open(
            &file,
            &[identity(EXPERT_AGE)],
            Trusted::AnyKey
        )),
        "not_a_recipient"
    );
    // Pinned to another organizer: the package's manifest is refused, named.
    let other = [outsider().public_key().clone()];
    let err = OpenedBundle::open(&file, &[identity(ORG_AGE)], Trusted::Keys(&other)).unwrap_err();
    assert_eq!(err.code(), "unknown_signer");
    assert!(err.to_string().contains("package-manifest"), "{err}");
}

#[test]
fn only_the_packages_chair_writes_a_bundle_and_only_with_the_packages_sheets() {
    let parts = BundleParts::of(&panel_package());
    assert_eq!(
        code(write_bundle(&parts.content(), &expert())),
        "unwritable"
    );
    assert_eq!(
        code(write_bundle(&parts.content(), &outsider())),
        "unwritable"
    );
    let other = BundleParts::of(&panel_package());
    let mut content = parts.content();
    content.sheets = vec![&other.sheet];
    let err = write_bundle(&content, &chair()).unwrap_err();
    assert!(err.to_string().contains("not for this package"), "{err}");
    content.sheets = vec![];
    assert_eq!(code(write_bundle(&content, &chair())), "unwritable");
    content.sheets = vec![&parts.sheet, &parts.sheet];
    assert_eq!(code(write_bundle(&content, &chair())), "unwritable");
    let mut content = parts.content();
    content.opinions = b"";
    assert_eq!(code(write_bundle(&content, &chair())), "unwritable");
}

#[test]
fn errors_inside_an_entry_name_it() {
    let parts = BundleParts::of(&panel_package());
    let other = BundleParts::of(&panel_package());
    let sheet = [("sheet.E01", other.sheet.as_slice())];
    let entries = parts.entries(&sheet);
    let body = bundle_manifest_body(&chair(), &parts.package_manifest, &entries);
    let file = encrypt_bundle(&assemble_bundle(
        &body,
        &chair(),
        reviewdesk_formats::Namespace::BundleManifest,
        &entries,
    ));
    let err = OpenedBundle::open(&file, &[identity(CHAIR_AGE)], Trusted::AnyKey).unwrap_err();
    assert_eq!(err.code(), "not_bound");
    assert!(err.to_string().starts_with("entry sheet.E01: "), "{err}");
    assert!(matches!(err.innermost(), FormatError::NotBound { .. }));
}

/// E01's sheet (revision 1) bound to `pkg`, as the chair decrypts it.
fn sheet_bound_to(pkg: &[u8]) -> Vec<u8> {
    let file = reviewdesk_formats::Sheet::write(
        &reviewdesk_formats::SheetContent {
            expert: "E01",
            revision: 1,
            scores: SCORES,
            audit: AUDIT,
        },
        &binding_of(pkg),
        &expert(),
    )
    .expect("sheet");
    reviewdesk_formats::decrypt("sheet", &file, &[identity(CHAIR_AGE)], 1 << 24).expect("sheet")
}

#[test]
fn a_sheet_of_a_per_expert_package_counts_only_through_the_family_and_for_its_expert() {
    use reviewdesk_formats::{Family, FamilyMember, OpenedPackage};
    let per_expert = seal_with(&panel_plaintexts(), panel_recipients());
    let per = OpenedPackage::open(std::io::Cursor::new(&per_expert), Trusted::AnyKey).unwrap();
    let sheet = sheet_bound_to(&per_expert);
    let whole_with = |expert: &str| {
        let family = Family {
            members: vec![FamilyMember {
                expert: expert.into(),
                package: per.manifest.package,
                manifest_sha256: per.manifest_sha256(),
            }],
        }
        .to_text();
        let mut plain = panel_plaintexts();
        plain.insert(2, ("family".into(), family.clone().into_bytes()));
        (seal_with(&plain, panel_recipients()), family)
    };
    let org = [organizer().public_key().clone()];

    // The family names E01's package: E01's sheet goes in, and the bundle carries
    // the family right after the template.
    let (whole, family) = whole_with("E01");
    let mut parts = BundleParts::of(&whole);
    parts.sheet = sheet.clone();
    let mut content = parts.content();
    content.family = Some(family.as_bytes());
    let file = write_bundle(&content, &chair()).expect("bundle");
    let b = OpenedBundle::open(&file, &[identity(ORG_AGE)], Trusted::Keys(&org)).expect("opens");
    assert_eq!(b.sheets[0].expert, "E01");
    assert_eq!(b.binding.family.len(), 1);
    assert_eq!(b.manifest.entries[4].name, "family");
    assert_eq!(b.content().family, Some(family.as_bytes()));

    // Without the family the same sheet is bound to nothing the bundle knows.
    content.family = None;
    let err = write_bundle(&content, &chair()).unwrap_err();
    assert_eq!(err.code(), "unwritable");
    assert!(
        err.to_string()
            .contains("bound to the package whose manifest SHA-256"),
        "{err}"
    );

    // A family that names the package as E02's: E01 may not sign against it.
    let (whole, family) = whole_with("E02");
    let mut parts = BundleParts::of(&whole);
    parts.sheet = sheet;
    let mut content = parts.content();
    content.family = Some(family.as_bytes());
    let err = write_bundle(&content, &chair()).unwrap_err();
    assert!(err.to_string().contains("sealed for expert E02"), "{err}");

    // The family is the package's: another one is a hash mismatch.
    let (whole, _) = whole_with("E01");
    let mut parts = BundleParts::of(&whole);
    parts.sheet = sheet_bound_to(&whole);
    let other = Family::default().to_text();
    let mut content = parts.content();
    content.family = Some(other.as_bytes());
    let err = write_bundle(&content, &chair()).unwrap_err();
    assert!(err.to_string().contains("family"), "{err}");
}

/// The organizer's decisions (`decisions`): the bundle carries the package's bytes
/// after the template (and the family); another text, a missing one or one the
/// package does not list is refused, even in a bundle the chair signed.
#[test]
fn a_bundle_carries_the_packages_decisions_byte_for_byte() {
    let decisions = b"reviewdesk-decisions/1\n{\"round\":\"R1\"}\n".to_vec();
    let mut plain = panel_plaintexts();
    let at = plain.iter().position(|(n, _)| n == "template").unwrap() + 1;
    plain.insert(at, ("decisions".into(), decisions.clone()));
    let pkg = seal_with(&plain, panel_recipients());
    let parts = BundleParts::of(&pkg);
    let org = [organizer().public_key().clone()];
    let open = |file: &[u8]| OpenedBundle::open(file, &[identity(ORG_AGE)], Trusted::Keys(&org));

    let mut content = parts.content();
    content.decisions = Some(&decisions);
    let file = write_bundle(&content, &chair()).expect("bundle");
    let b = open(&file).expect("opens");
    assert_eq!(b.manifest.entries[4].name, "decisions");
    assert_eq!(b.decisions(), Some(decisions.as_slice()));
    assert_eq!(b.content().decisions, Some(decisions.as_slice()));

    // The chair's writer refuses a bundle without them, or with other bytes.
    content.decisions = None;
    let err = write_bundle(&content, &chair()).unwrap_err();
    assert!(err.to_string().contains("decisions"), "{err}");
    let altered = b"reviewdesk-decisions/1\n{\"round\":\"R2\"}\n".to_vec();
    content.decisions = Some(&altered);
    assert_eq!(code(write_bundle(&content, &chair())), "unwritable");

    // Forged past the writer (a chair who signs anything): the reader refuses.
    let c = chair();
    let sheet = [("sheet.E01", parts.sheet.as_slice())];
    let forge = |decisions: Option<&[u8]>| {
        let mut entries = parts.entries(&sheet);
        if let Some(d) = decisions {
            entries.insert(4, ("decisions", d));
        }
        let body = bundle_manifest_body(&c, &parts.package_manifest, &entries);
        encrypt_bundle(&assemble_bundle(
            &body,
            &c,
            reviewdesk_formats::Namespace::BundleManifest,
            &entries,
        ))
    };
    assert_eq!(code(open(&forge(Some(&decisions)))), "ok");
    assert_eq!(code(open(&forge(Some(&altered)))), "hash_mismatch");
    let err = open(&forge(None)).unwrap_err();
    assert_eq!(err.code().as_str(), "index_mismatch");
    assert!(err.to_string().contains("`decisions`"), "{err}");

    // Carried for a package that has none.
    let plain_parts = BundleParts::of(&panel_package());
    let mut entries = plain_parts.entries(&[("sheet.E01", plain_parts.sheet.as_slice())]);
    entries.insert(4, ("decisions", decisions.as_slice()));
    let body = bundle_manifest_body(&c, &plain_parts.package_manifest, &entries);
    let file = encrypt_bundle(&assemble_bundle(
        &body,
        &c,
        reviewdesk_formats::Namespace::BundleManifest,
        &entries,
    ));
    assert_eq!(code(open(&file)), "index_mismatch");
}

/// Issue 17, item 4: a container read from a stream (holding only what is trusted
/// so far) is accepted exactly when the whole reader accepts it, cut anywhere or
/// with a byte more; and a package sealed by another organizer is refused having
/// read no more than the signed manifest and the package's manifest.
#[test]
fn a_streamed_container_is_read_as_the_whole_one_and_trusted_before_it_is_held() {
    let parts = BundleParts::of(&panel_package());
    let file = write_bundle(&parts.content(), &chair()).expect("bundle");
    let org = [organizer().public_key().clone()];
    let container = OpenedBundle::open(&file, &[identity(ORG_AGE)], Trusted::Keys(&org))
        .expect("opens")
        .container()
        .to_vec();
    let streamed = OpenedBundle::open_container_from(container.as_slice(), Trusted::Keys(&org))
        .expect("streamed");
    assert_eq!(streamed.container(), container.as_slice());
    let mut longer = container.clone();
    longer.push(b'\n');
    let step = (container.len() / 97).max(1);
    let cuts = (0..container.len())
        .step_by(step)
        .map(|n| container[..n].to_vec());
    for bytes in cuts.chain([longer]) {
        let whole = code(OpenedBundle::open_container(
            bytes.clone(),
            Trusted::Keys(&org),
        ));
        let stream = code(OpenedBundle::open_container_from(
            bytes.as_slice(),
            Trusted::Keys(&org),
        ));
        assert_eq!(
            whole == "ok",
            stream == "ok",
            "{} bytes: {whole} / {stream}",
            bytes.len()
        );
        assert_ne!(stream, "ok", "{} bytes", bytes.len());
    }
    // Another organizer pinned: refused at the package's manifest; what follows it
    // (here: nothing at all) is never read.
    let other = [outsider().public_key().clone()];
    let pm = streamed.manifest.entries[0].size as usize;
    let head = container.len()
        - streamed
            .manifest
            .entries
            .iter()
            .map(|e| e.size as usize)
            .sum::<usize>();
    let err = OpenedBundle::open_container_from(&container[..head + pm], Trusted::Keys(&other))
        .unwrap_err();
    assert_eq!(err.code(), "unknown_signer", "{err}");
}
