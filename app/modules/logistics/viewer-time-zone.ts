import { LANGS } from "~/modules/i18n/config";

/**
 * The tracking pages show every moment in the reader's own clock. The server first renders in the best zone it knows
 * (this cookie, else the viewer's country, else the shipment's destination for an anonymous reader of a public
 * link); the browser then reads its own zone (Intl) and, when it differs, switches to it and remembers it here, so
 * the next server render already matches. The cookie is scoped to the tracking pages only: anonymous catalog pages
 * are cached by their cookies, and a time zone must not split that cache.
 */
export const TIME_ZONE_COOKIE = "ponte_tz";

const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/** An IANA zone this runtime knows ("America/Sao_Paulo", "Asia/Shanghai", "UTC"). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || !ZONE_NAME.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The zone remembered by the browser in the Cookie header, when it is a real one. */
export function timeZoneFromCookieHeader(cookieHeader: string | null | undefined): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== TIME_ZONE_COOKIE) continue;
    let value = rest.join("=");
    try {
      value = decodeURIComponent(value);
    } catch {
      return null;
    }
    return isTimeZone(value) ? value : null;
  }
  return null;
}

/** The paths the cookie is sent to: the shipment pages and the public tracking pages, in every language. */
export function timeZoneCookiePaths(): string[] {
  return LANGS.flatMap((lang) => [`/${lang}/shipments`, `/${lang}/track`]);
}

/**
 * A place's own clock from the offset the carrier reported with the event: "14:05 UTC+8", "09:30 UTC−3". Read from
 * the event itself rather than a zone database, so it is what the carrier's people saw on the wall.
 */
export function placeClock(occurredAt: string | Date, utcOffsetMinutes: number, localeTag: string): string {
  const instant = typeof occurredAt === "string" ? new Date(occurredAt) : occurredAt;
  const shifted = new Date(instant.getTime() + utcOffsetMinutes * 60_000);
  const time = new Intl.DateTimeFormat(localeTag, { hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(shifted);
  return `${time} ${utcOffsetLabel(utcOffsetMinutes)}`;
}

/** "UTC+8", "UTC−3", "UTC+5:30", "UTC". */
export function utcOffsetLabel(minutes: number): string {
  if (minutes === 0) return "UTC";
  const sign = minutes > 0 ? "+" : "\u2212";
  const abs = Math.abs(minutes);
  const hours = Math.floor(abs / 60);
  const rest = abs % 60;
  return `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, "0")}` : ""}`;
}

/** The offset (minutes east of UTC) of a zone at a moment, to tell whether a place's clock differs from the reader's. */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour") % 24, get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}
