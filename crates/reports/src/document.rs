//! The document model: what a report says, in order, without page geometry.
//!
//! A [`Document`] is a list of blocks (title, headings, paragraphs, tables,
//! signature lines) plus what is repeated on every page (a running header,
//! a footer line and the page numbers). [`Document::to_pdf_bytes`] lays it
//! out on A4 pages.

use crate::{render, FontData, ReportError};

/// A calendar date for the document's metadata (creation and modification
/// date). Reports carry a date given by the caller, never the clock's, so
/// the same input always gives the same bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocumentDate {
    year: u16,
    month: u8,
    day: u8,
}

impl DocumentDate {
    /// A date; the PDF records it as midnight UTC (printpdf writes every
    /// timestamp in UTC).
    ///
    /// # Errors
    ///
    /// [`ReportError::InvalidDate`] when the day does not exist (or the year is before 1970).
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, ReportError> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        };
        if year < 1970 || day == 0 || day > days_in_month {
            return Err(ReportError::InvalidDate { year, month, day });
        }
        Ok(Self { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.day
    }
}

/// Horizontal alignment of a paragraph's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Align {
    /// Flush left (the default).
    #[default]
    Left,
    /// Centred between the margins.
    Center,
    /// Flush right, as for a date or a signature under a letter.
    Right,
}

/// A paragraph with explicit styling; [`Document::paragraph`] is the
/// common case (body size, first line indented by two characters).
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub(crate) text: String,
    pub(crate) align: Align,
    pub(crate) size_pt: f32,
    pub(crate) indent: bool,
    pub(crate) bold: bool,
}

impl Paragraph {
    /// Body-size text, flush left, first line indented by two characters (首行缩进两字).
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            align: Align::Left,
            size_pt: render::BODY_SIZE_PT,
            indent: true,
            bold: false,
        }
    }

    /// Sets the alignment; centred and right-aligned text is never indented.
    #[must_use]
    pub fn align(mut self, align: Align) -> Self {
        self.align = align;
        if align != Align::Left {
            self.indent = false;
        }
        self
    }

    /// Sets the font size in points (body text is 10.5 pt, 五号).
    #[must_use]
    pub fn size_pt(mut self, size_pt: f32) -> Self {
        self.size_pt = size_pt;
        self
    }

    /// Starts the first line at the margin instead of indenting it.
    #[must_use]
    pub fn no_indent(mut self) -> Self {
        self.indent = false;
        self
    }

    /// Sets the text in a heavier weight (the single face is stroked as well as filled).
    #[must_use]
    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
}

/// A table: a header row, body rows, and relative column widths.
///
/// Cells wrap inside their column. A row is never split across pages; the
/// header row is repeated at the top of each page the table continues on.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub(crate) header: Option<Vec<String>>,
    pub(crate) widths: Vec<u16>,
    pub(crate) rows: Vec<Vec<String>>,
    pub(crate) first_column_shaded: bool,
    pub(crate) numeric_right: Vec<bool>,
}

impl Table {
    /// A table with these column headings, all columns equally wide.
    pub fn new<S: Into<String>>(header: impl IntoIterator<Item = S>) -> Self {
        let header: Vec<String> = header.into_iter().map(Into::into).collect();
        let columns = header.len();
        Self {
            header: Some(header),
            widths: vec![1; columns],
            rows: Vec::new(),
            first_column_shaded: false,
            numeric_right: vec![false; columns],
        }
    }

    /// A table without a header row, with `columns` equally wide columns.
    pub fn without_header(columns: usize) -> Self {
        Self {
            header: None,
            widths: vec![1; columns],
            rows: Vec::new(),
            first_column_shaded: false,
            numeric_right: vec![false; columns],
        }
    }

    /// Sets relative column widths (`[1, 3]`: the second column is three
    /// times as wide as the first). Extra entries are ignored; missing ones are 1.
    #[must_use]
    pub fn widths(mut self, widths: &[u16]) -> Self {
        for (slot, width) in self.widths.iter_mut().zip(widths) {
            *slot = (*width).max(1);
        }
        self
    }

    /// Right-aligns the cells of these (zero-based) columns, for figures.
    #[must_use]
    pub fn right_aligned(mut self, columns: &[usize]) -> Self {
        for &column in columns {
            if let Some(slot) = self.numeric_right.get_mut(column) {
                *slot = true;
            }
        }
        self
    }

    /// Shades the first column, for label/value tables.
    #[must_use]
    pub fn shade_first_column(mut self) -> Self {
        self.first_column_shaded = true;
        self
    }

    /// Appends a body row. A row with the wrong number of cells is reported
    /// by [`Document::to_pdf_bytes`] as [`ReportError::TableShape`].
    #[must_use]
    pub fn row<S: Into<String>>(mut self, cells: impl IntoIterator<Item = S>) -> Self {
        self.push_row(cells);
        self
    }

    /// Appends a body row, for building a table in a loop.
    pub fn push_row<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) -> &mut Self {
        self.rows.push(cells.into_iter().map(Into::into).collect());
        self
    }

    /// Number of columns.
    pub fn columns(&self) -> usize {
        self.widths.len()
    }
}

/// One piece of a document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Title(String),
    Subtitle(String),
    Heading(String),
    Paragraph(Paragraph),
    Table(Table),
    Signatures(Vec<String>),
    Spacer(f32),
    PageBreak,
}

/// A report to be printed on A4 paper.
///
/// ```
/// # fn main() -> Result<(), reviewdesk_reports::ReportError> {
/// use reviewdesk_reports::{Document, DocumentDate, FontData, Table};
///
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/fonts/NotoSansCJKsc-Regular.otf");
/// let font = FontData::from_bytes(&std::fs::read(path).expect("the bundled font"))?;
/// let mut doc = Document::new("评分表");
/// doc.created(DocumentDate::new(2026, 3, 18)?)
///     .footer("签名哈希 SHA-256: 0f3a…")
///     .title("专家评分表")
///     .heading("一、评分说明")
///     .paragraph("请专家依据评分细则独立评分。")
///     .table(Table::new(["评价指标", "分值", "得分"]).widths(&[4, 1, 1]).row(["运营情况", "15", "12.5"]))
///     .signature_block(["专家签字", "日期"]);
/// let pdf: Vec<u8> = doc.to_pdf_bytes(&font)?;
/// assert!(pdf.starts_with(b"%PDF-") && pdf.len() < 60_000);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub(crate) metadata_title: String,
    pub(crate) author: String,
    pub(crate) subject: String,
    pub(crate) date: Option<DocumentDate>,
    pub(crate) running_header: Option<String>,
    pub(crate) footer: Option<String>,
    pub(crate) page_numbers: bool,
    pub(crate) page_label: PageLabel,
    pub(crate) blocks: Vec<Block>,
}

/// The words of the page numbers at the foot of every page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageLabel {
    /// 第 N 页  共 M 页 (the default).
    #[default]
    Chinese,
    /// Page N of M.
    English,
}

impl PageLabel {
    /// The label of page `n` (from 1) of `total`.
    pub fn text(self, n: usize, total: usize) -> String {
        match self {
            PageLabel::Chinese => format!("第 {n} 页  共 {total} 页"),
            PageLabel::English => format!("Page {n} of {total}"),
        }
    }
}

impl Document {
    /// An empty document; `metadata_title` is the PDF's document title
    /// (shown by viewers in the window title), not printed on the page —
    /// use [`Document::title`] for that.
    pub fn new(metadata_title: impl Into<String>) -> Self {
        Self {
            metadata_title: metadata_title.into(),
            author: String::new(),
            subject: String::new(),
            date: None,
            running_header: None,
            footer: None,
            page_numbers: true,
            page_label: PageLabel::Chinese,
            blocks: Vec::new(),
        }
    }

    /// Sets the PDF metadata author.
    pub fn author(&mut self, author: impl Into<String>) -> &mut Self {
        self.author = author.into();
        self
    }

    /// Sets the PDF metadata subject.
    pub fn subject(&mut self, subject: impl Into<String>) -> &mut Self {
        self.subject = subject.into();
        self
    }

    /// Sets the creation date written into the metadata (without one, 1970-01-01).
    pub fn created(&mut self, date: DocumentDate) -> &mut Self {
        self.date = Some(date);
        self
    }

    /// A small line at the top of every page (for example the applicant and the document kind).
    pub fn running_header(&mut self, text: impl Into<String>) -> &mut Self {
        self.running_header = Some(text.into());
        self
    }

    /// A line printed at the foot of every page, left of the page number
    /// (for a score sheet: the signed sheet's hash). Long text wraps.
    pub fn footer(&mut self, text: impl Into<String>) -> &mut Self {
        self.footer = Some(text.into());
        self
    }

    /// Whether to print "第 N 页 共 M 页" at the foot of every page (on by default).
    pub fn page_numbers(&mut self, on: bool) -> &mut Self {
        self.page_numbers = on;
        self
    }

    /// The words of the page numbers (Chinese by default): an English report says
    /// "Page N of M".
    pub fn page_label(&mut self, label: PageLabel) -> &mut Self {
        self.page_label = label;
        self
    }

    /// A large centred title.
    pub fn title(&mut self, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Title(text.into()));
        self
    }

    /// A centred line under the title (a document number, an issuer).
    pub fn subtitle(&mut self, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Subtitle(text.into()));
        self
    }

    /// A section heading, kept on the same page as the line that follows it.
    pub fn heading(&mut self, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Heading(text.into()));
        self
    }

    /// Body text with the first line indented by two characters.
    /// A newline in `text` starts a new line.
    pub fn paragraph(&mut self, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Paragraph(Paragraph::new(text)));
        self
    }

    /// A paragraph with explicit styling.
    pub fn styled(&mut self, paragraph: Paragraph) -> &mut Self {
        self.blocks.push(Block::Paragraph(paragraph));
        self
    }

    /// A two-column label/value table (项目/内容), labels shaded.
    pub fn key_values<K: Into<String>, V: Into<String>>(
        &mut self,
        rows: impl IntoIterator<Item = (K, V)>,
    ) -> &mut Self {
        let mut table = Table::without_header(2)
            .widths(&[1, 3])
            .shade_first_column();
        for (key, value) in rows {
            table.push_row([key.into(), value.into()]);
        }
        self.blocks.push(Block::Table(table));
        self
    }

    /// A table.
    pub fn table(&mut self, table: Table) -> &mut Self {
        self.blocks.push(Block::Table(table));
        self
    }

    /// Signature lines kept together on one page, right of centre: each
    /// label (专家签字, 日期) is followed by a rule to sign on.
    pub fn signature_block<S: Into<String>>(
        &mut self,
        labels: impl IntoIterator<Item = S>,
    ) -> &mut Self {
        self.blocks.push(Block::Signatures(
            labels.into_iter().map(Into::into).collect(),
        ));
        self
    }

    /// Vertical space, in millimetres.
    pub fn spacer_mm(&mut self, mm: f32) -> &mut Self {
        self.blocks.push(Block::Spacer(mm.max(0.0)));
        self
    }

    /// Starts a new page.
    pub fn page_break(&mut self) -> &mut Self {
        self.blocks.push(Block::PageBreak);
        self
    }

    /// Lays the document out on A4 pages and writes it as PDF, embedding
    /// only the glyphs it uses. The same document and font always give the
    /// same bytes.
    ///
    /// # Errors
    ///
    /// [`ReportError::MissingGlyph`] if the font cannot draw a character,
    /// [`ReportError::TableShape`] for a ragged table,
    /// [`ReportError::ContentTooTall`] for a table row taller than a page,
    /// [`ReportError::Pdf`] if printpdf fails (including failing to subset the font).
    pub fn to_pdf_bytes(&self, font: &FontData) -> Result<Vec<u8>, ReportError> {
        render::render(self, font)
    }
}
