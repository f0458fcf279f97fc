//! The replay against a model of the expert desk: every action checked by
//! `ExpertReview` as the desk checks it, applied to the part as the workspace
//! stores it (an edit keeps its entry's place, a clear removes it), and logged.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;
use crate::review::ExpertReview;
use crate::rules::RecusalCase;
use crate::template::Template;

const PACKAGE: &str = "3f1c0a9e5b7d42c8a16e0f9b2d4c6e81";

fn fixture() -> (Template, Round) {
    let t: Template = toml::from_str(include_str!(
        "../../../../assets/templates/gd-supplier-recognition.toml"
    ))
    .unwrap();
    let r: Round = toml::from_str(include_str!("../../../../assets/demo/round.toml")).unwrap();
    (t, r)
}

/// What an expert does at the desk.
#[derive(Debug, Clone)]
enum Action {
    Declare {
        applicant: usize,
        recuse: bool,
    },
    Open {
        material: usize,
    },
    Score {
        applicant: usize,
        indicator: usize,
        halves: u32,
    },
    ClearScore {
        applicant: usize,
        indicator: usize,
    },
    Veto {
        applicant: usize,
    },
    ClearVeto {
        applicant: usize,
    },
    Sign,
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        3 => (0..8usize, prop::bool::weighted(0.2))
            .prop_map(|(applicant, recuse)| Action::Declare { applicant, recuse }),
        2 => (0..8usize).prop_map(|material| Action::Open { material }),
        6 => (0..8usize, 0..12usize, 0..21u32).prop_map(|(applicant, indicator, halves)| {
            Action::Score { applicant, indicator, halves }
        }),
        1 => (0..8usize, 0..12usize)
            .prop_map(|(applicant, indicator)| Action::ClearScore { applicant, indicator }),
        1 => (0..8usize).prop_map(|applicant| Action::Veto { applicant }),
        1 => (0..8usize).prop_map(|applicant| Action::ClearVeto { applicant }),
        1 => Just(Action::Sign),
    ]
}

/// The desk: the part as the workspace keeps it, and the log.
struct Desk<'a> {
    review: ExpertReview<'a>,
    part: ExpertPart,
    log: Vec<AuditEntry>,
    revision: u32,
}

impl<'a> Desk<'a> {
    fn new(template: &'a Template, round: &'a Round) -> Self {
        let review = ExpertReview::new(template, round, "E01").unwrap();
        let mut d = Desk {
            review,
            part: ExpertPart {
                expert: "E01".into(),
                ..Default::default()
            },
            log: Vec::new(),
            revision: 0,
        };
        d.log(AuditEvent::Import {
            package: PACKAGE.into(),
            organizer: "SHA256:organizer".into(),
        });
        d.log(AuditEvent::Pledge {
            text_sha256: "ab".repeat(32),
        });
        d
    }

    fn log(&mut self, event: AuditEvent) {
        let seq = self.log.len() as u64 + 1;
        self.log.push(AuditEntry {
            seq,
            at: format!("2026-11-21T08:{:02}:{:02}Z", seq / 60 % 60, seq % 60),
            event,
        });
    }

    fn applicant(&self, i: usize) -> String {
        let a = self.review.assigned();
        a[i % a.len()].id.clone()
    }

    /// Does what the desk does: refused actions leave no line.
    fn act(&mut self, a: &Action) {
        match a {
            Action::Declare { applicant, recuse } => {
                let applicant = self.applicant(*applicant);
                let d = Declaration {
                    recuse: (*recuse || self.review.recusal_locked(&applicant))
                        .then_some(RecusalCase::UpheldRequest),
                    note: String::new(),
                    applicant,
                };
                if self.review.check_declaration(true, &d).is_err() {
                    return;
                }
                let scored = self.part.scores.iter().any(|s| s.applicant == d.applicant)
                    || self
                        .part
                        .verdicts
                        .iter()
                        .any(|v| v.applicant == d.applicant);
                if d.recuse.is_some() && scored {
                    return;
                }
                match self
                    .part
                    .declarations
                    .iter_mut()
                    .find(|x| x.applicant == d.applicant)
                {
                    Some(x) if x.recuse.is_some() => return,
                    Some(x) => *x = d.clone(),
                    None => self.part.declarations.push(d.clone()),
                }
                self.log(AuditEvent::Declare(d));
            }
            Action::Open { material } => {
                let m = &self.review.round.materials[material % self.review.round.materials.len()];
                if self
                    .review
                    .check_open(true, &self.part, &m.applicant)
                    .is_ok()
                {
                    let material = m.id.clone();
                    self.log(AuditEvent::OpenMaterial { material });
                }
            }
            Action::Score {
                applicant,
                indicator,
                halves,
            } => {
                let applicant = self.applicant(*applicant);
                let inds: Vec<_> = self.review.template.scored_indicators("written").collect();
                let ind = inds[indicator % inds.len()];
                let value = (Decimal::from(*halves) / Decimal::TWO).min(ind.max);
                let s = PartScore {
                    applicant,
                    stage: "written".into(),
                    indicator: ind.id.clone(),
                    value,
                    reason: ind
                        .low_threshold
                        .filter(|t| value < *t)
                        .map(|_| "材料不足".into()),
                    comment: if halves % 3 == 0 {
                        "评语".into()
                    } else {
                        String::new()
                    },
                };
                if self.review.check_score(true, &self.part, &s).is_err() {
                    return;
                }
                match self.part.scores.iter_mut().find(|x| {
                    x.applicant == s.applicant && x.stage == s.stage && x.indicator == s.indicator
                }) {
                    Some(x) => *x = s.clone(),
                    None => self.part.scores.push(s.clone()),
                }
                self.log(AuditEvent::Score(s));
            }
            Action::ClearScore {
                applicant,
                indicator,
            } => {
                let applicant = self.applicant(*applicant);
                let inds: Vec<_> = self.review.template.scored_indicators("written").collect();
                let indicator = inds[indicator % inds.len()].id.clone();
                if self
                    .review
                    .check_open(true, &self.part, &applicant)
                    .is_err()
                {
                    return;
                }
                self.part.scores.retain(|x| {
                    !(x.applicant == applicant && x.stage == "written" && x.indicator == indicator)
                });
                self.log(AuditEvent::ClearScore {
                    applicant,
                    stage: "written".into(),
                    indicator,
                });
            }
            Action::Veto { applicant } => {
                let v = PartVeto {
                    applicant: self.applicant(*applicant),
                    indicator: "w_false_material".into(),
                    reason: "材料造假".into(),
                };
                if self.review.check_veto(true, &self.part, &v).is_err() {
                    return;
                }
                match self
                    .part
                    .vetoes
                    .iter_mut()
                    .find(|x| x.applicant == v.applicant && x.indicator == v.indicator)
                {
                    Some(x) => *x = v.clone(),
                    None => self.part.vetoes.push(v.clone()),
                }
                self.log(AuditEvent::Veto(v));
            }
            Action::ClearVeto { applicant } => {
                let applicant = self.applicant(*applicant);
                if self
                    .review
                    .check_open(true, &self.part, &applicant)
                    .is_err()
                {
                    return;
                }
                self.part
                    .vetoes
                    .retain(|x| !(x.applicant == applicant && x.indicator == "w_false_material"));
                self.log(AuditEvent::ClearVeto {
                    applicant,
                    indicator: "w_false_material".into(),
                });
            }
            Action::Sign => {
                self.revision += 1;
                let revision = self.revision;
                self.log(AuditEvent::Sign { revision });
            }
        }
    }

    /// Every assigned applicant declared, then signed: the sheet.
    fn finish(&mut self) -> (String, u32) {
        for i in 0..self.review.assigned().len() {
            let a = self.applicant(i);
            if !self.part.declarations.iter().any(|d| d.applicant == a) {
                self.act(&Action::Declare {
                    applicant: i,
                    recuse: false,
                });
            }
        }
        self.act(&Action::Sign);
        (log_text(&self.log), self.revision)
    }
}

fn cx<'a>(round: &'a Round, part: &'a ExpertPart, revision: u32) -> AuditContext<'a> {
    AuditContext {
        package: PACKAGE,
        round,
        revision,
        part,
    }
}

/// Renumbers the entries 1…n and writes them as a log.
fn renumbered(mut entries: Vec<AuditEntry>) -> String {
    for (i, e) in entries.iter_mut().enumerate() {
        e.seq = i as u64 + 1;
    }
    log_text(&entries)
}

fn violation(log: &str, round: &Round, part: &ExpertPart, revision: u32) -> AuditViolation {
    check_audit(log, &cx(round, part, revision)).unwrap_err()
}

/// A short valid session: A01 declared, M01 opened, two scores, A04 recused, signed.
fn session<'a>(t: &'a Template, r: &'a Round) -> Desk<'a> {
    let mut d = Desk::new(t, r);
    for a in [
        Action::Declare {
            applicant: 0,
            recuse: false,
        },
        Action::Open { material: 0 },
        Action::Score {
            applicant: 0,
            indicator: 0,
            halves: 14,
        },
        Action::Score {
            applicant: 0,
            indicator: 1,
            halves: 12,
        },
        Action::Declare {
            applicant: 3,
            recuse: true,
        },
    ] {
        d.act(&a);
    }
    d
}

#[test]
fn a_desk_session_replays_with_its_summary() {
    let (t, r) = fixture();
    let mut d = session(&t, &r);
    let (log, rev) = d.finish();
    let s = check_audit(&log, &cx(&r, &d.part, rev)).unwrap();
    assert_eq!(s.pledged_at, d.log[1].at);
    assert_eq!(s.recused, 1);
    assert_eq!(s.no_conflict as usize, d.review.assigned().len() - 1);
    assert_eq!(s.opened, 1);
    // Declarations of every applicant and the two scores.
    assert_eq!(s.edits as usize, d.review.assigned().len() + 2);
    assert_eq!(s.lines, d.log.len() as u64);
}

#[test]
fn no_log_is_audit_missing_in_both_languages() {
    let (t, r) = fixture();
    let d = session(&t, &r);
    let v = violation("", &r, &d.part, 1);
    assert_eq!(v, AuditViolation::Missing);
    assert_eq!(v.code(), "audit_missing");
    assert!(v.message(Lang::ZhCn).contains("没有审计日志"));
    assert!(v.message(Lang::En).contains("no audit log"));
}

#[test]
fn a_score_before_the_declaration_is_refused_naming_its_line() {
    let (t, r) = fixture();
    let mut d = session(&t, &r);
    d.finish();
    // Move the declaration of A01 (line 3) after its first score (line 5).
    let mut entries = d.log.clone();
    let decl = entries.remove(2);
    entries.insert(3, decl);
    let v = violation(&renumbered(entries), &r, &d.part, 1);
    assert_eq!(v.code(), "audit_order");
    assert_eq!(v.line(), Some(3), "{v}");
    assert!(
        matches!(v, AuditViolation::BeforeDeclaration { ref applicant, event: "open_material", .. } if applicant == "A01"),
        "{v:?}"
    );
    assert!(v.message(Lang::ZhCn).contains("审计日志第 3 行"));
    assert!(v.message(Lang::En).contains("line 3"));
}

#[test]
fn a_material_opened_after_a_recusal_is_refused() {
    let (t, r) = fixture();
    let mut d = session(&t, &r);
    d.finish();
    let mut entries = d.log.clone();
    // A04's material M06 opened after the recusal from A04.
    let sign = entries.pop().unwrap();
    entries.push(AuditEntry {
        seq: 0,
        at: "2026-11-21T09:00:00Z".into(),
        event: AuditEvent::OpenMaterial {
            material: "M06".into(),
        },
    });
    entries.push(sign);
    let v = violation(&renumbered(entries.clone()), &r, &d.part, 1);
    assert_eq!(v.code(), "audit_order");
    assert!(
        matches!(v, AuditViolation::AfterRecusal { ref applicant, event: "open_material", .. } if applicant == "A04"),
        "{v:?}"
    );
    assert_eq!(v.line(), Some(entries.len() as u64 - 1));
}

#[test]
fn a_value_changed_after_signing_is_refused() {
    let (t, r) = fixture();
    let mut d = session(&t, &r);
    let (log, rev) = d.finish();
    let mut part = d.part.clone();
    part.scores[0].value += Decimal::ONE;
    let v = violation(&log, &r, &part, rev);
    assert_eq!(v.code(), "audit_values");
    assert_eq!(v.line(), Some(5));
    let en = v.message(Lang::En);
    assert!(en.contains("score A01 written"), "{en}");
    // A score the log never set.
    let mut part = d.part.clone();
    part.scores.remove(1);
    let v = violation(&log, &r, &part, rev);
    assert!(
        matches!(v, AuditViolation::Differs { sheet: None, .. }),
        "{v:?}"
    );
    // The same entry twice.
    let mut part = d.part.clone();
    part.scores.push(part.scores[0].clone());
    assert!(matches!(
        violation(&log, &r, &part, rev),
        AuditViolation::Duplicate { .. }
    ));
}

#[test]
fn the_sheet_revision_must_be_the_last_signing() {
    let (t, r) = fixture();
    let mut d = session(&t, &r);
    let (log, rev) = d.finish();
    let v = violation(&log, &r, &d.part, rev + 1);
    assert_eq!(v.code(), "audit_values");
    assert!(matches!(
        v,
        AuditViolation::Revision {
            log: 1,
            sheet: 2,
            ..
        }
    ));
    // Work after the signing, not signed again.
    let mut entries = d.log.clone();
    entries.push(AuditEntry {
        seq: 0,
        at: "x".into(),
        event: AuditEvent::OpenMaterial {
            material: "M01".into(),
        },
    });
    let v = violation(&renumbered(entries), &r, &d.part, rev);
    assert!(matches!(
        v,
        AuditViolation::NotSignedLast {
            event: "open_material",
            ..
        }
    ));
    // A skipped revision.
    let mut entries = d.log.clone();
    entries.last_mut().unwrap().event = AuditEvent::Sign { revision: 2 };
    let v = violation(&renumbered(entries), &r, &d.part, 2);
    assert!(matches!(
        v,
        AuditViolation::SignRevision {
            found: 2,
            previous: None,
            ..
        }
    ));
}

#[test]
fn lines_are_read_strictly() {
    let (t, r) = fixture();
    let mut d = session(&t, &r);
    let (log, rev) = d.finish();
    let check = |log: &str| violation(log, &r, &d.part, rev);
    // Another encoding of the same entry.
    let spaced = log.replacen("{\"seq\":1,", "{\"seq\": 1,", 1);
    assert_eq!(check(&spaced), AuditViolation::NotCanonical { line: 1 });
    // An unknown field.
    let extra = log.replacen("\"event\":\"pledge\",", "\"event\":\"pledge\",\"x\":1,", 1);
    assert_eq!(check(&extra).code(), "audit_malformed");
    // Not JSON, no LF at the end, a wrong seq.
    assert!(matches!(
        check("nonsense\n"),
        AuditViolation::NotAnEntry { line: 1, .. }
    ));
    assert!(matches!(
        check(log.trim_end()),
        AuditViolation::NotAnEntry { .. }
    ));
    let reseq = log.replacen("{\"seq\":2,", "{\"seq\":7,", 1);
    assert_eq!(check(&reseq), AuditViolation::Seq { line: 2, found: 7 });
    // Another package's log.
    let other = log.replacen(PACKAGE, &"0".repeat(32), 1);
    let v = check(&other);
    assert_eq!(v.code(), "audit_package");
    assert!(v.message(Lang::ZhCn).contains("绑定的是评审包"));
    // An unknown material.
    let unknown = log.replacen("\"material\":\"M01\"", "\"material\":\"M99\"", 1);
    assert!(matches!(
        check(&unknown),
        AuditViolation::UnknownMaterial { .. }
    ));
}

#[test]
fn the_pledge_comes_first_and_once() {
    let (t, r) = fixture();
    let mut d = session(&t, &r);
    let (_, rev) = d.finish();
    let mut entries = d.log.clone();
    let pledge = entries.remove(1);
    entries.insert(3, pledge.clone());
    let v = violation(&renumbered(entries), &r, &d.part, rev);
    assert!(
        matches!(
            v,
            AuditViolation::BeforePledge {
                line: 2,
                event: "declare"
            }
        ),
        "{v:?}"
    );
    let mut entries = d.log.clone();
    entries.insert(2, pledge);
    let v = violation(&renumbered(entries), &r, &d.part, rev);
    assert_eq!(v, AuditViolation::PledgeAgain { line: 3 });
    // The import first.
    let mut entries = d.log.clone();
    entries.swap(0, 1);
    let v = violation(&renumbered(entries), &r, &d.part, rev);
    assert!(matches!(
        v,
        AuditViolation::NotImportFirst {
            event: "pledge",
            ..
        }
    ));
}

#[test]
fn a_recusal_while_scored_or_changed_later_is_refused() {
    let (t, r) = fixture();
    let mut d = session(&t, &r);
    let (_, rev) = d.finish();
    // A01 recused while it has scores.
    let mut entries = d.log.clone();
    let sign = entries.pop().unwrap();
    entries.push(AuditEntry {
        seq: 0,
        at: "x".into(),
        event: AuditEvent::Declare(Declaration {
            applicant: "A01".into(),
            recuse: Some(RecusalCase::Board),
            note: String::new(),
        }),
    });
    entries.push(sign.clone());
    let v = violation(&renumbered(entries), &r, &d.part, rev);
    assert!(
        matches!(v, AuditViolation::RecusalWhileScored { .. }),
        "{v:?}"
    );
    // The recusal from A04 withdrawn.
    let mut entries = d.log.clone();
    entries.pop();
    entries.push(AuditEntry {
        seq: 0,
        at: "x".into(),
        event: AuditEvent::Declare(Declaration {
            applicant: "A04".into(),
            recuse: None,
            note: String::new(),
        }),
    });
    entries.push(sign);
    let v = violation(&renumbered(entries), &r, &d.part, rev);
    assert!(
        matches!(
            v,
            AuditViolation::AfterRecusal {
                event: "declare",
                ..
            }
        ),
        "{v:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever the expert does at the desk, the log the desk writes replays and
    /// gives the sheet's values.
    #[test]
    fn a_desk_session_always_replays(actions in prop::collection::vec(action(), 0..60)) {
        let (t, r) = fixture();
        let mut d = Desk::new(&t, &r);
        for a in &actions {
            d.act(a);
        }
        let (log, rev) = d.finish();
        let s = check_audit(&log, &cx(&r, &d.part, rev));
        prop_assert!(s.is_ok(), "{:?}\n{log}", s);
        let s = s.unwrap();
        prop_assert_eq!(s.no_conflict + s.recused, d.part.declarations.len() as u32);
    }

    /// A declaration moved after the first score of its applicant breaks the order.
    #[test]
    fn a_declaration_after_a_score_is_refused(
        actions in prop::collection::vec(action(), 0..40),
        applicant in 0..8usize,
        indicator in 0..12usize,
    ) {
        let (t, r) = fixture();
        let mut d = Desk::new(&t, &r);
        // Start with a declaration and a score of one applicant not locked out.
        let a = d.applicant(applicant);
        prop_assume!(!d.review.recusal_locked(&a));
        d.act(&Action::Declare { applicant, recuse: false });
        d.act(&Action::Score { applicant, indicator, halves: 14 });
        for x in &actions {
            d.act(x);
        }
        let (_, rev) = d.finish();
        let mut entries = d.log.clone();
        let decl = entries.iter().position(|e| matches!(&e.event, AuditEvent::Declare(x) if x.applicant == a)).unwrap();
        let score = entries.iter().position(|e| matches!(&e.event, AuditEvent::Score(x) if x.applicant == a)).unwrap();
        prop_assert!(decl < score);
        let moved = entries.remove(decl);
        entries.insert(score, moved);
        let v = check_audit(&renumbered(entries), &cx(&r, &d.part, rev)).unwrap_err();
        prop_assert_eq!(v.code(), AuditCode::Order, "{}", v);
    }

    /// Any value changed in the sheet after signing is refused.
    #[test]
    fn a_value_changed_after_signing_is_always_refused(
        actions in prop::collection::vec(action(), 1..60),
        pick in any::<prop::sample::Index>(),
        change in 0..4u8,
    ) {
        let (t, r) = fixture();
        let mut d = Desk::new(&t, &r);
        for a in &actions {
            d.act(a);
        }
        let (log, rev) = d.finish();
        let mut part = d.part.clone();
        match change {
            0 if !part.scores.is_empty() => {
                let i = pick.index(part.scores.len());
                part.scores[i].value += Decimal::new(5, 1);
            }
            1 if !part.scores.is_empty() => {
                let i = pick.index(part.scores.len());
                part.scores[i].comment.push('改');
            }
            2 => {
                let i = pick.index(part.declarations.len());
                let d = &mut part.declarations[i];
                d.recuse = match d.recuse {
                    None => Some(RecusalCase::Other),
                    Some(_) => None,
                };
            }
            _ => part.vetoes.push(PartVeto {
                applicant: "A01".into(),
                indicator: "s_inconsistent".into(),
                reason: "后加".into(),
            }),
        }
        let v = check_audit(&log, &cx(&r, &part, rev)).unwrap_err();
        prop_assert_eq!(v.code(), AuditCode::Values, "{}", v);
    }
}

/// A re-check answered at the desk: the request's import, then its justification
/// before signing; the sheet carries the justification.
#[test]
fn a_justification_needs_its_request_and_is_compared_with_the_sheet() {
    let (t, r) = fixture();
    let mut d = session(&t, &r);
    d.finish();
    let j = crate::rules::Justification {
        applicant: "A01".into(),
        stage: "written".into(),
        indicator: None,
        request: 1,
        answer: crate::rules::Answer::Kept,
        text: "维持原分".into(),
    };
    let mut entries = d.log.clone();
    let sign = entries.pop().expect("the signing");
    let at = sign.at.clone();
    let line = |event| AuditEntry {
        seq: 0,
        at: at.clone(),
        event,
    };
    entries.push(line(AuditEvent::ImportRecheck {
        sequence: 1,
        sha256: "ab".repeat(32),
    }));
    entries.push(line(AuditEvent::Justify(j.clone())));
    entries.push(sign.clone());
    let mut part = d.part.clone();
    part.justifications = vec![j.clone()];
    let log = renumbered(entries.clone());
    let s = check_audit(&log, &cx(&r, &part, 1)).unwrap();
    assert_eq!(s.lines, entries.len() as u64);
    // The sheet without the justification the log gives: audit_values.
    let v = violation(&log, &r, &d.part, 1);
    assert_eq!(v.code(), "audit_values", "{v}");
    // A justification with no request imported before it: audit_order, its line named.
    let mut early = entries.clone();
    let import = early.remove(early.len() - 3);
    early.insert(early.len() - 1, import);
    let v = violation(&renumbered(early), &r, &part, 1);
    assert!(
        matches!(v, AuditViolation::JustifyUnrequested { request: 1, .. }),
        "{v:?}"
    );
    assert_eq!(v.code(), "audit_order");
    assert!(v.message(Lang::ZhCn).contains("复核请求"));
}

/// A log made by `entered_log` from a desk's part replays, with one signing per
/// revision.
#[test]
fn an_entered_log_replays() {
    let (t, r) = fixture();
    let mut d = session(&t, &r);
    d.finish();
    let log = entered_log(
        PACKAGE,
        "SHA256:org",
        "2026-11-21T08:00:00Z",
        &[d.part.clone(), d.part.clone()],
    );
    let s = check_audit(&log, &cx(&r, &d.part, 2)).unwrap();
    assert_eq!(s.recused, 1);
    assert!(violation(&log, &r, &d.part, 1).code() == "audit_values");
}
