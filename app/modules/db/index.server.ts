import { env } from "~/modules/config/env.server";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres.server";
import { createBaseClient, createPool, guarded, scopedTo, type BaseClient, type Db, type ScopedDb } from "./client.server";
import path from "node:path";
import { LRUCache } from "lru-cache";
import type pg from "pg";

export type { Db, ScopedDb } from "./client.server";
export { TenantScopeError } from "./tenancy-guard";

interface Database {
  url: string;
  kind: "embedded" | "server";
  base: BaseClient;
  db: Db;
  /** The pool under `base`, for the few hot paths that send SQL through the driver directly (tracking ingestion). */
  pool: pg.Pool;
  embedded?: EmbeddedPostgres;
}

// One database per process, shared by every bundle that imports this module (the Remix build and the
// Express server are bundled separately): the registry lives on globalThis.
const registry = globalThis as typeof globalThis & { __ponteDatabase?: Database };

export async function connectDatabase(options: { url?: string; dataDir?: string } = {}): Promise<Database> {
  if (registry.__ponteDatabase) return registry.__ponteDatabase;
  const url = options.url ?? env().DATABASE_URL;
  let embedded: EmbeddedPostgres | undefined;
  let resolvedUrl: string;
  if (url) {
    resolvedUrl = url;
  } else {
    // The wire protocol is served on a Unix socket in the data folder (see startEmbeddedPostgres).
    embedded = await startEmbeddedPostgres(options.dataDir ?? path.join(env().PONTE_DATA_DIR, "pg"), { socketDir: path.join(env().PONTE_DATA_DIR, "pg-socket") });
    resolvedUrl = embedded.url;
  }
  const pool = createPool(resolvedUrl);
  const base = createBaseClient(pool);
  const database: Database = { url: resolvedUrl, kind: embedded ? "embedded" : "server", base, db: guarded(base), pool, embedded };
  registry.__ponteDatabase = database;
  return database;
}

export async function disconnectDatabase() {
  const database = registry.__ponteDatabase;
  if (!database) return;
  registry.__ponteDatabase = undefined;
  await database.base.$disconnect();
  await database.embedded?.close();
}

export function currentDatabase(): Database {
  const database = registry.__ponteDatabase;
  if (!database) throw new Error("Database not connected: call connectDatabase() at start-up");
  return database;
}

function lazy<T extends object>(get: () => T): T {
  return new Proxy({} as T, {
    get: (_target, prop) => {
      const target = get();
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** The guarded client: tenant-owned models must be filtered by organization or it throws. */
export const db: Db = lazy(() => currentDatabase().db);

/**
 * Cross-tenant access for system work only: workers, the platform desk, and lookups keyed by the signed-in user
 * (e.g. "my memberships"). Grep for it in review.
 */
export const unscopedDb: BaseClient = lazy(() => currentDatabase().base);

/**
 * Scoped clients kept per organization, up to 1,000 per database client: building one (Prisma's `$extends`) cost
 * ~0.4 ms of CPU on every signed-in request in profiles of bench:catalog, and it holds nothing but the organization's
 * id, so the same one can serve every request of that organization.
 */
const scopedClients = new WeakMap<BaseClient, LRUCache<string, ScopedDb>>();

/** The data-access layer for tenant code: every query reaches only this organization's rows. */
export function forOrganization(organizationId: string): ScopedDb {
  const base = currentDatabase().base;
  let clients = scopedClients.get(base);
  if (!clients) scopedClients.set(base, (clients = new LRUCache<string, ScopedDb>({ max: 1_000 })));
  let client = clients.get(organizationId);
  if (!client) clients.set(organizationId, (client = scopedTo(base, organizationId)));
  return client;
}
