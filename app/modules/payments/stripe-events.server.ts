import type Stripe from "stripe";
import type { Payment, Prisma } from "~/generated/prisma/client";
import { unscopedDb } from "~/modules/db/index.server";
import { isUuid } from "~/modules/http/responses.server";
import { RESERVATION_TRANSACTION } from "~/modules/inventory/reservations.server";
import { applyOrderEvent, type OrderActor } from "~/modules/ordering/order-lifecycle.server";
import { afterNotifyCommit, notifyOrderEvent, type NotifyResult } from "~/modules/ordering/notifications.server";
import { currencyExponent } from "./stripe-checkout.server";
import { stripeClient } from "./stripe.server";
import { fromStripeAmount } from "./stripe-methods";
import { refundReason } from "~/modules/ordering/order-reasons";

/**
 * Stripe's webhook events, stored by id before anything is done (storeStripeEvent: a replay is harmless) and
 * applied by a job (processStripeEvent). Events may arrive late, twice or out of order, so each one moves a payment
 * only forward: PENDING → AWAITING_CONFIRMATION (a voucher) → SUCCEEDED, or to FAILED/CANCELLED while no money
 * arrived; money is recorded once, by the conditional change to SUCCEEDED under the payment's row lock, and a
 * stale "expired" or "failed" after it changes nothing.
 */

const SYSTEM: OrderActor = { userId: null, organizationId: null };

export type EventOutcome = "applied" | "unchanged" | "ignored";

/** Stores the event once (INSERT … ON CONFLICT DO NOTHING); answers whether it still needs the job. */
export async function storeStripeEvent(event: Stripe.Event): Promise<{ inserted: boolean; pending: boolean }> {
  const object = event.data.object as { id?: unknown };
  const { count } = await unscopedDb.stripeEvent.createMany({
    data: [{ id: event.id, type: event.type, objectId: typeof object.id === "string" ? object.id : "", createdAt: new Date(event.created * 1000), payload: event as unknown as Prisma.InputJsonValue }],
    skipDuplicates: true,
  });
  if (count === 1) return { inserted: true, pending: true };
  const stored = await unscopedDb.stripeEvent.findUnique({ where: { id: event.id }, select: { processedAt: true } });
  return { inserted: false, pending: !stored?.processedAt };
}

/** The job: applies one stored event (again harmless: processed events are skipped, payments only move forward). */
export async function processStripeEvent(eventId: string): Promise<EventOutcome | "already_processed" | "missing"> {
  const row = await unscopedDb.stripeEvent.findUnique({ where: { id: eventId } });
  if (!row) return "missing";
  if (row.processedAt) return "already_processed";
  try {
    const outcome = await applyStripeEvent(row.payload as unknown as Stripe.Event);
    await unscopedDb.stripeEvent.update({ where: { id: eventId }, data: { processedAt: new Date(), attempts: { increment: 1 }, lastError: outcome === "ignored" ? "not about a Ponte payment" : null } });
    return outcome;
  } catch (error) {
    await unscopedDb.stripeEvent.update({ where: { id: eventId }, data: { attempts: { increment: 1 }, lastError: String((error as Error).message ?? error).slice(0, 1000) } });
    throw error;
  }
}

/** Recurring sweep: events stored but never applied (the queue was down, or a job gave up). Oldest first. */
export async function processPendingStripeEvents(options: { olderThanSeconds?: number; limit?: number } = {}): Promise<number> {
  const before = new Date(Date.now() - (options.olderThanSeconds ?? 60) * 1000);
  const pending = await unscopedDb.stripeEvent.findMany({ where: { processedAt: null, receivedAt: { lt: before }, attempts: { lt: 10 } }, orderBy: [{ createdAt: "asc" }], take: options.limit ?? 100, select: { id: true } });
  let done = 0;
  for (const { id } of pending) {
    try {
      await processStripeEvent(id);
      done += 1;
    } catch (error) {
      console.error("[stripe-events]", id, (error as Error).message);
    }
  }
  return done;
}

/**
 * The buyer is back from the hosted page: events about that session that arrived (verified, stored) but that no
 * job has applied yet are applied now, so the page shows the voucher or the payment at once. Same code as the job.
 */
export async function applyStoredEventsFor(sessionId: string): Promise<void> {
  const pending = await unscopedDb.stripeEvent.findMany({ where: { objectId: sessionId, processedAt: null, attempts: { lt: 10 } }, orderBy: [{ createdAt: "asc" }, { receivedAt: "asc" }], select: { id: true } });
  for (const { id } of pending) {
    try {
      await processStripeEvent(id);
    } catch (error) {
      // The job retries it; the page shows what is known.
      console.error("[stripe-events]", id, (error as Error).message);
    }
  }
}

export async function applyStripeEvent(event: Stripe.Event): Promise<EventOutcome> {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired":
      return applySessionEvent(event.type, event.data.object);
    case "refund.created":
    case "refund.updated":
    case "refund.failed":
      return applyStripeRefund(event.data.object);
    case "charge.refunded": {
      let outcome: EventOutcome = "ignored";
      for (const refund of event.data.object.refunds?.data ?? []) {
        const one = await applyStripeRefund(refund);
        if (one === "applied" || (one === "unchanged" && outcome === "ignored")) outcome = one;
      }
      return outcome;
    }
    default:
      return "ignored";
  }
}

// ─── Checkout Sessions ──────────────────────────────────────────────────────────────────────────────────────────

/** A delayed method's voucher as the pay page shows it (Payment.voucher). */
export interface Voucher {
  method: "oxxo" | "boleto" | "multibanco";
  number?: string;
  entity?: string;
  reference?: string;
  expiresAt?: string;
  url?: string;
  pdf?: string;
}

const isoFromSeconds = (seconds: number | null | undefined) => (typeof seconds === "number" ? new Date(seconds * 1000).toISOString() : undefined);

/** The voucher in a PaymentIntent's next_action (oxxo/boleto/multibanco_display_details), or null. */
export function voucherOf(intent: Pick<Stripe.PaymentIntent, "next_action"> | null): Voucher | null {
  const action = intent?.next_action;
  if (!action) return null;
  if (action.oxxo_display_details) {
    const d = action.oxxo_display_details;
    return { method: "oxxo", number: d.number ?? undefined, expiresAt: isoFromSeconds(d.expires_after), url: d.hosted_voucher_url ?? undefined };
  }
  if (action.boleto_display_details) {
    const d = action.boleto_display_details;
    return { method: "boleto", number: d.number ?? undefined, expiresAt: isoFromSeconds(d.expires_at), url: d.hosted_voucher_url ?? undefined, pdf: d.pdf ?? undefined };
  }
  if (action.multibanco_display_details) {
    const d = action.multibanco_display_details;
    return { method: "multibanco", entity: d.entity ?? undefined, reference: d.reference ?? undefined, expiresAt: isoFromSeconds(d.expires_at), url: d.hosted_voucher_url ?? undefined };
  }
  return null;
}

function methodTypeOf(intent: Stripe.PaymentIntent | null): string | null {
  if (!intent) return null;
  if (intent.payment_method && typeof intent.payment_method === "object") return intent.payment_method.type;
  const voucher = voucherOf(intent);
  if (voucher) return voucher.method;
  return intent.payment_method_types?.length === 1 ? intent.payment_method_types[0]! : null;
}

async function findSessionPayment(session: Stripe.Checkout.Session): Promise<Payment | null> {
  const bySession = await unscopedDb.payment.findUnique({ where: { stripeCheckoutSessionId: session.id } });
  if (bySession) return bySession;
  // The webhook can outrun startStripeCheckout storing the session id: the metadata names the payment.
  const paymentId = session.metadata?.paymentId;
  if (!isUuid(paymentId)) return null;
  const byId = await unscopedDb.payment.findUnique({ where: { id: paymentId } });
  return byId && byId.method === "STRIPE" && (!byId.stripeCheckoutSessionId || byId.stripeCheckoutSessionId === session.id) ? byId : null;
}

type SessionEventType = "checkout.session.completed" | "checkout.session.async_payment_succeeded" | "checkout.session.async_payment_failed" | "checkout.session.expired";

async function applySessionEvent(type: SessionEventType, session: Stripe.Checkout.Session): Promise<EventOutcome> {
  const payment = await findSessionPayment(session);
  if (!payment) return "ignored";
  const intentId = typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null);
  // Network before the transaction: the method used and a voucher live on the PaymentIntent.
  let intent: Stripe.PaymentIntent | null = null;
  const client = intentId && type !== "checkout.session.expired" ? stripeClient() : null;
  if (client && intentId) intent = await client.paymentIntents.retrieve(intentId, { expand: ["payment_method"] });

  let notice: NotifyResult | null = null;
  const outcome = await unscopedDb.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "Payment" WHERE "id" = ${payment.id}::uuid FOR UPDATE`;
    const current = await tx.payment.findUniqueOrThrow({ where: { id: payment.id } });
    const details = {
      stripeCheckoutSessionId: current.stripeCheckoutSessionId ?? session.id,
      stripePaymentIntentId: current.stripePaymentIntentId ?? intentId,
      stripeMethodType: current.stripeMethodType ?? methodTypeOf(intent),
    };
    const paid = type === "checkout.session.async_payment_succeeded" || (type === "checkout.session.completed" && session.payment_status !== "unpaid");
    if (paid) {
      if (current.status === "SUCCEEDED") return "unchanged";
      if (session.currency?.toUpperCase() !== current.currencyCode.trim()) throw new Error(`Stripe session ${session.id} is in ${session.currency}, payment ${current.id} in ${current.currencyCode}`);
      const amountMinor = fromStripeAmount(session.amount_total ?? 0, current.currencyCode.trim(), currencyExponent(current.currencyCode));
      // Money that arrived is recorded whatever the payment's state was (a late success after "failed" still paid).
      await tx.payment.update({ where: { id: current.id }, data: { ...details, status: "SUCCEEDED", receivedMinor: amountMinor, succeededAt: new Date(), failureReason: null } });
      const before = await tx.order.findUniqueOrThrow({ where: { id: current.orderId }, select: { status: true } });
      const applied = await applyOrderEvent(tx, { orderId: current.orderId, event: { kind: "payment_received", amountMinor }, actor: SYSTEM, reason: { code: "stripe_payment", params: { method: details.stripeMethodType ?? "payment", session: session.id } } });
      notice = await notifyOrderEvent(tx, applied, applied.status === "PAID" && before.status !== "PAID" ? { kind: "order_paid" } : { kind: "payment_received", amountMinor });
      return "applied";
    }
    if (type === "checkout.session.completed") {
      // Unpaid on completion: a delayed method (voucher or debit). Only a payment still PENDING waits for it.
      if (current.status !== "PENDING") return "unchanged";
      const voucher = voucherOf(intent);
      await tx.payment.update({ where: { id: current.id }, data: { ...details, status: "AWAITING_CONFIRMATION", ...(voucher ? { voucher: voucher as unknown as Prisma.InputJsonValue } : {}) } });
      return "applied";
    }
    if (current.status !== "PENDING" && current.status !== "AWAITING_CONFIRMATION") return "unchanged";
    if (type === "checkout.session.async_payment_failed") {
      await tx.payment.update({ where: { id: current.id }, data: { ...details, status: "FAILED", failureReason: "the delayed payment failed or its voucher expired unpaid" } });
      return "applied";
    }
    // Expired: only a page nobody paid on (a completed session never expires).
    if (current.status !== "PENDING") return "unchanged";
    await tx.payment.update({ where: { id: current.id }, data: { ...details, status: "CANCELLED", failureReason: "the payment page expired" } });
    return "applied";
  }, RESERVATION_TRANSACTION);
  // Both parties hear about the money once it is committed (emails leave after the commit).
  if (notice) await afterNotifyCommit(notice);
  return outcome;
}

// ─── Refunds ────────────────────────────────────────────────────────────────────────────────────────────────────

type StripeRefundLike = Pick<Stripe.Refund, "id" | "status" | "amount" | "currency" | "metadata"> & { payment_intent: string | { id: string } | null };

/**
 * A refund's outcome from Stripe (the API's answer or a webhook): the PENDING row becomes SUCCEEDED once, and only
 * then does the order record the refund; FAILED/CANCELED end it; anything else keeps waiting.
 */
export async function settleRefundRow(refundRowId: string, stripeRefund: StripeRefundLike, actor: OrderActor = SYSTEM): Promise<EventOutcome> {
  let notice: NotifyResult | null = null;
  const outcome = await unscopedDb.$transaction(async (tx): Promise<EventOutcome> => {
    await tx.$queryRaw`SELECT "id" FROM "Refund" WHERE "id" = ${refundRowId}::uuid FOR UPDATE`;
    const row = await tx.refund.findUniqueOrThrow({ where: { id: refundRowId } });
    if (row.status !== "PENDING") return "unchanged";
    if (stripeRefund.status === "succeeded") {
      const amountMinor = fromStripeAmount(stripeRefund.amount, row.currencyCode.trim(), currencyExponent(row.currencyCode));
      await tx.refund.update({ where: { id: row.id }, data: { status: "SUCCEEDED", amountMinor, stripeRefundId: stripeRefund.id, completedAt: new Date() } });
      const applied = await applyOrderEvent(tx, { orderId: row.orderId, event: { kind: "refund", amountMinor }, actor, reason: refundReason(row.reason) ?? row.reason });
      notice = await notifyOrderEvent(tx, applied, { kind: "refund", amountMinor });
      return "applied";
    }
    if (stripeRefund.status === "failed" || stripeRefund.status === "canceled") {
      await tx.refund.update({ where: { id: row.id }, data: { status: "FAILED", stripeRefundId: stripeRefund.id, completedAt: new Date() } });
      return "applied";
    }
    if (row.stripeRefundId !== stripeRefund.id) await tx.refund.update({ where: { id: row.id }, data: { stripeRefundId: stripeRefund.id } });
    return "unchanged";
  }, RESERVATION_TRANSACTION);
  if (notice) await afterNotifyCommit(notice);
  return outcome;
}

async function applyStripeRefund(refund: StripeRefundLike): Promise<EventOutcome> {
  const ours = refund.metadata?.refundId;
  const row = await unscopedDb.refund.findFirst({ where: { OR: [{ stripeRefundId: refund.id }, ...(isUuid(ours) ? [{ id: ours }] : [])] }, select: { id: true } });
  if (row) return settleRefundRow(row.id, refund);
  // A refund made outside Ponte (Stripe's dashboard): recorded once it succeeded, against the payment it returns.
  const intentId = typeof refund.payment_intent === "string" ? refund.payment_intent : (refund.payment_intent?.id ?? null);
  if (refund.status !== "succeeded" || !intentId) return "ignored";
  const payment = await unscopedDb.payment.findUnique({ where: { stripePaymentIntentId: intentId } });
  if (!payment) return "ignored";
  return unscopedDb.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "Payment" WHERE "id" = ${payment.id}::uuid FOR UPDATE`;
    if (await tx.refund.findUnique({ where: { stripeRefundId: refund.id }, select: { id: true } })) return "unchanged";
    const amountMinor = fromStripeAmount(refund.amount, payment.currencyCode.trim(), currencyExponent(payment.currencyCode));
    const reason = "refunded in Stripe's dashboard";
    await tx.refund.create({
      data: { organizationId: payment.organizationId, buyerOrganizationId: payment.buyerOrganizationId, orderId: payment.orderId, paymentId: payment.id, currencyCode: payment.currencyCode, amountMinor, reason, status: "SUCCEEDED", stripeRefundId: refund.id, completedAt: new Date() },
    });
    await applyOrderEvent(tx, { orderId: payment.orderId, event: { kind: "refund", amountMinor }, actor: SYSTEM, reason: { code: "stripe_dashboard_refund" } });
    return "applied";
  }, RESERVATION_TRANSACTION);
}
