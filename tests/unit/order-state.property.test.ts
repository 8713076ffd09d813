import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ALLOWED_STATUS_CHANGES, invariantViolations, isTerminal, ORDER_STATUSES, transition, type OrderState } from "~/modules/ordering/order-state";
import { orderEventArbitrary } from "../support/order-arbitraries";

const scenario = fc
  .record({ total: fc.bigInt({ min: 1n, max: 10_000_000n }), onTerms: fc.boolean() })
  .chain(({ total, onTerms }) => fc.record({ total: fc.constant(total), onTerms: fc.constant(onTerms), events: fc.array(orderEventArbitrary(total), { maxLength: 40 }) }));

const allowed = new Set(ALLOWED_STATUS_CHANGES.map(([from, to]) => `${from}>${to}`));

describe("the order state machine, over any sequence of events", () => {
  it("never reaches an invalid state, never loses money, and only changes status along the table", () => {
    fc.assert(
      fc.property(scenario, ({ total, onTerms, events }) => {
        let state: OrderState = { status: "PLACED", totalMinor: total, paidMinor: 0n, refundedMinor: 0n, onTerms };
        let received = 0n;
        let refunded = 0n;
        let refundDue = 0n;
        for (const event of events) {
          const result = transition(state, event);
          if (event.kind === "payment_received" && event.amountMinor > 0n) {
            // Money is never refused.
            expect(result.ok).toBe(true);
          }
          if (!result.ok) continue;
          const next = result.state;
          if (next.status !== state.status) {
            expect(allowed.has(`${state.status}>${next.status}`)).toBe(true);
            expect(isTerminal(state.status)).toBe(false);
          }
          expect(result.changed).toBe(next.status !== state.status);
          expect(next.totalMinor).toBe(state.totalMinor);
          expect(next.onTerms).toBe(state.onTerms);
          if (event.kind === "payment_received") received += event.amountMinor;
          if (event.kind === "refund") refunded += event.amountMinor;
          for (const effect of result.effects) if (effect.kind === "refund_due") refundDue += effect.amountMinor;
          state = next;
          expect(invariantViolations(state)).toEqual([]);
          // Every unit of money is either still held (paid) or went back (refunded).
          expect(state.paidMinor + state.refundedMinor).toBe(received);
          expect(state.refundedMinor).toBe(refunded);
          // What is declared due back never exceeds what was received.
          expect(refundDue).toBeLessThanOrEqual(received);
        }
        // A cancelled order owes back everything it still holds, as refund_due effects, once.
        if (state.status === "CANCELLED") expect(refundDue).toBeGreaterThanOrEqual(state.paidMinor);
      }),
      { numRuns: 2000 },
    );
  });

  it("a status is only left by the events the table names, and terminal statuses are never left", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ORDER_STATUSES), orderEventArbitrary(1000n), fc.boolean(), fc.bigInt({ min: 0n, max: 2000n }), (status, event, onTerms, paid) => {
        const result = transition({ status, totalMinor: 1000n, paidMinor: paid, refundedMinor: 0n, onTerms }, event);
        if (result.ok && result.state.status !== status) {
          expect(isTerminal(status)).toBe(false);
          expect(allowed.has(`${status}>${result.state.status}`)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("only a full payment (or terms) picks the stock, and it is picked at most once", () => {
    fc.assert(
      fc.property(scenario, ({ total, onTerms, events }) => {
        let state: OrderState = { status: "PLACED", totalMinor: total, paidMinor: 0n, refundedMinor: 0n, onTerms };
        let picks = 0;
        let releases = 0;
        let shipments = 0;
        for (const event of events) {
          const result = transition(state, event);
          if (!result.ok) continue;
          for (const effect of result.effects) {
            if (effect.kind === "pick_stock") picks += 1;
            if (effect.kind === "release_stock") releases += 1;
            if (effect.kind === "ship_stock") shipments += 1;
          }
          state = result.state;
          if (state.status === "PAID") expect(picks).toBe(1);
        }
        expect(picks).toBeLessThanOrEqual(1);
        expect(releases).toBeLessThanOrEqual(1);
        expect(shipments).toBeLessThanOrEqual(1);
        // Stock never both shipped and released.
        expect(releases + shipments).toBeLessThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });
});
