//! Entry names: keys inside a container, never paths.

use std::collections::HashSet;

use crate::FormatError;

/// "Entry names are 1–64 bytes of `[A-Za-z0-9._-]`, starting with a letter or
/// digit, not ending in `.`, and not a Windows device name with or without an
/// extension (`CON`, `nul.pdf`, `COM1`, `LPT9.txt`) (`bad_name` — so no `/`, `\`,
/// `..`, drive letters, absolute paths, spaces or non-ASCII, and no two names equal
/// under Unicode normalisation)."
pub fn is_entry_name(name: &str) -> bool {
    let b = name.as_bytes();
    (1..=64).contains(&b.len())
        && b[0].is_ascii_alphanumeric()
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
        && reviewdesk_core::check_file_name(name).is_ok()
}

/// Checks every name and that "no two names equal after ASCII lowercasing
/// (`duplicate_entry`)".
pub fn check_entry_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<(), FormatError> {
    let mut seen = HashSet::new();
    for name in names {
        if !is_entry_name(name) {
            return Err(FormatError::BadName {
                name: name.chars().take(80).collect(),
            });
        }
        if !seen.insert(name.to_ascii_lowercase()) {
            return Err(FormatError::DuplicateEntry {
                name: name.to_string(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_could_be_paths_are_refused() {
        for bad in [
            "",
            "..",
            ".hidden",
            "a/b",
            "/etc/passwd",
            "a\\b",
            "C:x",
            "C:evil.pdf",
            "CON",
            "con",
            "NUL.pdf",
            "COM1",
            "LPT9.txt",
            "a.",
            "a..b",
            "a ",
            "a b",
            "材料",
            "é",
            "e\u{301}",
            &"x".repeat(65),
        ] {
            assert!(!is_entry_name(bad), "{bad:?}");
        }
        for good in [
            "index",
            "round",
            "material.M01",
            "card.E-01_x",
            &"x".repeat(64),
        ] {
            assert!(is_entry_name(good), "{good:?}");
        }
    }

    #[test]
    fn case_folded_duplicates_are_refused() {
        let err = check_entry_names(["index", "material.M1", "material.m1"]).unwrap_err();
        assert_eq!(err.code(), "duplicate_entry");
        assert!(check_entry_names(["index", "round"]).is_ok());
    }
}
