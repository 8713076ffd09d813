import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";

/** Where Ponte's companies are: China and the Portuguese- and Spanish-speaking markets first, then partners. */
export const COUNTRY_CODES = ["CN", "HK", "MO", "BR", "MX", "PT", "AO", "MZ", "CV", "GW", "ST", "TL", "CO", "CL", "PE", "AR", "UY", "PY", "BO", "EC", "VE", "CR", "PA", "GT", "DO", "ES", "US"] as const;

/** Country names in the page's language, from CLDR via Intl; sorted for that language. */
export function countryOptions(lang: Lang) {
  const names = new Intl.DisplayNames([LOCALE_TAGS[lang]], { type: "region" });
  const collator = new Intl.Collator(LOCALE_TAGS[lang]);
  return COUNTRY_CODES.map((code) => ({ value: code, label: names.of(code) ?? code })).sort((a, b) => collator.compare(a.label, b.label));
}
