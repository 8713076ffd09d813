import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ShipmentListRows, ShipmentStatusCounts } from "~/components/logistics/shipment-list";
import { useShipmentListLive } from "~/components/logistics/shipment-list-live";
import { pageTitle } from "~/components/meta";
import { requireLang } from "~/modules/i18n/config";
import { SHIPMENT_KINDS, parseShipmentListFilter, shipmentListQuery } from "~/modules/logistics/shipment-list";
import { listShipments, liveRoomsOf, requireShipmentListViewer } from "~/modules/logistics/shipment-list.server";

export const meta: MetaFunction = (args) => pageTitle(args, "logistics.shipmentList.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const viewer = await requireShipmentListViewer(request, lang);
  const { filter, ignored } = parseShipmentListFilter(new URL(request.url).searchParams);
  const list = await listShipments(viewer, filter, lang);
  const base = `/${lang}/shipments`;
  return {
    lang,
    base,
    kind: viewer.kind,
    live: liveRoomsOf(viewer),
    filter: { ...filter, page: list.page },
    ignored: ignored.length > 0,
    ...list,
    previous: list.page > 1 ? `${base}${shipmentListQuery(filter, { page: list.page - 1 })}` : null,
    next: list.page < list.pages ? `${base}${shipmentListQuery(filter, { page: list.page + 1 })}` : null,
  };
}

export default function Shipments() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { filter, base, kind } = data;
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location?.pathname === base;
  const refreshes = useShipmentListLive(data.live);
  const filtered = Boolean(filter.group || filter.kind || filter.lateOnly || filter.exceptionOnly || filter.country || filter.q);
  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <header>
        <h1 className="text-2xl font-bold">{t("logistics.shipmentList.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t(`logistics.shipmentList.intro.${kind}`)}</p>
        <p className="mt-1 text-xs text-slate-500">{t("logistics.shipmentList.live")}</p>
      </header>

      <ShipmentStatusCounts base={base} filter={filter} counts={data.counts} />

      <Form method="get" className="card grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-4 lg:items-end" role="search" aria-label={t("logistics.shipmentList.filters.label")}>
        {/* The chips choose the status group; the form keeps it when other filters change. */}
        {filter.group ? <input type="hidden" name="group" value={filter.group} /> : null}
        <div>
          <label htmlFor="shipments-q" className="label">
            {t("logistics.shipmentList.filters.q")}
          </label>
          <input id="shipments-q" name="q" defaultValue={filter.q ?? ""} className="input font-mono" autoComplete="off" maxLength={40} placeholder="SHP-2026-000123" />
        </div>
        <div>
          <label htmlFor="shipments-kind" className="label">
            {t("logistics.shipmentList.filters.kind")}
          </label>
          <select id="shipments-kind" name="kind" defaultValue={filter.kind ?? ""} className="input">
            <option value="">{t("logistics.shipmentList.filters.any")}</option>
            {SHIPMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`logistics.shipmentList.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="shipments-country" className="label">
            {t("logistics.shipmentList.filters.country")}
          </label>
          <select id="shipments-country" name="country" defaultValue={filter.country ?? ""} className="input">
            <option value="">{t("logistics.shipmentList.filters.any")}</option>
            {data.countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1 text-sm">
          <label className="inline-flex items-center gap-2">
            <input type="checkbox" name="late" value="1" defaultChecked={Boolean(filter.lateOnly)} className="h-4 w-4" />
            {t("logistics.shipmentList.filters.late")}
          </label>
          <label className="inline-flex items-center gap-2">
            <input type="checkbox" name="exception" value="1" defaultChecked={Boolean(filter.exceptionOnly)} className="h-4 w-4" />
            {t("logistics.shipmentList.filters.exception")}
          </label>
        </div>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4">
          <button type="submit" className="btn-primary" aria-busy={loading}>
            {t("logistics.shipmentList.filters.apply")}
          </button>
          {filtered ? (
            <Link to={base} className="link text-sm">
              {t("logistics.shipmentList.filters.clear")}
            </Link>
          ) : null}
          <span className="text-sm text-slate-600" data-testid="shipments-total">
            {t("logistics.shipmentList.total", { count: data.counts.matching })}
          </span>
        </div>
      </Form>

      {data.ignored ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
          {t("logistics.shipmentList.filters.ignored")}
        </p>
      ) : null}

      <p className="sr-only" role="status" aria-live="polite">
        {loading ? t("logistics.shipmentList.loading") : refreshes > 0 ? t("logistics.shipmentList.refreshed") : ""}
      </p>

      {data.rows.length === 0 ? (
        <p className="card text-center text-sm text-slate-700" data-testid="shipments-empty">
          {filtered ? t("logistics.shipmentList.empty.filtered") : t(`logistics.shipmentList.empty.${kind}`)}
        </p>
      ) : (
        <div className={loading ? "opacity-60 transition-opacity" : ""} aria-busy={loading}>
          {loading ? <p className="mb-2 text-sm text-slate-600">{t("logistics.shipmentList.loading")}</p> : null}
          <ShipmentListRows rows={data.rows} lang={data.lang} showParties />
        </div>
      )}

      {data.pages > 1 ? (
        <nav className="flex flex-wrap items-center justify-between gap-4" aria-label={t("logistics.shipmentList.pages.label")}>
          {data.previous ? (
            <Link to={data.previous} className="btn-secondary" rel="prev">
              {t("logistics.shipmentList.pages.previous")}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-sm text-slate-600">{t("logistics.shipmentList.pages.position", { page: data.page, pages: data.pages })}</span>
          {data.next ? (
            <Link to={data.next} className="btn-secondary" rel="next">
              {t("logistics.shipmentList.pages.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
