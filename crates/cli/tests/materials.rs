//! `reviewdesk round materials`, `round material-reason` and `round check` through
//! the real binary, on a copy of the demo round with real PDF, PNG and JPEG files:
//! a .docx refuses the whole import, unmatched files are listed, a re-run changes
//! nothing, a stale test report blocks sealing until a reason is recorded.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn reviewdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reviewdesk"))
        .args(args)
        .output()
        .unwrap()
}

fn demo() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo")
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.path().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// The demo round with an application deadline (2026-03-31) and a local copy of its
/// template that requires a business licence and limits test reports to 24 months
/// and audit reports to 12.
fn round_dir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&demo(), tmp.path());
    let round = fs::read_to_string(tmp.path().join("round.toml"))
        .unwrap()
        .replace(
            "template = \"gd-supplier-recognition\"\n",
            "template = \"gd-supplier-recognition\"\napplication_deadline = \"2026-03-31\"\n",
        );
    fs::write(tmp.path().join("round.toml"), round).unwrap();
    let template = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../assets/templates/gd-supplier-recognition.toml"),
    )
    .unwrap()
    .replacen(
        "format = ",
        "required_materials = [\"business_license\"]\nformat = ",
        1,
    )
        + "\n[[freshness]]\nkind = \"test_report\"\nmax_age_months = 24\n\n[[freshness]]\nkind = \"audit_report\"\nmax_age_months = 12\n";
    fs::write(tmp.path().join("template.toml"), template).unwrap();
    tmp
}

/// A materials folder: real files from the demo, each made distinct by a trailing
/// comment, plus a .docx and a file naming no applicant.
fn folder(with_docx: bool) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let src = demo().join("materials");
    let put = |rel: &str, from: &str, tag: &str| {
        let path = tmp.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut bytes = fs::read(src.join(from)).unwrap();
        bytes.extend_from_slice(format!("\n% {tag}\n").as_bytes());
        fs::write(path, bytes).unwrap();
    };
    put("A01/营业执照.pdf", "A01-application.pdf", "licence");
    put(
        "91440300MA5W7WKKHD-检测报告-2023-03-01.pdf",
        "A02-test-report.pdf",
        "stale",
    );
    put(
        "佛山数研智造科技有限公司 现场照片.png",
        "A06-vision-station-photo.png",
        "photo",
    );
    put(
        "A05/审计报告20250630.jpg",
        "A01-workshop-photo.jpg",
        "audit",
    );
    put("某某公司应用案例.pdf", "A01-case-study.pdf", "nobody");
    fs::write(tmp.path().join(".DS_Store"), b"junk").unwrap();
    if with_docx {
        fs::create_dir_all(tmp.path().join("A04")).unwrap();
        fs::write(
            tmp.path().join("A04/申报书.docx"),
            b"PK\x03\x04word/document.xml",
        )
        .unwrap();
    }
    tmp
}

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_docx_refuses_the_import_and_nothing_is_written() {
    let dir = round_dir();
    let d = dir.path().to_str().unwrap();
    let files = folder(true);
    let before = fs::read(dir.path().join("round.toml")).unwrap();
    let materials_before = listing(&dir.path().join("materials"));
    let o = reviewdesk(&["round", "materials", d, files.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("错误: A04/申报书.docx: 不是 PDF 或图片（PNG、JPEG），拒收：请转换为 PDF"),
        "{err}"
    );
    assert!(
        err.contains("警告: 某某公司应用案例.pdf: 未匹配到任何申报单位"),
        "{err}"
    );
    assert!(err.contains("materials_refused"), "{err}");
    assert_eq!(fs::read(dir.path().join("round.toml")).unwrap(), before);
    assert_eq!(listing(&dir.path().join("materials")), materials_before);
}

#[test]
fn import_rerun_reason_and_check() {
    let dir = round_dir();
    let d = dir.path().to_str().unwrap();
    let files = folder(false);
    let f = files.path().to_str().unwrap();
    let before = fs::read_to_string(dir.path().join("round.toml")).unwrap();

    let o = reviewdesk(&["round", "materials", d, f, "--lang", "en"]);
    let out = String::from_utf8(o.stdout).unwrap();
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    for line in [
        "added M09 A02 test report 2023-03-01 A02-91440300MA5W7WKKHD-检测报告-2023-03-01.pdf ← 91440300MA5W7WKKHD-检测报告-2023-03-01.pdf",
        "added M10 A01 business license - A01-营业执照.pdf ← A01/营业执照.pdf",
        "added M11 A05 audit report 2025-06-30 A05-审计报告20250630.jpg ← A05/审计报告20250630.jpg",
        "added M12 A03 photo - A03-佛山数研智造科技有限公司 现场照片.png ← 佛山数研智造科技有限公司 现场照片.png",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
    assert!(
        err.contains("warning: 某某公司应用案例.pdf: matches no applicant"),
        "{err}"
    );
    assert!(
        err.contains("missing required material: A02: business license"),
        "{err}"
    );
    assert!(!err.contains("A01: business"), "{err}");
    let after = fs::read_to_string(dir.path().join("round.toml")).unwrap();
    // Everything before is kept byte for byte; the new tables follow the last one.
    assert!(after.starts_with(&before), "{after}");
    assert_eq!(after.matches("[[material]]").count(), 12);
    assert!(after.contains("title = \"营业执照\""), "{after}");
    assert!(dir.path().join("materials/A01-营业执照.pdf").is_file());

    // A re-run updates by content: no duplicate, no change.
    let o = reviewdesk(&["round", "materials", d, f, "--lang", "en"]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(out.contains("updated M10 A01 business license"), "{out}");
    assert_eq!(
        fs::read_to_string(dir.path().join("round.toml")).unwrap(),
        after
    );

    // The test report issued three years before the deadline blocks sealing.
    let o = reviewdesk(&["round", "check", d, "--lang", "en"]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("stale material: M09 (A02) issued 2023-03-01, before 2024-03-31 (24 months before the application deadline)"),
        "{out}"
    );
    assert!(
        out.contains("stale material: M04 (A02) has no date of issue"),
        "{out}"
    );
    assert!(
        out.contains("missing required material: A02 has no business license"),
        "{out}"
    );
    assert!(!out.contains("M11"), "fresh audit report: {out}");

    let o = reviewdesk(&[
        "round",
        "material-reason",
        d,
        "M09",
        "复测报告在办，暂以原报告为准",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let text = fs::read_to_string(dir.path().join("round.toml")).unwrap();
    assert!(
        text.contains("stale_reason = \"复测报告在办，暂以原报告为准\""),
        "{text}"
    );
    assert!(text.starts_with(&before));
    let o = reviewdesk(&["round", "check", d]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(!out.contains("M09"), "{out}");
    assert!(out.contains("材料过期：M04（A02）没有出具日期"), "{out}");
}

#[test]
fn the_demo_round_is_ready_to_seal() {
    let o = reviewdesk(&["round", "check", demo().to_str().unwrap(), "--lang", "en"]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("(the template names no required material kinds)"),
        "{out}"
    );
    assert!(out.contains("Ready to seal"), "{out}");
}

#[test]
fn a_broken_copy_lists_every_blocker() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&demo(), dir.path());
    let text = fs::read_to_string(dir.path().join("round.toml"))
        .unwrap()
        .replace("ruling = \"upheld\"", "ruling = \"pending\"")
        .replace(
            "[[assignment]]\nexpert = \"E03\"\napplicant = \"A03\"\n\n",
            "",
        )
        .replace(
            "[[assignment]]\nexpert = \"E04\"\napplicant = \"A03\"\n\n",
            "",
        );
    fs::write(dir.path().join("round.toml"), text).unwrap();
    fs::remove_file(dir.path().join("cards/E05.card")).unwrap();
    let o = reviewdesk(&[
        "round",
        "check",
        dir.path().to_str().unwrap(),
        "--lang",
        "en",
    ]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(o.status.code(), Some(1), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        &lines[..3],
        [
            "recusal request not ruled on: A04 asks E03 to recuse",
            "missing key card: cards/E05.card",
            "too few experts: A03 has 2, the template's quorum is 3",
        ],
        "{out}"
    );
}
