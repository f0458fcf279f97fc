//! The one error type of `reviewdesk-reports`.

use thiserror::Error;

/// Why a report could not be produced.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ReportError {
    /// The font bytes are not a font printpdf can read (a single-face TrueType or OpenType file).
    #[error("the font could not be parsed as a single-face TrueType/OpenType font")]
    InvalidFont,
    /// The font has no glyph for a character of the document; it would print as an empty box.
    #[error("the font has no glyph for {ch:?} (U+{code:04X})", code = u32::from(*ch))]
    MissingGlyph {
        /// The character without a glyph.
        ch: char,
    },
    /// A table row has a different number of cells than the table has columns.
    #[error("table row {row} has {found} cells, the table has {expected} columns")]
    TableShape {
        /// Zero-based index of the offending row within its table.
        row: usize,
        /// Number of columns of the table.
        expected: usize,
        /// Number of cells in the row.
        found: usize,
    },
    /// One indivisible piece of content (a table row, a signature block) is taller than a page.
    #[error("a block of content is {height_mm:.1} mm tall, a page has room for {room_mm:.1} mm")]
    ContentTooTall {
        /// Height of the piece of content, in millimetres.
        height_mm: f32,
        /// Height of the page body, in millimetres.
        room_mm: f32,
    },
    /// A date given for the document metadata is not a calendar date.
    #[error("{year:04}-{month:02}-{day:02} is not a valid date")]
    InvalidDate {
        /// The year given.
        year: u16,
        /// The month given.
        month: u8,
        /// The day given.
        day: u8,
    },
    /// printpdf reported an error while building the PDF (for example, the font could not be subset).
    #[error("PDF generation failed: {message}")]
    Pdf {
        /// printpdf's own message.
        message: String,
    },
    /// Writing the finished PDF into memory failed.
    #[error("writing the PDF failed")]
    Write(#[source] std::io::Error),
}
