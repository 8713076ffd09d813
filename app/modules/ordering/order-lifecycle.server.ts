import type { Order, OrderStatus as DbOrderStatus, Prisma, StockReservation } from "~/generated/prisma/client";
import { unscopedDb } from "~/modules/db/index.server";
import { InsufficientStockError, ReservationError } from "~/modules/inventory/errors";
import { applyMovement, type LedgerTx } from "~/modules/inventory/ledger.server";
import { confirm, release, reserve, RESERVATION_TRANSACTION, ship, type TransactionRunner } from "~/modules/inventory/reservations.server";
import { ensureOrderDeclaration, ORDER_STATUSES_NEEDING_DECLARATION } from "~/modules/export-agency/declarations.server";
import { settleOrderPayment } from "~/modules/export-agency/settlements.server";
import { bookShipmentForShippedOrder } from "~/modules/logistics/shipments.server";
import { reasonColumns, type OrderReason } from "./order-reasons";
import { transition, type OrderEffect, type OrderEventInput, type OrderEventKind, type OrderState, type OrderStatus, type TransitionRefusal } from "./order-state";

/**
 * The one function that changes an order: it locks the order row, asks the state machine (order-state.ts) whether
 * the event may happen, writes the new status, amounts and dated timestamps, appends the audit row (OrderEvent) and
 * carries out the effects (stock picks, releases, shipments, refunds due) in the same transaction.
 */

/**
 * Unscoped on purpose: an order's effects touch both parties' rows and the manufacturer's stock. Who may act is
 * decided here from `actor` (a party of the order, the platform, or the system), not by the client's scope.
 * Pass `unscopedDb` (or a client on a pool of its own) to open a transaction, or the caller's transaction client.
 */
export type OrderClient = Prisma.TransactionClient | TransactionRunner;

export interface OrderActor {
  userId: string | null;
  /** The organization acting (buyer, manufacturer, platform); null for the system (webhooks, workers). */
  organizationId: string | null;
}

export interface ApplyOrderEventInput {
  orderId: string;
  event: OrderEventInput;
  actor: OrderActor;
  /** What a person typed (shown as written), or a reason Ponte writes: a code rendered in the reader's language. */
  reason?: string | OrderReason;
  now?: Date;
}

export type OrderErrorCode =
  | TransitionRefusal
  | "order_not_found"
  | "not_allowed_for_role"
  | "reason_required"
  | "reason_too_long"
  | "dispute_open";

const STATUS_OF: Record<OrderErrorCode, 400 | 403 | 404 | 409> = {
  order_not_found: 404,
  not_allowed_in_status: 409,
  not_allowed_for_role: 403,
  invalid_amount: 400,
  refund_exceeds_paid: 409,
  terms_not_granted: 409,
  reason_required: 400,
  reason_too_long: 400,
  dispute_open: 409,
};

/** A refused order change. Pages translate `orders:errors.<code>` and answer `status` (never 500). */
export class OrderLifecycleError extends Error {
  readonly status: 400 | 403 | 404 | 409;
  constructor(
    readonly code: OrderErrorCode,
    message?: string,
  ) {
    super(message ?? code);
    this.name = "OrderLifecycleError";
    this.status = STATUS_OF[code];
  }
  get messageKey(): string {
    return `errors.${this.code}`;
  }
}

export const MAX_ORDER_REASON_LENGTH = 2000;

type Party = "buyer" | "manufacturer" | "platform" | "system";

/**
 * Which party may send which event. Payments and refunds arrive from the system (webhooks, jobs) or the platform
 * (recording a transfer); the buyer chooses how to pay, cancels before shipment and confirms receipt; the
 * manufacturer prepares, ships and may cancel before shipment; the platform may do everything.
 */
export const EVENTS_BY_PARTY: Record<Exclude<Party, "platform" | "system">, readonly OrderEventKind[]> = {
  buyer: ["await_payment", "terms_accepted", "cancel", "complete"],
  manufacturer: ["start_fulfilment", "ship", "cancel"],
};

/** Events a person (not the system) must give a reason for. */
const REASON_REQUIRED: readonly OrderEventKind[] = ["cancel"];

const DATED: Partial<Record<OrderStatus, "paidAt" | "shippedAt" | "deliveredAt" | "completedAt" | "cancelledAt">> = {
  PAID: "paidAt",
  SHIPPED: "shippedAt",
  DELIVERED: "deliveredAt",
  COMPLETED: "completedAt",
  CANCELLED: "cancelledAt",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type AppliedOrderEvent = Order & { effects: readonly OrderEffect[] };

/** A top-level client (opens its own transaction). Prisma's transaction clients also have `$transaction` (nested
 * savepoints) but never `$connect`: that tells them apart. */
function isTransactionRunner(client: OrderClient): client is TransactionRunner {
  return typeof (client as { $connect?: unknown }).$connect === "function";
}

/** What the state machine sees of an order row. `onTerms`: the platform's credit covers it (payment method TERMS). */
export function orderStateOf(order: Pick<Order, "status" | "buyerTotalMinor" | "paidMinor" | "refundedMinor" | "paymentMethod">): OrderState {
  return { status: order.status, totalMinor: order.buyerTotalMinor, paidMinor: order.paidMinor, refundedMinor: order.refundedMinor, onTerms: order.paymentMethod === "TERMS" };
}

/** Which party of `order` the actor is (throws order_not_found for an outsider: they must not learn it exists). */
export async function partyOf(tx: Prisma.TransactionClient, order: Pick<Order, "organizationId" | "buyerOrganizationId">, actor: OrderActor): Promise<Party> {
  if (actor.organizationId === null) return "system";
  if (actor.organizationId === order.buyerOrganizationId) return "buyer";
  if (actor.organizationId === order.organizationId) return "manufacturer";
  const org = await tx.organization.findUnique({ where: { id: actor.organizationId }, select: { kind: true } });
  if (org?.kind === "PLATFORM") return "platform";
  throw new OrderLifecycleError("order_not_found");
}

export function mayActAs(party: Party, kind: OrderEventKind): boolean {
  if (party === "platform" || party === "system") return true;
  return EVENTS_BY_PARTY[party].includes(kind);
}

export async function applyOrderEvent(client: OrderClient, input: ApplyOrderEventInput): Promise<AppliedOrderEvent> {
  if (!UUID.test(input.orderId)) throw new OrderLifecycleError("order_not_found");
  const reason = typeof input.reason === "string" ? input.reason.trim() || undefined : input.reason ? { ...input.reason, note: input.reason.note?.trim() || null } : undefined;
  const typed = typeof reason === "string" ? reason : reason?.note;
  if (typed && typed.length > MAX_ORDER_REASON_LENGTH) throw new OrderLifecycleError("reason_too_long");
  if (isTransactionRunner(client)) return client.$transaction((tx) => applyInTransaction(tx as Prisma.TransactionClient, input, reason), RESERVATION_TRANSACTION);
  return applyInTransaction(client, input, reason);
}

async function applyInTransaction(tx: Prisma.TransactionClient, input: ApplyOrderEventInput, reason: string | OrderReason | undefined): Promise<AppliedOrderEvent> {
  const now = input.now ?? new Date();
  // The row lock serializes every change of this order (a webhook and a cancel click cannot interleave).
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Order" WHERE "id" = ${input.orderId}::uuid FOR UPDATE`;
  if (!locked[0]) throw new OrderLifecycleError("order_not_found");
  const order = await tx.order.findUniqueOrThrow({ where: { id: input.orderId } });

  const party = await partyOf(tx, order, input.actor);
  if (!mayActAs(party, input.event.kind)) throw new OrderLifecycleError("not_allowed_for_role");
  if (party !== "system" && REASON_REQUIRED.includes(input.event.kind) && !reason) throw new OrderLifecycleError("reason_required");

  const result = transition(orderStateOf(order), input.event);
  if (!result.ok) throw new OrderLifecycleError(result.reason);
  if (input.event.kind === "complete") {
    const open = await tx.dispute.count({ where: { orderId: order.id, organizationId: order.organizationId, status: "OPEN" } });
    if (open > 0) throw new OrderLifecycleError("dispute_open");
  }

  const next = result.state;
  const data: Prisma.OrderUncheckedUpdateInput = { paidMinor: next.paidMinor, refundedMinor: next.refundedMinor };
  if (next.status !== order.status) {
    data.status = next.status as DbOrderStatus;
    const dated = DATED[next.status];
    if (dated) data[dated] = now;
  }
  const updated = await tx.order.update({ where: { id: order.id }, data });

  const amountMinor = "amountMinor" in input.event ? input.event.amountMinor : null;
  await tx.orderEvent.create({
    data: {
      organizationId: order.organizationId,
      buyerOrganizationId: order.buyerOrganizationId,
      orderId: order.id,
      event: input.event.kind,
      fromStatus: order.status,
      toStatus: updated.status,
      amountMinor,
      actorUserId: input.actor.userId,
      actorOrganizationId: input.actor.organizationId,
      ...reasonColumns(reason),
      createdAt: now,
    },
  });

  for (const effect of result.effects) await carryOut(tx, updated, effect, input.actor, now);
  if (updated.status !== order.status) await declareExport(tx, updated, input.actor, now);
  // Shipped: its tracked shipment (legs, references, promise), under a savepoint of its own (shipments.server.ts).
  await bookShipmentForShippedOrder(tx, updated, order.status, now);
  if (input.event.kind === "payment_received") await settleForex(tx, updated, now);
  return { ...updated, effects: result.effects };
}

/**
 * The buyer's payment settled (PAID, or a net-terms order paid in full): the export agency's forex settlement for the
 * manufacturer, once per order. Under a savepoint: a failure here never undoes the payment.
 */
async function settleForex(tx: Prisma.TransactionClient, order: Order, now: Date) {
  if (order.status === "CANCELLED" || order.paidMinor < order.buyerTotalMinor) return;
  await tx.$executeRaw`SAVEPOINT forex_settlement`;
  try {
    const outcome = await settleOrderPayment(tx, order.id, now);
    await tx.$executeRaw`RELEASE SAVEPOINT forex_settlement`;
    if (outcome.kind === "missing_rate") console.error(`[export-agency] no ${outcome.what} rate for the settlement of order ${order.number}`);
  } catch (error) {
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT forex_settlement`;
    console.error(`[export-agency] forex settlement for order ${order.number} not made:`, error);
  }
}

/**
 * An order shipped from Zhuhai gets its 9710 export declaration when it first becomes paid, in fulfilment or shipped.
 * Under a savepoint: a failure here never undoes the payment or shipment (the sweep job creates it later).
 */
async function declareExport(tx: Prisma.TransactionClient, order: Order, actor: OrderActor, now: Date) {
  if (order.source !== "ORIGIN" || !(ORDER_STATUSES_NEEDING_DECLARATION as readonly string[]).includes(order.status)) return;
  await tx.$executeRaw`SAVEPOINT export_declaration`;
  try {
    await ensureOrderDeclaration(tx, order.id, { actorUserId: actor.userId, now });
    await tx.$executeRaw`RELEASE SAVEPOINT export_declaration`;
  } catch (error) {
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT export_declaration`;
    console.error(`[export-agency] declaration for order ${order.number} left to the sweep:`, error);
  }
}

/** The order's stock reservations, in one lock order (warehouse, SKU) so concurrent orders never deadlock. */
async function reservationsOf(tx: Prisma.TransactionClient, order: Order): Promise<StockReservation[]> {
  const rows = await tx.stockReservation.findMany({ where: { organizationId: order.organizationId, reference: `order:${order.id}` } });
  return rows.sort((a, b) => a.warehouseId.localeCompare(b.warehouseId) || a.variantId.localeCompare(b.variantId) || a.id.localeCompare(b.id));
}

async function carryOut(tx: Prisma.TransactionClient, order: Order, effect: OrderEffect, actor: OrderActor, now: Date) {
  const ledger = tx as LedgerTx;
  const userId = actor.userId ?? undefined;
  switch (effect.kind) {
    case "pick_stock":
      return pickStock(ledger, order, actor, now);
    case "release_stock": {
      for (const reservation of await reservationsOf(tx, order)) {
        if (reservation.status === "ACTIVE") {
          await release(reservation.id, {}, { tx: ledger, now, userId, reason: `order ${order.number} cancelled` });
        } else if (reservation.status === "CONFIRMED") {
          // Picked but not shipped (cancel happens before shipment): the units go back on the shelf.
          await applyMovement(ledger, {
            organizationId: reservation.organizationId,
            warehouseId: reservation.warehouseId,
            variantId: reservation.variantId,
            kind: "ADJUSTMENT",
            onHandDelta: reservation.quantity,
            reservationId: reservation.id,
            reason: `order ${order.number} cancelled: picked units returned`,
            userId,
          });
        }
      }
      return;
    }
    case "ship_stock": {
      for (const reservation of await reservationsOf(tx, order)) {
        if (reservation.status !== "CONFIRMED") continue;
        try {
          await ship(reservation.id, {}, { tx: ledger, userId, reason: `order ${order.number}` });
        } catch (error) {
          if (!(error instanceof ReservationError && error.code === "reservation_shipped")) throw error;
        }
      }
      return;
    }
    case "refund_due":
      // Recorded for the platform: the order page and the platform's list show what is owed back until a Refund
      // settles it (Stripe, or a recorded transfer for T/T).
      await tx.orderEvent.create({
        data: {
          organizationId: order.organizationId,
          buyerOrganizationId: order.buyerOrganizationId,
          orderId: order.id,
          event: "refund_due",
          fromStatus: order.status,
          toStatus: order.status,
          amountMinor: effect.amountMinor,
          actorUserId: actor.userId,
          actorOrganizationId: actor.organizationId,
          ...reasonColumns({ code: order.status === "CANCELLED" ? "cancelled_after_payment" : "overpaid" }),
          createdAt: now,
        },
      });
      return;
  }
}

/**
 * Paid (or on terms): the held units become picks at the serving warehouse. A reservation that ran out before the
 * money arrived is taken again if the stock is still there; if it is not, the shortfall is written to the order's
 * history for the manufacturer and the platform to resolve: a payment is never refused.
 */
async function pickStock(tx: LedgerTx, order: Order, actor: OrderActor, now: Date) {
  const userId = actor.userId ?? undefined;
  const lines = await tx.orderLine.findMany({ where: { orderId: order.id, organizationId: order.organizationId }, select: { id: true, reservationId: true, variantId: true, sku: true } });
  for (const reservation of await reservationsOf(tx, order)) {
    if (reservation.status === "CONFIRMED") continue;
    if (reservation.status === "ACTIVE" && reservation.expiresAt > now) {
      await confirm(reservation.id, {}, { tx, now, userId });
      continue;
    }
    if (reservation.status === "RELEASED") continue;
    if (reservation.status === "ACTIVE") await release(reservation.id, {}, { tx, now, userId, reason: "expired before payment" });
    try {
      const again = await reserve(
        {
          organizationId: reservation.organizationId,
          warehouseId: reservation.warehouseId,
          variantId: reservation.variantId,
          quantity: reservation.quantity,
          reference: reservation.reference,
          holderOrganizationId: reservation.holderOrganizationId,
          holderUserId: reservation.holderUserId,
          now,
        },
        { tx, userId },
      );
      await confirm(again.id, {}, { tx, now, userId });
      const line = lines.find((l) => l.reservationId === reservation.id);
      if (line) await tx.orderLine.update({ where: { id: line.id }, data: { reservationId: again.id } });
    } catch (error) {
      if (!(error instanceof InsufficientStockError)) throw error;
      await tx.orderEvent.create({
        data: {
          organizationId: order.organizationId,
          buyerOrganizationId: order.buyerOrganizationId,
          orderId: order.id,
          event: "stock_short",
          fromStatus: order.status,
          toStatus: order.status,
          actorUserId: actor.userId,
          actorOrganizationId: actor.organizationId,
          ...reasonColumns({ code: "stock_short", params: { sku: lines.find((l) => l.variantId === reservation.variantId)?.sku ?? reservation.variantId, requested: reservation.quantity, available: Number(error.available) } }),
          createdAt: now,
        },
      });
    }
  }
}

/** Applies an event with unscopedDb when the caller has no transaction of its own. */
export function applyOrderEventNow(input: ApplyOrderEventInput): Promise<AppliedOrderEvent> {
  return applyOrderEvent(unscopedDb, input);
}
