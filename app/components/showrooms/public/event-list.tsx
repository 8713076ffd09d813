import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LOCALE_TAGS, LANG_NAMES, type Lang } from "~/modules/i18n/config";
import type { PublicEventSummary } from "~/modules/showrooms/public-events.server";
import { EventTime } from "./event-time";

/** Upcoming events of a storefront: kind, title, both times, language and seats. */
export function EventList({ events, lang, viewerZone }: { events: PublicEventSummary[]; lang: Lang; viewerZone: string }) {
  const { t } = useTranslation();
  if (events.length === 0) return <p className="text-sm text-slate-600">{t("showrooms.events.none")}</p>;
  return (
    <ol className="space-y-3" data-testid="event-list">
      {events.map((event) => (
        <li key={event.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="event-item">
          <p className="flex flex-wrap items-center gap-2 text-xs font-semibold uppercase tracking-wide text-brand-700">
            <span>{t(`showrooms.events.kind.${event.kind}`)}</span>
            {event.live ? <span className="rounded bg-red-100 px-1.5 py-0.5 text-red-800">{t("showrooms.events.live")}</span> : null}
          </p>
          <h3 className="mt-1 break-words text-base font-semibold">
            <Link to={event.href} className="hover:underline" lang={LOCALE_TAGS[event.title.lang]}>
              {event.title.value}
            </Link>
          </h3>
          <div className="mt-1">
            <EventTime startsAt={event.startsAt} endsAt={event.endsAt} eventZone={event.timeZone} lang={lang} serverViewerZone={viewerZone} compact />
          </div>
          <p className="mt-1 text-sm text-slate-600">
            {t("showrooms.events.heldIn", { language: LANG_NAMES[event.language] })} ·{" "}
            {event.seatsLeft > 0 ? t("showrooms.events.seatsLeft", { count: event.seatsLeft }) : t("showrooms.events.full")}
          </p>
        </li>
      ))}
    </ol>
  );
}
