//! The panel from real files: an XLSX expert list written here with
//! rust_xlsxwriter and a GBK CSV, joined with the demo round's real key cards
//! (`assets/demo/cards`, made from the public DEMO keys); then conflicts found,
//! one dismissed, a recusal request entered and ruled — each written into
//! `round.toml` with only its own tables changed.

use reviewdesk_core::{
    Date, Employment, MatchedBy, MemberCard, MemberChange, OrganizerCardPlan, RecusalRuling,
};
use reviewdesk_io::{
    add_round_recusal, conflict_report, create_round, dismiss_round_conflict, import_panel,
    load_round, plan_panel_import, rule_round_recusal, ImportError, NewRound,
};
use rust_xlsxwriter::Workbook;
use std::fs;
use std::path::{Path, PathBuf};

fn demo_cards() -> PathBuf {
    reviewdesk_io::demo_round_dir().join("cards")
}

fn new_round() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    create_round(
        tmp.path(),
        &NewRound {
            template: "gd-supplier-recognition".into(),
            title: "2026年测试批次".into(),
            organizer: None,
            deadline: None,
            application_deadline: None,
        },
    )
    .unwrap();
    tmp
}

/// A copy of the demo round with its materials and cards.
fn demo_round() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let src = reviewdesk_io::demo_round_dir();
    fs::copy(src.join("round.toml"), tmp.path().join("round.toml")).unwrap();
    for sub in ["materials", "cards"] {
        fs::create_dir(tmp.path().join(sub)).unwrap();
        for e in fs::read_dir(src.join(sub)).unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), tmp.path().join(sub).join(e.file_name())).unwrap();
        }
    }
    tmp
}

const HEAD: [&str; 8] = [
    "序号",
    "姓名",
    "工作单位",
    "单位统一社会信用代码",
    "专家类别",
    "专业领域",
    "角色",
    "近三年曾任职单位",
];

fn demo_rows() -> Vec<[String; 8]> {
    let r = |cells: [&str; 8]| cells.map(str::to_owned);
    vec![
        r([
            "1",
            "郑国平",
            "岭南工业技术研究院",
            "",
            "技术",
            "工业互联网",
            "组长",
            "",
        ]),
        r([
            "2",
            "陈立新",
            "岭南工业技术研究院",
            "",
            "技术",
            "工业软件",
            "专家",
            "",
        ]),
        r([
            "3",
            "林晓梅",
            "粤海理工学院信息工程学院",
            "",
            "行业",
            "工业网络与5G",
            "专家",
            "深圳智联织网科技有限公司 2024-06-30",
        ]),
        r([
            "4",
            "黄志强",
            "南粤信息安全测评中心",
            "",
            "技术",
            "工业控制系统安全",
            "专家",
            "",
        ]),
        r([
            "5",
            "周婉婷",
            "珠江明信会计师事务所",
            "",
            "财务",
            "财务与投融资",
            "专家",
            "",
        ]),
        r([
            "6",
            "吴建华",
            "广东智能制造促进会",
            "",
            "行业",
            "智能制造与精益生产",
            "专家",
            "",
        ]),
    ]
}

/// An XLSX with a title row over the header (row 2) and the data from row 3.
fn xlsx(path: &Path, rows: &[[String; 8]]) -> PathBuf {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("专家名单").unwrap();
    ws.write_string(0, 0, "2026年评审专家名单").unwrap();
    for (c, h) in HEAD.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    for (i, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(2 + i as u32, c as u16, v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
    path.to_path_buf()
}

fn gbk_csv(path: &Path, rows: &[[String; 8]]) -> PathBuf {
    let mut text = HEAD.join(",") + "\r\n";
    for r in rows {
        text += &(r.join(",") + "\r\n");
    }
    let (bytes, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad);
    fs::write(path, &bytes).unwrap();
    path.to_path_buf()
}

fn card_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir.join("cards"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn an_xlsx_list_and_a_folder_of_cards_make_the_panel_and_a_reimport_changes_nothing() {
    let round = new_round();
    let dir = round.path();
    let list = xlsx(&dir.join("experts.xlsx"), &demo_rows());
    let import = import_panel(dir, &list, None, &[demo_cards()]).unwrap();
    assert_eq!(import.errors(), 0, "{:?}", import.plan.problems);
    assert!(
        import.plan.problems.is_empty(),
        "{:?}",
        import.plan.problems
    );
    assert_eq!(import.mapping.header_row, 2);
    assert_eq!(import.cards.len(), 7);
    let ids: Vec<&str> = import.plan.members.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["C01", "E01", "E02", "E03", "E04", "E05"]);
    assert_eq!(
        card_files(dir),
        ["C01.card", "E01.card", "E02.card", "E03.card", "E04.card", "E05.card", "ORG.card"]
    );
    // The cards copied are the demo's, byte for byte, under the ids given here.
    assert_eq!(
        fs::read(dir.join("cards/E03.card")).unwrap(),
        fs::read(demo_cards().join("E03.card")).unwrap()
    );
    let loaded = load_round(dir).unwrap();
    let p = &loaded.round.panel;
    assert_eq!(p.chair.name, "郑国平");
    assert_eq!(
        p.experts[1].former_employers[0].name,
        "深圳智联织网科技有限公司"
    );
    assert_eq!(
        p.experts[3].kind,
        Some(reviewdesk_core::assign::ExpertKind::Finance)
    );

    // Again: the same text, nothing copied, every member unchanged.
    let before = fs::read_to_string(dir.join("round.toml")).unwrap();
    let again = import_panel(dir, &list, None, &[demo_cards()]).unwrap();
    assert_eq!(fs::read_to_string(dir.join("round.toml")).unwrap(), before);
    assert!(again
        .plan
        .members
        .iter()
        .all(|m| m.change == MemberChange::Unchanged && m.card == MemberCard::AlreadyThere));
    assert_eq!(
        again.plan.organizer,
        OrganizerCardPlan::AlreadyThere {
            person: "ORG".into()
        }
    );
}

#[test]
fn a_bad_list_or_a_bad_card_writes_nothing() {
    let round = new_round();
    let dir = round.path();
    let before = fs::read_to_string(dir.join("round.toml")).unwrap();
    let mut rows = demo_rows();
    rows[1][6] = "组长".into(); // row 4: a second chair
    rows[2][4] = "法律".into(); // row 5: an unknown kind
    let list = xlsx(&dir.join("bad.xlsx"), &rows);
    let import = import_panel(dir, &list, None, &[demo_cards()]).unwrap();
    let found: Vec<(String, &str)> = import
        .plan
        .problems
        .iter()
        .map(|p| (format!("{:?}", p.at), p.kind.code()))
        .collect();
    assert!(found
        .iter()
        .any(|(at, c)| *c == "two_chairs" && at.contains("row: 4") && at.contains("Some(6)")));
    assert!(found
        .iter()
        .any(|(at, c)| *c == "unknown_kind" && at.contains("row: 5")));
    assert!(import.round_toml.is_none());
    assert_eq!(fs::read_to_string(dir.join("round.toml")).unwrap(), before);
    assert!(card_files(dir).is_empty());

    // A good list, but one card altered: it does not verify; nothing is copied.
    let list = xlsx(&dir.join("good.xlsx"), &demo_rows());
    let cards = tempfile::tempdir().unwrap();
    for e in fs::read_dir(demo_cards()).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), cards.path().join(e.file_name())).unwrap();
    }
    let e02 = cards.path().join("E02.card");
    let text = fs::read_to_string(&e02)
        .unwrap()
        .replace("林晓梅", "林晓海");
    fs::write(&e02, text).unwrap();
    // And the same key twice.
    fs::copy(
        cards.path().join("E01.card"),
        cards.path().join("E01-copy.card"),
    )
    .unwrap();
    let import = import_panel(dir, &list, None, &[cards.path().to_path_buf()]).unwrap();
    let codes: Vec<&str> = import.plan.problems.iter().map(|p| p.kind.code()).collect();
    assert!(codes.contains(&"bad_card"), "{codes:?}");
    assert!(codes.contains(&"duplicate_key"), "{codes:?}");
    assert_eq!(fs::read_to_string(dir.join("round.toml")).unwrap(), before);
    assert!(card_files(dir).is_empty());
    let leftovers = fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn a_gbk_csv_updates_the_demo_panel_in_place_and_conflicts_recusals_follow() {
    let round = demo_round();
    let dir = round.path();
    let old = fs::read_to_string(dir.join("round.toml")).unwrap();
    // 吴建华 (E05) leaves the panel; the rest get kinds; 林晓梅 left A02 in 2024.
    let rows: Vec<[String; 8]> = demo_rows().into_iter().take(5).collect();
    let list = gbk_csv(&dir.join("专家名单.csv"), &rows);
    let plan = plan_panel_import(dir, &list, None, None, &[]).unwrap();
    assert_eq!(plan.errors(), 0, "{:?}", plan.plan.problems);
    assert_eq!(plan.sheet, "专家名单.csv");
    assert_eq!(
        fs::read_to_string(dir.join("round.toml")).unwrap(),
        old,
        "a plan writes nothing"
    );
    let import = import_panel(dir, &list, None, &[]).unwrap();
    let removed: Vec<&str> = import.plan.removed.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(removed, ["E05"]);
    assert!(!import.plan.dropped_assignments.is_empty());
    assert!(!card_files(dir).contains(&"E05.card".to_owned()));
    let new = fs::read_to_string(dir.join("round.toml")).unwrap();
    assert!(!new.contains("吴建华") && !new.contains("expert = \"E05\""));
    // Everything before the panel is byte for byte the same.
    let head = &old[..old.find("[panel.chair]").unwrap()];
    assert!(new.starts_with(head));
    assert!(new.contains("kind = \"finance\""));
    assert!(new.contains(
        "former_employers = [{ name = \"深圳智联织网科技有限公司\", until = \"2024-06-30\" }]"
    ));

    // The former employer is A02: a conflict by name.
    let today = Date::new(2026, 5, 1).unwrap();
    let report = conflict_report(dir, today).unwrap();
    let c = report
        .conflicts
        .iter()
        .find(|c| c.expert == "E02")
        .expect("E02 is conflicted");
    assert_eq!(c.applicant, "A02");
    assert_eq!(
        c.grounds[0].employment,
        Employment::Former {
            until: Date::new(2024, 6, 30).unwrap()
        }
    );
    assert_eq!(c.grounds[0].matched_by, MatchedBy::Name);
    let text = fs::read_to_string(dir.join("round.toml")).unwrap();
    let refused = dismiss_round_conflict(dir, "A02", "E02", "  ", "王处长", today);
    assert!(matches!(refused, Err(ImportError::Decision(_))));
    let refused = dismiss_round_conflict(dir, "A03", "E02", "理由", "王处长", today);
    assert_eq!(refused.unwrap_err().code().as_str(), "decision_refused");
    assert_eq!(fs::read_to_string(dir.join("round.toml")).unwrap(), text);
    let d =
        dismiss_round_conflict(dir, "A02", "E02", "仅在该公司兼职三个月", "王处长", today).unwrap();
    assert_eq!(d.on, today);
    let after = fs::read_to_string(dir.join("round.toml")).unwrap();
    assert!(after.starts_with(&text));
    assert!(after.ends_with(
        "\n[[conflict_dismissal]]\nexpert = \"E02\"\napplicant = \"A02\"\nreason = \"仅在该公司兼职三个月\"\nby = \"王处长\"\non = \"2026-05-01\"\n"
    ), "{after}");
    let report = conflict_report(dir, today).unwrap();
    assert_eq!(report.standing().count(), report.conflicts.len() - 1);

    // A recusal request, then its ruling; the demo's own request is untouched.
    let received = Date::new(2026, 4, 28).unwrap();
    let r = add_round_recusal(dir, "A05", "E04", "曾为我司做过审计", Some(received)).unwrap();
    assert_eq!(r.ruling, RecusalRuling::Pending);
    let dup = add_round_recusal(dir, "A05", "E04", "again", None);
    assert_eq!(
        dup.unwrap_err().to_string(),
        "applicant 'A05' already has a pending request about expert 'E04'"
    );
    let blockers = reviewdesk_io::sealing_blockers(&load_round(dir).unwrap());
    assert!(blockers
        .iter()
        .any(|b| matches!(b, reviewdesk_core::Blocker::PendingRecusal { .. })));
    let ruled = rule_round_recusal(
        dir,
        "A05",
        "E04",
        RecusalRuling::Rejected,
        "审计业务已于2022年结束",
        "郑国平",
        Date::new(2026, 5, 2).unwrap(),
    )
    .unwrap();
    assert_eq!(ruled.ruled_by.as_deref(), Some("郑国平"));
    let loaded = load_round(dir).unwrap();
    let req = loaded.round.recusal_requests.last().unwrap();
    assert_eq!(req.received, Some(received));
    assert_eq!(req.ruling_reason.as_deref(), Some("审计业务已于2022年结束"));
    assert_eq!(loaded.round.recusal_requests[0].ruling_reason, None);
    let blockers = reviewdesk_io::sealing_blockers(&loaded);
    assert!(!blockers
        .iter()
        .any(|b| matches!(b, reviewdesk_core::Blocker::PendingRecusal { .. })));
}

#[test]
fn former_employers_in_paired_columns_with_a_real_date_cell() {
    use rust_xlsxwriter::{ExcelDateTime, Format};
    let round = new_round();
    let dir = round.path();
    let path = dir.join("paired.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let head = [
        "姓名",
        "工作单位",
        "专业领域",
        "是否组长",
        "曾任职单位",
        "离职日期",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        ["郑国平", "岭南工业技术研究院", "工业互联网", "是", "", ""],
        [
            "陈立新",
            "岭南工业技术研究院",
            "工业软件",
            "否",
            "某某大学",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(1 + r as u32, c as u16, *v).unwrap();
            }
        }
    }
    let date = ExcelDateTime::from_ymd(2024, 6, 30).unwrap();
    ws.write_datetime_with_format(2, 5, &date, &Format::new().set_num_format("yyyy-mm-dd"))
        .unwrap();
    wb.save(&path).unwrap();
    let import = import_panel(dir, &path, None, &[]).unwrap();
    assert_eq!(import.errors(), 0, "{:?}", import.plan.problems);
    let loaded = load_round(dir).unwrap();
    let f = &loaded.round.panel.experts[0].former_employers[0];
    assert_eq!(f.name, "某某大学");
    assert_eq!(f.until, Date::new(2024, 6, 30).unwrap());
}
