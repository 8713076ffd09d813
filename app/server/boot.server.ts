import { applyMigrations } from "../../prisma/schema-engine";
import { seedDemoData, seedReferenceData } from "../../prisma/seed";
import { env } from "~/modules/config/env.server";
import { connectDatabase, disconnectDatabase } from "~/modules/db/index.server";
import { startQueue, stopQueue } from "~/modules/jobs/queue.server";
import { closeRealtimeEmitter, connectRealtimeEmitter } from "~/modules/realtime/index.server";
import { registerWorkers } from "../../workers/index";

async function migrateAndSeed(database: Awaited<ReturnType<typeof connectDatabase>>) {
  const applied = await applyMigrations(database.url);
  if (applied.length) console.log(`[db] applied migrations: ${applied.join(", ")}`);
  await seedReferenceData();
  const seedDemo = env().PONTE_SEED_DEMO ? env().PONTE_SEED_DEMO === "true" : database.kind === "embedded";
  if (seedDemo) {
    const seeded = await seedDemoData({ onlyIfEmpty: true });
    if (seeded) console.log("[db] demo data seeded (logins in README.md, password ponte-demo-2026)");
  }
}

/** The primary of a cluster: migrations and seeds once, before the web processes start. */
export async function prepareDatabase() {
  const database = await connectDatabase();
  try {
    await migrateAndSeed(database);
  } finally {
    await disconnectDatabase();
  }
}

/**
 * Brings up what every Ponte process needs: the database (embedded or server), its migrations and reference
 * data, demo data on a fresh embedded database (unless `prepare` is false: a cluster's primary did it), and the job
 * queue (worked here when `work` is true).
 */
export async function bootServices(options: { work: boolean; prepare?: boolean }) {
  const database = await connectDatabase();
  if (options.prepare !== false) await migrateAndSeed(database);
  // Without a socket server here (`npm run workers`), live pushes reach the web processes through PostgreSQL; a web
  // process's own socket server takes precedence (realtime/index.server.ts).
  if (database.kind === "server") connectRealtimeEmitter(database.url);
  const boss = await startQueue(database.url);
  if (options.work) await registerWorkers(boss);
  return {
    database,
    async stop() {
      await stopQueue();
      await closeRealtimeEmitter();
      await disconnectDatabase();
    },
  };
}
