import { unscopedDb } from "~/modules/db/index.server";
import { BankTransferError, recordTransferRefund } from "~/modules/payments/bank-transfer.server";
import { RefundError, refundThroughStripe } from "~/modules/payments/refunds.server";
import { stripeEnabled } from "~/modules/payments/stripe.server";
import type { OrderActor } from "./order-lifecycle.server";

/**
 * Money going back to a buyer: through Stripe when the order was paid there (the refund settles when Stripe says
 * so), recorded by the platform when it was paid by bank transfer (the platform sent it back itself).
 */

export type RefundOutcome = "refunded" | "pending" | "due";

/** Automatic refunds are Ponte's own doing (the merchant of record), whoever cancelled. */
const SYSTEM: OrderActor = { userId: null, organizationId: null };

async function paidThroughStripe(orderId: string): Promise<boolean> {
  return (await unscopedDb.payment.count({ where: { orderId, method: "STRIPE", status: "SUCCEEDED" } })) > 0;
}

/**
 * After a cancellation (or a dispute decided for the buyer) declared money due: refunds it through Stripe when the
 * order was paid there. When that is impossible (Stripe off or unreachable, paid by transfer) the refund stays due,
 * shown on the order for the platform to settle; the cancellation itself already happened and is not undone.
 */
export async function refundDueAutomatically(orderId: string, amountMinor: bigint, reason: string, actor: OrderActor = SYSTEM): Promise<RefundOutcome> {
  if (amountMinor <= 0n || !stripeEnabled() || !(await paidThroughStripe(orderId))) return "due";
  try {
    const refund = await refundThroughStripe({ id: orderId }, amountMinor, reason.slice(0, 500), actor);
    return refund.status === "SUCCEEDED" ? "refunded" : refund.status === "PENDING" ? "pending" : "due";
  } catch (error) {
    // The cancellation (or decision) is committed whatever happens here: a failed refund stays due on the order
    // for the platform, it does not turn a done cancellation into an error page.
    console.error("[orders] automatic Stripe refund failed; it stays due on the order", orderId, error instanceof RefundError ? error.code : error);
    return "due";
  }
}

/** The platform refunds from the order page: through Stripe if paid there, else records a transfer sent back. */
export async function refundFromOrderPage(input: { orderId: string; amountText: string; amountMinor: bigint; reason: string; actor: OrderActor & { organizationId: string } }): Promise<RefundOutcome> {
  if (await paidThroughStripe(input.orderId)) {
    const refund = await refundThroughStripe({ id: input.orderId }, input.amountMinor, input.reason, input.actor);
    return refund.status === "SUCCEEDED" ? "refunded" : "pending";
  }
  await recordTransferRefund({ orderId: input.orderId, amountText: input.amountText, reason: input.reason, actor: input.actor });
  return "refunded";
}

export { BankTransferError, RefundError };
