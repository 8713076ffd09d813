import { useTranslation } from "react-i18next";
import type { Lang } from "~/modules/i18n/config";
import type { ShipmentEventView, TimelineEventView } from "~/modules/logistics/shipment-presenter.server";
import { MILESTONE_DOT, useMilestoneName } from "./milestone-badge";
import { Moment, placeClockIfDifferent } from "./moment";

type Entry = TimelineEventView & Partial<Pick<ShipmentEventView, "description" | "reportedBy">>;

/**
 * The shipment's events, newest first: the milestone in the reader's language, the place, the moment in the reader's
 * zone and, where its clock reads differently, the place's own local time. Events pushed while the page is open are
 * marked new. With `details`, what the carrier wrote and who reported it (the parties' page only).
 */
export function ShipmentTimeline({
  events,
  fresh,
  lang,
  timeZone,
  details = false,
  refreshing = false,
}: {
  events: Entry[];
  fresh: ReadonlySet<string>;
  lang: Lang;
  timeZone: string;
  details?: boolean;
  refreshing?: boolean;
}) {
  const { t } = useTranslation();
  const milestoneName = useMilestoneName();
  const newestFirst = [...events].reverse();
  return (
    <section aria-labelledby="shipment-timeline" aria-busy={refreshing} className="card p-4 sm:p-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="shipment-timeline" className="text-lg font-semibold">
          {t("logistics.shipmentPage.timeline")}
        </h2>
        {refreshing ? <span className="text-xs text-slate-600">{t("logistics.shipmentPage.updating")}</span> : null}
      </div>
      {newestFirst.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t("logistics.shipmentPage.noEvents")}</p>
      ) : (
        <ol className="mt-4 space-y-0" data-testid="shipment-timeline">
          {newestFirst.map((event, index) => {
            const local = placeClockIfDifferent(event.occurredAt, event.utcOffsetMinutes, lang, timeZone);
            const isFresh = fresh.has(event.id);
            return (
              <li key={event.id} className="relative flex gap-3 pb-5 last:pb-0" data-milestone={event.milestone}>
                {/* The line joining the dots, drawn under every entry but the oldest. */}
                {index < newestFirst.length - 1 ? <span aria-hidden="true" className="absolute left-[0.4375rem] top-5 h-full w-0.5 bg-slate-200" /> : null}
                <span aria-hidden="true" className={`relative mt-1.5 h-4 w-4 shrink-0 rounded-full border-2 border-white ring-1 ring-slate-300 ${MILESTONE_DOT[event.milestone]}`} />
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2">
                    <span className={index === 0 ? "font-semibold" : "font-medium"}>{milestoneName(event.milestone)}</span>
                    {isFresh ? <span className="badge bg-emerald-100 text-emerald-900">{t("logistics.shipmentPage.new")}</span> : null}
                  </p>
                  {event.place ? (
                    <p className="break-words text-sm text-slate-700">
                      {event.place.name}
                      {event.place.detail ? <span className="text-slate-600"> · {event.place.detail}</span> : null}
                    </p>
                  ) : null}
                  <p className="text-sm text-slate-700">
                    <Moment value={event.occurredAt} lang={lang} timeZone={timeZone} />
                    {local ? <span className="text-slate-600"> · {t("logistics.shipmentPage.localTime", { time: local })}</span> : null}
                  </p>
                  {details && (event.description || event.reportedBy || event.legSequence) ? (
                    <p className="break-words text-xs text-slate-600">
                      {[event.legSequence ? t("logistics.shipmentPage.legNumber", { number: event.legSequence }) : null, event.reportedBy ? t("logistics.shipmentPage.reportedBy", { source: event.reportedBy }) : null, event.description ? `“${event.description}”` : null]
                        .filter(Boolean)
                        .join(" · ")}
                    </p>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {newestFirst.length === 1 ? <p className="mt-4 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">{t("logistics.shipmentPage.onlyBooked")}</p> : null}
    </section>
  );
}
