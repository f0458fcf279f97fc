//! Page layout and PDF output: turns a [`Document`] into positioned text and
//! rules on A4 pages, then into printpdf operations and PDF bytes.
//!
//! Layout runs first over the whole document, so the total page count is
//! known when the footers ("第 N 页 共 M 页") are drawn. Geometry is in PDF
//! points (1/72 inch) measured from the bottom-left corner of the page;
//! floating point here only ever places ink on paper.

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextRenderingMode,
};

use std::collections::HashMap;

use allsorts::tables::cmap::owned::{CmapSubtable, CmapSubtableFormat4};

use crate::document::{Align, Block, PageLabel, Paragraph, Table};
use crate::wrap::wrap;
use crate::{Document, FontData, ReportError};

/// Points per millimetre.
const PT_PER_MM: f32 = 72.0 / 25.4;
/// A4 width in millimetres.
const PAGE_WIDTH_MM: f32 = 210.0;
/// A4 height in millimetres.
const PAGE_HEIGHT_MM: f32 = 297.0;
const MARGIN_X_MM: f32 = 22.0;
const MARGIN_TOP_MM: f32 = 24.0;
const MARGIN_BOTTOM_MM: f32 = 24.0;

/// Body text size: 10.5 pt, the 五号 of Chinese office documents.
pub(crate) const BODY_SIZE_PT: f32 = 10.5;
const TITLE_SIZE_PT: f32 = 18.0;
const SUBTITLE_SIZE_PT: f32 = 11.0;
const HEADING_SIZE_PT: f32 = 12.5;
const TABLE_SIZE_PT: f32 = 9.5;
const MARGINALIA_SIZE_PT: f32 = 8.0;
/// Line pitch as a multiple of the font size (Chinese text wants air).
const LINE_PITCH: f32 = 1.6;
const TABLE_LINE_PITCH: f32 = 1.45;
const CELL_PAD_X_MM: f32 = 1.8;
const CELL_PAD_Y_MM: f32 = 1.5;
const SIGNATURE_PITCH_MM: f32 = 11.0;
/// Outline width that makes the single face read as bold, per point of font size.
const BOLD_STROKE_PER_PT: f32 = 0.03;

/// The resource name of the embedded font. Fixed (printpdf would pick a
/// random one) so output is byte-for-byte reproducible; its first six
/// letters become the subset tag (`RDCJKF+NotoSansCJKsc-Regular`).
const FONT_RESOURCE: &str = "RDCJKF";

fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// Something drawn on a page, in points from the bottom-left corner.
#[derive(Debug, Clone)]
enum Item {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        text: String,
        bold: bool,
        grey: f32,
    },
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        grey: f32,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        grey: f32,
    },
}

/// Lays blocks out top to bottom, starting pages as needed.
struct Layout<'a> {
    font: &'a FontData,
    pages: Vec<Vec<Item>>,
    /// Top of the free space on the current page.
    y: f32,
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
}

impl<'a> Layout<'a> {
    fn new(font: &'a FontData) -> Self {
        let top = mm(PAGE_HEIGHT_MM - MARGIN_TOP_MM);
        Self {
            font,
            pages: vec![Vec::new()],
            y: top,
            left: mm(MARGIN_X_MM),
            right: mm(PAGE_WIDTH_MM - MARGIN_X_MM),
            top,
            bottom: mm(MARGIN_BOTTOM_MM),
        }
    }

    fn width(&self) -> f32 {
        self.right - self.left
    }

    fn page(&mut self) -> &mut Vec<Item> {
        // `pages` starts with one page and only grows.
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn at_page_top(&self) -> bool {
        self.y >= self.top
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.top;
    }

    /// Makes sure `height` fits below the cursor, starting a new page if not.
    fn ensure(&mut self, height: f32) {
        if self.y - height < self.bottom && !self.at_page_top() {
            self.new_page();
        }
    }

    /// Skips `height` of vertical space; space never carries over to a new page.
    fn advance(&mut self, height: f32) {
        if !self.at_page_top() {
            self.y = (self.y - height).max(self.bottom);
        }
    }

    /// Baseline of a line of text of `size` whose line box starts at `top` and is `pitch` tall.
    fn baseline(&self, top: f32, size: f32, pitch: f32) -> f32 {
        let glyph_height = size * (self.font.ascent() + self.font.descent());
        top - (pitch - glyph_height) / 2.0 - size * self.font.ascent()
    }

    fn text_lines(
        &mut self,
        lines: &[String],
        size: f32,
        align: Align,
        first_indent: f32,
        bold: bool,
        grey: f32,
    ) {
        let pitch = size * LINE_PITCH;
        for (i, line) in lines.iter().enumerate() {
            self.ensure(pitch);
            let width = self.font.text_width_pt(line, size);
            let indent = if i == 0 { first_indent } else { 0.0 };
            let x = match align {
                Align::Left => self.left + indent,
                Align::Center => self.left + (self.width() - width) / 2.0,
                Align::Right => self.right - width,
            };
            let baseline = self.baseline(self.y, size, pitch);
            self.page().push(Item::Text {
                x,
                baseline,
                size,
                text: line.clone(),
                bold,
                grey,
            });
            self.y -= pitch;
        }
    }

    fn paragraph(&mut self, p: &Paragraph) {
        let indent = if p.indent { 2.0 * p.size_pt } else { 0.0 };
        let lines = wrap(&p.text, self.font, p.size_pt, self.width(), indent);
        self.text_lines(&lines, p.size_pt, p.align, indent, p.bold, 0.0);
        self.advance(mm(1.2));
    }

    fn heading(&mut self, text: &str) {
        self.advance(mm(2.5));
        let lines = wrap(text, self.font, HEADING_SIZE_PT, self.width(), 0.0);
        // Keep the heading with at least two lines of what follows.
        let height =
            lines.len() as f32 * HEADING_SIZE_PT * LINE_PITCH + 2.0 * BODY_SIZE_PT * LINE_PITCH;
        self.ensure(height);
        self.text_lines(&lines, HEADING_SIZE_PT, Align::Left, 0.0, true, 0.0);
        self.advance(mm(0.8));
    }

    fn table(&mut self, table: &Table) -> Result<(), ReportError> {
        let columns = table.columns();
        for (row, cells) in table.rows.iter().enumerate() {
            if cells.len() != columns {
                return Err(ReportError::TableShape {
                    row,
                    expected: columns,
                    found: cells.len(),
                });
            }
        }
        if columns == 0 {
            return Ok(());
        }
        let total: u32 = table.widths.iter().map(|w| u32::from(*w)).sum();
        let widths: Vec<f32> = table
            .widths
            .iter()
            .map(|w| self.width() * f32::from(*w) / total as f32)
            .collect();
        let mut xs = vec![self.left];
        for w in &widths {
            let last = xs[xs.len() - 1];
            xs.push(last + w);
        }

        let header = table
            .header
            .as_ref()
            .map(|h| self.table_row(h, &widths, true));
        let rows: Vec<RowLayout> = table
            .rows
            .iter()
            .map(|r| self.table_row(r, &widths, false))
            .collect();
        let room = self.top - self.bottom;
        let header_height = header.as_ref().map_or(0.0, |h| h.height);
        for row in header.iter().chain(rows.iter()) {
            if row.height + header_height > room {
                return Err(ReportError::ContentTooTall {
                    height_mm: row.height / PT_PER_MM,
                    room_mm: room / PT_PER_MM,
                });
            }
        }

        self.advance(mm(1.0));
        let mut need_header = true;
        for row in &rows {
            let first_height = if need_header { header_height } else { 0.0 };
            if self.y - first_height - row.height < self.bottom && !self.at_page_top() {
                self.new_page();
                need_header = true;
            }
            if need_header {
                if let Some(h) = &header {
                    self.draw_row(h, &xs, table);
                }
                need_header = false;
            }
            self.draw_row(row, &xs, table);
        }
        if rows.is_empty() {
            if let Some(h) = &header {
                self.ensure(h.height);
                self.draw_row(h, &xs, table);
            }
        }
        self.advance(mm(3.0));
        Ok(())
    }

    fn table_row(&self, cells: &[String], widths: &[f32], header: bool) -> RowLayout {
        let pad_x = mm(CELL_PAD_X_MM);
        let pitch = TABLE_SIZE_PT * TABLE_LINE_PITCH;
        let cells: Vec<Vec<String>> = cells
            .iter()
            .zip(widths)
            .map(|(text, w)| {
                wrap(
                    text,
                    self.font,
                    TABLE_SIZE_PT,
                    (w - 2.0 * pad_x).max(TABLE_SIZE_PT),
                    0.0,
                )
            })
            .collect();
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        RowLayout {
            height: lines as f32 * pitch + 2.0 * mm(CELL_PAD_Y_MM),
            cells,
            header,
        }
    }

    fn draw_row(&mut self, row: &RowLayout, xs: &[f32], table: &Table) {
        let is_header = row.header;
        let top = self.y;
        let bottom = top - row.height;
        let pad_x = mm(CELL_PAD_X_MM);
        let pitch = TABLE_SIZE_PT * TABLE_LINE_PITCH;
        let mut items = Vec::new();
        for (c, lines) in row.cells.iter().enumerate() {
            let (x0, x1) = (xs[c], xs[c + 1]);
            if is_header || (c == 0 && table.first_column_shaded) {
                let grey = if is_header { 0.88 } else { 0.94 };
                items.push(Item::Fill {
                    x: x0,
                    y: bottom,
                    w: x1 - x0,
                    h: row.height,
                    grey,
                });
            }
            let right = table.numeric_right.get(c).copied().unwrap_or(false) && !is_header;
            for (l, line) in lines.iter().enumerate() {
                let line_top = top - mm(CELL_PAD_Y_MM) - l as f32 * pitch;
                let baseline = self.baseline(line_top, TABLE_SIZE_PT, pitch);
                let width = self.font.text_width_pt(line, TABLE_SIZE_PT);
                let x = if right {
                    x1 - pad_x - width
                } else if is_header {
                    x0 + (x1 - x0 - width) / 2.0
                } else {
                    x0 + pad_x
                };
                items.push(Item::Text {
                    x,
                    baseline,
                    size: TABLE_SIZE_PT,
                    text: line.clone(),
                    bold: is_header,
                    grey: 0.0,
                });
            }
        }
        let line_width = 0.6;
        let (left, right) = (xs[0], xs[xs.len() - 1]);
        items.push(Item::Rule {
            x1: left,
            y1: top,
            x2: right,
            y2: top,
            width: line_width,
            grey: 0.0,
        });
        items.push(Item::Rule {
            x1: left,
            y1: bottom,
            x2: right,
            y2: bottom,
            width: line_width,
            grey: 0.0,
        });
        for &x in xs {
            items.push(Item::Rule {
                x1: x,
                y1: top,
                x2: x,
                y2: bottom,
                width: line_width,
                grey: 0.0,
            });
        }
        // Fills first, so rules and text are drawn over them.
        items.sort_by_key(|item| !matches!(item, Item::Fill { .. }));
        self.page().extend(items);
        self.y = bottom;
    }

    fn signatures(&mut self, labels: &[String]) -> Result<(), ReportError> {
        let pitch = mm(SIGNATURE_PITCH_MM);
        let height = mm(6.0) + labels.len() as f32 * pitch;
        let room = self.top - self.bottom;
        if height > room {
            return Err(ReportError::ContentTooTall {
                height_mm: height / PT_PER_MM,
                room_mm: room / PT_PER_MM,
            });
        }
        self.advance(mm(6.0));
        self.ensure(labels.len() as f32 * pitch);
        let x = self.left + self.width() * 0.5;
        for label in labels {
            let text = format!("{label}：");
            let baseline = self.y - pitch + mm(2.5);
            let width = self.font.text_width_pt(&text, BODY_SIZE_PT);
            self.page().push(Item::Text {
                x,
                baseline,
                size: BODY_SIZE_PT,
                text,
                bold: false,
                grey: 0.0,
            });
            let rule_y = baseline - 2.0;
            let right = self.right;
            self.page().push(Item::Rule {
                x1: x + width + 2.0,
                y1: rule_y,
                x2: right,
                y2: rule_y,
                width: 0.5,
                grey: 0.0,
            });
            self.y -= pitch;
        }
        self.advance(mm(3.0));
        Ok(())
    }

    fn block(&mut self, block: &Block) -> Result<(), ReportError> {
        match block {
            Block::Title(text) => {
                let lines = wrap(text, self.font, TITLE_SIZE_PT, self.width(), 0.0);
                self.text_lines(&lines, TITLE_SIZE_PT, Align::Center, 0.0, true, 0.0);
                self.advance(mm(3.0));
            }
            Block::Subtitle(text) => {
                let lines = wrap(text, self.font, SUBTITLE_SIZE_PT, self.width(), 0.0);
                self.text_lines(&lines, SUBTITLE_SIZE_PT, Align::Center, 0.0, false, 0.25);
                self.advance(mm(4.0));
            }
            Block::Heading(text) => self.heading(text),
            Block::Paragraph(p) => self.paragraph(p),
            Block::Table(table) => self.table(table)?,
            Block::Signatures(labels) => self.signatures(labels)?,
            Block::Spacer(space_mm) => {
                let space = mm(*space_mm);
                if self.y - space < self.bottom {
                    self.new_page();
                } else {
                    self.y -= space;
                }
            }
            Block::PageBreak => {
                if !self.at_page_top() {
                    self.new_page();
                }
            }
        }
        Ok(())
    }

    /// Adds the running header, footer and page numbers to every page.
    fn marginalia(&mut self, doc: &Document) {
        let total = self.pages.len();
        let (left, right) = (self.left, self.right);
        let size = MARGINALIA_SIZE_PT;
        let header_lines = doc
            .running_header
            .as_ref()
            .map(|h| wrap(h, self.font, size, right - left, 0.0));
        let number_room = if doc.page_numbers { mm(32.0) } else { 0.0 };
        let footer_lines = doc
            .footer
            .as_ref()
            .map(|f| wrap(f, self.font, size, right - left - number_room, 0.0));
        let font = self.font;
        for (index, page) in self.pages.iter_mut().enumerate() {
            if let Some(lines) = &header_lines {
                let mut baseline = mm(PAGE_HEIGHT_MM - 14.0);
                for line in lines.iter().take(2) {
                    page.push(Item::Text {
                        x: left,
                        baseline,
                        size,
                        text: line.clone(),
                        bold: false,
                        grey: 0.35,
                    });
                    baseline -= size * 1.3;
                }
                let y = baseline + size * 1.3 - mm(2.0);
                page.push(Item::Rule {
                    x1: left,
                    y1: y,
                    x2: right,
                    y2: y,
                    width: 0.4,
                    grey: 0.5,
                });
            }
            let rule_y = mm(MARGIN_BOTTOM_MM - 6.0);
            if footer_lines.is_some() || doc.page_numbers {
                page.push(Item::Rule {
                    x1: left,
                    y1: rule_y,
                    x2: right,
                    y2: rule_y,
                    width: 0.4,
                    grey: 0.5,
                });
            }
            let first_baseline = rule_y - mm(4.0);
            if let Some(lines) = &footer_lines {
                let mut baseline = first_baseline;
                for line in lines {
                    page.push(Item::Text {
                        x: left,
                        baseline,
                        size,
                        text: line.clone(),
                        bold: false,
                        grey: 0.35,
                    });
                    baseline -= size * 1.3;
                }
            }
            if doc.page_numbers {
                let text = doc.page_label.text(index + 1, total);
                let width = font.text_width_pt(&text, size);
                page.push(Item::Text {
                    x: right - width,
                    baseline: first_baseline,
                    size,
                    text,
                    bold: false,
                    grey: 0.35,
                });
            }
        }
    }
}

/// A table row, wrapped into its columns.
struct RowLayout {
    height: f32,
    cells: Vec<Vec<String>>,
    header: bool,
}

fn grey(level: f32) -> Color {
    Color::Rgb(Rgb::new(level, level, level, None))
}

/// The character map printpdf is given: the face's own mapping of exactly the
/// characters the pages show, most used first. printpdf looks every character
/// of every line up in the face's map, which is searched linearly (in the bundled
/// CJK face, tens of thousands of ranges: most of the time a 5,000-row list took);
/// in this map the common characters come first. Every character printpdf looks
/// up maps to the glyph the full map gives (and a character without a glyph to
/// none), so the PDF is the same, byte for byte. `None` (keep the face's map) when
/// a character lies beyond the Basic Multilingual Plane, which this format cannot
/// hold.
fn document_cmap(pages: &[Vec<Item>], font: &FontData) -> Option<CmapSubtable> {
    let mut counts: HashMap<char, usize> = HashMap::new();
    for item in pages.iter().flatten() {
        if let Item::Text { text, .. } = item {
            for ch in text.chars() {
                *counts.entry(ch).or_insert(0) += 1;
            }
        }
    }
    let mut chars: Vec<(usize, u16, u16)> = Vec::with_capacity(counts.len());
    for (ch, n) in counts {
        let code = u16::try_from(u32::from(ch)).ok()?;
        if let Some(glyph) = font.glyph_id(ch) {
            chars.push((n, code, glyph));
        }
    }
    chars.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    // One segment per character, its glyph reached by the delta (modulo 65,536).
    Some(CmapSubtable::Format4(CmapSubtableFormat4 {
        language: 0,
        end_codes: chars.iter().map(|c| c.1).collect(),
        start_codes: chars.iter().map(|c| c.1).collect(),
        id_deltas: chars.iter().map(|c| c.2.wrapping_sub(c.1) as i16).collect(),
        id_range_offsets: vec![0; chars.len()],
        glyph_id_array: Vec::new(),
    }))
}

fn to_ops(items: &[Item], font: &FontId) -> Vec<Op> {
    let mut ops = Vec::new();
    for item in items {
        match item {
            Item::Text {
                x,
                baseline,
                size,
                text,
                bold,
                grey: level,
            } => {
                ops.push(Op::SetFillColor { col: grey(*level) });
                if *bold {
                    ops.push(Op::SetOutlineColor { col: grey(*level) });
                    ops.push(Op::SetOutlineThickness {
                        pt: Pt(size * BOLD_STROKE_PER_PT),
                    });
                }
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font.clone()),
                    size: Pt(*size),
                });
                if *bold {
                    ops.push(Op::SetTextRenderingMode {
                        mode: TextRenderingMode::FillStroke,
                    });
                }
                ops.push(Op::SetTextCursor {
                    pos: Point {
                        x: Pt(*x),
                        y: Pt(*baseline),
                    },
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
                if *bold {
                    ops.push(Op::SetTextRenderingMode {
                        mode: TextRenderingMode::Fill,
                    });
                }
                ops.push(Op::EndTextSection);
            }
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
                grey: level,
            } => {
                ops.push(Op::SetOutlineColor { col: grey(*level) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: Point {
                                    x: Pt(*x1),
                                    y: Pt(*y1),
                                },
                                bezier: false,
                            },
                            LinePoint {
                                p: Point {
                                    x: Pt(*x2),
                                    y: Pt(*y2),
                                },
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
            Item::Fill {
                x,
                y,
                w,
                h,
                grey: level,
            } => {
                ops.push(Op::SetFillColor { col: grey(*level) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(*y),
                        width: Pt(*w),
                        height: Pt(*h),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
        }
    }
    ops
}

/// Every piece of text the document will print, for the coverage check.
fn all_text(doc: &Document) -> impl Iterator<Item = &str> {
    let blocks = doc.blocks.iter().flat_map(|block| -> Vec<&str> {
        match block {
            Block::Title(t) | Block::Subtitle(t) | Block::Heading(t) => vec![t.as_str()],
            Block::Paragraph(p) => vec![p.text.as_str()],
            Block::Table(table) => table
                .header
                .iter()
                .flatten()
                .chain(table.rows.iter().flatten())
                .map(String::as_str)
                .collect(),
            Block::Signatures(labels) => labels.iter().map(String::as_str).chain(["："]).collect(),
            Block::Spacer(_) | Block::PageBreak => Vec::new(),
        }
    });
    let page_numbers: &[&str] = match (doc.page_numbers, doc.page_label) {
        (false, _) => &[],
        (true, PageLabel::Chinese) => &["第 0123456789 页  共"],
        (true, PageLabel::English) => &["Page 0123456789 of"],
    };
    blocks
        .chain(doc.running_header.as_deref())
        .chain(doc.footer.as_deref())
        .chain(page_numbers.iter().copied())
}

/// FNV-1a over `bytes`, run twice with different offsets for 128 bits: a
/// content-derived file identifier (PDF 32000-1 §14.4), not a security hash.
fn file_identifier(bytes: &[u8]) -> String {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut out = String::with_capacity(32);
    for offset in [0xcbf2_9ce4_8422_2325_u64, 0x6c62_272e_07bb_0142_u64] {
        let mut hash = offset;
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(PRIME);
        }
        out.push_str(&format!("{hash:016x}"));
    }
    out
}

fn pdf_date(doc: &Document) -> printpdf::OffsetDateTime {
    use printpdf::date::{Date, Offset, Time};
    match doc.date {
        Some(d) => printpdf::OffsetDateTime::new_in_offset(
            Date {
                year: i32::from(d.year()),
                month: d.month(),
                day: d.day(),
            },
            Time {
                hour: 0,
                minute: 0,
                second: 0,
                millisecond: 0,
            },
            Offset {
                hours: 0,
                minutes: 0,
                seconds: 0,
                milliseconds: 0,
            },
        ),
        None => printpdf::OffsetDateTime::epoch(),
    }
}

fn save(lodoc: &mut lopdf::Document) -> Result<Vec<u8>, ReportError> {
    let mut bytes = Vec::new();
    lodoc.save_to(&mut bytes).map_err(ReportError::Write)?;
    Ok(bytes)
}

pub(crate) fn render(doc: &Document, font: &FontData) -> Result<Vec<u8>, ReportError> {
    for text in all_text(doc) {
        font.check_coverage(text)?;
    }

    let mut layout = Layout::new(font);
    for block in &doc.blocks {
        layout.block(block)?;
    }
    layout.marginalia(doc);

    let font_id = FontId(FONT_RESOURCE.to_string());
    let mut pdf = PdfDocument::new(&doc.metadata_title);
    let mut face = font.parsed().clone();
    if let Some(cmap) = document_cmap(&layout.pages, font) {
        face.cmap_subtable = Some(cmap);
    }
    pdf.resources
        .fonts
        .map
        .insert(font_id.clone(), printpdf::PdfFont::new(face));
    let date = pdf_date(doc);
    let info = &mut pdf.metadata.info;
    info.author = doc.author.clone();
    info.subject = doc.subject.clone();
    info.creator = "ReviewDesk".to_string();
    info.producer = "ReviewDesk reviewdesk-reports (printpdf)".to_string();
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    let pages = layout
        .pages
        .iter()
        .map(|items| {
            PdfPage::new(
                Mm(PAGE_WIDTH_MM),
                Mm(PAGE_HEIGHT_MM),
                to_ops(items, &font_id),
            )
        })
        .collect();
    pdf.with_pages(pages);

    let options = PdfSaveOptions {
        subset_fonts: true,
        optimize: true,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let mut lodoc = printpdf::serialize::to_lopdf_doc(&pdf, &options, &mut warnings);
    if let Some(error) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(ReportError::Pdf {
            message: error.msg.clone(),
        });
    }
    lodoc.compress();

    // printpdf writes a random trailer /ID; derive it from the content instead.
    let placeholder = lopdf::Object::String(vec![b'0'; 32], lopdf::StringFormat::Literal);
    lodoc.trailer.set(
        "ID",
        lopdf::Object::Array(vec![placeholder.clone(), placeholder]),
    );
    let id = file_identifier(&save(&mut lodoc)?);
    let id = lopdf::Object::String(id.into_bytes(), lopdf::StringFormat::Literal);
    lodoc
        .trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    save(&mut lodoc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font() -> &'static FontData {
        static FONT: std::sync::OnceLock<FontData> = std::sync::OnceLock::new();
        FONT.get_or_init(|| FontData::bundled().expect("the bundled font parses"))
    }

    fn page_of(lines: &[String]) -> Vec<Vec<Item>> {
        vec![lines
            .iter()
            .map(|text| Item::Text {
                x: 0.0,
                baseline: 0.0,
                size: 10.0,
                text: text.clone(),
                bold: false,
                grey: 0.0,
            })
            .collect()]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// The document's character map gives every character the pages show the
        /// glyph the face's full map gives — none for a character the face lacks
        /// (a tab) — so printpdf writes the same PDF through it.
        #[test]
        fn the_document_map_agrees_with_the_face(
            lines in proptest::collection::vec("[0-9A-Za-z申报单位有限公司广州市甲类合格（）：\t\u{3000} ,.-]{0,30}", 1..8),
        ) {
            let font = font();
            let cmap = document_cmap(&page_of(&lines), font).expect("all in the BMP");
            for ch in lines.iter().flat_map(|l| l.chars()) {
                let full = font.parsed().lookup_glyph_index(u32::from(ch));
                proptest::prop_assert_eq!(cmap.map_glyph(u32::from(ch)).ok().flatten(), full, "{:?}", ch);
            }
            proptest::prop_assert_eq!(cmap.map_glyph(u32::from('\u{4E00}')).ok().flatten().is_some(), lines.iter().any(|l| l.contains('\u{4E00}')));
        }
    }

    #[test]
    fn a_character_beyond_the_bmp_keeps_the_full_map() {
        let lines = vec!["申报𠀀单位".to_owned()];
        assert!(document_cmap(&page_of(&lines), font()).is_none());
        assert!(document_cmap(&page_of(&["申报单位".to_owned()]), font()).is_some());
    }

    #[test]
    fn file_identifier_is_32_hex_digits_and_content_derived() {
        let a = file_identifier(b"%PDF-1.3 a");
        let b = file_identifier(b"%PDF-1.3 b");
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        assert_eq!(a, file_identifier(b"%PDF-1.3 a"));
    }
}
