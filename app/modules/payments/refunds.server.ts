import type { Refund } from "~/generated/prisma/client";
import { unscopedDb } from "~/modules/db/index.server";
import { RESERVATION_TRANSACTION } from "~/modules/inventory/reservations.server";
import type { OrderActor } from "~/modules/ordering/order-lifecycle.server";
import { currencyExponent } from "./stripe-checkout.server";
import { settleRefundRow } from "./stripe-events.server";
import { toStripeAmount } from "./stripe-methods";
import { stripeClient } from "./stripe.server";

/**
 * Refunds through Stripe, full or partial, from the Stripe payments of an order. The Refund row (PENDING) is
 * written first under the order's lock, so concurrent requests cannot promise the same money twice, and its id is
 * the Idempotency-Key and the refund's metadata: a retried request refunds once, and the webhook finds the row even
 * before the answer is stored. The order records the refund when Stripe says it succeeded (answer or webhook).
 * Platform work on unscopedDb: callers are behind the PLATFORM gate (or the system).
 */

export type RefundErrorCode = "stripe_off" | "order_not_found" | "invalid_amount" | "reason_required" | "exceeds_refundable" | "stripe_unavailable";

const STATUS_OF: Record<RefundErrorCode, 400 | 404 | 409 | 502 | 503> = {
  stripe_off: 503,
  order_not_found: 404,
  invalid_amount: 400,
  reason_required: 400,
  exceeds_refundable: 409,
  stripe_unavailable: 502,
};

export class RefundError extends Error {
  readonly status: 400 | 404 | 409 | 502 | 503;
  constructor(
    readonly code: RefundErrorCode,
    message?: string,
  ) {
    super(message ?? code);
    this.name = "RefundError";
    this.status = STATUS_OF[code];
  }
}

export const MAX_REFUND_REASON_LENGTH = 500;

/**
 * Refunds `amountMinor` (the order's buyer currency) of `order` through Stripe; answers the Refund row as it stands
 * after Stripe's answer (SUCCEEDED, or PENDING until the webhook settles it). `actor` is who asked (the platform),
 * recorded on the order's history.
 */
export async function refundThroughStripe(order: { id: string }, amountMinor: bigint, reason: string, actor: OrderActor = { userId: null, organizationId: null }): Promise<Refund> {
  const client = stripeClient();
  if (!client) throw new RefundError("stripe_off");
  const why = reason.trim();
  if (!why) throw new RefundError("reason_required");
  if (why.length > MAX_REFUND_REASON_LENGTH) throw new RefundError("reason_required", "reason too long");
  if (amountMinor <= 0n) throw new RefundError("invalid_amount");

  const { refund, intentId } = await unscopedDb.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Order" WHERE "id" = ${order.id}::uuid FOR UPDATE`;
    if (!locked[0]) throw new RefundError("order_not_found");
    const row = await tx.order.findUniqueOrThrow({ where: { id: order.id } });
    const payments = await tx.payment.findMany({ where: { orderId: row.id, organizationId: row.organizationId, method: "STRIPE", status: "SUCCEEDED", stripePaymentIntentId: { not: null } }, orderBy: { succeededAt: "asc" } });
    const promised = await tx.refund.findMany({ where: { orderId: row.id, organizationId: row.organizationId, status: { in: ["PENDING", "SUCCEEDED"] } }, select: { paymentId: true, amountMinor: true, status: true } });
    // Never more than the order still holds (PENDING refunds count as already given back).
    const pendingTotal = promised.filter((r) => r.status === "PENDING").reduce((sum, r) => sum + r.amountMinor, 0n);
    if (amountMinor > row.paidMinor - pendingTotal) throw new RefundError("exceeds_refundable");
    const payment = payments.find((p) => p.receivedMinor - promised.filter((r) => r.paymentId === p.id).reduce((sum, r) => sum + r.amountMinor, 0n) >= amountMinor);
    if (!payment) throw new RefundError("exceeds_refundable");
    const created = await tx.refund.create({
      data: { organizationId: row.organizationId, buyerOrganizationId: row.buyerOrganizationId, orderId: row.id, paymentId: payment.id, currencyCode: payment.currencyCode, amountMinor, reason: why, status: "PENDING", createdById: actor.userId },
    });
    return { refund: created, intentId: payment.stripePaymentIntentId! };
  }, RESERVATION_TRANSACTION);

  let answer;
  try {
    answer = await client.refunds.create(
      {
        payment_intent: intentId,
        amount: toStripeAmount(amountMinor, refund.currencyCode.trim(), currencyExponent(refund.currencyCode)),
        reason: "requested_by_customer",
        metadata: { refundId: refund.id, orderId: refund.orderId },
      },
      { idempotencyKey: `ponte-refund-${refund.id}` },
    );
  } catch (error) {
    await unscopedDb.refund.updateMany({ where: { id: refund.id, status: "PENDING" }, data: { status: "FAILED", completedAt: new Date() } });
    const stripeError = error as { type?: string; message?: string } | null;
    if (stripeError?.type?.startsWith("Stripe")) throw new RefundError("stripe_unavailable", stripeError.message);
    throw error;
  }
  await settleRefundRow(refund.id, answer, actor);
  return unscopedDb.refund.findUniqueOrThrow({ where: { id: refund.id } });
}
