//! Bilingual text. Chinese is the default language of ReviewDesk; English must be complete.

use serde::{Deserialize, Serialize};

/// A user-interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Lang {
    /// Simplified Chinese (简体中文), the default.
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English.
    #[serde(rename = "en")]
    En,
}

/// A text given in both Simplified Chinese and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized {
    /// Simplified Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Localized {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// True when either language is missing (empty or only white space).
    pub fn is_incomplete(&self) -> bool {
        self.zh.trim().is_empty() || self.en.trim().is_empty()
    }
}

/// Whether `c` is a CJK Unified Ideograph (U+4E00–U+9FFF, the Chinese of the
/// messages).
pub fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The rule every Chinese error message keeps (issue 17, item 9), checked by the
/// tests that run each crate's errors through both languages: it holds Chinese,
/// and no English sentence. Precisely: after removing every span between two
/// backticks (codes, ids, file names, commands, option names — the message's own
/// quoting of what the user types or sees verbatim), the text contains at least
/// one CJK character, and no run of three or more ASCII words, a word being
/// `[A-Za-z]+(-[A-Za-z]+)*` and the words of a run separated only by spaces and
/// `,;:'()`
/// (so a digit, a `/`, a `.` followed by no space, or any Chinese character ends a
/// run: `SHA-512/SHA-256`, `--as 或 --identity`, `material.M01` pass). Returns the
/// first offending run, or why it fails.
pub fn zh_message_problem(text: &str) -> Option<String> {
    let outside = without_backticked(text);
    if !outside.chars().any(is_cjk) {
        return Some(format!("no Chinese in {text:?}"));
    }
    english_run(&outside).map(|run| format!("English run {run:?} in {text:?}"))
}

/// The rule every English error message keeps: no CJK character outside a quoted
/// value (a span in backticks, `"…"`, `“…”` or `「…」`, where a registered name
/// or a program's own Chinese text is shown as it is).
pub fn en_message_problem(text: &str) -> Option<String> {
    let mut depth_quote = false;
    let mut in_tick = false;
    let mut in_curly = 0usize;
    for c in text.chars() {
        match c {
            '`' => in_tick = !in_tick,
            '"' if !in_tick => depth_quote = !depth_quote,
            '“' | '「' => in_curly += 1,
            '”' | '」' => in_curly = in_curly.saturating_sub(1),
            c if is_cjk(c) && !in_tick && !depth_quote && in_curly == 0 => {
                return Some(format!("Chinese outside a quoted value in {text:?}"));
            }
            _ => {}
        }
    }
    None
}

fn without_backticked(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for c in text.chars() {
        if c == '`' {
            inside = !inside;
            out.push(' ');
        } else if !inside {
            out.push(c);
        }
    }
    out
}

/// The first run of three or more ASCII words (see [`zh_message_problem`]).
fn english_run(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let sep = |c: char| matches!(c, ' ' | ',' | ';' | ':' | '\'' | '(' | ')');
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_alphabetic() || (i > 0 && chars[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        // A run starting at i: words separated by separators only.
        let start = i;
        let mut words = 0;
        let mut j = i;
        let mut end = i;
        loop {
            let w = j;
            // Letters, and hyphens between letters (`YYYY-MM-DD` is one word).
            while j < chars.len()
                && (chars[j].is_ascii_alphabetic()
                    || (chars[j] == '-'
                        && j > w
                        && chars.get(j + 1).is_some_and(char::is_ascii_alphabetic)))
            {
                j += 1;
            }
            // A word is letters only: one running into digits or `.x` ends the run.
            if j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '_') {
                break;
            }
            if j == w {
                break;
            }
            words += 1;
            end = j;
            let mut k = j;
            while k < chars.len() && sep(chars[k]) {
                k += 1;
            }
            if k == j || k >= chars.len() || !chars[k].is_ascii_alphabetic() {
                break;
            }
            j = k;
        }
        if words >= 3 {
            return Some(chars[start..end].iter().collect());
        }
        i = end.max(i + 1);
    }
    None
}

#[cfg(test)]
mod message_rule_tests {
    use super::*;

    #[test]
    fn the_zh_rule_refuses_english_sentences_and_allows_quoted_code() {
        assert!(zh_message_problem("文件为空。请重新索取").is_none());
        assert!(zh_message_problem("运行 `reviewdesk key list` 查看").is_none());
        assert!(zh_message_problem("只接受 Ed25519 与 SHA-512/SHA-256").is_none());
        assert!(zh_message_problem("请确认 --as 或 --identity 正确").is_none());
        assert!(zh_message_problem("条目 material.M01 已损坏").is_none());
        assert!(zh_message_problem("不是日期（应为 YYYY-MM-DD）").is_none());
        assert!(zh_message_problem("日期 is not-a valid one").is_some());
        assert!(zh_message_problem("第 3 行：expected an empty line").is_some());
        assert!(zh_message_problem("not a ReviewDesk package").is_some());
        assert!(zh_message_problem("文件 `x` is not readable").is_some());
        assert!(zh_message_problem("").is_some());
    }

    #[test]
    fn the_en_rule_refuses_chinese_outside_quotes() {
        assert!(en_message_problem("the file is empty").is_none());
        assert!(en_message_problem("no key pinned for \"广东省\"").is_none());
        assert!(en_message_problem("no key pinned for 「广东省」").is_none());
        assert!(en_message_problem("文件为空").is_some());
    }
}
