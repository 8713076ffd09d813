import { isLang, type Lang } from "~/modules/i18n/config";

/** Text the operator wrote per language: the reader's, else the storefront's first language, else any. */
export interface LocalizedText {
  value: string;
  lang: Lang;
}

export function localized(value: unknown, lang: Lang, languages: readonly string[]): LocalizedText | null {
  const texts = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const order = [lang, ...languages, "pt", "es", "zh", "en"];
  for (const candidate of order) {
    const text = texts[candidate];
    if (isLang(candidate) && typeof text === "string" && text.trim()) return { value: text.trim(), lang: candidate };
  }
  return null;
}
