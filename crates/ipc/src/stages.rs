//! The organizer's steps after an interim bundle, as the desk shows them: the
//! advance list of a closed stage (进入下一环节名单), the next package revision
//! sealed for those who go on or for the drawn sample, and a substitute expert.

use reviewdesk_core::{Advance, Round};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{HandOutView, LocalizedText};

/// One applicant on an advance list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AdvanceRowView {
    /// Applicant id.
    pub applicant: String,
    /// Its name.
    pub name: String,
    /// Its region (所属地市).
    pub region: LocalizedText,
    /// The closed stage's aggregate, when it has one.
    pub aggregate: Option<String>,
    /// `advances`, `failed_gate`, `vetoed`, `failed_stage`, `short_of_quorum`,
    /// `not_in_stage`.
    pub outcome: String,
}

/// The gate's result of an interim bundle: who goes on to the next stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AdvanceView {
    /// The round.
    pub round: String,
    /// The stage closed (id).
    pub closed: String,
    /// The stage it opens (id).
    pub next: String,
    /// The closed stage's gate, if it has one.
    pub gate: Option<String>,
    /// Every applicant reviewed, in the round's order.
    pub rows: Vec<AdvanceRowView>,
    /// How many go on.
    pub advancing: u32,
    /// Applicants short of quorum: the stage cannot be closed until a substitute
    /// expert has scored them.
    pub short: Vec<String>,
    /// SHA-256 of the bundle the list rests on.
    pub bundle_sha256: String,
}

impl AdvanceView {
    /// The view of `advance` for `round` (names and regions from it).
    pub fn new(advance: &Advance, round: &Round, bundle_sha256: &str) -> Self {
        let rows = advance
            .rows
            .iter()
            .map(|r| {
                let a = round.applicants.iter().find(|a| a.id == r.applicant);
                AdvanceRowView {
                    applicant: r.applicant.clone(),
                    name: a.map(|a| a.name.clone()).unwrap_or_default(),
                    region: a.map_or_else(
                        || LocalizedText {
                            zh: String::new(),
                            en: String::new(),
                        },
                        |a| LocalizedText::from(&a.region),
                    ),
                    aggregate: r.aggregate.map(|d| d.to_string()),
                    outcome: r.outcome.code().into(),
                }
            })
            .collect();
        AdvanceView {
            round: advance.round.clone(),
            closed: advance.closed.clone(),
            next: advance.next.clone(),
            gate: advance.gate.map(|d| d.to_string()),
            rows,
            advancing: advance.advancing().len() as u32,
            short: advance.short(),
            bundle_sha256: bundle_sha256.into(),
        }
    }
}

/// The next package revision sealed, with the advance list written beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StageSealedView {
    /// The package revision sealed.
    pub revision: u32,
    /// The packages and the hand-out list.
    pub handout: HandOutView,
    /// Other files written (the advance list's PDF and CSV), as paths.
    pub files: Vec<String>,
}

/// A substitute expert as the organizer enters them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SubstituteInputView {
    /// The substitute's key card (path chosen in a dialog).
    pub card: String,
    /// The applicants the substitute reviews.
    pub applicants: Vec<String>,
    /// Employer (工作单位).
    pub affiliation: String,
    /// The employer's credit code (empty: not known).
    pub affiliation_code: String,
    /// Field of expertise in Chinese.
    pub field_zh: String,
    /// Field of expertise in English.
    pub field_en: String,
    /// The whole package handed out last (path chosen in a dialog).
    pub previous: String,
}

/// A substitute added: their id and the packages sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SubstitutedView {
    /// The substitute's id in the round (`E06`).
    pub expert: String,
    /// The package revision sealed.
    pub revision: u32,
    /// The substitute's package and the whole one, with the hand-out list.
    pub handout: HandOutView,
}
