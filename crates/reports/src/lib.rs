//! ReviewDesk's printable reports (评审报表): A4 PDF documents set in a
//! bundled CJK font, of which only the glyphs a document uses are embedded.
//!
//! A [`Document`] is built from blocks — title, headings, paragraphs,
//! tables, signature lines — plus a footer line and page numbers printed
//! on every page (a signed score sheet puts its hash there).
//! [`Document::to_pdf_bytes`] lays it out and returns the PDF:
//!
//! - Chinese line breaking: a line may break before any CJK character;
//!   closing punctuation never starts a line, opening punctuation never
//!   ends one.
//! - The font is subset (printpdf's `text_layout` feature), so a page of
//!   Chinese costs tens of kilobytes rather than the 16 MB of the face.
//! - Output is deterministic: dates come from the caller and the file
//!   identifier is derived from the content.
//!
//! The crate does no file IO: font bytes come in, PDF bytes go out. It
//! does no scoring arithmetic either; callers format scores as text.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod document;
mod error;
mod font;
mod render;
mod wrap;

pub use document::{Align, Document, DocumentDate, PageLabel, Paragraph, Table};
pub use error::ReportError;
pub use font::{FontData, BUNDLED_FONT};
