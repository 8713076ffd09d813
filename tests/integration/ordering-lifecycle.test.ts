import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import type { BaseClient } from "~/modules/db/client.server";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import { checkLedgerConsistency } from "~/modules/inventory/consistency.server";
import { completeDeliveredOrders, DisputeError, openDispute, postDisputeMessage, resolveDispute } from "~/modules/ordering/disputes.server";
import { applyOrderEvent, OrderLifecycleError, type OrderActor } from "~/modules/ordering/order-lifecycle.server";
import { allowedActions, changeOrderStatus, counterparts, findOrderForViewer, listOrders, orderFilterFrom, partyFor, refundOutstanding, type OrdersViewer, type ViewerKind } from "~/modules/ordering/orders.server";
import { withTestDatabase } from "../support/database";
import { balanceOf, createOrderWorld, createPlacedOrder, type OrderWorld } from "../support/order-fixtures";

withTestDatabase();

let world: OrderWorld;
let buyer: OrderActor;
let maker: OrderActor;
let platform: OrderActor;
const system: OrderActor = { userId: null, organizationId: null };

beforeAll(async () => {
  world = await createOrderWorld();
  buyer = { userId: null, organizationId: world.buyerId };
  maker = { userId: null, organizationId: world.makerId };
  platform = { userId: null, organizationId: world.platformId };
});

async function refusal(promise: Promise<unknown>): Promise<OrderLifecycleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OrderLifecycleError);
  return error as OrderLifecycleError;
}

function eventsOf(orderId: string) {
  return unscopedDb.orderEvent.findMany({ where: { orderId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

describe("applyOrderEvent", () => {
  it("audits every transition (who, when, why, from/to) and dates the status", async () => {
    const order = await createPlacedOrder(world, [1]);
    const t1 = new Date("2026-12-05T10:00:00Z");
    const t2 = new Date("2026-12-05T11:00:00Z");
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "await_payment" }, actor: buyer, now: t1 });
    const paid = await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: system, reason: "pi_123", now: t2 });
    expect(paid).toMatchObject({ status: "PAID", paidMinor: order.buyerTotalMinor, paidAt: t2 });
    expect(paid.effects).toEqual([{ kind: "pick_stock" }]);
    const events = await eventsOf(order.id);
    expect(events.map((e) => [e.event, e.fromStatus, e.toStatus, e.actorOrganizationId, e.amountMinor])).toEqual([
      ["await_payment", "PLACED", "AWAITING_PAYMENT", world.buyerId, null],
      ["payment_received", "AWAITING_PAYMENT", "PAID", null, order.buyerTotalMinor],
    ]);
    expect(events[1]).toMatchObject({ reason: "pi_123", createdAt: t2 });
  });

  it("paid: the order's reservations become picks at the serving warehouse", async () => {
    const variant = world.variants[0]!;
    const before = await balanceOf(world, variant.id);
    const order = await createPlacedOrder(world, [4]);
    expect(await balanceOf(world, variant.id)).toEqual({ onHand: before.onHand, reserved: before.reserved + 4 });
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: system });
    expect(await balanceOf(world, variant.id)).toEqual({ onHand: before.onHand - 4, reserved: before.reserved });
    const reservations = await unscopedDb.stockReservation.findMany({ where: { reference: `order:${order.id}` } });
    expect(reservations.map((r) => r.status)).toEqual(["CONFIRMED"]);
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: world.makerId })).toEqual([]);
  });

  it("a reservation that expired before payment is taken again when the stock is still there", async () => {
    const variant = world.variants[0]!;
    const order = await createPlacedOrder(world, [2]);
    const before = await balanceOf(world, variant.id);
    const later = new Date(Date.now() + 8 * 24 * 3600_000);
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: system, now: later });
    expect(await balanceOf(world, variant.id)).toEqual({ onHand: before.onHand - 2, reserved: before.reserved - 2 });
    const line = await unscopedDb.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
    const current = await unscopedDb.stockReservation.findUniqueOrThrow({ where: { id: line.reservationId! } });
    expect(current.status).toBe("CONFIRMED");
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: world.makerId })).toEqual([]);
  });

  it("cancel before payment releases the reserved stock and needs a reason", async () => {
    const variant = world.variants[1]!;
    const before = await balanceOf(world, variant.id);
    const order = await createPlacedOrder(world, [1, 5]);
    expect((await refusal(applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "cancel" }, actor: buyer }))).code).toBe("reason_required");
    const cancelled = await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "cancel" }, actor: buyer, reason: "Ordered the wrong model" });
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.cancelledAt).toBeInstanceOf(Date);
    expect(cancelled.effects).toEqual([{ kind: "release_stock" }]);
    expect(await balanceOf(world, variant.id)).toEqual(before);
    const statuses = (await unscopedDb.stockReservation.findMany({ where: { reference: `order:${order.id}` } })).map((r) => r.status);
    expect(statuses).toEqual(["RELEASED", "RELEASED"]);
    expect((await eventsOf(order.id)).at(-1)).toMatchObject({ event: "cancel", reason: "Ordered the wrong model", fromStatus: "PLACED", toStatus: "CANCELLED" });
  });

  it("cancel after payment gives the picked units back and records the refund due", async () => {
    const variant = world.variants[0]!;
    const before = await balanceOf(world, variant.id);
    const order = await createPlacedOrder(world, [3]);
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: system });
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "start_fulfilment" }, actor: maker });
    const cancelled = await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "cancel" }, actor: maker, reason: "Cannot make it in time" });
    expect(cancelled.effects).toEqual([{ kind: "release_stock" }, { kind: "refund_due", amountMinor: order.buyerTotalMinor }]);
    expect(await balanceOf(world, variant.id)).toEqual(before);
    const due = (await eventsOf(order.id)).filter((e) => e.event === "refund_due");
    expect(due).toHaveLength(1);
    expect(due[0]!.amountMinor).toBe(order.buyerTotalMinor);
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: world.makerId })).toEqual([]);
  });

  it("ship takes the picked units out of the warehouse (SHIPMENT), deliver and complete date the order", async () => {
    const order = await createPlacedOrder(world, [2, 1]);
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: system });
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "start_fulfilment" }, actor: maker });
    const shipped = await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "ship" }, actor: maker });
    expect(shipped.shippedAt).toBeInstanceOf(Date);
    const reservationIds = (await unscopedDb.stockReservation.findMany({ where: { reference: `order:${order.id}` } })).map((r) => r.id);
    expect(await unscopedDb.stockMovement.count({ where: { reservationId: { in: reservationIds }, kind: "SHIPMENT" } })).toBe(2);
    const delivered = await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "deliver" }, actor: platform });
    expect(delivered.deliveredAt).toBeInstanceOf(Date);
    const completed = await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "complete" }, actor: buyer });
    expect(completed).toMatchObject({ status: "COMPLETED" });
    expect((await eventsOf(order.id)).map((e) => e.toStatus)).toEqual(["PAID", "IN_FULFILMENT", "SHIPPED", "DELIVERED", "COMPLETED"]);
  });

  it("refuses what the table or the role does not allow, with a code and a 4xx status, changing nothing", async () => {
    const order = await createPlacedOrder(world, [1]);
    const notNow = await refusal(applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "ship" }, actor: platform }));
    expect([notNow.code, notNow.status]).toEqual(["not_allowed_in_status", 409]);
    const role = await refusal(applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: 1n }, actor: buyer }));
    expect([role.code, role.status]).toEqual(["not_allowed_for_role", 403]);
    const amount = await refusal(applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: 0n }, actor: system }));
    expect([amount.code, amount.status]).toEqual(["invalid_amount", 400]);
    const refund = await refusal(applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "refund", amountMinor: 5n }, actor: platform }));
    expect([refund.code, refund.status]).toEqual(["refund_exceeds_paid", 409]);
    const terms = await refusal(applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "terms_accepted" }, actor: buyer }));
    expect(terms.code).toBe("terms_not_granted");
    const stranger = await refusal(applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "cancel" }, actor: { userId: null, organizationId: (await createOrderWorld(0, ["X"])).buyerId }, reason: "x" }));
    expect([stranger.code, stranger.status]).toEqual(["order_not_found", 404]);
    expect((await refusal(applyOrderEvent(unscopedDb, { orderId: "not-a-uuid", event: { kind: "cancel" }, actor: system }))).code).toBe("order_not_found");
    expect(await unscopedDb.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "PLACED", paidMinor: 0n });
    expect(await eventsOf(order.id)).toEqual([]);
  });

  it("runs in the caller's transaction: a failure later in it undoes the change and its audit row", async () => {
    const order = await createPlacedOrder(world, [1]);
    await expect(
      unscopedDb.$transaction(async (tx) => {
        await applyOrderEvent(tx, { orderId: order.id, event: { kind: "await_payment" }, actor: buyer });
        throw new Error("later step failed");
      }),
    ).rejects.toThrow("later step failed");
    expect((await unscopedDb.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PLACED");
    expect(await eventsOf(order.id)).toEqual([]);
  });

  it("the database refuses a status change outside the table, whoever writes it", async () => {
    const order = await createPlacedOrder(world, [1]);
    await expect(unscopedDb.order.update({ where: { id: order.id }, data: { status: "SHIPPED" } })).rejects.toThrow(/not allowed/);
    await expect(unscopedDb.$executeRaw`UPDATE "Order" SET "status" = 'COMPLETED' WHERE "id" = ${order.id}::uuid`).rejects.toThrow(/not allowed/);
    await unscopedDb.order.update({ where: { id: order.id }, data: { status: "AWAITING_PAYMENT" } });
  });

  it("concurrent payments on one order are serialized by the row lock: one pick, paid = sum", async () => {
    const order = await createPlacedOrder(world, [2]);
    const half = order.buyerTotalMinor / 2n;
    await Promise.all([
      applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: half }, actor: system }),
      applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor - half }, actor: system }),
    ]);
    const after = await unscopedDb.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(after).toMatchObject({ status: "PAID", paidMinor: order.buyerTotalMinor });
    expect((await unscopedDb.stockReservation.findMany({ where: { reference: `order:${order.id}` } })).map((r) => r.status)).toEqual(["CONFIRMED"]);
  });
});

function viewer(organizationId: string, kind: ViewerKind): OrdersViewer {
  return { userId: randomUUID(), organizationId, kind, lang: "en", currencyCode: "BRL", client: kind === "PLATFORM" ? unscopedDb : (forOrganization(organizationId) as unknown as BaseClient) };
}

async function deliveredOrder(deliveredAt: Date) {
  const order = await createPlacedOrder(world, [1]);
  await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: system });
  await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "start_fulfilment" }, actor: maker });
  await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "ship" }, actor: maker });
  await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "deliver" }, actor: platform, now: deliveredAt });
  return order;
}

async function disputeRefusal(promise: Promise<unknown>): Promise<DisputeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DisputeError);
  return error as DisputeError;
}

describe("orders seen by each organization", () => {
  it("buyer and manufacturer find their order; another organization gets null; the platform sees it", async () => {
    const order = await createPlacedOrder(world, [1]);
    const asBuyer = await findOrderForViewer(viewer(world.buyerId, "BUYER"), order.number);
    const asMaker = await findOrderForViewer(viewer(world.makerId, "MANUFACTURER"), order.number);
    expect(asBuyer?.id).toBe(order.id);
    expect(asMaker?.lines).toHaveLength(1);
    const stranger = await createOrderWorld(0, ["S"]);
    expect(await findOrderForViewer(viewer(stranger.buyerId, "BUYER"), order.number)).toBeNull();
    expect(await findOrderForViewer(viewer(stranger.makerId, "MANUFACTURER"), order.number)).toBeNull();
    expect((await findOrderForViewer(viewer(world.platformId, "PLATFORM"), order.number))?.id).toBe(order.id);
    expect(await findOrderForViewer(viewer(world.buyerId, "BUYER"), "not a number")).toBeNull();
    expect(partyFor(viewer(world.buyerId, "BUYER"), order)).toBe("buyer");
  });

  it("lists filter by status, date, number and counterpart, page by keyset, and never show another organization's", async () => {
    const other = await createOrderWorld(50, ["L"]);
    const mine = [await createPlacedOrder(world, [1]), await createPlacedOrder(world, [1]), await createPlacedOrder(world, [1])];
    await createPlacedOrder(other, [1]);
    const buyerView = viewer(world.buyerId, "BUYER");
    const all = await listOrders(buyerView, {}, { take: 500 });
    expect(all.rows.every((r) => r.buyerOrganizationId === world.buyerId)).toBe(true);
    expect(all.rows.map((r) => r.id)).toEqual(expect.arrayContaining(mine.map((o) => o.id)));
    const first = await listOrders(buyerView, {}, { take: 2 });
    expect(first.rows).toHaveLength(2);
    const second = await listOrders(buyerView, {}, { take: 2, cursor: first.nextCursor });
    expect(second.rows.map((r) => r.id)).not.toContain(first.rows[0]!.id);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(all.rows.slice(0, 4).map((r) => r.id));
    const byNumber = await listOrders(buyerView, orderFilterFrom(new URLSearchParams({ q: mine[1]!.number.slice(-8).toLowerCase() })));
    expect(byNumber.rows.map((r) => r.id)).toEqual([mine[1]!.id]);
    const cancelledOnly = await listOrders(buyerView, orderFilterFrom(new URLSearchParams({ status: "CANCELLED" })), { take: 500 });
    expect(cancelledOnly.rows.every((r) => r.status === "CANCELLED")).toBe(true);
    const future = await listOrders(buyerView, orderFilterFrom(new URLSearchParams({ from: "2099-01-01" })));
    expect(future.rows).toEqual([]);
    const byMaker = await listOrders(buyerView, orderFilterFrom(new URLSearchParams({ party: other.makerId })));
    expect(byMaker.rows).toEqual([]);
    expect(orderFilterFrom(new URLSearchParams({ status: "NOPE", from: "2026-02-31", party: "x" }))).toEqual({});
    const platformAll = await listOrders(viewer(world.platformId, "PLATFORM"), { partyId: other.buyerId });
    expect(platformAll.rows.length).toBe(1);
    // The party filter's choices: a buyer's manufacturers, the platform's both sides.
    expect((await counterparts(buyerView)).map((c) => c.id)).toEqual([world.makerId]);
    expect((await counterparts(viewer(world.platformId, "PLATFORM"))).map((c) => c.id)).toEqual(expect.arrayContaining([world.makerId, world.buyerId, other.makerId, other.buyerId]));
  });

  it("actions offered follow role and status", async () => {
    const order = await createPlacedOrder(world, [1]);
    const detail = (await findOrderForViewer(viewer(world.buyerId, "BUYER"), order.number))!;
    expect(allowedActions(detail, "buyer")).toEqual(["cancel"]);
    expect(allowedActions(detail, "manufacturer")).toEqual(["cancel"]);
    expect(allowedActions({ ...detail, status: "IN_FULFILMENT" }, "manufacturer")).toEqual(["cancel", "ship"]);
    expect(allowedActions({ ...detail, status: "SHIPPED" }, "platform")).toEqual(["deliver"]);
    expect(allowedActions({ ...detail, status: "DELIVERED", deliveredAt: new Date() }, "buyer")).toEqual(["complete", "open_dispute"]);
  });

  it("cancel from the order page: stock released, both told, refund outstanding shown after payment", async () => {
    const order = await createPlacedOrder(world, [1]);
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: system });
    const result = await changeOrderStatus(viewer(world.buyerId, "BUYER"), order.id, "cancel", "Changed our plans");
    expect(result.status).toBe("CANCELLED");
    const detail = (await findOrderForViewer(viewer(world.platformId, "PLATFORM"), order.number))!;
    expect(refundOutstanding(detail)).toBe(order.buyerTotalMinor);
  });
});

describe("disputes", () => {
  it("the buyer opens one within 30 days of delivery, with evidence; the order cannot complete while it is open", async () => {
    const delivered = new Date(Date.now() - 5 * 24 * 3600_000);
    const order = await deliveredOrder(delivered);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    expect((await disputeRefusal(openDispute({ orderId: order.id, actor: maker, reason: "x" }))).code).toBe("not_allowed_for_role");
    expect((await disputeRefusal(openDispute({ orderId: order.id, actor: buyer, reason: "  " }))).code).toBe("reason_required");
    const dispute = await openDispute({ orderId: order.id, actor: buyer, reason: "Two units arrived broken", evidence: [{ bytes: png, ext: "png" }] });
    expect(dispute.status).toBe("OPEN");
    expect((await disputeRefusal(openDispute({ orderId: order.id, actor: buyer, reason: "again" }))).code).toBe("dispute_exists");
    const blocked = await refusal(applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "complete" }, actor: buyer }));
    expect([blocked.code, blocked.status]).toEqual(["dispute_open", 409]);
    await postDisputeMessage({ disputeId: dispute.id, actor: { userId: null, organizationId: world.makerId }, body: "Please send photos of the boxes" });
    const strangerOrg = (await createOrderWorld(0, ["D"])).buyerId;
    expect((await disputeRefusal(postDisputeMessage({ disputeId: dispute.id, actor: { userId: null, organizationId: strangerOrg }, body: "hi" }))).code).toBe("order_not_found");
    expect((await disputeRefusal(resolveDispute({ disputeId: dispute.id, actor: { userId: null, organizationId: world.buyerId }, outcome: "RESOLVED_FOR_BUYER", resolution: "mine" }))).code).toBe("not_allowed_for_role");
    // The worker leaves it alone while the dispute is open, even past the window.
    expect((await completeDeliveredOrders({ now: new Date(delivered.getTime() + 40 * 24 * 3600_000) })).completed).toBe(0);
    const resolved = await resolveDispute({ disputeId: dispute.id, actor: { userId: null, organizationId: world.platformId }, outcome: "RESOLVED_FOR_BUYER", resolution: "Refund the two broken units", refundMinor: 150n });
    expect(resolved.status).toBe("RESOLVED_FOR_BUYER");
    const messages = await unscopedDb.disputeMessage.findMany({ where: { disputeId: dispute.id }, orderBy: { createdAt: "asc" } });
    expect(messages).toHaveLength(2);
    expect(messages[0]!.attachmentKeys[0]).toMatch(new RegExp(`^disputes/${dispute.id}/[0-9a-f-]+\\.png$`));
    const detail = (await findOrderForViewer(viewer(world.buyerId, "BUYER"), order.number))!;
    expect(refundOutstanding(detail)).toBe(150n);
    expect(detail.events.map((e) => e.event)).toEqual(expect.arrayContaining(["dispute_opened", "dispute_resolved", "refund_due"]));
    expect((await changeOrderStatus(viewer(world.buyerId, "BUYER"), order.id, "complete")).status).toBe("COMPLETED");
  });

  it("no dispute after the 30-day window, nor before delivery; the worker completes delivered orders once the window closed", async () => {
    const old = await deliveredOrder(new Date(Date.now() - 31 * 24 * 3600_000));
    expect((await disputeRefusal(openDispute({ orderId: old.id, actor: buyer, reason: "Late complaint" }))).code).toBe("window_closed");
    const placed = await createPlacedOrder(world, [1]);
    expect((await disputeRefusal(openDispute({ orderId: placed.id, actor: buyer, reason: "Where is it?" }))).code).toBe("not_delivered");
    const recent = await deliveredOrder(new Date(Date.now() - 2 * 24 * 3600_000));
    const run = await completeDeliveredOrders();
    expect(run.completed).toBeGreaterThanOrEqual(1);
    const after = await unscopedDb.order.findMany({ where: { id: { in: [old.id, recent.id] } }, select: { id: true, status: true } });
    expect(Object.fromEntries(after.map((o) => [o.id, o.status]))).toEqual({ [old.id]: "COMPLETED", [recent.id]: "DELIVERED" });
    expect((await eventsOf(old.id)).at(-1)).toMatchObject({ event: "complete", actorOrganizationId: null, reason: null, reasonCode: "dispute_window_closed" });
  });
});
