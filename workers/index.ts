import type PgBoss from "pg-boss";
import { deliverEmail, sweepPendingEmails } from "./email";
import { purgeExpired } from "./maintenance";

/** Registers every handler on a started queue, and the recurring jobs. */
export async function registerWorkers(boss: PgBoss) {
  const polling = { pollingIntervalSeconds: 1, batchSize: 5 };
  await boss.work<{ emailId: string }>("email.send", polling, async (jobs) => {
    for (const job of jobs) await deliverEmail(job.data.emailId);
  });
  await boss.work("email.sweep", async () => {
    await sweepPendingEmails();
  });
  await boss.work("maintenance.purge-expired", async () => {
    const purged = await purgeExpired();
    console.log("[maintenance] purged", purged);
  });
  await boss.schedule("email.sweep", "*/5 * * * *");
  await boss.schedule("maintenance.purge-expired", "17 * * * *");
}
