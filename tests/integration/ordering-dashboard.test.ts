import { beforeAll, describe, expect, it } from "vitest";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import { tradeDashboard } from "~/modules/ordering/dashboard.server";
import { withTestDatabase } from "../support/database";
import { createOrderWorld, createPlacedOrder, type OrderWorld } from "../support/order-fixtures";

withTestDatabase();

let world: OrderWorld;
let other: OrderWorld;
const orderNumbers: string[] = [];

const contextOf = (id: string, kind: "BUYER" | "MANUFACTURER" | "PLATFORM" | "PARK_OPERATOR") => ({ organization: { id, name: "x", kind }, scoped: forOrganization(id) });

let rfqCounter = 0;
async function createRfq(w: OrderWorld, status: "OPEN" | "QUOTED" | "CLOSED", createdAt: Date, answered = false) {
  rfqCounter += 1;
  return unscopedDb.rfq.create({
    data: {
      number: `RFQ-2026-${String(900000 + rfqCounter)}`,
      organizationId: w.makerId,
      buyerOrganizationId: w.buyerId,
      title: `Air fryer batch ${rfqCounter}`,
      quantity: 500,
      destinationCountry: "BR",
      tradeTerm: "FOB",
      attachmentKeys: [],
      status,
      respondBy: new Date(createdAt.getTime() + 7 * 86_400_000),
      firstResponseAt: answered ? createdAt : null,
      createdAt,
    },
  });
}

beforeAll(async () => {
  world = await createOrderWorld();
  other = await createOrderWorld();
  await unscopedDb.organization.update({ where: { id: world.makerId }, data: { name: "Gree-Lux Dash" } });
  await unscopedDb.organization.update({ where: { id: world.buyerId }, data: { name: "Casa Dash" } });
  // Seven orders of the world (placed a day apart), one of another buyer and manufacturer.
  for (let day = 1; day <= 7; day += 1) {
    const order = await createPlacedOrder(world, [1], { placedAt: new Date(Date.UTC(2026, 10, day)), paymentMethod: day <= 2 ? "BANK_TRANSFER" : undefined });
    orderNumbers.push(order.number);
  }
  await unscopedDb.order.update({ where: { number: orderNumbers[0] }, data: { status: "AWAITING_PAYMENT" } });
  await unscopedDb.order.update({ where: { number: orderNumbers[2] }, data: { status: "PAID", paidMinor: 750n, paidAt: new Date() } });
  await unscopedDb.order.update({ where: { number: orderNumbers[3] }, data: { status: "CANCELLED", cancelledAt: new Date() } });
  await createPlacedOrder(other, [1]);

  const open = await createRfq(world, "OPEN", new Date(Date.UTC(2026, 10, 10)));
  const quoted = await createRfq(world, "QUOTED", new Date(Date.UTC(2026, 10, 11)), true);
  await createRfq(world, "CLOSED", new Date(Date.UTC(2026, 10, 12)), true);
  await createRfq(other, "OPEN", new Date(Date.UTC(2026, 10, 13)));
  const quote = { organizationId: world.makerId, buyerOrganizationId: world.buyerId, offeredByOrganizationId: world.makerId, quantity: 500, unitPriceMinor: 8_000n, currencyCode: "CNY", tradeTerm: "FOB" as const, leadTimeDays: 20 };
  await unscopedDb.quote.create({ data: { ...quote, rfqId: quoted.id, validUntil: new Date(Date.now() + 86_400_000) } });
  // An expired offer and the buyer's own counter-offer are not "to decide".
  await unscopedDb.quote.create({ data: { ...quote, rfqId: quoted.id, validUntil: new Date(Date.now() - 86_400_000) } });
  await unscopedDb.quote.create({ data: { ...quote, rfqId: open.id, offeredByOrganizationId: world.buyerId, validUntil: new Date(Date.now() + 86_400_000) } });

  await unscopedDb.bankTransfer.createMany({
    data: [
      { bankTransactionId: "DASH-1", receivedOn: new Date(Date.UTC(2026, 11, 1)), payerName: "Casa Dash Ltda", referenceText: "PNT?", currencyCode: "BRL", amountMinor: 75_000n },
      { bankTransactionId: "DASH-2", receivedOn: new Date(Date.UTC(2026, 11, 2)), payerName: "Someone", currencyCode: "BRL", amountMinor: 10_000n, status: "MATCHED" },
    ],
  });
});

describe("tradeDashboard", () => {
  it("gives the buyer its orders by status, the latest five with the manufacturer's name and its own currency, its RFQs and the quotes to decide", async () => {
    const data = await tradeDashboard(contextOf(world.buyerId, "BUYER"), "pt");
    if (data?.kind !== "BUYER") throw new Error("expected the buyer's dashboard");
    expect(data.orders.total).toBe(7);
    expect(data.orders.byStatus).toEqual({ PLACED: 4, AWAITING_PAYMENT: 1, PAID: 1, CANCELLED: 1 });
    expect(data.orders.latest.map((o) => o.number)).toEqual(orderNumbers.slice(2).reverse());
    expect(data.orders.latest[0]).toMatchObject({ counterpart: "Gree-Lux Dash", total: "R$\u00a07,50", status: "PLACED", date: "7 de nov. de 2026" });
    expect(data.rfqs.open).toBe(2);
    expect(data.rfqs.quotesToDecide).toBe(1);
    expect(data.rfqs.latest.map((r) => r.status)).toEqual(["CLOSED", "QUOTED", "OPEN"]);
    expect(data.rfqs.latest[0]!.counterpart).toBe("Gree-Lux Dash");
  });

  it("gives the manufacturer the same orders in its currency with the buyer's name, and the RFQs awaiting its answer", async () => {
    const data = await tradeDashboard(contextOf(world.makerId, "MANUFACTURER"), "zh");
    if (data?.kind !== "MANUFACTURER") throw new Error("expected the manufacturer's dashboard");
    expect(data.orders.total).toBe(7);
    expect(data.orders.latest[0]).toMatchObject({ counterpart: "Casa Dash", total: "¥10.00" });
    expect(data.rfqs).toMatchObject({ awaitingAnswer: 1, open: 2 });
    expect(data.rfqs.latest).toHaveLength(3);
  });

  it("shows another organization nothing of these, and an empty dashboard when it has none", async () => {
    const data = await tradeDashboard(contextOf(other.buyerId, "BUYER"), "en");
    if (data?.kind !== "BUYER") throw new Error("expected the buyer's dashboard");
    expect(data.orders.total).toBe(1);
    expect(data.orders.latest.every((o) => !orderNumbers.includes(o.number))).toBe(true);
    expect(data.rfqs.quotesToDecide).toBe(0);
    const fresh = await unscopedDb.organization.create({ data: { kind: "BUYER", name: "New buyer", countryCode: "MX" } });
    const empty = await tradeDashboard(contextOf(fresh.id, "BUYER"), "es");
    expect(empty).toEqual({ kind: "BUYER", orders: { total: 0, byStatus: {}, latest: [] }, rfqs: { open: 0, quotesToDecide: 0, latest: [] } });
    expect(await tradeDashboard(contextOf(fresh.id, "PARK_OPERATOR"), "es")).toBeNull();
  });

  it("gives the platform every order, the transfers awaiting a match and the orders waiting for one", async () => {
    const data = await tradeDashboard(contextOf(world.platformId, "PLATFORM"), "en");
    if (data?.kind !== "PLATFORM") throw new Error("expected the platform's dashboard");
    expect(data.orders.total).toBe(8);
    expect(data.orders.latest[0]!.counterpart).toMatch(/ → /);
    expect(data.transfers.unmatched).toBe(1);
    expect(data.transfers.ordersAwaitingTransfer).toBe(2);
    expect(data.transfers.latest).toEqual([expect.objectContaining({ payerName: "Casa Dash Ltda", referenceText: "PNT?", amount: "R$750.00", receivedOn: "Dec 1, 2026" })]);
  });
});
