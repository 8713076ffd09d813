import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Lang } from "~/modules/i18n/config";
import type { OrdersCard as OrdersData, OrderRow, RfqRow, TradeDashboard, TransferRow } from "~/modules/ordering/dashboard.server";

const STATUS_ORDER = ["PLACED", "AWAITING_PAYMENT", "PAID", "IN_FULFILMENT", "SHIPPED", "DELIVERED", "COMPLETED", "CANCELLED"] as const;

/** The orders and quotes cards of a dashboard, from `tradeDashboard` (real rows, or an empty state). */
export function TradeCards({ lang, data }: { lang: Lang; data: TradeDashboard }) {
  const { t } = useTranslation();
  if (data.kind === "PLATFORM") {
    return (
      <div className="grid gap-4 md:grid-cols-2">
        <OrdersCard lang={lang} data={data.orders} empty={t("activity.dashboard.ordersEmptyPlatform")} highlight={[[["PAID", "IN_FULFILMENT"], "activity.dashboard.toPrepare"]]} />
        <TransfersCard lang={lang} data={data.transfers} />
      </div>
    );
  }
  const buyer = data.kind === "BUYER";
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <OrdersCard
        lang={lang}
        data={data.orders}
        empty={buyer ? t("activity.dashboard.ordersEmptyBuyer") : t("activity.dashboard.ordersEmptySeller")}
        highlight={
          buyer
            ? [[["PLACED", "AWAITING_PAYMENT"], "activity.dashboard.toPay"], [["SHIPPED"], "activity.dashboard.inTransit"]]
            : [[["PAID", "IN_FULFILMENT"], "activity.dashboard.toPrepare"], [["SHIPPED"], "activity.dashboard.inTransit"]]
        }
      />
      <article className="card" data-testid={buyer ? "area-quotes" : "area-rfqs"}>
        <h3 className="font-semibold">{t(buyer ? "dashboard.areas.quotes.title" : "dashboard.areas.rfqs.title")}</h3>
        {data.rfqs.latest.length === 0 ? (
          <p className="mt-1 text-sm text-slate-700">{buyer ? t("activity.dashboard.rfqsEmptyBuyer") : t("activity.dashboard.rfqsEmptySeller")}</p>
        ) : (
          <>
            <p className="mt-1 flex flex-wrap gap-x-4 text-sm" data-testid="rfq-counts">
              {data.kind === "BUYER" ? (
                <>
                  <span>{t("activity.dashboard.openRfqs", { count: data.rfqs.open })}</span>
                  <span className={data.rfqs.quotesToDecide ? "font-semibold text-amber-900" : ""}>{t("activity.dashboard.quotesToDecide", { count: data.rfqs.quotesToDecide })}</span>
                </>
              ) : (
                <>
                  <span className={data.rfqs.awaitingAnswer ? "font-semibold text-amber-900" : ""}>{t("activity.dashboard.awaitingAnswer", { count: data.rfqs.awaitingAnswer })}</span>
                  <span>{t("activity.dashboard.openRfqs", { count: data.rfqs.open })}</span>
                </>
              )}
            </p>
            <h4 className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-500">{t("activity.dashboard.latestRfqs")}</h4>
            <ul className="mt-1 divide-y divide-slate-100 text-sm">
              {data.rfqs.latest.map((r) => (
                <RfqItem key={r.number} lang={lang} row={r} />
              ))}
            </ul>
          </>
        )}
        <p className="mt-3 flex flex-wrap gap-x-4 text-sm">
          {data.rfqs.latest.length ? (
            <Link to={`/${lang}/rfqs`} className="link">
              {t("activity.dashboard.allRfqs")}
            </Link>
          ) : null}
          {buyer ? (
            <Link to={`/${lang}/rfqs/new`} className="link">
              {t("activity.dashboard.newRfq")}
            </Link>
          ) : (
            <Link to={`/${lang}/declarations`} className="link">
              {t("agency.nav.declarations")}
            </Link>
          )}
        </p>
      </article>
    </div>
  );
}

/** `highlight`: counts that call for action, each over a group of statuses (e.g. placed or awaiting payment: to pay). */
function OrdersCard({ lang, data, empty, highlight }: { lang: Lang; data: OrdersData; empty: string; highlight: [(keyof OrdersData["byStatus"])[], string][] }) {
  const { t } = useTranslation();
  const countOf = (statuses: (keyof OrdersData["byStatus"])[]) => statuses.reduce((sum, s) => sum + (data.byStatus[s] ?? 0), 0);
  return (
    <article className="card" data-testid="area-orders">
      <h3 className="font-semibold">{t("dashboard.areas.orders.title")}</h3>
      {data.total === 0 ? (
        <p className="mt-1 text-sm text-slate-700">{empty}</p>
      ) : (
        <>
          <p className="mt-1 flex flex-wrap gap-x-4 text-sm">
            {highlight.map(([statuses, key]) => (
              <span key={key} className={countOf(statuses) ? "font-semibold text-amber-900" : "text-slate-700"}>
                {t(key, { count: countOf(statuses) })}
              </span>
            ))}
          </p>
          <h4 className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-500">{t("activity.dashboard.byStatus")}</h4>
          <ul className="mt-1 flex flex-wrap gap-2 text-xs" data-testid="order-status-counts">
            {STATUS_ORDER.filter((s) => data.byStatus[s]).map((s) => (
              <li key={s} className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-800">
                {t(`activity.orderStatus.${s}`)}: <strong>{data.byStatus[s]}</strong>
              </li>
            ))}
          </ul>
          <h4 className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-500">{t("activity.dashboard.latestOrders")}</h4>
          <ul className="mt-1 divide-y divide-slate-100 text-sm" data-testid="latest-orders">
            {data.latest.map((o) => (
              <OrderItem key={o.number} lang={lang} row={o} />
            ))}
          </ul>
        </>
      )}
      {data.total ? (
        <p className="mt-3 text-sm">
          <Link to={`/${lang}/orders`} className="link">
            {t("activity.dashboard.allOrders")}
          </Link>
          {" · "}
          <Link to={`/${lang}/shipments`} className="link" data-testid="dashboard-shipments">
            {t("logistics.shipmentList.title")}
          </Link>
        </p>
      ) : null}
    </article>
  );
}

function OrderItem({ lang, row }: { lang: Lang; row: OrderRow }) {
  const { t } = useTranslation();
  return (
    <li className="flex flex-wrap items-baseline justify-between gap-x-3 py-1.5">
      <span className="min-w-0">
        <Link to={`/${lang}/orders/${encodeURIComponent(row.number)}`} className="link font-medium">
          {row.number}
        </Link>{" "}
        <span className="break-words text-slate-600">{row.counterpart}</span>
      </span>
      <span className="flex flex-wrap items-baseline gap-x-2 text-slate-700">
        <span className="text-xs">{t(`activity.orderStatus.${row.status}`)}</span>
        <span className="font-medium tabular-nums">{row.total}</span>
        <span className="text-xs text-slate-500">{row.date}</span>
      </span>
    </li>
  );
}

function RfqItem({ lang, row }: { lang: Lang; row: RfqRow }) {
  const { t } = useTranslation();
  return (
    <li className="flex flex-wrap items-baseline justify-between gap-x-3 py-1.5">
      <span className="min-w-0">
        <Link to={`/${lang}/rfqs/${encodeURIComponent(row.number)}`} className="link font-medium">
          {row.number}
        </Link>{" "}
        <span className="break-words text-slate-700">{row.title}</span> <span className="text-slate-500">· {row.counterpart}</span>
      </span>
      <span className="flex items-baseline gap-x-2 text-xs text-slate-600">
        <span>{t(`activity.rfqStatus.${row.status}`)}</span>
        <span>{row.date}</span>
      </span>
    </li>
  );
}

function TransfersCard({ lang, data }: { lang: Lang; data: { unmatched: number; ordersAwaitingTransfer: number; latest: TransferRow[] } }) {
  const { t } = useTranslation();
  return (
    <article className={`card ${data.unmatched ? "border-amber-300" : ""}`} data-testid="area-transfers">
      <h3 className="font-semibold">{t("activity.dashboard.transfersTitle")}</h3>
      <p className="mt-1 flex flex-wrap gap-x-4 text-sm">
        <span className={data.unmatched ? "font-semibold text-amber-900" : "text-slate-700"}>{t("activity.dashboard.unmatched", { count: data.unmatched })}</span>
        <span className="text-slate-700">{t("activity.dashboard.ordersAwaitingTransfer", { count: data.ordersAwaitingTransfer })}</span>
      </p>
      {data.latest.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">{t("activity.dashboard.transfersEmpty")}</p>
      ) : (
        <>
          <h4 className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-500">{t("activity.dashboard.latestTransfers")}</h4>
          <ul className="mt-1 divide-y divide-slate-100 text-sm" data-testid="unmatched-transfers">
            {data.latest.map((tr) => (
              <li key={tr.id} className="flex flex-wrap items-baseline justify-between gap-x-3 py-1.5">
                <span className="min-w-0 break-words">
                  <span className="sr-only">{t("activity.dashboard.payer")}: </span>
                  {tr.payerName}
                  {tr.referenceText ? <span className="text-slate-500"> · {tr.referenceText}</span> : null}
                </span>
                <span className="flex items-baseline gap-x-2">
                  <span className="font-medium tabular-nums">
                    <span className="sr-only">{t("activity.dashboard.amount")}: </span>
                    {tr.amount}
                  </span>
                  <span className="text-xs text-slate-500">
                    <span className="sr-only">{t("activity.dashboard.receivedOn")}: </span>
                    {tr.receivedOn}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="mt-3 text-sm">
        <Link to={`/${lang}/platform/transfers`} className="link">
          {t("activity.dashboard.matchTransfers")}
        </Link>
        {" · "}
        <Link to={`/${lang}/platform/credit`} className="link">
          {t("activity.dashboard.creditDesk")}
        </Link>
        {" · "}
        <Link to={`/${lang}/platform/delivery-rates`} className="link">
          {t("activity.dashboard.deliveryRates")}
        </Link>
        {" · "}
        <Link to={`/${lang}/platform/import-tax-rates`} className="link">
          {t("landed.rates.link")}
        </Link>
        {" · "}
        <Link to={`/${lang}/agency/declarations`} className="link">
          {t("agency.nav.desk")}
        </Link>
      </p>
    </article>
  );
}
