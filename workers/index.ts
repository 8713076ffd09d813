import type PgBoss from "pg-boss";
import { deliverEmail, sweepPendingEmails } from "./email";
import { runCatalogImport } from "./catalog-import";
import { purgeExpired } from "./maintenance";
import { runReservationExpiry } from "./inventory-reservations";
import { runStockAlerts } from "./inventory-alerts";

/** Registers every handler on a started queue, and the recurring jobs. */
export async function registerWorkers(boss: PgBoss) {
  const polling = { pollingIntervalSeconds: 1, batchSize: 5 };
  await boss.work<{ emailId: string }>("email.send", polling, async (jobs) => {
    for (const job of jobs) await deliverEmail(job.data.emailId);
  });
  // One import at a time per worker (each is one long transaction), picked up within half a second.
  await boss.work<{ importId: string }>("products.import", { pollingIntervalSeconds: 0.5, batchSize: 1 }, async (jobs) => {
    for (const job of jobs) await runCatalogImport(job.data.importId);
  });
  await boss.work("email.sweep", async () => {
    await sweepPendingEmails();
  });
  await boss.work("maintenance.purge-expired", async () => {
    const purged = await purgeExpired();
    console.log("[maintenance] purged", purged);
  });
  await boss.work("reservations.expire", async () => {
    await runReservationExpiry();
  });
  await boss.work("stock-alerts.evaluate", async () => {
    await runStockAlerts();
  });
  await boss.schedule("email.sweep", "*/5 * * * *");
  await boss.schedule("maintenance.purge-expired", "17 * * * *");
  await boss.schedule("reservations.expire", "* * * * *");
  await boss.schedule("stock-alerts.evaluate", "*/5 * * * *");
}
