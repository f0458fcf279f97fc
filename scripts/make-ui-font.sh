#!/usr/bin/env bash
#! Makes the UI's bundled CJK web font, ui/src/assets/fonts/NotoSansCJKsc-ui.woff2,
#! from the Noto Sans CJK SC the project ships (assets/fonts/NotoSansCJKsc-Regular.otf):
#! a subset written as WOFF2 by fontTools' pyftsubset (with brotli), in a throwaway
#! venv with pinned versions from PyPI. The output is committed; builds and CI need
#! no Python. Rerun it only to change the repertoire; same inputs, same bytes.
#!
#! Repertoire (measured on fontTools 4.68.0, hints kept):
#!   ASCII and Latin-1, General Punctuation, arrows, mathematical operators,
#!   enclosed alphanumerics, box drawing, geometric shapes, the check mark ✓,
#!   CJK Symbols and Punctuation, Halfwidth and Fullwidth Forms, every character of
#!   GB 2312 (6,763 hanzi and 682 symbols, kana, Greek, Cyrillic, pinyin, bopomofo),
#!   and the whole CJK Unified Ideographs block U+4E00–U+9FFF (20,976 hanzi in
#!   the font) so names outside GB 2312 (镕, 喆, 堃 …) still render.
#!   The whole block: 4,475,616 bytes, 22,283 characters (GB 2312 alone: about 1.4 MB).
#! Layout features kept: ccmp, kern, liga, clig, calt, rlig, mark, mkmk (horizontal
#! text; no vertical forms, no locl alternates for JP/KR/TC). Name records 0–6 and
#! 13–14 are kept, so the file itself carries its copyright and OFL notice.
#! Every non-ASCII character of the UI's sources and catalogues must be covered,
#! or the script fails.
#!
#! Usage: bash scripts/make-ui-font.sh    (a few minutes; needs python3 and PyPI)
set -euo pipefail
cd "$(dirname "$0")/.."

venv="$(mktemp -d)/venv"
trap 'rm -rf "$(dirname "$venv")"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check fonttools==4.68.0 brotli==1.2.1

"$venv/bin/python" - <<'PY'
import glob
from fontTools import subset
from fontTools.ttLib import TTFont

SRC = "assets/fonts/NotoSansCJKsc-Regular.otf"
OUT = "ui/src/assets/fonts/NotoSansCJKsc-ui.woff2"

def gb2312():
    out = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return out

ranges = [
    (0x0020, 0x007E), (0x00A0, 0x00FF),  # ASCII, Latin-1
    (0x2000, 0x206F),  # General Punctuation
    (0x2190, 0x21FF), (0x2200, 0x22FF),  # arrows, mathematical operators (− U+2212)
    (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF),  # ①, box drawing, shapes
    (0x2713, 0x2713),  # ✓
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]
wanted = gb2312()
for lo, hi in ranges:
    wanted.update(range(lo, hi + 1))

font = TTFont(SRC, recalcTimestamp=False)
have = set(font.getBestCmap())
used = set()
for path in glob.glob("ui/src/**/*", recursive=True) + ["ui/index.html"]:
    if path.endswith((".ts", ".svelte", ".html", ".css")):
        used.update(ord(c) for c in open(path, encoding="utf-8").read() if ord(c) > 0x7E)
missing = sorted(c for c in used if c not in wanted or c not in have)
if missing:
    raise SystemExit("not covered: " + " ".join(f"U+{c:04X} {chr(c)}" for c in missing))

opts = subset.Options()
opts.flavor = "woff2"
opts.layout_features = ["ccmp", "kern", "liga", "clig", "calt", "rlig", "mark", "mkmk"]
opts.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
opts.recalc_timestamp = False
sub = subset.Subsetter(opts)
sub.populate(unicodes=wanted & have)
sub.subset(font)
font.flavor = "woff2"
font.save(OUT)
print(f"{OUT}: {len(font.getBestCmap())} characters, {len(font.getGlyphOrder())} glyphs")
PY
ls -l ui/src/assets/fonts/NotoSansCJKsc-ui.woff2
sha256sum ui/src/assets/fonts/NotoSansCJKsc-ui.woff2
