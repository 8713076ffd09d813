import type { OrderStatus, RfqStatus } from "~/generated/prisma/enums";
import { unscopedDb, type ScopedDb } from "~/modules/db/index.server";
import type { Lang } from "~/modules/i18n/config";
import { formatDate } from "~/modules/i18n/format";
import { CURRENCIES, type CurrencyInfo } from "~/modules/money/currencies";
import { formatMoney } from "~/modules/money/money";
import type { OrganizationContext } from "~/modules/tenancy/access.server";

/**
 * The dashboard cards of orders and quotes: counts by status and the latest few, per kind of organization. A buyer
 * and a manufacturer read through their scoped client (their own orders and RFQs only); the platform reads every
 * order and the bank transfers behind the PLATFORM gate. A fixed number of queries whatever the data: counts are
 * grouped, the counterparts' names fetched in one query.
 */

const LATEST = 5;

export interface OrderRow {
  number: string;
  status: OrderStatus;
  counterpart: string;
  total: string;
  date: string;
}

export interface RfqRow {
  number: string;
  title: string;
  status: RfqStatus;
  counterpart: string;
  date: string;
}

export interface TransferRow {
  id: string;
  payerName: string;
  referenceText: string;
  amount: string;
  receivedOn: string;
}

export interface OrdersCard {
  total: number;
  byStatus: Partial<Record<OrderStatus, number>>;
  latest: OrderRow[];
}

export type TradeDashboard =
  | { kind: "BUYER"; orders: OrdersCard; rfqs: { open: number; quotesToDecide: number; latest: RfqRow[] } }
  | { kind: "MANUFACTURER"; orders: OrdersCard; rfqs: { awaitingAnswer: number; open: number; latest: RfqRow[] } }
  | { kind: "PLATFORM"; orders: OrdersCard; transfers: { unmatched: number; ordersAwaitingTransfer: number; latest: TransferRow[] } };

type Context = Pick<OrganizationContext, "organization" | "scoped">;

export async function tradeDashboard(context: Context, lang: Lang, now = new Date()): Promise<TradeDashboard | null> {
  const { organization, scoped } = context;
  if (organization.kind === "BUYER" || organization.kind === "MANUFACTURER") return partyDashboard(scoped, organization.id, organization.kind, lang, now);
  if (organization.kind === "PLATFORM") return platformDashboard(lang);
  return null;
}

const ORDER_ROW = { number: true, status: true, placedAt: true, organizationId: true, buyerOrganizationId: true, totalMinor: true, currencyCode: true, buyerTotalMinor: true, buyerCurrencyCode: true } as const;
const RFQ_ROW = { number: true, title: true, status: true, createdAt: true, organizationId: true, buyerOrganizationId: true } as const;

async function partyDashboard(scoped: ScopedDb, organizationId: string, kind: "BUYER" | "MANUFACTURER", lang: Lang, now: Date): Promise<TradeDashboard> {
  const buyer = kind === "BUYER";
  const [orderCounts, latestOrders, rfqCounts, latestRfqs, awaiting] = await Promise.all([
    scoped.order.groupBy({ by: ["status"], _count: { _all: true } }),
    scoped.order.findMany({ orderBy: { placedAt: "desc" }, take: LATEST, select: ORDER_ROW }),
    scoped.rfq.groupBy({ by: ["status"], _count: { _all: true } }),
    scoped.rfq.findMany({ orderBy: { createdAt: "desc" }, take: LATEST, select: RFQ_ROW }),
    buyer
      ? // Offers from the manufacturer still open for the buyer to accept or counter.
        scoped.quote.count({ where: { status: "OFFERED", offeredByOrganizationId: { not: organizationId }, validUntil: { gt: now } } })
      : scoped.rfq.count({ where: { status: "OPEN", firstResponseAt: null } }),
  ]);
  const counterpartOf = (row: { organizationId: string; buyerOrganizationId: string }) => (buyer ? row.organizationId : row.buyerOrganizationId);
  const names = await organizationNames(scoped, [...latestOrders.map(counterpartOf), ...latestRfqs.map(counterpartOf)]);
  const orders = ordersCard(
    orderCounts,
    latestOrders.map((o) => ({
      number: o.number,
      status: o.status,
      counterpart: names.get(counterpartOf(o)) ?? "",
      // Each side sees the amount in its own currency: the buyer what it pays, the manufacturer what it sells for.
      total: buyer ? money(o.buyerTotalMinor, o.buyerCurrencyCode, lang) : money(o.totalMinor, o.currencyCode, lang),
      date: formatDate(o.placedAt, lang),
    })),
  );
  const rfqCount = (statuses: RfqStatus[]) => rfqCounts.filter((c) => statuses.includes(c.status)).reduce((sum, c) => sum + c._count._all, 0);
  const latest = latestRfqs.map((r) => ({ number: r.number, title: r.title, status: r.status, counterpart: names.get(counterpartOf(r)) ?? "", date: formatDate(r.createdAt, lang) }));
  if (buyer) return { kind, orders, rfqs: { open: rfqCount(["OPEN", "QUOTED"]), quotesToDecide: awaiting, latest } };
  return { kind, orders, rfqs: { awaitingAnswer: awaiting, open: rfqCount(["OPEN", "QUOTED"]), latest } };
}

/** Every order and the transfer desk: callers have passed the PLATFORM gate (the organization's kind). */
async function platformDashboard(lang: Lang): Promise<TradeDashboard> {
  const [orderCounts, latestOrders, unmatched, latestTransfers, ordersAwaitingTransfer] = await Promise.all([
    unscopedDb.order.groupBy({ by: ["status"], _count: { _all: true } }),
    unscopedDb.order.findMany({ orderBy: { placedAt: "desc" }, take: LATEST, select: ORDER_ROW }),
    unscopedDb.bankTransfer.count({ where: { status: "UNMATCHED" } }),
    unscopedDb.bankTransfer.findMany({ where: { status: "UNMATCHED" }, orderBy: [{ receivedOn: "asc" }, { createdAt: "asc" }], take: LATEST, select: { id: true, payerName: true, referenceText: true, amountMinor: true, currencyCode: true, receivedOn: true } }),
    unscopedDb.order.count({ where: { paymentMethod: "BANK_TRANSFER", status: { in: ["PLACED", "AWAITING_PAYMENT"] } } }),
  ]);
  const names = await organizationNames(unscopedDb, latestOrders.flatMap((o) => [o.buyerOrganizationId, o.organizationId]));
  const orders = ordersCard(
    orderCounts,
    latestOrders.map((o) => ({
      number: o.number,
      status: o.status,
      counterpart: `${names.get(o.buyerOrganizationId) ?? ""} → ${names.get(o.organizationId) ?? ""}`,
      total: money(o.buyerTotalMinor, o.buyerCurrencyCode, lang),
      date: formatDate(o.placedAt, lang),
    })),
  );
  return {
    kind: "PLATFORM",
    orders,
    transfers: {
      unmatched,
      ordersAwaitingTransfer,
      latest: latestTransfers.map((t) => ({ id: t.id, payerName: t.payerName, referenceText: t.referenceText, amount: money(t.amountMinor, t.currencyCode, lang), receivedOn: formatDate(t.receivedOn, lang, { dateStyle: "medium", timeZone: "UTC" }) })),
    },
  };
}

function ordersCard(counts: { status: OrderStatus; _count: { _all: number } }[], latest: OrderRow[]): OrdersCard {
  const byStatus: Partial<Record<OrderStatus, number>> = {};
  for (const c of counts) byStatus[c.status] = c._count._all;
  return { total: counts.reduce((sum, c) => sum + c._count._all, 0), byStatus, latest };
}

/** Names of the other parties, in one query (other organizations' names are readable through a scoped client). */
async function organizationNames(client: Pick<ScopedDb, "organization"> | typeof unscopedDb, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await (client as typeof unscopedDb).organization.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

function money(amountMinor: bigint, code: string, lang: Lang): string {
  const trimmed = code.trim();
  const currency: CurrencyInfo = CURRENCIES.find((c) => c.code === trimmed) ?? { code: trimmed, numericCode: "000", exponent: 2, displayDigits: 2 };
  return formatMoney({ amountMinor, currency }, lang);
}
