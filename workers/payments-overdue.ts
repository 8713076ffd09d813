import { flagOverdueOrders } from "~/modules/payments/overdue.server";

/** Recurring (daily): flags terms orders past their due date and notifies the buyer and the platform once. */
export async function runOverdueFlagging(now = new Date()): Promise<{ flagged: number }> {
  const result = await flagOverdueOrders(now);
  if (result.flagged > 0) console.log("[payments] overdue terms orders flagged:", result.flagged);
  return result;
}
