import { evaluateStockAlerts } from "~/modules/inventory/alerts.server";

/** Recurring (every 5 minutes): opens low-stock alerts, resolves recovered ones, emails the new ones once. */
export async function runStockAlerts(now = new Date()) {
  const run = await evaluateStockAlerts({ now });
  if (run.opened || run.resolved) console.log("[inventory] stock alerts opened:", run.opened, "resolved:", run.resolved, "emails:", run.emails);
  return run;
}
