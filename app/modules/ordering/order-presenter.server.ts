import { deliveryAddressLines } from "./address";
import type { Lang } from "~/modules/i18n/config";
import { formatDate, formatDateTime, formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { warehouseCity } from "~/modules/inventory/cities";
import { CURRENCIES, type CurrencyInfo } from "~/modules/money/currencies";
import { formatMoney, minorToDecimalInput } from "~/modules/money/money";
import { attachmentFileName, attachmentKind } from "./rfq-thread.server";
import { disputeWindowEnds, withinDisputeWindow } from "./disputes.server";
import { hasInvoice } from "./documents.server";
import { amountDue } from "./order-state";
import { refundReason, storedOrderReason, type OrderReason } from "./order-reasons";
import { orderStateOf } from "./order-lifecycle.server";
import { allowedActions, organizationNames, partyFor, refundOutstanding, type OrderAction, type OrderDetail, type OrderListRow, type OrderParty, type OrdersViewer } from "./orders.server";

/** What the orders pages show, formatted in the viewer's language: money, dates, names, the timeline. */

function currency(code: string): CurrencyInfo {
  const trimmed = code.trim();
  return CURRENCIES.find((c) => c.code === trimmed) ?? { code: trimmed, numericCode: "000", exponent: 2, displayDigits: 2 };
}

function money(amountMinor: bigint, code: string, lang: Lang): string {
  return formatMoney({ amountMinor, currency: currency(code) }, lang);
}

type T = ReturnType<typeof serverT>;

/** A reason in the reader's language: Ponte's codes through orders.reasons.<code>, a person's text as written. */
export function reasonText(t: T, lang: Lang, reason: OrderReason | string | null): string | null {
  if (reason === null || typeof reason === "string") return reason;
  const p = reason.params ?? {};
  const num = (v: unknown) => (typeof v === "number" ? formatNumber(v, lang) : String(v ?? ""));
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(p)) values[key] = num(value);
  if (reason.code === "stripe_payment") values.method = t(`pay.method.${String(p.method)}`, { defaultValue: String(p.method ?? "") });
  if (reason.code === "dispute_decided") values.outcome = t(`orders.disputes.status.${String(p.outcome)}`, { defaultValue: String(p.outcome ?? "") });
  if (reason.code === "payment_overdue" && typeof p.dueOn === "string" && /^\d{4}-\d{2}-\d{2}$/.test(p.dueOn)) values.dueOn = formatDate(new Date(`${p.dueOn}T00:00:00Z`), lang, { dateStyle: "medium", timeZone: "UTC" });
  if (reason.code === "stock_short") values.item = String(p.sku ?? p.variant ?? "");
  const text = t(`orders.reasons.${reason.code}`, values);
  return reason.note ? t("orders.reasons.withNote", { reason: text, note: reason.note }) : text;
}

export interface OrderListItem {
  id: string;
  number: string;
  status: string;
  placedAt: string;
  counterpart: string;
  buyer: string;
  manufacturer: string;
  lines: number;
  total: string;
  buyerTotal: string;
  due: string | null;
}

export async function presentOrderList(viewer: OrdersViewer, rows: readonly OrderListRow[]): Promise<OrderListItem[]> {
  const names = await organizationNames(viewer, rows.flatMap((r) => [r.organizationId, r.buyerOrganizationId]));
  const lang = viewer.lang;
  return rows.map((r) => {
    const party = partyFor(viewer, r);
    const due = amountDue({ status: r.status, totalMinor: r.buyerTotalMinor, paidMinor: r.paidMinor, refundedMinor: r.refundedMinor, onTerms: r.paymentMethod === "TERMS" });
    const buyer = names.get(r.buyerOrganizationId) ?? "";
    const manufacturer = names.get(r.organizationId) ?? "";
    return {
      id: r.id,
      number: r.number,
      status: r.status,
      placedAt: formatDate(r.placedAt, lang),
      counterpart: party === "buyer" ? manufacturer : buyer,
      buyer,
      manufacturer,
      lines: r._count.lines,
      total: money(r.totalMinor, r.currencyCode, lang),
      buyerTotal: money(r.buyerTotalMinor, r.buyerCurrencyCode, lang),
      due: due > 0n && (r.status === "PLACED" || r.status === "AWAITING_PAYMENT") ? money(due, r.buyerCurrencyCode, lang) : null,
    };
  });
}

export interface TimelineEntry {
  id: string;
  at: string;
  event: string;
  fromStatus: string | null;
  toStatus: string;
  actor: string;
  reason: string | null;
  amount: string | null;
}

export interface DisputeView {
  id: string;
  status: string;
  reason: string;
  openedAt: string;
  resolution: string | null;
  resolvedAt: string | null;
  messages: { id: string; author: string; side: OrderParty; at: string; body: string; files: { name: string; kind: string; href: string }[] }[];
}

export interface OrderView {
  id: string;
  number: string;
  status: string;
  party: OrderParty;
  buyer: string;
  manufacturer: string;
  placedAt: string;
  source: string;
  warehouse: string;
  tradeTerm: string;
  paymentMethod: string | null;
  poNumber: string | null;
  leadTime: string;
  bankReference: string;
  paymentDueOn: string | null;
  deliveryAddress: string[];
  lines: { id: string; sku: string; name: string; quantity: string; unitPrice: string; total: string }[];
  amounts: {
    subtotal: string;
    shipping: string | null;
    total: string;
    buyerTotal: string;
    rate: string;
    rateDate: string;
    paid: string;
    refunded: string | null;
    due: string | null;
    refundOutstanding: string | null;
    sameCurrency: boolean;
  };
  payments: { id: string; method: string; detail: string | null; status: string; amount: string; received: string | null; at: string }[];
  refunds: { id: string; amount: string; status: string; reason: string; at: string }[];
  timeline: TimelineEntry[];
  disputes: DisputeView[];
  disputeWindowEnds: string | null;
  actions: OrderAction[];
  payHref: string | null;
  buyerCurrency: string;
  /** The PDFs (pro-forma, and the invoice once paid or on terms), for the two parties. */
  documents: { href: string; label: string }[];
  /** The refund still due, as a decimal the refund form starts from ("" when nothing is due). */
  refundOutstandingInput: string;
}


function lineName(names: unknown, lang: Lang, sku: string): string {
  if (names && typeof names === "object") {
    const record = names as Record<string, unknown>;
    for (const key of [lang, "en", "pt", "es", "zh"]) if (typeof record[key] === "string" && record[key]) return record[key] as string;
  }
  return sku;
}

export async function presentOrder(viewer: OrdersViewer, order: OrderDetail, now = new Date()): Promise<OrderView> {
  const lang = viewer.lang;
  const t = serverT(lang);
  const party = partyFor(viewer, order);
  const actorIds = [order.organizationId, order.buyerOrganizationId, ...order.events.flatMap((e) => (e.actorOrganizationId ? [e.actorOrganizationId] : [])), ...order.disputes.flatMap((d) => d.messages.map((m) => m.authorOrganizationId))];
  const [names, warehouse] = await Promise.all([organizationNames(viewer, actorIds), viewer.client.warehouse.findUnique({ where: { id: order.warehouseId }, select: { code: true, city: true } })]);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? t("orders.timeline.platform")) : t("orders.timeline.system"));
  const sideOf = (id: string): OrderParty => (id === order.buyerOrganizationId ? "buyer" : id === order.organizationId ? "manufacturer" : "platform");
  const state = orderStateOf(order);
  const due = amountDue(state);
  const outstanding = refundOutstanding(order);
  const sameCurrency = order.currencyCode.trim() === order.buyerCurrencyCode.trim();
  const buyerCode = order.buyerCurrencyCode;
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    party,
    buyer: names.get(order.buyerOrganizationId) ?? "",
    manufacturer: names.get(order.organizationId) ?? "",
    placedAt: formatDateTime(order.placedAt, lang),
    source: order.source,
    warehouse: warehouse ? warehouseCity(t, warehouse) : "",
    tradeTerm: order.tradeTerm,
    paymentMethod: order.paymentMethod,
    poNumber: order.poNumber,
    leadTime: t("orders.detail.leadTimeDays", { min: formatNumber(order.leadTimeDaysMin, lang), max: formatNumber(order.leadTimeDaysMax, lang) }),
    bankReference: order.bankReference,
    paymentDueOn: order.paymentDueOn ? formatDate(order.paymentDueOn, lang, { dateStyle: "medium", timeZone: "UTC" }) : null,
    deliveryAddress: deliveryAddressLines(order.deliveryAddress, lang),
    lines: order.lines.map((l) => ({
      id: l.id,
      sku: l.sku,
      name: lineName(l.names, lang, l.sku),
      quantity: formatNumber(l.quantity, lang),
      unitPrice: money(l.unitPriceMinor, order.currencyCode, lang),
      total: money(l.lineTotalMinor, order.currencyCode, lang),
    })),
    amounts: {
      subtotal: money(order.subtotalMinor, order.currencyCode, lang),
      shipping: order.shippingMinor > 0n ? money(order.shippingMinor, order.currencyCode, lang) : null,
      total: money(order.totalMinor, order.currencyCode, lang),
      buyerTotal: money(order.buyerTotalMinor, buyerCode, lang),
      rate: `1 ${order.currencyCode.trim()} = ${formatNumber(Number(order.fxRate.toString()), lang, { maximumFractionDigits: 6 })} ${buyerCode.trim()}`,
      rateDate: formatDate(order.fxRateDate, lang, { dateStyle: "medium", timeZone: "UTC" }),
      paid: money(order.paidMinor, buyerCode, lang),
      refunded: order.refundedMinor > 0n ? money(order.refundedMinor, buyerCode, lang) : null,
      due: due > 0n && order.status !== "CANCELLED" ? money(due, buyerCode, lang) : null,
      refundOutstanding: outstanding > 0n ? money(outstanding, buyerCode, lang) : null,
      sameCurrency,
    },
    payments: order.payments.map((p) => ({
      id: p.id,
      method: p.method,
      detail: p.stripeMethodType,
      status: p.status,
      amount: money(p.amountMinor, p.currencyCode, lang),
      received: p.receivedMinor > 0n ? money(p.receivedMinor, p.currencyCode, lang) : null,
      at: formatDateTime(p.succeededAt ?? p.createdAt, lang),
    })),
    refunds: order.refunds.map((r) => ({ id: r.id, amount: money(r.amountMinor, r.currencyCode, lang), status: r.status, reason: reasonText(t, lang, refundReason(r.reason) ?? r.reason) ?? "", at: formatDateTime(r.completedAt ?? r.createdAt, lang) })),
    timeline: order.events.map((e) => ({
      id: e.id,
      at: formatDateTime(e.createdAt, lang),
      event: e.event,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actor: nameOf(e.actorOrganizationId),
      reason: reasonText(t, lang, storedOrderReason(e)),
      amount: e.amountMinor !== null ? money(e.amountMinor, buyerCode, lang) : null,
    })),
    disputes: order.disputes.map((d) => ({
      id: d.id,
      status: d.status,
      reason: d.reason,
      openedAt: formatDateTime(d.createdAt, lang),
      resolution: d.resolution,
      resolvedAt: d.resolvedAt ? formatDateTime(d.resolvedAt, lang) : null,
      messages: d.messages.map((m) => ({
        id: m.id,
        author: nameOf(m.authorOrganizationId),
        side: sideOf(m.authorOrganizationId),
        at: formatDateTime(m.createdAt, lang),
        body: m.body,
        files: m.attachmentKeys.map((key) => ({ name: attachmentFileName(key), kind: attachmentKind(key), href: `/${lang}/orders/${encodeURIComponent(order.number)}/disputes/${d.id}/${encodeURIComponent(attachmentFileName(key))}` })),
      })),
    })),
    disputeWindowEnds: order.deliveredAt && withinDisputeWindow(order, now) ? formatDate(disputeWindowEnds(order.deliveredAt), lang) : null,
    actions: allowedActions(order, party, now),
    payHref: party === "buyer" && due > 0n && (order.status === "PLACED" || order.status === "AWAITING_PAYMENT") ? `/${lang}/orders/${encodeURIComponent(order.number)}/pay` : null,
    buyerCurrency: buyerCode.trim(),
    // Labels written here: the PDF strings stay on the server (not in the page's translations).
    documents:
      party === "platform"
        ? []
        : [
            { href: `/${lang}/orders/${encodeURIComponent(order.number)}/proforma.pdf`, label: t("documents.proforma.title") },
            ...(hasInvoice(order) ? [{ href: `/${lang}/orders/${encodeURIComponent(order.number)}/invoice.pdf`, label: t("documents.invoice.title") }] : []),
          ],
    refundOutstandingInput: outstanding > 0n ? minorToDecimalInput(outstanding, currency(buyerCode).exponent) : "",
  };
}
