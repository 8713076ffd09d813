import { useEffect, useState } from "react";
import { dateTimeFormat, formatDate } from "~/modules/i18n/format";
import type { Lang } from "~/modules/i18n/config";
import { localeTag } from "~/modules/i18n/locale";
import { isTimeZone, placeClock, TIME_ZONE_COOKIE, timeZoneCookiePaths, zoneOffsetMinutes } from "~/modules/logistics/viewer-time-zone";

const YEAR_SECONDS = 60 * 60 * 24 * 365;

/**
 * The zone the tracking pages show moments in. The first render uses the server's choice (so hydration matches); then
 * the browser's own zone takes over when it differs, and is remembered for the tracking pages' next server render.
 */
export function useViewerTimeZone(serverZone: string): string {
  const [zone, setZone] = useState(serverZone);
  useEffect(() => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!isTimeZone(browserZone)) return;
    const secure = window.location.protocol === "https:" ? "; Secure" : "";
    for (const path of timeZoneCookiePaths()) document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(browserZone)}; Path=${path}; Max-Age=${YEAR_SECONDS}; SameSite=Lax${secure}`;
    setZone(browserZone);
  }, [serverZone]);
  return zone;
}

/** A moment with date, time and the zone's short name ("6 de dez. de 2026, 14:05 BRT"), machine-readable too. */
export function Moment({ value, lang, timeZone, dateOnly = false, className }: { value: string; lang: Lang; timeZone: string; dateOnly?: boolean; className?: string }) {
  const text = dateOnly
    ? formatDate(value, lang, { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone })
    : formatDate(value, lang, { dateStyle: "medium", timeStyle: "short", timeZone });
  return (
    // Node's ICU and the browser's may space a formatted time differently: the server's text stands at hydration.
    <time dateTime={value} className={className} suppressHydrationWarning>
      {text}
    </time>
  );
}

/** The place's own clock, only when it reads differently from the reader's zone at that moment. */
export function placeClockIfDifferent(value: string, utcOffsetMinutes: number, lang: Lang, timeZone: string): string | null {
  if (zoneOffsetMinutes(timeZone, new Date(value)) === utcOffsetMinutes) return null;
  return placeClock(value, utcOffsetMinutes, localeTag(lang));
}

/** "Brasília Standard Time" / "巴西利亚标准时间": the zone named in the page's language, at a given moment. */
export function zoneLongName(timeZone: string, lang: Lang, at: string): string {
  const part = dateTimeFormat(localeTag(lang), { timeZone, timeZoneName: "long" })
    .formatToParts(new Date(at))
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}
