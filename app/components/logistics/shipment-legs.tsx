import { useTranslation } from "react-i18next";
import type { Lang } from "~/modules/i18n/config";
import type { ShipmentLegView } from "~/modules/logistics/shipment-presenter.server";
import { Moment } from "./moment";

const STATE_TONE = { completed: "bg-emerald-100 text-emerald-900", current: "bg-sky-100 text-sky-900", planned: "bg-slate-100 text-slate-800" } as const;

/**
 * The legs in travel order, each a small card (a table would scroll sideways on a phone): mode, carrier and its
 * reference, from → to, and planned against actual departure and arrival.
 */
export function ShipmentLegs({ legs, lang, timeZone }: { legs: ShipmentLegView[]; lang: Lang; timeZone: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="shipment-legs" className="card p-4 sm:p-6">
      <h2 id="shipment-legs" className="text-lg font-semibold">
        {t("logistics.shipmentPage.legs")}
      </h2>
      {legs.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t("logistics.shipmentPage.noLegs")}</p>
      ) : (
        <ol className="mt-3 grid gap-3 md:grid-cols-2">
          {legs.map((leg) => (
            <li key={leg.id} className="rounded-md border border-slate-200 p-3 text-sm">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-semibold">{t("logistics.shipmentPage.legNumber", { number: leg.sequence })}</span>
                <span>{t(`logistics.routeMap.mode.${leg.mode}`)}</span>
                <span className={`badge ${STATE_TONE[leg.state]}`}>{t(`logistics.routeMap.state.${leg.state}`)}</span>
              </p>
              <p className="mt-1 break-words font-medium">
                {leg.from.name}
                {leg.from.detail ? <span className="font-normal text-slate-600"> ({leg.from.detail})</span> : null} → {leg.to.name}
                {leg.to.detail ? <span className="font-normal text-slate-600"> ({leg.to.detail})</span> : null}
              </p>
              <p className="break-words text-slate-700">
                {leg.carrier ?? t("logistics.shipmentPage.noCarrier")} · {t(`logistics.shipmentPage.referenceKinds.${leg.referenceKind}`)} <span className="font-mono">{leg.reference}</span>
              </p>
              <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1">
                <dt className="text-slate-600">{t("logistics.shipmentPage.departure")}</dt>
                <dd>
                  <Planned planned={leg.plannedDepartureAt} actual={leg.actualDepartureAt} lang={lang} timeZone={timeZone} />
                </dd>
                <dt className="text-slate-600">{t("logistics.shipmentPage.arrival")}</dt>
                <dd>
                  <Planned planned={leg.plannedArrivalAt} actual={leg.actualArrivalAt} lang={lang} timeZone={timeZone} />
                </dd>
              </dl>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Planned({ planned, actual, lang, timeZone }: { planned: string; actual: string | null; lang: Lang; timeZone: string }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="block">
        <span className="text-slate-600">{t("logistics.shipmentPage.planned")}:</span> <Moment value={planned} lang={lang} timeZone={timeZone} />
      </span>
      <span className="block">
        <span className="text-slate-600">{t("logistics.shipmentPage.actual")}:</span> {actual ? <Moment value={actual} lang={lang} timeZone={timeZone} /> : t("logistics.shipmentPage.notYet")}
      </span>
    </>
  );
}

