//! `reviewdesk round panel`, `round conflicts`, `round dismiss`, `round recusal` and
//! `round rule` through the real binary, in Chinese and with `--lang en`: an expert
//! list as a GBK CSV (what Excel writes on a Chinese Windows) with the demo's real
//! key cards; a bad list or a refused decision exits 1 and writes nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn reviewdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reviewdesk"))
        .args(args)
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn demo() -> PathBuf {
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

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const LIST: &str = "\
姓名,工作单位,专家类别,专业领域,角色,近三年曾任职单位
郑国平,岭南工业技术研究院,技术,工业互联网,组长,
陈立新,岭南工业技术研究院,技术,工业软件,专家,
林晓梅,粤海理工学院信息工程学院,行业,工业网络与5G,专家,深圳智联织网科技有限公司 2024-06-30
黄志强,南粤信息安全测评中心,技术,工业控制系统安全,专家,
周婉婷,珠江明信会计师事务所,财务,财务与投融资,专家,
吴建华,广东智能制造促进会,行业,智能制造与精益生产,专家,
";

fn gbk(path: &Path, text: &str) -> PathBuf {
    let crlf = text.replace('\n', "\r\n");
    let (bytes, _, bad) = encoding_rs::GBK.encode(&crlf);
    assert!(!bad);
    fs::write(path, &bytes).unwrap();
    path.to_path_buf()
}

fn cards_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir.join("cards"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn panel_from_a_gbk_list_and_cards_in_chinese_then_a_bad_list_in_english() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("round");
    let o = reviewdesk(&[
        "round",
        "new",
        s(&dir),
        "--template",
        "gd-supplier-recognition",
        "--title",
        "测试批次",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    let list = gbk(&tmp.path().join("专家名单.csv"), LIST);
    let cards = demo().join("cards");
    let o = reviewdesk(&["round", "panel", s(&dir), "--experts", s(&list), s(&cards)]);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    assert!(
        text.contains("近三年曾任职单位 ← F \"近三年曾任职单位\""),
        "{text}"
    );
    assert!(text.contains("密钥卡：7 张已验证"), "{text}");
    assert!(
        text.contains("新增 C01 组长 郑国平（第2行）cards/C01.card ←"),
        "{text}"
    );
    assert!(text.contains("主办单位：cards/ORG.card ←"), "{text}");
    assert!(text.contains("组长 1 名，专家 5 名"), "{text}");
    assert_eq!(err(&o), "");
    assert_eq!(cards_in(&dir).len(), 7);
    let round = fs::read_to_string(dir.join("round.toml")).unwrap();
    assert!(round.contains("[panel.chair]\nid = \"C01\"\nname = \"郑国平\""));

    // Again: nothing changes.
    let o = reviewdesk(&["round", "panel", s(&dir), "--experts", s(&list), s(&cards)]);
    assert!(o.status.success());
    assert!(out(&o).contains("未变 E05 专家 吴建华（第7行）cards/E05.card（已有）"));
    let o = reviewdesk(&[
        "--lang",
        "en",
        "round",
        "panel",
        s(&dir),
        "--experts",
        s(&list),
        s(&cards),
    ]);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    assert!(
        text.contains("unchanged C01 chair 郑国平 (row 2) cards/C01.card (already there)"),
        "{text}"
    );
    assert!(
        text.contains("Organizer: cards/ORG.card (already there)"),
        "{text}"
    );
    assert!(text.contains("the chair and 5 expert(s)"), "{text}");
    assert_eq!(fs::read_to_string(dir.join("round.toml")).unwrap(), round);

    // Two chairs and a card for nobody: exit 1, every problem, nothing written.
    let bad = gbk(
        &tmp.path().join("bad.csv"),
        &LIST
            .replace(
                "陈立新,岭南工业技术研究院,技术,工业软件,专家",
                "陈立新,岭南工业技术研究院,技术,工业软件,组长",
            )
            .replace(
                "吴建华,广东智能制造促进会,行业,智能制造与精益生产,专家,\n",
                "",
            ),
    );
    let o = reviewdesk(&[
        "--lang",
        "en",
        "round",
        "panel",
        s(&dir),
        "--experts",
        s(&bad),
        s(&cards),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(
        e.contains("[error] sheet \"bad.csv\", row 3, column E: row 2 is the chair already; a panel has one chair"),
        "{e}"
    );
    assert!(
        e.contains("E05.card: the name on the key card, \"吴建华\", is not on the list"),
        "{e}"
    );
    assert!(e.contains("[panel_has_errors]"), "{e}");
    assert_eq!(fs::read_to_string(dir.join("round.toml")).unwrap(), round);
    assert_eq!(cards_in(&dir).len(), 7);

    // An unknown kind, in Chinese.
    let bad = gbk(
        &tmp.path().join("kind.csv"),
        &LIST.replace(",财务,", ",法律,"),
    );
    let o = reviewdesk(&["round", "panel", s(&dir), "--experts", s(&bad)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o)
            .contains("[错误] 工作表“kind.csv” 第6行 C列：专家类别“法律”不是 技术、行业 或 财务"),
        "{}",
        err(&o)
    );
    assert_eq!(fs::read_to_string(dir.join("round.toml")).unwrap(), round);
}

/// The demo round with the list above: 林晓梅 (E02) left A02 in 2024.
fn demo_with_conflict() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&demo(), &tmp.path().join("round"));
    let list = gbk(&tmp.path().join("list.csv"), LIST);
    let dir = tmp.path().join("round");
    let o = reviewdesk(&["round", "panel", s(&dir), "--experts", s(&list)]);
    assert!(o.status.success(), "{}", err(&o));
    tmp
}

#[test]
fn conflicts_are_listed_and_dismissed_only_with_a_reason() {
    let tmp = demo_with_conflict();
    let dir = tmp.path().join("round");
    let o = reviewdesk(&["round", "conflicts", s(&dir)]);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    assert!(text.contains(
        "冲突: E02 林晓梅 — A02 深圳智联织网科技有限公司: 曾任职单位“深圳智联织网科技有限公司”，2024-06-30 离职（单位名称相同）"
    ), "{text}");
    // The pairs the assignment excludes as conflicted: its first line, up to
    // "; recused".
    let dry = |dir: &Path| {
        let o = out(&reviewdesk(&[
            "--lang",
            "en",
            "round",
            "assign",
            s(dir),
            "--dry-run",
            "--per-applicant",
            "3",
        ]));
        let first = o.lines().next().unwrap_or_default().to_owned();
        first
            .split("; recused")
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    assert!(dry(&dir).contains("A02–E02"));

    let before = fs::read_to_string(dir.join("round.toml")).unwrap();
    let o = reviewdesk(&[
        "round",
        "dismiss",
        s(&dir),
        "--expert",
        "E02",
        "--applicant",
        "A02",
        "--reason",
        " ",
        "--by",
        "王处长",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("[empty_reason] 必须填写理由（--reason）；round.toml 未改动"),
        "{}",
        err(&o)
    );
    let o = reviewdesk(&[
        "--lang",
        "en",
        "round",
        "dismiss",
        s(&dir),
        "--expert",
        "E03",
        "--applicant",
        "A02",
        "--reason",
        "x",
        "--by",
        "王处长",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains(
            "[no_conflict] expert 'E03' has no conflict of interest with applicant 'A02'"
        ),
        "{}",
        err(&o)
    );
    assert_eq!(fs::read_to_string(dir.join("round.toml")).unwrap(), before);

    let o = reviewdesk(&[
        "--lang",
        "en",
        "round",
        "dismiss",
        s(&dir),
        "--expert",
        "E02",
        "--applicant",
        "A02",
        "--reason",
        "a three-month secondment only",
        "--by",
        "王处长",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).starts_with("Recorded: the conflict of expert E02 with applicant A02 is dismissed (a three-month secondment only, 王处长 "));
    let after = fs::read_to_string(dir.join("round.toml")).unwrap();
    assert!(after.starts_with(&before));
    assert!(after.contains("[[conflict_dismissal]]\nexpert = \"E02\"\napplicant = \"A02\"\nreason = \"a three-month secondment only\"\nby = \"王处长\"\non = \""));
    let o = reviewdesk(&["--lang", "en", "round", "conflicts", s(&dir)]);
    assert!(
        out(&o).contains("dismissed (a three-month secondment only, 王处长"),
        "{}",
        out(&o)
    );
    let d = dry(&dir);
    assert!(!d.contains("A02–E02"), "{d}");
    let o = reviewdesk(&[
        "round",
        "dismiss",
        s(&dir),
        "--expert",
        "E02",
        "--applicant",
        "A02",
        "--reason",
        "again",
        "--by",
        "王处长",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("[already_dismissed]"));
}

#[test]
fn a_recusal_request_is_entered_blocks_sealing_and_is_ruled() {
    let tmp = demo_with_conflict();
    let dir = tmp.path().join("round");
    let o = reviewdesk(&[
        "round",
        "recusal",
        s(&dir),
        "--applicant",
        "A05",
        "--expert",
        "E04",
        "--reason",
        "该专家曾为我司提供审计服务",
        "--received",
        "2026-04-28",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("已登记：A05 申请 E04 回避（待裁定"));
    let text = fs::read_to_string(dir.join("round.toml")).unwrap();
    assert!(text.contains("expert = \"E04\"\nreason = \"该专家曾为我司提供审计服务\"\nreceived = \"2026-04-28\"\nruling = \"pending\""), "{text}");

    let refused: [(&[&str], &str); 3] = [
        (
            &["--applicant", "A05", "--expert", "E04", "--reason", "again"],
            "[duplicate_pending] A05 申请 E04 回避的请求已在待裁定中",
        ),
        (
            &["--applicant", "A05", "--expert", "E99", "--reason", "x"],
            "[unknown_expert] 评审专家组中没有编号为 E99 的专家",
        ),
        (
            &["--applicant", "A05", "--expert", "E04", "--reason", ""],
            "[empty_reason]",
        ),
    ];
    for (args, expected) in refused {
        let mut all = vec!["round", "recusal", s(&dir)];
        all.extend_from_slice(args);
        let o = reviewdesk(&all);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(err(&o).contains(expected), "{}", err(&o));
    }
    assert_eq!(fs::read_to_string(dir.join("round.toml")).unwrap(), text);
    let o = reviewdesk(&["round", "check", s(&dir)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).contains("回避申请待裁定：A05 申请 E04 回避"));
    let o = reviewdesk(&[
        "round",
        "recusal",
        s(&dir),
        "--applicant",
        "A05",
        "--expert",
        "E04",
        "--reason",
        "x",
        "--received",
        "2026-13-01",
    ]);
    assert_eq!(o.status.code(), Some(2));

    // Ruled before it was received: refused.
    let o = reviewdesk(&[
        "round",
        "rule",
        s(&dir),
        "--applicant",
        "A05",
        "--expert",
        "E04",
        "--upheld",
        "--reason",
        "x",
        "--by",
        "y",
        "--on",
        "2026-04-01",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o)
            .contains("[ruled_before_received] 裁定日期 2026-04-01 早于收到申请的日期 2026-04-28"),
        "{}",
        err(&o)
    );
    // Neither --upheld nor --rejected: clap refuses (exit 2).
    let o = reviewdesk(&[
        "round",
        "rule",
        s(&dir),
        "--applicant",
        "A05",
        "--expert",
        "E04",
        "--reason",
        "x",
        "--by",
        "y",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = reviewdesk(&[
        "--lang",
        "en",
        "round",
        "rule",
        s(&dir),
        "--applicant",
        "A05",
        "--expert",
        "E04",
        "--rejected",
        "--reason",
        "the audit ended in 2022",
        "--by",
        "郑国平",
        "--on",
        "2026-05-02",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(
        out(&o),
        "Ruled: A05 asking E04 to recuse — rejected (the audit ended in 2022, 郑国平 2026-05-02).\n"
    );
    let ruled = fs::read_to_string(dir.join("round.toml")).unwrap();
    assert!(ruled.contains("ruling = \"rejected\"\nruling_reason = \"the audit ended in 2022\"\nruled_by = \"郑国平\"\nruled_on = \"2026-05-02\""), "{ruled}");
    let o = reviewdesk(&["round", "check", s(&dir)]);
    assert!(!out(&o).contains("回避申请待裁定"));
    let o = reviewdesk(&[
        "round",
        "rule",
        s(&dir),
        "--applicant",
        "A05",
        "--expert",
        "E04",
        "--upheld",
        "--reason",
        "x",
        "--by",
        "y",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("[no_pending_request] 没有 A05 申请 E04 回避的待裁定请求"));
    assert_eq!(fs::read_to_string(dir.join("round.toml")).unwrap(), ruled);
}
