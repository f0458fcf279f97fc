//! A command line that does not parse, said in the CLI's language. clap writes
//! its usage errors in English; in Chinese (the default) each kind of mistake gets
//! its own sentence naming the argument or value at fault, the values that would do
//! and clap's suggestion, then the usage line and where help is. The `[usage]`
//! code is the same in both languages.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use reviewdesk_core::Lang;
use std::ffi::OsString;

/// The error line's prefix in `lang`: `reviewdesk: 错误：` or `reviewdesk: error: `,
/// followed by `[code] message`.
pub fn error_prefix(lang: Lang) -> &'static str {
    match lang {
        Lang::ZhCn => "reviewdesk: 错误：",
        Lang::En => "reviewdesk: error: ",
    }
}

/// The language a command line asks for even when it does not parse: the last
/// `--lang en`, `--lang zh` or `--lang=…` before a `--`; Chinese otherwise.
pub fn lang_of(args: &[OsString]) -> Lang {
    let mut lang = Lang::ZhCn;
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = match a.strip_prefix("--lang=") {
            Some(v) => Some(v.to_string()),
            None if a == "--lang" => it.next().map(|v| v.to_string()),
            None => None,
        };
        match value.as_deref() {
            Some("en") => lang = Lang::En,
            Some("zh") => lang = Lang::ZhCn,
            _ => {}
        }
    }
    lang
}

/// What to print for a usage error in `lang` (help and version requests are not
/// errors: clap prints them itself).
pub fn message(e: &clap::Error, lang: Lang) -> String {
    let usage = text(e, ContextKind::Usage);
    let usage = usage
        .trim()
        .strip_prefix("Usage:")
        .unwrap_or(usage.trim())
        .trim()
        .to_string();
    match lang {
        Lang::En => {
            let clap_text = e.render().to_string();
            let body = clap_text
                .trim_end()
                .strip_prefix("error: ")
                .unwrap_or(clap_text.trim_end());
            format!("{}[usage] {body}", error_prefix(lang))
        }
        Lang::ZhCn => {
            let mut out = format!("{}[usage] {}", error_prefix(lang), zh_sentence(e));
            if !usage.is_empty() {
                out.push_str(&format!("\n用法：{usage}"));
            }
            out.push_str("\n加 `--help` 查看每个命令和参数的说明。");
            out
        }
    }
}

/// The Chinese sentence for a usage error.
fn zh_sentence(e: &clap::Error) -> String {
    let arg = text(e, ContextKind::InvalidArg);
    let value = text(e, ContextKind::InvalidValue);
    let mut s = match e.kind() {
        ErrorKind::UnknownArgument => format!("不认识的参数 `{arg}`"),
        ErrorKind::InvalidSubcommand => format!(
            "没有 `{}` 这个命令",
            text(e, ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue if value.is_empty() => format!("参数 `{arg}` 缺少值"),
        ErrorKind::InvalidValue => format!("参数 `{arg}` 的值 `{value}` 无效"),
        ErrorKind::ValueValidation => {
            format!("参数 `{arg}` 的值 `{value}` 无效，格式见 `--help`")
        }
        ErrorKind::MissingRequiredArgument => {
            format!(
                "缺少必需的参数：{}",
                texts(e, ContextKind::InvalidArg).join("、")
            )
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少要执行的命令".to_string()
        }
        ErrorKind::ArgumentConflict => {
            let prior = texts(e, ContextKind::PriorArg);
            if prior.is_empty() {
                format!("参数 `{arg}` 与其他参数不能同时使用")
            } else {
                format!("参数 `{arg}` 不能与 {} 同时使用", quoted(&prior))
            }
        }
        ErrorKind::NoEquals => format!("参数 `{arg}` 的值要用 `=` 连写"),
        ErrorKind::TooManyValues => format!("参数 `{arg}` 的值太多：多出 `{value}`"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 `{arg}` 的值的个数不对")
        }
        ErrorKind::InvalidUtf8 => "命令行里有不是 UTF-8 编码的字符".to_string(),
        _ => "命令行写得不对".to_string(),
    };
    let valid = texts(e, ContextKind::ValidValue);
    if !valid.is_empty() {
        s.push_str(&format!("；可用的值：{}", quoted(&valid)));
    }
    let suggested: Vec<String> = [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .flat_map(|k| texts(e, k))
    .collect();
    if !suggested.is_empty() {
        s.push_str(&format!("（是不是要写 {}？）", quoted(&suggested)));
    } else if e.kind() == ErrorKind::UnknownArgument && arg.starts_with('-') {
        s.push_str(&format!(
            "；若 `{arg}` 是一个值而不是参数，请写在 `--` 之后"
        ));
    }
    s.push('。');
    s
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join("、")
}

/// A context value as plain text ("" when absent).
fn text(e: &clap::Error, kind: ContextKind) -> String {
    texts(e, kind).join(" ")
}

/// A context value's items as plain text.
fn texts(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect(),
        Some(ContextValue::Number(n)) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::Parser;
    use reviewdesk_core::text::zh_message_problem;

    fn refused(args: &[&str]) -> clap::Error {
        let mut all = vec!["reviewdesk"];
        all.extend_from_slice(args);
        Cli::try_parse_from(all).expect_err("does not parse")
    }

    /// Every kind of mistake comes out in Chinese by default, naming what is
    /// wrong; English keeps clap's own sentence.
    #[test]
    fn usage_errors_are_said_in_chinese() {
        let cases: [(&[&str], &[&str]); 6] = [
            (
                &["verify", "--bogus", "x"],
                &["不认识的参数 `--bogus`", "用法：reviewdesk verify"],
            ),
            (&["verfy", "x"], &["没有 `verfy` 这个命令", "`verify`"]),
            (&["--lang", "xx", "demo"], &["`xx` 无效", "`zh`、`en`"]),
            (&["merge"], &["缺少必需的参数", "--package <PKG>"]),
            (&[], &["缺少要执行的命令"]),
            (
                &["round", "assign", "r", "--per-applicant", "0"],
                &["`0` 无效"],
            ),
        ];
        for (args, wants) in cases {
            let e = refused(args);
            let zh = message(&e, Lang::ZhCn);
            assert!(
                zh.starts_with("reviewdesk: 错误：[usage] "),
                "{args:?}: {zh}"
            );
            for want in wants {
                assert!(zh.contains(want), "{args:?}: {want:?} not in {zh}");
            }
            let first = zh.lines().next().unwrap();
            let sentence = first.trim_start_matches("reviewdesk: 错误：[usage] ");
            assert!(zh_message_problem(sentence).is_none(), "{args:?}: {zh}");
            let en = message(&e, Lang::En);
            assert!(
                en.starts_with("reviewdesk: error: [usage] "),
                "{args:?}: {en}"
            );
        }
    }

    #[test]
    fn the_language_is_read_from_a_command_line_that_does_not_parse() {
        let os = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            lang_of(&os(&["reviewdesk", "verify", "--bogus"])),
            Lang::ZhCn
        );
        assert_eq!(
            lang_of(&os(&["reviewdesk", "--lang", "en", "verfy"])),
            Lang::En
        );
        assert_eq!(
            lang_of(&os(&["reviewdesk", "verfy", "--lang=en"])),
            Lang::En
        );
        assert_eq!(
            lang_of(&os(&["reviewdesk", "x", "--", "--lang", "en"])),
            Lang::ZhCn
        );
    }
}
