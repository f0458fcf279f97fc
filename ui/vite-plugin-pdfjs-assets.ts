/**
 * A Vite plugin that copies pdf.js's CMaps and standard fonts from `pdfjs-dist`
 * (the installed npm package, so no network at build time) into the build output,
 * `dist/pdfjs/cmaps/` and `dist/pdfjs/standard_fonts/`; `PdfView.svelte` passes
 * their URLs to `getDocument` (`src/lib/pdf/assets.ts`).
 */
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Plugin } from "vite";
import { PDFJS_ASSET_DIRS, PDFJS_ASSET_ROOT } from "./src/lib/pdf/assets.ts";

/** The installed `pdfjs-dist` package's folder. */
export function pdfjsDistDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve("pdfjs-dist/package.json"));
}

/** Every file the plugin emits: its name in the build output and its source path. */
export function pdfjsAssetFiles(): Array<{ fileName: string; source: string }> {
  const root = pdfjsDistDir();
  return PDFJS_ASSET_DIRS.flatMap((dir) =>
    readdirSync(join(root, dir))
      .sort()
      .map((name) => ({
        fileName: `${PDFJS_ASSET_ROOT}/${dir}/${name}`,
        source: join(root, dir, name),
      })),
  );
}

export function pdfjsAssets(): Plugin {
  return {
    name: "reviewdesk-pdfjs-assets",
    apply: "build",
    generateBundle() {
      for (const { fileName, source } of pdfjsAssetFiles()) {
        this.emitFile({ type: "asset", fileName, source: readFileSync(source) });
      }
    },
  };
}
