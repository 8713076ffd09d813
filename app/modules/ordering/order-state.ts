/**
 * The order's life as a rule table (pure: no database). `transition` is the only place that decides whether an
 * event may happen and what it changes; `order-lifecycle.server.ts` applies its answer in a transaction, writes the
 * audit row and carries out the effects (stock, refunds, notifications). The database repeats the table with a
 * trigger on "Order"."status" (migration order_status_transitions).
 *
 * Money is never refused: a payment that arrives for a cancelled or already paid order is still recorded, and the
 * surplus comes back as a `refund_due` effect, so no sequence of events can lose a buyer's money.
 */

export const ORDER_STATUSES = ["PLACED", "AWAITING_PAYMENT", "PAID", "IN_FULFILMENT", "SHIPPED", "DELIVERED", "COMPLETED", "CANCELLED"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What the state machine needs to know about an order. Amounts are minor units of the buyer's currency. */
export interface OrderState {
  status: OrderStatus;
  totalMinor: bigint;
  /** Received so far, net of refunds. */
  paidMinor: bigint;
  refundedMinor: bigint;
  /** Approved for net terms: fulfilled before payment, paid later. */
  onTerms: boolean;
}

export type OrderEventInput =
  /** The buyer chose a way to pay (Stripe, bank transfer) and the order now waits for the money. */
  | { kind: "await_payment" }
  /** Net 30/60: the platform's credit limit covers it, so it is fulfilled now and paid by the due date. */
  | { kind: "terms_accepted" }
  | { kind: "payment_received"; amountMinor: bigint }
  /** The manufacturer (or the warehouse) starts preparing a paid order. */
  | { kind: "start_fulfilment" }
  | { kind: "ship" }
  | { kind: "deliver" }
  /** The buyer confirms, or the dispute window closes without a dispute. */
  | { kind: "complete" }
  | { kind: "cancel" }
  /** A refund that succeeded (Stripe) or was recorded (bank transfer). */
  | { kind: "refund"; amountMinor: bigint };

export type OrderEventKind = OrderEventInput["kind"];
export const ORDER_EVENT_KINDS = ["await_payment", "terms_accepted", "payment_received", "start_fulfilment", "ship", "deliver", "complete", "cancel", "refund"] as const satisfies readonly OrderEventKind[];

export type OrderEffect =
  /** Turn the order's stock reservations into picks at the serving warehouse. */
  | { kind: "pick_stock" }
  /** Give the reserved (or picked, not yet shipped) units back to available stock. */
  | { kind: "release_stock" }
  /** Take the picked units out of stock: they left the warehouse. */
  | { kind: "ship_stock" }
  /** Money the buyer should get back (cancelled after paying, or paid more than the total). */
  | { kind: "refund_due"; amountMinor: bigint };

export type TransitionRefusal = "not_allowed_in_status" | "invalid_amount" | "refund_exceeds_paid" | "terms_not_granted";

export type TransitionResult = { ok: true; state: OrderState; effects: OrderEffect[]; changed: boolean } | { ok: false; reason: TransitionRefusal };

/** Which statuses each status-changing event may start from, and where it leads. */
export const RULES = {
  await_payment: { from: ["PLACED"], to: "AWAITING_PAYMENT" },
  terms_accepted: { from: ["PLACED", "AWAITING_PAYMENT"], to: "IN_FULFILMENT" },
  start_fulfilment: { from: ["PAID"], to: "IN_FULFILMENT" },
  ship: { from: ["IN_FULFILMENT"], to: "SHIPPED" },
  deliver: { from: ["SHIPPED"], to: "DELIVERED" },
  complete: { from: ["DELIVERED"], to: "COMPLETED" },
  cancel: { from: ["PLACED", "AWAITING_PAYMENT", "PAID", "IN_FULFILMENT"], to: "CANCELLED" },
} as const satisfies Record<Exclude<OrderEventKind, "payment_received" | "refund">, { from: readonly OrderStatus[]; to: OrderStatus }>;

/** Every status change the table allows (payments add PLACED/AWAITING_PAYMENT → PAID and PLACED → AWAITING_PAYMENT). */
export const ALLOWED_STATUS_CHANGES: ReadonlyArray<readonly [OrderStatus, OrderStatus]> = [
  ...Object.values(RULES).flatMap((rule) => rule.from.map((from) => [from, rule.to] as const)),
  ["PLACED", "PAID"],
  ["AWAITING_PAYMENT", "PAID"],
];

const AWAITING: readonly OrderStatus[] = ["PLACED", "AWAITING_PAYMENT"];
/** Before these, nothing has been picked: cancelling releases reservations. From PAID on, picks are given back. */
const SHIPPED_OR_LATER: readonly OrderStatus[] = ["SHIPPED", "DELIVERED", "COMPLETED"];

export function isTerminal(status: OrderStatus): boolean {
  return status === "COMPLETED" || status === "CANCELLED";
}

/** Whether the buyer may still cancel: before shipment. */
export function canCancel(status: OrderStatus): boolean {
  return (RULES.cancel.from as readonly OrderStatus[]).includes(status);
}

/** What is still owed by the buyer (never negative). */
export function amountDue(state: OrderState): bigint {
  const due = state.totalMinor - state.paidMinor;
  return due > 0n ? due : 0n;
}

export function transition(state: OrderState, event: OrderEventInput): TransitionResult {
  switch (event.kind) {
    case "payment_received":
      return receivePayment(state, event.amountMinor);
    case "refund":
      return refund(state, event.amountMinor);
    default:
      return changeStatus(state, event.kind);
  }
}

function changeStatus(state: OrderState, kind: keyof typeof RULES): TransitionResult {
  const rule = RULES[kind];
  if (!(rule.from as readonly OrderStatus[]).includes(state.status)) return { ok: false, reason: "not_allowed_in_status" };
  if (kind === "terms_accepted" && !state.onTerms) return { ok: false, reason: "terms_not_granted" };
  const effects: OrderEffect[] = [];
  if (kind === "terms_accepted") effects.push({ kind: "pick_stock" });
  if (kind === "ship") effects.push({ kind: "ship_stock" });
  if (kind === "cancel") {
    effects.push({ kind: "release_stock" });
    // A surplus above the total was already declared due when it arrived: only the rest of what is held is new.
    const held = state.paidMinor < state.totalMinor ? state.paidMinor : state.totalMinor;
    if (held > 0n) effects.push({ kind: "refund_due", amountMinor: held });
  }
  return { ok: true, state: { ...state, status: rule.to }, effects, changed: true };
}

function receivePayment(state: OrderState, amount: bigint): TransitionResult {
  if (amount <= 0n) return { ok: false, reason: "invalid_amount" };
  const paidMinor = state.paidMinor + amount;
  const next: OrderState = { ...state, paidMinor };
  const effects: OrderEffect[] = [];
  if (state.status === "CANCELLED") {
    effects.push({ kind: "refund_due", amountMinor: amount });
    return { ok: true, state: next, effects, changed: false };
  }
  // What was already above the total, or is now: only the new surplus is due back.
  const surplusBefore = state.paidMinor > state.totalMinor ? state.paidMinor - state.totalMinor : 0n;
  const surplusAfter = paidMinor > state.totalMinor ? paidMinor - state.totalMinor : 0n;
  if (surplusAfter > surplusBefore) effects.push({ kind: "refund_due", amountMinor: surplusAfter - surplusBefore });
  if (AWAITING.includes(state.status)) {
    if (paidMinor >= state.totalMinor) {
      next.status = "PAID";
      effects.unshift({ kind: "pick_stock" });
    } else {
      // A partial transfer: still waiting for the rest.
      next.status = "AWAITING_PAYMENT";
    }
  }
  return { ok: true, state: next, effects, changed: next.status !== state.status };
}

function refund(state: OrderState, amount: bigint): TransitionResult {
  if (amount <= 0n) return { ok: false, reason: "invalid_amount" };
  if (amount > state.paidMinor) return { ok: false, reason: "refund_exceeds_paid" };
  return { ok: true, state: { ...state, paidMinor: state.paidMinor - amount, refundedMinor: state.refundedMinor + amount }, effects: [], changed: false };
}

/** The invariants every reachable state keeps (the property tests check them after each event). */
export function invariantViolations(state: OrderState): string[] {
  const problems: string[] = [];
  if (!ORDER_STATUSES.includes(state.status)) problems.push(`unknown status ${state.status}`);
  if (state.paidMinor < 0n) problems.push("paid below zero");
  if (state.refundedMinor < 0n) problems.push("refunded below zero");
  if (state.status === "PAID" && state.paidMinor < state.totalMinor && state.refundedMinor === 0n) problems.push("PAID with money still due");
  if (SHIPPED_OR_LATER.includes(state.status) && !state.onTerms && state.paidMinor + state.refundedMinor < state.totalMinor) problems.push("shipped before being paid");
  return problems;
}
