/** Every word the user reads comes from a message catalogue, not from the markup. */
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function svelteFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return svelteFiles(p);
    return name.endsWith(".svelte") ? [p] : [];
  });
}

/** The text a user would see in a component's markup, with code and expressions removed. */
export function literalText(source: string): string[] {
  const markup = source
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<!--[\s\S]*?-->/g, "");
  const found: string[] = [];
  // Literal values of attributes that are shown to people.
  for (const m of markup.matchAll(/\b(title|alt|placeholder|aria-label)="([^"{]*)"/g)) {
    if (m[2]!.trim()) found.push(`${m[1]}="${m[2]}"`);
  }
  const text = markup
    .replace(/\{[^{}]*(\{[^{}]*\}[^{}]*)*\}/g, " ") // {expressions}, one level of nesting
    .replace(/<[^>]*>/g, " ");
  for (const chunk of text.split(/\s+/)) {
    // Punctuation and separators may stand in markup; letters and CJK may not.
    if (/[\p{L}\p{N}]/u.test(chunk)) found.push(chunk);
  }
  return found;
}

describe("components", () => {
  it("the checker catches literal text", () => {
    expect(literalText('<p title="Hello">保存 {t("x")}</p>')).toEqual(['title="Hello"', "保存"]);
    expect(literalText("<p>{t(\"a\")} · {n}</p>")).toEqual([]);
  });

  it("contain no hard-coded user-visible text", () => {
    const files = svelteFiles(__dirname);
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      expect(literalText(readFileSync(file, "utf8")), file).toEqual([]);
    }
  });
});
