/** The catalogues are complete, consistent, and cover every key the UI uses. */
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { zh } from "./zh";
import { en } from "./en";
import { format, i18n } from "./index.svelte";

const SRC = join(__dirname, "..", "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === "bindings" ? [] : sourceFiles(p);
    return /\.(svelte|ts)$/.test(name) && !name.endsWith(".test.ts") ? [p] : [];
  });
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogues", () => {
  it("have the same keys in Chinese and English", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it("have no empty message and the same placeholders in both languages", () => {
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(zh[key].trim(), key).not.toBe("");
      expect(en[key].trim(), key).not.toBe("");
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it("contain every literal key the UI looks up", () => {
    const used = new Set<string>();
    for (const file of sourceFiles(SRC)) {
      for (const m of readFileSync(file, "utf8").matchAll(/\bt\(\s*"([\w.]+)"/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    for (const key of used) expect(zh, key).toHaveProperty([key]);
  });

  it("contain a hint for every error code the shell can send", () => {
    const decl = readFileSync(join(SRC, "lib", "bindings", "ErrorCode.ts"), "utf8");
    const codes = [...decl.matchAll(/"(\w+)"/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(3);
    for (const code of codes) expect(zh, code).toHaveProperty([`error.hint.${code}`]);
  });

  it("contain a label for every stage kind and ruling", () => {
    for (const file of ["StageKindView.ts", "RulingView.ts"]) {
      const decl = readFileSync(join(SRC, "lib", "bindings", file), "utf8");
      const prefix = file === "StageKindView.ts" ? "home.stage.kind" : "ruling";
      for (const m of decl.matchAll(/"(\w+)"/g)) expect(zh).toHaveProperty([`${prefix}.${m[1]}`]);
    }
  });
});

describe("i18n state", () => {
  it("defaults to Chinese and switches to English and back", () => {
    expect(i18n.lang).toBe("zh-CN");
    expect(i18n.t("home.section.applicants")).toBe("申报单位");
    i18n.toggle();
    expect(i18n.t("home.section.applicants")).toBe("Applicants");
    expect(i18n.pick({ zh: "广州市", en: "Guangzhou" })).toBe("Guangzhou");
    i18n.toggle();
    expect(i18n.pick({ zh: "广州市", en: "Guangzhou" })).toBe("广州市");
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(format("共 {n} 家", { n: 8 })).toBe("共 8 家");
    expect(format("{a} {b}", { a: 1 })).toBe("1 {b}");
  });
});
