//! `split_signed_text` and `verify_signed_text` on arbitrary bytes, in every
//! namespace, trusting the fixed test keys, any key, or their fingerprints; what
//! verifies has the one canonical armor.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reviewdesk_formats::{split_signed_text, verify_signed_text, Namespace, Trusted};
use reviewdesk_fuzz::{expert, organizer};

const NAMESPACES: [Namespace; 5] = [
    Namespace::KeyCard,
    Namespace::PackageManifest,
    Namespace::PackageIndex,
    Namespace::Sheet,
    Namespace::BundleManifest,
];

fuzz_target!(|data: &[u8]| {
    let split = split_signed_text(data);
    if let Ok((body, armor)) = split {
        // The signed bytes are the body exactly, and the armor is the rest.
        assert_eq!(body.len() + armor.len(), data.len());
        assert_eq!([body, armor].concat(), data);
    }
    let keys = [
        organizer().public_key().clone(),
        expert().public_key().clone(),
    ];
    let fps = [organizer().fingerprint(), expert().fingerprint()];
    for ns in NAMESPACES {
        for trusted in [
            Trusted::Keys(&keys),
            Trusted::AnyKey,
            Trusted::Fingerprints(&fps),
        ] {
            if let Ok(v) = verify_signed_text(data, ns, trusted) {
                let (body, _) = split.as_ref().expect("verified but does not split");
                assert_eq!(v.body, *body);
                let _ = v.fingerprint();
                // Issue 17: only the canonical armor verifies — LF only, base64
                // lines of exactly 70 characters but the last (1–70), no blank line.
                let lines: Vec<&[u8]> = v.armor.split(|&b| b == b'\n').collect();
                let b64 = &lines[1..lines.len() - 2];
                assert!(!v.armor.contains(&b'\r'), "CR in a verified armor");
                let (last, full) = b64.split_last().expect("base64 lines");
                assert!(full.iter().all(|l| l.len() == 70), "line width");
                assert!((1..=70).contains(&last.len()), "last line");
            }
        }
    }
});
