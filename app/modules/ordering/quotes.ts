/**
 * The negotiation of an RFQ as rules (pure: no database). quotes.server.ts asks these before writing, so that the
 * pages, the worker and the tests share one answer to "may this happen now?".
 */

export type RfqStatus = "OPEN" | "QUOTED" | "ACCEPTED" | "DECLINED" | "CLOSED";
export type QuoteStatus = "OFFERED" | "COUNTERED" | "ACCEPTED" | "DECLINED" | "SUPERSEDED" | "EXPIRED";
export type Party = "buyer" | "manufacturer";

export const TRADE_TERMS = ["FOB", "CIF", "DDP"] as const;
export const RFQ_STATUSES = ["OPEN", "QUOTED", "ACCEPTED", "DECLINED", "CLOSED"] as const satisfies readonly RfqStatus[];

export type NegotiationRefusal =
  /** Accepted, declined or closed: nothing more can be offered or decided. */
  | "rfq_closed"
  /** A counter-offer answers a quote: the buyer cannot offer before the manufacturer has. */
  | "nothing_to_counter"
  /** Only the party that did not make an offer decides on it. */
  | "own_offer"
  /** Already decided, superseded or expired. */
  | "quote_not_open"
  | "quote_expired";

/** Statuses in which the thread is still a negotiation. */
export const OPEN_RFQ_STATUSES: readonly RfqStatus[] = ["OPEN", "QUOTED"];

export function isRfqOpen(status: RfqStatus): boolean {
  return OPEN_RFQ_STATUSES.includes(status);
}

/** May `party` make a new offer now? The buyer's first offer must answer one of the manufacturer's. */
export function mayOffer(rfq: { status: RfqStatus; manufacturerHasQuoted: boolean }, party: Party): { ok: true } | { ok: false; reason: NegotiationRefusal } {
  if (!isRfqOpen(rfq.status)) return { ok: false, reason: "rfq_closed" };
  if (party === "buyer" && !rfq.manufacturerHasQuoted) return { ok: false, reason: "nothing_to_counter" };
  return { ok: true };
}

/**
 * What a new offer does to the one still open: the other side's becomes COUNTERED (it was answered with another
 * price), one's own becomes SUPERSEDED (replaced by a better one). Only one offer is open at a time.
 */
export function previousOfferFate(previousOfferedBy: Party, newOfferBy: Party): Extract<QuoteStatus, "COUNTERED" | "SUPERSEDED"> {
  return previousOfferedBy === newOfferBy ? "SUPERSEDED" : "COUNTERED";
}

/** May `party` accept or decline this quote at `now`? */
export function mayDecide(
  rfq: { status: RfqStatus },
  quote: { status: QuoteStatus; offeredBy: Party; validUntil: Date },
  party: Party,
  now: Date,
): { ok: true } | { ok: false; reason: NegotiationRefusal } {
  if (!isRfqOpen(rfq.status)) return { ok: false, reason: "rfq_closed" };
  if (quote.status !== "OFFERED") return { ok: false, reason: "quote_not_open" };
  if (quote.offeredBy === party) return { ok: false, reason: "own_offer" };
  if (quote.validUntil.getTime() <= now.getTime()) return { ok: false, reason: "quote_expired" };
  return { ok: true };
}

/** Seconds from the request to the manufacturer's first answer (never negative: clocks of two processes differ). */
export function responseSeconds(requestedAt: Date, answeredAt: Date): number {
  return Math.max(0, Math.floor((answeredAt.getTime() - requestedAt.getTime()) / 1000));
}

/** "RFQ-2026-000042": the year of the request and a sequence within it. */
export function formatRfqNumber(year: number, sequence: number): string {
  return `RFQ-${year}-${String(sequence).padStart(6, "0")}`;
}

export const RFQ_NUMBER = /^RFQ-(\d{4})-(\d{6,})$/;
