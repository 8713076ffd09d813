import type { Lang } from "./config";
import { localeTag, viewerTimeZone } from "./locale";

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

/** The shared number formatter of the page's language as the current viewer reads it (es-CO in Bogotá, pt-PT in Lisbon). */
export function viewerNumberFormat(lang: Lang, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  return numberFormat(localeTag(lang), options);
}

const TIME_FIELDS = ["timeStyle", "hour", "minute", "second"] as const;

/**
 * Dates and numbers through Intl, in the page's language as the viewer's country writes it (localeTag). A value with
 * a time of day is always shown with its time zone: the one given (a warehouse's), else the viewer's (their
 * country's, UTC when unknown), and its name ("14:05 BRT", "20:34 UTC"), so one moment never reads as two.
 */
export function formatDate(value: Date | string, lang: Lang, options: Intl.DateTimeFormatOptions = { dateStyle: "medium" }) {
  const date = typeof value === "string" ? new Date(value) : value;
  const tag = localeTag(lang);
  if (!TIME_FIELDS.some((field) => options[field] !== undefined) || options.timeZoneName) return dateTimeFormat(tag, options).format(date);
  // timeStyle cannot be combined with timeZoneName: the zone's name is read on its own and written after the time.
  const timeZone = options.timeZone ?? viewerTimeZone();
  const zone = dateTimeFormat(tag, { timeZone, timeZoneName: "short" }).formatToParts(date).find((part) => part.type === "timeZoneName")?.value ?? timeZone;
  return `${dateTimeFormat(tag, { ...options, timeZone }).format(date)} ${zone}`;
}

/** A moment: date, time and time zone, in the given zone (a warehouse's) or the viewer's. */
export function formatDateTime(value: Date | string, lang: Lang, timeZone?: string) {
  return formatDate(value, lang, { dateStyle: "medium", timeStyle: "short", ...(timeZone ? { timeZone } : {}) });
}

export function formatNumber(value: number, lang: Lang, options?: Intl.NumberFormatOptions) {
  return viewerNumberFormat(lang, options).format(value);
}
