//! A unit's standing in one program at a date, the transitions the rules propose,
//! what is due, and the checks at authoring — pure functions of the unit's ledger,
//! the program's rules and a date (rule 18 of `docs/rules.md`). Only lines dated
//! on or before the date count ([`in_force`]), so a status never depends on what
//! happened later.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use crate::calendar::Date;
use crate::register::ledger::{in_force, Event, LedgerLine};
use crate::register::program::{day_clamped, months_later, Action, Period, ProgramRules};

/// Where a unit stands in a program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// No event in this program.
    Outside,
    /// Applied, not (yet) admitted.
    Applicant,
    /// A member in good standing.
    Member,
    /// A member under a warning.
    Warned,
    /// A member being reorganised after a failing grade.
    Reorganising,
    /// Removed.
    Removed,
    /// Its title revoked.
    Revoked,
    /// Left of its own accord.
    Exited,
}

impl Standing {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Outside => "outside",
            Self::Applicant => "applicant",
            Self::Member => "member",
            Self::Warned => "warned",
            Self::Reorganising => "reorganising",
            Self::Removed => "removed",
            Self::Revoked => "revoked",
            Self::Exited => "exited",
        }
    }

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Self::Outside => "未登记",
            Self::Applicant => "已申报",
            Self::Member => "在册",
            Self::Warned => "预警整改中",
            Self::Reorganising => "重组中",
            Self::Removed => "已移出",
            Self::Revoked => "已撤销",
            Self::Exited => "已退出",
        }
    }

    /// Whether the unit is a member (in good standing, warned or reorganising).
    pub fn is_member(self) -> bool {
        matches!(self, Self::Member | Self::Warned | Self::Reorganising)
    }
}

/// Why a unit may not apply, or why it is recommended: a code, the ledger line
/// and the seed article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// `already_member`, `banned`, `recommended`.
    pub code: ReasonCode,
    /// The ledger line (`seq`) it rests on.
    pub seq: u32,
    /// That line's date.
    pub on: Date,
    /// The seed article.
    pub article: String,
    /// For a ban: the first day the unit may apply again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// For a ban: its cause id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
}

/// The reasons' codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    /// Already a member of the program.
    AlreadyMember,
    /// Banned until a day.
    Banned,
    /// On the recommended list (a recommended grade in its last graded year).
    Recommended,
    /// Its title was revoked.
    Revoked,
    /// It was removed.
    Removed,
}

/// An open deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// What is due.
    pub kind: DeadlineKind,
    /// The report's period (reports only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// The day (none for a change awaiting approval).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// Past it.
    pub overdue: bool,
    /// The ledger line it comes from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u32>,
    /// The seed article.
    pub article: String,
}

/// What a deadline is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// A report.
    Report,
    /// Rectification after a warning.
    Rectification,
    /// A change filed, awaiting approval.
    ChangeApproval,
}

/// A unit's status in one program at a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitStatus {
    /// 统一社会信用代码.
    pub unit: String,
    /// The name in force (the last one the ledger records).
    pub name: String,
    /// The program's id.
    pub program: String,
    /// The date asked about.
    pub at: Date,
    /// Where it stands.
    pub standing: Standing,
    /// Since when (the line that put it there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Date>,
    /// The first day a ban in force ends (it may apply from that day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub banned_until: Option<Date>,
    /// The last grade: year and grade id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_grade: Option<(i32, String)>,
    /// Open deadlines, overdue first.
    pub deadlines: Vec<Deadline>,
    /// Whether it may apply (or be recommended to apply) to the program.
    pub may_apply: bool,
    /// Why not (empty when it may).
    pub not_eligible: Vec<Reason>,
    /// On the recommended list (重点培育), with the grade's line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommended: Option<Reason>,
    /// When revoked or removed: the line, its cause and article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<Reason>,
}

/// A transition the rules propose; the organizer confirms or rejects it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// Stable id: `unit/program/kind/basis`.
    pub id: String,
    /// 统一社会信用代码.
    pub unit: String,
    /// The program.
    pub program: String,
    /// What is proposed.
    pub kind: ProposalKind,
    /// The day it became due.
    pub on: Date,
    /// The cause recorded when confirmed (removal, revocation, ban).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// Years of ban that come with it, from the day it is confirmed.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub ban_years: u32,
    /// For a warning: months to rectify.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub months: u32,
    /// The ledger lines it rests on.
    pub grounds: Vec<u32>,
    /// The seed article.
    pub article: String,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// The kinds of proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalKind {
    /// 预警.
    Warning,
    /// 重组.
    Reorganisation,
    /// 撤销.
    Revocation,
    /// 禁止申报.
    Ban,
    /// 移出.
    Removal,
}

impl ProposalKind {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Warning => "warning",
            Self::Reorganisation => "reorganisation",
            Self::Revocation => "revocation",
            Self::Ban => "ban",
            Self::Removal => "removal",
        }
    }

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Self::Warning => "预警",
            Self::Reorganisation => "重组",
            Self::Revocation => "撤销",
            Self::Ban => "禁止申报",
            Self::Removal => "移出",
        }
    }
}

impl Proposal {
    /// The events confirming it on `on` records, in order.
    pub fn events(&self, on: Date) -> Vec<Event> {
        let cause = self.cause.clone().unwrap_or_default();
        let ban = |cause: String| Event::Banned {
            until: months_later(on, self.ban_years * 12),
            cause,
        };
        let mut out = match self.kind {
            ProposalKind::Warning => vec![Event::Warned {
                deadline: months_later(on, self.months),
            }],
            ProposalKind::Reorganisation => vec![Event::Reorganising],
            ProposalKind::Revocation => vec![Event::Revoked {
                cause: cause.clone(),
            }],
            ProposalKind::Removal => vec![Event::Removed {
                cause: cause.clone(),
            }],
            ProposalKind::Ban => vec![],
        };
        if self.ban_years > 0 {
            out.push(ban(cause));
        }
        out
    }
}

/// The fold of a program's lines in force.
struct Fold<'a> {
    standing: Standing,
    since: Option<&'a LedgerLine>,
    name: Option<&'a str>,
    member_from: Option<Date>,
    member_until: Option<Date>,
    grades: BTreeMap<i32, &'a LedgerLine>,
    warning: Option<(&'a LedgerLine, Date)>,
    bans: Vec<(&'a LedgerLine, Date, &'a str)>,
    ends: Vec<(&'a LedgerLine, &'a str)>,
    filed: BTreeSet<&'a str>,
    due_set: BTreeMap<&'a str, Date>,
    change: Option<&'a LedgerLine>,
    complaint: Option<&'a LedgerLine>,
    reorganising_since: Option<&'a LedgerLine>,
    handled: BTreeSet<&'a str>,
}

fn fold<'a>(lines: &[&'a LedgerLine]) -> Fold<'a> {
    let mut f = Fold {
        standing: Standing::Outside,
        since: None,
        name: None,
        member_from: None,
        member_until: None,
        grades: BTreeMap::new(),
        warning: None,
        bans: Vec::new(),
        ends: Vec::new(),
        filed: BTreeSet::new(),
        due_set: BTreeMap::new(),
        change: None,
        complaint: None,
        reorganising_since: None,
        handled: BTreeSet::new(),
    };
    for &l in lines {
        if let Some(n) = l.event.name() {
            f.name = Some(n);
        }
        if let Some(p) = &l.proposal {
            f.handled.insert(p);
        }
        let to = |f: &mut Fold<'a>, s: Standing| {
            f.standing = s;
            f.since = Some(l);
        };
        match &l.event {
            Event::Applied { .. } => {
                if !f.standing.is_member() {
                    to(&mut f, Standing::Applicant);
                }
            }
            Event::Admitted { .. } => {
                if !f.standing.is_member() {
                    to(&mut f, Standing::Member);
                    f.member_from = Some(l.on);
                    f.member_until = None;
                    f.warning = None;
                    f.reorganising_since = None;
                    f.complaint = None;
                }
            }
            Event::Graded { year, .. } => {
                f.grades.insert(*year, l);
            }
            Event::ReportDue { period, due } => {
                f.due_set.insert(period, *due);
            }
            Event::ReportFiled { period } => {
                f.filed.insert(period);
            }
            Event::ReportLate { .. } => {}
            Event::Warned { deadline } => {
                if f.standing.is_member() {
                    to(&mut f, Standing::Warned);
                    f.warning = Some((l, *deadline));
                }
            }
            Event::Rectified => {
                if matches!(f.standing, Standing::Warned | Standing::Reorganising) {
                    to(&mut f, Standing::Member);
                    f.warning = None;
                    f.reorganising_since = None;
                }
            }
            Event::Reorganising => {
                if f.standing.is_member() {
                    to(&mut f, Standing::Reorganising);
                    f.reorganising_since = Some(l);
                }
            }
            Event::Removed { cause } | Event::Revoked { cause } => {
                let s = if matches!(l.event, Event::Removed { .. }) {
                    Standing::Removed
                } else {
                    Standing::Revoked
                };
                if f.standing.is_member() {
                    f.member_until = Some(l.on);
                }
                to(&mut f, s);
                f.warning = None;
                f.ends.push((l, cause));
            }
            Event::Banned { until, cause } => f.bans.push((l, *until, cause)),
            Event::Exited => {
                if f.standing.is_member() {
                    f.member_until = Some(l.on);
                    to(&mut f, Standing::Exited);
                    f.warning = None;
                }
            }
            Event::ChangeFiled => f.change = Some(l),
            Event::ChangeApproved { .. } => f.change = None,
            Event::ComplaintVerified => f.complaint = Some(l),
            Event::ProposalRejected { proposal } => {
                f.handled.insert(proposal);
            }
            Event::Annulled => {}
        }
    }
    f
}

/// A report period: its name, first day, last day.
fn periods(p: Period, from: Date, to_year: i32) -> Vec<(String, Date, Date)> {
    let mut out = Vec::new();
    for y in from.year()..=to_year {
        match p {
            Period::Year => out.push((
                y.to_string(),
                Date::new(y, 1, 1).expect("a date"),
                Date::new(y, 12, 31).expect("a date"),
            )),
            Period::Quarter => {
                for q in 1..=4u32 {
                    let first = Date::new(y, q * 3 - 2, 1).expect("a date");
                    let last = day_clamped(y, q * 3, 31);
                    out.push((format!("{y}Q{q}"), first, last));
                }
            }
        }
    }
    out
}

/// The reports a member owes, as (period, due date), for the membership that
/// runs from `from` to `until` (exclusive) or on: every period it was a member in
/// whose due date falls on or after the admission.
fn owed(rules: &ProgramRules, f: &Fold<'_>, date: Date) -> Vec<(String, Date)> {
    let (Some(r), Some(from)) = (&rules.report, f.member_from) else {
        return Vec::new();
    };
    let last_year = date.year() + 1;
    periods(r.period, from, last_year)
        .into_iter()
        .filter(|(_, _, last)| *last >= from)
        .filter(|(_, first, _)| f.member_until.is_none_or(|u| *first < u))
        .map(|(name, first, _)| {
            let m = months_later(
                Date::new(first.year(), first.month(), 1).expect("a date"),
                r.due_month - 1,
            );
            let due = f
                .due_set
                .get(name.as_str())
                .copied()
                .unwrap_or_else(|| day_clamped(m.year(), m.month(), r.due_day));
            (name, due)
        })
        .filter(|(_, due)| *due >= from)
        .collect()
}

/// The lines of `program`, in force on `date`.
fn program_lines<'a>(lines: &'a [LedgerLine], program: &str, date: Date) -> Vec<&'a LedgerLine> {
    in_force(lines, date)
        .into_iter()
        .filter(|l| l.program == program)
        .collect()
}

/// The unit's status in the program of `rules` on `date`, from its whole ledger
/// (`lines`: every program's; only this program's lines dated on or before `date`
/// count).
pub fn status(unit: &str, lines: &[LedgerLine], rules: &ProgramRules, date: Date) -> UnitStatus {
    let all = in_force(lines, date);
    let name = all
        .iter()
        .rev()
        .find_map(|l| l.event.name())
        .unwrap_or("")
        .to_owned();
    let mine: Vec<&LedgerLine> = all.into_iter().filter(|l| l.program == rules.id).collect();
    let f = fold(&mine);
    let mut deadlines: Vec<Deadline> = Vec::new();
    if f.standing.is_member() {
        if let Some(r) = &rules.report {
            let owed = owed(rules, &f, date);
            let mut next_done = false;
            for (period, due) in owed {
                if f.filed.contains(period.as_str()) {
                    continue;
                }
                let overdue = due < date;
                if !overdue {
                    if next_done {
                        break;
                    }
                    next_done = true;
                }
                deadlines.push(Deadline {
                    kind: DeadlineKind::Report,
                    period: Some(period),
                    due: Some(due),
                    overdue,
                    seq: None,
                    article: r.article.clone(),
                });
            }
        }
        if let Some((l, deadline)) = f.warning {
            deadlines.push(Deadline {
                kind: DeadlineKind::Rectification,
                period: None,
                due: Some(deadline),
                overdue: deadline <= date,
                seq: Some(l.seq),
                article: rules
                    .warning
                    .as_ref()
                    .map(|w| w.article.clone())
                    .unwrap_or_default(),
            });
        }
    }
    if let (Some(l), Some(c)) = (f.change, &rules.change) {
        deadlines.push(Deadline {
            kind: DeadlineKind::ChangeApproval,
            period: None,
            due: None,
            overdue: false,
            seq: Some(l.seq),
            article: c.article.clone(),
        });
    }
    deadlines.sort_by_key(|d| (!d.overdue, d.due));
    let ban = f
        .bans
        .iter()
        .filter(|(_, until, _)| *until > date)
        .max_by_key(|(l, until, _)| (*until, l.seq));
    let mut not_eligible = Vec::new();
    if f.standing.is_member() {
        let l = f.since.expect("a member has its line");
        let admitted = mine
            .iter()
            .rev()
            .find(|x| matches!(x.event, Event::Admitted { .. }))
            .copied()
            .unwrap_or(l);
        not_eligible.push(Reason {
            code: ReasonCode::AlreadyMember,
            seq: admitted.seq,
            on: admitted.on,
            article: rules
                .rounds
                .first()
                .map(|r| r.article.clone())
                .unwrap_or_default(),
            until: None,
            cause: None,
        });
    }
    if let Some((l, until, cause)) = ban {
        not_eligible.push(Reason {
            code: ReasonCode::Banned,
            seq: l.seq,
            on: l.on,
            article: rules
                .cause(cause)
                .and_then(|c| c.ban_article.clone())
                .unwrap_or_default(),
            until: Some(*until),
            cause: Some((*cause).to_owned()),
        });
    }
    let last = f.grades.iter().next_back();
    let recommended = match (last, &rules.grades) {
        (Some((_, l)), Some(g)) if f.standing == Standing::Member => match &l.event {
            Event::Graded { grade, .. } if rules.is_recommended(grade) => Some(Reason {
                code: ReasonCode::Recommended,
                seq: l.seq,
                on: l.on,
                article: g.recommended_article.clone().unwrap_or_default(),
                until: None,
                cause: None,
            }),
            _ => None,
        },
        _ => None,
    };
    let ended = match f.standing {
        Standing::Revoked | Standing::Removed => f.ends.last().map(|(l, cause)| Reason {
            code: if f.standing == Standing::Revoked {
                ReasonCode::Revoked
            } else {
                ReasonCode::Removed
            },
            seq: l.seq,
            on: l.on,
            article: rules
                .cause(cause)
                .map(|c| c.article.clone())
                .unwrap_or_default(),
            until: None,
            cause: Some((*cause).to_owned()),
        }),
        _ => None,
    };
    UnitStatus {
        ended,
        unit: unit.to_owned(),
        name,
        program: rules.id.clone(),
        at: date,
        standing: f.standing,
        since: f.since.map(|l| l.on),
        banned_until: ban.map(|(_, until, _)| *until),
        last_grade: last.and_then(|(y, l)| match &l.event {
            Event::Graded { grade, .. } => Some((*y, grade.clone())),
            _ => None,
        }),
        deadlines,
        may_apply: not_eligible.is_empty(),
        not_eligible,
        recommended,
    }
}

fn proposal(
    unit: &str,
    rules: &ProgramRules,
    kind: ProposalKind,
    basis: &str,
    on: Date,
    grounds: Vec<u32>,
    article: &str,
) -> Proposal {
    Proposal {
        id: format!("{unit}/{}/{}/{basis}", rules.id, kind.as_str()),
        unit: unit.to_owned(),
        program: rules.id.clone(),
        kind,
        on,
        cause: None,
        ban_years: 0,
        months: 0,
        grounds,
        article: article.to_owned(),
    }
}

fn with_cause(mut p: Proposal, rules: &ProgramRules, cause: &str) -> Proposal {
    p.cause = Some(cause.to_owned());
    p.ban_years = rules.cause(cause).map_or(0, |c| c.ban_years);
    p
}

/// The transitions the rules propose for the unit in the program of `rules` on
/// `date` — never applied: the organizer confirms (the events of
/// [`Proposal::events`], naming the proposal) or rejects (`proposal_rejected`)
/// each, and a handled proposal is not proposed again.
pub fn propose(
    unit: &str,
    lines: &[LedgerLine],
    rules: &ProgramRules,
    date: Date,
) -> Vec<Proposal> {
    let mine = program_lines(lines, &rules.id, date);
    let f = fold(&mine);
    let mut out: Vec<Proposal> = Vec::new();
    if f.standing.is_member() {
        // Failing grades (consecutive years, ending with the last graded year).
        if let (Some(rule), Some((&year, last))) = (&rules.failure, f.grades.iter().next_back()) {
            let failing = |l: &LedgerLine| matches!(&l.event, Event::Graded { grade, .. } if rules.is_failing(grade));
            if failing(last) {
                let mut run: Vec<u32> = Vec::new();
                let mut y = year;
                while let Some(l) = f.grades.get(&y).filter(|l| failing(l)) {
                    run.push(l.seq);
                    y -= 1;
                }
                run.reverse();
                let basis = last.seq.to_string();
                if run.len() as u32 >= rule.limit {
                    let kind = match rule.action {
                        Action::Remove => ProposalKind::Removal,
                        Action::Revoke => ProposalKind::Revocation,
                    };
                    let p = proposal(unit, rules, kind, &basis, last.on, run, &rule.article);
                    out.push(with_cause(p, rules, &rule.cause));
                } else if rule.reorganise
                    && f.reorganising_since
                        .is_none_or(|r| (r.on, r.seq) < (last.on, last.seq))
                {
                    out.push(proposal(
                        unit,
                        rules,
                        ProposalKind::Reorganisation,
                        &basis,
                        last.on,
                        run,
                        rule.reorganise_article.as_deref().unwrap_or(&rule.article),
                    ));
                }
            }
        }
        // An unrectified warning past its deadline.
        if let (Some(w), Some((l, deadline))) = (&rules.warning, f.warning) {
            if deadline <= date {
                let kind = match w.action {
                    Action::Remove => ProposalKind::Removal,
                    Action::Revoke => ProposalKind::Revocation,
                };
                let p = proposal(
                    unit,
                    rules,
                    kind,
                    &l.seq.to_string(),
                    deadline,
                    vec![l.seq],
                    &w.article,
                );
                out.push(with_cause(p, rules, &w.cause));
            }
        }
        // An overdue report, where the program warns for it.
        if let (Some(r), Some(w)) = (&rules.report, &rules.warning) {
            if r.overdue_warns && f.standing == Standing::Member {
                if let Some((period, due)) = owed(rules, &f, date)
                    .into_iter()
                    .find(|(p, due)| *due < date && !f.filed.contains(p.as_str()))
                {
                    let mut p = proposal(
                        unit,
                        rules,
                        ProposalKind::Warning,
                        &period,
                        due.succ(),
                        vec![],
                        &format!("{}；{}", r.article, w.article),
                    );
                    p.months = w.months;
                    out.push(p);
                }
            }
        }
        // A verified complaint.
        if let (Some(c), Some(l)) = (&rules.complaint, f.complaint) {
            if let Some(rule) = rules.cause(&c.cause) {
                let kind = match rule.action {
                    Action::Remove => ProposalKind::Removal,
                    Action::Revoke => ProposalKind::Revocation,
                };
                let p = proposal(
                    unit,
                    rules,
                    kind,
                    &l.seq.to_string(),
                    l.on,
                    vec![l.seq],
                    &c.article,
                );
                out.push(with_cause(p, rules, &c.cause));
            }
        }
    }
    // A removal or revocation whose cause bans, recorded without its ban.
    for (l, cause) in &f.ends {
        let Some(rule) = rules.cause(cause).filter(|c| c.ban_years > 0) else {
            continue;
        };
        let banned_after = f
            .bans
            .iter()
            .any(|(b, _, _)| (b.on, b.seq) >= (l.on, l.seq));
        if !banned_after {
            let mut p = proposal(
                unit,
                rules,
                ProposalKind::Ban,
                &l.seq.to_string(),
                l.on,
                vec![l.seq],
                rule.ban_article.as_deref().unwrap_or(&rule.article),
            );
            p.cause = Some((*cause).to_owned());
            p.ban_years = rule.ban_years;
            out.push(p);
        }
    }
    out.retain(|p| !f.handled.contains(p.id.as_str()));
    out.sort_by(|a, b| (a.on, &a.id).cmp(&(b.on, &b.id)));
    out.dedup_by(|a, b| a.id == b.id);
    out
}

/// Something due around a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueItem {
    /// 统一社会信用代码.
    pub unit: String,
    /// The name in force.
    pub name: String,
    /// The program.
    pub program: String,
    /// What.
    pub kind: DueKind,
    /// The day.
    pub due: Date,
    /// The report's period (reports only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// The seed article.
    pub article: String,
}

/// What is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    /// A report due this month.
    ReportDue,
    /// A report past its due date, not filed.
    ReportOverdue,
    /// A rectification deadline this month or past.
    Rectification,
    /// A ban that ends this month.
    BanEnds,
}

/// What is due for the unit in `status`'s month: reports due this month and
/// overdue, rectification deadlines this month or past, and a ban that ends this
/// month.
pub fn due(status: &UnitStatus) -> Vec<DueItem> {
    let date = status.at;
    let same_month = |d: Date| d.year() == date.year() && d.month() == date.month();
    let item = |kind, due, period: Option<String>, article: &str| DueItem {
        unit: status.unit.clone(),
        name: status.name.clone(),
        program: status.program.clone(),
        kind,
        due,
        period,
        article: article.to_owned(),
    };
    let mut out = Vec::new();
    for d in &status.deadlines {
        let Some(day) = d.due else { continue };
        match d.kind {
            DeadlineKind::Report if d.overdue => out.push(item(
                DueKind::ReportOverdue,
                day,
                d.period.clone(),
                &d.article,
            )),
            DeadlineKind::Report if same_month(day) => {
                out.push(item(DueKind::ReportDue, day, d.period.clone(), &d.article))
            }
            DeadlineKind::Rectification if d.overdue || same_month(day) => {
                out.push(item(DueKind::Rectification, day, None, &d.article))
            }
            _ => {}
        }
    }
    if let Some(until) = status.banned_until.filter(|u| same_month(*u)) {
        let article = status
            .not_eligible
            .iter()
            .find(|r| r.code == ReasonCode::Banned)
            .map(|r| r.article.as_str())
            .unwrap_or("");
        out.push(item(DueKind::BanEnds, until, None, article));
    }
    out
}

/// A flag on an applicant at authoring (organizer desk I).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantFlag {
    /// The applicant's id in the round (or its spreadsheet row's).
    pub applicant: String,
    /// 统一社会信用代码.
    pub unit: String,
    /// The program whose register flags it.
    pub program: String,
    /// `banned`, `revoked` or `already_member`.
    pub kind: FlagKind,
    /// The ledger line.
    pub seq: u32,
    /// Its date.
    pub on: Date,
    /// The ban's end (banned only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// The cause id (banned, revoked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// The seed article.
    pub article: String,
}

/// The kinds of [`ApplicantFlag`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// May not apply until a day.
    Banned,
    /// Its title was revoked (or it was removed).
    Revoked,
    /// Already a member.
    AlreadyMember,
}

/// The flags on applicants at authoring: for each (applicant id, its status in
/// the round's program at the authoring date), a flag for a ban in force, for
/// membership, and for a revocation or removal — each citing its ledger line and
/// seed article.
pub fn applicant_flags(applicants: &[(String, UnitStatus)]) -> Vec<ApplicantFlag> {
    let mut out = Vec::new();
    for (id, s) in applicants {
        for r in s.not_eligible.iter().chain(&s.ended) {
            let kind = match r.code {
                ReasonCode::Banned => FlagKind::Banned,
                ReasonCode::AlreadyMember => FlagKind::AlreadyMember,
                ReasonCode::Revoked | ReasonCode::Removed => FlagKind::Revoked,
                ReasonCode::Recommended => continue,
            };
            out.push(ApplicantFlag {
                applicant: id.clone(),
                unit: s.unit.clone(),
                program: s.program.clone(),
                kind,
                seq: r.seq,
                on: r.on,
                until: r.until,
                cause: r.cause.clone(),
                article: r.article.clone(),
            });
        }
    }
    out
}
