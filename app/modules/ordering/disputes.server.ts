import { randomUUID } from "node:crypto";
import type { Dispute, Order, Prisma } from "~/generated/prisma/client";
import { storage } from "~/modules/catalog/storage.server";
import { unscopedDb } from "~/modules/db/index.server";
import { RESERVATION_TRANSACTION } from "~/modules/inventory/reservations.server";
import { afterNotifyCommit, notifyOrderEvent, type NotifyResult } from "./notifications.server";
import { applyOrderEvent, MAX_ORDER_REASON_LENGTH, OrderLifecycleError, partyOf, type OrderActor } from "./order-lifecycle.server";
import { reasonColumns, type OrderReason } from "./order-reasons";
import { refundDueAutomatically } from "./orders-refunds.server";

/**
 * Disputes: the buyer complains within 30 days of delivery, with a reason and evidence (photos, PDFs); buyer,
 * manufacturer and platform talk it through; the platform resolves it — for the buyer (optionally with a refund
 * that becomes due) or for the manufacturer. While one is open the order cannot be completed.
 */

export const DISPUTE_WINDOW_DAYS = 30;
const DAY_MS = 24 * 3600_000;

export type DisputeErrorCode = "order_not_found" | "dispute_not_found" | "not_delivered" | "window_closed" | "dispute_exists" | "dispute_closed" | "not_allowed_for_role" | "reason_required" | "message_required" | "invalid_amount" | "refund_exceeds_paid";

const STATUS_OF: Record<DisputeErrorCode, 400 | 403 | 404 | 409> = {
  order_not_found: 404,
  dispute_not_found: 404,
  not_delivered: 409,
  window_closed: 409,
  dispute_exists: 409,
  dispute_closed: 409,
  not_allowed_for_role: 403,
  reason_required: 400,
  message_required: 400,
  invalid_amount: 400,
  refund_exceeds_paid: 409,
};

/** A refused dispute step; pages translate `orders.errors.<code>`. */
export class DisputeError extends Error {
  readonly status: 400 | 403 | 404 | 409;
  constructor(readonly code: DisputeErrorCode) {
    super(code);
    this.name = "DisputeError";
    this.status = STATUS_OF[code];
  }
}

/** The last moment the buyer may open a dispute: 30 days after delivery. */
export function disputeWindowEnds(deliveredAt: Date): Date {
  return new Date(deliveredAt.getTime() + DISPUTE_WINDOW_DAYS * DAY_MS);
}

export function withinDisputeWindow(order: Pick<Order, "status" | "deliveredAt">, now: Date): boolean {
  return order.status === "DELIVERED" && order.deliveredAt !== null && now < disputeWindowEnds(order.deliveredAt);
}

/** Stores checked evidence files under the dispute's folder: "disputes/<id>/<uuid>.<ext>". */
export async function storeEvidence(disputeId: string, files: readonly { bytes: Uint8Array; ext: string }[]): Promise<string[]> {
  const keys: string[] = [];
  for (const file of files) {
    const key = `disputes/${disputeId}/${randomUUID()}.${file.ext}`;
    await storage().put(key, file.bytes);
    keys.push(key);
  }
  return keys;
}

async function discard(keys: readonly string[]) {
  await Promise.all(keys.map((key) => storage().delete(key).catch(() => undefined)));
}

function cleanText(text: string | undefined, max = MAX_ORDER_REASON_LENGTH): string {
  return (text ?? "").trim().slice(0, max);
}

async function lockOrder(tx: Prisma.TransactionClient, orderId: string): Promise<Order> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Order" WHERE "id" = ${orderId}::uuid FOR UPDATE`;
  if (!locked[0]) throw new DisputeError("order_not_found");
  return tx.order.findUniqueOrThrow({ where: { id: orderId } });
}

async function audit(tx: Prisma.TransactionClient, order: Order, event: string, actor: OrderActor, reason: string | OrderReason | null, now: Date, amountMinor: bigint | null = null) {
  await tx.orderEvent.create({
    data: {
      organizationId: order.organizationId,
      buyerOrganizationId: order.buyerOrganizationId,
      orderId: order.id,
      event,
      fromStatus: order.status,
      toStatus: order.status,
      amountMinor,
      actorUserId: actor.userId,
      actorOrganizationId: actor.organizationId,
      ...reasonColumns(reason),
      createdAt: now,
    },
  });
}

async function actorParty(tx: Prisma.TransactionClient, order: Order, actor: OrderActor) {
  try {
    return await partyOf(tx, order, actor);
  } catch (error) {
    if (error instanceof OrderLifecycleError) throw new DisputeError("order_not_found");
    throw error;
  }
}

export interface OpenDisputeInput {
  orderId: string;
  actor: OrderActor;
  reason: string;
  evidence?: readonly { bytes: Uint8Array; ext: string }[];
  now?: Date;
}

/** The buyer opens a dispute on a delivered order within the window; the reason and evidence start the conversation. */
export async function openDispute(input: OpenDisputeInput): Promise<Dispute> {
  const now = input.now ?? new Date();
  const reason = cleanText(input.reason);
  if (!reason) throw new DisputeError("reason_required");
  const disputeId = randomUUID();
  const keys = await storeEvidence(disputeId, input.evidence ?? []);
  let notice: NotifyResult | undefined;
  try {
    const dispute = await unscopedDb.$transaction(async (tx) => {
      const order = await lockOrder(tx, input.orderId);
      const party = await actorParty(tx, order, input.actor);
      if (party !== "buyer") throw new DisputeError("not_allowed_for_role");
      if (order.status !== "DELIVERED" || !order.deliveredAt) throw new DisputeError("not_delivered");
      if (!withinDisputeWindow(order, now)) throw new DisputeError("window_closed");
      const open = await tx.dispute.count({ where: { orderId: order.id, organizationId: order.organizationId, status: "OPEN" } });
      if (open > 0) throw new DisputeError("dispute_exists");
      const created = await tx.dispute.create({
        data: { id: disputeId, organizationId: order.organizationId, buyerOrganizationId: order.buyerOrganizationId, orderId: order.id, openedById: input.actor.userId, reason, createdAt: now },
      });
      await tx.disputeMessage.create({
        data: { organizationId: order.organizationId, buyerOrganizationId: order.buyerOrganizationId, disputeId, authorUserId: input.actor.userId, authorOrganizationId: order.buyerOrganizationId, body: reason, attachmentKeys: keys, createdAt: now },
      });
      await audit(tx, order, "dispute_opened", input.actor, reason, now);
      notice = await notifyOrderEvent(tx, order, { kind: "dispute_opened", reason });
      return created;
    }, RESERVATION_TRANSACTION);
    if (notice) await afterNotifyCommit(notice);
    return dispute;
  } catch (error) {
    await discard(keys);
    throw error;
  }
}

export interface DisputeMessageInput {
  disputeId: string;
  actor: OrderActor & { organizationId: string };
  body: string;
  evidence?: readonly { bytes: Uint8Array; ext: string }[];
  now?: Date;
}

/** A message in an open dispute, from the buyer, the manufacturer or the platform. */
export async function postDisputeMessage(input: DisputeMessageInput) {
  const now = input.now ?? new Date();
  const body = cleanText(input.body, 8000);
  if (!body && !(input.evidence?.length ?? 0)) throw new DisputeError("message_required");
  const dispute = await unscopedDb.dispute.findUnique({ where: { id: input.disputeId } });
  if (!dispute) throw new DisputeError("dispute_not_found");
  const keys = await storeEvidence(dispute.id, input.evidence ?? []);
  try {
    return await unscopedDb.$transaction(async (tx) => {
      const order = await lockOrder(tx, dispute.orderId);
      await actorParty(tx, order, input.actor);
      const current = await tx.dispute.findUniqueOrThrow({ where: { id: dispute.id } });
      if (current.status !== "OPEN") throw new DisputeError("dispute_closed");
      return tx.disputeMessage.create({
        data: { organizationId: order.organizationId, buyerOrganizationId: order.buyerOrganizationId, disputeId: dispute.id, authorUserId: input.actor.userId, authorOrganizationId: input.actor.organizationId, body, attachmentKeys: keys, createdAt: now },
      });
    });
  } catch (error) {
    await discard(keys);
    throw error;
  }
}

export interface ResolveDisputeInput {
  disputeId: string;
  actor: OrderActor & { organizationId: string };
  outcome: "RESOLVED_FOR_BUYER" | "RESOLVED_FOR_MANUFACTURER";
  resolution: string;
  /** For the buyer: what should go back to them (buyer's currency), partial or full; 0 for none. */
  refundMinor?: bigint;
  now?: Date;
}

/**
 * The platform decides. A refund granted to the buyer is recorded as due on the order (OrderEvent "refund_due"), to
 * be paid back through Stripe or by transfer; the order can then be completed.
 */
export async function resolveDispute(input: ResolveDisputeInput): Promise<Dispute> {
  const now = input.now ?? new Date();
  const resolution = cleanText(input.resolution);
  if (!resolution) throw new DisputeError("reason_required");
  const refundMinor = input.outcome === "RESOLVED_FOR_BUYER" ? (input.refundMinor ?? 0n) : 0n;
  if (refundMinor < 0n) throw new DisputeError("invalid_amount");
  const dispute = await unscopedDb.dispute.findUnique({ where: { id: input.disputeId } });
  if (!dispute) throw new DisputeError("dispute_not_found");
  let notice: NotifyResult | undefined;
  const resolved = await unscopedDb.$transaction(async (tx) => {
    const order = await lockOrder(tx, dispute.orderId);
    if ((await actorParty(tx, order, input.actor)) !== "platform") throw new DisputeError("not_allowed_for_role");
    if (refundMinor > order.paidMinor) throw new DisputeError("refund_exceeds_paid");
    const updated = await tx.dispute.updateMany({
      where: { id: dispute.id, organizationId: order.organizationId, status: "OPEN" },
      data: { status: input.outcome, resolution, resolvedById: input.actor.userId, resolvedAt: now },
    });
    if (updated.count === 0) throw new DisputeError("dispute_closed");
    await audit(tx, order, "dispute_resolved", input.actor, { code: "dispute_decided", params: { outcome: input.outcome }, note: resolution }, now);
    if (refundMinor > 0n) await audit(tx, order, "refund_due", input.actor, { code: "dispute_refund", note: resolution }, now, refundMinor);
    notice = await notifyOrderEvent(tx, order, { kind: "dispute_resolved", outcome: input.outcome });
    return tx.dispute.findUniqueOrThrow({ where: { id: dispute.id } });
  }, RESERVATION_TRANSACTION);
  if (notice) await afterNotifyCommit(notice);
  // Paid through Stripe: the granted refund goes back at once; otherwise it stays due for the platform to send.
  if (refundMinor > 0n) await refundDueAutomatically(dispute.orderId, refundMinor, `dispute: ${resolution}`, input.actor);
  return resolved;
}

/** Delivered orders whose dispute window has closed, handled per run by the worker. */
export const COMPLETION_BATCH = 100;

/**
 * The worker's job: DELIVERED orders 30 days after delivery with no open dispute are completed (audited as the
 * system, reason "dispute window closed"). An order whose dispute opened meanwhile is left alone.
 */
export async function completeDeliveredOrders(options: { now?: Date; batchSize?: number } = {}): Promise<{ completed: number }> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - DISPUTE_WINDOW_DAYS * DAY_MS);
  const due = await unscopedDb.order.findMany({
    where: { status: "DELIVERED", deliveredAt: { lte: cutoff }, disputes: { none: { status: "OPEN" } } },
    orderBy: { deliveredAt: "asc" },
    take: options.batchSize ?? COMPLETION_BATCH,
    select: { id: true },
  });
  let completed = 0;
  for (const { id } of due) {
    try {
      await applyOrderEvent(unscopedDb, { orderId: id, event: { kind: "complete" }, actor: { userId: null, organizationId: null }, reason: { code: "dispute_window_closed" }, now });
      completed += 1;
    } catch (error) {
      // Raced with a dispute or a manual completion: nothing to do for this one.
      if (!(error instanceof OrderLifecycleError)) throw error;
    }
  }
  return { completed };
}
