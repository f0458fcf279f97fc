//! Regenerates the demo's input files from code: its material files
//! (`assets/demo/materials/`: five PDFs written with `reviewdesk-reports` and
//! three images drawn with `image`, all set in the bundled CJK font) and its two
//! spreadsheets (`assets/demo/applicants.xlsx`, `assets/demo/experts.xlsx`, from
//! the tables in `sheets.rs`), which `reviewdesk demo --out` authors its round from.
//!
//! Everything is deterministic — no clock, no randomness — so running the
//! generator twice gives byte-identical files, and the committed files can
//! be checked against a fresh run.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod canvas;
mod exif;
mod images;
mod pdfs;
mod sheets;

use std::path::{Path, PathBuf};

pub use exif::jpeg_orientation;
pub use sheets::{applicants_xlsx, experts_xlsx, ApplicantRow, ExpertRow, APPLICANTS, EXPERTS};

/// Why the demo materials could not be generated.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DemoError {
    /// Writing a PDF failed.
    #[error(transparent)]
    Report(#[from] reviewdesk_reports::ReportError),
    /// The font could not be loaded for drawing text into the images.
    #[error("the font could not be loaded for rasterizing text")]
    Font,
    /// Encoding an image failed.
    #[error("encoding an image failed")]
    Image(#[from] image::ImageError),
    /// Writing a spreadsheet failed.
    #[error("writing a spreadsheet failed: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// Reading the font or writing a material file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file being read or written.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaterialFile {
    /// File name inside `assets/demo/materials/` (a material, as `round.toml`
    /// names it) or `assets/demo/` (a spreadsheet).
    pub name: &'static str,
    /// The file's contents.
    pub bytes: Vec<u8>,
}

/// The bundled font, relative to the workspace root.
pub const FONT_PATH: &str = "assets/fonts/NotoSansCJKsc-Regular.otf";
/// Where the materials go, relative to the workspace root.
pub const MATERIALS_DIR: &str = "assets/demo/materials";
/// Where the spreadsheets go, relative to the workspace root.
pub const DEMO_DIR: &str = "assets/demo";
/// The applicant spreadsheet's name in [`DEMO_DIR`].
pub const APPLICANTS_FILE: &str = "applicants.xlsx";
/// The expert list's name in [`DEMO_DIR`].
pub const EXPERTS_FILE: &str = "experts.xlsx";

/// The workspace root, as seen from this crate's sources.
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // crates/demo-gen -> the workspace root.
    manifest_dir
        .parent()
        .and_then(Path::parent)
        .unwrap_or(manifest_dir)
        .to_path_buf()
}

/// Generates every material file of the demo round from the font's bytes.
///
/// # Errors
///
/// [`DemoError::Report`] or [`DemoError::Image`] if a file cannot be
/// produced, [`DemoError::Font`] if the font cannot be rasterized.
pub fn generate(font_bytes: &[u8]) -> Result<Vec<MaterialFile>, DemoError> {
    let font = reviewdesk_reports::FontData::from_bytes(font_bytes)?;
    let raster = ab_glyph::FontRef::try_from_slice(font_bytes).map_err(|_| DemoError::Font)?;
    Ok(vec![
        MaterialFile {
            name: "A01-application.pdf",
            bytes: pdfs::application(&font)?,
        },
        MaterialFile {
            name: "A01-case-study.pdf",
            bytes: pdfs::case_study(&font)?,
        },
        MaterialFile {
            name: "A01-workshop-photo.jpg",
            bytes: images::workshop_jpeg(&raster)?,
        },
        MaterialFile {
            name: "A02-test-report.pdf",
            bytes: pdfs::test_report(&font)?,
        },
        MaterialFile {
            name: "A03-software-copyright.pdf",
            bytes: pdfs::software_copyright(&font)?,
        },
        MaterialFile {
            name: "A04-business-license.png",
            bytes: images::business_license_png(&raster)?,
        },
        MaterialFile {
            name: "A05-audit-report.pdf",
            bytes: pdfs::audit_report(&font)?,
        },
        MaterialFile {
            name: "A06-vision-station-photo.png",
            bytes: images::vision_station_png(&raster)?,
        },
    ])
}

/// Reads the font, generates every file and writes them into `out_dir`
/// (created if missing). Returns the files written.
///
/// # Errors
///
/// As [`generate`], plus [`DemoError::Io`] for the font and the output files.
pub fn write_materials(font_path: &Path, out_dir: &Path) -> Result<Vec<MaterialFile>, DemoError> {
    let font_bytes = std::fs::read(font_path).map_err(|source| DemoError::Io {
        path: font_path.to_path_buf(),
        source,
    })?;
    let files = generate(&font_bytes)?;
    std::fs::create_dir_all(out_dir).map_err(|source| DemoError::Io {
        path: out_dir.to_path_buf(),
        source,
    })?;
    for file in &files {
        let path = out_dir.join(file.name);
        std::fs::write(&path, &file.bytes).map_err(|source| DemoError::Io { path, source })?;
    }
    Ok(files)
}

/// Generates the demo's two spreadsheets: [`APPLICANTS_FILE`] and [`EXPERTS_FILE`].
///
/// # Errors
///
/// [`DemoError::Xlsx`] when the writer fails.
pub fn generate_sheets() -> Result<Vec<MaterialFile>, DemoError> {
    Ok(vec![
        MaterialFile {
            name: APPLICANTS_FILE,
            bytes: applicants_xlsx()?,
        },
        MaterialFile {
            name: EXPERTS_FILE,
            bytes: experts_xlsx()?,
        },
    ])
}

/// Generates the spreadsheets and writes them into `out_dir` (created if
/// missing). Returns the files written.
///
/// # Errors
///
/// As [`generate_sheets`], plus [`DemoError::Io`] for the output files.
pub fn write_sheets(out_dir: &Path) -> Result<Vec<MaterialFile>, DemoError> {
    let files = generate_sheets()?;
    std::fs::create_dir_all(out_dir).map_err(|source| DemoError::Io {
        path: out_dir.to_path_buf(),
        source,
    })?;
    for file in &files {
        let path = out_dir.join(file.name);
        std::fs::write(&path, &file.bytes).map_err(|source| DemoError::Io { path, source })?;
    }
    Ok(files)
}
