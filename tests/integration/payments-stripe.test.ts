import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Order } from "~/generated/prisma/client";
import { unscopedDb } from "~/modules/db/index.server";
import { refundThroughStripe, RefundError } from "~/modules/payments/refunds.server";
import { startStripeCheckout, stripeChoiceFor, StripeCheckoutError } from "~/modules/payments/stripe-checkout.server";
import { processStripeEvent } from "~/modules/payments/stripe-events.server";
import { stripeConfigProblem } from "~/modules/payments/stripe.server";
import { handleStripeWebhook } from "~/modules/payments/stripe-webhook.server";
import { withTestDatabase } from "../support/database";
import { createOrderWorld, createPlacedOrder, type OrderWorld } from "../support/order-fixtures";
import { startStripeStandin, type Standin, type StandinEvent } from "../support/stripe-standin/server";

/**
 * Stripe payments with the real `stripe` SDK against the local stand-in (tests/support/stripe-standin), and the
 * real webhook handler (what /webhooks/stripe runs) behind a small HTTP server, so events travel signed over HTTP as Stripe sends them.
 */

withTestDatabase({ queue: true });

const SECRET_KEY = "sk_test_ponte_integration";
const WEBHOOK_SECRET = "whsec_ponte_integration";
let standin: Standin;
let app: Server;
let world: OrderWorld;
let buyer: { userId: null; organizationId: string };
const saved: Record<string, string | undefined> = {};
const ENV_KEYS = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_HOST", "STRIPE_API_PORT", "STRIPE_API_PROTOCOL", "STRIPE_BOLETO"];

beforeAll(async () => {
  for (const key of ENV_KEYS) saved[key] = process.env[key];
  // The app's webhook route behind a plain HTTP server: what Stripe (here the stand-in) posts to.
  app = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const request = new Request(`http://localhost${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) });
      void handleStripeWebhook(request).then(async (response) => {
        res.writeHead(response.status, { "Content-Type": "application/json" });
        res.end(await response.text());
      });
    });
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  standin = await startStripeStandin({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, webhookUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}/webhooks/stripe` });
  Object.assign(process.env, { STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_HOST: "127.0.0.1", STRIPE_API_PORT: String(standin.port), STRIPE_API_PROTOCOL: "http" });
  delete process.env.STRIPE_BOLETO;
  world = await createOrderWorld(1000);
  buyer = { userId: null, organizationId: world.buyerId };
});

afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await standin?.close();
  await new Promise((resolve) => app?.close(resolve));
});

beforeEach(() => {
  delete process.env.STRIPE_BOLETO;
  standin.setRefundMode("succeeded");
});

/** An order as checkout leaves it, with what the buyer owes in `currency` (Ponte minor units). */
async function orderIn(currency: string, buyerTotalMinor: bigint): Promise<Order> {
  const order = await createPlacedOrder(world, [1]);
  return unscopedDb.order.update({ where: { id: order.id }, data: { buyerCurrencyCode: currency, buyerTotalMinor } });
}

/** The job's work, as the worker would do it: every stored event not yet applied, in the order they arrived. */
async function drain() {
  const pending = await unscopedDb.stripeEvent.findMany({ where: { processedAt: null }, orderBy: { receivedAt: "asc" }, select: { id: true } });
  for (const { id } of pending) await processStripeEvent(id);
}

const payment = (id: string) => unscopedDb.payment.findUniqueOrThrow({ where: { id } });
const reload = (order: Order) => unscopedDb.order.findUniqueOrThrow({ where: { id: order.id } });
const sessionOf = (url: string) => standin.sessions.get(url.split("/pay/")[1]!)!;
const received = (order: Order) => unscopedDb.orderEvent.count({ where: { orderId: order.id, event: "payment_received" } });

describe("Checkout Session", () => {
  it("is created in the buyer's currency and language with that currency's methods, keyed by the payment", async () => {
    const order = await orderIn("MXN", 1_500_00n);
    const { url, payment: created } = await startStripeCheckout({ orderId: order.id, actor: buyer, lang: "es", appUrl: "http://localhost:3000" });
    const session = sessionOf(url);
    expect(session).toMatchObject({
      mode: "payment",
      currency: "mxn",
      amount_total: 150_000,
      locale: "es-419",
      allowed_payment_method_types: ["card", "oxxo"],
      client_reference_id: order.id,
      metadata: { orderId: order.id, paymentId: created.id, orderNumber: order.number },
      success_url: `http://localhost:3000/es/orders/${order.number}/pay?session={CHECKOUT_SESSION_ID}`,
      cancel_url: `http://localhost:3000/es/orders/${order.number}/pay?cancelled=1`,
    });
    const request = standin.requests.find((r) => r.method === "POST" && r.path === "/v1/checkout/sessions" && r.status === 200 && r.params.client_reference_id === order.id)!;
    expect(request.idempotencyKey).toBe(`ponte-checkout-${created.id}`);
    expect(await payment(created.id)).toMatchObject({ method: "STRIPE", status: "PENDING", currencyCode: "MXN", amountMinor: 1_500_00n, stripeCheckoutSessionId: session.id });
    expect(await reload(order)).toMatchObject({ status: "AWAITING_PAYMENT", paymentMethod: "STRIPE" });

    // A second click reopens the same page: no second session, no second payment.
    const again = await startStripeCheckout({ orderId: order.id, actor: buyer, lang: "es", appUrl: "http://localhost:3000" });
    expect(again.url).toBe(url);
    expect(await unscopedDb.payment.count({ where: { orderId: order.id } })).toBe(1);
  });

  it("maps each language and currency: pt-BR with Pix (Boleto only when the account allows), EUR in zh, en", async () => {
    const brl = await orderIn("BRL", 250_00n);
    expect(sessionOf((await startStripeCheckout({ orderId: brl.id, actor: buyer, lang: "pt", appUrl: "http://x.test" })).url)).toMatchObject({ locale: "pt-BR", currency: "brl", allowed_payment_method_types: ["card", "pix"] });
    process.env.STRIPE_BOLETO = "on";
    const boleto = await orderIn("BRL", 250_00n);
    expect(sessionOf((await startStripeCheckout({ orderId: boleto.id, actor: buyer, lang: "pt", appUrl: "http://x.test" })).url).allowed_payment_method_types).toEqual(["card", "pix", "boleto"]);
    const eur = await orderIn("EUR", 99_90n);
    expect(sessionOf((await startStripeCheckout({ orderId: eur.id, actor: buyer, lang: "zh", appUrl: "http://x.test" })).url)).toMatchObject({ locale: "zh", currency: "eur", allowed_payment_method_types: ["card", "multibanco", "sepa_debit"] });
    const usd = await orderIn("USD", 10_00n);
    expect(sessionOf((await startStripeCheckout({ orderId: usd.id, actor: buyer, lang: "en", appUrl: "http://x.test" })).url)).toMatchObject({ locale: "en", allowed_payment_method_types: ["card"] });
  });

  it("above MXN 10,000 leaves OXXO out, says why, and Stripe itself would refuse it", async () => {
    const order = await orderIn("MXN", 10_000_01n);
    expect(stripeChoiceFor(order)).toEqual({ methods: ["card"], unavailable: [{ method: "oxxo", reason: "over_limit", limitMinor: 1_000_000n }] });
    const { url } = await startStripeCheckout({ orderId: order.id, actor: buyer, lang: "es", appUrl: "http://x.test" });
    expect(sessionOf(url).allowed_payment_method_types).toEqual(["card"]);
    const sdk = new Stripe(SECRET_KEY, { host: "127.0.0.1", port: standin.port, protocol: "http", maxNetworkRetries: 0 });
    const refused = await sdk.checkout.sessions
      .create({ mode: "payment", allowed_payment_method_types: ["card", "oxxo"], line_items: [{ quantity: 1, price_data: { currency: "mxn", unit_amount: 1_000_001, product_data: { name: "x" } } }], success_url: "http://x.test" })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ type: "StripeInvalidRequestError", code: "amount_too_large" });
  });

  it("CLP is zero-decimal: 15.000 pesos go to Stripe as 15000 and come back as 15000", async () => {
    const order = await orderIn("CLP", 15_000n);
    const { url, payment: created } = await startStripeCheckout({ orderId: order.id, actor: buyer, lang: "es", appUrl: "http://x.test" });
    expect(sessionOf(url)).toMatchObject({ currency: "clp", amount_total: 15_000 });
    await standin.confirm(sessionOf(url).id, "card");
    await drain();
    expect(await payment(created.id)).toMatchObject({ status: "SUCCEEDED", receivedMinor: 15_000n, stripeMethodType: "card" });
    expect(await reload(order)).toMatchObject({ status: "PAID", paidMinor: 15_000n });
  });

  it("refuses another organization's order, a paid one, and anything while Stripe is off", async () => {
    const order = await orderIn("BRL", 100_00n);
    await expect(startStripeCheckout({ orderId: order.id, actor: { userId: null, organizationId: world.makerId }, lang: "pt", appUrl: "http://x.test" })).rejects.toMatchObject({ code: "order_not_found", status: 404 });
    await unscopedDb.order.update({ where: { id: order.id }, data: { status: "CANCELLED" } });
    await expect(startStripeCheckout({ orderId: order.id, actor: buyer, lang: "pt", appUrl: "http://x.test" })).rejects.toMatchObject({ code: "not_payable" });
    delete process.env.STRIPE_SECRET_KEY;
    try {
      await expect(startStripeCheckout({ orderId: order.id, actor: buyer, lang: "pt", appUrl: "http://x.test" })).rejects.toBeInstanceOf(StripeCheckoutError);
      expect(stripeChoiceFor(order)).toBeNull();
    } finally {
      process.env.STRIPE_SECRET_KEY = SECRET_KEY;
    }
  });
});

describe("webhook", () => {
  async function paidByCard() {
    const order = await orderIn("BRL", 300_00n);
    const { url, payment: created } = await startStripeCheckout({ orderId: order.id, actor: buyer, lang: "pt", appUrl: "http://x.test" });
    const [event] = await standin.confirm(sessionOf(url).id, "card", { deliver: false });
    return { order, paymentId: created.id, event: event! };
  }

  it("refuses a bad or missing signature and stores nothing", async () => {
    const { event } = await paidByCard();
    const before = await unscopedDb.stripeEvent.count();
    expect(await standin.deliver(event, { secret: "whsec_someone_else" })).toBe(400);
    expect(await standin.deliver(event, { signature: "t=1,v1=deadbeef" })).toBe(400);
    const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/webhooks/stripe`;
    expect((await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(event) })).status).toBe(400);
    // A correctly signed header over another body (the amount changed in transit) is refused too.
    const header = Stripe.webhooks.generateTestHeaderString({ payload: JSON.stringify(event), secret: WEBHOOK_SECRET });
    const tampered = JSON.stringify({ ...event, data: { object: { ...(event.data.object as object), amount_total: 1 } } });
    expect((await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", "Stripe-Signature": header }, body: tampered })).status).toBe(400);
    // Far larger than any Stripe event: refused unread beyond the limit (1 MiB), signed or not.
    const huge = "x".repeat(1024 * 1024 + 1);
    expect((await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", "Stripe-Signature": header }, body: huge })).status).toBe(413);
    expect(await unscopedDb.stripeEvent.count()).toBe(before);
  });

  it("a card payment: the event is stored, applied once, the order is paid and its stock picked", async () => {
    const { order, paymentId, event } = await paidByCard();
    expect(await standin.deliver(event)).toBe(200);
    expect(await unscopedDb.stripeEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ type: "checkout.session.completed", processedAt: null });
    await drain();
    expect(await payment(paymentId)).toMatchObject({ status: "SUCCEEDED", receivedMinor: 300_00n, stripeMethodType: "card" });
    expect(await reload(order)).toMatchObject({ status: "PAID", paidMinor: 300_00n });
    const reservations = await unscopedDb.stockReservation.findMany({ where: { organizationId: world.makerId, reference: `order:${order.id}` } });
    expect(reservations.map((r) => r.status)).toEqual(["CONFIRMED"]);
  });

  it("replayed 10 times records one event and one payment", async () => {
    const { order, paymentId, event } = await paidByCard();
    for (let i = 0; i < 10; i++) {
      expect(await standin.deliver(event)).toBe(200);
      await drain();
    }
    await Promise.all(Array.from({ length: 10 }, () => standin.deliver(event)));
    await Promise.all(Array.from({ length: 10 }, () => processStripeEvent(event.id)));
    expect(await unscopedDb.stripeEvent.count({ where: { id: event.id } })).toBe(1);
    expect(await received(order)).toBe(1);
    expect(await reload(order)).toMatchObject({ status: "PAID", paidMinor: 300_00n });
    expect(await payment(paymentId)).toMatchObject({ status: "SUCCEEDED", receivedMinor: 300_00n });
  });

  it("OXXO: the voucher is shown while waiting, then the store payment pays the order", async () => {
    const order = await orderIn("MXN", 2_000_00n);
    const { url, payment: created } = await startStripeCheckout({ orderId: order.id, actor: buyer, lang: "es", appUrl: "http://x.test" });
    const session = sessionOf(url);
    await standin.confirm(session.id, "oxxo");
    await drain();
    const intent = standin.paymentIntents.get(session.payment_intent!)!;
    const number = (intent.next_action!.oxxo_display_details as { number: string }).number;
    expect(await payment(created.id)).toMatchObject({ status: "AWAITING_CONFIRMATION", stripeMethodType: "oxxo", stripePaymentIntentId: intent.id, voucher: { method: "oxxo", number } });
    expect(await reload(order)).toMatchObject({ status: "AWAITING_PAYMENT", paidMinor: 0n });
    // While the voucher waits, no second Stripe payment is started for the same order.
    await expect(startStripeCheckout({ orderId: order.id, actor: buyer, lang: "es", appUrl: "http://x.test" })).rejects.toMatchObject({ code: "voucher_waiting" });
    await standin.settle(session.id);
    await drain();
    expect(await payment(created.id)).toMatchObject({ status: "SUCCEEDED", receivedMinor: 2_000_00n });
    expect(await reload(order)).toMatchObject({ status: "PAID", paidMinor: 2_000_00n });
  });

  it("out of order: success before completion, then a stale expiry, end paid once", async () => {
    const order = await orderIn("MXN", 800_00n);
    const { url, payment: created } = await startStripeCheckout({ orderId: order.id, actor: buyer, lang: "es", appUrl: "http://x.test" });
    const session = sessionOf(url);
    const [completed] = await standin.confirm(session.id, "oxxo", { deliver: false });
    const [succeeded] = await standin.settle(session.id, { deliver: false });
    expect(await standin.deliver(succeeded!)).toBe(200);
    await drain();
    expect(await standin.deliver(completed!)).toBe(200);
    await drain();
    const stale: StandinEvent = { ...completed!, id: `evt_test_stale_${session.id}`, type: "checkout.session.expired", data: { object: { ...(completed!.data.object as object), status: "expired" } } };
    expect(await standin.deliver(stale)).toBe(200);
    const failed: StandinEvent = { ...completed!, id: `evt_test_failed_${session.id}`, type: "checkout.session.async_payment_failed" };
    expect(await standin.deliver(failed)).toBe(200);
    await drain();
    expect(await payment(created.id)).toMatchObject({ status: "SUCCEEDED", receivedMinor: 800_00n });
    expect(await reload(order)).toMatchObject({ status: "PAID", paidMinor: 800_00n });
    expect(await received(order)).toBe(1);
  });

  it("a voucher that expires unpaid fails the payment and leaves the order waiting; an unpaid page expires", async () => {
    const order = await orderIn("EUR", 120_00n);
    const first = await startStripeCheckout({ orderId: order.id, actor: buyer, lang: "en", appUrl: "http://x.test" });
    await standin.confirm(sessionOf(first.url).id, "multibanco");
    await drain();
    expect(await payment(first.payment.id)).toMatchObject({ status: "AWAITING_CONFIRMATION", voucher: { method: "multibanco", entity: "12345" } });
    await standin.fail(sessionOf(first.url).id);
    await drain();
    expect(await payment(first.payment.id)).toMatchObject({ status: "FAILED" });
    expect(await reload(order)).toMatchObject({ status: "AWAITING_PAYMENT", paidMinor: 0n });

    const second = await startStripeCheckout({ orderId: order.id, actor: buyer, lang: "en", appUrl: "http://x.test" });
    await standin.expire(sessionOf(second.url).id);
    await drain();
    expect(await payment(second.payment.id)).toMatchObject({ status: "CANCELLED" });
  });
});

describe("refunds through Stripe", () => {
  async function paidOrder(total: bigint) {
    const order = await orderIn("BRL", total);
    const { url } = await startStripeCheckout({ orderId: order.id, actor: buyer, lang: "pt", appUrl: "http://x.test" });
    await standin.confirm(sessionOf(url).id, "card");
    await drain();
    return reload(order);
  }
  const platform = () => ({ userId: null, organizationId: world.platformId });

  it("partial then full: each refund succeeds once, with its own Idempotency-Key, and the order records it", async () => {
    const order = await paidOrder(500_00n);
    const partial = await refundThroughStripe(order, 120_00n, "two units damaged", platform());
    expect(partial).toMatchObject({ status: "SUCCEEDED", amountMinor: 120_00n, currencyCode: "BRL" });
    expect(standin.requests.find((r) => r.path === "/v1/refunds" && r.idempotencyKey === `ponte-refund-${partial.id}`)?.params).toMatchObject({ amount: "12000", metadata: { refundId: partial.id } });
    expect(await reload(order)).toMatchObject({ paidMinor: 380_00n, refundedMinor: 120_00n });
    // Stripe's own events about the same refund (refund.created, charge.refunded) change nothing more.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await drain();
    expect(await reload(order)).toMatchObject({ paidMinor: 380_00n, refundedMinor: 120_00n });
    await expect(refundThroughStripe(order, 380_01n, "too much", platform())).rejects.toMatchObject({ code: "exceeds_refundable" });
    const rest = await refundThroughStripe(order, 380_00n, "order cancelled", platform());
    expect(rest.status).toBe("SUCCEEDED");
    expect(await reload(order)).toMatchObject({ paidMinor: 0n, refundedMinor: 500_00n });
    expect(await unscopedDb.orderEvent.count({ where: { orderId: order.id, event: "refund" } })).toBe(2);
  });

  it("a pending refund is settled by the webhook, once", async () => {
    standin.setRefundMode("pending");
    const order = await paidOrder(200_00n);
    const refund = await refundThroughStripe(order, 200_00n, "returned goods", platform());
    expect(refund.status).toBe("PENDING");
    expect(await reload(order)).toMatchObject({ paidMinor: 200_00n, refundedMinor: 0n });
    const events = await standin.settleRefund(refund.stripeRefundId!);
    for (const event of events) await standin.deliver(event);
    await drain();
    expect(await unscopedDb.refund.findUniqueOrThrow({ where: { id: refund.id } })).toMatchObject({ status: "SUCCEEDED" });
    expect(await reload(order)).toMatchObject({ paidMinor: 0n, refundedMinor: 200_00n });
    expect(await unscopedDb.orderEvent.count({ where: { orderId: order.id, event: "refund" } })).toBe(1);
  });

  it("refuses a refund without a reason or a positive amount", async () => {
    const order = await paidOrder(50_00n);
    await expect(refundThroughStripe(order, 10_00n, "  ")).rejects.toBeInstanceOf(RefundError);
    await expect(refundThroughStripe(order, 0n, "x")).rejects.toMatchObject({ code: "invalid_amount" });
  });
});

describe("configuration", () => {
  it("production refuses any Stripe API host but Stripe's own", () => {
    expect(stripeConfigProblem({ NODE_ENV: "production", STRIPE_SECRET_KEY: "sk_live_x", STRIPE_API_HOST: "127.0.0.1", STRIPE_API_PORT: "12111", STRIPE_API_PROTOCOL: "http" })).toMatch(/only to https:\/\/api\.stripe\.com/);
    expect(stripeConfigProblem({ NODE_ENV: "production", STRIPE_SECRET_KEY: "sk_live_x", STRIPE_API_HOST: "api.stripe.com.evil.test" })).not.toBeNull();
    expect(stripeConfigProblem({ NODE_ENV: "production", STRIPE_SECRET_KEY: "sk_live_x" })).toBeNull();
    expect(stripeConfigProblem({ NODE_ENV: "production" })).toBeNull();
    expect(stripeConfigProblem({ NODE_ENV: "development", STRIPE_SECRET_KEY: "sk_test_x", STRIPE_API_HOST: "127.0.0.1" })).toBeNull();
  });
});
