import { describe, expect, it } from "vitest";
import { ALLOWED_STATUS_CHANGES, amountDue, canCancel, invariantViolations, isTerminal, ORDER_STATUSES, RULES, transition, type OrderEventInput, type OrderState, type OrderStatus } from "./order-state";

const order = (status: OrderStatus, over: Partial<OrderState> = {}): OrderState => ({ status, totalMinor: 10_000n, paidMinor: 0n, refundedMinor: 0n, onTerms: false, ...over });
const simple = (kind: Exclude<OrderEventInput["kind"], "payment_received" | "refund">): OrderEventInput => ({ kind }) as OrderEventInput;

describe("status changes follow the table", () => {
  const expected: Record<string, Partial<Record<OrderStatus, OrderStatus>>> = {
    await_payment: { PLACED: "AWAITING_PAYMENT" },
    terms_accepted: { PLACED: "IN_FULFILMENT", AWAITING_PAYMENT: "IN_FULFILMENT" },
    start_fulfilment: { PAID: "IN_FULFILMENT" },
    ship: { IN_FULFILMENT: "SHIPPED" },
    deliver: { SHIPPED: "DELIVERED" },
    complete: { DELIVERED: "COMPLETED" },
    cancel: { PLACED: "CANCELLED", AWAITING_PAYMENT: "CANCELLED", PAID: "CANCELLED", IN_FULFILMENT: "CANCELLED" },
  };

  for (const [kind, allowed] of Object.entries(expected)) {
    it(`${kind}: allowed exactly from ${Object.keys(allowed).join(", ")}`, () => {
      for (const status of ORDER_STATUSES) {
        const result = transition(order(status, { onTerms: true }), simple(kind as never));
        const to = allowed[status];
        if (to) {
          expect(result).toMatchObject({ ok: true, changed: true });
          expect(result.ok && result.state.status).toBe(to);
        } else {
          expect(result).toEqual({ ok: false, reason: "not_allowed_in_status" });
        }
      }
    });
  }

  it("lists every allowed status change, payments included, and nothing else", () => {
    const key = ([from, to]: readonly [string, string]) => `${from}>${to}`;
    const listed = new Set(ALLOWED_STATUS_CHANGES.map(key));
    const fromTable = Object.values(RULES).flatMap((rule) => rule.from.map((from) => `${from}>${rule.to}`));
    expect(listed).toEqual(new Set([...fromTable, "PLACED>PAID", "AWAITING_PAYMENT>PAID"]));
    expect(listed.has("PLACED>AWAITING_PAYMENT")).toBe(true);
    expect(listed.has("SHIPPED>CANCELLED")).toBe(false);
  });

  it("terms need a credit account", () => {
    expect(transition(order("PLACED"), { kind: "terms_accepted" })).toEqual({ ok: false, reason: "terms_not_granted" });
    const granted = transition(order("PLACED", { onTerms: true }), { kind: "terms_accepted" });
    expect(granted).toEqual({ ok: true, changed: true, effects: [{ kind: "pick_stock" }], state: order("IN_FULFILMENT", { onTerms: true }) });
  });
});

describe("effects", () => {
  it("shipping takes the picked units out of stock; the other steps touch no stock", () => {
    expect(transition(order("IN_FULFILMENT"), { kind: "ship" })).toMatchObject({ effects: [{ kind: "ship_stock" }] });
    for (const [kind, status] of [["await_payment", "PLACED"], ["start_fulfilment", "PAID"], ["deliver", "SHIPPED"], ["complete", "DELIVERED"]] as const) {
      expect(transition(order(status), simple(kind))).toMatchObject({ ok: true, effects: [] });
    }
  });

  it("cancelling releases the stock, and gives back what was paid", () => {
    expect(transition(order("AWAITING_PAYMENT"), { kind: "cancel" })).toMatchObject({ effects: [{ kind: "release_stock" }] });
    expect(transition(order("PAID", { paidMinor: 10_000n }), { kind: "cancel" })).toMatchObject({
      effects: [{ kind: "release_stock" }, { kind: "refund_due", amountMinor: 10_000n }],
    });
    expect(transition(order("AWAITING_PAYMENT", { paidMinor: 1n }), { kind: "cancel" })).toMatchObject({
      effects: [{ kind: "release_stock" }, { kind: "refund_due", amountMinor: 1n }],
    });
    // An overpayment's surplus was declared due when it arrived: cancelling declares only the rest.
    expect(transition(order("PAID", { paidMinor: 12_000n }), { kind: "cancel" })).toMatchObject({
      effects: [{ kind: "release_stock" }, { kind: "refund_due", amountMinor: 10_000n }],
    });
  });
});

describe("payments", () => {
  it("the full amount makes a waiting order paid and picks its stock", () => {
    for (const status of ["PLACED", "AWAITING_PAYMENT"] as const) {
      expect(transition(order(status), { kind: "payment_received", amountMinor: 10_000n })).toEqual({
        ok: true,
        changed: true,
        effects: [{ kind: "pick_stock" }],
        state: order("PAID", { paidMinor: 10_000n }),
      });
    }
  });

  it("a partial transfer keeps the order waiting, and the rest completes it", () => {
    const first = transition(order("PLACED"), { kind: "payment_received", amountMinor: 9_999n });
    expect(first).toEqual({ ok: true, changed: true, effects: [], state: order("AWAITING_PAYMENT", { paidMinor: 9_999n }) });
    const again = transition(order("AWAITING_PAYMENT", { paidMinor: 4_000n }), { kind: "payment_received", amountMinor: 1_000n });
    expect(again).toEqual({ ok: true, changed: false, effects: [], state: order("AWAITING_PAYMENT", { paidMinor: 5_000n }) });
    const rest = transition(order("AWAITING_PAYMENT", { paidMinor: 9_999n }), { kind: "payment_received", amountMinor: 1n });
    expect(rest.ok && rest.state.status).toBe("PAID");
  });

  it("an overpayment is recorded and its surplus is due back, once", () => {
    expect(transition(order("AWAITING_PAYMENT"), { kind: "payment_received", amountMinor: 12_000n })).toEqual({
      ok: true,
      changed: true,
      effects: [{ kind: "pick_stock" }, { kind: "refund_due", amountMinor: 2_000n }],
      state: order("PAID", { paidMinor: 12_000n }),
    });
    // Paid twice: the second payment is all surplus.
    expect(transition(order("PAID", { paidMinor: 10_000n }), { kind: "payment_received", amountMinor: 10_000n })).toEqual({
      ok: true,
      changed: false,
      effects: [{ kind: "refund_due", amountMinor: 10_000n }],
      state: order("PAID", { paidMinor: 20_000n }),
    });
    // Already above the total: only the new money is surplus.
    expect(transition(order("SHIPPED", { paidMinor: 11_000n }), { kind: "payment_received", amountMinor: 500n })).toMatchObject({ effects: [{ kind: "refund_due", amountMinor: 500n }] });
  });

  it("a terms order paid later keeps its status; money for a cancelled order is recorded and due back", () => {
    expect(transition(order("SHIPPED", { onTerms: true }), { kind: "payment_received", amountMinor: 10_000n })).toEqual({
      ok: true,
      changed: false,
      effects: [],
      state: order("SHIPPED", { onTerms: true, paidMinor: 10_000n }),
    });
    expect(transition(order("CANCELLED"), { kind: "payment_received", amountMinor: 300n })).toEqual({
      ok: true,
      changed: false,
      effects: [{ kind: "refund_due", amountMinor: 300n }],
      state: order("CANCELLED", { paidMinor: 300n }),
    });
  });

  it("refuses amounts that are not positive", () => {
    expect(transition(order("PLACED"), { kind: "payment_received", amountMinor: 0n })).toEqual({ ok: false, reason: "invalid_amount" });
    expect(transition(order("PLACED"), { kind: "payment_received", amountMinor: -5n })).toEqual({ ok: false, reason: "invalid_amount" });
    expect(transition(order("PAID", { paidMinor: 10n }), { kind: "refund", amountMinor: 0n })).toEqual({ ok: false, reason: "invalid_amount" });
  });
});

describe("refunds", () => {
  it("move money from paid to refunded, up to what was paid", () => {
    expect(transition(order("CANCELLED", { paidMinor: 10_000n }), { kind: "refund", amountMinor: 10_000n })).toEqual({
      ok: true,
      changed: false,
      effects: [],
      state: order("CANCELLED", { paidMinor: 0n, refundedMinor: 10_000n }),
    });
    expect(transition(order("DELIVERED", { paidMinor: 10_000n, refundedMinor: 1n }), { kind: "refund", amountMinor: 2_500n })).toMatchObject({ state: { paidMinor: 7_500n, refundedMinor: 2_501n } });
    expect(transition(order("DELIVERED", { paidMinor: 10_000n }), { kind: "refund", amountMinor: 10_001n })).toEqual({ ok: false, reason: "refund_exceeds_paid" });
  });
});

describe("helpers", () => {
  it("terminal statuses, cancellability and the amount due", () => {
    expect(ORDER_STATUSES.filter(isTerminal)).toEqual(["COMPLETED", "CANCELLED"]);
    expect(ORDER_STATUSES.filter(canCancel)).toEqual(["PLACED", "AWAITING_PAYMENT", "PAID", "IN_FULFILMENT"]);
    expect(amountDue(order("PLACED", { paidMinor: 2_500n }))).toBe(7_500n);
    expect(amountDue(order("PAID", { paidMinor: 10_000n }))).toBe(0n);
    expect(amountDue(order("PAID", { paidMinor: 12_000n }))).toBe(0n);
  });

  it("invariants name what is wrong", () => {
    expect(invariantViolations(order("PAID", { paidMinor: 10_000n }))).toEqual([]);
    expect(invariantViolations(order("SHIPPED", { paidMinor: 5_000n, refundedMinor: 5_000n }))).toEqual([]);
    expect(invariantViolations(order("SHIPPED", { onTerms: true }))).toEqual([]);
    expect(invariantViolations(order("PAID", { paidMinor: 9_999n }))).toEqual(["PAID with money still due"]);
    expect(invariantViolations(order("PAID", { paidMinor: 9_999n, refundedMinor: 1n }))).toEqual([]);
    expect(invariantViolations(order("SHIPPED", { paidMinor: 9_999n }))).toEqual(["shipped before being paid"]);
    expect(invariantViolations(order("DELIVERED"))).toEqual(["shipped before being paid"]);
    expect(invariantViolations(order("COMPLETED"))).toEqual(["shipped before being paid"]);
    expect(invariantViolations(order("IN_FULFILMENT"))).toEqual([]);
    expect(invariantViolations(order("PLACED", { paidMinor: -1n, refundedMinor: -1n }))).toEqual(["paid below zero", "refunded below zero"]);
    expect(invariantViolations(order("LOST" as OrderStatus))).toEqual(["unknown status LOST"]);
  });
});
