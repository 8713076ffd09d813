import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";

/** Where Ponte's companies are: China and the Portuguese- and Spanish-speaking markets first, then partners. */
export const COUNTRY_CODES = ["CN", "HK", "MO", "BR", "MX", "PT", "AO", "MZ", "CV", "GW", "ST", "TL", "CO", "CL", "PE", "AR", "UY", "PY", "BO", "EC", "VE", "CR", "PA", "GT", "DO", "ES", "US"] as const;

/** Country names in the page's language, from CLDR via Intl; sorted for that language. */
export function countryOptions(lang: Lang) {
  const names = new Intl.DisplayNames([LOCALE_TAGS[lang]], { type: "region" });
  const collator = new Intl.Collator(LOCALE_TAGS[lang]);
  return COUNTRY_CODES.map((code) => ({ value: code, label: names.of(code) ?? code })).sort((a, b) => collator.compare(a.label, b.label));
}

/** Companies registered here have a legal name in Chinese (营业执照); the form asks for it only from them. */
export const CHINESE_NAME_COUNTRIES = ["CN", "HK", "MO"] as const;

export function hasChineseLegalName(countryCode: string | null | undefined): boolean {
  return (CHINESE_NAME_COUNTRIES as readonly string[]).includes((countryCode ?? "").trim().toUpperCase());
}

/**
 * What a new company most likely is, by the site's language: Portuguese and Spanish visitors are buyers (in Brazil
 * and Mexico, the largest markets), Chinese visitors manufacturers in China. English keeps the manufacturer in China.
 */
export function companyDefaults(lang: Lang): { kind: "MANUFACTURER" | "BUYER"; countryCode: (typeof COUNTRY_CODES)[number] } {
  if (lang === "pt") return { kind: "BUYER", countryCode: "BR" };
  if (lang === "es") return { kind: "BUYER", countryCode: "MX" };
  return { kind: "MANUFACTURER", countryCode: "CN" };
}
