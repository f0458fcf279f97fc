//! The round overview: what the first screen and `reviewdesk demo` show.

use reviewdesk_core::{Lang, Localized, RecusalRuling, StageKind};
use reviewdesk_io::LoadedRound;
use serde::Serialize;
use ts_rs::TS;

/// A text in both languages; the UI picks one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LocalizedText {
    /// Simplified Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl LocalizedText {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn => &self.zh,
            Lang::En => &self.en,
        }
    }
}

impl From<&Localized> for LocalizedText {
    fn from(l: &Localized) -> Self {
        LocalizedText {
            zh: l.zh.clone(),
            en: l.en.clone(),
        }
    }
}

/// Score or pass/fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StageKindView {
    /// Scored.
    Score,
    /// Pass or fail.
    PassFail,
}

/// The ruling on an applicant's recusal request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RulingView {
    /// Not yet ruled.
    Pending,
    /// Upheld: the expert recuses.
    Upheld,
    /// Rejected.
    Rejected,
}

/// One review stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StageRow {
    /// Stage id.
    pub id: String,
    /// Stage name.
    pub name: LocalizedText,
    /// Score or pass/fail.
    pub kind: StageKindView,
    /// Highest stage total, as an exact decimal string (empty for pass/fail).
    pub max: String,
    /// Weight in percent, as an exact decimal string (empty for pass/fail).
    pub weight: String,
}

/// One applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApplicantRow {
    /// Applicant id.
    pub id: String,
    /// Registered name.
    pub name: String,
    /// Unified social credit code.
    pub credit_code: String,
    /// Region.
    pub region: LocalizedText,
    /// Industry.
    pub industry: LocalizedText,
    /// Category names.
    pub categories: Vec<LocalizedText>,
    /// Number of materials.
    pub materials: u32,
    /// Number of experts assigned.
    pub experts: u32,
}

/// One panel member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExpertRow {
    /// Expert id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Employer.
    pub affiliation: String,
    /// Field of expertise.
    pub field: LocalizedText,
    /// True for the panel chair.
    pub chair: bool,
    /// Number of applicants assigned (0 for the chair).
    pub assigned: u32,
}

/// One applicant's request that an expert recuse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RecusalRequestRow {
    /// Applicant id.
    pub applicant: String,
    /// Applicant name.
    pub applicant_name: String,
    /// Expert id.
    pub expert: String,
    /// Expert name.
    pub expert_name: String,
    /// The applicant's reasons.
    pub reason: String,
    /// The ruling.
    pub ruling: RulingView,
}

/// Everything the first screen shows about a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RoundOverview {
    /// Round id.
    pub round_id: String,
    /// Round title.
    pub title: LocalizedText,
    /// Organizer.
    pub organizer: LocalizedText,
    /// Template id and version, e.g. `gd-supplier-recognition v1`.
    pub template: String,
    /// The program the template serves.
    pub program: LocalizedText,
    /// Stages in order.
    pub stages: Vec<StageRow>,
    /// Applicants in file order.
    pub applicants: Vec<ApplicantRow>,
    /// The chair first, then the experts.
    pub panel: Vec<ExpertRow>,
    /// Applicants' recusal requests.
    pub recusal_requests: Vec<RecusalRequestRow>,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A template's stages as rows: kind, maximum and weight.
pub(crate) fn stage_rows(t: &reviewdesk_core::Template) -> Vec<StageRow> {
    t.stages
        .iter()
        .map(|s| {
            let (kind, max, weight) = match s.kind {
                StageKind::Score => (
                    StageKindView::Score,
                    s.max.to_string(),
                    s.weight.to_string(),
                ),
                StageKind::PassFail => (StageKindView::PassFail, String::new(), String::new()),
            };
            StageRow {
                id: s.id.clone(),
                name: (&s.name).into(),
                kind,
                max,
                weight,
            }
        })
        .collect()
}

impl From<&LoadedRound> for RoundOverview {
    fn from(l: &LoadedRound) -> Self {
        let (r, t) = (&l.round, &l.template);
        let stages = stage_rows(t);
        let applicants = r
            .applicants
            .iter()
            .map(|a| ApplicantRow {
                id: a.id.clone(),
                name: a.name.clone(),
                credit_code: a.credit_code.to_string(),
                region: (&a.region).into(),
                industry: (&a.industry).into(),
                categories: a
                    .categories
                    .iter()
                    .filter_map(|c| t.category(c))
                    .map(|c| (&c.name).into())
                    .collect(),
                materials: count(r.materials.iter().filter(|m| m.applicant == a.id).count()),
                experts: count(r.experts_for(&a.id).len()),
            })
            .collect();
        let member = |e: &reviewdesk_core::Expert, chair: bool| ExpertRow {
            id: e.id.clone(),
            name: e.name.clone(),
            affiliation: e.affiliation.clone(),
            field: (&e.field).into(),
            chair,
            assigned: if chair {
                0
            } else {
                count(
                    r.applicants
                        .iter()
                        .filter(|a| r.is_assigned(&e.id, &a.id))
                        .count(),
                )
            },
        };
        // A new round's panel is not named yet: no rows (not an empty chair).
        let named = (!r.panel.is_unnamed()).then_some(&r.panel);
        let panel = named
            .into_iter()
            .flat_map(|p| {
                std::iter::once(member(&p.chair, true))
                    .chain(p.experts.iter().map(|e| member(e, false)))
            })
            .collect();
        let recusal_requests = r
            .recusal_requests
            .iter()
            .map(|q| RecusalRequestRow {
                applicant: q.applicant.clone(),
                applicant_name: r
                    .applicant(&q.applicant)
                    .map(|a| a.name.clone())
                    .unwrap_or_default(),
                expert: q.expert.clone(),
                expert_name: r
                    .expert(&q.expert)
                    .map(|e| e.name.clone())
                    .unwrap_or_default(),
                reason: q.reason.clone(),
                ruling: match q.ruling {
                    RecusalRuling::Pending => RulingView::Pending,
                    RecusalRuling::Upheld => RulingView::Upheld,
                    RecusalRuling::Rejected => RulingView::Rejected,
                },
            })
            .collect();
        RoundOverview {
            round_id: r.id.clone(),
            title: (&r.program.title).into(),
            organizer: (&r.program.organizer).into(),
            template: format!("{} v{}", t.id, t.version),
            program: (&t.program).into(),
            stages,
            applicants,
            panel,
            recusal_requests,
        }
    }
}
