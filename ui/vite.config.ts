/** Vite build of the UI into ui/dist, which the Tauri shell embeds. No dev server is used. */
import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig({
  plugins: [svelte()],
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
