import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/components/meta";
import { OrderStatusBadge } from "~/components/orders/order-status-badge";
import { requireLang } from "~/modules/i18n/config";
import { presentOrderList } from "~/modules/ordering/order-presenter.server";
import { ORDER_STATUSES } from "~/modules/ordering/order-state";
import { counterparts, listOrders, orderFilterFrom, orderFilterQuery, requireOrdersViewer } from "~/modules/ordering/orders.server";

export const meta: MetaFunction = (args) => pageTitle(args, "orders.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const viewer = await requireOrdersViewer(request, lang);
  const url = new URL(request.url);
  const filter = orderFilterFrom(url.searchParams);
  const cursor = url.searchParams.get("cursor");
  const [page, parties] = await Promise.all([listOrders(viewer, filter, { cursor }), counterparts(viewer)]);
  const base = `/${lang}/orders`;
  return {
    kind: viewer.kind,
    base,
    filter,
    parties,
    orders: await presentOrderList(viewer, page.rows),
    newest: cursor ? `${base}${orderFilterQuery(filter)}` : null,
    older: page.nextCursor ? `${base}${orderFilterQuery(filter, { cursor: page.nextCursor })}` : null,
  };
}

export default function Orders() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const { filter, kind, base } = loaded;
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location?.pathname === base;
  const filtered = Object.values(filter).some(Boolean);
  const partyLabel = kind === "BUYER" ? t("orders.filters.manufacturer") : kind === "MANUFACTURER" ? t("orders.filters.buyer") : t("orders.filters.party");
  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <header>
        <h1 className="text-2xl font-bold">{t("orders.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t(`orders.intro.${kind}`)}</p>
      </header>

      <Form method="get" className="card grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" role="search" aria-label={t("orders.filters.label")}>
        <div>
          <label htmlFor="orders-q" className="label">
            {t("orders.filters.q")}
          </label>
          <input id="orders-q" name="q" defaultValue={filter.q ?? ""} className="input font-mono" autoComplete="off" maxLength={30} placeholder="PO-2026-000123" />
        </div>
        <div>
          <label htmlFor="orders-status" className="label">
            {t("orders.filters.status")}
          </label>
          <select id="orders-status" name="status" defaultValue={filter.status ?? ""} className="input">
            <option value="">{t("orders.filters.any")}</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`orders.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {loaded.parties.length > 0 ? (
          <div>
            <label htmlFor="orders-party" className="label">
              {partyLabel}
            </label>
            <select id="orders-party" name="party" defaultValue={filter.partyId ?? ""} className="input">
              <option value="">{t("orders.filters.any")}</option>
              {loaded.parties.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="orders-from" className="label">
            {t("orders.filters.from")}
          </label>
          <input id="orders-from" name="from" type="date" defaultValue={filter.from ?? ""} className="input" />
        </div>
        <div>
          <label htmlFor="orders-to" className="label">
            {t("orders.filters.to")}
          </label>
          <input id="orders-to" name="to" type="date" defaultValue={filter.to ?? ""} className="input" />
        </div>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-5">
          <button type="submit" className="btn-primary" aria-busy={loading}>
            {t("orders.filters.apply")}
          </button>
          {filtered ? (
            <Link to={base} className="link text-sm">
              {t("orders.filters.clear")}
            </Link>
          ) : null}
        </div>
      </Form>

      {loaded.orders.length === 0 ? (
        <p className="card text-center text-sm text-slate-700" data-testid="orders-empty">
          {filtered ? t("orders.empty.filtered") : t(`orders.empty.${kind}`)}
        </p>
      ) : (
        <div className={loading ? "opacity-60" : ""}>
          {/* A table from a tablet up; cards on a phone. */}
          <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm md:block">
            <table className="min-w-full text-sm" data-testid="orders-table">
              <caption className="sr-only">{t("orders.title")}</caption>
              <thead className="bg-slate-50 text-left text-xs text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t("orders.columns.number")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t("orders.columns.placedAt")}
                  </th>
                  {kind === "PLATFORM" ? (
                    <>
                      <th scope="col" className="px-3 py-2 font-medium">
                        {t("orders.columns.buyer")}
                      </th>
                      <th scope="col" className="px-3 py-2 font-medium">
                        {t("orders.columns.manufacturer")}
                      </th>
                    </>
                  ) : (
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t("orders.columns.counterpart")}
                    </th>
                  )}
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t("orders.columns.status")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    {t("orders.columns.lines")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    {t("orders.columns.total")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    {t("orders.columns.buyerTotal")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {loaded.orders.map((o) => (
                  <tr key={o.id} data-testid="order-row">
                    <td className="whitespace-nowrap px-3 py-2">
                      <Link to={`${base}/${encodeURIComponent(o.number)}`} className="link font-mono font-semibold">
                        {o.number}
                      </Link>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 text-slate-700">{o.placedAt}</td>
                    {kind === "PLATFORM" ? (
                      <>
                        <td className="px-3 py-2">{o.buyer}</td>
                        <td className="px-3 py-2">{o.manufacturer}</td>
                      </>
                    ) : (
                      <td className="px-3 py-2">{o.counterpart}</td>
                    )}
                    <td className="px-3 py-2">
                      <OrderStatusBadge status={o.status} />
                      {o.due ? <p className="mt-1 text-xs text-amber-800">{t("orders.toPay", { amount: o.due })}</p> : null}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{o.lines}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{o.total}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{o.buyerTotal}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="space-y-3 md:hidden" data-testid="orders-cards">
            {loaded.orders.map((o) => (
              <li key={o.id} className="card p-4">
                <div className="flex items-start justify-between gap-2">
                  <Link to={`${base}/${encodeURIComponent(o.number)}`} className="link font-mono font-semibold">
                    {o.number}
                  </Link>
                  <OrderStatusBadge status={o.status} />
                </div>
                <p className="mt-1 text-sm text-slate-700">{kind === "PLATFORM" ? `${o.buyer} → ${o.manufacturer}` : o.counterpart}</p>
                <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
                  <dt className="text-slate-600">{t("orders.columns.placedAt")}</dt>
                  <dd>{o.placedAt}</dd>
                  <dt className="text-slate-600">{t("orders.columns.total")}</dt>
                  <dd className="tabular-nums">{o.total}</dd>
                  <dt className="text-slate-600">{t("orders.columns.buyerTotal")}</dt>
                  <dd className="tabular-nums">{o.buyerTotal}</dd>
                </dl>
                {o.due ? <p className="mt-2 text-xs text-amber-800">{t("orders.toPay", { amount: o.due })}</p> : null}
              </li>
            ))}
          </ul>
        </div>
      )}

      {loaded.newest || loaded.older ? (
        <nav className="flex justify-between gap-4" aria-label={t("orders.pages.label")}>
          {loaded.newest ? (
            <Link to={loaded.newest} className="btn-secondary">
              {t("orders.pages.newest")}
            </Link>
          ) : (
            <span />
          )}
          {loaded.older ? (
            <Link to={loaded.older} className="btn-secondary">
              {t("orders.pages.older")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
