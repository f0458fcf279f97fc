/**
 * pdf.js reads the Chinese text of a PDF whose font is not embedded
 * (`tests/vectors/pdf/unembedded-cjk.pdf`: STSong-Light, UniGB-UCS2-H) only with
 * the CMaps; the files the Vite plugin emits, laid out as in `ui/dist`, are the
 * ones `pdfjsAssetParams` points at.
 */
import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { pdfjsAssetFiles } from "../../../vite-plugin-pdfjs-assets";
import { PDFJS_ASSET_ROOT, pdfjsAssetParams } from "./assets";

const FIXTURE = join(__dirname, "../../../../tests/vectors/pdf/unembedded-cjk.pdf");

/** A folder holding what the plugin puts into `dist`. */
const dist = mkdtempSync(join(tmpdir(), "reviewdesk-pdfjs-"));
afterAll(() => rmSync(dist, { recursive: true, force: true }));
for (const { fileName, source } of pdfjsAssetFiles()) {
  mkdirSync(dirname(join(dist, fileName)), { recursive: true });
  writeFileSync(join(dist, fileName), readFileSync(source));
}

async function text(params: object): Promise<string> {
  const doc = await getDocument({
    data: new Uint8Array(readFileSync(FIXTURE)),
    verbosity: 0,
    ...params,
  }).promise;
  try {
    const page = await doc.getPage(1);
    const content = await page.getTextContent();
    return content.items.map((it) => ("str" in it ? it.str : "")).join("");
  } finally {
    await doc.destroy();
  }
}

describe("pdf.js assets", () => {
  it("the build carries the CMaps the fixture needs and the standard fonts", () => {
    const names = pdfjsAssetFiles().map((f) => f.fileName);
    for (const n of ["UniGB-UCS2-H.bcmap", "Adobe-GB1-UCS2.bcmap", "UniGB-UTF16-H.bcmap"]) {
      expect(names).toContain(`${PDFJS_ASSET_ROOT}/cmaps/${n}`);
    }
    expect(names).toContain(`${PDFJS_ASSET_ROOT}/standard_fonts/LiberationSans-Regular.ttf`);
    expect(names.filter((n) => n.startsWith(`${PDFJS_ASSET_ROOT}/cmaps/`)).length).toBeGreaterThan(150);
  });

  it("with the bundled CMaps the unembedded Chinese text is read", async () => {
    const got = await text(pdfjsAssetParams(`${dist}/`));
    expect(got).toContain("评审台");
    expect(got).toContain("未嵌入字体的中文文本");
  });

  it("without them it is not (the fixture really needs the CMaps)", async () => {
    const got = await text({});
    expect(got).not.toContain("评审台");
  });
});
