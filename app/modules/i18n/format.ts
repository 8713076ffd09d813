import { LOCALE_TAGS, type Lang } from "./config";

/** Dates and numbers through Intl, per the page's language. */
export function formatDate(value: Date | string, lang: Lang, options: Intl.DateTimeFormatOptions = { dateStyle: "medium" }) {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], options).format(typeof value === "string" ? new Date(value) : value);
}

export function formatDateTime(value: Date | string, lang: Lang) {
  return formatDate(value, lang, { dateStyle: "medium", timeStyle: "short" });
}

export function formatNumber(value: number, lang: Lang, options?: Intl.NumberFormatOptions) {
  return new Intl.NumberFormat(LOCALE_TAGS[lang], options).format(value);
}
