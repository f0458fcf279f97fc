//! Line breaking for mixed Chinese and Latin text.
//!
//! Chinese has no spaces between words: a line may break before any CJK
//! character. Latin words and numbers (`5G`, `2025年` splits after `2025`)
//! stay whole unless a single word is wider than the line. Two rules of
//! Chinese typesetting (禁则) are kept: closing punctuation such as `，。）`
//! never starts a line (the character before it moves down with it), and opening
//! punctuation such as `（“《` never ends one (it moves down with the
//! character it opens).

use crate::FontData;

/// Whether a line may break before and after `ch` without a space: the CJK
/// scripts, their punctuation and full-width forms.
pub(crate) fn is_cjk(ch: char) -> bool {
    matches!(u32::from(ch),
        0x2E80..=0x2FDF      // radicals, Kangxi
        | 0x3000..=0x303F    // CJK symbols and punctuation
        | 0x3040..=0x30FF    // kana
        | 0x3100..=0x31BF    // bopomofo
        | 0x3200..=0x33FF    // enclosed CJK, compatibility
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE30..=0xFE4F    // compatibility forms
        | 0xFF00..=0xFFEF    // half-width and full-width forms
        | 0x20000..=0x3FFFF) // extensions B and later
        || matches!(ch, '“' | '”' | '‘' | '’' | '…' | '—')
}

/// Characters that must not start a line.
fn no_line_start(ch: char) -> bool {
    matches!(
        ch,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '〉'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '”'
            | '’'
            | '…'
            | '％'
            | '·'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '%'
    )
}

/// Characters that must not end a line.
fn no_line_end(ch: char) -> bool {
    matches!(
        ch,
        '（' | '《' | '〈' | '「' | '『' | '【' | '〔' | '“' | '‘' | '(' | '['
    )
}

/// An unbreakable piece of text: a CJK character, a Latin word, or a space.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Word(String),
    Space,
}

fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut word = String::new();
    for ch in text.chars() {
        if ch == ' ' || ch == '\t' {
            if !word.is_empty() {
                out.push(Piece::Word(std::mem::take(&mut word)));
            }
            out.push(Piece::Space);
        } else if is_cjk(ch) {
            if !word.is_empty() {
                out.push(Piece::Word(std::mem::take(&mut word)));
            }
            out.push(Piece::Word(ch.to_string()));
        } else {
            word.push(ch);
        }
    }
    if !word.is_empty() {
        out.push(Piece::Word(word));
    }
    out
}

/// Breaks `text` into lines no wider than `width_pt` at `size_pt`; the
/// first line is `first_indent_pt` narrower. Newlines in `text` are hard
/// breaks. Returns at least one (possibly empty) line.
pub(crate) fn wrap(
    text: &str,
    font: &FontData,
    size_pt: f32,
    width_pt: f32,
    first_indent_pt: f32,
) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, paragraph) in text.split('\n').enumerate() {
        let indent = if i == 0 { first_indent_pt } else { 0.0 };
        wrap_one(paragraph, font, size_pt, width_pt, indent, &mut lines);
    }
    lines
}

/// A line being filled: its pieces, each with whether a space precedes it.
#[derive(Default)]
struct Line {
    parts: Vec<(String, bool)>,
}

impl Line {
    fn width(&self, font: &FontData, size_pt: f32) -> f32 {
        let space = font.char_width_pt(' ', size_pt);
        self.parts
            .iter()
            .enumerate()
            .map(|(i, (word, spaced))| {
                font.text_width_pt(word, size_pt) + if *spaced && i > 0 { space } else { 0.0 }
            })
            .sum()
    }

    fn text(&self) -> String {
        let mut out = String::new();
        for (i, (word, spaced)) in self.parts.iter().enumerate() {
            if *spaced && i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    }

    fn last_is(&self, test: fn(char) -> bool) -> bool {
        self.parts
            .last()
            .is_some_and(|(word, _)| word.chars().count() == 1 && word.chars().all(test))
    }
}

fn wrap_one(
    text: &str,
    font: &FontData,
    size_pt: f32,
    width_pt: f32,
    indent_pt: f32,
    lines: &mut Vec<String>,
) {
    let full = width_pt.max(size_pt);
    let mut limit = (width_pt - indent_pt).max(size_pt);
    let mut line = Line::default();
    let mut pending_space = false;

    for piece in pieces(text) {
        let word = match piece {
            Piece::Space => {
                pending_space = !line.parts.is_empty();
                continue;
            }
            Piece::Word(word) => word,
        };
        let spaced = std::mem::take(&mut pending_space);
        line.parts.push((word, spaced));
        if line.parts.len() == 1 {
            split_oversize(&mut line, font, size_pt, &mut limit, full, lines);
            continue;
        }
        if line.width(font, size_pt) <= limit {
            continue;
        }
        // Overflow: the new piece starts the next line, together with what
        // must not be separated from it.
        let mut next = vec![line.parts.pop().unwrap_or_default()];
        // Closing punctuation may not start a line: the pieces before it come along.
        while next[0].0.chars().next().is_some_and(no_line_start) && line.parts.len() > 1 {
            next.insert(0, line.parts.pop().unwrap_or_default());
        }
        if next[0].0.chars().next().is_some_and(no_line_start) {
            // Nothing left to take along without emptying the line: let it hang.
            line.parts.append(&mut next);
            continue;
        }
        while line.parts.len() > 1 && line.last_is(no_line_end) {
            // Opening punctuation may not end a line.
            next.insert(0, line.parts.pop().unwrap_or_default());
        }
        lines.push(line.text());
        limit = full;
        line = Line { parts: next };
        if let Some(first) = line.parts.first_mut() {
            first.1 = false;
        }
        if line.parts.len() == 1 {
            split_oversize(&mut line, font, size_pt, &mut limit, full, lines);
        }
    }
    lines.push(line.text());
}

/// Cuts a line holding one word wider than `limit` character by character,
/// emitting all but the last piece.
fn split_oversize(
    line: &mut Line,
    font: &FontData,
    size_pt: f32,
    limit: &mut f32,
    full: f32,
    lines: &mut Vec<String>,
) {
    while line.parts.len() == 1
        && line.width(font, size_pt) > *limit
        && line.parts[0].0.chars().count() > 1
    {
        let word = std::mem::take(&mut line.parts[0].0);
        let mut head = String::new();
        let mut head_width = 0.0;
        for ch in word.chars() {
            let w = font.char_width_pt(ch, size_pt);
            if !head.is_empty() && head_width + w > *limit && !no_line_start(ch) {
                break;
            }
            head.push(ch);
            head_width += w;
        }
        line.parts[0].0 = word[head.len()..].to_string();
        lines.push(head);
        *limit = full;
        if line.parts[0].0.is_empty() {
            line.parts.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_split_cjk_per_character_and_latin_per_word() {
        let got = pieces("5G工业网关 v2.1");
        let want = vec![
            Piece::Word("5G".into()),
            Piece::Word("工".into()),
            Piece::Word("业".into()),
            Piece::Word("网".into()),
            Piece::Word("关".into()),
            Piece::Space,
            Piece::Word("v2.1".into()),
        ];
        assert_eq!(got, want);
    }

    fn font() -> &'static FontData {
        static FONT: std::sync::OnceLock<FontData> = std::sync::OnceLock::new();
        FONT.get_or_init(|| {
            let path = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../assets/fonts/NotoSansCJKsc-Regular.otf"
            );
            FontData::from_bytes(&std::fs::read(path).expect("bundled font")).expect("font parses")
        })
    }

    fn check(text: &str, width_pt: f32, expected: &[&str]) {
        assert_eq!(
            wrap(text, font(), 10.0, width_pt, 0.0),
            expected,
            "wrapping {text:?} at {width_pt} pt"
        );
    }

    #[test]
    fn breaks_between_any_two_hanzi() {
        // Noto Sans CJK hanzi are 1 em wide: four to a 40 pt line.
        check("工业互联网平台", 40.0, &["工业互联", "网平台"]);
    }

    #[test]
    fn closing_punctuation_takes_the_previous_character_along() {
        check("工业互联，网", 40.0, &["工业互", "联，网"]);
    }

    #[test]
    fn opening_punctuation_moves_down_with_what_it_opens() {
        check("工业互（联网）", 40.0, &["工业互", "（联网）"]);
    }

    #[test]
    fn latin_words_stay_whole() {
        check("检测 ZL-5GW200 网关", 60.0, &["检测", "ZL-5GW200", "网关"]);
    }

    #[test]
    fn newlines_are_hard_breaks_and_the_indent_applies_to_the_first_line() {
        assert_eq!(
            wrap("一二三四五六\n七", font(), 10.0, 40.0, 20.0),
            ["一二", "三四五六", "七"]
        );
    }

    #[test]
    fn an_overlong_word_is_cut() {
        let lines = wrap(
            "0123456789012345678901234567890123456789",
            font(),
            10.0,
            60.0,
            0.0,
        );
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), "0123456789012345678901234567890123456789");
    }

    proptest::proptest! {
        #[test]
        fn wrapping_keeps_the_text_and_the_rules(
            chars in proptest::collection::vec(proptest::sample::select(
                vec!['工', '业', '互', '联', '网', '，', '。', '、', '（', '）', '《', '》', 'A', '5', 'G']), 0..80),
            width in 30.0_f32..200.0,
        ) {
            let text: String = chars.into_iter().collect();
            let lines = wrap(&text, font(), 10.0, width, 0.0);
            proptest::prop_assert_eq!(lines.concat(), text.clone());
            for (i, line) in lines.iter().enumerate() {
                let count = pieces(line).len();
                // Only one unbreakable piece, with the opening punctuation bound to it and
                // the closing punctuation hanging after it, may overflow.
                let core = line.trim_end_matches(no_line_start).trim_start_matches(no_line_end);
                if pieces(core).len() > 1 {
                    proptest::prop_assert!(font().text_width_pt(line, 10.0) <= width + 0.01, "line {line:?} too wide");
                }
                if i > 0 && count > 1 {
                    proptest::prop_assert!(!line.starts_with(no_line_start), "line {line:?} starts with closing punctuation");
                }
                if i + 1 < lines.len() && count > 1 {
                    proptest::prop_assert!(!line.ends_with(no_line_end), "line {line:?} ends with opening punctuation");
                }
            }
        }
    }

    #[test]
    fn cjk_classification() {
        assert!(is_cjk('评'));
        assert!(is_cjk('，'));
        assert!(is_cjk('（'));
        assert!(!is_cjk('A'));
        assert!(!is_cjk('5'));
    }
}
