import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Order } from "~/generated/prisma/client";
import type { BaseClient } from "~/modules/db/client.server";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import { openDispute, resolveDispute } from "~/modules/ordering/disputes.server";
import { applyOrderEvent } from "~/modules/ordering/order-lifecycle.server";
import { refundFromOrderPage } from "~/modules/ordering/orders-refunds.server";
import { changeOrderStatus, findOrderForViewer, refundOutstanding, type OrdersViewer, type ViewerKind } from "~/modules/ordering/orders.server";
import { startStripeCheckout } from "~/modules/payments/stripe-checkout.server";
import { processStripeEvent } from "~/modules/payments/stripe-events.server";
import { handleStripeWebhook } from "~/modules/payments/stripe-webhook.server";
import { withTestDatabase } from "../support/database";
import { createOrderWorld, createPlacedOrder, type OrderWorld } from "../support/order-fixtures";
import { startStripeStandin, type Standin } from "../support/stripe-standin/server";

/**
 * Money going back: a cancellation after a Stripe payment refunds through Stripe at once (real SDK against the
 * local stand-in); after a bank transfer it stays due until the platform records the transfer it sent back; a
 * dispute decided for the buyer refunds the granted amount.
 */

withTestDatabase({ queue: true });

const SECRET_KEY = "sk_test_ponte_orders";
const WEBHOOK_SECRET = "whsec_ponte_orders";
const ENV_KEYS = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_HOST", "STRIPE_API_PORT", "STRIPE_API_PROTOCOL", "STRIPE_BOLETO"];
const saved: Record<string, string | undefined> = {};
let standin: Standin;
let app: Server;
let world: OrderWorld;

beforeAll(async () => {
  for (const key of ENV_KEYS) saved[key] = process.env[key];
  app = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      void handleStripeWebhook(new Request(`http://localhost${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) })).then(async (response) => {
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
});

afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await standin?.close();
  await new Promise((resolve) => app?.close(resolve));
});

function viewer(organizationId: string, kind: ViewerKind): OrdersViewer {
  return { userId: randomUUID(), organizationId, kind, lang: "en", currencyCode: "BRL", client: kind === "PLATFORM" ? unscopedDb : (forOrganization(organizationId) as unknown as BaseClient) };
}

const reload = (order: Order) => unscopedDb.order.findUniqueOrThrow({ where: { id: order.id } });

async function paidThroughStripe(): Promise<Order> {
  const order = await createPlacedOrder(world, [1]);
  const { url } = await startStripeCheckout({ orderId: order.id, actor: { userId: null, organizationId: world.buyerId }, lang: "pt", appUrl: "http://x.test" });
  await standin.confirm(standin.sessions.get(url.split("/pay/")[1]!)!.id, "card");
  const pending = await unscopedDb.stripeEvent.findMany({ where: { processedAt: null }, orderBy: { receivedAt: "asc" }, select: { id: true } });
  for (const { id } of pending) await processStripeEvent(id);
  const paid = await reload(order);
  expect(paid.status).toBe("PAID");
  return paid;
}

async function paidByTransfer(): Promise<Order> {
  const order = await createPlacedOrder(world, [1], { paymentMethod: "BANK_TRANSFER" });
  return applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: { userId: null, organizationId: world.platformId } });
}

describe("refunds from the order's life", () => {
  it("cancelled after a Stripe payment: refunded through Stripe at once, nothing left due", async () => {
    const order = await paidThroughStripe();
    const cancelled = await changeOrderStatus(viewer(world.buyerId, "BUYER"), order.id, "cancel", "Found it cheaper");
    expect(cancelled.refund).toBe("refunded");
    const after = await reload(order);
    expect(after).toMatchObject({ status: "CANCELLED", paidMinor: 0n, refundedMinor: order.buyerTotalMinor });
    const refunds = await unscopedDb.refund.findMany({ where: { orderId: order.id } });
    expect(refunds.map((r) => [r.status, r.amountMinor])).toEqual([["SUCCEEDED", order.buyerTotalMinor]]);
    expect(standin.requests.some((r) => r.path === "/v1/refunds" && JSON.stringify(r.params).includes(order.id))).toBe(true);
    expect(refundOutstanding((await findOrderForViewer(viewer(world.platformId, "PLATFORM"), order.number))!)).toBe(0n);
  });

  it("cancelled after a bank transfer: due until the platform records the transfer it sent back", async () => {
    const order = await paidByTransfer();
    const cancelled = await changeOrderStatus(viewer(world.makerId, "MANUFACTURER"), order.id, "cancel", "Out of production");
    expect(cancelled.refund).toBe("due");
    const platformView = viewer(world.platformId, "PLATFORM");
    expect(refundOutstanding((await findOrderForViewer(platformView, order.number))!)).toBe(order.buyerTotalMinor);
    const amountText = (Number(order.buyerTotalMinor) / 100).toFixed(2);
    expect(await refundFromOrderPage({ orderId: order.id, amountText, amountMinor: order.buyerTotalMinor, reason: "Transfer returned", actor: { userId: null, organizationId: world.platformId } })).toBe("refunded");
    expect(refundOutstanding((await findOrderForViewer(platformView, order.number))!)).toBe(0n);
    expect(await reload(order)).toMatchObject({ paidMinor: 0n, refundedMinor: order.buyerTotalMinor });
  });

  it("a dispute decided for the buyer refunds the granted part through Stripe", async () => {
    const order = await paidThroughStripe();
    const system = { userId: null, organizationId: null };
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "start_fulfilment" }, actor: system });
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "ship" }, actor: system });
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "deliver" }, actor: system });
    const dispute = await openDispute({ orderId: order.id, actor: { userId: null, organizationId: world.buyerId }, reason: "One unit scratched" });
    await resolveDispute({ disputeId: dispute.id, actor: { userId: null, organizationId: world.platformId }, outcome: "RESOLVED_FOR_BUYER", resolution: "Partial refund", refundMinor: 100n });
    expect(await reload(order)).toMatchObject({ status: "DELIVERED", paidMinor: order.buyerTotalMinor - 100n, refundedMinor: 100n });
    expect(refundOutstanding((await findOrderForViewer(viewer(world.buyerId, "BUYER"), order.number))!)).toBe(0n);
  });
});
