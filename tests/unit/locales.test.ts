import { readdirSync, readFileSync, statSync } from "node:fs";
import { resources } from "~/modules/i18n/resources";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LANGS, LOCALE_TAGS } from "~/modules/i18n/config";

const PLURAL = /_(zero|one|two|few|many|other)$/;

function load(lang: (typeof LANGS)[number]): Record<string, string> {
  const json = resources[lang].common;
  const flat: Record<string, string> = {};
  const walk = (node: unknown, prefix: string) => {
    if (typeof node === "string") flat[prefix] = node;
    else for (const [k, v] of Object.entries(node as object)) walk(v, prefix ? `${prefix}.${k}` : k);
  };
  walk(json, "");
  return flat;
}

// The export agency's strings were being written while this check was added (issue 13, item 9): these four are
// to be given plural forms there. Nothing else may interpolate {{count}} outside a plural key.
const COUNT_TO_CONVERT = new Set(["agency.queue.age", "agency.queue.blockers.mismatches", "agency.declaration.mismatches.title", "agency.errors.mismatches"]);

const messages = Object.fromEntries(LANGS.map((l) => [l, load(l)])) as Record<(typeof LANGS)[number], Record<string, string>>;
const baseKeys = (flat: Record<string, string>) => new Set(Object.keys(flat).map((k) => k.replace(PLURAL, "")));
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("the locale files", () => {
  it("are the same files in every language", () => {
    const files = (lang: string) => readdirSync(path.resolve("locales", lang)).sort();
    for (const lang of LANGS) expect(files(lang)).toEqual(files("en"));
  });
});

describe("every UI string exists in pt, es, zh and en", () => {
  for (const lang of LANGS) {
    it(`${lang} has exactly the keys of en`, () => {
      const missing = [...baseKeys(messages.en)].filter((k) => !baseKeys(messages[lang]).has(k));
      const extra = [...baseKeys(messages[lang])].filter((k) => !baseKeys(messages.en).has(k));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it(`${lang} has every plural form its language needs`, () => {
      const categories = new Intl.PluralRules(LOCALE_TAGS[lang]).resolvedOptions().pluralCategories;
      const pluralBases = new Set(Object.keys(messages.en).filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")));
      const missing = [...pluralBases].flatMap((base) => categories.filter((c) => !(`${base}_${c}` in messages[lang])).map((c) => `${base}_${c}`));
      expect(missing).toEqual([]);
    });

    it(`${lang} puts every {{count}} in a plural key ("1 caixas", "0 produto")`, () => {
      // A number interpolated as {{count}} is a count: it needs its forms (_one, _other…), or "1 boxes" follows.
      const unplural = Object.entries(messages[lang])
        .filter(([key, text]) => /\{\{\s*count\s*\}\}/.test(text) && !PLURAL.test(key) && !COUNT_TO_CONVERT.has(key))
        .map(([key]) => key);
      expect(unplural).toEqual([]);
    });

    it(`${lang} keeps the placeholders of en`, () => {
      const wrong = Object.entries(messages[lang])
        .filter(([key]) => {
          const enKey = key in messages.en ? key : `${key.replace(PLURAL, "")}_other`;
          return enKey in messages.en && placeholders(messages[lang][key]).join() !== placeholders(messages.en[enKey]).join();
        })
        .map(([key]) => key);
      expect(wrong).toEqual([]);
    });
  }
});

describe("every key the code asks for exists", () => {
  function sourceFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (name === "generated") return [];
      if (statSync(full).isDirectory()) return sourceFiles(full);
      return /\.(ts|tsx)$/.test(name) && !name.endsWith(".test.ts") ? [full] : [];
    });
  }

  it("finds t(\"…\") literals of app/ and workers/ in en", () => {
    const keys = new Set(baseKeys(messages.en));
    const used = new Map<string, string>();
    for (const file of [...sourceFiles("app"), ...sourceFiles("workers")]) {
      const text = readFileSync(file, "utf8");
      // Literal keys only: t("a.b") and message keys in schemas ("validation.x"); template keys are listed below.
      for (const m of text.matchAll(/\bt\(\s*"([a-zA-Z][\w.]*)"/g)) used.set(m[1], file);
      for (const m of text.matchAll(/"((?:validation|errors|auth|members|invitation|account|catalog|console|importer|browse)\.[\w.]+)"/g)) used.set(m[1], file);
    }
    const missing = [...used].filter(([key]) => !keys.has(key) && ![...keys].some((k) => k.startsWith(`${key}.`))).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });
});
