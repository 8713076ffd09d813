import { LANGS, type Lang } from "~/modules/i18n/config";

/** A variant's colour per language, as stored in ProductVariant.colorNames: { "zh": "白色", "pt": "Branco" }. */
export type ColorNames = Partial<Record<Lang, string>>;

/** The stored JSON as ColorNames: only the marketplace's languages, only non-empty strings. */
export function colorNamesOf(value: unknown): ColorNames {
  const names: ColorNames = {};
  if (!value || typeof value !== "object" || Array.isArray(value)) return names;
  for (const lang of LANGS) {
    const name = (value as Record<string, unknown>)[lang];
    if (typeof name === "string" && name.trim()) names[lang] = name.trim();
  }
  return names;
}

/** The colour a reader of `lang` sees: its name in that language, else the value as the maker typed it. */
export function colorIn(variant: { color: string | null; colorNames?: unknown }, lang: Lang): string | null {
  return colorNamesOf(variant.colorNames)[lang] ?? variant.color ?? null;
}

/** ColorNames for a ProductInput: left out when no language has a name (as a product without them is written). */
export function colorNamesInput(value: unknown): ColorNames | undefined {
  const names = colorNamesOf(value);
  return Object.keys(names).length > 0 ? names : undefined;
}
