//! The organizer desk's views: the round folder open for authoring, and the preview
//! of an applicant spreadsheet import (the columns used, every problem by row and
//! column, what the merge would do) before anything is written.

use std::collections::BTreeMap;

use reviewdesk_core::applicants::{column_letter, Field, RowProblem, RowProblemKind};
use reviewdesk_core::{Blocker, MaterialFreshness};
use reviewdesk_io::{sealing_blockers, ApplicantImport, LoadedRound};
use serde::Serialize;
use ts_rs::TS;

use crate::RoundOverview;

/// The round folder open at the organizer desk.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OrganizerView {
    /// The round folder.
    pub dir: String,
    /// What the round holds now.
    pub overview: RoundOverview,
    /// What would block sealing it now (封装前检查); empty: it can be sealed.
    pub blockers: Vec<BlockerView>,
    /// Pairs (applicant, expert) fixed by hand for the assignment (指定).
    pub assignment_pins: Vec<(String, String)>,
    /// Pairs (applicant, expert) forbidden by hand (排除).
    pub assignment_bans: Vec<(String, String)>,
}

impl OrganizerView {
    /// The view of a loaded round, with its sealing check.
    pub fn new(loaded: &LoadedRound) -> Self {
        OrganizerView {
            dir: loaded.dir.display().to_string(),
            overview: RoundOverview::from(loaded),
            blockers: sealing_blockers(loaded)
                .iter()
                .map(BlockerView::from)
                .collect(),
            assignment_pins: pairs(&loaded.round.assignment_pins),
            assignment_bans: pairs(&loaded.round.assignment_bans),
        }
    }
}

fn pairs(list: &[reviewdesk_core::Assignment]) -> Vec<(String, String)> {
    list.iter()
        .map(|a| (a.applicant.clone(), a.expert.clone()))
        .collect()
}

/// What blocks sealing: the UI words it from the code and the params.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BlockerCode {
    /// A material issued too long before the application deadline (params:
    /// `material`, `applicant`, `issued`, `earliest`, `months`).
    Stale,
    /// A material a freshness rule applies to has no date of issue (params:
    /// `material`, `applicant`, `months`).
    Undated,
    /// The round has no application deadline to count freshness from (params:
    /// `material`, `applicant`, `months`).
    NoDeadline,
    /// A material of a kind the template does not allow (params: `material`, `kind`).
    KindNotAllowed,
    /// An applicant lacks a required kind (params: `applicant`, `kind`).
    MissingRequired,
    /// A recusal request not ruled on (params: `applicant`, `expert`).
    PendingRecusal,
    /// A panel member without a key card (params: `person`).
    MissingCard,
    /// No panel named yet (no params).
    NoPanel,
    /// An applicant's eligibility check not finished (params: `applicant`,
    /// `missing`: the checklist items not recorded, comma-separated).
    EligibilityUnchecked,
    /// Fewer experts than the quorum (params: `applicant`, `experts`, `quorum`).
    BelowQuorum,
}

/// One thing that blocks sealing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BlockerView {
    /// What.
    pub code: BlockerCode,
    /// The facts the UI's sentence needs (see [`BlockerCode`]).
    pub params: BTreeMap<String, String>,
}

impl From<&Blocker> for BlockerView {
    fn from(b: &Blocker) -> Self {
        use MaterialFreshness as F;
        let mut params = BTreeMap::new();
        let mut put = |k: &str, v: String| {
            params.insert(k.to_owned(), v);
        };
        let code = match b {
            Blocker::StaleMaterial {
                material,
                applicant,
                freshness,
            } => {
                put("material", material.clone());
                put("applicant", applicant.clone());
                match freshness {
                    F::Stale {
                        issued,
                        earliest,
                        max_age_months,
                    } => {
                        put("issued", issued.to_string());
                        put("earliest", earliest.to_string());
                        put("months", max_age_months.to_string());
                        BlockerCode::Stale
                    }
                    F::Undated { max_age_months } => {
                        put("months", max_age_months.to_string());
                        BlockerCode::Undated
                    }
                    F::NoDeadline { max_age_months } => {
                        put("months", max_age_months.to_string());
                        BlockerCode::NoDeadline
                    }
                    // `check_sealing` reports only what needs a reason; a fresh or
                    // ruleless material would be stale for want of a reason.
                    F::NoRule | F::Fresh => BlockerCode::Stale,
                }
            }
            Blocker::KindNotAllowed { material, kind } => {
                put("material", material.clone());
                put("kind", crate::desk::json_str(kind));
                BlockerCode::KindNotAllowed
            }
            Blocker::MissingRequired { applicant, kind } => {
                put("applicant", applicant.clone());
                put("kind", crate::desk::json_str(kind));
                BlockerCode::MissingRequired
            }
            Blocker::PendingRecusal { applicant, expert } => {
                put("applicant", applicant.clone());
                put("expert", expert.clone());
                BlockerCode::PendingRecusal
            }
            Blocker::NoPanel => BlockerCode::NoPanel,
            Blocker::MissingCard { person } => {
                put("person", person.clone());
                BlockerCode::MissingCard
            }
            Blocker::EligibilityUnchecked { applicant, missing } => {
                put("applicant", applicant.clone());
                put("missing", missing.join(", "));
                BlockerCode::EligibilityUnchecked
            }
            Blocker::BelowQuorum {
                applicant,
                experts,
                quorum,
            } => {
                put("applicant", applicant.clone());
                put("experts", experts.to_string());
                put("quorum", quorum.to_string());
                BlockerCode::BelowQuorum
            }
        };
        BlockerView { code, params }
    }
}

/// Why a file of a materials folder was not taken: the UI words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileProblemCode {
    /// Not a PDF or an image by its bytes (an error: convert it to PDF).
    NotPdfOrImage,
    /// Too large (an error).
    TooLarge,
    /// Names no applicant (a warning: left out).
    Unmatched,
    /// The same content as another file (a warning; params: `kept`).
    DuplicateContent,
    /// Two files would get the same name (an error; params: `name`).
    NameClash,
}

/// A file not taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FileProblemView {
    /// Its path inside the folder.
    pub file: String,
    /// Why.
    pub code: FileProblemCode,
    /// True for a warning (the file is left out, the rest imports).
    pub warning: bool,
    /// The facts the UI's sentence needs.
    pub params: BTreeMap<String, String>,
}

/// A file taken: the material it becomes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AcceptedFileView {
    /// Its path inside the folder.
    pub file: String,
    /// The material id.
    pub material: String,
    /// The applicant id.
    pub applicant: String,
    /// The kind (`test_report` …).
    pub kind: String,
    /// Its date of issue, when the name gives one.
    pub issued: Option<String>,
    /// True when it updates a material already in the round.
    pub existing: bool,
}

/// What importing a folder of materials would do, before anything is copied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MaterialPlanView {
    /// The folder.
    pub folder: String,
    /// The files taken.
    pub accepted: Vec<AcceptedFileView>,
    /// The files not taken, and why.
    pub problems: Vec<FileProblemView>,
    /// Per applicant, the required kinds it would still lack.
    pub missing: Vec<(String, Vec<String>)>,
    /// True when there is no error: the import can be written.
    pub importable: bool,
}

impl From<&reviewdesk_io::MaterialImport> for MaterialPlanView {
    fn from(m: &reviewdesk_io::MaterialImport) -> Self {
        use reviewdesk_core::FileProblemKind as K;
        let problems = m
            .plan
            .problems
            .iter()
            .map(|p| {
                let mut params = BTreeMap::new();
                let code = match &p.kind {
                    K::NotPdfOrImage => FileProblemCode::NotPdfOrImage,
                    K::TooLarge => FileProblemCode::TooLarge,
                    K::Unmatched => FileProblemCode::Unmatched,
                    K::DuplicateContent { kept } => {
                        params.insert("kept".to_owned(), kept.clone());
                        FileProblemCode::DuplicateContent
                    }
                    K::NameClash { name } => {
                        params.insert("name".to_owned(), name.clone());
                        FileProblemCode::NameClash
                    }
                };
                FileProblemView {
                    file: p.path.clone(),
                    code,
                    warning: p.is_warning(),
                    params,
                }
            })
            .collect();
        MaterialPlanView {
            folder: m.folder.display().to_string(),
            accepted: m
                .plan
                .accepted
                .iter()
                .map(|a| AcceptedFileView {
                    file: a.path.clone(),
                    material: a.material.id.clone(),
                    applicant: a.material.applicant.clone(),
                    kind: crate::desk::json_str(&a.material.kind),
                    issued: a.material.issued.map(|d| d.to_string()),
                    existing: a.existing,
                })
                .collect(),
            problems,
            missing: m
                .plan
                .missing
                .iter()
                .map(|(a, kinds)| (a.clone(), kinds.iter().map(crate::desk::json_str).collect()))
                .collect(),
            importable: m.round_toml.is_some(),
        }
    }
}

/// A materials import as done: the plan it followed, whether it was written, and
/// the round afterwards.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MaterialImportView {
    /// What the import found and did.
    pub plan: MaterialPlanView,
    /// True when the files were copied and `round.toml` written.
    pub written: bool,
    /// The round as it is now.
    pub organizer: OrganizerView,
}

/// A built-in template, as the new-round screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplateView {
    /// Its id.
    pub id: String,
    /// Its version.
    pub version: u32,
    /// The program it belongs to.
    pub program: crate::LocalizedText,
    /// The stages, with their kind, maximum and weight.
    pub stages: Vec<crate::StageRow>,
    /// The categories applicants apply in.
    pub categories: Vec<crate::LocalizedText>,
    /// Experts needed per applicant and stage.
    pub quorum: u32,
}

impl From<&reviewdesk_core::Template> for TemplateView {
    fn from(t: &reviewdesk_core::Template) -> Self {
        TemplateView {
            id: t.id.clone(),
            version: t.version,
            program: (&t.program).into(),
            stages: crate::overview::stage_rows(t),
            categories: t.categories.iter().map(|c| (&c.name).into()).collect(),
            quorum: t.quorum,
        }
    }
}

/// An applicant import as done: the plan it followed, whether `round.toml` was
/// written (only without errors), and the round afterwards.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ApplicantImportView {
    /// What the import found and did.
    pub plan: ApplicantPlanView,
    /// True when `round.toml` was written.
    pub written: bool,
    /// The round as it is now.
    pub organizer: OrganizerView,
}

/// A column of the applicant spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SheetFieldView {
    /// 单位名称.
    Name,
    /// 统一社会信用代码.
    CreditCode,
    /// 所属地市.
    Region,
    /// The region in English.
    RegionEn,
    /// 所属行业.
    Industry,
    /// The industry in English.
    IndustryEn,
    /// 申报类别.
    Categories,
    /// 联系人.
    Contact,
}

impl From<Field> for SheetFieldView {
    fn from(f: Field) -> Self {
        match f {
            Field::Name => SheetFieldView::Name,
            Field::CreditCode => SheetFieldView::CreditCode,
            Field::Region => SheetFieldView::Region,
            Field::RegionEn => SheetFieldView::RegionEn,
            Field::Industry => SheetFieldView::Industry,
            Field::IndustryEn => SheetFieldView::IndustryEn,
            Field::Categories => SheetFieldView::Categories,
            Field::Contact => SheetFieldView::Contact,
        }
    }
}

/// What is wrong with a row: the UI words it from the code and the params.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RowProblemCode {
    /// The header lacks required columns (params: `fields`).
    MissingColumns,
    /// No data row under the header.
    NoRows,
    /// A required cell is empty (params: `field`).
    Empty,
    /// The credit code is a number: digits lost (params: `value`).
    CreditCodeAsNumber,
    /// Not a credit code (params: `value`).
    BadCreditCode,
    /// The check character fails (a warning; params: `found`, `expected`).
    CheckCharacter,
    /// The same credit code as an earlier row (params: `first_row`).
    DuplicateCreditCode,
    /// An unknown category (params: `value`).
    UnknownCategory,
    /// More categories than allowed (params: `found`, `max`).
    TooManyCategories,
    /// More industries than allowed (params: `found`, `max`).
    TooManyIndustries,
    /// 全行业 with particular industries.
    AllIndustriesWithOthers,
}

/// One problem of the sheet, where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RowProblemView {
    /// The row as the user sees it (from 1).
    pub row: u32,
    /// The column letter (`C`), when one cell is at fault.
    pub column: Option<String>,
    /// What is wrong.
    pub code: RowProblemCode,
    /// True for a warning (the row still imports).
    pub warning: bool,
    /// The facts the UI's sentence needs (see [`RowProblemCode`]).
    pub params: BTreeMap<String, String>,
}

impl From<&RowProblem> for RowProblemView {
    fn from(p: &RowProblem) -> Self {
        use RowProblemKind as K;
        let mut params = BTreeMap::new();
        let mut put = |k: &str, v: String| {
            params.insert(k.to_owned(), v);
        };
        let code = match &p.kind {
            K::MissingColumns(fields) => {
                let names: Vec<String> = fields
                    .iter()
                    .map(|f| crate::desk::json_str(&SheetFieldView::from(*f)))
                    .collect();
                put("fields", names.join(","));
                RowProblemCode::MissingColumns
            }
            K::NoRows => RowProblemCode::NoRows,
            K::Empty(f) => {
                put("field", crate::desk::json_str(&SheetFieldView::from(*f)));
                RowProblemCode::Empty
            }
            K::CreditCodeAsNumber(v) => {
                put("value", v.clone());
                RowProblemCode::CreditCodeAsNumber
            }
            K::BadCreditCode(e) => {
                put("value", e.to_string());
                RowProblemCode::BadCreditCode
            }
            K::CheckCharacter { found, expected } => {
                put("found", found.to_string());
                put("expected", expected.to_string());
                RowProblemCode::CheckCharacter
            }
            K::DuplicateCreditCode { first_row } => {
                put("first_row", first_row.to_string());
                RowProblemCode::DuplicateCreditCode
            }
            K::UnknownCategory(v) => {
                put("value", v.clone());
                RowProblemCode::UnknownCategory
            }
            K::TooManyCategories { found, max } => {
                put("found", found.to_string());
                put("max", max.to_string());
                RowProblemCode::TooManyCategories
            }
            K::TooManyIndustries { found, max } => {
                put("found", found.to_string());
                put("max", max.to_string());
                RowProblemCode::TooManyIndustries
            }
            K::AllIndustriesWithOthers => RowProblemCode::AllIndustriesWithOthers,
        };
        RowProblemView {
            row: u32::try_from(p.row).unwrap_or(u32::MAX),
            column: p.column.map(column_letter),
            code,
            warning: p.is_warning(),
            params,
        }
    }
}

/// A mapped column of the sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MappedColumnView {
    /// The field.
    pub field: SheetFieldView,
    /// Its column letter.
    pub column: String,
    /// The header text found there.
    pub header: String,
}

/// What importing a spreadsheet would do, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApplicantPlanView {
    /// The spreadsheet.
    pub file: String,
    /// The sheet read.
    pub sheet: String,
    /// The header row (from 1).
    pub header_row: u32,
    /// The columns used.
    pub columns: Vec<MappedColumnView>,
    /// Columns with a header no field claims: letter and header.
    pub ignored: Vec<(String, String)>,
    /// Applicants read from rows without errors.
    pub rows: u32,
    /// Every problem, in row order.
    pub problems: Vec<RowProblemView>,
    /// Names of the applicants that would be added.
    pub added: Vec<String>,
    /// Ids of the applicants that would change.
    pub updated: Vec<String>,
    /// How many would stay as they are.
    pub unchanged: u32,
    /// True when there is no error: the import can be written.
    pub importable: bool,
    /// The register's flags on these applicants today (banned, revoked, already
    /// a member), for the programs the round's template feeds; empty without a
    /// register.
    pub register_flags: Vec<crate::RegisterFlagView>,
}

impl ApplicantPlanView {
    /// The view of a planned import of `file`.
    pub fn new(file: &std::path::Path, plan: &ApplicantImport) -> Self {
        let m = &plan.mapping;
        let columns = m
            .columns
            .iter()
            .zip(&m.headers)
            .map(|((f, c), h)| MappedColumnView {
                field: (*f).into(),
                column: column_letter(*c),
                header: h.clone(),
            })
            .collect();
        let (added, updated, unchanged) = match &plan.merge {
            Some(merge) => (
                merge
                    .applicants
                    .iter()
                    .filter(|a| merge.added.contains(&a.id))
                    .map(|a| a.name.clone())
                    .collect(),
                merge.updated.clone(),
                u32::try_from(merge.unchanged.len()).unwrap_or(u32::MAX),
            ),
            None => (Vec::new(), Vec::new(), 0),
        };
        ApplicantPlanView {
            file: file.display().to_string(),
            sheet: plan.sheet.clone(),
            header_row: u32::try_from(m.header_row).unwrap_or(u32::MAX),
            columns,
            ignored: m
                .ignored
                .iter()
                .map(|(c, h)| (column_letter(*c), h.clone()))
                .collect(),
            rows: u32::try_from(plan.checked.applicants.len()).unwrap_or(u32::MAX),
            problems: plan
                .checked
                .problems
                .iter()
                .map(RowProblemView::from)
                .collect(),
            added,
            updated,
            unchanged,
            importable: plan.round_toml.is_some(),
            register_flags: Vec::new(),
        }
    }
}

/// The organizer's assignment settings (专家分配设置), as the form sends them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
pub struct AssignRequestView {
    /// Experts per applicant; `None`: the template's quorum.
    pub per_applicant: Option<u32>,
    /// The most applicants one expert reviews; `None`: no limit.
    pub max_load: Option<u32>,
    /// The seed; `None`: the round's recorded seed, else 0.
    #[ts(type = "number | null")]
    pub seed: Option<u64>,
    /// Pairs (applicant, expert) fixed by hand; they replace the recorded ones.
    pub pins: Vec<(String, String)>,
    /// Pairs (applicant, expert) forbidden by hand; they replace the recorded ones.
    pub bans: Vec<(String, String)>,
}

/// One applicant's experts in a planned assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AssignedPanelView {
    /// Applicant id.
    pub applicant: String,
    /// Its name.
    pub name: String,
    /// The experts' ids, sorted.
    pub experts: Vec<String>,
}

/// What an assignment is short of (the UI words it): for `applicant` (in
/// `categories`), `missing` experts of `kind` (`None`: of any kind), of `eligible`
/// who could review it before load limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ShortageView {
    /// Applicant id.
    pub applicant: String,
    /// Its categories' names (the id where the template has no such category).
    pub categories: Vec<crate::LocalizedText>,
    /// `technical` / `industry` / `finance`, or `None` for any kind.
    pub kind: Option<String>,
    /// How many are missing.
    pub missing: u32,
    /// How many could review it (not conflicted, recused or banned; one per employer).
    pub eligible: u32,
}

impl ShortageView {
    /// The view of a shortage, its categories named by the round's template.
    pub fn new(
        s: &reviewdesk_core::assign::Shortage,
        template: &reviewdesk_core::Template,
    ) -> Self {
        ShortageView {
            applicant: s.applicant.clone(),
            categories: s
                .categories
                .iter()
                .map(|c| match template.category(c) {
                    Some(cat) => crate::LocalizedText::from(&cat.name),
                    None => crate::LocalizedText {
                        zh: c.clone(),
                        en: c.clone(),
                    },
                })
                .collect(),
            kind: s
                .kind
                .map(|k| k.label(reviewdesk_core::Lang::En).to_owned()),
            missing: s.missing,
            eligible: s.eligible,
        }
    }
}

/// An assignment planned (a dry run) or applied: every applicant's experts, the
/// change against the round's current assignment, each expert's load; or, when no
/// assignment meets every constraint, what is short (then nothing else is filled).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AssignmentPlanView {
    /// The seed used (recorded in `round.toml` when applied).
    #[ts(type = "number")]
    pub seed: u64,
    /// The day conflicts of interest were judged on.
    pub as_of: String,
    /// Conflicts of interest found and avoided (expert, applicant).
    pub conflicts: Vec<(String, String)>,
    /// Upheld recusals avoided (expert, applicant).
    pub recusals: Vec<(String, String)>,
    /// Pairs fixed by hand (applicant, expert).
    pub pins: Vec<(String, String)>,
    /// Pairs forbidden by hand (applicant, expert).
    pub bans: Vec<(String, String)>,
    /// Per applicant, in the round's order.
    pub panels: Vec<AssignedPanelView>,
    /// How many applicants each expert reviews.
    pub loads: Vec<(String, u32)>,
    /// Pairs (applicant, expert) the plan adds.
    pub added: Vec<(String, String)>,
    /// Pairs the plan removes.
    pub removed: Vec<(String, String)>,
    /// Pairs that stay.
    pub kept: u32,
    /// Empty unless no assignment exists.
    pub shortages: Vec<ShortageView>,
    /// The settings refused before any assignment was tried (a pin against a
    /// conflict …), in both languages; empty otherwise.
    pub refused: Vec<crate::LocalizedText>,
    /// True when it was written into `round.toml`.
    pub written: bool,
    /// The round as its folder holds it now.
    pub organizer: OrganizerView,
}

impl AssignmentPlanView {
    /// The view of settings refused before any assignment was tried.
    pub fn refused(
        seed: u64,
        problems: &[reviewdesk_core::assign::InputProblem],
        template: &reviewdesk_core::Template,
        organizer: OrganizerView,
    ) -> Self {
        use reviewdesk_core::Lang;
        let mut v = Self::short(seed, &[], template, organizer);
        v.refused = problems
            .iter()
            .map(|p| crate::LocalizedText {
                zh: p.message(Lang::ZhCn),
                en: p.message(Lang::En),
            })
            .collect();
        v
    }

    /// The view of a planned assignment edit.
    pub fn new(
        loaded: &LoadedRound,
        edit: &reviewdesk_io::AssignmentEdit,
        written: bool,
        organizer: OrganizerView,
    ) -> Self {
        let pair = |p: &reviewdesk_core::assign::Pair| (p.expert.clone(), p.applicant.clone());
        let name = |id: &str| {
            loaded
                .round
                .applicants
                .iter()
                .find(|a| a.id == id)
                .map_or_else(String::new, |a| a.name.clone())
        };
        AssignmentPlanView {
            seed: edit.plan.seed,
            as_of: edit.as_of.to_string(),
            conflicts: edit.input.conflicts.iter().map(pair).collect(),
            recusals: edit.input.recusals.iter().map(pair).collect(),
            pins: edit
                .input
                .pins
                .iter()
                .map(|p| (p.applicant.clone(), p.expert.clone()))
                .collect(),
            bans: edit
                .input
                .bans
                .iter()
                .map(|p| (p.applicant.clone(), p.expert.clone()))
                .collect(),
            panels: edit
                .plan
                .panels
                .iter()
                .map(|p| AssignedPanelView {
                    applicant: p.applicant.clone(),
                    name: name(&p.applicant),
                    experts: p.experts.clone(),
                })
                .collect(),
            loads: edit.plan.loads().into_iter().collect(),
            added: edit
                .diff
                .added
                .iter()
                .map(|p| (p.applicant.clone(), p.expert.clone()))
                .collect(),
            removed: edit
                .diff
                .removed
                .iter()
                .map(|p| (p.applicant.clone(), p.expert.clone()))
                .collect(),
            kept: u32::try_from(edit.diff.kept).unwrap_or(u32::MAX),
            shortages: Vec::new(),
            refused: Vec::new(),
            written,
            organizer,
        }
    }

    /// The view of an assignment that cannot be made: what is short.
    pub fn short(
        seed: u64,
        shortages: &[reviewdesk_core::assign::Shortage],
        template: &reviewdesk_core::Template,
        organizer: OrganizerView,
    ) -> Self {
        AssignmentPlanView {
            seed,
            as_of: String::new(),
            conflicts: Vec::new(),
            recusals: Vec::new(),
            pins: Vec::new(),
            bans: Vec::new(),
            panels: Vec::new(),
            loads: Vec::new(),
            added: Vec::new(),
            removed: Vec::new(),
            kept: 0,
            shortages: shortages
                .iter()
                .map(|x| ShortageView::new(x, template))
                .collect(),
            refused: Vec::new(),
            written: false,
            organizer,
        }
    }
}

/// One file of the hand-out list (分发清单).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HandOutLineView {
    /// Person id.
    pub person: String,
    /// Name on their key card.
    pub name: String,
    /// True for the chair (who gets the whole round).
    pub chair: bool,
    /// The file, relative to the output folder.
    pub file: String,
    /// The person's key fingerprint.
    pub fingerprint: String,
    /// The package id.
    pub package: String,
    /// SHA-256 of the package's signed manifest.
    pub manifest_sha256: String,
    /// Size in bytes.
    #[ts(type = "number")]
    pub size: u64,
}

/// A sealed round: where the packages are and who gets which.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HandOutView {
    /// The output folder.
    pub dir: String,
    /// The printable hand-out list (PDF) and its CSV.
    pub pdf: String,
    /// The CSV.
    pub csv: String,
    /// The organizer's fingerprint.
    pub organizer: String,
    /// One line per file, chair first.
    pub lines: Vec<HandOutLineView>,
}

impl From<&reviewdesk_desk::HandOut> for HandOutView {
    fn from(h: &reviewdesk_desk::HandOut) -> Self {
        HandOutView {
            dir: h.dir.display().to_string(),
            pdf: h
                .dir
                .join(reviewdesk_desk::HANDOUT_PDF)
                .display()
                .to_string(),
            csv: h
                .dir
                .join(reviewdesk_desk::HANDOUT_CSV)
                .display()
                .to_string(),
            organizer: h.organizer.clone(),
            lines: h
                .lines
                .iter()
                .map(|l| HandOutLineView {
                    person: l.person.clone(),
                    name: l.name.clone(),
                    chair: l.role == reviewdesk_formats::Role::Chair,
                    file: l.file.clone(),
                    fingerprint: l.fingerprint.clone(),
                    package: l.package.clone(),
                    manifest_sha256: l.manifest_sha256.clone(),
                    size: l.size,
                })
                .collect(),
        }
    }
}

/// The new-round form (新建评审批次) as the UI sends it; dates `YYYY-MM-DD` or empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
pub struct NewRoundView {
    /// A built-in template's id.
    pub template: String,
    /// The round's title.
    pub title: String,
    /// Who runs it; empty: to be filled in.
    pub organizer: String,
    /// The last day sheets are accepted (评分截止日).
    pub deadline: String,
    /// The last day applications were accepted (申报截止日).
    pub application_deadline: String,
}

#[cfg(test)]
mod eligibility_tests {
    use super::*;

    #[test]
    fn an_unfinished_eligibility_check_crosses_with_the_missing_items() {
        let b = Blocker::EligibilityUnchecked {
            applicant: "A06".into(),
            missing: vec!["legal_entity".into(), "own_ip".into()],
        };
        let v = BlockerView::from(&b);
        assert_eq!(v.code, BlockerCode::EligibilityUnchecked);
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"code":"eligibility_unchecked","params":{"applicant":"A06","missing":"legal_entity, own_ip"}}"#
        );
    }
}
