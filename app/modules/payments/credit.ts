/**
 * Net terms, the pure part: how much of a buyer's credit limit is used and whether an order fits. Amounts are minor
 * units of the credit account's currency; the server side (credit.server.ts) converts each order's amount due into
 * it with the dated rate before calling these.
 */

export const TERMS_DAYS = [30, 60] as const;
export type TermsDays = (typeof TERMS_DAYS)[number];

export interface CreditStanding {
  currencyCode: string;
  termsDays: number;
  limitMinor: bigint;
  /** Amounts still due on terms orders (placed, not cancelled, not fully paid). */
  usedMinor: bigint;
  /** What is left of the limit; zero when the used amount is already above it. */
  availableMinor: bigint;
  active: boolean;
}

export function standing(account: { currencyCode: string; termsDays: number; limitMinor: bigint; suspendedAt: Date | null }, dueAmountsMinor: readonly bigint[]): CreditStanding {
  const usedMinor = dueAmountsMinor.reduce((sum, amount) => sum + (amount > 0n ? amount : 0n), 0n);
  const left = account.limitMinor - usedMinor;
  return {
    currencyCode: account.currencyCode,
    termsDays: account.termsDays,
    limitMinor: account.limitMinor,
    usedMinor,
    availableMinor: left > 0n ? left : 0n,
    active: account.suspendedAt === null,
  };
}

export type TermsRefusal = "no_account" | "suspended" | "over_limit" | "no_rate";

/** Whether an order whose amount due is `dueMinor` (already in the account's currency) fits the standing. */
export function fitsLimit(credit: CreditStanding, dueMinor: bigint): { ok: true } | { ok: false; reason: TermsRefusal } {
  if (!credit.active) return { ok: false, reason: "suspended" };
  if (dueMinor > credit.availableMinor) return { ok: false, reason: "over_limit" };
  return { ok: true };
}

/** The day a terms order is due: the acceptance day plus the account's terms (calendar days, UTC dates). */
export function dueDate(acceptedOn: Date, termsDays: number): Date {
  const day = new Date(Date.UTC(acceptedOn.getUTCFullYear(), acceptedOn.getUTCMonth(), acceptedOn.getUTCDate()));
  day.setUTCDate(day.getUTCDate() + termsDays);
  return day;
}
