import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { applyMigrations } from "../../prisma/schema-engine";
import { seedReferenceData } from "../../prisma/seed";
import { startEmbeddedPostgres } from "~/modules/db/embedded-postgres.server";
import { connectDatabase, disconnectDatabase } from "~/modules/db/index.server";
import { startQueue, stopQueue } from "~/modules/jobs/queue.server";

export interface TestDatabase {
  url: string;
  kind: "embedded" | "server";
  cleanup(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or (project "postgres") a database of its own
 * on the PostgreSQL server at TEST_DATABASE_URL, dropped afterwards. Connects the app's `db` to it.
 */
export async function setupTestDatabase(): Promise<TestDatabase> {
  let url: string;
  let drop: () => Promise<void>;
  if (process.env.PONTE_TEST_DB === "server") {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error("TEST_DATABASE_URL is required for the postgres project");
    const name = `ponte_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
    await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
    const target = new URL(serverUrl);
    target.pathname = `/${name}`;
    url = target.toString();
    drop = () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } else {
    const embedded = await startEmbeddedPostgres();
    url = embedded.url;
    drop = () => embedded.close();
  }
  await applyMigrations(url);
  await connectDatabase({ url });
  await seedReferenceData();
  return {
    url,
    kind: process.env.PONTE_TEST_DB === "server" ? "server" : "embedded",
    async cleanup() {
      await disconnectDatabase();
      // pg pools resolve end() before their sockets close; let them go before the database is dropped.
      await new Promise((resolve) => setTimeout(resolve, 250));
      await drop();
    },
  };
}

async function adminQuery(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Registers a fresh database (and, with `queue`, the job queue on it) for the current test file; the handle's
 * `current` is set before the first test runs.
 */
export function withTestDatabase(options: { queue?: boolean } = {}): { current: TestDatabase } {
  const handle = {} as { current: TestDatabase };
  beforeAll(async () => {
    handle.current = await setupTestDatabase();
    if (options.queue) await startQueue(handle.current.url);
  });
  afterAll(async () => {
    if (options.queue) await stopQueue();
    await handle.current?.cleanup();
  });
  return handle;
}
