//! Issue 17, item 9: refusals come out in the user's language. A sample of the
//! refusals people meet — an empty file, a truncated one, a flipped byte, a sheet
//! given to `import`, a package not sealed to the key given, a truncated sheet —
//! run end to end with the default language: each prints `[code]` and a Chinese
//! message with no English sentence (`reviewdesk_core::zh_message_problem`), and
//! with `--lang en` an English one.

mod common;

use std::path::{Path, PathBuf};

use common::{s, text, Home};
use reviewdesk_core::{en_message_problem, zh_message_problem};

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo")
}

fn key(name: &str) -> String {
    demo().join("keys").join(name).display().to_string()
}

/// Runs a refusal in Chinese (the default) and in English; checks the exit code,
/// the `[code]` and both messages; returns the Chinese one.
fn refused(home: &Home, args: &[&str], code: &str) -> String {
    let o = home.run(args);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
    let line = err
        .lines()
        .find(|l| l.starts_with("reviewdesk: 错误："))
        .unwrap_or_else(|| panic!("{args:?}: no error line in {err}"));
    let message = line
        .strip_prefix(&format!("reviewdesk: 错误：[{code}] "))
        .unwrap_or_else(|| panic!("{args:?}: not [{code}]: {line}"));
    assert!(
        zh_message_problem(message).is_none(),
        "{args:?}: {:?}",
        zh_message_problem(message)
    );
    let mut en_args = vec!["--lang", "en"];
    en_args.extend_from_slice(args);
    let o = home.run(&en_args);
    let en = text(&o.stderr);
    assert!(en.contains(&format!("[{code}] ")), "{en_args:?}: {en}");
    assert!(en_message_problem(&en).is_none(), "{en_args:?}: {en}");
    message.to_string()
}

fn cut(path: &Path, keep: usize, name: &str) -> PathBuf {
    let bytes = std::fs::read(path).unwrap();
    let out = path.with_file_name(name);
    std::fs::write(&out, &bytes[..keep.min(bytes.len())]).unwrap();
    out
}

#[test]
fn refusals_are_said_in_chinese_by_default() {
    let home = Home::new();
    let pkg = home.path("demo.rdpkg");
    let per = home.path("per");
    home.ok(&[
        "seal",
        s(&demo()),
        "--signing-key",
        &key("ORG.key"),
        "-o",
        s(&pkg),
        "--per-expert",
        s(&per),
    ]);

    // An empty file: said to be empty, not "not a ReviewDesk package".
    let empty = home.path("empty.rdpkg");
    std::fs::write(&empty, b"").unwrap();
    let m = refused(&home, &["verify", s(&empty)], "empty_file");
    assert!(m.starts_with("文件为空"), "{m}");

    // A package cut short: truncated, said so.
    let len = std::fs::metadata(&pkg).unwrap().len() as usize;
    let short = cut(&pkg, len / 2, "short.rdpkg");
    let m = refused(&home, &["verify", s(&short)], "truncated");
    assert!(m.contains("文件不完整（被截断）"), "{m}");

    // One flipped byte near the end (inside a material's ciphertext).
    let mut bytes = std::fs::read(&pkg).unwrap();
    let at = bytes.len() - 100;
    bytes[at] ^= 0x01;
    let flipped = home.path("flipped.rdpkg");
    std::fs::write(&flipped, bytes).unwrap();
    let m = refused(&home, &["verify", s(&flipped)], "hash_mismatch");
    assert!(
        m.contains("已损坏或被篡改") && m.contains("重新索取"),
        "{m}"
    );

    // A package not sealed to the key given: E02 opens E01's per-expert package.
    let e01 = per.join("E01.rdpkg");
    let m = refused(
        &home,
        &["verify", s(&e01), "--identity", &key("E02.age")],
        "not_a_recipient",
    );
    assert!(m.contains("无法用您的密钥打开"), "{m}");

    // A sheet, then the sheet cut short (its one age chunk no longer
    // authenticates: damaged, cut short or tampered, said so), then the sheet
    // given to `import`.
    let scores = home.path("scores.json");
    std::fs::write(
        &scores,
        r#"{"expert":"E01","declarations":[{"applicant":"A01"},{"applicant":"A02"},{"applicant":"A03"},{"applicant":"A04"},{"applicant":"A05"},{"applicant":"A06"},{"applicant":"A07"},{"applicant":"A08"}],"scores":[],"verdicts":[]}"#,
    )
    .unwrap();
    let sheet = home.path("E01.rdsheet");
    home.ok(&[
        "sheet",
        "sign",
        "--package",
        s(&e01),
        "--signing-key",
        &key("E01.key"),
        "--identity",
        &key("E01.age"),
        "--input",
        s(&scores),
        "--workspace",
        s(&home.path("ws-E01")),
        "--trust",
        "SHA256:DO39ImbnXQ8ksuZQ1N8IcJ6oxz6TJh5MV5BL5Xai2zo",
        "-o",
        s(&sheet),
    ]);
    let sheet_len = std::fs::metadata(&sheet).unwrap().len() as usize;
    let short_sheet = cut(&sheet, sheet_len - 40, "short.rdsheet");
    let m = refused(
        &home,
        &[
            "verify",
            s(&short_sheet),
            "--package",
            s(&e01),
            "--identity",
            &key("C01.age"),
        ],
        "decrypt_failed",
    );
    assert!(
        m.contains("评分表或结果包的加密数据已损坏、不完整（被截断）或被篡改"),
        "{m}"
    );
    home.ok(&["key", "new", "--name", "wang", "--role", "expert"]);
    let m = refused(
        &home,
        &["import", s(&sheet), "--as", "wang"],
        "wrong_file_kind",
    );
    assert!(
        m.starts_with("这是加密的评分表或结果包") && m.contains("请改选评审包"),
        "{m}"
    );
}

/// `key allowed-signers` names a bad card's code and says what is wrong in
/// Chinese.
#[test]
fn a_bad_card_is_refused_with_its_code() {
    let home = Home::new();
    let card = demo().join("cards").join("E01.card");
    let mut bytes = std::fs::read(&card).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x01;
    let bad = home.path("E01.card");
    std::fs::write(&bad, bytes).unwrap();
    let out = home.path("allowed_signers");
    let o = home.run(&["key", "allowed-signers", s(&bad), "-o", s(&out)]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("reviewdesk: 错误：["), "{err}");
    assert!(err.contains("密钥卡"), "{err}");
    assert!(!out.exists());
}
