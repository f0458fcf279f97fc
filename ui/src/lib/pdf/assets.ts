/**
 * Where pdf.js finds the data files it does not carry in its script: the CMaps
 * (code → CID → Unicode for CJK fonts a PDF does not embed) and the standard fonts
 * (stand-ins for the 14 standard PDF fonts). `vite-plugin-pdfjs-assets.ts` copies
 * them from `pdfjs-dist` into the build under these folders; the app loads them
 * from its own origin (no network).
 */

/** The folders of `pdfjs-dist` copied into the build, under `PDFJS_ASSET_ROOT`. */
export const PDFJS_ASSET_DIRS = ["cmaps", "standard_fonts"] as const;
/** Their parent folder in the build output (`ui/dist/pdfjs/…`). */
export const PDFJS_ASSET_ROOT = "pdfjs";

/** The `getDocument` parameters that point pdf.js at the copied files below `base` (ends in "/"). */
export function pdfjsAssetParams(base: string): {
  cMapUrl: string;
  cMapPacked: true;
  standardFontDataUrl: string;
} {
  return {
    cMapUrl: `${base}${PDFJS_ASSET_ROOT}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${base}${PDFJS_ASSET_ROOT}/standard_fonts/`,
  };
}
