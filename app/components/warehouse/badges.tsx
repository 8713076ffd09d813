import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const INBOUND_STYLES: Record<string, string> = {
  IN_TRANSIT: "bg-sky-100 text-sky-900",
  PARTIALLY_RECEIVED: "bg-amber-100 text-amber-900",
  RECEIVED: "bg-emerald-100 text-emerald-900",
  CANCELLED: "bg-slate-200 text-slate-800",
  DRAFT: "bg-slate-100 text-slate-800",
};

/** An inbound shipment's status, in words (colour is never the only signal). */
export function InboundStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${INBOUND_STYLES[status] ?? "bg-slate-100 text-slate-800"}`} data-testid="inbound-status">
      {t(`warehouse.inboundStatus.${status}`)}
    </span>
  );
}

const KIND_STYLES: Record<string, string> = {
  SHORT: "bg-red-100 text-red-900",
  OVER: "bg-violet-100 text-violet-900",
  DAMAGED: "bg-orange-100 text-orange-900",
};

export function DiscrepancyBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <span className={`badge ${KIND_STYLES[kind] ?? "bg-slate-100 text-slate-800"}`}>{t(`warehouse.discrepancyKinds.${kind}`)}</span>;
}

/** A signed change (formatted by the loader), green up, red down, with the sign spelled out for screen readers. */
export function Delta({ value, label }: { value: number; label: string }) {
  if (value === 0) return <span className="text-slate-500">{label}</span>;
  return <span className={value > 0 ? "font-medium text-emerald-800" : "font-medium text-red-800"}>{label}</span>;
}

export interface MovementView {
  id: string;
  kind: string;
  sku: string;
  manufacturer: string;
  onHandDelta: number;
  onHandDeltaLabel: string;
  reservedDelta: number;
  reservedDeltaLabel: string;
  onHandAfter: string;
  reservedAfter: string;
  reason: string | null;
  shipment: string | null;
  by: string | null;
  date: string;
  href: string | null;
}

/** A ledger table (the warehouse's latest movements, or one SKU's). */
export function MovementTable({ movements, showSku, caption }: { movements: MovementView[]; showSku: boolean; caption: string }) {
  const { t } = useTranslation();
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="movement-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("warehouse.movements.date")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("warehouse.movements.kind")}
            </th>
            {showSku ? (
              <th scope="col" className="px-3 py-2">
                {t("warehouse.stock.sku")}
              </th>
            ) : null}
            <th scope="col" className="px-3 py-2 text-right">
              {t("warehouse.movements.onHand")}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t("warehouse.movements.reserved")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("warehouse.movements.detail")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {movements.map((m) => (
            <tr key={m.id}>
              <td className="whitespace-nowrap px-3 py-2 text-slate-700">{m.date}</td>
              <td className="whitespace-nowrap px-3 py-2">{t(`warehouse.movementKinds.${m.kind}`)}</td>
              {showSku ? (
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                  {m.href ? (
                    <Link to={m.href} className="link">
                      {m.sku}
                    </Link>
                  ) : (
                    m.sku
                  )}
                  <span className="block font-sans text-slate-600">{m.manufacturer}</span>
                </td>
              ) : null}
              <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                <Delta value={m.onHandDelta} label={m.onHandDeltaLabel} /> <span className="text-slate-600">→ {m.onHandAfter}</span>
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                <Delta value={m.reservedDelta} label={m.reservedDeltaLabel} /> <span className="text-slate-600">→ {m.reservedAfter}</span>
              </td>
              <td className="px-3 py-2 text-slate-700">
                {m.shipment ? <span className="block font-mono text-xs">{t("warehouse.movements.shipment", { reference: m.shipment })}</span> : null}
                {m.reason ? <span className="block">{m.reason === "expired" ? t("warehouse.movements.expired") : m.reason}</span> : null}
                {m.by ? <span className="block text-xs text-slate-600">{t("warehouse.movements.by", { name: m.by })}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
