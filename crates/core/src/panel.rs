//! The panel from an expert list and key cards (评审专家名单导入): the column
//! mapping, the row checks, the join of rows with key cards by name, and the merge
//! into the round's panel with stable ids.
//!
//! Pure functions over cells the shell has read (the same [`Sheet`] as the
//! applicant import) and over the facts of key cards the shell has verified
//! ([`CardFacts`]). The headers, the cell syntax and the rules are specified in
//! `docs/formats.md` ("Expert list").

use crate::applicants::{normalize_header, Cell, CodeCell, Sheet};
use crate::assign::{normalize_org_name, ExpertKind};
use crate::calendar::Date;
use crate::credit_code::{CreditCode, CreditCodeError};
use crate::round::{Assignment, Expert, FormerAffiliation, Panel, Round};
use crate::text::Localized;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// What a column of the expert list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpertField {
    /// 姓名 (required): joined with the key card's name.
    Name,
    /// 工作单位 (required).
    Affiliation,
    /// 单位统一社会信用代码 (optional).
    AffiliationCreditCode,
    /// 专家类别: 技术 / 行业 / 财务 (optional).
    Kind,
    /// 专业领域 (required).
    Field,
    /// The field in English (optional; else the Chinese text is kept for both).
    FieldEn,
    /// 角色 (组长 / 专家) or 是否组长 (是 / 否): marks the chair.
    Role,
    /// 近三年曾任职单位: `名称 [统一社会信用代码] 离职日期`, several separated by `；`.
    FormerEmployers,
    /// 离职日期: the date for former employers written without one.
    FormerUntil,
}

impl ExpertField {
    /// Every field, in the order a mapping lists them.
    pub const ALL: [ExpertField; 9] = [
        ExpertField::Name,
        ExpertField::Affiliation,
        ExpertField::AffiliationCreditCode,
        ExpertField::Kind,
        ExpertField::Field,
        ExpertField::FieldEn,
        ExpertField::Role,
        ExpertField::FormerEmployers,
        ExpertField::FormerUntil,
    ];

    /// The fields a list must have.
    pub const REQUIRED: [ExpertField; 3] = [
        ExpertField::Name,
        ExpertField::Affiliation,
        ExpertField::Field,
    ];

    /// The normalised headers that mean this field.
    fn headers(self) -> &'static [&'static str] {
        match self {
            ExpertField::Name => &["姓名", "专家姓名", "名字", "name", "expertname", "fullname"],
            ExpertField::Affiliation => &[
                "工作单位",
                "现工作单位",
                "所在单位",
                "任职单位",
                "单位",
                "单位名称",
                "employer",
                "affiliation",
                "organization",
                "organisation",
            ],
            ExpertField::AffiliationCreditCode => &[
                "单位统一社会信用代码",
                "工作单位统一社会信用代码",
                "统一社会信用代码",
                "单位信用代码",
                "社会信用代码",
                "信用代码",
                "creditcode",
                "employercreditcode",
                "affiliationcreditcode",
                "uscc",
            ],
            ExpertField::Kind => &[
                "专家类别",
                "专家类型",
                "类别",
                "类型",
                "kind",
                "type",
                "expertkind",
                "experttype",
            ],
            ExpertField::Field => &[
                "专业领域",
                "领域",
                "专业",
                "专业方向",
                "研究方向",
                "擅长领域",
                "field",
                "expertise",
                "specialty",
                "speciality",
            ],
            ExpertField::Role => &[
                "角色",
                "是否组长",
                "组长",
                "职务",
                "role",
                "chair",
                "ischair",
            ],
            ExpertField::FormerEmployers => &[
                "近三年曾任职单位",
                "曾任职单位",
                "原工作单位",
                "原单位",
                "近三年任职单位",
                "formeremployers",
                "formeremployer",
                "previousemployers",
            ],
            ExpertField::FormerUntil => &[
                "离职日期",
                "离职时间",
                "离任日期",
                "until",
                "lefton",
                "dateleft",
            ],
            ExpertField::FieldEn => &[],
        }
    }
}

fn field_of_header(header: &str) -> Option<ExpertField> {
    let h = normalize_header(header);
    if h.is_empty() {
        return None;
    }
    if let Some(f) = ExpertField::ALL
        .into_iter()
        .find(|f| f.headers().contains(&h.as_str()))
    {
        return Some(f);
    }
    ["英文", "english", "en"]
        .iter()
        .filter_map(|s| h.strip_suffix(s))
        .any(|base| ExpertField::Field.headers().contains(&base))
        .then_some(ExpertField::FieldEn)
}

impl crate::applicants::SheetField for ExpertField {
    const ALL: &'static [ExpertField] = &ExpertField::ALL;
    const REQUIRED: &'static [ExpertField] = &ExpertField::REQUIRED;
    fn of_header(header: &str) -> Option<ExpertField> {
        field_of_header(header)
    }
}

/// Which column holds which field of the expert list: the value a preview shows
/// and may override.
pub type ExpertMapping = crate::applicants::Mapping<ExpertField>;

/// The automatic mapping, found as for applicants: among the first
/// [`HEADER_SEARCH_ROWS`](crate::applicants::HEADER_SEARCH_ROWS) rows, the one naming
/// the most fields (the lowest on a tie).
pub fn detect_expert_mapping(sheet: &Sheet) -> ExpertMapping {
    crate::applicants::detect(sheet)
}

/// A key card's role, as the panel import needs it (the shell reads the card).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardRole {
    /// `role: expert`.
    Expert,
    /// `role: chair`.
    Chair,
    /// `role: organizer`.
    Organizer,
}

/// What the import needs of one verified key card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardFacts {
    /// Where it came from: the file as given, or `cards/<id>.card`.
    pub file: String,
    /// The name on the card.
    pub name: String,
    /// The role on the card.
    pub role: CardRole,
    /// The signing key's fingerprint (`SHA256:…`): equal fingerprints, same key.
    pub fingerprint: String,
}

/// A card already in the round's `cards/` folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExistingCard {
    /// The file stem (`E01` for `cards/E01.card`).
    pub person: String,
    /// The card.
    pub card: CardFacts,
}

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemPlace {
    /// A row of the list (and a column, when one cell is at fault).
    Row {
        /// The sheet's name.
        sheet: String,
        /// The row as the user sees it (from 1).
        row: usize,
        /// The column (from 0).
        column: Option<usize>,
    },
    /// A key card.
    Card {
        /// The card's file.
        file: String,
    },
    /// The round itself (a panel member other tables still name).
    Round,
}

/// A problem of a panel import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelProblem {
    /// Where.
    pub at: ProblemPlace,
    /// What.
    pub kind: PanelProblemKind,
}

impl PanelProblem {
    /// True for a warning (the import goes on), false for an error.
    pub fn is_warning(&self) -> bool {
        self.kind.is_warning()
    }
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PanelProblemKind {
    /// The header row lacks required columns.
    MissingColumns {
        /// The fields missing.
        fields: Vec<ExpertField>,
    },
    /// No data row under the header.
    NoRows,
    /// A required cell is empty.
    Empty {
        /// The field.
        field: ExpertField,
    },
    /// 专家类别 is none of 技术 / 行业 / 财务 (technical / industry / finance).
    UnknownKind {
        /// The cell's text.
        text: String,
    },
    /// The role cell is neither a chair's nor an expert's word.
    UnknownRole {
        /// The cell's text.
        text: String,
    },
    /// The credit code is a number: its digits are lost.
    CreditCodeAsNumber {
        /// As shown.
        shown: String,
    },
    /// Not a credit code.
    BadCreditCode {
        /// Why.
        error: CreditCodeError,
    },
    /// The check character fails GB 32100 (a warning).
    CheckCharacter {
        /// Found.
        found: char,
        /// Expected.
        expected: char,
    },
    /// A former employer entry that is not `名称 [代码] 日期`.
    BadFormerEmployer {
        /// The entry's text.
        entry: String,
    },
    /// The same name and employer as an earlier row.
    DuplicateExpert {
        /// The earlier row.
        first_row: usize,
    },
    /// A second chair.
    TwoChairs {
        /// The first chair's row.
        first_row: usize,
    },
    /// No row is marked as the chair (reported on the header row).
    NoChair,
    /// Only the chair: a panel needs at least one expert.
    NoExperts,
    /// A card that does not verify (the reader's code: `bad_signature`, …).
    BadCard {
        /// The reader's snake_case code.
        reason: String,
    },
    /// No row has the card's name.
    CardMatchesNoRow {
        /// The name on the card.
        name: String,
    },
    /// Several rows have the card's name.
    AmbiguousCard {
        /// The name on the card.
        name: String,
        /// The rows.
        rows: Vec<usize>,
    },
    /// The card's role does not fit its row (a chair's card for an expert …).
    CardRole {
        /// The row joined.
        row: usize,
        /// The role the row needs.
        expected: CardRole,
        /// The role on the card.
        found: CardRole,
    },
    /// A second card for one row.
    TwoCardsForRow {
        /// The row.
        row: usize,
        /// The first card's file.
        first: String,
    },
    /// The same signing key as another card.
    DuplicateKey {
        /// The other card's file.
        first: String,
    },
    /// A second organizer card.
    TwoOrganizerCards {
        /// The first one's file.
        first: String,
    },
    /// A member left off the list whom other tables still name.
    StillReferenced {
        /// The member's id.
        id: String,
        /// The member's name.
        name: String,
        /// The table naming them: `recusal_request` or `conflict_dismissal`.
        table: String,
    },
    /// A row that is new (a new id) with the name of a member who leaves: the same
    /// person with a new employer keeps their id only when their key card is given
    /// (a warning).
    SameNameAsRemoved {
        /// The leaving member's id.
        id: String,
    },
    /// A row without a key card (a warning: sealing waits for it).
    NoCard,
    /// No organizer card given nor in `cards/` (a warning: sealing needs one).
    NoOrganizerCard,
}

impl PanelProblemKind {
    /// True for a warning.
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            Self::CheckCharacter { .. }
                | Self::SameNameAsRemoved { .. }
                | Self::NoCard
                | Self::NoOrganizerCard
        )
    }

    /// A stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::MissingColumns { .. } => "missing_columns",
            Self::NoRows => "no_rows",
            Self::Empty { .. } => "empty",
            Self::UnknownKind { .. } => "unknown_kind",
            Self::UnknownRole { .. } => "unknown_role",
            Self::CreditCodeAsNumber { .. } => "credit_code_as_number",
            Self::BadCreditCode { .. } => "bad_credit_code",
            Self::CheckCharacter { .. } => "check_character",
            Self::BadFormerEmployer { .. } => "bad_former_employer",
            Self::DuplicateExpert { .. } => "duplicate_expert",
            Self::TwoChairs { .. } => "two_chairs",
            Self::NoChair => "no_chair",
            Self::NoExperts => "no_experts",
            Self::BadCard { .. } => "bad_card",
            Self::CardMatchesNoRow { .. } => "card_matches_no_row",
            Self::AmbiguousCard { .. } => "ambiguous_card",
            Self::CardRole { .. } => "card_role",
            Self::TwoCardsForRow { .. } => "two_cards_for_row",
            Self::DuplicateKey { .. } => "duplicate_key",
            Self::TwoOrganizerCards { .. } => "two_organizer_cards",
            Self::StillReferenced { .. } => "still_referenced",
            Self::SameNameAsRemoved { .. } => "same_name_as_removed",
            Self::NoCard => "no_card",
            Self::NoOrganizerCard => "no_organizer_card",
        }
    }
}

/// One panel member as a list row gives it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetExpert {
    /// The row (from 1).
    pub row: usize,
    /// 姓名.
    pub name: String,
    /// 工作单位.
    pub affiliation: String,
    /// 单位统一社会信用代码.
    pub affiliation_credit_code: Option<CreditCode>,
    /// 专家类别.
    pub kind: Option<ExpertKind>,
    /// 专业领域.
    pub field: String,
    /// The field in English.
    pub field_en: Option<String>,
    /// The chair's row.
    pub chair: bool,
    /// 近三年曾任职单位.
    pub former_employers: Vec<FormerAffiliation>,
}

/// The rows of a list, checked: the members of rows without errors, and every
/// problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedExperts {
    /// The sheet's name.
    pub sheet: String,
    /// Members, in row order.
    pub experts: Vec<SheetExpert>,
    /// Every problem, in row then column order (then the list's own: no chair).
    pub problems: Vec<PanelProblem>,
}

/// The separators between former employers in one cell.
pub const FORMER_SEPARATORS: [char; 6] = ['；', ';', '、', '|', '\n', '\r'];

fn kind_of(text: &str) -> Option<ExpertKind> {
    let t = text.trim().to_lowercase();
    let t = t.strip_suffix("专家").unwrap_or(&t);
    let t = t.strip_suffix(" expert").unwrap_or(t);
    match t {
        "技术" | "technical" | "tech" | "technology" => Some(ExpertKind::Technical),
        "行业" | "industry" => Some(ExpertKind::Industry),
        "财务" | "finance" | "financial" => Some(ExpertKind::Finance),
        _ => None,
    }
}

/// `Some(true)` for a chair's row, `Some(false)` for an expert's, `None` for a
/// word that is neither.
fn is_chair(text: &str) -> Option<bool> {
    let t = text.trim().to_lowercase();
    match t.as_str() {
        "组长" | "评审组长" | "专家组长" | "主任" | "chair" | "chairman" | "chairperson" | "是"
        | "yes" | "y" | "true" | "1" | "√" | "✓" | "✔" => Some(true),
        "" | "专家" | "评审专家" | "组员" | "成员" | "expert" | "member" | "否" | "no" | "n"
        | "false" | "0" => Some(false),
        _ => None,
    }
}

/// The last day of a month.
fn month_end(year: i32, month: u32) -> Option<Date> {
    let next = if month == 12 {
        Date::new(year + 1, 1, 1)?
    } else {
        Date::new(year, month + 1, 1)?
    };
    Some(Date::from_days(next.to_days() - 1))
}

/// A date as people write it: `2024-06-30`, `2024.6.30`, `2024/06/30`,
/// `2024年6月30日`, `2024-06-30T00:00:00`; a month alone (`2024-06`, `2024年6月`) is
/// its last day.
pub fn parse_loose_date(text: &str) -> Option<Date> {
    // An ISO date-time (an ODS date cell) or a date with a time: the date part.
    let t = text.trim().split(['T', ' ']).next().unwrap_or_default();
    let t = t.trim_end_matches('日');
    let parts: Vec<&str> = t
        .split(['-', '.', '/', '年', '月'])
        .filter(|p| !p.is_empty())
        .collect();
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => Date::new(i32::try_from(num(y)?).ok()?, num(m)?, num(d)?),
        [y, m] if y.len() == 4 => month_end(i32::try_from(num(y)?).ok()?, num(m)?),
        _ => None,
    }
}

/// A spreadsheet date serial (days since 1899-12-30) as a date.
fn date_of_serial(n: f64) -> Option<Date> {
    if !(1.0..=2_958_465.0).contains(&n) {
        return None;
    }
    let base = Date::new(1899, 12, 30)?;
    // Whole days only: the fraction is the time of day.
    let days = n.trunc() as i64;
    Some(Date::from_days(base.to_days() + days))
}

/// One former employer entry: `名称 [统一社会信用代码] 日期`, the parts separated by
/// white space or a comma; without a date, `default_until`.
fn former_entry(entry: &str, default_until: Option<Date>) -> Option<FormerAffiliation> {
    let mut tokens: Vec<&str> = entry
        .split(|c: char| c.is_whitespace() || c == ',' || c == '，')
        .filter(|t| !t.is_empty())
        .collect();
    let until = match tokens.last().and_then(|t| parse_loose_date(t)) {
        Some(d) => {
            tokens.pop();
            d
        }
        None => default_until?,
    };
    let mut credit_code = None;
    if let Some(last) = tokens.last() {
        if last.chars().count() == 18 && last.chars().all(|c| c.is_ascii_alphanumeric()) {
            credit_code = Some(
                CreditCode::parse_allowing_check(&last.to_ascii_uppercase())
                    .ok()?
                    .0,
            );
            tokens.pop();
        }
    }
    let name = tokens.join(" ");
    (!name.is_empty()).then_some(FormerAffiliation {
        name,
        credit_code,
        until,
    })
}

/// Checks every data row of `sheet` under `mapping`. Blank rows are skipped.
pub fn check_expert_sheet(sheet: &Sheet, mapping: &ExpertMapping) -> CheckedExperts {
    let mut problems = Vec::new();
    let mut experts = Vec::new();
    let at = |row: usize, column: Option<usize>| ProblemPlace::Row {
        sheet: sheet.name.clone(),
        row,
        column,
    };
    let missing = mapping.missing();
    if !missing.is_empty() {
        problems.push(PanelProblem {
            at: at(mapping.header_row, None),
            kind: PanelProblemKind::MissingColumns { fields: missing },
        });
        return CheckedExperts {
            sheet: sheet.name.clone(),
            experts,
            problems,
        };
    }
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut chair_row: Option<usize> = None;
    let mut any_row = false;
    for (r, cells) in sheet.rows.iter().enumerate().skip(mapping.header_row) {
        if cells.iter().all(Cell::is_blank) {
            continue;
        }
        any_row = true;
        let row = r + 1;
        let cell = |f: ExpertField| -> (Option<usize>, Cell) {
            match mapping.column(f) {
                Some(c) => (Some(c), cells.get(c).cloned().unwrap_or(Cell::Empty)),
                None => (None, Cell::Empty),
            }
        };
        let mut row_problems: Vec<PanelProblem> = Vec::new();
        let mut problem = |column: Option<usize>, kind| {
            row_problems.push(PanelProblem {
                at: at(row, column),
                kind,
            })
        };
        let mut required = |f: ExpertField| {
            let (c, v) = cell(f);
            let t = v.text();
            if t.is_empty() {
                problem(c, PanelProblemKind::Empty { field: f });
            }
            t
        };
        let name = required(ExpertField::Name);
        let affiliation = required(ExpertField::Affiliation);
        let field = required(ExpertField::Field);

        let (code_col, code_cell) = cell(ExpertField::AffiliationCreditCode);
        let code_text = code_cell.text();
        let mut credit_code = None;
        if !code_text.is_empty() {
            match crate::applicants::credit_code_cell(&code_cell, &code_text) {
                CodeCell::AsNumber(shown) => {
                    problem(code_col, PanelProblemKind::CreditCodeAsNumber { shown })
                }
                CodeCell::Read(Err(error)) => {
                    problem(code_col, PanelProblemKind::BadCreditCode { error })
                }
                CodeCell::Read(Ok((c, mismatch))) => {
                    if let Some(m) = mismatch {
                        problem(
                            code_col,
                            PanelProblemKind::CheckCharacter {
                                found: m.found,
                                expected: m.expected,
                            },
                        );
                    }
                    credit_code = Some(c);
                }
            }
        }

        let (kind_col, kind_cell) = cell(ExpertField::Kind);
        let kind_text = kind_cell.text();
        let kind = if kind_text.is_empty() {
            None
        } else {
            let k = kind_of(&kind_text);
            if k.is_none() {
                problem(kind_col, PanelProblemKind::UnknownKind { text: kind_text });
            }
            k
        };

        let (role_col, role_cell) = cell(ExpertField::Role);
        let role_text = role_cell.text();
        let chair = match is_chair(&role_text) {
            Some(c) => c,
            None => {
                problem(role_col, PanelProblemKind::UnknownRole { text: role_text });
                false
            }
        };

        let (until_col, until_cell) = cell(ExpertField::FormerUntil);
        let default_until = match &until_cell {
            Cell::Number(n) => date_of_serial(*n),
            c => parse_loose_date(&c.text()),
        };
        if default_until.is_none() && !until_cell.text().is_empty() {
            problem(
                until_col,
                PanelProblemKind::BadFormerEmployer {
                    entry: until_cell.text(),
                },
            );
        }
        let (former_col, former_cell) = cell(ExpertField::FormerEmployers);
        let mut former_employers = Vec::new();
        for entry in former_cell
            .text()
            .split(FORMER_SEPARATORS)
            .map(str::trim)
            .filter(|e| !e.is_empty())
        {
            match former_entry(entry, default_until) {
                Some(f) => former_employers.push(f),
                None => problem(
                    former_col,
                    PanelProblemKind::BadFormerEmployer {
                        entry: entry.to_owned(),
                    },
                ),
            }
        }

        if !name.is_empty() && !affiliation.is_empty() {
            let key = (name.clone(), normalize_org_name(&affiliation));
            if let Some(first_row) = seen.get(&key) {
                problem(
                    None,
                    PanelProblemKind::DuplicateExpert {
                        first_row: *first_row,
                    },
                );
            } else {
                seen.insert(key, row);
            }
        }
        if chair {
            match chair_row {
                Some(first_row) => {
                    problem(role_col, PanelProblemKind::TwoChairs { first_row });
                }
                None => chair_row = Some(row),
            }
        }

        let row_ok = row_problems.iter().all(PanelProblem::is_warning);
        problems.extend(row_problems);
        if row_ok {
            let field_en = Some(cell(ExpertField::FieldEn).1.text()).filter(|t| !t.is_empty());
            experts.push(SheetExpert {
                row,
                name,
                affiliation,
                affiliation_credit_code: credit_code,
                kind,
                field,
                field_en,
                chair,
                former_employers,
            });
        }
    }
    if !any_row {
        problems.push(PanelProblem {
            at: at(mapping.header_row, None),
            kind: PanelProblemKind::NoRows,
        });
    } else if chair_row.is_none() {
        problems.push(PanelProblem {
            at: at(mapping.header_row, mapping.column(ExpertField::Role)),
            kind: PanelProblemKind::NoChair,
        });
    } else if experts.iter().all(|e| e.chair) && problems.iter().all(PanelProblem::is_warning) {
        problems.push(PanelProblem {
            at: at(mapping.header_row, None),
            kind: PanelProblemKind::NoExperts,
        });
    }
    CheckedExperts {
        sheet: sheet.name.clone(),
        experts,
        problems,
    }
}

/// How a member compares with the panel before the import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberChange {
    /// New on the panel.
    Added,
    /// On the panel before; some field changed.
    Updated,
    /// On the panel before, unchanged.
    Unchanged,
}

/// What happens with a member's key card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberCard {
    /// The given card (index into the import's cards) is copied to
    /// `cards/<id>.card`, replacing a different card there when `replaces`.
    Copied {
        /// Index of the card given.
        card: usize,
        /// A card with another key was there.
        replaces: bool,
    },
    /// `cards/<id>.card` is already this member's (the same key as the card
    /// given, if one was).
    AlreadyThere,
    /// No card (a warning; sealing waits for it).
    Missing,
}

/// One member of the planned panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedMember {
    /// The id (kept for a member matched by name and employer, or by key).
    pub id: String,
    /// The list row.
    pub row: usize,
    /// The name.
    pub name: String,
    /// The chair.
    pub chair: bool,
    /// Against the panel before.
    pub change: MemberChange,
    /// The card.
    pub card: MemberCard,
}

/// What happens with the organizer's card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrganizerCardPlan {
    /// The given card (index) is copied to `cards/<person>.card`.
    Copied {
        /// Index of the card given.
        card: usize,
        /// The file stem (`ORG`, or the existing organizer card's).
        person: String,
        /// A card with another key was there.
        replaces: bool,
    },
    /// `cards/<person>.card` is the organizer's already.
    AlreadyThere {
        /// The file stem.
        person: String,
    },
    /// None (a warning).
    Missing,
}

/// What a panel import would do: the value a preview shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelPlan {
    /// The new panel; `None` with any error.
    pub panel: Option<Panel>,
    /// Every member of the new panel (chair first, then the experts in the
    /// panel's order), also with errors (the ids they would get); empty when the
    /// list has no chair.
    pub members: Vec<PlannedMember>,
    /// Members of the old panel no longer on the list.
    pub removed: Vec<Expert>,
    /// Assignments of experts who are no longer experts (removed, or now the
    /// chair), dropped (run `round assign` again).
    pub dropped_assignments: Vec<Assignment>,
    /// `cards/<id>.card` files deleted: those of removed members, and a card that
    /// no longer fits its member (another name or role) when no new one is given.
    pub card_removals: Vec<String>,
    /// The organizer's card.
    pub organizer: OrganizerCardPlan,
    /// Every problem: the list's, then the cards', then the round's.
    pub problems: Vec<PanelProblem>,
}

impl PanelPlan {
    /// How many problems are errors.
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| !p.is_warning()).count()
    }
}

/// The id prefix of new chairs and experts.
const CHAIR_PREFIX: char = 'C';
const EXPERT_PREFIX: char = 'E';

fn next_id(prefix: char, used: &HashSet<String>) -> String {
    let max = used
        .iter()
        .filter_map(|id| {
            id.strip_prefix(prefix)
                .and_then(|n| n.parse::<usize>().ok())
        })
        .max()
        .unwrap_or(0);
    format!("{prefix}{:02}", max + 1)
}

fn card_place(c: &CardFacts) -> ProblemPlace {
    ProblemPlace::Card {
        file: c.file.clone(),
    }
}

/// The organizer's id in `cards/` when none is there yet.
pub const ORGANIZER_CARD_ID: &str = "ORG";

/// Joins the checked list with the cards given and merges it into the round's
/// panel. The list is the whole panel: members are matched with the panel before
/// by name and employer (normalised), else by the key of their card; a match keeps
/// its id, a new member takes the next free `C01`/`E01` (after every id on the
/// panel and in `cards/`). Each given card joins the one row with its name and
/// must have that row's role; one `organizer` card may be among them. Members no
/// longer listed are removed with their assignments and cards, unless a recusal
/// request or a dismissal still names them (an error). Pure; writing is the
/// shell's.
pub fn plan_panel(
    round: &Round,
    checked: &CheckedExperts,
    cards: &[CardFacts],
    existing_cards: &[ExistingCard],
) -> PanelPlan {
    let mut problems = checked.problems.clone();
    let rows = &checked.experts;

    // Cards: duplicate keys, organizer, join by name.
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    let mut organizer_card: Option<usize> = None;
    let mut row_card: HashMap<usize, usize> = HashMap::new(); // row index → card index
    for (i, c) in cards.iter().enumerate() {
        if let Some(&first) = by_key.get(c.fingerprint.as_str()) {
            problems.push(PanelProblem {
                at: card_place(c),
                kind: PanelProblemKind::DuplicateKey {
                    first: cards[first].file.clone(),
                },
            });
            continue;
        }
        by_key.insert(&c.fingerprint, i);
        if c.role == CardRole::Organizer {
            match organizer_card {
                Some(first) => problems.push(PanelProblem {
                    at: card_place(c),
                    kind: PanelProblemKind::TwoOrganizerCards {
                        first: cards[first].file.clone(),
                    },
                }),
                None => organizer_card = Some(i),
            }
            continue;
        }
        let matching: Vec<usize> = (0..rows.len())
            .filter(|&r| rows[r].name == c.name.trim())
            .collect();
        match matching.as_slice() {
            [] => problems.push(PanelProblem {
                at: card_place(c),
                kind: PanelProblemKind::CardMatchesNoRow {
                    name: c.name.clone(),
                },
            }),
            [r] => {
                let expected = if rows[*r].chair {
                    CardRole::Chair
                } else {
                    CardRole::Expert
                };
                if c.role != expected {
                    problems.push(PanelProblem {
                        at: card_place(c),
                        kind: PanelProblemKind::CardRole {
                            row: rows[*r].row,
                            expected,
                            found: c.role,
                        },
                    });
                } else if let Some(&first) = row_card.get(r) {
                    problems.push(PanelProblem {
                        at: card_place(c),
                        kind: PanelProblemKind::TwoCardsForRow {
                            row: rows[*r].row,
                            first: cards[first].file.clone(),
                        },
                    });
                } else {
                    row_card.insert(*r, i);
                }
            }
            many => problems.push(PanelProblem {
                at: card_place(c),
                kind: PanelProblemKind::AmbiguousCard {
                    name: c.name.clone(),
                    rows: many.iter().map(|&r| rows[r].row).collect(),
                },
            }),
        }
    }

    // Ids: by name and employer, else by the card's key.
    let old: Vec<&Expert> = if round.panel.is_unnamed() {
        Vec::new()
    } else {
        std::iter::once(&round.panel.chair)
            .chain(&round.panel.experts)
            .collect()
    };
    let existing_of = |id: &str| existing_cards.iter().find(|c| c.person == id);
    let mut taken = vec![false; old.len()];
    let mut matched: Vec<Option<usize>> = vec![None; rows.len()];
    for (r, row) in rows.iter().enumerate() {
        let org = normalize_org_name(&row.affiliation);
        if let Some(i) = (0..old.len()).find(|&i| {
            !taken[i] && old[i].name == row.name && normalize_org_name(&old[i].affiliation) == org
        }) {
            taken[i] = true;
            matched[r] = Some(i);
        }
    }
    for (r, m) in matched.iter_mut().enumerate() {
        let Some(&card) = row_card.get(&r) else {
            continue;
        };
        if m.is_some() {
            continue;
        }
        if let Some(i) = (0..old.len()).find(|&i| {
            !taken[i]
                && existing_of(&old[i].id)
                    .is_some_and(|e| e.card.fingerprint == cards[card].fingerprint)
        }) {
            taken[i] = true;
            *m = Some(i);
        }
    }
    let mut used: HashSet<String> = old.iter().map(|e| e.id.clone()).collect();
    used.extend(existing_cards.iter().map(|c| c.person.clone()));
    let mut ids = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let id = match matched[r] {
            Some(i) => old[i].id.clone(),
            None => {
                let id = next_id(
                    if row.chair {
                        CHAIR_PREFIX
                    } else {
                        EXPERT_PREFIX
                    },
                    &used,
                );
                used.insert(id.clone());
                id
            }
        };
        ids.push(id);
    }

    // Members left off: still named elsewhere is an error; their assignments go.
    let removed: Vec<Expert> = (0..old.len())
        .filter(|&i| !taken[i])
        .map(|i| old[i].clone())
        .collect();
    // Experts of the panel before who are no longer experts (they left, or are
    // the chair now): their assignments go; a recusal request or a dismissal that
    // names them stops the import.
    let now_experts: HashSet<&str> = (0..rows.len())
        .filter(|&r| !rows[r].chair)
        .map(|r| ids[r].as_str())
        .collect();
    let leaving: Vec<&Expert> = round
        .panel
        .experts
        .iter()
        .filter(|e| !now_experts.contains(e.id.as_str()))
        .collect();
    for e in &leaving {
        let tables = [
            (
                "recusal_request",
                round.recusal_requests.iter().any(|r| r.expert == e.id),
            ),
            (
                "conflict_dismissal",
                round.conflict_dismissals.iter().any(|d| d.expert == e.id),
            ),
        ];
        for (table, named) in tables {
            if named {
                problems.push(PanelProblem {
                    at: ProblemPlace::Round,
                    kind: PanelProblemKind::StillReferenced {
                        id: e.id.clone(),
                        name: e.name.clone(),
                        table: table.to_owned(),
                    },
                });
            }
        }
    }
    for (r, row) in rows.iter().enumerate() {
        if matched[r].is_some() {
            continue;
        }
        if let Some(e) = removed.iter().find(|e| e.name == row.name) {
            problems.push(PanelProblem {
                at: ProblemPlace::Row {
                    sheet: checked.sheet.clone(),
                    row: row.row,
                    column: None,
                },
                kind: PanelProblemKind::SameNameAsRemoved { id: e.id.clone() },
            });
        }
    }
    let dropped_assignments: Vec<Assignment> = round
        .assignments
        .iter()
        .filter(|a| leaving.iter().any(|e| e.id == a.expert))
        .cloned()
        .collect();
    let mut card_removals: Vec<String> = removed
        .iter()
        .filter(|e| existing_of(&e.id).is_some())
        .map(|e| e.id.clone())
        .collect();

    // Cards per member; the organizer's.
    let mut card_of = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let role = if row.chair {
            CardRole::Chair
        } else {
            CardRole::Expert
        };
        let there = existing_of(&ids[r]);
        let card = match (row_card.get(&r), there) {
            (Some(&c), Some(e)) if e.card.fingerprint == cards[c].fingerprint => {
                MemberCard::AlreadyThere
            }
            (Some(&c), there) => MemberCard::Copied {
                card: c,
                replaces: there.is_some(),
            },
            (None, Some(e)) if e.card.name == row.name && e.card.role == role => {
                MemberCard::AlreadyThere
            }
            (None, there) => {
                // A card there that is not this member's (another name, or the
                // role before a promotion) goes, so the sealing check sees it
                // missing.
                if there.is_some() {
                    card_removals.push(ids[r].clone());
                }
                problems.push(PanelProblem {
                    at: ProblemPlace::Row {
                        sheet: checked.sheet.clone(),
                        row: row.row,
                        column: None,
                    },
                    kind: PanelProblemKind::NoCard,
                });
                MemberCard::Missing
            }
        };
        card_of.push(card);
    }
    let existing_org = existing_cards
        .iter()
        .find(|c| c.card.role == CardRole::Organizer && !ids.contains(&c.person));
    let organizer = match (organizer_card, existing_org) {
        (Some(c), Some(e)) if e.card.fingerprint == cards[c].fingerprint => {
            OrganizerCardPlan::AlreadyThere {
                person: e.person.clone(),
            }
        }
        (Some(c), Some(e)) => OrganizerCardPlan::Copied {
            card: c,
            person: e.person.clone(),
            replaces: true,
        },
        (Some(c), None) => {
            let mut person = ORGANIZER_CARD_ID.to_owned();
            let mut n = 1;
            while used.contains(&person) {
                n += 1;
                person = format!("{ORGANIZER_CARD_ID}{n}");
            }
            OrganizerCardPlan::Copied {
                card: c,
                person,
                replaces: false,
            }
        }
        (None, Some(e)) => OrganizerCardPlan::AlreadyThere {
            person: e.person.clone(),
        },
        (None, None) => {
            problems.push(PanelProblem {
                at: ProblemPlace::Round,
                kind: PanelProblemKind::NoOrganizerCard,
            });
            OrganizerCardPlan::Missing
        }
    };

    let has_errors = problems.iter().any(|p| !p.is_warning());

    // The new panel: the chair; the experts kept in their order, then new ones.
    let member = |r: usize| -> Expert {
        let row = &rows[r];
        let before = matched[r].map(|i| old[i]);
        let en = match (&row.field_en, before) {
            (Some(en), _) => en.clone(),
            (None, Some(b)) if b.field.zh == row.field => b.field.en.clone(),
            (None, _) => row.field.clone(),
        };
        Expert {
            id: ids[r].clone(),
            name: row.name.clone(),
            affiliation: row.affiliation.clone(),
            field: Localized {
                zh: row.field.clone(),
                en,
            },
            kind: row.kind,
            affiliation_credit_code: row.affiliation_credit_code.clone(),
            former_employers: row.former_employers.clone(),
        }
    };
    // `old[0]` is the chair before (when there was a panel): a change of role is
    // an update.
    let change = |r: usize, e: &Expert| match matched[r] {
        None => MemberChange::Added,
        Some(i) if old[i] == e && (i == 0) == rows[r].chair => MemberChange::Unchanged,
        Some(_) => MemberChange::Updated,
    };
    let chair_r = rows.iter().position(|r| r.chair);
    let mut order: Vec<usize> = Vec::new();
    for e in &round.panel.experts {
        if let Some(r) = (0..rows.len()).find(|&r| !rows[r].chair && ids[r] == e.id) {
            order.push(r);
        }
    }
    let new: Vec<usize> = (0..rows.len())
        .filter(|r| !rows[*r].chair && !order.contains(r))
        .collect();
    order.extend(new);
    let mut members = Vec::new();
    let planned = |r: usize, e: &Expert| PlannedMember {
        id: e.id.clone(),
        row: rows[r].row,
        name: e.name.clone(),
        chair: rows[r].chair,
        change: change(r, e),
        card: card_of[r],
    };
    let Some(chair_r) = chair_r else {
        // check_expert_sheet reports a list without a chair as an error.
        return PanelPlan {
            panel: None,
            members,
            removed,
            dropped_assignments,
            card_removals,
            organizer,
            problems,
        };
    };
    let chair = member(chair_r);
    members.push(planned(chair_r, &chair));
    let mut experts = Vec::new();
    for r in order {
        let e = member(r);
        members.push(planned(r, &e));
        experts.push(e);
    }
    PanelPlan {
        panel: (!has_errors).then_some(Panel { chair, experts }),
        members,
        removed,
        dropped_assignments,
        card_removals,
        organizer,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::applicants::column_letter;
    use proptest::prelude::*;

    const ROUND: &str = include_str!("../../../assets/demo/round.toml");

    fn demo() -> Round {
        toml::from_str(ROUND).unwrap()
    }

    /// A new round: the demo's program and applicants, no panel, no assignments.
    fn fresh() -> Round {
        let mut r = demo();
        r.panel = Panel::default();
        r.assignments.clear();
        r.recusal_requests.clear();
        r
    }

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: "专家名单".into(),
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|c| {
                            if c.is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text((*c).into())
                            }
                        })
                        .collect()
                })
                .collect(),
        }
    }

    const HEAD: &[&str] = &[
        "序号",
        "姓名",
        "工作单位",
        "单位统一社会信用代码",
        "专家类别",
        "专业领域",
        "角色",
        "近三年曾任职单位",
    ];

    fn good_rows() -> Vec<Vec<String>> {
        let rows: &[&[&str]] = &[
            &[
                "1",
                "郑国平",
                "岭南工业技术研究院",
                "",
                "技术",
                "工业互联网",
                "组长",
                "",
            ],
            &[
                "2",
                "陈立新",
                "岭南工业技术研究院",
                "",
                "技术专家",
                "工业软件",
                "专家",
                "",
            ],
            &[
                "3",
                "林晓梅",
                "粤海理工学院信息工程学院",
                "",
                "industry",
                "工业网络与5G",
                "",
                "广州云擎工业软件有限公司 91440101MA5AGYGLU6 2024-06-30",
            ],
            &[
                "4",
                "周婉婷",
                "珠江明信会计师事务所",
                "",
                "财务",
                "财务与投融资",
                "专家",
                "",
            ],
        ];
        rows.iter()
            .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
            .collect()
    }

    fn sheet_of(rows: &[Vec<String>]) -> Sheet {
        let mut all: Vec<Vec<&str>> = vec![HEAD.to_vec()];
        all.extend(rows.iter().map(|r| r.iter().map(String::as_str).collect()));
        let refs: Vec<&[&str]> = all.iter().map(Vec::as_slice).collect();
        sheet(&refs)
    }

    fn check(s: &Sheet) -> CheckedExperts {
        check_expert_sheet(s, &detect_expert_mapping(s))
    }

    fn card(file: &str, name: &str, role: CardRole) -> CardFacts {
        CardFacts {
            file: file.into(),
            name: name.into(),
            role,
            fingerprint: format!("SHA256:{file}"),
        }
    }

    fn cards() -> Vec<CardFacts> {
        vec![
            card("zheng.card", "郑国平", CardRole::Chair),
            card("chen.card", "陈立新", CardRole::Expert),
            card("lin.card", "林晓梅", CardRole::Expert),
            card("zhou.card", "周婉婷", CardRole::Expert),
            card("org.card", "广东省工业互联网产业联盟", CardRole::Organizer),
        ]
    }

    fn problems(p: &[PanelProblem]) -> Vec<(String, &'static str)> {
        p.iter()
            .map(|p| {
                let at = match &p.at {
                    ProblemPlace::Row { row, column, .. } => {
                        format!("{row}{}", column.map(column_letter).unwrap_or_default())
                    }
                    ProblemPlace::Card { file } => file.clone(),
                    ProblemPlace::Round => "round".into(),
                };
                (at, p.kind.code())
            })
            .collect()
    }

    /// What `cards/` holds after writing a plan.
    fn cards_after(
        plan: &PanelPlan,
        given: &[CardFacts],
        before: &[ExistingCard],
    ) -> Vec<ExistingCard> {
        let mut out: Vec<ExistingCard> = before
            .iter()
            .filter(|c| !plan.card_removals.contains(&c.person))
            .cloned()
            .collect();
        let mut put = |person: &str, card: usize| {
            out.retain(|c| c.person != person);
            out.push(ExistingCard {
                person: person.into(),
                card: CardFacts {
                    file: format!("cards/{person}.card"),
                    ..given[card].clone()
                },
            });
        };
        for m in &plan.members {
            if let MemberCard::Copied { card, .. } = m.card {
                put(&m.id, card);
            }
        }
        if let OrganizerCardPlan::Copied { card, person, .. } = &plan.organizer {
            put(person, *card);
        }
        out
    }

    #[test]
    fn headers_map_in_chinese_and_english() {
        let s = sheet(&[&[
            "Name",
            "Employer",
            "Employer credit code",
            "Kind",
            "Field",
            "Field (English)",
            "是否组长",
            "Former employers",
            "离职日期",
            "电话",
        ]]);
        let m = detect_expert_mapping(&s);
        assert!(m.missing().is_empty(), "{m:?}");
        assert_eq!(m.column(ExpertField::AffiliationCreditCode), Some(2));
        assert_eq!(m.column(ExpertField::FieldEn), Some(5));
        assert_eq!(m.column(ExpertField::Role), Some(6));
        assert_eq!(m.column(ExpertField::FormerUntil), Some(8));
        assert_eq!(m.ignored, vec![(9, "电话".to_owned())]);
    }

    #[test]
    fn a_good_list_reads_kinds_roles_and_former_employers() {
        let c = check(&sheet_of(&good_rows()));
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert_eq!(c.experts.len(), 4);
        assert!(c.experts[0].chair && !c.experts[1].chair && !c.experts[2].chair);
        assert_eq!(c.experts[1].kind, Some(ExpertKind::Technical));
        assert_eq!(c.experts[2].kind, Some(ExpertKind::Industry));
        let f = &c.experts[2].former_employers[0];
        assert_eq!(f.name, "广州云擎工业软件有限公司");
        assert_eq!(
            f.credit_code.as_ref().unwrap().as_str(),
            "91440101MA5AGYGLU6"
        );
        assert_eq!(f.until, Date::new(2024, 6, 30).unwrap());
    }

    #[test]
    fn former_employers_cell_syntax() {
        let d = |y, m, dd| Date::new(y, m, dd).unwrap();
        let e = former_entry("某某大学 2023年12月", None).unwrap();
        assert_eq!((e.name.as_str(), e.until), ("某某大学", d(2023, 12, 31)));
        let e = former_entry("Foo Bar Ltd, 2024.2.5", None).unwrap();
        assert_eq!((e.name.as_str(), e.until), ("Foo Bar Ltd", d(2024, 2, 5)));
        // Without a date: the paired 离职日期 column's, else refused.
        assert_eq!(
            former_entry("某某大学", Some(d(2025, 1, 1))).unwrap().until,
            d(2025, 1, 1)
        );
        assert!(former_entry("某某大学", None).is_none());
        assert!(former_entry("某某大学 91440101OA5AGYGLU6 2024-01-01", None).is_none());
        assert_eq!(parse_loose_date("2024/02"), Some(d(2024, 2, 29)));
        assert_eq!(
            parse_loose_date("2024-06-30T00:00:00"),
            Some(d(2024, 6, 30))
        );
        assert_eq!(parse_loose_date("2024-02-30"), None);
        assert_eq!(date_of_serial(45473.0), Some(d(2024, 6, 30)));
    }

    #[test]
    fn each_problem_is_named_by_row_and_column() {
        let mut rows = good_rows();
        rows[1][4] = "法律".into(); // row 3, E: unknown kind
        rows[2][3] = "9.14401E+17".into(); // row 4, D: a number
        rows[2][7] = "某公司 去年".into(); // row 4, H: no date
        rows[3][6] = "组长".into(); // row 5, G: a second chair
        let mut dup = rows[1].clone();
        dup[4] = "技术".into();
        dup[5] = String::new(); // row 6: empty field, duplicate of row 3
        rows.push(dup);
        let c = check(&sheet_of(&rows));
        assert_eq!(
            problems(&c.problems),
            vec![
                ("3E".to_owned(), "unknown_kind"),
                ("4D".to_owned(), "credit_code_as_number"),
                ("4H".to_owned(), "bad_former_employer"),
                ("5G".to_owned(), "two_chairs"),
                ("6F".to_owned(), "empty"),
                ("6".to_owned(), "duplicate_expert"),
            ]
        );
        // Without a chair: one problem on the header row's role column.
        let mut rows = good_rows();
        rows[0][6] = "专家".into();
        let c = check(&sheet_of(&rows));
        assert_eq!(problems(&c.problems), vec![("1G".to_owned(), "no_chair")]);
    }

    #[test]
    fn cards_join_rows_by_name_and_role() {
        let round = fresh();
        let c = check(&sheet_of(&good_rows()));
        let plan = plan_panel(&round, &c, &cards(), &[]);
        assert_eq!(plan.errors(), 0, "{:?}", plan.problems);
        let ids: Vec<&str> = plan.members.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["C01", "E01", "E02", "E03"]);
        assert!(plan.members.iter().all(|m| m.change == MemberChange::Added));
        assert!(matches!(
            plan.members[1].card,
            MemberCard::Copied {
                card: 1,
                replaces: false
            }
        ));
        assert_eq!(
            plan.organizer,
            OrganizerCardPlan::Copied {
                card: 4,
                person: "ORG".into(),
                replaces: false
            }
        );
        let panel = plan.panel.unwrap();
        assert_eq!(panel.chair.name, "郑国平");
        assert_eq!(panel.experts[2].kind, Some(ExpertKind::Finance));

        // A card for nobody, one with the wrong role, the same key twice, two
        // organizers; a row without a card is only a warning.
        let mut bad = cards();
        bad[0].role = CardRole::Expert;
        bad[3].name = "周婉".into();
        bad.push(CardFacts {
            file: "copy.card".into(),
            ..bad[1].clone()
        });
        bad.push(card("org2.card", "另一个组织方", CardRole::Organizer));
        let plan = plan_panel(&round, &c, &bad, &[]);
        assert!(plan.panel.is_none());
        assert_eq!(
            problems(&plan.problems),
            vec![
                ("zheng.card".to_owned(), "card_role"),
                ("zhou.card".to_owned(), "card_matches_no_row"),
                ("copy.card".to_owned(), "duplicate_key"),
                ("org2.card".to_owned(), "two_organizer_cards"),
                ("2".to_owned(), "no_card"),
                ("5".to_owned(), "no_card"),
            ]
        );
        let plan = plan_panel(&round, &c, &cards()[1..4], &[]);
        assert_eq!(plan.errors(), 0);
        assert_eq!(
            problems(&plan.problems),
            vec![
                ("2".to_owned(), "no_card"),
                ("round".to_owned(), "no_organizer_card")
            ]
        );
    }

    #[test]
    fn reimport_keeps_ids_and_removal_drops_assignments_or_is_refused() {
        let round = demo();
        // The demo's panel as a list: ids kept by name and employer.
        let c = check(&sheet_of(&good_rows()));
        let plan = plan_panel(&round, &c, &[], &[]);
        let ids: Vec<&str> = plan.members.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["C01", "E01", "E02", "E04"]);
        // E03 and E05 leave; E03 is named by a recusal request: refused.
        assert_eq!(
            problems(&plan.problems)
                .into_iter()
                .filter(|p| p.1 == "still_referenced")
                .count(),
            1
        );
        assert!(plan.panel.is_none());
        let mut r = round.clone();
        r.recusal_requests.clear();
        let plan = plan_panel(&r, &c, &[], &[]);
        assert_eq!(plan.errors(), 0, "{:?}", plan.problems);
        let removed: Vec<&str> = plan.removed.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(removed, ["E03", "E05"]);
        assert!(plan
            .dropped_assignments
            .iter()
            .all(|a| a.expert == "E03" || a.expert == "E05"));
        assert!(!plan.dropped_assignments.is_empty());
        // An expert who becomes the chair: their assignments and their expert card
        // go, the chair before leaves.
        let mut rows = good_rows();
        rows[0][6] = "专家".into();
        rows[1][6] = "组长".into();
        rows.remove(0);
        let existing = vec![ExistingCard {
            person: "E01".into(),
            card: card("cards/E01.card", "陈立新", CardRole::Expert),
        }];
        let plan = plan_panel(&r, &check(&sheet_of(&rows)), &[], &existing);
        assert_eq!(plan.errors(), 0, "{:?}", plan.problems);
        let panel = plan.panel.as_ref().unwrap();
        assert_eq!(panel.chair.id, "E01");
        assert!(panel.experts.iter().all(|e| e.id != "E01"));
        assert!(plan.dropped_assignments.iter().any(|a| a.expert == "E01"));
        assert_eq!(plan.card_removals, ["E01"]);
        assert_eq!(plan.members[0].card, MemberCard::Missing);
        assert_eq!(plan.members[0].change, MemberChange::Updated);
        let mut after = r.clone();
        after.panel = panel.clone();
        after
            .assignments
            .retain(|a| !plan.dropped_assignments.contains(a));
        let t: crate::template::Template = toml::from_str(include_str!(
            "../../../assets/templates/gd-supplier-recognition.toml"
        ))
        .unwrap();
        after.validate(&t).unwrap();
        // A member whose employer changed is a new member, with a warning...
        let mut rows = good_rows();
        rows[1][2] = "新单位".into();
        let plan = plan_panel(&r, &check(&sheet_of(&rows)), &[], &[]);
        assert_eq!(plan.members[3].id, "E06");
        assert!(plan
            .problems
            .iter()
            .any(|p| p.kind == PanelProblemKind::SameNameAsRemoved { id: "E01".into() }));
        // ... unless matched by the key of their card.
        let mut rows = good_rows();
        rows[1][2] = "新单位".into();
        let existing = vec![ExistingCard {
            person: "E01".into(),
            card: card("cards/E01.card", "陈立新", CardRole::Expert),
        }];
        let mut given = cards();
        given[1].fingerprint = "SHA256:cards/E01.card".into();
        let plan = plan_panel(&r, &check(&sheet_of(&rows)), &given, &existing);
        assert_eq!(plan.members[1].id, "E01");
        assert_eq!(plan.members[1].change, MemberChange::Updated);
        assert_eq!(plan.members[1].card, MemberCard::AlreadyThere);
    }

    proptest! {
        /// Importing the same list and cards twice: the second time nothing changes,
        /// whatever the rows' order and whichever cards are given.
        #[test]
        fn reimport_is_idempotent(order in Just((0..4usize).collect::<Vec<_>>()).prop_shuffle(),
                                  given in proptest::collection::vec(any::<bool>(), 5)) {
            let base = good_rows();
            let rows: Vec<Vec<String>> = order.iter().map(|&i| base[i].clone()).collect();
            let given: Vec<CardFacts> = cards()
                .into_iter()
                .zip(&given)
                .filter(|(_, g)| **g)
                .map(|(c, _)| c)
                .collect();
            let checked = check(&sheet_of(&rows));
            let first = plan_panel(&fresh(), &checked, &given, &[]);
            prop_assert_eq!(first.errors(), 0);
            let mut round = fresh();
            round.panel = first.panel.clone().unwrap();
            let there = cards_after(&first, &given, &[]);
            let second = plan_panel(&round, &checked, &given, &there);
            prop_assert_eq!(second.panel.as_ref(), Some(&round.panel));
            for (a, b) in first.members.iter().zip(&second.members) {
                prop_assert_eq!(&a.id, &b.id);
                prop_assert_eq!(b.change, MemberChange::Unchanged);
                let copied = matches!(b.card, MemberCard::Copied { .. });
                prop_assert!(!copied, "copied again: {:?}", b);
                prop_assert_eq!(b.card == MemberCard::Missing, a.card == MemberCard::Missing);
            }
            prop_assert!(second.removed.is_empty());
            let org_copied = matches!(second.organizer, OrganizerCardPlan::Copied { .. });
            prop_assert!(!org_copied, "organizer copied again");
        }
    }
}
