/** Vite build of the UI into ui/dist, which the Tauri shell embeds. No dev server is used. */
import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { pdfjsAssets } from "./vite-plugin-pdfjs-assets.ts";

export default defineConfig({
  plugins: [svelte(), pdfjsAssets()],
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.4x on Debian 12 understands ES2021.
    target: "es2021",
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
