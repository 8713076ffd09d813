/**
 * Why an order changed, as the audit history (OrderEvent) keeps it. Reasons Ponte writes itself are a code with
 * parameters (reasonCode, reasonParams), rendered in the reader's language from `orders.reasons.<code>`; what a
 * person typed (a cancellation, a dispute's resolution) stays in `reason` and is shown as written, after the code's
 * text when both exist. Rows written before codes existed carry English text: `legacyOrderReason` reads the
 * sentences Ponte used to write back into codes (only for the events where nobody types a reason).
 */

export type OrderReasonCode =
  | "chose_bank_transfer"
  | "chose_stripe"
  | "net_terms"
  | "stripe_payment"
  | "transfer_matched_by_reference"
  | "transfer_matched_by_hand"
  | "stripe_dashboard_refund"
  | "cancel_refund"
  | "dispute_refund"
  | "dispute_decided"
  | "dispute_window_closed"
  | "cancelled_after_payment"
  | "overpaid"
  | "stock_short"
  | "payment_overdue"
  | "from_quote";

export type OrderReasonParams = Record<string, string | number>;

/** A reason Ponte writes: its code, parameters, and optionally what a person typed with it. */
export interface OrderReason {
  code: OrderReasonCode;
  params?: OrderReasonParams;
  note?: string | null;
}

export const ORDER_REASON_CODES: readonly OrderReasonCode[] = [
  "chose_bank_transfer",
  "chose_stripe",
  "net_terms",
  "stripe_payment",
  "transfer_matched_by_reference",
  "transfer_matched_by_hand",
  "stripe_dashboard_refund",
  "cancel_refund",
  "dispute_refund",
  "dispute_decided",
  "dispute_window_closed",
  "cancelled_after_payment",
  "overpaid",
  "stock_short",
  "payment_overdue",
  "from_quote",
];

export function isOrderReasonCode(code: unknown): code is OrderReasonCode {
  return typeof code === "string" && (ORDER_REASON_CODES as readonly string[]).includes(code);
}

/** The columns an OrderEvent row stores for a reason: a typed text, or a code (with the text typed beside it). */
export function reasonColumns(reason: string | OrderReason | null | undefined): { reason: string | null; reasonCode: string | null; reasonParams: OrderReasonParams | undefined } {
  if (!reason) return { reason: null, reasonCode: null, reasonParams: undefined };
  if (typeof reason === "string") return { reason: reason.trim() || null, reasonCode: null, reasonParams: undefined };
  const params = reason.params && Object.keys(reason.params).length > 0 ? reason.params : undefined;
  return { reason: reason.note?.trim() || null, reasonCode: reason.code, reasonParams: params };
}

/** The refund reasons Ponte writes into Refund.reason (English, kept for Stripe's dashboard and the platform). */
const REFUND_PATTERNS: readonly [RegExp, (m: RegExpExecArray) => OrderReason][] = [
  [/^refunded in Stripe's dashboard$/, () => ({ code: "stripe_dashboard_refund" })],
  [/^order (\S+) cancelled(?::\s*([\s\S]*))?$/, (m) => ({ code: "cancel_refund", params: { order: m[1]! }, note: m[2]?.trim() || null })],
  [/^dispute: ([\s\S]*)$/, (m) => ({ code: "dispute_refund", note: m[1]!.trim() || null })],
];

/** Sentences Ponte wrote per event before reasons had codes. Events people give reasons for (cancel, dispute_opened) have none. */
const LEGACY: Partial<Record<string, readonly [RegExp, (m: RegExpExecArray) => OrderReason][]>> = {
  await_payment: [
    [/^bank transfer$/, () => ({ code: "chose_bank_transfer" })],
    [/^Stripe$/, () => ({ code: "chose_stripe" })],
  ],
  terms_accepted: [[/^net (\d{1,3})$/, (m) => ({ code: "net_terms", params: { days: Number(m[1]) } })]],
  payment_received: [
    [/^Stripe (\S+) (cs_\S+)$/, (m) => ({ code: "stripe_payment", params: { method: m[1]!, session: m[2]! } })],
    [/^bank transfer (.+) \(matched by reference\)$/, (m) => ({ code: "transfer_matched_by_reference", params: { transaction: m[1]! } })],
    [/^bank transfer (.+) \(matched by hand\)$/, (m) => ({ code: "transfer_matched_by_hand", params: { transaction: m[1]! } })],
  ],
  refund: REFUND_PATTERNS,
  refund_due: [
    [/^order cancelled after payment$/, () => ({ code: "cancelled_after_payment" })],
    [/^paid more than the total$/, () => ({ code: "overpaid" })],
    [/^dispute: ([\s\S]*)$/, (m) => ({ code: "dispute_refund", note: m[1]!.trim() || null })],
  ],
  complete: [[/^dispute window closed$/, () => ({ code: "dispute_window_closed" })]],
  stock_short: [[/^variant (\S+): (\d+) requested, (\d+) available$/, (m) => ({ code: "stock_short", params: { variant: m[1]!, requested: Number(m[2]), available: Number(m[3]) } })]],
  payment_overdue: [[/^due on (\d{4}-\d{2}-\d{2})$/, (m) => ({ code: "payment_overdue", params: { dueOn: m[1]! } })]],
  place: [[/^quote (RFQ-\S+)$/, (m) => ({ code: "from_quote", params: { rfq: m[1]! } })]],
  dispute_resolved: [[/^(RESOLVED_FOR_BUYER|RESOLVED_FOR_MANUFACTURER|WITHDRAWN): ([\s\S]*)$/, (m) => ({ code: "dispute_decided", params: { outcome: m[1]! }, note: m[2]!.trim() || null })]],
};

function match(patterns: readonly [RegExp, (m: RegExpExecArray) => OrderReason][] | undefined, text: string): OrderReason | null {
  for (const [pattern, read] of patterns ?? []) {
    const m = pattern.exec(text);
    if (m) return read(m);
  }
  return null;
}

/** A row written before codes: the code its English sentence stands for, or null (a person's text, or unknown). */
export function legacyOrderReason(event: string, reason: string | null): OrderReason | null {
  if (!reason) return null;
  return match(LEGACY[event], reason.trim());
}

/** A Refund row's reason (Ponte's English sentence, or what the platform typed). */
export function refundReason(reason: string): OrderReason | null {
  return match(REFUND_PATTERNS, reason.trim());
}

/** What the history row carries, read from its columns (a code that is not known any more falls back to the text). */
export function storedOrderReason(row: { event: string; reason: string | null; reasonCode: string | null; reasonParams: unknown }): OrderReason | string | null {
  if (isOrderReasonCode(row.reasonCode)) {
    const params = row.reasonParams && typeof row.reasonParams === "object" && !Array.isArray(row.reasonParams) ? (row.reasonParams as OrderReasonParams) : undefined;
    return { code: row.reasonCode, params, note: row.reason };
  }
  return legacyOrderReason(row.event, row.reason) ?? row.reason;
}
