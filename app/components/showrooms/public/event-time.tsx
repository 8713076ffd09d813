import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Lang } from "~/modules/i18n/config";
import { localeTag } from "~/modules/i18n/locale";
import { formatEventRange, isTimeZone, timeZoneLabel } from "~/modules/showrooms/event-times";

/** The browser's own zone, once hydrated (null on the server and in the first render, which must match it). */
export function useBrowserTimeZone(): string | null {
  const [zone, setZone] = useState<string | null>(null);
  useEffect(() => {
    const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (isTimeZone(own)) setZone(own);
  }, []);
  return zone;
}

/**
 * An event's time twice, each labelled with its zone: in the event's own zone (as the operator planned it), and in
 * the viewer's. The server renders the viewer's line in the zone it knows (their country's, UTC when unknown), named;
 * after hydration it switches to the browser's zone, still named, so the label is right at every moment.
 */
export function EventTime({ startsAt, endsAt, eventZone, lang, serverViewerZone, compact = false }: { startsAt: string; endsAt: string; eventZone: string; lang: Lang; serverViewerZone: string; compact?: boolean }) {
  const { t } = useTranslation();
  const browserZone = useBrowserTimeZone();
  const viewerZone = browserZone ?? serverViewerZone;
  const tag = localeTag(lang);
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const eventLine = `${formatEventRange(start, end, eventZone, tag)} (${timeZoneLabel(start, eventZone, tag)})`;
  const sameClock = formatEventRange(start, end, viewerZone, tag) === formatEventRange(start, end, eventZone, tag);
  const viewerLine = `${formatEventRange(start, end, viewerZone, tag)} (${timeZoneLabel(start, viewerZone, tag)})`;
  return (
    <div className={compact ? "text-sm" : ""} data-testid="event-time">
      <p>
        {/* Node's ICU and the browser's space the same time differently (U+2009 vs U+0020 around "–"): the server's
            text is kept at hydration instead of failing it; the browser's own zone re-renders it after. */}
        <span className="font-medium">{t("showrooms.events.eventTime")}</span>{" "}
        <time dateTime={startsAt} suppressHydrationWarning>
          {eventLine}
        </time>
      </p>
      {sameClock ? null : (
        <p className="text-slate-700" data-testid="event-time-viewer" data-zone={viewerZone} data-source={browserZone ? "browser" : "server"}>
          <span className="font-medium">{browserZone ? t("showrooms.events.yourTime") : t("showrooms.events.yourTimeGuess")}</span>{" "}
          <span suppressHydrationWarning>{viewerLine}</span>
        </p>
      )}
    </div>
  );
}
