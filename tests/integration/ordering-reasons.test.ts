import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { BaseClient } from "~/modules/db/client.server";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import type { Lang } from "~/modules/i18n/config";
import { openDispute, resolveDispute } from "~/modules/ordering/disputes.server";
import { applyMovement } from "~/modules/inventory/ledger.server";
import { expireReservations } from "~/modules/inventory/reservations.server";
import { applyOrderEvent, type OrderActor } from "~/modules/ordering/order-lifecycle.server";
import { presentOrder } from "~/modules/ordering/order-presenter.server";
import { legacyOrderReason, refundReason } from "~/modules/ordering/order-reasons";
import { findOrderForViewer, type OrdersViewer, type ViewerKind } from "~/modules/ordering/orders.server";
import { chooseBankTransfer } from "~/modules/payments/bank-transfer.server";
import { withTestDatabase } from "../support/database";
import { createOrderWorld, createPlacedOrder, type OrderWorld } from "../support/order-fixtures";

/** The order's history: reasons Ponte writes are codes rendered in the reader's language; what people type stays. */

withTestDatabase();

let world: OrderWorld;
let buyer: OrderActor & { organizationId: string };
let maker: OrderActor;
let platform: OrderActor & { organizationId: string };
const system: OrderActor = { userId: null, organizationId: null };

beforeAll(async () => {
  world = await createOrderWorld();
  buyer = { userId: null, organizationId: world.buyerId };
  maker = { userId: null, organizationId: world.makerId };
  platform = { userId: null, organizationId: world.platformId };
});

function viewer(organizationId: string, kind: ViewerKind, lang: Lang): OrdersViewer {
  return { userId: randomUUID(), organizationId, kind, lang, currencyCode: "BRL", client: kind === "PLATFORM" ? unscopedDb : (forOrganization(organizationId) as unknown as BaseClient) };
}

async function history(orderNumber: string, who: OrdersViewer) {
  const order = await findOrderForViewer(who, orderNumber);
  const view = await presentOrder(who, order!);
  return view.timeline.map((e) => [e.event, e.reason]);
}

describe("reasons Ponte writes are stored as codes", () => {
  it("choosing bank transfer stores a code, not English; a manufacturer reads it in Chinese, a buyer in Spanish", async () => {
    const order = await createPlacedOrder(world, [1]);
    await chooseBankTransfer({ orderId: order.id, actor: buyer });
    const row = await unscopedDb.orderEvent.findFirstOrThrow({ where: { orderId: order.id, event: "await_payment" } });
    expect(row).toMatchObject({ reason: null, reasonCode: "chose_bank_transfer", reasonParams: null });
    expect(await history(order.number, viewer(world.makerId, "MANUFACTURER", "zh"))).toContainEqual(["await_payment", "银行转账"]);
    expect(await history(order.number, viewer(world.buyerId, "BUYER", "es"))).toContainEqual(["await_payment", "Transferencia bancaria"]);
  });

  it("parameters are formatted for the reader; a refund due after payment and a typed cancellation side by side", async () => {
    const order = await createPlacedOrder(world, [1]);
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: system, reason: { code: "stripe_payment", params: { method: "oxxo", session: "cs_test_1" } } });
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "cancel" }, actor: buyer, reason: "bank transfer" });
    const rows = await unscopedDb.orderEvent.findMany({ where: { orderId: order.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(rows.map((r) => [r.event, r.reason, r.reasonCode])).toEqual([
      ["payment_received", null, "stripe_payment"],
      ["cancel", "bank transfer", null],
      ["refund_due", null, "cancelled_after_payment"],
    ]);
    // The buyer typed "bank transfer" as a cancellation reason: it is theirs, shown as typed, never translated.
    expect(await history(order.number, viewer(world.makerId, "MANUFACTURER", "zh"))).toEqual([
      ["payment_received", "通过 Stripe 以OXXO（门店现金）支付（cs_test_1）"],
      ["cancel", "bank transfer"],
      ["refund_due", "订单在付款后被取消"],
    ]);
    expect((await history(order.number, viewer(world.buyerId, "BUYER", "es")))[2]).toEqual(["refund_due", "El pedido se canceló después de pagarse"]);
  });

  it("a dispute's decision keeps the platform's words after the outcome in the reader's language", async () => {
    const order = await createPlacedOrder(world, [1]);
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: system });
    for (const kind of ["start_fulfilment", "ship", "deliver"] as const) await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind }, actor: kind === "deliver" ? platform : maker });
    const dispute = await openDispute({ orderId: order.id, actor: buyer, reason: "Caja rota" });
    await resolveDispute({ disputeId: dispute.id, outcome: "RESOLVED_FOR_BUYER", resolution: "Foto confirma daño", actor: platform });
    const decided = await unscopedDb.orderEvent.findFirstOrThrow({ where: { orderId: order.id, event: "dispute_resolved" } });
    expect(decided).toMatchObject({ reason: "Foto confirma daño", reasonCode: "dispute_decided", reasonParams: { outcome: "RESOLVED_FOR_BUYER" } });
    const zh = await history(order.number, viewer(world.makerId, "MANUFACTURER", "zh"));
    expect(zh).toContainEqual(["dispute_opened", "Caja rota"]);
    expect(zh).toContainEqual(["dispute_resolved", "裁定支持采购商：Foto confirma daño"]);
  });

  it("a short stock names the SKU and the numbers in the reader's language", async () => {
    // One unit in stock; the order's hold expired before the money came and the unit went meanwhile.
    const small = await createOrderWorld(1, ["SHORT-A"]);
    const order = await createPlacedOrder(small, [1]);
    const line = await unscopedDb.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
    await expireReservations({ now: new Date(Date.now() + 8 * 24 * 3600_000) });
    await unscopedDb.$transaction((tx) => applyMovement(tx, { organizationId: small.makerId, warehouseId: small.warehouseId, variantId: line.variantId, kind: "ADJUSTMENT", onHandDelta: -1, reason: "test: sold elsewhere" }));
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: system });
    const short = await unscopedDb.orderEvent.findFirstOrThrow({ where: { orderId: order.id, event: "stock_short" } });
    expect(short).toMatchObject({ reason: null, reasonCode: "stock_short", reasonParams: { sku: line.sku, requested: 1, available: 0 } });
    expect(await history(order.number, viewer(small.makerId, "MANUFACTURER", "es"))).toContainEqual(["stock_short", `${line.sku}: 1 solicitadas, 0 disponibles`]);
  });
});

describe("rows written before codes (English sentences) are read as codes", () => {
  it("maps each sentence Ponte used to write, per event; anything else is a person's text", () => {
    expect(legacyOrderReason("await_payment", "bank transfer")).toEqual({ code: "chose_bank_transfer" });
    expect(legacyOrderReason("await_payment", "Stripe")).toEqual({ code: "chose_stripe" });
    expect(legacyOrderReason("terms_accepted", "net 30")).toEqual({ code: "net_terms", params: { days: 30 } });
    expect(legacyOrderReason("payment_received", "Stripe oxxo cs_test_9")).toEqual({ code: "stripe_payment", params: { method: "oxxo", session: "cs_test_9" } });
    expect(legacyOrderReason("payment_received", "bank transfer TX-1 (matched by hand)")).toEqual({ code: "transfer_matched_by_hand", params: { transaction: "TX-1" } });
    expect(legacyOrderReason("payment_received", "bank transfer TX 2 (matched by reference)")).toEqual({ code: "transfer_matched_by_reference", params: { transaction: "TX 2" } });
    expect(legacyOrderReason("complete", "dispute window closed")).toEqual({ code: "dispute_window_closed" });
    expect(legacyOrderReason("refund_due", "paid more than the total")).toEqual({ code: "overpaid" });
    expect(legacyOrderReason("refund_due", "dispute: broken")).toEqual({ code: "dispute_refund", note: "broken" });
    expect(legacyOrderReason("payment_overdue", "due on 2026-11-30")).toEqual({ code: "payment_overdue", params: { dueOn: "2026-11-30" } });
    expect(legacyOrderReason("place", "quote RFQ-2026-000001")).toEqual({ code: "from_quote", params: { rfq: "RFQ-2026-000001" } });
    expect(legacyOrderReason("dispute_resolved", "WITHDRAWN: settled")).toEqual({ code: "dispute_decided", params: { outcome: "WITHDRAWN" }, note: "settled" });
    expect(legacyOrderReason("refund", "order PO-2026-000001 cancelled: wrong model")).toEqual({ code: "cancel_refund", params: { order: "PO-2026-000001" }, note: "wrong model" });
    // Typed by people: a cancellation or a dispute never matches, whatever it says.
    expect(legacyOrderReason("cancel", "bank transfer")).toBeNull();
    expect(legacyOrderReason("dispute_opened", "dispute window closed")).toBeNull();
    expect(legacyOrderReason("refund", "two units damaged")).toBeNull();
    expect(refundReason("refunded in Stripe's dashboard")).toEqual({ code: "stripe_dashboard_refund" });
  });

  it("an old order's English history is shown in Chinese and Spanish, a date in the reader's format", async () => {
    const order = await createPlacedOrder(world, [1], { paymentMethod: "TERMS" });
    const base = { organizationId: order.organizationId, buyerOrganizationId: order.buyerOrganizationId, orderId: order.id, fromStatus: "PLACED" as const, toStatus: "PLACED" as const };
    await unscopedDb.orderEvent.createMany({
      data: [
        { ...base, event: "terms_accepted", reason: "net 60", actorOrganizationId: world.buyerId, createdAt: new Date("2026-11-01T10:00:00Z") },
        { ...base, event: "payment_overdue", reason: "due on 2026-11-30", createdAt: new Date("2026-12-01T10:00:00Z") },
      ],
    });
    expect(await history(order.number, viewer(world.makerId, "MANUFACTURER", "zh"))).toEqual([
      ["terms_accepted", "60 天账期"],
      ["payment_overdue", "付款已于 2026年11月30日 到期"],
    ]);
    expect(await history(order.number, viewer(world.buyerId, "BUYER", "es"))).toEqual([
      ["terms_accepted", "Crédito a 60 días"],
      ["payment_overdue", "El pago vencía el 30 nov 2026"],
    ]);
  });

  it("the database refuses a malformed code or parameters that are not an object", async () => {
    const order = await createPlacedOrder(world, [1]);
    const base = { organizationId: order.organizationId, buyerOrganizationId: order.buyerOrganizationId, orderId: order.id, event: "note", toStatus: "PLACED" as const };
    await expect(unscopedDb.orderEvent.create({ data: { ...base, reasonCode: "Bank Transfer" } })).rejects.toThrow();
    await expect(unscopedDb.orderEvent.create({ data: { ...base, reasonCode: "net_terms", reasonParams: [30] } })).rejects.toThrow();
    await expect(unscopedDb.orderEvent.create({ data: { ...base, reasonParams: { days: 30 } } })).rejects.toThrow();
  });
});
