/**
 * Overdue terms orders, the pure rule shared by the daily job, the order lists' badge and filter: a due date in the
 * past and money still owed. Dates compare as UTC calendar days (paymentDueOn is a DATE column).
 */

export interface OverdueCandidate {
  status: string;
  paymentDueOn: Date | null;
  /** In the buyer's currency, like paidMinor. */
  buyerTotalMinor: bigint;
  paidMinor: bigint;
}

function utcDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/** Overdue on `today`: due before today (the due day itself is still on time), not cancelled, something still due. */
export function isOverdue(order: OverdueCandidate, today: Date): boolean {
  if (!order.paymentDueOn || order.status === "CANCELLED") return false;
  if (order.buyerTotalMinor - order.paidMinor <= 0n) return false;
  return utcDay(order.paymentDueOn) < utcDay(today);
}

/** Whole days past the due date (0 when not overdue): what the badge and the reminder say. */
export function daysOverdue(order: OverdueCandidate, today: Date): number {
  if (!isOverdue(order, today)) return 0;
  return Math.round((utcDay(today) - utcDay(order.paymentDueOn!)) / 86_400_000);
}

/**
 * The Prisma filter narrowing to orders that may be overdue on `today`, for the order lists' "overdue" filter; the
 * amount still due (two columns compared) is checked on the rows with `isOverdue`.
 */
export function overdueWhere(today: Date) {
  return { paymentDueOn: { lt: new Date(utcDay(today)) }, status: { not: "CANCELLED" as const } };
}
