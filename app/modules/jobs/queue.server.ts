import PgBoss from "pg-boss";

/** Every job the system knows, with its payload; handlers live in workers/. */
export interface JobPayloads {
  "email.send": { emailId: string };
  "email.sweep": Record<string, never>;
  "maintenance.purge-expired": Record<string, never>;
  /** A bulk catalog import (named products.*: the locale test reads quoted catalog.* strings as message keys). */
  "products.import": { importId: string };
  /** Recurring: fails imports whose process died (heartbeat stopped). */
  "products.import-sweep": Record<string, never>;
  /** Recurring: releases expired stock reservations. */
  "reservations.expire": Record<string, never>;
  /** Recurring: opens and resolves low-stock alerts, emails new ones. */
  "stock-alerts.evaluate": Record<string, never>;
  /** Recurring: closes RFQs nobody answered in time, expires quotes past their validity. */
  "rfqs.expire": Record<string, never>;
  /** Daily: marks terms orders past their due date as overdue and tells the buyer and the platform (once). */
  "payments.flag-overdue": Record<string, never>;
  /** One Stripe webhook event, stored by id before it was enqueued: applies it (payments, refunds). */
  "stripe.event": { eventId: string };
  /** Recurring: Stripe events stored but never applied. */
  "stripe.events-sweep": Record<string, never>;
  /** Daily: completes orders delivered 30 days ago that have no open dispute. */
  "orders.complete-delivered": Record<string, never>;
  /** Recurring: Zhuhai orders and shipped inbound shipments without an export declaration get one. */
  "export-declarations.sweep": Record<string, never>;
  /** Recurring: asks POLLING carriers' tracking APIs for the events of every leg on its way. */
  "tracking.poll": Record<string, never>;
  /** Recurring: shipped orders and inbound shipments on their way without a tracked shipment get one. */
  "shipments.sweep": Record<string, never>;
  "shipments.refresh-eta": Record<string, never>;
  /** One stored tracking event that changed a shipment: tells its people (in-app and email), once. */
  "shipments.notify": { eventId: string };
  /** Recurring: day-before reminders of showroom events, once per registered buyer. */
  "showrooms.event-reminders": Record<string, never>;
}
export type JobName = keyof JobPayloads;
export const JOB_NAMES: JobName[] = ["email.send", "email.sweep", "maintenance.purge-expired", "products.import", "products.import-sweep", "reservations.expire", "stock-alerts.evaluate", "rfqs.expire", "payments.flag-overdue", "stripe.event", "stripe.events-sweep", "orders.complete-delivered", "export-declarations.sweep", "tracking.poll", "shipments.sweep", "shipments.refresh-eta", "shipments.notify", "showrooms.event-reminders"];

const DEFAULT_QUEUE_OPTIONS = { retryLimit: 5, retryDelay: 30, retryBackoff: true };
/**
 * An import is never retried: its outcome (even "its process died") is recorded on the import, and running a file
 * that exhausted memory again would only do it again. One job an hour at most is allowed to run.
 */
const QUEUE_OPTIONS: Partial<Record<JobName, Omit<PgBoss.Queue, "name">>> = {
  "products.import": { retryLimit: 0, expireInSeconds: 3600 },
};

const registry = globalThis as typeof globalThis & { __ponteQueue?: PgBoss };

export async function startQueue(connectionString: string): Promise<PgBoss> {
  if (registry.__ponteQueue) return registry.__ponteQueue;
  // The embedded database serializes connections: keep the pool small and maintenance unhurried.
  const boss = new PgBoss({ connectionString, schema: "pgboss", max: 4, application_name: "ponte-queue" });
  boss.on("error", (error) => console.error("[queue]", error));
  await boss.start();
  for (const name of JOB_NAMES) {
    const options = { name, ...(QUEUE_OPTIONS[name] ?? DEFAULT_QUEUE_OPTIONS) };
    const existing = await boss.getQueue(name);
    if (!existing) await boss.createQueue(name, options);
    else if (existing.retryLimit !== options.retryLimit) await boss.updateQueue(name, options);
  }
  registry.__ponteQueue = boss;
  return boss;
}

export function currentQueue(): PgBoss | undefined {
  return registry.__ponteQueue;
}

export async function stopQueue() {
  const boss = registry.__ponteQueue;
  registry.__ponteQueue = undefined;
  await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
}

/** Enqueue after the data the job needs is committed (the embedded database deadlocks otherwise). */
export async function enqueue<N extends JobName>(name: N, data: JobPayloads[N], options: PgBoss.SendOptions = {}): Promise<string | null> {
  const boss = registry.__ponteQueue;
  if (!boss) throw new Error("Job queue not started");
  return boss.send(name, data, options);
}

export async function queueHealth(): Promise<{ ok: boolean; detail?: string }> {
  const boss = registry.__ponteQueue;
  if (!boss) return { ok: false, detail: "not started" };
  try {
    await boss.getQueue("email.send");
    return { ok: true };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}
