import { LOCALE_TAGS, type Lang } from "./config";

/**
 * Intl formatters are costly to build (ICU data lookups) and cheap to reuse: one per (locale, options), kept in
 * small bounded maps (the options used across the app are a handful; a cap keeps an unexpected variety from growing
 * them without end).
 */
const MAX_CACHED = 200;

function memo<F>(cache: Map<string, F>, key: string, make: () => F): F {
  let formatter = cache.get(key);
  if (formatter === undefined) {
    formatter = make();
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(key, formatter);
  }
  return formatter;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A shared Intl.NumberFormat for a locale tag and options. */
export function numberFormat(tag: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  return memo(numberFormats, `${tag}|${options ? JSON.stringify(options) : ""}`, () => new Intl.NumberFormat(tag, options));
}

/** A shared Intl.DateTimeFormat for a locale tag and options. */
export function dateTimeFormat(tag: string, options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return memo(dateFormats, `${tag}|${options ? JSON.stringify(options) : ""}`, () => new Intl.DateTimeFormat(tag, options));
}

/** Dates and numbers through Intl, per the page's language. */
export function formatDate(value: Date | string, lang: Lang, options: Intl.DateTimeFormatOptions = { dateStyle: "medium" }) {
  return dateTimeFormat(LOCALE_TAGS[lang], options).format(typeof value === "string" ? new Date(value) : value);
}

export function formatDateTime(value: Date | string, lang: Lang) {
  return formatDate(value, lang, { dateStyle: "medium", timeStyle: "short" });
}

export function formatNumber(value: number, lang: Lang, options?: Intl.NumberFormatOptions) {
  return numberFormat(LOCALE_TAGS[lang], options).format(value);
}
