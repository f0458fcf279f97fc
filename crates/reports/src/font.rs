//! The font a report is set in: parsed once, measured for line breaking, and
//! handed to printpdf, which embeds only the glyphs a document uses.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use printpdf::ParsedFont;

use crate::ReportError;

/// A parsed TrueType/OpenType face with CJK coverage, ready to set reports in.
///
/// Parse it once (parsing a full CJK face takes a moment) and reuse it for
/// every document: [`crate::Document::to_pdf_bytes`] only borrows it.
#[derive(Clone)]
pub struct FontData {
    parsed: ParsedFont,
    units_per_em: f32,
    ascent: f32,
    descent: f32,
    /// Each character's glyph and advance (`None`: no glyph), looked up once: the
    /// face's character map is searched linearly, and line breaking measures every
    /// character and the PDF names every character's glyph, so without this a
    /// 500-page report spends 95 % of its time there.
    glyphs: Arc<Mutex<HashMap<char, Option<Glyph>>>>,
}

impl std::fmt::Debug for FontData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontData")
            .field("units_per_em", &self.units_per_em)
            .field("num_glyphs", &self.parsed.num_glyphs)
            .finish_non_exhaustive()
    }
}

/// A character's glyph in the face: its id and advance in font units.
#[derive(Debug, Clone, Copy)]
struct Glyph {
    id: u16,
    advance: u16,
}

/// The bundled face (Noto Sans CJK SC, SIL OFL; `assets/fonts/`), compiled in so
/// a report never depends on the fonts of the machine it is printed on.
pub static BUNDLED_FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSansCJKsc-Regular.otf");

impl FontData {
    /// Parses the [bundled face](BUNDLED_FONT).
    ///
    /// # Errors
    ///
    /// [`ReportError::InvalidFont`] only if the build shipped a broken font.
    pub fn bundled() -> Result<Self, ReportError> {
        Self::from_bytes(BUNDLED_FONT)
    }

    /// Parses a single-face font file (`.ttf` or `.otf`; not a `.ttc` collection).
    ///
    /// # Errors
    ///
    /// [`ReportError::InvalidFont`] when the bytes are not a readable font
    /// or the font has no character map.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ReportError> {
        let mut warnings = Vec::new();
        let parsed =
            ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or(ReportError::InvalidFont)?;
        let metrics = parsed.get_font_metrics();
        let units_per_em = f32::from(metrics.units_per_em);
        if units_per_em <= 0.0 || parsed.lookup_glyph_index(u32::from('0')).is_none() {
            return Err(ReportError::InvalidFont);
        }
        Ok(Self {
            ascent: metrics.ascent / units_per_em,
            descent: metrics.descent / units_per_em,
            parsed,
            units_per_em,
            glyphs: Arc::default(),
        })
    }

    /// `ch`'s glyph, or `None` when the face has none.
    fn glyph(&self, ch: char) -> Option<Glyph> {
        let mut cache = self
            .glyphs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *cache.entry(ch).or_insert_with(|| {
            self.parsed
                .lookup_glyph_index(u32::from(ch))
                .map(|id| Glyph {
                    id,
                    advance: self.parsed.get_horizontal_advance(id),
                })
        })
    }

    /// The id of `ch`'s glyph, or `None` when the face has none.
    pub(crate) fn glyph_id(&self, ch: char) -> Option<u16> {
        self.glyph(ch).map(|g| g.id)
    }

    /// The advance of `ch`'s glyph in font units, or `None` when the face has none.
    fn advance(&self, ch: char) -> Option<u16> {
        self.glyph(ch).map(|g| g.advance)
    }

    /// Whether the font can draw `ch`. Whitespace and control characters
    /// are never drawn, so they always count as covered.
    pub fn covers(&self, ch: char) -> bool {
        ch.is_whitespace() || ch.is_control() || self.advance(ch).is_some()
    }

    /// Checks that every character of `text` has a glyph.
    ///
    /// # Errors
    ///
    /// [`ReportError::MissingGlyph`] naming the first character without one.
    pub fn check_coverage(&self, text: &str) -> Result<(), ReportError> {
        match text.chars().find(|&ch| !self.covers(ch)) {
            Some(ch) => Err(ReportError::MissingGlyph { ch }),
            None => Ok(()),
        }
    }

    /// Advance width of one character, in points, at `size_pt`.
    pub fn char_width_pt(&self, ch: char, size_pt: f32) -> f32 {
        let advance = match self.advance(ch) {
            Some(a) => f32::from(a),
            // Not drawn (or not coverable): a space's width keeps layout sane.
            None => self.advance(' ').map_or(self.units_per_em / 4.0, f32::from),
        };
        advance * size_pt / self.units_per_em
    }

    /// Advance width of a run of text, in points, at `size_pt`.
    pub fn text_width_pt(&self, text: &str, size_pt: f32) -> f32 {
        text.chars().map(|ch| self.char_width_pt(ch, size_pt)).sum()
    }

    /// Height above the baseline, as a fraction of the font size.
    pub fn ascent(&self) -> f32 {
        self.ascent
    }

    /// Depth below the baseline (positive), as a fraction of the font size.
    pub fn descent(&self) -> f32 {
        self.descent
    }

    pub(crate) fn parsed(&self) -> &ParsedFont {
        &self.parsed
    }
}
