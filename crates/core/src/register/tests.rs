//! The register's rules against the shipped program files: three-year scenarios
//! per program (000, 001, 003, 004) and the property that a status depends only
//! on the lines dated up to its date.

use proptest::prelude::*;

use super::*;
use crate::calendar::Date;
use crate::credit_code::CreditCode;

const CENTER: &str = "91360100MA38KX4C2X";

pub(crate) fn program(id: &str) -> ProgramRules {
    let text = match id {
        "gx-pool" => include_str!("../../../../assets/programs/gx-pool.toml"),
        "gd-supplier" => include_str!("../../../../assets/programs/gd-supplier.toml"),
        "jx-dx-center" => include_str!("../../../../assets/programs/jx-dx-center.toml"),
        "gd-empowerment" => include_str!("../../../../assets/programs/gd-empowerment.toml"),
        _ => panic!("no program {id}"),
    };
    let p: ProgramRules = toml::from_str(text).unwrap();
    p.validate().unwrap();
    p
}

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// A unit's ledger built line by line.
struct Ledger {
    code: CreditCode,
    lines: Vec<LedgerLine>,
    head: String,
}

impl Ledger {
    fn new(code: &str) -> Self {
        let code = CreditCode::parse(code).unwrap();
        let head = ledger_genesis(code.as_str());
        Ledger {
            code,
            lines: Vec::new(),
            head,
        }
    }

    fn add(&mut self, program: &str, on: &str, event: Event) -> u32 {
        self.add_entry(NewEntry {
            program: program.into(),
            on: d(on),
            event,
            corrects: None,
            proposal: None,
            source: None,
            round: None,
            note: None,
        })
    }

    fn add_entry(&mut self, e: NewEntry) -> u32 {
        let l = LedgerLine::next(
            &self.code,
            self.lines.last().map(|l| (l, self.head.as_str())),
            e,
        )
        .unwrap();
        self.head = ledger_line_hash(l.to_line().as_bytes());
        self.lines.push(l);
        self.lines.len() as u32
    }

    /// Confirms a proposal on `on` as the desk does.
    fn confirm(&mut self, p: &Proposal, on: &str, reason: &str) {
        for event in p.events(d(on)) {
            self.add_entry(NewEntry {
                program: p.program.clone(),
                on: d(on),
                event,
                corrects: None,
                proposal: Some(p.id.clone()),
                source: None,
                round: None,
                note: Some(reason.into()),
            });
        }
    }

    fn status(&self, rules: &ProgramRules, on: &str) -> UnitStatus {
        status(self.code.as_str(), &self.lines, rules, d(on))
    }

    fn propose(&self, rules: &ProgramRules, on: &str) -> Vec<Proposal> {
        propose(self.code.as_str(), &self.lines, rules, d(on))
    }
}

fn graded(year: i32, grade: &str) -> Event {
    Event::Graded {
        year,
        grade: grade.into(),
    }
}

#[test]
fn shipped_program_files_validate() {
    for id in ["gx-pool", "gd-supplier", "jx-dx-center", "gd-empowerment"] {
        assert_eq!(program(id).id, id);
    }
}

#[test]
fn validation_names_every_problem_by_path() {
    let mut p = program("jx-dx-center");
    p.failure.as_mut().unwrap().cause = "nope".into();
    p.causes[1].ban_article = None;
    p.rounds.clear();
    let problems = p.validate().unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|x| x.path.as_str()).collect();
    assert_eq!(
        paths,
        vec!["round", "cause[1].ban_article", "failure.cause"]
    );
}

/// Seed 003: 不合格 for 2024 → reorganisation (第十七条); 不合格 again for 2025 →
/// revocation at the 2025 decision with a 2-year ban (第十五条(一), 第十六条); the
/// center may be recommended again two years after the revocation.
#[test]
fn jiangxi_center_two_failing_years_is_revoked_and_barred_two_years() {
    let rules = program("jx-dx-center");
    let mut l = Ledger::new(CENTER);
    l.add(
        "jx-dx-center",
        "2023-12-20",
        Event::Admitted {
            name: "南昌数字化转型促进中心".into(),
        },
    );
    assert_eq!(l.status(&rules, "2024-01-01").standing, Standing::Member);
    l.add("jx-dx-center", "2025-03-20", graded(2024, "unqualified"));
    let p = l.propose(&rules, "2025-03-20");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].kind, ProposalKind::Reorganisation);
    assert_eq!(p[0].article, "第十七条");
    l.confirm(&p[0], "2025-04-01", "管理单位已启动重组");
    assert_eq!(
        l.status(&rules, "2025-04-01").standing,
        Standing::Reorganising
    );
    assert!(l.propose(&rules, "2025-04-01").is_empty());
    l.add("jx-dx-center", "2026-03-18", graded(2025, "unqualified"));
    let p = l.propose(&rules, "2026-03-18");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].kind, ProposalKind::Revocation);
    assert_eq!(p[0].cause.as_deref(), Some("consecutive_failure"));
    assert_eq!(p[0].ban_years, 2);
    assert_eq!(p[0].grounds, vec![2, 4]);
    // Before the decision nothing is proposed, and the status of 2026-03-17 is unchanged.
    assert!(l.propose(&rules, "2026-03-17").is_empty());
    l.confirm(&p[0], "2026-03-18", "连续两次评价不合格");
    let s = l.status(&rules, "2026-03-18");
    assert_eq!(s.standing, Standing::Revoked);
    assert_eq!(s.since, Some(d("2026-03-18")));
    assert_eq!(s.banned_until, Some(d("2028-03-18")));
    assert!(!s.may_apply);
    assert_eq!(s.not_eligible[0].code, ReasonCode::Banned);
    assert_eq!(s.not_eligible[0].article, "第十六条");
    assert_eq!(s.ended.as_ref().unwrap().article, "第十五条(一)");
    assert!(
        l.propose(&rules, "2026-03-18").is_empty(),
        "the ban came with the revocation"
    );
    assert!(!l.status(&rules, "2028-03-17").may_apply);
    let later = l.status(&rules, "2028-03-18");
    assert!(later.may_apply);
    assert_eq!(later.banned_until, None);
    // Flagged in a 2026 applicant spreadsheet: banned (until, why) and revoked.
    let flags = applicant_flags(&[("A03".into(), l.status(&rules, "2026-09-01"))]);
    let kinds: Vec<FlagKind> = flags.iter().map(|f| f.kind).collect();
    assert_eq!(kinds, vec![FlagKind::Banned, FlagKind::Revoked]);
    assert_eq!(flags[0].until, Some(d("2028-03-18")));
    assert_eq!(flags[0].cause.as_deref(), Some("consecutive_failure"));
    assert_eq!(flags[1].seq, 5);
}

/// Seed 003: a failing year between passing ones does not count as consecutive.
#[test]
fn jiangxi_failing_years_apart_are_not_consecutive() {
    let rules = program("jx-dx-center");
    let mut l = Ledger::new(CENTER);
    l.add(
        "jx-dx-center",
        "2023-12-20",
        Event::Admitted {
            name: "中心".into(),
        },
    );
    l.add("jx-dx-center", "2024-03-20", graded(2023, "unqualified"));
    l.add("jx-dx-center", "2025-03-20", graded(2024, "good"));
    l.add("jx-dx-center", "2026-03-20", graded(2025, "unqualified"));
    let p = l.propose(&rules, "2026-03-20");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].kind, ProposalKind::Reorganisation);
}

/// Seed 004: warned on 2026-04-10 and not rectified → proposed for removal on
/// 2026-10-10 (第十九条(一)); annual reports due by 31 March (第十八条).
#[test]
fn empowerment_warning_not_rectified_is_proposed_for_removal_after_six_months() {
    let rules = program("gd-empowerment");
    let mut l = Ledger::new(CENTER);
    l.add(
        "gd-empowerment",
        "2025-06-30",
        Event::Admitted {
            name: "赋能资源甲".into(),
        },
    );
    let s = l.status(&rules, "2026-03-01");
    assert_eq!(s.deadlines.len(), 1);
    assert_eq!(s.deadlines[0].period.as_deref(), Some("2025"));
    assert_eq!(s.deadlines[0].due, Some(d("2026-03-31")));
    assert!(!s.deadlines[0].overdue);
    assert_eq!(
        due(&l.status(&rules, "2026-03-01"))[0].kind,
        DueKind::ReportDue
    );
    // Not filed by 31 March: overdue, and the rules propose a warning.
    let s = l.status(&rules, "2026-04-01");
    assert!(s.deadlines[0].overdue);
    let p = l.propose(&rules, "2026-04-10");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].kind, ProposalKind::Warning);
    assert_eq!(p[0].on, d("2026-04-01"));
    l.confirm(&p[0], "2026-04-10", "年度报告逾期未交");
    let s = l.status(&rules, "2026-04-10");
    assert_eq!(s.standing, Standing::Warned);
    let rect = s
        .deadlines
        .iter()
        .find(|x| x.kind == DeadlineKind::Rectification)
        .unwrap();
    assert_eq!(rect.due, Some(d("2026-10-10")));
    assert!(l.propose(&rules, "2026-10-09").is_empty());
    let p = l.propose(&rules, "2026-10-10");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].kind, ProposalKind::Removal);
    assert_eq!(p[0].cause.as_deref(), Some("not_rectified"));
    assert_eq!(p[0].on, d("2026-10-10"));
    assert_eq!(p[0].ban_years, 0);
    // Rejected with a reason: recorded, not proposed again.
    l.add_entry(NewEntry {
        program: "gd-empowerment".into(),
        on: d("2026-10-12"),
        event: Event::ProposalRejected {
            proposal: p[0].id.clone(),
        },
        corrects: None,
        proposal: None,
        source: None,
        round: None,
        note: Some("整改材料已于10月9日提交".into()),
    });
    assert!(l.propose(&rules, "2026-10-12").is_empty());
    assert_eq!(l.propose(&rules, "2026-10-11").len(), 1);
}

/// Seed 004: a major incident removes directly with a 3-year ban (第十九条(二)).
#[test]
fn empowerment_direct_removal_proposes_its_ban() {
    let rules = program("gd-empowerment");
    let mut l = Ledger::new(CENTER);
    l.add(
        "gd-empowerment",
        "2024-06-30",
        Event::Admitted {
            name: "赋能资源乙".into(),
        },
    );
    l.add(
        "gd-empowerment",
        "2025-03-10",
        Event::ReportFiled {
            period: "2024".into(),
        },
    );
    l.add(
        "gd-empowerment",
        "2025-09-01",
        Event::Removed {
            cause: "major_incident".into(),
        },
    );
    let p = l.propose(&rules, "2025-09-01");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].kind, ProposalKind::Ban);
    assert_eq!(
        p[0].events(d("2025-09-02")),
        vec![Event::Banned {
            until: d("2028-09-02"),
            cause: "major_incident".into()
        }]
    );
    l.confirm(&p[0], "2025-09-02", "重大安全生产事故");
    let s = l.status(&rules, "2026-01-01");
    assert_eq!(s.banned_until, Some(d("2028-09-02")));
    assert!(s.deadlines.is_empty(), "no report is owed after removal");
    // Voluntary exit of another resource ends its duties too.
    let mut e = Ledger::new(CENTER);
    e.add(
        "gd-empowerment",
        "2024-06-30",
        Event::Admitted {
            name: "赋能资源丙".into(),
        },
    );
    e.add("gd-empowerment", "2025-02-01", Event::Exited);
    let s = e.status(&rules, "2025-04-02");
    assert_eq!(s.standing, Standing::Exited);
    assert!(s.may_apply && s.deadlines.is_empty());
}

/// Seed 000: quarterly reports by the 20th of the quarter's last month (第六条);
/// 不合格 → removal (第十条); a verified complaint → removal (第十四条).
#[test]
fn guangxi_pool_reports_grades_and_complaints() {
    let rules = program("gx-pool");
    let mut l = Ledger::new(CENTER);
    l.add(
        "gx-pool",
        "2024-02-01",
        Event::Admitted {
            name: "广西甲公司".into(),
        },
    );
    let s = l.status(&rules, "2024-03-05");
    assert_eq!(s.deadlines[0].period.as_deref(), Some("2024Q1"));
    assert_eq!(s.deadlines[0].due, Some(d("2024-03-20")));
    l.add(
        "gx-pool",
        "2024-03-18",
        Event::ReportFiled {
            period: "2024Q1".into(),
        },
    );
    let s = l.status(&rules, "2024-07-01");
    let periods: Vec<(&str, bool)> = s
        .deadlines
        .iter()
        .map(|x| (x.period.as_deref().unwrap(), x.overdue))
        .collect();
    assert_eq!(periods, vec![("2024Q2", true), ("2024Q3", false)]);
    l.add(
        "gx-pool",
        "2024-07-02",
        Event::ReportFiled {
            period: "2024Q2".into(),
        },
    );
    l.add("gx-pool", "2025-02-10", graded(2024, "qualified"));
    assert!(l.propose(&rules, "2025-02-10").is_empty());
    l.add("gx-pool", "2026-02-10", graded(2025, "unqualified"));
    let p = l.propose(&rules, "2026-02-10");
    assert_eq!(
        (p[0].kind, p[0].article.as_str()),
        (ProposalKind::Removal, "第十条")
    );
    let mut c = Ledger::new(CENTER);
    c.add(
        "gx-pool",
        "2024-02-01",
        Event::Admitted {
            name: "广西乙公司".into(),
        },
    );
    c.add("gx-pool", "2025-05-01", Event::ComplaintVerified);
    let p = c.propose(&rules, "2025-05-01");
    assert_eq!(
        (p[0].kind, p[0].cause.as_deref()),
        (ProposalKind::Removal, Some("verified_complaint"))
    );
    c.confirm(&p[0], "2025-05-06", "公开通报");
    assert_eq!(c.status(&rules, "2025-06-01").standing, Standing::Removed);
    // A name change filed and approved: the new name is in force from its day.
    c.add("gx-pool", "2025-07-01", Event::ChangeFiled);
    assert_eq!(
        c.status(&rules, "2025-07-01").deadlines[0].kind,
        DeadlineKind::ChangeApproval
    );
    c.add(
        "gx-pool",
        "2025-07-20",
        Event::ChangeApproved {
            name: Some("广西乙科技公司".into()),
        },
    );
    assert_eq!(c.status(&rules, "2025-07-19").name, "广西乙公司");
    assert_eq!(c.status(&rules, "2025-07-20").name, "广西乙科技公司");
}

/// Seed 001: 优秀 → the recommended list; 不合格 → eliminated.
#[test]
fn guangdong_supplier_recommended_then_eliminated() {
    let rules = program("gd-supplier");
    let mut l = Ledger::new(CENTER);
    l.add(
        "gd-supplier",
        "2024-05-01",
        Event::Admitted {
            name: "广东甲公司".into(),
        },
    );
    l.add("gd-supplier", "2025-04-01", graded(2024, "excellent"));
    let s = l.status(&rules, "2025-04-01");
    assert_eq!(s.recommended.as_ref().unwrap().article, "二(二)、二(五)");
    assert!(l.status(&rules, "2025-03-31").recommended.is_none());
    l.add("gd-supplier", "2026-04-01", graded(2025, "unqualified"));
    assert!(l.status(&rules, "2026-04-01").recommended.is_none());
    let p = l.propose(&rules, "2026-04-01");
    assert_eq!(p[0].kind, ProposalKind::Removal);
    l.confirm(&p[0], "2026-04-15", "年度评价不合格，予以淘汰");
    let s = l.status(&rules, "2026-05-01");
    assert_eq!(s.standing, Standing::Removed);
    assert!(s.may_apply, "the seed sets no ban");
}

/// A correction names the line it replaces; the status follows it from its date.
#[test]
fn a_corrected_grade_changes_the_proposal_from_the_corrections_day() {
    let rules = program("gd-supplier");
    let mut l = Ledger::new(CENTER);
    l.add(
        "gd-supplier",
        "2024-05-01",
        Event::Admitted {
            name: "广东甲公司".into(),
        },
    );
    l.add("gd-supplier", "2025-04-01", graded(2024, "unqualified"));
    l.add_entry(NewEntry {
        program: "gd-supplier".into(),
        on: d("2025-04-03"),
        event: graded(2024, "qualified"),
        corrects: Some(2),
        proposal: None,
        source: None,
        round: None,
        note: Some("录入错误".into()),
    });
    assert_eq!(l.propose(&rules, "2025-04-02").len(), 1);
    assert!(l.propose(&rules, "2025-04-03").is_empty());
}

fn arb_event() -> impl Strategy<Value = Event> {
    prop_oneof![
        Just(Event::Admitted { name: "甲".into() }),
        Just(Event::Applied { name: "甲".into() }),
        (
            2020i32..2030,
            prop::sample::select(vec!["excellent", "good", "qualified", "unqualified"])
        )
            .prop_map(|(y, g)| graded(y, g)),
        (0u32..3000).prop_map(|n| Event::Warned {
            deadline: Date::from_days(18_000 + n as i64)
        }),
        Just(Event::Rectified),
        Just(Event::Reorganising),
        Just(Event::Revoked {
            cause: "consecutive_failure".into()
        }),
        Just(Event::Removed {
            cause: "false_materials".into()
        }),
        (0u32..3000).prop_map(|n| Event::Banned {
            until: Date::from_days(18_000 + n as i64),
            cause: "closure".into()
        }),
        Just(Event::Exited),
        Just(Event::ComplaintVerified),
        Just(Event::ChangeFiled),
        (0u32..40).prop_map(|n| Event::ReportFiled {
            period: format!("{}", 2020 + n / 4)
        }),
    ]
}

proptest! {
    /// A status and the proposals at a date depend only on the lines dated up to it.
    #[test]
    fn status_depends_only_on_lines_up_to_its_date(
        events in prop::collection::vec((0i64..3000, arb_event(), any::<bool>()), 0..25),
        at in 0i64..3000,
    ) {
        let rules = program("jx-dx-center");
        let mut l = Ledger::new(CENTER);
        for (day, event, other) in &events {
            let program = if *other { "gd-empowerment" } else { "jx-dx-center" };
            l.add_entry(NewEntry {
                program: program.into(),
                on: Date::from_days(18_000 + day),
                event: event.clone(),
                corrects: None,
                proposal: None,
                source: None,
                round: None,
                note: None,
            });
        }
        // Every line reads back as written (the reader's own deserializer).
        let texts: Vec<String> = l.lines.iter().map(|x| x.to_line().trim_end().to_owned()).collect();
        let (read, _) = read_ledger(CENTER, texts.iter().map(String::as_str)).unwrap();
        prop_assert_eq!(&read, &l.lines);
        let date = Date::from_days(18_000 + at);
        let earlier: Vec<LedgerLine> = l.lines.iter().filter(|x| x.on <= date).cloned().collect();
        prop_assert_eq!(
            status(CENTER, &l.lines, &rules, date),
            status(CENTER, &earlier, &rules, date)
        );
        prop_assert_eq!(
            propose(CENTER, &l.lines, &rules, date),
            propose(CENTER, &earlier, &rules, date)
        );
    }
}
