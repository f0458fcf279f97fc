//! Applicants from a spreadsheet (申报单位名单导入): the column mapping, the row
//! checks and the merge into a round's applicants by credit code.
//!
//! Pure functions over cells the shell has read (`reviewdesk-io` reads XLSX, XLS,
//! ODS and CSV into a [`Sheet`]). The accepted headers and the rules are specified in
//! `docs/formats.md` ("Applicant spreadsheet").
//!
//! Rows and columns are named as the user sees them: rows from 1, columns as
//! letters (`C`, `AA`).

use crate::credit_code::{CreditCode, CreditCodeError};
use crate::round::Applicant;
use crate::template::Template;
use crate::text::Localized;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A cell as read from a spreadsheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in it.
    Empty,
    /// Text (a CSV field is always text).
    Text(String),
    /// A number cell (XLSX/XLS/ODS): its digits may already be lost.
    Number(f64),
}

impl Cell {
    /// The cell as trimmed text (a number as Rust prints it).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_owned(),
            Cell::Number(n) => n.to_string(),
        }
    }

    pub(crate) fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            Cell::Number(_) => false,
        }
    }
}

/// One sheet of cells; `rows[0]` is the row the user sees as 1, `rows[r][0]` column A.
/// A merged region arrives with its value in every cell it covers (the reader's job).
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's name (the file name for a CSV).
    pub name: String,
    /// The cells, row by row.
    pub rows: Vec<Vec<Cell>>,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// 单位名称 (required).
    Name,
    /// 统一社会信用代码 (required).
    CreditCode,
    /// 所属地市 / 所属地区 (required).
    Region,
    /// The region in English (optional; else the Chinese text is kept for both).
    RegionEn,
    /// 所属行业 (required): one to three GB/T 4754 divisions, or 全行业.
    Industry,
    /// The industry in English (optional).
    IndustryEn,
    /// 申报类别 (required): category ids or names from the template.
    Categories,
    /// 联系人: recognised so it is not reported as unknown; a round keeps no contact.
    Contact,
}

impl Field {
    /// Every field, in the order a mapping lists them.
    pub const ALL: [Field; 8] = [
        Field::Name,
        Field::CreditCode,
        Field::Region,
        Field::RegionEn,
        Field::Industry,
        Field::IndustryEn,
        Field::Categories,
        Field::Contact,
    ];

    /// The fields a sheet must have.
    pub const REQUIRED: [Field; 5] = [
        Field::Name,
        Field::CreditCode,
        Field::Region,
        Field::Industry,
        Field::Categories,
    ];

    /// The normalised headers that mean this field (see [`normalize_header`]).
    fn headers(self) -> &'static [&'static str] {
        match self {
            Field::Name => &[
                "单位名称",
                "申报单位",
                "申报单位名称",
                "企业名称",
                "申报企业",
                "申报企业名称",
                "公司名称",
                "机构名称",
                "名称",
                "name",
                "unitname",
                "companyname",
                "company",
                "organization",
                "organisation",
                "applicant",
                "applicantname",
            ],
            Field::CreditCode => &[
                "统一社会信用代码",
                "社会信用代码",
                "信用代码",
                "统一信用代码",
                "creditcode",
                "unifiedsocialcreditcode",
                "socialcreditcode",
                "uscc",
            ],
            Field::Region => &[
                "所属地市",
                "所属地区",
                "所在地市",
                "所在地区",
                "所属城市",
                "地市",
                "地区",
                "城市",
                "region",
                "city",
            ],
            Field::Industry => &[
                "所属行业",
                "行业",
                "服务行业",
                "服务行业领域",
                "擅长行业",
                "擅长行业领域",
                "industry",
                "industries",
            ],
            Field::Categories => &[
                "申报类别",
                "类别",
                "申报类型",
                "申报方向",
                "category",
                "categories",
            ],
            Field::Contact => &["联系人", "联系人姓名", "contact", "contactperson"],
            Field::RegionEn | Field::IndustryEn => &[],
        }
    }

    fn english_of(self) -> Option<Field> {
        match self {
            Field::Region => Some(Field::RegionEn),
            Field::Industry => Some(Field::IndustryEn),
            _ => None,
        }
    }
}

/// A header as compared: no white space, brackets, stars, colons, underscores or
/// dashes, lower case (`Credit Code*` → `creditcode`, `所属地市（英文）` → `所属地市英文`).
pub fn normalize_header(h: &str) -> String {
    h.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '(' | ')'
                        | '（'
                        | '）'
                        | '['
                        | ']'
                        | '【'
                        | '】'
                        | '*'
                        | '＊'
                        | ':'
                        | '：'
                        | '_'
                        | '-'
                        | '.'
                )
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn field_of_header(header: &str) -> Option<Field> {
    let h = normalize_header(header);
    if h.is_empty() {
        return None;
    }
    if let Some(f) = Field::ALL
        .into_iter()
        .find(|f| f.headers().contains(&h.as_str()))
    {
        return Some(f);
    }
    for suffix in ["英文", "english", "en"] {
        if let Some(base) = h.strip_suffix(suffix) {
            if let Some(f) = Field::ALL
                .into_iter()
                .find(|f| f.english_of().is_some() && f.headers().contains(&base))
            {
                return f.english_of();
            }
        }
    }
    None
}

/// A kind of field a spreadsheet import maps to columns (the applicant list's
/// [`Field`], the expert list's `ExpertField`).
pub trait SheetField: Copy + Eq + std::hash::Hash + 'static {
    /// Every field, in the order a mapping lists them.
    const ALL: &'static [Self];
    /// The fields a sheet must have.
    const REQUIRED: &'static [Self];
    /// The field a header names, if any.
    fn of_header(header: &str) -> Option<Self>;
}

impl SheetField for Field {
    const ALL: &'static [Field] = &Field::ALL;
    const REQUIRED: &'static [Field] = &Field::REQUIRED;
    fn of_header(header: &str) -> Option<Field> {
        field_of_header(header)
    }
}

/// Which column holds which field of a sheet: the value a preview shows and may
/// override.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping<F> {
    /// The header row as the user sees it (from 1); data starts below it.
    pub header_row: usize,
    /// Field → column (from 0: 0 is `A`), in the fields' `ALL` order.
    pub columns: Vec<(F, usize)>,
    /// The header text of each mapped column as found (after merged cells), same order.
    pub headers: Vec<String>,
    /// Columns with a header that no field claims (from 0), with their header.
    pub ignored: Vec<(usize, String)>,
}

impl<F: SheetField> Mapping<F> {
    /// The column of a field, if mapped.
    pub fn column(&self, field: F) -> Option<usize> {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, c)| *c)
    }

    /// The required fields this mapping lacks.
    pub fn missing(&self) -> Vec<F> {
        F::REQUIRED
            .iter()
            .copied()
            .filter(|f| self.column(*f).is_none())
            .collect()
    }
}

/// The applicant list's mapping.
pub type ColumnMapping = Mapping<Field>;

/// The spreadsheet letter of a column from 0 (`0` → `A`, `26` → `AA`).
pub fn column_letter(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// How many rows from the top are searched for the header row.
pub const HEADER_SEARCH_ROWS: usize = 10;

pub(crate) fn header_texts(sheet: &Sheet, r: usize) -> Vec<String> {
    let width = sheet.rows[..=r].iter().map(Vec::len).max().unwrap_or(0);
    (0..width)
        .map(|c| {
            // A header cell left blank under a merged title takes the text above it.
            (0..=r)
                .rev()
                .map(|rr| sheet.rows[rr].get(c).map(Cell::text).unwrap_or_default())
                .find(|t| !t.is_empty())
                .unwrap_or_default()
        })
        .collect()
}

/// What a credit-code cell holds: a number (its last digits lost, shown as the
/// spreadsheet shows it), or the text read as a code (its check character allowed
/// to fail: some early codes are legal and do).
pub(crate) enum CodeCell {
    /// Stored as a number.
    AsNumber(String),
    /// Read as text.
    Read(
        Result<
            (CreditCode, Option<crate::credit_code::CheckMismatch>),
            crate::credit_code::CreditCodeError,
        >,
    ),
}

/// Reads a credit-code cell of any list (applicants, experts' employers).
pub(crate) fn credit_code_cell(cell: &Cell, text: &str) -> CodeCell {
    if matches!(cell, Cell::Number(_)) || looks_numeric(text) {
        CodeCell::AsNumber(match cell {
            Cell::Number(n) => format!("{n:E}"),
            _ => text.to_owned(),
        })
    } else {
        CodeCell::Read(CreditCode::parse_allowing_check(&text.to_ascii_uppercase()))
    }
}

pub(crate) fn own_blank(sheet: &Sheet, r: usize, c: usize) -> bool {
    sheet.rows[r].get(c).is_none_or(Cell::is_blank)
}

fn mapping_at<F: SheetField>(sheet: &Sheet, r: usize) -> Mapping<F> {
    let texts = header_texts(sheet, r);
    let mut found: HashMap<F, (usize, String)> = HashMap::new();
    let mut ignored = Vec::new();
    for (c, t) in texts.iter().enumerate() {
        match F::of_header(t) {
            Some(f) if !found.contains_key(&f) => {
                found.insert(f, (c, t.clone()));
            }
            _ if !t.is_empty() && !own_blank(sheet, r, c) => ignored.push((c, t.clone())),
            _ => {}
        }
    }
    let mut columns = Vec::new();
    let mut headers = Vec::new();
    for f in F::ALL {
        if let Some((c, t)) = found.remove(f) {
            columns.push((*f, c));
            headers.push(t);
        }
    }
    Mapping {
        header_row: r + 1,
        columns,
        headers,
        ignored,
    }
}

/// The automatic mapping of any list (applicants, experts): among the first
/// [`HEADER_SEARCH_ROWS`] rows, the one whose headers name the most required
/// fields, then the most fields (the lowest such row when a title spans several).
pub(crate) fn detect<F: SheetField>(sheet: &Sheet) -> Mapping<F> {
    let mut best: Option<Mapping<F>> = None;
    let required = F::REQUIRED.len();
    for r in 0..sheet.rows.len().min(HEADER_SEARCH_ROWS) {
        let m = mapping_at::<F>(sheet, r);
        // A header row names at least one field in a cell of its own (a data row
        // with blank cells would otherwise inherit the headers above it).
        if !m.columns.iter().any(|(_, c)| !own_blank(sheet, r, *c)) {
            continue;
        }
        let score = (required - m.missing().len(), m.columns.len());
        if best
            .as_ref()
            .is_none_or(|b| score >= (required - b.missing().len(), b.columns.len()))
        {
            best = Some(m);
        }
    }
    best.unwrap_or(Mapping {
        header_row: 1,
        columns: Vec::new(),
        headers: Vec::new(),
        ignored: Vec::new(),
    })
}

/// The automatic mapping: among the first [`HEADER_SEARCH_ROWS`] rows, the one whose
/// headers name the most fields (the lowest such row when a title spans several).
/// Check [`Mapping::missing`] before use.
pub fn detect_mapping(sheet: &Sheet) -> ColumnMapping {
    detect(sheet)
}

/// A problem found in the sheet, named by sheet, row and column.
#[derive(Debug, Clone, PartialEq)]
pub struct RowProblem {
    /// The sheet's name.
    pub sheet: String,
    /// The row as the user sees it (from 1).
    pub row: usize,
    /// The column (from 0), when one cell is at fault.
    pub column: Option<usize>,
    /// What is wrong.
    pub kind: RowProblemKind,
}

impl RowProblem {
    /// True when the row still imports (a warning); false for an error.
    pub fn is_warning(&self) -> bool {
        self.kind.is_warning()
    }
}

/// What is wrong with a row (or with the sheet's header).
#[derive(Debug, Clone, PartialEq)]
pub enum RowProblemKind {
    /// The header row lacks columns every sheet needs (row = the header row).
    MissingColumns(Vec<Field>),
    /// The sheet has no data row under its header.
    NoRows,
    /// A required cell is empty.
    Empty(Field),
    /// The credit code is a number (`9.14401E+17`): its digits are lost; the column
    /// must be formatted as text and the codes typed again.
    CreditCodeAsNumber(String),
    /// Not a credit code (length, alphabet or division).
    BadCreditCode(CreditCodeError),
    /// The check character fails GB 32100 (a warning: some early codes are legal).
    CheckCharacter {
        /// The 18th character found.
        found: char,
        /// The one the first 17 call for.
        expected: char,
    },
    /// The same credit code as an earlier row.
    DuplicateCreditCode {
        /// The earlier row (from 1).
        first_row: usize,
    },
    /// A category that is neither an id nor a name of the template's categories.
    UnknownCategory(String),
    /// More categories than the template allows.
    TooManyCategories {
        /// How many the cell names.
        found: usize,
        /// The template's limit.
        max: u32,
    },
    /// More industries than the template allows.
    TooManyIndustries {
        /// How many the cell names.
        found: usize,
        /// The template's limit.
        max: u32,
    },
    /// 全行业 named together with particular industries.
    AllIndustriesWithOthers,
}

impl RowProblemKind {
    /// True for a warning (the row imports), false for an error (nothing imports).
    pub fn is_warning(&self) -> bool {
        matches!(self, RowProblemKind::CheckCharacter { .. })
    }

    /// A stable snake_case code.
    pub fn code(&self) -> &'static str {
        use RowProblemKind as K;
        match self {
            K::MissingColumns(_) => "missing_columns",
            K::NoRows => "no_rows",
            K::Empty(_) => "empty",
            K::CreditCodeAsNumber(_) => "credit_code_as_number",
            K::BadCreditCode(_) => "bad_credit_code",
            K::CheckCharacter { .. } => "check_character",
            K::DuplicateCreditCode { .. } => "duplicate_credit_code",
            K::UnknownCategory(_) => "unknown_category",
            K::TooManyCategories { .. } => "too_many_categories",
            K::TooManyIndustries { .. } => "too_many_industries",
            K::AllIndustriesWithOthers => "all_industries_with_others",
        }
    }
}

/// One applicant as a sheet row gives it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetApplicant {
    /// The row (from 1).
    pub row: usize,
    /// 单位名称.
    pub name: String,
    /// 统一社会信用代码 (possibly with a warned check character).
    pub credit_code: CreditCode,
    /// 所属地市, in Chinese.
    pub region: String,
    /// The region in English, when the sheet has it.
    pub region_en: Option<String>,
    /// 所属行业, the industries joined with 、.
    pub industry: String,
    /// The industry in English, when the sheet has it.
    pub industry_en: Option<String>,
    /// Category ids of the template, in the cell's order, each once.
    pub categories: Vec<String>,
}

/// The rows of a sheet, checked: the applicants of the rows without errors, and
/// every problem. Import only when [`CheckedSheet::has_errors`] is false.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedSheet {
    /// Applicants, in row order.
    pub applicants: Vec<SheetApplicant>,
    /// Every problem, in row then column order.
    pub problems: Vec<RowProblem>,
}

impl CheckedSheet {
    /// True when some problem is an error.
    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    /// How many problems are errors (not warnings).
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| !p.is_warning()).count()
    }
}

/// The separators between several categories or industries in one cell.
pub const LIST_SEPARATORS: [char; 9] = ['、', ',', '，', ';', '；', '/', '／', '\n', '|'];

/// The text 全行业 (all industries), alone in an industry cell.
pub const ALL_INDUSTRIES: &str = "全行业";

fn split_list(s: &str) -> Vec<String> {
    s.split(LIST_SEPARATORS)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Does this text look like a number as a spreadsheet shows one (`9.14401E+17`,
/// `914401000000000000.0`)?
pub(crate) fn looks_numeric(s: &str) -> bool {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    (lower.contains('e') || t.contains('.'))
        && t.parse::<f64>().is_ok()
        && t.chars().any(|c| c.is_ascii_digit())
}

fn category_id<'t>(template: &'t Template, text: &str) -> Option<&'t str> {
    let t = text.trim();
    template
        .categories
        .iter()
        .find(|c| {
            c.id.eq_ignore_ascii_case(t)
                || c.name.zh.trim() == t
                || c.name.en.trim().eq_ignore_ascii_case(t)
        })
        .map(|c| c.id.as_str())
}

/// Checks every data row of `sheet` under `mapping` against `template`. Blank rows
/// are skipped. Pure: the same cells give the same result.
pub fn check_sheet(sheet: &Sheet, mapping: &ColumnMapping, template: &Template) -> CheckedSheet {
    let mut problems = Vec::new();
    let mut applicants = Vec::new();
    let missing = mapping.missing();
    if !missing.is_empty() {
        problems.push(RowProblem {
            sheet: sheet.name.clone(),
            row: mapping.header_row,
            column: None,
            kind: RowProblemKind::MissingColumns(missing),
        });
        return CheckedSheet {
            applicants,
            problems,
        };
    }
    let col = |f: Field| mapping.column(f);
    let mut seen: HashMap<CreditCode, usize> = HashMap::new();
    let mut any_row = false;
    for (r, cells) in sheet.rows.iter().enumerate().skip(mapping.header_row) {
        if cells.iter().all(Cell::is_blank) {
            continue;
        }
        any_row = true;
        let row = r + 1;
        let cell = |f: Field| -> (Option<usize>, Cell) {
            match col(f) {
                Some(c) => (Some(c), cells.get(c).cloned().unwrap_or(Cell::Empty)),
                None => (None, Cell::Empty),
            }
        };
        let mut row_problems = Vec::new();
        let mut problem = |column: Option<usize>, kind| {
            row_problems.push(RowProblem {
                sheet: sheet.name.clone(),
                row,
                column,
                kind,
            })
        };
        let required = |f: Field, problem: &mut dyn FnMut(Option<usize>, RowProblemKind)| {
            let (c, v) = cell(f);
            let t = v.text();
            if t.is_empty() {
                problem(c, RowProblemKind::Empty(f));
            }
            (c, v, t)
        };

        let (_, _, name) = required(Field::Name, &mut problem);

        let (code_col, code_cell, code_text) = required(Field::CreditCode, &mut problem);
        let mut code = None;
        if !code_text.is_empty() {
            match credit_code_cell(&code_cell, &code_text) {
                CodeCell::AsNumber(shown) => {
                    problem(code_col, RowProblemKind::CreditCodeAsNumber(shown))
                }
                CodeCell::Read(Err(e)) => problem(code_col, RowProblemKind::BadCreditCode(e)),
                CodeCell::Read(Ok((c, mismatch))) => {
                    if let Some(m) = mismatch {
                        problem(
                            code_col,
                            RowProblemKind::CheckCharacter {
                                found: m.found,
                                expected: m.expected,
                            },
                        );
                    }
                    if let Some(first_row) = seen.get(&c) {
                        problem(
                            code_col,
                            RowProblemKind::DuplicateCreditCode {
                                first_row: *first_row,
                            },
                        );
                    } else {
                        seen.insert(c.clone(), row);
                        code = Some(c);
                    }
                }
            }
        }

        let (_, _, region) = required(Field::Region, &mut problem);

        let (ind_col, _, industry_text) = required(Field::Industry, &mut problem);
        let industries = split_list(&industry_text);
        if industries.len() > 1 && industries.iter().any(|i| i == ALL_INDUSTRIES) {
            problem(ind_col, RowProblemKind::AllIndustriesWithOthers);
        } else if let Some(max) = template.max_industries {
            if industries.len() > max as usize {
                problem(
                    ind_col,
                    RowProblemKind::TooManyIndustries {
                        found: industries.len(),
                        max,
                    },
                );
            }
        }

        let (cat_col, _, cat_text) = required(Field::Categories, &mut problem);
        let mut categories: Vec<String> = Vec::new();
        for part in split_list(&cat_text) {
            match category_id(template, &part) {
                Some(id) => {
                    if !categories.iter().any(|c| c == id) {
                        categories.push(id.to_owned());
                    }
                }
                None => problem(cat_col, RowProblemKind::UnknownCategory(part)),
            }
        }
        if let Some(max) = template.max_categories {
            if categories.len() > max as usize {
                problem(
                    cat_col,
                    RowProblemKind::TooManyCategories {
                        found: categories.len(),
                        max,
                    },
                );
            }
        }

        let optional = |f: Field| Some(cell(f).1.text()).filter(|t| !t.is_empty());
        let row_ok = row_problems.iter().all(RowProblem::is_warning);
        problems.extend(row_problems);
        if let (true, Some(credit_code)) = (row_ok, code) {
            applicants.push(SheetApplicant {
                row,
                name,
                credit_code,
                region,
                region_en: optional(Field::RegionEn),
                industry: industries.join("、"),
                industry_en: optional(Field::IndustryEn),
                categories,
            });
        }
    }
    if !any_row {
        problems.push(RowProblem {
            sheet: sheet.name.clone(),
            row: mapping.header_row,
            column: None,
            kind: RowProblemKind::NoRows,
        });
    }
    CheckedSheet {
        applicants,
        problems,
    }
}

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeOutcome {
    /// The round's applicants after the merge: the existing ones in their order
    /// (updated in place), then the new ones in row order.
    pub applicants: Vec<Applicant>,
    /// Ids given to new applicants.
    pub added: Vec<String>,
    /// Ids of existing applicants whose fields changed.
    pub updated: Vec<String>,
    /// Ids of existing applicants the sheet matched without a change.
    pub unchanged: Vec<String>,
    /// Ids of existing applicants the sheet does not list (kept as they are).
    pub not_in_sheet: Vec<String>,
}

/// The next free id of the form `A01` after the highest `A<digits>` in use
/// (two digits at least: `A09`, `A10`, `A100`).
fn next_id(used: &[Applicant], offset: usize) -> String {
    let max = used
        .iter()
        .filter_map(|a| a.id.strip_prefix('A').and_then(|n| n.parse::<usize>().ok()))
        .max()
        .unwrap_or(0);
    format!("A{:02}", max + 1 + offset)
}

fn localized(zh: &str, en: Option<&str>, before: Option<&Localized>) -> Localized {
    let en = match (en, before) {
        (Some(en), _) => en.to_owned(),
        // The English is kept while the Chinese it translates is unchanged.
        (None, Some(b)) if b.zh == zh => b.en.clone(),
        (None, _) => zh.to_owned(),
    };
    Localized {
        zh: zh.to_owned(),
        en,
    }
}

/// Merges checked sheet rows into a round's applicants by credit code: a known code
/// updates that applicant (its id kept; name, region, industry and categories from
/// the sheet), an unknown one is added with the next free id. Applicants the sheet
/// does not list are kept untouched. Merging the same rows twice changes nothing
/// the second time.
pub fn merge_applicants(existing: &[Applicant], rows: &[SheetApplicant]) -> MergeOutcome {
    let mut applicants = existing.to_vec();
    let by_code: HashMap<&CreditCode, usize> = existing
        .iter()
        .enumerate()
        .map(|(i, a)| (&a.credit_code, i))
        .collect();
    let (mut added, mut updated, mut unchanged) = (Vec::new(), Vec::new(), Vec::new());
    let mut matched = vec![false; existing.len()];
    let mut new = Vec::new();
    for row in rows {
        let before = by_code.get(&row.credit_code).map(|&i| &existing[i]);
        let id = match before {
            Some(b) => b.id.clone(),
            None => next_id(existing, new.len()),
        };
        let applicant = Applicant {
            id: id.clone(),
            name: row.name.clone(),
            credit_code: row.credit_code.clone(),
            region: localized(
                &row.region,
                row.region_en.as_deref(),
                before.map(|b| &b.region),
            ),
            industry: localized(
                &row.industry,
                row.industry_en.as_deref(),
                before.map(|b| &b.industry),
            ),
            categories: row.categories.clone(),
        };
        match by_code.get(&row.credit_code) {
            Some(&i) => {
                matched[i] = true;
                if applicants[i] == applicant {
                    unchanged.push(id);
                } else {
                    applicants[i] = applicant;
                    updated.push(id);
                }
            }
            None => {
                added.push(id);
                new.push(applicant);
            }
        }
    }
    let not_in_sheet = existing
        .iter()
        .zip(&matched)
        .filter(|(_, m)| !**m)
        .map(|(a, _)| a.id.clone())
        .collect();
    applicants.extend(new);
    MergeOutcome {
        applicants,
        added,
        updated,
        unchanged,
        not_in_sheet,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credit_code::check_character;
    use proptest::prelude::*;

    fn template() -> Template {
        let text = include_str!("../../../assets/templates/gd-pool-2021.toml");
        toml::from_str(text).unwrap()
    }

    fn code(first17: &str) -> String {
        format!("{first17}{}", check_character(first17).unwrap())
    }

    fn t(s: &str) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.into())
        }
    }

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: "申报名单".into(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| t(c)).collect())
                .collect(),
        }
    }

    const HEAD: &[&str] = &[
        "单位名称",
        "统一社会信用代码",
        "所属地市",
        "所属行业",
        "申报类别",
        "联系人",
    ];

    fn check(rows: &[&[&str]]) -> CheckedSheet {
        let s = sheet(rows);
        let m = detect_mapping(&s);
        check_sheet(&s, &m, &template())
    }

    fn kinds(c: &CheckedSheet) -> Vec<(usize, Option<String>, &'static str)> {
        c.problems
            .iter()
            .map(|p| (p.row, p.column.map(column_letter), p.kind.code()))
            .collect()
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(2), "C");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn chinese_and_english_headers_map() {
        let s = sheet(&[&[
            "序号",
            "Company Name",
            "Credit Code*",
            "Region",
            "Region (English)",
            "所属行业",
            "Categories",
        ]]);
        let m = detect_mapping(&s);
        assert!(m.missing().is_empty(), "{m:?}");
        assert_eq!(m.column(Field::Name), Some(1));
        assert_eq!(m.column(Field::RegionEn), Some(4));
        assert_eq!(m.ignored, vec![(0, "序号".to_owned())]);
    }

    #[test]
    fn a_blank_header_under_a_merged_title_takes_the_text_above() {
        // Row 1: a title; row 2: 基本信息 over A-B (merged: the reader repeats it), the
        // rest blank with their header one row down; row 3: the sub-headers.
        let s = sheet(&[
            &["2021年申报名单"],
            &[
                "单位名称",
                "统一社会信用代码",
                "申报信息",
                "申报信息",
                "申报信息",
            ],
            &["", "", "所属地市", "所属行业", "申报类别"],
            &[
                "甲公司",
                &code("91440101MA5AGYGLU"),
                "广州市",
                "全行业",
                "应用",
            ],
        ]);
        let m = detect_mapping(&s);
        assert_eq!(m.header_row, 3);
        assert!(m.missing().is_empty(), "{m:?}");
        assert_eq!(m.column(Field::CreditCode), Some(1));
    }

    #[test]
    fn each_problem_is_named_by_row_and_column() {
        let good = code("91440101MA5AGYGLU");
        let wrong_check = {
            let mut c = code("91440300MA5W7WKKH");
            let last = c.pop().unwrap();
            c.push(if last == '0' { '1' } else { '0' });
            c
        };
        let c = check(&[
            HEAD,
            &[
                "甲公司",
                &good,
                "广州市",
                "C38 电气机械和器材制造业",
                "application",
                "张三",
            ],
            &["乙公司", "9.14401E+17", "深圳市", "全行业", "平台", ""],
            &[
                "丙公司",
                &wrong_check,
                "佛山市",
                "C21、C29",
                "工业互联网平台、工业互联网网络",
                "",
            ],
            &["丁公司", &good, "珠海市", "全行业", "application", ""],
            &[
                "戊公司",
                &code("91440604MA5RJHTPQ"),
                "",
                "全行业",
                "区块链",
                "",
            ],
            &["", "", "", "", "", ""],
            &[
                "己公司",
                &code("91441900MA5QQJE70"),
                "东莞市",
                "C13、C14、C15、C17",
                "application/platform/network",
                "",
            ],
            &[
                "庚公司",
                &code("91440402MA539T3E0"),
                "珠海市",
                "全行业、C38",
                "security",
                "",
            ],
        ]);
        assert_eq!(
            kinds(&c),
            vec![
                (3, Some("B".into()), "credit_code_as_number"),
                (3, Some("E".into()), "unknown_category"),
                (4, Some("B".into()), "check_character"),
                (5, Some("B".into()), "duplicate_credit_code"),
                (6, Some("C".into()), "empty"),
                (6, Some("E".into()), "unknown_category"),
                (8, Some("D".into()), "too_many_industries"),
                (8, Some("E".into()), "too_many_categories"),
                (9, Some("D".into()), "all_industries_with_others"),
            ]
        );
        assert!(c.has_errors());
        // Row 4 (a warning only) is kept, with both its categories.
        let row4 = c.applicants.iter().find(|a| a.row == 4).unwrap();
        assert_eq!(row4.categories, ["platform", "network"]);
        assert_eq!(row4.industry, "C21、C29");
    }

    #[test]
    fn a_float_cell_is_a_lost_code() {
        let mut s = sheet(&[HEAD, &["甲公司", "", "广州市", "全行业", "application"]]);
        s.rows[1][1] = Cell::Number(9.14401010000000e17);
        let c = check_sheet(&s, &detect_mapping(&s), &template());
        assert!(matches!(
            &c.problems[0].kind,
            RowProblemKind::CreditCodeAsNumber(shown) if shown.contains('E')
        ));
    }

    #[test]
    fn missing_columns_are_one_problem_on_the_header_row() {
        let c = check(&[&["单位名称", "所属地市"], &["甲公司", "广州市"]]);
        assert_eq!(
            c.problems[0].kind,
            RowProblemKind::MissingColumns(vec![
                Field::CreditCode,
                Field::Industry,
                Field::Categories
            ])
        );
    }

    fn applicant(id: &str, code: &str) -> Applicant {
        Applicant {
            id: id.into(),
            name: "旧名".into(),
            credit_code: CreditCode::parse(code).unwrap(),
            region: Localized {
                zh: "广州市".into(),
                en: "Guangzhou".into(),
            },
            industry: Localized {
                zh: "全行业".into(),
                en: "All industries".into(),
            },
            categories: vec!["platform".into()],
        }
    }

    fn row(code: &str, name: &str) -> SheetApplicant {
        SheetApplicant {
            row: 2,
            name: name.into(),
            credit_code: CreditCode::parse(code).unwrap(),
            region: "广州市".into(),
            region_en: None,
            industry: "全行业".into(),
            industry_en: None,
            categories: vec!["platform".into(), "application".into()],
        }
    }

    #[test]
    fn merge_updates_by_credit_code_and_adds_with_the_next_id() {
        let a = code("91440101MA5AGYGLU");
        let b = code("91440300MA5W7WKKH");
        let existing = vec![
            applicant("A01", &a),
            applicant("A08", &code("91440604MA5RJHTPQ")),
        ];
        let out = merge_applicants(&existing, &[row(&b, "新公司"), row(&a, "新名")]);
        assert_eq!(out.added, ["A09"]);
        assert_eq!(out.updated, ["A01"]);
        assert_eq!(out.not_in_sheet, ["A08"]);
        assert_eq!(out.applicants[0].name, "新名");
        // The English kept while the Chinese is the same.
        assert_eq!(out.applicants[0].region.en, "Guangzhou");
        assert_eq!(out.applicants[0].categories, ["platform", "application"]);
        assert_eq!(out.applicants[2].id, "A09");
        assert_eq!(out.applicants[2].region.en, "广州市");
    }

    fn arb_rows() -> impl Strategy<Value = Vec<SheetApplicant>> {
        let one = (
            "[0-9]{6}",
            "[0-9A-HJ-NPQRTUWXY]{9}",
            "[甲乙丙]{1,3}",
            prop::option::of("[a-z]{1,4}"),
            prop::sample::subsequence(vec!["platform", "application", "network"], 1..=2),
        )
            .prop_map(|(div, org, name, en, cats)| SheetApplicant {
                row: 0,
                name,
                credit_code: CreditCode::parse(&code(&format!("91{div}{org}"))).unwrap(),
                region: "广州市".into(),
                region_en: en,
                industry: "全行业".into(),
                industry_en: None,
                categories: cats.into_iter().map(String::from).collect(),
            });
        prop::collection::vec(one, 0..12).prop_map(|mut rows| {
            let mut seen = std::collections::HashSet::new();
            rows.retain(|r| seen.insert(r.credit_code.clone()));
            rows
        })
    }

    proptest! {
        #[test]
        fn reimporting_the_same_rows_is_idempotent(
            first in arb_rows(), rows in arb_rows(), keep in 0usize..12
        ) {
            // An existing round from an earlier import, then some rows shared with it.
            let existing = merge_applicants(&[], &first).applicants;
            let rows: Vec<_> = first.iter().take(keep).cloned().chain(rows)
                .scan(std::collections::HashSet::new(), |seen, r| {
                    Some(seen.insert(r.credit_code.clone()).then_some(r))
                })
                .flatten()
                .collect();
            let once = merge_applicants(&existing, &rows);
            let twice = merge_applicants(&once.applicants, &rows);
            prop_assert_eq!(&twice.applicants, &once.applicants);
            prop_assert!(twice.added.is_empty() && twice.updated.is_empty());
            prop_assert_eq!(twice.unchanged.len(), rows.len());
            // Never a duplicate code or id.
            let codes: std::collections::HashSet<_> =
                once.applicants.iter().map(|a| &a.credit_code).collect();
            let ids: std::collections::HashSet<_> = once.applicants.iter().map(|a| &a.id).collect();
            prop_assert_eq!(codes.len(), once.applicants.len());
            prop_assert_eq!(ids.len(), once.applicants.len());
        }
    }
}
