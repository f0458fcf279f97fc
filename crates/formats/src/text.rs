//! Text bodies: the format line and `key: value` lines in a fixed order, as
//! `docs/formats.md` ("Format line", "Text bodies") specifies them.

use crate::FormatError;

/// "A line is at most 1,024 bytes."
pub const MAX_LINE: usize = 1024;

/// Checks the format line at the start of `bytes`. "The exact line → go on;
/// `reviewdesk-<kind>/` followed by anything else → `unsupported_version` (the
/// message shows what it found); anything else → `bad_magic`."
/// `line` is the whole expected line without its LF, e.g. `reviewdesk-keycard/1`.
pub fn check_format_line(bytes: &[u8], line: &'static str) -> Result<(), FormatError> {
    let mut expected = line.as_bytes().to_vec();
    expected.push(b'\n');
    if bytes.starts_with(&expected) {
        return Ok(());
    }
    if bytes.starts_with(line.as_bytes()) && bytes.get(line.len()) == Some(&b'\r') {
        return Err(FormatError::malformed(1, "CR in line (LF line ends only)"));
    }
    let kind = &line[..=line.rfind('/').unwrap_or(line.len() - 1)];
    if bytes.starts_with(kind.as_bytes()) {
        let end = bytes
            .iter()
            .take(64)
            .position(|&b| b == b'\n')
            .unwrap_or(bytes.len().min(64));
        return Err(FormatError::UnsupportedVersion {
            expected: line,
            found: String::from_utf8_lossy(&bytes[..end]).into_owned(),
        });
    }
    Err(FormatError::BadMagic { expected: kind })
}

/// A cursor over a body's lines, handing out values key by key in the required order.
#[derive(Debug)]
pub struct Lines<'a> {
    rest: &'a str,
    line: usize,
}

impl<'a> Lines<'a> {
    /// Starts after the format line (which `check_format_line` has checked): "UTF-8,
    /// LF line ends (no CR), … a final LF."
    pub fn new(body: &'a [u8], format_line: &'static str) -> Result<Self, FormatError> {
        check_format_line(body, format_line)?;
        let text = std::str::from_utf8(body).map_err(|e| {
            let line = body[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            FormatError::malformed(line, "not UTF-8")
        })?;
        if !text.ends_with('\n') {
            return Err(FormatError::malformed(0, "the body must end in LF"));
        }
        Ok(Self {
            rest: &text[format_line.len() + 1..],
            line: 1,
        })
    }

    /// The next line, without its LF; checks the length, CR and trailing spaces.
    fn next_line(&mut self, what: &str) -> Result<&'a str, FormatError> {
        let Some(end) = self.rest.find('\n') else {
            return Err(FormatError::malformed(
                self.line + 1,
                format!("expected {what}, found the end"),
            ));
        };
        let line = &self.rest[..end];
        self.rest = &self.rest[end + 1..];
        self.line += 1;
        if line.len() > MAX_LINE {
            return Err(FormatError::malformed(
                self.line,
                "line longer than 1,024 bytes",
            ));
        }
        if line.contains('\r') {
            return Err(FormatError::malformed(
                self.line,
                "CR in line (LF line ends only)",
            ));
        }
        if line.ends_with(' ') || line.ends_with('\t') {
            return Err(FormatError::malformed(self.line, "trailing white space"));
        }
        Ok(line)
    }

    /// The value of the next line, which must be `key: value`.
    pub fn value(&mut self, key: &str) -> Result<&'a str, FormatError> {
        let line = self.next_line(&format!("`{key}:`"))?;
        match line.strip_prefix(key).and_then(|r| r.strip_prefix(": ")) {
            Some(v) if !v.is_empty() => Ok(v),
            _ => Err(self.error(format!("expected `{key}: …`"))),
        }
    }

    /// Whether the next line is a `key: …` line (for a line the format makes
    /// optional).
    pub fn next_is(&self, key: &str) -> bool {
        self.rest
            .strip_prefix(key)
            .is_some_and(|r| r.starts_with(": "))
    }

    /// A `Malformed` error at the line just read.
    pub fn error(&self, message: impl Into<String>) -> FormatError {
        FormatError::malformed(self.line, message)
    }

    /// The 1-based number of the line just read.
    pub fn line_number(&self) -> usize {
        self.line
    }

    /// The payload after the fields: "After `audit` comes one empty line, then …".
    pub fn payload(self) -> Result<&'a str, FormatError> {
        self.rest.strip_prefix('\n').ok_or_else(|| {
            FormatError::malformed(self.line + 1, "expected an empty line before the payload")
        })
    }

    /// Requires that nothing follows.
    pub fn finish(self) -> Result<(), FormatError> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(FormatError::malformed(
                self.line + 1,
                "unexpected line after the last field",
            ))
        }
    }

    /// "Numbers are decimal ASCII without sign or leading zeros."
    pub fn number(&self, v: &str, max: u64, what: &str) -> Result<u64, FormatError> {
        let ok = !v.is_empty()
            && v.bytes().all(|b| b.is_ascii_digit())
            && (v == "0" || !v.starts_with('0'));
        if !ok {
            return Err(self.error(format!(
                "{what}: `{}` is not a decimal number (digits only, no sign, no leading zero)",
                crate::message::short(v)
            )));
        }
        // All digits but more than a u64 holds: over any limit, said so.
        let n: u64 = v.parse().map_err(|_| FormatError::TooLarge {
            what: what.to_string(),
            found: u64::MAX,
            limit: max,
        })?;
        if n > max {
            return Err(FormatError::TooLarge {
                what: what.to_string(),
                found: n,
                limit: max,
            });
        }
        Ok(n)
    }

    /// "Hashes are SHA-256 as 64 lowercase hex digits."
    pub fn sha256(&self, v: &str) -> Result<[u8; 32], FormatError> {
        parse_hex32(v).ok_or_else(|| self.error(format!("`{v}` is not 64 lowercase hex digits")))
    }
}

/// 64 lowercase hex digits → 32 bytes.
pub fn parse_hex32(v: &str) -> Option<[u8; 32]> {
    if v.len() != 64 || !v.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&v[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// 32 bytes → 64 lowercase hex digits.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// "Ids … 1–48 bytes of `[A-Za-z0-9_-]`."
pub fn is_id(v: &str) -> bool {
    (1..=48).contains(&v.len())
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], expected: &str) {
        let got = match check_format_line(bytes, "reviewdesk-keycard/1") {
            Ok(()) => "ok",
            Err(e) => e.code().as_str(),
        };
        assert_eq!(got, expected, "{:?}", String::from_utf8_lossy(bytes));
    }

    #[test]
    fn format_line_versions() {
        check(b"reviewdesk-keycard/1\nname: x\n", "ok");
        check(b"reviewdesk-keycard/2\n", "unsupported_version");
        check(b"reviewdesk-keycard/10\n", "unsupported_version");
        check(b"reviewdesk-keycard/1", "unsupported_version");
        check(b"reviewdesk-keycard/1\r\n", "malformed");
        check(b"reviewdesk-sheet/1\n", "bad_magic");
        check(b"", "bad_magic");
    }

    #[test]
    fn lines_keep_order_and_reject_what_the_spec_rejects() {
        let body = b"reviewdesk-keycard/1\na: 1\nb: 0\n";
        let mut l = Lines::new(body, "reviewdesk-keycard/1").expect("lines");
        assert_eq!(l.value("a").expect("a"), "1");
        assert_eq!(l.value("b").expect("b"), "0");
        l.finish().expect("end");

        let mut l = Lines::new(body, "reviewdesk-keycard/1").expect("lines");
        assert_eq!(l.value("b").unwrap_err().code(), "malformed");

        for bad in [
            &b"reviewdesk-keycard/1\na: 1"[..],
            b"reviewdesk-keycard/1\na: 1 \n",
            b"reviewdesk-keycard/1\na:1\n",
            b"reviewdesk-keycard/1\na: \n",
            b"reviewdesk-keycard/1\na: \xff\n",
        ] {
            let err =
                Lines::new(bad, "reviewdesk-keycard/1").and_then(|mut l| l.value("a").map(|_| ()));
            assert_eq!(
                err.map_err(|e| e.code()),
                Err(crate::FormatCode::Malformed),
                "{bad:?}"
            );
        }
        let long = format!("reviewdesk-keycard/1\na: {}\n", "x".repeat(1100));
        let mut l = Lines::new(long.as_bytes(), "reviewdesk-keycard/1").expect("lines");
        assert_eq!(l.value("a").unwrap_err().code(), "malformed");
    }

    #[test]
    fn numbers_and_hashes() {
        let l = Lines::new(b"reviewdesk-keycard/1\n", "reviewdesk-keycard/1").expect("lines");
        assert_eq!(l.number("0", 10, "n").expect("0"), 0);
        assert_eq!(l.number("10", 10, "n").expect("10"), 10);
        assert_eq!(l.number("11", 10, "n").unwrap_err().code(), "too_large");
        // More digits than a u64 holds: over the limit, not "not a number".
        let e = l
            .number("99999999999999999999999", u64::MAX, "n")
            .unwrap_err();
        assert_eq!(e.code(), "too_large");
        assert_eq!(e.to_string(), "n is over the limit of 18446744073709551615");
        for bad in ["", "01", "+1", "-1", "1.0", " 1"] {
            assert_eq!(
                l.number(bad, u64::MAX, "n").unwrap_err().code(),
                "malformed",
                "{bad:?}"
            );
        }
        let h = hex(&[0xab; 32]);
        assert_eq!(parse_hex32(&h), Some([0xab; 32]));
        assert_eq!(parse_hex32(&h.to_uppercase()), None);
        assert_eq!(parse_hex32(&h[1..]), None);
    }
}
