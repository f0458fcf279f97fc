//! The package workflow through the real binary: seal the demo round, inspect,
//! verify (and fail on a flipped byte, naming the part), export a signature that the
//! real `ssh-keygen -Y verify` checks, export a material that the real `age -d`
//! opens, per-expert packages, and sheets signed, verified and shown.
//! Keys are the demo round's public DEMO keys (`assets/demo/keys/`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn reviewdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reviewdesk"))
        .args(args)
        .output()
        .expect("runs")
}

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo")
}

fn key(name: &str) -> String {
    demo().join("keys").join(name).display().to_string()
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Runs and expects success, returning stdout.
fn ok(args: &[&str]) -> String {
    let o = reviewdesk(args);
    assert!(
        o.status.success(),
        "reviewdesk {args:?} failed:\n{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    text(&o.stdout)
}

/// Runs and expects failure with exit code 1, returning stderr.
fn fails(args: &[&str]) -> String {
    let o = reviewdesk(args);
    assert_eq!(
        o.status.code(),
        Some(1),
        "reviewdesk {args:?} should fail:\n{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    text(&o.stderr)
}

/// Seals the demo round into `dir/demo.rdpkg` (and per-expert packages into `dir/per`).
fn seal(dir: &Path) -> PathBuf {
    let out = dir.join("demo.rdpkg");
    ok(&[
        "seal",
        &s(&demo()),
        "--signing-key",
        &key("ORG.key"),
        "-o",
        &s(&out),
        "--per-expert",
        &s(&dir.join("per")),
    ]);
    out
}

fn flip(path: &Path, at: usize) -> PathBuf {
    let mut bytes = std::fs::read(path).unwrap();
    let at = at.min(bytes.len() - 1);
    bytes[at] ^= 0x01;
    let out = path.with_extension(format!("flipped{at}"));
    std::fs::write(&out, bytes).unwrap();
    out
}

const ORG_FP: &str = "SHA256:DO39ImbnXQ8ksuZQ1N8IcJ6oxz6TJh5MV5BL5Xai2zo";

#[test]
fn a_sealed_demo_round_inspects_and_verifies() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = seal(tmp.path());
    let out = ok(&["--lang", "en", "inspect", &s(&pkg)]);
    for want in [
        "gd-pool-2026-01",
        ORG_FP,
        "material.M08",
        "card.E05",
        "Recipients: 7",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let out = ok(&[
        "--lang",
        "en",
        "inspect",
        &s(&pkg),
        "--identity",
        &key("E02.age"),
    ]);
    let m01 = std::fs::metadata(demo().join("materials/A01-application.pdf"))
        .unwrap()
        .len()
        .to_string();
    assert!(
        out.contains(&m01),
        "plaintext size of M01 ({m01}) in\n{out}"
    );
    ok(&["verify", &s(&pkg)]);
    ok(&["verify", &s(&pkg), "--organizer", ORG_FP]);
    // The chair reads no materials: verified by hash and recipient count only.
    let out = ok(&[
        "--lang",
        "en",
        "verify",
        &s(&pkg),
        "--identity",
        &key("C01.age"),
    ]);
    assert!(
        out.contains("Entries not sealed to you") && out.contains("(8): material.M01"),
        "{out}"
    );
    // The organizer's decisions, read and checked against the round.
    let decisions = out
        .lines()
        .find(|l| l.starts_with("Organizer's decisions: "));
    assert!(
        decisions
            .is_some_and(|l| l.contains("8 applicants (8 passed")
                && l.contains("1 recusal requests (1 upheld")),
        "{out}"
    );
    // The round's calendar the package carries, read strictly.
    assert!(
        out.contains("Working-day calendar (years): 2024, 2025, 2026"),
        "{out}"
    );
    let out = ok(&["inspect", &s(&pkg), "--identity", &key("C01.age")]);
    assert!(
        out.contains("主办方决定: 申报单位 8 家（形式审查通过 8") && out.contains("予以回避 1"),
        "{out}"
    );
    // A04's request against E03 was upheld: M06 is sealed to the others only.
    let out = ok(&[
        "--lang",
        "en",
        "inspect",
        &s(&pkg),
        "--identity",
        &key("E03.age"),
    ]);
    let m06 = out.lines().find(|l| l.contains("material.M06")).unwrap();
    assert!(m06.contains("ORG E01 E02 E04 E05"), "{out}");
    let round = out.lines().find(|l| l.contains(" round ")).unwrap();
    assert!(round.contains("every recipient"), "{out}");
    let out = ok(&[
        "--lang",
        "en",
        "verify",
        &s(&pkg),
        "--identity",
        &key("E03.age"),
    ]);
    // M06 (A04: recused) and M08 (A06: not assigned).
    assert!(out.contains("(2): material.M06 material.M08"), "{out}");
    let enc = pkg.with_extension("m06.age");
    ok(&["export-encrypted", &s(&pkg), "M06", "-o", &s(&enc)]);
    let age = |id: &str| {
        Command::new("age")
            .args(["-d", "-i", &key(id), &s(&enc)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("Debian's age")
            .success()
    };
    assert!(!age("E03.age") && !age("C01.age") && age("E01.age") && age("ORG.age"));
    let err = fails(&[
        "verify",
        &s(&pkg),
        "--organizer",
        "SHA256:VkT2hagc2hauRsbyGE41Qq5KAgo4R8Gcm9gZW26x4r8",
    ]);
    assert!(
        err.contains("unknown_signer") && err.contains(ORG_FP),
        "{err}"
    );
}

#[test]
fn a_flipped_byte_fails_verification_naming_the_part() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = seal(tmp.path());
    let len = std::fs::metadata(&pkg).unwrap().len() as usize;
    // The last byte belongs to the last entry, material.M08.
    let err = fails(&["verify", &s(&flip(&pkg, len - 1))]);
    assert!(
        err.contains("条目 `material.M08`") && err.contains("[hash_mismatch]"),
        "{err}"
    );
    // Byte 40 is inside the signed manifest body.
    let err = fails(&["verify", &s(&flip(&pkg, 40))]);
    assert!(
        err.contains("清单") && err.contains("[bad_signature]"),
        "{err}"
    );
    // Truncation.
    let bytes = std::fs::read(&pkg).unwrap();
    let cut = tmp.path().join("cut.rdpkg");
    std::fs::write(&cut, &bytes[..len - 10]).unwrap();
    let err = fails(&["verify", &s(&cut)]);
    assert!(err.contains("truncated"), "{err}");
    // Not a package at all.
    let err = fails(&["verify", &s(&demo().join("round.toml"))]);
    assert!(err.contains("bad_magic"), "{err}");
}

#[test]
fn an_exported_manifest_signature_checks_with_ssh_keygen() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = seal(tmp.path());
    let dir = tmp.path().join("sig");
    let out = ok(&["export-signature", &s(&pkg), "-o", &s(&dir)]);
    let cmd = out.lines().last().unwrap().to_string();
    assert!(
        cmd.starts_with("ssh-keygen -Y verify -f ")
            && cmd.contains("-n reviewdesk-package-manifest@v1")
            && cmd.contains(ORG_FP),
        "{cmd}"
    );
    let run = |c: &str| {
        Command::new("sh")
            .args(["-c", c])
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let o = run(&cmd);
    assert!(o.status.success(), "{}{}", text(&o.stdout), text(&o.stderr));
    // A flipped byte in the payload: ssh-keygen refuses.
    let payload = dir.join("package-manifest");
    let mut bytes = std::fs::read(&payload).unwrap();
    bytes[30] ^= 1;
    std::fs::write(&payload, bytes).unwrap();
    let o = run(&cmd);
    assert!(!o.status.success(), "ssh-keygen accepted a flipped byte");
}

#[test]
fn an_exported_material_decrypts_with_age() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = seal(tmp.path());
    let out = tmp.path().join("M01.age");
    ok(&["export-encrypted", &s(&pkg), "M01", "-o", &s(&out)]);
    let o = Command::new("age")
        .args(["-d", "-i", &key("E04.age"), &s(&out)])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(
        o.stdout,
        std::fs::read(demo().join("materials/A01-application.pdf")).unwrap()
    );
    // An identity that is not a recipient fails.
    let outsider = tmp.path().join("outsider.age");
    let g = Command::new("age-keygen")
        .args(["-o", &s(&outsider)])
        .output()
        .unwrap();
    assert!(g.status.success());
    let o = Command::new("age")
        .args(["-d", "-i", &s(&outsider), &s(&out)])
        .output()
        .unwrap();
    assert!(!o.status.success());
    // An unknown material is named.
    let err = fails(&["export-encrypted", &s(&pkg), "M99", "-o", &s(&out)]);
    assert!(
        err.contains("no_such_entry") && err.contains("M99"),
        "{err}"
    );
}

#[test]
fn a_per_expert_package_holds_only_that_experts_applicants() {
    let tmp = tempfile::tempdir().unwrap();
    seal(tmp.path());
    let pkg = tmp.path().join("per/E03.rdpkg");
    let out = ok(&[
        "--lang",
        "en",
        "inspect",
        &s(&pkg),
        "--identity",
        &key("E03.age"),
    ]);
    // E03 reviews A01-A05, A07, A08; A04's request that E03 recuse was upheld, so
    // A04's business licence (M06) is not in; A06's photo (M08) never was.
    for want in [
        "material.M01",
        "material.M07",
        "card.E03",
        "card.C01",
        "card.ORG",
    ] {
        assert!(out.contains(want), "missing {want} in\n{out}");
    }
    for absent in ["material.M06", "material.M08", "card.E01", "card.E05"] {
        assert!(!out.contains(absent), "{absent} leaked into\n{out}");
    }
    // Another expert cannot open it.
    let err = fails(&["verify", &s(&pkg), "--identity", &key("E01.age")]);
    assert!(err.contains("not_a_recipient"), "{err}");
    // The round entry names only E03's applicants.
    let round = tmp.path().join("round.age");
    ok(&["export-encrypted", &s(&pkg), "round", "-o", &s(&round)]);
    let o = Command::new("age")
        .args(["-d", "-i", &key("E03.age"), &s(&round)])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let toml = text(&o.stdout);
    assert!(toml.contains("广州云擎工业软件有限公司"), "{toml}");
    // A04 stays listed, with its upheld request, so E03 declares the recusal; its
    // materials do not come along.
    assert!(
        toml.contains("东莞鼎安工控安全技术有限公司") && toml.contains("ruling = \"upheld\""),
        "{toml}"
    );
    for absent in [
        "\"A06\"",
        "\"M06\"",
        "A04-business-license.png",
        "\"E01\"",
        "\"E05\"",
    ] {
        assert!(!toml.contains(absent), "{absent} leaked into\n{toml}");
    }
    ok(&["verify", &s(&pkg), "--identity", &key("E03.age")]);
}

/// E01's part: every assigned applicant declared, one score.
const SCORES: &str = r#"{"expert":"E01","declarations":[{"applicant":"A01"},{"applicant":"A02"},{"applicant":"A03"},{"applicant":"A04"},{"applicant":"A05"},{"applicant":"A06"},{"applicant":"A07"},{"applicant":"A08"}],"scores":[{"applicant":"A01","stage":"written","indicator":"w_basic","value":"8.5"}]}"#;

#[test]
fn a_signed_sheet_verifies_and_shows() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = seal(tmp.path());
    let scores = tmp.path().join("scores.json");
    std::fs::write(&scores, SCORES).unwrap();
    let sheet = tmp.path().join("E01.rdsheet");
    let sign = |signing: &str, identity: &str, package: &Path, out: &Path| {
        reviewdesk(&[
            "sheet",
            "sign",
            "--package",
            &s(package),
            "--signing-key",
            &key(signing),
            "--identity",
            &key(identity),
            "--input",
            &s(&scores),
            "--workspace",
            &s(&tmp.path().join(format!("workspace-{signing}"))),
            "--trust",
            ORG_FP,
            "-o",
            &s(out),
        ])
    };
    // Signed twice at the desk: revision 2.
    for _ in 0..2 {
        let o = sign("E01.key", "E01.age", &pkg, &sheet);
        assert!(o.status.success(), "{}", text(&o.stderr));
    }
    // The chair verifies it as the merge would take it, and is told what was
    // checked and what was not; the expert shows it.
    let out = ok(&[
        "--lang",
        "en",
        "verify",
        &s(&sheet),
        "--package",
        &s(&pkg),
        "--identity",
        &key("C01.age"),
    ]);
    assert!(
        out.contains("Checked:")
            && out.contains("the scores are one JSON object, of the expert who signed (E01)")
            && out.contains("Not checked:"),
        "{out}"
    );
    let out = ok(&[
        "--lang",
        "en",
        "sheet",
        "show",
        &s(&sheet),
        "--identity",
        &key("E01.age"),
        "--package",
        &s(&pkg),
    ]);
    assert!(
        out.contains("Expert: E01") && out.contains("Revision: 2") && out.contains("\"8.5\""),
        "{out}"
    );
    // Another expert cannot read it.
    let err = fails(&[
        "verify",
        &s(&sheet),
        "--package",
        &s(&pkg),
        "--identity",
        &key("E02.age"),
    ]);
    assert!(err.contains("not_a_recipient"), "{err}");
    // Bound to this package only: against E01's per-expert package it is refused.
    let other = tmp.path().join("per/E01.rdpkg");
    let err = fails(&[
        "verify",
        &s(&sheet),
        "--package",
        &s(&other),
        "--identity",
        &key("C01.age"),
    ]);
    assert!(err.contains("not_bound"), "{err}");
    // The chair cannot sign as an expert.
    let o = sign("C01.key", "C01.age", &pkg, &tmp.path().join("x.rdsheet"));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("[not_an_expert]"),
        "{}",
        text(&o.stderr)
    );
    assert!(!tmp.path().join("x.rdsheet").exists());
    // Its signature checks with ssh-keygen too.
    let dir = tmp.path().join("sheet-sig");
    let out = ok(&[
        "export-signature",
        &s(&sheet),
        "-o",
        &s(&dir),
        "--package",
        &s(&pkg),
        "--identity",
        &key("C01.age"),
    ]);
    let cmd = out.lines().last().unwrap();
    assert!(cmd.contains("-n reviewdesk-sheet@v1"), "{cmd}");
    let o = Command::new("sh").args(["-c", cmd]).output().unwrap();
    assert!(o.status.success(), "{}{}", text(&o.stdout), text(&o.stderr));
    // A flipped byte in the sheet file fails.
    let len = std::fs::metadata(&sheet).unwrap().len() as usize;
    let err = fails(&[
        "verify",
        &s(&flip(&sheet, len - 5)),
        "--package",
        &s(&pkg),
        "--identity",
        &key("C01.age"),
    ]);
    assert!(
        err.contains("评分表") && err.contains("[decrypt_failed]"),
        "{err}"
    );
}

#[test]
fn bad_arguments_are_refused() {
    let o = reviewdesk(&["seal", &s(&demo()), "--signing-key", &key("ORG.key")]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    let tmp = tempfile::tempdir().unwrap();
    // An expert's key cannot seal: it is not the organizer's card.
    let err = fails(&[
        "seal",
        &s(&demo()),
        "--signing-key",
        &key("E01.key"),
        "-o",
        &s(&tmp.path().join("x.rdpkg")),
    ]);
    assert!(err.contains("wrong_signing_key"), "{err}");
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[test]
fn help_lists_the_package_commands_and_chinese_is_the_default() {
    let out = ok(&["--help"]);
    for c in [
        "seal",
        "inspect",
        "verify",
        "sheet",
        "export-signature",
        "export-encrypted",
    ] {
        assert!(out.contains(c), "missing {c} in\n{out}");
    }
    let tmp = tempfile::tempdir().unwrap();
    let pkg = seal(tmp.path());
    let out = ok(&["verify", &s(&pkg), "--identity", &key("E01.age")]);
    assert!(
        out.contains("校验通过") && out.contains("评审包编号"),
        "{out}"
    );
    // What was checked, and what is left to `import`, said in Chinese.
    assert!(
        out.contains("已核对：")
            && out.contains("round.toml 读取并校验")
            && out.contains("未核对：")
            && out.contains("由 reviewdesk import 检查"),
        "{out}"
    );
    // Without an identity, what was not decrypted is said too.
    let out = ok(&["verify", &s(&pkg)]);
    assert!(out.contains("没有解密任何条目"), "{out}");
}

/// `seal --handout DIR`: every package in its place, each verifying, and the
/// hand-out list naming each file with its holder's fingerprint; a folder that is
/// not empty is refused and left as it was.
#[test]
fn sealing_for_hand_out_writes_the_family_and_the_list() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("分发");
    let printed = ok(&[
        "seal",
        &s(&demo()),
        "--signing-key",
        &key("ORG.key"),
        "--handout",
        &s(&out),
        "--lang",
        "en",
    ]);
    assert!(printed.contains("hand-out list"), "{printed}");
    let csv = std::fs::read_to_string(out.join("handout.csv")).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 7, "{csv}");
    assert!(rows[0].starts_with("\u{feff}Id,Name,Role,File,Key fingerprint"));
    assert!(
        rows[1].starts_with("C01,")
            && rows[1].contains(",chair,chair/gd-pool-2026-01.rdpkg,SHA256:")
    );
    for (i, e) in ["E01", "E02", "E03", "E04", "E05"].iter().enumerate() {
        assert!(rows[i + 2].starts_with(&format!("{e},")), "{}", rows[i + 2]);
        let pkg = out.join(format!("experts/{e}.rdpkg"));
        ok(&["verify", &s(&pkg)]);
        let size = std::fs::metadata(&pkg).unwrap().len().to_string();
        assert!(
            rows[i + 2].ends_with(&format!(",{size}")),
            "{}",
            rows[i + 2]
        );
    }
    ok(&["verify", &s(&out.join("chair/gd-pool-2026-01.rdpkg"))]);
    assert!(std::fs::read(out.join("handout.pdf"))
        .unwrap()
        .starts_with(b"%PDF-"));

    let before = std::fs::read(out.join("handout.csv")).unwrap();
    let err = fails(&[
        "seal",
        &s(&demo()),
        "--signing-key",
        &key("ORG.key"),
        "--handout",
        &s(&out),
    ]);
    assert!(err.contains("output_not_empty"), "{err}");
    assert_eq!(std::fs::read(out.join("handout.csv")).unwrap(), before);
}

/// Issue 17, item 4: a 2 GB file that starts like a key card (or is an age file
/// named as a sheet or bundle) is refused by its size, before it is read.
#[test]
fn a_huge_card_sheet_or_bundle_is_refused_before_it_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, head) in [
        ("big.card", b"reviewdesk-keycard/1\n".as_slice()),
        ("big.rdsheet", b"age-encryption.org/v1\n".as_slice()),
        ("big.rdbundle", b"age-encryption.org/v1\n".as_slice()),
    ] {
        let p = tmp.path().join(name);
        std::fs::write(&p, head).unwrap();
        std::fs::OpenOptions::new()
            .write(true)
            .open(&p)
            .unwrap()
            .set_len(2 << 30)
            .unwrap();
        let started = std::time::Instant::now();
        for cmd in ["verify", "inspect"] {
            let err = fails(&[cmd, &s(&p), "--identity", &key("ORG.age")]);
            assert!(err.contains("too_large"), "{cmd} {name}: {err}");
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{name}"
        );
    }
}
