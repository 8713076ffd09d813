import { useTranslation } from "react-i18next";
import type { Lang } from "~/modules/i18n/config";
import type { TimelineEventView } from "~/modules/logistics/shipment-presenter.server";
import { useMilestoneName } from "./milestone-badge";
import { Moment, zoneLongName } from "./moment";

/** Shown while the page is joined to the shipment's live room. */
export function LiveBadge({ connected }: { connected: boolean }) {
  const { t } = useTranslation();
  if (!connected) return null;
  return (
    <span className="badge bg-emerald-100 text-emerald-900" data-testid="shipment-live">
      <span aria-hidden="true" className="mr-1.5 inline-block h-2 w-2 rounded-full bg-emerald-600" />
      {t("logistics.shipmentPage.live")}
    </span>
  );
}

/**
 * The page's live region: present (empty) from the first render, so that assistive technology announces the update
 * that arrives later; visible once there is one.
 */
export function LiveAnnouncer({ event, lang, timeZone }: { event: TimelineEventView | null; lang: Lang; timeZone: string }) {
  const { t } = useTranslation();
  const milestoneName = useMilestoneName();
  return (
    <div role="status" aria-live="polite" aria-atomic="true" data-testid="shipment-live-update" className={event ? "rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900" : "sr-only"}>
      {event ? (
        <>
          <span className="font-semibold">{t("logistics.shipmentPage.liveUpdate")}</span> {milestoneName(event.milestone)}
          {event.place ? ` · ${event.place.name}` : ""} · <Moment value={event.occurredAt} lang={lang} timeZone={timeZone} />
        </>
      ) : null}
    </div>
  );
}

/** Which clock the page's times are read on. */
export function TimeZoneNote({ timeZone, lang, at }: { timeZone: string; lang: Lang; at: string }) {
  const { t } = useTranslation();
  return <p className="text-xs text-slate-600">{t("logistics.shipmentPage.timeZoneNote", { zone: `${zoneLongName(timeZone, lang, at)} (${timeZone})` })}</p>;
}
