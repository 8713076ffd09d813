import type PgBoss from "pg-boss";
import { deliverEmail, sweepPendingEmails } from "./email";
import { failAbandonedImports } from "~/modules/catalog/import.server";
import { currentDatabase } from "~/modules/db/index.server";
import { runCatalogImport } from "./catalog-import";
import { purgeExpired } from "./maintenance";
import { runReservationExpiry } from "./inventory-reservations";
import { runStockAlerts } from "./inventory-alerts";
import { runRfqExpiry } from "./rfq-expiry";
import { runOrderCompletion } from "./orders-completion";
import { runOverdueFlagging } from "./payments-overdue";
import { runStripeEvent, runStripeEventSweep } from "./stripe-events";
import { runDeclarationSweep } from "./export-declarations";
import { runShipmentSweep, runTrackingPoll } from "./tracking-poll";
import { runEtaRefresh } from "./shipments-eta";
import { runShowroomReminders } from "./showroom-reminders";
import { notifyShipmentEvent } from "~/modules/logistics/notifications.server";

/** Registers every handler on a started queue, and the recurring jobs. */
export async function registerWorkers(boss: PgBoss) {
  const polling = { pollingIntervalSeconds: 1, batchSize: 5 };
  await boss.work<{ emailId: string }>("email.send", polling, async (jobs) => {
    for (const job of jobs) await deliverEmail(job.data.emailId);
  });
  // Imports a dead process left RUNNING are failed (and undone) before new ones start: on the embedded database
  // every one of them (the database lives in this process, so whoever ran them is gone), else those whose heartbeat
  // stopped; the sweep repeats every minute for workers that died on another machine.
  const abandoned = await failAbandonedImports({ staleAfterSeconds: currentDatabase().kind === "embedded" ? 0 : undefined });
  if (abandoned > 0) console.log(`[catalog-import] ${abandoned} interrupted import(s) marked failed`);
  // One import at a time per worker process, each in a child process, picked up within half a second.
  await boss.work<{ importId: string }>("products.import", { pollingIntervalSeconds: 0.5, batchSize: 1 }, async (jobs) => {
    for (const job of jobs) await runCatalogImport(job.data.importId);
  });
  await boss.work("products.import-sweep", async () => {
    await failAbandonedImports();
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
  await boss.work("rfqs.expire", async () => {
    await runRfqExpiry();
  });
  await boss.work("orders.complete-delivered", async () => {
    await runOrderCompletion();
  });
  await boss.work("payments.flag-overdue", async () => {
    await runOverdueFlagging();
  });
  // Stripe events are applied within a second of the webhook storing them.
  await boss.work<{ eventId: string }>("stripe.event", { pollingIntervalSeconds: 1, batchSize: 5 }, async (jobs) => {
    for (const job of jobs) await runStripeEvent(job.data.eventId);
  });
  await boss.work("stripe.events-sweep", async () => {
    await runStripeEventSweep();
  });
  await boss.work("export-declarations.sweep", async () => {
    await runDeclarationSweep();
  });
  await boss.work("tracking.poll", async () => {
    await runTrackingPoll();
  });
  await boss.work("shipments.sweep", async () => {
    await runShipmentSweep();
  });
  await boss.work("shipments.refresh-eta", async () => {
    await runEtaRefresh();
  });
  // Tracking notifications are written off the webhook's path, within a second of the event.
  await boss.work<{ eventId: string }>("shipments.notify", { pollingIntervalSeconds: 1, batchSize: 10 }, async (jobs) => {
    for (const job of jobs) await notifyShipmentEvent(job.data.eventId);
  });
  await boss.work("showrooms.event-reminders", async () => {
    await runShowroomReminders();
  });
  await boss.schedule("email.sweep", "*/5 * * * *");
  await boss.schedule("products.import-sweep", "* * * * *");
  await boss.schedule("maintenance.purge-expired", "17 * * * *");
  await boss.schedule("reservations.expire", "* * * * *");
  await boss.schedule("stock-alerts.evaluate", "*/5 * * * *");
  await boss.schedule("rfqs.expire", "* * * * *");
  // Hourly: an order completes within the hour its dispute window closes.
  await boss.schedule("orders.complete-delivered", "41 * * * *");
  // Daily, early in the UTC day: due dates are calendar days.
  await boss.schedule("payments.flag-overdue", "15 0 * * *");
  await boss.schedule("stripe.events-sweep", "* * * * *");
  await boss.schedule("export-declarations.sweep", "*/5 * * * *");
  await boss.schedule("tracking.poll", "* * * * *");
  await boss.schedule("shipments.sweep", "*/5 * * * *");
  // A shipment overrunning without news is flagged late within minutes (ingestion recomputes only on events).
  await boss.schedule("shipments.refresh-eta", "*/5 * * * *");
  await boss.schedule("showrooms.event-reminders", "*/15 * * * *");
}
