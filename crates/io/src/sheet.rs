//! Reading an applicant spreadsheet into a [`Sheet`] of cells: XLSX, XLS and ODS
//! through calamine (merged regions filled), CSV in UTF-8, UTF-8 with BOM or
//! GB18030/GBK (`docs/formats.md`, "Applicant spreadsheet").

use calamine::{open_workbook_auto, Data, Dimensions, Reader, Sheets};
use reviewdesk_core::{Cell, Sheet};
use std::fs;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

/// Largest spreadsheet accepted, in bytes (50 MiB): far above any applicant list.
pub const MAX_SHEET_BYTES: u64 = 50 * 1024 * 1024;

/// Why a spreadsheet could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SheetError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The IO error.
        source: std::io::Error,
    },
    /// Neither `.xlsx`, `.xls`, `.ods` nor `.csv`, or larger than [`MAX_SHEET_BYTES`].
    #[error("{}: not an applicant spreadsheet (.xlsx, .xls, .ods or .csv of at most 50 MiB)", path.display())]
    Unsupported {
        /// The file.
        path: PathBuf,
    },
    /// The workbook is damaged or not what its name says.
    #[error("{}: cannot read the workbook: {message}", path.display())]
    Workbook {
        /// The file.
        path: PathBuf,
        /// calamine's message.
        message: String,
    },
    /// No sheet of that name (or the workbook has none).
    #[error("{}: no sheet named '{name}' (sheets: {})", path.display(), available.join(", "))]
    NoSuchSheet {
        /// The file.
        path: PathBuf,
        /// The name asked for.
        name: String,
        /// The sheets the workbook has.
        available: Vec<String>,
    },
    /// A CSV that is not UTF-8 and not GB18030/GBK as far as can be told.
    #[error("{}: the CSV's encoding looks like {encoding}; save it as UTF-8 (or GBK) CSV", path.display())]
    Encoding {
        /// The file.
        path: PathBuf,
        /// The encoding guessed.
        encoding: &'static str,
    },
    /// A CSV that would decode only with replacement characters (�): some bytes are
    /// not text in its encoding, so some names would be wrong.
    #[error("{}: line {line} is not valid {encoding}: save the file again as UTF-8 CSV", path.display())]
    Undecodable {
        /// The file.
        path: PathBuf,
        /// The encoding tried.
        encoding: &'static str,
        /// The first line (from 1) with a bad byte or a replacement character.
        line: usize,
    },
    /// The CSV's quoting is broken.
    #[error("{}: line {line}: {message}", path.display())]
    Csv {
        /// The file.
        path: PathBuf,
        /// The line (from 1).
        line: u64,
        /// What the CSV reader says.
        message: String,
    },
}

/// The stable code of a [`SheetError`] (not `#[non_exhaustive]`: a caller that
/// maps every code fails to compile when one is added).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SheetCode {
    /// `read`
    Read,
    /// `unsupported`
    Unsupported,
    /// `workbook`
    Workbook,
    /// `no_such_sheet`
    NoSuchSheet,
    /// `encoding`
    Encoding,
    /// `undecodable`
    Undecodable,
    /// `csv`
    Csv,
}

impl SheetCode {
    /// The code's snake_case text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Unsupported => "unsupported",
            Self::Workbook => "workbook",
            Self::NoSuchSheet => "no_such_sheet",
            Self::Encoding => "encoding",
            Self::Undecodable => "undecodable",
            Self::Csv => "csv",
        }
    }
}

impl SheetError {
    /// The stable code.
    pub fn code(&self) -> SheetCode {
        match self {
            SheetError::Read { .. } => SheetCode::Read,
            SheetError::Unsupported { .. } => SheetCode::Unsupported,
            SheetError::Workbook { .. } => SheetCode::Workbook,
            SheetError::NoSuchSheet { .. } => SheetCode::NoSuchSheet,
            SheetError::Encoding { .. } => SheetCode::Encoding,
            SheetError::Undecodable { .. } => SheetCode::Undecodable,
            SheetError::Csv { .. } => SheetCode::Csv,
        }
    }

    /// The file it is about.
    pub fn path(&self) -> &Path {
        match self {
            SheetError::Read { path, .. }
            | SheetError::Unsupported { path }
            | SheetError::Workbook { path, .. }
            | SheetError::NoSuchSheet { path, .. }
            | SheetError::Encoding { path, .. }
            | SheetError::Undecodable { path, .. }
            | SheetError::Csv { path, .. } => path,
        }
    }

    /// The line it is about (from 1), for a CSV.
    pub fn line(&self) -> Option<usize> {
        match self {
            SheetError::Undecodable { line, .. } => Some(*line),
            SheetError::Csv { line, .. } => usize::try_from(*line).ok(),
            SheetError::Read { .. }
            | SheetError::Unsupported { .. }
            | SheetError::Workbook { .. }
            | SheetError::NoSuchSheet { .. }
            | SheetError::Encoding { .. } => None,
        }
    }
}

enum Kind {
    Workbook,
    Csv,
}

fn kind_of(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => Some(Kind::Workbook),
        "csv" => Some(Kind::Csv),
        _ => None,
    }
}

/// Reads one sheet of a spreadsheet: `sheet` by name, else the first. A CSV has one
/// sheet, named after the file.
pub fn read_sheet(path: &Path, sheet: Option<&str>) -> Result<Sheet, SheetError> {
    let read_err = |source| SheetError::Read {
        path: path.to_path_buf(),
        source,
    };
    let meta = fs::metadata(path).map_err(read_err)?;
    let unsupported = || SheetError::Unsupported {
        path: path.to_path_buf(),
    };
    if meta.len() > MAX_SHEET_BYTES {
        return Err(unsupported());
    }
    match kind_of(path).ok_or_else(unsupported)? {
        Kind::Csv => {
            let bytes = fs::read(path).map_err(read_err)?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if let Some(wanted) = sheet.filter(|s| *s != name) {
                return Err(SheetError::NoSuchSheet {
                    path: path.to_path_buf(),
                    name: wanted.to_owned(),
                    available: vec![name],
                });
            }
            read_csv(path, &bytes, name)
        }
        Kind::Workbook => {
            let book = open_workbook_auto(path).map_err(|e| SheetError::Workbook {
                path: path.to_path_buf(),
                message: e.to_string(),
            })?;
            read_workbook(path, book, sheet)
        }
    }
}

fn read_workbook<RS: Read + Seek>(
    path: &Path,
    mut book: Sheets<RS>,
    sheet: Option<&str>,
) -> Result<Sheet, SheetError> {
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names.iter().find(|n| *n == s).cloned(),
        None => names.first().cloned(),
    }
    .ok_or_else(|| SheetError::NoSuchSheet {
        path: path.to_path_buf(),
        name: sheet.unwrap_or("").to_owned(),
        available: names.clone(),
    })?;
    let workbook_err = |message: String| SheetError::Workbook {
        path: path.to_path_buf(),
        message,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| workbook_err(e.to_string()))?;
    let merges: Vec<Dimensions> = match &mut book {
        Sheets::Xlsx(x) => x
            .merge_cells_by_sheet_name(&name)
            .map_err(|e| workbook_err(e.to_string()))?,
        Sheets::Xls(x) => x
            .merge_cells_by_sheet_name(&name)
            .map_err(|e| workbook_err(e.to_string()))?,
        // calamine reads no merged regions from ODS or XLSB: their headers repeat nothing.
        Sheets::Ods(_) | Sheets::Xlsb(_) => Vec::new(),
    };

    let mut rows: Vec<Vec<Cell>> = Vec::new();
    if let Some((r0, c0)) = range.start() {
        let (r0, c0) = (r0 as usize, c0 as usize);
        for (i, row) in range.rows().enumerate() {
            let mut cells = vec![Cell::Empty; c0];
            cells.extend(row.iter().map(cell_of));
            while matches!(cells.last(), Some(Cell::Empty)) {
                cells.pop();
            }
            let r = r0 + i;
            if rows.len() <= r {
                rows.resize(r + 1, Vec::new());
            }
            rows[r] = cells;
        }
    }
    // A merged region shows its top-left value in every cell it covers.
    for m in merges {
        let (sr, sc) = (m.start.0 as usize, m.start.1 as usize);
        let value = rows
            .get(sr)
            .and_then(|r| r.get(sc))
            .cloned()
            .unwrap_or(Cell::Empty);
        if value == Cell::Empty {
            continue;
        }
        for r in sr..=m.end.0 as usize {
            if rows.len() <= r {
                rows.resize(r + 1, Vec::new());
            }
            for c in sc..=m.end.1 as usize {
                let row = &mut rows[r];
                if row.len() <= c {
                    row.resize(c + 1, Cell::Empty);
                }
                row[c] = value.clone();
            }
        }
    }
    Ok(Sheet { name, rows })
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        // A date cell is its serial (days since 1899-12-30), as the spreadsheet
        // stores it; a field that takes dates reads it so.
        Data::DateTime(d) => Cell::Number(d.as_f64()),
        other => Cell::Text(other.to_string()),
    }
}

fn line_of(text: &str, byte: usize) -> usize {
    text.as_bytes()[..byte]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Decodes a CSV's bytes: UTF-8 (with or without BOM) as is, else the encoding
/// chardetng guesses, which must be GBK/GB18030 (decoded as GB18030, its superset).
/// Any byte that would decode to a replacement character refuses the file.
pub fn decode_csv(path: &Path, bytes: &[u8]) -> Result<(String, &'static str), SheetError> {
    let undecodable = |encoding, line| SheetError::Undecodable {
        path: path.to_path_buf(),
        encoding,
        line,
    };
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        match std::str::from_utf8(rest) {
            Ok(t) => (t.to_owned(), "UTF-8"),
            Err(e) => {
                let line = line_of(&String::from_utf8_lossy(rest), e.valid_up_to());
                return Err(undecodable("UTF-8", line));
            }
        }
    } else if let Ok(t) = std::str::from_utf8(bytes) {
        (t.to_owned(), "UTF-8")
    } else {
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        let guess = detector.guess(Some(b"cn"), true);
        if guess != encoding_rs::GBK && guess != encoding_rs::GB18030 {
            return Err(SheetError::Encoding {
                path: path.to_path_buf(),
                encoding: guess.name(),
            });
        }
        match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
            Some(t) => (t.into_owned(), "GB18030"),
            None => {
                let (lossy, _) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
                let at = lossy.find('\u{FFFD}').unwrap_or(0);
                return Err(undecodable("GB18030", line_of(&lossy, at)));
            }
        }
    };
    if let Some(at) = text.find('\u{FFFD}') {
        return Err(undecodable(encoding, line_of(&text, at)));
    }
    Ok((text, encoding))
}

fn read_csv(path: &Path, bytes: &[u8], name: String) -> Result<Sheet, SheetError> {
    let (text, _) = decode_csv(path, bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| SheetError::Csv {
            path: path.to_path_buf(),
            line: e.position().map(|p| p.line()).unwrap_or(0),
            message: e.to_string(),
        })?;
        // Rows are named by record, as a spreadsheet shows the file (a quoted line
        // break makes a record longer than one line).
        rows.push(
            record
                .iter()
                .map(|f| {
                    if f.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(f.to_owned())
                    }
                })
                .collect(),
        );
    }
    Ok(Sheet { name, rows })
}

impl SheetError {
    /// What is wrong with the spreadsheet and what to do, in `lang` (English: the
    /// `Display` text).
    pub fn message(&self, lang: reviewdesk_core::Lang) -> String {
        if lang == reviewdesk_core::Lang::En {
            return self.to_string();
        }
        match self {
            Self::Read { path, source } => format!(
                "无法读取 {}：{}",
                path.display(),
                reviewdesk_formats::io_reason(source, lang)
            ),
            Self::Unsupported { path } => format!(
                "{} 不是可读取的电子表格（.xlsx、.xls、.ods 或 .csv，不超过 50 MiB）",
                path.display()
            ),
            Self::Workbook { path, .. } => format!(
                "{} 无法作为工作簿读取：文件已损坏，或与扩展名不符。请用表格软件重新保存",
                path.display()
            ),
            Self::NoSuchSheet {
                path,
                name,
                available,
            } => format!(
                "{} 中没有名为“{name}”的工作表（现有：{}）",
                path.display(),
                available.join("、")
            ),
            Self::Encoding { path, encoding } => format!(
                "{} 的编码看起来是 {encoding}：请另存为 UTF-8（或 GBK）编码的 CSV",
                path.display()
            ),
            Self::Undecodable {
                path,
                encoding,
                line,
            } => format!(
                "{} 第 {line} 行不是有效的 {encoding} 文本：请另存为 UTF-8 编码的 CSV",
                path.display()
            ),
            Self::Csv { path, line, .. } => format!(
                "{} 第 {line} 行的 CSV 引号或分隔不正确：请用表格软件重新保存",
                path.display()
            ),
        }
    }
}
