//! Property tests: what is written reads back the same, and a change to any signed
//! byte is caught.

mod common;

use common::*;
use proptest::prelude::*;
use reviewdesk_formats::{verify_signed_text, KeyCard, Namespace, Role, Trusted};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn signed_text_round_trips_and_any_flipped_body_byte_fails(body in "[ -~\n]{0,300}", flip in any::<prop::sample::Index>()) {
        let body = format!("reviewdesk-sheet/1\n{body}\n");
        let signed = expert().sign_text(Namespace::Sheet, body.as_bytes()).expect("sign");
        let keys = [expert().public_key().clone()];
        let v = verify_signed_text(&signed, Namespace::Sheet, Trusted::Keys(&keys)).expect("verify");
        prop_assert_eq!(v.body, body.as_bytes());
        let mut bad = signed.clone();
        let i = flip.index(body.len());
        bad[i] ^= 0x01;
        prop_assert!(verify_signed_text(&bad, Namespace::Sheet, Trusted::Keys(&keys)).is_err());
    }

    #[test]
    fn key_card_round_trips(name in "[\\p{Han}A-Za-z·]([\\p{Han}A-Za-z· ]{0,40}[\\p{Han}A-Za-z·])?", role in 0..3u8) {
        let role = [Role::Expert, Role::Chair, Role::Organizer][role as usize];
        let card = KeyCard::write(&name, role, &expert(), &identity(EXPERT_AGE).to_public()).expect("write");
        let read = KeyCard::read(&card).expect("read");
        prop_assert_eq!(&read.name, &name);
        prop_assert_eq!(read.role, role);
        prop_assert_eq!(read.fingerprint(), expert().fingerprint());
        prop_assert_eq!(read.age_recipient.to_string(), identity(EXPERT_AGE).to_public().to_string());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn package_round_trips(materials in prop::collection::vec(prop::collection::vec(any::<u8>(), 1..3000), 1..5)) {
        let mut plain = sample_plaintexts();
        plain.retain(|(n, _)| !n.starts_with("material."));
        for (i, m) in materials.iter().enumerate() {
            plain.push((format!("material.M{i:02}"), m.clone()));
        }
        let pkg = seal_with(&plain, sample_recipients());
        for id in [EXPERT_AGE, ORG_AGE] {
            let opened = open_fully(&pkg, &[identity(id)]).expect("open");
            prop_assert_eq!(&opened, &plain);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn sheet_round_trips_and_only_newer_revisions_are_accepted(
        scores in "\\PC{0,200}",
        audit in prop::collection::vec("[ -~]{0,60}", 0..6),
        revision in 1..u32::MAX,
    ) {
        use reviewdesk_formats::{Sheet, SheetContent, SheetLedger};
        let audit: String = audit.iter().map(|l| format!("{l}\n")).collect();
        let scores = format!("{scores}\n");
        let binding = binding_of(&sample_package());
        let content = SheetContent { expert: "E01", revision, scores: &scores, audit: &audit };
        let file = Sheet::write(&content, &binding, &expert()).expect("write");
        for id in [ORG_AGE, EXPERT_AGE] {
            let sheet = Sheet::open(&file, &[identity(id)], &binding).expect("open");
            prop_assert_eq!(&sheet.scores, &scores);
            prop_assert_eq!(&sheet.audit, &audit);
            prop_assert_eq!(sheet.revision, revision);
        }
        let mut ledger = SheetLedger::default();
        let sheet = Sheet::open(&file, &[identity(ORG_AGE)], &binding).expect("open");
        ledger.accept(sheet.clone()).expect("first");
        ledger.accept(sheet).expect("the same sheet again");
        let older = SheetContent { revision: revision - 1, ..content.clone() };
        if older.revision > 0 {
            let f = Sheet::write(&older, &binding, &expert()).expect("write");
            let s = Sheet::open(&f, &[identity(ORG_AGE)], &binding).expect("open");
            prop_assert_eq!(ledger.accept(s).unwrap_err().code(), "stale_revision");
        }
    }
}
