/**
 * The UI language: Simplified Chinese by default, English switchable at run time.
 * `i18n.t(key, params)` looks a message up in the current catalogue;
 * `i18n.pick(text)` chooses one side of a `{zh, en}` value from the backend.
 */
import { zh, type MessageKey, type Messages } from "./zh";
import { en } from "./en";
import type { LocalizedText } from "../bindings/LocalizedText";

/** Supported languages, as BCP 47 tags. */
export type Lang = "zh-CN" | "en";

/** Every catalogue, by language. */
export const catalogues: Record<Lang, Messages> = { "zh-CN": zh, en };

const STORAGE_KEY = "reviewdesk.lang";

function initialLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === "en" || saved === "zh-CN") return saved;
  } catch {
    // No storage (tests): keep the default.
  }
  return "zh-CN";
}

/** Replaces `{name}` placeholders with `params[name]`. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

class I18n {
  lang = $state<Lang>(initialLang());

  /** The message `key` in the current language. */
  t = (key: MessageKey, params?: Record<string, string | number>): string =>
    format(catalogues[this.lang][key], params);

  /** One side of a bilingual value from the backend. */
  pick = (text: LocalizedText): string => (this.lang === "en" ? text.en : text.zh);

  /** Switches language and remembers the choice. */
  set(lang: Lang): void {
    this.lang = lang;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, lang);
    } catch {
      // Not remembered: harmless.
    }
  }

  /** Switches to the other language. */
  toggle(): void {
    this.set(this.lang === "zh-CN" ? "en" : "zh-CN");
  }
}

/** The app-wide language state. */
export const i18n = new I18n();
