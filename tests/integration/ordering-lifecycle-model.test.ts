import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { unscopedDb } from "~/modules/db/index.server";
import { checkLedgerConsistency } from "~/modules/inventory/consistency.server";
import { applyOrderEvent, OrderLifecycleError, orderStateOf } from "~/modules/ordering/order-lifecycle.server";
import { ORDER_EVENT_KINDS, transition, type OrderEventInput, type OrderState } from "~/modules/ordering/order-state";
import { withTestDatabase } from "../support/database";
import { createOrderWorld, createPlacedOrder, type OrderWorld } from "../support/order-fixtures";
import { orderEventArbitrary } from "../support/order-arbitraries";

withTestDatabase();

let world: OrderWorld;

beforeAll(async () => {
  world = await createOrderWorld(10_000, ["MODEL-A", "MODEL-B"]);
});

/**
 * Model-based: the pure state machine is the model, the database the system. Any sequence of events applied with
 * applyOrderEvent leaves the order exactly where `transition` says, refuses exactly what it refuses (with its
 * reason as the code), writes one audit row per accepted event, and keeps the stock ledger consistent.
 */
describe("applyOrderEvent follows the state machine (model-based, fast-check)", () => {
  it("any event sequence: same state, same refusals, one audit row each, stock consistent", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(orderEventArbitrary(750n), { minLength: 1, maxLength: 12 }), fc.boolean(), async (events: OrderEventInput[], onTerms) => {
        const order = await createPlacedOrder(world, [1, 2], onTerms ? { paymentMethod: "TERMS" } : {});
        let model: OrderState = orderStateOf(order);
        let accepted = 0;
        for (const event of events) {
          const expected = transition(model, event);
          const outcome = await applyOrderEvent(unscopedDb, { orderId: order.id, event, actor: { userId: null, organizationId: world.platformId }, reason: "model test" }).then(
            (value) => ({ ok: true as const, value }),
            (error: unknown) => ({ ok: false as const, error }),
          );
          if (expected.ok) {
            expect(outcome.ok).toBe(true);
            model = expected.state;
            accepted += 1;
          } else {
            expect(outcome.ok).toBe(false);
            expect(outcome.ok === false && outcome.error).toBeInstanceOf(OrderLifecycleError);
            expect((outcome as { error: OrderLifecycleError }).error.code).toBe(expected.reason);
          }
          const row = await unscopedDb.order.findUniqueOrThrow({ where: { id: order.id } });
          expect(orderStateOf(row)).toEqual(model);
        }
        const audited = await unscopedDb.orderEvent.count({ where: { orderId: order.id, event: { in: [...ORDER_EVENT_KINDS] } } });
        expect(audited).toBe(accepted);
        const reservations = await unscopedDb.stockReservation.findMany({ where: { reference: `order:${order.id}` }, select: { id: true, status: true } });
        const shipped = await unscopedDb.stockMovement.count({ where: { reservationId: { in: reservations.map((r) => r.id) }, kind: "SHIPMENT" } });
        if (["PLACED", "AWAITING_PAYMENT"].includes(model.status)) expect(reservations.every((r) => r.status === "ACTIVE")).toBe(true);
        if (["PAID", "IN_FULFILMENT"].includes(model.status)) expect(reservations.every((r) => r.status === "CONFIRMED")).toBe(true);
        if (["SHIPPED", "DELIVERED", "COMPLETED"].includes(model.status)) expect(shipped).toBe(2);
        if (model.status === "CANCELLED") expect(shipped).toBe(0);
      }),
      { numRuns: 15 },
    );
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: world.makerId })).toEqual([]);
  });
});
