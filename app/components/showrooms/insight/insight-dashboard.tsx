import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DailyChart, FunnelChart } from "./funnel-chart";

export const INSIGHT_METRICS = ["visits", "scans", "leads", "rfqs", "orders"] as const;

export interface InsightRowView {
  key: string;
  label: string;
  counts: Record<(typeof INSIGHT_METRICS)[number], string>;
  raw: Record<(typeof INSIGHT_METRICS)[number], number>;
  leadToOrder: string;
}

export interface InsightView {
  title: string;
  intro: string;
  csvHref: string;
  query: { from: string; to: string; storefrontId: string | null; eventId: string | null };
  storefronts: { value: string; label: string }[];
  events: { value: string; label: string }[];
  funnel: { stage: string; count: string; raw: number; fromPrevious: string; fromTop: string }[];
  leadToOrder: string;
  tables: { id: string; title: string; rows: InsightRowView[] }[];
  byDay: InsightRowView[];
  empty: boolean;
}

function BreakdownTable({ id, title, rows }: { id: string; title: string; rows: InsightRowView[] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <section className="card mt-6 p-4 sm:p-6" aria-labelledby={`insight-${id}`}>
      <h2 id={`insight-${id}`} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full min-w-[32rem] text-sm" data-testid={`insight-${id}`}>
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-600">
              <th scope="col" className="py-2 pr-3 font-medium">
                {t("showrooms.insight.name")}
              </th>
              {INSIGHT_METRICS.map((m) => (
                <th key={m} scope="col" className="px-2 py-2 text-right font-medium">
                  {t(`showrooms.insight.metrics.${m}`)}
                </th>
              ))}
              <th scope="col" className="py-2 pl-2 text-right font-medium">
                {t("showrooms.insight.leadToOrder")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className="border-b border-slate-100 last:border-0">
                <th scope="row" className="py-2 pr-3 text-left font-normal">
                  {row.label}
                </th>
                {INSIGHT_METRICS.map((m) => (
                  <td key={m} className="px-2 py-2 text-right tabular-nums">
                    {row.counts[m]}
                  </td>
                ))}
                <td className="py-2 pl-2 text-right tabular-nums">{row.leadToOrder}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The insight page for an operator or a manufacturer: filters, the funnel (chart and table), breakdowns, CSV. */
export function InsightDashboard({ view }: { view: InsightView }) {
  const { t } = useTranslation();
  const dayRows = view.byDay.map((d) => ({ day: d.label, visits: d.raw.visits, scans: d.raw.scans, leads: d.raw.leads }));
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold sm:text-3xl">{view.title}</h1>
          <p className="mt-1 text-slate-700">{view.intro}</p>
          <p className="mt-1 text-sm text-slate-600">{t("showrooms.insight.privacy")}</p>
        </div>
        <a href={view.csvHref} className="btn-secondary" download>
          {t("showrooms.insight.download")}
        </a>
      </div>

      <Form method="get" className="mt-6 grid gap-3 sm:flex sm:flex-wrap sm:items-end">
        <div>
          <label htmlFor="insight-from" className="label">
            {t("showrooms.insight.from")}
          </label>
          <input id="insight-from" type="date" name="from" defaultValue={view.query.from} className="input" />
        </div>
        <div>
          <label htmlFor="insight-to" className="label">
            {t("showrooms.insight.to")}
          </label>
          <input id="insight-to" type="date" name="to" defaultValue={view.query.to} className="input" />
        </div>
        <div className="min-w-0">
          <label htmlFor="insight-storefront" className="label">
            {t("showrooms.insight.storefront")}
          </label>
          <select id="insight-storefront" name="storefront" defaultValue={view.query.storefrontId ?? ""} className="input max-w-full">
            <option value="">{t("showrooms.insight.all")}</option>
            {view.storefronts.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-0">
          <label htmlFor="insight-event" className="label">
            {t("showrooms.insight.event")}
          </label>
          <select id="insight-event" name="event" defaultValue={view.query.eventId ?? ""} className="input max-w-full">
            <option value="">{t("showrooms.insight.all")}</option>
            {view.events.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-primary">
          {t("showrooms.insight.apply")}
        </button>
      </Form>

      {view.storefronts.length === 0 ? <p className="card mt-6">{t("showrooms.insight.noStorefronts")}</p> : null}
      {view.empty && view.storefronts.length > 0 ? <p className="card mt-6 text-slate-700">{t("showrooms.insight.empty")}</p> : null}

      <section className="card mt-6 p-4 sm:p-6" aria-labelledby="insight-funnel">
        <h2 id="insight-funnel" className="text-lg font-semibold">
          {t("showrooms.insight.funnel")}
        </h2>
        <div className="mt-3 grid gap-6 lg:grid-cols-2">
          <FunnelChart stages={view.funnel.map((s) => ({ name: t(`showrooms.insight.stages.${s.stage}`), count: s.raw }))} label={t("showrooms.insight.chartLabel")} />
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="insight-funnel-table">
              <thead>
                <tr className="border-b border-slate-200 text-left text-slate-600">
                  <th scope="col" className="py-2 pr-3 font-medium">
                    {t("showrooms.insight.stage")}
                  </th>
                  <th scope="col" className="px-2 py-2 text-right font-medium">
                    {t("showrooms.insight.count")}
                  </th>
                  <th scope="col" className="px-2 py-2 text-right font-medium">
                    {t("showrooms.insight.fromPrevious")}
                  </th>
                  <th scope="col" className="py-2 pl-2 text-right font-medium">
                    {t("showrooms.insight.fromTop")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.funnel.map((s) => (
                  <tr key={s.stage} className="border-b border-slate-100 last:border-0" data-stage={s.stage}>
                    <th scope="row" className="py-2 pr-3 text-left font-normal">
                      {t(`showrooms.insight.stages.${s.stage}`)}
                    </th>
                    <td className="px-2 py-2 text-right tabular-nums">{s.count}</td>
                    <td className="px-2 py-2 text-right tabular-nums">{s.fromPrevious}</td>
                    <td className="py-2 pl-2 text-right tabular-nums">{s.fromTop}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-3 text-sm">
              {t("showrooms.insight.leadToOrder")}: <strong>{view.leadToOrder}</strong>
            </p>
          </div>
        </div>
      </section>

      {view.tables.map((table) => (
        <BreakdownTable key={table.id} id={table.id} title={table.title} rows={table.rows} />
      ))}

      <section className="card mt-6 p-4 sm:p-6" aria-labelledby="insight-days">
        <h2 id="insight-days" className="text-lg font-semibold">
          {t("showrooms.insight.byDay")}
        </h2>
        <DailyChart
          days={dayRows}
          series={[
            { key: "visits", name: t("showrooms.insight.metrics.visits"), color: "#0f766e" },
            { key: "scans", name: t("showrooms.insight.metrics.scans"), color: "#b45309" },
            { key: "leads", name: t("showrooms.insight.metrics.leads"), color: "#1d4ed8" },
          ]}
          label={t("showrooms.insight.dayChartLabel")}
        />
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-medium">{t("showrooms.insight.byDay")}</summary>
          <BreakdownTable id="days" title={t("showrooms.insight.byDay")} rows={view.byDay.filter((d) => INSIGHT_METRICS.some((m) => d.raw[m] > 0))} />
        </details>
      </section>
    </div>
  );
}
