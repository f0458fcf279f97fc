//! One expert's review of one package (专家评审): whom they review, what they must
//! accept and declare before any material is shown, which stages apply to which
//! applicant, whether an entry may be made, their progress, and whether a sheet
//! may be signed. These are the expert desk's rules; the workspace stores what
//! the expert did, this module decides what is allowed. No IO.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::calendar::{is_fresh, Date};
use crate::round::{Applicant, Material, RecusalRequest, RecusalRuling, Round};
use crate::rules::{
    check_score_value, Declaration, ExpertPart, InputProblemKind, PartScore, PartVerdict, PartVeto,
    RecusalCase,
};
use crate::template::{Indicator, Stage, StageKind, Template};
use crate::text::Localized;

/// The pledge shown when the round carries none (保密与廉政承诺).
pub fn standard_pledge() -> Localized {
    Localized {
        zh: "本人承诺：严格遵守评审纪律，对评审材料、评审过程和评审结果保密，\
             不复制、不外传任何申报材料；客观公正地独立评分，不接受申报单位及相关人员的\
             宴请、礼金、礼品或其他利益；与申报单位存在利害关系的，主动申请回避。\
             如有违反，愿承担相应责任。"
            .into(),
        en: "I undertake to follow the review rules; to keep the materials, the \
             review and its results confidential and not to copy or pass on any \
             application material; to score objectively, fairly and independently; to \
             accept no meal, money, gift or other benefit from any applicant or person \
             connected with one; and to recuse myself from any applicant with whom I \
             have a conflict of interest. I accept responsibility for any breach."
            .into(),
    }
}

/// Why an entry is not allowed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReviewProblem {
    /// The person is not an expert of this round.
    #[error("'{0}' is not an expert of this round")]
    NotOnPanel(String),
    /// The applicant is not assigned to this expert.
    #[error("applicant '{0}' is not assigned to this expert")]
    NotAssigned(String),
    /// Nothing before the pledge.
    #[error("the pledge must be accepted first")]
    PledgeFirst,
    /// No material or score before the declaration.
    #[error("declare conflicts of interest for applicant '{0}' first")]
    DeclareFirst(String),
    /// The expert recused from this applicant.
    #[error("recused from applicant '{0}': its materials and scoring are closed")]
    Recused(String),
    /// An upheld request against this expert: the recusal cannot be withdrawn.
    #[error("the request that this expert not review '{0}' was upheld: the recusal is locked")]
    RecusalLocked(String),
    /// A recusal for "other" reasons needs the expert's words.
    #[error("recusal from '{0}' for another reason needs a note saying what it is")]
    NoteRequired(String),
    /// A stage that does not apply to this applicant.
    #[error("stage '{stage}' does not apply to applicant '{applicant}' ({why})")]
    StageClosed {
        /// The applicant.
        applicant: String,
        /// The stage.
        stage: String,
        /// `not_sampled`, `sample_not_drawn` or `not_advanced`.
        why: &'static str,
    },
    /// A stage id the template does not have.
    #[error("unknown stage '{0}'")]
    UnknownStage(String),
    /// Not a scored indicator of that stage.
    #[error("no scored indicator '{indicator}' in stage '{stage}'")]
    UnknownIndicator {
        /// The stage.
        stage: String,
        /// The indicator.
        indicator: String,
    },
    /// A verdict on a score stage or a score on a pass/fail stage.
    #[error("stage '{0}' is not of that kind")]
    WrongStageKind(String),
    /// Not a veto indicator.
    #[error("'{0}' is not a veto indicator")]
    NotVeto(String),
    /// A veto without a reason.
    #[error("a veto needs a written reason")]
    VetoReasonRequired,
    /// The value is out of range, off-step or needs a reason.
    #[error("{0}")]
    Score(InputProblemKind),
    /// A sheet cannot be signed while an assigned applicant has no declaration.
    #[error("no declaration yet for: {}", .0.join(", "))]
    MissingDeclarations(Vec<String>),
    /// Flags of an imported re-check request have no justification yet.
    #[error("the chair's re-check request flags cells without a justification yet: {}", .0.join(", "))]
    RecheckUnanswered(Vec<String>),
    /// A justification's answer does not fit the value (kept but changed, or changed
    /// but the same).
    #[error("{cell}: answered `{}` but the value is {value} and the flagged value was {flagged}", answer.as_str())]
    JustificationMismatch {
        /// The cell, `APPLICANT/STAGE[/INDICATOR]`.
        cell: String,
        /// The answer given.
        answer: crate::rules::Answer,
        /// The value now (`-`: no score).
        value: String,
        /// The value the request flagged.
        flagged: String,
    },
    /// A justification for a cell no imported request flags (under that request).
    #[error("no re-check request flags {0}")]
    NotFlagged(String),
    /// A justification without text, or over 2,000 characters.
    #[error("the justification for {0} needs a text of 1 to 2,000 characters")]
    JustificationRequired(String),
}

/// The kind of a [`ReviewProblem`], one per stable code. Deliberately exhaustive
/// (not `#[non_exhaustive]`): a caller that maps every code fails to compile when
/// one is added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReviewCode {
    /// `not_on_panel`
    NotOnPanel,
    /// `not_assigned`
    NotAssigned,
    /// `pledge_first`
    PledgeFirst,
    /// `declare_first`
    DeclareFirst,
    /// `recused`
    Recused,
    /// `recusal_locked`
    RecusalLocked,
    /// `note_required`
    NoteRequired,
    /// `stage_closed`
    StageClosed,
    /// `unknown_stage`
    UnknownStage,
    /// `unknown_indicator`
    UnknownIndicator,
    /// `wrong_stage_kind`
    WrongStageKind,
    /// `not_veto`
    NotVeto,
    /// `veto_reason_required`
    VetoReasonRequired,
    /// `out_of_range`: above the maximum or negative.
    OutOfRange,
    /// `off_step`
    OffStep,
    /// `reason_required`: below the low-score threshold without a reason.
    ReasonRequired,
    /// `bad_score`: any other problem with a value.
    BadScore,
    /// `missing_declarations`
    MissingDeclarations,
    /// `recheck_unanswered`: flags of a re-check request without a justification.
    RecheckUnanswered,
    /// `justification_mismatch`: `kept` but the value changed, or `changed` but not.
    JustificationMismatch,
    /// `not_flagged`: a justification for a cell no request flags.
    NotFlagged,
    /// `justification_required`: a justification without text.
    JustificationRequired,
}

impl ReviewCode {
    /// The code's snake_case text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotOnPanel => "not_on_panel",
            Self::NotAssigned => "not_assigned",
            Self::PledgeFirst => "pledge_first",
            Self::DeclareFirst => "declare_first",
            Self::Recused => "recused",
            Self::RecusalLocked => "recusal_locked",
            Self::NoteRequired => "note_required",
            Self::StageClosed => "stage_closed",
            Self::UnknownStage => "unknown_stage",
            Self::UnknownIndicator => "unknown_indicator",
            Self::WrongStageKind => "wrong_stage_kind",
            Self::NotVeto => "not_veto",
            Self::VetoReasonRequired => "veto_reason_required",
            Self::OutOfRange => "out_of_range",
            Self::OffStep => "off_step",
            Self::ReasonRequired => "reason_required",
            Self::BadScore => "bad_score",
            Self::MissingDeclarations => "missing_declarations",
            Self::RecheckUnanswered => "recheck_unanswered",
            Self::JustificationMismatch => "justification_mismatch",
            Self::NotFlagged => "not_flagged",
            Self::JustificationRequired => "justification_required",
        }
    }
}

impl std::fmt::Display for ReviewCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for ReviewCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl ReviewProblem {
    /// A stable code for the UI and the IPC error.
    pub fn code(&self) -> ReviewCode {
        use InputProblemKind as K;
        match self {
            Self::NotOnPanel(_) => ReviewCode::NotOnPanel,
            Self::NotAssigned(_) => ReviewCode::NotAssigned,
            Self::PledgeFirst => ReviewCode::PledgeFirst,
            Self::DeclareFirst(_) => ReviewCode::DeclareFirst,
            Self::Recused(_) => ReviewCode::Recused,
            Self::RecusalLocked(_) => ReviewCode::RecusalLocked,
            Self::NoteRequired(_) => ReviewCode::NoteRequired,
            Self::StageClosed { .. } => ReviewCode::StageClosed,
            Self::UnknownStage(_) => ReviewCode::UnknownStage,
            Self::UnknownIndicator { .. } => ReviewCode::UnknownIndicator,
            Self::WrongStageKind(_) => ReviewCode::WrongStageKind,
            Self::NotVeto(_) => ReviewCode::NotVeto,
            Self::VetoReasonRequired => ReviewCode::VetoReasonRequired,
            Self::Score(K::AboveMax { .. } | K::Negative(_)) => ReviewCode::OutOfRange,
            Self::Score(K::OffStep { .. }) => ReviewCode::OffStep,
            Self::Score(K::MissingReason { .. }) => ReviewCode::ReasonRequired,
            Self::Score(
                K::DuplicateId(_)
                | K::DuplicateEntry(_)
                | K::UnknownApplicant(_)
                | K::UnknownExpert(_)
                | K::UnknownStage(_)
                | K::UnknownIndicator { .. }
                | K::NotVeto(_)
                | K::UnknownCategory(_)
                | K::WrongStageKind { .. }
                | K::NotAssigned { .. }
                | K::MissingGroupField(_)
                | K::NotSampled { .. }
                | K::DrawMissing(_)
                | K::DrawUnused
                | K::BadHash(_)
                | K::Empty,
            ) => ReviewCode::BadScore,
            Self::MissingDeclarations(_) => ReviewCode::MissingDeclarations,
            Self::RecheckUnanswered(_) => ReviewCode::RecheckUnanswered,
            Self::JustificationMismatch { .. } => ReviewCode::JustificationMismatch,
            Self::NotFlagged(_) => ReviewCode::NotFlagged,
            Self::JustificationRequired(_) => ReviewCode::JustificationRequired,
        }
    }
}

/// Whether a stage is open for an applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageAccess {
    /// Scored by this expert.
    Open,
    /// A sampled stage; this applicant was not drawn.
    NotSampled,
    /// A sampled stage whose draw is not in this package yet.
    SampleNotDrawn,
    /// A stage the round's advance list opens for other applicants only: this
    /// one did not go on (未进入本环节), or none has yet.
    NotAdvanced,
}

/// How far one stage of one applicant is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageProgress {
    /// Stage id.
    pub stage: String,
    /// Whether it is open.
    pub access: StageAccess,
    /// Entries made (scores, or 1 for a verdict).
    pub done: usize,
    /// Entries needed.
    pub total: usize,
    /// The stage total of the scores entered (score stages).
    pub subtotal: Decimal,
}

/// How far one applicant is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantProgress {
    /// Applicant id.
    pub applicant: String,
    /// `None`: not declared yet; `Some(true)`: recused.
    pub recused: Option<bool>,
    /// Per stage, in template order.
    pub stages: Vec<StageProgress>,
}

/// A material's freshness against the template's rule (时效).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Freshness {
    /// The rule's maximum age in months.
    pub max_age_months: u32,
    /// Issued within it (`None` when the material has no issue date).
    pub fresh: Option<bool>,
}

/// An expert's review of a round: the template, the round as the package carries
/// it, and the expert's id.
#[derive(Debug, Clone, Copy)]
pub struct ExpertReview<'a> {
    /// The rules.
    pub template: &'a Template,
    /// The round.
    pub round: &'a Round,
    /// This expert's id.
    pub expert: &'a str,
}

impl<'a> ExpertReview<'a> {
    /// The review of `expert`, who must be an expert of the round.
    pub fn new(
        template: &'a Template,
        round: &'a Round,
        expert: &'a str,
    ) -> Result<Self, ReviewProblem> {
        if !round.experts().iter().any(|e| e.id == expert) {
            return Err(ReviewProblem::NotOnPanel(expert.to_owned()));
        }
        Ok(Self {
            template,
            round,
            expert,
        })
    }

    /// The pledge text (the round's, or the standard one).
    pub fn pledge(&self) -> Localized {
        self.round
            .program
            .pledge
            .clone()
            .unwrap_or_else(standard_pledge)
    }

    /// The applicants assigned to this expert, in round order.
    pub fn assigned(&self) -> Vec<&'a Applicant> {
        self.round
            .applicants
            .iter()
            .filter(|a| self.round.is_assigned(self.expert, &a.id))
            .collect()
    }

    fn assigned_applicant(&self, applicant: &str) -> Result<&'a Applicant, ReviewProblem> {
        self.round
            .applicant(applicant)
            .filter(|a| self.round.is_assigned(self.expert, &a.id))
            .ok_or_else(|| ReviewProblem::NotAssigned(applicant.to_owned()))
    }

    /// The applicant's requests that this expert not review it, with rulings.
    pub fn requests(&self, applicant: &str) -> Vec<&'a RecusalRequest> {
        self.round
            .recusal_requests
            .iter()
            .filter(|r| r.applicant == applicant && r.expert == self.expert)
            .collect()
    }

    /// Whether an upheld request locks this expert's recusal from the applicant.
    pub fn recusal_locked(&self, applicant: &str) -> bool {
        self.requests(applicant)
            .iter()
            .any(|r| r.ruling == RecusalRuling::Upheld)
    }

    /// The stages of the template, each with whether it is open for `applicant`.
    pub fn stages(&self, applicant: &str) -> Vec<(&'a Stage, StageAccess)> {
        self.template
            .stages
            .iter()
            .map(|s| {
                let advance = self.round.advances.iter().find(|x| x.stage == s.id);
                let access = if let Some(adv) = advance.filter(|_| s.sample.is_none()) {
                    if adv.applicants.iter().any(|a| a == applicant) {
                        StageAccess::Open
                    } else {
                        StageAccess::NotAdvanced
                    }
                } else if s.sample.is_none() {
                    StageAccess::Open
                } else {
                    match self.round.samples.iter().find(|x| x.stage == s.id) {
                        None => StageAccess::SampleNotDrawn,
                        Some(x) if x.applicants.iter().any(|a| a == applicant) => StageAccess::Open,
                        Some(_) => StageAccess::NotSampled,
                    }
                };
                (s, access)
            })
            .collect()
    }

    /// The applicant's materials.
    pub fn materials(&self, applicant: &str) -> Vec<&'a Material> {
        self.round
            .materials
            .iter()
            .filter(|m| m.applicant == applicant)
            .collect()
    }

    /// The freshness rule for a material, if the template has one for its kind.
    pub fn freshness(&self, m: &Material, as_of: Date) -> Option<Freshness> {
        let months = self.template.freshness_months(m.kind)?;
        Some(Freshness {
            max_age_months: months,
            fresh: m.issued.map(|d| is_fresh(d, as_of, months)),
        })
    }

    /// Checks a declaration: the applicant is assigned; an upheld request keeps
    /// the recusal; "other" needs a note.
    pub fn check_declaration(&self, pledged: bool, d: &Declaration) -> Result<(), ReviewProblem> {
        if !pledged {
            return Err(ReviewProblem::PledgeFirst);
        }
        self.assigned_applicant(&d.applicant)?;
        if d.recuse.is_none() && self.recusal_locked(&d.applicant) {
            return Err(ReviewProblem::RecusalLocked(d.applicant.clone()));
        }
        if d.recuse == Some(RecusalCase::Other) && d.note.trim().is_empty() {
            return Err(ReviewProblem::NoteRequired(d.applicant.clone()));
        }
        Ok(())
    }

    /// Whether the applicant's materials may be opened (and its stages scored):
    /// pledge accepted, declared, not recused.
    pub fn check_open(
        &self,
        pledged: bool,
        part: &ExpertPart,
        applicant: &str,
    ) -> Result<(), ReviewProblem> {
        if !pledged {
            return Err(ReviewProblem::PledgeFirst);
        }
        self.assigned_applicant(applicant)?;
        match part.declarations.iter().find(|d| d.applicant == applicant) {
            None => Err(ReviewProblem::DeclareFirst(applicant.to_owned())),
            Some(d) if d.recuse.is_some() => Err(ReviewProblem::Recused(applicant.to_owned())),
            Some(_) => Ok(()),
        }
    }

    fn open_stage(&self, applicant: &str, stage: &str) -> Result<&'a Stage, ReviewProblem> {
        let (s, access) = self
            .stages(applicant)
            .into_iter()
            .find(|(s, _)| s.id == stage)
            .ok_or_else(|| ReviewProblem::UnknownStage(stage.to_owned()))?;
        let why = match access {
            StageAccess::Open => return Ok(s),
            StageAccess::NotSampled => "not_sampled",
            StageAccess::SampleNotDrawn => "sample_not_drawn",
            StageAccess::NotAdvanced => "not_advanced",
        };
        Err(ReviewProblem::StageClosed {
            applicant: applicant.to_owned(),
            stage: stage.to_owned(),
            why,
        })
    }

    fn open_stage_of_kind(
        &self,
        applicant: &str,
        stage: &str,
        kind: StageKind,
    ) -> Result<&'a Stage, ReviewProblem> {
        let s = self.open_stage(applicant, stage)?;
        if s.kind != kind {
            return Err(ReviewProblem::WrongStageKind(stage.to_owned()));
        }
        Ok(s)
    }

    fn scored_indicator(&self, stage: &str, indicator: &str) -> Option<&'a Indicator> {
        self.template
            .indicators
            .iter()
            .find(|i| i.id == indicator && i.stage == stage)
            .filter(|i| {
                self.template
                    .scored_indicators(&i.stage)
                    .any(|l| l.id == i.id)
            })
    }

    /// Checks a score before it is stored.
    pub fn check_score(
        &self,
        pledged: bool,
        part: &ExpertPart,
        s: &PartScore,
    ) -> Result<(), ReviewProblem> {
        self.check_open(pledged, part, &s.applicant)?;
        self.open_stage_of_kind(&s.applicant, &s.stage, StageKind::Score)?;
        let ind = self
            .scored_indicator(&s.stage, &s.indicator)
            .ok_or_else(|| ReviewProblem::UnknownIndicator {
                stage: s.stage.clone(),
                indicator: s.indicator.clone(),
            })?;
        check_score_value(ind, s.value, s.reason.as_deref()).map_err(ReviewProblem::Score)
    }

    /// Checks a pass/fail verdict.
    pub fn check_verdict(
        &self,
        pledged: bool,
        part: &ExpertPart,
        v: &PartVerdict,
    ) -> Result<(), ReviewProblem> {
        self.check_open(pledged, part, &v.applicant)?;
        self.open_stage_of_kind(&v.applicant, &v.stage, StageKind::PassFail)
            .map(|_| ())
    }

    /// Checks a veto mark.
    pub fn check_veto(
        &self,
        pledged: bool,
        part: &ExpertPart,
        v: &PartVeto,
    ) -> Result<(), ReviewProblem> {
        self.check_open(pledged, part, &v.applicant)?;
        let ind = self
            .template
            .indicator(&v.indicator)
            .filter(|i| i.veto)
            .ok_or_else(|| ReviewProblem::NotVeto(v.indicator.clone()))?;
        self.open_stage(&v.applicant, &ind.stage)?;
        if v.reason.trim().is_empty() {
            return Err(ReviewProblem::VetoReasonRequired);
        }
        Ok(())
    }

    /// Progress per assigned applicant and stage.
    pub fn progress(&self, part: &ExpertPart) -> Vec<ApplicantProgress> {
        self.assigned()
            .into_iter()
            .map(|a| {
                let recused = part
                    .declarations
                    .iter()
                    .find(|d| d.applicant == a.id)
                    .map(|d| d.recuse.is_some());
                let stages = self
                    .stages(&a.id)
                    .into_iter()
                    .map(|(s, access)| {
                        let (done, total, subtotal) = match s.kind {
                            StageKind::Score => {
                                let ids: Vec<&str> = self
                                    .template
                                    .scored_indicators(&s.id)
                                    .map(|i| i.id.as_str())
                                    .collect();
                                let mine: Vec<&PartScore> = part
                                    .scores
                                    .iter()
                                    .filter(|x| {
                                        x.applicant == a.id
                                            && x.stage == s.id
                                            && ids.contains(&x.indicator.as_str())
                                    })
                                    .collect();
                                let sum = mine.iter().map(|x| x.value).sum();
                                (mine.len(), ids.len(), sum)
                            }
                            StageKind::PassFail => {
                                let done = part
                                    .verdicts
                                    .iter()
                                    .any(|v| v.applicant == a.id && v.stage == s.id);
                                (usize::from(done), 1, Decimal::ZERO)
                            }
                        };
                        StageProgress {
                            stage: s.id.clone(),
                            access,
                            done,
                            total: if access == StageAccess::Open {
                                total
                            } else {
                                0
                            },
                            subtotal,
                        }
                    })
                    .collect();
                ApplicantProgress {
                    applicant: a.id.clone(),
                    recused,
                    stages,
                }
            })
            .collect()
    }

    /// Whether a sheet may be signed: the pledge is accepted and every assigned
    /// applicant has a declaration. Returns the open entries still missing (a sheet
    /// may be signed with some, e.g. the written review before the defense).
    pub fn check_ready(&self, pledged: bool, part: &ExpertPart) -> Result<usize, ReviewProblem> {
        if !pledged {
            return Err(ReviewProblem::PledgeFirst);
        }
        let progress = self.progress(part);
        let undeclared: Vec<String> = progress
            .iter()
            .filter(|p| p.recused.is_none())
            .map(|p| p.applicant.clone())
            .collect();
        if !undeclared.is_empty() {
            return Err(ReviewProblem::MissingDeclarations(undeclared));
        }
        Ok(progress
            .iter()
            .filter(|p| p.recused == Some(false))
            .flat_map(|p| &p.stages)
            .map(|s| s.total - s.done.min(s.total))
            .sum())
    }
}

/// What the audit log records (审计日志): one JSON object per line, hash-chained
/// in the sheet (`docs/formats.md`, "Score sheet").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case", deny_unknown_fields)]
pub enum AuditEvent {
    /// The package was imported.
    Import {
        /// Package id.
        package: String,
        /// The organizer's fingerprint.
        organizer: String,
    },
    /// The pledge was accepted.
    Pledge {
        /// SHA-256 of the pledge text shown (hex).
        text_sha256: String,
    },
    /// A declaration was made or changed.
    Declare(Declaration),
    /// A material was opened to be read (the first time in each opening of the
    /// package at the desk).
    OpenMaterial {
        /// Material id.
        material: String,
    },
    /// A score was set.
    Score(PartScore),
    /// A score was cleared.
    ClearScore {
        /// Applicant id.
        applicant: String,
        /// Stage id.
        stage: String,
        /// Indicator id.
        indicator: String,
    },
    /// A verdict was set.
    Verdict(PartVerdict),
    /// A veto was marked.
    Veto(PartVeto),
    /// A veto was withdrawn.
    ClearVeto {
        /// Applicant id.
        applicant: String,
        /// Indicator id.
        indicator: String,
    },
    /// A sheet was signed.
    Sign {
        /// Its revision.
        revision: u32,
    },
    /// The chair's re-check request was imported (复核通知).
    ImportRecheck {
        /// Its sequence number.
        sequence: u32,
        /// SHA-256 of its signed plaintext (hex).
        sha256: String,
    },
    /// A flagged cell was justified, kept or changed (复核说明).
    Justify(crate::rules::Justification),
}

/// One line of the audit log: sequence number, UTC time, the event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// 1, 2, 3… per package.
    pub seq: u64,
    /// RFC 3339 UTC time, from the shell's clock (never used for ordering).
    pub at: String,
    /// What happened.
    #[serde(flatten)]
    pub event: AuditEvent,
}

impl AuditEntry {
    /// The log line, without its LF.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).expect("audit entries serialize")
    }
}

impl ReviewProblem {
    /// What the rules refuse and what to do, in `lang` (English: the `Display`
    /// text).
    pub fn message(&self, lang: crate::Lang) -> String {
        if lang == crate::Lang::En {
            return self.to_string();
        }
        match self {
            Self::NotOnPanel(id) => format!("`{id}` 不是本批次的评审专家"),
            Self::NotAssigned(a) => format!("申报单位 `{a}` 没有分配给这位专家"),
            Self::PledgeFirst => "请先接受评审承诺".to_string(),
            Self::DeclareFirst(a) => format!("请先就申报单位 `{a}` 声明有无利益冲突"),
            Self::Recused(a) => format!("已回避申报单位 `{a}`：其材料与评分均已关闭"),
            Self::RecusalLocked(a) => {
                format!("不评审 `{a}` 的回避申请已予准许：回避已锁定")
            }
            Self::NoteRequired(a) => {
                format!("以其他理由回避 `{a}` 时，须写明理由")
            }
            Self::StageClosed {
                applicant, stage, ..
            } => format!("环节 `{stage}` 不适用于申报单位 `{applicant}`"),
            Self::UnknownStage(s) => format!("没有环节 `{s}`"),
            Self::UnknownIndicator { stage, indicator } => {
                format!("环节 `{stage}` 中没有计分指标 `{indicator}`")
            }
            Self::WrongStageKind(s) => format!("环节 `{s}` 不是这种类型"),
            Self::NotVeto(i) => format!("`{i}` 不是否决指标"),
            Self::VetoReasonRequired => "否决须写明理由".to_string(),
            Self::Score(_) => "分值不符合模板的规定（超出范围、不符合步长或格式不对）".to_string(),
            Self::MissingDeclarations(a) => {
                format!("尚未就以下申报单位声明利益冲突：{}", a.join("、"))
            }
            Self::RecheckUnanswered(cells) => format!(
                "评审组组长的复核请求中以下各项尚无说明：{}。请逐项说明后再签署",
                cells.join("、")
            ),
            Self::JustificationMismatch {
                cell,
                answer,
                value,
                flagged,
            } => format!(
                "`{cell}`：说明为“{}”，但当前分值为 {value}，被复核的分值为 {flagged}",
                match answer {
                    crate::rules::Answer::Kept => "维持原分",
                    crate::rules::Answer::Changed => "已修改",
                }
            ),
            Self::NotFlagged(cell) => format!("复核请求中没有 `{cell}` 这一项，无需说明"),
            Self::JustificationRequired(cell) => {
                format!("`{cell}` 的说明须写明理由（1 至 2000 字）")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Declaration, PartScore};

    fn fixture() -> (Template, Round) {
        let t: Template = toml::from_str(include_str!(
            "../../../assets/templates/gd-supplier-recognition.toml"
        ))
        .unwrap();
        let r: Round = toml::from_str(include_str!("../../../assets/demo/round.toml")).unwrap();
        (t, r)
    }

    fn score(a: &str, ind: &str, v: &str) -> PartScore {
        PartScore {
            applicant: a.into(),
            stage: "written".into(),
            indicator: ind.into(),
            value: v.parse().unwrap(),
            reason: None,
            comment: String::new(),
        }
    }

    #[test]
    fn nothing_before_the_pledge_and_the_declaration() {
        let (t, r) = fixture();
        let rev = ExpertReview::new(&t, &r, "E01").unwrap();
        let a = rev.assigned()[0].id.clone();
        let ind = t.scored_indicators("written").next().unwrap().id.clone();
        let mut part = ExpertPart {
            expert: "E01".into(),
            ..Default::default()
        };
        let s = score(&a, &ind, "8");
        assert_eq!(
            rev.check_score(false, &part, &s),
            Err(ReviewProblem::PledgeFirst)
        );
        assert_eq!(
            rev.check_score(true, &part, &s),
            Err(ReviewProblem::DeclareFirst(a.clone()))
        );
        part.declarations.push(Declaration {
            applicant: a.clone(),
            recuse: None,
            note: String::new(),
        });
        assert_eq!(rev.check_score(true, &part, &s), Ok(()));
        part.declarations[0].recuse = Some(RecusalCase::Board);
        assert_eq!(
            rev.check_score(true, &part, &s),
            Err(ReviewProblem::Recused(a))
        );
    }

    #[test]
    fn an_upheld_request_locks_the_recusal_and_other_needs_a_note() {
        let (t, r) = fixture();
        let rev = ExpertReview::new(&t, &r, "E03").unwrap();
        assert!(rev.recusal_locked("A04"));
        let mut d = Declaration {
            applicant: "A04".into(),
            recuse: None,
            note: String::new(),
        };
        assert_eq!(
            rev.check_declaration(true, &d),
            Err(ReviewProblem::RecusalLocked("A04".into()))
        );
        d.recuse = Some(RecusalCase::Other);
        assert_eq!(
            rev.check_declaration(true, &d),
            Err(ReviewProblem::NoteRequired("A04".into()))
        );
        d.recuse = Some(RecusalCase::UpheldRequest);
        assert_eq!(rev.check_declaration(true, &d), Ok(()));
    }

    #[test]
    fn out_of_range_and_off_step_scores_are_refused_with_their_codes() {
        let (t, r) = fixture();
        let rev = ExpertReview::new(&t, &r, "E01").unwrap();
        let a = rev.assigned()[0].id.clone();
        let ind = t.scored_indicators("written").next().unwrap();
        let part = ExpertPart {
            expert: "E01".into(),
            declarations: vec![Declaration {
                applicant: a.clone(),
                recuse: None,
                note: String::new(),
            }],
            ..Default::default()
        };
        let over = (ind.max + Decimal::ONE).to_string();
        let e = rev
            .check_score(true, &part, &score(&a, &ind.id, &over))
            .unwrap_err();
        assert_eq!(e.code(), "out_of_range");
        let off = (ind.step / Decimal::TWO).to_string();
        let e = rev
            .check_score(true, &part, &score(&a, &ind.id, &off))
            .unwrap_err();
        assert_eq!(e.code(), "off_step");
    }

    #[test]
    fn signing_needs_every_declaration_and_counts_what_is_open() {
        let (t, r) = fixture();
        let rev = ExpertReview::new(&t, &r, "E01").unwrap();
        let mut part = ExpertPart {
            expert: "E01".into(),
            ..Default::default()
        };
        let all: Vec<String> = rev.assigned().iter().map(|a| a.id.clone()).collect();
        assert_eq!(
            rev.check_ready(true, &part),
            Err(ReviewProblem::MissingDeclarations(all.clone()))
        );
        for a in &all {
            part.declarations.push(Declaration {
                applicant: a.clone(),
                recuse: Some(RecusalCase::Other),
                note: "x".into(),
            });
        }
        assert_eq!(rev.check_ready(true, &part), Ok(0));
        part.declarations[0].recuse = None;
        let open = rev.check_ready(true, &part).unwrap();
        assert!(open > 0);
    }

    #[test]
    fn audit_lines_are_one_json_object_with_the_event_tag() {
        let e = AuditEntry {
            seq: 3,
            at: "2026-11-21T08:00:00Z".into(),
            event: AuditEvent::Score(score("A01", "w_basic", "8.5")),
        };
        let line = e.to_line();
        assert!(line.starts_with(r#"{"seq":3,"at":"2026-11-21T08:00:00Z","event":"score""#));
        assert!(line.contains(r#""value":"8.5""#));
        let back: AuditEntry = serde_json::from_str(&line).unwrap();
        assert_eq!(back, e);
    }
}
