import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ShipmentMilestone } from "~/generated/prisma/enums";
import type { ShipmentListRow } from "~/modules/logistics/shipment-list.server";
import { STATUS_GROUPS, shipmentListQuery, type ShipmentCounts, type ShipmentListFilter, type StatusGroup } from "~/modules/logistics/shipment-list";

const GROUP_TONE: Record<StatusGroup, { chip: string; bar: string }> = {
  booked: { chip: "bg-slate-100 text-slate-800", bar: "bg-slate-400" },
  in_transit: { chip: "bg-sky-100 text-sky-900", bar: "bg-sky-500" },
  customs: { chip: "bg-indigo-100 text-indigo-900", bar: "bg-indigo-500" },
  out_for_delivery: { chip: "bg-teal-100 text-teal-900", bar: "bg-teal-500" },
  delivered: { chip: "bg-emerald-100 text-emerald-900", bar: "bg-emerald-600" },
};

/** A shipment's status in words, with its open problem and lateness (colour only repeats the words). */
export function ShipmentListStatus({ status, group, exception, late }: { status: ShipmentMilestone; group: StatusGroup; exception: ShipmentMilestone | null; late: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="flex flex-wrap gap-1">
      <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${GROUP_TONE[group].chip}`}>{t(`logistics.milestones.${status}`)}</span>
      {exception ? <span className="inline-block rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-900">{t(`logistics.milestones.${exception}`)}</span> : null}
      {late ? <span className="inline-block rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">{t("logistics.shipmentList.late")}</span> : null}
    </span>
  );
}

/**
 * The status counts as a stacked bar (for the eye) and as chips that filter the list (for everyone: each chip says
 * its group and count, and the current one is marked). Late and problem chips toggle their filter.
 */
export function ShipmentStatusCounts({ base, filter, counts }: { base: string; filter: ShipmentListFilter; counts: ShipmentCounts }) {
  const { t } = useTranslation();
  const chip = (active: boolean) =>
    `inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-sm ${active ? "border-brand-600 bg-brand-50 font-semibold text-brand-800" : "border-slate-200 bg-white text-slate-800 hover:border-slate-400"}`;
  const keep = { ...filter, page: 1 };
  return (
    <section aria-labelledby="shipment-counts-title" className="card space-y-3 p-4" data-testid="shipment-counts">
      <h2 id="shipment-counts-title" className="text-sm font-semibold text-slate-700">
        {t("logistics.shipmentList.counts.label")}
      </h2>
      {counts.all > 0 ? (
        <div className="flex h-2.5 w-full overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
          {STATUS_GROUPS.map((g) => (counts.groups[g] > 0 ? <span key={g} className={GROUP_TONE[g].bar} style={{ width: `${(counts.groups[g] / counts.all) * 100}%` }} /> : null))}
        </div>
      ) : null}
      <ul className="flex flex-wrap gap-2">
        <li>
          <Link to={`${base}${shipmentListQuery(keep, { group: undefined })}`} className={chip(!filter.group)} aria-current={!filter.group ? "true" : undefined} data-testid="count-all">
            {t("logistics.shipmentList.counts.all")} <strong className="tabular-nums">{counts.all}</strong>
          </Link>
        </li>
        {STATUS_GROUPS.map((g) => (
          <li key={g}>
            <Link to={`${base}${shipmentListQuery(keep, { group: g })}`} className={chip(filter.group === g)} aria-current={filter.group === g ? "true" : undefined} data-testid={`count-${g}`}>
              <span aria-hidden="true" className={`h-2 w-2 rounded-full ${GROUP_TONE[g].bar}`} />
              {t(`logistics.shipmentList.groups.${g}`)} <strong className="tabular-nums">{counts.groups[g]}</strong>
            </Link>
          </li>
        ))}
        <li>
          <Link to={`${base}${shipmentListQuery(keep, { lateOnly: !filter.lateOnly })}`} className={chip(Boolean(filter.lateOnly))} aria-current={filter.lateOnly ? "true" : undefined} data-testid="count-late">
            {t("logistics.shipmentList.counts.late")} <strong className="tabular-nums text-amber-800">{counts.late}</strong>
          </Link>
        </li>
        <li>
          <Link
            to={`${base}${shipmentListQuery(keep, { exceptionOnly: !filter.exceptionOnly })}`}
            className={chip(Boolean(filter.exceptionOnly))}
            aria-current={filter.exceptionOnly ? "true" : undefined}
            data-testid="count-exception"
          >
            {t("logistics.shipmentList.counts.exception")} <strong className="tabular-nums text-red-800">{counts.exception}</strong>
          </Link>
        </li>
      </ul>
    </section>
  );
}

/** The rows: a table from a tablet up, cards on a phone. */
export function ShipmentListRows({ rows, lang, showParties }: { rows: ShipmentListRow[]; lang: string; showParties: boolean }) {
  const { t } = useTranslation();
  const href = (r: ShipmentListRow) => `/${lang}/shipments/${encodeURIComponent(r.reference)}`;
  const when = (r: ShipmentListRow) =>
    r.delivered ? (
      t("logistics.shipmentList.deliveredOn", { date: r.delivered })
    ) : (
      <>
        <time dateTime={r.etaIso}>{r.eta}</time>
        {r.promised ? <span className="block text-xs text-amber-800">{t("logistics.shipmentList.promised", { date: r.promised })}</span> : null}
      </>
    );
  return (
    <>
      <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm md:block">
        <table className="min-w-full text-sm" data-testid="shipments-table">
          <caption className="sr-only">{t("logistics.shipmentList.title")}</caption>
          <thead className="bg-slate-50 text-left text-xs text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("logistics.shipmentList.columns.reference")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("logistics.shipmentList.columns.route")}
              </th>
              {showParties ? (
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("logistics.shipmentList.columns.counterpart")}
                </th>
              ) : null}
              <th scope="col" className="px-3 py-2 font-medium">
                {t("logistics.shipmentList.columns.status")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("logistics.shipmentList.columns.eta")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.id} data-testid="shipment-row" data-reference={r.reference} className={r.exception ? "bg-red-50/40" : undefined}>
                <td className="whitespace-nowrap px-3 py-2 align-top">
                  <Link to={href(r)} className="link font-mono font-semibold">
                    {r.reference}
                  </Link>
                  <span className="block text-xs text-slate-600">
                    {t(`logistics.shipmentList.kinds.${r.kind}`)}
                    {r.orderNumber ? ` · ${t("logistics.shipmentList.order", { number: r.orderNumber })}` : ""}
                  </span>
                </td>
                <td className="px-3 py-2 align-top">
                  {r.originName} → {r.destinationName}
                </td>
                {showParties ? <td className="px-3 py-2 align-top">{r.parties}</td> : null}
                <td className="px-3 py-2 align-top">
                  <ShipmentListStatus status={r.status} group={r.group} exception={r.exception} late={r.late} />
                </td>
                <td className="whitespace-nowrap px-3 py-2 align-top tabular-nums">{when(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="space-y-3 md:hidden" data-testid="shipments-cards">
        {rows.map((r) => (
          <li key={r.id} className={`card p-4 ${r.exception ? "border-red-200" : ""}`} data-reference={r.reference}>
            <div className="flex flex-wrap items-start justify-between gap-2">
              <Link to={href(r)} className="link font-mono font-semibold">
                {r.reference}
              </Link>
              <ShipmentListStatus status={r.status} group={r.group} exception={r.exception} late={r.late} />
            </div>
            <p className="mt-1 break-words text-sm text-slate-800">
              {r.originName} → {r.destinationName}
            </p>
            <p className="text-xs text-slate-600">
              {t(`logistics.shipmentList.kinds.${r.kind}`)}
              {r.orderNumber ? ` · ${t("logistics.shipmentList.order", { number: r.orderNumber })}` : ""}
              {showParties && r.parties ? ` · ${r.parties}` : ""}
            </p>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
              <dt className="text-slate-600">{t("logistics.shipmentList.columns.eta")}</dt>
              <dd className="tabular-nums">{when(r)}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
