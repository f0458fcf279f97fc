/**
 * The bundled CJK font: the WOFF2 exists, carries its licence, covers every
 * character the UI's sources and catalogues use, and app.css loads it after the
 * system fonts without a flash of boxes.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync } from "node:zlib";

const FONT = join(__dirname, "NotoSansCJKsc-ui.woff2");
const SRC = join(__dirname, "../..");
const FAMILY = "ReviewDesk CJK SC";

/** The tables of a WOFF2 file (only untransformed ones are usable: cmap and name are). */
function woff2Tables(file: Buffer): Map<string, Buffer> {
  expect(file.subarray(0, 4).toString("latin1")).toBe("wOF2");
  const numTables = file.readUInt16BE(12);
  const known = ("cmap head hhea hmtx maxp name OS/2 post cvt  fpgm glyf loca prep CFF  VORG EBDT " +
    "EBLC gasp hdmx kern LTSH PCLT VDMX vhea vmtx BASE GDEF GPOS GSUB EBSC JSTF MATH CBDT CBLC " +
    "COLR CPAL SVG  sbix acnt avar bdat bloc bsln cvar fdsc feat fmtx fvar gvar hsty just lcar " +
    "mort morx opbd prop trak Zapf Silf Glat Gloc Feat Sill").match(/.{4}\s?/g)!.map((t) => t.slice(0, 4));
  let pos = 48;
  const base128 = () => {
    let v = 0;
    for (;;) {
      const b = file[pos++]!;
      v = v * 128 + (b & 0x7f);
      if (!(b & 0x80)) return v;
    }
  };
  const dir: Array<{ tag: string; length: number }> = [];
  for (let i = 0; i < numTables; i++) {
    const flags = file[pos++]!;
    let tag = known[flags & 0x3f]!;
    if ((flags & 0x3f) === 63) {
      tag = file.subarray(pos, pos + 4).toString("latin1");
      pos += 4;
    }
    const orig = base128();
    const version = flags >> 6;
    const transformed = tag === "glyf" || tag === "loca" ? version === 0 : version !== 0;
    dir.push({ tag, length: transformed ? base128() : orig });
  }
  const data = brotliDecompressSync(file.subarray(pos, pos + file.readUInt32BE(20)));
  const tables = new Map<string, Buffer>();
  let at = 0;
  for (const { tag, length } of dir) {
    tables.set(tag, data.subarray(at, at + length));
    at += length;
  }
  return tables;
}

/** Code points the font maps to a glyph (cmap format 4, Windows Unicode BMP). */
function covered(cmap: Buffer): Set<number> {
  const n = cmap.readUInt16BE(2);
  for (let i = 0; i < n; i++) {
    const rec = 4 + i * 8;
    if (cmap.readUInt16BE(rec) !== 3 || cmap.readUInt16BE(rec + 2) !== 1) continue;
    const t = cmap.subarray(cmap.readUInt32BE(rec + 4));
    expect(t.readUInt16BE(0)).toBe(4);
    const segs = t.readUInt16BE(6) / 2;
    const ends = 14, starts = ends + segs * 2 + 2, deltas = starts + segs * 2, offsets = deltas + segs * 2;
    const out = new Set<number>();
    for (let s = 0; s < segs; s++) {
      const end = t.readUInt16BE(ends + s * 2), start = t.readUInt16BE(starts + s * 2);
      const delta = t.readInt16BE(deltas + s * 2), ro = t.readUInt16BE(offsets + s * 2);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        const g = ro === 0 ? (c + delta) & 0xffff : t.readUInt16BE(offsets + s * 2 + ro + (c - start) * 2);
        if (g !== 0) out.add(c);
      }
    }
    return out;
  }
  throw new Error("no (3,1) cmap");
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|svelte|css)$/.test(name) && !name.endsWith(".test.ts") ? [p] : [];
  });
}

describe("the bundled CJK font", () => {
  const file = readFileSync(FONT);
  const tables = woff2Tables(file);

  it("is a WOFF2 subset, far smaller than the 16 MB OTF", () => {
    expect(file.length).toBeGreaterThan(500_000);
    expect(file.length).toBeLessThan(8_000_000);
    expect(tables.has("CFF ")).toBe(true);
  });

  it("carries its copyright and the OFL, whose text is in assets/fonts/OFL.txt", () => {
    const name = tables.get("name")!.toString("latin1").replace(/\0/g, "");
    expect(name).toContain("Adobe");
    expect(name).toContain("SIL Open Font License");
    const readme = readFileSync(join(__dirname, "README.md"), "utf8");
    const link = readme.match(/\]\(([^)]*OFL\.txt)\)/)![1]!;
    expect(readFileSync(join(__dirname, link), "utf8")).toContain("SIL OPEN FONT LICENSE Version 1.1");
  });

  it("covers every character the UI writes, GB 2312's hanzi and CJK punctuation", () => {
    const have = covered(tables.get("cmap")!);
    const used = new Set<number>();
    for (const f of [...sources(SRC), join(SRC, "../index.html")]) {
      for (const ch of readFileSync(f, "utf8")) if (ch.codePointAt(0)! > 0x7e) used.add(ch.codePointAt(0)!);
    }
    for (const ch of "评审台，。、；：？！“”（）《》【】—…·０９ＡＺ一丁龟齄") used.add(ch.codePointAt(0)!);
    const missing = [...used].filter((c) => !have.has(c)).map((c) => String.fromCodePoint(c));
    expect(missing).toEqual([]);
    expect(have.size).toBeGreaterThan(7000);
  });

  it("app.css loads it with font-display block, after the system fonts", () => {
    const css = readFileSync(join(SRC, "app.css"), "utf8");
    const face = css.match(/@font-face\s*\{[^}]*\}/)![0];
    expect(face).toContain(`font-family: "${FAMILY}"`);
    const url = face.match(/url\("([^"]+)"\)/)![1]!;
    expect(existsSync(join(SRC, url))).toBe(true);
    expect(join(SRC, url)).toBe(FONT);
    expect(face).toMatch(/font-display:\s*block/);
    for (const stack of ["--sans", "--mono"]) {
      const value = css.match(new RegExp(`${stack}:([^;]+);`))![1]!;
      const families = value.split(",").map((f) => f.trim());
      expect(families.at(-1), stack).toBe(`"${FAMILY}"`);
      expect(families.some((f) => /^(sans-serif|monospace)$/.test(f)), stack).toBe(true);
    }
  });
});
