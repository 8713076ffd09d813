import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MovementKindBadge } from "~/components/inventory/badges";
import { pageTitle } from "~/components/meta";
import { requireManufacturer } from "~/modules/catalog/product-form.server";
import { requireLang } from "~/modules/i18n/config";
import { formatDate, formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { warehouseCity } from "~/modules/inventory/cities";
import { inboundWarehouses, skuOptions } from "~/modules/inventory/inbound.server";
import { ledgerFilterFrom, ledgerQuery, listLedger } from "~/modules/inventory/ledger-export.server";

export const meta: MetaFunction = (args) => pageTitle(args, "inventory.ledger.title");

const PAGE = 50;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  const t = serverT(lang);
  const url = new URL(request.url);
  const filter = ledgerFilterFrom(url.searchParams);
  const cursor = url.searchParams.get("cursor");
  const [page, warehouses, skus] = await Promise.all([listLedger(context.scoped, filter, { lang, cursor, take: PAGE }), inboundWarehouses(), skuOptions(context.scoped, lang)]);
  const signed = (value: number) => (value === 0 ? "0" : formatNumber(value, lang, { signDisplay: "always" }));
  const base = `/${lang}/orgs/${context.organization.id}/inventory`;
  return {
    base,
    filter,
    query: ledgerQuery(filter),
    newer: cursor ? `${base}/ledger${ledgerQuery(filter)}` : null,
    older: page.nextCursor ? `${base}/ledger${ledgerQuery(filter, { cursor: page.nextCursor })}` : null,
    warehouses: warehouses.map((w) => ({ value: w.id, label: `${warehouseCity(t, w)} (${w.code})` })),
    skus: skus.map((s) => ({ sku: s.sku, label: s.label })),
    entries: page.entries.map((e) => ({
      id: e.id,
      date: formatDate(e.createdAt, lang, { dateStyle: "short", timeStyle: "short" }),
      kind: e.kind,
      city: e.warehouse.code ? warehouseCity(t, e.warehouse) : "",
      code: e.warehouse.code,
      sku: e.sku,
      productName: e.productName,
      onHandDelta: signed(e.onHandDelta),
      reservedDelta: signed(e.reservedDelta),
      onHandAfter: formatNumber(e.onHandAfter, lang),
      reservedAfter: formatNumber(e.reservedAfter, lang),
      reason: e.reason,
      reference: e.reference,
      user: e.user,
    })),
  };
}

const KINDS = ["RECEIPT", "RESERVATION", "RELEASE", "PICK", "SHIPMENT", "ADJUSTMENT", "TRANSFER_OUT", "TRANSFER_IN", "CYCLE_COUNT"] as const;

export default function Ledger() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const { filter, base } = loaded;
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location?.pathname === `${base}/ledger`;
  const filtered = Object.values(filter).some(Boolean);
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 className="text-2xl font-bold">{t("inventory.ledger.title")}</h2>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("inventory.ledger.intro")}</p>
        </div>
        <div className="text-right">
          <a href={`${base}/ledger.csv${loaded.query}`} className="btn-secondary" download data-testid="ledger-export">
            {t("inventory.ledger.export")}
          </a>
          <p className="mt-1 max-w-[16rem] text-xs text-slate-600">{t("inventory.ledger.exportHint")}</p>
        </div>
      </header>

      <Form method="get" className="card grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-6 lg:items-end" role="search" aria-label={t("inventory.ledger.filters.label")}>
        <datalist id="ledger-skus">
          {loaded.skus.map((s) => (
            <option key={s.sku} value={s.sku}>
              {s.label}
            </option>
          ))}
        </datalist>
        <div className="lg:col-span-2">
          <label htmlFor="ledger-sku" className="label">
            {t("inventory.ledger.filters.sku")}
          </label>
          <input id="ledger-sku" name="sku" list="ledger-skus" defaultValue={filter.sku ?? ""} className="input font-mono" autoComplete="off" maxLength={64} />
        </div>
        <div>
          <label htmlFor="ledger-warehouse" className="label">
            {t("inventory.ledger.filters.warehouse")}
          </label>
          <select id="ledger-warehouse" name="warehouseId" defaultValue={filter.warehouseId ?? ""} className="input">
            <option value="">{t("inventory.ledger.filters.any")}</option>
            {loaded.warehouses.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="ledger-kind" className="label">
            {t("inventory.ledger.filters.kind")}
          </label>
          <select id="ledger-kind" name="kind" defaultValue={filter.kind ?? ""} className="input">
            <option value="">{t("inventory.ledger.filters.any")}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`inventory.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="ledger-from" className="label">
            {t("inventory.ledger.filters.from")}
          </label>
          <input id="ledger-from" name="from" type="date" defaultValue={filter.from ?? ""} className="input" />
        </div>
        <div>
          <label htmlFor="ledger-to" className="label">
            {t("inventory.ledger.filters.to")}
          </label>
          <input id="ledger-to" name="to" type="date" defaultValue={filter.to ?? ""} className="input" />
        </div>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-6">
          <button type="submit" className="btn-primary" aria-busy={loading}>
            {t("inventory.ledger.filters.apply")}
          </button>
          {filtered ? (
            <Link to={`${base}/ledger`} className="link text-sm">
              {t("inventory.ledger.filters.clear")}
            </Link>
          ) : null}
        </div>
      </Form>

      {loaded.entries.length === 0 ? (
        <p className="card text-center text-sm text-slate-700" data-testid="ledger-empty">
          {t("inventory.ledger.empty")}
        </p>
      ) : (
        <div className={`relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm ${loading ? "opacity-60" : ""}`}>
          <table className="min-w-full text-sm" data-testid="ledger">
            <caption className="sr-only">{t("inventory.ledger.title")}</caption>
            <thead className="bg-slate-50 text-left text-xs text-slate-600">
              <tr>
                <th scope="col" className="px-2 py-2 font-medium">
                  {t("inventory.ledger.columns.date")}
                </th>
                <th scope="col" className="px-2 py-2 font-medium">
                  {t("inventory.ledger.columns.kind")}
                </th>
                <th scope="col" className="px-2 py-2 font-medium">
                  {t("inventory.ledger.columns.sku")}
                </th>
                <th scope="col" className="px-2 py-2 font-medium">
                  {t("inventory.ledger.columns.warehouse")}
                </th>
                {(["onHandDelta", "reservedDelta", "onHandAfter", "reservedAfter"] as const).map((c) => (
                  <th key={c} scope="col" className="px-2 py-2 text-right font-medium">
                    {t(`inventory.ledger.columns.${c}`)}
                  </th>
                ))}
                <th scope="col" className="px-2 py-2 font-medium">
                  {t("inventory.ledger.columns.reason")} · {t("inventory.ledger.columns.reference")} · {t("inventory.ledger.columns.user")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {loaded.entries.map((e) => (
                <tr key={e.id} className="align-top" data-testid="ledger-row">
                  <td className="whitespace-nowrap px-2 py-2 text-slate-700">{e.date}</td>
                  <td className="px-2 py-2">
                    <MovementKindBadge kind={e.kind} />
                  </td>
                  <td className="px-2 py-2">
                    <p className="font-mono text-xs font-semibold">{e.sku}</p>
                    <p className="max-w-[10rem] truncate text-xs text-slate-600" title={e.productName}>
                      {e.productName}
                    </p>
                  </td>
                  <td className="whitespace-nowrap px-2 py-2">
                    {e.city} <span className="font-mono text-xs text-slate-500">{e.code}</span>
                  </td>
                  <td className={`px-2 py-2 text-right tabular-nums ${e.onHandDelta.startsWith("-") || e.onHandDelta.startsWith("−") ? "text-red-700" : ""}`}>{e.onHandDelta}</td>
                  <td className="px-2 py-2 text-right tabular-nums">{e.reservedDelta}</td>
                  <td className="px-2 py-2 text-right tabular-nums">{e.onHandAfter}</td>
                  <td className="px-2 py-2 text-right tabular-nums">{e.reservedAfter}</td>
                  <td className="min-w-[12rem] max-w-[18rem] px-2 py-2 text-xs text-slate-700">
                    {e.reason ? <p className="break-words">{e.reason}</p> : null}
                    {e.reference ? <p className="break-all font-mono text-slate-500">{e.reference}</p> : null}
                    {e.user ? <p className="text-slate-500">{e.user}</p> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {loaded.newer || loaded.older ? (
        <nav className="flex items-center justify-between text-sm" aria-label={t("inventory.ledger.title")}>
          {loaded.newer ? (
            <Link to={loaded.newer} className="btn-secondary">
              ← {t("inventory.ledger.newest")}
            </Link>
          ) : (
            <span />
          )}
          {loaded.older ? (
            <Link to={loaded.older} className="btn-secondary" rel="next">
              {t("inventory.ledger.older")} →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
