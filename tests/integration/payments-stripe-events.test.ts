import { randomBytes, randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Order, Payment, Prisma } from "~/generated/prisma/client";
import { unscopedDb } from "~/modules/db/index.server";
import { startStripeCheckout } from "~/modules/payments/stripe-checkout.server";
import { applyStoredEventsFor, applyStripeEvent, processPendingStripeEvents, processStripeEvent, settleRefundRow, storeStripeEvent, voucherOf } from "~/modules/payments/stripe-events.server";
import { withTestDatabase } from "../support/database";
import { addMember, createUser } from "../support/inventory-core-fixtures";
import { createOrderWorld, createPlacedOrder, type OrderWorld } from "../support/order-fixtures";
import { startStripeStandin, type Standin, type StandinPaymentIntent } from "../support/stripe-standin/server";

/**
 * The webhook's events applied one by one (stripe-events.server.ts), each case built as Stripe sends it: every
 * session state a payment can meet, out-of-order and stale events, the job's bookkeeping (attempts, errors), the
 * sweep, the return page, and refunds (Ponte's and ones made in Stripe's dashboard). PaymentIntents are read from
 * the Stripe stand-in with the real SDK.
 */

withTestDatabase();

const ENV_KEYS = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_HOST", "STRIPE_API_PORT", "STRIPE_API_PROTOCOL"];
const saved: Record<string, string | undefined> = {};
let standin: Standin;
let world: OrderWorld;

beforeAll(async () => {
  for (const key of ENV_KEYS) saved[key] = process.env[key];
  standin = await startStripeStandin({ secretKey: "sk_test_ponte_events", webhookSecret: "whsec_ponte_events", webhookUrl: null });
  Object.assign(process.env, { STRIPE_SECRET_KEY: "sk_test_ponte_events", STRIPE_API_HOST: "127.0.0.1", STRIPE_API_PORT: String(standin.port), STRIPE_API_PROTOCOL: "http" });
  delete process.env.STRIPE_WEBHOOK_SECRET;
  world = await createOrderWorld(1000);
  // Someone in the buyer's organization hears of payments and refunds.
  await addMember(world.buyerId, (await createUser()).id, "OWNER");
});

afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await standin?.close();
});

const tag = () => randomBytes(6).toString("hex");
let clock = 1_780_000_000;

/** An order as checkout leaves it (BRL 7.50 due) and its Stripe payment. */
async function orderWithPayment(data: Partial<Prisma.PaymentUncheckedCreateInput> = {}): Promise<{ order: Order; payment: Payment }> {
  const order = await createPlacedOrder(world, [1]);
  const payment = await unscopedDb.payment.create({
    data: { organizationId: order.organizationId, buyerOrganizationId: order.buyerOrganizationId, orderId: order.id, method: "STRIPE", currencyCode: "BRL", amountMinor: order.buyerTotalMinor, stripeCheckoutSessionId: `cs_test_${tag()}`, ...data },
  });
  return { order, payment };
}

type SessionType = "checkout.session.completed" | "checkout.session.async_payment_succeeded" | "checkout.session.async_payment_failed" | "checkout.session.expired";

function sessionEvent(type: SessionType, session: Record<string, unknown>, created = (clock += 1)): Stripe.Event {
  const object = { object: "checkout.session", currency: "brl", amount_total: 750, payment_status: type === "checkout.session.completed" || type === "checkout.session.async_payment_succeeded" ? "paid" : "unpaid", payment_intent: null, metadata: {}, ...session };
  return { id: `evt_test_${tag()}`, object: "event", api_version: "2026-10-28.endive", created, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type, data: { object } } as unknown as Stripe.Event;
}

function refundEvent(type: "refund.created" | "refund.updated" | "refund.failed" | "charge.refunded", object: Record<string, unknown>): Stripe.Event {
  return { id: `evt_test_${tag()}`, object: "event", api_version: "2026-10-28.endive", created: (clock += 1), livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type, data: { object } } as unknown as Stripe.Event;
}

/** Stores and applies an event as the webhook and its job do. */
async function deliver(event: Stripe.Event) {
  await storeStripeEvent(event);
  return processStripeEvent(event.id);
}

/** A PaymentIntent the stand-in answers for (its payment method unknown there, so it stays unexpanded). */
function intent(fields: Partial<StandinPaymentIntent>): string {
  const id = `pi_test_${tag()}`;
  standin.paymentIntents.set(id, { id, object: "payment_intent", amount: 750, amount_received: 0, currency: "brl", created: clock, latest_charge: null, livemode: false, metadata: {}, next_action: null, payment_method: `pm_unknown_${tag()}`, payment_method_types: ["card"], status: "processing", ...fields });
  return id;
}

const reloadPayment = (p: Payment) => unscopedDb.payment.findUniqueOrThrow({ where: { id: p.id } });
const reloadOrder = (o: Order) => unscopedDb.order.findUniqueOrThrow({ where: { id: o.id } });
/** The buyer's in-app notices about an order, by kind ("order.order_paid", …). */
const notices = async (order: Order) => (await unscopedDb.notification.findMany({ where: { organizationId: world.buyerId, href: { endsWith: `/orders/${order.number}` } } })).map((n) => n.kind).sort();
const storedEvent = (id: string) => unscopedDb.stripeEvent.findUniqueOrThrow({ where: { id } });
/** Every stored event marked done, so a sweep sees only what the test stores next. */
const settleAll = () => unscopedDb.stripeEvent.updateMany({ where: { processedAt: null }, data: { processedAt: new Date() } });

describe("storing and processing events", () => {
  it("stores once by id, with the object's id and Stripe's time; a replay says whether the job still has work", async () => {
    const event = sessionEvent("checkout.session.completed", { id: `cs_test_${tag()}` }, 1_780_000_000);
    expect(await storeStripeEvent(event)).toEqual({ inserted: true, pending: true });
    expect(await storedEvent(event.id)).toMatchObject({ type: "checkout.session.completed", objectId: (event.data.object as { id: string }).id, createdAt: new Date(1_780_000_000_000), processedAt: null, attempts: 0 });
    expect(await storeStripeEvent(event)).toEqual({ inserted: false, pending: true });
    expect(await processStripeEvent(event.id)).toBe("ignored");
    expect(await storeStripeEvent(event)).toEqual({ inserted: false, pending: false });

    const anonymous = refundEvent("refund.created", { object: "refund" });
    await storeStripeEvent(anonymous);
    expect((await storedEvent(anonymous.id)).objectId).toBe("");
  });

  it("the job: missing, applied once then already processed; an event about no Ponte payment is marked as such", async () => {
    expect(await processStripeEvent("evt_test_nowhere")).toBe("missing");
    const { payment } = await orderWithPayment();
    const event = sessionEvent("checkout.session.completed", { id: payment.stripeCheckoutSessionId });
    await storeStripeEvent(event);
    expect(await processStripeEvent(event.id)).toBe("applied");
    expect(await storedEvent(event.id)).toMatchObject({ attempts: 1, lastError: null, processedAt: expect.any(Date) });
    expect(await processStripeEvent(event.id)).toBe("already_processed");
    expect((await storedEvent(event.id)).attempts).toBe(1);

    const stray = sessionEvent("checkout.session.completed", { id: `cs_test_${tag()}` });
    expect(await deliver(stray)).toBe("ignored");
    expect(await storedEvent(stray.id)).toMatchObject({ attempts: 1, lastError: "not about a Ponte payment", processedAt: expect.any(Date) });
    expect(await deliver(refundEvent("refund.created", { id: `re_test_${tag()}`, status: "pending", amount: 1, currency: "brl", metadata: {}, payment_intent: null }))).toBe("ignored");
    expect(await applyStripeEvent({ ...stray, type: "customer.created" } as Stripe.Event)).toBe("ignored");
  });

  it("a failing event keeps its error and count and stays pending; the message is cut at 1000 characters", async () => {
    const { payment } = await orderWithPayment();
    const event = sessionEvent("checkout.session.completed", { id: payment.stripeCheckoutSessionId, currency: "usd" });
    await storeStripeEvent(event);
    const message = `Stripe session ${payment.stripeCheckoutSessionId} is in usd, payment ${payment.id} in BRL`;
    await expect(processStripeEvent(event.id)).rejects.toThrow(message);
    expect(await storedEvent(event.id)).toMatchObject({ attempts: 1, lastError: message, processedAt: null });
    await expect(processStripeEvent(event.id)).rejects.toThrow(message);
    expect((await storedEvent(event.id)).attempts).toBe(2);
    expect(await reloadPayment(payment)).toMatchObject({ status: "PENDING", receivedMinor: 0n });

    // The session id is in the message: a very long one makes a message longer than the column keeps.
    const long = await orderWithPayment({ stripeCheckoutSessionId: null });
    const longEvent = sessionEvent("checkout.session.completed", { id: `cs_test_${"x".repeat(1200)}`, currency: "usd", metadata: { paymentId: long.payment.id } });
    await storeStripeEvent(longEvent);
    await expect(processStripeEvent(longEvent.id)).rejects.toThrow();
    expect((await storedEvent(longEvent.id)).lastError).toHaveLength(1000);
  });
});

describe("Checkout Session events", () => {
  it("a paid session records the money once, pays the order and names the method and session", async () => {
    const { order, payment } = await orderWithPayment({ failureReason: "an earlier attempt failed" });
    const sessionId = payment.stripeCheckoutSessionId!;
    const pi = intent({ payment_method_types: ["pix"] });
    expect(await deliver(sessionEvent("checkout.session.completed", { id: sessionId, currency: "BRL", payment_intent: pi }))).toBe("applied");
    const paid = await reloadPayment(payment);
    expect(paid).toMatchObject({ status: "SUCCEEDED", receivedMinor: 750n, failureReason: null, stripePaymentIntentId: pi, stripeMethodType: "pix", stripeCheckoutSessionId: sessionId });
    expect(paid.succeededAt).toBeInstanceOf(Date);
    expect(await reloadOrder(order)).toMatchObject({ status: "PAID", paidMinor: 750n });
    const events = await unscopedDb.orderEvent.findMany({ where: { orderId: order.id, event: "payment_received" } });
    expect(events).toMatchObject([{ amountMinor: 750n, reason: null, reasonCode: "stripe_payment", reasonParams: { method: "pix", session: sessionId }, actorOrganizationId: null, actorUserId: null }]);
    expect(await notices(order)).toEqual(["order.order_paid"]);

    // Again (another event id: Stripe's async success after the completion) changes nothing.
    expect(await deliver(sessionEvent("checkout.session.async_payment_succeeded", { id: sessionId, payment_intent: pi }))).toBe("unchanged");
    expect(await unscopedDb.orderEvent.count({ where: { orderId: order.id, event: "payment_received" } })).toBe(1);
    expect(await notices(order)).toEqual(["order.order_paid"]);
  });

  it("a payment short of the total is a payment received, not a paid order", async () => {
    const { order, payment } = await orderWithPayment();
    await deliver(sessionEvent("checkout.session.completed", { id: payment.stripeCheckoutSessionId, amount_total: 500 }));
    expect(await reloadOrder(order)).toMatchObject({ paidMinor: 500n });
    expect((await reloadOrder(order)).status).not.toBe("PAID");
    expect(await notices(order)).toEqual(["order.payment_received"]);
    expect(await notices((await orderWithPayment()).order)).toEqual([]);
  });

  it("money arriving on an order already paid is a payment received, not a second 'paid'", async () => {
    const { order, payment } = await orderWithPayment();
    await deliver(sessionEvent("checkout.session.completed", { id: payment.stripeCheckoutSessionId }));
    const second = await unscopedDb.payment.create({
      data: { organizationId: order.organizationId, buyerOrganizationId: order.buyerOrganizationId, orderId: order.id, method: "STRIPE", currencyCode: "BRL", amountMinor: 100n, stripeCheckoutSessionId: `cs_test_${tag()}` },
    });
    expect(await deliver(sessionEvent("checkout.session.completed", { id: second.stripeCheckoutSessionId, amount_total: 100 }))).toBe("applied");
    expect(await reloadOrder(order)).toMatchObject({ status: "PAID", paidMinor: 850n });
    expect(await notices(order)).toEqual(["order.order_paid", "order.payment_received"]);
  });

  it("a card payment names the method of the expanded PaymentMethod", async () => {
    const order = await createPlacedOrder(world, [1]);
    const { url, payment } = await startStripeCheckout({ orderId: order.id, actor: { userId: null, organizationId: world.buyerId }, lang: "pt", appUrl: "http://x.test" });
    const [completed] = await standin.confirm(url.split("/pay/")[1]!, "card", { deliver: false });
    expect(await deliver(completed as unknown as Stripe.Event)).toBe("applied");
    expect(await reloadPayment(payment)).toMatchObject({ status: "SUCCEEDED", stripeMethodType: "card", receivedMinor: 750n });
  });

  it("a session that needs no payment counts as paid; without a known method the reason says 'payment'", async () => {
    const { order, payment } = await orderWithPayment();
    expect(await deliver(sessionEvent("checkout.session.completed", { id: payment.stripeCheckoutSessionId, payment_status: "no_payment_required" }))).toBe("applied");
    expect(await reloadPayment(payment)).toMatchObject({ status: "SUCCEEDED", stripeMethodType: null, stripePaymentIntentId: null });
    expect(await unscopedDb.orderEvent.findFirstOrThrow({ where: { orderId: order.id, event: "payment_received" } })).toMatchObject({ reasonCode: "stripe_payment", reasonParams: { method: "payment", session: payment.stripeCheckoutSessionId } });
  });

  it("an amount Stripe leaves out is read as zero, which the order refuses; amounts are read in the payment's currency", async () => {
    const { payment } = await orderWithPayment();
    await expect(deliver(sessionEvent("checkout.session.async_payment_succeeded", { id: payment.stripeCheckoutSessionId, amount_total: null }))).rejects.toThrow("invalid_amount");
    expect(await reloadPayment(payment)).toMatchObject({ status: "PENDING", receivedMinor: 0n });

    const clp = await orderWithPayment({ currencyCode: "CLP" });
    await unscopedDb.order.update({ where: { id: clp.order.id }, data: { buyerCurrencyCode: "CLP", buyerTotalMinor: 15_000n } });
    await deliver(sessionEvent("checkout.session.completed", { id: clp.payment.stripeCheckoutSessionId, currency: "clp", amount_total: 15_000 }));
    expect(await reloadPayment(clp.payment)).toMatchObject({ status: "SUCCEEDED", receivedMinor: 15_000n });
  });

  it("the webhook can outrun the stored session id: the metadata's payment is found, only if it is that session's", async () => {
    const { payment } = await orderWithPayment({ stripeCheckoutSessionId: null });
    const sessionId = `cs_test_${tag()}`;
    expect(await deliver(sessionEvent("checkout.session.expired", { id: sessionId, metadata: { paymentId: payment.id } }))).toBe("applied");
    expect(await reloadPayment(payment)).toMatchObject({ status: "CANCELLED", stripeCheckoutSessionId: sessionId });
    // Now stored: the same session finds it by id, and the metadata is no longer needed.
    expect(await deliver(sessionEvent("checkout.session.completed", { id: sessionId }))).toBe("applied");

    const other = await orderWithPayment();
    expect(await deliver(sessionEvent("checkout.session.expired", { id: `cs_test_${tag()}`, metadata: { paymentId: other.payment.id } }))).toBe("ignored");
    const transfer = await orderWithPayment({ method: "BANK_TRANSFER", stripeCheckoutSessionId: null });
    expect(await deliver(sessionEvent("checkout.session.expired", { id: `cs_test_${tag()}`, metadata: { paymentId: transfer.payment.id } }))).toBe("ignored");
    expect(await deliver(sessionEvent("checkout.session.expired", { id: `cs_test_${tag()}`, metadata: { paymentId: "not-a-uuid" } }))).toBe("ignored");
    expect(await deliver(sessionEvent("checkout.session.expired", { id: `cs_test_${tag()}`, metadata: { paymentId: randomUUID() } }))).toBe("ignored");
    expect(await deliver(sessionEvent("checkout.session.expired", { id: `cs_test_${tag()}`, metadata: null }))).toBe("ignored");
    expect(await reloadPayment(other.payment)).toMatchObject({ status: "PENDING" });
    expect(await reloadPayment(transfer.payment)).toMatchObject({ status: "PENDING" });
  });

  it("completed unpaid: a PENDING payment waits for its voucher; anything else is left as it is", async () => {
    const { order, payment } = await orderWithPayment();
    const pi = intent({ status: "requires_action", payment_method_types: ["multibanco"], next_action: { type: "multibanco_display_details", multibanco_display_details: { entity: "12345", reference: "123456789", expires_at: 1_780_500_000, hosted_voucher_url: "https://vouchers.test/mb" } } });
    expect(await deliver(sessionEvent("checkout.session.completed", { id: payment.stripeCheckoutSessionId, payment_status: "unpaid", payment_intent: { id: pi } }))).toBe("applied");
    expect(await reloadPayment(payment)).toMatchObject({
      status: "AWAITING_CONFIRMATION",
      stripePaymentIntentId: pi,
      stripeMethodType: "multibanco",
      voucher: { method: "multibanco", entity: "12345", reference: "123456789", expiresAt: new Date(1_780_500_000_000).toISOString(), url: "https://vouchers.test/mb" },
    });
    expect(await reloadOrder(order)).toMatchObject({ paidMinor: 0n });
    expect(await deliver(sessionEvent("checkout.session.completed", { id: payment.stripeCheckoutSessionId, payment_status: "unpaid", payment_intent: { id: pi } }))).toBe("unchanged");

    // A debit without a voucher waits too, with no voucher stored.
    const debit = await orderWithPayment();
    const debitIntent = intent({ payment_method_types: ["sepa_debit"] });
    expect(await deliver(sessionEvent("checkout.session.completed", { id: debit.payment.stripeCheckoutSessionId, payment_status: "unpaid", payment_intent: debitIntent }))).toBe("applied");
    expect(await reloadPayment(debit.payment)).toMatchObject({ status: "AWAITING_CONFIRMATION", stripeMethodType: "sepa_debit", voucher: null });

    // A method Stripe does not name (several possible, none expanded) stays unknown.
    const vague = await orderWithPayment();
    await deliver(sessionEvent("checkout.session.completed", { id: vague.payment.stripeCheckoutSessionId, payment_status: "unpaid", payment_intent: intent({ payment_method_types: ["card", "sepa_debit"] }) }));
    expect(await reloadPayment(vague.payment)).toMatchObject({ status: "AWAITING_CONFIRMATION", stripeMethodType: null });

    for (const status of ["FAILED", "CANCELLED"] as const) {
      const done = await orderWithPayment({ status });
      expect(await deliver(sessionEvent("checkout.session.completed", { id: done.payment.stripeCheckoutSessionId, payment_status: "unpaid" }))).toBe("unchanged");
      expect((await reloadPayment(done.payment)).status).toBe(status);
    }
  });

  it("async failure: a waiting or pending payment fails; a paid or cancelled one does not", async () => {
    for (const status of ["PENDING", "AWAITING_CONFIRMATION"] as const) {
      const { order, payment } = await orderWithPayment({ status });
      expect(await deliver(sessionEvent("checkout.session.async_payment_failed", { id: payment.stripeCheckoutSessionId }))).toBe("applied");
      expect(await reloadPayment(payment)).toMatchObject({ status: "FAILED", failureReason: "the delayed payment failed or its voucher expired unpaid" });
      expect(await reloadOrder(order)).toMatchObject({ status: "PLACED", paidMinor: 0n });
    }
    for (const status of ["SUCCEEDED", "CANCELLED", "FAILED"] as const) {
      const { payment } = await orderWithPayment({ status });
      expect(await deliver(sessionEvent("checkout.session.async_payment_failed", { id: payment.stripeCheckoutSessionId }))).toBe("unchanged");
      expect(await reloadPayment(payment)).toMatchObject({ status, failureReason: null });
    }
  });

  it("expiry cancels only a page nobody paid on, keeping what is already known about the payment", async () => {
    const { payment } = await orderWithPayment({ stripePaymentIntentId: `pi_test_${tag()}`, stripeMethodType: "card" });
    // An expired session is not worth a call to Stripe: the PaymentIntent named here is unknown to the stand-in.
    expect(await deliver(sessionEvent("checkout.session.expired", { id: payment.stripeCheckoutSessionId, payment_intent: `pi_test_${tag()}` }))).toBe("applied");
    expect(await reloadPayment(payment)).toMatchObject({ status: "CANCELLED", failureReason: "the payment page expired", stripePaymentIntentId: payment.stripePaymentIntentId, stripeMethodType: "card" });

    const fresh = await orderWithPayment();
    const named = `pi_test_${tag()}`;
    await deliver(sessionEvent("checkout.session.expired", { id: fresh.payment.stripeCheckoutSessionId, payment_intent: { id: named } }));
    expect(await reloadPayment(fresh.payment)).toMatchObject({ status: "CANCELLED", stripePaymentIntentId: named, stripeMethodType: null });

    for (const status of ["AWAITING_CONFIRMATION", "SUCCEEDED", "FAILED"] as const) {
      const done = await orderWithPayment({ status });
      expect(await deliver(sessionEvent("checkout.session.expired", { id: done.payment.stripeCheckoutSessionId }))).toBe("unchanged");
      expect(await reloadPayment(done.payment)).toMatchObject({ status, failureReason: null });
    }
  });

  it("money that arrives after a failure or an expiry is still recorded", async () => {
    const { order, payment } = await orderWithPayment({ status: "FAILED", failureReason: "the delayed payment failed or its voucher expired unpaid" });
    expect(await deliver(sessionEvent("checkout.session.async_payment_succeeded", { id: payment.stripeCheckoutSessionId }))).toBe("applied");
    expect(await reloadPayment(payment)).toMatchObject({ status: "SUCCEEDED", failureReason: null, receivedMinor: 750n });
    expect(await reloadOrder(order)).toMatchObject({ status: "PAID", paidMinor: 750n });
  });
});

describe("the return page and the sweep", () => {
  it("applies a session's stored events in Stripe's order, skipping others' and given-up ones, past a failing one", async () => {
    const { payment } = await orderWithPayment();
    const sessionId = payment.stripeCheckoutSessionId!;
    // Stored in the opposite order to Stripe's: the expiry (earlier) must be applied first, then the completion finds nothing pending.
    const completed = sessionEvent("checkout.session.completed", { id: sessionId, payment_status: "unpaid" }, 1_790_000_010);
    const expired = sessionEvent("checkout.session.expired", { id: sessionId }, 1_790_000_000);
    await storeStripeEvent(completed);
    await storeStripeEvent(expired);
    await applyStoredEventsFor(sessionId);
    expect(await reloadPayment(payment)).toMatchObject({ status: "CANCELLED" });
    expect(await storedEvent(completed.id)).toMatchObject({ processedAt: expect.any(Date), attempts: 1 });

    const second = await orderWithPayment();
    const id = second.payment.stripeCheckoutSessionId!;
    const failing = sessionEvent("checkout.session.completed", { id, currency: "usd" }, 1_790_000_100);
    const givenUp = sessionEvent("checkout.session.expired", { id }, 1_790_000_050);
    const waiting = sessionEvent("checkout.session.completed", { id, payment_status: "unpaid" }, 1_790_000_200);
    const elsewhere = await orderWithPayment();
    const others = sessionEvent("checkout.session.expired", { id: elsewhere.payment.stripeCheckoutSessionId });
    for (const event of [failing, givenUp, waiting, others]) await storeStripeEvent(event);
    await unscopedDb.stripeEvent.update({ where: { id: givenUp.id }, data: { attempts: 10 } });
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await applyStoredEventsFor(id);
    expect(logged).toHaveBeenCalledWith("[stripe-events]", failing.id, `Stripe session ${id} is in usd, payment ${second.payment.id} in BRL`);
    logged.mockRestore();
    expect(await storedEvent(failing.id)).toMatchObject({ processedAt: null, attempts: 1 });
    expect(await storedEvent(givenUp.id)).toMatchObject({ processedAt: null, attempts: 10 });
    expect(await reloadPayment(second.payment)).toMatchObject({ status: "AWAITING_CONFIRMATION" });
    expect(await storedEvent(others.id)).toMatchObject({ processedAt: null, attempts: 0 });
    expect(await reloadPayment(elsewhere.payment)).toMatchObject({ status: "PENDING" });
  });

  it("the sweep applies what is older than a minute (or the given age), oldest first, up to the limit, counting successes", async () => {
    await settleAll();
    const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);
    const make = async (receivedSecondsAgo: number, created: number, data: { attempts?: number; failing?: boolean } = {}) => {
      const { payment } = await orderWithPayment();
      const stored = data.failing ? sessionEvent("checkout.session.completed", { id: payment.stripeCheckoutSessionId, currency: "usd" }, created) : sessionEvent("checkout.session.expired", { id: payment.stripeCheckoutSessionId }, created);
      await storeStripeEvent(stored);
      await unscopedDb.stripeEvent.update({ where: { id: stored.id }, data: { receivedAt: ago(receivedSecondsAgo), attempts: data.attempts ?? 0 } });
      return { id: stored.id, payment };
    };
    const old = await make(120, 1_800_000_000);
    const recent = await make(30, 1_800_000_001);
    const givenUp = await make(120, 1_800_000_002, { attempts: 10 });
    const almost = await make(120, 1_800_000_003, { attempts: 9 });
    const failing = await make(120, 1_800_000_004, { failing: true });

    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await processPendingStripeEvents()).toBe(2);
    expect(logged).toHaveBeenCalledWith("[stripe-events]", failing.id, `Stripe session ${failing.payment.stripeCheckoutSessionId} is in usd, payment ${failing.payment.id} in BRL`);
    logged.mockRestore();
    expect(await reloadPayment(old.payment)).toMatchObject({ status: "CANCELLED" });
    expect(await reloadPayment(almost.payment)).toMatchObject({ status: "CANCELLED" });
    expect(await reloadPayment(recent.payment)).toMatchObject({ status: "PENDING" });
    expect(await reloadPayment(givenUp.payment)).toMatchObject({ status: "PENDING" });
    expect(await storedEvent(failing.id)).toMatchObject({ processedAt: null, attempts: 1 });

    expect(await processPendingStripeEvents({ olderThanSeconds: 10 })).toBe(1);
    expect(await reloadPayment(recent.payment)).toMatchObject({ status: "CANCELLED" });
    expect(await storedEvent(failing.id)).toMatchObject({ attempts: 2 });

    await settleAll();
    const later = await make(120, 1_800_000_020);
    const earlier = await make(120, 1_800_000_010);
    expect(await processPendingStripeEvents({ limit: 1 })).toBe(1);
    expect(await reloadPayment(earlier.payment)).toMatchObject({ status: "CANCELLED" });
    expect(await reloadPayment(later.payment)).toMatchObject({ status: "PENDING" });
    expect(await processPendingStripeEvents()).toBe(1);
    expect(await processPendingStripeEvents()).toBe(0);
  });
});

describe("refunds", () => {
  /** A paid order (BRL 7.50) and a refund of it Ponte asked Stripe for, still pending. */
  async function pendingRefund(amountMinor = 300n, data: Partial<Prisma.RefundUncheckedCreateInput> = {}) {
    const { order, payment } = await orderWithPayment();
    const pi = `pi_test_${tag()}`;
    await deliver(sessionEvent("checkout.session.completed", { id: payment.stripeCheckoutSessionId }));
    await unscopedDb.payment.update({ where: { id: payment.id }, data: { stripePaymentIntentId: pi } });
    const refund = await unscopedDb.refund.create({
      data: { organizationId: order.organizationId, buyerOrganizationId: order.buyerOrganizationId, orderId: order.id, paymentId: payment.id, currencyCode: "BRL", amountMinor, reason: "two units damaged", ...data },
    });
    return { order, payment, pi, refund };
  }
  const stripeRefund = (status: string, amount: number, extra: Record<string, unknown> = {}) => ({ id: `re_test_${tag()}`, object: "refund", status, amount, currency: "brl", metadata: {}, payment_intent: null, ...extra });
  const reloadRefund = (id: string) => unscopedDb.refund.findUniqueOrThrow({ where: { id } });
  const refundEvents = (order: Order) => unscopedDb.orderEvent.findMany({ where: { orderId: order.id, event: "refund" } });

  it("settling a row: pending keeps waiting with Stripe's id, success records the refund once, failure ends it", async () => {
    const { order, refund } = await pendingRefund();
    const pending = stripeRefund("pending", 300);
    expect(await settleRefundRow(refund.id, pending as never)).toBe("unchanged");
    expect(await reloadRefund(refund.id)).toMatchObject({ status: "PENDING", stripeRefundId: pending.id, completedAt: null });
    expect(await settleRefundRow(refund.id, pending as never)).toBe("unchanged");

    const platform = { userId: null, organizationId: world.platformId };
    // Stripe's answer is what is recorded (here less than asked).
    expect(await settleRefundRow(refund.id, { ...pending, status: "succeeded", amount: 250 } as never, platform)).toBe("applied");
    const done = await reloadRefund(refund.id);
    expect(done).toMatchObject({ status: "SUCCEEDED", amountMinor: 250n, stripeRefundId: pending.id });
    expect(done.completedAt).toBeInstanceOf(Date);
    expect(await reloadOrder(order)).toMatchObject({ refundedMinor: 250n, paidMinor: 500n });
    expect(await refundEvents(order)).toMatchObject([{ amountMinor: 250n, reason: "two units damaged", actorOrganizationId: world.platformId }]);
    expect(await notices(order)).toEqual(["order.order_paid", "order.refund"]);
    expect(await settleRefundRow(refund.id, { ...pending, status: "succeeded", amount: 250 } as never)).toBe("unchanged");
    expect(await refundEvents(order)).toHaveLength(1);

    for (const status of ["failed", "canceled"]) {
      const other = await pendingRefund();
      const answer = stripeRefund(status, 300);
      expect(await settleRefundRow(other.refund.id, answer as never)).toBe("applied");
      const failed = await reloadRefund(other.refund.id);
      expect(failed).toMatchObject({ status: "FAILED", stripeRefundId: answer.id, amountMinor: 300n });
      expect(failed.completedAt).toBeInstanceOf(Date);
      expect(await reloadOrder(other.order)).toMatchObject({ refundedMinor: 0n, paidMinor: 750n });
      expect(await settleRefundRow(other.refund.id, { ...answer, status: "succeeded" } as never)).toBe("unchanged");
    }
  });

  it("a refund settled without an actor is the system's", async () => {
    const { order, refund } = await pendingRefund();
    await settleRefundRow(refund.id, stripeRefund("succeeded", 300) as never);
    expect(await refundEvents(order)).toMatchObject([{ actorOrganizationId: null, actorUserId: null }]);
  });

  it("refund events find Ponte's row by Stripe's id or by the metadata, and settle it", async () => {
    const byMetadata = await pendingRefund();
    const answer = stripeRefund("succeeded", 300, { metadata: { refundId: byMetadata.refund.id }, payment_intent: byMetadata.pi });
    expect(await deliver(refundEvent("refund.updated", answer))).toBe("applied");
    expect(await reloadRefund(byMetadata.refund.id)).toMatchObject({ status: "SUCCEEDED", stripeRefundId: answer.id });

    const byId = await pendingRefund(300n, { stripeRefundId: `re_test_${tag()}` });
    expect(await deliver(refundEvent("refund.failed", stripeRefund("failed", 300, { id: byId.refund.stripeRefundId, metadata: { refundId: "not-a-uuid" } })))).toBe("applied");
    expect(await reloadRefund(byId.refund.id)).toMatchObject({ status: "FAILED" });

    const waiting = await pendingRefund(300n, { stripeRefundId: `re_test_${tag()}` });
    expect(await deliver(refundEvent("refund.created", stripeRefund("pending", 300, { id: waiting.refund.stripeRefundId, payment_intent: waiting.pi })))).toBe("unchanged");
  });

  it("charge.refunded: applied if any of its refunds was, else unchanged if any was known, else ignored", async () => {
    const a = await pendingRefund();
    const b = await pendingRefund();
    const known = stripeRefund("pending", 300, { metadata: { refundId: a.refund.id } });
    const settles = stripeRefund("succeeded", 300, { metadata: { refundId: b.refund.id } });
    const stray = stripeRefund("pending", 300);
    expect(await deliver(refundEvent("charge.refunded", { object: "charge", refunds: { data: [stray, known, settles, known] } }))).toBe("applied");
    expect(await reloadRefund(b.refund.id)).toMatchObject({ status: "SUCCEEDED" });
    expect(await deliver(refundEvent("charge.refunded", { object: "charge", refunds: { data: [settles, known, stray] } }))).toBe("unchanged");
    expect(await deliver(refundEvent("charge.refunded", { object: "charge", refunds: { data: [stray] } }))).toBe("ignored");
    expect(await deliver(refundEvent("charge.refunded", { object: "charge", refunds: { data: [] } }))).toBe("ignored");
    expect(await deliver(refundEvent("charge.refunded", { object: "charge" }))).toBe("ignored");
    expect(await deliver(refundEvent("refund.updated", stripeRefund("pending", 300, { metadata: null })))).toBe("ignored");
  });

  it("a refund made in Stripe's dashboard is recorded once it succeeded, against the payment it returns", async () => {
    const { order, payment, pi } = await pendingRefund(100n);
    const dashboard = stripeRefund("succeeded", 200, { payment_intent: pi });
    expect(await deliver(refundEvent("refund.created", dashboard))).toBe("applied");
    const recorded = await unscopedDb.refund.findUniqueOrThrow({ where: { stripeRefundId: dashboard.id } });
    expect(recorded).toMatchObject({
      organizationId: order.organizationId,
      buyerOrganizationId: order.buyerOrganizationId,
      orderId: order.id,
      paymentId: payment.id,
      currencyCode: "BRL",
      amountMinor: 200n,
      reason: "refunded in Stripe's dashboard",
      status: "SUCCEEDED",
    });
    expect(recorded.completedAt).toBeInstanceOf(Date);
    expect(await reloadOrder(order)).toMatchObject({ refundedMinor: 200n, paidMinor: 550n });
    expect(await refundEvents(order)).toMatchObject([{ amountMinor: 200n, reason: null, reasonCode: "stripe_dashboard_refund", actorOrganizationId: null }]);
    // Stripe's later events about it (charge.refunded) find the row and change nothing.
    expect(await deliver(refundEvent("charge.refunded", { object: "charge", refunds: { data: [dashboard] } }))).toBe("unchanged");
    expect(await refundEvents(order)).toHaveLength(1);

    const expanded = stripeRefund("succeeded", 100, { payment_intent: { id: pi } });
    expect(await deliver(refundEvent("refund.updated", expanded))).toBe("applied");
    expect(await reloadOrder(order)).toMatchObject({ refundedMinor: 300n });

    expect(await deliver(refundEvent("refund.created", stripeRefund("pending", 100, { payment_intent: pi })))).toBe("ignored");
    expect(await deliver(refundEvent("refund.created", stripeRefund("succeeded", 100)))).toBe("ignored");
    expect(await deliver(refundEvent("refund.created", stripeRefund("succeeded", 100, { payment_intent: `pi_test_${tag()}` })))).toBe("ignored");
    expect(await reloadOrder(order)).toMatchObject({ refundedMinor: 300n });
  });
});

describe("voucherOf", () => {
  it("reads each voucher's fields, leaving out what Stripe leaves out", () => {
    const oxxo = voucherOf({ next_action: { type: "oxxo_display_details", oxxo_display_details: { number: "1234", expires_after: 1_780_000_000, hosted_voucher_url: "https://v.test/o" } } } as never);
    expect(oxxo).toEqual({ method: "oxxo", number: "1234", expiresAt: "2026-05-28T20:26:40.000Z", url: "https://v.test/o" });
    const boleto = voucherOf({ next_action: { type: "boleto_display_details", boleto_display_details: { number: "0019", expires_at: 1_780_000_000, hosted_voucher_url: "https://v.test/b", pdf: "https://v.test/b.pdf" } } } as never);
    expect(boleto).toEqual({ method: "boleto", number: "0019", expiresAt: "2026-05-28T20:26:40.000Z", url: "https://v.test/b", pdf: "https://v.test/b.pdf" });
    const bare = { number: null, entity: null, reference: null, expires_at: null, expires_after: null, hosted_voucher_url: null, pdf: null };
    for (const key of ["oxxo", "boleto", "multibanco"] as const) {
      const voucher = voucherOf({ next_action: { type: `${key}_display_details`, [`${key}_display_details`]: bare } } as never)!;
      expect(voucher.method).toBe(key);
      expect(Object.values(voucher).filter((v) => v !== undefined)).toEqual([key]);
    }
  });

  it("is null without an intent, an action, or a voucher in it", () => {
    expect(voucherOf(null)).toBeNull();
    expect(voucherOf({ next_action: null } as never)).toBeNull();
    expect(voucherOf({ next_action: { type: "redirect_to_url", redirect_to_url: { url: "https://x.test" } } } as never)).toBeNull();
  });
});
