//! `reviewdesk round advance|sample|substitute` through the real binary, on what
//! `reviewdesk demo --out` leaves (the authored round folder, its whole package and
//! the chair's bundle) with the committed DEMO keys; no keyring. The library's
//! end-to-end test of the same steps is `crates/desk/tests/stages.rs`.

use std::path::Path;

use reviewdesk_formats::{Identity, KeyCard, Role, Signer};

mod common;
use common::{s, text, Home};

/// The refusals this test checks.
trait Fails {
    fn fails(&self, code: i32, args: &[&str]) -> String;
}

impl Fails for Home {
    fn fails(&self, code: i32, args: &[&str]) -> String {
        let o = self.run(args);
        assert_eq!(
            o.status.code(),
            Some(code),
            "{args:?}:\n{}{}",
            text(&o.stdout),
            text(&o.stderr)
        );
        text(&o.stderr)
    }
}

#[test]
fn the_organizer_closes_a_stage_takes_no_draw_and_adds_a_substitute() {
    let home = Home::new();
    let out = home.path("demo");
    home.ok(&["demo", "--out", s(&out)]);
    let round = out.join("round");
    let bundle = out.join("result.rdbundle");
    // The organizer's DEMO keys (the bundled round's keys/).
    let keys = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo/keys");
    let org_key = keys.join("ORG.key");
    let org_age = keys.join("ORG.age");
    let keyargs = ["--signing-key", s(&org_key), "--identity", s(&org_age)];

    // The list only: written closed, defense next; nothing in the round changes.
    let before = std::fs::read(round.join("round.toml")).unwrap();
    let list = home.path("list");
    let mut args = vec![
        "--lang",
        "en",
        "round",
        "advance",
        s(&round),
        "--bundle",
        s(&bundle),
    ];
    args.extend(keyargs);
    args.extend(["--list-only", "-o", s(&list)]);
    let printed = home.ok(&args);
    assert!(
        printed.contains("Closing stage written, opening stage defense"),
        "{printed}"
    );
    assert!(printed.contains("A01  "), "{printed}");
    assert!(std::fs::read(list.join("advance.pdf"))
        .unwrap()
        .starts_with(b"%PDF-"));
    let csv = std::fs::read_to_string(list.join("advance.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}No.,id,Applicant"), "{csv}");
    assert_eq!(std::fs::read(round.join("round.toml")).unwrap(), before);

    // Closing it: revision 2 sealed with its hand-out list, the advance list in
    // round.toml (Chinese output by default).
    let next = home.path("next");
    let mut args = vec!["round", "advance", s(&round), "--bundle", s(&bundle)];
    args.extend(keyargs);
    args.extend(["-o", s(&next)]);
    let printed = home.ok(&args);
    assert!(printed.contains("已封装第 2 版评审包"), "{printed}");
    let chair: Vec<_> = std::fs::read_dir(next.join("chair")).unwrap().collect();
    assert_eq!(chair.len(), 1, "the whole round's package for the chair");
    assert!(next.join("experts/E01.rdpkg").is_file());
    assert!(next.join("handout.csv").is_file() && next.join("advance.csv").is_file());
    let toml = std::fs::read_to_string(round.join("round.toml")).unwrap();
    assert!(toml.contains("[[advance]]") && toml.contains("stage = \"defense\""));
    assert!(toml.contains("package_revision = 2"), "{toml}");
    home.ok(&["verify", s(&next.join("experts/E01.rdpkg"))]);
    let shown = home.ok(&[
        "--lang",
        "en",
        "inspect",
        s(&next.join("experts/E01.rdpkg")),
    ]);
    assert!(shown.contains("Revision: 2"), "{shown}");

    // The demo template samples no stage: no draw to take over (exit 1, Chinese).
    let mut args = vec!["round", "sample", s(&round), "--bundle", s(&bundle)];
    args.extend(keyargs);
    let sample_out = home.path("sample");
    args.extend(["-o", s(&sample_out)]);
    let err = home.fails(1, &args);
    assert!(err.contains("[no_draw]") && err.contains("抽签"), "{err}");

    // A substitute for A01, keeping everyone else's packages: revision 3.
    let sub_signer = Signer::from_ed25519_seed(&[77; 32]);
    let sub_age = Identity::generate();
    let card = KeyCard::write("替补专家", Role::Expert, &sub_signer, &sub_age.to_public()).unwrap();
    let card_path = home.path("sub.card");
    std::fs::write(&card_path, card).unwrap();
    let sub_out = home.path("substitute");
    let whole = out.join("round.rdpkg");
    let mut args = vec![
        "--lang",
        "en",
        "round",
        "substitute",
        s(&round),
        "--card",
        s(&card_path),
        "--for",
        "A01",
        "--affiliation",
        "华南测试学院",
        "--field-zh",
        "工业软件",
        "--field-en",
        "Industrial software",
        "--previous",
        s(&whole),
    ];
    args.extend(keyargs);
    args.extend(["-o", s(&sub_out)]);
    let printed = home.ok(&args);
    assert!(printed.contains("Substitute E06 added"), "{printed}");
    assert!(printed.contains("Sealed package revision 3"), "{printed}");
    assert!(sub_out.join("experts/E06.rdpkg").is_file());
    assert!(!sub_out.join("experts/E01.rdpkg").exists());
    assert!(round.join("cards/E06.card").is_file());

    // The same card again: its key is on the panel now (exit 1, nothing written).
    let toml = std::fs::read(round.join("round.toml")).unwrap();
    let again = home.path("again");
    let pos = args.iter().position(|a| *a == s(&sub_out)).unwrap();
    args[pos] = s(&again);
    let err = home.fails(1, &args);
    assert!(err.contains("bad_cards"), "{err}");
    assert_eq!(std::fs::read(round.join("round.toml")).unwrap(), toml);
}
