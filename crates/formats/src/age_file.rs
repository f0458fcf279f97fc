//! age v1 files: encryption to X25519 recipients, the header check a reader makes
//! before decrypting, and decryption with the caller's identities.

use std::io::{Read, Write};

use crate::FormatError;

pub use age::x25519::{Identity, Recipient};

/// "ends with a `--- ` line within the first 65,536 bytes"
pub const MAX_HEADER: usize = 65_536;
/// "1–64 of them `X25519`"
pub const MAX_X25519_STANZAS: usize = 64;
/// "at most 66 stanzas"
pub const MAX_STANZAS: usize = 66;

/// The largest age file whose plaintext can be at most `plaintext` bytes: the
/// header (at most [`MAX_HEADER`]), the 16-byte stream nonce, the plaintext, and 16
/// bytes of tag per 64 KiB chunk (at least one chunk). "A reader refuses a larger
/// file (`too_large`) before it reads it."
pub const fn max_age_file(plaintext: u64) -> u64 {
    MAX_HEADER as u64 + 16 + plaintext + 16 * (plaintext / 65_536 + 1)
}

/// Encrypts `plaintext` to `recipients` as a binary age v1 file.
pub fn encrypt(plaintext: &[u8], recipients: &[Recipient]) -> Result<Vec<u8>, FormatError> {
    if recipients.is_empty() || recipients.len() > MAX_X25519_STANZAS {
        return Err(FormatError::Unwritable(format!(
            "{} recipients (1-64 allowed)",
            recipients.len()
        )));
    }
    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .map_err(|e| FormatError::Unwritable(e.to_string()))?;
    let mut out = Vec::with_capacity(plaintext.len() + plaintext.len() / 4096 + 1024);
    let mut writer = encryptor.wrap_output(&mut out)?;
    writer.write_all(plaintext)?;
    writer.finish()?;
    Ok(out)
}

/// Checks an age header before it goes to the decryptor: "it starts with
/// `age-encryption.org/v1` + LF, ends with a `--- ` line within the first 65,536
/// bytes (`bad_age_header`), and has at most 66 stanzas, 1–64 of them `X25519`
/// (`too_many_stanzas`…)". Returns the number of `X25519` stanzas.
pub fn check_header(name: &str, file: &[u8]) -> Result<usize, FormatError> {
    let bad = |message: &str| FormatError::BadAgeHeader {
        name: name.to_string(),
        message: message.to_string(),
    };
    let head = &file[..file.len().min(MAX_HEADER)];
    let rest = head
        .strip_prefix(b"age-encryption.org/v1\n")
        .ok_or_else(|| bad("does not start with `age-encryption.org/v1`"))?;
    let (mut total, mut x25519) = (0usize, 0usize);
    let mut pos = 0;
    loop {
        let Some(len) = rest[pos..].iter().position(|&b| b == b'\n') else {
            // A file that ends inside its header was cut short; one whose first
            // 64 KiB hold no end of header is not an age file of ours.
            if file.len() < MAX_HEADER {
                return Err(FormatError::Truncated {
                    what: format!("the end of the encryption header of {}", part_name(name)),
                });
            }
            return Err(bad("no `---` line within the first 64 KiB"));
        };
        let line = &rest[pos..pos + len];
        pos += len + 1;
        if line.starts_with(b"--- ") {
            break;
        }
        if line.starts_with(b"-> ") {
            total += 1;
            if line.starts_with(b"-> X25519 ") {
                x25519 += 1;
            }
        }
    }
    if x25519 == 0 || x25519 > MAX_X25519_STANZAS || total > MAX_STANZAS {
        return Err(FormatError::TooManyStanzas {
            name: name.to_string(),
            x25519,
            total,
        });
    }
    Ok(x25519)
}

/// Decrypts an age file with the caller's identities, at most `max_len` bytes of
/// plaintext. The header is checked first (`check_header`).
pub fn decrypt(
    name: &str,
    file: &[u8],
    identities: &[Identity],
    max_len: u64,
) -> Result<Vec<u8>, FormatError> {
    let mut out = Vec::new();
    decrypt_to(name, file, file, identities, max_len, &mut out)?;
    Ok(out)
}

/// Decrypts an age file read from `file` into `out`, streaming, at most `max_len`
/// bytes of plaintext; `head` is the file's first bytes (up to 64 KiB) for the header
/// check (`check_header`), made first. Returns the plaintext length. On error `out`
/// may have received part of the plaintext: the caller discards it.
pub fn decrypt_to<R: Read>(
    name: &str,
    head: &[u8],
    file: R,
    identities: &[Identity],
    max_len: u64,
    out: &mut dyn Write,
) -> Result<u64, FormatError> {
    check_header(name, head)?;
    let reader = open_reader(name, file, identities)?;
    let mut limited = reader.take(max_len + 1);
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = limited.read(&mut buf).map_err(|e| read_failed(name, e))?;
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > max_len {
            return Err(FormatError::TooLarge {
                what: format!("entry {name:?} plaintext"),
                found: total,
                limit: max_len,
            });
        }
        out.write_all(&buf[..n])?;
    }
    Ok(total)
}

/// Decrypts an age file read from `file` as a stream (its header checked in its
/// first 64 KiB first), at most `max_len` bytes of plaintext: only the plaintext
/// is held, never the file as well.
pub fn decrypt_from<R: Read>(
    name: &str,
    mut file: R,
    identities: &[Identity],
    max_len: u64,
) -> Result<Vec<u8>, FormatError> {
    let head = read_head(name, &mut file)?;
    let mut out = Vec::new();
    decrypt_to(
        name,
        &head,
        std::io::Cursor::new(head.as_slice()).chain(file),
        identities,
        max_len,
        &mut out,
    )?;
    Ok(out)
}

/// The first bytes of an age file read as a stream — as many as its header may
/// take ([`MAX_HEADER`]) — for [`check_header`] before the file is decrypted;
/// the caller decrypts from these bytes chained with the rest.
pub(crate) fn read_head(name: &str, file: &mut impl Read) -> Result<Vec<u8>, FormatError> {
    let mut head = Vec::new();
    file.take(MAX_HEADER as u64)
        .read_to_end(&mut head)
        .map_err(|e| read_failed(name, e))?;
    Ok(head)
}

/// An error reading an age payload: the file ending early is `truncated`
/// (not "failed to fill whole buffer"), anything else `decrypt_failed`.
pub(crate) fn read_failed(name: &str, e: std::io::Error) -> FormatError {
    if e.kind() == std::io::ErrorKind::UnexpectedEof {
        FormatError::Truncated {
            what: format!("the end of the encrypted data of {}", part_name(name)),
        }
    } else {
        FormatError::DecryptFailed {
            name: name.to_string(),
            message: e.to_string(),
        }
    }
}

fn part_name(name: &str) -> String {
    crate::message::part_name(name, reviewdesk_core::Lang::En)
}

/// The age decryptor over `file` for the first identity that opens it (seekable
/// when `file` is).
pub(crate) fn open_reader<R: Read>(
    name: &str,
    file: R,
    identities: &[Identity],
) -> Result<age::stream::StreamReader<std::io::BufReader<R>>, FormatError> {
    let failed = |e: &dyn std::fmt::Display| FormatError::DecryptFailed {
        name: name.to_string(),
        message: e.to_string(),
    };
    let decryptor =
        age::Decryptor::new_buffered(std::io::BufReader::new(file)).map_err(|e| match e {
            age::DecryptError::InvalidHeader | age::DecryptError::UnknownFormat => {
                FormatError::BadAgeHeader {
                    name: name.to_string(),
                    message: e.to_string(),
                }
            }
            other => failed(&other),
        })?;
    if decryptor.is_scrypt() {
        return Err(FormatError::BadAgeHeader {
            name: name.to_string(),
            message: "passphrase-encrypted; only X25519 recipients are allowed".into(),
        });
    }
    decryptor
        .decrypt(identities.iter().map(|i| i as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys => FormatError::NotARecipient {
                name: name.to_string(),
            },
            other => failed(&other),
        })
}

/// The first `n` plaintext bytes of an age file (or fewer, when it is shorter):
/// only the first chunks are decrypted and authenticated, enough to tell what kind
/// of file is inside. The header is checked first (`check_header`).
pub fn decrypt_head(
    name: &str,
    file: &[u8],
    identities: &[Identity],
    n: u64,
) -> Result<Vec<u8>, FormatError> {
    check_header(name, file)?;
    let mut out = Vec::new();
    open_reader(name, file, identities)?
        .take(n)
        .read_to_end(&mut out)
        .map_err(|e| read_failed(name, e))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code<T>(r: Result<T, FormatError>) -> &'static str {
        r.map(|_| ()).map_or_else(|e| e.code().as_str(), |()| "ok")
    }

    #[test]
    fn max_age_file_bounds_what_encrypt_writes() {
        let ids: Vec<Recipient> = (0..MAX_X25519_STANZAS)
            .map(|_| Identity::generate().to_public())
            .collect();
        for n in [0usize, 1, 65_535, 65_536, 65_537, 200_000] {
            let c = encrypt(&vec![7; n], &ids).expect("encrypt");
            let mac = c.windows(5).position(|w| w == b"\n--- ").expect("mac line") + 1;
            let header = mac + c[mac..].iter().position(|&b| b == b'\n').expect("LF") + 1;
            let chunks = n.div_ceil(65_536).max(1);
            // Header, nonce, plaintext, a tag per chunk: what max_age_file counts.
            assert_eq!(c.len(), header + 16 + n + 16 * chunks, "{n}");
            assert!(header <= MAX_HEADER);
            assert!(c.len() as u64 <= max_age_file(n as u64), "{n}");
        }
    }

    #[test]
    fn headers_are_checked_before_decryption() {
        let id = Identity::generate();
        let c = encrypt(b"material", &[id.to_public()]).expect("encrypt");
        assert_eq!(check_header("m", &c).expect("header"), 1);
        assert_eq!(
            decrypt("m", &c, std::slice::from_ref(&id), 8).expect("decrypt"),
            b"material"
        );
        assert_eq!(
            code(decrypt("m", &c, std::slice::from_ref(&id), 7)),
            "too_large"
        );
        assert_eq!(
            decrypt_head("m", &c, std::slice::from_ref(&id), 3).expect("head"),
            b"mat"
        );
        assert_eq!(
            code(decrypt_head("m", &c, &[Identity::generate()], 3)),
            "not_a_recipient"
        );
        assert_eq!(
            code(decrypt("m", &c, &[Identity::generate()], 8)),
            "not_a_recipient"
        );
        assert_eq!(
            code(check_header("m", b"age-encryption.org/v2\n")),
            "bad_age_header"
        );
        // Ending inside the header: the file was cut short (issue 17, item 9),
        // not "no `---` line within the first 64 KiB".
        assert_eq!(
            code(check_header("m", b"age-encryption.org/v1\n-> X25519 abc\n")),
            "truncated"
        );
        let mut no_end = b"age-encryption.org/v1\n".to_vec();
        no_end.resize(MAX_HEADER + 10, b'x');
        assert_eq!(code(check_header("m", &no_end)), "bad_age_header");
        assert_eq!(
            code(check_header("m", b"age-encryption.org/v1\n--- mac\n")),
            "too_many_stanzas"
        );
        let mut many = b"age-encryption.org/v1\n".to_vec();
        for _ in 0..65 {
            many.extend_from_slice(b"-> X25519 abc\nbody\n");
        }
        many.extend_from_slice(b"--- mac\n");
        assert_eq!(code(check_header("m", &many)), "too_many_stanzas");
        let mut corrupt = c.clone();
        let last = corrupt.len() - 1;
        corrupt[last] ^= 1;
        assert_eq!(code(decrypt("m", &corrupt, &[id], 8)), "decrypt_failed");
    }

    #[test]
    fn writers_refuse_no_recipients() {
        assert_eq!(code(encrypt(b"x", &[])), "unwritable");
    }
}
