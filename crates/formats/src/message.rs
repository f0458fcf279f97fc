//! The zh/en messages of [`FormatError`](crate::FormatError) and what they share
//! with the other crates' errors: the name of a kind of file, of a part of one, and
//! an operating-system error's reason, in the user's language.

use reviewdesk_core::Lang;

use crate::FormatError;

/// The kind of file a format line (without its version, `reviewdesk-package/`)
/// stands for, in `lang`.
pub fn kind_name(format: &str, lang: Lang) -> String {
    let zh = lang == Lang::ZhCn;
    let known = [
        (
            "reviewdesk-package",
            "评审包（.rdpkg）",
            "a sealed package (.rdpkg)",
        ),
        (
            "reviewdesk-keycard",
            "密钥卡（.card）",
            "a key card (.card)",
        ),
        (
            "reviewdesk-sheet",
            "评分表（.rdsheet）",
            "a score sheet (.rdsheet)",
        ),
        (
            "reviewdesk-bundle",
            "结果包（.rdbundle）",
            "a result bundle (.rdbundle)",
        ),
        (
            "reviewdesk-family",
            "评审包家族清单",
            "a package family list",
        ),
        (
            "reviewdesk-archive",
            "归档（.rdarchive）",
            "an archive (.rdarchive)",
        ),
        ("reviewdesk-index", "评审包索引", "a package index"),
        ("reviewdesk-manifest", "评审包清单", "a package manifest"),
    ];
    let base = format.trim_end_matches(|c: char| c == '/' || c.is_ascii_digit());
    match known.iter().find(|(k, _, _)| base.starts_with(k)) {
        Some((_, z, e)) => if zh { z } else { e }.to_string(),
        None if zh => format!("`{format}` 文件"),
        None => format!("a `{format}` file"),
    }
}

/// A part of a file as an error names it: `sheet`, `bundle`, `index`,
/// `manifest`, `material.M01`, `entry card.E01`, … in `lang`.
pub fn part_name(part: &str, lang: Lang) -> String {
    let zh = lang == Lang::ZhCn;
    let name = part.strip_prefix("entry ").unwrap_or(part);
    let fixed = [
        ("sheet", "评分表", "the score sheet"),
        ("bundle", "结果包", "the result bundle"),
        ("manifest", "清单", "the manifest"),
        ("index", "索引（条目 `index`）", "the index (entry `index`)"),
        ("key card", "密钥卡", "the key card"),
        ("package", "评审包", "the package"),
        (
            "sheet or bundle",
            "评分表或结果包",
            "the score sheet or result bundle",
        ),
        ("encrypted file", "加密文件", "the encrypted file"),
        ("re-check request", "复核请求", "the re-check request"),
        ("calendar year", "日历年度文件", "the calendar year file"),
        ("evidence file", "证据文件", "the evidence file"),
        ("archive", "公示归档文件", "the archive"),
        ("seal", "封装", "the sealing"),
        ("workspace", "工作区", "the workspace"),
        (
            "round",
            "评审批次文件（条目 `round`）",
            "the round (entry `round`)",
        ),
        (
            "template",
            "评审模板（条目 `template`）",
            "the template (entry `template`)",
        ),
    ];
    match fixed.iter().find(|(k, _, _)| *k == name) {
        Some((_, z, e)) => if zh { z } else { e }.to_string(),
        None if zh => format!("条目 `{name}`"),
        None => format!("entry `{name}`"),
    }
}

/// An operating-system error's reason in `lang`: the kind of failure (the
/// system's own sentence is English, so Chinese gets the kind only).
pub fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    if lang == Lang::En {
        return e.to_string();
    }
    match e.kind() {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "没有权限",
        K::AlreadyExists => "已经存在",
        K::UnexpectedEof => "文件不完整（被截断）",
        K::InvalidData | K::InvalidInput => "内容无效",
        K::IsADirectory => "这是文件夹，不是文件",
        K::NotADirectory => "这不是文件夹",
        K::DirectoryNotEmpty => "文件夹不是空的",
        K::StorageFull => "磁盘已满",
        K::ReadOnlyFilesystem => "文件系统只读",
        K::Interrupted => "操作被中断",
        K::WriteZero | K::BrokenPipe => "无法继续写入",
        K::OutOfMemory => "内存不足",
        _ => "操作系统报告了错误",
    }
    .to_string()
}

/// At most 40 characters of an untrusted value, "…" after when cut.
pub(crate) fn short(v: &str) -> String {
    match v.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &v[..at]),
        None => v.to_string(),
    }
}

/// What the user does about a file that fails a check: ask its sender again.
fn resend(lang: Lang) -> &'static str {
    match lang {
        Lang::ZhCn => "请勿使用此文件，向发送方（主办单位、专家或组长）重新索取",
        Lang::En => {
            "do not use this file; ask its sender (the organizer, expert or chair) for it again"
        }
    }
}

impl FormatError {
    /// What is wrong, where (entry, line, value) and what to do, in `lang`. The
    /// English text is the error's `Display`; the Chinese one says the same
    /// without echoing the parser's English detail (which `Display` keeps).
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let r = resend(lang);
        match self {
            Self::BadMagic { expected } => format!(
                "这不是{}：文件开头不是 `{expected}` 格式行。请检查选择的文件是否正确",
                kind_name(expected, lang)
            ),
            Self::UnsupportedVersion { expected, found } => format!(
                "文件版本不受支持：文件是 `{found}`，本程序只能读取 `{expected}`。请升级评审台，或请发送方用与您相同的版本重新生成"
            ),
            Self::Truncated { .. } => {
                format!("文件不完整（被截断）：文件在应有的结尾之前就结束了，可能没有完整复制或下载。{r}")
            }
            Self::TrailingData { .. } => {
                format!("文件在应有的结尾之后还有多余的数据，已损坏或被篡改。{r}")
            }
            Self::TooLarge { found, limit, .. } if *found == u64::MAX => {
                format!("文件中的某个长度或数量超出上限 {limit}。文件已损坏或被篡改；{r}")
            }
            Self::TooLarge { found, limit, .. } => {
                format!("文件中的某个长度或数量为 {found}，超出上限 {limit}。文件已损坏或被篡改；{r}")
            }
            Self::Malformed { line: 0, .. } => {
                format!("文件内容不符合格式规范，已损坏或被篡改。{r}")
            }
            Self::Malformed { line, .. } => {
                format!("第 {line} 行不符合格式规范，文件已损坏或被篡改。{r}")
            }
            Self::BadName { name } => format!(
                "条目名 `{name}` 不允许（只能是 1–64 个 A–Z a–z 0–9 . _ - 字符，以字母或数字开头，不以“.”结尾，不能是路径、盘符或 Windows 设备名）。{r}"
            ),
            Self::DuplicateEntry { name } => {
                format!("条目 `{name}` 出现了两次（不区分大小写）。{r}")
            }
            Self::MissingSignature => format!("文件没有签名。{r}"),
            Self::BadSignatureEncoding(_) => {
                format!("签名的编码不正确或不是唯一的规范编码，文件已损坏或被篡改。{r}")
            }
            Self::UnsupportedKey(_) => {
                "密钥或签名的算法不受支持：只接受 Ed25519 密钥与 SHA-512/SHA-256 哈希。请检查所用的密钥文件；若是收到的文件，请发送方用评审台重新签名".to_string()
            }
            Self::WrongNamespace { expected, found } => format!(
                "签名是为另一种文件做的（签名用途为 `{found}`，应为 `{expected}`）。请检查选择的文件是否正确"
            ),
            Self::UnknownSigner { fingerprint } => format!(
                "文件的签名者 {fingerprint} 不是受信任的密钥。请与应签名的一方线下核对指纹；不一致时{r}"
            ),
            Self::BadSignature => format!("签名与文件内容不符，文件已损坏或被篡改。{r}"),
            Self::SignerMismatch { named, signed } => format!(
                "文件中写明的签名者是 {named}，实际签名者却是 {signed}，文件不可信。{r}"
            ),
            Self::HashMismatch { name, what } => {
                let what = if *what == "size" { "大小" } else { "SHA-256" };
                format!(
                    "{}的 {what} 与签名的清单不符：文件已损坏或被篡改。{r}",
                    part_name(name, lang)
                )
            }
            Self::IndexMismatch(_) => {
                format!("评审包的索引与签名的清单不一致：文件已损坏或被篡改。{r}")
            }
            Self::BadAgeHeader { name, .. } => format!(
                "{}的加密文件头已损坏（不是有效的 age 文件头）。{r}",
                part_name(name, lang)
            ),
            Self::TooManyStanzas {
                name,
                x25519,
                total,
            } => format!(
                "{}的加密文件头有 {total} 个接收人（其中 X25519 {x25519} 个），不在允许范围内（X25519 1–64 个，共不超过 66 个）。{r}",
                part_name(name, lang)
            ),
            Self::NotARecipient { name } => format!(
                "无法用您的密钥打开{}：它不是加密给这个身份的，或其加密文件头已损坏。请确认使用的身份（--as 或 --identity）正确；如无误，{r}",
                part_name(name, lang)
            ),
            Self::DecryptFailed { name, .. } => format!(
                "{}的加密数据已损坏、不完整（被截断）或被篡改（无法通过认证）。{r}",
                part_name(name, lang)
            ),
            Self::NotBound { expected, found } => format!(
                "评分表不属于这个评审包：它绑定的评审包清单 SHA-256 为 {found}，而这个评审包的是 {expected}。请用评分表所对应的评审包核对"
            ),
            Self::StaleRevision {
                expert,
                accepted,
                found,
            } => format!(
                "专家 {expert} 的评分表第 {found} 版不比已接受的第 {accepted} 版新，未使用。请使用该专家最新版本的评分表"
            ),
            Self::AuditMismatch => {
                format!("评分表中的审计记录与签名的 audit-head 不符，文件已损坏或被篡改。{r}")
            }
            Self::NoSuchEntry { name } => format!(
                "文件中没有条目 `{name}`。文件可能由旧版本生成；请向主办单位索取用当前版本重新封装的文件"
            ),
            Self::Entry { name, source } => {
                format!("{}：{}", part_name(name, lang), source.message(lang))
            }
            Self::Unwritable(_) => {
                "要写入的内容不符合格式要求，未写入任何内容。请检查输入".to_string()
            }
            Self::TooLargeToWrite { what, found, limit } => format!(
                "要写出的{}有 {found} 字节，超过格式允许的 {limit} 字节，未写入任何内容。请把评审批次拆小后再合并",
                part_name(what, lang)
            ),
            Self::Io(e) => format!("读写文件失败：{}", io_reason(e, lang)),
        }
    }
}

/// One instance of every [`FormatError`] variant, its free-form fields filled
/// with English parser sentences (which a Chinese message must not echo), for
/// the tests here and in the crates that wrap it.
#[doc(hidden)]
pub fn every_format_error() -> Vec<FormatError> {
    let english = "expected an empty line before the payload".to_string();
    let all = vec![
        FormatError::BadMagic {
            expected: "reviewdesk-package/",
        },
        FormatError::UnsupportedVersion {
            expected: "reviewdesk-package/1",
            found: "reviewdesk-package/2".into(),
        },
        FormatError::Truncated {
            what: "the signed manifest".into(),
        },
        FormatError::TrailingData {
            what: "the last entry".into(),
        },
        FormatError::TooLarge {
            what: "the signed manifest".into(),
            found: 9_000_000,
            limit: 1_048_576,
        },
        FormatError::Malformed {
            line: 3,
            message: english.clone(),
        },
        FormatError::BadName {
            name: "NUL.pdf".into(),
        },
        FormatError::DuplicateEntry {
            name: "material.m01".into(),
        },
        FormatError::MissingSignature,
        FormatError::BadSignatureEncoding(english.clone()),
        FormatError::UnsupportedKey(english.clone()),
        FormatError::WrongNamespace {
            expected: "reviewdesk-sheet",
            found: "reviewdesk-keycard".into(),
        },
        FormatError::UnknownSigner {
            fingerprint: "SHA256:abc".into(),
        },
        FormatError::BadSignature,
        FormatError::SignerMismatch {
            named: "SHA256:abc".into(),
            signed: "SHA256:def".into(),
        },
        FormatError::HashMismatch {
            name: "material.M01".into(),
            what: "SHA-256",
        },
        FormatError::IndexMismatch(english.clone()),
        FormatError::BadAgeHeader {
            name: "sheet".into(),
            message: english.clone(),
        },
        FormatError::TooManyStanzas {
            name: "index".into(),
            x25519: 70,
            total: 70,
        },
        FormatError::NotARecipient {
            name: "index".into(),
        },
        FormatError::DecryptFailed {
            name: "sheet".into(),
            message: english.clone(),
        },
        FormatError::NotBound {
            expected: "ab".repeat(32),
            found: "cd".repeat(32),
        },
        FormatError::StaleRevision {
            expert: "E01".into(),
            accepted: 2,
            found: 1,
        },
        FormatError::AuditMismatch,
        FormatError::NoSuchEntry {
            name: "decisions".into(),
        },
        FormatError::Entry {
            name: "card.E01".into(),
            source: Box::new(FormatError::BadSignature),
        },
        FormatError::Unwritable(english.clone()),
        FormatError::TooLargeToWrite {
            what: "bundle".into(),
            found: 50_331_649,
            limit: 50_331_648,
        },
        FormatError::Io(std::io::Error::new(std::io::ErrorKind::NotFound, english)),
    ];
    // Every variant once: a new variant fails to compile here until it is listed.
    let mut seen = [false; 29];
    for e in &all {
        let i = match e {
            FormatError::BadMagic { .. } => 0,
            FormatError::UnsupportedVersion { .. } => 1,
            FormatError::Truncated { .. } => 2,
            FormatError::TrailingData { .. } => 3,
            FormatError::TooLarge { .. } => 4,
            FormatError::Malformed { .. } => 5,
            FormatError::BadName { .. } => 6,
            FormatError::DuplicateEntry { .. } => 7,
            FormatError::MissingSignature => 8,
            FormatError::BadSignatureEncoding(_) => 9,
            FormatError::UnsupportedKey(_) => 10,
            FormatError::WrongNamespace { .. } => 11,
            FormatError::UnknownSigner { .. } => 12,
            FormatError::BadSignature => 13,
            FormatError::SignerMismatch { .. } => 14,
            FormatError::HashMismatch { .. } => 15,
            FormatError::IndexMismatch(_) => 16,
            FormatError::BadAgeHeader { .. } => 17,
            FormatError::TooManyStanzas { .. } => 18,
            FormatError::NotARecipient { .. } => 19,
            FormatError::DecryptFailed { .. } => 20,
            FormatError::NotBound { .. } => 21,
            FormatError::StaleRevision { .. } => 22,
            FormatError::AuditMismatch => 23,
            FormatError::NoSuchEntry { .. } => 24,
            FormatError::Entry { .. } => 25,
            FormatError::Unwritable(_) => 26,
            FormatError::Io(_) => 27,
            FormatError::TooLargeToWrite { .. } => 28,
        };
        seen[i] = true;
    }
    assert!(
        seen.iter().all(|s| *s),
        "every FormatError variant is listed"
    );
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use reviewdesk_core::{en_message_problem, zh_message_problem};

    /// A damaged age file is located at its entry inside a package, and not
    /// called an entry when it is the whole sheet or bundle (the desktop's
    /// "条目: bundle").
    #[test]
    fn an_age_error_names_an_entry_only_when_it_is_one() {
        let failed = |name: &str| FormatError::DecryptFailed {
            name: name.into(),
            message: "stream ended".into(),
        };
        assert_eq!(failed("material.M01").entry(), Some("material.M01"));
        assert_eq!(failed("index").entry(), Some("index"));
        for whole in ["bundle", "sheet", "re-check request", "sheet or bundle"] {
            assert_eq!(failed(whole).entry(), None, "{whole}");
            let header = FormatError::BadAgeHeader {
                name: whole.into(),
                message: "no `---` line".into(),
            };
            assert_eq!(header.entry(), None, "{whole}");
        }
    }

    #[test]
    fn every_error_reads_in_both_languages() {
        for e in every_format_error() {
            let zh = e.message(Lang::ZhCn);
            let en = e.message(Lang::En);
            assert!(
                zh_message_problem(&zh).is_none(),
                "{}: {zh_message_problem:?}",
                e.code(),
                zh_message_problem = zh_message_problem(&zh)
            );
            assert!(en_message_problem(&en).is_none(), "{}: {en}", e.code());
            assert_ne!(zh, en);
        }
    }

    #[test]
    fn the_confusing_messages_of_issue_17_say_what_happened() {
        let zh = |e: FormatError| e.message(Lang::ZhCn);
        // A damaged age payload of a sheet: not an "entry" that "does not decrypt".
        let m = zh(FormatError::DecryptFailed {
            name: "sheet".into(),
            message: "x".into(),
        });
        assert!(
            m.contains("评分表的加密数据已损坏、不完整（被截断）或被篡改")
                && m.contains("重新索取"),
            "{m}"
        );
        let en = FormatError::DecryptFailed {
            name: "sheet".into(),
            message: "x".into(),
        }
        .to_string();
        assert!(
            en.starts_with("the score sheet: the encrypted data is damaged"),
            "{en}"
        );
        // Not a recipient says it may be a damaged header.
        let m = zh(FormatError::NotARecipient {
            name: "sheet".into(),
        });
        assert!(m.contains("或其加密文件头已损坏"), "{m}");
        // Truncation is said so.
        let m = zh(FormatError::Truncated {
            what: "the signed manifest".into(),
        });
        assert!(m.starts_with("文件不完整（被截断）"), "{m}");
        // `not_bound` names manifest hashes as such.
        let m = zh(FormatError::NotBound {
            expected: "aa".into(),
            found: "bb".into(),
        });
        assert!(m.contains("清单 SHA-256 为 bb"), "{m}");
    }
}
