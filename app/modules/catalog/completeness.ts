import { LANGS, type Lang } from "~/modules/i18n/config";

/**
 * How far each language of a product is written, for the manufacturer's console: a percentage, the fields still
 * missing, and whether a machine wrote it. Pure (no server code): the edit form recomputes it while typing.
 *
 * A language needs a name, a short and a long description; and, when the source language lists specifications,
 * as many complete specification rows as the source has. The source language is measured against the same
 * three texts (its own specifications are optional).
 */
export const TRANSLATION_FIELDS = ["name", "shortDescription", "longDescription", "specifications"] as const;
export type TranslationField = (typeof TRANSLATION_FIELDS)[number];

export interface TranslationContent {
  name?: string | null;
  shortDescription?: string | null;
  longDescription?: string | null;
  specifications?: readonly { label?: string | null; value?: string | null }[] | null;
  source?: "HUMAN" | "MACHINE" | null;
}

/** missing: nothing written; partial: something written, not everything; complete: every required field. */
export type CompletenessState = "missing" | "partial" | "complete";

export interface LanguageCompleteness {
  lang: Lang;
  /** 0–100, rounded down: 100 only when nothing is missing. */
  percent: number;
  missing: TranslationField[];
  machine: boolean;
  state: CompletenessState;
  isSource: boolean;
}

const filled = (value: string | null | undefined) => Boolean(value && value.trim());

/** Specification rows with both a label and a value. */
export function completeSpecificationCount(specifications: TranslationContent["specifications"]): number {
  return (specifications ?? []).filter((s) => filled(s.label) && filled(s.value)).length;
}

export function languageCompleteness(lang: Lang, translation: TranslationContent | null | undefined, options: { isSource: boolean; sourceSpecificationCount: number }): LanguageCompleteness {
  const required: TranslationField[] = ["name", "shortDescription", "longDescription"];
  if (!options.isSource && options.sourceSpecificationCount > 0) required.push("specifications");
  const has = (field: TranslationField) =>
    field === "specifications" ? completeSpecificationCount(translation?.specifications) >= options.sourceSpecificationCount : filled(translation?.[field]);
  const missing = translation ? required.filter((field) => !has(field)) : required;
  const wroteSomething = Boolean(translation) && (filled(translation?.name) || filled(translation?.shortDescription) || filled(translation?.longDescription) || completeSpecificationCount(translation?.specifications) > 0);
  const percent = Math.floor(((required.length - missing.length) * 100) / required.length);
  return {
    lang,
    percent: wroteSomething ? percent : 0,
    missing,
    machine: wroteSomething && translation?.source === "MACHINE",
    state: !wroteSomething ? "missing" : missing.length === 0 ? "complete" : "partial",
    isSource: options.isSource,
  };
}

/** Every language of a product, in the marketplace's language order. */
export function productCompleteness(translations: Partial<Record<Lang, TranslationContent | null | undefined>>, sourceLocale: Lang): LanguageCompleteness[] {
  const sourceSpecificationCount = completeSpecificationCount(translations[sourceLocale]?.specifications);
  return LANGS.map((lang) => languageCompleteness(lang, translations[lang], { isSource: lang === sourceLocale, sourceSpecificationCount }));
}

/** The source language must be complete before a product can be published. */
export function isSourceComplete(translations: Partial<Record<Lang, TranslationContent | null | undefined>>, sourceLocale: Lang): boolean {
  return languageCompleteness(sourceLocale, translations[sourceLocale], { isSource: true, sourceSpecificationCount: 0 }).state === "complete";
}
