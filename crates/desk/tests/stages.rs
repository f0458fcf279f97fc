//! Stage by stage end to end through the library (issue 14 parts 2 and 3, issue
//! 17 item 3): the demo round with a gate on its written stage and the defense
//! closed at first; experts score the written stage and sign; the chair's interim
//! bundle; the advance list; the next revision opening the defense for those who
//! go on; an expert imports it (work carried over) and an older revision is
//! refused; the final merge reports the others `failed_gate`. And a substitute
//! expert: their package and the whole one naming the enlarged family, the
//! sheets already signed still accepted.

use std::fs;
use std::path::{Path, PathBuf};

use reviewdesk_core::rules::{ApplicantStatus, Declaration, PartScore, RecusalCase, StageStatus};
use reviewdesk_core::{AdvanceOutcome, Date, Lang, StageAccess, StageKind};
use reviewdesk_desk::*;
use reviewdesk_formats::{Identity, KeyCard, Role, Signer};
use reviewdesk_io::{demo_round_dir, load_round};
use reviewdesk_reports::FontData;
use reviewdesk_workspace::Workspace;
use rust_decimal::Decimal;

fn keys() -> PathBuf {
    demo_round_dir().join("keys")
}
fn signer(id: &str) -> Signer {
    read_signing_key(&keys().join(format!("{id}.key"))).unwrap()
}
fn ids(id: &str) -> Vec<Identity> {
    read_identities(&keys().join(format!("{id}.age"))).unwrap()
}
fn now() -> Now {
    Now {
        at: "2026-11-21T08:00:00Z".into(),
        today: Date::new(2026, 11, 21).unwrap(),
    }
}

/// Applicants the script scores high (90 % of each maximum); the others get 60 %.
const HIGH: [&str; 3] = ["A01", "A02", "A05"];
/// The written stage's gate in the round's own template.
const GATE: &str = "75";

/// A copy of the demo round with a gate of 75 on the written stage (a
/// `template.toml` of its own) and, when `closed`, the defense open for no one yet.
fn staged_round(dir: &Path, closed: bool) -> PathBuf {
    let round = dir.join("round");
    let src = demo_round_dir();
    for sub in ["materials", "cards"] {
        fs::create_dir_all(round.join(sub)).unwrap();
        for e in fs::read_dir(src.join(sub)).unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), round.join(sub).join(e.file_name())).unwrap();
        }
    }
    let mut text = fs::read_to_string(src.join("round.toml")).unwrap();
    if closed {
        text.push_str("\n[[advance]]\nstage = \"defense\"\napplicants = []\n");
    }
    fs::write(round.join("round.toml"), text).unwrap();
    let t = fs::read_to_string(src.join("../templates/gd-supplier-recognition.toml")).unwrap();
    let t = t.replacen(
        "id = \"written\"",
        &format!("id = \"written\"\ngate = \"{GATE}\""),
        1,
    );
    fs::write(round.join("template.toml"), t).unwrap();
    load_round(&round).unwrap();
    round
}

/// The shipped calendar, for every sealing here.
static SHIPPED: std::sync::LazyLock<reviewdesk_core::WorkdayCalendar> =
    std::sync::LazyLock::new(reviewdesk_core::WorkdayCalendar::official);

fn to<'a>(org: &'a Signer, dir: &'a Path, font: &'a FontData) -> HandOutTo<'a> {
    HandOutTo {
        organizer: org,
        dir,
        font,
        lang: Lang::ZhCn,
        today: now().today,
        calendar: &SHIPPED,
    }
}

/// The scripted score of one indicator: 90 % or 60 % of the maximum, on the step,
/// with a reason below the low threshold.
fn score(applicant: &str, ind: &reviewdesk_core::Indicator) -> PartScore {
    let pct = if HIGH.contains(&applicant) { 90 } else { 60 };
    let raw = ind.max * Decimal::from(pct) / Decimal::from(100);
    let value = ((raw / ind.step).floor() * ind.step).normalize();
    PartScore {
        applicant: applicant.into(),
        stage: ind.stage.clone(),
        indicator: ind.id.clone(),
        value,
        reason: ind
            .low_threshold
            .is_some_and(|t| value < t)
            .then(|| "测试：佐证不足。".to_owned()),
        comment: String::new(),
    }
}

/// One expert's session on `package` in the workspace `ws_dir`: import, pledge and
/// declarations (first time), a score for every open, unscored indicator, sign.
/// Returns the sheet file and the import.
fn expert_session(
    ws_dir: &Path,
    expert: &str,
    package: &Path,
    sheet: &Path,
    trust: Trust<'_>,
) -> (PathBuf, Imported) {
    let (me, my_ids) = (signer(expert), ids(expert));
    let mut ws = Workspace::open(ws_dir).unwrap();
    let imported = import_package(&mut ws, package, &me, &my_ids, trust, &now()).unwrap();
    let desk = ExpertDesk::open(&ws, &imported.package.id, &my_ids).unwrap();
    if imported.supersedes.is_none() {
        desk.accept_pledge(&mut ws, &now()).unwrap();
    }
    let review = desk.review();
    let assigned: Vec<String> = review.assigned().iter().map(|a| a.id.clone()).collect();
    let part = ws.part(&imported.package.id).unwrap();
    let mut scores = Vec::new();
    for a in &assigned {
        let locked = review.recusal_locked(a);
        if !part.declarations.iter().any(|d| &d.applicant == a) {
            desk.declare(
                &mut ws,
                Declaration {
                    applicant: a.clone(),
                    recuse: locked.then_some(RecusalCase::UpheldRequest),
                    note: if locked {
                        "已裁定回避。".into()
                    } else {
                        String::new()
                    },
                },
                &now(),
            )
            .unwrap();
        }
        if locked {
            continue;
        }
        for (stage, access) in review.stages(a) {
            if access != StageAccess::Open || stage.kind != StageKind::Score {
                continue;
            }
            for ind in desk.template.scored_indicators(&stage.id) {
                let done = part
                    .scores
                    .iter()
                    .any(|s| &s.applicant == a && s.stage == stage.id && s.indicator == ind.id);
                if !done {
                    scores.push(score(a, ind));
                }
            }
        }
    }
    for s in scores {
        desk.set_score(&mut ws, s, &now()).unwrap();
    }
    let signed = desk.sign(&mut ws, &me, &my_ids, &now()).unwrap();
    fs::create_dir_all(sheet.parent().unwrap()).unwrap();
    fs::write(sheet, &signed.file).unwrap();
    (sheet.to_path_buf(), imported)
}

fn chair_merge(whole: &Path, sheets: &[PathBuf]) -> Merged {
    let org = signer("ORG").fingerprint();
    let mut pkg = open_for_member(whole, Some(&org), &ids("C01")).unwrap();
    merge(
        &mut pkg,
        &signer("C01"),
        &ids("C01"),
        sheets,
        MergeOptions {
            announced: None,
            opinions: None,
            audit: None,
        },
    )
    .unwrap()
}

#[test]
fn an_interim_bundle_closes_the_written_stage_and_the_next_revision_opens_the_defense() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let round = staged_round(dir, true);
    let org = signer("ORG");
    let org_fp = org.fingerprint();
    let font = FontData::bundled().unwrap();
    let loaded = load_round(&round).unwrap();
    let experts: Vec<String> = loaded
        .round
        .panel
        .experts
        .iter()
        .map(|e| e.id.clone())
        .collect();

    // Revision 1: the written stage only (the defense opens for no one yet).
    let cards = load_cards(&loaded).unwrap();
    let h1 = dir.join("h1");
    let first = seal_for_handout(
        &loaded,
        &cards,
        &org,
        &h1,
        &font,
        Lang::ZhCn,
        now().today,
        &mut |_, _, _, _| {},
    )
    .unwrap();
    assert_eq!(first.revision, 1);
    let mut sheets = Vec::new();
    for e in &experts {
        let (sheet, _) = expert_session(
            &dir.join(format!("ws-{e}")),
            e,
            &h1.join(format!("experts/{e}.rdpkg")),
            &dir.join(format!("sheets1/{e}.rdsheet")),
            Trust::Confirm(&org_fp),
        );
        sheets.push(sheet);
    }

    // The chair's interim bundle, and the gate's result from it.
    let whole1 = h1.join("chair/gd-pool-2026-01.rdpkg");
    let interim = chair_merge(&whole1, &sheets);
    let bundle = dir.join("interim.rdbundle");
    fs::write(&bundle, &interim.bundle).unwrap();
    let list = advance_list(&bundle, Some(&org_fp), &ids("ORG"), None).unwrap();
    assert_eq!(
        (list.advance.closed.as_str(), list.advance.next.as_str()),
        ("written", "defense")
    );
    assert_eq!(list.advance.gate, Some(GATE.parse().unwrap()));
    let advancing = list.advance.advancing();
    let eligible: Vec<&str> = interim
        .result
        .applicants
        .iter()
        .filter(|a| a.status != ApplicantStatus::Ineligible)
        .map(|a| a.id.as_str())
        .collect();
    for a in &eligible {
        let row = list
            .advance
            .rows
            .iter()
            .find(|r| r.applicant == *a)
            .unwrap();
        let want = if HIGH.contains(a) {
            AdvanceOutcome::Advances
        } else {
            AdvanceOutcome::FailedGate
        };
        assert_eq!(row.outcome, want, "{a}: {row:?}");
    }
    // Before the defense, the interim result already says failed_gate for those
    // below the gate (not insufficient_quorum), the defense not required of them.
    for a in interim
        .result
        .applicants
        .iter()
        .filter(|a| !HIGH.contains(&a.id.as_str()))
    {
        if a.status == ApplicantStatus::Ineligible {
            continue;
        }
        assert_eq!(a.status, ApplicantStatus::FailedGate, "{}", a.id);
        assert_eq!(a.stages[1].status, StageStatus::NotRequired, "{}", a.id);
    }
    let files =
        write_advance_list(&list, &dir.join("list"), &font, Lang::ZhCn, now().today).unwrap();
    assert!(fs::read(&files[0]).unwrap().starts_with(b"%PDF-"));
    let csv = fs::read_to_string(&files[1]).unwrap();
    assert_eq!(csv.lines().count(), 1 + eligible.len(), "{csv}");
    assert!(csv.lines().nth(1).unwrap().contains(",advances"), "{csv}");

    // Revision 2: the defense open for those who go on.
    let h2 = dir.join("h2");
    let second =
        open_next_stage(&round, &list, to(&org, &h2, &font), &mut |_, _, _, _| {}).unwrap();
    assert_eq!(second.revision, 2);
    let text = fs::read_to_string(round.join("round.toml")).unwrap();
    assert!(text.contains("package_revision = 2"), "{text}");
    // The same list again: nothing left to open (the folder is checked first).
    let again = open_next_stage(&round, &list, to(&org, &h2, &font), &mut |_, _, _, _| {});
    assert_eq!(again.unwrap_err().code().as_str(), "output_not_empty");

    // Each expert imports revision 2: their work carries over, the defense opens
    // for those who go on only; they score it and sign again.
    let mut sheets2 = Vec::new();
    for e in &experts {
        let ws_dir = dir.join(format!("ws-{e}"));
        let (sheet, imported) = expert_session(
            &ws_dir,
            e,
            &h2.join(format!("experts/{e}.rdpkg")),
            &dir.join(format!("sheets2/{e}.rdsheet")),
            Trust::Pinned,
        );
        assert!(imported.supersedes.is_some(), "{e}");
        assert!(
            imported.carried > 0 && imported.dropped.is_empty(),
            "{e}: {imported:?}"
        );
        let ws = Workspace::open(&ws_dir).unwrap();
        let desk = ExpertDesk::open(&ws, &imported.package.id, &ids(e)).unwrap();
        let review = desk.review();
        for a in review.assigned() {
            let defense = review
                .stages(&a.id)
                .into_iter()
                .find(|(s, _)| s.id == "defense")
                .unwrap()
                .1;
            let want = if advancing.contains(&a.id) {
                StageAccess::Open
            } else {
                StageAccess::NotAdvanced
            };
            assert_eq!(defense, want, "{e} {}", a.id);
        }
        sheets2.push(sheet);
    }

    // The older revision is refused by a desk that holds the newer one: an expert
    // who got revision 2 first, then is handed revision 1.
    let e = &experts[0];
    let fresh = dir.join("ws-fresh");
    expert_session(
        &fresh,
        e,
        &h2.join(format!("experts/{e}.rdpkg")),
        &dir.join("sheets-fresh/x.rdsheet"),
        Trust::Confirm(&org_fp),
    );
    let mut ws = Workspace::open(&fresh).unwrap();
    let old = import_package(
        &mut ws,
        &h1.join(format!("experts/{e}.rdpkg")),
        &signer(e),
        &ids(e),
        Trust::Pinned,
        &now(),
    )
    .unwrap_err();
    assert!(
        matches!(
            old,
            DeskError::StalePackage {
                offered: 1,
                held: 2,
                ..
            }
        ),
        "{old}"
    );
    // The chair too: revision 2 opened, revision 1 refused.
    let mut cws = Workspace::open(&dir.join("ws-chair")).unwrap();
    let whole2 = h2.join("chair/gd-pool-2026-01.rdpkg");
    ChairDesk::open(
        &mut cws,
        &whole2,
        &signer("C01"),
        &ids("C01"),
        Trust::Confirm(&org_fp),
        &now(),
    )
    .unwrap();
    let stale = ChairDesk::open(
        &mut cws,
        &whole1,
        &signer("C01"),
        &ids("C01"),
        Trust::Pinned,
        &now(),
    );
    assert_eq!(stale.err().unwrap().code().as_str(), "stale_package");

    // The final merge: those who went on are graded on both stages, the others
    // failed_gate with no defense scores.
    let fin = chair_merge(&whole2, &sheets2);
    for a in &fin.result.applicants {
        if a.status == ApplicantStatus::Ineligible {
            continue;
        }
        if HIGH.contains(&a.id.as_str()) {
            assert_eq!(a.stages[1].status, StageStatus::Ok, "{}", a.id);
            assert!(a.final_score.is_some(), "{}", a.id);
        } else {
            assert_eq!(a.status, ApplicantStatus::FailedGate, "{}", a.id);
            assert_eq!(a.stages[1].status, StageStatus::NotRequired, "{}", a.id);
        }
    }
}

#[test]
fn a_substitute_gets_a_package_and_the_sheets_already_signed_stay_valid() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let round = staged_round(dir, true);
    let org = signer("ORG");
    let org_fp = org.fingerprint();
    let font = FontData::bundled().unwrap();
    let loaded = load_round(&round).unwrap();
    let cards = load_cards(&loaded).unwrap();
    let h1 = dir.join("h1");
    seal_for_handout(
        &loaded,
        &cards,
        &org,
        &h1,
        &font,
        Lang::ZhCn,
        now().today,
        &mut |_, _, _, _| {},
    )
    .unwrap();
    // Every expert but the last two signs: some applicants are short.
    let experts: Vec<String> = loaded
        .round
        .panel
        .experts
        .iter()
        .map(|e| e.id.clone())
        .collect();
    let (present, absent) = experts.split_at(experts.len() - 2);
    let absent = &absent[0];
    let mut sheets = Vec::new();
    for e in present {
        let (sheet, _) = expert_session(
            &dir.join(format!("ws-{e}")),
            e,
            &h1.join(format!("experts/{e}.rdpkg")),
            &dir.join(format!("sheets/{e}.rdsheet")),
            Trust::Confirm(&org_fp),
        );
        sheets.push(sheet);
    }
    let whole1 = h1.join("chair/gd-pool-2026-01.rdpkg");
    let interim = chair_merge(&whole1, &sheets);
    let bundle = dir.join("interim.rdbundle");
    fs::write(&bundle, &interim.bundle).unwrap();
    let list = advance_list(&bundle, Some(&org_fp), &ids("ORG"), None).unwrap();
    assert!(!list.advance.short().is_empty());
    // Those one valid expert short of the quorum of 3: one substitute is enough.
    let short: Vec<String> = list
        .advance
        .short()
        .into_iter()
        .filter(|a| {
            let r = interim
                .result
                .applicants
                .iter()
                .find(|r| &r.id == a)
                .unwrap();
            r.stages[0].valid_experts == 2
        })
        .collect();
    assert!(!short.is_empty(), "{:?}", list.advance);
    // The stage cannot be closed yet; nothing is written.
    let before = fs::read(round.join("round.toml")).unwrap();
    let refused = open_next_stage(
        &round,
        &list,
        to(&org, &dir.join("no"), &font),
        &mut |_, _, _, _| {},
    );
    assert_eq!(refused.unwrap_err().code().as_str(), "stage_incomplete");
    assert_eq!(fs::read(round.join("round.toml")).unwrap(), before);

    // A substitute with a new key card, for the applicants short of quorum.
    let sub_signer = Signer::from_ed25519_seed(&[42; 32]);
    let sub_age = Identity::generate();
    let card = KeyCard::write("替补专家", Role::Expert, &sub_signer, &sub_age.to_public()).unwrap();
    let card_path = dir.join("sub.card");
    fs::write(&card_path, &card).unwrap();
    let sub = Substitute {
        card: &card_path,
        affiliation: "华南理工测试学院",
        affiliation_credit_code: None,
        field: reviewdesk_core::Localized {
            zh: "工业软件".into(),
            en: "Industrial software".into(),
        },
        applicants: &short,
    };
    let h2 = dir.join("h2");
    let done = add_substitute(
        &round,
        &whole1,
        &ids("ORG"),
        &sub,
        to(&org, &h2, &font),
        &mut |_, _, _, _| {},
    )
    .unwrap();
    assert_eq!(done.expert, "E06");
    assert_eq!(done.handout.revision, 2);
    // Only the substitute's package and the whole one were written.
    let files: Vec<&str> = done.handout.lines.iter().map(|l| l.file.as_str()).collect();
    assert_eq!(files, ["chair/gd-pool-2026-01.rdpkg", "experts/E06.rdpkg"]);
    assert!(round.join("cards/E06.card").is_file());
    assert!(!h2.join(format!("experts/{absent}.rdpkg")).exists());

    // The substitute scores the written stage for those applicants and signs.
    let sub_ws = dir.join("ws-sub");
    let mut ws = Workspace::open(&sub_ws).unwrap();
    let imported = import_package(
        &mut ws,
        &h2.join("experts/E06.rdpkg"),
        &sub_signer,
        std::slice::from_ref(&sub_age),
        Trust::Confirm(&org_fp),
        &now(),
    )
    .unwrap();
    let desk = ExpertDesk::open(&ws, &imported.package.id, std::slice::from_ref(&sub_age)).unwrap();
    desk.accept_pledge(&mut ws, &now()).unwrap();
    let review = desk.review();
    let assigned: Vec<String> = review.assigned().iter().map(|a| a.id.clone()).collect();
    assert_eq!(assigned, short);
    for a in &assigned {
        desk.declare(
            &mut ws,
            Declaration {
                applicant: a.clone(),
                recuse: None,
                note: String::new(),
            },
            &now(),
        )
        .unwrap();
        for ind in desk.template.scored_indicators("written") {
            desk.set_score(&mut ws, score(a, ind), &now()).unwrap();
        }
    }
    let signed = desk
        .sign(&mut ws, &sub_signer, std::slice::from_ref(&sub_age), &now())
        .unwrap();
    let sub_sheet = dir.join("sheets/E06.rdsheet");
    fs::write(&sub_sheet, &signed.file).unwrap();

    // The chair merges on the new whole package: the old sheets (bound to the
    // packages of revision 1) and the substitute's are all accepted.
    let whole2 = h2.join("chair/gd-pool-2026-01.rdpkg");
    let mut all = sheets.clone();
    all.push(sub_sheet);
    let merged = chair_merge(&whole2, &all);
    assert!(
        merged
            .sheets
            .iter()
            .all(|s| matches!(s.outcome, SheetOutcome::Accepted { .. })),
        "{:?}",
        merged.sheets
    );
    let bundle2 = dir.join("after-substitute.rdbundle");
    fs::write(&bundle2, &merged.bundle).unwrap();
    let list2 = advance_list(&bundle2, Some(&org_fp), &ids("ORG"), None).unwrap();
    for a in &short {
        let row = list2
            .advance
            .rows
            .iter()
            .find(|r| &r.applicant == a)
            .unwrap();
        assert_ne!(row.outcome, AdvanceOutcome::ShortOfQuorum, "{a}");
    }
}

#[test]
fn a_substitute_with_a_conflict_of_interest_is_refused_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let round = staged_round(dir, false);
    let org = signer("ORG");
    let font = FontData::bundled().unwrap();
    let loaded = load_round(&round).unwrap();
    let cards = load_cards(&loaded).unwrap();
    let h1 = dir.join("h1");
    seal_for_handout(
        &loaded,
        &cards,
        &org,
        &h1,
        &font,
        Lang::En,
        now().today,
        &mut |_, _, _, _| {},
    )
    .unwrap();
    let a01 = &loaded.round.applicants[0];
    let sub_signer = Signer::from_ed25519_seed(&[43; 32]);
    let sub_age = Identity::generate();
    let card = KeyCard::write("替补专家", Role::Expert, &sub_signer, &sub_age.to_public()).unwrap();
    let card_path = dir.join("sub.card");
    fs::write(&card_path, &card).unwrap();
    let before = fs::read(round.join("round.toml")).unwrap();
    let applicants = vec![a01.id.clone()];
    let sub = Substitute {
        card: &card_path,
        affiliation: &a01.name,
        affiliation_credit_code: Some(a01.credit_code.clone()),
        field: reviewdesk_core::Localized {
            zh: "工业软件".into(),
            en: "Industrial software".into(),
        },
        applicants: &applicants,
    };
    let err = add_substitute(
        &round,
        &h1.join("chair/gd-pool-2026-01.rdpkg"),
        &ids("ORG"),
        &sub,
        to(&org, &dir.join("h2"), &font),
        &mut |_, _, _, _| {},
    )
    .unwrap_err();
    assert_eq!(err.code().as_str(), "substitute_conflict", "{err}");
    assert_eq!(fs::read(round.join("round.toml")).unwrap(), before);
    assert!(!round.join("cards/E06.card").exists());
}
