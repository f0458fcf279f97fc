//! Result bundles: written by the chair, read back by the organizer and the chair,
//! refused when written by anyone else, and what the reader hands out.

mod common;

use common::*;
use reviewdesk_formats::{write_bundle, FormatError, OpenedBundle, Trusted};

fn code<T>(r: Result<T, FormatError>) -> &'static str {
    r.map_or_else(|e| e.code(), |_| "ok")
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
    assert!(err.to_string().contains("not to this one"), "{err}");
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
