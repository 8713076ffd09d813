import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export type Lang = "en" | "pt" | "es" | "zh";
/** A language's strings, or "pt-PT": European Portuguese, what buyers in Portugal, Angola and Mozambique read. */
export type TextLang = Lang | "pt-PT";
interface Messages {
  [key: string]: string | Messages;
}

const localesDir = fileURLToPath(new URL("../../locales/", import.meta.url));

/** The same tree the app assembles: common.json at the top, every other file under its own name. */
function load(lang: TextLang): Messages {
  const tree: Messages = {};
  for (const file of readdirSync(`${localesDir}${lang}`)) {
    const json = JSON.parse(readFileSync(`${localesDir}${lang}/${file}`, "utf8")) as Messages;
    if (file === "common.json") Object.assign(tree, json);
    else tree[file.replace(/\.json$/, "")] = json;
  }
  return tree;
}

function merge(base: Messages, over: Messages): Messages {
  const out: Messages = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    out[key] = typeof value === "string" || typeof below !== "object" ? value : merge(below, value);
  }
  return out;
}

const messages = Object.fromEntries((["en", "pt", "es", "zh"] as const).map((lang) => [lang, load(lang)])) as Record<TextLang, Messages>;
// Only the strings that differ live in locales/pt-PT; every other key is the Portuguese one (i18next's fallback).
messages["pt-PT"] = merge(messages.pt, load("pt-PT"));

/** A UI string as the app shows it in `lang`, by its dotted key: tests assert on real translations. */
export function t(lang: TextLang, key: string): string {
  const value = key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Messages)[part] : undefined), messages[lang]);
  if (typeof value !== "string") throw new Error(`No message ${key} in locales/${lang}`);
  return value;
}
