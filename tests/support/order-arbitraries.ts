import fc from "fast-check";
import type { OrderEventInput } from "~/modules/ordering/order-state";

/** Any order event, with amounts around the order's total so partial, exact, over and invalid amounts all happen. */
export function orderEventArbitrary(total: bigint): fc.Arbitrary<OrderEventInput> {
  const amount = fc.oneof(fc.constant(total), fc.bigInt({ min: -5n, max: total * 2n + 5n }), fc.bigInt({ min: 1n, max: total > 1n ? total / 2n : 1n }));
  return fc.oneof(
    fc.constantFrom<OrderEventInput>({ kind: "await_payment" }, { kind: "terms_accepted" }, { kind: "start_fulfilment" }, { kind: "ship" }, { kind: "deliver" }, { kind: "complete" }, { kind: "cancel" }),
    amount.map((amountMinor): OrderEventInput => ({ kind: "payment_received", amountMinor })),
    amount.map((amountMinor): OrderEventInput => ({ kind: "refund", amountMinor })),
  );
}
