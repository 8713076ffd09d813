import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InboundStatusBadge } from "~/components/inventory/badges";
import { pageTitle } from "~/components/meta";
import { requireManufacturer } from "~/modules/catalog/product-form.server";
import { requireLang } from "~/modules/i18n/config";
import { formatDate, formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { warehouseCity } from "~/modules/inventory/cities";
import { countInboundByStatus, INBOUND_STATUSES, listInbound } from "~/modules/inventory/inbound.server";

export const meta: MetaFunction = (args) => pageTitle(args, "inventory.inbound.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  const t = serverT(lang);
  const requested = new URL(request.url).searchParams.get("status");
  const status = INBOUND_STATUSES.find((s) => s === requested) ?? null;
  const [rows, counts] = await Promise.all([listInbound(context.scoped, { status, take: 200 }), countInboundByStatus(context.scoped)]);
  const n = (value: number) => formatNumber(value, lang);
  return {
    base: `/${lang}/orgs/${context.organization.id}/inventory`,
    status,
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    rows: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      status: r.status,
      hasDiscrepancies: r.hasDiscrepancies,
      city: warehouseCity(t, r.warehouse),
      code: r.warehouse.code,
      expected: formatDate(r.expectedOn, lang, { dateStyle: "medium", timeZone: "UTC" }),
      units: n(r.expectedUnits),
      received: r.status === "DRAFT" || r.status === "IN_TRANSIT" ? null : n(r.receivedUnits),
      cartons: n(r.cartons),
      created: formatDate(r.createdAt, lang),
    })),
  };
}

export default function InboundList() {
  const { t } = useTranslation();
  const { base, status, counts, total, rows } = useLoaderData<typeof loader>();
  const filter = (s: string | null, label: string, count: number) => {
    const active = status === s;
    return (
      <li key={s ?? "all"}>
        <Link
          to={s ? `${base}/inbound?status=${s}` : `${base}/inbound`}
          className={`inline-flex items-center gap-1 rounded-full border px-3 py-1 text-sm ${active ? "border-brand-600 bg-brand-50 font-semibold text-brand-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
          aria-current={active ? "page" : undefined}
        >
          {label} <span className="text-xs text-slate-500">{count}</span>
        </Link>
      </li>
    );
  };
  return (
    <div className="space-y-6">
      <header>
        <h2 className="text-2xl font-bold">{t("inventory.inbound.title")}</h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("inventory.inbound.intro")}</p>
      </header>
      {total === 0 ? (
        <div className="card border-dashed text-center" data-testid="inbound-empty">
          <p className="text-sm text-slate-700">{t("inventory.inbound.empty")}</p>
          <Link to={`${base}/inbound/new`} className="btn-primary mt-4">
            {t("inventory.newInbound")}
          </Link>
        </div>
      ) : (
        <>
          <nav aria-label={t("inventory.inbound.filterLabel")}>
            <ul className="flex flex-wrap gap-2">
              {filter(null, t("inventory.inbound.all"), total)}
              {INBOUND_STATUSES_UI.map((s) => filter(s, t(`inventory.status.${s}`), counts[s]))}
            </ul>
          </nav>
          {rows.length === 0 ? (
            <p className="card text-center text-sm text-slate-700">{t("inventory.inbound.emptyFilter")}</p>
          ) : (
            <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
              <table className="min-w-full text-sm" data-testid="inbound-list">
                <caption className="sr-only">{t("inventory.inbound.title")}</caption>
                <thead className="bg-slate-50 text-left text-xs text-slate-600">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t("inventory.inbound.columns.reference")}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t("inventory.inbound.columns.status")}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t("inventory.inbound.columns.warehouse")}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t("inventory.inbound.columns.expected")}
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      {t("inventory.inbound.columns.units")}
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      {t("inventory.inbound.columns.received")}
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      {t("inventory.inbound.columns.cartons")}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t("inventory.inbound.columns.created")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {rows.map((r) => (
                    <tr key={r.id} data-testid="inbound-row">
                      <td className="whitespace-nowrap px-3 py-2">
                        <Link to={`${base}/inbound/${r.id}`} className="link font-mono">
                          {r.reference}
                        </Link>
                      </td>
                      <td className="px-3 py-2">
                        <div className="flex flex-wrap items-center gap-1">
                          <InboundStatusBadge status={r.status} />
                          {r.hasDiscrepancies ? <span className="badge bg-amber-100 text-amber-900">{t("inventory.inbound.discrepancyFlag")}</span> : null}
                        </div>
                      </td>
                      <td className="whitespace-nowrap px-3 py-2">
                        {r.city} <span className="font-mono text-xs text-slate-500">{r.code}</span>
                      </td>
                      <td className="whitespace-nowrap px-3 py-2">{r.expected}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{r.units}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{r.received ?? "—"}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{r.cartons}</td>
                      <td className="whitespace-nowrap px-3 py-2 text-slate-600">{r.created}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** The statuses in the order of a shipment's life (the component's copy: .server modules are not in the browser). */
const INBOUND_STATUSES_UI = ["DRAFT", "IN_TRANSIT", "PARTIALLY_RECEIVED", "RECEIVED", "CANCELLED"] as const;
