//! Names that become file names on someone's disk: a material's file, a person's
//! card (`cards/<id>.card`), a package entry exported as a file. A name is
//! refused when any of Linux, macOS or Windows would read it as anything but one
//! plain file in the folder it is put in.

/// Windows' reserved device names: a file whose name before its first dot is one
/// of these (any case, any extension: `CON`, `nul.pdf`, `Com1.tar.gz`) opens the
/// device, not a file. `COM¹`…`LPT³` (superscript digits) are reserved too.
const DEVICES: &[&str] = &[
    "CON",
    "PRN",
    "AUX",
    "NUL",
    "CONIN$",
    "CONOUT$",
    "CLOCK$",
    "COM0",
    "COM1",
    "COM2",
    "COM3",
    "COM4",
    "COM5",
    "COM6",
    "COM7",
    "COM8",
    "COM9",
    "COM\u{b9}",
    "COM\u{b2}",
    "COM\u{b3}",
    "LPT0",
    "LPT1",
    "LPT2",
    "LPT3",
    "LPT4",
    "LPT5",
    "LPT6",
    "LPT7",
    "LPT8",
    "LPT9",
    "LPT\u{b9}",
    "LPT\u{b2}",
    "LPT\u{b3}",
];

/// Characters no file name may hold on Windows (`<>:"|?*`), besides `/`, `\` and
/// control characters.
const WINDOWS_FORBIDDEN: &[char] = &['<', '>', ':', '"', '|', '?', '*'];

/// Why a name cannot be a plain file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    /// Empty.
    Empty,
    /// Over 255 bytes (the longest file name most file systems allow).
    TooLong,
    /// Starts with `.` (hidden, or `.`/`..`).
    LeadingDot,
    /// Holds `/` or `\`, or `..`: a path, not a name.
    Path,
    /// Holds a control character or one of `<>:"|?*` (`C:evil.pdf` is a drive
    /// letter on Windows).
    ForbiddenCharacter,
    /// A Windows device name (`CON`, `NUL.pdf`, `COM1`, `LPT9.txt`, …).
    DeviceName,
    /// Ends in `.` or a space, which Windows silently drops (two names, one file).
    TrailingDotOrSpace,
}

impl NameProblem {
    /// What is wrong, in `lang`.
    pub fn message(self, lang: crate::Lang) -> &'static str {
        let zh = lang == crate::Lang::ZhCn;
        match self {
            Self::Empty => {
                if zh {
                    "名称为空"
                } else {
                    "the name is empty"
                }
            }
            Self::TooLong => {
                if zh {
                    "名称超过 255 字节"
                } else {
                    "the name is over 255 bytes"
                }
            }
            Self::LeadingDot => {
                if zh {
                    "名称以“.”开头（隐藏文件）"
                } else {
                    "the name starts with a dot (a hidden file)"
                }
            }
            Self::Path => {
                if zh {
                    "名称含有“/”“\\”或“..”，是路径而不是文件名"
                } else {
                    "the name holds '/', '\\' or '..': a path, not a file name"
                }
            }
            Self::ForbiddenCharacter => {
                if zh {
                    "名称含有控制字符或 < > : \" | ? *（如“C:”是 Windows 的盘符）"
                } else {
                    "the name holds a control character or one of < > : \" | ? * (\"C:\" is a Windows drive)"
                }
            }
            Self::DeviceName => {
                if zh {
                    "名称是 Windows 的设备名（CON、PRN、AUX、NUL、COM1–9、LPT1–9，带不带扩展名都一样）"
                } else {
                    "the name is a Windows device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with any extension)"
                }
            }
            Self::TrailingDotOrSpace => {
                if zh {
                    "名称以“.”或空格结尾（Windows 会将其去掉）"
                } else {
                    "the name ends in a dot or a space (Windows drops it)"
                }
            }
        }
    }
}

/// Whether `name`'s part before its first dot is a Windows device name (ASCII
/// case ignored, trailing spaces ignored as Windows does).
pub fn is_device_name(name: &str) -> bool {
    let base = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    DEVICES.iter().any(|d| d.eq_ignore_ascii_case(base))
}

/// Checks that `name` is one plain file name on every system: not empty, at most
/// 255 bytes, no `/`, `\` or `..`, no leading dot, no control character or
/// `<>:"|?*`, not a Windows device name with or without an extension, not ending
/// in a dot or a space. The first problem found, in that order.
pub fn check_file_name(name: &str) -> Result<(), NameProblem> {
    if name.is_empty() {
        return Err(NameProblem::Empty);
    }
    if name.len() > 255 {
        return Err(NameProblem::TooLong);
    }
    if name.contains(['/', '\\']) || name.contains("..") {
        return Err(NameProblem::Path);
    }
    if name.starts_with('.') {
        return Err(NameProblem::LeadingDot);
    }
    if name
        .chars()
        .any(|c| c.is_control() || WINDOWS_FORBIDDEN.contains(&c))
    {
        return Err(NameProblem::ForbiddenCharacter);
    }
    if is_device_name(name) {
        return Err(NameProblem::DeviceName);
    }
    if name.ends_with(['.', ' ']) {
        return Err(NameProblem::TrailingDotOrSpace);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_unsafe_name_of_issue_17_is_refused_with_its_reason() {
        use NameProblem as P;
        for (name, want) in [
            ("", P::Empty),
            ("../evil.pdf", P::Path),
            ("../../evil.pdf", P::Path),
            ("a/b.pdf", P::Path),
            ("a\\b.pdf", P::Path),
            (".hidden", P::LeadingDot),
            ("C:evil.pdf", P::ForbiddenCharacter),
            ("c:\\evil.pdf", P::Path),
            ("a?.pdf", P::ForbiddenCharacter),
            ("a\u{7}.pdf", P::ForbiddenCharacter),
            ("CON", P::DeviceName),
            ("con", P::DeviceName),
            ("NUL.pdf", P::DeviceName),
            ("COM1", P::DeviceName),
            ("LPT9.txt", P::DeviceName),
            ("Aux.tar.gz", P::DeviceName),
            ("PRN .pdf", P::DeviceName),
            ("COM\u{b9}.pdf", P::DeviceName),
            ("report.pdf.", P::TrailingDotOrSpace),
            ("report.pdf ", P::TrailingDotOrSpace),
        ] {
            assert_eq!(check_file_name(name), Err(want), "{name:?}");
        }
        assert_eq!(check_file_name(&"x".repeat(256)), Err(P::TooLong));
    }

    #[test]
    fn ordinary_names_pass() {
        for name in [
            "A01-营业执照.pdf",
            "M01.pdf",
            "console.pdf",
            "CONTRACT.pdf",
            "COM10.pdf",
            "LPT.txt",
            "a.b.c",
            "x y.pdf",
            &"x".repeat(255),
        ] {
            assert_eq!(check_file_name(name), Ok(()), "{name:?}");
        }
    }

    #[test]
    fn every_problem_has_a_message_in_both_languages() {
        use NameProblem as P;
        for p in [
            P::Empty,
            P::TooLong,
            P::LeadingDot,
            P::Path,
            P::ForbiddenCharacter,
            P::DeviceName,
            P::TrailingDotOrSpace,
        ] {
            let zh = p.message(crate::Lang::ZhCn);
            let en = p.message(crate::Lang::En);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert!(
                !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{en}"
            );
        }
    }

    proptest! {
        /// Whatever passes is a single name on every system: no separator, no
        /// device, nothing Windows would trim or read as a drive.
        #[test]
        fn a_name_that_passes_is_safe_everywhere(name in "\\PC{0,40}") {
            if check_file_name(&name).is_ok() {
                prop_assert!(!name.is_empty() && !name.starts_with('.'));
                prop_assert!(!name.contains(['/', '\\', ':']) && !name.contains(".."));
                prop_assert!(!name.ends_with(['.', ' ']));
                prop_assert!(!name.chars().any(char::is_control));
                prop_assert!(!is_device_name(&name));
            }
        }

        /// A device name with any extension and in any case is refused.
        #[test]
        fn device_names_are_refused_whatever_the_case_or_extension(
            i in 0..DEVICES.len(),
            upper in proptest::collection::vec(any::<bool>(), 8),
            ext in "(\\.[a-z0-9]{1,4}){0,2}",
        ) {
            let cased: String = DEVICES[i]
                .chars()
                .zip(upper.iter().cycle())
                .map(|(c, u)| if *u { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
                .collect();
            let name = format!("{cased}{ext}");
            prop_assert_eq!(check_file_name(&name), Err(NameProblem::DeviceName));
        }
    }
}
