//! `reviewdesk recheck request|show` through the real binary: the demo round
//! sealed, the demo experts' sheets signed with one far-off score of E01's, a
//! request for E01 written by the chair from the flags (every flag, or the cells
//! named; a cell without a flag is refused), shown to E01 in Chinese and English,
//! and a request signed by another key than the chair's refused. Keys are the
//! demo round's public DEMO keys (`assets/demo/keys/`).

mod common;

use std::path::{Path, PathBuf};

use common::{s, text, Home};
use reviewdesk_core::{RecusalRuling, StageKind};
use reviewdesk_io::{load_round, LoadedRound};
use serde_json::{json, Value};

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo")
}

fn key(name: &str) -> String {
    demo().join("keys").join(name).display().to_string()
}

/// An expert's part: every assigned applicant declared, every scored indicator
/// scored near the maximum — E01's first applicant's first stage at 0.
fn part(loaded: &LoadedRound, expert: &str) -> Value {
    let r = &loaded.round;
    let recused: Vec<&str> = r
        .recusal_requests
        .iter()
        .filter(|q| q.expert == expert && q.ruling == RecusalRuling::Upheld)
        .map(|q| q.applicant.as_str())
        .collect();
    let reviews: Vec<&str> = r
        .assignments
        .iter()
        .filter(|a| a.expert == expert && !recused.contains(&a.applicant.as_str()))
        .map(|a| a.applicant.as_str())
        .collect();
    let mut declarations: Vec<Value> = reviews.iter().map(|a| json!({"applicant": a})).collect();
    declarations.extend(
        recused
            .iter()
            .map(|a| json!({"applicant": a, "recuse": "upheld_request"})),
    );
    let mut scores = Vec::new();
    let first_stage = &loaded.template.stages[0].id;
    for (ai, a) in reviews.iter().enumerate() {
        for st in &loaded.template.stages {
            if st.kind == StageKind::PassFail {
                continue;
            }
            for ind in loaded.template.scored_indicators(&st.id) {
                let low = expert == "E01" && ai == 0 && &st.id == first_stage;
                let value = if low {
                    "0".to_owned()
                } else {
                    ind.max.to_string()
                };
                scores.push(json!({"applicant": a, "stage": st.id, "indicator": ind.id,
                    "value": value, "reason": "材料中未见相关证明"}));
            }
        }
    }
    json!({"expert": expert, "declarations": declarations, "scores": scores})
}

/// The demo round sealed whole, a sheet per demo expert.
fn sealed_with_sheets(home: &Home) -> (PathBuf, PathBuf, LoadedRound) {
    let loaded = load_round(&demo()).unwrap();
    let pkg = home.path("demo.rdpkg");
    home.ok(&[
        "seal",
        s(&demo()),
        "--signing-key",
        &key("ORG.key"),
        "-o",
        s(&pkg),
    ]);
    let sheets = home.path("sheets");
    std::fs::create_dir(&sheets).unwrap();
    let org_fp = reviewdesk_desk::read_signing_key(std::path::Path::new(&key("ORG.key")))
        .unwrap()
        .fingerprint()
        .to_string();
    for e in ["E01", "E02", "E03", "E04", "E05"] {
        let input = home.path(&format!("{e}.json"));
        std::fs::write(&input, part(&loaded, e).to_string()).unwrap();
        home.ok(&[
            "sheet",
            "sign",
            "--package",
            s(&pkg),
            "--signing-key",
            &key(&format!("{e}.key")),
            "--identity",
            &key(&format!("{e}.age")),
            "--input",
            s(&input),
            // At a desk of its own, as `sheet sign` does (the merge replays the log).
            "--workspace",
            s(&home.path(&format!("ws-{e}"))),
            "--trust",
            &org_fp,
            "-o",
            s(&sheets.join(format!("{e}.rdsheet"))),
        ]);
    }
    (pkg, sheets, loaded)
}

fn request(
    home: &Home,
    pkg: &Path,
    sheets: &Path,
    cells: &[&str],
    out: &Path,
) -> std::process::Output {
    let mut args = vec![
        "recheck",
        "request",
        "--package",
        s(pkg),
        "--key",
        &key("C01.key"),
        "--identity",
        &key("C01.age"),
        "--sheets",
        s(sheets),
        "--expert",
        "E01",
        "--note",
        "请核对\n评分依据",
        "-o",
        s(out),
    ]
    .into_iter()
    .map(str::to_owned)
    .collect::<Vec<_>>();
    args.extend(cells.iter().map(|c| c.to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    home.run(&refs)
}

#[test]
fn the_chair_writes_a_request_the_expert_reads_and_another_key_is_refused() {
    let home = Home::new();
    let (pkg, sheets, loaded) = sealed_with_sheets(&home);
    let out = home.path("E01-1.rdrecheck");
    let o = request(&home, &pkg, &sheets, &["--flagged"], &out);
    assert!(o.status.success(), "{}{}", text(&o.stdout), text(&o.stderr));
    let stdout = text(&o.stdout);
    assert!(stdout.contains("复核通知编号: 1"), "{stdout}");
    assert!(stdout.contains("专家: E01"), "{stdout}");
    assert!(stdout.contains("请核对 评分依据"), "{stdout}");
    assert!(stdout.contains("已写出复核通知"), "{stdout}");
    let a01 = &loaded
        .round
        .assignments
        .iter()
        .find(|a| a.expert == "E01")
        .unwrap()
        .applicant;
    assert!(stdout.contains(&format!("  {a01}\t")), "{stdout}");

    // The expert reads it, in Chinese by default and in English.
    let show = |lang: &[&str], who: &str| {
        let mut args: Vec<&str> = lang.to_vec();
        let id = key(&format!("{who}.age"));
        let owned = [
            "recheck".to_owned(),
            "show".to_owned(),
            s(&out).to_owned(),
            "--package".to_owned(),
            s(&pkg).to_owned(),
            "--identity".to_owned(),
            id,
        ];
        args.extend(owned.iter().map(String::as_str));
        home.run(&args)
    };
    let zh = show(&[], "E01");
    assert!(zh.status.success(), "{}", text(&zh.stderr));
    let zh = text(&zh.stdout);
    assert!(
        zh.contains("评审组长: SHA256:") && zh.contains("签名有效"),
        "{zh}"
    );
    assert!(zh.contains("其他专家平均分"), "{zh}");
    let en = show(&["--lang", "en"], "E01");
    assert!(en.status.success(), "{}", text(&en.stderr));
    let en = text(&en.stdout);
    assert!(
        en.contains("Expert: E01") && en.contains("signature holds"),
        "{en}"
    );
    assert!(en.contains("mean of others"), "{en}");
    // Another expert cannot open it.
    let other = show(&["--lang", "en"], "E02");
    assert_eq!(other.status.code(), Some(1));
    assert!(
        text(&other.stderr).contains("[not_a_recipient]"),
        "{}",
        text(&other.stderr)
    );

    // A request signed by another key than the chair's: refused.
    let chair_ids = reviewdesk_desk::read_identities(Path::new(&key("C01.age"))).unwrap();
    let plain = reviewdesk_formats::decrypt(
        "re-check request",
        &std::fs::read(&out).unwrap(),
        &chair_ids,
        reviewdesk_formats::MAX_RECHECK,
    )
    .unwrap();
    let (body, _) = reviewdesk_formats::split_signed_text(&plain).unwrap();
    let e02 = reviewdesk_desk::read_signing_key(Path::new(&key("E02.key"))).unwrap();
    let forged = e02
        .sign_text(reviewdesk_formats::Namespace::Recheck, body)
        .unwrap();
    let e01_ids = reviewdesk_desk::read_identities(Path::new(&key("E01.age"))).unwrap();
    let forged_file = home.path("forged.rdrecheck");
    std::fs::write(
        &forged_file,
        reviewdesk_formats::encrypt(&forged, &[e01_ids[0].to_public()]).unwrap(),
    )
    .unwrap();
    for (lang, words) in [
        ("zh", "不是由本评审包的评审组长签发"),
        ("en", "not signed by this package's chair"),
    ] {
        let o = home.run(&[
            "--lang",
            lang,
            "recheck",
            "show",
            s(&forged_file),
            "--package",
            s(&pkg),
            "--identity",
            &key("E01.age"),
        ]);
        assert_eq!(o.status.code(), Some(1));
        let err = text(&o.stderr);
        assert!(
            err.contains("[unknown_signer]") && err.contains(words),
            "{err}"
        );
    }

    // A cell that carries no flag of E01's is named, and nothing is written.
    let none = home.path("none.rdrecheck");
    let o = request(&home, &pkg, &sheets, &["--entry", "A99/written"], &none);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("[not_flagged]"),
        "{}",
        text(&o.stderr)
    );
    assert!(!none.exists());
    // Only the chair writes one.
    let o = home.run(&[
        "recheck",
        "request",
        "--package",
        s(&pkg),
        "--key",
        &key("E02.key"),
        "--identity",
        &key("E02.age"),
        "--sheets",
        s(&sheets),
        "--expert",
        "E01",
        "--flagged",
        "-o",
        s(&none),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(!none.exists());
}
