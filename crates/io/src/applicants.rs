//! Importing applicants from a spreadsheet into a round folder's `round.toml`:
//! [`plan_applicant_import`] reads, checks and merges without writing (the preview),
//! [`write_applicant_import`] saves a plan without errors, [`import_applicants`] does
//! both. Nothing is half-imported: with any error nothing is written.
//!
//! `round.toml` stays the organizer's document: only the `[[applicant]]` tables
//! change (edited in place, new ones after the last), every other line — comments,
//! materials, panel, assignments — is kept byte for byte, and the new text is
//! parsed and validated before it replaces the old one through a renamed
//! temporary file.

use crate::round_edit::{extend_tables, reads_back_as};
use crate::sheet::{read_sheet, SheetError};
use crate::{load_round, LoadError};
use reviewdesk_core::{
    check_sheet, detect_mapping, merge_applicants, Applicant, CheckedSheet, ColumnMapping,
    Localized, MergeOutcome,
};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use toml_edit::{value, Array, InlineTable, Item, Table};

/// Why an import could not be planned or written (row problems are not errors
/// here: they are in the plan).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The round folder does not load.
    #[error(transparent)]
    Round(#[from] LoadError),
    /// The spreadsheet cannot be read.
    #[error(transparent)]
    Sheet(#[from] SheetError),
    /// The plan has errors: nothing may be written.
    #[error("the sheet has {0} error(s): nothing was imported")]
    HasErrors(usize),
    /// `round.toml` could not be edited (it is not the TOML it was when loaded).
    #[error("{}: {message}", path.display())]
    Edit {
        /// `round.toml`.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The assignment cannot be made: a shortage (every one named) or an input the
    /// solver refuses.
    #[error(transparent)]
    Assign(reviewdesk_core::assign::AssignError),
    /// An edit of the organizer's decisions (a conflict dismissed, a recusal request
    /// entered or ruled) that the rules refuse; nothing was written.
    #[error(transparent)]
    Decision(#[from] reviewdesk_core::DecisionError),
    /// `round new` into a folder that already has a `round.toml` (left as it is).
    #[error("{}: a round already exists here; nothing was changed", path.display())]
    Exists {
        /// The existing `round.toml`.
        path: PathBuf,
    },
    /// Writing `round.toml` failed; the old file is untouched.
    #[error("{}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The IO error.
        source: std::io::Error,
    },
    /// An eligibility check that cannot be recorded (unknown applicant or item, an
    /// item not met without a note …); nothing was written.
    #[error(transparent)]
    Eligibility(reviewdesk_core::EligibilityError),
}

/// The stable code of an [`ImportError`] (not `#[non_exhaustive]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportCode {
    /// The round folder does not load: the loader's code.
    Round(crate::LoadCode),
    /// The spreadsheet cannot be read: the reader's code.
    Sheet(crate::SheetCode),
    /// `has_errors`: the sheet has errors; nothing was written.
    HasErrors,
    /// `round_changed`: `round.toml` is not what it was when loaded.
    RoundChanged,
    /// `not_writable`
    NotWritable,
    /// `assign_refused`: no assignment can be made (a shortage, or an input refused).
    AssignRefused,
    /// `round_exists`: a new round where one already is.
    RoundExists,
    /// `eligibility_refused`: an eligibility check that cannot be recorded.
    EligibilityRefused,
    /// `decision_refused`: a dismissal or recusal edit the rules refuse (the
    /// error's own code says why).
    DecisionRefused,
}

impl ImportCode {
    /// The code's snake_case text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Round(c) => c.as_str(),
            Self::Sheet(c) => c.as_str(),
            Self::HasErrors => "has_errors",
            Self::RoundChanged => "round_changed",
            Self::NotWritable => "not_writable",
            Self::AssignRefused => "assign_refused",
            Self::RoundExists => "round_exists",
            Self::EligibilityRefused => "eligibility_refused",
            Self::DecisionRefused => "decision_refused",
        }
    }
}

impl ImportError {
    /// What is wrong, where and what to do, in `lang` (English: the `Display`
    /// text).
    pub fn message(&self, lang: reviewdesk_core::Lang) -> String {
        use reviewdesk_core::Lang;
        match self {
            Self::Round(e) => return e.message(lang),
            Self::Sheet(e) => return e.message(lang),
            Self::Assign(e) => return e.message(lang),
            Self::Decision(e) => return e.message(lang),
            Self::Eligibility(e) => return e.message(lang),
            _ if lang == Lang::En => return self.to_string(),
            _ => {}
        }
        match self {
            Self::HasErrors(n) => {
                format!("电子表格有 {n} 处错误，未导入任何内容。请按列出的问题修改后重试")
            }
            Self::Edit { path, .. } => format!(
                "{} 在读入后被改动过，或不是读入时的 TOML，未写入任何内容。请重新运行",
                path.display()
            ),
            Self::Exists { path } => {
                format!("{}：这里已有评审批次，未做任何改动", path.display())
            }
            Self::Write { path, source } => format!(
                "无法写入 {}：{}；原文件未改动",
                path.display(),
                reviewdesk_formats::io_reason(source, lang)
            ),
            Self::Round(_)
            | Self::Sheet(_)
            | Self::Assign(_)
            | Self::Decision(_)
            | Self::Eligibility(_) => unreachable!("answered above"),
        }
    }
}

/// Every [`ImportError`] variant once (a new variant fails to compile in the
/// match until listed), for the message tests.
#[doc(hidden)]
pub fn every_import_error() -> Vec<ImportError> {
    let io = || std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied by the system");
    let mut all: Vec<ImportError> = crate::every_load_error()
        .into_iter()
        .map(ImportError::Round)
        .collect();
    all.extend([
        ImportError::Sheet(SheetError::Read {
            path: "a.xlsx".into(),
            source: io(),
        }),
        ImportError::Sheet(SheetError::Unsupported {
            path: "a.txt".into(),
        }),
        ImportError::Sheet(SheetError::Workbook {
            path: "a.xlsx".into(),
            message: "invalid zip header found".into(),
        }),
        ImportError::Sheet(SheetError::NoSuchSheet {
            path: "a.xlsx".into(),
            name: "Sheet9".into(),
            available: vec!["Sheet1".into()],
        }),
        ImportError::Sheet(SheetError::Encoding {
            path: "a.csv".into(),
            encoding: "Big5",
        }),
        ImportError::Sheet(SheetError::Undecodable {
            path: "a.csv".into(),
            encoding: "UTF-8",
            line: 3,
        }),
        ImportError::Sheet(SheetError::Csv {
            path: "a.csv".into(),
            line: 3,
            message: "found record with 2 fields, but the previous record has 3 fields".into(),
        }),
        ImportError::HasErrors(2),
        ImportError::Edit {
            path: "round.toml".into(),
            message: "the file changed since it was loaded".into(),
        },
        ImportError::Assign(reviewdesk_core::assign::AssignError::Input(vec![
            reviewdesk_core::assign::InputProblem::UnknownExpert("E09".into()),
        ])),
        ImportError::Decision(reviewdesk_core::DecisionError::EmptyReason),
        ImportError::Exists {
            path: "round.toml".into(),
        },
        ImportError::Write {
            path: "round.toml".into(),
            source: io(),
        },
        ImportError::Eligibility(reviewdesk_core::EligibilityError::CheckerRequired),
    ]);
    for e in &all {
        match e {
            ImportError::Round(_)
            | ImportError::Sheet(_)
            | ImportError::HasErrors(_)
            | ImportError::Edit { .. }
            | ImportError::Assign(_)
            | ImportError::Decision(_)
            | ImportError::Exists { .. }
            | ImportError::Write { .. }
            | ImportError::Eligibility(_) => {}
        }
    }
    for e in &all {
        if let ImportError::Sheet(s) = e {
            match s {
                SheetError::Read { .. }
                | SheetError::Unsupported { .. }
                | SheetError::Workbook { .. }
                | SheetError::NoSuchSheet { .. }
                | SheetError::Encoding { .. }
                | SheetError::Undecodable { .. }
                | SheetError::Csv { .. } => {}
            }
        }
    }
    all
}

impl ImportError {
    /// The stable code.
    pub fn code(&self) -> ImportCode {
        match self {
            ImportError::Round(e) => ImportCode::Round(e.code()),
            ImportError::Sheet(e) => ImportCode::Sheet(e.code()),
            ImportError::HasErrors(_) => ImportCode::HasErrors,
            ImportError::Edit { .. } => ImportCode::RoundChanged,
            ImportError::Write { .. } => ImportCode::NotWritable,
            ImportError::Assign(_) => ImportCode::AssignRefused,
            ImportError::Exists { .. } => ImportCode::RoundExists,
            ImportError::Eligibility(_) => ImportCode::EligibilityRefused,
            ImportError::Decision(_) => ImportCode::DecisionRefused,
        }
    }
}

/// What an import would do: the mapping used, every problem, and — when there is
/// no error — the merge and the new text of `round.toml`.
#[derive(Debug, Clone)]
pub struct ApplicantImport {
    /// The sheet read.
    pub sheet: String,
    /// The columns used.
    pub mapping: ColumnMapping,
    /// The rows checked: applicants and problems.
    pub checked: CheckedSheet,
    /// The merge into the round's applicants; `None` when the sheet has errors.
    pub merge: Option<MergeOutcome>,
    /// The new `round.toml`; `None` when the sheet has errors.
    pub round_toml: Option<String>,
}

/// Reads `file` (sheet `sheet`, else the first), maps its columns (`mapping`, else
/// the automatic one), checks every row against the round's template and, without
/// errors, merges the rows into the round's applicants. Writes nothing.
pub fn plan_applicant_import(
    dir: &Path,
    file: &Path,
    sheet: Option<&str>,
    mapping: Option<ColumnMapping>,
) -> Result<ApplicantImport, ImportError> {
    let loaded = load_round(dir)?;
    let cells = read_sheet(file, sheet)?;
    let mapping = mapping.unwrap_or_else(|| detect_mapping(&cells));
    let checked = check_sheet(&cells, &mapping, &loaded.template);
    let (merge, round_toml) = if checked.has_errors() {
        (None, None)
    } else {
        let merge = merge_applicants(&loaded.round.applicants, &checked.applicants);
        let path = dir.join("round.toml");
        let old = fs::read_to_string(&path).map_err(|source| LoadError::Read {
            path: path.clone(),
            source,
        })?;
        let new = extend_tables(
            &path,
            &old,
            "applicant",
            &loaded.round.applicants,
            &merge.applicants,
            set_fields,
        )?;
        let mut expected = loaded.round.clone();
        expected.applicants = merge.applicants.clone();
        reads_back_as(dir, &path, &new, &expected)?;
        (Some(merge), Some(new))
    };
    Ok(ApplicantImport {
        sheet: cells.name,
        mapping,
        checked,
        merge,
        round_toml,
    })
}

/// Writes a plan's `round.toml` (through a temporary file, renamed); refuses a plan
/// with errors.
pub fn write_applicant_import(dir: &Path, plan: &ApplicantImport) -> Result<(), ImportError> {
    let errors = plan.checked.errors();
    match &plan.round_toml {
        Some(text) if errors == 0 => write_atomically(&dir.join("round.toml"), text.as_bytes()),
        _ => Err(ImportError::HasErrors(errors)),
    }
}

/// Plans the import with the automatic mapping and writes it when it has no error.
/// The plan is returned either way (its problems say why nothing was written).
pub fn import_applicants(
    dir: &Path,
    file: &Path,
    sheet: Option<&str>,
) -> Result<ApplicantImport, ImportError> {
    let plan = plan_applicant_import(dir, file, sheet, None)?;
    if plan.round_toml.is_some() {
        write_applicant_import(dir, &plan)?;
    }
    Ok(plan)
}

fn localized(t: &Localized) -> Item {
    let mut it = InlineTable::new();
    it.insert("zh", t.zh.as_str().into());
    it.insert("en", t.en.as_str().into());
    value(it)
}

fn categories(c: &[String]) -> Item {
    value(c.iter().map(String::as_str).collect::<Array>())
}

fn set_fields(table: &mut Table, before: Option<&Applicant>, a: &Applicant) {
    // Only what changed is rewritten, so untouched lines keep their comments.
    if before.is_none_or(|b| b.id != a.id) {
        table["id"] = value(a.id.as_str());
    }
    if before.is_none_or(|b| b.name != a.name) {
        table["name"] = value(a.name.as_str());
    }
    if before.is_none_or(|b| b.credit_code != a.credit_code) {
        table["credit_code"] = value(a.credit_code.as_str());
    }
    if before.is_none_or(|b| b.region != a.region) {
        table["region"] = localized(&a.region);
    }
    if before.is_none_or(|b| b.industry != a.industry) {
        table["industry"] = localized(&a.industry);
    }
    if before.is_none_or(|b| b.categories != a.categories) {
        table["categories"] = categories(&a.categories);
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder, synced
/// and renamed over it, so a reader sees the old file or the new one, never half.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ImportError> {
    let write_err = |source| ImportError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        if let Ok(d) = fs::File::open(dir) {
            // Makes the rename durable where the platform allows syncing a folder.
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(write_err)
}
