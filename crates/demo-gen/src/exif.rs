//! A minimal EXIF block (a little-endian TIFF structure with one IFD) that
//! carries an Orientation tag, for the JPEG encoder to write as an APP1
//! segment.
//!
//! Layout (EXIF 2.3 §4.5, TIFF 6.0 §2):
//!
//! ```text
//! "II" 2A 00  08 00 00 00        TIFF header: little-endian, IFD0 at offset 8
//! 02 00                          IFD0: 2 entries
//! 12 01 03 00 01 00 00 00 v 00 00 00   Orientation (0x0112), SHORT, 1 value
//! 31 01 02 00 n  00 00 00 o 00 00 00   Software (0x0131), ASCII, n bytes at offset o
//! 00 00 00 00                    no next IFD
//! ...                            the Software string, NUL-terminated
//! ```
//!
//! The encoder prepends the `Exif\0\0` identifier.

/// EXIF Orientation 6: the stored image must be rotated 90° clockwise to be shown upright.
pub(crate) const ORIENTATION_ROTATE_90_CW: u16 = 6;

const TAG_ORIENTATION: u16 = 0x0112;
const TAG_SOFTWARE: u16 = 0x0131;
const TYPE_ASCII: u16 = 2;
const TYPE_SHORT: u16 = 3;

/// The TIFF structure of an EXIF block with `orientation` and a `software` name.
pub(crate) fn orientation_block(orientation: u16, software: &str) -> Vec<u8> {
    let mut software = software.as_bytes().to_vec();
    software.push(0);
    let entries: u16 = 2;
    let ifd_len = 2 + 12 * u32::from(entries) + 4;
    let software_offset = 8 + ifd_len;

    let mut out = Vec::new();
    out.extend_from_slice(b"II");
    out.extend_from_slice(&42_u16.to_le_bytes());
    out.extend_from_slice(&8_u32.to_le_bytes());
    out.extend_from_slice(&entries.to_le_bytes());
    // Entries must be sorted by tag.
    out.extend_from_slice(&TAG_ORIENTATION.to_le_bytes());
    out.extend_from_slice(&TYPE_SHORT.to_le_bytes());
    out.extend_from_slice(&1_u32.to_le_bytes());
    out.extend_from_slice(&orientation.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(&TAG_SOFTWARE.to_le_bytes());
    out.extend_from_slice(&TYPE_ASCII.to_le_bytes());
    out.extend_from_slice(&(software.len() as u32).to_le_bytes());
    out.extend_from_slice(&software_offset.to_le_bytes());
    out.extend_from_slice(&0_u32.to_le_bytes());
    out.extend_from_slice(&software);
    out
}

/// Reads the Orientation tag back out of a JPEG file (for the tests): the
/// value in the first APP1 `Exif` segment, or `None`.
pub fn jpeg_orientation(jpeg: &[u8]) -> Option<u16> {
    let mut at = 2; // after SOI
    while at + 4 <= jpeg.len() && jpeg[at] == 0xFF {
        let marker = jpeg[at + 1];
        let length = usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
        let body = jpeg.get(at + 4..at + 2 + length)?;
        if marker == 0xE1 && body.starts_with(b"Exif\0\0") {
            return tiff_orientation(&body[6..]);
        }
        if marker == 0xDA {
            return None; // start of scan: no more metadata
        }
        at += 2 + length;
    }
    None
}

fn tiff_orientation(tiff: &[u8]) -> Option<u16> {
    let le = match tiff.get(..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |i: usize| -> Option<u16> {
        let b = [*tiff.get(i)?, *tiff.get(i + 1)?];
        Some(if le {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    };
    let u32_at = |i: usize| -> Option<u32> {
        let b = [
            *tiff.get(i)?,
            *tiff.get(i + 1)?,
            *tiff.get(i + 2)?,
            *tiff.get(i + 3)?,
        ];
        Some(if le {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let count = usize::from(u16_at(ifd)?);
    (0..count).find_map(|i| {
        let entry = ifd + 2 + 12 * i;
        (u16_at(entry)? == TAG_ORIENTATION)
            .then(|| u16_at(entry + 8))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_reads_back() {
        let block = orientation_block(ORIENTATION_ROTATE_90_CW, "x");
        assert_eq!(tiff_orientation(&block), Some(6));
        assert_eq!(&block[..8], b"II\x2a\x00\x08\x00\x00\x00");
    }
}
