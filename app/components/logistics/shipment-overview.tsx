import { useTranslation } from "react-i18next";
import type { ShipmentMilestone } from "~/generated/prisma/enums";
import type { Lang } from "~/modules/i18n/config";
import type { PlaceView } from "~/modules/logistics/shipment-presenter.server";
import { MilestoneBadge, useMilestoneName } from "./milestone-badge";
import { Moment } from "./moment";

export interface OverviewData {
  status: ShipmentMilestone;
  exception: ShipmentMilestone | null;
  exceptionAt: string | null;
  estimatedArrivalAt: string;
  plannedArrivalAt: string;
  late: boolean;
  deliveredAt: string | null;
  origin: PlaceView;
  destination: PlaceView & { country: string };
}

const HOUR = 3_600_000;

/** How far the estimate is behind the promise, in whole days (hours under a day); null when it is not behind. */
export function lateness(estimatedArrivalAt: string, plannedArrivalAt: string): { unit: "days" | "hours"; count: number } | null {
  const behind = Date.parse(estimatedArrivalAt) - Date.parse(plannedArrivalAt);
  if (!(behind > 0)) return null;
  if (behind < 24 * HOUR) return { unit: "hours", count: Math.max(1, Math.ceil(behind / HOUR)) };
  return { unit: "days", count: Math.ceil(behind / (24 * HOUR)) };
}

/**
 * The shipment at a glance: its status, an open exception (a customs hold) called out, the ETA against the promise
 * with the late flag, and where it goes. Shared by the parties' page and the public tracking page.
 */
export function ShipmentOverview({ data, lang, timeZone }: { data: OverviewData; lang: Lang; timeZone: string }) {
  const { t } = useTranslation();
  const milestoneName = useMilestoneName();
  const behind = data.late ? lateness(data.estimatedArrivalAt, data.plannedArrivalAt) : null;
  const delivered = data.deliveredAt !== null;
  return (
    <section aria-labelledby="shipment-overview" className="card space-y-4 p-4 sm:p-6">
      <h2 id="shipment-overview" className="sr-only">
        {t("logistics.shipmentPage.overview")}
      </h2>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-600">{t("logistics.shipmentPage.currentStatus")}</span>
        <MilestoneBadge milestone={data.status} className="px-3 py-1 text-sm" />
        {data.late && !delivered ? (
          <span className="badge bg-amber-100 px-3 py-1 text-sm text-amber-900" data-testid="shipment-late">
            {t("logistics.shipmentPage.late")}
          </span>
        ) : null}
      </div>
      {data.exception ? (
        <div role="note" className="flex gap-3 rounded-md border-2 border-red-300 bg-red-50 px-4 py-3 text-red-900" data-testid="shipment-exception">
          <span aria-hidden="true" className="text-lg font-bold leading-6">
            !
          </span>
          <div>
            <p className="font-semibold">{t("logistics.shipmentPage.openException", { milestone: milestoneName(data.exception) })}</p>
            {data.exceptionAt ? (
              <p className="text-sm">
                {t("logistics.shipmentPage.since")} <Moment value={data.exceptionAt} lang={lang} timeZone={timeZone} />
              </p>
            ) : null}
            <p className="mt-1 text-sm">{t("logistics.shipmentPage.exceptionHint")}</p>
          </div>
        </div>
      ) : null}
      <dl className="grid gap-4 text-sm sm:grid-cols-3">
        <div className="min-w-0">
          <dt className="text-slate-600">{t("logistics.shipmentPage.route")}</dt>
          <dd className="mt-1 break-words font-medium">
            {data.origin.name} → {data.destination.name}
            <span className="block font-normal text-slate-600">{data.destination.country}</span>
          </dd>
        </div>
        <div className="min-w-0">
          <dt className="text-slate-600">{delivered ? t("logistics.shipmentPage.deliveredOn") : t("logistics.shipmentPage.eta")}</dt>
          <dd className="mt-1 font-medium" data-testid="shipment-eta">
            <Moment value={data.deliveredAt ?? data.estimatedArrivalAt} lang={lang} timeZone={timeZone} dateOnly />
          </dd>
        </div>
        <div className="min-w-0">
          <dt className="text-slate-600">{t("logistics.shipmentPage.promised")}</dt>
          <dd className="mt-1">
            <Moment value={data.plannedArrivalAt} lang={lang} timeZone={timeZone} dateOnly />
            {behind && !delivered ? (
              <span className="block font-medium text-amber-900">
                {behind.unit === "days" ? t("logistics.shipmentPage.lateByDays", { count: behind.count }) : t("logistics.shipmentPage.lateByHours", { count: behind.count })}
              </span>
            ) : !delivered && !data.late ? (
              <span className="block text-emerald-800">{t("logistics.shipmentPage.onTime")}</span>
            ) : null}
          </dd>
        </div>
      </dl>
    </section>
  );
}
