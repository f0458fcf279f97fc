//! `reviewdesk register …` through the real binary in a throwaway home: a
//! three-year scenario per program (000, 001, 003, 004) with the status at chosen
//! dates, the two examples exactly, the demo's final archive applied
//! (once), a checkpoint signed and verified, the catalogue and the workbook.

mod common;

use common::{s, text, Home};
use serde_json::Value;

const CENTER: &str = "91360100MA38KX4C2X";
const RESOURCE: &str = "91440101MA5AGYGLU6";

fn status(h: &Home, at: &str, program: &str) -> Vec<Value> {
    let out = h.ok(&[
        "register",
        "status",
        "--at",
        at,
        "--program",
        program,
        "--json",
    ]);
    serde_json::from_str::<Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn record(h: &Home, args: &[&str]) -> String {
    let mut all = vec!["register", "record"];
    all.extend_from_slice(args);
    h.ok(&all)
}

/// The ids of the open proposals on `at`.
fn proposals(h: &Home, at: &str) -> Vec<Value> {
    let out = h.ok(&["register", "proposals", "--at", at, "--json"]);
    serde_json::from_str::<Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn confirm(h: &Home, at: &str, kind: &str, reason: &str) {
    let open = proposals(h, at);
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0]["kind"], kind);
    let id = open[0]["id"].as_str().unwrap();
    h.ok(&["register", "confirm", id, "--reason", reason, "--on", at]);
}

/// Seed 003, the example: 不合格 for 2024 and 2025 → revoked at the 2025
/// decision, not recommendable until two years later, flagged in a 2026 spreadsheet.
#[test]
fn jiangxi_center_revoked_and_flagged_in_a_2026_applicant_sheet() {
    let h = Home::new();
    let p = ["--unit", CENTER, "--program", "jx-dx-center"];
    record(
        &h,
        &[
            &p[..],
            &[
                "--event",
                "admitted",
                "--date",
                "2023-12-20",
                "--name",
                "南昌数字化转型促进中心",
            ],
        ]
        .concat(),
    );
    record(
        &h,
        &[
            &p[..],
            &[
                "--event",
                "graded",
                "--date",
                "2025-03-20",
                "--year",
                "2024",
                "--grade",
                "不合格",
            ],
        ]
        .concat(),
    );
    confirm(&h, "2025-03-20", "reorganisation", "管理单位启动重组");
    assert_eq!(
        status(&h, "2025-06-01", "jx-dx-center")[0]["standing"],
        "reorganising"
    );
    record(
        &h,
        &[
            &p[..],
            &[
                "--event",
                "graded",
                "--date",
                "2026-03-18",
                "--year",
                "2025",
                "--grade",
                "unqualified",
            ],
        ]
        .concat(),
    );
    confirm(&h, "2026-03-18", "revocation", "连续两次评价不合格");
    let s1 = &status(&h, "2026-06-01", "jx-dx-center")[0];
    assert_eq!(s1["standing"], "revoked");
    assert_eq!(s1["since"], "2026-03-18");
    assert_eq!(s1["banned_until"], "2028-03-18");
    assert_eq!(s1["may_apply"], false);
    assert_eq!(s1["not_eligible"][0]["article"], "第十六条");
    assert_eq!(
        status(&h, "2028-03-17", "jx-dx-center")[0]["may_apply"],
        false
    );
    assert_eq!(
        status(&h, "2028-03-18", "jx-dx-center")[0]["may_apply"],
        true
    );
    // The table in Chinese names the ban and its article.
    let table = h.ok(&["register", "status", "--at", "2026-06-01"]);
    assert!(
        table.contains("禁止申报至 2028-03-18，原因 consecutive_failure（#6，第十六条）"),
        "{table}"
    );
    // A 2026 round of the same program: the applicant sheet flags the center.
    let round = h.path("jx-2026");
    h.ok(&[
        "round",
        "new",
        s(&round),
        "--template",
        "jx-dx-center",
        "--title",
        "2026年江西省数字化转型促进中心",
    ]);
    let csv = h.path("名单.csv");
    std::fs::write(
        &csv,
        format!("单位名称,统一社会信用代码,所属地市,所属行业,申报类别\n南昌数字化转型促进中心,{CENTER},南昌市,全行业,regional\n"),
    )
    .unwrap();
    let o = h.run(&["round", "applicants", s(&round), s(&csv)]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(
        err.contains(&format!("注意：A01 {CENTER} 在项目 jx-dx-center 禁止申报至 2028-03-18，原因 consecutive_failure（台账 #6 2026-03-18，第十六条）")),
        "{err}"
    );
    assert!(
        err.contains(
            "已被撤销或移出，原因 consecutive_failure（台账 #5 2026-03-18，第十五条(一)）"
        ),
        "{err}"
    );
    // The history lists every line.
    let hist = h.ok(&[
        "--lang",
        "en",
        "register",
        "history",
        CENTER,
        "--at",
        "2026-06-01",
    ]);
    assert!(
        hist.contains(&format!(
            "{CENTER} #6 2026-03-18 jx-dx-center banned cause=consecutive_failure until=2028-03-18"
        )),
        "{hist}"
    );
    let pdf = h.path("history.pdf");
    h.ok(&["register", "history", CENTER, "-o", s(&pdf)]);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
}

/// Seed 004, the example: warned on 2026-04-10, not rectified → proposed
/// for removal on 2026-10-10; the annual report due by 31 March; checkpoint,
/// catalogue and workbook.
#[test]
fn empowerment_resource_warned_then_proposed_for_removal() {
    let h = Home::new();
    let p = ["--unit", RESOURCE, "--program", "gd-empowerment"];
    record(
        &h,
        &[
            &p[..],
            &[
                "--event",
                "admitted",
                "--date",
                "2025-06-30",
                "--name",
                "广州云擎工业软件有限公司",
            ],
        ]
        .concat(),
    );
    let due = h.ok(&["register", "due", "--at", "2026-03-02"]);
    assert!(due.contains(&format!("2026-03-31  {RESOURCE}  广州云擎工业软件有限公司  gd-empowerment  报告本月到期 2025  [第十八条]")), "{due}");
    record(
        &h,
        &[&p[..], &["--event", "report_filed", "--date", "2026-03-25"]].concat(),
    );
    assert!(h
        .ok(&["register", "due", "--at", "2026-03-26"])
        .contains("本月没有到期事项"));
    record(
        &h,
        &[
            &p[..],
            &[
                "--event",
                "warned",
                "--date",
                "2026-04-10",
                "--note",
                "用户反馈较差",
            ],
        ]
        .concat(),
    );
    let s1 = &status(&h, "2026-04-10", "gd-empowerment")[0];
    assert_eq!(s1["standing"], "warned");
    assert_eq!(s1["deadlines"][0]["kind"], "rectification");
    assert_eq!(s1["deadlines"][0]["due"], "2026-10-10");
    assert!(proposals(&h, "2026-10-09").is_empty());
    let open = proposals(&h, "2026-10-10");
    assert_eq!(open.len(), 1);
    assert_eq!(open[0]["kind"], "removal");
    assert_eq!(open[0]["on"], "2026-10-10");
    assert_eq!(open[0]["cause"], "not_rectified");
    assert_eq!(open[0]["article"], "第十九条(一)");
    // The year's catalogue before the removal lists it (warned is not good standing).
    let cat = h.path("catalogue");
    let out = h.ok(&["register", "catalogue", "--year", "2025", "-o", s(&cat)]);
    assert!(out.contains("gd-empowerment: 1 家"), "{out}");
    let csv = std::fs::read_to_string(cat.join("catalogue-gd-empowerment-2025.csv")).unwrap();
    assert!(
        csv.contains(&format!(
            "1,广州云擎工业软件有限公司,{RESOURCE},2025-06-30,"
        )),
        "{csv}"
    );
    assert!(std::fs::read(cat.join("catalogue-gd-empowerment-2025.pdf"))
        .unwrap()
        .starts_with(b"%PDF-"));
    confirm(&h, "2026-10-10", "removal", "整改期满仍不符合要求");
    assert_eq!(
        status(&h, "2026-10-10", "gd-empowerment")[0]["standing"],
        "removed"
    );
    // The checkpoint: signed with a file key, verified, then the register appended to.
    let key = h.path("org_key");
    let kg = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "org", "-f", s(&key)])
        .output()
        .unwrap();
    assert!(kg.status.success());
    let cp = h.path("2026.rdcheckpoint");
    h.ok(&[
        "register",
        "checkpoint",
        "--signing-key",
        s(&key),
        "-o",
        s(&cp),
        "--year",
        "2026",
    ]);
    let v = h.ok(&["register", "verify", s(&cp)]);
    assert!(v.contains("台账 1 本，未改动 1 本。"), "{v}");
    record(
        &h,
        &[&p[..], &["--event", "applied", "--date", "2027-02-01"]].concat(),
    );
    let v = h.ok(&["--lang", "en", "register", "verify", s(&cp)]);
    assert!(
        v.contains(&format!("{RESOURCE}: 1 line(s) added since")),
        "{v}"
    );
    let x = h.path("register.xlsx");
    h.ok(&["register", "export", "--at", "2026-12-31", "-o", s(&x)]);
    assert!(std::fs::read(&x).unwrap().starts_with(b"PK"));
}

/// Seed 000: quarterly reports by the 20th of the quarter's last month, removal
/// after an unqualified year, a verified complaint.
#[test]
fn guangxi_pool_three_years() {
    let h = Home::new();
    let p = ["--unit", CENTER, "--program", "gx-pool"];
    record(
        &h,
        &[
            &p[..],
            &[
                "--event",
                "admitted",
                "--date",
                "2024-02-01",
                "--name",
                "广西甲公司",
            ],
        ]
        .concat(),
    );
    assert_eq!(
        status(&h, "2024-03-05", "gx-pool")[0]["deadlines"][0]["due"],
        "2024-03-20"
    );
    record(
        &h,
        &[&p[..], &["--event", "report_filed", "--date", "2024-03-18"]].concat(),
    );
    let s1 = &status(&h, "2024-07-01", "gx-pool")[0];
    assert_eq!(s1["deadlines"][0]["period"], "2024Q2");
    assert_eq!(s1["deadlines"][0]["overdue"], true);
    record(
        &h,
        &[
            &p[..],
            &[
                "--event",
                "graded",
                "--date",
                "2025-02-10",
                "--year",
                "2024",
                "--grade",
                "合格",
            ],
        ]
        .concat(),
    );
    assert!(proposals(&h, "2025-02-10").is_empty());
    record(
        &h,
        &[
            &p[..],
            &[
                "--event",
                "graded",
                "--date",
                "2026-02-10",
                "--year",
                "2025",
                "--grade",
                "unqualified",
            ],
        ]
        .concat(),
    );
    confirm(&h, "2026-02-10", "removal", "年度评价不合格，清退出资源池");
    let s2 = &status(&h, "2026-03-01", "gx-pool")[0];
    assert_eq!(s2["standing"], "removed");
    assert_eq!(
        s2["deadlines"].as_array().unwrap().len(),
        0,
        "no report after removal"
    );
    // A wrong cause is refused in the user's language, naming the causes there are.
    let o = h.run(&[
        "register",
        "record",
        "--unit",
        CENTER,
        "--program",
        "gx-pool",
        "--event",
        "removed",
        "--cause",
        "closure",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("[unknown_cause] 项目 gx-pool 没有适用于该事件的原因 closure"),
        "{}",
        text(&o.stderr)
    );
}

/// Seed 001: 优秀 puts the unit on the recommended list; 不合格 proposes its
/// elimination, which the organizer rejects with a reason (recorded).
#[test]
fn guangdong_supplier_three_years() {
    let h = Home::new();
    let p = ["--unit", RESOURCE, "--program", "gd-supplier"];
    record(
        &h,
        &[
            &p[..],
            &[
                "--event",
                "admitted",
                "--date",
                "2024-05-01",
                "--name",
                "广州云擎工业软件有限公司",
            ],
        ]
        .concat(),
    );
    record(
        &h,
        &[
            &p[..],
            &[
                "--event",
                "graded",
                "--date",
                "2025-04-01",
                "--year",
                "2024",
                "--grade",
                "优秀供应商",
            ],
        ]
        .concat(),
    );
    let s1 = &status(&h, "2025-04-01", "gd-supplier")[0];
    assert_eq!(s1["recommended"]["article"], "二(二)、二(五)");
    record(
        &h,
        &[
            &p[..],
            &[
                "--event",
                "graded",
                "--date",
                "2026-04-01",
                "--year",
                "2025",
                "--grade",
                "unqualified",
            ],
        ]
        .concat(),
    );
    let open = proposals(&h, "2026-04-01");
    let id = open[0]["id"].as_str().unwrap();
    h.ok(&[
        "register",
        "reject",
        id,
        "--reason",
        "评价数据有误，待复核",
        "--on",
        "2026-04-02",
    ]);
    assert!(proposals(&h, "2026-04-03").is_empty());
    let hist = h.ok(&["register", "history", RESOURCE]);
    assert!(hist.contains("驳回建议(proposal_rejected)"), "{hist}");
    assert!(hist.contains("note=评价数据有误，待复核"), "{hist}");
    // A correction names the line it corrects: the 2025 grade becomes 合格 from 2026-04-10.
    record(
        &h,
        &[
            &p[..],
            &[
                "--event",
                "graded",
                "--date",
                "2026-04-10",
                "--year",
                "2025",
                "--grade",
                "qualified",
                "--corrects",
                "3",
                "--note",
                "复核后更正",
            ],
        ]
        .concat(),
    );
    assert_eq!(
        status(&h, "2026-04-10", "gd-supplier")[0]["last_grade"],
        serde_json::json!([2025, "qualified"])
    );
    assert_eq!(
        status(&h, "2026-04-09", "gd-supplier")[0]["last_grade"],
        serde_json::json!([2025, "unqualified"])
    );
}

/// The demo's final archive: verified, its final list admitted to gd-supplier,
/// and applying it again records nothing.
#[test]
fn the_demo_archive_applies_once() {
    let h = Home::new();
    let out = h.path("demo");
    h.ok(&["demo", "--out", s(&out)]);
    let archive = out.join("round.rdarchive");
    let first = h.ok(&["register", "apply", s(&archive)]);
    assert!(
        first.contains("（模板 gd-supplier-recognition，项目 gd-supplier）：记录"),
        "{first}"
    );
    let admitted = first.matches("入选(admitted)").count();
    assert!(admitted > 0, "{first}");
    let again = h.ok(&["register", "apply", s(&archive)]);
    assert!(again.contains("已记录过，本次未记录任何内容"), "{again}");
    let list = status(&h, "2026-12-31", "gd-supplier");
    assert_eq!(list.len(), admitted);
    assert!(list
        .iter()
        .all(|u| u["standing"] == "member" && u["since"] == "2026-12-07"));
    // A damaged archive is refused before anything is recorded.
    let mut bytes = std::fs::read(&archive).unwrap();
    let n = bytes.len();
    bytes[n / 2] ^= 1;
    let bad = h.path("bad.rdarchive");
    std::fs::write(&bad, bytes).unwrap();
    let o = h.run(&["register", "apply", s(&bad)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("公布归档未通过核验，未记录任何内容"),
        "{}",
        text(&o.stderr)
    );
}
