#!/usr/bin/env python3
"""Writes unembedded-cjk.pdf: one A4 page of Chinese text in STSong-Light, a font
the file does NOT embed, encoded with the predefined CMap UniGB-UCS2-H (Adobe-GB1).

A reader needs the CMaps (UniGB-UCS2-H for code -> CID, Adobe-GB1-UCS2 for
CID -> Unicode) to get the text out; pdf.js reads them from its `cMapUrl`. The UI's
tests use it to prove the bundled CMaps are passed to pdf.js.

Standard library only; the output is deterministic.
Usage: python3 tests/vectors/pdf/make_unembedded_cjk.py   (writes beside itself)
"""
from pathlib import Path

LINES = ["评审台", "未嵌入字体的中文文本"]


def ucs2_hex(s: str) -> str:
    return "".join(f"{ord(c):04X}" for c in s)


content = "".join(
    f"BT /F1 28 Tf 72 {760 - 48 * i} Td <{ucs2_hex(line)}> Tj ET\n"
    for i, line in enumerate(LINES)
).encode("ascii")

objects = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
    b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light"
    b" /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
    b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
    b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >>"
    b" /FontDescriptor 7 0 R /DW 1000 >>",
    b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6"
    b" /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120"
    b" /CapHeight 880 /StemV 93 >>",
]

out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for n, body in enumerate(objects, start=1):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
for off in offsets:
    out += b"%010d 00000 n \n" % off
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)

Path(__file__).with_name("unembedded-cjk.pdf").write_bytes(bytes(out))
