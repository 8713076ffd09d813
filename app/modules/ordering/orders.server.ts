import { redirect } from "@remix-run/node";
import type { OrganizationKind, Prisma } from "~/generated/prisma/client";
import type { BaseClient } from "~/modules/db/client.server";
import { unscopedDb } from "~/modules/db/index.server";
import { notFound } from "~/modules/http/responses.server";
import type { Lang } from "~/modules/i18n/config";
import { RESERVATION_TRANSACTION } from "~/modules/inventory/reservations.server";
import { requireOrganization } from "~/modules/tenancy/access.server";
import { requireSessionUser } from "~/modules/tenancy/session.server";
import { withinDisputeWindow } from "./disputes.server";
import { afterNotifyCommit, notifyOrderEvent, type NotifyResult } from "./notifications.server";
import { applyOrderEvent, mayActAs, type AppliedOrderEvent, type OrderActor } from "./order-lifecycle.server";
import { refundDueAutomatically, type RefundOutcome } from "./orders-refunds.server";
import { ORDER_STATUSES, RULES, type OrderStatus } from "./order-state";

/**
 * Orders as each organization sees them: a buyer its purchases, a manufacturer its sales (both through the
 * organization's scoped client, which shows an order to either of its two parties and nobody else), the platform
 * every order (unscopedDb, behind the PLATFORM gate in requireOrdersViewer).
 */

export type ViewerKind = "BUYER" | "MANUFACTURER" | "PLATFORM";

export interface OrdersViewer {
  userId: string;
  organizationId: string;
  kind: ViewerKind;
  lang: Lang;
  currencyCode: string;
  /**
   * The client every order query goes through: the organization's scoped client, or unscopedDb for the platform.
   * Typed as the base client so both fit one query; a scoped client still filters every query at run time.
   */
  client: BaseClient;
}

export type OrderParty = "buyer" | "manufacturer" | "platform";

/** The orders pages act for the session's active organization: buyer, manufacturer or the platform; others 404. */
export async function requireOrdersViewer(request: Request, lang: Lang): Promise<OrdersViewer> {
  const sessionUser = await requireSessionUser(request, lang);
  if (!sessionUser.activeOrganizationId) throw redirect(`/${lang}/dashboard`);
  const context = await requireOrganization(request, lang, sessionUser.activeOrganizationId);
  const kind: OrganizationKind = context.organization.kind;
  if (kind !== "BUYER" && kind !== "MANUFACTURER" && kind !== "PLATFORM") notFound();
  return {
    userId: context.user.id,
    organizationId: context.organization.id,
    kind,
    lang,
    currencyCode: context.user.currencyCode.trim(),
    // The PLATFORM gate: only a member of a PLATFORM organization reaches every order.
    client: kind === "PLATFORM" ? unscopedDb : (context.scoped as unknown as BaseClient),
  };
}

export function actorOf(viewer: Pick<OrdersViewer, "userId" | "organizationId">): OrderActor & { organizationId: string } {
  return { userId: viewer.userId, organizationId: viewer.organizationId };
}

export function partyFor(viewer: Pick<OrdersViewer, "organizationId" | "kind">, order: { organizationId: string; buyerOrganizationId: string }): OrderParty {
  if (order.buyerOrganizationId === viewer.organizationId) return "buyer";
  if (order.organizationId === viewer.organizationId) return "manufacturer";
  return "platform";
}

// ─── Lists ─────────────────────────────────────────────────────────────────────────────────────────────────────

export interface OrderFilter {
  status?: OrderStatus;
  /** YYYY-MM-DD, inclusive, UTC days. */
  from?: string;
  to?: string;
  /** The other party: the manufacturer for a buyer, the buyer for a manufacturer, either for the platform. */
  partyId?: string;
  /** Part of an order number ("000123", "PO-2026-0001"). */
  q?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validDay(value: string | null): string | undefined {
  if (!value || !DAY.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? undefined : value;
}

/** The filter from a query string; anything malformed is dropped (a bad link shows the unfiltered list). */
export function orderFilterFrom(params: URLSearchParams): OrderFilter {
  const status = params.get("status") ?? "";
  const partyId = params.get("party") ?? "";
  const q = (params.get("q") ?? "").trim().toUpperCase().replace(/[^A-Z0-9-]/g, "").slice(0, 30);
  const filter: OrderFilter = {};
  if ((ORDER_STATUSES as readonly string[]).includes(status)) filter.status = status as OrderStatus;
  const from = validDay(params.get("from"));
  const to = validDay(params.get("to"));
  if (from) filter.from = from;
  if (to) filter.to = to;
  if (UUID.test(partyId)) filter.partyId = partyId.toLowerCase();
  if (q) filter.q = q;
  return filter;
}

export function orderFilterQuery(filter: OrderFilter, extra: { cursor?: string } = {}): string {
  const params = new URLSearchParams();
  if (filter.status) params.set("status", filter.status);
  if (filter.from) params.set("from", filter.from);
  if (filter.to) params.set("to", filter.to);
  if (filter.partyId) params.set("party", filter.partyId);
  if (filter.q) params.set("q", filter.q);
  if (extra.cursor) params.set("cursor", extra.cursor);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Keyset cursor: the last row's placedAt and id ("2026-12-05T10:00:00.000Z_<uuid>"). */
function parseCursor(cursor: string | null | undefined): { placedAt: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = cursor.split("_");
  const placedAt = new Date(at ?? "");
  if (Number.isNaN(placedAt.getTime()) || !id || !UUID.test(id)) return null;
  return { placedAt, id };
}

export function orderWhere(viewer: Pick<OrdersViewer, "organizationId" | "kind">, filter: OrderFilter): Prisma.OrderWhereInput {
  const and: Prisma.OrderWhereInput[] = [];
  if (filter.status) and.push({ status: filter.status });
  if (filter.from) and.push({ placedAt: { gte: new Date(`${filter.from}T00:00:00Z`) } });
  if (filter.to) and.push({ placedAt: { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 24 * 3600_000) } });
  if (filter.q) and.push({ number: { contains: filter.q } });
  if (filter.partyId) {
    if (viewer.kind === "PLATFORM") and.push({ OR: [{ organizationId: filter.partyId }, { buyerOrganizationId: filter.partyId }] });
    else and.push({ OR: [{ organizationId: filter.partyId, buyerOrganizationId: viewer.organizationId }, { buyerOrganizationId: filter.partyId, organizationId: viewer.organizationId }] });
  }
  // A party's list: orders where it is one of the two sides (the scoped client enforces the same).
  if (viewer.kind !== "PLATFORM") and.push({ OR: [{ organizationId: viewer.organizationId }, { buyerOrganizationId: viewer.organizationId }] });
  return { AND: and };
}

export const ORDERS_PAGE = 25;

const LIST_SELECT = {
  id: true,
  number: true,
  status: true,
  organizationId: true,
  buyerOrganizationId: true,
  placedAt: true,
  currencyCode: true,
  totalMinor: true,
  buyerCurrencyCode: true,
  buyerTotalMinor: true,
  paidMinor: true,
  refundedMinor: true,
  paymentMethod: true,
  source: true,
  _count: { select: { lines: true } },
} satisfies Prisma.OrderSelect;

export type OrderListRow = Prisma.OrderGetPayload<{ select: typeof LIST_SELECT }>;

export async function listOrders(viewer: OrdersViewer, filter: OrderFilter, options: { cursor?: string | null; take?: number } = {}): Promise<{ rows: OrderListRow[]; nextCursor: string | null }> {
  const take = options.take ?? ORDERS_PAGE;
  const after = parseCursor(options.cursor);
  const where = orderWhere(viewer, filter);
  if (after) (where.AND as Prisma.OrderWhereInput[]).push({ OR: [{ placedAt: { lt: after.placedAt } }, { placedAt: after.placedAt, id: { lt: after.id } }] });
  const rows = await viewer.client.order.findMany({ where, orderBy: [{ placedAt: "desc" }, { id: "desc" }], take: take + 1, select: LIST_SELECT });
  const page = rows.slice(0, take);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > take && last ? `${last.placedAt.toISOString()}_${last.id}` : null };
}

/** The organizations named in a list (the other parties), for labels and the party filter. */
export async function organizationNames(viewer: OrdersViewer, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await viewer.client.organization.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The counterparts the viewer has orders with (for the filter's choices), at most 200. */
export async function counterparts(viewer: OrdersViewer): Promise<{ id: string; name: string }[]> {
  const where = orderWhere(viewer, {});
  const select = { organizationId: true, buyerOrganizationId: true } as const;
  // The platform filters by either side: manufacturers and buyers that have orders.
  const [sellers, buyers] = await Promise.all([
    viewer.kind === "MANUFACTURER" ? [] : viewer.client.order.findMany({ where, distinct: ["organizationId"], select, take: 200 }),
    viewer.kind === "BUYER" ? [] : viewer.client.order.findMany({ where, distinct: ["buyerOrganizationId"], select, take: 200 }),
  ]);
  const ids = [...sellers.map((r) => r.organizationId), ...buyers.map((r) => r.buyerOrganizationId)];
  const names = await organizationNames(viewer, ids);
  return [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

// ─── One order ─────────────────────────────────────────────────────────────────────────────────────────────────

const NUMBER = /^[A-Z]{2,4}-\d{4}-[A-Z0-9]{1,20}$/;

export function parseOrderNumber(text: string | undefined): string | null {
  const normalized = (text ?? "").trim().toUpperCase();
  return NUMBER.test(normalized) ? normalized : null;
}

const DETAIL_INCLUDE = {
  lines: { orderBy: [{ sku: "asc" }, { id: "asc" }] },
  events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
  payments: { orderBy: { createdAt: "asc" } },
  refunds: { orderBy: { createdAt: "asc" } },
  disputes: { orderBy: { createdAt: "desc" }, include: { messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } } },
} satisfies Prisma.OrderInclude;

export type OrderDetail = Prisma.OrderGetPayload<{ include: typeof DETAIL_INCLUDE }>;

/** The order of this number if the viewer may see it (a party, or the platform); null otherwise (the page 404s). */
export async function findOrderForViewer(viewer: OrdersViewer, number: string | undefined): Promise<OrderDetail | null> {
  const parsed = parseOrderNumber(number);
  if (!parsed) return null;
  const order = await viewer.client.order.findFirst({ where: { AND: [{ number: parsed }, orderWhere(viewer, {})] }, include: DETAIL_INCLUDE });
  return order;
}

// ─── Actions ───────────────────────────────────────────────────────────────────────────────────────────────────

export const ORDER_ACTIONS = ["cancel", "start_fulfilment", "ship", "deliver", "complete", "open_dispute", "dispute_message", "resolve_dispute", "refund"] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** What the viewer may do with the order now: its role, the order's status and its dispute. */
export function allowedActions(order: Pick<OrderDetail, "status" | "deliveredAt" | "disputes" | "paidMinor">, party: OrderParty, now = new Date()): OrderAction[] {
  const actions: OrderAction[] = [];
  const openDispute = order.disputes.some((d) => d.status === "OPEN");
  const can = (kind: keyof typeof RULES) => (RULES[kind].from as readonly OrderStatus[]).includes(order.status) && mayActAs(party, kind);
  if (can("cancel")) actions.push("cancel");
  if (can("start_fulfilment")) actions.push("start_fulfilment");
  if (can("ship")) actions.push("ship");
  if (can("deliver")) actions.push("deliver");
  if (can("complete") && !openDispute) actions.push("complete");
  if (party === "buyer" && !openDispute && withinDisputeWindow(order, now)) actions.push("open_dispute");
  if (openDispute) actions.push("dispute_message");
  if (openDispute && party === "platform") actions.push("resolve_dispute");
  // Money goes back only by the platform's hand (Stripe, or a transfer it sent).
  if (party === "platform" && order.paidMinor > 0n) actions.push("refund");
  return actions;
}

const NOTICE_OF: Partial<Record<OrderStatus, "shipped" | "delivered" | "cancelled">> = { SHIPPED: "shipped", DELIVERED: "delivered", CANCELLED: "cancelled" };

/**
 * A status change asked from an order page (cancel, start fulfilment, ship, mark delivered, confirm receipt):
 * applied with its audit row and effects, and both parties told, in one transaction.
 */
export async function changeOrderStatus(viewer: OrdersViewer, orderId: string, kind: "cancel" | "start_fulfilment" | "ship" | "deliver" | "complete", reason?: string, now = new Date()): Promise<AppliedOrderEvent & { refund: RefundOutcome | null }> {
  let notice: NotifyResult | undefined;
  const applied = await unscopedDb.$transaction(async (tx) => {
    const result = await applyOrderEvent(tx, { orderId, event: { kind }, actor: actorOf(viewer), reason, now });
    const noticeKind = NOTICE_OF[result.status];
    if (noticeKind && result.status !== undefined) notice = await notifyOrderEvent(tx, result, noticeKind === "cancelled" ? { kind: "cancelled", reason: reason ?? null } : { kind: noticeKind });
    return result;
  }, RESERVATION_TRANSACTION);
  if (notice) await afterNotifyCommit(notice);
  // Cancelled after paying: the money goes back through Stripe at once when it came from there (else it stays due).
  const due = applied.effects.reduce((sum, e) => (e.kind === "refund_due" ? sum + e.amountMinor : sum), 0n);
  const refund = due > 0n ? await refundDueAutomatically(orderId, due, `order ${applied.number} cancelled: ${reason ?? ""}`.trim()) : null;
  return { ...applied, refund };
}

/** Money owed back to the buyer: declared due (refund_due events) minus refunds made or under way. */
export function refundOutstanding(order: Pick<OrderDetail, "events" | "refunds">): bigint {
  const due = order.events.filter((e) => e.event === "refund_due").reduce((sum, e) => sum + (e.amountMinor ?? 0n), 0n);
  const refunded = order.refunds.filter((r) => r.status !== "FAILED").reduce((sum, r) => sum + r.amountMinor, 0n);
  return due > refunded ? due - refunded : 0n;
}
