import { completeDeliveredOrders } from "~/modules/ordering/disputes.server";

/** Recurring (hourly): completes DELIVERED orders whose 30-day dispute window closed without an open dispute. */
export async function runOrderCompletion(now = new Date()) {
  let total = 0;
  // Batches until a short one: a backlog (after downtime) is cleared in one run.
  for (;;) {
    const { completed } = await completeDeliveredOrders({ now });
    total += completed;
    if (completed === 0) break;
  }
  if (total > 0) console.log("[orders] completed after the dispute window:", total);
  return { completed: total };
}
