/** Languages of the marketplace; the first URL segment of every public page. */
export const LANGS = ["pt", "es", "zh", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "en";

/** BCP 47 tags for Intl and hreflang: Brazilian Portuguese, Latin American Spanish, Simplified Chinese. */
export const LOCALE_TAGS: Record<Lang, string> = { pt: "pt-BR", es: "es-419", zh: "zh-CN", en: "en" };

/** Each language named in itself, for the switcher. */
export const LANG_NAMES: Record<Lang, string> = { pt: "Português", es: "Español", zh: "中文", en: "English" };

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}

/** The same page in another language: replaces (or adds) the language segment. */
export function pathInLang(pathname: string, lang: Lang): string {
  const segments = pathname.split("/");
  if (isLang(segments[1])) segments[1] = lang;
  else segments.splice(1, 0, lang);
  const joined = segments.join("/");
  return joined.endsWith("/") && joined.length > 1 ? joined.slice(0, -1) : joined;
}

/** The language of a `/:lang/...` URL; anything else is a 404. */
export function requireLang(params: { lang?: string }): Lang {
  if (!isLang(params.lang)) throw new Response(null, { status: 404, statusText: "Not Found" });
  return params.lang;
}
