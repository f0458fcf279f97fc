//! Column widths that fit a table's text on the A4 portrait page (the layout
//! engine has no landscape): each column wants the width of its widest cell; when
//! they do not all fit, headers may wrap first; then every column gets its longest
//! unbreakable piece (a figure, a Latin word, two Chinese characters) and the
//! width left goes to the name columns first, then to the others. The engine
//! scales the relative widths to the page, so these are relative too.

use reviewdesk_reports::{FontData, Table};

/// The width the engine gives a table: A4 (210 mm) less two 22 mm margins, in points.
/// (The engine's constants are private; this mirrors them.)
const BODY_WIDTH_PT: f32 = (210.0 - 2.0 * 22.0) * 72.0 / 25.4;
/// The engine's table text size.
const TABLE_SIZE_PT: f32 = 9.5;
/// The engine's cell padding (1.8 mm each side), plus a little slack for rounding.
const PAD_PT: f32 = 2.0 * 1.8 * 72.0 / 25.4 + 2.0;

fn is_cjk(c: char) -> bool {
    !c.is_ascii() && !c.is_whitespace()
}

/// Width of the longest piece of `text` that cannot be broken: a run of non-CJK,
/// non-space characters, or two CJK characters (a line of one character looks broken).
fn min_width(font: &FontData, text: &str) -> f32 {
    let mut best: f32 = 0.0;
    let mut run = String::new();
    let mut prev_cjk: Option<char> = None;
    for c in text.chars() {
        if is_cjk(c) {
            best = best.max(font.text_width_pt(&run, TABLE_SIZE_PT));
            run.clear();
            let w = font.char_width_pt(c, TABLE_SIZE_PT);
            let pair = prev_cjk.map_or(w, |p| w + font.char_width_pt(p, TABLE_SIZE_PT));
            best = best.max(pair);
            prev_cjk = Some(c);
        } else if c.is_whitespace() {
            best = best.max(font.text_width_pt(&run, TABLE_SIZE_PT));
            run.clear();
            prev_cjk = None;
        } else {
            run.push(c);
            prev_cjk = None;
        }
    }
    best.max(font.text_width_pt(&run, TABLE_SIZE_PT))
}

/// Width of the longest line of `text` set without wrapping.
fn natural_width(font: &FontData, text: &str) -> f32 {
    text.lines()
        .map(|l| font.text_width_pt(l, TABLE_SIZE_PT))
        .fold(0.0, f32::max)
}

/// Relative widths for a table with `header` and `rows`; the `keep` columns
/// (names) are the last to wrap.
pub(crate) fn widths(
    font: &FontData,
    header: &[String],
    rows: &[Vec<String>],
    keep: &[usize],
) -> Vec<u16> {
    let n = header.len();
    let col = |i: usize, f: &dyn Fn(&str) -> f32| -> f32 {
        rows.iter()
            .filter_map(|r| r.get(i))
            .map(|c| f(c))
            .fold(0.0, f32::max)
    };
    let body_natural: Vec<f32> = (0..n)
        .map(|i| col(i, &|c| natural_width(font, c)))
        .collect();
    let body_min: Vec<f32> = (0..n).map(|i| col(i, &|c| min_width(font, c))).collect();
    let head_natural: Vec<f32> = header.iter().map(|h| natural_width(font, h)).collect();
    let head_min: Vec<f32> = header.iter().map(|h| min_width(font, h)).collect();

    let sum = |v: &[f32]| v.iter().map(|w| w + PAD_PT).sum::<f32>();
    // 1. Nothing wraps.
    let mut want: Vec<f32> = (0..n)
        .map(|i| body_natural[i].max(head_natural[i]))
        .collect();
    if sum(&want) > BODY_WIDTH_PT {
        // 2. Headers wrap, cells do not.
        want = (0..n).map(|i| body_natural[i].max(head_min[i])).collect();
    }
    if sum(&want) > BODY_WIDTH_PT {
        // 3. Every column gets its minimum; the width left goes first to the
        //    `keep` columns (names), then to the others, each time in proportion
        //    to how much more a column wants.
        let min: Vec<f32> = (0..n).map(|i| body_min[i].max(head_min[i])).collect();
        let mut spare = (BODY_WIDTH_PT - sum(&min)).max(0.0);
        let mut got = min.clone();
        for kept in [true, false] {
            let cols: Vec<usize> = (0..n).filter(|i| keep.contains(i) == kept).collect();
            let extra: f32 = cols.iter().map(|&i| (want[i] - min[i]).max(0.0)).sum();
            if extra <= 0.0 {
                continue;
            }
            let ratio = (spare / extra).min(1.0);
            for &i in &cols {
                let give = (want[i] - min[i]).max(0.0) * ratio;
                got[i] += give;
                spare -= give;
            }
        }
        want = got;
    }
    want.iter()
        .map(|w| {
            ((w + PAD_PT) * 10.0)
                .round()
                .clamp(1.0, f32::from(u16::MAX)) as u16
        })
        .collect()
}

/// A table with `header` and `rows`, its widths fitted (the `keep` columns the
/// last to wrap), figures in `right` right-aligned.
pub(crate) fn table(
    font: &FontData,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    right: &[usize],
    keep: &[usize],
) -> Table {
    let w = widths(font, &header, &rows, keep);
    let mut t = Table::new(header).widths(&w).right_aligned(right);
    for r in rows {
        t.push_row(r);
    }
    t
}
