import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { IntentButton } from "~/components/console/intent-button";
import { CsrfInput, FormSuccess } from "~/components/forms";
import { InboundStatusBadge } from "~/components/inventory/badges";
import { StockByWarehouseChart } from "~/components/inventory/stock-chart";
import { pageTitle } from "~/components/meta";
import { requireManufacturer } from "~/modules/catalog/product-form.server";
import { parseForm } from "~/modules/http/forms.server";
import { notFound } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { formatDate, formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { evaluateStockAlerts, listOpenAlerts } from "~/modules/inventory/alerts.server";
import { warehouseCity } from "~/modules/inventory/cities";
import { listInbound } from "~/modules/inventory/inbound.server";
import { SAFETY_DAYS, setLowStockThreshold, stockInsight, VELOCITY_WINDOW_DAYS, type StockRow } from "~/modules/inventory/insight.server";

export const meta: MetaFunction = (args) => pageTitle(args, "inventory.title");

/** The most urgent rows shown (low first, then fewest days of cover); the ledger has everything. */
const MAX_ROWS = 300;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  const t = serverT(lang);
  const base = `/${lang}/orgs/${context.organization.id}/inventory`;
  const [insight, alerts, onTheWay] = await Promise.all([stockInsight(context.scoped, { lang }), listOpenAlerts(context.scoped), listInbound(context.scoped, { onTheWay: true, take: 10 })]);
  const n = (value: number, digits = 0) => formatNumber(value, lang, { maximumFractionDigits: digits });
  const cities = new Map(insight.warehouses.map((w) => [w.id, warehouseCity(t, w)]));
  const present = (row: StockRow) => {
    const city = cities.get(row.warehouseId) ?? "";
    const s = row.suggestion;
    const query = new URLSearchParams({ warehouseId: row.warehouseId, sku: row.sku, quantity: String(s.quantity), cartons: String(s.cartons) });
    return {
      key: `${row.warehouseId}:${row.variantId}`,
      balanceId: row.balanceId,
      city,
      sku: row.sku,
      productName: row.productName,
      onHand: n(row.onHand),
      reserved: n(row.reserved),
      available: n(row.available),
      inbound: n(row.inbound),
      threshold: row.threshold,
      thresholdLabel: row.threshold === null ? null : n(row.threshold),
      velocity: row.velocity > 0 ? n(row.velocity, 1) : null,
      cover: row.daysOfCover === null ? null : n(row.daysOfCover, row.daysOfCover < 10 ? 1 : 0),
      low: row.low,
      suggestion: s.quantity > 0 ? { quantity: n(s.quantity), cartons: s.cartons, replenishUrl: `${base}/inbound/new?${query}` } : null,
      formula: t("inventory.dashboard.formula", {
        velocity: n(row.velocity, 2),
        production: n(s.productionDays),
        transit: n(s.transitDays),
        safety: n(s.safetyDays),
        target: n(s.target),
        available: n(row.available),
        inbound: n(row.inbound),
        packSize: n(s.packSize),
      }),
      transitNote: s.transitAssumed ? t("inventory.dashboard.transitAssumed", { days: n(s.transitDays) }) : null,
    };
  };
  const rowByKey = new Map(insight.rows.map((r) => [`${r.warehouseId}:${r.variantId}`, r]));
  const totals = insight.warehouses.reduce((sum, w) => ({ onHand: sum.onHand + w.onHand, reserved: sum.reserved + w.reserved, available: sum.available + w.available, inbound: sum.inbound + w.inbound }), { onHand: 0, reserved: 0, available: 0, inbound: 0 });
  return {
    lang,
    base,
    summary: { onHand: n(totals.onHand), reserved: n(totals.reserved), available: n(totals.available), inbound: n(totals.inbound), alerts: alerts.length },
    bars: insight.warehouses.map((w) => ({
      id: w.id,
      city: cities.get(w.id) ?? w.city,
      code: w.code,
      available: w.available,
      reserved: w.reserved,
      inbound: w.inbound,
      labels: { available: n(w.available), reserved: n(w.reserved), inbound: n(w.inbound), onHand: n(w.onHand) },
    })),
    onTheWay: onTheWay.map((s) => ({
      id: s.id,
      reference: s.reference,
      status: s.status,
      city: warehouseCity(t, s.warehouse),
      expected: formatDate(s.expectedOn, lang, { dateStyle: "medium", timeZone: "UTC" }),
      units: n(s.expectedUnits - s.receivedUnits),
      cartons: n(s.cartons),
    })),
    alerts: alerts.flatMap((alert) => {
      const row = rowByKey.get(`${alert.warehouseId}:${alert.variantId}`);
      return row ? [{ id: alert.id, since: formatDate(alert.createdAt, lang), ...present(row) }] : [];
    }),
    rows: insight.rows.slice(0, MAX_ROWS).map(present),
    truncated: insight.rows.length > MAX_ROWS ? MAX_ROWS : null,
    how: { window: VELOCITY_WINDOW_DAYS, safety: SAFETY_DAYS },
  };
}

const ThresholdSchema = z.object({
  intent: z.literal("threshold"),
  balanceId: z.uuid(),
  threshold: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z.coerce.number("inventory.validation.wholeNumber").int("inventory.validation.wholeNumber").min(0, "inventory.validation.notNegative").max(1_000_000, "inventory.validation.tooLarge").nullable(),
  ),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  const checked = await parseForm(request, ThresholdSchema, lang);
  if (!checked.ok) return checked.reply;
  if (!(await setLowStockThreshold(context.scoped, checked.data.balanceId, checked.data.threshold))) notFound();
  // Open or resolve the alert now, rather than at the worker's next run.
  await evaluateStockAlerts({ organizationId: context.organization.id });
  return { ok: true as const, intent: "threshold", balanceId: checked.data.balanceId };
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type Row = Loaded["rows"][number];
type Reply = { ok?: boolean; balanceId?: string; fieldErrors?: Record<string, string>; values?: Record<string, string>; formError?: string };

export default function InventoryDashboard() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const { summary } = loaded;
  return (
    <div className="space-y-8">
      <header>
        <h2 className="text-2xl font-bold">{t("inventory.title")}</h2>
        <p className="mt-1 text-sm text-slate-600">{t("inventory.intro")}</p>
      </header>
      {reply?.ok ? <FormSuccess>{t("inventory.dashboard.threshold.saved")}</FormSuccess> : null}
      {reply && !reply.ok && reply.formError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {reply.formError}
        </p>
      ) : null}

      <section aria-label={t("inventory.dashboard.summary")} className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Figure label={t("inventory.dashboard.available")} value={summary.available} testId="total-available" />
        <Figure label={t("inventory.dashboard.reserved")} value={summary.reserved} testId="total-reserved" />
        <Figure label={t("inventory.dashboard.inbound")} value={summary.inbound} testId="total-inbound" />
        <Figure label={t("inventory.dashboard.openAlerts")} value={String(summary.alerts)} testId="open-alerts" alert={summary.alerts > 0} />
      </section>

      <div className="grid gap-6 lg:grid-cols-5">
        <section className="card lg:col-span-3">
          {loaded.bars.length > 0 ? (
            <StockByWarehouseChart bars={loaded.bars} />
          ) : (
            <>
              <h3 className="text-lg font-semibold">{t("inventory.dashboard.chartTitle")}</h3>
              <p className="mt-3 rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-700" data-testid="stock-empty">
                {t("inventory.dashboard.chartEmpty")}
              </p>
            </>
          )}
        </section>
        <section className="card lg:col-span-2" aria-labelledby="on-the-way">
          <h3 id="on-the-way" className="text-lg font-semibold">
            {t("inventory.dashboard.onTheWayTitle")}
          </h3>
          {loaded.onTheWay.length === 0 ? (
            <p className="mt-3 text-sm text-slate-600">{t("inventory.dashboard.onTheWayEmpty")}</p>
          ) : (
            <ul className="mt-3 divide-y divide-slate-100" data-testid="on-the-way">
              {loaded.onTheWay.map((s) => (
                <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <div className="min-w-0">
                    <Link to={`${loaded.base}/inbound/${s.id}`} className="link font-mono text-sm">
                      {s.reference}
                    </Link>
                    <p className="text-xs text-slate-600">
                      {s.city} · {t("inventory.dashboard.expected", { date: s.expected })} · {s.units} {t("inventory.dashboard.units")}
                    </p>
                  </div>
                  <InboundStatusBadge status={s.status} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="alerts-title" className="space-y-3">
        <h3 id="alerts-title" className="text-lg font-semibold">
          {t("inventory.dashboard.alertsTitle")}
        </h3>
        <p className="text-sm text-slate-600">{t("inventory.dashboard.alertsIntro")}</p>
        {loaded.alerts.length === 0 ? (
          <p className="card text-sm text-slate-700" data-testid="alerts-empty">
            {t("inventory.dashboard.alertsEmpty")}
          </p>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2" data-testid="alerts">
            {loaded.alerts.map((a) => (
              <li key={a.id} className="rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="alert">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="font-semibold">
                    <span className="font-mono">{a.sku}</span> · {a.city}
                  </p>
                  <span className="text-xs text-amber-900">{t("inventory.dashboard.alertSince", { date: a.since })}</span>
                </div>
                <p className="text-sm text-slate-700">{a.productName}</p>
                <dl className="mt-2 grid grid-cols-3 gap-2 text-sm">
                  <div>
                    <dt className="text-xs text-slate-600">{t("inventory.dashboard.columns.available")}</dt>
                    <dd className="font-semibold">
                      {a.available} <span className="font-normal text-slate-600">/ {a.thresholdLabel}</span>
                    </dd>
                  </div>
                  <div>
                    <dt className="text-xs text-slate-600">{t("inventory.dashboard.columns.cover")}</dt>
                    <dd className="font-semibold">{a.cover ?? t("inventory.dashboard.noSales")}</dd>
                  </div>
                  <div>
                    <dt className="text-xs text-slate-600">{t("inventory.dashboard.columns.suggestion")}</dt>
                    <dd className="font-semibold">{a.suggestion ? `${a.suggestion.quantity} · ${t("inventory.dashboard.cartons", { count: a.suggestion.cartons })}` : t("inventory.dashboard.nothingToSend")}</dd>
                  </div>
                </dl>
                <p className="mt-2 text-xs text-slate-700">{a.formula}</p>
                {a.transitNote ? <p className="text-xs text-slate-700">{a.transitNote}</p> : null}
                {a.suggestion ? (
                  <p className="mt-3">
                    <Link to={a.suggestion.replenishUrl} className="btn-secondary px-3 py-1 text-xs" aria-label={t("inventory.dashboard.replenishLabel", { sku: a.sku, city: a.city })}>
                      {t("inventory.dashboard.replenish")}
                    </Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="stock-title" className="space-y-3">
        <h3 id="stock-title" className="text-lg font-semibold">
          {t("inventory.dashboard.stockTitle")}
        </h3>
        {loaded.rows.length === 0 ? (
          <p className="card border-dashed text-center text-sm text-slate-700">{t("inventory.dashboard.stockEmpty")}</p>
        ) : (
          <>
            <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
              <table className="min-w-full text-sm" data-testid="stock-table">
                <caption className="sr-only">{t("inventory.dashboard.stockTitle")}</caption>
                <thead className="bg-slate-50 text-left text-xs text-slate-600">
                  <tr>
                    {(["sku", "warehouse", "onHand", "available", "inbound", "velocity", "cover", "threshold", "suggestion"] as const).map((c) => (
                      <th key={c} scope="col" className={`px-2 py-2 font-medium ${NUMERIC.has(c) ? "text-right" : ""}`}>
                        {t(`inventory.dashboard.columns.${c}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {loaded.rows.map((row) => (
                    <StockTableRow key={row.key} row={row} reply={reply?.balanceId === row.balanceId || reply?.values?.balanceId === row.balanceId ? reply : undefined} />
                  ))}
                </tbody>
              </table>
            </div>
            {loaded.truncated ? <p className="text-xs text-slate-600">{t("inventory.dashboard.truncated", { count: loaded.truncated })}</p> : null}
          </>
        )}
        <details className="card text-sm">
          <summary className="cursor-pointer font-medium text-brand-700">{t("inventory.dashboard.howTitle")}</summary>
          <p className="mt-2 text-slate-700">{t("inventory.dashboard.howBody", loaded.how)}</p>
        </details>
      </section>
    </div>
  );
}

const NUMERIC = new Set(["onHand", "available", "inbound", "velocity", "cover"]);

function Figure({ label, value, testId, alert }: { label: string; value: string; testId: string; alert?: boolean }) {
  return (
    <div className={`rounded-lg border p-4 shadow-sm ${alert ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}>
      <p className="text-xs text-slate-600">{label}</p>
      <p className="mt-1 text-2xl font-bold" data-testid={testId}>
        {value}
      </p>
    </div>
  );
}

function StockTableRow({ row, reply }: { row: Row; reply?: Reply }) {
  const { t } = useTranslation();
  const error = reply && !reply.ok ? reply.fieldErrors?.threshold : undefined;
  const typed = reply && !reply.ok ? reply.values?.threshold : undefined;
  const inputId = `threshold-${row.key.replace(/:/g, "-")}`;
  return (
    <tr className={`align-top ${row.low ? "bg-amber-50" : ""}`} data-testid="stock-row" data-low={row.low ? "true" : undefined}>
      <td className="px-2 py-2">
        <p className="font-mono text-xs font-semibold">{row.sku}</p>
        <p className="max-w-[11rem] truncate text-xs text-slate-600" title={row.productName}>
          {row.productName}
        </p>
      </td>
      <td className="whitespace-nowrap px-2 py-2">{row.city}</td>
      <td className="px-2 py-2 text-right tabular-nums">
        {row.onHand}
        <p className="whitespace-nowrap text-[11px] text-slate-500">
          {t("inventory.dashboard.columns.reserved")} {row.reserved}
        </p>
      </td>
      <td className={`px-2 py-2 text-right font-semibold tabular-nums ${row.low ? "text-amber-900" : ""}`}>{row.available}</td>
      <td className="px-2 py-2 text-right tabular-nums">{row.inbound}</td>
      <td className="px-2 py-2 text-right tabular-nums">{row.velocity ?? <span className="whitespace-nowrap text-xs text-slate-500">{t("inventory.dashboard.noSales")}</span>}</td>
      <td className="px-2 py-2 text-right tabular-nums">{row.cover ?? "—"}</td>
      <td className="px-2 py-2">
        {row.balanceId ? (
          <Form method="post" className="flex items-start gap-1" replace preventScrollReset>
            <CsrfInput />
            <input type="hidden" name="balanceId" value={row.balanceId} />
            <label htmlFor={inputId} className="sr-only">
              {t("inventory.dashboard.threshold.label", { sku: row.sku, city: row.city })}
            </label>
            <div>
              <input
                id={inputId}
                name="threshold"
                type="number"
                min={0}
                step={1}
                inputMode="numeric"
                defaultValue={typed ?? (row.threshold === null ? "" : String(row.threshold))}
                placeholder="—"
                className="input w-16 px-2 py-1"
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${inputId}-error` : `${inputId}-hint`}
              />
              {error ? (
                <p id={`${inputId}-error`} className="mt-1 text-xs text-red-700">
                  {error}
                </p>
              ) : (
                <p id={`${inputId}-hint`} className="sr-only">
                  {t("inventory.dashboard.threshold.hint")}
                </p>
              )}
            </div>
            <IntentButton intent="threshold" match={{ balanceId: row.balanceId }} pendingLabel={t("inventory.dashboard.threshold.saving")} className="btn-secondary whitespace-nowrap px-2 py-1 text-xs">
              {t("inventory.dashboard.threshold.save")}
            </IntentButton>
          </Form>
        ) : (
          <span className="text-xs text-slate-500">{t("inventory.dashboard.threshold.noBalance")}</span>
        )}
      </td>
      <td className="min-w-[9rem] px-2 py-2">
        {row.suggestion ? (
          <p className="font-semibold">
            {row.suggestion.quantity} <span className="font-normal text-slate-600">· {t("inventory.dashboard.cartons", { count: row.suggestion.cartons })}</span>
          </p>
        ) : (
          <p className="text-slate-600">{t("inventory.dashboard.nothingToSend")}</p>
        )}
        <details className="text-xs">
          <summary className="cursor-pointer text-brand-700">{t("inventory.dashboard.formulaToggle")}</summary>
          <p className="mt-1 max-w-xs leading-snug text-slate-700">{row.formula}</p>
          {row.transitNote ? <p className="mt-1 max-w-xs text-slate-700">{row.transitNote}</p> : null}
        </details>
      </td>
    </tr>
  );
}
