//! The app session without a window: a temporary workspace and identity index,
//! the real keyring (gnome-keyring under `dbus-run-session`, as `scripts/test.sh`
//! runs every test), the demo round sealed to identities made here.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use reviewdesk_app::{Session, SessionConfig};
use reviewdesk_core::{Date, Lang};
use reviewdesk_desk::{load_cards, read_signing_key, seal_round_to_file, Now, Scope};
use reviewdesk_io::{demo_round_dir, load_round};
use reviewdesk_ipc::{ErrorCode, RoleView};

fn clock() -> Now {
    Now {
        at: "2026-11-21T08:00:00Z".into(),
        today: Date::new(2026, 11, 21).unwrap(),
    }
}

fn session(dir: &Path, demo: Option<PathBuf>) -> Session {
    Session::new(SessionConfig {
        workspace_dir: Some(dir.join("workspace")),
        identity_index: Some(dir.join("identities")),
        demo_round: demo,
        clock: Some(Arc::new(clock)),
    })
}

/// A unique name, so runs sharing one keyring never collide.
fn unique(name: &str, dir: &Path) -> String {
    let tag = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{name}-{tag}")
}

#[test]
fn the_home_needs_no_round_and_finds_the_demo() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session(tmp.path(), Some(demo_round_dir()));
    let home = s.home().unwrap();
    assert!(home.identities.is_empty());
    assert!(home.current.is_none());
    assert!(home.packages.is_empty() && home.chair_rounds.is_empty());
    assert!(home.demo_available);
    assert!(home.workspace_problem.is_none());

    assert_eq!(s.round_overview().unwrap_err().code, ErrorCode::NoRound);
    let overview = s.open_demo().unwrap();
    assert_eq!(overview.applicants.len(), 8);
    assert_eq!(s.round_overview().unwrap(), overview);

    // An install without the demo says so, on the home and when asked to open it.
    let mut bare = session(tmp.path(), None);
    assert!(!bare.home().unwrap().demo_available);
    assert_eq!(bare.open_demo().unwrap_err().code, ErrorCode::NoRound);
}

#[test]
fn a_workspace_that_cannot_open_still_gives_a_home() {
    let tmp = tempfile::tempdir().unwrap();
    // A file where the workspace folder should be.
    fs::write(tmp.path().join("workspace"), b"not a folder").unwrap();
    let mut s = session(tmp.path(), None);
    let home = s.home().unwrap();
    assert!(home.workspace_problem.is_some(), "{home:?}");
    assert!(home.packages.is_empty());
}

#[test]
fn desks_need_an_identity_and_an_open_package() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session(tmp.path(), None);
    assert_eq!(s.desk_view().unwrap_err().code, ErrorCode::NoDesk);
    assert_eq!(
        s.desk_open("nonexistent").unwrap_err().code,
        ErrorCode::NoIdentity
    );
    assert_eq!(
        s.chair_open(Path::new("x.rdpkg"), None).unwrap_err().code,
        ErrorCode::NoIdentity
    );
    assert_eq!(
        s.desk_score(
            "A01".into(),
            "written".into(),
            "i".into(),
            "八",
            None,
            String::new()
        )
        .unwrap_err()
        .code,
        ErrorCode::NotANumber
    );
}

/// Every role the UI can ask for is the role on the card, and the identity is
/// shared: a sheet signed at the expert desk is imported by the chair desk's
/// folder import in the same session.
#[test]
fn roles_end_to_end_and_one_session_for_every_desk() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut s = session(dir, None);

    let expert_name = unique("陈立新", dir);
    let chair_name = unique("郑国平", dir);
    let organizer_name = unique("主办", dir);
    let e = s.identity_create(&expert_name, RoleView::Expert).unwrap();
    assert_eq!(e.role, RoleView::Expert);
    let e_card = dir.join("E01.card");
    s.identity_export_card(&e_card).unwrap();
    let c = s.identity_create(&chair_name, RoleView::Chair).unwrap();
    assert_eq!(c.role, RoleView::Chair);
    let c_card = dir.join("C01.card");
    s.identity_export_card(&c_card).unwrap();
    let o = s
        .identity_create(&organizer_name, RoleView::Organizer)
        .unwrap();
    assert_eq!(
        o.role,
        RoleView::Organizer,
        "an organizer stays an organizer"
    );
    let roles: Vec<RoleView> = s
        .home()
        .unwrap()
        .identities
        .iter()
        .map(|i| i.role)
        .collect();
    assert_eq!(
        roles,
        [RoleView::Expert, RoleView::Chair, RoleView::Organizer]
    );

    // The organizer seals the demo round with these two cards in place of E01's and C01's.
    let round = dir.join("round");
    let src = demo_round_dir();
    for sub in ["materials", "cards"] {
        fs::create_dir_all(round.join(sub)).unwrap();
        for f in fs::read_dir(src.join(sub)).unwrap() {
            let f = f.unwrap();
            fs::copy(f.path(), round.join(sub).join(f.file_name())).unwrap();
        }
    }
    let toml = fs::read_to_string(src.join("round.toml"))
        .unwrap()
        .replace("\"陈立新\"", &format!("\"{expert_name}\""))
        .replace("\"郑国平\"", &format!("\"{chair_name}\""));
    fs::write(round.join("round.toml"), toml).unwrap();
    fs::copy(&e_card, round.join("cards/E01.card")).unwrap();
    fs::copy(&c_card, round.join("cards/C01.card")).unwrap();
    let loaded = load_round(&round).unwrap();
    let cards = load_cards(&loaded).unwrap();
    let org = read_signing_key(&src.join("keys/ORG.key")).unwrap();
    let pkg = dir.join("round.rdpkg");
    seal_round_to_file(&loaded, &cards, &org, Scope::Whole, &pkg, &mut |_, _| {}).unwrap();

    // The expert: import (confirming the organizer's key), pledge, declare, score, sign.
    s.identity_choose(&expert_name).unwrap();
    let fp = org.fingerprint().to_string();
    // Stopped half-way: nothing is kept, nothing recorded.
    let stopped = s
        .package_import(&pkg, Some(&fp), &|done, _| {
            if done > 0 {
                std::ops::ControlFlow::Break(())
            } else {
                std::ops::ControlFlow::Continue(())
            }
        })
        .unwrap_err();
    assert_eq!(stopped.code, ErrorCode::Cancelled);
    assert!(s.packages().unwrap().is_empty());
    let left = fs::read_dir(dir.join("workspace/packages"))
        .unwrap()
        .count();
    assert_eq!(left, 0, "a cancelled import left files behind");

    let reports = std::sync::Mutex::new(Vec::new());
    let imported = s
        .package_import(&pkg, Some(&fp), &|done, total| {
            reports.lock().unwrap().push((done, total));
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
    // Progress in bytes: the copy, then the check of the copy, up to twice the size.
    let reports = reports.into_inner().unwrap();
    let size = fs::metadata(&pkg).unwrap().len();
    assert_eq!(reports.last(), Some(&(2 * size, 2 * size)));
    assert!(
        reports.iter().all(|&(d, t)| t == 2 * size && d <= t),
        "{reports:?}"
    );
    assert!(reports.len() > 2, "{reports:?}");
    // Nothing but the kept package is left in the workspace's package folder.
    let kept: Vec<_> = fs::read_dir(dir.join("workspace/packages"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(kept, [format!("{}.rdpkg", imported.package.id)]);
    assert!(imported.pinned_now);
    let view = s.desk_open(&imported.package.id).unwrap();
    assert_eq!(view.expert_id, "E01");
    s.desk_pledge().unwrap();
    let open: Vec<String> = view
        .applicants
        .iter()
        .filter(|a| !a.locked)
        .map(|a| a.id.clone())
        .collect();
    for a in &open {
        s.desk_declare(a.clone(), None, String::new()).unwrap();
    }
    // A material opened for the viewer, twice: its opening is logged once.
    let material = view
        .applicants
        .iter()
        .find(|a| a.id == open[0])
        .and_then(|a| a.materials.first())
        .expect("a material of the first applicant")
        .id
        .clone();
    for _ in 0..2 {
        assert!(s.desk_material_open(&material).unwrap() > 0);
    }
    let ind = view
        .indicators
        .iter()
        .find(|i| i.scored && i.stage == view.stages[0].id)
        .expect("a scored indicator");
    let after = s
        .desk_score(
            open[0].clone(),
            ind.stage.clone(),
            ind.id.clone(),
            &ind.max,
            None,
            String::new(),
        )
        .unwrap();
    assert_eq!(after.scores.len(), 1);
    let out = dir.join("out");
    fs::create_dir_all(&out).unwrap();
    let signed = s.desk_sign(&out, Lang::ZhCn).unwrap();
    assert_eq!(signed.revision, 1);
    let ext = format!(".{}", reviewdesk_desk::SHEET_EXTENSION);
    assert!(signed.sheet_path.ends_with(&ext), "{}", signed.sheet_path);
    assert!(Path::new(&signed.pdf_path).is_file());

    // The chair, in the same session: the desks share the workspace; choosing another
    // identity closes the expert's desk.
    s.identity_choose(&chair_name).unwrap();
    assert_eq!(s.desk_view().unwrap_err().code, ErrorCode::NoDesk);
    // The organizer key the expert confirmed is pinned in the shared workspace.
    let chair = s.chair_open(&pkg, None).unwrap();
    assert_eq!(chair.chair.id, "C01");
    let imported = s.chair_import_folder(&out).unwrap();
    assert_eq!(imported.lines.len(), 1, "{:?}", imported.lines);
    assert!(imported.lines[0].accepted, "{:?}", imported.lines[0]);
    assert_eq!(imported.chair.sheets.len(), 1);
    // The chair sees the sheet's log: the pledge's time, the declarations, the
    // edits (each declaration and the score) and the one material opened.
    let audit = imported.lines[0]
        .audit
        .clone()
        .expect("an accepted sheet's log");
    assert_eq!(audit.pledged_at, clock().at);
    assert_eq!(audit.no_conflict as usize, open.len());
    assert_eq!(audit.edits as usize, open.len() + 1);
    assert_eq!(audit.opened, 1);
    assert_eq!(imported.chair.sheets[0].audit, audit);

    let home = s.home().unwrap();
    assert_eq!(home.packages.len(), 1);
    assert_eq!(home.chair_rounds.len(), 1);
    assert_eq!(home.current.unwrap().name, chair_name);
}

/// The organizer desk: a round folder opened is the home's recent work; an
/// applicant spreadsheet with an error is planned, never written.
#[test]
fn the_organizer_opens_a_round_and_plans_an_import() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let round = dir.join("round");
    let src = demo_round_dir();
    for sub in ["materials", "cards"] {
        fs::create_dir_all(round.join(sub)).unwrap();
        for f in fs::read_dir(src.join(sub)).unwrap() {
            let f = f.unwrap();
            fs::copy(f.path(), round.join(sub).join(f.file_name())).unwrap();
        }
    }
    fs::copy(src.join("round.toml"), round.join("round.toml")).unwrap();
    let mut s = session(dir, None);
    assert_eq!(s.organizer_view().unwrap_err().code, ErrorCode::NoRound);
    let view = s.organizer_open(&round).unwrap();
    assert_eq!(view.overview.applicants.len(), 8);
    let home = s.home().unwrap();
    assert_eq!(home.organizer_rounds.len(), 1);
    assert_eq!(home.organizer_rounds[0].dir, round.display().to_string());

    // A CSV whose only row has an unknown category: planned, not importable, not written.
    let csv = dir.join("名单.csv");
    fs::write(
        &csv,
        "单位名称,统一社会信用代码,所属地市,所属行业,申报类别\n某公司,91440101MA5AGYGLU6,广州市,软件和信息技术服务业,区块链\n",
    )
    .unwrap();
    let before = fs::read(round.join("round.toml")).unwrap();
    let plan = s.organizer_applicants_plan(&csv, None).unwrap();
    assert!(!plan.importable);
    assert_eq!(plan.problems.len(), 1, "{:?}", plan.problems);
    assert_eq!(plan.problems[0].row, 2);
    assert_eq!(plan.problems[0].column.as_deref(), Some("E"));
    let done = s.organizer_applicants_import(&csv, None).unwrap();
    assert!(!done.written);
    assert_eq!(fs::read(round.join("round.toml")).unwrap(), before);
    // A file that is no spreadsheet: its own code, naming the file.
    fs::write(dir.join("x.docx"), b"PK\x03\x04 not a sheet").unwrap();
    let err = s
        .organizer_applicants_plan(&dir.join("x.docx"), None)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::UnsupportedSheet);
    assert!(err
        .details
        .get("path")
        .is_some_and(|p| p.ends_with("x.docx")));
}

/// The organizer desk's applicant import shows the register's flags (动态管理):
/// a unit already a member of the program the round's template feeds is flagged,
/// citing its ledger line.
#[test]
fn the_applicant_import_shows_the_registers_flags() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let round = dir.join("round");
    let src = demo_round_dir();
    for sub in ["materials", "cards"] {
        fs::create_dir_all(round.join(sub)).unwrap();
        for f in fs::read_dir(src.join(sub)).unwrap() {
            let f = f.unwrap();
            fs::copy(f.path(), round.join(sub).join(f.file_name())).unwrap();
        }
    }
    fs::copy(src.join("round.toml"), round.join("round.toml")).unwrap();
    {
        let ws = reviewdesk_workspace::Workspace::open(&dir.join("workspace")).unwrap();
        let mut reg = reviewdesk_desk::register::Register::open(ws).unwrap();
        reg.record(
            reviewdesk_desk::register::RecordRequest {
                unit: "91440101MA5AGYGLU6".into(),
                program: "gd-supplier".into(),
                event: "admitted".into(),
                on: Some(Date::new(2025, 5, 1).unwrap()),
                name: Some("广州云擎工业软件有限公司".into()),
                ..Default::default()
            },
            Date::new(2026, 11, 21).unwrap(),
        )
        .unwrap();
    }
    let mut s = session(dir, None);
    s.organizer_open(&round).unwrap();
    let csv = dir.join("名单.csv");
    fs::write(
        &csv,
        "单位名称,统一社会信用代码,所属地市,所属行业,申报类别\n广州云擎工业软件有限公司,91440101MA5AGYGLU6,广州市,软件和信息技术服务业,application\n",
    )
    .unwrap();
    let plan = s.organizer_applicants_plan(&csv, None).unwrap();
    assert_eq!(plan.register_flags.len(), 1, "{:?}", plan.register_flags);
    let f = &plan.register_flags[0];
    assert_eq!(
        (f.applicant.as_str(), f.kind.as_str(), f.program.as_str()),
        ("A01", "already_member", "gd-supplier")
    );
    assert_eq!((f.seq, f.on.as_str()), (1, "2025-05-01"));
}

/// The organizer desk from assignment to hand-out: a dry run writes nothing, an
/// impossible count says what is short, the assignment is applied with its seed, a
/// stale material's reason is recorded, and the round is sealed with the identity in
/// use (its card put into `cards/`) into an empty folder with a hand-out list;
/// a folder that is not empty is refused.
#[test]
fn the_organizer_assigns_and_seals_for_hand_out() {
    use reviewdesk_ipc::AssignRequestView;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let round = dir.join("round");
    let src = demo_round_dir();
    for sub in ["materials", "cards"] {
        fs::create_dir_all(round.join(sub)).unwrap();
        for f in fs::read_dir(src.join(sub)).unwrap() {
            let f = f.unwrap();
            fs::copy(f.path(), round.join(sub).join(f.file_name())).unwrap();
        }
    }
    fs::copy(src.join("round.toml"), round.join("round.toml")).unwrap();
    // The organizer's card comes from the identity in use, not the demo's.
    fs::remove_file(round.join("cards/ORG.card")).unwrap();
    let mut s = session(dir, None);
    let name = unique("主办单位", dir);
    s.identity_create(&name, RoleView::Organizer).unwrap();
    s.organizer_open(&round).unwrap();

    let before = fs::read(round.join("round.toml")).unwrap();
    let req = AssignRequestView {
        per_applicant: Some(3),
        max_load: None,
        seed: Some(7),
        pins: vec![("A01".into(), "E05".into())],
        bans: vec![("A02".into(), "E02".into())],
    };
    let dry = s.organizer_assign(req.clone(), false).unwrap();
    assert!(!dry.written && dry.shortages.is_empty());
    assert_eq!(dry.panels.len(), 8);
    assert!(dry.panels.iter().all(|p| p.experts.len() == 3));
    assert_eq!(
        fs::read(round.join("round.toml")).unwrap(),
        before,
        "a dry run writes nothing"
    );

    let short = s
        .organizer_assign(
            AssignRequestView {
                per_applicant: Some(9),
                ..req.clone()
            },
            true,
        )
        .unwrap();
    assert!(!short.written && !short.shortages.is_empty());
    assert!(short.shortages.iter().all(|x| x.missing > 0));
    assert_eq!(fs::read(round.join("round.toml")).unwrap(), before);

    // A pin against the demo's upheld recusal (E03 on A04): refused, in both languages.
    let refused = s
        .organizer_assign(
            AssignRequestView {
                pins: vec![("A04".into(), "E03".into())],
                ..req.clone()
            },
            true,
        )
        .unwrap();
    assert!(!refused.written && refused.refused.len() == 1);
    assert!(
        refused.refused[0].zh.contains("已准予回避"),
        "{:?}",
        refused.refused
    );
    assert!(
        refused.refused[0].en.contains("recused"),
        "{:?}",
        refused.refused
    );
    assert_eq!(fs::read(round.join("round.toml")).unwrap(), before);
    let applied = s.organizer_assign(req, true).unwrap();
    assert!(applied.written);
    assert_eq!(
        applied.panels, dry.panels,
        "the same seed gives the same plan"
    );
    let text = fs::read_to_string(round.join("round.toml")).unwrap();
    assert!(text.contains("assignment_seed = 7"), "{text}");
    assert_eq!(applied.organizer.overview.applicants[0].experts, 3);

    let view = s
        .organizer_material_reason("M01", "  原件在审，复印件有效  ")
        .unwrap();
    assert!(view.blockers.is_empty());
    let text = fs::read_to_string(round.join("round.toml")).unwrap();
    assert!(
        text.contains("stale_reason = \"原件在审，复印件有效\""),
        "{text}"
    );

    let out = dir.join("out");
    let calls = std::sync::Mutex::new(Vec::new());
    let h = s
        .organizer_seal(&out, Lang::ZhCn, &|d, t| {
            calls.lock().unwrap().push((d, t));
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
    assert!(round.join("cards/ORG.card").is_file());
    assert_eq!(h.lines.len(), 6, "the chair and five experts");
    assert!(h.lines[0].chair);
    assert_eq!(h.lines[0].file, "chair/gd-pool-2026-01.rdpkg");
    for l in &h.lines {
        let f = out.join(&l.file);
        assert_eq!(fs::metadata(&f).unwrap().len(), l.size, "{}", l.file);
        assert!(l.fingerprint.starts_with("SHA256:"));
    }
    assert_eq!(h.lines[1].file, "experts/E01.rdpkg");
    let o = s.identity().unwrap().fingerprint().to_string();
    assert_eq!(h.organizer, o);
    assert!(fs::read(&h.pdf).unwrap().starts_with(b"%PDF-"));
    let csv = fs::read_to_string(&h.csv).unwrap();
    assert!(
        csv.starts_with("\u{feff}编号,姓名,角色,文件,密钥指纹"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 7);
    let calls = calls.into_inner().unwrap();
    assert!(calls.iter().all(|(_, t)| *t == 6000));
    assert!(
        calls.windows(2).all(|w| w[0].0 <= w[1].0),
        "progress only grows"
    );

    // The printed list: its text extracted (poppler-utils, installed by scripts/setup.sh).
    let text = std::process::Command::new("pdftotext")
        .args([h.pdf.as_str(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/setup.sh");
    let text: String = String::from_utf8(text.stdout)
        .unwrap()
        .split_whitespace()
        .collect();
    assert!(text.contains("评审包分发清单"), "{text}");
    assert!(text.contains("experts/E03.rdpkg"), "{text}");
    let again = s
        .organizer_seal(&out, Lang::En, &|_, _| std::ops::ControlFlow::Continue(()))
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::OutputNotEmpty);
}

/// A new round with an application deadline: a test report issued more than 24
/// months before it blocks sealing until a reason is recorded.
#[test]
fn a_stale_material_blocks_until_a_reason_is_recorded() {
    use reviewdesk_ipc::{BlockerCode, NewRoundView};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut s = session(dir, None);
    let round = dir.join("赋能");
    s.organizer_new(
        &round,
        &NewRoundView {
            template: "gd-empowerment".into(),
            title: "2027年第一季度".into(),
            organizer: String::new(),
            deadline: String::new(),
            application_deadline: "2027-03-31".into(),
        },
    )
    .unwrap();
    let csv = dir.join("名单.csv");
    fs::write(
        &csv,
        "单位名称,统一社会信用代码,所属地市,所属行业,申报类别\n广州赋能智造有限公司,91440101MA5AGYGLU6,广州市,软件和信息技术服务业,人工智能应用赋能\n",
    )
    .unwrap();
    assert!(s.organizer_applicants_import(&csv, None).unwrap().written);
    let folder = dir.join("材料/A01");
    fs::create_dir_all(&folder).unwrap();
    fs::copy(
        demo_round_dir().join("materials/A01-application.pdf"),
        folder.join("检测报告-2024-01-15.pdf"),
    )
    .unwrap();
    let done = s.organizer_materials_import(&dir.join("材料")).unwrap();
    assert!(done.written);
    let codes: Vec<BlockerCode> = done.organizer.blockers.iter().map(|b| b.code).collect();
    assert!(codes.contains(&BlockerCode::Stale), "{codes:?}");
    let view = s
        .organizer_material_reason("M01", "已核对有效性说明")
        .unwrap();
    let codes: Vec<BlockerCode> = view.blockers.iter().map(|b| b.code).collect();
    assert!(!codes.contains(&BlockerCode::Stale), "{codes:?}");
}

/// The organizer's decisions through the session: the panel from an expert list and
/// the demo's key cards (a card that fits no row refuses the import, nothing
/// written), a conflict found from a former employer, a recusal request entered and
/// ruled, the eligibility check recorded — each written to `round.toml`.
#[test]
fn the_organizer_names_the_panel_and_rules_on_conflicts_recusals_and_eligibility() {
    use reviewdesk_ipc::{EligibilityOutcomeView, NewRoundView};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut s = session(dir, None);
    let round = dir.join("r");
    s.organizer_new(
        &round,
        &NewRoundView {
            template: "gd-supplier-recognition".into(),
            title: "测试批次".into(),
            organizer: String::new(),
            deadline: "2026-12-31".into(),
            application_deadline: String::new(),
        },
    )
    .unwrap();
    let csv = dir.join("名单.csv");
    fs::write(
        &csv,
        "单位名称,统一社会信用代码,所属地市,所属行业,申报类别\n广州云擎工业软件有限公司,91440101MA5AGYGLU6,广州市,软件和信息技术服务业,application\n",
    )
    .unwrap();
    assert!(s.organizer_applicants_import(&csv, None).unwrap().written);

    // The demo panel; 吴建华 (E05) left 广州云擎 in 2025: a conflict with A01.
    let experts = dir.join("专家.csv");
    let list = "姓名,工作单位,专业领域,角色,近三年曾任职单位\n\
        郑国平,岭南工业技术研究院,工业互联网,组长,\n\
        陈立新,岭南工业技术研究院,工业软件,专家,\n\
        林晓梅,粤海理工学院信息工程学院,工业网络与5G,专家,\n\
        黄志强,南粤信息安全测评中心,工业控制系统安全,专家,\n\
        周婉婷,珠江明信会计师事务所,财务与投融资,专家,\n\
        吴建华,广东智能制造促进会,智能制造,专家,广州云擎工业软件有限公司 2025-06-30\n";
    fs::write(&experts, list).unwrap();
    let cards = demo_round_dir().join("cards");
    // A stranger's card among them: it fits no row, nothing is written.
    let stray = dir.join("cards");
    fs::create_dir_all(&stray).unwrap();
    let name = unique("路人", dir);
    s.identity_create(&name, RoleView::Expert).unwrap();
    s.identity_export_card(&stray.join("x.card")).unwrap();
    let before = fs::read(round.join("round.toml")).unwrap();
    let refused = s
        .organizer_panel_import(&experts, &[cards.clone(), stray.join("x.card")])
        .unwrap();
    assert!(!refused.written);
    assert!(refused
        .plan
        .problems
        .iter()
        .any(|p| p.code == "card_matches_no_row" && p.card.is_some()));
    assert_eq!(fs::read(round.join("round.toml")).unwrap(), before);

    let plan = s
        .organizer_panel_plan(&experts, std::slice::from_ref(&cards))
        .unwrap();
    assert!(plan.importable, "{:?}", plan.problems);
    assert_eq!(plan.members.len(), 6);
    assert!(plan.members[0].chair && plan.members.iter().all(|m| m.card == "copied"));
    assert_eq!(plan.organizer_card, "copied");
    let done = s.organizer_panel_import(&experts, &[cards]).unwrap();
    assert!(done.written);
    assert_eq!(done.organizer.overview.panel.len(), 6);
    assert!(round.join("cards/E05.card").is_file() && round.join("cards/ORG.card").is_file());

    let c = s.organizer_conflicts().unwrap();
    assert_eq!(c.as_of, "2026-12-31");
    assert_eq!(c.conflicts.len(), 1);
    assert_eq!(
        (
            c.conflicts[0].expert.as_str(),
            c.conflicts[0].applicant.as_str()
        ),
        ("E05", "A01")
    );
    assert_eq!(
        c.conflicts[0].grounds[0].until.as_deref(),
        Some("2025-06-30")
    );
    let err = s.organizer_dismiss("E05", "A01", "  ", "处长").unwrap_err();
    assert_eq!(err.code, ErrorCode::DecisionRefused);
    let c = s
        .organizer_dismiss("E05", "A01", "离职后与该单位无往来", "处长")
        .unwrap();
    let d = c.conflicts[0].dismissal.as_ref().unwrap();
    assert_eq!((d.by.as_str(), d.on.as_str()), ("处长", "2026-11-21"));

    let c = s
        .organizer_recusal_add("A01", "E02", "该专家曾参与本单位项目评审")
        .unwrap();
    assert_eq!(c.requests[0].ruling, "pending");
    assert_eq!(c.requests[0].received.as_deref(), Some("2026-11-21"));
    let codes: Vec<_> = c.organizer.blockers.iter().map(|b| b.code).collect();
    assert!(codes.contains(&reviewdesk_ipc::BlockerCode::PendingRecusal));
    assert_eq!(
        s.organizer_recusal_rule("A01", "E02", true, "理由成立", " ")
            .unwrap_err()
            .code,
        ErrorCode::Invalid
    );
    let c = s
        .organizer_recusal_rule("A01", "E02", true, "理由成立", "处长")
        .unwrap();
    assert_eq!(c.requests[0].ruling, "upheld");
    assert_eq!(c.requests[0].decision.as_ref().unwrap().reason, "理由成立");
    let text = fs::read_to_string(round.join("round.toml")).unwrap();
    assert!(text.contains("ruled_by = \"处长\""), "{text}");

    let e = s.organizer_eligibility().unwrap();
    assert!(!e.items.is_empty());
    assert_eq!(e.applicants[0].status, "unchecked");
    let item = e.items[0].id.clone();
    let e = s
        .organizer_eligibility_record(
            "A01",
            &EligibilityOutcomeView::NotMet {
                item: item.clone(),
                note: "营业执照已过期".into(),
            },
            "审核员",
        )
        .unwrap();
    assert_eq!(e.applicants[0].status, "failed");
    let e = s
        .organizer_eligibility_record("A01", &EligibilityOutcomeView::AllMet, "审核员")
        .unwrap();
    assert_eq!(e.applicants[0].status, "passed");
}

/// Re-checks through the session: the chair flags the expert's far-off stage,
/// writes the request; the expert imports it, cannot sign until the flag is
/// justified, signs revision 2; the chair's matrix shows the justification.
#[test]
fn a_recheck_request_goes_from_the_chair_to_the_expert_and_back() {
    use reviewdesk_desk::{open_package, read_identities, sign_scores, Trust};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut s = session(dir, None);
    let expert_name = unique("陈立新", dir);
    let chair_name = unique("郑国平", dir);
    s.identity_create(&expert_name, RoleView::Expert).unwrap();
    let e_card = dir.join("E01.card");
    s.identity_export_card(&e_card).unwrap();
    s.identity_create(&chair_name, RoleView::Chair).unwrap();
    let c_card = dir.join("C01.card");
    s.identity_export_card(&c_card).unwrap();

    let round = dir.join("round");
    let src = demo_round_dir();
    for sub in ["materials", "cards"] {
        fs::create_dir_all(round.join(sub)).unwrap();
        for f in fs::read_dir(src.join(sub)).unwrap() {
            let f = f.unwrap();
            fs::copy(f.path(), round.join(sub).join(f.file_name())).unwrap();
        }
    }
    let toml = fs::read_to_string(src.join("round.toml"))
        .unwrap()
        .replace("\"陈立新\"", &format!("\"{expert_name}\""))
        .replace("\"郑国平\"", &format!("\"{chair_name}\""));
    fs::write(round.join("round.toml"), toml).unwrap();
    fs::copy(&e_card, round.join("cards/E01.card")).unwrap();
    fs::copy(&c_card, round.join("cards/C01.card")).unwrap();
    let loaded = load_round(&round).unwrap();
    let cards = load_cards(&loaded).unwrap();
    let org = read_signing_key(&src.join("keys/ORG.key")).unwrap();
    let pkg = dir.join("round.rdpkg");
    seal_round_to_file(&loaded, &cards, &org, Scope::Whole, &pkg, &mut |_, _| {}).unwrap();
    let stage = loaded.template.stages[0].id.clone();
    let indicators: Vec<String> = loaded
        .template
        .scored_indicators(&stage)
        .map(|i| i.id.clone())
        .collect();

    // E01 (this session) scores its first applicant's first stage at 0.
    s.identity_choose(&expert_name).unwrap();
    let fp = org.fingerprint().to_string();
    let imported = s
        .package_import(&pkg, Some(&fp), &|_, _| std::ops::ControlFlow::Continue(()))
        .unwrap();
    let view = s.desk_open(&imported.package.id).unwrap();
    s.desk_pledge().unwrap();
    let open: Vec<String> = view
        .applicants
        .iter()
        .filter(|a| !a.locked)
        .map(|a| a.id.clone())
        .collect();
    for a in &open {
        s.desk_declare(a.clone(), None, String::new()).unwrap();
    }
    let a = open[0].clone();
    for i in &indicators {
        s.desk_score(
            a.clone(),
            stage.clone(),
            i.clone(),
            "0",
            Some("未见证明材料".into()),
            String::new(),
        )
        .unwrap();
    }
    let out = dir.join("out");
    fs::create_dir_all(&out).unwrap();
    s.desk_sign(&out, Lang::ZhCn).unwrap();
    // The other experts who review `a` score that stage at the maximum.
    let keys = src.join("keys");
    for e in ["E02", "E03", "E04", "E05"] {
        let reviews: Vec<&str> = loaded
            .round
            .assignments
            .iter()
            .filter(|x| x.expert == e)
            .map(|x| x.applicant.as_str())
            .collect();
        let upheld: Vec<&str> = loaded
            .round
            .recusal_requests
            .iter()
            .filter(|q| q.expert == e && q.ruling == reviewdesk_core::RecusalRuling::Upheld)
            .map(|q| q.applicant.as_str())
            .collect();
        if !reviews.contains(&a.as_str()) || upheld.contains(&a.as_str()) {
            continue;
        }
        let declarations: Vec<serde_json::Value> = reviews
            .iter()
            .map(|x| {
                if upheld.contains(x) {
                    serde_json::json!({"applicant": x, "recuse": "upheld_request"})
                } else {
                    serde_json::json!({"applicant": x})
                }
            })
            .collect();
        let scores: Vec<serde_json::Value> = indicators
            .iter()
            .map(|i| {
                let max = loaded.template.indicator(i).unwrap().max.to_string();
                serde_json::json!({"applicant": a, "stage": stage, "indicator": i, "value": max})
            })
            .collect();
        let part = serde_json::json!({"expert": e, "declarations": declarations, "scores": scores});
        // Signed at a desk of their own (a workspace each), as `sheet sign` does:
        // the merge replays every sheet's audit log.
        let ids = read_identities(&keys.join(format!("{e}.age"))).unwrap();
        let ws_dir = dir.join(format!("ws-{e}"));
        let mut ws = reviewdesk_workspace::Workspace::open(&ws_dir).unwrap();
        let organizer = open_package(&pkg, None).unwrap().manifest.organizer.clone();
        let part: reviewdesk_core::rules::ExpertPart = serde_json::from_value(part).unwrap();
        let (_, signed) = sign_scores(
            &mut ws,
            &pkg,
            &read_signing_key(&keys.join(format!("{e}.key"))).unwrap(),
            &ids,
            Trust::Confirm(&organizer),
            &part,
            &clock(),
        )
        .unwrap();
        let file = signed.file;
        fs::write(out.join(format!("{e}.rdsheet")), file).unwrap();
    }

    // The chair sees the flag, records the re-check and writes the request.
    s.identity_choose(&chair_name).unwrap();
    s.chair_open(&pkg, None).unwrap();
    let chair = s.chair_import_folder(&out).unwrap().chair;
    let flag = chair
        .flags
        .iter()
        .find(|f| f.expert == "E01" && f.applicant == a && f.stage == stage)
        .unwrap_or_else(|| panic!("E01's stage is flagged: {:?}", chair.flags))
        .clone();
    let request = dir.join("E01-1.rdrecheck");
    let refused = s.chair_recheck_export("E01", &request).unwrap_err();
    assert_eq!(refused.code, ErrorCode::NoRechecks);
    s.chair_recheck("E01", &a, &stage, flag.indicator.as_deref(), "请复核")
        .unwrap();
    let written = s.chair_recheck_export("E01", &request).unwrap();
    assert_eq!((written.sequence, written.flags), (1, 1));
    assert_eq!(written.chair.sent_rechecks.len(), 1);

    // The expert imports it, cannot sign until it is justified, then signs.
    s.identity_choose(&expert_name).unwrap();
    s.desk_open(&imported.package.id).unwrap();
    let v = s.desk_recheck_import(&request).unwrap();
    assert_eq!(v.rechecks.len(), 1);
    assert_eq!(v.rechecks[0].note, "请复核");
    assert_eq!(v.unanswered.len(), 1);
    let again = s.desk_recheck_import(&request).unwrap_err();
    assert_eq!(again.code, ErrorCode::StaleRecheck);
    let e = s.desk_sign(&out, Lang::ZhCn).unwrap_err();
    assert_eq!(e.code, ErrorCode::RecheckUnanswered);
    assert_eq!(e.details["cells"], v.unanswered.join(", "));
    let bad = s
        .desk_justify(
            1,
            a.clone(),
            stage.clone(),
            flag.indicator.clone(),
            "changed",
            "改".into(),
        )
        .unwrap_err();
    assert_eq!(bad.code, ErrorCode::JustificationMismatch);
    let v = s
        .desk_justify(
            1,
            a.clone(),
            stage.clone(),
            flag.indicator.clone(),
            "kept",
            "材料中确无相关证明，维持原分".into(),
        )
        .unwrap();
    assert!(v.unanswered.is_empty());
    assert_eq!(v.rechecks[0].answer.as_deref(), Some("kept"));
    let signed = s.desk_sign(&out, Lang::ZhCn).unwrap();
    assert_eq!(signed.revision, 2);

    // The chair imports revision 2: the matrix cell carries the answer.
    s.identity_choose(&chair_name).unwrap();
    s.chair_open(&pkg, None).unwrap();
    let view = s
        .chair_import(&[PathBuf::from(&signed.sheet_path)])
        .unwrap()
        .chair;
    let cell = view
        .cells
        .iter()
        .find(|c| c.expert == "E01" && c.applicant == a && c.stage == stage)
        .unwrap();
    assert_eq!(cell.justifications.len(), 1);
    assert_eq!(cell.justifications[0].answer, "kept");
    assert_eq!(cell.justifications[0].text, "材料中确无相关证明，维持原分");
}
