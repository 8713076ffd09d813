import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { IntentButton } from "~/components/console/intent-button";
import { CsrfInput, FormError, type FormReply } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { InboundStatusBadge, MovementTable } from "~/components/warehouse/badges";
import { unscopedDb } from "~/modules/db/index.server";
import { parseForm } from "~/modules/http/forms.server";
import { requireLang } from "~/modules/i18n/config";
import { formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { checkLedgerConsistency } from "~/modules/inventory/consistency.server";
import { requireWarehouseAccess } from "~/modules/inventory/warehouse-access.server";
import {
  calendarDate,
  listExpectedInbound,
  listRecentlyReceived,
  listWarehouseMovements,
  listWarehouseStock,
  movementViews,
  warehouseDateTime,
  warehouseSummary,
} from "~/modules/inventory/warehouse-desk.server";
import { warehouseCity } from "~/modules/inventory/cities";

export const meta: MetaFunction = (args) => pageTitle(args, "warehouse.detail.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireWarehouseAccess(request, lang, params.orgId, params.warehouseId);
  const t = serverT(lang);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 80);
  const page = Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1;
  const { warehouse, data } = context;
  const [summary, stock, expected, received, movements] = await Promise.all([
    warehouseSummary(data),
    listWarehouseStock(data, lang, { q, page }),
    listExpectedInbound(data),
    listRecentlyReceived(data),
    listWarehouseMovements(data, { take: 20 }),
  ]);
  const n = (value: number) => formatNumber(value, lang);
  const base = `/${lang}/orgs/${context.organization.id}/warehouses/${warehouse.id}`;
  return {
    lang,
    base,
    listUrl: `/${lang}/orgs/${context.organization.id}/warehouses`,
    warehouse: { id: warehouse.id, code: warehouse.code, name: warehouse.name, city: warehouseCity(t, warehouse), timeZone: warehouse.timeZone },
    summary: { inbound: n(summary.inboundExpected), skus: n(summary.skus), units: n(summary.units), reserved: n(summary.reserved) },
    q,
    stock: {
      total: stock.total,
      totalLabel: n(stock.total),
      page: stock.page,
      pages: stock.pages,
      rows: stock.rows.map((r) => ({ ...r, onHand: n(r.onHand), reserved: n(r.reserved), available: n(r.available), low: r.available <= 0, updatedAt: warehouseDateTime(r.updatedAt, lang, warehouse.timeZone) })),
    },
    expected: expected.map((s) => ({ ...s, expectedOn: calendarDate(s.expectedOn, lang), cartons: n(s.cartons), lines: n(s.lines), expectedUnits: n(s.expectedUnits), receivedUnits: n(s.receivedUnits) })),
    received: received.map((s) => ({ ...s, receivedAt: s.receivedAt ? warehouseDateTime(s.receivedAt, lang, warehouse.timeZone) : "" })),
    movements: movementViews(movements, lang, warehouse.timeZone, (balanceId) => `${base}/stock/${balanceId}`),
  };
}

const CheckSchema = z.object({ intent: z.literal("check") });

/** The ledger check of this warehouse: balances against the sums of their movements. */
export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireWarehouseAccess(request, lang, params.orgId, params.warehouseId);
  const checked = await parseForm(request, CheckSchema, lang);
  if (!checked.ok) return checked.reply;
  const [mismatches, skus] = await Promise.all([checkLedgerConsistency(unscopedDb, { warehouseId: context.warehouse.id }), context.data.stockBalance.count()]);
  const variants = mismatches.length
    ? await context.data.stockBalance.findMany({ where: { variantId: { in: mismatches.map((m) => m.variantId) } }, select: { variantId: true, variant: { select: { sku: true } } } })
    : [];
  const sku = new Map(variants.map((v) => [v.variantId, v.variant.sku]));
  return {
    ok: true as const,
    intent: "check" as const,
    checked: formatNumber(skus, lang),
    checkedCount: skus,
    mismatches: mismatches.map((m) => ({
      key: `${m.organizationId}:${m.variantId}`,
      sku: sku.get(m.variantId) ?? m.variantId,
      balance: `${formatNumber(m.onHand, lang)} / ${formatNumber(m.reserved, lang)}`,
      ledger: `${formatNumber(m.ledgerOnHand, lang)} / ${formatNumber(m.ledgerReserved, lang)}`,
    })),
  };
}

type CheckReply = FormReply & { ok?: boolean; checked?: string; checkedCount?: number; mismatches?: { key: string; sku: string; balance: string; ledger: string }[] };

export default function WarehouseDetail() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const { base, warehouse, summary, stock, expected, received, movements, q } = loaded;
  const reply = useActionData<typeof action>() as CheckReply | undefined;
  const navigation = useNavigation();
  const searching = navigation.state === "loading" && navigation.location?.pathname === base;
  const pageLink = (page: number) => {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (page > 1) params.set("page", String(page));
    const query = params.toString();
    return query ? `${base}?${query}#stock` : `${base}#stock`;
  };

  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <nav aria-label={t("warehouse.breadcrumb")} className="text-sm">
          <Link to={loaded.listUrl} className="link">
            {t("warehouse.list.title")}
          </Link>
        </nav>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-2xl font-bold">
            {warehouse.city} <span className="text-base font-normal text-slate-600">{warehouse.code}</span>
          </h2>
          <p className="text-sm text-slate-600">{warehouse.name}</p>
        </div>
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {(
            [
              ["inbound", summary.inbound],
              ["skus", summary.skus],
              ["units", summary.units],
              ["reservedUnits", summary.reserved],
            ] as const
          ).map(([key, value]) => (
            <div key={key} className="rounded-md border border-slate-200 bg-white p-3">
              <dt className="text-xs text-slate-600">{t(`warehouse.list.${key}`)}</dt>
              <dd className="text-xl font-semibold tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
      </header>

      <section aria-labelledby="inbound-title" className="space-y-3">
        <h3 id="inbound-title" className="text-xl font-semibold">
          {t("warehouse.inbound.title")}
        </h3>
        {expected.length === 0 ? (
          <p className="card border-dashed text-center text-sm text-slate-700" data-testid="inbound-empty">
            {t("warehouse.inbound.empty")}
          </p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="inbound-table">
              <caption className="sr-only">{t("warehouse.inbound.title")}</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t("warehouse.inbound.reference")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("warehouse.manufacturer")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("warehouse.inbound.expectedOn")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t("warehouse.inbound.cartons")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t("warehouse.inbound.units")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("warehouse.inbound.status")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 bg-white">
                {expected.map((s) => (
                  <tr key={s.id}>
                    <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-mono text-xs">
                      <Link to={`${base}/inbound/${s.id}`} className="link" aria-label={t("warehouse.inbound.receiveNamed", { reference: s.reference })}>
                        {s.reference}
                      </Link>
                    </th>
                    <td className="px-3 py-2">{s.manufacturer}</td>
                    <td className="whitespace-nowrap px-3 py-2">{s.expectedOn}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{s.cartons}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{t("warehouse.inbound.progress", { received: s.receivedUnits, expected: s.expectedUnits })}</td>
                    <td className="px-3 py-2">
                      <InboundStatusBadge status={s.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {received.length > 0 ? (
          <details className="text-sm">
            <summary className="cursor-pointer font-medium text-brand-700">{t("warehouse.inbound.recent")}</summary>
            <ul className="mt-2 space-y-1">
              {received.map((s) => (
                <li key={s.id}>
                  <Link to={`${base}/inbound/${s.id}`} className="link font-mono text-xs">
                    {s.reference}
                  </Link>{" "}
                  · {s.manufacturer} · {s.receivedAt}
                  {s.hasDiscrepancies ? <span className="ml-2 badge bg-red-100 text-red-900">{t("warehouse.inbound.withDiscrepancies")}</span> : null}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="stock-title" className="space-y-3" id="stock">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h3 id="stock-title" className="text-xl font-semibold">
            {t("warehouse.stock.title")}
          </h3>
          <Form method="get" className="flex items-end gap-2" role="search" aria-label={t("warehouse.stock.title")}>
            <div>
              <label htmlFor="stock-q" className="label">
                {t("warehouse.stock.search")}
              </label>
              <input id="stock-q" name="q" type="search" defaultValue={q} className="input" maxLength={80} placeholder={t("warehouse.stock.searchPlaceholder")} />
            </div>
            <button type="submit" className="btn-secondary" disabled={searching} aria-busy={searching}>
              {searching ? t("warehouse.stock.searching") : t("warehouse.stock.searchButton")}
            </button>
          </Form>
        </div>
        <p className="text-sm text-slate-600" aria-live="polite">
          {q ? t("warehouse.stock.resultsFor", { count: stock.total, total: stock.totalLabel, q }) : t("warehouse.stock.results", { count: stock.total, total: stock.totalLabel })}
        </p>
        {stock.rows.length === 0 ? (
          <p className="card border-dashed text-center text-sm text-slate-700" data-testid="stock-empty">
            {q ? t("warehouse.stock.noMatch") : t("warehouse.stock.empty")}
          </p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="stock-table">
              <caption className="sr-only">{t("warehouse.stock.title")}</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t("warehouse.stock.sku")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("warehouse.stock.product")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t("warehouse.stock.onHand")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t("warehouse.stock.reserved")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t("warehouse.stock.available")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("warehouse.stock.updated")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 bg-white">
                {stock.rows.map((r) => (
                  <tr key={r.balanceId} data-testid="stock-row">
                    <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-mono text-xs">
                      <Link to={`${base}/stock/${r.balanceId}`} className="link">
                        {r.sku}
                      </Link>
                    </th>
                    <td className="px-3 py-2">
                      {r.productName}
                      <span className="block text-xs text-slate-600">{r.manufacturer}</span>
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{r.onHand}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{r.reserved}</td>
                    <td className={`px-3 py-2 text-right font-semibold tabular-nums ${r.low ? "text-red-800" : ""}`}>{r.available}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-xs text-slate-600">{r.updatedAt}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {stock.pages > 1 ? (
          <nav aria-label={t("warehouse.stock.pagination")} className="flex items-center justify-between text-sm">
            {stock.page > 1 ? (
              <Link to={pageLink(stock.page - 1)} className="link" rel="prev">
                {t("warehouse.stock.previous")}
              </Link>
            ) : (
              <span />
            )}
            <span className="text-slate-600">{t("warehouse.stock.page", { page: stock.page, pages: stock.pages })}</span>
            {stock.page < stock.pages ? (
              <Link to={pageLink(stock.page + 1)} className="link" rel="next">
                {t("warehouse.stock.next")}
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </section>

      <section aria-labelledby="movements-title" className="space-y-3">
        <h3 id="movements-title" className="text-xl font-semibold">
          {t("warehouse.movements.title")}
        </h3>
        {movements.length === 0 ? (
          <p className="card border-dashed text-center text-sm text-slate-700">{t("warehouse.movements.empty")}</p>
        ) : (
          <div className="rounded-lg border border-slate-200">
            <MovementTable movements={movements} showSku caption={t("warehouse.movements.title")} />
          </div>
        )}
      </section>

      <section aria-labelledby="check-title" className="card space-y-3">
        <h3 id="check-title" className="text-lg font-semibold">
          {t("warehouse.check.title")}
        </h3>
        <p className="text-sm text-slate-600">{t("warehouse.check.intro")}</p>
        <FormError reply={reply} />
        <Form method="post">
          <CsrfInput />
          <IntentButton intent="check" pendingLabel={t("warehouse.check.running")} className="btn-secondary">
            {t("warehouse.check.run")}
          </IntentButton>
        </Form>
        {reply?.ok && reply.mismatches ? (
          reply.mismatches.length === 0 ? (
            <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800" data-testid="check-ok">
              {t("warehouse.check.ok", { count: reply.checkedCount ?? 0, checked: reply.checked })}
            </p>
          ) : (
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="check-mismatches">
              <p className="font-semibold">{t("warehouse.check.mismatches", { count: reply.mismatches.length })}</p>
              <ul className="mt-1 list-disc pl-5">
                {reply.mismatches.map((m) => (
                  <li key={m.key}>{t("warehouse.check.mismatch", { sku: m.sku, balance: m.balance, ledger: m.ledger })}</li>
                ))}
              </ul>
            </div>
          )
        ) : null}
      </section>
    </div>
  );
}
