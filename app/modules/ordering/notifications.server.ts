/**
 * Order and RFQ notifications: one email (through the outbox) and one in-app Notification row per member of each
 * party, each written in the member's own language (User.locale) when it is created.
 *
 * Usage (H-orders, H-rfq, H-bank, H-stripe; the lead wires the calls):
 *
 *   // After the transaction that changed the order has committed (a scoped client cannot write the other
 *   // party's rows, so notifying is system work):
 *   await notifyOrderEvent(null, order, { kind: "order_paid" });
 *
 *   // Inside an UNSCOPED transaction (webhook job, T/T match on the platform desk), so that the notice commits
 *   // with the change; deliver the emails once the transaction has committed:
 *   const notice = await unscopedDb.$transaction(async (tx) => {
 *     ...
 *     return notifyOrderEvent(tx, order, { kind: "payment_received", amountMinor });
 *   });
 *   await afterNotifyCommit(notice);
 *
 *   await notifyRfqEvent(null, rfq, { kind: "rfq_received" });
 *   await notifyRfqEvent(null, rfq, { kind: "quote_received", quote });
 *
 * `order` needs only the fields of `NotifiableOrder` (a full Order row fits). Amounts are minor units of the
 * order's buyer currency.
 */
import type { Prisma } from "~/generated/prisma/client";
import type { DisputeStatus, Locale } from "~/generated/prisma/enums";
import { env } from "~/modules/config/env.server";
import { unscopedDb } from "~/modules/db/index.server";
import { isLang, type Lang } from "~/modules/i18n/config";
import { formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { currentQueue, enqueue } from "~/modules/jobs/queue.server";
import { CURRENCIES, type CurrencyInfo } from "~/modules/money/currencies";
import { formatMoney } from "~/modules/money/money";
import { viewerFor } from "~/modules/i18n/locale";
import { runWithViewer } from "~/modules/i18n/viewer.server";
import { emitToOrganization } from "~/modules/realtime/index.server";

/** A transaction of the unscoped client: notifications cross both parties' organizations. */
export type SystemTx = Prisma.TransactionClient;

export type OrderNotice =
  | { kind: "order_placed" }
  /** Money arrived but the order is not fully paid (partial transfer). */
  | { kind: "payment_received"; amountMinor: bigint }
  | { kind: "order_paid" }
  | { kind: "shipped" }
  | { kind: "delivered" }
  | { kind: "cancelled"; reason?: string | null }
  | { kind: "refund"; amountMinor: bigint }
  | { kind: "dispute_opened"; reason?: string | null }
  | { kind: "dispute_resolved"; outcome: Exclude<DisputeStatus, "OPEN"> };

export type RfqNotice =
  | { kind: "rfq_received" }
  /** A quote from the manufacturer (to the buyer) or a counter-offer from the buyer (to the manufacturer). */
  | { kind: "quote_received"; quote: { offeredByOrganizationId: string; unitPriceMinor: bigint; currencyCode: string; quantity: number } }
  | { kind: "quote_accepted"; orderNumber?: string | null };

export interface NotifiableOrder {
  number: string;
  organizationId: string;
  buyerOrganizationId: string;
  buyerCurrencyCode: string;
  buyerTotalMinor: bigint;
  paidMinor: bigint;
}

export interface NotifiableRfq {
  number: string;
  organizationId: string;
  buyerOrganizationId: string;
  title: string;
  quantity: number;
}

export interface NotifyResult {
  notifications: number;
  emailIds: string[];
  organizationIds: string[];
}

type Side = "buyer" | "seller";

/** Who hears of each event: both parties, except an RFQ (the manufacturer) and a quote (whoever did not offer it). */
const ORDER_AUDIENCE: Record<OrderNotice["kind"], readonly Side[]> = {
  order_placed: ["buyer", "seller"],
  payment_received: ["buyer", "seller"],
  order_paid: ["buyer", "seller"],
  shipped: ["buyer", "seller"],
  delivered: ["buyer", "seller"],
  cancelled: ["buyer", "seller"],
  refund: ["buyer", "seller"],
  dispute_opened: ["buyer", "seller"],
  dispute_resolved: ["buyer", "seller"],
};

interface Message {
  title: string;
  body: string;
}

/** What a notice says, for one side, in one language. */
type Compose = (lang: Lang, side: Side, counterpart: string) => Message;

interface Dispatch {
  kind: string;
  sellerId: string;
  buyerId: string;
  sides: readonly Side[];
  /** The page the notice leads to, without the language: "/orders/PO-2026-000123". */
  path: string;
  compose: Compose;
}

export async function notifyOrderEvent(tx: SystemTx | null | undefined, order: NotifiableOrder, event: OrderNotice): Promise<NotifyResult> {
  const money = (amountMinor: bigint, lang: Lang) => formatMoney({ amountMinor, currency: currencyInfo(order.buyerCurrencyCode) }, lang);
  const compose: Compose = (lang, side, counterpart) => {
    const t = serverT(lang);
    const key = `activity.notices.${event.kind}.${side}`;
    const values: Record<string, string> = { number: order.number, counterpart, amount: money(order.buyerTotalMinor, lang) };
    if (event.kind === "payment_received" || event.kind === "refund") values.amount = money(event.amountMinor, lang);
    if (event.kind === "payment_received") {
      const outstanding = order.buyerTotalMinor - order.paidMinor;
      values.outstanding = money(outstanding > 0n ? outstanding : 0n, lang);
    }
    if (event.kind === "dispute_resolved") values.outcome = t(`activity.notices.outcome.${event.outcome}`);
    let body = t(`${key}.body`, values);
    const reason = event.kind === "cancelled" || event.kind === "dispute_opened" ? event.reason?.trim() : "";
    if (reason) body = `${body} ${t("activity.notices.reason", { reason })}`;
    return { title: t(`${key}.title`, values), body };
  };
  return dispatch(tx, { kind: `order.${event.kind}`, sellerId: order.organizationId, buyerId: order.buyerOrganizationId, sides: ORDER_AUDIENCE[event.kind], path: `/orders/${encodeURIComponent(order.number)}`, compose });
}

export async function notifyRfqEvent(tx: SystemTx | null | undefined, rfq: NotifiableRfq, event: RfqNotice): Promise<NotifyResult> {
  const sides: readonly Side[] =
    event.kind === "rfq_received" ? ["seller"] : event.kind === "quote_received" ? [event.quote.offeredByOrganizationId === rfq.organizationId ? "buyer" : "seller"] : ["buyer", "seller"];
  const compose: Compose = (lang, side, counterpart) => {
    const t = serverT(lang);
    const key = `activity.notices.${event.kind}.${side}`;
    const values: Record<string, string> = { number: rfq.number, counterpart, title: rfq.title, quantity: formatNumber(rfq.quantity, lang) };
    if (event.kind === "quote_received") {
      values.price = formatMoney({ amountMinor: event.quote.unitPriceMinor, currency: currencyInfo(event.quote.currencyCode) }, lang);
      values.quantity = formatNumber(event.quote.quantity, lang);
    }
    // A quoted quantity is a count: "1 unit", "2 units".
    let body = t(`${key}.body`, event.kind === "quote_received" ? { ...values, count: event.quote.quantity } : values);
    if (event.kind === "quote_accepted" && event.orderNumber) body = `${body} ${t("activity.notices.orderCreated", { orderNumber: event.orderNumber })}`;
    return { title: t(`${key}.title`, values), body };
  };
  return dispatch(tx, { kind: `rfq.${event.kind}`, sellerId: rfq.organizationId, buyerId: rfq.buyerOrganizationId, sides, path: `/rfqs/${encodeURIComponent(rfq.number)}`, compose });
}

/** Queues the emails written in a committed transaction and tells the parties' open pages to refresh. */
export async function afterNotifyCommit(result: NotifyResult): Promise<void> {
  if (currentQueue()) {
    for (const emailId of result.emailIds) {
      try {
        await enqueue("email.send", { emailId }, { singletonKey: emailId });
      } catch (error) {
        // The row stays PENDING; the outbox sweep delivers it.
        console.error("[notifications] enqueue failed; the sweep will retry", error);
      }
    }
  }
  for (const organizationId of result.organizationIds) emitToOrganization(organizationId, "organization:changed", { area: "notifications" });
}

async function dispatch(tx: SystemTx | null | undefined, d: Dispatch): Promise<NotifyResult> {
  if (tx) return write(tx, d);
  const result = await unscopedDb.$transaction((own) => write(own, d));
  await afterNotifyCommit(result);
  return result;
}

async function write(tx: SystemTx, d: Dispatch): Promise<NotifyResult> {
  const sideOf: Record<Side, string> = { buyer: d.buyerId, seller: d.sellerId };
  const organizationIds = [...new Set(d.sides.map((s) => sideOf[s]))];
  const [organizations, members] = await Promise.all([
    tx.organization.findMany({ where: { id: { in: [d.buyerId, d.sellerId] } }, select: { id: true, name: true, countryCode: true } }),
    tx.membership.findMany({
      where: { organizationId: { in: organizationIds } },
      orderBy: { createdAt: "asc" },
      select: { organizationId: true, user: { select: { id: true, email: true, name: true, locale: true } } },
    }),
  ]);
  const nameOf = new Map(organizations.map((o) => [o.id, o.name]));
  const countryOf = new Map(organizations.map((o) => [o.id, o.countryCode]));
  const appUrl = env().APP_URL;
  const notifications: Prisma.NotificationCreateManyInput[] = [];
  const emails: Prisma.EmailMessageCreateManyInput[] = [];
  for (const side of d.sides) {
    const organizationId = sideOf[side];
    const counterpart = nameOf.get(side === "buyer" ? d.sellerId : d.buyerId) ?? "";
    const cache = new Map<Lang, Message>();
    // Written for the recipients, not for whoever caused it: their company's country decides formats and wording
    // (a Lisbon buyer's order reaches a Brazilian maker in Brazilian Portuguese, with Brazil's number formats).
    runWithViewer(viewerFor(countryOf.get(organizationId)), () => {
      for (const { user } of members.filter((m) => m.organizationId === organizationId)) {
        const lang = langOf(user.locale);
        let message = cache.get(lang);
        if (!message) cache.set(lang, (message = d.compose(lang, side, counterpart)));
        const href = `/${lang}${d.path}`;
        notifications.push({ userId: user.id, organizationId, kind: d.kind, title: message.title, body: message.body, href });
        const t = serverT(lang);
        const text = [t("activity.email.greeting", { name: user.name }), "", message.body, "", t("activity.email.open", { link: `${appUrl}${href}` }), "", "—", t("activity.email.footer", { organization: nameOf.get(organizationId) ?? "" })].join("\n");
        emails.push({ toAddress: user.email, subject: message.title, text, kind: `notification.${d.kind}` });
      }
    });
  }
  if (notifications.length) await tx.notification.createMany({ data: notifications });
  // Ids are needed to queue delivery after commit; createManyAndReturn is one statement too.
  const emailRows = emails.length ? await tx.emailMessage.createManyAndReturn({ data: emails, select: { id: true } }) : [];
  return { notifications: notifications.length, emailIds: emailRows.map((r) => r.id), organizationIds };
}

function langOf(locale: Locale): Lang {
  return isLang(locale) ? locale : "en";
}

function currencyInfo(code: string): CurrencyInfo {
  return CURRENCIES.find((c) => c.code === code) ?? { code, numericCode: "000", exponent: 2, displayDigits: 2 };
}
