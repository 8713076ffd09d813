import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FormReply } from "~/components/forms";
import { FormError, FormSuccess } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { OrderActions } from "~/components/orders/order-actions";
import { OrderDisputes } from "~/components/orders/order-disputes";
import { OrderStatusBadge } from "~/components/orders/order-status-badge";
import { LinkedShipmentCard } from "~/components/logistics/shipment-list-link";
import { notFound } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { findLinkedShipment } from "~/modules/logistics/shipment-list.server";
import { presentOrder } from "~/modules/ordering/order-presenter.server";
import { handleOrderAction } from "~/modules/ordering/orders-actions.server";
import { findOrderForViewer, requireOrdersViewer } from "~/modules/ordering/orders.server";
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "~/modules/ordering/rfq-thread.server";

export const meta: MetaFunction = (args) => pageTitle(args, "orders.title");

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const lang = requireLang(params);
  const viewer = await requireOrdersViewer(request, lang);
  const order = await findOrderForViewer(viewer, params.number);
  if (!order) notFound();
  return { viewer, order };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, order } = await load(request, params);
  // The order's shipment through the viewer's own client: a party's scoped one, the platform's unscoped one.
  const [presented, shipment] = await Promise.all([presentOrder(viewer, order), findLinkedShipment(viewer.client, { orderId: order.id }, viewer.lang)]);
  return { back: `/${viewer.lang}/orders`, order: presented, shipment, uploads: { max: MAX_ATTACHMENTS, size: MAX_ATTACHMENT_BYTES / 1024 / 1024 } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, order } = await load(request, params);
  return handleOrderAction(request, viewer, order);
}

const DONE = {
  status: "orders.actions.done",
  dispute_opened: "orders.disputes.opened",
  dispute_message: "orders.disputes.sent",
  dispute_resolved: "orders.disputes.resolved",
  refund_done: "orders.actions.refund.done",
  refund_pending: "orders.actions.refund.pendingDone",
} as const;

export default function OrderPage() {
  const { t } = useTranslation();
  const { back, order, shipment, uploads } = useLoaderData<typeof loader>();
  const reply = useActionData<FormReply>();
  const [search] = useSearchParams();
  const done = DONE[search.get("done") as keyof typeof DONE];
  const a = order.amounts;
  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <Link to={back} className="link text-sm">
        ← {t("orders.detail.back")}
      </Link>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="font-mono text-2xl font-bold">{order.number}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <OrderStatusBadge status={order.status} />
            <span>{t("orders.detail.placedOn", { date: order.placedAt })}</span>
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {order.documents.map((d) => (
            <a key={d.href} href={d.href} className="btn-secondary" download>
              {d.label}
            </a>
          ))}
          {order.payHref ? (
            <Link to={order.payHref} className="btn-primary" data-testid="order-pay">
              {t("orders.detail.pay")} · {a.due}
            </Link>
          ) : null}
        </div>
      </header>

      <FormError reply={reply} />
      {done && !reply?.formError ? <FormSuccess>{t(done)}</FormSuccess> : null}

      <div className="grid gap-4 md:grid-cols-2">
        <section className="card p-4" aria-labelledby="order-parties">
          <h2 id="order-parties" className="text-lg font-semibold">
            {t("orders.detail.parties")}
          </h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">{t("orders.detail.buyer")}</dt>
            <dd>{order.buyer}</dd>
            <dt className="text-slate-600">{t("orders.detail.manufacturer")}</dt>
            <dd>{order.manufacturer}</dd>
            {order.poNumber ? (
              <>
                <dt className="text-slate-600">{t("orders.detail.poNumber")}</dt>
                <dd className="font-mono">{order.poNumber}</dd>
              </>
            ) : null}
            {order.paymentMethod ? (
              <>
                <dt className="text-slate-600">{t("orders.detail.payment.method")}</dt>
                <dd>{t(`orders.paymentMethod.${order.paymentMethod}`)}</dd>
              </>
            ) : null}
            {order.paymentDueOn ? (
              <>
                <dt className="text-slate-600">{t("orders.detail.paymentDueOn")}</dt>
                <dd>{order.paymentDueOn}</dd>
              </>
            ) : null}
            {order.party !== "manufacturer" ? (
              <>
                <dt className="text-slate-600">{t("orders.detail.bankReference")}</dt>
                <dd className="font-mono">{order.bankReference}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <section className="card p-4" aria-labelledby="order-delivery">
          <h2 id="order-delivery" className="text-lg font-semibold">
            {t("orders.detail.delivery")}
          </h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">{t("orders.detail.source")}</dt>
            <dd>{t(`orders.detail.sources.${order.source}`, { warehouse: order.warehouse })}</dd>
            <dt className="text-slate-600">{t("orders.detail.tradeTerm")}</dt>
            <dd>{order.tradeTerm}</dd>
            <dt className="text-slate-600">{t("orders.detail.leadTime")}</dt>
            <dd>{order.leadTime}</dd>
            <dt className="text-slate-600">{t("orders.detail.deliverTo")}</dt>
            <dd>
              {order.deliveryAddress.map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))}
            </dd>
          </dl>
        </section>
      </div>

      {shipment ? <LinkedShipmentCard shipment={shipment} /> : null}

      <section aria-labelledby="order-lines">
        <h2 id="order-lines" className="mb-2 text-lg font-semibold">
          {t("orders.detail.lines")}
        </h2>
        {/* A named group in the Tab order: on a phone the table scrolls sideways, and the keyboard must reach it. */}
        <div role="group" tabIndex={0} aria-labelledby="order-lines" className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full text-sm" data-testid="order-lines">
            <thead className="bg-slate-50 text-left text-xs text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("orders.detail.line.product")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("orders.detail.line.quantity")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("orders.detail.line.unitPrice")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("orders.detail.line.total")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {order.lines.map((l) => (
                <tr key={l.id}>
                  <td className="px-3 py-2">
                    <p>{l.name}</p>
                    <p className="font-mono text-xs text-slate-500">{l.sku}</p>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{l.quantity}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{l.unitPrice}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{l.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card p-4" aria-labelledby="order-amounts">
        <h2 id="order-amounts" className="text-lg font-semibold">
          {t("orders.detail.amounts")}
        </h2>
        <dl className="mt-2 grid max-w-xl grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm" data-testid="order-amounts">
          <dt className="text-slate-600">{t("orders.detail.subtotal")}</dt>
          <dd className="text-right tabular-nums">{a.subtotal}</dd>
          {a.shipping ? (
            <>
              <dt className="text-slate-600">{t("orders.detail.shipping")}</dt>
              <dd className="text-right tabular-nums">{a.shipping}</dd>
            </>
          ) : null}
          <dt className="text-slate-600">{t("orders.detail.total")}</dt>
          <dd className="text-right font-semibold tabular-nums">{a.total}</dd>
          <dt className="text-slate-600">{t("orders.detail.buyerTotal")}</dt>
          <dd className="text-right font-semibold tabular-nums">{a.buyerTotal}</dd>
          <dt className="text-slate-600">{t("orders.detail.paid")}</dt>
          <dd className="text-right tabular-nums">{a.paid}</dd>
          {a.refunded ? (
            <>
              <dt className="text-slate-600">{t("orders.detail.refunded")}</dt>
              <dd className="text-right tabular-nums">{a.refunded}</dd>
            </>
          ) : null}
          {a.due ? (
            <>
              <dt className="font-medium text-amber-900">{t("orders.detail.due")}</dt>
              <dd className="text-right font-medium tabular-nums text-amber-900">{a.due}</dd>
            </>
          ) : null}
          {a.refundOutstanding ? (
            <>
              <dt className="font-medium text-red-800">{t("orders.detail.refundOutstanding")}</dt>
              <dd className="text-right font-medium tabular-nums text-red-800" data-testid="refund-outstanding">
                {a.refundOutstanding}
              </dd>
            </>
          ) : null}
        </dl>
        {!a.sameCurrency ? <p className="mt-2 text-xs text-slate-600">{t("orders.detail.rate", { rate: a.rate, date: a.rateDate })}</p> : null}
      </section>

      {order.payments.length > 0 ? (
        <section aria-labelledby="order-payments">
          <h2 id="order-payments" className="mb-2 text-lg font-semibold">
            {t("orders.detail.payments")}
          </h2>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm shadow-sm">
            {order.payments.map((p) => (
              <li key={p.id} className="flex flex-wrap items-baseline justify-between gap-2 px-3 py-2">
                <span>
                  {t(`orders.paymentMethod.${p.method}`)}
                  {p.detail ? <span className="text-slate-500"> · {p.detail}</span> : null}
                </span>
                <span className="text-slate-600">{t(`orders.paymentStatus.${p.status}`)}</span>
                <span className="tabular-nums">{p.received ?? p.amount}</span>
                <span className="text-xs text-slate-500">{p.at}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {order.refunds.length > 0 ? (
        <section aria-labelledby="order-refunds">
          <h2 id="order-refunds" className="mb-2 text-lg font-semibold">
            {t("orders.detail.refunds")}
          </h2>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm shadow-sm">
            {order.refunds.map((r) => (
              <li key={r.id} className="flex flex-wrap items-baseline justify-between gap-2 px-3 py-2">
                <span className="tabular-nums">{r.amount}</span>
                <span className="text-slate-600">{t(`orders.refundStatus.${r.status}`)}</span>
                <span className="min-w-0 flex-1 break-words">{r.reason}</span>
                <span className="text-xs text-slate-500">{r.at}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <OrderActions order={order} reply={reply} uploads={uploads} />
      <OrderDisputes order={order} reply={reply} uploads={uploads} />

      <section aria-labelledby="order-history">
        <h2 id="order-history" className="mb-2 text-lg font-semibold">
          {t("orders.detail.history")}
        </h2>
        <ol className="space-y-3 border-l-2 border-slate-200 pl-4" data-testid="order-history">
          {/* Orders placed before checkout wrote its "place" row start from their placement date. */}
          {order.timeline.some((e) => e.event === "place") ? null : (
            <li>
              <p className="text-sm font-medium">{t("orders.timeline.events.place")}</p>
              <p className="text-xs text-slate-500">{order.placedAt}</p>
            </li>
          )}
          {order.timeline.map((e) => (
            <li key={e.id}>
              <p className="text-sm font-medium">
                {t(`orders.timeline.events.${e.event}`, { defaultValue: e.event })}
                {e.amount ? <span className="ml-2 tabular-nums text-slate-700">{e.amount}</span> : null}
                {e.fromStatus && e.fromStatus !== e.toStatus ? <span className="ml-2 text-xs font-normal text-slate-500">→ {t(`orders.status.${e.toStatus}`)}</span> : null}
              </p>
              <p className="text-xs text-slate-500">
                {e.at} · {t("orders.timeline.by", { actor: e.actor })}
              </p>
              {e.reason ? <p className="mt-1 whitespace-pre-line break-words text-sm text-slate-700">{e.reason}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
