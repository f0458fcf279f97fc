//! The organizer's publication (公示与异议) as the desk shows it: the program's
//! notice settings, the notices published with their period, the objection register
//! (admitted or refused with reasons, notes, rulings, reply deadlines), and the
//! final list once published.

use reviewdesk_core::publication::{
    Cause, Change, DiffRow, ObjectionState, Outcome, Refusal, Register, Standing,
};
use reviewdesk_core::{Date, NoticeOrder, NoticeRules, PeriodUnit};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::NamedView;

/// The program's notice settings (rule 17), from the round's template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NoticeSettingsView {
    /// Length of the period.
    pub days: u32,
    /// `working_days` or `calendar_days`.
    pub unit: String,
    /// The program names no period: the length is an assumption.
    pub assumed: bool,
    /// `region` (排名不分先后) or `rank`.
    pub order: String,
    /// Working days to reply to an admitted objection.
    pub reply_days: u32,
    /// The article the period comes from.
    pub basis: Option<String>,
}

impl NoticeSettingsView {
    /// `working_days` or `calendar_days`.
    pub fn unit_of(unit: PeriodUnit) -> String {
        match unit {
            PeriodUnit::WorkingDays => "working_days",
            PeriodUnit::CalendarDays => "calendar_days",
        }
        .into()
    }
}

impl From<&NoticeRules> for NoticeSettingsView {
    fn from(r: &NoticeRules) -> Self {
        NoticeSettingsView {
            days: r.days,
            unit: Self::unit_of(r.unit),
            assumed: r.assumed,
            order: match r.order {
                NoticeOrder::Region => "region",
                NoticeOrder::Rank => "rank",
            }
            .into(),
            reply_days: r.reply_days,
            basis: r.basis.clone(),
        }
    }
}

/// A file the register names, with its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PublishedFileView {
    /// The file's name (or path, for files just written).
    pub name: String,
    /// Its SHA-256 (hex).
    pub sha256: String,
}

/// A notice published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PublicNoticeView {
    /// Its number, from 1.
    pub number: u32,
    /// First day of the period.
    pub start: String,
    /// Last day.
    pub end: String,
    /// The signed files.
    pub files: Vec<PublishedFileView>,
}

/// An objection's ruling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ObjectionRulingView {
    /// The day of the ruling.
    pub on: String,
    /// 异议成立.
    pub upheld: bool,
    /// The reasons.
    pub reasons: String,
}

/// An objection in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ObjectionView {
    /// Its id (`O1`, …).
    pub id: String,
    /// The objector's name.
    pub name: String,
    /// Their organisation.
    pub organisation: String,
    /// Credit code or ID number.
    pub id_code: String,
    /// Contact.
    pub contact: String,
    /// The contested applicant.
    pub applicant: String,
    /// The grounds.
    pub grounds: String,
    /// The evidence files kept.
    pub evidence: Vec<PublishedFileView>,
    /// The day received.
    pub received: String,
    /// Admitted (else refused with `refused`).
    pub admitted: bool,
    /// Why refused: `anonymous`, `no_contact`, `no_grounds`, `no_evidence`,
    /// `late`, `early`.
    pub refused: Vec<String>,
    /// The reply is due by this day (admitted objections).
    pub reply_due: Option<String>,
    /// Not ruled and past its reply day.
    pub overdue: bool,
    /// Investigation notes: (day, text).
    pub notes: Vec<(String, String)>,
    /// The ruling, once made.
    pub ruling: Option<ObjectionRulingView>,
}

fn refusal(r: Refusal) -> &'static str {
    match r {
        Refusal::Anonymous => "anonymous",
        Refusal::NoContact => "no_contact",
        Refusal::NoGrounds => "no_grounds",
        Refusal::NoEvidence => "no_evidence",
        Refusal::Late => "late",
        Refusal::Early => "early",
    }
}

fn files(f: &[reviewdesk_core::publication::NamedFile]) -> Vec<PublishedFileView> {
    f.iter()
        .map(|f| PublishedFileView {
            name: f.name.clone(),
            sha256: f.sha256.clone(),
        })
        .collect()
}

impl ObjectionView {
    /// The view of `o` on `today`.
    pub fn new(o: &ObjectionState, today: Date) -> Self {
        ObjectionView {
            id: o.id.clone(),
            name: o.objector.name.clone(),
            organisation: o.objector.organisation.clone(),
            id_code: o.objector.id_code.clone(),
            contact: o.objector.contact.clone(),
            applicant: o.applicant.clone(),
            grounds: o.grounds.clone(),
            evidence: files(&o.evidence),
            received: o.received.to_string(),
            admitted: o.admitted,
            refused: o.refused.iter().map(|r| refusal(*r).into()).collect(),
            reply_due: o.reply_due.map(|d| d.to_string()),
            overdue: o.overdue(today),
            notes: o
                .notes
                .iter()
                .map(|(d, t)| (d.to_string(), t.clone()))
                .collect(),
            ruling: o
                .ruling
                .as_ref()
                .map(|(d, outcome, reasons)| ObjectionRulingView {
                    on: d.to_string(),
                    upheld: *outcome == Outcome::Upheld,
                    reasons: reasons.clone(),
                }),
        }
    }
}

/// The publication of the round open at the organizer desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PublicationView {
    /// The publication folder (inside the round folder).
    pub dir: String,
    /// The program's notice settings.
    pub settings: NoticeSettingsView,
    /// SHA-256 of the bundle the publication rests on, once started.
    pub bundle_sha256: Option<String>,
    /// The notices, in order.
    pub notices: Vec<PublicNoticeView>,
    /// The objections, in order.
    pub objections: Vec<ObjectionView>,
    /// How many amendments were recorded.
    pub amendments: u32,
    /// The amendments recorded, in order.
    pub amendment_list: Vec<AmendmentView>,
    /// The template's scored indicators (what a score correction names).
    pub indicators: Vec<NamedView>,
    /// The template's grade bands (what an amendment's before and after show).
    pub grades: Vec<NamedView>,
    /// The final list's files, once published.
    pub final_files: Vec<PublishedFileView>,
    /// Today, as the desk's clock says.
    pub today: String,
}

impl PublicationView {
    /// The view of `register` (none yet: an empty publication) with its
    /// `amendments` on `today`.
    pub fn new(
        dir: &str,
        rules: &NoticeRules,
        register: Option<&Register>,
        amendments: Vec<AmendmentView>,
        today: Date,
    ) -> Self {
        PublicationView {
            dir: dir.into(),
            settings: rules.into(),
            bundle_sha256: register.and_then(|r| r.bundle.as_ref().map(|(sha, _)| sha.clone())),
            notices: register
                .map(|r| {
                    r.notices
                        .iter()
                        .map(|(n, _, start, end, f)| PublicNoticeView {
                            number: *n,
                            start: start.to_string(),
                            end: end.to_string(),
                            files: files(f),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            objections: register
                .map(|r| {
                    r.objections
                        .iter()
                        .map(|o| ObjectionView::new(o, today))
                        .collect()
                })
                .unwrap_or_default(),
            amendments: register.map_or(0, |r| r.amendments.len() as u32),
            amendment_list: amendments,
            indicators: Vec::new(),
            grades: Vec::new(),
            final_files: register
                .and_then(|r| r.final_list.as_ref().map(|(_, f)| files(f)))
                .unwrap_or_default(),
            today: today.to_string(),
        }
    }
}

impl PublicationView {
    /// The view with the round's template: its scored indicators (those no other
    /// indicator has as parent) and its grade bands.
    pub fn with_template(self, t: &reviewdesk_core::Template) -> Self {
        let indicators = t
            .indicators
            .iter()
            .filter(|i| {
                !t.indicators
                    .iter()
                    .any(|c| c.parent.as_ref() == Some(&i.id))
            })
            .map(|i| NamedView {
                id: i.id.clone(),
                name: (&i.name).into(),
            })
            .collect();
        PublicationView {
            indicators,
            grades: crate::chair::grades(t),
            ..self
        }
    }
}

/// A notice just published: its period, files and how to check them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NoticePublishedView {
    /// Its number.
    pub number: u32,
    /// First day.
    pub start: String,
    /// Last day (computed with the round's calendar, which the bundle carries).
    pub end: String,
    /// The period's length.
    pub days: u32,
    /// `working_days` or `calendar_days`.
    pub unit: String,
    /// The length is an assumption.
    pub assumed: bool,
    /// Applicants listed.
    pub rows: u32,
    /// The PDF and CSV written, with SHA-256.
    pub files: Vec<PublishedFileView>,
    /// The `allowed_signers` line for `ssh-keygen -Y verify`.
    pub allowed_signers: String,
    /// The `ssh-keygen -Y verify` command for the PDF.
    pub verify_command: String,
    /// The publication after it.
    pub publication: PublicationView,
}

/// The final list just published, and its archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FinalPublishedView {
    /// Applicants listed.
    pub rows: u32,
    /// The PDF and CSV written, with SHA-256.
    pub files: Vec<PublishedFileView>,
    /// The `ssh-keygen -Y verify` command for the PDF.
    pub verify_command: String,
    /// The archive written, with its SHA-256.
    pub archive: PublishedFileView,
    /// The publication after it.
    pub publication: PublicationView,
}

/// An objection as the organizer enters it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ObjectionInputView {
    /// The objector's name (empty: anonymous).
    pub name: String,
    /// Their organisation.
    pub organisation: String,
    /// Credit code or ID number.
    pub id_code: String,
    /// Contact.
    pub contact: String,
    /// The contested applicant's id.
    pub applicant: String,
    /// The grounds.
    pub grounds: String,
    /// The evidence files (paths chosen in a dialog).
    pub evidence: Vec<String>,
    /// The day received, `YYYY-MM-DD`.
    pub received: String,
}

/// One change an amendment makes (entered or recorded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AmendChangeView {
    /// `strike` (the applicant struck off) or `score` (a score corrected).
    pub kind: String,
    /// Applicant id.
    pub applicant: String,
    /// Expert id (`score` only; empty otherwise).
    pub expert: String,
    /// Indicator id (`score` only; empty otherwise).
    pub indicator: String,
    /// The corrected value (`score` only; empty otherwise).
    pub value: String,
}

impl From<&Change> for AmendChangeView {
    fn from(c: &Change) -> Self {
        match c {
            Change::Strike { applicant } => AmendChangeView {
                kind: "strike".into(),
                applicant: applicant.clone(),
                expert: String::new(),
                indicator: String::new(),
                value: String::new(),
            },
            Change::Score {
                expert,
                applicant,
                indicator,
                value,
            } => AmendChangeView {
                kind: "score".into(),
                applicant: applicant.clone(),
                expert: expert.clone(),
                indicator: indicator.clone(),
                value: value.to_string(),
            },
        }
    }
}

/// An amendment as the organizer enters it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AmendInputView {
    /// `calculation_error`, `score_out_of_range`, `objective_item_inconsistent`,
    /// `abnormal_score` or `upheld_objection`.
    pub cause: String,
    /// The upheld objection (cause `upheld_objection` only; empty otherwise).
    pub objection: String,
    /// The reason.
    pub reason: String,
    /// The changes.
    pub changes: Vec<AmendChangeView>,
}

/// An applicant's standing before or after an amendment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StandingView {
    /// Selected (入选).
    pub selected: bool,
    /// Grade band id.
    pub grade: Option<String>,
    /// Rank in its category.
    pub rank: Option<u32>,
}

impl From<&Standing> for StandingView {
    fn from(s: &Standing) -> Self {
        StandingView {
            selected: s.selected,
            grade: s.grade.clone(),
            rank: s.rank,
        }
    }
}

/// An applicant whose standing an amendment changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AmendDiffView {
    /// Applicant id.
    pub applicant: String,
    /// Before.
    pub before: StandingView,
    /// After.
    pub after: StandingView,
}

impl From<&DiffRow> for AmendDiffView {
    fn from(d: &DiffRow) -> Self {
        AmendDiffView {
            applicant: d.applicant.clone(),
            before: (&d.before).into(),
            after: (&d.after).into(),
        }
    }
}

/// An amendment recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AmendmentView {
    /// Its number, from 1.
    pub number: u32,
    /// The cause (as in [`AmendInputView::cause`]).
    pub cause: String,
    /// The upheld objection, for that cause.
    pub objection: Option<String>,
    /// The applicants concerned.
    pub applicants: Vec<String>,
    /// The reason.
    pub reason: String,
    /// The changes.
    pub changes: Vec<AmendChangeView>,
    /// Applicants whose standing changed (recomputed).
    pub diff: Vec<AmendDiffView>,
    /// The list changed: a new notice is required before the final list.
    pub material: bool,
}

impl AmendmentView {
    /// The cause's stable code.
    pub fn cause_code(c: Cause) -> &'static str {
        match c {
            Cause::CalculationError => "calculation_error",
            Cause::ScoreOutOfRange => "score_out_of_range",
            Cause::ObjectiveItemInconsistent => "objective_item_inconsistent",
            Cause::AbnormalScore => "abnormal_score",
            Cause::UpheldObjection => "upheld_objection",
        }
    }

    /// The cause named by `code`, if any.
    pub fn cause_of(code: &str) -> Option<Cause> {
        [
            Cause::CalculationError,
            Cause::ScoreOutOfRange,
            Cause::ObjectiveItemInconsistent,
            Cause::AbnormalScore,
            Cause::UpheldObjection,
        ]
        .into_iter()
        .find(|c| Self::cause_code(*c) == code)
    }
}

impl From<&reviewdesk_desk::publication::AmendmentRecord> for AmendmentView {
    fn from(r: &reviewdesk_desk::publication::AmendmentRecord) -> Self {
        AmendmentView {
            number: r.number,
            cause: Self::cause_code(r.cause).into(),
            objection: r.objection.clone(),
            applicants: r.applicants.clone(),
            reason: r.reason.clone(),
            changes: r.changes.iter().map(AmendChangeView::from).collect(),
            diff: r.diff.iter().map(AmendDiffView::from).collect(),
            material: r.material,
        }
    }
}
